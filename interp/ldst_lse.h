/* LSE atomics (ARMv8.1: LD<op>/ST<op>, SWP, CAS, CASP) and the RCpc
 * unscaled forms (ARMv8.4 LRCPC2: LDAPUR/STLUR), on host atomics. Included
 * by interp/ldst.h, whose ldst_atomic_ptr gives the aligned host pointer:
 * every one of these accesses faults with SIGBUS BUS_ADRALN when it is not
 * naturally aligned (no LSE2). Host locked instructions are full barriers,
 * so every acquire/release variant is at least as ordered as Arm requires.
 * The single memory access is the only thing that can fault, and registers
 * are written after it, so a fault leaves the guest state untouched. */
#ifndef PVM_INTERP_LDST_LSE_H
#define PVM_INTERP_LDST_LSE_H

/* i->opt for LD<op>/SWP: the architectural opc, SWP after the eight */
enum ldst_lse_op {
    LSE_ADD, LSE_CLR, LSE_EOR, LSE_SET, LSE_SMAX, LSE_SMIN, LSE_UMAX, LSE_UMIN, LSE_SWP
};

/* One fetch-and-op per access width: the result is the old memory value.
 * MIN/MAX have no host instruction and use a compare-exchange loop. Every
 * access here is the guest's own (core/mem.h MEM_GUEST_ACCESS). */
#define LDST_LSE_FETCH(nbits, type, stype)                                                   \
    MEM_GUEST_ACCESS type ldst_lse_fetch##nbits(type *p, unsigned op, type v)               \
    {                                                                                        \
        switch (op) {                                                                        \
        case LSE_ADD: return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);                     \
        case LSE_CLR: return __atomic_fetch_and(p, (type)~v, __ATOMIC_SEQ_CST);              \
        case LSE_EOR: return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);                     \
        case LSE_SET: return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST);                      \
        case LSE_SWP: return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);                    \
        default: break;                                                                      \
        }                                                                                    \
        type old = __atomic_load_n(p, __ATOMIC_RELAXED), nv;                                 \
        do {                                                                                 \
            switch (op) {                                                                    \
            case LSE_SMAX: nv = (stype)old > (stype)v ? old : v; break;                      \
            case LSE_SMIN: nv = (stype)old < (stype)v ? old : v; break;                      \
            case LSE_UMAX: nv = old > v ? old : v; break;                                    \
            default: nv = old < v ? old : v; break;                                          \
            }                                                                                \
        } while (!__atomic_compare_exchange_n(p, &old, nv, true, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED)); \
        return old;                                                                          \
    }
LDST_LSE_FETCH(8, uint8_t, int8_t)
LDST_LSE_FETCH(16, uint16_t, int16_t)
LDST_LSE_FETCH(32, uint32_t, int32_t)
LDST_LSE_FETCH(64, uint64_t, int64_t)
#undef LDST_LSE_FETCH

/* LD<op>, ST<op> (Rt = XZR) and SWP: rs = source, rd = destination of the old value */
static inline enum xres ldst_lse(struct cpu *c, const struct insn *i, enum ldst_lse_op op)
{
    uint8_t *p = ldst_atomic_ptr(c, c->x[i->rn], 1u << i->size);
    uint64_t v = c->x[i->rs], old;
    switch (i->size) {
    case 0: old = ldst_lse_fetch8(p, op, (uint8_t)v); break;
    case 1: old = ldst_lse_fetch16((uint16_t *)p, op, (uint16_t)v); break;
    case 2: old = ldst_lse_fetch32((uint32_t *)p, op, (uint32_t)v); break;
    default: old = ldst_lse_fetch64((uint64_t *)p, op, v); break;
    }
    c->x[i->rd] = old;
    return X_NEXT;
}

static inline enum xres op_LDADD(struct cpu *c, const struct insn *i) { return ldst_lse(c, i, LSE_ADD); }
static inline enum xres op_LDCLR(struct cpu *c, const struct insn *i) { return ldst_lse(c, i, LSE_CLR); }
static inline enum xres op_LDEOR(struct cpu *c, const struct insn *i) { return ldst_lse(c, i, LSE_EOR); }
static inline enum xres op_LDSET(struct cpu *c, const struct insn *i) { return ldst_lse(c, i, LSE_SET); }
static inline enum xres op_LDSMAX(struct cpu *c, const struct insn *i) { return ldst_lse(c, i, LSE_SMAX); }
static inline enum xres op_LDSMIN(struct cpu *c, const struct insn *i) { return ldst_lse(c, i, LSE_SMIN); }
static inline enum xres op_LDUMAX(struct cpu *c, const struct insn *i) { return ldst_lse(c, i, LSE_UMAX); }
static inline enum xres op_LDUMIN(struct cpu *c, const struct insn *i) { return ldst_lse(c, i, LSE_UMIN); }
static inline enum xres op_SWP(struct cpu *c, const struct insn *i) { return ldst_lse(c, i, LSE_SWP); }

/* CAS: compare memory with Rs (read rm), store Rt (rd) when equal; Rs (rs,
 * write) receives the old value either way. x86 LOCK CMPXCHG writes even
 * when the compare fails, so a failed CAS on a read-only page faults; Arm
 * allows that (a CAS may be treated as a write for permissions). */
/* compare-exchange of 1 << size bytes that returns the memory value it found */
MEM_GUEST_ACCESS uint64_t ldst_cas_old(uint8_t *p, unsigned size, uint64_t expect, uint64_t v)
{
    switch (size) {
    case 0: { uint8_t e = (uint8_t)expect; __atomic_compare_exchange_n(p, &e, (uint8_t)v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return e; }
    case 1: { uint16_t e = (uint16_t)expect; __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return e; }
    case 2: { uint32_t e = (uint32_t)expect; __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return e; }
    default: { uint64_t e = expect; __atomic_compare_exchange_n((uint64_t *)p, &e, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); return e; }
    }
}

static inline enum xres op_CAS(struct cpu *c, const struct insn *i)
{
    uint8_t *p = ldst_atomic_ptr(c, c->x[i->rn], 1u << i->size);
    c->x[i->rs] = ldst_cas_old(p, i->size, c->x[i->rm], c->x[i->rd]);
    return X_NEXT;
}

/* 16-byte compare-exchange that returns the memory value it found */
static inline unsigned __int128 ldst_cas128_old(uint8_t *p, unsigned __int128 expect, unsigned __int128 v)
{
    uint64_t lo = (uint64_t)expect, hi = (uint64_t)(expect >> 64);
    __asm__ volatile("lock cmpxchg16b %0"
                     : "+m"(*(unsigned __int128 *)p), "+a"(lo), "+d"(hi)
                     : "b"((uint64_t)v), "c"((uint64_t)(v >> 64))
                     : "memory", "cc");
    return ((unsigned __int128)hi << 64) | lo;
}

/* CASP: the pair <Rs, Rs+1> (Rs at the lower address) is compared with
 * memory and receives the old pair; <Rt, Rt+1> is stored on a match.
 * Fields: rs = Rs, rm / y = Rs+1 read / write, rd = Rt, ra = Rt+1 (read). */
static inline enum xres op_CASP(struct cpu *c, const struct insn *i)
{
    unsigned n = 2u << i->size;
    uint8_t *p = ldst_atomic_ptr(c, c->x[i->rn], n);
    uint64_t lo, hi;
    if (n == 16) {
        unsigned __int128 e = ((unsigned __int128)c->x[i->rm] << 64) | c->x[i->rs];
        unsigned __int128 v = ((unsigned __int128)c->x[i->ra] << 64) | c->x[i->rd];
        unsigned __int128 old = ldst_cas128_old(p, e, v);
        lo = (uint64_t)old;
        hi = (uint64_t)(old >> 64);
    } else {
        uint64_t e = (uint32_t)c->x[i->rs] | (uint64_t)c->x[i->rm] << 32;
        uint64_t v = (uint32_t)c->x[i->rd] | (uint64_t)c->x[i->ra] << 32;
        uint64_t old = ldst_cas_old(p, 3, e, v);
        lo = (uint32_t)old;
        hi = old >> 32;
    }
    c->x[i->rs] = lo;
    c->x[i->y] = hi;
    return X_NEXT;
}

/* ---- LRCPC2: LDAPUR/STLUR, ordered accesses with an unscaled offset ---- */

static inline enum xres ldst_rcpc(struct cpu *c, const struct insn *i, enum ldst_kind k)
{
    uint8_t *p = ldst_atomic_ptr(c, c->x[i->rn] + (uint64_t)i->imm, 1u << i->size);
    if (k == LK_STR) {
        ldst_atomic_store(p, i->size, c->x[i->rd]);
        return X_NEXT;
    }
    uint64_t v = ldst_atomic_load(p, i->size, __ATOMIC_ACQUIRE);
    if (k == LK_LDRSX)
        v = ldst_sext(v, i->size);
    else if (k == LK_LDRS32)
        v = (uint32_t)ldst_sext(v, i->size);
    c->x[i->rd] = v;
    return X_NEXT;
}

static inline enum xres op_STLUR(struct cpu *c, const struct insn *i) { return ldst_rcpc(c, i, LK_STR); }
static inline enum xres op_LDAPUR(struct cpu *c, const struct insn *i) { return ldst_rcpc(c, i, LK_LDR); }
static inline enum xres op_LDAPURSX(struct cpu *c, const struct insn *i) { return ldst_rcpc(c, i, LK_LDRSX); }
static inline enum xres op_LDAPURS32(struct cpu *c, const struct insn *i) { return ldst_rcpc(c, i, LK_LDRS32); }

#endif

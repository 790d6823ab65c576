/* Load/store semantics. Every access goes through core/mem.h. Invariant:
 * all loads of an instruction complete (into temporaries) before any
 * register is written, and the base is written back after the access, so a
 * fault leaves the guest state exactly as before the instruction. For a
 * load with writeback where Rt == Rn (CONSTRAINED UNPREDICTABLE) the loaded
 * value wins, as on Cortex-A cores. */
#ifndef PVM_INTERP_LDST_H
#define PVM_INTERP_LDST_H
#include <signal.h>
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/insn.h"

enum ldst_kind { LK_STR, LK_LDR, LK_LDRSX, LK_LDRS32, LK_STRV, LK_LDRV };
enum ldst_mode { LM_OFF, LM_PRE, LM_POST, LM_REG };

static inline uint64_t ldst_load_int(struct cpu *c, uint64_t a, unsigned size)
{
    switch (size) {
    case 0: return mem_ld8(c, a);
    case 1: return mem_ld16(c, a);
    case 2: return mem_ld32(c, a);
    default: return mem_ld64(c, a);
    }
}

static inline void ldst_store_int(struct cpu *c, uint64_t a, unsigned size, uint64_t v)
{
    switch (size) {
    case 0: mem_st8(c, a, (uint8_t)v); break;
    case 1: mem_st16(c, a, (uint16_t)v); break;
    case 2: mem_st32(c, a, (uint32_t)v); break;
    default: mem_st64(c, a, v); break;
    }
}

/* SIMD&FP register access of 1 << size bytes (size 4 = Q); loads zero the rest */
static inline vreg ldst_load_vec(struct cpu *c, uint64_t a, unsigned size)
{
    vreg v = {0};
    if (size == 4)
        v.q = mem_ld128(c, a);
    else
        v.d[0] = ldst_load_int(c, a, size);
    return v;
}

static inline void ldst_store_vec(struct cpu *c, uint64_t a, unsigned size, const vreg *v)
{
    if (size == 4)
        mem_st128(c, a, v->q);
    else
        ldst_store_int(c, a, size, v->d[0]);
}

static inline uint64_t ldst_extend(uint64_t v, unsigned option, unsigned shift)
{
    switch (option) {
    case 2: v = (uint32_t)v; break;           /* UXTW */
    case 6: v = (uint64_t)(int32_t)v; break;  /* SXTW */
    default: break;                           /* LSL/UXTX, SXTX */
    }
    return v << shift;
}

static inline uint64_t ldst_sext(uint64_t v, unsigned size)
{
    switch (size) {
    case 0: return (uint64_t)(int8_t)v;
    case 1: return (uint64_t)(int16_t)v;
    case 2: return (uint64_t)(int32_t)v;
    default: return v;
    }
}

/* one register load/store of the given kind and addressing mode */
static inline enum xres ldst_one(struct cpu *c, const struct insn *i, enum ldst_kind k, enum ldst_mode m)
{
    uint64_t base = c->x[i->rn];
    uint64_t a = m == LM_POST ? base
               : m == LM_REG  ? base + ldst_extend(c->x[i->rm], i->opt, i->amt)
                              : base + (uint64_t)i->imm;
    uint64_t v = 0;
    vreg q;
    switch (k) {
    case LK_STR: ldst_store_int(c, a, i->size, c->x[i->rd]); break;
    case LK_STRV: ldst_store_vec(c, a, i->size, &c->v[i->rd]); break;
    case LK_LDR: v = ldst_load_int(c, a, i->size); break;
    case LK_LDRSX: v = ldst_sext(ldst_load_int(c, a, i->size), i->size); break;
    case LK_LDRS32: v = (uint32_t)ldst_sext(ldst_load_int(c, a, i->size), i->size); break;
    case LK_LDRV: q = ldst_load_vec(c, a, i->size); break;
    }
    if (m == LM_PRE)
        c->x[i->rn] = a;
    else if (m == LM_POST)
        c->x[i->rn] = a + (uint64_t)i->imm;
    if (k == LK_LDR || k == LK_LDRSX || k == LK_LDRS32)
        c->x[i->rd] = v;
    else if (k == LK_LDRV)
        c->v[i->rd] = q;
    return X_NEXT;
}

#define LDST_OPS(KIND, kind)                                                                                         \
    static inline enum xres op_##KIND##_OFF(struct cpu *c, const struct insn *i) { return ldst_one(c, i, kind, LM_OFF); }   \
    static inline enum xres op_##KIND##_OFF_U(struct cpu *c, const struct insn *i) { return ldst_one(c, i, kind, LM_OFF); } \
    static inline enum xres op_##KIND##_PRE(struct cpu *c, const struct insn *i) { return ldst_one(c, i, kind, LM_PRE); }   \
    static inline enum xres op_##KIND##_POST(struct cpu *c, const struct insn *i) { return ldst_one(c, i, kind, LM_POST); } \
    static inline enum xres op_##KIND##_REG(struct cpu *c, const struct insn *i) { return ldst_one(c, i, kind, LM_REG); }
LDST_OPS(STR, LK_STR)
LDST_OPS(LDR, LK_LDR)
LDST_OPS(LDRSX, LK_LDRSX)
LDST_OPS(LDRS32, LK_LDRS32)
LDST_OPS(STRV, LK_STRV)
LDST_OPS(LDRV, LK_LDRV)
#undef LDST_OPS
/* unprivileged forms behave as the unscaled ones at EL0 */
static inline enum xres op_STR_OFF_T(struct cpu *c, const struct insn *i) { return ldst_one(c, i, LK_STR, LM_OFF); }
static inline enum xres op_LDR_OFF_T(struct cpu *c, const struct insn *i) { return ldst_one(c, i, LK_LDR, LM_OFF); }
static inline enum xres op_LDRSX_OFF_T(struct cpu *c, const struct insn *i) { return ldst_one(c, i, LK_LDRSX, LM_OFF); }
static inline enum xres op_LDRS32_OFF_T(struct cpu *c, const struct insn *i) { return ldst_one(c, i, LK_LDRS32, LM_OFF); }

/* prefetches are hints: no access, never a fault */
static inline enum xres op_PRFM_OFF(struct cpu *c, const struct insn *i) { return X_NEXT; }
static inline enum xres op_PRFUM(struct cpu *c, const struct insn *i) { return X_NEXT; }
static inline enum xres op_PRFM_REG(struct cpu *c, const struct insn *i) { return X_NEXT; }
static inline enum xres op_PRFM_LIT(struct cpu *c, const struct insn *i) { return X_NEXT; }

static inline enum xres op_LDR_LIT(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = ldst_load_int(c, i->pc + (uint64_t)i->imm, i->size);
    return X_NEXT;
}
static inline enum xres op_LDRSW_LIT(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = (uint64_t)(int32_t)mem_ld32(c, i->pc + (uint64_t)i->imm);
    return X_NEXT;
}
static inline enum xres op_LDRV_LIT(struct cpu *c, const struct insn *i)
{
    c->v[i->rd] = ldst_load_vec(c, i->pc + (uint64_t)i->imm, i->size);
    return X_NEXT;
}

/* ---- pairs ---- */

enum ldst_pkind { PK_STP, PK_LDP, PK_LDPSW, PK_STPV, PK_LDPV };

static inline enum xres ldst_pair(struct cpu *c, const struct insn *i, enum ldst_pkind k, enum ldst_mode m)
{
    uint64_t base = c->x[i->rn];
    uint64_t a = m == LM_POST ? base : base + (uint64_t)i->imm;
    uint64_t step = 1ull << i->size;
    uint64_t v1 = 0, v2 = 0;
    vreg q1, q2;
    switch (k) {
    case PK_STP:
        ldst_store_int(c, a, i->size, c->x[i->rd]);
        ldst_store_int(c, a + step, i->size, c->x[i->ra]);
        break;
    case PK_STPV:
        ldst_store_vec(c, a, i->size, &c->v[i->rd]);
        ldst_store_vec(c, a + step, i->size, &c->v[i->ra]);
        break;
    case PK_LDP:
        v1 = ldst_load_int(c, a, i->size);
        v2 = ldst_load_int(c, a + step, i->size);
        break;
    case PK_LDPSW:
        v1 = (uint64_t)(int32_t)mem_ld32(c, a);
        v2 = (uint64_t)(int32_t)mem_ld32(c, a + 4);
        break;
    case PK_LDPV:
        q1 = ldst_load_vec(c, a, i->size);
        q2 = ldst_load_vec(c, a + step, i->size);
        break;
    }
    if (m == LM_PRE)
        c->x[i->rn] = a;
    else if (m == LM_POST)
        c->x[i->rn] = a + (uint64_t)i->imm;
    if (k == PK_LDP || k == PK_LDPSW) {
        c->x[i->rd] = v1;
        c->x[i->ra] = v2;
    } else if (k == PK_LDPV) {
        c->v[i->rd] = q1;
        c->v[i->ra] = q2;
    }
    return X_NEXT;
}

#define LDST_PAIR_OPS(KIND, kind)                                                                                            \
    static inline enum xres op_##KIND##_OFF(struct cpu *c, const struct insn *i) { return ldst_pair(c, i, kind, LM_OFF); }      \
    static inline enum xres op_##KIND##_PRE(struct cpu *c, const struct insn *i) { return ldst_pair(c, i, kind, LM_PRE); }      \
    static inline enum xres op_##KIND##_POST(struct cpu *c, const struct insn *i) { return ldst_pair(c, i, kind, LM_POST); }
LDST_PAIR_OPS(STP, PK_STP)
LDST_PAIR_OPS(LDP, PK_LDP)
LDST_PAIR_OPS(LDPSW, PK_LDPSW)
LDST_PAIR_OPS(STPV, PK_STPV)
LDST_PAIR_OPS(LDPV, PK_LDPV)
#undef LDST_PAIR_OPS
/* no-allocate pairs are ordinary pairs for an emulator */
static inline enum xres op_STP_OFF_NP(struct cpu *c, const struct insn *i) { return ldst_pair(c, i, PK_STP, LM_OFF); }
static inline enum xres op_LDP_OFF_NP(struct cpu *c, const struct insn *i) { return ldst_pair(c, i, PK_LDP, LM_OFF); }
static inline enum xres op_STPV_OFF_NP(struct cpu *c, const struct insn *i) { return ldst_pair(c, i, PK_STPV, LM_OFF); }
static inline enum xres op_LDPV_OFF_NP(struct cpu *c, const struct insn *i) { return ldst_pair(c, i, PK_LDPV, LM_OFF); }

/* ---- exclusives and ordered accesses ---- */

/* host pointer for an atomic access of n bytes that must be naturally aligned */
static inline uint8_t *ldst_atomic_ptr(struct cpu *c, uint64_t a, unsigned n)
{
    if (mem_untag(a) & (n - 1))
        mem_fault(c, mem_untag(a), SIGBUS, BUS_ADRALN);
    return mem_h(c, a, n);
}

/* The atomic accesses below are the guest's own (core/mem.h
 * MEM_GUEST_ACCESS: ThreadSanitizer does not see them). */
MEM_GUEST_ACCESS uint64_t ldst_atomic_load(uint8_t *p, unsigned size, int order)
{
    switch (size) {
    case 0: return __atomic_load_n(p, order);
    case 1: return __atomic_load_n((uint16_t *)p, order);
    case 2: return __atomic_load_n((uint32_t *)p, order);
    default: return __atomic_load_n((uint64_t *)p, order);
    }
}

MEM_GUEST_ACCESS bool ldst_atomic_cas(uint8_t *p, unsigned size, uint64_t expect, uint64_t v)
{
    switch (size) {
    case 0: { uint8_t e = (uint8_t)expect; return __atomic_compare_exchange_n(p, &e, (uint8_t)v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }
    case 1: { uint16_t e = (uint16_t)expect; return __atomic_compare_exchange_n((uint16_t *)p, &e, (uint16_t)v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }
    case 2: { uint32_t e = (uint32_t)expect; return __atomic_compare_exchange_n((uint32_t *)p, &e, (uint32_t)v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }
    default: { uint64_t e = expect; return __atomic_compare_exchange_n((uint64_t *)p, &e, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST); }
    }
}

MEM_GUEST_ACCESS void ldst_atomic_store(uint8_t *p, unsigned size, uint64_t v)
{
    switch (size) {
    case 0: __atomic_store_n(p, (uint8_t)v, __ATOMIC_SEQ_CST); break;
    case 1: __atomic_store_n((uint16_t *)p, (uint16_t)v, __ATOMIC_SEQ_CST); break;
    case 2: __atomic_store_n((uint32_t *)p, (uint32_t)v, __ATOMIC_SEQ_CST); break;
    default: __atomic_store_n((uint64_t *)p, v, __ATOMIC_SEQ_CST); break;
    }
}

/* 16-byte compare-and-swap (LOCK CMPXCHG16B; p is 16-byte aligned; inline
 * assembly, which TSan does not see either) */
static inline bool ldst_cas128(uint8_t *p, unsigned __int128 expect, unsigned __int128 v)
{
    uint64_t elo = (uint64_t)expect, ehi = (uint64_t)(expect >> 64);
    bool ok;
    __asm__ volatile("lock cmpxchg16b %1"
                     : "=@ccz"(ok), "+m"(*(unsigned __int128 *)p), "+a"(elo), "+d"(ehi)
                     : "b"((uint64_t)v), "c"((uint64_t)(v >> 64))
                     : "memory");
    return ok;
}

/* 16-byte load for LDXP: an aligned SSE load (single-copy atomic on
 * AVX-capable x86). It need not be atomic anyway: the pair is only
 * architecturally atomic if the STXP succeeds, and STXP compares all 16
 * bytes with it. A load, not a CMPXCHG16B, so read-only pages work. */
static inline unsigned __int128 ldst_load128(const uint8_t *p)
{
    unsigned __int128 v;
    __asm__ volatile("movdqa %1, %0" : "=x"(v) : "m"(*(const unsigned __int128 *)p) : "memory");
    return v;
}

static inline enum xres op_LDXR(struct cpu *c, const struct insn *i)
{
    uint64_t a = c->x[i->rn];
    unsigned n = 1u << i->size;
    uint64_t v = ldst_atomic_load(ldst_atomic_ptr(c, a, n), i->size, __ATOMIC_ACQUIRE);
    c->excl_addr = mem_untag(a);
    c->excl_size = n;
    c->excl_val = v;
    c->x[i->rd] = v;
    return X_NEXT;
}

static inline enum xres op_STXR(struct cpu *c, const struct insn *i)
{
    uint64_t a = c->x[i->rn];
    unsigned n = 1u << i->size;
    uint8_t *p = ldst_atomic_ptr(c, a, n);
    bool ok = c->excl_size == n && c->excl_addr == mem_untag(a) &&
              ldst_atomic_cas(p, i->size, (uint64_t)c->excl_val, c->x[i->rd]);
    c->excl_size = 0;
    c->x[i->rs] = ok ? 0 : 1;
    return X_NEXT;
}

static inline enum xres op_LDXP(struct cpu *c, const struct insn *i)
{
    uint64_t a = c->x[i->rn];
    unsigned n = 2u << i->size;
    uint8_t *p = ldst_atomic_ptr(c, a, n);
    unsigned __int128 v;
    uint64_t lo, hi;
    if (n == 16) {
        v = ldst_load128(p);
        lo = (uint64_t)v;
        hi = (uint64_t)(v >> 64);
    } else {
        v = ldst_atomic_load(p, 3, __ATOMIC_ACQUIRE);
        lo = (uint32_t)v;
        hi = (uint32_t)((uint64_t)v >> 32);
    }
    c->excl_addr = mem_untag(a);
    c->excl_size = n;
    c->excl_val = v;
    c->x[i->rd] = lo;
    c->x[i->ra] = hi;
    return X_NEXT;
}

static inline enum xres op_STXP(struct cpu *c, const struct insn *i)
{
    uint64_t a = c->x[i->rn];
    unsigned n = 2u << i->size;
    uint8_t *p = ldst_atomic_ptr(c, a, n);
    bool ok = c->excl_size == n && c->excl_addr == mem_untag(a);
    if (ok && n == 16) {
        unsigned __int128 v = ((unsigned __int128)c->x[i->ra] << 64) | c->x[i->rd];
        ok = ldst_cas128(p, c->excl_val, v);
    } else if (ok) {
        uint64_t v = (uint32_t)c->x[i->rd] | ((uint64_t)(uint32_t)c->x[i->ra] << 32);
        ok = ldst_atomic_cas(p, 3, (uint64_t)c->excl_val, v);
    }
    c->excl_size = 0;
    c->x[i->rs] = ok ? 0 : 1;
    return X_NEXT;
}

static inline enum xres op_LDAR(struct cpu *c, const struct insn *i)
{
    unsigned n = 1u << i->size;
    c->x[i->rd] = ldst_atomic_load(ldst_atomic_ptr(c, c->x[i->rn], n), i->size, __ATOMIC_ACQUIRE);
    return X_NEXT;
}

static inline enum xres op_LDAPR(struct cpu *c, const struct insn *i) { return op_LDAR(c, i); }

static inline enum xres op_STLR(struct cpu *c, const struct insn *i)
{
    unsigned n = 1u << i->size;
    ldst_atomic_store(ldst_atomic_ptr(c, c->x[i->rn], n), i->size, c->x[i->rd]);
    return X_NEXT;
}

/* ---- Advanced SIMD structures ---- */

static inline uint64_t ldst_lane_get(const vreg *v, unsigned size, unsigned idx)
{
    switch (size) {
    case 0: return v->b[idx];
    case 1: return v->h[idx];
    case 2: return v->s[idx];
    default: return v->d[idx];
    }
}

static inline void ldst_lane_set(vreg *v, unsigned size, unsigned idx, uint64_t x)
{
    switch (size) {
    case 0: v->b[idx] = (uint8_t)x; break;
    case 1: v->h[idx] = (uint16_t)x; break;
    case 2: v->s[idx] = (uint32_t)x; break;
    default: v->d[idx] = x; break;
    }
}

static inline uint64_t ldst_post_amount(const struct cpu *c, const struct insn *i)
{
    return i->rm == 31 ? (uint64_t)i->imm : c->x[i->rm];
}

static inline enum xres ldst_mult(struct cpu *c, const struct insn *i, bool load, bool post)
{
    uint64_t a = c->x[i->rn];
    unsigned ebytes = 1u << i->size, elems = (i->opt ? 16u : 8u) / ebytes;
    unsigned nregs = (unsigned)i->x * i->y;
    vreg t[4];
    for (unsigned r = 0; r < nregs; r++) {
        t[r] = c->v[(i->rd + r) & 31];
        if (load && !i->opt)
            t[r].d[1] = 0;
    }
    uint64_t off = 0;
    for (unsigned rep = 0; rep < i->x; rep++)
        for (unsigned e = 0; e < elems; e++)
            for (unsigned s = 0; s < i->y; s++) {
                vreg *v = &t[rep + s];
                if (load)
                    ldst_lane_set(v, i->size, e, ldst_load_int(c, a + off, i->size));
                else
                    ldst_store_int(c, a + off, i->size, ldst_lane_get(v, i->size, e));
                off += ebytes;
            }
    if (post)
        c->x[i->rn] = a + ldst_post_amount(c, i);
    if (load)
        for (unsigned r = 0; r < nregs; r++)
            c->v[(i->rd + r) & 31] = t[r];
    return X_NEXT;
}

static inline enum xres ldst_single(struct cpu *c, const struct insn *i, bool load, bool post)
{
    uint64_t a = c->x[i->rn];
    unsigned ebytes = 1u << i->size;
    vreg t[4];
    for (unsigned s = 0; s < i->y; s++) {
        vreg *v = &t[s];
        *v = c->v[(i->rd + s) & 31];
        uint64_t ea = a + (uint64_t)s * ebytes;
        if (i->amt) { /* replicate to every lane */
            uint64_t x = ldst_load_int(c, ea, i->size);
            unsigned lanes = (i->opt ? 16u : 8u) / ebytes;
            *v = (vreg){0};
            for (unsigned e = 0; e < lanes; e++)
                ldst_lane_set(v, i->size, e, x);
        } else if (load) {
            ldst_lane_set(v, i->size, i->x, ldst_load_int(c, ea, i->size));
        } else {
            ldst_store_int(c, ea, i->size, ldst_lane_get(v, i->size, i->x));
        }
    }
    if (post)
        c->x[i->rn] = a + ldst_post_amount(c, i);
    if (load)
        for (unsigned s = 0; s < i->y; s++)
            c->v[(i->rd + s) & 31] = t[s];
    return X_NEXT;
}

static inline enum xres op_ST_MULT(struct cpu *c, const struct insn *i) { return ldst_mult(c, i, false, false); }
static inline enum xres op_LD_MULT(struct cpu *c, const struct insn *i) { return ldst_mult(c, i, true, false); }
static inline enum xres op_ST_MULT_POST(struct cpu *c, const struct insn *i) { return ldst_mult(c, i, false, true); }
static inline enum xres op_LD_MULT_POST(struct cpu *c, const struct insn *i) { return ldst_mult(c, i, true, true); }
static inline enum xres op_LD_REPL(struct cpu *c, const struct insn *i) { return ldst_single(c, i, true, false); }
static inline enum xres op_LD_REPL_POST(struct cpu *c, const struct insn *i) { return ldst_single(c, i, true, true); }
static inline enum xres op_ST_SINGLE(struct cpu *c, const struct insn *i) { return ldst_single(c, i, false, false); }
static inline enum xres op_LD_SINGLE(struct cpu *c, const struct insn *i) { return ldst_single(c, i, true, false); }
static inline enum xres op_ST_SINGLE_POST(struct cpu *c, const struct insn *i) { return ldst_single(c, i, false, true); }
static inline enum xres op_LD_SINGLE_POST(struct cpu *c, const struct insn *i) { return ldst_single(c, i, true, true); }

#include "interp/ldst_lse.h"

#endif

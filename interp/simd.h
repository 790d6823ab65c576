/* Advanced SIMD semantics: lane access and the shared element-wise loops the
 * op_V_* routines of interp/simd_*.h are built from. Invariants: every loop
 * computes the whole result into a temporary vreg and writes the destination
 * once at the end (sources may alias it); lanes past i->x are zero, so Q=0
 * and scalar forms clear the rest of the register; saturation sets FPSR.QC
 * (bit 27) by or-ing c->fpsr directly, since QC is sticky and needs no
 * FPCR-dependent processing. Field conventions: see interp/simd_fmt.h. */
#ifndef PVM_INTERP_SIMD_H
#define PVM_INTERP_SIMD_H
#include <stdbool.h>
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/insn.h"

#define SIMD_FPSR_QC (1u << 27)

static inline uint64_t simd_elt(const vreg *v, unsigned size, unsigned e)
{
    switch (size) {
    case 0: return v->b[e];
    case 1: return v->h[e];
    case 2: return v->s[e];
    default: return v->d[e];
    }
}
static inline void simd_set(vreg *v, unsigned size, unsigned e, uint64_t x)
{
    switch (size) {
    case 0: v->b[e] = (uint8_t)x; break;
    case 1: v->h[e] = (uint16_t)x; break;
    case 2: v->s[e] = (uint32_t)x; break;
    default: v->d[e] = x; break;
    }
}
static inline unsigned simd_ebits(unsigned size) { return 8u << size; }
static inline uint64_t simd_emask(unsigned size) { return size >= 3 ? ~0ull : (1ull << (8 << size)) - 1; }
static inline int64_t simd_sx(uint64_t x, unsigned size)
{
    unsigned sh = 64 - (8 << size);
    return (int64_t)(x << sh) >> sh;
}
static inline __int128 simd_smax(unsigned size) { return ((__int128)1 << ((8 << size) - 1)) - 1; }

/* Saturate a wide result to a signed / unsigned element of `size`. */
static inline uint64_t simd_sat_s(__int128 v, unsigned size, bool *qc)
{
    __int128 max = simd_smax(size), min = -max - 1;
    if (v > max) {
        *qc = true;
        v = max;
    } else if (v < min) {
        *qc = true;
        v = min;
    }
    return (uint64_t)v & simd_emask(size);
}
static inline uint64_t simd_sat_u(__int128 v, unsigned size, bool *qc)
{
    __int128 max = (__int128)simd_emask(size);
    if (v > max) {
        *qc = true;
        v = max;
    } else if (v < 0) {
        *qc = true;
        v = 0;
    }
    return (uint64_t)v;
}

/* v >> n, rounding if asked; v has at most 66 significant bits and callers
 * clamp n to at most 66, so nothing overflows the 128-bit intermediate. */
static inline __int128 simd_shr128(__int128 v, unsigned n, bool rnd)
{
    if (!n)
        return v;
    if (rnd)
        v += (__int128)1 << (n - 1);
    return v >> n;
}

/* Shift by a signed amount (negative = right), the common core of
 * [SU][R]SHL, [SU]Q[R]SHL (register and immediate) and the immediate right
 * shifts. Returns the masked element; saturates (sat) on left overflow. */
static inline uint64_t simd_shift(uint64_t a, int sh, unsigned size, bool sgn, bool rnd, bool sat,
                                  bool *qc)
{
    int esz = (int)simd_ebits(size);
    __int128 v = sgn ? (__int128)simd_sx(a, size) : (__int128)(a & simd_emask(size));
    if (sh < 0) {
        unsigned n = (unsigned)(-sh > esz + 1 ? esz + 1 : -sh);
        return (uint64_t)simd_shr128(v, n, rnd) & simd_emask(size);
    }
    if (!sat)
        return sh >= esz ? 0 : (a << sh) & simd_emask(size);
    if (sh >= esz) {
        if (!v)
            return 0;
        return sgn ? simd_sat_s(v > 0 ? simd_smax(size) + 1 : -simd_smax(size) - 2, size, qc)
                   : simd_sat_u((__int128)1 << 65, size, qc);
    }
    v *= (__int128)1 << sh;
    return sgn ? simd_sat_s(v, size, qc) : simd_sat_u(v, size, qc);
}

/* One element operation: a from Vn, b from Vm (or an index/immediate, see
 * simd_opb), d the destination's old element (for accumulating forms). */
typedef uint64_t (*simd_efn)(uint64_t a, uint64_t b, uint64_t d, unsigned size, bool *qc);

/* Where the second operand comes from. */
enum simd_bmode {
    SIMD_VEC,  /* lane e of Vm */
    SIMD_ELEM, /* lane i->imm of Vm (by-element forms) */
    SIMD_IMM   /* the immediate i->imm itself (shift amounts) */
};
static inline uint64_t simd_opb(const struct cpu *c, const struct insn *i, enum simd_bmode bm,
                                unsigned size, unsigned e)
{
    if (bm == SIMD_VEC)
        return simd_elt(&c->v[i->rm], size, e);
    if (bm == SIMD_ELEM)
        return simd_elt(&c->v[i->rm], size, (unsigned)i->imm);
    return (uint64_t)i->imm;
}

static inline enum xres simd_write(struct cpu *c, unsigned rd, const vreg *r, bool qc)
{
    if (qc)
        c->fpsr |= SIMD_FPSR_QC;
    c->v[rd] = *r;
    return X_NEXT;
}

/* Same-size lanes: r[e] = f(n[e], b, d[e]). */
static inline enum xres simd_map(struct cpu *c, const struct insn *i, simd_efn f, enum simd_bmode bm)
{
    vreg r = {0};
    bool qc = false;
    unsigned sz = i->size;
    for (unsigned e = 0; e < i->x; e++)
        simd_set(&r, sz, e,
                 f(simd_elt(&c->v[i->rn], sz, e), simd_opb(c, i, bm, sz, e), simd_elt(&c->v[i->rd], sz, e),
                   sz, &qc));
    return simd_write(c, i->rd, &r, qc);
}

/* Long and wide: r (size+1)[e] = f(a, b, d[e]); a is Vn's wide lane e when
 * wide_a, else narrow lane amt+e; f gets the narrow size. */
static inline enum xres simd_long(struct cpu *c, const struct insn *i, simd_efn f, enum simd_bmode bm,
                                  bool wide_a)
{
    vreg r = {0};
    bool qc = false;
    unsigned sz = i->size;
    for (unsigned e = 0; e < i->x; e++) {
        uint64_t a = wide_a ? simd_elt(&c->v[i->rn], sz + 1, e) : simd_elt(&c->v[i->rn], sz, i->amt + e);
        uint64_t b = simd_opb(c, i, bm, sz, i->amt + e);
        simd_set(&r, sz + 1, e, f(a, b, simd_elt(&c->v[i->rd], sz + 1, e), sz, &qc));
    }
    return simd_write(c, i->rd, &r, qc);
}

/* Narrowing: r (size)[amt+e] = f(n (size+1)[e], b); the "2" forms (amt != 0)
 * keep the low half of Vd, the others clear the high half. */
static inline enum xres simd_narrow(struct cpu *c, const struct insn *i, simd_efn f, enum simd_bmode bm)
{
    vreg r = {0};
    bool qc = false;
    unsigned sz = i->size;
    if (i->amt)
        r.d[0] = c->v[i->rd].d[0];
    for (unsigned e = 0; e < i->x; e++)
        simd_set(&r, sz, i->amt + e,
                 f(simd_elt(&c->v[i->rn], sz + 1, e), simd_opb(c, i, bm, sz + 1, e), 0, sz, &qc));
    return simd_write(c, i->rd, &r, qc);
}

/* Pairwise over the concatenation Vm:Vn: r[e] = f(cat[2e], cat[2e+1]). */
static inline enum xres simd_pairwise(struct cpu *c, const struct insn *i, simd_efn f)
{
    vreg r = {0};
    bool qc = false;
    unsigned sz = i->size, n = i->x;
    for (unsigned e = 0; e < n; e++) {
        const vreg *src = 2 * e < n ? &c->v[i->rn] : &c->v[i->rm];
        unsigned k = (2 * e) % n;
        simd_set(&r, sz, e, f(simd_elt(src, sz, k), simd_elt(src, sz, k + 1), 0, sz, &qc));
    }
    return simd_write(c, i->rd, &r, qc);
}

/* Across lanes: fold f over Vn's i->x lanes into lane 0 of size `rsize`. */
static inline enum xres simd_reduce(struct cpu *c, const struct insn *i, simd_efn f, unsigned rsize)
{
    vreg r = {0};
    bool qc = false;
    uint64_t acc = simd_elt(&c->v[i->rn], i->size, 0);
    for (unsigned e = 1; e < i->x; e++)
        acc = f(acc, simd_elt(&c->v[i->rn], i->size, e), 0, i->size, &qc);
    simd_set(&r, rsize, 0, acc);
    return simd_write(c, i->rd, &r, qc);
}

#include "interp/simd_int.h"
#include "interp/simd_shift.h"
#include "interp/simd_perm.h"
#include "interp/simd_fp.h"
#endif

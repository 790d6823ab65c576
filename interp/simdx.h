/* Semantics of the post-ARMv8.0 SIMD&FP extensions: RDM (SQRDMLAH/SQRDMLSH),
 * DotProd (SDOT/UDOT), JSCVT (FJCVTZS), FRINTTS (FRINT32/64). They are
 * element functions run by the shared lane loops: simd_map of interp/simd.h
 * (saturation -> FPSR.QC), sfp_map of interp/simd_fpops.h and fp_un of
 * interp/fp.h (FPCR rounding and FZ, cumulative FPSR flags), so the usual
 * invariants hold: Vd is written once from a temporary, lanes past the
 * arrangement and scalar high parts are zeroed. */
#ifndef PVM_INTERP_SIMDX_H
#define PVM_INTERP_SIMDX_H
#include "core/cpu.h"
#include "interp/fp.h"
#include "interp/insn.h"
#include "interp/simd.h"

/* ---- FEAT_RDM: (d << esize) +- 2*a*b + rounding, shifted back and
 * saturated once (the pseudocode keeps full precision until then) ---- */
static inline uint64_t simdx_rdm(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool sub, bool *qc)
{
    unsigned esz = simd_ebits(s);
    __int128 p = (__int128)2 * simd_sx(a, s) * simd_sx(b, s);
    __int128 acc = (__int128)simd_sx(d, s) * ((__int128)1 << esz) + (sub ? -p : p);
    return simd_sat_s(simd_shr128(acc, esz, true), s, qc);
}
static inline uint64_t simdx_e_sqrdmlah(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simdx_rdm(a, b, d, s, false, qc);
}
static inline uint64_t simdx_e_sqrdmlsh(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simdx_rdm(a, b, d, s, true, qc);
}
static inline enum xres op_SQRDMLAH_V(struct cpu *c, const struct insn *i) { return simd_map(c, i, simdx_e_sqrdmlah, SIMD_VEC); }
static inline enum xres op_SQRDMLSH_V(struct cpu *c, const struct insn *i) { return simd_map(c, i, simdx_e_sqrdmlsh, SIMD_VEC); }
static inline enum xres op_SQRDMLAH_ELEM(struct cpu *c, const struct insn *i) { return simd_map(c, i, simdx_e_sqrdmlah, SIMD_ELEM); }
static inline enum xres op_SQRDMLSH_ELEM(struct cpu *c, const struct insn *i) { return simd_map(c, i, simdx_e_sqrdmlsh, SIMD_ELEM); }

/* ---- FEAT_DotProd: a, b are 32-bit groups of four bytes; the four
 * products are added to the S lane d, wrapping (no saturation) ---- */
static inline uint64_t simdx_dot(uint64_t a, uint64_t b, uint64_t d, bool sgn)
{
    uint32_t acc = (uint32_t)d;
    for (unsigned k = 0; k < 4; k++) {
        uint8_t x = (uint8_t)(a >> 8 * k), y = (uint8_t)(b >> 8 * k);
        acc += sgn ? (uint32_t)((int32_t)(int8_t)x * (int8_t)y) : (uint32_t)x * y;
    }
    return acc;
}
static inline uint64_t simdx_e_sdot(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simdx_dot(a, b, d, true);
}
static inline uint64_t simdx_e_udot(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simdx_dot(a, b, d, false);
}
static inline enum xres op_SDOT_V(struct cpu *c, const struct insn *i) { return simd_map(c, i, simdx_e_sdot, SIMD_VEC); }
static inline enum xres op_UDOT_V(struct cpu *c, const struct insn *i) { return simd_map(c, i, simdx_e_udot, SIMD_VEC); }
static inline enum xres op_SDOT_ELEM(struct cpu *c, const struct insn *i) { return simd_map(c, i, simdx_e_sdot, SIMD_ELEM); }
static inline enum xres op_UDOT_ELEM(struct cpu *c, const struct insn *i) { return simd_map(c, i, simdx_e_udot, SIMD_ELEM); }

/* ---- FEAT_JSCVT: FJCVTZS (the Arm FPToFixedJS). Round toward zero, the
 * result is the integer modulo 2^32; *exact is the Z flag: the input was
 * an integer in the int32 range and not -0.0 (a denormal flushed by FZ is
 * not exact either). NaN and infinity give 0 with IOC; out of range gives
 * IOC but not IXC. ---- */
static inline uint32_t simdx_jscvt(struct sfp *fx, uint64_t in, bool *exact)
{
    uint64_t a = sfp_in(fx, in, 3), frac = a & sfp_fracmask(3);
    bool neg = sfp_neg(a, 3);
    unsigned e = (unsigned)(a >> 52) & 0x7ff;
    *exact = false;
    if (e == 0x7ff) {
        fx->flags |= SFP_IOC;
        return 0;
    }
    if (e == 0) {
        if (frac) { /* denormal (FZ off): truncates to 0, inexact */
            fx->flags |= SFP_IXC;
            return 0;
        }
        *exact = !neg && !(in & sfp_fracmask(3));
        return 0;
    }
    uint64_t m = frac | 1ull << 52, mag = 0;
    int sh = (int)e - 1075; /* value = m * 2^sh */
    bool inexact = false, range = true;
    uint32_t low;
    if (sh <= -53) {
        inexact = true;
    } else if (sh < 0) {
        mag = m >> -sh;
        inexact = (m & ((1ull << -sh) - 1)) != 0;
    } else if (sh <= 10) {
        mag = m << sh; /* below 2^63 */
    } else {
        range = false;
    }
    low = range ? (uint32_t)mag : sh >= 32 ? 0 : (uint32_t)(m << sh);
    if (range)
        range = mag <= (neg ? 0x80000000ull : 0x7fffffffull);
    if (!range)
        fx->flags |= SFP_IOC;
    else if (inexact)
        fx->flags |= SFP_IXC;
    *exact = range && !inexact;
    return neg ? 0u - low : low;
}
static inline enum xres op_FJCVTZS(struct cpu *c, const struct insn *i)
{
    struct sfp fx = fp_ctx(c);
    bool z;
    uint32_t r = simdx_jscvt(&fx, c->v[i->rn].d[0], &z);
    cpu_wr(c, i->rd, r, 0);
    c->nzcv = z ? NZCV_Z : 0;
    c->fpsr |= fx.flags;
    return X_NEXT;
}

/* ---- FEAT_FRINTTS: round to an integral value that fits an n-bit signed
 * integer (the Arm FPRoundIntN). NaN, infinity and out-of-range results
 * give -2^(n-1) with IOC (and no IXC); otherwise IXC when inexact, for the
 * Z forms too. Zero results keep the input's sign. ---- */
static inline uint64_t simdx_frint_n(struct sfp *fx, uint64_t a, unsigned s, unsigned m, unsigned n)
{
    double lim = sfp_pow2((int)n - 1);
    a = sfp_in(fx, a, s);
    if (sfp_iszero(a, s))
        return a;
    if (!sfp_isnan(a, s) && !sfp_isinf(a, s)) {
        double v = sfp_tod(a, s), q = sfp_roundint(v, sfp_mode(fx, m));
        if (q < lim && q >= -lim) {
            if (q != v)
                fx->flags |= SFP_IXC;
            if (q == 0)
                return a & sfp_signbit(s);
            return s == 2 ? sfp_fromf((float)q) : sfp_fromd(q);
        }
    }
    fx->flags |= SFP_IOC;
    return s == 2 ? sfp_fromf((float)-lim) : sfp_fromd(-lim);
}
static inline uint64_t simdx_e_frint32z(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return simdx_frint_n(fx, a, s, SFP_RZ, 32); }
static inline uint64_t simdx_e_frint32x(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return simdx_frint_n(fx, a, s, SFP_RFPCR, 32); }
static inline uint64_t simdx_e_frint64z(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return simdx_frint_n(fx, a, s, SFP_RZ, 64); }
static inline uint64_t simdx_e_frint64x(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return simdx_frint_n(fx, a, s, SFP_RFPCR, 64); }
static inline enum xres op_FRINT32Z(struct cpu *c, const struct insn *i) { return fp_un(c, i, simdx_e_frint32z); }
static inline enum xres op_FRINT32X(struct cpu *c, const struct insn *i) { return fp_un(c, i, simdx_e_frint32x); }
static inline enum xres op_FRINT64Z(struct cpu *c, const struct insn *i) { return fp_un(c, i, simdx_e_frint64z); }
static inline enum xres op_FRINT64X(struct cpu *c, const struct insn *i) { return fp_un(c, i, simdx_e_frint64x); }
static inline enum xres op_FRINT32Z_V(struct cpu *c, const struct insn *i) { return sfp_map(c, i, simdx_e_frint32z, SIMD_VEC); }
static inline enum xres op_FRINT32X_V(struct cpu *c, const struct insn *i) { return sfp_map(c, i, simdx_e_frint32x, SIMD_VEC); }
static inline enum xres op_FRINT64Z_V(struct cpu *c, const struct insn *i) { return sfp_map(c, i, simdx_e_frint64z, SIMD_VEC); }
static inline enum xres op_FRINT64X_V(struct cpu *c, const struct insn *i) { return sfp_map(c, i, simdx_e_frint64x, SIMD_VEC); }
#endif

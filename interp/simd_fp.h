/* Advanced SIMD floating point (S and D lanes), vector and scalar forms.
 * interp/fpu.h offers no shared helpers yet, so the FP environment rules live
 * here as private sfp_* helpers: arithmetic runs on the host SSE unit with
 * MXCSR set from FPCR.RMode (exceptions masked, flags cleared) around each
 * element, host flags become FPSR cumulative bits, and the Arm rules are
 * applied explicitly: NaN operand priority and quieting, default NaN (and
 * FPCR.DN), FPCR.FZ flushing of inputs (IDC) and outputs (UFC). Estimates
 * and int<->fp conversions follow the Arm pseudocode bit for bit. */
#ifndef PVM_INTERP_SIMD_FP_H
#define PVM_INTERP_SIMD_FP_H
#include <string.h>
#include <immintrin.h>
#include <math.h>

enum { SFP_IOC = 1, SFP_DZC = 2, SFP_OFC = 4, SFP_UFC = 8, SFP_IXC = 16, SFP_IDC = 128 };
#define SFP_FPCR_FZ (1u << 24)
#define SFP_FPCR_DN (1u << 25)

/* Per-instruction FP context: FPCR and the cumulative flags raised. */
struct sfp {
    uint32_t fpcr;
    uint32_t flags;
};
typedef uint64_t (*sfp_efn)(uint64_t a, uint64_t b, uint64_t d, unsigned size, struct sfp *fx);

/* 2^k for -1022 <= k <= 1023, built exactly (no libm) */
static inline double sfp_pow2(int k)
{
    uint64_t u = (uint64_t)(1023 + k) << 52;
    double d;
    memcpy(&d, &u, 8);
    return d;
}
static inline unsigned sfp_rmode(const struct sfp *fx) { return (fx->fpcr >> 22) & 3; }
static inline uint64_t sfp_signbit(unsigned size) { return size == 2 ? 0x80000000ull : 1ull << 63; }
static inline uint64_t sfp_expmask(unsigned size) { return size == 2 ? 0x7f800000ull : 0x7ff0000000000000ull; }
static inline uint64_t sfp_fracmask(unsigned size) { return size == 2 ? 0x7fffffull : 0xfffffffffffffull; }
static inline uint64_t sfp_qbit(unsigned size) { return size == 2 ? 0x400000ull : 1ull << 51; }
static inline uint64_t sfp_dnan(unsigned size) { return size == 2 ? 0x7fc00000ull : 0x7ff8000000000000ull; }
static inline uint64_t sfp_abs(uint64_t v, unsigned size) { return v & ~sfp_signbit(size); }
static inline bool sfp_isnan(uint64_t v, unsigned size) { return sfp_abs(v, size) > sfp_expmask(size); }
static inline bool sfp_issnan(uint64_t v, unsigned size) { return sfp_isnan(v, size) && !(v & sfp_qbit(size)); }
static inline bool sfp_isinf(uint64_t v, unsigned size) { return sfp_abs(v, size) == sfp_expmask(size); }
static inline bool sfp_iszero(uint64_t v, unsigned size) { return sfp_abs(v, size) == 0; }
static inline bool sfp_isdenorm(uint64_t v, unsigned size)
{
    return !(v & sfp_expmask(size)) && (v & sfp_fracmask(size));
}
static inline uint64_t sfp_inf(bool neg, unsigned size) { return sfp_expmask(size) | (neg ? sfp_signbit(size) : 0); }
static inline bool sfp_neg(uint64_t v, unsigned size) { return (v & sfp_signbit(size)) != 0; }

static inline double sfp_tod(uint64_t v, unsigned size)
{
    if (size == 2) {
        float f;
        uint32_t u = (uint32_t)v;
        memcpy(&f, &u, 4);
        return f;
    }
    double d;
    memcpy(&d, &v, 8);
    return d;
}
static inline uint64_t sfp_fromd(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}
static inline uint64_t sfp_fromf(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

/* FPCR.FZ: denormal inputs read as zero of the same sign. */
static inline uint64_t sfp_in(struct sfp *fx, uint64_t v, unsigned size)
{
    if ((fx->fpcr & SFP_FPCR_FZ) && sfp_isdenorm(v, size)) {
        fx->flags |= SFP_IDC;
        return v & sfp_signbit(size);
    }
    return v;
}
/* FPProcessNaN: quiet a signalling NaN (IOC); FPCR.DN gives the default NaN. */
static inline uint64_t sfp_nan1(struct sfp *fx, uint64_t v, unsigned size)
{
    if (sfp_issnan(v, size)) {
        fx->flags |= SFP_IOC;
        v |= sfp_qbit(size);
    }
    return (fx->fpcr & SFP_FPCR_DN) ? sfp_dnan(size) : v;
}
/* FPProcessNaNs: signalling NaNs first, then quiet ones, in operand order. */
static inline bool sfp_nans3(struct sfp *fx, uint64_t a, uint64_t b, uint64_t c, unsigned n, unsigned size,
                             uint64_t *r)
{
    const uint64_t ops[3] = {a, b, c};
    for (unsigned k = 0; k < n; k++)
        if (sfp_issnan(ops[k], size)) {
            *r = sfp_nan1(fx, ops[k], size);
            return true;
        }
    for (unsigned k = 0; k < n; k++)
        if (sfp_isnan(ops[k], size)) {
            *r = sfp_nan1(fx, ops[k], size);
            return true;
        }
    return false;
}

/* Fused multiply-add and square root on the host unit (they honour MXCSR).
 * FMA3 is used when cpuid reports it; otherwise libm's fma, which is also
 * correctly rounded in the current rounding mode. */
__attribute__((target("fma"))) static inline double sfp_fma_hw(double a, double b, double c)
{
    return _mm_cvtsd_f64(_mm_fmadd_sd(_mm_set_sd(a), _mm_set_sd(b), _mm_set_sd(c)));
}
__attribute__((target("fma"))) static inline float sfp_fmaf_hw(float a, float b, float c)
{
    return _mm_cvtss_f32(_mm_fmadd_ss(_mm_set_ss(a), _mm_set_ss(b), _mm_set_ss(c)));
}
static inline double sfp_fma(double a, double b, double c)
{
    return __builtin_cpu_supports("fma") ? sfp_fma_hw(a, b, c) : fma(a, b, c);
}
static inline float sfp_fmaf(float a, float b, float c)
{
    return __builtin_cpu_supports("fma") ? sfp_fmaf_hw(a, b, c) : fmaf(a, b, c);
}
static inline double sfp_sqrt(double a) { return _mm_cvtsd_f64(_mm_sqrt_sd(_mm_set_sd(a), _mm_set_sd(a))); }
static inline float sfp_sqrtf(float a) { return _mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(a))); }

/* Host evaluation under FPCR's rounding mode with the flags of this one
 * operation; volatile operands keep the arithmetic between the MXCSR writes. */
enum sfp_hop { SFP_ADD, SFP_SUB, SFP_MUL, SFP_DIV, SFP_FMA, SFP_SQRT };
static inline uint32_t sfp_mx_begin(unsigned rmode)
{
    static const uint32_t rc[4] = {0, 2u << 13, 1u << 13, 3u << 13}; /* RN RP RM RZ */
    uint32_t old = _mm_getcsr();
    _mm_setcsr(0x1f80 | rc[rmode]);
    return old;
}
static inline uint32_t sfp_mx_end(uint32_t old)
{
    uint32_t m = _mm_getcsr(), f = 0;
    _mm_setcsr(old);
    if (m & 0x01) f |= SFP_IOC;
    if (m & 0x04) f |= SFP_DZC;
    if (m & 0x08) f |= SFP_OFC;
    if (m & 0x10) f |= SFP_UFC;
    if (m & 0x20) f |= SFP_IXC;
    return f;
}
/* Fix a host result up to Arm rules: generated NaNs are the default NaN,
 * FPCR.FZ flushes denormal results to zero with UFC instead of IXC. */
static inline uint64_t sfp_out(struct sfp *fx, uint64_t r, uint32_t f, unsigned size)
{
    if (sfp_isnan(r, size))
        r = sfp_dnan(size);
    /* tiny results (host underflow, or an exact denormal) flush under FZ */
    if ((fx->fpcr & SFP_FPCR_FZ) && (sfp_isdenorm(r, size) || (f & SFP_UFC))) {
        r &= sfp_signbit(size);
        f = (f & ~(uint32_t)(SFP_IXC | SFP_UFC)) | SFP_UFC;
    }
    fx->flags |= f;
    return r;
}
static inline uint64_t sfp_host_raw(unsigned rmode, enum sfp_hop op, uint64_t a, uint64_t b, uint64_t c,
                                    unsigned size, uint32_t *flags)
{
    uint64_t r;
    uint32_t old = sfp_mx_begin(rmode);
    if (size == 2) {
        volatile float x = (float)sfp_tod(a, 2), y = (float)sfp_tod(b, 2), z = (float)sfp_tod(c, 2);
        volatile float v;
        switch (op) {
        case SFP_ADD: v = x + y; break;
        case SFP_SUB: v = x - y; break;
        case SFP_MUL: v = x * y; break;
        case SFP_DIV: v = x / y; break;
        case SFP_FMA: v = sfp_fmaf(x, y, z); break;
        default: v = sfp_sqrtf(x); break;
        }
        r = sfp_fromf(v);
    } else {
        volatile double x = sfp_tod(a, 3), y = sfp_tod(b, 3), z = sfp_tod(c, 3);
        volatile double v;
        switch (op) {
        case SFP_ADD: v = x + y; break;
        case SFP_SUB: v = x - y; break;
        case SFP_MUL: v = x * y; break;
        case SFP_DIV: v = x / y; break;
        case SFP_FMA: v = sfp_fma(x, y, z); break;
        default: v = sfp_sqrt(x); break;
        }
        r = sfp_fromd(v);
    }
    *flags = sfp_mx_end(old);
    return r;
}
#define SFP_RZ_MODE 3 /* FPCR.RMode round toward zero */
/* smallest normal magnitude of the size */
static inline uint64_t sfp_minnormal(unsigned size) { return size == 2 ? 0x00800000ull : 1ull << 52; }
/* Arm detects tininess before rounding, x86 after: an inexact result that
 * rounded to the smallest normal may come from a tiny exact value, which
 * the same operation rounded toward zero reveals. */
static inline uint32_t sfp_tiny_fixup(uint64_t r, uint64_t rz, uint32_t f, unsigned size)
{
    if ((f & SFP_IXC) && sfp_abs(r, size) == sfp_minnormal(size) && sfp_abs(rz, size) < sfp_minnormal(size))
        f |= SFP_UFC;
    return f;
}
static inline uint64_t sfp_host(struct sfp *fx, enum sfp_hop op, uint64_t a, uint64_t b, uint64_t c, unsigned size)
{
    uint32_t f, fz;
    uint64_t r = sfp_host_raw(sfp_rmode(fx), op, a, b, c, size, &f);
    if ((f & SFP_IXC) && sfp_abs(r, size) == sfp_minnormal(size))
        f = sfp_tiny_fixup(r, sfp_host_raw(SFP_RZ_MODE, op, a, b, c, size, &fz), f, size);
    return sfp_out(fx, r, f, size);
}

/* ---- element functions (a: Vn lane, b: Vm lane or element, d: Vd lane) ---- */
static inline uint64_t sfp_arith2(struct sfp *fx, enum sfp_hop op, uint64_t a, uint64_t b, unsigned size)
{
    uint64_t r;
    a = sfp_in(fx, a, size);
    b = sfp_in(fx, b, size);
    if (sfp_nans3(fx, a, b, 0, 2, size, &r))
        return r;
    return sfp_host(fx, op, a, b, 0, size);
}
static inline uint64_t sfp_e_fadd(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_arith2(fx, SFP_ADD, a, b, s); }
static inline uint64_t sfp_e_fsub(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_arith2(fx, SFP_SUB, a, b, s); }
static inline uint64_t sfp_e_fmul(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_arith2(fx, SFP_MUL, a, b, s); }
static inline uint64_t sfp_e_fdiv(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_arith2(fx, SFP_DIV, a, b, s); }
static inline uint64_t sfp_e_fabd(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx)
{
    return sfp_abs(sfp_arith2(fx, SFP_SUB, a, b, s), s);
}
/* FMULX: infinity times zero is 2.0 with the product's sign */
static inline uint64_t sfp_e_fmulx(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx)
{
    uint64_t r, a1 = sfp_in(fx, a, s), b1 = sfp_in(fx, b, s);
    if (sfp_nans3(fx, a1, b1, 0, 2, s, &r))
        return r;
    if ((sfp_isinf(a1, s) && sfp_iszero(b1, s)) || (sfp_iszero(a1, s) && sfp_isinf(b1, s))) {
        bool neg = sfp_neg(a1, s) != sfp_neg(b1, s);
        return (s == 2 ? 0x40000000ull : 0x4000000000000000ull) | (neg ? sfp_signbit(s) : 0);
    }
    return sfp_host(fx, SFP_MUL, a1, b1, 0, s);
}
/* FPMulAdd(d, a, b): NaNs in the order addend, op1, op2; a quiet NaN addend
 * with an infinity*zero product is still an invalid operation. */
static inline uint64_t sfp_muladd(struct sfp *fx, uint64_t d, uint64_t a, uint64_t b, unsigned s)
{
    uint64_t r;
    d = sfp_in(fx, d, s);
    a = sfp_in(fx, a, s);
    b = sfp_in(fx, b, s);
    bool infzero = (sfp_isinf(a, s) && sfp_iszero(b, s)) || (sfp_iszero(a, s) && sfp_isinf(b, s));
    if (sfp_nans3(fx, d, a, b, 3, s, &r)) {
        if (infzero && !sfp_issnan(d, s) && sfp_isnan(d, s) && !sfp_isnan(a, s) && !sfp_isnan(b, s)) {
            fx->flags |= SFP_IOC;
            return sfp_dnan(s);
        }
        return r;
    }
    return sfp_host(fx, SFP_FMA, a, b, d, s);
}
static inline uint64_t sfp_e_fmla(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx)
{
    return sfp_muladd(fx, d, a, b, s);
}
static inline uint64_t sfp_e_fmls(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx)
{
    return sfp_muladd(fx, d, a ^ sfp_signbit(s), b, s);
}
/* FRECPS (2 - a*b) and FRSQRTS ((3 - a*b) / 2), fused; inf*0 gives 2.0 / 1.5 */
static inline uint64_t sfp_step(struct sfp *fx, uint64_t a, uint64_t b, unsigned s, bool rsqrt)
{
    uint64_t r;
    a = sfp_in(fx, a ^ sfp_signbit(s), s);
    b = sfp_in(fx, b, s);
    if (sfp_nans3(fx, a, b, 0, 2, s, &r))
        return r;
    if ((sfp_isinf(a, s) && sfp_iszero(b, s)) || (sfp_iszero(a, s) && sfp_isinf(b, s)))
        return s == 2 ? (rsqrt ? 0x3fc00000ull : 0x40000000ull) : (rsqrt ? 0x3ff8000000000000ull : 0x4000000000000000ull);
    if (sfp_isinf(a, s) || sfp_isinf(b, s))
        return sfp_inf(sfp_neg(a, s) != sfp_neg(b, s), s);
    uint64_t k = s == 2 ? sfp_fromf(rsqrt ? 3.0f : 2.0f) : sfp_fromd(rsqrt ? 3.0 : 2.0);
    if (!rsqrt)
        return sfp_host(fx, SFP_FMA, a, b, k, s);
    /* (3 + a*b) / 2 with one rounding: halve the larger operand first, which
     * is exact when it is at least twice the smallest normal and keeps a
     * huge product from overflowing. Otherwise both operands are tiny, so
     * the fused 3 + a*b is close to 3 and halving it afterwards is exact
     * (halving a denormal operand first would drop its low bit). */
    bool ha = sfp_abs(a, s) >= sfp_abs(b, s);
    uint64_t h = ha ? a : b, o = ha ? b : a;
    if (sfp_abs(h, s) < 2 * sfp_minnormal(s)) {
        uint64_t t = sfp_host(fx, SFP_FMA, a, b, k, s);
        return s == 2 ? sfp_fromf((float)(sfp_tod(t, s) / 2)) : sfp_fromd(sfp_tod(t, s) / 2);
    }
    uint64_t hh = s == 2 ? sfp_fromf((float)(sfp_tod(h, s) / 2)) : sfp_fromd(sfp_tod(h, s) / 2);
    uint64_t kh = s == 2 ? sfp_fromf(1.5f) : sfp_fromd(1.5);
    return sfp_host(fx, SFP_FMA, hh, o, kh, s);
}
static inline uint64_t sfp_e_frecps(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_step(fx, a, b, s, false); }
static inline uint64_t sfp_e_frsqrts(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_step(fx, a, b, s, true); }

/* FMAX/FMIN and the NM variants (a quiet NaN loses against a number) */
static inline uint64_t sfp_minmax(struct sfp *fx, uint64_t a, uint64_t b, unsigned s, bool max, bool num)
{
    uint64_t r;
    a = sfp_in(fx, a, s);
    b = sfp_in(fx, b, s);
    if (num) {
        bool qa = sfp_isnan(a, s) && !sfp_issnan(a, s), qb = sfp_isnan(b, s) && !sfp_issnan(b, s);
        if (qa && !qb)
            a = sfp_inf(max, s);
        else if (qb && !qa)
            b = sfp_inf(max, s);
    }
    if (sfp_nans3(fx, a, b, 0, 2, s, &r))
        return r;
    double x = sfp_tod(a, s), y = sfp_tod(b, s);
    if (x == y && x == 0) /* +0 vs -0: max takes +0, min takes -0 */
        return max ? (a & b) : (a | b);
    return (max ? x > y : x < y) ? a : b;
}
static inline uint64_t sfp_e_fmax(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_minmax(fx, a, b, s, true, false); }
static inline uint64_t sfp_e_fmin(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_minmax(fx, a, b, s, false, false); }
static inline uint64_t sfp_e_fmaxnm(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_minmax(fx, a, b, s, true, true); }
static inline uint64_t sfp_e_fminnm(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_minmax(fx, a, b, s, false, true); }

/* compares: EQ is quiet (IOC only for signalling NaNs), GE/GT signal on any NaN */
enum sfp_cmp { SFP_EQ, SFP_GE, SFP_GT };
static inline uint64_t sfp_compare(struct sfp *fx, uint64_t a, uint64_t b, unsigned s, enum sfp_cmp k, bool absv)
{
    a = sfp_in(fx, a, s);
    b = sfp_in(fx, b, s);
    if (sfp_isnan(a, s) || sfp_isnan(b, s)) {
        if (k != SFP_EQ || sfp_issnan(a, s) || sfp_issnan(b, s))
            fx->flags |= SFP_IOC;
        return 0;
    }
    double x = sfp_tod(a, s), y = sfp_tod(b, s);
    if (absv) {
        x = __builtin_fabs(x);
        y = __builtin_fabs(y);
    }
    bool t = k == SFP_EQ ? x == y : k == SFP_GE ? x >= y : x > y;
    return t ? simd_emask(s) : 0;
}
static inline uint64_t sfp_e_fcmeq(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_compare(fx, a, b, s, SFP_EQ, false); }
static inline uint64_t sfp_e_fcmge(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_compare(fx, a, b, s, SFP_GE, false); }
static inline uint64_t sfp_e_fcmgt(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_compare(fx, a, b, s, SFP_GT, false); }
static inline uint64_t sfp_e_facge(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_compare(fx, a, b, s, SFP_GE, true); }
static inline uint64_t sfp_e_facgt(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_compare(fx, a, b, s, SFP_GT, true); }
static inline uint64_t sfp_e_fcmeq0(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_compare(fx, a, 0, s, SFP_EQ, false); }
static inline uint64_t sfp_e_fcmge0(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_compare(fx, a, 0, s, SFP_GE, false); }
static inline uint64_t sfp_e_fcmgt0(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_compare(fx, a, 0, s, SFP_GT, false); }
static inline uint64_t sfp_e_fcmle0(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_compare(fx, 0, a, s, SFP_GE, false); }
static inline uint64_t sfp_e_fcmlt0(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_compare(fx, 0, a, s, SFP_GT, false); }

static inline uint64_t sfp_e_fabs(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_abs(a, s); }
static inline uint64_t sfp_e_fneg(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return a ^ sfp_signbit(s); }
static inline uint64_t sfp_e_fsqrt(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx)
{
    uint64_t r;
    a = sfp_in(fx, a, s);
    if (sfp_nans3(fx, a, 0, 0, 1, s, &r))
        return r;
    return sfp_host(fx, SFP_SQRT, a, 0, 0, s);
}

/* ---- rounding to integral and conversions ---- */
enum { SFP_RN, SFP_RP, SFP_RM, SFP_RZ, SFP_RA, SFP_RFPCR };
/* v rounded to an integer in mode m (exact; no flags). Works from the
 * truncation: v - trunc(v) is exact (both share sign and leading bits),
 * while v - floor(v) is not for small negative v (-0.49999999999999994
 * gives 0.5 + 2^-54, which rounds to a false tie). */
static inline double sfp_roundint(double v, unsigned m)
{
    double t = __builtin_trunc(v), fr = v - t, af = __builtin_fabs(fr), one = v < 0 ? -1.0 : 1.0;
    if (fr == 0 || fr != fr) /* integral, or infinite (fr is NaN) */
        return v;
    switch (m) {
    case SFP_RN: return (af > 0.5 || (af == 0.5 && ((int64_t)t & 1))) ? t + one : t;
    case SFP_RP: return fr > 0 ? t + 1 : t;
    case SFP_RM: return fr < 0 ? t - 1 : t;
    case SFP_RZ: return t;
    default: return af >= 0.5 ? t + one : t;
    }
}
static inline unsigned sfp_mode(const struct sfp *fx, unsigned m) { return m == SFP_RFPCR ? sfp_rmode(fx) : m; }
static inline uint64_t sfp_frint(struct sfp *fx, uint64_t a, unsigned s, unsigned m, bool exact)
{
    uint64_t r;
    a = sfp_in(fx, a, s);
    if (sfp_nans3(fx, a, 0, 0, 1, s, &r))
        return r;
    double v = sfp_tod(a, s), q = sfp_roundint(v, sfp_mode(fx, m));
    if (exact && q != v)
        fx->flags |= SFP_IXC;
    if (q == 0)
        return a & sfp_signbit(s); /* the sign of zero results follows the input */
    return s == 2 ? sfp_fromf((float)q) : sfp_fromd(q);
}
static inline uint64_t sfp_e_frintn(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_frint(fx, a, s, SFP_RN, false); }
static inline uint64_t sfp_e_frintm(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_frint(fx, a, s, SFP_RM, false); }
static inline uint64_t sfp_e_frintp(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_frint(fx, a, s, SFP_RP, false); }
static inline uint64_t sfp_e_frintz(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_frint(fx, a, s, SFP_RZ, false); }
static inline uint64_t sfp_e_frinta(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_frint(fx, a, s, SFP_RA, false); }
static inline uint64_t sfp_e_frintx(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_frint(fx, a, s, SFP_RFPCR, true); }
static inline uint64_t sfp_e_frinti(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_frint(fx, a, s, SFP_RFPCR, false); }

/* FP of size s -> integer of n bits, scaled by 2^fbits, saturating (IOC).
 * Vector forms use the lane size; scalar FP->W/X forms pass n = 32/64. */
static inline uint64_t sfp_toint_n(struct sfp *fx, uint64_t a, unsigned s, unsigned n, unsigned m, bool uns,
                                   unsigned fbits)
{
    a = sfp_in(fx, a, s);
    uint64_t mask = n >= 64 ? ~0ull : (1ull << n) - 1;
    if (sfp_isnan(a, s)) {
        fx->flags |= SFP_IOC;
        return 0;
    }
    double v = sfp_tod(a, s) * sfp_pow2((int)fbits), q = sfp_roundint(v, sfp_mode(fx, m));
    double hi = sfp_pow2((int)(uns ? n : n - 1)), lo = uns ? 0 : -hi;
    if (q >= hi) {
        fx->flags |= SFP_IOC;
        return uns ? mask : mask >> 1;
    }
    if (q < lo) {
        fx->flags |= SFP_IOC;
        return uns ? 0 : (mask >> 1) + 1;
    }
    if (q != v)
        fx->flags |= SFP_IXC;
    return (uns ? (uint64_t)q : (uint64_t)(int64_t)q) & mask;
}
static inline uint64_t sfp_toint(struct sfp *fx, uint64_t a, unsigned s, unsigned m, bool uns, unsigned fbits)
{
    return sfp_toint_n(fx, a, s, simd_ebits(s), m, uns, fbits);
}
static inline uint64_t sfp_e_fcvtns(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_toint(fx, a, s, SFP_RN, false, 0); }
static inline uint64_t sfp_e_fcvtms(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_toint(fx, a, s, SFP_RM, false, 0); }
static inline uint64_t sfp_e_fcvtas(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_toint(fx, a, s, SFP_RA, false, 0); }
static inline uint64_t sfp_e_fcvtps(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_toint(fx, a, s, SFP_RP, false, 0); }
static inline uint64_t sfp_e_fcvtzs(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_toint(fx, a, s, SFP_RZ, false, (unsigned)b); }
static inline uint64_t sfp_e_fcvtnu(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_toint(fx, a, s, SFP_RN, true, 0); }
static inline uint64_t sfp_e_fcvtmu(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_toint(fx, a, s, SFP_RM, true, 0); }
static inline uint64_t sfp_e_fcvtau(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_toint(fx, a, s, SFP_RA, true, 0); }
static inline uint64_t sfp_e_fcvtpu(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_toint(fx, a, s, SFP_RP, true, 0); }
static inline uint64_t sfp_e_fcvtzu(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_toint(fx, a, s, SFP_RZ, true, (unsigned)b); }

/* integer of n bits -> FP of size s, divided by 2^fbits. Vector forms use
 * the lane size; scalar W/X->FP forms pass n = 32/64. */
static inline uint64_t sfp_fromint_n(struct sfp *fx, uint64_t a, unsigned n, unsigned s, bool uns, unsigned fbits)
{
    uint64_t r;
    uint32_t old = sfp_mx_begin(sfp_rmode(fx));
    if (n == 32) {
        volatile int64_t x = uns ? (int64_t)(uint32_t)a : (int64_t)(int32_t)a;
        if (s == 2) {
            volatile float v = (float)x;
            r = sfp_fromf(v);
        } else {
            volatile double v = (double)x;
            r = sfp_fromd(v);
        }
    } else if (uns) {
        volatile uint64_t x = a;
        if (s == 2) {
            volatile float v = (float)x;
            r = sfp_fromf(v);
        } else {
            volatile double v = (double)x;
            r = sfp_fromd(v);
        }
    } else {
        volatile int64_t x = (int64_t)a;
        if (s == 2) {
            volatile float v = (float)x;
            r = sfp_fromf(v);
        } else {
            volatile double v = (double)x;
            r = sfp_fromd(v);
        }
    }
    uint32_t f = sfp_mx_end(old);
    fx->flags |= f;
    if (fbits) /* exact: the smallest result is 2^-64, a normal number */
        r = s == 2 ? sfp_fromf((float)(sfp_tod(r, 2) * sfp_pow2(-(int)fbits)))
                   : sfp_fromd(sfp_tod(r, 3) * sfp_pow2(-(int)fbits));
    return r;
}
static inline uint64_t sfp_fromint(struct sfp *fx, uint64_t a, unsigned s, bool uns, unsigned fbits)
{
    return sfp_fromint_n(fx, a, simd_ebits(s), s, uns, fbits);
}
static inline uint64_t sfp_e_scvtf(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_fromint(fx, a, s, false, (unsigned)b); }
static inline uint64_t sfp_e_ucvtf(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx) { return sfp_fromint(fx, a, s, true, (unsigned)b); }

/* ---- reciprocal and reciprocal square root estimates (Arm pseudocode) ---- */
static inline unsigned sfp_recip_est(unsigned a)
{
    a = a * 2 + 1;
    unsigned b = (1u << 19) / a;
    return (b + 1) / 2;
}
static inline unsigned sfp_rsqrt_est(unsigned a)
{
    if (a < 256)
        a = a * 2 + 1;
    else
        a = ((a >> 1) << 1) * 2 + 2;
    unsigned b = 512;
    while ((uint64_t)a * (b + 1) * (b + 1) < (1ull << 28))
        b++;
    return (b + 1) / 2;
}
static inline uint64_t sfp_e_frecpe(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx)
{
    uint64_t r, sign = a & sfp_signbit(s);
    a = sfp_in(fx, a, s);
    if (sfp_nans3(fx, a, 0, 0, 1, s, &r))
        return r;
    if (sfp_isinf(a, s))
        return sign;
    if (sfp_iszero(a, s)) {
        fx->flags |= SFP_DZC;
        return sfp_inf(sign != 0, s);
    }
    uint64_t frac = s == 2 ? (a & 0x7fffff) << 29 : a & 0xfffffffffffffull;
    int exp = (int)((a & sfp_expmask(s)) >> (s == 2 ? 23 : 52));
    double mag = __builtin_fabs(sfp_tod(a, s));
    if (mag < (s == 2 ? 0x1p-128 : 0x1p-1024)) {
        unsigned m = sfp_rmode(fx);
        bool to_inf = m == SFP_RN || (m == SFP_RP && !sign) || (m == SFP_RM && sign);
        fx->flags |= SFP_OFC | SFP_IXC;
        return to_inf ? sfp_inf(sign != 0, s) : (sign | (sfp_expmask(s) - 1 - sfp_fracmask(s)) | sfp_fracmask(s));
    }
    if ((fx->fpcr & SFP_FPCR_FZ) && mag >= (s == 2 ? 0x1p126 : 0x1p1022)) {
        fx->flags |= SFP_UFC;
        return sign;
    }
    if (exp == 0) {
        if (!((frac >> 51) & 1)) {
            exp = -1;
            frac = (frac << 2) & 0xfffffffffffffull;
        } else {
            frac = (frac << 1) & 0xfffffffffffffull;
        }
    }
    unsigned scaled = (unsigned)(0x100 | ((frac >> 44) & 0xff));
    int rexp = (s == 2 ? 253 : 2045) - exp;
    uint64_t est = sfp_recip_est(scaled);
    frac = (est & 0xff) << 44;
    if (rexp == 0) {
        frac = (1ull << 51) | (frac >> 1);
    } else if (rexp == -1) {
        frac = (1ull << 50) | (frac >> 2);
        rexp = 0;
    }
    if (s == 2)
        return sign | (uint64_t)rexp << 23 | frac >> 29;
    return sign | (uint64_t)rexp << 52 | frac;
}
static inline uint64_t sfp_e_frsqrte(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx)
{
    uint64_t r;
    a = sfp_in(fx, a, s);
    if (sfp_nans3(fx, a, 0, 0, 1, s, &r))
        return r;
    if (sfp_iszero(a, s)) {
        fx->flags |= SFP_DZC;
        return sfp_inf(sfp_neg(a, s), s);
    }
    if (sfp_neg(a, s)) {
        fx->flags |= SFP_IOC;
        return sfp_dnan(s);
    }
    if (sfp_isinf(a, s))
        return 0;
    uint64_t frac = s == 2 ? (a & 0x7fffff) << 29 : a & 0xfffffffffffffull;
    int exp = (int)((a & sfp_expmask(s)) >> (s == 2 ? 23 : 52));
    if (exp == 0) {
        while (!((frac >> 51) & 1)) {
            frac = (frac << 1) & 0xfffffffffffffull;
            exp--;
        }
        frac = (frac << 1) & 0xfffffffffffffull;
    }
    unsigned scaled = (exp & 1) ? (unsigned)(0x80 | ((frac >> 45) & 0x7f)) : (unsigned)(0x100 | ((frac >> 44) & 0xff));
    int rexp = ((s == 2 ? 380 : 3068) - exp) / 2;
    uint64_t est = sfp_rsqrt_est(scaled);
    if (s == 2)
        return (uint64_t)rexp << 23 | (est & 0xff) << 15;
    return (uint64_t)rexp << 52 | (est & 0xff) << 44;
}
static inline uint64_t sfp_e_urecpe(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx)
{
    if (!(a >> 31))
        return 0xffffffffu;
    return (uint64_t)sfp_recip_est((unsigned)(a >> 23) & 0x1ff) << 23;
}
static inline uint64_t sfp_e_ursqrte(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx)
{
    if (!(a >> 30))
        return 0xffffffffu;
    return (uint64_t)sfp_rsqrt_est((unsigned)(a >> 23) & 0x1ff) << 23;
}
/* FRECPX: exponent inverted, fraction cleared */
static inline uint64_t sfp_e_frecpx(uint64_t a, uint64_t b, uint64_t d, unsigned s, struct sfp *fx)
{
    uint64_t r;
    a = sfp_in(fx, a, s);
    if (sfp_nans3(fx, a, 0, 0, 1, s, &r))
        return r;
    uint64_t em = sfp_expmask(s), sign = a & sfp_signbit(s);
    if (!(a & em))
        return sign | (em - (sfp_fracmask(s) + 1)); /* max exponent - 1 */
    return sign | (~a & em);
}

#include "interp/simd_fpops.h"
#endif

/* Fast paths for scalar FP arithmetic under the common FPCR (round to
 * nearest, FZ clear; DN does not matter because NaNs never take this path).
 * Each helper returns false when the general sfp_* layer must decide: a NaN
 * operand or result, or a result near the underflow threshold (Arm detects
 * tininess before rounding, x86 after). Otherwise the result and flags are
 * exactly Arm's. ADD/SUB/MUL/DIV/SQRT compute the flags in software from an
 * exact residual and never touch MXCSR: reading MXCSR after an operation
 * stalls until it retires, which cost more than the operation itself.
 * They rely on pvm's own code running with the host default MXCSR (round
 * to nearest, no FTZ/DAZ): nothing in pvm changes it for longer than one
 * guest operation. FMA (no cheap exact residual) loads 0x1f80 (RN, masked,
 * flags clear) in the same asm statement as the instruction and stores
 * MXCSR to read its flags; nothing is restored, only sticky host flags
 * remain set, which pvm never reads. */
#ifndef PVM_INTERP_FP_FAST_H
#define PVM_INTERP_FP_FAST_H
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <immintrin.h>
#include "interp/fpu.h"

enum fpf_op { FPF_ADD, FPF_SUB, FPF_MUL, FPF_DIV, FPF_SQRT, FPF_FMA };

static inline bool fpf_usable(uint32_t fpcr) { return !(fpcr & (FPCR_FZ | 3u << FPCR_RMODE_SHIFT)); }

/* x86 MXCSR flags (IE DE ZE OE UE PE) -> FPSR (DE has no Arm meaning here:
 * without FZ denormal operands are simply used) */
static inline uint32_t fpf_flags(uint32_t mx)
{
    return (mx & 1 ? FPSR_IOC : 0) | (mx & 4 ? FPSR_DZC : 0) | (mx & 8 ? FPSR_OFC : 0) |
           (mx & 0x10 ? FPSR_UFC : 0) | (mx & 0x20 ? FPSR_IXC : 0);
}

/* r = a op b (op c for FMA: a*b + c) in double; returns MXCSR after */
static inline uint32_t fpf_d(enum fpf_op op, double *r, double a, double b, double c)
{
    uint32_t in = 0x1f80, out;
    switch (op) {
    case FPF_ADD: __asm__ volatile("ldmxcsr %2\n\taddsd %3, %0\n\tstmxcsr %1" : "+x"(a), "=m"(out) : "m"(in), "x"(b)); break;
    case FPF_SUB: __asm__ volatile("ldmxcsr %2\n\tsubsd %3, %0\n\tstmxcsr %1" : "+x"(a), "=m"(out) : "m"(in), "x"(b)); break;
    case FPF_MUL: __asm__ volatile("ldmxcsr %2\n\tmulsd %3, %0\n\tstmxcsr %1" : "+x"(a), "=m"(out) : "m"(in), "x"(b)); break;
    case FPF_DIV: __asm__ volatile("ldmxcsr %2\n\tdivsd %3, %0\n\tstmxcsr %1" : "+x"(a), "=m"(out) : "m"(in), "x"(b)); break;
    case FPF_SQRT: __asm__ volatile("ldmxcsr %2\n\tsqrtsd %0, %0\n\tstmxcsr %1" : "+x"(a), "=m"(out) : "m"(in)); break;
    default: /* c += a * b */
        __asm__ volatile("ldmxcsr %2\n\tvfmadd231sd %3, %4, %0\n\tstmxcsr %1" : "+x"(c), "=m"(out) : "m"(in), "x"(b), "x"(a));
        a = c;
        break;
    }
    *r = a;
    return out;
}
static inline uint32_t fpf_s(enum fpf_op op, float *r, float a, float b, float c)
{
    uint32_t in = 0x1f80, out;
    switch (op) {
    case FPF_ADD: __asm__ volatile("ldmxcsr %2\n\taddss %3, %0\n\tstmxcsr %1" : "+x"(a), "=m"(out) : "m"(in), "x"(b)); break;
    case FPF_SUB: __asm__ volatile("ldmxcsr %2\n\tsubss %3, %0\n\tstmxcsr %1" : "+x"(a), "=m"(out) : "m"(in), "x"(b)); break;
    case FPF_MUL: __asm__ volatile("ldmxcsr %2\n\tmulss %3, %0\n\tstmxcsr %1" : "+x"(a), "=m"(out) : "m"(in), "x"(b)); break;
    case FPF_DIV: __asm__ volatile("ldmxcsr %2\n\tdivss %3, %0\n\tstmxcsr %1" : "+x"(a), "=m"(out) : "m"(in), "x"(b)); break;
    case FPF_SQRT: __asm__ volatile("ldmxcsr %2\n\tsqrtss %0, %0\n\tstmxcsr %1" : "+x"(a), "=m"(out) : "m"(in)); break;
    default:
        __asm__ volatile("ldmxcsr %2\n\tvfmadd231ss %3, %4, %0\n\tstmxcsr %1" : "+x"(c), "=m"(out) : "m"(in), "x"(b), "x"(a));
        a = c;
        break;
    }
    *r = a;
    return out;
}

/* ---- exact flags without MXCSR (the host rounds to nearest already) ----
 * Inexactness comes from an exact residual: TwoSum for sums, the FMA
 * residual a*b - r, a - r*b, a - r*r for products, quotients and roots
 * (exact while no operand or result is tiny: below such thresholds the
 * MXCSR path decides). Sums are never tiny and inexact at once: two
 * multiples of the smallest denormal add exactly in the denormal range. */
__attribute__((target("fma"))) static inline double fpf_fmad(double a, double b, double c)
{
    return _mm_cvtsd_f64(_mm_fmadd_sd(_mm_set_sd(a), _mm_set_sd(b), _mm_set_sd(c)));
}
static inline uint64_t fpf_bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}
static inline uint32_t fpf_bitsf(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}
#define FPF_DMAG (~(1ull << 63))
#define FPF_DINF 0x7ff0000000000000ull
#define FPF_DTINY 0x0370000000000000ull /* 2^-968 = 2^(-1022 + 54) */
#define FPF_SMAG 0x7fffffffu
#define FPF_SINF 0x7f800000u

/* a+b in double; false for the MXCSR path */
static inline bool fpf_sw_d(enum fpf_op op, double a, double b, uint64_t *r, uint32_t *flags)
{
    double v, e;
    uint64_t ua = fpf_bits(a) & FPF_DMAG, ub = fpf_bits(b) & FPF_DMAG;
    switch (op) {
    case FPF_SUB:
        b = -b;
        /* fall through */
    case FPF_ADD: {
        v = a + b;
        if ((fpf_bits(v) & FPF_DMAG) >= FPF_DINF) /* NaN, overflow or an infinite operand */
            return false;
        double bb = v - a;
        e = (a - (v - bb)) + (b - bb);
        if ((fpf_bits(e) & FPF_DMAG) >= FPF_DINF)
            return false;
        break;
    }
    case FPF_MUL:
        if (ua >= FPF_DINF || ub >= FPF_DINF || !__builtin_cpu_supports("fma"))
            return false;
        v = a * b;
        if (ua == 0 || ub == 0) {
            e = 0;
            break;
        }
        if ((fpf_bits(v) & FPF_DMAG) < FPF_DTINY || (fpf_bits(v) & FPF_DMAG) >= FPF_DINF)
            return false;
        e = fpf_fmad(a, b, -v);
        break;
    case FPF_DIV:
        if (ua >= FPF_DINF || ub >= FPF_DINF || ub == 0 || !__builtin_cpu_supports("fma"))
            return false;
        v = a / b;
        if (ua == 0) {
            e = 0;
            break;
        }
        if (ua < FPF_DTINY || (fpf_bits(v) & FPF_DMAG) < FPF_DTINY || (fpf_bits(v) & FPF_DMAG) >= FPF_DINF)
            return false;
        e = fpf_fmad(-v, b, a);
        break;
    default: /* FPF_SQRT */
        if (ua == 0) { /* sqrt(-0) = -0 */
            v = a;
            e = 0;
            break;
        }
        if ((fpf_bits(a) >> 63) || ua < FPF_DTINY || ua >= FPF_DINF || !__builtin_cpu_supports("fma"))
            return false;
        v = _mm_cvtsd_f64(_mm_sqrt_sd(_mm_set_sd(a), _mm_set_sd(a)));
        e = fpf_fmad(-v, v, a);
        break;
    }
    *r = fpf_bits(v);
    *flags = e != 0 ? FPSR_IXC : 0;
    return true;
}

/* the same for single precision: products of singles are exact in double,
 * and a - r*b, a - r*r are exact there too (the terms agree to a factor 2) */
static inline bool fpf_sw_s(enum fpf_op op, float a, float b, uint64_t *r, uint32_t *flags)
{
    float v;
    uint32_t ua = fpf_bitsf(a) & FPF_SMAG, ub = fpf_bitsf(b) & FPF_SMAG, f = 0;
    switch (op) {
    case FPF_SUB:
        b = -b;
        /* fall through */
    case FPF_ADD: {
        v = a + b;
        if ((fpf_bitsf(v) & FPF_SMAG) >= FPF_SINF)
            return false;
        float bb = v - a, e = (a - (v - bb)) + (b - bb);
        if ((fpf_bitsf(e) & FPF_SMAG) >= FPF_SINF)
            return false;
        f = e != 0 ? FPSR_IXC : 0;
        break;
    }
    case FPF_MUL: {
        if (ua >= FPF_SINF || ub >= FPF_SINF)
            return false;
        double p = (double)a * (double)b;
        v = (float)p;
        if ((double)v != p) {
            f = FPSR_IXC;
            if (__builtin_fabs(p) < 0x1p-126)
                f |= FPSR_UFC;
            else if ((fpf_bitsf(v) & FPF_SMAG) >= FPF_SINF)
                f |= FPSR_OFC;
        }
        break;
    }
    case FPF_DIV:
        if (ua >= FPF_SINF || ub >= FPF_SINF || ub == 0)
            return false;
        v = a / b;
        if (ua == 0)
            break;
        if ((fpf_bitsf(v) & FPF_SMAG) <= 0x00800000u || (fpf_bitsf(v) & FPF_SMAG) >= FPF_SINF)
            return false;
        f = (double)a - (double)v * (double)b != 0 ? FPSR_IXC : 0;
        break;
    default: /* FPF_SQRT */
        if (ua == 0) {
            v = a;
            break;
        }
        if ((fpf_bitsf(a) >> 31) || ua >= FPF_SINF)
            return false;
        v = _mm_cvtss_f32(_mm_sqrt_ss(_mm_set_ss(a)));
        f = (double)a - (double)v * (double)v != 0 ? FPSR_IXC : 0;
        break;
    }
    *r = fpf_bitsf(v);
    *flags = f;
    return true;
}

/* Operation on raw S (size 2) or D (size 3) bit patterns: *r and the FPSR
 * flags, or false for the general path. */
static inline bool fpf_run(enum fpf_op op, unsigned size, uint64_t a, uint64_t b, uint64_t c, uint64_t *r,
                           uint32_t *flags)
{
    uint32_t mx;
    if (size == 3) {
        const uint64_t exp = 0x7ff0000000000000ull, mag = ~(1ull << 63);
        if ((a & mag) > exp || (b & mag) > exp || (c & mag) > exp)
            return false;
        double x, y, z, v;
        memcpy(&x, &a, 8);
        memcpy(&y, &b, 8);
        memcpy(&z, &c, 8);
        if (op != FPF_FMA && fpf_sw_d(op, x, y, r, flags))
            return true;
        if (op == FPF_FMA && !__builtin_cpu_supports("fma"))
            return false;
        mx = fpf_d(op, &v, x, y, z);
        memcpy(r, &v, 8);
        if ((*r & mag) > exp || ((mx & 0x20) && (*r & mag) == 1ull << 52))
            return false;
    } else {
        const uint32_t exp = 0x7f800000u, mag = 0x7fffffffu;
        if (((uint32_t)a & mag) > exp || ((uint32_t)b & mag) > exp || ((uint32_t)c & mag) > exp)
            return false;
        float x, y, z, v;
        uint32_t ua = (uint32_t)a, ub = (uint32_t)b, uc = (uint32_t)c, ur;
        memcpy(&x, &ua, 4);
        memcpy(&y, &ub, 4);
        memcpy(&z, &uc, 4);
        if (op != FPF_FMA && fpf_sw_s(op, x, y, r, flags))
            return true;
        if (op == FPF_FMA && !__builtin_cpu_supports("fma"))
            return false;
        mx = fpf_s(op, &v, x, y, z);
        memcpy(&ur, &v, 4);
        if ((ur & mag) > exp || ((mx & 0x20) && (ur & mag) == 1u << 23))
            return false;
        *r = ur;
    }
    *flags = fpf_flags(mx);
    return true;
}
#endif

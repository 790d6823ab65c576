/* Bit casts between IEEE values and their encodings, FPCR/FPSR access and
 * the edge operands, for the FP guest programs (fpconv, fpspecial,
 * fpsticky, fpfused): results are printed and compared bit for bit with
 * the oracle's. */
#ifndef PVM_TESTS_GUEST_FPBITS_H
#define PVM_TESTS_GUEST_FPBITS_H
#include <stdint.h>
#include <string.h>

static inline uint64_t bits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}
static inline uint32_t bitsf(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}
static inline double dbl(uint64_t u)
{
    double d;
    memcpy(&d, &u, 8);
    return d;
}
static inline float flt(uint32_t u)
{
    float f;
    memcpy(&f, &u, 4);
    return f;
}
static inline uint64_t fpcr_get(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpcr" : "=r"(v));
    return v;
}
static inline void fpcr_set(uint64_t v) { __asm__ volatile("msr fpcr, %0" ::"r"(v)); }
static inline uint64_t fpsr_get(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    return v;
}
static inline void fpsr_set(uint64_t v) { __asm__ volatile("msr fpsr, %0" ::"r"(v)); }
/* operands whose results land on every edge a translator's fast path must
 * hand back to the exact routine (fpsticky, fpfused): normal values, the
 * smallest normal binade, subnormals, extremes, signed zeros and
 * infinities, NaNs with payloads, and values whose products overflow or
 * underflow */
static const uint64_t fp_edge_d[] = {
    0x3ff0000000000000ull, /* 1 */
    0x3ff8000000000001ull, /* 1.5 + ulp */
    0xc00921fb54442d18ull, /* -pi */
    0x0010000000000000ull, /* DBL_MIN */
    0x0010000000000001ull, /* DBL_MIN + ulp */
    0x001fffffffffffffull, /* top of the smallest binade */
    0x000fffffffffffffull, /* largest subnormal */
    0x0000000000000001ull, /* smallest subnormal */
    0x7fefffffffffffffull, /* DBL_MAX */
    0x3cb0000000000000ull, /* 2^-52 */
    0x0000000000000000ull, 0x8000000000000000ull, /* +-0 */
    0x7ff0000000000000ull, 0xfff0000000000000ull, /* +-inf */
    0x7ff8000000000123ull, /* quiet NaN with a payload */
    0x7ff0000000000456ull, /* signalling NaN with a payload */
    0x2000000000000000ull, 0x5ff0000000000000ull,
};
static const uint32_t fp_edge_f[] = {
    0x3f800000u, 0x3fc00001u, 0xc0490fdbu, 0x00800000u, 0x00800001u, 0x00ffffffu, 0x007fffffu,
    0x00000001u, 0x7f7fffffu, 0x34000000u, 0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u,
    0x7fc00123u, 0x7f800456u, 0x20000000u, 0x5f000000u,
};
#define FP_EDGES_D (int)(sizeof fp_edge_d / sizeof fp_edge_d[0])
#define FP_EDGES_F (int)(sizeof fp_edge_f / sizeof fp_edge_f[0])

#endif

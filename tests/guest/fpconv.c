/* FP conversions: float/double -> int with saturation done by explicit range
 * checks in C (C leaves out-of-range conversion undefined), the same values
 * through the A64 FCVTZS/FCVTZU/FCVTAS/FCVTNS/FCVTMS/FCVTPS instructions
 * (which saturate and map NaN to 0), int -> FP, double <-> float <-> half
 * (__fp16) including overflow, subnormal halves and ties, and
 * round/trunc/floor/ceil. All results print as exact bit patterns. */
#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fpbits.h"


/* C conversions made total by explicit checks */
static int64_t sat_s64(double d)
{
    if (isnan(d))
        return 0;
    if (d >= 0x1p63)
        return INT64_MAX;
    if (d < -0x1p63)
        return INT64_MIN;
    return (int64_t)d;
}
static uint64_t sat_u64(double d)
{
    if (isnan(d) || d <= -1.0)
        return 0;
    if (d >= 0x1p64)
        return UINT64_MAX;
    return (uint64_t)d;
}
static int32_t sat_s32(double d)
{
    if (isnan(d))
        return 0;
    if (d >= 0x1p31)
        return INT32_MAX;
    if (d <= -0x1p31 - 1.0)
        return INT32_MIN;
    return (int32_t)d;
}
static uint32_t sat_u32(double d)
{
    if (isnan(d) || d <= -1.0)
        return 0;
    if (d >= 0x1p32)
        return UINT32_MAX;
    return (uint32_t)d;
}

#define CVT(name, insn, rd, rn, otype, itype)                                \
    static otype name(itype v)                                               \
    {                                                                        \
        otype r;                                                             \
        __asm__ volatile(insn " %" rd "0, %" rn "1" : "=r"(r) : "w"(v));     \
        return r;                                                            \
    }
CVT(zs64, "fcvtzs", "x", "d", int64_t, double)
CVT(zu64, "fcvtzu", "x", "d", uint64_t, double)
CVT(zs32, "fcvtzs", "w", "d", int32_t, double)
CVT(zu32, "fcvtzu", "w", "d", uint32_t, double)
CVT(as64, "fcvtas", "x", "d", int64_t, double)
CVT(au64, "fcvtau", "x", "d", uint64_t, double)
CVT(ns64, "fcvtns", "x", "d", int64_t, double)
CVT(nu32, "fcvtnu", "w", "d", uint32_t, double)
CVT(ms64, "fcvtms", "x", "d", int64_t, double)
CVT(ps64, "fcvtps", "x", "d", int64_t, double)
CVT(zs32f, "fcvtzs", "w", "s", int32_t, float)
CVT(zu64f, "fcvtzu", "x", "s", uint64_t, float)
CVT(ns32f, "fcvtns", "w", "s", int32_t, float)

static uint64_t fpsr_take(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v));
    __asm__ volatile("msr fpsr, %0" ::"r"(0ull));
    return v & 0x9f;
}

static const double dv[] = {
    0.0, -0.0, 0.5, -0.5, 1.5, -1.5, 2.5, -2.5, 0.49999999999999994, 1e10, -1e10,
    2147483647.0, 2147483647.5, 2147483648.0, -2147483648.0, -2147483648.5, -2147483649.0,
    4294967295.0, 4294967295.5, 4294967296.0, -1.0, -0.99,
    0x1.fffffffffffffp62, 0x1p63, -0x1p63, -0x1.0000000000001p63, 0x1.fffffffffffffp63,
    0x1p64, 1e300, -1e300, INFINITY, -INFINITY, NAN, -NAN, 0x1p-1074, 123.456, -987.654,
};
#define ND (sizeof dv / sizeof dv[0])

int main(void)
{
    puts("-- double -> int (C with explicit saturation | A64 instructions)");
    for (unsigned i = 0; i < ND; i++) {
        volatile double d = dv[i];
        fpsr_take();
        int64_t a = zs64(d);
        uint64_t b = zu64(d);
        int32_t c = zs32(d);
        uint32_t e = zu32(d);
        uint64_t st = fpsr_take();
        printf("%016" PRIx64 " C: %" PRId64 " %" PRIu64 " %d %u | zs %" PRId64 " zu %" PRIu64
               " zs32 %d zu32 %u fpsr %02" PRIx64 " | as %" PRId64 " au %" PRIu64 " ns %" PRId64
               " nu32 %u ms %" PRId64 " ps %" PRId64 "\n",
               bits(d), sat_s64(d), sat_u64(d), sat_s32(d), sat_u32(d), a, b, c, e, st, as64(d),
               au64(d), ns64(d), nu32(d), ms64(d), ps64(d));
        volatile float f = (float)d;
        printf("  float %08" PRIx32 ": zs32 %d zu64 %" PRIu64 " ns32 %d | lround %ld llrint %lld"
               " | round %016" PRIx64 " trunc %016" PRIx64 " floor %016" PRIx64 " ceil %016" PRIx64
               " roundf %08" PRIx32 "\n",
               bitsf(f), zs32f(f), zu64f(f), ns32f(f),
               fabs(d) < 1e18 ? lround(d) : 0L, fabs(d) < 1e18 ? llrint(d) : 0LL,
               bits(round(d)), bits(trunc(d)), bits(floor(d)), bits(ceil(d)), bitsf(roundf(f)));
    }

    puts("-- int -> FP");
    static const int64_t iv[] = {
        0, 1, -1, INT32_MAX, INT32_MIN, INT64_MAX, INT64_MIN, 0x20000001, 0x1000000000000001LL,
        -0x1000000000000001LL, 9007199254740993LL, 16777217, 16777219, -16777219,
    };
    for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++) {
        volatile int64_t x = iv[i];
        volatile uint64_t ux = (uint64_t)x;
        volatile int32_t x32 = (int32_t)x;
        volatile uint32_t ux32 = (uint32_t)x;
        printf("%016" PRIx64 ": s64->d %016" PRIx64 " u64->d %016" PRIx64 " s64->f %08" PRIx32
               " u64->f %08" PRIx32 " s32->f %08" PRIx32 " u32->f %08" PRIx32 " s32->d %016" PRIx64
               "\n",
               (uint64_t)x, bits((double)x), bits((double)ux), bitsf((float)x), bitsf((float)ux),
               bitsf((float)x32), bitsf((float)ux32), bits((double)x32));
    }

    puts("-- double <-> float");
    static const uint64_t db[] = {
        0x3ff0000010000000ull, 0x3ff0000030000000ull, 0x3ff0000010000001ull, 0x47efffffe0000000ull,
        0x47efffffefffffffull, 0x47effffff0000000ull, 0x36a0000000000000ull, 0x3690000000000000ull,
        0x3690000000000001ull, 0x7ff8000000000123ull, 0x7ff0000000000001ull, 0xfff0000000000000ull,
        0x380fffffffffffffull, 0xb810000000000000ull,
    };
    for (unsigned i = 0; i < sizeof db / sizeof db[0]; i++) {
        volatile double d = dbl(db[i]);
        fpsr_take();
        volatile float f = (float)d;
        uint64_t st = fpsr_take();
        volatile double back = (double)f;
        printf("%016" PRIx64 " -> %08" PRIx32 " fpsr %02" PRIx64 " -> %016" PRIx64 "\n", db[i],
               bitsf(f), st, bits(back));
    }

#if defined(__ARM_FP16_FORMAT_IEEE) || defined(__aarch64__)
    puts("-- half precision (__fp16)");
    static const float hv[] = {
        1.0f, 65504.0f, 65519.0f, 65520.0f, 1e6f, 0x1p-14f, 0x1p-24f, 0x1p-25f, 0x1.8p-25f,
        0x1p-26f, 1.0009765625f, 1.00048828125f, 1.00146484375f, -2.0f, 0.1f, 3.14159265f,
        INFINITY, -INFINITY, NAN, -0.0f,
    };
    for (unsigned i = 0; i < sizeof hv / sizeof hv[0]; i++) {
        volatile float f = hv[i];
        fpsr_take();
        volatile __fp16 h = (__fp16)f;
        uint64_t st = fpsr_take();
        uint16_t hb;
        memcpy(&hb, (const void *)&h, 2);
        volatile double d = (double)hv[i] * 1.0000001;
        volatile __fp16 hd = (__fp16)d;
        uint16_t hdb;
        memcpy(&hdb, (const void *)&hd, 2);
        printf("%08" PRIx32 " -> half %04x fpsr %02" PRIx64 " -> float %08" PRIx32
               " | double %016" PRIx64 " -> half %04x -> double %016" PRIx64 "\n",
               bitsf(f), hb, st, bitsf((float)h), bits(d), hdb, bits((double)hd));
    }
    uint32_t hsum = 0;
    for (uint32_t b = 0; b < 0x10000; b++) {
        uint16_t hb = (uint16_t)b;
        __fp16 h;
        memcpy(&h, &hb, 2);
        float f = (float)h;
        hsum = ((hsum << 7 | hsum >> 25) ^ bitsf(f)) * 0x01000193u;
    }
    printf("all halves -> float hash %08" PRIx32 "\n", hsum);
#endif

    puts("-- conversions in each rounding mode");
    static const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
    for (unsigned m = 0; m < 4; m++) {
        fesetround(modes[m]);
        for (unsigned i = 0; i < ND; i += 3) {
            volatile double d = dv[i];
            printf("mode %u %016" PRIx64 ": rint %016" PRIx64 " lrint %ld (float) %08" PRIx32
                   " fcvtzs %" PRId64 "\n",
                   m, bits(d), bits(rint(d)), fabs(d) < 1e18 ? lrint(d) : 0L, bitsf((float)d),
                   zs64(d));
        }
    }
    fesetround(FE_TONEAREST);
    return 0;
}

/* NaN, infinity and denormals: results are printed as raw bit patterns, so
 * NaN sign and payload propagation (A64 keeps the first NaN operand's payload,
 * quietened; x86 picks differently) and the default NaN are visible; FPCR.FZ
 * and FPCR.DN are switched through MRS/MSR to check flush-to-zero and
 * default-NaN modes; fmin/fmax/fminnm and comparisons with unordered inputs. */
#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fpbits.h"


static double a64_fmin(double a, double b)
{
    double r;
    __asm__ volatile("fmin %d0, %d1, %d2" : "=w"(r) : "w"(a), "w"(b));
    return r;
}
static double a64_fmax(double a, double b)
{
    double r;
    __asm__ volatile("fmax %d0, %d1, %d2" : "=w"(r) : "w"(a), "w"(b));
    return r;
}
static double a64_fminnm(double a, double b)
{
    double r;
    __asm__ volatile("fminnm %d0, %d1, %d2" : "=w"(r) : "w"(a), "w"(b));
    return r;
}
static double a64_fmaxnm(double a, double b)
{
    double r;
    __asm__ volatile("fmaxnm %d0, %d1, %d2" : "=w"(r) : "w"(a), "w"(b));
    return r;
}
static uint64_t a64_fcmp_flags(double a, double b)
{
    uint64_t f;
    __asm__ volatile("fcmp %d1, %d2\n\tmrs %0, nzcv" : "=r"(f) : "w"(a), "w"(b) : "cc");
    return f >> 28;
}
static uint64_t a64_fcmpe_flags(double a, double b)
{
    uint64_t f;
    __asm__ volatile("fcmpe %d1, %d2\n\tmrs %0, nzcv" : "=r"(f) : "w"(a), "w"(b) : "cc");
    return f >> 28;
}

static const uint64_t specials[] = {
    0x0000000000000000ull, /* +0 */
    0x8000000000000000ull, /* -0 */
    0x7ff0000000000000ull, /* +inf */
    0xfff0000000000000ull, /* -inf */
    0x7ff8000000000000ull, /* default qNaN */
    0x7ff8000000000123ull, /* qNaN with payload */
    0xfff8000000000456ull, /* negative qNaN with payload */
    0x7ff0000000000789ull, /* sNaN with payload */
    0xfff4000000000001ull, /* negative sNaN */
    0x0000000000000001ull, /* smallest denormal */
    0x000fffffffffffffull, /* largest denormal */
    0x8008000000000000ull, /* negative denormal */
    0x0010000000000000ull, /* smallest normal */
    0x3ff0000000000000ull, /* 1 */
    0xbff8000000000000ull, /* -1.5 */
    0x7fefffffffffffffull, /* max */
};
#define NS (sizeof specials / sizeof specials[0])

static void table(const char *title)
{
    printf("-- %s (fpcr=%08" PRIx64 ")\n", title, fpcr_get());
    uint64_t acc = 0;
    for (unsigned i = 0; i < NS; i++) {
        for (unsigned j = 0; j < NS; j++) {
            volatile double a = dbl(specials[i]), b = dbl(specials[j]);
            fpsr_set(0);
            double s = a + b, d = a - b, m = a * b, q = a / b;
            double mn = a64_fmin(a, b), mx = a64_fmax(a, b);
            double mnn = a64_fminnm(a, b), mxn = a64_fmaxnm(a, b);
            double f = fma(a, b, 1.0);
            uint64_t fl = a64_fcmp_flags(a, b);
            uint64_t st = fpsr_get() & 0x9f;
            fpsr_set(0);
            uint64_t fle = a64_fcmpe_flags(a, b);
            uint64_t ste = fpsr_get() & 0x9f;
            int rel = (a < b) | (a <= b) << 1 | (a == b) << 2 | (a != b) << 3 |
                      isless(a, b) << 4 | isunordered(a, b) << 5;
            if (i % 3 == 0 || j % 4 == 1)
                printf("%016" PRIx64 " %016" PRIx64 ": add %016" PRIx64 " sub %016" PRIx64
                       " mul %016" PRIx64 " div %016" PRIx64 " min %016" PRIx64 " max %016" PRIx64
                       " minnm %016" PRIx64 " maxnm %016" PRIx64 " fma %016" PRIx64
                       " cmp %" PRIx64 "/%" PRIx64 " cmpe %" PRIx64 "/%" PRIx64 " rel %02x\n",
                       specials[i], specials[j], bits(s), bits(d), bits(m), bits(q), bits(mn),
                       bits(mx), bits(mnn), bits(mxn), bits(f), fl, st, fle, ste, rel);
            acc = acc * 31 + bits(s) + 3 * bits(m) + 5 * bits(q) + 7 * bits(mnn) + st;
        }
    }
    printf("table hash %016" PRIx64 "\n", acc);

    for (unsigned i = 0; i < NS; i++) {
        volatile double a = dbl(specials[i]);
        fpsr_set(0);
        double r = sqrt(a);
        volatile float fa = (float)a;
        uint64_t st = fpsr_get() & 0x9f;
        volatile float ff = fa * 0.5f;
        printf("%016" PRIx64 ": sqrt %016" PRIx64 " (float) %08" PRIx32 " *0.5f %08" PRIx32
               " neg %016" PRIx64 " abs %016" PRIx64 " isnan %d isinf %d fpclassify %d"
               " signbit %d fpsr %02" PRIx64 "\n",
               specials[i], bits(r), bitsf(fa), bitsf(ff), bits(-a), bits(fabs(a)), isnan(a) != 0,
               isinf(a) != 0, fpclassify(a), signbit(a) != 0, st);
    }
}

int main(void)
{
    uint64_t fpcr0 = fpcr_get();
    printf("initial fpcr %08" PRIx64 "\n", fpcr0);
    table("default");
    fpcr_set(fpcr0 | (1u << 25)); /* DN: default NaN */
    table("DN");
    fpcr_set(fpcr0 | (1u << 24)); /* FZ: flush denormals to zero */
    table("FZ");
    fpcr_set(fpcr0);

    puts("-- float denormals and underflow");
    static const uint32_t fs[] = {1, 0x7fffff, 0x800000, 0x80000001, 0x00400000, 0x3f800000,
                                  0x7f800000, 0x7fc00001, 0xff800001};
    for (unsigned i = 0; i < sizeof fs / sizeof fs[0]; i++) {
        for (unsigned j = 0; j < sizeof fs / sizeof fs[0]; j += 2) {
            volatile float a = flt(fs[i]), b = flt(fs[j]);
            feclearexcept(FE_ALL_EXCEPT);
            float m = a * b, d = a / 3.0f, s = a - b;
            int ex = fetestexcept(FE_ALL_EXCEPT);
            printf("%08" PRIx32 " %08" PRIx32 ": mul %08" PRIx32 " /3 %08" PRIx32 " sub %08" PRIx32
                   " exc %02x\n",
                   fs[i], fs[j], bitsf(m), bitsf(d), bitsf(s), ex);
        }
    }
    volatile double tiny = 0x1p-1022;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double u = tiny * 0x1p-30;
    printf("underflow %016" PRIx64 " exc %02x\n", bits(u), fetestexcept(FE_ALL_EXCEPT));
    volatile double big = 0x1p1000;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double o = big * big;
    printf("overflow %016" PRIx64 " exc %02x\n", bits(o), fetestexcept(FE_ALL_EXCEPT));
    feclearexcept(FE_ALL_EXCEPT);
    volatile double z = 1.0 / (tiny - tiny);
    printf("divbyzero %016" PRIx64 " exc %02x\n", bits(z), fetestexcept(FE_ALL_EXCEPT));
    return 0;
}

/* Scalar FADD, FSUB, FMUL, FDIV in hot loops with FPSR.IXC already set and
 * cleared, over operands whose results land everywhere a translator's fast
 * path must hand back to the exact routine: normal results, the smallest
 * normal binade (tininess before rounding), subnormals and zero
 * (underflow), overflow to infinity, division by zero, NaN operands with
 * payloads (quiet and signalling, in either position: Arm's propagation
 * differs from x86's), inf - inf and 0 * inf. Each result's bits and the
 * FPSR after it are printed, so the oracle's output is matched bit for bit;
 * the loops run each case enough times for pvm to translate them. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "fpbits.h"

/* one operation per asm statement: the compiler folds nothing */
#define OPD(name, insn)                                                                                \
    static double name(double a, double b)                                                             \
    {                                                                                                  \
        double r;                                                                                      \
        __asm__ volatile(insn " %d0, %d1, %d2" : "=w"(r) : "w"(a), "w"(b));                            \
        return r;                                                                                      \
    }
#define OPS(name, insn)                                                                                \
    static float name(float a, float b)                                                                \
    {                                                                                                  \
        float r;                                                                                       \
        __asm__ volatile(insn " %s0, %s1, %s2" : "=w"(r) : "w"(a), "w"(b));                            \
        return r;                                                                                      \
    }
OPD(addd, "fadd")
OPD(subd, "fsub")
OPD(muld, "fmul")
OPD(divd, "fdiv")
OPS(adds, "fadd")
OPS(subs, "fsub")
OPS(muls, "fmul")
OPS(divs, "fdiv")

static double (*const opd[4])(double, double) = {addd, subd, muld, divd};
static float (*const ops[4])(float, float) = {adds, subs, muls, divs};
static const char *const names[4] = {"fadd", "fsub", "fmul", "fdiv"};

int main(void)
{
    static const uint64_t dv[] = {
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
    static const uint32_t fv[] = {
        0x3f800000u, 0x3fc00001u, 0xc0490fdbu, 0x00800000u, 0x00800001u, 0x00ffffffu, 0x007fffffu,
        0x00000001u, 0x7f7fffffu, 0x34000000u, 0x00000000u, 0x80000000u, 0x7f800000u, 0xff800000u,
        0x7fc00123u, 0x7f800456u, 0x20000000u, 0x5f000000u,
    };
    const int nd = sizeof dv / sizeof dv[0], nf = sizeof fv / sizeof fv[0];
    uint64_t hash = 0;
    for (int ixc = 0; ixc < 2; ixc++)
        for (int o = 0; o < 4; o++) {
            for (int a = 0; a < nd; a++)
                for (int b = 0; b < nd; b++) {
                    uint64_t r = 0, fpsr = 0;
                    for (int rep = 0; rep < 40; rep++) {
                        fpsr_set(ixc ? 0x10 : 0);
                        r = bits(opd[o](dbl(dv[a]), dbl(dv[b])));
                        fpsr = fpsr_get();
                    }
                    printf("%s.d ixc=%d %016llx %016llx = %016llx fpsr %02llx\n", names[o], ixc,
                           (unsigned long long)dv[a], (unsigned long long)dv[b], (unsigned long long)r,
                           (unsigned long long)fpsr);
                    hash = hash * 31 + r + fpsr;
                }
            for (int a = 0; a < nf; a++)
                for (int b = 0; b < nf; b++) {
                    uint32_t r = 0;
                    uint64_t fpsr = 0;
                    for (int rep = 0; rep < 40; rep++) {
                        fpsr_set(ixc ? 0x10 : 0);
                        r = bitsf(ops[o](flt(fv[a]), flt(fv[b])));
                        fpsr = fpsr_get();
                    }
                    printf("%s.s ixc=%d %08x %08x = %08x fpsr %02llx\n", names[o], ixc, fv[a], fv[b], r,
                           (unsigned long long)fpsr);
                    hash = hash * 31 + r + fpsr;
                }
        }
    /* a loop that keeps IXC set: sums and products across the binades */
    double s = 0, p = 1;
    float sf = 0, pf = 1;
    fpsr_set(0);
    for (int k = 1; k < 200000; k++) {
        s = addd(s, divd(1.0, (double)k));
        p = muld(p, 1.0000001);
        sf = adds(sf, divs(1.0f, (float)k));
        pf = muls(pf, 1.0001f);
    }
    printf("sums %016llx %016llx %08x %08x fpsr %02llx\n", (unsigned long long)bits(s),
           (unsigned long long)bits(p), bitsf(sf), bitsf(pf), (unsigned long long)fpsr_get());
    printf("hash %016llx\n", (unsigned long long)hash);
    return 0;
}

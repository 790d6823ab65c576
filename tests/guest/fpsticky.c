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
    const uint64_t *dv = fp_edge_d;
    const uint32_t *fv = fp_edge_f;
    const int nd = FP_EDGES_D, nf = FP_EDGES_F;
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

/* Scalar FMADD, FMSUB, FNMADD, FNMSUB and FCMP/FCMPE in hot loops with
 * FPSR.IXC already set and cleared (the translator's native paths: FMA3 and
 * ucomis[sd]), over operands whose results land everywhere those must hand
 * back to the exact routine: normal results, the smallest normal binade,
 * subnormals and zero, overflow, NaN operands with payloads in each of the
 * three positions (Arm's propagation order is a, n, m), inf - inf and
 * 0 * inf + x, and FPCR.FZ for the compares. The fused results are hashed
 * per (operation, first operand) with the FPSR after each; the compares
 * print NZCV and FPSR per pair. */
#include <stdint.h>
#include <stdio.h>

#include "fpbits.h"

/* one operation per asm statement: the compiler folds nothing */
#define FMAD(name, insn)                                                                               \
    static double name(double n, double m, double a)                                                   \
    {                                                                                                  \
        double r;                                                                                      \
        __asm__ volatile(insn " %d0, %d1, %d2, %d3" : "=w"(r) : "w"(n), "w"(m), "w"(a));               \
        return r;                                                                                      \
    }
#define FMAS(name, insn)                                                                               \
    static float name(float n, float m, float a)                                                       \
    {                                                                                                  \
        float r;                                                                                       \
        __asm__ volatile(insn " %s0, %s1, %s2, %s3" : "=w"(r) : "w"(n), "w"(m), "w"(a));               \
        return r;                                                                                      \
    }
FMAD(fmaddd, "fmadd")
FMAD(fmsubd, "fmsub")
FMAD(fnmaddd, "fnmadd")
FMAD(fnmsubd, "fnmsub")
FMAS(fmadds, "fmadd")
FMAS(fmsubs, "fmsub")
FMAS(fnmadds, "fnmadd")
FMAS(fnmsubs, "fnmsub")

static double (*const fd[4])(double, double, double) = {fmaddd, fmsubd, fnmaddd, fnmsubd};
static float (*const fs[4])(float, float, float) = {fmadds, fmsubs, fnmadds, fnmsubs};
static const char *const names[4] = {"fmadd", "fmsub", "fnmadd", "fnmsub"};

/* NZCV after FCMP/FCMPE of a and b (or a and #0.0) */
#define CMP(name, insn, reg, ty)                                                                       \
    static uint64_t name(ty a, ty b)                                                                   \
    {                                                                                                  \
        uint64_t f;                                                                                    \
        __asm__ volatile(insn " %" reg "1, %" reg "2\n\tmrs %0, nzcv" : "=r"(f) : "w"(a), "w"(b) : "cc"); \
        return f;                                                                                      \
    }
CMP(fcmpd, "fcmp", "d", double)
CMP(fcmped, "fcmpe", "d", double)
CMP(fcmps, "fcmp", "s", float)
CMP(fcmpes, "fcmpe", "s", float)
static uint64_t fcmpzd(double a)
{
    uint64_t f;
    __asm__ volatile("fcmp %d1, #0.0\n\tmrs %0, nzcv" : "=r"(f) : "w"(a) : "cc");
    return f;
}

int main(void)
{
    const uint64_t *dv = fp_edge_d;
    const uint32_t *fv = fp_edge_f;
    const int nd = FP_EDGES_D, nf = FP_EDGES_F;
    uint64_t total = 0;
    for (int ixc = 0; ixc < 2; ixc++)
        for (int o = 0; o < 4; o++) {
            for (int a = 0; a < nd; a++) {
                uint64_t hash = 0;
                for (int b = 0; b < nd; b++)
                    for (int c = 0; c < nd; c++) {
                        uint64_t r = 0, fpsr = 0;
                        for (int rep = 0; rep < 20; rep++) {
                            fpsr_set(ixc ? 0x10 : 0);
                            r = bits(fd[o](dbl(dv[a]), dbl(dv[b]), dbl(dv[c])));
                            fpsr = fpsr_get();
                        }
                        hash = (hash ^ r ^ fpsr << 56) * 0x100000001b3ull;
                    }
                printf("%s.d ixc=%d n=%016llx: %016llx\n", names[o], ixc, (unsigned long long)dv[a],
                       (unsigned long long)hash);
                total = total * 31 + hash;
            }
            for (int a = 0; a < nf; a++) {
                uint64_t hash = 0;
                for (int b = 0; b < nf; b++)
                    for (int c = 0; c < nf; c++) {
                        uint32_t r = 0;
                        uint64_t fpsr = 0;
                        for (int rep = 0; rep < 20; rep++) {
                            fpsr_set(ixc ? 0x10 : 0);
                            r = bitsf(fs[o](flt(fv[a]), flt(fv[b]), flt(fv[c])));
                            fpsr = fpsr_get();
                        }
                        hash = (hash ^ r ^ fpsr << 56) * 0x100000001b3ull;
                    }
                printf("%s.s ixc=%d n=%08x: %016llx\n", names[o], ixc, fv[a], (unsigned long long)hash);
                total = total * 31 + hash;
            }
        }
    /* the compares, with FPCR.FZ clear and set (subnormal operands flushed) */
    for (int fz = 0; fz < 2; fz++) {
        fpcr_set(fz ? 1u << 24 : 0);
        for (int a = 0; a < nd; a++)
            for (int b = 0; b < nd; b++) {
                uint64_t f1 = 0, f2 = 0, f3 = 0, s1 = 0, s2 = 0, s3 = 0;
                for (int rep = 0; rep < 20; rep++) {
                    fpsr_set(0);
                    f1 = fcmpd(dbl(dv[a]), dbl(dv[b]));
                    s1 = fpsr_get();
                    fpsr_set(0);
                    f2 = fcmped(dbl(dv[a]), dbl(dv[b]));
                    s2 = fpsr_get();
                    fpsr_set(0);
                    f3 = fcmpzd(dbl(dv[a]));
                    s3 = fpsr_get();
                }
                printf("fcmp.d fz=%d %016llx %016llx: %llx/%02llx e %llx/%02llx z %llx/%02llx\n", fz,
                       (unsigned long long)dv[a], (unsigned long long)dv[b], (unsigned long long)(f1 >> 28),
                       (unsigned long long)s1, (unsigned long long)(f2 >> 28), (unsigned long long)s2,
                       (unsigned long long)(f3 >> 28), (unsigned long long)s3);
            }
        for (int a = 0; a < nf; a++)
            for (int b = 0; b < nf; b++) {
                uint64_t f1 = 0, f2 = 0, s1 = 0, s2 = 0;
                for (int rep = 0; rep < 20; rep++) {
                    fpsr_set(0);
                    f1 = fcmps(flt(fv[a]), flt(fv[b]));
                    s1 = fpsr_get();
                    fpsr_set(0);
                    f2 = fcmpes(flt(fv[a]), flt(fv[b]));
                    s2 = fpsr_get();
                }
                printf("fcmp.s fz=%d %08x %08x: %llx/%02llx e %llx/%02llx\n", fz, fv[a], fv[b],
                       (unsigned long long)(f1 >> 28), (unsigned long long)s1, (unsigned long long)(f2 >> 28),
                       (unsigned long long)s2);
            }
    }
    fpcr_set(0);
    printf("total %016llx\n", (unsigned long long)total);
    return 0;
}

/* Bit casts between IEEE values and their encodings, and FPCR/FPSR access,
 * for the FP guest programs (fpconv, fpspecial, fpsticky): results are
 * printed and compared bit for bit with the oracle's. */
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
#endif

/* The arm64 HWCAP bits (AT_HWCAP, AT_HWCAP2) as one table with several views:
 * the implemented set, which the CPU models (core/cpumodel.h) narrow into
 * the auxv values the loader advertises and the "Features" line of
 * /proc/cpuinfo. Bit numbers and cpuinfo names are the arm64 kernel's
 * (uapi asm/hwcap.h, arch/arm64/kernel/cpuinfo.c). Invariant: a bit is
 * advertised only when its `impl` column is 1, i.e. every instruction the
 * feature promises is implemented; HWCAP is a promise glibc, libgcc's outline
 * atomics and OpenSSL act on. */
#ifndef PVM_CORE_HWCAP_H
#define PVM_CORE_HWCAP_H

#include <stdint.h>

/* X(name, bit, "cpuinfo-name", impl) */
#define HWCAP_TABLE(X)                  \
    X(FP, 0, "fp", 1)                   \
    X(ASIMD, 1, "asimd", 1)             \
    X(EVTSTRM, 2, "evtstrm", 0)         \
    X(AES, 3, "aes", 1)                 \
    X(PMULL, 4, "pmull", 1)             \
    X(SHA1, 5, "sha1", 1)               \
    X(SHA2, 6, "sha2", 1)               \
    X(CRC32, 7, "crc32", 1)             \
    X(ATOMICS, 8, "atomics", 1)         \
    X(FPHP, 9, "fphp", 0)               \
    X(ASIMDHP, 10, "asimdhp", 0)        \
    X(CPUID, 11, "cpuid", 0)            \
    X(ASIMDRDM, 12, "asimdrdm", 1)      \
    X(JSCVT, 13, "jscvt", 1)            \
    X(FCMA, 14, "fcma", 0)              \
    X(LRCPC, 15, "lrcpc", 1)            \
    X(DCPOP, 16, "dcpop", 1)            \
    X(SHA3, 17, "sha3", 1)              \
    X(SM3, 18, "sm3", 0)                \
    X(SM4, 19, "sm4", 0)                \
    X(ASIMDDP, 20, "asimddp", 1)        \
    X(SHA512, 21, "sha512", 1)          \
    X(SVE, 22, "sve", 0)                \
    X(ASIMDFHM, 23, "asimdfhm", 0)      \
    X(DIT, 24, "dit", 0)                \
    X(USCAT, 25, "uscat", 0)            \
    X(ILRCPC, 26, "ilrcpc", 1)          \
    X(FLAGM, 27, "flagm", 1)            \
    X(SSBS, 28, "ssbs", 0)              \
    X(SB, 29, "sb", 1)                  \
    X(PACA, 30, "paca", 0)              \
    X(PACG, 31, "pacg", 0)

/* AT_HWCAP2; the cpuinfo line lists these after the HWCAP names */
#define HWCAP2_TABLE(X)                 \
    X(DCPODP, 0, "dcpodp", 1)           \
    X(SVE2, 1, "sve2", 0)               \
    X(SVEAES, 2, "sveaes", 0)           \
    X(SVEPMULL, 3, "svepmull", 0)       \
    X(SVEBITPERM, 4, "svebitperm", 0)   \
    X(SVESHA3, 5, "svesha3", 0)         \
    X(SVESM4, 6, "svesm4", 0)           \
    X(FLAGM2, 7, "flagm2", 1)           \
    X(FRINT, 8, "frint", 1)             \
    X(SVEI8MM, 9, "svei8mm", 0)         \
    X(SVEF32MM, 10, "svef32mm", 0)      \
    X(SVEF64MM, 11, "svef64mm", 0)      \
    X(SVEBF16, 12, "svebf16", 0)        \
    X(I8MM, 13, "i8mm", 0)              \
    X(BF16, 14, "bf16", 0)              \
    X(DGH, 15, "dgh", 0)                \
    X(RNG, 16, "rng", 0)                \
    X(BTI, 17, "bti", 0)                \
    X(MTE, 18, "mte", 0)                \
    X(ECV, 19, "ecv", 0)                \
    X(AFP, 20, "afp", 0)                \
    X(RPRES, 21, "rpres", 0)            \
    X(MTE3, 22, "mte3", 0)              \
    X(SME, 23, "sme", 0)                \
    X(SME_I16I64, 24, "smei16i64", 0)   \
    X(SME_F64F64, 25, "smef64f64", 0)   \
    X(SME_I8I32, 26, "smei8i32", 0)     \
    X(SME_F16F32, 27, "smef16f32", 0)   \
    X(SME_B16F32, 28, "smeb16f32", 0)   \
    X(SME_F32F32, 29, "smef32f32", 0)   \
    X(SME_FA64, 30, "smefa64", 0)       \
    X(WFXT, 31, "wfxt", 0)              \
    X(EBF16, 32, "ebf16", 0)            \
    X(SVE_EBF16, 33, "sveebf16", 0)

/* guest constants, named HWCAP_A64_x / HWCAP2_A64_x so they never collide
 * with a host <asm/hwcap.h> */
enum {
#define X(name, bit, str, impl) HWCAP_A64_BIT_##name = bit,
    HWCAP_TABLE(X)
#undef X
};
enum {
#define X(name, bit, str, impl) HWCAP2_A64_BIT_##name = bit,
    HWCAP2_TABLE(X)
#undef X
};
/* one index space for both words, used by the CPU models and the decoder's
 * feature gate: HWCAP bit b is feature b, HWCAP2 bit b is feature 64 + b
 * (the names of the two tables are disjoint) */
enum {
#define X(name, bit, str, impl) HWCAP_FEAT_##name = bit,
    HWCAP_TABLE(X)
#undef X
#define X(name, bit, str, impl) HWCAP_FEAT_##name = 64 + bit,
    HWCAP2_TABLE(X)
#undef X
    HWCAP_FEAT_COUNT = 128
};
#define X(name, bit, str, impl) static const uint64_t HWCAP_A64_##name = 1ull << bit;
HWCAP_TABLE(X)
#undef X
#define X(name, bit, str, impl) static const uint64_t HWCAP2_A64_##name = 1ull << bit;
HWCAP2_TABLE(X)
#undef X

/* AT_HWCAP: the implemented bits */
static inline uint64_t hwcap_a64(void)
{
    uint64_t v = 0;
#define X(name, bit, str, impl) v |= (impl) ? (1ull << (bit)) : 0;
    HWCAP_TABLE(X)
#undef X
    return v;
}

/* AT_HWCAP2: the implemented bits */
static inline uint64_t hwcap2_a64(void)
{
    uint64_t v = 0;
#define X(name, bit, str, impl) v |= (impl) ? (1ull << (bit)) : 0;
    HWCAP2_TABLE(X)
#undef X
    return v;
}

#endif

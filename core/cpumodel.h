/* CPU models for -cpu / PVM_CPU: one table (CPUMODEL_TABLE) gives each
 * model's name, its MIDR fields as /proc/cpuinfo shows them, and its real
 * HWCAP/HWCAP2 feature sets as the arm64 kernel reports them on that core.
 * The selected model is process-wide state, chosen once while the options
 * are parsed and never changed after the first instruction is decoded.
 * Invariants: what a model advertises (cpumodel_hwcap/hwcap2) is its real set
 * narrowed to what pvm implements (hwcap_a64(): the features the decode
 * tables name, core/hwcap.h), so no model ever promises an unimplemented
 * feature; `max` has every real bit set, so it advertises exactly the
 * implemented set; the decoder (interp/decode.c, the feature column of
 * interp/<class>.decode) turns the instructions of a feature the selected
 * model lacks into OP_UNDEF via cpumodel_has. */
#ifndef PVM_CORE_CPUMODEL_H
#define PVM_CORE_CPUMODEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "core/hwcap.h"

/* table helpers: one HWCAP or HWCAP2 bit by name */
#define CPUMODEL_HW(name) (1ull << HWCAP_A64_BIT_##name)
#define CPUMODEL_HW2(name) (1ull << HWCAP2_A64_BIT_##name)
/* an ARMv8.0 core with the Cryptographic Extension and CRC32, as the kernel
 * lists it: fp asimd evtstrm aes pmull sha1 sha2 crc32 cpuid */
#define CPUMODEL_V80_CRYPTO                                                                  \
    (CPUMODEL_HW(FP) | CPUMODEL_HW(ASIMD) | CPUMODEL_HW(EVTSTRM) | CPUMODEL_HW(AES) |        \
     CPUMODEL_HW(PMULL) | CPUMODEL_HW(SHA1) | CPUMODEL_HW(SHA2) | CPUMODEL_HW(CRC32) |       \
     CPUMODEL_HW(CPUID))
/* Neoverse N1 (ARMv8.2): the above plus atomics fphp asimdhp asimdrdm lrcpc
 * dcpop asimddp ssbs */
#define CPUMODEL_N1                                                                          \
    (CPUMODEL_V80_CRYPTO | CPUMODEL_HW(ATOMICS) | CPUMODEL_HW(FPHP) | CPUMODEL_HW(ASIMDHP) | \
     CPUMODEL_HW(ASIMDRDM) | CPUMODEL_HW(LRCPC) | CPUMODEL_HW(DCPOP) | CPUMODEL_HW(ASIMDDP) | \
     CPUMODEL_HW(SSBS))

/* X(id, "name", implementer, variant, part, revision, hwcap, hwcap2)
 * MIDR fields: qemu's models of the same cores (cortex-a53 r0p4, cortex-a72
 * r0p3, neoverse-n1 r4p1); max keeps the Cortex-A710 r2p0 pvm always
 * reported (an Armv9.0 Arm core that has every feature pvm implements). */
#define CPUMODEL_TABLE(X)                                                                  \
    X(CORTEX_A53, "cortex-a53", 0x41, 0x0, 0xd03, 4, CPUMODEL_V80_CRYPTO, 0)                \
    X(CORTEX_A72, "cortex-a72", 0x41, 0x0, 0xd08, 3, CPUMODEL_V80_CRYPTO, 0)                \
    X(NEOVERSE_N1, "neoverse-n1", 0x41, 0x4, 0xd0c, 1, CPUMODEL_N1, 0)                      \
    X(MAX, "max", 0x41, 0x2, 0xd47, 0, ~0ull, ~0ull)

enum cpumodel_id {
#define X(id, name, impl, var, part, rev, hw, hw2) CPUMODEL_##id,
    CPUMODEL_TABLE(X)
#undef X
    CPUMODEL_COUNT
};

struct cpumodel {
    const char *name;
    unsigned implementer, variant, part, revision; /* MIDR_EL1 fields */
    uint64_t hwcap, hwcap2;                        /* the real core's sets */
};

extern const struct cpumodel cpumodel_table[CPUMODEL_COUNT];

/* the model called name, or -1 */
int cpumodel_find(const char *name);

/* selects model id (process-wide); the default is CPUMODEL_MAX */
void cpumodel_select(int id);

/* the selected model */
const struct cpumodel *cpumodel_current(void);

/* what model m advertises: its real sets narrowed to pvm's implemented bits */
uint64_t cpumodel_hwcap_of(const struct cpumodel *m);
uint64_t cpumodel_hwcap2_of(const struct cpumodel *m);

/* AT_HWCAP / AT_HWCAP2 of the selected model */
uint64_t cpumodel_hwcap(void);
uint64_t cpumodel_hwcap2(void);

/* whether the selected model advertises feature feat (HWCAP_FEAT_x) */
bool cpumodel_has(unsigned feat);

/* " name" for each feature model m advertises, in cpuinfo order (HWCAP bits,
 * then HWCAP2 bits) */
void cpumodel_print_features(FILE *f, const struct cpumodel *m);

/* the cpuinfo name of feature feat (HWCAP_FEAT_x), or "?" */
const char *cpumodel_feature_name(unsigned feat);

/* the known names, ", "-separated, for messages */
const char *cpumodel_names(void);

#endif

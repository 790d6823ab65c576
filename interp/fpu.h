/* FP environment shared by scalar FP and Advanced SIMD: the architectural
 * FPCR/FPSR registers (only implemented bits are kept, as on Cortex-A53),
 * and c->mxcsr, the host MXCSR that approximates FPCR for native SSE code.
 *
 * MXCSR policy: pvm's own C code always runs with the host's default MXCSR.
 * Interpreter FP operations (the sfp_* element layer) load the guest rounding
 * mode with all exceptions masked and the flags clear just around the host
 * instruction, read the flags back into FPSR and restore the host value, so
 * nothing pvm computes (printf, timers) ever sees a guest rounding mode or a
 * guest FZ. FZ, DN and the NaN rules are applied in software by that layer,
 * because x86 differs: DAZ reports no IDC, FTZ detects tininess after
 * rounding (Arm: before), and x86's generated NaN is negative.
 * c->mxcsr (kept in step with FPCR by fpu_write_fpcr) is for translated code
 * that runs a stretch of guest FP natively: RC from RMode, FTZ|DAZ from FZ,
 * all exceptions masked; such code must still apply the same fix-ups. */
#ifndef PVM_INTERP_FPU_H
#define PVM_INTERP_FPU_H
#include <stdint.h>
#include "core/cpu.h"

#define FPCR_AHP (1u << 26)
#define FPCR_DN (1u << 25)
#define FPCR_FZ (1u << 24)
#define FPCR_RMODE_SHIFT 22
/* AHP, DN, FZ, RMode, Stride, Len: no FZ16 (no FP16), and the trap enables
 * read as zero (exceptions never trap, as on Cortex-A53) */
#define FPCR_WRITABLE 0x07f70000u

/* FPSR: N Z C V QC (AArch32 compare flags and saturation) and the cumulative
 * exception flags IDC IXC UFC OFC DZC IOC */
#define FPSR_WRITABLE 0xf800009fu
enum {
    FPSR_IOC = 1u << 0,
    FPSR_DZC = 1u << 1,
    FPSR_OFC = 1u << 2,
    FPSR_UFC = 1u << 3,
    FPSR_IXC = 1u << 4,
    FPSR_IDC = 1u << 7,
    FPSR_QC = 1u << 27,
};

/* host MXCSR for an FPCR value: exceptions masked (0x1f80), rounding
 * control RN 00, RM 01, RP 10, RZ 11 (Arm RMode: RN 00, RP 01, RM 10, RZ 11),
 * FZ -> FTZ (bit 15) | DAZ (bit 6) */
static inline uint32_t fpu_mxcsr_of(uint32_t fpcr)
{
    static const uint32_t rc[4] = {0u << 13, 2u << 13, 1u << 13, 3u << 13};
    uint32_t m = 0x1f80u | rc[(fpcr >> FPCR_RMODE_SHIFT) & 3];
    if (fpcr & FPCR_FZ)
        m |= 0x8040u;
    return m;
}

static inline void fpu_write_fpcr(struct cpu *c, uint64_t v)
{
    c->fpcr = (uint32_t)v & FPCR_WRITABLE;
    c->mxcsr = fpu_mxcsr_of(c->fpcr);
}
static inline uint64_t fpu_read_fpcr(struct cpu *c) { return c->fpcr; }
static inline void fpu_write_fpsr(struct cpu *c, uint64_t v) { c->fpsr = (uint32_t)v & FPSR_WRITABLE; }
static inline uint64_t fpu_read_fpsr(struct cpu *c) { return c->fpsr; }

/* FPCR/FPSR/MXCSR of a new thread's first CPU state (all zero in FPCR:
 * round to nearest, no FZ/DN) */
static inline void fpu_reset(struct cpu *c)
{
    fpu_write_fpcr(c, 0);
    fpu_write_fpsr(c, 0);
}
#endif

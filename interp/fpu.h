/* FP environment shared by scalar FP and Advanced SIMD semantics: FPCR ->
 * host MXCSR (rounding mode, flush-to-zero), FPSR cumulative flags, and the
 * NaN rules the host SSE results are fixed up to. (Owned by the FP class;
 * this first version only stores the registers.) */
#ifndef PVM_INTERP_FPU_H
#define PVM_INTERP_FPU_H
#include <stdint.h>
#include "core/cpu.h"

static inline void fpu_write_fpcr(struct cpu *c, uint64_t v) { c->fpcr = (uint32_t)v & 0x07ff9f00u; }
static inline uint64_t fpu_read_fpcr(struct cpu *c) { return c->fpcr; }
static inline void fpu_write_fpsr(struct cpu *c, uint64_t v) { c->fpsr = (uint32_t)v & 0xf800009fu; }
static inline uint64_t fpu_read_fpsr(struct cpu *c) { return c->fpsr; }
#endif

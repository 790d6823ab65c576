/* Helpers for the decoder's format functions: bit-field extraction and the
 * mapping of a 5-bit register field to a cpu->x index for its operand role
 * (see core/cpu.h: 31 is SP, 32 the zero source, 33 the write sink). */
#ifndef PVM_INTERP_FMT_COMMON_H
#define PVM_INTERP_FMT_COMMON_H

#include <stdint.h>
#include "core/cpu.h"
#include "interp/insn.h"

static inline uint32_t bits(uint32_t raw, unsigned hi, unsigned lo)
{
    return (raw >> lo) & ((1u << (hi - lo + 1)) - 1);
}
static inline uint32_t bit(uint32_t raw, unsigned n) { return (raw >> n) & 1; }
static inline int64_t sext(uint64_t v, unsigned width)
{
    return (int64_t)(v << (64 - width)) >> (64 - width);
}
/* register field used as a source where 31 means XZR */
static inline uint8_t reg_zr(uint32_t f) { return f == 31 ? REG_ZR : (uint8_t)f; }
/* register field used as a destination where 31 means XZR */
static inline uint8_t reg_zw(uint32_t f) { return f == 31 ? REG_WSINK : (uint8_t)f; }
/* register field where 31 means SP (source or destination) */
static inline uint8_t reg_sp(uint32_t f) { return (uint8_t)f; }

#endif

/* Helpers for the generated decoder and the format functions: sign
 * extension, and the mapping of a 5-bit register field to a cpu->x index for
 * its operand role (see core/cpu.h: 31 is SP, 32 the zero source, 33 the
 * write sink; a .sp or .raw field keeps its number). */
#ifndef PVM_INTERP_FMT_COMMON_H
#define PVM_INTERP_FMT_COMMON_H

#include <stdint.h>
#include "core/cpu.h"
#include "interp/insn.h"

static inline int64_t sext(uint64_t v, unsigned width)
{
    return (int64_t)(v << (64 - width)) >> (64 - width);
}
/* register field used as a source where 31 means XZR (.zr) */
static inline uint8_t reg_zr(uint32_t f) { return f == 31 ? REG_ZR : (uint8_t)f; }
/* register field used as a destination where 31 means XZR (.zw) */
static inline uint8_t reg_zw(uint32_t f) { return f == 31 ? REG_WSINK : (uint8_t)f; }

#endif

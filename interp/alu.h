/* Integer ALU helpers shared by the integer, branch and FP classes: the A64
 * condition test on packed NZCV, AddWithCarry with its flags, shifts and
 * register extends. Depends on core/cpu.h only (the FP class includes it for
 * FCSEL/FCCMP). Every helper works at the operand width given by sf (1 = 64,
 * 0 = 32 bits); 32-bit results are returned zero-extended. */
#ifndef PVM_INTERP_ALU_H
#define PVM_INTERP_ALU_H

#include <stdbool.h>
#include <stdint.h>
#include "core/cpu.h"

/* ConditionHolds(cond) on the packed NZCV word; 14 and 15 both mean "always" */
static inline bool cond_holds(uint32_t nzcv, unsigned cond)
{
    bool n = nzcv & NZCV_N, z = nzcv & NZCV_Z, cf = nzcv & NZCV_C, v = nzcv & NZCV_V, r;
    switch ((cond >> 1) & 7) {
    case 0: r = z; break;
    case 1: r = cf; break;
    case 2: r = n; break;
    case 3: r = v; break;
    case 4: r = cf && !z; break;
    case 5: r = n == v; break;
    case 6: r = n == v && !z; break;
    default: return true;
    }
    return (cond & 1) ? !r : r;
}

/* AddWithCarry(a, b, cin) at width sf: returns the (zero-extended) sum and
 * stores the resulting NZCV in *flags. Subtraction is a + ~b + 1. */
static inline uint64_t alu_adc_flags(uint64_t a, uint64_t b, unsigned cin, int sf, uint32_t *flags)
{
    uint32_t f;
    uint64_t r;
    if (sf) {
        uint64_t t;
        bool c1 = __builtin_add_overflow(a, b, &t);
        bool c2 = __builtin_add_overflow(t, (uint64_t)cin, &r);
        f = (uint32_t)(r >> 63) << 31;
        f |= (c1 || c2) ? NZCV_C : 0;
        f |= (((a ^ r) & (b ^ r)) >> 63) ? NZCV_V : 0;
    } else {
        uint64_t w = (uint64_t)(uint32_t)a + (uint32_t)b + cin;
        r = (uint32_t)w;
        f = (uint32_t)(r >> 31) << 31;
        f |= (w >> 32) ? NZCV_C : 0;
        f |= ((((uint32_t)a ^ (uint32_t)r) & ((uint32_t)b ^ (uint32_t)r)) >> 31) ? NZCV_V : 0;
    }
    f |= r == 0 ? NZCV_Z : 0;
    *flags = f;
    return r;
}

/* N and Z of a logical result (C and V cleared), as ANDS/BICS/TST set them */
static inline uint32_t alu_logic_flags(uint64_t r, int sf)
{
    uint32_t n = sf ? (uint32_t)(r >> 63) : (uint32_t)(r >> 31) & 1;
    return (n << 31) | (r == 0 ? NZCV_Z : 0);
}

/* ROR at width sf; amt < width */
static inline uint64_t alu_ror(uint64_t v, unsigned amt, int sf)
{
    if (sf)
        return amt ? (v >> amt) | (v << (64 - amt)) : v;
    uint32_t w = (uint32_t)v;
    return amt ? (uint32_t)((w >> amt) | (w << (32 - amt))) : w;
}

/* the shifted-register operand: type 0 LSL, 1 LSR, 2 ASR, 3 ROR; amt < width */
static inline uint64_t alu_shift(uint64_t v, unsigned type, unsigned amt, int sf)
{
    if (sf) {
        switch (type & 3) {
        case 0: return v << amt;
        case 1: return v >> amt;
        case 2: return (uint64_t)((int64_t)v >> amt);
        default: return alu_ror(v, amt, 1);
        }
    }
    uint32_t w = (uint32_t)v;
    switch (type & 3) {
    case 0: return (uint32_t)(w << amt);
    case 1: return w >> amt;
    case 2: return (uint32_t)((int32_t)w >> amt);
    default: return alu_ror(w, amt, 0);
    }
}

/* the extended-register operand: option 0..7 = UXTB UXTH UXTW UXTX SXTB SXTH
 * SXTW SXTX, then LSL by shift (0..4); the caller truncates to its width */
static inline uint64_t alu_extend(uint64_t v, unsigned option, unsigned shift)
{
    switch (option & 7) {
    case 0: v = (uint8_t)v; break;
    case 1: v = (uint16_t)v; break;
    case 2: v = (uint32_t)v; break;
    case 4: v = (uint64_t)(int8_t)v; break;
    case 5: v = (uint64_t)(int16_t)v; break;
    case 6: v = (uint64_t)(int32_t)v; break;
    default: break;
    }
    return v << shift;
}

#endif

/* Field extraction for the post-ARMv8.0 SIMD&FP extension rows
 * (interp/simdx.def). Most rows reuse the format functions of the classes
 * whose field layout they share (interp/simd_fmt.h for the AdvSIMD forms,
 * interp/fp_fmt.h for scalar FP), so their conventions hold here too; only
 * layouts no other class has get a format function of their own below. */
#ifndef PVM_INTERP_SIMDX_FMT_H
#define PVM_INTERP_SIMDX_FMT_H
#include "interp/fmt_common.h"
#include "interp/fp_fmt.h"
#include "interp/simd_fmt.h"

/* FJCVTZS Wd, Dn: rd is a general register (31 = WZR), rn a V register */
static inline bool fmt_simdx_fjcvtzs(struct insn *i, uint32_t raw)
{
    i->rd = reg_zw(bits(raw, 4, 0));
    i->rn = (uint8_t)bits(raw, 9, 5);
    i->size = 3;
    i->sf = 0;
    return true;
}

/* SDOT/UDOT: the size field is fixed at 10 by the row; S result lanes of
 * Vd, each the sum of four byte products (x = 2 or 4) */
static inline bool fmt_simdx_dot(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_regs(i, raw) || i->y)
        return false;
    i->size = 2;
    i->x = simd_lanes(i->sf, 2);
    return true;
}
/* by element: imm = H:L picks a 32-bit group of Vm, Rm is the full 5 bits */
static inline bool fmt_simdx_dot_elem(struct insn *i, uint32_t raw)
{
    if (!fmt_simdx_dot(i, raw))
        return false;
    i->imm = bit(raw, 11) << 1 | bit(raw, 21);
    return true;
}
#endif

/* dp_reg: decode format functions for interp/dp_reg.def. Fields: rd, rn, rm,
 * ra; sf; opt = shift type (0 LSL, 1 LSR, 2 ASR, 3 ROR) or extend option
 * (0..7 = UXTB..SXTX); amt = shift amount; cond; x = CCMP/CCMN nzcv
 * immediate (already in bits 31..28 of imm2), the RMIF mask or the CRC32C
 * flag; imm = CCMP imm5; size = CRC32/SETF operand log2 bytes. */
#ifndef PVM_INTERP_DP_REG_FMT_H
#define PVM_INTERP_DP_REG_FMT_H
#include <stdbool.h>
#include "interp/fmt_common.h"

static inline void dpr_regs(struct insn *i, uint32_t raw)
{
    i->sf = (uint8_t)bit(raw, 31);
    i->rd = reg_zw(bits(raw, 4, 0));
    i->rn = reg_zr(bits(raw, 9, 5));
    i->rm = reg_zr(bits(raw, 20, 16));
}

static inline bool fmt_dpr_logic(struct insn *i, uint32_t raw)
{
    dpr_regs(i, raw);
    i->opt = (uint8_t)bits(raw, 23, 22);
    i->amt = (uint8_t)bits(raw, 15, 10);
    return i->sf || i->amt < 32;
}

static inline bool fmt_dpr_addsub_shift(struct insn *i, uint32_t raw)
{
    dpr_regs(i, raw);
    i->opt = (uint8_t)bits(raw, 23, 22);
    i->amt = (uint8_t)bits(raw, 15, 10);
    return i->opt != 3 && (i->sf || i->amt < 32);
}

static inline bool fmt_dpr_addsub_ext(struct insn *i, uint32_t raw)
{
    dpr_regs(i, raw);
    if (!bit(raw, 29))
        i->rd = reg_sp(bits(raw, 4, 0));
    i->rn = reg_sp(bits(raw, 9, 5));
    i->opt = (uint8_t)bits(raw, 15, 13);
    i->amt = (uint8_t)bits(raw, 12, 10);
    return i->amt <= 4;
}

static inline bool fmt_dpr_3reg(struct insn *i, uint32_t raw)
{
    dpr_regs(i, raw);
    return true;
}

static inline bool fmt_dpr_ccmp(struct insn *i, uint32_t raw)
{
    dpr_regs(i, raw);
    i->imm = bits(raw, 20, 16);
    i->cond = (uint8_t)bits(raw, 15, 12);
    i->x = (uint8_t)bits(raw, 3, 0);
    i->imm2 = (uint64_t)i->x << 28;
    return true;
}

/* RMIF: amt = rotate amount, x = the flag mask (N Z C V = bits 3..0) */
static inline bool fmt_dpr_rmif(struct insn *i, uint32_t raw)
{
    dpr_regs(i, raw);
    i->amt = (uint8_t)bits(raw, 20, 15);
    i->x = (uint8_t)bits(raw, 3, 0);
    return true;
}

/* SETF8/SETF16: size = log2 of the operand bytes (0 or 1) */
static inline bool fmt_dpr_setf(struct insn *i, uint32_t raw)
{
    dpr_regs(i, raw);
    i->size = (uint8_t)bit(raw, 14);
    return true;
}

static inline bool fmt_dpr_csel(struct insn *i, uint32_t raw)
{
    dpr_regs(i, raw);
    i->cond = (uint8_t)bits(raw, 15, 12);
    return true;
}

static inline bool fmt_dpr_1src(struct insn *i, uint32_t raw)
{
    dpr_regs(i, raw);
    i->rm = REG_ZR;
    return true;
}

/* CRC32{B,H,W,X} and CRC32C*: the X form needs sf = 1, the others sf = 0 */
static inline bool fmt_dpr_crc(struct insn *i, uint32_t raw)
{
    dpr_regs(i, raw);
    i->size = (uint8_t)bits(raw, 11, 10);
    i->x = (uint8_t)bit(raw, 12);
    return i->sf == (i->size == 3);
}

static inline bool fmt_dpr_4reg(struct insn *i, uint32_t raw)
{
    dpr_regs(i, raw);
    i->ra = reg_zr(bits(raw, 14, 10));
    return true;
}

#endif

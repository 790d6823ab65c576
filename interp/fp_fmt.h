/* Scalar FP format functions. Fields: size = operand precision (1 H, 2 S,
 * 3 D), rd/rn/rm/ra = V register numbers (or X register indices for the
 * general-register side of conversions), sf = 64-bit integer side, x = FCVT
 * destination precision or FCMP/FCCMP "signalling" flag, y = FCMP with #0.0,
 * opt = rounding mode (0 N, 1 P, 2 M, 3 Z, 4 A), amt = 1 for unsigned,
 * imm = fbits, imm2 = FMOV immediate bits, cond = condition. */
#ifndef PVM_INTERP_FP_FMT_H
#define PVM_INTERP_FP_FMT_H
#include "interp/fmt_common.h"

/* ftype -> precision; H only where allow_h */
static inline bool fp_ftype(struct insn *i, uint32_t raw, bool allow_h)
{
    switch (bits(raw, 23, 22)) {
    case 0: i->size = 2; return true;
    case 1: i->size = 3; return true;
    case 3: i->size = 1; return allow_h;
    default: return false;
    }
}

static inline void fp_regs(struct insn *i, uint32_t raw)
{
    i->rd = (uint8_t)bits(raw, 4, 0);
    i->rn = (uint8_t)bits(raw, 9, 5);
    i->rm = (uint8_t)bits(raw, 20, 16);
    i->ra = (uint8_t)bits(raw, 14, 10);
}

static inline bool fmt_fp_1src(struct insn *i, uint32_t raw)
{
    fp_regs(i, raw);
    return fp_ftype(i, raw, false);
}
static inline bool fmt_fp_2src(struct insn *i, uint32_t raw) { return fmt_fp_1src(i, raw); }
static inline bool fmt_fp_3src(struct insn *i, uint32_t raw) { return fmt_fp_1src(i, raw); }

static inline bool fmt_fp_fcvt(struct insn *i, uint32_t raw)
{
    uint32_t opc = bits(raw, 16, 15);
    fp_regs(i, raw);
    if (!fp_ftype(i, raw, true) || opc == 2)
        return false;
    i->x = opc == 0 ? 2 : opc == 1 ? 3 : 1;
    return i->x != i->size;
}

static inline bool fmt_fp_cmp(struct insn *i, uint32_t raw)
{
    fp_regs(i, raw);
    i->x = (uint8_t)bit(raw, 4);
    i->y = (uint8_t)bit(raw, 3);
    return fp_ftype(i, raw, false);
}

static inline bool fmt_fp_ccmp(struct insn *i, uint32_t raw)
{
    fp_regs(i, raw);
    i->x = (uint8_t)bit(raw, 4);
    i->imm = (int64_t)bits(raw, 3, 0) << 28;
    i->cond = (uint8_t)bits(raw, 15, 12);
    return fp_ftype(i, raw, false);
}

static inline bool fmt_fp_csel(struct insn *i, uint32_t raw)
{
    fp_regs(i, raw);
    i->cond = (uint8_t)bits(raw, 15, 12);
    return fp_ftype(i, raw, false);
}

/* VFPExpandImm */
static inline bool fmt_fp_fmov_imm(struct insn *i, uint32_t raw)
{
    fp_regs(i, raw);
    if (!fp_ftype(i, raw, false))
        return false;
    uint32_t imm8 = bits(raw, 20, 13);
    uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1, frac = imm8 & 0x3f;
    if (i->size == 2) {
        uint64_t exp = ((b6 ^ 1) << 7) | (b6 ? 0x7c : 0) | ((imm8 >> 4) & 3);
        i->imm2 = (sign << 31) | (exp << 23) | ((frac & 0xf) << 19);
    } else {
        uint64_t exp = ((b6 ^ 1) << 10) | (b6 ? 0x3fc : 0) | ((imm8 >> 4) & 3);
        i->imm2 = (sign << 63) | (exp << 52) | ((frac & 0xf) << 48);
    }
    return true;
}

static inline bool fmt_fp_fix(struct insn *i, uint32_t raw)
{
    uint32_t scale = bits(raw, 15, 10);
    i->sf = (uint8_t)bit(raw, 31);
    if (!fp_ftype(i, raw, false) || (!i->sf && scale < 32))
        return false;
    i->imm = 64 - scale;
    i->amt = (uint8_t)bit(raw, 16);
    bool tofp = bits(raw, 20, 19) == 0;
    i->rd = tofp ? (uint8_t)bits(raw, 4, 0) : reg_zw(bits(raw, 4, 0));
    i->rn = tofp ? reg_zr(bits(raw, 9, 5)) : (uint8_t)bits(raw, 9, 5);
    return true;
}

/* FCVT{N,P,M,Z}{S,U} (rmode 20:19, opcode 000/001) and FCVTA{S,U} (opcode 100/101) */
static inline bool fmt_fp_toint(struct insn *i, uint32_t raw)
{
    i->sf = (uint8_t)bit(raw, 31);
    if (!fp_ftype(i, raw, false))
        return false;
    bool a = bit(raw, 18);
    if (a && bits(raw, 20, 19) != 0)
        return false;
    i->opt = a ? 4 : (uint8_t)bits(raw, 20, 19);
    i->amt = (uint8_t)bit(raw, 16);
    i->rd = reg_zw(bits(raw, 4, 0));
    i->rn = (uint8_t)bits(raw, 9, 5);
    return true;
}

static inline bool fmt_fp_fromint(struct insn *i, uint32_t raw)
{
    i->sf = (uint8_t)bit(raw, 31);
    if (!fp_ftype(i, raw, false))
        return false;
    i->amt = (uint8_t)bit(raw, 16);
    i->rd = (uint8_t)bits(raw, 4, 0);
    i->rn = reg_zr(bits(raw, 9, 5));
    return true;
}

/* FMOV between a general register and S (sf 0) or D (sf 1); the H forms
 * are FEAT_FP16 (HWCAP FPHP is not advertised), so they stay unallocated */
static inline bool fmt_fp_fmov_gen(struct insn *i, uint32_t raw)
{
    i->sf = (uint8_t)bit(raw, 31);
    if (!fp_ftype(i, raw, false))
        return false;
    if ((i->size == 2 && i->sf) || (i->size == 3 && !i->sf))
        return false;
    bool togen = !bit(raw, 16);
    i->rd = togen ? reg_zw(bits(raw, 4, 0)) : (uint8_t)bits(raw, 4, 0);
    i->rn = togen ? (uint8_t)bits(raw, 9, 5) : reg_zr(bits(raw, 9, 5));
    return true;
}

static inline bool fmt_fp_fmov_hi(struct insn *i, uint32_t raw)
{
    bool togen = !bit(raw, 16);
    i->rd = togen ? reg_zw(bits(raw, 4, 0)) : (uint8_t)bits(raw, 4, 0);
    i->rn = togen ? (uint8_t)bits(raw, 9, 5) : reg_zr(bits(raw, 9, 5));
    return true;
}

#endif

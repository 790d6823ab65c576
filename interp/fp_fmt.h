/* Scalar FP: the format functions of interp/fp.decode, which compute what
 * is not a plain field. Fields of the class: size = operand precision (1 H,
 * 2 S, 3 D; from ftype 11 00 01), rd/rn/rm/ra = V register numbers (or X
 * register indices for the general-register side of conversions), sf =
 * 64-bit integer side, x = FCVT destination precision or FCMP/FCCMP
 * "signalling" flag, y = FCMP with #0.0, opt = rounding mode (0 N, 1 P, 2
 * M, 3 Z, 4 A), amt = 1 for unsigned, imm = fbits or the FCCMP flags,
 * imm2 = FMOV immediate bits, cond = condition. The rows' constraints leave
 * only S and D (and H for FCVT) for these functions. */
#ifndef PVM_INTERP_FP_FMT_H
#define PVM_INTERP_FP_FMT_H
#include "decode_fields.h"
#include "interp/fmt_common.h"

/* ftype 00 S, 01 D, 11 H */
static inline uint8_t fp_ftype_size(uint32_t ftype) { return ftype == 0 ? 2 : ftype == 1 ? 3 : 1; }

static inline void fmt_fp_size(struct insn *i, const struct dec_fields *f)
{
    i->size = fp_ftype_size(f->ftype);
}

/* FCVT: x = the destination precision, opc 00 S, 01 D, 11 H */
static inline void fmt_fp_fcvt(struct insn *i, const struct dec_fields *f)
{
    i->size = fp_ftype_size(f->ftype);
    i->x = fp_ftype_size(f->opc);
}

static inline void fmt_fp_ccmp(struct insn *i, const struct dec_fields *f)
{
    i->size = fp_ftype_size(f->ftype);
    i->imm = (int64_t)f->nzcv << 28;
}

/* VFPExpandImm */
static inline void fmt_fp_fmov_imm(struct insn *i, const struct dec_fields *f)
{
    uint32_t imm8 = f->imm8;
    uint64_t sign = imm8 >> 7, b6 = (imm8 >> 6) & 1, frac = imm8 & 0x3f;
    i->size = fp_ftype_size(f->ftype);
    if (i->size == 2) {
        uint64_t exp = ((b6 ^ 1) << 7) | (b6 ? 0x7c : 0) | ((imm8 >> 4) & 3);
        i->imm2 = (sign << 31) | (exp << 23) | ((frac & 0xf) << 19);
    } else {
        uint64_t exp = ((b6 ^ 1) << 10) | (b6 ? 0x3fc : 0) | ((imm8 >> 4) & 3);
        i->imm2 = (sign << 63) | (exp << 52) | ((frac & 0xf) << 48);
    }
}

/* fixed-point conversions: imm = fbits */
static inline void fmt_fp_fix(struct insn *i, const struct dec_fields *f)
{
    i->size = fp_ftype_size(f->ftype);
    i->imm = 64 - f->scale;
}

#endif

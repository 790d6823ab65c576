/* Advanced SIMD: decode format functions for the rows of interp/simd.def.
 * Field conventions for every SIMD row (the semantics in interp/simd*.h rely
 * on them): rd rn rm ra are V register numbers 0..31 unless the operand is a
 * general register (then mapped with reg_zr/reg_zw); size = log2 of the
 * element size in bytes of the arrangement named in each fmt's comment;
 * x = number of lanes the result has (1 for scalar forms); sf = Q;
 * y = 1 for the scalar (bit 28 set) form; amt = element offset of the
 * "2" (upper) half for long/narrow forms; imm = shift, index or immediate.
 * A fmt returns false for reserved size/Q combinations (unallocated). */
#ifndef PVM_INTERP_SIMD_FMT_H
#define PVM_INTERP_SIMD_FMT_H
#include <stdbool.h>
#include "interp/fmt_common.h"

/* Common register fields and the vector/scalar split. Scalar forms (bit 28)
 * need bit 30 set: with it clear the word is scalar FP (the FP class). */
static inline bool simd_fmt_regs(struct insn *i, uint32_t raw)
{
    i->rd = (uint8_t)bits(raw, 4, 0);
    i->rn = (uint8_t)bits(raw, 9, 5);
    i->rm = (uint8_t)bits(raw, 20, 16);
    i->sf = (uint8_t)bit(raw, 30);
    i->y = (uint8_t)bit(raw, 28);
    return !i->y || i->sf;
}

/* Lanes of a 64- or 128-bit vector of 8<<size-bit elements. */
static inline uint8_t simd_lanes(unsigned q, unsigned size) { return (uint8_t)((q ? 16 : 8) >> size); }

/* Same-size element forms. vmask/smask: allowed sizes (bit per size) of the
 * vector and scalar forms; 64-bit vector elements need Q=1. */
static inline bool simd_fmt_same(struct insn *i, uint32_t raw, unsigned size, unsigned vmask,
                                 unsigned smask)
{
    if (!simd_fmt_regs(i, raw))
        return false;
    i->size = (uint8_t)size;
    if (i->y) {
        i->x = 1;
        return (smask >> size) & 1;
    }
    i->x = simd_lanes(i->sf, size);
    return ((vmask >> size) & 1) && (size != 3 || i->sf);
}

/* ---- three same: size = element size ---- */
static inline bool fmt_simd_3same_bhs(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0x7, 0);
}
static inline bool fmt_simd_3same_sat(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0xf, 0xf);
}
static inline bool fmt_simd_3same_d(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0xf, 0x8);
}
static inline bool fmt_simd_3same_b(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0x1, 0);
}
static inline bool fmt_simd_3same_hs(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0x6, 0x6);
}
static inline bool fmt_simd_3same_vall(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0xf, 0);
}
/* bitwise ops: the size field is part of the opcode; work on 64-bit lanes */
static inline bool fmt_simd_3same_logic(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_regs(i, raw) || i->y)
        return false;
    i->size = 3;
    i->x = i->sf ? 2 : 1;
    return true;
}

/* ---- three different: size = the narrow element size; x = lanes of the
 * wide side (long/wide forms) or of the narrow result (HN forms) ---- */
static inline bool simd_fmt_diff_sz(struct insn *i, uint32_t raw, unsigned size, unsigned vmask,
                                    unsigned smask)
{
    if (!simd_fmt_regs(i, raw))
        return false;
    i->size = (uint8_t)size;
    if (i->y) {
        i->x = 1;
        i->amt = 0;
        return (smask >> size) & 1;
    }
    i->x = (uint8_t)(8 >> size);
    i->amt = i->sf ? i->x : 0;
    return (vmask >> size) & 1;
}
static inline bool simd_fmt_diff(struct insn *i, uint32_t raw, unsigned vmask, unsigned smask)
{
    return simd_fmt_diff_sz(i, raw, bits(raw, 23, 22), vmask, smask);
}
static inline bool fmt_simd_3diff(struct insn *i, uint32_t raw) { return simd_fmt_diff(i, raw, 0x7, 0); }
static inline bool fmt_simd_3diff_sq(struct insn *i, uint32_t raw)
{
    return simd_fmt_diff(i, raw, 0x6, 0x6);
}
/* PMULL with 64-bit elements is the crypto extension, not implemented */
static inline bool fmt_simd_3diff_p(struct insn *i, uint32_t raw) { return simd_fmt_diff(i, raw, 0x1, 0); }

/* ---- two-register misc: size = source element size, x = source lanes ---- */
static inline bool fmt_simd_2misc_bhs(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0x7, 0);
}
static inline bool fmt_simd_2misc_bh(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0x3, 0);
}
static inline bool fmt_simd_2misc_b(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0x1, 0);
}
/* NOT, RBIT: the size field is part of the opcode; byte lanes */
static inline bool fmt_simd_2misc_bytes(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, 0, 0x1, 0);
}
static inline bool fmt_simd_2misc_sat(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0xf, 0xf);
}
static inline bool fmt_simd_2misc_d(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0xf, 0x8);
}
/* XTN, SHLL and the saturating narrows: size = narrow element size */
static inline bool fmt_simd_2misc_narrow(struct insn *i, uint32_t raw) { return simd_fmt_diff(i, raw, 0x7, 0); }
static inline bool fmt_simd_2misc_narrow_s(struct insn *i, uint32_t raw)
{
    return simd_fmt_diff(i, raw, 0x7, 0x7);
}

/* ---- across lanes: size = element size; 4S is the only 32-bit form ---- */
static inline bool fmt_simd_across(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0x7, 0) && (i->size != 2 || i->sf);
}
/* ADDP Dd, Vn.2D */
static inline bool fmt_simd_pair_d(struct insn *i, uint32_t raw)
{
    simd_fmt_regs(i, raw);
    i->size = 3;
    i->x = 1;
    return true;
}

/* ---- copy: size from the lowest set bit of imm5, imm = element index ---- */
static inline bool simd_fmt_imm5(struct insn *i, uint32_t raw)
{
    uint32_t imm5 = bits(raw, 20, 16);
    if (!(imm5 & 0xf))
        return false;
    i->size = (uint8_t)__builtin_ctz(imm5);
    i->imm = imm5 >> (i->size + 1);
    return true;
}
static inline bool fmt_simd_dup_e(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_regs(i, raw) || !simd_fmt_imm5(i, raw))
        return false;
    i->x = i->y ? 1 : simd_lanes(i->sf, i->size);
    return i->y || i->size != 3 || i->sf;
}
static inline bool fmt_simd_dup_g(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_regs(i, raw) || !simd_fmt_imm5(i, raw))
        return false;
    i->rn = reg_zr(bits(raw, 9, 5));
    i->x = simd_lanes(i->sf, i->size);
    return i->size != 3 || i->sf;
}
/* SMOV Wd (Q=0, B/H) or Xd (Q=1, B/H/S) */
static inline bool fmt_simd_smov(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_regs(i, raw) || !simd_fmt_imm5(i, raw))
        return false;
    i->rd = reg_zw(bits(raw, 4, 0));
    return i->size < (i->sf ? 3 : 2);
}
/* UMOV Wd (Q=0, B/H/S) or Xd (Q=1, D only) */
static inline bool fmt_simd_umov(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_regs(i, raw) || !simd_fmt_imm5(i, raw))
        return false;
    i->rd = reg_zw(bits(raw, 4, 0));
    return i->sf ? i->size == 3 : i->size < 3;
}
static inline bool fmt_simd_ins_g(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_regs(i, raw) || !simd_fmt_imm5(i, raw))
        return false;
    i->rn = reg_zr(bits(raw, 9, 5));
    return true;
}
/* INS (element): imm = destination index, imm2 = source index */
static inline bool fmt_simd_ins_e(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_regs(i, raw) || !simd_fmt_imm5(i, raw))
        return false;
    i->imm2 = bits(raw, 14, 11) >> i->size;
    return true;
}

/* ---- modified immediate: imm = the 64-bit lane value (AdvSIMDExpandImm,
 * inverted for MVNI), x = 64-bit lanes written ---- */
static inline uint64_t simd_expand_imm(unsigned op, unsigned cmode, uint64_t imm8)
{
    uint64_t v = 0;
    switch (cmode >> 1) {
    case 0: case 1: case 2: case 3:
        v = imm8 << (8 * (cmode >> 1));
        return v | v << 32;
    case 4: case 5:
        v = imm8 << (8 * ((cmode >> 1) & 1));
        return v * 0x0001000100010001ull;
    case 6:
        v = (cmode & 1) ? (imm8 << 16 | 0xffff) : (imm8 << 8 | 0xff);
        return v | v << 32;
    default:
        if (!(cmode & 1) && !op)
            return imm8 * 0x0101010101010101ull;
        if (!(cmode & 1)) {
            for (unsigned k = 0; k < 8; k++)
                if ((imm8 >> k) & 1)
                    v |= 0xffull << (8 * k);
            return v;
        }
        if (!op) { /* single-precision FMOV */
            uint64_t b6 = (imm8 >> 6) & 1;
            v = (imm8 >> 7) << 31 | (b6 ^ 1) << 30 | (b6 ? 0x1full << 25 : 0) | (imm8 & 0x3f) << 19;
            return v | v << 32;
        }
        uint64_t b6 = (imm8 >> 6) & 1; /* double-precision FMOV */
        return (imm8 >> 7) << 63 | (b6 ^ 1) << 62 | (b6 ? 0xffull << 54 : 0) | (imm8 & 0x3f) << 48;
    }
}
static inline bool simd_fmt_modimm(struct insn *i, uint32_t raw)
{
    i->rd = (uint8_t)bits(raw, 4, 0);
    i->sf = (uint8_t)bit(raw, 30);
    i->x = i->sf ? 2 : 1;
    unsigned op = bit(raw, 29), cmode = bits(raw, 15, 12);
    i->opt = (uint8_t)cmode;
    i->imm = (int64_t)simd_expand_imm(op, cmode, bits(raw, 18, 16) << 5 | bits(raw, 9, 5));
    return true;
}
/* cmode 0xx1 and 10x1 are ORR/BIC; everything else sets the register */
static inline bool simd_modimm_is_logic(unsigned cmode) { return cmode < 12 && (cmode & 1); }
/* MOVI, MVNI, FMOV (vector, immediate) */
static inline bool fmt_simd_movi(struct insn *i, uint32_t raw)
{
    unsigned op = bit(raw, 29), cmode = bits(raw, 15, 12);
    if (simd_modimm_is_logic(cmode) || bit(raw, 11))
        return false; /* o2=1 is FP16 FMOV: not implemented (no FP16) */
    if (op && cmode == 15 && !bit(raw, 30))
        return false;
    simd_fmt_modimm(i, raw);
    if (op && cmode < 14)
        i->imm = ~i->imm; /* MVNI */
    return true;
}
static inline bool fmt_simd_orri(struct insn *i, uint32_t raw)
{
    return simd_modimm_is_logic(bits(raw, 15, 12)) && simd_fmt_modimm(i, raw);
}
static inline bool fmt_simd_bici(struct insn *i, uint32_t raw)
{
    return simd_modimm_is_logic(bits(raw, 15, 12)) && simd_fmt_modimm(i, raw);
}

/* ---- shift by immediate: size from the highest set bit of immh ---- */
static inline bool simd_fmt_shift(struct insn *i, uint32_t raw)
{
    uint32_t immh = bits(raw, 22, 19);
    if (!immh || !simd_fmt_regs(i, raw))
        return false;
    i->size = (uint8_t)(31 - __builtin_clz(immh));
    return true;
}
/* right shifts: imm = 2*esize - immh:immb (1..esize) */
static inline bool fmt_simd_shr(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_shift(i, raw) || !simd_fmt_same(i, raw, i->size, 0xf, 0x8))
        return false;
    i->imm = (16 << i->size) - bits(raw, 22, 16);
    return true;
}
/* left shifts: imm = immh:immb - esize (0..esize-1) */
static inline bool fmt_simd_shl(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_shift(i, raw) || !simd_fmt_same(i, raw, i->size, 0xf, 0x8))
        return false;
    i->imm = bits(raw, 22, 16) - (8 << i->size);
    return true;
}
static inline bool fmt_simd_shl_sat(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_shift(i, raw) || !simd_fmt_same(i, raw, i->size, 0xf, 0xf))
        return false;
    i->imm = bits(raw, 22, 16) - (8 << i->size);
    return true;
}
/* narrowing right shifts: size = narrow element size, imm = 1..esize */
static inline bool fmt_simd_shrn(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_shift(i, raw) || !simd_fmt_diff_sz(i, raw, i->size, 0x7, 0))
        return false;
    i->imm = (16 << i->size) - bits(raw, 22, 16);
    return true;
}
static inline bool fmt_simd_shrn_sat(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_shift(i, raw) || !simd_fmt_diff_sz(i, raw, i->size, 0x7, 0x7))
        return false;
    i->imm = (16 << i->size) - bits(raw, 22, 16);
    return true;
}
/* SSHLL/USHLL: size = narrow element size, imm = left shift 0..esize-1 */
static inline bool fmt_simd_shll(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_shift(i, raw) || !simd_fmt_diff_sz(i, raw, i->size, 0x7, 0))
        return false;
    i->imm = bits(raw, 22, 16) - (8 << i->size);
    return true;
}

/* ---- permute, extract, table lookup ---- */
static inline bool fmt_simd_perm(struct insn *i, uint32_t raw)
{
    return simd_fmt_same(i, raw, bits(raw, 23, 22), 0xf, 0);
}
/* EXT: imm = byte position; x = bytes in the vector */
static inline bool fmt_simd_ext(struct insn *i, uint32_t raw)
{
    simd_fmt_regs(i, raw);
    i->imm = bits(raw, 14, 11);
    i->x = simd_lanes(i->sf, 0);
    return i->sf || i->imm < 8;
}
/* TBL/TBX: imm = number of table registers (1..4) starting at rn */
static inline bool fmt_simd_tbl(struct insn *i, uint32_t raw)
{
    simd_fmt_regs(i, raw);
    i->imm = bits(raw, 14, 13) + 1;
    i->x = simd_lanes(i->sf, 0);
    return true;
}

/* ---- by element: imm = index into Vm; size = element size (H or S) ---- */
static inline bool simd_fmt_elem(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_regs(i, raw))
        return false;
    unsigned size = bits(raw, 23, 22), h = bit(raw, 11), l = bit(raw, 21), m = bit(raw, 20);
    i->size = (uint8_t)size;
    if (size == 1) {
        i->rm = (uint8_t)bits(raw, 19, 16);
        i->imm = h << 2 | l << 1 | m;
    } else if (size == 2) {
        i->imm = h << 1 | l;
    } else {
        return false;
    }
    return true;
}
static inline bool fmt_simd_elem_bhs(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_elem(i, raw) || i->y)
        return false;
    i->x = simd_lanes(i->sf, i->size);
    return true;
}
static inline bool fmt_simd_elem_hs(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_elem(i, raw))
        return false;
    i->x = i->y ? 1 : simd_lanes(i->sf, i->size);
    return true;
}
/* long forms: x = wide lanes, amt = offset of the source half */
static inline bool fmt_simd_elem_long(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_elem(i, raw) || i->y)
        return false;
    i->x = (uint8_t)(8 >> i->size);
    i->amt = i->sf ? i->x : 0;
    return true;
}
static inline bool fmt_simd_elem_long_sq(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_elem(i, raw))
        return false;
    i->x = i->y ? 1 : (uint8_t)(8 >> i->size);
    i->amt = (i->sf && !i->y) ? i->x : 0;
    return true;
}

/* ---- floating point: size = 2 + sz (S or D lanes); 2D needs Q=1 ---- */
static inline bool simd_fmt_fp(struct insn *i, uint32_t raw, bool scalar_ok)
{
    return simd_fmt_same(i, raw, 2 + bit(raw, 22), 0xc, scalar_ok ? 0xc : 0);
}
static inline bool fmt_simd_3same_fp(struct insn *i, uint32_t raw) { return simd_fmt_fp(i, raw, false); }
static inline bool fmt_simd_3same_fps(struct insn *i, uint32_t raw) { return simd_fmt_fp(i, raw, true); }
static inline bool fmt_simd_2misc_fp(struct insn *i, uint32_t raw) { return simd_fmt_fp(i, raw, false); }
static inline bool fmt_simd_2misc_fps(struct insn *i, uint32_t raw) { return simd_fmt_fp(i, raw, true); }
static inline bool fmt_simd_2misc_fpscalar(struct insn *i, uint32_t raw)
{
    return bit(raw, 28) && simd_fmt_fp(i, raw, true);
}
/* URECPE/URSQRTE: 32-bit lanes only */
static inline bool fmt_simd_2misc_u32(struct insn *i, uint32_t raw)
{
    return !bit(raw, 22) && simd_fmt_fp(i, raw, false);
}
/* FCVTN/FCVTL: size = the narrow size (H or S), x = narrow lanes in 64 bits */
static inline bool fmt_simd_fcvtn(struct insn *i, uint32_t raw) { return simd_fmt_diff_sz(i, raw, 1 + bit(raw, 22), 0x6, 0); }
static inline bool fmt_simd_fcvtl(struct insn *i, uint32_t raw) { return simd_fmt_diff_sz(i, raw, 1 + bit(raw, 22), 0x6, 0); }
static inline bool fmt_simd_fcvtxn(struct insn *i, uint32_t raw)
{
    return bit(raw, 22) && simd_fmt_diff_sz(i, raw, 2, 0x4, 0x4);
}
/* FMAXV & co: 4S only */
static inline bool fmt_simd_across_fp(struct insn *i, uint32_t raw)
{
    return !bit(raw, 22) && bit(raw, 30) && simd_fmt_fp(i, raw, false);
}
/* FADDP Sd/Dd, Vn.2S/2D */
static inline bool fmt_simd_pair_fp(struct insn *i, uint32_t raw)
{
    simd_fmt_regs(i, raw);
    i->size = (uint8_t)(2 + bit(raw, 22));
    i->x = 1;
    return true;
}
/* [SU]CVTF/FCVTZ[SU] (fixed-point): imm = fbits = 2*esize - immh:immb */
static inline bool fmt_simd_shift_fcvt(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_shift(i, raw) || i->size < 2 || !simd_fmt_same(i, raw, i->size, 0xc, 0xc))
        return false;
    i->imm = (16 << i->size) - bits(raw, 22, 16);
    return true;
}
/* FMLA/FMLS/FMUL/FMULX (by element): imm = index (H:L for S, H for D) */
static inline bool fmt_simd_elem_fp(struct insn *i, uint32_t raw)
{
    if (!simd_fmt_fp(i, raw, true))
        return false;
    if (i->size == 3 && bit(raw, 21))
        return false;
    i->imm = i->size == 3 ? bit(raw, 11) : (bit(raw, 11) << 1 | bit(raw, 21));
    return true;
}

#endif

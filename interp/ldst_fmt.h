/* Load/store format functions. Fields: rd = Rt, ra = Rt2, rn = base (31 =
 * SP), rm = offset register, rs = status register (store-exclusive),
 * size = log2 of the access (per register for pairs and structures), imm =
 * byte offset already scaled, opt = extend option, amt = shift of the
 * register offset, x/y = structure parameters (see ldst_mult/ldst_single).
 * Integer Rt maps 31 to XZR (a load to XZR is discarded, a store of XZR
 * stores zero); SIMD&FP register numbers are kept as they are. */
#ifndef PVM_INTERP_LDST_FMT_H
#define PVM_INTERP_LDST_FMT_H
#include "interp/fmt_common.h"

/* integer kinds by opc: 0 store, 1 load, 2 load signed to X, 3 load signed to W */
static inline bool ldst_int_ok(uint32_t size, uint32_t opc)
{
    return opc < 2 || (opc == 2 && size < 3) || (opc == 3 && size < 2);
}

/* sets rd/rn/size for a single-register form; false when unallocated */
static inline bool ldst_regs(struct insn *i, uint32_t raw)
{
    uint32_t size = bits(raw, 31, 30), opc = bits(raw, 23, 22);
    i->rn = reg_sp(bits(raw, 9, 5));
    if (bit(raw, 26)) {
        uint32_t s = ((opc >> 1) << 2) | size;
        if (s > 4)
            return false;
        i->size = (uint8_t)s;
        i->rd = (uint8_t)bits(raw, 4, 0);
        return true;
    }
    if (!ldst_int_ok(size, opc))
        return false;
    i->size = (uint8_t)size;
    i->rd = opc == 0 ? reg_zr(bits(raw, 4, 0)) : reg_zw(bits(raw, 4, 0));
    return true;
}

static inline bool fmt_ldst_uimm(struct insn *i, uint32_t raw)
{
    if (!ldst_regs(i, raw))
        return false;
    i->imm = (int64_t)bits(raw, 21, 10) << i->size;
    return true;
}

static inline bool fmt_ldst_imm9(struct insn *i, uint32_t raw)
{
    if (!ldst_regs(i, raw))
        return false;
    i->imm = sext(bits(raw, 20, 12), 9);
    return true;
}

static inline bool fmt_ldst_reg(struct insn *i, uint32_t raw)
{
    uint32_t option = bits(raw, 15, 13);
    if (!(option & 2) || !ldst_regs(i, raw))
        return false;
    i->rm = reg_zr(bits(raw, 20, 16));
    i->opt = (uint8_t)option;
    i->amt = bit(raw, 12) ? i->size : 0;
    return true;
}

static inline bool fmt_ldst_prfm_uimm(struct insn *i, uint32_t raw) { return true; }
static inline bool fmt_ldst_prfm_imm9(struct insn *i, uint32_t raw) { return true; }
static inline bool fmt_ldst_prfm_lit(struct insn *i, uint32_t raw) { return true; }
static inline bool fmt_ldst_prfm_reg(struct insn *i, uint32_t raw) { return (bits(raw, 15, 13) & 2) != 0; }

/* LDR (literal) W/X and LDRSW: size from opc */
static inline bool fmt_ldst_lit(struct insn *i, uint32_t raw)
{
    uint32_t opc = bits(raw, 31, 30);
    i->size = opc == 1 ? 3 : 2;
    i->rd = reg_zw(bits(raw, 4, 0));
    i->imm = sext(bits(raw, 23, 5), 19) * 4;
    return true;
}

static inline bool fmt_ldst_lit_v(struct insn *i, uint32_t raw)
{
    uint32_t opc = bits(raw, 31, 30);
    if (opc == 3)
        return false;
    i->size = (uint8_t)(2 + opc);
    i->rd = (uint8_t)bits(raw, 4, 0);
    i->imm = sext(bits(raw, 23, 5), 19) * 4;
    return true;
}

static inline void ldst_pair_common(struct insn *i, uint32_t raw)
{
    i->rn = reg_sp(bits(raw, 9, 5));
    i->imm = sext(bits(raw, 21, 15), 7) * ((int64_t)1 << i->size); /* no << of a negative: UB */
}

/* STP/LDP W (opc 00) and X (opc 10) */
static inline bool fmt_ldst_pair(struct insn *i, uint32_t raw)
{
    i->size = bit(raw, 31) ? 3 : 2;
    bool load = bit(raw, 22);
    i->rd = load ? reg_zw(bits(raw, 4, 0)) : reg_zr(bits(raw, 4, 0));
    i->ra = load ? reg_zw(bits(raw, 14, 10)) : reg_zr(bits(raw, 14, 10));
    ldst_pair_common(i, raw);
    return true;
}

static inline bool fmt_ldst_pair_sw(struct insn *i, uint32_t raw)
{
    i->size = 2;
    i->rd = reg_zw(bits(raw, 4, 0));
    i->ra = reg_zw(bits(raw, 14, 10));
    ldst_pair_common(i, raw);
    return true;
}

static inline bool fmt_ldst_pair_v(struct insn *i, uint32_t raw)
{
    uint32_t opc = bits(raw, 31, 30);
    if (opc == 3)
        return false;
    i->size = (uint8_t)(2 + opc);
    i->rd = (uint8_t)bits(raw, 4, 0);
    i->ra = (uint8_t)bits(raw, 14, 10);
    ldst_pair_common(i, raw);
    return true;
}

/* exclusives, LDAR/STLR: rs = status (store-exclusive only) */
static inline bool fmt_ldst_excl(struct insn *i, uint32_t raw)
{
    bool load = bit(raw, 22);
    i->size = (uint8_t)bits(raw, 31, 30);
    i->rd = load ? reg_zw(bits(raw, 4, 0)) : reg_zr(bits(raw, 4, 0));
    i->rn = reg_sp(bits(raw, 9, 5));
    i->rs = reg_zw(bits(raw, 20, 16));
    return true;
}

static inline bool fmt_ldst_excl_pair(struct insn *i, uint32_t raw)
{
    bool load = bit(raw, 22);
    i->size = bit(raw, 30) ? 3 : 2;
    i->rd = load ? reg_zw(bits(raw, 4, 0)) : reg_zr(bits(raw, 4, 0));
    i->ra = load ? reg_zw(bits(raw, 14, 10)) : reg_zr(bits(raw, 14, 10));
    i->rn = reg_sp(bits(raw, 9, 5));
    i->rs = reg_zw(bits(raw, 20, 16));
    return true;
}

static inline bool fmt_ldst_ldapr(struct insn *i, uint32_t raw)
{
    i->size = (uint8_t)bits(raw, 31, 30);
    i->rd = reg_zw(bits(raw, 4, 0));
    i->rn = reg_sp(bits(raw, 9, 5));
    return true;
}

/* LD<op>/ST<op>/SWP: rs = Rs (source), rd = Rt (old value) */
static inline bool fmt_ldst_lse(struct insn *i, uint32_t raw)
{
    i->size = (uint8_t)bits(raw, 31, 30);
    i->rs = reg_zr(bits(raw, 20, 16));
    i->rd = reg_zw(bits(raw, 4, 0));
    i->rn = reg_sp(bits(raw, 9, 5));
    return true;
}

/* CAS: Rs is compared (rm, read) and receives the old value (rs, write) */
static inline bool fmt_ldst_cas(struct insn *i, uint32_t raw)
{
    i->size = (uint8_t)bits(raw, 31, 30);
    i->rm = reg_zr(bits(raw, 20, 16));
    i->rs = reg_zw(bits(raw, 20, 16));
    i->rd = reg_zr(bits(raw, 4, 0));
    i->rn = reg_sp(bits(raw, 9, 5));
    return true;
}

/* CASP: Rs and Rt must be even (odd is unallocated here; Arm makes it
 * CONSTRAINED UNPREDICTABLE). rs = Rs, rm / y = Rs+1 read / write,
 * rd = Rt, ra = Rt+1 read; Rs+1 or Rt+1 may be register 31 (XZR). */
static inline bool fmt_ldst_casp(struct insn *i, uint32_t raw)
{
    uint32_t rs = bits(raw, 20, 16), rt = bits(raw, 4, 0);
    if ((rs & 1) || (rt & 1))
        return false;
    i->size = bit(raw, 30) ? 3 : 2;
    i->rs = (uint8_t)rs;
    i->rm = reg_zr(rs + 1);
    i->y = reg_zw(rs + 1);
    i->rd = (uint8_t)rt;
    i->ra = reg_zr(rt + 1);
    i->rn = reg_sp(bits(raw, 9, 5));
    return true;
}

/* LDAPUR/STLUR: integer kinds as for LDUR/STUR, bit 26 is 0 */
static inline bool fmt_ldst_rcpc(struct insn *i, uint32_t raw)
{
    uint32_t size = bits(raw, 31, 30), opc = bits(raw, 23, 22);
    if (!ldst_int_ok(size, opc))
        return false;
    i->size = (uint8_t)size;
    i->rd = opc == 0 ? reg_zr(bits(raw, 4, 0)) : reg_zw(bits(raw, 4, 0));
    i->rn = reg_sp(bits(raw, 9, 5));
    i->imm = sext(bits(raw, 20, 12), 9);
    return true;
}

/* LD1-4/ST1-4 (multiple structures): x = registers transferred per
 * structure element group (rpt), y = elements per structure (selem),
 * size = element size, opt = Q; rm = post-index register (32 = immediate). */
static inline bool fmt_ldst_mult(struct insn *i, uint32_t raw)
{
    uint32_t opcode = bits(raw, 15, 12), rpt, selem;
    switch (opcode) {
    case 0x0: rpt = 1; selem = 4; break;
    case 0x2: rpt = 4; selem = 1; break;
    case 0x4: rpt = 1; selem = 3; break;
    case 0x6: rpt = 3; selem = 1; break;
    case 0x7: rpt = 1; selem = 1; break;
    case 0x8: rpt = 1; selem = 2; break;
    case 0xa: rpt = 2; selem = 1; break;
    default: return false;
    }
    uint32_t q = bit(raw, 30), size = bits(raw, 11, 10);
    if (size == 3 && !q && selem != 1)
        return false;
    i->x = (uint8_t)rpt;
    i->y = (uint8_t)selem;
    i->size = (uint8_t)size;
    i->opt = (uint8_t)q;
    i->rd = (uint8_t)bits(raw, 4, 0);
    i->rn = reg_sp(bits(raw, 9, 5));
    i->rm = bit(raw, 23) ? (uint8_t)bits(raw, 20, 16) : 31;
    /* Rm == 31 in the post-index form means "by the transfer size" */
    i->imm = (int64_t)(rpt * selem * (q ? 16 : 8));
    return true;
}

/* single structure and replicate: y = selem, size = element size,
 * x = lane index, amt = 1 for replicate, opt = Q */
static inline bool fmt_ldst_single(struct insn *i, uint32_t raw)
{
    uint32_t opcode = bits(raw, 15, 13), s = bit(raw, 12), size = bits(raw, 11, 10);
    uint32_t q = bit(raw, 30), r = bit(raw, 21);
    uint32_t scale = opcode >> 1, selem = (((opcode & 1) << 1) | r) + 1, index = 0;
    bool repl = false;
    switch (scale) {
    case 0: index = (q << 3) | (s << 2) | size; break;
    case 1:
        if (size & 1)
            return false;
        index = (q << 2) | (s << 1) | (size >> 1);
        break;
    case 2:
        if (size & 2)
            return false;
        if (!(size & 1)) {
            index = (q << 1) | s;
        } else {
            if (s)
                return false;
            index = q;
            scale = 3;
        }
        break;
    case 3:
        if (!bit(raw, 22) || s)
            return false;
        scale = size;
        repl = true;
        break;
    }
    i->size = (uint8_t)scale;
    i->y = (uint8_t)selem;
    i->x = (uint8_t)index;
    i->amt = repl;
    i->opt = (uint8_t)q;
    i->rd = (uint8_t)bits(raw, 4, 0);
    i->rn = reg_sp(bits(raw, 9, 5));
    i->rm = bit(raw, 23) ? (uint8_t)bits(raw, 20, 16) : 31;
    i->imm = (int64_t)(selem << scale);
    return true;
}

#endif

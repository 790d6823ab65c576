/* Load/store: the format functions of interp/ldst.decode, which compute
 * what is not a plain field. Fields of the class: rd = Rt, ra = Rt2, rn =
 * base (31 = SP), rm = offset register, rs = status register
 * (store-exclusive) or the atomic's operand, size = log2 of the access (per
 * register for pairs and structures), imm = byte offset already scaled, opt
 * = extend option (structures: Q), amt = shift of the register offset, x/y
 * = structure parameters (see ldst_mult/ldst_single). Integer Rt maps 31 to
 * XZR (a load to XZR is discarded, a store of XZR stores zero); SIMD&FP
 * register numbers are kept as they are. The rows' constraints leave no
 * unallocated encoding for these functions to refuse. */
#ifndef PVM_INTERP_LDST_FMT_H
#define PVM_INTERP_LDST_FMT_H
#include "decode_fields.h"
#include "interp/fmt_common.h"

/* unsigned offset: imm12 scaled by the access size */
static inline void fmt_ldst_uimm(struct insn *i, const struct dec_fields *f)
{
    i->imm = (int64_t)f->imm12 << i->size;
}

static inline void fmt_ldst_simm9(struct insn *i, const struct dec_fields *f)
{
    i->imm = sext(f->imm9, 9);
}

/* register offset: shifted by the access size when S is set */
static inline void fmt_ldst_reg(struct insn *i, const struct dec_fields *f)
{
    i->amt = f->S ? i->size : 0;
}

/* LDR (literal) W (opc 00), X (01) and LDRSW (10) */
static inline void fmt_ldst_lit(struct insn *i, const struct dec_fields *f)
{
    i->size = f->opc == 1 ? 3 : 2;
    i->imm = sext(f->imm19, 19) * 4;
}

/* LDR (literal, SIMD&FP) S (opc 00), D (01), Q (10) */
static inline void fmt_ldst_lit_v(struct insn *i, const struct dec_fields *f)
{
    i->size = (uint8_t)(2 + f->opc);
    i->imm = sext(f->imm19, 19) * 4;
}

static inline void ldst_pair_imm(struct insn *i, const struct dec_fields *f)
{
    i->imm = sext(f->imm7, 7) * ((int64_t)1 << i->size); /* no << of a negative: UB */
}

/* STP/LDP W (opc 00) and X (10), LDPSW (01: words) */
static inline void fmt_ldst_pair(struct insn *i, const struct dec_fields *f)
{
    i->size = (uint8_t)(2 + (f->opc >> 1));
    ldst_pair_imm(i, f);
}

/* STP/LDP S (opc 00), D (01), Q (10) */
static inline void fmt_ldst_pair_v(struct insn *i, const struct dec_fields *f)
{
    i->size = (uint8_t)(2 + f->opc);
    ldst_pair_imm(i, f);
}

/* STXP/LDXP W (sz 0) and X (1) */
static inline void fmt_ldst_excl_pair(struct insn *i, const struct dec_fields *f)
{
    i->size = (uint8_t)(2 + f->sz);
}

/* CAS: Rs is also compared (rm, read) */
static inline void fmt_ldst_cas(struct insn *i, const struct dec_fields *f)
{
    i->rm = reg_zr(f->Rs);
}

/* CASP: rm / y = Rs+1 read / written, ra = Rt+1 read; Rs+1 or Rt+1 may be
 * register 31 (XZR) */
static inline void fmt_ldst_casp(struct insn *i, const struct dec_fields *f)
{
    i->size = (uint8_t)(2 + f->sz);
    i->rm = reg_zr(f->Rs + 1);
    i->y = reg_zw(f->Rs + 1);
    i->ra = reg_zr(f->Rt + 1);
}

/* LD1-4/ST1-4 (multiple structures): x = registers transferred per
 * structure element group (rpt), y = elements per structure (selem), by
 * opcode (the rows allow 0000 0010 0100 0110 0111 1000 1010); imm = the
 * bytes transferred, the post-index amount when Rm is 31 */
static inline void fmt_ldst_mult(struct insn *i, const struct dec_fields *f)
{
    static const uint8_t rpt[16] = {[0x0] = 1, [0x2] = 4, [0x4] = 1, [0x6] = 3,
                                    [0x7] = 1, [0x8] = 1, [0xa] = 2};
    static const uint8_t selem[16] = {[0x0] = 4, [0x2] = 1, [0x4] = 3, [0x6] = 1,
                                      [0x7] = 1, [0x8] = 2, [0xa] = 1};
    i->x = rpt[f->opcode];
    i->y = selem[f->opcode];
    i->imm = (int64_t)(i->x * i->y * (f->Q ? 16 : 8));
}

/* single structure and replicate: size = the element size (scale), y =
 * selem, x = lane index, amt = 1 for replicate, imm = the bytes transferred */
static inline void fmt_ldst_single(struct insn *i, const struct dec_fields *f)
{
    uint32_t q = f->Q, s = f->S, size = f->size;
    uint32_t scale = f->opcode >> 1, selem = (((f->opcode & 1) << 1) | f->R) + 1, index = 0;
    switch (scale) {
    case 0: index = (q << 3) | (s << 2) | size; break;
    case 1: index = (q << 2) | (s << 1) | (size >> 1); break;
    case 2:
        if (!(size & 1)) {
            index = (q << 1) | s;
        } else {
            index = q;
            scale = 3;
        }
        break;
    case 3:
        scale = size;
        i->amt = 1;
        break;
    }
    i->size = (uint8_t)scale;
    i->y = (uint8_t)selem;
    i->x = (uint8_t)index;
    i->imm = (int64_t)(selem << scale);
}

#endif

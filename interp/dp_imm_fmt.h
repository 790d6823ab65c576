/* dp_imm: decode format functions for interp/dp_imm.def. Fields: rd, rn;
 * sf; imm = the immediate operand as used (ADR/ADRP offset, shifted imm12,
 * decoded bitmask, MOVN/MOVZ result, MOVK imm16); amt = MOVK shift, bitfield
 * rotate R, EXTR lsb; x = bitfield S; imm/imm2 = bitfield wmask/tmask. */
#ifndef PVM_INTERP_DP_IMM_FMT_H
#define PVM_INTERP_DP_IMM_FMT_H
#include <stdbool.h>
#include "interp/fmt_common.h"

static inline uint64_t dpi_ones(unsigned n) { return n >= 64 ? ~0ull : (1ull << n) - 1; }

/* replicate the esize-bit element e across 64 bits */
static inline uint64_t dpi_replicate(uint64_t e, unsigned esize)
{
    for (unsigned s = esize; s < 64; s *= 2)
        e |= e << s;
    return e;
}

/* DecodeBitMasks(N, imms, immr, immediate) for a datasize of 32 << sf.
 * Returns false for the reserved encodings. Results are zero-extended to 64
 * bits for sf = 0. */
static inline bool dpi_bitmasks(unsigned n, unsigned imms, unsigned immr, bool immediate, int sf,
                                uint64_t *wmask, uint64_t *tmask)
{
    unsigned combined = (n << 6) | (~imms & 0x3f);
    if (combined == 0)
        return false;
    unsigned len = 31 - (unsigned)__builtin_clz(combined);
    if (len < 1 || (!sf && len > 5))
        return false;
    unsigned levels = (1u << len) - 1;
    if (immediate && (imms & levels) == levels)
        return false;
    unsigned s = imms & levels, r = immr & levels, esize = 1u << len;
    unsigned d = (s - r) & levels;
    uint64_t emask = dpi_ones(esize);
    uint64_t welem = dpi_ones(s + 1);
    uint64_t telem = dpi_ones(d + 1);
    if (r)
        welem = ((welem >> r) | (welem << (esize - r))) & emask;
    uint64_t out = sf ? ~0ull : 0xffffffffull;
    *wmask = dpi_replicate(welem, esize) & out;
    *tmask = dpi_replicate(telem, esize) & out;
    return true;
}

static inline bool fmt_dpi_adr(struct insn *i, uint32_t raw)
{
    int64_t off = sext(bits(raw, 23, 5) << 2 | bits(raw, 30, 29), 21);
    i->imm = bit(raw, 31) ? off * 4096 : off;
    i->rd = reg_zw(bits(raw, 4, 0));
    i->sf = 1;
    return true;
}

static inline bool fmt_dpi_addsub(struct insn *i, uint32_t raw)
{
    bool setflags = bit(raw, 29);
    i->sf = (uint8_t)bit(raw, 31);
    i->rd = setflags ? reg_zw(bits(raw, 4, 0)) : reg_sp(bits(raw, 4, 0));
    i->rn = reg_sp(bits(raw, 9, 5));
    i->imm = (int64_t)bits(raw, 21, 10) << (bit(raw, 22) * 12);
    return true;
}

static inline bool fmt_dpi_logic(struct insn *i, uint32_t raw)
{
    uint64_t wmask, tmask;
    bool setflags = bits(raw, 30, 29) == 3;
    i->sf = (uint8_t)bit(raw, 31);
    i->rd = setflags ? reg_zw(bits(raw, 4, 0)) : reg_sp(bits(raw, 4, 0));
    i->rn = reg_zr(bits(raw, 9, 5));
    if (!i->sf && bit(raw, 22))
        return false;
    if (!dpi_bitmasks(bit(raw, 22), bits(raw, 15, 10), bits(raw, 21, 16), true, i->sf, &wmask, &tmask))
        return false;
    i->imm = (int64_t)wmask;
    return true;
}

static inline bool fmt_dpi_movw(struct insn *i, uint32_t raw)
{
    unsigned hw = bits(raw, 22, 21), opc = bits(raw, 30, 29);
    uint64_t v = (uint64_t)bits(raw, 20, 5) << (hw * 16);
    i->sf = (uint8_t)bit(raw, 31);
    i->rd = reg_zw(bits(raw, 4, 0));
    if (!i->sf && hw >= 2)
        return false;
    i->amt = (uint8_t)(hw * 16);
    if (opc == 0)
        v = ~v;
    if (opc == 3)
        v = bits(raw, 20, 5);
    i->imm = (int64_t)(i->sf ? v : (uint32_t)v);
    return true;
}

static inline bool fmt_dpi_bitfield(struct insn *i, uint32_t raw)
{
    uint64_t wmask, tmask;
    unsigned immr = bits(raw, 21, 16), imms = bits(raw, 15, 10);
    i->sf = (uint8_t)bit(raw, 31);
    i->rd = reg_zw(bits(raw, 4, 0));
    i->rn = reg_zr(bits(raw, 9, 5));
    if (bit(raw, 22) != i->sf || (!i->sf && (immr >= 32 || imms >= 32)))
        return false;
    if (!dpi_bitmasks(bit(raw, 22), imms, immr, false, i->sf, &wmask, &tmask))
        return false;
    i->amt = (uint8_t)immr;
    i->x = (uint8_t)imms;
    i->imm = (int64_t)wmask;
    i->imm2 = tmask;
    return true;
}

static inline bool fmt_dpi_extr(struct insn *i, uint32_t raw)
{
    i->sf = (uint8_t)bit(raw, 31);
    i->rd = reg_zw(bits(raw, 4, 0));
    i->rn = reg_zr(bits(raw, 9, 5));
    i->rm = reg_zr(bits(raw, 20, 16));
    i->amt = (uint8_t)bits(raw, 15, 10);
    return bit(raw, 22) == i->sf && (i->sf || i->amt < 32);
}

#endif

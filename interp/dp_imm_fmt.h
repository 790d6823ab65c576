/* dp_imm: the format functions of interp/dp_imm.decode, which compute what
 * is not a plain field: imm = the immediate operand as used (ADR/ADRP
 * offset, shifted imm12, decoded bitmask, MOVN/MOVZ result, MOVK imm16);
 * amt = MOVK shift; imm/imm2 = bitfield wmask/tmask. The rows' constraints
 * leave no reserved encoding for them to refuse. */
#ifndef PVM_INTERP_DP_IMM_FMT_H
#define PVM_INTERP_DP_IMM_FMT_H
#include <stdbool.h>
#include "decode_fields.h"
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
 * Returns false for the reserved encodings (the rows exclude them).
 * Results are zero-extended to 64 bits for sf = 0. */
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

static inline void fmt_dpi_adr(struct insn *i, const struct dec_fields *f)
{
    int64_t off = sext(f->immhi << 2 | f->immlo, 21);
    i->imm = f->op ? off * 4096 : off;
}

static inline void fmt_dpi_addsub(struct insn *i, const struct dec_fields *f)
{
    i->imm = (int64_t)f->imm12 << (f->sh * 12);
}

static inline void fmt_dpi_logic(struct insn *i, const struct dec_fields *f)
{
    uint64_t wmask = 0, tmask = 0;
    dpi_bitmasks(f->N, f->imms, f->immr, true, i->sf, &wmask, &tmask);
    i->imm = (int64_t)wmask;
}

/* MOVN inverts the shifted imm16, MOVZ keeps it; MOVK's imm is imm16
 * itself (amt places it) */
static inline void fmt_dpi_movw(struct insn *i, const struct dec_fields *f)
{
    uint64_t v = (uint64_t)f->imm16 << (f->hw * 16);
    i->amt = (uint8_t)(f->hw * 16);
    if (f->opc == 0)
        v = ~v;
    if (f->opc == 3)
        v = f->imm16;
    i->imm = (int64_t)(i->sf ? v : (uint32_t)v);
}

static inline void fmt_dpi_bitfield(struct insn *i, const struct dec_fields *f)
{
    uint64_t wmask = 0, tmask = 0;
    dpi_bitmasks(f->N, f->imms, f->immr, false, i->sf, &wmask, &tmask);
    i->imm = (int64_t)wmask;
    i->imm2 = tmask;
}

#endif

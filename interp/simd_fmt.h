/* Advanced SIMD: the format functions of interp/simd.decode, which compute
 * what is not a plain field. Field conventions for every SIMD row (the
 * semantics in interp/simd*.h rely on them): rd rn rm ra are V register
 * numbers 0..31 unless the operand is a general register (then mapped for
 * its role); size = log2 of the element size in bytes of the arrangement
 * named in each function's comment; x = number of lanes the result has (1
 * for scalar forms); sf = Q; y = 1 for the scalar (bit 28 set) form; amt =
 * element offset of the "2" (upper) half for long/narrow forms; imm =
 * shift, index or immediate. The rows' constraints leave no reserved
 * size/Q combination for these functions to refuse. */
#ifndef PVM_INTERP_SIMD_FMT_H
#define PVM_INTERP_SIMD_FMT_H
#include <stdbool.h>
#include "decode_fields.h"
#include "interp/fmt_common.h"

/* Lanes of a 64- or 128-bit vector of 8<<size-bit elements. */
static inline uint8_t simd_lanes(unsigned q, unsigned size) { return (uint8_t)((q ? 16 : 8) >> size); }

/* same-size lanes: x = the lanes of the vector, 1 for a scalar */
static inline void fmt_simd_lanes(struct insn *i, const struct dec_fields *f)
{
    i->x = i->y ? 1 : simd_lanes(i->sf, i->size);
}

/* bitwise ops: 64-bit lanes */
static inline void fmt_simd_q64(struct insn *i, const struct dec_fields *f)
{
    i->x = i->sf ? 2 : 1;
}

/* long, wide and narrow forms, size = the narrow element size: x = the
 * lanes of the wide side (long/wide forms) or of the narrow result, amt =
 * the first narrow lane of the "2" forms (Q = 1) */
static inline void fmt_simd_long(struct insn *i, const struct dec_fields *f)
{
    if (i->y) {
        i->x = 1;
        i->amt = 0;
        return;
    }
    i->x = (uint8_t)(8 >> i->size);
    i->amt = i->sf ? i->x : 0;
}

/* ---- copy: size from the lowest set bit of imm5, imm = element index ---- */
static inline void fmt_simd_imm5(struct insn *i, const struct dec_fields *f)
{
    i->size = (uint8_t)__builtin_ctz(f->imm5);
    i->imm = f->imm5 >> (i->size + 1);
}
/* DUP (element, general) */
static inline void fmt_simd_dup(struct insn *i, const struct dec_fields *f)
{
    fmt_simd_imm5(i, f);
    fmt_simd_lanes(i, f);
}
/* INS (element): imm = destination index, imm2 = source index */
static inline void fmt_simd_ins_e(struct insn *i, const struct dec_fields *f)
{
    fmt_simd_imm5(i, f);
    i->imm2 = f->imm4 >> i->size;
}

/* ---- modified immediate: imm = the 64-bit lane value (AdvSIMDExpandImm,
 * inverted for MVNI), x = 64-bit lanes written; opt is cmode ---- */
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

/* ORR, BIC (vector, immediate) */
static inline void fmt_simd_modimm(struct insn *i, const struct dec_fields *f)
{
    i->x = i->sf ? 2 : 1;
    i->imm = (int64_t)simd_expand_imm(f->op, f->cmode, f->abc << 5 | f->defgh);
}
/* MOVI, MVNI, FMOV (vector, immediate) */
static inline void fmt_simd_movi(struct insn *i, const struct dec_fields *f)
{
    fmt_simd_modimm(i, f);
    if (f->op && f->cmode < 14)
        i->imm = ~i->imm; /* MVNI */
}

/* ---- shift by immediate: size from the highest set bit of immh ---- */
static inline void simd_shift_size(struct insn *i, const struct dec_fields *f)
{
    i->size = (uint8_t)(31 - __builtin_clz(f->immh));
}
/* right shifts and the fixed-point conversions: imm = 2*esize - immh:immb
 * (1..esize, or fbits) */
static inline void fmt_simd_shr(struct insn *i, const struct dec_fields *f)
{
    simd_shift_size(i, f);
    fmt_simd_lanes(i, f);
    i->imm = (16 << i->size) - (f->immh << 3 | f->immb);
}
/* left shifts: imm = immh:immb - esize (0..esize-1) */
static inline void fmt_simd_shl(struct insn *i, const struct dec_fields *f)
{
    simd_shift_size(i, f);
    fmt_simd_lanes(i, f);
    i->imm = (f->immh << 3 | f->immb) - (8 << i->size);
}
/* narrowing right shifts: size = narrow element size, imm = 1..esize */
static inline void fmt_simd_shrn(struct insn *i, const struct dec_fields *f)
{
    simd_shift_size(i, f);
    fmt_simd_long(i, f);
    i->imm = (16 << i->size) - (f->immh << 3 | f->immb);
}
/* SSHLL/USHLL: size = narrow element size, imm = left shift 0..esize-1 */
static inline void fmt_simd_shll(struct insn *i, const struct dec_fields *f)
{
    simd_shift_size(i, f);
    fmt_simd_long(i, f);
    i->imm = (f->immh << 3 | f->immb) - (8 << i->size);
}

/* ---- extract, table lookup: x = bytes in the vector ---- */
static inline void fmt_simd_bytes(struct insn *i, const struct dec_fields *f)
{
    i->x = simd_lanes(i->sf, 0);
}
/* TBL/TBX: imm = number of table registers (1..4) starting at rn */
static inline void fmt_simd_tbl(struct insn *i, const struct dec_fields *f)
{
    i->imm = f->len + 1;
    i->x = simd_lanes(i->sf, 0);
}

/* ---- by element: imm = index into Vm; H elements take Vm from v0-v15
 * (rm = Vm, imm = H:L:M), S elements the whole M:Vm (imm = H:L) ---- */
static inline void simd_elem_index(struct insn *i, const struct dec_fields *f)
{
    if (i->size == 1) {
        i->imm = f->H << 2 | f->L << 1 | f->M;
    } else {
        i->rm = (uint8_t)(f->M << 4 | f->Vm);
        i->imm = f->H << 1 | f->L;
    }
}
static inline void fmt_simd_elem(struct insn *i, const struct dec_fields *f)
{
    simd_elem_index(i, f);
    fmt_simd_lanes(i, f);
}
/* long forms: x = wide lanes, amt = offset of the source half */
static inline void fmt_simd_elem_long(struct insn *i, const struct dec_fields *f)
{
    simd_elem_index(i, f);
    fmt_simd_long(i, f);
}

/* ---- floating point: size = 2 + sz (S or D lanes) ---- */
static inline void fmt_simd_fp(struct insn *i, const struct dec_fields *f)
{
    i->size = (uint8_t)(2 + f->sz);
    fmt_simd_lanes(i, f);
}
/* FCVTN/FCVTL/FCVTXN: size = the narrow size (H or S) */
static inline void fmt_simd_fp_long(struct insn *i, const struct dec_fields *f)
{
    i->size = (uint8_t)(1 + f->sz);
    fmt_simd_long(i, f);
}
/* FMLA/FMLS/FMUL/FMULX (by element): imm = index (H:L for S, H for D) */
static inline void fmt_simd_elem_fp(struct insn *i, const struct dec_fields *f)
{
    fmt_simd_fp(i, f);
    i->imm = f->sz ? f->H : (f->H << 1 | f->L);
}

#endif

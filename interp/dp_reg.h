/* dp_reg: semantics of the rows of interp/dp_reg.decode (logical and
 * add/subtract on registers, carry, conditional compare/select, 1- and
 * 2-source ops, multiply; CRC32 and the bit-manipulation helpers live in
 * interp/dp_reg_bits.h). All flag results come from interp/alu.h; 32-bit
 * forms operate on the low words and zero-extend the result. */
#ifndef PVM_INTERP_DP_REG_H
#define PVM_INTERP_DP_REG_H
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/alu.h"
#include "interp/dp_reg_bits.h"
#include "interp/insn.h"

/* ---- logical (shifted register) ---- */

static inline uint64_t dpr_op2_shift(const struct cpu *c, const struct insn *i)
{
    return alu_shift(c->x[i->rm], i->opt, i->amt, i->sf);
}

static inline enum xres op_AND_REG(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] & dpr_op2_shift(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_BIC_REG(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] & ~dpr_op2_shift(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_ORR_REG(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] | dpr_op2_shift(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_ORN_REG(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] | ~dpr_op2_shift(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_EOR_REG(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] ^ dpr_op2_shift(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_EON_REG(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] ^ ~dpr_op2_shift(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_ANDS_REG(struct cpu *c, const struct insn *i)
{
    uint64_t r = cpu_rd(c, i->rn, i->sf) & dpr_op2_shift(c, i);
    c->nzcv = alu_logic_flags(r, i->sf);
    c->x[i->rd] = r;
    return X_NEXT;
}

static inline enum xres op_BICS_REG(struct cpu *c, const struct insn *i)
{
    uint64_t r = cpu_rd(c, i->rn, i->sf) & ~dpr_op2_shift(c, i);
    c->nzcv = alu_logic_flags(r, i->sf);
    c->x[i->rd] = r;
    return X_NEXT;
}

/* ---- add/subtract (shifted and extended register) ---- */

static inline enum xres op_ADD_REG(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] + dpr_op2_shift(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_SUB_REG(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] - dpr_op2_shift(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_ADDS_REG(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_adc_flags(c->x[i->rn], dpr_op2_shift(c, i), 0, i->sf, &c->nzcv);
    return X_NEXT;
}

static inline enum xres op_SUBS_REG(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_adc_flags(c->x[i->rn], ~dpr_op2_shift(c, i), 1, i->sf, &c->nzcv);
    return X_NEXT;
}

static inline uint64_t dpr_op2_ext(const struct cpu *c, const struct insn *i)
{
    return alu_extend(c->x[i->rm], i->opt, i->amt);
}

static inline enum xres op_ADD_EXT(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] + dpr_op2_ext(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_SUB_EXT(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] - dpr_op2_ext(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_ADDS_EXT(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_adc_flags(c->x[i->rn], dpr_op2_ext(c, i), 0, i->sf, &c->nzcv);
    return X_NEXT;
}

static inline enum xres op_SUBS_EXT(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_adc_flags(c->x[i->rn], ~dpr_op2_ext(c, i), 1, i->sf, &c->nzcv);
    return X_NEXT;
}

/* ---- add/subtract with carry ---- */

static inline unsigned dpr_carry(const struct cpu *c) { return (c->nzcv >> 29) & 1; }

static inline enum xres op_ADC(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] + c->x[i->rm] + dpr_carry(c), i->sf);
    return X_NEXT;
}

static inline enum xres op_SBC(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] + ~c->x[i->rm] + dpr_carry(c), i->sf);
    return X_NEXT;
}

static inline enum xres op_ADCS(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_adc_flags(c->x[i->rn], c->x[i->rm], dpr_carry(c), i->sf, &c->nzcv);
    return X_NEXT;
}

static inline enum xres op_SBCS(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_adc_flags(c->x[i->rn], ~c->x[i->rm], dpr_carry(c), i->sf, &c->nzcv);
    return X_NEXT;
}

/* ---- flag manipulation (FEAT_FlagM) ---- */

/* the flags selected by mask (N Z C V = bits 3..0) come from bits 3..0 of
 * Xn rotated right; the others keep their value */
static inline enum xres op_RMIF(struct cpu *c, const struct insn *i)
{
    uint32_t src = (uint32_t)(alu_ror(c->x[i->rn], i->amt, 1) & 0xf) << 28;
    uint32_t sel = (uint32_t)i->x << 28;
    c->nzcv = (c->nzcv & ~sel) | (src & sel);
    return X_NEXT;
}

/* N, Z from the low byte/halfword as a signed value, V = the carry out of
 * it (bit w XOR bit w-1); C is unchanged */
static inline uint32_t dpr_setf(uint32_t nzcv, uint64_t v, unsigned width)
{
    uint32_t top = (uint32_t)(v >> (width - 1)) & 1, next = (uint32_t)(v >> width) & 1;
    uint32_t f = nzcv & NZCV_C;
    f |= top ? NZCV_N : 0;
    f |= (v & ((1ull << width) - 1)) == 0 ? NZCV_Z : 0;
    f |= (top ^ next) ? NZCV_V : 0;
    return f;
}

static inline enum xres op_SETF8(struct cpu *c, const struct insn *i)
{
    c->nzcv = dpr_setf(c->nzcv, c->x[i->rn], 8);
    return X_NEXT;
}

static inline enum xres op_SETF16(struct cpu *c, const struct insn *i)
{
    c->nzcv = dpr_setf(c->nzcv, c->x[i->rn], 16);
    return X_NEXT;
}

/* ---- conditional compare: flags of the compare, or the nzcv immediate ---- */

static inline void dpr_ccmp(struct cpu *c, const struct insn *i, uint64_t b, unsigned cin)
{
    uint32_t f;
    if (!cond_holds(c->nzcv, i->cond)) {
        c->nzcv = (uint32_t)i->imm2;
        return;
    }
    alu_adc_flags(c->x[i->rn], b, cin, i->sf, &f);
    c->nzcv = f;
}

static inline enum xres op_CCMN_REG(struct cpu *c, const struct insn *i)
{
    dpr_ccmp(c, i, c->x[i->rm], 0);
    return X_NEXT;
}

static inline enum xres op_CCMN_IMM(struct cpu *c, const struct insn *i)
{
    dpr_ccmp(c, i, (uint64_t)i->imm, 0);
    return X_NEXT;
}

static inline enum xres op_CCMP_REG(struct cpu *c, const struct insn *i)
{
    dpr_ccmp(c, i, ~c->x[i->rm], 1);
    return X_NEXT;
}

static inline enum xres op_CCMP_IMM(struct cpu *c, const struct insn *i)
{
    dpr_ccmp(c, i, ~(uint64_t)i->imm, 1);
    return X_NEXT;
}

/* ---- conditional select ---- */

static inline enum xres op_CSEL(struct cpu *c, const struct insn *i)
{
    uint64_t v = cond_holds(c->nzcv, i->cond) ? c->x[i->rn] : c->x[i->rm];
    cpu_wr(c, i->rd, v, i->sf);
    return X_NEXT;
}

static inline enum xres op_CSINC(struct cpu *c, const struct insn *i)
{
    uint64_t v = cond_holds(c->nzcv, i->cond) ? c->x[i->rn] : c->x[i->rm] + 1;
    cpu_wr(c, i->rd, v, i->sf);
    return X_NEXT;
}

static inline enum xres op_CSINV(struct cpu *c, const struct insn *i)
{
    uint64_t v = cond_holds(c->nzcv, i->cond) ? c->x[i->rn] : ~c->x[i->rm];
    cpu_wr(c, i->rd, v, i->sf);
    return X_NEXT;
}

static inline enum xres op_CSNEG(struct cpu *c, const struct insn *i)
{
    uint64_t v = cond_holds(c->nzcv, i->cond) ? c->x[i->rn] : 0 - c->x[i->rm];
    cpu_wr(c, i->rd, v, i->sf);
    return X_NEXT;
}

/* ---- data processing (1 source) ---- */

static inline enum xres op_RBIT(struct cpu *c, const struct insn *i)
{
    uint64_t r = dpr_bitrev64(c->x[i->rn]);
    c->x[i->rd] = i->sf ? r : r >> 32;
    return X_NEXT;
}

static inline enum xres op_REV16(struct cpu *c, const struct insn *i)
{
    uint64_t v = c->x[i->rn];
    uint64_t r = ((v >> 8) & 0x00ff00ff00ff00ffull) | ((v & 0x00ff00ff00ff00ffull) << 8);
    cpu_wr(c, i->rd, r, i->sf);
    return X_NEXT;
}

static inline enum xres op_REV32(struct cpu *c, const struct insn *i)
{
    uint64_t v = c->x[i->rn];
    uint64_t r = (uint64_t)__builtin_bswap32((uint32_t)(v >> 32)) << 32 | __builtin_bswap32((uint32_t)v);
    cpu_wr(c, i->rd, r, i->sf);
    return X_NEXT;
}

static inline enum xres op_REV(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = __builtin_bswap64(c->x[i->rn]);
    return X_NEXT;
}

static inline enum xres op_CLZ(struct cpu *c, const struct insn *i)
{
    uint64_t v = c->x[i->rn];
    if (i->sf)
        c->x[i->rd] = v ? (uint64_t)__builtin_clzll(v) : 64;
    else
        c->x[i->rd] = (uint32_t)v ? (uint64_t)__builtin_clz((uint32_t)v) : 32;
    return X_NEXT;
}

/* leading bits equal to the sign bit, not counting the sign bit itself */
static inline enum xres op_CLS(struct cpu *c, const struct insn *i)
{
    uint64_t v = c->x[i->rn];
    if (i->sf) {
        uint64_t t = v ^ (uint64_t)((int64_t)v >> 63);
        c->x[i->rd] = t ? (uint64_t)__builtin_clzll(t) - 1 : 63;
    } else {
        uint32_t w = (uint32_t)v, t = w ^ (uint32_t)((int32_t)w >> 31);
        c->x[i->rd] = t ? (uint64_t)__builtin_clz(t) - 1 : 31;
    }
    return X_NEXT;
}

/* ---- data processing (2 source) ---- */

/* division by zero gives 0; INT_MIN / -1 gives INT_MIN (no trap on A64) */
static inline enum xres op_UDIV(struct cpu *c, const struct insn *i)
{
    uint64_t n = cpu_rd(c, i->rn, i->sf), m = cpu_rd(c, i->rm, i->sf);
    c->x[i->rd] = m ? n / m : 0;
    return X_NEXT;
}

static inline enum xres op_SDIV(struct cpu *c, const struct insn *i)
{
    uint64_t r;
    if (i->sf) {
        int64_t n = (int64_t)c->x[i->rn], m = (int64_t)c->x[i->rm];
        r = m == 0 ? 0 : (m == -1 ? 0 - (uint64_t)n : (uint64_t)(n / m));
    } else {
        int32_t n = (int32_t)c->x[i->rn], m = (int32_t)c->x[i->rm];
        r = m == 0 ? 0 : (m == -1 ? 0 - (uint64_t)(uint32_t)n : (uint64_t)(uint32_t)(n / m));
    }
    cpu_wr(c, i->rd, r, i->sf);
    return X_NEXT;
}

/* variable shifts take the amount modulo the register width */
static inline unsigned dpr_vamt(const struct cpu *c, const struct insn *i)
{
    return (unsigned)c->x[i->rm] & (i->sf ? 63u : 31u);
}

static inline enum xres op_LSLV(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_shift(c->x[i->rn], 0, dpr_vamt(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_LSRV(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_shift(c->x[i->rn], 1, dpr_vamt(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_ASRV(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_shift(c->x[i->rn], 2, dpr_vamt(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_RORV(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_shift(c->x[i->rn], 3, dpr_vamt(c, i), i->sf);
    return X_NEXT;
}

static inline enum xres op_CRC32(struct cpu *c, const struct insn *i)
{
    uint32_t poly = i->x ? DPR_CRC32C_POLY : DPR_CRC32_POLY;
    c->x[i->rd] = dpr_crc32((uint32_t)c->x[i->rn], c->x[i->rm], 1u << i->size, poly);
    return X_NEXT;
}

/* ---- data processing (3 source) ---- */

static inline enum xres op_MADD(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->ra] + c->x[i->rn] * c->x[i->rm], i->sf);
    return X_NEXT;
}

static inline enum xres op_MSUB(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->ra] - c->x[i->rn] * c->x[i->rm], i->sf);
    return X_NEXT;
}

static inline uint64_t dpr_smull(const struct cpu *c, const struct insn *i)
{
    return (uint64_t)((int64_t)(int32_t)c->x[i->rn] * (int64_t)(int32_t)c->x[i->rm]);
}

static inline uint64_t dpr_umull(const struct cpu *c, const struct insn *i)
{
    return (uint64_t)(uint32_t)c->x[i->rn] * (uint32_t)c->x[i->rm];
}

static inline enum xres op_SMADDL(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = c->x[i->ra] + dpr_smull(c, i);
    return X_NEXT;
}

static inline enum xres op_SMSUBL(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = c->x[i->ra] - dpr_smull(c, i);
    return X_NEXT;
}

static inline enum xres op_UMADDL(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = c->x[i->ra] + dpr_umull(c, i);
    return X_NEXT;
}

static inline enum xres op_UMSUBL(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = c->x[i->ra] - dpr_umull(c, i);
    return X_NEXT;
}

static inline enum xres op_SMULH(struct cpu *c, const struct insn *i)
{
    __int128 p = (__int128)(int64_t)c->x[i->rn] * (int64_t)c->x[i->rm];
    c->x[i->rd] = (uint64_t)(p >> 64);
    return X_NEXT;
}

static inline enum xres op_UMULH(struct cpu *c, const struct insn *i)
{
    unsigned __int128 p = (unsigned __int128)c->x[i->rn] * c->x[i->rm];
    c->x[i->rd] = (uint64_t)(p >> 64);
    return X_NEXT;
}

#endif

/* dp_imm: semantics of the rows of interp/dp_imm.decode (PC-relative
 * addressing, add/subtract and logical immediate, move wide, bitfield,
 * extract). Immediates arrive fully decoded; 32-bit forms zero-extend their
 * result into the X register (cpu_wr). Flags come from interp/alu.h. */
#ifndef PVM_INTERP_DP_IMM_H
#define PVM_INTERP_DP_IMM_H
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/alu.h"
#include "interp/insn.h"

static inline enum xres op_ADR(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = i->pc + (uint64_t)i->imm;
    return X_NEXT;
}

static inline enum xres op_ADRP(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = (i->pc & ~0xfffull) + (uint64_t)i->imm;
    return X_NEXT;
}

static inline enum xres op_ADD_IMM(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] + (uint64_t)i->imm, i->sf);
    return X_NEXT;
}

static inline enum xres op_SUB_IMM(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] - (uint64_t)i->imm, i->sf);
    return X_NEXT;
}

static inline enum xres op_ADDS_IMM(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_adc_flags(c->x[i->rn], (uint64_t)i->imm, 0, i->sf, &c->nzcv);
    return X_NEXT;
}

static inline enum xres op_SUBS_IMM(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = alu_adc_flags(c->x[i->rn], ~(uint64_t)i->imm, 1, i->sf, &c->nzcv);
    return X_NEXT;
}

/* the bitmask is zero-extended for sf = 0, so the 64-bit op is exact */
static inline enum xres op_AND_IMM(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = c->x[i->rn] & (uint64_t)i->imm;
    return X_NEXT;
}

static inline enum xres op_ORR_IMM(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] | (uint64_t)i->imm, i->sf);
    return X_NEXT;
}

static inline enum xres op_EOR_IMM(struct cpu *c, const struct insn *i)
{
    cpu_wr(c, i->rd, c->x[i->rn] ^ (uint64_t)i->imm, i->sf);
    return X_NEXT;
}

static inline enum xres op_ANDS_IMM(struct cpu *c, const struct insn *i)
{
    uint64_t r = c->x[i->rn] & (uint64_t)i->imm;
    c->nzcv = alu_logic_flags(r, i->sf);
    c->x[i->rd] = r;
    return X_NEXT;
}

static inline enum xres op_MOVN(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = (uint64_t)i->imm;
    return X_NEXT;
}

static inline enum xres op_MOVZ(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = (uint64_t)i->imm;
    return X_NEXT;
}

static inline enum xres op_MOVK(struct cpu *c, const struct insn *i)
{
    uint64_t v = (c->x[i->rd] & ~(0xffffull << i->amt)) | ((uint64_t)i->imm << i->amt);
    cpu_wr(c, i->rd, v, i->sf);
    return X_NEXT;
}

/* bitfield moves per the Arm ARM: bot = ROR(src, R) & wmask, then merged
 * under tmask with the destination (BFM), sign copies (SBFM) or zeros (UBFM) */
static inline enum xres op_SBFM(struct cpu *c, const struct insn *i)
{
    uint64_t src = cpu_rd(c, i->rn, i->sf);
    uint64_t bot = alu_ror(src, i->amt, i->sf) & (uint64_t)i->imm;
    uint64_t top = ((src >> i->x) & 1) ? ~0ull : 0;
    cpu_wr(c, i->rd, (top & ~i->imm2) | (bot & i->imm2), i->sf);
    return X_NEXT;
}

static inline enum xres op_BFM(struct cpu *c, const struct insn *i)
{
    uint64_t src = cpu_rd(c, i->rn, i->sf), dst = c->x[i->rd];
    uint64_t bot = (dst & ~(uint64_t)i->imm) | (alu_ror(src, i->amt, i->sf) & (uint64_t)i->imm);
    cpu_wr(c, i->rd, (dst & ~i->imm2) | (bot & i->imm2), i->sf);
    return X_NEXT;
}

static inline enum xres op_UBFM(struct cpu *c, const struct insn *i)
{
    uint64_t src = cpu_rd(c, i->rn, i->sf);
    c->x[i->rd] = alu_ror(src, i->amt, i->sf) & (uint64_t)i->imm & i->imm2;
    return X_NEXT;
}

static inline enum xres op_EXTR(struct cpu *c, const struct insn *i)
{
    uint64_t hi = c->x[i->rn], lo = c->x[i->rm], r;
    if (i->sf)
        r = i->amt ? (lo >> i->amt) | (hi << (64 - i->amt)) : lo;
    else
        r = (uint32_t)((((uint64_t)(uint32_t)hi << 32) | (uint32_t)lo) >> i->amt);
    cpu_wr(c, i->rd, r, i->sf);
    return X_NEXT;
}

#endif

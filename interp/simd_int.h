/* Advanced SIMD integer semantics: three same, three different, two-register
 * misc (element-wise part), across lanes and by-element forms, vector and
 * scalar. Each op_V_* is one of the shared loops of interp/simd.h applied to
 * an element function simd_e_* (a, b, d, size, qc): a from Vn, b from Vm or
 * an index/immediate, d the old destination lane, size the element size the
 * function reasons in (the narrow size for long and narrowing forms). */
#ifndef PVM_INTERP_SIMD_INT_H
#define PVM_INTERP_SIMD_INT_H

static inline uint64_t simd_all(bool t, unsigned size) { return t ? simd_emask(size) : 0; }
static inline int64_t simd_iabs(int64_t v) { return v < 0 ? -v : v; }

/* ---- element functions: same-size arithmetic ---- */
static inline uint64_t simd_e_add(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a + b) & simd_emask(s);
}
static inline uint64_t simd_e_sub(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a - b) & simd_emask(s);
}
static inline uint64_t simd_e_shadd(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)((simd_sx(a, s) + simd_sx(b, s)) >> 1) & simd_emask(s);
}
static inline uint64_t simd_e_uhadd(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a + b) >> 1;
}
static inline uint64_t simd_e_srhadd(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)((simd_sx(a, s) + simd_sx(b, s) + 1) >> 1) & simd_emask(s);
}
static inline uint64_t simd_e_urhadd(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a + b + 1) >> 1;
}
static inline uint64_t simd_e_shsub(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)((simd_sx(a, s) - simd_sx(b, s)) >> 1) & simd_emask(s);
}
static inline uint64_t simd_e_uhsub(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)(((int64_t)a - (int64_t)b) >> 1) & simd_emask(s);
}
static inline uint64_t simd_e_sqadd(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_s((__int128)simd_sx(a, s) + simd_sx(b, s), s, qc);
}
static inline uint64_t simd_e_uqadd(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_u((__int128)a + b, s, qc);
}
static inline uint64_t simd_e_sqsub(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_s((__int128)simd_sx(a, s) - simd_sx(b, s), s, qc);
}
static inline uint64_t simd_e_uqsub(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_u((__int128)a - b, s, qc);
}
static inline uint64_t simd_e_cmgt(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_all(simd_sx(a, s) > simd_sx(b, s), s);
}
static inline uint64_t simd_e_cmge(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_all(simd_sx(a, s) >= simd_sx(b, s), s);
}
static inline uint64_t simd_e_cmhi(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_all(a > b, s);
}
static inline uint64_t simd_e_cmhs(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_all(a >= b, s);
}
static inline uint64_t simd_e_cmeq(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_all(a == b, s);
}
static inline uint64_t simd_e_cmtst(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_all((a & b) != 0, s);
}
/* shifts by register: the shift is the signed low byte of Vm's lane */
static inline uint64_t simd_e_sshl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, (int8_t)b, s, true, false, false, qc);
}
static inline uint64_t simd_e_ushl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, (int8_t)b, s, false, false, false, qc);
}
static inline uint64_t simd_e_srshl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, (int8_t)b, s, true, true, false, qc);
}
static inline uint64_t simd_e_urshl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, (int8_t)b, s, false, true, false, qc);
}
static inline uint64_t simd_e_sqshl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, (int8_t)b, s, true, false, true, qc);
}
static inline uint64_t simd_e_uqshl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, (int8_t)b, s, false, false, true, qc);
}
static inline uint64_t simd_e_sqrshl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, (int8_t)b, s, true, true, true, qc);
}
static inline uint64_t simd_e_uqrshl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, (int8_t)b, s, false, true, true, qc);
}
static inline uint64_t simd_e_smax(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sx(a, s) > simd_sx(b, s) ? a : b;
}
static inline uint64_t simd_e_umax(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return a > b ? a : b;
}
static inline uint64_t simd_e_smin(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sx(a, s) < simd_sx(b, s) ? a : b;
}
static inline uint64_t simd_e_umin(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return a < b ? a : b;
}
static inline uint64_t simd_e_sabd(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)simd_iabs(simd_sx(a, s) - simd_sx(b, s)) & simd_emask(s);
}
static inline uint64_t simd_e_uabd(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return a > b ? a - b : b - a;
}
static inline uint64_t simd_e_saba(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (d + simd_e_sabd(a, b, 0, s, qc)) & simd_emask(s);
}
static inline uint64_t simd_e_uaba(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (d + simd_e_uabd(a, b, 0, s, qc)) & simd_emask(s);
}
static inline uint64_t simd_e_mul(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a * b) & simd_emask(s);
}
static inline uint64_t simd_e_mla(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (d + a * b) & simd_emask(s);
}
static inline uint64_t simd_e_mls(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (d - a * b) & simd_emask(s);
}
/* carry-less multiply of two elements (the result may be twice as wide) */
static inline uint64_t simd_clmul(uint64_t a, uint64_t b, unsigned s)
{
    uint64_t r = 0;
    for (unsigned k = 0; k < simd_ebits(s); k++)
        if ((b >> k) & 1)
            r ^= a << k;
    return r;
}
static inline uint64_t simd_e_pmul(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_clmul(a, b, s) & simd_emask(s);
}
static inline uint64_t simd_e_sqdmulh(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    __int128 p = (__int128)2 * simd_sx(a, s) * simd_sx(b, s);
    return simd_sat_s(p >> simd_ebits(s), s, qc);
}
static inline uint64_t simd_e_sqrdmulh(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    __int128 p = (__int128)2 * simd_sx(a, s) * simd_sx(b, s);
    return simd_sat_s(simd_shr128(p, simd_ebits(s), true), s, qc);
}
/* bitwise (64-bit lanes); BSL/BIT/BIF select with Vd / Vm as the mask */
static inline uint64_t simd_e_and(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc) { return a & b; }
static inline uint64_t simd_e_bic(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc) { return a & ~b; }
static inline uint64_t simd_e_orr(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc) { return a | b; }
static inline uint64_t simd_e_orn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc) { return a | ~b; }
static inline uint64_t simd_e_eor(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc) { return a ^ b; }
static inline uint64_t simd_e_bsl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (d & a) | (~d & b);
}
static inline uint64_t simd_e_bit(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a & b) | (d & ~b);
}
static inline uint64_t simd_e_bif(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a & ~b) | (d & b);
}

/* ---- three same ---- */
static inline enum xres op_V_SHADD(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_shadd, SIMD_VEC); }
static inline enum xres op_V_UHADD(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_uhadd, SIMD_VEC); }
static inline enum xres op_V_SQADD(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqadd, SIMD_VEC); }
static inline enum xres op_V_UQADD(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_uqadd, SIMD_VEC); }
static inline enum xres op_V_SRHADD(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_srhadd, SIMD_VEC); }
static inline enum xres op_V_URHADD(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_urhadd, SIMD_VEC); }
static inline enum xres op_V_AND(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_and, SIMD_VEC); }
static inline enum xres op_V_BIC(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_bic, SIMD_VEC); }
static inline enum xres op_V_ORR(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_orr, SIMD_VEC); }
static inline enum xres op_V_ORN(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_orn, SIMD_VEC); }
static inline enum xres op_V_EOR(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_eor, SIMD_VEC); }
static inline enum xres op_V_BSL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_bsl, SIMD_VEC); }
static inline enum xres op_V_BIT(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_bit, SIMD_VEC); }
static inline enum xres op_V_BIF(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_bif, SIMD_VEC); }
static inline enum xres op_V_SHSUB(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_shsub, SIMD_VEC); }
static inline enum xres op_V_UHSUB(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_uhsub, SIMD_VEC); }
static inline enum xres op_V_SQSUB(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqsub, SIMD_VEC); }
static inline enum xres op_V_UQSUB(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_uqsub, SIMD_VEC); }
static inline enum xres op_V_CMGT(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cmgt, SIMD_VEC); }
static inline enum xres op_V_CMHI(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cmhi, SIMD_VEC); }
static inline enum xres op_V_CMGE(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cmge, SIMD_VEC); }
static inline enum xres op_V_CMHS(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cmhs, SIMD_VEC); }
static inline enum xres op_V_SSHL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sshl, SIMD_VEC); }
static inline enum xres op_V_USHL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_ushl, SIMD_VEC); }
static inline enum xres op_V_SQSHL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqshl, SIMD_VEC); }
static inline enum xres op_V_UQSHL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_uqshl, SIMD_VEC); }
static inline enum xres op_V_SRSHL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_srshl, SIMD_VEC); }
static inline enum xres op_V_URSHL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_urshl, SIMD_VEC); }
static inline enum xres op_V_SQRSHL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqrshl, SIMD_VEC); }
static inline enum xres op_V_UQRSHL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_uqrshl, SIMD_VEC); }
static inline enum xres op_V_SMAX(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_smax, SIMD_VEC); }
static inline enum xres op_V_UMAX(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_umax, SIMD_VEC); }
static inline enum xres op_V_SMIN(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_smin, SIMD_VEC); }
static inline enum xres op_V_UMIN(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_umin, SIMD_VEC); }
static inline enum xres op_V_SABD(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sabd, SIMD_VEC); }
static inline enum xres op_V_UABD(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_uabd, SIMD_VEC); }
static inline enum xres op_V_SABA(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_saba, SIMD_VEC); }
static inline enum xres op_V_UABA(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_uaba, SIMD_VEC); }
static inline enum xres op_V_ADD(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_add, SIMD_VEC); }
static inline enum xres op_V_SUB(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sub, SIMD_VEC); }
static inline enum xres op_V_CMTST(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cmtst, SIMD_VEC); }
static inline enum xres op_V_CMEQ(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cmeq, SIMD_VEC); }
static inline enum xres op_V_MLA(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_mla, SIMD_VEC); }
static inline enum xres op_V_MLS(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_mls, SIMD_VEC); }
static inline enum xres op_V_MUL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_mul, SIMD_VEC); }
static inline enum xres op_V_PMUL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_pmul, SIMD_VEC); }
static inline enum xres op_V_SQDMULH(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqdmulh, SIMD_VEC); }
static inline enum xres op_V_SQRDMULH(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqrdmulh, SIMD_VEC); }
static inline enum xres op_V_SMAXP(struct cpu *c, const struct insn *i) { return simd_pairwise(c, i, simd_e_smax); }
static inline enum xres op_V_UMAXP(struct cpu *c, const struct insn *i) { return simd_pairwise(c, i, simd_e_umax); }
static inline enum xres op_V_SMINP(struct cpu *c, const struct insn *i) { return simd_pairwise(c, i, simd_e_smin); }
static inline enum xres op_V_UMINP(struct cpu *c, const struct insn *i) { return simd_pairwise(c, i, simd_e_umin); }
static inline enum xres op_V_ADDP(struct cpu *c, const struct insn *i) { return simd_pairwise(c, i, simd_e_add); }
/* ADDP Dd, Vn.2D: the pair is Vn's two lanes */
static inline enum xres op_V_ADDP_S(struct cpu *c, const struct insn *i)
{
    vreg r = {0};
    r.d[0] = c->v[i->rn].d[0] + c->v[i->rn].d[1];
    return simd_write(c, i->rd, &r, false);
}

/* ---- three different: functions get the narrow size s; a is wide for W ---- */
static inline uint64_t simd_e_saddl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)(simd_sx(a, s) + simd_sx(b, s));
}
static inline uint64_t simd_e_uaddl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc) { return a + b; }
static inline uint64_t simd_e_ssubl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)(simd_sx(a, s) - simd_sx(b, s));
}
static inline uint64_t simd_e_usubl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc) { return a - b; }
static inline uint64_t simd_e_saddw(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return a + (uint64_t)simd_sx(b, s);
}
static inline uint64_t simd_e_ssubw(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return a - (uint64_t)simd_sx(b, s);
}
static inline uint64_t simd_e_sabdl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)simd_iabs(simd_sx(a, s) - simd_sx(b, s));
}
static inline uint64_t simd_e_uabdl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return a > b ? a - b : b - a;
}
static inline uint64_t simd_e_sabal(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return d + simd_e_sabdl(a, b, 0, s, qc);
}
static inline uint64_t simd_e_uabal(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return d + simd_e_uabdl(a, b, 0, s, qc);
}
static inline uint64_t simd_e_smull(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)(simd_sx(a, s) * simd_sx(b, s));
}
static inline uint64_t simd_e_umull(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc) { return a * b; }
static inline uint64_t simd_e_smlal(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return d + simd_e_smull(a, b, 0, s, qc);
}
static inline uint64_t simd_e_umlal(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc) { return d + a * b; }
static inline uint64_t simd_e_smlsl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return d - simd_e_smull(a, b, 0, s, qc);
}
static inline uint64_t simd_e_umlsl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc) { return d - a * b; }
/* 2*a*b saturated to the wide size (overflows only for min*min) */
static inline uint64_t simd_e_sqdmull(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_s((__int128)2 * simd_sx(a, s) * simd_sx(b, s), s + 1, qc);
}
static inline uint64_t simd_e_sqdmlal(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    uint64_t p = simd_e_sqdmull(a, b, 0, s, qc);
    return simd_sat_s((__int128)simd_sx(d, s + 1) + simd_sx(p, s + 1), s + 1, qc);
}
static inline uint64_t simd_e_sqdmlsl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    uint64_t p = simd_e_sqdmull(a, b, 0, s, qc);
    return simd_sat_s((__int128)simd_sx(d, s + 1) - simd_sx(p, s + 1), s + 1, qc);
}
static inline uint64_t simd_e_pmull(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_clmul(a, b, s);
}
/* high-half narrowing: a, b wide; s narrow */
static inline uint64_t simd_e_addhn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a + b) >> simd_ebits(s);
}
static inline uint64_t simd_e_raddhn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a + b + (1ull << (simd_ebits(s) - 1))) >> simd_ebits(s);
}
static inline uint64_t simd_e_subhn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a - b) >> simd_ebits(s);
}
static inline uint64_t simd_e_rsubhn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a - b + (1ull << (simd_ebits(s) - 1))) >> simd_ebits(s);
}

static inline enum xres op_V_SADDL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_saddl, SIMD_VEC, false); }
static inline enum xres op_V_UADDL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_uaddl, SIMD_VEC, false); }
static inline enum xres op_V_SADDW(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_saddw, SIMD_VEC, true); }
static inline enum xres op_V_UADDW(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_uaddl, SIMD_VEC, true); }
static inline enum xres op_V_SSUBL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_ssubl, SIMD_VEC, false); }
static inline enum xres op_V_USUBL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_usubl, SIMD_VEC, false); }
static inline enum xres op_V_SSUBW(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_ssubw, SIMD_VEC, true); }
static inline enum xres op_V_USUBW(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_usubl, SIMD_VEC, true); }
static inline enum xres op_V_ADDHN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_addhn, SIMD_VEC); }
static inline enum xres op_V_RADDHN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_raddhn, SIMD_VEC); }
static inline enum xres op_V_SUBHN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_subhn, SIMD_VEC); }
static inline enum xres op_V_RSUBHN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_rsubhn, SIMD_VEC); }
static inline enum xres op_V_SABAL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_sabal, SIMD_VEC, false); }
static inline enum xres op_V_UABAL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_uabal, SIMD_VEC, false); }
static inline enum xres op_V_SABDL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_sabdl, SIMD_VEC, false); }
static inline enum xres op_V_UABDL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_uabdl, SIMD_VEC, false); }
static inline enum xres op_V_SMLAL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_smlal, SIMD_VEC, false); }
static inline enum xres op_V_UMLAL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_umlal, SIMD_VEC, false); }
static inline enum xres op_V_SMLSL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_smlsl, SIMD_VEC, false); }
static inline enum xres op_V_UMLSL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_umlsl, SIMD_VEC, false); }
static inline enum xres op_V_SMULL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_smull, SIMD_VEC, false); }
static inline enum xres op_V_UMULL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_umull, SIMD_VEC, false); }
static inline enum xres op_V_SQDMLAL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_sqdmlal, SIMD_VEC, false); }
static inline enum xres op_V_SQDMLSL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_sqdmlsl, SIMD_VEC, false); }
static inline enum xres op_V_SQDMULL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_sqdmull, SIMD_VEC, false); }
static inline enum xres op_V_PMULL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_pmull, SIMD_VEC, false); }

/* ---- by element ---- */
static inline enum xres op_V_MUL_E(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_mul, SIMD_ELEM); }
static inline enum xres op_V_MLA_E(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_mla, SIMD_ELEM); }
static inline enum xres op_V_MLS_E(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_mls, SIMD_ELEM); }
static inline enum xres op_V_SQDMULH_E(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqdmulh, SIMD_ELEM); }
static inline enum xres op_V_SQRDMULH_E(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqrdmulh, SIMD_ELEM); }
static inline enum xres op_V_SMULL_E(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_smull, SIMD_ELEM, false); }
static inline enum xres op_V_UMULL_E(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_umull, SIMD_ELEM, false); }
static inline enum xres op_V_SMLAL_E(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_smlal, SIMD_ELEM, false); }
static inline enum xres op_V_UMLAL_E(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_umlal, SIMD_ELEM, false); }
static inline enum xres op_V_SMLSL_E(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_smlsl, SIMD_ELEM, false); }
static inline enum xres op_V_UMLSL_E(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_umlsl, SIMD_ELEM, false); }
static inline enum xres op_V_SQDMULL_E(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_sqdmull, SIMD_ELEM, false); }
static inline enum xres op_V_SQDMLAL_E(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_sqdmlal, SIMD_ELEM, false); }
static inline enum xres op_V_SQDMLSL_E(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_sqdmlsl, SIMD_ELEM, false); }

/* ---- two-register misc, element-wise part ---- */
static inline uint64_t simd_e_cls(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    uint64_t v = (uint64_t)simd_sx(a, s);
    v ^= (uint64_t)((int64_t)v >> 1); /* bit k set where bits k and k+1 differ */
    v &= simd_emask(s) >> 1;
    return v ? simd_ebits(s) - 2 - (unsigned)(63 - __builtin_clzll(v)) : simd_ebits(s) - 1;
}
static inline uint64_t simd_e_clz(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return a ? (unsigned)__builtin_clzll(a) - (64 - simd_ebits(s)) : simd_ebits(s);
}
static inline uint64_t simd_e_cnt(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)__builtin_popcountll(a);
}
static inline uint64_t simd_e_not(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return ~a & simd_emask(s);
}
static inline uint64_t simd_e_rbit(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    uint64_t r = 0;
    for (unsigned k = 0; k < simd_ebits(s); k++)
        r |= ((a >> k) & 1) << (simd_ebits(s) - 1 - k);
    return r;
}
static inline uint64_t simd_e_suqadd(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_s((__int128)simd_sx(d, s) + (__int128)a, s, qc);
}
static inline uint64_t simd_e_usqadd(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_u((__int128)d + simd_sx(a, s), s, qc);
}
static inline uint64_t simd_e_sqabs(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    __int128 v = simd_sx(a, s);
    return simd_sat_s(v < 0 ? -v : v, s, qc);
}
static inline uint64_t simd_e_sqneg(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_s(-(__int128)simd_sx(a, s), s, qc);
}
static inline uint64_t simd_e_abs(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (simd_sx(a, s) < 0 ? -a : a) & simd_emask(s);
}
static inline uint64_t simd_e_neg(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return -a & simd_emask(s);
}
static inline uint64_t simd_e_cmgt0(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_all(simd_sx(a, s) > 0, s);
}
static inline uint64_t simd_e_cmge0(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_all(simd_sx(a, s) >= 0, s);
}
static inline uint64_t simd_e_cmeq0(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_all(a == 0, s);
}
static inline uint64_t simd_e_cmle0(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_all(simd_sx(a, s) <= 0, s);
}
static inline uint64_t simd_e_cmlt0(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_all(simd_sx(a, s) < 0, s);
}
/* narrowing: a is the wide lane, s the narrow size */
static inline uint64_t simd_e_xtn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return a & simd_emask(s);
}
static inline uint64_t simd_e_sqxtn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_s(simd_sx(a, s + 1), s, qc);
}
static inline uint64_t simd_e_uqxtn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_u(a, s, qc);
}
static inline uint64_t simd_e_sqxtun(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_u(simd_sx(a, s + 1), s, qc);
}
static inline uint64_t simd_e_shll(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return a << simd_ebits(s);
}

static inline enum xres op_V_SUQADD(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_suqadd, SIMD_VEC); }
static inline enum xres op_V_USQADD(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_usqadd, SIMD_VEC); }
static inline enum xres op_V_CLS(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cls, SIMD_VEC); }
static inline enum xres op_V_CLZ(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_clz, SIMD_VEC); }
static inline enum xres op_V_CNT(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cnt, SIMD_VEC); }
static inline enum xres op_V_NOT(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_not, SIMD_VEC); }
static inline enum xres op_V_RBIT(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_rbit, SIMD_VEC); }
static inline enum xres op_V_SQABS(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqabs, SIMD_VEC); }
static inline enum xres op_V_SQNEG(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqneg, SIMD_VEC); }
static inline enum xres op_V_CMGT0(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cmgt0, SIMD_VEC); }
static inline enum xres op_V_CMGE0(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cmge0, SIMD_VEC); }
static inline enum xres op_V_CMEQ0(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cmeq0, SIMD_VEC); }
static inline enum xres op_V_CMLE0(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cmle0, SIMD_VEC); }
static inline enum xres op_V_CMLT0(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_cmlt0, SIMD_VEC); }
static inline enum xres op_V_ABS(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_abs, SIMD_VEC); }
static inline enum xres op_V_NEG(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_neg, SIMD_VEC); }
static inline enum xres op_V_XTN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_xtn, SIMD_IMM); }
static inline enum xres op_V_SQXTN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_sqxtn, SIMD_IMM); }
static inline enum xres op_V_UQXTN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_uqxtn, SIMD_IMM); }
static inline enum xres op_V_SQXTUN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_sqxtun, SIMD_IMM); }
static inline enum xres op_V_SHLL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_shll, SIMD_IMM, false); }

/* [SU]ADDLP / [SU]ADALP: adjacent pairs of Vn widened and summed into
 * x/2 lanes of twice the size (plus the old lane for the accumulating form). */
static inline enum xres simd_addlp(struct cpu *c, const struct insn *i, bool sgn, bool acc)
{
    vreg r = {0};
    unsigned s = i->size;
    for (unsigned e = 0; e < i->x / 2u; e++) {
        uint64_t a = simd_elt(&c->v[i->rn], s, 2 * e), b = simd_elt(&c->v[i->rn], s, 2 * e + 1);
        uint64_t v = sgn ? (uint64_t)(simd_sx(a, s) + simd_sx(b, s)) : a + b;
        if (acc)
            v += simd_elt(&c->v[i->rd], s + 1, e);
        simd_set(&r, s + 1, e, v);
    }
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres op_V_SADDLP(struct cpu *c, const struct insn *i) { return simd_addlp(c, i, true, false); }
static inline enum xres op_V_UADDLP(struct cpu *c, const struct insn *i) { return simd_addlp(c, i, false, false); }
static inline enum xres op_V_SADALP(struct cpu *c, const struct insn *i) { return simd_addlp(c, i, true, true); }
static inline enum xres op_V_UADALP(struct cpu *c, const struct insn *i) { return simd_addlp(c, i, false, true); }

/* ---- across lanes ---- */
static inline enum xres op_V_ADDV(struct cpu *c, const struct insn *i) { return simd_reduce(c, i, simd_e_add, i->size); }
static inline enum xres op_V_SMAXV(struct cpu *c, const struct insn *i) { return simd_reduce(c, i, simd_e_smax, i->size); }
static inline enum xres op_V_UMAXV(struct cpu *c, const struct insn *i) { return simd_reduce(c, i, simd_e_umax, i->size); }
static inline enum xres op_V_SMINV(struct cpu *c, const struct insn *i) { return simd_reduce(c, i, simd_e_smin, i->size); }
static inline enum xres op_V_UMINV(struct cpu *c, const struct insn *i) { return simd_reduce(c, i, simd_e_umin, i->size); }
/* [SU]ADDLV: the sum of all lanes in twice the element size */
static inline enum xres simd_addlv(struct cpu *c, const struct insn *i, bool sgn)
{
    vreg r = {0};
    uint64_t sum = 0;
    for (unsigned e = 0; e < i->x; e++) {
        uint64_t a = simd_elt(&c->v[i->rn], i->size, e);
        sum += sgn ? (uint64_t)simd_sx(a, i->size) : a;
    }
    simd_set(&r, i->size + 1u, 0, sum & simd_emask(i->size + 1u));
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres op_V_SADDLV(struct cpu *c, const struct insn *i) { return simd_addlv(c, i, true); }
static inline enum xres op_V_UADDLV(struct cpu *c, const struct insn *i) { return simd_addlv(c, i, false); }

#endif

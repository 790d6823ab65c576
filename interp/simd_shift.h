/* Advanced SIMD shift by immediate, vector and scalar: right shifts with
 * optional rounding and accumulation, inserts, saturating left shifts and
 * the narrowing/widening forms. The decoder already turned immh:immb into
 * the shift amount (i->imm; 1..esize for right, 0..esize-1 for left), which
 * reaches the element functions as b through SIMD_IMM. */
#ifndef PVM_INTERP_SIMD_SHIFT_H
#define PVM_INTERP_SIMD_SHIFT_H

static inline uint64_t simd_e_sshr(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, -(int)b, s, true, false, false, qc);
}
static inline uint64_t simd_e_ushr(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, -(int)b, s, false, false, false, qc);
}
static inline uint64_t simd_e_srshr(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, -(int)b, s, true, true, false, qc);
}
static inline uint64_t simd_e_urshr(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, -(int)b, s, false, true, false, qc);
}
static inline uint64_t simd_e_ssra(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (d + simd_e_sshr(a, b, 0, s, qc)) & simd_emask(s);
}
static inline uint64_t simd_e_usra(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (d + simd_e_ushr(a, b, 0, s, qc)) & simd_emask(s);
}
static inline uint64_t simd_e_srsra(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (d + simd_e_srshr(a, b, 0, s, qc)) & simd_emask(s);
}
static inline uint64_t simd_e_ursra(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (d + simd_e_urshr(a, b, 0, s, qc)) & simd_emask(s);
}
/* SRI keeps the top b bits of d; a shift by esize keeps all of d */
static inline uint64_t simd_e_sri(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    if (b >= simd_ebits(s))
        return d;
    uint64_t m = simd_emask(s) >> b;
    return (d & ~m) | (a >> b);
}
static inline uint64_t simd_e_shl(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (a << b) & simd_emask(s);
}
static inline uint64_t simd_e_sli(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    uint64_t m = (simd_emask(s) << b) & simd_emask(s);
    return (d & ~m) | ((a << b) & m);
}
static inline uint64_t simd_e_sqshl_i(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, (int)b, s, true, false, true, qc);
}
static inline uint64_t simd_e_uqshl_i(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_shift(a, (int)b, s, false, false, true, qc);
}
/* signed input, unsigned saturation: negative inputs give 0 */
static inline uint64_t simd_e_sqshlu(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    if (simd_sx(a, s) < 0) {
        *qc = true;
        return 0;
    }
    return simd_shift(a, (int)b, s, false, false, true, qc);
}
/* narrowing right shifts: a is the wide lane, s the narrow size */
static inline __int128 simd_nshr(uint64_t a, uint64_t b, unsigned s, bool sgn, bool rnd)
{
    __int128 v = sgn ? (__int128)simd_sx(a, s + 1) : (__int128)a;
    return simd_shr128(v, (unsigned)b, rnd);
}
static inline uint64_t simd_e_shrn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)simd_nshr(a, b, s, false, false) & simd_emask(s);
}
static inline uint64_t simd_e_rshrn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)simd_nshr(a, b, s, false, true) & simd_emask(s);
}
static inline uint64_t simd_e_sqshrn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_s(simd_nshr(a, b, s, true, false), s, qc);
}
static inline uint64_t simd_e_sqrshrn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_s(simd_nshr(a, b, s, true, true), s, qc);
}
static inline uint64_t simd_e_uqshrn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_u(simd_nshr(a, b, s, false, false), s, qc);
}
static inline uint64_t simd_e_uqrshrn(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_u(simd_nshr(a, b, s, false, true), s, qc);
}
static inline uint64_t simd_e_sqshrun(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_u(simd_nshr(a, b, s, true, false), s, qc);
}
static inline uint64_t simd_e_sqrshrun(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return simd_sat_u(simd_nshr(a, b, s, true, true), s, qc);
}
/* widening left shifts: a is the narrow lane */
static inline uint64_t simd_e_sshll(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return (uint64_t)simd_sx(a, s) << b;
}
static inline uint64_t simd_e_ushll(uint64_t a, uint64_t b, uint64_t d, unsigned s, bool *qc)
{
    return a << b;
}

static inline enum xres op_V_SSHR(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sshr, SIMD_IMM); }
static inline enum xres op_V_USHR(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_ushr, SIMD_IMM); }
static inline enum xres op_V_SRSHR(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_srshr, SIMD_IMM); }
static inline enum xres op_V_URSHR(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_urshr, SIMD_IMM); }
static inline enum xres op_V_SSRA(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_ssra, SIMD_IMM); }
static inline enum xres op_V_USRA(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_usra, SIMD_IMM); }
static inline enum xres op_V_SRSRA(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_srsra, SIMD_IMM); }
static inline enum xres op_V_URSRA(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_ursra, SIMD_IMM); }
static inline enum xres op_V_SRI(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sri, SIMD_IMM); }
static inline enum xres op_V_SHL(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_shl, SIMD_IMM); }
static inline enum xres op_V_SLI(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sli, SIMD_IMM); }
static inline enum xres op_V_SQSHLU(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqshlu, SIMD_IMM); }
static inline enum xres op_V_SQSHL_I(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_sqshl_i, SIMD_IMM); }
static inline enum xres op_V_UQSHL_I(struct cpu *c, const struct insn *i) { return simd_map(c, i, simd_e_uqshl_i, SIMD_IMM); }
static inline enum xres op_V_SHRN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_shrn, SIMD_IMM); }
static inline enum xres op_V_RSHRN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_rshrn, SIMD_IMM); }
static inline enum xres op_V_SQSHRUN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_sqshrun, SIMD_IMM); }
static inline enum xres op_V_SQRSHRUN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_sqrshrun, SIMD_IMM); }
static inline enum xres op_V_SQSHRN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_sqshrn, SIMD_IMM); }
static inline enum xres op_V_SQRSHRN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_sqrshrn, SIMD_IMM); }
static inline enum xres op_V_UQSHRN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_uqshrn, SIMD_IMM); }
static inline enum xres op_V_UQRSHRN(struct cpu *c, const struct insn *i) { return simd_narrow(c, i, simd_e_uqrshrn, SIMD_IMM); }
static inline enum xres op_V_SSHLL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_sshll, SIMD_IMM, false); }
static inline enum xres op_V_USHLL(struct cpu *c, const struct insn *i) { return simd_long(c, i, simd_e_ushll, SIMD_IMM, false); }

#endif

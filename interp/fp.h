/* Scalar floating point. Every operation is the shared FP element layer of
 * interp/simd_fp.h (sfp_*: FPCR rounding, FZ, DN, Arm NaN rules, FPSR
 * flags), applied to lane 0; the arithmetic ops first try interp/fp_fast.h,
 * which gives the same result and flags without touching MXCSR in the
 * common case (round to nearest, no FZ, no NaN, nothing tiny). Scalar
 * results zero the rest of the 128-bit register, and raised flags are
 * or-ed into FPSR (they are cumulative). MXCSR policy: interp/fpu.h. */
#ifndef PVM_INTERP_FP_H
#define PVM_INTERP_FP_H
#include "core/cpu.h"
#include "interp/alu.h"
#include "interp/fp_fast.h"
#include "interp/insn.h"
#include "interp/simd.h"

static inline struct sfp fp_ctx(const struct cpu *c) { return (struct sfp){c->fpcr, 0}; }

static inline uint64_t fp_get(const struct cpu *c, unsigned r, unsigned size)
{
    switch (size) {
    case 1: return c->v[r].h[0];
    case 2: return c->v[r].s[0];
    default: return c->v[r].d[0];
    }
}

static inline enum xres fp_put(struct cpu *c, unsigned rd, uint64_t v, const struct sfp *fx)
{
    vreg r = {0};
    r.d[0] = v;
    c->v[rd] = r;
    c->fpsr |= fx->flags;
    return X_NEXT;
}

/* one-operand element function */
static inline enum xres fp_un(struct cpu *c, const struct insn *i, sfp_efn f)
{
    struct sfp fx = fp_ctx(c);
    uint64_t r = f(fp_get(c, i->rn, i->size), 0, 0, i->size, &fx);
    return fp_put(c, i->rd, r, &fx);
}

static inline enum xres fp_bin(struct cpu *c, const struct insn *i, sfp_efn f)
{
    struct sfp fx = fp_ctx(c);
    uint64_t r = f(fp_get(c, i->rn, i->size), fp_get(c, i->rm, i->size), 0, i->size, &fx);
    return fp_put(c, i->rd, r, &fx);
}

/* the fast path of interp/fp_fast.h when FPCR and the operands allow it */
static inline bool fp_fast(struct cpu *c, unsigned rd, enum fpf_op op, unsigned s, uint64_t a, uint64_t b, uint64_t d,
                           uint64_t flip)
{
    uint64_t r;
    uint32_t flags;
    if (!fpf_usable(c->fpcr) || !fpf_run(op, s, a, b, d, &r, &flags))
        return false;
    vreg v = {0};
    v.d[0] = r ^ flip;
    c->v[rd] = v;
    c->fpsr |= flags;
    return true;
}
static inline enum xres fp_bin_fast(struct cpu *c, const struct insn *i, enum fpf_op op, sfp_efn f)
{
    if (fp_fast(c, i->rd, op, i->size, fp_get(c, i->rn, i->size), fp_get(c, i->rm, i->size), 0, 0))
        return X_NEXT;
    return fp_bin(c, i, f);
}

static inline enum xres op_FMOV_R(struct cpu *c, const struct insn *i)
{
    struct sfp fx = fp_ctx(c);
    return fp_put(c, i->rd, fp_get(c, i->rn, i->size), &fx);
}
static inline enum xres op_FABS(struct cpu *c, const struct insn *i) { return fp_un(c, i, sfp_e_fabs); }
static inline enum xres op_FNEG(struct cpu *c, const struct insn *i) { return fp_un(c, i, sfp_e_fneg); }
static inline enum xres op_FSQRT(struct cpu *c, const struct insn *i)
{
    if (fp_fast(c, i->rd, FPF_SQRT, i->size, fp_get(c, i->rn, i->size), 0, 0, 0))
        return X_NEXT;
    return fp_un(c, i, sfp_e_fsqrt);
}
static inline enum xres op_FRINTN(struct cpu *c, const struct insn *i) { return fp_un(c, i, sfp_e_frintn); }
static inline enum xres op_FRINTP(struct cpu *c, const struct insn *i) { return fp_un(c, i, sfp_e_frintp); }
static inline enum xres op_FRINTM(struct cpu *c, const struct insn *i) { return fp_un(c, i, sfp_e_frintm); }
static inline enum xres op_FRINTZ(struct cpu *c, const struct insn *i) { return fp_un(c, i, sfp_e_frintz); }
static inline enum xres op_FRINTA(struct cpu *c, const struct insn *i) { return fp_un(c, i, sfp_e_frinta); }
static inline enum xres op_FRINTX(struct cpu *c, const struct insn *i) { return fp_un(c, i, sfp_e_frintx); }
static inline enum xres op_FRINTI(struct cpu *c, const struct insn *i) { return fp_un(c, i, sfp_e_frinti); }

static inline enum xres op_FMUL(struct cpu *c, const struct insn *i) { return fp_bin_fast(c, i, FPF_MUL, sfp_e_fmul); }
static inline enum xres op_FDIV(struct cpu *c, const struct insn *i) { return fp_bin_fast(c, i, FPF_DIV, sfp_e_fdiv); }
static inline enum xres op_FADD(struct cpu *c, const struct insn *i) { return fp_bin_fast(c, i, FPF_ADD, sfp_e_fadd); }
static inline enum xres op_FSUB(struct cpu *c, const struct insn *i) { return fp_bin_fast(c, i, FPF_SUB, sfp_e_fsub); }
static inline enum xres op_FMAX(struct cpu *c, const struct insn *i) { return fp_bin(c, i, sfp_e_fmax); }
static inline enum xres op_FMIN(struct cpu *c, const struct insn *i) { return fp_bin(c, i, sfp_e_fmin); }
static inline enum xres op_FMAXNM(struct cpu *c, const struct insn *i) { return fp_bin(c, i, sfp_e_fmaxnm); }
static inline enum xres op_FMINNM(struct cpu *c, const struct insn *i) { return fp_bin(c, i, sfp_e_fminnm); }
/* FNMUL negates the rounded product (FPNeg flips a NaN's sign too) */
static inline enum xres op_FNMUL(struct cpu *c, const struct insn *i)
{
    uint64_t a = fp_get(c, i->rn, i->size), b = fp_get(c, i->rm, i->size);
    if (fp_fast(c, i->rd, FPF_MUL, i->size, a, b, 0, sfp_signbit(i->size)))
        return X_NEXT;
    struct sfp fx = fp_ctx(c);
    uint64_t r = sfp_e_fmul(a, b, 0, i->size, &fx);
    return fp_put(c, i->rd, r ^ sfp_signbit(i->size), &fx);
}

/* FMADD d = a + n*m; FMSUB d = a - n*m; FNMADD d = -a - n*m; FNMSUB d = -a + n*m.
 * Negations apply to the operands before the fused operation (FPMulAdd);
 * sfp_muladd(fx, addend, n, m) keeps Arm's NaN operand order (a, n, m). */
static inline enum xres fp_madd(struct cpu *c, const struct insn *i, bool neg_a, bool neg_p)
{
    struct sfp fx = fp_ctx(c);
    unsigned s = i->size;
    uint64_t a = fp_get(c, i->ra, s), n = fp_get(c, i->rn, s), m = fp_get(c, i->rm, s);
    if (neg_a)
        a ^= sfp_signbit(s);
    if (neg_p)
        n ^= sfp_signbit(s);
    if (fp_fast(c, i->rd, FPF_FMA, s, n, m, a, 0))
        return X_NEXT;
    return fp_put(c, i->rd, sfp_muladd(&fx, a, n, m, s), &fx);
}
static inline enum xres op_FMADD(struct cpu *c, const struct insn *i) { return fp_madd(c, i, false, false); }
static inline enum xres op_FMSUB(struct cpu *c, const struct insn *i) { return fp_madd(c, i, false, true); }
static inline enum xres op_FNMADD(struct cpu *c, const struct insn *i) { return fp_madd(c, i, true, true); }
static inline enum xres op_FNMSUB(struct cpu *c, const struct insn *i) { return fp_madd(c, i, true, false); }

/* FPCompare -> NZCV: unordered 0011 (IOC for a signalling NaN, or any NaN
 * when signalling), equal 0110, less 1000, greater 0010 */
static inline uint32_t fp_compare(struct sfp *fx, uint64_t a, uint64_t b, unsigned s, bool signal)
{
    a = sfp_in(fx, a, s);
    b = sfp_in(fx, b, s);
    if (sfp_isnan(a, s) || sfp_isnan(b, s)) {
        if (signal || sfp_issnan(a, s) || sfp_issnan(b, s))
            fx->flags |= SFP_IOC;
        return NZCV_C | NZCV_V;
    }
    double x = sfp_tod(a, s), y = sfp_tod(b, s);
    if (x == y)
        return NZCV_Z | NZCV_C;
    return x < y ? NZCV_N : NZCV_C;
}

static inline enum xres op_FCMP(struct cpu *c, const struct insn *i)
{
    struct sfp fx = fp_ctx(c);
    uint64_t b = i->y ? 0 : fp_get(c, i->rm, i->size);
    c->nzcv = fp_compare(&fx, fp_get(c, i->rn, i->size), b, i->size, i->x);
    c->fpsr |= fx.flags;
    return X_NEXT;
}

static inline enum xres op_FCCMP(struct cpu *c, const struct insn *i)
{
    if (!cond_holds(c->nzcv, i->cond)) {
        c->nzcv = (uint32_t)i->imm;
        return X_NEXT;
    }
    struct sfp fx = fp_ctx(c);
    c->nzcv = fp_compare(&fx, fp_get(c, i->rn, i->size), fp_get(c, i->rm, i->size), i->size, i->x);
    c->fpsr |= fx.flags;
    return X_NEXT;
}

static inline enum xres op_FCSEL(struct cpu *c, const struct insn *i)
{
    struct sfp fx = fp_ctx(c);
    unsigned r = cond_holds(c->nzcv, i->cond) ? i->rn : i->rm;
    return fp_put(c, i->rd, fp_get(c, r, i->size), &fx);
}

static inline enum xres op_FMOV_I(struct cpu *c, const struct insn *i)
{
    struct sfp fx = fp_ctx(c);
    return fp_put(c, i->rd, i->imm2, &fx);
}

/* FCVT between precisions; D -> H goes through single with round-to-odd,
 * which makes the second rounding exact (single has 13 more bits than half).
 * The intermediate step runs without FZ and DN: FZ applies to the double
 * input (flushed here, IDC) but not to the half result, and a tiny double
 * must stay non-zero in single for the half rounding to see it. */
static inline enum xres op_FCVT(struct cpu *c, const struct insn *i)
{
    struct sfp fx = fp_ctx(c);
    uint64_t a = fp_get(c, i->rn, i->size), r;
    switch (i->size * 4 + i->x) {
    case 2 * 4 + 3: r = sfp_s2d(&fx, a); break;
    case 3 * 4 + 2: r = sfp_d2s(&fx, a, false); break;
    case 2 * 4 + 1: r = sfp_s2h(&fx, a); break;
    case 1 * 4 + 2: r = sfp_h2s(&fx, a); break;
    case 1 * 4 + 3: r = sfp_s2d(&fx, sfp_h2s(&fx, a)); break;
    default: { /* D -> H */
        a = sfp_in(&fx, a, 3);
        if (sfp_isnan(a, 3)) {
            r = sfp_s2h(&fx, sfp_d2s(&fx, a, false));
            break;
        }
        struct sfp raw = {fx.fpcr & ~(uint32_t)(SFP_FPCR_DN | SFP_FPCR_FZ), 0};
        r = sfp_s2h(&raw, sfp_d2s(&raw, a, true));
        fx.flags |= raw.flags; /* a tiny single is a tiny, inexact half too */
        break;
    }
    }
    return fp_put(c, i->rd, r, &fx);
}

static inline enum xres fp_from_int(struct cpu *c, const struct insn *i, unsigned fbits)
{
    struct sfp fx = fp_ctx(c);
    uint64_t r = sfp_fromint_n(&fx, c->x[i->rn], i->sf ? 64 : 32, i->size, i->amt, fbits);
    return fp_put(c, i->rd, r, &fx);
}

static inline enum xres fp_to_int(struct cpu *c, const struct insn *i, unsigned mode, unsigned fbits)
{
    struct sfp fx = fp_ctx(c);
    uint64_t r = sfp_toint_n(&fx, fp_get(c, i->rn, i->size), i->size, i->sf ? 64 : 32, mode, i->amt, fbits);
    c->x[i->rd] = r;
    c->fpsr |= fx.flags;
    return X_NEXT;
}

static inline enum xres op_SCVTF_FIX(struct cpu *c, const struct insn *i) { return fp_from_int(c, i, (unsigned)i->imm); }
static inline enum xres op_UCVTF_FIX(struct cpu *c, const struct insn *i) { return fp_from_int(c, i, (unsigned)i->imm); }
static inline enum xres op_FCVTZS_FIX(struct cpu *c, const struct insn *i) { return fp_to_int(c, i, SFP_RZ, (unsigned)i->imm); }
static inline enum xres op_FCVTZU_FIX(struct cpu *c, const struct insn *i) { return fp_to_int(c, i, SFP_RZ, (unsigned)i->imm); }
static inline enum xres op_SCVTF_I(struct cpu *c, const struct insn *i) { return fp_from_int(c, i, 0); }
static inline enum xres op_UCVTF_I(struct cpu *c, const struct insn *i) { return fp_from_int(c, i, 0); }
/* opt: 0 N, 1 P, 2 M, 3 Z (the rmode field), 4 A — the SFP_R* order differs */
static inline unsigned fp_rmode_of(unsigned opt)
{
    static const unsigned m[5] = {SFP_RN, SFP_RP, SFP_RM, SFP_RZ, SFP_RA};
    return m[opt];
}
static inline enum xres op_FCVT_TOINT(struct cpu *c, const struct insn *i) { return fp_to_int(c, i, fp_rmode_of(i->opt), 0); }
static inline enum xres op_FCVTA_TOINT(struct cpu *c, const struct insn *i) { return fp_to_int(c, i, SFP_RA, 0); }

static inline enum xres op_FMOV_TOGEN(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = fp_get(c, i->rn, i->size);
    return X_NEXT;
}
static inline enum xres op_FMOV_FROMGEN(struct cpu *c, const struct insn *i)
{
    uint64_t v = c->x[i->rn];
    vreg r = {0};
    r.d[0] = i->size == 2 ? (uint32_t)v : v;
    c->v[i->rd] = r;
    return X_NEXT;
}
static inline enum xres op_FMOV_TOGEN_HI(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = c->v[i->rn].d[1];
    return X_NEXT;
}
/* writes only the top half: the low half is kept */
static inline enum xres op_FMOV_FROMGEN_HI(struct cpu *c, const struct insn *i)
{
    c->v[i->rd].d[1] = c->x[i->rn];
    return X_NEXT;
}

#endif

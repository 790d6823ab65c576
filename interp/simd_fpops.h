/* Advanced SIMD floating point: precision conversions (FCVTL/FCVTN/FCVTXN,
 * including half precision), the lane loops that carry an FP context, and
 * the op_V_F* routines. Loops compute into a temporary, write Vd once and
 * then or the raised exception bits into FPSR (they are cumulative). */
#ifndef PVM_INTERP_SIMD_FPOPS_H
#define PVM_INTERP_SIMD_FPOPS_H

/* ---- precision conversions ---- */
static inline uint64_t sfp_h2s(struct sfp *fx, uint64_t h)
{
    uint32_t sign = (uint32_t)(h & 0x8000) << 16, e = (h >> 10) & 0x1f, m = h & 0x3ff;
    if (e == 0x1f) {
        if (!m)
            return sign | 0x7f800000u;
        if (!(m & 0x200)) {
            fx->flags |= SFP_IOC;
            m |= 0x200;
        }
        return (fx->fpcr & SFP_FPCR_DN) ? 0x7fc00000u : sign | 0x7f800000u | m << 13;
    }
    if (e == 0) {
        if (!m)
            return sign;
        int ue = -14;
        while (!(m & 0x400)) {
            m <<= 1;
            ue--;
        }
        return sign | (uint32_t)(ue + 127) << 23 | (m & 0x3ff) << 13;
    }
    return sign | (e - 15 + 127) << 23 | m << 13;
}
/* single -> half, rounding per FPCR (no FZ16: half outputs are not flushed) */
static inline uint64_t sfp_s2h(struct sfp *fx, uint64_t a)
{
    a = sfp_in(fx, a, 2);
    uint32_t sign = (uint32_t)(a >> 16) & 0x8000;
    if (sfp_isnan(a, 2)) {
        a = sfp_nan1(fx, a, 2);
        return (fx->fpcr & SFP_FPCR_DN) ? 0x7e00 : sign | 0x7c00 | ((a >> 13) & 0x3ff);
    }
    if (sfp_isinf(a, 2))
        return sign | 0x7c00;
    if (sfp_iszero(a, 2))
        return sign;
    int e = (int)((a >> 23) & 0xff), ue;
    uint64_t m = a & 0x7fffff;
    if (e == 0) {
        ue = -126;
    } else {
        m |= 0x800000;
        ue = e - 127;
    }
    while (!(m & 0x800000)) {
        m <<= 1;
        ue--;
    }
    int he = ue + 15;
    unsigned shift = 13;
    if (he < 1) {
        shift += (unsigned)(1 - he);
        he = 0;
    }
    if (shift > 40)
        shift = 40;
    uint64_t q = m >> shift, rem = m & ((1ull << shift) - 1), halfv = 1ull << (shift - 1);
    bool neg = sign != 0;
    unsigned mode = sfp_rmode(fx);
    if (rem) {
        if ((mode == SFP_RN && (rem > halfv || (rem == halfv && (q & 1)))) || (mode == SFP_RP && !neg) ||
            (mode == SFP_RM && neg))
            q++;
        fx->flags |= SFP_IXC;
    }
    if (he == 0) {
        if (rem)
            fx->flags |= SFP_UFC;
        return sign | q;
    }
    if (q == 0x800) {
        q = 0x400;
        he++;
    }
    if (he > 30) {
        bool to_inf = mode == SFP_RN || (mode == SFP_RP && !neg) || (mode == SFP_RM && neg);
        fx->flags |= SFP_OFC | SFP_IXC;
        return sign | (to_inf ? 0x7c00u : 0x7bffu);
    }
    return sign | (uint32_t)he << 10 | (q & 0x3ff);
}
static inline uint64_t sfp_s2d(struct sfp *fx, uint64_t a)
{
    a = sfp_in(fx, a, 2);
    if (sfp_isnan(a, 2)) {
        a = sfp_nan1(fx, a, 2);
        return (a & 0x80000000u) << 32 | 0x7ff0000000000000ull | (a & 0x7fffff) << 29;
    }
    return sfp_fromd(sfp_tod(a, 2));
}
/* double -> single per FPCR, or with round-to-odd (FCVTXN) */
static inline uint64_t sfp_d2s(struct sfp *fx, uint64_t a, bool odd)
{
    a = sfp_in(fx, a, 3);
    if (sfp_isnan(a, 3)) {
        a = sfp_nan1(fx, a, 3);
        return (a >> 32 & 0x80000000u) | 0x7f800000u | ((a >> 29) & 0x7fffff);
    }
    uint32_t old = sfp_mx_begin(odd ? SFP_RZ : sfp_rmode(fx));
    volatile double x = sfp_tod(a, 3);
    volatile float v = (float)x;
    uint64_t r = sfp_fromf(v);
    uint32_t f = sfp_mx_end(old);
    if (odd && (f & SFP_IXC))
        r |= 1;
    if ((f & SFP_IXC) && sfp_abs(r, 2) == sfp_minnormal(2)) {
        uint32_t o2 = sfp_mx_begin(SFP_RZ_MODE);
        volatile float vz = (float)x;
        uint64_t rz = sfp_fromf(vz);
        sfp_mx_end(o2);
        f = sfp_tiny_fixup(r, rz, f, 2);
    }
    return sfp_out(fx, r, f, 2);
}

/* ---- lane loops with an FP context ---- */
static inline enum xres sfp_write(struct cpu *c, unsigned rd, const vreg *r, const struct sfp *fx)
{
    c->v[rd] = *r;
    c->fpsr |= fx->flags;
    return X_NEXT;
}
static inline enum xres sfp_map(struct cpu *c, const struct insn *i, sfp_efn f, enum simd_bmode bm)
{
    vreg r = {0};
    struct sfp fx = {c->fpcr, 0};
    unsigned sz = i->size;
    for (unsigned e = 0; e < i->x; e++)
        simd_set(&r, sz, e,
                 f(simd_elt(&c->v[i->rn], sz, e), simd_opb(c, i, bm, sz, e), simd_elt(&c->v[i->rd], sz, e), sz, &fx));
    return sfp_write(c, i->rd, &r, &fx);
}
/* pairwise over Vm:Vn, as simd_pairwise */
static inline enum xres sfp_pairwise(struct cpu *c, const struct insn *i, sfp_efn f)
{
    vreg r = {0};
    struct sfp fx = {c->fpcr, 0};
    unsigned sz = i->size, n = i->x;
    for (unsigned e = 0; e < n; e++) {
        const vreg *src = 2 * e < n ? &c->v[i->rn] : &c->v[i->rm];
        unsigned k = (2 * e) % n;
        simd_set(&r, sz, e, f(simd_elt(src, sz, k), simd_elt(src, sz, k + 1), 0, sz, &fx));
    }
    return sfp_write(c, i->rd, &r, &fx);
}
/* scalar pairwise: lanes 0 and 1 of Vn */
static inline enum xres sfp_pair_scalar(struct cpu *c, const struct insn *i, sfp_efn f)
{
    vreg r = {0};
    struct sfp fx = {c->fpcr, 0};
    simd_set(&r, i->size, 0, f(simd_elt(&c->v[i->rn], i->size, 0), simd_elt(&c->v[i->rn], i->size, 1), 0, i->size, &fx));
    return sfp_write(c, i->rd, &r, &fx);
}
/* across 4 lanes, reduced as a tree like the Arm Reduce() pseudocode */
static inline enum xres sfp_reduce4(struct cpu *c, const struct insn *i, sfp_efn f)
{
    vreg r = {0};
    struct sfp fx = {c->fpcr, 0};
    const vreg *n = &c->v[i->rn];
    uint64_t lo = f(n->s[0], n->s[1], 0, 2, &fx), hi = f(n->s[2], n->s[3], 0, 2, &fx);
    r.s[0] = (uint32_t)f(lo, hi, 0, 2, &fx);
    return sfp_write(c, i->rd, &r, &fx);
}

/* ---- three same ---- */
static inline enum xres op_V_FMAXNM(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fmaxnm, SIMD_VEC); }
static inline enum xres op_V_FMINNM(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fminnm, SIMD_VEC); }
static inline enum xres op_V_FMLA(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fmla, SIMD_VEC); }
static inline enum xres op_V_FMLS(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fmls, SIMD_VEC); }
static inline enum xres op_V_FADD(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fadd, SIMD_VEC); }
static inline enum xres op_V_FSUB(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fsub, SIMD_VEC); }
static inline enum xres op_V_FMULX(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fmulx, SIMD_VEC); }
static inline enum xres op_V_FCMEQ(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcmeq, SIMD_VEC); }
static inline enum xres op_V_FMAX(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fmax, SIMD_VEC); }
static inline enum xres op_V_FMIN(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fmin, SIMD_VEC); }
static inline enum xres op_V_FRECPS(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frecps, SIMD_VEC); }
static inline enum xres op_V_FRSQRTS(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frsqrts, SIMD_VEC); }
static inline enum xres op_V_FMAXNMP(struct cpu *c, const struct insn *i) { return sfp_pairwise(c, i, sfp_e_fmaxnm); }
static inline enum xres op_V_FMINNMP(struct cpu *c, const struct insn *i) { return sfp_pairwise(c, i, sfp_e_fminnm); }
static inline enum xres op_V_FADDP(struct cpu *c, const struct insn *i) { return sfp_pairwise(c, i, sfp_e_fadd); }
static inline enum xres op_V_FABD(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fabd, SIMD_VEC); }
static inline enum xres op_V_FMUL(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fmul, SIMD_VEC); }
static inline enum xres op_V_FCMGE(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcmge, SIMD_VEC); }
static inline enum xres op_V_FCMGT(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcmgt, SIMD_VEC); }
static inline enum xres op_V_FACGE(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_facge, SIMD_VEC); }
static inline enum xres op_V_FACGT(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_facgt, SIMD_VEC); }
static inline enum xres op_V_FMAXP(struct cpu *c, const struct insn *i) { return sfp_pairwise(c, i, sfp_e_fmax); }
static inline enum xres op_V_FMINP(struct cpu *c, const struct insn *i) { return sfp_pairwise(c, i, sfp_e_fmin); }
static inline enum xres op_V_FDIV(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fdiv, SIMD_VEC); }

/* ---- two-register misc ---- */
static inline enum xres op_V_FRINTN(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frintn, SIMD_VEC); }
static inline enum xres op_V_FRINTM(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frintm, SIMD_VEC); }
static inline enum xres op_V_FRINTP(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frintp, SIMD_VEC); }
static inline enum xres op_V_FRINTZ(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frintz, SIMD_VEC); }
static inline enum xres op_V_FRINTA(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frinta, SIMD_VEC); }
static inline enum xres op_V_FRINTX(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frintx, SIMD_VEC); }
static inline enum xres op_V_FRINTI(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frinti, SIMD_VEC); }
static inline enum xres op_V_FCVTNS(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtns, SIMD_IMM); }
static inline enum xres op_V_FCVTMS(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtms, SIMD_IMM); }
static inline enum xres op_V_FCVTAS(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtas, SIMD_IMM); }
static inline enum xres op_V_FCVTPS(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtps, SIMD_IMM); }
static inline enum xres op_V_FCVTZS(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtzs, SIMD_IMM); }
static inline enum xres op_V_FCVTNU(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtnu, SIMD_IMM); }
static inline enum xres op_V_FCVTMU(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtmu, SIMD_IMM); }
static inline enum xres op_V_FCVTAU(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtau, SIMD_IMM); }
static inline enum xres op_V_FCVTPU(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtpu, SIMD_IMM); }
static inline enum xres op_V_FCVTZU(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtzu, SIMD_IMM); }
static inline enum xres op_V_SCVTF(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_scvtf, SIMD_IMM); }
static inline enum xres op_V_UCVTF(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_ucvtf, SIMD_IMM); }
static inline enum xres op_V_FCMGT0(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcmgt0, SIMD_VEC); }
static inline enum xres op_V_FCMEQ0(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcmeq0, SIMD_VEC); }
static inline enum xres op_V_FCMLT0(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcmlt0, SIMD_VEC); }
static inline enum xres op_V_FCMGE0(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcmge0, SIMD_VEC); }
static inline enum xres op_V_FCMLE0(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcmle0, SIMD_VEC); }
static inline enum xres op_V_FABS(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fabs, SIMD_VEC); }
static inline enum xres op_V_FNEG(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fneg, SIMD_VEC); }
static inline enum xres op_V_FSQRT(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fsqrt, SIMD_VEC); }
static inline enum xres op_V_URECPE(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_urecpe, SIMD_VEC); }
static inline enum xres op_V_URSQRTE(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_ursqrte, SIMD_VEC); }
static inline enum xres op_V_FRECPE(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frecpe, SIMD_VEC); }
static inline enum xres op_V_FRSQRTE(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frsqrte, SIMD_VEC); }
static inline enum xres op_V_FRECPX(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_frecpx, SIMD_VEC); }

/* FCVTN/FCVTXN: wide lane e -> narrow lane amt+e (the "2" forms keep Vd's low half) */
static inline enum xres sfp_narrow(struct cpu *c, const struct insn *i, bool odd)
{
    vreg r = {0};
    struct sfp fx = {c->fpcr, 0};
    if (i->amt)
        r.d[0] = c->v[i->rd].d[0];
    for (unsigned e = 0; e < i->x; e++) {
        uint64_t a = simd_elt(&c->v[i->rn], i->size + 1u, e);
        simd_set(&r, i->size, i->amt + e, i->size == 1 ? sfp_s2h(&fx, a) : sfp_d2s(&fx, a, odd));
    }
    return sfp_write(c, i->rd, &r, &fx);
}
static inline enum xres op_V_FCVTN(struct cpu *c, const struct insn *i) { return sfp_narrow(c, i, false); }
static inline enum xres op_V_FCVTXN(struct cpu *c, const struct insn *i) { return sfp_narrow(c, i, true); }
/* FCVTL: narrow lane amt+e -> wide lane e (exact) */
static inline enum xres op_V_FCVTL(struct cpu *c, const struct insn *i)
{
    vreg r = {0};
    struct sfp fx = {c->fpcr, 0};
    for (unsigned e = 0; e < i->x; e++) {
        uint64_t a = simd_elt(&c->v[i->rn], i->size, i->amt + e);
        simd_set(&r, i->size + 1u, e, i->size == 1 ? sfp_h2s(&fx, a) : sfp_s2d(&fx, a));
    }
    return sfp_write(c, i->rd, &r, &fx);
}

/* ---- across lanes, scalar pairwise ---- */
static inline enum xres op_V_FMAXNMV(struct cpu *c, const struct insn *i) { return sfp_reduce4(c, i, sfp_e_fmaxnm); }
static inline enum xres op_V_FMINNMV(struct cpu *c, const struct insn *i) { return sfp_reduce4(c, i, sfp_e_fminnm); }
static inline enum xres op_V_FMAXV(struct cpu *c, const struct insn *i) { return sfp_reduce4(c, i, sfp_e_fmax); }
static inline enum xres op_V_FMINV(struct cpu *c, const struct insn *i) { return sfp_reduce4(c, i, sfp_e_fmin); }
static inline enum xres op_V_FMAXNMP_S(struct cpu *c, const struct insn *i) { return sfp_pair_scalar(c, i, sfp_e_fmaxnm); }
static inline enum xres op_V_FMINNMP_S(struct cpu *c, const struct insn *i) { return sfp_pair_scalar(c, i, sfp_e_fminnm); }
static inline enum xres op_V_FADDP_S(struct cpu *c, const struct insn *i) { return sfp_pair_scalar(c, i, sfp_e_fadd); }
static inline enum xres op_V_FMAXP_S(struct cpu *c, const struct insn *i) { return sfp_pair_scalar(c, i, sfp_e_fmax); }
static inline enum xres op_V_FMINP_S(struct cpu *c, const struct insn *i) { return sfp_pair_scalar(c, i, sfp_e_fmin); }

/* ---- fixed-point conversions: b = fbits ---- */
static inline enum xres op_V_SCVTF_FIX(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_scvtf, SIMD_IMM); }
static inline enum xres op_V_UCVTF_FIX(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_ucvtf, SIMD_IMM); }
static inline enum xres op_V_FCVTZS_FIX(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtzs, SIMD_IMM); }
static inline enum xres op_V_FCVTZU_FIX(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fcvtzu, SIMD_IMM); }

/* ---- by element ---- */
static inline enum xres op_V_FMLA_E(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fmla, SIMD_ELEM); }
static inline enum xres op_V_FMLS_E(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fmls, SIMD_ELEM); }
static inline enum xres op_V_FMUL_E(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fmul, SIMD_ELEM); }
static inline enum xres op_V_FMULX_E(struct cpu *c, const struct insn *i) { return sfp_map(c, i, sfp_e_fmulx, SIMD_ELEM); }

#endif

/* Advanced SIMD data movement: copy (DUP, INS, UMOV/SMOV), modified
 * immediate (MOVI/MVNI/FMOV/ORR/BIC), element reversal (REV16/32/64),
 * permutes (ZIP/UZP/TRN), EXT and table lookup (TBL/TBX). Results are built
 * in a temporary and written once; Q=0 clears the high half. */
#ifndef PVM_INTERP_SIMD_PERM_H
#define PVM_INTERP_SIMD_PERM_H

/* ---- copy ---- */
static inline enum xres op_V_DUP_E(struct cpu *c, const struct insn *i)
{
    vreg r = {0};
    uint64_t v = simd_elt(&c->v[i->rn], i->size, (unsigned)i->imm);
    for (unsigned e = 0; e < i->x; e++)
        simd_set(&r, i->size, e, v);
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres op_V_DUP_G(struct cpu *c, const struct insn *i)
{
    vreg r = {0};
    uint64_t v = c->x[i->rn];
    for (unsigned e = 0; e < i->x; e++)
        simd_set(&r, i->size, e, v);
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres op_V_SMOV(struct cpu *c, const struct insn *i)
{
    int64_t v = simd_sx(simd_elt(&c->v[i->rn], i->size, (unsigned)i->imm), i->size);
    cpu_wr(c, i->rd, (uint64_t)v, i->sf);
    return X_NEXT;
}
static inline enum xres op_V_UMOV(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = simd_elt(&c->v[i->rn], i->size, (unsigned)i->imm);
    return X_NEXT;
}
static inline enum xres op_V_INS_G(struct cpu *c, const struct insn *i)
{
    vreg r = c->v[i->rd];
    simd_set(&r, i->size, (unsigned)i->imm, c->x[i->rn]);
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres op_V_INS_E(struct cpu *c, const struct insn *i)
{
    vreg r = c->v[i->rd];
    simd_set(&r, i->size, (unsigned)i->imm, simd_elt(&c->v[i->rn], i->size, (unsigned)i->imm2));
    return simd_write(c, i->rd, &r, false);
}

/* ---- modified immediate: i->imm is the 64-bit lane, i->x the lane count ---- */
static inline enum xres op_V_MOVI(struct cpu *c, const struct insn *i)
{
    vreg r = {0};
    for (unsigned e = 0; e < i->x; e++)
        r.d[e] = (uint64_t)i->imm;
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres op_V_ORR_VI(struct cpu *c, const struct insn *i)
{
    vreg r = {0};
    for (unsigned e = 0; e < i->x; e++)
        r.d[e] = c->v[i->rd].d[e] | (uint64_t)i->imm;
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres op_V_BIC_VI(struct cpu *c, const struct insn *i)
{
    vreg r = {0};
    for (unsigned e = 0; e < i->x; e++)
        r.d[e] = c->v[i->rd].d[e] & ~(uint64_t)i->imm;
    return simd_write(c, i->rd, &r, false);
}

/* ---- reverse elements within containers of 2^clog bytes ---- */
static inline enum xres simd_rev(struct cpu *c, const struct insn *i, unsigned clog)
{
    vreg r = {0};
    unsigned flip = (1u << (clog - i->size)) - 1;
    for (unsigned e = 0; e < i->x; e++)
        simd_set(&r, i->size, e, simd_elt(&c->v[i->rn], i->size, e ^ flip));
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres op_V_REV64(struct cpu *c, const struct insn *i) { return simd_rev(c, i, 3); }
static inline enum xres op_V_REV32(struct cpu *c, const struct insn *i) { return simd_rev(c, i, 2); }
static inline enum xres op_V_REV16(struct cpu *c, const struct insn *i) { return simd_rev(c, i, 1); }

/* ---- permutes: part selects the odd (2) variant ---- */
static inline enum xres simd_uzp(struct cpu *c, const struct insn *i, unsigned part)
{
    vreg r = {0};
    unsigned n = i->x;
    for (unsigned e = 0; e < n; e++) {
        unsigned k = 2 * e + part; /* index into the concatenation Vm:Vn */
        const vreg *src = k < n ? &c->v[i->rn] : &c->v[i->rm];
        simd_set(&r, i->size, e, simd_elt(src, i->size, k % n));
    }
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres simd_trn(struct cpu *c, const struct insn *i, unsigned part)
{
    vreg r = {0};
    for (unsigned p = 0; p < i->x / 2u; p++) {
        simd_set(&r, i->size, 2 * p, simd_elt(&c->v[i->rn], i->size, 2 * p + part));
        simd_set(&r, i->size, 2 * p + 1, simd_elt(&c->v[i->rm], i->size, 2 * p + part));
    }
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres simd_zip(struct cpu *c, const struct insn *i, unsigned part)
{
    vreg r = {0};
    unsigned base = part * i->x / 2u;
    for (unsigned p = 0; p < i->x / 2u; p++) {
        simd_set(&r, i->size, 2 * p, simd_elt(&c->v[i->rn], i->size, base + p));
        simd_set(&r, i->size, 2 * p + 1, simd_elt(&c->v[i->rm], i->size, base + p));
    }
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres op_V_UZP1(struct cpu *c, const struct insn *i) { return simd_uzp(c, i, 0); }
static inline enum xres op_V_UZP2(struct cpu *c, const struct insn *i) { return simd_uzp(c, i, 1); }
static inline enum xres op_V_TRN1(struct cpu *c, const struct insn *i) { return simd_trn(c, i, 0); }
static inline enum xres op_V_TRN2(struct cpu *c, const struct insn *i) { return simd_trn(c, i, 1); }
static inline enum xres op_V_ZIP1(struct cpu *c, const struct insn *i) { return simd_zip(c, i, 0); }
static inline enum xres op_V_ZIP2(struct cpu *c, const struct insn *i) { return simd_zip(c, i, 1); }

/* EXT: bytes imm.. of the concatenation Vm:Vn (x bytes per register) */
static inline enum xres op_V_EXT(struct cpu *c, const struct insn *i)
{
    vreg r = {0};
    for (unsigned e = 0; e < i->x; e++) {
        unsigned k = (unsigned)i->imm + e;
        r.b[e] = k < i->x ? c->v[i->rn].b[k] : c->v[i->rm].b[k - i->x];
    }
    return simd_write(c, i->rd, &r, false);
}

/* TBL/TBX: index bytes of Vm into the table Vn..Vn+imm-1 (registers wrap
 * at 31); out-of-range indices give 0 (TBL) or keep Vd's byte (TBX). */
static inline enum xres simd_tbl(struct cpu *c, const struct insn *i, bool tbx)
{
    vreg r = {0};
    unsigned nbytes = 16 * (unsigned)i->imm;
    for (unsigned e = 0; e < i->x; e++) {
        unsigned k = c->v[i->rm].b[e];
        if (k < nbytes)
            r.b[e] = c->v[(i->rn + k / 16) % 32].b[k % 16];
        else if (tbx)
            r.b[e] = c->v[i->rd].b[e];
    }
    return simd_write(c, i->rd, &r, false);
}
static inline enum xres op_V_TBL(struct cpu *c, const struct insn *i) { return simd_tbl(c, i, false); }
static inline enum xres op_V_TBX(struct cpu *c, const struct insn *i) { return simd_tbl(c, i, true); }

#endif

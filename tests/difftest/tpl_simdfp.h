/* Difftest templates of class simdfp: Advanced SIMD floating point (vector
 * and scalar SIMD forms, ARMv8.0; no FP16 arithmetic). Included by gen.c.
 * Vector forms cycle through 2S 4S 2D with one {..} group; scalar SIMD forms
 * are listed separately for S and D. Class simdfp starts every test from
 * INIT_FP (random FPCR rounding, FZ, DN; NaN/denormal/edge lanes). */
#define SFP_V3(op) op " V.{2s,4s,2d}, V.{2s,4s,2d}, V.{2s,4s,2d}"
#define SFP_V2(op) op " V.{2s,4s,2d}, V.{2s,4s,2d}"
#define SFP_S3(op) op " S, S, S", op " D, D, D"
#define SFP_S2(op) op " S, S", op " D, D"
#define SFP_PAIR(op) SFP_V3(op), op " S, V.2s", op " D, V.2d"
/* by element: all lane indexes (S: 0-3, D: 0-1; Rm v0-v31 as L:M:Rm = 0 for D) */
#define SFP_ELEM(op)                                                                        \
    op " V.{2s,4s}, V.{2s,4s}, V.s[#n4]", op " V.2d, V.2d, V.d[#n2]", op " S, S, V.s[#n4]", \
        op " D, D, V.d[#n2]"
#define SFP_FIX(op) op " V.{2s,4s,2d}, V.{2s,4s,2d}, {#p32,#p32,#p64}", op " S, S, #p32", op " D, D, #p64"
#define SFP_CMP0(op) op " V.{2s,4s,2d}, V.{2s,4s,2d}, #0.0", op " S, S, #0.0", op " D, D, #0.0"

static const char *const simdfp_tpl[] = {
    /* three same, vector */
    SFP_V3("fmaxnm"), SFP_V3("fminnm"), SFP_V3("fmla"), SFP_V3("fmls"), SFP_V3("fadd"),
    SFP_V3("fsub"), SFP_V3("fmulx"), SFP_V3("fcmeq"), SFP_V3("fmax"), SFP_V3("fmin"),
    SFP_V3("frecps"), SFP_V3("frsqrts"), SFP_V3("fabd"), SFP_V3("fmul"), SFP_V3("fcmge"),
    SFP_V3("fcmgt"), SFP_V3("facge"), SFP_V3("facgt"), SFP_V3("fdiv"),
    /* three same, scalar SIMD */
    SFP_S3("fmulx"), SFP_S3("fcmeq"), SFP_S3("frecps"), SFP_S3("frsqrts"), SFP_S3("fabd"),
    SFP_S3("fcmge"), SFP_S3("fcmgt"), SFP_S3("facge"), SFP_S3("facgt"),
    /* pairwise (vector) and scalar pairwise */
    SFP_PAIR("faddp"), SFP_PAIR("fmaxp"), SFP_PAIR("fminp"), SFP_PAIR("fmaxnmp"),
    SFP_PAIR("fminnmp"),
    /* across lanes */
    "fmaxv S, V.4s", "fminv S, V.4s", "fmaxnmv S, V.4s", "fminnmv S, V.4s",
    /* precision conversions (half <-> single is ARMv8.0) */
    "fcvtn V.{4h,2s}, V.{4s,2d}", "fcvtn2 V.{8h,4s}, V.{4s,2d}", "fcvtl V.{4s,2d}, V.{4h,2s}",
    "fcvtl2 V.{4s,2d}, V.{8h,4s}", "fcvtxn V.2s, V.2d", "fcvtxn2 V.4s, V.2d", "fcvtxn S, D",
    /* round to integral */
    SFP_V2("frintn"), SFP_V2("frintm"), SFP_V2("frintp"), SFP_V2("frintz"), SFP_V2("frinta"),
    SFP_V2("frintx"), SFP_V2("frinti"),
    /* FP -> integer, vector and scalar SIMD */
    SFP_V2("fcvtns"), SFP_V2("fcvtnu"), SFP_V2("fcvtms"), SFP_V2("fcvtmu"), SFP_V2("fcvtps"),
    SFP_V2("fcvtpu"), SFP_V2("fcvtzs"), SFP_V2("fcvtzu"), SFP_V2("fcvtas"), SFP_V2("fcvtau"),
    SFP_S2("fcvtns"), SFP_S2("fcvtnu"), SFP_S2("fcvtms"), SFP_S2("fcvtmu"), SFP_S2("fcvtps"),
    SFP_S2("fcvtpu"), SFP_S2("fcvtzs"), SFP_S2("fcvtzu"), SFP_S2("fcvtas"), SFP_S2("fcvtau"),
    /* integer -> FP */
    SFP_V2("scvtf"), SFP_V2("ucvtf"), SFP_S2("scvtf"), SFP_S2("ucvtf"),
    /* fixed point */
    SFP_FIX("scvtf"), SFP_FIX("ucvtf"), SFP_FIX("fcvtzs"), SFP_FIX("fcvtzu"),
    /* compare with zero */
    SFP_CMP0("fcmeq"), SFP_CMP0("fcmge"), SFP_CMP0("fcmgt"), SFP_CMP0("fcmle"), SFP_CMP0("fcmlt"),
    /* two-register misc */
    SFP_V2("fabs"), SFP_V2("fneg"), SFP_V2("fsqrt"), "urecpe V.{2s,4s}, V.{2s,4s}",
    "ursqrte V.{2s,4s}, V.{2s,4s}", SFP_V2("frecpe"), SFP_V2("frsqrte"), SFP_S2("frecpe"),
    SFP_S2("frsqrte"), SFP_S2("frecpx"), /* FRECPX has no vector form */
    /* by element */
    SFP_ELEM("fmla"), SFP_ELEM("fmls"), SFP_ELEM("fmul"), SFP_ELEM("fmulx"),
    /* modified immediate */
    "fmov V.{2s,4s,2d}, #fi",
};
#undef SFP_V3
#undef SFP_V2
#undef SFP_S3
#undef SFP_S2
#undef SFP_PAIR
#undef SFP_ELEM
#undef SFP_FIX
#undef SFP_CMP0

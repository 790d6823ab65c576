/* Difftest templates of classes ext (integer extensions after ARMv8.0: RDM,
 * DotProd, FlagM/FlagM2) and extfp (JSCVT, FRINTTS). Included by gen.c; the
 * oracle runs with -cpu max. Every arrangement and index form is listed;
 * H-size by-element forms take Rm from v0-v15 (U). */
static const char *const ext_tpl[] = {
    /* FEAT_RDM */
    "sqrdmlah V.{4h,8h,2s,4s}, V.{4h,8h,2s,4s}, V.{4h,8h,2s,4s}",
    "sqrdmlsh V.{4h,8h,2s,4s}, V.{4h,8h,2s,4s}, V.{4h,8h,2s,4s}",
    "sqrdmlah H, H, H",
    "sqrdmlah S, S, S",
    "sqrdmlsh H, H, H",
    "sqrdmlsh S, S, S",
    "sqrdmlah V.{4h,8h}, V.{4h,8h}, U.h[#n8]",
    "sqrdmlsh V.{4h,8h}, V.{4h,8h}, U.h[#n8]",
    "sqrdmlah V.{2s,4s}, V.{2s,4s}, V.s[#n4]",
    "sqrdmlsh V.{2s,4s}, V.{2s,4s}, V.s[#n4]",
    "sqrdmlah H, H, U.h[#n8]",
    "sqrdmlsh H, H, U.h[#n8]",
    "sqrdmlah S, S, V.s[#n4]",
    "sqrdmlsh S, S, V.s[#n4]",
    /* FEAT_DotProd */
    "sdot V.{2s,4s}, V.{8b,16b}, V.{8b,16b}",
    "udot V.{2s,4s}, V.{8b,16b}, V.{8b,16b}",
    "sdot V.{2s,4s}, V.{8b,16b}, V.4b[#n4]",
    "udot V.{2s,4s}, V.{8b,16b}, V.4b[#n4]",
    /* FEAT_FlagM, FEAT_FlagM2 (implemented in branch.h / dp_reg.h) */
    "cfinv",
    "rmif X, #6, #nz",
    "setf8 W",
    "setf16 W",
    "axflag",
    "xaflag",
};
static const char *const extfp_tpl[] = {
    /* FEAT_JSCVT. qemu 7.2 sets Z for a positive denormal input flushed
     * by FPCR.FZ, where FPToFixedJS clears it ("sign == '0' && value ==
     * 0.0 && !IsZero(op<51:0>)": Z = '0'; qemu issue 2375). So the input
     * goes through FMAX first, which under FZ flushes denormals itself and
     * otherwise passes every value but a signalling NaN unchanged; the
     * flushed-denormal case is covered by tests/unit/test_simdx.c. Listed
     * twice: one instruction, many edge cases. */
    "fmax d31, D, D; fjcvtzs W, d31",
    "fmax d31, D, D; fjcvtzs W, d31",
    /* FEAT_FRINTTS */
    "frint32z S, S",
    "frint32z D, D",
    "frint32x S, S",
    "frint32x D, D",
    "frint64z S, S",
    "frint64z D, D",
    "frint64x S, S",
    "frint64x D, D",
    "frint32z V.{2s,4s,2d}, V.{2s,4s,2d}",
    "frint32x V.{2s,4s,2d}, V.{2s,4s,2d}",
    "frint64z V.{2s,4s,2d}, V.{2s,4s,2d}",
    "frint64x V.{2s,4s,2d}, V.{2s,4s,2d}",
};

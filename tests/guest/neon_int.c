/* Advanced SIMD integer intrinsics (arm_neon.h) over random vectors from a
 * fixed-seed PRNG with lane edge values: arithmetic, widening/narrowing,
 * saturating/rounding, shifts by immediate and by register, across-lane and
 * pairwise, permutes and table lookups, lane moves, structure loads/stores.
 * Prints one hash per intrinsic name per group (see vecsum.h) and a few
 * values; both the oracle and pvm see the same inputs. */
#include <arm_neon.h>

#include "vecsum.h"

#define ITERS 100

union q {
    int8x16_t s8;
    uint8x16_t u8;
    int16x8_t s16;
    uint16x8_t u16;
    int32x4_t s32;
    uint32x4_t u32;
    int64x2_t s64;
    uint64x2_t u64;
    poly8x16_t p8;
    poly16x8_t p16;
    uint8_t b[16];
};
union d {
    int8x8_t s8;
    uint8x8_t u8;
    int16x4_t s16;
    uint16x4_t u16;
    int32x2_t s32;
    uint32x2_t u32;
    int64x1_t s64;
    uint64x1_t u64;
    poly8x8_t p8;
    poly16x4_t p16;
    uint8_t b[8];
};

/* A B C random; S small signed shift counts in every byte; X/x table
 * indices (partly out of range); R a random scalar */
static union q A, B, C, D, S, X;
static union d a, b, c, d, s, x;
static uint64_t R, R2;
static uint8_t mem[512];
static uint8_t out[256];

static void fill(void)
{
    vs_fill(&A, 16);
    vs_fill(&B, 16);
    vs_fill(&C, 16);
    vs_fill(&D, 16);
    vs_fill(&a, 8);
    vs_fill(&b, 8);
    vs_fill(&c, 8);
    vs_fill(&d, 8);
    static const int range[] = { 9, 17, 33, 65, 128 };
    for (int i = 0; i < 16; i++) {
        uint64_t r = vs_rnd();
        int m = range[r % 5];
        S.b[i] = (uint8_t)((int)((r >> 8) % (2 * m + 1)) - m);
        X.b[i] = (uint8_t)((r >> 24) % 72);
        if (i < 8) {
            s.b[i] = (uint8_t)((int)((r >> 32) % (2 * m + 1)) - m);
            x.b[i] = (uint8_t)((r >> 48) % 40);
        }
    }
    R = vs_rnd();
    R2 = vs_rnd();
    vs_fill(mem, sizeof mem);
}

/* element-type sweeps of one intrinsic (tables of call sites) */
#define BIN_BHS(op)                                                                              \
    T(op##q_s8(A.s8, B.s8)); T(op##q_u8(A.u8, B.u8)); T(op##q_s16(A.s16, B.s16));              \
    T(op##q_u16(A.u16, B.u16)); T(op##q_s32(A.s32, B.s32)); T(op##q_u32(A.u32, B.u32));        \
    T(op##_s8(a.s8, b.s8)); T(op##_u8(a.u8, b.u8)); T(op##_s16(a.s16, b.s16));                 \
    T(op##_u16(a.u16, b.u16)); T(op##_s32(a.s32, b.s32)); T(op##_u32(a.u32, b.u32))
#define BIN_BHSD(op)                                                                             \
    BIN_BHS(op); T(op##q_s64(A.s64, B.s64)); T(op##q_u64(A.u64, B.u64));                        \
    T(op##_s64(a.s64, b.s64)); T(op##_u64(a.u64, b.u64))
#define TER_BHS(op)                                                                              \
    T(op##q_s8(C.s8, A.s8, B.s8)); T(op##q_u8(C.u8, A.u8, B.u8));                              \
    T(op##q_s16(C.s16, A.s16, B.s16)); T(op##q_u16(C.u16, A.u16, B.u16));                      \
    T(op##q_s32(C.s32, A.s32, B.s32)); T(op##q_u32(C.u32, A.u32, B.u32));                      \
    T(op##_s8(c.s8, a.s8, b.s8)); T(op##_u16(c.u16, a.u16, b.u16)); T(op##_s32(c.s32, a.s32, b.s32))
#define UN_S(op)                                                                                 \
    T(op##q_s8(A.s8)); T(op##q_s16(A.s16)); T(op##q_s32(A.s32)); T(op##q_s64(A.s64));          \
    T(op##_s8(a.s8)); T(op##_s16(a.s16)); T(op##_s32(a.s32)); T(op##_s64(a.s64))
#define CMPZ(op)                                                                                 \
    T(op##q_s8(A.s8)); T(op##q_s16(A.s16)); T(op##q_s32(A.s32)); T(op##q_s64(A.s64));          \
    T(op##_s8(a.s8)); T(op##_s32(a.s32)); T(op##_s64(a.s64))
/* long: d x d -> q, and the _high forms on q inputs */
#define LONG(op)                                                                                 \
    T(op##_s8(a.s8, b.s8)); T(op##_u8(a.u8, b.u8)); T(op##_s16(a.s16, b.s16));                 \
    T(op##_u16(a.u16, b.u16)); T(op##_s32(a.s32, b.s32)); T(op##_u32(a.u32, b.u32));           \
    T(op##_high_s8(A.s8, B.s8)); T(op##_high_u8(A.u8, B.u8)); T(op##_high_s16(A.s16, B.s16));  \
    T(op##_high_u16(A.u16, B.u16)); T(op##_high_s32(A.s32, B.s32)); T(op##_high_u32(A.u32, B.u32))
#define WIDE(op)                                                                                 \
    T(op##_s8(C.s16, a.s8)); T(op##_u8(C.u16, a.u8)); T(op##_s16(C.s32, a.s16));               \
    T(op##_u16(C.u32, a.u16)); T(op##_s32(C.s64, a.s32)); T(op##_u32(C.u64, a.u32));           \
    T(op##_high_s8(C.s16, A.s8)); T(op##_high_u16(C.u32, A.u16)); T(op##_high_s32(C.s64, A.s32))
#define LONGACC(op)                                                                              \
    T(op##_s8(C.s16, a.s8, b.s8)); T(op##_u8(C.u16, a.u8, b.u8));                              \
    T(op##_s16(C.s32, a.s16, b.s16)); T(op##_u16(C.u32, a.u16, b.u16));                        \
    T(op##_s32(C.s64, a.s32, b.s32)); T(op##_u32(C.u64, a.u32, b.u32));                        \
    T(op##_high_s8(C.s16, A.s8, B.s8)); T(op##_high_u16(C.u32, A.u16, B.u16));                 \
    T(op##_high_s32(C.s64, A.s32, B.s32))
#define NARROW(op)                                                                               \
    T(op##_s16(A.s16, B.s16)); T(op##_u16(A.u16, B.u16)); T(op##_s32(A.s32, B.s32));           \
    T(op##_u32(A.u32, B.u32)); T(op##_s64(A.s64, B.s64)); T(op##_u64(A.u64, B.u64));           \
    T(op##_high_s16(c.s8, A.s16, B.s16)); T(op##_high_u32(c.u16, A.u32, B.u32));               \
    T(op##_high_s64(c.s32, A.s64, B.s64))
#define SHREG(op)                                                                                \
    T(op##q_s8(A.s8, S.s8)); T(op##q_u8(A.u8, S.s8)); T(op##q_s16(A.s16, S.s16));              \
    T(op##q_u16(A.u16, S.s16)); T(op##q_s32(A.s32, S.s32)); T(op##q_u32(A.u32, S.s32));        \
    T(op##q_s64(A.s64, S.s64)); T(op##q_u64(A.u64, S.s64)); T(op##_s8(a.s8, s.s8));            \
    T(op##_u16(a.u16, s.s16)); T(op##_s32(a.s32, s.s32)); T(op##_u64(a.u64, s.s64));           \
    T(op##_s64(a.s64, s.s64))
#define PERM(op)                                                                                 \
    T(op##q_s8(A.s8, B.s8)); T(op##q_u16(A.u16, B.u16)); T(op##q_s32(A.s32, B.s32));           \
    T(op##q_u64(A.u64, B.u64)); T(op##_u8(a.u8, b.u8)); T(op##_s16(a.s16, b.s16));             \
    T(op##_u32(a.u32, b.u32))
#define ACROSS(op)                                                                               \
    T(op##q_s8(A.s8)); T(op##q_u8(A.u8)); T(op##q_s16(A.s16)); T(op##q_u16(A.u16));            \
    T(op##q_s32(A.s32)); T(op##q_u32(A.u32)); T(op##_s8(a.s8)); T(op##_u8(a.u8));              \
    T(op##_s16(a.s16)); T(op##_u16(a.u16)); T(op##_s32(a.s32)); T(op##_u32(a.u32))

static void grp_arith(void)
{
    vs_begin("arith");
    for (int it = 0; it < ITERS; it++) {
        fill();
        BIN_BHSD(vadd);
        BIN_BHSD(vsub);
        BIN_BHS(vmul);
        TER_BHS(vmla);
        TER_BHS(vmls);
        BIN_BHS(vabd);
        TER_BHS(vaba);
        BIN_BHS(vmax);
        BIN_BHS(vmin);
        BIN_BHS(vhadd);
        BIN_BHS(vrhadd);
        BIN_BHS(vhsub);
        T(vandq_u8(A.u8, B.u8));
        T(vorrq_s16(A.s16, B.s16));
        T(veorq_u64(A.u64, B.u64));
        T(vbicq_s32(A.s32, B.s32));
        T(vornq_u8(A.u8, B.u8));
        T(vand_s8(a.s8, b.s8));
        T(vorn_u32(a.u32, b.u32));
        T(vbslq_u8(C.u8, A.u8, B.u8));
        T(vbslq_s64(C.u64, A.s64, B.s64));
        T(vbsl_s16(c.u16, a.s16, b.s16));
        T(vmvnq_u8(A.u8));
        T(vmvn_s32(a.s32));
        T(vcntq_u8(A.u8));
        T(vcnt_s8(a.s8));
        T(vclzq_s8(A.s8));
        T(vclzq_u16(A.u16));
        T(vclzq_s32(A.s32));
        T(vclz_u8(a.u8));
        T(vclsq_s8(A.s8));
        T(vclsq_s16(A.s16));
        T(vclsq_s32(A.s32));
        T(vcls_s16(a.s16));
        T(vrbitq_u8(A.u8));
        T(vrbit_s8(a.s8));
        T(vrev16q_u8(A.u8));
        T(vrev32q_u8(A.u8));
        T(vrev32q_u16(A.u16));
        T(vrev64q_u8(A.u8));
        T(vrev64q_s16(A.s16));
        T(vrev64q_u32(A.u32));
        T(vrev64_s32(a.s32));
        UN_S(vneg);
        UN_S(vabs);
        BIN_BHSD(vceq);
        BIN_BHSD(vcgt);
        BIN_BHSD(vcge);
        BIN_BHSD(vclt);
        BIN_BHSD(vcle);
        T(vtstq_s8(A.s8, B.s8));
        T(vtstq_u16(A.u16, B.u16));
        T(vtstq_s32(A.s32, B.s32));
        T(vtstq_u64(A.u64, B.u64));
        T(vtst_s64(a.s64, b.s64));
        CMPZ(vceqz);
        CMPZ(vcgtz);
        CMPZ(vcgez);
        CMPZ(vcltz);
        CMPZ(vclez);
        T(vceqzq_u8(A.u8));
        T(vmulq_p8(A.p8, B.p8));
        T(vmul_p8(a.p8, b.p8));
        T(vaddd_s64(R, R2));
        T(vsubd_u64(R, R2));
        T(vabsd_s64(R));
        T(vnegd_s64(R));
        T(vceqd_s64(R, R2 & 1 ? R : R2));
        T(vcgtd_u64(R, R2));
        T(vcled_s64(R, R2));
        T(vtstd_u64(R, R2));
        T(vceqzd_s64(R & 0xf00));
    }
    SHOW(vaddq_u8(A.u8, B.u8));
    SHOW(vmulq_s16(A.s16, B.s16));
    SHOW(vabdq_s32(A.s32, B.s32));
    SHOW(vcgtq_s64(A.s64, B.s64));
    SHOW(vclsq_s16(A.s16));
    SHOW(vmulq_p8(A.p8, B.p8));
    vs_end();
}

static void grp_widen(void)
{
    vs_begin("widen/narrow");
    for (int it = 0; it < ITERS; it++) {
        fill();
        LONG(vaddl);
        LONG(vsubl);
        LONG(vmull);
        LONG(vabdl);
        WIDE(vaddw);
        WIDE(vsubw);
        LONGACC(vmlal);
        LONGACC(vmlsl);
        LONGACC(vabal);
        NARROW(vaddhn);
        NARROW(vraddhn);
        NARROW(vsubhn);
        NARROW(vrsubhn);
        T(vmovl_s8(a.s8));
        T(vmovl_u16(a.u16));
        T(vmovl_s32(a.s32));
        T(vmovl_high_u8(A.u8));
        T(vmovl_high_s16(A.s16));
        T(vmovn_s16(A.s16));
        T(vmovn_u32(A.u32));
        T(vmovn_s64(A.s64));
        T(vmovn_high_u16(c.u8, A.u16));
        T(vqmovn_s16(A.s16));
        T(vqmovn_u16(A.u16));
        T(vqmovn_s32(A.s32));
        T(vqmovn_u32(A.u32));
        T(vqmovn_s64(A.s64));
        T(vqmovn_u64(A.u64));
        T(vqmovn_high_s32(c.s16, A.s32));
        T(vqmovun_s16(A.s16));
        T(vqmovun_s32(A.s32));
        T(vqmovun_s64(A.s64));
        T(vqmovun_high_s16(c.u8, A.s16));
        T(vqmovnh_s16((int16_t)R));
        T(vqmovns_u32((uint32_t)R));
        T(vqmovnd_s64((int64_t)R));
        T(vqmovund_s64((int64_t)R));
        T(vmull_p8(a.p8, b.p8));
        T(vmull_high_p8(A.p8, B.p8));
        T(vpaddlq_s8(A.s8));
        T(vpaddlq_u8(A.u8));
        T(vpaddlq_s16(A.s16));
        T(vpaddlq_u32(A.u32));
        T(vpaddl_s8(a.s8));
        T(vpaddl_u32(a.u32));
        T(vpadalq_s8(C.s16, A.s8));
        T(vpadalq_u16(C.u32, A.u16));
        T(vpadalq_s32(C.s64, A.s32));
        T(vpadal_u8(c.u16, a.u8));
        T(vshll_n_s8(a.s8, 3));
        T(vshll_n_u8(a.u8, 8));
        T(vshll_n_s16(a.s16, 16));
        T(vshll_n_u32(a.u32, 31));
        T(vshll_n_s32(a.s32, 32));
        T(vshll_high_n_u8(A.u8, 1));
        T(vshll_high_n_s16(A.s16, 16));
        T(vshll_high_n_s32(A.s32, 7));
    }
    SHOW(vmull_s16(a.s16, b.s16));
    SHOW(vmlal_high_u16(C.u32, A.u16, B.u16));
    SHOW(vraddhn_s32(A.s32, B.s32));
    SHOW(vqmovun_s16(A.s16));
    SHOW(vmull_p8(a.p8, b.p8));
    vs_end();
}

static void grp_sat(void)
{
    vs_begin("saturating");
    for (int it = 0; it < ITERS; it++) {
        fill();
        BIN_BHSD(vqadd);
        BIN_BHSD(vqsub);
        UN_S(vqabs);
        UN_S(vqneg);
        T(vqdmulhq_s16(A.s16, B.s16));
        T(vqdmulhq_s32(A.s32, B.s32));
        T(vqdmulh_s16(a.s16, b.s16));
        T(vqrdmulhq_s16(A.s16, B.s16));
        T(vqrdmulhq_s32(A.s32, B.s32));
        T(vqrdmulh_s32(a.s32, b.s32));
        T(vqdmulhq_n_s16(A.s16, (int16_t)R));
        T(vqrdmulhq_n_s32(A.s32, (int32_t)R));
        T(vqdmulhq_lane_s16(A.s16, b.s16, 2));
        T(vqdmulhq_laneq_s32(A.s32, B.s32, 3));
        T(vqrdmulhq_laneq_s16(A.s16, B.s16, 7));
        T(vqrdmulh_lane_s32(a.s32, b.s32, 1));
        T(vqdmull_s16(a.s16, b.s16));
        T(vqdmull_s32(a.s32, b.s32));
        T(vqdmull_high_s16(A.s16, B.s16));
        T(vqdmull_high_s32(A.s32, B.s32));
        T(vqdmlal_s16(C.s32, a.s16, b.s16));
        T(vqdmlal_s32(C.s64, a.s32, b.s32));
        T(vqdmlsl_s16(C.s32, a.s16, b.s16));
        T(vqdmlsl_s32(C.s64, a.s32, b.s32));
        T(vqdmlal_high_s16(C.s32, A.s16, B.s16));
        T(vqdmlsl_high_s32(C.s64, A.s32, B.s32));
        T(vuqaddq_s8(A.s8, B.u8));
        T(vuqaddq_s16(A.s16, B.u16));
        T(vuqaddq_s64(A.s64, B.u64));
        T(vuqadd_s32(a.s32, b.u32));
        T(vsqaddq_u8(A.u8, B.s8));
        T(vsqaddq_u32(A.u32, B.s32));
        T(vsqaddq_u64(A.u64, B.s64));
        T(vsqadd_u16(a.u16, b.s16));
        T(vqaddb_s8((int8_t)R, (int8_t)R2));
        T(vqaddh_u16((uint16_t)R, (uint16_t)R2));
        T(vqadds_s32((int32_t)R, (int32_t)R2));
        T(vqaddd_u64(R, R2));
        T(vqsubb_u8((uint8_t)R, (uint8_t)R2));
        T(vqsubs_s32((int32_t)R, (int32_t)R2));
        T(vqsubd_s64((int64_t)R, (int64_t)R2));
        T(vqabsb_s8((int8_t)R));
        T(vqabsd_s64((int64_t)R));
        T(vqnegh_s16((int16_t)R));
        T(vqnegs_s32((int32_t)R));
        T(vqdmulhh_s16((int16_t)R, (int16_t)R2));
        T(vqrdmulhs_s32((int32_t)R, (int32_t)R2));
        T(vqdmullh_s16((int16_t)R, (int16_t)R2));
        T(vqdmulls_s32((int32_t)R, (int32_t)R2));
        T(vuqaddb_s8((int8_t)R, (uint8_t)R2));
        T(vsqaddd_u64(R, (int64_t)R2));
    }
    SHOW(vqaddq_s8(A.s8, B.s8));
    SHOW(vqsubq_u16(A.u16, B.u16));
    SHOW(vqrdmulhq_s16(A.s16, B.s16));
    SHOW(vqdmlal_s32(C.s64, a.s32, b.s32));
    SHOW(vuqaddq_s8(A.s8, B.u8));
    vs_end();
}

static void grp_shimm(void)
{
    vs_begin("shift-imm");
    for (int it = 0; it < ITERS; it++) {
        fill();
        T(vshlq_n_s8(A.s8, 0));
        T(vshlq_n_u8(A.u8, 7));
        T(vshlq_n_s16(A.s16, 15));
        T(vshlq_n_u32(A.u32, 9));
        T(vshlq_n_s64(A.s64, 63));
        T(vshl_n_u16(a.u16, 3));
        T(vshl_n_s64(a.s64, 1));
        T(vshrq_n_s8(A.s8, 1));
        T(vshrq_n_s8(A.s8, 8));
        T(vshrq_n_u8(A.u8, 8));
        T(vshrq_n_s16(A.s16, 16));
        T(vshrq_n_u16(A.u16, 5));
        T(vshrq_n_s32(A.s32, 32));
        T(vshrq_n_u32(A.u32, 31));
        T(vshrq_n_s64(A.s64, 64));
        T(vshrq_n_u64(A.u64, 33));
        T(vshr_n_u8(a.u8, 2));
        T(vrshrq_n_s8(A.s8, 1));
        T(vrshrq_n_u8(A.u8, 8));
        T(vrshrq_n_s16(A.s16, 16));
        T(vrshrq_n_u32(A.u32, 32));
        T(vrshrq_n_s64(A.s64, 64));
        T(vrshrq_n_u64(A.u64, 64));
        T(vrshr_n_s32(a.s32, 3));
        T(vsraq_n_s8(C.s8, A.s8, 8));
        T(vsraq_n_u16(C.u16, A.u16, 3));
        T(vsraq_n_s64(C.s64, A.s64, 64));
        T(vsra_n_u32(c.u32, a.u32, 32));
        T(vrsraq_n_u8(C.u8, A.u8, 1));
        T(vrsraq_n_s32(C.s32, A.s32, 32));
        T(vrsraq_n_u64(C.u64, A.u64, 64));
        T(vsriq_n_u8(C.u8, A.u8, 1));
        T(vsriq_n_s8(C.s8, A.s8, 8));
        T(vsriq_n_u16(C.u16, A.u16, 16));
        T(vsriq_n_s32(C.s32, A.s32, 13));
        T(vsriq_n_u64(C.u64, A.u64, 64));
        T(vsriq_n_p8(C.p8, A.p8, 3));
        T(vsliq_n_u8(C.u8, A.u8, 0));
        T(vsliq_n_s8(C.s8, A.s8, 7));
        T(vsliq_n_u16(C.u16, A.u16, 15));
        T(vsliq_n_s32(C.s32, A.s32, 5));
        T(vsliq_n_u64(C.u64, A.u64, 63));
        T(vsli_n_p16(c.p16, a.p16, 4));
        T(vqshlq_n_s8(A.s8, 7));
        T(vqshlq_n_u8(A.u8, 3));
        T(vqshlq_n_s16(A.s16, 1));
        T(vqshlq_n_u16(A.u16, 15));
        T(vqshlq_n_s32(A.s32, 17));
        T(vqshlq_n_u32(A.u32, 0));
        T(vqshlq_n_s64(A.s64, 63));
        T(vqshlq_n_u64(A.u64, 2));
        T(vqshluq_n_s8(A.s8, 3));
        T(vqshluq_n_s16(A.s16, 0));
        T(vqshluq_n_s32(A.s32, 31));
        T(vqshluq_n_s64(A.s64, 40));
        T(vshrn_n_s16(A.s16, 8));
        T(vshrn_n_u32(A.u32, 1));
        T(vshrn_n_u64(A.u64, 32));
        T(vrshrn_n_u16(A.u16, 8));
        T(vrshrn_n_s32(A.s32, 16));
        T(vrshrn_n_s64(A.s64, 3));
        T(vqshrn_n_s16(A.s16, 1));
        T(vqshrn_n_u16(A.u16, 8));
        T(vqshrn_n_s32(A.s32, 3));
        T(vqshrn_n_u32(A.u32, 16));
        T(vqshrn_n_s64(A.s64, 32));
        T(vqshrn_n_u64(A.u64, 7));
        T(vqrshrn_n_s16(A.s16, 2));
        T(vqrshrn_n_u16(A.u16, 1));
        T(vqrshrn_n_s32(A.s32, 16));
        T(vqrshrn_n_u32(A.u32, 9));
        T(vqrshrn_n_s64(A.s64, 1));
        T(vqrshrn_n_u64(A.u64, 32));
        T(vqshrun_n_s16(A.s16, 1));
        T(vqshrun_n_s32(A.s32, 16));
        T(vqshrun_n_s64(A.s64, 5));
        T(vqrshrun_n_s16(A.s16, 8));
        T(vqrshrun_n_s32(A.s32, 1));
        T(vqrshrun_n_s64(A.s64, 32));
        T(vshrn_high_n_s16(c.s8, A.s16, 3));
        T(vrshrn_high_n_u32(c.u16, A.u32, 11));
        T(vqshrn_high_n_s64(c.s32, A.s64, 20));
        T(vqrshrn_high_n_u16(c.u8, A.u16, 4));
        T(vqshrun_high_n_s16(c.u8, A.s16, 2));
        T(vqrshrun_high_n_s32(c.u16, A.s32, 5));
        T(vshrd_n_s64((int64_t)R, 64));
        T(vshrd_n_u64(R, 64));
        T(vrshrd_n_s64((int64_t)R, 1));
        T(vrshrd_n_u64(R, 64));
        T(vsrad_n_s64((int64_t)R2, (int64_t)R, 7));
        T(vrsrad_n_u64(R2, R, 64));
        T(vshld_n_u64(R, 63));
        T(vsrid_n_u64(R2, R, 64));
        T(vslid_n_s64((int64_t)R2, (int64_t)R, 1));
        T(vqshlb_n_s8((int8_t)R, 3));
        T(vqshlh_n_u16((uint16_t)R, 9));
        T(vqshld_n_s64((int64_t)R, 10));
        T(vqshlus_n_s32((int32_t)R, 4));
        T(vqshrnh_n_s16((int16_t)R, 4));
        T(vqrshrns_n_u32((uint32_t)R, 7));
        T(vqrshrund_n_s64((int64_t)R, 30));
        T(vqshrund_n_s64((int64_t)R, 1));
    }
    SHOW(vrshrq_n_s16(A.s16, 16));
    SHOW(vsriq_n_u8(C.u8, A.u8, 3));
    SHOW(vqshluq_n_s8(A.s8, 3));
    SHOW(vqrshrn_n_s32(A.s32, 16));
    SHOW(vrsraq_n_u64(C.u64, A.u64, 64));
    vs_end();
}

static void grp_shreg(void)
{
    vs_begin("shift-reg");
    for (int it = 0; it < ITERS; it++) {
        fill();
        SHREG(vshl);
        SHREG(vrshl);
        SHREG(vqshl);
        SHREG(vqrshl);
        T(vshld_s64((int64_t)R, (int64_t)S.b[0] - 128 + (int64_t)(R2 << 8)));
        T(vshld_u64(R, (int64_t)(int8_t)S.b[1]));
        T(vrshld_s64((int64_t)R, (int64_t)(int8_t)S.b[2]));
        T(vrshld_u64(R, (int64_t)(int8_t)S.b[3]));
        T(vqshlb_s8((int8_t)R, (int8_t)S.b[4]));
        T(vqshlh_u16((uint16_t)R, (int16_t)(int8_t)S.b[5]));
        T(vqshls_s32((int32_t)R, (int32_t)(int8_t)S.b[6]));
        T(vqshld_u64(R, (int64_t)(int8_t)S.b[7]));
        T(vqrshlb_u8((uint8_t)R, (int8_t)S.b[8]));
        T(vqrshls_u32((uint32_t)R, (int32_t)(int8_t)S.b[9]));
        T(vqrshld_s64((int64_t)R, (int64_t)(int8_t)S.b[10]));
    }
    SHOW(vshlq_s16(A.s16, S.s16));
    SHOW(vrshlq_u32(A.u32, S.s32));
    SHOW(vqshlq_s8(A.s8, S.s8));
    SHOW(vqrshlq_u64(A.u64, S.s64));
    vs_end();
}

static void grp_across(void)
{
    vs_begin("across/pairwise");
    for (int it = 0; it < ITERS; it++) {
        fill();
        ACROSS(vaddv);
        ACROSS(vaddlv);
        ACROSS(vmaxv);
        ACROSS(vminv);
        T(vaddvq_s64(A.s64));
        T(vaddvq_u64(A.u64));
        T(vpaddd_s64(A.s64));
        T(vpaddd_u64(A.u64));
        BIN_BHS(vpadd);
        T(vpaddq_s64(A.s64, B.s64));
        T(vpaddq_u64(A.u64, B.u64));
        BIN_BHS(vpmax);
        BIN_BHS(vpmin);
    }
    SHOW(vaddlvq_s16(A.s16));
    SHOW(vminvq_s8(A.s8));
    SHOW(vpmaxq_u16(A.u16, B.u16));
    vs_end();
}

static void grp_perm(void)
{
    vs_begin("permute");
    for (int it = 0; it < ITERS; it++) {
        fill();
        PERM(vzip1);
        PERM(vzip2);
        PERM(vuzp1);
        PERM(vuzp2);
        PERM(vtrn1);
        PERM(vtrn2);
        T(vzipq_s8(A.s8, B.s8));
        T(vzip_u16(a.u16, b.u16));
        T(vuzpq_u32(A.u32, B.u32));
        T(vuzp_s8(a.s8, b.s8));
        T(vtrnq_s16(A.s16, B.s16));
        T(vtrn_u32(a.u32, b.u32));
        T(vextq_u8(A.u8, B.u8, 0));
        T(vextq_u8(A.u8, B.u8, 1));
        T(vextq_s8(A.s8, B.s8, 15));
        T(vextq_s16(A.s16, B.s16, 7));
        T(vextq_u32(A.u32, B.u32, 3));
        T(vextq_s64(A.s64, B.s64, 1));
        T(vext_u8(a.u8, b.u8, 7));
        T(vext_s16(a.s16, b.s16, 2));
        T(vext_s32(a.s32, b.s32, 1));
        uint8x8x2_t t2 = { { a.u8, b.u8 } };
        uint8x8x3_t t3 = { { a.u8, b.u8, c.u8 } };
        uint8x8x4_t t4 = { { a.u8, b.u8, c.u8, d.u8 } };
        uint8x16x2_t q2 = { { A.u8, B.u8 } };
        uint8x16x3_t q3 = { { A.u8, B.u8, C.u8 } };
        uint8x16x4_t q4 = { { A.u8, B.u8, C.u8, D.u8 } };
        int8x16x2_t q2s = { { A.s8, B.s8 } };
        T(vtbl1_u8(a.u8, x.u8));
        T(vtbl2_u8(t2, x.u8));
        T(vtbl3_u8(t3, x.u8));
        T(vtbl4_u8(t4, x.u8));
        T(vtbx1_u8(d.u8, a.u8, x.u8));
        T(vtbx2_u8(d.u8, t2, x.u8));
        T(vtbx3_u8(d.u8, t3, x.u8));
        T(vtbx4_u8(d.u8, t4, x.u8));
        T(vqtbl1q_u8(A.u8, X.u8));
        T(vqtbl2q_u8(q2, X.u8));
        T(vqtbl3q_u8(q3, X.u8));
        T(vqtbl4q_u8(q4, X.u8));
        T(vqtbl1_u8(A.u8, x.u8));
        T(vqtbl2_s8(q2s, x.u8));
        T(vqtbl4_u8(q4, x.u8));
        T(vqtbx1q_u8(D.u8, A.u8, X.u8));
        T(vqtbx2q_u8(D.u8, q2, X.u8));
        T(vqtbx3q_u8(D.u8, q3, X.u8));
        T(vqtbx4q_u8(D.u8, q4, X.u8));
        T(vqtbx1_u8(d.u8, A.u8, x.u8));
        T(vqtbx3_u8(d.u8, q3, x.u8));
        T(vqtbl1q_u8(A.u8, vandq_u8(X.u8, vdupq_n_u8(15))));
    }
    SHOW(vzip1q_s8(A.s8, B.s8));
    SHOW(vuzp2q_u16(A.u16, B.u16));
    SHOW(vtrn1q_s32(A.s32, B.s32));
    SHOW(vextq_u8(A.u8, B.u8, 5));
    SHOW(X.u8);
    SHOW(vqtbl1q_u8(A.u8, X.u8));
    SHOW(vtbx1_u8(d.u8, a.u8, x.u8));
    vs_end();
}

static void grp_lanes(void)
{
    vs_begin("lanes");
    for (int it = 0; it < ITERS; it++) {
        fill();
        T(vdupq_n_u8((uint8_t)R));
        T(vdupq_n_s16((int16_t)R));
        T(vdupq_n_u32((uint32_t)R));
        T(vdupq_n_s64((int64_t)R));
        T(vdup_n_u8((uint8_t)R));
        T(vmovq_n_u16((uint16_t)R));
        T(vmov_n_s32((int32_t)R));
        T(vdupq_lane_s8(a.s8, 7));
        T(vdupq_laneq_u8(A.u8, 13));
        T(vdupq_laneq_s16(A.s16, 5));
        T(vdupq_laneq_u32(A.u32, 3));
        T(vdupq_laneq_u64(A.u64, 1));
        T(vdup_lane_s32(a.s32, 1));
        T(vdup_laneq_u16(A.u16, 6));
        T(vdupb_laneq_u8(A.u8, 9));
        T(vduph_lane_s16(a.s16, 3));
        T(vdupd_laneq_u64(A.u64, 1));
        T(vgetq_lane_u8(A.u8, 15));
        T((int64_t)vgetq_lane_s8(A.s8, 5));
        T((int64_t)vgetq_lane_s16(A.s16, 3));
        T((int64_t)vgetq_lane_s32(A.s32, 2));
        T((uint64_t)vgetq_lane_u16(A.u16, 7));
        T(vgetq_lane_u64(A.u64, 1));
        T((int64_t)vget_lane_s8(a.s8, 6));
        T(vget_lane_u32(a.u32, 1));
        T(vsetq_lane_u8((uint8_t)R, A.u8, 9));
        T(vsetq_lane_s16((int16_t)R, A.s16, 0));
        T(vsetq_lane_u32((uint32_t)R, A.u32, 3));
        T(vsetq_lane_s64((int64_t)R, A.s64, 1));
        T(vset_lane_u16((uint16_t)R, a.u16, 2));
        T(vcopyq_laneq_s8(A.s8, 3, B.s8, 12));
        T(vcopyq_lane_s32(A.s32, 1, b.s32, 0));
        T(vcopyq_laneq_u64(A.u64, 0, B.u64, 1));
        T(vcopy_laneq_u16(a.u16, 3, B.u16, 6));
        T(vcopy_lane_u8(a.u8, 0, b.u8, 7));
        T(vget_high_s8(A.s8));
        T(vget_low_u16(A.u16));
        T(vget_high_u64(A.u64));
        T(vcombine_s8(a.s8, b.s8));
        T(vcombine_u32(a.u32, b.u32));
        T(vcreate_u8(R));
        T(vmulq_lane_s16(A.s16, b.s16, 3));
        T(vmulq_laneq_u16(A.u16, B.u16, 7));
        T(vmulq_laneq_s32(A.s32, B.s32, 3));
        T(vmul_lane_u32(a.u32, b.u32, 1));
        T(vmlaq_lane_u16(C.u16, A.u16, b.u16, 1));
        T(vmlaq_laneq_s32(C.s32, A.s32, B.s32, 2));
        T(vmlsq_laneq_s16(C.s16, A.s16, B.s16, 4));
        T(vmls_lane_u32(c.u32, a.u32, b.u32, 0));
        T(vmull_lane_s16(a.s16, b.s16, 2));
        T(vmull_laneq_u32(a.u32, B.u32, 3));
        T(vmull_high_laneq_u16(A.u16, B.u16, 7));
        T(vmull_high_lane_s32(A.s32, b.s32, 1));
        T(vmlal_laneq_s16(C.s32, a.s16, B.s16, 7));
        T(vmlal_high_lane_u32(C.u64, A.u32, b.u32, 0));
        T(vmlsl_lane_u32(C.u64, a.u32, b.u32, 1));
        T(vmlsl_high_laneq_s16(C.s32, A.s16, B.s16, 1));
        T(vqdmull_lane_s16(a.s16, b.s16, 3));
        T(vqdmull_high_laneq_s32(A.s32, B.s32, 2));
        T(vqdmlal_laneq_s32(C.s64, a.s32, B.s32, 3));
        T(vqdmlsl_lane_s16(C.s32, a.s16, b.s16, 0));
        T(vmulq_n_s16(A.s16, (int16_t)R));
        T(vmul_n_u32(a.u32, (uint32_t)R));
        T(vmlaq_n_u32(C.u32, A.u32, (uint32_t)R));
        T(vmlsq_n_s16(C.s16, A.s16, (int16_t)R));
        T(vmull_n_s16(a.s16, (int16_t)R));
        T(vmull_high_n_u32(A.u32, (uint32_t)R));
        T(vmlal_n_s32(C.s64, a.s32, (int32_t)R));
        T(vqdmull_n_s16(a.s16, (int16_t)R));
    }
    SHOW(vdupq_laneq_s16(A.s16, 5));
    SHOW((int64_t)vgetq_lane_s8(A.s8, 5));
    SHOW(vcopyq_laneq_s8(A.s8, 3, B.s8, 12));
    SHOW(vmlal_laneq_s16(C.s32, a.s16, B.s16, 7));
    vs_end();
}

/* LD1R: GCC expands vld1q_dup_* as a scalar load and DUP, so reach the
 * replicating load (plain, post-index immediate and register) directly */
static uint8x16_t ld1r_16b(const uint8_t *p)
{
    uint8x16_t v;
    __asm__("ld1r {%0.16b}, [%1]" : "=w"(v) : "r"(p) : "memory");
    return v;
}

static uint16x8_t ld1r_8h_post(const uint8_t *p, uint64_t *moved)
{
    uint16x8_t v;
    const uint8_t *q = p;
    __asm__("ld1r {%0.8h}, [%1], #2" : "=w"(v), "+r"(q) : : "memory");
    *moved = (uint64_t)(q - p);
    return v;
}

static uint32x2_t ld1r_2s(const uint8_t *p)
{
    uint32x2_t v;
    __asm__("ld1r {%0.2s}, [%1]" : "=w"(v) : "r"(p) : "memory");
    return v;
}

static uint64x1_t ld1r_1d_postreg(const uint8_t *p, uint64_t inc, uint64_t *moved)
{
    uint64x1_t v;
    const uint8_t *q = p;
    __asm__("ld1r {%0.1d}, [%1], %2" : "=w"(v), "+r"(q) : "r"(inc) : "memory");
    *moved = (uint64_t)(q - p);
    return v;
}

/* store forms: clear the output buffer, store, hash the whole buffer */
#define ST(stmt) ({ memset(out, 0, sizeof out); stmt; static int vs_s_ = -1; \
                    vs_mix(&vs_s_, #stmt, out, sizeof out); })

static void grp_ldst(void)
{
    vs_begin("load/store");
    for (int it = 0; it < ITERS; it++) {
        fill();
        /* offsets element-aligned (C requires it), otherwise arbitrary */
        size_t o = vs_rnd() % 64;
        const uint8_t *m8 = mem + o;
        const uint16_t *m16 = (const uint16_t *)(mem + (o & ~1ul));
        const int16_t *ms16 = (const int16_t *)(mem + (o & ~1ul));
        const uint32_t *m32 = (const uint32_t *)(mem + (o & ~3ul));
        const int32_t *ms32 = (const int32_t *)(mem + (o & ~3ul));
        const uint64_t *m64 = (const uint64_t *)(mem + (o & ~7ul));
        const int64_t *ms64 = (const int64_t *)(mem + (o & ~7ul));
        const int8_t *ms8 = (const int8_t *)(mem + o);
        T(vld1q_u8(m8));
        T(vld1_s8(ms8));
        T(vld1q_u16(m16));
        T(vld1_s32(ms32));
        T(vld1q_u64(m64));
        T(vld1_s64(ms64));
        T(vld1q_u8_x2(m8));
        T(vld1q_u16_x3(m16));
        T(vld1q_u32_x4(m32));
        T(vld1_u8_x3(m8));
        T(vld1_s64_x2(ms64));
        T(vld2q_u8(m8));
        T(vld2_s8(ms8));
        T(vld2q_s16(ms16));
        T(vld2_u16(m16));
        T(vld2q_u32(m32));
        T(vld2_s32(ms32));
        T(vld2q_u64(m64));
        T(vld2_u64(m64));
        T(vld3q_s8(ms8));
        T(vld3_u8(m8));
        T(vld3q_u16(m16));
        T(vld3_s16(ms16));
        T(vld3q_s32(ms32));
        T(vld3q_u64(m64));
        T(vld4q_u8(m8));
        T(vld4_s8(ms8));
        T(vld4q_s16(ms16));
        T(vld4_u16(m16));
        T(vld4q_u32(m32));
        T(vld4_s32(ms32));
        T(vld4q_s64(ms64));
        T(vld1q_lane_u8(m8, A.u8, 13));
        T(vld1q_lane_s16(ms16, A.s16, 2));
        T(vld1q_lane_u32(m32, A.u32, 3));
        T(vld1q_lane_s64(ms64, A.s64, 1));
        T(vld1_lane_u8(m8, a.u8, 0));
        uint16x8x2_t l2 = { { A.u16, B.u16 } };
        int32x4x3_t l3 = { { A.s32, B.s32, C.s32 } };
        uint8x16x4_t l4 = { { A.u8, B.u8, C.u8, D.u8 } };
        int16x4x4_t l4d = { { a.s16, b.s16, c.s16, d.s16 } };
        uint64x2x2_t l2q64 = { { A.u64, B.u64 } };
        uint8x8x3_t l3d8 = { { a.u8, b.u8, c.u8 } };
        T(vld2q_lane_u16(m16, l2, 5));
        T(vld3q_lane_s32(ms32, l3, 2));
        T(vld4q_lane_u8(m8, l4, 11));
        T(vld4_lane_s16(ms16, l4d, 3));
        T(vld2q_lane_u64(m64, l2q64, 1));
        T(vld3_lane_u8(m8, l3d8, 6));
        T(vld1q_dup_u8(m8));
        T(vld1q_dup_s16(ms16));
        T(vld1_dup_s64(ms64));
        T(vld1q_dup_u64(m64));
        T(vld2q_dup_u16(m16));
        T(vld2_dup_u8(m8));
        T(vld3q_dup_s32(ms32));
        T(vld3_dup_u16(m16));
        T(vld4q_dup_u64(m64));
        T(vld4_dup_u8(m8));
        T(vld4q_dup_s8(ms8));
        uint64_t moved = 0;
        T(ld1r_16b(m8));
        T(ld1r_8h_post((const uint8_t *)m16, &moved));
        T(moved);
        T(ld1r_2s((const uint8_t *)m32));
        T(ld1r_1d_postreg((const uint8_t *)m64, R % 64, &moved));
        T(moved);

        uint8_t *w8 = out + o;
        uint16_t *w16 = (uint16_t *)(out + (o & ~1ul));
        int16_t *ws16 = (int16_t *)(out + (o & ~1ul));
        uint32_t *w32 = (uint32_t *)(out + (o & ~3ul));
        int32_t *ws32 = (int32_t *)(out + (o & ~3ul));
        uint64_t *w64 = (uint64_t *)(out + (o & ~7ul));
        int8_t *ws8 = (int8_t *)(out + o);
        uint8x16x2_t s2 = { { A.u8, B.u8 } };
        int16x8x3_t s3 = { { A.s16, B.s16, C.s16 } };
        uint32x4x4_t s4 = { { A.u32, B.u32, C.u32, D.u32 } };
        int8x8x2_t s2d = { { a.s8, b.s8 } };
        uint16x4x3_t s3d = { { a.u16, b.u16, c.u16 } };
        uint8x8x4_t s4d = { { a.u8, b.u8, c.u8, d.u8 } };
        uint64x2x4_t s4q64 = { { A.u64, B.u64, C.u64, D.u64 } };
        int32x2x2_t s2d32 = { { a.s32, b.s32 } };
        ST(vst1q_u8(w8, A.u8));
        ST(vst1_u16(w16, a.u16));
        ST(vst1q_s32(ws32, A.s32));
        ST(vst1q_u64(w64, A.u64));
        ST(vst1q_u8_x2(w8, s2));
        ST(vst1q_s16_x3(ws16, s3));
        ST(vst1q_u32_x4(w32, s4));
        ST(vst1_u8_x4(w8, s4d));
        ST(vst2q_u8(w8, s2));
        ST(vst2_s8(ws8, s2d));
        ST(vst2_s32(ws32, s2d32));
        ST(vst3q_s16(ws16, s3));
        ST(vst3_u16(w16, s3d));
        ST(vst4q_u32(w32, s4));
        ST(vst4_u8(w8, s4d));
        ST(vst4q_u64(w64, s4q64));
        ST(vst1q_lane_u16(w16, A.u16, 6));
        ST(vst1q_lane_u64(w64, A.u64, 1));
        ST(vst1_lane_s8(ws8, a.s8, 7));
        ST(vst2q_lane_u8(w8, s2, 14));
        ST(vst2_lane_s32(ws32, s2d32, 1));
        ST(vst3q_lane_s16(ws16, s3, 7));
        ST(vst3_lane_u16(w16, s3d, 2));
        ST(vst4q_lane_u32(w32, s4, 3));
        ST(vst4_lane_u8(w8, s4d, 5));
        ST(vst4q_lane_u64(w64, s4q64, 0));
    }
    int8x16x3_t v3 = vld3q_s8((const int8_t *)mem + 1);
    SHOW(v3);
    uint16x4x4_t v4 = vld4_dup_u16((const uint16_t *)mem + 3);
    SHOW(v4);
    vs_end();
}

int main(void)
{
    grp_arith();
    grp_widen();
    grp_sat();
    grp_shimm();
    grp_shreg();
    grp_across();
    grp_perm();
    grp_lanes();
    grp_ldst();
    return 0;
}

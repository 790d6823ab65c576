/* Advanced SIMD floating-point intrinsics (arm_neon.h) on float and double
 * lanes: arithmetic, fused multiply-add, min/max(nm), compares, conversions
 * (incl. fixed point and half precision), rounding, reciprocal/rsqrt
 * estimates and steps, pairwise and across-lane. Inputs mix specials (NaNs
 * with payloads, infinities, zeros, denormals, halves, integer-range edges)
 * with random values; every group runs under four FPCR settings (rounding
 * mode, FZ, DN) and prints the FPSR flags it raised. Hashes cover exact bits. */
#include <arm_neon.h>

#include "vecsum.h"

#define ITERS 120

union fq {
    float32x4_t f32;
    float64x2_t f64;
    int32x4_t s32;
    uint32x4_t u32;
    int64x2_t s64;
    uint64x2_t u64;
    float16x4_t h16[2];
    float16x8_t h16q;
    uint8_t b[16];
};
union fd {
    float32x2_t f32;
    float64x1_t f64;
    int32x2_t s32;
    uint32x2_t u32;
    int64x1_t s64;
    uint64x1_t u64;
    float16x4_t h16;
    uint8_t b[8];
};

/* F*: float lanes, D*: double lanes, I: integers for int->FP */
static union fq FA, FB, FC, DA, DB, DC, I, H;
static union fd fa, fb, fc, da, db, dc, i2;
static float fs1, fs2;
static double ds1, ds2;

static uint32_t rand_f32_bits(void)
{
    static const uint32_t special[] = {
        0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0xffc00001, 0x7f800001,
        0x7fa5a5a5, 0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0x3f800000, 0xbf800000,
        0x3f000000, 0x4f000000, 0xcf000000, 0x4f800000, 0x5f000000, 0xdf000000, 0x5f800000,
        0x4effffff, 0x3fc00000, 0x40200000, 0xc0600000, 0x3effffff, 0x4b000001, 0x34000000,
    };
    uint64_t r = vs_rnd();
    uint32_t sign = (uint32_t)(r >> 63) << 31;
    switch (r % 8) {
    case 0:
    case 1:
        return special[(r >> 8) % (sizeof special / sizeof special[0])] ^ (uint32_t)((r >> 40) & 1) << 31;
    case 2:
        return (uint32_t)(r >> 16);
    case 3: { /* small multiples of 1/4: rounding ties */
        float f = (float)((int)((r >> 8) % 64) - 32) * 0.25f;
        uint32_t u;
        memcpy(&u, &f, 4);
        return u;
    }
    case 4: /* denormals */
        return sign | (uint32_t)((r >> 20) & 0x7fffff);
    default: /* exponents 2^-30 .. 2^70: around every integer range */
        return sign | (uint32_t)(127 - 30 + (r >> 8) % 100) << 23 | (uint32_t)((r >> 24) & 0x7fffff);
    }
}

static uint64_t rand_f64_bits(void)
{
    static const uint64_t special[] = {
        0, 0x8000000000000000ull, 0x7ff0000000000000ull, 0xfff0000000000000ull,
        0x7ff8000000000000ull, 0xfff8000000000123ull, 0x7ff0000000000001ull, 0x7ff4a5a5a5a5a5a5ull,
        1, 0x000fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull,
        0x3ff0000000000000ull, 0x3fe0000000000000ull, 0x41e0000000000000ull, 0x41efffffffe00000ull,
        0x41f0000000000000ull, 0x43e0000000000000ull, 0x43f0000000000000ull, 0x43dfffffffffffffull,
        0x4004000000000000ull, 0xc00c000000000000ull, 0x3fdfffffffffffffull, 0x4330000000000001ull,
        0x36a0000000000000ull, 0x47efffffe0000000ull, 0x3810000000000000ull, 0x380fffffffffffffull,
    };
    uint64_t r = vs_rnd();
    uint64_t sign = r >> 63 << 63;
    switch (r % 8) {
    case 0:
    case 1:
        return special[(r >> 8) % (sizeof special / sizeof special[0])] ^ ((r >> 40) & 1) << 63;
    case 2:
        return vs_rnd();
    case 3: {
        double f = (double)((int)((r >> 8) % 64) - 32) * 0.25;
        uint64_t u;
        memcpy(&u, &f, 8);
        return u;
    }
    case 4:
        return sign | (vs_rnd() & 0xfffffffffffffull);
    default: /* 2^-40 .. 2^90, and float-range edges for FCVTN/FCVTXN */
        return sign | (uint64_t)(1023 - 40 + (r >> 8) % 130) << 52 | (vs_rnd() >> 12);
    }
}

static void fill_f(void *dst, int nlanes)
{
    for (int i = 0; i < nlanes; i++) {
        uint32_t u = rand_f32_bits();
        memcpy((uint8_t *)dst + 4 * i, &u, 4);
    }
}

static void fill_d(void *dst, int nlanes)
{
    for (int i = 0; i < nlanes; i++) {
        uint64_t u = rand_f64_bits();
        memcpy((uint8_t *)dst + 8 * i, &u, 8);
    }
}

static void fill(void)
{
    fill_f(&FA, 4);
    fill_f(&FB, 4);
    fill_f(&FC, 4);
    fill_f(&fa, 2);
    fill_f(&fb, 2);
    fill_f(&fc, 2);
    fill_d(&DA, 2);
    fill_d(&DB, 2);
    fill_d(&DC, 2);
    fill_d(&da, 1);
    fill_d(&db, 1);
    fill_d(&dc, 1);
    fill_f(&fs1, 1);
    fill_f(&fs2, 1);
    fill_d(&ds1, 1);
    fill_d(&ds2, 1);
    vs_fill(&I, 16);
    vs_fill(&i2, 8);
    vs_fill(&H, 16);
    /* shrink some integers so int->FP conversions are exact sometimes */
    if (vs_rnd() & 1)
        I.s64 = vshrq_n_s64(I.s64, 40);
}

static uint64_t fpsr_get(void)
{
    uint64_t v;
    __asm__ volatile("mrs %0, fpsr" : "=r"(v)::"memory");
    return v;
}

static void fpsr_set(uint64_t v)
{
    __asm__ volatile("msr fpsr, %0" ::"r"(v) : "memory");
}

static void fpcr_set(uint64_t v)
{
    __asm__ volatile("msr fpcr, %0" ::"r"(v) : "memory");
}

static const char *mode_name;

static void group_begin(const char *g)
{
    static char name[64];
    snprintf(name, sizeof name, "%s [%s]", g, mode_name);
    vs_begin(name);
    fpsr_set(0);
}

static void group_end(void)
{
    uint64_t f = fpsr_get();
    vs_end();
    printf("  fpsr %08" PRIx64 "\n", f);
}

/* float and double sweeps of one intrinsic (tables of call sites) */
#define BIN(op)                                                                                  \
    T(op##q_f32(FA.f32, FB.f32)); T(op##_f32(fa.f32, fb.f32)); T(op##q_f64(DA.f64, DB.f64));   \
    T(op##_f64(da.f64, db.f64))
#define BINQ(op) T(op##q_f32(FA.f32, FB.f32)); T(op##_f32(fa.f32, fb.f32)); T(op##q_f64(DA.f64, DB.f64))
#define UN(op) T(op##q_f32(FA.f32)); T(op##_f32(fa.f32)); T(op##q_f64(DA.f64)); T(op##_f64(da.f64))
#define TER(op)                                                                                  \
    T(op##q_f32(FC.f32, FA.f32, FB.f32)); T(op##_f32(fc.f32, fa.f32, fb.f32));                 \
    T(op##q_f64(DC.f64, DA.f64, DB.f64)); T(op##_f64(dc.f64, da.f64, db.f64))
#define RND(op)                                                                                  \
    UN(op); T(op##q_f32(vmulq_n_f32(FA.f32, 0.5f))); T(op##q_f64(vmulq_n_f64(DA.f64, 0.25)))

static void grp_arith(void)
{
    group_begin("arith");
    for (int it = 0; it < ITERS; it++) {
        fill();
        BIN(vadd);
        BIN(vsub);
        BIN(vmul);
        BIN(vdiv);
        BIN(vabd);
        BIN(vmulx);
        UN(vabs);
        UN(vneg);
        UN(vsqrt);
        TER(vfma);
        TER(vfms);
        T(vmlaq_f32(FC.f32, FA.f32, FB.f32));
        T(vmlsq_f64(DC.f64, DA.f64, DB.f64));
        T(vfmaq_n_f32(FC.f32, FA.f32, fs1));
        T(vfmsq_n_f64(DC.f64, DA.f64, ds1));
        T(vfmaq_lane_f32(FC.f32, FA.f32, fb.f32, 1));
        T(vfmaq_laneq_f32(FC.f32, FA.f32, FB.f32, 3));
        T(vfmsq_laneq_f32(FC.f32, FA.f32, FB.f32, 2));
        T(vfma_lane_f32(fc.f32, fa.f32, fb.f32, 0));
        T(vfmaq_laneq_f64(DC.f64, DA.f64, DB.f64, 1));
        T(vfmsq_lane_f64(DC.f64, DA.f64, db.f64, 0));
        T(vfmas_laneq_f32(fs1, fs2, FB.f32, 2));
        T(vfmad_laneq_f64(ds1, ds2, DB.f64, 1));
        T(vmulq_lane_f32(FA.f32, fb.f32, 1));
        T(vmulq_laneq_f32(FA.f32, FB.f32, 3));
        T(vmulq_laneq_f64(DA.f64, DB.f64, 0));
        T(vmuls_lane_f32(fs1, fb.f32, 1));
        T(vmulxq_laneq_f32(FA.f32, FB.f32, 1));
        T(vmulxq_lane_f64(DA.f64, db.f64, 0));
        T(vmulxs_f32(fs1, fs2));
        T(vmulxd_f64(ds1, ds2));
        T(vmulxd_laneq_f64(ds1, DB.f64, 1));
        T(vmulq_n_f32(FA.f32, fs1));
        T(vabds_f32(fs1, fs2));
        T(vabdd_f64(ds1, ds2));
    }
    SHOW(vaddq_f32(FA.f32, FB.f32));
    SHOW(vdivq_f64(DA.f64, DB.f64));
    SHOW(vfmaq_f32(FC.f32, FA.f32, FB.f32));
    SHOW(vmulxq_f64(DA.f64, DB.f64));
    group_end();
}

static void grp_minmax(void)
{
    group_begin("minmax/compare");
    for (int it = 0; it < ITERS; it++) {
        fill();
        BIN(vmax);
        BIN(vmin);
        BIN(vmaxnm);
        BIN(vminnm);
        BIN(vceq);
        BIN(vcge);
        BIN(vcgt);
        BIN(vcle);
        BIN(vclt);
        BIN(vcage);
        BIN(vcagt);
        BIN(vcale);
        BIN(vcalt);
        UN(vceqz);
        UN(vcgez);
        UN(vcgtz);
        UN(vclez);
        UN(vcltz);
        T(vceqs_f32(fs1, fs2));
        T(vcged_f64(ds1, ds2));
        T(vcgts_f32(fs1, fs2));
        T(vcaltd_f64(ds1, ds2));
        T(vcagts_f32(fs1, fs2));
        T(vceqzd_f64(ds1));
        T(vcltzs_f32(fs1));
        T(vmaxnmvq_f32(FA.f32));
        T(vminnmvq_f32(FA.f32));
        T(vmaxvq_f32(FA.f32));
        T(vminvq_f32(FA.f32));
        T(vmaxv_f32(fa.f32));
        T(vminnmv_f32(fa.f32));
        T(vmaxvq_f64(DA.f64));
        T(vminnmvq_f64(DA.f64));
        BINQ(vpmax);
        BINQ(vpmin);
        BINQ(vpmaxnm);
        BINQ(vpminnm);
        T(vpmaxs_f32(fa.f32));
        T(vpminnmqd_f64(DA.f64));
        T(vpmaxnms_f32(fa.f32));
        T(vpminqd_f64(DA.f64));
        T(vbslq_f32(FC.u32, FA.f32, FB.f32));
    }
    SHOW(vmaxq_f32(FA.f32, FB.f32));
    SHOW(vminnmq_f64(DA.f64, DB.f64));
    SHOW(vcageq_f32(FA.f32, FB.f32));
    SHOW(vpmaxnmq_f32(FA.f32, FB.f32));
    group_end();
}

static void grp_conv(void)
{
    group_begin("convert");
    for (int it = 0; it < ITERS; it++) {
        fill();
        T(vcvtq_s32_f32(FA.f32));
        T(vcvtq_u32_f32(FA.f32));
        T(vcvt_s32_f32(fa.f32));
        T(vcvtq_s64_f64(DA.f64));
        T(vcvtq_u64_f64(DA.f64));
        T(vcvt_u64_f64(da.f64));
        T(vcvtnq_s32_f32(FA.f32));
        T(vcvtnq_u32_f32(FA.f32));
        T(vcvtmq_s32_f32(FA.f32));
        T(vcvtmq_u64_f64(DA.f64));
        T(vcvtpq_s64_f64(DA.f64));
        T(vcvtpq_u32_f32(FA.f32));
        T(vcvtaq_s32_f32(FA.f32));
        T(vcvtaq_u64_f64(DA.f64));
        T(vcvtaq_s64_f64(DA.f64));
        T(vcvtad_s64_f64(ds1));
        T(vcvtn_s64_f64(da.f64));
        T(vcvtas_u32_f32(fs1));
        T(vcvtmd_s64_f64(ds1));
        T(vcvtps_s32_f32(fs1));
        T(vcvtnd_u64_f64(ds1));
        T(vcvts_s32_f32(fs1));
        T(vcvtd_u64_f64(ds1));
        T(vcvtq_f32_s32(I.s32));
        T(vcvtq_f32_u32(I.u32));
        T(vcvt_f32_s32(i2.s32));
        T(vcvtq_f64_s64(I.s64));
        T(vcvtq_f64_u64(I.u64));
        T(vcvt_f64_u64(i2.u64));
        T(vcvts_f32_s32(vgetq_lane_s32(I.s32, 1)));
        T(vcvtd_f64_u64(vgetq_lane_u64(I.u64, 0)));
        T(vcvtq_n_s32_f32(FA.f32, 1));
        T(vcvtq_n_s32_f32(FA.f32, 16));
        T(vcvtq_n_u32_f32(FA.f32, 32));
        T(vcvt_n_u32_f32(fa.f32, 5));
        T(vcvtq_n_s64_f64(DA.f64, 64));
        T(vcvtq_n_u64_f64(DA.f64, 1));
        T(vcvtq_n_s64_f64(DA.f64, 30));
        T(vcvtq_n_f32_s32(I.s32, 1));
        T(vcvtq_n_f32_u32(I.u32, 32));
        T(vcvtq_n_f32_s32(I.s32, 17));
        T(vcvtq_n_f64_s64(I.s64, 64));
        T(vcvtq_n_f64_u64(I.u64, 12));
        T(vcvt_n_f32_u32(i2.u32, 3));
        T(vcvts_n_s32_f32(fs1, 8));
        T(vcvtd_n_u64_f64(ds1, 63));
        T(vcvts_n_f32_u32(vgetq_lane_u32(I.u32, 2), 32));
        T(vcvtd_n_f64_s64(vgetq_lane_s64(I.s64, 1), 7));
        T(vcvt_f64_f32(fa.f32));
        T(vcvt_high_f64_f32(FA.f32));
        T(vcvt_f32_f64(DA.f64));
        T(vcvt_high_f32_f64(fa.f32, DA.f64));
        T(vcvtx_f32_f64(DA.f64));
        T(vcvtx_high_f32_f64(fa.f32, DA.f64));
        T(vcvtxd_f32_f64(ds1));
        T(vcvt_f32_f16(H.h16[0]));
        T(vcvt_high_f32_f16(H.h16q));
        T(vcvt_f16_f32(FA.f32));
        T(vcvt_high_f16_f32(H.h16[1], FA.f32));
    }
    SHOW(vcvtq_s32_f32(FA.f32));
    SHOW(vcvtq_n_u32_f32(FA.f32, 32));
    SHOW(vcvtq_n_f64_s64(I.s64, 64));
    SHOW(vcvtx_f32_f64(DA.f64));
    SHOW(vcvt_f16_f32(FA.f32));
    group_end();
}

static void grp_round(void)
{
    group_begin("round/estimate");
    for (int it = 0; it < ITERS; it++) {
        fill();
        RND(vrnd);
        RND(vrndn);
        RND(vrndm);
        RND(vrndp);
        RND(vrnda);
        RND(vrndi);
        RND(vrndx);
        T(vrndns_f32(fs1));
        UN(vrecpe);
        UN(vrsqrte);
        BIN(vrecps);
        BIN(vrsqrts);
        T(vrecpes_f32(fs1));
        T(vrecped_f64(ds1));
        T(vrsqrtes_f32(fs1));
        T(vrsqrted_f64(ds1));
        T(vrecpss_f32(fs1, fs2));
        T(vrsqrtsd_f64(ds1, ds2));
        T(vrecpxs_f32(fs1));
        T(vrecpxd_f64(ds1));
        T(vrecpeq_u32(I.u32));
        T(vrsqrteq_u32(I.u32));
        T(vrecpe_u32(i2.u32));
        T(vrsqrte_u32(i2.u32));
        /* one Newton step as user code writes it */
        float32x4_t e = vrecpeq_f32(FA.f32);
        T(vmulq_f32(e, vrecpsq_f32(FA.f32, e)));
    }
    SHOW(vrndaq_f32(FA.f32));
    SHOW(vrndxq_f64(DA.f64));
    SHOW(vrecpeq_f32(FA.f32));
    SHOW(vrsqrteq_f64(DA.f64));
    SHOW(vrecpsq_f32(FA.f32, FB.f32));
    group_end();
}

static void grp_pair(void)
{
    group_begin("pairwise/across");
    for (int it = 0; it < ITERS; it++) {
        fill();
        BINQ(vpadd);
        T(vpadds_f32(fa.f32));
        T(vpaddd_f64(DA.f64));
        T(vaddvq_f32(FA.f32));
        T(vaddv_f32(fa.f32));
        T(vaddvq_f64(DA.f64));
        T(vdupq_n_f32(fs1));
        T(vdupq_laneq_f64(DA.f64, 1));
        T(vgetq_lane_f32(FA.f32, 3));
        T(vsetq_lane_f64(ds1, DA.f64, 0));
        T(vextq_f32(FA.f32, FB.f32, 3));
        T(vzip1q_f32(FA.f32, FB.f32));
        T(vtrn2q_f64(DA.f64, DB.f64));
        T(vrev64q_f32(FA.f32));
    }
    SHOW(vpaddq_f32(FA.f32, FB.f32));
    SHOW(vaddvq_f32(FA.f32));
    group_end();
}

int main(void)
{
    /* FPCR: RMode bits 23:22 (0 RN, 1 RP, 2 RM, 3 RZ), FZ bit 24, DN bit 25 */
    static const struct {
        const char *name;
        uint64_t fpcr;
    } modes[] = {
        { "rn", 0 },
        { "rp", 1u << 22 },
        { "rm fz", 2u << 22 | 1u << 24 },
        { "rz dn", 3u << 22 | 1u << 25 },
    };
    for (unsigned m = 0; m < sizeof modes / sizeof modes[0]; m++) {
        mode_name = modes[m].name;
        vs_state = 0x9e3779b97f4a7c15ull; /* same inputs in every mode */
        fpcr_set(modes[m].fpcr);
        grp_arith();
        grp_minmax();
        grp_conv();
        grp_round();
        grp_pair();
        fpcr_set(0);
    }
    return 0;
}

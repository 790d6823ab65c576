/* Unit tests for the scalar floating-point class: decoder fields on known
 * encodings (words from aarch64-linux-gnu-as/objdump), encodings that must
 * not decode, hand-checked semantics (rounding, NaN rules, DN, FZ, flags),
 * and sweeps over edge-value operands and FPCR modes whose results were
 * hashed under qemu-aarch64 -cpu cortex-a53 (set PVM_FP_DUMP=file to write
 * every case, in the format the qemu oracle dumps, to diff them). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "interp/decode.h"
#include "interp/fpu.h"
#include "interp/ops.h"

/* ---- case sweep: shared with the qemu oracle, so no pvm dependencies ---- */
/* FPK_1/2/3: every combination of edge values; FPK_INT: integer edge values
 * in X1; FPK_IMM8: all 256 imm8 fields; FPK_R1/R2/R3/RI: 400 pseudo-random
 * operand sets per mode, drawn to hit ties, tininess and saturation */
enum fpk { FPK_1, FPK_2, FPK_3, FPK_INT, FPK_IMM8, FPK_R1, FPK_R2, FPK_R3, FPK_RI };
/* word uses d0/x0 as destination, 1, 2, 3 as sources; vs = source precision
 * (1 H, 2 S, 3 D); modes = bit set over fp_modes[]; hash = qemu's result */
struct fp_sweep {
    uint32_t word;
    uint8_t kind, vs;
    uint16_t modes;
    uint64_t hash;
};
struct fp_state {
    uint64_t v[4][2];
    uint64_t x[4];
    uint64_t fpcr, fpsr, nzcv;
};
typedef void (*fp_runner)(struct fp_state *s, uint32_t word, void *ctx);

/* RN, RP, RM, RZ, FZ, DN, FZ|DN|RZ, FZ|RP */
static const uint32_t fp_modes[8] = {0, 0x400000, 0x800000, 0xc00000, 0x1000000, 0x2000000, 0x3c00000, 0x1400000};
static const uint64_t fp_vh[] = {0, 0x8000, 0x0001, 0x83ff, 0x0400, 0x3c00, 0xbc00, 0x7bff, 0x7c00, 0xfc00,
                                 0x7e00, 0xfe12, 0x7c01, 0xfd23, 0x3555, 0x5640, 0x0200, 0x3e00, 0xc500, 0x1234};
static const uint64_t fp_vs[] = {
    0x00000000, 0x80000000, 0x00000001, 0x807fffff, 0x00400000, 0x00800000, 0x80800001, 0x3f800000, 0xbf800000,
    0x3fc00000, 0x40400000, 0xc0200000, 0x3f000000, 0x3dcccccd, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000,
    0x7fc00000, 0xffc12345, 0x7f800001, 0xff912345, 0x4f000000, 0xcf000000, 0x5f000000, 0x5f800000, 0x4effffff,
    0x1f800001, 0x9fffffff, 0x4b000001, 0x3fffffff, 0x40490fdb, 0xcf000001, 0x3f400000, 0xbfc00000, 0x40200000,
    0x477fe000, 0x477ff000, 0x387fc000, 0x33800000, 0x33000000, 0x4e934f06, 0x45062e3f, 0x4ac497c8, 0x3c4a98cc,
    0x4dc0f3a7, 0x318b0051, 0x3d88f105, 0x334688b7, 0x6cad4a26, 0x0f21ddb6};
static const uint64_t fp_vd[] = {
    0x0000000000000000ull, 0x8000000000000000ull, 0x0000000000000001ull, 0x800fffffffffffffull,
    0x0008000000000000ull, 0x0010000000000000ull, 0x8010000000000001ull, 0x3ff0000000000000ull,
    0xbff0000000000000ull, 0x3ff8000000000000ull, 0x4008000000000000ull, 0xc004000000000000ull,
    0x3fe0000000000000ull, 0x3fb999999999999aull, 0x7fefffffffffffffull, 0xffefffffffffffffull,
    0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull, 0xfff8000000012345ull,
    0x7ff0000000000001ull, 0xfff4000000012345ull, 0x41e0000000000000ull, 0xc1e0000000000000ull,
    0x43e0000000000000ull, 0x43f0000000000000ull, 0x43efffffffffffffull, 0xc3e0000000000001ull,
    0x41dfffffffc00000ull, 0xc1e0000000200000ull, 0x41efffffffe00000ull, 0x2000000000000001ull,
    0x9fffffffffffffffull, 0x4330000000000001ull, 0x3fffffffffffffffull, 0x400921fb54442d18ull,
    0x3fe8000000000000ull, 0xbff8000000000000ull, 0x4004000000000000ull, 0x380fffffe0000000ull,
    0x3810000000000000ull, 0x36a0000000000000ull, 0x47efffffe0000000ull, 0x47efffffffffffffull,
    0x3e70000000000000ull, 0x40effc0000000000ull, 0x40effe0000000000ull, 0x380ffffff0000000ull,
    0xc0bf28c11fb17c23ull, 0x413953f4a09f76b5ull, 0xbca95e6093bd04cfull, 0x3c93898df9ebdaccull,
    0x40a2217bdbc496cbull, 0x3f88a6a624ede6a4ull, 0x40c8f6d04ef8aa38ull, 0xc1a1a61d2e44158bull,
    0x923a736994e3bf91ull};
static const uint64_t fp_vi[] = {
    0, 1, 0xffffffffffffffffull, 0x7fffffff, 0x80000000, 0xffffffff, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0x100000001ull, 0x123456789abcdef1ull, 0x1000001, 0x1000003, 0x20000000000001ull, 0x20000000000003ull,
    0xfffffffffeffffffull, 0xffffffff80000001ull, 0xfffffff0, 0x7fffff80, 0xffffffffffffff81ull,
    0x8000008000000001ull, 0xfffffffffffffc01ull, 0x301850c5a38fd547ull, 0x18f135d25f557203ull,
    0xb64ce4228c38fb29ull, 0x907a70c31012f037ull, 0x13ceedull, 0x1fc5414ull, 0x186d76b07eull, 0x1dcc6bc4ull};
/* three-operand sweeps use shorter lists (the cube grows fast) */
static const uint64_t fp_vs3[] = {0, 0x80000000, 1, 0x3f800000, 0xbf800000, 0x3fc00000, 0x7f7fffff,
                                  0x7f800000, 0xff800000, 0x7fc00000, 0xffc12345, 0x7f800001, 0xff912345,
                                  0x1f800001, 0x00800000, 0x3dcccccd, 0xc0200000, 0xce3a01f2, 0x3a1fcc71,
                                  0xb65978a6};
static const uint64_t fp_vd3[] = {
    0, 0x8000000000000000ull, 1, 0x3ff0000000000000ull, 0xbff0000000000000ull, 0x3ff8000000000000ull,
    0x7fefffffffffffffull, 0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
    0xfff8000000012345ull, 0x7ff0000000000001ull, 0xfff4000000012345ull, 0x2000000000000001ull,
    0x0010000000000000ull, 0x3fb999999999999aull, 0xc004000000000000ull, 0xbe2930d614f4733full,
    0x406e00907ebff206ull, 0x42049b6472e6cc3aull};
#define FP_N(a) (sizeof(a) / sizeof((a)[0]))

static uint64_t fp_fnv(uint64_t h, uint64_t v)
{
    for (int k = 0; k < 8; k++)
        h = (h ^ ((v >> (8 * k)) & 0xff)) * 0x100000001b3ull;
    return h;
}

static uint64_t fp_xs(uint64_t *st)
{
    *st ^= *st >> 12;
    *st ^= *st << 25;
    *st ^= *st >> 27;
    return *st * 0x2545F4914F6CDD1Dull;
}
/* a random value of precision vs (1 H, 2 S, 3 D), or an integer (vs 0) */
static uint64_t fp_rval(uint64_t *st, unsigned vs)
{
    uint64_t r = fp_xs(st), q = fp_xs(st);
    if (vs == 0) {
        switch (r & 7) {
        case 0: return q & 0xffffff;
        case 1: return (q & 0x1ffffff) | 0x1000000;
        case 2: return (uint32_t)q;
        case 3: return (q & 0x3fffffffffffffull) | 0x20000000000000ull;
        case 4: return (uint64_t) - (int64_t)(q & 0xffff);
        case 5: return (uint32_t) - (int32_t)(q & 0x7ffffff);
        default: return q;
        }
    }
    unsigned eb = vs == 1 ? 5 : vs == 2 ? 8 : 11, mb = vs == 1 ? 10 : vs == 2 ? 23 : 52;
    int bias = (1 << (eb - 1)) - 1, emax = (1 << eb) - 2, e;
    switch (r & 7) {
    case 0: case 1: case 2: e = bias + (int)((r >> 8) % 9) - 4; break;
    case 3: e = bias / 2 + (int)((r >> 8) % 5) - 2; break;     /* squares land near the normal minimum */
    case 4: e = (int)((r >> 8) % 4); break;                    /* denormals and the smallest normals */
    case 5: e = emax - (int)((r >> 8) % 4); break;
    case 6: e = bias + (vs == 3 ? 61 : 29) + (int)((r >> 8) % 5); break; /* near 2^31, 2^63 */
    default: e = (int)((r >> 8) % (unsigned)(emax + 2)); break;
    }
    if (e < 0)
        e = 0;
    uint64_t m = q & ((1ull << mb) - 1);
    if ((r >> 16) & 1) /* few low bits: exact halves and ties */
        m &= ~((1ull << ((r >> 20) % mb)) - 1);
    return ((r >> 32) & 1) << (eb + mb) | (uint64_t)e << mb | m;
}

/* one case: fixed register file around the operands; returns the new hash */
static uint64_t fp_case(const struct fp_sweep *e, uint32_t word, uint32_t fpcr, unsigned idx, uint64_t n,
                        uint64_t m, uint64_t a, uint64_t xn, fp_runner run, void *ctx, uint64_t h, FILE *dump)
{
    /* garbage above the operand: the instruction must ignore it */
    uint64_t g = e->vs == 1 ? 0x9999999999990000ull : e->vs == 2 ? 0x9999999900000000ull : 0;
    struct fp_state s = {
        .v = {{0x0123456789abcdefull, 0xfedcba9876543210ull}, {n | g, 0xaaaaaaaaaaaaaaaaull},
              {m | g, 0x5555555555555555ull}, {a | g, 0x3333333333333333ull}},
        .x = {0x7777777777777777ull, xn, 0, 0},
        .fpcr = fpcr,
        .nzcv = (uint64_t)((idx * 5 + 3) & 15) << 28,
    };
    run(&s, word, ctx);
    s.fpsr &= 0x9f;
    if (dump)
        fprintf(dump, "%08x %07x %016llx %016llx %016llx | %016llx %016llx %016llx %02llx %llx\n", word, fpcr,
                (unsigned long long)n, (unsigned long long)m, (unsigned long long)a,
                (unsigned long long)s.v[0][1], (unsigned long long)s.v[0][0], (unsigned long long)s.x[0],
                (unsigned long long)s.fpsr, (unsigned long long)(s.nzcv >> 28));
    h = fp_fnv(h, s.v[0][0]);
    h = fp_fnv(h, s.v[0][1]);
    h = fp_fnv(h, s.x[0]);
    h = fp_fnv(h, s.fpsr);
    return fp_fnv(h, s.nzcv);
}

static uint64_t fp_sweep_run(const struct fp_sweep *e, fp_runner run, void *ctx, FILE *dump)
{
    const uint64_t *vl = e->vs == 1 ? fp_vh : e->vs == 2 ? fp_vs : fp_vd;
    unsigned nv = e->vs == 1 ? FP_N(fp_vh) : e->vs == 2 ? FP_N(fp_vs) : FP_N(fp_vd);
    const uint64_t *v3 = e->vs == 2 ? fp_vs3 : fp_vd3;
    unsigned idx = 0;
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned md = 0; md < 8; md++) {
        if (!(e->modes & (1u << md)))
            continue;
        uint32_t fpcr = fp_modes[md];
        switch (e->kind) {
        case FPK_1:
            for (unsigned p = 0; p < nv; p++)
                h = fp_case(e, e->word, fpcr, idx++, vl[p], 0x3f800000, 0, 0x1111, run, ctx, h, dump);
            break;
        case FPK_2:
            for (unsigned p = 0; p < nv; p++)
                for (unsigned q = 0; q < nv; q++)
                    h = fp_case(e, e->word, fpcr, idx++, vl[p], vl[q], 0, 0x1111, run, ctx, h, dump);
            break;
        case FPK_3:
            for (unsigned p = 0; p < 20; p++)
                for (unsigned q = 0; q < 20; q++)
                    for (unsigned r = 0; r < 20; r++)
                        h = fp_case(e, e->word, fpcr, idx++, v3[p], v3[q], v3[r], 0x1111, run, ctx, h, dump);
            break;
        case FPK_INT:
            for (unsigned p = 0; p < FP_N(fp_vi); p++)
                h = fp_case(e, e->word, fpcr, idx++, 0x3f800000, 0, 0, fp_vi[p], run, ctx, h, dump);
            break;
        case FPK_R1: case FPK_R2: case FPK_R3: case FPK_RI: {
            uint64_t st = e->word * 0x9E3779B97F4A7C15ull + md + 1;
            for (unsigned p = 0; p < 400; p++) {
                uint64_t n = fp_rval(&st, e->vs), m = fp_rval(&st, e->vs), a = fp_rval(&st, e->vs);
                uint64_t xn = fp_rval(&st, 0);
                if (e->kind == FPK_R1)
                    m = 0x3f800000;
                if (e->kind != FPK_R3)
                    a = 0;
                if (e->kind == FPK_RI)
                    n = 0x3f800000;
                else
                    xn = 0x1111;
                h = fp_case(e, e->word, fpcr, idx++, n, m, a, xn, run, ctx, h, dump);
            }
            break;
        }
        default:
            for (unsigned p = 0; p < 256; p++)
                h = fp_case(e, e->word | p << 13, fpcr, idx++, 0, 0, 0, 0x1111, run, ctx, h, dump);
            break;
        }
    }
    return h;
}
/* ---- end of case sweep ---- */

/* the qemu results: one hash per sweep */
static const struct fp_sweep fp_sweeps[] = {
    {0x1e204020, FPK_1, 2, 0xff, 0x0682e92e088c6005ull}, /* fmov s0, s1 */
    {0x1e604020, FPK_1, 3, 0xff, 0x3996f78e6a112505ull}, /* fmov d0, d1 */
    {0x1e20c020, FPK_1, 2, 0xff, 0x8c94478663419305ull}, /* fabs s0, s1 */
    {0x1e60c020, FPK_1, 3, 0xff, 0xef8f845aef916005ull}, /* fabs d0, d1 */
    {0x1e214020, FPK_1, 2, 0xff, 0x08d8a8cfa74f0a05ull}, /* fneg s0, s1 */
    {0x1e614020, FPK_1, 3, 0xff, 0x589afa11abc7b805ull}, /* fneg d0, d1 */
    {0x1e21c020, FPK_1, 2, 0xff, 0xfe544a5831f9667full}, /* fsqrt s0, s1 */
    {0x1e61c020, FPK_1, 3, 0xff, 0x88671e0423924d87ull}, /* fsqrt d0, d1 */
    {0x1e244020, FPK_1, 2, 0xff, 0x2bc0c86bc2562125ull}, /* frintn s0, s1 */
    {0x1e644020, FPK_1, 3, 0xff, 0x164c5773e0e3b925ull}, /* frintn d0, d1 */
    {0x1e24c020, FPK_1, 2, 0xff, 0xc244f60f45e7b415ull}, /* frintp s0, s1 */
    {0x1e64c020, FPK_1, 3, 0xff, 0xc254dec63350f151ull}, /* frintp d0, d1 */
    {0x1e254020, FPK_1, 2, 0xff, 0xf1f2b7888d832524ull}, /* frintm s0, s1 */
    {0x1e654020, FPK_1, 3, 0xff, 0x1a83a88d44a68fbcull}, /* frintm d0, d1 */
    {0x1e25c020, FPK_1, 2, 0xff, 0x22542dc0ff75ae35ull}, /* frintz s0, s1 */
    {0x1e65c020, FPK_1, 3, 0xff, 0x47df652f370b8051ull}, /* frintz d0, d1 */
    {0x1e264020, FPK_1, 2, 0xff, 0xb1ca36bee539aec5ull}, /* frinta s0, s1 */
    {0x1e664020, FPK_1, 3, 0xff, 0xdd49abbd1824be75ull}, /* frinta d0, d1 */
    {0x1e274020, FPK_1, 2, 0xff, 0x33d492235f86d1adull}, /* frintx s0, s1 */
    {0x1e674020, FPK_1, 3, 0xff, 0xf49dd01684fe116bull}, /* frintx d0, d1 */
    {0x1e27c020, FPK_1, 2, 0xff, 0x683e53706ab722fdull}, /* frinti s0, s1 */
    {0x1e67c020, FPK_1, 3, 0xff, 0x5cc60a6c88d4937bull}, /* frinti d0, d1 */
    {0x1e22c020, FPK_1, 2, 0xff, 0x66d79f109924bcbeull}, /* fcvt d0, s1 */
    {0x1e624020, FPK_1, 3, 0xff, 0x414afa92c4545f07ull}, /* fcvt s0, d1 */
    {0x1e23c020, FPK_1, 2, 0xff, 0x43e890ea13e81417ull}, /* fcvt h0, s1 */
    {0x1e63c020, FPK_1, 3, 0xff, 0xff267f468196c273ull}, /* fcvt h0, d1 */
    {0x1ee24020, FPK_1, 1, 0xff, 0x81c8be8a8cea6a89ull}, /* fcvt s0, h1 */
    {0x1ee2c020, FPK_1, 1, 0xff, 0x8c3ed25c16be4e55ull}, /* fcvt d0, h1 */
    {0x1e220820, FPK_2, 2, 0xff, 0xeb5536500702bed7ull}, /* fmul s0, s1, s2 */
    {0x1e620820, FPK_2, 3, 0xff, 0x33575b44bc15a797ull}, /* fmul d0, d1, d2 */
    {0x1e221820, FPK_2, 2, 0xff, 0x0495b119aa8a7be4ull}, /* fdiv s0, s1, s2 */
    {0x1e621820, FPK_2, 3, 0xff, 0xfc7f0b17c50d0c28ull}, /* fdiv d0, d1, d2 */
    {0x1e222820, FPK_2, 2, 0xff, 0xca21900f681355b2ull}, /* fadd s0, s1, s2 */
    {0x1e622820, FPK_2, 3, 0xff, 0xb85914b06206337eull}, /* fadd d0, d1, d2 */
    {0x1e223820, FPK_2, 2, 0xff, 0x1af4d4a1e6fba4baull}, /* fsub s0, s1, s2 */
    {0x1e623820, FPK_2, 3, 0xff, 0x68b4205786aa612eull}, /* fsub d0, d1, d2 */
    {0x1e224820, FPK_2, 2, 0xff, 0xdab1a0146fa214a5ull}, /* fmax s0, s1, s2 */
    {0x1e624820, FPK_2, 3, 0xff, 0x6361ac3a472ca9c1ull}, /* fmax d0, d1, d2 */
    {0x1e225820, FPK_2, 2, 0xff, 0xf1660636beed877dull}, /* fmin s0, s1, s2 */
    {0x1e625820, FPK_2, 3, 0xff, 0x4d89b10cf28fee29ull}, /* fmin d0, d1, d2 */
    {0x1e226820, FPK_2, 2, 0xff, 0x4b87d1ab24844fc1ull}, /* fmaxnm s0, s1, s2 */
    {0x1e626820, FPK_2, 3, 0xff, 0x558d2401098e8a99ull}, /* fmaxnm d0, d1, d2 */
    {0x1e227820, FPK_2, 2, 0xff, 0x7f79c24703bfc911ull}, /* fminnm s0, s1, s2 */
    {0x1e627820, FPK_2, 3, 0xff, 0xa5b30691a93cda79ull}, /* fminnm d0, d1, d2 */
    {0x1e228820, FPK_2, 2, 0xff, 0xd3cb0372e6eb8bd7ull}, /* fnmul s0, s1, s2 */
    {0x1e628820, FPK_2, 3, 0xff, 0xe02ae27de78a7997ull}, /* fnmul d0, d1, d2 */
    {0x1f020c20, FPK_3, 2, 0x7b, 0x55d491c0baa31008ull}, /* fmadd s0, s1, s2, s3 */
    {0x1f420c20, FPK_3, 3, 0x7b, 0x6bcb13217fc1d75aull}, /* fmadd d0, d1, d2, d3 */
    {0x1f028c20, FPK_3, 2, 0x7b, 0x6201c3cb6fd2c915ull}, /* fmsub s0, s1, s2, s3 */
    {0x1f428c20, FPK_3, 3, 0x7b, 0x7fa368995477288eull}, /* fmsub d0, d1, d2, d3 */
    {0x1f220c20, FPK_3, 2, 0x7b, 0x4bbe7d15e6421ca0ull}, /* fnmadd s0, s1, s2, s3 */
    {0x1f620c20, FPK_3, 3, 0x7b, 0x7f6adbcfee14eb72ull}, /* fnmadd d0, d1, d2, d3 */
    {0x1f228c20, FPK_3, 2, 0x7b, 0x863fc1385d1456a3ull}, /* fnmsub s0, s1, s2, s3 */
    {0x1f628c20, FPK_3, 3, 0x7b, 0x4ea5a80c635056baull}, /* fnmsub d0, d1, d2, d3 */
    {0x1e222020, FPK_2, 2, 0x31, 0xd76e551c2dba78bdull}, /* fcmp s1, s2 */
    {0x1e622020, FPK_2, 3, 0x31, 0xd31d78721cf2f45dull}, /* fcmp d1, d2 */
    {0x1e222030, FPK_2, 2, 0x31, 0xf0677bc408440b3dull}, /* fcmpe s1, s2 */
    {0x1e622030, FPK_2, 3, 0x31, 0x8c5772cc925fcc9dull}, /* fcmpe d1, d2 */
    {0x1e202028, FPK_1, 2, 0x31, 0xa7b7c1286febfd6dull}, /* fcmp s1, #0.0 */
    {0x1e602028, FPK_1, 3, 0x31, 0xa526851db12fedbdull}, /* fcmp d1, #0.0 */
    {0x1e202038, FPK_1, 2, 0x31, 0xe0c76f0045cd3f4dull}, /* fcmpe s1, #0.0 */
    {0x1e602038, FPK_1, 3, 0x31, 0xbb22d0367ea7c61dull}, /* fcmpe d1, #0.0 */
    {0x1e220425, FPK_2, 2, 0x11, 0x45bc2e4b13ea9ff5ull}, /* fccmp s1, s2, #0x5, eq // eq = none */
    {0x1e620425, FPK_2, 3, 0x11, 0x32371a94d6afbab4ull}, /* fccmp d1, d2, #0x5, eq // eq = none */
    {0x1e22a43a, FPK_2, 2, 0x11, 0xf14daa4aa3f58fa4ull}, /* fccmpe s1, s2, #0xa, ge // ge = tcont */
    {0x1e62a43a, FPK_2, 3, 0x11, 0x4850d06949297c44ull}, /* fccmpe d1, d2, #0xa, ge // ge = tcont */
    {0x1e228420, FPK_2, 2, 0x01, 0x1d6f2cba2e5dbb2cull}, /* fccmp s1, s2, #0x0, hi // hi = pmore */
    {0x1e628420, FPK_2, 3, 0x01, 0x5b612dfba4dc99bcull}, /* fccmp d1, d2, #0x0, hi // hi = pmore */
    {0x1e22e433, FPK_2, 2, 0x01, 0x9a723ce9c5d1a62dull}, /* fccmpe s1, s2, #0x3, al */
    {0x1e62e433, FPK_2, 3, 0x01, 0x3a00792866a456cdull}, /* fccmpe d1, d2, #0x3, al */
    {0x1e220c20, FPK_2, 2, 0x01, 0x4dddce0558f32cb7ull}, /* fcsel s0, s1, s2, eq // eq = none */
    {0x1e620c20, FPK_2, 3, 0x01, 0xb388ade716f61e59ull}, /* fcsel d0, d1, d2, eq // eq = none */
    {0x1e22ac20, FPK_2, 2, 0x01, 0xf62e4da0a9401faaull}, /* fcsel s0, s1, s2, ge // ge = tcont */
    {0x1e62ac20, FPK_2, 3, 0x01, 0xdd3d7a854e8bdc13ull}, /* fcsel d0, d1, d2, ge // ge = tcont */
    {0x1e228c20, FPK_2, 2, 0x01, 0x86a5560c5db2d3a2ull}, /* fcsel s0, s1, s2, hi // hi = pmore */
    {0x1e628c20, FPK_2, 3, 0x01, 0x243b292445f7dad5ull}, /* fcsel d0, d1, d2, hi // hi = pmore */
    {0x1e226c20, FPK_2, 2, 0x01, 0xb54143014f9ba036ull}, /* fcsel s0, s1, s2, vs */
    {0x1e626c20, FPK_2, 3, 0x01, 0x64a6b468583c3391ull}, /* fcsel d0, d1, d2, vs */
    {0x1e22bc20, FPK_2, 2, 0x01, 0x5cee03ab3e0f4066ull}, /* fcsel s0, s1, s2, lt // lt = tstop */
    {0x1e62bc20, FPK_2, 3, 0x01, 0xbd5dfa78683c8047ull}, /* fcsel d0, d1, d2, lt // lt = tstop */
    {0x1e200020, FPK_1, 2, 0xff, 0xa46daabddd9e7ec5ull}, /* fcvtns w0, s1 */
    {0x1e600020, FPK_1, 3, 0xff, 0xef339151787fb8d5ull}, /* fcvtns w0, d1 */
    {0x9e200020, FPK_1, 2, 0xff, 0x1ec9f1f35d626545ull}, /* fcvtns x0, s1 */
    {0x9e600020, FPK_1, 3, 0xff, 0x833d6c9ca82351c5ull}, /* fcvtns x0, d1 */
    {0x1e210020, FPK_1, 2, 0xff, 0x43a070414071d295ull}, /* fcvtnu w0, s1 */
    {0x1e610020, FPK_1, 3, 0xff, 0x920355d606227535ull}, /* fcvtnu w0, d1 */
    {0x9e210020, FPK_1, 2, 0xff, 0xe351eb15f59fe485ull}, /* fcvtnu x0, s1 */
    {0x9e610020, FPK_1, 3, 0xff, 0x9b89ac2e5db61015ull}, /* fcvtnu x0, d1 */
    {0x1e280020, FPK_1, 2, 0xff, 0x45e8f403e46e5805ull}, /* fcvtps w0, s1 */
    {0x1e680020, FPK_1, 3, 0xff, 0xbd11b5fcf089fc45ull}, /* fcvtps w0, d1 */
    {0x9e280020, FPK_1, 2, 0xff, 0xdb45c95b9b53eb05ull}, /* fcvtps x0, s1 */
    {0x9e680020, FPK_1, 3, 0xff, 0xb6856c27c6ec9875ull}, /* fcvtps x0, d1 */
    {0x1e290020, FPK_1, 2, 0xff, 0xd0cded1ed0a18465ull}, /* fcvtpu w0, s1 */
    {0x1e690020, FPK_1, 3, 0xff, 0xf811b50aab907085ull}, /* fcvtpu w0, d1 */
    {0x9e290020, FPK_1, 2, 0xff, 0xa4cacb347e150315ull}, /* fcvtpu x0, s1 */
    {0x9e690020, FPK_1, 3, 0xff, 0x9288ab93d963e2b5ull}, /* fcvtpu x0, d1 */
    {0x1e300020, FPK_1, 2, 0xff, 0x5d74a004b6fb6d99ull}, /* fcvtms w0, s1 */
    {0x1e700020, FPK_1, 3, 0xff, 0x1b071cb8e70d14c9ull}, /* fcvtms w0, d1 */
    {0x9e300020, FPK_1, 2, 0xff, 0x9166ef9fc4b3346dull}, /* fcvtms x0, s1 */
    {0x9e700020, FPK_1, 3, 0xff, 0xcdc42c051fe34dadull}, /* fcvtms x0, d1 */
    {0x1e310020, FPK_1, 2, 0xff, 0x91eb1964b1516250ull}, /* fcvtmu w0, s1 */
    {0x1e710020, FPK_1, 3, 0xff, 0x614d9227bf042e7cull}, /* fcvtmu w0, d1 */
    {0x9e310020, FPK_1, 2, 0xff, 0x834f1116326fd6c8ull}, /* fcvtmu x0, s1 */
    {0x9e710020, FPK_1, 3, 0xff, 0x89274d9c7716e914ull}, /* fcvtmu x0, d1 */
    {0x1e380020, FPK_1, 2, 0xff, 0x89eb6a08065182f5ull}, /* fcvtzs w0, s1 */
    {0x1e780020, FPK_1, 3, 0xff, 0xe444113381053bd5ull}, /* fcvtzs w0, d1 */
    {0x9e380020, FPK_1, 2, 0xff, 0xda5f2e76374985f5ull}, /* fcvtzs x0, s1 */
    {0x9e780020, FPK_1, 3, 0xff, 0xca74a0a1c8b57a25ull}, /* fcvtzs x0, d1 */
    {0x1e390020, FPK_1, 2, 0xff, 0xfa3cfe2458737d75ull}, /* fcvtzu w0, s1 */
    {0x1e790020, FPK_1, 3, 0xff, 0xd207ee7fc9145905ull}, /* fcvtzu w0, d1 */
    {0x9e390020, FPK_1, 2, 0xff, 0x078c22ec1cf28c65ull}, /* fcvtzu x0, s1 */
    {0x9e790020, FPK_1, 3, 0xff, 0x00dc8562f51d84f5ull}, /* fcvtzu x0, d1 */
    {0x1e240020, FPK_1, 2, 0xff, 0x39b74e6e3c89f025ull}, /* fcvtas w0, s1 */
    {0x1e640020, FPK_1, 3, 0xff, 0x3e6781465b55ac25ull}, /* fcvtas w0, d1 */
    {0x9e240020, FPK_1, 2, 0xff, 0xe9a17be4f0d592a5ull}, /* fcvtas x0, s1 */
    {0x9e640020, FPK_1, 3, 0xff, 0xacb87af9e5736d75ull}, /* fcvtas x0, d1 */
    {0x1e250020, FPK_1, 2, 0xff, 0xf2e25b258ec53e55ull}, /* fcvtau w0, s1 */
    {0x1e650020, FPK_1, 3, 0xff, 0xa8b4508944c41c35ull}, /* fcvtau w0, d1 */
    {0x9e250020, FPK_1, 2, 0xff, 0x139287e254634d65ull}, /* fcvtau x0, s1 */
    {0x9e650020, FPK_1, 3, 0xff, 0x379bba4ffc7da615ull}, /* fcvtau x0, d1 */
    {0x1e18fc20, FPK_1, 2, 0x31, 0x82d0391027f6f2afull}, /* fcvtzs w0, s1, #1 */
    {0x1e58fc20, FPK_1, 3, 0x31, 0x238a640efc5e4e6full}, /* fcvtzs w0, d1, #1 */
    {0x1e18c020, FPK_1, 2, 0x31, 0xece8de255661dfcfull}, /* fcvtzs w0, s1, #16 */
    {0x1e58c020, FPK_1, 3, 0x31, 0x499524b2a810757full}, /* fcvtzs w0, d1, #16 */
    {0x1e188020, FPK_1, 2, 0x31, 0x4614fe520c1f93a4ull}, /* fcvtzs w0, s1, #32 */
    {0x1e588020, FPK_1, 3, 0x31, 0x196b8471db9b6b3bull}, /* fcvtzs w0, d1, #32 */
    {0x9e18fc20, FPK_1, 2, 0x31, 0xe873fdf4ca3cd319ull}, /* fcvtzs x0, s1, #1 */
    {0x9e58fc20, FPK_1, 3, 0x31, 0xae4ed41d0d506b69ull}, /* fcvtzs x0, d1, #1 */
    {0x9e188020, FPK_1, 2, 0x31, 0xb4097570507d872aull}, /* fcvtzs x0, s1, #32 */
    {0x9e588020, FPK_1, 3, 0x31, 0x4047d94a528b8b99ull}, /* fcvtzs x0, d1, #32 */
    {0x9e180020, FPK_1, 2, 0x31, 0x0cc30e3a4fc1c4fcull}, /* fcvtzs x0, s1, #64 */
    {0x9e580020, FPK_1, 3, 0x31, 0x088d1b883f68967cull}, /* fcvtzs x0, d1, #64 */
    {0x1e19fc20, FPK_1, 2, 0x31, 0x10ffdbd8fc24946eull}, /* fcvtzu w0, s1, #1 */
    {0x1e59fc20, FPK_1, 3, 0x31, 0x2cf0635357bcce18ull}, /* fcvtzu w0, d1, #1 */
    {0x1e19c020, FPK_1, 2, 0x31, 0xed18247ecf81e8f3ull}, /* fcvtzu w0, s1, #16 */
    {0x1e59c020, FPK_1, 3, 0x31, 0x34a347e7439a67a6ull}, /* fcvtzu w0, d1, #16 */
    {0x1e198020, FPK_1, 2, 0x31, 0x6c5978e604db32a4ull}, /* fcvtzu w0, s1, #32 */
    {0x1e598020, FPK_1, 3, 0x31, 0xa7e28b9494084dfbull}, /* fcvtzu w0, d1, #32 */
    {0x9e19fc20, FPK_1, 2, 0x31, 0x0551d6310a3155a6ull}, /* fcvtzu x0, s1, #1 */
    {0x9e59fc20, FPK_1, 3, 0x31, 0xd0447ebcb86fcc46ull}, /* fcvtzu x0, d1, #1 */
    {0x9e198020, FPK_1, 2, 0x31, 0x48b132b9235aa44cull}, /* fcvtzu x0, s1, #32 */
    {0x9e598020, FPK_1, 3, 0x31, 0x2eeeb44ec7a061f1ull}, /* fcvtzu x0, d1, #32 */
    {0x9e190020, FPK_1, 2, 0x31, 0x2d15f6d296a43bc5ull}, /* fcvtzu x0, s1, #64 */
    {0x9e590020, FPK_1, 3, 0x31, 0x1c5eaac546475613ull}, /* fcvtzu x0, d1, #64 */
    {0x1e220020, FPK_INT, 2, 0x0f, 0xbe68647c6944783bull}, /* scvtf s0, w1 */
    {0x1e620020, FPK_INT, 3, 0x0f, 0x2f956390716ed265ull}, /* scvtf d0, w1 */
    {0x1e02fc20, FPK_INT, 2, 0x0f, 0xa113c4fb0f30ad4full}, /* scvtf s0, w1, #1 */
    {0x1e42fc20, FPK_INT, 3, 0x0f, 0x121c3b9da5f1376dull}, /* scvtf d0, w1, #1 */
    {0x1e028020, FPK_INT, 2, 0x0f, 0xbdef0fabc2086d7bull}, /* scvtf s0, w1, #32 */
    {0x1e428020, FPK_INT, 3, 0x0f, 0xb4824e169fb9a90dull}, /* scvtf d0, w1, #32 */
    {0x9e220020, FPK_INT, 2, 0x0f, 0x0e64f5e1ba760bf3ull}, /* scvtf s0, x1 */
    {0x9e620020, FPK_INT, 3, 0x0f, 0x86be8f3e78eeaf8aull}, /* scvtf d0, x1 */
    {0x9e02fc20, FPK_INT, 2, 0x0f, 0xb563d01774e646f7ull}, /* scvtf s0, x1, #1 */
    {0x9e42fc20, FPK_INT, 3, 0x0f, 0xacd6d10dd5e5b82aull}, /* scvtf d0, x1, #1 */
    {0x9e020020, FPK_INT, 2, 0x0f, 0x692492e9dd22adb3ull}, /* scvtf s0, x1, #64 */
    {0x9e420020, FPK_INT, 3, 0x0f, 0x20e5f8c546358442ull}, /* scvtf d0, x1, #64 */
    {0x1e230020, FPK_INT, 2, 0x0f, 0xacd9f95fafed40f0ull}, /* ucvtf s0, w1 */
    {0x1e630020, FPK_INT, 3, 0x0f, 0x2bec249c5531c88dull}, /* ucvtf d0, w1 */
    {0x1e03fc20, FPK_INT, 2, 0x0f, 0x571db10b06d08e20ull}, /* ucvtf s0, w1, #1 */
    {0x1e43fc20, FPK_INT, 3, 0x0f, 0xc80d5ee1c73dafb5ull}, /* ucvtf d0, w1, #1 */
    {0x1e038020, FPK_INT, 2, 0x0f, 0x530312c28f7dc2f0ull}, /* ucvtf s0, w1, #32 */
    {0x1e438020, FPK_INT, 3, 0x0f, 0xe19dc71362c348ddull}, /* ucvtf d0, w1, #32 */
    {0x9e230020, FPK_INT, 2, 0x0f, 0x3c08f7eadf0c0526ull}, /* ucvtf s0, x1 */
    {0x9e630020, FPK_INT, 3, 0x0f, 0x92672f3fb256128bull}, /* ucvtf d0, x1 */
    {0x9e03fc20, FPK_INT, 2, 0x0f, 0x863ff29d37d89552ull}, /* ucvtf s0, x1, #1 */
    {0x9e43fc20, FPK_INT, 3, 0x0f, 0x089895e558338cabull}, /* ucvtf d0, x1, #1 */
    {0x9e030020, FPK_INT, 2, 0x0f, 0x626b526876e04a26ull}, /* ucvtf s0, x1, #64 */
    {0x9e430020, FPK_INT, 3, 0x0f, 0x70f75fc2b195bf73ull}, /* ucvtf d0, x1, #64 */
    {0x1e260020, FPK_1, 2, 0x01, 0x44fcdeb3c6900b4aull}, /* fmov w0, s1 */
    {0x9e660020, FPK_1, 3, 0x01, 0x95408cebbba67c91ull}, /* fmov x0, d1 */
    {0x1e270020, FPK_INT, 2, 0x01, 0x489d9996bfe0f91aull}, /* fmov s0, w1 */
    {0x9e670020, FPK_INT, 3, 0x01, 0x83eccce52c45f0d7ull}, /* fmov d0, x1 */
    {0x9eae0020, FPK_1, 3, 0x01, 0x2c1f1797f3402f15ull}, /* fmov x0, v1.d[1] */
    {0x9eaf0020, FPK_INT, 3, 0x01, 0x220840465dfc3977ull}, /* fmov v0.d[1], x1 */
    {0x1e2e1000, FPK_IMM8, 2, 0x01, 0x8be146041119c325ull}, /* fmov s0, #1.000000000000000000e+00 */
    {0x1e6e1000, FPK_IMM8, 3, 0x01, 0x4cd9a5c19a451525ull}, /* fmov d0, #1.000000000000000000e+00 */
    {0x1e21c020, FPK_R1, 2, 0xff, 0x4a1fbd4b8c63e946ull}, /* fsqrt s0, s1 */
    {0x1e61c020, FPK_R1, 3, 0xff, 0x73027219719e9f2aull}, /* fsqrt d0, d1 */
    {0x1e244020, FPK_R1, 2, 0xff, 0xd399b7e8e8d50b0dull}, /* frintn s0, s1 */
    {0x1e644020, FPK_R1, 3, 0xff, 0x7abced3f11769176ull}, /* frintn d0, d1 */
    {0x1e264020, FPK_R1, 2, 0xff, 0xc66614024feb9954ull}, /* frinta s0, s1 */
    {0x1e664020, FPK_R1, 3, 0xff, 0xe36a13df312ae8f1ull}, /* frinta d0, d1 */
    {0x1e274020, FPK_R1, 2, 0xff, 0x541034cad52f3002ull}, /* frintx s0, s1 */
    {0x1e674020, FPK_R1, 3, 0xff, 0x4afec5f396465474ull}, /* frintx d0, d1 */
    {0x1e27c020, FPK_R1, 2, 0xff, 0x1de0d7f4e3c4c8a8ull}, /* frinti s0, s1 */
    {0x1e67c020, FPK_R1, 3, 0xff, 0x725dc5f7dfdbfc03ull}, /* frinti d0, d1 */
    {0x1e624020, FPK_R1, 3, 0xff, 0xb74756d241dcf0abull}, /* fcvt s0, d1 */
    {0x1e23c020, FPK_R1, 2, 0xff, 0x786c610cb4dd8893ull}, /* fcvt h0, s1 */
    {0x1e63c020, FPK_R1, 3, 0xff, 0xd26208128666e473ull}, /* fcvt h0, d1 */
    {0x1ee24020, FPK_R1, 1, 0xff, 0xf9c0fdb6b77bfabbull}, /* fcvt s0, h1 */
    {0x1ee2c020, FPK_R1, 1, 0xff, 0x2f0a340070589418ull}, /* fcvt d0, h1 */
    {0x1e220820, FPK_R2, 2, 0xff, 0xce474b1f9e43f72dull}, /* fmul s0, s1, s2 */
    {0x1e620820, FPK_R2, 3, 0xff, 0xfdc06f47bb0e9d56ull}, /* fmul d0, d1, d2 */
    {0x1e221820, FPK_R2, 2, 0xff, 0x4221dccd9068f17cull}, /* fdiv s0, s1, s2 */
    {0x1e621820, FPK_R2, 3, 0xff, 0x410f74452bd07263ull}, /* fdiv d0, d1, d2 */
    {0x1e222820, FPK_R2, 2, 0xff, 0xec892a1a43ae881full}, /* fadd s0, s1, s2 */
    {0x1e622820, FPK_R2, 3, 0xff, 0xeddcd33f7c75f27eull}, /* fadd d0, d1, d2 */
    {0x1e223820, FPK_R2, 2, 0xff, 0xe10ff5f0570a67c5ull}, /* fsub s0, s1, s2 */
    {0x1e623820, FPK_R2, 3, 0xff, 0x29c84cb479b85be1ull}, /* fsub d0, d1, d2 */
    {0x1e228820, FPK_R2, 2, 0xff, 0xb2ae49a949d9ac36ull}, /* fnmul s0, s1, s2 */
    {0x1e628820, FPK_R2, 3, 0xff, 0xf5d2c611272f2e22ull}, /* fnmul d0, d1, d2 */
    {0x1e226820, FPK_R2, 2, 0xff, 0xfd2c3cbe79f21f97ull}, /* fmaxnm s0, s1, s2 */
    {0x1e626820, FPK_R2, 3, 0xff, 0x0e1530a0f1dbb0cfull}, /* fmaxnm d0, d1, d2 */
    {0x1e225820, FPK_R2, 2, 0xff, 0xf9721c28412afd0cull}, /* fmin s0, s1, s2 */
    {0x1e625820, FPK_R2, 3, 0xff, 0x7aa121616c4b58f3ull}, /* fmin d0, d1, d2 */
    {0x1f020c20, FPK_R3, 2, 0xff, 0xfed6716af171ee66ull}, /* fmadd s0, s1, s2, s3 */
    {0x1f420c20, FPK_R3, 3, 0xff, 0x8c0835c570d3e89dull}, /* fmadd d0, d1, d2, d3 */
    {0x1f228c20, FPK_R3, 2, 0xff, 0x23f23f104e39a737ull}, /* fnmsub s0, s1, s2, s3 */
    {0x1f628c20, FPK_R3, 3, 0xff, 0xe22c8d32409cb0e6ull}, /* fnmsub d0, d1, d2, d3 */
    {0x1e222030, FPK_R2, 2, 0x31, 0x7efae246a34face5ull}, /* fcmpe s1, s2 */
    {0x1e622030, FPK_R2, 3, 0x31, 0x6b708b16c0118654ull}, /* fcmpe d1, d2 */
    {0x1e200020, FPK_R1, 2, 0xff, 0x4ea3f797511d2d82ull}, /* fcvtns w0, s1 */
    {0x1e600020, FPK_R1, 3, 0xff, 0x285e49291ccbd0a3ull}, /* fcvtns w0, d1 */
    {0x9e200020, FPK_R1, 2, 0xff, 0x1216c8b13d6d8ddaull}, /* fcvtns x0, s1 */
    {0x9e600020, FPK_R1, 3, 0xff, 0xb7e2482052e4215full}, /* fcvtns x0, d1 */
    {0x1e210020, FPK_R1, 2, 0xff, 0x262cd4943f533aedull}, /* fcvtnu w0, s1 */
    {0x1e610020, FPK_R1, 3, 0xff, 0x966cfc313c5128c1ull}, /* fcvtnu w0, d1 */
    {0x1e280020, FPK_R1, 2, 0xff, 0x69c83f7477436a37ull}, /* fcvtps w0, s1 */
    {0x1e680020, FPK_R1, 3, 0xff, 0x40e70706ddb94335ull}, /* fcvtps w0, d1 */
    {0x9e280020, FPK_R1, 2, 0xff, 0xb89967048255a3edull}, /* fcvtps x0, s1 */
    {0x9e680020, FPK_R1, 3, 0xff, 0x530b61ab0fc74d87ull}, /* fcvtps x0, d1 */
    {0x1e290020, FPK_R1, 2, 0xff, 0xb620fa444bf4adf5ull}, /* fcvtpu w0, s1 */
    {0x1e690020, FPK_R1, 3, 0xff, 0xb5075a8fee0e0cfdull}, /* fcvtpu w0, d1 */
    {0x1e300020, FPK_R1, 2, 0xff, 0xcf79ee851b723f62ull}, /* fcvtms w0, s1 */
    {0x1e700020, FPK_R1, 3, 0xff, 0x1daf445f87c10ca5ull}, /* fcvtms w0, d1 */
    {0x9e300020, FPK_R1, 2, 0xff, 0x42ea77abb04dad01ull}, /* fcvtms x0, s1 */
    {0x9e700020, FPK_R1, 3, 0xff, 0x0e183315a9563e97ull}, /* fcvtms x0, d1 */
    {0x1e310020, FPK_R1, 2, 0xff, 0xbbfc2e4a1b9643f5ull}, /* fcvtmu w0, s1 */
    {0x1e710020, FPK_R1, 3, 0xff, 0x6b99c2ad22b80eceull}, /* fcvtmu w0, d1 */
    {0x1e380020, FPK_R1, 2, 0xff, 0xe466b2f538c085d6ull}, /* fcvtzs w0, s1 */
    {0x1e780020, FPK_R1, 3, 0xff, 0x6da7e6d5f3a4a997ull}, /* fcvtzs w0, d1 */
    {0x9e380020, FPK_R1, 2, 0xff, 0x7422e8eaff9be634ull}, /* fcvtzs x0, s1 */
    {0x9e780020, FPK_R1, 3, 0xff, 0xe1ecbe118d4aa6d6ull}, /* fcvtzs x0, d1 */
    {0x1e390020, FPK_R1, 2, 0xff, 0xd41b0f090fc6fa03ull}, /* fcvtzu w0, s1 */
    {0x1e790020, FPK_R1, 3, 0xff, 0xbe05ea56d8a26e19ull}, /* fcvtzu w0, d1 */
    {0x1e240020, FPK_R1, 2, 0xff, 0xd9b9a94b830bfcedull}, /* fcvtas w0, s1 */
    {0x1e640020, FPK_R1, 3, 0xff, 0x85ed2a1dd8637216ull}, /* fcvtas w0, d1 */
    {0x9e240020, FPK_R1, 2, 0xff, 0x9434b2add659973aull}, /* fcvtas x0, s1 */
    {0x9e640020, FPK_R1, 3, 0xff, 0xf1e8be828e5c00f0ull}, /* fcvtas x0, d1 */
    {0x1e250020, FPK_R1, 2, 0xff, 0x15251072a0abd91aull}, /* fcvtau w0, s1 */
    {0x1e650020, FPK_R1, 3, 0xff, 0xd1c27e9c6b4d6cbaull}, /* fcvtau w0, d1 */
    {0x9e197c20, FPK_R1, 2, 0xff, 0x9f271b3e18bcd646ull}, /* fcvtzu x0, s1, #33 */
    {0x9e597c20, FPK_R1, 3, 0xff, 0xe64a45ae6bd42445ull}, /* fcvtzu x0, d1, #33 */
    {0x1e18e420, FPK_R1, 2, 0xff, 0x09f660b270076b6eull}, /* fcvtzs w0, s1, #7 */
    {0x1e58e420, FPK_R1, 3, 0xff, 0x69b348b96955aec6ull}, /* fcvtzs w0, d1, #7 */
    {0x1e220020, FPK_RI, 2, 0x0f, 0x58a8ce3be6a06694ull}, /* scvtf s0, w1 */
    {0x1e620020, FPK_RI, 3, 0x0f, 0x34f4f5c3fe52d19full}, /* scvtf d0, w1 */
    {0x9e220020, FPK_RI, 2, 0x0f, 0x65487bcde20dcee9ull}, /* scvtf s0, x1 */
    {0x9e620020, FPK_RI, 3, 0x0f, 0x267e1d9bd24af337ull}, /* scvtf d0, x1 */
    {0x1e02ec20, FPK_RI, 2, 0x0f, 0xf6dd15f0272a70a3ull}, /* scvtf s0, w1, #5 */
    {0x1e42ec20, FPK_RI, 3, 0x0f, 0xde34ad92a29af129ull}, /* scvtf d0, w1, #5 */
    {0x9e026020, FPK_RI, 2, 0x0f, 0x3617034a651880d9ull}, /* scvtf s0, x1, #40 */
    {0x9e426020, FPK_RI, 3, 0x0f, 0xf85ffb94ca3452bdull}, /* scvtf d0, x1, #40 */
    {0x1e230020, FPK_RI, 2, 0x0f, 0x63b8059dd3398fc6ull}, /* ucvtf s0, w1 */
    {0x1e630020, FPK_RI, 3, 0x0f, 0xfbca0ffd128d9626ull}, /* ucvtf d0, w1 */
    {0x9e230020, FPK_RI, 2, 0x0f, 0xa496041afad57b4aull}, /* ucvtf s0, x1 */
    {0x9e630020, FPK_RI, 3, 0x0f, 0x46d4b2678b6012cfull}, /* ucvtf d0, x1 */
    {0x1e03ec20, FPK_RI, 2, 0x0f, 0x7cfca4f03f062065ull}, /* ucvtf s0, w1, #5 */
    {0x1e43ec20, FPK_RI, 3, 0x0f, 0xeaea12b7cfda3165ull}, /* ucvtf d0, w1, #5 */
    {0x9e036020, FPK_RI, 2, 0x0f, 0xfc0a5340d63912ddull}, /* ucvtf s0, x1, #40 */
    {0x9e436020, FPK_RI, 3, 0x0f, 0x14c44d5e7bdeecfcull}, /* ucvtf d0, x1, #40 */
};

/* ---- named cases (hand-derived; confirmed under qemu-aarch64 -cpu cortex-a53) ---- */
struct fp_named {
    const char *what;
    uint32_t word, fpcr;
    uint64_t n, m, a, xn; /* V1, V2, V3 (low 64 bits), X1 */
    uint64_t d0, x0;      /* V0 low half after (high half: 0 if written, else kept), X0 after */
    uint32_t fpsr, nzcv;  /* FPSR after (from 0), NZCV after (from 0) */
};
#define FP_V0 0x0123456789abcdefull /* V0 low half before */
#define FP_X0 0x7777777777777777ull /* X0 before */
#define QD 0x7ff8000000000000ull    /* the default NaN (double) */
static const struct fp_named fp_named[] = {
    {"RN: a tie rounds to even", 0x1e222820, 0, 0x3f800000, 0x33800000, 0, 0, 0x3f800000, FP_X0, 0x10, 0},
    {"RP rounds up", 0x1e222820, 0x400000, 0x3f800000, 0x33800000, 0, 0, 0x3f800001, FP_X0, 0x10, 0},
    {"RM rounds down", 0x1e222820, 0x800000, 0xbf800000, 0xb3800000, 0, 0, 0xbf800001, FP_X0, 0x10, 0},
    {"RZ truncates", 0x1e222820, 0xc00000, 0x3f800000, 0x33ffffff, 0, 0, 0x3f800000, FP_X0, 0x10, 0},
    {"FRINTI uses FPCR.RMode, no IXC", 0x1e67c020, 0x400000, 0x3ff8000000000000, 0, 0, 0, 0x4000000000000000, FP_X0, 0, 0},
    {"FRINTX raises IXC", 0x1e674020, 0, 0x4004000000000000, 0, 0, 0, 0x4000000000000000, FP_X0, 0x10, 0},
    {"FRINTP keeps the sign of a zero result", 0x1e64c020, 0, 0xbfe0000000000000, 0, 0, 0, 0x8000000000000000, FP_X0, 0, 0},
    {"signalling NaN operand wins, quietened", 0x1e622820, 0, 0x7ff8000000000001, 0x7ff0000000000002, 0, 0, 0x7ff8000000000002, FP_X0, 0x1, 0},
    {"else the first quiet NaN", 0x1e622820, 0, 0xfff8000000000003, 0x7ff8000000000004, 0, 0, 0xfff8000000000003, FP_X0, 0, 0},
    {"FMADD: quiet NaN addend first", 0x1f420c20, 0, 0x7ff8000000000001, 0x3ff0000000000000, 0x7ff8000000000003, 0, 0x7ff8000000000003, FP_X0, 0, 0},
    {"FMADD: signalling multiplicand beats quiet addend", 0x1f420c20, 0, 0x7ff0000000000005, 0x3ff0000000000000, 0x7ff8000000000003, 0, 0x7ff8000000000005, FP_X0, 0x1, 0},
    {"FMADD: inf*0 + quiet NaN is invalid", 0x1f420c20, 0, 0x7ff0000000000000, 0, 0x7ff8000000000003, 0, QD, FP_X0, 0x1, 0},
    {"FMADD is fused", 0x1f420c20, 0, 0x3ff0000000000001, 0x3ff0000000000001, 0xbff0000000000000, 0, 0x3cc0000000000000, FP_X0, 0x10, 0},
    {"0/0 is the default NaN", 0x1e621820, 0, 0, 0, 0, 0, QD, FP_X0, 0x1, 0},
    {"1/0 is +inf with DZC", 0x1e621820, 0, 0x3ff0000000000000, 0, 0, 0, 0x7ff0000000000000, FP_X0, 0x2, 0},
    {"-1/-0 is +inf", 0x1e621820, 0, 0xbff0000000000000, 0x8000000000000000, 0, 0, 0x7ff0000000000000, FP_X0, 0x2, 0},
    {"inf-inf is the default NaN", 0x1e623820, 0, 0x7ff0000000000000, 0x7ff0000000000000, 0, 0, QD, FP_X0, 0x1, 0},
    {"sqrt(-1) is the default NaN", 0x1e61c020, 0, 0xbff0000000000000, 0, 0, 0, QD, FP_X0, 0x1, 0},
    {"sqrt(-0) is -0", 0x1e61c020, 0, 0x8000000000000000, 0, 0, 0, 0x8000000000000000, FP_X0, 0, 0},
    {"DN: a NaN operand gives the default NaN", 0x1e622820, 0x2000000, 0xfff8000000000003, 0x3ff0000000000000, 0, 0, QD, FP_X0, 0, 0},
    {"DN: a signalling NaN still raises IOC", 0x1e622820, 0x2000000, 0x3ff0000000000000, 0xfff0000000000003, 0, 0, QD, FP_X0, 0x1, 0},
    {"FZ: denormal input reads as zero (IDC)", 0x1e622820, 0x1000000, 1, 0x8000000000000000, 0, 0, 0, FP_X0, 0x80, 0},
    {"FZ: tiny result flushed (UFC, no IXC)", 0x1e620820, 0x1000000, 0x1ff0000000000000, 0x1ff0000000000000, 0, 0, 0, FP_X0, 0x8, 0},
    {"no FZ: exact tiny result, no UFC", 0x1e620820, 0, 0x1ff0000000000000, 0x1ff0000000000000, 0, 0, 0x0004000000000000, FP_X0, 0, 0},
    {"no FZ: inexact tiny result, UFC|IXC", 0x1e620820, 0, 0x1ff0000000000001, 0x1ff0000000000000, 0, 0, 0x0004000000000000, FP_X0, 0x18, 0},
    {"FZ: tiny before rounding is flushed (Arm), single", 0x1e220820, 0x1000000, 0x1fffffff, 0x1f800001, 0, 0, 0, FP_X0, 0x8, 0},
    {"FNMUL negates a propagated quiet NaN", 0x1e628820, 0, 0x7ff8000000000001, 0x3ff0000000000000, 0, 0, 0xfff8000000000001, FP_X0, 0, 0},
    {"FNMUL negates the default NaN (DN)", 0x1e628820, 0x2000000, 0x7ff8000000000001, 0x3ff0000000000000, 0, 0, 0xfff8000000000000, FP_X0, 0, 0},
    {"FNMUL of a signalling NaN: quietened, negated, IOC", 0x1e228820, 0, 0x40000000, 0x7f800001, 0, 0, 0xffc00001, FP_X0, 0x1, 0},
    {"FNMUL inf*0: negated default NaN, IOC", 0x1e628820, 0, 0x7ff0000000000000, 0, 0, 0, 0xfff8000000000000, FP_X0, 0x1, 0},
    {"FMAX(-0, +0) is +0", 0x1e624820, 0, 0x8000000000000000, 0, 0, 0, 0, FP_X0, 0, 0},
    {"FMIN(+0, -0) is -0", 0x1e625820, 0, 0, 0x8000000000000000, 0, 0, 0x8000000000000000, FP_X0, 0, 0},
    {"FMAX with a quiet NaN returns it", 0x1e624820, 0, 0x3ff0000000000000, 0x7ff8000000000007, 0, 0, 0x7ff8000000000007, FP_X0, 0, 0},
    {"FMAXNM(quiet NaN, 1) is 1", 0x1e626820, 0, 0x7ff8000000000007, 0x3ff0000000000000, 0, 0, 0x3ff0000000000000, FP_X0, 0, 0},
    {"FMAXNM(signalling NaN, 1) is the NaN, IOC", 0x1e626820, 0, 0x7ff0000000000007, 0x3ff0000000000000, 0, 0, 0x7ff8000000000007, FP_X0, 0x1, 0},
    {"FCVTZS to W saturates", 0x1e780020, 0, 0x4202a05f20000000, 0, 0, 0, FP_V0, 0x7fffffff, 0x1, 0},
    {"FCVTZS of a NaN is 0 with IOC", 0x1e780020, 0, 0x7ff8000000000000, 0, 0, 0, FP_V0, 0, 0x1, 0},
    {"FCVTZU of -1.5 saturates to 0", 0x1e790020, 0, 0xbff8000000000000, 0, 0, 0, FP_V0, 0, 0x1, 0},
    {"FCVTZU of -0.5 is 0, inexact", 0x1e790020, 0, 0xbfe0000000000000, 0, 0, 0, FP_V0, 0, 0x10, 0},
    {"FCVTZS to X of -2^63 is exact", 0x9e780020, 0, 0xc3e0000000000000, 0, 0, 0, FP_V0, 0x8000000000000000, 0, 0},
    {"FCVTZS to X of 2^63 saturates", 0x9e780020, 0, 0x43e0000000000000, 0, 0, 0, FP_V0, 0x7fffffffffffffff, 0x1, 0},
    {"FCVTNS ties to even", 0x1e600020, 0, 0x4004000000000000, 0, 0, 0, FP_V0, 2, 0x10, 0},
    {"FCVTNS to W zero-extends", 0x1e600020, 0, 0xc008000000000000, 0, 0, 0, FP_V0, 0xfffffffd, 0, 0},
    {"SCVTF rounds per FPCR", 0x9e220020, 0x400000, 0, 0, 0, 0x1000001, 0x4b800001, FP_X0, 0x10, 0},
    {"UCVTF W of 0xffffffff", 0x1e230020, 0, 0, 0, 0, 0xffffffff, 0x4f800000, FP_X0, 0x10, 0},
    {"SCVTF D, W reads only W", 0x1e620020, 0, 0, 0, 0, 0x12345678ffffffff, 0xbff0000000000000, FP_X0, 0, 0},
    {"FCMP unordered is 0011", 0x1e622020, 0, 0x7ff8000000000000, 0x3ff0000000000000, 0, 0, FP_V0, FP_X0, 0, 0x3},
    {"FCMPE raises IOC on a quiet NaN", 0x1e622030, 0, 0x7ff8000000000000, 0x3ff0000000000000, 0, 0, FP_V0, FP_X0, 0x1, 0x3},
    {"FCMP raises IOC on a signalling NaN", 0x1e622020, 0, 0x3ff0000000000000, 0x7ff0000000000001, 0, 0, FP_V0, FP_X0, 0x1, 0x3},
    {"FCMP less is 1000", 0x1e622020, 0, 0xbff0000000000000, 0x3ff0000000000000, 0, 0, FP_V0, FP_X0, 0, 0x8},
    {"FCMP equal (-0 == +0) is 0110", 0x1e622020, 0, 0x8000000000000000, 0, 0, 0, FP_V0, FP_X0, 0, 0x6},
    {"FCMP greater is 0010", 0x1e622020, 0, 0x7ff0000000000000, 0x3ff0000000000000, 0, 0, FP_V0, FP_X0, 0, 0x2},
    {"FCVT S->H overflows to inf", 0x1e23c020, 0, 0x477ff000, 0, 0, 0, 0x7c00, FP_X0, 0x14, 0},
    {"FCVT S->H of 65504 is exact", 0x1e23c020, 0, 0x477fe000, 0, 0, 0, 0x7bff, FP_X0, 0, 0},
    {"FCVT S->H RZ overflows to the largest finite", 0x1e23c020, 0xc00000, 0x47800000, 0, 0, 0, 0x7bff, FP_X0, 0x14, 0},
    {"FCVT H->S quietens a signalling NaN", 0x1ee24020, 0, 0x7c01, 0, 0, 0, 0x7fc02000, FP_X0, 0x1, 0},
    {"FCVT H->D of the smallest denormal", 0x1ee2c020, 0, 0x0001, 0, 0, 0, 0x3e70000000000000, FP_X0, 0, 0},
    {"FCVT D->H rounds once", 0x1e63c020, 0, 0x3ff0020000001000, 0, 0, 0, 0x3c01, FP_X0, 0x10, 0},
    {"FCVT D->S keeps the NaN payload top bits", 0x1e624020, 0, 0xfff4000000012345, 0, 0, 0, 0xffe00000, FP_X0, 0x1, 0},
    {"FMOV d0, #-1.25", 0x1e7e9000, 0, 0, 0, 0, 0, 0xbff4000000000000, FP_X0, 0, 0},
    /* FRSQRTS (3 - a*b) / 2 with denormal operands: once the larger operand
     * was halved first, dropping its low bit and the tiny product with it
     * (difftest simdfp seed 42000); qemu-checked */
    {"FRSQRTS S, denormal*denormal, RM", 0x5ea2fc20, 0x800000, 1, 1, 0, 0, 0x3fbfffff, FP_X0, 0x10, 0},
    {"FRSQRTS S, denormal*denormal, RN", 0x5ea2fc20, 0, 1, 1, 0, 0, 0x3fc00000, FP_X0, 0x10, 0},
    {"FRSQRTS S, -denormal*denormal, RP", 0x5ea2fc20, 0x400000, 0x80000001, 1, 0, 0, 0x3fc00001, FP_X0, 0x10, 0},
    {"FRSQRTS D, denormal*denormal, RZ", 0x5ee2fc20, 0xc00000, 1, 1, 0, 0, 0x3ff7ffffffffffff, FP_X0, 0x10, 0},
    /* -0.49999999999999994 is no tie: rounding once worked from v - floor(v),
     * which is inexact there (grid test vs qemu) */
    {"FRINTA of -0.49999999999999994 is -0", 0x1e664020, 0, 0xbfdfffffffffffff, 0, 0, 0, 0x8000000000000000, FP_X0, 0, 0},
    {"FRINTN of -0.49999999999999994 is -0", 0x1e644020, 0, 0xbfdfffffffffffff, 0, 0, 0, 0x8000000000000000, FP_X0, 0, 0},
    {"FCVTAS X of -0.49999999999999994 is 0", 0x9e640020, 0, 0xbfdfffffffffffff, 0, 0, 0, FP_V0, 0, 0x10, 0},
    {"FCVTAU X of -0.49999999999999994 is 0, no IOC", 0x9e650020, 0, 0xbfdfffffffffffff, 0, 0, 0, FP_V0, 0, 0x10, 0},
    {"FCVTAS D (SIMD) of -0.49999999999999994 is 0", 0x5e61c820, 0, 0xbfdfffffffffffff, 0, 0, 0, 0, FP_X0, 0x10, 0},
};
/* ---- end named cases ---- */

static struct insn fp_t_decode(uint32_t raw)
{
    struct insn i;
    decode_insn(&i, raw, 0x400000);
    return i;
}

struct fp_t_ctx {
    struct cpu c;
    struct insn i;
    uint32_t word;
    int undef;
};

/* one instruction on pvm: decode_insn + exec_table, state in and out of s */
static void fp_t_runner(struct fp_state *s, uint32_t word, void *vctx)
{
    struct fp_t_ctx *t = vctx;
    struct cpu *c = &t->c;
    if (word != t->word) {
        t->i = fp_t_decode(word);
        t->word = word;
    }
    if (t->i.op == OP_UNDEF) {
        t->undef = 1;
        return;
    }
    for (int k = 0; k < 4; k++) {
        c->v[k].d[0] = s->v[k][0];
        c->v[k].d[1] = s->v[k][1];
        c->x[k] = s->x[k];
    }
    fpu_write_fpcr(c, s->fpcr);
    fpu_write_fpsr(c, 0);
    c->nzcv = (uint32_t)s->nzcv;
    c->cur = &t->i;
    if (exec_table[t->i.op](c, &t->i) != X_NEXT)
        t->undef = 1;
    for (int k = 0; k < 4; k++) {
        s->v[k][0] = c->v[k].d[0];
        s->v[k][1] = c->v[k].d[1];
        s->x[k] = c->x[k];
    }
    s->fpsr = fpu_read_fpsr(c);
    s->nzcv = c->nzcv;
}

START_TEST(test_fp_fields)
{
    struct insn i = fp_t_decode(0x1f4720c5); /* fmadd d5, d6, d7, d8 */
    ck_assert_str_eq(decode_op_name(i.op), "FMADD");
    ck_assert_uint_eq(i.rd, 5);
    ck_assert_uint_eq(i.rn, 6);
    ck_assert_uint_eq(i.rm, 7);
    ck_assert_uint_eq(i.ra, 8);
    ck_assert_uint_eq(i.size, 3);
    ck_assert(i.flags & INSN_FP);

    i = fp_t_decode(0x1f33d251); /* fnmsub s17, s18, s19, s20 */
    ck_assert_str_eq(decode_op_name(i.op), "FNMSUB");
    ck_assert_uint_eq(i.rd, 17);
    ck_assert_uint_eq(i.ra, 20);
    ck_assert_uint_eq(i.size, 2);

    i = fp_t_decode(0x9e58d883); /* fcvtzs x3, d4, #10 */
    ck_assert_str_eq(decode_op_name(i.op), "FCVTZS_FIX");
    ck_assert_uint_eq(i.rd, 3);
    ck_assert_uint_eq(i.rn, 4);
    ck_assert_uint_eq(i.sf, 1);
    ck_assert_int_eq(i.imm, 10);
    ck_assert_uint_eq(i.amt, 0);

    i = fp_t_decode(0x1e02f549); /* scvtf s9, w10, #3 */
    ck_assert_str_eq(decode_op_name(i.op), "SCVTF_FIX");
    ck_assert_uint_eq(i.rd, 9);
    ck_assert_uint_eq(i.rn, 10);
    ck_assert_uint_eq(i.sf, 0);
    ck_assert_int_eq(i.imm, 3);

    i = fp_t_decode(0x9e6303e1); /* ucvtf d1, xzr */
    ck_assert_str_eq(decode_op_name(i.op), "UCVTF_I");
    ck_assert_uint_eq(i.rn, REG_ZR);
    ck_assert_uint_eq(i.amt, 1);
    ck_assert_uint_eq(i.size, 3);

    i = fp_t_decode(0x1e221425); /* fccmp s1, s2, #0x5, ne */
    ck_assert_str_eq(decode_op_name(i.op), "FCCMP");
    ck_assert_uint_eq(i.cond, 1);
    ck_assert_int_eq(i.imm, 0x5ll << 28);
    ck_assert_uint_eq(i.x, 0);
    ck_assert(i.flags & INSN_RD_NZCV);
    ck_assert(i.flags & INSN_WR_NZCV);

    i = fp_t_decode(0x1e64747a); /* fccmpe d3, d4, #0xa, vc */
    ck_assert_str_eq(decode_op_name(i.op), "FCCMP");
    ck_assert_uint_eq(i.cond, 7);
    ck_assert_int_eq(i.imm, 0xall << 28);
    ck_assert_uint_eq(i.x, 1);
    ck_assert_uint_eq(i.size, 3);

    i = fp_t_decode(0x1e6cbd6a); /* fcsel d10, d11, d12, lt */
    ck_assert_str_eq(decode_op_name(i.op), "FCSEL");
    ck_assert_uint_eq(i.cond, 11);
    ck_assert_uint_eq(i.rd, 10);
    ck_assert_uint_eq(i.rm, 12);
    ck_assert(i.flags & INSN_RD_NZCV);
    ck_assert(!(i.flags & INSN_WR_NZCV));

    i = fp_t_decode(0x1e7e9003); /* fmov d3, #-1.25 */
    ck_assert_str_eq(decode_op_name(i.op), "FMOV_I");
    ck_assert_uint_eq(i.imm2, 0xbff4000000000000ull);
    i = fp_t_decode(0x1e27f004); /* fmov s4, #31.0 */
    ck_assert_uint_eq(i.imm2, 0x41f80000);

    i = fp_t_decode(0x9eae03fe); /* fmov x30, v31.d[1] */
    ck_assert_str_eq(decode_op_name(i.op), "FMOV_TOGEN_HI");
    ck_assert_uint_eq(i.rd, 30);
    ck_assert_uint_eq(i.rn, 31);
    i = fp_t_decode(0x9eaf03e2); /* fmov v2.d[1], xzr */
    ck_assert_str_eq(decode_op_name(i.op), "FMOV_FROMGEN_HI");
    ck_assert_uint_eq(i.rn, REG_ZR);
    i = fp_t_decode(0x1e26003f); /* fmov wzr, s1 */
    ck_assert_str_eq(decode_op_name(i.op), "FMOV_TOGEN");
    ck_assert_uint_eq(i.rd, REG_WSINK);

    i = fp_t_decode(0x1e202078); /* fcmpe s3, #0.0 */
    ck_assert_str_eq(decode_op_name(i.op), "FCMP");
    ck_assert_uint_eq(i.x, 1);
    ck_assert_uint_eq(i.y, 1);
    ck_assert(i.flags & INSN_WR_NZCV);
    i = fp_t_decode(0x1e6820e0); /* fcmp d7, d8 */
    ck_assert_uint_eq(i.x, 0);
    ck_assert_uint_eq(i.y, 0);
    ck_assert_uint_eq(i.rm, 8);

    i = fp_t_decode(0x1e63c083); /* fcvt h3, d4 */
    ck_assert_str_eq(decode_op_name(i.op), "FCVT");
    ck_assert_uint_eq(i.size, 3);
    ck_assert_uint_eq(i.x, 1);
    i = fp_t_decode(0x1ee2c083); /* fcvt d3, h4 */
    ck_assert_uint_eq(i.size, 1);
    ck_assert_uint_eq(i.x, 3);

    i = fp_t_decode(0x1e2500c5); /* fcvtau w5, s6 */
    ck_assert_str_eq(decode_op_name(i.op), "FCVTA_TOINT");
    ck_assert_uint_eq(i.amt, 1);
    ck_assert_uint_eq(i.sf, 0);
    i = fp_t_decode(0x9e700107); /* fcvtms x7, d8 */
    ck_assert_str_eq(decode_op_name(i.op), "FCVT_TOINT");
    ck_assert_uint_eq(i.opt, 2);
    ck_assert_uint_eq(i.amt, 0);
    ck_assert_uint_eq(i.sf, 1);

    ck_assert_str_eq(decode_op_name(fp_t_decode(0x1e674149).op), "FRINTX"); /* frintx d9, d10 */
    ck_assert_str_eq(decode_op_name(fp_t_decode(0x1e21c18b).op), "FSQRT");  /* fsqrt s11, s12 */
    ck_assert_str_eq(decode_op_name(fp_t_decode(0x1e6f89cd).op), "FNMUL");  /* fnmul d13, d14, d15 */
}
END_TEST

/* one or more encodings per row of interp/fp.decode (aarch64-linux-gnu-as/objdump);
 * -1: field not checked. size is the FP precision (1 H, 2 S, 3 D) of the
 * FP operand (the source for FCVT and conversions to integer) */
struct fp_row {
    uint32_t word;
    const char *op;
    int8_t rd, rn, rm, ra, size, sf, x, y, opt, amt, cond;
    uint8_t has_imm;
    long long imm;
    uint8_t has_imm2;
    unsigned long long imm2;
};
static const struct fp_row fp_rows[] = {
    {0x1e204041 , "FMOV_R", 1, 2, -1, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmov s1, s2 */
    {0x1e604083 , "FMOV_R", 3, 4, -1, -1, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmov d3, d4 */
    {0x1e60c0c5 , "FABS", 5, 6, -1, -1, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fabs d5, d6 */
    {0x1e214107 , "FNEG", 7, 8, -1, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fneg s7, s8 */
    {0x1e61c149 , "FSQRT", 9, 10, -1, -1, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fsqrt d9, d10 */
    {0x1e22c041 , "FCVT", 1, 2, -1, -1, 2, -1, 3, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fcvt d1, s2 */
    {0x1e624083 , "FCVT", 3, 4, -1, -1, 3, -1, 2, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fcvt s3, d4 */
    {0x1e23c0c5 , "FCVT", 5, 6, -1, -1, 2, -1, 1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fcvt h5, s6 */
    {0x1ee24107 , "FCVT", 7, 8, -1, -1, 1, -1, 2, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fcvt s7, h8 */
    {0x1e63c149 , "FCVT", 9, 10, -1, -1, 3, -1, 1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fcvt h9, d10 */
    {0x1ee2c18b , "FCVT", 11, 12, -1, -1, 1, -1, 3, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fcvt d11, h12 */
    {0x1e244041 , "FRINTN", 1, 2, -1, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* frintn s1, s2 */
    {0x1e64c083 , "FRINTP", 3, 4, -1, -1, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* frintp d3, d4 */
    {0x1e2540c5 , "FRINTM", 5, 6, -1, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* frintm s5, s6 */
    {0x1e65c107 , "FRINTZ", 7, 8, -1, -1, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* frintz d7, d8 */
    {0x1e264149 , "FRINTA", 9, 10, -1, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* frinta s9, s10 */
    {0x1e67418b , "FRINTX", 11, 12, -1, -1, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* frintx d11, d12 */
    {0x1e27c1cd , "FRINTI", 13, 14, -1, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* frinti s13, s14 */
    {0x1e230841 , "FMUL", 1, 2, 3, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmul s1, s2, s3 */
    {0x1e6618a4 , "FDIV", 4, 5, 6, -1, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fdiv d4, d5, d6 */
    {0x1e292907 , "FADD", 7, 8, 9, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fadd s7, s8, s9 */
    {0x1e6c396a , "FSUB", 10, 11, 12, -1, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fsub d10, d11, d12 */
    {0x1e2f49cd , "FMAX", 13, 14, 15, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmax s13, s14, s15 */
    {0x1e725a30 , "FMIN", 16, 17, 18, -1, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmin d16, d17, d18 */
    {0x1e356a93 , "FMAXNM", 19, 20, 21, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmaxnm s19, s20, s21 */
    {0x1e787af6 , "FMINNM", 22, 23, 24, -1, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fminnm d22, d23, d24 */
    {0x1e3b8b59 , "FNMUL", 25, 26, 27, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fnmul s25, s26, s27 */
    {0x1f431041 , "FMADD", 1, 2, 3, 4, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmadd d1, d2, d3, d4 */
    {0x1f07a0c5 , "FMSUB", 5, 6, 7, 8, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmsub s5, s6, s7, s8 */
    {0x1f6b3149 , "FNMADD", 9, 10, 11, 12, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fnmadd d9, d10, d11, d12 */
    {0x1f2fc1cd , "FNMSUB", 13, 14, 15, 16, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fnmsub s13, s14, s15, s16 */
    {0x1e222020 , "FCMP", -1, 1, 2, -1, 2, -1, 0, 0, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fcmp s1, s2 */
    {0x1e642070 , "FCMP", -1, 3, 4, -1, 3, -1, 1, 0, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fcmpe d3, d4 */
    {0x1e6020a8 , "FCMP", -1, 5, -1, -1, 3, -1, 0, 1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fcmp d5, #0.0 */
    {0x1e2020d8 , "FCMP", -1, 6, -1, -1, 2, -1, 1, 1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fcmpe s6, #0.0 */
    {0x1e220423 , "FCCMP", -1, 1, 2, -1, 2, -1, 0, -1, -1, -1, 0, 1, 805306368ll, 0, 0x0ull}, /* fccmp s1, s2, #0x3, eq */
    {0x1e64847c , "FCCMP", -1, 3, 4, -1, 3, -1, 1, -1, -1, -1, 8, 1, 3221225472ll, 0, 0x0ull}, /* fccmpe d3, d4, #0xc, hi */
    {0x1e27acc5 , "FCSEL", 5, 6, 7, -1, 2, -1, -1, -1, -1, -1, 10, 0, 0ll, 0, 0x0ull}, /* fcsel s5, s6, s7, ge */
    {0x1e6aed28 , "FCSEL", 8, 9, 10, -1, 3, -1, -1, -1, -1, -1, 14, 0, 0ll, 0, 0x0ull}, /* fcsel d8, d9, d10, al */
    {0x1e20100b , "FMOV_I", 11, -1, -1, -1, 2, -1, -1, -1, -1, -1, -1, 0, 0ll, 1, 0x40000000ull}, /* fmov s11, #2.000000000000000000e+00 */
    {0x1e78100c , "FMOV_I", 12, -1, -1, -1, 3, -1, -1, -1, -1, -1, -1, 0, 0ll, 1, 0xbfc0000000000000ull}, /* fmov d12, #-1.250000000000000000e-01 */
    {0x1e02ec41 , "SCVTF_FIX", 1, 2, -1, -1, 2, 0, -1, -1, -1, 0, -1, 1, 5ll, 0, 0x0ull}, /* scvtf s1, w2, #5 */
    {0x9e420083 , "SCVTF_FIX", 3, 4, -1, -1, 3, 1, -1, -1, -1, 0, -1, 1, 64ll, 0, 0x0ull}, /* scvtf d3, x4, #64 */
    {0x9e03fcc5 , "UCVTF_FIX", 5, 6, -1, -1, 2, 1, -1, -1, -1, 1, -1, 1, 1ll, 0, 0x0ull}, /* ucvtf s5, x6, #1 */
    {0x1e438107 , "UCVTF_FIX", 7, 8, -1, -1, 3, 0, -1, -1, -1, 1, -1, 1, 32ll, 0, 0x0ull}, /* ucvtf d7, w8, #32 */
    {0x1e18e549 , "FCVTZS_FIX", 9, 10, -1, -1, 2, 0, -1, -1, -1, 0, -1, 1, 7ll, 0, 0x0ull}, /* fcvtzs w9, s10, #7 */
    {0x9e58118b , "FCVTZS_FIX", 11, 12, -1, -1, 3, 1, -1, -1, -1, 0, -1, 1, 60ll, 0, 0x0ull}, /* fcvtzs x11, d12, #60 */
    {0x1e5981cd , "FCVTZU_FIX", 13, 14, -1, -1, 3, 0, -1, -1, -1, 1, -1, 1, 32ll, 0, 0x0ull}, /* fcvtzu w13, d14, #32 */
    {0x9e19f60f , "FCVTZU_FIX", 15, 16, -1, -1, 2, 1, -1, -1, -1, 1, -1, 1, 3ll, 0, 0x0ull}, /* fcvtzu x15, s16, #3 */
    {0x1e200041 , "FCVT_TOINT", 1, 2, -1, -1, 2, 0, -1, -1, 0, 0, -1, 0, 0ll, 0, 0x0ull}, /* fcvtns w1, s2 */
    {0x9e610083 , "FCVT_TOINT", 3, 4, -1, -1, 3, 1, -1, -1, 0, 1, -1, 0, 0ll, 0, 0x0ull}, /* fcvtnu x3, d4 */
    {0x1e6800c5 , "FCVT_TOINT", 5, 6, -1, -1, 3, 0, -1, -1, 1, 0, -1, 0, 0ll, 0, 0x0ull}, /* fcvtps w5, d6 */
    {0x9e290107 , "FCVT_TOINT", 7, 8, -1, -1, 2, 1, -1, -1, 1, 1, -1, 0, 0ll, 0, 0x0ull}, /* fcvtpu x7, s8 */
    {0x9e300149 , "FCVT_TOINT", 9, 10, -1, -1, 2, 1, -1, -1, 2, 0, -1, 0, 0ll, 0, 0x0ull}, /* fcvtms x9, s10 */
    {0x1e71018b , "FCVT_TOINT", 11, 12, -1, -1, 3, 0, -1, -1, 2, 1, -1, 0, 0ll, 0, 0x0ull}, /* fcvtmu w11, d12 */
    {0x1e7801cd , "FCVT_TOINT", 13, 14, -1, -1, 3, 0, -1, -1, 3, 0, -1, 0, 0ll, 0, 0x0ull}, /* fcvtzs w13, d14 */
    {0x9e39020f , "FCVT_TOINT", 15, 16, -1, -1, 2, 1, -1, -1, 3, 1, -1, 0, 0ll, 0, 0x0ull}, /* fcvtzu x15, s16 */
    {0x9e640251 , "FCVTA_TOINT", 17, 18, -1, -1, 3, 1, -1, -1, 4, 0, -1, 0, 0ll, 0, 0x0ull}, /* fcvtas x17, d18 */
    {0x1e250293 , "FCVTA_TOINT", 19, 20, -1, -1, 2, 0, -1, -1, 4, 1, -1, 0, 0ll, 0, 0x0ull}, /* fcvtau w19, s20 */
    {0x1e220041 , "SCVTF_I", 1, 2, -1, -1, 2, 0, -1, -1, -1, 0, -1, 0, 0ll, 0, 0x0ull}, /* scvtf s1, w2 */
    {0x9e620083 , "SCVTF_I", 3, 4, -1, -1, 3, 1, -1, -1, -1, 0, -1, 0, 0ll, 0, 0x0ull}, /* scvtf d3, x4 */
    {0x1e6203e5 , "SCVTF_I", 5, 32, -1, -1, 3, 0, -1, -1, -1, 0, -1, 0, 0ll, 0, 0x0ull}, /* scvtf d5, wzr */
    {0x9e2300e6 , "UCVTF_I", 6, 7, -1, -1, 2, 1, -1, -1, -1, 1, -1, 0, 0ll, 0, 0x0ull}, /* ucvtf s6, x7 */
    {0x1e630128 , "UCVTF_I", 8, 9, -1, -1, 3, 0, -1, -1, -1, 1, -1, 0, 0ll, 0, 0x0ull}, /* ucvtf d8, w9 */
    {0x1e260041 , "FMOV_TOGEN", 1, 2, -1, -1, 2, 0, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmov w1, s2 */
    {0x9e660083 , "FMOV_TOGEN", 3, 4, -1, -1, 3, 1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmov x3, d4 */
    {0x1e2700c5 , "FMOV_FROMGEN", 5, 6, -1, -1, 2, 0, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmov s5, w6 */
    {0x9e6703e7 , "FMOV_FROMGEN", 7, 32, -1, -1, 3, 1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmov d7, xzr */
    {0x9eae0128 , "FMOV_TOGEN_HI", 8, 9, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmov x8, v9.d[1] */
    {0x9eaf016a , "FMOV_FROMGEN_HI", 10, 11, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmov v10.d[1], x11 */
    {0x9e66019f , "FMOV_TOGEN", 33, 12, -1, -1, 3, 1, -1, -1, -1, -1, -1, 0, 0ll, 0, 0x0ull}, /* fmov xzr, d12 */
};

#define FP_ROW_FIELD(name)                                                                                 \
    if (e->name >= 0)                                                                                      \
    ck_assert_msg(i.name == (unsigned)e->name, "%08x (%s): " #name " %u, want %d", e->word, e->op, i.name, \
                  e->name)

START_TEST(test_fp_rows)
{
    for (unsigned k = 0; k < sizeof fp_rows / sizeof fp_rows[0]; k++) {
        const struct fp_row *e = &fp_rows[k];
        struct insn i = fp_t_decode(e->word);
        ck_assert_msg(!strcmp(decode_op_name(i.op), e->op), "%08x decoded as %s, want %s", e->word,
                      decode_op_name(i.op), e->op);
        FP_ROW_FIELD(rd);
        FP_ROW_FIELD(rn);
        FP_ROW_FIELD(rm);
        FP_ROW_FIELD(ra);
        FP_ROW_FIELD(size);
        FP_ROW_FIELD(sf);
        FP_ROW_FIELD(x);
        FP_ROW_FIELD(y);
        FP_ROW_FIELD(opt);
        FP_ROW_FIELD(amt);
        FP_ROW_FIELD(cond);
        if (e->has_imm)
            ck_assert_msg(i.imm == e->imm, "%08x (%s): imm %lld, want %lld", e->word, e->op, (long long)i.imm, e->imm);
        if (e->has_imm2)
            ck_assert_msg(i.imm2 == e->imm2, "%08x (%s): imm2 %llx, want %llx", e->word, e->op,
                          (unsigned long long)i.imm2, e->imm2);
        ck_assert_msg(i.flags & INSN_FP, "%08x (%s) lacks INSN_FP", e->word, e->op);
        ck_assert(!(i.flags & INSN_MEM));
    }
}
END_TEST

/* SIGILL under qemu-aarch64 -cpu cortex-a53 (FP16 forms: FPHP is not advertised) */
START_TEST(test_fp_unallocated)
{
    static const uint32_t words[] = {
        0x1ee70020, /* fmov h0, w1 */
        0x1ee60020, /* fmov w0, h1 */
        0x9ee60020, /* fmov x0, h1 */
        0x9ee70020, /* fmov h0, x1 */
        0x1ee22820, /* fadd h0, h1, h2 */
        0x1ee04020, /* fmov h0, h1 */
        0x1ef80020, /* fcvtzs w0, h1 */
        0x1ee20020, /* scvtf h0, w1 */
        0x1ee22020, /* fcmp h1, h2 */
        0x1eee1000, /* fmov h0, #1.0 */
        0x1ee20c20, /* fcsel h0, h1, h2, eq */
        0x1fc20c20, /* fmadd h0, h1, h2, h3 */
        0x1ea00820, /* ftype 10 */
        0x1e224020, /* fcvt s0, s1 */
        0x1e208000, /* 1-source opcode 000010 with M/S clear */
        0x1ea04000, /* fmov with ftype 10 */
        0x1e3c0020, /* fcvta with rmode 11 */
        0x1e1c0020, /* fixed-point fcvta */
        0x1e6c0020, /* fcvta with rmode 01 */
        0x1e187c00, /* fcvtzs w0, s0 with scale < 32 (fbits > 32) */
        0x9e260020, /* fmov x0, s1 (sf/type mismatch) */
        0x1e670020, /* fmov d0, w1 */
        0x1eae0020, /* fmov top half with sf = 0 */
        0x3e222820, /* fadd with S = 1 */
    };
    for (unsigned k = 0; k < sizeof words / sizeof words[0]; k++) {
        struct insn i = fp_t_decode(words[k]);
        ck_assert_msg(i.op == OP_UNDEF, "%08x decoded as %s", words[k], decode_op_name(i.op));
    }
}
END_TEST

START_TEST(test_fp_env)
{
    static struct cpu c;
    fpu_write_fpcr(&c, ~0ull); /* Cortex-A53 under qemu reads back 0x07f70000 */
    ck_assert_uint_eq(fpu_read_fpcr(&c), 0x07f70000);
    fpu_write_fpsr(&c, ~0ull);
    ck_assert_uint_eq(fpu_read_fpsr(&c), 0xf800009f);
    fpu_write_fpcr(&c, 0);
    ck_assert_uint_eq(c.mxcsr, 0x1f80);
    fpu_write_fpcr(&c, FPCR_FZ | 1u << FPCR_RMODE_SHIFT); /* RP */
    ck_assert_uint_eq(c.mxcsr, 0x1f80 | 0x4000 | 0x8040);
    fpu_write_fpcr(&c, 2u << FPCR_RMODE_SHIFT); /* RM */
    ck_assert_uint_eq(c.mxcsr, 0x1f80 | 0x2000);

    /* guest rounding never leaks into the host's own FP */
    uint32_t host = __builtin_ia32_stmxcsr();
    struct fp_state s = {.v = {{0}, {0x3f800000}, {0x33800000}}, .fpcr = 0xc00000};
    struct fp_t_ctx *t = calloc(1, sizeof *t);
    fp_t_runner(&s, 0x1e222820, t); /* fadd s0, s1, s2 */
    free(t);
    ck_assert_uint_eq(__builtin_ia32_stmxcsr(), host);
}
END_TEST

START_TEST(test_fp_named)
{
    static struct fp_t_ctx t;
    for (unsigned k = 0; k < FP_N(fp_named); k++) {
        const struct fp_named *e = &fp_named[k];
        struct fp_state s = {.v = {{FP_V0, 0xfedcba9876543210ull}, {e->n, 0xaaaa}, {e->m, 0x5555}, {e->a, 0x3333}},
                             .x = {FP_X0, e->xn},
                             .fpcr = e->fpcr};
        t.undef = 0;
        fp_t_runner(&s, e->word, &t);
        uint64_t hi = e->d0 == FP_V0 ? 0xfedcba9876543210ull : 0;
        ck_assert_msg(!t.undef, "%s: %08x does not execute", e->what, e->word);
        ck_assert_msg(s.v[0][0] == e->d0 && s.v[0][1] == hi, "%s: d0 %016llx:%016llx want %016llx", e->what,
                      (unsigned long long)s.v[0][1], (unsigned long long)s.v[0][0], (unsigned long long)e->d0);
        ck_assert_msg(s.x[0] == e->x0, "%s: x0 %llx want %llx", e->what, (unsigned long long)s.x[0],
                      (unsigned long long)e->x0);
        ck_assert_msg(s.fpsr == e->fpsr, "%s: fpsr %llx want %x", e->what, (unsigned long long)s.fpsr, e->fpsr);
        ck_assert_msg(s.nzcv >> 28 == e->nzcv, "%s: nzcv %llx want %x", e->what, (unsigned long long)(s.nzcv >> 28),
                      e->nzcv);
    }
}
END_TEST

START_TEST(test_fp_sweep)
{
    static struct fp_t_ctx t;
    const char *path = getenv("PVM_FP_DUMP");
    FILE *dump = path ? fopen(path, "w") : NULL;
    char bad[2048] = "";
    size_t len = 0;
    unsigned nbad = 0;
    for (unsigned k = 0; k < FP_N(fp_sweeps); k++) {
        t.undef = 0;
        t.word = 0;
        uint64_t h = fp_sweep_run(&fp_sweeps[k], fp_t_runner, &t, dump);
        if (t.undef || h != fp_sweeps[k].hash) {
            nbad++;
            if (len < sizeof bad - 64)
                len += (size_t)snprintf(bad + len, sizeof bad - len, " %08x(%s%s)", fp_sweeps[k].word,
                                        decode_op_name(t.i.op), t.undef ? ",undef" : "");
        }
    }
    if (dump)
        fclose(dump);
    ck_assert_msg(nbad == 0, "%u sweeps differ from qemu:%s", nbad, bad);
}
END_TEST

Suite *suite_fp(void)
{
    Suite *s = suite_create("fp");
    TCase *tc = tcase_create("fp");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_fp_fields);
    tcase_add_test(tc, test_fp_rows);
    tcase_add_test(tc, test_fp_unallocated);
    tcase_add_test(tc, test_fp_env);
    tcase_add_test(tc, test_fp_named);
    tcase_add_test(tc, test_fp_sweep);
    suite_add_tcase(s, tc);
    return s;
}

/* Unit tests for the post-ARMv8.0 SIMD&FP extensions (interp/simdx.*):
 * decoder fields on words from aarch64-linux-gnu-as, and known answers
 * worked out from the Arm pseudocode (SQRDMLAH/SQRDMLSH saturating once on
 * the full-precision sum, SDOT/UDOT wrapping, FJCVTZS's modulo result, Z
 * flag and FPSR flags, FRINT32/64 range limits), each run as one
 * instruction on a zeroed register file. */
#include <check.h>
#include <string.h>

#include "interp/decode.h"
#include "interp/fpu.h"
#include "interp/ops.h"

static struct cpu simdx_t_cpu;

static struct insn simdx_t_decode(uint32_t raw)
{
    struct insn i;
    decode_insn(&i, raw, 0x400000);
    return i;
}
/* fresh state with the given FPCR; returns the cpu */
static struct cpu *simdx_t_reset(uint32_t fpcr)
{
    struct cpu *c = &simdx_t_cpu;
    memset(c, 0, sizeof *c);
    fpu_write_fpcr(c, fpcr);
    return c;
}
static void simdx_t_exec(struct cpu *c, uint32_t raw, const char *name)
{
    struct insn i = simdx_t_decode(raw);
    ck_assert_str_eq(decode_op_name(i.op), name);
    c->cur = &i;
    ck_assert_int_eq(exec_table[i.op](c, &i), X_NEXT);
}

START_TEST(test_simdx_fields)
{
    struct insn i = simdx_t_decode(0x2e438441); /* sqrdmlah v1.4h, v2.4h, v3.4h */
    ck_assert_str_eq(decode_op_name(i.op), "SQRDMLAH_V");
    ck_assert_uint_eq(i.rd, 1);
    ck_assert_uint_eq(i.rn, 2);
    ck_assert_uint_eq(i.rm, 3);
    ck_assert_uint_eq(i.size, 1);
    ck_assert_uint_eq(i.x, 4);

    i = simdx_t_decode(0x7e838c41); /* sqrdmlsh s1, s2, s3 */
    ck_assert_str_eq(decode_op_name(i.op), "SQRDMLSH_V");
    ck_assert_uint_eq(i.size, 2);
    ck_assert_uint_eq(i.x, 1);

    i = simdx_t_decode(0x6f7fd841); /* sqrdmlah v1.8h, v2.8h, v15.h[7] */
    ck_assert_str_eq(decode_op_name(i.op), "SQRDMLAH_ELEM");
    ck_assert_uint_eq(i.rm, 15);
    ck_assert_int_eq(i.imm, 7);
    ck_assert_uint_eq(i.x, 8);

    i = simdx_t_decode(0x7f5fd841); /* sqrdmlah h1, h2, v15.h[5] */
    ck_assert_str_eq(decode_op_name(i.op), "SQRDMLAH_ELEM");
    ck_assert_uint_eq(i.rm, 15);
    ck_assert_int_eq(i.imm, 5);
    ck_assert_uint_eq(i.x, 1);

    i = simdx_t_decode(0x6fbff841); /* sqrdmlsh v1.4s, v2.4s, v31.s[3] */
    ck_assert_str_eq(decode_op_name(i.op), "SQRDMLSH_ELEM");
    ck_assert_uint_eq(i.rm, 31);
    ck_assert_int_eq(i.imm, 3);
    ck_assert_uint_eq(i.x, 4);

    i = simdx_t_decode(0x0e839441); /* sdot v1.2s, v2.8b, v3.8b */
    ck_assert_str_eq(decode_op_name(i.op), "SDOT_V");
    ck_assert_uint_eq(i.x, 2);
    i = simdx_t_decode(0x4fbfe841); /* sdot v1.4s, v2.16b, v31.4b[3] */
    ck_assert_str_eq(decode_op_name(i.op), "SDOT_ELEM");
    ck_assert_uint_eq(i.rm, 31);
    ck_assert_int_eq(i.imm, 3);
    ck_assert_uint_eq(i.x, 4);
    i = simdx_t_decode(0x2fa3e041); /* udot v1.2s, v2.8b, v3.4b[1] */
    ck_assert_str_eq(decode_op_name(i.op), "UDOT_ELEM");
    ck_assert_int_eq(i.imm, 1);

    i = simdx_t_decode(0x1e7e03e1); /* fjcvtzs w1, d31 */
    ck_assert_str_eq(decode_op_name(i.op), "FJCVTZS");
    ck_assert_uint_eq(i.rd, 1);
    ck_assert_uint_eq(i.rn, 31);
    i = simdx_t_decode(0x1e7e005f); /* fjcvtzs wzr, d2 */
    ck_assert_uint_eq(i.rd, REG_WSINK);

    i = simdx_t_decode(0x1e68c041); /* frint32x d1, d2 */
    ck_assert_str_eq(decode_op_name(i.op), "FRINT32X");
    ck_assert_uint_eq(i.size, 3);
    i = simdx_t_decode(0x4e61f841); /* frint64z v1.2d, v2.2d */
    ck_assert_str_eq(decode_op_name(i.op), "FRINT64Z_V");
    ck_assert_uint_eq(i.size, 3);
    ck_assert_uint_eq(i.x, 2);
}
END_TEST

/* reserved forms (objdump: undefined) */
START_TEST(test_simdx_unallocated)
{
    static const uint32_t words[] = {
        0x2e038441, /* sqrdmlah, size 00 */
        0x2ec38441, /* sqrdmlah, size 11 */
        0x6f3fd841, /* sqrdmlah by element, size 00 */
        0x0e439441, /* sdot, size 01 */
        0x0ec39441, /* sdot, size 11 */
        0x4f7fe841, /* sdot by element, size 01 */
        0x0e61f841, /* frint64z v.1d (Q=0, sz=1) */
        0x1ee84041, /* frint32z, ftype 11 (no FP16 form) */
        0x9e7e0041, /* fjcvtzs with sf=1 */
    };
    for (unsigned k = 0; k < sizeof words / sizeof *words; k++) {
        struct insn i = simdx_t_decode(words[k]);
        ck_assert_msg(i.op == OP_UNDEF, "%08x decodes as %s", words[k], decode_op_name(i.op));
    }
}
END_TEST

START_TEST(test_simdx_rdm)
{
    /* sqrdmlah v1.4h, v2.4h, v3.4h: lanes (d, a, b) */
    struct cpu *c = simdx_t_reset(0);
    c->v[1].d[1] = ~0ull; /* Q=0 clears the upper half */
    c->v[1].h[0] = 0, c->v[2].h[0] = 0x4000, c->v[3].h[0] = 0x4000;      /* 0 + 0.25 -> 0x2000 */
    c->v[1].h[1] = 0xffff, c->v[2].h[1] = 0x8000, c->v[3].h[1] = 0x8000; /* -1 + 2^31: 32767.5 -> 32767, no QC */
    c->v[1].h[2] = 0x1234, c->v[2].h[2] = 0, c->v[3].h[2] = 0x7fff;      /* unchanged */
    c->v[1].h[3] = 0xc000, c->v[2].h[3] = 0x0001, c->v[3].h[3] = 0x7fff; /* 0xc000 + 0.99997/2^15 rounds -> 0xc001 */
    simdx_t_exec(c, 0x2e438441, "SQRDMLAH_V");
    ck_assert_uint_eq(c->v[1].d[0], 0xc00112347fff2000ull);
    ck_assert_uint_eq(c->v[1].d[1], 0);
    ck_assert_uint_eq(c->fpsr, 0);

    /* saturation: 0x7000 + 0x2000 -> 0x7fff with QC */
    c = simdx_t_reset(0);
    c->v[1].h[0] = 0x7000, c->v[2].h[0] = 0x4000, c->v[3].h[0] = 0x4000;
    simdx_t_exec(c, 0x2e438441, "SQRDMLAH_V");
    ck_assert_uint_eq(c->v[1].h[0], 0x7fff);
    ck_assert_uint_eq(c->fpsr, FPSR_QC);

    /* sqrdmlah h1, h2, h3: -32768 * -32768 from 0 saturates (as SQRDMULH) */
    c = simdx_t_reset(0);
    c->v[1].d[0] = 0xffffffffffff0000ull;
    c->v[2].h[0] = 0x8000, c->v[3].h[0] = 0x8000, c->v[3].h[1] = 0x1111;
    simdx_t_exec(c, 0x7e438441, "SQRDMLAH_V");
    ck_assert_uint_eq(c->v[1].d[0], 0x7fff);
    ck_assert_uint_eq(c->fpsr, FPSR_QC);

    /* sqrdmlsh s1, s2, s3: -2^31 - 2^29 saturates low */
    c = simdx_t_reset(0);
    c->v[1].s[0] = 0x80000000u, c->v[2].s[0] = 0x40000000u, c->v[3].s[0] = 0x40000000u;
    simdx_t_exec(c, 0x7e838c41, "SQRDMLSH_V");
    ck_assert_uint_eq(c->v[1].d[0], 0x80000000u);
    ck_assert_uint_eq(c->fpsr, FPSR_QC);

    /* sqrdmlsh v1.8h, v2.8h, v3.8h: 100 - 2*0x4000*3/2^16 = 98.5, rounded up (the
     * rounding constant is added to the difference) */
    c = simdx_t_reset(0);
    for (int e = 0; e < 8; e++)
        c->v[1].h[e] = 100, c->v[2].h[e] = 0x4000, c->v[3].h[e] = 3;
    simdx_t_exec(c, 0x6e438c41, "SQRDMLSH_V");
    for (int e = 0; e < 8; e++)
        ck_assert_uint_eq(c->v[1].h[e], 99);

    /* sqrdmlsh v1.4s, v2.4s, v31.s[3]: the element is lane 3 of v31 */
    c = simdx_t_reset(0);
    for (int e = 0; e < 4; e++)
        c->v[1].s[e] = 1000, c->v[2].s[e] = 0x40000000u * (e & 1), c->v[31].s[e] = (uint32_t)e << 28;
    simdx_t_exec(c, 0x6fbff841, "SQRDMLSH_ELEM");
    /* 2 * 2^30 * 3*2^28 / 2^32 = 3 * 2^27 */
    ck_assert_uint_eq(c->v[1].s[0], 1000);
    ck_assert_uint_eq(c->v[1].s[1], 1000u - 0x18000000u);
    ck_assert_uint_eq(c->v[1].s[2], 1000);
    ck_assert_uint_eq(c->v[1].s[3], 1000u - 0x18000000u);
    ck_assert_uint_eq(c->fpsr, 0);

    /* sqrdmlah h1, h2, v15.h[5]: scalar by element, rest of v1 cleared */
    c = simdx_t_reset(0);
    c->v[1].d[0] = 0x5555555555550010ull, c->v[1].d[1] = 1;
    c->v[2].h[0] = 0x2000, c->v[15].h[5] = 0x0100, c->v[15].h[0] = 0x7fff;
    simdx_t_exec(c, 0x7f5fd841, "SQRDMLAH_ELEM");
    /* 0x10 + 2*0x2000*0x100/2^16 = 0x10 + 0x40 */
    ck_assert_uint_eq(c->v[1].d[0], 0x50);
    ck_assert_uint_eq(c->v[1].d[1], 0);
}
END_TEST

START_TEST(test_simdx_dot)
{
    /* sdot v1.2s, v2.8b, v3.8b */
    struct cpu *c = simdx_t_reset(0);
    c->v[1].s[0] = 10, c->v[1].s[1] = 0xffffffffu, c->v[1].d[1] = 0x77;
    c->v[2].s[0] = 0x01ff7f80u, c->v[3].s[0] = 0x02ff8080u; /* 16384 - 16256 + 1 + 2 = 131 */
    c->v[2].s[1] = 0x01010101u, c->v[3].s[1] = 0x01010101u; /* -1 + 4 wraps to 3 */
    simdx_t_exec(c, 0x0e839441, "SDOT_V");
    ck_assert_uint_eq(c->v[1].s[0], 141);
    ck_assert_uint_eq(c->v[1].s[1], 3);
    ck_assert_uint_eq(c->v[1].d[1], 0);

    /* udot v1.4s, v2.16b, v3.16b: same bytes unsigned */
    c = simdx_t_reset(0);
    for (int e = 0; e < 4; e++)
        c->v[1].s[e] = 10, c->v[2].s[e] = 0x01ff7f80u, c->v[3].s[e] = 0x02ff8080u;
    simdx_t_exec(c, 0x6e839441, "UDOT_V");
    for (int e = 0; e < 4; e++)
        ck_assert_uint_eq(c->v[1].s[e], 10u + 16384 + 16256 + 65025 + 2);

    /* sdot v1.4s, v2.16b, v31.4b[3] */
    c = simdx_t_reset(0);
    c->v[31].s[3] = 0xfffefdfcu; /* bytes from the low one up: -4 -3 -2 -1 */
    for (int e = 0; e < 4; e++)
        c->v[2].s[e] = 0x04030201u * (uint32_t)(e + 1);
    simdx_t_exec(c, 0x4fbfe841, "SDOT_ELEM");
    for (int e = 0; e < 4; e++) /* (1*-4 + 2*-3 + 3*-2 + 4*-1) * (e+1) = -20 (e+1) */
        ck_assert_uint_eq(c->v[1].s[e], (uint32_t)(-20 * (e + 1)));

    /* udot v1.2s, v2.8b, v3.4b[1]: 255*255*4 */
    c = simdx_t_reset(0);
    c->v[2].d[0] = ~0ull, c->v[3].s[1] = 0xffffffffu, c->v[3].s[0] = 1;
    simdx_t_exec(c, 0x2fa3e041, "UDOT_ELEM");
    ck_assert_uint_eq(c->v[1].s[0], 260100);
    ck_assert_uint_eq(c->v[1].s[1], 260100);
    ck_assert_uint_eq(c->fpsr, 0);
}
END_TEST

/* one FJCVTZS w1, d2: input, FPCR -> W1, NZCV, FPSR */
struct simdx_t_js {
    uint64_t in;
    uint32_t fpcr;
    uint32_t out, nzcv, fpsr;
};
START_TEST(test_simdx_fjcvtzs)
{
    static const struct simdx_t_js cases[] = {
        {0x3ff0000000000000ull, 0, 1, NZCV_Z, 0},                           /* 1.0 */
        {0x3ff8000000000000ull, 0, 1, 0, FPSR_IXC},                         /* 1.5 */
        {0xbff8000000000000ull, 0, 0xffffffffu, 0, FPSR_IXC},               /* -1.5 */
        {0xbff8000000000000ull, 0xc00000, 0xffffffffu, 0, FPSR_IXC},        /* ignores RMode */
        {0x0000000000000000ull, 0, 0, NZCV_Z, 0},                           /* +0.0 */
        {0x8000000000000000ull, 0, 0, 0, 0},                                /* -0.0: not exact */
        {0x41dfffffffc00000ull, 0, 0x7fffffffu, NZCV_Z, 0},                 /* 2^31 - 1 */
        {0x41e0000000000000ull, 0, 0x80000000u, 0, FPSR_IOC},               /* 2^31 */
        {0xc1e0000000000000ull, 0, 0x80000000u, NZCV_Z, 0},                 /* -2^31 */
        {0xc1e0000000200000ull, 0, 0x7fffffffu, 0, FPSR_IOC},               /* -2^31 - 1 */
        {0x41f0000000500000ull, 0, 5, 0, FPSR_IOC},                         /* 2^32 + 5 */
        {0x42000000001c0000ull, 0, 3, 0, FPSR_IOC},                         /* 2^33 + 3.5: IOC, no IXC */
        {0xc1f0000000100000ull, 0, 0xffffffffu, 0, FPSR_IOC},               /* -(2^32 + 1) */
        {0x4510000000000001ull, 0, 0x40000000u, 0, FPSR_IOC},               /* (2^52 + 1) * 2^30 */
        {0x43e0000000000000ull, 0, 0, 0, FPSR_IOC},                         /* 2^63 */
        {0x7ff0000000000000ull, 0, 0, 0, FPSR_IOC},                         /* +inf */
        {0xfff0000000000000ull, 0, 0, 0, FPSR_IOC},                         /* -inf */
        {0x7ff8000000000000ull, 0, 0, 0, FPSR_IOC},                         /* qNaN */
        {0x7ff4000000000000ull, FPCR_DN, 0, 0, FPSR_IOC},                   /* sNaN */
        {0x0000000000000001ull, 0, 0, 0, FPSR_IXC},                         /* denormal */
        {0x8000000000000001ull, 0, 0, 0, FPSR_IXC},                         /* -denormal */
        {0x0000000000000001ull, FPCR_FZ, 0, 0, FPSR_IDC},                   /* flushed: Z clear */
        {0x800fffffffffffffull, FPCR_FZ, 0, 0, FPSR_IDC},                   /* flushed negative */
        {0x3fefffffffffffffull, 0, 0, 0, FPSR_IXC},                         /* 0.99.. */
        {0xc0c81c8000000000ull, 0, (uint32_t)-12345, NZCV_Z, 0},            /* -12345.0 */
    };
    for (unsigned k = 0; k < sizeof cases / sizeof *cases; k++) {
        const struct simdx_t_js *t = &cases[k];
        struct cpu *c = simdx_t_reset(t->fpcr);
        c->nzcv = 0xf0000000u;
        c->x[1] = ~0ull;
        c->v[2].d[0] = t->in;
        simdx_t_exec(c, 0x1e7e0041, "FJCVTZS");
        ck_assert_msg(c->x[1] == t->out, "case %u: w1 %llx want %x", k, (unsigned long long)c->x[1], t->out);
        ck_assert_msg(c->nzcv == t->nzcv, "case %u: nzcv %x want %x", k, c->nzcv, t->nzcv);
        ck_assert_msg(c->fpsr == t->fpsr, "case %u: fpsr %x want %x", k, c->fpsr, t->fpsr);
    }
}
END_TEST

/* one scalar FRINT: word, FPCR, input -> output, FPSR */
struct simdx_t_fr {
    uint32_t raw, fpcr;
    uint64_t in, out;
    uint32_t fpsr;
};
START_TEST(test_simdx_frint)
{
    enum { R32Z_S = 0x1e284041, R32X_S = 0x1e28c041, R64Z_S = 0x1e294041, R64X_S = 0x1e29c041 };
    enum { R32Z_D = 0x1e684041, R32X_D = 0x1e68c041, R64Z_D = 0x1e694041, R64X_D = 0x1e69c041 };
    static const struct simdx_t_fr cases[] = {
        {R32Z_S, 0, 0x402ccccd, 0x40000000, FPSR_IXC},                           /* 2.7 -> 2 */
        {R32Z_S, 0, 0xc02ccccd, 0xc0000000, FPSR_IXC},                           /* -2.7 -> -2 */
        {R32Z_S, 0, 0xbe99999a, 0x80000000, FPSR_IXC},                           /* -0.3 -> -0 */
        {R32Z_S, 0, 0x4effffff, 0x4effffff, 0},                                  /* 2^31 - 128 */
        {R32Z_S, 0, 0x4f000000, 0xcf000000, FPSR_IOC},                           /* 2^31 */
        {R32Z_S, 0, 0xcf000000, 0xcf000000, 0},                                  /* -2^31 */
        {R32Z_S, 0, 0xcf000001, 0xcf000000, FPSR_IOC},                           /* below -2^31 */
        {R32Z_S, 0, 0x7fc00000, 0xcf000000, FPSR_IOC},                           /* qNaN */
        {R32Z_S, 0, 0xff800000, 0xcf000000, FPSR_IOC},                           /* -inf */
        {R32Z_S, 0, 0x80000000, 0x80000000, 0},                                  /* -0 */
        {R32Z_S, FPCR_FZ, 0x00000001, 0x00000000, FPSR_IDC},                     /* flushed */
        {R32Z_S, 0, 0x00000001, 0x00000000, FPSR_IXC},                           /* denormal */
        {R32X_S, 0x400000, 0x00000001, 0x3f800000, FPSR_IXC},                    /* RP: 1 */
        {R32X_S, 0x800000, 0xbf000000, 0xbf800000, FPSR_IXC},                    /* RM: -0.5 -> -1 */
        {R32X_S, 0, 0xbf000000, 0x80000000, FPSR_IXC},                           /* RN: -0.5 -> -0 */
        {R32X_S, 0, 0x40200000, 0x40000000, FPSR_IXC},                           /* RN: 2.5 -> 2 */
        {R64Z_S, 0, 0x4f000000, 0x4f000000, 0},                                  /* 2^31 fits 64 */
        {R64Z_S, 0, 0x5f000000, 0xdf000000, FPSR_IOC},                           /* 2^63 */
        {R64X_S, 0, 0xdf000000, 0xdf000000, 0},                                  /* -2^63 */
        {R64X_S, 0, 0x7fa00000, 0xdf000000, FPSR_IOC},                           /* sNaN */
        {R32X_D, 0, 0x41dfffffffe00000ull, 0xc1e0000000000000ull, FPSR_IOC},     /* RN: 2^31-0.5 -> 2^31 */
        {R32X_D, 0xc00000, 0x41dfffffffe00000ull, 0x41dfffffffc00000ull, FPSR_IXC}, /* RZ */
        {R32Z_D, 0, 0xc1e00000001fffffull, 0xc1e0000000000000ull, FPSR_IXC},     /* -2^31 - 0.99.. */
        {R32Z_D, 0, 0x7ff0000000000000ull, 0xc1e0000000000000ull, FPSR_IOC},     /* inf */
        {R64Z_D, 0, 0x43dfffffffffffffull, 0x43dfffffffffffffull, 0},            /* 2^63 - 1024 */
        {R64Z_D, 0, 0x43e0000000000000ull, 0xc3e0000000000000ull, FPSR_IOC},     /* 2^63 */
        {R64X_D, 0, 0xc3e0000000000000ull, 0xc3e0000000000000ull, 0},            /* -2^63 */
        {R64X_D, 0x800000, 0xc004000000000000ull, 0xc008000000000000ull, FPSR_IXC}, /* RM: -2.5 -> -3 */
        {R64X_D, FPCR_DN, 0xfff8000000000001ull, 0xc3e0000000000000ull, FPSR_IOC},  /* NaN */
    };
    for (unsigned k = 0; k < sizeof cases / sizeof *cases; k++) {
        const struct simdx_t_fr *t = &cases[k];
        struct cpu *c = simdx_t_reset(t->fpcr);
        c->v[1].d[0] = c->v[1].d[1] = ~0ull;
        c->v[2].d[0] = t->in;
        c->v[2].d[1] = 0x1234;
        struct insn i = simdx_t_decode(t->raw);
        ck_assert_msg(i.op != OP_UNDEF, "case %u: %08x does not decode", k, t->raw);
        c->cur = &i;
        ck_assert_int_eq(exec_table[i.op](c, &i), X_NEXT);
        ck_assert_msg(c->v[1].d[0] == t->out && c->v[1].d[1] == 0, "case %u (%s): %llx want %llx", k,
                      decode_op_name(i.op), (unsigned long long)c->v[1].d[0], (unsigned long long)t->out);
        ck_assert_msg(c->fpsr == t->fpsr, "case %u (%s): fpsr %x want %x", k, decode_op_name(i.op), c->fpsr,
                      t->fpsr);
    }

    /* frint32z v1.4s, v2.4s */
    struct cpu *c = simdx_t_reset(0);
    c->v[2].s[0] = 0x402ccccd, c->v[2].s[1] = 0x4f000000, c->v[2].s[2] = 0xc0000000, c->v[2].s[3] = 0x7f800000;
    simdx_t_exec(c, 0x4e21e841, "FRINT32Z_V");
    ck_assert_uint_eq(c->v[1].s[0], 0x40000000);
    ck_assert_uint_eq(c->v[1].s[1], 0xcf000000);
    ck_assert_uint_eq(c->v[1].s[2], 0xc0000000);
    ck_assert_uint_eq(c->v[1].s[3], 0xcf000000);
    ck_assert_uint_eq(c->fpsr, FPSR_IOC | FPSR_IXC);

    /* frint64x v1.2s, v2.2s under RP: upper half cleared */
    c = simdx_t_reset(0x400000);
    c->v[1].d[1] = ~0ull;
    c->v[2].s[0] = 0x3f000000, c->v[2].s[1] = 0xbf000000, c->v[2].d[1] = 0x3f0000003f000000ull;
    simdx_t_exec(c, 0x2e21f841, "FRINT64X_V");
    ck_assert_uint_eq(c->v[1].s[0], 0x3f800000);
    ck_assert_uint_eq(c->v[1].s[1], 0x80000000);
    ck_assert_uint_eq(c->v[1].d[1], 0);
    ck_assert_uint_eq(c->fpsr, FPSR_IXC);
}
END_TEST

Suite *suite_simdx(void)
{
    Suite *s = suite_create("simdx");
    TCase *t = tcase_create("decode");
    tcase_add_test(t, test_simdx_fields);
    tcase_add_test(t, test_simdx_unallocated);
    suite_add_tcase(s, t);
    t = tcase_create("semantics");
    tcase_add_test(t, test_simdx_rdm);
    tcase_add_test(t, test_simdx_dot);
    tcase_add_test(t, test_simdx_fjcvtzs);
    tcase_add_test(t, test_simdx_frint);
    suite_add_tcase(s, t);
    return s;
}

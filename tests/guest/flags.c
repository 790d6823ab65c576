/* Flags and conditions: every C comparison (signed and unsigned, 8..64 bits)
 * over a table of edge values, the NZCV result of ADDS/SUBS/ADCS/SBCS/ANDS
 * read back with MRS, CCMP/CCMN chains, and CSET for all 16 condition codes.
 * Comparison results print as bit strings, one line per operand pair. */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static const uint64_t vals[] = {
    0, 1, 2, 0x7f, 0x80, 0xff, 0x7fffffff, 0x80000000, 0xffffffff,
    0x100000000ull, 0x7fffffffffffffffull, 0x8000000000000000ull,
    0xffffffffffffffffull, 0xfffffffffffffffeull, 0x8000000000000001ull,
};
#define NV (sizeof vals / sizeof vals[0])

static unsigned nzcv_str(uint64_t f, char *out)
{
    out[0] = (f >> 31) & 1 ? 'N' : '-';
    out[1] = (f >> 30) & 1 ? 'Z' : '-';
    out[2] = (f >> 29) & 1 ? 'C' : '-';
    out[3] = (f >> 28) & 1 ? 'V' : '-';
    out[4] = 0;
    return (unsigned)(f >> 28);
}

#define FLAG_OP(name, insn)                                                  \
    static uint64_t name(uint64_t a, uint64_t b, uint64_t cin)               \
    {                                                                        \
        uint64_t f, r = 0;                                                   \
        __asm__ volatile("msr nzcv, %3\n\t" insn "\n\tmrs %1, nzcv"          \
                         : "+&r"(r), "=r"(f)                                 \
                         : "r"(a), "r"(cin), "r"(b)                          \
                         : "cc");                                            \
        (void)r;                                                             \
        return f | (r & 0xff);                                               \
    }
/* operands: %0 result, %2 a, %4 b */
FLAG_OP(f_adds, "adds %0, %2, %4")
FLAG_OP(f_subs, "subs %0, %2, %4")
FLAG_OP(f_adcs, "adcs %0, %2, %4")
FLAG_OP(f_sbcs, "sbcs %0, %2, %4")
FLAG_OP(f_ands, "ands %0, %2, %4")
FLAG_OP(f_bics, "bics %0, %2, %4")
FLAG_OP(f_adds_w, "adds %w0, %w2, %w4")
FLAG_OP(f_subs_w, "subs %w0, %w2, %w4")
FLAG_OP(f_adcs_w, "adcs %w0, %w2, %w4")
FLAG_OP(f_sbcs_w, "sbcs %w0, %w2, %w4")
FLAG_OP(f_ands_w, "ands %w0, %w2, %w4")
FLAG_OP(f_negs, "negs %0, %4")
FLAG_OP(f_ngcs_w, "ngcs %w0, %w4")
FLAG_OP(f_ccmp_eq, "ccmp %2, %4, #5, eq")
FLAG_OP(f_ccmp_lt, "ccmp %w2, %w4, #10, lt")
FLAG_OP(f_ccmn_cs, "ccmn %2, %4, #3, cs")
FLAG_OP(f_ccmp_imm, "ccmp %2, #17, #8, vc")
FLAG_OP(f_adds_ext, "adds %0, %2, %w4, sxtb #2")
FLAG_OP(f_subs_sh, "subs %0, %2, %4, asr #7")

/* CSINC Rd, WZR, WZR, inv is CSET; with AL and NV (both "always") it yields 0 */
#define CSET(cond, inv)                                                      \
    static unsigned cset_##cond(uint64_t a, uint64_t b)                      \
    {                                                                        \
        unsigned r;                                                          \
        __asm__("cmp %1, %2\n\tcsinc %w0, wzr, wzr, " #inv                   \
                : "=r"(r) : "r"(a), "r"(b) : "cc");                          \
        return r;                                                            \
    }
CSET(eq, ne) CSET(ne, eq) CSET(cs, cc) CSET(cc, cs) CSET(mi, pl) CSET(pl, mi)
CSET(vs, vc) CSET(vc, vs) CSET(hi, ls) CSET(ls, hi) CSET(ge, lt) CSET(lt, ge)
CSET(gt, le) CSET(le, gt) CSET(al, al) CSET(nv, nv)

static unsigned cmp_bits_s64(int64_t a, int64_t b)
{
    return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5;
}
static unsigned cmp_bits_u64(uint64_t a, uint64_t b)
{
    return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5;
}
static unsigned cmp_bits_s32(int32_t a, int32_t b)
{
    return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5;
}
static unsigned cmp_bits_u32(uint32_t a, uint32_t b)
{
    return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5;
}
static unsigned cmp_bits_s16(int16_t a, int16_t b)
{
    return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5;
}
static unsigned cmp_bits_u8(uint8_t a, uint8_t b)
{
    return (a < b) | (a <= b) << 1 | (a > b) << 2 | (a >= b) << 3 | (a == b) << 4 | (a != b) << 5;
}

/* keep the compiler from folding comparisons of table constants */
static uint64_t opaque(uint64_t v)
{
    __asm__("" : "+r"(v));
    return v;
}

int main(void)
{
    puts("-- C comparisons: bits lt le gt ge eq ne as s64 u64 s32 u32 s16 u8");
    for (unsigned i = 0; i < NV; i++) {
        for (unsigned j = 0; j < NV; j++) {
            uint64_t a = opaque(vals[i]), b = opaque(vals[j]);
            printf("%016" PRIx64 " %016" PRIx64 " %02x %02x %02x %02x %02x %02x\n", a, b,
                   cmp_bits_s64((int64_t)a, (int64_t)b), cmp_bits_u64(a, b),
                   cmp_bits_s32((int32_t)a, (int32_t)b), cmp_bits_u32((uint32_t)a, (uint32_t)b),
                   cmp_bits_s16((int16_t)a, (int16_t)b), cmp_bits_u8((uint8_t)a, (uint8_t)b));
        }
    }

    puts("-- NZCV after flag-setting instructions (carry in = 0 / 1)");
    static uint64_t (*const ops[])(uint64_t, uint64_t, uint64_t) = {
        f_adds, f_subs, f_adcs, f_sbcs, f_ands, f_bics, f_adds_w, f_subs_w, f_adcs_w,
        f_sbcs_w, f_ands_w, f_negs, f_ngcs_w, f_ccmp_eq, f_ccmp_lt, f_ccmn_cs, f_ccmp_imm,
        f_adds_ext, f_subs_sh,
    };
    static const char *const names[] = {
        "adds", "subs", "adcs", "sbcs", "ands", "bics", "adds.w", "subs.w", "adcs.w",
        "sbcs.w", "ands.w", "negs", "ngcs.w", "ccmp.eq", "ccmp.lt", "ccmn.cs", "ccmp#.vc",
        "adds.sxtb", "subs.asr",
    };
    for (unsigned k = 0; k < sizeof ops / sizeof ops[0]; k++) {
        printf("%s:", names[k]);
        unsigned n = 0;
        for (unsigned i = 0; i < NV; i++) {
            for (unsigned j = 0; j < NV; j++) {
                /* preset flags cycle through all 16 values so conditional
                 * compares see every input condition */
                uint64_t pre = (uint64_t)((i * NV + j) & 15) << 28;
                uint64_t f = ops[k](opaque(vals[i]), opaque(vals[j]), pre);
                char s[5];
                nzcv_str(f, s);
                if (n++ % 15 == 0)
                    printf("\n ");
                printf(" %s/%02x", s, (unsigned)(f & 0xff));
            }
        }
        printf("\n");
    }

    puts("-- CSET after CMP: eq ne cs cc mi pl vs vc hi ls ge lt gt le al nv");
    for (unsigned i = 0; i < NV; i++) {
        for (unsigned j = 0; j < NV; j += 2) {
            uint64_t a = opaque(vals[i]), b = opaque(vals[j]);
            printf("%016" PRIx64 " %016" PRIx64 " %u%u%u%u%u%u%u%u%u%u%u%u%u%u%u%u\n", a, b,
                   cset_eq(a, b), cset_ne(a, b), cset_cs(a, b), cset_cc(a, b), cset_mi(a, b),
                   cset_pl(a, b), cset_vs(a, b), cset_vc(a, b), cset_hi(a, b), cset_ls(a, b),
                   cset_ge(a, b), cset_lt(a, b), cset_gt(a, b), cset_le(a, b), cset_al(a, b),
                   cset_nv(a, b));
        }
    }

    puts("-- branches on conditions (cbz/tbz/b.cond through C)");
    unsigned acc = 0;
    for (unsigned i = 0; i < NV; i++) {
        uint64_t a = opaque(vals[i]);
        for (unsigned bit = 0; bit < 64; bit += 9)
            acc = acc * 3 + ((a >> bit) & 1 ? 1u : 0u);
        acc = acc * 5 + (a == 0) + ((uint32_t)a == 0) * 2 + ((int64_t)a < 0) * 4;
    }
    printf("branch mix %08x\n", acc);
    return 0;
}

/* Differential-test generator (in the spirit of RISU). For one instruction
 * class and a seed it writes a self-contained AArch64 assembly program: each
 * test loads random X0-X30, NZCV, FPCR and V0-V31 from a data table, runs a
 * short random sequence of that class's instructions, then writes a binary
 * dump of X0-X30, NZCV, FPSR and V0-V31 (DUMP_SIZE bytes) to stdout. The
 * same program runs under pvm and under qemu-aarch64; tests/difftest/run.sh
 * compares the dumps and prints the first mismatch with the listing written
 * to the second output file ("T<n>: insn; insn; ...").
 * Operands are drawn from templates in the assembler's syntax, so every
 * generated instruction is a valid encoding (the assembler encodes it).
 * usage: gen CLASS SEED NTESTS NINSNS OUT.S OUT.lst */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* xorshift64*: deterministic across hosts */
static uint64_t rng_state;
static uint64_t rnd(void)
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return rng_state * 0x2545F4914F6CDD1Dull;
}
static unsigned rn(unsigned n) { return (unsigned)(rnd() % n); }

static const char *const conds[] = {"eq", "ne", "cs", "cc", "mi", "pl", "vs", "vc",
                                    "hi", "ls", "ge", "lt", "gt", "le", "al", "nv"};

/* Templates. Placeholders:
 *   X W     random general register (x0-x30 / w0-w30; never SP)
 *   D S H   random FP register d0-d31 / s0-s31 / h0-h31
 *   #6 #5   shift amount for 64/32-bit (0-63 / 0-31)   #u12 imm12   #u16 imm16
 *   #hx #hw hw shift for movz 64/32 (0,16,32,48 / 0,16)  #nz nzcv imm  #c cond
 *   #bx #bw valid bitmask immediates     #e3 extend amount 0-4
 *   #f6 #f5 fbits for fixed point (1-64 / 1-32)       #fi FMOV immediate
 *   #r6 #s6 immr/imms 64-bit   #r5 #s5 32-bit      #i5 imm5 (ccmp)
 */
static const char *const int_tpl[] = {
    "add X, X, X", "add W, W, W", "adds X, X, X", "adds W, W, W", "sub X, X, X",
    "subs W, W, W", "add X, X, X, lsl #6", "add W, W, W, lsr #5", "sub X, X, X, asr #6",
    "subs X, X, X, lsl #6", "adds W, W, W, asr #5", "add X, X, #u12", "adds W, W, #u12",
    "sub X, X, #u12, lsl #12", "subs X, X, #u12", "cmp X, #u12", "cmn W, #u12",
    "add X, X, W, uxtb #e3", "add X, X, W, sxth #e3", "adds X, X, W, sxtw #e3",
    "sub X, X, W, uxtw #e3", "subs X, X, X, sxtx #e3", "add W, W, W, uxth #e3",
    "subs W, W, W, sxtb #e3", "adc X, X, X", "adcs W, W, W", "sbc W, W, W", "sbcs X, X, X",
    "and X, X, X, lsl #6", "ands W, W, W, ror #5", "orr X, X, X, lsr #6", "eor W, W, W, asr #5",
    "bic X, X, X, ror #6", "bics W, W, W", "orn X, X, X", "eon W, W, W, lsl #5",
    "and X, X, #bx", "orr W, W, #bw", "eor X, X, #bx", "ands W, W, #bw", "tst X, #bx",
    "movz X, #u16, lsl #hx", "movz W, #u16, lsl #hw", "movn X, #u16, lsl #hx",
    "movn W, #u16, lsl #hw", "movk X, #u16, lsl #hx", "movk W, #u16, lsl #hw",
    "sbfm X, X, #r6, #s6", "ubfm X, X, #r6, #s6", "bfm X, X, #r6, #s6", "sbfm W, W, #r5, #s5",
    "ubfm W, W, #r5, #s5", "bfm W, W, #r5, #s5", "extr X, X, X, #6", "extr W, W, W, #5",
    "ccmp X, X, #nz, #c", "ccmn W, W, #nz, #c", "ccmp W, #i5, #nz, #c", "ccmn X, #i5, #nz, #c",
    "csel X, X, X, #c", "csinc W, W, W, #c", "csinv X, X, X, #c", "csneg W, W, W, #c",
    "rbit X, X", "rbit W, W", "rev X, X", "rev W, W", "rev16 X, X", "rev16 W, W", "rev32 X, X",
    "clz X, X", "clz W, W", "cls X, X", "cls W, W", "udiv X, X, X", "sdiv W, W, W",
    "udiv W, W, W", "sdiv X, X, X", "lslv X, X, X", "lsrv W, W, W", "asrv X, X, X",
    "rorv W, W, W", "madd X, X, X, X", "msub W, W, W, W", "smaddl X, W, W, X",
    "umaddl X, W, W, X", "smsubl X, W, W, X", "umsubl X, W, W, X", "smulh X, X, X",
    "umulh X, X, X", "mul W, W, W", "neg X, X", "ngcs W, W",
};

static const char *const fp_tpl[] = {
    "fadd D, D, D", "fadd S, S, S", "fsub D, D, D", "fsub S, S, S", "fmul D, D, D",
    "fmul S, S, S", "fdiv D, D, D", "fdiv S, S, S", "fnmul D, D, D", "fnmul S, S, S",
    "fmax D, D, D", "fmin S, S, S", "fmaxnm D, D, D", "fminnm S, S, S", "fmaxnm S, S, S",
    "fminnm D, D, D", "fabs D, D", "fneg S, S", "fsqrt D, D", "fsqrt S, S",
    "fmadd D, D, D, D", "fmsub S, S, S, S", "fnmadd D, D, D, D", "fnmsub S, S, S, S",
    "fcmp D, D", "fcmpe S, S", "fcmp D, #0.0", "fcmpe S, #0.0", "fccmp D, D, #nz, #c",
    "fccmpe S, S, #nz, #c", "fcsel D, D, D, #c", "fcsel S, S, S, #c", "frintn D, D",
    "frintp S, S", "frintm D, D", "frintz S, S", "frinta D, D", "frintx S, S", "frinti D, D",
    "fcvt S, D", "fcvt D, S", "fcvt H, S", "fcvt S, H", "fcvt H, D", "fcvt D, H",
    "fcvtzs X, D", "fcvtzu W, S", "fcvtns W, D", "fcvtnu X, S", "fcvtps X, D", "fcvtpu W, D",
    "fcvtms W, S", "fcvtmu X, D", "fcvtas X, S", "fcvtau W, D", "fcvtzs W, D", "fcvtzu X, S",
    "scvtf D, X", "scvtf S, W", "ucvtf D, W", "ucvtf S, X", "scvtf D, X, #f6", "ucvtf S, W, #f5",
    "fcvtzs X, D, #f6", "fcvtzu W, S, #f5", "fmov D, X", "fmov X, D", "fmov S, W", "fmov W, S",
    "fmov D, #fi", "fmov S, #fi", "fmov D, D", "fmov S, S",
};

struct cls {
    const char *name;
    const char *const *tpl;
    size_t n;
    int fp_init; /* random FPCR and FP-ish vector values */
};
static const struct cls classes[] = {
    {"int", int_tpl, sizeof int_tpl / sizeof *int_tpl, 0},
    {"fp", fp_tpl, sizeof fp_tpl / sizeof *fp_tpl, 1},
};

static uint64_t bitmask_imm(int is64)
{
    /* element size 2..64, run of ones 1..esize-1, rotated */
    unsigned esize;
    do
        esize = 2u << rn(6);
    while (!is64 && esize == 64);
    unsigned ones = 1 + rn(esize - 1);
    unsigned rot = rn(esize);
    uint64_t e = (ones == 64) ? ~0ull : ((1ull << ones) - 1);
    if (rot)
        e = ((e >> rot) | (e << (esize - rot))) & (esize == 64 ? ~0ull : ((1ull << esize) - 1));
    uint64_t v = 0;
    for (unsigned k = 0; k < (is64 ? 64u : 32u); k += esize)
        v |= e << k;
    return v;
}

static const char *const fmov_imms[] = {"1.0", "-1.0", "0.5", "2.0", "31.0", "0.125", "-1.9375",
                                        "3.0", "10.0", "0.1875"};

static void emit_insn(FILE *f, FILE *lst, const char *tpl)
{
    char out[128];
    size_t o = 0;
    for (const char *p = tpl; *p && o < sizeof out - 32;) {
        if (*p == 'X' || *p == 'W' || *p == 'D' || *p == 'S' || *p == 'H') {
            /* a register placeholder is an upper-case letter not inside a word */
            int prev_alpha = p > tpl && ((p[-1] >= 'a' && p[-1] <= 'z') || p[-1] == '#');
            if (!prev_alpha) {
                char r = (char)(*p == 'X' ? 'x' : *p == 'W' ? 'w' : *p == 'D' ? 'd' : *p == 'S' ? 's' : 'h');
                unsigned n = (*p == 'X' || *p == 'W') ? rn(31) : rn(32);
                o += (size_t)sprintf(out + o, "%c%u", r, n);
                p++;
                continue;
            }
        }
        if (*p == '#') {
            p++;
            uint64_t v = 0;
            int len = 0;
            if (!strncmp(p, "u12", 3)) v = rn(4096), len = 3;
            else if (!strncmp(p, "u16", 3)) v = rnd() & 0xffff, len = 3;
            else if (!strncmp(p, "hx", 2)) v = 16 * rn(4), len = 2;
            else if (!strncmp(p, "hw", 2)) v = 16 * rn(2), len = 2;
            else if (!strncmp(p, "nz", 2)) v = rn(16), len = 2;
            else if (!strncmp(p, "bx", 2)) v = bitmask_imm(1), len = 2;
            else if (!strncmp(p, "bw", 2)) v = bitmask_imm(0), len = 2;
            else if (!strncmp(p, "e3", 2)) v = rn(5), len = 2;
            else if (!strncmp(p, "f6", 2)) v = 1 + rn(64), len = 2;
            else if (!strncmp(p, "f5", 2)) v = 1 + rn(32), len = 2;
            else if (!strncmp(p, "r6", 2) || !strncmp(p, "s6", 2)) v = rn(64), len = 2;
            else if (!strncmp(p, "r5", 2) || !strncmp(p, "s5", 2)) v = rn(32), len = 2;
            else if (!strncmp(p, "i5", 2)) v = rn(32), len = 2;
            else if (*p == '6') v = rn(64), len = 1;
            else if (*p == '5') v = rn(32), len = 1;
            if (!strncmp(p, "c", 1) && (p[1] == 0 || p[1] == ',')) {
                o += (size_t)sprintf(out + o, "%s", conds[rn(14)]);
                p += 1;
                continue;
            }
            if (!strncmp(p, "fi", 2)) {
                o += (size_t)sprintf(out + o, "#%s", fmov_imms[rn(10)]);
                p += 2;
                continue;
            }
            if (len == 0) {
                out[o++] = '#';
                continue;
            }
            o += (size_t)sprintf(out + o, "#0x%" PRIx64, v);
            p += len;
            continue;
        }
        out[o++] = *p++;
    }
    out[o] = 0;
    fprintf(f, "\t%s\n", out);
    fprintf(lst, " %s;", out);
}

static uint64_t rand_x(void)
{
    static const uint64_t edge[] = {0, 1, 2, ~0ull, 0x8000000000000000ull, 0x7fffffffffffffffull,
                                    0x80000000ull, 0x7fffffffull, 0xffffffffull, 0x100000000ull,
                                    0xffffffff80000000ull, 63, 64, 31, 32};
    switch (rn(4)) {
    case 0: return edge[rn(sizeof edge / sizeof *edge)];
    case 1: return rn(256);
    default: return rnd();
    }
}

static uint64_t rand_fp64(void)
{
    static const uint64_t edge[] = {
        0, 0x8000000000000000ull, 0x3ff0000000000000ull, 0xbff0000000000000ull,
        0x7ff0000000000000ull, 0xfff0000000000000ull, 0x7ff8000000000000ull,
        0x7ff4000000000000ull /* sNaN */, 0xfff8000000000001ull, 0x0000000000000001ull /* denormal */,
        0x000fffffffffffffull, 0x0010000000000000ull, 0x7fefffffffffffffull, 0x4330000000000000ull,
        0x43e0000000000000ull /* 2^63 */, 0xc3e0000000000000ull, 0x41dfffffffc00000ull,
        0x3fe0000000000000ull /* 0.5 */, 0x3ff8000000000000ull /* 1.5 */, 0x4004000000000000ull /* 2.5 */};
    switch (rn(4)) {
    case 0: return edge[rn(sizeof edge / sizeof *edge)];
    case 1: { /* moderate doubles */
        uint64_t e = 1023 - 40 + rn(80);
        return (rnd() & 0x800fffffffffffffull) | (e << 52);
    }
    default: return rnd();
    }
}

static uint32_t rand_fp32(void)
{
    static const uint32_t edge[] = {0, 0x80000000u, 0x3f800000u, 0xbf800000u, 0x7f800000u,
                                    0xff800000u, 0x7fc00000u, 0x7fa00000u /* sNaN */, 0x00000001u,
                                    0x007fffffu, 0x00800000u, 0x7f7fffffu, 0x4f000000u /* 2^31 */,
                                    0xcf000000u, 0x5f000000u, 0x3f000000u, 0x3fc00000u, 0x40200000u,
                                    0x3c00u /* half 1.0 in low bits */, 0x7e00u};
    switch (rn(4)) {
    case 0: return edge[rn(sizeof edge / sizeof *edge)];
    case 1: {
        uint32_t e = 127 - 20 + rn(40);
        return ((uint32_t)rnd() & 0x807fffffu) | (e << 23);
    }
    default: return (uint32_t)rnd();
    }
}

#define DUMP_SIZE (31 * 8 + 8 + 8 + 8 + 32 * 16) /* x0-x30, nzcv, fpsr, pad, v0-v31 */

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: gen CLASS SEED NTESTS NINSNS OUT.S OUT.lst\n");
        return 2;
    }
    const struct cls *c = NULL;
    for (size_t k = 0; k < sizeof classes / sizeof *classes; k++)
        if (!strcmp(argv[1], classes[k].name))
            c = &classes[k];
    if (!c) {
        fprintf(stderr, "gen: unknown class %s\n", argv[1]);
        return 2;
    }
    rng_state = strtoull(argv[2], NULL, 0) * 0x9E3779B97F4A7C15ull + 0x1234567ull;
    if (!rng_state)
        rng_state = 1;
    unsigned ntests = (unsigned)atoi(argv[3]), nins = (unsigned)atoi(argv[4]);
    FILE *f = fopen(argv[5], "w"), *lst = fopen(argv[6], "w");
    if (!f || !lst) {
        perror("gen");
        return 1;
    }
    fprintf(f, "/* generated by tests/difftest/gen.c: class %s seed %s */\n", c->name, argv[2]);
    fprintf(f, "\t.text\n\t.global _start\n_start:\n");
    for (unsigned t = 0; t < ntests; t++) {
        /* load state: x30 is the table pointer until the very last load */
        fprintf(f, "\tadrp x30, init%u\n\tadd x30, x30, :lo12:init%u\n", t, t);
        fprintf(f, "\tldr x0, [x30, #248]\n\tmsr nzcv, x0\n\tldr x0, [x30, #256]\n\tmsr fpcr, x0\n"
                   "\tmsr fpsr, xzr\n");
        for (int v = 0; v < 32; v += 2)
            fprintf(f, "\tldp q%d, q%d, [x30, #%d]\n", v, v + 1, 272 + v * 16);
        for (int r = 0; r < 30; r += 2)
            fprintf(f, "\tldp x%d, x%d, [x30, #%d]\n", r, r + 1, r * 8);
        fprintf(f, "\tldr x30, [x30, #240]\n");
        fprintf(lst, "T%u:", t);
        for (unsigned k = 0; k < nins; k++)
            emit_insn(f, lst, c->tpl[rn((unsigned)c->n)]);
        fprintf(lst, "\n");
        /* dump state */
        fprintf(f, "\tstp x0, x1, [sp, #-16]!\n\tadrp x0, dump\n\tadd x0, x0, :lo12:dump\n");
        for (int r = 2; r < 30; r += 2)
            fprintf(f, "\tstp x%d, x%d, [x0, #%d]\n", r, r + 1, r * 8);
        fprintf(f, "\tstr x30, [x0, #240]\n\tldp x2, x3, [sp], #16\n\tstp x2, x3, [x0]\n"
                   "\tmrs x1, nzcv\n\tstr x1, [x0, #248]\n\tmrs x1, fpsr\n\tstr x1, [x0, #256]\n"
                   "\tstr xzr, [x0, #264]\n");
        for (int v = 0; v < 32; v += 2)
            fprintf(f, "\tstp q%d, q%d, [x0, #%d]\n", v, v + 1, 272 + v * 16);
        fprintf(f, "\tmov x1, x0\n\tmov x0, #1\n\tmov x2, #%d\n\tmov x8, #64\n\tsvc #0\n", DUMP_SIZE);
    }
    fprintf(f, "\tmov x0, #0\n\tmov x8, #94\n\tsvc #0\n");
    /* data: initial states */
    fprintf(f, "\t.data\n\t.balign 16\n");
    for (unsigned t = 0; t < ntests; t++) {
        fprintf(f, "init%u:\n", t);
        for (int r = 0; r < 31; r++)
            fprintf(f, "\t.quad 0x%" PRIx64 "\n", rand_x());
        fprintf(f, "\t.quad 0x%" PRIx64 "\n", (uint64_t)rn(16) << 28); /* nzcv */
        uint64_t fpcr = 0;
        if (c->fp_init)
            fpcr = ((uint64_t)rn(4) << 22) | (rn(4) == 0 ? 1ull << 24 : 0) |
                   (rn(4) == 0 ? 1ull << 25 : 0);
        fprintf(f, "\t.quad 0x%" PRIx64 "\n\t.quad 0\n", fpcr);
        for (int v = 0; v < 32; v++) {
            uint64_t lo, hi;
            if (c->fp_init && rn(2)) {
                lo = rand_fp64();
                hi = rand_fp64();
            } else if (c->fp_init) {
                lo = rand_fp32() | ((uint64_t)rand_fp32() << 32);
                hi = rnd();
            } else {
                lo = rnd();
                hi = rnd();
            }
            fprintf(f, "\t.quad 0x%" PRIx64 ", 0x%" PRIx64 "\n", lo, hi);
        }
    }
    fprintf(f, "\t.bss\n\t.balign 16\ndump:\n\t.skip %d\n", DUMP_SIZE);
    fclose(f);
    fclose(lst);
    return 0;
}

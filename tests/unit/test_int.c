/* Unit tests for the integer, branch and system classes (interp/branch.*,
 * interp/dp_imm.*, interp/dp_reg.*, interp/alu.h). (1) Decoder fields: the
 * words were assembled with aarch64-linux-gnu-as, linked at 0x400000, and
 * read back with aarch64-linux-gnu-objdump (its text is the comment); the
 * expected op and fields were written from the assembly source, so they do
 * not come from pvm's decoder. (2) Reserved and deliberately unsupported
 * encodings decode as UNDEF. (3) Semantics: one instruction at a time via
 * decode_insn + exec_table on a zeroed struct cpu, against values computed
 * by hand or in C. Register indices: 31 = SP, 32 = XZR read, 33 = XZR write. */
#include <check.h>
#include <stdio.h>
#include <sys/mman.h>
#include <stdlib.h>
#include <string.h>

#include "core/mem.h"
#include "interp/alu.h"
#include "interp/block.h"
#include "interp/decode.h"
#include "interp/ops.h"

/* ---- (1) decoder fields ---- */

struct int_t_row {
    uint32_t raw;
    const char *op;
    const char *fields; /* "name=value ..." for the fields this row defines */
};

static const struct int_t_row int_t_rows[] = {
    {0x14000040, "B", "rd=0 imm=256"}, /* b 400100 */
    {0x17fffffe, "B", "imm=-8"}, /* b 3ffffc */
    {0x95ffffff, "BL", "imm=0x7fffffc"}, /* bl 8400004 */
    {0x54000201, "B_COND", "cond=1 imm=64"}, /* b.ne 40004c // b.any */
    {0x54ffffee, "B_COND", "cond=14 imm=-4"}, /* b.al 40000c */
    {0x34000103, "CBZ", "rd=3 sf=0 imm=32"}, /* cbz w3, 400034 */
    {0xb580001f, "CBNZ", "rd=32 sf=1 imm=-1048576"}, /* cbnz xzr, 300018 */
    {0x36380085, "TBZ", "rd=5 x=7 imm=16"}, /* tbz w5, #7, 40002c */
    {0xb7fc0006, "TBNZ", "rd=6 x=63 imm=-32768"}, /* tbnz x6, #63, 3f8020 */
    {0xd61f0220, "BR", "rn=17"}, /* br x17 */
    {0xd63f03c0, "BLR", "rn=30"}, /* blr x30 */
    {0xd65f03c0, "RET", "rn=30"}, /* ret */
    {0xd65f0060, "RET", "rn=3"}, /* ret x3 */
    {0xd4000001, "SVC", "imm=0"}, /* svc #0x0 */
    {0xd4024681, "SVC", "imm=0x1234"}, /* svc #0x1234 */
    {0xd4207d00, "BRK", "imm=1000"}, /* brk #0x3e8 */
    {0xd45e0000, "HLT", "imm=0xf000"}, /* hlt #0xf000 */
    {0xd503201f, "HINT", ""}, /* nop */
    {0xd503203f, "HINT", ""}, /* yield */
    {0xd503205f, "HINT", ""}, /* wfe */
    {0xd503233f, "HINT", ""}, /* paciasp */
    {0xd50323bf, "HINT", ""}, /* autiasp */
    {0xd503245f, "HINT", ""}, /* bti c */
    {0xd50320ff, "HINT", ""}, /* xpaclri */
    {0xd5032fff, "HINT", ""}, /* hint #0x7f */
    {0xd5033f5f, "CLREX", ""}, /* clrex */
    {0xd503355f, "CLREX", ""}, /* clrex #0x5 */
    {0xd5033f9f, "DSB", ""}, /* dsb sy */
    {0xd50339bf, "DMB", ""}, /* dmb ishld */
    {0xd5033fdf, "ISB", ""}, /* isb */
    {0xd50330ff, "SB", ""}, /* sb */
    {0xd53b4204, "MRS_NZCV", "rd=4"}, /* mrs x4, nzcv */
    {0xd51b421f, "MSR_NZCV", "rd=32"}, /* msr nzcv, xzr */
    {0xd500401f, "CFINV", ""}, /* cfinv */
    {0xd500403f, "XAFLAG", ""}, /* xaflag */
    {0xd500405f, "AXFLAG", ""}, /* axflag */
    {0xd53b4405, "MRS_FP", "rd=5 x=1"}, /* mrs x5, fpcr */
    {0xd53b443f, "MRS_FP", "rd=33 x=2"}, /* mrs xzr, fpsr */
    {0xd51b4426, "MSR_FP", "rd=6 x=2"}, /* msr fpsr, x6 */
    {0xd51b4407, "MSR_FP", "rd=7 x=1"}, /* msr fpcr, x7 */
    {0xd53bd048, "MRS", "rd=8 x=3"}, /* mrs x8, tpidr_el0 */
    {0xd53bd069, "MRS", "rd=9 x=4"}, /* mrs x9, tpidrro_el0 */
    {0xd53be04a, "MRS", "rd=10 x=5"}, /* mrs x10, cntvct_el0 */
    {0xd53be0cb, "MRS", "rd=11 x=6"}, /* mrs x11, cntvctss_el0 */
    {0xd53be00c, "MRS", "rd=12 x=7"}, /* mrs x12, cntfrq_el0 */
    {0xd53b002d, "MRS", "rd=13 x=8"}, /* mrs x13, ctr_el0 */
    {0xd53b00ee, "MRS", "rd=14 x=9"}, /* mrs x14, dczid_el0 */
    {0xd51bd04f, "MSR", "rd=15 x=3"}, /* msr tpidr_el0, x15 */
    {0xd50b7430, "DC_ZVA", "rd=16"}, /* dc zva, x16 */
    {0xd50b7531, "IC_IVAU", "rd=17"}, /* ic ivau, x17 */
    {0xd50b7b32, "DC_CLEAN", "rd=18 x=11"}, /* dc cvau, x18 */
    {0xd50b7e33, "DC_CLEAN", "rd=19 x=14"}, /* dc civac, x19 */
    {0xd50b7a34, "DC_CLEAN", "rd=20 x=10"}, /* dc cvac, x20 */
    {0xd50b7c35, "DC_CVAP", "rd=21 x=12"}, /* dc cvap, x21 */
    {0xd50b7d36, "DC_CVADP", "rd=22 x=13"}, /* dc cvadp, x22 */
    {0x100091a1, "ADR", "rd=1 imm=0x1234"}, /* adr x1, 4012fc */
    {0x70ffffff, "ADR", "rd=33 imm=-1"}, /* adr xzr, 4000cb */
    {0xf03fffe2, "ADRP", "rd=2 imm=0x7ffff000"}, /* adrp x2, 803ff000 */
    {0x90800003, "ADRP", "rd=3 imm=-0x100000000"}, /* adrp x3, ffffffff00400000 */
    {0x910043ff, "ADD_IMM", "rd=31 rn=31 sf=1 imm=16"}, /* add sp, sp, #0x10 */
    {0x116af041, "ADD_IMM", "rd=1 rn=2 sf=0 imm=0xabc000"}, /* add w1, w2, #0xabc, lsl #12 */
    {0xb10007e3, "ADDS_IMM", "rd=3 rn=31 sf=1 imm=1"}, /* adds x3, sp, #0x1 */
    {0x313ffc9f, "ADDS_IMM", "rd=33 rn=4 sf=0 imm=4095"}, /* cmn w4, #0xfff */
    {0xd1001cc5, "SUB_IMM", "rd=5 rn=6 sf=1 imm=7"}, /* sub x5, x6, #0x7 */
    {0x71000bff, "SUBS_IMM", "rd=33 rn=31 sf=0 imm=2"}, /* cmp wsp, #0x2 */
    {0x92401c3f, "AND_IMM", "rd=31 rn=1 sf=1 imm=0xff"}, /* and sp, x1, #0xff */
    {0x3200f3e2, "ORR_IMM", "rd=2 rn=32 sf=0 imm=0x55555555"}, /* mov w2, #0x55555555 // #1431655765 */
    {0xd27ff883, "EOR_IMM", "rd=3 rn=4 sf=1 imm=0xfffffffffffffffe"}, /* eor x3, x4, #0xfffffffffffffffe */
    {0xf24100bf, "ANDS_IMM", "rd=33 rn=5 sf=1 imm=0x8000000000000000"}, /* tst x5, #0x8000000000000000 */
    {0x92c24681, "MOVN", "rd=1 sf=1 imm=0xffffedcbffffffff"}, /* mov x1, #0xffffedcbffffffff // #-20014547599361 */
    {0x12800002, "MOVN", "rd=2 sf=0 imm=0xffffffff"}, /* mov w2, #0xffffffff // #-1 */
    {0xd2f7dde3, "MOVZ", "rd=3 sf=1 imm=0xbeef000000000000"}, /* mov x3, #0xbeef000000000000 // #-4688528687069396992 */
    {0x72b95fc4, "MOVK", "rd=4 sf=0 imm=0xcafe amt=16"}, /* movk w4, #0xcafe, lsl #16 */
    {0x9345fc41, "SBFM", "rd=1 rn=2 sf=1 amt=5 x=63"}, /* asr x1, x2, #5 */
    {0x13001c83, "SBFM", "rd=3 rn=4 sf=0 amt=0 x=7"}, /* sxtb w3, w4 */
    {0xb3780cc5, "BFM", "rd=5 rn=6 sf=1 amt=56 x=3"}, /* bfi x5, x6, #8, #4 */
    {0x531d7107, "UBFM", "rd=7 rn=8 sf=0 amt=29 x=28"}, /* lsl w7, w8, #3 */
    {0xd3442d49, "UBFM", "rd=9 rn=10 sf=1 amt=4 x=11"}, /* ubfx x9, x10, #4, #8 */
    {0x93c34441, "EXTR", "rd=1 rn=2 rm=3 sf=1 amt=17"}, /* extr x1, x2, x3, #17 */
    {0x13857ca4, "EXTR", "rd=4 rn=5 rm=5 sf=0 amt=31"}, /* ror w4, w5, #31 */
    {0x8a031041, "AND_REG", "rd=1 rn=2 rm=3 sf=1 opt=0 amt=4"}, /* and x1, x2, x3, lsl #4 */
    {0x0ae67ca4, "BIC_REG", "rd=4 rn=5 rm=6 sf=0 opt=3 amt=31"}, /* bic w4, w5, w6, ror #31 */
    {0xaa1f03e7, "ORR_REG", "rd=7 rn=32 rm=32 sf=1"}, /* mov x7, xzr */
    {0xaaaafd28, "ORN_REG", "rd=8 rn=9 rm=10 opt=2 amt=63"}, /* orn x8, x9, x10, asr #63 */
    {0x4a4d058b, "EOR_REG", "rd=11 rn=12 rm=13 sf=0 opt=1 amt=1"}, /* eor w11, w12, w13, lsr #1 */
    {0xca3001ee, "EON_REG", "rd=14 rn=15 rm=16"}, /* eon x14, x15, x16 */
    {0xea12023f, "ANDS_REG", "rd=33 rn=17 rm=18"}, /* tst x17, x18 */
    {0x6a350293, "BICS_REG", "rd=19 rn=20 rm=21 sf=0"}, /* bics w19, w20, w21 */
    {0x8b03fc41, "ADD_REG", "rd=1 rn=2 rm=3 sf=1 opt=0 amt=63"}, /* add x1, x2, x3, lsl #63 */
    {0x2b8608a4, "ADDS_REG", "rd=4 rn=5 rm=6 sf=0 opt=2 amt=2"}, /* adds w4, w5, w6, asr #2 */
    {0xcb0803e7, "SUB_REG", "rd=7 rn=32 rm=8 sf=1"}, /* neg x7, x8 */
    {0x6b4a7d3f, "SUBS_REG", "rd=33 rn=9 rm=10 sf=0 opt=1 amt=31"}, /* cmp w9, w10, lsr #31 */
    {0x8b2163ff, "ADD_EXT", "rd=31 rn=31 rm=1 sf=1 opt=3 amt=0"}, /* add sp, sp, x1 */
    {0xab23d3e2, "ADDS_EXT", "rd=2 rn=31 rm=3 sf=1 opt=6 amt=4"}, /* adds x2, sp, w3, sxtw #4 */
    {0x4b25049f, "SUB_EXT", "rd=31 rn=4 rm=5 sf=0 opt=0 amt=1"}, /* sub wsp, w4, w5, uxtb #1 */
    {0xeb26a3ff, "SUBS_EXT", "rd=33 rn=31 rm=6 sf=1 opt=5 amt=0"}, /* cmp sp, w6, sxth */
    {0x9a030041, "ADC", "rd=1 rn=2 rm=3 sf=1"}, /* adc x1, x2, x3 */
    {0x3a1f00a4, "ADCS", "rd=4 rn=5 rm=32 sf=0"}, /* adcs w4, w5, wzr */
    {0xda0800e6, "SBC", "rd=6 rn=7 rm=8 sf=1"}, /* sbc x6, x7, x8 */
    {0x7a0a03e9, "SBCS", "rd=9 rn=32 rm=10 sf=0"}, /* ngcs w9, w10 */
    {0xba1f846a, "RMIF", "rn=3 amt=63 x=10"}, /* rmif x3, #63, #10 */
    {0x3a00088d, "SETF8", "rn=4 size=0"}, /* setf8 w4 */
    {0x3a0048ad, "SETF16", "rn=5 size=1"}, /* setf16 w5 */
    {0xba420023, "CCMN_REG", "rn=1 rm=2 x=3 cond=0 sf=1"}, /* ccmn x1, x2, #0x3, eq // eq = none */
    {0x3a5fb86f, "CCMN_IMM", "rn=3 imm=31 x=15 cond=11 sf=0"}, /* ccmn w3, #0x1f, #0xf, lt // lt = tstop */
    {0xfa458080, "CCMP_REG", "rn=4 rm=5 x=0 cond=8 sf=1"}, /* ccmp x4, x5, #0x0, hi // hi = pmore */
    {0x7a40f8c8, "CCMP_IMM", "rn=6 imm=0 x=8 cond=15 sf=0"}, /* ccmp w6, #0x0, #0x8, nv */
    {0x9a831041, "CSEL", "rd=1 rn=2 rm=3 cond=1 sf=1"}, /* csel x1, x2, x3, ne // ne = any */
    {0x1a9f17e4, "CSINC", "rd=4 rn=32 rm=32 cond=1 sf=0"}, /* cset w4, eq // eq = none */
    {0xda87a0c5, "CSINV", "rd=5 rn=6 rm=7 cond=10 sf=1"}, /* csinv x5, x6, x7, ge // ge = tcont */
    {0x5a895528, "CSNEG", "rd=8 rn=9 rm=9 cond=5 sf=0"}, /* cneg w8, w9, mi // mi = first */
    {0xdac00041, "RBIT", "rd=1 rn=2 sf=1"}, /* rbit x1, x2 */
    {0x5ac00483, "REV16", "rd=3 rn=4 sf=0"}, /* rev16 w3, w4 */
    {0xdac008c5, "REV32", "rd=5 rn=6 sf=1"}, /* rev32 x5, x6 */
    {0x5ac00907, "REV32", "rd=7 rn=8 sf=0"}, /* rev w7, w8 */
    {0xdac00d49, "REV", "rd=9 rn=10 sf=1"}, /* rev x9, x10 */
    {0x5ac0118b, "CLZ", "rd=11 rn=12 sf=0"}, /* clz w11, w12 */
    {0xdac015cd, "CLS", "rd=13 rn=14 sf=1"}, /* cls x13, x14 */
    {0x1ac30841, "UDIV", "rd=1 rn=2 rm=3 sf=0"}, /* udiv w1, w2, w3 */
    {0x9ac60ca4, "SDIV", "rd=4 rn=5 rm=6 sf=1"}, /* sdiv x4, x5, x6 */
    {0x9ac92107, "LSLV", "rd=7 rn=8 rm=9 sf=1"}, /* lsl x7, x8, x9 */
    {0x1acc256a, "LSRV", "rd=10 rn=11 rm=12 sf=0"}, /* lsr w10, w11, w12 */
    {0x9acf29cd, "ASRV", "rd=13 rn=14 rm=15 sf=1"}, /* asr x13, x14, x15 */
    {0x1ad22e30, "RORV", "rd=16 rn=17 rm=18 sf=0"}, /* ror w16, w17, w18 */
    {0x1ac34041, "CRC32", "rd=1 rn=2 rm=3 size=0 x=0"}, /* crc32b w1, w2, w3 */
    {0x9ac65ca4, "CRC32", "rd=4 rn=5 rm=6 size=3 x=1 sf=1"}, /* crc32cx w4, w5, x6 */
    {0x9b031041, "MADD", "rd=1 rn=2 rm=3 ra=4 sf=1"}, /* madd x1, x2, x3, x4 */
    {0x1b077cc5, "MADD", "rd=5 rn=6 rm=7 ra=32 sf=0"}, /* mul w5, w6, w7 */
    {0x9b0aad28, "MSUB", "rd=8 rn=9 rm=10 ra=11 sf=1"}, /* msub x8, x9, x10, x11 */
    {0x9b231041, "SMADDL", "rd=1 rn=2 rm=3 ra=4"}, /* smaddl x1, w2, w3, x4 */
    {0x9b27fcc5, "SMSUBL", "rd=5 rn=6 rm=7 ra=32"}, /* smnegl x5, w6, w7 */
    {0x9b4a7d28, "SMULH", "rd=8 rn=9 rm=10"}, /* smulh x8, x9, x10 */
    {0x9bad7d8b, "UMADDL", "rd=11 rn=12 rm=13 ra=32"}, /* umull x11, w12, w13 */
    {0x9bb0c5ee, "UMSUBL", "rd=14 rn=15 rm=16 ra=17"}, /* umsubl x14, w15, w16, x17 */
    {0x9bdf7e72, "UMULH", "rd=18 rn=19 rm=32"}, /* umulh x18, x19, xzr */
};

static long long int_t_field(const struct insn *i, const char *name)
{
    if (!strcmp(name, "rd")) return i->rd;
    if (!strcmp(name, "rn")) return i->rn;
    if (!strcmp(name, "rm")) return i->rm;
    if (!strcmp(name, "ra")) return i->ra;
    if (!strcmp(name, "sf")) return i->sf;
    if (!strcmp(name, "imm")) return i->imm;
    if (!strcmp(name, "cond")) return i->cond;
    if (!strcmp(name, "opt")) return i->opt;
    if (!strcmp(name, "amt")) return i->amt;
    if (!strcmp(name, "size")) return i->size;
    if (!strcmp(name, "x")) return i->x;
    ck_abort_msg("unknown field %s", name);
    return 0;
}

static struct insn int_t_decode(uint32_t raw)
{
    struct insn i;
    decode_insn(&i, raw, 0x400000);
    return i;
}

START_TEST(test_int_fields)
{
    for (size_t k = 0; k < sizeof int_t_rows / sizeof int_t_rows[0]; k++) {
        const struct int_t_row *r = &int_t_rows[k];
        struct insn i = int_t_decode(r->raw);
        ck_assert_msg(!strcmp(decode_op_name(i.op), r->op), "%08x: op %s, want %s", r->raw,
                      decode_op_name(i.op), r->op);
        char buf[160];
        snprintf(buf, sizeof buf, "%s", r->fields);
        for (char *save, *tok = strtok_r(buf, " ", &save); tok; tok = strtok_r(NULL, " ", &save)) {
            char *eq = strchr(tok, '=');
            ck_assert(eq);
            *eq = 0;
            long long want = strtoll(eq + 1, NULL, 0);
            if (eq[1] == '0' && eq[2] == 'x' && strlen(eq + 3) == 16)
                want = (long long)strtoull(eq + 1, NULL, 16);
            long long got = int_t_field(&i, tok);
            ck_assert_msg(got == want, "%08x %s: %s = %lld (%llx), want %lld (%llx)", r->raw, r->op, tok,
                          got, got, want, want);
        }
    }
}
END_TEST

/* every row of the three tables has at least one word above */
START_TEST(test_int_rows_covered)
{
    /* the tables are numbered in order: branch.decode's first row to
     * dp_reg.decode's last (interp/module.mk) */
    for (unsigned op = OP_B; op <= OP_UMULH; op++) {
        bool found = false;
        for (size_t k = 0; k < sizeof int_t_rows / sizeof int_t_rows[0] && !found; k++)
            found = !strcmp(int_t_rows[k].op, decode_op_name(op));
        ck_assert_msg(found, "row %s has no decoder test", decode_op_name(op));
    }
}
END_TEST

/* INSN_RD_NZCV / INSN_WR_NZCV / INSN_END are exact for every row */
START_TEST(test_int_row_flags)
{
    static const char *const rd[] = {"B_COND", "MRS_NZCV", "ADC", "ADCS", "SBC", "SBCS", "CCMN_REG",
                                     "CCMN_IMM", "CCMP_REG", "CCMP_IMM", "CSEL", "CSINC", "CSINV", "CSNEG",
                                     "CFINV", "XAFLAG", "AXFLAG", "RMIF", "SETF8", "SETF16"};
    static const char *const wr[] = {"MSR_NZCV", "ADDS_IMM", "SUBS_IMM", "ANDS_IMM", "ANDS_REG", "BICS_REG",
                                     "ADDS_REG", "SUBS_REG", "ADDS_EXT", "SUBS_EXT", "ADCS", "SBCS",
                                     "CCMN_REG", "CCMN_IMM", "CCMP_REG", "CCMP_IMM", "CFINV", "XAFLAG",
                                     "AXFLAG", "RMIF", "SETF8", "SETF16"};
    static const char *const end[] = {"B", "BL", "B_COND", "CBZ", "CBNZ", "TBZ", "TBNZ", "BR", "BLR",
                                      "RET", "SVC", "BRK", "HLT", "IC_IVAU"};
    for (size_t k = 0; k < sizeof int_t_rows / sizeof int_t_rows[0]; k++) {
        struct insn i = int_t_decode(int_t_rows[k].raw);
        const char *n = decode_op_name(i.op);
        bool want_rd = false, want_wr = false, want_end = false;
        for (size_t j = 0; j < sizeof rd / sizeof rd[0]; j++)
            want_rd |= !strcmp(n, rd[j]);
        for (size_t j = 0; j < sizeof wr / sizeof wr[0]; j++)
            want_wr |= !strcmp(n, wr[j]);
        for (size_t j = 0; j < sizeof end / sizeof end[0]; j++)
            want_end |= !strcmp(n, end[j]);
        ck_assert_msg(!!(i.flags & INSN_RD_NZCV) == want_rd, "%s RD_NZCV", n);
        ck_assert_msg(!!(i.flags & INSN_WR_NZCV) == want_wr, "%s WR_NZCV", n);
        ck_assert_msg(!!(i.flags & INSN_END) == want_end, "%s END", n);
    }
    ck_assert(int_t_decode(0xd50b7430).flags & INSN_MEM); /* dc zva, x16 */
}
END_TEST

/* ---- (2) reserved / unsupported encodings ---- */

static const uint32_t int_t_undef[] = {
    0x12400000, /* .inst 0x12400000 ; undefined */
    0x9240fc00, /* .inst 0x9240fc00 ; undefined */
    0x9200fc00, /* .inst 0x9200fc00 ; undefined */
    0x9200f400, /* .inst 0x9200f400 ; undefined */
    0x8bc00000, /* .inst 0x8bc00000 ; undefined */
    0x0b038041, /* .inst 0x0b038041 ; undefined */
    0x8b231441, /* .inst 0x8b231441 ; undefined */
    0x52c00000, /* .inst 0x52c00000 ; undefined */
    0x32800000, /* .inst 0x32800000 ; undefined */
    0x93000000, /* .inst 0x93000000 ; undefined */
    0x53200000, /* .inst 0x53200000 ; undefined */
    0x13808000, /* .inst 0x13808000 ; undefined */
    0x93800000, /* .inst 0x93800000 ; undefined */
    0x5ac00c00, /* .inst 0x5ac00c00 ; undefined */
    0x1ac04c00, /* .inst 0x1ac04c00 ; undefined */
    0x9ac04000, /* .inst 0x9ac04000 ; undefined */
    0x3a800000, /* .inst 0x3a800000 ; undefined */
    0x9b408000, /* .inst 0x9b408000 ; undefined */
    0xd5380000, /* mrs x0, midr_el1 */
    0xd51b0021, /* msr ctr_el0, x1 */
    0xd51bd063, /* msr tpidrro_el0, x3 */
    0xd53be020, /* mrs x0, cntpct_el0 */
    0xd503415f, /* msr dit, #0x1 */
    0xd508751f, /* ic iallu */
    0xd508711f, /* ic ialluis */
    0xd65f0bff, /* retaa */
    0xd71f0822, /* braa x1, x2 */
    0xd63f081f, /* blraaz x0 */
    0x00000000, /* udf #0 */
    0xd4000002, /* hvc #0x0 */
    0xd50b7460, /* dc gva, x0 */
    0xdac10020, /* pacia x0, x1 */
    0x91810820, /* addg x0, x1, #0x10, #0x2 */
};

START_TEST(test_int_undef)
{
    for (size_t k = 0; k < sizeof int_t_undef / sizeof int_t_undef[0]; k++) {
        struct insn i = int_t_decode(int_t_undef[k]);
        ck_assert_msg(i.op == OP_UNDEF, "%08x decoded as %s", int_t_undef[k], decode_op_name(i.op));
    }
}
END_TEST

/* bitmask immediates are decoded once, into i->imm */
START_TEST(test_int_bitmask)
{
    static const struct { uint32_t raw; uint64_t want; } t[] = {
        {0x9200f020, 0x5555555555555555ull}, /* and x0, x1, #0x5555555555555555 */
        {0x3200cc62, 0x0f0f0f0full},         /* orr w2, w3, #0xf0f0f0f */
        {0xd2101ca4, 0x00ff000000ff0000ull}, /* eor x4, x5, #0xff000000ff0000 */
        {0xf24104e6, 0x8000000000000001ull}, /* ands x6, x7, #0x8000000000000001 */
        {0x121f7928, 0xfffffffeull},         /* and w8, w9, #0xfffffffe */
        {0xb240c96a, 0x0007ffffffffffffull}, /* orr x10, x11, #0x7ffffffffffff */
    };
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
        struct insn i = int_t_decode(t[k].raw);
        ck_assert_uint_eq((uint64_t)i.imm, t[k].want);
    }
}
END_TEST

/* ---- (3) semantics ---- */

#define I_ADDS_X 0xab020020u /* adds x0, x1, x2 */
#define I_ADDS_W 0x2b020020u /* adds w0, w1, w2 */
#define I_SUBS_X 0xeb020020u /* subs x0, x1, x2 */
#define I_SUBS_W 0x6b020020u /* subs w0, w1, w2 */
#define I_ADCS_X 0xba020020u /* adcs x0, x1, x2 */
#define I_SBCS_W 0x7a020020u /* sbcs w0, w1, w2 */
#define I_CMP_X1 0xf100043fu /* cmp x1, #0x1 */
#define I_CMN_W 0x3140043fu /* cmn w1, #0x1, lsl #12 */
#define I_ASR_X 0x9345fc20u /* asr x0, x1, #5 */
#define I_LSR_W 0x53077c20u /* lsr w0, w1, #7 */
#define I_LSL_X 0xd3440c20u /* lsl x0, x1, #60 */
#define I_SXTB_X 0x93401c20u /* sxtb x0, w1 */
#define I_SXTH_W 0x13003c20u /* sxth w0, w1 */
#define I_SXTW_X 0x93407c20u /* sxtw x0, w1 */
#define I_UXTB_W 0x53001c20u /* uxtb w0, w1 */
#define I_UBFX_X 0xd3484c20u /* ubfx x0, x1, #8, #12 */
#define I_SBFX_W 0x13042c20u /* sbfx w0, w1, #4, #8 */
#define I_BFI_X 0xb3701c20u /* bfi x0, x1, #16, #8 */
#define I_BFXIL_W 0x33042c20u /* bfxil w0, w1, #4, #8 */
#define I_SBFIZ_X 0x937d1020u /* sbfiz x0, x1, #3, #5 */
#define I_UDIV_X 0x9ac20820u /* udiv x0, x1, x2 */
#define I_UDIV_W 0x1ac20820u /* udiv w0, w1, w2 */
#define I_SDIV_X 0x9ac20c20u /* sdiv x0, x1, x2 */
#define I_SDIV_W 0x1ac20c20u /* sdiv w0, w1, w2 */
#define I_CCMP_EQ 0xfa420025u /* ccmp x1, x2, #0x5, eq // eq = none */
#define I_CCMN_NE 0x3a431822u /* ccmn w1, #0x3, #0x2, ne // ne = any */
#define I_CSNEG_GE 0xda82a420u /* csneg x0, x1, x2, ge // ge = tcont */
#define I_CSINC_LT 0x1a82b420u /* csinc w0, w1, w2, lt // lt = tstop */
#define I_CSINV_AL 0xda82e020u /* csinv x0, x1, x2, al */
#define I_CLS_X 0xdac01420u /* cls x0, x1 */
#define I_CLS_W 0x5ac01420u /* cls w0, w1 */
#define I_CLZ_X 0xdac01020u /* clz x0, x1 */
#define I_CLZ_W 0x5ac01020u /* clz w0, w1 */
#define I_REV_X 0xdac00c20u /* rev x0, x1 */
#define I_REV_W 0x5ac00820u /* rev w0, w1 */
#define I_REV16_X 0xdac00420u /* rev16 x0, x1 */
#define I_REV32_X 0xdac00820u /* rev32 x0, x1 */
#define I_RBIT_W 0x5ac00020u /* rbit w0, w1 */
#define I_RBIT_X 0xdac00020u /* rbit x0, x1 */
#define I_MADD_X 0x9b020c20u /* madd x0, x1, x2, x3 */
#define I_MSUB_W 0x1b028c20u /* msub w0, w1, w2, w3 */
#define I_UMULH 0x9bc27c20u /* umulh x0, x1, x2 */
#define I_SMULH 0x9b427c20u /* smulh x0, x1, x2 */
#define I_SMADDL 0x9b220c20u /* smaddl x0, w1, w2, x3 */
#define I_UMSUBL 0x9ba28c20u /* umsubl x0, w1, w2, x3 */
#define I_CRC32B 0x1ac14000u /* crc32b w0, w0, w1 */
#define I_CRC32CB 0x1ac15000u /* crc32cb w0, w0, w1 */
#define I_CRC32X 0x9ac24c20u /* crc32x w0, w1, x2 */
#define I_EXTR_X 0x93c22020u /* extr x0, x1, x2, #8 */
#define I_MOVK_X 0xf2c24680u /* movk x0, #0x1234, lsl #32 */
#define I_MOVK_W 0x72a24680u /* movk w0, #0x1234, lsl #16 */
#define I_MOVN_W 0x12800200u /* mov w0, #0xffffffef // #-17 */
#define I_BGT 0x5400008cu /* b.gt 4000e0 */
#define I_BL 0x94000040u /* bl 4001d4 */
#define I_BLR_X30 0xd63f03c0u /* blr x30 */
#define I_TBNZ_3 0x37180041u /* tbnz w1, #3, 4000e4 */
#define I_CBZ_X 0xb4ffffe1u /* cbz x1, 4000dc */
#define I_CBNZ_W 0x35000061u /* cbnz w1, 4000f0 */
#define I_SVC 0xd4000001u /* svc #0x0 */
#define I_MRS_CTR 0xd53b0020u /* mrs x0, ctr_el0 */
#define I_MRS_DCZID 0xd53b00e0u /* mrs x0, dczid_el0 */
#define I_MRS_CNTFRQ 0xd53be000u /* mrs x0, cntfrq_el0 */
#define I_MRS_CNTVCT 0xd53be040u /* mrs x0, cntvct_el0 */
#define I_MSR_NZCV 0xd51b4201u /* msr nzcv, x1 */
#define I_MRS_NZCV 0xd53b4200u /* mrs x0, nzcv */
#define I_MSR_TPIDR 0xd51bd041u /* msr tpidr_el0, x1 */
#define I_MRS_TPIDR 0xd53bd040u /* mrs x0, tpidr_el0 */
#define I_CLREX 0xd5033f5fu /* clrex */
#define I_ADD_SXTB 0x0b228820u /* add w0, w1, w2, sxtb #2 */
#define I_SUB_SP_UXTW 0xcb214fffu /* sub sp, sp, w1, uxtw #3 */
#define I_ADRP 0xf0000000u /* adrp x0, 403000 */
#define I_ADR 0x30000020u /* adr x0, 400121 */
#define I_EON_ROR 0x4ae21020u /* eon w0, w1, w2, ror #4 */
#define I_ANDS_ASR 0xea820420u /* ands x0, x1, x2, asr #1 */
#define I_LSLV_W 0x1ac22020u /* lsl w0, w1, w2 */
#define I_RORV_X 0x9ac22c20u /* ror x0, x1, x2 */
#define I_ASRV_W 0x1ac22820u /* asr w0, w1, w2 */
#define I_AND_SP 0x927c1c3fu /* and sp, x1, #0xff0 */
#define I_CFINV 0xd500401fu /* cfinv */
#define I_XAFLAG 0xd500403fu /* xaflag */
#define I_AXFLAG 0xd500405fu /* axflag */
#define I_RMIF 0xba00842au /* rmif x1, #1, #0xa */
#define I_SETF8 0x3a00082du /* setf8 w1 */
#define I_SETF16 0x3a00482du /* setf16 w1 */
#define I_DC_ZVA 0xd50b7421u /* dc zva, x1 */
#define I_IC_IVAU 0xd50b7521u /* ic ivau, x1 */
#define I_MOVZ_W0_1 0x52800020u /* mov w0, #0x1 */
#define I_MOVZ_W0_2 0x52800040u /* mov w0, #0x2 */
#define I_MRS_FPCR 0xd53b4400u /* mrs x0, fpcr */
#define I_MSR_FPCR 0xd51b4401u /* msr fpcr, x1 */
#define I_MSR_FPSR 0xd51b4421u /* msr fpsr, x1 */
#define I_MRS_FPSR 0xd53b4420u /* mrs x0, fpsr */

#define INT_T_PC 0x400000ull

static enum xres int_t_run(struct cpu *c, uint32_t raw)
{
    struct insn i;
    decode_insn(&i, raw, INT_T_PC);
    ck_assert_msg(i.op != OP_UNDEF, "%08x undecoded", raw);
    c->cur = &i;
    enum xres r = exec_table[i.op](c, &i);
    c->cur = NULL;
    return r;
}

static struct cpu *int_t_cpu(void)
{
    static struct cpu c;
    memset(&c, 0, sizeof c);
    return &c;
}

#define N NZCV_N
#define Z NZCV_Z
#define C NZCV_C
#define V NZCV_V

/* binary op x0 = x1 OP x2 with flags in, returns x0 and checks flags out */
static uint64_t int_t_bin(uint32_t raw, uint64_t a, uint64_t b, uint32_t fin, uint32_t *fout)
{
    struct cpu *c = int_t_cpu();
    c->x[0] = 0xdeadbeefdeadbeefull;
    c->x[1] = a;
    c->x[2] = b;
    c->nzcv = fin;
    ck_assert_int_eq(int_t_run(c, raw), X_NEXT);
    if (fout)
        *fout = c->nzcv;
    return c->x[0];
}

START_TEST(test_int_flags)
{
    uint32_t f;
    ck_assert_uint_eq(int_t_bin(I_ADDS_X, 0x7fffffffffffffffull, 1, 0, &f), 0x8000000000000000ull);
    ck_assert_uint_eq(f, N | V);
    ck_assert_uint_eq(int_t_bin(I_ADDS_X, ~0ull, 1, 0, &f), 0);
    ck_assert_uint_eq(f, Z | C);
    ck_assert_uint_eq(int_t_bin(I_ADDS_X, 0x8000000000000000ull, 0x8000000000000000ull, 0, &f), 0);
    ck_assert_uint_eq(f, Z | C | V);
    ck_assert_uint_eq(int_t_bin(I_ADDS_W, 0xffffffffull, 1, N, &f), 0);
    ck_assert_uint_eq(f, Z | C);
    /* 32-bit ops see only the low words and zero-extend */
    ck_assert_uint_eq(int_t_bin(I_ADDS_W, 0x123456787fffffffull, 0xff00000000000001ull, 0, &f), 0x80000000ull);
    ck_assert_uint_eq(f, N | V);
    ck_assert_uint_eq(int_t_bin(I_SUBS_X, 0, 1, 0, &f), ~0ull);
    ck_assert_uint_eq(f, N);
    ck_assert_uint_eq(int_t_bin(I_SUBS_X, 5, 5, 0, &f), 0);
    ck_assert_uint_eq(f, Z | C);
    ck_assert_uint_eq(int_t_bin(I_SUBS_X, 0x8000000000000000ull, 1, 0, &f), 0x7fffffffffffffffull);
    ck_assert_uint_eq(f, C | V);
    ck_assert_uint_eq(int_t_bin(I_SUBS_W, 0x80000000ull, 1, 0, &f), 0x7fffffffull);
    ck_assert_uint_eq(f, C | V);
    ck_assert_uint_eq(int_t_bin(I_SUBS_W, 1, 2, 0, &f), 0xffffffffull);
    ck_assert_uint_eq(f, N);
    /* carry in */
    ck_assert_uint_eq(int_t_bin(I_ADCS_X, ~0ull, 0, C, &f), 0);
    ck_assert_uint_eq(f, Z | C);
    ck_assert_uint_eq(int_t_bin(I_ADCS_X, 1, 2, 0, &f), 3);
    ck_assert_uint_eq(f, 0);
    ck_assert_uint_eq(int_t_bin(I_SBCS_W, 5, 5, 0, &f), 0xffffffffull); /* 5 - 5 - 1 */
    ck_assert_uint_eq(f, N);
    ck_assert_uint_eq(int_t_bin(I_SBCS_W, 5, 5, C, &f), 0);
    ck_assert_uint_eq(f, Z | C);
    /* cmp x1, #1 writes only the flags */
    struct cpu *c = int_t_cpu();
    c->x[1] = 1;
    int_t_run(c, I_CMP_X1);
    ck_assert_uint_eq(c->nzcv, Z | C);
    ck_assert_uint_eq(c->x[REG_ZR], 0);
    c->x[1] = 0xfffff000;
    int_t_run(c, I_CMN_W); /* cmn w1, #0x1000 */
    ck_assert_uint_eq(c->nzcv, Z | C);
    /* logical flags clear C and V */
    ck_assert_uint_eq(int_t_bin(I_ANDS_ASR, 0x8000000000000000ull, 0x8000000000000000ull, C | V, &f),
                      0x8000000000000000ull);
    ck_assert_uint_eq(f, N);
}
END_TEST

START_TEST(test_int_cond)
{
    /* cond_holds against the Arm ARM table for every NZCV value */
    for (uint32_t v = 0; v < 16; v++) {
        uint32_t f = v << 28;
        bool n = f & N, z = f & Z, cf = f & C, ov = f & V;
        bool want[16] = {z, !z, cf, !cf, n, !n, ov, !ov, cf && !z, !(cf && !z), n == ov, n != ov,
                         n == ov && !z, !(n == ov && !z), true, true};
        for (unsigned cond = 0; cond < 16; cond++)
            ck_assert_msg(cond_holds(f, cond) == want[cond], "nzcv %x cond %u", v, cond);
    }
}
END_TEST

START_TEST(test_int_bitfield)
{
    uint64_t a = 0xfedcba9876543210ull;
    ck_assert_uint_eq(int_t_bin(I_ASR_X, a, 0, 0, NULL), (uint64_t)((int64_t)a >> 5));
    ck_assert_uint_eq(int_t_bin(I_LSR_W, a, 0, 0, NULL), 0x76543210u >> 7);
    ck_assert_uint_eq(int_t_bin(I_LSL_X, a, 0, 0, NULL), a << 60);
    ck_assert_uint_eq(int_t_bin(I_SXTB_X, 0x80, 0, 0, NULL), 0xffffffffffffff80ull);
    ck_assert_uint_eq(int_t_bin(I_SXTH_W, 0x12348000, 0, 0, NULL), 0xffff8000ull);
    ck_assert_uint_eq(int_t_bin(I_SXTW_X, 0x0000000180000000ull, 0, 0, NULL), 0xffffffff80000000ull);
    ck_assert_uint_eq(int_t_bin(I_UXTB_W, a, 0, 0, NULL), 0x10);
    ck_assert_uint_eq(int_t_bin(I_UBFX_X, a, 0, 0, NULL), (a >> 8) & 0xfff);
    ck_assert_uint_eq(int_t_bin(I_SBFX_W, 0x00000f80, 0, 0, NULL), 0xfffffff8ull); /* bits 11:4 = 0xf8 */
    ck_assert_uint_eq(int_t_bin(I_SBFIZ_X, 0x10, 0, 0, NULL), 0xffffffffffffff80ull);
    struct cpu *c = int_t_cpu();
    c->x[0] = 0x1111111111111111ull;
    c->x[1] = 0xabcd;
    int_t_run(c, I_BFI_X); /* bfi x0, x1, #16, #8 */
    ck_assert_uint_eq(c->x[0], 0x1111111111cd1111ull);
    c->x[0] = 0x1111111111111111ull;
    c->x[1] = 0xabcd;
    int_t_run(c, I_BFXIL_W); /* bfxil w0, w1, #4, #8: upper half of X0 cleared */
    ck_assert_uint_eq(c->x[0], 0x111111bcull);
    ck_assert_uint_eq(int_t_bin(I_EXTR_X, 0x1122334455667788ull, 0x99aabbccddeeff00ull, 0, NULL),
                      0x8899aabbccddeeffull);
}
END_TEST

START_TEST(test_int_div)
{
    ck_assert_uint_eq(int_t_bin(I_UDIV_X, 7, 0, 0, NULL), 0);
    ck_assert_uint_eq(int_t_bin(I_UDIV_X, ~0ull, 2, 0, NULL), 0x7fffffffffffffffull);
    ck_assert_uint_eq(int_t_bin(I_UDIV_W, 0x1ffffffffull, 0x100000001ull, 0, NULL), 0xffffffffull);
    ck_assert_uint_eq(int_t_bin(I_SDIV_X, 0x8000000000000000ull, ~0ull, 0, NULL), 0x8000000000000000ull);
    ck_assert_uint_eq(int_t_bin(I_SDIV_X, (uint64_t)-7, 2, 0, NULL), (uint64_t)-3);
    ck_assert_uint_eq(int_t_bin(I_SDIV_X, 5, 0, 0, NULL), 0);
    ck_assert_uint_eq(int_t_bin(I_SDIV_W, 0x80000000ull, 0xffffffffull, 0, NULL), 0x80000000ull);
    ck_assert_uint_eq(int_t_bin(I_SDIV_W, 0xfffffff9ull, 2, 0, NULL), 0xfffffffdull);
    ck_assert_uint_eq(int_t_bin(I_SDIV_W, 0xfffffff9ull, 0, 0, NULL), 0);
}
END_TEST

START_TEST(test_int_ccmp_csel)
{
    uint32_t f;
    /* ccmp x1, x2, #5, eq: Z set -> compare; Z clear -> #5 */
    int_t_bin(I_CCMP_EQ, 3, 3, Z, &f);
    ck_assert_uint_eq(f, Z | C);
    int_t_bin(I_CCMP_EQ, 3, 4, Z, &f);
    ck_assert_uint_eq(f, N);
    int_t_bin(I_CCMP_EQ, 3, 3, 0, &f);
    ck_assert_uint_eq(f, 5u << 28);
    /* ccmn w1, #3, #2, ne */
    int_t_bin(I_CCMN_NE, 0xfffffffdull, 0, 0, &f);
    ck_assert_uint_eq(f, Z | C);
    int_t_bin(I_CCMN_NE, 0xfffffffdull, 0, Z, &f);
    ck_assert_uint_eq(f, 2u << 28);
    /* csneg x0, x1, x2, ge */
    ck_assert_uint_eq(int_t_bin(I_CSNEG_GE, 10, 20, 0, NULL), 10);
    ck_assert_uint_eq(int_t_bin(I_CSNEG_GE, 10, 20, N, NULL), (uint64_t)-20);
    ck_assert_uint_eq(int_t_bin(I_CSNEG_GE, 10, 20, N | V, NULL), 10);
    /* csinc w0, w1, w2, lt */
    ck_assert_uint_eq(int_t_bin(I_CSINC_LT, 10, 0xffffffffull, 0, NULL), 0);
    ck_assert_uint_eq(int_t_bin(I_CSINC_LT, 0x10000000aull, 7, N, NULL), 10);
    ck_assert_uint_eq(int_t_bin(I_CSINV_AL, 10, 7, 0, NULL), 10);
}
END_TEST

START_TEST(test_int_bits)
{
    ck_assert_uint_eq(int_t_bin(I_CLS_X, 0, 0, 0, NULL), 63);
    ck_assert_uint_eq(int_t_bin(I_CLS_X, ~0ull, 0, 0, NULL), 63);
    ck_assert_uint_eq(int_t_bin(I_CLS_X, 1, 0, 0, NULL), 62);
    ck_assert_uint_eq(int_t_bin(I_CLS_X, 0x8000000000000000ull, 0, 0, NULL), 0);
    ck_assert_uint_eq(int_t_bin(I_CLS_W, 0xffffffff0000ffffull, 0, 0, NULL), 15);
    ck_assert_uint_eq(int_t_bin(I_CLS_W, 0xffffffffull, 0, 0, NULL), 31);
    ck_assert_uint_eq(int_t_bin(I_CLZ_X, 0, 0, 0, NULL), 64);
    ck_assert_uint_eq(int_t_bin(I_CLZ_X, 1, 0, 0, NULL), 63);
    ck_assert_uint_eq(int_t_bin(I_CLZ_W, 0xffffffff00000000ull, 0, 0, NULL), 32);
    ck_assert_uint_eq(int_t_bin(I_CLZ_W, 0x8000, 0, 0, NULL), 16);
    uint64_t a = 0x0123456789abcdefull;
    ck_assert_uint_eq(int_t_bin(I_REV_X, a, 0, 0, NULL), 0xefcdab8967452301ull);
    ck_assert_uint_eq(int_t_bin(I_REV_W, a, 0, 0, NULL), 0xefcdab89ull);
    ck_assert_uint_eq(int_t_bin(I_REV16_X, a, 0, 0, NULL), 0x23016745ab89efcdull);
    ck_assert_uint_eq(int_t_bin(I_REV32_X, a, 0, 0, NULL), 0x67452301efcdab89ull);
    ck_assert_uint_eq(int_t_bin(I_RBIT_W, 0xffffffff00000001ull, 0, 0, NULL), 0x80000000ull);
    ck_assert_uint_eq(int_t_bin(I_RBIT_X, 0x3, 0, 0, NULL), 0xc000000000000000ull);
    ck_assert_uint_eq(int_t_bin(I_EON_ROR, 0, 0x0000000f, 0, NULL), 0x0fffffffull);
    ck_assert_uint_eq(int_t_bin(I_LSLV_W, 1, 33, 0, NULL), 2);
    ck_assert_uint_eq(int_t_bin(I_RORV_X, 1, 65, 0, NULL), 0x8000000000000000ull);
    ck_assert_uint_eq(int_t_bin(I_ASRV_W, 0x80000000ull, 31 + 64, 0, NULL), 0xffffffffull);
}
END_TEST

START_TEST(test_int_mul)
{
    struct cpu *c = int_t_cpu();
    c->x[1] = 0x100000001ull;
    c->x[2] = 3;
    c->x[3] = 10;
    int_t_run(c, I_MADD_X);
    ck_assert_uint_eq(c->x[0], 0x30000000dull);
    int_t_run(c, I_MSUB_W); /* 10 - 1*3 on the low words */
    ck_assert_uint_eq(c->x[0], 7);
    c->x[1] = ~0ull;
    c->x[2] = ~0ull;
    int_t_run(c, I_UMULH);
    ck_assert_uint_eq(c->x[0], 0xfffffffffffffffeull);
    int_t_run(c, I_SMULH); /* -1 * -1 = 1 */
    ck_assert_uint_eq(c->x[0], 0);
    c->x[1] = 0x8000000000000000ull;
    c->x[2] = 2;
    int_t_run(c, I_SMULH);
    ck_assert_uint_eq(c->x[0], ~0ull);
    c->x[1] = 0xffffffffull; /* w1 = -1 */
    c->x[2] = 0x7fffffffull;
    c->x[3] = 1;
    int_t_run(c, I_SMADDL);
    ck_assert_uint_eq(c->x[0], (uint64_t)(1 - 0x7fffffffll));
    int_t_run(c, I_UMSUBL);
    ck_assert_uint_eq(c->x[0], 1 - 0xffffffffull * 0x7fffffffull);
}
END_TEST

START_TEST(test_int_crc)
{
    /* the standard check values: CRC-32 "123456789" = cbf43926, CRC-32C = e3069283 */
    const char *s = "123456789";
    struct cpu *c = int_t_cpu();
    c->x[0] = 0xffffffff;
    for (const char *p = s; *p; p++) {
        c->x[1] = (uint8_t)*p;
        int_t_run(c, I_CRC32B);
    }
    ck_assert_uint_eq(c->x[0] ^ 0xffffffffu, 0xcbf43926u);
    c->x[0] = 0xffffffff;
    for (const char *p = s; *p; p++) {
        c->x[1] = (uint8_t)*p;
        int_t_run(c, I_CRC32CB);
    }
    ck_assert_uint_eq(c->x[0] ^ 0xffffffffu, 0xe3069283u);
    /* crc32x over 8 bytes equals eight crc32b steps */
    uint64_t v = 0x0807060504030201ull;
    c->x[1] = 0x12345678;
    c->x[2] = v;
    int_t_run(c, I_CRC32X);
    uint64_t x8 = c->x[0];
    c->x[0] = 0x12345678;
    for (int k = 0; k < 8; k++) {
        c->x[1] = (v >> (8 * k)) & 0xff;
        int_t_run(c, I_CRC32B);
    }
    ck_assert_uint_eq(x8, c->x[0]);
}
END_TEST

START_TEST(test_int_mov_addr)
{
    struct cpu *c = int_t_cpu();
    c->x[0] = 0xffffffffffffffffull;
    int_t_run(c, I_MOVK_X);
    ck_assert_uint_eq(c->x[0], 0xffff1234ffffffffull);
    int_t_run(c, I_MOVK_W);
    ck_assert_uint_eq(c->x[0], 0x1234ffffull);
    int_t_run(c, I_MOVN_W);
    ck_assert_uint_eq(c->x[0], 0xffffffefull);
    struct insn i;
    decode_insn(&i, I_ADRP, INT_T_PC + 0x118); /* adrp x0, 403000 */
    exec_table[i.op](c, &i);
    ck_assert_uint_eq(c->x[0], 0x403000);
    decode_insn(&i, I_ADR, INT_T_PC + 0x11c); /* adr x0, 400121 */
    exec_table[i.op](c, &i);
    ck_assert_uint_eq(c->x[0], 0x400121);
    /* add w0, w1, w2, sxtb #2 */
    ck_assert_uint_eq(int_t_bin(I_ADD_SXTB, 100, 0xff, 0, NULL), 96);
    /* sub sp, sp, w1, uxtw #3 */
    c->x[REG_SP] = 0x10000;
    c->x[1] = 0xffffffff00000002ull;
    int_t_run(c, I_SUB_SP_UXTW);
    ck_assert_uint_eq(c->x[REG_SP], 0x10000 - 16);
    /* and sp, x1, #0xff0 */
    c->x[1] = 0x12345;
    int_t_run(c, I_AND_SP);
    ck_assert_uint_eq(c->x[REG_SP], 0x340);
}
END_TEST

START_TEST(test_int_branch)
{
    struct cpu *c = int_t_cpu();
    c->nzcv = 0;
    ck_assert_int_eq(int_t_run(c, I_BGT), X_BRANCH); /* b.gt .+16 */
    ck_assert_uint_eq(c->pc, INT_T_PC + 16);
    c->nzcv = Z;
    ck_assert_int_eq(int_t_run(c, I_BGT), X_NEXT);
    ck_assert_int_eq(int_t_run(c, I_BL), X_BRANCH); /* bl .+0x100 */
    ck_assert_uint_eq(c->pc, INT_T_PC + 0x100);
    ck_assert_uint_eq(c->x[30], INT_T_PC + 4);
    c->x[30] = 0x1000;
    ck_assert_int_eq(int_t_run(c, I_BLR_X30), X_BRANCH); /* target read before the link write */
    ck_assert_uint_eq(c->pc, 0x1000);
    ck_assert_uint_eq(c->x[30], INT_T_PC + 4);
    c->x[1] = 8;
    ck_assert_int_eq(int_t_run(c, I_TBNZ_3), X_BRANCH);
    ck_assert_uint_eq(c->pc, INT_T_PC + 8);
    c->x[1] = 0xfffffffffffffff7ull;
    ck_assert_int_eq(int_t_run(c, I_TBNZ_3), X_NEXT);
    c->x[1] = 0x100000000ull; /* cbz x1 sees all 64 bits, cbnz w1 only the low word */
    ck_assert_int_eq(int_t_run(c, I_CBZ_X), X_NEXT);
    ck_assert_int_eq(int_t_run(c, I_CBNZ_W), X_NEXT);
    c->x[1] = 0;
    ck_assert_int_eq(int_t_run(c, I_CBZ_X), X_BRANCH);
    ck_assert_uint_eq(c->pc, INT_T_PC - 4);
    ck_assert_int_eq(int_t_run(c, I_SVC), X_SVC);
    ck_assert_uint_eq(c->pc, INT_T_PC + 4);
}
END_TEST

START_TEST(test_int_sysreg)
{
    struct cpu *c = int_t_cpu();
    int_t_run(c, I_MRS_CTR);
    ck_assert_uint_eq(c->x[0] & (3u << 28), 0); /* IDC = DIC = 0 */
    ck_assert_uint_eq(c->x[0] & 0xf, 4);       /* IminLine: 64 bytes */
    ck_assert_uint_eq((c->x[0] >> 16) & 0xf, 4);
    int_t_run(c, I_MRS_DCZID);
    ck_assert_uint_eq(c->x[0], 4);
    int_t_run(c, I_MRS_CNTFRQ);
    ck_assert_uint_eq(c->x[0], SYS_CNTFRQ_HZ);
    int_t_run(c, I_MRS_CNTVCT);
    uint64_t t0 = c->x[0];
    int_t_run(c, I_MRS_CNTVCT);
    ck_assert(c->x[0] >= t0 && t0 != 0);
    c->x[1] = 0xffffffffffffffffull;
    int_t_run(c, I_MSR_NZCV);
    ck_assert_uint_eq(c->nzcv, 0xf0000000u);
    c->nzcv = N | C;
    int_t_run(c, I_MRS_NZCV);
    ck_assert_uint_eq(c->x[0], N | C);
    c->x[1] = 0x1234;
    int_t_run(c, I_MSR_TPIDR);
    ck_assert_uint_eq(c->tpidr_el0, 0x1234);
    int_t_run(c, I_MRS_TPIDR);
    ck_assert_uint_eq(c->x[0], 0x1234);
    c->excl_size = 8;
    int_t_run(c, I_CLREX);
    ck_assert_uint_eq(c->excl_size, 0);
}
END_TEST

/* FEAT_FlagM/FlagM2: values from the Arm ARM pseudocode, checked against
 * qemu-aarch64 -cpu max by the differential tester */
START_TEST(test_int_flagm)
{
    struct cpu *c = int_t_cpu();
    c->nzcv = N | C;
    int_t_run(c, I_CFINV);
    ck_assert_uint_eq(c->nzcv, N);
    int_t_run(c, I_CFINV);
    ck_assert_uint_eq(c->nzcv, N | C);
    /* external compare format <-> Arm: equal ZC, less N, greater C,
     * unordered ZV (Arm) <-> Z only (external) */
    static const uint32_t arm[] = {Z | C, N, C, C | V}, ext[] = {Z | C, 0, C, Z};
    for (int k = 0; k < 4; k++) {
        c->nzcv = arm[k];
        int_t_run(c, I_AXFLAG);
        ck_assert_uint_eq(c->nzcv, ext[k]);
        int_t_run(c, I_XAFLAG);
        ck_assert_uint_eq(c->nzcv, arm[k]);
    }
    /* rmif x1, #1, #0xa: N and C from bits 4 and 2 of x1 */
    c->nzcv = Z | V;
    c->x[1] = 0x10;
    int_t_run(c, I_RMIF);
    ck_assert_uint_eq(c->nzcv, N | Z | V);
    c->nzcv = N | Z | C | V;
    c->x[1] = 0x0;
    int_t_run(c, I_RMIF);
    ck_assert_uint_eq(c->nzcv, Z | V);
    /* setf8: N and Z of the byte, V = bit 8 ^ bit 7, C kept */
    c->nzcv = C;
    c->x[1] = 0x180;
    int_t_run(c, I_SETF8);
    ck_assert_uint_eq(c->nzcv, N | C);
    c->nzcv = 0;
    c->x[1] = 0x80;
    int_t_run(c, I_SETF8);
    ck_assert_uint_eq(c->nzcv, N | V);
    c->x[1] = 0x100;
    int_t_run(c, I_SETF8);
    ck_assert_uint_eq(c->nzcv, Z | V);
    c->x[1] = 0xffff0000ull;
    int_t_run(c, I_SETF16);
    ck_assert_uint_eq(c->nzcv, Z | V);
}
END_TEST

/* guest page for the memory tests: mapped read/write/execute */
#define INT_T_PAGE 0x200000ull

static void int_t_map_page(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert_int_eq(mprotect(guest_base + INT_T_PAGE, GUEST_PAGE, PROT_READ | PROT_WRITE), 0);
    mem_set_flags(INT_T_PAGE, GUEST_PAGE, mem_prot_flags(PROT_READ | PROT_WRITE | PROT_EXEC));
}

/* DC ZVA zeroes exactly the aligned 64-byte block holding the address */
START_TEST(test_int_dc_zva)
{
    int_t_map_page();
    uint8_t *h = guest_base + INT_T_PAGE;
    memset(h, 0xa5, 256);
    struct cpu *c = int_t_cpu();
    c->x[1] = INT_T_PAGE + 64 + 37;
    ck_assert_int_eq(int_t_run(c, I_DC_ZVA), X_NEXT);
    ck_assert_uint_eq(h[63], 0xa5);
    for (int k = 64; k < 128; k++)
        ck_assert_uint_eq(h[k], 0);
    ck_assert_uint_eq(h[128], 0xa5);
    ck_assert_uint_eq(c->x[1], INT_T_PAGE + 64 + 37); /* Xt unchanged */
    /* a tagged address zeroes the same block (top-byte-ignore) */
    memset(h, 0xa5, 256);
    c->x[1] = 0x5a00000000000000ull | (INT_T_PAGE + 128);
    ck_assert_int_eq(int_t_run(c, I_DC_ZVA), X_NEXT);
    ck_assert_uint_eq(h[127], 0xa5);
    ck_assert_uint_eq(h[128], 0);
    ck_assert_uint_eq(h[191], 0);
    ck_assert_uint_eq(h[192], 0xa5);
}
END_TEST

/* IC IVAU drops the blocks decoded from the line, so rewritten code is
 * decoded afresh; it ends the block with the pc of the next insn */
START_TEST(test_int_ic_ivau)
{
    int_t_map_page();
    uint32_t *code = (uint32_t *)(guest_base + INT_T_PAGE);
    code[0] = I_MOVZ_W0_1;
    code[1] = 0xd65f03c0u; /* ret */
    struct cpu *c = int_t_cpu();
    struct block *b = block_get(c, INT_T_PAGE);
    ck_assert_int_eq(b->insns[0].op, OP_MOVZ);
    ck_assert_int_eq(b->insns[0].imm, 1);
    code[0] = I_MOVZ_W0_2;
    /* without IC IVAU the cached block still holds the old code */
    ck_assert_int_eq(block_get(c, INT_T_PAGE)->insns[0].imm, 1);
    c->x[1] = INT_T_PAGE + 4; /* any address in the line */
    struct insn i;
    decode_insn(&i, I_IC_IVAU, INT_T_PC);
    ck_assert(i.flags & INSN_END);
    ck_assert_int_eq(exec_table[i.op](c, &i), X_INVALIDATE);
    ck_assert_uint_eq(c->pc, INT_T_PC + 4);
    block_cache_quiesce();
    ck_assert_int_eq(block_get(c, INT_T_PAGE)->insns[0].imm, 2);
}
END_TEST

/* FPCR/FPSR go through interp/fpu.h: only implemented bits stick */
START_TEST(test_int_fp_sysreg)
{
    struct cpu *c = int_t_cpu();
    c->x[1] = 0x03c00000ull; /* DN | FZ | RMode = RZ */
    int_t_run(c, I_MSR_FPCR);
    int_t_run(c, I_MRS_FPCR);
    ck_assert_uint_eq(c->x[0], 0x03c00000ull);
    c->x[1] = ~0ull;
    int_t_run(c, I_MSR_FPCR);
    int_t_run(c, I_MRS_FPCR);
    ck_assert_uint_eq(c->x[0], fpu_read_fpcr(c));
    ck_assert_uint_eq(c->x[0] >> 32, 0);
    c->x[1] = FPSR_IOC | FPSR_IXC | FPSR_QC;
    int_t_run(c, I_MSR_FPSR);
    int_t_run(c, I_MRS_FPSR);
    ck_assert_uint_eq(c->x[0], FPSR_IOC | FPSR_IXC | FPSR_QC);
}
END_TEST

Suite *suite_int(void)
{
    Suite *s = suite_create("int");
    TCase *t = tcase_create("decode");
    tcase_add_test(t, test_int_fields);
    tcase_add_test(t, test_int_rows_covered);
    tcase_add_test(t, test_int_row_flags);
    tcase_add_test(t, test_int_undef);
    tcase_add_test(t, test_int_bitmask);
    suite_add_tcase(s, t);
    t = tcase_create("exec");
    tcase_add_test(t, test_int_flags);
    tcase_add_test(t, test_int_cond);
    tcase_add_test(t, test_int_bitfield);
    tcase_add_test(t, test_int_div);
    tcase_add_test(t, test_int_ccmp_csel);
    tcase_add_test(t, test_int_bits);
    tcase_add_test(t, test_int_mul);
    tcase_add_test(t, test_int_crc);
    tcase_add_test(t, test_int_mov_addr);
    tcase_add_test(t, test_int_branch);
    tcase_add_test(t, test_int_sysreg);
    tcase_add_test(t, test_int_flagm);
    tcase_add_test(t, test_int_dc_zva);
    tcase_add_test(t, test_int_ic_ivau);
    tcase_add_test(t, test_int_fp_sysreg);
    suite_add_tcase(s, t);
    return s;
}

/* Unit tests of the x86-64 emitter (translator/x64.h): every form is
 * emitted into a buffer and decoded back with capstone (Intel syntax), and
 * the decoder's "mnemonic operands" text must equal the text this file
 * builds independently from register names and operand rules; the
 * instruction must also be exactly the bytes emitted (one instruction, no
 * leftover). Registers go over all sixteen, so every REX bit and the ModRM
 * and SIB special cases are met: rsp/r12 as a base need a SIB, rbp/r13 as a
 * base with no displacement need a zero disp8, rsp cannot be an index; byte
 * registers spl..dil need an empty REX. Displacements are 0, 8-bit (both
 * ends) and 32-bit (both signs). Mismatches are all printed before the test
 * fails, so one run shows every wrong form. */
#include <capstone/capstone.h>
#include <check.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "translator/x64.h"

static const char *const r64[16] = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
                                    "r8",  "r9",  "r10", "r11", "r12", "r13", "r14", "r15"};
static const char *const r32[16] = {"eax", "ecx", "edx", "ebx", "esp", "ebp", "esi", "edi",
                                    "r8d", "r9d", "r10d", "r11d", "r12d", "r13d", "r14d", "r15d"};
static const char *const r16[16] = {"ax", "cx", "dx", "bx", "sp", "bp", "si", "di",
                                    "r8w", "r9w", "r10w", "r11w", "r12w", "r13w", "r14w", "r15w"};
static const char *const r8[16] = {"al", "cl", "dl", "bl", "spl", "bpl", "sil", "dil",
                                   "r8b", "r9b", "r10b", "r11b", "r12b", "r13b", "r14b", "r15b"};
static const char *const ccn[16] = {"o", "no", "b", "ae", "e", "ne", "be", "a",
                                    "s", "ns", "p", "np", "l", "ge", "le", "g"};
static const char *const alun[8] = {"add", "or", "adc", "sbb", "and", "sub", "xor", "cmp"};
static const int shifts[] = {X64_ROL, X64_ROR, X64_SHL, X64_SHR, X64_SAR};
static const char *const shiftn[8] = {"rol", "ror", "", "", "shl", "shr", "", "sar"};

/* the displacements every memory form is tried with */
static const int32_t disps[] = {0, 8, -8, 0x7f, -0x80, 0x80, -0x81, 0x1000, -0x12345678, 0x7fffffff};

static csh cs;
static int fails, forms;
static uint8_t mem[64];
static struct x64_buf xb;
/* where the buffer is said to be for the decoder (branch targets) */
#define ORG 0x10000

static void x_begin(void) { x64_init(&xb, mem, sizeof mem); }

/* capstone's immediates: decimal up to 9, else hex; signed (a minus sign
 * first) where the operand is sign-extended to the operation's width (imm8
 * forms, imm32 in a 64-bit operation), unsigned at the operand's own width
 * otherwise (an imm32 in a 32-bit operation, an imm8 of a byte operation,
 * movabs) */
static void num(char *out, size_t cap, int64_t v)
{
    uint64_t m = v < 0 ? -(uint64_t)v : (uint64_t)v;
    snprintf(out, cap, m > 9 ? "%s0x%" PRIx64 : "%s%" PRIu64, v < 0 ? "-" : "", m);
}
static void unum(char *out, size_t cap, uint64_t v)
{
    snprintf(out, cap, v > 9 ? "0x%" PRIx64 : "%" PRIu64, v);
}

/* an ALU operation's immediate: and/or/xor show theirs unsigned at the
 * operation's width (all bits matter to them), the others by the rule
 * above */
static void alu_imm(char *out, size_t cap, enum x64_alu op, bool wide, int32_t imm)
{
    if (op == X64_AND || op == X64_OR || op == X64_XOR)
        unum(out, cap, wide ? (uint64_t)(int64_t)imm : (uint32_t)imm);
    else if (wide || (imm >= -128 && imm <= 127))
        num(out, cap, imm);
    else
        unum(out, cap, (uint32_t)imm);
}

/* the text of a memory operand's brackets: scale 1 is not written; an
 * absolute address (no base, no index) is unsigned */
static void memtext(char *out, size_t cap, struct x64_mem m)
{
    char d[32];
    size_t n = 0;
    out[0] = 0;
    if (m.rip)
        n += (size_t)snprintf(out + n, cap - n, "rip");
    else if (m.base != X64_NOREG)
        n += (size_t)snprintf(out + n, cap - n, "%s", r64[m.base]);
    if (m.index != X64_NOREG)
        n += (size_t)snprintf(out + n, cap - n, "%s%s", n ? " + " : "", r64[m.index]);
    if (m.index != X64_NOREG && m.scale != 1)
        n += (size_t)snprintf(out + n, cap - n, "*%u", m.scale);
    if (!n) {
        unum(d, sizeof d, (uint64_t)(int64_t)m.disp);
        snprintf(out, cap, "%s", d);
    } else if (m.disp) {
        num(d, sizeof d, m.disp < 0 ? -(int64_t)m.disp : m.disp);
        snprintf(out + n, cap - n, " %c %s", m.disp < 0 ? '-' : '+', d);
    }
}

static const char *ptr(unsigned bytes)
{
    return bytes == 1 ? "byte" : bytes == 2 ? "word" : bytes == 4 ? "dword" : "qword";
}

/* decodes the buffer: one instruction, all of it, with text `want` */
static void x_check(const char *want)
{
    forms++;
    size_t len = x64_off(&xb);
    cs_insn *in = NULL;
    size_t n = xb.full ? 0 : cs_disasm(cs, mem, len, ORG, 0, &in);
    char got[512];
    if (xb.full)
        snprintf(got, sizeof got, "(buffer full)");
    else if (n != 1 || in[0].size != len)
        snprintf(got, sizeof got, "(%zu instructions, first of %u of %zu bytes)%s%s%s", n,
                 n ? in[0].size : 0, len, n ? " " : "", n ? in[0].mnemonic : "", n ? in[0].op_str : "");
    else
        snprintf(got, sizeof got, "%s%s%s", in[0].mnemonic, in[0].op_str[0] ? " " : "", in[0].op_str);
    if (n)
        cs_free(in, n);
    if (strcmp(got, want)) {
        fails++;
        char hex[64] = "";
        for (size_t k = 0; k < len && k < 16; k++)
            snprintf(hex + 3 * k, sizeof hex - 3 * k, " %02x", mem[k]);
        fprintf(stderr, "x64: want \"%s\", got \"%s\" (bytes%s)\n", want, got, hex);
    }
}

static void setup(void)
{
    ck_assert_int_eq(cs_open(CS_ARCH_X86, CS_MODE_64, &cs), CS_ERR_OK);
    fails = forms = 0;
}

static void teardown(void) { cs_close(&cs); }

static void done(int min_forms)
{
    ck_assert_msg(fails == 0, "%d of %d emitted forms decode differently (listed above)", fails, forms);
    ck_assert_int_ge(forms, min_forms);
}

/* every memory operand shape: each base (and none, and rip) with and
 * without each index and scale, each displacement */
static int mem_shapes(struct x64_mem *out, int cap)
{
    int n = 0;
    for (int base = -1; base < 16; base++)
        for (int index = -1; index < 16; index++) {
            if (index == X64_RSP)
                continue; /* no encoding: SIB index 100 means none */
            for (unsigned si = 0; si < 4; si++) {
                unsigned scale = 1u << si;
                if (index == X64_NOREG && scale != 1)
                    continue;
                for (size_t d = 0; d < sizeof disps / sizeof *disps; d++) {
                    /* a few indexes and scales with every base keep it small */
                    if (index != X64_NOREG && !(index == X64_RBP || index == X64_R12 ||
                                                index == X64_R13 || index == X64_RCX || index == X64_R9))
                        continue;
                    /* capstone writes a negative absolute address at the
                     * width of a 32-bit destination register, so its text
                     * would be ambiguous: positive ones only */
                    if (base == X64_NOREG && index == X64_NOREG && disps[d] < 0)
                        continue;
                    if (n == cap)
                        return n;
                    out[n++] = x64_mi(base, index, scale, disps[d]);
                }
            }
        }
    for (size_t d = 0; d < sizeof disps / sizeof *disps && n < cap; d++)
        out[n++] = (struct x64_mem){.base = X64_NOREG, .index = X64_NOREG, .scale = 1, .rip = true,
                                    .disp = disps[d]};
    return n;
}

#define SHAPES_MAX 4096
static struct x64_mem shapes[SHAPES_MAX];

START_TEST(test_x64_mov)
{
    char w[128];
    for (int a = 0; a < 16; a++)
        for (int b = 0; b < 16; b++)
            for (int wide = 0; wide < 2; wide++) {
                x_begin();
                x64_mov_rr(&xb, wide, a, b);
                snprintf(w, sizeof w, "mov %s, %s", (wide ? r64 : r32)[a], (wide ? r64 : r32)[b]);
                x_check(w);
            }
    /* mov_ri's three encodings (mov r32, imm32; mov r64, simm32; movabs),
     * told apart by their length too */
    static const struct { uint64_t imm; unsigned len, form; } imms[] = {
        {0, 5, 0}, {5, 5, 0}, {0x12345678, 5, 0}, {0xffffffff, 5, 0},
        {(uint64_t)-1, 7, 1}, {0xffffffff80000000ull, 7, 1}, {(uint64_t)-0x1000, 7, 1},
        {0x100000000ull, 10, 2}, {0x123456789abcdefull, 10, 2}, {0x8000000000000000ull, 10, 2},
        {0xffffffff7fffffffull, 10, 2}};
    for (int r = 0; r < 16; r++)
        for (size_t k = 0; k < sizeof imms / sizeof *imms; k++) {
            char v[32], u[32];
            num(v, sizeof v, (int64_t)imms[k].imm);
            unum(u, sizeof u, imms[k].imm);
            x_begin();
            x64_mov_ri(&xb, r, imms[k].imm);
            if (imms[k].form == 0)
                snprintf(w, sizeof w, "mov %s, %s", r32[r], u);
            else if (imms[k].form == 1)
                snprintf(w, sizeof w, "mov %s, %s", r64[r], v);
            else
                snprintf(w, sizeof w, "movabs %s, %s", r64[r], u);
            x_check(w);
            /* the REX prefix: always in the 64-bit forms, r8-r15 in the other */
            ck_assert_uint_eq(x64_off(&xb), imms[k].len + (imms[k].form == 0 && r >= 8));
            /* the patchable form is always the 10-byte movabs */
            x_begin();
            x64_mov_ri64(&xb, r, imms[k].imm);
            snprintf(w, sizeof w, "movabs %s, %s", r64[r], u);
            x_check(w);
            ck_assert_uint_eq(x64_off(&xb), 10);
        }
    done(16 * 16 * 2);
}
END_TEST

/* loads, stores, lea and the read-modify-write forms over every memory
 * operand shape, with the register operand going over all sixteen */
START_TEST(test_x64_mem)
{
    char w[160], m[96], v[32];
    int n = mem_shapes(shapes, SHAPES_MAX);
    ck_assert_int_lt(n, SHAPES_MAX);
    for (int k = 0; k < n; k++) {
        memtext(m, sizeof m, shapes[k]);
        int r = k % 16; /* the register operand: every one over the shapes */
        static const unsigned sizes[] = {1, 2, 4, 8};
        for (int si = 0; si < 4; si++) {
            unsigned by = sizes[si];
            for (int sext = 0; sext < 2; sext++)
                for (int wide = 0; wide < 2; wide++) {
                    x_begin();
                    x64_load(&xb, by, sext, wide, r, shapes[k]);
                    const char *dst = (wide ? r64 : r32)[r];
                    if (by == 1 || by == 2)
                        snprintf(w, sizeof w, "%s %s, %s ptr [%s]", sext ? "movsx" : "movzx", dst,
                                 ptr(by), m);
                    else if (by == 4 && sext && wide)
                        snprintf(w, sizeof w, "movsxd %s, dword ptr [%s]", r64[r], m);
                    else if (by == 4)
                        snprintf(w, sizeof w, "mov %s, dword ptr [%s]", r32[r], m);
                    else
                        snprintf(w, sizeof w, "mov %s, qword ptr [%s]", r64[r], m);
                    x_check(w);
                }
            x_begin();
            x64_store(&xb, by, r, shapes[k]);
            snprintf(w, sizeof w, "mov %s ptr [%s], %s", ptr(by), m,
                     (by == 1 ? r8 : by == 2 ? r16 : by == 4 ? r32 : r64)[r]);
            x_check(w);
        }
        /* the byte store of every source: spl..dil need the empty REX */
        for (int b = 0; b < 16; b += 5) {
            x_begin();
            x64_store(&xb, 1, (r + b) % 16, shapes[k]);
            snprintf(w, sizeof w, "mov byte ptr [%s], %s", m, r8[(r + b) % 16]);
            x_check(w);
        }
        for (int wide = 0; wide < 2; wide++) {
            static const int32_t imms[] = {0, 7, -1, 0x7f, -0x80, 0x1000, -0x1000, 0x7fffffff};
            for (size_t i = 0; i < sizeof imms / sizeof *imms; i++) {
                x_begin();
                x64_store_imm(&xb, wide, shapes[k], imms[i]);
                if (wide)
                    num(v, sizeof v, imms[i]);
                else
                    unum(v, sizeof v, (uint32_t)imms[i]);
                snprintf(w, sizeof w, "mov %s ptr [%s], %s", wide ? "qword" : "dword", m, v);
                x_check(w);
                /* [m] op= imm: imm8 forms are signed, imm32 ones by width */
                enum x64_alu op = (enum x64_alu)((k + i) % 8);
                x_begin();
                x64_alu_mi(&xb, op, wide, shapes[k], imms[i]);
                alu_imm(v, sizeof v, op, wide, imms[i]);
                snprintf(w, sizeof w, "%s %s ptr [%s], %s", alun[op], wide ? "qword" : "dword", m, v);
                x_check(w);
            }
            x_begin();
            x64_lea(&xb, wide, r, shapes[k]);
            snprintf(w, sizeof w, "lea %s, [%s]", (wide ? r64 : r32)[r], m);
            x_check(w);
            for (int op = 0; op < 8; op++) {
                x_begin();
                x64_alu_rm(&xb, (enum x64_alu)op, wide, r, shapes[k]);
                snprintf(w, sizeof w, "%s %s, %s ptr [%s]", alun[op], (wide ? r64 : r32)[r],
                         wide ? "qword" : "dword", m);
                x_check(w);
                x_begin();
                x64_alu_mr(&xb, (enum x64_alu)op, wide, shapes[k], r);
                snprintf(w, sizeof w, "%s %s ptr [%s], %s", alun[op], wide ? "qword" : "dword", m,
                         (wide ? r64 : r32)[r]);
                x_check(w);
            }
        }
        static const int8_t b8[] = {0, 5, -3, 127, -128};
        for (size_t i = 0; i < sizeof b8 / sizeof *b8; i++) {
            x_begin();
            x64_cmp_m8i(&xb, shapes[k], b8[i]);
            unum(v, sizeof v, (uint8_t)b8[i]);
            snprintf(w, sizeof w, "cmp byte ptr [%s], %s", m, v);
            x_check(w);
        }
    }
    done(n * 40);
}
END_TEST

/* register-register and register-immediate forms, every pair of registers */
START_TEST(test_x64_regs)
{
    char w[128], v[32];
    for (int a = 0; a < 16; a++)
        for (int b = 0; b < 16; b++)
            for (int wide = 0; wide < 2; wide++) {
                const char *const *rn = wide ? r64 : r32;
                for (int op = 0; op < 8; op++) {
                    x_begin();
                    x64_alu_rr(&xb, (enum x64_alu)op, wide, a, b);
                    snprintf(w, sizeof w, "%s %s, %s", alun[op], rn[a], rn[b]);
                    x_check(w);
                }
                x_begin();
                x64_test_rr(&xb, wide, a, b);
                /* test is symmetric; capstone names the r/m operand (a) first */
                snprintf(w, sizeof w, "test %s, %s", rn[a], rn[b]);
                x_check(w);
                x_begin();
                x64_imul_rr(&xb, wide, a, b);
                snprintf(w, sizeof w, "imul %s, %s", rn[a], rn[b]);
                x_check(w);
                for (int cc = 0; cc < 16; cc++) {
                    x_begin();
                    x64_cmov(&xb, (enum x64_cc)cc, wide, a, b);
                    snprintf(w, sizeof w, "cmov%s %s, %s", ccn[cc], rn[a], rn[b]);
                    x_check(w);
                }
                /* movzx/movsx from a byte or word register, movsxd */
                for (int sext = 0; sext < 2; sext++) {
                    x_begin();
                    x64_ext_rr(&xb, 1, sext, wide, a, b);
                    snprintf(w, sizeof w, "%s %s, %s", sext ? "movsx" : "movzx", rn[a], r8[b]);
                    x_check(w);
                    x_begin();
                    x64_ext_rr(&xb, 2, sext, wide, a, b);
                    snprintf(w, sizeof w, "%s %s, %s", sext ? "movsx" : "movzx", rn[a], r16[b]);
                    x_check(w);
                }
                x_begin();
                x64_ext_rr(&xb, 4, true, true, a, b);
                snprintf(w, sizeof w, "movsxd %s, %s", r64[a], r32[b]);
                x_check(w);
            }
    static const int32_t imms[] = {0, 1, 9, 10, -1, 0x7f, -0x80, 0x80, -0x81, 0x12345678, -0x12345678};
    for (int r = 0; r < 16; r++)
        for (int wide = 0; wide < 2; wide++) {
            const char *const *rn = wide ? r64 : r32;
            for (size_t i = 0; i < sizeof imms / sizeof *imms; i++) {
                for (int op = 0; op < 8; op++) {
                    x_begin();
                    x64_alu_ri(&xb, (enum x64_alu)op, wide, r, imms[i]);
                    alu_imm(v, sizeof v, (enum x64_alu)op, wide, imms[i]);
                    snprintf(w, sizeof w, "%s %s, %s", alun[op], rn[r], v);
                    x_check(w);
                }
                x_begin();
                x64_test_ri(&xb, wide, r, imms[i]);
                if (wide)
                    num(v, sizeof v, imms[i]);
                else
                    unum(v, sizeof v, (uint32_t)imms[i]);
                snprintf(w, sizeof w, "test %s, %s", rn[r], v);
                x_check(w);
            }
            for (size_t s = 0; s < sizeof shifts / sizeof *shifts; s++) {
                static const uint8_t ns[] = {1, 2, 9, 31, 63};
                for (size_t i = 0; i < sizeof ns / sizeof *ns; i++) {
                    if (!wide && ns[i] > 31)
                        continue;
                    x_begin();
                    x64_shift_ri(&xb, (enum x64_shift)shifts[s], wide, r, ns[i]);
                    unum(v, sizeof v, ns[i]);
                    snprintf(w, sizeof w, "%s %s, %s", shiftn[shifts[s]], rn[r], v);
                    x_check(w);
                }
                x_begin();
                x64_shift_rcl(&xb, (enum x64_shift)shifts[s], wide, r);
                snprintf(w, sizeof w, "%s %s, cl", shiftn[shifts[s]], rn[r]);
                x_check(w);
            }
            x_begin();
            x64_neg(&xb, wide, r);
            snprintf(w, sizeof w, "neg %s", rn[r]);
            x_check(w);
            x_begin();
            x64_not(&xb, wide, r);
            snprintf(w, sizeof w, "not %s", rn[r]);
            x_check(w);
            x_begin();
            x64_bswap(&xb, wide, r);
            snprintf(w, sizeof w, "bswap %s", rn[r]);
            x_check(w);
            static const uint8_t bits[] = {0, 5, 31, 32, 63};
            for (size_t i = 0; i < sizeof bits / sizeof *bits; i++) {
                if (!wide && bits[i] > 31)
                    continue;
                x_begin();
                x64_bt_ri(&xb, wide, r, bits[i]);
                unum(v, sizeof v, bits[i]);
                snprintf(w, sizeof w, "bt %s, %s", rn[r], v);
                x_check(w);
            }
        }
    for (int r = 0; r < 16; r++)
        for (int cc = 0; cc < 16; cc++) {
            x_begin();
            x64_setcc(&xb, (enum x64_cc)cc, r);
            snprintf(w, sizeof w, "set%s %s", ccn[cc], r8[r]);
            x_check(w);
        }
    done(16 * 16 * 2 * 30);
}
END_TEST

/* jumps: the returned field offset, patched to targets before and after,
 * decodes to the target; calls and jumps through registers; push/pop;
 * padding */
START_TEST(test_x64_flow)
{
    char w[128];
    static const int32_t targets[] = {0, 6, 0x40, -0x40, 0x12345, -0x12345};
    for (size_t t = 0; t < sizeof targets / sizeof *targets; t++) {
        for (int cc = -1; cc < 16; cc++) {
            x_begin();
            size_t at = cc < 0 ? x64_jmp(&xb) : x64_jcc(&xb, (enum x64_cc)cc);
            ck_assert_uint_eq(at, cc < 0 ? 1 : 2);
            ck_assert_uint_eq(x64_off(&xb), at + 4);
            x64_patch_rel32(&xb, at, (size_t)(int64_t)targets[t]);
            snprintf(w, sizeof w, "%s 0x%" PRIx64, cc < 0 ? "jmp" : "j", (uint64_t)(ORG + (int64_t)targets[t]));
            if (cc >= 0)
                snprintf(w, sizeof w, "j%s 0x%" PRIx64, ccn[cc], (uint64_t)(ORG + (int64_t)targets[t]));
            x_check(w);
            /* patch_abs: the same target named by its host address */
            x_begin();
            at = cc < 0 ? x64_jmp(&xb) : x64_jcc(&xb, (enum x64_cc)cc);
            x64_patch_abs(&xb, at, mem + targets[t]);
            x_check(w);
        }
    }
    ck_assert(x64_reach(mem, mem + 0x7fffffffll));
    ck_assert(!x64_reach(mem, mem + 0x80000000ll));
    ck_assert(x64_reach(mem + 0x80000000ll, mem));
    ck_assert(!x64_reach(mem + 0x80000001ll, mem));
    for (int r = 0; r < 16; r++) {
        x_begin();
        x64_call_r(&xb, r);
        snprintf(w, sizeof w, "call %s", r64[r]);
        x_check(w);
        x_begin();
        x64_jmp_r(&xb, r);
        snprintf(w, sizeof w, "jmp %s", r64[r]);
        x_check(w);
        x_begin();
        x64_push(&xb, r);
        snprintf(w, sizeof w, "push %s", r64[r]);
        x_check(w);
        x_begin();
        x64_pop(&xb, r);
        snprintf(w, sizeof w, "pop %s", r64[r]);
        x_check(w);
    }
    x_begin();
    x64_ret(&xb);
    x_check("ret");
    /* padding: n bytes of NOPs, every one of them an instruction capstone
     * reads as a nop, ending exactly at n */
    for (unsigned n = 0; n <= 20; n++) {
        x_begin();
        x64_nops(&xb, n);
        ck_assert_uint_eq(x64_off(&xb), n);
        cs_insn *in = NULL;
        size_t cnt = n ? cs_disasm(cs, mem, n, ORG, 0, &in) : 0;
        size_t len = 0;
        for (size_t k = 0; k < cnt; k++) {
            ck_assert_str_eq(in[k].mnemonic, "nop");
            len += in[k].size;
        }
        ck_assert_uint_eq(len, n);
        if (cnt)
            cs_free(in, cnt);
    }
    /* align_field: the byte `skip` past the padding is 4-byte aligned */
    for (unsigned pre = 0; pre < 4; pre++)
        for (unsigned skip = 0; skip < 3; skip++) {
            x_begin();
            x64_nops(&xb, pre);
            x64_align_field(&xb, skip);
            ck_assert_uint_eq(((uintptr_t)xb.p + skip) & 3, 0);
            ck_assert_uint_le(x64_off(&xb), pre + 3);
        }
    done(16 * 6 * 2 + 64);
}
END_TEST

/* a buffer too small: the form sets full and writes nothing past its end */
START_TEST(test_x64_full)
{
    uint8_t small[24];
    for (size_t room = 0; room < 16; room++) {
        struct x64_buf b;
        memset(small, 0xcc, sizeof small);
        x64_init(&b, small, room);
        x64_mov_ri(&b, X64_R9, 0x123456789ull); /* 10 bytes */
        x64_store(&b, 8, X64_R12, x64_mi(X64_R13, X64_R14, 8, 0x12345678)); /* 8 bytes */
        size_t at = x64_jcc(&b, X64_NE);
        ck_assert(b.p <= b.end);
        for (size_t k = room; k < sizeof small; k++)
            ck_assert_uint_eq(small[k], 0xcc);
        if (room < 10)
            ck_assert(b.full);
        if (b.full)
            ck_assert_uint_eq(at, SIZE_MAX);
        x64_patch_rel32(&b, at, 0); /* SIZE_MAX: nothing */
    }
}
END_TEST

Suite *suite_x64(void)
{
    Suite *s = suite_create("x64");
    TCase *t = tcase_create("emitter");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_set_timeout(t, 60);
    tcase_add_test(t, test_x64_mov);
    tcase_add_test(t, test_x64_mem);
    tcase_add_test(t, test_x64_regs);
    tcase_add_test(t, test_x64_flow);
    tcase_add_test(t, test_x64_full);
    suite_add_tcase(s, t);
    return s;
}

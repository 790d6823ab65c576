/* Unit tests of the x86-64 emitter forms translator/emit_dp.c added to
 * translator/x64.h: each form is emitted alone and decoded back with
 * capstone (Intel syntax), and the text compared with what the form means;
 * a form that emits the wrong length shows up as a wrong or missing row. */
#include <capstone/capstone.h>
#include <check.h>
#include <stdio.h>
#include <string.h>

#include "translator/x64.h"


/* the one instruction in b, as capstone prints it ("" when it is not one) */
static void x64_dp_disas(const struct x64_buf *b, char *out, size_t cap)
{
    csh h;
    cs_insn *in;
    out[0] = 0;
    ck_assert_int_eq(cs_open(CS_ARCH_X86, CS_MODE_64, &h), CS_ERR_OK);
    size_t len = (size_t)(b->p - b->start);
    size_t n = cs_disasm(h, b->start, len, 0, 0, &in);
    if (n == 1 && in[0].size == len)
        snprintf(out, cap, "%s%s%s", in[0].mnemonic, in[0].op_str[0] ? " " : "", in[0].op_str);
    if (n)
        cs_free(in, n);
    cs_close(&h);
}

static uint8_t x64_dp_mem[32];
static struct x64_buf x64_dp_b;

/* an empty buffer for the next form */
static struct x64_buf *x64_dp_fresh(void)
{
    x64_init(&x64_dp_b, x64_dp_mem, sizeof x64_dp_mem);
    return &x64_dp_b;
}

/* the form just emitted decodes to `expect`, and only to it */
static void x64_dp_expect(const char *expect)
{
    char got[256];
    ck_assert(!x64_dp_b.full);
    x64_dp_disas(&x64_dp_b, got, sizeof got);
    ck_assert_str_eq(got, expect);
}

START_TEST(test_x64_dp_forms)
{
    x64_lahf(x64_dp_fresh());
    x64_dp_expect("lahf");
    x64_cmc(x64_dp_fresh());
    x64_dp_expect("cmc");
    x64_imul_rri(x64_dp_fresh(), false, X64_RAX, X64_RAX, 0x10210000);
    x64_dp_expect("imul eax, eax, 0x10210000");
    x64_imul_rri(x64_dp_fresh(), true, X64_R10, X64_R9, -5);
    x64_dp_expect("imul r10, r9, -5");
    x64_imul_rm(x64_dp_fresh(), true, X64_RCX, x64_m(X64_RBX, 0x10));
    x64_dp_expect("imul rcx, qword ptr [rbx + 0x10]");
    x64_imul_rm(x64_dp_fresh(), false, X64_R9, x64_m(X64_RBX, 0x110));
    x64_dp_expect("imul r9d, dword ptr [rbx + 0x110]");
    x64_mul_m(x64_dp_fresh(), true, false, x64_m(X64_RBX, 8));
    x64_dp_expect("mul qword ptr [rbx + 8]");
    x64_mul_m(x64_dp_fresh(), true, true, x64_m(X64_RBX, 8));
    x64_dp_expect("imul qword ptr [rbx + 8]");
    x64_mul_m(x64_dp_fresh(), false, false, x64_m(X64_R12, -8));
    x64_dp_expect("mul dword ptr [r12 - 8]");
    x64_mul_r(x64_dp_fresh(), true, false, X64_R14);
    x64_dp_expect("mul r14");
    x64_mul_r(x64_dp_fresh(), true, true, X64_RSI);
    x64_dp_expect("imul rsi");
    x64_movdqu_load(x64_dp_fresh(), 1, x64_mi(X64_R12, X64_RAX, 1, 16));
    x64_dp_expect("movdqu xmm1, xmmword ptr [r12 + rax + 0x10]");
    x64_movdqu_store(x64_dp_fresh(), x64_m(X64_RBX, 0x200), 3);
    x64_dp_expect("movdqu xmmword ptr [rbx + 0x200], xmm3");
    x64_movq_load(x64_dp_fresh(), 2, x64_mi(X64_R12, X64_RAX, 1, 8));
    x64_dp_expect("movq xmm2, qword ptr [r12 + rax + 8]");
    x64_movq_store(x64_dp_fresh(), x64_mi(X64_R12, X64_RAX, 1, 0), 0);
    x64_dp_expect("movq qword ptr [r12 + rax], xmm0");
    x64_test_mi(x64_dp_fresh(), x64_m(X64_RBX, 0x120), 0x1c00000);
    x64_dp_expect("test dword ptr [rbx + 0x120], 0x1c00000");
    x64_op_rm(x64_dp_fresh(), 0xf2, false, 0x0f10, 0, x64_m(X64_RBX, 0x130));
    x64_dp_expect("movsd xmm0, qword ptr [rbx + 0x130]");
    x64_op_rm(x64_dp_fresh(), 0xf3, false, 0x0f5e, 0, x64_m(X64_RBX, 0x140));
    x64_dp_expect("divss xmm0, dword ptr [rbx + 0x140]");
    x64_op_rr(x64_dp_fresh(), 0x66, true, 0x0f7e, 0, X64_RAX, false);
    x64_dp_expect("movq rax, xmm0");
    x64_op_rr(x64_dp_fresh(), 0x66, false, 0x0f7e, 0, X64_RAX, false);
    x64_dp_expect("movd eax, xmm0");
    x64_op_rr(x64_dp_fresh(), 0x66, false, 0x0f6e, 1, X64_RDX, false);
    x64_dp_expect("movd xmm1, edx");
    x64_vex38_rm(x64_dp_fresh(), true, 0xb9, 0, 1, x64_m(X64_RBX, 0x150));
    x64_dp_expect("vfmadd231sd xmm0, xmm1, qword ptr [rbx + 0x150]");
    x64_vex38_rm(x64_dp_fresh(), false, 0xbf, 0, 1, x64_m(X64_RBX, 0x160));
    x64_dp_expect("vfnmsub231ss xmm0, xmm1, dword ptr [rbx + 0x160]");
    x64_vex38_rm(x64_dp_fresh(), true, 0xbb, 9, 3, x64_mi(X64_R12, X64_R9, 1, 0));
    x64_dp_expect("vfmsub231sd xmm9, xmm3, qword ptr [r12 + r9]");
    x64_div_r(x64_dp_fresh(), true, false, X64_RCX);
    x64_dp_expect("div rcx");
    x64_div_r(x64_dp_fresh(), false, true, X64_RCX);
    x64_dp_expect("idiv ecx");
    x64_div_r(x64_dp_fresh(), true, true, X64_R9);
    x64_dp_expect("idiv r9");
    x64_div_r(x64_dp_fresh(), false, false, X64_R11);
    x64_dp_expect("div r11d");
    x64_cqo(x64_dp_fresh(), true);
    x64_dp_expect("cqo");
    x64_cqo(x64_dp_fresh(), false);
    x64_dp_expect("cdq");
    x64_shrd_rri(x64_dp_fresh(), true, X64_RCX, X64_RDX, 5);
    x64_dp_expect("shrd rcx, rdx, 5");
    x64_shrd_rri(x64_dp_fresh(), false, X64_R9, X64_R10, 31);
    x64_dp_expect("shrd r9d, r10d, 0x1f");
    x64_bsr_rr(x64_dp_fresh(), true, X64_RAX, X64_RCX);
    x64_dp_expect("bsr rax, rcx");
    x64_bsr_rr(x64_dp_fresh(), false, X64_R8, X64_R11);
    x64_dp_expect("bsr r8d, r11d");
    x64_bt_mi(x64_dp_fresh(), false, x64_m(X64_RBX, 0x118), 29);
    x64_dp_expect("bt dword ptr [rbx + 0x118], 0x1d");
    x64_bt_mi(x64_dp_fresh(), true, x64_m(X64_R12, -8), 63);
    x64_dp_expect("bt qword ptr [r12 - 8], 0x3f");
}
END_TEST

/* a full buffer takes nothing and says so */
START_TEST(test_x64_dp_full)
{
    uint8_t mem[2];
    struct x64_buf b;
    x64_init(&b, mem, sizeof mem);
    x64_imul_rri(&b, true, X64_RAX, X64_RCX, 7);
    ck_assert(b.full);
    ck_assert(b.p == b.start);
    x64_init(&b, mem, 1);
    x64_cqo(&b, true);
    ck_assert(b.full);
    ck_assert(b.p == b.start);
}
END_TEST

Suite *suite_x64_dp(void)
{
    Suite *s = suite_create("x64_dp");
    TCase *t = tcase_create("forms");
    tcase_add_test(t, test_x64_dp_forms);
    tcase_add_test(t, test_x64_dp_full);
    suite_add_tcase(s, t);
    return s;
}

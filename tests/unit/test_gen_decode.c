/* The decode-table generator (tools/gen_decode) refuses, at build time,
 * tables whose meaning would depend on row order or is malformed: two rows
 * that can match one word outside a priority group (the error names both and
 * a word they share), a group without its comment, a group row that overlaps
 * nothing or never wins, a row whose bits do not add up to 32, a register
 * field without its register-31 role, a row no word matches. The same pair
 * is accepted once a constraint or a commented group settles it. Each case
 * writes a small table to a temporary directory and runs the generator
 * (GEN_DECODE_PATH, set by tests/unit/module.mk) on it. */
#include <check.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef GEN_DECODE_PATH
#error "GEN_DECODE_PATH: the generator's path (tests/unit/module.mk)"
#endif

struct tgd_run {
    int status;    /* the generator's exit status */
    char out[4096]; /* its stderr */
};

/* runs the generator on a table of the given text (-o into a scratch
 * directory when emit is set) */
static struct tgd_run tgd_run(const char *table, bool emit)
{
    struct tgd_run r = {0};
    char dir[] = "/tmp/pvm-gen-decode-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[128], cmd[512];
    snprintf(path, sizeof path, "%s/t.decode", dir);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(table, f);
    fclose(f);
    snprintf(cmd, sizeof cmd, "%s %s%s %s 2>&1", GEN_DECODE_PATH, emit ? "-o " : "", emit ? dir : "",
             path);
    FILE *p = popen(cmd, "r");
    ck_assert_ptr_nonnull(p);
    size_t n = fread(r.out, 1, sizeof r.out - 1, p);
    r.out[n] = 0;
    int st = pclose(p);
    r.status = WIFEXITED(st) ? WEXITSTATUS(st) : -1;
    const char *gen[] = {"decode_ops.h", "decode_fields.h", "decode_table.h", "t.decode"};
    for (size_t k = 0; k < sizeof gen / sizeof gen[0]; k++) {
        snprintf(path, sizeof path, "%s/%s", dir, gen[k]);
        unlink(path);
    }
    rmdir(dir);
    return r;
}

/* an overlapping pair: B's words are all A's with op = 10 */
#define TGD_A "A    0000 op:2 rest:26   base - -\n"
#define TGD_B "B    0000 10 rest:26     base - -\n"

START_TEST(test_overlap_refused)
{
    struct tgd_run r = tgd_run(TGD_A TGD_B, false);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.out, "t.decode:2: error: rows A (") && strstr(r.out, ") and B can both match 0x08000000"),
                  "%s", r.out);
}
END_TEST

START_TEST(test_overlap_settled)
{
    /* a constraint makes the rows disjoint */
    struct tgd_run r = tgd_run("A    0000 op:2 rest:26   base - -\n    where op != 10\n" TGD_B, true);
    ck_assert_msg(r.status == 0, "%s", r.out);
    /* a priority group with its reason: the earlier row wins */
    r = tgd_run("{ /* B is the preferred disassembly */\n" TGD_B TGD_A "}\n", true);
    ck_assert_msg(r.status == 0, "%s", r.out);
}
END_TEST

START_TEST(test_group_rules)
{
    struct tgd_run r = tgd_run("{\n" TGD_B TGD_A "}\n", false);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.out, "a comment giving the Arm ARM's reason"), "%s", r.out);
    /* A before B in the group: B never wins */
    r = tgd_run("{ /* reason */\n" TGD_A TGD_B "}\n", false);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.out, "row B never wins"), "%s", r.out);
    /* a group row that overlaps nothing in it */
    r = tgd_run("{ /* reason */\n" TGD_B TGD_A "C    1111 rest:28 base - -\n}\n", false);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.out, "row C is in a priority group but overlaps no other row"), "%s", r.out);
}
END_TEST

START_TEST(test_malformed_rows)
{
    struct tgd_run r = tgd_run("A    0000 op:2 rest:25   base - -\n", false);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.out, "row A: fixed bits and fields cover 31 bits, not 32"), "%s", r.out);
    r = tgd_run("A    0000 op:2 rest:21 Rd:5  base - -\n", false);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.out, "register field Rd needs its role"), "%s", r.out);
    r = tgd_run("A    0000 op:2 rest:21 Rd.zw:5  base - -\n    where op == 11\n    where op != 11\n", false);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.out, "row A matches no word"), "%s", r.out);
    r = tgd_run("A    0000 op:2 rest:21 Rd.zw:5  base - -\n    where op == 1\n", false);
    ck_assert_int_eq(r.status, 1);
    ck_assert_msg(strstr(r.out, "a pattern of 1 bits for fields 2 bits wide"), "%s", r.out);
}
END_TEST

Suite *suite_gen_decode(void)
{
    Suite *s = suite_create("gen_decode");
    TCase *tc = tcase_create("gen_decode");
    tcase_set_timeout(tc, 30);
    tcase_add_test(tc, test_overlap_refused);
    tcase_add_test(tc, test_overlap_settled);
    tcase_add_test(tc, test_group_rules);
    tcase_add_test(tc, test_malformed_rows);
    suite_add_tcase(s, tc);
    return s;
}

/* Cross-checks the generated syscall table (build/gen/sysnums.h, from
 * libseccomp) against the arm64 uapi header, parsed at test time: every name
 * both know must have the same number. Skips with a reason if the header is
 * not installed. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sysnums.h"

#define SYSNUMS_HDR "/usr/aarch64-linux-gnu/include/asm-generic/unistd.h"

struct hdr_def {
    char name[128]; /* after "__NR_" or "__NR3264_" */
    char value[128]; /* a number or another macro name */
    int is3264;
    int conflict;
};

static struct hdr_def hdr_defs[1024];
static int hdr_n;

static int hdr_parse(void)
{
    FILE *f = fopen(SYSNUMS_HDR, "r");
    if (!f)
        return 0;
    char line[512];
    hdr_n = 0;
    while (fgets(line, sizeof line, f) && hdr_n < 1024) {
        char name[128], value[128];
        if (sscanf(line, " #define __NR%127s %127s", name, value) != 2)
            continue;
        struct hdr_def d = {0};
        if (!strncmp(name, "3264_", 5)) {
            d.is3264 = 1;
            snprintf(d.name, sizeof d.name, "%s", name + 5);
        } else if (name[0] == '_') {
            snprintf(d.name, sizeof d.name, "%s", name + 1);
        } else {
            continue; /* __NR_syscalls-like helpers have other shapes */
        }
        snprintf(d.value, sizeof d.value, "%s", value);
        int dup = 0;
        for (int k = 0; k < hdr_n; k++)
            if (hdr_defs[k].is3264 == d.is3264 && !strcmp(hdr_defs[k].name, d.name)) {
                if (strcmp(hdr_defs[k].value, d.value))
                    hdr_defs[k].conflict = 1;
                dup = 1;
            }
        if (!dup)
            hdr_defs[hdr_n++] = d;
    }
    fclose(f);
    return 1;
}

/* number of __NR_<name> in the header, or -1 (unknown, conditional clash) */
static long hdr_lookup(const char *name, int is3264, int depth)
{
    if (depth > 4)
        return -1;
    for (int k = 0; k < hdr_n; k++) {
        const struct hdr_def *d = &hdr_defs[k];
        if (d->is3264 != is3264 || strcmp(d->name, name))
            continue;
        if (d->conflict)
            return -1;
        char *end;
        long v = strtol(d->value, &end, 0);
        if (*end == 0)
            return v;
        if (!strncmp(d->value, "__NR3264_", 9))
            return hdr_lookup(d->value + 9, 1, depth + 1);
        if (!strncmp(d->value, "__NR_", 5))
            return hdr_lookup(d->value + 5, 0, depth + 1);
        return -1;
    }
    return -1;
}

static const struct {
    const char *name;
    int a64, x64;
} gen_table[] = {
#define X(name, a64, x64) {#name, a64, x64},
    SYSNUMS(X)
#undef X
};

START_TEST(test_sysnums_vs_uapi)
{
    if (!hdr_parse()) {
        printf("test_sysnums: skipped: %s not installed\n", SYSNUMS_HDR);
        return;
    }
    int compared = 0;
    for (size_t k = 0; k < sizeof gen_table / sizeof gen_table[0]; k++) {
        long v = hdr_lookup(gen_table[k].name, 0, 0);
        if (v < 0)
            continue;
        ck_assert_msg(v == gen_table[k].a64, "%s: generated %d, uapi header %ld",
                      gen_table[k].name, gen_table[k].a64, v);
        compared++;
    }
    ck_assert_msg(compared > 250, "only %d names compared", compared);
}
END_TEST

START_TEST(test_sysnums_spot)
{
    /* numbers everything else depends on (arm64 / x86-64) */
    ck_assert_int_eq(A64_NR_openat, 56);
    ck_assert_int_eq(X64_NR_openat, 257);
    ck_assert_int_eq(A64_NR_read, 63);
    ck_assert_int_eq(X64_NR_read, 0);
    ck_assert_int_eq(A64_NR_write, 64);
    ck_assert_int_eq(X64_NR_write, 1);
    ck_assert_int_eq(A64_NR_newfstatat, 79);
    ck_assert_int_eq(X64_NR_newfstatat, 262);
    ck_assert_int_eq(A64_NR_fstat, 80);
    ck_assert_int_eq(A64_NR_exit_group, 94);
    ck_assert_int_eq(A64_NR_rt_sigreturn, 139);
    ck_assert_int_eq(A64_NR_clone, 220);
    ck_assert_int_eq(A64_NR_execve, 221);
    ck_assert_int_eq(A64_NR_mmap, 222);
    ck_assert_int_eq(A64_NR_close_range, 436);
    ck_assert_int_lt(A64_NR_COUNT, A64_NR_MAX);
    /* unique arm64 numbers */
    for (size_t k = 1; k < sizeof gen_table / sizeof gen_table[0]; k++)
        ck_assert_int_lt(gen_table[k - 1].a64, gen_table[k].a64);
}
END_TEST

Suite *suite_sysnums(void)
{
    Suite *s = suite_create("sysnums");
    TCase *t = tcase_create("table");
    tcase_add_test(t, test_sysnums_vs_uapi);
    tcase_add_test(t, test_sysnums_spot);
    suite_add_tcase(s, t);
    return s;
}

/* core/log: the escaping rule of guest-controlled text (log_escape/log_str:
 * printable ASCII but '\' as is, every other byte \xNN, cut at a whole
 * escape with "..."), the one-line safety net of log_error, and where
 * "pvm: " lines go: the stderr copy when set (never fd 2 then), the -D log
 * as well, once when both are the same file. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"

START_TEST(test_log_escape_rule)
{
    char b[64];
    ck_assert_uint_eq(log_escape(b, sizeof b, "/lib/ld-linux-aarch64.so.1"), 26);
    ck_assert_str_eq(b, "/lib/ld-linux-aarch64.so.1");
    log_escape(b, sizeof b, "a\nb\033[31m\x7f\t");
    ck_assert_str_eq(b, "a\\x0ab\\x1b[31m\\x7f\\x09");
    log_escape(b, sizeof b, "c:\\x0a");
    ck_assert_str_eq(b, "c:\\x5cx0a"); /* a literal "\x0a" stays distinguishable */
    log_escape(b, sizeof b, "\xc3\xa9\xff");
    ck_assert_str_eq(b, "\\xc3\\xa9\\xff");
    ck_assert_uint_eq(log_escape(b, sizeof b, ""), 0);
    ck_assert_str_eq(b, "");
    log_escape(b, sizeof b, NULL);
    ck_assert_str_eq(b, "(null)");
}
END_TEST

START_TEST(test_log_escape_cut)
{
    char b[12];
    /* exactly fits: 11 characters and the NUL */
    ck_assert_uint_eq(log_escape(b, sizeof b, "0123456789a"), 11);
    ck_assert_str_eq(b, "0123456789a");
    /* one more: cut, "..." within the buffer */
    ck_assert_uint_eq(log_escape(b, sizeof b, "0123456789ab"), 11);
    ck_assert_str_eq(b, "01234567...");
    /* never half an escape */
    log_escape(b, sizeof b, "0123456\n89ab");
    ck_assert_str_eq(b, "0123456...");
    log_escape(b, sizeof b, "01\n\n\n");
    ck_assert_str_eq(b, "01\\x0a...");
}
END_TEST

START_TEST(test_log_str_slots)
{
    const char *a = log_str("a\n"), *b = log_str("b\033");
    ck_assert_str_eq(a, "a\\x0a");
    ck_assert_str_eq(b, "b\\x1b");
    char many[LOG_STR_CAP * 2];
    memset(many, '\n', sizeof many - 1);
    many[sizeof many - 1] = 0;
    const char *m = log_str(many);
    ck_assert_uint_eq(strlen(m), LOG_STR_CAP - 1); /* 1023 escapes and "..." */
    ck_assert_str_eq(m + strlen(m) - 3, "...");
}
END_TEST

/* the contents of the file behind fd, from the start */
static char *tl_read(int fd)
{
    static char buf[4096];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    ck_assert_int_ge(n, 0);
    buf[n] = 0;
    return buf;
}

static int tl_tmp(char *name)
{
    strcpy(name, "/tmp/pvm-test-log-XXXXXX");
    int fd = mkstemp(name);
    ck_assert_int_ge(fd, 0);
    return fd;
}

START_TEST(test_log_error_routes)
{
    char n1[32], n2[32];
    int copy = tl_tmp(n1), lfd = tl_tmp(n2);
    FILE *saved = log_stream;
    log_set_stderr_copy(copy);
    log_stream = fdopen(lfd, "a");
    ck_assert_ptr_nonnull(log_stream);
    log_error("%s: bad PT_INTERP", log_str("x\ny"));
    log_error("raw %s", "one\ntwo"); /* the net: still one line */
    const char *want = "pvm: x\\x0ay: bad PT_INTERP\npvm: raw one\\x0atwo\n";
    ck_assert_str_eq(tl_read(copy), want);
    ck_assert_str_eq(tl_read(lfd), want);
    fclose(log_stream);
    /* the log is the stderr copy's file: written once */
    log_stream = fopen(n1, "a");
    ck_assert_ptr_nonnull(log_stream);
    log_error_raw("pvm: raw\n", 9);
    ck_assert_str_eq(tl_read(copy), "pvm: x\\x0ay: bad PT_INTERP\npvm: raw one\\x0atwo\npvm: raw\n");
    fclose(log_stream);
    log_stream = saved;
    log_set_stderr_copy(-1);
    close(copy);
    unlink(n1);
    unlink(n2);
}
END_TEST

Suite *suite_log(void)
{
    Suite *s = suite_create("log");
    TCase *t = tcase_create("escape");
    tcase_add_test(t, test_log_escape_rule);
    tcase_add_test(t, test_log_escape_cut);
    tcase_add_test(t, test_log_str_slots);
    tcase_add_test(t, test_log_error_routes);
    suite_add_tcase(s, t);
    return s;
}

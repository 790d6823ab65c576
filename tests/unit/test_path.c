/* The -L rule (core/path.c) with a temporary directory as the prefix:
 * existing entries (files, directories, dangling symlinks) redirect,
 * missing ones fall back to the host path, /proc /dev /sys never redirect,
 * relative paths and "no prefix" are unchanged. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/options.h"
#include "core/path.h"

static char tp_dir[64];

static void tp_touch(const char *rel)
{
    char p[256];
    snprintf(p, sizeof p, "%s%s", tp_dir, rel);
    FILE *f = fopen(p, "w");
    ck_assert_ptr_nonnull(f);
    fclose(f);
}

static void tp_mkdir(const char *rel)
{
    char p[256];
    snprintf(p, sizeof p, "%s%s", tp_dir, rel);
    ck_assert_int_eq(mkdir(p, 0755), 0);
}

static void tp_setup(void)
{
    strcpy(tp_dir, "/tmp/pvm-test-path-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tp_dir));
    tp_mkdir("/lib");
    tp_touch("/lib/libc.so.6");
    tp_mkdir("/etc");
    tp_touch("/etc/passwd");
    tp_mkdir("/proc");
    tp_touch("/proc/cpuinfo");
    tp_mkdir("/dev");
    tp_mkdir("/procx");
    tp_touch("/procx/f");
    char p[256];
    snprintf(p, sizeof p, "%s/lib/dangling", tp_dir);
    ck_assert_int_eq(symlink("/nonexistent/target", p), 0);
}

static void tp_teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tp_dir);
    ck_assert_int_eq(system(cmd), 0);
}

/* expects the lookup of g to give prefix+g (redirect) or g itself */
static void tp_expect(const char *prefix, const char *g, bool redirect)
{
    char buf[512], want[512];
    const char *r = path_lookup_in(prefix, g, buf, sizeof buf);
    if (redirect) {
        snprintf(want, sizeof want, "%s%s", tp_dir, g);
        ck_assert_str_eq(r, want);
        ck_assert_ptr_eq(r, buf);
    } else {
        ck_assert_ptr_eq(r, g);
    }
}

START_TEST(test_path_prefix_rule)
{
    tp_expect(tp_dir, "/lib/libc.so.6", true);
    tp_expect(tp_dir, "/lib", true);
    tp_expect(tp_dir, "/lib/", true);
    tp_expect(tp_dir, "/etc/passwd", true);
    tp_expect(tp_dir, "/lib/dangling", true); /* lstat, not stat */
    tp_expect(tp_dir, "/lib/missing.so", false);
    tp_expect(tp_dir, "/usr/bin/env", false);
    tp_expect(tp_dir, "/procx/f", true); /* not the /proc component */
}
END_TEST

START_TEST(test_path_host_only)
{
    /* the prefix has /proc/cpuinfo and /dev, still the host's are used */
    tp_expect(tp_dir, "/proc/cpuinfo", false);
    tp_expect(tp_dir, "/proc", false);
    tp_expect(tp_dir, "//proc/cpuinfo", false);
    tp_expect(tp_dir, "/dev", false);
    tp_expect(tp_dir, "/dev/null", false);
    tp_expect(tp_dir, "/sys/kernel", false);
    ck_assert(path_is_host_only("/proc/self/exe"));
    ck_assert(path_is_host_only("/sys"));
    ck_assert(!path_is_host_only("/system"));
    ck_assert(!path_is_host_only("/devices"));
    ck_assert(!path_is_host_only("proc/self"));
}
END_TEST

START_TEST(test_path_relative_and_none)
{
    tp_expect(tp_dir, "lib/libc.so.6", false);
    tp_expect(tp_dir, "", false);
    tp_expect(NULL, "/lib/libc.so.6", false);
    tp_expect("", "/lib/libc.so.6", false);
    tp_expect("/", "/lib/libc.so.6", false);
    /* trailing slashes of the prefix are ignored */
    char pre[128], buf[512], want[512];
    snprintf(pre, sizeof pre, "%s//", tp_dir);
    snprintf(want, sizeof want, "%s/lib/libc.so.6", tp_dir);
    ck_assert_str_eq(path_lookup_in(pre, "/lib/libc.so.6", buf, sizeof buf), want);
    /* too long for the buffer: the host path */
    const char *g = "/lib/libc.so.6";
    ck_assert_ptr_eq(path_lookup_in(tp_dir, g, buf, strlen(tp_dir) + 5), g);
}
END_TEST

START_TEST(test_path_uses_opt)
{
    const char *save = opt.ld_prefix;
    char buf[512], want[512];
    opt.ld_prefix = tp_dir;
    snprintf(want, sizeof want, "%s/lib/libc.so.6", tp_dir);
    ck_assert_str_eq(path_lookup("/lib/libc.so.6", buf, sizeof buf), want);
    opt.ld_prefix = NULL;
    const char *g = "/lib/libc.so.6";
    ck_assert_ptr_eq(path_lookup(g, buf, sizeof buf), g);
    opt.ld_prefix = save;
}
END_TEST

Suite *suite_path(void)
{
    Suite *s = suite_create("path");
    TCase *t = tcase_create("ld_prefix");
    tcase_add_checked_fixture(t, tp_setup, tp_teardown);
    tcase_add_test(t, test_path_prefix_rule);
    tcase_add_test(t, test_path_host_only);
    tcase_add_test(t, test_path_relative_and_none);
    tcase_add_test(t, test_path_uses_opt);
    suite_add_tcase(s, t);
    return s;
}

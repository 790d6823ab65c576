/* /proc emulation: path classification, the maps line format (the kernel's
 * column layout), the cpuinfo Features line (the advertised HWCAP names in
 * bit order) and the cpuinfo block layout. */
#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hwcap.h"
#include "syscalls/fdtab.h"
#include "syscalls/procfs.h"

START_TEST(test_classify)
{
    ck_assert_int_eq(procfs_classify("/proc/self/maps"), PROCFS_MAPS);
    ck_assert_int_eq(procfs_classify("/proc/self/smaps"), PROCFS_SMAPS);
    ck_assert_int_eq(procfs_classify("/proc/thread-self/comm"), PROCFS_NONE); /* the host's: the guest's names */
    ck_assert_int_eq(procfs_classify("/proc/self/task/1/stat"), PROCFS_STAT);
    ck_assert_int_eq(procfs_classify("/proc/self/status"), PROCFS_STATUS);
    ck_assert_int_eq(procfs_classify("/proc/cpuinfo"), PROCFS_CPUINFO);
    ck_assert_int_eq(procfs_classify("/proc/self/maps/x"), PROCFS_NONE);
    ck_assert_int_eq(procfs_classify("/proc/self/smaps_rollup"), PROCFS_SMAPS_ROLLUP);
    ck_assert_int_eq(procfs_classify("/proc/self/numa_maps"), PROCFS_REFUSED);
    ck_assert_int_eq(procfs_classify("/proc/self/map_files/1000-2000"), PROCFS_REFUSED);
    ck_assert_int_eq(procfs_classify("/proc/self/syscall"), PROCFS_SYSCALL);
    ck_assert_int_eq(procfs_classify("/proc/cpuinfox"), PROCFS_NONE);
    char own[64];
    snprintf(own, sizeof own, "/proc/%d/maps", (int)getpid());
    ck_assert_int_eq(procfs_classify(own), PROCFS_MAPS);
    /* another process's view is the host's */
    ck_assert_int_eq(procfs_classify("/proc/1/maps"), PROCFS_NONE);
}
END_TEST

START_TEST(test_maps_format)
{
    char b[512];
    struct procfs_vma v = {.start = 0x400000, .end = 0x47e000, .perms = "r-xp",
                           .offset = 0, .dev_major = 0xfe, .dev_minor = 1,
                           .inode = 1234, .name = "/usr/bin/prog"};
    int n = procfs_maps_format(b, sizeof b, &v);
    /* the name starts in column 73, as in the kernel's show_map_vma */
    ck_assert_str_eq(b, "00400000-0047e000 r-xp 00000000 fe:01 1234"
                        "                               /usr/bin/prog");
    ck_assert_int_eq(n, (int)strlen(b));
    ck_assert_int_eq(strchr(b, '/') - b, 73);

    /* anonymous: the line ends after the inode and one space */
    struct procfs_vma a = {.start = 0xfff76f0000, .end = 0xfff77f0000, .perms = "rw-p",
                           .name = ""};
    procfs_maps_format(b, sizeof b, &a);
    ck_assert_str_eq(b, "fff76f0000-fff77f0000 rw-p 00000000 00:00 0 ");

    /* a prefix past column 72: one more space before the name, no padding */
    struct procfs_vma s = {.start = 0xffffffffff000ull, .end = 0x10000000000000ull,
                           .perms = "rw-s", .offset = 0x123456789abcull, .dev_major = 0xfff,
                           .dev_minor = 0xfffff, .inode = 18446744073709551615ull,
                           .name = "[stack]"};
    procfs_maps_format(b, sizeof b, &s);
    ck_assert_str_eq(b, "ffffffffff000-10000000000000 rw-s 123456789abc fff:fffff "
                        "18446744073709551615  [stack]");
    /* a 12-digit address line as on the host: the name still at 73 */
    s.start = 0xffff7f0000ull;
    s.end = 0xffffff0000ull;
    s.offset = 0;
    s.dev_major = s.dev_minor = 0;
    s.inode = 0;
    procfs_maps_format(b, sizeof b, &s);
    ck_assert_int_eq(strchr(b, '[') - b, 73);

    /* truncation reports the full length, like snprintf */
    char small[16];
    n = procfs_maps_format(small, sizeof small, &v);
    ck_assert_int_eq(n, 73 + (int)strlen("/usr/bin/prog"));
    ck_assert_uint_eq(strlen(small), sizeof small - 1);
}
END_TEST

/* the generator's output as a string */
static char *gen_string(void (*fn)(FILE *, const int *, int), const int *ids, int n)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fn(f, ids, n);
    fclose(f);
    return buf;
}

START_TEST(test_cpuinfo_features)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    procfs_cpuinfo_features(f);
    fclose(f);
    ck_assert(strncmp(buf, "Features\t: fp asimd ", 20) == 0);
    ck_assert_int_eq(buf[len - 1], '\n');
    /* every advertised name, in table order, and nothing else */
    char want[1024] = "Features\t:";
#define X(name, bit, str)         \
    if (hwcap_a64() >> (bit) & 1) \
        strcat(want, " " str);
    HWCAP_TABLE(X)
#undef X
#define X(name, bit, str)          \
    if (hwcap2_a64() >> (bit) & 1) \
        strcat(want, " " str);
    HWCAP2_TABLE(X)
#undef X
    strcat(want, "\n");
    ck_assert_str_eq(buf, want);
    /* HWCAP names precede HWCAP2 names: dcpodp (HWCAP2 bit 0) after sb (HWCAP 29) */
    ck_assert_ptr_nonnull(strstr(buf, " sb dcpodp"));
    ck_assert_ptr_null(strstr(buf, " sve")); /* not implemented: not advertised */
    free(buf);
}
END_TEST

START_TEST(test_cpuinfo_blocks)
{
    int ids[] = {0, 1, 3};
    char *s = gen_string(procfs_cpuinfo_gen, ids, 3);
    ck_assert(strncmp(s, "processor\t: 0\nBogoMIPS\t: ", 25) == 0);
    ck_assert_ptr_nonnull(strstr(s, "\n\nprocessor\t: 1\n"));
    ck_assert_ptr_nonnull(strstr(s, "\n\nprocessor\t: 3\n"));
    ck_assert_ptr_nonnull(strstr(s, "CPU implementer\t: 0x41\nCPU architecture: 8\nCPU variant\t: 0x"));
    ck_assert_ptr_nonnull(strstr(s, "\nCPU part\t: 0x"));
    /* every block ends with a blank line, the last one too */
    size_t n = strlen(s);
    ck_assert(n > 2 && s[n - 1] == '\n' && s[n - 2] == '\n');
    int blocks = 0;
    for (const char *p = s; (p = strstr(p, "processor\t: ")); p++)
        blocks++;
    ck_assert_int_eq(blocks, 3);
    free(s);
}
END_TEST

START_TEST(test_normalize)
{
    char p[64] = "//proc/./self/../self//maps";
    procfs_normalize(p);
    ck_assert_str_eq(p, "/proc/self/maps");
}
END_TEST

/* a hidden descriptor's file is protected by identity; devices and files
 * the guest holds are not */
START_TEST(test_protect)
{
    char path[] = "/tmp/pvm-protect-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    int saved = fd_pvm_base, nsaved = fdtab_nprotected;
    fd_pvm_base = 300;
    int held = open(path, O_RDONLY); /* the guest holds it: not protected */
    int h = fdtab_hide(dup(fd));
    ck_assert_int_ge(h, 300);
    ck_assert_int_eq(fdtab_nprotected, nsaved);
    close(held);
    close(fd);
    h = fdtab_hide(open(path, O_WRONLY));
    ck_assert_int_eq(fdtab_nprotected, nsaved + 1);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert(fdtab_is_protected(&st));
    ck_assert(fdtab_protected_link(path));
    ck_assert(!fdtab_protected_link("/tmp/other"));
    int dn = fdtab_hide(open("/dev/null", O_RDONLY));
    ck_assert_int_eq(fdtab_nprotected, nsaved + 1);
    ck_assert_int_eq(stat("/dev/null", &st), 0);
    ck_assert(!fdtab_is_protected(&st));
    close(dn);
    close(h);
    unlink(path);
    fdtab_nprotected = nsaved;
    fd_pvm_base = saved;
}
END_TEST

/* another pvm's stat: every address field 0, the rest the host's */
START_TEST(test_stat_other)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    ck_assert_int_eq(procfs_gen_stat_other(f, "/proc/self/stat"), 0);
    fclose(f);
    const char *p = strrchr(buf, ')');
    ck_assert_ptr_nonnull(p);
    int k = 2;
    char *save = NULL;
    char *copy = strdup(p + 2);
    for (char *t = strtok_r(copy, " \n", &save); t; t = strtok_r(NULL, " \n", &save)) {
        k++;
        if ((k >= 26 && k <= 30) || (k >= 45 && k <= 51))
            ck_assert_str_eq(t, "0");
    }
    ck_assert_int_ge(k, 51);
    free(copy);
    free(buf);
}
END_TEST

Suite *suite_procfs(void)
{
    Suite *s = suite_create("procfs");
    TCase *t = tcase_create("views");
    tcase_add_test(t, test_classify);
    tcase_add_test(t, test_protect);
    tcase_add_test(t, test_stat_other);
    tcase_add_test(t, test_maps_format);
    tcase_add_test(t, test_cpuinfo_features);
    tcase_add_test(t, test_cpuinfo_blocks);
    tcase_add_test(t, test_normalize);
    suite_add_tcase(s, t);
    return s;
}

/* binfmt_misc (core/binfmt_entry.c, core/binfmt_start.c): flag letters and
 * names, the texts made from the one magic and mask, the reading of the
 * kernel's view of an entry and whether it claims AArch64 programs, the
 * rule that tells a binfmt_misc start from a direct one, and the exec-path
 * question binfmt_exec_by_kernel answers. */
#include <check.h>
#include <elf.h>
#include <linux/binfmts.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/binfmt_entry.h"
#include "core/binfmt_start.h"

START_TEST(flags)
{
    ck_assert_int_eq(binfmt_flags_parse("POF"), BINFMT_FLAG_P | BINFMT_FLAG_O | BINFMT_FLAG_F);
    ck_assert_int_eq(binfmt_flags_parse("FOP"), BINFMT_FLAG_P | BINFMT_FLAG_O | BINFMT_FLAG_F);
    /* C brings O, as the kernel's registration does */
    ck_assert_int_eq(binfmt_flags_parse("C"), BINFMT_FLAG_C | BINFMT_FLAG_O);
    ck_assert_int_eq(binfmt_flags_parse(""), 0);
    ck_assert_int_eq(binfmt_flags_parse("PP"), -1);
    ck_assert_int_eq(binfmt_flags_parse("p"), -1);
    ck_assert_int_eq(binfmt_flags_parse("PX"), -1);
    char s[5];
    binfmt_flags_str(BINFMT_FLAG_F | BINFMT_FLAG_C | BINFMT_FLAG_P | BINFMT_FLAG_O, s);
    ck_assert_str_eq(s, "POCF");
    binfmt_flags_str(0, s);
    ck_assert_str_eq(s, "");
    ck_assert_int_eq(binfmt_flags_parse(BINFMT_DEFAULT_FLAGS), BINFMT_FLAG_P | BINFMT_FLAG_O | BINFMT_FLAG_F);
}
END_TEST

START_TEST(names)
{
    ck_assert(binfmt_name_ok("pvm-aarch64"));
    ck_assert(binfmt_name_ok("a.b_c+d-1"));
    ck_assert(!binfmt_name_ok(""));
    ck_assert(!binfmt_name_ok("."));
    ck_assert(!binfmt_name_ok(".."));
    ck_assert(!binfmt_name_ok("register"));
    ck_assert(!binfmt_name_ok("status"));
    ck_assert(!binfmt_name_ok("a/b"));
    ck_assert(!binfmt_name_ok("a:b"));
    ck_assert(!binfmt_name_ok("a b"));
    char long_name[BINFMT_NAME_MAX + 2];
    memset(long_name, 'x', sizeof long_name - 1);
    long_name[sizeof long_name - 1] = 0;
    ck_assert(!binfmt_name_ok(long_name));
    long_name[BINFMT_NAME_MAX] = 0;
    ck_assert(binfmt_name_ok(long_name));
}
END_TEST

#define M "\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00"
#define K "\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff"

START_TEST(formats)
{
    char b[2048];
    unsigned pof = BINFMT_FLAG_P | BINFMT_FLAG_O | BINFMT_FLAG_F;
    int n = binfmt_format(BINFMT_FMT_REGISTER, b, sizeof b, "pvm-aarch64", "/usr/bin/pvm-static", pof);
    ck_assert_str_eq(b, ":pvm-aarch64:M::" M ":" K ":/usr/bin/pvm-static:POF");
    ck_assert_int_eq(n, (int)strlen(b));
    binfmt_format(BINFMT_FMT_CONF, b, sizeof b, "pvm-aarch64", "/p", pof);
    ck_assert_ptr_nonnull(strstr(b, "\n:pvm-aarch64:M::" M ":" K ":/p:POF\n"));
    ck_assert(b[0] == '#');
    binfmt_format(BINFMT_FMT_BINFMTS, b, sizeof b, "pvm-aarch64", "/p", pof);
    ck_assert_str_eq(b, "package pvm\ninterpreter /p\nmagic " M "\noffset 0\nmask " K
                        "\ncredentials no\nfix_binary yes\npreserve yes\n");
    binfmt_format(BINFMT_FMT_BINFMTS, b, sizeof b, "x", "/p", BINFMT_FLAG_C | BINFMT_FLAG_O);
    ck_assert_ptr_nonnull(strstr(b, "credentials yes\nfix_binary no\npreserve no\n"));
    /* what cannot be written in a ':'-separated line, or does not fit */
    ck_assert_int_eq(binfmt_format(BINFMT_FMT_REGISTER, b, sizeof b, "x", "/a:b", pof), -1);
    ck_assert_int_eq(binfmt_format(BINFMT_FMT_REGISTER, b, sizeof b, "x", "/a\nb", pof), -1);
    ck_assert_int_eq(binfmt_format(BINFMT_FMT_REGISTER, b, sizeof b, "x", "", pof), -1);
    ck_assert_int_eq(binfmt_format(BINFMT_FMT_REGISTER, b, 40, "x", "/p", pof), -1);
    ck_assert_int_eq(binfmt_format_parse("conf"), BINFMT_FMT_CONF);
    ck_assert_int_eq(binfmt_format_parse("binfmts"), BINFMT_FMT_BINFMTS);
    ck_assert_int_eq(binfmt_format_parse("register"), BINFMT_FMT_REGISTER);
    ck_assert_int_eq(binfmt_format_parse("xml"), -1);
}
END_TEST

/* the magic selects exactly ET_EXEC and ET_DYN programs of EM_AARCH64 */
START_TEST(magic)
{
    unsigned char h[64] = {0x7f, 'E', 'L', 'F', ELFCLASS64, ELFDATA2LSB, EV_CURRENT, ELFOSABI_SYSV};
    h[18] = EM_AARCH64;
    for (int type = 0; type < 5; type++) {
        h[16] = (unsigned char)type;
        ck_assert_int_eq(binfmt_start_is_a64(h, sizeof h), type == ET_EXEC || type == ET_DYN);
    }
    h[16] = ET_DYN;
    h[EI_OSABI] = ELFOSABI_GNU; /* any OS ABI */
    ck_assert(binfmt_start_is_a64(h, sizeof h));
    h[18] = EM_X86_64;
    ck_assert(!binfmt_start_is_a64(h, sizeof h));
    h[18] = EM_AARCH64;
    h[EI_CLASS] = ELFCLASS32;
    ck_assert(!binfmt_start_is_a64(h, sizeof h));
    h[EI_CLASS] = ELFCLASS64;
    h[EI_DATA] = ELFDATA2MSB;
    ck_assert(!binfmt_start_is_a64(h, sizeof h));
    h[EI_DATA] = ELFDATA2LSB;
    ck_assert(!binfmt_start_is_a64(h, BINFMT_MAGIC_LEN - 1));
}
END_TEST

static const char qemu_text[] = "enabled\ninterpreter /usr/libexec/qemu-binfmt/aarch64-binfmt-P\n"
                                "flags: POF\noffset 0\n"
                                "magic 7f454c460201010000000000000000000200b700\n"
                                "mask ffffffffffffff00fffffffffffffffffeffffff\n";

START_TEST(entry_parse)
{
    struct binfmt_entry e;
    ck_assert(binfmt_entry_parse(qemu_text, &e));
    ck_assert(e.enabled && e.is_magic && e.has_mask);
    ck_assert_str_eq(e.interpreter, "/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
    ck_assert_uint_eq(e.flags, BINFMT_FLAG_P | BINFMT_FLAG_O | BINFMT_FLAG_F);
    ck_assert_uint_eq(e.size, BINFMT_MAGIC_LEN);
    ck_assert(binfmt_entry_is_pvms(&e));
    ck_assert(binfmt_entry_claims_a64(&e));
    ck_assert(binfmt_entry_parse("disabled\ninterpreter /usr/bin/python3.11\nflags: \nextension .pyc\n", &e));
    ck_assert(!e.enabled && !e.is_magic && e.flags == 0);
    ck_assert(!binfmt_entry_claims_a64(&e));
    /* not an entry's text */
    ck_assert(!binfmt_entry_parse("", &e));
    ck_assert(!binfmt_entry_parse("on\ninterpreter /x\nmagic 7f\n", &e));
    ck_assert(!binfmt_entry_parse("enabled\nmagic 7f\n", &e));
    ck_assert(!binfmt_entry_parse("enabled\ninterpreter /x\nmagic 7f4\n", &e));
    ck_assert(!binfmt_entry_parse("enabled\ninterpreter /x\nmagic 7f45\nmask ff\n", &e));
    ck_assert(!binfmt_entry_parse("enabled\ninterpreter /x\nflags: Q\nmagic 7f\n", &e));
}
END_TEST

/* entry with a given magic/mask (hex) at offset off */
static struct binfmt_entry bt_entry(int off, const char *magic, const char *mask)
{
    char text[512];
    struct binfmt_entry e;
    snprintf(text, sizeof text, "enabled\ninterpreter /x\nflags: \noffset %d\nmagic %s\n%s%s%s", off, magic,
             mask ? "mask " : "", mask ? mask : "", mask ? "\n" : "");
    ck_assert(binfmt_entry_parse(text, &e));
    return e;
}

START_TEST(entry_claims)
{
    struct binfmt_entry e;
    /* any ELF: claims */
    e = bt_entry(0, "7f454c46", NULL);
    ck_assert(binfmt_entry_claims_a64(&e));
    /* qemu's x86_64 entry: does not */
    e = bt_entry(0, "7f454c4602010100000000000000000002003e00",
                 "fffffffffffefe00fffffffffffffffffeffffff");
    ck_assert(!binfmt_entry_claims_a64(&e));
    /* aarch64 with OS ABI GNU only, and e_type ET_DYN only, without a mask: claims */
    e = bt_entry(0, "7f454c4602010103000000000000000003", NULL);
    ck_assert(binfmt_entry_claims_a64(&e));
    /* big-endian aarch64 (aarch64_be): does not */
    e = bt_entry(0, "7f454c460202010000000000000000000002", NULL);
    ck_assert(!binfmt_entry_claims_a64(&e));
    /* e_machine alone, at its offset: claims */
    e = bt_entry(18, "b700", NULL);
    ck_assert(binfmt_entry_claims_a64(&e));
    /* ET_REL only: does not */
    e = bt_entry(16, "0100b700", NULL);
    ck_assert(!binfmt_entry_claims_a64(&e));
    /* bytes past the identity are taken to match some program; an entry
     * entirely beyond them is not looked at */
    e = bt_entry(18, "b7000100000099", NULL);
    ck_assert(binfmt_entry_claims_a64(&e));
    e = bt_entry(40, "99", NULL);
    ck_assert(!binfmt_entry_claims_a64(&e));
    ck_assert(!binfmt_entry_is_pvms(&e));
}
END_TEST

START_TEST(start_rule)
{
    char *direct[] = {"pvm", "./prog", "x", NULL};
    /* direct: AT_EXECFN is pvm's own path */
    ck_assert(!binfmt_start_classify(3, direct, false, 0, "/usr/bin/pvm", false));
    /* O or P decide alone */
    ck_assert(binfmt_start_classify(3, direct, true, 0, "/usr/bin/pvm", false));
    ck_assert(binfmt_start_classify(3, direct, false, AT_FLAGS_PRESERVE_ARGV0, "x", false));
    /* neither: the file execve named is argv[1] and an AArch64 program */
    ck_assert(binfmt_start_classify(3, direct, false, 0, "./prog", true));
    ck_assert(!binfmt_start_classify(3, direct, false, 0, "./prog", false));
    ck_assert(!binfmt_start_classify(3, direct, false, 0, "./other", true));
    ck_assert(!binfmt_start_classify(3, direct, false, 0, NULL, true));
    /* a script whose interpreter is an AArch64 program: AT_EXECFN is the
     * script, so without O or P it is a direct start, which reads the
     * kernel's argv the same way */
    char *script[] = {"/usr/bin/pvm-static", "/bin/sh", "/tmp/s", NULL};
    ck_assert(!binfmt_start_classify(3, script, false, 0, "/tmp/s", false));
    char *one[] = {"pvm", NULL};
    ck_assert(!binfmt_start_classify(1, one, true, AT_FLAGS_PRESERVE_ARGV0, "pvm", true));
}
END_TEST

START_TEST(exec_by_kernel)
{
    struct binfmt_start saved = binfmt_started;
    struct stat plain = {.st_mode = S_IFREG | 0755}, suid = {.st_mode = S_IFREG | S_ISUID | 0755},
                sgid = {.st_mode = S_IFREG | S_ISGID | 0755};
    binfmt_started = (struct binfmt_start){.exec_fd = -1};
    ck_assert(!binfmt_exec_by_kernel(&suid, true));
    ck_assert(!binfmt_exec_by_kernel(&plain, false));
    binfmt_started.by_binfmt = true;
    ck_assert(binfmt_exec_by_kernel(&suid, true));
    ck_assert(binfmt_exec_by_kernel(&sgid, true));
    ck_assert(!binfmt_exec_by_kernel(&plain, true));
    ck_assert(!binfmt_exec_by_kernel(&plain, false));
    binfmt_started.open_binary = true;
    ck_assert(binfmt_exec_by_kernel(&plain, false));
    ck_assert(!binfmt_exec_by_kernel(&plain, true));
    binfmt_started = saved;
}
END_TEST

Suite *suite_binfmt(void)
{
    Suite *s = suite_create("binfmt");
    TCase *t = tcase_create("binfmt");
    tcase_add_test(t, flags);
    tcase_add_test(t, names);
    tcase_add_test(t, formats);
    tcase_add_test(t, magic);
    tcase_add_test(t, entry_parse);
    tcase_add_test(t, entry_claims);
    tcase_add_test(t, start_rule);
    tcase_add_test(t, exec_by_kernel);
    suite_add_tcase(s, t);
    return s;
}

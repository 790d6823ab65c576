/* core/shebang.h: the "#!" line by the kernel's rules — blanks around the
 * interpreter and its one argument, an argument holding blanks kept whole,
 * no interpreter, no "#!", and a first line that does not end within the
 * kernel's 256-byte buffer. */
#include <check.h>
#include <string.h>

#include "core/shebang.h"

static bool sb(const char *text, char *buf, char **interp, char **arg)
{
    strcpy(buf, text);
    return shebang_parse(buf, strlen(buf), interp, arg);
}

START_TEST(test_shebang_forms)
{
    char buf[512], *i, *a;
    ck_assert(sb("#!/bin/sh\necho hi\n", buf, &i, &a));
    ck_assert_str_eq(i, "/bin/sh");
    ck_assert_ptr_null(a);
    ck_assert(sb("#! \t/usr/bin/env  python3 -u \t\nx", buf, &i, &a));
    ck_assert_str_eq(i, "/usr/bin/env");
    ck_assert_str_eq(a, "python3 -u");
    ck_assert(sb("#!/bin/sh   \n", buf, &i, &a));
    ck_assert_str_eq(i, "/bin/sh");
    ck_assert_ptr_null(a);
    ck_assert(sb("#!/bin/sh", buf, &i, &a)); /* no newline, short: the file's end ends it */
    ck_assert_str_eq(i, "/bin/sh");
}
END_TEST

START_TEST(test_shebang_refused)
{
    char buf[512], *i, *a;
    ck_assert(!sb("#!", buf, &i, &a));
    ck_assert(!sb("#!  \t\n/bin/sh\n", buf, &i, &a));
    ck_assert(!sb("#/bin/sh\n", buf, &i, &a));
    ck_assert(!sb("\x7f" "ELF", buf, &i, &a));
    char longline[400] = "#!/bin/sh ";
    memset(longline + 10, 'x', 300);
    longline[310] = 0;
    ck_assert(!sb(longline, buf, &i, &a));
}
END_TEST

Suite *suite_shebang(void)
{
    Suite *s = suite_create("shebang");
    TCase *t = tcase_create("parse");
    tcase_add_test(t, test_shebang_forms);
    tcase_add_test(t, test_shebang_refused);
    suite_add_tcase(s, t);
    return s;
}

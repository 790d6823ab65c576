/* Check unit-test runner: every tests/unit/test_*.c defines one or more
 * `Suite *suite_<name>(void)` functions; the build collects them into
 * build/gen/unit_suites.h (one X(name) per suite). */
#include <check.h>
#include <stdlib.h>

#define X(name) Suite *suite_##name(void);
#include "unit_suites.h"
#undef X

int main(void)
{
    SRunner *sr = srunner_create(NULL);
#define X(name) srunner_add_suite(sr, suite_##name());
#include "unit_suites.h"
#undef X
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

/* Smoke tests of the core layers: the guest region and its page flags. */
#include <check.h>

#include "core/mem.h"

START_TEST(test_mem_region)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert(mem_range_ok(0x1000, 16));
    ck_assert(!mem_range_ok(guest_size - 8, 16));
    ck_assert(!mem_range_ok(guest_size, 1));
    /* top-byte-ignore: tag bits do not move an address out of the region */
    ck_assert(mem_range_ok(0xff00000000001000ull, 16));
    ck_assert(mem_is_free(0x100000, 0x4000));
    mem_set_flags(0x100000, 0x2000, mem_prot_flags(3));
    ck_assert(!mem_is_free(0x100000, 0x4000));
    ck_assert(mem_page_flags(0x101000) & PG_W);
    uint64_t f = mem_find_free(0x3000, 0x103000);
    ck_assert_uint_eq(f, 0xfd000);
    mem_set_flags(0x100000, 0x2000, 0);
    ck_assert(mem_is_free(0x100000, 0x4000));
}
END_TEST

Suite *suite_smoke(void)
{
    Suite *s = suite_create("smoke");
    TCase *t = tcase_create("mem");
    tcase_add_test(t, test_mem_region);
    suite_add_tcase(s, t);
    return s;
}

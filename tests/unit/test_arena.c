/* core/arena: chunks are 16-byte aligned and disjoint, a freed chunk is
 * reused for its own size class only (the last one freed first), requests
 * too big for a class come from malloc behind the same header,
 * and several threads allocating and freeing at once keep their chunks. */
#include <check.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>

#include "core/arena.h"

START_TEST(test_arena_reuse)
{
    uint8_t *a = arena_alloc(100), *b = arena_alloc(100);
    ck_assert_ptr_nonnull(a);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_eq((uintptr_t)a % 16, 0);
    ck_assert_uint_eq((uintptr_t)b % 16, 0);
    ck_assert(a + 100 <= b || b + 100 <= a);
    memset(a, 0xab, 100);
    arena_free(a);
    /* another class does not get it back */
    uint8_t *big = arena_alloc(1000);
    ck_assert(big + 1000 <= a || a + 100 <= big);
    /* the same class does */
    uint8_t *c = arena_alloc(90);
    ck_assert_ptr_eq(c, a);
    arena_free(b);
    arena_free(c);
    arena_free(big);
    arena_free(NULL);
}
END_TEST

START_TEST(test_arena_large)
{
    size_t n = 1u << 20;
    uint8_t *p = arena_alloc(n);
    ck_assert_ptr_nonnull(p);
    ck_assert_uint_eq((uintptr_t)p % 16, 0);
    memset(p, 0x5a, n);
    ck_assert_uint_eq(p[0] & p[n / 2] & p[n - 1], 0x5a);
    arena_free(p);
    ck_assert_ptr_null(arena_alloc(SIZE_MAX - 8));
}
END_TEST

static void *arena_worker(void *arg)
{
    uintptr_t tag = (uintptr_t)arg;
    uint64_t *keep[64];
    for (int round = 0; round < 200; round++) {
        for (int k = 0; k < 64; k++) {
            size_t n = 8 * (size_t)(1 + (k + round) % 40);
            keep[k] = arena_alloc(n);
            ck_assert_ptr_nonnull(keep[k]);
            for (size_t w = 0; w < n / 8; w++)
                keep[k][w] = tag;
        }
        for (int k = 0; k < 64; k++) {
            size_t n = 8 * (size_t)(1 + (k + round) % 40);
            for (size_t w = 0; w < n / 8; w++)
                ck_assert_uint_eq(keep[k][w], tag);
            arena_free(keep[k]);
        }
    }
    return NULL;
}

START_TEST(test_arena_threads)
{
    pthread_t th[4];
    for (uintptr_t t = 0; t < 4; t++)
        ck_assert_int_eq(pthread_create(&th[t], NULL, arena_worker, (void *)(t + 1)), 0);
    for (int t = 0; t < 4; t++)
        pthread_join(th[t], NULL);
    ck_assert_uint_gt(arena_used(), 0);
}
END_TEST

Suite *suite_arena(void)
{
    Suite *s = suite_create("arena");
    TCase *t = tcase_create("core");
    tcase_add_test(t, test_arena_reuse);
    tcase_add_test(t, test_arena_large);
    tcase_add_test(t, test_arena_threads);
    suite_add_tcase(s, t);
    return s;
}

/* The guest memory system calls under many host threads (syscalls/mm.c,
 * the mm lock in core/mem.c): threads that mmap/mremap/munmap at once never
 * get overlapping ranges (each page's owner is claimed with a
 * compare-and-swap and the page table must agree); mprotect storms leave
 * every page's flags equal to its host protection, while other threads copy
 * from those pages and walk the guest's mappings (whose host line must agree
 * with the flags they show); mem_strncpy_from_guest and mem_copy_from_guest
 * on pages another thread unmaps return -EFAULT/false, never crash (pvm's
 * own fault handler is installed for the suite: a fault in mem_safe_copy is
 * a failed copy); and the region never has a hole afterwards. Workers never
 * call ck_assert (Check's failure jump belongs to the main thread): they
 * count failures and the main thread asserts. Works in a window of the
 * region of its own and restores mem_mmap_top. */
#include <check.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/guestmaps.h"
#include "core/hostmaps.h"
#include "core/mem.h"
#include "signals/signal.h"
#include "syscalls/abi_proc.h"
#include "syscalls/syscall.h"

#define PG 4096ull
#define ML_LO 0xd0000000ull /* the test window [ML_LO, ML_END) */
#define ML_TOP 0xf0000000ull /* mem_mmap_top: an mremap may grow in place past it */
#define ML_END (ML_TOP + 0x100000ull)
#define ML_PAGES ((ML_END - ML_LO) / PG)
#define ML_THREADS 8
#define ML_ROUNDS 1000
#define ANON (MAP_PRIVATE_A64 | MAP_ANONYMOUS_A64)
#define RW (PROT_READ_A64 | PROT_WRITE_A64)

static uint64_t saved_top;
static struct sigaction saved_segv, saved_bus;

static int64_t ml_call(int64_t (*fn)(struct cpu *, const uint64_t[6]), struct cpu *c, uint64_t a0,
                       uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    const uint64_t a[6] = {a0, a1, a2, a3, a4, a5};
    return fn(c, a);
}

/* a small xorshift per thread: the storms need no quality, only spread */
static uint32_t ml_rand(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void ml_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    saved_top = mem_mmap_top;
    mem_mmap_top = ML_TOP;
    struct cpu c = {0};
    ck_assert_int_eq(ml_call(sys_munmap, &c, ML_LO, ML_END - ML_LO, 0, 0, 0, 0), 0);
    /* pvm's host fault handler: a fault inside mem_safe_copy is a failed copy */
    sigaction(SIGSEGV, NULL, &saved_segv);
    sigaction(SIGBUS, NULL, &saved_bus);
    sig_host_apply(SIGSEGV);
    sig_host_apply(SIGBUS);
}

static void ml_teardown(void)
{
    sigaction(SIGSEGV, &saved_segv, NULL);
    sigaction(SIGBUS, &saved_bus, NULL);
    struct cpu c = {0};
    ml_call(sys_munmap, &c, ML_LO, ML_END - ML_LO, 0, 0, 0, 0);
    mem_mmap_top = saved_top;
}

/* no page of the window lacks a host mapping (the region has no hole) */
static void ml_assert_no_hole(void)
{
    struct hostmaps_range h[4];
    mem_mm_lock();
    int n = hostmaps_holes(ML_LO, ML_END - ML_LO, h, 4);
    mem_mm_unlock();
    ck_assert_int_eq(n, 0);
}

/* ---- mmap/mremap/munmap from many threads ---- */

static _Atomic uint8_t ml_owner[ML_PAGES]; /* thread id + 1 per page of the window */
static atomic_int ml_bad_overlap, ml_bad_flags, ml_bad_data, ml_bad_call, ml_outside;

/* claims [ga, ga+len) for thread id: false when another thread holds any
 * page (a range outside the window is counted apart) */
static bool ml_claim(uint64_t ga, uint64_t len, uint8_t id)
{
    if (ga < ML_LO || ga + len > ML_END) {
        fprintf(stderr, "outside: id %d range %#llx+%#llx\n", id, (unsigned long long)ga,
                (unsigned long long)len);
        atomic_fetch_add(&ml_outside, 1);
        return true;
    }
    bool ok = true;
    for (uint64_t p = (ga - ML_LO) / PG; p < (ga + len - ML_LO) / PG; p++) {
        uint8_t expect = 0;
        if (!atomic_compare_exchange_strong(&ml_owner[p], &expect, id)) {
            ok = false;
            fprintf(stderr, "overlap: id %d range %#llx+%#llx page %#llx owner %d\n", id,
                    (unsigned long long)ga, (unsigned long long)len,
                    (unsigned long long)(ML_LO + p * PG), expect);
        }
    }
    return ok;
}

static void ml_release(uint64_t ga, uint64_t len, uint8_t id)
{
    if (ga < ML_LO || ga + len > ML_END)
        return;
    for (uint64_t p = (ga - ML_LO) / PG; p < (ga + len - ML_LO) / PG; p++) {
        uint8_t expect = id;
        atomic_compare_exchange_strong(&ml_owner[p], &expect, 0);
    }
}

/* the range is mapped RW in the page table and holds this thread's tag
 * (written after the mmap: another thread's pages would show its own tag) */
static void ml_check_range(uint64_t ga, uint64_t len, uint8_t id, bool tagged)
{
    if (!mem_is_mapped(ga, len, PG_R | PG_W))
        atomic_fetch_add(&ml_bad_flags, 1);
    for (uint64_t o = 0; o < len; o += PG) {
        uint8_t *h = g2h(ga + o);
        if (tagged && (h[0] != id || h[PG - 1] != id))
            atomic_fetch_add(&ml_bad_data, 1);
        h[0] = h[PG - 1] = id;
    }
}

static void *ml_mapper(void *arg)
{
    uint8_t id = (uint8_t)(uintptr_t)arg;
    uint32_t seed = 0x9e3779b9u * id;
    struct cpu c = {0};
    for (int i = 0; i < ML_ROUNDS; i++) {
        uint64_t len = (1 + ml_rand(&seed) % 8) * PG;
        int64_t a = ml_call(sys_mmap, &c, 0, len, RW, ANON, (uint64_t)-1, 0);
        if (a <= 0) {
            atomic_fetch_add(&ml_bad_call, 1);
            continue;
        }
        if (!ml_claim((uint64_t)a, len, id))
            atomic_fetch_add(&ml_bad_overlap, 1);
        ml_check_range((uint64_t)a, len, id, false);
        if (i % 4 == 0) {
            /* grow (in place or moved): the contents come along */
            uint64_t nlen = len + (1 + ml_rand(&seed) % 8) * PG;
            ml_release((uint64_t)a, len, id);
            int64_t b = ml_call(sys_mremap, &c, (uint64_t)a, len, nlen, MREMAP_MAYMOVE_A64, 0, 0);
            if (b <= 0) {
                atomic_fetch_add(&ml_bad_call, 1);
                ml_call(sys_munmap, &c, (uint64_t)a, len, 0, 0, 0, 0);
                continue;
            }
            if (!ml_claim((uint64_t)b, nlen, id))
                atomic_fetch_add(&ml_bad_overlap, 1);
            ml_check_range((uint64_t)b, len, id, true);
            ml_check_range((uint64_t)b + len, nlen - len, id, false);
            a = b;
            len = nlen;
        }
        ml_check_range((uint64_t)a, len, id, true);
        ml_release((uint64_t)a, len, id);
        if (ml_call(sys_munmap, &c, (uint64_t)a, len, 0, 0, 0, 0) != 0)
            atomic_fetch_add(&ml_bad_call, 1);
    }
    return NULL;
}

START_TEST(test_mmap_threads)
{
    pthread_t th[ML_THREADS];
    for (int t = 0; t < ML_THREADS; t++)
        ck_assert_int_eq(pthread_create(&th[t], NULL, ml_mapper, (void *)(uintptr_t)(t + 1)), 0);
    for (int t = 0; t < ML_THREADS; t++)
        pthread_join(th[t], NULL);
    ck_assert_int_eq(atomic_load(&ml_bad_overlap), 0);
    ck_assert_int_eq(atomic_load(&ml_bad_flags), 0);
    ck_assert_int_eq(atomic_load(&ml_bad_data), 0);
    ck_assert_int_eq(atomic_load(&ml_bad_call), 0);
    ck_assert_int_eq(atomic_load(&ml_outside), 0);
    ck_assert(mem_is_free(ML_LO, ML_END - ML_LO));
    ml_assert_no_hole();
}
END_TEST

/* ---- mprotect storms with copies and maps walks alongside ---- */

#define MS_PAGES 64
static uint64_t ms_base;
static atomic_int ms_stop, ms_bad_walk, ms_walks, ms_copies;

static void *ms_protector(void *arg)
{
    uint32_t seed = 0x2545f491u * (uint32_t)(uintptr_t)arg;
    struct cpu c = {0};
    static const int prots[] = {0, PROT_READ_A64, RW, PROT_READ_A64 | PROT_EXEC_A64};
    for (int i = 0; i < ML_ROUNDS; i++) {
        uint64_t p = ml_rand(&seed) % MS_PAGES, n = 1 + ml_rand(&seed) % 4;
        if (p + n > MS_PAGES)
            n = MS_PAGES - p;
        if (ml_call(sys_mprotect, &c, ms_base + p * PG, n * PG, (uint64_t)prots[ml_rand(&seed) % 4],
                    0, 0, 0) != 0)
            atomic_fetch_add(&ml_bad_call, 1);
    }
    return NULL;
}

/* copies from and to random pages of the storm: allowed to fail, never to crash */
static void *ms_copier(void *arg)
{
    uint32_t seed = 0x61c88647u * (uint32_t)(uintptr_t)arg;
    char buf[64];
    while (!atomic_load(&ms_stop)) {
        uint64_t ga = ms_base + (ml_rand(&seed) % MS_PAGES) * PG + PG - 32;
        if (mem_copy_from_guest(buf, ga, sizeof buf))
            mem_copy_to_guest(ga, buf, sizeof buf);
        atomic_fetch_add(&ms_copies, 1);
    }
    return NULL;
}

/* every mapping the walk shows in the storm range: its host line's
 * protection agrees with the flags (guest X is host R) */
static void ms_walk_one(const struct guestmap *m, void *ctx)
{
    (void)ctx;
    if (m->end <= ms_base || m->start >= ms_base + MS_PAGES * PG)
        return;
    bool r = (m->flags & (PG_R | PG_X)) != 0, w = (m->flags & PG_W) != 0;
    if ((m->host->perms[0] == 'r') != r || (m->host->perms[1] == 'w') != w)
        atomic_fetch_add(&ms_bad_walk, 1);
}

static void *ms_walker(void *arg)
{
    (void)arg;
    while (!atomic_load(&ms_stop)) {
        if (guestmaps_walk(false, ms_walk_one, NULL) != 0)
            atomic_fetch_add(&ms_bad_walk, 1);
        atomic_fetch_add(&ms_walks, 1);
    }
    return NULL;
}

/* the host protection of the page at guest address ga, from /proc/self/maps */
static void ms_host_perms(uint64_t ga, char out[5])
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    unsigned long h = (unsigned long)g2h(ga);
    out[0] = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 && h >= lo && h < hi) {
            memcpy(out, perms, 5);
            break;
        }
    }
    if (f)
        fclose(f);
}

START_TEST(test_mprotect_storm)
{
    struct cpu c = {0};
    int64_t a = ml_call(sys_mmap, &c, 0, MS_PAGES * PG, RW, ANON, (uint64_t)-1, 0);
    ck_assert_int_gt(a, 0);
    ms_base = (uint64_t)a;
    atomic_store(&ms_stop, 0);
    pthread_t prot[ML_THREADS / 2], cop[2], walk, map[2];
    for (int t = 0; t < ML_THREADS / 2; t++)
        ck_assert_int_eq(pthread_create(&prot[t], NULL, ms_protector, (void *)(uintptr_t)(t + 1)), 0);
    for (int t = 0; t < 2; t++)
        ck_assert_int_eq(pthread_create(&cop[t], NULL, ms_copier, (void *)(uintptr_t)(t + 1)), 0);
    ck_assert_int_eq(pthread_create(&walk, NULL, ms_walker, NULL), 0);
    /* and mappings coming and going beside the storm */
    for (int t = 0; t < 2; t++)
        ck_assert_int_eq(pthread_create(&map[t], NULL, ml_mapper, (void *)(uintptr_t)(100 + t)), 0);
    for (int t = 0; t < ML_THREADS / 2; t++)
        pthread_join(prot[t], NULL);
    for (int t = 0; t < 2; t++)
        pthread_join(map[t], NULL);
    atomic_store(&ms_stop, 1);
    for (int t = 0; t < 2; t++)
        pthread_join(cop[t], NULL);
    pthread_join(walk, NULL);
    ck_assert_int_eq(atomic_load(&ml_bad_call), 0);
    ck_assert_int_eq(atomic_load(&ml_bad_overlap), 0);
    ck_assert_int_eq(atomic_load(&ms_bad_walk), 0);
    ck_assert_int_gt(atomic_load(&ms_walks), 0);
    ck_assert_int_gt(atomic_load(&ms_copies), 0);
    /* afterwards each page's flags are its host protection */
    for (uint64_t p = 0; p < MS_PAGES; p++) {
        char hp[5] = "";
        ms_host_perms(ms_base + p * PG, hp);
        uint8_t f = mem_page_flags(ms_base + p * PG);
        ck_assert(f & PG_MAPPED);
        ck_assert_int_eq(hp[0] == 'r', (f & (PG_R | PG_X)) != 0);
        ck_assert_int_eq(hp[1] == 'w', (f & PG_W) != 0);
    }
    ck_assert_int_eq(ml_call(sys_munmap, &c, ms_base, MS_PAGES * PG, 0, 0, 0, 0), 0);
    ml_assert_no_hole();
}
END_TEST

/* ---- string and buffer copies from pages another thread unmaps ---- */

static uint64_t sc_base;
static atomic_int sc_bad, sc_ok, sc_fault;

static void *sc_unmapper(void *arg)
{
    (void)arg;
    struct cpu c = {0};
    for (int i = 0; i < ML_ROUNDS; i++) {
        if (ml_call(sys_munmap, &c, sc_base + PG, PG, 0, 0, 0, 0) != 0)
            atomic_fetch_add(&sc_bad, 1);
        if (ml_call(sys_mmap, &c, sc_base + PG, PG, RW, ANON | MAP_FIXED_A64, (uint64_t)-1, 0) !=
            (int64_t)(sc_base + PG))
            atomic_fetch_add(&sc_bad, 1);
        memcpy(g2h(sc_base + PG), "tail", 5);
    }
    atomic_store(&ms_stop, 1);
    return NULL;
}

static void *sc_reader(void *arg)
{
    (void)arg;
    char buf[2 * PG];
    /* until the unmapper is done, then 100 rounds more with the page back */
    for (int after = 0; after < 100; after += atomic_load(&ms_stop)) {
        /* 96 bytes of 'a' on the first page, then "tail" on the second:
         * 100 when the second page is there (or its fresh zeros: 96) */
        long n = mem_strncpy_from_guest(buf, sc_base + PG - 96, sizeof buf);
        if (n == -EFAULT)
            atomic_fetch_add(&sc_fault, 1);
        else if (n == 100 || n == 96)
            atomic_fetch_add(&sc_ok, 1);
        else
            atomic_fetch_add(&sc_bad, 1);
        if (!mem_copy_from_guest(buf, sc_base + PG - 8, 16))
            atomic_fetch_add(&sc_fault, 1);
    }
    return NULL;
}

START_TEST(test_strncpy_unmapped)
{
    struct cpu c = {0};
    int64_t a = ml_call(sys_mmap, &c, 0, 2 * PG, RW, ANON, (uint64_t)-1, 0);
    ck_assert_int_gt(a, 0);
    sc_base = (uint64_t)a;
    memset(g2h(sc_base), 'a', PG);
    memcpy(g2h(sc_base + PG), "tail", 5);
    char buf[2 * PG];
    ck_assert_int_eq(mem_strncpy_from_guest(buf, sc_base + PG - 96, sizeof buf), 100);
    ck_assert_str_eq(buf + 96, "tail");

    /* the window the check cannot close, made to last: the flags still say
     * readable, the host page is already gone (as right after another
     * thread's munmap): -EFAULT from the copy's fault, no crash */
    mem_mm_lock();
    ck_assert(mmap(g2h(sc_base + PG), PG, PROT_NONE,
                   MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0) != MAP_FAILED);
    ck_assert(mem_page_flags(sc_base + PG) & PG_R);
    ck_assert_int_eq(mem_strncpy_from_guest(buf, sc_base + PG - 96, sizeof buf), -EFAULT);
    ck_assert(!mem_copy_from_guest(buf, sc_base + PG - 8, 16));
    ck_assert(!mem_copy_to_guest(sc_base + PG - 8, buf, 16));
    mem_set_flags(sc_base + PG, PG, 0);
    mem_mm_unlock();
    ck_assert_int_eq(mem_strncpy_from_guest(buf, sc_base + PG - 96, sizeof buf), -EFAULT);

    /* and the race itself */
    ck_assert_int_eq(ml_call(sys_mmap, &c, sc_base + PG, PG, RW, ANON | MAP_FIXED_A64,
                             (uint64_t)-1, 0),
                     (int64_t)(sc_base + PG));
    memcpy(g2h(sc_base + PG), "tail", 5);
    atomic_store(&ms_stop, 0);
    pthread_t un, rd[2];
    ck_assert_int_eq(pthread_create(&un, NULL, sc_unmapper, NULL), 0);
    for (int t = 0; t < 2; t++)
        ck_assert_int_eq(pthread_create(&rd[t], NULL, sc_reader, NULL), 0);
    pthread_join(un, NULL);
    for (int t = 0; t < 2; t++)
        pthread_join(rd[t], NULL);
    ck_assert_int_eq(atomic_load(&sc_bad), 0);
    ck_assert_int_gt(atomic_load(&sc_ok), 0);
    ck_assert_int_eq(ml_call(sys_munmap, &c, sc_base, 2 * PG, 0, 0, 0, 0), 0);
    ml_assert_no_hole();
}
END_TEST

Suite *suite_mmlock(void)
{
    Suite *s = suite_create("mmlock");
    TCase *t = tcase_create("threads");
    tcase_add_checked_fixture(t, ml_setup, ml_teardown);
    tcase_set_timeout(t, 60);
    tcase_add_test(t, test_mmap_threads);
    tcase_add_test(t, test_mprotect_storm);
    tcase_add_test(t, test_strncpy_unmapped);
    suite_add_tcase(s, t);
    return s;
}

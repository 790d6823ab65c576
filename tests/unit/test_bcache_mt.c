/* Unit tests for the shared block cache under several host threads
 * (interp/block.c): the per-page index (invalidating a page drops only its
 * blocks, whatever the range's size), one block per pc when threads race to
 * decode it, the epoch rule (a retired block is freed once every registered
 * thread has been quiescent, idle or unregistered since its retirement, not
 * before), the saturating counter, fork, and a stress run: readers calling
 * block_get over a code page that a writer rewrites and invalidates, which
 * must never hand out a block older than the last finished invalidation nor
 * touch freed memory (run it under ASan: make SANITIZE=address,undefined
 * check-unit; and TSan: make SANITIZE=thread BUILD=build-tsan check-unit).
 * Helper threads never call ck_assert (a failure longjmps into the main
 * thread's frame); they count failures for the main thread to check. */
#include <check.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/mem.h"
#include "interp/block.h"

#define BC_PAGE 0x50000000ull /* two code pages: BC_PAGE and BC_PAGE + GUEST_PAGE */
#define BC_RET 0xd65f03c0u
#define BC_WORDS 64 /* the words the stress readers use */

/* The stress writer rewrites guest code while readers decode it, a race the
 * guest owns: mem_fetch32 reads guest memory as a guest load would, which a
 * TSan build leaves uninstrumented (core/mem.h MEM_GUEST_ACCESS), so TSan
 * needs no suppression here. */

static uint32_t bc_movz(unsigned rd, unsigned imm) { return 0x52800000u | (imm & 0xffff) << 5 | rd; }

/* the first n words of the page: word k is RET every 32nd, else MOVZ Wk%4,
 * #ver; a block from any word runs to the next RET, so blocks of
 * neighbouring pcs overlap, and their decodes take long enough for a
 * rewrite and an invalidation to land in the middle of one */
static void bc_write_code(uint64_t page, unsigned ver, unsigned n)
{
    uint32_t *w = (uint32_t *)(guest_base + page);
    for (unsigned k = 0; k < n; k++)
        __atomic_store_n(&w[k], k % 32 == 31 ? BC_RET : bc_movz(k % 4, ver), __ATOMIC_RELAXED);
}

static void bc_map(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert_int_eq(mprotect(guest_base + BC_PAGE, 2 * GUEST_PAGE, PROT_READ | PROT_WRITE), 0);
    mem_set_flags(BC_PAGE, 2 * GUEST_PAGE, mem_prot_flags(PROT_READ | PROT_WRITE | PROT_EXEC));
    bc_write_code(BC_PAGE, 0, GUEST_PAGE / 4);
    bc_write_code(BC_PAGE + GUEST_PAGE, 0, GUEST_PAGE / 4);
    /* nothing left from earlier tests: no thread is registered, so this frees all */
    block_invalidate(BC_PAGE, 2 * GUEST_PAGE);
    block_cache_quiesce();
    ck_assert_uint_eq(block_cache_retired_pending(), 0);
}

static struct cpu *bc_cpu(void)
{
    struct cpu *c = aligned_alloc(64, (sizeof *c + 63) & ~(size_t)63);
    ck_assert_ptr_nonnull(c);
    memset(c, 0, sizeof *c);
    return c;
}

/* ---- an agent: a registered helper thread that runs one command at a time ---- */

enum bc_cmd { BC_NONE, BC_QUIESCE, BC_IDLE_BEGIN, BC_IDLE_END, BC_GET, BC_EXIT };

struct bc_agent {
    pthread_t th;
    pthread_mutex_t m;
    pthread_cond_t cv;
    enum bc_cmd cmd;
    uint64_t arg;
    struct block *got;
    struct cpu *c;
};

static void *bc_agent_main(void *p)
{
    struct bc_agent *a = p;
    block_thread_register(a->c);
    pthread_mutex_lock(&a->m);
    for (;;) {
        while (a->cmd == BC_NONE)
            pthread_cond_wait(&a->cv, &a->m);
        enum bc_cmd cmd = a->cmd;
        switch (cmd) {
        case BC_QUIESCE: block_cache_quiesce(); break;
        case BC_IDLE_BEGIN: block_cache_idle_begin(); break;
        case BC_IDLE_END: block_cache_idle_end(); break;
        case BC_GET: a->got = block_get(a->c, a->arg); break;
        case BC_EXIT: block_thread_unregister(a->c); break;
        case BC_NONE: break;
        }
        a->cmd = BC_NONE;
        pthread_cond_broadcast(&a->cv);
        if (cmd == BC_EXIT)
            break;
    }
    pthread_mutex_unlock(&a->m);
    return NULL;
}

static void bc_agent_do(struct bc_agent *a, enum bc_cmd cmd, uint64_t arg)
{
    pthread_mutex_lock(&a->m);
    a->cmd = cmd;
    a->arg = arg;
    pthread_cond_broadcast(&a->cv);
    while (a->cmd != BC_NONE)
        pthread_cond_wait(&a->cv, &a->m);
    pthread_mutex_unlock(&a->m);
}

static void bc_agent_start(struct bc_agent *a)
{
    memset(a, 0, sizeof *a);
    a->c = bc_cpu();
    pthread_mutex_init(&a->m, NULL);
    pthread_cond_init(&a->cv, NULL);
    ck_assert_int_eq(pthread_create(&a->th, NULL, bc_agent_main, a), 0);
    /* a no-op round trip: the agent is registered once it answers */
    bc_agent_do(a, BC_QUIESCE, 0);
}

static void bc_agent_stop(struct bc_agent *a)
{
    bc_agent_do(a, BC_EXIT, 0);
    pthread_join(a->th, NULL);
    pthread_mutex_destroy(&a->m);
    pthread_cond_destroy(&a->cv);
    free(a->c);
}

/* ---- tests ---- */

/* invalidating one page retires its blocks only; a range of more pages
 * than hold code (the walk over every code page) finds them as well */
START_TEST(test_bcache_page_index)
{
    bc_map();
    struct cpu *c = bc_cpu();
    uint64_t q = BC_PAGE + GUEST_PAGE;
    struct block *a0 = block_get(c, BC_PAGE), *a1 = block_get(c, BC_PAGE + 4);
    struct block *b0 = block_get(c, q), *b1 = block_get(c, q + 8);
    ck_assert_ptr_eq(block_get(c, BC_PAGE), a0);
    ck_assert_uint_eq(a1->pc, BC_PAGE + 4);
    ck_assert_uint_eq(b1->n, 31); /* MOVZ x29, RET, END_BLOCK */
    ck_assert(mem_page_flags(BC_PAGE) & PG_CODE);

    /* a byte of the first page: both of its blocks go, the second page's stay */
    ck_assert(block_invalidate(BC_PAGE + 100, 1));
    ck_assert_uint_eq(block_cache_retired_pending(), 2);
    ck_assert(!(mem_page_flags(BC_PAGE) & PG_CODE));
    ck_assert(mem_page_flags(q) & PG_CODE);
    ck_assert_ptr_eq(block_get(c, q), b0);
    ck_assert_ptr_eq(block_get(c, q + 8), b1);
    struct block *a0n = block_get(c, BC_PAGE);
    ck_assert_ptr_ne(a0n, a0); /* a0 is retired, not freed: no reuse yet */
    /* a page without code: nothing to do */
    ck_assert(!block_invalidate(BC_PAGE + 8 * GUEST_PAGE, GUEST_PAGE));
    /* a huge range (beyond the region, up to the top): every code page in it */
    ck_assert(block_invalidate(BC_PAGE, UINT64_MAX));
    ck_assert_uint_ge(block_cache_retired_pending(), 5); /* and other suites' blocks */
    ck_assert_ptr_ne(block_get(c, q + 8), b1);
    ck_assert_uint_eq(b1->pc, q + 8); /* still readable before the quiescent point */
    block_cache_quiesce(); /* unregistered and alone: frees them all */
    ck_assert_uint_eq(block_cache_retired_pending(), 0);
    /* zero length and tagged addresses */
    ck_assert(!block_invalidate(q, 0));
    ck_assert(block_invalidate(0x3400000000000000ull | q, 4));
    block_cache_quiesce();
    free(c);
}
END_TEST

/* the epoch rule, step by step with two agents and the test's own thread */
START_TEST(test_bcache_epoch)
{
    bc_map();
    struct cpu *c = bc_cpu();
    block_thread_register(c);
    ck_assert_ptr_eq(c->bthread, block_self);
    struct bc_agent a1, a2;
    bc_agent_start(&a1);
    bc_agent_start(&a2);

    /* retire a block: the retiring thread's own quiescent point frees nothing
     * while the agents have not passed one */
    struct block *b = block_get(c, BC_PAGE);
    ck_assert(block_invalidate(BC_PAGE, 4));
    ck_assert_uint_eq(block_cache_retired_pending(), 1);
    block_cache_quiesce();
    ck_assert_uint_eq(block_cache_retired_pending(), 1);
    bc_agent_do(&a1, BC_QUIESCE, 0);
    ck_assert_uint_eq(block_cache_retired_pending(), 1);
    ck_assert_uint_eq(b->pc, BC_PAGE); /* ASan: still allocated */
    bc_agent_do(&a2, BC_QUIESCE, 0); /* the last one: it frees */
    ck_assert_uint_eq(block_cache_retired_pending(), 0);

    /* an agent that goes idle (a system call) holds nothing back, and one
     * that leaves idle holds back what is retired after */
    bc_agent_do(&a2, BC_IDLE_BEGIN, 0);
    bc_agent_do(&a1, BC_GET, BC_PAGE + 4);
    ck_assert_uint_eq(a1.got->pc, BC_PAGE + 4);
    ck_assert(block_invalidate(BC_PAGE, GUEST_PAGE));
    ck_assert_uint_eq(block_cache_retired_pending(), 1);
    bc_agent_do(&a1, BC_QUIESCE, 0);
    ck_assert_uint_eq(block_cache_retired_pending(), 1); /* this thread holds it */
    block_cache_quiesce();
    ck_assert_uint_eq(block_cache_retired_pending(), 0); /* a2 idle: not waited for */
    bc_agent_do(&a2, BC_IDLE_END, 0);
    block_get(c, BC_PAGE);
    ck_assert(block_invalidate(BC_PAGE, GUEST_PAGE));
    block_cache_quiesce();
    bc_agent_do(&a1, BC_QUIESCE, 0);
    ck_assert_uint_eq(block_cache_retired_pending(), 1); /* a2 is back */
    /* a thread that ends no longer holds anything back */
    bc_agent_stop(&a2);
    ck_assert_uint_eq(block_cache_retired_pending(), 0);

    /* an agent that has not quiesced holds back a block the others are done with */
    block_get(c, BC_PAGE + 8);
    block_invalidate(BC_PAGE, 4);
    block_cache_quiesce();
    ck_assert_uint_eq(block_cache_retired_pending(), 1);
    bc_agent_stop(&a1);
    ck_assert_uint_eq(block_cache_retired_pending(), 0);

    /* a second registration on the same host thread (a vfork child) shares
     * the record; the first unregistration leaves it in place */
    struct cpu *child = bc_cpu();
    *child = *c;
    block_thread_register(child);
    ck_assert_ptr_eq(child->bthread, c->bthread);
    block_thread_unregister(child);
    ck_assert_ptr_null(child->bthread);
    ck_assert_ptr_eq(block_self, c->bthread);
    /* left idle (the parent waits in the clone call); a quiescent point
     * makes it active again */
    ck_assert_uint_eq(c->bthread->seen, BLOCK_EPOCH_IDLE);
    block_cache_quiesce();
    ck_assert_uint_eq(c->bthread->seen, block_epoch);
    block_thread_unregister(c);
    ck_assert_ptr_null(block_self);
    ck_assert_ptr_null(c->bthread);
    free(child);
    free(c);
}
END_TEST

/* threads that miss on one pc at the same moment all get the same block */
#define BC_RACERS 4
static pthread_barrier_t bc_barrier;
static struct block *bc_raced[BC_RACERS][8];

static void *bc_racer(void *p)
{
    unsigned id = (unsigned)(uintptr_t)p;
    struct cpu *c = aligned_alloc(64, (sizeof *c + 63) & ~(size_t)63);
    memset(c, 0, sizeof *c);
    block_thread_register(c);
    for (unsigned k = 0; k < 8; k++) {
        pthread_barrier_wait(&bc_barrier);
        bc_raced[id][k] = block_get(c, BC_PAGE + 4 * k);
    }
    pthread_barrier_wait(&bc_barrier);
    block_thread_unregister(c);
    free(c);
    return NULL;
}

START_TEST(test_bcache_insert_race)
{
    bc_map();
    pthread_barrier_init(&bc_barrier, NULL, BC_RACERS);
    pthread_t th[BC_RACERS];
    for (unsigned t = 0; t < BC_RACERS; t++)
        ck_assert_int_eq(pthread_create(&th[t], NULL, bc_racer, (void *)(uintptr_t)t), 0);
    for (unsigned t = 0; t < BC_RACERS; t++)
        pthread_join(th[t], NULL);
    pthread_barrier_destroy(&bc_barrier);
    struct cpu *c = bc_cpu();
    for (unsigned k = 0; k < 8; k++) {
        struct block *b = block_get(c, BC_PAGE + 4 * k);
        for (unsigned t = 0; t < BC_RACERS; t++)
            ck_assert_ptr_eq(bc_raced[t][k], b);
    }
    ck_assert_uint_eq(block_cache_retired_pending(), 0);
    free(c);
}
END_TEST

/* readers against a writer that rewrites the page and invalidates it */
#define BC_READERS 3
#define BC_VERSIONS 3000
static unsigned bc_ver;         /* the last version whose invalidation finished */
static int bc_stop;
static unsigned bc_failures;
static uint64_t bc_gets;

static void bc_fail(void) { __atomic_add_fetch(&bc_failures, 1, __ATOMIC_RELAXED); }

static void *bc_reader(void *p)
{
    unsigned id = (unsigned)(uintptr_t)p;
    struct cpu *c = aligned_alloc(64, (sizeof *c + 63) & ~(size_t)63);
    memset(c, 0, sizeof *c);
    block_thread_register(c);
    for (unsigned i = id; !__atomic_load_n(&bc_stop, __ATOMIC_ACQUIRE); i++) {
        /* each pc twice in a row: a stale block the first get inserted
         * would be found by the second */
        unsigned k = (i / 2 * 7) % BC_WORDS;
        unsigned v0 = __atomic_load_n(&bc_ver, __ATOMIC_ACQUIRE);
        struct block *b = block_get(c, BC_PAGE + 4 * k);
        block_count_exec(b);
        if (b->pc != BC_PAGE + 4 * k || b->n < 2 || b->insns[b->n - 1].op != OP_END_BLOCK)
            bc_fail();
        /* every MOVZ of the block holds one version, no older than v0 */
        for (uint32_t j = 0; j + 1 < b->n; j++) {
            const struct insn *in = &b->insns[j];
            if (in->raw == BC_RET)
                continue;
            if ((in->raw >> 5 & 0xffff) < v0 || in->op != OP_MOVZ)
                bc_fail();
        }
        /* a quiescent point between blocks, and now and then a system call */
        if (i % 64 == 0) {
            block_cache_idle_begin();
            sched_yield();
            block_cache_idle_end();
        } else {
            block_cache_quiesce();
        }
        __atomic_add_fetch(&bc_gets, 1, __ATOMIC_RELAXED);
    }
    block_thread_unregister(c);
    free(c);
    return NULL;
}

static void *bc_writer(void *p)
{
    struct cpu *c = aligned_alloc(64, (sizeof *c + 63) & ~(size_t)63);
    memset(c, 0, sizeof *c);
    block_thread_register(c);
    for (unsigned v = 1; v <= BC_VERSIONS; v++) {
        uint64_t g0 = __atomic_load_n(&bc_gets, __ATOMIC_RELAXED);
        bc_write_code(BC_PAGE, v, BC_WORDS);
        /* one line, as IC IVAU does, or the whole page, as munmap does */
        if (v % 2)
            block_invalidate(BC_PAGE + 64 * (v % 64), 64);
        else
            block_invalidate(BC_PAGE, GUEST_PAGE);
        __atomic_store_n(&bc_ver, v, __ATOMIC_RELEASE);
        /* a thread running blocks of its own meanwhile */
        struct block *b = block_get(c, BC_PAGE + GUEST_PAGE + 4 * (v % 16));
        if (b->pc != BC_PAGE + GUEST_PAGE + 4 * (v % 16))
            bc_fail();
        block_cache_quiesce();
        /* the readers get a few blocks of each version, however the host
         * schedules the threads */
        while (__atomic_load_n(&bc_gets, __ATOMIC_RELAXED) < g0 + BC_READERS)
            sched_yield();
    }
    block_thread_unregister(c);
    free(c);
    return NULL;
}

START_TEST(test_bcache_stress)
{
    bc_map();
    bc_ver = 0;
    bc_stop = 0;
    bc_failures = 0;
    bc_gets = 0;
    pthread_t r[BC_READERS], w;
    for (unsigned t = 0; t < BC_READERS; t++)
        ck_assert_int_eq(pthread_create(&r[t], NULL, bc_reader, (void *)(uintptr_t)t), 0);
    ck_assert_int_eq(pthread_create(&w, NULL, bc_writer, NULL), 0);
    pthread_join(w, NULL);
    __atomic_store_n(&bc_stop, 1, __ATOMIC_RELEASE);
    for (unsigned t = 0; t < BC_READERS; t++)
        pthread_join(r[t], NULL);
    ck_assert_uint_eq(bc_failures, 0);
    ck_assert_uint_ge(bc_gets, (uint64_t)BC_VERSIONS * BC_READERS);
    /* every thread is gone: the last quiescent point frees the rest */
    block_cache_quiesce();
    ck_assert_uint_eq(block_cache_retired_pending(), 0);
    /* the cache holds the last version */
    struct cpu *c = bc_cpu();
    ck_assert_uint_eq(block_get(c, BC_PAGE)->insns[0].raw, bc_movz(0, BC_VERSIONS));
    free(c);
}
END_TEST

/* an invalidation that lands between a decode and its insertion (here from
 * the decode hook; in life from another thread) makes the decode start
 * again, so the stale block never enters the cache; a decode that loses
 * every time runs uncached, retired at once */
static unsigned bc_hook_left, bc_hook_ver;
static void bc_hook(uint64_t pc)
{
    if (!bc_hook_left)
        return;
    bc_hook_left--;
    bc_write_code(BC_PAGE, ++bc_hook_ver, 1);
    block_invalidate(BC_PAGE, 4);
}

START_TEST(test_bcache_stale_decode)
{
    bc_map();
    struct cpu *c = bc_cpu();
    block_decode_hook = bc_hook;
    bc_hook_ver = 0;
    bc_hook_left = 1;
    struct block *b = block_get(c, BC_PAGE);
    ck_assert_uint_eq(b->insns[0].raw, bc_movz(0, 1)); /* decoded again */
    ck_assert_ptr_eq(block_get(c, BC_PAGE), b);         /* and cached */
    ck_assert_uint_eq(block_cache_retired_pending(), 0);

    block_invalidate(BC_PAGE, GUEST_PAGE);
    block_cache_quiesce();
    bc_hook_left = 100;
    b = block_get(c, BC_PAGE);
    /* four decodes, each followed by a rewrite: it runs the fourth, once */
    ck_assert_uint_eq(bc_hook_ver, 5);
    ck_assert_uint_eq(b->insns[0].raw, bc_movz(0, 4));
    ck_assert_uint_eq(block_cache_retired_pending(), 1);
    bc_hook_left = 0;
    struct block *b2 = block_get(c, BC_PAGE);
    ck_assert_ptr_ne(b2, b);
    ck_assert_uint_eq(b2->insns[0].raw, bc_movz(0, 5));
    block_decode_hook = NULL;
    block_cache_quiesce();
    ck_assert_uint_eq(block_cache_retired_pending(), 0);
    free(c);
}
END_TEST

/* the counter is a relaxed load and store that stops at BLOCK_COUNT_MAX */
START_TEST(test_bcache_count)
{
    bc_map();
    struct cpu *c = bc_cpu();
    struct block *b = block_get(c, BC_PAGE);
    ck_assert_uint_eq(block_count_read(b), 0);
    block_count_exec(b);
    ck_assert_uint_eq(block_count_read(b), 1);
    b->count = BLOCK_COUNT_MAX - 1;
    block_count_exec(b);
    block_count_exec(b);
    ck_assert_uint_eq(block_count_read(b), BLOCK_COUNT_MAX);
    free(c);
}
END_TEST

/* fork: only the forking thread's record survives in the child, so a block
 * another thread held back in the parent is freed at the child's next
 * quiescent point; the parent's state is as it was */
START_TEST(test_bcache_fork)
{
    bc_map();
    struct cpu *c = bc_cpu();
    block_thread_register(c);
    struct bc_agent a;
    bc_agent_start(&a);
    block_get(c, BC_PAGE);
    ck_assert(block_invalidate(BC_PAGE, 4));
    block_cache_quiesce();
    ck_assert_uint_eq(block_cache_retired_pending(), 1);
    block_cache_before_fork();
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        block_cache_after_fork();
        int ok = block_cache_retired_pending() == 1;
        block_cache_quiesce();
        ok = ok && block_cache_retired_pending() == 0;
        /* the cache still works: decode, retire, free */
        ok = ok && block_get(c, BC_PAGE + 4)->pc == BC_PAGE + 4;
        ok = ok && block_invalidate(BC_PAGE, 4);
        block_cache_quiesce();
        ok = ok && block_cache_retired_pending() == 0;
        _exit(ok ? 0 : 1);
    }
    block_cache_after_fork_parent();
    int st;
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert(WIFEXITED(st) && WEXITSTATUS(st) == 0);
    ck_assert_uint_eq(block_cache_retired_pending(), 1);
    bc_agent_stop(&a);
    ck_assert_uint_eq(block_cache_retired_pending(), 0);
    block_thread_unregister(c);
    free(c);
}
END_TEST

Suite *suite_bcache_mt(void)
{
    Suite *s = suite_create("bcache_mt");
    TCase *t = tcase_create("bcache");
    tcase_set_timeout(t, 120);
    tcase_add_test(t, test_bcache_page_index);
    tcase_add_test(t, test_bcache_epoch);
    tcase_add_test(t, test_bcache_insert_race);
    tcase_add_test(t, test_bcache_stale_decode);
    tcase_add_test(t, test_bcache_stress);
    tcase_add_test(t, test_bcache_count);
    tcase_add_test(t, test_bcache_fork);
    suite_add_tcase(s, t);
    return s;
}

/* The robust-list walk (futex_robust_exit, syscalls/futex.c) on lists built
 * in a small guest region, as the kernel's exit_robust_list treats them:
 * OWNER_DIED set on the words that hold the dead thread's tid (FUTEX_WAITERS
 * kept), a foreign tid left alone, one waiter woken (a real host thread
 * blocked in a shared FUTEX_WAIT on the word) only for a non-PI word that
 * had waiters, the pending entry (list_op_pending: a free word just woken),
 * the limit of 2048 entries on a long and on a cyclic list, and the walk
 * stopping at an unreadable entry or an owned word it cannot write. */
#include <check.h>
#include <errno.h>
#include <linux/futex.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/mem.h"
#include "syscalls/abi_proc.h"
#include "syscalls/futex.h"

#define FT_G 0x50000000ull          /* the test region */
#define FT_RW 0x10000ull            /* its first 64 KiB are read/write */
#define FT_RO (FT_G + FT_RW)        /* then a read-only page */
#define FT_NONE (FT_RO + 0x1000ull) /* then an unmapped one */
#define FT_HEAD FT_G                /* the list head */
#define FT_E(k) (FT_G + 0x100ull + 16ull * (k)) /* entry k: its link, its word at +8 */
#define FT_TID 4242                 /* the dying thread */

static struct cpu fcpu;

static void ft_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert_int_eq(mprotect(guest_base + FT_G, FT_RW + 0x1000, PROT_READ | PROT_WRITE), 0);
    memset(guest_base + FT_G, 0, FT_RW + 0x1000);
    ck_assert_int_eq(mprotect(guest_base + FT_RO, 0x1000, PROT_READ), 0);
    mem_set_flags(FT_G, FT_RW, mem_prot_flags(3));
    mem_set_flags(FT_RO, 0x1000, mem_prot_flags(1));
    memset(&fcpu, 0, sizeof fcpu);
    fcpu.tid = FT_TID;
    fcpu.proc.robust_head = FT_HEAD;
    fcpu.proc.robust_len = 24;
}

static void ft_teardown(void)
{
    mem_set_flags(FT_G, FT_RW + 0x2000, 0);
    mprotect(guest_base + FT_G, FT_RW + 0x2000, PROT_NONE);
}

static void ft_put64(uint64_t ga, uint64_t v) { memcpy(g2h(ga), &v, 8); }
static uint32_t *ft_word(uint64_t ga) { return (uint32_t *)g2h(ga); }

/* the head: first link, futex offset, pending entry */
static void ft_head(uint64_t first, int64_t off, uint64_t pending)
{
    ft_put64(FT_HEAD, first);
    ft_put64(FT_HEAD + 8, (uint64_t)off);
    ft_put64(FT_HEAD + 16, pending);
}

/* links n entries FT_E(0..n-1) in order, the last back to the head, each
 * word (at +8) set to words[k] */
static void ft_chain(int n, const uint32_t *words)
{
    ft_head(FT_E(0), 8, 0);
    for (int k = 0; k < n; k++) {
        ft_put64(FT_E(k), k + 1 < n ? FT_E(k + 1) : FT_HEAD);
        *ft_word(FT_E(k) + 8) = words[k];
    }
}

/* ---- a host thread blocked in a shared FUTEX_WAIT on a guest word ---- */

struct ft_waiter {
    pthread_t th;
    uint64_t word;
    uint32_t val;
    long ms;
    int tid; /* atomic: the starter polls it */
    long r;
    int err;
};

static void *ft_wait_main(void *p)
{
    struct ft_waiter *w = p;
    __atomic_store_n(&w->tid, (int)syscall(SYS_gettid), __ATOMIC_RELEASE);
    struct timespec t = {w->ms / 1000, (w->ms % 1000) * 1000000};
    w->r = syscall(SYS_futex, g2h(w->word), FUTEX_WAIT, w->val, &t, NULL, 0);
    w->err = errno;
    return NULL;
}

/* starts the waiter and returns once it sleeps in futex (its
 * /proc/self/task/TID/syscall names the call; without that file, after
 * 100 ms) */
static void ft_wait_start(struct ft_waiter *w, uint64_t word, uint32_t val, long ms)
{
    *w = (struct ft_waiter){.word = word, .val = val, .ms = ms};
    ck_assert_int_eq(pthread_create(&w->th, NULL, ft_wait_main, w), 0);
    for (int i = 0; i < 2000; i++) {
        char path[64], buf[64] = "";
        int tid = __atomic_load_n(&w->tid, __ATOMIC_ACQUIRE);
        if (tid) {
            snprintf(path, sizeof path, "/proc/self/task/%d/syscall", tid);
            FILE *f = fopen(path, "r");
            if (!f) {
                usleep(100 * 1000);
                return;
            }
            if (!fgets(buf, sizeof buf, f))
                buf[0] = 0;
            fclose(f);
            char want[16];
            snprintf(want, sizeof want, "%d ", SYS_futex);
            if (!strncmp(buf, want, strlen(want)))
                return;
        }
        usleep(1000);
    }
    ck_abort_msg("the waiter never blocked");
}

/* joins the waiter: 0 when it was woken, else its errno */
static int ft_wait_end(struct ft_waiter *w)
{
    ck_assert_int_eq(pthread_join(w->th, NULL), 0);
    return w->r == 0 ? 0 : w->err;
}

/* ---- tests ---- */

START_TEST(test_robust_owner_died)
{
    ft_setup();
    uint32_t words[] = {FT_TID, FT_TID | FUTEX_WAITERS_A64, 77, 77 | FUTEX_WAITERS_A64,
                        FT_TID | FUTEX_OWNER_DIED_A64, 0};
    ft_chain(6, words);
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(*ft_word(FT_E(0) + 8), FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(1) + 8), FUTEX_WAITERS_A64 | FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(2) + 8), 77);                      /* another owner */
    ck_assert_uint_eq(*ft_word(FT_E(3) + 8), 77 | FUTEX_WAITERS_A64);
    ck_assert_uint_eq(*ft_word(FT_E(4) + 8), FUTEX_OWNER_DIED_A64);   /* died again */
    ck_assert_uint_eq(*ft_word(FT_E(5) + 8), 0);
    /* the list is forgotten: a second exit touches nothing */
    ck_assert_uint_eq(fcpu.proc.robust_head, 0);
    *ft_word(FT_E(0) + 8) = FT_TID;
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(*ft_word(FT_E(0) + 8), FT_TID);
    ft_teardown();
}
END_TEST

/* glibc's entries lie after their word: a negative offset */
START_TEST(test_robust_negative_offset)
{
    ft_setup();
    ft_head(FT_E(1), -8, 0);
    ft_put64(FT_E(1), FT_HEAD);
    *ft_word(FT_E(1) - 8) = FT_TID | FUTEX_WAITERS_A64;
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(*ft_word(FT_E(1) - 8), FUTEX_WAITERS_A64 | FUTEX_OWNER_DIED_A64);
    ft_teardown();
}
END_TEST

/* one waiter of a non-PI word with FUTEX_WAITERS is woken; a PI word's is
 * not (the kernel leaves those to the PI state), nor a word without the bit */
START_TEST(test_robust_wakes)
{
    ft_setup();
    uint32_t words[] = {FT_TID | FUTEX_WAITERS_A64, FT_TID | FUTEX_WAITERS_A64, FT_TID};
    ft_chain(3, words);
    ft_put64(FT_E(0), FT_E(1) | 1); /* entry 1 is a PI futex */
    struct ft_waiter w0, w1, w2;
    ft_wait_start(&w0, FT_E(0) + 8, FT_TID | FUTEX_WAITERS_A64, 5000);
    ft_wait_start(&w1, FT_E(1) + 8, FT_TID | FUTEX_WAITERS_A64, 300);
    ft_wait_start(&w2, FT_E(2) + 8, FT_TID, 300);
    futex_robust_exit(&fcpu);
    ck_assert_int_eq(ft_wait_end(&w0), 0);
    ck_assert_int_eq(ft_wait_end(&w1), ETIMEDOUT);
    ck_assert_int_eq(ft_wait_end(&w2), ETIMEDOUT);
    ck_assert_uint_eq(*ft_word(FT_E(0) + 8), FUTEX_WAITERS_A64 | FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(1) + 8), FUTEX_WAITERS_A64 | FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(2) + 8), FUTEX_OWNER_DIED_A64);
    ft_teardown();
}
END_TEST

/* list_op_pending: an owned word is marked like a listed one, after the
 * walk; a free non-PI word only gets its waiter woken; a pending entry on
 * the list too is marked once */
START_TEST(test_robust_pending)
{
    ft_setup();
    uint32_t words[] = {FT_TID};
    ft_chain(1, words);
    ft_put64(FT_HEAD + 16, FT_E(5));
    *ft_word(FT_E(5) + 8) = FT_TID;
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(*ft_word(FT_E(0) + 8), FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(5) + 8), FUTEX_OWNER_DIED_A64);

    /* a free pending word: woken, left 0 */
    ft_chain(1, words);
    ft_put64(FT_HEAD + 16, FT_E(5));
    *ft_word(FT_E(5) + 8) = 0;
    fcpu.proc.robust_head = FT_HEAD;
    struct ft_waiter w;
    ft_wait_start(&w, FT_E(5) + 8, 0, 5000);
    futex_robust_exit(&fcpu);
    ck_assert_int_eq(ft_wait_end(&w), 0);
    ck_assert_uint_eq(*ft_word(FT_E(5) + 8), 0);

    /* a free pending PI word: nothing (a PI word is never woken here) */
    ft_chain(1, words);
    ft_put64(FT_HEAD + 16, FT_E(5) | 1);
    fcpu.proc.robust_head = FT_HEAD;
    ft_wait_start(&w, FT_E(5) + 8, 0, 300);
    futex_robust_exit(&fcpu);
    ck_assert_int_eq(ft_wait_end(&w), ETIMEDOUT);

    /* pending and on the list: marked (once; a second pass would find no tid) */
    ft_chain(2, (uint32_t[]){FT_TID, FT_TID | FUTEX_WAITERS_A64});
    ft_put64(FT_HEAD + 16, FT_E(1));
    fcpu.proc.robust_head = FT_HEAD;
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(*ft_word(FT_E(0) + 8), FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(1) + 8), FUTEX_WAITERS_A64 | FUTEX_OWNER_DIED_A64);
    ft_teardown();
}
END_TEST

/* at most ROBUST_LIST_LIMIT entries, then the pending one */
START_TEST(test_robust_limit)
{
    ft_setup();
    enum { N = ROBUST_LIST_LIMIT_A64 + 2 };
    static uint32_t words[N];
    for (int k = 0; k < N; k++)
        words[k] = FT_TID;
    ck_assert(FT_E(N + 1) + 16 <= FT_G + FT_RW);
    ft_chain(N, words);
    ft_put64(FT_HEAD + 16, FT_E(N));
    *ft_word(FT_E(N) + 8) = FT_TID;
    futex_robust_exit(&fcpu);
    for (int k = 0; k < ROBUST_LIST_LIMIT_A64; k++)
        ck_assert_uint_eq(*ft_word(FT_E(k) + 8), FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(ROBUST_LIST_LIMIT_A64) + 8), FT_TID);
    ck_assert_uint_eq(*ft_word(FT_E(ROBUST_LIST_LIMIT_A64 + 1) + 8), FT_TID);
    ck_assert_uint_eq(*ft_word(FT_E(N) + 8), FUTEX_OWNER_DIED_A64);

    /* a cycle that never comes back to the head ends too */
    ft_head(FT_E(0), 8, FT_E(7));
    ft_put64(FT_E(0), FT_E(1));
    ft_put64(FT_E(1), FT_E(0));
    *ft_word(FT_E(0) + 8) = FT_TID;
    *ft_word(FT_E(1) + 8) = FT_TID | FUTEX_WAITERS_A64;
    *ft_word(FT_E(7) + 8) = FT_TID;
    fcpu.proc.robust_head = FT_HEAD;
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(*ft_word(FT_E(0) + 8), FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(1) + 8), FUTEX_WAITERS_A64 | FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(7) + 8), FUTEX_OWNER_DIED_A64);
    ft_teardown();
}
END_TEST

/* the walk stops, silently, at an entry it cannot read (that entry's word
 * is still looked at if it can be, as the kernel fetches the link first
 * and handles the word before giving up), at an owned word it cannot write
 * or that is misaligned; the pending entry is then left too */
START_TEST(test_robust_stops)
{
    ft_setup();
    /* entry 1 links into the unmapped page */
    uint32_t words[] = {FT_TID, FT_TID, FT_TID};
    ft_chain(3, words);
    ft_put64(FT_E(0), FT_NONE + 0x10);
    ft_put64(FT_HEAD + 16, FT_E(5));
    *ft_word(FT_E(5) + 8) = FT_TID;
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(*ft_word(FT_E(0) + 8), FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(1) + 8), FT_TID);
    ck_assert_uint_eq(*ft_word(FT_E(5) + 8), FT_TID);

    /* an entry whose link is the last readable word before the unmapped
     * page: its own word (past the end) is unreadable, so the walk ends
     * there */
    ft_chain(3, words);
    uint64_t edge = FT_RO + 0x1000 - 8;
    ft_put64(FT_E(0), edge);
    fcpu.proc.robust_head = FT_HEAD;
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(*ft_word(FT_E(0) + 8), FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(1) + 8), FT_TID);

    /* an owned word on a read-only page: the walk ends; a foreign one
     * there is simply skipped */
    ft_chain(3, words);
    uint64_t ro = FT_RO + 0x100;
    ck_assert_int_eq(mprotect(guest_base + FT_RO, 0x1000, PROT_READ | PROT_WRITE), 0);
    ft_put64(ro, FT_E(1));
    *ft_word(ro + 8) = 77;
    ft_put64(ro + 16, FT_E(1));
    *ft_word(ro + 24) = FT_TID;
    ck_assert_int_eq(mprotect(guest_base + FT_RO, 0x1000, PROT_READ), 0);
    ft_put64(FT_E(0), ro);
    fcpu.proc.robust_head = FT_HEAD;
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(*ft_word(FT_E(0) + 8), FUTEX_OWNER_DIED_A64);
    ck_assert_uint_eq(*ft_word(FT_E(1) + 8), FUTEX_OWNER_DIED_A64); /* past the foreign word */
    ft_chain(3, words);
    ft_put64(FT_E(0), ro + 16);
    fcpu.proc.robust_head = FT_HEAD;
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(*ft_word(ro + 24), FT_TID);
    ck_assert_uint_eq(*ft_word(FT_E(1) + 8), FT_TID); /* stopped at the owned one */

    /* a misaligned word */
    ft_chain(3, words);
    ft_put64(FT_HEAD + 8, 9);
    fcpu.proc.robust_head = FT_HEAD;
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(*ft_word(FT_E(0) + 8), FT_TID);

    /* an unreadable head, a null one: nothing */
    fcpu.proc.robust_head = FT_NONE;
    futex_robust_exit(&fcpu);
    ck_assert_uint_eq(fcpu.proc.robust_head, 0);
    futex_robust_exit(&fcpu);
    ft_teardown();
}
END_TEST

Suite *suite_futex(void)
{
    Suite *s = suite_create("futex");
    TCase *t = tcase_create("robust");
    tcase_set_timeout(t, 30);
    tcase_add_test(t, test_robust_owner_died);
    tcase_add_test(t, test_robust_negative_offset);
    tcase_add_test(t, test_robust_wakes);
    tcase_add_test(t, test_robust_pending);
    tcase_add_test(t, test_robust_limit);
    tcase_add_test(t, test_robust_stops);
    suite_add_tcase(s, t);
    return s;
}

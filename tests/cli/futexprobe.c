/* Guest for the futex cases of the command-line suite (tests/cli/cases_futex.sh):
 * futex(2) and futex_waitv(2) with one thread (and a forked child where two
 * tasks are needed). Every line is "NAME: RESULT" where RESULT is the call's
 * value or its errno's name, sometimes followed by what the call left in a
 * word; times are checked here and printed as "time ok" or the time itself.
 *   errors  bad ops, flags, pointers, timeouts and counts: the kernel's errno
 *   wait    a mismatching value, timed waits (relative, absolute on both
 *           clocks), a wake without waiters
 *   ops     WAKE_OP (the second word changed), the requeues, WAKE_BITSET
 *   pi      TRYLOCK_PI/LOCK_PI/LOCK_PI2/UNLOCK_PI on free, own, dead and
 *           live owners (the live one is a forked child: LOCK_PI times out)
 *   waitv   futex_waitv's checks, a mismatch and timeouts
 *   shared  a WAIT in a forked child on a MAP_SHARED word, woken by the parent
 *   intr    waits a SIGALRM handler interrupts: EINTR or a restart, by op
 *   strace  a few calls of each shape, for the --strace lines
 * usage: futexprobe errors|wait|ops|pi|waitv|shared|intr|strace */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/futex.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#ifndef SYS_futex_waitv
#define SYS_futex_waitv 449
#endif
#define FUTEX2_SIZE_U8 0x00
#define FUTEX2_SIZE_U32 0x02
#define FUTEX2_SIZE_U64 0x03
#define FUTEX2_PRIVATE FUTEX_PRIVATE_FLAG

static uint32_t *page;    /* a private read/write page: words at page[0..] */
static uint32_t *gone;    /* an address in the unmapped page after it */
static uint32_t *beyond;  /* an address no process can read */

static long fx(void *uaddr, long op, uint32_t val, const void *ts, void *uaddr2, uint32_t val3)
{
    return syscall(SYS_futex, uaddr, op, val, ts, uaddr2, val3);
}

static long fv(void *w, long nr, long flags, const void *ts, long clk)
{
    return syscall(SYS_futex_waitv, w, nr, flags, ts, clk);
}

static void say(const char *name, long r)
{
    if (r >= 0)
        printf("%s: %ld\n", name, r);
    else
        printf("%s: %s\n", name, strerrorname_np(errno));
}

static double now(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static struct timespec in_ms(clockid_t clk, long ms)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    ts.tv_nsec += ms * 1000000;
    ts.tv_sec += ts.tv_nsec / 1000000000;
    ts.tv_nsec %= 1000000000;
    return ts;
}

/* "NAME: RESULT time ok" when the call took about ms milliseconds */
static void say_timed(const char *name, long r, double t0, long ms)
{
    int e = errno;
    double dt = now(CLOCK_MONOTONIC) - t0;
    errno = e;
    printf("%s: %s ", name, r >= 0 ? "ok" : strerrorname_np(errno));
    if (dt >= ms / 1000.0 - 0.001 && dt < ms / 1000.0 + 1.0)
        printf("time ok\n");
    else
        printf("time %.3f s\n", dt);
}

static long tid(void) { return syscall(SYS_gettid); }

/* the word as "free", "self", "self|WAITERS", "OWNER_DIED|self"... */
static const char *owner(uint32_t w, long other)
{
    static char b[64];
    long t = w & FUTEX_TID_MASK;
    snprintf(b, sizeof b, "%s%s%s%s", w & FUTEX_OWNER_DIED ? "OWNER_DIED|" : "",
             t == 0 ? "free" : t == tid() ? "self" : t == other ? "other" : "?",
             w & FUTEX_WAITERS ? "|WAITERS" : "", "");
    return b;
}

static void do_errors(void)
{
    uint32_t *w = page;
    char *c = (char *)page;
    struct timespec ok = {0, 1000}, bad_nsec = {0, 1000000000}, neg_nsec = {0, -1},
                    neg_sec = {-1, 0};
    w[0] = 1;
    say("op 14", fx(w, 14, 0, NULL, NULL, 0));
    say("op 127", fx(w, 127, 0, NULL, NULL, 0));
    say("op fd", fx(w, FUTEX_FD, 0, NULL, NULL, 0));
    say("op wake|0x1000", fx(w, FUTEX_WAKE | 0x1000, 1, NULL, NULL, 0));
    say("op wake|0x100000000", fx(w, FUTEX_WAKE | 0x100000000L, 1, NULL, NULL, 0));
    say("wake realtime", fx(w, FUTEX_WAKE | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0));
    say("wait realtime", fx(w, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, NULL, NULL, 0));
    say("wait realtime bad timeout", fx(w, FUTEX_WAIT | FUTEX_CLOCK_REALTIME, 1, &neg_nsec, NULL, 0));
    say("lock_pi realtime", fx(w, FUTEX_LOCK_PI | FUTEX_CLOCK_REALTIME, 0, NULL, NULL, 0));
    say("trylock_pi realtime", fx(w, FUTEX_TRYLOCK_PI | FUTEX_CLOCK_REALTIME, 0, NULL, NULL, 0));
    say("cmp_requeue realtime", fx(w, FUTEX_CMP_REQUEUE | FUTEX_CLOCK_REALTIME, 0, NULL, w + 1, 1));
    /* pointers */
    say("wait misaligned", fx(c + 1, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0));
    say("wait misaligned 2", fx(c + 2, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0));
    say("wait null", fx(NULL, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0));
    say("wait unmapped", fx(gone, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0));
    say("wait beyond", fx(beyond, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0));
    say("wait shared unmapped", fx(gone, FUTEX_WAIT, 1, NULL, NULL, 0));
    say("wake misaligned", fx(c + 1, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
    say("wake private unmapped", fx(gone, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
    say("wake shared unmapped", fx(gone, FUTEX_WAKE, 1, NULL, NULL, 0));
    say("wake garbage timeout", fx(w, FUTEX_WAKE_PRIVATE, 1, (void *)1, (void *)1, 0));
    /* timeouts: read and checked before anything else */
    say("wait bad nsec", fx(w, FUTEX_WAIT_PRIVATE, 1, &bad_nsec, NULL, 0));
    say("wait negative nsec", fx(w, FUTEX_WAIT_PRIVATE, 1, &neg_nsec, NULL, 0));
    say("wait negative sec", fx(w, FUTEX_WAIT_PRIVATE, 1, &neg_sec, NULL, 0));
    say("wait timeout unmapped", fx(w, FUTEX_WAIT_PRIVATE, 1, gone, NULL, 0));
    say("wait timeout unmapped, word misaligned", fx(c + 1, FUTEX_WAIT_PRIVATE, 1, gone, NULL, 0));
    say("wait bad nsec, word unmapped", fx(gone, FUTEX_WAIT_PRIVATE, 1, &bad_nsec, NULL, 0));
    say("wait_bitset bad nsec", fx(w, FUTEX_WAIT_BITSET_PRIVATE, 1, &bad_nsec, NULL, ~0u));
    say("lock_pi bad nsec", fx(w, FUTEX_LOCK_PI_PRIVATE, 0, &bad_nsec, NULL, 0));
    say("lock_pi2 negative sec", fx(w, FUTEX_LOCK_PI2_PRIVATE, 0, &neg_sec, NULL, 0));
    say("wait_requeue_pi bad nsec", fx(w, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 1, &bad_nsec, w + 1, 0));
    say("op 14 bad timeout", fx(w, 14, 0, &bad_nsec, NULL, 0));
    /* bitsets */
    say("wait_bitset bitset 0", fx(w, FUTEX_WAIT_BITSET_PRIVATE, 1, &ok, NULL, 0));
    say("wait_bitset bitset 0, word unmapped", fx(gone, FUTEX_WAIT_BITSET_PRIVATE, 1, NULL, NULL, 0));
    say("wake_bitset bitset 0", fx(w, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0));
    say("wake_bitset bitset 0, word misaligned", fx(c + 1, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 0));
    say("wait bitset 0 ignored", fx(w, FUTEX_WAIT_PRIVATE, 2, NULL, NULL, 0));
    /* requeues: counts, then the words in order */
    say("requeue nr_wake -1", fx(w, FUTEX_REQUEUE_PRIVATE, -1, (void *)1, w + 1, 0));
    say("requeue nr_requeue -1", fx(w, FUTEX_REQUEUE_PRIVATE, 1, (void *)0xffffffffL, w + 1, 0));
    say("requeue nr_requeue -1, words bad", fx(gone, FUTEX_REQUEUE_PRIVATE, 1, (void *)0xffffffffL, c + 1, 0));
    say("requeue val2 high bits", fx(w, FUTEX_REQUEUE_PRIVATE, 1, (void *)0x100000001L, w + 1, 0));
    say("requeue uaddr2 misaligned", fx(w, FUTEX_REQUEUE_PRIVATE, 1, (void *)1, c + 5, 0));
    say("requeue uaddr2 null", fx(w, FUTEX_REQUEUE_PRIVATE, 1, (void *)1, NULL, 0));
    say("requeue uaddr2 private unmapped", fx(w, FUTEX_REQUEUE_PRIVATE, 1, (void *)1, gone, 0));
    say("requeue uaddr2 shared unmapped", fx(w, FUTEX_REQUEUE, 1, (void *)1, gone, 0));
    say("requeue uaddr null, uaddr2 misaligned", fx(NULL, FUTEX_REQUEUE_PRIVATE, 1, (void *)1, c + 5, 0));
    say("cmp_requeue mismatch", fx(w, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, w + 1, 2));
    say("cmp_requeue uaddr unmapped", fx(gone, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, w + 1, 1));
    say("cmp_requeue_pi nr_wake 2", fx(w, FUTEX_CMP_REQUEUE_PI_PRIVATE, 2, (void *)1, w + 1, 1));
    say("cmp_requeue_pi nr_wake 0", fx(w, FUTEX_CMP_REQUEUE_PI_PRIVATE, 0, (void *)1, w + 1, 1));
    say("cmp_requeue_pi same word", fx(w, FUTEX_CMP_REQUEUE_PI_PRIVATE, 1, (void *)1, w, 1));
    say("cmp_requeue_pi nr_wake 2, word null", fx(NULL, FUTEX_CMP_REQUEUE_PI_PRIVATE, 2, (void *)1, w + 1, 1));
    say("cmp_requeue_pi mismatch", fx(w, FUTEX_CMP_REQUEUE_PI_PRIVATE, 1, (void *)1, w + 1, 2));
    say("wait_requeue_pi same word", fx(w, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 1, NULL, w, 0));
    say("wait_requeue_pi same word, misaligned", fx(c + 1, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 1, NULL, c + 1, 0));
    say("wait_requeue_pi mismatch", fx(w, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 2, NULL, w + 1, 0));
    say("wait_requeue_pi uaddr2 misaligned", fx(w, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 2, NULL, c + 5, 0));
    say("wait_requeue_pi uaddr2 null, uaddr misaligned", fx(c + 1, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 2, NULL, NULL, 0));
    say("wait_requeue_pi uaddr misaligned", fx(c + 1, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 2, NULL, w + 1, 0));
    say("wake_op uaddr2 misaligned", fx(w, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, c + 5, 0));
    say("wake_op uaddr2 unmapped", fx(w, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, gone, 0));
    say("wake_op uaddr2 null", fx(w, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, NULL, 0));
    say("wake_op uaddr misaligned, uaddr2 null", fx(c + 1, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, NULL, 0));
    say("wake_op negative counts", fx(w, FUTEX_WAKE_OP_PRIVATE, -1, (void *)-1L, w + 1, 0));
    /* PI words */
    w[0] = 0;
    w[1] = 0;
    say("unlock_pi free", fx(w, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    say("unlock_pi misaligned, not the owner", fx(c + 1, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    uint32_t t = (uint32_t)tid();
    memcpy(c + 1, &t, 4);
    say("unlock_pi misaligned, the owner", fx(c + 1, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    w[0] = w[1] = 0;
    say("unlock_pi unmapped", fx(gone, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    say("unlock_pi null", fx(NULL, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    say("trylock_pi misaligned", fx(c + 1, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    say("trylock_pi null", fx(NULL, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    say("lock_pi misaligned", fx(c + 1, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    say("lock_pi unmapped", fx(gone, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0));
}

static void do_wait(void)
{
    uint32_t *w = page;
    w[0] = 5;
    say("wait mismatch", fx(w, FUTEX_WAIT_PRIVATE, 4, NULL, NULL, 0));
    say("wait shared mismatch", fx(w, FUTEX_WAIT, 4, NULL, NULL, 0));
    say("wait_bitset mismatch", fx(w, FUTEX_WAIT_BITSET_PRIVATE, 4, NULL, NULL, 1));
    struct timespec rel = {0, 20 * 1000000}, zero = {0, 0};
    double t0 = now(CLOCK_MONOTONIC);
    long r = fx(w, FUTEX_WAIT_PRIVATE, 5, &rel, NULL, 0);
    say_timed("wait 20ms", r, t0, 20);
    t0 = now(CLOCK_MONOTONIC);
    r = fx(w, FUTEX_WAIT, 5, &rel, NULL, 0);
    say_timed("wait shared 20ms", r, t0, 20);
    say("wait zero timeout", fx(w, FUTEX_WAIT_PRIVATE, 5, &zero, NULL, 0));
    struct timespec abs = in_ms(CLOCK_MONOTONIC, 20);
    t0 = now(CLOCK_MONOTONIC);
    r = fx(w, FUTEX_WAIT_BITSET_PRIVATE, 5, &abs, NULL, FUTEX_BITSET_MATCH_ANY);
    say_timed("wait_bitset monotonic 20ms", r, t0, 20);
    abs = in_ms(CLOCK_REALTIME, 20);
    t0 = now(CLOCK_MONOTONIC);
    r = fx(w, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 5, &abs, NULL, 0x10);
    say_timed("wait_bitset realtime 20ms", r, t0, 20);
    say("wait_bitset past", fx(w, FUTEX_WAIT_BITSET_PRIVATE, 5, &zero, NULL, 1));
    say("wake no waiters", fx(w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0));
    say("wake shared no waiters", fx(w, FUTEX_WAKE, 100, NULL, NULL, 0));
    say("wake_bitset no waiters", fx(w, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 3));
}

static void do_ops(void)
{
    uint32_t *w = page, *w2 = page + 1;
    char b[64];
    w[0] = 1;
    w2[0] = 0;
    long r = fx(w, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, w2, FUTEX_OP(FUTEX_OP_SET, 5, FUTEX_OP_CMP_EQ, 0));
    snprintf(b, sizeof b, "wake_op set 5");
    say(b, r);
    printf("word2 %u\n", *w2);
    r = fx(w, FUTEX_WAKE_OP, 1, (void *)1, w2,
           FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_GT, 1) | (FUTEX_OP_OPARG_SHIFT << 28));
    say("wake_op add 1<<3", r);
    printf("word2 %u\n", *w2);
    r = fx(w, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, w2, FUTEX_OP(FUTEX_OP_ANDN, 1, FUTEX_OP_CMP_NE, 0));
    say("wake_op andn 1", r);
    printf("word2 %u\n", *w2);
    r = fx(w, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, w2, FUTEX_OP(FUTEX_OP_XOR, 0xff, FUTEX_OP_CMP_LT, 0));
    say("wake_op xor 0xff", r);
    printf("word2 %u\n", *w2);
    r = fx(w, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, w2, FUTEX_OP(FUTEX_OP_SET, 7, 7, 0));
    say("wake_op bad cmp", r);
    printf("word2 %u\n", *w2);
    r = fx(w, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, w2, FUTEX_OP(5, 9, FUTEX_OP_CMP_EQ, 0));
    say("wake_op bad op", r);
    printf("word2 %u\n", *w2);
    say("requeue", fx(w, FUTEX_REQUEUE_PRIVATE, 1, (void *)1, w2, 0));
    say("requeue shared", fx(w, FUTEX_REQUEUE, 1, (void *)1, w2, 0));
    say("cmp_requeue match", fx(w, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, w2, 1));
    say("cmp_requeue mismatch", fx(w, FUTEX_CMP_REQUEUE_PRIVATE, 1, (void *)1, w2, 0));
    say("cmp_requeue_pi match", fx(w, FUTEX_CMP_REQUEUE_PI_PRIVATE, 1, (void *)1, w2, 1));
    say("wake_bitset", fx(w, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 1));
}

/* a child process that sleeps until killed: a live tid that is not ours */
static pid_t sleeper(void)
{
    pid_t p = fork();
    if (p == 0) {
        for (;;)
            pause();
    }
    return p;
}

static void do_pi(void)
{
    uint32_t *w = page;
    w[0] = 0;
    say("trylock_pi free", fx(w, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    printf("word %s\n", owner(*w, 0));
    say("trylock_pi own", fx(w, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    say("lock_pi own", fx(w, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    say("unlock_pi", fx(w, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    printf("word %s\n", owner(*w, 0));
    say("unlock_pi free", fx(w, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    say("lock_pi free", fx(w, FUTEX_LOCK_PI, 0, NULL, NULL, 0));
    printf("word %s\n", owner(*w, 0));
    say("unlock_pi shared", fx(w, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0));
    struct timespec abs = in_ms(CLOCK_REALTIME, 1000);
    say("lock_pi2 realtime free", fx(w, FUTEX_LOCK_PI2_PRIVATE | FUTEX_CLOCK_REALTIME, 0, &abs, NULL, 0));
    printf("word %s\n", owner(*w, 0));
    say("unlock_pi", fx(w, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    /* a dead owner's tid: ESRCH; an owner that died with OWNER_DIED: taken over */
    pid_t dead = fork();
    if (dead == 0)
        _exit(0);
    waitpid(dead, NULL, 0);
    *w = (uint32_t)dead;
    say("lock_pi dead owner", fx(w, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    say("trylock_pi dead owner", fx(w, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    *w = FUTEX_OWNER_DIED;
    say("lock_pi owner died", fx(w, FUTEX_LOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    printf("word %s\n", owner(*w, 0));
    say("unlock_pi", fx(w, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0));
    /* a live owner (another process, on a shared word): the lock waits,
     * to its timeout, and leaves FUTEX_WAITERS set */
    uint32_t *sw = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sw == MAP_FAILED)
        exit(2);
    pid_t live = sleeper();
    *sw = (uint32_t)live;
    say("trylock_pi other", fx(sw, FUTEX_TRYLOCK_PI, 0, NULL, NULL, 0));
    abs = in_ms(CLOCK_REALTIME, 20);
    double t0 = now(CLOCK_MONOTONIC);
    long r = fx(sw, FUTEX_LOCK_PI, 0, &abs, NULL, 0);
    say_timed("lock_pi other 20ms", r, t0, 20);
    printf("word %s\n", owner(*sw, live));
    abs = in_ms(CLOCK_MONOTONIC, 20);
    t0 = now(CLOCK_MONOTONIC);
    r = fx(sw, FUTEX_LOCK_PI2, 0, &abs, NULL, 0);
    say_timed("lock_pi2 other 20ms", r, t0, 20);
    abs = in_ms(CLOCK_REALTIME, 20);
    t0 = now(CLOCK_MONOTONIC);
    r = fx(sw, FUTEX_LOCK_PI2 | FUTEX_CLOCK_REALTIME, 0, &abs, NULL, 0);
    say_timed("lock_pi2 realtime other 20ms", r, t0, 20);
    say("unlock_pi other's", fx(sw, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0));
    kill(live, SIGKILL);
    waitpid(live, NULL, 0);
}

static void do_waitv(void)
{
    uint32_t *w = page;
    struct futex_waitv v[129];
    memset(v, 0, sizeof v);
    w[0] = 1;
    w[1] = 2;
    for (int i = 0; i < 129; i++)
        v[i] = (struct futex_waitv){.val = 1, .uaddr = (uintptr_t)w, .flags = FUTEX2_SIZE_U32 | FUTEX2_PRIVATE};
    v[1].uaddr = (uintptr_t)(w + 1);
    v[1].val = 2;
    struct timespec abs, bad = {0, 1000000000};
    /* mismatches: the first word, then the second */
    v[0].val = 0;
    say("waitv mismatch", fv(v, 2, 0, NULL, 0));
    v[0].val = 1;
    v[1].val = 3;
    say("waitv second mismatch", fv(v, 2, 0, NULL, 0));
    v[1].val = 2;
    abs = in_ms(CLOCK_MONOTONIC, 20);
    double t0 = now(CLOCK_MONOTONIC);
    long r = fv(v, 2, 0, &abs, CLOCK_MONOTONIC);
    say_timed("waitv monotonic 20ms", r, t0, 20);
    abs = in_ms(CLOCK_REALTIME, 20);
    v[1].flags = FUTEX2_SIZE_U32; /* shared */
    t0 = now(CLOCK_MONOTONIC);
    r = fv(v, 2, 0, &abs, CLOCK_REALTIME);
    say_timed("waitv realtime 20ms", r, t0, 20);
    v[1].flags = FUTEX2_SIZE_U32 | FUTEX2_PRIVATE;
    struct timespec past = {0, 0};
    say("waitv past", fv(v, 2, 0, &past, CLOCK_MONOTONIC));
    /* the call's own arguments */
    say("waitv flags 1", fv(v, 2, 1, NULL, 0));
    say("waitv nr 0", fv(v, 0, 0, NULL, 0));
    say("waitv nr 128", fv(v, 128, 0, &past, CLOCK_MONOTONIC));
    say("waitv nr 129", fv(v, 129, 0, NULL, 0));
    say("waitv null", fv(NULL, 1, 0, NULL, 0));
    say("waitv boottime", fv(v, 2, 0, &past, CLOCK_BOOTTIME));
    v[0].val = 0;
    say("waitv boottime untimed", fv(v, 1, 0, NULL, CLOCK_BOOTTIME));
    v[0].val = 1;
    say("waitv bad nsec", fv(v, 2, 0, &bad, CLOCK_MONOTONIC));
    say("waitv timeout unmapped", fv(v, 2, 0, gone, CLOCK_MONOTONIC));
    say("waitv bad clock, timeout unmapped", fv(v, 2, 0, gone, 7));
    say("waitv array unmapped", fv(gone, 2, 0, NULL, 0));
    /* the entries: flags first (all of them), then the words */
    struct futex_waitv s[2];
    memcpy(s, v, sizeof s);
    s[0].flags = FUTEX2_SIZE_U64;
    say("waitv size u64", fv(s, 2, 0, NULL, 0));
    s[0].flags = FUTEX2_SIZE_U8;
    say("waitv size u8", fv(s, 2, 0, NULL, 0));
    s[0].flags = FUTEX2_PRIVATE;
    say("waitv no size", fv(s, 2, 0, NULL, 0));
    s[0].flags = FUTEX2_SIZE_U32 | 0x100;
    say("waitv flag 0x100", fv(s, 2, 0, NULL, 0));
    memcpy(s, v, sizeof s);
    s[1].__reserved = 1;
    say("waitv reserved", fv(s, 2, 0, NULL, 0));
    memcpy(s, v, sizeof s);
    s[0].val = 1ull << 32 | 1;
    say("waitv val above 32 bits", fv(s, 2, 0, NULL, 0));
    memcpy(s, v, sizeof s);
    s[1].uaddr = (uintptr_t)w + 1;
    say("waitv misaligned", fv(s, 2, 0, NULL, 0));
    s[1].uaddr = (uintptr_t)gone;
    say("waitv unmapped", fv(s, 2, 0, NULL, 0));
    s[1].uaddr = (uintptr_t)beyond;
    say("waitv beyond", fv(s, 2, 0, NULL, 0));
    s[1].uaddr = 0;
    say("waitv null word", fv(s, 2, 0, NULL, 0));
    s[0].uaddr = (uintptr_t)gone;
    s[1].uaddr = (uintptr_t)w + 2;
    say("waitv unmapped, then misaligned", fv(s, 2, 0, NULL, 0));
    memcpy(s, v, sizeof s);
    s[0].uaddr = (uintptr_t)w + 1;
    s[1].flags = 0;
    say("waitv misaligned, then bad flags", fv(s, 2, 0, NULL, 0));
    /* entry 0 bad, entry 1 past the end of the page: the flags win */
    struct futex_waitv *edge = (struct futex_waitv *)((char *)page + 4096 - sizeof *edge);
    *edge = v[0];
    edge->flags = 0;
    say("waitv bad flags, then unreadable", fv(edge, 2, 0, NULL, 0));
    edge->flags = FUTEX2_SIZE_U32;
    say("waitv unreadable second entry", fv(edge, 2, 0, NULL, 0));
}

static void do_shared(void)
{
    uint32_t *w = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (w == MAP_FAILED)
        exit(2);
    w[0] = 0;
    pid_t p = fork();
    if (p == 0) {
        struct timespec t = {10, 0};
        long r = fx(w, FUTEX_WAIT, 0, &t, NULL, 0);
        _exit(r == 0 ? 0 : 10 + errno);
    }
    /* wake until the child is there to be woken (the word stays 0, so it waits) */
    long woke = 0;
    double t0 = now(CLOCK_MONOTONIC);
    while (woke == 0 && now(CLOCK_MONOTONIC) - t0 < 5) {
        woke = fx(w, FUTEX_WAKE, 1, NULL, NULL, 0);
        if (woke == 0)
            usleep(1000);
    }
    int st;
    waitpid(p, &st, 0);
    printf("shared wake: %ld, child %d\n", woke, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
    /* a private wake does not reach another process's private key */
    p = fork();
    if (p == 0) {
        struct timespec t = {0, 300 * 1000000};
        long r = fx(w, FUTEX_WAIT, 0, &t, NULL, 0);
        _exit(r == 0 ? 0 : errno == ETIMEDOUT ? 1 : 10 + errno);
    }
    usleep(100 * 1000);
    long pw = fx(w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    waitpid(p, &st, 0);
    printf("private wake across processes: %ld, child %d\n", pw, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static volatile int alarms;
static void on_alarm(int sig) { alarms += sig == SIGALRM; }

/* a SIGALRM handler (with or without SA_RESTART) that runs ms from now */
static void alarm_in(long ms, int flags)
{
    struct sigaction sa = {.sa_handler = on_alarm, .sa_flags = flags};
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval it = {.it_value = {0, ms * 1000}};
    setitimer(ITIMER_REAL, &it, NULL);
}

/* "NAME: RESULT handler N" and whether it ended at about ms */
static void say_intr(const char *name, long r, double t0, long ms)
{
    char b[96];
    snprintf(b, sizeof b, "%s, handler %d", name, alarms);
    say_timed(b, r, t0, ms);
    alarms = 0;
}

/* waits a guest signal interrupts: the kernel's restart rules by op */
static void do_intr(void)
{
    uint32_t *w = page;
    uint32_t *sw = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (sw == MAP_FAILED)
        exit(2);
    w[0] = 1;
    /* a relative wait: restart block, EINTR once a handler ran */
    struct timespec rel = {0, 300 * 1000000};
    alarm_in(50, SA_RESTART);
    double t0 = now(CLOCK_MONOTONIC);
    long r = fx(w, FUTEX_WAIT_PRIVATE, 1, &rel, NULL, 0);
    say_intr("wait 300ms, SA_RESTART", r, t0, 50);
    /* untimed: -ERESTARTSYS, EINTR without SA_RESTART */
    alarm_in(50, 0);
    t0 = now(CLOCK_MONOTONIC);
    r = fx(w, FUTEX_WAIT_PRIVATE, 1, NULL, NULL, 0);
    say_intr("wait untimed", r, t0, 50);
    /* futex_waitv: -ERESTARTSYS (absolute: a restart waits to the same end) */
    struct futex_waitv v = {.val = 1, .uaddr = (uintptr_t)w, .flags = FUTEX2_SIZE_U32 | FUTEX2_PRIVATE};
    struct timespec abs = in_ms(CLOCK_MONOTONIC, 300);
    alarm_in(50, 0);
    t0 = now(CLOCK_MONOTONIC);
    r = fv(&v, 1, 0, &abs, CLOCK_MONOTONIC);
    say_intr("waitv 300ms", r, t0, 50);
    abs = in_ms(CLOCK_MONOTONIC, 300);
    alarm_in(50, SA_RESTART);
    t0 = now(CLOCK_MONOTONIC);
    r = fv(&v, 1, 0, &abs, CLOCK_MONOTONIC);
    say_intr("waitv 300ms, SA_RESTART", r, t0, 300);
    /* LOCK_PI: always restarted (-ERESTARTNOINTR), even without SA_RESTART */
    pid_t live = sleeper();
    *sw = (uint32_t)live;
    abs = in_ms(CLOCK_REALTIME, 300);
    alarm_in(50, 0);
    t0 = now(CLOCK_MONOTONIC);
    r = fx(sw, FUTEX_LOCK_PI, 0, &abs, NULL, 0);
    say_intr("lock_pi 300ms", r, t0, 300);
    kill(live, SIGKILL);
    waitpid(live, NULL, 0);
}

static void do_strace(void)
{
    uint32_t *w = page, *w2 = page + 1;
    struct timespec rel = {0, 1000}, abs = {1, 2};
    w[0] = 1;
    fx(w, FUTEX_WAIT_PRIVATE, 2, NULL, NULL, 0);
    fx(w, FUTEX_WAIT, 2, &rel, NULL, 0);
    fx(w, FUTEX_WAKE_PRIVATE, 1, NULL, NULL, 0);
    fx(w, FUTEX_WAIT_BITSET_PRIVATE | FUTEX_CLOCK_REALTIME, 2, &abs, NULL, FUTEX_BITSET_MATCH_ANY);
    fx(w, FUTEX_WAIT_BITSET, 2, NULL, NULL, 0x10);
    fx(w, FUTEX_WAKE_BITSET_PRIVATE, 1, NULL, NULL, 3);
    fx(w, FUTEX_REQUEUE_PRIVATE, 1, (void *)2, w2, 0);
    fx(w, FUTEX_CMP_REQUEUE, 1, (void *)2, w2, 7);
    fx(w, FUTEX_CMP_REQUEUE_PI_PRIVATE, 1, (void *)2, w2, 4294967295u);
    fx(w, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, w2, FUTEX_OP(FUTEX_OP_SET, 0, FUTEX_OP_CMP_GT, 1));
    fx(w, FUTEX_WAKE_OP, 1, (void *)1, w2,
       FUTEX_OP(FUTEX_OP_ADD, 3, FUTEX_OP_CMP_GE, 0xfff) | (FUTEX_OP_OPARG_SHIFT << 28));
    fx(w, FUTEX_WAKE_OP_PRIVATE, 1, (void *)1, w2, FUTEX_OP(7, 0x10, 9, 2));
    w[0] = 0;
    fx(w, FUTEX_TRYLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    fx(w, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    fx(w, FUTEX_LOCK_PI, 0, NULL, NULL, 0);
    fx(w, FUTEX_UNLOCK_PI, 0, NULL, NULL, 0);
    fx(w, FUTEX_LOCK_PI2_PRIVATE, 0, &abs, NULL, 0);
    fx(w, FUTEX_UNLOCK_PI_PRIVATE, 0, NULL, NULL, 0);
    fx(w, FUTEX_WAIT_REQUEUE_PI_PRIVATE, 2, &abs, w2, 0);
    fx(w, FUTEX_FD, 3, NULL, NULL, 0);
    fx(w, 14, 3, (void *)0x10, w2, 0x20);
    fx(w, FUTEX_WAKE | 0x1000, 1, NULL, NULL, 0);
    struct futex_waitv v = {.val = 9, .uaddr = (uintptr_t)w, .flags = FUTEX2_SIZE_U32};
    fv(&v, 1, 0, NULL, 0);
    fv(&v, 1, 0, &abs, CLOCK_REALTIME);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    /* the page, and the one after it unmapped */
    page = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (page == MAP_FAILED || munmap((char *)page + 4096, 4096) != 0)
        return 2;
    gone = page + 1024 + 4;
    beyond = (uint32_t *)0xfffffffff000ull;
    setvbuf(stdout, NULL, _IOLBF, 0);
    const char *m = argv[1];
    if (!strcmp(m, "errors"))
        do_errors();
    else if (!strcmp(m, "wait"))
        do_wait();
    else if (!strcmp(m, "ops"))
        do_ops();
    else if (!strcmp(m, "pi"))
        do_pi();
    else if (!strcmp(m, "waitv"))
        do_waitv();
    else if (!strcmp(m, "shared"))
        do_shared();
    else if (!strcmp(m, "intr"))
        do_intr();
    else if (!strcmp(m, "strace"))
        do_strace();
    else
        return 2;
    return 0;
}

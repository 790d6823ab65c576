/* pthread_cancel. glibc sends the thread SIGCANCEL (signal 32, an RT signal
 * glibc keeps for itself) with tgkill; its handler acts at once when the
 * thread is in a cancellation point (a blocking call glibc made
 * cancellable: the signal interrupts the system call) or cancels
 * asynchronously, and unwinds the thread running its cleanup handlers, so
 * pthread_join returns PTHREAD_CANCELED. Cases: deferred cancellation of a
 * thread blocked in sleep, in read on an empty pipe and in
 * pthread_cond_wait (which reacquires the mutex for the cleanup handler);
 * a thread with cancellation disabled runs on until it enables it and
 * reaches pthread_testcancel; asynchronous cancellation of a thread in a
 * pure loop (no system calls); cleanup handlers run last-pushed first, on
 * cancellation and on pthread_exit, and pthread_cleanup_pop(1)/pop(0). */
#include "thrtest.h"

static atomic_int started, cleanups;
static int cleanup_order[8], n_order;

static void cleanup_count(void *arg)
{
    (void)arg;
    atomic_fetch_add(&cleanups, 1);
}

static void cleanup_record(void *arg)
{
    if (n_order < 8)
        cleanup_order[n_order++] = (int)(intptr_t)arg;
}

/* cancel a thread once it started, and check what join says */
static void cancel_and_join(pthread_t t, const char *where)
{
    if (!thr_wait_atleast(&started, 1, 10)) {
        t_note("the thread never started");
        return;
    }
    t_sleep_ms(50); /* let it block */
    int e = pthread_cancel(t);
    EXPECT(e == 0, "pthread_cancel: %s", strerror(e));
    thr_hang_what = "pthread_join of a cancelled thread";
    double t0 = t_now();
    void *r = NULL;
    if (thr_join(t, &r)) {
        EXPECT(r == PTHREAD_CANCELED, "join after cancelling a thread in %s: %p, want PTHREAD_CANCELED", where, r);
        EXPECT(t_now() - t0 < 5, "the cancellation took %.1f s", t_now() - t0);
    }
    EXPECT(atomic_load(&cleanups) == 1, "%d cleanup handlers ran, want 1", atomic_load(&cleanups));
}

static void *in_sleep(void *arg)
{
    (void)arg;
    pthread_cleanup_push(cleanup_count, NULL);
    atomic_store(&started, 1);
    sleep(100);
    pthread_cleanup_pop(0);
    return (void *)1;
}

static void case_cancel_sleep(void)
{
    pthread_t t;
    if (thr_create(&t, in_sleep, NULL))
        cancel_and_join(t, "sleep");
}

static int pipefd[2];

static void *in_read(void *arg)
{
    (void)arg;
    pthread_cleanup_push(cleanup_count, NULL);
    atomic_store(&started, 1);
    char c;
    ssize_t r = read(pipefd[0], &c, 1);
    (void)r;
    pthread_cleanup_pop(0);
    return (void *)1;
}

static void case_cancel_read(void)
{
    if (pipe(pipefd)) {
        t_note("pipe: %s", strerror(errno));
        return;
    }
    pthread_t t;
    if (thr_create(&t, in_read, NULL))
        cancel_and_join(t, "read");
}

static pthread_mutex_t cw_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cw_cond = PTHREAD_COND_INITIALIZER;
static atomic_int cw_owned_in_cleanup;

static void cleanup_unlock(void *arg)
{
    (void)arg;
    /* the cancelled wait reacquired the mutex: unlocking it must work */
    atomic_store(&cw_owned_in_cleanup, pthread_mutex_unlock(&cw_mtx) == 0 ? 1 : -1);
    atomic_fetch_add(&cleanups, 1);
}

static void *in_cond_wait(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&cw_mtx);
    pthread_cleanup_push(cleanup_unlock, NULL);
    atomic_store(&started, 1);
    for (;;)
        pthread_cond_wait(&cw_cond, &cw_mtx);
    pthread_cleanup_pop(0);
    return NULL;
}

static void case_cancel_cond_wait(void)
{
    pthread_t t;
    if (!thr_create(&t, in_cond_wait, NULL))
        return;
    cancel_and_join(t, "pthread_cond_wait");
    EXPECT(atomic_load(&cw_owned_in_cleanup) == 1, "the cleanup handler did not own the mutex");
    EXPECT(pthread_mutex_trylock(&cw_mtx) == 0, "the mutex stayed locked after the cancellation");
}

static atomic_int may_go, reached;

static void *disabled(void *arg)
{
    (void)arg;
    int old;
    pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old);
    pthread_cleanup_push(cleanup_count, NULL);
    atomic_store(&started, 1);
    while (!atomic_load(&may_go))
        t_sleep_ms(1); /* nanosleep: a cancellation point, but disabled */
    atomic_store(&reached, 1);
    pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old);
    pthread_testcancel();
    pthread_cleanup_pop(0);
    return (void *)1;
}

static void case_cancel_disabled(void)
{
    pthread_t t;
    if (!thr_create(&t, disabled, NULL))
        return;
    thr_wait_atleast(&started, 1, 10);
    EXPECT(pthread_cancel(t) == 0, "pthread_cancel");
    t_sleep_ms(100);
    atomic_store(&may_go, 1);
    void *r = NULL;
    if (thr_join(t, &r))
        EXPECT(r == PTHREAD_CANCELED, "join: %p, want PTHREAD_CANCELED (at pthread_testcancel)", r);
    EXPECT(atomic_load(&reached), "the thread was cancelled while cancellation was disabled");
    EXPECT(atomic_load(&cleanups) == 1, "%d cleanup handlers ran, want 1", atomic_load(&cleanups));
}

static volatile unsigned long spin_work;

static void *async_loop(void *arg)
{
    (void)arg;
    int old;
    pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old);
    pthread_cleanup_push(cleanup_count, NULL);
    atomic_store(&started, 1);
    for (;;)
        spin_work++; /* no system call, no cancellation point */
    pthread_cleanup_pop(0);
    return NULL;
}

static void case_cancel_async(void)
{
    pthread_t t;
    if (thr_create(&t, async_loop, NULL))
        cancel_and_join(t, "a loop without system calls (asynchronous)");
}

/* nested cleanup handlers: last pushed first */
static void *nested(void *arg)
{
    int by_exit = (int)(intptr_t)arg;
    pthread_cleanup_push(cleanup_record, (void *)1);
    pthread_cleanup_push(cleanup_record, (void *)2);
    pthread_cleanup_push(cleanup_record, (void *)3);
    pthread_cleanup_pop(1); /* runs 3 now */
    pthread_cleanup_push(cleanup_record, (void *)4);
    pthread_cleanup_push(cleanup_record, (void *)5);
    pthread_cleanup_pop(0); /* 5 never runs */
    atomic_store(&started, 1);
    if (by_exit)
        pthread_exit((void *)7);
    for (;;)
        pause();
    pthread_cleanup_pop(0);
    pthread_cleanup_pop(0);
    pthread_cleanup_pop(0);
    return NULL;
}

static void cleanup_order_case(int by_exit)
{
    pthread_t t;
    if (!thr_create(&t, nested, (void *)(intptr_t)by_exit))
        return;
    if (!by_exit) {
        thr_wait_atleast(&started, 1, 10);
        t_sleep_ms(20);
        pthread_cancel(t);
    }
    void *r = NULL;
    if (!thr_join(t, &r))
        return;
    EXPECT(r == (by_exit ? (void *)7 : PTHREAD_CANCELED), "join: %p", r);
    static const int want[] = { 3, 4, 2, 1 };
    EXPECT(n_order == 4, "%d cleanup handlers ran, want 4 (3 by pop(1), then 4 2 1)", n_order);
    for (int i = 0; i < n_order && i < 4; i++)
        EXPECT(cleanup_order[i] == want[i], "cleanup %d was handler %d, want %d", i, cleanup_order[i], want[i]);
}

static void case_cleanup_order_cancel(void) { cleanup_order_case(0); }
static void case_cleanup_order_exit(void) { cleanup_order_case(1); }

int main(void)
{
    thr_case("cancel_sleep", case_cancel_sleep, THR_CASE_S);
    thr_case("cancel_read", case_cancel_read, THR_CASE_S);
    thr_case("cancel_cond_wait", case_cancel_cond_wait, THR_CASE_S);
    thr_case("cancel_disabled", case_cancel_disabled, THR_CASE_S);
    thr_case("cancel_async", case_cancel_async, THR_CASE_S);
    thr_case("cleanup_order_cancel", case_cleanup_order_cancel, THR_CASE_S);
    thr_case("cleanup_order_exit", case_cleanup_order_exit, THR_CASE_S);
    return 0;
}

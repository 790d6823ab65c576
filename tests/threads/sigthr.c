/* Signals and threads (the kernel's rules: the mask and the thread-directed
 * pending set are per thread, dispositions per process). Cases:
 * pthread_kill runs the handler in the thread named (gettid in the
 * handler), for each of four threads; a process-directed kill goes to the
 * one thread that does not block the signal; sigwaitinfo in a dedicated
 * thread takes 100 queued sigqueue signals in order with their values and
 * kill's standard signals; a SIGEV_THREAD_ID timer signals only its thread;
 * a thread-directed signal a thread blocks is pending in that thread
 * alone, then handled there; a new thread inherits its creator's mask;
 * tgkill of an ended thread is ESRCH; a SIGSEGV in a non-main thread is
 * handled in that thread (and on that thread's own sigaltstack), and an
 * unhandled one kills the whole process. */
#include "thrtest.h"

#include <setjmp.h>

#define NTH 4

static pid_t tids[NTH];
static atomic_int ready, stop;
static volatile pid_t handler_tid;
static volatile sig_atomic_t handled;

static void on_sig(int sig)
{
    (void)sig;
    handler_tid = thr_gettid();
    handled++;
}

/* a thread that records its tid and waits (in nanosleep, which signals interrupt) */
static void *waiter(void *arg)
{
    int i = (int)(intptr_t)arg;
    tids[i] = thr_gettid();
    atomic_fetch_add(&ready, 1);
    while (!atomic_load(&stop))
        t_sleep_ms(1);
    return NULL;
}

static int start_waiters(pthread_t *t)
{
    int made = 0;
    for (; made < NTH; made++)
        if (!thr_create(&t[made], waiter, (void *)(intptr_t)made))
            break;
    if (made == NTH && !thr_wait_atleast(&ready, NTH, 10))
        t_note("only %d of %d threads started", atomic_load(&ready), NTH);
    return made;
}

static void stop_waiters(pthread_t *t, int made)
{
    atomic_store(&stop, 1);
    for (int i = 0; i < made; i++)
        thr_join(t[i], NULL);
}

static void case_pthread_kill_target(void)
{
    t_handle(SIGUSR1, on_sig, 0);
    pthread_t t[NTH];
    int made = start_waiters(t);
    for (int i = 0; i < made && !t_why[0]; i++) {
        handled = 0;
        handler_tid = 0;
        int e = pthread_kill(t[i], SIGUSR1);
        EXPECT(e == 0, "pthread_kill: %s", strerror(e));
        if (!t_wait_flag(&handled, 10))
            t_note("thread %d: the handler never ran", i);
        else
            EXPECT(handler_tid == tids[i], "pthread_kill to thread %d (tid %d): the handler ran in tid %d", i,
                   tids[i], handler_tid);
    }
    stop_waiters(t, made);
}

/* every thread blocks SIGUSR2 but one: the process-directed signal goes there */
static void *unblocking_waiter(void *arg)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL);
    return waiter(arg);
}

static void case_kill_to_unblocked_thread(void)
{
    t_handle(SIGUSR2, on_sig, 0);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR2);
    pthread_sigmask(SIG_BLOCK, &s, NULL); /* the threads inherit it */
    enum { TARGET = 2, ROUNDS = 20 };
    pthread_t t[NTH];
    int made = 0;
    for (; made < NTH; made++)
        if (!thr_create(&t[made], made == TARGET ? unblocking_waiter : waiter, (void *)(intptr_t)made))
            break;
    if (made == NTH && thr_wait_atleast(&ready, NTH, 10)) {
        for (int r = 0; r < ROUNDS && !t_why[0]; r++) {
            handled = 0;
            handler_tid = 0;
            kill(getpid(), SIGUSR2);
            if (!t_wait_flag(&handled, 10))
                t_note("round %d: the handler never ran", r);
            else
                EXPECT(handler_tid == tids[TARGET], "round %d: the handler ran in tid %d, the only thread not "
                       "blocking SIGUSR2 is %d (pid %d)", r, handler_tid, tids[TARGET], getpid());
        }
    }
    stop_waiters(t, made);
}

/* a dedicated sigwaitinfo thread; the others block the signals */
#define SW_N 100
static int sw_values[SW_N], sw_n, sw_usr1, sw_bad_code;

static void *sigwaiter(void *arg)
{
    (void)arg;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGRTMIN + 1);
    sigaddset(&s, SIGUSR1);
    sigaddset(&s, SIGTERM);
    atomic_store(&ready, 1);
    for (;;) {
        siginfo_t si;
        int sig = sigwaitinfo(&s, &si);
        if (sig == SIGTERM)
            break;
        if (sig == SIGUSR1)
            sw_usr1++;
        else if (sig == SIGRTMIN + 1) {
            if (si.si_code != SI_QUEUE || si.si_pid != getpid())
                sw_bad_code++;
            if (sw_n < SW_N)
                sw_values[sw_n] = si.si_value.sival_int;
            sw_n++;
        }
    }
    return NULL;
}

static void case_sigwait_thread(void)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGRTMIN + 1);
    sigaddset(&s, SIGUSR1);
    sigaddset(&s, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_t t;
    if (!thr_create(&t, sigwaiter, NULL))
        return;
    thr_wait_atleast(&ready, 1, 10);
    for (int i = 0; i < SW_N; i++) {
        union sigval v = { .sival_int = i * 3 + 1 };
        if (sigqueue(getpid(), SIGRTMIN + 1, v)) {
            t_note("sigqueue %d: %s", i, strerror(errno));
            break;
        }
    }
    /* sigwaitinfo takes the lowest-numbered pending signal, so a SIGUSR1 or
     * SIGTERM sent while queued ones wait would overtake them: the queue is
     * drained first (a slow executor lags: pvm under ThreadSanitizer) */
    double end = t_now() + 10;
    while (*(volatile int *)&sw_n < SW_N && t_now() < end)
        t_sleep_ms(1);
    kill(getpid(), SIGUSR1);
    /* standard signals coalesce: wait for the first before the second */
    while (*(volatile int *)&sw_usr1 < 1 && t_now() < end)
        t_sleep_ms(1);
    kill(getpid(), SIGUSR1);
    while (*(volatile int *)&sw_usr1 < 2 && t_now() < end)
        t_sleep_ms(1);
    thr_hang_what = "joining the sigwaitinfo thread after SIGTERM";
    kill(getpid(), SIGTERM);
    thr_join(t, NULL);
    EXPECT(sw_n == SW_N, "the sigwaitinfo thread took %d queued signals, want %d", sw_n, SW_N);
    for (int i = 0; i < sw_n && i < SW_N; i++)
        EXPECT(sw_values[i] == i * 3 + 1, "queued signal %d carried %d, want %d (queue order)", i, sw_values[i],
               i * 3 + 1);
    EXPECT(sw_bad_code == 0, "%d queued signals without SI_QUEUE and the sender's pid", sw_bad_code);
    EXPECT(sw_usr1 == 2, "the sigwaitinfo thread took %d SIGUSR1, want 2", sw_usr1);
}

/* a periodic SIGEV_THREAD_ID timer aimed at thread 1 */
static atomic_int in_target, elsewhere;
static pid_t target_tid;

static void on_timer(int sig)
{
    (void)sig;
    if (thr_gettid() == target_tid)
        atomic_fetch_add(&in_target, 1);
    else
        atomic_fetch_add(&elsewhere, 1);
}

static void case_timer_thread_id(void)
{
    int sig = SIGRTMIN + 2;
    t_handle(sig, on_timer, SA_RESTART);
    pthread_t t[NTH];
    int made = start_waiters(t);
    if (made == NTH && !t_why[0]) {
        target_tid = tids[1];
        struct sigevent sev;
        memset(&sev, 0, sizeof sev);
        sev.sigev_notify = SIGEV_THREAD_ID;
        sev.sigev_signo = sig;
        sev._sigev_un._tid = target_tid;
        timer_t tm;
        if (timer_create(CLOCK_MONOTONIC, &sev, &tm)) {
            t_note("timer_create(SIGEV_THREAD_ID): %s", strerror(errno));
        } else {
            struct itimerspec its = { { 0, 2000000 }, { 0, 2000000 } };
            timer_settime(tm, 0, &its, NULL);
            EXPECT(thr_wait_atleast(&in_target, 20, 10), "%d expirations reached the thread in 10 s",
                   atomic_load(&in_target));
            timer_delete(tm);
            EXPECT(atomic_load(&elsewhere) == 0, "%d expirations ran the handler in another thread (%d in the target)",
                   atomic_load(&elsewhere), atomic_load(&in_target));
        }
    }
    stop_waiters(t, made);
}

/* a thread-directed signal that thread blocks: pending there, not elsewhere */
static atomic_int pend_state; /* 1 blocked; 2 main has sent; 3 saw it pending; 4 unblocked */
static volatile sig_atomic_t pend_handled_ok;
static pid_t pend_tid;

static void on_pend(int sig)
{
    (void)sig;
    if (thr_gettid() == pend_tid)
        pend_handled_ok = 1;
    else
        pend_handled_ok = -1;
}

static void *pend_thread(void *arg)
{
    (void)arg;
    pend_tid = thr_gettid();
    sigset_t s, p;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    atomic_store(&pend_state, 1);
    while (atomic_load(&pend_state) < 2)
        t_sleep_ms(1);
    double end = t_now() + 10;
    int seen = 0;
    while (!seen && t_now() < end) {
        sigpending(&p);
        seen = sigismember(&p, SIGUSR1);
        if (!seen)
            t_sleep_ms(1);
    }
    if (!seen)
        t_note("the blocked SIGUSR1 pthread_kill sent is not pending in the thread");
    atomic_store(&pend_state, 3);
    while (atomic_load(&pend_state) < 4)
        t_sleep_ms(1);
    pthread_sigmask(SIG_UNBLOCK, &s, NULL); /* handled here, now */
    return NULL;
}

static void case_pending_per_thread(void)
{
    t_handle(SIGUSR1, on_pend, 0);
    pthread_t t;
    if (!thr_create(&t, pend_thread, NULL))
        return;
    double end = t_now() + 10;
    while (atomic_load(&pend_state) < 1 && t_now() < end)
        t_sleep_ms(1);
    pthread_kill(t, SIGUSR1);
    atomic_store(&pend_state, 2);
    while (atomic_load(&pend_state) < 3 && t_now() < end)
        t_sleep_ms(1);
    sigset_t p;
    sigpending(&p);
    EXPECT(!sigismember(&p, SIGUSR1), "the main thread's sigpending shows the other thread's SIGUSR1");
    EXPECT(pend_handled_ok == 0, "the handler ran while the thread blocked SIGUSR1");
    atomic_store(&pend_state, 4);
    thr_join(t, NULL);
    EXPECT(pend_handled_ok == 1, "%s", pend_handled_ok ? "the handler ran in another thread" : "the handler never ran");
}

/* the mask: per thread, inherited by a thread from its creator */
static void *report_mask(void *arg)
{
    (void)arg;
    return (void *)(intptr_t)t_is_blocked(SIGUSR1);
}

static void *blocker_creates(void *arg)
{
    (void)arg;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
    pthread_t t;
    void *r = (void *)-1;
    if (pthread_create(&t, NULL, report_mask, NULL) == 0)
        pthread_join(t, &r);
    return r;
}

static void case_sigmask_per_thread(void)
{
    pthread_t a, b;
    void *ra = NULL, *rb = NULL;
    if (!thr_create(&a, blocker_creates, NULL) || !thr_join(a, &ra))
        return;
    EXPECT(ra == (void *)1, "a thread created by one that blocks SIGUSR1 %s", ra == (void *)-1 ? "was not created" : "does not block it");
    EXPECT(!t_is_blocked(SIGUSR1), "another thread's pthread_sigmask blocked SIGUSR1 in the main thread");
    if (thr_create(&b, report_mask, NULL) && thr_join(b, &rb))
        EXPECT(rb == (void *)0, "a thread created by the main thread blocks SIGUSR1");
}

static void *record_tid(void *arg)
{
    *(pid_t *)arg = thr_gettid();
    return NULL;
}

static void case_tgkill_ended_thread(void)
{
    pid_t tid = 0;
    pthread_t t;
    if (!thr_create(&t, record_tid, &tid) || !thr_join(t, NULL))
        return;
    /* the tid is cleared at exit before the thread is reaped: wait for the reap */
    double end = t_now() + 10;
    long r;
    while ((r = syscall(SYS_tgkill, getpid(), tid, 0)) == 0 && t_now() < end)
        t_sleep_ms(2);
    EXPECT(r == -1 && errno == ESRCH, "tgkill(pid, ended tid %d, 0): %ld (%s), want ESRCH", tid, r,
           r ? strerror(errno) : "no error");
}

/* a SIGSEGV in a non-main thread, handled in that thread */
static volatile int *volatile bad_ptr = (volatile int *)16; /* unmapped, opaque to the compiler */
static __thread sigjmp_buf fault_jmp;
static __thread volatile int fault_armed;
static volatile pid_t fault_tid;
static void *volatile fault_addr;
static volatile uintptr_t fault_sp;

static void on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    int local;
    fault_tid = thr_gettid();
    fault_addr = si->si_addr;
    fault_sp = (uintptr_t)&local;
    if (fault_armed)
        siglongjmp(fault_jmp, 1);
    signal(sig, SIG_DFL);
}

struct fault_rec {
    pid_t tid;
    int faulted;
    char *altstack; /* NULL: none */
    size_t altsize;
    pid_t handler_tid;
    void *addr;
    uintptr_t sp;
};

static void *faulter(void *arg)
{
    struct fault_rec *f = arg;
    f->tid = thr_gettid();
    if (f->altstack) {
        stack_t ss = { .ss_sp = f->altstack, .ss_size = f->altsize, .ss_flags = 0 };
        if (sigaltstack(&ss, NULL))
            return (void *)1;
    }
    fault_armed = 1;
    if (sigsetjmp(fault_jmp, 1) == 0) {
        (void)*bad_ptr;
        return (void *)2;
    }
    fault_armed = 0;
    f->faulted = 1;
    f->handler_tid = fault_tid;
    f->addr = fault_addr;
    f->sp = fault_sp;
    return NULL;
}

static void case_segv_in_thread(void)
{
    t_handle_info(SIGSEGV, on_segv, SA_ONSTACK);
    struct fault_rec f = { 0 };
    pthread_t t;
    void *r = NULL;
    if (!thr_create(&t, faulter, &f) || !thr_join(t, &r))
        return;
    EXPECT(r == NULL, "the thread %s", r == (void *)2 ? "read address 16 without a fault" : "failed");
    EXPECT(f.faulted, "the thread never came back from its handler");
    EXPECT(f.handler_tid == f.tid, "the fault in tid %d ran the handler in tid %d", f.tid, f.handler_tid);
    EXPECT(f.addr == (void *)16, "si_addr %p, want 0x10", f.addr);
    EXPECT(f.tid != getpid(), "the faulting thread is the main thread");
}

static void case_segv_thread_altstack(void)
{
    t_handle_info(SIGSEGV, on_segv, SA_ONSTACK);
    size_t sz = 64 * 1024;
    char *alt = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    struct fault_rec with = { .altstack = alt, .altsize = sz }, without = { 0 };
    pthread_t t;
    if (!thr_create(&t, faulter, &with) || !thr_join(t, NULL))
        return;
    if (!thr_create(&t, faulter, &without) || !thr_join(t, NULL))
        return;
    EXPECT(with.faulted && without.faulted, "a thread never came back from its handler");
    EXPECT(with.handler_tid == with.tid && without.handler_tid == without.tid, "a handler ran in another thread");
    EXPECT(with.sp >= (uintptr_t)alt && with.sp < (uintptr_t)alt + sz,
           "the thread with a sigaltstack ran its handler at sp %#lx, its stack is %p..+%zu", (unsigned long)with.sp,
           (void *)alt, sz);
    EXPECT(!(without.sp >= (uintptr_t)alt && without.sp < (uintptr_t)alt + sz),
           "a thread without a sigaltstack ran its handler on the other thread's");
    stack_t cur;
    sigaltstack(NULL, &cur);
    EXPECT(cur.ss_flags & SS_DISABLE, "the main thread got the other thread's sigaltstack");
}

/* an unhandled fault in a thread ends the process, every thread */
static void *crash(void *arg)
{
    (void)arg;
    t_sleep_ms(20);
    (void)*bad_ptr;
    return NULL;
}

static int crash_child(void)
{
    pthread_t t;
    if (pthread_create(&t, NULL, crash, NULL))
        return 40;
    for (;;)
        pause(); /* the main thread blocked in a system call */
}

static void case_segv_thread_kills_process(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGALRM, SIG_DFL);
        alarm(20);
        _exit(crash_child());
    }
    int st = t_waitpid(pid, 20);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "the process %s, want killed by SIGSEGV", t_status(st));
}

int main(void)
{
    thr_case("pthread_kill_target", case_pthread_kill_target, THR_CASE_S);
    thr_case("kill_to_unblocked_thread", case_kill_to_unblocked_thread, THR_CASE_S);
    thr_case("sigwait_thread", case_sigwait_thread, THR_CASE_S);
    thr_case("timer_thread_id", case_timer_thread_id, THR_CASE_S);
    thr_case("pending_per_thread", case_pending_per_thread, THR_CASE_S);
    thr_case("sigmask_per_thread", case_sigmask_per_thread, THR_CASE_S);
    thr_case("tgkill_ended_thread", case_tgkill_ended_thread, THR_CASE_S);
    thr_case("segv_in_thread", case_segv_in_thread, THR_CASE_S);
    thr_case("segv_thread_altstack", case_segv_thread_altstack, THR_CASE_S);
    thr_case("segv_thread_kills_process", case_segv_thread_kills_process, THR_CASE_S);
    return 0;
}

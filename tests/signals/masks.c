/* Masks and pending signals: a blocked signal stays pending (sigpending)
 * and its handler runs exactly when sigprocmask unblocks it, before
 * sigprocmask returns; sigsuspend runs the handler for a pending signal and
 * for one sent later by a child, returns EINTR and restores the mask;
 * sigwaitinfo/sigtimedwait take a blocked signal without its handler
 * (EAGAIN on timeout); a real-time signal queued 3 times with sigqueue
 * arrives 3 times with its values in order, lower real-time numbers first,
 * standard signals before real-time ones (and, with several pending and
 * nothing masked, the frames stack: the last dequeued runs first); a
 * standard signal raised 3 times while blocked arrives once (once per
 * queue: raise() is thread-directed, kill() process-directed); SIGKILL/SIGSTOP cannot be blocked; every
 * signal 1..64 but SIGKILL and SIGSTOP can be caught and is seen with its
 * own number (raw rt_sigaction/tgkill: glibc refuses 32 and 33, which it
 * keeps for itself). */
#include "sigtest.h"

static volatile sig_atomic_t calls, seq_n;
static volatile int seq_sig[16], seq_val[16];

static void count(int sig)
{
    (void)sig;
    calls++;
}

static void record(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    if (seq_n < 16) {
        seq_sig[seq_n] = sig;
        seq_val[seq_n] = si->si_value.sival_int;
    }
    seq_n++;
}

static void reset(void)
{
    calls = 0;
    seq_n = 0;
    for (int i = 0; i < 16; i++)
        seq_sig[i] = seq_val[i] = 0;
}

static void block(int sig)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(SIG_BLOCK, &s, NULL);
}

static void unblock(int sig)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
}

static int is_pending(int sig)
{
    sigset_t p;
    sigpending(&p);
    return sigismember(&p, sig) == 1;
}

/* the kernel's struct sigaction for rt_sigaction (arm64 has sa_restorer) */
struct ksigaction {
    uintptr_t handler;
    unsigned long flags;
    uintptr_t restorer;
    uint64_t mask;
};

static volatile sig_atomic_t got_arg, got_signo, got_count;

static void any(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_arg = sig;
    got_signo = si->si_signo;
    got_count++;
}

int main(void)
{
    pid_t me = getpid();
    pid_t tid = (pid_t)syscall(SYS_gettid);

    /* blocked: pending until sigprocmask unblocks it */
    t_begin();
    reset();
    t_handle(SIGUSR1, count, 0);
    block(SIGUSR1);
    raise(SIGUSR1);
    EXPECT(calls == 0, "handler ran while blocked");
    EXPECT(is_pending(SIGUSR1), "SIGUSR1 not in sigpending");
    unblock(SIGUSR1);
    EXPECT(calls == 1, "handler ran %d times after unblocking, want 1 (before sigprocmask returns)", (int)calls);
    EXPECT(!is_pending(SIGUSR1), "still pending after delivery");
    t_end("pending_until_unblocked");

    /* a standard signal already pending is not queued again
     * (kernel/signal.c legacy_queue), but the thread's queue (raise:
     * tgkill) and the process's queue (kill) are separate: three raises
     * give one delivery, two raises and two kills two */
    t_begin();
    reset();
    block(SIGUSR1);
    raise(SIGUSR1);
    raise(SIGUSR1);
    raise(SIGUSR1);
    unblock(SIGUSR1);
    EXPECT(calls == 1, "raised 3 times while blocked: %d deliveries, want 1", (int)calls);
    t_end("standard_coalesced");
    t_begin();
    reset();
    block(SIGUSR1);
    raise(SIGUSR1);
    kill(me, SIGUSR1);
    raise(SIGUSR1);
    kill(me, SIGUSR1);
    unblock(SIGUSR1);
    EXPECT(calls == 2, "raised and killed twice each while blocked: %d deliveries, want 2 (one per queue)",
           (int)calls);
    t_end("standard_two_queues");

    /* sigsuspend with a pending signal */
    t_begin();
    reset();
    block(SIGUSR1);
    raise(SIGUSR1);
    {
        sigset_t none;
        sigemptyset(&none);
        errno = 0;
        int r = sigsuspend(&none);
        EXPECT(r == -1 && errno == EINTR, "sigsuspend returned %d errno %d, want -1 EINTR", r, errno);
    }
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(t_is_blocked(SIGUSR1), "sigsuspend did not restore the mask (SIGUSR1 unblocked)");
    unblock(SIGUSR1);
    t_end("sigsuspend_pending");

    /* sigsuspend waiting for a child's kill: SIGUSR2 stays blocked outside
     * sigsuspend, so the child's signal cannot be lost before it */
    t_begin();
    reset();
    t_handle(SIGUSR2, count, 0);
    block(SIGUSR2);
    pid_t child = fork();
    if (child == 0) {
        t_sleep_ms(20);
        kill(getppid(), SIGUSR2);
        _exit(0);
    }
    {
        sigset_t none;
        sigemptyset(&none);
        errno = 0;
        int r = sigsuspend(&none);
        EXPECT(r == -1 && errno == EINTR, "sigsuspend returned %d errno %d", r, errno);
    }
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(t_is_blocked(SIGUSR2), "mask not restored");
    t_waitpid(child, T_WAIT_S);
    unblock(SIGUSR2);
    t_end("sigsuspend_wait");

    /* sigwaitinfo takes the blocked signal; the handler does not run */
    t_begin();
    reset();
    block(SIGUSR1);
    raise(SIGUSR1);
    {
        sigset_t w;
        sigemptyset(&w);
        sigaddset(&w, SIGUSR1);
        siginfo_t si;
        memset(&si, 0, sizeof si);
        int r = sigwaitinfo(&w, &si);
        EXPECT(r == SIGUSR1, "sigwaitinfo returned %d, want %d", r, SIGUSR1);
        EXPECT(si.si_signo == SIGUSR1 && si.si_pid == me, "siginfo signo %d pid %d", si.si_signo, (int)si.si_pid);
    }
    EXPECT(calls == 0, "the handler ran too");
    EXPECT(!is_pending(SIGUSR1), "still pending");
    unblock(SIGUSR1);
    t_end("sigwaitinfo");
    /* glibc's sigwaitinfo turns SI_TKILL into SI_USER; the raw
     * rt_sigtimedwait shows the kernel's: raise() is tgkill, SI_TKILL */
    t_begin();
    reset();
    block(SIGUSR1);
    raise(SIGUSR1);
    {
        uint64_t w = 1ull << (SIGUSR1 - 1);
        siginfo_t si;
        memset(&si, 0, sizeof si);
        long r = syscall(SYS_rt_sigtimedwait, &w, &si, NULL, 8);
        EXPECT(r == SIGUSR1, "rt_sigtimedwait returned %ld", r);
        EXPECT(si.si_code == SI_TKILL, "si_code %d, want SI_TKILL (%d)", si.si_code, SI_TKILL);
    }
    unblock(SIGUSR1);
    t_end("rt_sigtimedwait_si_tkill");

    /* sigtimedwait: EAGAIN with nothing pending, the value with sigqueue */
    t_begin();
    reset();
    block(SIGUSR2);
    {
        sigset_t w;
        sigemptyset(&w);
        sigaddset(&w, SIGUSR2);
        struct timespec tmo = { 0, 10 * 1000000L };
        siginfo_t si;
        errno = 0;
        int r = sigtimedwait(&w, &si, &tmo);
        EXPECT(r == -1 && errno == EAGAIN, "empty sigtimedwait returned %d errno %d, want -1 EAGAIN", r, errno);
        union sigval v = { .sival_int = 77 };
        sigqueue(me, SIGUSR2, v);
        memset(&si, 0, sizeof si);
        tmo.tv_sec = T_WAIT_S;
        r = sigtimedwait(&w, &si, &tmo);
        EXPECT(r == SIGUSR2, "sigtimedwait returned %d", r);
        EXPECT(si.si_code == SI_QUEUE && si.si_value.sival_int == 77, "code %d value %d, want SI_QUEUE 77",
               si.si_code, si.si_value.sival_int);
    }
    EXPECT(calls == 0, "the handler ran too");
    unblock(SIGUSR2);
    t_end("sigtimedwait");

    /* a real-time signal queued 3 times: 3 deliveries, values in order */
    int rt = SIGRTMIN + 1;
    t_begin();
    reset();
    t_handle_info(rt, record, 0);
    block(rt);
    for (int i = 1; i <= 3; i++) {
        union sigval v = { .sival_int = i * 11 };
        EXPECT(sigqueue(me, rt, v) == 0, "sigqueue %d: %s", i, strerror(errno));
    }
    EXPECT(seq_n == 0, "delivered while blocked");
    unblock(rt);
    EXPECT(seq_n == 3, "%d deliveries, want 3", (int)seq_n);
    for (int i = 0; i < 3 && i < seq_n; i++)
        EXPECT(seq_sig[i] == rt && seq_val[i] == (i + 1) * 11, "delivery %d: signal %d value %d, want %d %d", i,
               seq_sig[i], seq_val[i], rt, (i + 1) * 11);
    t_end("rt_queued_in_order");

    /* dequeue order: standard signals and lower numbers first. With
     * sa_mask full, each handler runs alone, in dequeue order: SIGUSR1,
     * then SIGRTMIN+1, then SIGRTMIN+3 (queued before SIGRTMIN+1) */
    int rt3 = SIGRTMIN + 3;
    for (int stacked = 0; stacked < 2; stacked++) {
        t_begin();
        reset();
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = record;
        sa.sa_flags = SA_SIGINFO;
        if (stacked)
            sigemptyset(&sa.sa_mask);
        else
            sigfillset(&sa.sa_mask);
        sigaction(rt, &sa, NULL);
        sigaction(rt3, &sa, NULL);
        sigaction(SIGUSR1, &sa, NULL);
        sigset_t all;
        sigfillset(&all);
        sigprocmask(SIG_BLOCK, &all, NULL);
        union sigval v3 = { .sival_int = 3 }, v1 = { .sival_int = 1 }, vu = { .sival_int = 10 };
        sigqueue(me, rt3, v3);
        sigqueue(me, rt, v1);
        sigqueue(me, SIGUSR1, vu);
        t_unblock_all();
        EXPECT(seq_n == 3, "%d deliveries, want 3", (int)seq_n);
        if (!stacked) {
            EXPECT(seq_sig[0] == SIGUSR1 && seq_sig[1] == rt && seq_sig[2] == rt3, "order %d,%d,%d, want %d,%d,%d",
                   seq_sig[0], seq_sig[1], seq_sig[2], SIGUSR1, rt, rt3);
            t_end("delivery_order");
        } else {
            /* with nothing masked, the kernel sets up one frame per pending
             * signal before returning to user space (arm64
             * do_notify_resume calls do_signal while TIF_SIGPENDING stays
             * set), each on top of the last: the last dequeued runs first */
            EXPECT(seq_sig[0] == rt3 && seq_sig[1] == rt && seq_sig[2] == SIGUSR1,
                   "order %d,%d,%d, want %d,%d,%d (stacked frames)", seq_sig[0], seq_sig[1], seq_sig[2], rt3, rt,
                   SIGUSR1);
            t_end("stacked_frames_order");
        }
    }

    /* SIGKILL and SIGSTOP cannot be blocked; every other signal can (the
     * raw call: glibc's sigfillset leaves out 32 and 33) */
    {
        uint64_t every = ~0ull, got = 0, none = 0;
        syscall(SYS_rt_sigprocmask, SIG_SETMASK, &every, NULL, 8);
        syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &got, 8);
        syscall(SYS_rt_sigprocmask, SIG_SETMASK, &none, NULL, 8);
        uint64_t kill_stop = (1ull << (SIGKILL - 1)) | (1ull << (SIGSTOP - 1));
        t_begin();
        EXPECT(!(got & kill_stop), "mask %#llx holds SIGKILL or SIGSTOP", (unsigned long long)got);
        t_end("kill_stop_unblockable");
        /* qemu-aarch64 keeps the top host signals for itself and cannot
         * block guest 63 and 64 */
        t_begin();
        EXPECT(got == ~kill_stop, "mask %#llx, want all but 9 and 19", (unsigned long long)got);
        t_end("block_all_others");
    }

    /* every signal: a handler, raised with tgkill, seen with its number;
     * in three groups: standard, real-time, and the top two real-time
     * signals, which qemu-aarch64 cannot deliver (it keeps those host
     * signals for itself) */
    static const struct { int lo, hi; const char *name; } groups[] = {
        { 1, 31, "every_signal_std" }, { 32, 62, "every_signal_rt" }, { 63, 64, "every_signal_rt_top" } };
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        t_begin();
        for (int sig = groups[g].lo; sig <= groups[g].hi; sig++) {
            if (sig == SIGKILL || sig == SIGSTOP)
                continue;
            struct ksigaction ka = { .handler = (uintptr_t)any, .flags = SA_SIGINFO, .restorer = 0, .mask = 0 };
            if (syscall(SYS_rt_sigaction, sig, &ka, NULL, 8) != 0) {
                t_note("rt_sigaction(%d): %s", sig, strerror(errno));
                continue;
            }
            got_arg = got_signo = got_count = 0;
            syscall(SYS_tgkill, me, tid, sig);
            EXPECT(got_count == 1 && got_arg == sig && got_signo == sig,
                   "signal %d: %d calls, handler argument %d, si_signo %d", sig, (int)got_count, (int)got_arg,
                   (int)got_signo);
            struct ksigaction dfl = { 0 }; /* SIG_DFL */
            syscall(SYS_rt_sigaction, sig, &dfl, NULL, 8);
        }
        t_end(groups[g].name);
    }
    return 0;
}

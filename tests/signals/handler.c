/* Handler basics: a handler runs before raise() returns, with the right
 * siginfo for raise (SI_TKILL), kill (SI_USER) and sigqueue (SI_QUEUE);
 * alarm()'s SIGALRM (SI_KERNEL: the itimer sends SEND_SIG_PRIV);
 * SA_RESETHAND (the second raise kills, seen from a parent); SA_NODEFER
 * (nesting) against the default (the handler's own signal blocked, the
 * nested raise delivered after return); sa_mask blocked during the handler;
 * the mask restored from uc_sigmask after return (also when the handler
 * changed its own mask or edited uc_sigmask); SIG_IGN; sigaction's old
 * action read back, unknown flags (SA_UNSUPPORTED) dropped; SIGKILL and
 * SIGSTOP refused. */
#include "sigtest.h"

static volatile sig_atomic_t calls, last_sig, depth, max_depth, limit;
static volatile sig_atomic_t blocked_self, blocked_usr2, order_pos;
static volatile int order[8];
static siginfo_t last_info;
static volatile sig_atomic_t have_uc;

static void plain(int sig)
{
    calls++;
    last_sig = sig;
}

static void with_info(int sig, siginfo_t *si, void *uc)
{
    calls++;
    last_sig = sig;
    last_info = *si;
    have_uc = uc != NULL;
}

/* raises its own signal again until limit calls: nests under SA_NODEFER,
 * queues behind the handler otherwise */
static void nesting(int sig)
{
    depth++;
    if (depth > max_depth)
        max_depth = depth;
    calls++;
    blocked_self = t_is_blocked(sig);
    if (calls < limit)
        raise(sig);
    depth--;
}

static void usr1_then_usr2(int sig)
{
    (void)sig;
    order[order_pos++] = 1;
    blocked_usr2 = t_is_blocked(SIGUSR2);
    raise(SIGUSR2); /* blocked by sa_mask: runs after this handler */
    order[order_pos++] = 2;
}

static void usr2_mark(int sig)
{
    (void)sig;
    order[order_pos++] = 3;
}

/* unblocks everything inside the handler and adds SIGWINCH to uc_sigmask:
 * rt_sigreturn restores the mask from uc_sigmask */
static void mask_editor(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ucv;
    t_unblock_all();
    sigaddset(&uc->uc_sigmask, SIGWINCH);
    calls++;
}

static void reset(void)
{
    calls = last_sig = depth = max_depth = limit = 0;
    blocked_self = blocked_usr2 = order_pos = 0;
    memset(&last_info, 0, sizeof last_info);
    have_uc = 0;
}

static int resethand_child(void)
{
    reset();
    if (t_handle(SIGUSR1, plain, SA_RESETHAND) != 0)
        return 2;
    raise(SIGUSR1);
    if (calls != 1)
        return 3;
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    if (now.sa_handler != SIG_DFL)
        return 4;
    raise(SIGUSR1);
    return 5;
}

int main(void)
{
    pid_t me = getpid();

    /* raise with a plain handler: it has run when raise returns */
    t_begin();
    reset();
    EXPECT(t_handle(SIGUSR1, plain, 0) == 0, "sigaction: %s", strerror(errno));
    EXPECT(raise(SIGUSR1) == 0, "raise failed");
    EXPECT(calls == 1, "handler ran %d times, want 1", (int)calls);
    EXPECT(last_sig == SIGUSR1, "handler got signal %d", (int)last_sig);
    EXPECT(!t_is_blocked(SIGUSR1), "SIGUSR1 still blocked after the handler");
    t_end("raise_handler");

    /* SA_SIGINFO for raise: tgkill gives SI_TKILL with our pid and uid */
    t_begin();
    reset();
    t_handle_info(SIGUSR2, with_info, 0);
    raise(SIGUSR2);
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(have_uc, "no ucontext");
    EXPECT(last_info.si_signo == SIGUSR2, "si_signo %d", last_info.si_signo);
    EXPECT(last_info.si_code == SI_TKILL, "si_code %d, want SI_TKILL (%d)", last_info.si_code, SI_TKILL);
    EXPECT(last_info.si_pid == me, "si_pid %d, want %d", (int)last_info.si_pid, (int)me);
    EXPECT(last_info.si_uid == getuid(), "si_uid %u, want %u", (unsigned)last_info.si_uid, (unsigned)getuid());
    EXPECT(last_info.si_errno == 0, "si_errno %d", last_info.si_errno);
    t_end("siginfo_raise");

    /* kill(2) to ourselves: SI_USER */
    t_begin();
    reset();
    kill(me, SIGUSR2);
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(last_info.si_code == SI_USER, "si_code %d, want SI_USER (0)", last_info.si_code);
    EXPECT(last_info.si_pid == me, "si_pid %d, want %d", (int)last_info.si_pid, (int)me);
    EXPECT(last_info.si_uid == getuid(), "si_uid %u", (unsigned)last_info.si_uid);
    t_end("siginfo_kill");

    /* sigqueue: SI_QUEUE and the value */
    t_begin();
    reset();
    union sigval v = { .sival_int = 0x5eed };
    sigqueue(me, SIGUSR2, v);
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(last_info.si_code == SI_QUEUE, "si_code %d, want SI_QUEUE (%d)", last_info.si_code, SI_QUEUE);
    EXPECT(last_info.si_value.sival_int == 0x5eed, "si_value %#x", last_info.si_value.sival_int);
    EXPECT(last_info.si_pid == me, "si_pid %d", (int)last_info.si_pid);
    t_end("siginfo_sigqueue");

    /* alarm: glibc's alarm() is setitimer(ITIMER_REAL) on arm64; the itimer
     * sends SIGALRM as the kernel (SEND_SIG_PRIV: si_code SI_KERNEL) */
    t_begin();
    reset();
    t_handle_info(SIGALRM, with_info, 0);
    double t0 = t_now();
    alarm(1);
    int fired = t_wait_flag(&calls, T_WAIT_S);
    double dt = t_now() - t0;
    EXPECT(fired, "SIGALRM handler did not run within %ds", T_WAIT_S);
    EXPECT(!fired || dt > 0.9, "SIGALRM after %.3fs, before the 1s alarm", dt);
    EXPECT(!fired || last_info.si_signo == SIGALRM, "si_signo %d", last_info.si_signo);
    EXPECT(!fired || last_info.si_code == SI_KERNEL, "si_code %d, want SI_KERNEL (%d)", last_info.si_code, SI_KERNEL);
    EXPECT(alarm(0) == 0, "an alarm is still pending");
    t_end("alarm");

    /* SA_RESETHAND: the first raise runs the handler and resets to SIG_DFL,
     * the second kills the child by SIGUSR1 */
    t_begin();
    int st = t_child(resethand_child);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1, "child %s, want killed by SIGUSR1 (exit 3: handler not run, 4: "
           "not reset to SIG_DFL)", t_status(st));
    t_end("sa_resethand");

    /* SA_NODEFER: the raise inside the handler nests (depth 3) and the
     * signal is not blocked inside */
    t_begin();
    reset();
    limit = 3;
    t_handle(SIGUSR1, nesting, SA_NODEFER);
    raise(SIGUSR1);
    EXPECT(calls == 3, "%d calls, want 3", (int)calls);
    EXPECT(max_depth == 3, "nesting depth %d, want 3", (int)max_depth);
    EXPECT(!blocked_self, "SIGUSR1 blocked inside an SA_NODEFER handler");
    t_end("sa_nodefer");

    /* without SA_NODEFER: the handler's own signal is blocked inside it, so
     * each raise in the handler is delivered after it returns (depth 1) */
    t_begin();
    reset();
    limit = 3;
    t_handle(SIGUSR1, nesting, 0);
    raise(SIGUSR1);
    EXPECT(calls == 3, "%d calls, want 3", (int)calls);
    EXPECT(max_depth == 1, "nesting depth %d, want 1", (int)max_depth);
    EXPECT(blocked_self, "SIGUSR1 not blocked inside its own handler");
    EXPECT(!t_is_blocked(SIGUSR1), "SIGUSR1 still blocked after the handler");
    t_end("self_blocked");

    /* sa_mask: SIGUSR2 is blocked while the SIGUSR1 handler runs; the
     * SIGUSR2 it raises runs after it returns; the mask is back after */
    t_begin();
    reset();
    {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = usr1_then_usr2;
        sigemptyset(&sa.sa_mask);
        sigaddset(&sa.sa_mask, SIGUSR2);
        sigaction(SIGUSR1, &sa, NULL);
        t_handle(SIGUSR2, usr2_mark, 0);
    }
    raise(SIGUSR1);
    EXPECT(blocked_usr2, "SIGUSR2 (in sa_mask) not blocked in the handler");
    EXPECT(order_pos == 3 && order[0] == 1 && order[1] == 2 && order[2] == 3,
           "order %d:%d,%d,%d, want 3:1,2,3 (SIGUSR2 after the SIGUSR1 handler)", (int)order_pos, order[0], order[1],
           order[2]);
    EXPECT(!t_is_blocked(SIGUSR1) && !t_is_blocked(SIGUSR2), "mask not restored after the handler");
    t_end("sa_mask");

    /* the mask after return is uc_sigmask: the handler's own sigprocmask
     * does not survive, its edit of uc_sigmask does */
    t_begin();
    reset();
    {
        sigset_t hup;
        sigemptyset(&hup);
        sigaddset(&hup, SIGHUP);
        sigprocmask(SIG_SETMASK, &hup, NULL);
    }
    t_handle_info(SIGUSR1, mask_editor, 0);
    raise(SIGUSR1);
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(t_is_blocked(SIGHUP), "SIGHUP (blocked before the signal) unblocked after return");
    EXPECT(t_is_blocked(SIGWINCH), "SIGWINCH (added to uc_sigmask) not blocked after return");
    EXPECT(!t_is_blocked(SIGUSR1), "SIGUSR1 blocked after return");
    t_unblock_all();
    t_end("uc_sigmask_restored");

    /* SIG_IGN: nothing happens */
    t_begin();
    reset();
    signal(SIGUSR1, SIG_IGN);
    raise(SIGUSR1);
    EXPECT(calls == 0, "handler count %d", (int)calls);
    {
        sigset_t p;
        sigpending(&p);
        EXPECT(!sigismember(&p, SIGUSR1), "an ignored signal is pending");
    }
    t_end("sig_ign");

    /* sigaction's old action reads back what was set */
    t_begin();
    {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_sigaction = with_info;
        sa.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK | SA_NODEFER;
        sigemptyset(&sa.sa_mask);
        sigaddset(&sa.sa_mask, SIGTERM);
        sigaction(SIGUSR1, &sa, NULL);
        sigaction(SIGUSR1, NULL, &old);
        EXPECT(old.sa_sigaction == with_info, "handler %p, want %p", (void *)old.sa_sigaction, (void *)with_info);
        int want = SA_SIGINFO | SA_RESTART | SA_ONSTACK | SA_NODEFER;
        EXPECT((old.sa_flags & want) == want, "flags %#x lack %#x", old.sa_flags, want);
        EXPECT(sigismember(&old.sa_mask, SIGTERM) == 1, "sa_mask lost SIGTERM");
        EXPECT(sigismember(&old.sa_mask, SIGUSR1) == 0, "sa_mask gained SIGUSR1");
        signal(SIGUSR1, SIG_DFL);
    }
    t_end("sigaction_readback");

    /* flags the kernel does not know are dropped, so a program can probe
     * with SA_UNSUPPORTED (0x400) whether the flags it reads back are
     * honoured (kernel/signal.c do_sigaction: "act->sa.sa_flags &=
     * UAPI_SA_FLAGS", Linux 5.11) */
    t_begin();
    {
        struct sigaction sa, old;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = plain;
        sa.sa_flags = SA_RESTART | 0x400;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGUSR2, &sa, NULL);
        sigaction(SIGUSR2, NULL, &old);
        EXPECT(old.sa_flags & SA_RESTART, "flags %#x lost SA_RESTART", old.sa_flags);
        EXPECT(!(old.sa_flags & 0x400), "flags %#x kept SA_UNSUPPORTED", old.sa_flags);
        signal(SIGUSR2, SIG_DFL);
    }
    t_end("sa_unsupported_dropped");

    /* SIGKILL and SIGSTOP cannot be caught or ignored: EINVAL */
    t_begin();
    {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = plain;
        errno = 0;
        EXPECT(sigaction(SIGKILL, &sa, NULL) == -1 && errno == EINVAL, "sigaction(SIGKILL) errno %d", errno);
        errno = 0;
        sa.sa_handler = SIG_IGN;
        EXPECT(sigaction(SIGSTOP, &sa, NULL) == -1 && errno == EINVAL, "sigaction(SIGSTOP) errno %d", errno);
    }
    t_end("kill_stop_fixed");
    return 0;
}

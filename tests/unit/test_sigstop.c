/* A stop signal whose default action signal delivery carries out itself
 * (signals/deliver.c: the host handed it to pvm's handler while the guest
 * had a handler, and the guest set SIG_DFL before delivery) stops the
 * process with that very signal, as the kernel's do_signal_stop does: the
 * parent's wait status is WIFSTOPPED with WSTOPSIG = the signal, and SIGCONT
 * lets delivery go on. Each case runs in a forked child in a process group
 * of its own (not orphaned: its parent is in another group of the session). */
#include <check.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "signals/signal.h"
#include "signals/sigstate.h"

/* the child: sig taken by "pvm's handler", the guest's disposition SIG_DFL */
static _Noreturn void sigstop_child(int sig)
{
    setpgid(0, 0);
    static struct cpu c;
    memset(&c, 0, sizeof c);
    sig_thread_attach(&c);
    sig_actions_lock();
    struct sigaction_a64 *ka = sig_action(sig);
    memset(ka, 0, sizeof *ka);
    ka->handler = SIG_DFL_A64;
    sig_host_apply(sig);
    sig_actions_unlock();
    memset(&c.sig.taken_info, 0, sizeof c.sig.taken_info);
    c.sig.taken_info.si_signo = sig;
    c.sig.taken_info.si_code = SI_USER;
    c.sig.taken = 1;
    sig_deliver(&c);
    /* continued: delivery is over and nothing is left taken */
    _exit(c.sig.taken ? 2 : 0);
}

static int sigstop_wait(pid_t pid, int flags)
{
    int st = -1;
    for (int i = 0; i < 5000; i++) {
        pid_t r = waitpid(pid, &st, flags | WNOHANG);
        if (r == pid)
            return st;
        ck_assert_int_ge(r, 0);
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
    }
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
    ck_abort_msg("no status change in 5 s");
    return -1;
}

START_TEST(test_default_stop_signal)
{
    static const int sigs[] = {SIGTSTP, SIGTTIN, SIGTTOU};
    int sig = sigs[_i];
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0)
        sigstop_child(sig);
    setpgid(pid, pid);
    int st = sigstop_wait(pid, WUNTRACED);
    ck_assert_msg(WIFSTOPPED(st) && WSTOPSIG(st) == sig, "signal %d: status %#x, want stopped by it", sig, st);
    ck_assert_int_eq(kill(pid, SIGCONT), 0);
    st = sigstop_wait(pid, 0);
    ck_assert_msg(WIFEXITED(st) && WEXITSTATUS(st) == 0, "signal %d: after SIGCONT status %#x", sig, st);
}
END_TEST

Suite *suite_sigstop(void)
{
    Suite *s = suite_create("sigstop");
    TCase *t = tcase_create("default_stop");
    tcase_add_loop_test(t, test_default_stop_signal, 0, 3);
    suite_add_tcase(s, t);
    return s;
}

/* Default actions and stop/continue, as a parent sees them through
 * waitpid/waitid: SIGTERM terminates (WTERMSIG 15, no core flag); abort()
 * with RLIMIT_CORE 0 ends by SIGABRT without WCOREDUMP; SIGUSR1 terminates;
 * SIGCHLD, SIGURG and SIGWINCH are ignored by default (the child goes on and
 * exits normally); SIGSTOP stops the child (WUNTRACED: WIFSTOPPED, WSTOPSIG
 * 19; waitid CLD_STOPPED), SIGCONT resumes it (WCONTINUED: WIFCONTINUED),
 * after which it runs to its normal exit; SIGKILL kills a stopped child. */
#include "sigtest.h"

#include <sys/resource.h>

static int raise_term(void)
{
    raise(SIGTERM);
    return 3;
}

static int do_abort(void)
{
    struct rlimit none = { 0, 0 };
    setrlimit(RLIMIT_CORE, &none);
    abort();
}

static int raise_usr1(void)
{
    raise(SIGUSR1);
    return 3;
}

static int raise_ignored(void)
{
    raise(SIGCHLD);
    raise(SIGURG);
    raise(SIGWINCH);
    return 7;
}

static int ctl[2]; /* the parent's "go on" to a stopped-then-continued child */

static int wait_for_parent(void)
{
    close(ctl[1]);
    char c;
    ssize_t r = read(ctl[0], &c, 1); /* EINTR is not expected: no handlers */
    return r == 1 ? 5 : 6;
}

/* poll waitpid with flags until it reports, bounded */
static int wait_flags(pid_t pid, int flags, int *st)
{
    double end = t_now() + T_WAIT_S;
    for (;;) {
        pid_t r = waitpid(pid, st, flags | WNOHANG);
        if (r == pid)
            return 1;
        if (r < 0 || t_now() > end)
            return 0;
        t_sleep_ms(1);
    }
}

int main(void)
{
    int st;

    t_begin();
    st = t_child(raise_term);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "child %s, want killed by SIGTERM", t_status(st));
    EXPECT(!WCOREDUMP(st), "core flag set for SIGTERM");
    t_end("sigterm_default");

    t_begin();
    st = t_child(do_abort);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "child %s, want killed by SIGABRT", t_status(st));
    EXPECT(!WCOREDUMP(st), "core flag set with RLIMIT_CORE 0");
    t_end("abort_no_core");

    t_begin();
    st = t_child(raise_usr1);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGUSR1, "child %s, want killed by SIGUSR1", t_status(st));
    t_end("sigusr1_default");

    t_begin();
    st = t_child(raise_ignored);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 7, "child %s, want exit 7 (SIGCHLD/SIGURG/SIGWINCH ignored)",
           t_status(st));
    t_end("ignored_by_default");

    /* stop and continue */
    if (pipe(ctl) != 0)
        return 1;
    pid_t pid = fork();
    if (pid == 0)
        _exit(wait_for_parent());
    close(ctl[0]);
    t_begin();
    kill(pid, SIGSTOP);
    int got = wait_flags(pid, WUNTRACED, &st);
    EXPECT(got && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP, "waitpid(WUNTRACED): %s",
           got ? (WIFSTOPPED(st) ? "stopped by another signal" : t_status(st)) : "nothing");
    t_end("sigstop_stopped");
    t_begin();
    kill(pid, SIGCONT);
    got = wait_flags(pid, WCONTINUED, &st);
    EXPECT(got && WIFCONTINUED(st), "waitpid(WCONTINUED): %s", got ? t_status(st) : "nothing");
    t_end("sigcont_continued");
    t_begin();
    ssize_t w = write(ctl[1], "x", 1);
    (void)w;
    st = t_waitpid(pid, T_WAIT_S);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 5, "child %s, want exit 5 after continuing", t_status(st));
    t_end("continued_runs_on");
    close(ctl[1]);

    /* waitid sees the stop as CLD_STOPPED; SIGKILL ends a stopped child */
    if (pipe(ctl) != 0)
        return 1;
    pid = fork();
    if (pid == 0)
        _exit(wait_for_parent());
    close(ctl[0]);
    t_begin();
    kill(pid, SIGSTOP);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    int r = -1;
    double end = t_now() + T_WAIT_S;
    while (t_now() < end) {
        memset(&si, 0, sizeof si);
        r = waitid(P_PID, (id_t)pid, &si, WSTOPPED | WNOHANG);
        if (r != 0 || si.si_pid == pid)
            break;
        t_sleep_ms(1);
    }
    EXPECT(r == 0 && si.si_pid == pid, "waitid returned %d, si_pid %d", r, (int)si.si_pid);
    EXPECT(si.si_code == CLD_STOPPED && si.si_status == SIGSTOP, "si_code %d si_status %d, want CLD_STOPPED %d",
           si.si_code, si.si_status, SIGSTOP);
    t_end("waitid_cld_stopped");
    t_begin();
    kill(pid, SIGKILL);
    st = t_waitpid(pid, T_WAIT_S);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "child %s, want killed by SIGKILL", t_status(st));
    t_end("sigkill_stopped");
    close(ctl[1]);
    return 0;
}

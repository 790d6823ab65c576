/* wait4 and waitid as the arm64 kernel defines them (kernel/exit.c):
 * statuses of exited, killed, stopped and continued children; waitid's
 * siginfo (si_signo, si_code CLD_*, si_pid, si_uid, si_status) with WNOWAIT
 * leaving the event to a later real wait; every idtype (P_ALL, P_PID,
 * P_PGID with an id and with 0 for the caller's group, P_PIDFD) and the
 * __WALL/__WCLONE/__WNOTHREAD rules; what waitid writes when it reports
 * nothing (six fields zeroed, the rest untouched, on WNOHANG and on every
 * error); rusage; a status or siginfo pointer that faults is EFAULT after
 * the child was reaped. Each case in its own forked child. */
#include "pidfdtest.h"

#include <sys/stat.h>

/* a child that waits to be killed or continued (pause), or exits at once */
static pid_t spawn_pause(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    return pid;
}

static pid_t spawn_exit(int code)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit(code);
    return pid;
}

/* waitid with a bound: until it reports pid or fails (WNOHANG polls) */
static int waitid_bounded(idtype_t type, id_t id, siginfo_t *si, int opts)
{
    double end = t_now() + T_WAIT_S;
    for (;;) {
        memset(si, 0, sizeof *si);
        int r = waitid(type, id, si, opts | WNOHANG);
        if (r != 0 || si->si_pid != 0 || (opts & WNOHANG))
            return r;
        if (t_now() > end) {
            errno = ETIMEDOUT;
            return -1;
        }
        t_sleep_ms(1);
    }
}

static void expect_info(const siginfo_t *si, pid_t pid, int code, int status, const char *what)
{
    EXPECT(si->si_signo == SIGCHLD && si->si_code == code && si->si_pid == pid &&
               si->si_uid == getuid() && si->si_status == status && si->si_errno == 0,
           "%s: si_signo %d si_code %d si_pid %d (child %d) si_uid %d si_status %d si_errno %d, want "
           "SIGCHLD code %d status %d",
           what, si->si_signo, si->si_code, si->si_pid, pid, (int)si->si_uid, si->si_status,
           si->si_errno, code, status);
}

static void case_wait4_statuses(void)
{
    int st;
    struct rusage ru;
    pid_t pid = spawn_exit(3);
    memset(&ru, 0, sizeof ru);
    EXPECT(wait4(pid, &st, 0, &ru) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 3,
           "exit 3: %s", t_status(st));
    EXPECT(ru.ru_maxrss > 0, "rusage of the child: ru_maxrss %ld", ru.ru_maxrss);
    pid = spawn_pause();
    kill(pid, SIGSTOP);
    EXPECT(wait4(pid, &st, WUNTRACED, NULL) == pid && WIFSTOPPED(st) && WSTOPSIG(st) == SIGSTOP,
           "WUNTRACED: status %#x", st);
    kill(pid, SIGCONT);
    EXPECT(wait4(pid, &st, WCONTINUED, NULL) == pid && WIFCONTINUED(st), "WCONTINUED: status %#x", st);
    /* a stop already reported is not reported again */
    EXPECT(wait4(pid, &st, WUNTRACED | WCONTINUED | WNOHANG, NULL) == 0, "a second report");
    kill(pid, SIGTERM);
    EXPECT(wait4(pid, &st, 0, NULL) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM &&
               !WCOREDUMP(st),
           "SIGTERM: %s", t_status(st));
    EXPECT(wait4(-1, &st, WNOHANG, NULL) == -1 && errno == ECHILD, "no child left: errno %d", errno);
    EXPECT(wait4(-1, &st, 0x10, NULL) == -1 && errno == EINVAL, "unknown option: errno %d", errno);
    EXPECT(wait4(-1, &st, WEXITED, NULL) == -1 && errno == EINVAL, "waitid's WEXITED: errno %d", errno);
    EXPECT(wait4(INT_MIN, &st, WNOHANG, NULL) == -1 && errno == ESRCH, "INT_MIN: errno %d", errno);
}

/* a stopped, then continued, then killed child, each event seen first
 * with WNOWAIT (left for later) and then taken */
static void case_waitid_nowait(void)
{
    siginfo_t si;
    pid_t pid = spawn_pause();
    kill(pid, SIGSTOP);
    EXPECT(waitid_bounded(P_PID, pid, &si, WSTOPPED | WNOWAIT) == 0, "WNOWAIT stop: %s", strerror(errno));
    expect_info(&si, pid, CLD_STOPPED, SIGSTOP, "stopped, WNOWAIT");
    EXPECT(waitid(P_PID, pid, &si, WSTOPPED | WNOWAIT | WNOHANG) == 0, "again");
    expect_info(&si, pid, CLD_STOPPED, SIGSTOP, "stopped, WNOWAIT again");
    EXPECT(waitid(P_PID, pid, &si, WSTOPPED) == 0, "WSTOPPED: %s", strerror(errno));
    expect_info(&si, pid, CLD_STOPPED, SIGSTOP, "stopped");
    memset(&si, 0x5a, sizeof si);
    EXPECT(waitid(P_PID, pid, &si, WSTOPPED | WNOHANG) == 0 && si.si_pid == 0, "the stop reported twice");
    kill(pid, SIGCONT);
    EXPECT(waitid_bounded(P_PID, pid, &si, WCONTINUED | WNOWAIT) == 0, "WNOWAIT cont: %s", strerror(errno));
    expect_info(&si, pid, CLD_CONTINUED, SIGCONT, "continued, WNOWAIT");
    EXPECT(waitid(P_PID, pid, &si, WCONTINUED) == 0, "WCONTINUED: %s", strerror(errno));
    expect_info(&si, pid, CLD_CONTINUED, SIGCONT, "continued");
    kill(pid, SIGKILL);
    EXPECT(waitid_bounded(P_PID, pid, &si, WEXITED | WNOWAIT) == 0, "WNOWAIT exit: %s", strerror(errno));
    expect_info(&si, pid, CLD_KILLED, SIGKILL, "killed, WNOWAIT");
    EXPECT(kill(pid, 0) == 0, "a zombie left by WNOWAIT is still there");
    EXPECT(waitid(P_PID, pid, &si, WEXITED) == 0, "WEXITED: %s", strerror(errno));
    expect_info(&si, pid, CLD_KILLED, SIGKILL, "killed");
    EXPECT(waitid(P_ALL, 0, &si, WEXITED) == -1 && errno == ECHILD, "reaped twice: errno %d", errno);
    pid = spawn_exit(77);
    EXPECT(waitid(P_ALL, 0, &si, WEXITED) == 0, "P_ALL: %s", strerror(errno));
    expect_info(&si, pid, CLD_EXITED, 77, "P_ALL exited");
}

/* the six ints waitid writes when it reports nothing, and only those */
static int zeroed_as_kernel(const siginfo_t *si)
{
    const unsigned char *b = (const unsigned char *)si;
    for (size_t k = 0; k < sizeof *si; k++) {
        bool written = k < 12 || (k >= 16 && k < 28);
        if (b[k] != (written ? 0 : 0xa5))
            return 0;
    }
    return 1;
}

static void case_waitid_zeroed(void)
{
    siginfo_t si;
    pid_t pid = spawn_pause();
    memset(&si, 0xa5, sizeof si);
    EXPECT(t_waitid(P_PID, pid, &si, WEXITED | WNOHANG, NULL) == 0 && zeroed_as_kernel(&si),
           "WNOHANG with nothing to report: si_signo %d si_pid %d", si.si_signo, si.si_pid);
    memset(&si, 0xa5, sizeof si);
    EXPECT(t_waitid(P_PID, pid, &si, 0, NULL) == -1 && errno == EINVAL && zeroed_as_kernel(&si),
           "no event asked for: errno %d, si_signo %d", errno, si.si_signo);
    memset(&si, 0xa5, sizeof si);
    EXPECT(t_waitid(7, 0, &si, WEXITED, NULL) == -1 && errno == EINVAL && zeroed_as_kernel(&si),
           "idtype 7: errno %d", errno);
    memset(&si, 0xa5, sizeof si);
    EXPECT(t_waitid(P_PID, 0, &si, WEXITED, NULL) == -1 && errno == EINVAL && zeroed_as_kernel(&si),
           "P_PID 0: errno %d", errno);
    memset(&si, 0xa5, sizeof si);
    EXPECT(t_waitid(P_PGID, -1, &si, WEXITED, NULL) == -1 && errno == EINVAL && zeroed_as_kernel(&si),
           "P_PGID -1: errno %d", errno);
    memset(&si, 0xa5, sizeof si);
    EXPECT(t_waitid(P_PID, getpid(), &si, WEXITED, NULL) == -1 && errno == ECHILD && zeroed_as_kernel(&si),
           "not a child: errno %d", errno);
    /* a siginfo that faults turns an error into EFAULT too */
    EXPECT(t_waitid(P_PID, 0, (siginfo_t *)8, WEXITED, NULL) == -1 && errno == EFAULT,
           "EINVAL with a bad siginfo: errno %d", errno);
    kill(pid, SIGKILL);
    EXPECT(waitid_bounded(P_PID, pid, &si, WEXITED) == 0, "reap: %s", strerror(errno));
}

/* a fault on the status, the siginfo or the rusage: EFAULT, and the child
 * is gone all the same */
static void case_efault_reaps(void)
{
    pid_t pid = spawn_exit(1);
    t_sleep_ms(20);
    EXPECT(wait4(pid, (int *)8, 0, NULL) == -1 && errno == EFAULT, "wait4 bad status: errno %d", errno);
    EXPECT(kill(pid, 0) == -1 && errno == ESRCH, "wait4: the child was not reaped");
    pid = spawn_exit(2);
    EXPECT(wait4(pid, NULL, 0, (struct rusage *)8) == -1 && errno == EFAULT, "wait4 bad rusage: errno %d",
           errno);
    EXPECT(kill(pid, 0) == -1 && errno == ESRCH, "wait4 rusage: the child was not reaped");
    pid = spawn_exit(3);
    EXPECT(t_waitid(P_PID, pid, (siginfo_t *)8, WEXITED, NULL) == -1 && errno == EFAULT,
           "waitid bad siginfo: errno %d", errno);
    EXPECT(kill(pid, 0) == -1 && errno == ESRCH, "waitid: the child was not reaped");
    /* the rusage is written before the siginfo, which a fault there spares */
    siginfo_t si;
    memset(&si, 0xa5, sizeof si);
    pid = spawn_exit(4);
    EXPECT(t_waitid(P_PID, pid, &si, WEXITED, (struct rusage *)8) == -1 && errno == EFAULT,
           "waitid bad rusage: errno %d", errno);
    EXPECT(si.si_signo == (int)0xa5a5a5a5, "waitid wrote the siginfo after the rusage faulted");
    EXPECT(kill(pid, 0) == -1 && errno == ESRCH, "waitid rusage: the child was not reaped");
    struct rusage ru;
    memset(&ru, 0, sizeof ru);
    pid = spawn_exit(5);
    EXPECT(t_waitid(P_PID, pid, &si, WEXITED, &ru) == 0 && si.si_status == 5 && ru.ru_maxrss > 0,
           "waitid rusage: si_status %d ru_maxrss %ld", si.si_status, ru.ru_maxrss);
}

/* P_PGID: a child in a group of its own, and id 0 for the caller's group */
static void case_waitid_pgid(void)
{
    struct t_sync s;
    t_sync_init(&s);
    pid_t other = fork();
    if (other == 0) {
        setpgid(0, 0);
        t_sync_post(&s, 'g');
        for (;;)
            pause();
    }
    setpgid(other, other); /* either side may come first */
    EXPECT(t_sync_wait(&s, T_WAIT_S) == 'g', "the child did not start");
    pid_t mine = spawn_exit(4);
    siginfo_t si;
    EXPECT(waitid_bounded(P_PGID, 0, &si, WEXITED) == 0, "P_PGID 0: %s", strerror(errno));
    expect_info(&si, mine, CLD_EXITED, 4, "P_PGID 0");
    memset(&si, 0, sizeof si);
    EXPECT(waitid(P_PGID, 0, &si, WEXITED | WNOHANG) == -1 && errno == ECHILD,
           "P_PGID 0 with only a child of another group: errno %d, si_pid %d", errno, si.si_pid);
    kill(other, SIGKILL);
    EXPECT(waitid_bounded(P_PGID, other, &si, WEXITED) == 0, "P_PGID %d: %s", other, strerror(errno));
    expect_info(&si, other, CLD_KILLED, SIGKILL, "P_PGID of the child's group");
    t_sync_close(&s);
}

/* P_PIDFD: the child a pidfd names; a pidfd of a process that is not a
 * child; a descriptor that is not a pidfd, and one where pvm keeps its own */
static void case_waitid_pidfd(void)
{
    siginfo_t si;
    pid_t pid = spawn_pause();
    int pfd = t_pidfd_open(pid, 0), nb = t_pidfd_open(pid, PIDFD_NONBLOCK);
    EXPECT(pfd >= 0 && nb >= 0, "pidfd_open: %s", strerror(errno));
    memset(&si, 0xa5, sizeof si);
    EXPECT(t_waitid(P_PIDFD, nb, &si, WEXITED, NULL) == -1 && errno == EAGAIN && zeroed_as_kernel(&si),
           "PIDFD_NONBLOCK of a running child: errno %d", errno);
    EXPECT(t_waitid(P_PIDFD, pfd, &si, WEXITED | WNOHANG, NULL) == 0 && si.si_pid == 0,
           "WNOHANG: si_pid %d", si.si_pid);
    kill(pid, SIGTERM);
    EXPECT(t_waitid(P_PIDFD, pfd, &si, WEXITED, NULL) == 0, "P_PIDFD: %s", strerror(errno));
    expect_info(&si, pid, CLD_KILLED, SIGTERM, "P_PIDFD");
    EXPECT(t_waitid(P_PIDFD, pfd, &si, WEXITED, NULL) == -1 && errno == ECHILD, "reaped: errno %d", errno);
    int self = t_pidfd_open(getpid(), 0);
    EXPECT(t_waitid(P_PIDFD, self, &si, WEXITED | WNOHANG, NULL) == -1 && errno == ECHILD,
           "a pidfd of the caller: errno %d", errno);
    EXPECT(t_waitid(P_PIDFD, 0, &si, WEXITED | WNOHANG, NULL) == -1 && errno == EBADF,
           "stdin: errno %d", errno);
    EXPECT(t_waitid(P_PIDFD, t_nofile(), &si, WEXITED | WNOHANG, NULL) == -1 && errno == EBADF,
           "descriptor %d (pvm's first hidden one): errno %d", t_nofile(), errno);
    EXPECT(t_waitid(P_PIDFD, -1, &si, WEXITED | WNOHANG, NULL) == -1 && errno == EINVAL,
           "descriptor -1: errno %d", errno);
    close(pfd);
    close(nb);
    close(self);
}

/* __WCLONE waits only for children whose exit signal is not SIGCHLD,
 * the default only for the others, __WALL for both */
static void on_usr1(int sig) { (void)sig; }

static void case_wclone_wall(void)
{
    t_handle(SIGUSR1, on_usr1, SA_RESTART);
    long c = t_raw(t_clone_exit(SIGUSR1, NULL, 6));
    EXPECT(c > 0, "clone with exit signal SIGUSR1: %s", strerror(errno));
    pid_t f = spawn_exit(7);
    int st;
    t_sleep_ms(50);
    EXPECT(waitpid((pid_t)c, &st, WNOHANG) == -1 && errno == ECHILD,
           "the default wait took a clone child: errno %d", errno);
    EXPECT(waitpid(f, &st, __WCLONE | WNOHANG) == -1 && errno == ECHILD,
           "__WCLONE took a SIGCHLD child: errno %d", errno);
    double end = t_now() + T_WAIT_S;
    pid_t r;
    while ((r = waitpid((pid_t)c, &st, __WCLONE | WNOHANG)) == 0 && t_now() < end)
        t_sleep_ms(1);
    EXPECT(r == c && WIFEXITED(st) && WEXITSTATUS(st) == 6, "__WCLONE: %d, %s", r, t_status(st));
    EXPECT(waitpid(f, &st, __WALL) == f && WEXITSTATUS(st) == 7, "__WALL: %s", t_status(st));
    siginfo_t si;
    c = t_raw(t_clone_exit(SIGUSR1, NULL, 8));
    EXPECT(waitid_bounded(P_PID, (id_t)c, &si, WEXITED | __WALL) == 0, "waitid __WALL: %s", strerror(errno));
    expect_info(&si, (pid_t)c, CLD_EXITED, 8, "waitid __WALL of a clone child");
}

/* __WNOTHREAD: only the calling thread's own children (a thread that
 * forks stays alive meanwhile: when it ends, its children pass to another
 * thread of the process) */
static struct t_sync nt_forked, nt_go;
static pid_t thread_child;

static void *fork_and_wait(void *arg)
{
    (void)arg;
    thread_child = spawn_exit(9);
    t_sync_post(&nt_forked, 'f');
    if (t_sync_wait(&nt_go, T_WAIT_S) != 'g')
        return (void *)(intptr_t)-ETIMEDOUT;
    int st;
    pid_t r = waitpid(thread_child, &st, __WNOTHREAD);
    return (void *)(intptr_t)(r == thread_child && WIFEXITED(st) ? WEXITSTATUS(st) : -errno);
}

static void case_wnothread(void)
{
    pthread_t t;
    t_sync_init(&nt_forked);
    t_sync_init(&nt_go);
    if (!thr_create(&t, fork_and_wait, NULL))
        return;
    int st;
    EXPECT(t_sync_wait(&nt_forked, T_WAIT_S) == 'f', "the thread did not fork");
    t_sleep_ms(20);
    EXPECT(waitpid(thread_child, &st, __WNOTHREAD | WNOHANG) == -1 && errno == ECHILD,
           "__WNOTHREAD took another thread's child: errno %d", errno);
    t_sync_post(&nt_go, 'g');
    void *r;
    if (thr_join(t, &r))
        EXPECT((intptr_t)r == 9, "__WNOTHREAD in the forking thread: %ld", (long)(intptr_t)r);
}

int main(void)
{
    thr_case("wait4_statuses", case_wait4_statuses, THR_CASE_S);
    thr_case("waitid_nowait", case_waitid_nowait, THR_CASE_S);
    thr_case("waitid_zeroed", case_waitid_zeroed, THR_CASE_S);
    thr_case("efault_reaps", case_efault_reaps, THR_CASE_S);
    thr_case("waitid_pgid", case_waitid_pgid, THR_CASE_S);
    thr_case("waitid_pidfd", case_waitid_pidfd, THR_CASE_S);
    thr_case("wclone_wall", case_wclone_wall, THR_CASE_S);
    thr_case("wnothread", case_wnothread, THR_CASE_S);
    return 0;
}

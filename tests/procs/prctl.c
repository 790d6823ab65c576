/* The process prctls as the arm64 kernel defines them (kernel/sys.c,
 * kernel/exit.c): PR_SET/GET_PDEATHSIG and the signal's delivery when the
 * parent goes, where "the parent" is the thread that made the child (a
 * process that exits, a non-main thread that exits while the process
 * lives, the main thread that exits while another lives, a thread whose
 * vfork child exec'd); the signal is SI_USER from the exiting parent;
 * PR_SET/GET_CHILD_SUBREAPER and a subreaper reaping an orphaned
 * grandchild; PR_SET/GET_DUMPABLE (read back, inherited by fork, reset by
 * exec); arguments the kernel refuses. Each case in its own forked child;
 * a case whose parent thread exits prints its line from another thread. */
#include "pidfdtest.h"

#include <sys/prctl.h>

static const char *self_path = "/proc/self/exe";

/* ---- the child whose parent goes: it blocks SIGUSR1 before asking for
 * it as its death signal (so an early one waits), says it is ready on one
 * pipe, takes the signal and reports on another: 'y' for SIGUSR1 with
 * SI_USER from the expected pid, else a byte saying what went wrong ---- */
static char pdeath_wait(pid_t from)
{
    siginfo_t si;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    struct timespec ts = {T_WAIT_S, 0};
    if (sigtimedwait(&s, &si, &ts) != SIGUSR1)
        return 't';
    return si.si_code == SI_USER && si.si_pid == from ? 'y' : 'c';
}

static void block_usr1(void)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    pthread_sigmask(SIG_BLOCK, &s, NULL);
}

/* fork a child of the calling thread that waits for its death signal */
static pid_t pdeath_child(struct t_sync *ready, struct t_sync *report, pid_t from)
{
    block_usr1();
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        if (prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0) != 0 || getppid() != parent)
            _exit(1);
        t_sync_post(ready, 'r');
        t_sync_post(report, pdeath_wait(from));
        _exit(0);
    }
    return pid;
}

static void expect_report(struct t_sync *report, const char *what)
{
    char r = t_sync_wait(report, T_WAIT_S);
    EXPECT(r == 'y', "%s: %s", what,
           r == 't'   ? "no SIGUSR1"
           : r == 'c' ? "SIGUSR1 but not SI_USER from the exiting parent"
                      : "no report");
}

static void case_pdeathsig_rw(void)
{
    int v = -1;
    EXPECT(prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0) == 0 && v == 0, "initially %d", v);
    EXPECT(prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0) == 0, "set: %s", strerror(errno));
    EXPECT(prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0) == 0 && v == SIGUSR1, "read back %d", v);
    EXPECT(prctl(PR_SET_PDEATHSIG, 64, 0, 0, 0) == 0, "signal 64: %s", strerror(errno));
    EXPECT(prctl(PR_SET_PDEATHSIG, 65, 0, 0, 0) == -1 && errno == EINVAL, "signal 65: errno %d", errno);
    EXPECT(prctl(PR_SET_PDEATHSIG, -1L, 0, 0, 0) == -1 && errno == EINVAL, "signal -1: errno %d", errno);
    EXPECT(prctl(PR_SET_PDEATHSIG, (1L << 32) | SIGUSR2, 0, 0, 0) == -1 && errno == EINVAL,
           "a signal with bits above 32: errno %d", errno);
    EXPECT(prctl(PR_GET_PDEATHSIG, (int *)8, 0, 0, 0) == -1 && errno == EFAULT, "bad pointer: errno %d", errno);
    prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
    pid_t pid = fork();
    if (pid == 0) {
        v = -1;
        _exit(prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0) == 0 && v == 0 ? 0 : 1);
    }
    int st = t_waitpid(pid, T_WAIT_S);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a fork child inherited the death signal");
    EXPECT(prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0) == 0 && prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0) == 0 && v == 0,
           "cleared: %d", v);
}

/* the parent process exits */
static void case_pdeathsig_process(void)
{
    struct t_sync ready, report;
    t_sync_init(&ready);
    t_sync_init(&report);
    pid_t mid = fork();
    if (mid == 0) {
        pdeath_child(&ready, &report, getpid());
        _exit(t_sync_wait(&ready, T_WAIT_S) == 'r' ? 0 : 1);
    }
    int st = t_waitpid(mid, T_WAIT_S);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the middle process %s", t_status(st));
    expect_report(&report, "the parent process exited");
}

/* a thread that is not the main one makes the child and exits: the signal
 * comes though the process lives on */
static struct t_sync th_ready, th_report;

static void *fork_then_exit(void *arg)
{
    (void)arg;
    pdeath_child(&th_ready, &th_report, getpid());
    t_sync_wait(&th_ready, T_WAIT_S);
    return NULL;
}

static void case_pdeathsig_thread(void)
{
    t_sync_init(&th_ready);
    t_sync_init(&th_report);
    pthread_t t;
    if (!thr_create(&t, fork_then_exit, NULL) || !thr_join(t, NULL))
        return;
    expect_report(&th_report, "the forking thread exited");
    int st;
    EXPECT(waitpid(-1, &st, 0) > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0,
           "the child, reparented to a thread of this process: %s", t_status(st));
}

/* the main thread makes the child and exits; another thread reports */
static void *report_main_gone(void *arg)
{
    (void)arg;
    expect_report(&th_report, "the main thread exited");
    t_end("pdeathsig_main_thread");
    _exit(0);
}

static void case_pdeathsig_main_thread(void)
{
    t_sync_init(&th_ready);
    t_sync_init(&th_report);
    pdeath_child(&th_ready, &th_report, getpid());
    EXPECT(t_sync_wait(&th_ready, T_WAIT_S) == 'r', "the child did not start");
    pthread_t t;
    if (t_why[0] || !thr_create(&t, report_main_gone, NULL))
        return;
    pthread_exit(NULL);
}

/* a thread vforks, its child asks for the signal and execs this program,
 * which waits for it: the exec keeps the death signal and the parent is
 * still the thread */
static int vf_ready[2], vf_report[2];

static void *vfork_then_exit(void *arg)
{
    (void)arg;
    block_usr1();
    char from[16], rfd[16], pfd[16];
    snprintf(from, sizeof from, "%d", getpid());
    snprintf(rfd, sizeof rfd, "%d", vf_ready[1]);
    snprintf(pfd, sizeof pfd, "%d", vf_report[1]);
    char *argv[] = {"prctl", "--pdeath-wait", from, rfd, pfd, NULL};
    pid_t pid = vfork();
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGUSR1, 0, 0, 0);
        execv(self_path, argv);
        _exit(127);
    }
    struct t_sync s = {{vf_ready[0], -1}};
    return (void *)(intptr_t)(pid > 0 && t_sync_wait(&s, T_WAIT_S) == 'r');
}

static int pdeath_wait_main(char **argv)
{
    int rfd = atoi(argv[3]), pfd = atoi(argv[4]);
    int v = 0;
    prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0);
    char ok = 'r';
    if (write(rfd, &ok, 1) != 1)
        return 1;
    char r = v == SIGUSR1 ? pdeath_wait((pid_t)atoi(argv[2])) : 'k';
    return write(pfd, &r, 1) == 1 ? 0 : 1;
}

static void case_pdeathsig_vfork_exec(void)
{
    if (pipe(vf_ready) != 0 || pipe(vf_report) != 0)
        return;
    pthread_t t;
    void *started = NULL;
    if (!thr_create(&t, vfork_then_exit, NULL) || !thr_join(t, &started))
        return;
    EXPECT(started, "the vfork'ed and exec'd child did not start");
    struct t_sync rep = {{vf_report[0], -1}};
    char r = t_sync_wait(&rep, T_WAIT_S);
    EXPECT(r == 'y', "the vforking thread exited: %s",
           r == 't'   ? "no SIGUSR1"
           : r == 'k' ? "the exec lost the death signal"
           : r == 'c' ? "SIGUSR1 but not SI_USER from the exiting parent"
                      : "no report");
    int st;
    EXPECT(waitpid(-1, &st, 0) > 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0, "the child %s", t_status(st));
}

/* a subreaper takes an orphaned grandchild and reaps it */
static void case_subreaper(void)
{
    int v = -1;
    EXPECT(prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0) == 0 && v == 0, "initially %d", v);
    EXPECT(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) == 0, "set: %s", strerror(errno));
    EXPECT(prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0) == 0 && v == 1, "read back %d", v);
    struct t_sync ready, report;
    t_sync_init(&ready);
    t_sync_init(&report);
    pid_t me = getpid();
    pid_t mid = fork();
    if (mid == 0) {
        int w = -1;
        prctl(PR_GET_CHILD_SUBREAPER, &w, 0, 0, 0);
        pid_t g = fork();
        if (g == 0) {
            pid_t first = getppid();
            t_sync_post(&ready, 'r');
            double end = t_now() + T_WAIT_S;
            while (getppid() == first && t_now() < end)
                t_sleep_ms(1);
            t_sync_post(&report, getppid() == me ? 'y' : 'n');
            _exit(9);
        }
        _exit(t_sync_wait(&ready, T_WAIT_S) == 'r' && w == 0 ? 0 : 1);
    }
    int st = t_waitpid(mid, T_WAIT_S);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "the middle process %s (or it inherited the subreaper "
                                                  "attribute)", t_status(st));
    EXPECT(t_sync_wait(&report, T_WAIT_S) == 'y', "the orphan's new parent is not the subreaper");
    pid_t g = waitpid(-1, &st, 0);
    EXPECT(g > 0 && g != mid && WIFEXITED(st) && WEXITSTATUS(st) == 9, "the subreaper's wait: %d %s", g,
           t_status(st));
    EXPECT(prctl(PR_SET_CHILD_SUBREAPER, 2, 0, 0, 0) == 0 && prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0) == 0 &&
               v == 1,
           "set 2 reads back %d", v);
    EXPECT(prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0) == 0 && prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0) == 0 &&
               v == 0,
           "cleared: %d", v);
    EXPECT(prctl(PR_GET_CHILD_SUBREAPER, (int *)8, 0, 0, 0) == -1 && errno == EFAULT, "bad pointer: errno %d",
           errno);
    t_sync_close(&ready);
    t_sync_close(&report);
}

static void case_dumpable(void)
{
    EXPECT(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1, "initially %d", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
    EXPECT(prctl(PR_SET_DUMPABLE, 2, 0, 0, 0) == -1 && errno == EINVAL, "2 (SUID_DUMP_ROOT): errno %d", errno);
    EXPECT(prctl(PR_SET_DUMPABLE, 3, 0, 0, 0) == -1 && errno == EINVAL, "3: errno %d", errno);
    EXPECT(prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0, "set 0: read %d",
           prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
    /* an undumpable process still reads its own /proc entries */
    FILE *f = fopen("/proc/self/status", "r");
    EXPECT(f != NULL, "/proc/self/status when undumpable: %s", strerror(errno));
    if (f)
        fclose(f);
    pid_t pid = fork();
    if (pid == 0)
        _exit(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
    int st = t_waitpid(pid, T_WAIT_S);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a fork child: %s, want exit 0 (not dumpable)", t_status(st));
    EXPECT(prctl(PR_SET_DUMPABLE, 1, 0, 0, 0) == 0 && prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 1, "set 1: read %d",
           prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
}

/* exec makes a process dumpable again */
static void case_dumpable_exec(void)
{
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    pid_t pid = fork();
    if (pid == 0) {
        char *argv[] = {"prctl", "--dumpable", NULL};
        execv(self_path, argv);
        _exit(127);
    }
    int st = t_waitpid(pid, T_WAIT_S);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 1, "after exec: %s, want exit 1 (dumpable)", t_status(st));
}

static void case_bad_args(void)
{
    EXPECT(prctl(0x7fffffff, 0, 0, 0, 0) == -1 && errno == EINVAL, "an unknown option: errno %d", errno);
    EXPECT(prctl(PR_GET_NO_NEW_PRIVS, 1, 0, 0, 0) == -1 && errno == EINVAL,
           "PR_GET_NO_NEW_PRIVS with an argument: errno %d", errno);
    EXPECT(prctl(PR_SET_NO_NEW_PRIVS, 1, 1, 0, 0) == -1 && errno == EINVAL,
           "PR_SET_NO_NEW_PRIVS with a third argument: errno %d", errno);
    /* the upper half of the option is not looked at: int option */
    EXPECT(syscall(SYS_prctl, (1L << 32) | PR_GET_DUMPABLE, 0, 0, 0, 0) == 1, "an option with upper bits: %s",
           strerror(errno));
}

int main(int argc, char **argv)
{
    if (argc == 5 && strcmp(argv[1], "--pdeath-wait") == 0)
        return pdeath_wait_main(argv);
    if (argc == 2 && strcmp(argv[1], "--dumpable") == 0)
        return prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
    thr_case("pdeathsig_rw", case_pdeathsig_rw, THR_CASE_S);
    thr_case("pdeathsig_process", case_pdeathsig_process, THR_CASE_S);
    thr_case("pdeathsig_thread", case_pdeathsig_thread, THR_CASE_S);
    thr_case("pdeathsig_main_thread", case_pdeathsig_main_thread, THR_CASE_S);
    thr_case("pdeathsig_vfork_exec", case_pdeathsig_vfork_exec, THR_CASE_S);
    thr_case("subreaper", case_subreaper, THR_CASE_S);
    thr_case("dumpable", case_dumpable, THR_CASE_S);
    thr_case("dumpable_exec", case_dumpable_exec, THR_CASE_S);
    thr_case("bad_args", case_bad_args, THR_CASE_S);
    return 0;
}

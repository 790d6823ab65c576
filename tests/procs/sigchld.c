/* SIGCHLD as the arm64 kernel sends it (kernel/signal.c do_notify_parent,
 * do_notify_parent_cldstop): si_code CLD_EXITED, CLD_KILLED, CLD_DUMPED,
 * CLD_STOPPED, CLD_CONTINUED with si_pid, si_uid and si_status (an exit
 * code or a signal), for a forked and for a posix_spawn'ed child;
 * SA_NOCLDSTOP (no SIGCHLD for stops and continues), SA_NOCLDWAIT and an
 * ignored SIGCHLD (children reaped by the kernel: a wait then fails with
 * ECHILD). A child that dies of SIGABRT is CLD_KILLED with RLIMIT_CORE 0,
 * or when it made itself undumpable, and CLD_DUMPED with a core written;
 * under pvm that last one differs (docs/design.md "Core files": pvm writes
 * the guest's core itself and then dies with RLIMIT_CORE 0, so the host
 * reports CLD_KILLED without the core flag). The core cases run only where
 * /proc/sys/kernel/core_pattern names a file in the dying process's
 * directory, in a directory of their own that they remove. Each case in
 * its own forked child. */
#include "pidfdtest.h"

#include <dirent.h>
#include <spawn.h>
#include <sys/prctl.h>
#include <sys/stat.h>

extern char **environ;

/* the SIGCHLDs the handler saw, in order */
#define EV_MAX 16
struct ev {
    int code, pid, status, uid;
};
static struct ev evs[EV_MAX];
static atomic_int nev;

static void on_chld(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    int k = atomic_load(&nev);
    if (sig != SIGCHLD || si->si_signo != SIGCHLD || k >= EV_MAX)
        return;
    evs[k] = (struct ev){si->si_code, si->si_pid, si->si_status, (int)si->si_uid};
    atomic_store(&nev, k + 1);
}

static void catch_chld(int flags)
{
    atomic_store(&nev, 0);
    t_handle_info(SIGCHLD, on_chld, flags | SA_RESTART);
}

/* wait for the n-th SIGCHLD (1-based); whether it came */
static int wait_ev(int n)
{
    double end = t_now() + T_WAIT_S;
    while (atomic_load(&nev) < n && t_now() < end)
        t_sleep_ms(1);
    return atomic_load(&nev) >= n;
}

static void expect_ev(int n, pid_t pid, int code, int status, const char *what)
{
    if (!wait_ev(n)) {
        t_note("%s: no SIGCHLD (%d seen)", what, atomic_load(&nev));
        return;
    }
    const struct ev *e = &evs[n - 1];
    EXPECT(e->code == code && e->pid == pid && e->status == status && e->uid == (int)getuid(),
           "%s: si_code %d si_pid %d si_status %d si_uid %d, want code %d pid %d status %d", what, e->code,
           e->pid, e->status, e->uid, code, pid, status);
}

static pid_t spawn_pause(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        for (;;)
            pause();
    }
    return pid;
}

static void case_exited(void)
{
    catch_chld(0);
    pid_t pid = fork();
    if (pid == 0)
        _exit(5);
    expect_ev(1, pid, CLD_EXITED, 5, "exit 5");
    int st;
    EXPECT(waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 5, "%s", t_status(st));
}

static void case_killed(void)
{
    catch_chld(0);
    pid_t pid = spawn_pause();
    kill(pid, SIGTERM);
    expect_ev(1, pid, CLD_KILLED, SIGTERM, "SIGTERM");
    int st;
    EXPECT(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM && !WCOREDUMP(st),
           "%s", t_status(st));
}

static void case_spawn_exited(void)
{
    catch_chld(0);
    char *argv[] = {"sh", "-c", "exit 6", NULL};
    pid_t pid;
    int e = posix_spawn(&pid, "/bin/sh", NULL, NULL, argv, environ);
    EXPECT(e == 0, "posix_spawn: %s", strerror(e));
    if (e)
        return;
    expect_ev(1, pid, CLD_EXITED, 6, "posix_spawn'ed sh, exit 6");
    int st;
    EXPECT(waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 6, "%s", t_status(st));
}

static void case_stopped_continued(void)
{
    catch_chld(0);
    pid_t pid = spawn_pause();
    kill(pid, SIGSTOP);
    expect_ev(1, pid, CLD_STOPPED, SIGSTOP, "SIGSTOP");
    kill(pid, SIGCONT);
    expect_ev(2, pid, CLD_CONTINUED, SIGCONT, "SIGCONT");
    kill(pid, SIGKILL);
    expect_ev(3, pid, CLD_KILLED, SIGKILL, "SIGKILL");
    waitpid(pid, NULL, 0);
}

static void case_nocldstop(void)
{
    catch_chld(SA_NOCLDSTOP);
    pid_t pid = spawn_pause();
    kill(pid, SIGSTOP);
    int st;
    EXPECT(waitpid(pid, &st, WUNTRACED) == pid && WIFSTOPPED(st), "not stopped: %#x", st);
    kill(pid, SIGCONT);
    EXPECT(waitpid(pid, &st, WCONTINUED) == pid && WIFCONTINUED(st), "not continued: %#x", st);
    t_sleep_ms(50);
    EXPECT(atomic_load(&nev) == 0, "SA_NOCLDSTOP: %d SIGCHLDs for a stop and a continue, first code %d",
           atomic_load(&nev), evs[0].code);
    kill(pid, SIGKILL);
    expect_ev(1, pid, CLD_KILLED, SIGKILL, "SIGKILL with SA_NOCLDSTOP");
    waitpid(pid, NULL, 0);
}

/* the kernel reaps the child itself: a wait blocks until no child is left,
 * then fails with ECHILD */
static void expect_autoreaped(pid_t pid, const char *what)
{
    double end = t_now() + T_WAIT_S;
    int st;
    pid_t r;
    while ((r = waitpid(pid, &st, WNOHANG)) == 0 && t_now() < end)
        t_sleep_ms(1);
    EXPECT(r == -1 && errno == ECHILD, "%s: waitpid %d (%s), errno %d", what, r, r > 0 ? t_status(st) : "",
           errno);
    EXPECT(waitpid(-1, &st, 0) == -1 && errno == ECHILD, "%s: wait(-1): errno %d", what, errno);
}

static void case_nocldwait(void)
{
    catch_chld(SA_NOCLDWAIT);
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    /* the signal still comes (Linux sends it with SA_NOCLDWAIT) */
    expect_ev(1, pid, CLD_EXITED, 3, "SA_NOCLDWAIT");
    expect_autoreaped(pid, "SA_NOCLDWAIT");
}

static void case_ignored(void)
{
    t_handle(SIGCHLD, SIG_IGN, 0);
    pid_t pid = fork();
    if (pid == 0)
        _exit(3);
    expect_autoreaped(pid, "SIGCHLD ignored");
    /* the default disposition again: children wait for their parent */
    t_handle(SIGCHLD, SIG_DFL, 0);
    pid = fork();
    if (pid == 0)
        _exit(4);
    int st = t_waitpid(pid, T_WAIT_S);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 4, "SIG_DFL again: %s", t_status(st));
}

/* ---- core dumps ---- */

static void case_abort_nocore(void)
{
    catch_chld(0);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl = {0, 0};
        setrlimit(RLIMIT_CORE, &rl);
        abort();
    }
    expect_ev(1, pid, CLD_KILLED, SIGABRT, "abort with RLIMIT_CORE 0");
    int st;
    EXPECT(waitpid(pid, &st, 0) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && !WCOREDUMP(st),
           "%s", t_status(st));
}

/* whether a core can be written into a directory of the case's own:
 * core_pattern names a file relative to the dying process (no '/', not a
 * pipe) and the hard RLIMIT_CORE allows one */
static int core_possible(void)
{
    char pat[256] = "";
    FILE *f = fopen("/proc/sys/kernel/core_pattern", "r");
    if (f) {
        if (!fgets(pat, sizeof pat, f))
            pat[0] = 0;
        fclose(f);
    }
    pat[strcspn(pat, "\n")] = 0;
    struct rlimit rl;
    getrlimit(RLIMIT_CORE, &rl);
    if (!pat[0] || pat[0] == '|' || pat[0] == '@' || strchr(pat, '/')) {
        thr_skip("core_pattern \"%s\" puts cores outside the case's directory", pat);
        return 0;
    }
    if (rl.rlim_max != RLIM_INFINITY && rl.rlim_max < (64u << 20)) {
        thr_skip("the hard RLIMIT_CORE is %llu", (unsigned long long)rl.rlim_max);
        return 0;
    }
    return 1;
}

/* the files in dir, counted and removed, then dir */
static int clean_dir(const char *dir)
{
    int n = 0;
    DIR *d = opendir(dir);
    struct dirent *e;
    while (d && (e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.')
            continue;
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        unlink(p);
        n++;
    }
    if (d)
        closedir(d);
    rmdir(dir);
    return n;
}

/* a child that aborts in its own directory with core dumps allowed (and
 * made undumpable if asked); its SIGCHLD, wait status and the number of
 * files it left */
static void abort_with_core(int undumpable, struct ev *ev, int *st, int *files)
{
    char dir[] = "coreXXXXXX";
    *files = -1;
    *st = 0;
    memset(ev, 0, sizeof *ev);
    if (!mkdtemp(dir)) {
        t_note("mkdtemp: %s", strerror(errno));
        return;
    }
    catch_chld(0);
    pid_t pid = fork();
    if (pid == 0) {
        struct rlimit rl;
        getrlimit(RLIMIT_CORE, &rl);
        rl.rlim_cur = rl.rlim_max;
        if (chdir(dir) != 0 || setrlimit(RLIMIT_CORE, &rl) != 0)
            _exit(1);
        if (undumpable)
            prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
        abort();
    }
    if (wait_ev(1))
        *ev = evs[0];
    waitpid(pid, st, 0);
    *files = clean_dir(dir);
}

static void case_dumped_file(void)
{
    if (!core_possible())
        return;
    struct ev ev;
    int st, files;
    abort_with_core(0, &ev, &st, &files);
    EXPECT(files == 1, "a core: %d files left in the directory", files);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "%s", t_status(st));
}

static void case_dumped_code(void)
{
    if (!core_possible())
        return;
    struct ev ev;
    int st, files;
    abort_with_core(0, &ev, &st, &files);
    EXPECT(ev.code == CLD_DUMPED && ev.status == SIGABRT, "SIGCHLD si_code %d si_status %d, want CLD_DUMPED",
           ev.code, ev.status);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && WCOREDUMP(st), "%s, want a core flag",
           t_status(st));
}

static void case_undumpable(void)
{
    if (!core_possible())
        return;
    long sd = -1;
    FILE *f = fopen("/proc/sys/fs/suid_dumpable", "r");
    if (f) {
        if (fscanf(f, "%ld", &sd) != 1)
            sd = -1;
        fclose(f);
    }
    if (sd == 1) {
        thr_skip("fs.suid_dumpable is 1: undumpable processes dump too");
        return;
    }
    struct ev ev;
    int st, files;
    abort_with_core(1, &ev, &st, &files);
    EXPECT(files == 0, "PR_SET_DUMPABLE 0: %d files left", files);
    EXPECT(ev.code == CLD_KILLED && ev.status == SIGABRT, "SIGCHLD si_code %d si_status %d, want CLD_KILLED",
           ev.code, ev.status);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT && !WCOREDUMP(st), "%s", t_status(st));
}

int main(void)
{
    thr_case("exited", case_exited, THR_CASE_S);
    thr_case("killed", case_killed, THR_CASE_S);
    thr_case("spawn_exited", case_spawn_exited, THR_CASE_S);
    thr_case("stopped_continued", case_stopped_continued, THR_CASE_S);
    thr_case("nocldstop", case_nocldstop, THR_CASE_S);
    thr_case("nocldwait", case_nocldwait, THR_CASE_S);
    thr_case("ignored", case_ignored, THR_CASE_S);
    thr_case("abort_nocore", case_abort_nocore, THR_CASE_S);
    thr_case("dumped_file", case_dumped_file, THR_CASE_S);
    thr_case("dumped_code", case_dumped_code, THR_CASE_S);
    thr_case("undumpable", case_undumpable, THR_CASE_S);
    return 0;
}

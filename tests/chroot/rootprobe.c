/* Guest probe for roots without /proc (tests/chroot/run.sh):
 *   rootprobe all SLEEP  one line per case, "ok CASE" or "FAIL CASE: why":
 *       fork (a child's exit status through waitpid), signal (a handler
 *       run by kill to itself, with its siginfo), kill_child (a child that
 *       exec'd SLEEP, an AArch64 sleep, killed by SIGTERM: its wait status
 *       says so; a root without /dev has no /dev/null for a shell's
 *       background job, so the shell script cannot do this), thread (a pthread's
 *       result through join, and one blocked in a pipe read woken by
 *       another), and what a machine without /proc mounted answers:
 *       proc_maps, proc_status, proc_cpuinfo (open: ENOENT), proc_exe
 *       (readlink: ENOENT), exec_proc_self_exe (execve: ENOENT).
 *   rootprobe exec PROG [ARGS...]  execv; on failure "exec PROG: ERRNO"
 *       (the errno's name), status 1.
 *   rootprobe fault DIR  raises its RLIMIT_CORE, changes to DIR and writes
 *       through NULL (a core file of the guest is left in DIR). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

static void result(const char *name, const char *why)
{
    if (why)
        printf("FAIL %s: %s\n", name, why);
    else
        printf("ok %s\n", name);
    fflush(stdout);
}

static void case_fork(void)
{
    pid_t c = fork();
    if (c == 0)
        _exit(7);
    int st = 0;
    if (c < 0 || waitpid(c, &st, 0) != c)
        return result("fork", strerror(errno));
    result("fork", WIFEXITED(st) && WEXITSTATUS(st) == 7 ? NULL : "wrong status");
}

static volatile sig_atomic_t got_sig, got_pid;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_sig = sig;
    got_pid = si->si_pid;
}

static void case_signal(void)
{
    struct sigaction sa = {.sa_sigaction = on_usr1, .sa_flags = SA_SIGINFO};
    sigemptyset(&sa.sa_mask);
    if (sigaction(SIGUSR1, &sa, NULL) != 0)
        return result("signal", strerror(errno));
    kill(getpid(), SIGUSR1);
    result("signal", got_sig == SIGUSR1 && got_pid == getpid() ? NULL : "handler not run");
}

static void case_kill_child(const char *sleep_prog)
{
    pid_t c = fork();
    if (c == 0) {
        execl(sleep_prog, "sleep", "10", (char *)NULL);
        _exit(127);
    }
    usleep(100000); /* long enough for the child to be a pvm running sleep */
    int st = 0;
    if (c < 0 || kill(c, SIGTERM) != 0 || waitpid(c, &st, 0) != c)
        return result("kill_child", strerror(errno));
    result("kill_child", WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM ? NULL : "wrong status");
}

static int pipefd[2];

static void *adder(void *arg) { return (void *)((long)arg + 35); }

static void *reader(void *arg)
{
    (void)arg;
    char c = 0;
    return read(pipefd[0], &c, 1) == 1 && c == 'x' ? (void *)1 : NULL;
}

static void case_thread(void)
{
    pthread_t t, r;
    void *v = NULL, *w = NULL;
    if (pthread_create(&t, NULL, adder, (void *)7L) || pthread_join(t, &v))
        return result("thread", "create/join");
    if (pipe(pipefd) || pthread_create(&r, NULL, reader, NULL))
        return result("thread", "reader");
    usleep(20000);
    if (write(pipefd[1], "x", 1) != 1 || pthread_join(r, &w))
        return result("thread", "wake");
    result("thread", (long)v == 42 && w ? NULL : "wrong results");
}

/* what the guest gets for path: ENOENT on a machine without /proc */
static void case_enoent(const char *name, const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        close(fd);
        return result(name, "opened");
    }
    result(name, errno == ENOENT ? NULL : strerrorname_np(errno));
}

static void all(const char *sleep_prog)
{
    case_fork();
    case_signal();
    case_kill_child(sleep_prog);
    case_thread();
    case_enoent("proc_maps", "/proc/self/maps");
    case_enoent("proc_status", "/proc/self/status");
    case_enoent("proc_cpuinfo", "/proc/cpuinfo");
    char buf[256];
    result("proc_exe", readlink("/proc/self/exe", buf, sizeof buf) < 0 && errno == ENOENT
                           ? NULL : "not ENOENT");
    char *av[] = {"x", NULL};
    execv("/proc/self/exe", av);
    result("exec_proc_self_exe", errno == ENOENT ? NULL : strerrorname_np(errno));
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "all") && argc > 2) {
        all(argv[2]);
        return 0;
    }
    if (!strcmp(what, "exec") && argc > 2) {
        execv(argv[2], argv + 2);
        printf("exec %s: %s\n", argv[2], strerrorname_np(errno));
        return 1;
    }
    if (!strcmp(what, "fault") && argc > 2) {
        struct rlimit rl = {RLIM_INFINITY, RLIM_INFINITY};
        getrlimit(RLIMIT_CORE, &rl);
        rl.rlim_cur = rl.rlim_max;
        setrlimit(RLIMIT_CORE, &rl);
        if (chdir(argv[2]) != 0)
            return 1;
        *(volatile int *)0 = 1;
        return 2;
    }
    fprintf(stderr, "usage: rootprobe all SLEEP | exec PROG [ARGS...] | fault DIR\n");
    return 2;
}

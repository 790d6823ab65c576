/* Guest program for the --strace cases (tests/cli/cases_strace.sh): each
 * mode makes a fixed sequence of system calls, mostly raw (syscall()) so
 * the arguments do not depend on libc; the golden log of `golden` is
 * tests/cli/strace.golden. Output goes through write(2) only (no stdio
 * buffers to duplicate across fork), pids printed zero-padded to a fixed
 * width so the logged write lengths do not vary.
 *   golden    memory, signals, sockets, fcntl/ioctl, pipe2, fork, pidfds, waitid, wait4, kill
 *   block     the child writes a pipe after 300 ms while the parent reads it
 *   exec      the child execs this program (`env`), whose pvm keeps pids
 *   env       prints whether PVM_STRACE_PIDS reached the guest, and its pid */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <netinet/in.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

/* the kernel's struct sigaction on arm64 */
struct ksigaction {
    uint64_t handler, flags, restorer, mask;
};

#define SA_RESTORER_K 0x04000000 /* the kernel flag; glibc for arm64 has no name for it */
#define BIT(sig) (1ull << ((sig) - 1))

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
    char buf[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (write(1, buf, (size_t)n) != n)
        _exit(99);
}

static void handler(int sig) { (void)sig; }

static long raw_fork(void) { return syscall(SYS_clone, SIGCHLD, 0, 0, 0, 0); }

static int golden(void)
{
    /* The runner may inherit descriptors (CI's shell left 10 open); the
       F_DUPFD_CLOEXEC line below must not depend on them. These closes come
       before the part of the log the golden file compares. */
    for (int fd = 3; fd < 64; fd++)
        close(fd);
    say("straceprobe golden\n");
    /* memory */
    char *p = (char *)syscall(SYS_mmap, 0, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    char *q = (char *)syscall(SYS_mremap, p, 8192, 16384, MREMAP_MAYMOVE, 0);
    syscall(SYS_mprotect, q, 4096, PROT_READ);
    syscall(SYS_munmap, q, 16384);
    p = (char *)syscall(SYS_mmap, 0, 4096, PROT_NONE, MAP_SHARED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    syscall(SYS_munmap, p, 4096);
    /* signal dispositions */
    struct ksigaction act = {(uint64_t)(uintptr_t)handler, SA_RESTART | SA_SIGINFO, 0,
                             BIT(SIGINT) | BIT(SIGTERM)};
    struct ksigaction old;
    syscall(SYS_rt_sigaction, SIGINT, &act, NULL, 8);
    syscall(SYS_rt_sigaction, SIGINT, NULL, &old, 8);
    struct ksigaction ign = {(uint64_t)(uintptr_t)SIG_IGN, 0, 0, 0};
    syscall(SYS_rt_sigaction, SIGUSR1, &ign, &old, 8);
    struct ksigaction dfl = {(uint64_t)(uintptr_t)SIG_DFL, SA_RESTORER_K, 0x1234, 0};
    syscall(SYS_rt_sigaction, SIGUSR1, &dfl, &old, 8);
    syscall(SYS_rt_sigaction, 65, &dfl, NULL, 8);
    /* signal mask */
    uint64_t set = BIT(SIGINT) | BIT(SIGTERM), oset = 0;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, &oset, 8);
    set = ~(BIT(SIGKILL) | BIT(SIGSTOP) | BIT(32) | BIT(33));
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, 8);
    set = 0;
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, &oset, 8);
    set = BIT(SIGINT);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &set, NULL, 8);
    syscall(SYS_kill, syscall(SYS_getpid), 0);
    /* sockets, fcntl, ioctl */
    int s = (int)syscall(SYS_socket, AF_INET, SOCK_STREAM | SOCK_CLOEXEC, IPPROTO_TCP);
    int u = (int)syscall(SYS_socket, AF_UNIX, SOCK_DGRAM | SOCK_NONBLOCK, 0);
    syscall(SYS_fcntl, s, F_GETFD);
    syscall(SYS_fcntl, s, F_SETFL, O_NONBLOCK);
    syscall(SYS_fcntl, s, F_GETFL);
    syscall(SYS_fcntl, s, F_SETFD, FD_CLOEXEC);
    int d = (int)syscall(SYS_fcntl, s, F_DUPFD_CLOEXEC, 10);
    syscall(SYS_close, d);
    struct termios tio;
    syscall(SYS_ioctl, 0, TCGETS, &tio);
    int n = 0;
    syscall(SYS_ioctl, u, FIONREAD, &n);
    syscall(SYS_ioctl, u, 0x1234, 0);
    int pfd[2], sv[2];
    syscall(SYS_pipe2, pfd, O_CLOEXEC);
    syscall(SYS_socketpair, AF_UNIX, SOCK_STREAM, 0, sv);
    /* a child that writes the pipe, then a blocking read and wait4 */
    long pid = raw_fork();
    if (pid == 0) {
        say("c pid=%010ld\n", syscall(SYS_getpid));
        say("c tid=%010ld\n", syscall(SYS_gettid));
        syscall(SYS_write, pfd[1], "x", 1);
        syscall(SYS_exit_group, 7);
    }
    char buf[16];
    syscall(SYS_read, pfd[0], buf, sizeof buf);
    /* the child through a pidfd: flags by name, waitid's siginfo (a
     * blocking wait: the child may not have exited yet) */
    long pidfd = syscall(SYS_pidfd_open, pid, 0);
    syscall(SYS_pidfd_open, pid, 0x1 | O_NONBLOCK);
    syscall(SYS_pidfd_send_signal, pidfd, 0, NULL, 2 /* PIDFD_SIGNAL_THREAD_GROUP */);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    syscall(SYS_waitid, 3 /* P_PIDFD */, pidfd, &si, WEXITED | WNOWAIT, NULL);
    syscall(SYS_close, pidfd);
    int st = 0;
    syscall(SYS_wait4, pid, &st, 0, NULL);
    syscall(SYS_wait4, -1, &st, WNOHANG | __WALL, NULL);
    syscall(SYS_tgkill, syscall(SYS_getpid), syscall(SYS_gettid), 0);
    say("p pid=%010ld\n", syscall(SYS_getpid));
    say("p child=%010ld\n", pid);
    return 0;
}

/* the parent blocks in read until the child writes, 300 ms later */
static int block(void)
{
    int pfd[2];
    if (pipe2(pfd, 0) != 0)
        return 1;
    long pid = raw_fork();
    if (pid == 0) {
        struct timespec ts = {0, 300 * 1000 * 1000};
        syscall(SYS_nanosleep, &ts, NULL);
        syscall(SYS_write, pfd[1], "x", 1);
        syscall(SYS_exit_group, 0);
    }
    char buf[16];
    long r = syscall(SYS_read, pfd[0], buf, sizeof buf);
    int st = 0;
    syscall(SYS_wait4, pid, &st, 0, NULL);
    say("parent pid=%ld child=%ld read=%ld\n", syscall(SYS_getpid), pid, r);
    return 0;
}

static int exec_child(const char *self)
{
    long pid = raw_fork();
    if (pid == 0) {
        char *argv[] = {(char *)"straceprobe", (char *)"env", NULL};
        syscall(SYS_execve, self, argv, environ);
        syscall(SYS_exit_group, 127);
    }
    int st = 0;
    syscall(SYS_wait4, pid, &st, 0, NULL);
    say("parent pid=%ld child=%ld status=%d\n", syscall(SYS_getpid), pid, st);
    return 0;
}

static int env(void)
{
    const char *v = getenv("PVM_STRACE_PIDS");
    say("env pid=%ld tid=%ld PVM_STRACE_PIDS=%s\n", syscall(SYS_getpid), syscall(SYS_gettid),
        v ? v : "(unset)");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    if (!strcmp(argv[1], "golden"))
        return golden();
    if (!strcmp(argv[1], "block"))
        return block();
    if (!strcmp(argv[1], "exec") && argc > 2)
        return exec_child(argv[2]);
    if (!strcmp(argv[1], "env"))
        return env();
    return 2;
}

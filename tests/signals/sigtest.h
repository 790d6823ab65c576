/* Shared helpers for the guest signal tests (the programs in tests/signals/): each
 * program checks the arm64 Linux kernel's documented behaviour itself and
 * prints one line per case, "ok NAME" or "FAIL NAME: why"; the runner
 * (tests/signals/run.sh) compares those lines with NAME.expected.
 * Invariants: every line is one write(2) of a whole line (never stdio), so
 * lines of forked children and of handlers interleave only whole and need no
 * flush before fork; every wait is bounded (T_WAIT_S), so a VM that never
 * delivers a signal makes a case fail instead of hanging the program. */
#ifndef SIGTEST_H
#define SIGTEST_H

#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* a bounded wait: long enough for a loaded 2-core CI machine under an
 * interpreter, short enough that a VM that never delivers still finishes */
#define T_WAIT_S 10

static char t_why[400];

static inline void t_write(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void t_write(const char *fmt, ...)
{
    char buf[600];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if (n >= (int)sizeof buf)
        n = sizeof buf - 1;
    ssize_t w = write(1, buf, (size_t)n);
    (void)w;
}

/* a case: t_begin, EXPECTs (the first failing one is kept), t_end */
static inline void t_begin(void) { t_why[0] = 0; }

static inline void t_note(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void t_note(const char *fmt, ...)
{
    if (t_why[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(t_why, sizeof t_why, fmt, ap);
    va_end(ap);
    if (!t_why[0])
        strcpy(t_why, "?");
}

#define EXPECT(cond, ...)              \
    do {                               \
        if (!(cond))                   \
            t_note(__VA_ARGS__);       \
    } while (0)

static inline int t_end(const char *name)
{
    if (t_why[0])
        t_write("FAIL %s: %s\n", name, t_why);
    else
        t_write("ok %s\n", name);
    return !t_why[0];
}

static inline double t_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline void t_sleep_ms(long ms)
{
    struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
    nanosleep(&ts, NULL);
}

/* wait until *flag is non-zero, at most seconds; whether it became so */
static inline int t_wait_flag(volatile sig_atomic_t *flag, double seconds)
{
    double end = t_now() + seconds;
    while (!*flag && t_now() < end)
        t_sleep_ms(1);
    return *flag != 0;
}

/* waitpid with a bound: the status, or -1 (child killed after seconds) */
static inline int t_waitpid(pid_t pid, double seconds)
{
    double end = t_now() + seconds;
    int st;
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid)
            return st;
        if (r < 0 && errno != EINTR)
            return -1;
        if (t_now() > end) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            return -1;
        }
        t_sleep_ms(1);
    }
}

/* how a wait status reads, for failure messages */
static inline const char *t_status(int st)
{
    static char buf[64];
    if (st == -1)
        snprintf(buf, sizeof buf, "timed out after %ds", T_WAIT_S);
    else if (WIFEXITED(st))
        snprintf(buf, sizeof buf, "exit %d", WEXITSTATUS(st));
    else if (WIFSIGNALED(st))
        snprintf(buf, sizeof buf, "killed by signal %d%s", WTERMSIG(st), WCOREDUMP(st) ? " (core)" : "");
    else
        snprintf(buf, sizeof buf, "status 0x%x", st);
    return buf;
}

/* run fn in a forked child (so a VM that gets it wrong cannot take the
 * other cases down) and return its wait status; fn's return value is the
 * child's exit status */
static inline int t_child(int (*fn)(void))
{
    pid_t pid = fork();
    if (pid < 0)
        return -2;
    if (pid == 0)
        _exit(fn());
    return t_waitpid(pid, T_WAIT_S);
}

/* a case run whole in a child that prints its own ok/FAIL line: a child
 * that printed nothing and did not exit 0 gets a FAIL line here */
static inline void t_isolated(const char *name, int (*fn)(void))
{
    int st = t_child(fn);
    if (st != 0)
        t_write("FAIL %s: child %s\n", name, t_status(st));
}

/* the handler types, set with or without SA_SIGINFO */
static inline int t_handle(int sig, void (*fn)(int), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

static inline int t_handle_info(int sig, void (*fn)(int, siginfo_t *, void *), int flags)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = fn;
    sa.sa_flags = flags | SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    return sigaction(sig, &sa, NULL);
}

static inline int t_is_blocked(int sig)
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, NULL, &cur);
    return sigismember(&cur, sig) == 1;
}

static inline void t_unblock_all(void)
{
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, NULL);
}

#ifdef __aarch64__ /* (the generic cases also build natively, to check them on the host kernel) */
/* the records in uc_mcontext.__reserved: the first with magic, or NULL */
static inline struct _aarch64_ctx *t_record(ucontext_t *uc, uint32_t magic)
{
    unsigned char *p = uc->uc_mcontext.__reserved;
    unsigned char *end = p + sizeof uc->uc_mcontext.__reserved;
    while (p + sizeof(struct _aarch64_ctx) <= end) {
        struct _aarch64_ctx *c = (struct _aarch64_ctx *)p;
        if (c->magic == magic)
            return c;
        if (c->magic == 0 || c->size < sizeof *c || c->size > (size_t)(end - p))
            return NULL;
        p += c->size;
    }
    return NULL;
}
#endif

#endif

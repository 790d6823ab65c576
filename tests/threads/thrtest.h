/* Shared helpers for the guest thread tests (the programs in tests/threads/),
 * on top of the signal suite's (../signals/sigtest.h: whole-line output,
 * EXPECT/t_note, bounded waits): each program checks the arm64 Linux
 * kernel's and glibc's documented behaviour itself and prints one line per
 * case, "ok NAME", "FAIL NAME: why" or "skip NAME: why" (a case that cannot
 * run on this CPU or host, such as LSE atomics on an ARMv8.0 model), plus
 * "info NAME: ..." lines the runner shows (the litmus tests' outcome counts).
 * Invariants: every case runs whole in its own forked child (thr_case), so a
 * VM that gets threads wrong can take down or hang one case, never the
 * program; each case is bounded twice, by a SIGALRM watchdog in the child
 * (which names the case and prints a FAIL line) and by the parent's bounded
 * wait (which SIGKILLs the child), so a hang is a FAIL, never a hung suite;
 * the parent never creates a thread, so every fork is from one thread. */
#ifndef THRTEST_H
#define THRTEST_H

#include "../signals/sigtest.h"

#include <dirent.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <sys/mman.h>

/* a case's bound: long enough for 64 threads on a loaded 2-core machine
 * under an interpreter, short enough that a run where every case hangs
 * still ends inside the runner's per-program timeout */
#define THR_CASE_S 30

/* the child's watchdog exit status: it printed its own FAIL line */
#define THR_WATCHDOG_EXIT 99

static const char *thr_case_name = "?";
static int thr_case_bound;
/* what the case is blocked in, for the watchdog's message (set before a
 * call that a broken VM never returns from) */
static const char *volatile thr_hang_what = "a thread hangs";
static char thr_skip_why[200];

static inline pid_t thr_gettid(void) { return (pid_t)syscall(SYS_gettid); }

static void thr_watchdog(int sig)
{
    (void)sig;
    char buf[300];
    int n = snprintf(buf, sizeof buf, "FAIL %s: still running after %d s (%s)\n", thr_case_name, thr_case_bound,
                     thr_hang_what);
    if (n > 0) {
        ssize_t w = write(1, buf, (size_t)n);
        (void)w;
    }
    _exit(THR_WATCHDOG_EXIT);
}

/* the case does not apply here (printed "skip NAME: why"; the runner counts
 * it as skipped with the reason) */
static inline void thr_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static inline void thr_skip(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(thr_skip_why, sizeof thr_skip_why, fmt, ap);
    va_end(ap);
}

/* run fn as case name in a forked child bounded by seconds: fn checks with
 * EXPECT and may create threads, fork, or exec (an exec'd image prints the
 * case's line itself). A child that dies, or hangs past the watchdog, is a
 * FAIL line here. */
static inline void thr_case(const char *name, void (*fn)(void), int seconds)
{
    pid_t pid = fork();
    if (pid < 0) {
        t_write("FAIL %s: fork: %s\n", name, strerror(errno));
        return;
    }
    if (pid == 0) {
        thr_case_name = name;
        thr_case_bound = seconds;
        t_handle(SIGALRM, thr_watchdog, 0);
        alarm((unsigned)seconds);
        t_begin();
        fn();
        alarm(0);
        if (thr_skip_why[0] && !t_why[0])
            t_write("skip %s: %s\n", name, thr_skip_why);
        else
            t_end(name);
        _exit(0);
    }
    double end = t_now() + seconds + 5;
    int st;
    for (;;) {
        pid_t r = waitpid(pid, &st, WNOHANG);
        if (r == pid)
            break;
        if ((r < 0 && errno != EINTR) || t_now() > end) {
            kill(pid, SIGKILL);
            waitpid(pid, &st, 0);
            t_write("FAIL %s: killed after %d s (not even the watchdog ran)\n", name, seconds + 5);
            return;
        }
        t_sleep_ms(2);
    }
    if (WIFEXITED(st) && (WEXITSTATUS(st) == 0 || WEXITSTATUS(st) == THR_WATCHDOG_EXIT))
        return;
    t_write("FAIL %s: case child %s\n", name, t_status(st));
}

/* pthread_create with a noted failure (pvm without threads says ENOSYS
 * here); whether it worked */
static inline int thr_create(pthread_t *t, void *(*fn)(void *), void *arg)
{
    int e = pthread_create(t, NULL, fn, arg);
    if (e != 0)
        t_note("pthread_create: %s", strerror(e));
    return e == 0;
}

static inline int thr_join(pthread_t t, void **ret)
{
    int e = pthread_join(t, ret);
    if (e != 0)
        t_note("pthread_join: %s", strerror(e));
    return e == 0;
}

/* a start line for n threads: each thread calls thr_gate_wait, which
 * returns once all n arrived (spins, then yields: more threads than cores) */
struct thr_gate {
    atomic_int arrived;
    atomic_int open;
};

static inline void thr_gate_wait(struct thr_gate *g, int n)
{
    atomic_fetch_add(&g->arrived, 1);
    double end = t_now() + THR_CASE_S;
    for (unsigned spins = 0; !atomic_load(&g->open); spins++) {
        if (atomic_load(&g->arrived) >= n)
            atomic_store(&g->open, 1);
        else if (spins > 100) {
            sched_yield();
            if ((spins & 1023) == 0 && t_now() > end)
                break;
        }
    }
}

/* wait until *v reaches at least want, at most seconds; whether it did */
static inline int thr_wait_atleast(atomic_int *v, int want, double seconds)
{
    double end = t_now() + seconds;
    while (atomic_load(v) < want) {
        if (t_now() > end)
            return 0;
        sched_yield();
    }
    return 1;
}

/* the thread ids in /proc/self/task, sorted; how many (-1: unreadable) */
static inline int thr_task_ids(pid_t *ids, int max)
{
    DIR *d = opendir("/proc/self/task");
    if (!d)
        return -1;
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] < '0' || e->d_name[0] > '9')
            continue;
        if (n < max)
            ids[n] = (pid_t)atoi(e->d_name);
        n++;
    }
    closedir(d);
    int m = n < max ? n : max;
    for (int i = 1; i < m; i++)
        for (int j = i; j > 0 && ids[j - 1] > ids[j]; j--) {
            pid_t x = ids[j];
            ids[j] = ids[j - 1];
            ids[j - 1] = x;
        }
    return n;
}

/* the number on a "Key:" line of a /proc file (-1: none) */
static inline long thr_proc_field(const char *path, const char *key)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char line[256];
    size_t kl = strlen(key);
    long v = -1;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, kl) == 0 && line[kl] == ':') {
            v = strtol(line + kl + 1, NULL, 10);
            break;
        }
    fclose(f);
    return v;
}

#endif

/* fork, vfork, posix_spawn and execve from a multi-threaded process. A
 * forked child has one thread, the one that called fork (gettid == getpid,
 * one /proc/self/task entry, "Threads: 1"), and glibc's malloc and stdio
 * work in it even though other threads were inside malloc at the fork;
 * vfork in a non-main thread suspends only that thread until the child
 * exits; posix_spawn (glibc: clone(CLONE_VM|CLONE_VFORK)) works with other
 * threads busy; execve from a non-main thread ends every other thread (the
 * kernel's de_thread) and the new image runs as the process's only thread
 * under the old pid. The exec'd image checks itself and prints the case's
 * line: /bin/sh for the *_native cases (a host program, which pvm and qemu
 * both run natively), this program again through /proc/self/exe for the
 * *_self cases (an AArch64 image: pvm runs it in a new pvm). */
#include "thrtest.h"

#include <spawn.h>

extern char **environ;

/* -- busy threads, malloc-heavy -- */
#define BUSY 4
static atomic_int busy_stop, busy_started;

static void *malloc_busy(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;
    void *keep[64] = { 0 };
    atomic_fetch_add(&busy_started, 1);
    while (!atomic_load(&busy_stop)) {
        seed = seed * 1103515245u + 12345u;
        int slot = (int)(seed >> 8) % 64;
        free(keep[slot]);
        keep[slot] = malloc(16 + (seed >> 12) % 70000);
        if (keep[slot])
            memset(keep[slot], 0xa5, 16);
    }
    for (int i = 0; i < 64; i++)
        free(keep[i]);
    return NULL;
}

static int start_busy(pthread_t *t)
{
    int made = 0;
    for (; made < BUSY; made++)
        if (!thr_create(&t[made], malloc_busy, (void *)(uintptr_t)(made + 1)))
            break;
    thr_wait_atleast(&busy_started, made, 10);
    return made;
}

static void stop_busy(pthread_t *t, int made)
{
    atomic_store(&busy_stop, 1);
    for (int i = 0; i < made; i++)
        thr_join(t[i], NULL);
}

/* what a forked child checks about itself: 0 or a message */
static const char *single_thread_problem(void)
{
    static char why[160];
    pid_t ids[8];
    int n = thr_task_ids(ids, 8);
    long th = thr_proc_field("/proc/self/status", "Threads");
    if (thr_gettid() != getpid())
        snprintf(why, sizeof why, "gettid %d, pid %d", thr_gettid(), getpid());
    else if (n != 1 || ids[0] != getpid())
        snprintf(why, sizeof why, "/proc/self/task lists %d threads", n);
    else if (th != 1)
        snprintf(why, sizeof why, "Threads: %ld in /proc/self/status", th);
    else
        return NULL;
    return why;
}

/* the child: malloc of many sizes, printf through stdio into the pipe, exit */
static int forked_child(int fd, int k)
{
    signal(SIGALRM, SIG_DFL);
    alarm(20);
    dup2(fd, 1);
    const char *why = single_thread_problem();
    size_t total = 0;
    for (size_t sz = 16; sz <= (1 << 20); sz *= 2) {
        char *p = malloc(sz);
        if (!p) {
            printf("child %d: malloc(%zu) failed\n", k, sz);
            exit(1);
        }
        memset(p, k, sz);
        total += (size_t)p[sz - 1];
        free(p);
    }
    if (why)
        printf("child %d: %s\n", k, why);
    else
        printf("child %d: one thread, malloc ok %zu\n", k, total);
    exit(0);
}

static void fork_cases(int from_thread);

static void case_fork_busy_threads(void) { fork_cases(0); }

static void *forking_thread(void *arg)
{
    (void)arg;
    fork_cases(1);
    return NULL;
}

static void case_fork_from_thread(void)
{
    pthread_t t;
    if (thr_create(&t, forking_thread, NULL))
        thr_join(t, NULL);
}

static void fork_cases(int from_thread)
{
    pthread_t t[BUSY];
    int made = start_busy(t);
    enum { FORKS = 20 };
    for (int k = 1; k <= FORKS && made == BUSY && !t_why[0]; k++) {
        int p[2];
        if (pipe(p)) {
            t_note("pipe: %s", strerror(errno));
            break;
        }
        pid_t pid = fork();
        if (pid == 0) {
            close(p[0]);
            _exit(forked_child(p[1], k));
        }
        close(p[1]);
        if (pid < 0) {
            t_note("fork %d: %s", k, strerror(errno));
            close(p[0]);
            break;
        }
        char buf[200] = { 0 };
        size_t got = 0;
        ssize_t r;
        while (got < sizeof buf - 1 && (r = read(p[0], buf + got, sizeof buf - 1 - got)) > 0)
            got += (size_t)r;
        close(p[0]);
        buf[strcspn(buf, "\n")] = 0;
        int st = t_waitpid(pid, 20);
        char want[64];
        int wl = snprintf(want, sizeof want, "child %d: one thread, malloc ok", k);
        EXPECT(st == 0, "fork %d%s: the child %s (it said: %.80s)", k, from_thread ? " from a thread" : "",
               t_status(st), buf);
        EXPECT(strncmp(buf, want, (size_t)wl) == 0, "fork %d%s: the child said \"%.100s\"", k,
               from_thread ? " from a thread" : "", buf);
    }
    stop_busy(t, made);
}

/* vfork in a non-main thread: the child writes shared memory and exits */
static volatile int vfork_mark;

static void *vforking(void *arg)
{
    (void)arg;
    pid_t pid = vfork();
    if (pid == 0) {
        vfork_mark = 42; /* the parent's memory: vfork shares it */
        _exit(5);
    }
    if (pid < 0)
        return (void *)(intptr_t)-errno;
    int st = t_waitpid(pid, 10);
    return (void *)(intptr_t)st;
}

static void case_vfork_in_thread(void)
{
    pthread_t t[BUSY], v;
    int made = start_busy(t);
    void *r = NULL;
    if (made == BUSY && thr_create(&v, vforking, NULL) && thr_join(v, &r)) {
        int st = (int)(intptr_t)r;
        EXPECT(st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 5, "the vfork child %s, want exit 5",
               st < 0 ? strerror(-st) : t_status(st));
        EXPECT(vfork_mark == 42, "the vfork child's store is not in the parent's memory");
    }
    stop_busy(t, made);
}

/* posix_spawn with busy threads: a host shell, or this program */
static void spawn_case(const char *path, char *const argv[], int want)
{
    pthread_t t[BUSY];
    int made = start_busy(t);
    if (made == BUSY) {
        for (int k = 0; k < 5 && !t_why[0]; k++) {
            pid_t pid;
            int e = posix_spawn(&pid, path, NULL, NULL, argv, environ);
            if (e) {
                t_note("posix_spawn %s: %s", path, strerror(e));
                break;
            }
            int st = t_waitpid(pid, 20);
            EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == want, "spawn %d of %s: the child %s, want exit %d", k, path,
                   t_status(st), want);
        }
    }
    stop_busy(t, made);
}

static void case_posix_spawn_native(void)
{
    char *argv[] = { "sh", "-c", "exit 7", NULL };
    spawn_case("/bin/sh", argv, 7);
}

static void case_posix_spawn_self(void)
{
    char *argv[] = { "forkexec", "--exit", "7", NULL };
    spawn_case("/proc/self/exe", argv, 7);
}

/* execve from a non-main thread while the others run or block */
static pthread_mutex_t ex_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t ex_cond = PTHREAD_COND_INITIALIZER;
static int ex_pipe[2];

static void *blocked_in_read(void *arg)
{
    (void)arg;
    char c;
    ssize_t r = read(ex_pipe[0], &c, 1);
    (void)r;
    return NULL;
}

static void *blocked_in_cond(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&ex_mtx);
    for (;;)
        pthread_cond_wait(&ex_cond, &ex_mtx);
    return NULL;
}

static const char *exec_path;
static char *const *exec_argv;

static void *execer(void *arg)
{
    (void)arg;
    t_sleep_ms(50); /* the others are running, blocked in read and in a futex */
    execve(exec_path, exec_argv, environ);
    t_note("execve %s from a thread: %s", exec_path, strerror(errno));
    t_end(thr_case_name);
    _exit(0);
}

static void exec_case(void)
{
    pthread_t t[BUSY], r, c, x;
    if (pipe(ex_pipe)) {
        t_note("pipe: %s", strerror(errno));
        return;
    }
    int made = start_busy(t);
    if (made < BUSY || !thr_create(&r, blocked_in_read, NULL) || !thr_create(&c, blocked_in_cond, NULL) ||
        !thr_create(&x, execer, NULL))
        return;
    /* the main thread blocks in pthread_join (a futex) until the exec ends it */
    thr_hang_what = "the execve from a thread did not end the main thread";
    thr_join(x, NULL);
    t_note("pthread_join of the exec'ing thread returned");
}

static void case_exec_thread_native(void)
{
    static char pid_s[16];
    snprintf(pid_s, sizeof pid_s, "%d", getpid());
    static char *argv[] = {
        "sh", "-c",
        "n=$(ls /proc/$$/task | wc -l); t=$(sed -n 's/^Threads:[[:space:]]*//p' /proc/$$/status); "
        "if [ \"$n\" = 1 ] && [ \"$t\" = 1 ] && [ \"$$\" = \"$1\" ]; then echo ok exec_thread_native; "
        "else echo \"FAIL exec_thread_native: the new image (pid $$, the old one $1) has $n tasks, Threads: $t\"; fi",
        "sh", pid_s, NULL
    };
    exec_path = "/bin/sh";
    exec_argv = argv;
    exec_case();
}

static void case_exec_thread_self(void)
{
    static char pid_s[16];
    snprintf(pid_s, sizeof pid_s, "%d", getpid());
    static char *argv[] = { "forkexec", "--exec-check", pid_s, NULL };
    exec_path = "/proc/self/exe";
    exec_argv = argv;
    exec_case();
}

/* the exec'd image of exec_thread_self: prints the case's line itself */
static int exec_check(const char *old_pid)
{
    t_begin();
    const char *why = single_thread_problem();
    EXPECT(!why, "the new image: %s", why);
    EXPECT(getpid() == atoi(old_pid), "the new image has pid %d, the exec'ing process had %s", getpid(), old_pid);
    alarm(0);
    t_end("exec_thread_self");
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "--exit") == 0)
        return atoi(argv[2]);
    if (argc == 3 && strcmp(argv[1], "--exec-check") == 0)
        return exec_check(argv[2]);
    thr_case("fork_busy_threads", case_fork_busy_threads, THR_CASE_S);
    thr_case("fork_from_thread", case_fork_from_thread, THR_CASE_S);
    thr_case("vfork_in_thread", case_vfork_in_thread, THR_CASE_S);
    thr_case("posix_spawn_native", case_posix_spawn_native, THR_CASE_S);
    thr_case("posix_spawn_self", case_posix_spawn_self, THR_CASE_S);
    thr_case("exec_thread_native", case_exec_thread_native, THR_CASE_S);
    thr_case("exec_thread_self", case_exec_thread_self, THR_CASE_S);
    return 0;
}

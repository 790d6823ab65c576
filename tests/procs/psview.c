/* The view ps sees (issue 13): what /proc shows of a process's program,
 * name and arguments, for the process itself and for its children, as the
 * arm64 kernel defines it (fs/proc/base.c, fs/exec.c, kernel/sys.c):
 * - cmdline: the argument strings, byte for byte (empty strings included);
 *   a process that overwrote its strings' last NUL (setproctitle) shows the
 *   string from the first argument up to the next NUL, into the
 *   environment if it runs on (get_mm_proctitle);
 * - comm, stat's (comm) and status's Name: the basename of the file the
 *   process executed, at most 15 bytes (__set_task_comm at exec); per
 *   thread, set by PR_SET_NAME and by writes to task/TID/comm, read back
 *   by PR_GET_NAME; a fork child keeps its parent's;
 * - exe: the program file (readlink, stat and open agree by inode), of a
 *   forked and of a forked-then-exec'd child too (start-stop-daemon
 *   compares it by device and inode);
 * - environ: the environment strings the program was started with.
 * A child of this program is this program again: "--child" waits to be
 * killed, "--title" first overwrites its argument strings; each tells the
 * parent it is ready by writing a byte to descriptor 3 (a pipe). */
#include "../threads/thrtest.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/stat.h>

static char **main_argv;

/* the whole file at path into buf (cap bytes); its length, -1 with errno */
static ssize_t read_file(const char *path, char *buf, size_t cap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t got = 0;
    for (;;) {
        ssize_t n = read(fd, buf + got, cap - 1 - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0)
            break;
        got += (size_t)n;
        if (got == cap - 1)
            break;
    }
    close(fd);
    buf[got] = 0;
    return (ssize_t)got;
}

/* a text file's content without its final newline ("" if unreadable) */
static void read_line(const char *path, char *buf, size_t cap)
{
    if (read_file(path, buf, cap) < 0)
        snprintf(buf, cap, "(%s: %s)", path, strerror(errno));
    size_t n = strlen(buf);
    if (n && buf[n - 1] == '\n')
        buf[n - 1] = 0;
}

/* stat's comm field: between the first '(' and the last ')' */
static void stat_comm(const char *path, char *buf, size_t cap)
{
    char st[1024];
    if (read_file(path, st, sizeof st) < 0) {
        snprintf(buf, cap, "(%s: %s)", path, strerror(errno));
        return;
    }
    char *o = strchr(st, '('), *c = strrchr(st, ')');
    if (!o || !c || c < o) {
        snprintf(buf, cap, "(no comm in %s)", path);
        return;
    }
    *c = 0;
    snprintf(buf, cap, "%s", o + 1);
}

/* status's "Name:" value */
static void status_name(const char *path, char *buf, size_t cap)
{
    char st[4096];
    snprintf(buf, cap, "(no Name: in %s)", path);
    if (read_file(path, st, sizeof st) < 0)
        return;
    char *n = strstr(st, "Name:\t");
    if (!n)
        return;
    n += 6;
    char *e = strchr(n, '\n');
    if (e)
        *e = 0;
    snprintf(buf, cap, "%s", n);
}

/* the bytes of a NULL-terminated string vector as cmdline shows them */
static size_t join_args(char *const *v, char *out, size_t cap)
{
    size_t n = 0;
    for (; *v; v++) {
        size_t l = strlen(*v) + 1;
        if (n + l > cap)
            break;
        memcpy(out + n, *v, l);
        n += l;
    }
    return n;
}

/* printable form of cmdline-like bytes for messages (NUL as \0) */
static const char *show(const char *b, size_t n)
{
    static char out[2][300];
    static int k;
    char *o = out[k++ & 1];
    size_t j = 0;
    for (size_t i = 0; i < n && j + 3 < sizeof out[0]; i++) {
        if (b[i] == 0) {
            o[j++] = '\\';
            o[j++] = '0';
        } else {
            o[j++] = (b[i] >= 32 && b[i] < 127) ? b[i] : '?';
        }
    }
    o[j] = 0;
    return o;
}

/* the name the kernel gives a program executed as path */
static void exec_name(const char *path, char out[16])
{
    const char *s = strrchr(path, '/');
    s = s ? s + 1 : path;
    size_t n = strnlen(s, 15);
    memcpy(out, s, n);
    out[n] = 0;
}

/* this program's file, as /proc/self/exe names it */
static int self_exe(char *buf, size_t cap)
{
    ssize_t n = readlink("/proc/self/exe", buf, cap - 1);
    if (n < 0)
        return 0;
    buf[n] = 0;
    return 1;
}

/* ---- the process itself ---- */

static void case_self_cmdline(void)
{
    char want[4096], got[4096], path[64];
    size_t wn = join_args(main_argv, want, sizeof want);
    ssize_t n = read_file("/proc/self/cmdline", got, sizeof got);
    EXPECT(n == (ssize_t)wn && memcmp(got, want, wn) == 0, "/proc/self/cmdline is \"%s\", want \"%s\"",
           show(got, n > 0 ? (size_t)n : 0), show(want, wn));
    snprintf(path, sizeof path, "/proc/%d/cmdline", getpid());
    n = read_file(path, got, sizeof got);
    EXPECT(n == (ssize_t)wn && memcmp(got, want, wn) == 0, "%s is \"%s\", want \"%s\"", path,
           show(got, n > 0 ? (size_t)n : 0), show(want, wn));
}

static void case_self_names(void)
{
    char want[16], got[64];
    exec_name(main_argv[0], want);
    read_line("/proc/self/comm", got, sizeof got);
    EXPECT(strcmp(got, want) == 0, "/proc/self/comm is \"%s\", want \"%s\"", got, want);
    stat_comm("/proc/self/stat", got, sizeof got);
    EXPECT(strcmp(got, want) == 0, "/proc/self/stat's comm is \"%s\", want \"%s\"", got, want);
    status_name("/proc/self/status", got, sizeof got);
    EXPECT(strcmp(got, want) == 0, "/proc/self/status Name: is \"%s\", want \"%s\"", got, want);
    char pn[16] = "";
    EXPECT(prctl(PR_GET_NAME, pn, 0, 0, 0) == 0 && strcmp(pn, want) == 0, "PR_GET_NAME \"%s\", want \"%s\"", pn,
           want);
    /* a name with spaces and parentheses, cut at 15 bytes */
    EXPECT(prctl(PR_SET_NAME, "a (b) c) d 0123456789", 0, 0, 0) == 0, "PR_SET_NAME: %s", strerror(errno));
    read_line("/proc/self/comm", got, sizeof got);
    EXPECT(strcmp(got, "a (b) c) d 0123") == 0, "/proc/self/comm after PR_SET_NAME is \"%s\"", got);
    stat_comm("/proc/self/stat", got, sizeof got);
    EXPECT(strcmp(got, "a (b) c) d 0123") == 0, "stat's comm after PR_SET_NAME is \"%s\"", got);
    status_name("/proc/self/status", got, sizeof got);
    EXPECT(strcmp(got, "a (b) c) d 0123") == 0, "status Name: after PR_SET_NAME is \"%s\"", got);
    /* the leader's comm file written: the process's name */
    int fd = open("/proc/self/comm", O_WRONLY | O_CLOEXEC);
    EXPECT(fd >= 0 && write(fd, "written", 7) == 7, "writing /proc/self/comm: %s", strerror(errno));
    if (fd >= 0)
        close(fd);
    memset(pn, 0, sizeof pn);
    EXPECT(prctl(PR_GET_NAME, pn, 0, 0, 0) == 0 && strcmp(pn, "written") == 0,
           "PR_GET_NAME after writing /proc/self/comm: \"%s\"", pn);
    stat_comm("/proc/self/stat", got, sizeof got);
    EXPECT(strcmp(got, "written") == 0, "stat's comm after writing /proc/self/comm is \"%s\"", got);
}

static void case_self_exe(void)
{
    char exe[4096];
    if (!self_exe(exe, sizeof exe)) {
        t_note("readlink /proc/self/exe: %s", strerror(errno));
        return;
    }
    struct stat a, b, c;
    EXPECT(exe[0] == '/', "/proc/self/exe is \"%s\", not absolute", exe);
    EXPECT(stat(main_argv[0], &a) == 0, "stat %s: %s", main_argv[0], strerror(errno));
    EXPECT(stat(exe, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino,
           "/proc/self/exe names \"%s\", not the program %s", exe, main_argv[0]);
    EXPECT(stat("/proc/self/exe", &c) == 0 && a.st_dev == c.st_dev && a.st_ino == c.st_ino,
           "stat /proc/self/exe: inode %lu, the program's %lu", (unsigned long)c.st_ino,
           (unsigned long)a.st_ino);
}

/* ---- children ---- */

/* What a child is: its argument and environment vectors (argv NULL: a
 * fork that does not exec). Returns its pid once it said it is ready, or
 * -1 (noted). */
static pid_t start_child(char *const argv[], char *const envp[])
{
    char exe[4096];
    if (argv && !self_exe(exe, sizeof exe)) {
        t_note("readlink /proc/self/exe: %s", strerror(errno));
        return -1;
    }
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) {
        t_note("pipe: %s", strerror(errno));
        return -1;
    }
    pid_t pid = fork();
    if (pid < 0) {
        t_note("fork: %s", strerror(errno));
        return -1;
    }
    if (pid == 0) {
        prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0); /* never outlives the case */
        if (!argv) {
            ssize_t w = write(p[1], "r", 1);
            (void)w;
            alarm(THR_CASE_S + 5);
            for (;;)
                pause();
        }
        /* descriptor 3 is the pipe's end (dup2 clears close-on-exec) */
        if (dup2(p[1], 3) != 3)
            _exit(126);
        execve(exe, argv, envp);
        _exit(127);
    }
    close(p[1]);
    struct pollfd pf = {.fd = p[0], .events = POLLIN};
    char c = 0;
    int r = poll(&pf, 1, THR_CASE_S * 1000 / 2);
    if (r != 1 || read(p[0], &c, 1) != 1 || c != 'r') {
        t_note("the child never said it was ready (%s)", r == 1 ? "it ended" : "timed out");
        close(p[0]);
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return -1;
    }
    close(p[0]);
    return pid;
}

static void end_child(pid_t pid)
{
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

/* checks /proc/<pid>/cmdline against want (wn bytes) */
static void expect_cmdline(pid_t pid, const char *want, size_t wn)
{
    char path[64], got[4096];
    snprintf(path, sizeof path, "/proc/%d/cmdline", pid);
    ssize_t n = read_file(path, got, sizeof got);
    EXPECT(n == (ssize_t)wn && memcmp(got, want, wn) == 0, "%s is \"%s\" (%zd bytes), want \"%s\" (%zu)", path,
           show(got, n > 0 ? (size_t)n : 0), n, show(want, wn), wn);
}

/* comm, stat's comm and status's Name of pid are want */
static void expect_names(pid_t pid, const char *want)
{
    char path[64], got[64];
    snprintf(path, sizeof path, "/proc/%d/comm", pid);
    read_line(path, got, sizeof got);
    EXPECT(strcmp(got, want) == 0, "%s is \"%s\", want \"%s\"", path, got, want);
    snprintf(path, sizeof path, "/proc/%d/stat", pid);
    stat_comm(path, got, sizeof got);
    EXPECT(strcmp(got, want) == 0, "%s's comm is \"%s\", want \"%s\"", path, got, want);
    snprintf(path, sizeof path, "/proc/%d/status", pid);
    status_name(path, got, sizeof got);
    EXPECT(strcmp(got, want) == 0, "%s Name: is \"%s\", want \"%s\"", path, got, want);
}

/* /proc/<pid>/exe is this program: readlink's text, stat's and an open
 * descriptor's inode */
static void expect_exe(pid_t pid)
{
    char path[64], mine[4096], got[4096];
    snprintf(path, sizeof path, "/proc/%d/exe", pid);
    if (!self_exe(mine, sizeof mine)) {
        t_note("readlink /proc/self/exe: %s", strerror(errno));
        return;
    }
    ssize_t n = readlink(path, got, sizeof got - 1);
    got[n > 0 ? n : 0] = 0;
    EXPECT(n > 0 && strcmp(got, mine) == 0, "readlink %s is \"%s\" (%s), want \"%s\"", path, got,
           n < 0 ? strerror(errno) : "ok", mine);
    struct stat a, b, c;
    EXPECT(stat(mine, &a) == 0, "stat %s: %s", mine, strerror(errno));
    EXPECT(stat(path, &b) == 0 && a.st_dev == b.st_dev && a.st_ino == b.st_ino,
           "stat %s: inode %lu, the program's %lu", path, (unsigned long)b.st_ino, (unsigned long)a.st_ino);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    EXPECT(fd >= 0 && fstat(fd, &c) == 0 && a.st_dev == c.st_dev && a.st_ino == c.st_ino,
           "open %s: %s, inode %lu, the program's %lu", path, fd < 0 ? strerror(errno) : "ok",
           (unsigned long)c.st_ino, (unsigned long)a.st_ino);
    if (fd >= 0)
        close(fd);
}

static void case_fork_view(void)
{
    pid_t pid = start_child(NULL, NULL);
    if (pid < 0)
        return;
    char want[4096], name[16];
    size_t wn = join_args(main_argv, want, sizeof want);
    expect_cmdline(pid, want, wn);
    exec_name(main_argv[0], name);
    expect_names(pid, name);
    expect_exe(pid);
    end_child(pid);
}

static void case_exec_view(void)
{
    char *const argv[] = {"psv-kid", "--child", "arg one", "", "last", NULL};
    char *const envp[] = {"PSV_MARK=1", "PSV_EMPTY=", NULL};
    pid_t pid = start_child(argv, envp);
    if (pid < 0)
        return;
    char want[256], exe[4096], name[16], path[64], got[4096];
    size_t wn = join_args(argv, want, sizeof want);
    expect_cmdline(pid, want, wn);
    /* the name is the file's, whatever argv[0] says */
    if (self_exe(exe, sizeof exe)) {
        exec_name(exe, name);
        expect_names(pid, name);
    }
    expect_exe(pid);
    snprintf(path, sizeof path, "/proc/%d/environ", pid);
    wn = join_args(envp, want, sizeof want);
    ssize_t n = read_file(path, got, sizeof got);
    EXPECT(n == (ssize_t)wn && memcmp(got, want, wn) == 0, "%s is \"%s\", want \"%s\"", path,
           show(got, n > 0 ? (size_t)n : 0), show(want, wn));
    end_child(pid);
}

/* a child that overwrote its argument strings: the kernel shows them as
 * they are now; with the last NUL gone, from the first argument up to the
 * next NUL, which is the end of the first environment string */
static void case_exec_title(void)
{
    char *const argv[] = {"psv-kid", "--title", "abc", NULL};
    char *const envp[] = {"PSV_MARK=1", NULL};
    pid_t pid = start_child(argv, envp);
    if (pid < 0)
        return;
    char want[256];
    size_t area = strlen("psv-kid") + strlen("--title") + strlen("abc") + 3;
    memset(want, 'T', area);
    memcpy(want + area, "PSV_MARK=1", 11);
    expect_cmdline(pid, want, area + 11);
    end_child(pid);
}

/* ---- threads ---- */

struct named {
    pid_t tid;
    atomic_int phase; /* 1 started, 2 may look, 3 looked, 4 may name itself, 5 did,
                          6 may write its file, 7 did, 8 may end */
    char got[16];     /* PR_GET_NAME after the main thread wrote its comm file */
};

static void *naming(void *arg)
{
    struct named *n = arg;
    n->tid = thr_gettid();
    atomic_store(&n->phase, 1);
    while (atomic_load(&n->phase) < 2)
        t_sleep_ms(1);
    prctl(PR_GET_NAME, n->got, 0, 0, 0);
    atomic_store(&n->phase, 3);
    while (atomic_load(&n->phase) < 4)
        t_sleep_ms(1);
    prctl(PR_SET_NAME, "by-prctl-0123456789", 0, 0, 0);
    atomic_store(&n->phase, 5);
    while (atomic_load(&n->phase) < 6)
        t_sleep_ms(1);
    /* its own comm file, through thread-self */
    int fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC);
    if (fd >= 0) {
        ssize_t w = write(fd, "self-file", 9);
        (void)w;
        close(fd);
    }
    prctl(PR_GET_NAME, n->got, 0, 0, 0);
    atomic_store(&n->phase, 7);
    while (atomic_load(&n->phase) < 8)
        t_sleep_ms(1);
    return NULL;
}

static void wait_phase(struct named *n, int p)
{
    double end = t_now() + THR_CASE_S / 2;
    while (atomic_load(&n->phase) < p && t_now() < end)
        t_sleep_ms(1);
}

static void case_thread_names(void)
{
    char lead[64], lead_after[64], path[96], got[64];
    read_line("/proc/self/comm", lead, sizeof lead);
    struct named n = {0};
    pthread_t t;
    if (!thr_create(&t, naming, &n))
        return;
    wait_phase(&n, 1);
    /* named through its comm file, from another thread */
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", n.tid);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    EXPECT(fd >= 0 && write(fd, "by-file", 7) == 7, "writing %s: %s", path, strerror(errno));
    if (fd >= 0)
        close(fd);
    atomic_store(&n.phase, 2);
    wait_phase(&n, 3);
    EXPECT(strcmp(n.got, "by-file") == 0, "PR_GET_NAME in the thread is \"%s\" after %s was written", n.got,
           path);
    read_line(path, got, sizeof got);
    EXPECT(strcmp(got, "by-file") == 0, "%s reads \"%s\", want \"by-file\"", path, got);
    /* named through PR_SET_NAME, cut at 15 bytes */
    atomic_store(&n.phase, 4);
    wait_phase(&n, 5);
    read_line(path, got, sizeof got);
    EXPECT(strcmp(got, "by-prctl-012345") == 0, "%s reads \"%s\", want \"by-prctl-012345\"", path, got);
    snprintf(path, sizeof path, "/proc/self/task/%d/stat", n.tid);
    stat_comm(path, got, sizeof got);
    EXPECT(strcmp(got, "by-prctl-012345") == 0, "%s's comm is \"%s\"", path, got);
    snprintf(path, sizeof path, "/proc/%d/task/%d/status", getpid(), n.tid);
    status_name(path, got, sizeof got);
    EXPECT(strcmp(got, "by-prctl-012345") == 0, "%s Name: is \"%s\"", path, got);
    atomic_store(&n.phase, 6);
    wait_phase(&n, 7);
    EXPECT(strcmp(n.got, "self-file") == 0, "PR_GET_NAME after the thread wrote /proc/thread-self/comm: \"%s\"",
           n.got);
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", n.tid);
    read_line(path, got, sizeof got);
    EXPECT(strcmp(got, "self-file") == 0, "%s reads \"%s\", want \"self-file\"", path, got);
    /* none of it renamed the process */
    read_line("/proc/self/comm", lead_after, sizeof lead_after);
    EXPECT(strcmp(lead, lead_after) == 0, "/proc/self/comm changed from \"%s\" to \"%s\"", lead, lead_after);
    atomic_store(&n.phase, 8);
    thr_join(t, NULL);
}

/* ---- a child of this program ---- */

static _Noreturn void child_main(int argc, char **argv)
{
    if (strcmp(argv[1], "--title") == 0) {
        /* setproctitle's way: the argument strings are one area */
        char *end = argv[argc - 1] + strlen(argv[argc - 1]) + 1;
        memset(argv[0], 'T', (size_t)(end - argv[0]));
    }
    ssize_t w = write(3, "r", 1);
    (void)w;
    close(3);
    alarm(THR_CASE_S + 5);
    for (;;)
        pause();
}

int main(int argc, char **argv)
{
    if (argc > 1 && (strcmp(argv[1], "--child") == 0 || strcmp(argv[1], "--title") == 0))
        child_main(argc, argv);
    main_argv = argv;
    setvbuf(stdout, NULL, _IOLBF, 0);
    thr_case("self_cmdline", case_self_cmdline, THR_CASE_S);
    thr_case("self_names", case_self_names, THR_CASE_S);
    thr_case("self_exe", case_self_exe, THR_CASE_S);
    thr_case("fork_view", case_fork_view, THR_CASE_S);
    thr_case("exec_view", case_exec_view, THR_CASE_S);
    thr_case("exec_title", case_exec_title, THR_CASE_S);
    thr_case("thread_names", case_thread_names, THR_CASE_S);
    return 0;
}

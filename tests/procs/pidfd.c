/* pidfds as the arm64 kernel defines them (kernel/pid.c, kernel/fork.c,
 * kernel/signal.c): pidfd_open and its flags, a pidfd readable in poll and
 * epoll once its process exits, pidfd_send_signal (its siginfo rules, its
 * flags, the order of its checks), pidfd_getfd of an ordinary descriptor of
 * a child and of the numbers where pvm keeps its own descriptors (refused
 * as descriptors that are not open), CLONE_PIDFD through clone3 and clone
 * (where each writes the pidfd, the combinations refused, a fork, a vfork
 * and a fork with another exit signal), and CLONE_PIDFD while another
 * thread reaps every child as soon as it exits. Each case in its own forked
 * child. */
#include "pidfdtest.h"

#include <sys/epoll.h>

static int cloexec(int fd) { return (fcntl(fd, F_GETFD) & FD_CLOEXEC) != 0; }

/* "Pid:" of a pidfd's fdinfo (-1 once its process was reaped; -2: none) */
static int fdinfo_pid(int fd)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/self/fdinfo/%d", fd);
    long v = thr_proc_field(path, "Pid");
    return v == -1 && access(path, R_OK) != 0 ? -2 : (int)v;
}

/* a child that waits for a byte, then exits with it */
static pid_t spawn_waiting(struct t_sync *go)
{
    pid_t pid = fork();
    if (pid == 0)
        _exit((unsigned char)t_sync_wait(go, T_WAIT_S));
    return pid;
}

static void case_open_flags(void)
{
    int fd = t_pidfd_open(getpid(), 0);
    EXPECT(fd >= 0 && cloexec(fd), "pidfd_open(self): %d %s, FD_CLOEXEC %d", fd, strerror(errno),
           fd >= 0 ? cloexec(fd) : -1);
    EXPECT(fdinfo_pid(fd) == getpid(), "fdinfo Pid %d, want %d", fdinfo_pid(fd), getpid());
    int nb = t_pidfd_open(getpid(), PIDFD_NONBLOCK);
    EXPECT(nb >= 0 && (fcntl(nb, F_GETFL) & O_NONBLOCK), "PIDFD_NONBLOCK: %s", strerror(errno));
    EXPECT(t_pidfd_open(getpid(), 1) == -1 && errno == EINVAL, "unknown flag: errno %d", errno);
    EXPECT(t_pidfd_open(getpid(), O_CLOEXEC) == -1 && errno == EINVAL, "O_CLOEXEC: errno %d", errno);
    EXPECT(t_pidfd_open(0, 0) == -1 && errno == EINVAL, "pid 0: errno %d", errno);
    EXPECT(t_pidfd_open(-1, 0) == -1 && errno == EINVAL, "pid -1: errno %d", errno);
    pid_t gone = fork();
    if (gone == 0)
        _exit(0);
    waitpid(gone, NULL, 0);
    EXPECT(t_pidfd_open(gone, 0) == -1 && errno == ESRCH, "a reaped pid: errno %d", errno);
    int th = t_pidfd_open(thr_gettid(), PIDFD_THREAD);
    EXPECT(th >= 0, "PIDFD_THREAD (Linux 6.9) of the thread: %s", strerror(errno));
    close(fd);
    close(nb);
    close(th);
}

static void case_poll_epoll(void)
{
    struct t_sync go;
    t_sync_init(&go);
    pid_t a = spawn_waiting(&go), b = spawn_waiting(&go);
    int pa = t_pidfd_open(a, 0), pb = t_pidfd_open(b, 0), ep = epoll_create1(EPOLL_CLOEXEC);
    struct pollfd p = {pa, POLLIN, 0};
    EXPECT(poll(&p, 1, 0) == 0, "poll of a running child: revents %#x", p.revents);
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = 0x77};
    EXPECT(epoll_ctl(ep, EPOLL_CTL_ADD, pb, &ev) == 0, "epoll_ctl: %s", strerror(errno));
    EXPECT(epoll_wait(ep, &ev, 1, 0) == 0, "epoll of a running child");
    t_sync_post(&go, 3);
    t_sync_post(&go, 3);
    EXPECT(poll(&p, 1, T_WAIT_S * 1000) == 1 && (p.revents & POLLIN), "poll after exit: revents %#x",
           p.revents);
    memset(&ev, 0, sizeof ev);
    EXPECT(epoll_wait(ep, &ev, 1, T_WAIT_S * 1000) == 1 && (ev.events & EPOLLIN) && ev.data.u64 == 0x77,
           "epoll after exit: events %#x data %#llx", ev.events, (unsigned long long)ev.data.u64);
    int st;
    EXPECT(waitpid(a, &st, 0) == a && WEXITSTATUS(st) == 3, "child a %s", t_status(st));
    EXPECT(waitpid(b, &st, 0) == b && WEXITSTATUS(st) == 3, "child b %s", t_status(st));
    p.revents = 0;
    EXPECT(poll(&p, 1, 0) == 1 && (p.revents & POLLIN), "poll after the reap: revents %#x", p.revents);
    close(pa);
    close(pb);
    close(ep);
    t_sync_close(&go);
}

/* the signals a handler saw: signal, si_code, si_pid, si_value */
static volatile sig_atomic_t got_sig, got_code, got_pid, got_val;

static void on_sig(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    got_code = si->si_code;
    got_pid = si->si_pid;
    got_val = si->si_value.sival_int;
    got_sig = sig;
}

static void case_send_signal(void)
{
    t_handle_info(SIGUSR1, on_sig, 0);
    t_handle_info(SIGUSR2, on_sig, 0);
    struct t_sync ready, report;
    t_sync_init(&ready);
    t_sync_init(&report);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid == 0) {
        t_sync_post(&ready, 'r');
        t_wait_flag(&got_sig, T_WAIT_S);
        t_sync_post(&report, got_sig == SIGUSR1 && got_code == SI_USER && got_pid == parent ? 'y' : 'n');
        _exit(0);
    }
    int pfd = t_pidfd_open(pid, 0);
    EXPECT(t_sync_wait(&ready, T_WAIT_S) == 'r', "the child did not start");
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = SIGUSR1;
    si.si_code = SI_USER; /* a code the kernel's own senders use */
    EXPECT(t_pidfd_send_signal(pfd, SIGUSR1, &si, 0) == -1 && errno == EPERM,
           "SI_USER with a siginfo to another process: errno %d", errno);
    EXPECT(t_pidfd_send_signal(pfd, SIGUSR1, NULL, 0) == 0, "pidfd_send_signal: %s", strerror(errno));
    EXPECT(t_sync_wait(&report, T_WAIT_S) == 'y', "the child did not see SIGUSR1 with SI_USER from us");
    EXPECT(waitpid(pid, NULL, 0) == pid, "reap");
    EXPECT(t_pidfd_send_signal(pfd, 0, NULL, 0) == -1 && errno == ESRCH, "a reaped process: errno %d", errno);
    /* a siginfo of the sender's own to itself, with each scope flag */
    int self = t_pidfd_open(getpid(), 0);
    memset(&si, 0, sizeof si);
    si.si_signo = SIGUSR2;
    si.si_code = SI_QUEUE;
    si.si_pid = getpid();
    si.si_uid = getuid();
    si.si_value.sival_int = 1234;
    got_sig = 0;
    EXPECT(t_pidfd_send_signal(self, SIGUSR2, &si, 0) == 0, "to itself: %s", strerror(errno));
    t_wait_flag(&got_sig, T_WAIT_S);
    EXPECT(got_sig == SIGUSR2 && got_code == SI_QUEUE && got_val == 1234,
           "to itself: signal %d code %d value %d", (int)got_sig, (int)got_code, (int)got_val);
    EXPECT(t_pidfd_send_signal(self, SIGUSR1, &si, 0) == -1 && errno == EINVAL,
           "sig and si_signo differ: errno %d", errno);
    got_sig = 0;
    EXPECT(t_pidfd_send_signal(self, SIGUSR1, NULL, T_PIDFD_SIGNAL_THREAD_GROUP) == 0,
           "PIDFD_SIGNAL_THREAD_GROUP (Linux 6.9): %s", strerror(errno));
    t_wait_flag(&got_sig, T_WAIT_S);
    EXPECT(got_sig == SIGUSR1, "PIDFD_SIGNAL_THREAD_GROUP: got %d", (int)got_sig);
    /* the group whose id is the pidfd's pid: none until this process leads one */
    EXPECT(getpgrp() == getpid() ||
               (t_pidfd_send_signal(self, 0, NULL, T_PIDFD_SIGNAL_PROCESS_GROUP) == -1 && errno == ESRCH),
           "PIDFD_SIGNAL_PROCESS_GROUP without such a group: errno %d", errno);
    setpgid(0, 0);
    EXPECT(t_pidfd_send_signal(self, 0, NULL, T_PIDFD_SIGNAL_PROCESS_GROUP) == 0,
           "PIDFD_SIGNAL_PROCESS_GROUP, signal 0: %s", strerror(errno));
    EXPECT(t_pidfd_send_signal(self, 0, NULL, T_PIDFD_SIGNAL_THREAD) == 0,
           "PIDFD_SIGNAL_THREAD, signal 0: %s", strerror(errno));
    close(pfd);
    close(self);
    t_sync_close(&ready);
    t_sync_close(&report);
}

/* what is refused, in the kernel's order: the flags, the descriptor, then
 * the siginfo */
static void case_send_signal_checks(void)
{
    int self = t_pidfd_open(getpid(), 0);
    EXPECT(t_pidfd_send_signal(self, 0, NULL, 8) == -1 && errno == EINVAL, "unknown flag: errno %d", errno);
    EXPECT(t_pidfd_send_signal(self, 0, NULL, T_PIDFD_SIGNAL_THREAD | T_PIDFD_SIGNAL_THREAD_GROUP) == -1 &&
               errno == EINVAL,
           "two scopes: errno %d", errno);
    EXPECT(t_pidfd_send_signal(-1, 0, NULL, 8) == -1 && errno == EINVAL, "flags before the fd: errno %d", errno);
    EXPECT(t_pidfd_send_signal(0, 0, NULL, 0) == -1 && errno == EBADF, "stdin: errno %d", errno);
    EXPECT(t_pidfd_send_signal(t_nofile(), 0, NULL, 0) == -1 && errno == EBADF,
           "descriptor %d (pvm's first hidden one): errno %d", t_nofile(), errno);
    EXPECT(t_pidfd_send_signal(t_nofile(), SIGUSR1, (siginfo_t *)8, 0) == -1 && errno == EBADF,
           "the descriptor before the siginfo: errno %d", errno);
    EXPECT(t_pidfd_send_signal(0, SIGUSR1, (siginfo_t *)8, 0) == -1 && errno == EBADF,
           "a non-pidfd before the siginfo: errno %d", errno);
    EXPECT(t_pidfd_send_signal(self, SIGUSR1, (siginfo_t *)8, 0) == -1 && errno == EFAULT,
           "an unreadable siginfo: errno %d", errno);
    EXPECT(t_pidfd_send_signal(self, 65, NULL, 0) == -1 && errno == EINVAL, "signal 65: errno %d", errno);
    close(self);
}

/* a descriptor of a child, taken */
static void case_getfd(void)
{
    struct t_sync ready, done;
    t_sync_init(&ready);
    t_sync_init(&done);
    pid_t pid = fork();
    if (pid == 0) {
        int q[2];
        if (pipe(q) != 0 || write(q[1], "child's", 7) != 7 || dup2(q[0], 42) != 42)
            _exit(1);
        close(q[0]);
        t_sync_post(&ready, 'r');
        t_sync_wait(&done, T_WAIT_S);
        _exit(0);
    }
    int pfd = t_pidfd_open(pid, 0);
    EXPECT(t_sync_wait(&ready, T_WAIT_S) == 'r', "the child did not start");
    int fd = t_pidfd_getfd(pfd, 42, 0);
    char buf[16] = "";
    EXPECT(fd >= 0 && read(fd, buf, sizeof buf) == 7 && memcmp(buf, "child's", 7) == 0,
           "pidfd_getfd(42): %d %s, read \"%.7s\"", fd, strerror(errno), buf);
    EXPECT(fd < 0 || cloexec(fd), "the new descriptor is not close-on-exec");
    EXPECT(t_pidfd_getfd(pfd, 42, 1) == -1 && errno == EINVAL, "a flag: errno %d", errno);
    EXPECT(t_pidfd_getfd(pfd, 43, 0) == -1 && errno == EBADF, "a descriptor not open: errno %d", errno);
    EXPECT(t_pidfd_getfd(0, 42, 0) == -1 && errno == EBADF, "stdin as the pidfd: errno %d", errno);
    EXPECT(t_pidfd_getfd(t_nofile(), 42, 0) == -1 && errno == EBADF, "a hidden number as the pidfd: errno %d",
           errno);
    t_sync_post(&done, 'd');
    EXPECT(waitpid(pid, NULL, 0) == pid, "reap");
    EXPECT(t_pidfd_getfd(pfd, 42, 0) == -1 && errno == ESRCH, "a reaped child: errno %d", errno);
    close(fd);
    close(pfd);
    t_sync_close(&ready);
    t_sync_close(&done);
}

/* the numbers where pvm keeps its own descriptors (its copy of stderr: the
 * runner's stderr is a file) are not open for anyone: of a child that is a
 * pvm like this one, and of this process itself */
static void case_getfd_hidden(void)
{
    struct t_sync ready, done;
    t_sync_init(&ready);
    t_sync_init(&done);
    pid_t pid = fork();
    if (pid == 0) {
        t_sync_post(&ready, 'r');
        t_sync_wait(&done, T_WAIT_S);
        _exit(0);
    }
    int pfd = t_pidfd_open(pid, 0), self = t_pidfd_open(getpid(), 0);
    EXPECT(t_sync_wait(&ready, T_WAIT_S) == 'r', "the child did not start");
    int base = t_nofile();
    for (int k = 0; k < 4; k++) {
        EXPECT(t_pidfd_getfd(pfd, base + k, 0) == -1 && errno == EBADF, "the child's descriptor %d: errno %d",
               base + k, errno);
        EXPECT(t_pidfd_getfd(self, base + k, 0) == -1 && errno == EBADF, "own descriptor %d: errno %d",
               base + k, errno);
    }
    int fd = t_pidfd_getfd(pfd, 2, 0);
    EXPECT(fd >= 0, "the child's stderr: %s", strerror(errno));
    t_sync_post(&done, 'd');
    EXPECT(waitpid(pid, NULL, 0) == pid, "reap");
    close(fd);
    close(pfd);
    close(self);
    t_sync_close(&ready);
    t_sync_close(&done);
}

static void expect_pidfd_child(long pid, int pfd, int code, const char *what)
{
    EXPECT(pid > 0, "%s: %s", what, strerror(errno));
    if (pid <= 0)
        return;
    EXPECT(pfd >= 0 && cloexec(pfd), "%s: pidfd %d, FD_CLOEXEC %d", what, pfd, pfd >= 0 ? cloexec(pfd) : -1);
    EXPECT(fdinfo_pid(pfd) == pid || fdinfo_pid(pfd) == -1, "%s: the pidfd's Pid %d, child %ld", what,
           fdinfo_pid(pfd), pid);
    siginfo_t si;
    memset(&si, 0, sizeof si);
    EXPECT(t_waitid(P_PIDFD, pfd, &si, WEXITED | __WALL, NULL) == 0 && si.si_pid == pid &&
               si.si_code == CLD_EXITED && si.si_status == code,
           "%s: waitid(P_PIDFD): %s, si_pid %d si_status %d", what, strerror(errno), si.si_pid, si.si_status);
    close(pfd);
}

static void on_usr1(int sig) { (void)sig; }

static void case_clone3_pidfd(void)
{
    t_handle(SIGUSR1, on_usr1, SA_RESTART);
    int pfd = -1, ptid = -1;
    struct t_clone_args ca = {.flags = CLONE_PIDFD, .pidfd = (uintptr_t)&pfd, .exit_signal = SIGCHLD};
    long pid = t_raw(t_clone3_exit(&ca, sizeof ca, 11));
    expect_pidfd_child(pid, pfd, 11, "fork");
    pfd = -1;
    ca.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
    ca.parent_tid = (uintptr_t)&ptid;
    pid = t_raw(t_clone3_exit(&ca, sizeof ca, 12));
    EXPECT(pid <= 0 || ptid == pid, "CLONE_PARENT_SETTID beside the pidfd: %d, child %ld", ptid, pid);
    expect_pidfd_child(pid, pfd, 12, "fork with parent_tid");
    pfd = -1;
    ca.flags = CLONE_PIDFD | CLONE_VM | CLONE_VFORK;
    ca.parent_tid = 0;
    pid = t_raw(t_clone3_exit(&ca, sizeof ca, 13));
    expect_pidfd_child(pid, pfd, 13, "vfork");
    pfd = -1;
    ca.flags = CLONE_PIDFD;
    ca.exit_signal = SIGUSR1;
    pid = t_raw(t_clone3_exit(&ca, sizeof ca, 14));
    expect_pidfd_child(pid, pfd, 14, "exit signal SIGUSR1");
    /* refused, and no child made */
    ca.exit_signal = SIGCHLD;
    ca.flags = CLONE_PIDFD | CLONE_PARENT_SETTID;
    ca.parent_tid = ca.pidfd;
    EXPECT(t_raw(t_clone3_exit(&ca, sizeof ca, 15)) == -1 && errno == EINVAL,
           "pidfd and parent_tid at one address: errno %d", errno);
    ca.flags = CLONE_PIDFD | CLONE_DETACHED;
    EXPECT(t_raw(t_clone3_exit(&ca, sizeof ca, 15)) == -1 && errno == EINVAL, "CLONE_DETACHED: errno %d",
           errno);
    ca.flags = CLONE_PIDFD;
    ca.pidfd = 8;
    EXPECT(t_raw(t_clone3_exit(&ca, sizeof ca, 15)) == -1 && errno == EFAULT, "an unwritable pidfd: errno %d",
           errno);
    EXPECT(waitpid(-1, NULL, __WALL | WNOHANG) == -1 && errno == ECHILD, "a refused clone3 made a child");
}

static void case_clone_pidfd(void)
{
    int pfd = -1;
    long pid = t_raw(t_clone_exit(CLONE_PIDFD | SIGCHLD, &pfd, 21));
    expect_pidfd_child(pid, pfd, 21, "fork");
    pfd = -1;
    pid = t_raw(t_clone_exit(CLONE_PIDFD | CLONE_VM | CLONE_VFORK | SIGCHLD, &pfd, 22));
    expect_pidfd_child(pid, pfd, 22, "vfork");
    EXPECT(t_raw(t_clone_exit(CLONE_PIDFD | CLONE_PARENT_SETTID | SIGCHLD, &pfd, 23)) == -1 && errno == EINVAL,
           "with CLONE_PARENT_SETTID: errno %d", errno);
    EXPECT(t_raw(t_clone_exit(CLONE_PIDFD | CLONE_DETACHED | SIGCHLD, &pfd, 23)) == -1 && errno == EINVAL,
           "with CLONE_DETACHED: errno %d", errno);
    EXPECT(t_raw(t_clone_exit(CLONE_PIDFD | SIGCHLD, (int *)8, 23)) == -1 && errno == EFAULT,
           "an unwritable pidfd: errno %d", errno);
    EXPECT(waitpid(-1, NULL, __WALL | WNOHANG) == -1 && errno == ECHILD, "a refused clone made a child");
}

/* CLONE_PIDFD while another thread reaps every child the moment it exits:
 * the pidfd still names the child (the kernel makes it before the child
 * can run) */
#define RACE_N 20
static atomic_int reaped[RACE_N + 1];

static void *reaper(void *arg)
{
    (void)arg;
    for (;;) {
        int st;
        pid_t r = waitpid(-1, &st, 0);
        if (r < 0 && errno == EINTR)
            continue;
        /* the anchor (99) may be reaped before the last clone's child,
         * which exits before it: go on until no child is left */
        if (r < 0)
            return NULL;
        if (!WIFEXITED(st))
            continue;
        if (WEXITSTATUS(st) < RACE_N)
            atomic_fetch_add(&reaped[WEXITSTATUS(st)], 1);
    }
}

static void case_clone_reaper(void)
{
    /* a child that lives until the end keeps the reaper's wait blocking */
    struct t_sync end;
    t_sync_init(&end);
    pid_t anchor = fork();
    if (anchor == 0)
        _exit(t_sync_wait(&end, T_WAIT_S * 2) == 'e' ? 99 : 98);
    pthread_t t;
    if (!thr_create(&t, reaper, NULL))
        return;
    for (int k = 0; k < RACE_N && !t_why[0]; k++) {
        int pfd = -1;
        struct t_clone_args ca = {.flags = CLONE_PIDFD, .pidfd = (uintptr_t)&pfd, .exit_signal = SIGCHLD};
        long pid = t_raw(t_clone3_exit(&ca, sizeof ca, k));
        EXPECT(pid > 0 && pfd >= 0, "clone3 %d: %s, pidfd %d", k, strerror(errno), pfd);
        if (pid <= 0)
            break;
        struct pollfd p = {pfd, POLLIN, 0};
        EXPECT(poll(&p, 1, T_WAIT_S * 1000) == 1, "clone3 %d: the pidfd never became readable", k);
        int fp = fdinfo_pid(pfd);
        EXPECT(fp == pid || fp == -1, "clone3 %d: the pidfd's Pid %d, child %ld", k, fp, pid);
        close(pfd);
    }
    t_sync_post(&end, 'e');
    thr_join(t, NULL);
    t_sync_close(&end);
    for (int k = 0; k < RACE_N && !t_why[0]; k++)
        EXPECT(atomic_load(&reaped[k]) == 1, "child %d reaped %d times", k, atomic_load(&reaped[k]));
}

int main(void)
{
    thr_case("open_flags", case_open_flags, THR_CASE_S);
    thr_case("poll_epoll", case_poll_epoll, THR_CASE_S);
    thr_case("send_signal", case_send_signal, THR_CASE_S);
    thr_case("send_signal_checks", case_send_signal_checks, THR_CASE_S);
    thr_case("getfd", case_getfd, THR_CASE_S);
    thr_case("getfd_hidden", case_getfd_hidden, THR_CASE_S);
    thr_case("clone3_pidfd", case_clone3_pidfd, THR_CASE_S);
    thr_case("clone_pidfd", case_clone_pidfd, THR_CASE_S);
    thr_case("clone_reaper", case_clone_reaper, THR_CASE_S);
    return 0;
}

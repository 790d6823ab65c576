/* POSIX message queues as the arm64 kernel and glibc document them
 * (mq_overview(7)): messages between processes by priority, attributes,
 * mq_getsetattr's O_NONBLOCK, timeouts, mq_notify with SIGEV_SIGNAL and
 * with SIGEV_THREAD (glibc's netlink helper thread), wild pointers, unknown
 * open flags. Queue names are unique to the run and unlinked by the main
 * process after each case. */
#include "ipctest.h"

static mqd_t mq_new(const char *tag, int flags, long maxmsg, long msgsize)
{
    struct mq_attr a = {.mq_maxmsg = maxmsg, .mq_msgsize = msgsize};
    return mq_open(reg_mq(tag), O_RDWR | O_CREAT | O_EXCL | flags, 0600, &a);
}

static void case_between(void)
{
    mqd_t q = mq_new("between", 0, 4, 32);
    EXPECT(q != (mqd_t)-1, "mq_open: %s", strerror(errno));
    if (q == (mqd_t)-1)
        return;
    pid_t pid = fork();
    if (pid == 0) {
        t_sleep_ms(100);
        int bad = mq_send(q, "low", 3, 1) || mq_send(q, "high", 4, 9) || mq_send(q, "mid", 3, 5);
        _exit(bad);
    }
    char buf[32];
    unsigned prio = 0;
    ssize_t n = mq_receive(q, buf, sizeof buf, &prio); /* blocks for the first */
    EXPECT(n == 3 && prio == 1, "first: %zd prio %u", n, prio);
    EXPECT(t_waitpid(pid, T_WAIT_S) == 0, "sender failed");
    n = mq_receive(q, buf, sizeof buf, &prio);
    EXPECT(n == 4 && prio == 9 && !memcmp(buf, "high", 4), "highest priority first: %zd prio %u", n, prio);
    n = mq_receive(q, buf, sizeof buf, &prio);
    EXPECT(n == 3 && prio == 5, "then: %zd prio %u", n, prio);
    struct mq_attr a;
    EXPECT(mq_getattr(q, &a) == 0 && a.mq_maxmsg == 4 && a.mq_msgsize == 32 && a.mq_curmsgs == 0 &&
               a.mq_flags == 0,
           "getattr %ld %ld %ld %ld", a.mq_flags, a.mq_maxmsg, a.mq_msgsize, a.mq_curmsgs);
    errno = 0;
    EXPECT(mq_receive(q, buf, 8, &prio) == -1 && errno == EMSGSIZE, "small buffer: %s", strerror(errno));
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 100000000;
    if (ts.tv_nsec >= 1000000000) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000;
    }
    errno = 0;
    EXPECT(mq_timedreceive(q, buf, sizeof buf, NULL, &ts) == -1 && errno == ETIMEDOUT, "timeout: %s",
           strerror(errno));
    mq_close(q);
}

static void case_nonblock(void)
{
    mqd_t q = mq_new("nonblock", 0, 2, 16);
    if (q == (mqd_t)-1) {
        t_note("mq_open: %s", strerror(errno));
        return;
    }
    struct mq_attr na = {.mq_flags = O_NONBLOCK}, oa;
    EXPECT(mq_setattr(q, &na, &oa) == 0 && oa.mq_flags == 0, "setattr: %s old flags %ld", strerror(errno),
           oa.mq_flags);
    EXPECT(mq_getattr(q, &oa) == 0 && oa.mq_flags == O_NONBLOCK, "flags %#lx", oa.mq_flags);
    char buf[16];
    errno = 0;
    EXPECT(mq_receive(q, buf, sizeof buf, NULL) == -1 && errno == EAGAIN, "empty: %s", strerror(errno));
    EXPECT(mq_send(q, "a", 1, 0) == 0 && mq_send(q, "b", 1, 0) == 0, "sends: %s", strerror(errno));
    errno = 0;
    EXPECT(mq_send(q, "c", 1, 0) == -1 && errno == EAGAIN, "full: %s", strerror(errno));
    errno = 0;
    EXPECT(mq_send(q, "0123456789abcdefg", 17, 0) == -1 && errno == EMSGSIZE, "too long: %s",
           strerror(errno));
    /* the raw call: flags other than O_NONBLOCK are EINVAL, a wild old attr EFAULT */
    na.mq_flags = O_NONBLOCK | 1;
    errno = 0;
    EXPECT(syscall(SYS_mq_getsetattr, q, &na, NULL) == -1 && errno == EINVAL, "flags 0x801: %s",
           strerror(errno));
    errno = 0;
    EXPECT(syscall(SYS_mq_getsetattr, q, NULL, (void *)8) == -1 && errno == EFAULT, "wild old: %s",
           strerror(errno));
    errno = 0;
    EXPECT(syscall(SYS_mq_timedsend, q, (void *)8, 1, 0, NULL) == -1 && errno == EFAULT, "wild msg: %s",
           strerror(errno));
    errno = 0;
    EXPECT(syscall(SYS_mq_timedreceive, q, buf, sizeof buf, NULL, (void *)8) == -1 && errno == EFAULT,
           "wild timeout: %s", strerror(errno));
    errno = 0;
    EXPECT(syscall(SYS_mq_open, (void *)8, O_RDWR, 0, NULL) == -1 && errno == EFAULT, "wild name: %s",
           strerror(errno));
    mq_close(q);
}

static volatile sig_atomic_t notified;
static volatile sig_atomic_t notified_code;
static void on_notify(int s, siginfo_t *si, void *uc)
{
    (void)s;
    (void)uc;
    notified = 1;
    notified_code = si->si_code;
}

static void case_notify_signal(void)
{
    mqd_t q = mq_new("notify", 0, 4, 16);
    if (q == (mqd_t)-1) {
        t_note("mq_open: %s", strerror(errno));
        return;
    }
    t_handle_info(SIGUSR1, on_notify, 0);
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_SIGNAL;
    ev.sigev_signo = SIGUSR1;
    EXPECT(mq_notify(q, &ev) == 0, "mq_notify: %s", strerror(errno));
    errno = 0;
    EXPECT(mq_notify(q, &ev) == -1 && errno == EBUSY, "second registration: %s", strerror(errno));
    pid_t pid = fork();
    if (pid == 0)
        _exit(mq_send(q, "x", 1, 0) ? 1 : 0);
    EXPECT(t_waitpid(pid, T_WAIT_S) == 0, "sender failed");
    EXPECT(t_wait_flag(&notified, T_WAIT_S) && notified_code == SI_MESGQ, "notified %d code %d",
           (int)notified, (int)notified_code);
    errno = 0;
    EXPECT(syscall(SYS_mq_notify, q, (void *)8) == -1 && errno == EFAULT, "wild sigevent: %s",
           strerror(errno));
    ev.sigev_notify = 77;
    errno = 0;
    EXPECT(mq_notify(q, &ev) == -1 && errno == EINVAL, "notify kind 77: %s", strerror(errno));
    mq_close(q);
}

static atomic_int thread_notified;
static void on_thread_notify(union sigval v)
{
    atomic_store(&thread_notified, v.sival_int);
}

static void case_notify_thread(void)
{
    mqd_t q = mq_new("thread", 0, 4, 16);
    if (q == (mqd_t)-1) {
        t_note("mq_open: %s", strerror(errno));
        return;
    }
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = SIGEV_THREAD;
    ev.sigev_notify_function = on_thread_notify;
    ev.sigev_value.sival_int = 1234;
    thr_hang_what = "the SIGEV_THREAD notification never ran";
    EXPECT(mq_notify(q, &ev) == 0, "mq_notify SIGEV_THREAD: %s", strerror(errno));
    EXPECT(mq_send(q, "x", 1, 0) == 0, "send: %s", strerror(errno));
    EXPECT(thr_wait_atleast(&thread_notified, 1234, T_WAIT_S), "the notification function did not run "
           "(got %d)", atomic_load(&thread_notified));
    mq_close(q);
}

static void case_unlink(void)
{
    const char *name = reg_mq("unlink");
    mqd_t q = mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, NULL);
    EXPECT(q != (mqd_t)-1, "mq_open default attr: %s", strerror(errno));
    errno = 0;
    EXPECT(mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, NULL) == (mqd_t)-1 && errno == EEXIST,
           "O_EXCL: %s", strerror(errno));
    EXPECT(mq_unlink(name) == 0, "mq_unlink: %s", strerror(errno));
    errno = 0;
    EXPECT(mq_open(name, O_RDWR) == (mqd_t)-1 && errno == ENOENT, "after unlink: %s", strerror(errno));
    EXPECT(mq_send(q, "still", 5, 0) == 0, "an open queue outlives its name: %s", strerror(errno));
    errno = 0;
    EXPECT(mq_send((mqd_t)999, "x", 1, 0) == -1 && errno == EBADF, "bad fd: %s", strerror(errno));
    mq_close(q);
}

/* pvm's rule: open flags arm64 does not define are EINVAL */
static void case_unknown_bits(void)
{
    const char *name = reg_mq("bits");
    errno = 0;
    EXPECT(syscall(SYS_mq_open, name + 1, O_RDWR | O_CREAT | 0x40000000, 0600, NULL) == -1 &&
               errno == EINVAL,
           "mq_open with bit 0x40000000: %s", strerror(errno));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    ipc_reg_init();
    ipc_case("between", case_between);
    ipc_case("nonblock", case_nonblock);
    ipc_case("notify_signal", case_notify_signal);
    ipc_case("notify_thread", case_notify_thread);
    ipc_case("unlink", case_unlink);
    ipc_case("unknown_bits", case_unknown_bits);
    return 0;
}

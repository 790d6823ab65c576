/* Event descriptors: epoll (level/edge triggers, EPOLLONESHOT, data.u64
 * round trips, the arm64 struct epoll_event padding, epoll_pwait timeouts
 * and signal masks, epoll_pwait2), eventfd (counter and semaphore modes),
 * timerfd (relative/absolute one-shots, intervals: counts, never times) and
 * inotify on a fresh directory, plus the error answers of each call.
 * Output is deterministic: no fd numbers, addresses or times. qemu-aarch64
 * 7.2 has no epoll_pwait2 (ENOSYS): qemu-fix/sys_events.sed writes the
 * kernel's answers into its output. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static const char *err(long r)
{
    static char buf[64];
    if (r >= 0) {
        snprintf(buf, sizeof buf, "%ld", r);
        return buf;
    }
    switch (errno) {
    case EINVAL: return "-1 EINVAL";
    case EBADF: return "-1 EBADF";
    case EEXIST: return "-1 EEXIST";
    case ENOENT: return "-1 ENOENT";
    case EPERM: return "-1 EPERM";
    case EFAULT: return "-1 EFAULT";
    case EAGAIN: return "-1 EAGAIN";
    case EINTR: return "-1 EINTR";
    case ENOTDIR: return "-1 ENOTDIR";
    case ENOSYS: return "-1 ENOSYS";
    default: snprintf(buf, sizeof buf, "-1 errno %d", errno); return buf;
    }
}

static void evnames(uint32_t e, char *out, size_t cap)
{
    static const struct { uint32_t bit; const char *name; } n[] = {
        {EPOLLIN, "IN"}, {EPOLLPRI, "PRI"}, {EPOLLOUT, "OUT"}, {EPOLLERR, "ERR"},
        {EPOLLHUP, "HUP"}, {EPOLLRDNORM, "RDNORM"}, {EPOLLWRNORM, "WRNORM"},
        {EPOLLRDHUP, "RDHUP"},
    };
    out[0] = 0;
    for (size_t k = 0; k < sizeof n / sizeof n[0]; k++)
        if (e & n[k].bit) {
            strncat(out, out[0] ? "|" : "", cap - strlen(out) - 1);
            strncat(out, n[k].name, cap - strlen(out) - 1);
            e &= ~n[k].bit;
        }
    if (e)
        snprintf(out + strlen(out), cap - strlen(out), "|%#x", e);
}

/* one epoll_wait, events printed as "data:NAMES" */
static int show_wait(const char *what, int ep, int timeout)
{
    struct epoll_event ev[8];
    int n = epoll_wait(ep, ev, 8, timeout);
    printf("%-34s %s", what, err(n));
    for (int k = 0; k < n; k++) {
        char names[80];
        evnames(ev[k].events, names, sizeof names);
        printf(" [%llx:%s]", (unsigned long long)ev[k].data.u64, names);
    }
    printf("\n");
    return n;
}

static int ctl(int ep, int op, int fd, uint32_t events, uint64_t data)
{
    struct epoll_event ev = {.events = events, .data.u64 = data};
    return epoll_ctl(ep, op, fd, &ev);
}

static void test_epoll_pipes(void)
{
    int ep = epoll_create1(EPOLL_CLOEXEC);
    int p[2];
    if (ep < 0 || pipe2(p, O_NONBLOCK) != 0) {
        printf("setup failed\n");
        exit(1);
    }
    printf("epoll_create1 cloexec: %s\n", (fcntl(ep, F_GETFD) & FD_CLOEXEC) ? "yes" : "no");
    char c;

    /* level triggered: reported until drained */
    printf("ctl add LT:                        %s\n", err(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0x11)));
    show_wait("LT empty", ep, 0);
    if (write(p[1], "x", 1) != 1)
        printf("write failed\n");
    show_wait("LT ready", ep, 0);
    show_wait("LT ready again", ep, 0);
    if (read(p[0], &c, 1) != 1)
        printf("read failed\n");
    show_wait("LT drained", ep, 0);

    /* edge triggered: once per new arrival */
    printf("ctl mod ET:                        %s\n",
           err(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLET, 0x22)));
    if (write(p[1], "y", 1) != 1)
        printf("write failed\n");
    show_wait("ET edge", ep, 0);
    show_wait("ET no new edge", ep, 0);
    if (write(p[1], "z", 1) != 1)
        printf("write failed\n");
    show_wait("ET second edge", ep, 0);
    char buf[8];
    printf("drain:                             %s\n", err(read(p[0], buf, sizeof buf)));

    /* one-shot: disabled after one report until re-armed with MOD */
    printf("ctl mod ONESHOT:                   %s\n",
           err(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 0x33)));
    if (write(p[1], "w", 1) != 1)
        printf("write failed\n");
    show_wait("ONESHOT first", ep, 0);
    show_wait("ONESHOT disarmed", ep, 0);
    printf("ctl mod rearm:                     %s\n",
           err(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLONESHOT, 0x34)));
    show_wait("ONESHOT rearmed", ep, 0);

    /* the write end: writable; data of odd 64-bit values */
    static const uint64_t odd[] = {0x8000000000000001ull, 0xfedcba9876543211ull,
                                   0xffffffffffffffffull, 0x0123456789abcdefull};
    int q[2];
    if (pipe(q) != 0)
        exit(1);
    printf("ctl add write end:                 %s\n",
           err(ctl(ep, EPOLL_CTL_ADD, p[1], EPOLLOUT, odd[0])));
    show_wait("OUT + one-shot IN", ep, 0);
    int ep2 = epoll_create1(0);
    int fds[4] = {p[1], q[1], q[0], p[0]};
    if (write(q[1], "q", 1) != 1)
        printf("write failed\n");
    for (int k = 0; k < 4; k++)
        ctl(ep2, EPOLL_CTL_ADD, fds[k], k == 2 ? EPOLLIN : EPOLLOUT, odd[k]);
    /* the arm64 layout: 16-byte events; the padding word is not written */
    struct epoll_event ev[8];
    memset(ev, 0xa5, sizeof ev);
    int n = epoll_wait(ep2, ev, 8, 0);
    printf("odd data wait:                     %s\n", err(n));
    uint64_t seen = 0;
    for (int k = 0; k < n; k++) {
        uint32_t pad;
        memcpy(&pad, (char *)&ev[k] + 4, 4);
        for (int j = 0; j < 4; j++)
            if (ev[k].data.u64 == odd[j])
                seen |= 1u << j;
        printf("  event size %zu pad %#x\n", sizeof ev[k], pad);
    }
    printf("  data values seen: %#llx\n", (unsigned long long)seen);
    /* maxevents smaller than the ready list: the rest stays ready */
    n = epoll_wait(ep2, ev, 1, 0);
    printf("maxevents 1:                       %s\n", err(n));
    n = epoll_wait(ep2, ev, 8, 0);
    printf("then 8:                            %s\n", err(n));

    /* hang-up on the read end once the writer is gone */
    close(q[1]);
    ctl(ep2, EPOLL_CTL_DEL, q[1], 0, 0); /* closed: EBADF, the entry went with the file */
    ctl(ep2, EPOLL_CTL_MOD, q[0], EPOLLIN, 0x44);
    struct epoll_event one;
    n = epoll_wait(ep2, &one, 1, 0);
    while (n == 1 && one.data.u64 != 0x44)
        n = epoll_wait(ep2, &one, 1, 0);
    char names[80];
    evnames(n == 1 ? one.events : 0, names, sizeof names);
    printf("hang-up:                           %s %s\n", err(n), names);

    /* errors */
    printf("create1 bad flags:                 %s\n", err(epoll_create1(1)));
    printf("ctl bad op:                        %s\n", err(ctl(ep, 99, p[0], EPOLLIN, 0)));
    printf("ctl add twice:                     %s\n", err(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0)));
    printf("ctl del:                           %s\n", err(ctl(ep, EPOLL_CTL_DEL, p[0], 0, 0)));
    printf("ctl del absent:                    %s\n", err(epoll_ctl(ep, EPOLL_CTL_DEL, p[0], NULL)));
    printf("ctl mod absent:                    %s\n", err(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN, 0)));
    printf("ctl add self:                      %s\n", err(ctl(ep, EPOLL_CTL_ADD, ep, EPOLLIN, 0)));
    printf("ctl add closed fd:                 %s\n", err(ctl(ep, EPOLL_CTL_ADD, q[1], EPOLLIN, 0)));
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    printf("ctl add fd at RLIMIT_NOFILE:       %s\n",
           err(ctl(ep, EPOLL_CTL_ADD, (int)rl.rlim_cur, EPOLLIN, 0)));
    printf("ctl add fd 1000000:                %s\n", err(ctl(ep, EPOLL_CTL_ADD, 1000000, EPOLLIN, 0)));
    printf("ctl on non-epoll fd:               %s\n", err(ctl(p[0], EPOLL_CTL_ADD, p[1], EPOLLIN, 0)));
    printf("ctl on closed epfd:                %s\n", err(ctl(q[1], EPOLL_CTL_ADD, p[1], EPOLLIN, 0)));
    char tmpl[] = "evfile.XXXXXX";
    int f = mkstemp(tmpl);
    unlink(tmpl);
    printf("ctl add regular file:              %s\n", err(ctl(ep, EPOLL_CTL_ADD, f, EPOLLIN, 0)));
    close(f);
    printf("ctl add EXCLUSIVE:                 %s\n",
           err(ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN | EPOLLEXCLUSIVE, 0x55)));
    printf("ctl mod EXCLUSIVE:                 %s\n",
           err(ctl(ep, EPOLL_CTL_MOD, p[0], EPOLLIN | EPOLLEXCLUSIVE, 0)));
    printf("ctl add EXCLUSIVE|ONESHOT:         %s\n",
           err(ctl(ep, EPOLL_CTL_ADD, q[0], EPOLLIN | EPOLLEXCLUSIVE | EPOLLONESHOT, 0)));
    printf("wait maxevents 0:                  %s\n", err(syscall(SYS_epoll_pwait, ep, ev, 0, 0, NULL, 8)));
    printf("wait maxevents -1:                 %s\n", err(syscall(SYS_epoll_pwait, ep, ev, -1, 0, NULL, 8)));
    printf("wait on non-epoll fd:              %s\n", err(epoll_wait(p[0], ev, 1, 0)));
    printf("wait on closed fd:                 %s\n", err(epoll_wait(q[1], ev, 1, 0)));
    close(ep2);
    close(q[0]);
    close(p[0]);
    close(p[1]);
    close(ep);
}

static volatile sig_atomic_t got_winch;
static void on_winch(int s) { (void)s; got_winch++; }

static void test_epoll_pwait(void)
{
    int ep = epoll_create1(0);
    int p[2];
    if (pipe(p) != 0)
        exit(1);
    ctl(ep, EPOLL_CTL_ADD, p[0], EPOLLIN, 0x66);
    struct epoll_event ev[2];
    printf("epoll_pwait 30ms, nothing ready:   %s\n", err(epoll_pwait(ep, ev, 2, 30, NULL)));

    /* The call's mask: a pending blocked signal stays pending under a mask
     * that blocks it and interrupts the call (EINTR) under one that lets it
     * through. SIGWINCH with a handler: whether the handler runs belongs to
     * the signal tests (pvm's guest signal delivery is a later issue), so
     * only the call's result and the pending set are printed. */
    struct sigaction sa = {.sa_handler = on_winch};
    sigaction(SIGWINCH, &sa, NULL);
    sigset_t block, empty, old, pend;
    sigemptyset(&block);
    sigaddset(&block, SIGWINCH);
    sigemptyset(&empty);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGWINCH);
    printf("epoll_pwait keeping it blocked:    %s\n", err(epoll_pwait(ep, ev, 2, 10, &block)));
    sigpending(&pend);
    printf("still pending:                     %s\n", sigismember(&pend, SIGWINCH) ? "yes" : "no");
    printf("epoll_pwait empty mask:            %s\n", err(epoll_pwait(ep, ev, 2, 5000, &empty)));
    sigpending(&pend);
    printf("still pending:                     %s\n", sigismember(&pend, SIGWINCH) ? "yes" : "no");
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("epoll_pwait bad sigsetsize:        %s\n",
           err(syscall(SYS_epoll_pwait, ep, ev, 2, 0, &empty, 4)));

    /* epoll_pwait2: timespec timeout */
    struct timespec ts = {0, 20 * 1000000};
    printf("epoll_pwait2 20ms, nothing ready:  %s\n",
           err(syscall(SYS_epoll_pwait2, ep, ev, 2, &ts, NULL, 8)));
    if (write(p[1], "a", 1) != 1)
        printf("write failed\n");
    long r = syscall(SYS_epoll_pwait2, ep, ev, 2, NULL, NULL, 8);
    printf("epoll_pwait2 no timeout, ready:    %s", err(r));
    if (r == 1)
        printf(" [%llx]", (unsigned long long)ev[0].data.u64);
    printf("\n");
    struct timespec bad = {0, 1000000000};
    printf("epoll_pwait2 bad timespec:         %s\n",
           err(syscall(SYS_epoll_pwait2, ep, ev, 2, &bad, NULL, 8)));
    close(p[0]);
    close(p[1]);
    close(ep);
}

static void test_eventfd(void)
{
    int e = eventfd(5, EFD_NONBLOCK | EFD_CLOEXEC);
    printf("eventfd cloexec %s nonblock %s\n", (fcntl(e, F_GETFD) & FD_CLOEXEC) ? "yes" : "no",
           (fcntl(e, F_GETFL) & O_NONBLOCK) ? "yes" : "no");
    uint64_t v = 7;
    printf("eventfd write 7:                   %s\n", err(write(e, &v, 8)));
    v = 0;
    printf("eventfd read:                      %s", err(read(e, &v, 8)));
    printf(" value %llu\n", (unsigned long long)v);
    printf("eventfd read empty:                %s\n", err(read(e, &v, 8)));
    v = 0xfffffffffffffffeull;
    printf("eventfd write max:                 %s\n", err(write(e, &v, 8)));
    v = 1;
    printf("eventfd write over max:            %s\n", err(write(e, &v, 8)));
    printf("eventfd read:                      %s\n", err(read(e, &v, 8)));
    printf("  value %#llx\n", (unsigned long long)v);
    close(e);

    int s = eventfd(3, EFD_SEMAPHORE | EFD_NONBLOCK);
    int ep = epoll_create1(0);
    ctl(ep, EPOLL_CTL_ADD, s, EPOLLIN | EPOLLOUT, 0xe7e7);
    show_wait("semaphore eventfd in epoll", ep, 0);
    for (int k = 0; k < 4; k++) {
        v = 0;
        long r = read(s, &v, 8);
        printf("semaphore read %d:                  %s value %llu\n", k, err(r),
               (unsigned long long)v);
    }
    show_wait("semaphore drained", ep, 0);
    close(ep);
    close(s);
    printf("eventfd bad flags:                 %s\n", err(syscall(SYS_eventfd2, 0, 2)));
}

static void test_timerfd(void)
{
    int t = timerfd_create(CLOCK_MONOTONIC, TFD_CLOEXEC);
    printf("timerfd cloexec:                   %s\n",
           (fcntl(t, F_GETFD) & FD_CLOEXEC) ? "yes" : "no");
    struct itimerspec its = {{0, 0}, {0, 10 * 1000000}}, old;
    uint64_t n = 0;
    printf("relative one-shot set:             %s\n", err(timerfd_settime(t, 0, &its, NULL)));
    printf("  read:                            %s", err(read(t, &n, 8)));
    printf(" expirations %llu\n", (unsigned long long)n);
    timerfd_gettime(t, &old);
    printf("  gettime after expiry:            %lld %ld %lld %ld\n", (long long)old.it_interval.tv_sec,
           old.it_interval.tv_nsec, (long long)old.it_value.tv_sec, old.it_value.tv_nsec);

    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    its.it_value = now;
    its.it_value.tv_nsec += 10 * 1000000;
    if (its.it_value.tv_nsec >= 1000000000) {
        its.it_value.tv_sec++;
        its.it_value.tv_nsec -= 1000000000;
    }
    printf("absolute one-shot set:             %s\n",
           err(timerfd_settime(t, TFD_TIMER_ABSTIME, &its, NULL)));
    printf("  read:                            %s", err(read(t, &n, 8)));
    printf(" expirations %llu\n", (unsigned long long)n);
    its.it_value.tv_sec = 1; /* long past */
    its.it_value.tv_nsec = 0;
    printf("absolute in the past:              %s\n",
           err(timerfd_settime(t, TFD_TIMER_ABSTIME, &its, NULL)));
    printf("  read:                            %s", err(read(t, &n, 8)));
    printf(" expirations %llu\n", (unsigned long long)n);

    /* an interval timer: blocking reads until at least 3 expirations */
    struct itimerspec iv = {{0, 2 * 1000000}, {0, 2 * 1000000}};
    printf("interval set:                      %s\n", err(timerfd_settime(t, 0, &iv, NULL)));
    uint64_t total = 0;
    for (int k = 0; k < 100 && total < 3; k++) {
        if (read(t, &n, 8) != 8)
            break;
        total += n;
    }
    printf("  at least 3 expirations:          %s\n", total >= 3 ? "yes" : "no");
    struct itimerspec zero = {{0, 0}, {0, 0}};
    printf("disarm:                            %s\n", err(timerfd_settime(t, 0, &zero, &old)));
    printf("  old interval:                    %lld %ld, value set: %s\n",
           (long long)old.it_interval.tv_sec, old.it_interval.tv_nsec,
           old.it_value.tv_sec || old.it_value.tv_nsec ? "yes" : "no");
    timerfd_gettime(t, &old);
    printf("  gettime disarmed:                %lld %ld %lld %ld\n", (long long)old.it_interval.tv_sec,
           old.it_interval.tv_nsec, (long long)old.it_value.tv_sec, old.it_value.tv_nsec);

    /* a long one-shot: gettime shows it pending, within its 10 s */
    struct itimerspec lng = {{0, 0}, {10, 0}};
    timerfd_settime(t, 0, &lng, NULL);
    timerfd_gettime(t, &old);
    printf("  10 s pending:                    %s\n",
           (old.it_value.tv_sec > 0 || old.it_value.tv_nsec > 0) && old.it_value.tv_sec < 10 ? "yes"
                                                                                            : "no");
    close(t);

    /* non-blocking timerfd in epoll, data round trip */
    int tn = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK);
    printf("nonblocking unexpired read:        %s\n", err(read(tn, &n, 8)));
    int ep = epoll_create1(0);
    ctl(ep, EPOLL_CTL_ADD, tn, EPOLLIN, 0x7f7f000000000001ull);
    struct itimerspec s5 = {{0, 0}, {0, 5 * 1000000}};
    timerfd_settime(tn, 0, &s5, NULL);
    show_wait("timerfd in epoll (blocking)", ep, 5000);
    printf("  read:                            %s", err(read(tn, &n, 8)));
    printf(" expirations %llu\n", (unsigned long long)n);
    close(ep);
    close(tn);

    int tr = timerfd_create(CLOCK_REALTIME, 0);
    struct itimerspec far = {{0, 0}, {4000000000ll, 0}};
    printf("REALTIME abs CANCEL_ON_SET:        %s\n",
           err(timerfd_settime(tr, TFD_TIMER_ABSTIME | TFD_TIMER_CANCEL_ON_SET, &far, NULL)));
    struct itimerspec badns = {{0, 0}, {0, 1000000000}};
    printf("settime bad nsec:                  %s\n", err(timerfd_settime(tr, 0, &badns, NULL)));
    printf("settime bad flags:                 %s\n", err(timerfd_settime(tr, 4, &far, NULL)));
    printf("settime closed fd:                 %s\n", err(timerfd_settime(1000000, 0, &far, NULL)));
    printf("gettime on eventfd:                %s\n",
           err(timerfd_gettime(eventfd(0, 0), &old)));
    close(tr);
    printf("timerfd_create BOOTTIME:           %s\n", timerfd_create(CLOCK_BOOTTIME, 0) >= 0 ? "ok" : "fail");
    printf("timerfd_create bad clock:          %s\n", err(timerfd_create(99, 0)));
    printf("timerfd_create CPUTIME clock:      %s\n", err(timerfd_create(CLOCK_PROCESS_CPUTIME_ID, 0)));
    printf("timerfd_create bad flags:          %s\n", err(timerfd_create(CLOCK_MONOTONIC, 1)));
}

static const char *inmask(uint32_t m)
{
    static char buf[128];
    static const struct { uint32_t bit; const char *name; } n[] = {
        {IN_ACCESS, "ACCESS"}, {IN_MODIFY, "MODIFY"}, {IN_ATTRIB, "ATTRIB"},
        {IN_CLOSE_WRITE, "CLOSE_WRITE"}, {IN_CLOSE_NOWRITE, "CLOSE_NOWRITE"}, {IN_OPEN, "OPEN"},
        {IN_MOVED_FROM, "MOVED_FROM"}, {IN_MOVED_TO, "MOVED_TO"}, {IN_CREATE, "CREATE"},
        {IN_DELETE, "DELETE"}, {IN_DELETE_SELF, "DELETE_SELF"}, {IN_MOVE_SELF, "MOVE_SELF"},
        {IN_IGNORED, "IGNORED"}, {IN_ISDIR, "ISDIR"},
    };
    buf[0] = 0;
    for (size_t k = 0; k < sizeof n / sizeof n[0]; k++)
        if (m & n[k].bit) {
            if (buf[0])
                strcat(buf, "|");
            strcat(buf, n[k].name);
            m &= ~n[k].bit;
        }
    if (m)
        snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "|%#x", m);
    return buf;
}

static void drain_inotify(int in, int wd0)
{
    char buf[4096] __attribute__((aligned(8)));
    uint32_t cookie = 0;
    for (;;) {
        ssize_t r = read(in, buf, sizeof buf);
        if (r <= 0) {
            printf("  read end: %s\n", err(r));
            return;
        }
        for (char *p = buf; p < buf + r;) {
            struct inotify_event *e = (struct inotify_event *)p;
            const char *cookie_note = "";
            if (e->mask & IN_MOVED_FROM)
                cookie = e->cookie, cookie_note = e->cookie ? " cookie set" : " cookie 0";
            else if (e->mask & IN_MOVED_TO)
                cookie_note = e->cookie == cookie ? " same cookie" : " other cookie";
            printf("  wd %s %s \"%s\"%s\n", e->wd == wd0 ? "=" : "!=", inmask(e->mask),
                   e->len ? e->name : "", cookie_note);
            p += sizeof *e + e->len;
        }
    }
}

static void test_inotify(void)
{
    char dir[] = "evdir.XXXXXX";
    if (!mkdtemp(dir)) {
        printf("mkdtemp failed\n");
        return;
    }
    int in = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
    printf("inotify cloexec %s nonblock %s\n", (fcntl(in, F_GETFD) & FD_CLOEXEC) ? "yes" : "no",
           (fcntl(in, F_GETFL) & O_NONBLOCK) ? "yes" : "no");
    int wd = inotify_add_watch(in, dir, IN_CREATE | IN_MODIFY | IN_DELETE | IN_CLOSE_WRITE |
                                            IN_MOVED_FROM | IN_MOVED_TO | IN_ATTRIB | IN_DELETE_SELF);
    printf("add_watch:                         %s\n", wd > 0 ? "ok" : err(wd));
    printf("add_watch again, same wd:          %s\n",
           inotify_add_watch(in, dir, IN_CREATE | IN_MASK_ADD) == wd ? "yes" : "no");
    printf("nothing yet:                       ");
    drain_inotify(in, wd);

    char path[64], path2[64], sub[64];
    snprintf(path, sizeof path, "%s/a.txt", dir);
    snprintf(path2, sizeof path2, "%s/b.txt", dir);
    snprintf(sub, sizeof sub, "%s/sub", dir);
    int f = open(path, O_CREAT | O_WRONLY, 0644);
    if (write(f, "data", 4) != 4)
        printf("write failed\n");
    close(f);
    chmod(path, 0600);
    rename(path, path2);
    mkdir(sub, 0755);
    rmdir(sub);
    unlink(path2);

    int ep = epoll_create1(0);
    ctl(ep, EPOLL_CTL_ADD, in, EPOLLIN, 0x1a);
    show_wait("inotify fd in epoll", ep, 0);
    close(ep);
    printf("events:\n");
    drain_inotify(in, wd);

    /* watch on a file: IN_ONLYDIR refuses it */
    snprintf(path, sizeof path, "%s/c.txt", dir);
    close(open(path, O_CREAT | O_WRONLY, 0644));
    drain_inotify(in, wd);
    printf("ONLYDIR on a file:                 %s\n", err(inotify_add_watch(in, path, IN_MODIFY | IN_ONLYDIR)));
    int fw = inotify_add_watch(in, path, IN_MODIFY | IN_ATTRIB);
    printf("watch the file, new wd:            %s\n", fw > 0 && fw != wd ? "yes" : "no");
    chmod(path, 0600);
    drain_inotify(in, wd);
    printf("rm_watch file:                     %s\n", err(inotify_rm_watch(in, fw)));
    drain_inotify(in, wd);
    printf("rm_watch again:                    %s\n", err(inotify_rm_watch(in, fw)));
    unlink(path);
    drain_inotify(in, wd);

    printf("add_watch missing path:            %s\n", err(inotify_add_watch(in, "no/such/path", IN_MODIFY)));
    printf("add_watch MASK_ADD|MASK_CREATE:    %s\n",
           err(inotify_add_watch(in, dir, IN_MODIFY | IN_MASK_ADD | IN_MASK_CREATE)));
    printf("add_watch MASK_CREATE existing:    %s\n", err(inotify_add_watch(in, dir, IN_MODIFY | IN_MASK_CREATE)));
    printf("add_watch no event bits:           %s\n", err(inotify_add_watch(in, dir, 0)));
    printf("add_watch on an eventfd:           %s\n", err(inotify_add_watch(eventfd(0, 0), dir, IN_MODIFY)));
    printf("add_watch closed fd:               %s\n", err(inotify_add_watch(1000000, dir, IN_MODIFY)));
    printf("init1 bad flags:                   %s\n", err(inotify_init1(1)));

    rmdir(dir);
    printf("directory removed:\n");
    drain_inotify(in, wd);
    close(in);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    printf("-- epoll\n");
    test_epoll_pipes();
    printf("-- epoll_pwait\n");
    test_epoll_pwait();
    printf("-- eventfd\n");
    test_eventfd();
    printf("-- timerfd\n");
    test_timerfd();
    printf("-- inotify\n");
    test_inotify();
    return 0;
}

/* Terminal, misc, time and memory system calls: termios and window size on
 * a pty from posix_openpt (flag bits, never device numbers), FIONREAD,
 * FIONBIO, FIOCLEX, unknown ioctls (ENOTTY), personality, prctl, capget,
 * clock_getres, clock_nanosleep TIMER_ABSTIME, interval and POSIX timers
 * armed and disarmed before they fire, mlock family, memfd_create with
 * seals, membarrier, scheduling queries. Values that depend on the host
 * (privileges, seccomp) are printed only where qemu and pvm both take them
 * from the same host kernel. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/capability.h>
#include <linux/membarrier.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

static const char *en(int e)
{
    switch (e) {
    case 0: return "ok";
    case EINVAL: return "EINVAL";
    case ENOTTY: return "ENOTTY";
    case EPERM: return "EPERM";
    case EFAULT: return "EFAULT";
    case EAGAIN: return "EAGAIN";
    case EBADF: return "EBADF";
    case ENOSYS: return "ENOSYS";
    case EIO: return "EIO";
    case ENOMEM: return "ENOMEM";
    case EACCES: return "EACCES";
    default: return "other";
    }
}

/* result of a -1/errno call */
static const char *rs(long r) { return r == -1 ? en(errno) : "ok"; }

static void show_termios(const char *what, const struct termios *t)
{
    printf("%s: ICANON=%d ECHO=%d ISIG=%d IEXTEN=%d OPOST=%d ONLCR=%d ICRNL=%d IXON=%d CS8=%d "
           "CREAD=%d PARENB=%d VMIN=%d VTIME=%d VINTR=%d VEOF=%d\n",
           what, !!(t->c_lflag & ICANON), !!(t->c_lflag & ECHO), !!(t->c_lflag & ISIG),
           !!(t->c_lflag & IEXTEN), !!(t->c_oflag & OPOST), !!(t->c_oflag & ONLCR),
           !!(t->c_iflag & ICRNL), !!(t->c_iflag & IXON), (t->c_cflag & CSIZE) == CS8,
           !!(t->c_cflag & CREAD), !!(t->c_cflag & PARENB), t->c_cc[VMIN], t->c_cc[VTIME],
           t->c_cc[VINTR], t->c_cc[VEOF]);
}

static void test_pty(void)
{
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        printf("posix_openpt: %s\n", en(errno));
        return;
    }
    printf("grantpt: %s\n", rs(grantpt(m)));
    printf("unlockpt: %s\n", rs(unlockpt(m)));
    const char *name = ptsname(m);
    printf("ptsname under /dev/pts/: %d\n", name && strncmp(name, "/dev/pts/", 9) == 0);
    unsigned n;
    printf("TIOCGPTN: %s\n", rs(ioctl(m, TIOCGPTN, &n)));
    int s = open(name, O_RDWR | O_NOCTTY);
    const char *r0 = s >= 0 ? "ok" : en(errno);
    printf("open slave: %s isatty=%d\n", r0, isatty(s));

    struct termios t;
    printf("tcgetattr: %s\n", rs(tcgetattr(s, &t)));
    show_termios("default", &t);
    struct termios raw = t;
    cfmakeraw(&raw);
    raw.c_cc[VMIN] = 1;
    raw.c_cc[VTIME] = 0;
    printf("tcsetattr TCSANOW raw: %s\n", rs(tcsetattr(s, TCSANOW, &raw)));
    memset(&t, 0, sizeof t);
    tcgetattr(s, &t);
    show_termios("raw", &t);
    cfsetispeed(&t, B9600);
    cfsetospeed(&t, B9600);
    printf("tcsetattr TCSADRAIN 9600: %s\n", rs(tcsetattr(s, TCSADRAIN, &t)));
    memset(&t, 0, sizeof t);
    tcgetattr(s, &t);
    printf("speed 9600: %d %d\n", cfgetospeed(&t) == B9600, cfgetispeed(&t) == B9600);
    t.c_lflag |= ICANON | ECHO;
    printf("tcsetattr TCSAFLUSH cooked: %s\n", rs(tcsetattr(s, TCSAFLUSH, &t)));
    memset(&t, 0, sizeof t);
    tcgetattr(s, &t);
    show_termios("cooked", &t);
    cfmakeraw(&t);
    t.c_cc[VMIN] = 1;
    tcsetattr(s, TCSANOW, &t);

    struct winsize w = {0};
    const char *r1 = rs(ioctl(s, TIOCGWINSZ, &w));
    printf("TIOCGWINSZ: %s %d %d\n", r1, w.ws_row, w.ws_col);
    struct winsize nw = {.ws_row = 24, .ws_col = 80, .ws_xpixel = 640, .ws_ypixel = 480};
    printf("TIOCSWINSZ: %s\n", rs(ioctl(m, TIOCSWINSZ, &nw)));
    memset(&w, 0, sizeof w);
    r1 = rs(ioctl(s, TIOCGWINSZ, &w));
    printf("TIOCGWINSZ: %s %d %d %d %d\n", r1, w.ws_row, w.ws_col, w.ws_xpixel, w.ws_ypixel);

    /* data from master to slave, counted with FIONREAD once it arrived */
    printf("write master: %zd\n", write(m, "abc", 3));
    struct pollfd p = {.fd = s, .events = POLLIN};
    printf("poll slave: %d\n", poll(&p, 1, 5000));
    int avail = -1;
    for (int k = 0; k < 100 && avail < 3; k++) {
        ioctl(s, FIONREAD, &avail);
        if (avail < 3)
            usleep(1000);
    }
    printf("FIONREAD slave: %d\n", avail);
    char buf[8] = {0};
    ssize_t got = read(s, buf, sizeof buf - 1);
    printf("read slave: %zd %s\n", got, buf);
    int q = -1;
    r1 = rs(ioctl(s, TIOCOUTQ, &q));
    printf("TIOCOUTQ: %s %d\n", r1, q);
    printf("tcflush: %s\n", rs(tcflush(s, TCIOFLUSH)));
    printf("tcflow TCOON: %s\n", rs(tcflow(s, TCOON)));
    printf("tcdrain: %s\n", rs(tcdrain(s)));
    printf("TIOCEXCL: %s\n", rs(ioctl(s, TIOCEXCL)));
    printf("TIOCNXCL: %s\n", rs(ioctl(s, TIOCNXCL)));
    /* not the controlling terminal of this process */
    pid_t pg;
    printf("TIOCGPGRP: %s\n", rs(ioctl(s, TIOCGPGRP, &pg)));
    printf("TIOCGSID: %s\n", rs(ioctl(s, TIOCGSID, &pg)));
    int peer = ioctl(m, TIOCGPTPEER, O_RDWR | O_NOCTTY | O_CLOEXEC);
    r1 = peer >= 0 ? "ok" : en(errno);
    printf("TIOCGPTPEER: %s cloexec=%d\n", r1, peer >= 0 ? !!(fcntl(peer, F_GETFD) & FD_CLOEXEC) : -1);
    if (peer >= 0)
        close(peer);
    printf("TIOCGPTPEER bad flags: %s\n", rs(ioctl(m, TIOCGPTPEER, 0x40000000)));
    printf("tcgetattr bad pointer: %s\n", rs(ioctl(s, TCGETS, (void *)8)));
    close(s);
    close(m);
}

static void test_fd_ioctls(void)
{
    int p[2];
    pipe(p);
    write(p[1], "12345", 5);
    int n = -1;
    const char *r1 = rs(ioctl(p[0], FIONREAD, &n));
    printf("FIONREAD pipe: %s %d\n", r1, n);
    int on = 1;
    char b[8];
    read(p[0], b, 5);
    printf("FIONBIO: %s\n", rs(ioctl(p[0], FIONBIO, &on)));
    printf("read empty nonblocking: %s\n", rs(read(p[0], b, 1)));
    r1 = rs(ioctl(p[0], FIOCLEX));
    printf("FIOCLEX: %s fd flags %d\n", r1, fcntl(p[0], F_GETFD));
    r1 = rs(ioctl(p[0], FIONCLEX));
    printf("FIONCLEX: %s fd flags %d\n", r1, fcntl(p[0], F_GETFD));
    printf("unknown ioctl: %s\n", rs(ioctl(p[0], 0x12345678, 0)));
    printf("unknown ioctl 2: %s\n", rs(ioctl(p[0], _IOR('x', 7, int), &n)));
    struct termios t;
    r1 = rs(tcgetattr(p[0], &t));
    printf("tcgetattr pipe: %s isatty=%d\n", r1, isatty(p[0]));
    printf("ioctl bad fd: %s\n", rs(ioctl(-1, FIONREAD, &n)));
    close(p[0]);
    close(p[1]);
}

static void test_misc(void)
{
    int per = personality(0xffffffff);
    printf("personality query: 0x%x\n", per);
    printf("personality ADDR_NO_RANDOMIZE: old 0x%x\n", personality(PER_LINUX | ADDR_NO_RANDOMIZE));
    printf("personality query: 0x%x\n", personality(0xffffffff));
    printf("personality restore: old 0x%x\n", personality(per));

    char name[32] = {0};
    printf("PR_SET_NAME: %s\n", rs(prctl(PR_SET_NAME, "sys-misc-a-long-name", 0, 0, 0)));
    const char *r0 = rs(prctl(PR_GET_NAME, name, 0, 0, 0));
    printf("PR_GET_NAME: %s \"%s\"\n", r0, name);
    int v = -1;
    printf("PR_SET_PDEATHSIG: %s\n", rs(prctl(PR_SET_PDEATHSIG, SIGTERM, 0, 0, 0)));
    const char *r1 = rs(prctl(PR_GET_PDEATHSIG, &v, 0, 0, 0));
    printf("PR_GET_PDEATHSIG: %s %d\n", r1, v);
    printf("PR_SET_PDEATHSIG 99: %s\n", rs(prctl(PR_SET_PDEATHSIG, 99, 0, 0, 0)));
    prctl(PR_SET_PDEATHSIG, 0, 0, 0, 0);
    printf("PR_GET_DUMPABLE: %d\n", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
    printf("PR_SET_DUMPABLE 2: %s\n", rs(prctl(PR_SET_DUMPABLE, 2, 0, 0, 0)));
    printf("PR_SET_CHILD_SUBREAPER: %s\n", rs(prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)));
    v = -1;
    r1 = rs(prctl(PR_GET_CHILD_SUBREAPER, &v, 0, 0, 0));
    printf("PR_GET_CHILD_SUBREAPER: %s %d\n", r1, v);
    prctl(PR_SET_CHILD_SUBREAPER, 0, 0, 0, 0);
    printf("PR_GET_SECCOMP >= 0: %d\n", prctl(PR_GET_SECCOMP, 0, 0, 0, 0) >= 0);
    printf("PR_CAPBSET_READ 0 >= 0: %d\n", prctl(PR_CAPBSET_READ, 0, 0, 0, 0) >= 0);
    printf("PR_CAPBSET_READ 999: %s\n", rs(prctl(PR_CAPBSET_READ, 999, 0, 0, 0)));
    printf("PR_SET_THP_DISABLE: %s\n", rs(prctl(PR_SET_THP_DISABLE, 1, 0, 0, 0)));
    printf("PR_GET_THP_DISABLE: %d\n", prctl(PR_GET_THP_DISABLE, 0, 0, 0, 0));
    prctl(PR_SET_THP_DISABLE, 0, 0, 0, 0);
    printf("PR_SVE_GET_VL: %s\n", rs(prctl(51 /* PR_SVE_GET_VL */, 0, 0, 0, 0)));
    printf("unknown prctl: %s\n", rs(prctl(0x7fff, 0, 0, 0, 0)));

    struct __user_cap_header_struct h = {.version = 0, .pid = 0};
    long r = syscall(SYS_capget, &h, NULL);
    printf("capget version 0: %s version 0x%x\n", rs(r), h.version); /* r already done */
    struct __user_cap_data_struct d[2];
    h.version = _LINUX_CAPABILITY_VERSION_3;
    printf("capget v3: %s\n", rs(syscall(SYS_capget, &h, d)));
    h.version = 0x1234;
    r = syscall(SYS_capget, &h, d);
    printf("capget bad version with data: %s version 0x%x\n", rs(r), h.version);

    unsigned cpu = 9999, node = 9999;
    r = syscall(SYS_getcpu, &cpu, &node, NULL);
    printf("getcpu: %s %d\n", rs(r), cpu < 9999 && node < 9999);
    struct timespec ts;
    printf("sched_rr_get_interval: %s\n", rs(sched_rr_get_interval(0, &ts)));
    printf("sched_getscheduler: %d\n", sched_getscheduler(0));
    errno = 0;
    int pr = getpriority(PRIO_PROCESS, 0);
    printf("getpriority: %d %s\n", pr, en(errno));
    char host[200];
    memset(host, 'x', sizeof host);
    r = sethostname(host, 100);
    printf("sethostname len 100 fails: %d\n", r == -1 && (errno == EINVAL || errno == EPERM));
}

static void test_time(void)
{
    static const struct {
        clockid_t id;
        const char *name;
    } clocks[] = {
        {CLOCK_REALTIME, "REALTIME"},
        {CLOCK_MONOTONIC, "MONOTONIC"},
        {CLOCK_MONOTONIC_RAW, "MONOTONIC_RAW"},
        {CLOCK_BOOTTIME, "BOOTTIME"},
        {CLOCK_PROCESS_CPUTIME_ID, "PROCESS_CPUTIME"},
        {CLOCK_THREAD_CPUTIME_ID, "THREAD_CPUTIME"},
    };
    for (unsigned k = 0; k < sizeof clocks / sizeof clocks[0]; k++) {
        struct timespec res = {-1, -1};
        int r = clock_getres(clocks[k].id, &res);
        printf("clock_getres %s: %s %lld.%09ld\n", clocks[k].name, rs(r), (long long)res.tv_sec,
               res.tv_nsec);
    }
    struct timespec res;
    printf("clock_getres coarse: %s\n", rs(clock_getres(CLOCK_REALTIME_COARSE, &res)));
    printf("clock_getres NULL: %s\n", rs(syscall(SYS_clock_getres, CLOCK_MONOTONIC, NULL)));
    printf("clock_getres bad id: %s\n", rs(clock_getres(12345, &res)));

    struct timespec now, t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &now);
    struct timespec past = {now.tv_sec - 5, now.tv_nsec};
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int e = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &past, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    double dt = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) * 1e-9;
    printf("clock_nanosleep abstime past: %s quick=%d\n", en(e), dt < 1.0);
    struct timespec soon = now;
    soon.tv_nsec += 2000000;
    if (soon.tv_nsec >= 1000000000) {
        soon.tv_sec++;
        soon.tv_nsec -= 1000000000;
    }
    e = clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &soon, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int after = t1.tv_sec > soon.tv_sec || (t1.tv_sec == soon.tv_sec && t1.tv_nsec >= soon.tv_nsec);
    printf("clock_nanosleep abstime +2ms: %s reached=%d\n", en(e), after);
    struct timespec rel = {0, 1000000}, rem = {7, 7};
    printf("clock_nanosleep relative: %s\n", en(clock_nanosleep(CLOCK_REALTIME, 0, &rel, &rem)));
    printf("clock_nanosleep bad flags: %s\n", en(clock_nanosleep(CLOCK_MONOTONIC, 2, &rel, NULL)));
    printf("clock_nanosleep thread clock: %s\n",
           en(clock_nanosleep(CLOCK_THREAD_CPUTIME_ID, 0, &rel, NULL)));
    struct timespec badns = {0, 1000000000};
    printf("clock_nanosleep bad nsec: %s\n", en(clock_nanosleep(CLOCK_MONOTONIC, 0, &badns, NULL)));

    struct timex tx = {.modes = 0};
    int st = adjtimex(&tx);
    printf("adjtimex read: %d\n", st >= 0);
    tx.modes = ADJ_OFFSET_SS_READ;
    printf("adjtimex ADJ_OFFSET_SS_READ: %d\n", adjtimex(&tx) >= 0);

    struct itimerval it = {.it_value = {10, 0}}, old;
    printf("setitimer REAL 10s: %s\n", rs(setitimer(ITIMER_REAL, &it, NULL)));
    memset(&old, 0, sizeof old);
    const char *r1 = rs(getitimer(ITIMER_REAL, &old));
    printf("getitimer: %s armed=%d\n", r1, old.it_value.tv_sec > 0 || old.it_value.tv_usec > 0);
    struct itimerval zero = {0};
    memset(&old, 0, sizeof old);
    r1 = rs(setitimer(ITIMER_REAL, &zero, &old));
    printf("setitimer disarm: %s old<=10s=%d\n", r1,
           old.it_value.tv_sec <= 10 && (old.it_value.tv_sec > 0 || old.it_value.tv_usec > 0));
    r1 = rs(getitimer(ITIMER_REAL, &old));
    printf("getitimer: %s armed=%d\n", r1, old.it_value.tv_sec > 0 || old.it_value.tv_usec > 0);
    printf("getitimer bad which: %s\n", rs(getitimer(7, &old)));

    struct sigevent sev = {.sigev_notify = SIGEV_NONE};
    timer_t tid;
    printf("timer_create SIGEV_NONE: %s\n", rs(timer_create(CLOCK_MONOTONIC, &sev, &tid)));
    struct itimerspec its = {.it_value = {5, 0}}, cur;
    printf("timer_settime 5s: %s\n", rs(timer_settime(tid, 0, &its, NULL)));
    memset(&cur, 0, sizeof cur);
    r1 = rs(timer_gettime(tid, &cur));
    printf("timer_gettime: %s armed=%d\n", r1, cur.it_value.tv_sec > 0 && cur.it_value.tv_sec <= 5);
    printf("timer_getoverrun: %d\n", timer_getoverrun(tid));
    struct itimerspec off = {0};
    printf("timer_settime disarm: %s\n", rs(timer_settime(tid, 0, &off, &cur)));
    r1 = rs(timer_gettime(tid, &cur));
    printf("timer_gettime: %s armed=%d\n", r1, cur.it_value.tv_sec > 0 || cur.it_value.tv_nsec > 0);
    printf("timer_delete: %s\n", rs(timer_delete(tid)));
    sev.sigev_notify = 77;
    printf("timer_create bad notify: %s\n", rs(timer_create(CLOCK_MONOTONIC, &sev, &tid)));
}

static void test_mm(void)
{
    long pg = sysconf(_SC_PAGESIZE);
    char *p = mmap(NULL, (size_t)pg * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    p[0] = 1;
    printf("mlock: %s\n", rs(mlock(p, (size_t)pg)));
    printf("munlock: %s\n", rs(munlock(p, (size_t)pg)));
    printf("mlock2 ONFAULT: %s\n", rs(syscall(SYS_mlock2, p, pg, 1)));
    printf("munlock: %s\n", rs(munlock(p, (size_t)pg)));
    printf("mlock2 bad flags: %s\n", rs(syscall(SYS_mlock2, p, pg, 2)));
    printf("mlockall 0: %s\n", rs(mlockall(0)));
    printf("munlockall: %s\n", rs(munlockall()));
    munmap(p + pg, (size_t)pg);
    printf("mlock unmapped: %s\n", rs(mlock(p + pg, (size_t)pg)));
    munmap(p, (size_t)pg);

    int fd = memfd_create("sys_misc", MFD_CLOEXEC | MFD_ALLOW_SEALING);
    const char *r1 = fd >= 0 ? "ok" : en(errno);
    printf("memfd_create: %s cloexec=%d\n", r1, !!(fcntl(fd, F_GETFD) & FD_CLOEXEC));
    printf("write: %zd\n", write(fd, "hello memfd", 11));
    char buf[16] = {0};
    ssize_t got = pread(fd, buf, sizeof buf - 1, 0);
    printf("pread: %zd %s\n", got, buf);
    printf("F_ADD_SEALS write: %s\n", rs(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW)));
    printf("F_GET_SEALS: 0x%x\n", fcntl(fd, F_GET_SEALS));
    printf("write sealed: %s\n", rs(write(fd, "x", 1)));
    close(fd);
    fd = memfd_create("nosealing", 0);
    printf("F_ADD_SEALS without ALLOW_SEALING: %s\n", rs(fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE)));
    close(fd);
    printf("memfd_create bad flags: %s\n", rs(memfd_create("x", 0x100)));
    char longname[300];
    memset(longname, 'n', sizeof longname);
    longname[sizeof longname - 1] = 0;
    printf("memfd_create long name: %s\n", rs(memfd_create(longname, 0)));
    longname[249] = 0;
    fd = memfd_create(longname, 0);
    printf("memfd_create 249-byte name: %s\n", fd >= 0 ? "ok" : en(errno));
    close(fd);

    long q = syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);
    printf("membarrier query: %s GLOBAL=%d PRIVATE_EXPEDITED=%d REGISTER_PRIVATE_EXPEDITED=%d\n",
           q >= 0 ? "ok" : en(errno), q > 0 && (q & MEMBARRIER_CMD_GLOBAL),
           q > 0 && !!(q & MEMBARRIER_CMD_PRIVATE_EXPEDITED),
           q > 0 && !!(q & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED));
    printf("membarrier private expedited unregistered: %s\n",
           rs(syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0)));
    printf("membarrier register: %s\n",
           rs(syscall(SYS_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0, 0)));
    printf("membarrier private expedited: %s\n",
           rs(syscall(SYS_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0, 0)));
    printf("membarrier bad cmd: %s\n", rs(syscall(SYS_membarrier, 3, 0, 0)));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    test_pty();
    test_fd_ioctls();
    test_misc();
    test_time();
    test_mm();
    return 0;
}

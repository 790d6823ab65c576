/* Guest probe for the signal calls around delivery (tests/cli/cases_sigmisc.sh):
 * signalfd4, rt_sigqueueinfo/rt_tgsigqueueinfo, timer_create's sigevent and
 * the timer calls' checks, the Sig* lines of /proc/<self>/status. Signals
 * are blocked with the raw rt_sigprocmask (glibc's hides 32 and 33) and read
 * back through a signalfd, so nothing here needs a guest handler to run.
 *   signalfd   signalfd4: create, read a tgkill'd SIGUSR1, change the mask,
 *              the flag and fd checks ("NAME: ok" or "NAME: ERRNO" lines)
 *   queue      rt_sigqueueinfo / rt_tgsigqueueinfo to itself, read back;
 *              the kernel's EPERM towards another process; EFAULT
 *   queue-segv SIGSEGV queued to itself with SEGV_MAPERR and si_addr 0x10:
 *              the process dies of it (it is no fault), as natively
 *   status     blocks only SIGUSR1, ignores only SIGPIPE, catches only
 *              SIGUSR2, then prints the Sig* lines of /proc/self/status,
 *              thread-self and task/TID as "PATH KEY VALUE"
 *   timer      timer_create's notification and signal checks, a SIGEV_SIGNAL
 *              timer read back through a signalfd, timer_settime/gettime and
 *              setitimer checks
 *   timer-segv a SIGEV_SIGNAL timer whose signal is SIGSEGV fires: the
 *              process dies of it (no handler), as natively
 * Every line is "NAME: ok", "NAME: ERRNONAME" or "NAME VALUES". */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static uint64_t bit(int sig) { return 1ull << (sig - 1); }

/* a raw call's result: "NAME: ok" (0 or a descriptor) or its errno name */
static void say(const char *name, long r)
{
    if (r >= 0)
        printf("%s: ok\n", name);
    else
        printf("%s: %s\n", name, strerrorname_np(errno));
}

static void block(uint64_t set)
{
    if (syscall(SYS_rt_sigprocmask, SIG_BLOCK, &set, NULL, 8) != 0)
        exit(2);
}

static long sfd_new(uint64_t set, int flags) { return syscall(SYS_signalfd4, -1, &set, 8, flags); }

/* one signalfd_siginfo from fd, or exit */
static void sfd_read(int fd, struct signalfd_siginfo *s)
{
    if (read(fd, s, sizeof *s) != (ssize_t)sizeof *s) {
        printf("read: %s\n", strerrorname_np(errno));
        exit(3);
    }
}

static int probe_signalfd(void)
{
    uint64_t set = bit(SIGUSR1);
    block(set | bit(SIGUSR2));
    long fd = sfd_new(set, SFD_CLOEXEC);
    if (fd < 0) {
        say("create", fd);
        return 1;
    }
    printf("create: ok cloexec=%d\n", (fcntl((int)fd, F_GETFD) & FD_CLOEXEC) != 0);
    syscall(SYS_tgkill, getpid(), gettid(), SIGUSR1);
    struct signalfd_siginfo s;
    sfd_read((int)fd, &s);
    printf("read signo=%u code=%d pid_ok=%d\n", s.ssi_signo, s.ssi_code,
           s.ssi_pid == (uint32_t)getpid());
    /* a new mask for the same descriptor: the call returns it */
    uint64_t set2 = bit(SIGUSR2);
    printf("update same_fd=%d\n", syscall(SYS_signalfd4, fd, &set2, 8, 0) == fd);
    syscall(SYS_tgkill, getpid(), gettid(), SIGUSR2);
    sfd_read((int)fd, &s);
    printf("read2 signo=%u\n", s.ssi_signo);
    long nb = sfd_new(set, SFD_NONBLOCK);
    say("nonblock", nb);
    errno = 0;
    say("nonblock empty read", read((int)nb, &s, sizeof s));
    say("bad flags", syscall(SYS_signalfd4, -1, &set, 8, SFD_CLOEXEC | 1));
    say("bad size", syscall(SYS_signalfd4, -1, &set, 4, 0));
    say("bad mask", syscall(SYS_signalfd4, -1, (void *)0x10, 8, 0));
    int p[2];
    if (pipe(p) != 0)
        return 1;
    say("not a signalfd", syscall(SYS_signalfd4, p[0], &set, 8, 0));
    say("closed fd", syscall(SYS_signalfd4, 999, &set, 8, 0));
    /* pvm's first hidden descriptor sits at the guest's RLIMIT_NOFILE: it
     * must look closed (the host would say EINVAL: not a signalfd) */
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    say("limit fd", syscall(SYS_signalfd4, (long)rl.rlim_cur, &set, 8, 0));
    return 0;
}

static void info_init(siginfo_t *si, int sig, int code, int value)
{
    memset(si, 0, sizeof *si);
    si->si_signo = sig;
    si->si_code = code;
    si->si_pid = getpid();
    si->si_uid = getuid();
    si->si_value.sival_int = value;
}

static int probe_queue(void)
{
    int sig = 33; /* SIGRTMIN + 1 for the kernel (glibc's SIGRTMIN is higher) */
    block(bit(sig));
    long fd = sfd_new(bit(sig), 0);
    siginfo_t si;
    info_init(&si, sig, SI_QUEUE, 5);
    say("queue", syscall(SYS_rt_sigqueueinfo, getpid(), sig, &si));
    struct signalfd_siginfo s;
    sfd_read((int)fd, &s);
    printf("read signo=%u code=%d int=%d ptr=%llu pid_ok=%d\n", s.ssi_signo, s.ssi_code,
           s.ssi_int, (unsigned long long)s.ssi_ptr, s.ssi_pid == (uint32_t)getpid());
    info_init(&si, sig, SI_QUEUE, 7);
    say("tgqueue", syscall(SYS_rt_tgsigqueueinfo, getpid(), gettid(), sig, &si));
    sfd_read((int)fd, &s);
    printf("read2 signo=%u code=%d int=%d\n", s.ssi_signo, s.ssi_code, s.ssi_int);
    /* a positive code (as from the kernel) is allowed towards itself only */
    info_init(&si, sig, SI_KERNEL, 9);
    say("kernel code to self", syscall(SYS_rt_sigqueueinfo, getpid(), sig, &si));
    sfd_read((int)fd, &s);
    printf("read3 code=%d int=%d\n", s.ssi_code, s.ssi_int);
    info_init(&si, SIGUSR1, SI_USER, 0);
    say("user code to parent", syscall(SYS_rt_sigqueueinfo, getppid(), SIGUSR1, &si));
    info_init(&si, SIGUSR1, SI_TKILL, 0);
    say("tkill code to parent", syscall(SYS_rt_tgsigqueueinfo, getppid(), getppid(), SIGUSR1, &si));
    say("bad info", syscall(SYS_rt_sigqueueinfo, getpid(), sig, (void *)0x10));
    info_init(&si, sig, SI_QUEUE, 0);
    say("bad signal", syscall(SYS_rt_sigqueueinfo, getpid(), 65, &si));
    return 0;
}

/* a SIGSEGV queued to itself with a fault's code and address: allowed
 * towards itself, and no fault (the process dies of it, as natively) */
static int probe_queue_segv(void)
{
    siginfo_t si;
    info_init(&si, SIGSEGV, SEGV_MAPERR, 0);
    si.si_addr = (void *)0x10;
    syscall(SYS_rt_sigqueueinfo, getpid(), SIGSEGV, &si);
    return 0;
}

static void on_usr2(int sig) { (void)sig; }

static void status_dump(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        printf("%s: %s\n", path, strerrorname_np(errno));
        return;
    }
    char line[256];
    while (fgets(line, sizeof line, f)) {
        char key[16], val[64];
        if (sscanf(line, "%15[^:]:\t%63s", key, val) == 2 &&
            (!strncmp(key, "Sig", 3) || !strcmp(key, "ShdPnd")))
            printf("%s %s %s\n", path, key, val);
    }
    fclose(f);
}

static int probe_status(void)
{
    /* the same sets whatever the runner left blocked or ignored (a
     * background job ignores SIGINT and SIGQUIT) */
    for (int sig = 1; sig <= 64; sig++)
        if (sig != SIGKILL && sig != SIGSTOP && sig != 32 && sig != 33)
            signal(sig, SIG_DFL);
    uint64_t set = bit(SIGUSR1);
    if (syscall(SYS_rt_sigprocmask, SIG_SETMASK, &set, NULL, 8) != 0)
        return 2;
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa = {.sa_handler = on_usr2};
    sigaction(SIGUSR2, &sa, NULL);
    status_dump("/proc/self/status");
    status_dump("/proc/thread-self/status");
    char p[64];
    snprintf(p, sizeof p, "/proc/self/task/%d/status", gettid());
    status_dump(p);
    return 0;
}

/* timer_create through the raw call with a hand-made kernel sigevent */
static long tcreate(int notify, int signo, int tid, uint64_t value, int *id)
{
    struct sigevent ev;
    memset(&ev, 0, sizeof ev);
    ev.sigev_notify = notify;
    ev.sigev_signo = signo;
    ev.sigev_value.sival_ptr = (void *)(uintptr_t)value;
    ev._sigev_un._tid = tid;
    return syscall(SYS_timer_create, CLOCK_MONOTONIC, &ev, id);
}

static int probe_timer(void)
{
    int id;
    say("thread no signal", tcreate(SIGEV_THREAD, 0, 0, 0, &id));
    say("thread with signal", tcreate(SIGEV_THREAD, SIGUSR2, 0, 0, &id));
    say("notify 3", tcreate(3, SIGUSR2, 0, 0, &id));
    say("notify 5", tcreate(5, SIGUSR2, gettid(), 0, &id));
    say("notify 8", tcreate(8, SIGUSR2, 0, 0, &id));
    say("signal 0", tcreate(SIGEV_SIGNAL, 0, 0, 0, &id));
    say("signal 65", tcreate(SIGEV_SIGNAL, 65, 0, 0, &id));
    say("none", tcreate(SIGEV_NONE, 0, 0, 0, &id));
    say("thread id", tcreate(SIGEV_THREAD_ID, SIGUSR2, gettid(), 0, &id));
    say("thread id 0 signal", tcreate(SIGEV_THREAD_ID, 0, gettid(), 0, &id));
    say("bad sigevent", syscall(SYS_timer_create, CLOCK_MONOTONIC, (void *)0x10, &id));
    say("bad id pointer", tcreate(SIGEV_NONE, 0, 0, 0, (int *)0x10));
    /* a SIGEV_SIGNAL timer: its value comes back in the siginfo */
    block(bit(SIGUSR2));
    long fd = sfd_new(bit(SIGUSR2), 0);
    if (tcreate(SIGEV_SIGNAL, SIGUSR2, 0, 0x1234, &id) != 0)
        return 1;
    struct itimerspec its = {.it_value = {.tv_nsec = 1000000}};
    say("settime", syscall(SYS_timer_settime, id, 0, &its, NULL));
    struct signalfd_siginfo s;
    sfd_read((int)fd, &s);
    printf("timer read signo=%u code=%d int=%d ptr=%#llx tid_ok=%d\n", s.ssi_signo, s.ssi_code,
           s.ssi_int, (unsigned long long)s.ssi_ptr, s.ssi_tid == (uint32_t)id);
    say("settime flags 2", syscall(SYS_timer_settime, id, 2, &its, NULL));
    say("settime abstime", syscall(SYS_timer_settime, id, TIMER_ABSTIME, &its, NULL));
    say("settime null", syscall(SYS_timer_settime, id, 0, NULL, NULL));
    say("settime bad new", syscall(SYS_timer_settime, id, 0, (void *)0x10, NULL));
    say("settime bad old", syscall(SYS_timer_settime, id, 0, &its, (void *)0x10));
    say("gettime bad", syscall(SYS_timer_gettime, id, (void *)0x10));
    say("gettime bad id", syscall(SYS_timer_gettime, 12345, (void *)0x10));
    say("getoverrun", syscall(SYS_timer_getoverrun, id));
    say("delete", syscall(SYS_timer_delete, id));
    say("delete again", syscall(SYS_timer_delete, id));
    say("setitimer bad which", syscall(SYS_setitimer, 5, NULL, (void *)0x10));
    say("getitimer bad which", syscall(SYS_getitimer, 5, (void *)0x10));
    say("getitimer bad", syscall(SYS_getitimer, ITIMER_REAL, (void *)0x10));
    return 0;
}

static int probe_timer_segv(void)
{
    int id;
    if (tcreate(SIGEV_SIGNAL, SIGSEGV, 0, 0, &id) != 0)
        return 1;
    struct itimerspec its = {.it_value = {.tv_nsec = 1000000}};
    syscall(SYS_timer_settime, id, 0, &its, NULL);
    for (;;)
        pause();
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "signalfd"))
        return probe_signalfd();
    if (!strcmp(what, "queue"))
        return probe_queue();
    if (!strcmp(what, "queue-segv"))
        return probe_queue_segv();
    if (!strcmp(what, "status"))
        return probe_status();
    if (!strcmp(what, "timer"))
        return probe_timer();
    if (!strcmp(what, "timer-segv"))
        return probe_timer_segv();
    fprintf(stderr, "usage: sigmiscprobe signalfd|queue|queue-segv|status|timer|timer-segv\n");
    return 2;
}

/* Interruptible blocking calls: the safe-syscall stub (signals/safe_syscall.S)
 * with its flag set (-ERESTARTNOINTR, the call not made) and clear (the
 * kernel's raw result, all six arguments, errno untouched); the restart
 * column (syscalls/restart.def) as syscall_restart_code answers it; strace's
 * names for the restart codes; and handlers interrupted by a real host
 * signal whose handler does what pvm's does (sets the thread's taken flag,
 * no SA_RESTART): the dispatcher's restart codes, nanosleep's and a timed
 * futex wait's restart block continued by restart_syscall, ppoll's time
 * left. The host handler's rewind of a stub it interrupts before the
 * syscall instruction needs pvm's handler (signal delivery): not here. */
#include <check.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "signals/safe_syscall.h"
#include "signals/signal.h"
#include "syscalls/abi_fs.h"
#include "syscalls/abi_proc.h"
#include "syscalls/abi_term.h"
#include "syscalls/strace.h"
#include "syscalls/syscall.h"
#include "sysnums.h"

/* ---- the stub ---- */

static int ss_unread(int fd)
{
    int n = -1;
    ck_assert_int_eq(ioctl(fd, FIONREAD, &n), 0);
    return n;
}

START_TEST(test_stub_flag_set)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    volatile int flag = 1;
    errno = 0;
    ck_assert_int_eq(pvm_safe_syscall(&flag, SYS_write, p[1], (long)"x", 1, 0, 0, 0),
                     -ERESTARTNOINTR_K);
    ck_assert_int_eq(errno, 0);
    ck_assert_int_eq(ss_unread(p[0]), 0); /* the write did not happen */

    /* sig_hsys tests the flag of the guest thread this host thread runs */
    static struct cpu c;
    memset(&c, 0, sizeof c);
    c.sig.taken = 1;
    sig_thread_attach(&c);
    ck_assert(sig_taken_flag() == &c.sig.taken);
    ck_assert_int_eq(sig_hsys(SYS_write, p[1], (long)"x", 1, 0, 0, 0), -ERESTARTNOINTR_K);
    ck_assert_int_eq(ss_unread(p[0]), 0);
    c.sig.taken = 0;
    ck_assert_int_eq(sig_hsys(SYS_write, p[1], (long)"x", 1, 0, 0, 0), 1);
    ck_assert_int_eq(ss_unread(p[0]), 1);
    sig_thread_attach(NULL);
    close(p[0]);
    close(p[1]);
}
END_TEST

START_TEST(test_stub_flag_clear)
{
    /* no guest thread attached: a flag that is never set */
    ck_assert_int_eq(*sig_taken_flag(), 0);
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    errno = 1234;
    ck_assert_int_eq(sig_hsys(SYS_write, p[1], (long)"ab", 2, 0, 0, 0), 2);
    char b[4] = {0};
    ck_assert_int_eq(sig_hsys(SYS_read, p[0], (long)b, sizeof b, 0, 0, 0), 2);
    ck_assert_str_eq(b, "ab");
    ck_assert_int_eq(sig_hsys(SYS_write, 1000000, (long)"ab", 2, 0, 0, 0), -EBADF);
    ck_assert_int_eq(sig_hsys(SYS_getpid, 0, 0, 0, 0, 0, 0), getpid());
    ck_assert_int_eq(errno, 1234); /* the raw result: errno is never written */
    close(p[0]);
    close(p[1]);

    /* six arguments, the last two on the stack: mmap of a file at an offset */
    int fd = memfd_create("ss", 0);
    ck_assert_int_ge(fd, 0);
    char page[8192];
    memset(page, 'a', 4096);
    memset(page + 4096, 'b', 4096);
    ck_assert_int_eq(write(fd, page, sizeof page), (long)sizeof page);
    long m = sig_hsys(SYS_mmap, 0, 4096, PROT_READ, MAP_PRIVATE, fd, 4096);
    ck_assert(m > 0 || m < -4095);
    ck_assert_int_eq(((const char *)m)[0], 'b');
    ck_assert_int_eq(((const char *)m)[4095], 'b');
    munmap((void *)m, 4096);
    close(fd);
}
END_TEST

/* ---- the restart column ---- */

START_TEST(test_restart_column)
{
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    uint64_t a[6] = {(uint64_t)p[0]};
    ck_assert_int_eq(syscall_restart_code(A64_NR_read, a), -ERESTARTSYS_K);
    ck_assert_int_eq(syscall_restart_code(A64_NR_wait4, a), -ERESTARTSYS_K);
    ck_assert_int_eq(syscall_restart_code(A64_NR_futex, a), -ERESTARTSYS_K);
    ck_assert_int_eq(syscall_restart_code(A64_NR_openat, a), -ERESTARTSYS_K);
    ck_assert_int_eq(syscall_restart_code(9999, a), -ERESTARTSYS_K);
    ck_assert_int_eq(syscall_restart_code(A64_NR_ppoll, a), -ERESTARTNOHAND_K);
    ck_assert_int_eq(syscall_restart_code(A64_NR_pselect6, a), -ERESTARTNOHAND_K);
    ck_assert_int_eq(syscall_restart_code(A64_NR_rt_sigsuspend, a), -ERESTARTNOHAND_K);
    ck_assert_int_eq(syscall_restart_code(A64_NR_epoll_pwait, a), -EINTR);
    ck_assert_int_eq(syscall_restart_code(A64_NR_epoll_pwait2, a), -EINTR);
    ck_assert_int_eq(syscall_restart_code(A64_NR_rt_sigtimedwait, a), -EINTR);
    close(p[0]);
    close(p[1]);

    /* sockets: a receive timeout makes the receive side EINTR only */
    int s[2];
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_STREAM, 0, s), 0);
    a[0] = (uint64_t)s[0];
    ck_assert_int_eq(syscall_restart_code(A64_NR_recvfrom, a), -ERESTARTSYS_K);
    struct timeval tv = {1, 0};
    ck_assert_int_eq(setsockopt(s[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv), 0);
    ck_assert_int_eq(syscall_restart_code(A64_NR_recvfrom, a), -EINTR);
    ck_assert_int_eq(syscall_restart_code(A64_NR_read, a), -EINTR);
    ck_assert_int_eq(syscall_restart_code(A64_NR_accept4, a), -EINTR);
    ck_assert_int_eq(syscall_restart_code(A64_NR_sendmsg, a), -ERESTARTSYS_K);
    ck_assert_int_eq(syscall_restart_code(A64_NR_write, a), -ERESTARTSYS_K);
    ck_assert_int_eq(setsockopt(s[0], SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv), 0);
    ck_assert_int_eq(syscall_restart_code(A64_NR_write, a), -EINTR);
    ck_assert_int_eq(syscall_restart_code(A64_NR_connect, a), -EINTR);
    close(s[0]);
    close(s[1]);

    /* terminals: the break requests are EINTR, draining TCSETSW restarts */
    uint64_t io[6] = {0, TCSBRK_A64, 1};
    ck_assert_int_eq(syscall_restart_code(A64_NR_ioctl, io), -EINTR);
    io[1] = TCSBRKP_A64;
    ck_assert_int_eq(syscall_restart_code(A64_NR_ioctl, io), -EINTR);
    io[1] = TIOCSBRK_A64;
    ck_assert_int_eq(syscall_restart_code(A64_NR_ioctl, io), -EINTR);
    io[1] = TCSETSW_A64;
    ck_assert_int_eq(syscall_restart_code(A64_NR_ioctl, io), -ERESTARTSYS_K);
}
END_TEST

/* ---- strace ---- */

static char *st_out;
static size_t st_len;
static FILE *st_saved;

static void st_begin(void)
{
    char *nothing[] = {NULL};
    strace_init(nothing);
    st_saved = log_stream;
    log_stream = open_memstream(&st_out, &st_len);
}

static char *st_end(void)
{
    fclose(log_stream);
    log_stream = st_saved;
    return st_out;
}

START_TEST(test_strace_restart_codes)
{
    static struct cpu c;
    st_begin();
    uint64_t w[6] = {77, 0, 0};
    strace_exit(&c, "wait4", "~dWwp", w, -ERESTARTSYS_K);
    uint64_t p[6] = {0, 0, 0, 0, 8};
    strace_exit(&c, "ppoll", "~pdppu", p, -ERESTARTNOHAND_K);
    uint64_t n[6] = {0, 0};
    strace_exit(&c, "nanosleep", "~tp", n, -ERESTART_RESTARTBLOCK_K);
    uint64_t e[6] = {0, 0, 0};
    strace_exit(&c, "execve", "~sve", e, -ERESTARTNOINTR_K);
    strace_exit(&c, "wait4", "~dWwp", w, -EINTR);
    char *out = st_end();
    ck_assert_str_eq(out,
                     "wait4(77, NULL, 0, NULL) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)\n"
                     "ppoll(NULL, 0, NULL, NULL, 8) = ? ERESTARTNOHAND (To be restarted if no handler)\n"
                     "nanosleep(NULL, NULL) = ? ERESTART_RESTARTBLOCK (Interrupted by signal)\n"
                     "execve(NULL, NULL, NULL) = ? ERESTARTNOINTR (To be restarted)\n"
                     "wait4(77, NULL, 0, NULL) = -1 EINTR (Interrupted system call)\n");
    free(out);
}
END_TEST

/* ---- interrupted handlers ---- */

#define SS_SCRATCH 0x340000ull /* one RW area for arguments */
static struct cpu icpu;
static timer_t itimer;

/* what pvm's host handler does for a guest signal */
static void ss_on_signal(int sig) { icpu.sig.taken = 1; }
/* a host handler that takes nothing for the guest */
static void ss_noop(int sig) {}

static void ss_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert_int_eq(mprotect(guest_base + SS_SCRATCH, 0x10000, PROT_READ | PROT_WRITE), 0);
    mem_set_flags(SS_SCRATCH, 0x10000, mem_prot_flags(3));
    memset(guest_base + SS_SCRATCH, 0, 0x10000);
    memset(&icpu, 0, sizeof icpu);
    sig_thread_attach(&icpu);
    struct sigaction sa = {.sa_handler = ss_on_signal}; /* no SA_RESTART */
    ck_assert_int_eq(sigaction(SIGUSR2, &sa, NULL), 0);
    struct sigevent ev = {.sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR2};
    ck_assert_int_eq(timer_create(CLOCK_MONOTONIC, &ev, &itimer), 0);
}

static void ss_teardown(void)
{
    timer_delete(itimer);
    signal(SIGUSR2, SIG_DFL);
    sig_thread_attach(NULL);
    mem_set_flags(SS_SCRATCH, 0x10000, 0);
    mprotect(guest_base + SS_SCRATCH, 0x10000, PROT_NONE);
}

/* a SIGUSR2 ms milliseconds from now */
static void ss_arm(long ms)
{
    icpu.sig.taken = 0;
    struct itimerspec its = {.it_value = {ms / 1000, ms % 1000 * 1000000}};
    ck_assert_int_eq(timer_settime(itimer, 0, &its, NULL), 0);
}

static uint64_t ss_put(uint64_t off, const void *p, size_t n)
{
    memcpy(guest_base + SS_SCRATCH + off, p, n);
    return SS_SCRATCH + off;
}

static double ss_now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static double ss_secs(const struct timespec *t) { return (double)t->tv_sec + (double)t->tv_nsec / 1e9; }

/* the guest executes svc with x8 = nr (a machine slower than the 50 ms the
 * signal waits would see the stub's -ERESTARTNOINTR: tried again then) */
static int64_t ss_svc(uint64_t nr, uint64_t a0, uint64_t a1, uint64_t a2, uint64_t a3,
                      uint64_t a4, uint64_t a5)
{
    for (int k = 0; k < 5; k++) {
        ss_arm(50);
        icpu.x[8] = nr;
        icpu.x[0] = a0, icpu.x[1] = a1, icpu.x[2] = a2;
        icpu.x[3] = a3, icpu.x[4] = a4, icpu.x[5] = a5;
        syscall_dispatch(&icpu);
        if ((int64_t)icpu.x[0] != -ERESTARTNOINTR_K)
            break;
    }
    ck_assert_int_eq(icpu.sig.taken, 1);
    ck_assert_uint_eq(icpu.sig.orig_x0, a0);
    return (int64_t)icpu.x[0];
}

START_TEST(test_interrupted_codes)
{
    ss_setup();
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    /* read: the default, -ERESTARTSYS */
    ck_assert_int_eq(ss_svc(A64_NR_read, p[0], SS_SCRATCH, 16, 0, 0, 0), -ERESTARTSYS_K);
    /* ppoll with a timeout: -ERESTARTNOHAND, the time left written back */
    struct pollfd pf = {.fd = p[0], .events = POLLIN};
    struct timespec two = {2, 0};
    uint64_t gpf = ss_put(0, &pf, sizeof pf), gts = ss_put(64, &two, sizeof two);
    double t0 = ss_now();
    ck_assert_int_eq(ss_svc(A64_NR_ppoll, gpf, 1, gts, 0, 8, 0), -ERESTARTNOHAND_K);
    ck_assert(ss_now() - t0 < 1.9);
    struct timespec left;
    memcpy(&left, guest_base + gts, sizeof left);
    ck_assert(ss_secs(&left) > 0.5 && ss_secs(&left) < 2.0);
    /* ppoll with a mask: the guest's mask is back after an ordinary end */
    uint64_t none = 0;
    uint64_t gm = ss_put(128, &none, 8);
    icpu.sig.blocked = sig_bit_a64(SIGUSR1);
    two.tv_sec = 0, two.tv_nsec = 0;
    ss_put(64, &two, sizeof two);
    icpu.x[8] = A64_NR_ppoll;
    icpu.x[0] = gpf, icpu.x[1] = 1, icpu.x[2] = gts, icpu.x[3] = gm, icpu.x[4] = 8;
    icpu.sig.taken = 0;
    syscall_dispatch(&icpu);
    ck_assert_int_eq((int64_t)icpu.x[0], 0);
    ck_assert_uint_eq(icpu.sig.blocked, sig_bit_a64(SIGUSR1));
    ck_assert_int_eq(icpu.sig.saved_active, 0);
    /* epoll_pwait: EINTR whatever SA_RESTART says */
    int ep = epoll_create1(0);
    ck_assert_int_eq(ss_svc(A64_NR_epoll_pwait, ep, SS_SCRATCH, 4, 5000, 0, 8), -EINTR);
    close(ep);
    /* an absolute sleep: -ERESTARTNOHAND, rem untouched */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    now.tv_sec += 2;
    uint64_t greq = ss_put(256, &now, sizeof now);
    struct timespec mark = {12345, 6789};
    uint64_t grem = ss_put(320, &mark, sizeof mark);
    ck_assert_int_eq(ss_svc(A64_NR_clock_nanosleep, CLOCK_MONOTONIC, TIMER_ABSTIME, greq, grem, 0, 0),
                     -ERESTARTNOHAND_K);
    ck_assert_int_eq(memcmp(guest_base + grem, &mark, sizeof mark), 0);
    ck_assert_int_eq(icpu.sig.restart.kind, TASK_RESTART_NONE);
    /* no signal taken: a host EINTR is the guest's (epoll_wait after a stop
     * and SIGCONT is such a case) */
    struct sigaction noop = {.sa_handler = ss_noop};
    ck_assert_int_eq(sigaction(SIGUSR2, &noop, NULL), 0);
    ss_arm(50);
    icpu.x[8] = A64_NR_read, icpu.x[0] = p[0], icpu.x[1] = SS_SCRATCH, icpu.x[2] = 16;
    syscall_dispatch(&icpu);
    ck_assert_int_eq((int64_t)icpu.x[0], -EINTR);
    ck_assert_int_eq(icpu.sig.taken, 0);
    close(p[0]);
    close(p[1]);
    ss_teardown();
}
END_TEST

START_TEST(test_nanosleep_restart)
{
    ss_setup();
    struct timespec req = {0, 300 * 1000000};
    uint64_t greq = ss_put(0, &req, sizeof req), grem = ss_put(64, &(struct timespec){0}, 16);
    double t0 = ss_now();
    ck_assert_int_eq(ss_svc(A64_NR_nanosleep, greq, grem, 0, 0, 0, 0), -ERESTART_RESTARTBLOCK_K);
    double t1 = ss_now();
    /* rem is written with the restart code, and the block names the
     * deadline fixed when the call started */
    struct timespec rem;
    memcpy(&rem, guest_base + grem, sizeof rem);
    ck_assert(ss_secs(&rem) > 0 && ss_secs(&rem) < 0.3);
    ck_assert_int_eq(icpu.sig.restart.kind, TASK_RESTART_NANOSLEEP);
    ck_assert_int_eq(icpu.sig.restart.clockid, CLOCK_MONOTONIC);
    ck_assert_uint_eq(icpu.sig.restart.rem, grem);
    double dl0 = ss_secs(&icpu.sig.restart.deadline);
    ck_assert(dl0 >= t0 + 0.3 && dl0 <= t1 + 0.3);
    /* no handler ran: the guest executes restart_syscall, which sleeps the
     * rest only */
    icpu.sig.taken = 0;
    icpu.x[8] = A64_NR_restart_syscall;
    syscall_dispatch(&icpu);
    ck_assert_int_eq((int64_t)icpu.x[0], 0);
    ck_assert(ss_now() >= dl0 && ss_now() < dl0 + 1.0);
    ck_assert_int_eq(icpu.sig.restart.kind, TASK_RESTART_NONE);
    /* without a block: the kernel's do_no_restart_syscall */
    syscall_dispatch(&icpu);
    ck_assert_int_eq((int64_t)icpu.x[0], -EINTR);

    /* interrupted again during the restart: the same deadline, rem updated */
    req.tv_nsec = 400 * 1000000;
    ss_put(0, &req, sizeof req);
    t0 = ss_now();
    ck_assert_int_eq(ss_svc(A64_NR_clock_nanosleep, CLOCK_REALTIME, 0, greq, grem, 0, 0),
                     -ERESTART_RESTARTBLOCK_K);
    ck_assert_int_eq(icpu.sig.restart.clockid, CLOCK_MONOTONIC); /* relative REALTIME */
    struct timespec dl = icpu.sig.restart.deadline;
    ck_assert_int_eq(ss_svc(A64_NR_restart_syscall, 0, 0, 0, 0, 0, 0), -ERESTART_RESTARTBLOCK_K);
    ck_assert_int_eq(icpu.sig.restart.kind, TASK_RESTART_NANOSLEEP);
    ck_assert_int_eq(icpu.sig.restart.deadline.tv_sec, dl.tv_sec);
    ck_assert_int_eq(icpu.sig.restart.deadline.tv_nsec, dl.tv_nsec);
    memcpy(&rem, guest_base + grem, sizeof rem);
    ck_assert(ss_secs(&rem) > 0 && ss_secs(&rem) < 0.4);
    icpu.sig.taken = 0;
    icpu.x[8] = A64_NR_restart_syscall;
    syscall_dispatch(&icpu);
    ck_assert_int_eq((int64_t)icpu.x[0], 0);
    ck_assert(ss_now() - t0 >= 0.4 - 1e-3 && ss_now() < ss_secs(&dl) + 1.0);
    ss_teardown();
}
END_TEST

START_TEST(test_futex_restart)
{
    ss_setup();
    uint32_t word = 7;
    uint64_t gw = ss_put(0, &word, 4);
    struct timespec rel = {0, 300 * 1000000};
    uint64_t gts = ss_put(64, &rel, sizeof rel);
    double t0 = ss_now();
    ck_assert_int_eq(ss_svc(A64_NR_futex, gw, FUTEX_WAIT_A64 | FUTEX_PRIVATE_FLAG_A64, 7, gts, 0, 0),
                     -ERESTART_RESTARTBLOCK_K);
    ck_assert_int_eq(icpu.sig.restart.kind, TASK_RESTART_FUTEX);
    icpu.sig.taken = 0;
    icpu.x[8] = A64_NR_restart_syscall;
    syscall_dispatch(&icpu);
    ck_assert_int_eq((int64_t)icpu.x[0], -ETIMEDOUT);
    double took = ss_now() - t0;
    ck_assert(took >= 0.3 - 1e-3 && took < 1.5);
    /* untimed: the default restart code, no block */
    ck_assert_int_eq(ss_svc(A64_NR_futex, gw, FUTEX_WAIT_A64 | FUTEX_PRIVATE_FLAG_A64, 7, 0, 0, 0),
                     -ERESTARTSYS_K);
    ck_assert_int_eq(icpu.sig.restart.kind, TASK_RESTART_NONE);
    ss_teardown();
}
END_TEST

/* under --strace the interrupted call's line shows the restart code */
START_TEST(test_interrupted_traced)
{
    ss_setup();
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    st_begin();
    unsigned saved = log_mask;
    log_mask |= DBG_strace;
    int64_t r = ss_svc(A64_NR_read, p[0], SS_SCRATCH, 16, 0, 0, 0);
    log_mask = saved;
    char *out = st_end();
    ck_assert_int_eq(r, -ERESTARTSYS_K);
    char want[256];
    snprintf(want, sizeof want,
             "read(%d,  <unfinished ...>\n"
             "<... read resumed>%#llx, 16) = ? ERESTARTSYS (To be restarted if SA_RESTART is set)\n",
             p[0], (unsigned long long)SS_SCRATCH);
    /* a retried attempt (-ERESTARTNOINTR) would add lines before: compare the end */
    size_t n = strlen(out), m = strlen(want);
    ck_assert(n >= m);
    ck_assert_str_eq(out + n - m, want);
    free(out);
    close(p[0]);
    close(p[1]);
    ss_teardown();
}
END_TEST

Suite *suite_safe_syscall(void)
{
    Suite *s = suite_create("safe_syscall");
    TCase *t = tcase_create("stub");
    tcase_add_test(t, test_stub_flag_set);
    tcase_add_test(t, test_stub_flag_clear);
    tcase_add_test(t, test_restart_column);
    tcase_add_test(t, test_strace_restart_codes);
    /* Not under ThreadSanitizer: these tests' stand-in handler is installed
     * with libc's sigaction, which TSan wraps and runs only at the thread's
     * next intercepted call, after the interrupted call has returned EINTR
     * (pvm's own handlers go in with the raw rt_sigaction and run at once:
     * the signal suite passes under TSan). */
#ifdef __SANITIZE_THREAD__
    bool handler_at_once = false;
#else
    bool handler_at_once = true;
#endif
    if (handler_at_once)
        tcase_add_test(t, test_interrupted_codes);
    tcase_add_test(t, test_nanosleep_restart);
    if (handler_at_once) {
        tcase_add_test(t, test_futex_restart);
        tcase_add_test(t, test_interrupted_traced);
    }
    suite_add_tcase(s, t);
    return s;
}

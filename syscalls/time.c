/* Time system calls: clocks, sleeps, adjtimex (read-only), POSIX timers and
 * interval timers. struct timespec, timeval, itimerspec, itimerval and timex
 * have the same layout on arm64 and x86-64 (LP64, asm-generic), so their
 * conversion is a range check; struct sigevent is the same too but is copied
 * field by field, its notification kind and signal checked. Timers are host
 * timers: their ids are the kernel's, their signals go to pvm's process and
 * follow the guest's dispositions as applied to the host (signals/host.c).
 * A dynamic clock id naming one of pvm's descriptors is refused. The sleeps
 * wait through the safe-syscall stub and continue through restart_syscall. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/timex.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/abi_misc.h"
#include "syscalls/abi_proc.h"
#include "syscalls/fdtab.h"
#include "syscalls/restart.h"
#include "syscalls/syscall.h"

_Static_assert(sizeof(struct timex) == TIMEX_SIZE_A64, "timex layout");
_Static_assert(sizeof(struct itimerspec) == ITIMERSPEC_SIZE_A64 &&
                   sizeof(struct itimerval) == ITIMERVAL_SIZE_A64,
               "itimerspec/itimerval layout");
_Static_assert(ADJ_OFFSET_SS_READ == (ADJ_ADJTIME_A64 | ADJ_OFFSET_READONLY_A64 | ADJ_OFFSET) &&
                   ADJ_OFFSET_SINGLESHOT == (ADJ_ADJTIME_A64 | ADJ_OFFSET) &&
                   TIMER_ABSTIME == TIMER_ABSTIME_A64,
               "time flags are the host's");
_Static_assert(SIGEV_SIGNAL == SIGEV_SIGNAL_A64 && SIGEV_NONE == SIGEV_NONE_A64 &&
                   SIGEV_THREAD == SIGEV_THREAD_A64 && SIGEV_THREAD_ID == SIGEV_THREAD_ID_A64,
               "sigev_notify values are the host's");

/* NULL (0) is allowed where the kernel allows it; otherwise the range must
 * be in the guest region. Returns the host pointer or NULL. */
static void *time_ptr(uint64_t ga, uint64_t len, bool *bad)
{
    if (!ga)
        return NULL;
    if (!mem_range_ok(ga, len)) {
        *bad = true;
        return NULL;
    }
    return g2h(ga);
}

/* The clockid argument (an int): a dynamic clock on one of pvm's fds is
 * invalid for the guest (its fd table does not have it). */
static bool time_clock_ok(uint64_t g)
{
    int32_t id = (int32_t)g;
    return !clockid_is_fd(id) || !fd_is_pvm(clockid_fd(id));
}

/* clock_gettime/getres/settime(clock, timespec *): the clock is checked
 * first (EINVAL), then the pointer (EFAULT; only getres takes NULL) */
static int64_t time_clock_ts(const uint64_t a[6], long nr, bool null_ok)
{
    bool bad = false;
    void *tp = time_ptr(a[1], 16, &bad);
    if (!time_clock_ok(a[0]))
        return -EINVAL;
    if (bad || (!tp && !null_ok))
        return -EFAULT;
    return sys_ret(syscall(nr, (clockid_t)a[0], tp));
}

int64_t sys_clock_gettime(struct cpu *c, const uint64_t a[6]) { return time_clock_ts(a, SYS_clock_gettime, false); }

int64_t sys_clock_getres(struct cpu *c, const uint64_t a[6]) { return time_clock_ts(a, SYS_clock_getres, true); }

/* the host enforces CAP_SYS_TIME */
int64_t sys_clock_settime(struct cpu *c, const uint64_t a[6]) { return time_clock_ts(a, SYS_clock_settime, false); }

int64_t sys_gettimeofday(struct cpu *c, const uint64_t a[6])
{
    bool bad = false;
    void *tv = time_ptr(a[0], 16, &bad), *tz = time_ptr(a[1], 8, &bad);
    if (bad)
        return -EFAULT;
    return sys_ret(syscall(SYS_gettimeofday, tv, tz));
}

int64_t sys_settimeofday(struct cpu *c, const uint64_t a[6])
{
    bool bad = false;
    void *tv = time_ptr(a[0], 16, &bad), *tz = time_ptr(a[1], 8, &bad);
    if (bad)
        return -EFAULT;
    return sys_ret(syscall(SYS_settimeofday, tv, tz));
}

/* nanosleep and clock_nanosleep. A relative sleep runs on the host as an
 * absolute one to a deadline fixed here, so an interruption continues to
 * that same deadline through restart_syscall (syscalls/restart.h); the
 * remaining time goes to rem only then, as the kernel writes it. A relative
 * CLOCK_REALTIME sleep is a CLOCK_MONOTONIC one (the kernel's hrtimer does
 * that: POSIX says clock changes do not affect it). A request that cannot be
 * made absolute (invalid timespec, a clock the host cannot read) goes to the
 * host as it is, for the host's own error. An interrupted absolute sleep
 * restarts from scratch unless a handler runs (-ERESTARTNOHAND_K). */
static int64_t time_sleep(struct cpu *c, clockid_t clk, bool absolute, uint64_t greq,
                          uint64_t grem)
{
    c->sig.restart.kind = TASK_RESTART_NONE; /* the kernel's do_no_restart_syscall */
    struct timespec req, now;
    if (!mem_copy_from_guest(&req, greq, sizeof req))
        return -EFAULT;
    if (absolute) {
        long r = sig_hsys(SYS_clock_nanosleep, clk, TIMER_ABSTIME, (long)&req, 0, 0, 0);
        return sys_interrupted(c, r) ? -ERESTARTNOHAND_K : r;
    }
    clockid_t eff = clk == CLOCK_REALTIME ? CLOCK_MONOTONIC : clk;
    if (req.tv_sec < 0 || req.tv_nsec < 0 || req.tv_nsec >= 1000000000L ||
        clock_gettime(eff, &now) != 0)
        return sig_hsys(SYS_clock_nanosleep, clk, 0, (long)&req, 0, 0, 0);
    struct timespec deadline = restart_deadline(&now, &req);
    return restart_sleep_until(c, eff, &deadline, grem);
}

int64_t sys_nanosleep(struct cpu *c, const uint64_t a[6])
{
    return time_sleep(c, CLOCK_MONOTONIC, false, a[0], a[1]);
}

int64_t sys_clock_nanosleep(struct cpu *c, const uint64_t a[6])
{
    if (!time_clock_ok(a[0]))
        return -EINVAL;
    /* the kernel looks at TIMER_ABSTIME only and ignores other flag bits;
     * an absolute sleep never writes rem */
    bool absolute = (a[1] & TIMER_ABSTIME_A64) != 0;
    return time_sleep(c, (clockid_t)a[0], absolute, a[2], absolute ? 0 : a[3]);
}

/* ---- adjtimex: reading the clock state only ---- */

static int64_t time_adjtimex(bool has_clock, uint64_t clk, uint64_t gtx)
{
    struct timex tx;
    if (has_clock && !time_clock_ok(clk))
        return -EINVAL;
    if (!mem_copy_from_guest(&tx, gtx, sizeof tx))
        return -EFAULT;
    /* changing the clock needs CAP_SYS_TIME: pvm never lets a guest do
     * that, privileged or not */
    if (!xlat_adjtimex_readonly(tx.modes))
        return -EPERM;
    long r = has_clock ? syscall(SYS_clock_adjtime, (clockid_t)clk, &tx) : syscall(SYS_adjtimex, &tx);
    if (r == -1)
        return -errno;
    return mem_copy_to_guest(gtx, &tx, sizeof tx) ? r : -EFAULT;
}

int64_t sys_adjtimex(struct cpu *c, const uint64_t a[6]) { return time_adjtimex(false, 0, a[0]); }
int64_t sys_clock_adjtime(struct cpu *c, const uint64_t a[6]) { return time_adjtimex(true, a[0], a[1]); }

/* ---- interval timers ---- */

/* getitimer(which, value): the host checks which (EINVAL) before the
 * pointer is written (EFAULT) */
int64_t sys_getitimer(struct cpu *c, const uint64_t a[6])
{
    struct itimerval v;
    if (syscall(SYS_getitimer, (int)a[0], &v) != 0)
        return -errno;
    return mem_copy_to_guest(a[1], &v, sizeof v) ? 0 : -EFAULT;
}

/* setitimer(which, new, old): new is read first (NULL disarms, as the
 * kernel still allows); old is written after the new value took effect, as
 * the kernel does, so a bad old pointer is EFAULT with the timer set */
int64_t sys_setitimer(struct cpu *c, const uint64_t a[6])
{
    struct itimerval nv, ov;
    if (a[1] && !mem_copy_from_guest(&nv, a[1], sizeof nv))
        return -EFAULT;
    if (syscall(SYS_setitimer, (int)a[0], a[1] ? &nv : NULL, a[2] ? &ov : NULL) != 0)
        return -errno;
    return !a[2] || mem_copy_to_guest(a[2], &ov, sizeof ov) ? 0 : -EFAULT;
}

/* ---- POSIX timers ---- */

/* The guest's struct sigevent as the host's: every field the kernel reads,
 * copied by name (the rest of the host struct stays zero); -EINVAL for a
 * request the kernel refuses (good_sigevent): an unknown sigev_notify, or
 * a signal number outside 1..64 for a notification that sends one.
 * SIGEV_THREAD is glibc's (it creates a SIGEV_THREAD_ID timer itself), but
 * the kernel takes it as SIGEV_SIGNAL, and so does pvm. The thread id of
 * SIGEV_THREAD_ID is a host tid (guest tids are host tids); the host checks
 * that it is a thread of this process. */
static int64_t time_sigevent_g2h(const struct sigevent_a64 *g, struct sigevent *h)
{
    memset(h, 0, sizeof *h);
    switch (g->notify) {
    case SIGEV_NONE_A64:
        break;
    case SIGEV_SIGNAL_A64:
    case SIGEV_THREAD_A64:
    case SIGEV_THREAD_ID_A64:
        if (g->signo < 1 || g->signo > NSIG_A64)
            return -EINVAL;
        break;
    default:
        return -EINVAL;
    }
    h->sigev_notify = g->notify == SIGEV_SIGNAL_A64      ? SIGEV_SIGNAL
                      : g->notify == SIGEV_THREAD_A64    ? SIGEV_THREAD
                      : g->notify == SIGEV_THREAD_ID_A64 ? SIGEV_THREAD_ID
                                                         : SIGEV_NONE;
    h->sigev_signo = g->signo;
    /* sigev_value: 64 opaque bits, given back in si_value */
    memcpy(&h->sigev_value, &g->value, sizeof g->value);
    if (g->notify == SIGEV_THREAD_ID_A64)
        h->_sigev_un._tid = g->tid;
    return 0;
}

/* timer_create(clock, sevp, timerid): a kernel timer id is an int. pvm
 * creates no POSIX timers of its own, so the ids the guest sees are all its
 * own. The kernel's order: the sigevent is read (EFAULT), the clock checked,
 * the sigevent checked (EINVAL), the id written (EFAULT: the timer is
 * deleted again). Signals are asm-generic on both, SIGSEGV/SIGBUS included
 * (pvm's host handler tells a timer's, si_code SI_TIMER, from a fault). */
int64_t sys_timer_create(struct cpu *c, const uint64_t a[6])
{
    struct sigevent_a64 gev;
    struct sigevent hev;
    if (a[1] && !mem_copy_from_guest(&gev, a[1], sizeof gev))
        return -EFAULT;
    if (!time_clock_ok(a[0]))
        return -EINVAL;
    if (a[1]) {
        int64_t e = time_sigevent_g2h(&gev, &hev);
        if (e)
            return e;
    }
    int id;
    if (syscall(SYS_timer_create, (clockid_t)a[0], a[1] ? &hev : NULL, &id) != 0)
        return -errno;
    if (!mem_copy_to_guest(a[2], &id, 4)) {
        syscall(SYS_timer_delete, id);
        return -EFAULT;
    }
    return 0;
}

/* timer_settime(id, flags, new, old): new is required (NULL: EINVAL) and
 * read first; flags is TIMER_ABSTIME or 0 (the kernel ignores other bits,
 * pvm refuses them); old is written after the new value took effect */
int64_t sys_timer_settime(struct cpu *c, const uint64_t a[6])
{
    struct itimerspec nv, ov;
    if (!a[2])
        return -EINVAL;
    if (!mem_copy_from_guest(&nv, a[2], sizeof nv))
        return -EFAULT;
    if ((uint32_t)a[1] & ~(uint32_t)TIMER_ABSTIME_A64)
        return -EINVAL;
    int flags = (uint32_t)a[1] & TIMER_ABSTIME_A64 ? TIMER_ABSTIME : 0;
    if (syscall(SYS_timer_settime, (int)a[0], flags, &nv, a[3] ? &ov : NULL) != 0)
        return -errno;
    return !a[3] || mem_copy_to_guest(a[3], &ov, sizeof ov) ? 0 : -EFAULT;
}

/* the host checks the id (EINVAL) before the value is written (EFAULT) */
int64_t sys_timer_gettime(struct cpu *c, const uint64_t a[6])
{
    struct itimerspec v;
    if (syscall(SYS_timer_gettime, (int)a[0], &v) != 0)
        return -errno;
    return mem_copy_to_guest(a[1], &v, sizeof v) ? 0 : -EFAULT;
}

/* no pointers: the id is the host's */
int64_t sys_timer_getoverrun(struct cpu *c, const uint64_t a[6])
{
    return sys_ret(syscall(SYS_timer_getoverrun, (int)a[0]));
}

int64_t sys_timer_delete(struct cpu *c, const uint64_t a[6])
{
    return sys_ret(syscall(SYS_timer_delete, (int)a[0]));
}

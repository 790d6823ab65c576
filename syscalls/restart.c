/* restart_syscall and the waits it continues (syscalls/restart.h): sleeps
 * and timed futex waits to an absolute deadline on the host, through the
 * safe-syscall stub. The restart block (c->sig.restart) is filled only when
 * a guest signal interrupted such a wait, and it stays until restart_syscall
 * has used it (a restart_syscall that is itself stopped before its host call,
 * -ERESTARTNOINTR_K, runs again with the same block); any other outcome
 * empties it, so a later restart_syscall without one answers -EINTR, the
 * kernel's do_no_restart_syscall. */
#include "syscalls/restart.h"

#include <errno.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "signals/safe_syscall.h"
#include "syscalls/abi_proc.h"
#include "syscalls/syscall.h"

#define NSEC 1000000000L

struct timespec restart_deadline(const struct timespec *now, const struct timespec *rel)
{
    struct timespec d = {now->tv_sec, now->tv_nsec + rel->tv_nsec};
    if (d.tv_nsec >= NSEC) {
        d.tv_nsec -= NSEC;
        d.tv_sec++;
    }
    if (rel->tv_sec > INT64_MAX / 2 - d.tv_sec)
        return (struct timespec){INT64_MAX / 2, 0}; /* centuries: the host saturates it */
    d.tv_sec += rel->tv_sec;
    return d;
}

/* deadline - now on clk; false when nothing is left */
static bool restart_time_left(clockid_t clk, const struct timespec *deadline, struct timespec *left)
{
    struct timespec now;
    if (clock_gettime(clk, &now) != 0)
        return false;
    left->tv_sec = deadline->tv_sec - now.tv_sec;
    left->tv_nsec = deadline->tv_nsec - now.tv_nsec;
    if (left->tv_nsec < 0) {
        left->tv_nsec += NSEC;
        left->tv_sec--;
    }
    return left->tv_sec > 0 || (left->tv_sec == 0 && left->tv_nsec > 0);
}

int64_t restart_sleep_until(struct cpu *c, clockid_t clk, const struct timespec *deadline,
                            uint64_t grem)
{
    struct timespec d = *deadline;
    long r = sig_hsys(SYS_clock_nanosleep, clk, TIMER_ABSTIME, (long)&d, 0, 0, 0);
    if (r != -EINTR)
        return r;
    /* the kernel's do_nanosleep: with a rem pointer, the time left is
     * written before the restart code, and a sleep with nothing left has
     * simply ended */
    if (grem) {
        struct timespec left;
        if (!restart_time_left(clk, deadline, &left))
            return 0;
        if (!mem_copy_to_guest(grem, &left, sizeof left))
            return -EFAULT;
    }
    if (!c->sig.taken)
        return -EINTR;
    c->sig.restart = (struct task_restart){
        .kind = TASK_RESTART_NANOSLEEP, .clockid = clk, .deadline = *deadline, .rem = grem};
    return -ERESTART_RESTARTBLOCK_K;
}

int64_t restart_futex_until(struct cpu *c, uint64_t uaddr, int op, uint32_t val, uint32_t bitset,
                            const struct timespec *deadline)
{
    struct timespec d = *deadline;
    long r = sig_hsys(SYS_futex, (long)g2h(uaddr), op, val, (long)&d, 0, bitset);
    if (!sys_interrupted(c, r))
        return r;
    c->sig.restart = (struct task_restart){
        .kind = TASK_RESTART_FUTEX,
        .clockid = op & FUTEX_CLOCK_REALTIME_A64 ? CLOCK_REALTIME : CLOCK_MONOTONIC,
        .deadline = *deadline,
        .args = {uaddr, (uint32_t)op, val, bitset},
    };
    return -ERESTART_RESTARTBLOCK_K;
}

/* restart_syscall(): continues the interrupted call the block names; the
 * guest's argument registers are not looked at */
int64_t sys_restart_syscall(struct cpu *c, const uint64_t a[6])
{
    struct task_restart rb = c->sig.restart;
    c->sig.restart.kind = TASK_RESTART_NONE;
    int64_t r;
    switch (rb.kind) {
    case TASK_RESTART_NANOSLEEP:
        r = restart_sleep_until(c, rb.clockid, &rb.deadline, rb.rem);
        break;
    case TASK_RESTART_FUTEX:
        r = restart_futex_until(c, rb.args[0], (int)rb.args[1], (uint32_t)rb.args[2],
                                (uint32_t)rb.args[3], &rb.deadline);
        break;
    default:
        return -EINTR;
    }
    if (r == -ERESTARTNOINTR_K)
        c->sig.restart = rb; /* not started: it runs again as it was */
    return r;
}

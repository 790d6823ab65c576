/* The guest's signal system calls: dispositions (rt_sigaction), the
 * thread's mask (rt_sigprocmask), sigaltstack, rt_sigpending,
 * rt_sigsuspend, rt_sigtimedwait and rt_sigreturn. Dispositions are
 * process-wide (sigproc), masks and alternate stacks per thread (c->sig);
 * the host follows through sig_host_apply and sig_host_mask_sync
 * (signals/host.c). Guest signal numbers are host numbers. The guest's
 * struct sigaction is the arm64 kernel layout {handler, flags, restorer,
 * mask}. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "signals/frame.h"
#include "signals/safe_syscall.h"
#include "signals/signal.h"
#include "signals/sigstate.h"
#include "syscalls/abi_proc.h"
#include "syscalls/syscall.h"

#define SIG_UNBLOCKABLE (sig_bit_a64(SIGKILL) | sig_bit_a64(SIGSTOP))

int64_t sys_rt_sigaction(struct cpu *c, const uint64_t a[6])
{
    int sig = (int)a[0];
    if (!sig_valid(a[0]) || a[3] != SIGSET_SIZE_A64)
        return -EINVAL;
    struct sigaction_a64 na;
    if (a[1] && !mem_copy_from_guest(&na, a[1], sizeof na))
        return -EFAULT;
    if (a[1] && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    sig_actions_lock();
    struct sigaction_a64 *cur = sig_action(sig), old = *cur;
    if (a[1]) {
        na.flags &= SA_KNOWN_A64; /* the kernel clears unknown flags */
        na.mask &= ~SIG_UNBLOCKABLE;
        *cur = na;
        sig_host_apply(sig);
        /* POSIX: setting SIG_IGN (or SIG_DFL for a signal ignored by
         * default) discards the pending instance pvm holds */
        if (na.handler == SIG_IGN_A64 || (na.handler == SIG_DFL_A64 && sig_default_ignores(sig)))
            c->sig.held &= ~sig_bit_a64(sig);
    }
    sig_actions_unlock();
    if (a[2] && !mem_copy_to_guest(a[2], &old, sizeof old))
        return -EFAULT;
    return 0;
}

int64_t sys_rt_sigprocmask(struct cpu *c, const uint64_t a[6])
{
    if (a[3] != SIGSET_SIZE_A64)
        return -EINVAL;
    uint64_t set = 0, old = c->sig.blocked;
    if (a[1] && !mem_copy_from_guest(&set, a[1], 8))
        return -EFAULT;
    if (a[1]) {
        uint64_t m = c->sig.blocked;
        switch ((uint32_t)a[0]) {
        case SIG_BLOCK_A64: m |= set; break;
        case SIG_UNBLOCK_A64: m &= ~set; break;
        case SIG_SETMASK_A64: m = set; break;
        default: return -EINVAL;
        }
        c->sig.blocked = m & ~SIG_UNBLOCKABLE;
        sig_host_mask_sync(c);
    }
    if (a[2] && !mem_copy_to_guest(a[2], &old, 8))
        return -EFAULT;
    return 0;
}

int64_t sys_sigaltstack(struct cpu *c, const uint64_t a[6])
{
    uint64_t sp = c->x[REG_SP];
    struct stack_a64 old = {
        .ss_sp = c->sig.ss_sp,
        .ss_flags = frame_ss_flags(c, sp) | (int32_t)((uint32_t)c->sig.ss_flags & SS_AUTODISARM_A64),
        .ss_size = c->sig.ss_size,
    };
    struct stack_a64 ns;
    if (a[0]) {
        if (!mem_copy_from_guest(&ns, a[0], sizeof ns))
            return -EFAULT;
        if (frame_ss_flags(c, sp) == SS_ONSTACK_A64)
            return -EPERM;
        uint32_t mode = (uint32_t)ns.ss_flags & ~SS_AUTODISARM_A64;
        if (mode != 0 && mode != SS_ONSTACK_A64 && mode != SS_DISABLE_A64)
            return -EINVAL;
        if (mode != SS_DISABLE_A64 && ns.ss_size < MINSIGSTKSZ_A64)
            return -ENOMEM;
    }
    if (a[1] && !mem_copy_to_guest(a[1], &old, sizeof old))
        return -EFAULT;
    if (a[0]) {
        if (((uint32_t)ns.ss_flags & ~SS_AUTODISARM_A64) == SS_DISABLE_A64) {
            c->sig.ss_sp = c->sig.ss_size = 0;
            c->sig.ss_flags = SS_DISABLE_A64;
        } else {
            c->sig.ss_sp = ns.ss_sp;
            c->sig.ss_size = ns.ss_size;
            c->sig.ss_flags = (int)((uint32_t)ns.ss_flags & SS_AUTODISARM_A64);
        }
    }
    return 0;
}

/* the host's pending set (process and thread) and what pvm holds */
static uint64_t sig_pending_now(const struct cpu *c)
{
    uint64_t p = 0;
    syscall(SYS_rt_sigpending, &p, 8);
    return (p & c->sig.blocked) | sig_view_pending_thread(c);
}

int64_t sys_rt_sigpending(struct cpu *c, const uint64_t a[6])
{
    if (a[1] > SIGSET_SIZE_A64)
        return -EINVAL;
    uint64_t set = sig_pending_now(c);
    return mem_copy_to_guest(a[0], &set, a[1]) ? 0 : -EFAULT;
}

/* Waits with the guest's temporary mask; the signal that ends the wait is
 * delivered with the old mask in its frame (sig_temp_mask_begin). */
int64_t sys_rt_sigsuspend(struct cpu *c, const uint64_t a[6])
{
    uint64_t set;
    if (a[1] != SIGSET_SIZE_A64)
        return -EINVAL;
    if (!mem_copy_from_guest(&set, a[0], 8))
        return -EFAULT;
    sig_temp_mask_begin(c, set);
    uint64_t host = xlat_sigset_to_host(c->sig.blocked);
    long r;
    do
        r = sig_hsys(SYS_rt_sigsuspend, (long)&host, 8, 0, 0, 0, 0);
    while (r != -EINTR && r != -ERESTARTNOINTR_K);
    /* the kernel's sigsuspend returns -ERESTARTNOHAND: EINTR once a handler
     * runs, a new wait if the signal turned out ignored */
    return -ERESTARTNOHAND_K;
}

/* A held SIGSEGV/SIGBUS or the taken signal in set, taken out for the
 * caller; 0 when none. */
static int sig_take_own(struct cpu *c, uint64_t set, siginfo_t *info)
{
    if (c->sig.taken && (set & sig_bit_a64(c->sig.taken_info.si_signo))) {
        *info = c->sig.taken_info;
        __atomic_store_n(&c->sig.taken, 0, __ATOMIC_RELEASE);
        sig_host_mask_sync(c);
        return info->si_signo;
    }
    return sig_take_held(c, set, info);
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize): siginfo_t and struct
 * timespec are the same on both. The host waits for the set with the set
 * unblocked only for itself (the kernel's semantics: the signals in set
 * are taken from the queue, not delivered). */
int64_t sys_rt_sigtimedwait(struct cpu *c, const uint64_t a[6])
{
    uint64_t set;
    if (a[3] != SIGSET_SIZE_A64)
        return -EINVAL;
    if (!mem_copy_from_guest(&set, a[0], 8))
        return -EFAULT;
    struct timespec ts, *tp = NULL;
    if (a[2]) {
        if (!mem_copy_from_guest(&ts, a[2], sizeof ts))
            return -EFAULT;
        tp = &ts;
    }
    if (a[1] && !mem_range_ok(a[1], SIGINFO_SIZE_A64))
        return -EFAULT;
    set &= ~SIG_UNBLOCKABLE;
    siginfo_t info;
    int sig = sig_take_own(c, set, &info);
    if (!sig) {
        uint64_t host = set & ~sig_fault_bits();
        long r = sig_hsys(SYS_rt_sigtimedwait, (long)&host, (long)&info, (long)tp, 8, 0, 0);
        if (r < 0)
            return r == -EINTR ? -EINTR : r;
        sig = (int)r;
    }
    if (a[1] && !mem_copy_to_guest(a[1], &info, sizeof info))
        return -EFAULT;
    return sig;
}

int64_t sys_rt_sigreturn(struct cpu *c, const uint64_t a[6]) { return (int64_t)sig_return(c); }

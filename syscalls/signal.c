/* Signal dispositions and masks, recorded for the guest (delivery to guest
 * handlers is a later issue). SIG_IGN and SIG_DFL are applied to the host at
 * once, so a guest that ignores SIGPIPE gets EPIPE and one that restores the
 * default dies as natively. A guest handler is only recorded: the host
 * disposition becomes SIG_DFL (the signal then ends pvm as it would end a
 * process without that handler) until delivery exists, except for signals
 * whose default is to be ignored (SIGCHLD, SIGWINCH, SIGURG, SIGCONT): those
 * get a host handler that does nothing, so they interrupt blocking calls and
 * end sigsuspend as with the guest's handler (a shell waiting for SIGCHLD).
 * Dispositions and the mask inherited through exec are read from the host the
 * first time the guest asks (an ignored SIGINT stays visible). pvm's own SIGSEGV and
 * SIGBUS handlers are never replaced and never blocked. The guest's struct
 * sigaction is the arm64 kernel layout {handler, flags, restorer, mask}. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/abi_proc.h"
#include "syscalls/proc_state.h"
#include "syscalls/syscall.h"

struct sig_state sig_state = {.altstack = {.ss_flags = SS_DISABLE_A64}};

/* the x86-64 kernel needs a restorer that calls rt_sigreturn for a raw
 * rt_sigaction with a handler */
__attribute__((naked)) static void sig_host_restorer(void)
{
    __asm__ volatile("mov $15, %eax\n\tsyscall\n\thlt");
}

/* the host kernel's struct for raw rt_sigaction (x86-64) */
struct ksigaction_host {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

static bool sig_reserved(int sig) { return sig == SIGSEGV || sig == SIGBUS; }

/* signals whose default action is to ignore them (or continue) */
static bool sig_default_ignored(int sig)
{
    return sig == SIGCHLD || sig == SIGWINCH || sig == SIGURG || sig == SIGCONT;
}

static void sig_noop(int sig) { (void)sig; }

static uint64_t sig_known;  /* dispositions already read from the host */
static bool mask_known;

/* The first look at sig: an inherited SIG_IGN is the guest's too. */
static void sig_learn(int sig)
{
    if (sig_known & sig_bit_a64(sig))
        return;
    sig_known |= sig_bit_a64(sig);
    struct ksigaction_host k;
    if (!sig_reserved(sig) && syscall(SYS_rt_sigaction, sig, NULL, &k, 8) == 0 && k.handler == SIG_IGN)
        sig_state.actions[sig].handler = SIG_IGN_A64;
}

static void mask_learn(void)
{
    if (mask_known)
        return;
    mask_known = true;
    uint64_t m = 0;
    if (syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8) == 0)
        sig_state.mask = m;
}

static bool sig_valid(uint64_t sig) { return sig >= 1 && sig <= NSIG_A64; }

/* Sets the host mask to the guest's (minus pvm's fault signals). */
static void sig_apply_mask(void)
{
    uint64_t host = xlat_sigset_to_host(sig_state.mask);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &host, NULL, 8);
}

int64_t sys_rt_sigaction(struct cpu *c, const uint64_t a[6])
{
    int sig = (int)a[0];
    if (!sig_valid(a[0]) || a[3] != SIGSET_SIZE_A64)
        return -EINVAL;
    struct sigaction_a64 na;
    if (a[1] && !mem_copy_from_guest(&na, a[1], sizeof na))
        return -EFAULT;
    if (a[2] && !mem_range_ok(a[2], sizeof na))
        return -EFAULT;
    if (a[1] && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    sig_learn(sig);
    struct sigaction_a64 old = sig_state.actions[sig];
    if (a[1]) {
        na.flags &= SA_KNOWN_A64; /* the kernel clears unknown flags */
        na.mask &= ~(sig_bit_a64(SIGKILL) | sig_bit_a64(SIGSTOP));
        sig_state.actions[sig] = na;
        if (!sig_reserved(sig)) {
            bool ign = na.handler == SIG_IGN_A64, dfl = na.handler == SIG_DFL_A64;
            struct ksigaction_host k = {
                .handler = ign ? SIG_IGN : SIG_DFL,
                .flags = xlat_sa_flags_nohandler(na.flags),
            };
            if (!ign && !dfl && sig_default_ignored(sig)) {
                k.handler = (void *)sig_noop;
                k.restorer = (void *)sig_host_restorer;
                k.flags |= 0x04000000 /* SA_RESTORER */ | (na.flags & SA_RESTART_A64 ? SA_RESTART : 0);
            }
            syscall(SYS_rt_sigaction, sig, &k, NULL, 8);
        }
    }
    if (a[2] && !mem_copy_to_guest(a[2], &old, sizeof old))
        return -EFAULT;
    return 0;
}

int64_t sys_rt_sigprocmask(struct cpu *c, const uint64_t a[6])
{
    if (a[3] != SIGSET_SIZE_A64)
        return -EINVAL;
    mask_learn();
    uint64_t set = 0, old = sig_state.mask;
    if (a[1] && !mem_copy_from_guest(&set, a[1], 8))
        return -EFAULT;
    if (a[2] && !mem_range_ok(a[2], 8))
        return -EFAULT;
    if (a[1]) {
        switch ((uint32_t)a[0]) {
        case SIG_BLOCK: sig_state.mask |= set; break;
        case SIG_UNBLOCK: sig_state.mask &= ~set; break;
        case SIG_SETMASK: sig_state.mask = set; break;
        default: return -EINVAL;
        }
        sig_state.mask &= ~(sig_bit_a64(SIGKILL) | sig_bit_a64(SIGSTOP));
        sig_apply_mask();
    }
    if (a[2] && !mem_copy_to_guest(a[2], &old, 8))
        return -EFAULT;
    return 0;
}

/* sigaltstack is recorded (no guest frames are built yet). Returned flags:
 * SS_DISABLE or 0, never SS_ONSTACK, since no guest handler ever runs. */
int64_t sys_sigaltstack(struct cpu *c, const uint64_t a[6])
{
    struct stack_a64 ns, old = sig_state.altstack;
    if (a[0]) {
        if (!mem_copy_from_guest(&ns, a[0], sizeof ns))
            return -EFAULT;
        uint32_t f = (uint32_t)ns.ss_flags & ~SS_AUTODISARM_A64;
        if (f != 0 && f != SS_ONSTACK_A64 && f != SS_DISABLE_A64)
            return -EINVAL;
        if (f == SS_DISABLE_A64) {
            ns.ss_sp = 0;
            ns.ss_size = 0;
        } else if (ns.ss_size < MINSIGSTKSZ_A64) {
            return -ENOMEM;
        }
        ns.ss_flags = (int32_t)(f == SS_ONSTACK_A64 ? 0 : f) |
                      (int32_t)((uint32_t)ns.ss_flags & SS_AUTODISARM_A64);
        ns.pad = 0;
    }
    if (a[1] && !mem_copy_to_guest(a[1], &old, sizeof old))
        return -EFAULT;
    if (a[0])
        sig_state.altstack = ns;
    return 0;
}

int64_t sys_rt_sigpending(struct cpu *c, const uint64_t a[6])
{
    if (a[1] > SIGSET_SIZE_A64)
        return -EINVAL;
    uint64_t set;
    if (syscall(SYS_rt_sigpending, &set, 8) != 0)
        return -errno;
    return mem_copy_to_guest(a[0], &set, a[1]) ? 0 : -EFAULT;
}

/* Best effort: the host waits with the guest's mask; without guest handlers
 * only a signal that ends the process (or one of pvm's) ends the wait. */
int64_t sys_rt_sigsuspend(struct cpu *c, const uint64_t a[6])
{
    uint64_t set;
    if (a[1] != SIGSET_SIZE_A64)
        return -EINVAL;
    if (!mem_copy_from_guest(&set, a[0], 8))
        return -EFAULT;
    set = xlat_sigset_to_host(set);
    return sys_ret(syscall(SYS_rt_sigsuspend, &set, 8));
}

/* rt_sigtimedwait(set, info, timeout, sigsetsize): siginfo_t (128 bytes)
 * and struct timespec are the same on both; pvm's fault signals are never
 * taken out of the queue for the guest. */
int64_t sys_rt_sigtimedwait(struct cpu *c, const uint64_t a[6])
{
    uint64_t set;
    if (a[3] != SIGSET_SIZE_A64)
        return -EINVAL;
    if (!mem_copy_from_guest(&set, a[0], 8))
        return -EFAULT;
    if ((a[1] && !mem_range_ok(a[1], SIGINFO_SIZE_A64)) || (a[2] && !mem_range_ok(a[2], 16)))
        return -EFAULT;
    set = xlat_sigset_to_host(set);
    return sys_ret(syscall(SYS_rt_sigtimedwait, &set, a[1] ? g2h(a[1]) : NULL,
                           a[2] ? g2h(a[2]) : NULL, 8));
}

/* no guest signal frames exist yet, so there is nothing to return from */
int64_t sys_rt_sigreturn(struct cpu *c, const uint64_t a[6]) { return -ENOSYS; }

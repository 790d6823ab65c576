/* Signal dispositions and masks, recorded for the guest (delivery to guest
 * handlers is a later issue). SIG_IGN and SIG_DFL are applied to the host at
 * once, so a guest that ignores SIGPIPE gets EPIPE and one that restores the
 * default dies as natively. pvm's own SIGSEGV/SIGBUS handlers are never
 * replaced and never blocked. The guest's struct sigaction is the arm64
 * kernel layout {handler, flags, restorer, mask}. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/syscall.h"

#define NSIG_A64 64
#define SIG_DFL_A64 0
#define SIG_IGN_A64 1
#define SS_DISABLE_A64 2

struct sigaction_a64 {
    uint64_t handler;
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
};
_Static_assert(sizeof(struct sigaction_a64) == 32, "arm64 kernel sigaction");

/* the host kernel's struct for raw rt_sigaction (x86-64) */
struct ksigaction_host {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

static struct sigaction_a64 actions[NSIG_A64 + 1];
static uint64_t guest_mask;
static uint64_t altstack[3] = {0, SS_DISABLE_A64, 0};

static bool sig_reserved(int sig) { return sig == SIGSEGV || sig == SIGBUS; }
static uint64_t sig_bit(int sig) { return 1ull << (sig - 1); }

int64_t sys_rt_sigaction(struct cpu *c, const uint64_t a[6])
{
    int sig = (int)a[0];
    if (sig < 1 || sig > NSIG_A64 || a[3] != 8)
        return -EINVAL;
    struct sigaction_a64 na;
    if (a[1] && !mem_copy_from_guest(&na, a[1], sizeof na))
        return -EFAULT;
    if (a[2] && !mem_range_ok(a[2], sizeof na))
        return -EFAULT;
    if (a[1] && (sig == SIGKILL || sig == SIGSTOP))
        return -EINVAL;
    struct sigaction_a64 old = actions[sig];
    if (a[1]) {
        actions[sig] = na;
        if (!sig_reserved(sig) && (na.handler == SIG_DFL_A64 || na.handler == SIG_IGN_A64)) {
            struct ksigaction_host k = {
                .handler = na.handler == SIG_IGN_A64 ? SIG_IGN : SIG_DFL,
                .flags = na.flags & (SA_NOCLDSTOP | SA_NOCLDWAIT),
            };
            syscall(SYS_rt_sigaction, sig, &k, NULL, 8);
        }
    }
    if (a[2] && !mem_copy_to_guest(a[2], &old, sizeof old))
        return -EFAULT;
    return 0;
}

int64_t sys_rt_sigprocmask(struct cpu *c, const uint64_t a[6])
{
    if (a[3] != 8)
        return -EINVAL;
    uint64_t set = 0, old = guest_mask;
    if (a[1] && !mem_copy_from_guest(&set, a[1], 8))
        return -EFAULT;
    if (a[2] && !mem_range_ok(a[2], 8))
        return -EFAULT;
    if (a[1]) {
        switch (a[0]) {
        case SIG_BLOCK: guest_mask |= set; break;
        case SIG_UNBLOCK: guest_mask &= ~set; break;
        case SIG_SETMASK: guest_mask = set; break;
        default: return -EINVAL;
        }
        guest_mask &= ~(sig_bit(SIGKILL) | sig_bit(SIGSTOP));
        uint64_t host = guest_mask & ~(sig_bit(SIGSEGV) | sig_bit(SIGBUS));
        syscall(SYS_rt_sigprocmask, SIG_SETMASK, &host, NULL, 8);
    }
    if (a[2] && !mem_copy_to_guest(a[2], &old, 8))
        return -EFAULT;
    return 0;
}

int64_t sys_sigaltstack(struct cpu *c, const uint64_t a[6])
{
    uint64_t ns[3], old[3];
    memcpy(old, altstack, sizeof old);
    if (a[0]) {
        if (!mem_copy_from_guest(ns, a[0], sizeof ns))
            return -EFAULT;
        if ((uint32_t)ns[1] & ~(uint32_t)SS_DISABLE_A64 & ~(1u << 31) /* SS_AUTODISARM */)
            return -EINVAL;
        memcpy(altstack, ns, sizeof ns);
    }
    if (a[1] && !mem_copy_to_guest(a[1], old, sizeof old))
        return -EFAULT;
    return 0;
}

int64_t sys_rt_sigpending(struct cpu *c, const uint64_t a[6])
{
    if (a[1] != 8)
        return -EINVAL;
    uint64_t set;
    if (syscall(SYS_rt_sigpending, &set, 8) != 0)
        return -errno;
    return mem_copy_to_guest(a[0], &set, 8) ? 0 : -EFAULT;
}

/* no guest signal frames exist yet, so there is nothing to return from */
int64_t sys_rt_sigreturn(struct cpu *c, const uint64_t a[6]) { return -ENOSYS; }

/* rt_sigqueueinfo, rt_tgsigqueueinfo and pidfd_send_signal: a signal sent
 * with a siginfo the sender wrote. siginfo_t is the asm-generic 128 bytes on arm64 and x86-64
 * and guest signal numbers, pids and tids are the host's, so the guest's
 * siginfo is copied whole and handed to the host call unchanged; the host
 * kernel applies every rule (si_code >= 0 or SI_TKILL only towards the
 * caller's own process: EPERM otherwise; the signal number; permissions).
 * A SIGSEGV/SIGBUS the guest queues this way is told from a fault by pvm's
 * host handler (signals/fault.c), as one sent with kill. */
#include <errno.h>
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "signals/abi_signal.h"
#include "syscalls/abi_proc.h"
#include "syscalls/fdtab.h"
#include "syscalls/syscall.h"

/* The guest's siginfo into si. The kernel copies the 48 bytes of its own
 * kernel_siginfo and reads the rest only for a layout it does not know;
 * pvm asks for all 128 (as qemu does), so a siginfo that ends in an
 * unmapped page is EFAULT here where the kernel might take it. */
static int64_t sigsend_copy_info(uint64_t ga, siginfo_t *si)
{
    return mem_copy_from_guest(si, ga, SIGINFO_SIZE_A64) ? 0 : -EFAULT;
}

/* rt_sigqueueinfo(tgid, sig, uinfo) */
int64_t sys_rt_sigqueueinfo(struct cpu *c, const uint64_t a[6])
{
    siginfo_t si;
    int64_t e = sigsend_copy_info(a[2], &si);
    if (e)
        return e;
    return sys_ret(syscall(SYS_rt_sigqueueinfo, (pid_t)a[0], (int)a[1], &si));
}

/* rt_tgsigqueueinfo(tgid, tid, sig, uinfo) */
int64_t sys_rt_tgsigqueueinfo(struct cpu *c, const uint64_t a[6])
{
    siginfo_t si;
    int64_t e = sigsend_copy_info(a[3], &si);
    if (e)
        return e;
    return sys_ret(syscall(SYS_rt_tgsigqueueinfo, (pid_t)a[0], (pid_t)a[1], (int)a[2], &si));
}

/* pidfd_send_signal(pidfd, sig, info, flags): the kernel checks the flags
 * (one scope at most), then the descriptor (one of pvm's is EBADF, as any
 * that is not a pidfd), then reads the siginfo (the same rules as
 * rt_sigqueueinfo's, applied by the host). A siginfo pvm cannot read goes
 * to the host as an address no process can map, so the host's checks of
 * the descriptor still come first and its answer is then EFAULT, as the
 * kernel's. */
#define SIGSEND_NO_INFO ((const void *)(uintptr_t)-SIGINFO_SIZE_A64)

int64_t sys_pidfd_send_signal(struct cpu *c, const uint64_t a[6])
{
    unsigned flags;
    if (!xlat_pidfd_signal_flags(a[3], &flags))
        return -EINVAL;
    int pidfd = (int)a[0];
    if (pidfd >= 0 && fd_is_pvm(pidfd))
        return -EBADF;
    siginfo_t si;
    const void *info = NULL;
    if (a[2])
        info = sigsend_copy_info(a[2], &si) == 0 ? &si : SIGSEND_NO_INFO;
    return sys_ret(syscall(SYS_pidfd_send_signal, pidfd, (int)a[1], info, flags));
}

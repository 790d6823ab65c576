/* The wait calls, wait4 and waitid, on the host kernel: a guest's children
 * are host children (pvm processes, and the native programs they exec), so
 * the host finds, reaps, reports stops and continues and auto-reaps under
 * SA_NOCLDWAIT or an ignored SIGCHLD exactly as the kernel does for the
 * guest. What pvm keeps to the kernel's rules is what is written where and
 * when, because the host writes into pvm's own buffers and pvm copies out:
 * - wait4 writes the status word, then the rusage, only when a child was
 *   reported (result > 0); a fault on either is EFAULT after the child was
 *   reaped (the kernel's put_user after do_wait);
 * - waitid writes the rusage when a child was reported, then six ints of
 *   the siginfo on every return, errors included (EINVAL, ECHILD, EBADF, an
 *   interrupted wait): si_signo, si_errno, si_code at offset 0 and si_pid,
 *   si_uid, si_status at 16; with nothing to report (WNOHANG with no child
 *   ready, or an error) they are zero; the rest of the 128 bytes is left as
 *   it was; a fault there makes any result EFAULT.
 * So a guest pointer outside the region faults at the moment an unmapped
 * one does, and the host never writes through a guest pointer into pvm.
 * P_PIDFD of one of pvm's hidden descriptors is EBADF, as any descriptor
 * that is not a pidfd. Status words, the SIGCHLD siginfo (LP64
 * asm-generic), P_* and W* values and struct rusage are the same on arm64
 * and x86-64. Both calls may block: sig_hsys. */
#include <errno.h>
#include <signal.h>
#include <stddef.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/mem.h"
#include "signals/safe_syscall.h"
#include "syscalls/abi_proc.h"
#include "syscalls/fdtab.h"
#include "syscalls/syscall.h"

_Static_assert(sizeof(struct rusage) == RUSAGE_SIZE_A64, "rusage layout");
_Static_assert(offsetof(siginfo_t, si_code) + 4 == WAITID_HEAD_OFF_A64 + WAITID_PART_SIZE_A64 &&
                   offsetof(siginfo_t, si_pid) == WAITID_CHLD_OFF_A64 &&
                   offsetof(siginfo_t, si_status) + 4 ==
                       WAITID_CHLD_OFF_A64 + WAITID_PART_SIZE_A64,
               "the SIGCHLD siginfo fields waitid writes");

/* wait4(pid, wstatus, options, rusage) */
int64_t sys_wait4(struct cpu *c, const uint64_t a[6])
{
    int opts;
    if (!xlat_wait4_options(a[2], &opts))
        return -EINVAL;
    int status = 0;
    struct rusage ru;
    int64_t r = sig_hsys(SYS_wait4, (pid_t)a[0], (long)&status, opts, a[3] ? (long)&ru : 0, 0, 0);
    if (r <= 0)
        return r;
    if (a[1] && !mem_copy_to_guest(a[1], &status, sizeof status))
        return -EFAULT;
    if (a[3] && !mem_copy_to_guest(a[3], &ru, sizeof ru))
        return -EFAULT;
    return r;
}

/* waitid(idtype, id, infop, options, rusage) */
int64_t sys_waitid(struct cpu *c, const uint64_t a[6])
{
    int opts;
    uint32_t idtype = (uint32_t)a[0];
    int id = (int)a[1];
    siginfo_t si;
    struct rusage ru;
    memset(&si, 0, sizeof si);
    int64_t r;
    /* the kernel's order: options, then the idtype and its id */
    if (!xlat_waitid_options(a[3], &opts) || idtype > P_PIDFD_A64)
        r = -EINVAL;
    else if (idtype == P_PIDFD_A64 && id >= 0 && fd_is_pvm(id))
        r = -EBADF;
    else
        r = sig_hsys(SYS_waitid, (int)idtype, id, (long)&si, opts, a[4] ? (long)&ru : 0, 0);
    if (r == 0 && si.si_signo && a[4] && !mem_copy_to_guest(a[4], &ru, sizeof ru))
        return -EFAULT;
    if (a[2]) {
        const int32_t head[3] = {si.si_signo, si.si_errno, si.si_code};
        const int32_t chld[3] = {si.si_pid, (int32_t)si.si_uid, si.si_status};
        if (!mem_copy_to_guest(a[2] + WAITID_HEAD_OFF_A64, head, sizeof head) ||
            !mem_copy_to_guest(a[2] + WAITID_CHLD_OFF_A64, chld, sizeof chld))
            return -EFAULT;
    }
    return r;
}

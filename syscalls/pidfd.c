/* pidfd_open and pidfd_getfd (pidfd_send_signal is syscalls/signal_send.c,
 * CLONE_PIDFD syscalls/proc_clone.c, waitid's P_PIDFD proc_wait.c). Guest
 * pids are host pids and guest descriptors host descriptors, so a pidfd is
 * the host's: poll, epoll, waitid and the signal call take it as they are.
 *
 * pidfd_getfd takes a descriptor out of another process, which may be a
 * pvm: its hidden descriptors (its -D log, its copy of stderr) must stay
 * out of reach as this pvm's own do. Every pvm numbers them by one scheme
 * (syscalls/fdtab.h), so a target descriptor at or above a pvm target's
 * base is answered as a descriptor that is not open; and the file that
 * would arrive is compared with this pvm's protected files (their identity
 * is shared with every pvm that inherited the same log) before the call and
 * again after it, in case the target changed that descriptor in between. A
 * target that cannot be told (its exe unreadable) counts as a pvm. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/abi_proc.h"
#include "syscalls/fdtab.h"
#include "syscalls/procfs.h"
#include "syscalls/selfexe.h"
#include "syscalls/syscall.h"

/* pidfd_open(pid, flags) */
int64_t sys_pidfd_open(struct cpu *c, const uint64_t a[6])
{
    unsigned flags;
    if (!xlat_pidfd_open_flags(a[1], &flags))
        return -EINVAL;
    return fdtab_guest_fd(sys_ret(syscall(SYS_pidfd_open, (pid_t)a[0], flags)));
}

/* the pid a pidfd of this process refers to ("Pid:" of its fdinfo): > 0,
 * or 0 when unknown (not a pidfd, the process gone, another namespace) */
static int pidfd_target(int pidfd)
{
    char path[64], line[128];
    snprintf(path, sizeof path, "/proc/thread-self/fdinfo/%d", pidfd);
    FILE *f = fopen(path, "re");
    if (!f)
        return 0;
    int pid = 0;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "Pid:", 4) == 0) {
            pid = atoi(line + 4);
            break;
        }
    fclose(f);
    return pid > 0 ? pid : 0;
}

/* whether process pid may be a pvm (its exe is pvm's binary, or unreadable) */
static bool pidfd_target_pvm(int pid)
{
    char exe[64];
    struct stat st;
    snprintf(exe, sizeof exe, "/proc/%d/exe", pid);
    return stat(exe, &st) != 0 || procfs_is_pvm_binary(exe);
}

/* whether descriptor fd of process pid is one of pvm's protected files */
static bool pidfd_target_protected(int pid, int fd)
{
    char path[64];
    struct stat st;
    snprintf(path, sizeof path, "/proc/%d/fd/%d", pid, fd);
    return fdtab_protecting() && stat(path, &st) == 0 && fdtab_is_protected(&st);
}

/* pidfd_getfd(pidfd, targetfd, flags) */
int64_t sys_pidfd_getfd(struct cpu *c, const uint64_t a[6])
{
    int pidfd = (int)a[0], target = (int)a[1];
    if ((uint32_t)a[2])
        return -EINVAL; /* no flag is defined */
    if (pidfd >= 0 && fd_is_pvm(pidfd))
        return -EBADF;
    int pid = pidfd_target(pidfd);
    if (target >= 0) {
        if ((pid == 0 || pidfd_target_pvm(pid)) && target >= (pid ? fdtab_base_of(pid) : fd_pvm_base))
            /* -1 is never open: the host gives the kernel's answer, after
             * its own checks of the pidfd and of the caller's rights */
            target = -1;
        else if (pid && pidfd_target_protected(pid, target))
            return -EACCES;
    }
    long r = fdtab_guest_fd(sys_ret(syscall(SYS_pidfd_getfd, pidfd, target, 0u)));
    /* a protected file, or pvm's binary taken out of another process
     * (a descriptor is a route without a path: selfexe.h) */
    struct stat st;
    if (r >= 0 && (fdtab_protecting() || selfexe_guarding()) && fstat((int)r, &st) == 0 &&
        ((fdtab_protecting() && fdtab_is_protected(&st)) || selfexe_guard(&st, -1, NULL, true))) {
        close((int)r);
        return -EACCES;
    }
    return r;
}

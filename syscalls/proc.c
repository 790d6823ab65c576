/* Process identity, limits, exit and the thread-list bookkeeping calls.
 * Invariants: guest pointers the kernel would keep (robust lists, the
 * clear-child-tid address) are recorded by pvm and never handed to the host
 * kernel; RLIMIT_NOFILE is the guest's view (below pvm's own descriptors). */
#include <errno.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "engine/engine.h"
#include "syscalls/fdtab.h"
#include "syscalls/syscall.h"

#define RLIMIT_NOFILE_A64 7
#define ROBUST_LIST_HEAD_SIZE_A64 24

static uint64_t clear_child_tid;
static uint64_t robust_head, robust_len;
static struct rlimit nofile_view;

int64_t sys_exit(struct cpu *c, const uint64_t a[6]) { engine_exit((int)a[0]); }
int64_t sys_exit_group(struct cpu *c, const uint64_t a[6]) { engine_exit((int)a[0]); }

int64_t sys_set_tid_address(struct cpu *c, const uint64_t a[6])
{
    clear_child_tid = a[0];
    return (int64_t)syscall(SYS_gettid);
}

int64_t sys_set_robust_list(struct cpu *c, const uint64_t a[6])
{
    if (a[1] != ROBUST_LIST_HEAD_SIZE_A64)
        return -EINVAL;
    robust_head = a[0];
    robust_len = a[1];
    return 0;
}

int64_t sys_get_robust_list(struct cpu *c, const uint64_t a[6])
{
    if (a[0] != 0 && (pid_t)a[0] != (pid_t)syscall(SYS_gettid))
        return -EPERM;
    if (!mem_copy_to_guest(a[1], &robust_head, 8) || !mem_copy_to_guest(a[2], &robust_len, 8))
        return -EFAULT;
    return 0;
}

/* glibc registers rseq at start-up and copes with ENOSYS */
int64_t sys_rseq(struct cpu *c, const uint64_t a[6]) { return -ENOSYS; }

int64_t sys_getpid(struct cpu *c, const uint64_t a[6]) { return getpid(); }
int64_t sys_getppid(struct cpu *c, const uint64_t a[6]) { return getppid(); }
int64_t sys_gettid(struct cpu *c, const uint64_t a[6]) { return (int64_t)syscall(SYS_gettid); }
int64_t sys_getuid(struct cpu *c, const uint64_t a[6]) { return getuid(); }
int64_t sys_geteuid(struct cpu *c, const uint64_t a[6]) { return geteuid(); }
int64_t sys_getgid(struct cpu *c, const uint64_t a[6]) { return getgid(); }
int64_t sys_getegid(struct cpu *c, const uint64_t a[6]) { return getegid(); }

static int64_t proc_get3(const uint64_t a[6], long nr)
{
    unsigned v[3];
    long r = syscall(nr, &v[0], &v[1], &v[2]);
    if (r < 0)
        return -errno;
    for (int k = 0; k < 3; k++)
        if (!mem_copy_to_guest(a[k], &v[k], 4))
            return -EFAULT;
    return 0;
}
int64_t sys_getresuid(struct cpu *c, const uint64_t a[6]) { return proc_get3(a, SYS_getresuid); }
int64_t sys_getresgid(struct cpu *c, const uint64_t a[6]) { return proc_get3(a, SYS_getresgid); }

int64_t sys_getgroups(struct cpu *c, const uint64_t a[6])
{
    int n = (int)a[0];
    if (n < 0)
        return -EINVAL;
    if (n && !mem_range_ok(a[1], (uint64_t)n * 4))
        return -EFAULT;
    return sys_ret(syscall(SYS_getgroups, n, n ? g2h(a[1]) : NULL));
}

int64_t sys_setgroups(struct cpu *c, const uint64_t a[6])
{
    int n = (int)a[0];
    if (n < 0 || n > 65536)
        return -EINVAL;
    if (n && !mem_range_ok(a[1], (uint64_t)n * 4))
        return -EFAULT;
    return sys_ret(syscall(SYS_setgroups, n, n ? g2h(a[1]) : NULL));
}

int64_t sys_setuid(struct cpu *c, const uint64_t a[6]) { return sys_ret(syscall(SYS_setuid, a[0])); }
int64_t sys_setgid(struct cpu *c, const uint64_t a[6]) { return sys_ret(syscall(SYS_setgid, a[0])); }
int64_t sys_setreuid(struct cpu *c, const uint64_t a[6]) { return sys_ret(syscall(SYS_setreuid, a[0], a[1])); }
int64_t sys_setregid(struct cpu *c, const uint64_t a[6]) { return sys_ret(syscall(SYS_setregid, a[0], a[1])); }
int64_t sys_setresuid(struct cpu *c, const uint64_t a[6])
{
    return sys_ret(syscall(SYS_setresuid, a[0], a[1], a[2]));
}
int64_t sys_setresgid(struct cpu *c, const uint64_t a[6])
{
    return sys_ret(syscall(SYS_setresgid, a[0], a[1], a[2]));
}
int64_t sys_getpgid(struct cpu *c, const uint64_t a[6]) { return sys_ret(getpgid((pid_t)a[0])); }
int64_t sys_setpgid(struct cpu *c, const uint64_t a[6]) { return sys_ret(setpgid((pid_t)a[0], (pid_t)a[1])); }
int64_t sys_getsid(struct cpu *c, const uint64_t a[6]) { return sys_ret(getsid((pid_t)a[0])); }
int64_t sys_setsid(struct cpu *c, const uint64_t a[6]) { return sys_ret(setsid()); }

/* RLIMIT_NOFILE: the guest sees and sets its own view, never the room above
 * it where pvm keeps its descriptors. Other resources go to the host. */
static int64_t proc_rlimit(uint64_t pid, int res, uint64_t newp, uint64_t oldp)
{
    struct rlimit nv, ov;
    if (newp && !mem_copy_from_guest(&nv, newp, sizeof nv))
        return -EFAULT;
    if (oldp && !mem_range_ok(oldp, sizeof ov))
        return -EFAULT;
    if (res == RLIMIT_NOFILE_A64 && (pid == 0 || (pid_t)pid == getpid())) {
        if (!nofile_view.rlim_max)
            nofile_view.rlim_cur = nofile_view.rlim_max = (rlim_t)fdtab_guest_nofile_limit();
        ov = nofile_view;
        if (newp) {
            if (nv.rlim_cur > nv.rlim_max)
                return -EINVAL;
            if (nv.rlim_max > (rlim_t)fdtab_guest_nofile_limit())
                return -EPERM;
            nofile_view = nv;
        }
    } else {
        if (res < 0 || res >= RLIM_NLIMITS)
            return -EINVAL;
        if (syscall(SYS_prlimit64, (pid_t)pid, res, newp ? &nv : NULL, &ov) != 0)
            return -errno;
    }
    if (oldp && !mem_copy_to_guest(oldp, &ov, sizeof ov))
        return -EFAULT;
    return 0;
}

int64_t sys_prlimit64(struct cpu *c, const uint64_t a[6]) { return proc_rlimit(a[0], (int)a[1], a[2], a[3]); }
int64_t sys_getrlimit(struct cpu *c, const uint64_t a[6]) { return proc_rlimit(0, (int)a[0], 0, a[1]); }
int64_t sys_setrlimit(struct cpu *c, const uint64_t a[6]) { return proc_rlimit(0, (int)a[0], a[1], 0); }

int64_t sys_getrusage(struct cpu *c, const uint64_t a[6])
{
    struct rusage ru; /* identical layout on arm64 and x86-64 (all longs) */
    _Static_assert(sizeof ru == 144, "rusage layout");
    int who = (int)a[0];
    if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD)
        return -EINVAL;
    if (getrusage(who, &ru) != 0)
        return -errno;
    return mem_copy_to_guest(a[1], &ru, sizeof ru) ? 0 : -EFAULT;
}

int64_t sys_umask(struct cpu *c, const uint64_t a[6]) { return umask((mode_t)(a[0] & 0777)); }

/* Signal numbers are the asm-generic ones on both architectures. */
static bool proc_sig_ok(uint64_t sig) { return sig <= 64; }

int64_t sys_kill(struct cpu *c, const uint64_t a[6])
{
    if (!proc_sig_ok(a[1]))
        return -EINVAL;
    return sys_ret(kill((pid_t)a[0], (int)a[1]));
}
int64_t sys_tkill(struct cpu *c, const uint64_t a[6])
{
    if (!proc_sig_ok(a[1]))
        return -EINVAL;
    return sys_ret(syscall(SYS_tkill, (pid_t)a[0], (int)a[1]));
}
int64_t sys_tgkill(struct cpu *c, const uint64_t a[6])
{
    if (!proc_sig_ok(a[2]))
        return -EINVAL;
    return sys_ret(syscall(SYS_tgkill, (pid_t)a[0], (pid_t)a[1], (int)a[2]));
}

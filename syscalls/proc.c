/* Process identity, credentials, limits, exit and the thread bookkeeping
 * calls. Invariants: guest pointers the kernel would keep and walk later (the
 * robust futex list) are recorded by pvm and never handed to the host kernel;
 * RLIMIT_NOFILE and RLIMIT_AS are the guest's views (see proc_rlimit), and
 * so is RLIMIT_STACK when -s gave the guest's stack size (an execve passes
 * its soft limit on as the next pvm's -s: proc_stack_limit_for_exec).
 * Limits are the process's, as on the kernel: the views in proc_task are
 * read and changed under proc_lock (a leaf lock), so two threads' setrlimit
 * calls and a reader never see half a view. The per-thread records (tid
 * address, robust list) are in c->proc and need no lock. */
#include <errno.h>
#include <linux/capability.h>
#include <pthread.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/options.h"
#include "syscalls/abi_proc.h"
#include "syscalls/fdtab.h"
#include "syscalls/proc_state.h"
#include "syscalls/syscall.h"

#define ROBUST_LIST_HEAD_SIZE_A64 24

struct proc_task_state proc_task;
static pthread_mutex_t proc_lock = PTHREAD_MUTEX_INITIALIZER;

void proc_task_save(struct proc_task_state *out)
{
    pthread_mutex_lock(&proc_lock);
    *out = proc_task;
    pthread_mutex_unlock(&proc_lock);
}

void proc_task_restore(const struct proc_task_state *in)
{
    pthread_mutex_lock(&proc_lock);
    proc_task = *in;
    pthread_mutex_unlock(&proc_lock);
}

void proc_atfork(enum fork_phase ph)
{
    switch (ph) {
    case FORK_PREPARE: pthread_mutex_lock(&proc_lock); break;
    case FORK_PARENT:
    case FORK_CHILD: pthread_mutex_unlock(&proc_lock); break;
    }
}

void proc_task_after_fork(struct cpu *c, uint64_t clear_child_tid)
{
    c->proc.clear_child_tid = clear_child_tid;
    c->proc.robust_head = c->proc.robust_len = 0;
    c->proc.vfork_child = 0;
}

/* exit ends the calling guest thread, exit_group the process: the engine
 * does either once the handler has returned (c->proc.req) */
int64_t sys_exit(struct cpu *c, const uint64_t a[6])
{
    c->proc.req = TASK_REQ_EXIT;
    c->proc.req_status = (int)(a[0] & 0xff);
    return 0;
}

int64_t sys_exit_group(struct cpu *c, const uint64_t a[6])
{
    c->proc.req = TASK_REQ_EXIT_GROUP;
    c->proc.req_status = (int)(a[0] & 0xff);
    return 0;
}

int64_t sys_set_tid_address(struct cpu *c, const uint64_t a[6])
{
    c->proc.clear_child_tid = a[0];
    return c->tid;
}

int64_t sys_set_robust_list(struct cpu *c, const uint64_t a[6])
{
    if (a[1] != ROBUST_LIST_HEAD_SIZE_A64)
        return -EINVAL;
    c->proc.robust_len = a[1];
    /* another thread's exit_group may take it at any time (futex_robust_exit) */
    __atomic_store_n(&c->proc.robust_head, a[0], __ATOMIC_RELEASE);
    return 0;
}

int64_t sys_get_robust_list(struct cpu *c, const uint64_t a[6])
{
    pid_t pid = (pid_t)a[0];
    if (pid != 0 && pid != c->tid)
        return pid < 0 || kill(pid, 0) != 0 ? -ESRCH : -EPERM;
    uint64_t head = __atomic_load_n(&c->proc.robust_head, __ATOMIC_ACQUIRE);
    if (!mem_copy_to_guest(a[1], &head, 8) ||
        !mem_copy_to_guest(a[2], &c->proc.robust_len, 8))
        return -EFAULT;
    return 0;
}

/* glibc registers rseq at start-up and copes with ENOSYS */
int64_t sys_rseq(struct cpu *c, const uint64_t a[6]) { return -ENOSYS; }

int64_t sys_getpid(struct cpu *c, const uint64_t a[6]) { return getpid(); }
int64_t sys_getppid(struct cpu *c, const uint64_t a[6]) { return getppid(); }
/* the cpu's tid: set at start (the pid) and by clone in each child */
int64_t sys_gettid(struct cpu *c, const uint64_t a[6]) { return c->tid; }
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

/* RLIMIT_NOFILE and RLIMIT_AS are views: the guest reads and sets its own
 * values and the host limits stay as pvm needs them (pvm's descriptors live
 * above the guest's NOFILE limit; its reservation alone exceeds any AS limit a
 * guest would set, and the host would then refuse every mapping). Raising a
 * view's hard limit above its starting value is -EPERM, as for an
 * unprivileged process (pvm cannot give more descriptors than it kept room
 * for). Other resources go to the host (the same numbering on both). */
/* with -s SIZE the guest's RLIMIT_STACK starts as {SIZE, the host's hard
 * limit, or SIZE when that is lower} (takes no lock) */
static void proc_rlimit_stack_start(struct rlimit *r)
{
    getrlimit(RLIMIT_STACK, r);
    r->rlim_cur = (rlim_t)opt.stack_size;
    if (r->rlim_max != RLIM_INFINITY && r->rlim_max < r->rlim_cur)
        r->rlim_max = r->rlim_cur;
}

/* under proc_lock */
static void proc_rlimit_defaults(void)
{
    if (!proc_task.nofile_set) {
        rlim_t n = (rlim_t)fdtab_guest_nofile_limit();
        proc_task.nofile_view = (struct rlimit){n, n};
        proc_task.nofile_set = 1;
    }
    if (!proc_task.as_set) {
        getrlimit(RLIMIT_AS, &proc_task.as_view);
        proc_task.as_set = 1;
    }
    if (!proc_task.stack_set) {
        proc_rlimit_stack_start(&proc_task.stack_view);
        proc_task.stack_set = 1;
    }
}

uint64_t proc_stack_limit_for_exec(void)
{
    pthread_mutex_lock(&proc_lock);
    bool set = proc_task.stack_set;
    rlim_t cur = proc_task.stack_view.rlim_cur;
    pthread_mutex_unlock(&proc_lock);
    if (!opt.stack_size_given || !set || cur == RLIM_INFINITY)
        return 0;
    uint64_t v = cur;
    /* what -s accepts (options.c): at least 64K, at most 1/8 of the region */
    if (v < OPTIONS_STACK_MIN)
        v = OPTIONS_STACK_MIN;
    return v < opt.reserve / 8 ? v : opt.reserve / 8;
}

static int64_t proc_rlimit(uint64_t pid, uint64_t gres, uint64_t newp, uint64_t oldp)
{
    struct rlimit nv, ov;
    int res = xlat_rlimit_resource(gres);
    if (res < 0)
        return -EINVAL;
    if (newp && !mem_copy_from_guest(&nv, newp, sizeof nv))
        return -EFAULT;
    if (oldp && !mem_range_ok(oldp, sizeof ov))
        return -EFAULT;
    if (newp && nv.rlim_cur > nv.rlim_max)
        return -EINVAL;
    pid_t p = (pid_t)pid;
    struct rlimit *view = NULL, start = {0, 0};
    /* a thread's id names the process too (the limits are per process) */
    bool self = p == 0 || p == getpid() || syscall(SYS_tgkill, getpid(), p, 0) == 0;
    if (self && (res == RLIMIT_NOFILE_A64 || res == RLIMIT_AS_A64 ||
                 (res == RLIMIT_STACK_A64 && opt.stack_size_given))) {
        if (res == RLIMIT_NOFILE_A64) {
            view = &proc_task.nofile_view;
            rlim_t n = (rlim_t)fdtab_guest_nofile_limit();
            start = (struct rlimit){n, n};
        } else if (res == RLIMIT_AS_A64) {
            view = &proc_task.as_view;
            getrlimit(RLIMIT_AS, &start);
        } else {
            view = &proc_task.stack_view;
            proc_rlimit_stack_start(&start);
        }
    }
    if (view) {
        int64_t r = 0;
        pthread_mutex_lock(&proc_lock);
        proc_rlimit_defaults();
        ov = *view;
        if (newp) {
            if (nv.rlim_max > view->rlim_max && (geteuid() != 0 || nv.rlim_max > start.rlim_max))
                r = -EPERM;
            else
                *view = nv;
        }
        pthread_mutex_unlock(&proc_lock);
        if (r)
            return r;
    } else if (syscall(SYS_prlimit64, p, res, newp ? &nv : NULL, &ov) != 0) {
        return -errno;
    }
    if (oldp && !mem_copy_to_guest(oldp, &ov, sizeof ov))
        return -EFAULT;
    return 0;
}

int64_t sys_prlimit64(struct cpu *c, const uint64_t a[6]) { return proc_rlimit(a[0], a[1], a[2], a[3]); }
int64_t sys_getrlimit(struct cpu *c, const uint64_t a[6]) { return proc_rlimit(0, a[0], 0, a[1]); }
int64_t sys_setrlimit(struct cpu *c, const uint64_t a[6]) { return proc_rlimit(0, a[0], a[1], 0); }

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
static bool proc_sig_ok(uint64_t sig) { return sig <= NSIG_A64; }

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

/* capget/capset: header {u32 version; s32 pid} and 1 (v1) or 2 (v2, v3)
 * {effective, permitted, inheritable} u32 triples, the same on both. The
 * kernel writes its preferred version back into an unknown header. */
static int cap_count(uint32_t version)
{
    return version == _LINUX_CAPABILITY_VERSION_1 ? 1 : 2;
}

int64_t sys_capget(struct cpu *c, const uint64_t a[6])
{
    struct __user_cap_header_struct h;
    struct __user_cap_data_struct d[2];
    if (!mem_copy_from_guest(&h, a[0], sizeof h))
        return -EFAULT;
    long r = syscall(SYS_capget, &h, a[1] ? d : NULL);
    int e = errno;
    if (!mem_copy_to_guest(a[0], &h, sizeof h))
        return -EFAULT;
    if (r != 0)
        return -e;
    if (a[1] && !mem_copy_to_guest(a[1], d, sizeof d[0] * (size_t)cap_count(h.version)))
        return -EFAULT;
    return 0;
}

int64_t sys_capset(struct cpu *c, const uint64_t a[6])
{
    struct __user_cap_header_struct h;
    struct __user_cap_data_struct d[2] = {{0, 0, 0}, {0, 0, 0}};
    if (!mem_copy_from_guest(&h, a[0], sizeof h))
        return -EFAULT;
    if (h.version != _LINUX_CAPABILITY_VERSION_1 && h.version != _LINUX_CAPABILITY_VERSION_2 &&
        h.version != _LINUX_CAPABILITY_VERSION_3) {
        h.version = _LINUX_CAPABILITY_VERSION_3;
        return mem_copy_to_guest(a[0], &h, sizeof h) ? -EINVAL : -EFAULT;
    }
    if (!mem_copy_from_guest(d, a[1], sizeof d[0] * (size_t)cap_count(h.version)))
        return -EFAULT;
    return sys_ret(syscall(SYS_capset, &h, d));
}

/* Miscellaneous calls: uname (the guest sees an aarch64 machine), sysinfo,
 * getrandom, scheduling, prctl, personality, host names, syslog (futexes
 * are syscalls/futex.c). Layouts of struct utsname, sysinfo and tms are
 * identical on arm64 and x86-64. */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "core/process.h"
#include "syscalls/abi_misc.h"
#include "syscalls/abi_proc.h"
#include "syscalls/proc_state.h"
#include "syscalls/procfs.h"
#include "syscalls/syscall.h"

int64_t sys_uname(struct cpu *c, const uint64_t a[6])
{
    struct utsname u;
    _Static_assert(sizeof u == 390, "utsname layout");
    if (uname(&u) != 0)
        return -errno;
    snprintf(u.machine, sizeof u.machine, "aarch64");
    return mem_copy_to_guest(a[0], &u, sizeof u) ? 0 : -EFAULT;
}

int64_t sys_sysinfo(struct cpu *c, const uint64_t a[6])
{
    struct sysinfo si;
    _Static_assert(sizeof si == 112, "sysinfo layout");
    if (sysinfo(&si) != 0)
        return -errno;
    return mem_copy_to_guest(a[0], &si, sizeof si) ? 0 : -EFAULT;
}

int64_t sys_getrandom(struct cpu *c, const uint64_t a[6])
{
    if (a[2] & ~(uint64_t)(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE))
        return -EINVAL;
    if (!mem_range_ok(a[0], a[1]))
        return -EFAULT;
    return sys_ret(syscall(SYS_getrandom, g2h(a[0]), (size_t)a[1], (unsigned)a[2]));
}

int64_t sys_sched_getaffinity(struct cpu *c, const uint64_t a[6])
{
    if (!mem_range_ok(a[2], a[1]))
        return -EFAULT;
    return sys_ret(syscall(SYS_sched_getaffinity, (pid_t)a[0], (size_t)a[1], g2h(a[2])));
}

int64_t sys_sched_setaffinity(struct cpu *c, const uint64_t a[6])
{
    if (!mem_range_ok(a[2], a[1]))
        return -EFAULT;
    return sys_ret(syscall(SYS_sched_setaffinity, (pid_t)a[0], (size_t)a[1], g2h(a[2])));
}

int64_t sys_sched_yield(struct cpu *c, const uint64_t a[6]) { return sys_ret(sched_yield()); }

int64_t sys_getcpu(struct cpu *c, const uint64_t a[6])
{
    unsigned cpu, node;
    if (syscall(SYS_getcpu, &cpu, &node, NULL) != 0)
        return -errno;
    if ((a[0] && !mem_copy_to_guest(a[0], &cpu, 4)) || (a[1] && !mem_copy_to_guest(a[1], &node, 4)))
        return -EFAULT;
    return 0;
}

/* ---- prctl ---- */

/* prctl state is per thread where the kernel keeps it per task: the name
 * is the host thread's own, the tagged-address control is in c->proc
 * (core/task.h), inherited at clone. PR_SET_TAGGED_ADDR_CTRL: pvm always ignores the top byte of guest
 * addresses (TBI), so enabling the tagged-address syscall ABI only needs
 * recording; MTE bits are refused (no MTE in HWCAP). */

static int64_t prctl_get_int(int opt, uint64_t ga)
{
    int v;
    if (prctl(opt, &v, 0, 0, 0) != 0)
        return -errno;
    return mem_copy_to_guest(ga, &v, 4) ? 0 : -EFAULT;
}

int64_t sys_prctl(struct cpu *c, const uint64_t a[6])
{
    char name[16];
    switch ((uint32_t)a[0]) {
    case PR_SET_NAME_A64:
        /* the kernel copies at most 15 bytes and terminates them */
        memset(name, 0, sizeof name);
        if (mem_strncpy_from_guest(name, a[1], sizeof name - 1) == -EFAULT)
            return -EFAULT;
        /* the thread's name is its host thread's (core/process.h): /proc's
         * comm files, stat and status, and host tools (ps, top) show it */
        return sys_ret(prctl(PR_SET_NAME, name, 0, 0, 0));
    case PR_GET_NAME_A64:
        if (prctl(PR_GET_NAME, name, 0, 0, 0) != 0)
            return -errno;
        return mem_copy_to_guest(a[1], name, sizeof name) ? 0 : -EFAULT;
    case PR_SET_PDEATHSIG_A64:
        if (a[1] > NSIG_A64)
            return -EINVAL;
        return sys_ret(prctl(PR_SET_PDEATHSIG, a[1], 0, 0, 0));
    case PR_GET_PDEATHSIG_A64:
        return prctl_get_int(PR_GET_PDEATHSIG, a[1]);
    case PR_GET_CHILD_SUBREAPER_A64:
        return prctl_get_int(PR_GET_CHILD_SUBREAPER, a[1]);
    case PR_SET_DUMPABLE_A64:
        if (a[1] > 1) /* SUID_DUMP_ROOT (2) is not settable */
            return -EINVAL;
        return sys_ret(prctl(PR_SET_DUMPABLE, a[1], 0, 0, 0));
    case PR_GET_TID_ADDRESS_A64:
        return mem_copy_to_guest(a[1], &c->proc.clear_child_tid, 8) ? 0 : -EFAULT;
    /* plain values in and out, same meaning for pvm's process as for the
     * guest's: the host checks the arguments and privileges */
    case PR_GET_DUMPABLE_A64:
    case PR_GET_KEEPCAPS_A64:
    case PR_SET_KEEPCAPS_A64:
    case PR_GET_TIMING_A64:
    case PR_SET_TIMING_A64:
    case PR_GET_SECCOMP_A64:
    case PR_CAPBSET_READ_A64:
    case PR_CAPBSET_DROP_A64:
    case PR_GET_SECUREBITS_A64:
    case PR_SET_SECUREBITS_A64:
    case PR_SET_TIMERSLACK_A64:
    case PR_GET_TIMERSLACK_A64:
    case PR_TASK_PERF_EVENTS_DISABLE_A64:
    case PR_TASK_PERF_EVENTS_ENABLE_A64:
    case PR_MCE_KILL_A64:
    case PR_MCE_KILL_GET_A64:
    case PR_SET_CHILD_SUBREAPER_A64:
    case PR_SET_NO_NEW_PRIVS_A64:
    case PR_GET_NO_NEW_PRIVS_A64:
    case PR_SET_THP_DISABLE_A64:
    case PR_GET_THP_DISABLE_A64:
    case PR_CAP_AMBIENT_A64:
    case PR_GET_SPECULATION_CTRL_A64:
    case PR_SET_SPECULATION_CTRL_A64:
    case PR_SET_IO_FLUSHER_A64:
    case PR_GET_IO_FLUSHER_A64:
    case PR_SET_PTRACER_A64:
        return sys_ret(prctl((int)a[0], a[1], a[2], a[3], a[4]));
    case PR_SET_TAGGED_ADDR_CTRL_A64:
        if (a[1] & ~(uint64_t)PR_TAGGED_ADDR_ENABLE_A64 || a[2] || a[3] || a[4])
            return -EINVAL;
        c->proc.tagged_ctrl = a[1];
        return 0;
    case PR_GET_TAGGED_ADDR_CTRL_A64:
        if (a[1] || a[2] || a[3] || a[4])
            return -EINVAL;
        return (int64_t)c->proc.tagged_ctrl;
    case PR_SET_MM_A64:
        return -EPERM; /* would rewrite pvm's own mm fields: never allowed */
    default:
        /* SET_SECCOMP (a guest filter would judge pvm's host calls), MDWE
         * (would forbid pvm's own code cache), SVE/SME/PAC/MTE controls (not
         * advertised in HWCAP), other architectures' options, unknown ones */
        return -EINVAL;
    }
}

/* ---- personality ---- */

/* personality is per task on the kernel, and so is the host's for pvm's
 * host thread: the flag bits the host cannot carry are kept per thread in
 * c->proc.persona_local */
int64_t sys_personality(struct cpu *c, const uint64_t a[6])
{
    int host = personality(0xffffffff);
    if (host < 0)
        return -errno;
    uint32_t old = ((uint32_t)host & PER_HOST_FLAGS_A64) | c->proc.persona_local;
    uint32_t p = (uint32_t)a[0];
    if (p == 0xffffffffu)
        return old;
    if (!xlat_personality_ok(p))
        return -EINVAL;
    if (personality((unsigned long)(((uint32_t)host & ~PER_FLAGS_A64) | (p & PER_HOST_FLAGS_A64))) < 0)
        return -errno;
    c->proc.persona_local = p & PER_FLAGS_A64 & ~PER_HOST_FLAGS_A64;
    return old;
}

int64_t sys_getpriority(struct cpu *c, const uint64_t a[6])
{
    /* the raw syscall returns 20 - nice, as the guest expects */
    return sys_ret(syscall(SYS_getpriority, (int)a[0], (id_t)a[1]));
}

int64_t sys_setpriority(struct cpu *c, const uint64_t a[6])
{
    return sys_ret(setpriority((int)a[0], (id_t)a[1], (int)a[2]));
}

int64_t sys_times(struct cpu *c, const uint64_t a[6])
{
    struct tms t;
    clock_t r = times(&t);
    if (r == (clock_t)-1)
        return -errno;
    if (a[0] && !mem_copy_to_guest(a[0], &t, sizeof t))
        return -EFAULT;
    return (int64_t)r;
}

/* ---- scheduling parameters: struct sched_param is one int on both ---- */

int64_t sys_sched_getscheduler(struct cpu *c, const uint64_t a[6])
{
    return sys_ret(syscall(SYS_sched_getscheduler, (pid_t)a[0]));
}

int64_t sys_sched_getparam(struct cpu *c, const uint64_t a[6])
{
    struct sched_param p;
    if (syscall(SYS_sched_getparam, (pid_t)a[0], &p) != 0)
        return -errno;
    return mem_copy_to_guest(a[1], &p, sizeof p) ? 0 : -EFAULT;
}

int64_t sys_sched_setparam(struct cpu *c, const uint64_t a[6])
{
    struct sched_param p;
    if (!mem_copy_from_guest(&p, a[1], sizeof p))
        return -EFAULT;
    return sys_ret(syscall(SYS_sched_setparam, (pid_t)a[0], &p));
}

int64_t sys_sched_setscheduler(struct cpu *c, const uint64_t a[6])
{
    struct sched_param p;
    if (!mem_copy_from_guest(&p, a[2], sizeof p))
        return -EFAULT;
    return sys_ret(syscall(SYS_sched_setscheduler, (pid_t)a[0], (int)a[1], &p));
}

int64_t sys_sched_get_priority_max(struct cpu *c, const uint64_t a[6])
{
    return sys_ret(syscall(SYS_sched_get_priority_max, (int)a[0]));
}

int64_t sys_sched_get_priority_min(struct cpu *c, const uint64_t a[6])
{
    return sys_ret(syscall(SYS_sched_get_priority_min, (int)a[0]));
}

int64_t sys_sched_rr_get_interval(struct cpu *c, const uint64_t a[6])
{
    struct timespec ts; /* two 64-bit fields on both */
    if (syscall(SYS_sched_rr_get_interval, (pid_t)a[0], &ts) != 0)
        return -errno;
    return mem_copy_to_guest(a[1], &ts, sizeof ts) ? 0 : -EFAULT;
}

/* sched_getattr(pid, attr, size, flags): the kernel writes at most size
 * bytes (and its own size into attr->size); the layout is the same. */
int64_t sys_sched_getattr(struct cpu *c, const uint64_t a[6])
{
    uint32_t size = (uint32_t)a[2];
    if (!a[1] || (int32_t)a[0] < 0 || (uint32_t)a[3] || size < SCHED_ATTR_SIZE_VER0_A64 ||
        size > GUEST_PAGE)
        return -EINVAL;
    if (!mem_range_ok(a[1], size))
        return -EFAULT;
    return sys_ret(syscall(SYS_sched_getattr, (pid_t)a[0], g2h(a[1]), size, 0u));
}

/* sched_setattr(pid, attr, flags): attr->size says how much the kernel
 * reads (0: the first version; larger than the kernel's: the rest must be
 * zero; past a page: only the size field is touched, to report E2BIG). */
int64_t sys_sched_setattr(struct cpu *c, const uint64_t a[6])
{
    uint32_t size;
    if (!a[1] || (int32_t)a[0] < 0 || (uint32_t)a[2])
        return -EINVAL;
    if (!mem_copy_from_guest(&size, a[1], 4))
        return -EFAULT;
    uint64_t n = size == 0 ? SCHED_ATTR_SIZE_VER0_A64 : size > GUEST_PAGE ? 4 : size;
    if (!mem_range_ok(a[1], n))
        return -EFAULT;
    return sys_ret(syscall(SYS_sched_setattr, (pid_t)a[0], g2h(a[1]), 0u));
}

/* ---- host names, kernel log: the host enforces the privileges ---- */

/* sethostname/setdomainname(name, len): the kernel checks privilege and
 * length before reading, so an unreadable name is given to the host as
 * NULL: an unprivileged guest sees EPERM exactly as natively. */
static int64_t misc_set_name(long nr, const uint64_t a[6])
{
    char buf[65];
    int64_t len = (int64_t)a[1];
    const char *p = NULL;
    if (len >= 0 && len <= 64 && mem_copy_from_guest(buf, a[0], (size_t)len))
        p = buf;
    return sys_ret(syscall(nr, p, (size_t)len));
}

int64_t sys_sethostname(struct cpu *c, const uint64_t a[6]) { return misc_set_name(SYS_sethostname, a); }
int64_t sys_setdomainname(struct cpu *c, const uint64_t a[6]) { return misc_set_name(SYS_setdomainname, a); }

/* syslog(type, buf, len): only the read actions use the buffer */
int64_t sys_syslog(struct cpu *c, const uint64_t a[6])
{
    int type = (int)a[0], len = (int)a[2];
    void *buf = NULL;
    if ((type == SYSLOG_ACTION_READ_A64 || type == SYSLOG_ACTION_READ_ALL_A64 ||
         type == SYSLOG_ACTION_READ_CLEAR_A64) && len > 0) {
        if (!mem_range_ok(a[1], (uint64_t)len)) {
            /* the permission check comes first: EPERM stays EPERM */
            long r = syscall(SYS_syslog, type, NULL, len);
            return r == -1 && errno == EPERM ? -EPERM : -EFAULT;
        }
        buf = g2h(a[1]);
    }
    return sys_ret(syscall(SYS_syslog, type, buf, len));
}

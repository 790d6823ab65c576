/* Miscellaneous calls: uname (the guest sees an aarch64 machine), sysinfo,
 * getrandom, scheduling, prctl basics, personality, futex.
 * Layouts of struct utsname, sysinfo and tms are identical on arm64 and
 * x86-64; futex words are passed to the host futex at their host address
 * (the guest region), which is what lets threads share them later. */
#include <errno.h>
#include <linux/futex.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/random.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "syscalls/abi_proc.h"
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

int64_t sys_prctl(struct cpu *c, const uint64_t a[6])
{
    char name[16];
    int v;
    switch (a[0]) {
    case PR_SET_NAME: {
        long n = mem_strncpy_from_guest(name, a[1], sizeof name);
        if (n == -EFAULT)
            return -EFAULT;
        name[sizeof name - 1] = 0;
        return sys_ret(prctl(PR_SET_NAME, name));
    }
    case PR_GET_NAME:
        if (prctl(PR_GET_NAME, name) != 0)
            return -errno;
        return mem_copy_to_guest(a[1], name, sizeof name) ? 0 : -EFAULT;
    case PR_SET_PDEATHSIG:
        if (a[1] > 64)
            return -EINVAL;
        return sys_ret(prctl(PR_SET_PDEATHSIG, a[1]));
    case PR_GET_PDEATHSIG:
        if (prctl(PR_GET_PDEATHSIG, &v) != 0)
            return -errno;
        return mem_copy_to_guest(a[1], &v, 4) ? 0 : -EFAULT;
    case PR_GET_DUMPABLE:
    case PR_GET_NO_NEW_PRIVS:
    case PR_GET_CHILD_SUBREAPER:
        if (a[0] == PR_GET_CHILD_SUBREAPER) {
            if (prctl(PR_GET_CHILD_SUBREAPER, &v) != 0)
                return -errno;
            return mem_copy_to_guest(a[1], &v, 4) ? 0 : -EFAULT;
        }
        return sys_ret(prctl((int)a[0], 0, 0, 0, 0));
    case PR_CAPBSET_READ:
        return sys_ret(prctl(PR_CAPBSET_READ, a[1], 0, 0, 0));
    case PR_SET_DUMPABLE:
        if (a[1] > 1) /* SUID_DUMP_ROOT (2) is not settable */
            return -EINVAL;
        return sys_ret(prctl(PR_SET_DUMPABLE, a[1], 0, 0, 0));
    case PR_SET_NO_NEW_PRIVS:
    case PR_SET_CHILD_SUBREAPER:
        return sys_ret(prctl((int)a[0], a[1], a[2], a[3], a[4]));
    default:
        return -EINVAL; /* includes the SVE/SME/PAC/MTE controls: not implemented */
    }
}

static uint64_t persona;

int64_t sys_personality(struct cpu *c, const uint64_t a[6])
{
    uint64_t old = persona;
    if ((uint32_t)a[0] != 0xffffffffu) {
        if ((a[0] & 0xff) != 0) /* only PER_LINUX with flag bits */
            return -EINVAL;
        persona = (uint32_t)a[0];
    }
    return (int64_t)old;
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

/* futex(uaddr, op, val, timeout|val2, uaddr2, val3): the host futex works
 * on the word at its host address in the region, so guest threads (later)
 * and processes sharing memory meet on the same host futex. */
int64_t sys_futex(struct cpu *c, const uint64_t a[6])
{
    uint64_t uaddr = a[0];
    int op;
    enum futex_kind k = xlat_futex_op(a[1], &op);
    if (k == FUTEX_K_UNSUPPORTED)
        return -ENOSYS;
    if (uaddr & 3)
        return -EINVAL;
    if (!mem_range_ok(uaddr, 4))
        return -EFAULT;
    switch (k) {
    case FUTEX_K_WAIT: {
        void *ts = NULL;
        if (a[3]) {
            if (!mem_range_ok(a[3], 16))
                return -EFAULT;
            ts = g2h(a[3]);
        }
        return sys_ret(syscall(SYS_futex, g2h(uaddr), op, (uint32_t)a[2], ts, NULL, (uint32_t)a[5]));
    }
    case FUTEX_K_WAKE:
        return sys_ret(syscall(SYS_futex, g2h(uaddr), op, (uint32_t)a[2], NULL, NULL, (uint32_t)a[5]));
    case FUTEX_K_TWO:
        if (a[4] & 3)
            return -EINVAL;
        if (!mem_range_ok(a[4], 4))
            return -EFAULT;
        /* the fourth argument is the count val2 here, not a pointer */
        return sys_ret(syscall(SYS_futex, g2h(uaddr), op, (uint32_t)a[2], (unsigned long)(uint32_t)a[3],
                               g2h(a[4]), (uint32_t)a[5]));
    default:
        return -ENOSYS;
    }
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

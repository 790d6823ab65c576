/* Time system calls. struct timespec and struct timeval have the same layout
 * on arm64 and x86-64 (two 64-bit fields), so conversion is a range check. */
#include <errno.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "syscalls/abi_proc.h"
#include "syscalls/syscall.h"

/* NULL (0) is allowed where the kernel allows it; otherwise the range must
 * be in the guest region. Returns the host pointer or NULL. */
static void *time_ptr(uint64_t ga, uint64_t len, bool *bad)
{
    if (!ga)
        return NULL;
    if (!mem_range_ok(ga, len)) {
        *bad = true;
        return NULL;
    }
    return g2h(ga);
}

int64_t sys_clock_gettime(struct cpu *c, const uint64_t a[6])
{
    bool bad = false;
    void *tp = time_ptr(a[1], 16, &bad);
    if (bad || !tp)
        return -EFAULT;
    return sys_ret(syscall(SYS_clock_gettime, (clockid_t)a[0], tp));
}

int64_t sys_clock_getres(struct cpu *c, const uint64_t a[6])
{
    bool bad = false;
    void *tp = time_ptr(a[1], 16, &bad);
    if (bad)
        return -EFAULT;
    return sys_ret(syscall(SYS_clock_getres, (clockid_t)a[0], tp));
}

int64_t sys_gettimeofday(struct cpu *c, const uint64_t a[6])
{
    bool bad = false;
    void *tv = time_ptr(a[0], 16, &bad), *tz = time_ptr(a[1], 8, &bad);
    if (bad)
        return -EFAULT;
    return sys_ret(syscall(SYS_gettimeofday, tv, tz));
}

int64_t sys_nanosleep(struct cpu *c, const uint64_t a[6])
{
    bool bad = false;
    void *req = time_ptr(a[0], 16, &bad), *rem = time_ptr(a[1], 16, &bad);
    if (bad || !req)
        return -EFAULT;
    return sys_ret(syscall(SYS_nanosleep, req, rem));
}

int64_t sys_clock_nanosleep(struct cpu *c, const uint64_t a[6])
{
    if (a[1] & ~(uint64_t)TIMER_ABSTIME_A64)
        return -EINVAL;
    bool bad = false;
    void *req = time_ptr(a[2], 16, &bad), *rem = time_ptr(a[3], 16, &bad);
    if (bad || !req)
        return -EFAULT;
    /* clock_nanosleep returns the error number itself */
    long r = syscall(SYS_clock_nanosleep, (clockid_t)a[0], (int)a[1], req, rem);
    return r == -1 ? -errno : r;
}

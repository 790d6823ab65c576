/* POSIX message queues: mq_open, mq_unlink, mq_timedsend, mq_timedreceive,
 * mq_notify, mq_getsetattr. A queue descriptor is a host descriptor and
 * so a guest fd like any other (fdtab_guest_fd keeps new ones out of pvm's
 * range; pvm's own descriptors are EBADF for every call). Converted: the
 * open flags (as openat's, abi_fs.h), struct mq_attr (abi_ipc.h), the
 * timeouts (struct timespec, one LP64 layout, copied), struct sigevent (as
 * timer_create's: SIGEV_NONE and SIGEV_SIGNAL pass, SIGEV_THREAD is the
 * kernel's netlink form glibc's mq_notify uses: sigev_signo is the guest's
 * netlink socket, checked like any fd argument, and the 32-byte cookie at
 * sigev_value is range-checked and handed to the host at its host address;
 * the kernel copies it during the call). Message buffers are handed over
 * in place (g2h) when they lie in the region, else as an address the host
 * faults on after its own checks. Waits go through the safe-syscall stub
 * and restart as the kernel's -ERESTARTSYS does (the default class). */
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "signals/safe_syscall.h"
#include "syscalls/abi_fs.h"
#include "syscalls/abi_ipc.h"
#include "syscalls/abi_misc.h"
#include "syscalls/fdtab.h"
#include "syscalls/syscall.h"

/* a host address no process can use (see ipc_sem.c) */
#define IPC_HOST_BAD_PTR ((void *)~(uintptr_t)0xfff)

static inline void *mq_host_ptr(uint64_t ga, uint64_t n)
{
    return mem_range_ok(ga, n) ? g2h(ga) : IPC_HOST_BAD_PTR;
}

/* mq_open(name, oflag, mode, attr): the kernel reads attr first (whenever
 * it is given), then the name */
int64_t sys_mq_open(struct cpu *c, const uint64_t a[6])
{
    struct mq_attr_a64 ga;
    struct mq_attr ha;
    if (a[3]) {
        if (!mem_copy_from_guest(&ga, a[3], sizeof ga))
            return -EFAULT;
        xlat_mq_attr_g2h(&ga, &ha);
    }
    char name[PATH_MAX];
    long n = mem_strncpy_from_guest(name, a[0], sizeof name);
    if (n < 0)
        return n;
    int hflags;
    if (xlat_open_flags_g2h((uint32_t)a[1], &hflags))
        return -EINVAL;
    return fdtab_guest_fd(sys_ret(
        syscall(SYS_mq_open, name, hflags, (mode_t)(uint32_t)a[2], a[3] ? &ha : NULL)));
}

int64_t sys_mq_unlink(struct cpu *c, const uint64_t a[6])
{
    char name[PATH_MAX];
    long n = mem_strncpy_from_guest(name, a[0], sizeof name);
    if (n < 0)
        return n;
    return sys_ret(syscall(SYS_mq_unlink, name));
}

/* the absolute timeout, read first (EFAULT) as the kernel does; *h NULL
 * when none is given */
static int64_t mq_timeout(uint64_t ga, struct timespec *ts, struct timespec **h)
{
    *h = NULL;
    if (!ga)
        return 0;
    if (!mem_copy_from_guest(ts, ga, sizeof *ts))
        return -EFAULT;
    *h = ts;
    return 0;
}

/* mq_timedsend(fd, msg, len, prio, timeout) */
int64_t sys_mq_timedsend(struct cpu *c, const uint64_t a[6])
{
    struct timespec ts, *hts;
    int64_t e = mq_timeout(a[4], &ts, &hts);
    if (e)
        return e;
    if (fd_is_pvm((int)a[0]))
        return -EBADF;
    return sig_hsys(SYS_mq_timedsend, (int)a[0], (long)mq_host_ptr(a[1], a[2]), (long)a[2],
                    (long)(uint32_t)a[3], (long)hts, 0);
}

/* mq_timedreceive(fd, msg, len, prio*, timeout): the message and its
 * priority are written by the host in place */
int64_t sys_mq_timedreceive(struct cpu *c, const uint64_t a[6])
{
    struct timespec ts, *hts;
    int64_t e = mq_timeout(a[4], &ts, &hts);
    if (e)
        return e;
    if (fd_is_pvm((int)a[0]))
        return -EBADF;
    void *prio = a[3] ? mq_host_ptr(a[3], 4) : NULL;
    return sig_hsys(SYS_mq_timedreceive, (int)a[0], (long)mq_host_ptr(a[1], a[2]), (long)a[2],
                    (long)prio, (long)hts, 0);
}

/* mq_notify(fd, sevp): the sigevent as the kernel checks it (the notify
 * kind, then SIGEV_SIGNAL's signal or SIGEV_THREAD's cookie and socket);
 * SIGEV_THREAD_ID, which mq_notify does not take, is left to the host's
 * EINVAL */
int64_t sys_mq_notify(struct cpu *c, const uint64_t a[6])
{
    struct sigevent_a64 g;
    struct sigevent h;
    if (a[1] && !mem_copy_from_guest(&g, a[1], sizeof g))
        return -EFAULT;
    if (fd_is_pvm((int)a[0]))
        return -EBADF;
    if (!a[1])
        return sys_ret(syscall(SYS_mq_notify, (int)a[0], NULL));
    memset(&h, 0, sizeof h);
    switch (g.notify) {
    case SIGEV_NONE_A64:
        h.sigev_notify = SIGEV_NONE;
        break;
    case SIGEV_SIGNAL_A64:
        h.sigev_notify = SIGEV_SIGNAL;
        break;
    case SIGEV_THREAD_A64:
        h.sigev_notify = SIGEV_THREAD;
        if (fd_is_pvm(g.signo))
            return -EBADF;
        break;
    case SIGEV_THREAD_ID_A64:
        h.sigev_notify = SIGEV_THREAD_ID;
        h._sigev_un._tid = g.tid;
        break;
    default:
        return -EINVAL;
    }
    h.sigev_signo = g.signo;
    if (g.notify == SIGEV_THREAD_A64)
        h.sigev_value.sival_ptr = mq_host_ptr(g.value, MQ_NOTIFY_COOKIE_LEN_A64);
    else /* 64 opaque bits, given back in si_value */
        memcpy(&h.sigev_value, &g.value, sizeof g.value);
    return sys_ret(syscall(SYS_mq_notify, (int)a[0], &h));
}

/* mq_getsetattr(fd, new, old): new is read and its flags checked (only
 * O_NONBLOCK) before the descriptor, old written after */
int64_t sys_mq_getsetattr(struct cpu *c, const uint64_t a[6])
{
    struct mq_attr_a64 gn, go;
    struct mq_attr hn, ho;
    if (a[1]) {
        if (!mem_copy_from_guest(&gn, a[1], sizeof gn))
            return -EFAULT;
        if (gn.mq_flags & ~(int64_t)O_NONBLOCK_A64)
            return -EINVAL;
        xlat_mq_attr_g2h(&gn, &hn);
    }
    if (fd_is_pvm((int)a[0]))
        return -EBADF;
    if (syscall(SYS_mq_getsetattr, (int)a[0], a[1] ? &hn : NULL, a[2] ? &ho : NULL) != 0)
        return -errno;
    if (!a[2])
        return 0;
    xlat_mq_attr_h2g(&ho, &go);
    return mem_copy_to_guest(a[2], &go, sizeof go) ? 0 : -EFAULT;
}

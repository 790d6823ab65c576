/* Event descriptors for the guest: epoll_create1/ctl/pwait/pwait2, eventfd2,
 * timerfd_create/settime/gettime, signalfd4, inotify_init1/add_watch/rm_watch.
 * struct epoll_event is converted both ways (16 bytes on arm64, 12 packed on
 * x86-64; syscalls/abi_events.h); everything else has the same layout and
 * values, so the work here is flag checks, range checks, and keeping pvm's
 * descriptors out: naming one gives EBADF as a closed fd would, it can never
 * join an epoll set, and new descriptors land below fd_pvm_base. */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/process.h"
#include "signals/abi_signal.h"
#include "syscalls/abi_events.h"
#include "syscalls/abi_fs.h"
#include "syscalls/fdtab.h"
#include "syscalls/fs_util.h"
#include "syscalls/syscall.h"

/* host events fetched per epoll_pwait: the kernel may return fewer than
 * maxevents, and what is not fetched stays ready in the epoll set */
#define EV_CHUNK 256

/* ---- epoll ----
 * int arguments: the kernel sees the low 32 bits of the register only */

int64_t sys_epoll_create1(struct cpu *c, const uint64_t a[6])
{
    if (xlat_check_bits((uint32_t)a[0], EPOLL_CLOEXEC_A64))
        return -EINVAL;
    return fdtab_guest_fd(sys_ret(syscall(SYS_epoll_create1, (int)a[0])));
}

int64_t sys_epoll_ctl(struct cpu *c, const uint64_t a[6])
{
    int op = (int)a[1];
    struct epoll_event hev, *hp = NULL;
    struct epoll_event_a64 gev;
    /* the kernel reads the event for every op but DEL, before the fds */
    if (op != EPOLL_CTL_DEL_A64 && !mem_copy_from_guest(&gev, a[3], sizeof gev))
        return -EFAULT;
    if (fs_check_fd(a[0]) || fs_check_fd(a[2]))
        return -EBADF;
    if (op != EPOLL_CTL_DEL_A64) {
        if (xlat_epoll_event_g2h(&gev, &hev))
            return -EINVAL;
        hp = &hev;
    }
    return sys_ret(syscall(SYS_epoll_ctl, fs_fd(a[0]), op, fs_fd(a[2]), hp));
}

/* epoll_pwait and epoll_pwait2 after their timeout argument is read. The
 * optional mask is the guest's temporary mask for the wait; the host call
 * goes through the safe-syscall stub. An interrupted wait is -EINTR whatever
 * the handler's SA_RESTART, as Linux's ep_poll answers (restart.def). */
static int64_t ev_epoll_wait(struct cpu *c, const uint64_t a[6], int timeout_ms,
                             const struct timespec *ts, bool v2)
{
    struct sys_sigmask sm;
    int64_t e = sys_guest_sigmask(a[4], a[5], &sm);
    if (e)
        return e;
    int maxevents = (int)a[2];
    if (maxevents <= 0 || (unsigned)maxevents > EPOLL_MAX_EVENTS_A64)
        return -EINVAL;
    if (!mem_range_ok(a[1], (uint64_t)maxevents * EPOLL_EVENT_SIZE_A64))
        return -EFAULT;
    /* a pvm epfd: the host answers as for a closed descriptor */
    int epfd = fs_check_fd(a[0]) ? -1 : fs_fd(a[0]);
    struct epoll_event hev[EV_CHUNK];
    int n = maxevents < EV_CHUNK ? maxevents : EV_CHUNK;
    if (!sys_sigmask_begin(c, &sm))
        return -ERESTARTNOINTR_K;
    long hm = sm.given ? (long)&sm.host : 0, hsz = sm.given ? 8 : 0;
    long r = v2 ? sig_hsys(SYS_epoll_pwait2, epfd, (long)hev, n, (long)ts, hm, hsz)
                : sig_hsys(SYS_epoll_pwait, epfd, (long)hev, n, timeout_ms, hm, hsz);
    sys_sigmask_end(c, &sm);
    if (r <= 0)
        return r;
    for (long k = 0; k < r; k++) {
        /* two stores: the guest's padding word is left alone */
        struct epoll_event_a64 g;
        xlat_epoll_event_h2g(&hev[k], &g);
        uint64_t ga = a[1] + (uint64_t)k * EPOLL_EVENT_SIZE_A64;
        if (!mem_copy_to_guest(ga + offsetof(struct epoll_event_a64, events), &g.events,
                               sizeof g.events) ||
            !mem_copy_to_guest(ga + offsetof(struct epoll_event_a64, data), &g.data,
                               sizeof g.data))
            return k ? k : -EFAULT; /* as the kernel: what was stored, or EFAULT */
    }
    return r;
}

int64_t sys_epoll_pwait(struct cpu *c, const uint64_t a[6])
{
    return ev_epoll_wait(c, a, (int)a[3], NULL, false);
}

int64_t sys_epoll_pwait2(struct cpu *c, const uint64_t a[6])
{
    /* struct __kernel_timespec {s64; s64} on both; NULL waits forever */
    struct timespec ts, *tsp = NULL;
    if (a[3]) {
        if (!mem_copy_from_guest(&ts, a[3], sizeof ts))
            return -EFAULT;
        tsp = &ts;
    }
    return ev_epoll_wait(c, a, 0, tsp, true);
}

/* ---- eventfd ---- */

int64_t sys_eventfd2(struct cpu *c, const uint64_t a[6])
{
    if (xlat_check_bits((uint32_t)a[1], EFD_FLAGS_A64))
        return -EINVAL;
    return fdtab_guest_fd(sys_ret(syscall(SYS_eventfd2, (unsigned)a[0], (int)a[1])));
}

/* ---- timerfd ---- */

int64_t sys_timerfd_create(struct cpu *c, const uint64_t a[6])
{
    if (xlat_check_bits((uint32_t)a[1], TFD_CREATE_FLAGS_A64) || !xlat_timerfd_clock_ok((uint32_t)a[0]))
        return -EINVAL;
    return fdtab_guest_fd(sys_ret(syscall(SYS_timerfd_create, (int)a[0], (int)a[1])));
}

int64_t sys_timerfd_settime(struct cpu *c, const uint64_t a[6])
{
    struct itimerspec nv, ov;
    if (!mem_copy_from_guest(&nv, a[2], sizeof nv))
        return -EFAULT;
    if (xlat_check_bits((uint32_t)a[1], TFD_SETTIME_FLAGS_A64))
        return -EINVAL;
    /* a pvm fd: the host still checks the times first, then says EBADF */
    int fd = fs_check_fd(a[0]) ? -1 : fs_fd(a[0]);
    long r = syscall(SYS_timerfd_settime, fd, (int)a[1], &nv, a[3] ? &ov : NULL);
    if (r < 0)
        return sys_ret(r);
    /* the kernel too stores the old value after the new one took effect */
    if (a[3] && !mem_copy_to_guest(a[3], &ov, sizeof ov))
        return -EFAULT;
    return r;
}

int64_t sys_timerfd_gettime(struct cpu *c, const uint64_t a[6])
{
    if (fs_check_fd(a[0]))
        return -EBADF;
    struct itimerspec cur;
    long r = syscall(SYS_timerfd_gettime, fs_fd(a[0]), &cur);
    if (r < 0)
        return sys_ret(r);
    return mem_copy_to_guest(a[1], &cur, sizeof cur) ? r : -EFAULT;
}

/* ---- signalfd ---- */

/* signalfd4(fd, mask, sizemask, flags). The guest's sigset is the host's
 * (asm-generic numbers) minus what pvm keeps for itself: SIGSEGV/SIGBUS are
 * pvm's fault signals, never taken from the queue by a descriptor, and the
 * kernel drops SIGKILL/SIGSTOP anyway. Reads give struct signalfd_siginfo,
 * the same 128 bytes on both, through the ordinary read path. */
int64_t sys_signalfd4(struct cpu *c, const uint64_t a[6])
{
    /* the kernel's order: the size, the mask, the flags, then the fd */
    if (a[2] != SIGSET_SIZE_A64)
        return -EINVAL;
    uint64_t mask;
    if (!mem_copy_from_guest(&mask, a[1], sizeof mask))
        return -EFAULT;
    uint32_t gflags = (uint32_t)a[3];
    if (xlat_check_bits(gflags, SFD_FLAGS_A64))
        return -EINVAL;
    int hflags = (gflags & SFD_CLOEXEC_A64 ? SFD_CLOEXEC : 0) |
                 (gflags & SFD_NONBLOCK_A64 ? SFD_NONBLOCK : 0);
    uint64_t hmask = xlat_sigset_to_host(mask);
    int fd = fs_fd(a[0]);
    if (fd == -1)
        return fdtab_guest_fd(sys_ret(syscall(SYS_signalfd4, -1, &hmask, sizeof hmask, hflags)));
    /* changing the mask of an existing descriptor: one of pvm's is EBADF
     * as a closed one (the host would say EINVAL: not a signalfd); any
     * other the host checks (EBADF, or EINVAL when it is no signalfd) */
    if (fd_is_pvm(fd))
        return -EBADF;
    return sys_ret(syscall(SYS_signalfd4, fd, &hmask, sizeof hmask, hflags));
}

/* ---- inotify ---- */

int64_t sys_inotify_init1(struct cpu *c, const uint64_t a[6])
{
    if (xlat_check_bits((uint32_t)a[0], IN_INIT_FLAGS_A64))
        return -EINVAL;
    return fdtab_guest_fd(sys_ret(syscall(SYS_inotify_init1, (int)a[0])));
}

int64_t sys_inotify_add_watch(struct cpu *c, const uint64_t a[6])
{
    uint32_t mask = (uint32_t)a[2];
    /* the kernel's own checks come first: ADD with CREATE, no known bit */
    if (((mask & IN_MASK_ADD_A64) && (mask & IN_MASK_CREATE_A64)) || !(mask & IN_MASK_BITS_A64) ||
        (mask & ~IN_MASK_BITS_A64))
        return -EINVAL;
    if (fs_check_fd(a[0]))
        return -EBADF; /* the kernel looks at the fd before the path */
    /* the path goes through the same rules as every path argument (-L
     * prefix, /proc views); inotify has no dirfd, so it is cwd-relative */
    struct fs_path p;
    long r = fs_path_get(&p, (uint64_t)(int64_t)AT_FDCWD_A64, a[1], 0);
    if (r)
        return r;
    const char *path = p.path;
    /* /proc/<pid>/exe followed is the guest program */
    if (p.kind == PROCFS_EXE && !(mask & IN_DONT_FOLLOW_A64) &&
        procfs_exe_target(p.gabs, p.buf, sizeof p.buf))
        path = p.buf;
    if (p.dirfd != AT_FDCWD)
        return -EINVAL; /* cannot happen with AT_FDCWD: kept for the invariant */
    return sys_ret(syscall(SYS_inotify_add_watch, fs_fd(a[0]), path, mask));
}

int64_t sys_inotify_rm_watch(struct cpu *c, const uint64_t a[6])
{
    if (fs_check_fd(a[0]))
        return -EBADF;
    return sys_ret(syscall(SYS_inotify_rm_watch, fs_fd(a[0]), (int)a[1]));
}

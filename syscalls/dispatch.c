/* System-call dispatch by guest number through the table expanded from
 * syscalls.def (numbers from the generated sysnums.h). Unknown numbers give
 * -ENOSYS and are reported once under --strace / -d unimp.
 * A handler's -EINTR for a taken guest signal (sys_interrupted) becomes the
 * kernel's internal restart code of that call (the column restart.def,
 * default -ERESTARTSYS), so x0 holds what the arm64 kernel would have in it
 * when do_signal looks at it; signal delivery applies the restart rules and
 * no guest ever sees a code >= 512. Without a taken signal a -EINTR is the
 * guest's, as the host gave it, and so is rt_sigreturn's restored x0. */
#include "syscalls/syscall.h"

#include <stddef.h>

#include "signals/abi_signal.h"

#include <sys/socket.h>
#include <sys/time.h>

#include "core/log.h"
#include "sysnums.h"
#include "syscalls/abi_term.h"
#include "syscalls/strace.h"

struct sysent {
    const char *name;
    sys_handler fn;
    const char *fmt;
};

static const struct sysent systab[A64_NR_MAX] = {
#define SYSCALL(name, fmt) [A64_NR_##name] = {#name, sys_##name, fmt},
#include "syscalls/syscalls.def"
#undef SYSCALL
};

/* the restart column, by guest number; 0 (SYS) for every unnamed call */
enum restart_class {
    RESTART_SYS,
    RESTART_NOHAND,
    RESTART_INTR,
    RESTART_BLOCK,
    RESTART_SOCK_RCV,
    RESTART_SOCK_SND,
    RESTART_IOCTL,
};

static const uint8_t restart_tab[A64_NR_MAX] = {
#define RESTART(name, cls) [A64_NR_##name] = RESTART_##cls,
#include "syscalls/restart.def"
#undef RESTART
};

/* fd is a socket with a receive or send timeout: the kernel's
 * sock_intr_errno then answers -EINTR. Asked only after an interruption;
 * anything that is not a socket fails getsockopt (ENOTSOCK, EBADF). */
static bool restart_sock_timeout(uint64_t fd, int opt)
{
    struct timeval tv;
    socklen_t len = sizeof tv;
    if (getsockopt((int)(uint32_t)fd, SOL_SOCKET, opt, &tv, &len) != 0)
        return false;
    return tv.tv_sec != 0 || tv.tv_usec != 0;
}

int64_t syscall_restart_code(uint64_t nr, const uint64_t a[6])
{
    switch (nr < A64_NR_MAX ? restart_tab[nr] : RESTART_SYS) {
    case RESTART_NOHAND:
        return -ERESTARTNOHAND_K;
    case RESTART_INTR:
    case RESTART_BLOCK:
        return -EINTR;
    case RESTART_SOCK_RCV:
        return restart_sock_timeout(a[0], SO_RCVTIMEO) ? -EINTR : -ERESTARTSYS_K;
    case RESTART_SOCK_SND:
        return restart_sock_timeout(a[0], SO_SNDTIMEO) ? -EINTR : -ERESTARTSYS_K;
    case RESTART_IOCTL: {
        uint32_t req = (uint32_t)a[1];
        return req == TCSBRK_A64 || req == TCSBRKP_A64 || req == TIOCSBRK_A64 ? -EINTR
                                                                              : -ERESTARTSYS_K;
    }
    default:
        return -ERESTARTSYS_K;
    }
}

/* rt_sigreturn (no_restart set) answers the x0 it restored, which may be an
 * earlier call's -EINTR while the next signal is already taken: that is the
 * guest's value, not an interruption of rt_sigreturn */
static inline int64_t syscall_result(struct cpu *c, uint64_t nr, const uint64_t a[6], int64_t r)
{
    return !c->sig.no_restart && sys_interrupted(c, r) ? syscall_restart_code(nr, a) : r;
}

/* under --strace: the call's line state lives in this frame (a vfork child
 * runs on its own stack, so the parent's entry survives it); the line shows
 * the restart code, as strace shows the kernel's */
static __attribute__((noinline)) void syscall_dispatch_traced(struct cpu *c, uint64_t nr,
                                                              const struct sysent *e,
                                                              const uint64_t a[6])
{
    struct strace_call sc;
    /* rt_sigreturn has no arguments; strace shows the mask of the frame it
     * returns through (the 'j' letter reads it at the frame's uc_sigmask) */
    uint64_t ta[6] = {a[0], a[1], a[2], a[3], a[4], a[5]};
    if (e->fn == sys_rt_sigreturn)
        ta[0] = c->x[REG_SP] + offsetof(struct rt_sigframe_a64, uc) +
                offsetof(struct ucontext_a64, uc_sigmask);
    strace_call_enter(c, &sc, e->name, e->fmt, ta);
    int64_t r = syscall_result(c, nr, a, e->fn(c, a));
    strace_call_exit(c, &sc, r);
    c->x[0] = (uint64_t)r;
}

void syscall_dispatch(struct cpu *c)
{
    uint64_t nr = c->x[8];
    c->sig.orig_x0 = c->x[0]; /* a restarted call gets its x0 back */
    const uint64_t a[6] = {c->x[0], c->x[1], c->x[2], c->x[3], c->x[4], c->x[5]};
    c->sig.orig_x0 = a[0];
    const struct sysent *e = nr < A64_NR_MAX && systab[nr].fn ? &systab[nr] : NULL;
    if (!e) {
        if (log_on(DBG_strace | DBG_unimp))
            strace_unknown(c, nr);
        c->x[0] = (uint64_t)-ENOSYS;
        return;
    }
    if (log_on(DBG_strace)) {
        syscall_dispatch_traced(c, nr, e, a);
        return;
    }
    c->x[0] = (uint64_t)syscall_result(c, nr, a, e->fn(c, a));
}

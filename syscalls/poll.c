/* ppoll and pselect6. struct pollfd, the POLL* bits, fd_set and timespec
 * have the same layout on arm64 and x86-64; what pvm adds is the range
 * checks and the rule that pvm's own descriptors do not exist for the
 * guest (POLLNVAL / EBADF). The optional signal mask is the guest's
 * temporary mask for the call (sys_sigmask_begin/end), installed on the host
 * by the host call itself, without pvm's fault signals. The host calls go
 * through the safe-syscall stub; the time left is given back to the guest
 * after every call the host made (so a restarted call waits for the rest
 * only), as Linux does; an interrupted one gives -EINTR, which the
 * dispatcher turns into -ERESTARTNOHAND (syscalls/restart.def). */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stddef.h>
#include <stdlib.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/fdtab.h"
#include "syscalls/syscall.h"

#define POLL_MAX_FDS (1u << 20)

int64_t sys_ppoll(struct cpu *c, const uint64_t a[6])
{
    uint64_t n = a[1];
    if (n > POLL_MAX_FDS)
        return -EINVAL;
    if (n && !mem_range_ok(a[0], n * sizeof(struct pollfd)))
        return -EFAULT;
    struct timespec ts, *tsp = NULL;
    if (a[2]) {
        if (!mem_copy_from_guest(&ts, a[2], sizeof ts))
            return -EFAULT;
        tsp = &ts;
    }
    struct sys_sigmask sm;
    int64_t e = sys_guest_sigmask(a[3], a[4], &sm);
    if (e)
        return e;
    struct pollfd *fds = n ? malloc(n * sizeof *fds) : NULL;
    if (n && !fds)
        return -ENOMEM;
    if (n && !mem_copy_from_guest(fds, a[0], n * sizeof *fds)) {
        free(fds);
        return -EFAULT;
    }
    /* pvm's descriptors: polled as absent, answered POLLNVAL afterwards */
    uint64_t hidden = 0;
    for (uint64_t k = 0; k < n; k++)
        if (fds[k].fd >= 0 && fd_is_pvm(fds[k].fd)) {
            fds[k].fd = -1;
            hidden++;
        }
    long r = -ERESTARTNOINTR_K;
    if (sys_sigmask_begin(c, &sm)) {
        r = sig_hsys(SYS_ppoll, (long)fds, (long)n, (long)tsp, sm.given ? (long)&sm.host : 0,
                     sm.given ? 8 : 0, 0);
        sys_sigmask_end(c, &sm);
    }
    if (r >= 0 && hidden) {
        for (uint64_t k = 0; k < n; k++) {
            /* read again through a fault-safe copy: another thread may
             * have unmapped the array meanwhile */
            int ofd;
            if (fds[k].fd == -1 &&
                mem_copy_from_guest(&ofd, a[0] + k * sizeof *fds + offsetof(struct pollfd, fd),
                                    sizeof ofd) &&
                ofd >= 0 && fd_is_pvm(ofd)) {
                fds[k].fd = ofd;
                fds[k].revents = POLLNVAL;
                r++;
            }
        }
    }
    if (r >= 0 && n && !mem_copy_to_guest(a[0], fds, n * sizeof *fds))
        r = -EFAULT;
    free(fds);
    if (r != -ERESTARTNOINTR_K && a[2])
        mem_copy_to_guest(a[2], &ts, sizeof ts);
    return r;
}

int64_t sys_pselect6(struct cpu *c, const uint64_t a[6])
{
    int n = (int)a[0];
    if (n < 0 || n > FD_SETSIZE)
        return -EINVAL;
    if (n > fdtab_guest_nofile_limit())
        n = fdtab_guest_nofile_limit();
    size_t bytes = ((size_t)n + 63) / 64 * 8;
    void *sets[3] = {NULL, NULL, NULL};
    for (int k = 0; k < 3; k++)
        if (a[1 + k]) {
            if (!mem_range_ok(a[1 + k], bytes))
                return -EFAULT;
            sets[k] = g2h(a[1 + k]);
        }
    struct timespec ts, *tsp = NULL;
    if (a[4]) {
        if (!mem_copy_from_guest(&ts, a[4], sizeof ts))
            return -EFAULT;
        tsp = &ts;
    }
    /* the sixth argument points at {const sigset_t *ss; size_t ss_len} */
    struct sys_sigmask sm = {.given = false};
    if (a[5]) {
        uint64_t pair[2];
        if (!mem_copy_from_guest(pair, a[5], sizeof pair))
            return -EFAULT;
        int64_t e = sys_guest_sigmask(pair[0], pair[1], &sm);
        if (e)
            return e;
    }
    struct {
        const void *ss;
        size_t len;
    } sig = {&sm.host, 8};
    if (!sys_sigmask_begin(c, &sm))
        return -ERESTARTNOINTR_K;
    long r = sig_hsys(SYS_pselect6, n, (long)sets[0], (long)sets[1], (long)sets[2], (long)tsp,
                      sm.given ? (long)&sig : 0);
    sys_sigmask_end(c, &sm);
    if (r != -ERESTARTNOINTR_K && a[4])
        mem_copy_to_guest(a[4], &ts, sizeof ts);
    return r;
}

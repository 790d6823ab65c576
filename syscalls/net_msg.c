/* sendmsg, recvmsg, sendmmsg, recvmmsg: guest struct msghdr/iovec (same
 * LP64 layout, but guest addresses) rebuilt with host pointers. Control data
 * is copied through a host buffer in both directions: on send it is walked
 * once and only known message types pass (SCM_RIGHTS naming a pvm
 * descriptor gives EBADF); on receive, descriptors the kernel installed at
 * or above fd_pvm_base are closed and dropped with MSG_CTRUNC, as the
 * kernel does when the receiver's table is full. The host calls, which can
 * wait, go through the safe-syscall stub (signals/safe_syscall.h). */
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "signals/safe_syscall.h"
#include "syscalls/abi_net.h"
#include "syscalls/fs_util.h"
#include "syscalls/net.h"

#define NET_IOV_MAX 1024 /* UIO_MAXIOV */
#define NET_CTL_MAX (1u << 20)
#define NET_MMSG_MAX 1024 /* the kernel caps vlen at UIO_MAXIOV too */

/* one message being converted */
struct net_msg {
    struct msghdr h;
    struct iovec iov_small[8];
    struct iovec *iov_heap;
    void *ctl;
    uint64_t gname, gcontrol;
    uint32_t gnamelen;
    struct sockaddr_storage name;
};

static void net_msg_free(struct net_msg *m)
{
    free(m->iov_heap);
    free(m->ctl);
    m->iov_heap = NULL;
    m->ctl = NULL;
}

/* Walks control data the guest sends; 0 when every message is well formed
 * and allowed, else -EINVAL / -EBADF (the kernel's answers). */
static long net_cmsg_check_send(const uint8_t *ctl, uint64_t len)
{
    uint64_t off = 0;
    while (len - off >= CMSG_HDR_A64) {
        struct cmsghdr_a64 h;
        memcpy(&h, ctl + off, sizeof h);
        if (h.len < CMSG_HDR_A64 || h.len > len - off)
            return -EINVAL;
        if (!net_cmsg_send_ok(h.level, h.type))
            return -EINVAL;
        if (h.level == SOL_SOCKET_A64 && h.type == SCM_RIGHTS_A64) {
            uint64_t n = (h.len - CMSG_HDR_A64) / sizeof(int);
            for (uint64_t i = 0; i < n; i++) {
                int fd;
                memcpy(&fd, ctl + off + CMSG_HDR_A64 + i * sizeof fd, sizeof fd);
                if (fd_is_pvm(fd))
                    return -EBADF;
            }
        } else if (h.level == SOL_SOCKET_A64 && h.type == SCM_CREDENTIALS_A64 &&
                   h.len != CMSG_LEN(sizeof(struct ucred))) {
            return -EINVAL;
        }
        uint64_t step = CMSG_ALIGN_A64(h.len);
        if (step > len - off)
            break;
        off += step;
    }
    return 0;
}

/* Received control data: descriptors at or above fd_pvm_base are closed
 * and cut off (a message left with none is removed), setting MSG_CTRUNC.
 * Returns the new length. */
static uint64_t net_cmsg_fix_recv(uint8_t *ctl, uint64_t len, int *flags)
{
    uint64_t r = 0, w = 0;
    while (len - r >= CMSG_HDR_A64) {
        struct cmsghdr_a64 h;
        memcpy(&h, ctl + r, sizeof h);
        if (h.len < CMSG_HDR_A64 || h.len > len - r)
            break;
        uint64_t step = CMSG_ALIGN_A64(h.len);
        if (step > len - r)
            step = len - r;
        uint64_t keep = h.len;
        if (h.level == SOL_SOCKET_A64 && (h.type == SCM_RIGHTS_A64 || h.type == SCM_PIDFD_A64)) {
            uint64_t n = (h.len - CMSG_HDR_A64) / sizeof(int), good = n;
            for (uint64_t i = 0; i < n; i++) {
                int fd;
                memcpy(&fd, ctl + r + CMSG_HDR_A64 + i * sizeof fd, sizeof fd);
                if (good == n && fd_is_pvm(fd))
                    good = i;
                if (i >= good)
                    close(fd);
                else
                    fdtab_forget(fd);
            }
            if (good < n) {
                *flags |= MSG_CTRUNC;
                keep = good ? CMSG_HDR_A64 + good * sizeof(int) : 0;
                h.len = keep;
                memcpy(ctl + r, &h, sizeof h);
            }
        }
        if (keep) {
            uint64_t nstep = CMSG_ALIGN_A64(keep) < step ? CMSG_ALIGN_A64(keep) : step;
            memmove(ctl + w, ctl + r, nstep);
            w += nstep;
        }
        r += step;
    }
    return w;
}

/* Guest msghdr at gmsg to host form in *m. */
static long net_msg_in(struct net_msg *m, uint64_t gmsg, bool send)
{
    struct msghdr_a64 g;
    memset(m, 0, sizeof *m);
    if (!mem_copy_from_guest(&g, gmsg, sizeof g))
        return -EFAULT;
    if (g.iovlen > NET_IOV_MAX)
        return -EMSGSIZE;
    /* iovec array */
    struct iovec *iov = m->iov_small;
    if (g.iovlen > sizeof m->iov_small / sizeof m->iov_small[0]) {
        iov = m->iov_heap = malloc(g.iovlen * sizeof *iov);
        if (!iov)
            return -ENOMEM;
    }
    if (g.iovlen) {
        struct iovec_a64 *gv = malloc(g.iovlen * sizeof *gv);
        if (!gv)
            return -ENOMEM;
        if (!mem_copy_from_guest(gv, g.iov, g.iovlen * sizeof *gv)) {
            free(gv);
            return -EFAULT;
        }
        for (uint64_t i = 0; i < g.iovlen; i++) {
            uint64_t len = gv[i].len;
            if ((int64_t)len < 0) {
                free(gv);
                return -EINVAL;
            }
            void *p = fs_guest_buf(gv[i].base, &len);
            if (!p) {
                free(gv);
                return -EFAULT;
            }
            iov[i].iov_base = p;
            iov[i].iov_len = len;
        }
        free(gv);
    }
    m->h.msg_iov = iov;
    m->h.msg_iovlen = g.iovlen;
    /* name */
    m->gname = g.name;
    m->gnamelen = g.namelen;
    if (g.name) {
        if ((int32_t)g.namelen < 0)
            return -EINVAL;
        if (send) {
            socklen_t len = 0;
            if (g.namelen) {
                long r = net_addr_in(g.name, g.namelen, &m->name, &len);
                if (r)
                    return r;
            }
            m->h.msg_namelen = len;
        } else {
            if (g.namelen && !mem_range_ok(g.name, g.namelen))
                return -EFAULT;
            m->h.msg_namelen = sizeof m->name;
        }
        m->h.msg_name = &m->name;
    }
    /* control */
    m->gcontrol = g.control;
    if (g.controllen) {
        if (g.controllen > NET_CTL_MAX)
            return send ? -ENOBUFS : -EINVAL;
        m->ctl = calloc(1, g.controllen);
        if (!m->ctl)
            return -ENOMEM;
        if (send) {
            if (!mem_copy_from_guest(m->ctl, g.control, g.controllen))
                return -EFAULT;
            long r = net_cmsg_check_send(m->ctl, g.controllen);
            if (r)
                return r;
        } else if (!mem_range_ok(g.control, g.controllen)) {
            return -EFAULT;
        }
        m->h.msg_control = m->ctl;
        m->h.msg_controllen = g.controllen;
    }
    return 0;
}

/* After a receive into *m: fixes the control data and writes the guest's
 * msg_name/namelen, control/controllen and flags. */
static long net_msg_out(struct net_msg *m, uint64_t gmsg)
{
    int flags = m->h.msg_flags;
    uint64_t clen = 0;
    if (m->ctl) {
        clen = net_cmsg_fix_recv(m->ctl, m->h.msg_controllen, &flags);
        if (clen && !mem_copy_to_guest(m->gcontrol, m->ctl, clen))
            return -EFAULT;
    }
    if (m->gname) {
        long r = net_addr_out(m->gname, gmsg + offsetof(struct msghdr_a64, namelen),
                              m->gnamelen, &m->name, m->h.msg_namelen);
        if (r)
            return r;
    }
    int32_t gflags = flags;
    if (!mem_copy_to_guest(gmsg + offsetof(struct msghdr_a64, controllen), &clen, sizeof clen) ||
        !mem_copy_to_guest(gmsg + offsetof(struct msghdr_a64, flags), &gflags, sizeof gflags))
        return -EFAULT;
    return 0;
}

int64_t sys_sendmsg(struct cpu *c, const uint64_t a[6])
{
    int flags;
    long r = net_fd_msg_flags(a[0], a[2], &flags);
    if (r)
        return r;
    struct net_msg m;
    r = net_msg_in(&m, a[1], true);
    if (!r)
        r = sig_hsys(SYS_sendmsg, fs_fd(a[0]), (long)&m.h, flags, 0, 0, 0);
    net_msg_free(&m);
    return r;
}

int64_t sys_recvmsg(struct cpu *c, const uint64_t a[6])
{
    int flags;
    long r = net_fd_msg_flags(a[0], a[2], &flags);
    if (r)
        return r;
    struct net_msg m;
    r = net_msg_in(&m, a[1], false);
    if (!r) {
        r = sig_hsys(SYS_recvmsg, fs_fd(a[0]), (long)&m.h, flags, 0, 0, 0);
        if (r >= 0) {
            long e = net_msg_out(&m, a[1]);
            if (e)
                r = e;
        }
    }
    net_msg_free(&m);
    return r;
}

/* ---- the batched forms ---- */

/* Converts up to vlen guest mmsghdrs; returns how many converted (a
 * failure at message k stops there, its error in *err). */
static unsigned net_mmsg_in(struct net_msg *ms, struct mmsghdr *hs, uint64_t gvec, unsigned vlen,
                            bool send, long *err)
{
    *err = 0;
    for (unsigned i = 0; i < vlen; i++) {
        *err = net_msg_in(&ms[i], gvec + (uint64_t)i * sizeof(struct mmsghdr_a64), send);
        if (*err) {
            net_msg_free(&ms[i]);
            return i;
        }
        hs[i].msg_hdr = ms[i].h;
        hs[i].msg_len = 0;
    }
    return vlen;
}

static int64_t net_mmsg(const uint64_t a[6], bool send)
{
    int flags;
    long r = net_fd_msg_flags(a[0], a[3], &flags);
    if (r)
        return r;
    unsigned vlen = (unsigned)a[2] > NET_MMSG_MAX ? NET_MMSG_MAX : (unsigned)a[2];
    struct timespec ts, *tsp = NULL;
    if (!send && a[4]) {
        if (!mem_copy_from_guest(&ts, a[4], sizeof ts))
            return -EFAULT;
        tsp = &ts;
    }
    if (!vlen)
        return send ? 0 : sys_ret(recvmmsg(fs_fd(a[0]), NULL, 0, flags, tsp));
    struct net_msg *ms = calloc(vlen, sizeof *ms);
    struct mmsghdr *hs = calloc(vlen, sizeof *hs);
    if (!ms || !hs) {
        free(ms);
        free(hs);
        return -ENOMEM;
    }
    long err;
    unsigned n = net_mmsg_in(ms, hs, a[1], vlen, send, &err);
    if (n == 0) {
        r = err;
    } else if (send) {
        r = sig_hsys(SYS_sendmmsg, fs_fd(a[0]), (long)hs, n, flags, 0, 0);
    } else {
        r = sig_hsys(SYS_recvmmsg, fs_fd(a[0]), (long)hs, n, flags, (long)tsp, 0);
        if (r >= 0 && tsp && !mem_copy_to_guest(a[4], tsp, sizeof *tsp))
            r = -EFAULT;
    }
    for (long i = 0; i < r; i++) {
        uint64_t gm = a[1] + (uint64_t)i * sizeof(struct mmsghdr_a64);
        if (!send) {
            ms[i].h = hs[i].msg_hdr;
            long e = net_msg_out(&ms[i], gm);
            if (e) {
                /* the rest stay unreported: their pvm-range fds still close */
                for (long j = i + 1; j < r; j++) {
                    int fl = 0;
                    if (ms[j].ctl)
                        net_cmsg_fix_recv(ms[j].ctl, hs[j].msg_hdr.msg_controllen, &fl);
                }
                r = i ? i : e;
                break;
            }
        }
        uint32_t len = hs[i].msg_len;
        if (!mem_copy_to_guest(gm + offsetof(struct mmsghdr_a64, len), &len, sizeof len)) {
            r = i ? i : -EFAULT;
            break;
        }
    }
    for (unsigned i = 0; i < n; i++)
        net_msg_free(&ms[i]);
    free(ms);
    free(hs);
    return r;
}

int64_t sys_sendmmsg(struct cpu *c, const uint64_t a[6])
{
    return net_mmsg(a, true);
}

int64_t sys_recvmmsg(struct cpu *c, const uint64_t a[6])
{
    return net_mmsg(a, false);
}

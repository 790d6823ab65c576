/* Descriptor-table calls: close, close_range, dup, dup3, fcntl, pipe2,
 * getdents64. None of them can name, create, replace or list one of pvm's
 * descriptors (>= fd_pvm_base): arguments naming one give EBADF, ranges are
 * clamped below it, new descriptors are kept under it, and listings of a
 * /proc/<pid>/fd directory drop its entries. A descriptor's -L guest path
 * is forgotten before it is closed, never after: once closed, its number
 * may already be another thread's, with a record of its own (fdtab.c). */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "signals/safe_syscall.h"
#include "syscalls/abi_fs.h"
#include "syscalls/fs_util.h"

int64_t sys_close(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    fdtab_forget(fs_fd(a[0])); /* nothing to forget for a bad fd */
    return sys_ret(close(fs_fd(a[0])));
}

int64_t sys_close_range(struct cpu *c, const uint64_t a[6])
{
    uint32_t first = (uint32_t)a[0], last = (uint32_t)a[1];
    unsigned flags = (unsigned)a[2];
    /* CLOSE_RANGE_UNSHARE 2, CLOSE_RANGE_CLOEXEC 4 */
    if (a[2] & ~(uint64_t)6 || first > last)
        return -EINVAL;
    if (first >= (uint32_t)fd_pvm_base)
        return 0; /* nothing of the guest's in range */
    if (last >= (uint32_t)fd_pvm_base)
        last = (uint32_t)fd_pvm_base - 1;
    /* the flags are valid: the call closes them all (CLOEXEC: none) */
    if (!(flags & 4))
        fdtab_forget_range((int)first, (int)last);
    return sys_ret(syscall(SYS_close_range, first, last, flags));
}

int64_t sys_dup(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    r = fdtab_guest_fd(sys_ret(dup(fs_fd(a[0]))));
    if (r >= 0)
        fdtab_copy(fs_fd(a[0]), (int)r);
    return r;
}

int64_t sys_dup3(struct cpu *c, const uint64_t a[6])
{
    int oldfd = fs_fd(a[0]), newfd = fs_fd(a[1]);
    if (fd_is_pvm(oldfd) || fd_is_pvm(newfd))
        return -EBADF;
    if (a[2] & ~(uint64_t)O_CLOEXEC_A64)
        return -EINVAL;
    long r = sys_ret(dup3(oldfd, newfd, (int)a[2]));
    if (r >= 0)
        fdtab_copy(oldfd, newfd);
    return r;
}

/* ---- fcntl ---- */

static int64_t fs_fcntl_dupfd(int fd, uint64_t arg, int cmd)
{
    /* the guest's limit is fd_pvm_base: asking at or above it is EINVAL, as
     * asking above RLIMIT_NOFILE is */
    if (arg >= (uint64_t)fd_pvm_base)
        return -EINVAL;
    long r = fdtab_guest_fd(sys_ret(fcntl(fd, cmd, (int)arg)));
    if (r >= 0)
        fdtab_copy(fd, (int)r);
    return r;
}

static int64_t fs_fcntl_lock(int fd, int cmd, uint64_t garg)
{
    struct flock_a64 g;
    if (!mem_copy_from_guest(&g, garg, sizeof g))
        return -EFAULT;
    struct flock h = {
        .l_type = g.l_type, .l_whence = g.l_whence, .l_start = g.l_start,
        .l_len = g.l_len, .l_pid = g.l_pid,
    };
    /* F_SETLKW and F_OFD_SETLKW wait for the lock: the safe stub */
    long r = sig_hsys(SYS_fcntl, fd, cmd, (long)&h, 0, 0, 0);
    if (r == 0 && (cmd == F_GETLK || cmd == F_OFD_GETLK)) {
        g.l_type = h.l_type;
        g.l_whence = h.l_whence;
        g.l_start = h.l_start;
        g.l_len = h.l_len;
        g.l_pid = h.l_pid;
        if (!mem_copy_to_guest(garg, &g, sizeof g))
            return -EFAULT;
    }
    return r;
}

/* commands whose argument points at n bytes the kernel reads and/or writes */
static int64_t fs_fcntl_ptr(int fd, int cmd, uint64_t garg, size_t n)
{
    if (!mem_range_ok(garg, n))
        return -EFAULT;
    return sys_ret(fcntl(fd, cmd, g2h(garg)));
}

int64_t sys_fcntl(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    int fd = fs_fd(a[0]);
    int cmd = (int)a[1];
    uint64_t arg = a[2];
    switch (cmd) {
    case F_DUPFD_A64:
        return fs_fcntl_dupfd(fd, arg, F_DUPFD);
    case F_DUPFD_CLOEXEC_A64:
        return fs_fcntl_dupfd(fd, arg, F_DUPFD_CLOEXEC);
    case F_GETFD_A64:
        return sys_ret(fcntl(fd, F_GETFD));
    case F_SETFD_A64:
        return sys_ret(fcntl(fd, F_SETFD, (int)(arg & FD_CLOEXEC_A64)));
    case F_GETFL_A64:
        r = sys_ret(fcntl(fd, F_GETFL));
        return r < 0 ? r : (int64_t)xlat_open_flags_h2g((int)r);
    case F_SETFL_A64: {
        int h;
        if (xlat_open_flags_g2h(arg & 0xffffffffu, &h))
            return -EINVAL;
        return sys_ret(fcntl(fd, F_SETFL, h));
    }
    case F_GETLK_A64:
    case F_SETLK_A64:
    case F_SETLKW_A64:
    case F_OFD_GETLK_A64:
    case F_OFD_SETLK_A64:
    case F_OFD_SETLKW_A64:
        return fs_fcntl_lock(fd, cmd, arg);
    case F_GETOWN_EX_A64:
    case F_SETOWN_EX_A64:       /* struct f_owner_ex {int type; pid_t pid;} */
    case F_GETOWNER_UIDS_A64:   /* uid_t[2] */
        return fs_fcntl_ptr(fd, cmd, arg, 8);
    case F_GET_RW_HINT_A64:
    case F_SET_RW_HINT_A64:
    case F_GET_FILE_RW_HINT_A64:
    case F_SET_FILE_RW_HINT_A64:
        return fs_fcntl_ptr(fd, cmd, arg, 8);
    case F_SETOWN_A64:
    case F_GETOWN_A64:
    case F_SETSIG_A64:   /* signal numbers agree between arm64 and x86-64 */
    case F_GETSIG_A64:
    case F_SETLEASE_A64:
    case F_GETLEASE_A64:
    case F_NOTIFY_A64:   /* DN_* are arch-independent */
    case F_SETPIPE_SZ_A64:
    case F_GETPIPE_SZ_A64:
    case F_ADD_SEALS_A64:
    case F_GET_SEALS_A64:
        return sys_ret(syscall(SYS_fcntl, fd, cmd, (unsigned long)arg));
    default:
        return -EINVAL;
    }
}

/* ---- pipe2 ---- */

int64_t sys_pipe2(struct cpu *c, const uint64_t a[6])
{
    int h;
    if (xlat_open_flags_g2h(a[1], &h) ||
        (h & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_EXCL /* O_NOTIFICATION_PIPE */)))
        return -EINVAL;
    if (!mem_range_ok(a[0], 8))
        return -EFAULT;
    int fds[2];
    long r = sys_ret(pipe2(fds, h));
    if (r)
        return r;
    long pr = fdtab_guest_fd_pair(fds);
    if (pr)
        return pr;
    if (!mem_copy_to_guest(a[0], fds, sizeof fds)) {
        close(fds[0]);
        close(fds[1]);
        return -EFAULT;
    }
    return 0;
}

/* ---- getdents64 ---- */

/* true for a directory entry whose name is a number naming a pvm fd */
static bool fs_dirent_hidden(const char *name)
{
    long v = 0;
    if (!*name)
        return false;
    for (const char *s = name; *s; s++) {
        if (*s < '0' || *s > '9' || s - name > 9)
            return false;
        v = v * 10 + (*s - '0');
    }
    return fd_is_pvm(v);
}

/* Drops hidden entries from buf[0..n); returns the new length. */
static long fs_dirents_filter(uint8_t *buf, long n)
{
    long in = 0, out = 0;
    while (in < n) {
        struct dirent64_a64 d;
        memcpy(&d, buf + in, sizeof d);
        if (d.d_reclen == 0 || in + d.d_reclen > n)
            break;
        if (!fs_dirent_hidden((const char *)buf + in + offsetof(struct dirent64_a64, d_name))) {
            if (out != in)
                memmove(buf + out, buf + in, d.d_reclen);
            out += d.d_reclen;
        }
        in += d.d_reclen;
    }
    return out;
}

int64_t sys_getdents64(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    int fd = fs_fd(a[0]);
    uint64_t n = (uint32_t)a[2];
    uint8_t *buf = fs_guest_buf(a[1], &n);
    if (!buf)
        return -EFAULT;
    bool filter = procfs_fd_is_fd_dir(fd);
    for (;;) {
        r = sys_ret(syscall(SYS_getdents64, fd, buf, (unsigned)n));
        if (r <= 0 || !filter)
            return r;
        r = fs_dirents_filter(buf, r);
        if (r > 0)
            return r;
        /* everything read was hidden: 0 would mean end of directory */
    }
}

/* Data transfer and per-descriptor file operations: read, write, readv,
 * writev, pread64, pwrite64, preadv, pwritev, preadv2, pwritev2, lseek,
 * fsync, fdatasync, sync, syncfs, ftruncate, fallocate, fchmod, fchown.
 * Buffers are range-checked against the guest region and handed to the host
 * kernel in place: pages the guest may not access are host-protected the
 * same way, so the kernel answers EFAULT for them by itself. The calls that
 * can wait (read, write and the vectors) make their host call through the
 * safe-syscall stub (signals/safe_syscall.h), whose result is already
 * -errno. */
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "signals/safe_syscall.h"
#include "syscalls/abi_fs.h"
#include "syscalls/fs_util.h"

/* The (fd, buffer, length) arguments of read/write/pread64/pwrite64: the
 * host fd and buffer, or the guest error (a pvm fd, then a bad buffer). */
static long fs_io_args(const uint64_t a[6], int *fd, void **buf, uint64_t *n)
{
    long r = fs_check_fd(a[0]);
    *n = a[2];
    *buf = fs_guest_buf(a[1], n);
    if (r)
        return r;
    if (!*buf)
        return -EFAULT;
    *fd = fs_fd(a[0]);
    return 0;
}

int64_t sys_read(struct cpu *c, const uint64_t a[6])
{
    int fd;
    void *b;
    uint64_t n;
    long r = fs_io_args(a, &fd, &b, &n);
    return r ? r : sig_hsys(SYS_read, fd, (long)b, (long)n, 0, 0, 0);
}

int64_t sys_write(struct cpu *c, const uint64_t a[6])
{
    int fd;
    void *b;
    uint64_t n;
    long r = fs_io_args(a, &fd, &b, &n);
    return r ? r : sig_hsys(SYS_write, fd, (long)b, (long)n, 0, 0, 0);
}

int64_t sys_pread64(struct cpu *c, const uint64_t a[6])
{
    int fd;
    void *b;
    uint64_t n;
    long r = fs_io_args(a, &fd, &b, &n);
    return r ? r : sys_ret(pread(fd, b, n, (off_t)a[3]));
}

int64_t sys_pwrite64(struct cpu *c, const uint64_t a[6])
{
    int fd;
    void *b;
    uint64_t n;
    long r = fs_io_args(a, &fd, &b, &n);
    return r ? r : sys_ret(pwrite(fd, b, n, (off_t)a[3]));
}

/* ---- vectors: struct iovec is {u64 base; u64 len} on both ---- */

#define FS_IOV_MAX 1024 /* UIO_MAXIOV */

/* Copies and checks the guest iovec array into host iovecs; returns the
 * count or -errno. Every element is range-checked before the host sees it. */
static long fs_iov_get(struct iovec *h, uint64_t giov, uint64_t cnt)
{
    if (cnt > FS_IOV_MAX)
        return -EINVAL;
    uint64_t g[2 * FS_IOV_MAX];
    if (cnt && !mem_copy_from_guest(g, giov, cnt * 16))
        return -EFAULT;
    for (uint64_t k = 0; k < cnt; k++) {
        uint64_t base = g[2 * k], len = g[2 * k + 1];
        if ((int64_t)len < 0)
            return -EINVAL;
        void *p = fs_guest_buf(base, &len);
        if (!p)
            return -EFAULT;
        h[k].iov_base = p;
        h[k].iov_len = len;
    }
    return (long)cnt;
}

/* one handler for the eight vector calls: nr is the host syscall */
static int64_t fs_vec(long nr, const uint64_t a[6], int nargs)
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    struct iovec iov[FS_IOV_MAX];
    long n = fs_iov_get(iov, a[1], a[2]);
    if (n < 0)
        return n;
    /* 64-bit: the offset is whole in pos_l, pos_h is ignored. All eight go
     * through the safe stub: readv/writev, and preadv2/pwritev2 with offset
     * -1, wait on pipes, sockets and terminals */
    switch (nargs) {
    case 3:
        return sig_hsys(nr, fs_fd(a[0]), (long)iov, n, 0, 0, 0);
    case 5:
        return sig_hsys(nr, fs_fd(a[0]), (long)iov, n, (long)a[3], 0, 0);
    default:
        if (a[5] & ~(uint64_t)0x1f) /* RWF_HIPRI|DSYNC|SYNC|NOWAIT|APPEND */
            return -EOPNOTSUPP;
        return sig_hsys(nr, fs_fd(a[0]), (long)iov, n, (long)a[3], 0, (int)a[5]);
    }
}

int64_t sys_readv(struct cpu *c, const uint64_t a[6]) { return fs_vec(SYS_readv, a, 3); }
int64_t sys_writev(struct cpu *c, const uint64_t a[6]) { return fs_vec(SYS_writev, a, 3); }
int64_t sys_preadv(struct cpu *c, const uint64_t a[6]) { return fs_vec(SYS_preadv, a, 5); }
int64_t sys_pwritev(struct cpu *c, const uint64_t a[6]) { return fs_vec(SYS_pwritev, a, 5); }
int64_t sys_preadv2(struct cpu *c, const uint64_t a[6]) { return fs_vec(SYS_preadv2, a, 6); }
int64_t sys_pwritev2(struct cpu *c, const uint64_t a[6]) { return fs_vec(SYS_pwritev2, a, 6); }

/* ---- position and sync ---- */

int64_t sys_lseek(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    /* SEEK_SET..SEEK_HOLE are 0..4 on both */
    return sys_ret(syscall(SYS_lseek, fs_fd(a[0]), (off_t)a[1], (int)a[2]));
}

int64_t sys_fsync(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    return r ? r : sys_ret(fsync(fs_fd(a[0])));
}

int64_t sys_fdatasync(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    return r ? r : sys_ret(fdatasync(fs_fd(a[0])));
}

int64_t sys_sync(struct cpu *c, const uint64_t a[6])
{
    sync();
    return 0;
}

int64_t sys_syncfs(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    return r ? r : sys_ret(syscall(SYS_syncfs, fs_fd(a[0])));
}

int64_t sys_ftruncate(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    return r ? r : sys_ret(syscall(SYS_ftruncate, fs_fd(a[0]), (off_t)a[1]));
}

int64_t sys_fallocate(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    if (a[1] & ~(uint64_t)FALLOC_FL_KNOWN_A64)
        return -EOPNOTSUPP;
    return sys_ret(syscall(SYS_fallocate, fs_fd(a[0]), (int)a[1], (off_t)a[2], (off_t)a[3]));
}

int64_t sys_fchmod(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    return r ? r : sys_ret(syscall(SYS_fchmod, fs_fd(a[0]), (mode_t)a[1]));
}

int64_t sys_fchown(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    return r ? r : sys_ret(syscall(SYS_fchown, fs_fd(a[0]), (uid_t)a[1], (gid_t)a[2]));
}

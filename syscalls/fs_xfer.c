/* In-kernel transfers, advice, locks and extended attributes: sendfile,
 * copy_file_range, splice, tee, flock, fadvise64, sync_file_range,
 * readahead, fchmodat2, and the twelve *xattr calls. Every fd argument is
 * checked against pvm's range, every pointer against the guest region;
 * flag words are checked against the (arch-independent) known bits. The
 * calls that can wait on a pipe, socket or lock (sendfile, splice, tee,
 * flock) go through the safe-syscall stub (signals/safe_syscall.h). */
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "signals/safe_syscall.h"
#include "sysnums.h"
#include "syscalls/abi_fs.h"
#include "syscalls/fs_util.h"

/* optional in/out loff_t pointer: host pointer, or NULL for a NULL guest
 * pointer; false when the range is bad */
static bool fs_off_ptr(uint64_t g, void **h)
{
    *h = NULL;
    if (!g)
        return true;
    if (!mem_range_ok(g, 8))
        return false;
    *h = g2h(g);
    return true;
}

int64_t sys_sendfile(struct cpu *c, const uint64_t a[6])
{
    if (fs_check_fd(a[0]) || fs_check_fd(a[1]))
        return -EBADF;
    void *off;
    if (!fs_off_ptr(a[2], &off))
        return -EFAULT;
    return sig_hsys(SYS_sendfile, fs_fd(a[0]), fs_fd(a[1]), (long)off, (long)a[3], 0, 0);
}

int64_t sys_copy_file_range(struct cpu *c, const uint64_t a[6])
{
    if (fs_check_fd(a[0]) || fs_check_fd(a[2]))
        return -EBADF;
    if (a[5])
        return -EINVAL; /* no flags are defined */
    void *oin, *oout;
    if (!fs_off_ptr(a[1], &oin) || !fs_off_ptr(a[3], &oout))
        return -EFAULT;
    return sys_ret(syscall(SYS_copy_file_range, fs_fd(a[0]), oin, fs_fd(a[2]), oout,
                           (size_t)a[4], 0u));
}

int64_t sys_splice(struct cpu *c, const uint64_t a[6])
{
    if (fs_check_fd(a[0]) || fs_check_fd(a[2]))
        return -EBADF;
    if (a[5] & ~(uint64_t)SPLICE_F_KNOWN_A64)
        return -EINVAL;
    void *oin, *oout;
    if (!fs_off_ptr(a[1], &oin) || !fs_off_ptr(a[3], &oout))
        return -EFAULT;
    return sig_hsys(SYS_splice, fs_fd(a[0]), (long)oin, fs_fd(a[2]), (long)oout, (long)a[4],
                    (unsigned)a[5]);
}

int64_t sys_tee(struct cpu *c, const uint64_t a[6])
{
    if (fs_check_fd(a[0]) || fs_check_fd(a[1]))
        return -EBADF;
    if (a[3] & ~(uint64_t)SPLICE_F_KNOWN_A64)
        return -EINVAL;
    return sig_hsys(SYS_tee, fs_fd(a[0]), fs_fd(a[1]), (long)a[2], (unsigned)a[3], 0, 0);
}

int64_t sys_flock(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    /* LOCK_MAND and its read/write bits are gone from current kernels */
    if (a[1] & ~(uint64_t)(LOCK_SH_A64 | LOCK_EX_A64 | LOCK_NB_A64 | LOCK_UN_A64))
        return -EINVAL;
    return sig_hsys(SYS_flock, fs_fd(a[0]), (unsigned)a[1], 0, 0, 0, 0);
}

int64_t sys_fadvise64(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    if ((uint32_t)a[3] > POSIX_FADV_NOREUSE_A64) /* NORMAL..NOREUSE are 0..5 on both */
        return -EINVAL;
    return sys_ret(syscall(SYS_fadvise64, fs_fd(a[0]), (off_t)a[1], (off_t)a[2], (int)a[3]));
}

int64_t sys_sync_file_range(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    if (a[3] & ~(uint64_t)SYNC_FILE_RANGE_KNOWN_A64)
        return -EINVAL;
    return sys_ret(syscall(SYS_sync_file_range, fs_fd(a[0]), (off_t)a[1], (off_t)a[2],
                           (unsigned)a[3]));
}

int64_t sys_readahead(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    return r ? r : sys_ret(syscall(SYS_readahead, fs_fd(a[0]), (off_t)a[1], (size_t)a[2]));
}

int64_t sys_fchmodat2(struct cpu *c, const uint64_t a[6])
{
    if (xlat_check_bits(a[3], AT_SYMLINK_NOFOLLOW_A64 | AT_EMPTY_PATH_A64))
        return -EINVAL;
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1], (a[3] & AT_SYMLINK_NOFOLLOW_A64) ? 0 : FSP_FOLLOW);
    return r ? r
             : sys_ret(syscall(X64_NR_fchmodat2, p.dirfd, p.path, (mode_t)a[2], (int)a[3]));
}

/* ---- extended attributes ---- */

#define XATTR_NAME_MAX_A64 255
#define XATTR_SIZE_MAX_A64 65536

/* reads an attribute name; -ERANGE for an over-long one, as the kernel */
static long fs_xattr_name(char *buf, uint64_t g)
{
    long n = mem_strncpy_from_guest(buf, g, XATTR_NAME_MAX_A64 + 1);
    return n == -ENAMETOOLONG ? -ERANGE : n < 0 ? n : 0;
}

/* host pointer for a value/list buffer of size bytes (the kernel never
 * touches more than XATTR_SIZE_MAX of it) */
static bool fs_xattr_buf(uint64_t g, uint64_t size, void **h)
{
    uint64_t n = size > XATTR_SIZE_MAX_A64 ? XATTR_SIZE_MAX_A64 : size;
    *h = NULL;
    if (!n)
        return true;
    if (!mem_range_ok(g, n))
        return false;
    *h = g2h(g);
    return true;
}

/* which object the call names: a path (following symlinks or not) or an fd */
enum fs_xattr_on { XA_PATH, XA_LPATH, XA_FD };

/* host syscall numbers per (operation, object) */
static const long fs_xattr_nr[4][3] = {
    {SYS_setxattr, SYS_lsetxattr, SYS_fsetxattr},
    {SYS_getxattr, SYS_lgetxattr, SYS_fgetxattr},
    {SYS_listxattr, SYS_llistxattr, SYS_flistxattr},
    {SYS_removexattr, SYS_lremovexattr, SYS_fremovexattr},
};
enum { XA_SET, XA_GET, XA_LIST, XA_REMOVE };

static int64_t fs_xattr(int op, enum fs_xattr_on on, const uint64_t a[6])
{
    struct fs_path p;
    long obj_fd = -1;
    if (on == XA_FD) {
        long r = fs_check_fd(a[0]);
        if (r)
            return r;
        obj_fd = fs_fd(a[0]);
    } else {
        long r = fs_path_get(&p, AT_FDCWD_A64, a[0], on == XA_PATH ? FSP_FOLLOW : 0);
        if (r)
            return r;
    }
    char name[XATTR_NAME_MAX_A64 + 1];
    void *buf;
    long nr = fs_xattr_nr[op][on];
    long r;
    switch (op) {
    case XA_SET:
        if (a[4] & ~(uint64_t)(XATTR_CREATE_A64 | XATTR_REPLACE_A64))
            return -EINVAL;
        if (a[3] > XATTR_SIZE_MAX_A64)
            return -E2BIG;
        if ((r = fs_xattr_name(name, a[1])))
            return r;
        if (!fs_xattr_buf(a[2], a[3], &buf))
            return -EFAULT;
        return sys_ret(on == XA_FD ? syscall(nr, obj_fd, name, buf, (size_t)a[3], (int)a[4])
                                   : syscall(nr, p.path, name, buf, (size_t)a[3], (int)a[4]));
    case XA_GET:
        if ((r = fs_xattr_name(name, a[1])))
            return r;
        if (!fs_xattr_buf(a[2], a[3], &buf))
            return -EFAULT;
        return sys_ret(on == XA_FD ? syscall(nr, obj_fd, name, buf, (size_t)a[3])
                                   : syscall(nr, p.path, name, buf, (size_t)a[3]));
    case XA_LIST:
        if (!fs_xattr_buf(a[1], a[2], &buf))
            return -EFAULT;
        return sys_ret(on == XA_FD ? syscall(nr, obj_fd, buf, (size_t)a[2])
                                   : syscall(nr, p.path, buf, (size_t)a[2]));
    default:
        if ((r = fs_xattr_name(name, a[1])))
            return r;
        return sys_ret(on == XA_FD ? syscall(nr, obj_fd, name) : syscall(nr, p.path, name));
    }
}

int64_t sys_setxattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_SET, XA_PATH, a); }
int64_t sys_lsetxattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_SET, XA_LPATH, a); }
int64_t sys_fsetxattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_SET, XA_FD, a); }
int64_t sys_getxattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_GET, XA_PATH, a); }
int64_t sys_lgetxattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_GET, XA_LPATH, a); }
int64_t sys_fgetxattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_GET, XA_FD, a); }
int64_t sys_listxattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_LIST, XA_PATH, a); }
int64_t sys_llistxattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_LIST, XA_LPATH, a); }
int64_t sys_flistxattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_LIST, XA_FD, a); }
int64_t sys_removexattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_REMOVE, XA_PATH, a); }
int64_t sys_lremovexattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_REMOVE, XA_LPATH, a); }
int64_t sys_fremovexattr(struct cpu *c, const uint64_t a[6]) { return fs_xattr(XA_REMOVE, XA_FD, a); }

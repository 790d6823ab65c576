/* File status calls: fstat, newfstatat (arm64's asm-generic struct stat,
 * converted from the host's by xlat_stat_h2g), statx (arch-independent),
 * statfs, fstatfs (same words on both, copied field by field). Results are
 * built in host memory and copied out with mem_copy_to_guest. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/process.h"
#include "syscalls/abi_fs.h"
#include "syscalls/fs_util.h"

static int64_t fs_stat_out(long r, const struct stat *st, uint64_t gbuf)
{
    if (r)
        return r;
    struct stat_a64 g;
    xlat_stat_h2g(st, &g);
    return mem_copy_to_guest(gbuf, &g, sizeof g) ? 0 : -EFAULT;
}

int64_t sys_fstat(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    struct stat st;
    return fs_stat_out(sys_ret(fstat(fs_fd(a[0]), &st)), &st, a[1]);
}

int64_t sys_newfstatat(struct cpu *c, const uint64_t a[6])
{
    int flags = (int)a[3];
    if (xlat_check_bits(a[3], AT_SYMLINK_NOFOLLOW_A64 | AT_EMPTY_PATH_A64 | AT_NO_AUTOMOUNT_A64))
        return -EINVAL;
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1], (flags & AT_SYMLINK_NOFOLLOW) ? 0 : FSP_FOLLOW);
    if (r)
        return r;
    struct stat st;
    return fs_stat_out(sys_ret(syscall(SYS_newfstatat, p.dirfd, p.path, &st, flags)), &st, a[2]);
}

int64_t sys_statx(struct cpu *c, const uint64_t a[6])
{
    int flags = (int)a[2];
    if (xlat_check_bits(a[2], AT_SYMLINK_NOFOLLOW_A64 | AT_EMPTY_PATH_A64 | AT_NO_AUTOMOUNT_A64 |
                                  AT_STATX_SYNC_TYPE_A64))
        return -EINVAL;
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1], FSP_NULL_OK | ((flags & AT_SYMLINK_NOFOLLOW) ? 0 : FSP_FOLLOW));
    if (r)
        return r;
    uint8_t buf[STATX_SIZE_A64];
    r = sys_ret(syscall(SYS_statx, p.dirfd, p.path, flags, (unsigned)a[3], buf));
    if (r)
        return r;
    return mem_copy_to_guest(a[4], buf, sizeof buf) ? 0 : -EFAULT;
}

static int64_t fs_statfs_out(long r, const struct statfs *h, uint64_t gbuf)
{
    if (r)
        return r;
    struct statfs_a64 g;
    xlat_statfs_h2g(h, &g);
    return mem_copy_to_guest(gbuf, &g, sizeof g) ? 0 : -EFAULT;
}

int64_t sys_statfs(struct cpu *c, const uint64_t a[6])
{
    struct fs_path p;
    long r = fs_path_get(&p, AT_FDCWD_A64, a[0], FSP_FOLLOW);
    if (r)
        return r;
    struct statfs st;
    if (p.dirfd != AT_FDCWD) /* relative to the cwd: p.path is usable as is */
        p.dirfd = AT_FDCWD;
    return fs_statfs_out(sys_ret(statfs(p.path, &st)), &st, a[1]);
}

int64_t sys_fstatfs(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    struct statfs st;
    return fs_statfs_out(sys_ret(fstatfs(fs_fd(a[0]), &st)), &st, a[1]);
}

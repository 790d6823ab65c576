/* vmsplice: user pages into a pipe, or a pipe's contents into user memory.
 * struct iovec is {u64 base; u64 len} on both; every segment is
 * range-checked against the guest region (cut at its end, as for readv)
 * before the host kernel sees it. splice, tee, sendfile, copy_file_range
 * live in fs_xfer.c. */
#include <fcntl.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

#include "signals/safe_syscall.h"
#include "syscalls/abi_fs.h"
#include "syscalls/fs_util.h"

#define FS_SPLICE_IOV_MAX 1024 /* UIO_MAXIOV */

int64_t sys_vmsplice(struct cpu *c, const uint64_t a[6])
{
    /* the kernel's order: flags, then the fd, then the vector */
    if (a[3] & ~(uint64_t)SPLICE_F_KNOWN_A64 & 0xffffffffu)
        return -EINVAL;
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    uint64_t cnt = a[2];
    if (cnt > FS_SPLICE_IOV_MAX)
        return -EINVAL;
    uint64_t g[2 * FS_SPLICE_IOV_MAX];
    struct iovec h[FS_SPLICE_IOV_MAX];
    if (cnt && !mem_copy_from_guest(g, a[1], cnt * 16))
        return -EFAULT;
    for (uint64_t k = 0; k < cnt; k++) {
        uint64_t len = g[2 * k + 1];
        if ((int64_t)len < 0)
            return -EINVAL;
        void *p = fs_guest_buf(g[2 * k], &len);
        if (!p)
            return -EFAULT;
        h[k].iov_base = p;
        h[k].iov_len = len;
    }
    /* waits for room in (or data from) the pipe: the safe stub */
    return sig_hsys(SYS_vmsplice, fs_fd(a[0]), (long)h, (long)cnt, (unsigned)a[3], 0, 0);
}

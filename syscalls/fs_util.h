/* Shared helpers of the file-system call family (syscalls/fs_*.c): guest fd
 * checks and guest path resolution. A guest path argument is read with
 * mem_strncpy_from_guest, classified for the /proc rules (procfs.h), and,
 * under -L, turned into the absolute guest path and looked up with
 * path_lookup (directory fds and the cwd remember their guest paths).
 * Calls that could reach one of pvm's protected files (fdtab.h) by another
 * route check what they reached: opens by the result, path operations
 * before the call (fs_path_guard). */
#ifndef PVM_SYSCALLS_FS_UTIL_H
#define PVM_SYSCALLS_FS_UTIL_H

#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>

#include "syscalls/fdtab.h"
#include "syscalls/procfs.h"
#include "syscalls/syscall.h"

/* The guest passes an int fd in a 64-bit register: the kernel looks at the
 * low 32 bits only. */
static inline int fs_fd(uint64_t a) { return (int)(uint32_t)a; }

/* -EBADF for one of pvm's descriptors, else 0 */
static inline long fs_check_fd(uint64_t a)
{
    return fd_is_pvm(fs_fd(a)) ? -EBADF : 0;
}

/* Host pointer for a guest buffer [ga, ga+*len) the kernel will read or
 * write, or NULL (-> EFAULT) when it starts outside the guest region. A
 * length running past the region's end is cut there: the kernel only faults
 * on bytes it actually copies, and pages the guest may not touch are
 * protected on the host too, so it stops (EFAULT or a short count) at the
 * first bad page by itself. */
static inline void *fs_guest_buf(uint64_t ga, uint64_t *len)
{
    uint64_t a = mem_untag(ga);
    if (*len == 0)
        return guest_base + (a < guest_size ? a : 0);
    if (a >= guest_size)
        return NULL;
    if (*len > guest_size - a)
        *len = guest_size - a;
    return guest_base + a;
}

/* a resolved path argument */
struct fs_path {
    int dirfd;             /* host dirfd for the call */
    const char *path;      /* host path for the call (NULL when allowed and given) */
    enum procfs_kind kind; /* the /proc rule that applies */
    bool abs_known;        /* gabs holds the absolute guest path */
    char gabs[PATH_MAX];   /* absolute guest path (normalised), when known */
    char buf[PATH_MAX];    /* storage for the guest string / host path */
};

enum {
    FSP_NULL_OK = 1, /* a NULL path pointer is allowed (utimensat) */
    FSP_FOLLOW = 2,  /* the call follows a final symlink: /proc/self/exe is
                      * the guest program, never pvm's binary */
};

/* Reads and resolves the (dirfd, path) pair. Returns 0 or -errno
 * (-EFAULT, -ENAMETOOLONG, -EBADF for a pvm dirfd with a relative path,
 * -ENOENT for /proc/<self>/fd/<pvm fd>). */
long fs_path_get(struct fs_path *p, uint64_t dirfd, uint64_t gptr, unsigned flags);
/* The open flags to give the host for the guest's hflags: O_TRUNC is held
 * back while pvm protects files (fdtab.h), so a protected file is refused
 * before it can lose its content; fs_open_result applies it after. */
static inline int fs_open_host_flags(int hflags)
{
    return fdtab_protecting() && !(hflags & O_PATH) ? hflags & ~O_TRUNC : hflags;
}

/* openat/openat2/open_by_handle_at result r (opened with
 * fs_open_host_flags(hflags)): keeps the fd out of pvm's range; refuses,
 * by what was opened, a protected file (EACCES), /proc/<pid>/mem and the
 * refused /proc entries (EACCES), a /proc link to a pvm fd (ENOENT); gives
 * the emulated view of a /proc file reached by any spelling; applies a
 * held-back O_TRUNC; and (record_path, with -L) records a directory's
 * absolute guest path from p for later dirfd-relative lookups */
int64_t fs_open_result(long r, const struct fs_path *p, int hflags, bool record_path);

/* A path operation (chmod, unlink, rename, truncate...) on a protected file:
 * -EACCES; on a /proc link naming one (not followed): -ENOENT, as if the
 * link were not there; else 0. follow: the call follows a final symlink.
 * Checked before the call (opens are checked on their result). */
long fs_path_guard(const struct fs_path *p, bool follow);

#endif

/* Shared helpers of the file-system call family (syscalls/fs_*.c): guest fd
 * checks and guest path resolution. A guest path argument is read with
 * mem_strncpy_from_guest, classified for the /proc rules (procfs.h), and,
 * under -L, turned into the absolute guest path and looked up with
 * path_lookup (directory fds and the cwd remember their guest paths). */
#ifndef PVM_SYSCALLS_FS_UTIL_H
#define PVM_SYSCALLS_FS_UTIL_H

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

/* as fs_check_fd, but AT_FDCWD (and other negative values, which the kernel
 * rejects itself) pass */
static inline long fs_check_dirfd(uint64_t a)
{
    return fs_check_fd(a);
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
};

/* Reads and resolves the (dirfd, path) pair. Returns 0 or -errno
 * (-EFAULT, -ENAMETOOLONG, -EBADF for a pvm dirfd). */
long fs_path_get(struct fs_path *p, uint64_t dirfd, uint64_t gptr, unsigned flags);

/* strace helpers need nothing from here; fs_fd.c's close/dup keep the
 * directory-path table in step. */

#endif

/* openat2 and the file-handle calls (name_to_handle_at, open_by_handle_at).
 * openat2's struct open_how follows the kernel's extensible-struct rules
 * (size < 24: EINVAL, > a page: E2BIG, non-zero bytes past the known part:
 * E2BIG) and is checked and converted by xlat_open_how_g2h; paths follow the
 * same -L and /proc rules as openat, and every open's result is checked
 * by fs_open_result (pvm's protected files, /proc by identity). Handles
 * are staged in host memory, so the host kernel never sees a guest pointer
 * here. */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/options.h"
#include "core/process.h"
#include "sysnums.h"
#include "signals/safe_syscall.h"
#include "syscalls/abi_fs.h"
#include "syscalls/fs_util.h"

/* Reads the guest's open_how of usize bytes; 0 or -errno. The tail past
 * the 24 known bytes is checked before the head, as copy_struct_from_user. */
static long fs_open_how_get(struct open_how_a64 *g, uint64_t gptr, uint64_t usize)
{
    if (usize < OPEN_HOW_SIZE_VER0_A64)
        return -EINVAL;
    if (usize > OPEN_HOW_SIZE_MAX_A64)
        return -E2BIG;
    if (usize > sizeof *g) {
        uint8_t tail[OPEN_HOW_SIZE_MAX_A64];
        uint64_t n = usize - sizeof *g;
        if (!mem_copy_from_guest(tail, gptr + sizeof *g, n))
            return -EFAULT;
        for (uint64_t k = 0; k < n; k++)
            if (tail[k])
                return -E2BIG;
    }
    return mem_copy_from_guest(g, gptr, sizeof *g) ? 0 : -EFAULT;
}

int64_t sys_openat2(struct cpu *c, const uint64_t a[6])
{
    struct open_how_a64 g;
    long r = fs_open_how_get(&g, a[2], a[3]);
    if (r)
        return r;
    struct open_how_x64 how;
    if ((r = xlat_open_how_g2h(&g, &how)))
        return r;
    int hflags = (int)how.flags;
    bool scoped = how.resolve & (RESOLVE_BENEATH_A64 | RESOLVE_IN_ROOT_A64);
    struct fs_path p;
    if ((r = fs_path_get(&p, a[0], a[1], 0)))
        return r;
    int dirfd = p.dirfd;
    const char *path = p.path;
    char raw[PATH_MAX];
    if (scoped) {
        /* The lookup is confined to dirfd: the -L prefix must not turn it
         * into an absolute host path, so the guest's own string is used. */
        if (mem_strncpy_from_guest(raw, a[1], sizeof raw) < 0)
            return -EFAULT;
        dirfd = fs_fd(a[0]);
        path = raw;
        if (raw[0] == '/') {
            if (how.resolve & RESOLVE_BENEATH_A64)
                return -EXDEV; /* an absolute start escapes at once */
            if (dirfd != AT_FDCWD && fd_is_pvm(dirfd))
                return -EBADF; /* IN_ROOT: "/" is dirfd itself */
            p.kind = PROCFS_NONE; /* not the host's /proc then */
        }
    }
    switch (p.kind) {
    case PROCFS_MEM:
    case PROCFS_REFUSED:
        return -EACCES;
    case PROCFS_EXE:
        if ((hflags & O_NOFOLLOW) && !(hflags & O_PATH))
            return -ELOOP;
        if (hflags & O_NOFOLLOW)
            break; /* O_PATH|O_NOFOLLOW: the link itself */
        /* following a /proc magic link (nd_jump_link) */
        if (how.resolve & RESOLVE_NO_MAGICLINKS_A64)
            return -ELOOP;
        if (scoped)
            return -EXDEV;
        if (procfs_exe_target(p.gabs, raw, sizeof raw)) {
            dirfd = AT_FDCWD;
            path = raw;
        }
        break;
    case PROCFS_NONE:
    case PROCFS_PVM_FD:
        break;
    default:
        r = procfs_open_emulated_at(p.kind, p.gabs, hflags);
        if (r != -ENOENT)
            return fdtab_guest_fd(r);
        break;
    }
    how.flags = (uint64_t)(unsigned)fs_open_host_flags(hflags);
    /* a FIFO waits for the other end: the safe stub */
    r = sig_hsys(X64_NR_openat2, dirfd, (long)path, (long)&how, sizeof how, 0, 0);
    /* IN_ROOT clamps ".." at dirfd, which the lexical guest path does not */
    return fs_open_result(r, &p, hflags, !(how.resolve & RESOLVE_IN_ROOT_A64));
}

/* ---- file handles ---- */

struct fs_handle_buf {
    struct file_handle_a64 h;
    uint8_t bytes[MAX_HANDLE_SZ_A64];
};

int64_t sys_name_to_handle_at(struct cpu *c, const uint64_t a[6])
{
    uint64_t flags = a[4] & 0xffffffffu;
    if (xlat_check_bits(flags, NAME_TO_HANDLE_FLAGS_A64))
        return -EINVAL;
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1], 0);
    if (r)
        return r;
    if (p.kind == PROCFS_EXE && (flags & AT_SYMLINK_FOLLOW_A64) &&
        procfs_exe_target(p.gabs, p.buf, sizeof p.buf)) {
        p.dirfd = AT_FDCWD;
        p.path = p.buf;
    }
    /* a handle of a protected file would reopen it (open_by_handle_at
     * checks its result too) */
    if ((r = fs_path_guard(&p, flags & AT_SYMLINK_FOLLOW_A64)))
        return r;
    struct fs_handle_buf fh;
    memset(&fh, 0, sizeof fh);
    if (!mem_copy_from_guest(&fh.h, a[2], sizeof fh.h))
        return -EFAULT;
    if (fh.h.handle_bytes > MAX_HANDLE_SZ_A64)
        return -EINVAL;
    uint32_t room = fh.h.handle_bytes;
    uint64_t mnt = 0;
    r = sys_ret(syscall(SYS_name_to_handle_at, p.dirfd, p.path, &fh, &mnt, (int)flags));
    if (r != 0 && r != -EOVERFLOW)
        return r;
    /* the kernel writes the mount id and the header (the handle too on
     * success) back in both cases; EOVERFLOW carries the size needed */
    size_t msz = (flags & AT_HANDLE_MNT_ID_UNIQUE_A64) ? 8 : 4;
    size_t hsz = sizeof fh.h;
    if (r == 0)
        hsz += fh.h.handle_bytes <= room ? fh.h.handle_bytes : room;
    if (!mem_copy_to_guest(a[3], &mnt, msz) || !mem_copy_to_guest(a[2], &fh, hsz))
        return -EFAULT;
    return r;
}

int64_t sys_open_by_handle_at(struct cpu *c, const uint64_t a[6])
{
    int hflags;
    if (xlat_open_flags_g2h(a[2] & 0xffffffffu, &hflags))
        return -EINVAL;
    int mfd = fs_fd(a[0]);
    if (mfd != AT_FDCWD && fd_is_pvm(mfd))
        return -EBADF;
    struct fs_handle_buf fh;
    if (!mem_copy_from_guest(&fh.h, a[1], sizeof fh.h))
        return -EFAULT;
    if (fh.h.handle_bytes == 0 || fh.h.handle_bytes > MAX_HANDLE_SZ_A64)
        return -EINVAL;
    if (!mem_copy_from_guest(fh.bytes, a[1] + sizeof fh.h, fh.h.handle_bytes))
        return -EFAULT;
    /* a handle can name a FIFO, whose open waits: the safe stub */
    long r = sig_hsys(SYS_open_by_handle_at, mfd, (long)&fh, fs_open_host_flags(hflags), 0, 0, 0);
    return fs_open_result(r, NULL, hflags, false);
}

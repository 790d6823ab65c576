/* arm64 ABI facts for the file/descriptor system calls: the *_A64 constants
 * and guest struct layouts (from /usr/aarch64-linux-gnu/include/asm*), and
 * explicit xlat_* conversions to and from the x86-64 host's. Where a layout
 * or value is identical on both, a _Static_assert or a test says so instead
 * of a conversion. Unknown guest flag bits are rejected (-EINVAL). */
#ifndef PVM_SYSCALLS_ABI_FS_H
#define PVM_SYSCALLS_ABI_FS_H

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

/* ---- open(2) flags: arm64 overrides four asm-generic values ---- */

#define O_ACCMODE_A64 03
#define O_CREAT_A64 0100
#define O_EXCL_A64 0200
#define O_NOCTTY_A64 0400
#define O_TRUNC_A64 01000
#define O_APPEND_A64 02000
#define O_NONBLOCK_A64 04000
#define O_DSYNC_A64 010000
#define FASYNC_A64 020000
#define O_DIRECTORY_A64 040000   /* x86-64: 0200000 */
#define O_NOFOLLOW_A64 0100000   /* x86-64: 0400000 */
#define O_DIRECT_A64 0200000     /* x86-64: 040000 */
#define O_LARGEFILE_A64 0400000  /* x86-64: 0100000 */
#define O_NOATIME_A64 01000000
#define O_CLOEXEC_A64 02000000
#define O__SYNC_A64 04000000     /* __O_SYNC; O_SYNC = __O_SYNC|O_DSYNC */
#define O_PATH_A64 010000000
#define O__TMPFILE_A64 020000000 /* __O_TMPFILE; O_TMPFILE adds O_DIRECTORY */

/* the host's kernel values of the bits that move (glibc hides O_LARGEFILE) */
#define O_DIRECTORY_X64 0200000
#define O_NOFOLLOW_X64 0400000
#define O_DIRECT_X64 040000
#define O_LARGEFILE_X64 0100000

/* bits with the same value on both */
#define O_SAME_A64                                                                        \
    (O_ACCMODE_A64 | O_CREAT_A64 | O_EXCL_A64 | O_NOCTTY_A64 | O_TRUNC_A64 | O_APPEND_A64 | \
     O_NONBLOCK_A64 | O_DSYNC_A64 | FASYNC_A64 | O_NOATIME_A64 | O_CLOEXEC_A64 |           \
     O__SYNC_A64 | O_PATH_A64 | O__TMPFILE_A64)
#define O_KNOWN_A64 \
    (O_SAME_A64 | O_DIRECTORY_A64 | O_NOFOLLOW_A64 | O_DIRECT_A64 | O_LARGEFILE_A64)

_Static_assert(O_CREAT == O_CREAT_A64 && O_EXCL == O_EXCL_A64 && O_NOCTTY == O_NOCTTY_A64 &&
                   O_TRUNC == O_TRUNC_A64 && O_APPEND == O_APPEND_A64 &&
                   O_NONBLOCK == O_NONBLOCK_A64 && O_DSYNC == O_DSYNC_A64 &&
                   FASYNC == FASYNC_A64 && O_NOATIME == O_NOATIME_A64 &&
                   O_CLOEXEC == O_CLOEXEC_A64 && O_PATH == O_PATH_A64 &&
                   O_SYNC == (O__SYNC_A64 | O_DSYNC_A64),
               "asm-generic open flags shared by arm64 and x86-64");
_Static_assert(O_DIRECTORY == O_DIRECTORY_X64 && O_NOFOLLOW == O_NOFOLLOW_X64 &&
                   O_DIRECT == O_DIRECT_X64 && O_TMPFILE == (O__TMPFILE_A64 | O_DIRECTORY_X64),
               "x86-64 values of the open flags that differ");

/* Guest open flags to host ones; -EINVAL for a bit arm64 does not define. */
static inline int xlat_open_flags_g2h(uint64_t g, int *host)
{
    if (g & ~(uint64_t)O_KNOWN_A64)
        return -EINVAL;
    int h = (int)(g & O_SAME_A64);
    if (g & O_DIRECTORY_A64)
        h |= O_DIRECTORY_X64;
    if (g & O_NOFOLLOW_A64)
        h |= O_NOFOLLOW_X64;
    if (g & O_DIRECT_A64)
        h |= O_DIRECT_X64;
    if (g & O_LARGEFILE_A64)
        h |= O_LARGEFILE_X64;
    *host = h;
    return 0;
}

/* Host flags (F_GETFL) to the guest's; host-internal bits arm64 has no
 * name for are dropped. */
static inline uint64_t xlat_open_flags_h2g(int h)
{
    uint64_t u = (unsigned)h;
    uint64_t g = u & O_SAME_A64;
    if (u & O_DIRECTORY_X64)
        g |= O_DIRECTORY_A64;
    if (u & O_NOFOLLOW_X64)
        g |= O_NOFOLLOW_A64;
    if (u & O_DIRECT_X64)
        g |= O_DIRECT_A64;
    if (u & O_LARGEFILE_X64)
        g |= O_LARGEFILE_A64;
    return g;
}

/* ---- *at() flags: linux/fcntl.h, arch-independent ---- */

#define AT_FDCWD_A64 (-100)
/* access modes (faccessat) */
#define F_OK_A64 0
#define X_OK_A64 1
#define W_OK_A64 2
#define R_OK_A64 4
#define AT_SYMLINK_NOFOLLOW_A64 0x100
#define AT_REMOVEDIR_A64 0x200
#define AT_EACCESS_A64 0x200
#define AT_SYMLINK_FOLLOW_A64 0x400
#define AT_NO_AUTOMOUNT_A64 0x800
#define AT_EMPTY_PATH_A64 0x1000
#define AT_STATX_SYNC_TYPE_A64 0x6000
#define AT_RECURSIVE_A64 0x8000
_Static_assert(AT_FDCWD == AT_FDCWD_A64 && AT_SYMLINK_NOFOLLOW == AT_SYMLINK_NOFOLLOW_A64 &&
                   AT_REMOVEDIR == AT_REMOVEDIR_A64 && AT_SYMLINK_FOLLOW == AT_SYMLINK_FOLLOW_A64 &&
                   AT_NO_AUTOMOUNT == AT_NO_AUTOMOUNT_A64 && AT_EMPTY_PATH == AT_EMPTY_PATH_A64 &&
                   AT_STATX_SYNC_TYPE == AT_STATX_SYNC_TYPE_A64,
               "AT_* flags are arch-independent");

/* -EINVAL unless every bit of f is in `allowed` */
static inline int xlat_check_bits(uint64_t f, uint64_t allowed)
{
    return (f & ~allowed) ? -EINVAL : 0;
}

/* ---- struct stat: arm64 uses the asm-generic layout (128 bytes) ---- */

struct stat_a64 {
    uint64_t st_dev;
    uint64_t st_ino;
    uint32_t st_mode;
    uint32_t st_nlink;
    uint32_t st_uid;
    uint32_t st_gid;
    uint64_t st_rdev;
    uint64_t pad1;
    int64_t st_size;
    int32_t st_blksize;
    int32_t pad2;
    int64_t st_blocks;
    int64_t st_atime_sec;
    uint64_t st_atime_nsec;
    int64_t st_mtime_sec;
    uint64_t st_mtime_nsec;
    int64_t st_ctime_sec;
    uint64_t st_ctime_nsec;
    uint32_t unused4;
    uint32_t unused5;
};
_Static_assert(sizeof(struct stat_a64) == 128, "arm64 struct stat is 128 bytes");
_Static_assert(offsetof(struct stat_a64, st_mode) == 16 && offsetof(struct stat_a64, st_rdev) == 32 &&
                   offsetof(struct stat_a64, st_size) == 48 &&
                   offsetof(struct stat_a64, st_blksize) == 56 &&
                   offsetof(struct stat_a64, st_blocks) == 64 &&
                   offsetof(struct stat_a64, st_atime_sec) == 72 &&
                   offsetof(struct stat_a64, st_ctime_nsec) == 112,
               "asm-generic struct stat offsets");
/* the host's (x86-64 kernel layout, which glibc's struct stat matches) */
_Static_assert(sizeof(struct stat) == 144, "x86-64 struct stat is 144 bytes");

/* Host struct stat to the guest's. st_nlink narrows to 32 bits as the arm64
 * kernel's cp_new_stat would (it fails with EOVERFLOW there; such counts do
 * not occur on real file systems). */
static inline void xlat_stat_h2g(const struct stat *h, struct stat_a64 *g)
{
    *g = (struct stat_a64){
        .st_dev = h->st_dev,
        .st_ino = h->st_ino,
        .st_mode = h->st_mode,
        .st_nlink = (uint32_t)h->st_nlink,
        .st_uid = h->st_uid,
        .st_gid = h->st_gid,
        .st_rdev = h->st_rdev,
        .st_size = h->st_size,
        .st_blksize = (int32_t)h->st_blksize,
        .st_blocks = h->st_blocks,
        .st_atime_sec = h->st_atim.tv_sec,
        .st_atime_nsec = (uint64_t)h->st_atim.tv_nsec,
        .st_mtime_sec = h->st_mtim.tv_sec,
        .st_mtime_nsec = (uint64_t)h->st_mtim.tv_nsec,
        .st_ctime_sec = h->st_ctim.tv_sec,
        .st_ctime_nsec = (uint64_t)h->st_ctim.tv_nsec,
    };
}

/* ---- struct statfs: asm-generic with 64-bit words on both (120 bytes) ---- */

struct statfs_a64 {
    int64_t f_type, f_bsize;
    uint64_t f_blocks, f_bfree, f_bavail, f_files, f_ffree;
    int32_t f_fsid[2];
    int64_t f_namelen, f_frsize, f_flags;
    int64_t f_spare[4];
};
_Static_assert(sizeof(struct statfs_a64) == 120, "arm64 struct statfs is 120 bytes");
_Static_assert(offsetof(struct statfs_a64, f_fsid) == 56 &&
                   offsetof(struct statfs_a64, f_namelen) == 64,
               "asm-generic struct statfs offsets");

/* ---- struct statx: arch-independent (linux/stat.h), 256 bytes ---- */
#define STATX_SIZE_A64 256
#define STATX__RESERVED_A64 0x80000000u

/* ---- struct flock: 64-bit asm-generic on both ---- */
struct flock_a64 {
    int16_t l_type, l_whence;
    int32_t pad0;
    int64_t l_start, l_len;
    int32_t l_pid, pad1;
};
_Static_assert(sizeof(struct flock_a64) == 32, "arm64 struct flock is 32 bytes");

/* fcntl commands (asm-generic/fcntl.h and linux/fcntl.h; same on x86-64) */
#define F_DUPFD_A64 0
#define F_GETFD_A64 1
#define F_SETFD_A64 2
#define F_GETFL_A64 3
#define F_SETFL_A64 4
#define F_GETLK_A64 5
#define F_SETLK_A64 6
#define F_SETLKW_A64 7
#define F_SETOWN_A64 8
#define F_GETOWN_A64 9
#define F_SETSIG_A64 10
#define F_GETSIG_A64 11
#define F_SETOWN_EX_A64 15
#define F_GETOWN_EX_A64 16
#define F_GETOWNER_UIDS_A64 17
#define F_OFD_GETLK_A64 36
#define F_OFD_SETLK_A64 37
#define F_OFD_SETLKW_A64 38
#define F_SETLEASE_A64 1024
#define F_GETLEASE_A64 1025
#define F_NOTIFY_A64 1026
#define F_DUPFD_CLOEXEC_A64 1030
#define F_SETPIPE_SZ_A64 1031
#define F_GETPIPE_SZ_A64 1032
#define F_ADD_SEALS_A64 1033
#define F_GET_SEALS_A64 1034
#define F_GET_RW_HINT_A64 1035
#define F_SET_RW_HINT_A64 1036
#define F_GET_FILE_RW_HINT_A64 1037
#define F_SET_FILE_RW_HINT_A64 1038
#define FD_CLOEXEC_A64 1

/* ---- terminals: asm-generic termbits/ioctls on both ---- */

#define NCCS_A64 19
struct termios_a64 { /* the kernel's struct termios, not glibc's */
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[NCCS_A64];
};
_Static_assert(sizeof(struct termios_a64) == 36, "kernel struct termios is 36 bytes");
struct termios2_a64 {
    uint32_t c_iflag, c_oflag, c_cflag, c_lflag;
    uint8_t c_line;
    uint8_t c_cc[NCCS_A64];
    uint32_t c_ispeed, c_ospeed;
};
_Static_assert(sizeof(struct termios2_a64) == 44, "kernel struct termios2 is 44 bytes");
struct winsize_a64 {
    uint16_t ws_row, ws_col, ws_xpixel, ws_ypixel;
};

#define TCGETS_A64 0x5401
#define TCSETS_A64 0x5402
#define TCSETSW_A64 0x5403
#define TCSETSF_A64 0x5404
#define TCSBRK_A64 0x5409
#define TCXONC_A64 0x540A
#define TCFLSH_A64 0x540B
#define TIOCEXCL_A64 0x540C
#define TIOCNXCL_A64 0x540D
#define TIOCSCTTY_A64 0x540E
#define TIOCGPGRP_A64 0x540F
#define TIOCSPGRP_A64 0x5410
#define TIOCOUTQ_A64 0x5411
#define TIOCGWINSZ_A64 0x5413
#define TIOCSWINSZ_A64 0x5414
#define TIOCMGET_A64 0x5415
#define FIONREAD_A64 0x541B
#define FIONBIO_A64 0x5421
#define TIOCNOTTY_A64 0x5422
#define TIOCSETD_A64 0x5423
#define TIOCGETD_A64 0x5424
#define TCSBRKP_A64 0x5425
#define TIOCGSID_A64 0x5429
#define TCGETS2_A64 0x802c542aU /* _IOR('T', 0x2A, struct termios2) */
#define TCSETS2_A64 0x402c542bU
#define TCSETSW2_A64 0x402c542cU
#define TCSETSF2_A64 0x402c542dU
#define TIOCGPTN_A64 0x80045430U /* _IOR('T', 0x30, unsigned int) */
#define TIOCSPTLCK_A64 0x40045431U
#define TIOCGPTLCK_A64 0x80045439U
#define TIOCGPTPEER_A64 0x5441
#define FIONCLEX_A64 0x5450
#define FIOCLEX_A64 0x5451
#define FIOASYNC_A64 0x5452

/* ---- getdents64: struct linux_dirent64 is arch-independent ---- */
struct dirent64_a64 {
    uint64_t d_ino;
    int64_t d_off;
    uint16_t d_reclen;
    uint8_t d_type;
    char d_name[];
};
_Static_assert(offsetof(struct dirent64_a64, d_name) == 19, "linux_dirent64 layout");

/* ---- openat2: struct open_how (linux/openat2.h), arch-independent ---- */

struct open_how_a64 {
    uint64_t flags; /* open flags in arm64 values: converted like openat's */
    uint64_t mode;
    uint64_t resolve; /* RESOLVE_*: arch-independent */
};
#define OPEN_HOW_SIZE_VER0_A64 24 /* the first published size; smaller: -EINVAL */
#define OPEN_HOW_SIZE_MAX_A64 4096 /* larger than a page: -E2BIG */
#define RESOLVE_NO_XDEV_A64 0x01
#define RESOLVE_NO_MAGICLINKS_A64 0x02
#define RESOLVE_NO_SYMLINKS_A64 0x04
#define RESOLVE_BENEATH_A64 0x08
#define RESOLVE_IN_ROOT_A64 0x10
#define RESOLVE_CACHED_A64 0x20
#define RESOLVE_KNOWN_A64 0x3f
/* with O_PATH only these may be set (the kernel's O_PATH_FLAGS) */
#define O_PATH_ALLOWED_A64 (O_DIRECTORY_A64 | O_NOFOLLOW_A64 | O_PATH_A64 | O_CLOEXEC_A64)

/* the host's struct open_how (x86-64: the same three words) */
struct open_how_x64 {
    uint64_t flags, mode, resolve;
};
_Static_assert(sizeof(struct open_how_a64) == OPEN_HOW_SIZE_VER0_A64 &&
                   sizeof(struct open_how_x64) == OPEN_HOW_SIZE_VER0_A64,
               "open_how is three u64 words");

/* Checks a guest open_how the way openat2 does (it rejects what openat
 * silently strips) and converts it, in the kernel's order
 * (fs/open.c build_open_flags): -EINVAL for unknown flag or resolve bits,
 * RESOLVE_BENEATH with RESOLVE_IN_ROOT, a mode without O_CREAT/O_TMPFILE or
 * with bits beyond 07777, O_DIRECTORY|O_CREAT, an O_TMPFILE without
 * O_DIRECTORY or write access, and O_PATH with other flags. */
static inline int xlat_open_how_g2h(const struct open_how_a64 *g, struct open_how_x64 *h)
{
    int hf;
    if (xlat_open_flags_g2h(g->flags, &hf))
        return -EINVAL;
    if (g->resolve & ~(uint64_t)RESOLVE_KNOWN_A64)
        return -EINVAL;
    if ((g->resolve & RESOLVE_BENEATH_A64) && (g->resolve & RESOLVE_IN_ROOT_A64))
        return -EINVAL;
    if (g->flags & (O_CREAT_A64 | O__TMPFILE_A64)) {
        if (g->mode & ~(uint64_t)07777)
            return -EINVAL;
    } else if (g->mode) {
        return -EINVAL;
    }
    /* O_DIRECTORY|O_CREAT is refused since Linux 6.4 (it used to create
     * a regular file); that also keeps O_CREAT away from O_TMPFILE */
    if ((g->flags & (O_DIRECTORY_A64 | O_CREAT_A64)) == (O_DIRECTORY_A64 | O_CREAT_A64))
        return -EINVAL;
    /* O_TMPFILE needs O_DIRECTORY and write access (O_TRUNC asks for it) */
    if ((g->flags & O__TMPFILE_A64) &&
        (!(g->flags & O_DIRECTORY_A64) || !(g->flags & (O_ACCMODE_A64 | O_TRUNC_A64))))
        return -EINVAL;
    if ((g->flags & O_PATH_A64) && (g->flags & ~(uint64_t)O_PATH_ALLOWED_A64))
        return -EINVAL;
    *h = (struct open_how_x64){.flags = (uint32_t)hf, .mode = g->mode, .resolve = g->resolve};
    return 0;
}

/* ---- file handles (linux/fcntl.h, fs.h): arch-independent ---- */

struct file_handle_a64 {
    uint32_t handle_bytes;
    int32_t handle_type;
    /* unsigned char f_handle[handle_bytes] follows */
};
#define MAX_HANDLE_SZ_A64 128
#define AT_HANDLE_MNT_ID_UNIQUE_A64 0x001 /* mount_id is a u64 */
#define AT_HANDLE_CONNECTABLE_A64 0x002
#define AT_HANDLE_FID_A64 0x200
#define NAME_TO_HANDLE_FLAGS_A64                                                   \
    (AT_SYMLINK_FOLLOW_A64 | AT_EMPTY_PATH_A64 | AT_HANDLE_FID_A64 |               \
     AT_HANDLE_MNT_ID_UNIQUE_A64 | AT_HANDLE_CONNECTABLE_A64)

/* ---- splice, tee, vmsplice: SPLICE_F_* (linux/splice.h) ---- */
#define SPLICE_F_MOVE_A64 1
#define SPLICE_F_NONBLOCK_A64 2
#define SPLICE_F_MORE_A64 4
#define SPLICE_F_GIFT_A64 8
#define SPLICE_F_KNOWN_A64 0xf

/* ---- space, advice, sync, locks, xattrs: arch-independent values ---- */
#define FALLOC_FL_KEEP_SIZE_A64 0x01
#define FALLOC_FL_PUNCH_HOLE_A64 0x02
#define FALLOC_FL_NO_HIDE_STALE_A64 0x04
#define FALLOC_FL_COLLAPSE_RANGE_A64 0x08
#define FALLOC_FL_ZERO_RANGE_A64 0x10
#define FALLOC_FL_INSERT_RANGE_A64 0x20
#define FALLOC_FL_UNSHARE_RANGE_A64 0x40
#define FALLOC_FL_KNOWN_A64 0x7f /* others: -EOPNOTSUPP, as the kernel */
#define POSIX_FADV_NORMAL_A64 0
#define POSIX_FADV_RANDOM_A64 1
#define POSIX_FADV_SEQUENTIAL_A64 2
#define POSIX_FADV_WILLNEED_A64 3
#define POSIX_FADV_DONTNEED_A64 4 /* 6 on s390x only */
#define POSIX_FADV_NOREUSE_A64 5
#define SYNC_FILE_RANGE_WAIT_BEFORE_A64 1
#define SYNC_FILE_RANGE_WRITE_A64 2
#define SYNC_FILE_RANGE_WAIT_AFTER_A64 4
#define SYNC_FILE_RANGE_KNOWN_A64 7
#define LOCK_SH_A64 1
#define LOCK_EX_A64 2
#define LOCK_NB_A64 4
#define LOCK_UN_A64 8
#define XATTR_CREATE_A64 1
#define XATTR_REPLACE_A64 2

/* ---- struct statfs: explicit conversion (x86-64 uses the same
 * asm-generic words, but the host struct is glibc's: copy field by field) */
#include <sys/statfs.h>
static inline void xlat_statfs_h2g(const struct statfs *h, struct statfs_a64 *g)
{
    *g = (struct statfs_a64){
        .f_type = h->f_type,
        .f_bsize = h->f_bsize,
        .f_blocks = h->f_blocks,
        .f_bfree = h->f_bfree,
        .f_bavail = h->f_bavail,
        .f_files = h->f_files,
        .f_ffree = h->f_ffree,
        .f_namelen = h->f_namelen,
        .f_frsize = h->f_frsize,
        .f_flags = h->f_flags,
    };
    /* __kernel_fsid_t is two ints on both; glibc names them __val */
    g->f_fsid[0] = h->f_fsid.__val[0];
    g->f_fsid[1] = h->f_fsid.__val[1];
}

#endif

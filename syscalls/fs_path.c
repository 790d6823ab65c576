/* Path-taking file system calls: openat, readlinkat, faccessat(2), mkdirat,
 * mknodat, unlinkat, renameat(2), symlinkat, linkat, utimensat, fchmodat(2),
 * fchownat, chdir, fchdir, getcwd, truncate; and the resolution of guest
 * (dirfd, path) pairs shared by the family, the one result path of opens
 * (fs_open_result: what was opened is checked, not how it was named) and
 * the guard of path operations against pvm's protected files. Under -L,
 * absolute guest paths go through path_lookup, and relative ones are made
 * absolute first when the directory they are relative to was reached
 * through a guest path (a dirfd opened by absolute path, or the guest cwd),
 * so a directory found inside the prefix never captures lookups of files
 * that exist only on the host. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/options.h"
#include "core/process.h"
#include "signals/safe_syscall.h"
#include "syscalls/abi_fs.h"
#include "syscalls/fs_util.h"
#include "syscalls/selfexe.h"

#include "core/path.h"

/* The guest cwd (kept only under -L) is recorded with the directory
 * descriptors' guest paths, under their lock (fdtab_cwd, fdtab_chdir). */

/* ---- resolution ---- */

static void fs_follow_exe(struct fs_path *p);

static long fs_path_resolve(struct fs_path *p, uint64_t gdirfd, uint64_t gptr, unsigned flags)
{
    int dirfd = fs_fd(gdirfd);
    /* the kernel ignores dirfd for an absolute path; otherwise a pvm fd is
     * not there for the guest */
    bool pvm_dirfd = dirfd != AT_FDCWD && fd_is_pvm(dirfd);
    p->dirfd = dirfd;
    p->kind = PROCFS_NONE;
    p->abs_known = false;
    p->path = NULL;
    if (!gptr && (flags & FSP_NULL_OK))
        return pvm_dirfd ? -EBADF : 0;
    long n = mem_strncpy_from_guest(p->buf, gptr, sizeof p->buf);
    if (n < 0)
        return n;
    if (pvm_dirfd && p->buf[0] != '/')
        return -EBADF;
    p->path = p->buf;
    if (p->buf[0] == '/') {
        memcpy(p->gabs, p->buf, (size_t)n + 1);
        p->abs_known = true;
    } else if (p->buf[0]) {
        char base[PATH_MAX];
        bool have = false;
        if (opt.ld_prefix)
            have = dirfd == AT_FDCWD ? fdtab_cwd(base, sizeof base)
                                     : fdtab_path(dirfd, base, sizeof base);
        /* relative to a /proc directory: the /proc rules apply all the same */
        if (!have && dirfd >= 0)
            have = procfs_fd_dir_path(dirfd, base, sizeof base);
        if (have && (size_t)snprintf(p->gabs, sizeof p->gabs, "%s/%s",
                                     strcmp(base, "/") ? base : "", p->buf) < sizeof p->gabs)
            p->abs_known = true;
    }
    if (!p->abs_known)
        return 0;
    char norm[PATH_MAX];
    strcpy(norm, p->gabs);
    procfs_normalize(norm);
    p->kind = procfs_classify(norm);
    if (p->kind == PROCFS_PVM_FD)
        return -ENOENT;
    if (opt.ld_prefix) {
        p->dirfd = AT_FDCWD;
        /* /proc, /dev, /sys stay the host's (path_lookup's rule) */
        p->path = path_lookup(p->gabs, p->buf, sizeof p->buf);
    }
    return 0;
}

/* /proc/<pid>/exe followed: the guest program itself (this process's, or
 * another pvm's through its descriptor, procfs_exe_target); buf holds
 * nothing needed any more once the path is resolved */
static void fs_follow_exe(struct fs_path *p)
{
    if (p->kind == PROCFS_EXE && procfs_exe_target(p->gabs, p->buf, sizeof p->buf)) {
        p->dirfd = AT_FDCWD;
        p->path = p->buf;
    }
}

long fs_path_get(struct fs_path *p, uint64_t gdirfd, uint64_t gptr, unsigned flags)
{
    long r = fs_path_resolve(p, gdirfd, gptr, flags);
    if (!r && (flags & FSP_FOLLOW))
        fs_follow_exe(p);
    return r;
}

/* ---- openat ---- */

int64_t sys_openat(struct cpu *c, const uint64_t a[6])
{
    int hflags;
    long r = xlat_open_flags_g2h(a[2], &hflags);
    if (r)
        return r;
    struct fs_path p;
    r = fs_path_get(&p, a[0], a[1], 0);
    if (r)
        return r;
    switch (p.kind) {
    case PROCFS_MEM:
        /* emulating /proc/self/mem through the guest map is a later step;
         * the host file would expose pvm's own memory */
    case PROCFS_REFUSED:
        return -EACCES;
    case PROCFS_EXE:
        if ((hflags & O_NOFOLLOW) && !(hflags & O_PATH))
            return -ELOOP;
        fs_follow_exe(&p);
        break;
    default:
        /* cmdline, auxv, maps, comm, stat, cpuinfo...: generated (procfs.h);
         * -ENOENT: not emulated, the host file */
        r = procfs_open_emulated_at(p.kind, p.gabs, hflags);
        if (r != -ENOENT)
            return fdtab_guest_fd(r);
        break;
    }
    mode_t mode = (hflags & (O_CREAT | __O_TMPFILE)) ? (mode_t)(a[3] & 07777) : 0;
    /* opening a FIFO waits for the other end: the safe stub */
    r = sig_hsys(SYS_openat, p.dirfd, (long)p.path, fs_open_host_flags(hflags), mode, 0, 0);
    return fs_open_result(r, &p, hflags, true);
}

/* Applies the O_TRUNC fs_open_host_flags held back. The kernel truncates a
 * regular file it did not just create whatever the access mode. */
static long fs_open_trunc(int fd, int hflags, const struct fs_path *p)
{
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
        return 0;
    if ((hflags & O_ACCMODE) != O_RDONLY)
        return ftruncate(fd, 0) == 0 ? 0 : -errno;
    if (st.st_size == 0)
        return 0; /* possibly just created: the kernel would not truncate */
    /* read-only: truncate needs write permission, as the kernel asks */
    char self[64];
    snprintf(self, sizeof self, "/proc/thread-self/fd/%d", fd);
    int w = open(self, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NONBLOCK);
    if (w >= 0) {
        close(w);
        return 0;
    }
    if (errno != ENOENT || !p || !p->path || !p->path[0])
        return -errno;
    /* no /proc: the same name again, used only if it is still that file */
    w = openat(p->dirfd, p->path, O_WRONLY | O_CLOEXEC | O_NONBLOCK | (hflags & O_NOFOLLOW));
    if (w < 0)
        return -errno;
    struct stat ws;
    /* renamed away in between: the caller may try again */
    long e = fstat(w, &ws) != 0 || ws.st_dev != st.st_dev || ws.st_ino != st.st_ino ? -EAGAIN
             : ftruncate(w, 0) != 0                                                  ? -errno
                                                                                     : 0;
    close(w);
    return e;
}

/* (fs_util.h) the one result path of every open-like call */
int64_t fs_open_result(long r, const struct fs_path *p, int hflags, bool record_path)
{
    if (r < 0)
        return r;
    r = fdtab_guest_fd(r);
    if (r < 0)
        return r;
    int fd = (int)r;
    struct stat st;
    if ((fdtab_protecting() || selfexe_guarding()) && fstat(fd, &st) == 0 &&
        ((fdtab_protecting() && fdtab_is_protected(&st)) ||
         selfexe_guard(&st, p ? p->dirfd : AT_FDCWD, p ? p->path : NULL, !(hflags & O_NOFOLLOW)))) {
        close(fd);
        return -EACCES; /* as /proc/self/mem */
    }
    /* /proc by its real path, however it was reached */
    char real[256];
    enum procfs_kind k = procfs_fd_kind(fd, real, sizeof real);
    switch (k) {
    case PROCFS_NONE:
    case PROCFS_EXE: /* O_PATH|O_NOFOLLOW: the link itself */
        break;
    case PROCFS_PVM_FD:
        close(fd);
        return -ENOENT;
    case PROCFS_MEM:
    case PROCFS_REFUSED:
        close(fd);
        return -EACCES;
    default: {
        long e = procfs_open_emulated_at(k, real, hflags);
        if (e == -ENOENT)
            break; /* not emulated after all: the host file */
        close(fd);
        return fdtab_guest_fd(e);
    }
    }
    if ((hflags & O_TRUNC) && fs_open_host_flags(hflags) != hflags) {
        long e = fs_open_trunc(fd, hflags, p);
        if (e) {
            close(fd);
            return e;
        }
    }
    if (record_path && opt.ld_prefix && p && p->abs_known) {
        struct stat st;
        if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode))
            fdtab_set_path(fd, p->gabs);
    }
    return fd;
}

/* ---- readlinkat ---- */

/* true when the final component of p, not followed, is on /proc (a magic
 * link such as /proc/<pid>/fd/N or exe); its real path into real */
static bool fs_link_on_proc(const struct fs_path *p, char *real, size_t cap)
{
    real[0] = 0;
    /* "" (AT_EMPTY_PATH): dirfd is the link, opened with O_PATH|O_NOFOLLOW */
    int fd = p->path[0] ? openat(p->dirfd, p->path, O_PATH | O_NOFOLLOW | O_CLOEXEC) : p->dirfd;
    if (fd < 0)
        return false;
    bool on = procfs_fd_on_proc(fd);
    if (on)
        procfs_fd_kind(fd, real, cap);
    if (fd != p->dirfd)
        close(fd);
    return on;
}

/* A link's text, read by a path the textual /proc rules did not catch
 * (/proc/self/root/proc/..., relative to a /proc directory or cwd): a /proc
 * link to a protected file does not exist (-ENOENT); one naming pvm's
 * binary is the guest program when it is a pvm process's exe (its text
 * then goes to exe_buf, cap bytes), refused when it is a map_files entry.
 * Cheap: a string compare unless the text names a protected file or pvm. */
static long fs_readlink_check(const struct fs_path *p, const char **text, char *exe_buf, size_t cap)
{
    char real[256];
    if (fdtab_protecting() && fdtab_protected_link(*text)) {
        struct stat st;
        if (fstatat(p->dirfd, p->path, &st, p->path[0] ? 0 : AT_EMPTY_PATH) == 0 &&
            fdtab_is_protected(&st) &&
            fs_link_on_proc(p, real, sizeof real))
            return -ENOENT;
    }
    const char *self = selfexe_text();
    if (self && strcmp(*text, self) == 0 && fs_link_on_proc(p, real, sizeof real)) {
        enum procfs_kind k = procfs_classify(real);
        if (k == PROCFS_REFUSED)
            return -EACCES;
        if (k == PROCFS_PVM_FD) /* the descriptor pvm re-executes itself through */
            return -ENOENT;
        if (k == PROCFS_EXE && procfs_exe_text(real, exe_buf, cap))
            *text = exe_buf;
    }
    return 0;
}

/* (fs_util.h) */
long fs_path_guard(const struct fs_path *p, bool follow)
{
    bool prot = fdtab_protecting();
    if ((!prot && !selfexe_guarding()) || !p->path)
        return 0;
    struct stat st;
    int fl = (follow ? 0 : AT_SYMLINK_NOFOLLOW) | (p->path[0] ? 0 : AT_EMPTY_PATH);
    if (fstatat(p->dirfd, p->path, &st, fl) != 0)
        return 0; /* the call gives its own error */
    if (prot && fdtab_is_protected(&st))
        return -EACCES;
    if (selfexe_guard(&st, p->dirfd, p->path, follow))
        return -EACCES;
    char real[256];
    if (!follow && S_ISLNK(st.st_mode) && fstatat(p->dirfd, p->path, &st, 0) == 0 &&
        ((prot && fdtab_is_protected(&st)) || selfexe_guard(&st, p->dirfd, p->path, true)) &&
        fs_link_on_proc(p, real, sizeof real))
        return -ENOENT;
    return 0;
}

int64_t sys_readlinkat(struct cpu *c, const uint64_t a[6])
{
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1], 0);
    if (r)
        return r;
    if ((int)a[3] <= 0)
        return -EINVAL;
    uint64_t size = (uint32_t)a[3];
    void *buf = fs_guest_buf(a[2], &size);
    if (!buf)
        return -EFAULT;
    if (p.kind == PROCFS_REFUSED)
        return -EACCES;
    const char *text = NULL;
    char host[PATH_MAX], exe[PATH_MAX];
    if (p.kind == PROCFS_EXE && procfs_exe_text(p.gabs, exe, sizeof exe)) {
        text = exe;
    } else {
        /* into pvm's buffer first: what the link names is checked before
         * the guest sees it */
        r = sys_ret(syscall(SYS_readlinkat, p.dirfd, p.path, host, sizeof host - 1));
        if (r < 0)
            return r;
        host[r] = 0;
        text = host;
        r = fs_readlink_check(&p, &text, exe, sizeof exe);
        if (r)
            return r;
    }
    size_t n = strlen(text);
    if (n > size)
        n = (size_t)size;
    return mem_copy_to_guest(a[2], text, n) ? (int64_t)n : -EFAULT;
}

/* ---- access, mkdir, mknod, unlink, rename, link, symlink ---- */

static int64_t fs_faccess(const uint64_t a[6], int flags)
{
    if (xlat_check_bits((unsigned)flags, AT_EACCESS_A64 | AT_SYMLINK_NOFOLLOW_A64 | AT_EMPTY_PATH_A64))
        return -EINVAL;
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1], (flags & AT_SYMLINK_NOFOLLOW) ? 0 : FSP_FOLLOW);
    if (r)
        return r;
    return sys_ret(syscall(SYS_faccessat2, p.dirfd, p.path, (int)a[2], flags));
}

int64_t sys_faccessat(struct cpu *c, const uint64_t a[6]) { return fs_faccess(a, 0); }
int64_t sys_faccessat2(struct cpu *c, const uint64_t a[6]) { return fs_faccess(a, (int)a[3]); }

int64_t sys_mkdirat(struct cpu *c, const uint64_t a[6])
{
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1], 0);
    return r ? r : sys_ret(syscall(SYS_mkdirat, p.dirfd, p.path, (mode_t)a[2]));
}

int64_t sys_mknodat(struct cpu *c, const uint64_t a[6])
{
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1], 0);
    return r ? r : sys_ret(syscall(SYS_mknodat, p.dirfd, p.path, (mode_t)a[2], (unsigned)a[3]));
}

int64_t sys_unlinkat(struct cpu *c, const uint64_t a[6])
{
    if (xlat_check_bits(a[2], AT_REMOVEDIR_A64))
        return -EINVAL;
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1], 0);
    if (!r)
        r = fs_path_guard(&p, false);
    return r ? r : sys_ret(syscall(SYS_unlinkat, p.dirfd, p.path, (int)a[2]));
}

static int64_t fs_rename(const uint64_t a[6], unsigned flags)
{
    if (xlat_check_bits(flags, 1 | 2 | 4)) /* RENAME_NOREPLACE|EXCHANGE|WHITEOUT */
        return -EINVAL;
    struct fs_path from, to;
    long r = fs_path_get(&from, a[0], a[1], 0);
    if (!r)
        r = fs_path_get(&to, a[2], a[3], 0);
    if (!r)
        r = fs_path_guard(&from, false);
    if (!r)
        r = fs_path_guard(&to, false);
    if (r)
        return r;
    return sys_ret(syscall(SYS_renameat2, from.dirfd, from.path, to.dirfd, to.path, flags));
}

int64_t sys_renameat(struct cpu *c, const uint64_t a[6]) { return fs_rename(a, 0); }
int64_t sys_renameat2(struct cpu *c, const uint64_t a[6]) { return fs_rename(a, (unsigned)a[4]); }

int64_t sys_linkat(struct cpu *c, const uint64_t a[6])
{
    if (xlat_check_bits(a[4], AT_SYMLINK_FOLLOW_A64 | AT_EMPTY_PATH_A64))
        return -EINVAL;
    struct fs_path from, to;
    long r = fs_path_get(&from, a[0], a[1], (a[4] & AT_SYMLINK_FOLLOW_A64) ? FSP_FOLLOW : 0);
    if (!r)
        r = fs_path_get(&to, a[2], a[3], 0);
    /* a new name for a protected file would let it be reopened later */
    if (!r)
        r = fs_path_guard(&from, a[4] & AT_SYMLINK_FOLLOW_A64);
    if (r)
        return r;
    return sys_ret(syscall(SYS_linkat, from.dirfd, from.path, to.dirfd, to.path, (int)a[4]));
}

int64_t sys_symlinkat(struct cpu *c, const uint64_t a[6])
{
    /* the link's contents are stored as the guest wrote them */
    char target[PATH_MAX];
    long r = mem_strncpy_from_guest(target, a[0], sizeof target);
    if (r < 0)
        return r;
    struct fs_path p;
    r = fs_path_get(&p, a[1], a[2], 0);
    return r ? r : sys_ret(syscall(SYS_symlinkat, target, p.dirfd, p.path));
}

/* ---- attributes ---- */

int64_t sys_utimensat(struct cpu *c, const uint64_t a[6])
{
    if (xlat_check_bits(a[3], AT_SYMLINK_NOFOLLOW_A64 | AT_EMPTY_PATH_A64))
        return -EINVAL;
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1],
                         FSP_NULL_OK | ((a[3] & AT_SYMLINK_NOFOLLOW_A64) ? 0 : FSP_FOLLOW));
    if (!r)
        r = fs_path_guard(&p, !(a[3] & AT_SYMLINK_NOFOLLOW_A64));
    if (r)
        return r;
    struct timespec ts[2]; /* same layout on arm64: two {s64, s64} */
    if (a[2] && !mem_copy_from_guest(ts, a[2], sizeof ts))
        return -EFAULT;
    return sys_ret(syscall(SYS_utimensat, p.dirfd, p.path, a[2] ? ts : NULL, (int)a[3]));
}

int64_t sys_fchmodat(struct cpu *c, const uint64_t a[6])
{
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1], FSP_FOLLOW);
    if (!r)
        r = fs_path_guard(&p, true);
    return r ? r : sys_ret(syscall(SYS_fchmodat, p.dirfd, p.path, (mode_t)a[2]));
}

int64_t sys_fchownat(struct cpu *c, const uint64_t a[6])
{
    if (xlat_check_bits(a[4], AT_SYMLINK_NOFOLLOW_A64 | AT_EMPTY_PATH_A64))
        return -EINVAL;
    struct fs_path p;
    long r = fs_path_get(&p, a[0], a[1], (a[4] & AT_SYMLINK_NOFOLLOW_A64) ? 0 : FSP_FOLLOW);
    if (!r)
        r = fs_path_guard(&p, !(a[4] & AT_SYMLINK_NOFOLLOW_A64));
    return r ? r
             : sys_ret(syscall(SYS_fchownat, p.dirfd, p.path, (uid_t)a[2], (gid_t)a[3], (int)a[4]));
}

int64_t sys_truncate(struct cpu *c, const uint64_t a[6])
{
    struct fs_path p;
    long r = fs_path_get(&p, AT_FDCWD_A64, a[0], FSP_FOLLOW);
    if (!r)
        r = fs_path_guard(&p, true);
    if (r)
        return r;
    if (p.dirfd != AT_FDCWD) /* cannot happen: kept for the invariant */
        return -EINVAL;
    return sys_ret(syscall(SYS_truncate, p.path, (off_t)a[1]));
}

/* ---- cwd ---- */

int64_t sys_chdir(struct cpu *c, const uint64_t a[6])
{
    struct fs_path p;
    long r = fs_path_get(&p, AT_FDCWD_A64, a[0], 0);
    if (r)
        return r;
    if (p.kind == PROCFS_REFUSED) /* map_files */
        return -EACCES;
    /* also by what the path reaches (map_files through /proc/self/root...):
     * open and fchdir is chdir, with the same search permission check */
    int fd = (int)sys_ret(syscall(SYS_openat, AT_FDCWD, p.path, O_PATH | O_DIRECTORY | O_CLOEXEC));
    if (fd < 0)
        return fd;
    char real[256];
    /* an unknown guest path: the record follows the host's cwd */
    if (p.abs_known)
        procfs_normalize(p.gabs);
    r = procfs_fd_kind(fd, real, sizeof real) == PROCFS_REFUSED
            ? -EACCES
            : fdtab_chdir(fd, p.abs_known ? p.gabs : NULL);
    close(fd);
    return r;
}

int64_t sys_fchdir(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    char g[PATH_MAX];
    bool known = opt.ld_prefix && fdtab_path(fs_fd(a[0]), g, sizeof g);
    if (known)
        procfs_normalize(g);
    return fdtab_chdir(fs_fd(a[0]), known ? g : NULL);
}

int64_t sys_getcwd(struct cpu *c, const uint64_t a[6])
{
    char buf[PATH_MAX];
    long len;
    if (opt.ld_prefix && fdtab_cwd(buf, sizeof buf)) {
        len = (long)strlen(buf) + 1;
    } else {
        len = sys_ret(syscall(SYS_getcwd, buf, sizeof buf));
        if (len < 0)
            return len;
    }
    if ((uint64_t)len > a[1])
        return -ERANGE;
    return mem_copy_to_guest(a[0], buf, (size_t)len) ? len : -EFAULT;
}

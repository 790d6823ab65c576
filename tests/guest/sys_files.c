/* The file system-call family beyond open/read/write, in a fresh mkdtemp
 * directory under /tmp: statfs/fstatfs (only facts independent of the file
 * system type), fadvise64, fallocate, truncate/ftruncate, the sync family,
 * sync_file_range, sendfile, copy_file_range, splice, tee, vmsplice, the
 * xattr family (user.* on whatever /tmp is: results printed as returned),
 * flock, mknodat, file handles, openat2 (extensible-struct size rules and
 * resolve scoping), statx, faccessat2, utimensat, fchmodat, fchownat. Each
 * call's success path and its EINVAL/EBADF/EFAULT paths; errno names only,
 * never inode numbers, devices or times. qemu-aarch64 and pvm run on the
 * same host directory, so host-dependent answers agree. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/sendfile.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include <sys/uio.h>
#include <sys/xattr.h>
#include <time.h>
#include <unistd.h>

static const char *en(int e)
{
    switch (e) {
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case EFAULT: return "EFAULT";
    case ENOENT: return "ENOENT";
    case EEXIST: return "EEXIST";
    case EPERM: return "EPERM";
    case EACCES: return "EACCES";
    case ENOSYS: return "ENOSYS";
    case ENODATA: return "ENODATA";
    case ERANGE: return "ERANGE";
    case E2BIG: return "E2BIG";
    case EXDEV: return "EXDEV";
    case ELOOP: return "ELOOP";
    case ESPIPE: return "ESPIPE";
    case EOPNOTSUPP: return "EOPNOTSUPP";
    case EOVERFLOW: return "EOVERFLOW";
    case EWOULDBLOCK: return "EWOULDBLOCK";
    case EISDIR: return "EISDIR";
    case ENOTDIR: return "ENOTDIR";
    case EROFS: return "EROFS";
    case ENOSPC: return "ENOSPC";
    case EFBIG: return "EFBIG";
    default: return "other";
    }
}

/* prints "what: N" or "what: -1 ENAME" */
static long show(const char *what, long r)
{
    if (r == -1)
        printf("%s: -1 %s\n", what, en(errno));
    else
        printf("%s: %ld\n", what, r);
    return r;
}

#define BAD ((void *)8) /* never mapped */

static char dir[64];
static char fpath[128], f2path[128], lpath[128], npath[128];

static void mkfile(const char *p, const char *s)
{
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0 || write(fd, s, strlen(s)) != (ssize_t)strlen(s)) {
        perror("mkfile");
        exit(1);
    }
    close(fd);
}

static long fsize(const char *p)
{
    struct stat st;
    return stat(p, &st) ? -1 : (long)st.st_size;
}

static void t_statfs(void)
{
    struct statfs a, b;
    show("statfs", statfs(dir, &a));
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    show("fstatfs", fstatfs(fd, &b));
    printf("statfs bsize>0=%d namelen=%ld same_type=%d same_fsid=%d frsize>0=%d\n", a.f_bsize > 0,
           (long)a.f_namelen, a.f_type == b.f_type,
           memcmp(&a.f_fsid, &b.f_fsid, sizeof a.f_fsid) == 0, a.f_frsize > 0);
    show("statfs missing", statfs("/nonexistent/pvm", &a));
    show("statfs EFAULT buf", syscall(SYS_statfs, dir, BAD));
    show("statfs EFAULT path", syscall(SYS_statfs, BAD, &a));
    show("fstatfs EBADF", fstatfs(-1, &b));
    show("fstatfs EBADF big", fstatfs(100000, &b));
    show("fstatfs EFAULT", syscall(SYS_fstatfs, fd, BAD));
    struct statfs p;
    if (statfs("/proc", &p) == 0)
        printf("statfs /proc type=%#lx\n", (unsigned long)p.f_type);
    close(fd);
}

static void t_space(void)
{
    int fd = open(fpath, O_RDWR);
    show("fadvise normal", syscall(SYS_fadvise64, fd, 0L, 0L, POSIX_FADV_NORMAL));
    show("fadvise dontneed", syscall(SYS_fadvise64, fd, 0L, 4096L, POSIX_FADV_DONTNEED));
    show("fadvise noreuse", syscall(SYS_fadvise64, fd, 0L, 0L, POSIX_FADV_NOREUSE));
    show("fadvise bad advice", syscall(SYS_fadvise64, fd, 0L, 0L, 99));
    show("fadvise neg len", syscall(SYS_fadvise64, fd, 0L, -1L, 0));
    show("fadvise EBADF", syscall(SYS_fadvise64, -1, 0L, 0L, 0));
    int pp[2];
    pipe(pp);
    show("fadvise pipe", syscall(SYS_fadvise64, pp[0], 0L, 0L, 0));

    show("fallocate", fallocate(fd, 0, 0, 8192));
    printf("size after fallocate: %ld\n", fsize(fpath));
    show("fallocate keep", fallocate(fd, FALLOC_FL_KEEP_SIZE, 8192, 8192));
    printf("size after keep: %ld\n", fsize(fpath));
    show("fallocate punch", fallocate(fd, FALLOC_FL_PUNCH_HOLE | FALLOC_FL_KEEP_SIZE, 0, 4096));
    show("fallocate punch no keep", fallocate(fd, FALLOC_FL_PUNCH_HOLE, 0, 4096));
    show("fallocate bad mode", fallocate(fd, 0x80, 0, 4096));
    show("fallocate len0", fallocate(fd, 0, 0, 0));
    show("fallocate neg off", fallocate(fd, 0, -1, 10));
    show("fallocate EBADF", fallocate(-1, 0, 0, 10));
    show("fallocate pipe", fallocate(pp[1], 0, 0, 10));
    int ro = open(fpath, O_RDONLY);
    show("fallocate rdonly", fallocate(ro, 0, 0, 10));

    show("ftruncate", ftruncate(fd, 100));
    printf("size: %ld\n", fsize(fpath));
    show("ftruncate neg", ftruncate(fd, -1));
    show("ftruncate rdonly", ftruncate(ro, 10));
    show("ftruncate EBADF", ftruncate(-1, 10));
    show("truncate", truncate(fpath, 7));
    printf("size: %ld\n", fsize(fpath));
    show("truncate neg", truncate(fpath, -5));
    show("truncate dir", truncate(dir, 0));
    show("truncate missing", truncate("/nonexistent/pvm", 0));
    show("truncate EFAULT", syscall(SYS_truncate, BAD, 0L));

    show("fsync", fsync(fd));
    show("fdatasync", fdatasync(fd));
    show("fsync pipe", fsync(pp[0]));
    show("fsync EBADF", fsync(-1));
    show("fdatasync EBADF", fdatasync(12345));
    sync();
    printf("sync: done\n");
    show("syncfs", syncfs(fd));
    show("syncfs EBADF", syncfs(-1));
    show("sync_file_range", sync_file_range(fd, 0, 0, SYNC_FILE_RANGE_WRITE));
    show("sync_file_range all", sync_file_range(fd, 0, 4096,
                                                SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE |
                                                    SYNC_FILE_RANGE_WAIT_AFTER));
    show("sync_file_range bad flags", sync_file_range(fd, 0, 0, 8));
    show("sync_file_range neg", sync_file_range(fd, -1, 0, 0));
    show("sync_file_range EBADF", sync_file_range(-1, 0, 0, 0));
    show("sync_file_range pipe", sync_file_range(pp[0], 0, 0, 0));
    show("readahead", readahead(fd, 0, 4096));
    show("readahead EBADF", readahead(-1, 0, 4096));
    close(ro);
    close(pp[0]);
    close(pp[1]);
    close(fd);
}

static void t_transfer(void)
{
    mkfile(fpath, "0123456789abcdef");
    int in = open(fpath, O_RDONLY);
    int out = open(f2path, O_RDWR | O_CREAT | O_TRUNC, 0644);
    off_t off = 4;
    show("sendfile", sendfile(out, in, &off, 6));
    printf("sendfile off=%ld\n", (long)off);
    show("sendfile nooff", sendfile(out, in, NULL, 3));
    show("sendfile EBADF", sendfile(out, -1, NULL, 3));
    show("sendfile EFAULT off", syscall(SYS_sendfile, out, in, BAD, 3L));
    show("sendfile wronly in", sendfile(in, out, NULL, 3));
    char buf[64] = {0};
    pread(out, buf, sizeof buf - 1, 0);
    printf("sendfile data: %s\n", buf);

    loff_t oi = 10, oo = 0;
    show("copy_file_range", copy_file_range(in, &oi, out, &oo, 6, 0));
    printf("copy offs %ld %ld\n", (long)oi, (long)oo);
    memset(buf, 0, sizeof buf);
    pread(out, buf, sizeof buf - 1, 0);
    printf("copy data: %s\n", buf);
    show("copy_file_range flags", copy_file_range(in, &oi, out, &oo, 6, 1));
    show("copy_file_range EBADF", copy_file_range(-1, NULL, out, NULL, 6, 0));
    show("copy_file_range EFAULT", syscall(SYS_copy_file_range, in, BAD, out, NULL, 6L, 0));

    int p[2], q[2];
    pipe(p);
    pipe(q);
    loff_t so = 2;
    show("splice file->pipe", splice(in, &so, p[1], NULL, 5, 0));
    printf("splice off=%ld\n", (long)so);
    show("tee", tee(p[0], q[1], 5, 0));
    show("tee bad flags", tee(p[0], q[1], 5, 0x10));
    show("tee EBADF", tee(-1, q[1], 5, 0));
    show("tee file", tee(in, q[1], 5, 0));
    loff_t wo = 0;
    show("splice pipe->file", splice(p[0], NULL, out, &wo, 5, SPLICE_F_MOVE));
    memset(buf, 0, sizeof buf);
    show("read tee copy", read(q[0], buf, sizeof buf - 1));
    printf("tee data: %s\n", buf);
    show("splice bad flags", splice(in, NULL, p[1], NULL, 5, 0x10));
    show("splice EBADF", splice(-1, NULL, p[1], NULL, 5, 0));
    show("splice EFAULT", syscall(SYS_splice, in, BAD, p[1], NULL, 5L, 0));
    show("splice no pipe", splice(in, NULL, out, NULL, 5, 0));

    char a1[] = "vm", a2[] = "splice";
    struct iovec iov[2] = {{a1, 2}, {a2, 6}};
    show("vmsplice", vmsplice(p[1], iov, 2, 0));
    memset(buf, 0, sizeof buf);
    show("read vmsplice", read(p[0], buf, sizeof buf - 1));
    printf("vmsplice data: %s\n", buf);
    show("vmsplice zero", vmsplice(p[1], iov, 0, 0));
    show("vmsplice bad flags", vmsplice(p[1], iov, 2, 0x20));
    show("vmsplice EBADF", vmsplice(-1, iov, 2, 0));
    show("vmsplice not pipe", vmsplice(out, iov, 2, 0));
    show("vmsplice EFAULT iov", syscall(SYS_vmsplice, p[1], BAD, 1L, 0));
    struct iovec biov = {BAD, 4};
    show("vmsplice EFAULT base", vmsplice(p[1], &biov, 1, 0));
    show("vmsplice too many", vmsplice(p[1], iov, 2000, 0));
    /* from a pipe into memory */
    write(p[1], "back", 4);
    char rb[8] = {0};
    struct iovec riov = {rb, sizeof rb - 1};
    show("vmsplice to user", vmsplice(p[0], &riov, 1, 0));
    printf("vmsplice read: %s\n", rb);
    close(p[0]);
    close(p[1]);
    close(q[0]);
    close(q[1]);
    close(in);
    close(out);
}

static void t_xattr(void)
{
    mkfile(fpath, "x");
    long r = show("setxattr", setxattr(fpath, "user.pvm", "value1", 6, 0));
    if (r == -1 && errno == EOPNOTSUPP)
        printf("xattrs unsupported here\n");
    char v[64] = {0};
    show("getxattr size", getxattr(fpath, "user.pvm", NULL, 0));
    show("getxattr", getxattr(fpath, "user.pvm", v, sizeof v));
    printf("value: %s\n", v);
    show("getxattr small", getxattr(fpath, "user.pvm", v, 2));
    show("getxattr missing", getxattr(fpath, "user.none", v, sizeof v));
    show("setxattr create exists", setxattr(fpath, "user.pvm", "v", 1, XATTR_CREATE));
    show("setxattr replace missing", setxattr(fpath, "user.new", "v", 1, XATTR_REPLACE));
    show("setxattr replace", setxattr(fpath, "user.pvm", "value2", 6, XATTR_REPLACE));
    show("setxattr bad flags", setxattr(fpath, "user.pvm", "v", 1, 4));
    show("setxattr empty name", setxattr(fpath, "", "v", 1, 0));
    show("setxattr EFAULT name", syscall(SYS_setxattr, fpath, BAD, "v", 1L, 0));
    show("setxattr EFAULT value", syscall(SYS_setxattr, fpath, "user.pvm", BAD, 4L, 0));
    static char bigval[70000];
    show("setxattr too big", setxattr(fpath, "user.pvm", bigval, sizeof bigval, 0));
    show("setxattr missing file", setxattr("/nonexistent/pvm", "user.pvm", "v", 1, 0));
    show("setxattr EFAULT path", syscall(SYS_setxattr, BAD, "user.pvm", "v", 1L, 0));
    int fd = open(fpath, O_RDWR);
    show("fsetxattr", fsetxattr(fd, "user.two", "2", 1, XATTR_CREATE));
    memset(v, 0, sizeof v);
    show("fgetxattr", fgetxattr(fd, "user.pvm", v, sizeof v));
    printf("value: %s\n", v);
    show("fgetxattr EBADF", fgetxattr(-1, "user.pvm", v, sizeof v));
    show("fsetxattr EBADF", fsetxattr(-1, "user.pvm", "v", 1, 0));
    char list[256];
    long n = show("listxattr size", listxattr(fpath, NULL, 0));
    n = show("listxattr", listxattr(fpath, list, sizeof list));
    /* names in kernel order: print them sorted so order does not matter */
    int have_pvm = 0, have_two = 0;
    for (long k = 0; k < n; k += (long)strlen(list + k) + 1) {
        have_pvm |= strcmp(list + k, "user.pvm") == 0;
        have_two |= strcmp(list + k, "user.two") == 0;
    }
    printf("list has user.pvm=%d user.two=%d\n", have_pvm, have_two);
    show("listxattr small", listxattr(fpath, list, 3));
    show("flistxattr", flistxattr(fd, list, sizeof list));
    show("flistxattr EBADF", flistxattr(-1, list, sizeof list));
    show("listxattr EFAULT", syscall(SYS_listxattr, fpath, BAD, 64L));
    show("llistxattr link", llistxattr(lpath, list, sizeof list));
    show("lgetxattr link", lgetxattr(lpath, "user.pvm", v, sizeof v));
    show("getxattr via link", getxattr(lpath, "user.pvm", v, sizeof v));
    show("lsetxattr link user", lsetxattr(lpath, "user.pvm", "v", 1, 0));
    show("removexattr", removexattr(fpath, "user.pvm"));
    show("removexattr again", removexattr(fpath, "user.pvm"));
    show("lremovexattr link", lremovexattr(lpath, "user.two"));
    show("fremovexattr", fremovexattr(fd, "user.two"));
    show("fremovexattr EBADF", fremovexattr(-1, "user.two"));
    show("removexattr EFAULT", syscall(SYS_removexattr, fpath, BAD));
    show("listxattr after", listxattr(fpath, list, sizeof list));
    close(fd);
}

static void t_flock_mknod(void)
{
    int fd = open(fpath, O_RDWR), fd2 = open(fpath, O_RDWR);
    show("flock ex", flock(fd, LOCK_EX));
    show("flock other nb", flock(fd2, LOCK_SH | LOCK_NB));
    show("flock un", flock(fd, LOCK_UN));
    show("flock other sh", flock(fd2, LOCK_SH | LOCK_NB));
    show("flock sh", flock(fd, LOCK_SH | LOCK_NB));
    show("flock bad 0", flock(fd, 0));
    show("flock bad sh|ex", flock(fd, LOCK_SH | LOCK_EX));
    show("flock EBADF", flock(-1, LOCK_SH));
    close(fd);
    close(fd2);

    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct stat st;
    show("mknodat fifo", mknodat(dfd, "fifo", S_IFIFO | 0600, 0));
    fstatat(dfd, "fifo", &st, 0);
    printf("fifo mode %o\n", (unsigned)st.st_mode);
    show("mknodat exists", mknodat(dfd, "fifo", S_IFIFO | 0600, 0));
    show("mknodat reg", mknodat(dfd, "reg", S_IFREG | 0640, 0));
    fstatat(dfd, "reg", &st, 0);
    printf("reg mode %o\n", (unsigned)st.st_mode);
    show("mknodat plain", mknodat(dfd, "plain", 0600, 0));
    long r = show("mknodat chr", mknodat(dfd, "null", S_IFCHR | 0600, makedev(1, 3)));
    if (r == 0 && fstatat(dfd, "null", &st, 0) == 0)
        printf("chr rdev %u:%u\n", major(st.st_rdev), minor(st.st_rdev));
    show("mknodat big dev", syscall(SYS_mknodat, dfd, "blk", S_IFBLK | 0600, (long)makedev(259, 70000)));
    if (fstatat(dfd, "blk", &st, 0) == 0)
        printf("blk rdev %u:%u\n", major(st.st_rdev), minor(st.st_rdev));
    show("mknodat dir", mknodat(dfd, "d", S_IFDIR | 0700, 0));
    show("mknodat bad type", mknodat(dfd, "bad", 0170000 | 0600, 0));
    show("mknodat EBADF", mknodat(-1, "x", S_IFIFO | 0600, 0));
    show("mknodat EFAULT", syscall(SYS_mknodat, dfd, BAD, S_IFIFO | 0600, 0));
    close(dfd);
}

struct handle_buf {
    struct file_handle h;
    unsigned char bytes[MAX_HANDLE_SZ];
};

static void t_handles(void)
{
    mkfile(fpath, "handle data");
    struct handle_buf hb;
    int mnt = -1;
    hb.h.handle_bytes = 0;
    show("name_to_handle_at small", name_to_handle_at(AT_FDCWD, fpath, &hb.h, &mnt, 0));
    printf("needed>0=%d mnt>=0=%d\n", hb.h.handle_bytes > 0, mnt >= 0);
    hb.h.handle_bytes = MAX_HANDLE_SZ;
    long r = show("name_to_handle_at", name_to_handle_at(AT_FDCWD, fpath, &hb.h, &mnt, 0));
    printf("handle bytes>0=%d\n", hb.h.handle_bytes > 0);
    hb.h.handle_bytes = MAX_HANDLE_SZ + 1;
    show("name_to_handle_at too big", name_to_handle_at(AT_FDCWD, fpath, &hb.h, &mnt, 0));
    hb.h.handle_bytes = MAX_HANDLE_SZ;
    show("name_to_handle_at bad flags", name_to_handle_at(AT_FDCWD, fpath, &hb.h, &mnt, 0x4000));
    show("name_to_handle_at missing", name_to_handle_at(AT_FDCWD, "/nonexistent/pvm", &hb.h, &mnt, 0));
    show("name_to_handle_at EFAULT", syscall(SYS_name_to_handle_at, AT_FDCWD, fpath, BAD, &mnt, 0));
    show("name_to_handle_at EBADF", name_to_handle_at(-1, "x", &hb.h, &mnt, 0));
    struct handle_buf keep;
    hb.h.handle_bytes = MAX_HANDLE_SZ;
    name_to_handle_at(AT_FDCWD, fpath, &hb.h, &mnt, 0);
    keep = hb;
    if (r == 0) {
        int mfd = open(dir, O_RDONLY | O_DIRECTORY);
        int fd = open_by_handle_at(mfd, &keep.h, O_RDONLY);
        if (fd < 0)
            show("open_by_handle_at", fd);
        if (fd >= 0) {
            char buf[32] = {0};
            read(fd, buf, sizeof buf - 1);
            printf("by handle: %s\n", buf);
            close(fd);
        }
        show("open_by_handle_at EBADF", open_by_handle_at(-1, &keep.h, O_RDONLY));
        show("open_by_handle_at EFAULT", syscall(SYS_open_by_handle_at, mfd, BAD, O_RDONLY));
        hb = keep;
        hb.h.handle_bytes = 0;
        show("open_by_handle_at zero", open_by_handle_at(mfd, &hb.h, O_RDONLY));
        close(mfd);
    }
}

static long o2(int dfd, const char *p, uint64_t flags, uint64_t mode, uint64_t resolve, size_t size)
{
    struct {
        struct open_how h;
        unsigned char tail[16];
    } how;
    memset(&how, 0, sizeof how);
    how.h.flags = flags;
    how.h.mode = mode;
    how.h.resolve = resolve;
    long fd = syscall(SYS_openat2, dfd, p, &how, size);
    return fd;
}

static void show_fd(const char *what, long fd)
{
    if (fd >= 0) {
        int fl = fcntl((int)fd, F_GETFL);
        printf("%s: fd acc=%d dir=%d\n", what, fl & O_ACCMODE, !!(fl & O_DIRECTORY));
        close((int)fd);
    } else {
        show(what, fd);
    }
}

static void t_openat2(void)
{
    mkfile(fpath, "o2");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    show_fd("openat2", o2(AT_FDCWD, fpath, O_RDONLY, 0, 0, sizeof(struct open_how)));
    show_fd("openat2 dir", o2(AT_FDCWD, dir, O_RDONLY | O_DIRECTORY, 0, 0, sizeof(struct open_how)));
    show_fd("openat2 rel", o2(dfd, "f", O_RDWR, 0, 0, sizeof(struct open_how)));
    show_fd("openat2 size 23", o2(dfd, "f", O_RDONLY, 0, 0, 23));
    show_fd("openat2 size 32", o2(dfd, "f", O_RDONLY, 0, 0, 32));
    {
        struct {
            struct open_how h;
            uint64_t extra;
        } big = {{O_RDONLY, 0, 0}, 1};
        show_fd("openat2 nonzero tail", syscall(SYS_openat2, dfd, "f", &big, sizeof big));
    }
    show_fd("openat2 size 8192", o2(dfd, "f", O_RDONLY, 0, 0, 8192));
    show_fd("openat2 EFAULT how", syscall(SYS_openat2, dfd, "f", BAD, (long)sizeof(struct open_how)));
    show_fd("openat2 EFAULT path", o2(dfd, BAD, O_RDONLY, 0, 0, sizeof(struct open_how)));
    show_fd("openat2 EBADF", o2(-1, "f", O_RDONLY, 0, 0, sizeof(struct open_how)));
    show_fd("openat2 mode no creat", o2(dfd, "f", O_RDONLY, 0644, 0, sizeof(struct open_how)));
    show_fd("openat2 creat", o2(dfd, "new", O_WRONLY | O_CREAT, 0604, 0, sizeof(struct open_how)));
    struct stat st;
    fstatat(dfd, "new", &st, 0);
    printf("new mode %o\n", (unsigned)(st.st_mode & 07777) & ~0022u);
    show_fd("openat2 creat bad mode", o2(dfd, "new2", O_WRONLY | O_CREAT, 0100644, 0, sizeof(struct open_how)));
    show_fd("openat2 unknown flag", o2(dfd, "f", O_RDONLY | (1ull << 40), 0, 0, sizeof(struct open_how)));
    show_fd("openat2 unknown flag low", o2(dfd, "f", O_RDONLY | 040000000, 0, 0, sizeof(struct open_how)));
    show_fd("openat2 unknown resolve", o2(dfd, "f", O_RDONLY, 0, 0x40, sizeof(struct open_how)));
    show_fd("openat2 beneath+in_root", o2(dfd, "f", O_RDONLY, 0, RESOLVE_BENEATH | RESOLVE_IN_ROOT, sizeof(struct open_how)));
    show_fd("openat2 o_path rdwr", o2(dfd, "f", O_PATH | O_RDWR, 0, 0, sizeof(struct open_how)));
    show_fd("openat2 o_path", o2(dfd, "f", O_PATH | O_CLOEXEC, 0, 0, sizeof(struct open_how)));
    show_fd("openat2 dir|creat", o2(dfd, "x", O_DIRECTORY | O_CREAT, 0600, 0, sizeof(struct open_how)));
    show_fd("openat2 tmpfile rdonly", o2(dfd, ".", O_TMPFILE | O_RDONLY, 0600, 0, sizeof(struct open_how)));
    show_fd("openat2 tmpfile", o2(dfd, ".", O_TMPFILE | O_RDWR, 0600, 0, sizeof(struct open_how)));
    show_fd("openat2 beneath", o2(dfd, "f", O_RDONLY, 0, RESOLVE_BENEATH, sizeof(struct open_how)));
    show_fd("openat2 beneath dotdot", o2(dfd, "../f", O_RDONLY, 0, RESOLVE_BENEATH, sizeof(struct open_how)));
    show_fd("openat2 beneath abs", o2(dfd, fpath, O_RDONLY, 0, RESOLVE_BENEATH, sizeof(struct open_how)));
    show_fd("openat2 in_root abs", o2(dfd, "/f", O_RDONLY, 0, RESOLVE_IN_ROOT, sizeof(struct open_how)));
    show_fd("openat2 in_root dotdot", o2(dfd, "../../f", O_RDONLY, 0, RESOLVE_IN_ROOT, sizeof(struct open_how)));
    show_fd("openat2 no_symlinks", o2(dfd, "lnk", O_RDONLY, 0, RESOLVE_NO_SYMLINKS, sizeof(struct open_how)));
    show_fd("openat2 symlink", o2(dfd, "lnk", O_RDONLY, 0, 0, sizeof(struct open_how)));
    show_fd("openat2 nofollow", o2(dfd, "lnk", O_RDONLY | O_NOFOLLOW, 0, 0, sizeof(struct open_how)));
    show_fd("openat2 exe no_magic", o2(AT_FDCWD, "/proc/self/exe", O_RDONLY, 0, RESOLVE_NO_MAGICLINKS, sizeof(struct open_how)));
    show_fd("openat2 notdir", o2(dfd, "f", O_RDONLY | O_DIRECTORY, 0, 0, sizeof(struct open_how)));
    close(dfd);
}

static void t_attrs(void)
{
    mkfile(fpath, "attrs");
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    struct statx sx;
    show("statx", statx(dfd, "f", 0, STATX_BASIC_STATS, &sx));
    printf("statx size=%llu mode=%o has_size=%d\n", (unsigned long long)sx.stx_size,
           (unsigned)sx.stx_mode & 0777, !!(sx.stx_mask & STATX_SIZE));
    show("statx empty path", statx(dfd, "", AT_EMPTY_PATH, STATX_TYPE, &sx));
    printf("statx empty is dir=%d\n", S_ISDIR(sx.stx_mode));
    show("statx reserved mask", statx(dfd, "f", 0, 0x80000000u, &sx));
    show("statx bad flags", statx(dfd, "f", 0x80000, STATX_BASIC_STATS, &sx));
    show("statx EFAULT", syscall(SYS_statx, dfd, "f", 0, STATX_BASIC_STATS, BAD));
    show("statx EBADF", statx(-1, "f", 0, STATX_BASIC_STATS, &sx));

    show("faccessat2 R_OK", syscall(SYS_faccessat2, dfd, "f", R_OK, 0));
    show("faccessat2 eaccess", syscall(SYS_faccessat2, dfd, "f", W_OK, AT_EACCESS));
    show("faccessat2 nofollow", syscall(SYS_faccessat2, dfd, "lnk", F_OK, AT_SYMLINK_NOFOLLOW));
    show("faccessat2 bad flags", syscall(SYS_faccessat2, dfd, "f", F_OK, 0x4));
    show("faccessat2 bad mode", syscall(SYS_faccessat2, dfd, "f", 8, 0));
    show("faccessat2 missing", syscall(SYS_faccessat2, dfd, "none", F_OK, 0));
    show("faccessat2 EFAULT", syscall(SYS_faccessat2, dfd, BAD, F_OK, 0));
    show("faccessat EBADF", faccessat(-1, "f", F_OK, 0));

    struct timespec ts[2] = {{1000000000, 5}, {1100000000, 700}};
    show("utimensat", utimensat(dfd, "f", ts, 0));
    struct stat st;
    fstatat(dfd, "f", &st, 0);
    printf("times %ld.%ld %ld.%ld\n", (long)st.st_atim.tv_sec, st.st_atim.tv_nsec,
           (long)st.st_mtim.tv_sec, st.st_mtim.tv_nsec);
    struct timespec om[2] = {{0, UTIME_OMIT}, {1200000000, 0}};
    show("utimensat omit", utimensat(dfd, "f", om, 0));
    fstatat(dfd, "f", &st, 0);
    printf("times %ld %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);
    show("utimensat bad nsec", utimensat(dfd, "f", (struct timespec[2]){{0, 2000000000}, {0, 0}}, 0));
    show("utimensat bad flags", utimensat(dfd, "f", ts, 0x4));
    show("utimensat nofollow", utimensat(dfd, "lnk", ts, AT_SYMLINK_NOFOLLOW));
    show("utimensat EFAULT times", syscall(SYS_utimensat, dfd, "f", BAD, 0));
    int fd = open(fpath, O_RDWR);
    show("futimens", futimens(fd, ts));
    show("utimensat null path", syscall(SYS_utimensat, fd, NULL, ts, 0));
    show("utimensat EBADF", utimensat(-1, "f", ts, 0));

    show("fchmodat", fchmodat(dfd, "f", 0640, 0));
    fstatat(dfd, "f", &st, 0);
    printf("mode %o\n", (unsigned)st.st_mode & 07777);
    show("fchmodat missing", fchmodat(dfd, "none", 0640, 0));
    show("fchmodat EFAULT", syscall(SYS_fchmodat, dfd, BAD, 0640));
    show("fchmodat EBADF", syscall(SYS_fchmodat, -1, "f", 0640));
    show("fchownat same", fchownat(dfd, "f", getuid(), getgid(), 0));
    show("fchownat keep", fchownat(dfd, "f", (uid_t)-1, (gid_t)-1, AT_SYMLINK_NOFOLLOW));
    show("fchownat bad flags", fchownat(dfd, "f", (uid_t)-1, (gid_t)-1, 0x4));
    show("fchownat empty", fchownat(fd, "", (uid_t)-1, (gid_t)-1, AT_EMPTY_PATH));
    show("fchownat EBADF", fchownat(-1, "f", (uid_t)-1, (gid_t)-1, 0));
    close(fd);
    close(dfd);
}

static void cleanup(void)
{
    static const char *names[] = {"f", "f2", "lnk", "fifo", "reg", "plain", "null", "blk",
                                  "new", "new2", "x", "d", "bad"};
    char p[160];
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++) {
        snprintf(p, sizeof p, "%s/%s", dir, names[k]);
        unlink(p);
    }
    rmdir(dir);
}

int main(void)
{
    strcpy(dir, "/tmp/pvm-files-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }
    snprintf(fpath, sizeof fpath, "%s/f", dir);
    snprintf(f2path, sizeof f2path, "%s/f2", dir);
    snprintf(lpath, sizeof lpath, "%s/lnk", dir);
    snprintf(npath, sizeof npath, "%s/none", dir);
    mkfile(fpath, "");
    symlink("f", lpath);
    t_statfs();
    t_space();
    t_transfer();
    t_xattr();
    t_flock_mknod();
    t_handles();
    t_openat2();
    t_attrs();
    cleanup();
    return 0;
}

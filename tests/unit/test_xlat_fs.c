/* Guest ABI conversions of the file-system family (syscalls/abi_fs.h) and
 * the fs handlers driven directly on a small guest region: open-flag
 * translation both ways with unknown-bit rejection, struct stat field by
 * field, statfs/termios layouts, /proc path rules, pvm-fd hiding, and
 * openat/fstat/newfstatat/getdents64/pipe2/fcntl/close_range round trips. */
#include <check.h>
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <termios.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/process.h"
#include "syscalls/abi_fs.h"
#include "syscalls/fdtab.h"
#include "syscalls/procfs.h"
#include "syscalls/strace.h"
#include "syscalls/syscall.h"

/* ---- open flags ---- */

START_TEST(test_open_flags)
{
    int h;
    ck_assert_int_eq(xlat_open_flags_g2h(O_RDONLY, &h), 0);
    ck_assert_int_eq(h, O_RDONLY);
    ck_assert_int_eq(xlat_open_flags_g2h(O_DIRECTORY_A64 | O_CLOEXEC_A64, &h), 0);
    ck_assert_int_eq(h, O_DIRECTORY | O_CLOEXEC);
    ck_assert_int_eq(xlat_open_flags_g2h(O_NOFOLLOW_A64 | O_WRONLY | O_CREAT_A64, &h), 0);
    ck_assert_int_eq(h, O_NOFOLLOW | O_WRONLY | O_CREAT);
    ck_assert_int_eq(xlat_open_flags_g2h(O_DIRECT_A64 | O_RDWR, &h), 0);
    ck_assert_int_eq(h, O_DIRECT | O_RDWR);
    ck_assert_int_eq(xlat_open_flags_g2h(O_LARGEFILE_A64, &h), 0);
    ck_assert_int_eq(h, 0100000); /* the host kernel's O_LARGEFILE */
    ck_assert_int_eq(xlat_open_flags_g2h(O__TMPFILE_A64 | O_DIRECTORY_A64 | O_RDWR, &h), 0);
    ck_assert_int_eq(h, O_TMPFILE | O_RDWR);
    ck_assert_int_eq(xlat_open_flags_g2h(O_PATH_A64 | O__SYNC_A64 | O_DSYNC_A64, &h), 0);
    ck_assert_int_eq(h, O_PATH | O_SYNC);
    /* the x86-64 O_DIRECTORY value is arm64's O_DIRECT: translated, not passed */
    ck_assert_int_eq(xlat_open_flags_g2h(0200000, &h), 0);
    ck_assert_int_eq(h, O_DIRECT);
    /* unknown bits */
    ck_assert_int_eq(xlat_open_flags_g2h(040000000, &h), -EINVAL);
    ck_assert_int_eq(xlat_open_flags_g2h(1ull << 31, &h), -EINVAL);
    ck_assert_int_eq(xlat_open_flags_g2h(1ull << 32, &h), -EINVAL);
    /* host -> guest */
    ck_assert_uint_eq(xlat_open_flags_h2g(O_DIRECTORY | O_NONBLOCK), O_DIRECTORY_A64 | O_NONBLOCK_A64);
    ck_assert_uint_eq(xlat_open_flags_h2g(O_RDWR | 0100000), O_RDWR | O_LARGEFILE_A64);
    ck_assert_uint_eq(xlat_open_flags_h2g(O_DIRECT | O_NOFOLLOW), O_DIRECT_A64 | O_NOFOLLOW_A64);
    /* every known guest bit round-trips on its own */
    for (int b = 0; b < 32; b++) {
        uint64_t g = 1ull << b;
        if (xlat_open_flags_g2h(g, &h) == 0)
            ck_assert_uint_eq(xlat_open_flags_h2g(h), g);
        else
            ck_assert(!(g & O_KNOWN_A64));
    }
}
END_TEST

/* ---- struct stat ---- */

START_TEST(test_stat_xlat)
{
    struct stat h;
    memset(&h, 0, sizeof h);
    h.st_dev = 0x1122334455ull;
    h.st_ino = 0x123456789abcull;
    h.st_mode = S_IFREG | 0644;
    h.st_nlink = 3;
    h.st_uid = 1000;
    h.st_gid = 1001;
    h.st_rdev = 0x0801;
    h.st_size = 0x1234567890ll;
    h.st_blksize = 4096;
    h.st_blocks = 77;
    h.st_atim.tv_sec = 1700000000;
    h.st_atim.tv_nsec = 111;
    h.st_mtim.tv_sec = 1700000001;
    h.st_mtim.tv_nsec = 222;
    h.st_ctim.tv_sec = 1700000002;
    h.st_ctim.tv_nsec = 333;
    struct stat_a64 g;
    memset(&g, 0xa5, sizeof g);
    xlat_stat_h2g(&h, &g);
    ck_assert_uint_eq(g.st_dev, 0x1122334455ull);
    ck_assert_uint_eq(g.st_ino, 0x123456789abcull);
    ck_assert_uint_eq(g.st_mode, S_IFREG | 0644);
    ck_assert_uint_eq(g.st_nlink, 3);
    ck_assert_uint_eq(g.st_uid, 1000);
    ck_assert_uint_eq(g.st_gid, 1001);
    ck_assert_uint_eq(g.st_rdev, 0x0801);
    ck_assert_uint_eq(g.pad1, 0);
    ck_assert_int_eq(g.st_size, 0x1234567890ll);
    ck_assert_int_eq(g.st_blksize, 4096);
    ck_assert_int_eq(g.pad2, 0);
    ck_assert_int_eq(g.st_blocks, 77);
    ck_assert_int_eq(g.st_atime_sec, 1700000000);
    ck_assert_uint_eq(g.st_atime_nsec, 111);
    ck_assert_int_eq(g.st_mtime_sec, 1700000001);
    ck_assert_uint_eq(g.st_mtime_nsec, 222);
    ck_assert_int_eq(g.st_ctime_sec, 1700000002);
    ck_assert_uint_eq(g.st_ctime_nsec, 333);
    ck_assert_uint_eq(g.unused4, 0);
    ck_assert_uint_eq(g.unused5, 0);
    /* byte offsets as the arm64 ABI lays them out */
    const uint8_t *b = (const uint8_t *)&g;
    uint32_t mode;
    int64_t size;
    memcpy(&mode, b + 16, 4);
    memcpy(&size, b + 48, 8);
    ck_assert_uint_eq(mode, S_IFREG | 0644);
    ck_assert_int_eq(size, 0x1234567890ll);
}
END_TEST

START_TEST(test_layouts)
{
    /* glibc's x86-64 struct statfs is the kernel's, with the arm64 words */
    ck_assert_uint_eq(sizeof(struct statfs), sizeof(struct statfs_a64));
    ck_assert_uint_eq(offsetof(struct statfs, f_fsid), offsetof(struct statfs_a64, f_fsid));
    ck_assert_uint_eq(offsetof(struct statfs, f_namelen), offsetof(struct statfs_a64, f_namelen));
    ck_assert_uint_eq(offsetof(struct statfs, f_flags), offsetof(struct statfs_a64, f_flags));
    /* struct flock: 64-bit asm-generic on both */
    ck_assert_uint_eq(sizeof(struct flock), sizeof(struct flock_a64));
    ck_assert_uint_eq(offsetof(struct flock, l_start), offsetof(struct flock_a64, l_start));
    ck_assert_uint_eq(offsetof(struct flock, l_len), offsetof(struct flock_a64, l_len));
    ck_assert_uint_eq(offsetof(struct flock, l_pid), offsetof(struct flock_a64, l_pid));
    ck_assert_uint_eq(sizeof(struct termios_a64), 36);
    ck_assert_uint_eq(offsetof(struct termios_a64, c_cc), 17);
}
END_TEST

/* ---- /proc rules ---- */

START_TEST(test_procfs_paths)
{
    char p[256];
    strcpy(p, "/proc//self/./fd/../exe");
    procfs_normalize(p);
    ck_assert_str_eq(p, "/proc/self/exe");
    strcpy(p, "/a/b/../../..");
    procfs_normalize(p);
    ck_assert_str_eq(p, "/");
    strcpy(p, "/tmp/");
    procfs_normalize(p);
    ck_assert_str_eq(p, "/tmp");
    ck_assert_int_eq(procfs_classify("/proc/self/exe"), PROCFS_EXE);
    ck_assert_int_eq(procfs_classify("/proc/thread-self/exe"), PROCFS_EXE);
    snprintf(p, sizeof p, "/proc/%d/exe", (int)getpid());
    ck_assert_int_eq(procfs_classify(p), PROCFS_EXE);
    snprintf(p, sizeof p, "/proc/%d/task/%d/mem", (int)getpid(), (int)getpid());
    ck_assert_int_eq(procfs_classify(p), PROCFS_MEM);
    ck_assert_int_eq(procfs_classify("/proc/self/mem"), PROCFS_MEM);
    ck_assert_int_eq(procfs_classify("/proc/1/mem"), PROCFS_MEM);
    ck_assert_int_eq(procfs_classify("/proc/1/exe"), PROCFS_NONE);
    ck_assert_int_eq(procfs_classify("/proc/self/exe/x"), PROCFS_NONE);
    ck_assert_int_eq(procfs_classify("/proc/self/cmdline"), PROCFS_CMDLINE);
    ck_assert_int_eq(procfs_classify("/procx/self/exe"), PROCFS_NONE);
    ck_assert_int_eq(procfs_classify("/tmp/self/exe"), PROCFS_NONE);
    int saved = fd_pvm_base;
    fd_pvm_base = 1000;
    ck_assert_int_eq(procfs_classify("/proc/self/fd/1000"), PROCFS_PVM_FD);
    ck_assert_int_eq(procfs_classify("/proc/self/fdinfo/1010"), PROCFS_PVM_FD);
    ck_assert_int_eq(procfs_classify("/proc/self/fd/999"), PROCFS_NONE);
    fd_pvm_base = saved;
}
END_TEST

/* ---- handlers on a guest region ---- */

#define G_SCRATCH 0x200000ull /* one RW page area for arguments */
static struct cpu tcpu;

static void guest_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert_int_eq(mprotect(guest_base + G_SCRATCH, 0x10000, PROT_READ | PROT_WRITE), 0);
    mem_set_flags(G_SCRATCH, 0x10000, mem_prot_flags(3));
    memset(guest_base + G_SCRATCH, 0, 0x10000);
}

static void guest_teardown(void)
{
    mem_set_flags(G_SCRATCH, 0x10000, 0);
    mprotect(guest_base + G_SCRATCH, 0x10000, PROT_NONE);
}

static uint64_t gstr(uint64_t off, const char *s)
{
    strcpy((char *)guest_base + G_SCRATCH + off, s);
    return G_SCRATCH + off;
}

static int64_t call(int64_t (*fn)(struct cpu *, const uint64_t *), uint64_t a0, uint64_t a1,
                    uint64_t a2, uint64_t a3, uint64_t a4)
{
    const uint64_t a[6] = {a0, a1, a2, a3, a4, 0};
    return fn(&tcpu, a);
}

START_TEST(test_sys_open_stat)
{
    guest_setup();
    /* openat with the arm64 O_DIRECTORY value */
    int64_t fd = call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, "/tmp"),
                      O_DIRECTORY_A64 | O_CLOEXEC_A64, 0, 0);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(fcntl((int)fd, F_GETFL) & O_DIRECTORY, O_DIRECTORY);
    /* F_GETFL reports it in arm64 terms */
    int64_t fl = call(sys_fcntl, (uint64_t)fd, F_GETFL_A64, 0, 0, 0);
    ck_assert(fl & O_DIRECTORY_A64);
    ck_assert(!(fl & O_DIRECT_A64));
    /* fstat into the guest: asm-generic layout */
    ck_assert_int_eq(call(sys_fstat, (uint64_t)fd, G_SCRATCH + 0x1000, 0, 0, 0), 0);
    struct stat_a64 g;
    memcpy(&g, guest_base + G_SCRATCH + 0x1000, sizeof g);
    struct stat h;
    ck_assert_int_eq(stat("/tmp", &h), 0);
    ck_assert_uint_eq(g.st_ino, h.st_ino);
    ck_assert_uint_eq(g.st_mode, h.st_mode);
    ck_assert_int_eq(g.st_blksize, h.st_blksize);
    /* newfstatat relative to the dir fd */
    ck_assert_int_eq(call(sys_newfstatat, (uint64_t)fd, gstr(0x100, "."), G_SCRATCH + 0x1000, 0, 0), 0);
    memcpy(&g, guest_base + G_SCRATCH + 0x1000, sizeof g);
    ck_assert_uint_eq(g.st_ino, h.st_ino);
    /* an arm64 O_NOFOLLOW on a symlink: ELOOP (the x86 value would be O_DIRECT... no: O_LARGEFILE) */
    char lnk[64];
    snprintf(lnk, sizeof lnk, "/tmp/pvm-unit-lnk-%d", (int)getpid());
    unlink(lnk);
    ck_assert_int_eq(symlink("/tmp", lnk), 0);
    ck_assert_int_eq(call(sys_openat, (uint64_t)AT_FDCWD, gstr(0x200, lnk), O_NOFOLLOW_A64, 0, 0), -ELOOP);
    unlink(lnk);
    /* unknown flag bits never reach the host */
    ck_assert_int_eq(call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, "/tmp"), 040000000, 0, 0), -EINVAL);
    /* bad pointers */
    ck_assert_int_eq(call(sys_openat, (uint64_t)AT_FDCWD, 0x10, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(call(sys_fstat, (uint64_t)fd, 0x10, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(call(sys_fstat, (uint64_t)fd, guest_size - 8, 0, 0, 0), -EFAULT);
    /* /proc/self/mem: refused however spelled */
    ck_assert_int_eq(call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self/mem"), O_RDONLY, 0, 0), -EACCES);
    ck_assert_int_eq(call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self/task/../mem"), O_RDONLY, 0, 0), -EACCES);
    int64_t pfd = call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self"), O_DIRECTORY_A64, 0, 0);
    ck_assert_int_ge(pfd, 0);
    ck_assert_int_eq(call(sys_openat, (uint64_t)pfd, gstr(0, "mem"), O_RDONLY, 0, 0), -EACCES);
    ck_assert_int_eq(call(sys_close, (uint64_t)pfd, 0, 0, 0, 0), 0);
    ck_assert_int_eq(call(sys_close, (uint64_t)fd, 0, 0, 0, 0), 0);
    ck_assert_int_eq(call(sys_close, (uint64_t)fd, 0, 0, 0, 0), -EBADF);
    guest_teardown();
}
END_TEST

START_TEST(test_sys_pvm_fds)
{
    guest_setup();
    int saved = fd_pvm_base;
    /* a hidden descriptor in a reserved range just above the low fds */
    fd_pvm_base = 200;
    int hidden = fdtab_hide(open("/dev/null", O_RDONLY));
    ck_assert_int_ge(hidden, 200);
    ck_assert_int_eq(call(sys_close, (uint64_t)hidden, 0, 0, 0, 0), -EBADF);
    ck_assert_int_eq(call(sys_read, (uint64_t)hidden, G_SCRATCH, 1, 0, 0), -EBADF);
    ck_assert_int_eq(call(sys_dup3, 0, (uint64_t)hidden, 0, 0, 0), -EBADF);
    ck_assert_int_eq(call(sys_fcntl, 0, F_DUPFD_A64, 200, 0, 0), -EINVAL);
    int64_t d = call(sys_fcntl, 0, F_DUPFD_CLOEXEC_A64, 150, 0, 0);
    ck_assert_int_ge(d, 150);
    ck_assert_int_lt(d, 200);
    /* close_range over everything stops below the reserved range */
    ck_assert_int_eq(call(sys_close_range, 150, ~0u, 0, 0, 0), 0);
    ck_assert_int_eq(fcntl((int)d, F_GETFD), -1);
    ck_assert_int_ge(fcntl(hidden, F_GETFD), 0);
    /* /proc/self/fd listing hides it */
    int64_t dfd = call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self/fd"), O_DIRECTORY_A64, 0, 0);
    ck_assert_int_ge(dfd, 0);
    char want[64];
    snprintf(want, sizeof want, "%d", hidden);
    bool saw_dfd = false;
    for (;;) {
        int64_t n = call(sys_getdents64, (uint64_t)dfd, G_SCRATCH + 0x1000, 0x2000, 0, 0);
        ck_assert_int_ge(n, 0);
        if (n == 0)
            break;
        for (int64_t off = 0; off < n;) {
            struct dirent64_a64 *e = (void *)(guest_base + G_SCRATCH + 0x1000 + off);
            ck_assert_str_ne(e->d_name, want);
            if (atoi(e->d_name) == (int)dfd)
                saw_dfd = true;
            off += e->d_reclen;
        }
    }
    ck_assert(saw_dfd);
    snprintf(want, sizeof want, "/proc/self/fd/%d", hidden);
    ck_assert_int_eq(call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, want), O_RDONLY, 0, 0), -ENOENT);
    ck_assert_int_eq(call(sys_close, (uint64_t)dfd, 0, 0, 0, 0), 0);
    close(hidden);
    fd_pvm_base = saved;
    guest_teardown();
}
END_TEST

START_TEST(test_sys_pipe_io)
{
    guest_setup();
    ck_assert_int_eq(call(sys_pipe2, G_SCRATCH, O_CLOEXEC_A64 | O_NONBLOCK_A64, 0, 0, 0), 0);
    int32_t fds[2];
    memcpy(fds, guest_base + G_SCRATCH, 8);
    ck_assert_int_eq(fcntl(fds[0], F_GETFD), FD_CLOEXEC);
    ck_assert_int_eq(call(sys_read, (uint64_t)fds[0], G_SCRATCH + 0x100, 10, 0, 0), -EAGAIN);
    /* writev with two iovecs; a bad third one fails the whole call */
    uint64_t iov[6] = {gstr(0x200, "hello "), 6, gstr(0x300, "world"), 5, 0xdead0000000ull, 4};
    memcpy(guest_base + G_SCRATCH + 0x400, iov, sizeof iov);
    ck_assert_int_eq(call(sys_writev, (uint64_t)fds[1], G_SCRATCH + 0x400, 3, 0, 0), -EFAULT);
    ck_assert_int_eq(call(sys_writev, (uint64_t)fds[1], G_SCRATCH + 0x400, 2, 0, 0), 11);
    ck_assert_int_eq(call(sys_read, (uint64_t)fds[0], G_SCRATCH + 0x800, 64, 0, 0), 11);
    ck_assert_int_eq(memcmp(guest_base + G_SCRATCH + 0x800, "hello world", 11), 0);
    /* pipe2 with the x86-64 O_DIRECTORY bit is arm64's O_DIRECT: a packet pipe */
    ck_assert_int_eq(call(sys_pipe2, G_SCRATCH, O_DIRECTORY_A64, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(call(sys_pipe2, 0x10, 0, 0, 0, 0), -EFAULT);
    close(fds[0]);
    close(fds[1]);
    /* unknown ioctl: never passed on */
    ck_assert_int_eq(call(sys_ioctl, 0, 0x12345678, 0, 0, 0), -ENOTTY);
    guest_teardown();
}
END_TEST

/* -L: a directory found inside the prefix does not capture lookups of
 * files that exist only on the host (`gzip -c /tmp/f` opens "/tmp/" and then
 * "f" relative to it) */
START_TEST(test_sys_prefix_dirfd)
{
    guest_setup();
    char prefix[] = "/tmp/pvm-unit-prefix-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(prefix));
    char d[128], f[128], name[64];
    snprintf(d, sizeof d, "%s/tmp", prefix);
    ck_assert_int_eq(mkdir(d, 0755), 0);
    snprintf(name, sizeof name, "pvm-unit-f-%d", (int)getpid());
    snprintf(f, sizeof f, "/tmp/%s", name);
    int hf = open(f, O_CREAT | O_WRONLY | O_TRUNC, 0644);
    ck_assert_int_ge(hf, 0);
    ck_assert_int_eq(write(hf, "data", 4), 4);
    close(hf);
    char oldcwd[4096];
    ck_assert_ptr_nonnull(getcwd(oldcwd, sizeof oldcwd));

    opt.ld_prefix = prefix;
    int64_t dfd = call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, "/tmp/"), O_DIRECTORY_A64, 0, 0);
    ck_assert_int_ge(dfd, 0);
    /* the directory opened is the prefix's */
    struct stat hs, ps;
    ck_assert_int_eq(fstat((int)dfd, &hs), 0);
    ck_assert_int_eq(stat(d, &ps), 0);
    ck_assert_uint_eq(hs.st_ino, ps.st_ino);
    int64_t fd = call(sys_openat, (uint64_t)dfd, gstr(0x100, name), O_RDONLY, 0, 0);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(call(sys_read, (uint64_t)fd, G_SCRATCH + 0x800, 16, 0, 0), 4);
    ck_assert_int_eq(call(sys_close, (uint64_t)fd, 0, 0, 0, 0), 0);
    ck_assert_int_eq(call(sys_newfstatat, (uint64_t)dfd, gstr(0x100, name), G_SCRATCH + 0x1000, 0, 0), 0);
    /* dup keeps the guest path; close forgets it */
    int64_t dfd2 = call(sys_dup, (uint64_t)dfd, 0, 0, 0, 0);
    ck_assert_int_ge(dfd2, 0);
    ck_assert_int_eq(call(sys_close, (uint64_t)dfd, 0, 0, 0, 0), 0);
    fd = call(sys_openat, (uint64_t)dfd2, gstr(0x100, name), O_RDONLY, 0, 0);
    ck_assert_int_ge(fd, 0);
    close((int)fd);
    /* the same through the cwd; getcwd shows the guest's view */
    ck_assert_int_eq(call(sys_chdir, gstr(0, "/tmp"), 0, 0, 0, 0), 0);
    ck_assert_int_eq(call(sys_getcwd, G_SCRATCH + 0x800, 256, 0, 0, 0), 5);
    ck_assert_str_eq((char *)guest_base + G_SCRATCH + 0x800, "/tmp");
    ck_assert_int_eq(call(sys_getcwd, G_SCRATCH + 0x800, 3, 0, 0, 0), -ERANGE);
    fd = call(sys_openat, (uint64_t)AT_FDCWD, gstr(0x100, name), O_RDONLY, 0, 0);
    ck_assert_int_ge(fd, 0);
    close((int)fd);
    ck_assert_int_eq(call(sys_fchdir, (uint64_t)dfd2, 0, 0, 0, 0), 0);
    ck_assert_int_eq(call(sys_getcwd, G_SCRATCH + 0x800, 256, 0, 0, 0), 5);
    ck_assert_str_eq((char *)guest_base + G_SCRATCH + 0x800, "/tmp");
    /* a cwd inside the prefix reached by other means shows without it */
    ck_assert_int_eq(call(sys_chdir, gstr(0, d), 0, 0, 0, 0), 0);
    ck_assert_int_eq(call(sys_getcwd, G_SCRATCH + 0x800, 256, 0, 0, 0), (int64_t)strlen(d) + 1);
    ck_assert_int_eq(chdir(d), 0);
    ck_assert_int_eq(call(sys_fchdir, 0 /* not a recorded dir */, 0, 0, 0, 0), -ENOTDIR);
    int pfd = open(d, O_RDONLY | O_DIRECTORY); /* opened behind the guest's back */
    ck_assert_int_eq(call(sys_fchdir, (uint64_t)pfd, 0, 0, 0, 0), 0);
    close(pfd);
    ck_assert_int_eq(call(sys_getcwd, G_SCRATCH + 0x800, 256, 0, 0, 0), 5);
    ck_assert_str_eq((char *)guest_base + G_SCRATCH + 0x800, "/tmp");
    close((int)dfd2);
    opt.ld_prefix = NULL;

    ck_assert_int_eq(chdir(oldcwd), 0);
    unlink(f);
    rmdir(d);
    rmdir(prefix);
    guest_teardown();
}
END_TEST

/* terminals: TCGETS/TIOCGWINSZ... pass with the same layout on a pty */
START_TEST(test_sys_tty)
{
    guest_setup();
    int m = posix_openpt(O_RDWR | O_NOCTTY);
    if (m < 0) {
        printf("test_sys_tty: skipped: no pty (%s)\n", strerror(errno));
        guest_teardown();
        return;
    }
    ck_assert_int_eq(grantpt(m), 0);
    ck_assert_int_eq(unlockpt(m), 0);
    int sl = open(ptsname(m), O_RDWR | O_NOCTTY);
    ck_assert_int_ge(sl, 0);
    ck_assert_int_eq(call(sys_ioctl, (uint64_t)sl, TCGETS_A64, G_SCRATCH + 0x100, 0, 0), 0);
    struct termios_a64 gt;
    memcpy(&gt, guest_base + G_SCRATCH + 0x100, sizeof gt);
    struct termios ht;
    ck_assert_int_eq(tcgetattr(sl, &ht), 0);
    ck_assert_uint_eq(gt.c_iflag, ht.c_iflag);
    ck_assert_uint_eq(gt.c_lflag, ht.c_lflag);
    ck_assert_uint_eq(gt.c_cc[VINTR], ht.c_cc[VINTR]);
    gt.c_lflag &= ~(uint32_t)ECHO;
    memcpy(guest_base + G_SCRATCH + 0x100, &gt, sizeof gt);
    ck_assert_int_eq(call(sys_ioctl, (uint64_t)sl, TCSETSW_A64, G_SCRATCH + 0x100, 0, 0), 0);
    ck_assert_int_eq(tcgetattr(sl, &ht), 0);
    ck_assert_uint_eq(ht.c_lflag & ECHO, 0);
    struct winsize_a64 ws = {24, 80, 0, 0};
    memcpy(guest_base + G_SCRATCH + 0x200, &ws, sizeof ws);
    ck_assert_int_eq(call(sys_ioctl, (uint64_t)m, TIOCSWINSZ_A64, G_SCRATCH + 0x200, 0, 0), 0);
    ck_assert_int_eq(call(sys_ioctl, (uint64_t)sl, TIOCGWINSZ_A64, G_SCRATCH + 0x300, 0, 0), 0);
    ck_assert_int_eq(memcmp(guest_base + G_SCRATCH + 0x300, &ws, sizeof ws), 0);
    ck_assert_int_eq(call(sys_ioctl, (uint64_t)m, TIOCGPTN_A64, G_SCRATCH + 0x400, 0, 0), 0);
    uint32_t ptn;
    memcpy(&ptn, guest_base + G_SCRATCH + 0x400, 4);
    char want[64];
    snprintf(want, sizeof want, "/dev/pts/%u", ptn);
    ck_assert_str_eq(ptsname(m), want);
    ck_assert_int_eq(call(sys_ioctl, (uint64_t)sl, TCGETS_A64, 0x10, 0, 0), -EFAULT);
    ck_assert_int_eq(call(sys_ioctl, (uint64_t)sl, TCGETS_A64, guest_size - 4, 0, 0), -EFAULT);
    close(sl);
    close(m);
    guest_teardown();
}
END_TEST

/* statx, statfs, locks, vectors at offsets, xattr names */
START_TEST(test_sys_misc_fs)
{
    guest_setup();
    char f[64];
    snprintf(f, sizeof f, "/tmp/pvm-unit-misc-%d", (int)getpid());
    int64_t fd = call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, f),
                      O_RDWR | O_CREAT_A64 | O_TRUNC_A64, 0640, 0);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(call(sys_write, (uint64_t)fd, gstr(0x100, "0123456789"), 10, 0, 0), 10);
    ck_assert_int_eq(call(sys_statx, (uint64_t)AT_FDCWD, gstr(0, f), 0, 0x7ff, G_SCRATCH + 0x1000), 0);
    uint64_t sz;
    memcpy(&sz, guest_base + G_SCRATCH + 0x1000 + 0x28, 8); /* stx_size */
    ck_assert_uint_eq(sz, 10);
    ck_assert_int_eq(call(sys_fstatfs, (uint64_t)fd, G_SCRATCH + 0x2000, 0, 0, 0), 0);
    struct statfs_a64 g;
    memcpy(&g, guest_base + G_SCRATCH + 0x2000, sizeof g);
    struct statfs h;
    ck_assert_int_eq(fstatfs((int)fd, &h), 0);
    ck_assert_int_eq(g.f_type, h.f_type);
    ck_assert_int_eq(g.f_bsize, h.f_bsize);
    ck_assert_int_eq(g.f_namelen, h.f_namelen);
    ck_assert_int_eq(call(sys_statfs, gstr(0, "/"), G_SCRATCH + 0x2000, 0, 0, 0), 0);
    /* a lock through the guest's struct flock */
    struct flock_a64 fl = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 2, .l_len = 3};
    memcpy(guest_base + G_SCRATCH + 0x300, &fl, sizeof fl);
    ck_assert_int_eq(call(sys_fcntl, (uint64_t)fd, F_OFD_SETLK_A64, G_SCRATCH + 0x300, 0, 0), 0);
    int other = open(f, O_RDWR);
    struct flock_a64 q = {.l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 10};
    memcpy(guest_base + G_SCRATCH + 0x300, &q, sizeof q);
    ck_assert_int_eq(call(sys_fcntl, (uint64_t)other, F_OFD_GETLK_A64, G_SCRATCH + 0x300, 0, 0), 0);
    memcpy(&q, guest_base + G_SCRATCH + 0x300, sizeof q);
    ck_assert_int_eq(q.l_type, F_WRLCK);
    ck_assert_int_eq(q.l_start, 2);
    ck_assert_int_eq(q.l_len, 3);
    ck_assert_int_eq(q.l_pid, -1);
    close(other);
    ck_assert_int_eq(call(sys_fcntl, (uint64_t)fd, 9999, 0, 0, 0), -EINVAL);
    /* preadv at an offset */
    uint64_t iov[4] = {G_SCRATCH + 0x400, 3, G_SCRATCH + 0x500, 2};
    memcpy(guest_base + G_SCRATCH + 0x600, iov, sizeof iov);
    ck_assert_int_eq(call(sys_preadv, (uint64_t)fd, G_SCRATCH + 0x600, 2, 4, 0), 5);
    ck_assert_int_eq(memcmp(guest_base + G_SCRATCH + 0x400, "456", 3), 0);
    ck_assert_int_eq(memcmp(guest_base + G_SCRATCH + 0x500, "78", 2), 0);
    ck_assert_int_eq(call(sys_readv, (uint64_t)fd, G_SCRATCH + 0x600, 2000, 0, 0), -EINVAL);
    /* flags no host call may see */
    ck_assert_int_eq(call(sys_renameat2, (uint64_t)AT_FDCWD, gstr(0, f), (uint64_t)AT_FDCWD, gstr(0x100, f), 0x100), -EINVAL);
    ck_assert_int_eq(call(sys_unlinkat, (uint64_t)AT_FDCWD, gstr(0, f), 0x1, 0, 0), -EINVAL);
    ck_assert_int_eq(call(sys_newfstatat, (uint64_t)AT_FDCWD, gstr(0, f), G_SCRATCH + 0x1000, 0x80000, 0), -EINVAL);
    /* xattrs */
    ck_assert_int_eq(call(sys_fgetxattr, (uint64_t)fd, gstr(0x100, "user.none"), G_SCRATCH + 0x400, 64, 0), -ENODATA);
    char longname[300];
    memset(longname, 'a', sizeof longname - 1);
    longname[sizeof longname - 1] = 0;
    ck_assert_int_eq(call(sys_getxattr, gstr(0, f), gstr(0x200, longname), G_SCRATCH + 0x400, 64, 0), -ERANGE);
    ck_assert_int_eq(call(sys_close, (uint64_t)fd, 0, 0, 0, 0), 0);
    ck_assert_int_eq(call(sys_unlinkat, (uint64_t)AT_FDCWD, gstr(0, f), 0, 0, 0), 0);
    guest_teardown();
}
END_TEST

/* /proc/self/exe and cmdline are the guest's */
START_TEST(test_sys_proc_self)
{
    guest_setup();
    struct guest_proc saved = gproc;
    strcpy(gproc.exe_path, "/bin/sh");
    memcpy(guest_base + G_SCRATCH + 0x800, "prog\0arg1\0", 10);
    gproc.argv_start = G_SCRATCH + 0x800;
    gproc.argv_end = G_SCRATCH + 0x80a;
    ck_assert_int_eq(call(sys_readlinkat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self/exe"), G_SCRATCH + 0x100, 256, 0), 7);
    ck_assert_int_eq(memcmp(guest_base + G_SCRATCH + 0x100, "/bin/sh", 7), 0);
    ck_assert_int_eq(call(sys_readlinkat, (uint64_t)AT_FDCWD, gstr(0, "/proc/thread-self/exe"), G_SCRATCH + 0x100, 4, 0), 4);
    int64_t fd = call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self/exe"), O_RDONLY, 0, 0);
    ck_assert_int_ge(fd, 0);
    struct stat a, b;
    ck_assert_int_eq(fstat((int)fd, &a), 0);
    ck_assert_int_eq(stat("/bin/sh", &b), 0);
    ck_assert_uint_eq(a.st_ino, b.st_ino);
    close((int)fd);
    ck_assert_int_eq(call(sys_newfstatat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self/exe"), G_SCRATCH + 0x1000, 0, 0), 0);
    struct stat_a64 g;
    memcpy(&g, guest_base + G_SCRATCH + 0x1000, sizeof g);
    ck_assert_uint_eq(g.st_ino, b.st_ino);
    ck_assert_int_eq(call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self/exe"), O_NOFOLLOW_A64, 0, 0), -ELOOP);
    int64_t pd = call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self"), O_DIRECTORY_A64, 0, 0);
    ck_assert_int_ge(pd, 0);
    ck_assert_int_eq(call(sys_readlinkat, (uint64_t)pd, gstr(0, "exe"), G_SCRATCH + 0x100, 256, 0), 7);
    fd = call(sys_openat, (uint64_t)pd, gstr(0, "./exe"), O_RDONLY, 0, 0);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(fstat((int)fd, &a), 0);
    ck_assert_uint_eq(a.st_ino, b.st_ino);
    close((int)fd);
    close((int)pd);
    fd = call(sys_openat, (uint64_t)AT_FDCWD, gstr(0, "/proc/self/cmdline"), O_RDONLY, 0, 0);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(call(sys_read, (uint64_t)fd, G_SCRATCH + 0x100, 64, 0, 0), 10);
    ck_assert_int_eq(memcmp(guest_base + G_SCRATCH + 0x100, "prog\0arg1\0", 10), 0);
    ck_assert_int_eq(call(sys_write, (uint64_t)fd, G_SCRATCH + 0x100, 1, 0, 0), -EBADF);
    close((int)fd);
    gproc = saved;
    guest_teardown();
}
END_TEST

/* strace lines, captured from the debug stream */
START_TEST(test_strace_lines)
{
    guest_setup();
    char *out = NULL;
    size_t outlen = 0;
    FILE *saved = log_stream;
    log_stream = open_memstream(&out, &outlen);
    uint64_t a[6] = {(uint64_t)AT_FDCWD, gstr(0, "/etc/passwd"), O_CLOEXEC_A64, 0, 0, 0};
    strace_exit(&tcpu, "openat", "fsom", a, 3);
    memcpy(guest_base + G_SCRATCH + 0x100, "root:x:0:0:root:/root:/bin/bash\ndaemon:x", 40);
    uint64_t r[6] = {3, G_SCRATCH + 0x100, 4096, 0, 0, 0};
    strace_exit(&tcpu, "read", "fBu", r, 40);
    strace_exit(&tcpu, "openat", "fsom", a, -ENOENT);
    uint64_t w[6] = {1, gstr(0x300, "hi\n"), 3, 0, 0, 0};
    strace_exit(&tcpu, "write", "fbu", w, 3);
    fclose(log_stream);
    log_stream = saved;
    ck_assert_str_eq(out,
                     "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = 3\n"
                     "read(3, \"root:x:0:0:root:/root:/bin/bash\\n\"..., 4096) = 40\n"
                     "openat(AT_FDCWD, \"/etc/passwd\", O_RDONLY|O_CLOEXEC) = -1 ENOENT (No such file or directory)\n"
                     "write(1, \"hi\\n\", 3) = 3\n");
    free(out);
    guest_teardown();
}
END_TEST

Suite *suite_xlat_fs(void)
{
    Suite *s = suite_create("xlat_fs");
    TCase *t = tcase_create("abi");
    tcase_add_test(t, test_open_flags);
    tcase_add_test(t, test_stat_xlat);
    tcase_add_test(t, test_layouts);
    tcase_add_test(t, test_procfs_paths);
    suite_add_tcase(s, t);
    TCase *h = tcase_create("handlers");
    tcase_add_test(h, test_sys_open_stat);
    tcase_add_test(h, test_sys_pvm_fds);
    tcase_add_test(h, test_sys_pipe_io);
    tcase_add_test(h, test_sys_prefix_dirfd);
    tcase_add_test(h, test_strace_lines);
    tcase_add_test(h, test_sys_tty);
    tcase_add_test(h, test_sys_misc_fs);
    tcase_add_test(h, test_sys_proc_self);
    suite_add_tcase(s, h);
    return s;
}

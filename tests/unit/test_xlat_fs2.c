/* Second file-family suite (syscalls/abi_fs.h, fs_open2.c, fs_splice.c):
 * the explicit struct statfs conversion field by field, open_how checks and
 * conversion (flags moved to x86-64 values, resolve bits, mode rules), and
 * the openat2 / vmsplice / name_to_handle_at handlers on a small guest
 * region: size rules, EFAULT for bad guest pointers, pvm fds invisible. */
#include <check.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "core/mem.h"
#include "syscalls/abi_fs.h"
#include "syscalls/fdtab.h"
#include "syscalls/syscall.h"

START_TEST(test_statfs_xlat)
{
    struct statfs h;
    memset(&h, 0, sizeof h);
    h.f_type = 0xEF53;
    h.f_bsize = 4096;
    h.f_blocks = 1000001;
    h.f_bfree = 1000002;
    h.f_bavail = 1000003;
    h.f_files = 1000004;
    h.f_ffree = 1000005;
    h.f_fsid.__val[0] = 0x12345678;
    h.f_fsid.__val[1] = -2;
    h.f_namelen = 255;
    h.f_frsize = 1024;
    h.f_flags = 0x1026;
    struct statfs_a64 g;
    memset(&g, 0xaa, sizeof g);
    xlat_statfs_h2g(&h, &g);
    ck_assert_int_eq(g.f_type, 0xEF53);
    ck_assert_int_eq(g.f_bsize, 4096);
    ck_assert_uint_eq(g.f_blocks, 1000001);
    ck_assert_uint_eq(g.f_bfree, 1000002);
    ck_assert_uint_eq(g.f_bavail, 1000003);
    ck_assert_uint_eq(g.f_files, 1000004);
    ck_assert_uint_eq(g.f_ffree, 1000005);
    ck_assert_int_eq(g.f_fsid[0], 0x12345678);
    ck_assert_int_eq(g.f_fsid[1], -2);
    ck_assert_int_eq(g.f_namelen, 255);
    ck_assert_int_eq(g.f_frsize, 1024);
    ck_assert_int_eq(g.f_flags, 0x1026);
    for (int k = 0; k < 4; k++)
        ck_assert_int_eq(g.f_spare[k], 0); /* no stale bytes reach the guest */
    /* the guest's byte offsets (asm-generic, 64-bit words) */
    const uint8_t *b = (const uint8_t *)&g;
    int64_t v;
    memcpy(&v, b + 8, 8);
    ck_assert_int_eq(v, 4096);
    int32_t fs1;
    memcpy(&fs1, b + 60, 4);
    ck_assert_int_eq(fs1, -2);
    memcpy(&v, b + 64, 8);
    ck_assert_int_eq(v, 255);
    memcpy(&v, b + 80, 8);
    ck_assert_int_eq(v, 0x1026);
}
END_TEST

START_TEST(test_open_how)
{
    struct open_how_x64 h;
    struct open_how_a64 g = {.flags = O_DIRECTORY_A64 | O_NOFOLLOW_A64 | O_CLOEXEC_A64};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), 0);
    ck_assert_uint_eq(h.flags, O_DIRECTORY_X64 | O_NOFOLLOW_X64 | O_CLOEXEC);
    ck_assert_uint_eq(h.mode, 0);
    g = (struct open_how_a64){.flags = O_DIRECT_A64 | O_LARGEFILE_A64 | O_RDWR, .resolve = 0x3f & ~0x10};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), 0);
    ck_assert_uint_eq(h.flags, O_DIRECT_X64 | O_LARGEFILE_X64 | O_RDWR);
    ck_assert_uint_eq(h.resolve, 0x2f);
    /* unknown flag bits, high and low */
    g = (struct open_how_a64){.flags = 1ull << 40};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), -EINVAL);
    g = (struct open_how_a64){.flags = 040000000};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), -EINVAL);
    /* resolve */
    g = (struct open_how_a64){.resolve = 0x40};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), -EINVAL);
    g = (struct open_how_a64){.resolve = RESOLVE_BENEATH_A64 | RESOLVE_IN_ROOT_A64};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), -EINVAL);
    /* mode only when creating, and only permission bits */
    g = (struct open_how_a64){.mode = 0600};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), -EINVAL);
    g = (struct open_how_a64){.flags = O_CREAT_A64 | O_WRONLY, .mode = 0100600};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), -EINVAL);
    g = (struct open_how_a64){.flags = O_CREAT_A64 | O_WRONLY, .mode = 07777};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), 0);
    ck_assert_uint_eq(h.mode, 07777);
    /* O_DIRECTORY|O_CREAT; O_TMPFILE rules; O_PATH companions */
    g = (struct open_how_a64){.flags = O_CREAT_A64 | O_DIRECTORY_A64};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), -EINVAL);
    g = (struct open_how_a64){.flags = O__TMPFILE_A64 | O_DIRECTORY_A64 | O_RDWR, .mode = 0600};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), 0);
    ck_assert_uint_eq(h.flags, O_TMPFILE | O_RDWR);
    g = (struct open_how_a64){.flags = O__TMPFILE_A64 | O_DIRECTORY_A64, .mode = 0600};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), -EINVAL);
    g = (struct open_how_a64){.flags = O__TMPFILE_A64 | O_RDWR, .mode = 0600};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), -EINVAL);
    g = (struct open_how_a64){.flags = O_PATH_A64 | O_NOFOLLOW_A64 | O_DIRECTORY_A64 | O_CLOEXEC_A64};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), 0);
    g = (struct open_how_a64){.flags = O_PATH_A64 | O_RDWR};
    ck_assert_int_eq(xlat_open_how_g2h(&g, &h), -EINVAL);
}
END_TEST

START_TEST(test_flag_constants)
{
    /* the values the fs handlers check against are the host's too */
    ck_assert_int_eq(SPLICE_F_MOVE_A64 | SPLICE_F_NONBLOCK_A64 | SPLICE_F_MORE_A64 | SPLICE_F_GIFT_A64,
                     SPLICE_F_KNOWN_A64);
    ck_assert_int_eq(SPLICE_F_GIFT, SPLICE_F_GIFT_A64);
    ck_assert_int_eq(FALLOC_FL_KEEP_SIZE, FALLOC_FL_KEEP_SIZE_A64);
    ck_assert_int_eq(FALLOC_FL_PUNCH_HOLE, FALLOC_FL_PUNCH_HOLE_A64);
    ck_assert_int_eq(FALLOC_FL_UNSHARE_RANGE, FALLOC_FL_UNSHARE_RANGE_A64);
    ck_assert_int_eq(POSIX_FADV_DONTNEED, POSIX_FADV_DONTNEED_A64);
    ck_assert_int_eq(POSIX_FADV_NOREUSE, POSIX_FADV_NOREUSE_A64);
    ck_assert_int_eq(SYNC_FILE_RANGE_WAIT_BEFORE | SYNC_FILE_RANGE_WRITE | SYNC_FILE_RANGE_WAIT_AFTER,
                     SYNC_FILE_RANGE_KNOWN_A64);
    ck_assert_int_eq(MAX_HANDLE_SZ, MAX_HANDLE_SZ_A64);
}
END_TEST

/* ---- handlers on a guest region ---- */

#define G2 0x300000ull
static struct cpu tcpu2;

static void g2_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert_int_eq(mprotect(guest_base + G2, 0x10000, PROT_READ | PROT_WRITE), 0);
    mem_set_flags(G2, 0x10000, mem_prot_flags(3));
    memset(guest_base + G2, 0, 0x10000);
}

static void g2_teardown(void)
{
    mem_set_flags(G2, 0x10000, 0);
    mprotect(guest_base + G2, 0x10000, PROT_NONE);
}

static uint64_t g2str(uint64_t off, const char *s)
{
    strcpy((char *)guest_base + G2 + off, s);
    return G2 + off;
}

static int64_t call2(int64_t (*fn)(struct cpu *, const uint64_t *), uint64_t a0, uint64_t a1,
                     uint64_t a2, uint64_t a3, uint64_t a4)
{
    const uint64_t a[6] = {a0, a1, a2, a3, a4, 0};
    return fn(&tcpu2, a);
}

static uint64_t put_how(uint64_t off, uint64_t flags, uint64_t mode, uint64_t resolve)
{
    struct open_how_a64 h = {flags, mode, resolve};
    memcpy(guest_base + G2 + off, &h, sizeof h);
    return G2 + off;
}

START_TEST(test_sys_openat2)
{
    g2_setup();
    uint64_t how = put_how(0x100, O_DIRECTORY_A64, 0, 0);
    uint64_t tmp = g2str(0, "/tmp");
    int64_t fd = call2(sys_openat2, (uint64_t)AT_FDCWD, tmp, how, 24, 0);
    ck_assert_int_ge(fd, 0);
    ck_assert(fcntl((int)fd, F_GETFL) & O_DIRECTORY);
    /* relative, scoped to the directory: ".." escapes */
    uint64_t h2 = put_how(0x200, O_RDONLY, 0, RESOLVE_BENEATH_A64);
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)fd, g2str(0x300, ".."), h2, 24, 0), -EXDEV);
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)fd, tmp, h2, 24, 0), -EXDEV);
    int64_t fd2 = call2(sys_openat2, (uint64_t)fd, g2str(0x300, "."), h2, 24, 0);
    ck_assert_int_ge(fd2, 0);
    close((int)fd2);
    /* sizes: < 24 EINVAL, > page E2BIG, zero tail accepted, non-zero tail E2BIG */
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)AT_FDCWD, tmp, how, 23, 0), -EINVAL);
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)AT_FDCWD, tmp, how, 4097, 0), -E2BIG);
    fd2 = call2(sys_openat2, (uint64_t)AT_FDCWD, tmp, how, 64, 0);
    ck_assert_int_ge(fd2, 0);
    close((int)fd2);
    guest_base[G2 + 0x100 + 40] = 1;
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)AT_FDCWD, tmp, how, 64, 0), -E2BIG);
    guest_base[G2 + 0x100 + 40] = 0;
    /* guest pointers */
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)AT_FDCWD, tmp, 0x10, 24, 0), -EFAULT);
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)AT_FDCWD, tmp, guest_size - 8, 24, 0), -EFAULT);
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)AT_FDCWD, 0x10, how, 24, 0), -EFAULT);
    /* flags the host never sees */
    put_how(0x200, 040000000, 0, 0);
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)AT_FDCWD, tmp, h2, 24, 0), -EINVAL);
    /* /proc/self/mem stays refused */
    put_how(0x200, O_RDONLY, 0, 0);
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)AT_FDCWD, g2str(0x300, "/proc/self/mem"), h2, 24, 0),
                     -EACCES);
    /* a pvm descriptor as dirfd */
    int saved = fd_pvm_base;
    fd_pvm_base = (int)fd;
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)fd, g2str(0x300, "."), h2, 24, 0), -EBADF);
    put_how(0x200, O_RDONLY, 0, RESOLVE_IN_ROOT_A64);
    ck_assert_int_eq(call2(sys_openat2, (uint64_t)fd, g2str(0x300, "/x"), h2, 24, 0), -EBADF);
    fd_pvm_base = saved;
    close((int)fd);
    g2_teardown();
}
END_TEST

START_TEST(test_sys_vmsplice_handles)
{
    g2_setup();
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    uint64_t iov[4] = {g2str(0x400, "abc"), 3, g2str(0x500, "de"), 2};
    memcpy(guest_base + G2 + 0x600, iov, sizeof iov);
    ck_assert_int_eq(call2(sys_vmsplice, (uint64_t)p[1], G2 + 0x600, 2, 0, 0), 5);
    char buf[8] = {0};
    ck_assert_int_eq(read(p[0], buf, sizeof buf), 5);
    ck_assert_str_eq(buf, "abcde");
    ck_assert_int_eq(call2(sys_vmsplice, (uint64_t)p[1], G2 + 0x600, 2, 0x10, 0), -EINVAL);
    ck_assert_int_eq(call2(sys_vmsplice, (uint64_t)p[1], G2 + 0x600, 1025, 0, 0), -EINVAL);
    ck_assert_int_eq(call2(sys_vmsplice, (uint64_t)p[1], 0x10, 1, 0, 0), -EFAULT);
    uint64_t bad[2] = {guest_size + 0x1000, 4};
    memcpy(guest_base + G2 + 0x600, bad, sizeof bad);
    ck_assert_int_eq(call2(sys_vmsplice, (uint64_t)p[1], G2 + 0x600, 1, 0, 0), -EFAULT);
    int saved = fd_pvm_base;
    fd_pvm_base = p[1];
    ck_assert_int_eq(call2(sys_vmsplice, (uint64_t)p[1], G2 + 0x600, 1, 0, 0), -EBADF);
    ck_assert_int_eq(call2(sys_open_by_handle_at, (uint64_t)p[1], G2 + 0x700, 0, 0, 0), -EBADF);
    fd_pvm_base = saved;
    close(p[0]);
    close(p[1]);

    /* name_to_handle_at: the handle comes back through host memory */
    uint32_t hb = 0;
    memcpy(guest_base + G2 + 0x700, &hb, 4);
    uint64_t tmp = g2str(0, "/tmp");
    int64_t r = call2(sys_name_to_handle_at, (uint64_t)AT_FDCWD, tmp, G2 + 0x700, G2 + 0x800, 0);
    if (r != -EOPNOTSUPP) {
        ck_assert_int_eq(r, -EOVERFLOW);
        memcpy(&hb, guest_base + G2 + 0x700, 4);
        ck_assert_uint_gt(hb, 0);
        ck_assert_uint_le(hb, MAX_HANDLE_SZ_A64);
        ck_assert_int_eq(call2(sys_name_to_handle_at, (uint64_t)AT_FDCWD, tmp, G2 + 0x700, G2 + 0x800, 0), 0);
        /* mount id pointer outside the region */
        ck_assert_int_eq(call2(sys_name_to_handle_at, (uint64_t)AT_FDCWD, tmp, G2 + 0x700, 0x10, 0), -EFAULT);
    }
    hb = MAX_HANDLE_SZ_A64 + 1;
    memcpy(guest_base + G2 + 0x700, &hb, 4);
    ck_assert_int_eq(call2(sys_name_to_handle_at, (uint64_t)AT_FDCWD, tmp, G2 + 0x700, G2 + 0x800, 0), -EINVAL);
    ck_assert_int_eq(call2(sys_name_to_handle_at, (uint64_t)AT_FDCWD, tmp, 0x10, G2 + 0x800, 0), -EFAULT);
    ck_assert_int_eq(call2(sys_name_to_handle_at, (uint64_t)AT_FDCWD, tmp, G2 + 0x700, G2 + 0x800, 0x4000), -EINVAL);
    ck_assert_int_eq(call2(sys_open_by_handle_at, (uint64_t)AT_FDCWD, G2 + 0x700, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(call2(sys_open_by_handle_at, (uint64_t)AT_FDCWD, 0x10, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(call2(sys_open_by_handle_at, (uint64_t)AT_FDCWD, G2 + 0x700, 040000000, 0, 0), -EINVAL);
    g2_teardown();
}
END_TEST

Suite *suite_xlat_fs2(void)
{
    Suite *s = suite_create("xlat_fs2");
    TCase *t = tcase_create("layouts");
    tcase_add_test(t, test_statfs_xlat);
    tcase_add_test(t, test_open_how);
    tcase_add_test(t, test_flag_constants);
    suite_add_tcase(s, t);
    TCase *h = tcase_create("handlers");
    tcase_add_test(h, test_sys_openat2);
    tcase_add_test(h, test_sys_vmsplice_handles);
    suite_add_tcase(s, h);
    return s;
}

/* Guest memory system calls called directly (syscalls/mm.c): top-down
 * allocation below mem_mmap_top, hints, MAP_FIXED, MAP_FIXED_NOREPLACE,
 * munmap keeping the host reservation, flag rejection, mprotect, mremap, brk
 * and file mappings; the page table's whole-entry ranges and its bound on
 * host mapping splits (core/mem.c); the host mapping budget and the repair
 * of holes after a failed host call (core/hostmaps.c). Works in a window of
 * the region of its own (and [PT_LO, PT_HI) for the page table) and restores
 * mem_mmap_top, gproc's break and the budget afterwards. */
#include <check.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/hostmaps.h"
#include "core/mem.h"
#include "core/process.h"
#include "syscalls/abi_proc.h"
#include "syscalls/syscall.h"

#define PG 4096ull
#define WIN_LO 0x60000000ull /* the test window [WIN_LO, WIN_TOP) */
#define WIN_TOP 0x70000000ull
#define PT_LO 0x80000000ull /* four whole page-directory entries (256 MiB each) */
#define PT_HI 0xc0000000ull

static struct cpu tcpu;
static uint64_t saved_top;

static int64_t call6(int64_t (*fn)(struct cpu *, const uint64_t[6]), uint64_t a0, uint64_t a1,
                     uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    const uint64_t a[6] = {a0, a1, a2, a3, a4, a5};
    return fn(&tcpu, a);
}
#define MMAP(addr, len, prot, flags, fd, off) call6(sys_mmap, addr, len, prot, flags, (uint64_t)(fd), off)
#define MUNMAP(addr, len) call6(sys_munmap, addr, len, 0, 0, 0, 0)
#define MPROTECT(addr, len, prot) call6(sys_mprotect, addr, len, prot, 0, 0, 0)
#define ANON (MAP_PRIVATE_A64 | MAP_ANONYMOUS_A64)
#define RW (PROT_READ_A64 | PROT_WRITE_A64)

/* the host protection string ("rw-p", "---p") of the mapping holding host
 * address h, from /proc/self/maps; "" when h is not mapped at all */
static void host_perms(const void *h, char out[5])
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    out[0] = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[5];
        if (sscanf(line, "%lx-%lx %4s", &lo, &hi, perms) == 3 && (unsigned long)h >= lo &&
            (unsigned long)h < hi) {
            memcpy(out, perms, 5);
            break;
        }
    }
    if (f)
        fclose(f);
}

static void setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    saved_top = mem_mmap_top;
    mem_mmap_top = WIN_TOP;
    ck_assert_int_eq(MUNMAP(WIN_LO, WIN_TOP - WIN_LO), 0);
    ck_assert(mem_is_free(WIN_LO, WIN_TOP - WIN_LO));
}

static void teardown(void)
{
    MUNMAP(WIN_LO, WIN_TOP - WIN_LO);
    mem_mmap_top = saved_top;
}

START_TEST(test_mmap_topdown)
{
    int64_t a = MMAP(0, 3 * PG, RW, ANON, -1, 0);
    ck_assert_int_eq(a, WIN_TOP - 3 * PG);
    int64_t b = MMAP(0, 100, RW, ANON, -1, 0); /* length rounds up to a page */
    ck_assert_int_eq(b, a - PG);
    ck_assert(mem_page_flags(a) & PG_MAPPED);
    ck_assert(mem_page_flags(a + 2 * PG) & PG_W);
    ck_assert(!(mem_page_flags(a) & PG_X));
    memset(g2h(a), 0x5a, 3 * PG); /* really writable on the host */
    char p[5];
    host_perms(g2h(a), p);
    ck_assert_str_eq(p, "rw-p");
    /* PROT_EXEC is read on the host: guest code is decoded, never run */
    int64_t x = MMAP(0, PG, PROT_READ_A64 | PROT_EXEC_A64, ANON, -1, 0);
    ck_assert_int_eq(x, b - PG);
    ck_assert(mem_page_flags(x) & PG_X);
    host_perms(g2h(x), p);
    ck_assert_str_eq(p, "r--p");
    /* a tagged hint is untagged */
    ck_assert_int_eq(MUNMAP(0x0500000000000000ull | (uint64_t)x, PG), 0);
    ck_assert(mem_is_free(x, PG));
}
END_TEST

START_TEST(test_mmap_hint)
{
    uint64_t hint = WIN_LO + 0x100000;
    ck_assert_int_eq(MMAP(hint, 2 * PG, RW, ANON, -1, 0), hint);
    /* a busy hint is not an error: the range comes from the top */
    ck_assert_int_eq(MMAP(hint, PG, RW, ANON, -1, 0), WIN_TOP - PG);
    /* an unaligned hint is rounded down */
    ck_assert_int_eq(MMAP(hint + 0x10000 + 123, PG, RW, ANON, -1, 0), hint + 0x10000);
    /* below mmap_min_addr a hint is ignored */
    int64_t r = MMAP(0x1000, PG, RW, ANON, -1, 0);
    ck_assert_int_eq(r, WIN_TOP - 2 * PG);
}
END_TEST

START_TEST(test_mmap_fixed)
{
    uint64_t at = WIN_LO + 0x200000;
    ck_assert_int_eq(MMAP(at, 4 * PG, RW, ANON | MAP_FIXED_A64, -1, 0), at);
    memset(g2h(at), 0x11, 4 * PG);
    mem_mark_code(at + PG, PG);
    /* MAP_FIXED maps over: fresh zero pages, code mark dropped, new prot */
    ck_assert_int_eq(MMAP(at + PG, PG, PROT_READ_A64, ANON | MAP_FIXED_A64, -1, 0), at + PG);
    ck_assert_int_eq(((uint8_t *)g2h(at + PG))[10], 0);
    ck_assert_int_eq(((uint8_t *)g2h(at))[10], 0x11);
    ck_assert(!(mem_page_flags(at + PG) & PG_CODE));
    ck_assert(!(mem_page_flags(at + PG) & PG_W));
    ck_assert(mem_page_flags(at + 2 * PG) & PG_W);
    /* unaligned fixed address, below mmap_min_addr, beyond the region */
    ck_assert_int_eq(MMAP(at + 1, PG, RW, ANON | MAP_FIXED_A64, -1, 0), -EINVAL);
    ck_assert_int_eq(MMAP(0, PG, RW, ANON | MAP_FIXED_A64, -1, 0), -EPERM);
    ck_assert_int_eq(MMAP(guest_size - PG, 2 * PG, RW, ANON | MAP_FIXED_A64, -1, 0), -ENOMEM);
    /* NOREPLACE: busy -> EEXIST (also with MAP_FIXED), free -> mapped */
    ck_assert_int_eq(MMAP(at + 3 * PG, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE_A64, -1, 0), -EEXIST);
    ck_assert_int_eq(MMAP(at, PG, RW, ANON | MAP_FIXED_NOREPLACE_A64 | MAP_FIXED_A64, -1, 0), -EEXIST);
    ck_assert_int_eq(((uint8_t *)g2h(at))[10], 0x11); /* untouched */
    ck_assert_int_eq(MMAP(at + 4 * PG, 2 * PG, RW, ANON | MAP_FIXED_NOREPLACE_A64, -1, 0), at + 4 * PG);
}
END_TEST

START_TEST(test_munmap_keeps_reservation)
{
    int64_t a = MMAP(0, 4 * PG, RW, ANON, -1, 0);
    ck_assert_int_gt(a, 0);
    mem_mark_code(a + PG, PG);
    ck_assert_int_eq(MUNMAP(a + PG, 2 * PG), 0);
    ck_assert(mem_is_free(a + PG, 2 * PG));
    ck_assert(!mem_is_free(a, PG));
    ck_assert(!mem_is_free(a + 3 * PG, PG));
    ck_assert(!(mem_page_flags(a + PG) & PG_CODE));
    /* the host pages still exist, PROT_NONE: the reservation has no hole */
    char p[5];
    host_perms(g2h(a + PG), p);
    ck_assert_str_eq(p, "---p");
    ck_assert_int_eq(msync(g2h(a + PG), 2 * PG, MS_ASYNC), 0);
    /* errors: unaligned, zero length; unmapping free space is fine */
    ck_assert_int_eq(MUNMAP(a + 1, PG), -EINVAL);
    ck_assert_int_eq(MUNMAP(a, 0), -EINVAL);
    ck_assert_int_eq(MUNMAP(a + PG, PG), 0);
    /* beyond the region but inside the arm64 address space: nothing there */
    ck_assert_int_eq(MUNMAP(guest_size, PG), 0);
    /* the freed hole is reused, top-down */
    ck_assert_int_eq(MMAP(0, 2 * PG, RW, ANON, -1, 0), a + PG);
}
END_TEST

START_TEST(test_mmap_rejects)
{
    ck_assert_int_eq(MMAP(0, PG, RW | PROT_BTI_A64, ANON, -1, 0), -EINVAL);
    ck_assert_int_eq(MMAP(0, PG, RW | PROT_MTE_A64, ANON, -1, 0), -EINVAL);
    ck_assert_int_eq(MMAP(0, PG, RW | PROT_GROWSDOWN_A64, ANON, -1, 0), -EINVAL);
    ck_assert_int_eq(MMAP(0, PG, 0x8, ANON, -1, 0), -EINVAL);
    ck_assert_int_eq(MMAP(0, PG, RW, MAP_ANONYMOUS_A64, -1, 0), -EINVAL); /* no type */
    ck_assert_int_eq(MMAP(0, PG, RW, ANON | 0x40 /* x86's MAP_32BIT */, -1, 0), -EINVAL);
    ck_assert_int_eq(MMAP(0, PG, RW, ANON | MAP_HUGETLB_A64, -1, 0), -EINVAL);
    ck_assert_int_eq(MMAP(0, PG, RW, ANON | 0x200000, -1, 0), -EINVAL);
    ck_assert_int_eq(MMAP(0, 0, RW, ANON, -1, 0), -EINVAL);
    ck_assert_int_eq(MMAP(0, PG, RW, MAP_PRIVATE_A64, -1, 0), -EBADF);
    ck_assert_int_eq(MMAP(0, PG, RW, MAP_PRIVATE_A64, INT_MAX, 0), -EBADF); /* a pvm fd */
    ck_assert_int_eq(MMAP(0, PG, RW, MAP_PRIVATE_A64, 0, 123), -EINVAL);
    ck_assert_int_eq(MMAP(0, guest_size + PG, RW, ANON, -1, 0), -ENOMEM);
    ck_assert(mem_is_free(WIN_LO, WIN_TOP - WIN_LO));
    /* accepted no-effect flags */
    ck_assert_int_gt(MMAP(0, PG, RW, ANON | MAP_STACK_A64 | MAP_GROWSDOWN_A64 | MAP_NORESERVE_A64, -1, 0), 0);
}
END_TEST

START_TEST(test_mprotect)
{
    int64_t a = MMAP(0, 3 * PG, RW, ANON, -1, 0);
    ck_assert_int_eq(MPROTECT(a, PG, PROT_READ_A64), 0);
    ck_assert(!(mem_page_flags(a) & PG_W));
    ck_assert(mem_page_flags(a + PG) & PG_W);
    char p[5];
    host_perms(g2h(a), p);
    ck_assert_str_eq(p, "r--p");
    mem_mark_code(a + PG, PG);
    ck_assert_int_eq(MPROTECT(a + PG, 2 * PG, PROT_READ_A64 | PROT_EXEC_A64), 0);
    ck_assert(!(mem_page_flags(a + PG) & PG_CODE));
    ck_assert(mem_page_flags(a + 2 * PG) & PG_X);
    ck_assert_int_eq(MPROTECT(a, 3 * PG, 0), 0);
    ck_assert(mem_page_flags(a) & PG_MAPPED);
    ck_assert(!(mem_page_flags(a) & PG_R));
    /* unmapped pages in the range: ENOMEM; bad arguments: EINVAL */
    ck_assert_int_eq(MPROTECT(a - PG, 2 * PG, RW), -ENOMEM);
    ck_assert_int_eq(MPROTECT(a + 1, PG, RW), -EINVAL);
    ck_assert_int_eq(MPROTECT(a, PG, RW | PROT_BTI_A64), -EINVAL);
    ck_assert_int_eq(MPROTECT(a, 0, RW), 0);
    /* glibc's PROT_GROWSDOWN request changes the given range */
    ck_assert_int_eq(MPROTECT(a, PG, RW | PROT_GROWSDOWN_A64), 0);
    ck_assert(mem_page_flags(a) & PG_W);
}
END_TEST

START_TEST(test_mremap)
{
    uint64_t at = WIN_LO + 0x400000;
    ck_assert_int_eq(MMAP(at, 2 * PG, RW, ANON | MAP_FIXED_A64, -1, 0), at);
    memset(g2h(at), 0x33, 2 * PG);
    /* grow in place into free space */
    ck_assert_int_eq(call6(sys_mremap, at, 2 * PG, 4 * PG, 0, 0, 0), at);
    ck_assert(mem_page_flags(at + 3 * PG) & PG_W);
    ck_assert_int_eq(((uint8_t *)g2h(at + PG))[5], 0x33);
    /* blocked growth without MAYMOVE: ENOMEM; with it: moves, old range freed */
    ck_assert_int_eq(MMAP(at + 4 * PG, PG, RW, ANON | MAP_FIXED_A64, -1, 0), at + 4 * PG);
    ck_assert_int_eq(call6(sys_mremap, at, 4 * PG, 8 * PG, 0, 0, 0), -ENOMEM);
    int64_t n = call6(sys_mremap, at, 4 * PG, 8 * PG, MREMAP_MAYMOVE_A64, 0, 0);
    ck_assert_int_gt(n, 0);
    ck_assert_int_ne(n, at);
    ck_assert(mem_is_free(at, 4 * PG));
    ck_assert_int_eq(((uint8_t *)g2h(n + PG))[5], 0x33);
    char p[5];
    host_perms(g2h(at), p);
    ck_assert_str_eq(p, "---p");
    /* shrink */
    ck_assert_int_eq(call6(sys_mremap, n, 8 * PG, 2 * PG, 0, 0, 0), n);
    ck_assert(mem_is_free(n + 2 * PG, 6 * PG));
    /* MREMAP_FIXED */
    uint64_t dst = WIN_LO + 0x800000;
    ck_assert_int_eq(call6(sys_mremap, n, 2 * PG, 2 * PG, MREMAP_MAYMOVE_A64 | MREMAP_FIXED_A64, dst, 0), dst);
    ck_assert_int_eq(((uint8_t *)g2h(dst + PG))[5], 0x33);
    ck_assert(mem_is_free(n, 2 * PG));
    /* errors */
    ck_assert_int_eq(call6(sys_mremap, dst, 2 * PG, 2 * PG, MREMAP_FIXED_A64, dst, 0), -EINVAL);
    ck_assert_int_eq(call6(sys_mremap, dst, 2 * PG, 2 * PG, MREMAP_DONTUNMAP_A64 | 1, 0, 0), -EINVAL);
    ck_assert_int_eq(call6(sys_mremap, n, PG, 2 * PG, MREMAP_MAYMOVE_A64, 0, 0), -EFAULT);
}
END_TEST

START_TEST(test_brk)
{
    struct guest_proc saved = gproc;
    gproc.brk_start = gproc.brk_cur = WIN_LO + 0x1000000;
    uint64_t s = gproc.brk_start;
    ck_assert_int_eq(call6(sys_brk, 0, 0, 0, 0, 0, 0), s);
    ck_assert_int_eq(call6(sys_brk, s + 100, 0, 0, 0, 0, 0), s + 100);
    ck_assert(mem_page_flags(s) & PG_W);
    ((uint8_t *)g2h(s))[99] = 1;
    ck_assert_int_eq(call6(sys_brk, s + 5 * PG, 0, 0, 0, 0, 0), s + 5 * PG);
    ck_assert(mem_page_flags(s + 4 * PG) & PG_W);
    ck_assert(mem_is_free(s + 5 * PG, PG));
    /* shrink gives pages back */
    ck_assert_int_eq(call6(sys_brk, s + PG + 8, 0, 0, 0, 0, 0), s + PG + 8);
    ck_assert(mem_is_free(s + 2 * PG, 3 * PG));
    ck_assert(!mem_is_free(s + PG, PG));
    /* never over another mapping, never below the start: the old break */
    ck_assert_int_eq(MMAP(s + 8 * PG, PG, RW, ANON | MAP_FIXED_A64, -1, 0), s + 8 * PG);
    ck_assert_int_eq(call6(sys_brk, s + 10 * PG, 0, 0, 0, 0, 0), s + PG + 8);
    ck_assert_int_eq(call6(sys_brk, s - PG, 0, 0, 0, 0, 0), s + PG + 8);
    ck_assert_int_eq(call6(sys_brk, guest_size + PG, 0, 0, 0, 0, 0), s + PG + 8);
    ck_assert_int_eq(call6(sys_brk, s, 0, 0, 0, 0, 0), s);
    ck_assert(mem_is_free(s, 8 * PG));
    gproc = saved;
}
END_TEST

START_TEST(test_mmap_file)
{
    char path[] = "/tmp/pvm-test-mm-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    unlink(path);
    char buf[2 * PG];
    for (size_t i = 0; i < sizeof buf; i++)
        buf[i] = (char)(i * 3);
    ck_assert_int_eq(write(fd, buf, sizeof buf), (ssize_t)sizeof buf);
    int64_t a = MMAP(0, 2 * PG, PROT_READ_A64, MAP_PRIVATE_A64, fd, 0);
    ck_assert_int_gt(a, 0);
    ck_assert_int_eq(memcmp(g2h(a), buf, 2 * PG), 0);
    int64_t b = MMAP(0, PG, PROT_READ_A64, MAP_SHARED_A64, fd, PG);
    ck_assert_int_eq(memcmp(g2h(b), buf + PG, PG), 0);
    /* an error from the host (write access to a read-only fd) leaves no hole */
    int ro = open("/proc/self/exe", O_RDONLY);
    ck_assert_int_ge(ro, 0);
    uint64_t at = WIN_LO + 0x2000000;
    ck_assert_int_eq(MMAP(at, PG, RW, MAP_SHARED_A64 | MAP_FIXED_A64, ro, 0), -EACCES);
    char p[5];
    host_perms(g2h(at), p);
    ck_assert_str_eq(p, "---p");
    ck_assert(mem_is_free(at, PG));
    close(ro);
    close(fd);
}
END_TEST

START_TEST(test_madvise_misc)
{
    int64_t a = MMAP(0, 2 * PG, RW, ANON, -1, 0);
    memset(g2h(a), 7, 2 * PG);
    ck_assert_int_eq(call6(sys_madvise, a, 2 * PG, MADV_DONTNEED_A64, 0, 0, 0), 0);
    ck_assert_int_eq(((uint8_t *)g2h(a))[1], 0);
    ck_assert_int_eq(call6(sys_madvise, a, PG, 77, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(call6(sys_madvise, a - PG, 2 * PG, MADV_WILLNEED_A64, 0, 0, 0), -ENOMEM);
    ck_assert_int_eq(call6(sys_madvise, a, PG, MADV_HWPOISON_A64, 0, 0, 0), -EPERM);
    ck_assert_int_eq(call6(sys_madvise, a, PG, MADV_DONTFORK_A64, 0, 0, 0), 0);
    ck_assert_int_eq(call6(sys_msync, a, PG, MS_SYNC_A64, 0, 0, 0), 0);
    ck_assert_int_eq(call6(sys_msync, a, PG, MS_SYNC_A64 | MS_ASYNC_A64, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(call6(sys_msync, a - PG, PG, MS_SYNC_A64, 0, 0, 0), -ENOMEM);
    ck_assert_int_eq(call6(sys_mlockall, 0, 0, 0, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(call6(sys_mlockall, MCL_CURRENT_A64, 0, 0, 0, 0, 0), 0);
    ck_assert_int_eq(call6(sys_munlock, a + 5, 10, 0, 0, 0, 0), 0);
    ck_assert_int_eq(call6(sys_mlock, a - PG, PG, 0, 0, 0, 0), -ENOMEM);
}
END_TEST

START_TEST(test_pagetable_whole_entries)
{
    const uint64_t n = PT_HI - PT_LO, e2 = PT_LO + 0x10000000; /* the second entry */
    const uint8_t rw = mem_prot_flags(3);
    ck_assert(mem_is_free(PT_LO, n));
    mem_set_flags(PT_LO, n, rw);
    ck_assert(mem_is_mapped(PT_LO, n, PG_R | PG_W));
    ck_assert(!mem_is_mapped(PT_LO - PG, 2 * PG, 0));
    ck_assert(!mem_is_free(PT_HI - PG, PG));
    ck_assert_uint_eq(mem_page_flags(PT_LO + n / 2 + 5 * PG), rw);
    /* a partial change inside an entry keeps the rest of the entry */
    mem_set_flags(e2 + 5 * PG, PG, mem_prot_flags(1));
    ck_assert_uint_eq(mem_page_flags(e2 + 5 * PG), PG_MAPPED | PG_R);
    ck_assert_uint_eq(mem_page_flags(e2 + 4 * PG), rw);
    ck_assert_uint_eq(mem_page_flags(e2 + 6 * PG), rw);
    ck_assert_uint_eq(mem_page_flags(e2 - PG), rw);
    ck_assert(!mem_is_mapped(PT_LO, n, PG_W));
    ck_assert(mem_is_mapped(PT_LO, n, PG_R));
    /* free-range search skips mapped entries as a whole */
    ck_assert_uint_eq(mem_find_free(PG, PT_HI), PT_LO - PG);
    /* a code mark survives a protection change of whole entries; take clears it */
    mem_mark_code(PT_LO + 0x20000000 + 3 * PG, PG);
    mem_set_flags(PT_LO, n, mem_prot_flags(5));
    ck_assert_uint_eq(mem_page_flags(PT_LO + 0x20000000 + 3 * PG),
                      PG_MAPPED | PG_R | PG_X | PG_CODE);
    ck_assert_uint_eq(mem_page_flags(PT_LO + 0x20000000 + 4 * PG), PG_MAPPED | PG_R | PG_X);
    ck_assert_uint_eq(mem_page_flags(e2 + 5 * PG), PG_MAPPED | PG_R | PG_X);
    ck_assert(mem_take_code(PT_LO, n));
    ck_assert(!mem_take_code(PT_LO, n));
    mem_set_flags(PT_LO, n, 0);
    ck_assert(mem_is_free(PT_LO, n));
    /* ranges past the region's end are clamped, never touched */
    mem_set_flags(guest_size - PG, 4 * PG, 0);
    ck_assert(!mem_is_free(guest_size - PG, 2 * PG));
    ck_assert(!mem_is_mapped(guest_size, PG, 0));
}
END_TEST

START_TEST(test_pagetable_delta_bound)
{
    uint64_t at = WIN_LO + 0x100000;
    ck_assert_int_eq(MMAP(at, 6 * PG, RW, ANON | MAP_FIXED_A64, -1, 0), at);
    /* a whole mapping between reservations: replaced without a split */
    ck_assert_int_eq(mem_map_delta_bound(at, 6 * PG, true), 0);
    /* one page inside it: a split at each end */
    ck_assert_int_eq(mem_map_delta_bound(at + 2 * PG, PG, true), 2);
    ck_assert_int_eq(mem_map_delta_bound(at + 2 * PG, PG, false), 2);
    ck_assert_int_eq(mem_map_delta_bound(at, PG, false), 1);
    for (int i = 1; i < 6; i += 2)
        ck_assert_int_eq(MPROTECT(at + i * PG, PG, PROT_READ_A64), 0);
    /* six mappings go, one comes */
    ck_assert_int_eq(mem_map_delta_bound(at, 6 * PG, true), -5);
    /* with a page of reservation each side: two splits, eight runs */
    ck_assert_int_eq(mem_map_delta_bound(at - PG, 8 * PG, true), -5);
    ck_assert_int_eq(mem_map_delta_bound(at + PG, PG, false), 0);
}
END_TEST

/* lines of the host's /proc/self/maps */
static long host_maps_count(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    long n = 0;
    int ch;
    while (f && (ch = getc(f)) != EOF)
        n += ch == '\n';
    if (f)
        fclose(f);
    return n;
}

START_TEST(test_budget_enomem)
{
    /* a break with a mapping of the same protection right after it */
    struct guest_proc saved = gproc;
    uint64_t s = gproc.brk_start = gproc.brk_cur = WIN_LO + 0x1000000;
    ck_assert_int_eq(call6(sys_brk, s + 4 * PG, 0, 0, 0, 0, 0), s + 4 * PG);
    ck_assert_int_eq(MMAP(s + 4 * PG, PG, RW, ANON | MAP_FIXED_A64, -1, 0), s + 4 * PG);
    hostmaps_set_limit(host_maps_count() + 20);
    int64_t a = MMAP(0, 64 * PG, 0, ANON, -1, 0);
    ck_assert_int_gt(a, 0);
    /* mprotect every other page: ENOMEM near the limit, not a host failure */
    int64_t e = 0;
    int i;
    for (i = 1; i < 63 && !e; i += 2)
        e = MPROTECT(a + i * PG, PG, PROT_READ_A64);
    ck_assert_int_eq(e, -ENOMEM);
    ck_assert_int_lt(i, 40);
    ck_assert(!(mem_page_flags(a + (i - 2) * PG) & PG_R));
    /* munmap of one page inside a mapping would split it: ENOMEM, nothing changed */
    ck_assert_int_eq(MUNMAP(a + 60 * PG, PG), -ENOMEM);
    ck_assert(mem_page_flags(a + 60 * PG) & PG_MAPPED);
    ck_assert_int_eq(MMAP(0, PG, RW, ANON, -1, 0), -ENOMEM);
    /* so would shrinking with mremap or brk: ENOMEM, the old break */
    ck_assert_int_eq(call6(sys_mremap, a, 64 * PG, 62 * PG, 0, 0, 0), -ENOMEM);
    ck_assert(mem_page_flags(a + 63 * PG) & PG_MAPPED);
    ck_assert_int_eq(call6(sys_brk, s + PG, 0, 0, 0, 0, 0), s + 4 * PG);
    ck_assert(mem_page_flags(s + 3 * PG) & PG_W);
    /* unmapping it all frees mappings: allowed at the limit */
    ck_assert_int_eq(MUNMAP(a, 64 * PG), 0);
    ck_assert(mem_is_free(a, 64 * PG));
    char p[5];
    host_perms(g2h(a + 60 * PG), p);
    ck_assert_str_eq(p, "---p");
    ck_assert_int_gt(MMAP(0, PG, RW, ANON, -1, 0), 0);
    ck_assert_int_eq(call6(sys_brk, s, 0, 0, 0, 0, 0), s);
    hostmaps_set_limit(0);
    gproc = saved;
}
END_TEST

START_TEST(test_repair_holes)
{
    uint64_t at = WIN_LO + 0x3000000;
    ck_assert_int_eq(MMAP(at, 5 * PG, RW, ANON | MAP_FIXED_A64, -1, 0), at);
    memset(g2h(at), 0x77, 5 * PG);
    struct hostmaps_range h[4];
    ck_assert_int_eq(hostmaps_holes(at - PG, 7 * PG, h, 4), 0);
    /* the host loses two pages behind pvm's back, as a failed MAP_FIXED may */
    ck_assert_int_eq(munmap(g2h(at + PG), PG), 0);
    ck_assert_int_eq(munmap(g2h(at + 3 * PG), PG), 0);
    ck_assert_int_eq(hostmaps_holes(at - PG, 7 * PG, h, 4), 2);
    ck_assert_uint_eq(h[0].ga, at + PG);
    ck_assert_uint_eq(h[0].len, PG);
    ck_assert_uint_eq(h[1].ga, at + 3 * PG);
    ck_assert_int_eq(hostmaps_holes(at - PG, 7 * PG, h, 1), 1);
    ck_assert_int_eq(hostmaps_holes(at + 3 * PG, PG, h, 4), 1);
    /* a failing host mmap over the range: the holes are reserved again and
     * unmapped for the guest, the rest is kept */
    int ro = open("/proc/self/exe", O_RDONLY);
    ck_assert_int_ge(ro, 0);
    ck_assert_int_eq(MMAP(at, 5 * PG, RW, MAP_SHARED_A64 | MAP_FIXED_A64, ro, 0), -EACCES);
    close(ro);
    ck_assert_int_eq(hostmaps_holes(at - PG, 7 * PG, h, 4), 0);
    char p[5];
    host_perms(g2h(at + PG), p);
    ck_assert_str_eq(p, "---p");
    ck_assert(mem_is_free(at + PG, PG));
    ck_assert(mem_is_free(at + 3 * PG, PG));
    ck_assert(mem_page_flags(at + 2 * PG) & PG_W);
    ck_assert_int_eq(((uint8_t *)g2h(at + 2 * PG))[9], 0x77);
    ck_assert_int_eq(((uint8_t *)g2h(at + 4 * PG))[9], 0x77);
}
END_TEST

/* the same holes found without /proc/self/maps (a root without /proc):
 * by trying to map, which leaves each hole reserved */
START_TEST(test_repair_holes_probe)
{
    uint64_t at = WIN_LO + 0x3400000;
    ck_assert_int_eq(MMAP(at, 9 * PG, RW, ANON | MAP_FIXED_A64, -1, 0), at);
    memset(g2h(at), 0x55, 9 * PG);
    struct hostmaps_range h[4];
    ck_assert_int_eq(hostmaps_holes_by_probe(at - PG, 11 * PG, h, 4), 0);
    ck_assert_int_eq(munmap(g2h(at + PG), PG), 0);
    ck_assert_int_eq(munmap(g2h(at + 4 * PG), 3 * PG), 0);
    /* max 1: the first hole only, the second still unmapped */
    ck_assert_int_eq(hostmaps_holes_by_probe(at - PG, 11 * PG, h, 1), 1);
    ck_assert_uint_eq(h[0].ga, at + PG);
    ck_assert_uint_eq(h[0].len, PG);
    char p[5];
    host_perms(g2h(at + PG), p);
    ck_assert_str_eq(p, "---p");
    ck_assert_int_eq(hostmaps_holes_by_probe(at - PG, 11 * PG, h, 4), 1);
    ck_assert_uint_eq(h[0].ga, at + 4 * PG);
    ck_assert_uint_eq(h[0].len, 3 * PG);
    host_perms(g2h(at + 5 * PG), p);
    ck_assert_str_eq(p, "---p");
    /* filled: none left, and the guest's pages around them are untouched */
    ck_assert_int_eq(hostmaps_holes_by_probe(at - PG, 11 * PG, h, 4), 0);
    ck_assert_int_eq(((uint8_t *)g2h(at + 3 * PG))[9], 0x55);
    ck_assert_int_eq(((uint8_t *)g2h(at + 8 * PG))[9], 0x55);
    ck_assert_int_eq(MUNMAP(at, 9 * PG), 0);
}
END_TEST

Suite *suite_mm(void)
{
    Suite *s = suite_create("mm");
    TCase *t = tcase_create("syscalls");
    tcase_add_checked_fixture(t, setup, teardown);
    tcase_add_test(t, test_mmap_topdown);
    tcase_add_test(t, test_mmap_hint);
    tcase_add_test(t, test_mmap_fixed);
    tcase_add_test(t, test_munmap_keeps_reservation);
    tcase_add_test(t, test_mmap_rejects);
    tcase_add_test(t, test_mprotect);
    tcase_add_test(t, test_mremap);
    tcase_add_test(t, test_brk);
    tcase_add_test(t, test_mmap_file);
    tcase_add_test(t, test_madvise_misc);
    tcase_add_test(t, test_pagetable_whole_entries);
    tcase_add_test(t, test_pagetable_delta_bound);
    tcase_add_test(t, test_budget_enomem);
    tcase_add_test(t, test_repair_holes);
    tcase_add_test(t, test_repair_holes_probe);
    suite_add_tcase(s, t);
    return s;
}

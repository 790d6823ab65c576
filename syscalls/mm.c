/* Guest memory system calls: mmap, munmap, mprotect, mremap, brk and the
 * advisory calls. Invariants: every guest mapping lies inside the reserved
 * region and is made with MAP_FIXED at g2h(addr); a guest unmap never gives
 * address space back to the host (the range is re-reserved PROT_NONE); page
 * flags follow every change; predecoded code over a changed range is
 * invalidated before the change. */
#include <errno.h>
#include <sys/mman.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/process.h"
#include "interp/block.h"
#include "syscalls/abi_proc.h"
#include "syscalls/fdtab.h"
#include "syscalls/syscall.h"

static inline uint64_t page_up(uint64_t v) { return (v + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK; }

/* true when [ga, ga+len) is page-aligned at ga and inside the region */
static bool mm_range_valid(uint64_t ga, uint64_t len)
{
    return !(ga & GUEST_PAGE_MASK) && len && ga < guest_size && guest_size - ga >= len;
}

static bool mm_all_mapped(uint64_t ga, uint64_t len)
{
    for (uint64_t p = ga; p < ga + len; p += GUEST_PAGE)
        if (!(mem_page_flags(p) & PG_MAPPED))
            return false;
    return true;
}

/* Gives [ga, ga+len) back to the reservation. */
static void mm_reserve(uint64_t ga, uint64_t len)
{
    block_invalidate(ga, len);
    void *p = mmap(g2h(ga), len, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    PVM_ASSERT(p != MAP_FAILED, "cannot re-reserve guest range");
    mem_set_flags(ga, len, 0);
}

static void mm_log(const char *what, uint64_t ga, uint64_t len, int prot)
{
    if (log_on(DBG_mmap))
        log_printf("mmap: %s 0x%llx-0x%llx %c%c%c\n", what, (unsigned long long)ga,
                   (unsigned long long)(ga + len), prot & 1 ? 'r' : '-', prot & 2 ? 'w' : '-',
                   prot & 4 ? 'x' : '-');
}

int64_t sys_mmap(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]), len = a[1], off = a[5];
    int prot = (int)a[2], hflags, fd = (int)a[4];
    if (!len || (off & GUEST_PAGE_MASK) || (a[2] & ~(uint64_t)PROT_KNOWN_A64))
        return -EINVAL;
    if (!xlat_mmap_flags(a[3], &hflags))
        return -EINVAL;
    if (len > guest_size)
        return -ENOMEM;
    len = page_up(len);
    bool anon = a[3] & MAP_ANONYMOUS_A64;
    if (anon)
        fd = -1;
    else if (fd < 0 || fd_is_pvm(fd))
        return -EBADF;
    if (a[3] & (MAP_FIXED_A64 | MAP_FIXED_NOREPLACE_A64)) {
        if (!mm_range_valid(addr, len))
            return (addr & GUEST_PAGE_MASK) ? -EINVAL : -ENOMEM;
        if ((a[3] & MAP_FIXED_NOREPLACE_A64) && !(a[3] & MAP_FIXED_A64) && !mem_is_free(addr, len))
            return -EEXIST;
        block_invalidate(addr, len);
    } else {
        addr &= ~GUEST_PAGE_MASK;
        if (!addr || !mem_is_free(addr, len))
            addr = mem_find_free(len, mem_mmap_top);
        if (!addr)
            return -ENOMEM;
    }
    void *p = mmap(g2h(addr), len, mem_host_prot(prot), hflags | MAP_FIXED, fd, (off_t)off);
    if (p == MAP_FAILED)
        return -errno;
    mem_set_flags(addr, len, mem_prot_flags(prot));
    mm_log(anon ? "anon" : "file", addr, len, prot);
    return (int64_t)addr;
}

int64_t sys_munmap(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]), len = page_up(a[1]);
    if (!mm_range_valid(addr, len))
        return -EINVAL;
    mm_reserve(addr, len);
    mm_log("unmap", addr, len, 0);
    return 0;
}

int64_t sys_mprotect(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]), len = page_up(a[1]);
    int prot = (int)a[2];
    if ((addr & GUEST_PAGE_MASK) || (a[2] & ~(uint64_t)PROT_KNOWN_A64))
        return -EINVAL;
    if (!len)
        return 0;
    if (!mm_range_valid(addr, len) || !mm_all_mapped(addr, len))
        return -ENOMEM;
    block_invalidate(addr, len);
    if (mprotect(g2h(addr), len, mem_host_prot(prot)) != 0)
        return -errno;
    mem_set_flags(addr, len, mem_prot_flags(prot));
    mm_log("protect", addr, len, prot);
    return 0;
}

static int page_prot(uint64_t ga)
{
    uint8_t f = mem_page_flags(ga);
    return (f & PG_R ? 1 : 0) | (f & PG_W ? 2 : 0) | (f & PG_X ? 4 : 0);
}

int64_t sys_mremap(struct cpu *c, const uint64_t a[6])
{
    uint64_t old = mem_untag(a[0]), old_len = page_up(a[1]), new_len = page_up(a[2]);
    uint64_t flags = a[3], want = mem_untag(a[4]);
    if ((flags & ~(uint64_t)(MREMAP_MAYMOVE_A64 | MREMAP_FIXED_A64)) || !new_len ||
        ((flags & MREMAP_FIXED_A64) && !(flags & MREMAP_MAYMOVE_A64)))
        return -EINVAL; /* MREMAP_DONTUNMAP is not supported */
    if (!mm_range_valid(old, old_len ? old_len : GUEST_PAGE) || !old_len)
        return -EINVAL;
    if (new_len > guest_size)
        return -ENOMEM;
    if (!mm_all_mapped(old, old_len))
        return -EFAULT;
    int prot = page_prot(old);
    if (!(flags & MREMAP_FIXED_A64)) {
        if (new_len <= old_len) {
            if (new_len < old_len)
                mm_reserve(old + new_len, old_len - new_len);
            return (int64_t)old;
        }
        if (mm_range_valid(old + old_len, new_len - old_len) &&
            mem_is_free(old + old_len, new_len - old_len)) {
            /* grow in place: free the host reservation after it, then extend */
            munmap(g2h(old + old_len), new_len - old_len);
            void *p = mremap(g2h(old), old_len, new_len, 0);
            if (p == MAP_FAILED) {
                int e = errno;
                mm_reserve(old + old_len, new_len - old_len);
                return -e;
            }
            mem_set_flags(old + old_len, new_len - old_len, mem_prot_flags(prot));
            return (int64_t)old;
        }
        if (!(flags & MREMAP_MAYMOVE_A64))
            return -ENOMEM;
        want = mem_find_free(new_len, mem_mmap_top);
        if (!want)
            return -ENOMEM;
    } else {
        if (!mm_range_valid(want, new_len))
            return -EINVAL;
        if (want < old + old_len && old < want + new_len)
            return -EINVAL;
        block_invalidate(want, new_len);
    }
    block_invalidate(old, old_len);
    void *p = mremap(g2h(old), old_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(want));
    if (p == MAP_FAILED)
        return -errno;
    mm_reserve(old, old_len);
    mem_set_flags(want, new_len, mem_prot_flags(prot));
    mm_log("remap", want, new_len, prot);
    return (int64_t)want;
}

int64_t sys_brk(struct cpu *c, const uint64_t a[6])
{
    uint64_t want = mem_untag(a[0]);
    uint64_t cur = gproc.brk_cur;
    if (!want || want < gproc.brk_start || want >= guest_size)
        return (int64_t)cur;
    uint64_t have_end = page_up(cur), want_end = page_up(want);
    if (want_end > have_end) {
        uint64_t n = want_end - have_end;
        if (!mem_is_free(have_end, n))
            return (int64_t)cur;
        void *p = mmap(g2h(have_end), n, PROT_READ | PROT_WRITE,
                       MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            return (int64_t)cur;
        mem_set_flags(have_end, n, mem_prot_flags(3));
    } else if (want_end < have_end) {
        mm_reserve(want_end, have_end - want_end);
    }
    gproc.brk_cur = want;
    return (int64_t)want;
}

static bool advice_known(int64_t adv)
{
    return (adv >= 0 && adv <= 4) || (adv >= 8 && adv <= 23) || (adv >= 100 && adv <= 101);
}

int64_t sys_madvise(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]), len = page_up(a[1]);
    if ((addr & GUEST_PAGE_MASK) || !advice_known((int64_t)a[2]))
        return -EINVAL;
    if (!len)
        return 0;
    if (!mm_range_valid(addr, len))
        return -ENOMEM;
    if ((a[2] == MADV_DONTNEED || a[2] == MADV_FREE || a[2] == MADV_REMOVE) &&
        !mm_all_mapped(addr, len))
        return -ENOMEM;
    return sys_ret(madvise(g2h(addr), len, (int)a[2]));
}

int64_t sys_msync(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]), len = page_up(a[1]);
    if ((addr & GUEST_PAGE_MASK) || (a[2] & ~(uint64_t)(MS_ASYNC | MS_SYNC | MS_INVALIDATE)))
        return -EINVAL;
    if (!len)
        return 0;
    if (!mm_range_valid(addr, len) || !mm_all_mapped(addr, len))
        return -ENOMEM;
    return sys_ret(msync(g2h(addr), len, (int)a[2]));
}

static int64_t mm_lock_range(uint64_t ga, uint64_t len, bool lock)
{
    uint64_t addr = mem_untag(ga) & ~GUEST_PAGE_MASK;
    len = page_up(len + (mem_untag(ga) & GUEST_PAGE_MASK));
    if (!len)
        return 0;
    if (!mm_range_valid(addr, len) || !mm_all_mapped(addr, len))
        return -ENOMEM;
    return sys_ret(lock ? mlock(g2h(addr), len) : munlock(g2h(addr), len));
}

int64_t sys_mlock(struct cpu *c, const uint64_t a[6]) { return mm_lock_range(a[0], a[1], true); }
int64_t sys_munlock(struct cpu *c, const uint64_t a[6]) { return mm_lock_range(a[0], a[1], false); }

int64_t sys_mlockall(struct cpu *c, const uint64_t a[6])
{
    if (!a[0] || (a[0] & ~(uint64_t)(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)))
        return -EINVAL;
    /* locking pvm's whole reservation is not what the guest asked for */
    return 0;
}

int64_t sys_munlockall(struct cpu *c, const uint64_t a[6]) { return sys_ret(munlockall()); }

int64_t sys_mincore(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]), len = page_up(a[1]);
    if (addr & GUEST_PAGE_MASK)
        return -EINVAL;
    if (!len)
        return 0;
    if (!mm_range_valid(addr, len) || !mm_all_mapped(addr, len))
        return -ENOMEM;
    if (!mem_range_ok(a[2], len / GUEST_PAGE))
        return -EFAULT;
    return sys_ret(mincore(g2h(addr), len, g2h(a[2])));
}

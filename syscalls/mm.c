/* Guest memory system calls: mmap, munmap, mprotect, mremap, brk and the
 * advisory calls. Invariants:
 * - every guest mapping lies inside the reserved region, at g2h(addr);
 * - no page of the region is ever without a host mapping, not even for the
 *   duration of a call, since another thread's host mmap (pvm's own malloc
 *   included) could land there and the guest would then reach pvm's memory:
 *   a new mapping replaces what was there in one MAP_FIXED mmap, or, when
 *   the host might refuse its commit charge after removing the old pages,
 *   is made outside the region and moved in with one MREMAP_FIXED
 *   (mm_map_into); an unmap is one MAP_FIXED PROT_NONE reservation over the
 *   range (mm_reserve); mremap moves a mapping out with MREMAP_DONTUNMAP,
 *   which leaves a twin in the old range, grows it outside and moves it in
 *   (mm_move); after a failed host call whatever the host lost is
 *   re-reserved (mm_repair);
 * - every call that changes the guest's mappings runs under the mm lock
 *   (core/mem.h), so the range it picked or checked is still so when it maps,
 *   and the host mapping budget (core/hostmaps.h) is counted under it too;
 * - page flags follow every change; decoded code over a changed range is
 *   invalidated after the host change and the flags, before the call returns
 *   (a thread already inside a block of those pages finishes that block, as a
 *   CPU finishes what it fetched before the change);
 * - every host call that can add host mappings is first allowed by the
 *   budget, else the guest gets -ENOMEM with nothing changed.
 * No path takes time in proportion to the bytes of the range. Also
 * memfd_create and membarrier. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include <unistd.h>

#include "core/guestmaps.h"
#include "core/hostmaps.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/process.h"
#include "interp/block.h"
#include "syscalls/abi_misc.h"
#include "syscalls/abi_proc.h"
#include "syscalls/fdtab.h"
#include "syscalls/ipc_shm.h"
#include "syscalls/mm.h"
#include "syscalls/syscall.h"

static inline uint64_t page_up(uint64_t v) { return (v + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK; }

/* true when [ga, ga+len) is page-aligned at ga and inside the region */
static bool mm_range_valid(uint64_t ga, uint64_t len)
{
    return !(ga & GUEST_PAGE_MASK) && len && ga < guest_size && guest_size - ga >= len;
}

static bool mm_all_mapped(uint64_t ga, uint64_t len) { return mem_is_mapped(ga, len, 0); }

/* The page-rounded length of a (page-aligned addr, guest length) range that
 * madvise/msync/mincore act on: 0 with *len == 0 for an empty range, -ENOMEM
 * unless the whole range is inside the region and mapped. */
static int64_t mm_mapped_len(uint64_t addr, uint64_t glen, uint64_t *len)
{
    *len = 0;
    if (glen > guest_size)
        return -ENOMEM;
    uint64_t n = page_up(glen);
    if (n && (!mm_range_valid(addr, n) || !mm_all_mapped(addr, n)))
        return -ENOMEM;
    *len = n;
    return 0;
}

/* The host half of a re-reservation: [ga, ga+len) becomes PROT_NONE
 * reservation again, in one step (MAP_FIXED replaces what is there); false
 * (errno set) when the host refuses. */
static bool mm_host_reserve(uint64_t ga, uint64_t len)
{
    return mmap(g2h(ga), len, PROT_NONE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                -1, 0) != MAP_FAILED;
}

static _Noreturn void mm_lost(uint64_t ga, uint64_t len, const char *what)
{
    log_fatal("cannot %s guest range 0x%llx-0x%llx: %s", what, (unsigned long long)ga,
              (unsigned long long)(ga + len), strerror(errno));
}

#define MM_HOLES 32

/* After a failed host call over [ga, ga+len): the kernel may already have
 * removed some of the old pages (Linux 6.1 unmaps before it checks the
 * commit charge). Every part of the range that no longer exists on the host
 * is re-reserved (and unmapped for the guest), so the region keeps no hole
 * the host could fill with pvm's own data. A range the guest had nothing in
 * (was_free) is re-reserved whole; else the holes come from the host's
 * list, so the cost grows with the number of host mappings, not with len.
 * Only when the host refuses a PROT_NONE reservation inside the budget
 * (pvm's own reserve spent, or no kernel memory) is the invariant lost:
 * fatal. The caller invalidates decoded code afterwards. */
void mm_repair(uint64_t ga, uint64_t len, bool was_free)
{
    if (was_free && mm_host_reserve(ga, len)) {
        mem_set_flags(ga, len, 0);
        ipc_shm_unmapped(ga, len);
        return;
    }
    struct hostmaps_range h[MM_HOLES];
    int n;
    do {
        n = hostmaps_holes(ga, len, h, MM_HOLES);
        if (n < 0) { /* no list to go by: the whole range */
            h[0] = (struct hostmaps_range){ga, len};
            n = 1;
        }
        for (int i = 0; i < n; i++) {
            if (!mm_host_reserve(h[i].ga, h[i].len))
                mm_lost(h[i].ga, h[i].len, "keep reserved");
            mem_set_flags(h[i].ga, h[i].len, 0);
            ipc_shm_unmapped(h[i].ga, h[i].len);
        }
    } while (n == MM_HOLES);
}

/* Gives [ga, ga+len) back to the reservation: 0, or -ENOMEM (the host's
 * mapping budget is spent; nothing changed) or the host's errno (then only
 * the parts the host lost are unmapped for the guest). */
int mm_reserve(uint64_t ga, uint64_t len)
{
    if (!hostmaps_allow(ga, len, true))
        return -ENOMEM;
    int e = 0;
    if (mm_host_reserve(ga, len)) {
        mem_set_flags(ga, len, 0);
        ipc_shm_unmapped(ga, len);
    } else {
        e = -errno;
        mm_repair(ga, len, false);
    }
    block_invalidate(ga, len);
    return e;
}

/* true when the host may refuse a mapping of len bytes for its commit
 * charge: a private writable or a shared anonymous mapping, without
 * MAP_NORESERVE (which mode 2 ignores), under vm.overcommit_memory 2, or
 * in mode 0 when it is near the size of RAM + swap (the only refusal of
 * mode 0's heuristic). The mode and the sizes are read once. */
static bool mm_charge_may_fail(uint64_t len, int hprot, int hflags)
{
    static int mode = -1;
    static uint64_t total;
    if (mode < 0) {
        mode = 0;
        int fd = open("/proc/sys/vm/overcommit_memory", O_RDONLY | O_CLOEXEC);
        char b[8];
        if (fd >= 0) {
            if (read(fd, b, 1) == 1 && b[0] >= '0' && b[0] <= '2')
                mode = b[0] - '0';
            close(fd);
        }
        struct sysinfo si;
        if (sysinfo(&si) == 0)
            total = ((uint64_t)si.totalram + si.totalswap) * si.mem_unit;
    }
    if (mode == 1)
        return false;
    bool noreserve = (hflags & MAP_NORESERVE) && mode != 2;
    bool shared = (hflags & MAP_TYPE) != MAP_PRIVATE;
    bool charged = shared ? (hflags & MAP_ANONYMOUS) && !noreserve
                          : (hprot & PROT_WRITE) && !noreserve;
    return charged && (mode == 2 || len >= total / 2);
}

/* Makes [ga, ga+len) a new host mapping (prot, flags without MAP_FIXED, fd,
 * off as for mmap) in place of what is there, in one step: a MAP_FIXED mmap
 * replaces the old pages as it maps (so the host merges it with its
 * neighbours as Linux merges the guest's: one [heap] for brk, adjacent
 * anonymous mappings in one). Linux before 6.12 removes the old pages
 * before it checks the commit charge, and a refused charge then leaves a
 * hole; so a mapping whose charge may be refused (mm_charge_may_fail) is
 * made outside the region first (the host cannot place it inside: all of
 * the region is mapped) and moved in by one mremap whose MREMAP_FIXED
 * replaces the old pages in the same step: refused, it leaves the region
 * untouched. 0 or -errno; after a failed host call whatever the host lost
 * is re-reserved (mm_repair). Page flags and decoded code are the
 * caller's. */
static int mm_map_into(uint64_t ga, uint64_t len, int hprot, int hflags, int fd, off_t off,
                       bool was_free)
{
    if (mm_charge_may_fail(len, hprot, hflags)) {
        void *p = mmap(NULL, len, hprot, hflags, fd, off);
        if (p == MAP_FAILED)
            return -errno;
        if (mremap(p, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(ga)) != MAP_FAILED)
            return 0;
        int e = errno;
        munmap(p, len);
        if (e != EINVAL && e != EFAULT) {
            mm_repair(ga, len, was_free);
            return -e;
        }
        /* a mapping the host will not move: mapped in place */
    }
    if (mmap(g2h(ga), len, hprot, hflags | MAP_FIXED, fd, off) != MAP_FAILED)
        return 0;
    int e = errno;
    mm_repair(ga, len, was_free);
    return -e;
}

/* Puts a mapping that mm_move took out of the region (h, hlen bytes) back at
 * src as len bytes, over its twin there. A same-size move into an existing
 * mapping fails only when the kernel is out of memory: the guest's memory
 * would be lost, so that is fatal. */
static void mm_move_back(void *h, uint64_t hlen, uint64_t src, uint64_t len)
{
    if (mremap(h, hlen, len, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(src)) == MAP_FAILED)
        mm_lost(src, len, "move back");
}

/* Moves the host mapping at [src, src+len) to [dst, dst+new_len), new_len >=
 * len; dst == src grows it in place, else the ranges do not overlap. The
 * kernel grows a mapping only into unmapped address space and leaves a
 * move's source unmapped, so neither is done inside the region: the mapping
 * leaves it with MREMAP_DONTUNMAP (src keeps an empty twin of it: private
 * pages read as zero there until the call returns), grows outside, and moves
 * in over dst with one MREMAP_FIXED; a twin outside dst becomes reservation
 * with one MAP_FIXED. Returns 0; -errno with nothing changed (and dst
 * repaired when the kernel failed after removing it); or 1 when the host
 * cannot move the mapping so (MREMAP_DONTUNMAP needs Linux 5.7, and 5.13
 * for anything but private anonymous memory). */
static int mm_move(uint64_t src, uint64_t len, uint64_t dst, uint64_t new_len, bool dst_free)
{
    void *p = mremap(g2h(src), len, len, MREMAP_MAYMOVE | MREMAP_DONTUNMAP, NULL);
    if (p == MAP_FAILED)
        return errno == EINVAL ? 1 : -errno;
    void *q = p;
    if (new_len > len && (q = mremap(p, len, new_len, MREMAP_MAYMOVE, NULL)) == MAP_FAILED) {
        int e = errno;
        mm_move_back(p, len, src, len);
        return -e;
    }
    if (mremap(q, new_len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(dst)) == MAP_FAILED) {
        int e = errno;
        mm_move_back(q, new_len, src, len);
        if (dst != src)
            mm_repair(dst, new_len, dst_free);
        else
            mm_repair(src + len, new_len - len, true);
        return -e;
    }
    if (dst != src && !mm_host_reserve(src, len))
        mm_lost(src, len, "keep reserved");
    return 0;
}

void mm_log(const char *what, uint64_t ga, uint64_t len, int prot)
{
    if (log_on(DBG_mmap))
        log_printf("mmap: %s 0x%llx-0x%llx %c%c%c\n", what, (unsigned long long)ga,
                   (unsigned long long)(ga + len), prot & 1 ? 'r' : '-', prot & 2 ? 'w' : '-',
                   prot & 4 ? 'x' : '-');
}

/* the part of mmap that picks the range and maps it, under the mm lock */
/* Large writable private anonymous mappings (malloc's big blocks: the
 * dictionaries and hash tables of compressors, interpreters' heaps) are
 * backed by transparent huge pages where the host allows them on request
 * (THP "madvise", Debian's default): the guest's random accesses over
 * them then miss the TLB far less. The hint is the host's business only:
 * the guest sees the same memory, and small, read-only, shared and
 * PROT_NONE reservations (thread arenas grown by mprotect) keep base pages,
 * so small programs' RSS does not grow. */
#define MM_HUGE_MIN (4ull << 20)
static void mm_huge_hint(uint64_t ga, uint64_t len, int prot, int hflags)
{
    if (!(opt.jit_off & JIT_OFF_hugepages) && len >= MM_HUGE_MIN && (prot & PROT_WRITE) && (hflags & MAP_ANONYMOUS) &&
        (hflags & MAP_TYPE) == MAP_PRIVATE)
        madvise(g2h(ga), len, MADV_HUGEPAGE);
}

static int64_t mm_mmap_locked(uint64_t addr, uint64_t len, int prot, int hflags, int fd,
                              uint64_t off, uint64_t gflags)
{
    bool fixed = gflags & (MAP_FIXED_A64 | MAP_FIXED_NOREPLACE_A64);
    if (fixed) {
        if ((gflags & MAP_FIXED_NOREPLACE_A64) && !mem_is_free(addr, len))
            return -EEXIST;
    } else {
        if (addr < MM_MIN_ADDR || !mem_is_free(addr, len))
            addr = mem_find_free(len, mem_mmap_top);
        if (!addr)
            return -ENOMEM;
    }
    bool was_free = !fixed || mem_is_free(addr, len);
    if (!hostmaps_allow(addr, len, true))
        return -ENOMEM;
    int e = mm_map_into(addr, len, mem_host_prot(prot), hflags, fd, (off_t)off, was_free);
    if (!e) {
        mem_set_flags(addr, len, mem_prot_flags(prot));
        ipc_shm_unmapped(addr, len); /* a MAP_FIXED over an attached segment */
        mm_huge_hint(addr, len, prot, hflags);
    }
    block_invalidate(addr, len);
    if (e)
        return e;
    mm_log(gflags & MAP_ANONYMOUS_A64 ? "anon" : "file", addr, len, prot);
    return (int64_t)addr;
}

/* mmap(addr, len, prot, flags, fd, off). Without MAP_FIXED a free hint is
 * honoured, else the range comes top-down below mem_mmap_top; with
 * MAP_FIXED_NOREPLACE (which wins over MAP_FIXED, as in the kernel) a busy
 * range gives -EEXIST. */
int64_t sys_mmap(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]), len = a[1], off = a[5], gflags = a[3];
    int prot, hflags, fd = (int)a[4];
    if (!xlat_mmap_prot(a[2], false, &prot) || !xlat_mmap_flags(gflags, &hflags))
        return -EINVAL;
    if (!len || (off & GUEST_PAGE_MASK))
        return -EINVAL;
    if (len > guest_size)
        return -ENOMEM;
    len = page_up(len);
    if (gflags & MAP_ANONYMOUS_A64) {
        fd = -1;
        off = 0;
    } else if (fd < 0 || fd_is_pvm(fd)) {
        return -EBADF;
    }
    if (gflags & (MAP_FIXED_A64 | MAP_FIXED_NOREPLACE_A64)) {
        if (addr & GUEST_PAGE_MASK)
            return -EINVAL;
        if (addr < MM_MIN_ADDR)
            return -EPERM;
        if (!mm_range_valid(addr, len))
            return -ENOMEM;
    } else {
        addr &= ~GUEST_PAGE_MASK;
    }
    mem_mm_lock();
    int64_t r = mm_mmap_locked(addr, len, prot, hflags, fd, off, gflags);
    mem_mm_unlock();
    return r;
}

/* Clamps [ga, ga+len) to the region: the kernel accepts ranges up to the
 * top of the user address space, where nothing of the guest can be. */
static uint64_t mm_clamp(uint64_t ga, uint64_t len)
{
    if (ga >= guest_size)
        return 0;
    return len > guest_size - ga ? guest_size - ga : len;
}

/* The arm64 user address space (48-bit VA): ranges beyond it are -EINVAL
 * (munmap) or -ENOMEM (the others), as on the kernel. */
#define MM_TASK_SIZE (1ull << 48)

int64_t sys_munmap(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]), len = page_up(a[1]);
    if ((addr & GUEST_PAGE_MASK) || !len || a[1] > MM_TASK_SIZE || addr > MM_TASK_SIZE - len)
        return -EINVAL;
    len = mm_clamp(addr, len);
    if (!len)
        return 0;
    mem_mm_lock();
    int e = mem_is_free(addr, len) ? 0 /* already reserved */ : mm_reserve(addr, len);
    mem_mm_unlock();
    if (e)
        return e;
    mm_log("unmap", addr, len, 0);
    return 0;
}

int64_t sys_mprotect(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]), len = page_up(a[1]);
    int prot;
    if ((addr & GUEST_PAGE_MASK) || !xlat_mprotect_ok(a[2], &prot))
        return -EINVAL;
    if (!a[1])
        return 0;
    if (!len || !mm_range_valid(addr, len))
        return -ENOMEM;
    mem_mm_lock();
    int64_t r = 0;
    if (!mm_all_mapped(addr, len) || !hostmaps_allow(addr, len, false))
        r = -ENOMEM;
    else if (mprotect(g2h(addr), len, mem_host_prot(prot)) != 0)
        r = -errno;
    else
        mem_set_flags(addr, len, mem_prot_flags(prot));
    if (!r)
        block_invalidate(addr, len);
    mem_mm_unlock();
    if (!r)
        mm_log("protect", addr, len, prot);
    return r;
}

static int page_prot(uint64_t ga)
{
    uint8_t f = mem_page_flags(ga);
    return (f & PG_R ? 1 : 0) | (f & PG_W ? 2 : 0) | (f & PG_X ? 4 : 0);
}

/* Grows the mapping at [old, old+old_len) in place to new_len; the pages
 * after it are free (guest reservation). 0 or -errno with nothing changed. */
static int mm_grow(uint64_t old, uint64_t old_len, uint64_t new_len)
{
    uint64_t tail = old + old_len, more = new_len - old_len;
    int r = mm_move(old, old_len, old, new_len, true);
    if (r <= 0)
        return r;
    /* a host without MREMAP_DONTUNMAP for this mapping: the kernel grows
     * only into unmapped space, so the tail is a hole for the call's
     * duration (the one window left: docs/design.md) */
    munmap(g2h(tail), more);
    if (mremap(g2h(old), old_len, new_len, 0) != MAP_FAILED)
        return 0;
    int e = errno;
    mm_repair(tail, more, true);
    return -e;
}

/* Moves the mapping at [old, old+old_len) to the non-overlapping
 * [want, want+new_len) and leaves its old range reserved. 0 or -errno. */
static int mm_relocate(uint64_t old, uint64_t old_len, uint64_t want, uint64_t new_len,
                       bool was_free)
{
    uint64_t len = old_len;
    if (new_len < old_len) {
        /* the part that does not move goes first, as in the kernel */
        int e = mm_reserve(old + new_len, old_len - new_len);
        if (e)
            return e;
        len = new_len;
    }
    int r = mm_move(old, len, want, new_len, was_free);
    if (r == 1) {
        /* a host without MREMAP_DONTUNMAP for this mapping: the old range is
         * a hole between the move and its re-reservation */
        if (mremap(g2h(old), len, new_len, MREMAP_MAYMOVE | MREMAP_FIXED, g2h(want)) ==
            MAP_FAILED) {
            r = -errno;
            mm_repair(want, new_len, was_free);
            mm_repair(old, len, false);
        } else {
            r = 0;
            if (!mm_host_reserve(old, len))
                mm_lost(old, len, "keep reserved");
        }
    }
    if (!r)
        mem_set_flags(old, len, 0);
    return r;
}

/* the part of mremap that checks and changes the mappings, under the mm lock */
static int64_t mm_mremap_locked(uint64_t old, uint64_t old_len, uint64_t new_len, uint64_t flags,
                                uint64_t want)
{
    if (!mm_range_valid(old, old_len) || !mm_all_mapped(old, old_len))
        return -EFAULT;
    int prot = page_prot(old);
    if (!(flags & MREMAP_FIXED_A64)) {
        if (new_len <= old_len) {
            if (new_len < old_len) {
                int e = mm_reserve(old + new_len, old_len - new_len);
                if (e)
                    return e;
                mm_log("shrink", old, new_len, prot);
            }
            return (int64_t)old;
        }
        uint64_t tail = old + old_len, more = new_len - old_len;
        if (mm_range_valid(tail, more) && mem_is_free(tail, more)) {
            if (!hostmaps_allow(tail, more, true))
                return -ENOMEM;
            int e = mm_grow(old, old_len, new_len);
            if (!e) {
                mem_set_flags(tail, more, mem_prot_flags(prot));
                ipc_shm_moved(old, old_len, old, new_len);
            }
            /* the old pages too: another thread may have decoded the
             * empty twin that stood there during the call */
            mem_map_changed();
            block_invalidate(old, new_len);
            if (!e) {
                mm_log("grow", old, new_len, prot);
                return (int64_t)old;
            }
            if (e != -ENOMEM || !(flags & MREMAP_MAYMOVE_A64))
                return e;
        }
        if (!(flags & MREMAP_MAYMOVE_A64))
            return -ENOMEM;
        want = mem_find_free(new_len, mem_mmap_top);
        if (!want)
            return -ENOMEM;
    } else {
        if ((want & GUEST_PAGE_MASK) || (want < old + old_len && old < want + new_len))
            return -EINVAL;
        if (!mm_range_valid(want, new_len))
            return -ENOMEM;
    }
    bool was_free = mem_is_free(want, new_len);
    if (!hostmaps_allow(want, new_len, true) || !hostmaps_allow(old, old_len, true))
        return -ENOMEM;
    int e = mm_relocate(old, old_len, want, new_len, was_free);
    if (!e) {
        mem_set_flags(want, new_len, mem_prot_flags(prot));
        ipc_shm_moved(old, old_len < new_len ? old_len : new_len, want, new_len);
    }
    mem_map_changed(); /* also when it failed: the twin stood in the old range */
    block_invalidate(want, new_len);
    block_invalidate(old, old_len);
    if (e)
        return e;
    mm_log("move", want, new_len, prot);
    return (int64_t)want;
}

/* the mapping at guest address `at`: private, anonymous and writable */
struct mm_huge_probe {
    uint64_t at;
    bool fits;
};

static void mm_huge_probe_one(const struct guestmap *m, void *ctx)
{
    struct mm_huge_probe *p = ctx;
    if (p->at >= m->start && p->at < m->end)
        p->fits = m->inode == 0 && m->perms[1] == 'w' && m->perms[3] == 'p';
}

/* A mapping mremap made large gets mm_huge_hint's huge pages as a large
 * mmap does (realloc's way of growing a big block: lua's tables double by
 * mremap from 128 KiB to 32 MiB, a base-page fault per 4 KiB of it
 * otherwise). Whether it is private and anonymous is the host's knowledge:
 * asked only here, after the mm lock is released (the walk takes it), for
 * the few calls that reach the size; a mapping changed meanwhile only gets
 * or misses a hint. */
static void mm_huge_hint_moved(uint64_t ga, uint64_t len)
{
    if ((opt.jit_off & JIT_OFF_hugepages) || len < MM_HUGE_MIN)
        return;
    struct mm_huge_probe p = {.at = ga};
    if (guestmaps_walk(false, mm_huge_probe_one, &p) == 0 && p.fits)
        mm_huge_hint(ga, len, PROT_WRITE, MAP_ANONYMOUS | MAP_PRIVATE);
}

/* mremap(old, old_len, new_len, flags, new_addr), all inside the region; a
 * moved mapping leaves its old range reserved. */
int64_t sys_mremap(struct cpu *c, const uint64_t a[6])
{
    uint64_t old = mem_untag(a[0]), flags = a[3], want = mem_untag(a[4]);
    if (!xlat_mremap_flags(flags) || (old & GUEST_PAGE_MASK))
        return -EINVAL;
    if (a[2] > guest_size || a[1] > guest_size)
        return -ENOMEM;
    uint64_t old_len = page_up(a[1]), new_len = page_up(a[2]);
    if (!new_len || !old_len) /* old_len 0 duplicates shared mappings: not supported */
        return -EINVAL;
    mem_mm_lock();
    int64_t r = mm_mremap_locked(old, old_len, new_len, flags, want);
    mem_mm_unlock();
    if (r >= 0 && new_len > old_len)
        mm_huge_hint_moved((uint64_t)r, new_len);
    return r;
}

/* the break's move, under the mm lock */
static int64_t mm_brk_locked(uint64_t want)
{
    uint64_t cur = gproc.brk_cur;
    if (!want || want < gproc.brk_start || want >= guest_size)
        return (int64_t)cur;
    uint64_t have_end = page_up(cur), want_end = page_up(want);
    if (want_end > have_end) {
        uint64_t n = want_end - have_end;
        if (!mem_is_free(have_end, n) || !hostmaps_allow(have_end, n, true))
            return (int64_t)cur;
        int e = mm_map_into(have_end, n, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0,
                            true);
        if (!e)
            mem_set_flags(have_end, n, mem_prot_flags(PROT_READ_A64 | PROT_WRITE_A64));
        block_invalidate(have_end, n);
        if (e)
            return (int64_t)cur;
        mm_log("brk", have_end, n, PROT_READ_A64 | PROT_WRITE_A64);
    } else if (want_end < have_end) {
        if (mm_reserve(want_end, have_end - want_end))
            return (int64_t)cur;
        mm_log("brk-shrink", want_end, have_end - want_end, 0);
    }
    gproc.brk_cur = want;
    return (int64_t)want;
}

/* brk: the break moves between gproc.brk_start and the first mapping above
 * it; pages between are anonymous RW. On failure the current break is
 * returned, as the kernel does. */
int64_t sys_brk(struct cpu *c, const uint64_t a[6])
{
    mem_mm_lock();
    int64_t r = mm_brk_locked(mem_untag(a[0]));
    mem_mm_unlock();
    return r;
}

/* true for the advice that changes a host mapping's flags (and so may
 * split it): NORMAL, RANDOM, SEQUENTIAL and DOFORK..KEEPONFORK */
static bool mm_madvise_splits(uint64_t advice)
{
    return advice <= 2 || (advice >= 11 && advice <= 19);
}

/* madvise under the mm lock when the advice may split host mappings (the
 * budget) or discard contents (decoded code goes, after the host call);
 * other advice (WILLNEED, POPULATE_*, COLD...) can take long and changes no
 * mapping, so it runs without the lock: a racing unmap leaves it acting on
 * the reservation or on the new mapping, as a racing native munmap would. */
int64_t sys_madvise(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]);
    enum madv_kind k = xlat_madvise(a[2]);
    if ((addr & GUEST_PAGE_MASK) || k == MADV_K_INVALID)
        return -EINVAL;
    if (k == MADV_K_EPERM)
        return -EPERM;
    bool locked = mm_madvise_splits(a[2]) || k == MADV_K_DISCARD;
    if (locked)
        mem_mm_lock();
    uint64_t len;
    int64_t r = mm_mapped_len(addr, a[1], &len);
    if (r || !len || k == MADV_K_IGNORE)
        goto out;
    if (mm_madvise_splits(a[2]) && !hostmaps_allow(addr, len, false)) {
        r = -ENOMEM;
        goto out;
    }
    r = sys_ret(madvise(g2h(addr), len, (int)a[2]));
    if (k == MADV_K_DISCARD) {
        mem_map_changed();
        block_invalidate(addr, len);
    }
out:
    if (locked)
        mem_mm_unlock();
    return r;
}

/* msync and mincore change no mapping and msync may wait for I/O: no mm
 * lock (the host kernel serialises them with any change itself). */
int64_t sys_msync(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]);
    int hflags;
    if ((addr & GUEST_PAGE_MASK) || !xlat_msync_flags(a[2], &hflags))
        return -EINVAL;
    uint64_t len;
    int64_t e = mm_mapped_len(addr, a[1], &len);
    if (e || !len)
        return e;
    return sys_ret(msync(g2h(addr), len, hflags));
}

static int64_t mm_lock_range(uint64_t ga, uint64_t len, bool lock)
{
    uint64_t off = mem_untag(ga) & GUEST_PAGE_MASK, addr = mem_untag(ga) - off;
    if (len > guest_size)
        return -ENOMEM;
    len = page_up(len + off);
    if (!len)
        return 0;
    if (!mm_range_valid(addr, len))
        return -ENOMEM;
    mem_mm_lock();
    int64_t r = -ENOMEM;
    if (mm_all_mapped(addr, len) && hostmaps_allow(addr, len, false))
        r = sys_ret(lock ? mlock(g2h(addr), len) : munlock(g2h(addr), len));
    mem_mm_unlock();
    return r;
}

int64_t sys_mlock(struct cpu *c, const uint64_t a[6]) { return mm_lock_range(a[0], a[1], true); }
int64_t sys_munlock(struct cpu *c, const uint64_t a[6]) { return mm_lock_range(a[0], a[1], false); }

int64_t sys_mlock2(struct cpu *c, const uint64_t a[6])
{
    if (a[2] & ~(uint64_t)1 /* MLOCK_ONFAULT */)
        return -EINVAL;
    return mm_lock_range(a[0], a[1], true);
}

/* Locking pvm's whole reservation (and pvm's own memory) is not what the
 * guest asked for: accepted, nothing locked. */
int64_t sys_mlockall(struct cpu *c, const uint64_t a[6])
{
    return xlat_mlockall_flags(a[0]) ? 0 : -EINVAL;
}

int64_t sys_munlockall(struct cpu *c, const uint64_t a[6]) { return sys_ret(munlockall()); }

int64_t sys_mincore(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]);
    if (addr & GUEST_PAGE_MASK)
        return -EINVAL;
    uint64_t len;
    int64_t e = mm_mapped_len(addr, a[1], &len);
    if (e || !len)
        return e;
    if (!mem_range_ok(a[2], len / GUEST_PAGE))
        return -EFAULT;
    return sys_ret(mincore(g2h(addr), len, g2h(a[2])));
}

/* ---- memfd_create, membarrier, process_madvise ---- */

_Static_assert(MFD_CLOEXEC == MFD_CLOEXEC_A64 && MFD_ALLOW_SEALING == MFD_ALLOW_SEALING_A64 &&
                   MFD_HUGETLB == MFD_HUGETLB_A64,
               "memfd flags are the host's");

/* memfd_create(name, flags): the name is at most 249 bytes (longer is
 * EINVAL, as in the kernel); the new fd is a guest fd like any other. */
int64_t sys_memfd_create(struct cpu *c, const uint64_t a[6])
{
    char name[MFD_NAME_MAX_A64 + 1];
    uint32_t flags = (uint32_t)a[1];
    if (!xlat_memfd_flags_ok(flags))
        return -EINVAL;
    long n = mem_strncpy_from_guest(name, a[0], sizeof name);
    if (n == -EFAULT)
        return -EFAULT;
    if (n < 0)
        return -EINVAL;
    return fdtab_guest_fd(sys_ret(syscall(SYS_memfd_create, name, flags)));
}

/* membarrier(cmd, flags, cpu): the host's barriers act on pvm's process,
 * whose threads are the guest's, so they are exact; QUERY reports the
 * host's set (the generic commands, the same list on arm64). */
int64_t sys_membarrier(struct cpu *c, const uint64_t a[6])
{
    if (!xlat_membarrier_cmd_ok(a[0], a[1]))
        return -EINVAL;
    return sys_ret(syscall(SYS_membarrier, (int)a[0], (unsigned)a[1], (int)a[2]));
}

/* process_madvise acts on another process's memory through a pidfd: its
 * guest addresses are not pvm's to translate. */
int64_t sys_process_madvise(struct cpu *c, const uint64_t a[6]) { return -ENOSYS; }

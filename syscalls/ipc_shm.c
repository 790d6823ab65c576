/* System V shared memory: shmget, shmat, shmdt, shmctl.
 * Segments are the host kernel's: guest processes are host processes, so
 * every process that attaches one (pvm or not) shares the same pages, fork
 * keeps an attachment (the host copies it) and exec drops it (the host
 * execve of the next pvm). pvm only places them:
 * - an attachment is a host shmat at g2h(addr) with SHM_REMAP, which
 *   replaces the reservation there in one step (no moment with a hole in
 *   the region, as mm.c's mmap); addr 0 takes the range from the guest mmap
 *   allocator (mem_find_free, top-down below mem_mmap_top), as mmap does; a
 *   failed host call is repaired as mm.c repairs one (mm_repair);
 * - the page flags follow (R, W unless SHM_RDONLY, X with SHM_EXEC, which
 *   the host mapping never gets: guest code is only ever read by pvm), and
 *   decoded code over the range is invalidated;
 * - the attachment table records, per piece of an attachment, its guest
 *   range, its segment and its offset in it; mm.c keeps it in step
 *   (ipc_shm_unmapped, ipc_shm_moved) and shmdt reads it as the kernel
 *   reads its vmas: the first piece at or above addr that starts at its own
 *   offset from addr gives the segment and its size, and every piece of
 *   that segment placed so within that size is re-reserved (mm_reserve).
 *   The table is process-wide, changed and read only under the mm lock
 *   (threads attach and detach concurrently); a fork child inherits it with
 *   the attachments, an exec'd pvm starts empty as its host process does.
 * /proc/self/maps shows an attachment as the host does ("/SYSV%08x
 * (deleted)", the segment's id as inode), since it is read from the host's
 * own list (core/guestmaps.c). shmctl converts each structure field by
 * field (abi_ipc.h). */
#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/hostmaps.h"
#include "core/mem.h"
#include "interp/block.h"
#include "syscalls/abi_ipc.h"
#include "syscalls/ipc_shm.h"
#include "syscalls/mm.h"
#include "syscalls/syscall.h"

static inline uint64_t shm_page_up(uint64_t v) { return (v + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK; }

/* one piece of an attachment: [start, end) of segment shmid (whose
 * attached size, page-rounded, is seglen) from byte off of it */
struct shm_piece {
    uint64_t start, end, off, seglen;
    int shmid;
};

/* the table (guarded by the mm lock) */
static struct shm_piece *shm_tab;
static size_t shm_n, shm_cap;

static bool shm_tab_add(struct shm_piece p)
{
    if (shm_n == shm_cap) {
        size_t cap = shm_cap ? shm_cap * 2 : 16;
        struct shm_piece *t = realloc(shm_tab, cap * sizeof *t);
        if (!t)
            return false;
        shm_tab = t;
        shm_cap = cap;
    }
    shm_tab[shm_n++] = p;
    return true;
}

void ipc_shm_unmapped(uint64_t ga, uint64_t len)
{
    uint64_t lo = ga, hi = ga + len;
    for (size_t i = 0; i < shm_n;) {
        struct shm_piece *p = &shm_tab[i];
        if (p->end <= lo || p->start >= hi) {
            i++;
            continue;
        }
        struct shm_piece left = *p, right = *p;
        bool keep_left = p->start < lo, keep_right = p->end > hi;
        left.end = lo;
        right.off += hi - p->start;
        right.start = hi;
        /* the piece goes; what lies outside the range stays */
        shm_tab[i] = shm_tab[--shm_n];
        /* a split in the middle needs one more slot: if none can be had,
         * the right part is forgotten (shmdt then leaves it attached,
         * which munmap can still remove) */
        if (keep_left)
            shm_tab_add(left);
        if (keep_right)
            shm_tab_add(right);
    }
}

void ipc_shm_moved(uint64_t old, uint64_t len, uint64_t dst, uint64_t new_len)
{
    uint64_t old_end = old + len;
    if (dst != old)
        ipc_shm_unmapped(dst, new_len);
    for (size_t i = 0; i < shm_n; i++) {
        struct shm_piece *p = &shm_tab[i];
        if (p->start < old || p->end > old_end)
            continue;
        bool last = p->end == old_end;
        p->start = p->start - old + dst;
        p->end = p->end - old + dst;
        if (last)
            p->end += new_len - len;
    }
}

/* ---- shmget ---- */

int64_t sys_shmget(struct cpu *c, const uint64_t a[6])
{
    if (!xlat_shmget_flags_ok(a[2]))
        return -EINVAL;
    return sys_ret(syscall(SYS_shmget, (int)a[0], (size_t)a[1], (int)a[2]));
}

/* ---- shmat ---- */

/* the attachment under the mm lock: addr (0: pvm picks) and len checked */
static int64_t shm_attach_locked(int shmid, uint64_t addr, uint64_t len, uint64_t seglen,
                                 uint32_t flg)
{
    if (!addr) {
        addr = mem_find_free(len, mem_mmap_top);
        if (!addr)
            return -ENOMEM;
    } else if (!(flg & SHM_REMAP_A64) && !mem_is_free(addr, len)) {
        return -EINVAL;
    }
    bool was_free = mem_is_free(addr, len);
    if (!hostmaps_allow(addr, len, true))
        return -ENOMEM;
    int hflg = SHM_REMAP | (flg & SHM_RDONLY_A64 ? SHM_RDONLY : 0) | (flg & SHM_EXEC_A64 ? SHM_EXEC : 0);
    void *h = (void *)syscall(SYS_shmat, shmid, g2h(addr), hflg);
    if (h == (void *)-1) {
        int e = errno;
        mm_repair(addr, len, was_free);
        block_invalidate(addr, len);
        return -e;
    }
    int prot = PROT_READ | (flg & SHM_RDONLY_A64 ? 0 : PROT_WRITE);
    /* the host checked the execute permission (SHM_EXEC); guest code is
     * read, never run, by the host */
    if (flg & SHM_EXEC_A64)
        mprotect(h, len, prot);
    int gprot = prot | (flg & SHM_EXEC_A64 ? PROT_EXEC : 0);
    mem_set_flags(addr, len, mem_prot_flags(gprot));
    ipc_shm_unmapped(addr, len);
    shm_tab_add((struct shm_piece){.start = addr, .end = addr + len, .off = 0, .seglen = seglen,
                                   .shmid = shmid});
    block_invalidate(addr, len);
    mm_log("shm", addr, len, gprot);
    return (int64_t)addr;
}

/* shmat(shmid, addr, flags): the kernel's checks in its order (do_shmat):
 * the id, the address rules (SHMLBA, SHM_RND, SHM_REMAP only with an
 * address), the segment (its size from IPC_STAT, which needs the read
 * permission every attach needs), an occupied range without SHM_REMAP
 * (EINVAL), then the mapping (mmap_min_addr: EPERM). A range beyond the
 * region, which the kernel would map, is ENOMEM here. */
int64_t sys_shmat(struct cpu *c, const uint64_t a[6])
{
    int shmid = (int)a[0];
    uint64_t addr = mem_untag(a[1]);
    uint32_t flg = (uint32_t)a[2];
    if (!xlat_shmat_flags_ok(flg) || shmid < 0)
        return -EINVAL;
    bool fixed = addr != 0;
    if (addr) {
        if (addr & (SHMLBA_A64 - 1)) {
            if (!(flg & SHM_RND_A64))
                return -EINVAL;
            addr &= ~(SHMLBA_A64 - 1);
            if (!addr && (flg & SHM_REMAP_A64))
                return -EINVAL;
        }
    } else if (flg & SHM_REMAP_A64) {
        return -EINVAL;
    }
    struct shmid64_ds ds;
    if (syscall(SYS_shmctl, shmid, IPC_STAT, &ds) != 0)
        return -errno;
    uint64_t len = shm_page_up(ds.shm_segsz);
    if (!len)
        return -EINVAL;
    if (fixed) {
        if (addr + len < addr)
            return -EINVAL;
        if (addr < MM_MIN_ADDR)
            return -EPERM;
        if (addr >= guest_size || guest_size - addr < len)
            return -ENOMEM;
    } else if (len > guest_size) {
        return -ENOMEM;
    }
    mem_mm_lock();
    int64_t r = shm_attach_locked(shmid, addr, len, len, flg);
    mem_mm_unlock();
    return r;
}

/* ---- shmdt ---- */

/* the first piece at or above addr that starts at its own offset from
 * addr (a whole attachment there, or the fragment of one that munmap or
 * mprotect left); -1 when none */
static long shm_find_first(uint64_t addr)
{
    long best = -1;
    for (size_t i = 0; i < shm_n; i++) {
        const struct shm_piece *p = &shm_tab[i];
        if (p->start >= addr && p->start - addr == p->off &&
            (best < 0 || p->start < shm_tab[best].start))
            best = (long)i;
    }
    return best;
}

/* shmdt(addr): as the kernel's ksys_shmdt, unmaps the piece found above and
 * then every piece of the same segment that starts at its own offset from
 * addr and ends within the segment's size from it; EINVAL when there is
 * none. Each range goes back to the reservation (mm_reserve), so the host
 * detaches it (nattch, shm_dtime, shm_lpid) and no hole opens. */
int64_t sys_shmdt(struct cpu *c, const uint64_t a[6])
{
    uint64_t addr = mem_untag(a[0]);
    if (addr & GUEST_PAGE_MASK)
        return -EINVAL;
    mem_mm_lock();
    long i = shm_find_first(addr);
    int64_t r = -EINVAL;
    if (i >= 0) {
        struct shm_piece first = shm_tab[i];
        r = mm_reserve(first.start, first.end - first.start);
        for (size_t k = 0; !r && k < shm_n;) {
            struct shm_piece p = shm_tab[k];
            if (p.shmid == first.shmid && p.start >= addr && p.start - addr == p.off &&
                p.end - addr <= first.seglen) {
                r = mm_reserve(p.start, p.end - p.start);
                k = 0; /* the table changed under the index */
                continue;
            }
            k++;
        }
        if (!r)
            mm_log("shmdt", first.start, first.end - first.start, 0);
    }
    mem_mm_unlock();
    return r;
}

/* ---- shmctl ---- */

/* shmctl(id, cmd, buf): each command's structure converted (abi_ipc.h); the
 * kernel reads IPC_SET's before the lookup and writes the others after
 * the call, so a bad buffer is EFAULT in the same places. A command with
 * IPC_64 set is unknown on arm64 (EINVAL, abi_ipc.h). */
int64_t sys_shmctl(struct cpu *c, const uint64_t a[6])
{
    int id = (int)a[0], cmd = (int)a[1];
    uint64_t buf = a[2];
    switch (cmd) {
    case IPC_STAT_A64:
    case SHM_STAT_A64:
    case SHM_STAT_ANY_A64: {
        struct shmid64_ds h;
        struct shmid64_ds_a64 g;
        long r = syscall(SYS_shmctl, id, cmd, &h);
        if (r < 0)
            return -errno;
        xlat_shmid_h2g(&h, &g);
        return mem_copy_to_guest(buf, &g, sizeof g) ? r : -EFAULT;
    }
    case IPC_SET_A64: {
        struct shmid64_ds h;
        struct shmid64_ds_a64 g;
        if (!mem_copy_from_guest(&g, buf, sizeof g))
            return -EFAULT;
        xlat_shmid_g2h(&g, &h);
        return sys_ret(syscall(SYS_shmctl, id, cmd, &h));
    }
    case IPC_INFO_A64: {
        struct shminfo64 h;
        struct shminfo64_a64 g;
        long r = syscall(SYS_shmctl, id, cmd, &h);
        if (r < 0)
            return -errno;
        xlat_shminfo_h2g(&h, &g);
        return mem_copy_to_guest(buf, &g, sizeof g) ? r : -EFAULT;
    }
    case SHM_INFO_A64: {
        struct shm_info h;
        struct shm_info_a64 g;
        long r = syscall(SYS_shmctl, id, cmd, &h);
        if (r < 0)
            return -errno;
        xlat_shm_info_h2g(&h, &g);
        return mem_copy_to_guest(buf, &g, sizeof g) ? r : -EFAULT;
    }
    case IPC_RMID_A64:
    case SHM_LOCK_A64:
    case SHM_UNLOCK_A64:
        return sys_ret(syscall(SYS_shmctl, id, cmd, NULL));
    default:
        return -EINVAL;
    }
}

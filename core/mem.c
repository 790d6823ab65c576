/* Guest memory region and its page bookkeeping: the reservation, a sparse
 * two-level per-page flag table (mapped, r/w/x), a table of code marks, the
 * free-range search for guest mmap, the mm lock, and checked copies for
 * system calls.
 * Invariants: a page's flags always match the host protections of its pages
 * inside the region (unmapped = PROT_NONE) whenever the mm lock is free. A
 * directory entry without a leaf stands for 2^16 pages with the same flags,
 * so every range operation costs O(1) per such entry and O(pages) only
 * inside leaves (made by a partial write; at most 64 KiB per 256 MiB of
 * guest): no call takes time in proportion to a huge range's bytes.
 * Concurrency: flag bytes, fills and flag leaves are written only by the
 * holder of the mm lock, each with one single-byte (or pointer) store, and
 * leaves are never freed; so readers take no lock (instruction fetch, the
 * host fault handler in a signal handler, copy checks) and see each page's
 * flags from before or after a change, never a mixture of two. Code marks
 * are a table of their own because the block cache sets them without the mm
 * lock: a mark is one byte, set and taken with atomic operations, and a
 * code leaf is published with a compare-and-swap. */
#include "core/mem.h"

#include <errno.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/resource.h>

#include "core/log.h"

uint8_t *guest_base;
uint64_t guest_size;
uint64_t mem_mmap_top;

#define LEAF_BITS 16 /* pages per leaf: 2^16 pages = 256 MiB of guest */
#define LEAF_PAGES (1ull << LEAF_BITS)

/* One page-directory entry per 256 MiB of guest. While leaf is NULL every
 * page of the entry has the flags in fill: a range that covers whole
 * entries is set in O(1) per entry, so huge reservations cost nothing per
 * page. A leaf, once made (for a partial write), holds one byte per page
 * and is never freed: other threads read it without a lock. code is the
 * same for code marks (one byte per page, nonzero: marked), made at the
 * first mark of the entry. */
struct dir_ent {
    uint8_t *leaf;
    uint8_t *code;
    uint8_t fill;
};
static struct dir_ent *page_dir;
static uint64_t page_dir_len;

/* The mm lock, and the count of page-flag changes (mem_map_gen). */
static pthread_mutex_t mm_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t map_gen;

void mem_mm_lock(void)
{
    int e = pthread_mutex_lock(&mm_lock);
    if (e)
        log_fatal("guest memory lock: %s", strerror(e));
}

void mem_mm_unlock(void) { pthread_mutex_unlock(&mm_lock); }

void mem_mm_after_fork(void) { pthread_mutex_unlock(&mm_lock); }

uint64_t mem_map_gen(void) { return __atomic_load_n(&map_gen, __ATOMIC_SEQ_CST); }

void mem_map_changed(void) { __atomic_fetch_add(&map_gen, 1, __ATOMIC_SEQ_CST); }

/* Page-table bytes are read while the mm lock's holder writes them: one
 * byte at a time, atomically (plain moves on x86-64). */
static inline uint8_t pt_load(const uint8_t *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }
static inline void pt_store(uint8_t *p, uint8_t v) { __atomic_store_n(p, v, __ATOMIC_RELAXED); }
static inline uint8_t mem_fill(uint64_t i) { return pt_load(&page_dir[i].fill); }

bool mem_init(uint64_t size)
{
    size &= ~((LEAF_PAGES * GUEST_PAGE) - 1);
    if (size < LEAF_PAGES * GUEST_PAGE) {
        errno = EINVAL;
        return false;
    }
    /* the guards on both sides are part of the reservation: never mapped */
    uint8_t *p = mmap(NULL, size + 2 * MEM_GUARD, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return false;
    page_dir_len = (size / GUEST_PAGE) >> LEAF_BITS;
    void *d = mmap(NULL, page_dir_len * sizeof *page_dir, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (d == MAP_FAILED) {
        munmap(p, size + 2 * MEM_GUARD);
        return false;
    }
    page_dir = d;
    guest_base = p + MEM_GUARD;
    guest_size = size;
    mem_mmap_top = size;
    return true;
}

/* undoes a mem_init whose region was never used */
static void mem_fini(void)
{
    munmap(guest_base - MEM_GUARD, guest_size + 2 * MEM_GUARD);
    munmap(page_dir, page_dir_len * sizeof *page_dir);
    guest_base = NULL;
    page_dir = NULL;
    guest_size = page_dir_len = mem_mmap_top = 0;
}

uint64_t mem_headroom(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_AS, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY)
        return 0;
    uint64_t h = rl.rlim_cur / 4 & ~((1ull << 20) - 1);
    return h < (64ull << 20) ? 64ull << 20 : h > (8ull << 30) ? 8ull << 30 : h;
}

/* Halving rather than asking the limit: pvm's own address space (its
 * binary, libraries, heap) is not known without /proc, and a probe of the
 * real thing is exact. Every step is one failed or undone mmap. */
uint64_t mem_init_fit(uint64_t want, uint64_t min)
{
    uint64_t room = mem_headroom();
    int err = ENOMEM;
    for (uint64_t size = want; size >= min && size >= LEAF_PAGES * GUEST_PAGE; size /= 2) {
        if (!mem_init(size)) {
            err = errno;
            continue;
        }
        if (!room)
            return guest_size;
        void *p = mmap(NULL, room, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p != MAP_FAILED) {
            munmap(p, room);
            return guest_size;
        }
        err = errno;
        mem_fini();
    }
    errno = err;
    return 0;
}

static inline uint8_t *mem_leaf(uint64_t i)
{
    return __atomic_load_n(&page_dir[i].leaf, __ATOMIC_ACQUIRE);
}

static inline uint8_t *mem_code_leaf(uint64_t i)
{
    return __atomic_load_n(&page_dir[i].code, __ATOMIC_ACQUIRE);
}

/* A zeroed leaf of its own pages: only those the guest's mappings name are
 * ever touched (malloc's calloc wrote all 16 of a leaf from its heap, and a
 * static hello's start took 30 page faults there, each microseconds on a
 * virtual machine). Leaves live as long as the process. */
static uint8_t *mem_leaf_alloc(void)
{
    void *l = mmap(NULL, LEAF_PAGES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (l == MAP_FAILED)
        log_fatal("out of memory for the guest page table");
    return l;
}

/* The flag leaf of directory entry i, made from its fill when there is
 * none. Only the mm lock's holder makes flag leaves, so the fill it copies
 * cannot change meanwhile; the release store publishes the copy whole. */
static uint8_t *mem_leaf_make(uint64_t i)
{
    uint8_t *l = mem_leaf(i);
    if (l)
        return l;
    l = mem_leaf_alloc();
    uint8_t fill = mem_fill(i);
    if (fill)
        memset(l, fill, LEAF_PAGES);
    __atomic_store_n(&page_dir[i].leaf, l, __ATOMIC_RELEASE);
    return l;
}

/* The code-mark leaf of directory entry i (zeroed when new). Decoding
 * threads mark without the mm lock, so two may race to make it: the first
 * compare-and-swap wins and the other's copy is dropped. */
static uint8_t *mem_code_make(uint64_t i)
{
    uint8_t *l = mem_code_leaf(i);
    if (l)
        return l;
    l = mem_leaf_alloc();
    uint8_t *expect = NULL;
    if (!__atomic_compare_exchange_n(&page_dir[i].code, &expect, l, false, __ATOMIC_ACQ_REL,
                                     __ATOMIC_ACQUIRE)) {
        munmap(l, LEAF_PAGES);
        l = expect;
    }
    return l;
}

/* The pages [first, end) clamped to the region, as page numbers. */
static inline bool mem_pages(uint64_t ga, uint64_t len, uint64_t *first, uint64_t *end)
{
    uint64_t npages = guest_size / GUEST_PAGE;
    *first = ga / GUEST_PAGE;
    *end = len > guest_size ? npages : (ga + len + GUEST_PAGE - 1) / GUEST_PAGE;
    if (*end > npages)
        *end = npages;
    return *first < *end;
}

/* The end of the part of directory entry pg >> LEAF_BITS before end. */
static inline uint64_t mem_leaf_end(uint64_t pg, uint64_t end)
{
    uint64_t e = (pg | (LEAF_PAGES - 1)) + 1;
    return e < end ? e : end;
}

uint8_t mem_page_flags(uint64_t ga)
{
    if (ga >= guest_size)
        return 0;
    uint64_t pg = ga / GUEST_PAGE, i = pg >> LEAF_BITS, o = pg & (LEAF_PAGES - 1);
    uint8_t *l = mem_leaf(i), *code = mem_code_leaf(i);
    uint8_t f = l ? pt_load(&l[o]) : mem_fill(i);
    return code && pt_load(&code[o]) ? (uint8_t)(f | PG_CODE) : f;
}

void mem_set_flags(uint64_t ga, uint64_t len, uint8_t flags)
{
    uint64_t pg, end;
    if (!mem_pages(ga, len, &pg, &end))
        return;
    flags &= (uint8_t)~PG_CODE; /* marks are kept apart; mem_take_code clears them */
    while (pg < end) {
        uint64_t i = pg >> LEAF_BITS, e = mem_leaf_end(pg, end);
        uint8_t *l = mem_leaf(i);
        if (!l && ((pg & (LEAF_PAGES - 1)) == 0 && e - pg == LEAF_PAGES)) {
            pt_store(&page_dir[i].fill, flags); /* a whole entry: no leaf needed */
        } else if (!l && mem_fill(i) == flags) {
            /* already so */
        } else {
            l = mem_leaf_make(i);
            for (uint64_t p = pg; p < e; p++) {
                uint8_t *f = &l[p & (LEAF_PAGES - 1)];
                if (pt_load(f) != flags)
                    pt_store(f, flags);
            }
        }
        pg = e;
    }
    /* after the flags, before the caller invalidates decoded code: a
     * decoder that read the generation before this sees it change */
    mem_map_changed();
}

void mem_mark_code(uint64_t ga, uint64_t len)
{
    uint64_t first, end;
    if (!mem_pages(ga, len, &first, &end))
        return;
    for (uint64_t pg = first; pg < end; pg++)
        __atomic_store_n(&mem_code_make(pg >> LEAF_BITS)[pg & (LEAF_PAGES - 1)], 1,
                         __ATOMIC_SEQ_CST);
}

bool mem_take_code(uint64_t ga, uint64_t len)
{
    bool any = false;
    uint64_t pg, end;
    if (!mem_pages(mem_untag(ga), len, &pg, &end))
        return false;
    while (pg < end) {
        uint64_t e = mem_leaf_end(pg, end);
        uint8_t *code = mem_code_leaf(pg >> LEAF_BITS);
        for (; code && pg < e; pg++) {
            uint8_t *m = &code[pg & (LEAF_PAGES - 1)];
            /* sequentially consistent with mem_mark_code and mem_map_gen */
            if (__atomic_load_n(m, __ATOMIC_SEQ_CST) && __atomic_exchange_n(m, 0, __ATOMIC_SEQ_CST))
                any = true;
        }
        pg = e;
    }
    return any;
}

/* The first page of [pg, end) whose flags & mask differ from want, or end:
 * O(1) per directory entry without a leaf. */
static uint64_t mem_first_other(uint64_t pg, uint64_t end, uint8_t mask, uint8_t want)
{
    mask &= (uint8_t)~PG_CODE; /* not in the flag bytes */
    want &= mask;
    while (pg < end) {
        uint64_t i = pg >> LEAF_BITS, e = mem_leaf_end(pg, end);
        uint8_t *l = mem_leaf(i);
        if (!l) {
            if ((mem_fill(i) & mask) != want)
                return pg;
        } else {
            for (uint64_t p = pg; p < e; p++)
                if ((pt_load(&l[p & (LEAF_PAGES - 1)]) & mask) != want)
                    return p;
        }
        pg = e;
    }
    return end;
}

/* true when (flags & mask) == want for every page of [ga, ga+len), which
 * must lie inside the region */
static bool mem_range_all(uint64_t ga, uint64_t len, uint8_t mask, uint8_t want)
{
    uint64_t pg, end;
    if (!mem_pages(ga, len, &pg, &end))
        return true;
    return mem_first_other(pg, end, mask, want) == end;
}

uint64_t mem_run_end(uint64_t ga, uint64_t end, uint8_t mask)
{
    uint64_t pg, pend;
    if (end <= ga || !mem_pages(ga, end - ga, &pg, &pend))
        return ga;
    uint64_t other = mem_first_other(pg, pend, mask, mem_page_flags(ga) & mask);
    return other == pend ? end : other * GUEST_PAGE;
}

bool mem_is_free(uint64_t ga, uint64_t len)
{
    if (ga >= guest_size || guest_size - ga < len)
        return false;
    return mem_range_all(ga, len, PG_MAPPED, 0);
}

bool mem_is_mapped(uint64_t ga, uint64_t len, uint8_t need)
{
    if (ga >= guest_size || guest_size - ga < len)
        return false;
    need |= PG_MAPPED;
    return mem_range_all(ga, len, need, need);
}

uint64_t mem_find_free(uint64_t len, uint64_t below)
{
    uint64_t npages = (len + GUEST_PAGE - 1) / GUEST_PAGE;
    if (below > guest_size)
        below = guest_size;
    uint64_t pg = below / GUEST_PAGE; /* exclusive end of the candidate range */
    uint64_t run = 0;                 /* free pages found just below pg_end */
    uint64_t pg_end = pg;
    /* keep page 0..15 (64 KiB) free: guest NULL-pointer accesses must fault */
    while (pg > 16) {
        uint64_t p = pg - 1, i = p >> LEAF_BITS;
        uint8_t *l = mem_leaf(i);
        if (!l) {
            uint64_t leaf_start = p & ~(LEAF_PAGES - 1);
            if (leaf_start < 16)
                leaf_start = 16;
            if (mem_fill(i) & PG_MAPPED) {
                run = 0;
                pg_end = pg = leaf_start;
                continue;
            }
            uint64_t n = pg - leaf_start;
            if (run + n >= npages)
                return (pg_end - npages) * GUEST_PAGE;
            run += n;
            pg = leaf_start;
            continue;
        }
        if (pt_load(&l[p & (LEAF_PAGES - 1)]) & PG_MAPPED) {
            run = 0;
            pg_end = p;
        } else if (++run >= npages) {
            return (pg_end - npages) * GUEST_PAGE;
        }
        pg = p;
    }
    return 0;
}

/* The host protection a page has: the guest's R/W (X is R on the host) when
 * mapped, none when not. Pages of different classes are never in the same
 * host mapping. */
static inline uint8_t mem_host_class(uint8_t f)
{
    if (!(f & PG_MAPPED))
        return 0;
    return (uint8_t)(((f & (PG_R | PG_X)) ? 1 : 0) | ((f & PG_W) ? 2 : 0));
}

int64_t mem_map_delta_bound(uint64_t ga, uint64_t len, bool replace)
{
    uint64_t pg, end;
    if (!mem_pages(ga, len, &pg, &end))
        return 0;
    int64_t d = 0;
    /* a host mapping across either end may have to split */
    if (pg > 0 && mem_host_class(mem_page_flags((pg - 1) * GUEST_PAGE)) ==
                      mem_host_class(mem_page_flags(pg * GUEST_PAGE)))
        d++;
    if (end < guest_size / GUEST_PAGE &&
        mem_host_class(mem_page_flags((end - 1) * GUEST_PAGE)) ==
            mem_host_class(mem_page_flags(end * GUEST_PAGE)))
        d++;
    if (!replace)
        return d; /* a protection change never adds mappings inside */
    /* replaced by one mapping: at least one host mapping per run of equal
     * class goes */
    uint64_t runs = 0;
    int cls = -1;
    while (pg < end) {
        uint64_t i = pg >> LEAF_BITS, e = mem_leaf_end(pg, end);
        uint8_t *l = mem_leaf(i);
        if (!l) {
            uint8_t c = mem_host_class(mem_fill(i));
            runs += c != cls;
            cls = c;
        } else {
            for (uint64_t p = pg; p < e; p++) {
                uint8_t c = mem_host_class(pt_load(&l[p & (LEAF_PAGES - 1)]));
                runs += c != cls;
                cls = c;
            }
        }
        pg = e;
    }
    return d + 1 - (int64_t)runs;
}

static bool range_has(uint64_t ga, size_t n, uint8_t need)
{
    if (n == 0)
        return true;
    if (!mem_range_ok(ga, n))
        return false;
    uint64_t a = mem_untag(ga);
    return mem_range_all(a & ~GUEST_PAGE_MASK, (a & GUEST_PAGE_MASK) + n, need, need);
}

bool mem_copy_from_guest(void *dst, uint64_t ga, size_t n)
{
    if (!range_has(ga, n, PG_MAPPED | PG_R))
        return false;
    return mem_safe_copy(dst, g2h(ga), n) == 0;
}

bool mem_copy_to_guest(uint64_t ga, const void *src, size_t n)
{
    if (!range_has(ga, n, PG_MAPPED | PG_W))
        return false;
    return mem_safe_copy(g2h(ga), src, n) == 0;
}

long mem_strncpy_from_guest(char *buf, uint64_t ga, size_t cap)
{
    uint64_t a = mem_untag(ga);
    size_t i = 0;
    while (i < cap) {
        uint64_t at = a + i;
        if (at >= guest_size || !(mem_page_flags(at) & PG_R))
            return -EFAULT;
        /* up to the end of this page: another thread may unmap it after
         * the check, so the copy is one that survives a host fault (a page
         * faults whole, so no byte before a NUL is lost to it) */
        size_t chunk = GUEST_PAGE - (at & GUEST_PAGE_MASK);
        if (chunk > cap - i)
            chunk = cap - i;
        if (mem_safe_copy(buf + i, guest_base + at, chunk) != 0)
            return -EFAULT;
        const char *z = memchr(buf + i, 0, chunk);
        if (z)
            return (long)(z - buf);
        i += chunk;
    }
    return -ENAMETOOLONG;
}

void mem_fault(struct cpu *c, uint64_t addr, int sig, int code)
{
    c->fault_addr = addr;
    c->fault_sig = sig;
    c->fault_code = code;
    siglongjmp(c->fault_jmp, 1);
}

uint32_t mem_fetch32(struct cpu *c, uint64_t ga)
{
    uint64_t a = mem_untag(ga);
    if (a & 3)
        mem_fault(c, a, 7 /* SIGBUS */, 1 /* BUS_ADRALN: a misaligned pc */);
    if (a >= guest_size)
        mem_fault(c, a, 11, 1);
    uint8_t f = mem_page_flags(a);
    if (!(f & PG_MAPPED))
        mem_fault(c, a, 11, 1 /* SEGV_MAPERR */);
    if (!(f & PG_X))
        mem_fault(c, a, 11, 2 /* SEGV_ACCERR */);
    /* the guest's own load of its code (MEM_GUEST_ACCESS) */
    return mem_raw_ld32(guest_base + a);
}

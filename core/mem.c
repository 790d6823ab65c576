/* Guest memory region and its page bookkeeping: the reservation, a sparse
 * two-level per-page flag table (mapped, r/w/x, has-code), free-range search
 * for guest mmap, and checked copies for system calls.
 * Invariant: a page's flags always match the host protections of its pages
 * inside the region (unmapped = PROT_NONE), so flag checks before a copy are
 * enough to keep a copy from faulting the host. */
#include "core/mem.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "core/log.h"

uint8_t *guest_base;
uint64_t guest_size;
uint64_t mem_mmap_top;

#define LEAF_BITS 16 /* pages per leaf: 2^16 pages = 256 MiB of guest */
#define LEAF_PAGES (1ull << LEAF_BITS)

static uint8_t **page_dir; /* page_dir[i] covers pages [i<<16, (i+1)<<16) */
static uint64_t page_dir_len;

bool mem_init(uint64_t size)
{
    size &= ~((LEAF_PAGES * GUEST_PAGE) - 1);
    if (size < LEAF_PAGES * GUEST_PAGE) {
        errno = EINVAL;
        return false;
    }
    void *p = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return false;
    page_dir_len = (size / GUEST_PAGE) >> LEAF_BITS;
    void *d = mmap(NULL, page_dir_len * sizeof *page_dir, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (d == MAP_FAILED) {
        munmap(p, size);
        return false;
    }
    page_dir = d;
    guest_base = p;
    guest_size = size;
    mem_mmap_top = size;
    return true;
}

static uint8_t *leaf_for(uint64_t page, bool create)
{
    uint64_t i = page >> LEAF_BITS;
    if (i >= page_dir_len)
        return NULL;
    uint8_t *l = __atomic_load_n(&page_dir[i], __ATOMIC_ACQUIRE);
    if (!l && create) {
        l = calloc(LEAF_PAGES, 1);
        if (!l)
            log_fatal("out of memory for the guest page table");
        uint8_t *expect = NULL;
        if (!__atomic_compare_exchange_n(&page_dir[i], &expect, l, false, __ATOMIC_ACQ_REL,
                                         __ATOMIC_ACQUIRE)) {
            free(l);
            l = expect;
        }
    }
    return l;
}

uint8_t mem_page_flags(uint64_t ga)
{
    if (ga >= guest_size)
        return 0;
    uint64_t pg = ga / GUEST_PAGE;
    uint8_t *l = leaf_for(pg, false);
    return l ? l[pg & (LEAF_PAGES - 1)] : 0;
}

void mem_set_flags(uint64_t ga, uint64_t len, uint8_t flags)
{
    uint64_t first = ga / GUEST_PAGE, end = (ga + len + GUEST_PAGE - 1) / GUEST_PAGE;
    for (uint64_t pg = first; pg < end && pg * GUEST_PAGE < guest_size; pg++) {
        uint8_t *l = leaf_for(pg, flags != 0);
        if (l) {
            uint8_t *f = &l[pg & (LEAF_PAGES - 1)];
            /* the code mark survives protection changes; mem_take_code clears it */
            *f = flags ? (uint8_t)(flags | (*f & PG_CODE)) : (uint8_t)(*f & PG_CODE);
        }
    }
}

void mem_mark_code(uint64_t ga, uint64_t len)
{
    uint64_t first = ga / GUEST_PAGE, end = (ga + len + GUEST_PAGE - 1) / GUEST_PAGE;
    for (uint64_t pg = first; pg < end; pg++) {
        uint8_t *l = leaf_for(pg, true);
        if (l)
            __atomic_or_fetch(&l[pg & (LEAF_PAGES - 1)], PG_CODE, __ATOMIC_RELAXED);
    }
}

bool mem_take_code(uint64_t ga, uint64_t len)
{
    bool any = false;
    uint64_t first = mem_untag(ga) / GUEST_PAGE;
    uint64_t end = (mem_untag(ga) + len + GUEST_PAGE - 1) / GUEST_PAGE;
    for (uint64_t pg = first; pg < end && pg * GUEST_PAGE < guest_size; pg++) {
        uint8_t *l = leaf_for(pg, false);
        if (!l) {
            pg |= LEAF_PAGES - 1;
            continue;
        }
        uint8_t *f = &l[pg & (LEAF_PAGES - 1)];
        if (*f & PG_CODE) {
            __atomic_and_fetch(f, (uint8_t)~PG_CODE, __ATOMIC_RELAXED);
            any = true;
        }
    }
    return any;
}

bool mem_is_free(uint64_t ga, uint64_t len)
{
    if (ga >= guest_size || guest_size - ga < len)
        return false;
    uint64_t first = ga / GUEST_PAGE, end = (ga + len + GUEST_PAGE - 1) / GUEST_PAGE;
    for (uint64_t pg = first; pg < end; pg++) {
        uint8_t *l = leaf_for(pg, false);
        if (!l) {
            pg |= LEAF_PAGES - 1;
            continue;
        }
        if (l[pg & (LEAF_PAGES - 1)] & PG_MAPPED)
            return false;
    }
    return true;
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
        uint64_t p = pg - 1;
        uint8_t *l = leaf_for(p, false);
        if (!l) {
            uint64_t leaf_start = p & ~(LEAF_PAGES - 1);
            if (leaf_start < 16)
                leaf_start = 16;
            uint64_t n = pg - leaf_start;
            if (run + n >= npages)
                return (pg_end - npages) * GUEST_PAGE;
            run += n;
            pg = leaf_start;
            continue;
        }
        if (l[p & (LEAF_PAGES - 1)] & PG_MAPPED) {
            run = 0;
            pg_end = p;
        } else if (++run >= npages) {
            return (pg_end - npages) * GUEST_PAGE;
        }
        pg = p;
    }
    return 0;
}

static bool range_has(uint64_t ga, size_t n, uint8_t need)
{
    if (n == 0)
        return true;
    if (!mem_range_ok(ga, n))
        return false;
    uint64_t a = mem_untag(ga);
    for (uint64_t p = a & ~GUEST_PAGE_MASK; p < a + n; p += GUEST_PAGE)
        if ((mem_page_flags(p) & need) != need)
            return false;
    return true;
}

bool mem_copy_from_guest(void *dst, uint64_t ga, size_t n)
{
    if (!range_has(ga, n, PG_MAPPED | PG_R))
        return false;
    memcpy(dst, g2h(ga), n);
    return true;
}

bool mem_copy_to_guest(uint64_t ga, const void *src, size_t n)
{
    if (!range_has(ga, n, PG_MAPPED | PG_W))
        return false;
    memcpy(g2h(ga), src, n);
    return true;
}

long mem_strncpy_from_guest(char *buf, uint64_t ga, size_t cap)
{
    uint64_t a = mem_untag(ga);
    size_t i = 0;
    while (i < cap) {
        if (a + i >= guest_size || !(mem_page_flags(a + i) & PG_R))
            return -EFAULT;
        /* copy up to the end of this page */
        size_t chunk = GUEST_PAGE - ((a + i) & GUEST_PAGE_MASK);
        const char *src = (const char *)guest_base + a + i;
        for (size_t k = 0; k < chunk && i < cap; k++, i++) {
            buf[i] = src[k];
            if (!src[k])
                return (long)i;
        }
    }
    return -ENAMETOOLONG;
}

uint32_t mem_fetch32(struct cpu *c, uint64_t ga)
{
    uint64_t a = mem_untag(ga);
    if (a >= guest_size || (a & 3))
        mem_fault(c, a, 11, 1);
    uint8_t f = mem_page_flags(a);
    if (!(f & PG_MAPPED))
        mem_fault(c, a, 11, 1 /* SEGV_MAPERR */);
    if (!(f & PG_X))
        mem_fault(c, a, 11, 2 /* SEGV_ACCERR */);
    uint32_t w;
    memcpy(&w, guest_base + a, 4);
    return w;
}

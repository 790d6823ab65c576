/* The host's list of mappings as guest memory needs it (see hostmaps.h):
 * the vm.max_map_count budget of the guest's host operations, and the holes
 * in a guest range after a failed host mmap or mremap.
 *
 * Budget: `count` is an upper bound on the process's host mappings. Each
 * allowed operation adds the most it can add (2: a split at each end of the
 * range) without reading anything; only when that would pass `limit`
 * (vm.max_map_count minus the reserve) is /proc/self/maps read again for the
 * exact count, and then the operation's own bound is taken from the page
 * flags (mem_map_delta_bound: an unmap over many mappings frees them, so it
 * is allowed at the limit). So the list is read only near the limit, and
 * every read costs time in proportion to the number of mappings.
 * Invariants: count never underestimates the mappings the guest's
 * operations made since the last read (pvm's own mappings made since then
 * are what the reserve is for); without a readable /proc/self/maps there is
 * no budget and the kernel alone decides. Callers hold the mm lock
 * (core/mem.h), which guards count, limit and the scan buffer as it guards
 * the page flags the bound is taken from. */
#include "core/hostmaps.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/mem.h"

static long count = -1;  /* upper bound on the host mappings; -1: read the list first */
static long limit;       /* vm.max_map_count minus the reserve */
static long limit_override; /* hostmaps_set_limit */
static bool no_list;     /* /proc/self/maps cannot be read: no budget */

/* Calls fn(start, end, ctx) for every line of /proc/self/maps, in address
 * order, until fn returns false; false when the list cannot be read. */
static bool hostmaps_scan(bool (*fn)(uint64_t s, uint64_t e, void *ctx), void *ctx)
{
    int fd = open("/proc/thread-self/maps", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    static char buf[1 << 16];
    size_t have = 0;
    bool ok = true, more = true;
    while (more) {
        ssize_t r = read(fd, buf + have, sizeof buf - 1 - have);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            ok = false;
            break;
        }
        have += (size_t)r;
        buf[have] = 0;
        char *line = buf, *nl;
        while (more && (nl = memchr(line, '\n', have - (size_t)(line - buf)))) {
            char *p;
            uint64_t s = strtoull(line, &p, 16), e = *p == '-' ? strtoull(p + 1, NULL, 16) : 0;
            more = fn(s, e, ctx);
            line = nl + 1;
        }
        if (r == 0)
            break;
        have -= (size_t)(line - buf);
        memmove(buf, line, have);
        if (have == sizeof buf - 1) /* a line longer than the buffer: cannot be */
            have = 0;
    }
    close(fd);
    return ok;
}

static bool hostmaps_count_line(uint64_t s, uint64_t e, void *ctx)
{
    (void)s, (void)e;
    ++*(long *)ctx;
    return true;
}

static long hostmaps_max(void)
{
    long max = 65530; /* the kernel's default */
    int fd = open("/proc/sys/vm/max_map_count", O_RDONLY | O_CLOEXEC);
    if (fd >= 0) {
        char b[32];
        ssize_t n = read(fd, b, sizeof b - 1);
        if (n > 0) {
            b[n] = 0;
            long v = strtol(b, NULL, 10);
            if (v > 0)
                max = v;
        }
        close(fd);
    }
    return max;
}

/* Reads the exact count and the limit again. */
static void hostmaps_recount(void)
{
    long max = hostmaps_max();
    limit = max - (max >= 4 * HOSTMAPS_RESERVE ? HOSTMAPS_RESERVE : max / 4);
    if (limit_override)
        limit = limit_override;
    long n = 0;
    if (!hostmaps_scan(hostmaps_count_line, &n)) {
        no_list = true;
        return;
    }
    count = n;
}

bool hostmaps_allow(uint64_t ga, uint64_t len, bool replace)
{
    if (count >= 0 && count + 2 <= limit) {
        count += 2;
        return true;
    }
    if (no_list)
        return true;
    hostmaps_recount();
    if (no_list)
        return true;
    if (count + 2 <= limit) {
        count += 2;
        return true;
    }
    int64_t d = mem_map_delta_bound(ga, len, replace);
    if (count + d > limit)
        return false;
    count += d;
    if (count < 0)
        count = 0;
    return true;
}

void hostmaps_set_limit(long l)
{
    mem_mm_lock();
    limit_override = l;
    count = -1;
    no_list = false;
    mem_mm_unlock();
}

struct holes_ctx {
    uint64_t lo, hi, cur; /* host range, and where the walk is */
    struct hostmaps_range *out;
    int n, max;
};

static bool hostmaps_hole_line(uint64_t s, uint64_t e, void *ctx)
{
    struct holes_ctx *h = ctx;
    if (e <= h->cur)
        return true;
    if (s >= h->hi)
        return false;
    if (s > h->cur) {
        h->out[h->n++] = (struct hostmaps_range){h->cur - (uint64_t)guest_base, s - h->cur};
        if (h->n == h->max) {
            h->cur = h->hi;
            return false;
        }
    }
    h->cur = e;
    return h->cur < h->hi;
}

/* One step of the search without the list: 1 when [a, b) had no host
 * mapping at all (and is now reserved: a MAP_FIXED_NOREPLACE mapping is
 * placed only where nothing is), 0 when something is mapped in it (EEXIST),
 * -1 when the host will not say (no room for even a PROT_NONE mapping, a
 * kernel without MAP_FIXED_NOREPLACE). */
static int hostmaps_try(uint64_t a, uint64_t b)
{
    void *p = mmap((void *)a, b - a, PROT_NONE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_FIXED_NOREPLACE, -1, 0);
    if (p == (void *)a)
        return 1;
    if (p != MAP_FAILED) { /* an old kernel took the flag for a hint */
        munmap(p, b - a);
        return -1;
    }
    return errno == EEXIST ? 0 : -1;
}

/* the holes of [a, b) in address order, by halving where something is
 * mapped: O(holes x log(pages)) host calls, never one per page of a hole.
 * Stops (false) with max holes found, before filling another one, so every
 * hole it filled is reported (the caller asks again for the rest). */
static bool hostmaps_probe(struct holes_ctx *h, uint64_t a, uint64_t b)
{
    if (a >= b)
        return true;
    if (h->n == h->max)
        return false;
    int r = hostmaps_try(a, b);
    if (r) {
        uint64_t ga = a - (uint64_t)guest_base;
        struct hostmaps_range *last = h->n ? &h->out[h->n - 1] : NULL;
        if (last && last->ga + last->len == ga)
            last->len += b - a;
        else
            h->out[h->n++] = (struct hostmaps_range){ga, b - a};
        return true;
    }
    if (b - a == GUEST_PAGE)
        return true; /* one page, mapped */
    uint64_t mid = a + ((b - a) / 2 & ~GUEST_PAGE_MASK);
    return hostmaps_probe(h, a, mid) && hostmaps_probe(h, mid, b);
}

int hostmaps_holes_by_probe(uint64_t ga, uint64_t len, struct hostmaps_range *out, int max)
{
    uint64_t lo = (uint64_t)guest_base + ga;
    struct holes_ctx h = {lo, lo + len, lo, out, 0, max};
    if (max <= 0 || !len)
        return 0;
    hostmaps_probe(&h, lo, lo + len);
    return h.n;
}

int hostmaps_holes(uint64_t ga, uint64_t len, struct hostmaps_range *out, int max)
{
    uint64_t lo = (uint64_t)guest_base + ga;
    struct holes_ctx h = {lo, lo + len, lo, out, 0, max};
    if (max <= 0 || !len)
        return 0;
    if (!hostmaps_scan(hostmaps_hole_line, &h))
        return hostmaps_holes_by_probe(ga, len, out, max);
    if (h.cur < h.hi && h.n < max)
        out[h.n++] = (struct hostmaps_range){h.cur - (uint64_t)guest_base, h.hi - h.cur};
    return h.n;
}

/* The guest's mappings from the host's list (see guestmaps.h).
 * Invariant: only page-aligned parts of host mappings inside the guest
 * region are reported, and only pages whose flags say PG_MAPPED; the flags
 * (not the host's protections) give the permissions. The walk holds the mm
 * lock (core/mem.h) from before it reads the host's list until its last
 * callback, so another thread's mmap, munmap or mremap cannot fall between
 * the list and the flags. */
#include "core/guestmaps.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/options.h"
#include "core/process.h"

/* the page-flag bits that make a guest mapping's identity */
#define GUESTMAPS_VIS (PG_MAPPED | PG_R | PG_W | PG_X)

char *guestmaps_read_host(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return NULL;
    size_t cap = 1 << 16, n = 0;
    char *b = malloc(cap);
    while (b) {
        if (cap - n < 4096) {
            char *nb = realloc(b, cap * 2);
            if (!nb) {
                free(b);
                b = NULL;
                break;
            }
            b = nb;
            cap *= 2;
        }
        ssize_t r = read(fd, b + n, cap - n - 1);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0) {
            free(b);
            b = NULL;
            break;
        }
        if (r == 0)
            break;
        n += (size_t)r;
    }
    close(fd);
    if (b) {
        b[n] = 0;
        *len = n;
    }
    return b;
}

bool guestmaps_is_header(const char *l)
{
    const char *p = l;
    bool dash = false;
    for (; *p && *p != ' '; p++) {
        if (*p == '-')
            dash = true;
        else if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
            return false;
    }
    return dash && *p == ' ';
}

bool guestmaps_parse(char *l, struct guestmaps_host *h)
{
    int n = -1;
    if (sscanf(l, "%" SCNx64 "-%" SCNx64 " %4s %" SCNx64 " %x:%x %" SCNu64 " %n", &h->hs, &h->he,
               h->perms, &h->off, &h->maj, &h->min, &h->ino, &n) < 7 || n < 0)
        return false;
    h->name = l + n;
    return strlen(h->perms) == 4;
}

/* The guest's name for a host path: outside the -L prefix it is the same;
 * inside it (under the prefix as given or its real path) the prefix goes. */
static const char *guestmaps_guest_name(const char *name, const char *real_prefix)
{
    if (name[0] != '/' || !opt.ld_prefix || !opt.ld_prefix[0])
        return name;
    const char *prefixes[2] = {opt.ld_prefix, real_prefix};
    for (int i = 0; i < 2; i++) {
        const char *p = prefixes[i];
        if (!p || p[0] != '/')
            continue;
        size_t n = strlen(p);
        while (n > 1 && p[n - 1] == '/')
            n--;
        if (n > 1 && strncmp(name, p, n) == 0 && name[n] == '/')
            return name + n;
    }
    return name;
}

static bool guestmaps_overlap(uint64_t s, uint64_t e, uint64_t lo, uint64_t hi)
{
    return lo < hi && s < hi && lo < e;
}

static uint64_t guestmaps_page_up(uint64_t v) { return (v + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK; }

/* the end of a run [s, e) cut at boundary b when b falls inside it */
static uint64_t guestmaps_clip(uint64_t s, uint64_t e, uint64_t b) { return s < b && b < e ? b : e; }

static void guestmaps_emit_runs(const struct guestmaps_host *h, const char *real_prefix,
                                guestmaps_fn fn, void *ctx)
{
    uint64_t gb = (uint64_t)(uintptr_t)guest_base, ge = gb + guest_size;
    uint64_t hs = h->hs > gb ? h->hs : gb, he = h->he < ge ? h->he : ge;
    if (hs >= he)
        return;
    uint64_t s = hs - gb, end = he - gb;
    /* pvm keeps guest mappings page-aligned; a stray partial page is not ours */
    if ((s | end) & GUEST_PAGE_MASK)
        return;
    const char *name = guestmaps_guest_name(h->name, real_prefix);
    uint64_t stack_lo = gproc.stack_top - gproc.stack_size, stack_hi = gproc.stack_top;
    uint64_t heap_lo = gproc.brk_start, heap_hi = guestmaps_page_up(gproc.brk_cur);
    uint64_t vdso_lo = gproc.vdso_base, vdso_hi = vdso_lo + gproc.vdso_size;
    while (s < end) {
        uint8_t f = mem_page_flags(s) & GUESTMAPS_VIS;
        /* whole page-table entries at a time: a huge reservation is cheap */
        uint64_t e = mem_run_end(s, end, GUESTMAPS_VIS);
        /* the vDSO is a mapping of its own even where the host merged it
         * with a neighbour of the same protection */
        e = guestmaps_clip(s, e, vdso_lo);
        e = guestmaps_clip(s, e, vdso_hi);
        if (f & PG_MAPPED) {
            struct guestmap m = {.start = s, .end = e, .flags = f, .host = h, .host_len = he - hs};
            m.perms[0] = (f & PG_R) ? 'r' : '-';
            m.perms[1] = (f & PG_W) ? 'w' : '-';
            m.perms[2] = (f & PG_X) ? 'x' : '-';
            m.perms[3] = h->perms[3];
            m.perms[4] = 0;
            m.offset = h->ino ? h->off + (s - (hs - gb)) : 0;
            m.dev_major = h->maj;
            m.dev_minor = h->min;
            m.inode = h->ino;
            m.name = name;
            if (!h->ino && !name[0]) {
                if (guestmaps_overlap(s, e, stack_lo, stack_hi)) {
                    m.name = "[stack]";
                    m.stack = true;
                } else if (guestmaps_overlap(s, e, heap_lo, heap_hi)) {
                    m.name = "[heap]";
                } else if (guestmaps_overlap(s, e, vdso_lo, vdso_hi)) {
                    m.name = "[vdso]";
                }
            }
            fn(&m, ctx);
        }
        s = e;
    }
}

int guestmaps_walk(bool with_fields, guestmaps_fn fn, void *ctx)
{
    size_t len;
    mem_mm_lock();
    char *buf = guestmaps_read_host(with_fields ? "/proc/thread-self/smaps" : "/proc/thread-self/maps", &len);
    if (!buf && !with_fields) {
        /* no host list (a root without /proc): the page flags alone, the
         * region taken as one anonymous private mapping; so a core file
         * still has the guest's memory, without file names */
        struct guestmaps_host whole = {
            .hs = (uint64_t)(uintptr_t)guest_base,
            .he = (uint64_t)(uintptr_t)guest_base + guest_size,
            .perms = "---p",
            .name = "",
        };
        guestmaps_emit_runs(&whole, NULL, fn, ctx);
        mem_mm_unlock();
        return 0;
    }
    if (!buf) {
        int e = errno ? errno : ENOMEM;
        mem_mm_unlock();
        return -e;
    }
    char *real_prefix = opt.ld_prefix && opt.ld_prefix[0] ? realpath(opt.ld_prefix, NULL) : NULL;
    struct guestmaps_host h;
    bool have = false;
    char *line = buf;
    while (*line) {
        char *nl = strchr(line, '\n');
        char *next = nl ? nl + 1 : line + strlen(line);
        if (nl)
            *nl = 0;
        if (guestmaps_is_header(line)) {
            if (have)
                guestmaps_emit_runs(&h, real_prefix, fn, ctx);
            have = guestmaps_parse(line, &h);
            h.fields = next;
            h.nfields = 0;
        } else if (have) {
            h.nfields++;
        }
        line = next;
    }
    if (have)
        guestmaps_emit_runs(&h, real_prefix, fn, ctx);
    mem_mm_unlock();
    free(real_prefix);
    free(buf);
    return 0;
}

/* /proc/<self>/maps and smaps as the guest sees them, derived from the host's
 * own list: every guest mapping is a host mapping at guest_base + address, so
 * the host kernel already knows each guest page's backing (file, offset,
 * device, inode, private or shared) and keeps it right through mremap,
 * partial munmap and fork. Only the part of the host's list inside the guest
 * region is shown, at guest addresses, split where pvm's page flags differ
 * and with the permissions taken from them (the host sees guest PROT_EXEC as
 * PROT_READ); pages the guest has not mapped (the PROT_NONE reservation) are
 * left out, so none of pvm's own mappings ever appears. Anonymous mappings
 * in the ranges gproc records are named [stack], [heap] and [vdso] (the
 * vDSO always a mapping of its own, as the kernel's special mapping is).
 * smaps_rollup is summed from the guest's smaps, never the host's totals. */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/options.h"
#include "core/process.h"
#include "syscalls/procfs.h"

/* the page-flag bits that make a guest mapping's identity */
#define MAPS_VIS (PG_MAPPED | PG_R | PG_W | PG_X)

int procfs_maps_format(char *buf, size_t cap, const struct procfs_vma *v)
{
    int n = snprintf(buf, cap, "%08" PRIx64 "-%08" PRIx64 " %s %08" PRIx64 " %02x:%02x %" PRIu64 " ",
                     v->start, v->end, v->perms, v->offset, v->dev_major, v->dev_minor, v->inode);
    if (n < 0 || !v->name || !v->name[0])
        return n;
    /* the kernel pads the prefix (which ends in a space) to 72 columns, then
     * adds one more space: the name starts in column 73 or later */
    int pad = (n < 72 ? 72 - n : 0) + 1;
    size_t used = (size_t)n < cap ? (size_t)n : cap;
    int m = snprintf(buf + used, cap - used, "%*s%s", pad, "", v->name);
    return m < 0 ? m : n + m;
}

char *procfs_read_host(const char *path, size_t *len)
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

/* one host mapping line (and, for smaps, its counter lines) */
struct maps_host {
    uint64_t hs, he; /* host addresses */
    char perms[5];
    uint64_t off;
    unsigned maj, min;
    uint64_t ino;
    const char *name;
    char *fields; /* smaps counter lines, NUL-separated, nfields of them */
    int nfields;
};

/* a header line is "start-end perms ...": hex and one '-' in its first word */
static bool maps_is_header(const char *l)
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

static bool maps_parse(char *l, struct maps_host *h)
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
static const char *maps_guest_name(const char *name, const char *real_prefix)
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

static uint8_t maps_flags(uint64_t ga) { return mem_page_flags(ga) & MAPS_VIS; }

static bool maps_overlap(uint64_t s, uint64_t e, uint64_t lo, uint64_t hi)
{
    return lo < hi && s < hi && lo < e;
}

/* one guest mapping: the run [s, e) of host mapping h with page flags f */
struct maps_run {
    struct procfs_vma v;
    const struct maps_host *h;
    uint64_t hlen; /* bytes of h inside the region */
    bool stack;
};

typedef void (*maps_visit_fn)(const struct maps_run *r, void *ctx);

static uint64_t maps_page_up(uint64_t v) { return (v + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK; }

/* the end of a run [s, e) cut at boundary b when b falls inside it */
static uint64_t maps_clip(uint64_t s, uint64_t e, uint64_t b) { return s < b && b < e ? b : e; }

static void maps_emit_runs(const struct maps_host *h, const char *real_prefix, maps_visit_fn fn,
                           void *ctx)
{
    uint64_t gb = (uint64_t)(uintptr_t)guest_base, ge = gb + guest_size;
    uint64_t hs = h->hs > gb ? h->hs : gb, he = h->he < ge ? h->he : ge;
    if (hs >= he)
        return;
    uint64_t s = hs - gb, end = he - gb;
    /* pvm keeps guest mappings page-aligned; a stray partial page is not ours */
    if ((s | end) & GUEST_PAGE_MASK)
        return;
    const char *name = maps_guest_name(h->name, real_prefix);
    uint64_t stack_lo = gproc.stack_top - gproc.stack_size, stack_hi = gproc.stack_top;
    uint64_t heap_lo = gproc.brk_start, heap_hi = maps_page_up(gproc.brk_cur);
    uint64_t vdso_lo = gproc.vdso_base, vdso_hi = vdso_lo + gproc.vdso_size;
    while (s < end) {
        uint8_t f = maps_flags(s);
        /* whole page-table entries at a time: a huge reservation is cheap */
        uint64_t e = mem_run_end(s, end, MAPS_VIS);
        /* the vDSO is a mapping of its own even where the host merged it
         * with a neighbour of the same protection */
        e = maps_clip(s, e, vdso_lo);
        e = maps_clip(s, e, vdso_hi);
        if (f & PG_MAPPED) {
            struct maps_run r = {.h = h, .hlen = he - hs};
            r.v.start = s;
            r.v.end = e;
            r.v.perms[0] = (f & PG_R) ? 'r' : '-';
            r.v.perms[1] = (f & PG_W) ? 'w' : '-';
            r.v.perms[2] = (f & PG_X) ? 'x' : '-';
            r.v.perms[3] = h->perms[3];
            r.v.perms[4] = 0;
            r.v.offset = h->ino ? h->off + (s - (hs - gb)) : 0;
            r.v.dev_major = h->maj;
            r.v.dev_minor = h->min;
            r.v.inode = h->ino;
            r.v.name = name;
            if (!h->ino && !name[0]) {
                if (maps_overlap(s, e, stack_lo, stack_hi)) {
                    r.v.name = "[stack]";
                    r.stack = true;
                } else if (maps_overlap(s, e, heap_lo, heap_hi)) {
                    r.v.name = "[heap]";
                } else if (maps_overlap(s, e, vdso_lo, vdso_hi)) {
                    r.v.name = "[vdso]";
                }
            }
            fn(&r, ctx);
        }
        s = e;
    }
}

/* Walks the host's maps (smaps when with_fields) and calls fn for every guest
 * mapping, in address order; 0 or -errno. */
static int maps_walk(bool with_fields, maps_visit_fn fn, void *ctx)
{
    size_t len;
    char *buf = procfs_read_host(with_fields ? "/proc/self/smaps" : "/proc/self/maps", &len);
    if (!buf)
        return -errno ? -errno : -ENOMEM;
    char *real_prefix = opt.ld_prefix && opt.ld_prefix[0] ? realpath(opt.ld_prefix, NULL) : NULL;
    struct maps_host h;
    bool have = false;
    char *line = buf;
    while (*line) {
        char *nl = strchr(line, '\n');
        char *next = nl ? nl + 1 : line + strlen(line);
        if (nl)
            *nl = 0;
        if (maps_is_header(line)) {
            if (have)
                maps_emit_runs(&h, real_prefix, fn, ctx);
            have = maps_parse(line, &h);
            h.fields = next;
            h.nfields = 0;
        } else if (have) {
            h.nfields++;
        }
        line = next;
    }
    if (have)
        maps_emit_runs(&h, real_prefix, fn, ctx);
    free(real_prefix);
    free(buf);
    return 0;
}

/* ---- maps ---- */

static void maps_print(const struct maps_run *r, void *ctx)
{
    char line[PATH_MAX + 128];
    int n = procfs_maps_format(line, sizeof line, &r->v);
    if (n > 0)
        fprintf(ctx, "%.*s\n", (int)(n < (int)sizeof line ? n : (int)sizeof line - 1), line);
}

/* The VmFlags line with the first mnemonics (rd wr ex) from the guest's
 * permissions, the host's others kept in their order. */
static void smaps_vmflags(FILE *f, const char *host, const char *perms)
{
    fputs("VmFlags: ", f);
    if (perms[0] == 'r')
        fputs("rd ", f);
    if (perms[1] == 'w')
        fputs("wr ", f);
    if (perms[2] == 'x')
        fputs("ex ", f);
    const char *p = host;
    while (*p) {
        while (*p == ' ')
            p++;
        const char *e = strchrnul(p, ' ');
        size_t n = (size_t)(e - p);
        if (n && !(n == 2 && (!memcmp(p, "rd", 2) || !memcmp(p, "wr", 2) || !memcmp(p, "ex", 2))))
            fprintf(f, "%.*s ", (int)n, p);
        p = e;
    }
    fputc('\n', f);
}

static void smaps_print(const struct maps_run *r, void *ctx)
{
    FILE *f = ctx;
    maps_print(r, f);
    uint64_t glen = r->v.end - r->v.start;
    const char *l = r->h->fields;
    for (int i = 0; i < r->h->nfields; i++, l += strlen(l) + 1) {
        const char *colon = strchr(l, ':');
        if (!colon)
            continue;
        size_t kn = (size_t)(colon - l) + 1;
        if (!strncmp(l, "VmFlags:", 8)) {
            smaps_vmflags(f, colon + 1, r->v.perms);
            continue;
        }
        if (!strncmp(l, "ProtectionKey:", 14)) /* x86 memory protection keys: not on arm64 */
            continue;
        unsigned long long v;
        char unit[4];
        if (sscanf(colon + 1, "%llu %3s", &v, unit) != 2 || strcmp(unit, "kB") != 0 ||
            kn > 16) {
            fprintf(f, "%s\n", l);
            continue;
        }
        if (!strncmp(l, "Size:", 5))
            v = glen >> 10;
        else if (strncmp(l, "KernelPageSize:", 15) && strncmp(l, "MMUPageSize:", 12) &&
                 glen != r->hlen)
            /* a host mapping pvm shows as several: its counters shared out */
            v = (unsigned long long)((unsigned __int128)v * glen / r->hlen);
        fprintf(f, "%-16.*s%8llu kB\n", (int)kn, l, v);
    }
}

int procfs_gen_maps(FILE *f, bool smaps)
{
    return maps_walk(smaps, smaps ? smaps_print : maps_print, f);
}

/* ---- sums for status ---- */

static void maps_sum(const struct maps_run *r, void *ctx)
{
    struct procfs_vm_sums *s = ctx;
    uint64_t n = r->v.end - r->v.start;
    s->total += n;
    if (r->stack)
        s->stack += n;
    else if (r->v.perms[2] == 'x' && r->v.perms[1] != 'w')
        s->exec += n;
    else if (r->v.perms[1] == 'w' && r->v.perms[3] == 'p')
        s->data += n;
}

void procfs_vm_sums(struct procfs_vm_sums *s)
{
    memset(s, 0, sizeof *s);
    maps_walk(false, maps_sum, s);
}

/* ---- smaps_rollup ---- */

#define ROLLUP_MAX_KEYS 48

struct rollup {
    int n;
    char key[ROLLUP_MAX_KEYS][24]; /* "Rss:" ... */
    unsigned long long kb[ROLLUP_MAX_KEYS];
};

static unsigned long long *rollup_slot(struct rollup *r, const char *key, size_t kn)
{
    for (int i = 0; i < r->n; i++)
        if (strlen(r->key[i]) == kn && !memcmp(r->key[i], key, kn))
            return &r->kb[i];
    if (r->n == ROLLUP_MAX_KEYS || kn >= sizeof r->key[0])
        return NULL;
    memcpy(r->key[r->n], key, kn);
    r->key[r->n][kn] = 0;
    r->kb[r->n] = 0;
    return &r->kb[r->n++];
}

static void rollup_add(struct rollup *r, const char *key, unsigned long long kb)
{
    unsigned long long *v = rollup_slot(r, key, strlen(key));
    if (v)
        *v += kb;
}

/* The kernel's smaps_rollup for the guest's mappings: one "[rollup]" line
 * spanning them, then each counter of the host's smaps_rollup (its keys,
 * in its order) summed over the guest's smaps. Pss_Anon, Pss_File and
 * Pss_Shmem are not in smaps: they are the Pss of the guest's anonymous,
 * file and shared mappings. */
int procfs_gen_smaps_rollup(FILE *f)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return -ENOMEM;
    int r = procfs_gen_maps(m, true);
    if (fclose(m) != 0 && !r)
        r = -ENOMEM;
    if (r) {
        free(text);
        return r;
    }
    struct rollup *sum = calloc(1, sizeof *sum);
    if (!sum) {
        free(text);
        return -ENOMEM;
    }
    uint64_t lo = 0, hi = 0;
    bool any = false;
    const char *pss_kind = "Pss_Anon:";
    for (char *line = text, *next; line && *line; line = next) {
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl)
            *nl = 0;
        struct maps_host h;
        if (maps_is_header(line) && maps_parse(line, &h)) {
            if (!any)
                lo = h.hs;
            hi = h.he;
            any = true;
            pss_kind = h.perms[3] == 's' ? "Pss_Shmem:" : h.ino ? "Pss_File:" : "Pss_Anon:";
            continue;
        }
        const char *colon = strchr(line, ':');
        unsigned long long v;
        char unit[4];
        if (!colon || sscanf(colon + 1, "%llu %3s", &v, unit) != 2 || strcmp(unit, "kB") != 0)
            continue;
        unsigned long long *slot = rollup_slot(sum, line, (size_t)(colon - line) + 1);
        if (slot)
            *slot += v;
        if (!strncmp(line, "Pss:", 4))
            rollup_add(sum, pss_kind, v);
    }
    free(text);
    struct procfs_vma v = {.start = lo, .end = hi, .perms = "---p", .name = "[rollup]"};
    char head[160];
    if (procfs_maps_format(head, sizeof head, &v) > 0)
        fprintf(f, "%s\n", head);
    size_t hlen;
    char *host = procfs_read_host("/proc/self/smaps_rollup", &hlen);
    for (char *line = host, *next; line && *line; line = next) {
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl)
            *nl = 0;
        const char *colon = strchr(line, ':');
        if (maps_is_header(line) || !colon || (size_t)(colon - line) + 1 > 16)
            continue;
        unsigned long long *slot = rollup_slot(sum, line, (size_t)(colon - line) + 1);
        fprintf(f, "%-16.*s%8llu kB\n", (int)(colon - line) + 1, line, slot ? *slot : 0ull);
    }
    free(host);
    free(sum);
    return 0;
}

/* /proc/<self>/maps and smaps as the guest sees them: the guest mappings
 * core/guestmaps.c derives from the host's own list (guest addresses, pvm's
 * page flags as permissions, files by their guest path, none of pvm's own
 * mappings), in the kernel's line format; smaps adds the host's counters of
 * each mapping, shared out where pvm shows one host mapping as several.
 * smaps_rollup is summed from the guest's smaps, never the host's totals. */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/guestmaps.h"
#include "syscalls/procfs.h"

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

char *procfs_read_host(const char *path, size_t *len) { return guestmaps_read_host(path, len); }

static struct procfs_vma maps_vma(const struct guestmap *m)
{
    struct procfs_vma v = {.start = m->start, .end = m->end, .offset = m->offset,
                           .dev_major = m->dev_major, .dev_minor = m->dev_minor,
                           .inode = m->inode, .name = m->name};
    memcpy(v.perms, m->perms, sizeof v.perms);
    return v;
}

/* ---- maps ---- */

static void maps_print(const struct guestmap *r, void *ctx)
{
    char line[PATH_MAX + 128];
    struct procfs_vma v = maps_vma(r);
    int n = procfs_maps_format(line, sizeof line, &v);
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

static void smaps_print(const struct guestmap *r, void *ctx)
{
    FILE *f = ctx;
    maps_print(r, f);
    uint64_t glen = r->end - r->start;
    const char *l = r->host->fields;
    for (int i = 0; i < r->host->nfields; i++, l += strlen(l) + 1) {
        const char *colon = strchr(l, ':');
        if (!colon)
            continue;
        size_t kn = (size_t)(colon - l) + 1;
        if (!strncmp(l, "VmFlags:", 8)) {
            smaps_vmflags(f, colon + 1, r->perms);
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
                 glen != r->host_len)
            /* a host mapping pvm shows as several: its counters shared out */
            v = (unsigned long long)((unsigned __int128)v * glen / r->host_len);
        fprintf(f, "%-16.*s%8llu kB\n", (int)kn, l, v);
    }
}

int procfs_gen_maps(FILE *f, bool smaps)
{
    return guestmaps_walk(smaps, smaps ? smaps_print : maps_print, f);
}

/* ---- sums for status ---- */

static void maps_sum(const struct guestmap *r, void *ctx)
{
    struct procfs_vm_sums *s = ctx;
    uint64_t n = r->end - r->start;
    s->total += n;
    if (r->stack)
        s->stack += n;
    else if (r->perms[2] == 'x' && r->perms[1] != 'w')
        s->exec += n;
    else if (r->perms[1] == 'w' && r->perms[3] == 'p')
        s->data += n;
}

void procfs_vm_sums(struct procfs_vm_sums *s)
{
    memset(s, 0, sizeof *s);
    guestmaps_walk(false, maps_sum, s);
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
        struct guestmaps_host h;
        if (guestmaps_is_header(line) && guestmaps_parse(line, &h)) {
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
    char *host = procfs_read_host("/proc/thread-self/smaps_rollup", &hlen);
    for (char *line = host, *next; line && *line; line = next) {
        char *nl = strchr(line, '\n');
        next = nl ? nl + 1 : NULL;
        if (nl)
            *nl = 0;
        const char *colon = strchr(line, ':');
        if (guestmaps_is_header(line) || !colon || (size_t)(colon - line) + 1 > 16)
            continue;
        unsigned long long *slot = rollup_slot(sum, line, (size_t)(colon - line) + 1);
        fprintf(f, "%-16.*s%8llu kB\n", (int)(colon - line) + 1, line, slot ? *slot : 0ull);
    }
    free(host);
    free(sum);
    return 0;
}

/* The guest's mappings, derived from the host's own list: every guest
 * mapping is a host mapping at guest_base + address, so the host kernel
 * already knows each guest page's backing (file, offset, device, inode,
 * private or shared) and keeps it right through mremap, partial munmap and
 * fork. guestmaps_walk reads /proc/self/maps (or smaps), keeps the part
 * inside the guest region, at guest addresses, split where pvm's page flags
 * differ, with the permissions taken from them (the host sees guest
 * PROT_EXEC as PROT_READ), files named by their guest path. Pages the guest
 * has not mapped (the PROT_NONE reservation) are left out, so none of pvm's
 * own mappings ever appears. One source for /proc/<self>/maps, smaps,
 * status (syscalls/procfs_maps.c) and core files (signals/core.c); it is in
 * core/ so that both floors can use it.
 * Costs: one read of the host's list, and per host mapping one step per
 * 256 MiB page-table entry (mem_run_end), never one per page. */
#ifndef PVM_CORE_GUESTMAPS_H
#define PVM_CORE_GUESTMAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* one line of the host's maps (and, for smaps, its counter lines) */
struct guestmaps_host {
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
bool guestmaps_is_header(const char *line);
/* Parses a header line (modified: name points into it); false when malformed. */
bool guestmaps_parse(char *line, struct guestmaps_host *h);

/* one guest mapping: a run of host mapping `host` with equal page flags */
struct guestmap {
    uint64_t start, end;  /* guest addresses, page-aligned */
    uint8_t flags;        /* PG_MAPPED | PG_R/W/X of every page in it */
    char perms[5];        /* "rwxp" / "r--s" ...: flags, and the host's p/s */
    uint64_t offset;      /* file offset of start (0 when anonymous) */
    unsigned dev_major, dev_minor;
    uint64_t inode;       /* 0: anonymous */
    const char *name;     /* guest path, "[stack]", "[heap]" or "" */
    bool stack;           /* part of the guest's stack */
    const struct guestmaps_host *host;
    uint64_t host_len;    /* bytes of the host mapping inside the region */
};

/* Calls fn for every guest mapping, in address order; with_fields reads
 * smaps so that m->host->fields holds the counters. What m points to lives
 * only during the call. 0 or -errno (smaps cannot be read). Without the
 * host's list (no /proc), the runs of the page flags over the whole region,
 * all anonymous and private, unnamed but [stack], [heap] and [vdso]. Holds
 * the mm lock (core/mem.h) throughout: fn must not change the guest's
 * mappings, walk again or wait for a thread that might. */
typedef void (*guestmaps_fn)(const struct guestmap *m, void *ctx);
int guestmaps_walk(bool with_fields, guestmaps_fn fn, void *ctx);

/* The whole host file at path (a /proc file: its size is unknown until
 * read), NUL-terminated, malloc'd; NULL with errno. */
char *guestmaps_read_host(const char *path, size_t *len);

#endif

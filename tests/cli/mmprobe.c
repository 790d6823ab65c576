/* Guest for the memory cases of the command-line suite (tests/cli/cases_mm.sh):
 * huge brk, mmap and mremap requests that must fail (or succeed where Linux
 * would) at once, running out of host mappings (vm.max_map_count), and a
 * copy of an ELF with a huge PT_TLS alignment. Each subcommand prints one
 * result line, "WHAT: RESULT in SECONDS s"; the time lets the suite check
 * that a failure did not take time proportional to the size asked for.
 * "readmaps" also times a read of /proc/self/maps while the mapping stands.
 * usage: mmprobe brk GIB | mmap GIB [fixed] [noreserve] [none] [over] [readmaps] |
 *        mremap GIB [inplace] | maxmap | tls-align SRC DST LOG2 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define GIB (1ull << 30)
#define FIXED_AT (4ull << 30) /* where the MAP_FIXED cases map */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static const char *errname(int e)
{
    switch (e) {
    case ENOMEM: return "ENOMEM";
    case EINVAL: return "EINVAL";
    case EEXIST: return "EEXIST";
    case EFAULT: return "EFAULT";
    case EPERM: return "EPERM";
    default: return "E?";
    }
}

/* prints "WHAT: ok|-1 ERRNO in T s" for a pointer result */
static void report(const char *what, void *p, int e, double t0)
{
    double dt = now() - t0;
    if (p == MAP_FAILED)
        printf("%s: -1 %s in %.3f s\n", what, errname(e), dt);
    else
        printf("%s: ok in %.3f s\n", what, dt);
}

static int cmd_brk(unsigned long long gib)
{
    char what[64];
    snprintf(what, sizeof what, "brk +%lluG", gib);
    uintptr_t cur = (uintptr_t)syscall(SYS_brk, 0);
    double t0 = now();
    uintptr_t r = (uintptr_t)syscall(SYS_brk, cur + gib * GIB);
    printf("%s: %s in %.3f s\n", what, r == cur ? "unchanged" : "moved", now() - t0);
    return 0;
}

static int cmd_mmap(unsigned long long gib, int argc, char **argv)
{
    int flags = MAP_PRIVATE | MAP_ANONYMOUS, prot = PROT_READ | PROT_WRITE;
    void *at = NULL;
    char *old = NULL; /* "over": a page of data inside the range, mapped first */
    int readmaps = 0;
    char what[128];
    int n = snprintf(what, sizeof what, "mmap %lluG", gib);
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "fixed")) {
            flags |= MAP_FIXED;
            at = (void *)FIXED_AT;
        } else if (!strcmp(argv[i], "noreserve")) {
            flags |= MAP_NORESERVE;
        } else if (!strcmp(argv[i], "none")) {
            prot = PROT_NONE;
        } else if (!strcmp(argv[i], "readmaps")) {
            readmaps = 1;
        } else if (!strcmp(argv[i], "over")) {
            old = mmap((void *)(FIXED_AT + GIB), 4096, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
            if (old == MAP_FAILED)
                return 1;
            old[1] = 0x5a;
        } else {
            fprintf(stderr, "mmprobe: bad mmap option %s\n", argv[i]);
            return 2;
        }
        n += snprintf(what + n, sizeof what - (size_t)n, " %s", argv[i]);
    }
    double t0 = now();
    void *p = mmap(at, gib * GIB, prot, flags, -1, 0);
    int e = errno;
    report(what, p, e, t0);
    if (old && p == MAP_FAILED) {
        /* the kernel may or may not have removed it; it is never half there */
        unsigned char v;
        if (mincore(old, 4096, &v) == 0)
            printf("old page: %s\n", old[1] == 0x5a ? "kept" : "changed");
        else
            printf("old page: gone (%s)\n", errname(errno));
    }
    if (p != MAP_FAILED) {
        /* usable: the first and last pages are really there */
        if (prot != PROT_NONE) {
            ((volatile char *)p)[0] = 1;
            ((volatile char *)p)[gib * GIB - 1] = 2;
        }
        if (readmaps) {
            /* the guest's maps view must not cost in proportion to the size */
            double t1 = now();
            FILE *f = fopen("/proc/self/maps", "r");
            char line[512];
            int lines = 0;
            while (f && fgets(line, sizeof line, f))
                lines++;
            if (f)
                fclose(f);
            printf("maps: %s in %.3f s\n", lines > 0 ? "read" : "unreadable", now() - t1);
        }
        if (munmap(p, gib * GIB) != 0)
            return 1;
    }
    return 0;
}

static int cmd_mremap(unsigned long long gib, int inplace)
{
    char what[64];
    snprintf(what, sizeof what, "mremap %lluG%s", gib, inplace ? " inplace" : "");
    void *p = mmap(inplace ? (void *)FIXED_AT : NULL, 1 << 20, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | (inplace ? MAP_FIXED : 0), -1, 0);
    if (p == MAP_FAILED)
        return 1;
    memset(p, 0x5a, 1 << 20);
    double t0 = now();
    void *q = mremap(p, 1 << 20, gib * GIB, inplace ? 0 : MREMAP_MAYMOVE);
    int e = errno;
    report(what, q, e, t0);
    if (q == MAP_FAILED)
        q = p;
    /* the old mapping is intact after a failure */
    return ((volatile char *)q)[(1 << 20) - 1] == 0x5a ? 0 : 1;
}

/* mprotect every other page of a large reservation until the host's limit
 * on mappings is reached, then munmap one page in the middle of the part
 * not yet split: ENOMEM, as Linux says. Undoing the splits frees mappings
 * again, and then malloc and stdio work. */
static int cmd_maxmap(void)
{
    const size_t pages = 160000, pg = 4096;
    char *a = mmap(NULL, pages * pg, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (a == MAP_FAILED) {
        printf("reserve: -1 %s\n", errname(errno));
        return 1;
    }
    double t0 = now();
    size_t i, splits = 0;
    int e = 0;
    for (i = 1; i + 1 < pages; i += 2) {
        if (mprotect(a + i * pg, pg, PROT_READ) != 0) {
            e = errno;
            break;
        }
        splits++;
    }
    printf("mprotect every other page: %s after %s splits\n", e ? errname(e) : "no error",
           splits >= 10000 ? "10000+" : "few");
    if (!e)
        return 1;
    /* middle of the unsplit tail */
    char *mid = a + (i + 1 + (pages - i - 1) / 2) * pg;
    int r = munmap(mid, pg);
    e = errno;
    printf("munmap in the middle: %d %s\n", r, r ? errname(e) : "");
    int back = munmap(a, pages * pg);
    printf("munmap all: %d\n", back);
    char *m = malloc(1 << 20);
    if (!m)
        return 1;
    memset(m, 1, 1 << 20);
    printf("malloc 1 MiB: ok\n");
    fprintf(stderr, "maxmap: %zu splits in %.3f s\n", splits, now() - t0);
    free(m);
    return r == -1 && e == ENOMEM && back == 0 ? 0 : 1;
}

/* Copies SRC (a static ELF) to DST with its PT_TLS p_align set to 2^LOG2. */
static int cmd_tls_align(const char *src, const char *dst, unsigned log2)
{
    FILE *f = fopen(src, "rb");
    if (!f)
        return 1;
    static char buf[64 << 20];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    Elf64_Ehdr *eh = (Elf64_Ehdr *)buf;
    if (n < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
        eh->e_phoff + (size_t)eh->e_phnum * sizeof(Elf64_Phdr) > n)
        return 1;
    int found = 0;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        Elf64_Phdr *ph = (Elf64_Phdr *)(buf + eh->e_phoff + i * sizeof(Elf64_Phdr));
        if (ph->p_type == PT_TLS) {
            ph->p_align = 1ull << log2;
            found = 1;
        }
    }
    FILE *o = fopen(dst, "wb");
    if (!found || !o || fwrite(buf, 1, n, o) != n || fclose(o) != 0)
        return 1;
    printf("PT_TLS p_align 2^%u\n", log2);
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 3 && !strcmp(argv[1], "brk"))
        return cmd_brk(strtoull(argv[2], NULL, 0));
    if (argc >= 3 && !strcmp(argv[1], "mmap"))
        return cmd_mmap(strtoull(argv[2], NULL, 0), argc - 3, argv + 3);
    if (argc >= 3 && !strcmp(argv[1], "mremap"))
        return cmd_mremap(strtoull(argv[2], NULL, 0), argc > 3 && !strcmp(argv[3], "inplace"));
    if (argc == 2 && !strcmp(argv[1], "maxmap"))
        return cmd_maxmap();
    if (argc == 5 && !strcmp(argv[1], "tls-align"))
        return cmd_tls_align(argv[2], argv[3], (unsigned)strtoul(argv[4], NULL, 0));
    fprintf(stderr, "usage: mmprobe brk GIB | mmap GIB [fixed] [noreserve] [none] [over] [readmaps] |\n"
                    "       mremap GIB [inplace] | maxmap | tls-align SRC DST LOG2\n");
    return 2;
}

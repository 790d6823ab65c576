/* Memory mapping: anonymous mmap/munmap (holes fault), mprotect (write to
 * read-only and read of PROT_NONE fault; data survives),
 * mremap grow/shrink/move with contents preserved, MAP_FIXED replacement,
 * MAP_FIXED_NOREPLACE, shared and private file mappings, madvise(DONTNEED),
 * argument errors. Each fault probe runs in a forked child and reports the
 * signal that ended it (guest signal handlers are a later issue).
 * child-faults: yes (tests/guest/run.sh drops pvm's reports of them) */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static size_t pg;

/* touch p (read or write) in a forked child and report whether that faulted.
 * A child keeps this independent of guest signal delivery (a later issue):
 * the observable result is the child's wait status. */
static void probe(const char *what, volatile unsigned char *p, int write, const void *base)
{
    (void)base;
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0) {
        /* the emulator's own report of the fault is not part of the result:
         * this silences qemu's; pvm's goes to its copy of the original
         * stderr, and the runner drops it (child-faults above) */
        int null = open("/dev/null", O_WRONLY);
        dup2(null, 2);
        if (write)
            *p = 0x5a;
        else
            (void)*p;
        _exit(0);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    if (WIFSIGNALED(st))
        printf("%-40s signal %d\n", what, WTERMSIG(st));
    else
        printf("%-40s ok\n", what);
}

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%-40s -1 %s\n", what, strerrorname_np(errno));
    else
        printf("%-40s %ld\n", what, r);
}

static int pattern_ok(const unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != (unsigned char)(i * 7 + seed))
            return 0;
    return 1;
}
static void pattern_fill(unsigned char *p, size_t n, unsigned seed)
{
    for (size_t i = 0; i < n; i++)
        p[i] = (unsigned char)(i * 7 + seed);
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    pg = (size_t)sysconf(_SC_PAGESIZE);
    printf("page size %zu\n", pg);

    unsigned char *a = mmap(NULL, 16 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    show("mmap 16 pages", a == MAP_FAILED ? -1 : 0);
    printf("page aligned %d, zero filled %d\n", ((uintptr_t)a & (pg - 1)) == 0, a[0] == 0 && a[16 * pg - 1] == 0);
    pattern_fill(a, 16 * pg, 1);
    show("munmap page 5", munmap(a + 5 * pg, pg));
    probe("read unmapped page 5", a + 5 * pg + 100, 0, a);
    probe("read page 4 (still mapped)", a + 4 * pg + 100, 0, a);
    printf("pages 0-4 intact %d, 6-15 intact %d\n", pattern_ok(a, 5 * pg, 1),
           pattern_ok(a + 6 * pg, 10 * pg, (unsigned)(6 * pg * 7 + 1)));

    show("mprotect page 2 PROT_READ", mprotect(a + 2 * pg, pg, PROT_READ));
    probe("write read-only page 2", a + 2 * pg + 8, 1, a);
    probe("read read-only page 2", a + 2 * pg + 8, 0, a);
    show("mprotect page 3 PROT_NONE", mprotect(a + 3 * pg, pg, PROT_NONE));
    probe("read PROT_NONE page 3", a + 3 * pg + 16, 0, a);
    show("mprotect 2-3 back to RW", mprotect(a + 2 * pg, 2 * pg, PROT_READ | PROT_WRITE));
    printf("data kept through mprotect %d\n", pattern_ok(a, 5 * pg, 1));
    show("mprotect unaligned", mprotect(a + 1, pg, PROT_READ));
    show("mprotect over the hole", mprotect(a + 4 * pg, 2 * pg, PROT_READ));

    /* mremap: grow (may move), shrink, explicit move */
    unsigned char *b = mmap(NULL, 2 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pattern_fill(b, 2 * pg, 3);
    unsigned char *b2 = mremap(b, 2 * pg, 64 * pg, MREMAP_MAYMOVE);
    show("mremap grow 2 -> 64 pages", b2 == MAP_FAILED ? -1 : 0);
    printf("contents kept %d, new part zero %d\n", pattern_ok(b2, 2 * pg, 3),
           b2[2 * pg] == 0 && b2[64 * pg - 1] == 0);
    b2[64 * pg - 1] = 9;
    unsigned char *b3 = mremap(b2, 64 * pg, pg, 0);
    show("mremap shrink to 1 page in place", b3 == b2 ? 0 : -1);
    probe("read beyond the shrunk mapping", b3 + 2 * pg, 0, b3);
    void *blocker = mmap(b3 + pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    show("map the page after it", blocker == b3 + pg ? 0 : -1);
    show("mremap grow without MAYMOVE (blocked)",
         mremap(b3, pg, 64 * pg, 0) == MAP_FAILED ? -1 : 0);
    munmap(blocker, pg);
    show("mremap unaligned old address", mremap(b3 + 1, pg, 2 * pg, MREMAP_MAYMOVE) == MAP_FAILED ? -1 : 0);
    munmap(b3, pg);

    /* realloc's growth of a big block: doubling by mremap past 4 MiB (pvm
     * hints huge pages there for private anonymous mappings), contents kept
     * at every step; a shared mapping grown the same way keeps its sharing
     * (its object keeps its size: past the first 64 pages is SIGBUS) */
    size_t len = 32 * pg;
    unsigned char *g = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    pattern_fill(g, len, 5);
    int kept = 1;
    while (len < (16u << 20) && g != MAP_FAILED) {
        g = mremap(g, len, 2 * len, MREMAP_MAYMOVE);
        if (g == MAP_FAILED)
            break;
        kept &= pattern_ok(g, 32 * pg, 5) && g[len] == 0 && g[2 * len - 1] == 0;
        memset(g + len, 0x5a, len);
        len *= 2;
    }
    printf("mremap doubling to %zu MiB: %s, contents kept %d\n", len >> 20,
           g == MAP_FAILED ? "failed" : "ok", kept);
    if (g != MAP_FAILED)
        munmap(g, len);
    unsigned char *sh = mmap(NULL, 64 * pg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    sh[0] = 1;
    unsigned char *sh2 = mremap(sh, 64 * pg, (8u << 20), MREMAP_MAYMOVE);
    show("mremap shared 64 pages -> 8 MiB", sh2 == MAP_FAILED ? -1 : 0);
    if (sh2 != MAP_FAILED) {
        pid_t kid = fork();
        if (kid == 0) {
            sh2[64 * pg - 1] = 7;
            _exit(0);
        }
        waitpid(kid, NULL, 0);
        printf("shared after the grow: first %d, child's write seen %d\n", sh2[0], sh2[64 * pg - 1]);
        munmap(sh2, 8u << 20);
    }

    /* MAP_FIXED replaces what was there; NOREPLACE refuses */
    unsigned char *f = mmap(a + 8 * pg, 2 * pg, PROT_READ | PROT_WRITE,
                            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    show("MAP_FIXED over pages 8-9", f == a + 8 * pg ? 0 : -1);
    printf("replaced pages are zero %d, page 10 intact %d\n", a[8 * pg] == 0 && a[10 * pg - 1] == 0,
           pattern_ok(a + 10 * pg, pg, (unsigned)(10 * pg * 7 + 1)));
    void *nr = mmap(a + 9 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    show("MAP_FIXED_NOREPLACE on a mapped page", nr == MAP_FAILED ? -1 : 0);
    nr = mmap(a + 5 * pg, pg, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    show("MAP_FIXED_NOREPLACE into the hole", nr == a + 5 * pg ? 0 : -1);
    probe("write the PROT_READ page in the hole", a + 5 * pg, 1, a);

    /* madvise DONTNEED on private anonymous memory gives zeroes back */
    a[12 * pg] = 77;
    show("madvise DONTNEED page 12", madvise(a + 12 * pg, pg, MADV_DONTNEED));
    printf("page 12 after DONTNEED: %d\n", a[12 * pg]);

    /* argument errors */
    show("mmap length 0", mmap(NULL, 0, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? -1 : 0);
    show("mmap no MAP_PRIVATE/SHARED", mmap(NULL, pg, PROT_READ, MAP_ANONYMOUS, -1, 0) == MAP_FAILED ? -1 : 0);
    show("mmap bad fd", mmap(NULL, pg, PROT_READ, MAP_PRIVATE, 999, 0) == MAP_FAILED ? -1 : 0);
    show("munmap unaligned", munmap(a + 1, pg));
    show("munmap length 0", munmap(a, 0));

    /* file mappings */
    char path[] = "/tmp/pvm-mmap-XXXXXX";
    int fd = mkstemp(path);
    unlink(path);
    show("ftruncate file to 3 pages", ftruncate(fd, (off_t)(3 * pg)));
    unsigned char *s = mmap(NULL, 3 * pg, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    show("mmap MAP_SHARED file", s == MAP_FAILED ? -1 : 0);
    memcpy(s + pg + 10, "shared write", 12);
    show("msync", msync(s, 3 * pg, MS_SYNC));
    char buf[32] = {0};
    pread(fd, buf, 12, (off_t)pg + 10);
    printf("file sees [%s]\n", buf);
    pwrite(fd, "from write()", 12, 100);
    printf("mapping sees [%.12s]\n", s + 100);
    unsigned char *pv = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, (off_t)pg);
    show("mmap MAP_PRIVATE at offset 1 page", pv == MAP_FAILED ? -1 : 0);
    printf("private view [%.12s]\n", pv + 10);
    memcpy(pv + 10, "PRIVATE", 7);
    memset(buf, 0, sizeof buf);
    pread(fd, buf, 12, (off_t)pg + 10);
    printf("file after private write [%s], private [%.12s]\n", buf, pv + 10);
    unsigned char *ro = mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 0);
    probe("write a PROT_READ shared file mapping", ro + 5, 1, ro);
    show("mmap unaligned offset", mmap(NULL, pg, PROT_READ, MAP_SHARED, fd, 5) == MAP_FAILED ? -1 : 0);
    /* beyond the end of the file: SIGBUS */
    unsigned char *past = mmap(NULL, 5 * pg, PROT_READ, MAP_SHARED, fd, 0);
    probe("read page 4 of a 3-page file", past + 4 * pg, 0, past);
    munmap(past, 5 * pg);
    munmap(ro, pg);
    munmap(pv, pg);
    munmap(s, 3 * pg);
    close(fd);
    show("munmap all 16", munmap(a, 16 * pg));
    probe("read after munmap", a + pg, 0, a);

    /* brk through malloc: many sizes, contents checked */
    unsigned long sum = 0;
    for (int round = 0; round < 3; round++) {
        void *ptrs[200];
        for (int i = 0; i < 200; i++) {
            size_t n = (size_t)(i * 37 % 500 + 1) * (round == 2 ? 1000 : 8);
            ptrs[i] = malloc(n);
            memset(ptrs[i], i, n);
            sum += ((unsigned char *)ptrs[i])[n - 1];
        }
        for (int i = 0; i < 200; i += 2)
            free(ptrs[i]);
        for (int i = 1; i < 200; i += 2) {
            ptrs[i] = realloc(ptrs[i], 4096 + (size_t)i);
            sum += ((unsigned char *)ptrs[i])[0];
            free(ptrs[i]);
        }
    }
    printf("malloc checksum %lu\n", sum);
    return 0;
}

/* glibc string and memory functions (their ASIMD versions read whole aligned
 * chunks) on unaligned and page-crossing buffers: every alignment 0..63 and
 * length 0..200, once placed in the middle of a page and once ending right
 * before a PROT_NONE page (with 0..63 bytes of junk between the end and the
 * guard), checked against naive reference code. Built with -fno-builtin so
 * every call reaches glibc. Prints one line per function; a fault names the
 * case. Offsets only, never addresses. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#define MAXLEN 200
#define NALIGN 64
#define GUARD 32 /* bytes checked on each side of a destination */

static size_t page;
static unsigned char *src_base, *src_end; /* src_end: first byte of the guard page */
static unsigned char *dst_base, *dst_end;
static unsigned long checks, bad;
static const char *cur_fn;
static int cur_p;
static size_t cur_len;
static unsigned cur_a;

static void print_case(void)
{
    printf("%s %s len=%zu align/gap=%u", cur_fn, cur_p ? "at-guard" : "mid-page", cur_len, cur_a);
}

static void on_fault(int sig)
{
    /* not async-signal-safe, but nothing else runs: the program ends here */
    printf("FAULT (signal %d) in ", sig);
    print_case();
    printf("\n");
    fflush(stdout);
    _exit(3);
}

static unsigned char *map_guarded(unsigned char **end)
{
    unsigned char *p = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    if (mprotect(p + page, page, PROT_NONE)) {
        perror("mprotect");
        exit(2);
    }
    *end = p + page;
    return p;
}

static void report(unsigned long fn_checks, unsigned long fn_bad)
{
    printf("%-8s checks %lu, bad %lu\n", cur_fn, fn_checks, fn_bad);
}

static void fail(const char *fmt, long got, long want)
{
    bad++;
    if (bad <= 20) {
        printf("FAIL ");
        print_case();
        printf(": ");
        printf(fmt, got, want);
        printf("\n");
    }
}

/* Placement p: 0 = starts at alignment a inside the page, 1 = ends a bytes
 * before the guard page (the object's last byte, or its NUL, at end-1-a). */
static unsigned char *place(unsigned char *base, unsigned char *end, int p, size_t objlen, unsigned a)
{
    if (p == 0)
        return base + 1024 + a;
    return end - a - objlen;
}

/* non-zero junk that depends only on the byte's offset within its page */
static unsigned char junk_tab[4096];
static unsigned char junk(const unsigned char *q)
{
    return junk_tab[(uintptr_t)q & 0xfff];
}

static void fill_junk(unsigned char *base, unsigned char *end)
{
    for (unsigned char *q = base; q < end; q++)
        *q = junk(q);
}

static void make_str(unsigned char *s, size_t len, unsigned seed)
{
    for (size_t i = 0; i < len; i++)
        s[i] = (unsigned char)('a' + (i * 7 + seed) % 26);
    s[len] = 0;
}

static int sign(int v)
{
    return (v > 0) - (v < 0);
}

static int ref_strncmp(const unsigned char *a, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
        if (!a[i])
            return 0;
    }
    return 0;
}

static int ref_memcmp(const unsigned char *a, const unsigned char *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (a[i] != b[i])
            return a[i] < b[i] ? -1 : 1;
    return 0;
}

typedef void (*test_fn)(int p, size_t len, unsigned a);

static void t_strlen(int p, size_t len, unsigned a)
{
    unsigned char *s = place(src_base, src_end, p, len + 1, a);
    make_str(s, len, a);
    long got = (long)strlen((char *)s);
    if (got != (long)len)
        fail("got %ld want %ld", got, (long)len);
    got = (long)strnlen((char *)s, len + 1);
    if (got != (long)len)
        fail("strnlen got %ld want %ld", got, (long)len);
    got = (long)strnlen((char *)s, len / 2);
    if (got != (long)(len / 2))
        fail("strnlen/2 got %ld want %ld", got, (long)(len / 2));
}

static void t_strchr(int p, size_t len, unsigned a)
{
    unsigned char *s = place(src_base, src_end, p, len + 1, a);
    make_str(s, len, a);
    size_t pos = (len * 3 + a) % (len + 1); /* pos == len: character absent */
    if (pos < len)
        s[pos] = '#';
    char *r = strchr((char *)s, '#');
    long got = r ? (long)(r - (char *)s) : -1, want = pos < len ? (long)pos : -1;
    if (got != want)
        fail("got %ld want %ld", got, want);
    r = strchr((char *)s, 0);
    if (r != (char *)s + len)
        fail("strchr(0) got %ld want %ld", r ? (long)(r - (char *)s) : -1, (long)len);
    r = strchrnul((char *)s, '@');
    if (r != (char *)s + len)
        fail("strchrnul got %ld want %ld", (long)(r - (char *)s), (long)len);
}

static void t_strrchr(int p, size_t len, unsigned a)
{
    unsigned char *s = place(src_base, src_end, p, len + 1, a);
    make_str(s, len, a);
    long want = -1;
    if (len) {
        size_t p1 = (a * 5) % len, p2 = (len * 7 + a) % len;
        s[p1] = '#';
        s[p2] = '#';
        want = (long)(p1 > p2 ? p1 : p2);
    }
    char *r = strrchr((char *)s, '#');
    long got = r ? (long)(r - (char *)s) : -1;
    if (got != want)
        fail("got %ld want %ld", got, want);
}

static void t_memchr(int p, size_t len, unsigned a)
{
    /* no terminator: the object is exactly len bytes */
    unsigned char *s = place(src_base, src_end, p, len, a);
    for (size_t i = 0; i < len; i++)
        s[i] = (unsigned char)(i * 5 + a) | 0x40;
    size_t pos = (len * 3 + a) % (len + 1);
    if (pos < len)
        s[pos] = 0x0f;
    unsigned char *r = memchr(s, 0x0f, len);
    long got = r ? (long)(r - s) : -1, want = pos < len ? (long)pos : -1;
    if (got != want)
        fail("got %ld want %ld", got, want);
    if (pos < len) {
        s[pos] = 0;
        r = memchr(s, 0, len);
        got = r ? (long)(r - s) : -1;
        if (got != want)
            fail("memchr(0) got %ld want %ld", got, want);
        r = memrchr(s, 0, len);
        got = r ? (long)(r - s) : -1;
        if (got != want)
            fail("memrchr got %ld want %ld", got, want);
    }
}

/* two strings: s1 in the source area, s2 in the destination area at another
 * alignment, equal up to a chosen index where they may differ */
static void t_strcmp(int p, size_t len, unsigned a)
{
    unsigned b = (a * 37 + (unsigned)len) % NALIGN;
    unsigned char *s1 = place(src_base, src_end, p, len + 1, a);
    unsigned char *s2 = place(dst_base, dst_end, p, len + 1, b);
    make_str(s1, len, 3);
    make_str(s2, len, 3);
    size_t d = (len * 11 + a) % (len + 1);
    int kind = (int)((a + len) % 4);
    if (d < len) {
        if (kind == 1)
            s2[d] = (unsigned char)(s2[d] + 1);
        else if (kind == 2)
            s2[d] = 0xfe; /* compares as unsigned char */
        else if (kind == 3)
            s2[d] = 0; /* s2 shorter */
    }
    int want = ref_strncmp(s1, s2, (size_t)-1);
    int got = sign(strcmp((char *)s1, (char *)s2));
    if (got != want)
        fail("strcmp got %ld want %ld", got, want);
    got = sign(strcmp((char *)s2, (char *)s1));
    if (got != -want)
        fail("strcmp rev got %ld want %ld", got, -want);
    size_t n = d + (a & 1);
    want = ref_strncmp(s1, s2, n);
    got = sign(strncmp((char *)s1, (char *)s2, n));
    if (got != want)
        fail("strncmp got %ld want %ld", got, want);
}

static void t_memcmp(int p, size_t len, unsigned a)
{
    unsigned b = (a * 29 + (unsigned)len) % NALIGN;
    unsigned char *s1 = place(src_base, src_end, p, len, a);
    unsigned char *s2 = place(dst_base, dst_end, p, len, b);
    for (size_t i = 0; i < len; i++)
        s1[i] = s2[i] = (unsigned char)(i * 3 + 1);
    size_t d = (len * 11 + a) % (len + 1);
    if (d < len)
        s2[d] = (unsigned char)(s2[d] + ((a & 1) ? 0x81 : 1));
    int want = ref_memcmp(s1, s2, len);
    int got = sign(memcmp(s1, s2, len));
    if (got != want)
        fail("got %ld want %ld", got, want);
    got = sign(bcmp(s1, s2, len)) != 0;
    if (got != (want != 0))
        fail("bcmp got %ld want %ld", got, want != 0);
}

/* destination writes: the bytes around the object must stay as they were */
static int check_dst(unsigned char *d, size_t len, const unsigned char *want, size_t guard_before)
{
    for (size_t i = 0; i < len; i++)
        if (d[i] != want[i])
            return (int)i;
    for (unsigned char *q = d - guard_before; q < d; q++)
        if (*q != junk(q))
            return -2;
    for (unsigned char *q = d + len; q < d + len + GUARD && q < dst_end; q++)
        if (*q != junk(q))
            return -3;
    return -1;
}

static unsigned char want_buf[MAXLEN + 64];

static void t_memcpy(int p, size_t len, unsigned a)
{
    unsigned b = (a * 41 + (unsigned)len) % NALIGN;
    unsigned char *s = place(src_base, src_end, p, len, a);
    unsigned char *d = place(dst_base, dst_end, 1 - p, len, b);
    for (size_t i = 0; i < len; i++)
        s[i] = want_buf[i] = (unsigned char)(i * 7 + a);
    fill_junk(d - GUARD, d + len + GUARD < dst_end ? d + len + GUARD : dst_end);
    void *r = memcpy(d, s, len);
    int bad_at = check_dst(d, len, want_buf, GUARD);
    if (r != d || bad_at != -1)
        fail("bad byte %ld (ret ok %ld)", bad_at, r == d);
}

static void t_memset(int p, size_t len, unsigned a)
{
    unsigned char *d = place(dst_base, dst_end, p, len, a);
    int c = (int)(a * 3 + len) & 0xff;
    for (size_t i = 0; i < len; i++)
        want_buf[i] = (unsigned char)c;
    fill_junk(d - GUARD, d + len + GUARD < dst_end ? d + len + GUARD : dst_end);
    void *r = memset(d, c, len);
    int bad_at = check_dst(d, len, want_buf, GUARD);
    if (r != d || bad_at != -1)
        fail("bad byte %ld (ret ok %ld)", bad_at, r == d);
}

static void t_strcpy(int p, size_t len, unsigned a)
{
    unsigned b = (a * 23 + (unsigned)len) % NALIGN;
    unsigned char *s = place(src_base, src_end, p, len + 1, a);
    unsigned char *d = place(dst_base, dst_end, 1 - p, len + 1, b);
    make_str(s, len, a);
    memcpy(want_buf, s, len + 1);
    fill_junk(d - GUARD, d + len + 1 + GUARD < dst_end ? d + len + 1 + GUARD : dst_end);
    char *r = strcpy((char *)d, (char *)s);
    int bad_at = check_dst(d, len + 1, want_buf, GUARD);
    if (r != (char *)d || bad_at != -1)
        fail("bad byte %ld (ret ok %ld)", bad_at, r == (char *)d);
    fill_junk(d - GUARD, d + len + 1 + GUARD < dst_end ? d + len + 1 + GUARD : dst_end);
    r = stpcpy((char *)d, (char *)s);
    bad_at = check_dst(d, len + 1, want_buf, GUARD);
    if (r != (char *)d + len || bad_at != -1)
        fail("stpcpy bad byte %ld (ret ok %ld)", bad_at, r == (char *)d + len);
}

/* memmove within one buffer, overlapping in both directions */
static void t_memmove(int p, size_t len, unsigned a)
{
    long delta = (long)(a % 33) - 16;
    size_t span = len + 32;
    unsigned char *region = place(dst_base, dst_end, p, span, a);
    unsigned char *s = region + 16, *d = region + 16 + delta;
    fill_junk(region - GUARD, region + span);
    for (size_t i = 0; i < len; i++)
        s[i] = (unsigned char)(i * 9 + a);
    /* expected image of the region after the move */
    static unsigned char img[MAXLEN + 96];
    memcpy(img, region, span);
    unsigned char tmp[MAXLEN + 1];
    for (size_t i = 0; i < len; i++)
        tmp[i] = s[i];
    for (size_t i = 0; i < len; i++)
        img[16 + delta + (long)i] = tmp[i];
    void *r = memmove(d, s, len);
    long bad_at = -1;
    for (size_t i = 0; i < span; i++)
        if (region[i] != img[i]) {
            bad_at = (long)i;
            break;
        }
    if (r != d || bad_at != -1)
        fail("bad byte %ld (ret ok %ld)", bad_at, r == d);
}

static void t_strncmp_bounded(int p, size_t len, unsigned a)
{
    /* strncmp with n larger than both strings, and strings without a NUL
     * before the guard page but n stopping exactly at it */
    unsigned char *s1 = place(src_base, src_end, p, len, a);
    unsigned char *s2 = place(dst_base, dst_end, p, len, (a + 7) % NALIGN);
    for (size_t i = 0; i < len; i++)
        s1[i] = s2[i] = (unsigned char)('A' + i % 23);
    int got = sign(strncmp((char *)s1, (char *)s2, len));
    if (got != 0)
        fail("equal got %ld want %ld", got, 0);
    if (len) {
        s2[len - 1] = '~';
        got = sign(strncmp((char *)s1, (char *)s2, len));
        if (got != -1)
            fail("last differs got %ld want %ld", got, -1);
        got = (long)strnlen((char *)s1, len);
        if (got != (long)len)
            fail("strnlen no NUL got %ld want %ld", got, (long)len);
    }
}

static const struct {
    const char *name;
    test_fn fn;
} tests[] = {
    {"strlen", t_strlen},   {"strchr", t_strchr},   {"strrchr", t_strrchr},
    {"memchr", t_memchr},   {"strcmp", t_strcmp},   {"memcmp", t_memcmp},
    {"memcpy", t_memcpy},   {"memmove", t_memmove}, {"memset", t_memset},
    {"strcpy", t_strcpy},   {"strncmp", t_strncmp_bounded},
};

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    page = (size_t)sysconf(_SC_PAGESIZE);
    for (unsigned i = 0; i < sizeof junk_tab; i++)
        junk_tab[i] = (unsigned char)(0x81 | (i * 13 % 0x7f));
    src_base = map_guarded(&src_end);
    dst_base = map_guarded(&dst_end);
    fill_junk(src_base, src_end);
    fill_junk(dst_base, dst_end);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_fault;
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);

    for (unsigned t = 0; t < sizeof tests / sizeof tests[0]; t++) {
        cur_fn = tests[t].name;
        unsigned long c0 = checks, b0 = bad;
        for (int p = 0; p < 2; p++) {
            for (size_t len = 0; len <= MAXLEN; len++) {
                for (unsigned a = 0; a < NALIGN; a++) {
                    cur_p = p;
                    cur_len = len;
                    cur_a = a;
                    tests[t].fn(p, len, a);
                    checks++;
                }
            }
        }
        report(checks - c0, bad - b0);
    }
    printf("total checks %lu, bad %lu\n", checks, bad);
    return bad != 0;
}

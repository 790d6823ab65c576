/* Checksum harness shared by the SIMD guest programs (neon_int, neon_fp,
 * acle, neon_ext): a fixed-seed PRNG that mixes in lane edge values, and
 * FNV-1a hashes of every result keyed by intrinsic name (type suffix
 * dropped), printed per group so a mismatch against the oracle names the
 * intrinsic. Output depends only on computed values, never on addresses.
 * Set VS_VERBOSE=1 by hand to get one line per call site (debugging only:
 * the runner's environment never sets it). */
#ifndef VECSUM_H
#define VECSUM_H
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t vs_state = 0x9e3779b97f4a7c15ull;

static inline uint64_t vs_rnd(void)
{
    vs_state ^= vs_state << 13;
    vs_state ^= vs_state >> 7;
    vs_state ^= vs_state << 17;
    return vs_state * 0x2545f4914f6cdd1dull;
}

/* 16-bit chunks: half random, half edge values of 8/16-bit lanes; wider
 * lanes then see their edges (all ones, sign bit, INT_MAX) now and then */
static inline void vs_fill(void *dst, size_t n)
{
    static const uint16_t edge[] = { 0, 1, 0xffff, 0x8000, 0x7fff, 0x8080, 0x7f7f,
                                     0x00ff, 0xff00, 0x0080, 0x8001, 0xfffe };
    uint8_t *p = dst;
    for (size_t i = 0; i + 1 < n; i += 2) {
        uint64_t r = vs_rnd();
        uint16_t v = (r & 1) ? (uint16_t)(r >> 16) : edge[(r >> 8) % (sizeof edge / sizeof edge[0])];
        memcpy(p + i, &v, 2);
    }
    if (n & 1)
        p[n - 1] = (uint8_t)vs_rnd();
}

#define VS_MAXKEY 128
#define VS_MAXSITE 1024
struct vs_key {
    char name[28];
    uint64_t h;
};
static struct vs_key vs_keys[VS_MAXKEY];
static int vs_nkeys;
static const char *vs_group;
static uint64_t vs_total;
static int vs_verbose = -1;
/* per call site: its text, key and own hash (the latter for VS_VERBOSE) */
static struct {
    const char *text;
    int key;
    uint64_t h;
} vs_site[VS_MAXSITE];
static int vs_nsites;

static inline uint64_t vs_fnv(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static inline void vs_begin(const char *group)
{
    if (vs_verbose < 0)
        vs_verbose = getenv("VS_VERBOSE") != NULL;
    vs_group = group;
    printf("== %s\n", group);
    vs_nkeys = 0;
    vs_nsites = 0;
    vs_total = 0xcbf29ce484222325ull;
}

/* key: the intrinsic's name without its last _<type> part */
static inline int vs_key_of(const char *text)
{
    char name[sizeof vs_keys[0].name];
    if (text[0] == '(' && strchr(text, ')'))
        text = strchr(text, ')') + 1; /* a cast: (int64_t)vgetq_lane_s8(...) */
    size_t n = strcspn(text, "( ");
    if (n >= sizeof name)
        n = sizeof name - 1;
    memcpy(name, text, n);
    name[n] = 0;
    char *us = strrchr(name, '_');
    if (us && us != name && strchr("supfbhd", us[1]) && us[2] >= '0' && us[2] <= '9')
        *us = 0;
    for (int k = 0; k < vs_nkeys; k++)
        if (strcmp(vs_keys[k].name, name) == 0)
            return k;
    if (vs_nkeys == VS_MAXKEY) {
        printf("vecsum: too many keys in group %s\n", vs_group);
        exit(1);
    }
    strcpy(vs_keys[vs_nkeys].name, name);
    vs_keys[vs_nkeys].h = 0xcbf29ce484222325ull;
    return vs_nkeys++;
}

/* site numbers are per group (a group function runs once), so *site is
 * reset by comparing against the group's site count */
static inline void vs_mix(int *site, const char *text, const void *p, size_t n)
{
    if (*site < 0 || *site >= vs_nsites || vs_site[*site].text != text) {
        if (vs_nsites == VS_MAXSITE) {
            printf("vecsum: too many sites\n");
            exit(1);
        }
        *site = vs_nsites++;
        vs_site[*site].text = text;
        vs_site[*site].key = vs_key_of(text);
        vs_site[*site].h = 0xcbf29ce484222325ull;
    }
    struct vs_key *k = &vs_keys[vs_site[*site].key];
    k->h = vs_fnv(k->h, p, n);
    vs_site[*site].h = vs_fnv(vs_site[*site].h, p, n);
    vs_total = vs_fnv(vs_total, p, n);
}

static inline uint32_t vs_fold(uint64_t h)
{
    return (uint32_t)(h ^ (h >> 32));
}

static inline void vs_end(void)
{
    printf("  %s: %d sites, total %016" PRIx64 "\n", vs_group, vs_nsites, vs_total);
    int col = 0;
    for (int k = 0; k < vs_nkeys; k++) {
        int w = (int)strlen(vs_keys[k].name) + 10;
        if (col && col + w > 100) {
            printf("\n");
            col = 0;
        }
        col += printf("%s%s:%08" PRIx32, col ? " " : "  ", vs_keys[k].name, vs_fold(vs_keys[k].h));
    }
    if (col)
        printf("\n");
    if (vs_verbose)
        for (int s = 0; s < vs_nsites; s++)
            printf("    site %3d %08" PRIx32 " %s\n", s, vs_fold(vs_site[s].h), vs_site[s].text);
    fflush(stdout); /* a later crash then still shows the groups that ran */
}

/* hex of a value, 64-bit words from the lowest address (lane 0 rightmost) */
static inline void vs_show(const char *text, const void *p, size_t n)
{
    const uint8_t *b = p;
    printf("  %.60s =", text);
    for (size_t i = 0; i < n; i += 8) {
        uint64_t w = 0;
        size_t m = n - i < 8 ? n - i : 8;
        memcpy(&w, b + i, m);
        printf(" %0*" PRIx64, (int)(2 * m), w);
    }
    printf("\n");
}

/* T(expr): hash the value of an intrinsic call into its key; SHOW(expr):
 * print it. Statement expressions so a site's static slot is per call. */
#define T(expr) ({ static int vs_s_ = -1; __typeof__(expr) vs_v_ = (expr); \
                   vs_mix(&vs_s_, #expr, &vs_v_, sizeof vs_v_); })
/* TBUF("name", p, n): hash n bytes at p under key "name" */
#define TBUF(name, p, n) ({ static int vs_s_ = -1; vs_mix(&vs_s_, name, p, n); })
#define SHOW(expr) ({ __typeof__(expr) vs_v_ = (expr); vs_show(#expr, &vs_v_, sizeof vs_v_); })

#endif

/* qsort and bsearch on ints, strings, doubles and records (with a tie-break
 * so the order is total), sizes 0..300 and a 20000-element array; prints
 * checksums of the sorted arrays and a few elements. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345;
static uint32_t rnd(void)
{
    seed = seed * 1103515245u + 12345u;
    return seed >> 1;
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}
static int cmp_dbl(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

struct rec {
    char name[13];
    short key;
    int id;
    double w;
};
static int cmp_rec(const void *a, const void *b)
{
    const struct rec *x = a, *y = b;
    if (x->key != y->key)
        return x->key < y->key ? -1 : 1;
    return (x->id > y->id) - (x->id < y->id);
}

static uint32_t hash_bytes(const void *p, size_t n)
{
    const unsigned char *c = p;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ c[i]) * 16777619u;
    return h;
}

int main(void)
{
    static int ia[20000];
    for (unsigned n = 0; n <= 300; n += (n < 20 ? 1 : 37)) {
        for (unsigned i = 0; i < n; i++)
            ia[i] = (int)(rnd() % 1000) - 500;
        qsort(ia, n, sizeof ia[0], cmp_int);
        int sorted = 1;
        for (unsigned i = 1; i < n; i++)
            sorted &= ia[i - 1] <= ia[i];
        printf("ints n=%u sorted=%d hash=%08x\n", n, sorted, hash_bytes(ia, n * sizeof ia[0]));
    }
    for (unsigned i = 0; i < 20000; i++)
        ia[i] = (int)rnd();
    qsort(ia, 20000, sizeof ia[0], cmp_int);
    printf("20000 ints: first %d last %d hash %08x\n", ia[0], ia[19999], hash_bytes(ia, sizeof ia));
    int key = ia[12345];
    int *found = bsearch(&key, ia, 20000, sizeof ia[0], cmp_int);
    printf("bsearch found %d at a matching value: %d\n", key, found && *found == key);
    key = 7;
    found = bsearch(&key, ia, 20000, sizeof ia[0], cmp_int);
    printf("bsearch 7: %s\n", found ? "found" : "absent");

    static double da[1000];
    for (unsigned i = 0; i < 1000; i++)
        da[i] = (double)(int)rnd() / (double)(rnd() | 1);
    qsort(da, 1000, sizeof da[0], cmp_dbl);
    printf("doubles: %.17g .. %.17g hash %08x\n", da[0], da[999], hash_bytes(da, sizeof da));

    static char words[500][12];
    static char *wp[500];
    for (unsigned i = 0; i < 500; i++) {
        unsigned len = 1 + rnd() % 10;
        for (unsigned k = 0; k < len; k++)
            words[i][k] = (char)('a' + rnd() % 6);
        words[i][len] = 0;
        wp[i] = words[i];
    }
    qsort(wp, 500, sizeof wp[0], cmp_str);
    uint32_t h = 0;
    for (unsigned i = 0; i < 500; i++)
        h = h * 31 + hash_bytes(wp[i], strlen(wp[i]));
    printf("strings: %s %s %s .. %s hash %08x\n", wp[0], wp[1], wp[2], wp[499], h);

    static struct rec ra[777];
    memset(ra, 0, sizeof ra);
    for (unsigned i = 0; i < 777; i++) {
        snprintf(ra[i].name, sizeof ra[i].name, "r%u", rnd() % 100000);
        ra[i].key = (short)(rnd() % 50);
        ra[i].id = (int)i;
        ra[i].w = ra[i].key * 0.5;
    }
    qsort(ra, 777, sizeof ra[0], cmp_rec);
    printf("records: [%s %d %d] [%s %d %d] hash %08x\n", ra[0].name, ra[0].key, ra[0].id,
           ra[776].name, ra[776].key, ra[776].id, hash_bytes(ra, sizeof ra));
    return 0;
}

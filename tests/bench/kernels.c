/* CPU benchmark kernels for `make bench`, built for the host and for arm64
 * from the same source: table CRC-32 over a generated buffer, a merge sort
 * of 32-bit keys, a sieve of Eratosthenes and a double-precision matrix
 * multiply (built with -ffp-contract=off so both builds round alike). Each
 * kernel prints a checksum, so bench.sh can check every run computed the
 * same thing. usage: kernels [SCALE] (default 1). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t crc_table[256];

static void crc_init(void)
{
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++)
            c = (c >> 1) ^ (0xedb88320u & -(c & 1));
        crc_table[i] = c;
    }
}

static uint32_t crc32_buf(const uint8_t *p, size_t n)
{
    uint32_t c = 0xffffffffu;
    for (size_t i = 0; i < n; i++)
        c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
    return ~c;
}

static void merge_sort(uint32_t *a, uint32_t *tmp, size_t n)
{
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
            while (i < mid)
                tmp[k++] = a[i++];
            while (j < hi)
                tmp[k++] = a[j++];
        }
        memcpy(a, tmp, n * sizeof *a);
    }
}

static uint32_t sieve(uint32_t limit)
{
    uint8_t *composite = calloc(limit + 1, 1);
    uint32_t count = 0;
    for (uint32_t i = 2; i <= limit; i++) {
        if (composite[i])
            continue;
        count++;
        for (uint64_t j = (uint64_t)i * i; j <= limit; j += i)
            composite[j] = 1;
    }
    free(composite);
    return count;
}

static double matmul(int n)
{
    double *a = malloc(sizeof(double) * (size_t)n * n);
    double *b = malloc(sizeof(double) * (size_t)n * n);
    double *c = calloc((size_t)n * n, sizeof(double));
    for (int i = 0; i < n * n; i++) {
        a[i] = (double)(i % 17) / 7.0 - 1.0;
        b[i] = (double)(i % 13) / 5.0 + 0.25;
    }
    for (int i = 0; i < n; i++)
        for (int k = 0; k < n; k++) {
            double aik = a[i * n + k];
            for (int j = 0; j < n; j++)
                c[i * n + j] += aik * b[k * n + j];
        }
    double s = 0;
    for (int i = 0; i < n * n; i++)
        s += c[i] * (double)((i % 3) + 1);
    free(a);
    free(b);
    free(c);
    return s;
}

int main(int argc, char **argv)
{
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    if (scale < 1)
        scale = 1;
    size_t n = (size_t)scale << 23; /* 8 MiB per scale unit */
    uint8_t *buf = malloc(n);
    uint64_t x = 88172645463325252ull;
    for (size_t i = 0; i < n; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        buf[i] = (uint8_t)(x >> 24);
    }
    crc_init();
    printf("crc32 %08x\n", crc32_buf(buf, n));

    size_t m = (size_t)scale << 20;
    uint32_t *keys = malloc(m * sizeof *keys), *tmp = malloc(m * sizeof *keys);
    for (size_t i = 0; i < m; i++)
        keys[i] = (uint32_t)buf[4 * i] << 24 | (uint32_t)buf[4 * i + 1] << 16 |
                  (uint32_t)buf[4 * i + 2] << 8 | buf[4 * i + 3];
    merge_sort(keys, tmp, m);
    uint32_t h = 0;
    for (size_t i = 0; i < m; i += 97)
        h = h * 31 + keys[i];
    printf("sort %08x first %08x last %08x\n", h, keys[0], keys[m - 1]);

    printf("primes below %u: %u\n", 5000000u * scale, sieve(5000000u * (uint32_t)scale));
    printf("matmul %.6e\n", matmul(160 + 40 * scale));
    free(buf);
    free(keys);
    free(tmp);
    return 0;
}

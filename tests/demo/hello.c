/* pvm's demo program: a static arm64 binary that greets, echoes its
 * arguments and shows a little computation (primes, a CRC-32 of its
 * arguments and a floating-point series), so a run proves the loader,
 * integer and FP execution and the write/exit system calls. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t crc32_update(uint32_t crc, const char *s)
{
    crc = ~crc;
    for (; *s; s++) {
        crc ^= (unsigned char)*s;
        for (int k = 0; k < 8; k++)
            crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
    }
    return ~crc;
}

int main(int argc, char **argv)
{
    printf("Hello from an arm64 program! I was started with %d argument%s:\n", argc - 1,
           argc == 2 ? "" : "s");
    uint32_t crc = 0;
    for (int i = 1; i < argc; i++) {
        printf("  argv[%d] = \"%s\"\n", i, argv[i]);
        crc = crc32_update(crc, argv[i]);
    }
    printf("CRC-32 of the arguments: %08x\n", crc);

    printf("The first 15 primes:");
    int found = 0;
    for (int n = 2; found < 15; n++) {
        int prime = 1;
        for (int d = 2; d * d <= n; d++)
            if (n % d == 0) {
                prime = 0;
                break;
            }
        if (prime) {
            printf(" %d", n);
            found++;
        }
    }
    printf("\n");

    double pi = 0;
    for (int k = 0; k < 1000000; k++)
        pi += (k % 2 ? -4.0 : 4.0) / (2 * k + 1);
    printf("pi from a million terms of the Leibniz series: %.6f\n", pi);
    return 0;
}

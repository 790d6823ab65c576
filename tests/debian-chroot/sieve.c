/* the chroot test's C program (compile step, podman-build, root-step):
 * expected output "primes 9592 sum 454396537" */
#include <stdio.h>
#include <stdlib.h>
int main(void)
{
    char *s = calloc(100000, 1);
    long n = 0, sum = 0;
    for (long i = 2; i < 100000; i++) {
        if (s[i])
            continue;
        n++;
        sum += i;
        for (long j = i * i; j < 100000; j += i)
            s[j] = 1;
    }
    printf("primes %ld sum %ld\n", n, sum);
    return 0;
}

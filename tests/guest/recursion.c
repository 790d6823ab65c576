/* Deep and unbalanced calls: recursion 100-400 deep (past the 64 return
 * frames pvm's translator keeps on the host stack: a call at the floor
 * drops them), longjmp out of 50-350 deep calls (frames never returned
 * through), then shallow recursion again, whose returns must find their
 * frames anew. The checksum is compared with qemu's. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf jb;

__attribute__((noinline)) static long down(long n, long acc)
{
    if (n == 0)
        return acc;
    long r = down(n - 1, acc + n);
    return r + (n & 1);
}

static volatile int hits, bottom;

__attribute__((noinline)) static void deep(int n)
{
    if (n <= bottom) {
        if (n == bottom)
            longjmp(jb, 1);
        return;
    }
    deep(n - 1);
    hits++; /* never reached: the longjmp leaves every frame */
}

int main(void)
{
    volatile long t = 0;
    for (int i = 0; i < 2000; i++)
        t += down(100 + i % 300, i);
    for (volatile int i = 0; i < 300; i++)
        if (!setjmp(jb))
            deep(50 + i);
    for (int i = 0; i < 2000; i++)
        t += down(10 + i % 50, i);
    printf("%ld %d\n", t, hits);
    return 0;
}

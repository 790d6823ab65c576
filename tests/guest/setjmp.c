/* setjmp/longjmp: jumps out of nested calls, values 0 and non-zero (longjmp
 * with 0 returns 1), volatile locals surviving the jump, sigsetjmp with and
 * without a saved signal mask, and a jump from deep recursion. */
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>

static jmp_buf env;
static sigjmp_buf senv;
static int depth_reached;

static void deep(int n, int target)
{
    char pad[64];
    memset(pad, n, sizeof pad);
    depth_reached = n + pad[5] - n;
    if (n == target)
        longjmp(env, n * 10 + 1);
    if (n > 1000)
        return; /* not reached: targets are smaller */
    deep(n + 1, target);
}

static void thrower(int v)
{
    longjmp(env, v);
}

static int fpwork(double *acc)
{
    volatile double keep = *acc * 3.0;
    volatile int r = setjmp(env);
    if (r == 0) {
        keep += 1.0;
        *acc = keep;
        thrower(5);
    }
    return r;
}

int main(void)
{
    volatile int counter = 0;
    int r = setjmp(env);
    printf("setjmp returned %d (counter %d)\n", r, counter);
    if (counter < 3) {
        counter++;
        thrower(counter == 2 ? 0 : counter * 100);
    }

    for (volatile int target = 1; target <= 200; target *= 3) {
        r = setjmp(env);
        if (r == 0)
            deep(0, target);
        printf("from depth %d: %d\n", depth_reached, r);
    }

    double acc = 2.0;
    r = fpwork(&acc);
    printf("fp setjmp returned %d, acc %g\n", r, acc);

    sigset_t set, old;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, &old);
    for (volatile int save = 0; save <= 1; save++) {
        sigprocmask(SIG_BLOCK, &set, NULL);
        volatile int pass = 0;
        if (sigsetjmp(senv, save) == 0) {
            pass = 1;
            sigprocmask(SIG_UNBLOCK, &set, NULL);
            siglongjmp(senv, 7);
        }
        sigset_t now;
        sigprocmask(SIG_BLOCK, NULL, &now);
        printf("sigsetjmp(save=%d): pass %d, SIGUSR1 blocked after jump: %d\n", save, pass,
               sigismember(&now, SIGUSR1));
    }
    sigprocmask(SIG_SETMASK, &old, NULL);
    return 0;
}

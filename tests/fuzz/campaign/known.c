/* Reproducers of the known pvm bugs the fuzz campaign found (docs/fuzzing.md),
 * run by run.sh as expected failures (XFAIL) in the campaign's sandbox:
 *   known selfsegv   K1: kill(getpid(), SIGSEGV); natively the process dies of
 *                    SIGSEGV silently, pvm prints "internal error: host fault
 *                    outside guest memory" first
 *   known exe-chmod  K2: chmod("/proc/self/exe", 0700) must act on the guest
 *                    program (stat and open of that path do), pvm changes its
 *                    own binary
 * Each prints what it did; run.sh judges the outcome. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "selfsegv")) {
        kill(getpid(), SIGSEGV);
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "exe-chmod")) {
        int r = chmod("/proc/self/exe", 0700);
        printf("chmod /proc/self/exe: %d\n", r);
        return 0;
    }
    fprintf(stderr, "usage: known selfsegv|exe-chmod\n");
    return 2;
}

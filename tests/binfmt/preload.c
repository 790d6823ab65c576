/* preload: an arm64 shared object for LD_PRELOAD (tests/binfmt/): its
 * constructor prints "preloaded", so the suite sees whether the guest's
 * dynamic linker loaded it (never with AT_SECURE 1). */
#include <stdio.h>

__attribute__((constructor)) static void preload_hello(void)
{
    printf("preloaded\n");
    fflush(stdout);
}

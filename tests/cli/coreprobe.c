/* Guest for the core-file cases of the command-line suite
 * (tests/cli/cases_core.sh): sets its RLIMIT_CORE, changes to DIR, leaves
 * recognisable state and writes through a NULL pointer, so pvm writes the
 * guest's core file there. Before the fault it prints one line,
 * "pid P heap 0xADDR marker TEXT": the heap bytes at ADDR are TEXT (made at
 * run time, so only the core's memory can hold them). At the fault x20 and
 * the low half of v8 hold 0x1122334455667788 and tpidr_el0 0x5eed.
 * usage: coreprobe DIR [unlimited|BYTES|undumpable]
 *   unlimited (the default): RLIMIT_CORE as high as the hard limit allows;
 *   BYTES: RLIMIT_CORE BYTES; undumpable: unlimited, but PR_SET_DUMPABLE 0. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

static void fault(void)
{
    __asm__ volatile("movz x20, #0x7788\n\t"
                     "movk x20, #0x5566, lsl #16\n\t"
                     "movk x20, #0x3344, lsl #32\n\t"
                     "movk x20, #0x1122, lsl #48\n\t"
                     "fmov d8, x20\n\t"
                     "mov x1, #0x5eed\n\t"
                     "msr tpidr_el0, x1\n\t"
                     "mov x1, xzr\n\t"
                     "str x20, [x1]\n\t" ::: "x1", "x20", "v8", "memory");
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: coreprobe DIR [unlimited|BYTES|undumpable]\n");
        return 2;
    }
    const char *how = argc > 2 ? argv[2] : "unlimited";
    struct rlimit rl;
    getrlimit(RLIMIT_CORE, &rl);
    if (!strcmp(how, "unlimited") || !strcmp(how, "undumpable"))
        rl.rlim_cur = rl.rlim_max;
    else
        rl.rlim_cur = strtoull(how, NULL, 0);
    if (setrlimit(RLIMIT_CORE, &rl) != 0) {
        perror("setrlimit");
        return 1;
    }
    if (!strcmp(how, "undumpable") && prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) {
        perror("prctl");
        return 1;
    }
    if (chdir(argv[1]) != 0) {
        perror(argv[1]);
        return 1;
    }
    char *heap = malloc(64);
    if (!heap)
        return 1;
    snprintf(heap, 64, "coreprobe heap marker %d", (int)getpid());
    printf("pid %d heap %p marker %s\n", (int)getpid(), (void *)heap, heap);
    fflush(stdout);
    fault();
    return 0;
}

/* Guest probes for the option cases of the command-line suite
 * (tests/cli/cases_options.sh): the CPU model (-cpu) as the guest sees it,
 * the stack size and RLIMIT_STACK (-s), environment lists (-E/-U) and
 * re-execution with an empty environment (options inherited by exec'd
 * pvms). Built with -march=armv8.1-a for the LSE instruction of `ldadd`;
 * nothing else here uses an instruction beyond ARMv8.0, so every other
 * subcommand runs under every model. Output does not depend on addresses. */
#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/resource.h>
#include <unistd.h>

/* the first processor's block of /proc/cpuinfo */
static int cpuprobe_cpuinfo(void)
{
    FILE *f = fopen("/proc/cpuinfo", "r");
    if (!f)
        return 1;
    char line[4096];
    while (fgets(line, sizeof line, f) && line[0] != '\n')
        fputs(line, stdout);
    fclose(f);
    return 0;
}

/* one LSE atomic: ldadd w1, w0, [x2] */
static int cpuprobe_ldadd(void)
{
    static uint32_t word = 40;
    uint32_t add = 2, old;
    __asm__ volatile("ldadd %w[add], %w[old], [%[p]]"
                     : [old] "=r"(old), "+m"(word)
                     : [add] "r"(add), [p] "r"(&word)
                     : "memory");
    printf("ldadd: old %u new %u\n", old, word);
    return 0;
}

/* uses about `left` bytes of stack in 4 KiB frames */
static __attribute__((noinline)) long cpuprobe_recurse(long left)
{
    volatile char frame[4096];
    frame[0] = (char)left;
    frame[sizeof frame - 1] = 1;
    if (left <= (long)sizeof frame)
        return frame[0] + frame[sizeof frame - 1];
    return cpuprobe_recurse(left - (long)sizeof frame) + frame[sizeof frame - 1];
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "hwcap")) {
        printf("hwcap=0x%lx hwcap2=0x%lx\n", getauxval(AT_HWCAP), getauxval(AT_HWCAP2));
        return 0;
    }
    if (!strcmp(what, "cpuinfo"))
        return cpuprobe_cpuinfo();
    if (!strcmp(what, "ldadd"))
        return cpuprobe_ldadd();
    if (!strcmp(what, "rlimit-stack")) {
        struct rlimit r;
        if (getrlimit(RLIMIT_STACK, &r) != 0)
            return 1;
        printf("RLIMIT_STACK soft %llu\n", (unsigned long long)r.rlim_cur);
        return 0;
    }
    if (!strcmp(what, "recurse") && argc > 2) {
        long mib = atol(argv[2]);
        cpuprobe_recurse(mib << 20);
        printf("recursed %ld MiB\n", mib);
        return 0;
    }
    if (!strcmp(what, "envs")) {
        for (int k = 2; k < argc; k++) {
            const char *v = getenv(argv[k]);
            printf("%s%s%s%s", k > 2 ? " " : "", argv[k], v ? "=" : " unset", v ? v : "");
        }
        printf("\n");
        return 0;
    }
    if (!strcmp(what, "exec-clean") && argc > 2) {
        /* an empty environment: no PVM_* reaches the child pvm that way */
        char *env[] = {NULL};
        execve(argv[2], &argv[2], env);
        perror("execve");
        return 127;
    }
    if (!strcmp(what, "stack-exec") && argc > 3) {
        /* RLIMIT_STACK soft = MIB MiB, then exec: the new image's stack
         * follows the limit, as the kernel sizes it at exec */
        struct rlimit r;
        if (getrlimit(RLIMIT_STACK, &r) != 0)
            return 1;
        r.rlim_cur = (rlim_t)atol(argv[2]) << 20;
        if (setrlimit(RLIMIT_STACK, &r) != 0) {
            perror("setrlimit");
            return 1;
        }
        char *env[] = {NULL};
        execve(argv[3], &argv[3], env);
        perror("execve");
        return 127;
    }
    fprintf(stderr, "cpuprobe: unknown subcommand\n");
    return 2;
}

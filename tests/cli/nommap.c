/* A host helper of tests/cli/cases_psview.sh: runs a command under a
 * seccomp filter that answers prctl(PR_SET_MM, ...) with EPERM, as some
 * container runtimes' filters do, so pvm's fallback (the host keeps its
 * view, the guest's own /proc/self/cmdline is emulated, -d proc says why)
 * can be checked without privileges.
 * usage: nommap COMMAND [ARGS...] */
#include <errno.h>
#include <seccomp.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: nommap COMMAND [ARGS...]\n");
        return 2;
    }
    scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
    if (!ctx || seccomp_rule_add(ctx, SCMP_ACT_ERRNO(EPERM), SCMP_SYS(prctl), 1,
                                 SCMP_A0(SCMP_CMP_EQ, PR_SET_MM)) != 0 ||
        seccomp_load(ctx) != 0) {
        fprintf(stderr, "nommap: cannot install the seccomp filter\n");
        return 125;
    }
    seccomp_release(ctx);
    execvp(argv[1], argv + 1);
    perror("nommap: exec");
    return 127;
}

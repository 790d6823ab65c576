/* bfprobe: the guest program of the binfmt_misc suite (tests/binfmt/),
 * started by the kernel through pvm's entry. It reports what the kernel
 * (and pvm) gave it, one "key=value" line each: argc, every argv[i], its
 * AT_EXECFN, AT_SECURE and AT_FLAGS, its real and effective ids, and
 * /proc/self/exe. With "cat PATH" as its arguments it then prints PATH's
 * first line (or "cat: ERROR"); with "segv" it dies of SIGSEGV; with
 * "exec PATH ARGS..." it execs PATH with argv "second" ARGS... . Built
 * static and dynamic (the dynamic one shows whether its ld.so honoured
 * LD_PRELOAD: tests/binfmt/preload.c prints "preloaded"). */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    printf("argc=%d\n", argc);
    for (int i = 0; i < argc; i++)
        printf("argv[%d]=%s\n", i, argv[i]);
    const char *fn = (const char *)getauxval(AT_EXECFN);
    printf("execfn=%s\n", fn ? fn : "(none)");
    printf("secure=%lu\n", getauxval(AT_SECURE));
    printf("flags=%lu\n", getauxval(AT_FLAGS));
    printf("uid=%d euid=%d gid=%d egid=%d\n", (int)getuid(), (int)geteuid(), (int)getgid(),
           (int)getegid());
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = 0;
    printf("exe=%s\n", exe);
    fflush(stdout);
    if (argc >= 3 && !strcmp(argv[1], "cat")) {
        FILE *f = fopen(argv[2], "r");
        char line[256] = "";
        if (!f) {
            printf("cat: %s\n", strerror(errno));
        } else {
            if (fgets(line, sizeof line, f))
                printf("cat: %s", line);
            fclose(f);
        }
    }
    if (argc >= 3 && !strcmp(argv[1], "exec")) {
        char *path = argv[2];
        argv[2] = "second";
        execv(path, &argv[2]);
        printf("exec: %s\n", strerror(errno));
        return 1;
    }
    if (argc >= 2 && !strcmp(argv[1], "segv")) {
        volatile uintptr_t bad = 16;
        *(volatile int *)bad = 1;
    }
    return 0;
}

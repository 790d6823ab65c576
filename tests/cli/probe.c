/* Guest probes for the command-line suite (tests/cli/run.sh): each
 * subcommand exercises one confinement or process rule and prints a result
 * that does not depend on addresses or pids. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* an address far outside any guest region pvm reserves (2^40 by default)
 * but a plausible host address: the kernel must never be handed it */
#define WILD ((void *)0x00007f0000001000ull)

static int wild_read(void)
{
    int p[2];
    if (pipe(p) != 0)
        return 1;
    if (write(p[1], "x", 1) != 1)
        return 1;
    long r = read(p[0], WILD, 1);
    printf("read into a wild pointer: %ld %s\n", r, r < 0 ? strerrorname_np(errno) : "");
    r = write(p[1], WILD, 16);
    printf("write from a wild pointer: %ld %s\n", r, r < 0 ? strerrorname_np(errno) : "");
    r = syscall(SYS_getcwd, WILD, 64);
    printf("getcwd into a wild pointer: %ld %s\n", r, r < 0 ? strerrorname_np(errno) : "");
    return 0;
}

static int fault_load(void)
{
    static volatile uintptr_t addr = 0x00007f0000002000ull;
    volatile uint64_t *p = (volatile uint64_t *)addr;
    printf("loaded %llu\n", (unsigned long long)*p);
    return 0;
}

static int fault_null(void)
{
    /* the address comes from a volatile so the compiler cannot see it */
    static volatile uintptr_t addr = 16;
    volatile int *p = (volatile int *)addr;
    *p = 1;
    return 0;
}

static int proc_mem(void)
{
    int fd = open("/proc/self/mem", O_RDWR);
    printf("open /proc/self/mem: %s\n", fd < 0 ? strerrorname_np(errno) : "opened");
    return 0;
}

/* the guest's view of its descriptors: only 0, 1, 2 (and the listing's own) */
static int fds(void)
{
    syscall(SYS_close_range, 3, ~0u, 0);
    DIR *d = opendir("/proc/self/fd");
    if (!d)
        return 1;
    int n = 0, self = dirfd(d);
    for (struct dirent *e; (e = readdir(d));)
        if (e->d_name[0] != '.' && atoi(e->d_name) != self)
            n++;
    closedir(d);
    printf("descriptors visible after close_range(3, ~0): %d\n", n);
    return 0;
}

static int sigpipe(void)
{
    signal(SIGPIPE, SIG_IGN);
    int p[2];
    if (pipe(p) != 0)
        return 1;
    close(p[0]);
    long r = write(p[1], "x", 1);
    printf("write to a closed pipe with SIGPIPE ignored: %ld %s\n", r, r < 0 ? strerrorname_np(errno) : "");
    return 0;
}

/* generated code: rewritten in place (IC IVAU through __clear_cache), then
 * a new mapping at the same address (munmap, MAP_FIXED, mprotect) */
static int jit_ret(uint32_t *code, unsigned v)
{
    code[0] = 0xd2800000u | (v << 5); /* movz x0, #v */
    code[1] = 0xd65f03c0u;            /* ret */
    __builtin___clear_cache((char *)code, (char *)(code + 2));
    return ((int (*)(void))code)();
}

static int jit(void)
{
    uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (code == MAP_FAILED)
        return 1;
    printf("rewritten:");
    for (unsigned k = 1; k <= 3; k++)
        printf(" %d", jit_ret(code, k));
    munmap(code, 4096);
    uint32_t *again = mmap(code, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    again[0] = 0xd2800000u | (7u << 5);
    again[1] = 0xd65f03c0u;
    mprotect(again, 4096, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)again, (char *)(again + 2));
    printf("; remapped: %d\n", ((int (*)(void))again)());
    return 0;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "wild-read")) return wild_read();
    if (!strcmp(what, "fault-load")) return fault_load();
    if (!strcmp(what, "fault-null")) return fault_null();
    if (!strcmp(what, "proc-mem")) return proc_mem();
    if (!strcmp(what, "jit")) return jit();
    if (!strcmp(what, "fds")) return fds();
    if (!strcmp(what, "sigpipe")) return sigpipe();
    if (!strcmp(what, "kill-self")) { kill(getpid(), SIGTERM); return 0; }
    if (!strcmp(what, "chmod-exe") && argc > 2) {
        /* path calls that follow /proc/self/exe reach the program, not pvm */
        struct stat st;
        struct timespec ts[2] = {{1000000000, 0}, {1000000000, 0}};
        if (chmod("/proc/self/exe", (mode_t)strtol(argv[2], NULL, 8)) != 0 ||
            utimensat(AT_FDCWD, "/proc/self/exe", ts, 0) != 0 || stat("/proc/self/exe", &st) != 0) {
            perror("chmod-exe");
            return 1;
        }
        printf("mode %o mtime %lld\n", (unsigned)(st.st_mode & 07777), (long long)st.st_mtime);
        return 0;
    }
    if (!strcmp(what, "clone-exit-segv")) {
        /* a child whose exit signal is SIGSEGV: the kernel queues it to the
         * parent with a positive si_code, which is no fault either */
        long pid = syscall(SYS_clone, (long)SIGSEGV, 0L, 0L, 0L, 0L);
        if (pid == 0)
            _exit(0);
        if (pid < 0)
            return 1;
        for (;;)
            pause();
    }
    if (!strcmp(what, "kill-self-segv")) { kill(getpid(), SIGSEGV); return 0; }
    if (!strcmp(what, "tkill-self-bus")) { syscall(SYS_tkill, gettid(), SIGBUS); return 0; }
    if (!strcmp(what, "exit")) return atoi(argv[2]);
    if (!strcmp(what, "env")) {
        const char *v = getenv(argv[2]);
        if (v)
            printf("%s=%s\n", argv[2], v);
        else
            printf("%s unset\n", argv[2]);
        return 0;
    }
    if (!strcmp(what, "argv0")) { printf("argv0=%s\n", argv[0]); return 0; }
    fprintf(stderr, "probe: unknown subcommand\n");
    return 2;
}

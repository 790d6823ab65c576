/* Guest probe for the descriptor pvm keeps on its own binary
 * (tests/cli/cases_selfexe.sh, syscalls/selfexe.h):
 *   selfprobe hidden PVM PROG [ARGS...]  every number of pvm's hidden range
 *       (from the guest's RLIMIT_NOFILE up, 64 of them) must be out of the
 *       guest's reach: fcntl, dup, dup3, F_DUPFD and close answer EBADF,
 *       /proc/self/fd/N (open, readlink) is ENOENT, /proc/self/fd lists
 *       nothing there, and the route through /proc/self/root either fails or
 *       reaches a file that is not pvm's binary (PVM, compared by device and
 *       inode): open, readlink (which must not name PVM), execve and chmod.
 *       Prints "hidden: visible V, reached R, refused F" (F: the routes
 *       refused with EACCES), then closes every descriptor from 3 up
 *       (close_range) and execs PROG: pvm re-executes itself all the same.
 *   selfprobe exec PROG [ARGS...]  execv PROG (an AArch64 program or a
 *       native one); on failure "exec PROG: ERRNO-NAME", status 1.
 *   selfprobe race N PROG  N times, in a forked child: one thread keeps
 *       execing PROG (an AArch64 program) with an argument longer than the
 *       kernel takes (E2BIG after pvm started its re-exec), while the main
 *       thread execs the native `/bin/sh -c 'ls -l /proc/self/fd/; echo
 *       listed'`, whose listing must never name pvm's binary.
 *   selfprobe say WORDS...  prints the words on one line. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int visible, reached, refused;
static struct stat pvm_st;

static bool is_pvm(const struct stat *st)
{
    return st->st_dev == pvm_st.st_dev && st->st_ino == pvm_st.st_ino;
}

/* a call on descriptor n that must answer EBADF */
static void badf(const char *what, int n, long r)
{
    if (r >= 0 || errno != EBADF) {
        visible++;
        printf("VISIBLE %s %d: %ld %s\n", what, n, r, r < 0 ? strerror(errno) : "");
        if (r >= 0 && strcmp(what, "fcntl") && strcmp(what, "close"))
            close((int)r);
    }
}

static void routes(int n)
{
    char p[96], root[128], text[PATH_MAX];
    snprintf(p, sizeof p, "/proc/self/fd/%d", n);
    snprintf(root, sizeof root, "/proc/self/root/proc/%d/fd/%d", (int)getpid(), n);
    int fd = open(p, O_RDONLY | O_CLOEXEC);
    if (fd >= 0 || errno != ENOENT) {
        visible++;
        printf("VISIBLE open %s: %s\n", p, fd >= 0 ? "opened" : strerror(errno));
        if (fd >= 0)
            close(fd);
    }
    if (readlink(p, text, sizeof text) >= 0 || errno != ENOENT) {
        visible++;
        printf("VISIBLE readlink %s\n", p);
    }
    /* through /proc/self/root: what it reaches must not be pvm's binary */
    fd = open(root, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd >= 0) {
        if (fstat(fd, &st) == 0 && is_pvm(&st)) {
            reached++;
            printf("REACHED open %s\n", root);
        }
        close(fd);
    } else if (errno == EACCES) {
        refused++;
    }
    ssize_t len = readlink(root, text, sizeof text - 1);
    if (len >= 0) {
        text[len] = 0;
        if (stat(text, &st) == 0 && is_pvm(&st)) {
            reached++;
            printf("REACHED readlink %s: %s\n", root, text);
        }
    }
    /* chmod to the mode it has: harmless if it got through */
    if (stat(root, &st) == 0 && is_pvm(&st)) {
        if (chmod(root, st.st_mode & 07777) == 0) {
            reached++;
            printf("REACHED chmod %s\n", root);
        } else if (errno == EACCES) {
            refused++;
        }
        pid_t c = fork();
        if (c == 0) {
            char *av[] = {"pvm", "--version", NULL};
            execv(root, av);
            _exit(errno == EACCES ? 10 : 11);
        }
        int ws = 0;
        waitpid(c, &ws, 0);
        if (!WIFEXITED(ws) || WEXITSTATUS(ws) < 10) {
            reached++;
            printf("REACHED execve %s\n", root);
        } else if (WEXITSTATUS(ws) == 10) {
            refused++;
        }
    }
}

static int hidden(char **argv)
{
    if (stat(argv[2], &pvm_st) != 0) {
        printf("stat %s: %s\n", argv[2], strerror(errno));
        return 1;
    }
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    int lim = (int)rl.rlim_cur;
    for (int n = lim; n < lim + 64; n++) {
        badf("fcntl", n, fcntl(n, F_GETFD));
        badf("dup", n, dup(n));
        badf("dup3", n, dup3(n, 50, 0));
        badf("F_DUPFD", n, fcntl(n, F_DUPFD, 0));
        routes(n);
    }
    badf("close", lim, close(lim));
    DIR *d = opendir("/proc/self/fd");
    struct dirent *e;
    while (d && (e = readdir(d)))
        if (atoi(e->d_name) >= lim) {
            visible++;
            printf("VISIBLE listed %s\n", e->d_name);
        }
    if (d)
        closedir(d);
    printf("hidden: visible %d, reached %d, refused %d\n", visible, reached, refused);
    fflush(stdout);
    syscall(SYS_close_range, 3, ~0u, 0);
    execv(argv[3], argv + 3);
    printf("exec %s: %s\n", argv[3], strerrorname_np(errno));
    return 1;
}

static const char *race_prog;

static void *race_execer(void *arg)
{
    (void)arg;
    static char big[200 << 10]; /* over MAX_ARG_STRLEN (128 KiB) */
    memset(big, 'x', sizeof big - 1);
    char *av[] = {(char *)race_prog, big, NULL};
    for (;;)
        execv(race_prog, av);
    return NULL;
}

static int race(int n, const char *prog)
{
    race_prog = prog;
    for (int k = 0; k < n; k++) {
        fflush(stdout);
        pid_t c = fork();
        if (c == 0) {
            pthread_t t;
            pthread_create(&t, NULL, race_execer, NULL);
            usleep(200 + 300 * (k % 7));
            execl("/bin/sh", "sh", "-c", "ls -l /proc/self/fd/; echo listed", (char *)NULL);
            _exit(127);
        }
        int st;
        waitpid(c, &st, 0);
    }
    return 0;
}

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "hidden") && argc > 3)
        return hidden(argv);
    if (!strcmp(what, "exec") && argc > 2) {
        execv(argv[2], argv + 2);
        printf("exec %s: %s\n", argv[2], strerrorname_np(errno));
        return 1;
    }
    if (!strcmp(what, "race") && argc > 3)
        return race(atoi(argv[2]), argv[3]);
    if (!strcmp(what, "say")) {
        for (int k = 2; k < argc; k++)
            printf("%s%s", argv[k], k + 1 < argc ? " " : "");
        printf("\n");
        return 0;
    }
    fprintf(stderr, "usage: selfprobe hidden PVM PROG [ARGS...] | exec PROG [ARGS...] | say WORDS...\n");
    return 2;
}

/* Host helper of tests/chroot/run.sh: starts a program the way a process
 * whose root has no path to it would (a binfmt_misc registration with the
 * F flag does the same for its interpreter):
 *   fdexec [--chroot DIR] PROGRAM ARGV0 [ARGS...]
 * opens PROGRAM close-on-exec, changes its root to DIR (and its cwd to the
 * new root), then executes the descriptor with execveat(fd, "", argv,
 * environ, AT_EMPTY_PATH): the program's AT_EXECFN is "/dev/fd/N", a name
 * that leads nowhere (the descriptor is closed by then), and argv[0] is
 * ARGV0. Needs CAP_SYS_CHROOT for --chroot (run it in `unshare -r`). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    int k = 1;
    const char *root = NULL;
    if (k + 1 < argc && !strcmp(argv[k], "--chroot")) {
        root = argv[k + 1];
        k += 2;
    }
    if (argc - k < 2) {
        fprintf(stderr, "usage: fdexec [--chroot DIR] PROGRAM ARGV0 [ARGS...]\n");
        return 2;
    }
    int fd = open(argv[k], O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        perror(argv[k]);
        return 1;
    }
    if (root && (chroot(root) != 0 || chdir("/") != 0)) {
        perror(root);
        return 1;
    }
    syscall(SYS_execveat, fd, "", argv + k + 1, environ, AT_EMPTY_PATH);
    perror("execveat");
    return 1;
}

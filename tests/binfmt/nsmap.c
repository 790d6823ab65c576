/* nsmap: runs a command as root of a new user namespace whose ids 0 to
 * COUNT-1 are the host's OUTER to OUTER+COUNT-1, in a new mount namespace
 * with private mounts: what newuidmap and newgidmap give, for root, without
 * the uidmap package (util-linux's unshare maps a range only through them).
 * A range is what the binfmt suite needs to drop from the namespace's root
 * to an ordinary uid and to own a set-user-ID root program. The parent
 * stays in the host's namespace and writes the child's maps (a multi-line
 * map needs CAP_SETUID and CAP_SETGID there), then the child becomes uid
 * and gid 0 and execs COMMAND, which so starts with every capability of the
 * namespace. Mounts made inside vanish with the namespace; the child is
 * killed if nsmap dies.
 * usage: nsmap OUTER COUNT COMMAND [ARGS...]
 * exit: COMMAND's status (128+N when killed by signal N); 125 when the
 * namespace cannot be made, with one line saying why. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <grp.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void nsmap_die(const char *what)
{
    fprintf(stderr, "nsmap: %s: %s\n", what, strerror(errno));
    _exit(125);
}

static int nsmap_write(pid_t pid, const char *file, const char *text)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/%s", (int)pid, file);
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n = write(fd, text, strlen(text));
    int e = errno;
    close(fd);
    errno = e;
    return n == (ssize_t)strlen(text) ? 0 : -1;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: nsmap OUTER COUNT COMMAND [ARGS...]\n");
        return 2;
    }
    unsigned long outer = strtoul(argv[1], NULL, 10), count = strtoul(argv[2], NULL, 10);
    int up[2], down[2]; /* child -> parent: unshared; parent -> child: mapped */
    if (pipe2(up, O_CLOEXEC) || pipe2(down, O_CLOEXEC))
        nsmap_die("pipe");
    pid_t pid = fork();
    if (pid < 0)
        nsmap_die("fork");
    if (pid == 0) {
        close(up[0]);
        close(down[1]);
        prctl(PR_SET_PDEATHSIG, SIGKILL);
        if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0)
            nsmap_die("unshare(CLONE_NEWUSER|CLONE_NEWNS)");
        char c = 1;
        if (write(up[1], &c, 1) != 1 || read(down[0], &c, 1) != 1)
            _exit(125); /* the parent said why */
        if (setgroups(0, NULL) || setresgid(0, 0, 0) || setresuid(0, 0, 0))
            nsmap_die("becoming the namespace's root");
        prctl(PR_SET_PDEATHSIG, SIGKILL); /* a change of ids cleared it */
        if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
            nsmap_die("making mounts private");
        execvp(argv[3], &argv[3]);
        nsmap_die(argv[3]);
    }
    close(up[1]);
    close(down[0]);
    char c, map[96];
    if (read(up[0], &c, 1) != 1) {
        int st;
        waitpid(pid, &st, 0);
        return 125;
    }
    snprintf(map, sizeof map, "0 %lu %lu\n", outer, count);
    if (nsmap_write(pid, "uid_map", map) || nsmap_write(pid, "gid_map", map)) {
        fprintf(stderr, "nsmap: writing the id maps (0 %lu %lu): %s\n", outer, count, strerror(errno));
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return 125;
    }
    c = 1;
    if (write(down[1], &c, 1) != 1)
        nsmap_die("pipe write");
    close(down[1]);
    /* the suite's timeout signals reach the child too (same process group) */
    signal(SIGINT, SIG_IGN);
    signal(SIGTERM, SIG_IGN);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            nsmap_die("waitpid");
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* rootesc: the escape attempts of the --root suite (tests/root/run.sh),
 * built twice: static arm64 (run by pvm inside the root) and static x86-64
 * (run natively by the kernel inside the root, as any foreign binary of a
 * root would be). Every attempt must end where it started: the directory
 * reached is the root's own "/" (same device and inode), and
 * "outside-marker", which the suite puts in the directory holding the root,
 * is never found.
 * usage: rootesc esc          one line per attempt: "ok NAME" or "FAIL NAME: why"
 *        rootesc exec PROG ARGS...   execv(PROG, ARGS)
 *        rootesc say TEXT     writes TEXT and a newline (a marker in strace output)
 * exit: 0 when every attempt stayed inside, 1 otherwise. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

static struct stat root_st;
static int failures;

static void ok(const char *name, const char *note)
{
    printf("ok %s%s%s\n", name, note ? " " : "", note ? note : "");
}

static void fail(const char *name, const char *why)
{
    printf("FAIL %s: %s\n", name, why);
    failures++;
}

/* whether path (relative to dirfd) is the root's "/" */
static int is_root(int dirfd, const char *path)
{
    struct stat st;
    return fstatat(dirfd, path, &st, 0) == 0 && st.st_dev == root_st.st_dev && st.st_ino == root_st.st_ino;
}

/* the marker outside must not be found through path */
static void no_outside(const char *name, const char *path)
{
    char why[512];
    if (access(path, F_OK) == 0) {
        snprintf(why, sizeof why, "%s exists: the root was left", path);
        fail(name, why);
    } else {
        ok(name, NULL);
    }
}

static long openat2_try(int dirfd, const char *path, unsigned long long resolve)
{
    struct open_how how = {.flags = O_PATH | O_CLOEXEC, .resolve = resolve};
    long fd = syscall(SYS_openat2, dirfd, path, &how, sizeof how);
    return fd < 0 ? -errno : fd;
}

static void esc(void)
{
    char why[512];
    if (stat("/", &root_st) != 0 || access("/.root-marker", F_OK) != 0) {
        fail("setup", "no /.root-marker: not in the suite's root");
        return;
    }
    /* cd .. from / many times */
    if (chdir("/") != 0)
        fail("dotdot", "chdir /");
    for (int k = 0; k < 30; k++)
        if (chdir("..") != 0)
            break;
    if (!is_root(AT_FDCWD, "."))
        fail("dotdot", "cd .. from / left the root");
    else
        no_outside("dotdot", "outside-marker");
    /* a .. chain in one path */
    if (!is_root(AT_FDCWD, "/../../../../../../.."))
        fail("dotdot_chain", "/../../.. is not /");
    else
        no_outside("dotdot_chain", "/../../../../../outside-marker");
    /* absolute and relative symlinks out */
    if (!is_root(AT_FDCWD, "/uplink") || !is_root(AT_FDCWD, "/sub/rel"))
        fail("symlinks", "a symlink to / or ../../.. is not the root's /");
    else
        no_outside("symlinks", "/sub/rel/../../outside-marker");
    /* /proc/self/root and /proc/self/cwd */
    char link[256] = "";
    ssize_t n = readlink("/proc/self/root", link, sizeof link - 1);
    link[n > 0 ? n : 0] = 0;
    if (n < 0) {
        snprintf(why, sizeof why, "readlink /proc/self/root: %s", strerror(errno));
        fail("proc_self_root", why);
    } else if (strcmp(link, "/") || !is_root(AT_FDCWD, "/proc/self/root/..")) {
        snprintf(why, sizeof why, "/proc/self/root is '%s' or its .. is not /", link);
        fail("proc_self_root", why);
    } else {
        no_outside("proc_self_root", "/proc/self/root/../outside-marker");
    }
    if (chdir("/") != 0 || !is_root(AT_FDCWD, "/proc/self/cwd/.."))
        fail("proc_self_cwd", "/proc/self/cwd/.. is not /");
    else
        no_outside("proc_self_cwd", "/proc/self/cwd/../outside-marker");
    /* another process's root (the parent, outside the namespace; pid 1) */
    char pp[64];
    snprintf(pp, sizeof pp, "/proc/%d/root/", (int)getppid());
    const char *others[] = {pp, "/proc/1/root/"};
    for (int k = 0; k < 2; k++) {
        int fd = open(others[k], O_PATH | O_DIRECTORY | O_CLOEXEC);
        if (fd >= 0 && !is_root(fd, ".")) {
            snprintf(why, sizeof why, "%s opened and is not the root's /", others[k]);
            fail(k ? "proc_1_root" : "proc_parent_root", why);
        } else {
            snprintf(why, sizeof why, "(%s)", fd >= 0 ? "the root's own /" : strerror(errno));
            ok(k ? "proc_1_root" : "proc_parent_root", why);
        }
        if (fd >= 0)
            close(fd);
    }
    /* openat2 RESOLVE_* on paths that would leave */
    int rootfd = open("/", O_PATH | O_DIRECTORY | O_CLOEXEC), subfd = open("/sub", O_PATH | O_DIRECTORY | O_CLOEXEC);
    const struct {
        const char *name;
        int dirfd;
        const char *path;
        unsigned long long resolve;
        long want;
    } o2[] = {
        {"openat2_in_root", rootfd, "/uplink/../../outside-marker", RESOLVE_IN_ROOT, -ENOENT},
        {"openat2_beneath", subfd, "../../..", RESOLVE_BENEATH, -EXDEV},
        {"openat2_no_symlinks", AT_FDCWD, "/uplink/.root-marker", RESOLVE_NO_SYMLINKS, -ELOOP},
    };
    for (size_t k = 0; k < sizeof o2 / sizeof o2[0]; k++) {
        long r = openat2_try(o2[k].dirfd, o2[k].path, o2[k].resolve);
        if (r >= 0)
            close((int)r);
        if (r == o2[k].want) {
            ok(o2[k].name, NULL);
        } else if (r == -ENOSYS) {
            ok(o2[k].name, "(openat2: ENOSYS)");
        } else {
            snprintf(why, sizeof why, "%s: %s, want %s", o2[k].path, r >= 0 ? "opened" : strerror((int)-r),
                     strerror((int)-o2[k].want));
            fail(o2[k].name, why);
        }
    }
    close(rootfd);
    close(subfd);
    /* the classic chroot escape: chroot into a subdirectory, keep the cwd
     * outside it, climb, chroot(".") */
    if (chdir("/") != 0)
        fail("chroot", "chdir /");
    mkdir("/tmp/jail", 0755);
    if (syscall(SYS_chroot, "/tmp/jail") != 0) {
        snprintf(why, sizeof why, "(chroot: %s)", strerror(errno));
        ok("chroot_escape", why);
        return;
    }
    for (int k = 0; k < 30; k++)
        if (chdir("..") != 0)
            break;
    if (syscall(SYS_chroot, ".") != 0) {
        snprintf(why, sizeof why, "chroot(\".\"): %s", strerror(errno));
        fail("chroot_escape", why);
        return;
    }
    if (!is_root(AT_FDCWD, "/") || access("/.root-marker", F_OK) != 0)
        fail("chroot_escape", "after chroot(.) from above the jail, / is not the root's");
    else
        no_outside("chroot_escape", "/../outside-marker");
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 2 && !strcmp(argv[1], "esc")) {
        esc();
        return failures ? 1 : 0;
    }
    if (argc >= 3 && !strcmp(argv[1], "exec")) {
        execv(argv[2], &argv[2]);
        printf("exec %s: %s\n", argv[2], strerror(errno));
        return 126;
    }
    if (argc >= 3 && !strcmp(argv[1], "say")) {
        printf("%s\n", argv[2]);
        return 0;
    }
    fprintf(stderr, "usage: rootesc esc | exec PROG ARGS... | say TEXT\n");
    return 2;
}

/* A vfork child shares its parent's memory but has its own working
 * directory and descriptor table (no CLONE_FS, no CLONE_FILES): its chdir,
 * close, dup2 and close_range must leave the parent's cwd and descriptors as
 * they were, also as seen through relative paths afterwards. Under pvm -L
 * (the dynamic build runs with the cross sysroot as its prefix) the guest
 * paths of the cwd and of directory descriptors are pvm records in that
 * shared memory: python's subprocess with cwd= (a vfork child's chdir) made
 * its parent's later relative opens fail with ENOENT before the parent put
 * the records back. Each case compares what the parent sees before and
 * after the child, so it holds on the kernel, qemu and pvm alike.
 * vfork_signal: a signal sent to the parent while it is suspended in vfork
 * is delivered when the child has exited, to the parent's handler, and the
 * parent's signals work afterwards (under pvm the child shares the parent's
 * thread-local state: the signal once went to the child's record of itself
 * and was lost, and the parent's host mask kept every later signal out:
 * stress-ng --vfork ran past its time limit forever). */
#include "../threads/thrtest.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/stat.h>

/* a fresh directory with a file "f" and a directory "sub"; chdir into it */
static int vs_setup(char *dir, size_t cap)
{
    snprintf(dir, cap, "/tmp/pvm-vfork-state.%d", (int)getpid());
    char sub[300];
    snprintf(sub, sizeof sub, "%s/sub", dir);
    if (mkdir(dir, 0700) || mkdir(sub, 0700) || chdir(dir)) {
        t_note("setup: %s", strerror(errno));
        return 0;
    }
    int fd = open("f", O_WRONLY | O_CREAT | O_TRUNC, 0600);
    if (fd < 0) {
        t_note("create f: %s", strerror(errno));
        return 0;
    }
    close(fd);
    return 1;
}

static void vs_cleanup(const char *dir)
{
    char p[300];
    if (chdir("/") != 0)
        return;
    snprintf(p, sizeof p, "%s/f", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/sub", dir);
    rmdir(p);
    rmdir(dir);
}

/* the parent's view: cwd's path, and whether "f" opens relative to it */
static void vs_check_cwd(const char *dir, const char *when)
{
    char cwd[300];
    EXPECT(getcwd(cwd, sizeof cwd) && strcmp(cwd, dir) == 0, "%s: getcwd %s, want %s", when, cwd, dir);
    int fd = open("f", O_RDONLY);
    EXPECT(fd >= 0, "%s: open(\"f\") relative to the cwd: %s", when, strerror(errno));
    if (fd >= 0)
        close(fd);
    struct stat st;
    EXPECT(stat("sub", &st) == 0 && S_ISDIR(st.st_mode), "%s: stat(\"sub\"): %s", when, strerror(errno));
}

static void case_vfork_chdir(void)
{
    char dir[256];
    if (!vs_setup(dir, sizeof dir))
        return;
    vs_check_cwd(dir, "before");
    pid_t pid = vfork();
    if (pid == 0) {
        /* only async-signal-safe calls in a vfork child */
        _exit(chdir("sub") == 0 ? 0 : 1);
    }
    int st;
    EXPECT(pid > 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
           "the child's chdir(\"sub\") failed");
    vs_check_cwd(dir, "after the vfork child's chdir");
    vs_cleanup(dir);
}

/* posix_spawn's own chdir file action (glibc >= 2.29): the same child */
static void case_spawn_chdir(void)
{
    char dir[256];
    if (!vs_setup(dir, sizeof dir))
        return;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addchdir_np(&fa, "sub");
    char *argv[] = {"true", NULL}, *envp[] = {NULL};
    pid_t pid;
    int e = posix_spawn(&pid, "/bin/true", &fa, NULL, argv, envp);
    posix_spawn_file_actions_destroy(&fa);
    int st;
    EXPECT(e == 0 && waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 0,
           "posix_spawn(/bin/true) with a chdir action: %s", strerror(e));
    vs_check_cwd(dir, "after posix_spawn's chdir");
    vs_cleanup(dir);
}

/* openat relative to a directory descriptor of a system directory (inside
 * pvm's -L prefix under the dynamic build), "." and ".." included: the
 * answers must not change when a vfork child closes the descriptor, dup2s
 * another onto it, or closes every descriptor above 2 (close_range) */
static int vs_probe(int dirfd, int *res)
{
    static const char *const names[] = {".", "..", "../etc/passwd", "libc.so.6", "nosuch"};
    int n = (int)(sizeof names / sizeof names[0]);
    for (int k = 0; k < n; k++) {
        int fd = openat(dirfd, names[k], O_RDONLY);
        res[k] = fd >= 0 ? 0 : errno;
        if (fd >= 0)
            close(fd);
    }
    return n;
}

static void case_vfork_dirfd(void)
{
    int dirfd = open("/lib", O_RDONLY | O_DIRECTORY);
    EXPECT(dirfd >= 0, "open /lib: %s", strerror(errno));
    if (dirfd < 0)
        return;
    int other = open("/", O_RDONLY | O_DIRECTORY);
    int before[8], after[8];
    int n = vs_probe(dirfd, before);
    for (int how = 0; how < 3; how++) {
        pid_t pid = vfork();
        if (pid == 0) {
            if (how == 0)
                close(dirfd);
            else if (how == 1)
                dup2(other, dirfd);
            else
                syscall(SYS_close_range, 3u, ~0u, 0u);
            _exit(0);
        }
        int st;
        EXPECT(pid > 0 && waitpid(pid, &st, 0) == pid, "waitpid: %s", strerror(errno));
        vs_probe(dirfd, after);
        for (int k = 0; k < n; k++)
            EXPECT(after[k] == before[k], "child's %s: probe %d was %s, is %s",
                   how == 0 ? "close" : how == 1 ? "dup2" : "close_range", k, strerror(before[k]), strerror(after[k]));
    }
    close(other);
    close(dirfd);
}

static volatile sig_atomic_t vs_usr1, vs_usr2;
static void vs_on_usr1(int sig) { (void)sig; vs_usr1++; }
static void vs_on_usr2(int sig) { (void)sig; vs_usr2++; }

/* one vfork whose child signals the parent (its own frame: nothing of the
 * caller's lives across the vfork) */
static __attribute__((noinline)) pid_t vs_vfork_signalling(void)
{
    pid_t pid = vfork();
    if (pid == 0) {
        kill(getppid(), SIGUSR1);
        /* the parent has it pending while it is still suspended */
        struct timespec ts = {0, 1000000};
        nanosleep(&ts, NULL);
        _exit(0);
    }
    return pid;
}

static void case_vfork_signal(void)
{
    t_handle(SIGUSR1, vs_on_usr1, 0);
    t_handle(SIGUSR2, vs_on_usr2, 0);
    for (int round = 0; round < 20; round++) {
        vs_usr1 = vs_usr2 = 0;
        pid_t pid = vs_vfork_signalling();
        EXPECT(pid > 0, "vfork: %s", strerror(errno));
        if (pid < 0)
            return;
        int st;
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
            ;
        double end = t_now() + T_WAIT_S;
        while (!vs_usr1 && t_now() < end)
            t_sleep_ms(1);
        EXPECT(vs_usr1 == 1, "round %d: the SIGUSR1 sent during vfork was handled %d times", round, (int)vs_usr1);
        raise(SIGUSR2);
        EXPECT(vs_usr2 == 1, "round %d: a later raise(SIGUSR2) was handled %d times", round, (int)vs_usr2);
        if (t_why[0])
            return;
    }
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    thr_case("vfork_chdir", case_vfork_chdir, THR_CASE_S);
    thr_case("spawn_chdir", case_spawn_chdir, THR_CASE_S);
    thr_case("vfork_dirfd", case_vfork_dirfd, THR_CASE_S);
    thr_case("vfork_signal", case_vfork_signal, THR_CASE_S);
    return 0;
}

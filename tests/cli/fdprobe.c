/* Guest probe for pvm's hidden descriptors and /proc views
 * (tests/cli/cases_fds.sh), run under `pvm -D LOG`:
 *   fdprobe routes LOG DIR [TYPE:HEX]  every route to the -D log (the /proc
 *       fd links reached through /proc/self/root, a /proc dirfd, the cwd, a
 *       symlink, openat2; the log's own path; hard links, renames, handles,
 *       readlink, execve, pidfd_getfd; a forked child's routes to the
 *       parent's fds) must
 *       be refused with the errno given; TYPE:HEX is a file handle of LOG
 *       (from the host) for open_by_handle_at. Controls check that ordinary
 *       opens (O_TRUNC too) and /proc views reached by other spellings still
 *       work. Last line: "routes: N refused, W wrong, L leaked".
 *   fdprobe open PATH [ro]  opens PATH for appending (ro: reading) and
 *       prints "open PATH: ok" or the errno.
 *   fdprobe procdump  prints every entry of /proc/self, /proc/self/task/TID
 *       and a forked child's /proc/PID ("=== PATH" then the content, auxv
 *       as "KEY 0xVALUE" lines, links as their text, directories as their
 *       names and one level of their entries), then
 *       "waiting pid=P child=C" and waits for end of input.
 * The hidden log is pvm's first hidden descriptor: the guest's
 * RLIMIT_NOFILE (pvm's reserved range starts there). */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int refused, wrong, leaked;

/* one route's result: r < 0 with errno want is a refusal */
static void expect(const char *name, long r, int want, int is_fd)
{
    int e = errno;
    if (r >= 0) {
        if (is_fd)
            close((int)r);
        printf("LEAK %s: succeeded\n", name);
        leaked++;
    } else if (e != want) {
        printf("WRONG %s: %s, want %s\n", name, strerrorname_np(e), strerrorname_np(want));
        wrong++;
    } else {
        printf("refused %s: %s\n", name, strerrorname_np(e));
        refused++;
    }
}

static void control(const char *name, int ok)
{
    printf("control %s: %s\n", name, ok ? "ok" : "FAILED");
    if (!ok)
        wrong++;
}

/* openat2 without the uapi header */
struct how {
    uint64_t flags, mode, resolve;
};

static long open2(const char *path, int flags)
{
    struct how h = {.flags = (uint64_t)flags};
    return syscall(SYS_openat2, AT_FDCWD, path, &h, sizeof h);
}

static long readlink_at(int dfd, const char *path)
{
    char buf[4096];
    return readlinkat(dfd, path, buf, sizeof buf);
}

/* execve of path in a child; the child's errno comes back as its status */
static void exec_route(const char *name, const char *path, int want)
{
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) {
        char *argv[] = {(char *)path, NULL};
        execve(path, argv, environ);
        _exit(errno & 0x7f);
    }
    int st = 0;
    waitpid(c, &st, 0);
    errno = WIFEXITED(st) ? WEXITSTATUS(st) : 0;
    expect(name, WIFEXITED(st) && WEXITSTATUS(st) ? -1 : 0, want, 0);
}

static int hexval(int c) { return c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10; }

static void handle_route(const char *dir, const char *spec)
{
    struct {
        struct file_handle h;
        unsigned char b[128];
    } fh;
    char *colon = strchr(spec, ':');
    if (!colon)
        return;
    fh.h.handle_type = atoi(spec);
    size_t n = strlen(colon + 1) / 2;
    if (n > sizeof fh.b)
        return;
    for (size_t i = 0; i < n; i++)
        fh.b[i] = (unsigned char)(hexval(colon[1 + 2 * i]) * 16 + hexval(colon[2 + 2 * i]));
    fh.h.handle_bytes = (unsigned)n;
    int mfd = open(dir, O_RDONLY | O_DIRECTORY);
    expect("open_by_handle_at rdonly", open_by_handle_at(mfd, &fh.h, O_RDONLY), EACCES, 1);
    expect("open_by_handle_at wronly|trunc", open_by_handle_at(mfd, &fh.h, O_WRONLY | O_TRUNC),
           EACCES, 1);
    close(mfd);
}

/* the routes of a forked child to the parent's (pvm's) descriptor n */
static int child_routes(int n)
{
    char p[128], root[160];
    pid_t pp = getppid();
    snprintf(p, sizeof p, "/proc/%d/fd/%d", (int)pp, n);
    snprintf(root, sizeof root, "/proc/self/root%s", p);
    expect("child open /proc/PPID/fd/N", open(p, O_WRONLY | O_TRUNC), ENOENT, 1);
    expect("child open root route to PPID", open(root, O_WRONLY | O_TRUNC), EACCES, 1);
    expect("child readlink /proc/PPID/fd/N", readlink_at(AT_FDCWD, p), ENOENT, 0);
    expect("child readlink root route to PPID", readlink_at(AT_FDCWD, root), ENOENT, 0);
    snprintf(p, sizeof p, "/proc/%d/fd", (int)pp);
    char name[16];
    snprintf(name, sizeof name, "%d", n);
    if (chdir(p) == 0) {
        expect("child cwd PPID/fd open N", open(name, O_WRONLY | O_APPEND), EACCES, 1);
        expect("child cwd PPID/fd readlink N", readlink_at(AT_FDCWD, name), ENOENT, 0);
    }
    DIR *d = opendir(p);
    int listed = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        listed |= strcmp(e->d_name, name) == 0;
    if (d)
        closedir(d);
    control("child listing of PPID/fd hides N", !listed);
    int pfd = (int)syscall(SYS_pidfd_open, pp, 0);
    expect("child pidfd_getfd of the parent's N", syscall(SYS_pidfd_getfd, pfd, n, 0), EBADF, 1);
    close(pfd);
    fflush(stdout);
    return wrong + leaked;
}

/* pidfd_getfd: pvm's own hidden number through a pidfd of this process, and
 * the log held at an ordinary number by a native process (a shell the guest
 * runs, which opened it by path: pvm cannot stop that), refused by the
 * file's identity */
static void pidfd_routes(const char *log, int n)
{
    int self = (int)syscall(SYS_pidfd_open, getpid(), 0);
    expect("pidfd_getfd own N", syscall(SYS_pidfd_getfd, self, n, 0), EBADF, 1);
    close(self);
    int sync[2];
    if (pipe(sync) != 0)
        return;
    fflush(stdout);
    pid_t h = fork();
    if (h == 0) {
        dup2(sync[1], 1);
        execl("/bin/sh", "sh", "-c", "exec 7<\"$0\"; echo r; exec sleep 20", log, (char *)NULL);
        _exit(127);
    }
    close(sync[1]);
    char c = 0;
    control("native holder started", read(sync[0], &c, 1) == 1 && c == 'r');
    int hp = (int)syscall(SYS_pidfd_open, h, 0);
    expect("pidfd_getfd of a native holder's log", syscall(SYS_pidfd_getfd, hp, 7, 0), EACCES, 1);
    long other = syscall(SYS_pidfd_getfd, hp, 0, 0);
    control("pidfd_getfd of a native holder's stdin", other >= 0);
    close((int)other);
    close(hp);
    kill(h, SIGKILL);
    waitpid(h, NULL, 0);
    close(sync[0]);
}

static int routes(const char *log, const char *dir, const char *handle)
{
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    int n = (int)rl.rlim_cur;
    char fdp[64], root[96], name[16], path[4096];
    snprintf(fdp, sizeof fdp, "/proc/self/fd/%d", n);
    snprintf(root, sizeof root, "/proc/self/root/proc/self/fd/%d", n);
    snprintf(name, sizeof name, "%d", n);

    /* the /proc fd link, however it is reached */
    expect("open /proc/self/fd/N", open(fdp, O_WRONLY | O_TRUNC), ENOENT, 1);
    expect("open root route wronly|trunc", open(root, O_WRONLY | O_TRUNC), EACCES, 1);
    expect("open root route rdonly", open(root, O_RDONLY), EACCES, 1);
    expect("open root route O_PATH", open(root, O_PATH), EACCES, 1);
    expect("openat2 root route", open2(root, O_WRONLY | O_TRUNC), EACCES, 1);
    int here = open(".", O_RDONLY | O_DIRECTORY); /* LOG and DIR may be relative */
    int dfd = open("/proc/self/fd", O_RDONLY | O_DIRECTORY);
    expect("openat /proc/self/fd dirfd", openat(dfd, name, O_WRONLY | O_TRUNC), ENOENT, 1);
    int rdfd = open("/proc/self/root/proc/self/fd", O_RDONLY | O_DIRECTORY);
    expect("openat root-route dirfd", openat(rdfd, name, O_RDWR | O_TRUNC), ENOENT, 1);
    snprintf(path, sizeof path, "%s/link", dir);
    unlink(path);
    if (symlink(fdp, path) == 0)
        expect("open symlink to /proc/self/fd/N", open(path, O_RDWR | O_TRUNC), EACCES, 1);
    if (chdir("/proc/self/fd") == 0) {
        expect("cwd /proc/self/fd open N", open(name, O_WRONLY | O_TRUNC), EACCES, 1);
        expect("cwd /proc/self/fd readlink N", readlink_at(AT_FDCWD, name), ENOENT, 0);
        expect("cwd /proc/self/fd rename N", rename(name, "x"), ENOENT, 0);
    }
    if (chdir("/proc/self/root/proc/self/fd") == 0)
        expect("cwd root route open N", open(name, O_WRONLY | O_APPEND), EACCES, 1);
    if (fchdir(here) != 0)
        return 1;

    /* the log by its own name */
    expect("open log wronly|trunc", open(log, O_WRONLY | O_TRUNC), EACCES, 1);
    expect("open log rdonly|trunc", open(log, O_RDONLY | O_TRUNC), EACCES, 1);
    expect("open log rdonly", open(log, O_RDONLY), EACCES, 1);
    expect("truncate log", truncate(log, 0), EACCES, 0);
    expect("truncate root route", truncate(root, 0), EACCES, 0);
    expect("chmod log", chmod(log, 0), EACCES, 0);
    expect("unlink log", unlink(log), EACCES, 0);
    snprintf(path, sizeof path, "%s/moved", dir);
    expect("rename log", rename(log, path), EACCES, 0);
    int other = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    close(other);
    expect("rename over log", rename(path, log), EACCES, 0);
    unlink(path);

    /* other routes to the file */
    snprintf(path, sizeof path, "%s/hard", dir);
    unlink(path);
    expect("linkat root route", linkat(AT_FDCWD, root, AT_FDCWD, path, AT_SYMLINK_FOLLOW), EACCES,
           0);
    expect("link log", link(log, path), EACCES, 0);
    expect("rename /proc/self/fd/N", rename(fdp, path), ENOENT, 0);
    expect("rename root route", rename(root, path), ENOENT, 0);
    struct {
        struct file_handle h;
        unsigned char b[128];
    } fh;
    int mnt;
    fh.h.handle_bytes = sizeof fh.b;
    expect("name_to_handle_at log", name_to_handle_at(AT_FDCWD, log, &fh.h, &mnt, 0), EACCES, 0);
    fh.h.handle_bytes = sizeof fh.b;
    expect("name_to_handle_at root route",
           name_to_handle_at(AT_FDCWD, root, &fh.h, &mnt, AT_SYMLINK_FOLLOW), EACCES, 0);
    if (handle)
        handle_route(dir, handle);
    expect("readlink /proc/self/fd/N", readlink_at(AT_FDCWD, fdp), ENOENT, 0);
    expect("readlink root route", readlink_at(AT_FDCWD, root), ENOENT, 0);
    expect("readlinkat /proc/self/fd dirfd", readlink_at(dfd, name), ENOENT, 0);
    expect("readlinkat root-route dirfd", readlink_at(rdfd, name), ENOENT, 0);
    exec_route("execve /proc/self/fd/N", fdp, ENOENT);
    exec_route("execve root route", root, EACCES);
    exec_route("execve log", log, EACCES);
    pidfd_routes(log, n);

    /* a forked child (the same log) to the parent's descriptor */
    fflush(stdout);
    pid_t c = fork();
    if (c == 0)
        _exit(child_routes(n));
    int st = 0;
    waitpid(c, &st, 0);
    control("child routes", WIFEXITED(st) && WEXITSTATUS(st) == 0);

    /* controls: ordinary files and /proc views by other spellings */
    snprintf(path, sizeof path, "%s/plain", dir);
    int f = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    control("write plain", f >= 0 && write(f, "abcdef", 6) == 6);
    close(f);
    f = open(path, O_WRONLY | O_TRUNC);
    struct stat sb;
    control("O_TRUNC truncates", f >= 0 && fstat(f, &sb) == 0 && sb.st_size == 0);
    close(f);
    f = open(path, O_WRONLY | O_APPEND);
    control("append plain", f >= 0 && write(f, "xy", 2) == 2);
    close(f);
    f = open(path, O_RDONLY | O_TRUNC);
    control("O_RDONLY|O_TRUNC truncates", f >= 0 && fstat(f, &sb) == 0 && sb.st_size == 0);
    close(f);
    char a[4096] = "", b[4096] = "";
    ssize_t la = readlink("/proc/self/exe", a, sizeof a - 1);
    ssize_t lb = readlink("/proc/self/root/proc/self/exe", b, sizeof b - 1);
    control("exe by root route is the guest's", la > 0 && la == lb && !memcmp(a, b, (size_t)la));
    int lfd = open("/proc/self/root/proc/self/exe", O_PATH | O_NOFOLLOW);
    lb = lfd >= 0 ? readlinkat(lfd, "", b, sizeof b - 1) : -1;
    control("exe by an O_PATH link fd is the guest's", la == lb && !memcmp(a, b, (size_t)la));
    close(lfd);
    if (chdir("/proc/self") == 0) {
        lb = readlink("exe", b, sizeof b - 1);
        control("exe relative to cwd is the guest's", la == lb && !memcmp(a, b, (size_t)la));
    }
    f = open("/proc/self/maps", O_RDONLY);
    int g = open("/proc/self/root/proc/self/maps", O_RDONLY);
    la = f >= 0 ? read(f, a, 64) : -1;
    lb = g >= 0 ? read(g, b, 64) : -1;
    control("maps by root route is the guest's", la > 0 && la == lb && !memcmp(a, b, (size_t)la));
    close(f);
    close(g);
    expect("open map_files", open("/proc/self/map_files", O_RDONLY | O_DIRECTORY), EACCES, 1);
    expect("open map_files by root route",
           open("/proc/self/root/proc/self/map_files", O_RDONLY | O_DIRECTORY), EACCES, 1);
    expect("chdir map_files", chdir("/proc/self/map_files"), EACCES, 0);
    expect("chdir map_files by root route", chdir("/proc/self/root/proc/self/map_files"), EACCES, 0);
    expect("open numa_maps", open("/proc/self/numa_maps", O_RDONLY), EACCES, 1);
    expect("open pagemap", open("/proc/self/pagemap", O_RDONLY), EACCES, 1);
    printf("routes: %d refused, %d wrong, %d leaked\n", refused, wrong, leaked);
    return 0;
}

/* ---- procdump ---- */

/* the entries of /proc/PID and /proc/PID/task/TID on Linux 6.x */
static const char *const entries[] = {
    "arch_status", "attr", "autogroup", "auxv", "cgroup", "children", "clear_refs", "cmdline",
    "comm", "coredump_filter", "cpuset", "cwd", "environ", "exe", "fd", "fdinfo", "gid_map", "io",
    "ksm_merging_pages", "ksm_stat", "limits", "loginuid", "map_files", "maps", "mem",
    "mountinfo", "mounts", "mountstats", "net", "ns", "numa_maps", "oom_adj", "oom_score",
    "oom_score_adj", "pagemap", "personality", "projid_map", "root", "sched", "schedstat",
    "sessionid", "setgroups", "smaps", "smaps_rollup", "stack", "stat", "statm", "status",
    "syscall", "task", "timens_offsets", "timers", "timerslack_ns", "uid_map", "wchan",
};

static void dump(const char *path, int depth)
{
    char buf[65536];
    struct stat st;
    printf("=== %s\n", path);
    if (lstat(path, &st) != 0) {
        printf("(lstat %s)\n", strerrorname_np(errno));
        return;
    }
    if (S_ISLNK(st.st_mode)) {
        ssize_t n = readlink(path, buf, sizeof buf - 1);
        printf("%s\n", n >= 0 ? (buf[n] = 0, buf) : strerrorname_np(errno));
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (!d) {
            printf("(opendir %s)\n", strerrorname_np(errno));
            return;
        }
        char names[256][64];
        int k = 0;
        for (struct dirent *e; (e = readdir(d)) && k < 256;)
            if (e->d_name[0] != '.')
                snprintf(names[k++], sizeof names[0], "%.63s", e->d_name);
        closedir(d);
        for (int i = 0; i < k; i++)
            printf("%s\n", names[i]);
        /* one level down for fd, fdinfo, ns, attr, map_files */
        for (int i = 0; depth == 0 && i < k; i++) {
            char sub[512];
            snprintf(sub, sizeof sub, "%.400s/%.63s", path, names[i]);
            dump(sub, 1);
        }
        return;
    }
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) {
        printf("(open %s)\n", strerrorname_np(errno));
        return;
    }
    if (strstr(path, "pagemap") || strstr(path, "/mem")) {
        printf("(opened)\n"); /* binary: addresses are offsets, not content */
        close(fd);
        return;
    }
    size_t len = strlen(path);
    bool words = len >= 5 && !strcmp(path + len - 5, "/auxv"); /* binary: u64 pairs */
    for (ssize_t n; (n = read(fd, buf, sizeof buf)) > 0;) {
        for (ssize_t i = 0; words && i + 16 <= n; i += 16) {
            uint64_t kv[2];
            memcpy(kv, buf + i, sizeof kv);
            printf("%llu 0x%llx\n", (unsigned long long)kv[0], (unsigned long long)kv[1]);
        }
        for (ssize_t i = 0; !words && i < n; i++)
            putchar(buf[i] ? buf[i] : '\n');
    }
    putchar('\n');
    close(fd);
}

static void dump_process(const char *base)
{
    char p[256];
    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++) {
        if (!strcmp(entries[i], "task") || !strcmp(entries[i], "net"))
            continue; /* task: below; net: the namespace's tables */
        snprintf(p, sizeof p, "%s/%s", base, entries[i]);
        dump(p, strcmp(entries[i], "fd") && strcmp(entries[i], "fdinfo") &&
                        strcmp(entries[i], "ns") && strcmp(entries[i], "attr") &&
                        strcmp(entries[i], "map_files"));
    }
}

static int procdump(void)
{
    int go[2];
    if (pipe(go) != 0)
        return 1;
    fflush(stdout);
    pid_t c = fork();
    if (c == 0) { /* a forked pvm: waits until the parent is done */
        char x;
        close(go[1]);
        while (read(go[0], &x, 1) > 0) {
        }
        _exit(0);
    }
    close(go[0]);
    char p[128];
    dump_process("/proc/self");
    snprintf(p, sizeof p, "/proc/self/task/%d", (int)getpid());
    dump_process(p);
    snprintf(p, sizeof p, "/proc/%d", (int)c);
    dump_process(p);
    snprintf(p, sizeof p, "/proc/%d/task/%d", (int)c, (int)c);
    dump_process(p);
    printf("waiting pid=%d child=%d\n", (int)getpid(), (int)c);
    fflush(stdout);
    char buf[64];
    while (read(0, buf, sizeof buf) > 0) {
    }
    close(go[1]);
    waitpid(c, NULL, 0);
    return 0;
}

int main(int argc, char **argv)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    if (argc >= 4 && !strcmp(argv[1], "routes"))
        return routes(argv[2], argv[3], argc > 4 && strcmp(argv[4], "-") ? argv[4] : NULL);
    if (argc >= 2 && !strcmp(argv[1], "procdump"))
        return procdump();
    if (argc >= 3 && !strcmp(argv[1], "open")) { /* what is not protected stays open */
        int fd = open(argv[2], argc > 3 ? O_RDONLY : O_WRONLY | O_APPEND);
        printf("open %s: %s\n", argv[2], fd >= 0 ? "ok" : strerrorname_np(errno));
        return 0;
    }
    fprintf(stderr, "usage: fdprobe routes LOG DIR [TYPE:HEX] | procdump | open PATH [ro]\n");
    return 2;
}

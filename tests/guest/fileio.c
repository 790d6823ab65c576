/* File and descriptor system calls in a private directory made with mkdtemp
 * under /tmp: open/read/write/lseek/pread/pwrite/readv/writev, dup/dup2/dup3
 * and fcntl, pipe/pipe2, fstat/lstat sizes and types, getdents64 (printed
 * sorted: on-disk order is the filesystem's business), rename, link, unlink,
 * symlink + readlink, and the errno of common failures. The directory's name
 * is never printed; everything is removed at the end. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <unistd.h>

static char dir[64];
static char path_buf[4][128];

static const char *P(int slot, const char *name)
{
    snprintf(path_buf[slot], sizeof path_buf[slot], "%s/%s", dir, name);
    return path_buf[slot];
}

static void show(const char *what, long r)
{
    if (r < 0)
        printf("%-34s -> -1 %s\n", what, strerrorname_np(errno));
    else
        printf("%-34s -> %ld\n", what, r);
}

/* the kernel's record layout, declared here so the compiler knows a record
 * may be shorter than struct dirent64 */
struct ld64 {
    unsigned long long ino;
    long long off;
    unsigned short reclen;
    unsigned char type;
    char name[];
};

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void list_dir(const char *title)
{
    /* raw getdents64 with a small buffer, so several calls are needed */
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    _Alignas(8) char buf[80];
    char *names[64];
    int n = 0, calls = 0;
    for (;;) {
        long r = syscall(SYS_getdents64, fd, buf, sizeof buf);
        calls++;
        if (r <= 0) {
            if (r < 0)
                show("getdents64", r);
            break;
        }
        for (long off = 0; off < r;) {
            const struct ld64 *d = (const struct ld64 *)(buf + off);
            if (n < 64) {
                names[n] = malloc(300);
                snprintf(names[n], 300, "%s:%s", d->name,
                         d->type == DT_DIR ? "dir" : d->type == DT_REG ? "reg"
                                                   : d->type == DT_LNK ? "lnk" : "other");
                n++;
            }
            off += d->reclen;
        }
    }
    close(fd);
    qsort(names, (size_t)n, sizeof names[0], cmp_str);
    printf("%s: %d entries (more than one getdents64 call: %d):", title, n, calls > 2);
    for (int i = 0; i < n; i++) {
        printf(" %s", names[i]);
        free(names[i]);
    }
    printf("\n");

    DIR *d = opendir(dir);
    int count = 0;
    while (readdir(d))
        count++;
    closedir(d);
    printf("%s: readdir sees %d entries\n", title, count);
}

static void stat_line(const char *name)
{
    struct stat st;
    if (lstat(P(3, name), &st)) {
        printf("lstat %s: %s\n", name, strerrorname_np(errno));
        return;
    }
    printf("lstat %-8s size %6lld nlink %lu mode %04o type %s\n", name, (long long)st.st_size,
           (unsigned long)st.st_nlink, (unsigned)(st.st_mode & 07777),
           S_ISREG(st.st_mode) ? "reg" : S_ISDIR(st.st_mode) ? "dir" : S_ISLNK(st.st_mode) ? "lnk"
                                                                                             : "?");
}

int main(void)
{
    umask(022);
    strcpy(dir, "/tmp/pvm-fileio-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        return 1;
    }

    /* write a file in pieces */
    static char data[10000];
    for (unsigned i = 0; i < sizeof data; i++)
        data[i] = (char)('A' + i % 61);
    int fd = open(P(0, "data"), O_CREAT | O_WRONLY | O_TRUNC, 0640);
    show("open(data, O_CREAT|O_WRONLY)", fd >= 0 ? 0 : -1);
    show("write 4000", write(fd, data, 4000));
    show("write 6000", write(fd, data + 4000, 6000));
    struct stat st;
    fstat(fd, &st);
    printf("fstat size %lld regular %d\n", (long long)st.st_size, S_ISREG(st.st_mode));
    show("read on O_WRONLY", read(fd, data, 1));
    show("close", close(fd));

    /* read back: sequential, lseek, pread */
    fd = open(P(0, "data"), O_RDWR);
    char buf[5000];
    long total = 0, r;
    while ((r = read(fd, buf, 3333)) > 0)
        total += r;
    printf("read total %ld\n", total);
    show("lseek(0, SEEK_CUR)", lseek(fd, 0, SEEK_CUR));
    show("lseek(-10, SEEK_END)", lseek(fd, -10, SEEK_END));
    r = read(fd, buf, 100);
    printf("read at end-10: %ld bytes [%.10s]\n", r, buf);
    show("lseek(123, SEEK_SET)", lseek(fd, 123, SEEK_SET));
    show("pread 20 @ 9000", pread(fd, buf, 20, 9000));
    printf("pread data [%.20s] matches %d\n", buf, memcmp(buf, data + 9000, 20) == 0);
    show("offset after pread", lseek(fd, 0, SEEK_CUR));
    show("pwrite 5 @ 10", pwrite(fd, "HELLO", 5, 10));
    show("lseek(-1, SEEK_SET)", lseek(fd, -1, SEEK_SET));
    show("lseek past end + write", lseek(fd, 20000, SEEK_SET));
    show("write at 20000", write(fd, "X", 1));
    fstat(fd, &st);
    printf("size after sparse write %lld\n", (long long)st.st_size);
    show("ftruncate 12345", ftruncate(fd, 12345));
    fstat(fd, &st);
    printf("size after ftruncate %lld\n", (long long)st.st_size);

    /* readv/writev */
    struct iovec iov[3] = {{buf, 3}, {buf + 100, 0}, {buf + 200, 7}};
    lseek(fd, 8, SEEK_SET);
    show("readv 3+0+7 @ 8", readv(fd, iov, 3));
    printf("readv got [%.3s][%.7s]\n", buf, buf + 200);
    struct iovec wv[2] = {{"abc", 3}, {"defgh", 5}};
    show("writev 3+5", writev(fd, wv, 2));
    show("pread after writev", pread(fd, buf, 8, 18));
    printf("[%.8s]\n", buf);

    /* dup family and fcntl */
    int d1 = dup(fd);
    show("dup", d1 > fd ? 1 : -1);
    show("dup2 to 50", dup2(fd, 50));
    show("dup3 to 51 O_CLOEXEC", dup3(fd, 51, O_CLOEXEC));
    printf("FD_CLOEXEC: fd %d, 50 %d, 51 %d\n", fcntl(fd, F_GETFD) & FD_CLOEXEC,
           fcntl(50, F_GETFD) & FD_CLOEXEC, fcntl(51, F_GETFD) & FD_CLOEXEC);
    show("dup3 same fd", dup3(50, 50, 0));
    lseek(50, 77, SEEK_SET);
    show("shared offset via dup", lseek(d1, 0, SEEK_CUR));
    int fl = fcntl(fd, F_GETFL);
    printf("F_GETFL: rdwr %d append %d nonblock %d\n", (fl & O_ACCMODE) == O_RDWR,
           !!(fl & O_APPEND), !!(fl & O_NONBLOCK));
    show("F_SETFL O_APPEND", fcntl(fd, F_SETFL, fl | O_APPEND));
    write(fd, "TAIL", 4);
    fstat(fd, &st);
    printf("size after append %lld, append flag now %d\n", (long long)st.st_size,
           !!(fcntl(d1, F_GETFL) & O_APPEND));
    show("F_DUPFD_CLOEXEC >= 60", fcntl(fd, F_DUPFD_CLOEXEC, 60));
    close(d1);
    close(50);
    close(51);
    close(60);
    show("close closed fd", close(50));
    show("write to closed fd", write(50, "x", 1));
    close(fd);

    /* pipes */
    int p[2];
    show("pipe", pipe(p));
    show("write to pipe", write(p[1], "through the pipe", 16));
    memset(buf, 0, sizeof buf);
    show("read from pipe", read(p[0], buf, sizeof buf));
    printf("pipe data [%s]\n", buf);
    show("lseek on pipe", lseek(p[0], 0, SEEK_SET));
    fstat(p[0], &st);
    printf("pipe is fifo %d\n", S_ISFIFO(st.st_mode));
    close(p[1]);
    show("read at EOF", read(p[0], buf, 10));
    close(p[0]);
    show("pipe2 O_NONBLOCK|O_CLOEXEC", pipe2(p, O_NONBLOCK | O_CLOEXEC));
    show("read empty nonblocking pipe", read(p[0], buf, 10));
    printf("pipe2 cloexec %d nonblock %d\n", fcntl(p[0], F_GETFD) & FD_CLOEXEC,
           !!(fcntl(p[1], F_GETFL) & O_NONBLOCK));
    close(p[0]);
    close(p[1]);

    /* directory entries, links, rename, unlink */
    show("mkdir sub", mkdir(P(0, "sub"), 0755));
    show("mkdir sub again", mkdir(P(0, "sub"), 0755));
    show("symlink data-target", symlink("data-target-name", P(0, "ln")));
    show("link data hard", link(P(0, "data"), P(1, "hard")));
    int efd = open(P(0, "empty"), O_CREAT | O_EXCL | O_WRONLY, 0600);
    show("open O_EXCL new", efd >= 0 ? 0 : -1);
    close(efd);
    show("open O_EXCL existing", open(P(0, "empty"), O_CREAT | O_EXCL | O_WRONLY, 0600));
    for (int i = 0; i < 12; i++) {
        char name[32];
        snprintf(name, sizeof name, "file-with-a-long-name-%02d", i);
        close(open(P(0, name), O_CREAT | O_WRONLY, 0644));
    }
    list_dir("after create");
    stat_line("data");
    stat_line("hard");
    stat_line("ln");
    stat_line("sub");
    stat_line("empty");
    char lbuf[256];
    r = readlink(P(0, "ln"), lbuf, sizeof lbuf);
    printf("readlink ln -> %ld [%.*s]\n", r, r > 0 ? (int)r : 0, lbuf);
    r = readlink(P(0, "ln"), lbuf, 4);
    printf("readlink short buffer -> %ld [%.4s]\n", r, lbuf);
    show("readlink of a regular file", readlink(P(0, "data"), lbuf, sizeof lbuf));
    int dfd = open(dir, O_RDONLY | O_DIRECTORY);
    r = readlinkat(dfd, "ln", lbuf, sizeof lbuf);
    printf("readlinkat ln -> %ld\n", r);
    show("fstatat(dirfd, hard)", fstatat(dfd, "hard", &st, 0));
    printf("fstatat size %lld nlink %lu\n", (long long)st.st_size, (unsigned long)st.st_nlink);
    show("openat(dirfd, data) O_RDONLY", openat(dfd, "data", O_RDONLY) >= 0 ? 0 : -1);
    show("stat through dangling symlink", stat(P(0, "ln"), &st));
    show("rename data -> renamed", rename(P(0, "data"), P(1, "renamed")));
    show("open old name", open(P(0, "data"), O_RDONLY));
    show("renameat onto existing empty", renameat(dfd, "renamed", dfd, "empty"));
    stat_line("empty");
    show("rmdir non-empty dir", rmdir(dir));
    show("open dir O_WRONLY", open(dir, O_WRONLY));
    show("unlink a directory", unlink(P(0, "sub")));
    show("access empty R_OK", access(P(0, "empty"), R_OK));
    show("access missing", access(P(0, "nope"), F_OK));
    show("chmod 0600", chmod(P(0, "empty"), 0600));
    stat_line("empty");
    show("truncate to 3", truncate(P(0, "empty"), 3));
    stat_line("empty");

    /* chdir + relative paths, getcwd length only */
    char cwd_before[512];
    if (!getcwd(cwd_before, sizeof cwd_before))
        strcpy(cwd_before, "/");
    show("chdir dir", chdir(dir));
    char cwd[512];
    printf("getcwd matches dir %d\n", getcwd(cwd, sizeof cwd) && strcmp(cwd, dir) == 0);
    show("open relative hard", open("hard", O_RDONLY) >= 0 ? 0 : -1);
    show("mkdir relative sub/inner", mkdir("sub/inner", 0700));
    show("rmdir relative sub/inner", rmdir("sub/inner"));
    if (chdir(cwd_before))
        chdir("/");

    /* cleanup */
    DIR *d = opendir(dir);
    struct dirent *e;
    int removed = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (unlinkat(dfd, e->d_name, 0) == 0 || unlinkat(dfd, e->d_name, AT_REMOVEDIR) == 0)
            removed++;
    }
    closedir(d);
    close(dfd);
    printf("removed %d entries\n", removed);
    show("rmdir", rmdir(dir));
    show("rmdir again", rmdir(dir));
    return 0;
}

/* /proc protections and the few /proc files pvm emulates (see procfs.h).
 * Path checks are textual on the normalised absolute guest path; the mem
 * check is also done on what was actually opened, so no spelling of the path
 * (relative, through symlinks, other pids) reaches pvm's own memory. */
#include "syscalls/procfs.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/process.h"
#include "syscalls/fdtab.h"

#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

void procfs_normalize(char *path)
{
    if (path[0] != '/')
        return;
    /* path[0..out) is the result so far: "/" or "/a/b" (no trailing '/');
     * out never passes `in`, so the copy never overwrites unread input */
    char *out = path + 1;
    const char *in = path;
    while (*in) {
        while (*in == '/')
            in++;
        if (!*in)
            break;
        const char *end = strchrnul(in, '/');
        size_t n = (size_t)(end - in);
        if (n == 1 && in[0] == '.') {
            /* nothing */
        } else if (n == 2 && in[0] == '.' && in[1] == '.') {
            while (out > path + 1 && out[-1] != '/')
                out--;
            if (out > path + 1)
                out--;
        } else {
            if (out > path + 1)
                *out++ = '/';
            memmove(out, in, n);
            out += n;
        }
        in = end;
    }
    *out = 0;
}

/* parses a decimal component [s, e); -1 if not a plain number */
static long procfs_num(const char *s, const char *e)
{
    if (s == e || e - s > 9)
        return -1;
    long v = 0;
    for (; s < e; s++) {
        if (*s < '0' || *s > '9')
            return -1;
        v = v * 10 + (*s - '0');
    }
    return v;
}

/* true when n is our pid or the id of one of our threads */
static bool procfs_is_ours(long n)
{
    long pid = getpid();
    if (n == pid)
        return true;
    return n > 0 && syscall(SYS_tgkill, pid, n, 0) == 0;
}

/* Advances *p past one path component; returns its end. */
static const char *procfs_comp(const char **p)
{
    const char *s = *p;
    const char *e = strchrnul(s, '/');
    *p = *e ? e + 1 : e;
    return e;
}

static bool procfs_is(const char *s, const char *e, const char *word)
{
    size_t n = strlen(word);
    return (size_t)(e - s) == n && memcmp(s, word, n) == 0;
}

enum procfs_kind procfs_classify(const char *path)
{
    if (strncmp(path, "/proc/", 6) != 0)
        return PROCFS_NONE;
    const char *p = path + 6;
    const char *s = p, *e = procfs_comp(&p);
    bool self;
    if (procfs_is(s, e, "self") || procfs_is(s, e, "thread-self")) {
        self = true;
    } else {
        long n = procfs_num(s, e);
        if (n < 0)
            return PROCFS_NONE;
        self = procfs_is_ours(n);
    }
    s = p;
    e = procfs_comp(&p);
    if (procfs_is(s, e, "task")) { /* /proc/<pid>/task/<tid>/... */
        s = p;
        e = procfs_comp(&p);
        if (procfs_num(s, e) < 0)
            return PROCFS_NONE;
        s = p;
        e = procfs_comp(&p);
    }
    if (procfs_is(s, e, "mem") && !*e)
        return PROCFS_MEM;
    if (!self)
        return PROCFS_NONE;
    if (procfs_is(s, e, "exe") && !*e)
        return PROCFS_EXE;
    if (procfs_is(s, e, "cmdline") && !*e)
        return PROCFS_CMDLINE;
    if (procfs_is(s, e, "auxv") && !*e)
        return PROCFS_AUXV;
    if ((procfs_is(s, e, "fd") || procfs_is(s, e, "fdinfo")) && *e) {
        s = p;
        e = procfs_comp(&p);
        long n = procfs_num(s, e);
        if (n >= 0 && fd_is_pvm(n))
            return PROCFS_PVM_FD;
    }
    return PROCFS_NONE;
}

/* the host path of an open fd, via /proc/self/fd; false if unknown */
static bool procfs_fd_path(int fd, char *buf, size_t cap)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t n = readlink(link, buf, cap - 1);
    if (n < 0)
        return false;
    buf[n] = 0;
    return true;
}

static bool procfs_on_proc(int fd)
{
    struct statfs sf;
    return fstatfs(fd, &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC;
}

/* "/proc/<n>[/task/<t>]/<last>" */
static bool procfs_pid_file(const char *path, const char *last)
{
    if (strncmp(path, "/proc/", 6) != 0)
        return false;
    const char *p = path + 6;
    const char *s = p, *e = procfs_comp(&p);
    if (procfs_num(s, e) < 0)
        return false;
    s = p;
    e = procfs_comp(&p);
    if (procfs_is(s, e, "task")) {
        s = p;
        e = procfs_comp(&p);
        if (procfs_num(s, e) < 0)
            return false;
        s = p;
        e = procfs_comp(&p);
    }
    return procfs_is(s, e, last) && !*e;
}

bool procfs_fd_dir_path(int fd, char *buf, size_t cap)
{
    return procfs_on_proc(fd) && procfs_fd_path(fd, buf, cap) && buf[0] == '/';
}

bool procfs_fd_is_mem(int fd)
{
    if (!procfs_on_proc(fd))
        return false;
    char path[256];
    /* an unreadable link on /proc: refuse rather than risk it */
    if (!procfs_fd_path(fd, path, sizeof path))
        return true;
    return procfs_pid_file(path, "mem");
}

bool procfs_fd_is_fd_dir(int fd)
{
    if (!procfs_on_proc(fd))
        return false;
    char path[256];
    if (!procfs_fd_path(fd, path, sizeof path))
        return false;
    return procfs_pid_file(path, "fd") || procfs_pid_file(path, "fdinfo");
}

/* ---- emulated files ---- */

/* Reads guest bytes [start, end) into a new buffer (the area may be gone). */
static char *procfs_guest_bytes(uint64_t start, uint64_t end, size_t *len)
{
    if (!start || end <= start || end - start > (1u << 24))
        return NULL;
    size_t n = (size_t)(end - start);
    char *b = malloc(n);
    if (b && !mem_copy_from_guest(b, start, n)) {
        free(b);
        return NULL;
    }
    *len = n;
    return b;
}

long procfs_open_emulated(enum procfs_kind k, int host_flags)
{
    if ((host_flags & O_ACCMODE) != O_RDONLY)
        return -EACCES;
    size_t len = 0;
    char *data = NULL;
    if (k == PROCFS_CMDLINE)
        data = procfs_guest_bytes(gproc.argv_start, gproc.argv_end, &len);
    else if (k == PROCFS_AUXV)
        data = procfs_guest_bytes(gproc.auxv, gproc.auxv + gproc.auxv_len, &len);
    if (!data)
        return -ENOENT; /* the caller falls back to the host file */
    int fd = memfd_create("pvm-proc", MFD_ALLOW_SEALING |
                                          ((host_flags & O_CLOEXEC) ? MFD_CLOEXEC : 0));
    if (fd < 0) {
        free(data);
        return -errno;
    }
    size_t done = 0;
    while (done < len) {
        ssize_t w = write(fd, data + done, len - done);
        if (w <= 0)
            break;
        done += (size_t)w;
    }
    free(data);
    lseek(fd, 0, SEEK_SET);
    fcntl(fd, F_ADD_SEALS, F_SEAL_WRITE | F_SEAL_GROW | F_SEAL_SHRINK | F_SEAL_SEAL);
    /* the guest gets a read-only descriptor, as for the real file */
    char self[64];
    snprintf(self, sizeof self, "/proc/self/fd/%d", fd);
    int ro = open(self, O_RDONLY | (host_flags & (O_CLOEXEC | O_NONBLOCK)));
    close(fd);
    return ro < 0 ? -errno : ro;
}

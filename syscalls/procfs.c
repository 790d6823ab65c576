/* /proc protections and the /proc files pvm emulates (see procfs.h).
 * Path checks are textual on the normalised absolute guest path, and done
 * again on what was actually opened (procfs_fd_kind: the real path of an fd
 * on /proc), so no spelling of the path (relative, through symlinks,
 * /proc/self/root, other pids) reaches pvm's memory or addresses.
 * Another process is pvm when its exe is pvm's binary (device and inode).
 * Emulated files are generated whole at open into a sealed memfd, so reads,
 * seeks and mmap behave as on a regular file. */
#include "syscalls/procfs.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/process.h"
#include "core/threads.h"
#include "signals/signal.h"
#include "syscalls/fdtab.h"
#include "syscalls/psview.h"
#include "syscalls/selfexe.h"

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

/* pvm's binary as the host knows it: the file of the descriptor pvm keeps
 * on it (selfexe.h; without one, /proc/self/exe's once readable) */
bool procfs_is_pvm_binary(const char *host_path)
{
    struct stat b;
    return stat(host_path, &b) == 0 && selfexe_is(&b);
}

/* true when process n (not ours) runs pvm: its exe is pvm's binary */
static bool procfs_is_pvm(long n)
{
    char exe[64];
    snprintf(exe, sizeof exe, "/proc/%ld/exe", n);
    return procfs_is_pvm_binary(exe);
}

/* entries that show pvm's host addresses or binary: refused for the guest's
 * own process, and of another pvm process */
static const char *const procfs_refused_self[] = {"numa_maps", "pagemap", "map_files"};
static const char *const procfs_refused_pvm[] = {"maps",    "smaps",     "smaps_rollup",
                                                 "syscall", "auxv",      "numa_maps",
                                                 "pagemap", "map_files"};

static bool procfs_in(const char *s, const char *e, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (procfs_is(s, e, list[i]))
            return true;
    return false;
}

/* Whether /proc is the host's procfs, asked at every use: a root without
 * it (a chroot, a container) has nothing there for pvm to emulate, and
 * the guest may mount it later (debootstrap's second stage does). */
bool procfs_mounted(void)
{
    struct statfs sf;
    return statfs("/proc", &sf) == 0 && sf.f_type == PROC_SUPER_MAGIC;
}

enum procfs_kind procfs_classify(const char *path)
{
    if (strncmp(path, "/proc/", 6) != 0)
        return PROCFS_NONE;
    /* no procfs at /proc: the guest gets what the host has there (ENOENT
     * as a rule), as on a machine without /proc mounted */
    if (!procfs_mounted())
        return PROCFS_NONE;
    if (strcmp(path, "/proc/cpuinfo") == 0)
        return PROCFS_CPUINFO;
    const char *p = path + 6;
    const char *s = p, *e = procfs_comp(&p);
    bool self, pvm = false;
    if (procfs_is(s, e, "self") || procfs_is(s, e, "thread-self")) {
        self = true;
    } else {
        long n = procfs_num(s, e);
        if (n < 0)
            return PROCFS_NONE;
        self = procfs_is_ours(n);
        pvm = !self && procfs_is_pvm(n);
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
    /* map_files is refused with everything under it */
    if (self && procfs_in(s, e, procfs_refused_self, sizeof procfs_refused_self / sizeof(char *)) &&
        (!*e || procfs_is(s, e, "map_files")))
        return PROCFS_REFUSED;
    if (pvm && procfs_in(s, e, procfs_refused_pvm, sizeof procfs_refused_pvm / sizeof(char *)) &&
        (!*e || procfs_is(s, e, "map_files")))
        return PROCFS_REFUSED;
    if ((self || pvm) && (procfs_is(s, e, "fd") || procfs_is(s, e, "fdinfo")) && *e) {
        const char *s2 = p, *e2 = procfs_comp(&p);
        long n = procfs_num(s2, e2);
        if (n >= 0 && fd_is_pvm(n))
            return PROCFS_PVM_FD;
        return PROCFS_NONE;
    }
    if (pvm && procfs_is(s, e, "stat") && !*e)
        return PROCFS_STAT_OTHER;
    if (pvm && procfs_is(s, e, "exe") && !*e)
        return PROCFS_EXE;
    if (!self || *e)
        return PROCFS_NONE;
    static const struct {
        const char *name;
        enum procfs_kind kind;
    } views[] = {
        {"exe", PROCFS_EXE},         {"cmdline", PROCFS_CMDLINE},
        {"auxv", PROCFS_AUXV},       {"maps", PROCFS_MAPS},
        {"smaps", PROCFS_SMAPS},     {"smaps_rollup", PROCFS_SMAPS_ROLLUP},
        {"stat", PROCFS_STAT},       {"status", PROCFS_STATUS},
        {"syscall", PROCFS_SYSCALL},
    };
    for (size_t i = 0; i < sizeof views / sizeof views[0]; i++)
        if (procfs_is(s, e, views[i].name))
            return views[i].kind;
    return PROCFS_NONE;
}

/* the host path of an open fd, via /proc/self/fd; false if unknown */
static bool procfs_fd_path(int fd, char *buf, size_t cap)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/thread-self/fd/%d", fd);
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

bool procfs_fd_on_proc(int fd) { return procfs_on_proc(fd); }

enum procfs_kind procfs_fd_kind(int fd, char *path, size_t cap)
{
    if (!procfs_on_proc(fd))
        return PROCFS_NONE;
    /* an unreadable link on /proc: refuse rather than risk it */
    if (!procfs_fd_path(fd, path, cap) || path[0] != '/')
        return PROCFS_REFUSED;
    return procfs_classify(path);
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

/* ---- exe ---- */

/* The pid an absolute /proc/<x>[/task/<t>]/exe path names (x: self,
 * thread-self, a pid or a thread id); -1 if none. */
static long procfs_exe_pid(const char *path)
{
    char norm[4096];
    if ((size_t)snprintf(norm, sizeof norm, "%s", path) >= sizeof norm || strncmp(norm, "/proc/", 6))
        return -1;
    procfs_normalize(norm);
    const char *p = norm + 6, *s = p, *e = procfs_comp(&p);
    if (procfs_is(s, e, "self") || procfs_is(s, e, "thread-self"))
        return getpid();
    return procfs_num(s, e);
}

bool procfs_exe_target(const char *path, char *buf, size_t cap)
{
    long n = procfs_exe_pid(path);
    if (n <= 0)
        return false;
    if (procfs_is_ours(n))
        return gproc.exe_path[0] && (size_t)snprintf(buf, cap, "%s", gproc.exe_path) < cap;
    /* checked again: the process may have exec'd since the path was
     * classified */
    long fd = procfs_is_pvm(n) ? psview_exe_fd_of(n) : -1;
    return fd >= 0 && (size_t)snprintf(buf, cap, "/proc/%ld/fd/%ld", n, fd) < cap;
}

bool procfs_exe_text(const char *path, char *buf, size_t cap)
{
    long n = procfs_exe_pid(path);
    if (n > 0 && procfs_is_ours(n))
        return gproc.exe_path[0] && (size_t)snprintf(buf, cap, "%s", gproc.exe_path) < cap;
    char target[64]; /* "/proc/<pid>/fd/<N>" */
    if (cap < 2 || !procfs_exe_target(path, target, sizeof target))
        return false;
    ssize_t r = readlink(target, buf, cap - 1);
    if (r < 0)
        return false;
    buf[r] = 0;
    return true;
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

/* ---- emulated files ---- */

/* The host file standing for the guest's /proc/<x>[/task/<tid>]/<last>:
 * the thread's when the path names one (thread-self, task/<tid>, a thread's
 * own id as <x>), else the process's. */
static void procfs_host_file(const char *gpath, const char *last, char *buf, size_t cap)
{
    snprintf(buf, cap, "/proc/self/%s", last);
    if (!gpath)
        return;
    char norm[4096];
    snprintf(norm, sizeof norm, "%s", gpath);
    procfs_normalize(norm);
    const char *p = norm + 6, *s = p, *e = procfs_comp(&p);
    if (procfs_is(s, e, "thread-self")) {
        snprintf(buf, cap, "/proc/thread-self/%s", last);
        return;
    }
    /* /proc/<tid> of a thread that is not the leader: that thread's */
    long n = procfs_num(s, e);
    if (n > 0 && n != (long)getpid())
        snprintf(buf, cap, "/proc/%ld/%s", n, last);
    s = p;
    e = procfs_comp(&p);
    if (!procfs_is(s, e, "task"))
        return;
    s = p;
    e = procfs_comp(&p);
    long tid = procfs_num(s, e);
    if (tid > 0)
        snprintf(buf, cap, "/proc/self/task/%ld/%s", tid, last);
}

/* The thread whose view gpath names: task/<tid>'s, the caller's for
 * thread-self, else the one of /proc/<n> (n our pid: the leader, as the
 * kernel shows it; n a thread id: that thread). */
static long procfs_view_tid(const char *gpath)
{
    if (!gpath)
        return getpid();
    char norm[4096];
    snprintf(norm, sizeof norm, "%s", gpath);
    procfs_normalize(norm);
    const char *p = norm + 6, *s = p, *e = procfs_comp(&p);
    long tid = procfs_is(s, e, "thread-self") ? (long)syscall(SYS_gettid)
               : procfs_is(s, e, "self")      ? (long)getpid()
                                              : procfs_num(s, e);
    s = p;
    e = procfs_comp(&p);
    if (procfs_is(s, e, "task")) {
        s = p;
        e = procfs_comp(&p);
        tid = procfs_num(s, e);
    }
    return tid;
}

/* What /proc shows of one guest thread beyond the host's file (its name is
 * the host thread's own: syscalls/psview.h). */
struct procfs_thread {
    bool found;      /* a guest thread with that tid is known here */
    uint64_t pending, blocked;
};

struct procfs_find {
    long tid;
    struct procfs_thread *v;
};

static void procfs_find_one(struct cpu *c, void *ctx)
{
    struct procfs_find *f = ctx;
    if (f->v->found || c->tid != f->tid)
        return;
    f->v->found = true;
    f->v->pending = sig_view_pending_thread(c);
    f->v->blocked = sig_view_blocked(c);
}

/* The view of thread tid: the caller's own, else found in the live-thread
 * list (core/threads.h), copied under the list's lock so the thread cannot
 * end (and its struct cpu go) while it is read. Another thread's sets are
 * read while it runs: each is one word that thread alone writes, so each
 * value was true at some moment of the read, though the two need not be
 * of the same moment; as good as a /proc read on the kernel, whose values
 * are also out of date by the time the reader sees them. Every host thread
 * of pvm is a guest thread (pvm starts none of its own), so the host's
 * task/ directory and its Threads: count are the guest's as they are. */
static void procfs_view(const char *gpath, struct procfs_thread *v)
{
    memset(v, 0, sizeof *v);
    long tid = procfs_view_tid(gpath);
    struct procfs_find f = {tid, v};
    struct cpu *self = sig_thread_cpu();
    if (self && self->tid == tid)
        procfs_find_one(self, &f);
    else
        threads_foreach(procfs_find_one, &f);
}

/* The guest's signal sets for a status: the process-wide ones always, the
 * thread's own two when the thread is known (else the host's lines stay). */
static void procfs_status_sigs(const struct procfs_thread *v, struct procfs_sigsets *s)
{
    s->thread_known = v->found;
    s->pending = v->pending;
    s->blocked = v->blocked;
    s->shared = sig_view_pending_shared();
    s->ignored = sig_view_ignored();
    s->caught = sig_view_caught();
}

/* the host's online CPU ids ("0-3,6"); the count from sysconf if unreadable */
static int procfs_online_cpus(int *ids, int cap)
{
    int n = 0;
    FILE *f = fopen("/sys/devices/system/cpu/online", "re");
    if (f) {
        int a, b;
        char sep;
        while (n < cap && fscanf(f, "%d", &a) == 1) {
            b = a;
            if (fscanf(f, "%c", &sep) == 1 && sep == '-') {
                if (fscanf(f, "%d", &b) != 1)
                    break;
                if (fscanf(f, "%c", &sep) != 1)
                    sep = 0;
            }
            for (int i = a; i <= b && n < cap; i++)
                ids[n++] = i;
            if (sep != ',')
                break;
        }
        fclose(f);
    }
    if (n == 0) {
        long c = sysconf(_SC_NPROCESSORS_ONLN);
        for (n = 0; n < (c > 0 ? c : 1) && n < cap; n++)
            ids[n] = n;
    }
    return n;
}

/* Writes the content of kind k into f; -ENOENT when k is not emulated. */
static int procfs_generate(enum procfs_kind k, const char *gpath, FILE *f)
{
    char host[128];
    struct procfs_thread v;
    switch (k) {
    case PROCFS_CMDLINE:
        /* the host's shows the guest's own argument strings (psview.h),
         * read by the kernel's rules (setproctitle included) */
        if (psview_host_args())
            return -ENOENT;
        /* fall through */
    case PROCFS_AUXV: {
        size_t len = 0;
        char *data = k == PROCFS_CMDLINE
                         ? procfs_guest_bytes(gproc.argv_start, gproc.argv_end, &len)
                         : procfs_guest_bytes(gproc.auxv, gproc.auxv + gproc.auxv_len, &len);
        if (!data)
            return -ENOENT; /* the caller falls back to the host file */
        fwrite(data, 1, len, f);
        free(data);
        return 0;
    }
    case PROCFS_MAPS:
    case PROCFS_SMAPS:
        return procfs_gen_maps(f, k == PROCFS_SMAPS);
    case PROCFS_STAT:
        procfs_host_file(gpath, "stat", host, sizeof host);
        return procfs_gen_stat(f, host);
    case PROCFS_STATUS: {
        struct procfs_sigsets sigs;
        procfs_view(gpath, &v);
        procfs_status_sigs(&v, &sigs);
        procfs_host_file(gpath, "status", host, sizeof host);
        return procfs_gen_status(f, host, &sigs);
    }
    case PROCFS_SMAPS_ROLLUP:
        return procfs_gen_smaps_rollup(f);
    case PROCFS_SYSCALL:
        /* what the kernel shows for a task that is not in a system call:
         * no registers, so none of pvm's addresses */
        fputs("running\n", f);
        return 0;
    case PROCFS_STAT_OTHER: {
        char norm[256];
        if (!gpath || strlen(gpath) >= sizeof norm)
            return -ENOENT;
        strcpy(norm, gpath);
        procfs_normalize(norm);
        return procfs_gen_stat_other(f, norm);
    }
    case PROCFS_CPUINFO: {
        int *ids = malloc(4096 * sizeof *ids); /* this call's own */
        if (!ids)
            return -ENOMEM;
        procfs_cpuinfo_gen(f, ids, procfs_online_cpus(ids, 4096));
        free(ids);
        return 0;
    }
    default:
        return -ENOENT;
    }
}

long procfs_open_emulated_at(enum procfs_kind k, const char *gpath, int host_flags)
{
    if (k < PROCFS_CMDLINE) /* exe, mem, pvm fds: the caller's business */
        return -ENOENT;
    char *data = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&data, &len);
    if (!f)
        return -ENOMEM;
    int r = procfs_generate(k, gpath, f);
    if (fclose(f) != 0 && !r)
        r = -ENOMEM;
    if (r) {
        free(data);
        return r;
    }
    /* the permission check comes after knowing the file is ours to emulate:
     * these files are read-only for everyone, as on the kernel */
    if ((host_flags & O_ACCMODE) != O_RDONLY) {
        free(data);
        return -EACCES;
    }
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
    snprintf(self, sizeof self, "/proc/thread-self/fd/%d", fd);
    int ro = open(self, O_RDONLY | (host_flags & (O_CLOEXEC | O_NONBLOCK)));
    close(fd);
    return ro < 0 ? -errno : ro;
}

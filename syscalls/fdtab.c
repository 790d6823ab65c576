/* pvm-fd hiding, the identity table of pvm's hidden files, the guest-path
 * table of directory descriptors and the guest cwd (-L).
 * Invariants: every descriptor pvm keeps open for itself is >= fd_pvm_base
 * and close-on-exec (pvm's binary's, syscalls/selfexe.h, but across pvm's
 * own re-exec); the guest's view of RLIMIT_NOFILE is fd_pvm_base, and
 * any fd the kernel hands the guest at or above it is refused with EMFILE.
 * The protected table holds (st_dev, st_ino) of each hidden descriptor's
 * file except devices, pvm's binary and files the guest held when the entry
 * was added; it only grows, is set before the guest runs, and a forked child
 * inherits it (its log is the same file).
 *
 * Threads. Descriptor numbers are handed out by the host kernel, atomically,
 * so a guest fd and one of pvm's never collide: pvm moves its own above
 * fd_pvm_base (F_DUPFD_CLOEXEC), and a guest call that got one at or above
 * it closes that number, which no other thread can have been given (the
 * kernel does not reuse a number until it is closed, and the guest cannot
 * close one there). No pvm lock is taken on the read/write paths: fd_is_pvm
 * reads a constant. The identity table is published lock-free: a writer
 * (under prot_lock) fills entry n, then stores n + 1 with release; readers
 * load the count with acquire and read only entries below it, which never
 * change again. The guest-path records and the cwd share fdtab_lock (a leaf
 * lock); the record of an fd is forgotten before the fd is closed, so the
 * thread that is given the number next, whose record is made after its
 * open, never loses it to the closer (the kernel cannot give the number out
 * before the close). fdtab_cap is read without the lock as a hint (0: no
 * record was ever made, nothing to forget or find): a record for fd n is
 * only made by the thread that got n, after its open, so a thread reading
 * 0 while another grows the table cannot be missing a record of its own.
 * A vfork child runs in this memory with a descriptor table and cwd of its
 * own: its parent installs a copy of the records taken before the clone
 * when the child is gone (fdtab_vfork_save/restore). */
#include "syscalls/fdtab.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/options.h"
#include "syscalls/selfexe.h"

/* Until fdtab_init runs (unit tests), nothing is hidden. */
int fd_pvm_base = INT_MAX;

static rlim_t fdtab_host_soft; /* the host soft limit pvm runs with */

/* execve in progress (fdtab_exec_prepare .. a failed exec), under exec_lock;
 * of them, fdtab_reexecs re-execute pvm (pvm's binary's descriptor open
 * across exec) and fdtab_natives run anything else (the descriptor must be
 * close-on-exec): never both at once */
static pthread_mutex_t fdtab_exec_lock = PTHREAD_MUTEX_INITIALIZER;
static int fdtab_execs, fdtab_reexecs, fdtab_natives;

/* The base is a function of the host soft limit pvm ends up with
 * (fdtab_base_for_limit), so another pvm can be told where this one's
 * hidden range starts. The limit is raised by the room when that fits
 * under the hard limit (the guest keeps its usual view then), but never
 * from a limit so small that the raised one would read as another base. */
void fdtab_init(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        fd_pvm_base = 1024 - FDTAB_PVM_ROOM;
        return;
    }
    rlim_t soft = rl.rlim_cur, hard = rl.rlim_max;
    rlim_t want = (soft < FDTAB_BASE_CAP ? soft : FDTAB_BASE_CAP) + FDTAB_PVM_ROOM;
    if (soft < want && want > 2 * FDTAB_PVM_ROOM && (hard == RLIM_INFINITY || want <= hard)) {
        rl.rlim_cur = want;
        setrlimit(RLIMIT_NOFILE, &rl); /* refused: the base comes from the old limit */
    }
    getrlimit(RLIMIT_NOFILE, &rl);
    fdtab_host_soft = rl.rlim_cur;
    fd_pvm_base = (int)fdtab_base_for_limit(rl.rlim_cur);
}

int fdtab_guest_nofile_limit(void) { return fd_pvm_base; }

long fdtab_base_of(int pid)
{
    char path[64], line[256];
    snprintf(path, sizeof path, "/proc/%d/limits", pid);
    FILE *f = fopen(path, "re");
    if (!f)
        return fd_pvm_base;
    long base = fd_pvm_base;
    static const char key[] = "Max open files";
    while (fgets(line, sizeof line, f)) {
        if (strncmp(line, key, sizeof key - 1) != 0)
            continue;
        char *p = line + sizeof key - 1;
        while (*p == ' ')
            p++;
        /* "unlimited" or a number: the soft limit comes first */
        unsigned long long soft = strncmp(p, "unlimited", 9) == 0 ? ~0ull : strtoull(p, NULL, 10);
        long b = fdtab_base_for_limit(soft);
        if (b < base)
            base = b;
        break;
    }
    fclose(f);
    return base;
}

int fdtab_hide_top(int fd)
{
    rlim_t top = (rlim_t)fd_pvm_base + FDTAB_PVM_ROOM;
    if (fdtab_host_soft && fdtab_host_soft < top)
        top = fdtab_host_soft;
    if (top <= (rlim_t)fd_pvm_base) {
        errno = EMFILE;
        return -1;
    }
    int n = fcntl(fd, F_DUPFD_CLOEXEC, (int)(top - 1));
    if (n < 0)
        return -1;
    close(fd);
    return n;
}

int fdtab_hide(int fd)
{
    if (fd >= fd_pvm_base)
        return fd;
    int n = fcntl(fd, F_DUPFD_CLOEXEC, fd_pvm_base);
    if (n < 0)
        return -1;
    close(fd);
    fdtab_protect(n);
    return n;
}

/* ---- identities of the hidden files ---- */

#define FDTAB_MAX_PROTECTED 16

/* writers of the table (readers take no lock: see the top) */
static pthread_mutex_t fdtab_prot_lock = PTHREAD_MUTEX_INITIALIZER;

static struct {
    dev_t dev;
    ino_t ino;
    char link[128]; /* readlink of /proc/self/fd/N ("/path/log", "pipe:[7]") */
} fdtab_prot[FDTAB_MAX_PROTECTED];
int fdtab_nprotected;

static bool fdtab_same(const struct stat *a, const struct stat *b)
{
    return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/* true when one of the guest's descriptors (below fd_pvm_base) is file st;
 * without /proc every number is asked (once, at start-up) */
static bool fdtab_guest_holds(const struct stat *st)
{
    DIR *d = opendir("/proc/thread-self/fd");
    if (!d) {
        struct stat gst;
        for (int n = 0; n < fd_pvm_base && n < FDTAB_BASE_CAP; n++)
            if (fstat(n, &gst) == 0 && fdtab_same(&gst, st))
                return true;
        return false;
    }
    int self = dirfd(d);
    bool held = false;
    struct dirent *e;
    while (!held && (e = readdir(d))) {
        char *end;
        long n = strtol(e->d_name, &end, 10);
        struct stat gst;
        if (*end || end == e->d_name || n == self || n >= fd_pvm_base)
            continue;
        held = fstat((int)n, &gst) == 0 && fdtab_same(&gst, st);
    }
    closedir(d);
    return held;
}

static int fdtab_nprot(void) { return __atomic_load_n(&fdtab_nprotected, __ATOMIC_ACQUIRE); }

void fdtab_protect(int fd)
{
    struct stat st;
    if (fstat(fd, &st) != 0)
        return;
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        return;
    if (selfexe_is(&st)) /* selfexe.h guards it its own way */
        return;
    bool held = fdtab_guest_holds(&st);
    pthread_mutex_lock(&fdtab_prot_lock);
    int k = fdtab_nprotected;
    if (k < FDTAB_MAX_PROTECTED && !held && !fdtab_is_protected(&st)) {
        fdtab_prot[k].dev = st.st_dev;
        fdtab_prot[k].ino = st.st_ino;
        char self[64];
        snprintf(self, sizeof self, "/proc/thread-self/fd/%d", fd);
        ssize_t n = readlink(self, fdtab_prot[k].link, sizeof fdtab_prot[k].link - 1);
        fdtab_prot[k].link[n > 0 ? n : 0] = 0;
        __atomic_store_n(&fdtab_nprotected, k + 1, __ATOMIC_RELEASE);
    }
    pthread_mutex_unlock(&fdtab_prot_lock);
}

bool fdtab_is_protected(const struct stat *st)
{
    int n = fdtab_nprot();
    for (int k = 0; k < n; k++)
        if (fdtab_prot[k].dev == st->st_dev && fdtab_prot[k].ino == st->st_ino)
            return true;
    return false;
}

bool fdtab_protected_link(const char *text)
{
    int n = fdtab_nprot();
    for (int k = 0; k < n; k++)
        if (!fdtab_prot[k].link[0] || strcmp(fdtab_prot[k].link, text) == 0)
            return true; /* an unknown link text: always check */
    return false;
}

long fdtab_guest_fd(long r)
{
    if (r >= fd_pvm_base) {
        close((int)r);
        return -EMFILE;
    }
    if (r >= 0)
        fdtab_forget((int)r);
    return r;
}

long fdtab_guest_fd_pair(const int fds[2])
{
    if (fds[0] >= fd_pvm_base || fds[1] >= fd_pvm_base) {
        close(fds[0]);
        close(fds[1]);
        return -EMFILE;
    }
    fdtab_forget(fds[0]);
    fdtab_forget(fds[1]);
    return 0;
}

/* While the limit is lowered, another thread's new fd cannot land in the
 * reserved range (the kernel answers EMFILE, as pvm would) and pvm makes no
 * hidden descriptor after start-up, so lowering it early costs nothing. The
 * lock is never held across the host execve: a vfork child that execs
 * would leave it locked in its parent's memory.
 * pvm's binary: the descriptor table is the process's, so a native execve
 * in one thread while another re-executes pvm (the flag cleared) would
 * pass the descriptor on. The two kinds exclude each other from the check
 * until the exec is done or has failed: a thread waits, without the lock,
 * while an exec of the other kind is in progress, then counts itself in.
 * The wait is short: the other exec either replaces the process (ending
 * the waiter with it, as the kernel's de_thread ends the loser of two
 * execs) or fails at once. A native exec sets the flag itself, for a table
 * copied (fork, vfork) while it was cleared. */
void fdtab_exec_prepare(bool counted, int self, bool reexec)
{
    if (counted)
        pthread_mutex_lock(&fdtab_exec_lock);
    while (counted && self >= 0 && (reexec ? fdtab_natives : fdtab_reexecs)) {
        pthread_mutex_unlock(&fdtab_exec_lock);
        nanosleep(&(struct timespec){0, 1000000}, NULL);
        pthread_mutex_lock(&fdtab_exec_lock);
    }
    if (counted && self >= 0)
        ++*(reexec ? &fdtab_reexecs : &fdtab_natives);
    if (self >= 0)
        fcntl(self, F_SETFD, reexec ? 0 : FD_CLOEXEC);
    struct rlimit rl;
    if ((!counted || fdtab_execs++ == 0) && getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
        rl.rlim_cur > (rlim_t)fd_pvm_base) {
        rl.rlim_cur = (rlim_t)fd_pvm_base;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (counted)
        pthread_mutex_unlock(&fdtab_exec_lock);
}

void fdtab_exec_failed(bool counted, int self, bool reexec)
{
    if (counted)
        pthread_mutex_lock(&fdtab_exec_lock);
    if (counted && self >= 0)
        --*(reexec ? &fdtab_reexecs : &fdtab_natives);
    if (self >= 0 && reexec && (!counted || fdtab_reexecs == 0))
        fcntl(self, F_SETFD, FD_CLOEXEC);
    struct rlimit rl;
    if ((!counted || --fdtab_execs == 0) && getrlimit(RLIMIT_NOFILE, &rl) == 0 &&
        fdtab_host_soft > rl.rlim_cur) {
        rl.rlim_cur = fdtab_host_soft;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
    if (counted)
        pthread_mutex_unlock(&fdtab_exec_lock);
}

/* ---- guest paths of directory descriptors and the cwd (only under -L) ---- */

static pthread_mutex_t fdtab_lock = PTHREAD_MUTEX_INITIALIZER;
static char **fdtab_paths; /* [fdtab_cap], allocated on first use */
static int fdtab_cap;      /* written under the lock; a hint without it (top) */
static char fdtab_cwd_path[PATH_MAX];
static bool fdtab_cwd_valid;

static bool fdtab_ok(int fd) { return fd >= 0 && fd < fd_pvm_base && fd < (1 << 20); }
static int fdtab_cap_hint(void) { return __atomic_load_n(&fdtab_cap, __ATOMIC_ACQUIRE); }

void fdtab_set_path(int fd, const char *gpath)
{
    if (!fdtab_ok(fd))
        return;
    char *copy = gpath && gpath[0] == '/' ? strdup(gpath) : NULL;
    pthread_mutex_lock(&fdtab_lock);
    if (fd >= fdtab_cap && copy) {
        int ncap = fdtab_cap ? fdtab_cap : 64;
        while (ncap <= fd)
            ncap *= 2;
        char **n = realloc(fdtab_paths, sizeof *n * (size_t)ncap);
        if (!n) {
            pthread_mutex_unlock(&fdtab_lock);
            free(copy);
            return;
        }
        memset(n + fdtab_cap, 0, sizeof *n * (size_t)(ncap - fdtab_cap));
        fdtab_paths = n;
        __atomic_store_n(&fdtab_cap, ncap, __ATOMIC_RELEASE);
    }
    char *old = NULL;
    if (fd < fdtab_cap) {
        old = fdtab_paths[fd];
        fdtab_paths[fd] = copy;
        copy = NULL;
    }
    pthread_mutex_unlock(&fdtab_lock);
    free(old);
    free(copy);
}

bool fdtab_path(int fd, char *buf, unsigned long cap)
{
    bool found = false;
    if (!fdtab_ok(fd) || !fdtab_cap_hint())
        return false;
    pthread_mutex_lock(&fdtab_lock);
    if (fd < fdtab_cap && fdtab_paths[fd] && strlen(fdtab_paths[fd]) < cap) {
        strcpy(buf, fdtab_paths[fd]);
        found = true;
    }
    pthread_mutex_unlock(&fdtab_lock);
    return found;
}

void fdtab_forget(int fd)
{
    if (fdtab_cap_hint())
        fdtab_set_path(fd, NULL);
}

void fdtab_forget_range(int first, int last)
{
    if (!fdtab_cap_hint() || first < 0)
        return;
    char **gone = NULL;
    size_t n = 0;
    pthread_mutex_lock(&fdtab_lock);
    int end = last < fdtab_cap - 1 ? last : fdtab_cap - 1;
    for (int fd = first; fd <= end; fd++)
        n += fdtab_paths[fd] != NULL;
    /* freed after the lock is dropped; without room, in place */
    gone = n ? malloc(n * sizeof *gone) : NULL;
    n = 0;
    for (int fd = first; fd <= end; fd++) {
        if (!fdtab_paths[fd])
            continue;
        if (gone)
            gone[n++] = fdtab_paths[fd];
        else
            free(fdtab_paths[fd]);
        fdtab_paths[fd] = NULL;
    }
    pthread_mutex_unlock(&fdtab_lock);
    for (size_t k = 0; k < n; k++)
        free(gone[k]);
    free(gone);
}

void fdtab_copy(int oldfd, int newfd)
{
    if (!fdtab_cap_hint())
        return;
    char buf[PATH_MAX];
    fdtab_set_path(newfd, fdtab_path(oldfd, buf, sizeof buf) ? buf : NULL);
}

/* The guest view of the host cwd: with the prefix stripped when the
 * directory is inside it (a re-executed pvm, or an fchdir to a directory of
 * unknown guest path, only has the host's cwd to go by). Under the lock. */
static void fdtab_cwd_from_host(void)
{
    char host[PATH_MAX];
    fdtab_cwd_valid = false;
    if (!opt.ld_prefix || !getcwd(host, sizeof host))
        return;
    size_t pl = strlen(opt.ld_prefix);
    while (pl > 1 && opt.ld_prefix[pl - 1] == '/')
        pl--;
    const char *g = host;
    if (pl > 1 && strncmp(host, opt.ld_prefix, pl) == 0 && (host[pl] == '/' || !host[pl]))
        g = host[pl] ? host + pl : "/";
    memmove(fdtab_cwd_path, g, strlen(g) + 1);
    fdtab_cwd_valid = true;
}

bool fdtab_cwd(char *buf, unsigned long cap)
{
    bool ok = false;
    pthread_mutex_lock(&fdtab_lock);
    if (!fdtab_cwd_valid)
        fdtab_cwd_from_host();
    if (fdtab_cwd_valid && strlen(fdtab_cwd_path) < cap) {
        strcpy(buf, fdtab_cwd_path);
        ok = true;
    }
    pthread_mutex_unlock(&fdtab_lock);
    return ok;
}

/* The host cwd and the record change together, or two threads' chdirs
 * could leave the record naming the directory the host did not keep. */
long fdtab_chdir(int hostfd, const char *gabs)
{
    if (!opt.ld_prefix)
        return fchdir(hostfd) == 0 ? 0 : -errno;
    pthread_mutex_lock(&fdtab_lock);
    long r = fchdir(hostfd) == 0 ? 0 : -errno;
    if (r == 0) {
        if (gabs && strlen(gabs) < sizeof fdtab_cwd_path) {
            strcpy(fdtab_cwd_path, gabs);
            fdtab_cwd_valid = true;
        } else {
            fdtab_cwd_from_host();
        }
    }
    pthread_mutex_unlock(&fdtab_lock);
    return r;
}

/* ---- vfork ---- */

static void fdtab_free_paths(char **paths, int cap)
{
    for (int fd = 0; paths && fd < cap; fd++)
        free(paths[fd]);
    free(paths);
}

int fdtab_vfork_save(struct fdtab_saved *out)
{
    *out = (struct fdtab_saved){0};
    char *cwd = malloc(PATH_MAX);
    if (!cwd)
        return -ENOMEM;
    pthread_mutex_lock(&fdtab_lock);
    int cap = fdtab_cap;
    char **paths = cap ? calloc((size_t)cap, sizeof *paths) : NULL;
    bool ok = !cap || paths;
    for (int fd = 0; ok && fd < cap; fd++)
        if (fdtab_paths[fd] && !(paths[fd] = strdup(fdtab_paths[fd])))
            ok = false;
    memcpy(cwd, fdtab_cwd_path, PATH_MAX);
    bool cwd_valid = fdtab_cwd_valid;
    pthread_mutex_unlock(&fdtab_lock);
    if (!ok) {
        fdtab_free_paths(paths, cap);
        free(cwd);
        return -ENOMEM;
    }
    *out = (struct fdtab_saved){.paths = paths, .cap = cap, .cwd_valid = cwd_valid, .cwd = cwd};
    return 0;
}

void fdtab_vfork_restore(struct fdtab_saved *in)
{
    pthread_mutex_lock(&fdtab_lock);
    char **old = fdtab_paths;
    int oldcap = fdtab_cap;
    fdtab_paths = in->paths;
    __atomic_store_n(&fdtab_cap, in->cap, __ATOMIC_RELEASE);
    memcpy(fdtab_cwd_path, in->cwd, PATH_MAX);
    fdtab_cwd_valid = in->cwd_valid;
    pthread_mutex_unlock(&fdtab_lock);
    /* the child's records, freed outside the lock */
    fdtab_free_paths(old, oldcap);
    free(in->cwd);
    *in = (struct fdtab_saved){0};
}

/* ---- fork ---- */

void fdtab_atfork(enum fork_phase ph)
{
    pthread_mutex_t *locks[] = {&fdtab_exec_lock, &fdtab_prot_lock, &fdtab_lock};
    size_t n = sizeof locks / sizeof locks[0];
    for (size_t k = 0; k < n; k++) {
        switch (ph) {
        case FORK_PREPARE: pthread_mutex_lock(locks[k]); break;
        case FORK_PARENT:
        case FORK_CHILD: pthread_mutex_unlock(locks[n - 1 - k]); break;
        }
    }
    /* another thread was on its way to exec: the count was its own, and
     * the room it took away is the child's to have back */
    if (ph == FORK_CHILD && fdtab_execs) {
        fdtab_execs = 0;
        fdtab_exec_failed(false, -1, false);
    }
    /* a re-exec of pvm in another thread: its descriptor, in the child's
     * copy of the table, is close-on-exec again */
    if (ph == FORK_CHILD && fdtab_reexecs)
        fcntl(selfexe_fd(), F_SETFD, FD_CLOEXEC);
    if (ph == FORK_CHILD)
        fdtab_reexecs = fdtab_natives = 0;
}

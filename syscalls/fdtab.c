/* pvm-fd hiding, the identity table of pvm's hidden files and the
 * guest-path table of directory descriptors.
 * Invariants: every descriptor pvm keeps open for itself is >= fd_pvm_base
 * and close-on-exec; the guest's view of RLIMIT_NOFILE is fd_pvm_base, and
 * any fd the kernel hands the guest at or above it is refused with EMFILE.
 * The protected table holds (st_dev, st_ino) of each hidden descriptor's
 * file except devices, pvm's binary and files the guest held when the entry
 * was added; it only grows, is set before the guest runs, and a forked child
 * inherits it (its log is the same file). */
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
#include <unistd.h>

#include "core/options.h"

/* Until fdtab_init runs (unit tests), nothing is hidden. */
int fd_pvm_base = INT_MAX;

/* room kept above fd_pvm_base for pvm's own descriptors */
#define FDTAB_PVM_ROOM 64
/* A descriptor at a huge number makes the kernel's fd table that large, and
 * fork copies it: keep the reserved range low even when the limit is high. */
#define FDTAB_BASE_CAP 65536

static rlim_t fdtab_host_soft; /* the host soft limit pvm runs with */

void fdtab_init(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0) {
        fd_pvm_base = 1024 - FDTAB_PVM_ROOM;
        return;
    }
    rlim_t soft = rl.rlim_cur, hard = rl.rlim_max;
    rlim_t base = soft < FDTAB_BASE_CAP ? soft : FDTAB_BASE_CAP;
    if (base + FDTAB_PVM_ROOM > soft) {
        if (hard == RLIM_INFINITY || base + FDTAB_PVM_ROOM <= hard) {
            /* room above the guest's limit: the guest keeps its usual view */
            rl.rlim_cur = base + FDTAB_PVM_ROOM;
            if (setrlimit(RLIMIT_NOFILE, &rl) != 0)
                base = soft > FDTAB_PVM_ROOM ? soft - FDTAB_PVM_ROOM : soft / 2;
        } else {
            base = soft > FDTAB_PVM_ROOM * 2 ? soft - FDTAB_PVM_ROOM : soft / 2;
        }
    }
    fd_pvm_base = (int)base;
    getrlimit(RLIMIT_NOFILE, &rl);
    fdtab_host_soft = rl.rlim_cur;
}

int fdtab_guest_nofile_limit(void) { return fd_pvm_base; }

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

/* true when one of the guest's descriptors (below fd_pvm_base) is file st */
static bool fdtab_guest_holds(const struct stat *st)
{
    DIR *d = opendir("/proc/thread-self/fd");
    if (!d)
        return false;
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

void fdtab_protect(int fd)
{
    struct stat st, exe;
    if (fdtab_nprotected >= FDTAB_MAX_PROTECTED || fstat(fd, &st) != 0)
        return;
    if (S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode))
        return;
    if (opt.self_exe && stat(opt.self_exe, &exe) == 0 && fdtab_same(&st, &exe))
        return;
    if (fdtab_is_protected(&st) || fdtab_guest_holds(&st))
        return;
    int k = fdtab_nprotected;
    fdtab_prot[k].dev = st.st_dev;
    fdtab_prot[k].ino = st.st_ino;
    char self[64];
    snprintf(self, sizeof self, "/proc/thread-self/fd/%d", fd);
    ssize_t n = readlink(self, fdtab_prot[k].link, sizeof fdtab_prot[k].link - 1);
    fdtab_prot[k].link[n > 0 ? n : 0] = 0;
    fdtab_nprotected = k + 1;
}

bool fdtab_is_protected(const struct stat *st)
{
    for (int k = 0; k < fdtab_nprotected; k++)
        if (fdtab_prot[k].dev == st->st_dev && fdtab_prot[k].ino == st->st_ino)
            return true;
    return false;
}

bool fdtab_protected_link(const char *text)
{
    for (int k = 0; k < fdtab_nprotected; k++)
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

void fdtab_exec_prepare(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur > (rlim_t)fd_pvm_base) {
        rl.rlim_cur = (rlim_t)fd_pvm_base;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

void fdtab_exec_failed(void)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && fdtab_host_soft > rl.rlim_cur) {
        rl.rlim_cur = fdtab_host_soft;
        setrlimit(RLIMIT_NOFILE, &rl);
    }
}

/* ---- guest paths of directory descriptors (only used under -L) ---- */

static pthread_mutex_t fdtab_lock = PTHREAD_MUTEX_INITIALIZER;
static char **fdtab_paths; /* [fdtab_cap], allocated on first use */
static int fdtab_cap;

static bool fdtab_ok(int fd) { return fd >= 0 && fd < fd_pvm_base && fd < (1 << 20); }

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
        fdtab_cap = ncap;
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
    if (!fdtab_ok(fd) || !fdtab_cap)
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
    if (fdtab_cap)
        fdtab_set_path(fd, NULL);
}

void fdtab_copy(int oldfd, int newfd)
{
    if (!fdtab_cap)
        return;
    char buf[PATH_MAX];
    fdtab_set_path(newfd, fdtab_path(oldfd, buf, sizeof buf) ? buf : NULL);
}

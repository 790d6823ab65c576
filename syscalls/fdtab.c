/* pvm-fd hiding and the guest-path table of directory descriptors.
 * Invariant: every descriptor pvm keeps open for itself is >= fd_pvm_base and
 * close-on-exec; the guest's view of RLIMIT_NOFILE is fd_pvm_base, and any fd
 * the kernel hands the guest at or above it is refused with EMFILE. */
#include "syscalls/fdtab.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

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
    return n;
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

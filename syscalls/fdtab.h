/* Descriptor bookkeeping for the guest: pvm's own descriptors (log stream,
 * anything pvm opens for itself) live at or above fd_pvm_base, which is the
 * guest's RLIMIT_NOFILE view; the guest can never name, close, dup onto or
 * list them. Their files are also known by identity (device and inode), so
 * no other route (a /proc/<pid>/fd link reached however, a hard link, a file
 * handle) gives the guest a descriptor for one of them. Also remembers the
 * guest path of directory fds opened through an absolute path while -L is
 * set, and the guest cwd, so relative lookups stay in the guest's view
 * (syscalls/fdtab.c).
 *
 * Threads: the descriptor table itself is the host kernel's (guest fds are
 * host fds), so the calls on it need no lock of pvm's. fd_pvm_base is fixed
 * before the guest runs, so fd_is_pvm is a plain read. The identity table
 * is published entry by entry (lock-free readers); the guest-path records
 * and the cwd share one lock; see fdtab.c for why each is safe. */
#ifndef PVM_SYSCALLS_FDTAB_H
#define PVM_SYSCALLS_FDTAB_H

#include <stdbool.h>
#include <sys/stat.h>

#include "core/process.h"

/* first descriptor number reserved for pvm (set by sysinit_process, before
 * any guest thread exists; never changed after) */
extern int fd_pvm_base;

/* true when the guest names one of pvm's descriptors (or one past the
 * guest's limit): such an fd argument gives -EBADF */
static inline bool fd_is_pvm(long fd) { return fd >= (long)fd_pvm_base; }

/* room kept above fd_pvm_base for pvm's own descriptors */
#define FDTAB_PVM_ROOM 64
/* A descriptor at a huge number makes the kernel's fd table that large, and
 * fork copies it: the reserved range stays low even when the limit is high. */
#define FDTAB_BASE_CAP 65536

/* The one numbering scheme of every pvm: the first hidden descriptor of a
 * pvm whose host soft RLIMIT_NOFILE is soft (fdtab_init makes its own base
 * so), which tells where another pvm's hidden range starts. */
static inline long fdtab_base_for_limit(unsigned long long soft)
{
    if (soft >= FDTAB_BASE_CAP + FDTAB_PVM_ROOM)
        return FDTAB_BASE_CAP;
    if (soft > 2 * FDTAB_PVM_ROOM)
        return (long)soft - FDTAB_PVM_ROOM;
    return (long)(soft / 2);
}

/* Where the hidden range of process pid, a pvm, starts: from its host soft
 * limit (/proc/PID/limits), and never above this pvm's own base, since
 * whoever may set that process's limits (prlimit) may have raised it since
 * it started; this pvm's base when the limit cannot be read. */
long fdtab_base_of(int pid);

/* Moves a descriptor pvm keeps for itself, unprotected (the guest may open
 * its file by any other route), to the highest number of the reserved
 * room, so it is the highest descriptor of the process (guest fds are all
 * below fd_pvm_base, pvm's others are taken from fd_pvm_base upwards):
 * syscalls/psview.h's guest-program descriptor. Returns the new fd, or -1
 * with errno set (the original stays open then). */
int fdtab_hide_top(int fd);

/* RLIMIT_NOFILE as the guest sees it (soft and hard): fd_pvm_base */
int fdtab_guest_nofile_limit(void);

/* Moves a pvm-owned descriptor into the reserved range (F_DUPFD_CLOEXEC at
 * fd_pvm_base or above, closing the original); returns the new fd, or -1
 * with errno set (the original stays open then). */
int fdtab_hide(int fd);

/* A host call just created descriptor r (or failed, r < 0): a new fd in the
 * reserved range (possible once the guest has fd_pvm_base fds open, since the
 * host limit is higher) is closed and the guest gets -EMFILE, as at its
 * RLIMIT_NOFILE; a fresh fd has no recorded guest path (any stale record of
 * its number is forgotten; callers that open a directory record it after).
 * Returns the guest result. Use after every fd-creating call. */
long fdtab_guest_fd(long r);
/* The same for the two fds of pipe2/socketpair: 0, or -EMFILE with both closed. */
long fdtab_guest_fd_pair(const int fds[2]);

/* execve: before the host exec, restores the host soft RLIMIT_NOFILE to the
 * guest's view (so a re-executed pvm or a native program starts from the
 * same limit, not one raised by this pvm); after a failed exec, call
 * fdtab_exec_failed to take the room back. Several threads may exec at
 * once: the room comes back when the last failed one is done (counted).
 * counted false: the caller is a vfork child, whose limits are its own but
 * whose memory (the count) is its parent's: it changes the limit only.
 * self: the descriptor of pvm's binary (syscalls/selfexe.h; -1: none);
 * reexec: the new image is pvm, re-executed through self, which must stay
 * open across the exec (its close-on-exec flag is cleared until the last
 * failed re-exec is done); any other image must not get it. Execs of the
 * two kinds wait for each other (fdtab.c). */
void fdtab_exec_prepare(bool counted, int self, bool reexec);
void fdtab_exec_failed(bool counted, int self, bool reexec);

/* Chooses fd_pvm_base from RLIMIT_NOFILE (raising the soft limit to the hard
 * one first when that gives room). Called once by sysinit_process. */
void fdtab_init(void);

/* ---- identity of pvm's hidden files ---- */

/* number of protected identities (the checks below cost nothing when 0);
 * read with acquire: entries below it are complete and never change */
extern int fdtab_nprotected;
static inline bool fdtab_protecting(void)
{
    return __atomic_load_n(&fdtab_nprotected, __ATOMIC_ACQUIRE) > 0;
}

/* Protects the file of pvm's descriptor fd (>= fd_pvm_base): the guest may
 * not open, truncate, link, rename, unlink, chmod, exec or get a handle of
 * it. Not protected (the guest reaches them anyway): character and block
 * devices (/dev/null, a tty), files the guest already holds a descriptor of
 * (a log that is also the guest's stderr), and pvm's own binary, which
 * syscalls/selfexe.h guards its own way (by its path it stays usable). */
void fdtab_protect(int fd);

/* true when st (from stat/fstat) is a protected file */
bool fdtab_is_protected(const struct stat *st);

/* true when text is what readlink of /proc/<pid>/fd/N gives for one of
 * pvm's protected descriptors (a cheap pre-test before an identity check) */
bool fdtab_protected_link(const char *text);

/* ---- -L support: guest paths of directory descriptors ---- */

/* Records that guest fd `fd` is a directory opened as absolute guest path
 * gpath (NULL or a non-absolute path forgets it). */
void fdtab_set_path(int fd, const char *gpath);
/* Copies fd's recorded guest path into buf (cap bytes); false if none. */
bool fdtab_path(int fd, char *buf, unsigned long cap);
/* forgets fd's path: before closing it (so a thread that gets the number
 * next keeps its own record), and for every new descriptor */
void fdtab_forget(int fd);
/* the same for [first, last] (close_range) under one lock */
void fdtab_forget_range(int first, int last);
/* dup/dup3/F_DUPFD: newfd gets oldfd's recorded path */
void fdtab_copy(int oldfd, int newfd);

/* the guest cwd under -L: its guest path into buf (false if unknown) */
bool fdtab_cwd(char *buf, unsigned long cap);
/* chdir: fchdir(hostfd) and, when it worked, the record of the guest cwd
 * (gabs, normalised; NULL: unknown, taken from the host's cwd), as one
 * step against other threads' chdirs; 0 or -errno */
long fdtab_chdir(int hostfd, const char *gabs);

/* vfork: the child shares pvm's memory (these records) with its suspended
 * parent but has a descriptor table and cwd of its own, so its chdir, close,
 * dup2 and close_range must not change the parent's view. The parent takes
 * a copy of the records before the clone (fdtab_vfork_save: 0, or -ENOMEM)
 * and puts it back after (fdtab_vfork_restore, which frees the child's
 * records and takes the copy's ownership). What another thread of the
 * parent records meanwhile is lost, as with proc_task_save. */
struct fdtab_saved {
    char **paths; /* [cap], each NULL or malloc'ed */
    int cap;
    bool cwd_valid;
    char *cwd;    /* malloc'ed, PATH_MAX */
};
int fdtab_vfork_save(struct fdtab_saved *out);
void fdtab_vfork_restore(struct fdtab_saved *in);

/* the locks of this module around a fork (core/process.h) */
void fdtab_atfork(enum fork_phase ph);

#endif

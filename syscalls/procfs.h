/* /proc as the guest sees it: which /proc paths name this process (self,
 * thread-self, our pid or one of our thread ids) and what pvm does with them:
 * .../exe is the guest program, .../mem is refused, .../fd/N of a pvm fd does
 * not exist, and fd directory listings hide pvm's descriptors. */
#ifndef PVM_SYSCALLS_PROCFS_H
#define PVM_SYSCALLS_PROCFS_H

#include <stdbool.h>
#include <stddef.h>

enum procfs_kind {
    PROCFS_NONE,     /* not a /proc path of ours that pvm treats specially */
    PROCFS_EXE,      /* /proc/<self>/exe */
    PROCFS_MEM,      /* /proc/<any pid>/mem: refused (EACCES) */
    PROCFS_PVM_FD,   /* /proc/<self>/fd/N or fdinfo/N with N a pvm fd: ENOENT */
    PROCFS_CMDLINE,  /* /proc/<self>/cmdline: the guest's argv */
    PROCFS_AUXV,     /* /proc/<self>/auxv: the guest's auxv */
};

/* Lexically normalises an absolute path in place ("//", "/./", "/x/..");
 * /proc has no symlinks besides self and thread-self, which classify knows. */
void procfs_normalize(char *path);

/* Classifies an absolute, normalised path. */
enum procfs_kind procfs_classify(const char *path);

/* true when host fd (just opened by the guest) is some process's
 * /proc/<pid>/mem, however the path that opened it was spelled */
bool procfs_fd_is_mem(int fd);

/* When host fd is a directory on /proc, its path ("/proc/<pid>/...") into
 * buf, so paths relative to it can be classified; false otherwise. */
bool procfs_fd_dir_path(int fd, char *buf, size_t cap);

/* true when host fd is a /proc/<pid>/fd or fdinfo directory (getdents64
 * then hides entries naming pvm descriptors) */
bool procfs_fd_is_fd_dir(int fd);

/* Opens an emulated /proc file (PROCFS_CMDLINE, PROCFS_AUXV) as a sealed
 * memory file with the guest's content; returns the fd or -errno. */
long procfs_open_emulated(enum procfs_kind k, int host_flags);

#endif

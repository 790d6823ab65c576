/* /proc as the guest sees it: which /proc paths name this process (self,
 * thread-self, our pid or one of our thread ids) or another pvm process, and
 * what pvm does with them: .../exe is the guest program (this process's, or
 * another pvm's through the descriptor it keeps on it, syscalls/psview.h),
 * .../mem is refused,
 * .../fd/N of a pvm fd does not exist, fd directory listings hide pvm's
 * descriptors, the entries that would show pvm's host addresses and binary
 * (numa_maps, pagemap, map_files; of another pvm process also maps, smaps,
 * smaps_rollup, syscall, auxv) are refused, and the views that would show
 * pvm instead of the guest (auxv, maps, smaps, smaps_rollup, stat, status,
 * syscall, /proc/cpuinfo; cmdline when the host's could not be made the
 * guest's, psview.h; another pvm's stat) are generated into a sealed memory
 * file at open. comm, and cmdline and environ once psview_init pointed the
 * host at the guest's strings, are the host's as they are. docs/design.md "/proc entries" lists
 * every entry. The rules hold by what was opened, not by how the path was
 * spelled: an opened fd on /proc is classified again by its real path. */
#ifndef PVM_SYSCALLS_PROCFS_H
#define PVM_SYSCALLS_PROCFS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum procfs_kind {
    PROCFS_NONE,     /* not a /proc path of ours that pvm treats specially */
    PROCFS_EXE,      /* /proc/<self or pvm>/exe (procfs_exe_target) */
    PROCFS_MEM,      /* /proc/<any pid>/mem: refused (EACCES) */
    PROCFS_PVM_FD,   /* /proc/<self or pvm>/fd/N or fdinfo/N with N a pvm fd: ENOENT */
    PROCFS_REFUSED,  /* shows pvm's host addresses (numa_maps, ...): EACCES */
    /* from here on: generated at open (procfs_open_emulated_at) */
    PROCFS_CMDLINE,  /* /proc/<self>/cmdline: the guest's argv (when the host's is not) */
    PROCFS_AUXV,     /* /proc/<self>/auxv: the guest's auxv */
    PROCFS_MAPS,     /* /proc/<self>/maps: guest mappings only (procfs_maps.c) */
    PROCFS_SMAPS,    /* /proc/<self>/smaps: the same with the host's counters */
    PROCFS_STAT,     /* /proc/<self>/stat: host's, guest comm and addresses */
    PROCFS_STATUS,   /* /proc/<self>/status: host's, guest Name, Vm* sizes, Sig* sets */
    PROCFS_CPUINFO,  /* /proc/cpuinfo: the arm64 kernel's format */
    PROCFS_SMAPS_ROLLUP, /* /proc/<self>/smaps_rollup: sums of the guest's smaps */
    PROCFS_SYSCALL,  /* /proc/<self>/syscall: "running" */
    PROCFS_STAT_OTHER, /* /proc/<other pvm>/stat: host's, address fields 0 */
};

/* Lexically normalises an absolute path in place ("//", "/./", "/x/..");
 * /proc has no symlinks besides self and thread-self, which classify knows. */
void procfs_normalize(char *path);

/* true when /proc is the host's procfs now (asked at every call: a root
 * without /proc, where a guest may mount it later) */
bool procfs_mounted(void);

/* Classifies an absolute, normalised path; PROCFS_NONE for every path
 * when /proc is not procfs (the guest then gets what is there, ENOENT as
 * on a machine without /proc mounted). */
enum procfs_kind procfs_classify(const char *path);

/* The kind of host fd just opened by the guest, classified by its real path
 * when it is on /proc (path, cap: that path, for procfs_open_emulated_at),
 * however the path that opened it was spelled; PROCFS_NONE when not on
 * /proc; PROCFS_REFUSED for an unreadable link on /proc. */
enum procfs_kind procfs_fd_kind(int fd, char *path, size_t cap);

/* true when host fd is on /proc (a magic link opened with O_PATH|O_NOFOLLOW
 * too) */
bool procfs_fd_on_proc(int fd);

/* true when host path names pvm's own binary (what /proc/<self>/exe and
 * map_files show on the host) */
bool procfs_is_pvm_binary(const char *host_path);

/* When host fd is a directory on /proc, its path ("/proc/<pid>/...") into
 * buf, so paths relative to it can be classified; false otherwise. */
bool procfs_fd_dir_path(int fd, char *buf, size_t cap);

/* true when host fd is a /proc/<pid>/fd or fdinfo directory (getdents64
 * then hides entries naming pvm descriptors) */
bool procfs_fd_is_fd_dir(int fd);

/* For path, an absolute /proc path that classifies as PROCFS_EXE: the host
 * path that leads to the guest program it stands for, into buf: this
 * process's program (gproc.exe_path), or for another pvm process
 * /proc/<pid>/fd/<N>, the descriptor that pvm keeps on its program
 * (psview.h), which the kernel lets the caller follow by the same
 * permission rule as exe. false when none is known (the host's link, pvm's
 * binary, is then what the guest gets). */
bool procfs_exe_target(const char *path, char *buf, size_t cap);
/* The same as readlink's text ("/path/prog", "... (deleted)"). */
bool procfs_exe_text(const char *path, char *buf, size_t cap);

/* Opens an emulated /proc file (PROCFS_CMDLINE ... PROCFS_CPUINFO) as a
 * sealed memory file with the guest's content; returns the fd or -errno,
 * -ENOENT for a kind that is not emulated (the caller then opens the host
 * file). gpath is the guest's absolute path (NULL: the process's view); it
 * tells a thread's stat/status from the process's. */
long procfs_open_emulated_at(enum procfs_kind k, const char *gpath, int host_flags);
static inline long procfs_open_emulated(enum procfs_kind k, int host_flags)
{
    return procfs_open_emulated_at(k, NULL, host_flags);
}

/* ---- generators (procfs_maps.c, procfs_stat.c), exposed for unit tests ---- */

/* One guest mapping as /proc/<pid>/maps shows it. */
struct procfs_vma {
    uint64_t start, end;     /* guest addresses, page-aligned */
    char perms[5];           /* "rwxp" / "r--s" ... */
    uint64_t offset;         /* file offset of start (0 when anonymous) */
    unsigned dev_major, dev_minor;
    uint64_t inode;
    const char *name;        /* "" when none */
};

/* Formats v as one line of maps, as the kernel does (name column padded to
 * 73; no name: the line ends after the inode and one space); returns the
 * length, snprintf-style. */
int procfs_maps_format(char *buf, size_t cap, const struct procfs_vma *v);

/* Appends the guest's maps (smaps: with the counters) to f; 0 or -errno. */
int procfs_gen_maps(FILE *f, bool smaps);

/* Sums over the guest's mappings, in bytes, as the kernel keeps them. */
struct procfs_vm_sums {
    uint64_t total, exec, data, stack;
};
void procfs_vm_sums(struct procfs_vm_sums *s);

/* Appends the "Features\t: ..." line (with its newline) for the advertised
 * HWCAPs to f. */
void procfs_cpuinfo_features(FILE *f);
/* Appends /proc/cpuinfo for ncpu CPUs with the given ids to f. */
void procfs_cpuinfo_gen(FILE *f, const int *ids, int ncpu);

/* Appends the guest's /proc/<pid>/stat built from host_path (the matching
 * host file, whose comm is the guest's) to f; 0 or -errno. */
int procfs_gen_stat(FILE *f, const char *host_path);
/* another pvm process's stat: the host's with every address field 0 */
int procfs_gen_stat_other(FILE *f, const char *host_path);
/* smaps_rollup from the guest's smaps text (procfs_gen_maps) */
int procfs_gen_smaps_rollup(FILE *f);
/* The guest's signal sets for status's SigPnd, ShdPnd, SigBlk, SigIgn and
 * SigCgt lines (bit n-1 = signal n). The thread's own two (pending,
 * blocked) are those of the guest thread the status is of, read from its
 * struct cpu (procfs.c: the caller's, or another live thread's, read while
 * it runs); for a thread pvm does not know (thread_known false) the
 * host's lines stay. */
struct procfs_sigsets {
    bool thread_known;
    uint64_t pending, shared, blocked, ignored, caught;
};
/* sigs NULL: every Sig* line is the host's (Name is the host's always) */
int procfs_gen_status(FILE *f, const char *host_path, const struct procfs_sigsets *sigs);

/* The whole host file at path, NUL-terminated, malloc'd; NULL with errno. */
char *procfs_read_host(const char *path, size_t *len);

#endif

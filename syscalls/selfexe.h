/* pvm's own binary: the descriptor pvm keeps on it, which a guest execve
 * of an AArch64 program re-executes pvm through (execveat(fd, "", ...,
 * AT_EMPTY_PATH)), so exec works where pvm's binary has no path: inside a
 * chroot or container, under a binfmt_misc registration with the F flag,
 * without /proc. Also the identity other pvm processes are told by
 * (procfs_is_pvm_binary) and the text /proc links show for it.
 *
 * Where the binary comes from, decided once by selfexe_init before the
 * guest runs, and fixed after (a fork child keeps it, an exec'd pvm gets
 * the descriptor again): the descriptor the re-executing pvm started this
 * one through (--self-fd=N, believed only when AT_EXECFN is "/dev/fd/N",
 * the name the kernel gives an execveat of that descriptor, and, when it
 * can be read, its build id is this program's); else /proc/self/exe; else
 * AT_EXECFN, then argv[0], when the file they name has this program's
 * build id (a chroot without /proc, pvm started by path); else none, and a
 * guest execve hands the program to the host kernel, which runs it through
 * a binfmt_misc registration, as qemu-user does.
 *
 * The descriptor lives in pvm's hidden range (fdtab.h), close-on-exec but
 * for pvm's own re-exec (fdtab_exec_prepare). Its file cannot be reached
 * through it: an open, exec or path operation whose result is pvm's binary
 * is refused (EACCES) unless the path names it without a /proc magic link
 * (/proc/<pid>/fd/N, .../root, .../cwd, map_files), so
 * /proc/self/root/proc/self/fd/N is refused while pvm's binary by its own
 * path stays usable (the guest reaches it anyway). */
#ifndef PVM_SYSCALLS_SELFEXE_H
#define PVM_SYSCALLS_SELFEXE_H

#include <stdbool.h>
#include <sys/stat.h>

/* the option of pvm's re-exec that names the descriptor (core/options.c) */
#define SELFEXE_OPTION "--self-fd="
/* argv[0] of a re-executed pvm: no host path */
#define SELFEXE_REEXEC_ARGV0 "pvm"

enum selfexe_source {
    SELFEXE_NONE,      /* none: a guest execve goes to the host kernel (binfmt_misc) */
    SELFEXE_INHERITED, /* the descriptor pvm was re-executed through */
    SELFEXE_PROC,      /* /proc/self/exe */
    SELFEXE_EXECFN,    /* AT_EXECFN, same build id */
    SELFEXE_ARGV0,     /* argv[0], same build id */
};

/* Once, after fdtab_init, before the guest runs: finds the binary, moves
 * the descriptor into the hidden range, and says under -d exec where it
 * came from. inherited: --self-fd's value or -1; argv0: pvm's own argv[0].
 * selfexe_is works before it too (from /proc/self/exe). */
void selfexe_init(int inherited, const char *argv0);

/* the descriptor to re-execute pvm through; -1: none */
int selfexe_fd(void);
enum selfexe_source selfexe_source(void);

/* true when st (stat/fstat) is pvm's binary: the kept descriptor's file,
 * or without one /proc/self/exe's once it can be read */
bool selfexe_is(const struct stat *st);

/* What readlink of a /proc link to pvm's binary gives (the kept
 * descriptor's link text, read when /proc is there); NULL when unknown. */
const char *selfexe_text(void);

/* The guard of pvm's binary: -EACCES when st is pvm's binary and (dirfd,
 * path) does not name it without a /proc magic link (path NULL: a route
 * without a path, a file handle), else 0. follow: the call follows a
 * final symlink. */
long selfexe_guard(const struct stat *st, int dirfd, const char *path, bool follow);

/* true while a descriptor is kept (callers then compare what they reach) */
bool selfexe_guarding(void);

/* A guest execve of an AArch64 program failed with ENOEXEC while pvm has
 * no binary to re-execute: says once per process why (no binfmt_misc
 * registration for arm64 on this host). */
void selfexe_note_noexec(const char *host_path);

#endif

/* How the kernel started this pvm (docs/design.md "binfmt_misc"): directly,
 * `pvm [options] PROGRAM [ARGS...]`, or as the interpreter of a binfmt_misc
 * entry, and whether with elevated credentials. Decided once, by
 * options_parse, from pvm's own auxiliary vector (getauxval: no /proc is
 * needed) and argv; read-only after that.
 *
 * The rule: pvm was started by binfmt_misc when its auxiliary vector has
 * AT_EXECFD (the O flag: only binfmt_misc passes it), or AT_FLAGS has
 * AT_FLAGS_PRESERVE_ARGV0 (the P flag, Linux 5.12 and later), or, with
 * neither flag, when the file the kernel was asked to execute (pvm's own
 * AT_EXECFN) is argv[1] and its first bytes are an AArch64 ELF header
 * (pvm's magic under its mask): the kernel can have started pvm for such a
 * file only through binfmt_misc, while a direct start has pvm's own binary
 * there. Otherwise the start is direct and argv is pvm's command line. */
#ifndef PVM_CORE_BINFMT_START_H
#define PVM_CORE_BINFMT_START_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/stat.h>

struct binfmt_start {
    bool by_binfmt;      /* started by binfmt_misc */
    bool preserve_argv0; /* P: argv is [pvm, file, original argv0, args...] */
    bool open_binary;    /* O: the kernel passed the program open (AT_EXECFD) */
    int exec_fd;         /* that descriptor (the loader closes it), else -1 */
    const char *execfn;  /* pvm's own AT_EXECFN: the path execve was given, or NULL */
    bool secure;         /* elevated credentials: AT_SECURE, or real and effective ids differ */
};

/* what binfmt_start_detect found (zero but exec_fd -1 before it ran) */
extern struct binfmt_start binfmt_started;

/* Reads pvm's auxiliary vector and argv into binfmt_started. */
void binfmt_start_detect(int argc, char **argv);

/* The rule above on the facts alone (for unit tests): at_flags is pvm's
 * AT_FLAGS, execfn_is_a64 whether the file execfn names starts with an
 * AArch64 ELF header. */
bool binfmt_start_classify(int argc, char **argv, bool have_execfd, unsigned long at_flags,
                           const char *execfn, bool execfn_is_a64);

/* Whether the first len bytes of a file select it as an AArch64 ELF
 * program (pvm's binfmt_misc magic under its mask). */
bool binfmt_start_is_a64(const unsigned char *head, size_t len);

/* For the guest's execve (syscalls/proc_exec.c): whether the AArch64
 * program st describes is better run by the host kernel, through the
 * binfmt_misc entry that started this pvm, than by pvm re-executing itself.
 * True only when this pvm was started by binfmt_misc and the program is
 * set-user-ID or set-group-ID (with the C flag the kernel gives it the
 * file's credentials, which no re-exec of pvm can), or pvm cannot read it
 * (readable false) and this pvm came with O (the kernel opens it for the
 * next pvm). A host execve that then fails with ENOEXEC (the entry was
 * removed or disabled since) should fall back to the re-exec. */
bool binfmt_exec_by_kernel(const struct stat *st, bool readable);

#endif

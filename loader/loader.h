/* The ELF loader: validation (loader/elf.c, no mapping), segment mapping,
 * PT_INTERP, and the initial stack (argv, envp, auxv). Fills gproc. */
#ifndef PVM_LOADER_LOADER_H
#define PVM_LOADER_LOADER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/options.h"

/* Fixed bias for ET_DYN main programs (static-pie, PIE) and the top of the
 * guest stack; see docs/design.md "Memory layout". */
#define LOADER_DYN_BIAS 0x5500000000ull
#define LOADER_STACK_SIZE OPTIONS_STACK_SIZE /* without -s */

/* Loads the guest program at path with the given argv/envp (argv[0] is what
 * the guest sees). On failure prints one line "pvm: PATH: reason" and
 * returns the exit status to use (127 missing program or dynamic linker,
 * 126 any other load failure); returns 0 on success with gproc filled. */
int loader_load(const char *path, char *const argv[], char *const envp[]);

/* loader_load for binfmt_misc's start: with fd >= 0 the program is read
 * from that descriptor (the O flag; path then only names it), which is
 * closed whatever the outcome; execfn, when not NULL, is the guest's
 * AT_EXECFN (the path execve was given, which for a script is the
 * script's) instead of path. */
int loader_load_fd(const char *path, int fd, const char *execfn, char *const argv[],
                   char *const envp[]);

/* When true, segments are always copied in with pread instead of mapped
 * from the file (the fallback for files that cannot be mmapped); for tests. */
extern bool loader_no_file_mmap;

#endif

/* --strace: one line per guest system call, "name(args) = result", with the
 * arguments decoded per the SYSCALL() row's format (see syscall.h). Calls
 * that do not return (exit, execve success) are printed before they run. */
#ifndef PVM_SYSCALLS_STRACE_H
#define PVM_SYSCALLS_STRACE_H
#include <stdint.h>
#include "core/cpu.h"
void strace_enter(struct cpu *c, const char *name, const char *fmt, const uint64_t a[6]);
void strace_exit(struct cpu *c, const char *name, const char *fmt, const uint64_t a[6], int64_t r);
/* an unknown syscall: reported once per number */
void strace_unknown(uint64_t nr);
#endif

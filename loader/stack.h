/* The initial guest stack as the arm64 kernel builds it (loader/stack.c). */
#ifndef PVM_LOADER_STACK_H
#define PVM_LOADER_STACK_H

#include <stdbool.h>
#include <stdint.h>

/* AT_MINSIGSTKSZ: the arm64 kernel's signal_minsigstksz on a CPU without
 * SVE/SME: sizeof(struct rt_sigframe) (siginfo 128 + ucontext 4560 = 4688,
 * rounded to 16) + the frame record (16) + 16 of alignment padding = 4720.
 * (glibc's static MINSIGSTKSZ of 5120 is a different, older constant.) */
#define LOADER_MINSIGSTKSZ 4720

/* number of auxv pairs written, including AT_NULL */
#define LOADER_AUXV_MAX 24

struct loader_stack_in {
    char *const *argv;  /* guest argv (NULL-terminated; may be NULL) */
    char *const *envp;  /* guest environment (NULL-terminated; may be NULL) */
    const char *execfn; /* AT_EXECFN string: the path as given to pvm */
    uint64_t phdr;      /* AT_PHDR */
    uint64_t phnum;     /* AT_PHNUM */
    uint64_t base;      /* AT_BASE: dynamic linker base or 0 */
    uint64_t entry;     /* AT_ENTRY: program entry including bias */
    uint64_t vdso;      /* AT_SYSINFO_EHDR when nonzero (the vDSO's base) */
    bool secure;        /* AT_SECURE: pvm runs with elevated credentials */
};

/* Writes strings, the pointer table and auxv into the already mapped,
 * writable guest range [bottom, top), and records sp, argv/env areas and
 * auxv location in gproc. Returns NULL, or a reason ("argument list too
 * long") when it does not fit in a quarter of the stack, as Linux's E2BIG. */
const char *loader_stack_build(const struct loader_stack_in *in, uint64_t bottom, uint64_t top);

#endif

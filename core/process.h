/* Process-wide guest facts shared by the loader, the syscalls and /proc
 * emulation. Filled by the loader before the first guest instruction, and
 * read-only after that (brk_cur and vdso_* belong to the memory calls).
 * The names of the process and its threads are not kept here: they are the
 * host's (process_exec_name). */
#ifndef PVM_CORE_PROCESS_H
#define PVM_CORE_PROCESS_H

#include <stdbool.h>
#include <stdint.h>


struct guest_proc {
    char exe_path[4096];  /* host path of the guest program (for /proc/self/exe) */
    uint64_t entry;       /* program entry (AT_ENTRY) */
    uint64_t start_pc;    /* first pc executed (interpreter entry if dynamic) */
    uint64_t load_bias;   /* bias of the main program (0 for ET_EXEC) */
    uint64_t interp_base; /* AT_BASE, 0 when static */
    uint64_t phdr;        /* AT_PHDR */
    uint64_t brk_start;   /* page-aligned end of the highest segment */
    uint64_t brk_cur;     /* current program break (syscalls/mm.c) */
    uint64_t stack_top;   /* highest address of the stack mapping */
    uint64_t stack_size;
    uint64_t sp;          /* initial stack pointer */
    uint64_t auxv, auxv_len;         /* guest copy of auxv (for /proc/self/auxv) */
    uint64_t argv_start, argv_end;   /* argument strings area (cmdline) */
    uint64_t env_start, env_end;
    uint64_t vdso_base;   /* the vDSO (AT_SYSINFO_EHDR, [vdso]; loader/vdso.h), 0 when none */
    uint64_t vdso_size;   /* its page-rounded length */
};

extern struct guest_proc gproc;

/* The name the kernel gives a process at exec: the basename of the file it
 * executed (AT_EXECFN, as the kernel's bprm->filename), at most 15 bytes,
 * zero-padded. psview_init (syscalls/psview.h) gives it to the host, so
 * from then on the host's comm of each thread is the guest's: PR_SET_NAME,
 * PR_GET_NAME and /proc's comm files are the host's (no copy is kept). */
void process_exec_name(char out[16]);

/* The process's comm, which is its leader's (core files): the host's
 * /proc/self/comm; without /proc the calling thread's (PR_GET_NAME), the
 * exec name when even that is empty. */
void process_get_comm(char out[16]);

/* ---- fork ---- */

/* The phases of a fork (syscalls/proc_clone.c calls each module's hook):
 * PREPARE takes the module's locks (all of pvm's own locks are leaves, so
 * any order is free of deadlock), PARENT releases them, CHILD releases them
 * in the child, whose only thread is the copy of the one that took them
 * (so no other thread can have been inside, and the data is whole). */
enum fork_phase { FORK_PREPARE, FORK_PARENT, FORK_CHILD };

#endif

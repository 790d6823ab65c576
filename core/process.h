/* Process-wide guest facts shared by the loader, the syscalls and /proc
 * emulation. Filled by the loader before the first guest instruction. */
#ifndef PVM_CORE_PROCESS_H
#define PVM_CORE_PROCESS_H

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

/* The guest's comm (/proc/self/comm, stat, status, PR_GET_NAME, core
 * files): initially the basename of the file the guest was executed as
 * (AT_EXECFN, as the kernel's bprm->filename), at most 15 bytes; set reads
 * at most 15 bytes of name. */
void process_set_comm(const char *name);
void process_get_comm(char out[16]);

#endif

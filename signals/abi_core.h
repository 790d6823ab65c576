/* The arm64 Linux core-file ABI: the note layouts an arm64 kernel writes
 * into an ELF core (struct elf_prstatus with the arm64 elf_gregset_t,
 * elf_prpsinfo, user_fpsimd_state) and the ELF constants that are arm64's.
 * The generic ELF ones (ET_CORE, PT_NOTE, NT_PRSTATUS, NT_FILE ...) come
 * from <elf.h>: they are the same on every architecture. The layouts are
 * LP64 with natural alignment on both sides, so the host compiler lays them
 * out as the arm64 one does; the asserts hold it to the arm64 sizes.
 * Reference: /usr/aarch64-linux-gnu/include/sys/procfs.h, asm/ptrace.h. */
#ifndef PVM_SIGNALS_ABI_CORE_H
#define PVM_SIGNALS_ABI_CORE_H

#include <stddef.h>
#include <stdint.h>

/* ELF_EXEC_PAGESIZE: segment alignment and NT_FILE's page unit (4 KiB
 * pages, as pvm's guest pages) */
#define CORE_PAGE_A64 4096u
/* elf_gregset_t: x0..x30, sp, pc, pstate */
#define ELF_NGREG_A64 34
/* pr_psargs holds at most this many bytes of the argument strings plus NUL */
#define ELF_PRARGSZ_A64 80
/* the task flags a task dying by a core-dumping signal has (pr_flag of
 * NT_PRPSINFO) */
#define PF_DUMPCORE_A64 0x00000200u
#define PF_SIGNALED_A64 0x00000400u

struct elf_siginfo_a64 {
    int32_t si_signo, si_code, si_errno;
};

struct elf_timeval_a64 {
    int64_t tv_sec, tv_usec;
};

struct elf_prstatus_a64 {
    struct elf_siginfo_a64 pr_info;
    int16_t pr_cursig;
    uint64_t pr_sigpend, pr_sighold;
    int32_t pr_pid, pr_ppid, pr_pgrp, pr_sid;
    struct elf_timeval_a64 pr_utime, pr_stime, pr_cutime, pr_cstime;
    uint64_t pr_reg[ELF_NGREG_A64];
    int32_t pr_fpvalid;
};
_Static_assert(offsetof(struct elf_prstatus_a64, pr_sigpend) == 16, "pr_sigpend");
_Static_assert(offsetof(struct elf_prstatus_a64, pr_pid) == 32, "pr_pid");
_Static_assert(offsetof(struct elf_prstatus_a64, pr_reg) == 112, "pr_reg");
_Static_assert(offsetof(struct elf_prstatus_a64, pr_fpvalid) == 384, "pr_fpvalid");
_Static_assert(sizeof(struct elf_prstatus_a64) == 392, "arm64 elf_prstatus");

struct elf_prpsinfo_a64 {
    char pr_state, pr_sname, pr_zomb, pr_nice;
    uint64_t pr_flag;
    uint32_t pr_uid, pr_gid;
    int32_t pr_pid, pr_ppid, pr_pgrp, pr_sid;
    char pr_fname[16];
    char pr_psargs[ELF_PRARGSZ_A64];
};
_Static_assert(offsetof(struct elf_prpsinfo_a64, pr_fname) == 40, "pr_fname");
_Static_assert(sizeof(struct elf_prpsinfo_a64) == 136, "arm64 elf_prpsinfo");

/* NT_FPREGSET (NT_PRFPREG) */
struct user_fpsimd_state_a64 {
    uint8_t vregs[32][16];
    uint32_t fpsr, fpcr;
    uint32_t reserved[2];
};
_Static_assert(sizeof(struct user_fpsimd_state_a64) == 528, "arm64 user_fpsimd_state");

#endif

/* The arm64 signal ABI: numbers, sigaction, stack_t, siginfo, and the
 * signal frame the kernel builds (struct rt_sigframe: siginfo, ucontext with
 * the sigcontext and its __reserved records). Signal numbers, sigset bits,
 * siginfo_t and sigevent are the asm-generic ones on both arm64 and x86-64,
 * so those pass between guest and host unchanged; everything else is
 * translated explicitly. Reference: /usr/aarch64-linux-gnu/include/asm/
 * sigcontext.h, ucontext.h, signal.h. */
#ifndef PVM_SIGNALS_ABI_SIGNAL_H
#define PVM_SIGNALS_ABI_SIGNAL_H

#include <signal.h>
#include <stddef.h>
#include <stdint.h>

/* siginfo_t: 128 bytes, the generic layout on both */
#define SIGINFO_SIZE_A64 128
_Static_assert(sizeof(siginfo_t) == SIGINFO_SIZE_A64, "siginfo_t is 128 bytes on both");

/* ---- signals ---- */

#define NSIG_A64 64
/* signal numbers (asm-generic, the same on x86-64): one list, two views
 * (the SIG*_A64 enum and strace's names); 32.. are the real-time signals */
#define SIGNALS_A64(X)                                                                     \
    X(HUP, 1) X(INT, 2) X(QUIT, 3) X(ILL, 4) X(TRAP, 5) X(ABRT, 6) X(BUS, 7) X(FPE, 8)     \
    X(KILL, 9) X(USR1, 10) X(SEGV, 11) X(USR2, 12) X(PIPE, 13) X(ALRM, 14) X(TERM, 15)    \
    X(STKFLT, 16) X(CHLD, 17) X(CONT, 18) X(STOP, 19) X(TSTP, 20) X(TTIN, 21) X(TTOU, 22) \
    X(URG, 23) X(XCPU, 24) X(XFSZ, 25) X(VTALRM, 26) X(PROF, 27) X(WINCH, 28) X(IO, 29)   \
    X(PWR, 30) X(SYS, 31)
#define SIGNAL_ENUM_A64(name, v) SIG##name##_A64 = (v),
enum { SIGNALS_A64(SIGNAL_ENUM_A64) };
#undef SIGNAL_ENUM_A64
#define SIGRTMIN_A64 32
#define SIG_BLOCK_A64 0
#define SIG_UNBLOCK_A64 1
#define SIG_SETMASK_A64 2
#define SIGSET_SIZE_A64 8
#define SIG_DFL_A64 0
#define SIG_IGN_A64 1

#define SA_NOCLDSTOP_A64 0x00000001
#define SA_NOCLDWAIT_A64 0x00000002
#define SA_SIGINFO_A64 0x00000004
#define SA_UNSUPPORTED_A64 0x00000400
#define SA_EXPOSE_TAGBITS_A64 0x00000800
#define SA_RESTORER_A64 0x04000000
#define SA_ONSTACK_A64 0x08000000
#define SA_RESTART_A64 0x10000000
#define SA_NODEFER_A64 0x40000000
#define SA_RESETHAND_A64 0x80000000u
/* the flags the arm64 kernel keeps (it silently clears the others, so a
 * guest can probe with SA_UNSUPPORTED) */
#define SA_KNOWN_A64                                                                        \
    (SA_NOCLDSTOP_A64 | SA_NOCLDWAIT_A64 | SA_SIGINFO_A64 | SA_EXPOSE_TAGBITS_A64 |          \
     SA_RESTORER_A64 | SA_ONSTACK_A64 | SA_RESTART_A64 | SA_NODEFER_A64 | SA_RESETHAND_A64)

/* the arm64 kernel's struct sigaction (rt_sigaction's argument) */
struct sigaction_a64 {
    uint64_t handler;
    uint64_t flags;
    uint64_t restorer;
    uint64_t mask;
};
_Static_assert(sizeof(struct sigaction_a64) == 32, "arm64 kernel sigaction");

#define SS_ONSTACK_A64 1
#define SS_DISABLE_A64 2
#define SS_AUTODISARM_A64 (1u << 31)
#define MINSIGSTKSZ_A64 5120

/* stack_t */
struct stack_a64 {
    uint64_t ss_sp;
    int32_t ss_flags;
    int32_t pad;
    uint64_t ss_size;
};
_Static_assert(sizeof(struct stack_a64) == 24, "arm64 stack_t");

static inline uint64_t sig_bit_a64(int sig) { return 1ull << (sig - 1); }

/* SIGSEGV and SIGBUS: the signals pvm's own fault handling keeps for itself
 * on the host (never blocked there, held by pvm for the guest) */
static inline uint64_t sig_fault_bits(void) { return sig_bit_a64(SIGSEGV) | sig_bit_a64(SIGBUS); }

/* Guest sigset (signal numbers are asm-generic on both, bit n-1 = signal n)
 * -> host sigset for a mask pvm installs: SIGSEGV/SIGBUS (pvm's fault
 * handlers) are never blocked, SIGKILL/SIGSTOP cannot be. */
static inline uint64_t xlat_sigset_to_host(uint64_t g)
{
    return g & ~(sig_fault_bits() | sig_bit_a64(SIGKILL) | sig_bit_a64(SIGSTOP));
}

/* The host flags for a SIG_DFL/SIG_IGN disposition pvm applies for the guest:
 * only the ones with meaning without a handler. */
static inline unsigned long xlat_sa_flags_nohandler(uint64_t g)
{
    return (g & SA_NOCLDSTOP_A64 ? SA_NOCLDSTOP : 0) | (g & SA_NOCLDWAIT_A64 ? SA_NOCLDWAIT : 0);
}

/* ---- siginfo codes (asm-generic/siginfo.h; the same values on x86-64) ----
 * one name/value list per family, two views (the *_A64 enum and strace's
 * names): si_code <= 0 says who sent the signal, a positive one is the
 * kernel's reason, numbered per signal. */
#define SI_CODES_A64(X)                                                                    \
    X(SI_USER, 0) X(SI_KERNEL, 0x80) X(SI_QUEUE, -1) X(SI_TIMER, -2) X(SI_MESGQ, -3)      \
    X(SI_ASYNCIO, -4) X(SI_SIGIO, -5) X(SI_TKILL, -6) X(SI_DETHREAD, -7) X(SI_ASYNCNL, -60)
#define ILL_CODES_A64(X)                                                                   \
    X(ILL_ILLOPC, 1) X(ILL_ILLOPN, 2) X(ILL_ILLADR, 3) X(ILL_ILLTRP, 4) X(ILL_PRVOPC, 5)  \
    X(ILL_PRVREG, 6) X(ILL_COPROC, 7) X(ILL_BADSTK, 8) X(ILL_BADIADDR, 9)
#define FPE_CODES_A64(X)                                                                   \
    X(FPE_INTDIV, 1) X(FPE_INTOVF, 2) X(FPE_FLTDIV, 3) X(FPE_FLTOVF, 4) X(FPE_FLTUND, 5)  \
    X(FPE_FLTRES, 6) X(FPE_FLTINV, 7) X(FPE_FLTSUB, 8) X(FPE_FLTUNK, 14) X(FPE_CONDTRAP, 15)
#define SEGV_CODES_A64(X)                                                                  \
    X(SEGV_MAPERR, 1) X(SEGV_ACCERR, 2) X(SEGV_BNDERR, 3) X(SEGV_PKUERR, 4)               \
    X(SEGV_ACCADI, 5) X(SEGV_ADIDERR, 6) X(SEGV_ADIPERR, 7) X(SEGV_MTEAERR, 8)            \
    X(SEGV_MTESERR, 9) X(SEGV_CPERR, 10)
#define BUS_CODES_A64(X)                                                                   \
    X(BUS_ADRALN, 1) X(BUS_ADRERR, 2) X(BUS_OBJERR, 3) X(BUS_MCEERR_AR, 4) X(BUS_MCEERR_AO, 5)
#define TRAP_CODES_A64(X)                                                                  \
    X(TRAP_BRKPT, 1) X(TRAP_TRACE, 2) X(TRAP_BRANCH, 3) X(TRAP_HWBKPT, 4) X(TRAP_UNK, 5)  \
    X(TRAP_PERF, 6)
#define CLD_CODES_A64(X)                                                                   \
    X(CLD_EXITED, 1) X(CLD_KILLED, 2) X(CLD_DUMPED, 3) X(CLD_TRAPPED, 4) X(CLD_STOPPED, 5) \
    X(CLD_CONTINUED, 6)
#define POLL_CODES_A64(X)                                                                  \
    X(POLL_IN, 1) X(POLL_OUT, 2) X(POLL_MSG, 3) X(POLL_ERR, 4) X(POLL_PRI, 5) X(POLL_HUP, 6)
#define SYS_CODES_A64(X) X(SYS_SECCOMP, 1) X(SYS_USER_DISPATCH, 2)
#define SI_CODE_ENUM_A64(name, v) name##_A64 = (v),
enum {
    SI_CODES_A64(SI_CODE_ENUM_A64) ILL_CODES_A64(SI_CODE_ENUM_A64) FPE_CODES_A64(SI_CODE_ENUM_A64)
    SEGV_CODES_A64(SI_CODE_ENUM_A64) BUS_CODES_A64(SI_CODE_ENUM_A64)
    TRAP_CODES_A64(SI_CODE_ENUM_A64) CLD_CODES_A64(SI_CODE_ENUM_A64)
    POLL_CODES_A64(SI_CODE_ENUM_A64) SYS_CODES_A64(SI_CODE_ENUM_A64)
};
#undef SI_CODE_ENUM_A64
/* si_arch of a seccomp SIGSYS: EM_AARCH64 | __AUDIT_ARCH_64BIT | __AUDIT_ARCH_LE */
#define AUDIT_ARCH_AARCH64_A64 0xc00000b7u

/* ---- the signal frame ---- */

#define FPSIMD_MAGIC_A64 0x46508001u
#define ESR_MAGIC_A64 0x45535201u
#define EXTRA_MAGIC_A64 0x45585401u
#define SVE_MAGIC_A64 0x53564501u

struct aarch64_ctx_a64 {
    uint32_t magic;
    uint32_t size;
};

struct fpsimd_context_a64 {
    struct aarch64_ctx_a64 head;
    uint32_t fpsr;
    uint32_t fpcr;
    unsigned __int128 vregs[32];
};
_Static_assert(sizeof(struct fpsimd_context_a64) == 528, "fpsimd_context");

struct esr_context_a64 {
    struct aarch64_ctx_a64 head;
    uint64_t esr;
};

struct sigcontext_a64 {
    uint64_t fault_address;
    uint64_t regs[31];
    uint64_t sp;
    uint64_t pc;
    uint64_t pstate;
    uint8_t reserved[4096] __attribute__((aligned(16)));
};

struct ucontext_a64 {
    uint64_t uc_flags;
    uint64_t uc_link;
    struct stack_a64 uc_stack;
    uint64_t uc_sigmask;
    uint8_t unused[1024 / 8 - 8];
    struct sigcontext_a64 uc_mcontext;
};

struct rt_sigframe_a64 {
    uint8_t info[SIGINFO_SIZE_A64];
    struct ucontext_a64 uc;
};

struct frame_record_a64 {
    uint64_t fp, lr;
};

_Static_assert(offsetof(struct ucontext_a64, uc_mcontext) == 176, "uc_mcontext");
_Static_assert(offsetof(struct rt_sigframe_a64, uc) == 128, "rt_sigframe.uc");
_Static_assert(sizeof(struct rt_sigframe_a64) == 4688, "rt_sigframe");

#define NR_rt_sigreturn_A64 139
#define NR_restart_syscall_A64 128

#endif

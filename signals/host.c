/* pvm's host signal handler and the host dispositions it stands behind.
 *
 * Guest signal numbers are host numbers (both asm-generic; pvm uses no
 * glibc-internal signal, so 32 and 33 are the guest's too). The host
 * disposition of each signal follows the guest's: SIG_IGN and SIG_DFL are
 * applied to the host as they are, so the host kernel ignores, stops and
 * terminates exactly as it would the native process (and its wait status is
 * the native one); a guest handler becomes pvm's host handler. SIGSEGV and
 * SIGBUS (pvm's fault signals) and the other core-dumping signals always
 * have pvm's handler, so a default action can write a core of the guest and
 * never one of pvm.
 *
 * The handler never runs guest code. An asynchronous signal is "taken": its
 * siginfo is stored in the thread's c->sig.taken_info, the engine is asked
 * to stop at the next block boundary (c->exit_request), and the interrupted
 * context resumes with every host signal but SIGSEGV/SIGBUS blocked, so the
 * host kernel keeps queueing the rest (real-time signals keep their order
 * and values) until delivery restores the mask. If the signal interrupted
 * the safe-syscall stub before its system call began, the stub is moved to
 * its restart exit (signals/safe_syscall.S).
 *
 * A synchronous SIGSEGV/SIGBUS is a guest fault only inside the thread's
 * guest-execution window (c->in_guest) and inside the guest region; then
 * the interrupted context is rewritten to resume in sig_fault_resume, which
 * unwinds to the engine through c->fault_jmp outside signal context (the
 * mechanism translated code will use too: a host pc can be mapped to guest
 * state here before the rewrite). A fault in mem_safe_copy resumes at its
 * fixup. Any other host fault is pvm's bug: one line naming the host pc,
 * then death by that signal. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "signals/safe_syscall.h"
#include "signals/signal.h"
#include "signals/sigstate.h"
#include "translator/jit.h"

#define SA_RESTORER_HOST 0x04000000ul

/* the host kernel's struct for raw rt_sigaction (x86-64) */
struct ksigaction_host {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

/* every host signal but the fault signals */
#define HOST_MASK_TAKEN (~sig_fault_bits())

/* x86-64 needs a restorer that calls rt_sigreturn for a raw rt_sigaction */
__attribute__((naked)) static void sig_host_restorer(void)
{
    __asm__ volatile("mov $15, %eax\n\tsyscall\n\thlt");
}

/* Resumed into by a rewritten fault context, on the interrupted stack with
 * the interrupted mask: an ordinary function call from there on. */
static _Noreturn void sig_fault_resume(void)
{
    struct cpu *c = sig_thread_cpu();
    siglongjmp(c->fault_jmp, 1);
}

/* A SIGSEGV/SIGBUS raised by the instruction that faulted: a page fault at
 * si_addr (trap 14, CR2 = si_addr) or a general-protection fault (trap 13,
 * si_code SI_KERNEL, no address), or an alignment check (17). A queued
 * signal (kill, sigqueue, a timer, F_SETSIG) carries the trap of the
 * thread's last fault instead, whose CR2 is not its si_addr field. */
static bool sig_host_fault_is_sync(const siginfo_t *si, const ucontext_t *uc)
{
    if (si->si_code <= 0)
        return false;
    greg_t trap = uc->uc_mcontext.gregs[REG_TRAPNO];
    if (trap == 14)
        return (uintptr_t)uc->uc_mcontext.gregs[REG_CR2] == (uintptr_t)si->si_addr;
    if (trap == 13)
        return si->si_code == SI_KERNEL && si->si_addr == NULL;
    return trap == 17;
}

static _Noreturn void sig_host_internal_fault(int sig, const siginfo_t *si, const ucontext_t *uc)
{
    char msg[160];
    int n = snprintf(msg, sizeof msg, "pvm: internal error: host %s at pc %#llx, address %#llx\n",
                     sig == SIGBUS ? "SIGBUS" : "SIGSEGV",
                     (unsigned long long)uc->uc_mcontext.gregs[REG_RIP],
                     (unsigned long long)(uintptr_t)si->si_addr);
    log_error_raw(msg, (size_t)n);
    /* inside a signal handler, with pvm's state suspect: no exit hook */
    sig_exit_hook = NULL;
    sig_die_host(sig);
}

static void sig_host_fault(int sig, siginfo_t *si, ucontext_t *uc)
{
    greg_t *g = uc->uc_mcontext.gregs;
    uintptr_t pc = (uintptr_t)g[REG_RIP];
    if (pc >= (uintptr_t)mem_safe_copy_start && pc < (uintptr_t)mem_safe_copy_end) {
        g[REG_RIP] = (greg_t)(uintptr_t)mem_safe_copy_fault;
        return;
    }
    struct cpu *c = sig_thread_cpu();
    uint8_t *a = si->si_addr;
    /* the guards around the region too: translated code reaches into
     * them by an offset off a register an earlier check confined */
    if (!c || !c->in_guest || a < guest_base - MEM_GUARD || a >= guest_base + guest_size + MEM_GUARD)
        sig_host_internal_fault(sig, si, uc);
    /* a fault in translated code: its guest instruction and the registers
     * it held in host registers, from the translation's recovery table */
    static const int x86[16] = {REG_RAX, REG_RCX, REG_RDX, REG_RBX, REG_RSP, REG_RBP, REG_RSI, REG_RDI,
                                REG_R8,  REG_R9,  REG_R10, REG_R11, REG_R12, REG_R13, REG_R14, REG_R15};
    uint64_t host[17];
    for (int r = 0; r < 16; r++)
        host[r] = (uint64_t)g[x86[r]];
    host[16] = (uint64_t)g[REG_EFL];
    jit_recover(c, pc, host);
    /* below the region, the address wrapped: untagged, as the routine's
     * fault on the same address says it (core/mem.h mem_h_acc) */
    uint64_t ga = mem_untag((uint64_t)(a - guest_base));
    c->fault_addr = ga;
    c->fault_sig = sig;
    /* the whole region is reserved on the host, so the host says ACCERR for
     * a page the guest never mapped: pvm's page table knows better */
    if (sig == SIGSEGV)
        c->fault_code = mem_page_flags(ga) & PG_MAPPED ? SEGV_ACCERR : SEGV_MAPERR;
    else
        c->fault_code = si->si_code;
    c->fault_write = (g[REG_ERR] & 2) != 0;
    /* resume below the red zone as if sig_fault_resume had been called */
    uintptr_t sp = (((uintptr_t)g[REG_RSP] - 256) & ~(uintptr_t)15) - 8;
    g[REG_RSP] = (greg_t)sp;
    g[REG_RIP] = (greg_t)(uintptr_t)sig_fault_resume;
}

static void sig_host_handler(int sig, siginfo_t *si, void *ucv)
{
    ucontext_t *uc = ucv;
    int saved_errno = errno;
    if ((sig == SIGSEGV || sig == SIGBUS) && sig_host_fault_is_sync(si, uc)) {
        sig_host_fault(sig, si, uc);
        errno = saved_errno;
        return;
    }
    struct cpu *c = sig_thread_cpu();
    if (!c) {
        /* no guest thread here (cannot happen once the engine runs): keep
         * the signal queued for later */
        syscall(SYS_rt_tgsigqueueinfo, getpid(), syscall(SYS_gettid), sig, si);
        errno = saved_errno;
        return;
    }
    if (!c->sig.taken) {
        c->sig.taken_info = *si;
        __atomic_store_n(&c->sig.taken, 1, __ATOMIC_RELEASE);
    } else if (sig == SIGSEGV || sig == SIGBUS) {
        /* standard signals: a second instance of a pending one merges */
        c->sig.held_info[sig == SIGBUS] = *si;
        c->sig.held |= sig_bit_a64(sig);
    } else {
        /* the mask below should have kept it out; queue it again */
        syscall(SYS_rt_tgsigqueueinfo, getpid(), syscall(SYS_gettid), sig, si);
    }
    c->exit_request = 1;
    uint64_t m = HOST_MASK_TAKEN;
    memcpy(&uc->uc_sigmask, &m, sizeof m);
    greg_t *g = uc->uc_mcontext.gregs;
    uintptr_t pc = (uintptr_t)g[REG_RIP];
    if (pc >= (uintptr_t)pvm_safe_syscall_start && pc < (uintptr_t)pvm_safe_syscall_end)
        g[REG_RIP] = (greg_t)(uintptr_t)pvm_safe_syscall_restart;
    errno = saved_errno;
}

void sig_host_apply(int sig)
{
    if (sig == SIGKILL || sig == SIGSTOP || !sig_valid((uint64_t)sig))
        return;
    const struct sigaction_a64 *ka = &sigproc.actions[sig];
    struct ksigaction_host k = {.flags = xlat_sa_flags_nohandler(ka->flags)};
    bool fault = sig == SIGSEGV || sig == SIGBUS;
    if (ka->handler == SIG_IGN_A64 && !fault) {
        k.handler = SIG_IGN;
    } else if (ka->handler == SIG_DFL_A64 && !sig_host_always_caught(sig)) {
        k.handler = SIG_DFL;
    } else {
        k.handler = (void *)sig_host_handler;
        k.flags |= SA_SIGINFO | SA_ONSTACK | SA_RESTORER_HOST | (fault ? SA_NODEFER : 0);
        k.restorer = (void *)sig_host_restorer;
        k.mask = HOST_MASK_TAKEN;
    }
    syscall(SYS_rt_sigaction, sig, &k, NULL, 8);
}

uint64_t sig_host_mask_of(const struct cpu *c)
{
    return c->sig.taken ? HOST_MASK_TAKEN : xlat_sigset_to_host(c->sig.blocked);
}

void sig_host_mask_sync(const struct cpu *c)
{
    uint64_t m = sig_host_mask_of(c);
    syscall(SYS_rt_sigprocmask, SIG_SETMASK, &m, NULL, 8);
}

void sig_thread_host_init(struct cpu *c)
{
    /* pvm's own handlers run on an alternate stack of the host thread's,
     * so a host stack overflow is still reported */
    enum { ALTSTACK = 64 * 1024 };
    void *p = mmap(NULL, ALTSTACK, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0);
    if (p != MAP_FAILED) {
        stack_t ss = {.ss_sp = p, .ss_size = ALTSTACK};
        sigaltstack(&ss, NULL);
    }
    sig_thread_attach(c);
}

void sig_init(struct cpu *c)
{
    sig_thread_host_init(c);
    /* the mask pvm inherited is the guest's (SIGSEGV/SIGBUS unblocked) */
    uint64_t m = 0;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, &m, 8);
    c->sig.blocked = m & ~(sig_bit_a64(SIGKILL) | sig_bit_a64(SIGSTOP));
    c->sig.ss_flags = SS_DISABLE_A64;
    sig_host_mask_sync(c);
    for (int s = 1; s <= NSIG_A64; s++)
        if (sig_host_always_caught(s))
            sig_host_apply_inherited(s);
}

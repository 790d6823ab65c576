/* Host SIGSEGV/SIGBUS -> guest fault (see fault.h). The handler runs on an
 * alternate stack so a host stack overflow is still reported. A SIGSEGV or
 * SIGBUS that a process sent (kill, tkill, sigqueue: si_code <= 0, the
 * kernel's SI_FROMUSER) or that the kernel queued for an event (a clone
 * exit signal, F_SETSIG: positive codes that overlap the fault codes, told
 * apart by the trap the x86 sigcontext records) is no fault: it ends pvm by
 * that signal without a line, as it ends a native process that has no
 * handler for it (guest handlers are not delivered yet). */
#include "signals/fault.h"

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <ucontext.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "engine/engine.h"

static __thread struct cpu *guest_cpu;

void fault_enter_guest(struct cpu *c) { guest_cpu = c; }

void mem_fault(struct cpu *c, uint64_t addr, int sig, int code)
{
    c->fault_addr = addr;
    c->fault_sig = sig;
    c->fault_code = code;
    siglongjmp(c->fault_jmp, 1);
}

/* A SIGSEGV/SIGBUS raised by the instruction that faulted: a page fault at
 * si_addr (trap 14, CR2 = si_addr) or a general-protection fault (trap 13,
 * si_code SI_KERNEL, no address). A queued signal carries the trap of the
 * thread's last fault instead, whose CR2 is not its si_addr field (that
 * holds a pid and uid, or a poll band). */
static bool host_fault_is_sync(const siginfo_t *si, const ucontext_t *uc)
{
    if (si->si_code <= 0)
        return false;
    greg_t trap = uc->uc_mcontext.gregs[REG_TRAPNO];
    if (trap == 14)
        return (uintptr_t)uc->uc_mcontext.gregs[REG_CR2] == (uintptr_t)si->si_addr;
    if (trap == 13)
        return si->si_code == SI_KERNEL && si->si_addr == NULL;
    return trap == 17; /* alignment check */
}

static void host_fault(int sig, siginfo_t *si, void *uc)
{
    if (!host_fault_is_sync(si, uc))
        engine_die_by_signal(sig);
    uint8_t *a = si->si_addr;
    struct cpu *c = guest_cpu;
    if (c && a >= guest_base && a < guest_base + guest_size)
        mem_fault(c, (uint64_t)(a - guest_base), sig, si->si_code);
    static const char msg[] = "pvm: internal error: host fault outside guest memory\n";
    log_error_raw(msg, sizeof msg - 1);
    engine_die_by_signal(sig);
}

void fault_init(void)
{
    static char altstack[64 * 1024];
    stack_t ss = {.ss_sp = altstack, .ss_size = sizeof altstack};
    sigaltstack(&ss, NULL);
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = host_fault;
    sa.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_NODEFER;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGSEGV, &sa, NULL);
    sigaction(SIGBUS, &sa, NULL);
}

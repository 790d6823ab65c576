/* Delivery of guest signals, between guest instructions, as the arm64
 * kernel's do_signal/get_signal/handle_signal do it:
 * - the signal comes from the thread's taken slot (filled by the host
 *   handler) or, for SIGSEGV/SIGBUS sent while blocked, the held set;
 * - the guest's disposition decides: ignore, a default action (terminate,
 *   stop, core), or a handler frame (frame.c);
 * - an interrupted system call (x0 = -ERESTART*_K) restarts or gives EINTR
 *   by the kernel's rules, with x0 restored from orig_x0 and pc moved back
 *   to the svc;
 * - the mask a sigsuspend/ppoll installed is the one recorded in the frame
 *   and comes back after the handler (or at once when none runs);
 * - afterwards the host mask is the guest's again, which lets the host
 *   kernel hand over the next queued signal.
 * Synchronous exceptions are forced (sig_raise_sync): blocked or ignored,
 * their disposition becomes SIG_DFL and they kill, as force_sig_fault does. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "interp/insn.h"
#include "signals/core.h"
#include "signals/frame.h"
#include "signals/safe_syscall.h"
#include "signals/signal.h"
#include "signals/sigstate.h"

void (*sig_exit_hook)(void);
void (*sig_trace_hook)(const siginfo_t *si);
void (*sig_killed_hook)(int sig, bool core);


void sig_die_host(int sig)
{
    if (sig_exit_hook)
        sig_exit_hook();
    fflush(NULL);
    /* no core of pvm, whatever the limit or a piped core_pattern */
    struct rlimit nocore = {0, 0};
    setrlimit(RLIMIT_CORE, &nocore);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
    struct {
        void *handler;
        unsigned long flags;
        void *restorer;
        uint64_t mask;
    } dfl = {SIG_DFL, 0, NULL, 0};
    syscall(SYS_rt_sigaction, sig, &dfl, NULL, 8);
    uint64_t m = sig_bit_a64(sig);
    syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &m, NULL, 8);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
    /* a signal whose default is not to terminate (or a stopped-then-
     * continued process) ends up here */
    _exit(128 + sig);
}

/* the default action of a signal that reached pvm's handler */
static void sig_default_action(struct cpu *c, int sig, const siginfo_t *si)
{
    if (sig_default_ignores(sig))
        return;
    if (sig_default_stops(sig)) {
        /* The host disposition was pvm's handler only in a race (the guest
         * set SIG_DFL after the host handed the signal to pvm). The signal
         * goes back to the host, whose disposition is SIG_DFL now, and is
         * unblocked for a moment, so the host kernel acts on it here as on a
         * native process's: it stops pvm with that signal (the parent's
         * WSTOPSIG), or discards SIGTSTP/SIGTTIN/SIGTTOU for an orphaned
         * process group; after SIGCONT delivery goes on. */
        syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), sig);
        uint64_t m = sig_bit_a64(sig), old;
        syscall(SYS_rt_sigprocmask, SIG_UNBLOCK, &m, &old, 8);
        syscall(SYS_rt_sigprocmask, SIG_SETMASK, &old, NULL, 8);
        return;
    }
    bool core = false;
    if (sig_default_cores(sig)) {
        struct rlimit rl;
        if (getrlimit(RLIMIT_CORE, &rl) == 0 && rl.rlim_cur > 0)
            core = core_dump_write(c, si);
    }
    if (sig_killed_hook)
        sig_killed_hook(sig, core);
    sig_die_host(sig);
}

/* Takes the next signal for the thread out of pvm's hands: the taken slot,
 * then an unblocked held SIGSEGV/SIGBUS. */
static int sig_dequeue(struct cpu *c, siginfo_t *info)
{
    if (c->sig.taken) {
        *info = c->sig.taken_info;
        __atomic_store_n(&c->sig.taken, 0, __ATOMIC_RELEASE);
        return info->si_signo;
    }
    return sig_take_held(c, ~c->sig.blocked, info);
}

/* A signal the guest blocks after all (its mask changed between the host's
 * delivery and this boundary) goes back to the host's queue, or, for the
 * fault signals the host never blocks, to the held set. */
static void sig_requeue(struct cpu *c, int sig, const siginfo_t *info)
{
    if (sig == SIGSEGV || sig == SIGBUS) {
        c->sig.held_info[sig == SIGBUS] = *info;
        c->sig.held |= sig_bit_a64(sig);
        return;
    }
    /* tkill/tgkill's signals belong to this thread; anything else may have
     * been the process's, which another thread may take now */
    siginfo_t i = *info;
    if (info->si_code == SI_TKILL)
        syscall(SYS_rt_tgsigqueueinfo, getpid(), syscall(SYS_gettid), sig, &i);
    else
        syscall(SYS_rt_sigqueueinfo, getpid(), sig, &i);
}

/* The next signal with a handler to run, or 0; ignored signals are
 * discarded and default actions carried out on the way (get_signal). */
static int sig_next(struct cpu *c, siginfo_t *info, struct sigaction_a64 *ka)
{
    int sig;
    while ((sig = sig_dequeue(c, info)) != 0) {
        if (c->sig.blocked & sig_bit_a64(sig)) {
            sig_requeue(c, sig, info);
            continue;
        }
        /* read and, for SA_RESETHAND, reset in one step: the handler
         * runs once, whichever thread takes the signal */
        sig_actions_lock();
        struct sigaction_a64 *cur = sig_action(sig);
        *ka = *cur;
        bool handler = ka->handler != SIG_IGN_A64 && ka->handler != SIG_DFL_A64;
        if (handler && (ka->flags & SA_RESETHAND_A64)) {
            cur->handler = SIG_DFL_A64;
            cur->flags &= ~SA_SIGINFO_A64;
            sig_host_apply(sig);
        }
        sig_actions_unlock();
        if (ka->handler == SIG_IGN_A64)
            continue;
        if (ka->handler == SIG_DFL_A64) {
            sig_default_action(c, sig, info);
            continue;
        }
        return sig;
    }
    return 0;
}

static bool sig_is_restart_code(int64_t r)
{
    return r == -ERESTARTSYS_K || r == -ERESTARTNOINTR_K || r == -ERESTARTNOHAND_K ||
           r == -ERESTART_RESTARTBLOCK_K;
}

/* Runs a handler for sig: builds its frame and sets the mask it runs
 * with (signal_delivered). A frame that cannot be written is a SIGSEGV. */
static void sig_handle(struct cpu *c, int sig, siginfo_t *info, const struct sigaction_a64 *ka)
{
    uint64_t oldmask = c->sig.saved_active ? c->sig.saved : c->sig.blocked;
    if (sig_trace_hook)
        sig_trace_hook(info);
    if (!frame_setup(c, sig, info, ka, oldmask)) {
        if (sig == SIGSEGV) {
            sig_actions_lock();
            sig_action(SIGSEGV)->handler = SIG_DFL_A64;
            sig_host_apply(SIGSEGV);
            sig_actions_unlock();
        }
        c->sig.saved_active = 0;
        c->sig.blocked = oldmask;
        sig_raise_sync(c, SIGSEGV, SI_KERNEL, 0);
        return;
    }
    c->sig.saved_active = 0;
    c->sig.blocked |= ka->mask;
    if (!(ka->flags & SA_NODEFER_A64))
        c->sig.blocked |= sig_bit_a64(sig);
    c->sig.blocked &= ~(sig_bit_a64(SIGKILL) | sig_bit_a64(SIGSTOP));
    /* the handler starts with a clear exclusive monitor (exception return) */
    c->excl_size = 0;
}

/* do_signal: syscall is true right after a system call, whose result in x0
 * may ask for a restart. */
static void sig_do(struct cpu *c, bool syscall)
{
    int64_t ret = syscall ? (int64_t)c->x[0] : 0;
    bool restart = syscall && sig_is_restart_code(ret);
    uint64_t continue_pc = c->pc;
    if (restart) {
        c->x[0] = c->sig.orig_x0;
        c->pc = continue_pc - 4;
        /* a call stopped before it began never installed its temporary
         * mask as far as the guest can tell */
        if (ret == -ERESTARTNOINTR_K && c->sig.saved_active) {
            c->sig.blocked = c->sig.saved;
            c->sig.saved_active = 0;
        }
    }
    siginfo_t info;
    struct sigaction_a64 ka;
    int sig = sig_next(c, &info, &ka);
    if (sig) {
        if (restart && (ret == -ERESTARTNOHAND_K || ret == -ERESTART_RESTARTBLOCK_K ||
                        (ret == -ERESTARTSYS_K && !(ka.flags & SA_RESTART_A64)))) {
            c->x[0] = (uint64_t)-EINTR;
            c->pc = continue_pc;
        }
        sig_handle(c, sig, &info, &ka);
    } else {
        if (restart && ret == -ERESTART_RESTARTBLOCK_K)
            c->x[8] = NR_restart_syscall_A64;
        if (c->sig.saved_active) {
            c->sig.blocked = c->sig.saved;
            c->sig.saved_active = 0;
        }
    }
    sig_host_mask_sync(c);
    if (c->sig.taken || (c->sig.held & ~c->sig.blocked))
        c->exit_request = 1;
}

void sig_deliver(struct cpu *c)
{
    if (c->sig.taken || (c->sig.held & ~c->sig.blocked))
        sig_do(c, false);
}

void sig_after_syscall(struct cpu *c)
{
    if (c->sig.no_restart) {
        c->sig.no_restart = 0;
        sig_deliver(c);
        return;
    }
    if (c->sig.taken || (c->sig.held & ~c->sig.blocked) || c->sig.saved_active ||
        sig_is_restart_code((int64_t)c->x[0]))
        sig_do(c, true);
}

bool sig_sync_is_fatal(const struct cpu *c, int sig)
{
    struct sigaction_a64 ka = sig_action_get(sig);
    return (c->sig.blocked & sig_bit_a64(sig)) || ka.handler == SIG_IGN_A64 ||
           ka.handler == SIG_DFL_A64;
}

void sig_raise_sync(struct cpu *c, int sig, int code, uint64_t addr)
{
    siginfo_t info;
    memset(&info, 0, sizeof info);
    info.si_signo = sig;
    info.si_code = code;
    info.si_addr = (void *)(uintptr_t)addr;
    /* force_sig_fault: a blocked or ignored fault kills */
    uint64_t bit = sig_bit_a64(sig);
    sig_actions_lock();
    struct sigaction_a64 *ka = sig_action(sig);
    if ((c->sig.blocked & bit) || ka->handler == SIG_IGN_A64) {
        ka->handler = SIG_DFL_A64;
        c->sig.blocked &= ~bit;
        sig_host_apply(sig);
    }
    struct sigaction_a64 k = *ka;
    if (k.handler != SIG_DFL_A64 && (k.flags & SA_RESETHAND_A64)) {
        ka->handler = SIG_DFL_A64;
        ka->flags &= ~SA_SIGINFO_A64;
        sig_host_apply(sig);
    }
    sig_actions_unlock();
    if (k.handler == SIG_DFL_A64) {
        if (sig_trace_hook)
            sig_trace_hook(&info);
        sig_default_action(c, sig, &info);
        return;
    }
    sig_handle(c, sig, &info, &k);
    sig_host_mask_sync(c);
}

/* ESR_EL1 of an EL0 data or instruction abort as the kernel reports it:
 * EC, IL, WnR and a level-3 fault status (translation, permission or
 * alignment) */
static uint64_t sig_fault_esr(const struct cpu *c, bool fetch)
{
    uint64_t ec = fetch ? 0x20 : 0x24;
    uint64_t fsc;
    if (c->fault_sig == SIGBUS && c->fault_code == BUS_ADRALN)
        fsc = 0x21;
    else if (c->fault_code == SEGV_ACCERR)
        fsc = 0x0f;
    else
        fsc = 0x07;
    return ec << 26 | 1u << 25 | (c->fault_write && !fetch ? 1u << 6 : 0) | fsc;
}

void sig_fault(struct cpu *c)
{
    bool fetch = c->cur == NULL;
    uint64_t pc = fetch ? c->pc : c->cur->pc;
    int sig = c->fault_sig ? c->fault_sig : SIGSEGV;
    c->pc = pc;
    if (fetch && sig == SIGBUS && c->fault_code == BUS_ADRALN) {
        /* a misaligned pc: PC alignment fault, reported without a fault
         * address in the frame (arm64_notify_die) */
        c->sig.fault_address = 0;
        c->sig.fault_esr = 0x22ull << 26 | 1u << 25;
    } else {
        c->sig.fault_address = c->fault_addr;
        c->sig.fault_esr = sig_fault_esr(c, fetch);
    }
    /* with elevated credentials the guest's addresses are not the
     * caller's to see (opt.secure): it dies as a native program would, silently */
    if (sig_sync_is_fatal(c, sig) && !opt.secure)
        log_error("guest %s at address 0x%llx (pc 0x%llx)", sig == SIGBUS ? "SIGBUS" : "SIGSEGV",
                  (unsigned long long)c->fault_addr, (unsigned long long)pc);
    else if (log_on(DBG_signal))
        log_printf("signal: guest %s at 0x%llx (pc 0x%llx)\n", sig == SIGBUS ? "SIGBUS" : "SIGSEGV",
                   (unsigned long long)c->fault_addr, (unsigned long long)pc);
    sig_raise_sync(c, sig, c->fault_code, c->fault_addr);
}

uint64_t sig_return(struct cpu *c)
{
    c->sig.restart.kind = TASK_RESTART_NONE;
    c->sig.no_restart = 1;
    uint64_t sp = c->x[REG_SP];
    if (!frame_restore(c)) {
        /* arm64_notify_segfault(sp): ACCERR unless nothing is mapped at or
         * above sp */
        int code = mem_untag(sp) < guest_size ? SEGV_ACCERR : SEGV_MAPERR;
        c->sig.fault_address = 0;
        c->sig.fault_esr = 0;
        sig_raise_sync(c, SIGSEGV, code, sp);
        return c->x[0];
    }
    sig_host_mask_sync(c);
    if (c->sig.taken || (c->sig.held & ~c->sig.blocked))
        c->exit_request = 1;
    return c->x[0];
}

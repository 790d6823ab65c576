/* Process-wide guest signal state: the dispositions (shared by every guest
 * thread, as CLONE_SIGHAND threads share them on the kernel). Per-thread
 * state is c->sig (core/task.h). A vfork child shares pvm's memory with its
 * suspended parent, so the parent saves and restores this structure around
 * the child (syscalls/proc_clone.c). Any thread may change a disposition
 * while another delivers that signal, so sigproc is read and written only
 * under sig_actions_lock (the kernel's siglock), a leaf lock held around a
 * disposition change and the host's rt_sigaction that follows it, never in
 * a signal handler (the host handler does not read dispositions). */
#ifndef PVM_SIGNALS_SIGSTATE_H
#define PVM_SIGNALS_SIGSTATE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/process.h"
#include "signals/abi_signal.h"

struct sig_process {
    struct sigaction_a64 actions[NSIG_A64 + 1];
    uint64_t known; /* dispositions already read from the host (inherited SIG_IGN) */
};

extern struct sig_process sigproc;

static inline bool sig_valid(uint64_t sig) { return sig >= 1 && sig <= NSIG_A64; }

/* default actions (signal(7)) */
static inline bool sig_default_ignores(int sig)
{
    return sig == SIGCHLD || sig == SIGCONT || sig == SIGURG || sig == SIGWINCH;
}
static inline bool sig_default_stops(int sig)
{
    return sig == SIGSTOP || sig == SIGTSTP || sig == SIGTTIN || sig == SIGTTOU;
}
static inline bool sig_default_cores(int sig)
{
    return sig == SIGQUIT || sig == SIGILL || sig == SIGTRAP || sig == SIGABRT || sig == SIGBUS ||
           sig == SIGFPE || sig == SIGSEGV || sig == SIGSYS || sig == SIGXCPU || sig == SIGXFSZ;
}
/* pvm keeps its own host handler for these whatever the guest's handler:
 * SIGSEGV/SIGBUS are also its fault signals; the other core-dumping signals
 * so that a default action writes a core of the guest, never of pvm */
static inline bool sig_host_always_caught(int sig) { return sig_default_cores(sig); }

void sig_actions_lock(void);
void sig_actions_unlock(void);
/* the lock around a fork (core/process.h) */
void sig_atfork(enum fork_phase ph);

/* the guest's disposition of sig, with an inherited SIG_IGN read once;
 * the caller holds sig_actions_lock */
struct sigaction_a64 *sig_action(int sig);
/* a copy of it, taken under the lock */
struct sigaction_a64 sig_action_get(int sig);

/* Takes a SIGSEGV/SIGBUS that pvm holds for the thread (c->sig.held) and
 * that is in set, SIGSEGV first, into info: its number, or 0. */
static inline int sig_take_held(struct cpu *c, uint64_t set, siginfo_t *info)
{
    uint64_t h = c->sig.held & set;
    if (!h)
        return 0;
    int sig = h & sig_bit_a64(SIGSEGV) ? SIGSEGV : SIGBUS;
    *info = c->sig.held_info[sig == SIGBUS];
    c->sig.held &= ~sig_bit_a64(sig);
    return sig;
}

#endif

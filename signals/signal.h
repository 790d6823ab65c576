/* The signals floor: process-wide guest dispositions, per-thread state
 * (core/task.h, in struct cpu), host handlers that take signals for the
 * guest, and the delivery of guest signals (frames, rt_sigreturn, default
 * actions). It sits above core/ and interp/ and below syscalls/ and
 * engine/: it never calls up. */
#ifndef PVM_SIGNALS_SIGNAL_H
#define PVM_SIGNALS_SIGNAL_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/cpu.h"
#include "signals/abi_signal.h"

/* the host thread now runs guest thread c (its host handlers find it) */
void sig_thread_attach(struct cpu *c);
struct cpu *sig_thread_cpu(void);

/* Once per process, before the first guest instruction: pvm's host
 * handlers for the always-caught signals, the inherited mask as the guest's,
 * and c attached to the calling host thread. */
void sig_init(struct cpu *c);
/* A new host thread that will run guest thread c: its own alternate stack
 * for pvm's handlers, and c attached (sig_init does it for the first). */
void sig_thread_host_init(struct cpu *c);
/* Sets the host disposition of sig after the guest's changed (host.c);
 * the caller holds sig_actions_lock (sigstate.h). */
void sig_host_apply(int sig);
/* reads an inherited host disposition (SIG_IGN) before pvm replaces it */
void sig_host_apply_inherited(int sig);
/* The host mask for c: the guest's blocked set (SIGSEGV/SIGBUS never
 * blocked), or nearly everything while a taken signal waits for delivery. */
uint64_t sig_host_mask_of(const struct cpu *c);
void sig_host_mask_sync(const struct cpu *c);

/* Delivery (deliver.c), called by the engine between guest instructions:
 * at a block boundary when c->exit_request was set, and after every system
 * call (which also applies the kernel's restart rules to an interrupted
 * call: x0 holding -ERESTART*_K). */
void sig_deliver(struct cpu *c);
void sig_after_syscall(struct cpu *c);
/* A synchronous exception of the instruction at pc (the guest state is the
 * state before it): SIGSEGV/SIGBUS from c->fault_*, SIGILL, SIGTRAP. The
 * signal is forced as the kernel forces it: blocked or ignored, it kills. */
void sig_fault(struct cpu *c);
void sig_raise_sync(struct cpu *c, int sig, int code, uint64_t addr);
/* whether a synchronous sig would kill (no handler will run) */
bool sig_sync_is_fatal(const struct cpu *c, int sig);
/* rt_sigreturn: restores the frame at sp; returns the restored x0. A bad
 * frame forces a SIGSEGV (frame.c). */
uint64_t sig_return(struct cpu *c);
/* Ends pvm by sig as the kernel ends a process with that default action: no
 * core of pvm, the native wait status for the parent. */
_Noreturn void sig_die_host(int sig);
/* run before pvm dies by a signal or exits (the engine's statistics) */
extern void (*sig_exit_hook)(void);
/* under --strace: a delivery, a death by a signal (set by syscalls/) */
extern void (*sig_trace_hook)(const siginfo_t *si);
extern void (*sig_killed_hook)(int sig, bool core);

/* A call that waits with a temporary guest mask (rt_sigsuspend, ppoll,
 * pselect6, epoll_pwait/epoll_pwait2 with a mask): begin sets the guest's
 * blocked set to m (SIGKILL/SIGSTOP removed) and remembers the old one; the
 * host call gets xlat_sigset_to_host(m) as its own mask argument, so the
 * host kernel installs it atomically. end after the call: the old mask comes
 * back at once, unless a signal was taken meanwhile; then delivery restores
 * it after the handler's frame has recorded it (the kernel's saved_sigmask),
 * so the handler runs with m | its sa_mask. */
void sig_temp_mask_begin(struct cpu *c, uint64_t m);
void sig_temp_mask_end(struct cpu *c);

/* exec: the host keeps ignored dispositions and the mask across execve, but
 * pvm's fault signals are never ignored or blocked on the host; their guest
 * state goes to the next pvm in the variable SIG_EXEC_ENV ("ign:blocked" in
 * hex), which that pvm takes out of the guest's environment. */
#define SIG_EXEC_ENV "PVM_SIGFAULTS"
bool sig_exec_env(const struct cpu *c, char *buf, size_t cap);
void sig_exec_take_env(struct cpu *c, char **envp);

/* The guest's signal sets as /proc/<pid>/status shows them (bit n-1 =
 * signal n): SigPnd (this thread), ShdPnd (the process), SigBlk, SigIgn,
 * SigCgt. */
uint64_t sig_view_pending_thread(const struct cpu *c);
uint64_t sig_view_pending_shared(void);
uint64_t sig_view_blocked(const struct cpu *c);
uint64_t sig_view_ignored(void);
uint64_t sig_view_caught(void);

#endif

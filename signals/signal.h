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

/* The guest's signal sets as /proc/<pid>/status shows them (bit n-1 =
 * signal n): SigPnd (this thread), ShdPnd (the process), SigBlk, SigIgn,
 * SigCgt. */
uint64_t sig_view_pending_thread(const struct cpu *c);
uint64_t sig_view_pending_shared(void);
uint64_t sig_view_blocked(const struct cpu *c);
uint64_t sig_view_ignored(void);
uint64_t sig_view_caught(void);

#endif

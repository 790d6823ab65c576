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

/* The guest's signal sets as /proc/<pid>/status shows them (bit n-1 =
 * signal n): SigPnd (this thread), ShdPnd (the process), SigBlk, SigIgn,
 * SigCgt. */
uint64_t sig_view_pending_thread(const struct cpu *c);
uint64_t sig_view_pending_shared(void);
uint64_t sig_view_blocked(const struct cpu *c);
uint64_t sig_view_ignored(void);
uint64_t sig_view_caught(void);

#endif

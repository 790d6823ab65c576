/* The AArch64 rt_sigframe: built on the guest stack for a handler and taken
 * back by rt_sigreturn (frame.c). */
#ifndef PVM_SIGNALS_FRAME_H
#define PVM_SIGNALS_FRAME_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/cpu.h"
#include "signals/abi_signal.h"

/* Writes the frame for sig and points the guest at the handler; false when
 * the frame cannot be written (the caller forces a SIGSEGV). oldmask is the
 * mask the frame records and rt_sigreturn restores. */
bool frame_setup(struct cpu *c, int sig, const siginfo_t *info, const struct sigaction_a64 *ka,
                 uint64_t oldmask);
/* rt_sigreturn's work on the frame at sp; false for a bad frame. */
bool frame_restore(struct cpu *c);
/* SS_ONSTACK, SS_DISABLE or 0 for sp against the thread's alternate stack */
int frame_ss_flags(const struct cpu *c, uint64_t sp);

#endif

/* Host fault handling: SIGSEGV/SIGBUS raised while a guest thread runs and
 * whose address lies in the guest region become guest faults, unwound to the
 * engine through the same path as a failed bounds check (mem_fault). Any
 * other host fault is a pvm bug: one line, then death by that signal. */
#ifndef PVM_SIGNALS_FAULT_H
#define PVM_SIGNALS_FAULT_H

#include "core/cpu.h"

/* Installs the host handlers (with an alternate stack); once per process. */
void fault_init(void);
/* Marks the calling host thread as running guest cpu c. */
void fault_enter_guest(struct cpu *c);

#endif

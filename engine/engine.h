/* The run loop (the "emulation manager"): looks a block up, runs it, and
 * handles what it returns: system calls, faults, unimplemented encodings,
 * code invalidation and exit requests. It stands above the executors. */
#ifndef PVM_ENGINE_ENGINE_H
#define PVM_ENGINE_ENGINE_H

#include "core/cpu.h"

_Noreturn void engine_run(struct cpu *c);
/* Ends pvm the way the guest signal sig would end a native process: no core
 * file from pvm, the same wait status for the parent. */
_Noreturn void engine_die_by_signal(int sig);
/* Ends pvm with the guest's exit status (flushing pvm's own streams). */
_Noreturn void engine_exit(int status);

#endif

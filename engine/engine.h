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

/* Guest threads (engine/thread.c): clone of a thread (the tid or -errno),
 * the end of one thread (the last one ends the process with status), and
 * exit_group (robust lists of every thread walked first). */
int64_t engine_thread_create(struct cpu *c, const uint64_t a[6]);
_Noreturn void engine_thread_exit(struct cpu *c, int status);
_Noreturn void engine_exit_group(int status);
/* every live thread's robust list (exit_group, a fatal signal) */
void engine_walk_robust_lists(void);

#endif

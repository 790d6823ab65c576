/* Execution statistics for `-d exec` and `-d profile` (docs/design.md
 * "Execution statistics"): each pvm process writes at its end (exit,
 * exit_group, a fatal signal, and before an execve replaces its image) one
 * `exec-profile:` line to the debug log with its times (wall, start-up,
 * decoding, system calls, the rest), CPU times, counts and the histogram of
 * block execution counts; -d exec adds the per-form counts (`exec-stats:`
 * lines). Everything is counted per guest thread (c->prof, core/task.h) and
 * merged when the line is written; when neither area is on, the run loop
 * pays one flag test per block and per system call. */
#ifndef PVM_ENGINE_STATS_H
#define PVM_ENGINE_STATS_H

#include <stdint.h>

#include "core/cpu.h"
#include "core/log.h"
#include "interp/block.h"

/* main(), once the debug areas are known: t_main is CLOCK_MONOTONIC (ns)
 * at main's entry, the process's start as far as pvm can see it */
void stats_process_start(uint64_t t_main);
/* just before the first guest instruction of the process (main thread) */
void stats_first_insn(struct cpu *c);
/* a new guest thread (its cpu copied from its creator's), before its first block */
void stats_thread_start(struct cpu *c);
/* a vfork child's cpu, a copy of its parent's, before its first block */
void stats_vfork_start(struct cpu *c);
/* a thread that ends while others live on: its counts join the process's */
void stats_thread_exit(struct cpu *c);

void stats_count_ops(struct cpu *c, const struct block *b, const struct insn *last);
/* after interp_run stopped at last (c->cur) in b: the instructions from the
 * first through last completed (inline: a few ns a block when on) */
static inline void stats_count_block(struct cpu *c, struct block *b, const struct insn *last)
{
    uint64_t n = (uint64_t)(last - b->insns) + 1 - (last->op == OP_END_BLOCK);
    task_prof_add(&c->prof.insns, n);
    task_prof_add(&c->prof.execs, 1);
    block_prof_count(b);
    if (log_on(DBG_exec))
        stats_count_ops(c, b, last);
}
/* syscall_dispatch(c), timed and counted; notices a fork child */
void stats_syscall(struct cpu *c);

/* Writes the process's exec-profile line (end: "exit", "exit_group",
 * "signal", "execve") and, under -d exec, the exec-stats lines; once per
 * process image: a later call writes nothing, except after "execve", which
 * starts the count afresh (an execve that fails after this). */
void stats_dump(const char *end);
/* the form proc_exec_hook takes */
void stats_dump_exec(void);

#endif

/* Execution statistics for `-d exec` and `-d profile` (docs/design.md
 * "Execution statistics"): each pvm process writes at its end (exit,
 * exit_group, a fatal signal, and before an execve replaces its image) one
 * `exec-profile:` line to the debug log with its times (wall, start-up,
 * decoding, system calls, the rest), CPU times, counts, the histogram of
 * block execution counts and how instructions and time divide between the
 * tiers (interpreted, translated) and what the translator did; -d exec
 * adds the per-form counts (`exec-stats:` lines). Under -d jit the same
 * ends write a `jit-summary:` line. Everything is counted per guest thread
 * (c->prof, core/task.h) and merged when the line is written; when neither
 * area is on, the run loop pays one flag test per block and per system
 * call. */
#ifndef PVM_ENGINE_STATS_H
#define PVM_ENGINE_STATS_H

#include <stdbool.h>
#include <stdint.h>
#include <x86intrin.h>

#include "core/cpu.h"
#include "core/log.h"
#include "interp/block.h"
#include "translator/jit.h"

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

/* The tier times, sampled: reading the TSC costs tens of ns where pvm
 * runs in a virtual machine, as much as a short translated block, so a
 * run-loop iteration is timed with probability 1/STATS_TIER_SAMPLE (the
 * TSC read at the end of the previous block run, or after a system call,
 * and at the end of this one), chosen by a per-thread xorshift so loops
 * cannot fall in step with it; the ticks go to the tier of this run. The
 * line divides the measured run time (interp_us) between the tiers in
 * proportion to their ticks, less what reading the TSC itself adds to each
 * sample (measured at the start); the samples' other costs (a mispredicted
 * branch or two) make the cheaper tier's share a little high. An iteration
 * that decoded or translated a block is not counted (decode_us and
 * translate_us have that time). */
#define STATS_TIER_SAMPLE 32u
static inline void stats_tier_time(struct cpu *c, bool jit)
{
    struct task_prof *p = &c->prof;
    if (p->tier_mark) {
        uint64_t now = __rdtsc();
        if (p->decode_ns == p->mark_decode_ns && p->translate_ns == p->mark_translate_ns) {
            task_prof_add(jit ? &p->jit_ticks : &p->interp_ticks, now - p->tier_mark);
            task_prof_add(jit ? &p->jit_samples : &p->interp_samples, 1);
        }
        p->tier_mark = 0;
    }
    uint64_t x = p->tier_rng ? p->tier_rng : 0x9e3779b97f4a7c15ull ^ (uint64_t)(uintptr_t)c;
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    p->tier_rng = x;
    if (!(x & (STATS_TIER_SAMPLE - 1))) {
        p->mark_decode_ns = p->decode_ns;
        p->mark_translate_ns = p->translate_ns;
        p->tier_mark = __rdtsc();
    }
}

/* after a run of b (interpreted, or its translation) stopped at last: the
 * instructions from the first through last completed (inline: a few ns a
 * block when on). The tier is the translation's when b has one now: the
 * engine runs a block's translation whenever it has one, and a translation
 * another thread publishes during an interpreted run is rare enough. */
static inline void stats_count_block(struct cpu *c, struct block *b, const struct insn *last)
{
    uint64_t n = (uint64_t)(last - b->insns) + 1 - (last->op == OP_END_BLOCK);
    bool jit = jit_of(b) != NULL;
    task_prof_add(&c->prof.insns, n);
    task_prof_add(&c->prof.execs, 1);
    if (jit) {
        task_prof_add(&c->prof.jit_insns, n);
        task_prof_add(&c->prof.jit_execs, 1);
    }
    stats_tier_time(c, jit);
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

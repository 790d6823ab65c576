/* The translator: hot predecoded blocks become x86-64 code in a code cache
 * shared by every guest thread (docs/design.md "The translator").
 *
 * Tiering is the engine's: it runs a block in the interpreter until the
 * block's run count reaches opt.jit_threshold, then asks jit_translate for
 * host code and from then on enters that code with jit_run. The interpreter
 * never knows the translator exists; whatever the translator does not emit
 * itself it calls the interpreter's routine for (exec_table), so every
 * instruction has one meaning.
 *
 * Invariants:
 * - A translation (struct jit_tb) belongs to one block (b->xcode) and lives
 *   exactly as long as it: it is retired with the block (its incoming chained
 *   jumps unpatched, so no thread enters it again) and freed with it, after
 *   every thread has passed a quiescent point (the block cache's epochs).
 * - Guest state in struct cpu is exact at every helper call and exit, and
 *   recoverable at a host fault: translated code holds guest registers in
 *   host registers only inside a block (translator/regs.c), writes a register
 *   only after the accesses of its instruction succeeded, and a host fault
 *   inside translated code finds its guest instruction and where its dirty
 *   registers are in the translation's recovery table (jit_recover).
 * - Translated code returns to the engine at least at every chained entry
 *   where c->exit_request is set, so signals and exit stay prompt in loops. */
#ifndef PVM_TRANSLATOR_JIT_H
#define PVM_TRANSLATOR_JIT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/cpu.h"
#include "interp/block.h"
#include "interp/insn.h"

struct jit_tb;
struct jit_exit;

/* what a run of translated code ended with: the result (as interp_run's)
 * and, for a direct exit that is not linked yet, that exit (else NULL) */
struct jit_ret {
    uint64_t r;
    struct jit_exit *exit;
};

/* the process's translator: sets up the code cache (after the guest region
 * is reserved); false when translation is off or the cache cannot be made
 * (then every block runs in the interpreter) */
bool jit_init(void);
extern bool jit_enabled;

static inline struct jit_tb *jit_of(const struct block *b)
{
    return __atomic_load_n((struct jit_tb *const *)&b->xcode, __ATOMIC_ACQUIRE);
}

/* Translates b (the caller holds b: no quiescent point since block_get) and
 * publishes the translation in b->xcode; NULL when b cannot be translated
 * now (cache full and flushing, b retired meanwhile). */
struct jit_tb *jit_translate(struct cpu *c, struct block *b);

/* Runs t (b's translation) from its entry; c->pc == b->pc. */
struct jit_ret jit_run(struct cpu *c, struct jit_tb *t);

/* the engine enters t: remembered for indirect branches (jump cache) */
void jit_note_entry(struct jit_tb *t);

/* Patches exit e (of a translation the caller still holds) to jump straight
 * to the translation of the block at its target, when both are live. */
void jit_link(struct jit_exit *e, struct jit_tb *to);

/* Signal-handler safe: when host pc lies in translated code, sets c->cur to
 * the guest instruction it belongs to, puts the guest registers the code
 * held in host registers back into c->x from host (the fault's general
 * registers in x86 numbering: rax rcx rdx rbx rsp rbp rsi rdi r8..r15,
 * then RFLAGS; NULL where the caller knows none are held) and returns
 * true. */
bool jit_recover(struct cpu *c, uintptr_t host_pc, const uint64_t host[17]);

/* fork: the translator's lock, taken around the host clone */
void jit_before_fork(void);
void jit_after_fork_parent(void);
void jit_after_fork_child(void);

/* moves a descriptor the translator keeps (--perfmap's file) among pvm's
 * hidden ones, returning it (syscalls/fdtab.h's fdtab_hide; set by the
 * engine, NULL: kept where it is) */
extern int (*jit_debug_hide_fd)(int fd);

/* translations made, linked exits, flushes (-d exec / -d profile) */
struct jit_stats {
    uint64_t translated, translate_ns, bytes, linked, flushes, failed;
};
void jit_stats_get(struct jit_stats *s);

#endif

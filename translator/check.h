/* --check-jit, the lockstep checker (translator/check.c): what the engine
 * calls. Every run of a translation goes through jit_check_run, which runs
 * it and, where the block can be run twice, the interpreter on the entry
 * state too, and ends pvm with JIT_CHECK_STATUS at the first difference
 * (docs/design.md "The translator", "Lockstep checking"). */
#ifndef PVM_TRANSLATOR_CHECK_H
#define PVM_TRANSLATOR_CHECK_H

#include "core/cpu.h"
#include "translator/jit.h"

/* pvm's exit status when a translation and the interpreter disagree
 * (EX_SOFTWARE: an internal software error) */
#define JIT_CHECK_STATUS 70

/* Once per process, after jit_init and before any translation: turns the
 * checker on when --check-jit asks for it and the translator is on. */
void jit_check_init(void);
/* the checker is on (translated code then calls jit_check_store) */
bool jit_check_on(void);

/* Runs t (c->pc == t's block's pc) as jit_run does and checks that run
 * against the interpreter. The result never carries an exit: nothing is
 * chained while checking, so every block comes back to the engine. */
struct jit_ret jit_check_run(struct cpu *c, struct jit_tb *t);

/* the checked and unchecked runs, to the debug stream (-d jit at exit) */
void jit_check_print_counts(void);
/* the same as numbers (tests) */
void jit_check_counts(uint64_t *checked, uint64_t *unchecked);

#endif

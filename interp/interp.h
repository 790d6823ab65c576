/* The threaded interpreter: runs one predecoded block. */
#ifndef PVM_INTERP_INTERP_H
#define PVM_INTERP_INTERP_H

#include "interp/block.h"

/* Executes b from its first instruction until one returns something other
 * than X_NEXT; returns that result with c->pc set as the result requires. */
enum xres interp_run(struct cpu *c, const struct block *b);
/* Sets every insn's threaded-code label (done once when a block is built). */
void interp_thread_block(struct block *b);

#endif

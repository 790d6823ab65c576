/* Predecoded blocks and the block cache.
 * A block is a run of decoded instructions starting at a guest pc and ending
 * at the first block-ending instruction, the end of the guest page, or
 * BLOCK_MAX instructions; a terminal OP_END_BLOCK falls through. Blocks never
 * cross a guest page, so invalidating a page range finds every block that
 * came from it.
 * The cache is shared by all guest threads: lookups are lock-free (acquire
 * loads of chain pointers), inserts and invalidation take a mutex, and an
 * invalidated block goes on a retire list that is freed only at a quiescent
 * point (block_cache_quiesce), when no thread can be running it. */
#ifndef PVM_INTERP_BLOCK_H
#define PVM_INTERP_BLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "core/cpu.h"
#include "interp/insn.h"

#define BLOCK_MAX 256

struct block {
    uint64_t pc;          /* guest pc of the first instruction */
    uint64_t end;         /* guest pc just after the last real instruction */
    struct block *next;   /* hash chain */
    struct block *retired_next;
    uint32_t n;           /* instructions including the terminal pseudo-op */
    uint32_t count;       /* executions (hotness for the translator) */
    void *xcode;          /* translated host code, when promoted */
    struct insn insns[];
};

/* Returns the block for pc, decoding it on a miss. A fetch fault unwinds
 * through mem_fault with c->cur == NULL and the fault at the fetch address. */
struct block *block_get(struct cpu *c, uint64_t pc);
/* Drops every block decoded from [ga, ga+len); returns true if any existed. */
bool block_invalidate(uint64_t ga, uint64_t len);
/* Frees retired blocks; call only when no thread is inside a block. */
void block_cache_quiesce(void);
/* Re-initialises the cache lock in a fork child. */
void block_cache_after_fork(void);

#endif

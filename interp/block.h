/* Predecoded blocks and the block cache, shared by every guest thread.
 * A block is a run of decoded instructions starting at a guest pc and ending
 * at the first block-ending instruction, the end of the guest page, or
 * BLOCK_MAX instructions; a terminal OP_END_BLOCK falls through. Blocks never
 * cross a guest page, so a page's blocks are exactly those its index lists.
 *
 * Invariants (docs/design.md "Block cache and invalidation"):
 * - Lookups take no lock (acquire loads of the pc hash's chains). Inserts,
 *   unlinks and the per-page index change only under the cache lock; a block
 *   is in the pc hash exactly when it is in its page's list.
 * - A pc has at most one block in the hash: an insert looks again under the
 *   lock and the thread that lost the race frees its copy.
 * - No block decoded before an invalidation of its page is inserted after it
 *   (per-page invalidation counters, checked under the lock), so no stale
 *   block outlives an invalidation.
 * - An invalidated block is retired with the epoch of its retirement and freed
 *   only after every registered thread has been quiescent since: a thread may
 *   finish a block that was retired under it, but never enters one again.
 *   A pointer from block_get is valid until its thread's next quiescent point.
 *
 * What the engine calls (each guest thread is a host thread running blocks):
 *   thread start, before its first block (main, a new thread's start
 *   routine; not engine_run, which a vfork child also runs):
 *                                              block_thread_register(c)
 *   every block boundary, holding no block or insn pointer (c->cur included):
 *                                              block_cache_quiesce()
 *   each block it runs:                        block_count_exec(b)
 *   around each system call:                   block_cache_idle_begin();
 *                                              syscall_dispatch(c);
 *                                              block_cache_idle_end();
 *   thread end, after its last block:          block_thread_unregister(c)
 *   fork: before the host clone                block_cache_before_fork()
 *         in the parent after it               block_cache_after_fork_parent()
 *         in the child after it                block_cache_after_fork()
 * While idle (between idle_begin and idle_end) the thread must not touch a
 * block or c->cur: another thread may free them. A vfork child shares its
 * parent's host thread state (TLS) and, through the copied struct cpu, its
 * record; registering it again only counts a second user of that record. An
 * unregistered thread is not waited for, so it may run blocks only while it
 * is the process's only thread (unit tests; the engine before threads). */
#ifndef PVM_INTERP_BLOCK_H
#define PVM_INTERP_BLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include "core/cpu.h"
#include "interp/insn.h"

#define BLOCK_MAX 256
/* b->count stops here: a block this hot is hot for any translation threshold,
 * and a saturated counter is no longer written, so the block's cache line
 * stops moving between the cores that run it */
#define BLOCK_COUNT_MAX (1u << 20)

struct block {
    uint64_t pc;          /* guest pc of the first instruction */
    struct block *next;   /* pc hash chain (acquire loads; kept as it was when retired) */
    uint64_t end;         /* guest pc just after the last real instruction */
    struct block *page_next;    /* its page's list (cache lock) */
    struct block *retired_next; /* the retire list (epoch lock) */
    uint64_t retire_epoch;      /* block_epoch when it was retired */
    uint32_t n;           /* instructions including the terminal pseudo-op */
    uint32_t count;       /* executions, saturating at BLOCK_COUNT_MAX (block_count_exec) */
    uint32_t prof_gen;    /* DBG_STATS: block_prof_gen when this process first ran it */
    uint32_t prof_count;  /* DBG_STATS: its runs in this process since (saturating) */
    uint32_t retired;     /* set (relaxed) when it is retired, before block_retire_hook */
    void *xcode;          /* its translation (translator/jit.h), published with release */
    struct insn insns[];
};

/* Returns the block for pc, decoding it on a miss. A fetch fault unwinds
 * through mem_fault with c->cur == NULL and the fault at the fetch address. */
struct block *block_get(struct cpu *c, uint64_t pc);
/* The block for pc if the cache has one; never decodes. */
struct block *block_find(uint64_t pc);
/* The translator's hooks (NULL without one): retire_hook sees every list of
 * blocks being retired (already unlinked from the pc hash, each marked
 * retired, before the epoch bump that lets threads forget them); free_hook
 * sees each block with a translation just before it is freed. Neither may
 * take the cache lock. */
extern void (*block_retire_hook)(struct block *list);
extern void (*block_free_hook)(struct block *b);
/* Retires every block decoded from [ga, ga+len) and clears the pages' code
 * marks; returns true if there was any. Touches only the blocks of the pages
 * in the range (or, for a range of more pages than hold code, every code
 * page once). Safe in any thread, inside a block (IC IVAU) or not. */
bool block_invalidate(uint64_t ga, uint64_t len);

/* Counts one execution of b: a relaxed load and store, no locked
 * instruction. Concurrent counts of one block may lose increments, which a
 * hotness counter can afford; it is never a data race. */
static inline void block_count_exec(struct block *b)
{
    uint32_t n = __atomic_load_n(&b->count, __ATOMIC_RELAXED);
    if (__builtin_expect(n < BLOCK_COUNT_MAX, 1))
        __atomic_store_n(&b->count, n + 1, __ATOMIC_RELAXED);
}
static inline uint32_t block_count_read(const struct block *b)
{
    return __atomic_load_n(&b->count, __ATOMIC_RELAXED);
}

/* ---- execution-count histogram (-d exec / -d profile, engine/stats.h) ---- */

/* The process's own runs of each block, apart from b->count (the hotness a
 * translator reads, which a fork child inherits): a fork child takes a new
 * generation, and a block's prof_count starts afresh the first time the
 * child runs it, so the child writes only to the blocks it runs (the ones
 * block_count_exec dirties anyway: no copy of the rest of the cache). */
extern uint32_t block_prof_gen;
static inline void block_prof_count(struct block *b)
{
    uint32_t g = __atomic_load_n(&block_prof_gen, __ATOMIC_RELAXED);
    uint32_t n = 0;
    if (__atomic_load_n(&b->prof_gen, __ATOMIC_RELAXED) == g)
        n = __atomic_load_n(&b->prof_count, __ATOMIC_RELAXED);
    else
        __atomic_store_n(&b->prof_gen, g, __ATOMIC_RELAXED);
    if (__builtin_expect(n < BLOCK_COUNT_MAX, 1))
        __atomic_store_n(&b->prof_count, n + 1, __ATOMIC_RELAXED);
}

/* classes of blocks by executions: 1, 2-9, 10-99, 100-999, 1000+ */
#define BLOCK_HIST_CLASSES 5
struct block_hist {
    uint64_t blocks[BLOCK_HIST_CLASSES]; /* distinct blocks that ran that many times */
    uint64_t insns[BLOCK_HIST_CLASSES];  /* count x instructions, summed (the last class
                                            saturates: the engine derives it from its total) */
};
static inline unsigned block_hist_class(uint32_t count)
{
    return count < 2 ? 0 : count < 10 ? 1 : count < 100 ? 2 : count < 1000 ? 3 : 4;
}
/* Adds every block this process ran (block_prof_count) to h: those in the
 * cache now and those retired since the start (or the last reset). */
void block_cache_histogram(struct block_hist *h);
/* A fork child's fresh start: a new generation (no block is this process's
 * yet) and the retired tally cleared; touches no block. */
void block_cache_profile_reset(void);

/* ---- threads and the epoch scheme (interp/block.c) ---- */

#define BLOCK_EPOCH_IDLE UINT64_MAX

/* One per host thread that runs blocks, reachable from its cpu (c->bthread)
 * and its TLS (block_self). */
struct block_thread {
    uint64_t seen;   /* block_epoch at its last quiescent point, or BLOCK_EPOCH_IDLE */
    unsigned users;  /* the thread and any vfork child running on its host state */
    struct block_thread *reg_next, *reg_prev; /* the registry (epoch lock) */
};

/* The global epoch: bumped once per retiring batch, never BLOCK_EPOCH_IDLE. */
extern uint64_t block_epoch;
/* The calling host thread's record, NULL when unregistered. */
extern __thread struct block_thread *block_self;

/* Registers the calling thread as running c's blocks (c->bthread; whatever
 * a copied cpu held there is replaced), or counts one more user when the
 * host thread is registered already (a vfork child). */
void block_thread_register(struct cpu *c);
/* Undoes one registration by the calling thread; the last one drops the
 * record, so a thread that ends never holds back reclamation (an earlier
 * one leaves the record idle). Register where a guest thread starts (main,
 * the new thread's start routine), not in engine_run, which a vfork child
 * also runs. */
void block_thread_unregister(struct cpu *c);
/* The calling thread holds no block from idle_begin to idle_end, so a
 * system call, however long it blocks, holds nothing back. The two
 * alternate; a quiescent point also ends the idle state. */
void block_cache_idle_begin(void);
void block_cache_idle_end(void);

void block_cache_quiesce_slow(struct block_thread *t);
/* A quiescent point: the calling thread holds no block pointer. Costs two
 * loads and a compare unless a block was retired since the thread's last
 * one; then it announces the epoch and frees what no thread can still hold. */
static inline void block_cache_quiesce(void)
{
    struct block_thread *t = block_self;
    if (__builtin_expect(t && __atomic_load_n(&t->seen, __ATOMIC_RELAXED) ==
                                  __atomic_load_n(&block_epoch, __ATOMIC_ACQUIRE), 1))
        return;
    block_cache_quiesce_slow(t);
}

/* Fork: before_fork takes the cache's locks so that no other thread is half
 * way through a change when the host clone copies the process;
 * after_fork_parent releases them; after_fork (in the child, where only the
 * forking thread lives) drops every other thread's record and releases
 * the locks before_fork took (an unlock, not a fresh lock, so that
 * ThreadSanitizer sees them free): it needs before_fork first. */
void block_cache_before_fork(void);
void block_cache_after_fork_parent(void);
void block_cache_after_fork(void);

/* Blocks retired and not yet freed (tests and diagnostics). */
uint64_t block_cache_retired_pending(void);
/* Tests only (NULL otherwise): called in block_get between a decode and its
 * insertion, where an invalidation by another thread can land, so a test
 * can put one there. */
extern void (*block_decode_hook)(uint64_t pc);

#endif

/* The translations' lifetimes: publishing a translation in its block,
 * chaining (patching a direct exit to jump to another translation),
 * unchaining on retirement, freeing with the block, and the flush of a full
 * cache. Everything here runs under the jit lock; the lock order is block
 * cache (its retire path) -> jit lock, and nothing under the jit lock takes
 * a block-cache lock.
 *
 * Invariants:
 * - An exit is linked only while both ends are live (not retired); the
 *   retirement of a translation repoints every exit linked to it, and its
 *   own linked exits, back to their stubs before the block cache's epoch
 *   moves, so no thread that passes a quiescent point afterwards can reach
 *   it, and a thread still inside it leaves it at its next exit.
 * - A patch is one aligned 4-byte store into a jmp's rel32: a thread running
 *   the jmp at that moment takes the old or the new target, both valid.
 * - After a retirement every thread is asked back to the engine
 *   (exit_request), so retired code is freed within a block's time even
 *   when a thread loops in chained code.
 * - A full cache is flushed by retiring every block (block_invalidate of
 *   the whole address space); no translation is made until the last old
 *   one is freed, then the cache starts empty. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/threads.h"
#include "translator/internal.h"

bool jit_enabled;

static pthread_mutex_t jit_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t live;          /* translations not yet freed (jit lock) */
static bool flushing;          /* a flush waits for the old translations (jit lock;
                                  read relaxed by jit_flushing) */
static struct jit_stats stats; /* jit lock, except the relaxed counters */

uint8_t *jit_jcache[1u << JIT_JCACHE_BITS];

bool jit_chaining(void) { return !log_on(DBG_STATS) && !jit_checking && !(opt.jit_off & JIT_OFF_chain); }
bool jit_superblocks(void) { return !log_on(DBG_STATS) && !(opt.jit_off & JIT_OFF_superblock); }
bool jit_loops(void) { return jit_superblocks() && !(opt.jit_off & JIT_OFF_loop); }

/* Dekker-style against jit_retire (all four accesses seq_cst): the store
 * of the slot and the load of `retired` here, the store of `retired` and
 * the clearing of the slot there. Either this thread sees the retirement
 * and clears its own store, or the retirement's clearing comes after the
 * store: no retired translation stays in the table, where a thread could
 * find it after its free. */
void jit_note_entry(struct jit_tb *t)
{
    uint8_t **slot = &jit_jcache[jit_jcache_slot(t->pc)];
    if (__atomic_load_n(slot, __ATOMIC_RELAXED) == t->code)
        return;
    __atomic_store_n(slot, t->code, __ATOMIC_SEQ_CST);
    if (__atomic_load_n(&t->retired, __ATOMIC_SEQ_CST)) {
        uint8_t *want = t->code;
        __atomic_compare_exchange_n(slot, &want, NULL, false, __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
    }
}

static void patch(struct jit_exit *e, const uint8_t *to)
{
    uint8_t *field = e->from->code + e->jmp_at;
    int32_t rel = (int32_t)(to - (field + 4));
    __atomic_store_n((int32_t *)(void *)field, rel, __ATOMIC_RELEASE);
}

static void unlink_exit(struct jit_exit *e)
{
    if (!e->to)
        return;
    patch(e, e->from->code + e->stub_at);
    *e->in_pprev = e->in_next;
    if (e->in_next)
        e->in_next->in_pprev = e->in_pprev;
    e->to = NULL;
    e->in_next = NULL;
    e->in_pprev = NULL;
}

void jit_link(struct jit_exit *e, struct jit_tb *to)
{
    pthread_mutex_lock(&jit_lock);
    if (!e->to && !e->from->retired && !to->retired && e->target == to->b->pc) {
        e->to = to;
        e->in_next = to->incoming;
        if (to->incoming)
            to->incoming->in_pprev = &e->in_next;
        e->in_pprev = &to->incoming;
        to->incoming = e;
        patch(e, to->code + JIT_ENTRY);
        stats.linked++;
    }
    pthread_mutex_unlock(&jit_lock);
}

bool jit_flushing(void) { return __atomic_load_n(&flushing, __ATOMIC_RELAXED); }

bool jit_publish(struct block *b, struct jit_tb *tb, uint32_t code_bytes)
{
    bool flush = false, ok = false;
    pthread_mutex_lock(&jit_lock);
    if (flushing || jit_of(b))
        goto out;
    /* a block of the superblock retired meanwhile (its page invalidated:
     * the head is retired with it, but this says so sooner) */
    for (uint32_t m = 0; m < tb->nblk; m++)
        if (__atomic_load_n(&tb->blk[m]->retired, __ATOMIC_RELAXED))
            goto out;
    uint32_t size = code_bytes + (uint32_t)sizeof(struct jit_hdr);
    void *p = size <= JIT_TB_MAX ? jit_cache_alloc(&size) : NULL;
    if (!p) {
        if (size <= JIT_TB_MAX && live) {
            __atomic_store_n(&flushing, true, __ATOMIC_RELAXED);
            flush = true;
            stats.flushes++;
        }
        goto out;
    }
    ((struct jit_hdr *)p)->tb = tb;
    ((struct jit_hdr *)p)->pc = tb->pc;
    tb->code = (uint8_t *)p + sizeof(struct jit_hdr);
    tb->alloc_size = size;
    jit_install(tb);
    live++;
    stats.bytes += size;
    __atomic_store_n(&b->xcode, tb, __ATOMIC_RELEASE);
    ok = true;
out:
    pthread_mutex_unlock(&jit_lock);
    if (flush) {
        if (log_on(DBG_jit))
            log_printf("jit: code cache full (%llu bytes carved, %llu translations): flushed\n",
                       (unsigned long long)jit_cache_used(), (unsigned long long)live);
        /* outside the jit lock: the retire hook takes it */
        block_invalidate(0, UINT64_MAX);
    }
    return ok;
}

static void nudge(struct cpu *c, void *ctx)
{
    (void)ctx;
    c->exit_request = 1;
}

/* block_retire_hook: the list is already out of the pc hash */
static void jit_retire(struct block *list)
{
    bool any = false;
    pthread_mutex_lock(&jit_lock);
    for (struct block *b = list; b; b = b->retired_next) {
        struct jit_tb *tb = jit_of(b);
        if (!tb)
            continue;
        any = true;
        __atomic_store_n(&tb->retired, true, __ATOMIC_SEQ_CST);
        uint8_t *want = tb->code;
        __atomic_compare_exchange_n(&jit_jcache[jit_jcache_slot(tb->pc)], &want, NULL, false,
                                    __ATOMIC_SEQ_CST, __ATOMIC_RELAXED);
        while (tb->incoming)
            unlink_exit(tb->incoming);
        for (uint32_t k = 0; k < tb->nexit; k++)
            unlink_exit(&tb->exits[k]);
    }
    pthread_mutex_unlock(&jit_lock);
    /* every thread back to the engine at its next block entry: a quiescent
     * point there lets the retired code be freed even while a thread loops
     * in chained code that was not retired (the engine finds no signal and
     * goes on) */
    if (any)
        threads_foreach(nudge, NULL);
}

/* block_free_hook: no thread can be in b's translation any more */
static void jit_free(struct block *b)
{
    struct jit_tb *tb = jit_of(b);
    pthread_mutex_lock(&jit_lock);
    jit_cache_free(tb->code - sizeof(struct jit_hdr), tb->alloc_size);
    if (--live == 0 && flushing) {
        jit_cache_reset();
        __atomic_store_n(&flushing, false, __ATOMIC_RELAXED);
    }
    pthread_mutex_unlock(&jit_lock);
    arena_free(tb);
}

void jit_count_translation(uint64_t ns, bool ok)
{
    pthread_mutex_lock(&jit_lock);
    if (ok) {
        stats.translated++;
        stats.translate_ns += ns;
    } else {
        stats.failed++;
    }
    pthread_mutex_unlock(&jit_lock);
}

void jit_stats_get(struct jit_stats *s)
{
    pthread_mutex_lock(&jit_lock);
    *s = stats;
    pthread_mutex_unlock(&jit_lock);
}

static bool reach(uintptr_t a, uintptr_t b)
{
    int64_t d = (int64_t)(b - a);
    return d == (int32_t)d;
}

bool jit_init(void)
{
    if (!opt.jit)
        return false;
    /* before the cache's stubs, which load and store the pinned register */
    jit_pin = !(opt.jit_off & JIT_OFF_pin);
    if (!jit_cache_init(opt.code_cache))
        return false;
    jit_fuse_flags = !(opt.jit_off & JIT_OFF_flags);
    /* pvm's text (where exec_table's routines are) within rel32 reach of
     * every byte of the cache */
    uintptr_t text = (uintptr_t)&jit_init, lo = (uintptr_t)jit_stub_enter;
    uintptr_t hi = lo + opt.code_cache, far = 64u << 20;
    jit_near = reach(lo, text - far) && reach(lo, text + far) && reach(hi, text - far) &&
               reach(hi, text + far);
    block_retire_hook = jit_retire;
    block_free_hook = jit_free;
    jit_enabled = true;
    return true;
}

void jit_before_fork(void) { pthread_mutex_lock(&jit_lock); }
void jit_after_fork_parent(void) { pthread_mutex_unlock(&jit_lock); }
void jit_after_fork_child(void)
{
    stats = (struct jit_stats){0}; /* a fork child counts its own translations */
    pthread_mutex_unlock(&jit_lock);
}

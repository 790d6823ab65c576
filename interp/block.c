/* Block building and the shared block cache (see block.h for the invariants
 * and the calls the engine makes).
 * Three structures, two locks (cache_lock before epoch_lock):
 * - the pc hash: lock-free readers, writers under cache_lock;
 * - the per-page index (code_page records, cache_lock only): a page's blocks,
 *   so invalidating a page touches only them;
 * - the epoch scheme (epoch_lock): the registry of threads and the retire
 *   list, in retirement order, so reclaiming pops its head.
 * Memory order, in short: an unlink happens before the epoch bump that
 * retires the block (a release RMW); a thread that announces an epoch read
 * it with acquire, so it sees the unlinks of every block retired at or
 * before it; its announcement is a seq_cst store, so the reclaimer's
 * seq_cst load of it orders the thread's earlier reads of blocks before the
 * free. Leaving the idle state needs one more step, see announce(). */
#include "interp/block.h"

#include <pthread.h>
#include <stdlib.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/mem.h"
#include "interp/decode.h"
#include "interp/disas.h"
#include "interp/interp.h"

#define HASH_BITS 16
#define HASH_SIZE (1u << HASH_BITS)
#define PAGE_HASH_BITS 12
#define PAGE_HASH_SIZE (1u << PAGE_HASH_BITS)
/* invalidation counters, one per page stripe (page number mod STRIPES): a
 * decode checks that its stripe did not move before it inserts */
#define INVAL_STRIPES 64
/* a decode that keeps losing to invalidations runs uncached after this many */
#define INSERT_TRIES 4

/* the code of one guest page: its blocks (cache_lock) */
struct code_page {
    uint64_t pg;                /* guest page number */
    struct code_page *next;     /* page hash chain */
    struct code_page *all_next, *all_prev; /* every code page */
    struct block *blocks;       /* through block.page_next */
};

static struct block *table[HASH_SIZE];
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;
static struct code_page *page_table[PAGE_HASH_SIZE];
static struct code_page *page_all;
static uint64_t page_count;
static uint64_t inval_seq[INVAL_STRIPES];

uint64_t block_epoch = 1;
void (*block_decode_hook)(uint64_t pc);
void (*block_retire_hook)(struct block *list);
void (*block_free_hook)(struct block *b);
__thread struct block_thread *block_self;
static pthread_mutex_t epoch_lock = PTHREAD_MUTEX_INITIALIZER;
static struct block_thread *registry;
static struct block *retired_head, *retired_tail;
static uint64_t retired_pending;
uint32_t block_prof_gen = 1;
/* what retired blocks had run (DBG_STATS only; epoch_lock) */
static struct block_hist retired_hist;

/* A bucket per 16 bytes of code, the 1 MiB windows folded together by the
 * bits above: the table (512 KiB, in .bss) is touched where code runs, half
 * a byte of it per byte of code, not a random page per block (a static
 * hello took 123 of its 432 page faults in the table with a multiplicative
 * hash; each one costs microseconds on a virtual machine) */
static inline uint32_t hash_pc(uint64_t pc)
{
    return (uint32_t)(((pc >> 4) ^ (pc >> 20) ^ (pc >> 36)) & (HASH_SIZE - 1));
}

static inline uint32_t hash_page(uint64_t pg)
{
    return (uint32_t)((pg * 0x9E3779B97F4A7C15ull) >> (64 - PAGE_HASH_BITS));
}

static inline uint64_t *stripe(uint64_t pg) { return &inval_seq[pg % INVAL_STRIPES]; }

static struct block *lookup(uint64_t pc)
{
    struct block *b = __atomic_load_n(&table[hash_pc(pc)], __ATOMIC_ACQUIRE);
    while (b && b->pc != pc)
        b = __atomic_load_n(&b->next, __ATOMIC_ACQUIRE);
    return b;
}

static void log_block(const struct block *b)
{
    log_printf("IN: 0x%016llx\n", (unsigned long long)b->pc);
    for (uint32_t k = 0; k + 1 < b->n; k++) {
        char text[160];
        disas_a64(b->insns[k].raw, b->insns[k].pc, text, sizeof text);
        log_printf("0x%016llx:  %08x      %s\n", (unsigned long long)b->insns[k].pc,
                   b->insns[k].raw, text);
    }
    log_printf("\n");
}

static struct block *build(struct cpu *c, uint64_t pc)
{
    struct insn tmp[BLOCK_MAX + 1];
    uint32_t n = 0;
    uint64_t a = pc;
    const struct insn *saved = c->cur;
    c->cur = NULL; /* a fetch fault is at the fetch address, not an insn */
    do {
        uint32_t raw = mem_fetch32(c, a);
        decode_insn(&tmp[n], raw, a);
        a += 4;
        n++;
    } while (!(tmp[n - 1].flags & INSN_END) && n < BLOCK_MAX && (a & GUEST_PAGE_MASK) != 0);
    c->cur = saved;
    tmp[n] = (struct insn){.pc = a, .op = OP_END_BLOCK, .flags = INSN_END};
    n++;

    struct block *b = arena_alloc(sizeof *b + n * sizeof(struct insn));
    if (!b)
        log_fatal("out of memory for a guest block");
    *b = (struct block){.pc = pc, .end = a, .n = n};
    memcpy(b->insns, tmp, n * sizeof(struct insn));
    interp_thread_block(b);
    return b;
}

/* ---- the per-page index (cache_lock) ---- */

static struct code_page *page_find(uint64_t pg)
{
    struct code_page *p = page_table[hash_page(pg)];
    while (p && p->pg != pg)
        p = p->next;
    return p;
}

static void page_add(struct block *b)
{
    uint64_t pg = mem_untag(b->pc) / GUEST_PAGE;
    struct code_page *p = page_find(pg);
    if (!p) {
        p = malloc(sizeof *p);
        if (!p)
            log_fatal("out of memory for the block cache's page index");
        uint32_t h = hash_page(pg);
        *p = (struct code_page){.pg = pg, .next = page_table[h], .all_next = page_all};
        if (page_all)
            page_all->all_prev = p;
        page_all = p;
        page_table[h] = p;
        page_count++;
    }
    b->page_next = p->blocks;
    p->blocks = b;
}

/* Unlinks every block of p from the pc hash, prepends them to *out (through
 * retired_next) and drops p. Each step leaves both structures whole. */
static void page_take(struct code_page *p, struct block **out)
{
    while (p->blocks) {
        struct block *b = p->blocks;
        struct block **pp = &table[hash_pc(b->pc)];
        while (*pp && *pp != b)
            pp = &(*pp)->next;
        /* a reader standing on b still finds the rest of the chain: b->next
         * keeps its value until b is freed */
        if (*pp)
            __atomic_store_n(pp, b->next, __ATOMIC_RELEASE);
        p->blocks = b->page_next;
        b->retired_next = *out;
        *out = b;
    }
    struct code_page **pp = &page_table[hash_page(p->pg)];
    while (*pp != p)
        pp = &(*pp)->next;
    *pp = p->next;
    if (p->all_prev)
        p->all_prev->all_next = p->all_next;
    else
        page_all = p->all_next;
    if (p->all_next)
        p->all_next->all_prev = p->all_prev;
    page_count--;
    free(p);
}

/* ---- the epoch scheme ---- */

/* Frees the retired blocks every registered thread has been quiescent
 * since (an idle thread's BLOCK_EPOCH_IDLE is above every epoch). */
static void reclaim(void)
{
    struct block *done = NULL;
    pthread_mutex_lock(&epoch_lock);
    uint64_t min = BLOCK_EPOCH_IDLE;
    for (struct block_thread *t = registry; t; t = t->reg_next) {
        uint64_t s = __atomic_load_n(&t->seen, __ATOMIC_SEQ_CST);
        if (s < min)
            min = s;
    }
    struct block **tail = &done;
    while (retired_head && retired_head->retire_epoch <= min) {
        *tail = retired_head;
        tail = &retired_head->retired_next;
        __atomic_store_n(&retired_head, retired_head->retired_next, __ATOMIC_RELAXED);
        retired_pending--;
    }
    *tail = NULL;
    if (!retired_head)
        retired_tail = NULL;
    pthread_mutex_unlock(&epoch_lock);
    while (done) {
        struct block *n = done->retired_next;
        if (block_free_hook && done->xcode)
            block_free_hook(done);
        arena_free(done);
        done = n;
    }
}

static inline bool retired_any(void)
{
    return __atomic_load_n(&retired_head, __ATOMIC_RELAXED) != NULL;
}

static void hist_add(struct block_hist *h, const struct block *b)
{
    if (__atomic_load_n(&b->prof_gen, __ATOMIC_RELAXED) != block_prof_gen)
        return;
    uint32_t n = __atomic_load_n(&b->prof_count, __ATOMIC_RELAXED);
    if (!n)
        return;
    unsigned k = block_hist_class(n);
    h->blocks[k]++;
    h->insns[k] += (uint64_t)n * (b->n - 1);
}

/* Retires the list (through retired_next), already unreachable from the pc
 * hash, under one new epoch: the bump is after the unlinks (release). */
static void retire(struct block *list)
{
    if (!list)
        return;
    /* marked before the hook takes its own lock: a translator publishing a
     * translation after that sees the mark (docs/design.md "The translator") */
    for (struct block *b = list; b; b = b->retired_next)
        __atomic_store_n(&b->retired, 1, __ATOMIC_RELAXED);
    if (block_retire_hook)
        block_retire_hook(list);
    bool tally = log_on(DBG_STATS);
    pthread_mutex_lock(&epoch_lock);
    uint64_t e = __atomic_add_fetch(&block_epoch, 1, __ATOMIC_SEQ_CST);
    while (list) {
        struct block *n = list->retired_next;
        if (tally)
            hist_add(&retired_hist, list);
        list->retire_epoch = e;
        list->retired_next = NULL;
        if (retired_tail)
            retired_tail->retired_next = list;
        else
            __atomic_store_n(&retired_head, list, __ATOMIC_RELAXED);
        retired_tail = list;
        retired_pending++;
        list = n;
    }
    pthread_mutex_unlock(&epoch_lock);
}

/* t holds no block: announce the current epoch. The second load of the
 * epoch is for a thread leaving the idle state: a reclaimer may have read
 * BLOCK_EPOCH_IDLE just before this store and freed a block; then its epoch
 * bump precedes the store in the seq_cst order, so the load after the store
 * reads that bump (or a later one) and, through it, the block's unlink. */
static void announce(struct block_thread *t)
{
    uint64_t e = __atomic_load_n(&block_epoch, __ATOMIC_ACQUIRE);
    __atomic_store_n(&t->seen, e, __ATOMIC_SEQ_CST);
    (void)__atomic_load_n(&block_epoch, __ATOMIC_SEQ_CST);
}

void block_cache_quiesce_slow(struct block_thread *t)
{
    if (t)
        announce(t);
    if (retired_any())
        reclaim();
}

void block_cache_idle_begin(void)
{
    struct block_thread *t = block_self;
    if (!t)
        return;
    /* release: the thread's reads of blocks come before any free */
    __atomic_store_n(&t->seen, BLOCK_EPOCH_IDLE, __ATOMIC_SEQ_CST);
    if (retired_any())
        reclaim();
}

void block_cache_idle_end(void)
{
    struct block_thread *t = block_self;
    if (t)
        announce(t);
    /* an idle thread held nothing back, so this frees nothing new, except
     * in a fork child, whose other threads' records just went */
    if (retired_any())
        reclaim();
}

void block_thread_register(struct cpu *c)
{
    struct block_thread *t = block_self;
    if (t) {
        /* a vfork child on its parent's host thread: one record, two users
         * that never run at once (the parent waits in the clone call) */
        t->users++;
        c->bthread = t;
        return;
    }
    t = malloc(sizeof *t);
    if (!t)
        log_fatal("out of memory for a block cache thread record");
    pthread_mutex_lock(&epoch_lock);
    /* under the lock: a reclaim either counts this record or finished
     * before it, and then this thread sees what it freed as unlinked */
    *t = (struct block_thread){.seen = __atomic_load_n(&block_epoch, __ATOMIC_ACQUIRE),
                               .users = 1, .reg_next = registry};
    if (registry)
        registry->reg_prev = t;
    registry = t;
    pthread_mutex_unlock(&epoch_lock);
    block_self = t;
    c->bthread = t;
}

void block_thread_unregister(struct cpu *c)
{
    struct block_thread *t = c->bthread;
    c->bthread = NULL;
    /* a cpu copied from another thread's (before its own registration)
     * points at that thread's record: not this thread's to drop */
    if (!t || t != block_self)
        return;
    if (--t->users > 0) {
        /* the other user is the parent waiting for this vfork child (idle
         * in the clone call: its idle_end announces again), or a vfork
         * child long gone that never unregistered: either way nothing
         * here runs blocks any more */
        __atomic_store_n(&t->seen, BLOCK_EPOCH_IDLE, __ATOMIC_SEQ_CST);
        return;
    }
    pthread_mutex_lock(&epoch_lock);
    if (t->reg_prev)
        t->reg_prev->reg_next = t->reg_next;
    else
        registry = t->reg_next;
    if (t->reg_next)
        t->reg_next->reg_prev = t->reg_prev;
    pthread_mutex_unlock(&epoch_lock);
    block_self = NULL;
    free(t);
    /* this thread may have been the last one holding the oldest back */
    if (retired_any())
        reclaim();
}

uint64_t block_cache_retired_pending(void)
{
    pthread_mutex_lock(&epoch_lock);
    uint64_t n = retired_pending;
    pthread_mutex_unlock(&epoch_lock);
    return n;
}

/* ---- lookup, insert, invalidate ---- */

/* a miss: the decode, timed and counted for the statistics when they are on */
static struct block *block_get_miss(struct cpu *c, uint64_t pc);

struct block *block_find(uint64_t pc) { return lookup(pc); }

struct block *block_get(struct cpu *c, uint64_t pc)
{
    struct block *b = lookup(pc);
    if (b)
        return b;
    if (__builtin_expect(!log_on(DBG_STATS), 1))
        return block_get_miss(c, pc);
    uint64_t t0 = task_prof_now();
    b = block_get_miss(c, pc);
    task_prof_add(&c->prof.decode_ns, task_prof_now() - t0);
    task_prof_add(&c->prof.decoded, 1);
    task_prof_add(&c->prof.decoded_bytes, b->end - b->pc);
    return b;
}

static struct block *block_get_miss(struct cpu *c, uint64_t pc)
{
    struct block *b;
    uint64_t *seq = stripe(mem_untag(pc) / GUEST_PAGE);
    for (int tries = 0;; tries++) {
        /* acquire: a decode after an invalidation sees the code written
         * before it */
        uint64_t s0 = __atomic_load_n(seq, __ATOMIC_ACQUIRE);
        b = build(c, pc);
        if (__builtin_expect(block_decode_hook != NULL, 0))
            block_decode_hook(pc);
        pthread_mutex_lock(&cache_lock);
        struct block *other = lookup(pc);
        if (other) {
            pthread_mutex_unlock(&cache_lock);
            arena_free(b);
            return other;
        }
        if (__atomic_load_n(seq, __ATOMIC_RELAXED) == s0)
            break;
        /* an invalidation of this page (or its stripe) ran while we
         * decoded: the words may be stale, and it could not see this block */
        pthread_mutex_unlock(&cache_lock);
        if (tries + 1 == INSERT_TRIES) {
            /* run it once, uncached, like code fetched during the write;
             * retired at once, it is freed after this thread's next
             * quiescent point */
            b->retired_next = NULL;
            retire(b);
            return b;
        }
        arena_free(b);
    }
    page_add(b);
    mem_mark_code(mem_untag(pc), 4);
    uint32_t h = hash_pc(pc);
    b->next = table[h];
    __atomic_store_n(&table[h], b, __ATOMIC_RELEASE);
    pthread_mutex_unlock(&cache_lock);
    if (log_on(DBG_in_asm))
        log_block(b);
    return b;
}

bool block_invalidate(uint64_t ga, uint64_t len)
{
    if (!len)
        return false;
    ga = mem_untag(ga);
    uint64_t first = ga / GUEST_PAGE;
    uint64_t last = len - 1 > UINT64_MAX - ga ? UINT64_MAX : ga + len - 1;
    uint64_t end = last / GUEST_PAGE + 1; /* pages [first, end) */
    struct block *out = NULL;
    bool any = false;

    pthread_mutex_lock(&cache_lock);
    /* release: a decode that reads the new count also reads the code the
     * caller wrote before invalidating */
    if (end - first >= INVAL_STRIPES) {
        for (unsigned k = 0; k < INVAL_STRIPES; k++)
            __atomic_store_n(&inval_seq[k], inval_seq[k] + 1, __ATOMIC_RELEASE);
    } else {
        for (uint64_t pg = first; pg < end; pg++)
            __atomic_store_n(stripe(pg), *stripe(pg) + 1, __ATOMIC_RELEASE);
    }
    /* the cost is the smaller of the range's pages and the code pages */
    if (end - first <= page_count) {
        for (uint64_t pg = first; pg < end; pg++) {
            struct code_page *p = page_find(pg);
            if (p)
                page_take(p, &out);
        }
    } else {
        for (struct code_page *p = page_all, *n; p; p = n) {
            n = p->all_next;
            if (p->pg >= first && p->pg < end)
                page_take(p, &out);
        }
    }
    /* the page table's marks, cleared here too (they may also have been
     * set without blocks, and a mark lost to a racing mem_set_flags must
     * not hide blocks: the index above is what decides) */
    uint64_t lo = first * GUEST_PAGE;
    if (lo < guest_size) {
        uint64_t n = end - first, room = (guest_size - lo) / GUEST_PAGE;
        any = mem_take_code(lo, (n < room ? n : room) * GUEST_PAGE);
    }
    pthread_mutex_unlock(&cache_lock);
    any |= out != NULL;
    retire(out);
    return any;
}

/* ---- the histogram ---- */

void block_cache_histogram(struct block_hist *h)
{
    pthread_mutex_lock(&cache_lock);
    for (const struct code_page *p = page_all; p; p = p->all_next)
        for (const struct block *b = p->blocks; b; b = b->page_next)
            hist_add(h, b);
    pthread_mutex_lock(&epoch_lock);
    for (unsigned k = 0; k < BLOCK_HIST_CLASSES; k++) {
        h->blocks[k] += retired_hist.blocks[k];
        h->insns[k] += retired_hist.insns[k];
    }
    pthread_mutex_unlock(&epoch_lock);
    pthread_mutex_unlock(&cache_lock);
}

void block_cache_profile_reset(void)
{
    pthread_mutex_lock(&epoch_lock);
    /* 0 is every new block's: a generation never goes back there */
    uint32_t g = block_prof_gen + 1;
    __atomic_store_n(&block_prof_gen, g ? g : 1, __ATOMIC_RELAXED);
    retired_hist = (struct block_hist){0};
    pthread_mutex_unlock(&epoch_lock);
}

/* ---- fork ---- */

void block_cache_before_fork(void)
{
    pthread_mutex_lock(&cache_lock);
    pthread_mutex_lock(&epoch_lock);
}

void block_cache_after_fork_parent(void)
{
    pthread_mutex_unlock(&epoch_lock);
    pthread_mutex_unlock(&cache_lock);
}

void block_cache_after_fork(void)
{
    /* the other threads' records stay allocated (their owners are gone and
     * malloc's state may be another thread's): only unlinked */
    registry = block_self;
    if (registry) {
        registry->reg_next = registry->reg_prev = NULL;
        /* what the dropped records held back can go at this thread's next
         * quiescent point: send it down the slow path (an idle thread gets
         * there through idle_end) */
        if (registry->seen != BLOCK_EPOCH_IDLE)
            registry->seen = 0;
    }
    /* the locks block_cache_before_fork took in this thread: released, not
     * made anew, so ThreadSanitizer sees them free */
    pthread_mutex_unlock(&epoch_lock);
    pthread_mutex_unlock(&cache_lock);
}

/* Block building and the shared block cache (see block.h for invariants). */
#include "interp/block.h"

#include <pthread.h>
#include <stdlib.h>

#include "core/log.h"
#include "core/mem.h"
#include "interp/decode.h"
#include "interp/disas.h"
#include "interp/interp.h"

#define HASH_BITS 16
#define HASH_SIZE (1u << HASH_BITS)

static struct block *table[HASH_SIZE];
static struct block *retired;
static pthread_mutex_t cache_lock = PTHREAD_MUTEX_INITIALIZER;

static inline uint32_t hash_pc(uint64_t pc)
{
    return (uint32_t)(((pc >> 2) * 0x9E3779B97F4A7C15ull) >> (64 - HASH_BITS));
}

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

    struct block *b = malloc(sizeof *b + n * sizeof(struct insn));
    if (!b)
        log_fatal("out of memory for a guest block");
    *b = (struct block){.pc = pc, .end = a, .n = n};
    memcpy(b->insns, tmp, n * sizeof(struct insn));
    interp_thread_block(b);
    return b;
}

struct block *block_get(struct cpu *c, uint64_t pc)
{
    struct block *b = lookup(pc);
    if (b)
        return b;
    b = build(c, pc);
    pthread_mutex_lock(&cache_lock);
    struct block *other = lookup(pc);
    if (other) {
        pthread_mutex_unlock(&cache_lock);
        free(b);
        return other;
    }
    mem_mark_code(pc, 4);
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
    ga = mem_untag(ga);
    uint64_t lo = ga & ~GUEST_PAGE_MASK;
    uint64_t hi = (ga + len + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK;
    if (!mem_take_code(lo, hi - lo))
        return false;
    pthread_mutex_lock(&cache_lock);
    for (uint32_t h = 0; h < HASH_SIZE; h++) {
        struct block **pp = &table[h];
        while (*pp) {
            struct block *b = *pp;
            if (b->pc >= lo && b->pc < hi) {
                __atomic_store_n(pp, b->next, __ATOMIC_RELEASE);
                b->retired_next = retired;
                __atomic_store_n(&retired, b, __ATOMIC_RELEASE);
            } else {
                pp = &b->next;
            }
        }
    }
    pthread_mutex_unlock(&cache_lock);
    return true;
}

void block_cache_quiesce(void)
{
    /* called after every system call: the common case takes no lock */
    if (!__atomic_load_n(&retired, __ATOMIC_ACQUIRE))
        return;
    pthread_mutex_lock(&cache_lock);
    struct block *r = retired;
    __atomic_store_n(&retired, NULL, __ATOMIC_RELAXED);
    pthread_mutex_unlock(&cache_lock);
    while (r) {
        struct block *n = r->retired_next;
        free(r);
        r = n;
    }
}

void block_cache_after_fork(void)
{
    pthread_mutex_init(&cache_lock, NULL);
}

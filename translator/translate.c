/* Translating one block: its instructions in order, each natively by its
 * class emitter where one exists, else as a call of the interpreter's
 * routine (exec_table), then the block's exits.
 *
 * Code is emitted into a per-thread scratch buffer and copied into the code
 * cache once its size is known; everything position-dependent (jumps and
 * calls to the shared stubs and to pvm's functions) is in the relocation
 * list and fixed up at the copy, so a translation holds no absolute host
 * address outside that list (except the pointers to its own records, which
 * the exits' stubs and the helper calls' arguments load).
 *
 * Layout of a translation:
 *   header (struct jit_hdr)
 *   entry:  exit-request check
 *           each instruction (native code, or the helper call)
 *           the block's direct exits (each a patchable jmp)
 *   cold:   the memory accesses' slow paths; the entry's request path
 *           (c->pc = the block's pc, to the shared request stub)
 *   stubs:  one per direct exit: c->pc = its target, rdx = the exit,
 *           eax = X_BRANCH, to the epilogue
 * c->pc is exact whenever the code returns to the engine, not while it
 * runs: a chained exit does not store it. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/log.h"
#include "core/options.h"
#include "interp/ops.h"
#include "translator/internal.h"

#define RELOC_MAX 2048
#define EXIT_MAX 4

struct reloc {
    uint32_t at;      /* offset of a rel32 field */
    const void *to;   /* absolute target */
};

/* a memory access's slow path, emitted after the block's body so the fast
 * path falls through (translator/emit_ldst.c) */
struct cold {
    uint32_t k;                /* the instruction */
    uint32_t njcc;
    size_t jcc[3];             /* the fast path's branches to it */
    size_t done;               /* where the fast path ends */
    struct jit_regs at, join;  /* the cache at the branches and at done */
};

struct scratch {
    uint8_t code[JIT_TB_MAX];
    struct cold cold[BLOCK_MAX];
    uint32_t ncold;
    struct reloc reloc[RELOC_MAX];
    uint32_t nreloc;
    bool overflow;
    struct jit_rec rec[2 * BLOCK_MAX + 1];
    struct { uint32_t jmp_at; uint64_t target; } exit[EXIT_MAX];
};

static __thread struct scratch *scratch;
bool jit_near;

static void reloc_add(struct jit_emit *e, size_t at, const void *to)
{
    if (at == SIZE_MAX)
        return;
    if (scratch->nreloc == RELOC_MAX) {
        scratch->overflow = true;
        return;
    }
    scratch->reloc[scratch->nreloc++] = (struct reloc){(uint32_t)at, to};
}

void jit_emit_call_fn(struct jit_emit *e, const void *fn)
{
    if (jit_near) {
        if (!x64_room(e->x, 5))
            return;
        x64_b(e->x, 0xe8);
        size_t at = x64_off(e->x);
        x64_d(e->x, 0);
        reloc_add(e, at, fn);
    } else {
        x64_mov_ri(e->x, X64_RAX, (uint64_t)(uintptr_t)fn);
        x64_call_r(e->x, X64_RAX);
    }
}

/* a jcc/jmp to a shared stub */
static void jump_stub(struct jit_emit *e, int cc, const void *stub)
{
    size_t at = cc < 0 ? x64_jmp(e->x) : x64_jcc(e->x, (enum x64_cc)cc);
    reloc_add(e, at, stub);
}
void jit_emit_jump_stub(struct jit_emit *e, int cc, const void *stub) { jump_stub(e, cc, stub); }

void jit_emit_addr(struct jit_emit *e, int reg, const void *obj)
{
    if (jit_near) {
        /* lea reg, [rip + rel32]: the field ends the instruction */
        struct x64_mem m = {.base = X64_NOREG, .index = X64_NOREG, .scale = 1, .rip = true};
        x64_lea(e->x, true, reg, m);
        if (!e->x->full)
            reloc_add(e, x64_off(e->x) - 4, obj);
    } else {
        x64_mov_ri(e->x, reg, (uint64_t)(uintptr_t)obj);
    }
}

static void call_routine(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    x64_mov_rr(x, true, X64_RDI, JIT_CPU);
    x64_mov_ri(x, X64_RSI, (uint64_t)(uintptr_t)i);
    /* the precise-state record a fault inside the routine reads */
    x64_store(x, 8, X64_RSI, jit_cpu(JIT_OFF(cur)));
    jit_emit_call_fn(e, (const void *)exec_table[i->op]);
    x64_test_rr(x, false, X64_RAX, X64_RAX);
    jump_stub(e, X64_NE, jit_stub_exit);
}

void jit_emit_call(struct jit_emit *e, const struct insn *i)
{
    jit_regs_drop(e);
    call_routine(e, i);
}

void jit_emit_slow(struct jit_emit *e, const size_t *jcc, unsigned njcc, const struct jit_regs *at)
{
    if (scratch->ncold == BLOCK_MAX) {
        scratch->overflow = true;
        return;
    }
    struct cold *cd = &scratch->cold[scratch->ncold++];
    cd->k = e->k;
    cd->njcc = 0;
    for (unsigned n = 0; n < njcc && n < 3; n++)
        if (jcc[n] != SIZE_MAX)
            cd->jcc[cd->njcc++] = jcc[n];
    cd->done = x64_off(e->x);
    cd->at = *at;
    cd->join = e->regs;
}

/* the slow paths: from the branches, the cache at them written back, the
 * routine, the cache at the join reloaded, back to the join; each is its
 * instruction's in the recovery table (records after the body's) */
static void emit_cold(struct jit_emit *e, uint32_t *nrec)
{
    struct x64_buf *x = e->x;
    for (uint32_t n = 0; n < scratch->ncold; n++) {
        const struct cold *cd = &scratch->cold[n];
        for (uint32_t j = 0; j < cd->njcc; j++)
            x64_patch_rel32(x, cd->jcc[j], x64_off(x));
        jit_regs_store(x, &cd->at);
        call_routine(e, &e->b->insns[cd->k]);
        jit_regs_load(x, &cd->join);
        x64_patch_rel32(x, x64_jmp(x), cd->done);
        scratch->rec[(*nrec)++] = (struct jit_rec){(uint32_t)x64_off(x), cd->k, 0};
    }
}

void jit_emit_exit(struct jit_emit *e, uint64_t target)
{
    struct x64_buf *x = e->x;
    jit_regs_sync(e);
    if (e->nexit == EXIT_MAX || !jit_chaining()) {
        /* not chainable: a plain exit */
        x64_mov_ri(x, X64_RAX, target);
        x64_store(x, 8, X64_RAX, jit_cpu(JIT_OFF(pc)));
        x64_mov_ri(x, X64_RAX, X_BRANCH);
        jump_stub(e, -1, jit_stub_exit);
        return;
    }
    /* c->pc is stored by the unlinked stub, or by the target's request
     * path: a linked exit is one jmp */
    x64_align_field(x, 1);
    size_t at = x64_jmp(x);
    if (at == SIZE_MAX)
        return;
    scratch->exit[e->nexit].jmp_at = (uint32_t)at;
    scratch->exit[e->nexit].target = target;
    e->nexit++;
}

/* the block's instructions; false when it cannot be translated */
static bool emit_block(struct jit_emit *e, uint32_t *nrec)
{
    struct x64_buf *x = e->x;
    struct block *b = e->b;
    /* entry: leave at once when the engine has something to do (a signal,
     * an exit), so chained loops stay prompt */
    x64_alu_mi(x, X64_CMP, false, jit_cpu(JIT_OFF(exit_request)), 0);
    size_t to_request = x64_jcc(x, X64_NE);
    jit_regs_reset(&e->regs);
    for (uint32_t k = 0; k < b->n; k++) {
        const struct insn *i = &b->insns[k];
        e->k = k;
        e->regs.lock = 0;
        e->fault_map = 0;
        if (e->flags && !jit_flags_fusable(e, i))
            jit_flags_finish(e);
        if (i->op == OP_END_BLOCK)
            jit_emit_exit(e, i->pc);
        else if (!jit_emit_branch(e, i) && !jit_emit_dp(e, i) && !jit_emit_ldst(e, i) &&
                 !jit_emit_simd(e, i) && !jit_emit_fp(e, i))
            jit_emit_call(e, i);
        /* --jit-off regcache: nothing stays in a host register from one
         * instruction to the next */
        if (opt.jit_off & JIT_OFF_regcache)
            jit_regs_drop(e);
        scratch->rec[k] = (struct jit_rec){(uint32_t)x64_off(x), k, e->fault_map};
        if (x->full)
            return false;
    }
    jit_flags_finish(e);
    *nrec = b->n;
    emit_cold(e, nrec);
    /* the entry's request path: a chained exit or a jump-cache hit came in
     * without storing c->pc, which the engine needs */
    x64_patch_rel32(x, to_request, x64_off(x));
    x64_mov_ri(x, X64_RAX, b->pc);
    x64_store(x, 8, X64_RAX, jit_cpu(JIT_OFF(pc)));
    jump_stub(e, -1, jit_stub_request);
    return !x->full && !scratch->overflow;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}


struct jit_tb *jit_translate(struct cpu *c, struct block *b)
{
    (void)c;
    /* nothing is made while a flush waits for the old code to be freed */
    if (jit_flushing())
        return NULL;
    uint64_t t0 = log_on(DBG_STATS | DBG_jit) ? now_ns() : 0;
    if (!scratch) {
        scratch = malloc(sizeof *scratch);
        if (!scratch)
            return NULL;
    }
    struct jit_tb *tb = calloc(1, sizeof *tb + EXIT_MAX * sizeof(struct jit_exit) +
                                      2 * b->n * sizeof(struct jit_rec));
    if (!tb)
        return NULL;
    tb->b = b;
    tb->pc = b->pc;
    tb->exits = (struct jit_exit *)(tb + 1);
    tb->rec = (struct jit_rec *)(tb->exits + EXIT_MAX);

    struct x64_buf x;
    /* the code starts after the header in the cache: emit it at the same
     * offset, so alignment (the patchable jmps) carries over */
    x64_init(&x, scratch->code, sizeof scratch->code);
    x64_nops(&x, sizeof(struct jit_hdr));
    x.start = x.p; /* offsets from the entry */
    struct jit_emit e = {.x = &x, .b = b, .tb = tb};
    scratch->nreloc = 0;
    scratch->ncold = 0;
    scratch->overflow = false;
    uint32_t nrec = 0;
    if (!emit_block(&e, &nrec)) {
        free(tb);
        jit_count_translation(0, false);
        return NULL;
    }
    /* the exits' stubs */
    for (uint32_t k = 0; k < e.nexit; k++) {
        struct jit_exit *ex = &tb->exits[k];
        ex->target = scratch->exit[k].target;
        ex->jmp_at = scratch->exit[k].jmp_at;
        ex->from = tb;
        ex->stub_at = (uint32_t)x64_off(&x);
        x64_patch_rel32(&x, ex->jmp_at, ex->stub_at);
        x64_mov_ri(&x, X64_RAX, ex->target);
        x64_store(&x, 8, X64_RAX, jit_cpu(JIT_OFF(pc)));
        x64_mov_ri(&x, X64_RDX, (uint64_t)(uintptr_t)ex);
        x64_mov_ri(&x, X64_RAX, X_BRANCH);
        jump_stub(&e, -1, jit_stub_epilogue);
    }
    if (x.full || scratch->overflow) {
        free(tb);
        jit_count_translation(0, false);
        return NULL;
    }
    tb->nexit = e.nexit;
    tb->nrec = nrec;
    memcpy(tb->rec, scratch->rec, nrec * sizeof(struct jit_rec));
    tb->size = (uint32_t)x64_off(&x);
    if (!jit_publish(b, tb, tb->size)) {
        free(tb);
        jit_count_translation(0, false);
        return NULL;
    }
    uint64_t ns = t0 ? now_ns() - t0 : 0;
    jit_count_translation(ns, true);
    jit_debug_translated(c, tb, ns);
    return tb;
}

/* called by jit_publish under the jit lock once tb->code is allocated: the
 * code copied in, relocations applied */
void jit_install(struct jit_tb *tb)
{
    memcpy(tb->code, scratch->code + sizeof(struct jit_hdr), tb->size);
    for (uint32_t k = 0; k < scratch->nreloc; k++) {
        const struct reloc *r = &scratch->reloc[k];
        uint8_t *field = tb->code + r->at;
        int32_t rel = (int32_t)((const uint8_t *)r->to - (field + 4));
        memcpy(field, &rel, 4);
    }
}

bool jit_recover(struct cpu *c, uintptr_t host_pc, const uint64_t host[16])
{
    struct jit_tb *tb = jit_cache_find(host_pc);
    if (!tb || host_pc < (uintptr_t)tb->code || host_pc >= (uintptr_t)tb->code + tb->size)
        return false;
    uint32_t off = (uint32_t)(host_pc - (uintptr_t)tb->code);
    for (uint32_t k = 0; k < tb->nrec; k++)
        if (off < tb->rec[k].host_end) {
            c->cur = &tb->b->insns[tb->rec[k].insn];
            if (host)
                jit_regs_recover(c, tb->rec[k].regmap, host);
            return true;
        }
    return false;
}

struct jit_ret jit_run(struct cpu *c, struct jit_tb *t)
{
    struct jit_ret (*enter)(struct cpu *, void *) = (struct jit_ret(*)(struct cpu *, void *))(void *)jit_stub_enter;
    return enter(c, t->code);
}

/* Translating a superblock: the head block's instructions in order, then
 * those of the blocks it falls into (internal.h), each natively by its
 * class emitter where one exists, else as a call of the interpreter's
 * routine (exec_table), then the exits.
 *
 * Code is emitted into a per-thread scratch buffer and copied into the code
 * cache once its size is known; everything position-dependent (jumps and
 * calls to the shared stubs and to pvm's functions, and the absolute
 * pointers some code loads: the instruction records the helper calls pass,
 * the exits the stubs hand the engine, jit_emit_ptr) is in the relocation
 * list and fixed up at the copy, so a translation holds no absolute host
 * address outside that list.
 *
 * Layout of a translation:
 *   header (struct jit_hdr)
 *   entry:  exit-request check
 *           each instruction (native code, or the helper call); a branch
 *           ending an inner block is a jcc to its side exit, and the
 *           register cache and live flags go on into the next block
 *           the last block's direct exits (each a patchable jmp)
 *   cold:   the memory accesses' slow paths; the side exits (the cache and
 *           flags written back, a patchable jmp); the entry's request path
 *           (c->pc = the head's pc, to the shared request stub)
 *   stubs:  one per direct exit: c->pc = its target, rdx = the exit,
 *           eax = X_BRANCH, to the epilogue
 * c->pc is exact whenever the code returns to the engine, not while it
 * runs: a chained exit does not store it. The exit-request check is made
 * at the entry only: a superblock runs straight through, so a thread
 * looping in chained code still passes an entry every few blocks. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "interp/ops.h"
#include "translator/internal.h"

#define RELOC_MAX 2048
#define EXIT_MAX (JIT_SB_MAX + 2)

struct reloc {
    uint32_t at;      /* offset of a rel32 field, or of a movabs's 8 bytes */
    bool abs;         /* the latter: `to` itself is written there */
    const void *to;   /* absolute target */
};

/* a memory access's slow path, emitted after the block's body so the fast
 * path falls through (translator/emit_ldst.c) */
struct cold {
    uint32_t k;                /* the instruction (index into the sequence) */
    uint32_t njcc;
    size_t jcc[3];             /* the fast path's branches to it */
    size_t done;               /* where the fast path ends */
    struct jit_regs at, join;  /* the cache at the branches and at done */
    int8_t conf_g;             /* the register the fast path confines, or -1 */
    int32_t conf_off;          /* (jit_emit_slow_conf) */
    uint8_t saved;             /* flags put aside at the branches (jit_emit.saved) */
};

/* a side exit of a branch ending an inner block of a superblock */
struct side {
    uint32_t k;
    size_t jcc;                /* the fast path's branch to it */
    uint64_t target;
    struct jit_regs at;        /* the cache at the branch */
    uint8_t flags, saved;      /* the live or put-aside flags there (jit_emit) */
};

struct scratch {
    uint8_t code[JIT_TB_MAX];
    struct cold cold[BLOCK_MAX];
    uint32_t ncold;
    struct side side[JIT_SB_MAX];
    uint32_t nside;
    /* the cache at the first way back to a loop's label */
    struct jit_regs back;
    bool have_back;
    uint32_t calls;            /* helper calls in the body (jit_emit_call) */
    /* the superblock: each instruction, its block and its index there */
    const struct insn *seq[BLOCK_MAX];
    uint8_t seq_blk[BLOCK_MAX];
    uint16_t seq_k[BLOCK_MAX];
    uint16_t next_use[BLOCK_MAX][34];
    struct reloc reloc[RELOC_MAX];
    uint32_t nreloc;
    bool overflow;
    struct jit_rec rec[2 * BLOCK_MAX + JIT_SB_MAX];
    /* a translation's records: its body's, then its slow paths', then its
     * side exits', in the order of their code */
    struct { uint32_t jmp_at; uint64_t target; } exit[EXIT_MAX];
    /* the translation's record while it is made: tb_finish copies it,
     * its exits and records into one allocation of the size they take */
    struct jit_tb tb;
    struct jit_exit tb_exits[EXIT_MAX];
};

static __thread struct scratch *scratch;
bool jit_near;

static struct jit_rec rec_of(uint32_t k, uint32_t host_end, enum jit_rec_kind kind, uint64_t map, uint8_t saved)
{
    return (struct jit_rec){host_end, scratch->seq_k[k], scratch->seq_blk[k], (uint8_t)kind, saved, map};
}

static void reloc_put(struct jit_emit *e, size_t at, const void *to, bool abs)
{
    (void)e;
    if (at == SIZE_MAX)
        return;
    if (scratch->nreloc == RELOC_MAX) {
        scratch->overflow = true;
        return;
    }
    scratch->reloc[scratch->nreloc++] = (struct reloc){(uint32_t)at, abs, to};
}
static void reloc_add(struct jit_emit *e, size_t at, const void *to) { reloc_put(e, at, to, false); }

void jit_emit_ptr(struct jit_emit *e, int reg, const void *p)
{
    x64_mov_ri64(e->x, reg, 0);
    if (!e->x->full)
        reloc_put(e, x64_off(e->x) - 8, p, true);
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
        jit_emit_ptr(e, X64_RAX, fn);
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
        jit_emit_ptr(e, reg, obj);
    }
}

static void call_routine(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    x64_mov_rr(x, true, X64_RDI, JIT_CPU);
    jit_emit_ptr(e, X64_RSI, i);
    /* the precise-state record a fault inside the routine reads */
    x64_store(x, 8, X64_RSI, jit_cpu(JIT_OFF(cur)));
    jit_emit_call_fn(e, (const void *)exec_table[i->op]);
    jit_regs_reload_pinned(x);
    x64_test_rr(x, false, X64_RAX, X64_RAX);
    jump_stub(e, X64_NE, jit_stub_exit);
}

void jit_emit_call(struct jit_emit *e, const struct insn *i)
{
    scratch->calls++;
    /* flags put aside for this instruction: the routine needs c->nzcv */
    jit_flags_finish(e);
    jit_regs_drop(e);
    call_routine(e, i);
}

void jit_emit_slow(struct jit_emit *e, const size_t *jcc, unsigned njcc, const struct jit_regs *at)
{
    jit_emit_slow_conf(e, jcc, njcc, at, -1, 0);
}

void jit_emit_slow_conf(struct jit_emit *e, const size_t *jcc, unsigned njcc, const struct jit_regs *at,
                        int g, int32_t off)
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
    cd->conf_g = (int8_t)g;
    cd->conf_off = off;
    cd->saved = e->saved;
}

/* a slow path's check of the fact its fast path leaves (struct cpu is
 * whole after the routine): when x[g] + off is not confined, c->pc = the
 * next instruction's and back to the engine */
static void cold_conf(struct jit_emit *e, const struct cold *cd)
{
    struct x64_buf *x = e->x;
    x64_load(x, 8, false, true, X64_RAX, jit_xreg((unsigned)cd->conf_g));
    if (cd->conf_off)
        x64_lea(x, true, X64_RAX, x64_m(X64_RAX, cd->conf_off));
    x64_alu_rr(x, X64_CMP, true, X64_RAX, JIT_LIMIT);
    size_t ok = x64_jcc(x, X64_BE);
    x64_mov_ri(x, X64_RAX, e->seq[cd->k]->pc + 4);
    jump_stub(e, -1, jit_stub_to_engine);
    x64_patch_rel32(x, ok, x64_off(x));
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
        if (cd->saved) {
            /* the routine reads c->nzcv (a fault's frame has it) */
            e->flags = 0;
            e->saved = cd->saved;
            jit_flags_finish(e);
        }
        call_routine(e, e->seq[cd->k]);
        if (cd->conf_g >= 0)
            cold_conf(e, cd);
        jit_regs_load(x, &cd->join);
        x64_patch_rel32(x, x64_jmp(x), cd->done);
        scratch->rec[(*nrec)++] = rec_of(cd->k, (uint32_t)x64_off(x), JIT_REC_SLOW, 0, 0);
    }
}

void jit_emit_side_exit(struct jit_emit *e, size_t jcc, uint64_t target)
{
    if (scratch->nside == JIT_SB_MAX) {
        scratch->overflow = true;
        return;
    }
    scratch->side[scratch->nside++] = (struct side){e->k, jcc, target, e->regs, e->flags, e->saved};
}

/* the side exits: from the branch, the cache written back and the live
 * flags packed as they were there, then a chainable exit */
static void emit_sides(struct jit_emit *e, uint32_t *nrec)
{
    struct x64_buf *x = e->x;
    struct jit_regs now = e->regs;
    uint8_t flags = e->flags, saved = e->saved;
    for (uint32_t n = 0; n < scratch->nside; n++) {
        const struct side *sd = &scratch->side[n];
        x64_patch_rel32(x, sd->jcc, x64_off(x));
        e->regs = sd->at;
        e->flags = sd->flags;
        e->saved = sd->saved;
        jit_flags_finish(e);
        jit_emit_exit(e, sd->target);
        scratch->rec[(*nrec)++] = rec_of(sd->k, (uint32_t)x64_off(x), JIT_REC_SIDE, 0, 0);
    }
    e->regs = now;
    e->flags = flags;
    e->saved = saved;
}

/* a loop's way back: the cache made the loop label's, a jump there (the
 * cache as it was stays the emitter's: code after this is another way);
 * the first one's cache is what a second pass starts the loop with */
static void loop_back(struct jit_emit *e)
{
    struct jit_regs now = e->regs;
    jit_flags_finish(e);
    if (!scratch->have_back) {
        scratch->back = e->regs;
        scratch->have_back = true;
    }
    jit_regs_reconcile(e, &e->loop_at);
    size_t at = x64_jmp(e->x);
    x64_patch_rel32(e->x, at, e->loop_label);
    e->regs = now;
}

static void exit_field(struct jit_emit *e, bool call, uint64_t target);

void jit_emit_exit(struct jit_emit *e, uint64_t target)
{
    struct x64_buf *x = e->x;
    if (jit_is_loop(e, target)) {
        loop_back(e);
        return;
    }
    jit_regs_sync_exit(e);
    if (e->nexit == EXIT_MAX || !jit_chaining()) {
        /* not chainable: a plain exit */
        x64_mov_ri(x, X64_RAX, target);
        jump_stub(e, -1, jit_stub_to_engine);
        return;
    }
    /* c->pc is stored by the unlinked stub, or by the target's request
     * path: a linked exit is one jmp */
    exit_field(e, false, target);
}

/* a chainable exit's jmp or call, its rel32 field 4-byte aligned (for the
 * patch) and recorded; the stub is emitted after the body */
static void exit_field(struct jit_emit *e, bool call, uint64_t target)
{
    x64_align_field(e->x, 1);
    size_t at = call ? x64_call(e->x) : x64_jmp(e->x);
    if (at == SIZE_MAX)
        return;
    scratch->exit[e->nexit].jmp_at = (uint32_t)at;
    scratch->exit[e->nexit].target = target;
    e->nexit++;
}

/* the code a RET to `ret` returns to after a call with a return frame:
 * every register but the pinned one is in struct cpu (the host registers
 * hold the callee's values: the cache is emptied, no code; `ret` may be
 * the loop's head, whose way back then loads the label's registers), then
 * the exit to `ret`; the cache and facts stay the caller's for code after */
static void after_call(struct jit_emit *e, uint64_t ret)
{
    struct jit_regs now = e->regs;
    struct jit_conf conf = e->conf;
    jit_regs_reset(&e->regs);
    e->conf.mask = 0;
    jit_emit_exit(e, ret);
    e->regs = now;
    e->conf = conf;
}

bool jit_ras(void) { return jit_chaining() && !(opt.jit_off & JIT_OFF_ras); }

/* at the floor every frame is dropped (rsp back at the empty frame): they
 * are only a cache of return addresses, and nothing else of translated
 * code lives on the host stack between calls */
static void ras_room(struct jit_emit *e)
{
    struct x64_buf *x = e->x;
    x64_alu_rm(x, X64_CMP, true, X64_RSP, jit_cpu(JIT_OFF(ras_floor)));
    size_t room = x64_jcc(x, X64_A);
    x64_load(x, 8, false, true, X64_RSP, jit_cpu(JIT_OFF(ras_base)));
    x64_patch_rel32(x, room, x64_off(x));
}

bool jit_emit_call_frame(struct jit_emit *e, uint64_t ret)
{
    struct x64_buf *x = e->x;
    if (e->nexit + 1 > EXIT_MAX)
        return false;
    ras_room(e);
    x64_mov_ri(x, X64_RCX, ret);
    x64_push(x, X64_RCX);
    x64_call_r(x, X64_RDX);
    after_call(e, ret);
    return true;
}

void jit_emit_call_exit(struct jit_emit *e, uint64_t target, uint64_t ret)
{
    struct x64_buf *x = e->x;
    if (!jit_ras() || jit_is_loop(e, target) || e->nexit + 2 > EXIT_MAX) {
        jit_emit_exit(e, target);
        return;
    }
    jit_regs_sync_exit(e);
    ras_room(e);
    x64_mov_ri(x, X64_RAX, ret);
    x64_push(x, X64_RAX);
    exit_field(e, true, target);
    after_call(e, ret);
}

/* the pcs the superblock may go on from after block bl (0: none), the
 * first choice first: its terminal END_BLOCK's when no branch ends it (the
 * page's end, BLOCK_MAX), a conditional branch's fall-through and then its
 * target when forward (the other way is a side exit; not when both ways
 * are the same pc), a direct B's target */
static void sb_next_pc(const struct block *bl, uint64_t next[2])
{
    next[0] = next[1] = 0;
    if (bl->n < 2)
        return;
    const struct insn *t = &bl->insns[bl->n - 2];
    uint64_t target = t->pc + (uint64_t)t->imm;
    if (!(t->flags & INSN_END)) {
        next[0] = bl->insns[bl->n - 1].pc;
        return;
    }
    switch (t->op) {
    case OP_B: next[0] = target; return;
    case OP_B_COND:
        if (t->cond >= 14)
            return;
        /* fall through */
    case OP_CBZ:
    case OP_CBNZ:
    case OP_TBZ:
    case OP_TBNZ:
        /* a backward target is a loop's head: it makes its own
         * translation, whose loop stays inside */
        if (target != t->pc + 4) {
            next[0] = t->pc + 4;
            next[1] = target > t->pc ? target : 0;
        }
        return;
    default: return;
    }
}

/* the superblock's blocks from its head b into blk, their count in *nblk,
 * their instructions returned: each next one already decoded (so it has
 * run: code that never ran is not translated) and run at least half as
 * often as the head, live, on b's page, not in the list yet, and the whole
 * within BLOCK_MAX instructions */
static uint32_t sb_form(struct block *b, struct block **blk, uint32_t *nblk)
{
    blk[0] = b;
    *nblk = 1;
    uint32_t n = b->n;
    while (*nblk < JIT_SB_MAX && jit_superblocks()) {
        uint64_t next[2];
        sb_next_pc(blk[*nblk - 1], next);
        struct block *nb = NULL;
        for (int w = 0; w < 2 && !nb; w++) {
            uint64_t pc = next[w];
            if (!pc || pc / GUEST_PAGE != b->pc / GUEST_PAGE)
                continue;
            bool seen = false;
            for (uint32_t m = 0; m < *nblk; m++)
                seen |= blk[m]->pc == pc;
            nb = seen ? NULL : block_find(pc);
            if (nb && (__atomic_load_n(&nb->retired, __ATOMIC_RELAXED) || n + nb->n > BLOCK_MAX))
                nb = NULL;
            /* as hot as half the head at least: a branch's cold way (a
             * loop's exit, an error path that ran once) stays out, and
             * with it the translation time and code it would cost */
            if (nb && 2ull * block_count_read(nb) < block_count_read(b))
                nb = NULL;
        }
        if (!nb)
            break;
        blk[(*nblk)++] = nb;
        n += nb->n;
    }
    return n;
}

/* whether seq[k] is the branch ending an inner block (its taken way a
 * side exit) or that block's END_BLOCK/B (no code) */
static bool seq_inner_end(const struct jit_emit *e, uint32_t k)
{
    uint32_t m = scratch->seq_blk[k];
    return m + 1 < e->tb->nblk && scratch->seq_k[k] + 2u >= e->tb->blk[m]->n;
}

/* whether flags live before seq[k] are worth putting aside: the way on
 * reaches a full setter or a consumer before it leaves the translation
 * (else they are packed once now rather than saved and converted at the
 * exit); side exits and faults on the way convert them out of line */
static bool flags_aside_pays(const struct jit_emit *e, uint32_t k)
{
    for (uint32_t j = k; j < e->n; j++) {
        const struct insn *i = e->seq[j];
        bool inner = seq_inner_end(e, j);
        if (inner && (i->op == OP_END_BLOCK || i->op == OP_B))
            continue;
        if (i->flags & (INSN_RD_NZCV | INSN_WR_NZCV))
            return true;
        if ((i->flags & INSN_END) || i->op == OP_END_BLOCK) {
            if (!inner)
                return false;
        }
    }
    return false;
}

void jit_flags_access(struct jit_emit *e, bool keeps)
{
    if (!e->flags || keeps)
        return;
    if (!jit_checking && flags_aside_pays(e, e->k + 1))
        jit_flags_aside(e);
    else
        jit_flags_finish(e);
}

/* the superblock's instructions; false when it cannot be translated */
static bool emit_block(struct jit_emit *e, uint32_t *nrec)
{
    struct x64_buf *x = e->x;
    struct jit_tb *tb = e->tb;
    uint32_t n = 0;
    for (uint32_t m = 0; m < tb->nblk; m++)
        for (uint32_t k = 0; k < tb->blk[m]->n; k++) {
            scratch->seq[n] = &tb->blk[m]->insns[k];
            scratch->seq_blk[n] = (uint8_t)m;
            scratch->seq_k[n] = (uint16_t)k;
            n++;
        }
    e->seq = scratch->seq;
    e->n = n;
    jit_regs_plan(e, scratch->next_use);
    /* the jump cache's way in: rax must be this translation's pc (the
     * header's, just before the code: cmp is 7 bytes) */
    struct x64_mem hdr_pc = {.base = X64_NOREG, .index = X64_NOREG, .scale = 1, .rip = true,
                             .disp = -(int32_t)(x64_off(x) + 7 + 8)};
    x64_alu_rm(x, X64_CMP, true, X64_RAX, hdr_pc);
    jump_stub(e, X64_NE, jit_stub_to_engine);
    x64_nops(x, (unsigned)(JIT_ENTRY - x64_off(x)));
    /* entry: the loop's registers loaded (none but in a loop's second
     * pass); the loop label; leave at once when the engine has something
     * to do (a signal, an exit), so chained code and loops stay prompt */
    struct jit_regs entry = e->loop_at;
    if (jit_pin) /* live in its register since the last entry stub */
        entry.guest[JIT_PIN_SLOT] = -1;
    jit_regs_load(x, &entry);
    e->regs = e->loop_at;
    e->conf.mask = 0;
    e->loop_label = x64_off(x);
    x64_alu_mi(x, X64_CMP, false, jit_cpu(JIT_OFF(exit_request)), 0);
    size_t to_request = x64_jcc(x, X64_NE);
    for (uint32_t k = 0; k < n; k++) {
        const struct insn *i = e->seq[k];
        uint32_t m = scratch->seq_blk[k];
        e->k = k;
        /* an inner block's last two: its branch (or last instruction) and
         * its END_BLOCK */
        e->next_pc = m + 1 < tb->nblk && scratch->seq_k[k] + 2u >= tb->blk[m]->n ? tb->blk[m + 1]->pc : 0;
        e->regs.lock = 0;
        e->fault_map = 0;
        /* an inner block's END_BLOCK or B is no code at all */
        bool none = e->next_pc && (i->op == OP_END_BLOCK || i->op == OP_B);
        /* live or put-aside flags that i overwrites whole are dead: nothing
         * since their compare needed them in c->nzcv (or they would be) */
        if ((e->flags || e->saved) && (i->flags & (INSN_RD_NZCV | INSN_WR_NZCV | INSN_MEM)) == INSN_WR_NZCV)
            e->flags = e->saved = 0;
        if (!none && e->saved && (i->flags & INSN_RD_NZCV)) {
            /* a consumer: the flags back into x86's, or into c->nzcv */
            if (jit_flags_restorable(e, i))
                jit_flags_restore(e);
            else
                jit_flags_finish(e);
        }
        /* i leaves the translation (then c->nzcv must be exact), but for an
         * inner block's conditional branch, whose side exit converts them */
        bool leaves = (i->flags & INSN_END) || i->op == OP_END_BLOCK;
        bool inner = e->next_pc && (i->op == OP_B_COND || i->op == OP_CBZ || i->op == OP_CBNZ ||
                                    i->op == OP_TBZ || i->op == OP_TBNZ);
        /* (a memory access decides for itself: jit_flags_access) */
        if (e->flags && !none && !jit_flags_fusable(e, i) && !jit_flags_transparent(i) && !(i->flags & INSN_MEM)) {
            /* an instruction that may fault or clobber them but stays in
             * the translation: put aside (jit_emit_call converts them if
             * it ends up a routine); else packed into c->nzcv */
            if (!(i->flags & INSN_RD_NZCV) && (!leaves || inner))
                jit_flags_access(e, false);
            else
                jit_flags_finish(e);
        }
        if (e->saved && !none && leaves && !inner)
            jit_flags_finish(e);
        int64_t conf_off = 0;
        int conf_to = none ? -1 : jit_conf_carry(e, i, &conf_off);
        if (none)
            ;
        else if (i->op == OP_END_BLOCK)
            jit_emit_exit(e, i->pc);
        else if (!jit_emit_branch(e, i) && !jit_emit_dp(e, i) && !jit_emit_ldst(e, i) &&
                 !jit_emit_simd(e, i) && !jit_emit_fp(e, i))
            jit_emit_call(e, i);
        /* --jit-off regcache: nothing stays in a host register from one
         * instruction to the next */
        if (opt.jit_off & JIT_OFF_regcache)
            jit_regs_drop(e);
        if (conf_to >= 0)
            jit_conf_set(e, (unsigned)conf_to, conf_off);
        scratch->rec[k] = rec_of(k, (uint32_t)x64_off(x), JIT_REC_BODY, e->fault_map,
                                 e->saved ? e->saved : e->flags ? (uint8_t)(e->flags | JIT_REC_LIVE) : 0);
        if (x->full)
            return false;
    }
    jit_flags_finish(e);
    *nrec = n;
    emit_cold(e, nrec);
    emit_sides(e, nrec);
    /* the label's request path: a chained exit or a jump-cache hit came in
     * without storing c->pc, which the engine needs; the loop's registers
     * written back (at the entry they equal struct cpu's) */
    x64_patch_rel32(x, to_request, x64_off(x));
    jit_regs_store(x, &e->loop_at);
    x64_mov_ri(x, X64_RAX, tb->pc);
    jump_stub(e, -1, jit_stub_to_engine);
    return !x->full && !scratch->overflow;
}

static uint64_t now_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}


/* one emission of e->tb from scratch, its exits' stubs included */
static bool emit_pass(struct jit_emit *e, uint32_t *nrec)
{
    struct x64_buf *x = e->x;
    struct jit_tb *tb = e->tb;
    /* the code starts after the header in the cache: emit it at the same
     * offset, so alignment (the patchable jmps) carries over */
    x64_init(x, scratch->code, sizeof scratch->code);
    x64_nops(x, sizeof(struct jit_hdr));
    x->start = x->p; /* offsets from the entry */
    scratch->nreloc = 0;
    scratch->ncold = 0;
    scratch->nside = 0;
    scratch->have_back = false;
    scratch->calls = 0;
    scratch->overflow = false;
    e->nexit = 0;
    e->flags = 0;
    e->saved = 0;
    *nrec = 0;
    if (!emit_block(e, nrec))
        return false;
    /* the exits' stubs */
    for (uint32_t k = 0; k < e->nexit; k++) {
        struct jit_exit *ex = &tb->exits[k];
        ex->target = scratch->exit[k].target;
        ex->jmp_at = scratch->exit[k].jmp_at;
        ex->from = tb;
        ex->stub_at = (uint32_t)x64_off(x);
        x64_patch_rel32(x, ex->jmp_at, ex->stub_at);
        x64_mov_ri(x, X64_RAX, ex->target);
        x64_store(x, 8, X64_RAX, jit_cpu(JIT_OFF(pc)));
        jit_emit_ptr(e, X64_RDX, ex);
        x64_mov_ri(x, X64_RAX, X_BRANCH);
        jump_stub(e, -1, jit_stub_epilogue);
    }
    return !x->full && !scratch->overflow;
}

/* The record of a translation made in scratch->tb, in one allocation of
 * the size its exits and recovery records take (python3 makes 8,000
 * translations: sized for the worst case they took twice the memory). The
 * stubs load their exit's address: those relocations move with it. */
static struct jit_tb *tb_finish(const struct jit_tb *st)
{
    struct jit_tb *tb = arena_alloc(sizeof *tb + st->nexit * sizeof(struct jit_exit) +
                                    st->nrec * sizeof(struct jit_rec));
    if (!tb)
        return NULL;
    *tb = *st;
    tb->exits = (struct jit_exit *)(tb + 1);
    tb->rec = (struct jit_rec *)(tb->exits + st->nexit);
    memcpy(tb->exits, st->exits, st->nexit * sizeof(struct jit_exit));
    for (uint32_t k = 0; k < st->nexit; k++)
        tb->exits[k].from = tb;
    memcpy(tb->rec, scratch->rec, st->nrec * sizeof(struct jit_rec));
    const uint8_t *lo = (const uint8_t *)st->exits, *hi = (const uint8_t *)(st->exits + st->nexit);
    for (uint32_t k = 0; k < scratch->nreloc; k++) {
        struct reloc *r = &scratch->reloc[k];
        const uint8_t *to = r->to;
        if (r->abs && to >= lo && to < hi)
            r->to = (const uint8_t *)tb->exits + (to - lo);
    }
    return tb;
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
    struct jit_tb *tb = &scratch->tb;
    memset(tb, 0, sizeof *tb);
    memset(scratch->tb_exits, 0, sizeof scratch->tb_exits);
    tb->b = b;
    tb->pc = b->pc;
    sb_form(b, tb->blk, &tb->nblk);
    tb->exits = scratch->tb_exits;

    struct x64_buf x;
    struct jit_emit e = {.x = &x, .b = b, .tb = tb, .loop = jit_loops()};
    uint32_t nrec = 0;
    jit_regs_reset(&e.loop_at);
    bool ok = emit_pass(&e, &nrec);
    /* a loop: again, the label holding what the first pass's way back had
     * (a second pass that does not fit falls back to the first's code);
     * not when the body calls a routine, which empties the cache anyway:
     * the label's registers would be loaded and written back for nothing */
    if (ok && scratch->have_back && !scratch->calls &&
        memcmp(scratch->back.guest, e.loop_at.guest, sizeof e.loop_at.guest)) {
        e.loop_at = scratch->back;
        e.loop_at.lock = 0;
        e.wrap = true;
        if (!emit_pass(&e, &nrec)) {
            jit_regs_reset(&e.loop_at);
            e.wrap = false;
            ok = emit_pass(&e, &nrec);
        }
    }
    if (ok) {
        tb->nexit = e.nexit;
        tb->loops = scratch->have_back;
        tb->nrec = nrec;
        tb->size = (uint32_t)x64_off(&x);
        tb = tb_finish(tb);
    }
    if (!ok || !tb) {
        jit_count_translation(0, false);
        return NULL;
    }
    if (!jit_publish(b, tb, tb->size)) {
        arena_free(tb);
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
        if (r->abs) {
            memcpy(field, &r->to, 8);
            continue;
        }
        int32_t rel = (int32_t)((const uint8_t *)r->to - (field + 4));
        memcpy(field, &rel, 4);
    }
}

bool jit_recover(struct cpu *c, uintptr_t host_pc, const uint64_t host[17])
{
    struct jit_tb *tb = jit_cache_find(host_pc);
    if (!tb || host_pc < (uintptr_t)tb->code || host_pc >= (uintptr_t)tb->code + tb->size)
        return false;
    uint32_t off = (uint32_t)(host_pc - (uintptr_t)tb->code);
    for (uint32_t k = 0; k < tb->nrec; k++)
        if (off < tb->rec[k].host_end) {
            c->cur = &tb->blk[tb->rec[k].blk]->insns[tb->rec[k].insn];
            if (host)
                jit_regs_recover(c, tb->rec[k].regmap, host);
            /* a fault with the flags put aside or live: NZCV from them */
            if (host && tb->rec[k].saved)
                c->nzcv = jit_flags_nzcv(tb->rec[k].saved & JIT_REC_LIVE ? host[16] : c->flags_raw,
                                         tb->rec[k].saved);
            return true;
        }
    return false;
}

struct jit_ret jit_run(struct cpu *c, struct jit_tb *t)
{
    struct jit_ret (*enter)(struct cpu *, void *) = (struct jit_ret(*)(struct cpu *, void *))(void *)jit_stub_enter;
    return enter(c, t->code + JIT_ENTRY);
}

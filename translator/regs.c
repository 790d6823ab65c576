/* The register cache: guest X registers held in host registers while a
 * translation runs, so a value computed by one instruction reaches the next
 * without a store and a reload through struct cpu; SP stays in its pinned
 * register from one translation to the next (jit_pin, internal.h).
 *
 * A guest register is loaded into a pool register at its first read in the
 * translation, given one without a load at a whole write, and written back to
 * struct cpu (it is "dirty" until then) when the pool register is taken for
 * another, before every helper call and exit, and on the slow path of a
 * memory access. So:
 * - at every exit and helper call struct cpu is exact (the interpreter's
 *   routines, the engine and the checker see nothing of the cache);
 * - at a host fault on a memory access's fast path the dirty registers are
 *   where the instruction's recovery record (jit_regs_map) says, and
 *   jit_regs_recover puts them back from the fault's host registers;
 * - emission is straight-line: an emitter takes every register it needs
 *   before its first internal branch, so both sides of it agree on the
 *   cache (a memory access's slow path starts from a snapshot taken at its
 *   branch and reloads the join state after its call).
 * Registers an instruction holds are locked until the next instruction, so
 * taking one never evicts another the emitter still uses. */
#include <string.h>

#include "translator/internal.h"

const int8_t jit_pool[JIT_NPOOL] = {X64_RBP, X64_R14, X64_R11, X64_R15, X64_RSI,
                                    X64_RDI, X64_R8,  X64_R9,  X64_R10};

bool jit_pin;

void jit_regs_reset(struct jit_regs *r)
{
    memset(r->slot, -1, sizeof r->slot);
    memset(r->guest, -1, sizeof r->guest);
    r->dirty = 0;
    r->lock = 0;
    if (jit_pin) {
        r->slot[JIT_PIN_GUEST] = JIT_PIN_SLOT;
        r->guest[JIT_PIN_SLOT] = JIT_PIN_GUEST;
        r->dirty = 1ull << JIT_PIN_GUEST;
    }
}

static void store_back(struct x64_buf *x, const struct jit_regs *r, int p)
{
    x64_store(x, 8, jit_pool[p], jit_xreg((unsigned)r->guest[p]));
}

void jit_regs_plan(struct jit_emit *e, uint16_t (*next)[34])
{
    uint16_t at[34]; /* the first instruction after k naming each register */
    for (unsigned g = 0; g < 34; g++)
        at[g] = JIT_NO_USE;
    for (uint32_t k = e->n; k-- > 0;) {
        for (unsigned g = 0; g < 34; g++)
            next[k][g] = at[g] == JIT_NO_USE ? JIT_NO_USE : (uint16_t)(at[g] - k);
        const struct insn *i = e->seq[k];
        const uint8_t f[4] = {i->rd, i->rn, i->rm, i->ra};
        for (int j = 0; j < 4; j++)
            if (f[j] < 34)
                at[f[j]] = (uint16_t)k;
    }
    /* in a loop the next iteration's uses count too */
    if (e->wrap)
        for (uint32_t k = 0; k < e->n; k++)
            for (unsigned g = 0; g < 34; g++)
                if (next[k][g] == JIT_NO_USE && at[g] != JIT_NO_USE)
                    next[k][g] = (uint16_t)(e->n - k + at[g]);
    e->next_use = next;
}

/* how many instructions ahead of the current one the translation next
 * names guest register g in any register field (a read, a write or
 * neither: an estimate that errs toward keeping), JIT_NO_USE when it does
 * not (jit_regs_plan's table) */
static uint32_t next_use(const struct jit_emit *e, unsigned g) { return e->next_use[e->k][g]; }

/* a pool slot for guest g (not cached): a free one (in a loop's second
 * pass the one the loop label holds g in, else one the label leaves free
 * or to a register not cached now, so the way back has fewer moves to
 * make), else of those the instruction does not hold the one whose
 * register the block needs last (Belady's choice over the block; a clean
 * one when that ties, so nothing is written back, then the least recently
 * used) */
static int take(struct jit_emit *e, unsigned g)
{
    struct jit_regs *r = &e->regs;
    int best = -1, free_any = -1, free_good = -1;
    uint32_t best_use = 0;
    if (e->wrap) {
        int want = e->loop_at.slot[g];
        if (want >= 0 && r->guest[want] < 0)
            return want;
    }
    for (int p = 0; p < JIT_NPOOL; p++) {
        if (r->guest[p] >= 0)
            continue;
        if (free_any < 0)
            free_any = p;
        int lg = e->wrap ? e->loop_at.guest[p] : -1;
        if (free_good < 0 && (lg < 0 || r->slot[lg] < 0))
            free_good = p;
    }
    if (free_good >= 0 || free_any >= 0)
        return free_good >= 0 ? free_good : free_any;
    for (int p = 0; p < JIT_NPOOL; p++) {
        if ((r->lock & (1u << p)) || (jit_pin && p == JIT_PIN_SLOT))
            continue;
        uint32_t use = next_use(e, (unsigned)r->guest[p]);
        bool better = best < 0 || use > best_use;
        if (!better && use == best_use) {
            bool dirty = r->dirty & (1ull << r->guest[p]), best_dirty = r->dirty & (1ull << r->guest[best]);
            better = dirty != best_dirty ? !dirty : r->stamp[p] < r->stamp[best];
        }
        if (better) {
            best = p;
            best_use = use;
        }
    }
    /* an instruction holds at most five registers */
    unsigned v = (unsigned)r->guest[best];
    if (r->dirty & (1ull << v))
        store_back(e->x, r, best);
    r->dirty &= ~(1ull << v);
    r->slot[v] = -1;
    r->guest[best] = -1;
    return best;
}

static int hold(struct jit_emit *e, unsigned g, bool load, bool write)
{
    struct jit_regs *r = &e->regs;
    int p = r->slot[g];
    if (p < 0) {
        p = take(e, g);
        if (load)
            x64_load(e->x, 8, false, true, jit_pool[p], jit_xreg(g));
        r->slot[g] = (int8_t)p;
        r->guest[p] = (int8_t)g;
    }
    r->lock |= 1u << p;
    r->stamp[p] = ++r->clock;
    if (write && g != REG_ZR)
        r->dirty |= 1ull << g;
    if (write)
        jit_conf_kill(e, g);
    return jit_pool[p];
}

int jit_reg(struct jit_emit *e, unsigned g) { return hold(e, g, true, false); }
int jit_reg_def(struct jit_emit *e, unsigned g) { return hold(e, g, false, true); }
int jit_reg_mod(struct jit_emit *e, unsigned g) { return hold(e, g, true, true); }

/* code writing r's dirty registers back, but those in pool slots `keep` */
static void store_dirty(struct x64_buf *x, const struct jit_regs *r, unsigned keep)
{
    for (int p = 0; p < JIT_NPOOL; p++)
        if (r->guest[p] >= 0 && (r->dirty & (1ull << r->guest[p])) && !(keep & (1u << p)))
            store_back(x, r, p);
}

void jit_regs_store(struct x64_buf *x, const struct jit_regs *r) { store_dirty(x, r, 0); }

void jit_regs_load(struct x64_buf *x, const struct jit_regs *r)
{
    for (int p = 0; p < JIT_NPOOL; p++)
        if (r->guest[p] >= 0)
            x64_load(x, 8, false, true, jit_pool[p], jit_xreg((unsigned)r->guest[p]));
}

/* the written-back registers are clean, but the pinned one, always dirty */
static void sync_keep(struct jit_emit *e, unsigned keep)
{
    store_dirty(e->x, &e->regs, keep);
    e->regs.dirty &= jit_pin ? 1ull << JIT_PIN_GUEST : 0;
}

void jit_regs_sync(struct jit_emit *e) { sync_keep(e, 0); }
void jit_regs_sync_exit(struct jit_emit *e) { sync_keep(e, jit_pin ? 1u << JIT_PIN_SLOT : 0); }

void jit_regs_reload_pinned(struct x64_buf *x)
{
    if (jit_pin)
        x64_load(x, 8, false, true, jit_pool[JIT_PIN_SLOT], jit_xreg(JIT_PIN_GUEST));
}

void jit_regs_drop(struct jit_emit *e)
{
    jit_regs_sync(e);
    jit_regs_reset(&e->regs);
    /* the helper may change any register */
    e->conf.mask = 0;
}

uint64_t jit_regs_map(const struct jit_regs *r)
{
    uint64_t m = 0;
    for (int p = 0; p < JIT_NPOOL; p++)
        if (r->guest[p] >= 0 && (r->dirty & (1ull << r->guest[p])))
            m |= (uint64_t)(r->guest[p] + 1) << (6 * p);
    return m;
}

void jit_regs_recover(struct cpu *c, uint64_t map, const uint64_t host[16])
{
    for (int p = 0; p < JIT_NPOOL; p++) {
        unsigned g = (unsigned)(map >> (6 * p)) & 63;
        if (g && g - 1 < 34)
            c->x[g - 1] = host[jit_pool[p]];
    }
}

void jit_regs_reconcile(struct jit_emit *e, const struct jit_regs *to)
{
    struct x64_buf *x = e->x;
    struct jit_regs *r = &e->regs;
    /* 1: written back, what `to` does not hold or holds as clean */
    for (int p = 0; p < JIT_NPOOL; p++) {
        int g = r->guest[p];
        if (g < 0 || !(r->dirty & (1ull << g)))
            continue;
        if (to->slot[g] < 0 || !(to->dirty & (1ull << g)))
            store_back(x, r, p);
    }
    /* 2: what both hold in different registers, moved as one parallel
     * move: a move whose destination no pending move still reads goes
     * first; a cycle is broken by parking one destination's value in rax */
    int src[JIT_NPOOL]; /* host register to move into pool[q] from, -1: none */
    unsigned pending = 0;
    for (int q = 0; q < JIT_NPOOL; q++) {
        int g = to->guest[q];
        src[q] = -1;
        if (g >= 0 && r->slot[g] >= 0 && r->slot[g] != q) {
            src[q] = jit_pool[r->slot[g]];
            pending |= 1u << q;
        }
    }
    while (pending) {
        int go = -1;
        for (int q = 0; q < JIT_NPOOL && go < 0; q++) {
            if (!(pending & (1u << q)))
                continue;
            bool read = false;
            for (int o = 0; o < JIT_NPOOL; o++)
                read |= (pending & (1u << o)) && o != q && src[o] == jit_pool[q];
            if (!read)
                go = q;
        }
        if (go < 0) {
            /* every pending move's destination is another's source */
            go = __builtin_ctz(pending);
            x64_mov_rr(x, true, X64_RAX, jit_pool[go]);
            for (int o = 0; o < JIT_NPOOL; o++)
                if ((pending & (1u << o)) && src[o] == jit_pool[go])
                    src[o] = X64_RAX;
        }
        x64_mov_rr(x, true, jit_pool[go], src[go]);
        pending &= ~(1u << go);
    }
    /* 3: loaded, what only `to` holds (struct cpu has it: r did not) */
    for (int q = 0; q < JIT_NPOOL; q++) {
        int g = to->guest[q];
        if (g >= 0 && r->slot[g] < 0)
            x64_load(x, 8, false, true, jit_pool[q], jit_xreg((unsigned)g));
    }
    memcpy(r->slot, to->slot, sizeof r->slot);
    memcpy(r->guest, to->guest, sizeof r->guest);
    r->dirty = to->dirty;
}

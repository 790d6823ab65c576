/* Direct-threaded dispatch: every predecoded insn carries the address of its
 * handler label; each handler runs the instruction's inlined semantics and
 * jumps straight to the next insn's label. No decoding, no allocation, no
 * switch per instruction. c->cur is stored before each instruction so a fault
 * anywhere inside it can be attributed to the exact guest pc. */
#include "interp/interp.h"
#include "interp/ops.h"

static const void *const *label_table;

enum xres interp_run(struct cpu *c, const struct block *b)
{
    static const void *const labels[OP_COUNT] = {
#define X(name) [OP_##name] = &&L_##name,
        DECODE_OPS(X)
#undef X
        [OP_END_BLOCK] = &&L_END_BLOCK,
        [OP_UNDEF] = &&L_UNDEF,
    };
    if (!b) {
        __atomic_store_n(&label_table, labels, __ATOMIC_RELEASE);
        return X_NEXT;
    }
    const struct insn *ip = b->insns;
    enum xres r;
    goto *ip->label;

    /* One handler per op. The jump to the next label is written out in each
     * handler (the table expansion only names them), so the indirect branch
     * is replicated per op, which is what makes threading predict well. */
#define X(name)                             \
    L_##name : c->cur = ip;                 \
    r = op_##name(c, ip);                   \
    if (__builtin_expect(r == X_NEXT, 1)) { \
        ip++;                               \
        goto *ip->label;                    \
    }                                       \
    return r;
    DECODE_OPS(X)
    X(END_BLOCK)
    X(UNDEF)
#undef X
}

/* The table is made lazily because only interp_run can name its labels.
 * Threads may race to make it: each stores the same constant pointer with an
 * atomic release, so the race is harmless and needs neither a lock nor a
 * pthread_once (which a fork in the middle could leave taken forever). */
void interp_thread_block(struct block *b)
{
    const void *const *t = __atomic_load_n(&label_table, __ATOMIC_ACQUIRE);
    if (!t) {
        interp_run(NULL, NULL);
        t = __atomic_load_n(&label_table, __ATOMIC_ACQUIRE);
    }
    for (uint32_t k = 0; k < b->n; k++)
        b->insns[k].label = t[b->insns[k].op];
}

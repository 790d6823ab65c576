/* Addressable copies of every instruction's semantics, for callers that
 * cannot use the inlined ones in the dispatch loop (the translator's
 * fallback calls, lockstep checking, unit tests). */
#include "interp/ops.h"

#define X(name) \
    static enum xres exec_##name(struct cpu *c, const struct insn *i) { return op_##name(c, i); }
DECODE_OPS(X)
#undef X
static enum xres exec_END_BLOCK(struct cpu *c, const struct insn *i) { return op_END_BLOCK(c, i); }
static enum xres exec_UNDEF(struct cpu *c, const struct insn *i) { return op_UNDEF(c, i); }

const exec_fn exec_table[OP_COUNT] = {
#define X(name) [OP_##name] = exec_##name,
    DECODE_OPS(X)
#undef X
    [OP_END_BLOCK] = exec_END_BLOCK,
    [OP_UNDEF] = exec_UNDEF,
};

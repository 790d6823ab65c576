/* All instruction semantics: one static inline op_<name>() per decode row,
 * grouped by class. Included by the threaded dispatch loop (inlined) and by
 * interp/exec_table.c (addressable, for the translator's fallback calls). */
#ifndef PVM_INTERP_OPS_H
#define PVM_INTERP_OPS_H
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/insn.h"
#include "interp/branch.h"
#include "interp/dp_imm.h"
#include "interp/dp_reg.h"
#include "interp/ldst.h"
#include "interp/fp.h"
#include "interp/simd.h"
#include "interp/crypto.h"
#include "interp/simdx.h"

/* pseudo-op that ends every block: continue at the following guest pc */
static inline enum xres op_END_BLOCK(struct cpu *c, const struct insn *i)
{
    c->pc = i->pc;
    return X_BRANCH;
}
static inline enum xres op_UNDEF(struct cpu *c, const struct insn *i)
{
    c->pc = i->pc;
    return X_UNDEF;
}

typedef enum xres (*exec_fn)(struct cpu *, const struct insn *);
extern const exec_fn exec_table[OP_COUNT];
#endif

/* Data processing emitted natively (the mirror of interp/dp_imm.h and
 * interp/dp_reg.h). Nothing yet: every such instruction goes through its
 * interpreter routine. */
#include "translator/internal.h"

bool jit_emit_dp(struct jit_emit *e, const struct insn *i)
{
    (void)e, (void)i;
    return false;
}

/* Loads and stores emitted natively (the mirror of interp/ldst.h). Nothing
 * yet: every such instruction goes through its interpreter routine. */
#include "translator/internal.h"

bool jit_emit_ldst(struct jit_emit *e, const struct insn *i)
{
    (void)e, (void)i;
    return false;
}

/* dp_reg: the format function of interp/dp_reg.decode. Every other field of
 * the class is a plain field of its row (rd, rn, rm, ra; sf; opt = shift
 * type or extend option; amt = shift amount; cond; x = CCMP/CCMN nzcv, the
 * RMIF mask or the CRC32C flag; imm = CCMP imm5; size = CRC32/SETF operand
 * log2 bytes). */
#ifndef PVM_INTERP_DP_REG_FMT_H
#define PVM_INTERP_DP_REG_FMT_H
#include "decode_fields.h"
#include "interp/fmt_common.h"

/* CCMP/CCMN: the flags set when the condition fails, in place (31..28) */
static inline void fmt_dpr_ccmp(struct insn *i, const struct dec_fields *f)
{
    i->imm2 = (uint64_t)f->nzcv << 28;
}

#endif

/* The A64 decoder: one raw word to one predecoded struct insn, driven by the
 * rows of the decode tables (interp/<class>.decode). Shared by the
 * interpreter and the translator. */
#ifndef PVM_INTERP_DECODE_H
#define PVM_INTERP_DECODE_H

#include "interp/insn.h"

/* Fills *i for the word raw at guest address pc. Unmatched words become
 * OP_UNDEF (which ends the block), and so are the words of a feature the
 * selected CPU model lacks (core/cpumodel.h). */
void decode_insn(struct insn *i, uint32_t raw, uint64_t pc);
const char *decode_op_name(unsigned op);
/* the feature (HWCAP_FEAT_x, core/hwcap.h) op belongs to, or -1 for the
 * base ISA: its row's feature column (interp/<class>.decode) */
int decode_op_feature(unsigned op);
/* the feature of the instruction raw whatever the CPU model (-1 for the
 * base ISA or an unallocated word): why a word decoded as OP_UNDEF */
int decode_word_feature(uint32_t raw);

#endif

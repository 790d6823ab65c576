/* The A64 decoder: one raw word to one predecoded struct insn, driven by the
 * rows of interp/insns.def. Shared by the interpreter and the translator. */
#ifndef PVM_INTERP_DECODE_H
#define PVM_INTERP_DECODE_H

#include "interp/insn.h"

/* Fills *i for the word raw at guest address pc. Unmatched words become
 * OP_UNDEF (which ends the block). */
void decode_insn(struct insn *i, uint32_t raw, uint64_t pc);
const char *decode_op_name(unsigned op);

#endif

/* dp_imm: instruction semantics for the rows of interp/dp_imm.def. */
#ifndef PVM_INTERP_DP_IMM_H
#define PVM_INTERP_DP_IMM_H
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/insn.h"
#endif

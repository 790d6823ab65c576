/* dp_reg: instruction semantics for the rows of interp/dp_reg.def. */
#ifndef PVM_INTERP_DP_REG_H
#define PVM_INTERP_DP_REG_H
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/insn.h"
#endif

/* ldst: instruction semantics for the rows of interp/ldst.def. */
#ifndef PVM_INTERP_LDST_H
#define PVM_INTERP_LDST_H
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/insn.h"
#endif

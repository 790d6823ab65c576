/* branch: instruction semantics for the rows of interp/branch.def. */
#ifndef PVM_INTERP_BRANCH_H
#define PVM_INTERP_BRANCH_H
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/insn.h"
#endif

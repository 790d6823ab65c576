/* fp: instruction semantics for the rows of interp/fp.def. */
#ifndef PVM_INTERP_FP_H
#define PVM_INTERP_FP_H
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/insn.h"
#endif

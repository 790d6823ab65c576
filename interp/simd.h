/* simd: instruction semantics for the rows of interp/simd.def. */
#ifndef PVM_INTERP_SIMD_H
#define PVM_INTERP_SIMD_H
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/insn.h"
#endif

/* Semantics of the post-ARMv8.0 SIMD&FP extensions: RDM (SQRDMLAH/SQRDMLSH),
 * DotProd (SDOT/UDOT), JSCVT (FJCVTZS), FRINTTS (FRINT32/64). */
#ifndef PVM_INTERP_SIMDX_H
#define PVM_INTERP_SIMDX_H
#include "core/cpu.h"
#include "interp/insn.h"
#endif

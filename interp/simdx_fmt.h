/* Field extraction for the post-ARMv8.0 SIMD&FP extension rows (interp/simdx.def). */
#ifndef PVM_INTERP_SIMDX_FMT_H
#define PVM_INTERP_SIMDX_FMT_H
#include "interp/fmt_common.h"
#endif

/* simd: decode format functions (fields from the raw word) for interp/simd.def. */
#ifndef PVM_INTERP_SIMD_FMT_H
#define PVM_INTERP_SIMD_FMT_H
#include "interp/fmt_common.h"
#endif

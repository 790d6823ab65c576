/* dp_imm: decode format functions (fields from the raw word) for interp/dp_imm.def. */
#ifndef PVM_INTERP_DP_IMM_FMT_H
#define PVM_INTERP_DP_IMM_FMT_H
#include "interp/fmt_common.h"
#endif

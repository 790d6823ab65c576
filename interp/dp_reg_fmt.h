/* dp_reg: decode format functions (fields from the raw word) for interp/dp_reg.def. */
#ifndef PVM_INTERP_DP_REG_FMT_H
#define PVM_INTERP_DP_REG_FMT_H
#include "interp/fmt_common.h"
#endif

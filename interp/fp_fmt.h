/* fp: decode format functions (fields from the raw word) for interp/fp.def. */
#ifndef PVM_INTERP_FP_FMT_H
#define PVM_INTERP_FP_FMT_H
#include "interp/fmt_common.h"
#endif

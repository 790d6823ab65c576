/* ldst: decode format functions (fields from the raw word) for interp/ldst.def. */
#ifndef PVM_INTERP_LDST_FMT_H
#define PVM_INTERP_LDST_FMT_H
#include "interp/fmt_common.h"
#endif

/* branch: decode format functions (fields from the raw word) for interp/branch.def. */
#ifndef PVM_INTERP_BRANCH_FMT_H
#define PVM_INTERP_BRANCH_FMT_H
#include "interp/fmt_common.h"
#endif

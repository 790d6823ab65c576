/* All format (field-extraction) functions, one header per instruction class.
 * A format function fills struct insn fields from the raw word and returns
 * false when the word is unallocated for that row (the search continues). */
#ifndef PVM_INTERP_DECODE_FMTS_H
#define PVM_INTERP_DECODE_FMTS_H
#include "interp/fmt_common.h"
#include "interp/branch_fmt.h"
#include "interp/dp_imm_fmt.h"
#include "interp/dp_reg_fmt.h"
#include "interp/ldst_fmt.h"
#include "interp/fp_fmt.h"
#include "interp/simd_fmt.h"
#include "interp/crypto_fmt.h"
#include "interp/simdx_fmt.h"
#endif

/* All format functions, one header per instruction class (crypto.decode's
 * rows have none). A format function computes the struct insn fields that
 * are not plain fields of its row, from the row's named fields (struct
 * dec_fields); it never refuses a word: the rows' constraints say which
 * words an instruction covers. */
#ifndef PVM_INTERP_DECODE_FMTS_H
#define PVM_INTERP_DECODE_FMTS_H
#include "interp/fmt_common.h"
#include "interp/branch_fmt.h"
#include "interp/dp_imm_fmt.h"
#include "interp/dp_reg_fmt.h"
#include "interp/ldst_fmt.h"
#include "interp/fp_fmt.h"
#include "interp/simd_fmt.h"
#include "interp/simdx_fmt.h"
#endif

/* The format function of interp/simdx.decode no other class has (the other
 * rows use interp/simd_fmt.h's and interp/fp_fmt.h's, whose conventions
 * hold here too). */
#ifndef PVM_INTERP_SIMDX_FMT_H
#define PVM_INTERP_SIMDX_FMT_H
#include "decode_fields.h"
#include "interp/fmt_common.h"
#include "interp/simd_fmt.h"

/* SDOT/UDOT (by element): x = S lanes, imm = H:L */
static inline void fmt_simdx_dot_elem(struct insn *i, const struct dec_fields *f)
{
    fmt_simd_lanes(i, f);
    i->imm = f->H << 1 | f->L;
}
#endif

/* Scalar FP arithmetic emitted natively (the mirror of interp/fp.h's fast
 * path): FADD, FSUB, FMUL and FDIV of single and double precision as one
 * SSE instruction, where that is exactly Arm's result and flags, and the
 * interpreter's routine everywhere else (the slow path after the block's
 * body).
 *
 * The fast path is taken only when
 * - FPCR has round to nearest and FZ clear (interp/fp_fast.h's
 *   fpf_usable): pvm's code, translated code included, runs with the host's
 *   default MXCSR (round to nearest, masked, no FTZ/DAZ), so the x86
 *   operation rounds as Arm does;
 * - FPSR.IXC is already set: inexact is the one flag a normal result can
 *   raise, and IXC is cumulative, so it cannot change (programs clear FPSR
 *   rarely; the first inexact operation takes the slow path and sets it);
 * - the result is normal, finite and not of the smallest binade: a NaN
 *   (invalid, or a NaN operand, whose propagation differs between x86 and
 *   Arm), an infinity (overflow, division by zero), zero and subnormals
 *   (underflow) and the smallest normal binade (Arm detects tininess before
 *   rounding, x86 after) all go to the routine, which computes them from
 *   the untouched operands. Only then is Vd written (the upper lanes zero:
 *   movss/movsd from memory leave them clear).
 * Nothing here touches guest memory or X registers. */
#include <stddef.h>

#include "core/options.h"
#include "interp/fpu.h"
#include "translator/internal.h"

static struct x64_mem fp_vreg(unsigned r) { return jit_cpu((int32_t)(offsetof(struct cpu, v) + 16 * r)); }

bool jit_emit_fp(struct jit_emit *e, const struct insn *i)
{
    unsigned op;
    switch (i->op) {
    case OP_FADD: op = 0x0f58; break;
    case OP_FMUL: op = 0x0f59; break;
    case OP_FSUB: op = 0x0f5c; break;
    case OP_FDIV: op = 0x0f5e; break;
    default: return false;
    }
    if ((i->size != 2 && i->size != 3) || (opt.jit_off & JIT_OFF_fp))
        return false;
    struct x64_buf *x = e->x;
    bool dbl = i->size == 3;
    unsigned pfx = dbl ? 0xf2 : 0xf3;
    struct jit_regs at = e->regs;
    x64_test_mi(x, jit_cpu(JIT_OFF(fpcr)), (int32_t)(FPCR_FZ | 3u << FPCR_RMODE_SHIFT));
    size_t slow1 = x64_jcc(x, X64_NE);
    x64_test_mi(x, jit_cpu(JIT_OFF(fpsr)), FPSR_IXC);
    size_t slow2 = x64_jcc(x, X64_E);
    x64_op_rm(x, pfx, false, 0x0f10, 0, fp_vreg(i->rn)); /* movsd/movss xmm0, [Vn] */
    x64_op_rm(x, pfx, false, op, 0, fp_vreg(i->rm));     /* op xmm0, [Vm] */
    /* the biased exponent e of the result: 2 <= e <= max - 1 */
    x64_op_rr(x, 0x66, dbl, 0x0f7e, 0, X64_RAX, false); /* movq rax, xmm0 / movd eax, xmm0 */
    x64_shift_ri(x, X64_SHL, dbl, X64_RAX, 1);
    x64_shift_ri(x, X64_SHR, dbl, X64_RAX, dbl ? 53 : 24);
    x64_alu_ri(x, X64_SUB, false, X64_RAX, 2);
    x64_alu_ri(x, X64_CMP, false, X64_RAX, dbl ? 0x7fe - 2 : 0xfe - 2);
    size_t slow3 = x64_jcc(x, X64_A);
    x64_movdqu_store(x, fp_vreg(i->rd), 0);
    jit_emit_slow(e, (size_t[]){slow1, slow2, slow3}, 3, &at);
    return true;
}

/* Scalar FP arithmetic emitted natively (the mirror of interp/fp.h's fast
 * path): FADD, FSUB, FMUL and FDIV of single and double precision as one
 * SSE instruction, and FMADD, FMSUB, FNMADD, FNMSUB as one FMA3 one where
 * the host has FMA3 (one rounding, like Arm's), where that is exactly Arm's result and flags, and the
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
 * Nothing here touches guest memory; the moves between X and V registers
 * (FMOV general, single and double) and FMOV of a register are loads and
 * stores of the bits, the rest of the V register zero. */
#include <stddef.h>

#include "core/options.h"
#include "interp/fpu.h"
#include "translator/internal.h"

static struct x64_mem fp_vreg(unsigned r) { return jit_cpu((int32_t)(offsetof(struct cpu, v) + 16 * r)); }

/* FMOV Rd, Vn / FMOV Vd, Rn / FMOV Vd, Vn of S or D */
static bool emit_fmov(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    bool dbl = i->size == 3;
    if (i->size != 2 && i->size != 3)
        return false;
    switch (i->op) {
    case OP_FMOV_TOGEN:
        if (i->rd != REG_WSINK)
            x64_load(x, dbl ? 8 : 4, false, dbl, jit_reg_def(e, i->rd), fp_vreg(i->rn));
        return true;
    case OP_FMOV_FROMGEN:
        if (i->rn == REG_ZR)
            x64_op_rr(x, 0x66, false, 0x0fef, 0, 0, false); /* pxor xmm0, xmm0 */
        else
            x64_op_rr(x, 0x66, dbl, 0x0f6e, 0, jit_reg(e, i->rn), false); /* movq/movd xmm0, r */
        x64_movdqu_store(x, fp_vreg(i->rd), 0);
        return true;
    default: /* OP_FMOV_R */
        x64_op_rm(x, dbl ? 0xf2 : 0xf3, false, 0x0f10, 0, fp_vreg(i->rn)); /* movsd/movss xmm0, [Vn] */
        x64_movdqu_store(x, fp_vreg(i->rd), 0);
        return true;
    }
}

/* the host has FMA3 (the fused forms need it: one rounding, as Arm's) */
static bool host_fma(void)
{
    static int has = -1;
    int h = __atomic_load_n(&has, __ATOMIC_RELAXED);
    if (h < 0) {
        __builtin_cpu_init();
        h = __builtin_cpu_supports("fma") != 0;
        __atomic_store_n(&has, h, __ATOMIC_RELAXED);
    }
    return h;
}

/* FCMP/FCMPE of S or D (with a register or #0.0): ucomis[sd], an
 * unordered result (a NaN: which flags FPSR takes depends on E and the NaN's
 * kind) and FPCR.FZ (denormal operands flushed, IDC) to the routine; else
 * NZCV is 0110 equal, 1000 less, 0010 greater, packed by cmov */
static bool emit_fcmp(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    if (i->size != 2 && i->size != 3)
        return false;
    bool dbl = i->size == 3;
    struct jit_regs at = e->regs;
    x64_test_mi(x, jit_cpu(JIT_OFF(fpcr)), (int32_t)FPCR_FZ);
    size_t slow1 = x64_jcc(x, X64_NE);
    x64_op_rm(x, dbl ? 0xf2 : 0xf3, false, 0x0f10, 0, fp_vreg(i->rn)); /* movsd/movss xmm0, [Vn] */
    if (i->y) {
        x64_op_rr(x, 0x66, false, 0x0fef, 1, 1, false); /* pxor xmm1, xmm1 */
        x64_op_rr(x, dbl ? 0x66 : 0, false, 0x0f2e, 0, 1, false);
    } else {
        x64_op_rm(x, dbl ? 0x66 : 0, false, 0x0f2e, 0, fp_vreg(i->rm)); /* ucomisd/ucomiss */
    }
    size_t slow2 = x64_jcc(x, X64_P);
    x64_mov_ri(x, X64_RAX, 0x20000000u);
    x64_mov_ri(x, X64_RCX, 0x60000000u);
    x64_cmov(x, X64_E, false, X64_RAX, X64_RCX);
    x64_mov_ri(x, X64_RCX, 0x80000000u);
    x64_cmov(x, X64_B, false, X64_RAX, X64_RCX);
    x64_store(x, 4, X64_RAX, jit_cpu(JIT_OFF(nzcv)));
    jit_emit_slow(e, (size_t[]){slow1, slow2}, 2, &at);
    return true;
}

/* SCVTF (scalar, from a W or X register) and UCVTF from a W register to S
 * or D: cvtsi2ss/sd into a cleared xmm0 (UCVTF's value zero-extended to a
 * 64-bit signed one), under the arithmetic's gate (round to nearest,
 * FPSR.IXC already set: an inexact conversion raises nothing new) */
static bool emit_scvtf(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    bool uns = i->op == OP_UCVTF_I;
    if ((i->size != 2 && i->size != 3) || (uns && i->sf))
        return false;
    /* the register taken before the snapshot the slow path starts from */
    int h = i->rn == REG_ZR ? -1 : jit_reg(e, i->rn);
    struct jit_regs at = e->regs;
    x64_test_mi(x, jit_cpu(JIT_OFF(fpcr)), (int32_t)(3u << FPCR_RMODE_SHIFT));
    size_t slow1 = x64_jcc(x, X64_NE);
    x64_test_mi(x, jit_cpu(JIT_OFF(fpsr)), FPSR_IXC);
    size_t slow2 = x64_jcc(x, X64_E);
    x64_op_rr(x, 0x66, false, 0x0fef, 0, 0, false); /* pxor xmm0, xmm0 */
    if (h >= 0 && uns) {
        x64_mov_rr(x, false, X64_RCX, h);
        x64_op_rr(x, i->size == 3 ? 0xf2 : 0xf3, true, 0x0f2a, 0, X64_RCX, false);
    } else if (h >= 0) {
        x64_op_rr(x, i->size == 3 ? 0xf2 : 0xf3, i->sf, 0x0f2a, 0, h, false); /* cvtsi2sd/ss xmm0, r */
    }
    x64_movdqu_store(x, fp_vreg(i->rd), 0);
    jit_emit_slow(e, (size_t[]){slow1, slow2}, 2, &at);
    return true;
}

bool jit_emit_fp(struct jit_emit *e, const struct insn *i)
{
    unsigned op;
    bool fused = false;
    switch (i->op) {
    case OP_FMOV_TOGEN:
    case OP_FMOV_FROMGEN:
    case OP_FMOV_R: return emit_fmov(e, i);
    case OP_FCMP: return opt.jit_off & JIT_OFF_fp ? false : emit_fcmp(e, i);
    case OP_SCVTF_I:
    case OP_UCVTF_I: return opt.jit_off & JIT_OFF_fp ? false : emit_scvtf(e, i);
    case OP_FADD: op = 0x0f58; break;
    case OP_FMUL: op = 0x0f59; break;
    case OP_FSUB: op = 0x0f5c; break;
    case OP_FDIV: op = 0x0f5e; break;
    /* Va +- Vn * Vm as vfm*231 (xmm0 = Va, xmm1 = Vn, Vm from memory):
     * FMADD a + nm, FMSUB a - nm, FNMADD -a - nm, FNMSUB nm - a */
    case OP_FMADD: op = 0xb9; fused = true; break;
    case OP_FMSUB: op = 0xbd; fused = true; break;
    case OP_FNMADD: op = 0xbf; fused = true; break;
    case OP_FNMSUB: op = 0xbb; fused = true; break;
    default: return false;
    }
    if (fused && !host_fma())
        return false;
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
    if (fused) {
        x64_op_rm(x, pfx, false, 0x0f10, 0, fp_vreg(i->ra)); /* movsd/movss xmm0, [Va] */
        x64_op_rm(x, pfx, false, 0x0f10, 1, fp_vreg(i->rn)); /* xmm1 = Vn */
        x64_vex38_rm(x, dbl, (uint8_t)op, 0, 1, fp_vreg(i->rm));
    } else {
        x64_op_rm(x, pfx, false, 0x0f10, 0, fp_vreg(i->rn)); /* movsd/movss xmm0, [Vn] */
        x64_op_rm(x, pfx, false, op, 0, fp_vreg(i->rm));     /* op xmm0, [Vm] */
    }
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

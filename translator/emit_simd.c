/* SIMD integer operations emitted natively (the mirror of interp/simd.h's
 * same-size lane operations, simd_map): the bitwise ones (AND, BIC, ORR,
 * EOR), ADD, SUB, CMEQ and CMEQ #0 of 8-, 16-, 32- and (ADD, SUB) 64-bit lanes, on
 * SSE2 registers. Both operands are loaded whole from struct cpu, the
 * result is stored whole: for a 64-bit vector (or a scalar) the upper half
 * is cleared first (movq), as simd_map leaves the lanes beyond the vector
 * zero. Nothing here touches guest memory or MXCSR, so there is no fault to
 * recover and no FP state to carry; everything else of the class goes
 * through its interpreter routine. */
#include <stddef.h>

#include "translator/internal.h"

/* xmm forms: prefix, 0x0f-escaped opcode, xmm reg, memory or xmm r/m */
static void sse_rm(struct x64_buf *x, unsigned prefix, unsigned op, int xmm, struct x64_mem m)
{
    x64_op_rm(x, prefix, false, op, xmm, m);
}
static void sse_rr(struct x64_buf *x, unsigned prefix, unsigned op, int dst, int src)
{
    x64_op_rr(x, prefix, false, op, dst, src, false);
}

static struct x64_mem simd_vreg(unsigned r) { return jit_cpu((int32_t)(offsetof(struct cpu, v) + 16 * r)); }

/* the SSE2 operation (66 0F op) and whether the operands are swapped
 * (BIC: pandn computes ~dst & src, so dst = Vm, src = Vn) */
static bool simd_op(const struct insn *i, unsigned *op, bool *swap)
{
    static const unsigned add[4] = {0x0ffc, 0x0ffd, 0x0ffe, 0x0fd4};
    static const unsigned sub[4] = {0x0ff8, 0x0ff9, 0x0ffa, 0x0ffb};
    static const unsigned cmeq[3] = {0x0f74, 0x0f75, 0x0f76};
    *swap = false;
    switch (i->op) {
    case OP_V_AND: *op = 0x0fdb; return true;
    case OP_V_ORR: *op = 0x0feb; return true;
    case OP_V_EOR: *op = 0x0fef; return true;
    case OP_V_BIC: *op = 0x0fdf; *swap = true; return true;
    case OP_V_ADD: *op = add[i->size & 3]; return true;
    case OP_V_SUB: *op = sub[i->size & 3]; return true;
    case OP_V_CMEQ:
    case OP_V_CMEQ0:
        if (i->size > 2)
            return false; /* pcmpeqq is SSE4.1 */
        *op = cmeq[i->size];
        return true;
    default: return false;
    }
}

bool jit_emit_simd(struct jit_emit *e, const struct insn *i)
{
    unsigned op;
    bool swap;
    if (!simd_op(i, &op, &swap))
        return false;
    unsigned bytes = (unsigned)i->x << i->size;
    if (bytes != 8 && bytes != 16)
        return false;
    struct x64_buf *x = e->x;
    /* movdqu xmm0, [Vn] (Vm for BIC); op xmm0, [other] as a register */
    sse_rm(x, 0xf3, 0x0f6f, 0, simd_vreg(swap ? i->rm : i->rn));
    if (i->op == OP_V_CMEQ0)
        sse_rr(x, 0x66, 0x0fef, 1, 1); /* pxor xmm1, xmm1: compared with zero */
    else
        sse_rm(x, 0xf3, 0x0f6f, 1, simd_vreg(swap ? i->rn : i->rm));
    sse_rr(x, 0x66, op, 0, 1);
    if (bytes == 8)
        sse_rr(x, 0xf3, 0x0f7e, 0, 0); /* movq xmm0, xmm0: upper half zero */
    sse_rm(x, 0xf3, 0x0f7f, 0, simd_vreg(i->rd));
    return true;
}

/* SIMD integer operations emitted natively (the mirror of interp/simd.h's
 * same-size lane operations, simd_map): the bitwise ones (AND, BIC, ORR,
 * EOR), ADD, SUB, CMEQ and CMEQ #0 of 8-, 16-, 32- and (ADD, SUB) 64-bit lanes, on
 * SSE2 registers; and what glibc's string functions add to those: DUP
 * (general), the unsigned and signed compares CMHS, CMHI, CMGE, CMGT of 8-,
 * 16- and 32-bit lanes (SSE2 has signed compares only: the unsigned ones
 * flip the lanes' top bits first, or use pmaxub for bytes), UMAXP and
 * UMINP of 16 bytes, and SHRN of 8-bit results (8H to 8B, the "narrow the
 * compare mask to 4 bits a byte" idiom). Both operands are loaded whole from struct cpu, the
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

/* op xmm, xmm, imm8 (pshufd, the shifts by an immediate: 66 0F 71/72/73 /ext ib) */
static void sse_ri(struct x64_buf *x, unsigned prefix, unsigned op, int ext, int r, uint8_t imm)
{
    x64_op_rr(x, prefix, false, op, ext, r, false);
    x64_b(x, imm);
}
/* 66 0F opcodes; the immediate shifts' group and their /ext */
enum {
    PSHUFD = 0x0f70, PSHIFTW = 0x0f71, PSHIFTD = 0x0f72, PCMPEQB = 0x0f74, PAND = 0x0fdb,
    PXOR = 0x0fef, PACKUSWB = 0x0f67, PMAXUB = 0x0fde, PMINUB = 0x0fda,
};
enum { SRL = 2, SLL = 6 };

/* [Vd] = xmm, whole: for a 64-bit vector (q clear) or a scalar the upper
 * half cleared first, as simd_map leaves the lanes beyond the vector zero */
static void store_result(struct x64_buf *x, int xmm, unsigned rd, bool q)
{
    if (!q)
        sse_rr(x, 0xf3, 0x0f7e, xmm, xmm); /* movq: upper half zero */
    sse_rm(x, 0xf3, 0x0f7f, xmm, simd_vreg(rd));
}

/* DUP Vd.T, Rn: the element replicated (bytes and halves by a multiply of
 * the zero-extended value, then pshufd) */
static bool emit_dup_g(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    if (i->size == 3) {
        if (i->rn == REG_ZR)
            x64_mov_ri(x, X64_RAX, 0);
        else
            x64_mov_rr(x, true, X64_RAX, jit_reg(e, i->rn));
        x64_op_rr(x, 0x66, true, 0x0f6e, 0, X64_RAX, false); /* movq xmm0, rax */
        sse_rr(x, 0x66, 0x0f6c, 0, 0);                        /* punpcklqdq xmm0, xmm0 */
    } else {
        if (i->rn == REG_ZR)
            x64_mov_ri(x, X64_RAX, 0);
        else if (i->size == 2)
            x64_mov_rr(x, false, X64_RAX, jit_reg(e, i->rn));
        else
            x64_ext_rr(x, 1u << i->size, false, false, X64_RAX, jit_reg(e, i->rn));
        if (i->size < 2)
            x64_imul_rri(x, false, X64_RAX, X64_RAX, i->size == 0 ? 0x01010101 : 0x00010001);
        x64_op_rr(x, 0x66, false, 0x0f6e, 0, X64_RAX, false); /* movd xmm0, eax */
        sse_ri(x, 0x66, PSHUFD, 0, 0, 0); /* pshufd xmm0, xmm0, 0 */
    }
    store_result(x, 0, i->rd, i->sf);
    return true;
}

/* xmm2 = each lane's top bit (16- or 32-bit lanes), for the unsigned
 * compares' flip */
static void top_bits(struct x64_buf *x, unsigned size)
{
    sse_rr(x, 0x66, 0x0f76, 2, 2); /* pcmpeqd xmm2, xmm2: all ones */
    if (size == 1)
        sse_ri(x, 0x66, PSHIFTW, SLL, 2, 15);
    else
        sse_ri(x, 0x66, PSHIFTD, SLL, 2, 31);
}

/* CMGT CMGE CMHI CMHS of 8-, 16-, 32-bit lanes: n > m is pcmpgt(n, m);
 * n >= m is NOT (m > n); unsigned: the top bits flipped first, or for bytes
 * n >=u m is max(n, m) == n */
static bool emit_cmp(struct jit_emit *e, const struct insn *i, bool sgn, bool ge)
{
    struct x64_buf *x = e->x;
    if (i->size > 2 || i->y)
        return false;
    static const unsigned gt[3] = {0x0f64, 0x0f65, 0x0f66};
    sse_rm(x, 0xf3, 0x0f6f, 0, simd_vreg(i->rn));
    sse_rm(x, 0xf3, 0x0f6f, 1, simd_vreg(i->rm));
    if (!sgn && i->size == 0) {
        /* ge: xmm1 = (max(m, n) == n); gt: NOT (max(n, m) == m) */
        if (ge) {
            sse_rr(x, 0x66, PMAXUB, 1, 0);
            sse_rr(x, 0x66, PCMPEQB, 1, 0);
        } else {
            sse_rr(x, 0x66, PMAXUB, 0, 1);
            sse_rr(x, 0x66, PCMPEQB, 1, 0);
            sse_rr(x, 0x66, PCMPEQB, 0, 0); /* all ones */
            sse_rr(x, 0x66, PXOR, 1, 0);
        }
        store_result(x, 1, i->rd, i->sf);
        return true;
    }
    if (!sgn) {
        top_bits(x, i->size);
        sse_rr(x, 0x66, PXOR, 0, 2);
        sse_rr(x, 0x66, PXOR, 1, 2);
    }
    if (!ge) {
        sse_rr(x, 0x66, gt[i->size], 0, 1); /* xmm0 = n > m */
        store_result(x, 0, i->rd, i->sf);
        return true;
    }
    sse_rr(x, 0x66, gt[i->size], 1, 0); /* xmm1 = m > n */
    sse_rr(x, 0x66, PCMPEQB, 0, 0);     /* all ones */
    sse_rr(x, 0x66, PXOR, 1, 0);
    store_result(x, 1, i->rd, i->sf);
    return true;
}

/* UMAXP/UMINP of 16 bytes: each pair's even byte (masked) against its odd
 * one (shifted down) in 16-bit lanes, Vn's results then Vm's packed to bytes */
static bool emit_pair_minmax(struct jit_emit *e, const struct insn *i, unsigned op)
{
    struct x64_buf *x = e->x;
    if (i->size != 0 || !i->sf)
        return false;
    sse_rr(x, 0x66, PCMPEQB, 3, 3);
    sse_ri(x, 0x66, PSHIFTW, SRL, 3, 8); /* xmm3 = 0x00ff in each 16-bit lane */
    for (int k = 0; k < 2; k++) {
        int a = k, b = 2;
        sse_rm(x, 0xf3, 0x0f6f, a, simd_vreg(k ? i->rm : i->rn));
        sse_rr(x, 0xf3, 0x0f6f, b, a); /* movdqa-like copy: movdqu xmm2, xmm_a */
        sse_rr(x, 0x66, PAND, a, 3);
        sse_ri(x, 0x66, PSHIFTW, SRL, b, 8);
        sse_rr(x, 0x66, op, a, b);
    }
    sse_rr(x, 0x66, PACKUSWB, 0, 1);
    store_result(x, 0, i->rd, true);
    return true;
}

/* SHRN Vd.8B, Vn.8H, #s: each 16-bit lane shifted, its low byte kept
 * (masked, so packuswb's saturation never applies) */
static bool emit_shrn(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    if (i->size != 0 || i->amt || i->imm < 1 || i->imm > 8)
        return false;
    sse_rm(x, 0xf3, 0x0f6f, 0, simd_vreg(i->rn));
    sse_ri(x, 0x66, PSHIFTW, SRL, 0, (uint8_t)i->imm);
    sse_rr(x, 0x66, PCMPEQB, 1, 1);
    sse_ri(x, 0x66, PSHIFTW, SRL, 1, 8);
    sse_rr(x, 0x66, PAND, 0, 1);
    sse_rr(x, 0x66, PXOR, 1, 1);
    sse_rr(x, 0x66, PACKUSWB, 0, 1); /* the upper half from zeros */
    store_result(x, 0, i->rd, true);
    return true;
}

bool jit_emit_simd(struct jit_emit *e, const struct insn *i)
{
    unsigned op;
    bool swap;
    switch (i->op) {
    case OP_V_DUP_G: return emit_dup_g(e, i);
    case OP_V_CMGT: return emit_cmp(e, i, true, false);
    case OP_V_CMGE: return emit_cmp(e, i, true, true);
    case OP_V_CMHI: return emit_cmp(e, i, false, false);
    case OP_V_CMHS: return emit_cmp(e, i, false, true);
    case OP_V_UMAXP: return emit_pair_minmax(e, i, PMAXUB);
    case OP_V_UMINP: return emit_pair_minmax(e, i, PMINUB);
    case OP_V_SHRN: return emit_shrn(e, i);
    default: break;
    }
    if (!simd_op(i, &op, &swap))
        return false;
    unsigned bytes = (unsigned)i->x << i->size;
    if (bytes != 8 && bytes != 16)
        return false;
    struct x64_buf *x = e->x;
    /* movdqu xmm0, [Vn] (Vm for BIC); op xmm0, [other] as a register */
    sse_rm(x, 0xf3, 0x0f6f, 0, simd_vreg(swap ? i->rm : i->rn));
    if (i->op == OP_V_CMEQ0)
        sse_rr(x, 0x66, PXOR, 1, 1); /* compared with zero */
    else
        sse_rm(x, 0xf3, 0x0f6f, 1, simd_vreg(swap ? i->rn : i->rm));
    sse_rr(x, 0x66, op, 0, 1);
    store_result(x, 0, i->rd, bytes == 16);
    return true;
}

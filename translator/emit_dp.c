/* Data processing emitted natively (the mirror of interp/dp_imm.h and
 * interp/dp_reg.h): add/subtract, logical, move wide, PC-relative, bitfield,
 * extract, conditional select and compare, shifts, multiply, divide, CLZ/CLS
 * and the byte reversals. What is left (RBIT, CRC32, RMIF, SETF8/16) goes
 * through the interpreter's routines.
 *
 * Invariants. Operands are loaded from struct cpu at the instruction's width
 * (a W load zero-extends) and the result is computed with the x86 operation
 * of the same width, so a W result is zero-extended in its host register and
 * stored as 8 bytes, as cpu_wr does. x[32] reads zero (a load is fine);
 * writes to the sink x[33] are dropped (it is never read). No instruction
 * here touches guest memory, so nothing in it can fault.
 *
 * NZCV: after the x86 ALU operation, lahf puts SF, ZF and CF in AH (bits
 * 15, 14, 8 of eax) and seto puts OF in bit 0; one multiply by 2^16 + 2^21
 * + 2^28 moves those four bits to 31..28 (N Z C V) with the cross terms
 * landing on distinct bits below 28 or above 31, and a mask keeps 31..28.
 * AArch64's C after a subtraction is NOT borrow, so subtractions complement
 * CF (cmc) first. Logical results have C = V = 0, as x86's AND/TEST leave
 * CF and OF. */
#include "interp/alu.h"
#include "translator/internal.h"

enum { RAX = X64_RAX, RCX = X64_RCX, RDX = X64_RDX };

bool jit_fuse_flags = true;

/* ---- operands ---- */

/* reg = x[r] at width sf (a 32-bit move zero-extends); no flag is touched */
static void ld(struct jit_emit *e, int reg, unsigned r, bool sf)
{
    if (r == REG_ZR)
        x64_mov_ri(e->x, reg, 0);
    else
        x64_mov_rr(e->x, sf, reg, jit_reg(e, r));
}

/* reg = x[r]'s low `bytes` bytes, zero- or sign-extended to 64 bits (w) or
 * to 32 and then zero (the loads' extension, between registers) */
static void ld_ext(struct jit_emit *e, int reg, unsigned r, unsigned bytes, bool sgn, bool w)
{
    int h = jit_reg(e, r);
    if (bytes == 8)
        x64_mov_rr(e->x, true, reg, h);
    else if (bytes == 4 && (!sgn || !w))
        x64_mov_rr(e->x, false, reg, h);
    else
        x64_ext_rr(e->x, bytes, sgn, w, reg, h);
}

/* the host register to compute x[rd] in, holding x[rn] at width sf (zero-
 * extended for W): rd's own cache register, so no move follows the
 * operation (RCX for the sink, whose result is dropped) */
static int dst_from(struct jit_emit *e, unsigned rd, unsigned rn, bool sf)
{
    if (rd == REG_WSINK || rn == REG_ZR) {
        int h = rd == REG_WSINK ? RCX : jit_reg_def(e, rd);
        ld(e, h, rn, sf);
        return h;
    }
    int hn = jit_reg(e, rn), hd = jit_reg_def(e, rd);
    if (hd != hn || !sf)
        x64_mov_rr(e->x, sf, hd, hn);
    return hd;
}

/* x[rd] = reg (already zero-extended for a W result); the sink is dropped */
static void st(struct jit_emit *e, int reg, unsigned rd)
{
    if (rd != REG_WSINK)
        x64_mov_rr(e->x, true, jit_reg_def(e, rd), reg);
}

/* x[rd] = v, a constant */
static void st_const(struct jit_emit *e, unsigned rd, uint64_t v)
{
    if (rd != REG_WSINK)
        x64_mov_ri(e->x, jit_reg_def(e, rd), v);
}

/* reg op= imm at width sf; a 64-bit immediate that is no simm32 goes
 * through tmp */
static void alu_imm(struct x64_buf *x, enum x64_alu op, bool sf, int reg, uint64_t imm, int tmp)
{
    if (!sf) {
        x64_alu_ri(x, op, false, reg, (int32_t)(uint32_t)imm);
    } else if ((int64_t)imm == (int32_t)imm) {
        x64_alu_ri(x, op, true, reg, (int32_t)imm);
    } else {
        x64_mov_ri(x, tmp, imm);
        x64_alu_rr(x, op, true, reg, tmp);
    }
}

/* the shifted-register operand's shift (type: LSL LSR ASR ROR) */
static void shift_imm(struct x64_buf *x, unsigned type, bool sf, int reg, unsigned amt)
{
    static const enum x64_shift ops[4] = {X64_SHL, X64_SHR, X64_SAR, X64_ROR};
    if (amt)
        x64_shift_ri(x, ops[type & 3], sf, reg, (uint8_t)amt);
}

/* ---- flags ---- */

enum flags_kind { FL_ADD, FL_SUB, FL_LOGIC };

/* c->nzcv from eax holding lahf's byte in 15:8 and OF in bit 0 (its C
 * already AArch64's); a logical operation's C and V are 0 */
static void flags_store_ax(struct x64_buf *x, enum flags_kind k)
{
    if (k == FL_LOGIC) {
        x64_alu_ri(x, X64_AND, false, RAX, 0xc000);
        x64_shift_ri(x, X64_SHL, false, RAX, 16);
    } else {
        x64_alu_ri(x, X64_AND, false, RAX, 0xc101);
        x64_imul_rri(x, false, RAX, RAX, 0x10210000);
        x64_alu_ri(x, X64_AND, false, RAX, (int32_t)0xf0000000u);
    }
    x64_store(x, 4, RAX, jit_cpu(JIT_OFF(nzcv)));
}

/* c->nzcv from the x86 flags of the last ALU operation; clobbers rax */
static void flags_store(struct x64_buf *x, enum flags_kind k)
{
    if (k == FL_SUB)
        x64_cmc(x);
    x64_lahf(x);
    if (k != FL_LOGIC)
        x64_setcc(x, X64_O, RAX);
    flags_store_ax(x, k);
}

/* Deferred NZCV: a flag-setting instruction leaves its x86 flags live
 * (e->flags = kind + 1) and the pack above is emitted by jit_flags_finish
 * just before the next instruction, unless that one is a consumer that can
 * test the x86 flags themselves first (CSEL, CSINC, CSINV, B.cond with a
 * condition one x86 condition code states): the compare and its
 * consumer's cmov or setcc then sit side by side. Between the two nothing
 * may change the flags or rax (register cache moves and stores do not). */
static void flags_set(struct jit_emit *e, enum flags_kind k)
{
    if (jit_fuse_flags)
        e->flags = (uint8_t)(k + 1);
    else
        flags_store(e->x, k);
}

/* c->nzcv from flags put aside of kind k; clobbers rax */
static void flags_store_raw(struct x64_buf *x, enum flags_kind k)
{
    x64_load(x, 4, false, false, RAX, jit_cpu(JIT_OFF(flags_raw)));
    if (k == FL_SUB)
        x64_alu_ri(x, X64_XOR, false, RAX, 0x100); /* the carry is NOT borrow */
    flags_store_ax(x, k);
}

void jit_flags_finish(struct jit_emit *e)
{
    if (e->flags)
        flags_store(e->x, (enum flags_kind)(e->flags - 1));
    else if (e->saved)
        flags_store_raw(e->x, (enum flags_kind)(e->saved - 1));
    e->flags = 0;
    e->saved = 0;
}

void jit_flags_aside(struct jit_emit *e)
{
    if (!e->flags)
        return;
    struct x64_buf *x = e->x;
    x64_lahf(x);
    x64_setcc(x, X64_O, RAX);
    x64_store(x, 4, RAX, jit_cpu(JIT_OFF(flags_raw)));
    e->saved = e->flags;
    e->flags = 0;
}

void jit_flags_restore(struct jit_emit *e)
{
    if (!e->saved)
        return;
    struct x64_buf *x = e->x;
    x64_load(x, 4, false, false, RAX, jit_cpu(JIT_OFF(flags_raw)));
    x64_flags_from_ax(x);
    e->flags = e->saved;
    e->saved = 0;
}

uint32_t jit_flags_nzcv(uint64_t raw, unsigned saved)
{
    enum flags_kind k = (enum flags_kind)((saved & ~JIT_REC_LIVE) - 1);
    uint32_t n, z, c, v;
    if (saved & JIT_REC_LIVE) { /* RFLAGS: CF 0, ZF 6, SF 7, OF 11 */
        n = raw >> 7 & 1, z = raw >> 6 & 1, c = raw & 1, v = raw >> 11 & 1;
    } else { /* lahf into 15:8, seto into 0 */
        n = raw >> 15 & 1, z = raw >> 14 & 1, c = raw >> 8 & 1, v = raw & 1;
    }
    if (k == FL_LOGIC)
        c = v = 0;
    else if (k == FL_SUB)
        c ^= 1;
    return n << 31 | z << 30 | c << 29 | v << 28;
}

/* the x86 condition code that means AArch64 cond on the live flags of an
 * operation of kind k: after a subtraction x86's CF is NOT C (borrow), so
 * HI/LS are A/BE; after an addition CF is C and HI/LS have no one code;
 * after a logical operation C = V = 0 (CF = OF = 0). -1: always, -2: none */
static int flags_cc(enum flags_kind k, unsigned cond)
{
    enum { E = X64_E, NE = X64_NE, B = X64_B, AE = X64_AE, S = X64_S, NS = X64_NS, O = X64_O, NO = X64_NO,
           A = X64_A, BE = X64_BE, GE = X64_GE, L = X64_L, G = X64_G, LE = X64_LE };
    static const int8_t cc[3][16] = {
        [FL_SUB] = {E, NE, AE, B, S, NS, O, NO, A, BE, GE, L, G, LE, -1, -1},
        [FL_ADD] = {E, NE, B, AE, S, NS, O, NO, -2, -2, GE, L, G, LE, -1, -1},
        [FL_LOGIC] = {E, NE, B, AE, S, NS, O, NO, -2, -2, GE, L, G, LE, -1, -1},
    };
    return cc[k][cond & 15];
}

/* the condition's x86 code on the live flags, -1 always, -2 when the flags
 * are not live or cannot say it */
int jit_flags_cc(const struct jit_emit *e, unsigned cond)
{
    return e->flags ? flags_cc((enum flags_kind)(e->flags - 1), cond) : -2;
}

bool jit_flags_restorable(const struct jit_emit *e, const struct insn *i)
{
    struct jit_emit t = {.flags = e->saved};
    return e->saved && jit_flags_fusable(&t, i);
}

bool jit_flags_fusable(const struct jit_emit *e, const struct insn *i)
{
    switch (i->op) {
    case OP_CSEL:
    case OP_CSINC:
    case OP_CSINV:
    case OP_CSNEG:
    case OP_B_COND: return jit_flags_cc(e, i->cond) >= -1;
    default: return false;
    }
}

/* SBFM/UBFM forms: an extend (UXTB, SXTH, SXTW ..., one movzx/movsx/mov);
 * a UBFM that is LSL #k, k = 1..3 (one lea): k, else 0 */
static bool xbfm_is_extend(const struct insn *i)
{
    unsigned s = i->x;
    return i->amt == 0 && (s == 7 || s == 15 || (s == 31 && i->sf));
}
static unsigned ubfm_lsl_lea(const struct insn *i)
{
    unsigned w = i->sf ? 64 : 32, s = i->x;
    return i->op == OP_UBFM && i->rn != REG_ZR && s < w - 1 && s + 4 > w - 1 && i->amt == s + 1 ? w - 1 - s : 0;
}

/* Instructions emitted without touching the x86 flags while a compare's
 * flags are live, so a consumer after them still tests the compare's flags
 * and no pack is made before them: ADD/SUB (immediate), ADD (register,
 * LSL #0..3), ADD (extended register, LSL #0..3) and LSL #1..3 as lea;
 * MOVZ, ADR, ADRP, MOV (register) and the extends (SXTW, UXTB...), whose
 * emitters only move. */
bool jit_flags_transparent(const struct insn *i)
{
    switch (i->op) {
    case OP_ADD_IMM:
    case OP_SUB_IMM: return i->rn != REG_ZR;
    case OP_ADD_REG: return i->opt == 0 && i->amt <= 3 && i->rn != REG_ZR && i->rm != REG_ZR;
    case OP_ADD_EXT: return i->amt <= 3; /* movzx/movsx and lea (emit_addsub_ext) */
    case OP_MOVZ:
    case OP_ADR:
    case OP_ADRP: return true;
    case OP_ORR_REG: return i->amt == 0 && i->rn == REG_ZR;
    case OP_SBFM:
    case OP_UBFM: return xbfm_is_extend(i) || ubfm_lsl_lea(i);
    default: return false;
    }
}

/* jit_flags_transparent's additions with live flags as lea (false: the
 * instruction's own emitter makes it with moves alone) */
static bool emit_keep_flags(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    switch (i->op) {
    case OP_ADD_IMM:
    case OP_SUB_IMM: {
        int hn = jit_reg(e, i->rn);
        int32_t d = (int32_t)i->imm; /* imm12, maybe << 12 */
        x64_lea(x, sf, jit_reg_def(e, i->rd), x64_m(hn, i->op == OP_SUB_IMM ? -d : d));
        return true;
    }
    case OP_ADD_REG: {
        int hn = jit_reg(e, i->rn), hm = jit_reg(e, i->rm);
        if (i->rd != REG_WSINK)
            x64_lea(x, sf, jit_reg_def(e, i->rd), x64_mi(hn, hm, 1u << i->amt, 0));
        return true;
    }
    case OP_UBFM: {
        /* LSL #1..3 (the extends fall to emit_xbfm's moves) */
        unsigned k = ubfm_lsl_lea(i);
        if (!k)
            return false;
        int hn = jit_reg(e, i->rn);
        if (i->rd != REG_WSINK)
            x64_lea(x, sf, jit_reg_def(e, i->rd), x64_mi(X64_NOREG, hn, 1u << k, 0));
        return true;
    }
    default: return false;
    }
}

/* ---- data processing (immediate) ---- */

/* rd = rn op (rm, or imm when !reg) for add, sub, and, or, xor straight in
 * the registers' host registers, x86's two-operand form; with rd the sink
 * (CMP, TST) a cmp or test. The operation is last, so its flags are the
 * instruction's. False (nothing emitted) for an XZR operand or CMN, which
 * take the general path. */
static bool alu3(struct jit_emit *e, const struct insn *i, enum x64_alu op, bool reg, uint64_t imm)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    if (i->rn == REG_ZR || (reg && i->rm == REG_ZR))
        return false;
    if (i->rd == REG_WSINK && op != X64_SUB && op != X64_AND)
        return false;
    int hn = jit_reg(e, i->rn), hm = reg ? jit_reg(e, i->rm) : -1;
    bool fits = sf ? (int64_t)imm == (int32_t)imm : true;
    if (i->rd == REG_WSINK) {
        if (op == X64_SUB && reg)
            x64_alu_rr(x, X64_CMP, sf, hn, hm);
        else if (op == X64_SUB)
            alu_imm(x, X64_CMP, sf, hn, imm, RDX);
        else if (reg)
            x64_test_rr(x, sf, hn, hm);
        else if (fits)
            x64_test_ri(x, sf, hn, (int32_t)imm);
        else {
            x64_mov_ri(x, RDX, imm);
            x64_test_rr(x, sf, hn, RDX);
        }
        return true;
    }
    int hd = jit_reg_def(e, i->rd);
    if (reg && hd == hm && hd != hn) {
        if (op == X64_SUB) {
            x64_mov_rr(x, sf, RCX, hn);
            x64_alu_rr(x, op, sf, RCX, hm);
            x64_mov_rr(x, true, hd, RCX);
        } else {
            x64_alu_rr(x, op, sf, hd, hn);
        }
        return true;
    }
    if (hd != hn)
        x64_mov_rr(x, sf, hd, hn);
    if (reg)
        x64_alu_rr(x, op, sf, hd, hm);
    else
        alu_imm(x, op, sf, hd, imm, RDX);
    return true;
}

static bool emit_addsub_imm(struct jit_emit *e, const struct insn *i, bool sub, bool setflags)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    int32_t imm = (int32_t)i->imm; /* imm12, maybe << 12: fits */
    if (setflags && sub && i->rd == REG_WSINK) {
        /* CMP */
        x64_alu_ri(x, X64_CMP, sf, jit_reg(e, i->rn), imm);
        flags_set(e, FL_SUB);
        return true;
    }
    if (!setflags && sf && i->rd == i->rn) {
        if (imm)
            x64_alu_ri(x, sub ? X64_SUB : X64_ADD, true, jit_reg_mod(e, i->rd), imm);
        return true;
    }
    if (alu3(e, i, sub ? X64_SUB : X64_ADD, false, (uint64_t)(int64_t)imm)) {
        if (setflags)
            flags_set(e, sub ? FL_SUB : FL_ADD);
        return true;
    }
    ld(e, RCX, i->rn, sf);
    if (imm || setflags)
        x64_alu_ri(x, sub ? X64_SUB : X64_ADD, sf, RCX, imm);
    if (setflags)
        flags_set(e, sub ? FL_SUB : FL_ADD);
    st(e, RCX, i->rd);
    return true;
}

static bool emit_logic_imm(struct jit_emit *e, const struct insn *i, enum x64_alu op, bool setflags)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    uint64_t imm = (uint64_t)i->imm; /* zero-extended for sf = 0 */
    if (!setflags && i->rn == REG_ZR) {
        st_const(e, i->rd, op == X64_AND ? 0 : imm);
        return true;
    }
    if (alu3(e, i, op, false, imm)) {
        if (setflags)
            flags_set(e, FL_LOGIC);
        return true;
    }
    ld(e, RCX, i->rn, sf);
    alu_imm(x, op, sf, RCX, imm, RDX);
    if (setflags)
        flags_set(e, FL_LOGIC);
    st(e, RCX, i->rd);
    return true;
}

static bool emit_movk(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    uint64_t mask = ~(0xffffull << i->amt), v = (uint64_t)i->imm << i->amt;
    if (i->rd == REG_WSINK)
        return true; /* reads and writes only the sink */
    ld(e, RCX, i->rd, sf);
    alu_imm(x, X64_AND, sf, RCX, mask, RDX);
    if (v)
        alu_imm(x, X64_OR, sf, RCX, v, RDX);
    st(e, RCX, i->rd);
    return true;
}

/* SBFM/UBFM as two shifts: the field's top bit S to the top (shl by
 * W-1-S), then down (sar/shr) so that bit R lands at 0 (S >= R: the
 * extracts and ASR/LSR) or bit 0 at W-R (S < R: the inserts and LSL) */
static bool emit_xbfm(struct jit_emit *e, const struct insn *i, bool sgn)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    unsigned w = sf ? 64 : 32, r = i->amt, s = i->x;
    if (xbfm_is_extend(i)) {
        ld_ext(e, RCX, i->rn, (s + 1) / 8, sgn, sf);
        st(e, RCX, i->rd);
        return true;
    }
    unsigned left = w - 1 - s, right = (w - 1 - s + r) % w;
    int h = dst_from(e, i->rd, i->rn, sf);
    if (left)
        x64_shift_ri(x, X64_SHL, sf, h, (uint8_t)left);
    if (right)
        x64_shift_ri(x, sgn ? X64_SAR : X64_SHR, sf, h, (uint8_t)right);
    return true;
}

/* BFM: (dst & ~M) | (ROR(src, R) & M), M = wmask & tmask */
static bool emit_bfm(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    uint64_t m = (uint64_t)i->imm & i->imm2;
    if (i->rd == REG_WSINK)
        return true; /* reads and writes only the sink */
    ld(e, RCX, i->rn, sf);
    if (i->amt)
        x64_shift_ri(x, X64_ROR, sf, RCX, i->amt);
    alu_imm(x, X64_AND, sf, RCX, m, RDX);
    ld(e, RAX, i->rd, sf);
    alu_imm(x, X64_AND, sf, RAX, sf ? ~m : (uint32_t)~m, RDX);
    x64_alu_rr(x, X64_OR, sf, RCX, RAX);
    st(e, RCX, i->rd);
    return true;
}

static bool emit_extr(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    ld(e, RCX, i->rm, sf);
    if (i->rn == i->rm) {
        if (i->amt)
            x64_shift_ri(x, X64_ROR, sf, RCX, i->amt);
    } else if (i->amt) {
        ld(e, RDX, i->rn, sf);
        x64_shrd_rri(x, sf, RCX, RDX, i->amt);
    }
    st(e, RCX, i->rd);
    return true;
}

/* ---- data processing (register) ---- */

/* AND BIC ORR ORN EOR EON ANDS BICS (shifted register) */
static bool emit_logic_reg(struct jit_emit *e, const struct insn *i, enum x64_alu op, bool inv,
                           bool setflags)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    if (!inv && !setflags && i->amt == 0 && i->rn == REG_ZR && op != X64_AND) {
        /* MOV (register) */
        if (i->rm != REG_ZR && i->rd != REG_WSINK) {
            int hm = jit_reg(e, i->rm);
            x64_mov_rr(x, sf, jit_reg_def(e, i->rd), hm);
            return true;
        }
        ld(e, RCX, i->rm, sf);
        st(e, RCX, i->rd);
        return true;
    }
    if (!inv && i->amt == 0 && alu3(e, i, op, true, 0)) {
        if (setflags)
            flags_set(e, FL_LOGIC);
        return true;
    }
    if (!inv && i->amt == 0) {
        ld(e, RCX, i->rn, sf);
        x64_alu_rr(x, op, sf, RCX, jit_reg(e, i->rm));
    } else {
        ld(e, RDX, i->rm, sf);
        shift_imm(x, i->opt, sf, RDX, i->amt);
        if (inv)
            x64_not(x, sf, RDX);
        ld(e, RCX, i->rn, sf);
        x64_alu_rr(x, op, sf, RCX, RDX);
    }
    if (setflags)
        flags_set(e, FL_LOGIC);
    st(e, RCX, i->rd);
    return true;
}

/* ADD SUB ADDS SUBS (shifted register) */
static bool emit_addsub_reg(struct jit_emit *e, const struct insn *i, bool sub, bool setflags)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    enum x64_alu op = sub ? (setflags && i->rd == REG_WSINK ? X64_CMP : X64_SUB) : X64_ADD;
    if (i->amt == 0 && alu3(e, i, sub ? X64_SUB : X64_ADD, true, 0)) {
        if (setflags)
            flags_set(e, sub ? FL_SUB : FL_ADD);
        return true;
    }
    if (i->amt == 0) {
        ld(e, RCX, i->rn, sf);
        x64_alu_rr(x, op, sf, RCX, jit_reg(e, i->rm));
    } else {
        ld(e, RDX, i->rm, sf);
        shift_imm(x, i->opt, sf, RDX, i->amt);
        ld(e, RCX, i->rn, sf);
        x64_alu_rr(x, op, sf, RCX, RDX);
    }
    if (setflags)
        flags_set(e, sub ? FL_SUB : FL_ADD);
    if (op != X64_CMP)
        st(e, RCX, i->rd);
    return true;
}

/* ADD SUB ADDS SUBS (extended register): the extend is the load */
static bool emit_addsub_ext(struct jit_emit *e, const struct insn *i, bool sub, bool setflags)
{
    struct x64_buf *x = e->x;
    static const uint8_t bytes[4] = {1, 2, 4, 8};
    bool sf = i->sf;
    ld_ext(e, RDX, i->rm, bytes[i->opt & 3], (i->opt & 4) != 0, true);
    if (!sub && !setflags && i->amt <= 3) {
        /* ADD: one lea, no flags touched (jit_flags_transparent) */
        int hn = jit_reg(e, i->rn);
        if (i->rd != REG_WSINK)
            x64_lea(x, sf, jit_reg_def(e, i->rd), x64_mi(hn, RDX, 1u << i->amt, 0));
        return true;
    }
    if (i->amt)
        x64_shift_ri(x, X64_SHL, true, RDX, i->amt);
    ld(e, RCX, i->rn, sf);
    x64_alu_rr(x, sub ? X64_SUB : X64_ADD, sf, RCX, RDX);
    if (setflags)
        flags_set(e, sub ? FL_SUB : FL_ADD);
    st(e, RCX, i->rd);
    return true;
}

/* ADC SBC ADCS SBCS: x86's carry in is C (adc) or NOT C (sbb) */
static bool emit_adc(struct jit_emit *e, const struct insn *i, bool sub, bool setflags)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    ld(e, RCX, i->rn, sf);
    ld(e, RDX, i->rm, sf);
    x64_bt_mi(x, false, jit_cpu(JIT_OFF(nzcv)), 29);
    if (sub)
        x64_cmc(x);
    x64_alu_rr(x, sub ? X64_SBB : X64_ADC, sf, RCX, RDX);
    if (setflags)
        flags_set(e, sub ? FL_SUB : FL_ADD);
    st(e, RCX, i->rd);
    return true;
}

/* CSEL CSINC CSINV CSNEG: Rm's variant computed first, then a cmov when
 * the condition holds (on the live flags, which stay live: nothing here
 * writes x86 flags after the test but CSINC's add and CSNEG's neg, made
 * before it). CSET (CSINC of XZR, XZR) is a setcc. */
static bool emit_csel(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    if (i->rd == REG_WSINK)
        return true;
    int live = jit_flags_cc(e, i->cond);
    if (i->op == OP_CSINC && i->rn == REG_ZR && i->rm == REG_ZR) {
        int cc = live >= -1 ? live : jit_emit_cond_test(e, i->cond);
        if (cc < 0) {
            st_const(e, i->rd, 0);
            return true;
        }
        int h = jit_reg_def(e, i->rd);
        x64_mov_ri(x, h, 0);
        x64_setcc(x, (enum x64_cc)(cc ^ 1), h);
        return true;
    }
    ld(e, RCX, i->rn, sf);
    ld(e, RDX, i->rm, sf);
    switch (i->op) {
    case OP_CSINC: x64_lea(x, sf, RDX, x64_m(RDX, 1)); break;
    case OP_CSINV: x64_not(x, sf, RDX); break;
    case OP_CSNEG:
        if (live >= -1) {
            /* neg would clobber the live flags: 0 - rdx through lea and not */
            x64_not(x, sf, RDX);
            x64_lea(x, sf, RDX, x64_m(RDX, 1));
        } else {
            x64_neg(x, sf, RDX);
        }
        break;
    default: break;
    }
    int cc = live >= -1 ? live : jit_emit_cond_test(e, i->cond);
    if (cc >= 0)
        x64_cmov(x, (enum x64_cc)(cc ^ 1), sf, RCX, RDX);
    st(e, RCX, i->rd);
    return true;
}

/* CCMP CCMN (register and immediate): the compare's flags when cond holds,
 * else the nzcv immediate */
static bool emit_ccmp(struct jit_emit *e, const struct insn *i, bool sub, bool reg)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    /* the registers are taken before the branch: both sides agree on the
     * register cache */
    int hn = i->rn == REG_ZR ? -1 : jit_reg(e, i->rn), hm = reg ? jit_reg(e, i->rm) : -1;
    int cc = jit_emit_cond_test(e, i->cond);
    size_t fail = cc >= 0 ? x64_jcc(x, (enum x64_cc)(cc ^ 1)) : SIZE_MAX;
    enum x64_alu op = sub ? X64_CMP : X64_ADD;
    if (hn < 0)
        x64_mov_ri(x, RCX, 0);
    else
        x64_mov_rr(x, sf, RCX, hn);
    if (reg)
        x64_alu_rr(x, op, sf, RCX, hm);
    else
        x64_alu_ri(x, op, sf, RCX, (int32_t)i->imm);
    flags_store(x, sub ? FL_SUB : FL_ADD);
    if (cc >= 0) {
        size_t done = x64_jmp(x);
        x64_patch_rel32(x, fail, x64_off(x));
        x64_store_imm(x, false, jit_cpu(JIT_OFF(nzcv)), (int32_t)(uint32_t)i->imm2);
        x64_patch_rel32(x, done, x64_off(x));
    }
    return true;
}

/* LSLV LSRV ASRV RORV: x86 takes the count modulo the operand width, as
 * AArch64 does */
static bool emit_shiftv(struct jit_emit *e, const struct insn *i, enum x64_shift op)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    x64_mov_rr(x, false, RCX, jit_reg(e, i->rm));
    ld(e, RDX, i->rn, sf);
    x64_shift_rcl(x, op, sf, RDX);
    st(e, RDX, i->rd);
    return true;
}

/* Rd = Ra +/- the product in rcx (Ra = XZR: the product or its negation) */
static bool madd_acc(struct jit_emit *e, const struct insn *i, bool sf, bool sub)
{
    struct x64_buf *x = e->x;
    if (i->ra == REG_ZR) {
        if (sub)
            x64_neg(x, sf, RCX);
        st(e, RCX, i->rd);
        return true;
    }
    ld(e, RDX, i->ra, sf);
    x64_alu_rr(x, sub ? X64_SUB : X64_ADD, sf, RDX, RCX);
    st(e, RDX, i->rd);
    return true;
}

/* MADD MSUB (MUL, MNEG) */
static bool emit_madd(struct jit_emit *e, const struct insn *i, bool sub)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    ld(e, RCX, i->rn, sf);
    x64_imul_rr(x, sf, RCX, jit_reg(e, i->rm));
    return madd_acc(e, i, sf, sub);
}

/* SMADDL SMSUBL UMADDL UMSUBL (SMULL, UMULL...): 32x32 -> 64 is exact in a
 * 64-bit imul of the extended operands */
static bool emit_maddl(struct jit_emit *e, const struct insn *i, bool sgn, bool sub)
{
    struct x64_buf *x = e->x;
    ld_ext(e, RCX, i->rn, 4, sgn, true);
    ld_ext(e, RDX, i->rm, 4, sgn, true);
    x64_imul_rr(x, true, RCX, RDX);
    return madd_acc(e, i, true, sub);
}

static bool emit_mulh(struct jit_emit *e, const struct insn *i, bool sgn)
{
    struct x64_buf *x = e->x;
    ld(e, RAX, i->rn, true);
    x64_mul_r(x, true, sgn, jit_reg(e, i->rm));
    st(e, RDX, i->rd);
    return true;
}

/* UDIV SDIV: a zero divisor gives 0 and SDIV by -1 is a negation (never
 * INT_MIN / -1 in idiv, which would trap) */
static bool emit_div(struct jit_emit *e, const struct insn *i, bool sgn)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    ld(e, RCX, i->rm, sf);
    ld(e, RAX, i->rn, sf);
    x64_test_rr(x, sf, RCX, RCX);
    size_t zero = x64_jcc(x, X64_E), neg = SIZE_MAX;
    if (sgn) {
        x64_alu_ri(x, X64_CMP, sf, RCX, -1);
        neg = x64_jcc(x, X64_E);
        x64_cqo(x, sf);
    } else {
        x64_mov_ri(x, RDX, 0);
    }
    x64_div_r(x, sf, sgn, RCX);
    size_t done1 = x64_jmp(x), done2 = SIZE_MAX;
    if (sgn) {
        x64_patch_rel32(x, neg, x64_off(x));
        x64_neg(x, sf, RAX);
        done2 = x64_jmp(x);
    }
    x64_patch_rel32(x, zero, x64_off(x));
    x64_mov_ri(x, RAX, 0);
    x64_patch_rel32(x, done1, x64_off(x));
    x64_patch_rel32(x, done2, x64_off(x));
    st(e, RAX, i->rd);
    return true;
}

/* CLZ (cls: of x ^ (x >> (W-1)), minus one): bsr gives the top bit's index,
 * W-1 - index = index ^ (W-1); a zero input takes 2W-1, which gives W */
static bool emit_clz(struct jit_emit *e, const struct insn *i, bool cls)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    unsigned w = sf ? 64 : 32;
    ld(e, RCX, i->rn, sf);
    if (cls) {
        x64_mov_rr(x, sf, RDX, RCX);
        x64_shift_ri(x, X64_SAR, sf, RDX, (uint8_t)(w - 1));
        x64_alu_rr(x, X64_XOR, sf, RCX, RDX);
    }
    x64_bsr_rr(x, sf, RAX, RCX);
    x64_mov_ri(x, RDX, 2 * w - 1);
    x64_cmov(x, X64_E, sf, RAX, RDX);
    x64_alu_ri(x, X64_XOR, false, RAX, (int32_t)(w - 1));
    if (cls)
        x64_alu_ri(x, X64_SUB, false, RAX, 1);
    st(e, RAX, i->rd);
    return true;
}

static bool emit_rev(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    bool sf = i->sf;
    ld(e, RCX, i->rn, sf);
    switch (i->op) {
    case OP_REV:
        x64_bswap(x, true, RCX);
        break;
    case OP_REV32: /* sf = 0 is REV Wd */
        x64_bswap(x, sf, RCX);
        if (sf)
            x64_shift_ri(x, X64_ROR, true, RCX, 32);
        break;
    default: /* REV16 */
        if (!sf) {
            x64_bswap(x, false, RCX);
            x64_shift_ri(x, X64_ROR, false, RCX, 16);
            break;
        }
        x64_mov_rr(x, true, RDX, RCX);
        x64_shift_ri(x, X64_SHR, true, RDX, 8);
        x64_shift_ri(x, X64_SHL, true, RCX, 8);
        x64_mov_ri(x, RAX, 0x00ff00ff00ff00ffull);
        x64_alu_rr(x, X64_AND, true, RDX, RAX);
        x64_not(x, true, RAX);
        x64_alu_rr(x, X64_AND, true, RCX, RAX);
        x64_alu_rr(x, X64_OR, true, RCX, RDX);
        break;
    }
    st(e, RCX, i->rd);
    return true;
}

bool jit_emit_dp(struct jit_emit *e, const struct insn *i)
{
    if (e->flags && jit_flags_transparent(i) && emit_keep_flags(e, i))
        return true;
    switch (i->op) {
    /* immediate */
    case OP_ADR: st_const(e, i->rd, i->pc + (uint64_t)i->imm); return true;
    case OP_ADRP: st_const(e, i->rd, (i->pc & ~0xfffull) + (uint64_t)i->imm); return true;
    case OP_ADD_IMM: return emit_addsub_imm(e, i, false, false);
    case OP_ADDS_IMM: return emit_addsub_imm(e, i, false, true);
    case OP_SUB_IMM: return emit_addsub_imm(e, i, true, false);
    case OP_SUBS_IMM: return emit_addsub_imm(e, i, true, true);
    case OP_AND_IMM: return emit_logic_imm(e, i, X64_AND, false);
    case OP_ORR_IMM: return emit_logic_imm(e, i, X64_OR, false);
    case OP_EOR_IMM: return emit_logic_imm(e, i, X64_XOR, false);
    case OP_ANDS_IMM: return emit_logic_imm(e, i, X64_AND, true);
    case OP_MOVN:
    case OP_MOVZ: st_const(e, i->rd, (uint64_t)i->imm); return true;
    case OP_MOVK: return emit_movk(e, i);
    case OP_SBFM: return emit_xbfm(e, i, true);
    case OP_UBFM: return emit_xbfm(e, i, false);
    case OP_BFM: return emit_bfm(e, i);
    case OP_EXTR: return emit_extr(e, i);
    /* register */
    case OP_AND_REG: return emit_logic_reg(e, i, X64_AND, false, false);
    case OP_BIC_REG: return emit_logic_reg(e, i, X64_AND, true, false);
    case OP_ORR_REG: return emit_logic_reg(e, i, X64_OR, false, false);
    case OP_ORN_REG: return emit_logic_reg(e, i, X64_OR, true, false);
    case OP_EOR_REG: return emit_logic_reg(e, i, X64_XOR, false, false);
    case OP_EON_REG: return emit_logic_reg(e, i, X64_XOR, true, false);
    case OP_ANDS_REG: return emit_logic_reg(e, i, X64_AND, false, true);
    case OP_BICS_REG: return emit_logic_reg(e, i, X64_AND, true, true);
    case OP_ADD_REG: return emit_addsub_reg(e, i, false, false);
    case OP_ADDS_REG: return emit_addsub_reg(e, i, false, true);
    case OP_SUB_REG: return emit_addsub_reg(e, i, true, false);
    case OP_SUBS_REG: return emit_addsub_reg(e, i, true, true);
    case OP_ADD_EXT: return emit_addsub_ext(e, i, false, false);
    case OP_ADDS_EXT: return emit_addsub_ext(e, i, false, true);
    case OP_SUB_EXT: return emit_addsub_ext(e, i, true, false);
    case OP_SUBS_EXT: return emit_addsub_ext(e, i, true, true);
    case OP_ADC: return emit_adc(e, i, false, false);
    case OP_ADCS: return emit_adc(e, i, false, true);
    case OP_SBC: return emit_adc(e, i, true, false);
    case OP_SBCS: return emit_adc(e, i, true, true);
    case OP_CSEL:
    case OP_CSINC:
    case OP_CSINV:
    case OP_CSNEG: return emit_csel(e, i);
    case OP_CCMN_REG: return emit_ccmp(e, i, false, true);
    case OP_CCMN_IMM: return emit_ccmp(e, i, false, false);
    case OP_CCMP_REG: return emit_ccmp(e, i, true, true);
    case OP_CCMP_IMM: return emit_ccmp(e, i, true, false);
    case OP_LSLV: return emit_shiftv(e, i, X64_SHL);
    case OP_LSRV: return emit_shiftv(e, i, X64_SHR);
    case OP_ASRV: return emit_shiftv(e, i, X64_SAR);
    case OP_RORV: return emit_shiftv(e, i, X64_ROR);
    case OP_MADD: return emit_madd(e, i, false);
    case OP_MSUB: return emit_madd(e, i, true);
    case OP_SMADDL: return emit_maddl(e, i, true, false);
    case OP_SMSUBL: return emit_maddl(e, i, true, true);
    case OP_UMADDL: return emit_maddl(e, i, false, false);
    case OP_UMSUBL: return emit_maddl(e, i, false, true);
    case OP_SMULH: return emit_mulh(e, i, true);
    case OP_UMULH: return emit_mulh(e, i, false);
    case OP_UDIV: return emit_div(e, i, false);
    case OP_SDIV: return emit_div(e, i, true);
    case OP_CLZ: return emit_clz(e, i, false);
    case OP_CLS: return emit_clz(e, i, true);
    case OP_REV:
    case OP_REV16:
    case OP_REV32: return emit_rev(e, i);
    default: return false;
    }
}

/* Loads and stores emitted natively (the mirror of interp/ldst.h): the
 * integer register forms LDR/STR (unsigned offset, unscaled, unprivileged,
 * pre- and post-index, register offset), the sign-extending loads, LDP/STP
 * (offset, no-allocate, pre, post) and LDPSW, LDR and LDRSW (literal),
 * LDAR/LDAPR (a plain x86 load) and STLR (xchg), and the same forms of
 * the SIMD&FP registers (LDR/STR B..Q, LDP/STP S, D, Q, through general
 * registers 8 bytes at a time) and LD1/ST1 of whole registers. LD2..LD4,
 * the single-structure forms, exclusives, the offset forms of LRCPC2, the LSE atomics and the
 * prefetches go through their interpreter routines.
 *
 * Shape of one instruction's code (the recovery table maps every host pc of
 * it, the slow path's too, to the instruction):
 *     rax = guest address (base + offset, 64-bit wrap)
 *     cmp rax, r13 ; ja slow      untagged and a <= guest_size - 16
 *     the access(es) at [r12 + rax] into scratch registers
 *     base writeback, then the destination register(s)
 *   done:
 * or, where an earlier check confined the base register (internal.h
 * jit_conf) and the offset stays within the slack, no check and the access
 * at [r12 + base + imm] (an offset form) or [r12 + rax]: a wild address
 * there can only be in a guard beside the region, a host fault that
 * signals/host.c makes the guest's SIGSEGV at that address. A checked
 * access leaves its base confined for the accesses after it.
 * and after the block's body (translate.c's cold code, so the fast path
 * falls through):
 *   slow: the interpreter's routine (tagged or out-of-range addresses: it
 *     makes the exact checks, faults and writeback); jmp done
 * Invariants: no guest register is written before every access of the
 * instruction succeeded, so a host fault on the fast path (an unmapped or
 * protected page) leaves the guest state as before the instruction; a
 * store's value is read before the base is written back (Rt == Rn stores
 * the old base) and a load's destination is written after the writeback
 * (Rt == Rn: the loaded value wins), as interp/ldst.h does. While
 * jit_checking, every store is a call of jit_check_store instead of a mov,
 * with c->cur stored first (a fault inside the call is the instruction's). */
#include <stddef.h>

#include "core/options.h"
#include "translator/internal.h"

enum jl_kind { JL_STR, JL_LDR, JL_LDRSX, JL_LDRS32, JL_STP, JL_LDP, JL_LDPSW, JL_LDAR, JL_STLR,
               JL_STRV, JL_LDRV, JL_STPV, JL_LDPV };
enum jl_mode { JL_OFF, JL_PRE, JL_POST, JL_REG, JL_LIT };

/* the ops handled here and how (ok = 0: every other op) */
struct jl_op {
    uint8_t ok, kind, mode;
};
static const struct jl_op jl_ops[OP_COUNT] = {
    [OP_STR_OFF] = {1, JL_STR, JL_OFF},       [OP_STR_OFF_U] = {1, JL_STR, JL_OFF},
    [OP_STR_OFF_T] = {1, JL_STR, JL_OFF},     [OP_STR_PRE] = {1, JL_STR, JL_PRE},
    [OP_STR_POST] = {1, JL_STR, JL_POST},     [OP_STR_REG] = {1, JL_STR, JL_REG},
    [OP_LDR_OFF] = {1, JL_LDR, JL_OFF},       [OP_LDR_OFF_U] = {1, JL_LDR, JL_OFF},
    [OP_LDR_OFF_T] = {1, JL_LDR, JL_OFF},     [OP_LDR_PRE] = {1, JL_LDR, JL_PRE},
    [OP_LDR_POST] = {1, JL_LDR, JL_POST},     [OP_LDR_REG] = {1, JL_LDR, JL_REG},
    [OP_LDRSX_OFF] = {1, JL_LDRSX, JL_OFF},   [OP_LDRSX_OFF_U] = {1, JL_LDRSX, JL_OFF},
    [OP_LDRSX_OFF_T] = {1, JL_LDRSX, JL_OFF}, [OP_LDRSX_PRE] = {1, JL_LDRSX, JL_PRE},
    [OP_LDRSX_POST] = {1, JL_LDRSX, JL_POST}, [OP_LDRSX_REG] = {1, JL_LDRSX, JL_REG},
    [OP_LDRS32_OFF] = {1, JL_LDRS32, JL_OFF}, [OP_LDRS32_OFF_U] = {1, JL_LDRS32, JL_OFF},
    [OP_LDRS32_OFF_T] = {1, JL_LDRS32, JL_OFF}, [OP_LDRS32_PRE] = {1, JL_LDRS32, JL_PRE},
    [OP_LDRS32_POST] = {1, JL_LDRS32, JL_POST}, [OP_LDRS32_REG] = {1, JL_LDRS32, JL_REG},
    [OP_STP_OFF] = {1, JL_STP, JL_OFF},       [OP_STP_OFF_NP] = {1, JL_STP, JL_OFF},
    [OP_STP_PRE] = {1, JL_STP, JL_PRE},       [OP_STP_POST] = {1, JL_STP, JL_POST},
    [OP_LDP_OFF] = {1, JL_LDP, JL_OFF},       [OP_LDP_OFF_NP] = {1, JL_LDP, JL_OFF},
    [OP_LDP_PRE] = {1, JL_LDP, JL_PRE},       [OP_LDP_POST] = {1, JL_LDP, JL_POST},
    [OP_LDPSW_OFF] = {1, JL_LDPSW, JL_OFF},   [OP_LDPSW_PRE] = {1, JL_LDPSW, JL_PRE},
    [OP_LDPSW_POST] = {1, JL_LDPSW, JL_POST},
    [OP_LDR_LIT] = {1, JL_LDR, JL_LIT},       [OP_LDRSW_LIT] = {1, JL_LDRSX, JL_LIT},
    /* acquire/release: [Xn], no offset (imm is 0) */
    [OP_LDAR] = {1, JL_LDAR, JL_OFF},         [OP_LDAPR] = {1, JL_LDAR, JL_OFF},
    [OP_STLR] = {1, JL_STLR, JL_OFF},
    /* SIMD&FP registers: B, H, S, D, Q (size 0..4), through general
     * registers 8 bytes at a time */
    [OP_STRV_OFF] = {1, JL_STRV, JL_OFF},     [OP_STRV_OFF_U] = {1, JL_STRV, JL_OFF},
    [OP_STRV_PRE] = {1, JL_STRV, JL_PRE},     [OP_STRV_POST] = {1, JL_STRV, JL_POST},
    [OP_STRV_REG] = {1, JL_STRV, JL_REG},
    [OP_LDRV_OFF] = {1, JL_LDRV, JL_OFF},     [OP_LDRV_OFF_U] = {1, JL_LDRV, JL_OFF},
    [OP_LDRV_PRE] = {1, JL_LDRV, JL_PRE},     [OP_LDRV_POST] = {1, JL_LDRV, JL_POST},
    [OP_LDRV_REG] = {1, JL_LDRV, JL_REG},     [OP_LDRV_LIT] = {1, JL_LDRV, JL_LIT},
    [OP_STPV_OFF] = {1, JL_STPV, JL_OFF},     [OP_STPV_OFF_NP] = {1, JL_STPV, JL_OFF},
    [OP_STPV_PRE] = {1, JL_STPV, JL_PRE},     [OP_STPV_POST] = {1, JL_STPV, JL_POST},
    [OP_LDPV_OFF] = {1, JL_LDPV, JL_OFF},     [OP_LDPV_OFF_NP] = {1, JL_LDPV, JL_OFF},
    [OP_LDPV_PRE] = {1, JL_LDPV, JL_PRE},     [OP_LDPV_POST] = {1, JL_LDPV, JL_POST},
};

/* the 8-byte half h of SIMD&FP register r in struct cpu */
static struct x64_mem jl_vreg(unsigned r, unsigned h)
{
    return jit_cpu((int32_t)(offsetof(struct cpu, v) + 16 * r + 8 * h));
}

/* rax = the access's guest address (interp/ldst.h ldst_one / ldst_pair)
 * from registers the instruction holds already (jl_hold); may use rcx */
static void jl_addr(struct jit_emit *e, const struct insn *i, enum jl_mode m)
{
    struct x64_buf *x = e->x;
    if (m == JL_LIT) {
        x64_mov_ri(x, X64_RAX, i->pc + (uint64_t)i->imm);
        return;
    }
    int hn = jit_reg(e, i->rn);
    if (m == JL_REG) {
        /* ldst_extend: UXTW (2) and SXTW (6) take the low word, LSL/UXTX
         * (3) and SXTX (7) the whole register; then << amt (0..3 here) */
        int hm = jit_reg(e, i->rm);
        if (i->opt == 2) {
            x64_mov_rr(x, false, X64_RCX, hm);
            hm = X64_RCX;
        } else if (i->opt == 6) {
            x64_ext_rr(x, 4, true, true, X64_RCX, hm);
            hm = X64_RCX;
        }
        x64_lea(x, true, X64_RAX, x64_mi(hn, hm, 1u << i->amt, 0));
    } else if (m != JL_POST && i->imm) {
        x64_lea(x, true, X64_RAX, x64_m(hn, (int32_t)i->imm));
    } else {
        x64_mov_rr(x, true, X64_RAX, hn);
    }
}

/* the base writeback from rax (the access address); rax changes */
static void jl_writeback(struct jit_emit *e, const struct insn *i, enum jl_mode m)
{
    struct x64_buf *x = e->x;
    if (m == JL_POST && i->imm) /* lea: live flags stay (jit_flags_access) */
        x64_lea(x, true, X64_RAX, x64_m(X64_RAX, (int32_t)i->imm));
    if (m == JL_PRE || m == JL_POST)
        x64_mov_rr(x, true, jit_reg_def(e, i->rn), X64_RAX);
}

/* x[r] = reg, a loaded value (already extended to 64 bits) */
static void jl_set(struct jit_emit *e, unsigned r, int reg)
{
    x64_mov_rr(e->x, true, jit_reg_def(e, r), reg);
}

/* where the access's guest address is: ga = idx + d0 (idx rax, or the base
 * register itself for an unchecked offset form) */
struct jl_a {
    int idx;
    int32_t d0;
};
static const struct jl_a jl_rax = {X64_RAX, 0};

/* [r12 + idx + d0 + disp]: the host address of guest address ga + disp */
static struct x64_mem jl_host(const struct jl_a *a, int32_t disp)
{
    return x64_mi(JIT_BASE, a->idx, 1, a->d0 + disp);
}

void jit_conf_set(struct jit_emit *e, unsigned g, int64_t off)
{
    if (g >= 32 || off < -(1ll << 30) || off > (1ll << 30))
        return;
    e->conf.mask |= 1u << g;
    e->conf.off[g] = (int32_t)off;
}

/* whether x[g] + imm, `bytes` long, needs no check (jit_conf) */
static bool jl_covered(const struct jit_emit *e, unsigned g, int64_t imm)
{
    if (g >= 32 || !(e->conf.mask & (1u << g)))
        return false;
    int64_t d = imm - e->conf.off[g];
    return d >= -JIT_CONF_SLACK && d <= JIT_CONF_SLACK;
}

int jit_conf_carry(const struct jit_emit *e, const struct insn *i, int64_t *off)
{
    if (!i->sf || i->rd >= 32)
        return -1;
    switch (i->op) {
    case OP_ADD_IMM:
    case OP_SUB_IMM:
        /* rd = rn + d: rd + (off - d) is rn + off */
        if (i->rn >= 32 || !(e->conf.mask & (1u << i->rn)))
            return -1;
        *off = (int64_t)e->conf.off[i->rn] - (i->op == OP_SUB_IMM ? -i->imm : i->imm);
        return i->rd;
    case OP_ORR_REG:
        if (i->rn != REG_ZR || i->amt || i->rm >= 32 || !(e->conf.mask & (1u << i->rm)))
            return -1;
        *off = e->conf.off[i->rm];
        return i->rd;
    default: return -1;
    }
}

/* a checked store: jit_check_store(c, rax + disp, value in rcx, bytes);
 * every scratch register, rax included, is lost */
static void jl_check_store(struct jit_emit *e, const struct insn *i, int32_t disp, unsigned bytes)
{
    struct x64_buf *x = e->x;
    jit_emit_ptr(e, X64_RDX, i);
    x64_store(x, 8, X64_RDX, jit_cpu(JIT_OFF(cur)));
    x64_mov_rr(x, true, X64_RDI, JIT_CPU);
    x64_lea(x, true, X64_RSI, x64_m(X64_RAX, disp));
    x64_mov_rr(x, true, X64_RDX, X64_RCX);
    x64_mov_ri(x, X64_RCX, bytes);
    jit_emit_call_fn(e, (const void *)jit_check_store);
    /* the cache is clean (written back before the access): the registers
     * the call took are reloaded */
    jit_regs_load(x, &e->regs);
}

/* the fast path of a store; rax = the address on entry and on return */
static void jl_stores(struct jit_emit *e, const struct insn *i, enum jl_kind k, enum jl_mode m,
                      const struct jl_a *a)
{
    struct x64_buf *x = e->x;
    unsigned bytes = 1u << i->size;
    if (!jit_checking) {
        /* both values are in registers the instruction holds */
        x64_store(x, bytes, jit_reg(e, i->rd), jl_host(a, 0));
        if (k == JL_STP)
            x64_store(x, bytes, jit_reg(e, i->ra), jl_host(a, (int32_t)bytes));
        return;
    }
    /* no guest register changes before the writeback, so the address and
     * the values are simply computed again after each call */
    x64_mov_rr(x, true, X64_RCX, jit_reg(e, i->rd));
    jl_check_store(e, i, 0, bytes);
    jl_addr(e, i, m);
    if (k == JL_STP) {
        x64_mov_rr(x, true, X64_RCX, jit_reg(e, i->ra));
        jl_check_store(e, i, (int32_t)bytes, bytes);
        jl_addr(e, i, m);
    }
}

/* LD1/ST1 of one to four registers, not interleaved (ldst_mult with one
 * structure element: register r from a + r * 8 or 16), post-index by the
 * total or by a register; the whole run is confined by its first and last
 * 16 bytes, every load lands in xmm0-xmm3 before any guest register is
 * written */
static bool jl_mult(struct jit_emit *e, const struct insn *i, bool load, bool post)
{
    if (i->y != 1 || i->x < 1 || i->x > 4 || (!load && jit_checking))
        return false;
    struct x64_buf *x = e->x;
    jit_flags_access(e, false);
    unsigned halves = i->opt ? 2 : 1, nregs = i->x;
    int32_t total = (int32_t)(nregs * halves * 8);
    int hn = jit_reg(e, i->rn);
    int hm = post && i->rm != 31 ? jit_reg(e, i->rm) : -1;
    x64_mov_rr(x, true, X64_RAX, hn);
    struct jit_regs at = e->regs;
    e->fault_map = jit_regs_map(&at);
    x64_alu_rr(x, X64_CMP, true, X64_RAX, JIT_LIMIT);
    size_t to_slow = x64_jcc(x, X64_A), to_slow2 = SIZE_MAX;
    if (total > 16) {
        x64_lea(x, true, X64_RDX, x64_m(X64_RAX, total - 16));
        x64_alu_rr(x, X64_CMP, true, X64_RDX, JIT_LIMIT);
        to_slow2 = x64_jcc(x, X64_A);
    }
    for (unsigned r = 0; r < nregs; r++) {
        int32_t off = (int32_t)(r * halves * 8);
        if (load && halves == 2) {
            x64_movdqu_load(x, (int)r, jl_host(&jl_rax, off));
        } else if (load) {
            x64_movq_load(x, (int)r, jl_host(&jl_rax, off)); /* the upper half cleared */
        } else {
            for (unsigned h = 0; h < halves; h++) {
                x64_load(x, 8, false, true, X64_RCX, jl_vreg((i->rd + r) & 31, h));
                x64_store(x, 8, X64_RCX, jl_host(&jl_rax, off + (int32_t)(8 * h)));
            }
        }
    }
    if (post) {
        if (hm < 0)
            x64_alu_ri(x, X64_ADD, true, X64_RAX, (int32_t)i->imm);
        else
            x64_alu_rr(x, X64_ADD, true, X64_RAX, hm);
        x64_mov_rr(x, true, jit_reg_def(e, i->rn), X64_RAX);
    }
    if (load)
        for (unsigned r = 0; r < nregs; r++)
            x64_movdqu_store(x, jl_vreg((i->rd + r) & 31, 0), (int)r);
    jit_emit_slow(e, (size_t[]){to_slow, to_slow2}, 2, &at);
    return true;
}

bool jit_emit_ldst(struct jit_emit *e, const struct insn *i)
{
    switch (i->op) {
    case OP_LD_MULT: return jl_mult(e, i, true, false);
    case OP_LD_MULT_POST: return jl_mult(e, i, true, true);
    case OP_ST_MULT: return jl_mult(e, i, false, false);
    case OP_ST_MULT_POST: return jl_mult(e, i, false, true);
    default: break;
    }
    if (i->op >= OP_COUNT || !jl_ops[i->op].ok)
        return false;
    enum jl_kind k = (enum jl_kind)jl_ops[i->op].kind;
    enum jl_mode m = (enum jl_mode)jl_ops[i->op].mode;
    if (m == JL_REG && i->amt > 3)
        return false;
    /* the checker's hook is a plain store, not STLR's ordered one; it
     * journals the SIMD&FP stores through their routines too */
    if ((k == JL_STLR || k == JL_STRV || k == JL_STPV) && jit_checking)
        return false;
    struct x64_buf *x = e->x;
    unsigned bytes = 1u << i->size;

    /* every register the fast path reads is taken before the branch */
    if (m != JL_LIT)
        jit_reg(e, i->rn);
    if (m == JL_REG)
        jit_reg(e, i->rm);
    if (k == JL_STR || k == JL_STP || k == JL_STLR)
        jit_reg(e, i->rd);
    if (k == JL_STP)
        jit_reg(e, i->ra);
    /* the checker's store calls find every register in struct cpu */
    if (jit_checking)
        jit_regs_sync(e);
    /* the access's offset from Rn as it is now; whether an earlier check
     * covers it (then the offset form needs no rax either) */
    int64_t imm = m == JL_POST ? 0 : i->imm;
    bool conf = !jit_checking && !(opt.jit_off & JIT_OFF_confine) && m != JL_LIT && m != JL_REG && k != JL_LDAR && k != JL_STLR;
    bool covered = conf && jl_covered(e, i->rn, imm);
    int64_t conf_off = covered ? e->conf.off[i->rn] : imm;
    /* no bounds check: live flags stay live (a fault reads them) */
    jit_flags_access(e, covered);
    struct jl_a a = jl_rax;
    if (covered && m == JL_OFF)
        a = (struct jl_a){jit_reg(e, i->rn), (int32_t)i->imm};
    else
        jl_addr(e, i, m);
    /* the cache at the branch: what the slow path writes back, and where
     * a fault on the fast path finds the dirty registers */
    struct jit_regs at = e->regs;
    e->fault_map = jit_regs_map(&at);
    size_t to_slow = SIZE_MAX, to_slow3 = SIZE_MAX;
    if (!covered) {
        x64_alu_rr(x, X64_CMP, true, X64_RAX, JIT_LIMIT);
        to_slow = x64_jcc(x, X64_A);
        /* a pair of Q registers is 32 bytes: its second half checked too */
        if ((k == JL_STPV || k == JL_LDPV) && bytes == 16) {
            x64_lea(x, true, X64_RDX, x64_m(X64_RAX, 16));
            x64_alu_rr(x, X64_CMP, true, X64_RDX, JIT_LIMIT);
            to_slow3 = x64_jcc(x, X64_A);
        }
    }
    /* LDAR/STLR need a naturally aligned address (else SIGBUS BUS_ADRALN,
     * from the routine) */
    size_t to_slow2 = SIZE_MAX;
    if ((k == JL_LDAR || k == JL_STLR) && bytes > 1) {
        x64_test_ri(x, false, X64_RAX, (int32_t)bytes - 1);
        to_slow2 = x64_jcc(x, X64_NE);
    }

    switch (k) {
    case JL_STR:
    case JL_STP:
        jl_stores(e, i, k, m, &a);
        jl_writeback(e, i, m);
        break;
    case JL_LDR:
    case JL_LDRSX:
    case JL_LDRS32:
        /* LDR zero-extends (a 32-bit destination clears the top half),
         * LDRSX sign-extends to 64 bits, LDRS32 to 32 and then zero */
        if (m != JL_PRE && m != JL_POST) {
            /* no writeback: straight into Rt's host register (a fault
             * leaves it as it was; taking it may write another back,
             * which the recovery map still finds in its host register) */
            x64_load(x, bytes, k != JL_LDR, k == JL_LDRSX || bytes == 8, jit_reg_def(e, i->rd), jl_host(&a, 0));
            break;
        }
        x64_load(x, bytes, k != JL_LDR, k == JL_LDRSX || bytes == 8, X64_RCX, jl_host(&a, 0));
        jl_writeback(e, i, m);
        jl_set(e, i->rd, X64_RCX);
        break;
    case JL_LDP:
    case JL_LDPSW:
        x64_load(x, bytes, k == JL_LDPSW, k == JL_LDPSW || bytes == 8, X64_RCX, jl_host(&a, 0));
        x64_load(x, bytes, k == JL_LDPSW, k == JL_LDPSW || bytes == 8, X64_RDX, jl_host(&a, (int32_t)bytes));
        jl_writeback(e, i, m);
        /* Rt then Rt2, as ldst_pair writes them (Rt == Rt2: Rt2 wins) */
        jl_set(e, i->rd, X64_RCX);
        jl_set(e, i->ra, X64_RDX);
        break;
    case JL_LDAR:
        /* an aligned x86 load is single-copy atomic and has acquire order
         * (TSO); STLR below is a full barrier, so LDAR after STLR stays
         * ordered (RCsc) */
        x64_load(x, bytes, false, bytes == 8, jit_reg_def(e, i->rd), jl_host(&a, 0));
        break;
    case JL_STLR:
        /* release needs only TSO's order, but a later LDAR must not pass
         * it: xchg, the sequentially consistent store the routine makes */
        x64_mov_rr(x, true, X64_RCX, jit_reg(e, i->rd));
        x64_xchg_mr(x, bytes, X64_RCX, jl_host(&a, 0));
        break;
    case JL_STRV:
        /* the value read whole before the writeback (ldst_store_vec) */
        if (bytes == 16) {
            x64_movdqu_load(x, 0, jl_vreg(i->rd, 0));
            x64_movdqu_store(x, jl_host(&a, 0), 0);
        } else {
            x64_load(x, 8, false, true, X64_RCX, jl_vreg(i->rd, 0));
            x64_store(x, bytes, X64_RCX, jl_host(&a, 0));
        }
        jl_writeback(e, i, m);
        break;
    case JL_LDRV:
        /* ldst_load_vec: the rest of the register is zeroed; the register
         * is written by one 16-byte store, so a 16-byte read of it (SSE, a
         * routine) is forwarded from that store */
        if (bytes == 16) {
            x64_movdqu_load(x, 0, jl_host(&a, 0));
        } else if (bytes == 8) {
            x64_movq_load(x, 0, jl_host(&a, 0));
        } else {
            x64_load(x, bytes, false, false, X64_RCX, jl_host(&a, 0));
            x64_op_rr(x, 0x66, false, 0x0f6e, 0, X64_RCX, false); /* movd xmm0, ecx */
        }
        jl_writeback(e, i, m);
        x64_movdqu_store(x, jl_vreg(i->rd, 0), 0);
        break;
    case JL_STPV:
        /* both registers read before anything is stored */
        if (bytes == 16) {
            x64_movdqu_load(x, 0, jl_vreg(i->rd, 0));
            x64_movdqu_load(x, 1, jl_vreg(i->ra, 0));
            x64_movdqu_store(x, jl_host(&a, 0), 0);
            x64_movdqu_store(x, jl_host(&a, 16), 1);
        } else {
            x64_load(x, 8, false, true, X64_RCX, jl_vreg(i->rd, 0));
            x64_load(x, 8, false, true, X64_RDX, jl_vreg(i->ra, 0));
            x64_store(x, bytes, X64_RCX, jl_host(&a, 0));
            x64_store(x, bytes, X64_RDX, jl_host(&a, (int32_t)bytes));
        }
        jl_writeback(e, i, m);
        break;
    case JL_LDPV:
        /* Rt then Rt2, each zero-extended (ldst_pair) */
        if (bytes == 16) {
            x64_movdqu_load(x, 0, jl_host(&a, 0));
            x64_movdqu_load(x, 1, jl_host(&a, 16));
        } else if (bytes == 8) {
            x64_movq_load(x, 0, jl_host(&a, 0));
            x64_movq_load(x, 1, jl_host(&a, 8));
        } else {
            x64_load(x, bytes, false, false, X64_RCX, jl_host(&a, 0));
            x64_load(x, bytes, false, false, X64_RDX, jl_host(&a, (int32_t)bytes));
            x64_op_rr(x, 0x66, false, 0x0f6e, 0, X64_RCX, false); /* movd xmm0, ecx */
            x64_op_rr(x, 0x66, false, 0x0f6e, 1, X64_RDX, false); /* movd xmm1, edx */
        }
        jl_writeback(e, i, m);
        x64_movdqu_store(x, jl_vreg(i->rd, 0), 0);
        x64_movdqu_store(x, jl_vreg(i->ra, 0), 1);
        break;
    }
    /* the fact the access leaves: Rn + off confined, unless a load
     * overwrote Rn; after a writeback Rn moved by imm */
    int conf_g = -1;
    if (conf) {
        bool loads = k != JL_STR && k != JL_STP && k != JL_STRV && k != JL_STPV;
        bool pair = k == JL_STP || k == JL_LDP || k == JL_LDPSW || k == JL_STPV || k == JL_LDPV;
        bool gp = k != JL_LDRV && k != JL_LDPV; /* else Rt are SIMD&FP registers */
        if (!(loads && gp && (i->rd == i->rn || (pair && i->ra == i->rn)))) {
            conf_g = i->rn;
            if (m != JL_OFF)
                conf_off -= i->imm;
            jit_conf_set(e, i->rn, conf_off);
        }
    }
    if (!covered)
        jit_emit_slow_conf(e, (size_t[]){to_slow, to_slow2, to_slow3}, 3, &at, conf_g, (int32_t)conf_off);
    return true;
}

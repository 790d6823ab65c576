/* Branches emitted natively (the mirror of interp/branch.h): direct
 * branches become chainable exits; conditions are tested in host code; the
 * register branches (BR, BLR, RET) probe the jump cache inline and return
 * to the engine on a miss. MRS/MSR of the thread pointer and MRS of the
 * constant system registers are moves; SVC and the other system
 * instructions go through their interpreter routines.
 *
 * A condition is tested on the packed NZCV in struct cpu (jit_emit_cond_test,
 * which CSEL and CCMP use too) in rax alone: one bit for EQ..VC; HI/LS
 * compare C and Z; GE/LT and GT/LE look at N ^ V (and Z) in
 * (nzcv << 3) ^ nzcv. The unit test test_jit_cond runs each condition on
 * all 16 flag values against the interpreter's cond_holds. */
#include <stddef.h>

#include "interp/alu.h"
#include "interp/branch.h"
#include "translator/internal.h"

int jit_emit_cond_test(struct jit_emit *e, unsigned cond)
{
    struct x64_buf *x = e->x;
    static const uint8_t bit[4] = {30, 29, 31, 28}; /* Z C N V */
    struct x64_mem nzcv = jit_cpu(JIT_OFF(nzcv));
    bool inv = cond & 1;
    switch (cond >> 1) {
    case 4: /* HI: C && !Z */
        x64_load(x, 4, false, false, X64_RAX, nzcv);
        x64_alu_ri(x, X64_AND, false, X64_RAX, (int32_t)(NZCV_Z | NZCV_C));
        x64_alu_ri(x, X64_CMP, false, X64_RAX, (int32_t)NZCV_C);
        return inv ? X64_NE : X64_E;
    case 5: /* GE: N == V; bit 31 of (nzcv << 3) ^ nzcv is V ^ N */
        x64_load(x, 4, false, false, X64_RAX, nzcv);
        x64_shift_ri(x, X64_SHL, false, X64_RAX, 3);
        x64_alu_rm(x, X64_XOR, false, X64_RAX, nzcv);
        return inv ? X64_S : X64_NS;
    case 6: /* GT: N == V && !Z; bit 30 of the same is Z */
        x64_load(x, 4, false, false, X64_RAX, nzcv);
        x64_shift_ri(x, X64_SHL, false, X64_RAX, 3);
        x64_alu_rm(x, X64_XOR, false, X64_RAX, nzcv);
        x64_test_ri(x, false, X64_RAX, (int32_t)0xc0000000u);
        return inv ? X64_NE : X64_E;
    case 7: return -1; /* AL, NV */
    default:
        /* EQ NE CS CC MI PL VS VC: one flag bit, set or clear */
        x64_bt_mi(x, false, nzcv, bit[cond >> 1]);
        return inv ? X64_AE : X64_B;
    }
}

/* "if (cc) exit to target" followed by the fall-through; a branch ending an
 * inner block of a superblock (e->next_pc) leaves through a side exit, and
 * the cache stays as it is on the way on; where the superblock goes on at
 * the target, the side exit is the fall-through's, on the inverse
 * condition */
static void cond_exit(struct jit_emit *e, enum x64_cc taken, uint64_t target)
{
    const struct insn *i = e->seq[e->k];
    if (e->next_pc && e->next_pc == target && target != i->pc + 4) {
        jit_emit_side_exit(e, x64_jcc(e->x, (enum x64_cc)(taken ^ 1)), i->pc + 4);
        return;
    }
    if (e->next_pc || jit_is_loop(e, target)) {
        jit_emit_side_exit(e, x64_jcc(e->x, taken), target);
        return;
    }
    jit_regs_sync_exit(e);
    size_t skip = x64_jcc(e->x, (enum x64_cc)(taken ^ 1));
    jit_emit_exit(e, target);
    x64_patch_rel32(e->x, skip, x64_off(e->x));
}

/* the jump cache for the target in rax: a slot holding the target's
 * translation is entered directly (its request path stores c->pc), a miss
 * stores c->pc and returns to the engine; a BLR's hit (ret: its return
 * address, else 0) calls it with a return frame (jit_ras), as a BL does */
static void indirect_exit(struct jit_emit *e, uint64_t ret)
{
    struct x64_buf *x = e->x;
    jit_regs_sync_exit(e);
    if (!jit_chaining()) {
        jit_emit_jump_stub(e, -1, jit_stub_to_engine);
        return;
    }
    /* rcx = the slot's byte offset / 2: pc bits [2, 2+bits) times 4 */
    x64_mov_rr(x, false, X64_RCX, X64_RAX);
    x64_alu_ri(x, X64_AND, false, X64_RCX, ((1 << JIT_JCACHE_BITS) - 1) << 2);
    jit_emit_addr(e, X64_RDX, jit_jcache);
    x64_load(x, 8, false, true, X64_RDX, x64_mi(X64_RDX, X64_RCX, 2, 0));
    x64_test_rr(x, true, X64_RDX, X64_RDX);
    size_t miss = x64_jcc(x, X64_E);
    if (ret && jit_ras() && jit_emit_call_frame(e, ret))
        ;
    else
        x64_jmp_r(x, X64_RDX); /* its way in checks rax */
    x64_patch_rel32(x, miss, x64_off(x));
    jit_emit_jump_stub(e, -1, jit_stub_to_engine);
}

bool jit_emit_branch(struct jit_emit *e, const struct insn *i)
{
    struct x64_buf *x = e->x;
    uint64_t target = i->pc + (uint64_t)i->imm;
    switch (i->op) {
    case OP_HINT:
        return true; /* NOP, YIELD, the BTI and PAC hints: no effect (op_HINT) */
    case OP_MRS: {
        /* the thread pointer and the constant registers (op_MRS); the
         * counter and the undefined ones through the routine */
        uint64_t v;
        switch (i->x) {
        case SYSREG_TPIDR_EL0:
            if (i->rd != REG_WSINK)
                x64_load(x, 8, false, true, jit_reg_def(e, i->rd), jit_cpu(JIT_OFF(tpidr_el0)));
            return true;
        case SYSREG_CNTFRQ_EL0: v = SYS_CNTFRQ_HZ; break;
        case SYSREG_CTR_EL0: v = SYS_CTR_EL0; break;
        case SYSREG_DCZID_EL0: v = SYS_DCZID_EL0; break;
        case SYSREG_TPIDRRO_EL0: v = 0; break;
        default: return false;
        }
        if (i->rd != REG_WSINK)
            x64_mov_ri(x, jit_reg_def(e, i->rd), v);
        return true;
    }
    case OP_MSR:
        if (i->x != SYSREG_TPIDR_EL0)
            return false;
        x64_store(x, 8, jit_reg(e, i->rd), jit_cpu(JIT_OFF(tpidr_el0)));
        return true;
    case OP_B:
        jit_emit_exit(e, target);
        return true;
    case OP_BL:
        x64_mov_ri(x, jit_reg_def(e, 30), i->pc + 4);
        jit_emit_call_exit(e, target, i->pc + 4);
        return true;
    case OP_B_COND: {
        int cc = jit_flags_cc(e, i->cond);
        bool side = e->next_pc || jit_is_loop(e, target);
        if (cc >= 0 && side) {
            /* the compare's flags stay live on the way on (the side exit
             * packs them) */
            cond_exit(e, (enum x64_cc)cc, target);
            return true;
        }
        /* both ways leave the block: the cache is written back before the
         * test (its stores leave the flags alone) */
        if (!side)
            jit_regs_sync_exit(e);
        if (cc >= 0) {
            /* on the compare's live flags: the outcome kept in dl while
             * they are packed into NZCV */
            x64_setcc(x, (enum x64_cc)cc, X64_RDX);
            jit_flags_finish(e);
            x64_op_rr(x, 0, false, 0x84, X64_RDX, X64_RDX, false); /* test dl, dl */
            cond_exit(e, X64_NE, target);
            return true;
        }
        jit_flags_finish(e);
        if (cc != -1)
            cc = jit_emit_cond_test(e, i->cond);
        if (cc < 0)
            jit_emit_exit(e, target);
        else
            cond_exit(e, (enum x64_cc)cc, target);
        return true;
    }
    case OP_CBZ:
    case OP_CBNZ: {
        int h = jit_reg(e, i->rd);
        x64_test_rr(x, i->sf, h, h);
        cond_exit(e, i->op == OP_CBZ ? X64_E : X64_NE, target);
        return true;
    }
    case OP_TBZ:
    case OP_TBNZ: {
        int h = jit_reg(e, i->rd);
        x64_bt_ri(x, true, h, i->x);
        cond_exit(e, i->op == OP_TBNZ ? X64_B : X64_AE, target);
        return true;
    }
    case OP_RET:
        x64_mov_rr(x, true, X64_RAX, jit_reg(e, i->rn));
        if (jit_ras()) {
            /* the top frame's guest address: its host one, by `ret` */
            jit_regs_sync_exit(e);
            x64_alu_rm(x, X64_CMP, true, X64_RAX, x64_m(X64_RSP, 8));
            size_t other = x64_jcc(x, X64_NE);
            x64_ret_imm(x, 8);
            x64_patch_rel32(x, other, x64_off(x));
        }
        indirect_exit(e, 0);
        return true;
    case OP_BR:
        x64_mov_rr(x, true, X64_RAX, jit_reg(e, i->rn));
        indirect_exit(e, 0);
        return true;
    case OP_BLR:
        /* the target is read before X30 is written (BLR X30) */
        x64_mov_rr(x, true, X64_RAX, jit_reg(e, i->rn));
        x64_mov_ri(x, jit_reg_def(e, 30), i->pc + 4);
        indirect_exit(e, i->pc + 4);
        return true;
    default:
        return false;
    }
}

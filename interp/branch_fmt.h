/* branch: the format functions of interp/branch.decode, which compute what
 * is not a plain field: imm = the byte offset of a branch from the insn's
 * pc; x = the system register (enum sysreg) of MRS/MSR_FP/MRS_FP. The plain
 * fields of the class: imm = the 16-bit comment (SVC/BRK/HLT); rd = the
 * tested/written register (CBZ, TBZ, MRS/MSR, DC/IC), rn = the target
 * register (BR/BLR/RET); cond; x = the tested bit (TBZ), CRm:op2 of a hint
 * or barrier, CRm of DC; size = 6 for DC ZVA's 64-byte store. */
#ifndef PVM_INTERP_BRANCH_FMT_H
#define PVM_INTERP_BRANCH_FMT_H
#include "decode_fields.h"
#include "interp/fmt_common.h"

/* system registers EL0 may reach; the MRS/MSR rows accept only these */
enum sysreg {
    SYSREG_NONE,
    SYSREG_FPCR,
    SYSREG_FPSR,
    SYSREG_TPIDR_EL0,
    SYSREG_TPIDRRO_EL0,
    SYSREG_CNTVCT_EL0,
    SYSREG_CNTVCTSS_EL0,
    SYSREG_CNTFRQ_EL0,
    SYSREG_CTR_EL0,
    SYSREG_DCZID_EL0,
};

static inline void fmt_br_imm26(struct insn *i, const struct dec_fields *f)
{
    i->imm = sext(f->imm26, 26) * 4;
}

static inline void fmt_br_imm19(struct insn *i, const struct dec_fields *f)
{
    i->imm = sext(f->imm19, 19) * 4;
}

static inline void fmt_br_imm14(struct insn *i, const struct dec_fields *f)
{
    i->imm = sext(f->imm14, 14) * 4;
}

static inline void fmt_sys_fpreg(struct insn *i, const struct dec_fields *f)
{
    i->x = f->fpsr ? SYSREG_FPSR : SYSREG_FPCR;
}

/* the registers of MRS's row, S3_3_C<CRn>_C0_<op2> */
static inline void fmt_sys_mrs(struct insn *i, const struct dec_fields *f)
{
    switch (f->CRn << 3 | f->op2) {
    case 13 << 3 | 2: i->x = SYSREG_TPIDR_EL0; break;
    case 13 << 3 | 3: i->x = SYSREG_TPIDRRO_EL0; break;
    case 14 << 3 | 2: i->x = SYSREG_CNTVCT_EL0; break;
    case 14 << 3 | 6: i->x = SYSREG_CNTVCTSS_EL0; break;
    case 14 << 3 | 0: i->x = SYSREG_CNTFRQ_EL0; break;
    case 0 << 3 | 1: i->x = SYSREG_CTR_EL0; break;
    case 0 << 3 | 7: i->x = SYSREG_DCZID_EL0; break;
    }
}

#endif

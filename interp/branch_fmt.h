/* branch: decode format functions for interp/branch.def. Fields: imm = byte
 * offset from the insn's pc (branches) or the 16-bit comment (SVC/BRK/HLT);
 * rd = the tested/written register (CBZ, TBZ, MRS/MSR, DC/IC), rn = the
 * target register (BR/BLR/RET); cond; x = tested bit (TBZ) or the system
 * register (enum sysreg, MRS/MSR/MRS_FP/MSR_FP); size = 6 for DC ZVA's
 * 64-byte store. */
#ifndef PVM_INTERP_BRANCH_FMT_H
#define PVM_INTERP_BRANCH_FMT_H
#include <stdbool.h>
#include "interp/fmt_common.h"

/* system registers EL0 may reach; anything else decodes as UNDEF */
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

/* sysreg number as op0:op1:CRn:CRm:op2 = raw bits 20:5 (op0 is 2 + bit 19) */
#define SYSREG_ENC(op0, op1, crn, crm, op2) \
    ((uint32_t)(((op0) << 14) | ((op1) << 11) | ((crn) << 7) | ((crm) << 3) | (op2)))

static inline enum sysreg sysreg_lookup(uint32_t raw, bool write)
{
    switch (bits(raw, 20, 5)) {
    case SYSREG_ENC(3, 3, 13, 0, 2): return SYSREG_TPIDR_EL0;
    case SYSREG_ENC(3, 3, 13, 0, 3): return write ? SYSREG_NONE : SYSREG_TPIDRRO_EL0;
    case SYSREG_ENC(3, 3, 14, 0, 2): return write ? SYSREG_NONE : SYSREG_CNTVCT_EL0;
    case SYSREG_ENC(3, 3, 14, 0, 6): return write ? SYSREG_NONE : SYSREG_CNTVCTSS_EL0;
    case SYSREG_ENC(3, 3, 14, 0, 0): return write ? SYSREG_NONE : SYSREG_CNTFRQ_EL0;
    case SYSREG_ENC(3, 3, 0, 0, 1): return write ? SYSREG_NONE : SYSREG_CTR_EL0;
    case SYSREG_ENC(3, 3, 0, 0, 7): return write ? SYSREG_NONE : SYSREG_DCZID_EL0;
    default: return SYSREG_NONE;
    }
}

static inline bool fmt_br_imm26(struct insn *i, uint32_t raw)
{
    i->imm = sext(bits(raw, 25, 0), 26) * 4;
    return true;
}

static inline bool fmt_br_cond(struct insn *i, uint32_t raw)
{
    i->imm = sext(bits(raw, 23, 5), 19) * 4;
    i->cond = (uint8_t)bits(raw, 3, 0);
    return true;
}

static inline bool fmt_br_cb(struct insn *i, uint32_t raw)
{
    i->imm = sext(bits(raw, 23, 5), 19) * 4;
    i->rd = reg_zr(bits(raw, 4, 0));
    i->sf = (uint8_t)bit(raw, 31);
    return true;
}

static inline bool fmt_br_tb(struct insn *i, uint32_t raw)
{
    i->imm = sext(bits(raw, 18, 5), 14) * 4;
    i->rd = reg_zr(bits(raw, 4, 0));
    i->sf = (uint8_t)bit(raw, 31);
    i->x = (uint8_t)(bit(raw, 31) << 5 | bits(raw, 23, 19));
    return true;
}

static inline bool fmt_br_reg(struct insn *i, uint32_t raw)
{
    i->rn = reg_zr(bits(raw, 9, 5));
    i->sf = 1;
    return true;
}

static inline bool fmt_exc_imm16(struct insn *i, uint32_t raw)
{
    i->imm = bits(raw, 20, 5);
    return true;
}

static inline bool fmt_sys_none(struct insn *i, uint32_t raw)
{
    i->x = (uint8_t)bits(raw, 11, 5); /* CRm:op2, for diagnostics */
    return true;
}

/* Rt of MRS (a destination), MSR and DC/IC (sources): both roles map 31 to
 * the zero register, so one mapping per direction */
static inline bool fmt_sys_rt(struct insn *i, uint32_t raw)
{
    uint32_t rt = bits(raw, 4, 0);
    i->rd = bit(raw, 21) ? reg_zw(rt) : reg_zr(rt);
    i->sf = 1;
    return true;
}

static inline bool fmt_sys_fpreg(struct insn *i, uint32_t raw)
{
    fmt_sys_rt(i, raw);
    i->x = bit(raw, 5) ? SYSREG_FPSR : SYSREG_FPCR;
    return true;
}

static inline bool fmt_sys_mrs(struct insn *i, uint32_t raw)
{
    fmt_sys_rt(i, raw);
    i->x = (uint8_t)sysreg_lookup(raw, false);
    return i->x != SYSREG_NONE;
}

static inline bool fmt_sys_msr(struct insn *i, uint32_t raw)
{
    fmt_sys_rt(i, raw);
    i->x = (uint8_t)sysreg_lookup(raw, true);
    return i->x != SYSREG_NONE;
}

/* DC ZVA writes one 64-byte block (size = log2 of the access) */
static inline bool fmt_sys_zva(struct insn *i, uint32_t raw)
{
    fmt_sys_rt(i, raw);
    i->size = 6;
    return true;
}

/* DC CVAC (CRm 10), CVAU (11), CVAP (12), CVADP (13), CIVAC (14) */
static inline bool fmt_sys_dc_clean(struct insn *i, uint32_t raw)
{
    uint32_t crm = bits(raw, 11, 8);
    fmt_sys_rt(i, raw);
    i->x = (uint8_t)crm;
    return crm >= 10 && crm <= 14;
}

#endif

/* Field extraction for the cryptographic extension rows (interp/crypto.def).
 * rd rn rm ra are V register numbers 0..31 (never mapped: these forms have
 * no general-register operands); every other bit is fixed by the row's mask,
 * so no fmt rejects a word. XAR: imm = rotate amount (imm6). PMULL_1Q:
 * x = 64-bit lane read from each source (Q: 0 = PMULL, 1 = PMULL2). */
#ifndef PVM_INTERP_CRYPTO_FMT_H
#define PVM_INTERP_CRYPTO_FMT_H
#include <stdbool.h>
#include "interp/fmt_common.h"

static inline void crypto_fmt_regs(struct insn *i, uint32_t raw)
{
    i->rd = (uint8_t)bits(raw, 4, 0);
    i->rn = (uint8_t)bits(raw, 9, 5);
    i->rm = (uint8_t)bits(raw, 20, 16);
    i->ra = (uint8_t)bits(raw, 14, 10);
}
static inline bool fmt_crypto_2reg(struct insn *i, uint32_t raw)
{
    crypto_fmt_regs(i, raw);
    return true;
}
static inline bool fmt_crypto_3reg(struct insn *i, uint32_t raw)
{
    crypto_fmt_regs(i, raw);
    return true;
}
static inline bool fmt_crypto_4reg(struct insn *i, uint32_t raw)
{
    crypto_fmt_regs(i, raw);
    return true;
}
static inline bool fmt_crypto_xar(struct insn *i, uint32_t raw)
{
    crypto_fmt_regs(i, raw);
    i->imm = bits(raw, 15, 10);
    return true;
}
static inline bool fmt_crypto_pmull_1q(struct insn *i, uint32_t raw)
{
    crypto_fmt_regs(i, raw);
    i->x = (uint8_t)bit(raw, 30);
    i->sf = i->x;
    return true;
}

#endif

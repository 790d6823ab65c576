/* The predecoded instruction both executors consume. The decoder fills every
 * field once; the interpreter and the translator never look at raw encoding
 * bits again (raw is kept for disassembly and diagnostics only).
 * Field conventions (filled from the named fields of each row of
 * interp/<class>.decode, and by its format function in interp/<class>_fmt.h;
 * a field a row does not define is 0):
 *   rd, rn, rm, ra  register indices 0..33 (31 = SP, 32 = XZR read,
 *                   33 = XZR write sink), already mapped for the operand role;
 *                   for pairs/exclusives ra is Rt2 and rs holds Rs.
 *   sf              1 for 64-bit operation, 0 for 32-bit
 *   imm, imm2       primary and secondary immediates (sign-extended or
 *                   decoded, e.g. bitmask immediates are the final value)
 *   opt, amt        shift type / extend option and shift amount
 *   size            log2 of the memory access size, or element size
 *   cond            condition code
 *   x, y            small extra fields (immr/imms, nzcv immediate, ...)
 */
#ifndef PVM_INTERP_INSN_H
#define PVM_INTERP_INSN_H

#include <stdint.h>

#include "decode_ops.h" /* generated from interp/<class>.decode: DECODE_OPS(X) */

/* Result of executing one instruction. */
enum xres {
    X_NEXT = 0,   /* continue with the next insn of the block */
    X_BRANCH,     /* cpu->pc holds the next guest pc; block ends */
    X_SVC,        /* system call; cpu->pc is the insn after SVC */
    X_UNDEF,      /* unimplemented/unallocated encoding at cpu->cur->pc */
    X_INVALIDATE  /* code may have changed (IC IVAU...); cpu->pc = next insn */
};

/* insn.flags */
enum {
    INSN_RD_NZCV = 1 << 0,  /* reads the flags */
    INSN_WR_NZCV = 1 << 1,  /* writes the flags */
    INSN_MEM = 1 << 2,      /* accesses guest memory: may fault */
    INSN_END = 1 << 3,      /* ends the block (branches, svc, system) */
    INSN_FP = 1 << 4,       /* uses FP state (FPCR/FPSR) */
    INSN_STORE = 1 << 5,    /* writes guest memory */
};

struct insn {
    const void *label; /* threaded-code handler address, set by interp */
    uint64_t pc;
    int64_t imm;
    uint64_t imm2;
    uint32_t raw;
    uint16_t op;
    uint8_t flags;
    uint8_t rd, rn, rm, ra, rs;
    uint8_t sf;
    uint8_t cond;
    uint8_t opt, amt;
    uint8_t size;
    uint8_t x, y;
};

/* The op enum: one entry per row of the decode tables (interp/<class>.decode). */
enum op {
#define X(name) OP_##name,
    DECODE_OPS(X)
#undef X
    OP_END_BLOCK, /* pseudo-op: falls through to the next block */
    OP_UNDEF,     /* pseudo-op: unallocated or unimplemented encoding */
    OP_COUNT
};

#endif

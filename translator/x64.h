/* The x86-64 emitter: one static inline function per instruction form the
 * translator writes, appending its bytes to a buffer. Each form is checked
 * by tests/unit/test_x64.c, which decodes what it emits with capstone.
 *
 * Invariants: an emitter never writes past b->end; when the bytes do not
 * fit it sets b->full and writes nothing more (the translation is then
 * abandoned, never run). Registers are the hardware numbers (X64_RAX = 0 ..
 * X64_R15 = 15); `w` selects the 64-bit form (REX.W), otherwise 32-bit,
 * which zero-extends into the full register as AArch64's W writes do. */
#ifndef PVM_TRANSLATOR_X64_H
#define PVM_TRANSLATOR_X64_H

#include <stdbool.h>
#include <stdint.h>
#include <string.h>

enum x64_reg {
    X64_RAX, X64_RCX, X64_RDX, X64_RBX, X64_RSP, X64_RBP, X64_RSI, X64_RDI,
    X64_R8, X64_R9, X64_R10, X64_R11, X64_R12, X64_R13, X64_R14, X64_R15,
    X64_NOREG = -1
};

/* the ALU group of opcodes 0x00-0x3f and 0x81 /n */
enum x64_alu { X64_ADD, X64_OR, X64_ADC, X64_SBB, X64_AND, X64_SUB, X64_XOR, X64_CMP };
/* the shift group of 0xc1 / 0xd3 /n */
enum x64_shift { X64_ROL = 0, X64_ROR = 1, X64_SHL = 4, X64_SHR = 5, X64_SAR = 7 };
/* condition codes (the low nibble of Jcc/SETcc/CMOVcc) */
enum x64_cc {
    X64_O, X64_NO, X64_B, X64_AE, X64_E, X64_NE, X64_BE, X64_A,
    X64_S, X64_NS, X64_P, X64_NP, X64_L, X64_GE, X64_LE, X64_G
};

/* a memory operand: [base + index * scale + disp]; base or index may be
 * X64_NOREG (no base: disp is absolute, 32-bit sign-extended); rip: the
 * displacement is relative to the end of the instruction */
struct x64_mem {
    int8_t base, index;
    uint8_t scale; /* 1, 2, 4, 8 */
    bool rip;
    int32_t disp;
};

static inline struct x64_mem x64_m(int base, int32_t disp)
{
    return (struct x64_mem){.base = (int8_t)base, .index = X64_NOREG, .scale = 1, .disp = disp};
}
static inline struct x64_mem x64_mi(int base, int index, unsigned scale, int32_t disp)
{
    return (struct x64_mem){.base = (int8_t)base, .index = (int8_t)index, .scale = (uint8_t)scale,
                            .disp = disp};
}

struct x64_buf {
    uint8_t *start, *p, *end;
    bool full;
};

static inline void x64_init(struct x64_buf *b, void *mem, size_t size)
{
    b->start = b->p = mem;
    b->end = b->start + size;
    b->full = false;
}
static inline size_t x64_off(const struct x64_buf *b) { return (size_t)(b->p - b->start); }

/* room for one instruction (15 bytes at most) */
static inline bool x64_room(struct x64_buf *b, size_t n)
{
    if (b->full || (size_t)(b->end - b->p) < n) {
        b->full = true;
        return false;
    }
    return true;
}
static inline void x64_b(struct x64_buf *b, uint8_t v) { *b->p++ = v; }
static inline void x64_d(struct x64_buf *b, uint32_t v)
{
    memcpy(b->p, &v, 4);
    b->p += 4;
}
static inline void x64_q(struct x64_buf *b, uint64_t v)
{
    memcpy(b->p, &v, 8);
    b->p += 8;
}

/* REX for a register-register or register-memory form; `force` emits one
 * even when empty (byte registers SPL..DIL need it) */
static inline void x64_rex(struct x64_buf *b, bool w, int reg, int index, int base, bool force)
{
    uint8_t r = (uint8_t)(0x40 | (w ? 8 : 0) | (reg >= 8 ? 4 : 0) | (index >= 8 ? 2 : 0) |
                          (base >= 8 ? 1 : 0));
    if (r != 0x40 || force)
        x64_b(b, r);
}

/* ModRM (+SIB, +displacement) for reg and a memory operand */
static inline void x64_modrm_mem(struct x64_buf *b, int reg, struct x64_mem m)
{
    int r = reg & 7;
    if (m.rip) {
        x64_b(b, (uint8_t)(0x05 | r << 3));
        x64_d(b, (uint32_t)m.disp);
        return;
    }
    if (m.base == X64_NOREG) {
        /* [index*scale + disp32] or [disp32] through a SIB without base */
        int idx = m.index == X64_NOREG ? 4 : (m.index & 7);
        int ss = m.scale == 8 ? 3 : m.scale == 4 ? 2 : m.scale == 2 ? 1 : 0;
        x64_b(b, (uint8_t)(0x04 | r << 3));
        x64_b(b, (uint8_t)(ss << 6 | idx << 3 | 5));
        x64_d(b, (uint32_t)m.disp);
        return;
    }
    int base = m.base & 7;
    int mod = (m.disp == 0 && base != 5) ? 0 : (m.disp >= -128 && m.disp <= 127) ? 1 : 2;
    if (m.index != X64_NOREG || base == 4) {
        int idx = m.index == X64_NOREG ? 4 : (m.index & 7);
        int ss = m.scale == 8 ? 3 : m.scale == 4 ? 2 : m.scale == 2 ? 1 : 0;
        x64_b(b, (uint8_t)(mod << 6 | r << 3 | 4));
        x64_b(b, (uint8_t)(ss << 6 | idx << 3 | base));
    } else {
        x64_b(b, (uint8_t)(mod << 6 | r << 3 | base));
    }
    if (mod == 1)
        x64_b(b, (uint8_t)(int8_t)m.disp);
    else if (mod == 2)
        x64_d(b, (uint32_t)m.disp);
}
static inline void x64_modrm_rr(struct x64_buf *b, int reg, int rm)
{
    x64_b(b, (uint8_t)(0xc0 | (reg & 7) << 3 | (rm & 7)));
}

/* opcode bytes (1 or 2, with 0x0f first) of a reg, r/m form */
static inline void x64_op_rm(struct x64_buf *b, unsigned prefix, bool w, unsigned op, int reg,
                             struct x64_mem m)
{
    if (!x64_room(b, 15))
        return;
    if (prefix)
        x64_b(b, (uint8_t)prefix);
    x64_rex(b, w, reg, m.index == X64_NOREG ? 0 : m.index, m.base == X64_NOREG ? 0 : m.base, false);
    if (op > 0xff)
        x64_b(b, (uint8_t)(op >> 8));
    x64_b(b, (uint8_t)op);
    x64_modrm_mem(b, reg, m);
}
static inline void x64_op_rr(struct x64_buf *b, unsigned prefix, bool w, unsigned op, int reg, int rm,
                             bool byte_regs)
{
    if (!x64_room(b, 15))
        return;
    if (prefix)
        x64_b(b, (uint8_t)prefix);
    x64_rex(b, w, reg, 0, rm, byte_regs && ((reg & 15) >= 4 || (rm & 15) >= 4));
    if (op > 0xff)
        x64_b(b, (uint8_t)(op >> 8));
    x64_b(b, (uint8_t)op);
    x64_modrm_rr(b, reg, rm);
}

/* ---- moves ---- */

static inline void x64_mov_rr(struct x64_buf *b, bool w, int dst, int src)
{
    x64_op_rr(b, 0, w, 0x89, src, dst, false);
}
/* dst = imm: the shortest of mov r32, imm32 (zero-extends), mov r64, simm32
 * and movabs */
static inline void x64_mov_ri(struct x64_buf *b, int dst, uint64_t imm)
{
    if (!x64_room(b, 10))
        return;
    if (imm <= 0xffffffffull) {
        x64_rex(b, false, 0, 0, dst, false);
        x64_b(b, (uint8_t)(0xb8 + (dst & 7)));
        x64_d(b, (uint32_t)imm);
    } else if ((int64_t)imm == (int32_t)imm) {
        x64_rex(b, true, 0, 0, dst, false);
        x64_b(b, 0xc7);
        x64_modrm_rr(b, 0, dst);
        x64_d(b, (uint32_t)imm);
    } else {
        x64_rex(b, true, 0, 0, dst, false);
        x64_b(b, (uint8_t)(0xb8 + (dst & 7)));
        x64_q(b, imm);
    }
}
/* movabs with all 8 bytes always present (a patchable constant) */
static inline void x64_mov_ri64(struct x64_buf *b, int dst, uint64_t imm)
{
    if (!x64_room(b, 10))
        return;
    x64_rex(b, true, 0, 0, dst, false);
    x64_b(b, (uint8_t)(0xb8 + (dst & 7)));
    x64_q(b, imm);
}

/* loads of 1, 2, 4 or 8 bytes, zero- or sign-extended to 32 (w = 0) or 64
 * bits (a 4-byte zero-extending load is a 32-bit mov) */
static inline void x64_load(struct x64_buf *b, unsigned bytes, bool sext, bool w, int dst, struct x64_mem m)
{
    switch (bytes) {
    case 1: x64_op_rm(b, 0, w, sext ? 0x0fbe : 0x0fb6, dst, m); break;
    case 2: x64_op_rm(b, 0, w, sext ? 0x0fbf : 0x0fb7, dst, m); break;
    case 4:
        if (sext && w)
            x64_op_rm(b, 0, true, 0x63, dst, m); /* movsxd */
        else
            x64_op_rm(b, 0, false, 0x8b, dst, m);
        break;
    default: x64_op_rm(b, 0, true, 0x8b, dst, m); break;
    }
}
static inline void x64_store(struct x64_buf *b, unsigned bytes, int src, struct x64_mem m)
{
    switch (bytes) {
    case 1:
        /* SPL, BPL, SIL, DIL need an empty REX */
        if (!x64_room(b, 15))
            return;
        x64_rex(b, false, src, m.index == X64_NOREG ? 0 : m.index, m.base == X64_NOREG ? 0 : m.base,
                src >= 4);
        x64_b(b, 0x88);
        x64_modrm_mem(b, src, m);
        break;
    case 2: x64_op_rm(b, 0x66, false, 0x89, src, m); break;
    case 4: x64_op_rm(b, 0, false, 0x89, src, m); break;
    default: x64_op_rm(b, 0, true, 0x89, src, m); break;
    }
}
/* a 4-byte store of a sign-extended 32-bit immediate (w: 8 bytes) */
static inline void x64_store_imm(struct x64_buf *b, bool w, struct x64_mem m, int32_t imm)
{
    x64_op_rm(b, 0, w, 0xc7, 0, m);
    if (!b->full)
        x64_d(b, (uint32_t)imm);
}
static inline void x64_lea(struct x64_buf *b, bool w, int dst, struct x64_mem m)
{
    x64_op_rm(b, 0, w, 0x8d, dst, m);
}
/* movzx/movsx between registers: bytes 1 or 2; movsxd for 4 */
static inline void x64_ext_rr(struct x64_buf *b, unsigned bytes, bool sext, bool w, int dst, int src)
{
    if (bytes == 4)
        x64_op_rr(b, 0, true, 0x63, dst, src, false);
    else
        x64_op_rr(b, 0, w, bytes == 1 ? (sext ? 0x0fbe : 0x0fb6) : (sext ? 0x0fbf : 0x0fb7), dst, src,
                  bytes == 1);
}

/* ---- arithmetic ---- */

static inline void x64_alu_rr(struct x64_buf *b, enum x64_alu op, bool w, int dst, int src)
{
    x64_op_rr(b, 0, w, (unsigned)op * 8 + 1, src, dst, false);
}
/* dst op= [m] */
static inline void x64_alu_rm(struct x64_buf *b, enum x64_alu op, bool w, int dst, struct x64_mem m)
{
    x64_op_rm(b, 0, w, (unsigned)op * 8 + 3, dst, m);
}
/* [m] op= src */
static inline void x64_alu_mr(struct x64_buf *b, enum x64_alu op, bool w, struct x64_mem m, int src)
{
    x64_op_rm(b, 0, w, (unsigned)op * 8 + 1, src, m);
}
/* dst op= simm32 (the imm8 form when it fits) */
static inline void x64_alu_ri(struct x64_buf *b, enum x64_alu op, bool w, int dst, int32_t imm)
{
    bool small = imm >= -128 && imm <= 127;
    x64_op_rr(b, 0, w, small ? 0x83 : 0x81, (int)op, dst, false);
    if (b->full)
        return;
    if (small)
        x64_b(b, (uint8_t)(int8_t)imm);
    else
        x64_d(b, (uint32_t)imm);
}
/* [m] op= simm32 (4 or 8 bytes by w) */
static inline void x64_alu_mi(struct x64_buf *b, enum x64_alu op, bool w, struct x64_mem m, int32_t imm)
{
    bool small = imm >= -128 && imm <= 127;
    x64_op_rm(b, 0, w, small ? 0x83 : 0x81, (int)op, m);
    if (b->full)
        return;
    if (small)
        x64_b(b, (uint8_t)(int8_t)imm);
    else
        x64_d(b, (uint32_t)imm);
}
static inline void x64_test_rr(struct x64_buf *b, bool w, int a, int c)
{
    x64_op_rr(b, 0, w, 0x85, c, a, false);
}
static inline void x64_test_ri(struct x64_buf *b, bool w, int r, int32_t imm)
{
    x64_op_rr(b, 0, w, 0xf7, 0, r, false);
    if (!b->full)
        x64_d(b, (uint32_t)imm);
}
/* cmp dword/qword [m], imm8 is x64_alu_mi; a byte compare of [m] with imm8 */
static inline void x64_cmp_m8i(struct x64_buf *b, struct x64_mem m, int8_t imm)
{
    x64_op_rm(b, 0, false, 0x80, 7, m);
    if (!b->full)
        x64_b(b, (uint8_t)imm);
}
static inline void x64_shift_ri(struct x64_buf *b, enum x64_shift op, bool w, int r, uint8_t n)
{
    x64_op_rr(b, 0, w, 0xc1, (int)op, r, false);
    if (!b->full)
        x64_b(b, n);
}
/* r op= cl */
static inline void x64_shift_rcl(struct x64_buf *b, enum x64_shift op, bool w, int r)
{
    x64_op_rr(b, 0, w, 0xd3, (int)op, r, false);
}
static inline void x64_imul_rr(struct x64_buf *b, bool w, int dst, int src)
{
    x64_op_rr(b, 0, w, 0x0faf, dst, src, false);
}
static inline void x64_neg(struct x64_buf *b, bool w, int r) { x64_op_rr(b, 0, w, 0xf7, 3, r, false); }
static inline void x64_not(struct x64_buf *b, bool w, int r) { x64_op_rr(b, 0, w, 0xf7, 2, r, false); }
static inline void x64_bswap(struct x64_buf *b, bool w, int r)
{
    if (!x64_room(b, 3))
        return;
    x64_rex(b, w, 0, 0, r, false);
    x64_b(b, 0x0f);
    x64_b(b, (uint8_t)(0xc8 + (r & 7)));
}
static inline void x64_setcc(struct x64_buf *b, enum x64_cc cc, int r)
{
    x64_op_rr(b, 0, false, 0x0f90 + (unsigned)cc, 0, r, true);
}
static inline void x64_cmov(struct x64_buf *b, enum x64_cc cc, bool w, int dst, int src)
{
    x64_op_rr(b, 0, w, 0x0f40 + (unsigned)cc, dst, src, false);
}
/* bt r, n: CF = bit n of r */
static inline void x64_bt_ri(struct x64_buf *b, bool w, int r, uint8_t n)
{
    x64_op_rr(b, 0, w, 0x0fba, 4, r, false);
    if (!b->full)
        x64_b(b, n);
}

/* ---- control flow ---- */

/* Jumps and calls with a 32-bit displacement return the offset of the
 * displacement field in the buffer, for x64_patch_rel32 (or SIZE_MAX when
 * the buffer is full) */
static inline size_t x64_rel32_op(struct x64_buf *b, uint8_t op)
{
    if (!x64_room(b, 5))
        return SIZE_MAX;
    x64_b(b, op);
    size_t at = x64_off(b);
    x64_d(b, 0);
    return at;
}
static inline size_t x64_jmp(struct x64_buf *b) { return x64_rel32_op(b, 0xe9); }
static inline size_t x64_jcc(struct x64_buf *b, enum x64_cc cc)
{
    if (!x64_room(b, 6))
        return SIZE_MAX;
    x64_b(b, 0x0f);
    x64_b(b, (uint8_t)(0x80 + cc));
    size_t at = x64_off(b);
    x64_d(b, 0);
    return at;
}
/* the field at `at` jumps to buffer offset `to` */
static inline void x64_patch_rel32(struct x64_buf *b, size_t at, size_t to)
{
    if (at == SIZE_MAX)
        return;
    int32_t rel = (int32_t)((int64_t)to - (int64_t)(at + 4));
    memcpy(b->start + at, &rel, 4);
}
/* the field at `at` jumps to the absolute host address `to` */
static inline void x64_patch_abs(struct x64_buf *b, size_t at, const void *to)
{
    if (at == SIZE_MAX)
        return;
    int64_t rel = (int64_t)((const uint8_t *)to - (b->start + at + 4));
    int32_t r32 = (int32_t)rel;
    memcpy(b->start + at, &r32, 4);
}
/* can a rel32 at `from` reach `to`? */
static inline bool x64_reach(const void *from, const void *to)
{
    int64_t d = (const uint8_t *)to - (const uint8_t *)from;
    return d == (int32_t)d;
}
/* call rel32; returns the field's offset like x64_jmp */
static inline size_t x64_call(struct x64_buf *b) { return x64_rel32_op(b, 0xe8); }
/* ret imm16: returns and pops n more bytes */
static inline void x64_ret_imm(struct x64_buf *b, uint16_t n)
{
    if (!x64_room(b, 3))
        return;
    x64_b(b, 0xc2);
    x64_b(b, (uint8_t)n);
    x64_b(b, (uint8_t)(n >> 8));
}
static inline void x64_call_r(struct x64_buf *b, int r) { x64_op_rr(b, 0, false, 0xff, 2, r, false); }
static inline void x64_jmp_r(struct x64_buf *b, int r) { x64_op_rr(b, 0, false, 0xff, 4, r, false); }
static inline void x64_ret(struct x64_buf *b)
{
    if (x64_room(b, 1))
        x64_b(b, 0xc3);
}
static inline void x64_push(struct x64_buf *b, int r)
{
    if (!x64_room(b, 2))
        return;
    x64_rex(b, false, 0, 0, r, false);
    x64_b(b, (uint8_t)(0x50 + (r & 7)));
}
static inline void x64_pop(struct x64_buf *b, int r)
{
    if (!x64_room(b, 2))
        return;
    x64_rex(b, false, 0, 0, r, false);
    x64_b(b, (uint8_t)(0x58 + (r & 7)));
}
/* n bytes of padding (multi-byte NOPs) */
static inline void x64_nops(struct x64_buf *b, unsigned n)
{
    static const uint8_t nop[9][9] = {
        {0}, {0x90}, {0x66, 0x90}, {0x0f, 0x1f, 0x00}, {0x0f, 0x1f, 0x40, 0x00},
        {0x0f, 0x1f, 0x44, 0x00, 0x00}, {0x66, 0x0f, 0x1f, 0x44, 0x00, 0x00},
        {0x0f, 0x1f, 0x80, 0x00, 0x00, 0x00, 0x00},
        {0x0f, 0x1f, 0x84, 0x00, 0x00, 0x00, 0x00, 0x00},
    };
    while (n && x64_room(b, n < 8 ? n : 8)) {
        unsigned k = n < 8 ? n : 8;
        memcpy(b->p, nop[k], k);
        b->p += k;
        n -= k;
    }
}
/* pads so that the next instruction's byte at +`skip` is 4-byte aligned
 * (a jmp's rel32 field then is patchable with one atomic store) */
static inline void x64_align_field(struct x64_buf *b, unsigned skip)
{
    uintptr_t at = (uintptr_t)b->p + skip;
    x64_nops(b, (unsigned)((4 - (at & 3)) & 3));
}

/* forms added for emit_dp */

/* AH = SF:ZF:0:AF:0:PF:1:CF (the flags AArch64's NZCV is packed from) */
static inline void x64_lahf(struct x64_buf *b)
{
    if (x64_room(b, 1))
        x64_b(b, 0x9f);
}
/* CF = !CF: x86's borrow to AArch64's carry after a subtraction */
/* the flags from rax's bits as lahf and seto al left them: OF from bit 0
 * (add al, 0x7f overflows for 1), then SF ZF AF PF CF from AH (sahf) */
static inline void x64_flags_from_ax(struct x64_buf *b)
{
    if (!x64_room(b, 3))
        return;
    x64_b(b, 0x04); /* add al, imm8 */
    x64_b(b, 0x7f);
    x64_b(b, 0x9e); /* sahf */
}
static inline void x64_cmc(struct x64_buf *b)
{
    if (x64_room(b, 1))
        x64_b(b, 0xf5);
}
/* dst = src * simm32 */
static inline void x64_imul_rri(struct x64_buf *b, bool w, int dst, int src, int32_t imm)
{
    x64_op_rr(b, 0, w, 0x69, dst, src, false);
    if (!b->full)
        x64_d(b, (uint32_t)imm);
}
/* dst *= [m] */
static inline void x64_imul_rm(struct x64_buf *b, bool w, int dst, struct x64_mem m)
{
    x64_op_rm(b, 0, w, 0x0faf, dst, m);
}
/* rdx:rax = rax * [m], unsigned (mul) or signed (one-operand imul) */
static inline void x64_mul_m(struct x64_buf *b, bool w, bool sgn, struct x64_mem m)
{
    x64_op_rm(b, 0, w, 0xf7, sgn ? 5 : 4, m);
}
/* rdx:rax = rax * r, unsigned (mul) or signed (one-operand imul) */
static inline void x64_mul_r(struct x64_buf *b, bool w, bool sgn, int r)
{
    x64_op_rr(b, 0, w, 0xf7, sgn ? 5 : 4, r, false);
}
/* rax = rdx:rax / r, rdx = the remainder: unsigned (div) or signed (idiv) */
static inline void x64_div_r(struct x64_buf *b, bool w, bool sgn, int r)
{
    x64_op_rr(b, 0, w, 0xf7, sgn ? 7 : 6, r, false);
}
/* rdx:rax = sign-extended rax (cqo; w = 0: edx:eax, cdq) */
static inline void x64_cqo(struct x64_buf *b, bool w)
{
    if (!x64_room(b, 2))
        return;
    if (w)
        x64_b(b, 0x48);
    x64_b(b, 0x99);
}
/* shrd dst, src, n: dst = dst >> n with src's low bits shifted in at the top */
static inline void x64_shrd_rri(struct x64_buf *b, bool w, int dst, int src, uint8_t n)
{
    x64_op_rr(b, 0, w, 0x0fac, src, dst, false);
    if (!b->full)
        x64_b(b, n);
}
/* bsr dst, src: dst = index of src's highest set bit, ZF = (src == 0) */
static inline void x64_bsr_rr(struct x64_buf *b, bool w, int dst, int src)
{
    x64_op_rr(b, 0, w, 0x0fbd, dst, src, false);
}
/* bt dword/qword [m], n: CF = bit n of [m] */
static inline void x64_bt_mi(struct x64_buf *b, bool w, struct x64_mem m, uint8_t n)
{
    x64_op_rm(b, 0, w, 0x0fba, 4, m);
    if (!b->full)
        x64_b(b, n);
}

/* forms added for emit_ldst */

/* xchg [m], src of 1, 2, 4 or 8 bytes: a locked read-modify-write (a full
 * barrier, a sequentially consistent store); src gets the old value */
static inline void x64_xchg_mr(struct x64_buf *b, unsigned bytes, int src, struct x64_mem m)
{
    if (!x64_room(b, 15))
        return;
    if (bytes == 2)
        x64_b(b, 0x66);
    x64_rex(b, bytes == 8, src, m.index == X64_NOREG ? 0 : m.index, m.base == X64_NOREG ? 0 : m.base,
            bytes == 1 && src >= 4);
    x64_b(b, bytes == 1 ? 0x86 : 0x87);
    x64_modrm_mem(b, src, m);
}

/* forms added for emit_fp */

/* test dword [m], imm32 */
static inline void x64_test_mi(struct x64_buf *b, struct x64_mem m, int32_t imm)
{
    x64_op_rm(b, 0, false, 0xf7, 0, m);
    if (!b->full)
        x64_d(b, (uint32_t)imm);
}

/* SSE2 moves of whole or half xmm registers (xmm0-xmm15):
 * movdqu xmm, [m] / [m], xmm (16 bytes); movq xmm, [m] (8 bytes, the upper
 * half cleared) / [m], xmm (the low 8 bytes) */
static inline void x64_movdqu_load(struct x64_buf *b, int xmm, struct x64_mem m)
{
    x64_op_rm(b, 0xf3, false, 0x0f6f, xmm, m);
}
static inline void x64_movdqu_store(struct x64_buf *b, struct x64_mem m, int xmm)
{
    x64_op_rm(b, 0xf3, false, 0x0f7f, xmm, m);
}
static inline void x64_movq_load(struct x64_buf *b, int xmm, struct x64_mem m)
{
    x64_op_rm(b, 0xf3, false, 0x0f7e, xmm, m);
}
static inline void x64_movq_store(struct x64_buf *b, struct x64_mem m, int xmm)
{
    x64_op_rm(b, 0x66, false, 0x0fd6, xmm, m);
}

/* A VEX-encoded scalar operation (the FMA3 forms): three-byte VEX with
 * map 0F38 and the 66 prefix, W, L = 0; reg the destination (and first
 * source), vvvv the second source, m the third */
static inline void x64_vex38_rm(struct x64_buf *b, bool w, uint8_t op, int reg, int vvvv, struct x64_mem m)
{
    if (!x64_room(b, 16))
        return;
    int index = m.index == X64_NOREG ? 0 : m.index, base = m.base == X64_NOREG ? 0 : m.base;
    x64_b(b, 0xc4);
    x64_b(b, (uint8_t)((!(reg & 8) << 7) | (!(index & 8) << 6) | (!(base & 8) << 5) | 0x02));
    x64_b(b, (uint8_t)((w << 7) | ((~vvvv & 15) << 3) | 0x01));
    x64_b(b, op);
    x64_modrm_mem(b, reg, m);
}

#endif

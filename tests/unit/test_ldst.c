/* Unit tests for the load/store class: decoder fields on known encodings
 * (words and text from aarch64-linux-gnu-as/objdump, one or more per row of
 * interp/ldst.decode), encodings that must not decode, and semantics run with
 * decode_insn + exec_table on a struct cpu over a private guest page range:
 * every addressing mode and writeback (Rt == Rn included), sign extension,
 * pairs, exclusives (success and failure), LSE atomics and RCpc forms, SIMD
 * structure layouts, atomicity under host threads, and precise state at
 * faults. */
#include <check.h>
#include <pthread.h>
#include <setjmp.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>

#include "core/mem.h"
#include "interp/decode.h"
#include "interp/ops.h"

/* ---- decoder fields ---- */

/* -1: field not checked; has_imm: check imm (byte offset, post-index amount,
 * or literal offset from the instruction's own pc) */
struct lt_case {
    uint32_t word;
    const char *op;
    int8_t rd, rn, rm, ra, rs, size, opt, amt, x, y;
    uint8_t has_imm;
    int32_t imm;
};
/* the list was assembled at offset 0 (label lbl) so a literal's target is
 * -4 * its index; register numbers follow the role mapping: 32 XZR read,
 * 33 XZR write, 31 SP */
static const struct lt_case lt_cases[] = {
    {0xf9800420, "PRFM_OFF", -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0}, /* prfm pldl1keep, [x1, #8] */
    {0xb9000c62, "STR_OFF", 2, 3, -1, -1, -1, 2, -1, -1, -1, -1, 1, 12}, /* str w2, [x3, #12] */
    {0x393fffe4, "STR_OFF", 4, 31, -1, -1, -1, 0, -1, -1, -1, -1, 1, 4095}, /* strb w4, [sp, #4095] */
    {0x793ffcbf, "STR_OFF", 32, 5, -1, -1, -1, 1, -1, -1, -1, -1, 1, 8190}, /* strh wzr, [x5, #8190] */
    {0xf93ffce6, "STR_OFF", 6, 7, -1, -1, -1, 3, -1, -1, -1, -1, 1, 32760}, /* str x6, [x7, #32760] */
    {0xf97ffcc5, "LDR_OFF", 5, 6, -1, -1, -1, 3, -1, -1, -1, -1, 1, 32760}, /* ldr x5, [x6, #32760] */
    {0x39400107, "LDR_OFF", 7, 8, -1, -1, -1, 0, -1, -1, -1, -1, 1, 0}, /* ldrb w7, [x8] */
    {0x79400549, "LDR_OFF", 9, 10, -1, -1, -1, 1, -1, -1, -1, -1, 1, 2}, /* ldrh w9, [x10, #2] */
    {0xb940043f, "LDR_OFF", 33, 1, -1, -1, -1, 2, -1, -1, -1, -1, 1, 4}, /* ldr wzr, [x1, #4] */
    {0x39800441, "LDRSX_OFF", 1, 2, -1, -1, -1, 0, -1, -1, -1, -1, 1, 1}, /* ldrsb x1, [x2, #1] */
    {0x798004c5, "LDRSX_OFF", 5, 6, -1, -1, -1, 1, -1, -1, -1, -1, 1, 2}, /* ldrsh x5, [x6, #2] */
    {0xb9800883, "LDRSX_OFF", 3, 4, -1, -1, -1, 2, -1, -1, -1, -1, 1, 8}, /* ldrsw x3, [x4, #8] */
    {0x39c00041, "LDRS32_OFF", 1, 2, -1, -1, -1, 0, -1, -1, -1, -1, 1, 0}, /* ldrsb w1, [x2] */
    {0x79c00c83, "LDRS32_OFF", 3, 4, -1, -1, -1, 1, -1, -1, -1, -1, 1, 6}, /* ldrsh w3, [x4, #6] */
    {0x3d800441, "STRV_OFF", 1, 2, -1, -1, -1, 4, -1, -1, -1, -1, 1, 16}, /* str q1, [x2, #16] */
    {0x3d000483, "STRV_OFF", 3, 4, -1, -1, -1, 0, -1, -1, -1, -1, 1, 1}, /* str b3, [x4, #1] */
    {0xfd0004c5, "STRV_OFF", 5, 6, -1, -1, -1, 3, -1, -1, -1, -1, 1, 8}, /* str d5, [x6, #8] */
    {0x3dfffd07, "LDRV_OFF", 7, 8, -1, -1, -1, 4, -1, -1, -1, -1, 1, 65520}, /* ldr q7, [x8, #65520] */
    {0x7d400549, "LDRV_OFF", 9, 10, -1, -1, -1, 1, -1, -1, -1, -1, 1, 2}, /* ldr h9, [x10, #2] */
    {0xbd40058b, "LDRV_OFF", 11, 12, -1, -1, -1, 2, -1, -1, -1, -1, 1, 4}, /* ldr s11, [x12, #4] */
    {0xf89ff063, "PRFUM", -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0}, /* prfum pldl2strm, [x3, #-1] */
    {0xb8100041, "STR_OFF_U", 1, 2, -1, -1, -1, 2, -1, -1, -1, -1, 1, -256}, /* stur w1, [x2, #-256] */
    {0x780ff062, "STR_OFF_U", 2, 3, -1, -1, -1, 1, -1, -1, -1, -1, 1, 255}, /* sturh w2, [x3, #255] */
    {0xf84ff083, "LDR_OFF_U", 3, 4, -1, -1, -1, 3, -1, -1, -1, -1, 1, 255}, /* ldur x3, [x4, #255] */
    {0xb89fc0c5, "LDRSX_OFF_U", 5, 6, -1, -1, -1, 2, -1, -1, -1, -1, 1, -4}, /* ldursw x5, [x6, #-4] */
    {0x78c01107, "LDRS32_OFF_U", 7, 8, -1, -1, -1, 1, -1, -1, -1, -1, 1, 1}, /* ldursh w7, [x8, #1] */
    {0x3c9ef149, "STRV_OFF_U", 9, 10, -1, -1, -1, 4, -1, -1, -1, -1, 1, -17}, /* stur q9, [x10, #-17] */
    {0xfc40318b, "LDRV_OFF_U", 11, 12, -1, -1, -1, 3, -1, -1, -1, -1, 1, 3}, /* ldur d11, [x12, #3] */
    {0xb8004841, "STR_OFF_T", 1, 2, -1, -1, -1, 2, -1, -1, -1, -1, 1, 4}, /* sttr w1, [x2, #4] */
    {0xf85f8883, "LDR_OFF_T", 3, 4, -1, -1, -1, 3, -1, -1, -1, -1, 1, -8}, /* ldtr x3, [x4, #-8] */
    {0xb88008c5, "LDRSX_OFF_T", 5, 6, -1, -1, -1, 2, -1, -1, -1, -1, 1, 0}, /* ldtrsw x5, [x6] */
    {0x38c01907, "LDRS32_OFF_T", 7, 8, -1, -1, -1, 0, -1, -1, -1, -1, 1, 1}, /* ldtrsb w7, [x8, #1] */
    {0xf8008441, "STR_POST", 1, 2, -1, -1, -1, 3, -1, -1, -1, -1, 1, 8}, /* str x1, [x2], #8 */
    {0x381ff483, "STR_POST", 3, 4, -1, -1, -1, 0, -1, -1, -1, -1, 1, -1}, /* strb w3, [x4], #-1 */
    {0xb85004c5, "LDR_POST", 5, 6, -1, -1, -1, 2, -1, -1, -1, -1, 1, -256}, /* ldr w5, [x6], #-256 */
    {0x78802507, "LDRSX_POST", 7, 8, -1, -1, -1, 1, -1, -1, -1, -1, 1, 2}, /* ldrsh x7, [x8], #2 */
    {0x38cff549, "LDRS32_POST", 9, 10, -1, -1, -1, 0, -1, -1, -1, -1, 1, 255}, /* ldrsb w9, [x10], #255 */
    {0x3c8107eb, "STRV_POST", 11, 31, -1, -1, -1, 4, -1, -1, -1, -1, 1, 16}, /* str q11, [sp], #16 */
    {0xbc5fc5ac, "LDRV_POST", 12, 13, -1, -1, -1, 2, -1, -1, -1, -1, 1, -4}, /* ldr s12, [x13], #-4 */
    {0xf81f0fe1, "STR_PRE", 1, 31, -1, -1, -1, 3, -1, -1, -1, -1, 1, -16}, /* str x1, [sp, #-16]! */
    {0x78402c62, "LDR_PRE", 2, 3, -1, -1, -1, 1, -1, -1, -1, -1, 1, 2}, /* ldrh w2, [x3, #2]! */
    {0xb89fcca4, "LDRSX_PRE", 4, 5, -1, -1, -1, 2, -1, -1, -1, -1, 1, -4}, /* ldrsw x4, [x5, #-4]! */
    {0x78dfece6, "LDRS32_PRE", 6, 7, -1, -1, -1, 1, -1, -1, -1, -1, 1, -2}, /* ldrsh w6, [x7, #-2]! */
    {0xfc008d28, "STRV_PRE", 8, 9, -1, -1, -1, 3, -1, -1, -1, -1, 1, 8}, /* str d8, [x9, #8]! */
    {0x3c401d6a, "LDRV_PRE", 10, 11, -1, -1, -1, 0, -1, -1, -1, -1, 1, 1}, /* ldr b10, [x11, #1]! */
    {0xf8a27820, "PRFM_REG", -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0}, /* prfm pldl1keep, [x1, x2, lsl #3] */
    {0xf8237841, "STR_REG", 1, 2, 3, -1, -1, 3, 3, 3, -1, -1, 0, 0}, /* str x1, [x2, x3, lsl #3] */
    {0x3826c8a4, "STR_REG", 4, 5, 6, -1, -1, 0, 6, 0, -1, -1, 0, 0}, /* strb w4, [x5, w6, sxtw] */
    {0x78295907, "STR_REG", 7, 8, 9, -1, -1, 1, 2, 1, -1, -1, 0, 0}, /* strh w7, [x8, w9, uxtw #1] */
    {0xb86cf96a, "LDR_REG", 10, 11, 12, -1, -1, 2, 7, 2, -1, -1, 0, 0}, /* ldr w10, [x11, x12, sxtx #2] */
    {0x38637841, "LDR_REG", 1, 2, 3, -1, -1, 0, 3, 0, -1, -1, 0, 0}, /* ldrb w1, [x2, x3, lsl #0] */
    {0xb8af49cd, "LDRSX_REG", 13, 14, 15, -1, -1, 2, 2, 0, -1, -1, 0, 0}, /* ldrsw x13, [x14, w15, uxtw] */
    {0x78f26a30, "LDRS32_REG", 16, 17, 18, -1, -1, 1, 3, 0, -1, -1, 0, 0}, /* ldrsh w16, [x17, x18] */
    {0x3cb57a93, "STRV_REG", 19, 20, 21, -1, -1, 4, 3, 4, -1, -1, 0, 0}, /* str q19, [x20, x21, lsl #4] */
    {0xfc78daf6, "LDRV_REG", 22, 23, 24, -1, -1, 3, 6, 3, -1, -1, 0, 0}, /* ldr d22, [x23, w24, sxtw #3] */
    {0x58fff921, "LDR_LIT", 1, -1, -1, -1, -1, 3, -1, -1, -1, -1, 1, -220}, /* ldr x1, 0 <lbl> */
    {0x18fff902, "LDR_LIT", 2, -1, -1, -1, -1, 2, -1, -1, -1, -1, 1, -224}, /* ldr w2, 0 <lbl> */
    {0x98fff8e3, "LDRSW_LIT", 3, -1, -1, -1, -1, 2, -1, -1, -1, -1, 1, -228}, /* ldrsw x3, 0 <lbl> */
    {0xd8fff8c0, "PRFM_LIT", -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 0, 0}, /* prfm pldl1keep, 0 <lbl> */
    {0x9cfff8a4, "LDRV_LIT", 4, -1, -1, -1, -1, 4, -1, -1, -1, -1, 1, -236}, /* ldr q4, 0 <lbl> */
    {0x1cfff885, "LDRV_LIT", 5, -1, -1, -1, -1, 2, -1, -1, -1, -1, 1, -240}, /* ldr s5, 0 <lbl> */
    {0xa83f0861, "STP_OFF_NP", 1, 3, -1, 2, -1, 3, -1, -1, -1, -1, 1, -16}, /* stnp x1, x2, [x3, #-16] */
    {0x285f94c4, "LDP_OFF_NP", 4, 6, -1, 5, -1, 2, -1, -1, -1, -1, 1, 252}, /* ldnp w4, w5, [x6, #252] */
    {0xac202127, "STPV_OFF_NP", 7, 9, -1, 8, -1, 4, -1, -1, -1, -1, 1, -1024}, /* stnp q7, q8, [x9, #-1024] */
    {0x6c402fea, "LDPV_OFF_NP", 10, 31, -1, 11, -1, 3, -1, -1, -1, -1, 1, 0}, /* ldnp d10, d11, [sp] */
    {0x29010861, "STP_OFF", 1, 3, -1, 2, -1, 2, -1, -1, -1, -1, 1, 8}, /* stp w1, w2, [x3, #8] */
    {0xa95f8861, "LDP_OFF", 1, 3, -1, 2, -1, 3, -1, -1, -1, -1, 1, 504}, /* ldp x1, x2, [x3, #504] */
    {0x696014c4, "LDPSW_OFF", 4, 6, -1, 5, -1, 2, -1, -1, -1, -1, 1, -256}, /* ldpsw x4, x5, [x6, #-256] */
    {0x2d008861, "STPV_OFF", 1, 3, -1, 2, -1, 2, -1, -1, -1, -1, 1, 4}, /* stp s1, s2, [x3, #4] */
    {0xad5f94c4, "LDPV_OFF", 4, 6, -1, 5, -1, 4, -1, -1, -1, -1, 1, 1008}, /* ldp q4, q5, [x6, #1008] */
    {0xa8810be1, "STP_POST", 1, 31, -1, 2, -1, 3, -1, -1, -1, -1, 1, 16}, /* stp x1, x2, [sp], #16 */
    {0x28ff10a3, "LDP_POST", 3, 5, -1, 4, -1, 2, -1, -1, -1, -1, 1, -8}, /* ldp w3, w4, [x5], #-8 */
    {0x68c11d06, "LDPSW_POST", 6, 8, -1, 7, -1, 2, -1, -1, -1, -1, 1, 8}, /* ldpsw x6, x7, [x8], #8 */
    {0x6ca02969, "STPV_POST", 9, 11, -1, 10, -1, 3, -1, -1, -1, -1, 1, -512}, /* stp d9, d10, [x11], #-512 */
    {0x2cc0b5cc, "LDPV_POST", 12, 14, -1, 13, -1, 2, -1, -1, -1, -1, 1, 4}, /* ldp s12, s13, [x14], #4 */
    {0xa9be7bfd, "STP_PRE", 29, 31, -1, 30, -1, 3, -1, -1, -1, -1, 1, -32}, /* stp x29, x30, [sp, #-32]! */
    {0xa9c10861, "LDP_PRE", 1, 3, -1, 2, -1, 3, -1, -1, -1, -1, 1, 16}, /* ldp x1, x2, [x3, #16]! */
    {0x69c094c4, "LDPSW_PRE", 4, 6, -1, 5, -1, 2, -1, -1, -1, -1, 1, 4}, /* ldpsw x4, x5, [x6, #4]! */
    {0xadbf23e7, "STPV_PRE", 7, 31, -1, 8, -1, 4, -1, -1, -1, -1, 1, -32}, /* stp q7, q8, [sp, #-32]! */
    {0x6dffa969, "LDPV_PRE", 9, 11, -1, 10, -1, 3, -1, -1, -1, -1, 1, -8}, /* ldp d9, d10, [x11, #-8]! */
    {0xc8017c62, "STXR", 2, 3, -1, -1, 1, 3, -1, -1, -1, -1, 0, 0}, /* stxr w1, x2, [x3] */
    {0x0804fcc5, "STXR", 5, 6, -1, -1, 4, 0, -1, -1, -1, -1, 0, 0}, /* stlxrb w4, w5, [x6] */
    {0x48077fff, "STXR", 32, 31, -1, -1, 7, 1, -1, -1, -1, -1, 0, 0}, /* stxrh w7, wzr, [sp] */
    {0x885f7d07, "LDXR", 7, 8, -1, -1, -1, 2, -1, -1, -1, -1, 0, 0}, /* ldxr w7, [x8] */
    {0xc85fffe9, "LDXR", 9, 31, -1, -1, -1, 3, -1, -1, -1, -1, 0, 0}, /* ldaxr x9, [sp] */
    {0x085f7d6a, "LDXR", 10, 11, -1, -1, -1, 0, -1, -1, -1, -1, 0, 0}, /* ldxrb w10, [x11] */
    {0xc8210c82, "STXP", 2, 4, -1, 3, 1, 3, -1, -1, -1, -1, 0, 0}, /* stxp w1, x2, x3, [x4] */
    {0x88259d06, "STXP", 6, 8, -1, 7, 5, 2, -1, -1, -1, -1, 0, 0}, /* stlxp w5, w6, w7, [x8] */
    {0xc87f0861, "LDXP", 1, 3, -1, 2, -1, 3, -1, -1, -1, -1, 0, 0}, /* ldxp x1, x2, [x3] */
    {0x887f94c4, "LDXP", 4, 6, -1, 5, -1, 2, -1, -1, -1, -1, 0, 0}, /* ldaxp w4, w5, [x6] */
    {0xc89ffc41, "STLR", 1, 2, -1, -1, -1, 3, -1, -1, -1, -1, 0, 0}, /* stlr x1, [x2] */
    {0x089ffc83, "STLR", 3, 4, -1, -1, -1, 0, -1, -1, -1, -1, 0, 0}, /* stlrb w3, [x4] */
    {0x88dffc83, "LDAR", 3, 4, -1, -1, -1, 2, -1, -1, -1, -1, 0, 0}, /* ldar w3, [x4] */
    {0x48dffcc5, "LDAR", 5, 6, -1, -1, -1, 1, -1, -1, -1, -1, 0, 0}, /* ldarh w5, [x6] */
    {0xf8bfc0c5, "LDAPR", 5, 6, -1, -1, -1, 3, -1, -1, -1, -1, 0, 0}, /* ldapr x5, [x6] */
    {0xb8200041, "LDADD", 1, 2, -1, -1, 0, 2, -1, -1, -1, -1, 0, 0}, /* ldadd w0, w1, [x2] */
    {0xf8e303e4, "LDADD", 4, 31, -1, -1, 3, 3, -1, -1, -1, -1, 0, 0}, /* ldaddal x3, x4, [sp] */
    {0x382500e6, "LDADD", 6, 7, -1, -1, 5, 0, -1, -1, -1, -1, 0, 0}, /* ldaddb w5, w6, [x7] */
    {0x78681149, "LDCLR", 9, 10, -1, -1, 8, 1, -1, -1, -1, -1, 0, 0}, /* ldclrlh w8, w9, [x10] */
    {0xf8ab21ac, "LDEOR", 12, 13, -1, -1, 11, 3, -1, -1, -1, -1, 0, 0}, /* ldeora x11, x12, [x13] */
    {0xb82e320f, "LDSET", 15, 16, -1, -1, 14, 2, -1, -1, -1, -1, 0, 0}, /* ldset w14, w15, [x16] */
    {0xf8314272, "LDSMAX", 18, 19, -1, -1, 17, 3, -1, -1, -1, -1, 0, 0}, /* ldsmax x17, x18, [x19] */
    {0x383452d5, "LDSMIN", 21, 22, -1, -1, 20, 0, -1, -1, -1, -1, 0, 0}, /* ldsminb w20, w21, [x22] */
    {0x78376338, "LDUMAX", 24, 25, -1, -1, 23, 1, -1, -1, -1, -1, 0, 0}, /* ldumaxh w23, w24, [x25] */
    {0xf8fa739b, "LDUMIN", 27, 28, -1, -1, 26, 3, -1, -1, -1, -1, 0, 0}, /* lduminal x26, x27, [x28] */
    {0xf8208041, "SWP", 1, 2, -1, -1, 0, 3, -1, -1, -1, -1, 0, 0}, /* swp x0, x1, [x2] */
    {0x38e380a4, "SWP", 4, 5, -1, -1, 3, 0, -1, -1, -1, -1, 0, 0}, /* swpalb w3, w4, [x5] */
    {0xb821005f, "LDADD", 33, 2, -1, -1, 1, 2, -1, -1, -1, -1, 0, 0}, /* stadd w1, [x2] */
    {0xf863109f, "LDCLR", 33, 4, -1, -1, 3, 3, -1, -1, -1, -1, 0, 0}, /* stclrl x3, [x4] */
    {0x88a07c41, "CAS", 1, 2, 0, -1, 0, 2, -1, -1, -1, -1, 0, 0}, /* cas w0, w1, [x2] */
    {0xc8e3ffe4, "CAS", 4, 31, 3, -1, 3, 3, -1, -1, -1, -1, 0, 0}, /* casal x3, x4, [sp] */
    {0x08a57ce6, "CAS", 6, 7, 5, -1, 5, 0, -1, -1, -1, -1, 0, 0}, /* casb w5, w6, [x7] */
    {0x48a8fd49, "CAS", 9, 10, 8, -1, 8, 1, -1, -1, -1, -1, 0, 0}, /* caslh w8, w9, [x10] */
    {0xc8ff7c3f, "CAS", 32, 1, 32, -1, 33, 3, -1, -1, -1, -1, 0, 0}, /* casa xzr, xzr, [x1] */
    {0x08207c82, "CASP", 2, 4, 1, 3, 0, 2, -1, -1, -1, 1, 0, 0}, /* casp w0, w1, w2, w3, [x4] */
    {0x487efcbc, "CASP", 28, 5, 32, 29, 30, 3, -1, -1, -1, 33, 0, 0}, /* caspal x30, xzr, x28, x29, [x5] */
    {0x991fc041, "STLUR", 1, 2, -1, -1, -1, 2, -1, -1, -1, -1, 1, -4}, /* stlur w1, [x2, #-4] */
    {0xd94ff083, "LDAPUR", 3, 4, -1, -1, -1, 3, -1, -1, -1, -1, 1, 255}, /* ldapur x3, [x4, #255] */
    {0x198000c5, "LDAPURSX", 5, 6, -1, -1, -1, 0, -1, -1, -1, -1, 1, 0}, /* ldapursb x5, [x6] */
    {0x59c02107, "LDAPURS32", 7, 8, -1, -1, -1, 1, -1, -1, -1, -1, 1, 2}, /* ldapursh w7, [x8, #2] */
    {0x99900149, "LDAPURSX", 9, 10, -1, -1, -1, 2, -1, -1, -1, -1, 1, -256}, /* ldapursw x9, [x10, #-256] */
    {0x1900018b, "STLUR", 11, 12, -1, -1, -1, 0, -1, -1, -1, -1, 1, 0}, /* stlurb w11, [x12] */
    {0x594063ed, "LDAPUR", 13, 31, -1, -1, -1, 1, -1, -1, -1, -1, 1, 6}, /* ldapurh w13, [sp, #6] */
    {0x4c007020, "ST_MULT", 0, 1, 31, -1, -1, 0, 1, -1, 1, 1, 0, 0}, /* st1 {v0.16b}, [x1] */
    {0x4c008882, "ST_MULT", 2, 4, 31, -1, -1, 2, 1, -1, 1, 2, 0, 0}, /* st2 {v2.4s, v3.4s}, [x4] */
    {0x4c000cbe, "ST_MULT", 30, 5, 31, -1, -1, 3, 1, -1, 1, 4, 0, 0}, /* st4 {v30.2d, v31.2d, v0.2d, v1.2d}, [x5] */
    {0x0c0020de, "ST_MULT", 30, 6, 31, -1, -1, 0, 0, -1, 4, 1, 0, 0}, /* st1 {v30.8b, v31.8b, v0.8b, v1.8b}, [x6] */
    {0x4c406c21, "LD_MULT", 1, 1, 31, -1, -1, 3, 1, -1, 3, 1, 0, 0}, /* ld1 {v1.2d-v3.2d}, [x1] */
    {0x4c4007e4, "LD_MULT", 4, 31, 31, -1, -1, 1, 1, -1, 1, 4, 0, 0}, /* ld4 {v4.8h-v7.8h}, [sp] */
    {0x0c404048, "LD_MULT", 8, 2, 31, -1, -1, 0, 0, -1, 1, 3, 0, 0}, /* ld3 {v8.8b-v10.8b}, [x2] */
    {0x0c40ac6b, "LD_MULT", 11, 3, 31, -1, -1, 3, 0, -1, 2, 1, 0, 0}, /* ld1 {v11.1d, v12.1d}, [x3] */
    {0x4c9f7820, "ST_MULT_POST", 0, 1, 31, -1, -1, 2, 1, -1, 1, 1, 1, 16}, /* st1 {v0.4s}, [x1], #16 */
    {0x0c838841, "ST_MULT_POST", 1, 2, 3, -1, -1, 2, 0, -1, 1, 2, 0, 0}, /* st2 {v1.2s, v2.2s}, [x2], x3 */
    {0x0cdf4420, "LD_MULT_POST", 0, 1, 31, -1, -1, 1, 0, -1, 1, 3, 1, 24}, /* ld3 {v0.4h-v2.4h}, [x1], #24 */
    {0x0cc57c00, "LD_MULT_POST", 0, 0, 5, -1, -1, 3, 0, -1, 1, 1, 0, 0}, /* ld1 {v0.1d}, [x0], x5 */
    {0x4d40c820, "LD_REPL", 0, 1, 31, -1, -1, 2, 1, 1, -1, 1, 0, 0}, /* ld1r {v0.4s}, [x1] */
    {0x0d60e041, "LD_REPL", 1, 2, 31, -1, -1, 0, 0, 1, -1, 4, 0, 0}, /* ld4r {v1.8b-v4.8b}, [x2] */
    {0x0d60cc65, "LD_REPL", 5, 3, 31, -1, -1, 3, 0, 1, -1, 2, 0, 0}, /* ld2r {v5.1d, v6.1d}, [x3] */
    {0x4ddfcc20, "LD_REPL_POST", 0, 1, 31, -1, -1, 3, 1, 1, -1, 1, 1, 8}, /* ld1r {v0.2d}, [x1], #8 */
    {0x0de4c461, "LD_REPL_POST", 1, 3, 4, -1, -1, 1, 0, 1, -1, 2, 0, 0}, /* ld2r {v1.4h, v2.4h}, [x3], x4 */
    {0x4ddfe087, "LD_REPL_POST", 7, 4, 31, -1, -1, 0, 1, 1, -1, 3, 1, 3}, /* ld3r {v7.16b-v9.16b}, [x4], #3 */
    {0x4d001c20, "ST_SINGLE", 0, 1, 31, -1, -1, 0, -1, 0, 15, 1, 0, 0}, /* st1 {v0.b}[15], [x1] */
    {0x0d205841, "ST_SINGLE", 1, 2, 31, -1, -1, 1, -1, 0, 3, 2, 0, 0}, /* st2 {v1.h, v2.h}[3], [x2] */
    {0x0d00b063, "ST_SINGLE", 3, 3, 31, -1, -1, 2, -1, 0, 1, 3, 0, 0}, /* st3 {v3.s-v5.s}[1], [x3] */
    {0x4d20a486, "ST_SINGLE", 6, 4, 31, -1, -1, 3, -1, 0, 1, 4, 0, 0}, /* st4 {v6.d-v9.d}[1], [x4] */
    {0x4d409020, "LD_SINGLE", 0, 1, 31, -1, -1, 2, -1, 0, 3, 1, 0, 0}, /* ld1 {v0.s}[3], [x1] */
    {0x0d403c41, "LD_SINGLE", 1, 2, 31, -1, -1, 0, -1, 0, 7, 3, 0, 0}, /* ld3 {v1.b-v3.b}[7], [x2] */
    {0x4d4053ff, "LD_SINGLE", 31, 31, 31, -1, -1, 1, -1, 0, 6, 1, 0, 0}, /* ld1 {v31.h}[6], [sp] */
    {0x4d9f8420, "ST_SINGLE_POST", 0, 1, 31, -1, -1, 3, -1, 0, 1, 1, 1, 8}, /* st1 {v0.d}[1], [x1], #8 */
    {0x4da3685c, "ST_SINGLE_POST", 28, 2, 3, -1, -1, 1, -1, 0, 5, 4, 0, 0}, /* st4 {v28.h-v31.h}[5], [x2], x3 */
    {0x4dff8020, "LD_SINGLE_POST", 0, 1, 31, -1, -1, 2, -1, 0, 2, 2, 1, 8}, /* ld2 {v0.s, v1.s}[2], [x1], #8 */
    {0x4dfe2420, "LD_SINGLE_POST", 0, 1, 30, -1, -1, 0, -1, 0, 9, 4, 0, 0}, /* ld4 {v0.b-v3.b}[9], [x1], x30 */
};

/* LSE atomics write memory whatever their name says */
static bool lt_is_atomic(const char *op)
{
    static const char *const names[] = {"LDADD", "LDCLR", "LDEOR", "LDSET", "LDSMAX", "LDSMIN",
                                        "LDUMAX", "LDUMIN", "SWP", "CAS", "CASP"};
    for (unsigned k = 0; k < sizeof names / sizeof names[0]; k++)
        if (!strcmp(op, names[k]))
            return true;
    return false;
}

static struct insn lt_decode(uint32_t raw)
{
    struct insn i;
    decode_insn(&i, raw, 0x400000);
    return i;
}

#define LT_FIELD(name)                                                                                    \
    if (e->name >= 0)                                                                                     \
    ck_assert_msg(i.name == (unsigned)e->name, "%08x (%s): " #name " %u, want %d", e->word, e->op, i.name, \
                  e->name)

START_TEST(test_ldst_fields)
{
    for (unsigned k = 0; k < sizeof lt_cases / sizeof lt_cases[0]; k++) {
        const struct lt_case *e = &lt_cases[k];
        struct insn i = lt_decode(e->word);
        ck_assert_msg(!strcmp(decode_op_name(i.op), e->op), "%08x decoded as %s, want %s", e->word,
                      decode_op_name(i.op), e->op);
        LT_FIELD(rd);
        LT_FIELD(rn);
        LT_FIELD(rm);
        LT_FIELD(ra);
        LT_FIELD(rs);
        LT_FIELD(size);
        LT_FIELD(opt);
        LT_FIELD(amt);
        LT_FIELD(x);
        LT_FIELD(y);
        if (e->has_imm)
            ck_assert_msg(i.imm == e->imm, "%08x (%s): imm %lld, want %d", e->word, e->op, (long long)i.imm,
                          e->imm);
        if (!strncmp(e->op, "PRF", 3))
            ck_assert(!(i.flags & INSN_MEM));
        else
            ck_assert_msg(i.flags & INSN_MEM, "%08x (%s) lacks INSN_MEM", e->word, e->op);
        bool store = !strncmp(e->op, "ST", 2) || lt_is_atomic(e->op);
        ck_assert_msg(!!(i.flags & INSN_STORE) == store, "%08x (%s): INSN_STORE", e->word, e->op);
    }
}
END_TEST

/* unallocated (objdump: "undefined") or not implemented (STGP is MTE) */
START_TEST(test_ldst_unallocated)
{
    static const uint32_t words[] = {
        0xb9c00000, /* LDRSW to W (size 10, opc 11) */
        0xf9c00000, /* size 11, opc 11 */
        0xf8c00000, /* unscaled size 11, opc 11 */
        0x7dc00000, /* SIMD&FP size 01 with opc 1x */
        0x7cc00000, /* unscaled SIMD&FP size 01 with opc 1x */
        0xf8600800, /* register offset with option 000 */
        0x3c400800, /* unprivileged SIMD&FP */
        0xf8800800, /* LDTRSW-like with size 11 */
        0xdc000000, /* LDR (literal, SIMD&FP) opc 11 */
        0xe9000000, /* STP opc 11 */
        0x69000000, /* stgp x0, x0, [x0] (MTE) */
        0xed000000, /* STP SIMD&FP opc 11 */
        0x0c401000, /* LD multiple, opcode 0001 */
        0x0c408c00, /* ld2 {v0.1d, v1.1d}: size 11 with Q 0 */
        0x0c808c00, /* the same, post-indexed */
        0x0d00c000, /* store with the replicate opcode */
        0x0d404400, /* single structure, 16-bit with odd size */
        0x0d408800, /* single structure, 32-bit with size 1x */
        0x0d409400, /* single structure, 64-bit with S 1 */
        0x0d40d000, /* replicate with S 1 */
        0x0d20e000, /* store of the replicate opcode, R 1 */
        0x0c410000, /* LD multiple without post-index, Rm != 0 */
        0x3ce00c00, /* SIMD&FP register-offset space with bits 11:10 = 11 */
        0x08217c00, /* CASP with odd Rs */
        0x48207c01, /* CASP with odd Rt */
        0xf8209000, /* atomic memory op o3 1, opc 001 */
        0xf8a0c000, /* LDAPR space with Rs != 31 */
        0x38a0c000, /* the same, byte */
        0xd9c00000, /* RCpc size 11 opc 11 */
        0x99c00000, /* RCpc size 10 opc 11 */
        0x08a07800, /* CAS with Rt2 != 31 */
    };
    for (unsigned k = 0; k < sizeof words / sizeof words[0]; k++) {
        struct insn i = lt_decode(words[k]);
        ck_assert_msg(i.op == OP_UNDEF, "%08x decoded as %s", words[k], decode_op_name(i.op));
    }
}
END_TEST

/* ---- semantics ---- */

#define LT_BASE 0x10000000ull /* a private 64 KiB block of guest memory */
#define LT_SIZE 0x10000ull
#define LT_PC 0x10008000ull /* literal loads are relative to this pc */

static struct cpu lt_cpu;

static uint8_t *lt_mem(uint64_t off) { return g2h(LT_BASE + off); }

static void lt_map(uint64_t ga, uint64_t len)
{
    void *p = mmap(g2h(ga), len, PROT_READ | PROT_WRITE, MAP_FIXED | MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert(p == g2h(ga));
    mem_set_flags(ga, len, mem_prot_flags(3));
}

/* fresh memory (byte k of the block holds k & 0xff) and a register file of
 * recognisable garbage */
static struct cpu *lt_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    lt_map(LT_BASE, LT_SIZE);
    for (uint64_t k = 0; k < LT_SIZE; k++)
        *lt_mem(k) = (uint8_t)k;
    struct cpu *c = &lt_cpu;
    memset(c, 0, sizeof *c);
    for (int r = 0; r < 32; r++)
        c->x[r] = 0xdead000000000000ull | (uint64_t)r << 8;
    c->x[REG_ZR] = 0;
    for (int r = 0; r < 32; r++) {
        c->v[r].d[0] = 0x1111111111111111ull * (uint64_t)(r & 15);
        c->v[r].d[1] = ~c->v[r].d[0];
    }
    return c;
}

static enum xres lt_run_at(struct cpu *c, uint32_t word, uint64_t pc)
{
    struct insn i;
    decode_insn(&i, word, pc);
    ck_assert_msg(i.op != OP_UNDEF, "%08x does not decode", word);
    c->cur = &i;
    enum xres r = exec_table[i.op](c, &i);
    c->cur = NULL;
    return r;
}

static void lt_run(struct cpu *c, uint32_t word)
{
    ck_assert_int_eq(lt_run_at(c, word, LT_PC), X_NEXT);
}

static uint64_t lt_ld64(uint64_t off)
{
    uint64_t v;
    memcpy(&v, lt_mem(off), 8);
    return v;
}

static void lt_st64(uint64_t off, uint64_t v) { memcpy(lt_mem(off), &v, 8); }

/* the pattern's little-endian value of n bytes at offset off */
static uint64_t lt_pat(uint64_t off, unsigned n)
{
    uint64_t v = 0;
    for (unsigned k = 0; k < n; k++)
        v |= (uint64_t)(uint8_t)(off + k) << (8 * k);
    return v;
}

START_TEST(test_ldst_modes)
{
    struct cpu *c = lt_setup();
    uint64_t b = LT_BASE + 0x100;
    c->x[2] = b;
    lt_run(c, 0xf9400841); /* ldr x1, [x2, #16] */
    ck_assert_uint_eq(c->x[1], lt_pat(0x110, 8));
    ck_assert_uint_eq(c->x[2], b);
    lt_run(c, 0xf85f8041); /* ldur x1, [x2, #-8] */
    ck_assert_uint_eq(c->x[1], lt_pat(0xf8, 8));
    lt_run(c, 0xf8410c41); /* ldr x1, [x2, #16]! */
    ck_assert_uint_eq(c->x[1], lt_pat(0x110, 8));
    ck_assert_uint_eq(c->x[2], b + 16);
    lt_run(c, 0xf85f0441); /* ldr x1, [x2], #-16 */
    ck_assert_uint_eq(c->x[1], lt_pat(0x110, 8));
    ck_assert_uint_eq(c->x[2], b);

    c->x[3] = 5;
    lt_run(c, 0xf8637841); /* ldr x1, [x2, x3, lsl #3] */
    ck_assert_uint_eq(c->x[1], lt_pat(0x128, 8));
    c->x[3] = 0xffffffff00000003ull; /* UXTW ignores the top half */
    lt_run(c, 0xb8635841); /* ldr w1, [x2, w3, uxtw #2] */
    ck_assert_uint_eq(c->x[1], lt_pat(0x10c, 4));
    c->x[3] = 0x00000000fffffffdull; /* SXTW: -3 */
    lt_run(c, 0xb863d841); /* ldr w1, [x2, w3, sxtw #2] */
    ck_assert_uint_eq(c->x[1], lt_pat(0xf4, 4));
    c->x[3] = (uint64_t)-7;
    lt_run(c, 0x3863e841); /* ldrb w1, [x2, x3, sxtx] */
    ck_assert_uint_eq(c->x[1], 0xf9);

    c->x[31] = LT_BASE + 0x200;
    lt_run(c, 0xf94007e1); /* ldr x1, [sp, #8] */
    ck_assert_uint_eq(c->x[1], lt_pat(0x208, 8));

    /* the top byte is ignored (TBI) */
    c->x[2] = b | 0x5a00000000000000ull;
    lt_run(c, 0xf9400841); /* ldr x1, [x2, #16] */
    ck_assert_uint_eq(c->x[1], lt_pat(0x110, 8));

    /* literals are relative to the instruction */
    lt_st64(0x8040, 0x0123456789abcdefull);
    lt_run(c, 0x58000201); /* ldr x1, .+64 */
    ck_assert_uint_eq(c->x[1], 0x0123456789abcdefull);
    lt_st64(0x7ff8, 0x8000000080000000ull);
    lt_run(c, 0x98ffffe1); /* ldrsw x1, .-4 */
    ck_assert_uint_eq(c->x[1], 0xffffffff80000000ull);
    lt_run(c, 0x9c000081); /* ldr q1, .+16 */
    ck_assert_uint_eq(c->v[1].d[0], lt_pat(0x8010, 8));
    ck_assert_uint_eq(c->v[1].d[1], lt_pat(0x8018, 8));
}
END_TEST

START_TEST(test_ldst_extend)
{
    struct cpu *c = lt_setup();
    c->x[2] = LT_BASE + 0x300;
    lt_st64(0x300, 0x00000000f1f2e381ull); /* bytes 81 e3 f2 f1 */
    lt_run(c, 0x39800041); /* ldrsb x1, [x2] */
    ck_assert_uint_eq(c->x[1], 0xffffffffffffff81ull);
    lt_run(c, 0x39c00041); /* ldrsb w1, [x2] */
    ck_assert_uint_eq(c->x[1], 0xffffff81ull);
    lt_run(c, 0x79800041); /* ldrsh x1, [x2] */
    ck_assert_uint_eq(c->x[1], 0xffffffffffffe381ull);
    lt_run(c, 0x79c00041); /* ldrsh w1, [x2] */
    ck_assert_uint_eq(c->x[1], 0xffffe381ull);
    lt_run(c, 0xb9800041); /* ldrsw x1, [x2] */
    ck_assert_uint_eq(c->x[1], 0xfffffffff1f2e381ull);
    lt_run(c, 0x39400041); /* ldrb w1, [x2] */
    ck_assert_uint_eq(c->x[1], 0x81);
    lt_run(c, 0x79400041); /* ldrh w1, [x2] */
    ck_assert_uint_eq(c->x[1], 0xe381);
    c->x[1] = ~0ull;
    lt_run(c, 0xb9400041); /* ldr w1, [x2] */
    ck_assert_uint_eq(c->x[1], 0xf1f2e381ull);
    lt_st64(0x300, 0x000000007f7f7f7full); /* positive values stay positive */
    lt_run(c, 0x39800041); /* ldrsb x1, [x2] */
    ck_assert_uint_eq(c->x[1], 0x7f);
    lt_run(c, 0xb8804441); /* ldrsw x1, [x2], #4 */
    ck_assert_uint_eq(c->x[1], 0x7f7f7f7f);
    ck_assert_uint_eq(c->x[2], LT_BASE + 0x304);

    /* a load to WZR is discarded (the zero source stays zero) */
    struct cpu before = *c;
    lt_run(c, 0xb940005f); /* ldr wzr, [x2] */
    ck_assert(!memcmp(c->x, before.x, 33 * 8));
    ck_assert_uint_eq(c->x[REG_ZR], 0);
}
END_TEST

START_TEST(test_ldst_stores)
{
    struct cpu *c = lt_setup();
    c->x[1] = 0x1122334455667788ull;
    c->x[2] = LT_BASE + 0x400;
    lt_run(c, 0x39000041); /* strb w1, [x2] */
    ck_assert_uint_eq(lt_ld64(0x400), (lt_pat(0x400, 8) & ~0xffull) | 0x88);
    lt_run(c, 0x79000041); /* strh w1, [x2] */
    ck_assert_uint_eq(lt_ld64(0x400), (lt_pat(0x400, 8) & ~0xffffull) | 0x7788);
    lt_run(c, 0xb9000041); /* str w1, [x2] */
    ck_assert_uint_eq(lt_ld64(0x400), (lt_pat(0x400, 8) & ~0xffffffffull) | 0x55667788);
    lt_run(c, 0xf9000041); /* str x1, [x2] */
    ck_assert_uint_eq(lt_ld64(0x400), 0x1122334455667788ull);
    ck_assert_uint_eq(lt_ld64(0x408), lt_pat(0x408, 8));
    lt_run(c, 0xf900005f); /* str xzr, [x2] */
    ck_assert_uint_eq(lt_ld64(0x400), 0);

    /* pre-index store: stores at the new address, then writes back */
    c->x[2] = LT_BASE + 0x410;
    lt_run(c, 0xf81f8c41); /* str x1, [x2, #-8]! */
    ck_assert_uint_eq(c->x[2], LT_BASE + 0x408);
    ck_assert_uint_eq(lt_ld64(0x408), 0x1122334455667788ull);

    /* SIMD&FP: loads zero the rest of the register */
    c->x[2] = LT_BASE + 0x500;
    lt_run(c, 0x3d400041); /* ldr b1, [x2] */
    ck_assert_uint_eq(c->v[1].d[0], 0x00);
    ck_assert_uint_eq(c->v[1].d[1], 0);
    c->x[2] = LT_BASE + 0x5f1;
    lt_run(c, 0x3d400041); /* ldr b1, [x2] */
    ck_assert_uint_eq(c->v[1].d[0], 0xf1);
    c->x[2] = LT_BASE + 0x502;
    lt_run(c, 0x7d400041); /* ldr h1, [x2] */
    ck_assert_uint_eq(c->v[1].d[0], 0x0302);
    lt_run(c, 0xbd400041); /* ldr s1, [x2] */
    ck_assert_uint_eq(c->v[1].d[0], lt_pat(0x502, 4));
    c->v[1].d[1] = 7;
    lt_run(c, 0xfd400041); /* ldr d1, [x2] */
    ck_assert_uint_eq(c->v[1].d[0], lt_pat(0x502, 8));
    ck_assert_uint_eq(c->v[1].d[1], 0);
    lt_run(c, 0x3dc00041); /* ldr q1, [x2] */
    ck_assert_uint_eq(c->v[1].d[1], lt_pat(0x50a, 8));
    lt_run(c, 0x3cc03041); /* ldur q1, [x2, #3] */
    ck_assert_uint_eq(c->v[1].d[0], lt_pat(0x505, 8));
    ck_assert_uint_eq(c->v[1].d[1], lt_pat(0x50d, 8));
    c->v[1].d[0] = 0xa0a1a2a3a4a5a6a7ull;
    c->v[1].d[1] = 0xb0b1b2b3b4b5b6b7ull;
    lt_run(c, 0x3c810c41); /* str q1, [x2, #16]! */
    ck_assert_uint_eq(c->x[2], LT_BASE + 0x512);
    ck_assert_uint_eq(lt_ld64(0x512), 0xa0a1a2a3a4a5a6a7ull);
    ck_assert_uint_eq(lt_ld64(0x51a), 0xb0b1b2b3b4b5b6b7ull);
    lt_run(c, 0x7d000041); /* str h1, [x2] */
    ck_assert_uint_eq(lt_ld64(0x512), 0xa0a1a2a3a4a5a6a7ull);
    c->v[1].d[0] = 0xbeef;
    lt_run(c, 0x7d000041); /* str h1, [x2] */
    ck_assert_uint_eq(lt_ld64(0x512), 0xa0a1a2a3a4a5beefull);
}
END_TEST

START_TEST(test_ldst_pairs)
{
    struct cpu *c = lt_setup();
    c->x[3] = LT_BASE + 0x600;
    c->x[1] = c->x[2] = ~0ull;
    lt_run(c, 0x29400861); /* ldp w1, w2, [x3] */
    ck_assert_uint_eq(c->x[1], lt_pat(0x600, 4));
    ck_assert_uint_eq(c->x[2], lt_pat(0x604, 4));
    lt_run(c, 0xa97f0861); /* ldp x1, x2, [x3, #-16] */
    ck_assert_uint_eq(c->x[1], lt_pat(0x5f0, 8));
    ck_assert_uint_eq(c->x[2], lt_pat(0x5f8, 8));
    lt_st64(0x600, 0x7fffffff80000001ull);
    lt_run(c, 0x69400861); /* ldpsw x1, x2, [x3] */
    ck_assert_uint_eq(c->x[1], 0xffffffff80000001ull);
    ck_assert_uint_eq(c->x[2], 0x7fffffff);

    c->x[31] = LT_BASE + 0x700;
    c->x[1] = 0x1111;
    c->x[2] = 0x2222;
    lt_run(c, 0xa9bf0be1); /* stp x1, x2, [sp, #-16]! */
    ck_assert_uint_eq(c->x[31], LT_BASE + 0x6f0);
    ck_assert_uint_eq(lt_ld64(0x6f0), 0x1111);
    ck_assert_uint_eq(lt_ld64(0x6f8), 0x2222);

    c->x[3] = LT_BASE + 0x620;
    lt_run(c, 0xacc10861); /* ldp q1, q2, [x3], #32 */
    ck_assert_uint_eq(c->x[3], LT_BASE + 0x640);
    ck_assert_uint_eq(c->v[1].d[0], lt_pat(0x620, 8));
    ck_assert_uint_eq(c->v[1].d[1], lt_pat(0x628, 8));
    ck_assert_uint_eq(c->v[2].d[0], lt_pat(0x630, 8));
    ck_assert_uint_eq(c->v[2].d[1], lt_pat(0x638, 8));
    c->v[1].d[0] = 0xaaaaaaaa12345678ull;
    c->v[2].d[0] = 0xbbbbbbbb9abcdef0ull;
    lt_run(c, 0x2d010861); /* stp s1, s2, [x3, #8] */
    ck_assert_uint_eq(lt_ld64(0x648), 0x9abcdef012345678ull);
    ck_assert_uint_eq(lt_ld64(0x650), lt_pat(0x650, 8));
}
END_TEST

START_TEST(test_ldst_exclusive)
{
    struct cpu *c = lt_setup();
    uint64_t a = LT_BASE + 0x800;
    c->x[2] = a;
    c->x[4] = 0x4444444444444444ull;
    c->x[6] = 0x6666666666666666ull;

    /* no LDXR before: fails, memory unchanged */
    lt_run(c, 0xc8037c44); /* stxr w3, x4, [x2] */
    ck_assert_uint_eq(c->x[3], 1);
    ck_assert_uint_eq(lt_ld64(0x800), lt_pat(0x800, 8));

    lt_run(c, 0xc85f7c41); /* ldxr x1, [x2] */
    ck_assert_uint_eq(c->x[1], lt_pat(0x800, 8));
    lt_run(c, 0xc8037c44); /* stxr w3, x4, [x2] */
    ck_assert_uint_eq(c->x[3], 0);
    ck_assert_uint_eq(lt_ld64(0x800), 0x4444444444444444ull);
    /* the monitor is clear after a store-exclusive */
    c->x[4] = 5;
    lt_run(c, 0xc8037c44); /* stxr w3, x4, [x2] */
    ck_assert_uint_eq(c->x[3], 1);
    ck_assert_uint_eq(lt_ld64(0x800), 0x4444444444444444ull);

    /* another address than the one monitored */
    lt_run(c, 0xc85f7c41); /* ldxr x1, [x2] */
    c->x[2] = a + 8;
    lt_run(c, 0xc8037c44); /* stxr w3, x4, [x2] */
    ck_assert_uint_eq(c->x[3], 1);
    ck_assert_uint_eq(lt_ld64(0x808), lt_pat(0x808, 8));

    /* the location changed between LDXR and STXR (another thread's store) */
    c->x[2] = a;
    lt_run(c, 0xc85f7c41); /* ldxr x1, [x2] */
    lt_st64(0x800, 0x9999);
    lt_run(c, 0xc8037c44); /* stxr w3, x4, [x2] */
    ck_assert_uint_eq(c->x[3], 1);
    ck_assert_uint_eq(lt_ld64(0x800), 0x9999);

    /* byte-sized, with release */
    c->x[2] = a + 0x13;
    lt_run(c, 0x085f7c41); /* ldxrb w1, [x2] */
    ck_assert_uint_eq(c->x[1], 0x13);
    c->x[4] = 0x1ab;
    lt_run(c, 0x0803fc44); /* stlxrb w3, w4, [x2] */
    ck_assert_uint_eq(c->x[3], 0);
    ck_assert_uint_eq(*lt_mem(0x813), 0xab);
    ck_assert_uint_eq(*lt_mem(0x814), 0x14);

    /* 64-bit pair: Rt from the lower address */
    c->x[2] = a + 0x20;
    lt_run(c, 0xc87f1441); /* ldxp x1, x5, [x2] */
    ck_assert_uint_eq(c->x[1], lt_pat(0x820, 8));
    ck_assert_uint_eq(c->x[5], lt_pat(0x828, 8));
    c->x[4] = 0x4444444444444444ull;
    lt_run(c, 0xc8231844); /* stxp w3, x4, x6, [x2] */
    ck_assert_uint_eq(c->x[3], 0);
    ck_assert_uint_eq(lt_ld64(0x820), 0x4444444444444444ull);
    ck_assert_uint_eq(lt_ld64(0x828), 0x6666666666666666ull);
    lt_run(c, 0xc8231844); /* stxp w3, x4, x6, [x2]: monitor clear */
    ck_assert_uint_eq(c->x[3], 1);
    lt_run(c, 0xc87f1441); /* ldxp x1, x5, [x2] */
    lt_st64(0x828, 1); /* the high half changed */
    lt_run(c, 0xc8231844); /* stxp w3, x4, x6, [x2] */
    ck_assert_uint_eq(c->x[3], 1);
    ck_assert_uint_eq(lt_ld64(0x828), 1);

    /* 32-bit pair */
    c->x[2] = a + 0x40;
    lt_run(c, 0x887f9441); /* ldaxp w1, w5, [x2] */
    ck_assert_uint_eq(c->x[1], lt_pat(0x840, 4));
    ck_assert_uint_eq(c->x[5], lt_pat(0x844, 4));
    lt_run(c, 0x88239844); /* stlxp w3, w4, w6, [x2] */
    ck_assert_uint_eq(c->x[3], 0);
    ck_assert_uint_eq(lt_ld64(0x840), 0x6666666644444444ull);

    /* acquire/release */
    lt_run(c, 0xc8dffc41); /* ldar x1, [x2] */
    ck_assert_uint_eq(c->x[1], 0x6666666644444444ull);
    c->x[4] = 0xfedcba9876543210ull;
    lt_run(c, 0x889ffc44); /* stlr w4, [x2] */
    ck_assert_uint_eq(lt_ld64(0x840), 0x6666666676543210ull);

    /* exclusives must be aligned: SIGBUS (BUS_ADRALN), nothing written */
    c->x[2] = a + 4;
    struct cpu before = *c;
    if (sigsetjmp(c->fault_jmp, 1) == 0) {
        lt_run(c, 0xc85f7c41); /* ldxr x1, [x2] */
        ck_abort_msg("misaligned ldxr did not fault");
    }
    ck_assert_int_eq(c->fault_sig, SIGBUS);
    ck_assert_int_eq(c->fault_code, BUS_ADRALN);
    ck_assert_uint_eq(c->fault_addr, a + 4);
    ck_assert(!memcmp(c->x, before.x, sizeof c->x));
}
END_TEST

/* pattern byte helpers for the structure tests */
static uint8_t lt_b(uint64_t off) { return *lt_mem(off); }

START_TEST(test_ldst_struct)
{
    struct cpu *c = lt_setup();
    uint64_t o = 0x900;
    c->x[2] = LT_BASE + o;

    lt_run(c, 0x4c408840); /* ld2 {v0.4s, v1.4s}, [x2] */
    for (int e = 0; e < 4; e++) {
        ck_assert_uint_eq(c->v[0].s[e], lt_pat(o + 8 * e, 4));
        ck_assert_uint_eq(c->v[1].s[e], lt_pat(o + 8 * e + 4, 4));
    }
    lt_run(c, 0x0c404040); /* ld3 {v0.8b-v2.8b}, [x2] */
    for (int r = 0; r < 3; r++) {
        for (int e = 0; e < 8; e++)
            ck_assert_uint_eq(c->v[r].b[e], lt_b(o + 3 * e + r));
        ck_assert_uint_eq(c->v[r].d[1], 0);
    }
    lt_run(c, 0x4c400040); /* ld4 {v0.16b-v3.16b}, [x2] */
    for (int r = 0; r < 4; r++)
        for (int e = 0; e < 16; e++)
            ck_assert_uint_eq(c->v[r].b[e], lt_b(o + 4 * e + r));
    lt_run(c, 0x4c406040); /* ld1 {v0.16b-v2.16b}, [x2] */
    for (int r = 0; r < 3; r++)
        for (int e = 0; e < 16; e++)
            ck_assert_uint_eq(c->v[r].b[e], lt_b(o + 16 * r + e));

    /* st4 of halfwords interleaves */
    for (int r = 0; r < 4; r++)
        for (int e = 0; e < 8; e++)
            c->v[r].h[e] = (uint16_t)(0x1000 * r + e);
    c->x[2] = LT_BASE + 0xa00;
    lt_run(c, 0x4c000440); /* st4 {v0.8h-v3.8h}, [x2] */
    for (int e = 0; e < 8; e++)
        for (int r = 0; r < 4; r++) {
            uint16_t h;
            memcpy(&h, lt_mem(0xa00 + 8 * e + 2 * r), 2);
            ck_assert_uint_eq(h, 0x1000 * r + e);
        }
    ck_assert_uint_eq(lt_b(0xa40), 0x40);
    c->v[0].d[0] = 0x0706050403020100ull;
    c->v[1].d[0] = 0x0f0e0d0c0b0a0908ull;
    c->x[2] = LT_BASE + 0xb00;
    lt_run(c, 0x0c00a840); /* st1 {v0.2s, v1.2s}, [x2] */
    ck_assert_uint_eq(lt_ld64(0xb00), 0x0706050403020100ull);
    ck_assert_uint_eq(lt_ld64(0xb08), 0x0f0e0d0c0b0a0908ull);
    ck_assert_uint_eq(lt_ld64(0xb10), lt_pat(0xb10, 8));

    /* replicate */
    c->x[2] = LT_BASE + 0x9a7;
    lt_run(c, 0x0d40c040); /* ld1r {v0.8b}, [x2] */
    ck_assert_uint_eq(c->v[0].d[0], 0xa7a7a7a7a7a7a7a7ull);
    ck_assert_uint_eq(c->v[0].d[1], 0);
    c->x[2] = LT_BASE + 0x900;
    lt_run(c, 0x4d60e840); /* ld4r {v0.4s-v3.4s}, [x2] */
    for (int r = 0; r < 4; r++)
        for (int e = 0; e < 4; e++)
            ck_assert_uint_eq(c->v[r].s[e], lt_pat(0x900 + 4 * r, 4));

    /* single lanes: the other lanes are kept */
    vreg keep = c->v[0];
    lt_run(c, 0x4d408040); /* ld1 {v0.s}[2], [x2] */
    ck_assert_uint_eq(c->v[0].s[2], lt_pat(0x900, 4));
    ck_assert_uint_eq(c->v[0].s[0], keep.s[0]);
    ck_assert_uint_eq(c->v[0].s[1], keep.s[1]);
    ck_assert_uint_eq(c->v[0].s[3], keep.s[3]);
    vreg k1 = c->v[1], k2 = c->v[2];
    lt_run(c, 0x4d407840); /* ld3 {v0.h-v2.h}[7], [x2] */
    ck_assert_uint_eq(c->v[0].h[7], 0x0100);
    ck_assert_uint_eq(c->v[1].h[7], 0x0302);
    ck_assert_uint_eq(c->v[2].h[7], 0x0504);
    ck_assert_uint_eq(c->v[1].d[0], k1.d[0]);
    ck_assert_uint_eq(c->v[2].d[0], k2.d[0]);
    c->v[0].d[1] = 0xabababababababab;
    c->v[1].d[1] = 0xcdcdcdcdcdcdcdcd;
    c->x[2] = LT_BASE + 0xc00;
    lt_run(c, 0x4d208440); /* st2 {v0.d, v1.d}[1], [x2] */
    ck_assert_uint_eq(lt_ld64(0xc00), 0xabababababababab);
    ck_assert_uint_eq(lt_ld64(0xc08), 0xcdcdcdcdcdcdcdcd);
    ck_assert_uint_eq(lt_ld64(0xc10), lt_pat(0xc10, 8));

    /* post-index by the transfer size and by a register */
    c->x[2] = LT_BASE + 0xd00;
    lt_run(c, 0x4cdf7040); /* ld1 {v0.16b}, [x2], #16 */
    ck_assert_uint_eq(c->x[2], LT_BASE + 0xd10);
    ck_assert_uint_eq(c->v[0].d[0], lt_pat(0xd00, 8));
    c->x[3] = (uint64_t)-0x100;
    lt_run(c, 0x0cc38040); /* ld2 {v0.8b, v1.8b}, [x2], x3 */
    ck_assert_uint_eq(c->x[2], LT_BASE + 0xc10);
    ck_assert_uint_eq(c->v[0].b[3], 0x16);
    ck_assert_uint_eq(c->v[1].b[3], 0x17);
    ck_assert_uint_eq(c->v[1].d[1], 0);
    c->x[3] = 8;
    lt_run(c, 0x4dc3cc40); /* ld1r {v0.2d}, [x2], x3 */
    ck_assert_uint_eq(c->x[2], LT_BASE + 0xc18);
    ck_assert_uint_eq(c->v[0].d[0], lt_pat(0xc10, 8));
    ck_assert_uint_eq(c->v[0].d[1], lt_pat(0xc10, 8));
    c->v[0].d[0] = 0x0000eeeeeeeeeeeeull;
    lt_run(c, 0x0d9f1440); /* st1 {v0.b}[5], [x2], #1 */
    ck_assert_uint_eq(c->x[2], LT_BASE + 0xc19);
    ck_assert_uint_eq(lt_b(0xc18), 0xee);
    ck_assert_uint_eq(lt_b(0xc19), 0x19);

    /* register lists wrap from v31 to v0 */
    c->x[2] = LT_BASE + 0xe00;
    lt_run(c, 0x4c40ac5f); /* ld1 {v31.2d, v0.2d}, [x2] */
    ck_assert_uint_eq(c->v[31].d[0], lt_pat(0xe00, 8));
    ck_assert_uint_eq(c->v[0].d[1], lt_pat(0xe18, 8));
}
END_TEST

/* LSE atomics and LRCPC2: the old value, the new memory, sign handling of
 * SMAX/SMIN, CAS/CASP success and failure, alignment faults */
START_TEST(test_ldst_atomic)
{
    struct cpu *c = lt_setup();
    uint64_t a = LT_BASE + 0xf00;
    c->x[2] = a;
    lt_st64(0xf00, 0x00000000000000f0ull);
    c->x[0] = 0x20;
    lt_run(c, 0xb8200041); /* ldadd w0, w1, [x2] */
    ck_assert_uint_eq(c->x[1], 0xf0);
    ck_assert_uint_eq(lt_ld64(0xf00), 0x110);
    c->x[0] = 0x7f;
    lt_run(c, 0x38204041); /* ldsmaxb w0, w1, [x2]: 0x10 vs 0x7f */
    ck_assert_uint_eq(c->x[1], 0x10);
    ck_assert_uint_eq(*lt_mem(0xf00), 0x7f);
    c->x[0] = 0x80; /* -128: smaller signed, larger unsigned */
    lt_run(c, 0x38204041); /* ldsmaxb w0, w1, [x2] */
    ck_assert_uint_eq(*lt_mem(0xf00), 0x7f);
    lt_run(c, 0x38205041); /* ldsminb w0, w1, [x2] */
    ck_assert_uint_eq(c->x[1], 0x7f);
    ck_assert_uint_eq(*lt_mem(0xf00), 0x80);
    c->x[0] = 0x7f;
    lt_run(c, 0x38207041); /* lduminb w0, w1, [x2] */
    ck_assert_uint_eq(c->x[1], 0x80);
    ck_assert_uint_eq(*lt_mem(0xf00), 0x7f);
    c->x[0] = 0xff;
    lt_run(c, 0x38206041); /* ldumaxb w0, w1, [x2] */
    ck_assert_uint_eq(*lt_mem(0xf00), 0xff);
    ck_assert_uint_eq(lt_ld64(0xf00), 0x1ff); /* the next byte is untouched */

    lt_st64(0xf08, 0xff00ff00ff00ff00ull);
    c->x[2] = a + 8;
    c->x[0] = 0x0ff00ff00ff00ff0ull;
    lt_run(c, 0xf8201041); /* ldclr x0, x1, [x2] */
    ck_assert_uint_eq(c->x[1], 0xff00ff00ff00ff00ull);
    ck_assert_uint_eq(lt_ld64(0xf08), 0xf000f000f000f000ull);
    lt_run(c, 0xf8202041); /* ldeor x0, x1, [x2] */
    ck_assert_uint_eq(lt_ld64(0xf08), 0xfff0fff0fff0fff0ull);
    c->x[0] = 0xf;
    lt_run(c, 0xf8203041); /* ldset x0, x1, [x2] */
    ck_assert_uint_eq(lt_ld64(0xf08), 0xfff0fff0fff0ffffull);
    c->x[0] = 1;
    lt_run(c, 0xf8204041); /* ldsmax x0, x1, [x2]: memory is negative */
    ck_assert_uint_eq(lt_ld64(0xf08), 1);
    c->x[0] = (uint64_t)-5;
    lt_run(c, 0xf8205041); /* ldsmin x0, x1, [x2] */
    ck_assert_uint_eq(lt_ld64(0xf08), (uint64_t)-5);
    c->x[0] = 0x1234;
    lt_run(c, 0xf8208041); /* swp x0, x1, [x2] */
    ck_assert_uint_eq(c->x[1], (uint64_t)-5);
    ck_assert_uint_eq(lt_ld64(0xf08), 0x1234);
    c->x[1] = 3;
    lt_run(c, 0xf821005f); /* stadd x1, [x2] */
    ck_assert_uint_eq(lt_ld64(0xf08), 0x1237);
    ck_assert_uint_eq(c->x[REG_ZR], 0);
    /* a W result zero-extends; the halfword form leaves the next bytes alone */
    c->x[1] = ~0ull;
    c->x[0] = 1;
    lt_run(c, 0x78200041); /* ldaddh w0, w1, [x2] */
    ck_assert_uint_eq(c->x[1], 0x1237);
    ck_assert_uint_eq(lt_ld64(0xf08), 0x1238);

    /* CAS: match stores, mismatch does not; Rs gets the old value */
    c->x[2] = a + 0x10;
    lt_st64(0xf10, 0x1111);
    c->x[0] = 0x1111;
    c->x[1] = 0x2222;
    lt_run(c, 0xc8a07c41); /* cas x0, x1, [x2] */
    ck_assert_uint_eq(c->x[0], 0x1111);
    ck_assert_uint_eq(lt_ld64(0xf10), 0x2222);
    c->x[1] = 0x3333;
    lt_run(c, 0xc8a07c41); /* cas x0, x1, [x2]: 0x1111 != 0x2222 */
    ck_assert_uint_eq(c->x[0], 0x2222);
    ck_assert_uint_eq(lt_ld64(0xf10), 0x2222);
    c->x[0] = 0xffffffff00002222ull; /* the W form compares 32 bits */
    lt_run(c, 0x88e0fc41); /* casal w0, w1, [x2] */
    ck_assert_uint_eq(c->x[0], 0x2222);
    ck_assert_uint_eq(lt_ld64(0xf10), 0x3333);
    c->x[0] = 0x33;
    c->x[1] = 0xab;
    lt_run(c, 0x08a07c41); /* casb w0, w1, [x2] */
    ck_assert_uint_eq(lt_ld64(0xf10), 0x33ab);

    /* CASP X: <x4, x5> compared, <x6, x7> stored */
    c->x[2] = a + 0x20;
    lt_st64(0xf20, 10);
    lt_st64(0xf28, 20);
    c->x[4] = 10;
    c->x[5] = 21;
    c->x[6] = 60;
    c->x[7] = 70;
    lt_run(c, 0x48247c46); /* casp x4, x5, x6, x7, [x2]: high half differs */
    ck_assert_uint_eq(c->x[4], 10);
    ck_assert_uint_eq(c->x[5], 20);
    ck_assert_uint_eq(lt_ld64(0xf20), 10);
    ck_assert_uint_eq(lt_ld64(0xf28), 20);
    lt_run(c, 0x48247c46); /* casp x4, x5, x6, x7, [x2] */
    ck_assert_uint_eq(lt_ld64(0xf20), 60);
    ck_assert_uint_eq(lt_ld64(0xf28), 70);
    /* CASP W pair, with XZR as Rt+1 and as Rs+1 */
    lt_st64(0xf30, 0x0000000000000005ull);
    c->x[2] = a + 0x30;
    c->x[30] = 5;
    c->x[28] = 0xaaaaaaaa99999999ull;
    c->x[29] = 0x12345678;
    lt_run(c, 0x083e7c5c); /* casp w30, wzr, w28, w29, [x2] */
    ck_assert_uint_eq(lt_ld64(0xf30), 0x1234567899999999ull);
    ck_assert_uint_eq(c->x[30], 5);
    ck_assert_uint_eq(c->x[REG_ZR], 0);
    lt_run(c, 0x083e7c5c); /* again: fails, w30 gets the old low word */
    ck_assert_uint_eq(c->x[30], 0x99999999);
    ck_assert_uint_eq(lt_ld64(0xf30), 0x1234567899999999ull);

    /* LRCPC2 */
    c->x[2] = a + 0x44;
    lt_st64(0xf40, 0x8081828384858687ull);
    lt_run(c, 0x995fc041); /* ldapur w1, [x2, #-4] */
    ck_assert_uint_eq(c->x[1], 0x84858687);
    lt_run(c, 0x59800041); /* ldapursh x1, [x2] */
    ck_assert_uint_eq(c->x[1], 0xffffffffffff8283ull);
    lt_run(c, 0x59c00041); /* ldapursh w1, [x2] */
    ck_assert_uint_eq(c->x[1], 0xffff8283ull);
    lt_run(c, 0x999fc041); /* ldapursw x1, [x2, #-4] */
    ck_assert_uint_eq(c->x[1], 0xffffffff84858687ull);
    c->x[1] = 0x5a;
    lt_run(c, 0x1900f041); /* stlurb w1, [x2, #15] */
    ck_assert_uint_eq(*lt_mem(0xf53), 0x5a);

    /* misaligned atomics fault with SIGBUS, registers and memory unchanged */
    static const uint32_t words[] = {
        0xb8200041, /* ldadd w0, w1, [x2] */
        0xc8a07c41, /* cas x0, x1, [x2] */
        0x48247c46, /* casp x4, x5, x6, x7, [x2] */
        0x995fc041, /* ldapur w1, [x2, #-4] (x2 - 4 + 2) */
        /* LDAPR and STLUR are ordered accesses, alignment-checked like LDAR
         * (qemu 7.2 does not check LDAPR, so the difftest keeps it aligned) */
        0xb8bfc041, /* ldapr w1, [x2] */
        0x5900f041, /* stlurh w1, [x2, #15] (odd) */
        0xf8e00041, /* ldaddal x0, x1, [x2] */
    };
    for (unsigned k = 0; k < sizeof words / sizeof words[0]; k++) {
        c->x[2] = a + 0x62;
        static struct cpu before;
        before = *c;
        if (sigsetjmp(c->fault_jmp, 1) == 0) {
            lt_run(c, words[k]);
            ck_abort_msg("%08x did not fault", words[k]);
        }
        ck_assert_int_eq(c->fault_sig, SIGBUS);
        ck_assert_int_eq(c->fault_code, BUS_ADRALN);
        ck_assert(!memcmp(c->x, before.x, sizeof c->x));
        ck_assert_uint_eq(lt_ld64(0xf60), lt_pat(0xf60, 8));
    }
}
END_TEST

/* writeback with Rt == Rn (loaded value wins; a store stores the old base),
 * prefetches that never fault, unprivileged, non-temporal, SIMD&FP
 * register offset, and the remaining structure forms */
START_TEST(test_ldst_misc)
{
    struct cpu *c = lt_setup();
    uint64_t b = LT_BASE + 0x1100;
    c->x[2] = b;
    lt_run(c, 0xf8408442); /* ldr x2, [x2], #8 */
    ck_assert_uint_eq(c->x[2], lt_pat(0x1100, 8));
    c->x[2] = b;
    lt_run(c, 0xf8408c42); /* ldr x2, [x2, #8]! */
    ck_assert_uint_eq(c->x[2], lt_pat(0x1108, 8));
    c->x[2] = b;
    lt_run(c, 0xf8008442); /* str x2, [x2], #8 */
    ck_assert_uint_eq(c->x[2], b + 8);
    ck_assert_uint_eq(lt_ld64(0x1100), b);
    lt_run(c, 0xf81f8c42); /* str x2, [x2, #-8]! */
    ck_assert_uint_eq(c->x[2], b);
    ck_assert_uint_eq(lt_ld64(0x1100), b + 8);
    lt_st64(0x1100, lt_pat(0x1100, 8));
    lt_run(c, 0xa8c10c42); /* ldp x2, x3, [x2], #16 */
    ck_assert_uint_eq(c->x[2], lt_pat(0x1100, 8));
    ck_assert_uint_eq(c->x[3], lt_pat(0x1108, 8));
    c->x[2] = b;
    lt_run(c, 0xa9c10841); /* ldp x1, x2, [x2, #16]! */
    ck_assert_uint_eq(c->x[1], lt_pat(0x1110, 8));
    ck_assert_uint_eq(c->x[2], lt_pat(0x1118, 8));

    /* prefetches: no access even far outside guest memory */
    c->x[2] = 0x00fffffffffffff0ull;
    c->x[3] = 0x7fffffffffffffffull;
    struct cpu before = *c;
    lt_run(c, 0xf9800040); /* prfm pldl1keep, [x2] */
    lt_run(c, 0xf89fd055); /* prfum pstl3strm, [x2, #-3] */
    lt_run(c, 0xf8a37840); /* prfm pldl1keep, [x2, x3, lsl #3] */
    lt_run_at(c, 0xd80001e8, 0x00fffffffffff000ull); /* prfm plil1keep, .+60 */
    ck_assert(!memcmp(c->x, before.x, sizeof c->x));

    /* unprivileged forms behave as the unscaled ones */
    c->x[2] = b + 0x20;
    c->x[1] = 0x8000fffe12345678ull;
    lt_run(c, 0xf81f8841); /* sttr x1, [x2, #-8] */
    ck_assert_uint_eq(lt_ld64(0x1118), 0x8000fffe12345678ull);
    lt_run(c, 0xb85f8843); /* ldtr w3, [x2, #-8] */
    ck_assert_uint_eq(c->x[3], 0x12345678);
    lt_run(c, 0x789f8844); /* ldtrsh x4, [x2, #-8] */
    ck_assert_uint_eq(c->x[4], 0x5678);

    /* non-temporal pairs */
    c->x[2] = b;
    c->v[1].d[0] = 1;
    c->v[1].d[1] = 2;
    c->v[2].d[0] = 3;
    c->v[2].d[1] = 4;
    lt_run(c, 0xac010841); /* stnp q1, q2, [x2, #32] */
    ck_assert_uint_eq(lt_ld64(0x1120), 1);
    ck_assert_uint_eq(lt_ld64(0x1138), 4);
    lt_run(c, 0xac411043); /* ldnp q3, q4, [x2, #32] */
    ck_assert_uint_eq(c->v[3].d[1], 2);
    ck_assert_uint_eq(c->v[4].d[0], 3);
    lt_run(c, 0x2c449845); /* ldnp s5, s6, [x2, #36] */
    ck_assert_uint_eq(c->v[5].d[0], 0);
    ck_assert_uint_eq(c->v[5].d[1], 0);
    ck_assert_uint_eq(c->v[6].d[0], 2);
    ck_assert_uint_eq(c->v[6].d[1], 0);

    /* SIMD&FP register offset */
    c->x[3] = 0xfffffffe; /* w3 = -2 */
    lt_run(c, 0xfc63d841); /* ldr d1, [x2, w3, sxtw #3] */
    ck_assert_uint_eq(c->v[1].d[0], lt_pat(0x10f0, 8));
    ck_assert_uint_eq(c->v[1].d[1], 0);
    c->x[3] = 2;
    lt_run(c, 0x3ce37841); /* ldr q1, [x2, x3, lsl #4] */
    ck_assert_uint_eq(c->v[1].d[0], 1);
    ck_assert_uint_eq(c->v[1].d[1], 2);
    c->x[3] = 0x41;
    lt_run(c, 0x3c236841); /* str b1, [x2, x3] */
    ck_assert_uint_eq(lt_b(0x1141), 1);
    ck_assert_uint_eq(lt_b(0x1142), 0x42);

    /* LDPSW pre-index, LDR (literal) W zero-extends */
    c->x[3] = LT_BASE + 0x1208;
    lt_st64(0x1200, 0x80000000ffffffffull);
    lt_run(c, 0x69ff1061); /* ldpsw x1, x4, [x3, #-8]! */
    ck_assert_uint_eq(c->x[1], ~0ull);
    ck_assert_uint_eq(c->x[4], 0xffffffff80000000ull);
    ck_assert_uint_eq(c->x[3], LT_BASE + 0x1200);
    c->x[1] = ~0ull;
    lt_run(c, 0x180000a1); /* ldr w1, .+20 */
    ck_assert_uint_eq(c->x[1], lt_pat(0x8014, 4));

    /* structures: register post-index, lane post-index by 4 * 4, four 8-byte registers */
    c->x[2] = b;
    c->x[3] = 0x40;
    lt_run(c, 0x4cc37840); /* ld1 {v0.4s}, [x2], x3 */
    ck_assert_uint_eq(c->x[2], b + 0x40);
    ck_assert_uint_eq(c->v[0].d[1], lt_pat(0x1108, 8));
    lt_run(c, 0x0dffb040); /* ld4 {v0.s-v3.s}[1], [x2], #16 */
    ck_assert_uint_eq(c->x[2], b + 0x50);
    ck_assert_uint_eq(c->v[0].s[1], 0x43420140); /* the byte stored above */
    for (int r = 1; r < 4; r++)
        ck_assert_uint_eq(c->v[r].s[1], lt_pat(0x1140 + 4 * r, 4));
    lt_run(c, 0x0c402040); /* ld1 {v0.8b-v3.8b}, [x2] */
    for (int r = 0; r < 4; r++) {
        ck_assert_uint_eq(c->v[r].d[0], lt_pat(0x1150 + 8 * r, 8));
        ck_assert_uint_eq(c->v[r].d[1], 0);
    }
}
END_TEST

/* host threads, each with its own struct cpu, hammer shared guest words:
 * LDAXR/STLXR retry loops, LDADD, and 128-bit LDXP/STXP and CASP loops must
 * lose no update */
#define LT_THREADS 4
#define LT_ITERS 20000

static struct insn lt_pre(uint32_t word)
{
    struct insn i;
    decode_insn(&i, word, LT_PC);
    return i;
}

static void *lt_hammer(void *arg)
{
    struct cpu *c = arg;
    struct insn ldaxr = lt_pre(0xc85ffc41);  /* ldaxr x1, [x2] */
    struct insn stlxr = lt_pre(0xc803fc41);  /* stlxr w3, x1, [x2] */
    struct insn ldadd = lt_pre(0xf8e00184);  /* ldaddal x0, x4, [x12] */
    struct insn ldxp = lt_pre(0xc87f1cc5);   /* ldxp x5, x7, [x6] */
    struct insn stxp = lt_pre(0xc8231cc5);   /* stxp w3, x5, x7, [x6] */
    struct insn casp = lt_pre(0x486afdc8);   /* caspal x10, x11, x8, x9, [x14] */
    for (int k = 0; k < LT_ITERS; k++) {
        do {
            exec_table[ldaxr.op](c, &ldaxr);
            c->x[1]++;
            exec_table[stlxr.op](c, &stlxr);
        } while (c->x[3] != 0);
        c->x[0] = 1;
        exec_table[ldadd.op](c, &ldadd);
        do {
            exec_table[ldxp.op](c, &ldxp);
            c->x[5] += 1;
            c->x[7] += 2;
            exec_table[stxp.op](c, &stxp);
        } while (c->x[3] != 0);
        /* CASP: start from a guess of zero, retry with the value it returned */
        c->x[10] = 0;
        c->x[11] = 0;
        for (;;) {
            uint64_t lo = c->x[10], hi = c->x[11];
            c->x[8] = lo + 3;
            c->x[9] = hi + 4;
            exec_table[casp.op](c, &casp);
            if (c->x[10] == lo && c->x[11] == hi)
                break;
        }
    }
    return NULL;
}

START_TEST(test_ldst_threads)
{
    struct cpu *c0 = lt_setup();
    (void)c0;
    static struct cpu cpus[LT_THREADS];
    pthread_t th[LT_THREADS];
    memset(lt_mem(0x1000), 0, 0x100);
    for (int t = 0; t < LT_THREADS; t++) {
        struct cpu *c = &cpus[t];
        memset(c, 0, sizeof *c);
        c->x[2] = LT_BASE + 0x1000;
        c->x[12] = LT_BASE + 0x1008;
        c->x[6] = LT_BASE + 0x1010;
        c->x[14] = LT_BASE + 0x1020;
        ck_assert_int_eq(pthread_create(&th[t], NULL, lt_hammer, c), 0);
    }
    for (int t = 0; t < LT_THREADS; t++)
        pthread_join(th[t], NULL);
    uint64_t n = (uint64_t)LT_THREADS * LT_ITERS;
    ck_assert_uint_eq(lt_ld64(0x1000), n);
    ck_assert_uint_eq(lt_ld64(0x1008), n);
    ck_assert_uint_eq(lt_ld64(0x1010), n);
    ck_assert_uint_eq(lt_ld64(0x1018), 2 * n);
    ck_assert_uint_eq(lt_ld64(0x1020), 3 * n);
    ck_assert_uint_eq(lt_ld64(0x1028), 4 * n);
}
END_TEST

/* a fault must leave every register as it was (the access unwinds) */
START_TEST(test_ldst_fault)
{
    struct cpu *c = lt_setup();
    uint64_t top = guest_size; /* first address past guest memory */
    lt_map(top - 0x1000, 0x1000);
    struct {
        uint32_t word;
        int base;            /* register holding the address */
        uint64_t addr;       /* its value */
        uint64_t fault_addr; /* expected */
    } cases[] = {
        {0xf8408c41, 2, top + 0x100, top + 0x108}, /* ldr x1, [x2, #8]! */
        {0xa9400861, 3, top - 8, top},             /* ldp x1, x2, [x3]: second load */
        {0x4cdf0c40, 2, top - 0x20, top},          /* ld4 {v0.2d-v3.2d}, [x2], #64 */
        {0xc8037c44, 2, top, top},                 /* stxr w3, x4, [x2] */
        {0xb8804441, 2, top + 4, top + 4},         /* ldrsw x1, [x2], #4 */
    };
    for (unsigned k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        c->x[cases[k].base] = cases[k].addr;
        static struct cpu before;
        before = *c;
        c->fault_addr = 0;
        if (sigsetjmp(c->fault_jmp, 1) == 0) {
            lt_run(c, cases[k].word);
            ck_abort_msg("%08x did not fault", cases[k].word);
        }
        ck_assert_int_eq(c->fault_sig, SIGSEGV);
        ck_assert_msg(c->fault_addr == cases[k].fault_addr, "%08x: fault at %llx", cases[k].word,
                      (unsigned long long)c->fault_addr);
        ck_assert_msg(!memcmp(c->x, before.x, sizeof c->x), "%08x changed an X register", cases[k].word);
        ck_assert_msg(!memcmp(c->v, before.v, sizeof c->v), "%08x changed a V register", cases[k].word);
    }
    munmap(g2h(top - 0x1000), 0x1000);
    mem_set_flags(top - 0x1000, 0x1000, 0);
}
END_TEST

Suite *suite_ldst(void)
{
    Suite *s = suite_create("ldst");
    TCase *tc = tcase_create("ldst");
    tcase_add_test(tc, test_ldst_fields);
    tcase_add_test(tc, test_ldst_unallocated);
    tcase_add_test(tc, test_ldst_modes);
    tcase_add_test(tc, test_ldst_extend);
    tcase_add_test(tc, test_ldst_stores);
    tcase_add_test(tc, test_ldst_pairs);
    tcase_add_test(tc, test_ldst_exclusive);
    tcase_add_test(tc, test_ldst_struct);
    tcase_add_test(tc, test_ldst_atomic);
    tcase_add_test(tc, test_ldst_misc);
    tcase_add_test(tc, test_ldst_threads);
    tcase_add_test(tc, test_ldst_fault);
    suite_add_tcase(s, tc);
    return s;
}

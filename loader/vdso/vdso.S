/* pvm's guest vDSO (AArch64, assembled and linked by scripts/gen-vdso.sh
 * into loader/vdso_image.c; the loader maps that image, loader/vdso.c).
 * What it holds, as the arm64 kernel's vDSO does, under symbol version
 * LINUX_2.6.39 (glibc looks the symbols up by that version):
 *   __kernel_rt_sigreturn   the return path of a handler installed without
 *                           SA_RESTORER (signal delivery sets x30 to it)
 *   __kernel_clock_gettime, __kernel_gettimeofday, __kernel_clock_getres
 *                           the plain system call and ret: pvm has no shared
 *                           time page, so there is nothing faster to do
 * Invariants: position-independent code only (no relocations, no data), and
 * the two instructions of __kernel_rt_sigreturn are exactly
 * "mov x8, #139; svc #0", the pattern libgcc's, gdb's and LLVM's unwinders
 * recognise where they find no CFI (or, gdb, before looking at it).
 *
 * The unwind information of the trampoline describes a signal frame: when
 * the handler returns here, sp points at struct rt_sigframe (siginfo, 128
 * bytes, then the ucontext, whose uc_mcontext is at 176), so the
 * interrupted context's sigcontext is at sp + 304:
 *   { u64 fault_address; u64 regs[31]; u64 sp; u64 pc; u64 pstate;
 *     (16-aligned) u8 __reserved[] }
 * and its first record, as the kernel always lays it out, is the FPSIMD
 * one: { u32 magic, size; u32 fpsr, fpcr; u128 vregs[32]; }.
 * signals/abi_signal.h has the same layout in C; a frame pvm builds must
 * keep these offsets.
 *
 * - The FDE starts one instruction before the symbol: an unwinder looks up
 *   the handler's caller at return address - 1, which must land in this
 *   FDE. That is the nop.
 * - .cfi_signal_frame marks it, so the unwinder takes the interrupted pc
 *   as it is (the faulting or next instruction, not a return address).
 * - CFA = the interrupted sp (loaded from the sigcontext), so even an
 *   unwinder that ignores the sp rule continues with the right sp.
 * - Every register is given by a DWARF expression (DW_CFA_expression:
 *   the address where it was saved, relative to this frame's sp):
 *   x0..x30, sp, the low halves of v0..v31 (the D registers the procedure
 *   call standard preserves are the low 64 bits), and the interrupted pc.
 * - The pc lives in its own return-address column, 96: x30 must keep its
 *   own value (a leaf function interrupted before saving it still needs it
 *   to return). 96 is the column after v31 that GCC's unwinder reserves for
 *   exactly this (DWARF_ALT_FRAME_RETURN_COLUMN on aarch64); it is the only
 *   such column libgcc (glibc's backtrace, C++ exceptions, thread
 *   cancellation) has a register size for. LLVM's libunwind knows columns
 *   up to 95 only: it rejects this FDE (logging one line) and falls back
 *   to recognising the two instructions, as it does without CFI.
 * Linux's own vDSO ships no unwind tables for the trampoline (its partial
 * CFI once broke unwinding out of handlers, so unwinders use their
 * fallbacks); a complete description like this one gives them the same
 * registers as those fallbacks (tests/guest/vdso.c checks it). */

#define NR_clock_gettime 113
#define NR_clock_getres 114
#define NR_gettimeofday 169
#define NR_rt_sigreturn 139

/* offsets from sp (= the struct rt_sigframe) at the trampoline */
#define SF_MCONTEXT (128 + 176)           /* the sigcontext */
#define SF_X0 (SF_MCONTEXT + 8)           /* regs[0], after fault_address */
#define SF_SP (SF_X0 + 31 * 8)
#define SF_PC (SF_SP + 8)
#define SF_RESERVED (SF_MCONTEXT + 288)   /* __reserved: the FPSIMD record */
#define SF_V0 (SF_RESERVED + 16)          /* its vregs[0], after magic/size/fpsr/fpcr */

/* DWARF numbers: x0..x30 are 0..30, sp 31, v0..v31 64..95 */
#define DW_SP 31
#define DW_V0 64
#define DW_RETURN 96
#define DW_CFA_def_cfa_expression 0x0f
#define DW_CFA_expression 0x10
#define DW_OP_breg31 0x8f
#define DW_OP_deref 0x06

/* The two-byte SLEB128 of an offset in [64, 8192): seven low bits with the
 * continuation bit, then the rest (below 64, so it reads as positive). */
.macro sleb2_check off
	.if (\off < 64) || (\off >= 8192)
	.error "offset out of the two-byte SLEB128 range"
	.endif
.endm

/* register reg was saved at sp + off */
.macro saved_at reg, off
	sleb2_check \off
	.cfi_escape DW_CFA_expression, \reg, 3, DW_OP_breg31, ((\off) & 0x7f) | 0x80, (\off) >> 7
.endm

/* saved_at for x\from .. x\to */
.macro saved_x from, to
	saved_at \from, SF_X0 + 8 * \from
	.if \to - \from
	saved_x "(\from + 1)", \to
	.endif
.endm

/* saved_at for v\from .. v\to */
.macro saved_v from, to
	saved_at DW_V0 + \from, SF_V0 + 16 * \from
	.if \to - \from
	saved_v "(\from + 1)", \to
	.endif
.endm

	.text

	.cfi_startproc simple
	.cfi_signal_frame
	.cfi_return_column DW_RETURN
	/* CFA = *(sp + SF_SP) */
	sleb2_check SF_SP
	.cfi_escape DW_CFA_def_cfa_expression, 4, DW_OP_breg31, (SF_SP & 0x7f) | 0x80, SF_SP >> 7, DW_OP_deref
	saved_x 0, 30
	saved_at DW_SP, SF_SP
	saved_v 0, 31
	saved_at DW_RETURN, SF_PC
	nop
	.globl __kernel_rt_sigreturn
	.type __kernel_rt_sigreturn, %function
__kernel_rt_sigreturn:
	mov x8, #NR_rt_sigreturn
	svc #0
	.size __kernel_rt_sigreturn, . - __kernel_rt_sigreturn
	.cfi_endproc

/* a leaf function that makes system call nr: arguments and result as the
 * kernel's vDSO function (the raw return value: 0 or -errno) */
.macro vdso_syscall name, nr
	.globl \name
	.type \name, %function
	.balign 16
\name:
	.cfi_startproc
	mov x8, #\nr
	svc #0
	ret
	.cfi_endproc
	.size \name, . - \name
.endm

vdso_syscall __kernel_clock_gettime, NR_clock_gettime
vdso_syscall __kernel_gettimeofday, NR_gettimeofday
vdso_syscall __kernel_clock_getres, NR_clock_getres

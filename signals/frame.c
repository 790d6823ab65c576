/* The AArch64 signal frame, built and taken back as the arm64 kernel does
 * (arch/arm64/kernel/signal.c: get_sigframe, setup_sigframe, setup_return,
 * sys_rt_sigreturn):
 *   sp_top     the interrupted sp, or the top of the alternate stack with
 *              SA_ONSTACK when not already on it;
 *   record     {x29, x30} at round_down(sp_top - 16, 16): the frame record
 *              x29 points at, so frame-pointer unwinders walk through;
 *   frame      struct rt_sigframe (siginfo, ucontext) right below it, 16-byte
 *              aligned; uc_mcontext.__reserved holds fpsimd_context, then
 *              esr_context when the thread's last fault left an ESR, then
 *              the terminator.
 * The handler starts with x0 = sig, x1 = &info and x2 = &uc (SA_SIGINFO),
 * sp = frame, x29 = record, x30 = the restorer or the vDSO's
 * __kernel_rt_sigreturn. rt_sigreturn checks what the kernel checks (sp
 * alignment, a readable frame, pstate of EL0 AArch64 with DAIF clear, a
 * well-formed record list with exactly one fpsimd_context) and a bad frame
 * is a SIGSEGV at sp. */
#include "signals/frame.h"

#include <errno.h>
#include <string.h>

#include "core/mem.h"
#include "core/process.h"
#include "interp/fpu.h"
#include "loader/vdso.h"
#include "signals/signal.h"
#include "signals/sigstate.h"


#define PSTATE_NZCV 0xf0000000ull
#define PSTATE_DAIF 0x3c0ull
#define PSTATE_M 0x1full

/* sas_ss_flags: where sp is relative to the thread's alternate stack */
int frame_ss_flags(const struct cpu *c, uint64_t sp)
{
    if (!c->sig.ss_size)
        return SS_DISABLE_A64;
    if ((uint32_t)c->sig.ss_flags & SS_AUTODISARM_A64)
        return 0;
    return sp > c->sig.ss_sp && sp - c->sig.ss_sp <= c->sig.ss_size ? SS_ONSTACK_A64 : 0;
}

static void frame_fill_reserved(const struct cpu *c, uint8_t *r)
{
    struct fpsimd_context_a64 fp;
    memset(&fp, 0, sizeof fp);
    fp.head.magic = FPSIMD_MAGIC_A64;
    fp.head.size = sizeof fp;
    fp.fpsr = c->fpsr;
    fp.fpcr = c->fpcr;
    for (int i = 0; i < 32; i++)
        memcpy(&fp.vregs[i], &c->v[i], 16);
    memcpy(r, &fp, sizeof fp);
    size_t off = sizeof fp;
    if (c->sig.fault_esr) {
        struct esr_context_a64 e = {{ESR_MAGIC_A64, sizeof e}, c->sig.fault_esr};
        memcpy(r + off, &e, sizeof e);
        off += sizeof e;
    }
    memset(r + off, 0, sizeof(struct aarch64_ctx_a64)); /* the terminator */
}

bool frame_setup(struct cpu *c, int sig, const siginfo_t *info, const struct sigaction_a64 *ka,
                 uint64_t oldmask)
{
    uint64_t sp = c->x[REG_SP];
    uint64_t sp_top = sp;
    if ((ka->flags & SA_ONSTACK_A64) && frame_ss_flags(c, sp) == 0)
        sp_top = c->sig.ss_sp + c->sig.ss_size;
    uint64_t rec = (sp_top - sizeof(struct frame_record_a64)) & ~15ull;
    uint64_t frame = rec - sizeof(struct rt_sigframe_a64);
    if (rec > sp_top || frame > rec)
        return false;

    static __thread struct rt_sigframe_a64 f;
    memset(&f, 0, sizeof f);
    if (ka->flags & SA_SIGINFO_A64)
        memcpy(f.info, info, sizeof f.info);
    f.uc.uc_stack.ss_sp = c->sig.ss_sp;
    f.uc.uc_stack.ss_flags = c->sig.ss_size ? c->sig.ss_flags : SS_DISABLE_A64;
    f.uc.uc_stack.ss_size = c->sig.ss_size;
    f.uc.uc_sigmask = oldmask;
    struct sigcontext_a64 *m = &f.uc.uc_mcontext;
    m->fault_address = c->sig.fault_address;
    memcpy(m->regs, c->x, sizeof m->regs);
    m->sp = sp;
    m->pc = c->pc;
    m->pstate = c->nzcv & PSTATE_NZCV;
    frame_fill_reserved(c, m->reserved);
    struct frame_record_a64 r = {c->x[29], c->x[30]};
    if (!mem_copy_to_guest(rec, &r, sizeof r) || !mem_copy_to_guest(frame, &f, sizeof f))
        return false;

    /* SS_AUTODISARM: the handler may install another alternate stack */
    if ((uint32_t)c->sig.ss_flags & SS_AUTODISARM_A64) {
        c->sig.ss_sp = c->sig.ss_size = 0;
        c->sig.ss_flags = SS_DISABLE_A64;
    }
    c->x[0] = (uint64_t)sig;
    if (ka->flags & SA_SIGINFO_A64) {
        c->x[1] = frame + offsetof(struct rt_sigframe_a64, info);
        c->x[2] = frame + offsetof(struct rt_sigframe_a64, uc);
    }
    c->x[REG_SP] = frame;
    c->x[29] = rec;
    c->pc = ka->handler;
    if (ka->flags & SA_RESTORER_A64)
        c->x[30] = ka->restorer;
    else
        c->x[30] = gproc.vdso_base ? gproc.vdso_base + vdso_sigreturn_offset : 0;
    return true;
}

/* the __reserved records: exactly one fpsimd_context, an optional
 * esr_context, the terminator; anything else is a bad frame */
static const struct fpsimd_context_a64 *frame_parse_reserved(const uint8_t *r)
{
    const struct fpsimd_context_a64 *fp = NULL;
    size_t off = 0, limit = sizeof(((struct sigcontext_a64 *)0)->reserved);
    for (;;) {
        if (off > limit - sizeof(struct aarch64_ctx_a64) || (off & 15))
            return NULL;
        struct aarch64_ctx_a64 h;
        memcpy(&h, r + off, sizeof h);
        if (h.magic == 0) {
            return h.size == 0 ? fp : NULL;
        }
        if (h.size < sizeof h || h.size > limit - off)
            return NULL;
        switch (h.magic) {
        case FPSIMD_MAGIC_A64:
            if (fp || h.size != sizeof(struct fpsimd_context_a64))
                return NULL;
            fp = (const struct fpsimd_context_a64 *)(r + off);
            break;
        case ESR_MAGIC_A64:
            break;
        default:
            return NULL;
        }
        off += h.size;
    }
}

/* do_sigaltstack as restore_altstack calls it: errors are dropped */
static void frame_restore_altstack(struct cpu *c, const struct stack_a64 *s, uint64_t sp)
{
    if (frame_ss_flags(c, sp) == SS_ONSTACK_A64)
        return;
    uint32_t mode = (uint32_t)s->ss_flags & ~SS_AUTODISARM_A64;
    if (mode != 0 && mode != SS_ONSTACK_A64 && mode != SS_DISABLE_A64)
        return;
    if (mode == SS_DISABLE_A64) {
        c->sig.ss_sp = c->sig.ss_size = 0;
        c->sig.ss_flags = SS_DISABLE_A64;
        return;
    }
    if (s->ss_size < MINSIGSTKSZ_A64)
        return;
    c->sig.ss_sp = s->ss_sp;
    c->sig.ss_size = s->ss_size;
    c->sig.ss_flags = (int)((uint32_t)s->ss_flags & SS_AUTODISARM_A64);
}

bool frame_restore(struct cpu *c)
{
    uint64_t sp = c->x[REG_SP];
    static __thread struct rt_sigframe_a64 f;
    if ((sp & 15) || !mem_copy_from_guest(&f, sp, sizeof f))
        return false;
    const struct sigcontext_a64 *m = &f.uc.uc_mcontext;
    /* valid_user_regs: EL0t, AArch64, DAIF clear */
    if ((m->pstate & PSTATE_M) || (m->pstate & PSTATE_DAIF))
        return false;
    const struct fpsimd_context_a64 *fp = frame_parse_reserved(m->reserved);
    if (!fp)
        return false;
    c->sig.blocked = f.uc.uc_sigmask & ~(sig_bit_a64(SIGKILL) | sig_bit_a64(SIGSTOP));
    memcpy(c->x, m->regs, sizeof m->regs);
    c->x[REG_SP] = m->sp;
    c->pc = m->pc;
    c->nzcv = (uint32_t)(m->pstate & PSTATE_NZCV);
    fpu_write_fpsr(c, fp->fpsr);
    fpu_write_fpcr(c, fp->fpcr);
    for (int i = 0; i < 32; i++)
        memcpy(&c->v[i], &fp->vregs[i], 16);
    c->excl_size = 0;
    frame_restore_altstack(c, &f.uc.uc_stack, c->x[REG_SP]);
    return true;
}

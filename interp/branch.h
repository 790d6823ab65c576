/* branch: semantics of the rows of interp/branch.decode: branches, exception
 * generation, hints, barriers, the EL0 system registers and EL0 cache
 * maintenance. Taken branches set c->pc and return X_BRANCH; a register
 * target is read before the link register is written (BLR X30). The generic
 * timer runs at SYS_CNTFRQ_HZ, derived from the host's CLOCK_MONOTONIC. */
#ifndef PVM_INTERP_BRANCH_H
#define PVM_INTERP_BRANCH_H
#include <string.h>
#include <time.h>
#include "core/cpu.h"
#include "core/mem.h"
#include "interp/alu.h"
#include "interp/block.h"
#include "interp/branch_fmt.h"
#include "interp/fpu.h"
#include "interp/insn.h"

/* Generic timer frequency reported in CNTFRQ_EL0: 1 GHz (what Armv8.6+ cores
 * use), so CNTVCT_EL0 is the host monotonic clock in nanoseconds. */
#define SYS_CNTFRQ_HZ 1000000000ull
/* CTR_EL0: RES1 bit 31, CWG = ERG = 4 (64 bytes), DminLine = IminLine = 4
 * (64-byte lines), L1Ip = VIPT, IDC = DIC = 0 so guests clean and invalidate
 * by VA and JITs announce new code with IC IVAU (the Cortex-A53 value). */
#define SYS_CTR_EL0 0x84448004ull
/* DCZID_EL0: BS = 4 (DC ZVA zeroes 16 words = 64 bytes), DZP = 0 */
#define SYS_DCZID_EL0 4ull
#define SYS_ZVA_BYTES 64ull
#define SYS_ICACHE_LINE 64ull

static inline enum xres br_to(struct cpu *c, uint64_t target)
{
    c->pc = target;
    return X_BRANCH;
}

static inline enum xres op_B(struct cpu *c, const struct insn *i) { return br_to(c, i->pc + (uint64_t)i->imm); }

static inline enum xres op_BL(struct cpu *c, const struct insn *i)
{
    c->x[30] = i->pc + 4;
    return br_to(c, i->pc + (uint64_t)i->imm);
}

static inline enum xres op_B_COND(struct cpu *c, const struct insn *i)
{
    return cond_holds(c->nzcv, i->cond) ? br_to(c, i->pc + (uint64_t)i->imm) : X_NEXT;
}

static inline enum xres op_CBZ(struct cpu *c, const struct insn *i)
{
    return cpu_rd(c, i->rd, i->sf) == 0 ? br_to(c, i->pc + (uint64_t)i->imm) : X_NEXT;
}

static inline enum xres op_CBNZ(struct cpu *c, const struct insn *i)
{
    return cpu_rd(c, i->rd, i->sf) != 0 ? br_to(c, i->pc + (uint64_t)i->imm) : X_NEXT;
}

static inline enum xres op_TBZ(struct cpu *c, const struct insn *i)
{
    return !((c->x[i->rd] >> i->x) & 1) ? br_to(c, i->pc + (uint64_t)i->imm) : X_NEXT;
}

static inline enum xres op_TBNZ(struct cpu *c, const struct insn *i)
{
    return ((c->x[i->rd] >> i->x) & 1) ? br_to(c, i->pc + (uint64_t)i->imm) : X_NEXT;
}

static inline enum xres op_BR(struct cpu *c, const struct insn *i) { return br_to(c, c->x[i->rn]); }

static inline enum xres op_BLR(struct cpu *c, const struct insn *i)
{
    uint64_t target = c->x[i->rn];
    c->x[30] = i->pc + 4;
    return br_to(c, target);
}

static inline enum xres op_RET(struct cpu *c, const struct insn *i) { return br_to(c, c->x[i->rn]); }

/* ---- exception generation ---- */

static inline enum xres op_SVC(struct cpu *c, const struct insn *i)
{
    c->pc = i->pc + 4;
    return X_SVC;
}

/* BRK and HLT raise SIGTRAP/SIGILL once the signal layer handles them; until
 * then they stop like an undefined instruction, at their own pc */
static inline enum xres op_BRK(struct cpu *c, const struct insn *i)
{
    c->pc = i->pc;
    return X_UNDEF;
}

static inline enum xres op_HLT(struct cpu *c, const struct insn *i)
{
    c->pc = i->pc;
    return X_UNDEF;
}

/* ---- hints and barriers ---- */

static inline enum xres op_HINT(struct cpu *c, const struct insn *i) { return X_NEXT; }

static inline enum xres op_CLREX(struct cpu *c, const struct insn *i)
{
    c->excl_size = 0;
    return X_NEXT;
}

/* x86-64 keeps every order but store->load; a full fence restores that one.
 * It orders only the guest's own accesses, which ThreadSanitizer does not
 * see (core/mem.h MEM_GUEST_ACCESS) and whose fences it cannot model (gcc
 * refuses atomic_thread_fence under -fsanitize=thread): a TSan build emits
 * the same MFENCE as inline assembly. */
static inline void sys_full_fence(void)
{
#ifdef __SANITIZE_THREAD__
    __asm__ volatile("mfence" ::: "memory");
#else
    __atomic_thread_fence(__ATOMIC_SEQ_CST);
#endif
}

static inline enum xres op_DSB(struct cpu *c, const struct insn *i)
{
    sys_full_fence();
    return X_NEXT;
}

/* DMB's CRm: bits 1:0 are 01 for a loads-only barrier (ISHLD...), 10 for
 * stores only (ISHST...), 11 for all. x86 already keeps load->load,
 * load->store and store->store order, so only the full barrier (whose
 * store->load part x86 lacks) needs the fence; the others keep the
 * compiler from moving accesses across them. */
static inline enum xres op_DMB(struct cpu *c, const struct insn *i)
{
    if (((i->raw >> 8) & 3) == 3)
        sys_full_fence();
    else
        __asm__ volatile("" ::: "memory"); /* a compiler barrier */
    return X_NEXT;
}

/* the interpreter never prefetches stale code: invalidation is by IC IVAU */
static inline enum xres op_ISB(struct cpu *c, const struct insn *i) { return X_NEXT; }

static inline enum xres op_SB(struct cpu *c, const struct insn *i) { return X_NEXT; }

/* ---- system registers ---- */

static inline uint64_t sys_counter(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

/* a register the decoder accepted but this file does not handle (a table
 * mismatch): behave as an undefined instruction rather than guess */
static inline enum xres sys_undef(struct cpu *c, const struct insn *i)
{
    c->pc = i->pc;
    return X_UNDEF;
}

static inline enum xres op_MRS_NZCV(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = c->nzcv & 0xf0000000u;
    return X_NEXT;
}

static inline enum xres op_MSR_NZCV(struct cpu *c, const struct insn *i)
{
    c->nzcv = (uint32_t)c->x[i->rd] & 0xf0000000u;
    return X_NEXT;
}

/* ---- flag manipulation (FEAT_FlagM, FEAT_FlagM2) ---- */

static inline enum xres op_CFINV(struct cpu *c, const struct insn *i)
{
    c->nzcv ^= NZCV_C;
    return X_NEXT;
}

/* from the "external" float compare format (the one AXFLAG produces) to
 * the Arm FCMP format: N = !C & !Z, Z = Z & C, C = C | Z, V = !C & Z */
static inline enum xres op_XAFLAG(struct cpu *c, const struct insn *i)
{
    bool z = c->nzcv & NZCV_Z, cf = c->nzcv & NZCV_C;
    c->nzcv = (!cf && !z ? NZCV_N : 0) | (z && cf ? NZCV_Z : 0) | (cf || z ? NZCV_C : 0) |
              (!cf && z ? NZCV_V : 0);
    return X_NEXT;
}

/* to the external format: Z = Z | V, C = C & !V, N = V = 0 */
static inline enum xres op_AXFLAG(struct cpu *c, const struct insn *i)
{
    bool z = c->nzcv & NZCV_Z, cf = c->nzcv & NZCV_C, v = c->nzcv & NZCV_V;
    c->nzcv = (z || v ? NZCV_Z : 0) | (cf && !v ? NZCV_C : 0);
    return X_NEXT;
}

static inline enum xres op_MRS_FP(struct cpu *c, const struct insn *i)
{
    c->x[i->rd] = i->x == SYSREG_FPSR ? fpu_read_fpsr(c) : fpu_read_fpcr(c);
    return X_NEXT;
}

static inline enum xres op_MSR_FP(struct cpu *c, const struct insn *i)
{
    if (i->x == SYSREG_FPSR)
        fpu_write_fpsr(c, c->x[i->rd]);
    else
        fpu_write_fpcr(c, c->x[i->rd]);
    return X_NEXT;
}

static inline enum xres op_MRS(struct cpu *c, const struct insn *i)
{
    uint64_t v;
    switch (i->x) {
    case SYSREG_TPIDR_EL0: v = c->tpidr_el0; break;
    case SYSREG_CNTVCT_EL0:
    case SYSREG_CNTVCTSS_EL0: v = sys_counter(); break;
    case SYSREG_CNTFRQ_EL0: v = SYS_CNTFRQ_HZ; break;
    case SYSREG_CTR_EL0: v = SYS_CTR_EL0; break;
    case SYSREG_DCZID_EL0: v = SYS_DCZID_EL0; break;
    case SYSREG_TPIDRRO_EL0: v = 0; break; /* Linux keeps it zero for user tasks */
    default: return sys_undef(c, i);
    }
    c->x[i->rd] = v;
    return X_NEXT;
}

static inline enum xres op_MSR(struct cpu *c, const struct insn *i)
{
    switch (i->x) {
    case SYSREG_TPIDR_EL0: c->tpidr_el0 = c->x[i->rd]; return X_NEXT;
    default: return sys_undef(c, i);
    }
}

/* ---- cache maintenance ---- */

/* the first store is to the block's first byte, so a write fault on a
 * read-only page reports the aligned address (as qemu and Arm cores do)
 * whatever order memset picks; the block never crosses a page */
MEM_GUEST_ACCESS void sys_zva_zero(uint8_t *h)
{
    *(volatile uint8_t *)h = 0;
    __builtin_memset(h, 0, SYS_ZVA_BYTES);
}

static inline enum xres op_DC_ZVA(struct cpu *c, const struct insn *i)
{
    uint64_t a = c->x[i->rd] & ~(SYS_ZVA_BYTES - 1);
    sys_zva_zero(mem_hw(c, a, SYS_ZVA_BYTES));
    return X_NEXT;
}

/* the guest announces code it wrote: drop blocks decoded from that line */
static inline enum xres op_IC_IVAU(struct cpu *c, const struct insn *i)
{
    uint64_t a = mem_untag(c->x[i->rd]) & ~(SYS_ICACHE_LINE - 1);
    block_invalidate(a, SYS_ICACHE_LINE);
    c->pc = i->pc + 4;
    return X_INVALIDATE;
}

/* clean/invalidate data cache by VA: host caches are coherent */
static inline enum xres op_DC_CLEAN(struct cpu *c, const struct insn *i) { return X_NEXT; }
static inline enum xres op_DC_CVAP(struct cpu *c, const struct insn *i) { return X_NEXT; }
static inline enum xres op_DC_CVADP(struct cpu *c, const struct insn *i) { return X_NEXT; }

#endif

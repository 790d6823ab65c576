/* Guest CPU state: one struct cpu per guest thread, with fixed offsets the
 * translator will address directly (checked by _Static_assert below).
 * Invariants: x[31] is SP; x[32] always reads as zero (XZR source); x[33] is
 * a write sink (XZR destination). The decoder maps register field 31 to one
 * of the three, so executors never test for register 31. NZCV is kept packed
 * in the architectural layout (bits 31..28). */
#ifndef PVM_CORE_CPU_H
#define PVM_CORE_CPU_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "core/task.h"

enum {
    REG_SP = 31,   /* stack pointer */
    REG_ZR = 32,   /* reads as zero, never written */
    REG_WSINK = 33 /* writes to XZR land here, never read */
};

#define NZCV_N (1u << 31)
#define NZCV_Z (1u << 30)
#define NZCV_C (1u << 29)
#define NZCV_V (1u << 28)

typedef union vreg {
    uint8_t b[16];
    uint16_t h[8];
    uint32_t s[4];
    uint64_t d[2];
    int8_t sb[16];
    int16_t sh[8];
    int32_t ss[4];
    int64_t sd[2];
    float f[4];
    double df[2];
    unsigned __int128 q;
} __attribute__((aligned(16))) vreg;

struct insn;
struct block_thread;

struct cpu {
    uint64_t x[34];     /* X0..X30, SP, zero source, write sink */
    uint64_t pc;        /* valid at block boundaries and in fault/syscall paths */
    uint32_t nzcv;      /* architectural NZCV layout */
    uint32_t fpcr;
    uint32_t fpsr;
    uint32_t mxcsr;     /* host MXCSR derived from fpcr (rounding, FZ) */
    uint64_t tpidr_el0;
    vreg v[32];

    /* exclusive monitor (LDXR/STXR): address, size and the value loaded */
    uint64_t excl_addr;
    unsigned __int128 excl_val;
    uint32_t excl_size; /* 0 = monitor clear */

    volatile uint32_t exit_request; /* checked at every block entry */

    /* translated code's x86 flags put aside (lahf into bits 15:8, seto into
     * bit 0) where a memory access comes between a compare and its use;
     * meaningful only inside a translation (translator/emit_dp.c) */
    uint32_t flags_raw;

    /* translated code's return frames on the host stack (translator/cache.c):
     * their base (the entry stub's empty frame) and the depth limit */
    uint64_t ras_base, ras_floor;

    /* precise-state bookkeeping for the interpreter: the insn being executed */
    const struct insn *cur;

    /* fault information filled by the memory layer / host signal handler */
    uint64_t fault_addr;
    int fault_sig;      /* SIGSEGV or SIGBUS */
    int fault_code;     /* si_code the guest would see */

    uint32_t fault_write; /* the faulting access was a write (ESR WnR) */
    int in_guest;         /* host faults here are the guest's (engine sets it) */

    int tid;
    struct task_sig sig;  /* this thread's signal state (core/task.h) */
    struct task_proc proc; /* its process-call bookkeeping and engine requests */
    struct cpu *thread_next, *thread_prev; /* the process's thread list (core/threads.c) */
    sigjmp_buf fault_jmp; /* where guest faults unwind to (engine) */
    struct block_thread *bthread; /* its record in the block cache's epoch scheme
                                     (interp/block.h); a vfork child's copy shares it */
    struct task_prof prof; /* -d exec/profile counters (core/task.h, engine/stats.h) */
};

_Static_assert(offsetof(struct cpu, x) == 0, "x at 0");
_Static_assert(offsetof(struct cpu, pc) == 34 * 8, "pc offset");
_Static_assert(offsetof(struct cpu, nzcv) == 35 * 8, "nzcv offset");
_Static_assert(offsetof(struct cpu, v) % 16 == 0, "v aligned");

/* Register-width helpers: W writes zero-extend into X. */
static inline uint64_t cpu_rd64(const struct cpu *c, unsigned r) { return c->x[r]; }
static inline uint32_t cpu_rd32(const struct cpu *c, unsigned r) { return (uint32_t)c->x[r]; }
static inline void cpu_wr64(struct cpu *c, unsigned r, uint64_t v) { c->x[r] = v; }
static inline void cpu_wr32(struct cpu *c, unsigned r, uint32_t v) { c->x[r] = v; }
static inline uint64_t cpu_rd(const struct cpu *c, unsigned r, int sf)
{
    return sf ? c->x[r] : (uint32_t)c->x[r];
}
static inline void cpu_wr(struct cpu *c, unsigned r, uint64_t v, int sf)
{
    c->x[r] = sf ? v : (uint32_t)v;
}

#endif

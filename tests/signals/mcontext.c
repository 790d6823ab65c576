/* The signal frame's ucontext (arm64 struct sigcontext and its __reserved
 * records). An inline-asm block sets x19..x28, v17, FPCR and NZCV, then
 * does tgkill(getpid(), gettid(), SIGUSR1) with its own `svc #0`, so the
 * interrupted state is known exactly: the handler must see pc = the
 * address after the svc (the kernel delivers on the syscall's return), x0 =
 * the syscall's result 0, x8 = 131, sp, the registers, NZCV in pstate and
 * an fpsimd_context record first in __reserved (magic 0x46508001, size 528)
 * with v17 and FPCR. A second run edits x0, x19, v17, NZCV and pc (skipping
 * one instruction) in the frame; after rt_sigreturn the asm sees the edits.
 * Last, a SIGALRM from an interval timer interrupts a pure-register loop and
 * the handler sends the pc out of it. */
#include "sigtest.h"

#include <sys/time.h>

#define FPCR_RMODE_RZ (3u << 22)
#define NZCV_N (8ull << 28)
#define NZCV_Z (4ull << 28)

/* the asm's in/out block (offsets are written into the asm) */
struct io {
    uint64_t in[10];   /* 0: x19..x28 before the svc */
    uint64_t out[10];  /* 80: x19..x28 after it */
    uint64_t pc;       /* 160: address after the svc */
    uint64_t sp;       /* 168: sp at the svc */
    uint64_t eq;       /* 176: cset eq after the svc */
    uint64_t fpcr_new; /* 184 */
    uint64_t fpcr_old; /* 192 */
    uint64_t pid;      /* 200 */
    uint64_t tid;      /* 208 */
    uint64_t x0;       /* 216: x0 after the svc */
    __uint128_t vin;   /* 224: v17 before */
    __uint128_t vout;  /* 240: v17 after */
} __attribute__((aligned(16)));
_Static_assert(offsetof(struct io, pc) == 160 && offsetof(struct io, x0) == 216 && offsetof(struct io, vin) == 224 &&
                   offsetof(struct io, vout) == 240,
               "offsets used by the asm");

static struct io io;
static ucontext_t seen;
static siginfo_t seen_info;
static volatile sig_atomic_t calls, edit;
static const __uint128_t v_edit = ((__uint128_t)0x0badcafe0badcafeull << 64) | 0x1122334455667788ull;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    ucontext_t *uc = ucv;
    calls++;
    seen = *uc;
    seen_info = *si;
    if (!edit)
        return;
    uc->uc_mcontext.regs[0] = 42;
    uc->uc_mcontext.regs[19] = 0xfeedf00dull;
    uc->uc_mcontext.pc += 4; /* skip the `mov x20` after the svc */
    uc->uc_mcontext.pstate = (uc->uc_mcontext.pstate & ~(0xfull << 28)) | NZCV_Z;
    struct fpsimd_context *fp = (struct fpsimd_context *)t_record(uc, FPSIMD_MAGIC);
    if (fp)
        fp->vregs[17] = v_edit;
}

static void run_asm(void)
{
    __asm__ volatile("ldp x19, x20, [%0, #0]\n\t"
                     "ldp x21, x22, [%0, #16]\n\t"
                     "ldp x23, x24, [%0, #32]\n\t"
                     "ldp x25, x26, [%0, #48]\n\t"
                     "ldp x27, x28, [%0, #64]\n\t"
                     "ldr q17, [%0, #224]\n\t"
                     "ldr x9, [%0, #184]\n\t"
                     "msr fpcr, x9\n\t"
                     "adr x9, 1f\n\t"
                     "str x9, [%0, #160]\n\t"
                     "mov x9, sp\n\t"
                     "str x9, [%0, #168]\n\t"
                     "ldr x0, [%0, #200]\n\t"
                     "ldr x1, [%0, #208]\n\t"
                     "mov x2, #10\n\t" /* SIGUSR1 */
                     "mov x8, #131\n\t" /* tgkill */
                     "mov x9, #0\n\t"
                     "cmp x9, #1\n\t" /* NZCV = N */
                     "svc #0\n"
                     "1:\tmov x20, #0x2020\n\t"
                     "cset x9, eq\n\t"
                     "str x9, [%0, #176]\n\t"
                     "str x0, [%0, #216]\n\t"
                     "stp x19, x20, [%0, #80]\n\t"
                     "stp x21, x22, [%0, #96]\n\t"
                     "stp x23, x24, [%0, #112]\n\t"
                     "stp x25, x26, [%0, #128]\n\t"
                     "stp x27, x28, [%0, #144]\n\t"
                     "str q17, [%0, #240]\n\t"
                     "ldr x9, [%0, #192]\n\t"
                     "msr fpcr, x9\n\t"
                     :
                     : "r"(&io)
                     : "x0", "x1", "x2", "x8", "x9", "x19", "x20", "x21", "x22", "x23", "x24", "x25", "x26", "x27",
                       "x28", "v17", "cc", "memory");
}

static void setup_io(void)
{
    memset(&io, 0, sizeof io);
    for (int i = 0; i < 10; i++)
        io.in[i] = 0x1900000000000000ull + ((uint64_t)(19 + i) << 32) + 0x1234u * (unsigned)(i + 1);
    uint64_t fpcr;
    __asm__ volatile("mrs %0, fpcr" : "=r"(fpcr));
    io.fpcr_old = fpcr;
    io.fpcr_new = fpcr | FPCR_RMODE_RZ;
    io.pid = (uint64_t)getpid();
    io.tid = (uint64_t)syscall(SYS_gettid);
    io.vin = ((__uint128_t)0x7777666655554444ull << 64) | 0x3333222211110000ull;
    calls = 0;
}

/* the interval-timer case: a loop of register-only instructions that only
 * the handler can leave, by pointing the frame's pc at its exit */
static volatile uint64_t loop_start, loop_end, loop_exit, loop_pc;
static volatile sig_atomic_t loop_hits, loop_early;

static void loop_handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ucv;
    uint64_t pc = uc->uc_mcontext.pc;
    /* a tick before the asm stored its labels, or after it left the loop,
     * changes nothing (the timer is periodic: another tick comes) */
    if (!loop_exit || pc < loop_start || pc >= loop_end) {
        loop_early++;
        return;
    }
    if (loop_hits++)
        return;
    loop_pc = pc;
    uc->uc_mcontext.pc = loop_exit;
}

static int loop_case(void)
{
    t_begin();
    t_handle_info(SIGALRM, loop_handler, 0);
    struct itimerval it = { { 0, 20000 }, { 0, 20000 } };
    setitimer(ITIMER_REAL, &it, NULL);
    uint64_t count = 0;
    __asm__ volatile("adr x9, 1f\n\t"
                     "str x9, [%1]\n\t"
                     "adr x9, 2f\n\t"
                     "str x9, [%2]\n\t"
                     "adr x9, 3f\n\t"
                     "str x9, [%3]\n"
                     "1:\tadd %0, %0, #1\n\t"
                     "eor x10, x10, %0\n\t"
                     "b 1b\n"
                     "2:\tmov x10, #0\n" /* never reached: the handler jumps past it */
                     "3:\n"
                     : "+r"(count)
                     : "r"(&loop_start), "r"(&loop_end), "r"(&loop_exit)
                     : "x9", "x10", "memory");
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    EXPECT(loop_hits >= 1, "left the loop without the handler");
    EXPECT(loop_pc >= loop_start && loop_pc < loop_end, "pc %#llx outside the loop [%#llx, %#llx)",
           (unsigned long long)loop_pc, (unsigned long long)loop_start, (unsigned long long)loop_end);
    EXPECT(count > 0, "the loop never ran");
    t_end("async_pc_redirect");
    return 0;
}

int main(void)
{
    /* a known sigaltstack state: a process that never set one reports the
     * flags it inherited (0 on a fresh kernel task), so set SS_DISABLE */
    stack_t off = { .ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE };
    sigaltstack(&off, NULL);
    t_handle_info(SIGUSR1, handler, 0);

    /* observe */
    setup_io();
    edit = 0;
    run_asm();
    const mcontext_t *mc = &seen.uc_mcontext;
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_code == SI_TKILL, "si_code %d, want SI_TKILL", seen_info.si_code);
    EXPECT(mc->pc == io.pc, "pc %#llx, want %#llx (after the svc)", (unsigned long long)mc->pc,
           (unsigned long long)io.pc);
    EXPECT(mc->sp == io.sp, "sp %#llx, want %#llx", (unsigned long long)mc->sp, (unsigned long long)io.sp);
    t_end("pc_sp");

    t_begin();
    for (int i = 0; i < 10; i++)
        EXPECT(mc->regs[19 + i] == io.in[i], "x%d %#llx, want %#llx", 19 + i, (unsigned long long)mc->regs[19 + i],
               (unsigned long long)io.in[i]);
    EXPECT(mc->regs[0] == 0, "x0 %#llx, want 0 (tgkill's result)", (unsigned long long)mc->regs[0]);
    EXPECT(mc->regs[1] == io.tid, "x1 %#llx, want the tid", (unsigned long long)mc->regs[1]);
    EXPECT(mc->regs[2] == SIGUSR1, "x2 %llu, want 10", (unsigned long long)mc->regs[2]);
    EXPECT(mc->regs[8] == 131, "x8 %llu, want 131", (unsigned long long)mc->regs[8]);
    t_end("gprs");

    t_begin();
    EXPECT((mc->pstate & (0xfull << 28)) == NZCV_N, "pstate %#llx: NZCV not N", (unsigned long long)mc->pstate);
    EXPECT((mc->pstate & 0xf) == 0, "pstate %#llx: not EL0t", (unsigned long long)mc->pstate);
    EXPECT(seen.uc_flags == 0, "uc_flags %#lx", (unsigned long)seen.uc_flags);
    EXPECT(seen.uc_link == NULL, "uc_link %p", (void *)seen.uc_link);
    /* uc_stack is the thread's sigaltstack state as set (kernel/signal.c
     * __save_altstack stores sas_ss_flags itself): after SS_DISABLE,
     * SS_DISABLE and no stack */
    EXPECT(seen.uc_stack.ss_flags == SS_DISABLE && seen.uc_stack.ss_sp == NULL && seen.uc_stack.ss_size == 0,
           "uc_stack %p %zu flags %d, want NULL 0 SS_DISABLE", seen.uc_stack.ss_sp, seen.uc_stack.ss_size,
           seen.uc_stack.ss_flags);
    EXPECT(sigismember(&seen.uc_sigmask, SIGUSR1) == 0, "uc_sigmask holds SIGUSR1 (the mask before delivery)");
    EXPECT(io.eq == 0 && io.x0 == 0, "after return: eq %llu x0 %llu, want 0 0", (unsigned long long)io.eq,
           (unsigned long long)io.x0);
    EXPECT(io.out[1] == 0x2020, "the instruction after the svc did not run");
    t_end("pstate_ucontext");

    t_begin();
    {
        const struct _aarch64_ctx *first = (const struct _aarch64_ctx *)mc->__reserved;
        const struct fpsimd_context *fp = (const struct fpsimd_context *)t_record(&seen, FPSIMD_MAGIC);
        EXPECT(first->magic == FPSIMD_MAGIC, "first record magic %#x, want fpsimd %#x", first->magic, FPSIMD_MAGIC);
        EXPECT(fp != NULL, "no fpsimd_context record");
        if (fp) {
            EXPECT(fp->head.size == 528, "fpsimd size %u, want 528", fp->head.size);
            EXPECT(fp->vregs[17] == io.vin, "v17 %#llx:%#llx, want %#llx:%#llx",
                   (unsigned long long)(fp->vregs[17] >> 64), (unsigned long long)fp->vregs[17],
                   (unsigned long long)(io.vin >> 64), (unsigned long long)io.vin);
            EXPECT((fp->fpcr & FPCR_RMODE_RZ) == FPCR_RMODE_RZ, "fpcr %#x: RMode not RZ", fp->fpcr);
        }
    }
    t_end("fpsimd_record");

    /* edit */
    setup_io();
    edit = 1;
    run_asm();
    edit = 0;
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(io.out[0] == 0xfeedf00dull, "x19 %#llx, want the handler's 0xfeedf00d", (unsigned long long)io.out[0]);
    EXPECT(io.x0 == 42, "x0 %llu, want the handler's 42", (unsigned long long)io.x0);
    for (int i = 2; i < 10; i++)
        EXPECT(io.out[i] == io.in[i], "x%d changed", 19 + i);
    t_end("edit_gprs");
    t_begin();
    EXPECT(io.out[1] == io.in[1], "x20 %#llx: the skipped `mov x20` ran (pc edit lost)", (unsigned long long)io.out[1]);
    t_end("edit_pc");
    t_begin();
    EXPECT(io.eq == 1, "NZCV edit lost (cset eq = %llu)", (unsigned long long)io.eq);
    t_end("edit_nzcv");
    t_begin();
    EXPECT(io.vout == v_edit, "v17 %#llx:%#llx, want the handler's value", (unsigned long long)(io.vout >> 64),
           (unsigned long long)io.vout);
    t_end("edit_vreg");

    t_isolated("async_pc_redirect", loop_case);
    return 0;
}

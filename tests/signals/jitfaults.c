/* Faults of loads and stores inside hot loops: each case runs a loop of
 * 1,000 iterations (hot enough for pvm's translator at its default
 * threshold; PVM_JIT_THRESHOLD=0 translates it before its first run) whose
 * one instruction under test accesses addrs[k], valid for every k but one,
 * which is an unmapped or read-only page. The SIGSEGV handler checks what
 * the arm64 kernel reports for a fault of that instruction: si_code,
 * si_addr (the first byte the access could not reach), the frame's pc (the
 * faulting instruction) and its registers: neither the destination nor a
 * written-back base has changed (the instruction did not happen). Then it
 * steps over the instruction, or makes the page writable so the store is
 * retried (its writeback then happens once), or jumps out with
 * siglongjmp; each case then checks the loop's totals. A last case runs
 * a load over tagged addresses (top byte ignored), the path a translator
 * leaves to its interpreter, and a tagged address that faults (si_addr is
 * untagged: no SA_EXPOSE_TAGBITS). LDAR with one misaligned address
 * raises SIGBUS BUS_ADRALN; STLRH to a read-only page is retried. A
 * second load off the base a first one used (the translator confines the
 * base once) faults at its own address, at the end of a mapping and past
 * the end of pvm's default region, and reads right after tagged bases. */
#include "sigtest.h"

#include <setjmp.h>
#include <sys/mman.h>

#define ITERS 1000
#define BAD_AT 700
#define ESR_WNR (1u << 6)

enum recover { STEP, MPROTECT_RW, LONGJMP };
static volatile enum recover recover;
static volatile sig_atomic_t calls;
static siginfo_t seen_info;
static uint64_t seen_pc, seen_x[32], seen_pstate;
static uint64_t seen_esr;
static sigjmp_buf jump;
static void *volatile prot_page;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    ucontext_t *uc = ucv;
    if (calls++ == 0) {
        seen_info = *si;
        seen_pc = uc->uc_mcontext.pc;
        memcpy(seen_x, uc->uc_mcontext.regs, 31 * sizeof(uint64_t));
        seen_x[31] = uc->uc_mcontext.sp;
        seen_pstate = uc->uc_mcontext.pstate;
        const struct esr_context *e = (const struct esr_context *)t_record(uc, ESR_MAGIC);
        seen_esr = e ? e->esr : 0;
    }
    switch (recover) {
    case STEP:
        uc->uc_mcontext.pc += 4;
        break;
    case MPROTECT_RW:
        mprotect(prot_page, 4096, PROT_READ | PROT_WRITE);
        break;
    case LONGJMP:
        siglongjmp(jump, 1);
    }
}

static void reset(enum recover r)
{
    recover = r;
    calls = 0;
    memset(&seen_info, 0, sizeof seen_info);
    seen_pc = seen_esr = 0;
    memset(seen_x, 0, sizeof seen_x);
}

static uint8_t *map(int prot)
{
    uint8_t *p = mmap(NULL, 4096, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        t_write("FAIL setup: mmap\n");
        exit(1);
    }
    return p;
}

/* a page followed by an unmapped one: the end of the mapped page */
static uint8_t *page_before_hole(void)
{
    uint8_t *p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        t_write("FAIL setup: mmap\n");
        exit(1);
    }
    munmap(p + 4096, 4096);
    return p + 4096;
}

static uint64_t data[ITERS + 4] __attribute__((aligned(16)));
static uint64_t addrs[ITERS];

static void fill_data(void)
{
    for (int k = 0; k < ITERS + 4; k++)
        data[k] = 0x1000 + (uint64_t)k * 3;
}

/* ---- LDR (post-index) from an unmapped page ----
 * x3 = addrs[k]; ldr x4, [x3], #8; sum += x4 */
static uint64_t loop_ldr_post(uint64_t *pc)
{
    uint64_t sum = 0;
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n\t"
                     "mov x4, #0\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n"
                     "2:\tldr x4, [x3], #8\n\t"
                     "add %[sum], %[sum], x4\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     : [sum] "+r"(sum)
                     : [a] "r"(addrs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc)
                     : "x2", "x3", "x4", "x9", "cc", "memory");
    return sum;
}

static void case_ldr_post(void)
{
    uint8_t *hole = page_before_hole();
    uint64_t sum = 0, pc = 0;
    for (int k = 0; k < ITERS; k++) {
        addrs[k] = (uintptr_t)&data[k];
        sum += k == BAD_AT ? data[k - 1] : data[k]; /* the stepped-over load keeps x4 */
    }
    addrs[BAD_AT] = (uintptr_t)hole + 0x10;
    reset(STEP);
    uint64_t got = loop_ldr_post(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_code == SEGV_MAPERR, "si_code %d, want SEGV_MAPERR", seen_info.si_code);
    EXPECT((uintptr_t)seen_info.si_addr == addrs[BAD_AT], "si_addr %p, want %#llx", seen_info.si_addr,
           (unsigned long long)addrs[BAD_AT]);
    EXPECT(seen_pc == pc, "frame pc %#llx, want the load's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    EXPECT(seen_x[3] == addrs[BAD_AT], "x3 %#llx: the base was written back (want %#llx)",
           (unsigned long long)seen_x[3], (unsigned long long)addrs[BAD_AT]);
    EXPECT(seen_x[4] == data[BAD_AT - 1], "x4 %#llx: the destination changed (want %#llx)",
           (unsigned long long)seen_x[4], (unsigned long long)data[BAD_AT - 1]);
    EXPECT(seen_x[2] == BAD_AT, "x2 %llu, want %d", (unsigned long long)seen_x[2], BAD_AT);
    EXPECT(!(seen_esr & ESR_WNR), "esr %#llx: WnR set for a load", (unsigned long long)seen_esr);
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("ldr_post_unmapped");
    munmap(hole - 4096, 4096);
}

/* ---- STR (pre-index) to a read-only page, retried ----
 * x3 = addrs[k]; x4 = k + 100; str x4, [x3, #8]!; outs[k] = x3 */
static uint64_t outs[ITERS];

static void loop_str_pre(uint64_t *pc)
{
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n\t"
                     "add x4, x2, #100\n"
                     "2:\tstr x4, [x3, #8]!\n\t"
                     "str x3, [%[o], x2, lsl #3]\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     :
                     : [a] "r"(addrs), [o] "r"(outs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc)
                     : "x2", "x3", "x4", "x9", "cc", "memory");
}

static void case_str_pre(void)
{
    static uint64_t sink[ITERS + 2];
    uint8_t *ro = map(PROT_READ);
    prot_page = ro;
    uint64_t pc = 0;
    for (int k = 0; k < ITERS; k++)
        addrs[k] = (uintptr_t)&sink[k];
    addrs[BAD_AT] = (uintptr_t)ro + 0x20;
    reset(MPROTECT_RW);
    loop_str_pre(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_code == SEGV_ACCERR, "si_code %d, want SEGV_ACCERR", seen_info.si_code);
    EXPECT((uintptr_t)seen_info.si_addr == addrs[BAD_AT] + 8, "si_addr %p, want %#llx", seen_info.si_addr,
           (unsigned long long)addrs[BAD_AT] + 8);
    EXPECT(seen_pc == pc, "frame pc %#llx, want the store's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    EXPECT(seen_x[3] == addrs[BAD_AT], "x3 %#llx: the base was written back (want %#llx)",
           (unsigned long long)seen_x[3], (unsigned long long)addrs[BAD_AT]);
    EXPECT(seen_esr & ESR_WNR, "esr %#llx: WnR clear for a store", (unsigned long long)seen_esr);
    EXPECT(*(uint64_t *)(ro + 0x28) == BAD_AT + 100, "the retried store wrote %#llx",
           (unsigned long long)*(uint64_t *)(ro + 0x28));
    int bad = -1;
    for (int k = 0; k < ITERS && bad < 0; k++)
        if (outs[k] != addrs[k] + 8 || *(uint64_t *)(uintptr_t)(addrs[k] + 8) != (uint64_t)k + 100)
            bad = k;
    EXPECT(bad < 0, "iteration %d: base %#llx or stored value wrong", bad, (unsigned long long)outs[bad]);
    t_end("str_pre_readonly_retry");
    munmap(ro, 4096);
}

/* ---- LDP (pre-index) across the end of a page ----
 * x3 = addrs[k]; ldp x4, x5, [x3, #16]!; sum += x4 + x5 */
static uint64_t loop_ldp_pre(uint64_t *pc)
{
    uint64_t sum = 0;
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n\t"
                     "mov x4, #0\n\t"
                     "mov x5, #0\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n"
                     "2:\tldp x4, x5, [x3, #16]!\n\t"
                     "add %[sum], %[sum], x4\n\t"
                     "add %[sum], %[sum], x5\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     : [sum] "+r"(sum)
                     : [a] "r"(addrs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc)
                     : "x2", "x3", "x4", "x5", "x9", "cc", "memory");
    return sum;
}

static void case_ldp_pre(void)
{
    uint8_t *hole = page_before_hole();
    uint64_t sum = 0, pc = 0;
    for (int k = 0; k < ITERS - 2; k++) {
        addrs[k] = (uintptr_t)&data[k];
        int j = k == BAD_AT ? k - 1 : k;
        sum += data[j + 2] + data[j + 3];
    }
    addrs[ITERS - 2] = addrs[ITERS - 1] = (uintptr_t)&data[0];
    sum += 2 * (data[2] + data[3]);
    /* the first register's 8 bytes are the last of the page */
    addrs[BAD_AT] = (uintptr_t)hole - 16 - 8;
    reset(STEP);
    uint64_t got = loop_ldp_pre(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_code == SEGV_MAPERR, "si_code %d, want SEGV_MAPERR", seen_info.si_code);
    EXPECT(seen_info.si_addr == (void *)hole, "si_addr %p, want %p (the second register's)", seen_info.si_addr,
           (void *)hole);
    EXPECT(seen_pc == pc, "frame pc %#llx, want the ldp's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    EXPECT(seen_x[3] == addrs[BAD_AT], "x3 %#llx: the base was written back", (unsigned long long)seen_x[3]);
    EXPECT(seen_x[4] == data[BAD_AT + 1] && seen_x[5] == data[BAD_AT + 2],
           "x4 %#llx x5 %#llx: a destination changed (want %#llx %#llx)", (unsigned long long)seen_x[4],
           (unsigned long long)seen_x[5], (unsigned long long)data[BAD_AT + 1],
           (unsigned long long)data[BAD_AT + 2]);
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("ldp_pre_page_end");
    munmap(hole - 4096, 4096);
}

/* ---- STP (post-index) to a read-only page, retried ----
 * x3 = addrs[k]; stp x4, x5, [x3], #16; outs[k] = x3 */
static void loop_stp_post(uint64_t *pc)
{
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n\t"
                     "add x4, x2, #7\n\t"
                     "add x5, x2, #9\n"
                     "2:\tstp w4, w5, [x3], #16\n\t"
                     "str x3, [%[o], x2, lsl #3]\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     :
                     : [a] "r"(addrs), [o] "r"(outs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc)
                     : "x2", "x3", "x4", "x5", "x9", "cc", "memory");
}

static void case_stp_post(void)
{
    static uint32_t sink[2 * ITERS];
    uint8_t *ro = map(PROT_READ);
    prot_page = ro;
    uint64_t pc = 0;
    for (int k = 0; k < ITERS; k++)
        addrs[k] = (uintptr_t)&sink[2 * k];
    addrs[BAD_AT] = (uintptr_t)ro + 0x100;
    reset(MPROTECT_RW);
    loop_stp_post(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_code == SEGV_ACCERR, "si_code %d, want SEGV_ACCERR", seen_info.si_code);
    EXPECT((uintptr_t)seen_info.si_addr == addrs[BAD_AT], "si_addr %p, want %#llx", seen_info.si_addr,
           (unsigned long long)addrs[BAD_AT]);
    EXPECT(seen_pc == pc, "frame pc %#llx, want the stp's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    EXPECT(seen_x[3] == addrs[BAD_AT], "x3 %#llx: the base was written back", (unsigned long long)seen_x[3]);
    int bad = -1;
    for (int k = 0; k < ITERS && bad < 0; k++) {
        const uint32_t *w = (const uint32_t *)(uintptr_t)addrs[k];
        if (outs[k] != addrs[k] + 16 || w[0] != (uint32_t)k + 7 || w[1] != (uint32_t)k + 9)
            bad = k;
    }
    EXPECT(bad < 0, "iteration %d: base or stored pair wrong", bad);
    t_end("stp_post_readonly_retry");
    munmap(ro, 4096);
}

/* ---- LDRSW (register offset, SXTW) from an unmapped page, siglongjmp ----
 * x3 = addrs[k]; w6 = -1; ldrsw x4, [x3, w6, sxtw #2]; sum += x4 */
static uint64_t loop_ldrsw_reg(uint64_t *pc)
{
    uint64_t sum = 0;
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n\t"
                     "mov x6, #0xffffffff\n\t"
                     "movk x6, #0x1234, lsl #48\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n"
                     "2:\tldrsw x4, [x3, w6, sxtw #2]\n\t"
                     "add %[sum], %[sum], x4\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     : [sum] "+r"(sum)
                     : [a] "r"(addrs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc)
                     : "x2", "x3", "x4", "x6", "x9", "cc", "memory");
    return sum;
}

static void case_ldrsw_reg(void)
{
    static int32_t words[ITERS + 1];
    uint8_t *hole = page_before_hole();
    uint64_t sum = 0, pc = 0;
    for (int k = 0; k <= ITERS; k++)
        words[k] = (k & 1) ? -k : k * 1000;
    for (int k = 0; k < ITERS; k++) {
        addrs[k] = (uintptr_t)&words[k + 1];
        sum += (uint64_t)(int64_t)words[k];
    }
    /* first pass: every address valid */
    uint64_t got = loop_ldrsw_reg(&pc);
    t_begin();
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("ldrsw_sxtw_hot");
    /* second pass: the unmapped page's first word, 4 bytes past the base */
    addrs[BAD_AT] = (uintptr_t)hole + 4 + 8;
    reset(LONGJMP);
    volatile int jumped = 0;
    if (sigsetjmp(jump, 1) == 0)
        loop_ldrsw_reg(&pc);
    else
        jumped = 1;
    t_begin();
    EXPECT(jumped && calls == 1, "jumped %d, handler ran %d times", jumped, (int)calls);
    EXPECT((uintptr_t)seen_info.si_addr == (uintptr_t)hole + 8, "si_addr %p, want %p", seen_info.si_addr,
           (void *)(hole + 8));
    EXPECT(seen_pc == pc, "frame pc %#llx, want the ldrsw's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    EXPECT(seen_x[2] == BAD_AT, "x2 %llu, want %d", (unsigned long long)seen_x[2], BAD_AT);
    EXPECT(seen_x[4] == (uint64_t)(int64_t)words[BAD_AT - 1], "x4 %#llx: the destination changed",
           (unsigned long long)seen_x[4]);
    t_end("ldrsw_sxtw_siglongjmp");
    /* and the loop still runs after the jump out of it */
    addrs[BAD_AT] = (uintptr_t)&words[BAD_AT + 1];
    got = loop_ldrsw_reg(&pc);
    t_begin();
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("ldrsw_after_siglongjmp");
    munmap(hole - 4096, 4096);
}

/* ---- LDRH (unsigned offset) over tagged addresses ----
 * x3 = addrs[k]; ldrh w4, [x3, #2]; sum += x4 */
static uint64_t loop_ldrh_tagged(uint64_t *pc)
{
    uint64_t sum = 0;
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n\t"
                     "mov x4, #0\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n"
                     "2:\tldrh w4, [x3, #2]\n\t"
                     "add %[sum], %[sum], x4\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     : [sum] "+r"(sum)
                     : [a] "r"(addrs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc)
                     : "x2", "x3", "x4", "x9", "cc", "memory");
    return sum;
}

static void case_tagged(void)
{
    static uint16_t halves[ITERS + 2];
    uint8_t *hole = page_before_hole();
    uint64_t sum = 0, pc = 0;
    for (int k = 0; k < ITERS + 2; k++)
        halves[k] = (uint16_t)(0xff00 + k * 7);
    for (int k = 0; k < ITERS; k++) {
        addrs[k] = (uintptr_t)&halves[k] | ((uint64_t)(k % 3) * 0x5a) << 56;
        sum += halves[k + 1];
    }
    uint64_t got = loop_ldrh_tagged(&pc);
    t_begin();
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("ldrh_tagged_hot");
    addrs[BAD_AT] = ((uintptr_t)hole + 0x40) | 0xb4ull << 56;
    reset(STEP);
    got = loop_ldrh_tagged(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_code == SEGV_MAPERR, "si_code %d, want SEGV_MAPERR", seen_info.si_code);
    EXPECT(seen_info.si_addr == (void *)(hole + 0x42), "si_addr %p, want %p (untagged)", seen_info.si_addr,
           (void *)(hole + 0x42));
    EXPECT(seen_pc == pc, "frame pc %#llx, want the ldrh's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    EXPECT(seen_x[4] == halves[BAD_AT], "x4 %#llx: the destination changed", (unsigned long long)seen_x[4]);
    EXPECT(got == sum - halves[BAD_AT + 1] + halves[BAD_AT], "sum %#llx", (unsigned long long)got);
    t_end("ldrh_tagged_fault");
    munmap(hole - 4096, 4096);
}

/* ---- LDAR over aligned addresses and one misaligned: SIGBUS ----
 * x3 = addrs[k]; ldar x4, [x3]; sum += x4 */
static uint64_t loop_ldar(uint64_t *pc)
{
    uint64_t sum = 0;
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n\t"
                     "mov x4, #0\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n"
                     "2:\tldar x4, [x3]\n\t"
                     "add %[sum], %[sum], x4\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     : [sum] "+r"(sum)
                     : [a] "r"(addrs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc)
                     : "x2", "x3", "x4", "x9", "cc", "memory");
    return sum;
}

static void case_ldar(void)
{
    uint64_t sum = 0, pc = 0;
    for (int k = 0; k < ITERS; k++) {
        addrs[k] = (uintptr_t)&data[k];
        sum += k == BAD_AT ? data[k - 1] : data[k];
    }
    addrs[BAD_AT] = (uintptr_t)&data[BAD_AT] + 4;
    reset(STEP);
    t_handle_info(SIGBUS, handler, 0);
    uint64_t got = loop_ldar(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_signo == SIGBUS, "si_signo %d, want SIGBUS", seen_info.si_signo);
    EXPECT(seen_info.si_code == BUS_ADRALN, "si_code %d, want BUS_ADRALN", seen_info.si_code);
    EXPECT((uintptr_t)seen_info.si_addr == addrs[BAD_AT], "si_addr %p, want %#llx", seen_info.si_addr,
           (unsigned long long)addrs[BAD_AT]);
    EXPECT(seen_pc == pc, "frame pc %#llx, want the ldar's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    EXPECT(seen_x[4] == data[BAD_AT - 1], "x4 %#llx: the destination changed", (unsigned long long)seen_x[4]);
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("ldar_misaligned_sigbus");
}

/* ---- STLR (halfword) to a read-only page, retried ----
 * x3 = addrs[k]; w4 = k + 5; stlrh w4, [x3] */
static void loop_stlrh(uint64_t *pc)
{
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n\t"
                     "add x4, x2, #5\n"
                     "2:\tstlrh w4, [x3]\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     :
                     : [a] "r"(addrs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc)
                     : "x2", "x3", "x4", "x9", "cc", "memory");
}

static void case_stlr(void)
{
    static uint16_t sink[ITERS];
    uint8_t *ro = map(PROT_READ);
    prot_page = ro;
    uint64_t pc = 0;
    for (int k = 0; k < ITERS; k++)
        addrs[k] = (uintptr_t)&sink[k];
    addrs[BAD_AT] = (uintptr_t)ro + 0x82;
    reset(MPROTECT_RW);
    loop_stlrh(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_code == SEGV_ACCERR, "si_code %d, want SEGV_ACCERR", seen_info.si_code);
    EXPECT((uintptr_t)seen_info.si_addr == addrs[BAD_AT], "si_addr %p, want %#llx", seen_info.si_addr,
           (unsigned long long)addrs[BAD_AT]);
    EXPECT(seen_pc == pc, "frame pc %#llx, want the stlrh's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    int bad = -1;
    for (int k = 0; k < ITERS && bad < 0; k++)
        if (*(const uint16_t *)(uintptr_t)addrs[k] != (uint16_t)(k + 5))
            bad = k;
    EXPECT(bad < 0, "iteration %d: stored value wrong", bad);
    t_end("stlrh_readonly_retry");
    munmap(ro, 4096);
}

/* ---- a second access off a base the first one confined ----
 * x3 = addrs[k]; ldr x4, [x3]; ldr x5, [x3, #off]; sum += x4 + x5. pvm's
 * translator checks the first access's bounds and leaves the second's
 * out (translator/emit_ldst.c), so these cases make sure of what that
 * second access still does: fault at its own address with the state of
 * its own instruction, and read right after a tagged base (the first
 * access's slow path). */
static uint64_t loop_ldr_confined(uint64_t *pc, uint64_t off)
{
    uint64_t sum = 0;
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n\t"
                     "mov x5, #0\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n\t"
                     "ldr x4, [x3]\n\t"
                     "cmp %[off], #24\n\t"
                     "b.eq 3f\n"
                     "2:\tldr x5, [x3, #8]\n\t"
                     "b 4f\n"
                     "3:\tldr x5, [x3, #24]\n"
                     "4:\tadd %[sum], %[sum], x4\n\t"
                     "add %[sum], %[sum], x5\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     : [sum] "+r"(sum)
                     : [a] "r"(addrs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc), [off] "r"(off)
                     : "x2", "x3", "x4", "x5", "x9", "cc", "memory");
    return sum;
}

static void case_confined(void)
{
    uint8_t *hole = page_before_hole();
    uint64_t sum = 0, pc = 0;
    /* tagged bases: the first load's slow path, the second load after it */
    for (int k = 0; k < ITERS; k++) {
        addrs[k] = (uintptr_t)&data[k] | ((uint64_t)(k % 5 == 3) * 0x3c) << 56;
        sum += data[k] + data[k + 1];
    }
    uint64_t got = loop_ldr_confined(&pc, 8);
    t_begin();
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("ldr_confined_tagged");
    /* the second load's page unmapped: x3 is the mapped page's last word */
    for (int k = 0; k < ITERS; k++)
        addrs[k] = (uintptr_t)&data[k];
    uint64_t *last = (uint64_t *)(hole - 8);
    *last = 0x77;
    addrs[BAD_AT] = (uintptr_t)last;
    sum -= data[BAD_AT] + data[BAD_AT + 1];
    sum += 0x77 + data[BAD_AT - 1 + 1]; /* the stepped-over load keeps x5 */
    reset(STEP);
    got = loop_ldr_confined(&pc, 8);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_code == SEGV_MAPERR, "si_code %d, want SEGV_MAPERR", seen_info.si_code);
    EXPECT(seen_info.si_addr == (void *)hole, "si_addr %p, want %p", seen_info.si_addr, (void *)hole);
    EXPECT(seen_pc == pc, "frame pc %#llx, want the second load's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    EXPECT(seen_x[4] == 0x77, "x4 %#llx, want the first load's 0x77", (unsigned long long)seen_x[4]);
    EXPECT(seen_x[5] == data[BAD_AT], "x5 %#llx: the destination changed", (unsigned long long)seen_x[5]);
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("ldr_confined_unmapped");
    munmap(hole - 4096, 4096);
    /* the last page below 1 TiB (pvm's default guest region ends there,
     * so the second load reaches past the region's end): 2^40 unmapped */
    uint8_t *top = mmap((void *)((1ull << 40) - 4096), 4096, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (top == MAP_FAILED) {
        /* a smaller address space (pvm -R, ulimit -v): nothing to see */
        t_write("ok ldr_confined_region_end\n");
        return;
    }
    sum = 0;
    for (int k = 0; k < ITERS; k++) {
        addrs[k] = (uintptr_t)&data[k];
        sum += data[k] + data[k + 3];
    }
    uint64_t *near = (uint64_t *)(top + 4096 - 24);
    *near = 0x99;
    addrs[BAD_AT] = (uintptr_t)near;
    sum += 0x99 + data[BAD_AT - 1 + 3] - data[BAD_AT] - data[BAD_AT + 3];
    reset(STEP);
    uint64_t pc3 = 0;
    got = loop_ldr_confined(&pc3, 24);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_code == SEGV_MAPERR, "si_code %d, want SEGV_MAPERR", seen_info.si_code);
    EXPECT((uintptr_t)seen_info.si_addr == 1ull << 40, "si_addr %p, want 2^40", seen_info.si_addr);
    EXPECT(seen_pc == pc3 + 8, "frame pc %#llx, want the 24-byte load's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)(pc3 + 8));
    EXPECT(seen_x[5] == data[BAD_AT - 1 + 3], "x5 %#llx: the destination changed", (unsigned long long)seen_x[5]);
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("ldr_confined_region_end");
    munmap(top, 4096);
}

/* ---- a load between a compare and its use ----
 * x3 = addrs[k]; cmp x2, #500 (or tst x2, #4); ldr x4, [x3]; csel on the
 * flags; a fault of the load reports the compare's NZCV in the frame
 * (pvm's translator puts the flags aside around the load's bounds check
 * and makes NZCV from them at the fault) */
static uint64_t loop_flags_cmp(uint64_t *pc)
{
    uint64_t sum = 0;
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n\t"
                     "mov x4, #0\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n\t"
                     "cmp x2, #500\n"
                     "2:\tldr x4, [x3]\n\t"
                     "csel x5, x4, xzr, hs\n\t"
                     "add %[sum], %[sum], x5\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     : [sum] "+r"(sum)
                     : [a] "r"(addrs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc)
                     : "x2", "x3", "x4", "x5", "x9", "cc", "memory");
    return sum;
}

static uint64_t loop_flags_tst(uint64_t *pc)
{
    uint64_t sum = 0;
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n\t"
                     "mov x4, #0\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n\t"
                     "tst x2, #4\n"
                     "2:\tldr x4, [x3]\n\t"
                     "csel x5, x4, xzr, ne\n\t"
                     "add %[sum], %[sum], x5\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     : [sum] "+r"(sum)
                     : [a] "r"(addrs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc)
                     : "x2", "x3", "x4", "x5", "x9", "cc", "memory");
    return sum;
}

static void case_flags(void)
{
    uint8_t *hole = page_before_hole();
    uint64_t pc = 0, sum = 0, want;
    for (int k = 0; k < ITERS; k++) {
        addrs[k] = (uintptr_t)&data[k];
        sum += k >= 500 ? data[k] : 0;
    }
    want = sum;
    addrs[BAD_AT] = (uintptr_t)hole;
    sum += data[BAD_AT - 1] - data[BAD_AT]; /* the stepped-over load keeps x4 */
    reset(STEP);
    uint64_t got = loop_flags_cmp(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT((uintptr_t)seen_info.si_addr == (uintptr_t)hole, "si_addr %p, want %p", seen_info.si_addr, (void *)hole);
    EXPECT(seen_pc == pc, "frame pc %#llx, want the load's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    /* 700 - 500: N=0 Z=0 C=1 V=0 */
    EXPECT((seen_pstate >> 28 & 15) == 2, "NZCV %#llx, want C alone (cmp 700, 500)",
           (unsigned long long)(seen_pstate >> 28 & 15));
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("ldr_between_cmp_and_csel");
    (void)want;
    sum = 0;
    for (int k = 0; k < ITERS; k++)
        sum += (k & 4) ? (k == BAD_AT ? data[BAD_AT - 1] : data[k]) : 0;
    reset(STEP);
    got = loop_flags_tst(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_pc == pc, "frame pc %#llx, want the load's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    /* 700 & 4 = 4: N=0 Z=0 C=0 V=0; the frame before it (699) too */
    EXPECT((seen_pstate >> 28 & 15) == 0, "NZCV %#llx, want 0 (tst 700, #4)",
           (unsigned long long)(seen_pstate >> 28 & 15));
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("ldr_between_tst_and_csel");
    munmap(hole - 4096, 4096);
}

/* the same with the load off a base an earlier load confined (no bounds
 * check: the compare's flags stay in the x86 flags across it, and the
 * fault reads them from its context) */
static uint64_t loop_flags_live(uint64_t *pc)
{
    uint64_t sum = 0;
    __asm__ volatile("adr x9, 2f\n\t"
                     "str x9, [%[pc]]\n\t"
                     "mov x2, #0\n\t"
                     "mov x4, #0\n"
                     "1:\tldr x3, [%[a], x2, lsl #3]\n\t"
                     "ldr x6, [x3]\n\t"
                     "cmp x2, #500\n"
                     "2:\tldr x4, [x3, #8]\n\t"
                     "csel x5, x4, xzr, hs\n\t"
                     "add %[sum], %[sum], x5\n\t"
                     "add %[sum], %[sum], x6\n\t"
                     "add x2, x2, #1\n\t"
                     "cmp x2, %[n]\n\t"
                     "b.lo 1b\n"
                     : [sum] "+r"(sum)
                     : [a] "r"(addrs), [n] "r"((uint64_t)ITERS), [pc] "r"(pc)
                     : "x2", "x3", "x4", "x5", "x6", "x9", "cc", "memory");
    return sum;
}

static void case_flags_live(void)
{
    uint8_t *hole = page_before_hole();
    uint64_t pc = 0, sum = 0;
    uint64_t *last = (uint64_t *)(hole - 8);
    *last = 0x55;
    for (int k = 0; k < ITERS; k++) {
        addrs[k] = (uintptr_t)&data[k];
        if (k == BAD_AT)
            sum += 0x55 + data[BAD_AT]; /* x4 kept from k - 1: data[k] */
        else
            sum += data[k] + (k >= 500 ? data[k + 1] : 0);
    }
    addrs[BAD_AT] = (uintptr_t)last;
    reset(STEP);
    uint64_t got = loop_flags_live(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_addr == (void *)hole, "si_addr %p, want %p", seen_info.si_addr, (void *)hole);
    EXPECT(seen_pc == pc, "frame pc %#llx, want the load's %#llx", (unsigned long long)seen_pc,
           (unsigned long long)pc);
    EXPECT((seen_pstate >> 28 & 15) == 2, "NZCV %#llx, want C alone (cmp 700, 500)",
           (unsigned long long)(seen_pstate >> 28 & 15));
    EXPECT(got == sum, "sum %#llx, want %#llx", (unsigned long long)got, (unsigned long long)sum);
    t_end("confined_ldr_between_cmp_and_csel");
    munmap(hole - 4096, 4096);
}

int main(void)
{
    t_handle_info(SIGSEGV, handler, 0);
    fill_data();
    case_ldr_post();
    case_str_pre();
    case_ldp_pre();
    case_stp_post();
    case_ldrsw_reg();
    case_tagged();
    case_ldar();
    case_stlr();
    case_confined();
    case_flags();
    case_flags_live();
    return 0;
}

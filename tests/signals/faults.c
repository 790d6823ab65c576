/* Synchronous faults delivered to handlers, with the arm64 kernel's
 * siginfo and frame: SIGSEGV for a load from an unmapped page (SEGV_MAPERR,
 * si_addr the exact address, sigcontext.fault_address the same, an
 * esr_context record with magic 0x45535201: a data abort from EL0), for a
 * store to a read-only page (SEGV_ACCERR; the handler mprotects the page
 * and returns, the store is retried and succeeds), for a jump into a
 * non-executable page; siglongjmp out of a SIGSEGV handler (mask restored);
 * SIGILL from `udf #0` (ILL_ILLOPC, si_addr = pc of the udf); SIGTRAP from
 * `brk #0` (TRAP_BRKPT, si_addr = pc); SIGBUS BUS_ADRALN from a misaligned
 * `ldxr`; kill(getpid(), SIGSEGV) is an ordinary signal (SI_USER); a fault
 * while SIGSEGV is blocked or ignored, or inside the SIGSEGV handler, kills
 * the process by SIGSEGV (force_sig_fault unblocks it and resets it to
 * SIG_DFL), seen from a parent. The pc in the frame of a fault is the
 * faulting instruction's (the handler steps over it by adding 4). */
#include "sigtest.h"

#include <setjmp.h>
#include <sys/mman.h>

#define ESR_EC(esr) ((uint32_t)((esr) >> 26) & 0x3f)
#define ESR_EC_DABT_LOW 0x24
#define ESR_WNR (1u << 6)

enum recover { NONE, STEP, MPROTECT_RW, LONGJMP };
static volatile enum recover recover;
static volatile sig_atomic_t calls;
static siginfo_t seen_info;
static ucontext_t seen_uc;
static sigjmp_buf jump;
static void *volatile prot_page;

static void handler(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    ucontext_t *uc = ucv;
    calls++;
    seen_info = *si;
    seen_uc = *uc;
    switch (recover) {
    case NONE:
        break;
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
    memset(&seen_uc, 0, sizeof seen_uc);
}

/* the faulting instructions, each storing its own address first */
static uint64_t load_at(uintptr_t addr, uint64_t *pc)
{
    uint64_t v = 0;
    __asm__ volatile("adr x9, 1f\n\t"
                     "str x9, [%2]\n"
                     "1:\tldr %0, [%1]\n"
                     : "+&r"(v)
                     : "r"(addr), "r"(pc)
                     : "x9", "memory");
    return v;
}

static void store_at(uintptr_t addr, uint64_t val, uint64_t *pc)
{
    __asm__ volatile("adr x9, 1f\n\t"
                     "str x9, [%2]\n"
                     "1:\tstr %1, [%0]\n"
                     :
                     : "r"(addr), "r"(val), "r"(pc)
                     : "x9", "memory");
}

static void udf_at(uint64_t *pc)
{
    __asm__ volatile("adr x9, 1f\n\t"
                     "str x9, [%0]\n"
                     "1:\tudf #0\n"
                     :
                     : "r"(pc)
                     : "x9", "memory");
}

static void brk_at(uint64_t *pc)
{
    __asm__ volatile("adr x9, 1f\n\t"
                     "str x9, [%0]\n"
                     "1:\tbrk #0\n"
                     :
                     : "r"(pc)
                     : "x9", "memory");
}

static void ldxr_at(uintptr_t addr, uint64_t *pc)
{
    __asm__ volatile("adr x9, 1f\n\t"
                     "str x9, [%1]\n"
                     "1:\tldxr x10, [%0]\n\t"
                     "clrex\n"
                     :
                     : "r"(addr), "r"(pc)
                     : "x9", "x10", "memory");
}

static uintptr_t unmapped_page(void)
{
    void *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    munmap(p, 4096);
    return (uintptr_t)p;
}

/* children for the cases that must kill */
static void segv_exit3(int sig)
{
    (void)sig;
    _exit(3);
}

static int fault_blocked_child(void)
{
    t_handle(SIGSEGV, segv_exit3, 0);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGSEGV);
    sigprocmask(SIG_BLOCK, &s, NULL);
    uint64_t pc;
    load_at(unmapped_page() + 8, &pc);
    return 4;
}

static int fault_ignored_child(void)
{
    signal(SIGSEGV, SIG_IGN);
    uint64_t pc;
    load_at(unmapped_page() + 8, &pc);
    return 4;
}

static void segv_refault(int sig)
{
    (void)sig;
    uint64_t pc;
    load_at(unmapped_page() + 16, &pc); /* SIGSEGV is blocked in here */
    _exit(3);
}

static int fault_in_handler_child(void)
{
    t_handle(SIGSEGV, segv_refault, 0);
    uint64_t pc;
    load_at(unmapped_page() + 8, &pc);
    return 4;
}

int main(void)
{
    uint64_t pc = 0;
    t_handle_info(SIGSEGV, handler, 0);
    t_handle_info(SIGILL, handler, 0);
    t_handle_info(SIGTRAP, handler, 0);
    t_handle_info(SIGBUS, handler, 0);

    /* load from an unmapped page */
    uintptr_t bad = unmapped_page() + 0x18;
    reset(STEP);
    load_at(bad, &pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_signo == SIGSEGV, "si_signo %d", seen_info.si_signo);
    EXPECT(seen_info.si_code == SEGV_MAPERR, "si_code %d, want SEGV_MAPERR (1)", seen_info.si_code);
    EXPECT((uintptr_t)seen_info.si_addr == bad, "si_addr %p, want %#lx", seen_info.si_addr, (unsigned long)bad);
    EXPECT(seen_uc.uc_mcontext.pc == pc, "frame pc %#llx, want the load's %#llx",
           (unsigned long long)seen_uc.uc_mcontext.pc, (unsigned long long)pc);
    t_end("segv_maperr");
    t_begin();
    EXPECT(seen_uc.uc_mcontext.fault_address == bad, "fault_address %#llx, want %#lx",
           (unsigned long long)seen_uc.uc_mcontext.fault_address, (unsigned long)bad);
    t_end("segv_fault_address");
    /* the kernel adds an esr_context to the frame of every fault that set
     * thread.fault_code (arch/arm64/kernel/signal.c setup_sigframe_layout:
     * "if (add_all || current->thread.fault_code)"); for an EL0 address
     * the ESR is not sanitised (arch/arm64/mm/fault.c set_thread_esr);
     * qemu-aarch64 writes no such record */
    t_begin();
    {
        const struct esr_context *e = (const struct esr_context *)t_record(&seen_uc, ESR_MAGIC);
        EXPECT(e != NULL, "no esr_context record in the frame");
        if (e) {
            EXPECT(e->head.size == sizeof *e, "esr record size %u, want %zu", e->head.size, sizeof *e);
            EXPECT(ESR_EC(e->esr) == ESR_EC_DABT_LOW, "esr %#llx: EC not a data abort from EL0",
                   (unsigned long long)e->esr);
            EXPECT(!(e->esr & ESR_WNR), "esr %#llx: WnR set for a load", (unsigned long long)e->esr);
        }
    }
    t_end("segv_esr_record");

    /* store to a read-only page: ACCERR, then mprotect in the handler and
     * the store is retried */
    prot_page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uintptr_t ro = (uintptr_t)prot_page + 0x40;
    reset(MPROTECT_RW);
    store_at(ro, 0xabcdef, &pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_code == SEGV_ACCERR, "si_code %d, want SEGV_ACCERR (2)", seen_info.si_code);
    EXPECT((uintptr_t)seen_info.si_addr == ro, "si_addr %p, want %#lx", seen_info.si_addr, (unsigned long)ro);
    EXPECT(seen_uc.uc_mcontext.pc == pc, "frame pc %#llx, want the store's %#llx",
           (unsigned long long)seen_uc.uc_mcontext.pc, (unsigned long long)pc);
    EXPECT(*(volatile uint64_t *)ro == 0xabcdef, "the retried store did not land");
    t_end("segv_accerr_retry");
    t_begin();
    {
        const struct esr_context *e = (const struct esr_context *)t_record(&seen_uc, ESR_MAGIC);
        EXPECT(e != NULL, "no esr_context record in the frame");
        EXPECT(!e || (e->esr & ESR_WNR), "esr %#llx: WnR clear for a store", e ? (unsigned long long)e->esr : 0ull);
    }
    t_end("segv_esr_write");

    /* a jump into a page without PROT_EXEC: the fault is at the target */
    {
        uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        code[0] = 0xd65f03c0; /* ret */
        mprotect(code, 4096, PROT_READ);
        /* nothing to step over: the handler jumps back out */
        reset(LONGJMP);
        t_begin();
        void (*fn)(void) = (void (*)(void))(uintptr_t)code;
        if (sigsetjmp(jump, 1) == 0)
            fn();
        EXPECT(calls == 1, "handler ran %d times", (int)calls);
        EXPECT(seen_info.si_code == SEGV_ACCERR, "si_code %d, want SEGV_ACCERR (2)", seen_info.si_code);
        EXPECT(seen_info.si_addr == (void *)code, "si_addr %p, want %p", seen_info.si_addr, (void *)code);
        EXPECT(seen_uc.uc_mcontext.pc == (uintptr_t)code, "frame pc %#llx, want %p",
               (unsigned long long)seen_uc.uc_mcontext.pc, (void *)code);
        t_end("segv_exec");
        munmap(code, 4096);
    }

    /* siglongjmp out of the handler, twice: the mask saved by sigsetjmp
     * (SIGSEGV unblocked) comes back, so the second fault is handled too */
    t_begin();
    for (volatile int round = 0; round < 2; round++) {
        reset(LONGJMP);
        volatile int jumped = 0;
        if (sigsetjmp(jump, 1) == 0)
            load_at(unmapped_page() + 0x18, &pc); /* fresh: mmaps since may have reused bad's page */
        else
            jumped = 1;
        EXPECT(jumped && calls == 1, "round %d: jumped %d calls %d", round, jumped, (int)calls);
        EXPECT(!t_is_blocked(SIGSEGV), "round %d: SIGSEGV blocked after siglongjmp", round);
    }
    t_end("segv_siglongjmp");

    /* udf: the kernel reports ILL_ILLOPC (arch/arm64/kernel/traps.c
     * do_el0_undef: force_signal_inject(SIGILL, ILL_ILLOPC, regs->pc, esr));
     * qemu-aarch64 reports ILL_ILLOPN */
    reset(STEP);
    udf_at(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_signo == SIGILL, "si_signo %d", seen_info.si_signo);
    EXPECT((uintptr_t)seen_info.si_addr == pc, "si_addr %p, want the udf's %#llx", seen_info.si_addr,
           (unsigned long long)pc);
    EXPECT(seen_uc.uc_mcontext.pc == pc, "frame pc %#llx, want %#llx", (unsigned long long)seen_uc.uc_mcontext.pc,
           (unsigned long long)pc);
    t_end("sigill_udf");
    t_begin();
    EXPECT(seen_info.si_code == ILL_ILLOPC, "si_code %d, want ILL_ILLOPC (1)", seen_info.si_code);
    t_end("sigill_udf_code");

    /* brk #0: TRAP_BRKPT at the brk */
    reset(STEP);
    brk_at(&pc);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_signo == SIGTRAP, "si_signo %d", seen_info.si_signo);
    EXPECT(seen_info.si_code == TRAP_BRKPT, "si_code %d, want TRAP_BRKPT (1)", seen_info.si_code);
    EXPECT((uintptr_t)seen_info.si_addr == pc, "si_addr %p, want the brk's %#llx", seen_info.si_addr,
           (unsigned long long)pc);
    EXPECT(seen_uc.uc_mcontext.pc == pc, "frame pc %#llx, want %#llx", (unsigned long long)seen_uc.uc_mcontext.pc,
           (unsigned long long)pc);
    t_end("sigtrap_brk");

    /* ldxr needs an aligned address: an alignment fault, BUS_ADRALN */
    {
        static uint64_t words[4] __attribute__((aligned(16)));
        uintptr_t mis = (uintptr_t)words + 1;
        reset(STEP);
        ldxr_at(mis, &pc);
        t_begin();
        EXPECT(calls == 1, "handler ran %d times", (int)calls);
        EXPECT(seen_info.si_signo == SIGBUS, "si_signo %d, want SIGBUS", seen_info.si_signo);
        EXPECT(seen_info.si_code == BUS_ADRALN, "si_code %d, want BUS_ADRALN (1)", seen_info.si_code);
        EXPECT((uintptr_t)seen_info.si_addr == mis, "si_addr %p, want %#lx", seen_info.si_addr, (unsigned long)mis);
        EXPECT(seen_uc.uc_mcontext.pc == pc, "frame pc %#llx, want %#llx",
               (unsigned long long)seen_uc.uc_mcontext.pc, (unsigned long long)pc);
        t_end("sigbus_adraln");
    }

    /* kill(getpid(), SIGSEGV) is a plain signal: SI_USER, no refault */
    reset(NONE);
    t_begin();
    kill(getpid(), SIGSEGV);
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(seen_info.si_code == SI_USER, "si_code %d, want SI_USER (0)", seen_info.si_code);
    EXPECT(seen_info.si_pid == getpid(), "si_pid %d", (int)seen_info.si_pid);
    t_end("kill_segv_si_user");

    /* forced faults kill, seen from a parent */
    int st;
    t_begin();
    st = t_child(fault_blocked_child);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child %s, want killed by SIGSEGV (exit 3: the blocked handler "
           "ran)", t_status(st));
    t_end("segv_blocked_kills");
    t_begin();
    st = t_child(fault_ignored_child);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child %s, want killed by SIGSEGV", t_status(st));
    t_end("segv_ignored_kills");
    t_begin();
    st = t_child(fault_in_handler_child);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV, "child %s, want killed by SIGSEGV (exit 3: the nested fault "
           "was handled)", t_status(st));
    t_end("segv_in_handler_kills");
    return 0;
}

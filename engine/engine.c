/* The run loop. Guest faults (bounds-check failures and host SIGSEGV/SIGBUS
 * inside guest execution) unwind here through c->fault_jmp; the faulting pc
 * is c->cur->pc, or c->pc when the fault was an instruction fetch
 * (c->cur == NULL while a block is being decoded). */
#include "engine/engine.h"
#include "engine/stats.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/cpumodel.h"
#include "core/log.h"
#include "core/mem.h"
#include "interp/block.h"
#include "interp/decode.h"
#include "interp/interp.h"
#include "signals/core.h"
#include "signals/fault.h"
#include "syscalls/syscall.h"

void engine_die_by_signal(int sig)
{
    stats_dump();
    fflush(NULL);
    struct rlimit nocore = {0, 0};
    setrlimit(RLIMIT_CORE, &nocore);
    signal(sig, SIG_DFL);
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(SIG_UNBLOCK, &s, NULL);
    raise(sig);
    _exit(128 + sig);
}

void engine_exit(int status)
{
    stats_dump();
    fflush(NULL);
    _exit(status & 0xff);
}

static _Noreturn void engine_fault(struct cpu *c)
{
    uint64_t pc = c->cur ? c->cur->pc : c->pc;
    log_error("guest %s at address 0x%llx (pc 0x%llx)",
              c->fault_sig == SIGBUS ? "SIGBUS" : "SIGSEGV",
              (unsigned long long)c->fault_addr, (unsigned long long)pc);
    /* wt-core only, until signal delivery calls core_dump_write */
    c->pc = pc;
    core_dump_write(c, &(siginfo_t){.si_signo = c->fault_sig ? c->fault_sig : SIGSEGV,
                                    .si_code = c->fault_code,
                                    .si_addr = (void *)(uintptr_t)c->fault_addr});
    engine_die_by_signal(c->fault_sig ? c->fault_sig : SIGSEGV);
}

static _Noreturn void engine_undef(struct cpu *c)
{
    int feat = decode_word_feature(c->cur->raw);
    if (feat >= 0)
        log_error("A64 encoding 0x%08x at pc 0x%llx needs feature %s, which CPU model %s lacks "
                  "(guest SIGILL)", c->cur->raw, (unsigned long long)c->cur->pc,
                  cpumodel_feature_name((unsigned)feat), cpumodel_current()->name);
    else
        log_error("unimplemented A64 encoding 0x%08x at pc 0x%llx", c->cur->raw,
                  (unsigned long long)c->cur->pc);
    engine_die_by_signal(SIGILL);
}

void engine_run(struct cpu *c)
{
    fault_enter_guest(c);
    if (sigsetjmp(c->fault_jmp, 1))
        engine_fault(c);
    for (;;) {
        if (__builtin_expect(c->exit_request, 0))
            c->exit_request = 0; /* nothing asynchronous is delivered yet */
        c->cur = NULL;
        struct block *b = block_get(c, c->pc);
        b->count++;
        if (log_on(DBG_exec))
            log_printf("Trace: 0x%016llx\n", (unsigned long long)b->pc);
        enum xres r = interp_run(c, b);
        if (log_on(DBG_exec) && r != X_UNDEF)
            stats_count_block(b, c->cur);
        switch (r) {
        case X_NEXT:
        case X_BRANCH:
            break;
        case X_SVC:
            syscall_dispatch(c);
            block_cache_quiesce();
            break;
        case X_INVALIDATE:
            block_cache_quiesce();
            break;
        case X_UNDEF:
            engine_undef(c);
        }
    }
}

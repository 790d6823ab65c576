/* The run loop. Guest faults (bounds-check failures and host SIGSEGV/SIGBUS
 * inside guest execution) unwind here through c->fault_jmp; the faulting pc
 * is c->cur->pc, or c->pc when the fault was an instruction fetch
 * (c->cur == NULL while a block is being decoded). */
#include "engine/engine.h"
#include "engine/stats.h"

#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/cpumodel.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "interp/block.h"
#include "interp/decode.h"
#include "interp/interp.h"
#include "interp/insn.h"
#include "signals/signal.h"
#include "syscalls/syscall.h"
#include "translator/check.h"
#include "translator/jit.h"

void engine_die_by_signal(int sig) { sig_die_host(sig); }

void engine_exit(int status)
{
    stats_dump("exit");
    if (log_on(DBG_jit))
        jit_check_print_counts();
    fflush(NULL);
    _exit(status & 0xff);
}

/* An instruction without a meaning here: BRK is SIGTRAP TRAP_BRKPT, the rest
 * (UDF, HLT, unallocated encodings, features the CPU model lacks) SIGILL
 * ILL_ILLOPC, both with si_addr = pc. The kernel records the ESR of an
 * undefined instruction (EC 0, IL) for the frame; a BRK leaves the thread's
 * last fault as it was. A SIGILL or SIGTRAP that kills says why on pvm's
 * stderr, as a fault does. */
static void engine_undef(struct cpu *c)
{
    uint64_t pc = c->cur->pc;
    c->pc = pc;
    if (c->cur->op == OP_BRK) {
        if (sig_sync_is_fatal(c, SIGTRAP) && !opt.secure)
            log_error("guest SIGTRAP at address 0x%llx (pc 0x%llx)", (unsigned long long)pc,
                      (unsigned long long)pc);
        sig_raise_sync(c, SIGTRAP, TRAP_BRKPT, pc);
        return;
    }
    /* with elevated credentials nothing of the guest's code or addresses
     * is shown (opt.secure: the program may be execute-only) */
    if (sig_sync_is_fatal(c, SIGILL) && !opt.secure) {
        int feat = decode_word_feature(c->cur->raw);
        if (feat >= 0)
            log_error("A64 encoding 0x%08x at pc 0x%llx needs feature %s, which CPU model %s lacks "
                      "(guest SIGILL)", c->cur->raw, (unsigned long long)pc,
                      cpumodel_feature_name((unsigned)feat), cpumodel_current()->name);
        else
            log_error("unimplemented A64 encoding 0x%08x at pc 0x%llx", c->cur->raw,
                      (unsigned long long)pc);
    }
    c->sig.fault_address = 0;
    c->sig.fault_esr = 1u << 25;
    sig_raise_sync(c, SIGILL, ILL_ILLOPC, pc);
}

/* what a system call asked of the engine (c->proc.req) */
static void engine_request(struct cpu *c)
{
    enum task_req r = c->proc.req;
    c->proc.req = TASK_REQ_NONE;
    switch (r) {
    case TASK_REQ_EXIT: engine_thread_exit(c, c->proc.req_status);
    case TASK_REQ_EXIT_GROUP: engine_exit_group(c->proc.req_status);
    case TASK_REQ_NONE: break;
    }
}

/* before pvm dies by a signal: the statistics, and every thread's robust
 * list walked (the kernel does that for a killed process too) */
static void engine_death_hook(void)
{
    stats_dump("signal");
    if (log_on(DBG_jit))
        jit_check_print_counts();
    engine_walk_robust_lists();
}

static pthread_once_t engine_hook_once = PTHREAD_ONCE_INIT;

static void engine_hook_set(void)
{
    sig_exit_hook = engine_death_hook;
    jit_check_init();
}

void engine_run(struct cpu *c)
{
    sig_thread_attach(c);
    /* once per process (a fork child inherits it): every thread's engine_run
     * storing it again would race with the others' */
    pthread_once(&engine_hook_once, engine_hook_set);
    if (c->proc.vfork_child)
        stats_vfork_start(c);
    /* no mask in the jump buffer: a fault resumes with the mask of the
     * moment it happened (the host handler returned normally first) */
    if (sigsetjmp(c->fault_jmp, 0)) {
        c->in_guest = 0;
        sig_fault(c);
    }
    for (;;) {
        if (__builtin_expect(c->exit_request, 0)) {
            c->exit_request = 0;
            sig_deliver(c);
        }
        /* a block boundary: this thread holds no block (epoch reclamation) */
        block_cache_quiesce();
        c->cur = NULL;
        c->in_guest = 1;
        struct block *b = block_get(c, c->pc);
        if (log_on(DBG_exec))
            log_printf("Trace: 0x%016llx\n", (unsigned long long)b->pc);
        enum xres r;
        struct jit_tb *t = jit_of(b);
        if (!t) {
            /* tiering: the threshold-th run is the first translated one */
            block_count_exec(b);
            if (jit_enabled && block_count_read(b) >= opt.jit_threshold)
                t = jit_translate(c, b);
        }
        if (t) {
            if (!log_on(DBG_STATS))
                jit_note_entry(t);
            /* --check-jit: the run is checked against the interpreter's
             * and never chained (jr.exit NULL) */
            struct jit_ret jr = jit_check_on() ? jit_check_run(c, t) : jit_run(c, t);
            c->in_guest = 0;
            r = (enum xres)jr.r;
            /* chaining: an unlinked direct exit whose target is translated
             * is linked now (never under -d exec/profile, which count
             * every block the engine enters) */
            if (jr.exit && !log_on(DBG_STATS)) {
                struct block *nb = block_find(c->pc);
                struct jit_tb *nt = nb ? jit_of(nb) : NULL;
                if (nt)
                    jit_link(jr.exit, nt);
            }
            if (log_on(DBG_STATS) && r != X_UNDEF)
                stats_count_block(c, b, r == X_BRANCH || r == X_SVC ? &b->insns[b->n - 1] : c->cur);
        } else {
            r = interp_run(c, b);
            c->in_guest = 0;
            if (log_on(DBG_STATS) && r != X_UNDEF)
                stats_count_block(c, b, c->cur);
        }
        switch (r) {
        case X_NEXT:
        case X_BRANCH:
            break;
        case X_SVC:
            /* a thread in a system call holds back no block's reclamation */
            block_cache_idle_begin();
            if (log_on(DBG_STATS))
                stats_syscall(c);
            else
                syscall_dispatch(c);
            block_cache_idle_end();
            if (__builtin_expect(c->proc.req != TASK_REQ_NONE, 0))
                engine_request(c);
            sig_after_syscall(c);
            break;
        case X_INVALIDATE:
            break;
        case X_UNDEF:
            engine_undef(c);
        }
    }
}

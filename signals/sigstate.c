/* The calling thread's signal bookkeeping as the host handlers reach it: the
 * cpu of the guest thread the host thread runs (set by the engine), and the
 * flag the safe-syscall stub tests. */
#include "signals/safe_syscall.h"
#include "signals/signal.h"

static __thread struct cpu *sig_cur_cpu;
static volatile int sig_no_flag;

void sig_thread_attach(struct cpu *c) { sig_cur_cpu = c; }
struct cpu *sig_thread_cpu(void) { return sig_cur_cpu; }

volatile int *sig_taken_flag(void)
{
    struct cpu *c = sig_cur_cpu;
    return c ? &c->sig.taken : &sig_no_flag;
}

/* placeholders until delivery lands (signals/deliver.c replaces them) */
uint64_t sig_view_pending_thread(const struct cpu *c) { return 0; }
uint64_t sig_view_pending_shared(void) { return 0; }
uint64_t sig_view_blocked(const struct cpu *c) { return c ? c->sig.blocked : 0; }
uint64_t sig_view_ignored(void) { return 0; }
uint64_t sig_view_caught(void) { return 0; }

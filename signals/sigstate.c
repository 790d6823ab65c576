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
void sig_temp_mask_begin(struct cpu *c, uint64_t m)
{
    c->sig.saved = c->sig.blocked;
    c->sig.saved_active = 1;
    c->sig.blocked = m & ~(sig_bit_a64(SIGKILL) | sig_bit_a64(SIGSTOP));
}

void sig_temp_mask_end(struct cpu *c)
{
    if (!c->sig.saved_active || c->sig.taken)
        return;
    c->sig.blocked = c->sig.saved;
    c->sig.saved_active = 0;
}

/* Signal state bookkeeping: the process-wide dispositions, the host thread's
 * guest cpu (found by the host handlers), the temporary masks of the calls
 * that wait with one, and the views /proc shows. */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "signals/safe_syscall.h"
#include "signals/signal.h"
#include "signals/sigstate.h"

struct sig_process sigproc;
static pthread_mutex_t sig_actions_mutex = PTHREAD_MUTEX_INITIALIZER;

static __thread struct cpu *sig_cur_cpu;
static volatile int sig_no_flag;

void sig_thread_attach(struct cpu *c) { sig_cur_cpu = c; }
struct cpu *sig_thread_cpu(void) { return sig_cur_cpu; }

volatile int *sig_taken_flag(void)
{
    struct cpu *c = sig_cur_cpu;
    return c ? &c->sig.taken : &sig_no_flag;
}

/* the host kernel's struct for raw rt_sigaction (x86-64), to read only */
struct ksigaction_read {
    void *handler;
    unsigned long flags;
    void *restorer;
    uint64_t mask;
};

void sig_actions_lock(void) { pthread_mutex_lock(&sig_actions_mutex); }
void sig_actions_unlock(void) { pthread_mutex_unlock(&sig_actions_mutex); }

void sig_atfork(enum fork_phase ph)
{
    switch (ph) {
    case FORK_PREPARE: sig_actions_lock(); break;
    case FORK_PARENT:
    case FORK_CHILD: sig_actions_unlock(); break;
    }
}

struct sigaction_a64 *sig_action(int sig)
{
    uint64_t bit = sig_bit_a64(sig);
    if (!(sigproc.known & bit)) {
        sigproc.known |= bit;
        struct ksigaction_read k;
        if (syscall(SYS_rt_sigaction, sig, NULL, &k, 8) == 0 && k.handler == SIG_IGN)
            sigproc.actions[sig].handler = SIG_IGN_A64;
    }
    return &sigproc.actions[sig];
}

struct sigaction_a64 sig_action_get(int sig)
{
    sig_actions_lock();
    struct sigaction_a64 ka = *sig_action(sig);
    sig_actions_unlock();
    return ka;
}

void sig_host_apply_inherited(int sig)
{
    sig_actions_lock();
    sig_action(sig);
    sig_host_apply(sig);
    sig_actions_unlock();
}

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

static uint64_t sig_host_pending(void)
{
    uint64_t p = 0;
    syscall(SYS_rt_sigpending, &p, 8);
    return p;
}

/* The host kernel keeps every pending signal but the one pvm has taken for
 * the thread and the SIGSEGV/SIGBUS it holds; /proc's status adds these to
 * the host's own SigPnd (thread) line and shows its ShdPnd (process) line. */
uint64_t sig_view_pending_thread(const struct cpu *c)
{
    uint64_t p = 0;
    if (c) {
        p = c->sig.held;
        if (c->sig.taken)
            p |= sig_bit_a64(c->sig.taken_info.si_signo);
    }
    return p;
}
uint64_t sig_view_pending_shared(void) { return sig_host_pending(); }
uint64_t sig_view_blocked(const struct cpu *c) { return c ? c->sig.blocked : 0; }

uint64_t sig_view_ignored(void)
{
    uint64_t m = 0;
    sig_actions_lock();
    for (int s = 1; s <= NSIG_A64; s++)
        if (sig_action(s)->handler == SIG_IGN_A64)
            m |= sig_bit_a64(s);
    sig_actions_unlock();
    return m;
}

uint64_t sig_view_caught(void)
{
    uint64_t m = 0;
    sig_actions_lock();
    for (int s = 1; s <= NSIG_A64; s++) {
        uint64_t h = sig_action(s)->handler;
        if (h != SIG_IGN_A64 && h != SIG_DFL_A64)
            m |= sig_bit_a64(s);
    }
    sig_actions_unlock();
    return m;
}

/* ---- exec: what the host cannot carry for pvm's fault signals ---- */

bool sig_exec_env(const struct cpu *c, char *buf, size_t cap)
{
    uint64_t ign = 0;
    if (sig_action_get(SIGSEGV).handler == SIG_IGN_A64)
        ign |= sig_bit_a64(SIGSEGV);
    if (sig_action_get(SIGBUS).handler == SIG_IGN_A64)
        ign |= sig_bit_a64(SIGBUS);
    uint64_t blk = c->sig.blocked & sig_fault_bits();
    if (!ign && !blk)
        return false;
    snprintf(buf, cap, "%s=%llx:%llx", SIG_EXEC_ENV, (unsigned long long)ign,
             (unsigned long long)blk);
    return true;
}

void sig_exec_take_env(struct cpu *c, char **envp)
{
    size_t len = strlen(SIG_EXEC_ENV);
    char **out = envp;
    for (char **e = envp; e && *e; e++) {
        if (!strncmp(*e, SIG_EXEC_ENV, len) && (*e)[len] == '=') {
            unsigned long long ign = 0, blk = 0;
            if (sscanf(*e + len + 1, "%llx:%llx", &ign, &blk) == 2) {
                for (int s = SIGBUS; s <= SIGSEGV; s += SIGSEGV - SIGBUS)
                    if (ign & sig_bit_a64(s)) {
                        sig_actions_lock();
                        sig_action(s)->handler = SIG_IGN_A64;
                        sig_actions_unlock();
                    }
                c->sig.blocked |= blk & sig_fault_bits();
            }
            continue;
        }
        *out++ = *e;
    }
    if (out)
        *out = NULL;
}

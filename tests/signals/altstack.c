/* sigaltstack: an SA_ONSTACK handler runs on the alternate stack (the
 * address of one of its locals is inside it), sigaltstack() inside it
 * reports SS_ONSTACK, uc_stack holds the alternate stack as set (its
 * ss_flags are the flags given to sigaltstack: kernel/signal.c
 * __save_altstack stores sas_ss_flags); SS_AUTODISARM disables the stack
 * while the handler runs and rt_sigreturn re-arms it from uc_stack; a
 * nested SA_ONSTACK signal runs
 * below the first on the same stack; a handler without SA_ONSTACK stays on
 * the normal stack; changing the stack while on it is EPERM, a stack
 * smaller than MINSIGSTKSZ (5120 on arm64) ENOMEM; and a stack overflow
 * (unbounded recursion) is caught by a SIGSEGV handler on the alternate
 * stack, which leaves by siglongjmp. */
#include "sigtest.h"

#include <setjmp.h>

#ifndef SS_AUTODISARM /* linux/signal.h has it; glibc's headers do not */
#define SS_AUTODISARM (1u << 31)
#endif

#define ALT_SIZE (64 * 1024)
static unsigned char alt[ALT_SIZE] __attribute__((aligned(16)));

static volatile uintptr_t local_at, nested_at;
static volatile sig_atomic_t calls, ss_flags_inside, nested_calls, eperm_errno;
static stack_t uc_stack_seen;

static int on_alt(uintptr_t p) { return p >= (uintptr_t)alt && p < (uintptr_t)alt + ALT_SIZE; }

static void nested(int sig)
{
    (void)sig;
    volatile int here = 0;
    nested_at = (uintptr_t)&here;
    nested_calls++;
}

static void outer(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    ucontext_t *uc = ucv;
    volatile int here = 0;
    local_at = (uintptr_t)&here;
    calls++;
    stack_t cur;
    sigaltstack(NULL, &cur);
    ss_flags_inside = cur.ss_flags;
    uc_stack_seen = uc->uc_stack;
    /* replacing the stack while running on it: EPERM */
    stack_t other = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };
    errno = 0;
    eperm_errno = sigaltstack(&other, NULL) == -1 ? errno : 0;
    raise(SIGUSR2); /* SIGUSR2 is SA_ONSTACK too, and not blocked here */
}

/* only looks: for SS_AUTODISARM */
static void observer(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    volatile int here = 0;
    local_at = (uintptr_t)&here;
    calls++;
    stack_t cur;
    sigaltstack(NULL, &cur);
    ss_flags_inside = cur.ss_flags;
    uc_stack_seen = ((ucontext_t *)ucv)->uc_stack;
}

static void reset(void)
{
    local_at = nested_at = 0;
    calls = ss_flags_inside = nested_calls = eperm_errno = 0;
    memset(&uc_stack_seen, 0, sizeof uc_stack_seen);
}

/* stack overflow */
static sigjmp_buf back;
static volatile uintptr_t segv_local;
static volatile sig_atomic_t segv_code;

static void on_overflow(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    volatile int here = 0;
    segv_local = (uintptr_t)&here;
    segv_code = si->si_code;
    siglongjmp(back, 1);
}

static volatile unsigned long depth_reached, depth_limit = ~0ul;

static unsigned long __attribute__((noinline)) recurse(unsigned long n)
{
    volatile char pad[256];
    pad[0] = (char)n;
    depth_reached = n;
    if (n == depth_limit) /* never: only the fault ends it */
        return 0;
    return recurse(n + 1) + pad[0];
}

static int overflow_child(void)
{
    t_begin();
    stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 };
    sigaltstack(&ss, NULL);
    t_handle_info(SIGSEGV, on_overflow, SA_ONSTACK);
    if (sigsetjmp(back, 1) == 0) {
        recurse(0);
        t_note("recursion returned");
    }
    EXPECT(segv_local != 0, "no SIGSEGV handler ran");
    EXPECT(on_alt(segv_local), "handler local %#lx not on the alternate stack", (unsigned long)segv_local);
    EXPECT(depth_reached > 1000, "overflowed after only %lu frames", (unsigned long)depth_reached);
    EXPECT(segv_code == SEGV_MAPERR || segv_code == SEGV_ACCERR, "si_code %d", (int)segv_code);
    stack_t cur;
    sigaltstack(NULL, &cur);
    EXPECT(cur.ss_flags == 0, "ss_flags %d after siglongjmp off the stack, want 0", cur.ss_flags);
    t_end("stack_overflow");
    return 0;
}

int main(void)
{
    stack_t ss = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = 0 }, old;

    t_begin();
    EXPECT(sigaltstack(NULL, &old) == 0, "sigaltstack query: %s", strerror(errno));
    EXPECT(old.ss_flags == SS_DISABLE, "initial ss_flags %d, want SS_DISABLE", old.ss_flags);
    EXPECT(sigaltstack(&ss, NULL) == 0, "sigaltstack: %s", strerror(errno));
    stack_t now;
    sigaltstack(NULL, &now);
    EXPECT(now.ss_sp == alt && now.ss_size == ALT_SIZE && now.ss_flags == 0, "read back %p %zu %d", now.ss_sp,
           now.ss_size, now.ss_flags);
    t_end("sigaltstack_set");

    /* below the arm64 MINSIGSTKSZ, 5120 (arch/arm64/include/uapi/asm/
     * signal.h; kernel/signal.c sys_sigaltstack passes it to
     * do_sigaltstack, which answers ENOMEM); qemu-aarch64 checks against a
     * smaller minimum and accepts 4096 */
    t_begin();
    {
        stack_t small = { .ss_sp = alt, .ss_size = 4096, .ss_flags = 0 };
        errno = 0;
        EXPECT(sigaltstack(&small, NULL) == -1 && errno == ENOMEM, "a 4096-byte stack: errno %d, want ENOMEM", errno);
        sigaltstack(&ss, NULL);
    }
    t_end("sigaltstack_enomem");

    reset();
    t_handle_info(SIGUSR1, outer, SA_ONSTACK);
    t_handle(SIGUSR2, nested, SA_ONSTACK);
    raise(SIGUSR1);
    t_begin();
    EXPECT(calls == 1, "handler ran %d times", (int)calls);
    EXPECT(on_alt(local_at), "handler local %#lx not in the alternate stack [%p, +%d)", (unsigned long)local_at,
           (void *)alt, ALT_SIZE);
    EXPECT(ss_flags_inside == SS_ONSTACK, "ss_flags inside %d, want SS_ONSTACK", (int)ss_flags_inside);
    t_end("onstack");
    t_begin();
    EXPECT(uc_stack_seen.ss_sp == alt && uc_stack_seen.ss_size == ALT_SIZE, "uc_stack %p %zu",
           uc_stack_seen.ss_sp, uc_stack_seen.ss_size);
    EXPECT(uc_stack_seen.ss_flags == 0, "uc_stack.ss_flags %d, want 0 (interrupted code was not on it)",
           uc_stack_seen.ss_flags);
    t_end("onstack_uc_stack");
    t_begin();
    EXPECT(eperm_errno == EPERM, "sigaltstack on the active stack: errno %d, want EPERM", (int)eperm_errno);
    t_end("onstack_eperm");
    t_begin();
    EXPECT(nested_calls == 1, "nested handler ran %d times", (int)nested_calls);
    EXPECT(on_alt(nested_at) && nested_at < local_at, "nested local %#lx, want on the alternate stack below %#lx",
           (unsigned long)nested_at, (unsigned long)local_at);
    t_end("onstack_nested");
    t_begin();
    sigaltstack(NULL, &now);
    EXPECT(now.ss_flags == 0, "ss_flags %d after the handler, want 0", now.ss_flags);
    t_end("onstack_left");

    /* without SA_ONSTACK: the normal stack */
    reset();
    t_handle(SIGUSR2, nested, 0);
    raise(SIGUSR2);
    t_begin();
    volatile int main_local = 0;
    EXPECT(nested_calls == 1, "handler ran %d times", (int)nested_calls);
    EXPECT(!on_alt(nested_at), "handler without SA_ONSTACK ran on the alternate stack");
    EXPECT(nested_at < (uintptr_t)&main_local && (uintptr_t)&main_local - nested_at < 64 * 1024,
           "handler local %#lx not just below main's %p", (unsigned long)nested_at, (void *)&main_local);
    t_end("not_onstack");

    /* SS_DISABLE turns it off: SA_ONSTACK handlers use the normal stack */
    t_begin();
    stack_t off = { .ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE };
    EXPECT(sigaltstack(&off, NULL) == 0, "SS_DISABLE: %s", strerror(errno));
    reset();
    t_handle(SIGUSR2, nested, SA_ONSTACK);
    raise(SIGUSR2);
    EXPECT(nested_calls == 1 && !on_alt(nested_at), "calls %d, on the alternate stack %d", (int)nested_calls,
           on_alt(nested_at));
    t_end("disabled");

    /* SS_AUTODISARM (Linux 4.7): the handler sees the stack disarmed and
     * SS_AUTODISARM in uc_stack.ss_flags; after rt_sigreturn it is armed
     * again. qemu-aarch64 refuses the flag with EINVAL. */
    t_begin();
    {
        stack_t ad = { .ss_sp = alt, .ss_size = ALT_SIZE, .ss_flags = (int)SS_AUTODISARM };
        errno = 0;
        EXPECT(sigaltstack(&ad, NULL) == 0, "sigaltstack(SS_AUTODISARM): errno %d", errno);
        reset();
        t_handle_info(SIGUSR1, observer, SA_ONSTACK);
        raise(SIGUSR1);
        EXPECT(calls == 1 && on_alt(local_at), "handler ran %d times, on the alternate stack %d", (int)calls,
               on_alt(local_at));
        EXPECT(ss_flags_inside == SS_DISABLE, "ss_flags inside %d, want SS_DISABLE (disarmed)", (int)ss_flags_inside);
        EXPECT((unsigned)uc_stack_seen.ss_flags == SS_AUTODISARM && uc_stack_seen.ss_sp == alt,
               "uc_stack %p flags %#x, want the stack with SS_AUTODISARM", uc_stack_seen.ss_sp,
               (unsigned)uc_stack_seen.ss_flags);
        stack_t now;
        sigaltstack(NULL, &now);
        EXPECT(now.ss_sp == alt && now.ss_size == ALT_SIZE && (unsigned)now.ss_flags == SS_AUTODISARM,
               "after return %p %zu %#x, want re-armed", now.ss_sp, now.ss_size, (unsigned)now.ss_flags);
        sigaltstack(&off, NULL);
    }
    t_end("autodisarm");

    t_isolated("stack_overflow", overflow_child);
    return 0;
}

/* A program whose own end is the check (refault.expected: "signal
 * SIGSEGV"): its SIGSEGV handler, installed with SA_RESETHAND, returns
 * without repairing anything, so the faulting load runs again (the frame's
 * pc is the load's), faults again, meets SIG_DFL and kills the process by
 * SIGSEGV. The handler prints its line first; nothing after the load may
 * print. */
#include "sigtest.h"

#include <sys/mman.h>

static volatile sig_atomic_t calls;

static void handler(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)si;
    (void)uc;
    if (++calls == 1)
        t_write("ok handler_ran_once\n");
    else
        t_write("FAIL handler_ran_once: called %d times (SA_RESETHAND did not reset it)\n", (int)calls);
}

int main(void)
{
    void *p = mmap(NULL, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    t_handle_info(SIGSEGV, handler, SA_RESETHAND);
    volatile int v = *(volatile int *)p;
    t_write("FAIL handler_ran_once: the load completed (value %d) after %d handler calls\n", v, (int)calls);
    return 0;
}

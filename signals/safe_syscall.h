/* Host system calls that may block, made so that a signal for the guest is
 * never lost between pvm's last look at its pending flag and the kernel
 * starting to wait (see safe_syscall.S). Every system call that can block
 * indefinitely goes through sig_hsys(); its result is the kernel's: a value,
 * -errno, or -ERESTARTNOINTR_K when a signal came first (the call did not
 * happen). -EINTR means the call was interrupted for a guest signal; the
 * dispatcher turns both into the kernel's restart semantics. */
#ifndef PVM_SIGNALS_SAFE_SYSCALL_H
#define PVM_SIGNALS_SAFE_SYSCALL_H

#include <stdint.h>

/* the kernel's internal restart codes (never seen by a guest) */
#define ERESTARTSYS_K 512
#define ERESTARTNOINTR_K 513
#define ERESTARTNOHAND_K 514
#define ERESTART_RESTARTBLOCK_K 516

long pvm_safe_syscall(volatile int *flag, long nr, long a1, long a2, long a3, long a4, long a5,
                      long a6);
extern const char pvm_safe_syscall_start[], pvm_safe_syscall_end[], pvm_safe_syscall_restart[];

/* the calling thread's "signal taken" flag (a dummy while no guest runs) */
volatile int *sig_taken_flag(void);

static inline long sig_hsys(long nr, long a1, long a2, long a3, long a4, long a5, long a6)
{
    return pvm_safe_syscall(sig_taken_flag(), nr, a1, a2, a3, a4, a5, a6);
}

#endif

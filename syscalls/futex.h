/* Futexes (syscalls/futex.c): futex(2) and futex_waitv(2) run on the host
 * kernel at the words' host addresses, and the robust-list walk a guest
 * thread's exit needs, which the host kernel cannot do (the list is made of
 * guest pointers, and pvm never gives it to the host). */
#ifndef PVM_SYSCALLS_FUTEX_H
#define PVM_SYSCALLS_FUTEX_H

#include "core/cpu.h"

/* What the kernel's exit_robust_list does when a thread ends: walks the
 * robust list c registered (set_robust_list: c->proc.robust_head) and, for
 * every futex word in it that holds c->tid, sets FUTEX_OWNER_DIED (keeping
 * FUTEX_WAITERS) and wakes one waiter of a non-PI word that had waiters;
 * then the pending entry (list_op_pending). Stops silently at anything it
 * cannot read, after ROBUST_LIST_LIMIT entries, or at a word it cannot
 * write. The list is forgotten afterwards (a second call does nothing). The
 * engine calls it from a thread's exit and, for every live thread, at
 * exit_group and at a fatal signal; c need not be the calling thread. */
void futex_robust_exit(struct cpu *c);

#endif

/* The process's live guest threads: one struct cpu each, in a list guarded
 * by one mutex. The engine adds a thread before its first instruction and
 * removes it after its last; /proc (task/, Threads:), exit_group's robust
 * list walks and tid lookups read it. After fork only the calling thread
 * exists in the child: threads_after_fork makes the list that one. */
#ifndef PVM_CORE_THREADS_H
#define PVM_CORE_THREADS_H

#include <stdbool.h>

#include "core/cpu.h"

void threads_add(struct cpu *c);
/* returns how many threads remain */
int threads_remove(struct cpu *c);
int threads_count(void);
/* *dst = *src with dst's links cleared (dst in no list): a new thread's
 * cpu from its parent's. Under the lock, since the removal of a neighbour
 * writes src's links. */
void threads_copy_cpu(struct cpu *dst, const struct cpu *src);
/* whether c is in the list (under the lock: its neighbours' removals write
 * its links) */
bool threads_listed(const struct cpu *c);
/* calls fn for every live thread, under the list's lock (fn must not call
 * back into this module) */
void threads_foreach(void (*fn)(struct cpu *c, void *ctx), void *ctx);
/* fork child: the list is self alone and the lock is fresh */
void threads_after_fork(struct cpu *self);

#endif

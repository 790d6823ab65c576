/* pvm's own heap for its many small, long-lived records (predecoded blocks,
 * translation records): core/arena.c. The calls are malloc's, and a chunk
 * from arena_alloc goes back with arena_free only. */
#ifndef PVM_CORE_ARENA_H
#define PVM_CORE_ARENA_H

#include <stddef.h>

#include "core/process.h"

/* n bytes, 16-byte aligned; NULL when neither the arena nor malloc has room */
void *arena_alloc(size_t n);
/* p from arena_alloc, or NULL */
void arena_free(void *p);

/* transparent huge pages asked for [p, p + size) past its first 2 MiB
 * (rounded up to a huge page), unless `--jit-off hugepages`: the arena's
 * reservation and the code cache, so a program with much of either takes
 * a fault per 2 MiB and a small one keeps base pages */
void arena_hint_huge(void *p, size_t size);

/* the arena's lock around a fork (syscalls/proc_clone.c) */
void arena_atfork(enum fork_phase phase);

/* how much of the reservation is in use (tests) */
size_t arena_used(void);

#endif

/* pvm's own heap for its many small, long-lived records (predecoded blocks,
 * translation records): core/arena.c. The calls are malloc's, and a chunk
 * from arena_alloc goes back with arena_free only. */
#ifndef PVM_CORE_ARENA_H
#define PVM_CORE_ARENA_H

#include <stddef.h>

#include "core/process.h"

/* n bytes, 16-byte aligned; NULL when neither the arena nor malloc has room */
void *arena_alloc(size_t n);
/* the same, zeroed */
void *arena_calloc(size_t n);
/* p from arena_alloc or arena_calloc, or NULL */
void arena_free(void *p);

/* the arena's lock around a fork (syscalls/proc_clone.c) */
void arena_atfork(enum fork_phase phase);

/* how much of the reservation is in use (tests) */
size_t arena_used(void);

#endif

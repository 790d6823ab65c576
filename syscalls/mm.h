/* What syscalls/mm.c shares with the other callers that change guest
 * mappings (System V shared memory, syscalls/ipc_shm.c): the range
 * re-reservation and the repair after a failed host call, with mm.c's
 * invariants (no hole in the region, page flags and decoded code kept
 * right, the host mapping budget). All of them run under the mm lock
 * (core/mem.h). */
#ifndef PVM_SYSCALLS_MM_H
#define PVM_SYSCALLS_MM_H

#include <stdbool.h>
#include <stdint.h>

/* the kernel's default vm.mmap_min_addr: no hint or fixed mapping below it */
#define MM_MIN_ADDR 0x10000ull

/* Gives [ga, ga+len) back to the reservation (PROT_NONE, flags 0, decoded
 * code invalidated): 0, -ENOMEM (the host mapping budget is spent; nothing
 * changed) or the host's errno (then only what the host lost is unmapped
 * for the guest). */
int mm_reserve(uint64_t ga, uint64_t len);

/* After a failed host call over [ga, ga+len) that may have removed pages:
 * re-reserves whatever the host lost (all of it when was_free). */
void mm_repair(uint64_t ga, uint64_t len, bool was_free);

/* a -d mmap line */
void mm_log(const char *what, uint64_t ga, uint64_t len, int prot);

#endif

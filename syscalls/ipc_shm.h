/* The guest's System V shared-memory attachments (syscalls/ipc_shm.c), as
 * the memory calls of syscalls/mm.c keep them in step: every change of
 * guest mappings that removes or moves pages tells the table, under the mm
 * lock (core/mem.h), so shmdt finds exactly what the kernel's shmdt would. */
#ifndef PVM_SYSCALLS_IPC_SHM_H
#define PVM_SYSCALLS_IPC_SHM_H

#include <stdint.h>

/* [ga, ga+len) no longer holds what was attached there (munmap, a
 * MAP_FIXED mapping over it, a re-reservation after a failed call) */
void ipc_shm_unmapped(uint64_t ga, uint64_t len);

/* mremap moved [old, old+len) to dst and made it new_len bytes long
 * (dst == old: grown in place); the pieces there move with it, keeping
 * their offsets in their segments, as the kernel's vm_pgoff does */
void ipc_shm_moved(uint64_t old, uint64_t len, uint64_t dst, uint64_t new_len);

#endif

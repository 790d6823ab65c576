/* The waits that an interrupted call continues through restart_syscall
 * (guest number 128): a relative sleep and a futex wait with a timeout run
 * on the host to an absolute deadline fixed when the guest's call started,
 * so when a guest signal interrupts them the restart block (c->sig.restart,
 * core/task.h) names the same deadline and the answer is
 * -ERESTART_RESTARTBLOCK_K, as the kernel's hrtimer_nanosleep and
 * futex_wait answer. Delivery turns that into EINTR when a handler runs,
 * else the guest executes restart_syscall, which waits for the rest
 * (syscalls/restart.c). Without a taken guest signal an interruption is the
 * guest's EINTR. */
#ifndef PVM_SYSCALLS_RESTART_H
#define PVM_SYSCALLS_RESTART_H

#include <stdint.h>
#include <time.h>

#include "core/cpu.h"

/* deadline = now + rel, saturated (the host clamps what it cannot hold) */
struct timespec restart_deadline(const struct timespec *now, const struct timespec *rel);

/* Sleeps on clk until deadline (absolute). Interrupted: the time left goes
 * to grem when it is not 0 (0 is answered when nothing is left, -EFAULT when
 * grem cannot be written), then the block is filled. */
int64_t restart_sleep_until(struct cpu *c, clockid_t clk, const struct timespec *deadline,
                            uint64_t grem);

/* FUTEX_WAIT_BITSET (op: the host op with its PRIVATE/CLOCK_REALTIME bits)
 * on the guest word at uaddr until deadline. */
int64_t restart_futex_until(struct cpu *c, uint64_t uaddr, int op, uint32_t val, uint32_t bitset,
                            const struct timespec *deadline);

#endif

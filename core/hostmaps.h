/* The host's list of mappings (/proc/self/maps) as guest memory needs it:
 * the budget of host mappings the guest may use, and the holes a failed
 * host mmap or mremap may have left in the guest region. Both cost time in
 * proportion to the number of host mappings, never to the bytes involved.
 * Invariant: the guest's operations keep the process's host mapping count
 * at most vm.max_map_count minus a reserve that is pvm's own
 * (HOSTMAPS_RESERVE), so pvm's own mmap and malloc never fail, and a
 * re-reservation of a guest range never meets the kernel's limit, because of
 * what the guest did. */
#ifndef PVM_CORE_HOSTMAPS_H
#define PVM_CORE_HOSTMAPS_H

#include <stdbool.h>
#include <stdint.h>

/* host mappings kept back for pvm itself (a quarter of the limit when that
 * is smaller than 4096) */
#define HOSTMAPS_RESERVE 1024

/* Callers of hostmaps_allow and hostmaps_holes hold the mm lock (core/mem.h). */

/* May a guest operation on [ga, ga+len) go to the host without taking the
 * process past its budget? replace: the range becomes one new host mapping
 * (mmap, munmap's re-reservation, brk); else only its protection or advice
 * changes (mprotect, madvise, mlock). false means the guest gets -ENOMEM
 * (the kernel's answer at vm.max_map_count) and nothing may be changed. */
bool hostmaps_allow(uint64_t ga, uint64_t len, bool replace);

/* Makes limit the most host mappings the guest's operations may bring the
 * process to (0: vm.max_map_count minus the reserve again) and forgets the
 * count; for the unit tests. Takes the mm lock itself. */
void hostmaps_set_limit(long limit);

/* a guest range */
struct hostmaps_range {
    uint64_t ga, len;
};

/* Stores in out up to max maximal parts of the guest range [ga, ga+len)
 * that have no host mapping; returns how many (max: there may be more).
 * Without a readable /proc/self/maps (a root without /proc), by
 * hostmaps_holes_by_probe. */
int hostmaps_holes(uint64_t ga, uint64_t len, struct hostmaps_range *out, int max);
/* The same found by trying to map: each hole it reports it has filled with
 * a PROT_NONE reservation on the way (what the caller puts there anyway);
 * a range whose state the host will not tell (the address-space limit
 * reached) counts as a hole, as the whole range was before. */
int hostmaps_holes_by_probe(uint64_t ga, uint64_t len, struct hostmaps_range *out, int max);

#endif

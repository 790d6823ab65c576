/* --check-jit, the lockstep checker (later): jit_checking says whether
 * translations are being checked; natively emitted stores then go through
 * jit_check_store, which will keep a journal so a block's stores can be
 * undone and the block run again in the interpreter. Today it stores. */
#include <string.h>

#include "core/mem.h"
#include "translator/internal.h"

bool jit_checking;

void jit_check_store(struct cpu *c, uint64_t ga, uint64_t v, unsigned bytes)
{
    (void)c;
    memcpy(guest_base + ga, &v, bytes);
}

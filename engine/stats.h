/* Execution statistics for `-d exec`: how many times each decoded
 * instruction form (decode row) completed. Counting happens in the run loop
 * per executed block, only when the exec area is on, so it costs one flag
 * test per block otherwise. */
#ifndef PVM_ENGINE_STATS_H
#define PVM_ENGINE_STATS_H

#include "interp/block.h"

/* counts the instructions of b from its first through last (the one the
 * block stopped at: c->cur), all of which completed */
void stats_count_block(const struct block *b, const struct insn *last);
/* writes "exec-stats: COUNT OPNAME" lines (most executed first) and a total to
 * the debug log, then clears the counts; called at exit, at a fatal signal and
 * before an execve replaces the image */
void stats_dump(void);

#endif

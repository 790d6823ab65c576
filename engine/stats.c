/* -d exec statistics (see stats.h). Invariant: only the thread running the
 * guest touches the counters (one guest thread today; per-thread arrays
 * merged at dump time when threads arrive). */
#include "engine/stats.h"

#include <inttypes.h>
#include <stdlib.h>

#include "core/log.h"
#include "interp/decode.h"

static uint64_t stats_ops[OP_COUNT];

void stats_count_block(const struct block *b, const struct insn *last)
{
    for (const struct insn *i = b->insns; i <= last && i < b->insns + b->n; i++)
        stats_ops[i->op]++;
}

static int stats_cmp(const void *pa, const void *pb)
{
    uint64_t a = stats_ops[*(const unsigned *)pa], b = stats_ops[*(const unsigned *)pb];
    return a < b ? 1 : a > b ? -1 : (int)(*(const unsigned *)pa) - (int)(*(const unsigned *)pb);
}

void stats_dump(void)
{
    if (!log_on(DBG_exec))
        return;
    static unsigned order[OP_COUNT];
    unsigned n = 0;
    uint64_t total = 0;
    for (unsigned op = 0; op < OP_COUNT; op++) {
        if (op == OP_END_BLOCK || op == OP_UNDEF || !stats_ops[op])
            continue;
        order[n++] = op;
        total += stats_ops[op];
    }
    qsort(order, n, sizeof *order, stats_cmp);
    log_printf("exec-stats: %" PRIu64 " instructions, %u forms\n", total, n);
    for (unsigned k = 0; k < n; k++)
        log_printf("exec-stats: %" PRIu64 " %s\n", stats_ops[order[k]], decode_op_name(order[k]));
    for (unsigned op = 0; op < OP_COUNT; op++)
        stats_ops[op] = 0;
}

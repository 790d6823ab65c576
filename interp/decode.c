/* Table-driven decoder. Rows come from interp/insns.def; they are bucketed
 * once by bits 28:25 (the A64 top-level op0 field) so a lookup scans only the
 * rows that can match. Within a bucket the first matching row whose format
 * function accepts the word wins. A row of an optional feature
 * (interp/features.def) the selected CPU model (core/cpumodel.h) lacks
 * decodes as OP_UNDEF, as the encoding is unallocated on such a core. */
#include "interp/decode.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

#include "core/cpumodel.h"
#include "interp/decode_fmts.h"

typedef bool (*fmt_fn)(struct insn *, uint32_t);

struct row {
    uint32_t mask, match;
    uint16_t op;
    uint8_t flags;
    fmt_fn fmt;
};

static const struct row rows[] = {
#define INSN(name, mask, match, fmt, flags) {mask, match, OP_##name, flags, fmt_##fmt},
#include "interp/insns.def"
#undef INSN
};
#define NROWS (sizeof rows / sizeof rows[0])

static const char *const op_names[OP_COUNT] = {
#define INSN(name, mask, match, fmt, flags) [OP_##name] = #name,
#include "interp/insns.def"
#undef INSN
    [OP_END_BLOCK] = "END_BLOCK",
    [OP_UNDEF] = "UNDEF",
};

/* the feature of each optional op: HWCAP_FEAT_x + 1; 0 for the base ISA */
static const uint8_t op_feature[OP_COUNT] = {
#define FEATURE_OP(feat, name) [OP_##name] = HWCAP_FEAT_##feat + 1,
#include "interp/features.def"
#undef FEATURE_OP
};

#define OP0_SHIFT 25
static uint16_t *bucket[16];
static uint16_t bucket_len[16];
static pthread_once_t buckets_once = PTHREAD_ONCE_INIT;

static void decode_build_buckets(void)
{
    const uint32_t op0 = 0xfu << OP0_SHIFT;
    for (uint32_t b = 0; b < 16; b++) {
        bucket[b] = calloc(NROWS ? NROWS : 1, sizeof **bucket);
        for (uint32_t r = 0; r != (uint32_t)NROWS; r++) {
            uint32_t m = rows[r].mask & op0;
            if (((b << OP0_SHIFT) & m) == (rows[r].match & m))
                bucket[b][bucket_len[b]++] = (uint16_t)r;
        }
    }
}

/* the first row that matches raw and whose format accepts it (filling *i),
 * whatever the CPU model; NULL when none does */
static inline const struct row *decode_row(struct insn *i, uint32_t raw, uint64_t pc)
{
    pthread_once(&buckets_once, decode_build_buckets);
    uint32_t b = (raw >> OP0_SHIFT) & 0xf;
    for (uint32_t k = 0; k < bucket_len[b]; k++) {
        const struct row *r = &rows[bucket[b][k]];
        if ((raw & r->mask) != r->match)
            continue;
        *i = (struct insn){.pc = pc, .raw = raw, .op = r->op, .flags = r->flags};
        if (r->fmt(i, raw))
            return r;
    }
    return NULL;
}

void decode_insn(struct insn *i, uint32_t raw, uint64_t pc)
{
    const struct row *r = decode_row(i, raw, pc);
    if (r && (!op_feature[r->op] || cpumodel_has(op_feature[r->op] - 1u)))
        return;
    *i = (struct insn){.pc = pc, .raw = raw, .op = OP_UNDEF, .flags = INSN_END};
}

int decode_word_feature(uint32_t raw)
{
    struct insn i;
    const struct row *r = decode_row(&i, raw, 0);
    return r ? decode_op_feature(r->op) : -1;
}

int decode_op_feature(unsigned op)
{
    return op < OP_COUNT && op_feature[op] ? op_feature[op] - 1 : -1;
}

const char *decode_op_name(unsigned op)
{
    return op < OP_COUNT && op_names[op] ? op_names[op] : "?";
}

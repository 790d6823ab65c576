/* The migration check of issue 16: every word of a cube (the words whose
 * bits MASK equal MATCH; default all 2^32) goes through today's decoder
 * (interp/ at commit DECODE_OLD_COMMIT, built by tests/fuzz/module.mk with
 * its symbols renamed old_*) and the generated one (interp/decode.c), under
 * the default CPU model; the op (by number and name), every field of struct
 * insn and the word's feature must agree. The feature column names FP and
 * ASIMD where the old tables said nothing (-1): that pair counts as equal.
 * usage: decode_cmp [-j JOBS] [-s STRIDE] [MASK MATCH]
 * Prints the first differences (at most 20 per worker) and a closing
 * "N passed, N failed" line, where N counts words. */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/hwcap.h"
#include "interp/decode.h"

void old_decode_insn(struct insn *i, uint32_t raw, uint64_t pc);
const char *old_decode_op_name(unsigned op);
int old_decode_word_feature(uint32_t raw);

struct cmp_result {
    uint64_t passed, failed;
};

/* the word of the cube (mask, match) with index k (its free bits, in order) */
static uint32_t cmp_word(uint32_t mask, uint32_t match, uint64_t k)
{
    uint32_t w = match, free = ~mask;
    for (int b = 0; b < 32; b++)
        if (free >> b & 1) {
            w |= (uint32_t)(k & 1) << b;
            k >>= 1;
        }
    return w;
}

static void cmp_show(const char *who, const struct insn *i, const char *name)
{
    printf("    %s: %s imm %#" PRIx64 " imm2 %#" PRIx64 " flags %#x rd %u rn %u rm %u ra %u rs %u sf %u "
           "cond %u opt %u amt %u size %u x %u y %u\n",
           who, name, (uint64_t)i->imm, i->imm2, i->flags, i->rd, i->rn, i->rm, i->ra, i->rs, i->sf,
           i->cond, i->opt, i->amt, i->size, i->x, i->y);
}

/* 0 when the two decoders agree on w */
static int cmp_word_check(uint32_t w, uint64_t nfail)
{
    const uint64_t pc = 0x400000 + ((uint64_t)w << 2);
    struct insn a, b;
    memset(&a, 0x5a, sizeof a);
    memset(&b, 0x5a, sizeof b);
    old_decode_insn(&a, w, pc);
    decode_insn(&b, w, pc);
    const char *na = old_decode_op_name(a.op), *nb = decode_op_name(b.op);
    const char *what = NULL;
    if (a.op != b.op || strcmp(na, nb))
        what = "op";
    else if (a.pc != b.pc || a.raw != b.raw || a.label != b.label)
        what = "pc, raw or label";
    else if (a.imm != b.imm || a.imm2 != b.imm2)
        what = "imm or imm2";
    else if (a.flags != b.flags || a.rd != b.rd || a.rn != b.rn || a.rm != b.rm || a.ra != b.ra ||
             a.rs != b.rs || a.sf != b.sf || a.cond != b.cond || a.opt != b.opt || a.amt != b.amt ||
             a.size != b.size || a.x != b.x || a.y != b.y)
        what = "a field";
    else {
        int fa = old_decode_word_feature(w), fb = decode_word_feature(w);
        if (fa != fb && !(fa == -1 && (fb == HWCAP_FEAT_FP || fb == HWCAP_FEAT_ASIMD)))
            what = "feature";
    }
    if (!what)
        return 0;
    if (nfail < 20) {
        printf("FAIL %08" PRIx32 ": %s differs\n", w, what);
        cmp_show("old", &a, na);
        cmp_show("new", &b, nb);
    }
    return 1;
}

int main(int argc, char **argv)
{
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t stride = 1;
    uint32_t mask = 0, match = 0;
    int a = 1, npos = 0;
    for (; a < argc; a++) {
        if (!strcmp(argv[a], "-j") && a + 1 < argc)
            jobs = strtol(argv[++a], NULL, 0);
        else if (!strcmp(argv[a], "-s") && a + 1 < argc)
            stride = strtoull(argv[++a], NULL, 0);
        else if (npos == 0 && argv[a][0] != '-')
            mask = (uint32_t)strtoull(argv[a], NULL, 0), npos++;
        else if (npos == 1 && argv[a][0] != '-')
            match = (uint32_t)strtoull(argv[a], NULL, 0), npos++;
        else {
            fprintf(stderr, "usage: %s [-j JOBS] [-s STRIDE] [MASK MATCH]\n", argv[0]);
            return 2;
        }
    }
    if (jobs < 1)
        jobs = 1;
    if (stride < 1 || npos == 1 || (match & ~mask)) {
        fprintf(stderr, "decode_cmp: bad cube or stride\n");
        return 2;
    }
    uint64_t n = ((1ull << __builtin_popcount(~mask)) + stride - 1) / stride;
    struct cmp_result *res = mmap(NULL, (size_t)jobs * sizeof *res, PROT_READ | PROT_WRITE,
                                  MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (res == MAP_FAILED) {
        perror("decode_cmp: mmap");
        return 1;
    }
    memset(res, 0, (size_t)jobs * sizeof *res);
    fflush(stdout);
    for (long k = 0; k < jobs; k++) {
        pid_t p = fork();
        if (p < 0) {
            perror("decode_cmp: fork");
            return 1;
        }
        if (p == 0) {
            uint64_t first = n * (uint64_t)k / (uint64_t)jobs;
            uint64_t last = n * (uint64_t)(k + 1) / (uint64_t)jobs;
            struct cmp_result *r = &res[k];
            uint32_t w = cmp_word(mask, match, first * stride);
            for (uint64_t m = first; m < last; m++) {
                if (stride != 1)
                    w = cmp_word(mask, match, m * stride);
                if (cmp_word_check(w, r->failed))
                    r->failed++;
                else
                    r->passed++;
                w = (((w | mask) + 1) & ~mask) | match; /* the next word of the cube */
            }
            fflush(stdout);
            _exit(0);
        }
    }
    int bad = 0, st;
    while (wait(&st) > 0)
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            bad++;
    struct cmp_result t = {0};
    for (long k = 0; k < jobs; k++) {
        t.passed += res[k].passed;
        t.failed += res[k].failed;
    }
    if (bad)
        printf("FAIL decode_cmp: %d worker(s) crashed\n", bad);
    printf("old vs new decoder, words (w & %#" PRIx32 ") == %#" PRIx32 ", stride %" PRIu64 ": %" PRIu64
           " words\n",
           mask, match, stride, n);
    printf("%" PRIu64 " passed, %" PRIu64 " failed\n", t.passed, t.failed + (uint64_t)bad);
    return t.failed || bad || t.passed != n ? 1 : 0;
}

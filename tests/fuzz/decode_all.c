/* The exhaustive decoder check: every 32-bit word (or a range, or every Nth
 * word of it) goes through decode_insn (interp/decode.c) under the default
 * CPU model (every feature), and the result must satisfy the invariants of
 * interp/insn.h:
 *  - op is a real row (< OP_END_BLOCK) or OP_UNDEF; raw and pc are kept;
 *    label is NULL (the interpreter sets it later);
 *  - an OP_UNDEF insn is exactly {pc, raw, OP_UNDEF, INSN_END}, every other
 *    field zero, and decode_word_feature names a feature or -1;
 *  - a decoded insn: rd, rn, rm, ra, rs <= 33; sf <= 1; size <= 6 (log2 of
 *    an access up to DC ZVA's 64 bytes, or an element size); cond <= 15;
 *    flags only the INSN_* bits, INSN_STORE only with INSN_MEM;
 *    decode_word_feature agrees with decode_op_feature(op);
 *  - decoding is deterministic (the same word decodes to the same bytes).
 * It also sums the digest of the decoder's output (tests/fuzz/decode_digest.h).
 * usage: decode_all [-j JOBS] [-s STRIDE] [--stats] [--digest FILE |
 *                   --digest-write FILE] [LO [HI]]
 *   words LO, LO+STRIDE, ... <= HI (hex or decimal; default 0..0xffffffff),
 *   split over JOBS forked workers (default: the number of CPUs);
 *   --digest: all 2^32 words' digest must equal FILE's (its last line);
 *   --digest-write: writes it to FILE (after an intended change).
 * Prints the first failures (at most 20 per worker) and a closing
 * "N passed, N failed" line, where N counts words. */
#include <inttypes.h>
#include <stddef.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "interp/decode.h"
#include "tests/fuzz/decode_digest.h"

struct result {
    uint64_t passed, failed, decoded, digest;
    uint8_t max[12]; /* --stats: the largest value of each byte field */
};

static const char *const field_names[12] = {"rd", "rn", "rm", "ra", "rs", "sf", "cond",
                                            "opt", "amt", "size", "x", "y"};

static int fail(uint32_t w, const struct insn *i, const char *what, uint64_t nfail)
{
    if (nfail < 20)
        printf("FAIL %08" PRIx32 ": %s (op %s rd %u rn %u rm %u ra %u rs %u sf %u cond %u size %u "
               "flags %#x)\n",
               w, what, decode_op_name(i->op), i->rd, i->rn, i->rm, i->ra, i->rs, i->sf, i->cond,
               i->size, i->flags);
    return 1;
}

/* 0 when word w satisfies every invariant */
static int check_word(uint32_t w, struct result *r)
{
    const uint64_t pc = 0x400000 + ((uint64_t)w << 2);
    struct insn i, j;
    memset(&i, 0x5a, sizeof i); /* decode must overwrite every field */
    memset(&j, 0xa5, sizeof j);
    decode_insn(&i, w, pc);
    decode_insn(&j, w, pc);
    uint64_t nf = r->failed;
    if (i.raw != w || i.pc != pc || i.label != NULL)
        return fail(w, &i, "raw, pc or label not as given", nf);
    if (memcmp(&i.op, &j.op, offsetof(struct insn, y) + 1 - offsetof(struct insn, op)) != 0 || i.imm != j.imm ||
        i.imm2 != j.imm2)
        return fail(w, &i, "not deterministic", nf);
    r->digest += decode_digest_word(w, &i, decode_word_feature(w));
    if (i.op == OP_UNDEF) {
        struct insn u = {.pc = pc, .raw = w, .op = OP_UNDEF, .flags = INSN_END};
        if (i.imm || i.imm2 || i.flags != u.flags || i.rd || i.rn || i.rm || i.ra || i.rs ||
            i.sf || i.cond || i.opt || i.amt || i.size || i.x || i.y)
            return fail(w, &i, "OP_UNDEF with fields set", nf);
        int f = decode_word_feature(w);
        if (f < -1 || f >= 64)
            return fail(w, &i, "decode_word_feature out of range", nf);
        return 0;
    }
    if (i.op >= OP_END_BLOCK)
        return fail(w, &i, "op out of range", nf);
    if (i.rd > 33 || i.rn > 33 || i.rm > 33 || i.ra > 33 || i.rs > 33)
        return fail(w, &i, "register index > 33", nf);
    if (i.sf > 1)
        return fail(w, &i, "sf > 1", nf);
    if (i.size > 6)
        return fail(w, &i, "size > 6", nf);
    if (i.cond > 15)
        return fail(w, &i, "cond > 15", nf);
    if (i.flags & ~(INSN_RD_NZCV | INSN_WR_NZCV | INSN_MEM | INSN_END | INSN_FP | INSN_STORE))
        return fail(w, &i, "unknown flag bits", nf);
    if ((i.flags & INSN_STORE) && !(i.flags & INSN_MEM))
        return fail(w, &i, "INSN_STORE without INSN_MEM", nf);
    if (decode_word_feature(w) != decode_op_feature(i.op))
        return fail(w, &i, "decode_word_feature disagrees with the op's feature", nf);
    r->decoded++;
    const uint8_t v[12] = {i.rd, i.rn, i.rm, i.ra, i.rs, i.sf, i.cond, i.opt, i.amt, i.size, i.x, i.y};
    for (int k = 0; k < 12; k++)
        if (v[k] > r->max[k])
            r->max[k] = v[k];
    return 0;
}

int main(int argc, char **argv)
{
    long jobs = sysconf(_SC_NPROCESSORS_ONLN);
    uint64_t stride = 1, lo = 0, hi = 0xffffffffu;
    bool stats = false;
    const char *digest_file = NULL;
    bool digest_write = false;
    int a = 1, npos = 0;
    for (; a < argc; a++) {
        if (!strcmp(argv[a], "-j") && a + 1 < argc)
            jobs = strtol(argv[++a], NULL, 0);
        else if (!strcmp(argv[a], "-s") && a + 1 < argc)
            stride = strtoull(argv[++a], NULL, 0);
        else if (!strcmp(argv[a], "--stats"))
            stats = true;
        else if ((!strcmp(argv[a], "--digest") || !strcmp(argv[a], "--digest-write")) && a + 1 < argc)
            digest_write = argv[a][8] == '-', digest_file = argv[++a];
        else if (npos == 0 && argv[a][0] != '-')
            lo = strtoull(argv[a], NULL, 0), npos++;
        else if (npos == 1 && argv[a][0] != '-')
            hi = strtoull(argv[a], NULL, 0), npos++;
        else {
            fprintf(stderr,
                    "usage: %s [-j JOBS] [-s STRIDE] [--stats] [--digest FILE | --digest-write FILE] "
                    "[LO [HI]]\n",
                    argv[0]);
            return 2;
        }
    }
    if (jobs < 1)
        jobs = 1;
    if (stride < 1 || hi > 0xffffffffu || lo > hi) {
        fprintf(stderr, "decode_all: bad range or stride\n");
        return 2;
    }
    if (digest_file && (stride != 1 || lo != 0 || hi != 0xffffffffu)) {
        fprintf(stderr, "decode_all: --digest needs every word (no range, no stride)\n");
        return 2;
    }
    (void)decode_digest_names(); /* made before the fork, once */
    uint64_t n = (hi - lo) / stride + 1; /* words to check */
    struct result *res = mmap(NULL, (size_t)jobs * sizeof *res, PROT_READ | PROT_WRITE,
                              MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (res == MAP_FAILED) {
        perror("decode_all: mmap");
        return 1;
    }
    memset(res, 0, (size_t)jobs * sizeof *res);
    fflush(stdout);
    for (long k = 0; k < jobs; k++) {
        pid_t p = fork();
        if (p < 0) {
            perror("decode_all: fork");
            return 1;
        }
        if (p == 0) {
            /* worker k: the k-th contiguous share of the n words */
            uint64_t first = n * (uint64_t)k / (uint64_t)jobs;
            uint64_t last = n * (uint64_t)(k + 1) / (uint64_t)jobs;
            struct result *r = &res[k];
            for (uint64_t m = first; m < last; m++) {
                if (check_word((uint32_t)(lo + m * stride), r))
                    r->failed++;
                else
                    r->passed++;
            }
            fflush(stdout);
            _exit(0);
        }
    }
    int bad = 0, st;
    while (wait(&st) > 0)
        if (!WIFEXITED(st) || WEXITSTATUS(st) != 0)
            bad++;
    struct result t = {0};
    for (long k = 0; k < jobs; k++) {
        t.passed += res[k].passed;
        t.failed += res[k].failed;
        t.decoded += res[k].decoded;
        t.digest += res[k].digest;
        for (int f = 0; f < 12; f++)
            if (res[k].max[f] > t.max[f])
                t.max[f] = res[k].max[f];
    }
    if (bad)
        printf("FAIL decode_all: %d worker(s) crashed\n", bad);
    if (t.passed + t.failed != n && !bad)
        printf("FAIL decode_all: %" PRIu64 " of %" PRIu64 " words checked\n", t.passed + t.failed, n);
    if (stats) {
        printf("decoded %" PRIu64 " words (not OP_UNDEF); largest fields:", t.decoded);
        for (int f = 0; f < 12; f++)
            printf(" %s=%u", field_names[f], t.max[f]);
        printf("\n");
    }
    printf("decoder words %#" PRIx64 "..%#" PRIx64 " stride %" PRIu64 ": %" PRIu64
           " decoded, digest 0x%016" PRIx64 "\n",
           lo, hi, stride, t.decoded, t.digest);
    if (digest_file && !bad && digest_write) {
        FILE *f = fopen(digest_file, "w");
        if (!f || fprintf(f, "# the decoder's output over all 2^32 words (tests/fuzz/decode_digest.h);\n"
                             "# make check-decode and make check-all recompute it, make decode-digest\n"
                             "# rewrites it after an intended change of the decode tables\n"
                             "0x%016" PRIx64 "\n", t.digest) < 0 || fclose(f)) {
            perror(digest_file);
            return 1;
        }
        printf("digest written to %s\n", digest_file);
    } else if (digest_file && !bad) {
        char line[128], last[128] = "";
        FILE *f = fopen(digest_file, "r");
        while (f && fgets(line, sizeof line, f))
            if (line[0] != '#')
                snprintf(last, sizeof last, "%s", line);
        if (f)
            fclose(f);
        if (strtoull(last, NULL, 16) != t.digest || !last[0]) {
            printf("FAIL decode_all: the decoder's digest 0x%016" PRIx64 " is not %s's: its meaning "
                   "changed (make decode-digest records an intended change)\n",
                   t.digest, digest_file);
            t.failed++;
        } else {
            printf("digest equals %s\n", digest_file);
        }
    }
    printf("%" PRIu64 " passed, %" PRIu64 " failed\n", t.passed, t.failed + (uint64_t)bad);
    return t.failed || bad || t.passed + t.failed != n ? 1 : 0;
}

/* The migration check of issue 16: every word of a cube (the words whose
 * bits MASK equal MATCH; default all 2^32) goes through today's decoder
 * (interp/ at commit DECODE_OLD_COMMIT, built by tests/fuzz/module.mk with
 * its symbols renamed old_*) and the generated one (interp/decode.c), under
 * the default CPU model; the op (by number and name), every field of struct
 * insn and the word's feature must agree. The feature column names FP and
 * ASIMD where the old tables said nothing (-1): that pair counts as equal.
 * cmp_unread lists the fields an old format function filled from bits that
 * are not that operand (fixed opcode bits, an immediate read as a register
 * number) and that no executor reads: there the new decoder must leave 0.
 * usage: decode_cmp [-j JOBS] [-s STRIDE] [MASK MATCH]
 * Prints the first differences (at most 20 per worker) and a closing
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

#include "core/hwcap.h"
#include "interp/decode.h"
#include "tests/fuzz/decode_digest.h"

void old_decode_insn(struct insn *i, uint32_t raw, uint64_t pc);
const char *old_decode_op_name(unsigned op);
int old_decode_word_feature(uint32_t raw);

struct cmp_result {
    uint64_t passed, failed, unread; /* unread: words that differ only in cmp_unread fields */
    uint64_t digest;                  /* of the new decoder (tests/fuzz/decode_digest.h) */
    uint64_t op_failed[OP_COUNT];     /* by the new decoder's op */
    uint32_t op_fields[OP_COUNT];     /* the fields (1 << index) that differed */
};

/* the fields compared, by name */
static const struct {
    const char *name;
    size_t off, size;
} cmp_fields[] = {
#define F(m) {#m, offsetof(struct insn, m), sizeof(((struct insn *)0)->m)}
    F(pc), F(imm), F(imm2), F(raw), F(op), F(flags), F(rd), F(rn), F(rm), F(ra), F(rs),
    F(sf), F(cond), F(opt), F(amt), F(size), F(x), F(y), F(label),
#undef F
};
#define CMP_NFIELDS (sizeof cmp_fields / sizeof cmp_fields[0])

/* op, the fields its old format function filled with something no
 * executor reads (checked against each op_NAME in interp/<class>.h) */
static const struct {
    const char *op, *fields;
} cmp_unread[] = {
    /* Rd is o3:mask / 0b01101, Rm part of imm6 / 0b00000: RMIF reads rn amt x, SETF rn */
    {"RMIF", "rd rm"}, {"SETF8", "rd"}, {"SETF16", "rd"},
    /* bits 4:0 are o3:nzcv, not Rd; the register forms' Rm is no imm5 and the
     * immediate forms' imm5 no Rm: dpr_ccmp reads cond imm2 rn sf and rm or imm */
    {"CCMN_REG", "rd imm"}, {"CCMP_REG", "rd imm"}, {"CCMN_IMM", "rd rm"}, {"CCMP_IMM", "rd rm"},
    /* scalar FP: fp_regs read Rm (20:16) and Ra (14:10) whatever the form:
     * opcode bits of the 1-source forms, opcode:10 of the 2-source ones,
     * op:nzcv / cond<2:0> bits of the compares, imm8 bits of FMOV; fp_un,
     * fp_bin, FCVT, FCMP, FCCMP, FCSEL and FMOV_I use rd rn rm size x y cond
     * imm imm2 as their forms have them */
    {"FMOV_R", "rm ra"}, {"FABS", "rm ra"}, {"FNEG", "rm ra"}, {"FSQRT", "rm ra"}, {"FCVT", "rm ra"},
    {"FRINTN", "rm ra"}, {"FRINTP", "rm ra"}, {"FRINTM", "rm ra"}, {"FRINTZ", "rm ra"},
    {"FRINTA", "rm ra"}, {"FRINTX", "rm ra"}, {"FRINTI", "rm ra"},
    {"FMUL", "ra"}, {"FDIV", "ra"}, {"FADD", "ra"}, {"FSUB", "ra"}, {"FMAX", "ra"}, {"FMIN", "ra"},
    {"FMAXNM", "ra"}, {"FMINNM", "ra"}, {"FNMUL", "ra"},
    {"FCMP", "rd ra"}, {"FCCMP", "rd ra"}, {"FCSEL", "ra"}, {"FMOV_I", "rm ra"},
    /* AdvSIMD: simd_fmt_regs read Rm (20:16) for every form: opcode bits of
     * the two-register and across-lanes forms, imm5 of the copies, immh:immb
     * of the shifts; their ops read no Vm (narrowing, long and shift forms
     * take SIMD_IMM, the FP one-operand element functions ignore b) */
    {"V_XTN", "rm"}, {"V_SQXTUN", "rm"}, {"V_SHLL", "rm"}, {"V_SQXTN", "rm"}, {"V_UQXTN", "rm"},
    {"V_SADDLV", "rm"}, {"V_UADDLV", "rm"}, {"V_SMAXV", "rm"}, {"V_UMAXV", "rm"}, {"V_SMINV", "rm"},
    {"V_UMINV", "rm"}, {"V_ADDV", "rm"}, {"V_ADDP_S", "rm"}, {"V_DUP_E", "rm"}, {"V_DUP_G", "rm"},
    {"V_SMOV", "rm"}, {"V_UMOV", "rm"}, {"V_INS_G", "rm"}, {"V_INS_E", "rm"}, {"V_SSHR", "rm"},
    {"V_USHR", "rm"}, {"V_SSRA", "rm"}, {"V_USRA", "rm"}, {"V_SRSHR", "rm"}, {"V_URSHR", "rm"},
    {"V_SRSRA", "rm"}, {"V_URSRA", "rm"}, {"V_SRI", "rm"}, {"V_SHL", "rm"}, {"V_SLI", "rm"},
    {"V_SQSHLU", "rm"}, {"V_SQSHL_I", "rm"}, {"V_UQSHL_I", "rm"}, {"V_SHRN", "rm"},
    {"V_RSHRN", "rm"}, {"V_SQSHRUN", "rm"}, {"V_SQRSHRUN", "rm"}, {"V_SQSHRN", "rm"},
    {"V_SQRSHRN", "rm"}, {"V_UQSHRN", "rm"}, {"V_UQRSHRN", "rm"}, {"V_SSHLL", "rm"},
    {"V_USHLL", "rm"}, {"V_FCVTN", "rm"}, {"V_FCVTL", "rm"}, {"V_FCVTXN", "rm"}, {"V_FRINTN", "rm"},
    {"V_FRINTM", "rm"}, {"V_FRINTP", "rm"}, {"V_FRINTZ", "rm"}, {"V_FRINTA", "rm"},
    {"V_FRINTX", "rm"}, {"V_FRINTI", "rm"}, {"V_FCVTNS", "rm"}, {"V_FCVTMS", "rm"},
    {"V_FCVTAS", "rm"}, {"V_FCVTPS", "rm"}, {"V_FCVTZS", "rm"}, {"V_FCVTNU", "rm"},
    {"V_FCVTMU", "rm"}, {"V_FCVTAU", "rm"}, {"V_FCVTPU", "rm"}, {"V_FCVTZU", "rm"},
    {"V_SCVTF", "rm"}, {"V_UCVTF", "rm"}, {"V_FSQRT", "rm"}, {"V_URECPE", "rm"},
    {"V_URSQRTE", "rm"}, {"V_FRECPE", "rm"}, {"V_FRSQRTE", "rm"}, {"V_FRECPX", "rm"},
    {"V_FMAXNMV", "rm"}, {"V_FMINNMV", "rm"}, {"V_FMAXV", "rm"}, {"V_FMINV", "rm"},
    {"V_FMAXNMP_S", "rm"}, {"V_FMINNMP_S", "rm"}, {"V_FADDP_S", "rm"}, {"V_FMAXP_S", "rm"},
    {"V_FMINP_S", "rm"}, {"V_SCVTF_FIX", "rm"}, {"V_UCVTF_FIX", "rm"}, {"V_FCVTZS_FIX", "rm"},
    {"V_FCVTZU_FIX", "rm"},
    /* crypto_fmt_regs read Rm and Ra (14:10) for every form: opcode bits of
     * the two-register forms, opcode/imm6/Rm-field bits as Ra of the others;
     * only EOR3/BCAX read ra, the two-register forms no rm */
    {"AESE", "rm ra"}, {"AESD", "rm ra"}, {"AESMC", "rm ra"}, {"AESIMC", "rm ra"},
    {"SHA1C", "ra"}, {"SHA1P", "ra"}, {"SHA1M", "ra"}, {"SHA1SU0", "ra"}, {"SHA256H", "ra"},
    {"SHA256H2", "ra"}, {"SHA256SU1", "ra"}, {"SHA1H", "rm ra"}, {"SHA1SU1", "rm ra"},
    {"SHA256SU0", "rm ra"}, {"SHA512H", "ra"}, {"SHA512H2", "ra"}, {"SHA512SU1", "ra"},
    {"RAX1", "ra"}, {"SHA512SU0", "rm ra"}, {"XAR", "ra"}, {"PMULL_1Q", "ra"},
    /* FRINT32/64 went through fp_regs (Rm, Ra), their vector forms through
     * simd_fmt_regs (Rm): opcode bits, as for FRINTN and V_FRINTN */
    {"FRINT32Z", "rm ra"}, {"FRINT32X", "rm ra"}, {"FRINT64Z", "rm ra"}, {"FRINT64X", "rm ra"},
    {"FRINT32Z_V", "rm"}, {"FRINT32X_V", "rm"}, {"FRINT64Z_V", "rm"}, {"FRINT64X_V", "rm"},
};

/* per op: the bit (1 << field index) of each unread field */
static uint32_t cmp_unread_mask[OP_COUNT];

static void cmp_init_unread(void)
{
    for (size_t k = 0; k < sizeof cmp_unread / sizeof cmp_unread[0]; k++) {
        unsigned op = 0;
        while (op < OP_COUNT && strcmp(decode_op_name(op), cmp_unread[k].op))
            op++;
        if (op == OP_COUNT) {
            fprintf(stderr, "decode_cmp: cmp_unread names op %s, which does not exist\n", cmp_unread[k].op);
            exit(2);
        }
        char buf[64];
        snprintf(buf, sizeof buf, "%s", cmp_unread[k].fields);
        for (char *sv, *f = strtok_r(buf, " ", &sv); f; f = strtok_r(NULL, " ", &sv)) {
            size_t j = 0;
            while (j < CMP_NFIELDS && strcmp(cmp_fields[j].name, f))
                j++;
            if (j == CMP_NFIELDS) {
                fprintf(stderr, "decode_cmp: cmp_unread: no field %s\n", f);
                exit(2);
            }
            cmp_unread_mask[op] |= 1u << j;
        }
    }
}

static uint64_t cmp_get(const struct insn *i, size_t j)
{
    uint64_t v = 0;
    memcpy(&v, (const char *)i + cmp_fields[j].off, cmp_fields[j].size);
    return v;
}

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

/* 0 when the two decoders agree on w (*unread: they do, but for
 * cmp_unread fields the new one leaves 0); a difference is counted in r */
static int cmp_word_check(uint32_t w, struct cmp_result *r, bool *unread)
{
    uint64_t nfail = r->failed;
    const uint64_t pc = 0x400000 + ((uint64_t)w << 2);
    struct insn a, b;
    memset(&a, 0x5a, sizeof a);
    memset(&b, 0x5a, sizeof b);
    old_decode_insn(&a, w, pc);
    decode_insn(&b, w, pc);
    const char *na = old_decode_op_name(a.op), *nb = decode_op_name(b.op);
    const char *what = NULL;
    *unread = false;
    /* the fields end at y, padding only after it */
    bool same = !memcmp(&a, &b, offsetof(struct insn, y) + 1);
    if (a.op != b.op || strcmp(na, nb))
        what = "op";
    uint32_t diff = 0;
    for (size_t j = 0; j < CMP_NFIELDS && !what && !same; j++) {
        uint64_t va = cmp_get(&a, j), vb = cmp_get(&b, j);
        if (b.op < OP_COUNT && (cmp_unread_mask[b.op] >> j & 1)) {
            if (vb != 0)
                diff |= 1u << j;
            else if (va != vb)
                *unread = true;
        } else if (va != vb) {
            diff |= 1u << j;
        }
    }
    if (diff)
        what = cmp_fields[__builtin_ctz(diff)].name;
    if (what && b.op < OP_COUNT) {
        r->op_failed[b.op]++;
        r->op_fields[b.op] |= diff;
    }
    int fb = decode_word_feature(w);
    r->digest += decode_digest_word(w, &b, fb);
    if (!what) {
        int fa = old_decode_word_feature(w);
        if (fa != fb && !(fa == -1 && (fb == HWCAP_FEAT_FP || fb == HWCAP_FEAT_ASIMD)))
            what = "feature";
    }
    if (!what)
        return 0;
    if (nfail < 20) {
        printf("FAIL %08" PRIx32 ": %s differs\n", w, what);
        cmp_show("old", &a, na);
        cmp_show("new", &b, nb);
        fflush(stdout);
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
    cmp_init_unread();
    (void)decode_digest_names(); /* made before the fork, once */
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
                bool unread;
                if (cmp_word_check(w, r, &unread))
                    r->failed++;
                else
                    r->passed++, r->unread += unread;
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
        t.unread += res[k].unread;
        t.digest += res[k].digest;
        for (unsigned op = 0; op < OP_COUNT; op++) {
            t.op_failed[op] += res[k].op_failed[op];
            t.op_fields[op] |= res[k].op_fields[op];
        }
    }
    for (unsigned op = 0; op < OP_COUNT; op++) {
        if (!t.op_failed[op])
            continue;
        printf("differ: %s %" PRIu64 " words, fields", decode_op_name(op), t.op_failed[op]);
        for (size_t j = 0; j < CMP_NFIELDS; j++)
            if (t.op_fields[op] >> j & 1)
                printf(" %s", cmp_fields[j].name);
        printf("\n");
    }
    if (bad)
        printf("FAIL decode_cmp: %d worker(s) crashed\n", bad);
    printf("old vs new decoder, words (w & %#" PRIx32 ") == %#" PRIx32 ", stride %" PRIu64 ": %" PRIu64
           " words\n",
           mask, match, stride, n);
    printf("%" PRIu64 " of them equal but for unread fields the new decoder leaves 0 (cmp_unread)\n",
           t.unread);
    printf("the new decoder's digest over them: 0x%016" PRIx64 "\n", t.digest);
    printf("%" PRIu64 " passed, %" PRIu64 " failed\n", t.passed, t.failed + (uint64_t)bad);
    return t.failed || bad || t.passed != n ? 1 : 0;
}

/* Unit tests for the translator's machinery (translator/): a translation
 * runs and leaves through its exits with the interpreter's results, an
 * unlinked direct exit is reported to the caller and, once linked, jumps
 * straight into the next translation; the entry's exit-request check; an
 * invalidation unlinks what jumped into the retired code and frees it after
 * the quiescent point; the jump cache of indirect branches; the recovery
 * of the guest instruction from a host pc; every condition tested on the
 * stored NZCV agrees with the interpreter's cond_holds; a superblock runs
 * on into the block its branch falls into and loops back to its head
 * inside; a BL's return frame brings its callee's RET back into the
 * caller's code, which then loops with the callee's results. */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "core/mem.h"
#include "core/options.h"
#include "interp/alu.h"
#include "interp/block.h"
#include "translator/internal.h"
#include "translator/jit.h"

#define JT_PAGE 0x60000000ull
#define JT_B (JT_PAGE + 0x100)
#define JT_RET_TO 0x60000800ull

static uint32_t jt_movz(unsigned rd, unsigned imm, bool x)
{
    return (x ? 0xd2800000u : 0x52800000u) | (imm & 0xffff) << 5 | rd;
}
static uint32_t jt_b(uint64_t from, uint64_t to) { return 0x14000000u | (uint32_t)(((to - from) >> 2) & 0x3ffffff); }
#define JT_RET 0xd65f03c0u

static struct cpu *jt_cpu;

static void jt_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    if (!jit_enabled) {
        opt.jit = true;
        opt.code_cache = 4ull << 20;
        ck_assert(jit_init());
    }
    ck_assert_int_eq(mprotect(guest_base + JT_PAGE, GUEST_PAGE, PROT_READ | PROT_WRITE), 0);
    mem_set_flags(JT_PAGE, GUEST_PAGE, mem_prot_flags(PROT_READ | PROT_WRITE | PROT_EXEC));
    uint32_t *w = (uint32_t *)(guest_base + JT_PAGE);
    /* A: x0 = 1; b B.   B: x1 = 2; ret (x30) */
    w[0] = jt_movz(0, 1, true);
    w[1] = jt_b(JT_PAGE + 4, JT_B);
    w[0x40] = jt_movz(1, 2, true);
    w[0x41] = JT_RET;
    block_invalidate(JT_PAGE, GUEST_PAGE);
    block_cache_quiesce();
    if (!jt_cpu) {
        jt_cpu = aligned_alloc(64, (sizeof *jt_cpu + 63) & ~(size_t)63);
        ck_assert_ptr_nonnull(jt_cpu);
    }
    memset(jt_cpu, 0, sizeof *jt_cpu);
    jt_cpu->x[30] = JT_RET_TO;
}

static struct jit_tb *jt_translate(uint64_t pc)
{
    struct block *b = block_get(jt_cpu, pc);
    struct jit_tb *t = jit_translate(jt_cpu, b);
    ck_assert_ptr_nonnull(t);
    ck_assert_ptr_eq(jit_of(b), t);
    return t;
}

START_TEST(test_jit_exits_and_links)
{
    jt_setup();
    struct jit_tb *a = jt_translate(JT_PAGE), *b = jt_translate(JT_B);
    jt_cpu->pc = JT_PAGE;
    struct jit_ret r = jit_run(jt_cpu, a);
    ck_assert_uint_eq(r.r, X_BRANCH);
    ck_assert_ptr_nonnull(r.exit); /* the direct exit to B, not linked yet */
    ck_assert_uint_eq(jt_cpu->pc, JT_B);
    ck_assert_uint_eq(jt_cpu->x[0], 1);
    ck_assert_uint_eq(jt_cpu->x[1], 0);
    jit_link(r.exit, b);
    /* linked: A runs on into B, whose RET misses the jump cache */
    jt_cpu->pc = JT_PAGE;
    r = jit_run(jt_cpu, a);
    ck_assert_uint_eq(r.r, X_BRANCH);
    ck_assert_ptr_null(r.exit);
    ck_assert_uint_eq(jt_cpu->pc, JT_RET_TO);
    ck_assert_uint_eq(jt_cpu->x[1], 2);
    /* an exit request stops at the next entry, before anything ran */
    jt_cpu->pc = JT_PAGE;
    jt_cpu->x[0] = 0;
    jt_cpu->exit_request = 1;
    r = jit_run(jt_cpu, a);
    ck_assert_uint_eq(r.r, X_BRANCH);
    ck_assert_ptr_null(r.exit);
    ck_assert_uint_eq(jt_cpu->pc, JT_PAGE);
    ck_assert_uint_eq(jt_cpu->x[0], 0);
    jt_cpu->exit_request = 0;
}
END_TEST

START_TEST(test_jit_invalidate_unlinks_and_frees)
{
    jt_setup();
    struct jit_tb *a = jt_translate(JT_PAGE), *b = jt_translate(JT_B);
    jt_cpu->pc = JT_PAGE;
    struct jit_ret r = jit_run(jt_cpu, a);
    jit_link(r.exit, b);
    struct jit_stats s0;
    jit_stats_get(&s0);
    /* B's code is rewritten: both blocks of the page are retired, so A's
     * exit is unlinked again and neither is found any more */
    ((uint32_t *)(guest_base + JT_PAGE))[0x40] = jt_movz(1, 3, true);
    ck_assert(block_invalidate(JT_B, 4));
    ck_assert_ptr_null(block_find(JT_B));
    jt_cpu->pc = JT_PAGE;
    r = jit_run(jt_cpu, a); /* a retired translation still runs to its end */
    ck_assert_ptr_nonnull(r.exit);
    ck_assert_uint_eq(jt_cpu->pc, JT_B);
    /* linking to or from retired code does nothing */
    jit_link(r.exit, b);
    jt_cpu->pc = JT_PAGE;
    r = jit_run(jt_cpu, a);
    ck_assert_ptr_nonnull(r.exit);
    /* no registered thread: the quiescent point frees both */
    ck_assert_uint_gt(block_cache_retired_pending(), 0);
    block_cache_quiesce();
    ck_assert_uint_eq(block_cache_retired_pending(), 0);
    /* the new code translates and runs */
    struct jit_tb *b2 = jt_translate(JT_B);
    jt_cpu->pc = JT_B;
    jit_run(jt_cpu, b2);
    ck_assert_uint_eq(jt_cpu->x[1], 3);
}
END_TEST

START_TEST(test_jit_jump_cache)
{
    jt_setup();
    /* RET to A: the jump cache holds A once the engine has entered it */
    jt_cpu->x[30] = JT_PAGE;
    struct jit_tb *a = jt_translate(JT_PAGE), *b = jt_translate(JT_B);
    jit_note_entry(a);
    ck_assert_ptr_eq(jit_jcache[jit_jcache_slot(JT_PAGE)], a->code);
    /* B: x1 = 2; ret -> A (through the cache): x0 = 1; b B -> unlinked exit */
    jt_cpu->pc = JT_B;
    struct jit_ret r = jit_run(jt_cpu, b);
    ck_assert_ptr_nonnull(r.exit);
    ck_assert_uint_eq(jt_cpu->x[0], 1);
    ck_assert_uint_eq(jt_cpu->pc, JT_B);
    /* retirement takes A out of the cache */
    block_invalidate(JT_PAGE, GUEST_PAGE);
    ck_assert_ptr_null(jit_jcache[jit_jcache_slot(JT_PAGE)]);
    block_cache_quiesce();
}
END_TEST

START_TEST(test_jit_recover)
{
    jt_setup();
    struct jit_tb *a = jt_translate(JT_PAGE);
    /* every host byte of the translation maps to one of its instructions,
     * in order; outside it nothing is recovered */
    uint32_t last = 0;
    for (uint32_t off = 0; off < a->size; off++) {
        jt_cpu->cur = NULL;
        if (!jit_recover(jt_cpu, (uintptr_t)a->code + off, NULL))
            continue;
        uint32_t k = (uint32_t)(jt_cpu->cur - a->b->insns);
        ck_assert_uint_ge(k, last);
        ck_assert_uint_lt(k, a->b->n);
        last = k;
    }
    jt_cpu->cur = NULL;
    ck_assert(jit_recover(jt_cpu, (uintptr_t)a->code, NULL));
    ck_assert_ptr_eq(jt_cpu->cur, &a->b->insns[0]);
    ck_assert(!jit_recover(jt_cpu, (uintptr_t)&jt_setup, NULL));
    block_invalidate(JT_PAGE, GUEST_PAGE);
    block_cache_quiesce();
}
END_TEST

/* CSINC x0, xzr, xzr, cond (CSET x0, !cond) */
static uint32_t jt_cset_inv(unsigned cond) { return 0x9a9f07e0u | cond << 12; }

START_TEST(test_jit_cond)
{
    jt_setup();
    uint32_t *w = (uint32_t *)(guest_base + JT_PAGE);
    for (unsigned cond = 0; cond < 16; cond++) {
        w[0x200 + 2 * cond] = jt_cset_inv(cond);
        w[0x201 + 2 * cond] = JT_RET;
    }
    block_invalidate(JT_PAGE, GUEST_PAGE);
    block_cache_quiesce();
    for (unsigned cond = 0; cond < 16; cond++) {
        struct jit_tb *t = jt_translate(JT_PAGE + 0x800 + 8 * cond);
        for (uint32_t v = 0; v < 16; v++) {
            jt_cpu->nzcv = v << 28;
            jt_cpu->x[0] = 99;
            jt_cpu->pc = t->pc;
            ck_assert_uint_eq(jit_run(jt_cpu, t).r, X_BRANCH);
            ck_assert_msg(jt_cpu->x[0] == (cond_holds(v << 28, cond) ? 0u : 1u), "cond %u nzcv %x", cond, v);
        }
    }
    block_invalidate(JT_PAGE, GUEST_PAGE);
    block_cache_quiesce();
}
END_TEST

START_TEST(test_jit_superblock_loop)
{
    jt_setup();
    uint32_t *w = (uint32_t *)(guest_base + JT_PAGE + 0x400);
    w[0] = 0x91000400u; /* H: add x0, x0, #1 */
    w[1] = 0xf100281fu; /*    cmp x0, #10 */
    w[2] = 0x54ffffc1u; /*    b.ne H */
    w[3] = jt_movz(1, 7, true); /* F: x1 = 7 */
    w[4] = JT_RET;
    block_invalidate(JT_PAGE, GUEST_PAGE);
    block_cache_quiesce();
    block_get(jt_cpu, JT_PAGE + 0x40c); /* F has run: the superblock takes it */
    struct jit_tb *t = jt_translate(JT_PAGE + 0x400);
    ck_assert_uint_eq(t->nblk, 2);
    ck_assert(t->loops);
    jt_cpu->pc = t->pc;
    jt_cpu->x[0] = 0;
    jt_cpu->x[1] = 0;
    ck_assert_uint_eq(jit_run(jt_cpu, t).r, X_BRANCH);
    ck_assert_uint_eq(jt_cpu->x[0], 10);
    ck_assert_uint_eq(jt_cpu->x[1], 7);
    ck_assert_uint_eq(jt_cpu->pc, JT_RET_TO);
    ck_assert_uint_eq(jt_cpu->nzcv, 0x60000000u); /* Z C of 10 - 10 */
    /* an exit request leaves at the loop label with the state exact */
    jt_cpu->pc = t->pc;
    jt_cpu->x[0] = 3;
    jt_cpu->exit_request = 1;
    ck_assert_uint_eq(jit_run(jt_cpu, t).r, X_BRANCH);
    ck_assert_uint_eq(jt_cpu->pc, t->pc);
    ck_assert_uint_eq(jt_cpu->x[0], 3);
    jt_cpu->exit_request = 0;
    /* the recovery records name both blocks' instructions */
    bool seen_f = false;
    for (uint32_t off = 0; off < t->size; off++) {
        jt_cpu->cur = NULL;
        if (jit_recover(jt_cpu, (uintptr_t)t->code + off, NULL))
            seen_f |= jt_cpu->cur->pc == JT_PAGE + 0x40c;
    }
    ck_assert(seen_f);
    block_invalidate(JT_PAGE, GUEST_PAGE);
    block_cache_quiesce();
}
END_TEST

/* return frames: a BL calls its linked callee, whose RET returns to the
 * code after the call; here that return address is the translation's loop
 * head (the BL ends the block just before it), so the way back must load
 * the registers the callee changed, not keep the caller's copies */
START_TEST(test_jit_ras_loop)
{
    jt_setup();
    uint32_t *w = (uint32_t *)(guest_base + JT_PAGE + 0xa00);
    const uint64_t X = JT_PAGE + 0xa00, H = X + 8, G = X + 0x40, OUT = JT_PAGE + 0xc00;
    w[0] = 0x91000421u;        /* X: add x1, x1, #1 */
    w[1] = 0x9400000fu;        /*    bl G */
    w[2] = 0x91000400u;        /* H: add x0, x0, #1 */
    w[3] = jt_b(H + 4, X);     /*    b X */
    w[0x10] = 0x91019021u;     /* G: add x1, x1, #100 */
    w[0x11] = 0xf100141fu;     /*    cmp x0, #5 */
    w[0x12] = 0x5400004au;     /*    b.ge +8 */
    w[0x13] = JT_RET;          /*    ret */
    w[0x14] = jt_b(G + 0x10, OUT);
    block_invalidate(JT_PAGE, GUEST_PAGE);
    block_cache_quiesce();
    block_get(jt_cpu, X); /* X has run: H's superblock takes it */
    block_get(jt_cpu, G + 0xc); /* and G's takes its RET */
    struct jit_tb *g = jt_translate(G), *h = jt_translate(H);
    ck_assert_uint_eq(h->nblk, 2);
    bool linked = false;
    for (uint32_t k = 0; k < h->nexit; k++)
        if (h->exits[k].target == G) {
            jit_link(&h->exits[k], g);
            linked = true;
        }
    ck_assert(linked);
    jt_cpu->pc = H;
    jt_cpu->x[0] = 0;
    jt_cpu->x[1] = 0;
    ck_assert_uint_eq(jit_run(jt_cpu, h).r, X_BRANCH);
    ck_assert_uint_eq(jt_cpu->pc, G + 0x10); /* its B to OUT: not translated */
    ck_assert_uint_eq(jt_cpu->x[0], 5);
    ck_assert_uint_eq(jt_cpu->x[1], 5 * 101);
    ck_assert_uint_eq(jt_cpu->x[30], H);
    block_invalidate(JT_PAGE, GUEST_PAGE);
    block_cache_quiesce();
}
END_TEST

/* a superblock goes on at a conditional branch's target when its
 * fall-through has not run: the fall-through is the side exit, on the
 * inverse condition */
START_TEST(test_jit_superblock_taken)
{
    jt_setup();
    uint32_t *w = (uint32_t *)(guest_base + JT_PAGE + 0xe00);
    const uint64_t H = JT_PAGE + 0xe00, F = H + 12, T = H + 0x40;
    w[0] = 0x91000400u;        /* H: add x0, x0, #1 */
    w[1] = 0xf100281fu;        /*    cmp x0, #10 */
    w[2] = 0x540001c3u;        /*    b.lo T (+0x38) */
    w[3] = jt_movz(2, 9, true); /* F: x2 = 9 */
    w[4] = JT_RET;
    w[0x10] = 0x91000821u;     /* T: add x1, x1, #2 */
    w[0x11] = JT_RET;
    block_invalidate(JT_PAGE, GUEST_PAGE);
    block_cache_quiesce();
    block_get(jt_cpu, T); /* T has run, F has not */
    struct jit_tb *t = jt_translate(H);
    ck_assert_uint_eq(t->nblk, 2);
    ck_assert_uint_eq(t->blk[1]->pc, T);
    jt_cpu->pc = H;
    jt_cpu->x[0] = 0;
    jt_cpu->x[1] = 5;
    jt_cpu->x[2] = 0;
    ck_assert_uint_eq(jit_run(jt_cpu, t).r, X_BRANCH);
    ck_assert_uint_eq(jt_cpu->pc, JT_RET_TO);
    ck_assert_uint_eq(jt_cpu->x[1], 7);
    ck_assert_uint_eq(jt_cpu->nzcv, 0x80000000u); /* N of 1 - 10 */
    /* not taken: the side exit to F */
    jt_cpu->pc = H;
    jt_cpu->x[0] = 9;
    ck_assert_uint_eq(jit_run(jt_cpu, t).r, X_BRANCH);
    ck_assert_uint_eq(jt_cpu->pc, F);
    ck_assert_uint_eq(jt_cpu->x[1], 7);
    ck_assert_uint_eq(jt_cpu->x[2], 0);
    ck_assert_uint_eq(jt_cpu->nzcv, 0x60000000u); /* Z C of 10 - 10 */
    block_invalidate(JT_PAGE, GUEST_PAGE);
    block_cache_quiesce();
}
END_TEST

Suite *suite_jit(void)
{
    Suite *s = suite_create("jit");
    TCase *tc = tcase_create("jit");
    tcase_add_test(tc, test_jit_exits_and_links);
    tcase_add_test(tc, test_jit_invalidate_unlinks_and_frees);
    tcase_add_test(tc, test_jit_jump_cache);
    tcase_add_test(tc, test_jit_recover);
    tcase_add_test(tc, test_jit_cond);
    tcase_add_test(tc, test_jit_superblock_loop);
    tcase_add_test(tc, test_jit_ras_loop);
    tcase_add_test(tc, test_jit_superblock_taken);
    suite_add_tcase(s, tc);
    return s;
}

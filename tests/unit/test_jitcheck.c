/* Unit tests of the lockstep checker (translator/check.c) on real
 * translations of small blocks written into guest memory: a checked run
 * leaves the state of one run, not two (the entry state is put back before
 * the interpreter's run), the FP/SIMD registers included and left alone by
 * a block without them; a block with a store through its interpreter
 * routine, or with a barrier, runs once and is counted unchecked; and a
 * difference (PVM_CHECK_JIT_SELFTEST's corrupted x0) ends the process with
 * status 70 after the report, seen from a forked child. */
#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/options.h"
#include "interp/block.h"
#include "translator/check.h"
#include "translator/jit.h"

#define JC_CODE 0x58000000ull /* one code page, then one data page */
#define JC_DATA (JC_CODE + GUEST_PAGE)
#define JC_RET_TO 0x1234ull

static struct cpu *jc;

static void jc_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert_int_eq(mprotect(guest_base + JC_CODE, 2 * GUEST_PAGE, PROT_READ | PROT_WRITE), 0);
    mem_set_flags(JC_CODE, 2 * GUEST_PAGE, mem_prot_flags(PROT_READ | PROT_WRITE | PROT_EXEC));
    if (!jit_enabled) {
        opt.jit = true;
        opt.code_cache = 16u << 20;
        ck_assert(jit_init());
    }
    opt.check_jit = true;
    unsetenv("PVM_CHECK_JIT_SELFTEST");
    jit_check_init();
    ck_assert(jit_check_on());
    jc = aligned_alloc(64, (sizeof *jc + 63) & ~(size_t)63);
    ck_assert_ptr_nonnull(jc);
    memset(jc, 0, sizeof *jc);
}

/* the checker off again: the other suites' translations chain */
static void jc_teardown(void)
{
    block_invalidate(JC_CODE, GUEST_PAGE);
    block_cache_quiesce();
    free(jc);
    opt.check_jit = false;
    jit_check_init();
}

/* words at JC_CODE (the caller ends them with a RET), translated; c->pc set */
static struct jit_tb *jc_block(const uint32_t *w, unsigned n)
{
    block_invalidate(JC_CODE, GUEST_PAGE);
    memcpy(guest_base + JC_CODE, w, 4 * n);
    jc->pc = JC_CODE;
    jc->x[30] = JC_RET_TO;
    struct block *b = block_get(jc, JC_CODE);
    ck_assert_ptr_nonnull(b);
    ck_assert_uint_ge(b->n, n); /* and OP_END_BLOCK, the pseudo-op after a RET */
    struct jit_tb *t = jit_translate(jc, b);
    ck_assert_ptr_nonnull(t);
    return t;
}

START_TEST(test_jitcheck_once)
{
    /* add x0, x0, #1; add x1, x1, x0; ret */
    static const uint32_t w[] = {0x91000400, 0x8b000021, 0xd65f03c0};
    struct jit_tb *t = jc_block(w, 3);
    uint64_t c0, u0, c1, u1;
    jit_check_counts(&c0, &u0);
    jc->x[0] = 41;
    jc->x[1] = 100;
    struct jit_ret r = jit_check_run(jc, t);
    ck_assert_uint_eq(r.r, X_BRANCH);
    ck_assert_ptr_null(r.exit);
    ck_assert_uint_eq(jc->pc, JC_RET_TO);
    ck_assert_uint_eq(jc->x[0], 42);
    ck_assert_uint_eq(jc->x[1], 142);
    jit_check_counts(&c1, &u1);
    ck_assert_uint_eq(c1, c0 + 1);
    ck_assert_uint_eq(u1, u0);
}
END_TEST

/* the FP/SIMD registers: a block that uses them is checked with them, one
 * that does not leaves them as they are (regression: the entry copy of a
 * block without them, stale, was put back into v0..v31) */
START_TEST(test_jitcheck_vregs)
{
    /* add v0.2d, v0.2d, v1.2d; ret */
    static const uint32_t vadd[] = {0x4ee18400, 0xd65f03c0};
    struct jit_tb *t = jc_block(vadd, 2);
    jc->v[0].d[0] = 1, jc->v[0].d[1] = 2;
    jc->v[1].d[0] = 10, jc->v[1].d[1] = 20;
    ck_assert_uint_eq(jit_check_run(jc, t).r, X_BRANCH);
    ck_assert_uint_eq(jc->v[0].d[0], 11);
    ck_assert_uint_eq(jc->v[0].d[1], 22);
    /* add x0, x0, #1; add x1, x1, x0; ret: no vector register */
    static const uint32_t w[] = {0x91000400, 0x8b000021, 0xd65f03c0};
    t = jc_block(w, 3);
    jc->v[0].d[0] = 5;
    jc->v[7].d[1] = 6;
    ck_assert_uint_eq(jit_check_run(jc, t).r, X_BRANCH);
    ck_assert_uint_eq(jc->v[0].d[0], 5);
    ck_assert_uint_eq(jc->v[0].d[1], 22);
    ck_assert_uint_eq(jc->v[7].d[1], 6);
}
END_TEST

START_TEST(test_jitcheck_skips)
{
    /* str x0, [x2]; ldr x3, [x2]; ret: the store goes through its routine
     * (no native stores yet) or is native; either way one store, one load */
    static const uint32_t st[] = {0xf9000040, 0xf9400043, 0xd65f03c0};
    struct jit_tb *t = jc_block(st, 3);
    uint64_t c0, u0, c1, u1;
    jit_check_counts(&c0, &u0);
    uint64_t *d = (uint64_t *)(guest_base + JC_DATA);
    *d = 5;
    jc->x[0] = 77;
    jc->x[2] = JC_DATA;
    ck_assert_uint_eq(jit_check_run(jc, t).r, X_BRANCH);
    ck_assert_uint_eq(*d, 77);
    ck_assert_uint_eq(jc->x[3], 77);
    jit_check_counts(&c1, &u1);
    ck_assert_uint_eq(c1 + u1, c0 + u0 + 1);
    /* dmb ish; ret: a barrier is never run twice */
    static const uint32_t dmb[] = {0xd5033bbf, 0xd65f03c0};
    t = jc_block(dmb, 2);
    jit_check_counts(&c0, &u0);
    ck_assert_uint_eq(jit_check_run(jc, t).r, X_BRANCH);
    jit_check_counts(&c1, &u1);
    ck_assert_uint_eq(c1, c0);
    ck_assert_uint_eq(u1, u0 + 1);
}
END_TEST

START_TEST(test_jitcheck_report)
{
    static const uint32_t w[] = {0x91000400, 0x8b000021, 0xd65f03c0};
    struct jit_tb *t = jc_block(w, 3);
    char path[] = "/tmp/pvm-jitcheck-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    unlink(path);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        dup2(fd, 2);
        setenv("PVM_CHECK_JIT_SELFTEST", "1", 1);
        jit_check_init();
        jit_check_run(jc, t);
        _exit(0); /* not reached: the report exits */
    }
    int st;
    ck_assert_int_eq(waitpid(pid, &st, 0), pid);
    ck_assert(WIFEXITED(st));
    ck_assert_int_eq(WEXITSTATUS(st), JIT_CHECK_STATUS);
    char buf[8192];
    ssize_t n = pread(fd, buf, sizeof buf - 1, 0);
    close(fd);
    ck_assert_int_gt(n, 0);
    buf[n] = 0;
    ck_assert_ptr_nonnull(strstr(buf, "pvm: check-jit: block 0x58000000 (3 instructions"));
    ck_assert_ptr_nonnull(strstr(buf, "differ in x0\n"));
    ck_assert_ptr_nonnull(strstr(buf, "* x0       0x0000000000000000 0x0000000000000000 0x0000000000000001"));
    ck_assert_ptr_nonnull(strstr(buf, "  0x58000008  ret"));
}
END_TEST

Suite *suite_jitcheck(void)
{
    Suite *s = suite_create("jitcheck");
    TCase *t = tcase_create("lockstep");
    tcase_add_checked_fixture(t, jc_setup, jc_teardown);
    tcase_add_test(t, test_jitcheck_once);
    tcase_add_test(t, test_jitcheck_vregs);
    tcase_add_test(t, test_jitcheck_skips);
    tcase_add_test(t, test_jitcheck_report);
    suite_add_tcase(s, t);
    return s;
}

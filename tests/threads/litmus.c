/* Memory-model litmus tests on two threads, each run for up to LIT_ITERS
 * iterations or LIT_S seconds, counting every outcome. The instructions are
 * inline asm, so the compiler emits exactly the accesses and barriers named:
 *   mp_stlr_ldar  P0: str data; stlr flag   P1: ldar flag; ldr data   forbidden flag=1 data=0
 *   mp_dmb        P0: str; dmb ish; str      P1: ldr; dmb ish; ldr      forbidden flag=1 data=0
 *   sb_stlr_ldar  P0: stlr x; ldar y         P1: stlr y; ldar x         forbidden 0/0 (arm64's
 *                 STLR then LDAR of another address is ordered: release and acquire are RCsc)
 *   sb_dmb        P0: str x; dmb ish; ldr y  P1: str y; dmb ish; ldr x  forbidden 0/0
 *   lb_dmb        P0: ldr x; dmb ish; str y  P1: ldr y; dmb ish; str x  forbidden 1/1
 *   w22_dmb       2+2W P0: str x=1; dmb ish; str y=2  P1: str y=1; dmb ish; str x=2
 *                 forbidden final x=1 y=1
 *   mp_plain, sb_plain, lb_plain: no barriers; every outcome is allowed on
 *                 arm64, the relaxed one is only counted (SB shows 0/0 on
 *                 arm64 hardware and on an x86 host's store buffer alike).
 * A run without the forbidden outcome is evidence, not proof; the counts go
 * to "info" lines so a run shows how often the relaxed outcomes appeared.
 * Each iteration uses fresh zeroed locations; the two threads meet at a
 * counter before each one and wait a few varying spins, so they race. */
#include "thrtest.h"

#define LIT_ITERS 2000000
#define LIT_S 2.0
#define LIT_BATCH 2048
/* fewer iterations than this means the harness is broken (a thread that
 * never ran); a loaded machine (threads that seldom run at once) gives few
 * overlapping iterations, which the info line shows */
#define LIT_MIN_ITERS 1000

#ifdef __aarch64__
struct lit_mem {
    _Alignas(64) uint32_t x[LIT_BATCH];
    _Alignas(64) uint32_t y[LIT_BATCH];
    _Alignas(64) uint32_t r0[LIT_BATCH];
    _Alignas(64) uint32_t r1[LIT_BATCH];
    _Alignas(64) atomic_ulong meet; /* both threads add 1 before each iteration */
    _Alignas(64) atomic_int stop;
};
static struct lit_mem L;

/* the body of each thread for one iteration: x, y the locations, r the result slot */
typedef void (*lit_body)(uint32_t *x, uint32_t *y, uint32_t *r);

#define ASM_BODY(name, text)                                                                               \
    static inline void name(uint32_t *x, uint32_t *y, uint32_t *r)                                         \
    {                                                                                                      \
        uint32_t one = 1, two = 2, v, tmp;                                                                 \
        __asm__ volatile(text : [v] "=&r"(v), [t] "=&r"(tmp) : [x] "r"(x), [y] "r"(y), [one] "r"(one),     \
                         [two] "r"(two) : "memory");                                                      \
        (void)tmp;                                                                                         \
        *r = v;                                                                                            \
    }

/* MP: x is the data, y the flag; P1's result is flag << 1 | data */
ASM_BODY(mp_plain_p0, "str %w[one], [%[x]]\n\tstr %w[one], [%[y]]\n\tmov %w[v], #0")
ASM_BODY(mp_plain_p1, "ldr %w[v], [%[y]]\n\tldr %w[t], [%[x]]\n\tadd %w[v], %w[t], %w[v], lsl #1")
ASM_BODY(mp_rel_p0, "str %w[one], [%[x]]\n\tstlr %w[one], [%[y]]\n\tmov %w[v], #0")
ASM_BODY(mp_acq_p1, "ldar %w[v], [%[y]]\n\tldr %w[t], [%[x]]\n\tadd %w[v], %w[t], %w[v], lsl #1")
ASM_BODY(mp_dmb_p0, "str %w[one], [%[x]]\n\tdmb ish\n\tstr %w[one], [%[y]]\n\tmov %w[v], #0")
ASM_BODY(mp_dmb_p1, "ldr %w[v], [%[y]]\n\tdmb ish\n\tldr %w[t], [%[x]]\n\tadd %w[v], %w[t], %w[v], lsl #1")
/* SB: each thread's result is the other's location */
ASM_BODY(sb_plain_p0, "str %w[one], [%[x]]\n\tldr %w[v], [%[y]]")
ASM_BODY(sb_plain_p1, "str %w[one], [%[y]]\n\tldr %w[v], [%[x]]")
ASM_BODY(sb_rel_acq_p0, "stlr %w[one], [%[x]]\n\tldar %w[v], [%[y]]")
ASM_BODY(sb_rel_acq_p1, "stlr %w[one], [%[y]]\n\tldar %w[v], [%[x]]")
ASM_BODY(sb_dmb_p0, "str %w[one], [%[x]]\n\tdmb ish\n\tldr %w[v], [%[y]]")
ASM_BODY(sb_dmb_p1, "str %w[one], [%[y]]\n\tdmb ish\n\tldr %w[v], [%[x]]")
/* LB: each thread reads one location, then writes the other */
ASM_BODY(lb_plain_p0, "ldr %w[v], [%[x]]\n\tstr %w[one], [%[y]]")
ASM_BODY(lb_plain_p1, "ldr %w[v], [%[y]]\n\tstr %w[one], [%[x]]")
ASM_BODY(lb_dmb_p0, "ldr %w[v], [%[x]]\n\tdmb ish\n\tstr %w[one], [%[y]]")
ASM_BODY(lb_dmb_p1, "ldr %w[v], [%[y]]\n\tdmb ish\n\tstr %w[one], [%[x]]")
/* 2+2W: the outcome is the final x and y */
ASM_BODY(w22_dmb_p0, "str %w[one], [%[x]]\n\tdmb ish\n\tstr %w[two], [%[y]]\n\tmov %w[v], #0")
ASM_BODY(w22_dmb_p1, "str %w[one], [%[y]]\n\tdmb ish\n\tstr %w[two], [%[x]]\n\tmov %w[v], #0")

/* outcome index 0..3 of iteration i, after both threads finished it */
typedef int (*lit_outcome)(int i);
static int out_mp(int i) { return (int)(L.r1[i] & 3); } /* flag<<1|data */
static int out_pair(int i) { return (int)((L.r0[i] & 1) << 1 | (L.r1[i] & 1)); }
static int out_w22(int i) { return (int)(((L.x[i] - 1) & 1) << 1 | ((L.y[i] - 1) & 1)); }

struct lit_test {
    const char *name;
    lit_body p0, p1;
    lit_outcome outcome;
    const char *labels[4];
    int forbidden; /* outcome index, or -1 */
    int relaxed;   /* the allowed but relaxed outcome, or -1 */
};

static const struct lit_test tests[] = {
    { "mp_plain", mp_plain_p0, mp_plain_p1, out_mp, { "flag=0 data=0", "flag=0 data=1", "flag=1 data=0", "flag=1 data=1" }, -1, 2 },
    { "mp_stlr_ldar", mp_rel_p0, mp_acq_p1, out_mp, { "flag=0 data=0", "flag=0 data=1", "flag=1 data=0", "flag=1 data=1" }, 2, -1 },
    { "mp_dmb", mp_dmb_p0, mp_dmb_p1, out_mp, { "flag=0 data=0", "flag=0 data=1", "flag=1 data=0", "flag=1 data=1" }, 2, -1 },
    { "sb_plain", sb_plain_p0, sb_plain_p1, out_pair, { "0/0", "0/1", "1/0", "1/1" }, -1, 0 },
    { "sb_stlr_ldar", sb_rel_acq_p0, sb_rel_acq_p1, out_pair, { "0/0", "0/1", "1/0", "1/1" }, 0, -1 },
    { "sb_dmb", sb_dmb_p0, sb_dmb_p1, out_pair, { "0/0", "0/1", "1/0", "1/1" }, 0, -1 },
    { "lb_plain", lb_plain_p0, lb_plain_p1, out_pair, { "0/0", "0/1", "1/0", "1/1" }, -1, 3 },
    { "lb_dmb", lb_dmb_p0, lb_dmb_p1, out_pair, { "0/0", "0/1", "1/0", "1/1" }, 3, -1 },
    { "w22_dmb", w22_dmb_p0, w22_dmb_p1, out_w22, { "x=1 y=1", "x=1 y=2", "x=2 y=1", "x=2 y=2" }, 0, -1 },
};

static const struct lit_test *cur;

/* a meeting point of the two threads: each counts its own meetings in *k
 * (both meet equally often, in the same order); spins on the shared
 * counter, yielding when the other thread is not running */
static inline void lit_meet(unsigned long *k)
{
    atomic_fetch_add(&L.meet, 1);
    unsigned long want = 2 * ++*k;
    for (unsigned spins = 0; atomic_load_explicit(&L.meet, memory_order_acquire) < want; spins++)
        if (spins > 2000)
            sched_yield();
}

static inline void lit_delay(unsigned n)
{
    for (unsigned j = 0; j < n; j++)
        __asm__ volatile("" ::: "memory");
}

/* one batch of one thread (who 0 or 1): a meeting before each iteration */
static void lit_batch(int who, unsigned long *k)
{
    lit_body body = who ? cur->p1 : cur->p0;
    uint32_t *res = who ? L.r1 : L.r0;
    for (int i = 0; i < LIT_BATCH; i++) {
        lit_meet(k);
        /* varying offsets between the two, so some iterations overlap exactly */
        lit_delay(who ? (unsigned)(*k * 7 % 11) : (unsigned)(*k * 5 % 13));
        body(&L.x[i], &L.y[i], &res[i]);
    }
}

static void *lit_p1(void *arg)
{
    (void)arg;
    unsigned long k = 0;
    for (;;) {
        lit_meet(&k); /* the batch's start: the arrays are zero */
        if (atomic_load(&L.stop))
            break;
        lit_batch(1, &k);
        lit_meet(&k); /* the batch's end: P0 reads the results */
    }
    return NULL;
}

static void lit_run(const struct lit_test *t)
{
    cur = t;
    memset(&L, 0, sizeof L);
    pthread_t p1;
    if (!thr_create(&p1, lit_p1, NULL))
        return;
    unsigned long k = 0, n[4] = { 0, 0, 0, 0 }, iters = 0;
    double t0 = t_now(), dt;
    for (;;) {
        dt = t_now() - t0;
        if (iters >= LIT_ITERS || dt >= LIT_S)
            atomic_store(&L.stop, 1);
        lit_meet(&k);
        if (atomic_load(&L.stop))
            break;
        lit_batch(0, &k);
        lit_meet(&k);
        for (int i = 0; i < LIT_BATCH; i++)
            n[t->outcome(i)]++;
        iters += LIT_BATCH;
        memset(L.x, 0, sizeof L.x);
        memset(L.y, 0, sizeof L.y);
        memset(L.r0, 0, sizeof L.r0);
        memset(L.r1, 0, sizeof L.r1);
    }
    thr_join(p1, NULL);
    char counts[300];
    int len = 0;
    for (int o = 0; o < 4; o++)
        len += snprintf(counts + len, sizeof counts - (size_t)len, "%s%s %lu%s", o ? ", " : "", t->labels[o], n[o],
                        o == t->forbidden ? " (forbidden)" : o == t->relaxed ? " (relaxed, allowed)" : "");
    t_write("info %s: %lu iterations in %.2f s: %s\n", t->name, iters, dt, counts);
    if (t->forbidden >= 0)
        EXPECT(n[t->forbidden] == 0, "the forbidden outcome %s %lu times in %lu iterations", t->labels[t->forbidden],
               n[t->forbidden], iters);
    EXPECT(iters >= LIT_MIN_ITERS, "only %lu iterations in %.2f s", iters, dt);
}

static const struct lit_test *case_test;
static void case_litmus(void) { lit_run(case_test); }
#endif

int main(void)
{
#ifdef __aarch64__
    for (size_t i = 0; i < sizeof tests / sizeof tests[0]; i++) {
        case_test = &tests[i];
        thr_case(tests[i].name, case_litmus, THR_CASE_S);
    }
#else
    static const char *const names[] = { "mp_plain", "mp_stlr_ldar", "mp_dmb", "sb_plain", "sb_stlr_ldar",
                                         "sb_dmb", "lb_plain", "lb_dmb", "w22_dmb" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        t_write("skip %s: AArch64 only (inline asm)\n", names[i]);
#endif
    return 0;
}

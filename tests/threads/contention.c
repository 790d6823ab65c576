/* Contention with exact totals: 64 threads incrementing under a mutex;
 * errorcheck mutexes across threads (EDEADLK, EPERM, EBUSY); producers and
 * consumers on a bounded queue with condition variables (every item consumed
 * exactly once); a broadcast wakes every waiter; a timed wait times out;
 * barriers (one serial thread per round, every slot of a round written
 * before anyone passes); a rwlock (writers alone, readers never see a
 * half-done write); C11 atomics (fetch_add relaxed and seq_cst, a
 * compare-exchange loop) by 64 threads; and 128-bit compare-and-swap on a
 * 16-byte aligned pair, compiled for LSE (CASPAL, needs HWCAP_ATOMICS) and
 * for ARMv8.0 (LDXP/STLXP loops), with a reader whose atomic 128-bit reads
 * (CASP, or LDXP/STXP writing the value back) never see a torn pair.
 * Every total is compared exactly, every run. */
#include "thrtest.h"

#include <sys/auxv.h>
#ifdef __aarch64__
#include <asm/hwcap.h>
#endif

#define NT 64

/* run fn(i) in n threads started together; whether all were created */
static struct thr_gate run_gate;
static void *(*run_fn)(int);

static void *run_trampoline(void *arg)
{
    thr_gate_wait(&run_gate, (int)(intptr_t)((uintptr_t)arg >> 16));
    return run_fn((int)((uintptr_t)arg & 0xffff));
}

static int run_threads(int n, void *(*fn)(int), void **rets)
{
    pthread_t t[NT];
    memset(&run_gate, 0, sizeof run_gate);
    run_fn = fn;
    int made = 0;
    for (; made < n; made++)
        if (!thr_create(&t[made], run_trampoline, (void *)(((uintptr_t)n << 16) | (uintptr_t)made)))
            break;
    if (made < n) /* let the ones made pass the gate */
        atomic_fetch_add(&run_gate.arrived, n - made);
    for (int i = 0; i < made; i++)
        thr_join(t[i], rets ? &rets[i] : NULL);
    return made == n;
}

/* -- mutex -- */
#define MUTEX_N 2000
static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static long mtx_total; /* plain: only the mutex orders it */
static int mtx_inside;

static void *mutex_worker(int i)
{
    (void)i;
    long bad = 0;
    for (int k = 0; k < MUTEX_N; k++) {
        pthread_mutex_lock(&mtx);
        if (mtx_inside++)
            bad++;
        mtx_total++;
        mtx_inside--;
        pthread_mutex_unlock(&mtx);
    }
    return (void *)bad;
}

static void case_mutex_64(void)
{
    void *rets[NT];
    if (!run_threads(NT, mutex_worker, rets))
        return;
    long bad = 0;
    for (int i = 0; i < NT; i++)
        bad += (long)rets[i];
    EXPECT(mtx_total == (long)NT * MUTEX_N, "total %ld, want %ld", mtx_total, (long)NT * MUTEX_N);
    EXPECT(bad == 0, "%ld times two threads were inside the mutex", bad);
}

static pthread_mutex_t ec;

static void *errorcheck_other(void *arg)
{
    (void)arg;
    long r = pthread_mutex_unlock(&ec); /* not the owner */
    int t = pthread_mutex_trylock(&ec);
    return (void *)((r << 8) | t);
}

static void case_mutex_errorcheck(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    pthread_mutexattr_settype(&a, PTHREAD_MUTEX_ERRORCHECK);
    pthread_mutex_init(&ec, &a);
    EXPECT(pthread_mutex_lock(&ec) == 0, "lock");
    int e = pthread_mutex_lock(&ec);
    EXPECT(e == EDEADLK, "relock by the owner: %s, want EDEADLK", strerror(e));
    pthread_t t;
    void *r = NULL;
    if (thr_create(&t, errorcheck_other, NULL) && thr_join(t, &r)) {
        int un = (int)((long)r >> 8), tr = (int)((long)r & 0xff);
        EXPECT(un == EPERM, "unlock by another thread: %s, want EPERM", strerror(un));
        EXPECT(tr == EBUSY, "trylock by another thread: %s, want EBUSY", strerror(tr));
    }
    EXPECT(pthread_mutex_unlock(&ec) == 0, "unlock by the owner");
}

/* -- condition variables: producers and consumers on a bounded queue -- */
#define PC_PROD 4
#define PC_CONS 4
#define PC_ITEMS 5000 /* per producer */
#define PC_QLEN 8
static pthread_mutex_t pc_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t pc_notfull = PTHREAD_COND_INITIALIZER, pc_notempty = PTHREAD_COND_INITIALIZER;
static int pc_q[PC_QLEN], pc_head, pc_len, pc_producers_left;
static unsigned char pc_seen[PC_PROD * PC_ITEMS];

static void *pc_worker(int i)
{
    if (i < PC_PROD) {
        for (int k = 0; k < PC_ITEMS; k++) {
            pthread_mutex_lock(&pc_mtx);
            while (pc_len == PC_QLEN)
                pthread_cond_wait(&pc_notfull, &pc_mtx);
            pc_q[(pc_head + pc_len++) % PC_QLEN] = i * PC_ITEMS + k;
            pthread_cond_signal(&pc_notempty);
            pthread_mutex_unlock(&pc_mtx);
        }
        pthread_mutex_lock(&pc_mtx);
        if (--pc_producers_left == 0)
            pthread_cond_broadcast(&pc_notempty);
        pthread_mutex_unlock(&pc_mtx);
        return NULL;
    }
    long got = 0;
    for (;;) {
        pthread_mutex_lock(&pc_mtx);
        while (pc_len == 0 && pc_producers_left > 0)
            pthread_cond_wait(&pc_notempty, &pc_mtx);
        if (pc_len == 0) {
            pthread_mutex_unlock(&pc_mtx);
            break;
        }
        int item = pc_q[pc_head];
        pc_head = (pc_head + 1) % PC_QLEN;
        pc_len--;
        pc_seen[item]++;
        pthread_cond_signal(&pc_notfull);
        pthread_mutex_unlock(&pc_mtx);
        got++;
    }
    return (void *)got;
}

static void case_cond_prodcons(void)
{
    pc_producers_left = PC_PROD;
    void *rets[PC_PROD + PC_CONS];
    if (!run_threads(PC_PROD + PC_CONS, pc_worker, rets))
        return;
    long got = 0;
    for (int i = PC_PROD; i < PC_PROD + PC_CONS; i++)
        got += (long)rets[i];
    EXPECT(got == PC_PROD * PC_ITEMS, "consumed %ld items, want %d", got, PC_PROD * PC_ITEMS);
    for (int k = 0; k < PC_PROD * PC_ITEMS; k++)
        EXPECT(pc_seen[k] == 1, "item %d consumed %d times", k, pc_seen[k]);
}

#define BC_N 16
static pthread_mutex_t bc_mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t bc_cond = PTHREAD_COND_INITIALIZER;
static int bc_go, bc_waiting;

static void *bc_waiter(void *arg)
{
    (void)arg;
    pthread_mutex_lock(&bc_mtx);
    bc_waiting++;
    while (!bc_go)
        pthread_cond_wait(&bc_cond, &bc_mtx);
    pthread_mutex_unlock(&bc_mtx);
    return (void *)1;
}

static void case_cond_broadcast(void)
{
    pthread_t t[BC_N];
    int made = 0;
    for (; made < BC_N; made++)
        if (!thr_create(&t[made], bc_waiter, NULL))
            break;
    double end = t_now() + 20;
    for (;;) {
        pthread_mutex_lock(&bc_mtx);
        int w = bc_waiting;
        if (w == made || t_now() > end) {
            EXPECT(w == made, "%d of %d waiters reached the wait", w, made);
            bc_go = 1;
            pthread_cond_broadcast(&bc_cond);
            pthread_mutex_unlock(&bc_mtx);
            break;
        }
        pthread_mutex_unlock(&bc_mtx);
        t_sleep_ms(1);
    }
    int woke = 0;
    for (int i = 0; i < made; i++) {
        void *r = NULL;
        if (thr_join(t[i], &r))
            woke += (int)(long)r;
    }
    EXPECT(woke == made, "%d of %d waiters returned", woke, made);
}

static void *timedwait_thread(void *arg)
{
    (void)arg;
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t c = PTHREAD_COND_INITIALIZER;
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    double t0 = t_now();
    ts.tv_nsec += 100 * 1000000L;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&m);
    int e = pthread_cond_timedwait(&c, &m, &ts);
    pthread_mutex_unlock(&m);
    double dt = t_now() - t0;
    if (e != ETIMEDOUT)
        t_note("pthread_cond_timedwait: %s, want ETIMEDOUT", strerror(e));
    else if (dt < 0.095)
        t_note("timed out after %.1f ms of a 100 ms wait", dt * 1e3);
    return NULL;
}

static void case_cond_timedwait(void)
{
    pthread_t t;
    if (thr_create(&t, timedwait_thread, NULL))
        thr_join(t, NULL);
}

/* -- barriers -- */
#define BAR_N 16
#define BAR_ROUNDS 300
static pthread_barrier_t bar;
static atomic_int bar_slots[BAR_N];
static atomic_int bar_serials[BAR_ROUNDS];

static void *bar_worker(int i)
{
    long bad = 0;
    for (int r = 0; r < BAR_ROUNDS; r++) {
        atomic_store(&bar_slots[i], r + 1);
        int e = pthread_barrier_wait(&bar);
        if (e == PTHREAD_BARRIER_SERIAL_THREAD)
            atomic_fetch_add(&bar_serials[r], 1);
        else if (e != 0)
            bad++;
        /* every slot holds this round now, and none is past the next barrier */
        for (int j = 0; j < BAR_N; j++) {
            int v = atomic_load(&bar_slots[j]);
            if (v != r + 1 && v != r + 2)
                bad++;
        }
        pthread_barrier_wait(&bar);
    }
    return (void *)bad;
}

static void case_barrier(void)
{
    pthread_barrier_init(&bar, NULL, BAR_N);
    void *rets[BAR_N];
    if (!run_threads(BAR_N, bar_worker, rets))
        return;
    long bad = 0;
    for (int i = 0; i < BAR_N; i++)
        bad += (long)rets[i];
    EXPECT(bad == 0, "%ld slot checks saw another round (or a barrier error)", bad);
    for (int r = 0; r < BAR_ROUNDS; r++)
        EXPECT(atomic_load(&bar_serials[r]) == 1, "round %d had %d serial threads", r, atomic_load(&bar_serials[r]));
    pthread_barrier_destroy(&bar);
}

/* -- rwlock -- */
#define RW_WRITERS 4
#define RW_READERS 12
#define RW_N 2000
static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static volatile long rw_a, rw_b;
static atomic_int rw_writers_in, rw_readers_in, rw_readers_max;

static void *rw_worker(int i)
{
    long bad = 0;
    for (int k = 0; k < RW_N; k++) {
        if (i < RW_WRITERS) {
            pthread_rwlock_wrlock(&rw);
            if (atomic_fetch_add(&rw_writers_in, 1) != 0 || atomic_load(&rw_readers_in) != 0)
                bad++;
            rw_a++;
            sched_yield();
            rw_b++;
            atomic_fetch_sub(&rw_writers_in, 1);
            pthread_rwlock_unlock(&rw);
        } else {
            pthread_rwlock_rdlock(&rw);
            int n = atomic_fetch_add(&rw_readers_in, 1) + 1;
            int m = atomic_load(&rw_readers_max);
            while (n > m && !atomic_compare_exchange_weak(&rw_readers_max, &m, n))
                ;
            if (atomic_load(&rw_writers_in) != 0 || rw_a != rw_b)
                bad++;
            atomic_fetch_sub(&rw_readers_in, 1);
            pthread_rwlock_unlock(&rw);
        }
    }
    return (void *)bad;
}

static void case_rwlock(void)
{
    void *rets[RW_WRITERS + RW_READERS];
    if (!run_threads(RW_WRITERS + RW_READERS, rw_worker, rets))
        return;
    long bad = 0;
    for (int i = 0; i < RW_WRITERS + RW_READERS; i++)
        bad += (long)rets[i];
    EXPECT(bad == 0, "%ld times a writer was not alone or a reader saw a half-done write", bad);
    EXPECT(rw_a == (long)RW_WRITERS * RW_N && rw_b == rw_a, "a %ld b %ld, want %ld", rw_a, rw_b,
           (long)RW_WRITERS * RW_N);
}

/* -- C11 atomics -- */
#define AT_N 20000
static atomic_long at_relaxed, at_seqcst, at_cas;

static void *relaxed_worker(int i)
{
    (void)i;
    for (int k = 0; k < AT_N; k++)
        atomic_fetch_add_explicit(&at_relaxed, 1, memory_order_relaxed);
    return NULL;
}

static void *seqcst_worker(int i)
{
    (void)i;
    for (int k = 0; k < AT_N; k++)
        atomic_fetch_add(&at_seqcst, 1);
    return NULL;
}

static void *cas_worker(int i)
{
    (void)i;
    long retries = 0;
    for (int k = 0; k < AT_N; k++) {
        long v = atomic_load_explicit(&at_cas, memory_order_relaxed);
        while (!atomic_compare_exchange_weak(&at_cas, &v, v + 1))
            retries++;
    }
    return (void *)retries;
}

static void case_atomic_relaxed(void)
{
    if (run_threads(NT, relaxed_worker, NULL))
        EXPECT(atomic_load(&at_relaxed) == (long)NT * AT_N, "total %ld, want %ld", atomic_load(&at_relaxed),
               (long)NT * AT_N);
}

static void case_atomic_seqcst(void)
{
    if (run_threads(NT, seqcst_worker, NULL))
        EXPECT(atomic_load(&at_seqcst) == (long)NT * AT_N, "total %ld, want %ld", atomic_load(&at_seqcst),
               (long)NT * AT_N);
}

static void case_atomic_cas_loop(void)
{
    void *rets[NT];
    if (!run_threads(NT, cas_worker, rets))
        return;
    EXPECT(atomic_load(&at_cas) == (long)NT * AT_N, "total %ld, want %ld", atomic_load(&at_cas), (long)NT * AT_N);
    long retries = 0;
    for (int i = 0; i < NT; i++)
        retries += (long)rets[i];
    t_write("info atomic_cas_loop: %ld failed compare-exchanges retried\n", retries);
}

/* -- 128-bit compare-and-swap -- */
#ifdef __aarch64__
typedef unsigned __int128 u128;
#define A128_WRITERS 8
#define A128_N 20000
static struct {
    _Alignas(16) volatile uint64_t lo;
    volatile uint64_t hi;
} pair;
static atomic_int a128_stop;

/* the invariant every stored pair keeps */
static inline uint64_t a128_hi_of(uint64_t lo) { return lo * 0x9E3779B97F4A7C15ull + 1; }

/* GCC inlines the __sync 16-byte builtins (its __atomic ones call
 * libatomic): CASPAL under an LSE target, an LDXP/STLXP loop without */
__attribute__((target("arch=armv8.1-a"))) static int cas128_lse(u128 old, u128 new)
{
    return __sync_bool_compare_and_swap((u128 *)&pair, old, new);
}

__attribute__((target("arch=armv8-a,no-outline-atomics"))) static int cas128_llsc(u128 old, u128 new)
{
    return __sync_bool_compare_and_swap((u128 *)&pair, old, new);
}

/* single-copy atomic 128-bit reads: CASP compares with 0 and writes back
 * what it compared equal (0 stays 0); LDXP is atomic once the STXP of the
 * same value succeeds */
__attribute__((target("arch=armv8.1-a"))) static u128 read128_lse(void)
{
    register uint64_t x0 __asm__("x0") = 0, x1 __asm__("x1") = 0;
    register uint64_t x2 __asm__("x2") = 0, x3 __asm__("x3") = 0;
    __asm__ volatile("casp x0, x1, x2, x3, [%[p]]" : "+r"(x0), "+r"(x1) : "r"(x2), "r"(x3), [p] "r"(&pair)
                     : "memory");
    return ((u128)x1 << 64) | x0;
}

static u128 read128_llsc(void)
{
    uint64_t lo, hi;
    uint32_t fail;
    __asm__ volatile("1: ldxp %[lo], %[hi], [%[p]]\n\t"
                     "stxp %w[f], %[lo], %[hi], [%[p]]\n\t"
                     "cbnz %w[f], 1b"
                     : [lo] "=&r"(lo), [hi] "=&r"(hi), [f] "=&r"(fail)
                     : [p] "r"(&pair)
                     : "memory");
    return ((u128)hi << 64) | lo;
}

static int a128_lse;
static long a128_torn, a128_reads;

static void *a128_reader(void *arg)
{
    (void)arg;
    while (!atomic_load(&a128_stop)) {
        u128 v = a128_lse ? read128_lse() : read128_llsc();
        if ((uint64_t)(v >> 64) != a128_hi_of((uint64_t)v))
            a128_torn++;
        a128_reads++;
    }
    return NULL;
}

static void *a128_writer(int i)
{
    (void)i;
    long retries = 0;
    for (int k = 0; k < A128_N; k++)
        for (;;) {
            /* a guess from two plain loads (maybe torn: then the swap fails) */
            uint64_t lo = pair.lo, hi = pair.hi;
            u128 old = ((u128)hi << 64) | lo;
            u128 new = ((u128)a128_hi_of(lo + 1) << 64) | (lo + 1);
            if (a128_lse ? cas128_lse(old, new) : cas128_llsc(old, new))
                break;
            retries++;
        }
    return (void *)retries;
}

static void a128_case(int lse)
{
    a128_lse = lse;
    pair.lo = 0;
    pair.hi = a128_hi_of(0);
    pthread_t reader;
    if (!thr_create(&reader, a128_reader, NULL))
        return;
    void *rets[A128_WRITERS];
    int ok = run_threads(A128_WRITERS, a128_writer, rets);
    atomic_store(&a128_stop, 1);
    thr_join(reader, NULL);
    if (!ok)
        return;
    long retries = 0;
    for (int i = 0; i < A128_WRITERS; i++)
        retries += (long)rets[i];
    uint64_t want = (uint64_t)A128_WRITERS * A128_N;
    EXPECT(pair.lo == want && pair.hi == a128_hi_of(want), "pair (%llu, %#llx), want (%llu, %#llx)",
           (unsigned long long)pair.lo, (unsigned long long)pair.hi, (unsigned long long)want,
           (unsigned long long)a128_hi_of(want));
    EXPECT(a128_torn == 0, "%ld of %ld atomic 128-bit reads saw a torn pair", a128_torn, a128_reads);
    t_write("info %s: %ld retried swaps, %ld atomic reads alongside\n", lse ? "atomic128_casp" : "atomic128_ldxp",
            retries, a128_reads);
}

static void case_atomic128_casp(void)
{
    if (!(getauxval(AT_HWCAP) & HWCAP_ATOMICS)) {
        thr_skip("no LSE atomics on this CPU (HWCAP_ATOMICS clear), CASP would be undefined");
        return;
    }
    a128_case(1);
}

static void case_atomic128_ldxp(void) { a128_case(0); }
#endif

int main(void)
{
    thr_case("mutex_64", case_mutex_64, THR_CASE_S);
    thr_case("mutex_errorcheck", case_mutex_errorcheck, THR_CASE_S);
    thr_case("cond_prodcons", case_cond_prodcons, THR_CASE_S);
    thr_case("cond_broadcast", case_cond_broadcast, THR_CASE_S);
    thr_case("cond_timedwait", case_cond_timedwait, THR_CASE_S);
    thr_case("barrier", case_barrier, THR_CASE_S);
    thr_case("rwlock", case_rwlock, THR_CASE_S);
    thr_case("atomic_relaxed", case_atomic_relaxed, THR_CASE_S);
    thr_case("atomic_seqcst", case_atomic_seqcst, THR_CASE_S);
    thr_case("atomic_cas_loop", case_atomic_cas_loop, THR_CASE_S);
#ifdef __aarch64__
    thr_case("atomic128_casp", case_atomic128_casp, THR_CASE_S);
    thr_case("atomic128_ldxp", case_atomic128_ldxp, THR_CASE_S);
#else
    t_write("skip atomic128_casp: AArch64 only\n");
    t_write("skip atomic128_ldxp: AArch64 only\n");
#endif
    return 0;
}

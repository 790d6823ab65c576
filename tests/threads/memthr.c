/* Memory changing under running threads.
 * map_race: one thread keeps changing 16 pages (munmap and mmap again,
 * mprotect PROT_NONE / PROT_READ / read-write) while three threads read and
 * write them; a fault (SIGSEGV, si_addr inside the pages) is handled in the
 * faulting thread, which siglongjmps out and counts it. No crash, both
 * faults and successful accesses happen, and every value read is 0 (a fresh
 * page) or one some thread wrote, never garbage.
 * jit_*: a code generator thread writes a function "return g" (movz, movk,
 * ret) for generation g into one of two slots while a caller thread keeps
 * calling the published one: the writer rewrites a slot only after the
 * caller has called the newer generation (so nobody executes what is being
 * written), ends each write with __builtin___clear_cache, then publishes g
 * with a release store; the caller loads it with acquire, runs ISB (the
 * context synchronisation arm64 wants on the executing thread) and calls.
 * Every call must return exactly the generation it loaded: a stale
 * translation gives g-2 (the slot's previous code), a torn one garbage.
 * Three ways to write: jit_rwx (one RWX page, both slots in it, so the
 * caller executes the page being written), jit_mprotect (a page each, RW
 * while written, then RX again), jit_dualmap (a memfd mapped twice, written
 * through the RW view and executed through the RX view, the cache cleared
 * on the RX view as on hardware). */
#include "thrtest.h"

#include <setjmp.h>

#define RUN_S 1.0

/* -- map_race -- */
#define MR_PAGES 16
#define MR_ACCESSORS 3
static char *mr_base;
static size_t mr_page;
static atomic_int mr_stop, mr_lost;
static __thread sigjmp_buf mr_jmp;
static __thread volatile int mr_armed;
static atomic_long mr_faults, mr_ok, mr_garbage;

static void mr_on_segv(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    char *a = si->si_addr;
    if (mr_armed && a >= mr_base && a < mr_base + MR_PAGES * mr_page)
        siglongjmp(mr_jmp, 1);
    signal(sig, SIG_DFL); /* a real crash: let it kill the case */
}

static void *mr_accessor(void *arg)
{
    uint64_t me = (uint64_t)(uintptr_t)arg; /* 1..MR_ACCESSORS */
    /* live across siglongjmp: in memory */
    volatile unsigned seed = (unsigned)me * 7919u;
    volatile long faults = 0, ok = 0, garbage = 0;
    while (!atomic_load(&mr_stop)) {
        seed = seed * 1103515245u + 12345u;
        volatile uint64_t *w = (volatile uint64_t *)(mr_base + (seed >> 8) % MR_PAGES * mr_page) + (seed >> 20) % 8;
        mr_armed = 1;
        if (sigsetjmp(mr_jmp, 1)) {
            mr_armed = 0;
            faults++;
            continue;
        }
        uint64_t v = *w;
        if (v != 0 && ((v >> 32) < 1 || (v >> 32) > MR_ACCESSORS))
            garbage++;
        *w = me << 32 | (uint32_t)ok;
        mr_armed = 0;
        ok++;
    }
    atomic_fetch_add(&mr_faults, faults);
    atomic_fetch_add(&mr_ok, ok);
    atomic_fetch_add(&mr_garbage, garbage);
    return NULL;
}

static void *mr_mapper(void *arg)
{
    (void)arg;
    double end = t_now() + RUN_S;
    long changes = 0;
    for (unsigned k = 0; t_now() < end; k++) {
        char *p = mr_base + (k * 5 % MR_PAGES) * mr_page;
        switch (k % 4) {
        case 0: /* unmapped, then mapped again (fresh zeros), never left a hole */
            munmap(p, mr_page);
            if (mmap(p, mr_page, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0) != p) {
                atomic_store(&mr_lost, 1); /* another mapping took the hole: stop touching it */
                return (void *)changes;
            }
            break;
        case 1:
            mprotect(p, mr_page, PROT_READ | PROT_WRITE);
            break;
        case 2:
            mprotect(p, mr_page, PROT_READ);
            break;
        case 3:
            mprotect(p, mr_page, k % 8 == 3 ? PROT_NONE : PROT_READ | PROT_WRITE);
            break;
        }
        changes++;
        if (k % 16 == 0)
            sched_yield();
    }
    return (void *)changes;
}

static void case_map_race(void)
{
    t_handle_info(SIGSEGV, mr_on_segv, 0);
    mr_page = (size_t)sysconf(_SC_PAGESIZE);
    mr_base = mmap(NULL, MR_PAGES * mr_page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (mr_base == MAP_FAILED) {
        t_note("mmap: %s", strerror(errno));
        return;
    }
    pthread_t a[MR_ACCESSORS], m;
    int made = 0;
    for (; made < MR_ACCESSORS; made++)
        if (!thr_create(&a[made], mr_accessor, (void *)(uintptr_t)(made + 1)))
            break;
    void *changes = NULL;
    if (made == MR_ACCESSORS && thr_create(&m, mr_mapper, NULL))
        thr_join(m, &changes);
    atomic_store(&mr_stop, 1);
    for (int i = 0; i < made; i++)
        thr_join(a[i], NULL);
    if (made < MR_ACCESSORS)
        return;
    EXPECT(!atomic_load(&mr_lost), "a remap found its page taken by another mapping");
    EXPECT(atomic_load(&mr_garbage) == 0, "%ld reads saw a value no thread wrote", atomic_load(&mr_garbage));
    EXPECT(atomic_load(&mr_faults) > 0 && atomic_load(&mr_ok) > 0, "%ld faults and %ld accesses: want both",
           atomic_load(&mr_faults), atomic_load(&mr_ok));
    t_write("info map_race: %ld mapping changes, %ld accesses, %ld faults handled\n", (long)changes,
            atomic_load(&mr_ok), atomic_load(&mr_faults));
}

/* -- jit -- */
#ifdef __aarch64__
enum jit_how { JIT_RWX, JIT_MPROTECT, JIT_DUALMAP };
static enum jit_how jit_how;
static size_t jit_page;
static uint32_t *jit_write_slot[2]; /* where the writer writes slot s */
static uint32_t *jit_exec_slot[2];  /* where the caller calls slot s */
static atomic_uint jit_pub, jit_ack;
static atomic_int jit_stop;

static void jit_emit(uint32_t *w, uint32_t g)
{
    w[0] = 0x52800000u | (g & 0xffff) << 5;        /* movz w0, #lo */
    w[1] = 0x72a00000u | (g >> 16 & 0xffff) << 5;  /* movk w0, #hi, lsl #16 */
    w[2] = 0xd65f03c0u;                            /* ret */
}

/* write generation g into its slot g % 2: nobody executes that slot now */
static int jit_write(uint32_t g)
{
    int s = (int)(g % 2);
    char *page = (char *)((uintptr_t)jit_exec_slot[s] & ~(jit_page - 1));
    if (jit_how == JIT_MPROTECT && mprotect(page, jit_page, PROT_READ | PROT_WRITE))
        return -1;
    jit_emit(jit_write_slot[s], g);
    if (jit_how == JIT_MPROTECT && mprotect(page, jit_page, PROT_READ | PROT_EXEC))
        return -1;
    __builtin___clear_cache((char *)jit_exec_slot[s], (char *)(jit_exec_slot[s] + 3));
    return 0;
}

static void *jit_writer(void *arg)
{
    (void)arg;
    double end = t_now() + RUN_S;
    uint32_t g = 1;
    for (; t_now() < end; g++) {
        /* the caller has called g-1, so it is done with g-2 (slot g % 2) */
        while (atomic_load_explicit(&jit_ack, memory_order_acquire) + 1 < g)
            if (t_now() > end + 10)
                return (void *)(uintptr_t)g;
        if (jit_write(g))
            return (void *)(uintptr_t)(g | 0x80000000u);
        atomic_store_explicit(&jit_pub, g, memory_order_release);
    }
    return (void *)(uintptr_t)g;
}

struct jit_res {
    long calls, bad;
    uint32_t bad_g, bad_r;
};

static void *jit_caller(void *arg)
{
    struct jit_res *r = arg;
    while (!atomic_load(&jit_stop)) {
        uint32_t g = atomic_load_explicit(&jit_pub, memory_order_acquire);
        uint32_t (*fn)(void) = (uint32_t(*)(void))(uintptr_t)jit_exec_slot[g % 2];
        __asm__ volatile("isb" ::: "memory");
        uint32_t v = fn();
        if (v != g && r->bad++ == 0) {
            r->bad_g = g;
            r->bad_r = v;
        }
        r->calls++;
        atomic_store_explicit(&jit_ack, g, memory_order_release);
    }
    return NULL;
}

static int jit_setup(void)
{
    jit_page = (size_t)sysconf(_SC_PAGESIZE);
    if (jit_how == JIT_DUALMAP) {
        int fd = memfd_create("jit", 0);
        if (fd < 0 || ftruncate(fd, (off_t)jit_page)) {
            t_note("memfd: %s", strerror(errno));
            return -1;
        }
        char *w = mmap(NULL, jit_page, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
        char *x = mmap(NULL, jit_page, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
        close(fd);
        if (w == MAP_FAILED || x == MAP_FAILED) {
            t_note("mmap of the memfd: %s", strerror(errno));
            return -1;
        }
        for (int s = 0; s < 2; s++) {
            jit_write_slot[s] = (uint32_t *)(w + 64 * s);
            jit_exec_slot[s] = (uint32_t *)(x + 64 * s);
        }
    } else {
        int rwx = jit_how == JIT_RWX;
        char *p = mmap(NULL, 2 * jit_page, PROT_READ | PROT_WRITE | (rwx ? PROT_EXEC : 0),
                       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED) {
            t_note("mmap: %s", strerror(errno));
            return -1;
        }
        for (int s = 0; s < 2; s++)
            jit_write_slot[s] = jit_exec_slot[s] = (uint32_t *)(p + (rwx ? 64 * (size_t)s : jit_page * (size_t)s));
    }
    jit_emit(jit_write_slot[0], 0);
    if (jit_how == JIT_MPROTECT)
        mprotect(jit_exec_slot[0], 2 * jit_page, PROT_READ | PROT_EXEC);
    __builtin___clear_cache((char *)jit_exec_slot[0], (char *)(jit_exec_slot[0] + 3));
    return 0;
}

static void jit_case(enum jit_how how, const char *name)
{
    jit_how = how;
    if (jit_setup())
        return;
    struct jit_res res = { 0 };
    pthread_t c, w;
    if (!thr_create(&c, jit_caller, &res))
        return;
    void *wr = NULL;
    if (thr_create(&w, jit_writer, NULL))
        thr_join(w, &wr);
    atomic_store(&jit_stop, 1);
    thr_join(c, NULL);
    uint32_t gens = (uint32_t)(uintptr_t)wr;
    EXPECT(!(gens & 0x80000000u), "mprotect of the code page failed at generation %u", gens & 0x7fffffffu);
    EXPECT(res.bad == 0, "%ld of %ld calls returned another generation; the first: published %u, returned %u%s",
           res.bad, res.calls, res.bad_g, res.bad_r,
           res.bad_r + 2 == res.bad_g ? " (the slot's previous code: a stale translation)" : "");
    EXPECT(gens > 2, "only %u generations", gens);
    t_write("info %s: %u generations, %ld calls\n", name, gens, res.calls);
}

static void case_jit_rwx(void) { jit_case(JIT_RWX, "jit_rwx"); }
static void case_jit_mprotect(void) { jit_case(JIT_MPROTECT, "jit_mprotect"); }
static void case_jit_dualmap(void) { jit_case(JIT_DUALMAP, "jit_dualmap"); }
#endif

int main(void)
{
    thr_case("map_race", case_map_race, THR_CASE_S);
#ifdef __aarch64__
    thr_case("jit_rwx", case_jit_rwx, THR_CASE_S);
    thr_case("jit_mprotect", case_jit_mprotect, THR_CASE_S);
    thr_case("jit_dualmap", case_jit_dualmap, THR_CASE_S);
#else
    t_write("skip jit_rwx: AArch64 only (AArch64 code)\nskip jit_mprotect: AArch64 only (AArch64 code)\n"
            "skip jit_dualmap: AArch64 only (AArch64 code)\n");
#endif
    return 0;
}

/* Robust and priority-inheritance mutexes. The kernel walks a dying
 * thread's robust list (set_robust_list, registered by glibc for every
 * thread and again in a forked child), marks each futex it still owns
 * FUTEX_OWNER_DIED and wakes one waiter, so the next pthread_mutex_lock
 * returns EOWNERDEAD; pthread_mutex_consistent makes it usable again, an
 * unlock without it leaves ENOTRECOVERABLE. Cases: an owner thread that
 * returns holding the mutex (lock after its join; a waiter already
 * blocked; a PRIO_INHERIT robust one), the same across processes with a
 * PTHREAD_PROCESS_SHARED mutex in MAP_SHARED memory (the owner process
 * exits; a waiter already blocked; the owner is SIGKILLed, when only the
 * kernel can do the walk), and a PTHREAD_PRIO_INHERIT mutex (FUTEX_LOCK_PI
 * and FUTEX_UNLOCK_PI under contention) with exact totals. A lock that never
 * returns is the watchdog's FAIL, naming the call. */
#include "thrtest.h"

#define ROBUST_S 10

static pthread_mutex_t *robust_new(int pshared, int protocol)
{
    pthread_mutex_t *m = mmap(NULL, sizeof *m, PROT_READ | PROT_WRITE,
                              (pshared ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS, -1, 0);
    if (m == MAP_FAILED) {
        t_note("mmap: %s", strerror(errno));
        return NULL;
    }
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    int e = pthread_mutexattr_setrobust(&a, PTHREAD_MUTEX_ROBUST);
    if (!e && pshared)
        e = pthread_mutexattr_setpshared(&a, PTHREAD_PROCESS_SHARED);
    if (!e && protocol)
        e = pthread_mutexattr_setprotocol(&a, protocol);
    if (!e)
        e = pthread_mutex_init(m, &a);
    pthread_mutexattr_destroy(&a);
    if (e) {
        t_note("robust mutex init: %s", strerror(e));
        return NULL;
    }
    return m;
}

static pthread_mutex_t *rm;
static atomic_int owner_has_it;

static void *owner_dies(void *arg)
{
    int e = pthread_mutex_lock(rm);
    if (e)
        t_note("the owner's lock: %s", strerror(e));
    atomic_store(&owner_has_it, 1);
    long wait_ms = (long)(intptr_t)arg;
    if (wait_ms)
        t_sleep_ms(wait_ms);
    return NULL; /* still holding it */
}

/* lock after the owner died: EOWNERDEAD; then what consistent does */
static void after_owner_died(int make_consistent)
{
    thr_hang_what = "pthread_mutex_lock of a robust mutex whose owner died (the robust list was not walked)";
    int e = pthread_mutex_lock(rm);
    thr_hang_what = "a thread hangs";
    EXPECT(e == EOWNERDEAD, "lock after the owner's death: %s, want EOWNERDEAD", strerror(e));
    if (e != EOWNERDEAD)
        return;
    if (make_consistent) {
        e = pthread_mutex_consistent(rm);
        EXPECT(e == 0, "pthread_mutex_consistent: %s", strerror(e));
        EXPECT(pthread_mutex_unlock(rm) == 0, "unlock after consistent");
        e = pthread_mutex_lock(rm);
        EXPECT(e == 0, "lock after consistent and unlock: %s", strerror(e));
        EXPECT(pthread_mutex_unlock(rm) == 0, "unlock");
    } else {
        EXPECT(pthread_mutex_unlock(rm) == 0, "unlock without consistent");
        e = pthread_mutex_lock(rm);
        EXPECT(e == ENOTRECOVERABLE, "lock after an unlock without consistent: %s, want ENOTRECOVERABLE",
               strerror(e));
    }
}

static void thread_owner_case(int protocol, int make_consistent)
{
    if (!(rm = robust_new(0, protocol)))
        return;
    pthread_t t;
    if (!thr_create(&t, owner_dies, NULL) || !thr_join(t, NULL))
        return;
    after_owner_died(make_consistent);
}

static void case_robust_owner_died(void) { thread_owner_case(0, 1); }
static void case_robust_notrecoverable(void) { thread_owner_case(0, 0); }
static void case_robust_pi_owner_died(void) { thread_owner_case(PTHREAD_PRIO_INHERIT, 1); }

/* the waiter is already blocked when the owner thread ends */
static void case_robust_waiter_woken(void)
{
    if (!(rm = robust_new(0, 0)))
        return;
    pthread_t t;
    if (!thr_create(&t, owner_dies, (void *)(intptr_t)200))
        return;
    double end = t_now() + ROBUST_S;
    while (!atomic_load(&owner_has_it) && t_now() < end)
        t_sleep_ms(1);
    after_owner_died(1);
    thr_join(t, NULL);
}

/* across processes: how the owner process ends */
enum { OWNER_EXITS, OWNER_EXITS_LATER, OWNER_KILLED };

static void process_owner_case(int how)
{
    if (!(rm = robust_new(1, 0)))
        return;
    int p[2];
    if (pipe(p)) {
        t_note("pipe: %s", strerror(errno));
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        /* never outlives the case, whatever happens to its parent */
        signal(SIGALRM, SIG_DFL);
        alarm(ROBUST_S + 10);
        int e = pthread_mutex_lock(rm);
        char c = e ? 'e' : 'l';
        ssize_t w = write(p[1], &c, 1);
        (void)w;
        if (how == OWNER_KILLED)
            for (;;)
                pause();
        if (how == OWNER_EXITS_LATER)
            t_sleep_ms(200);
        _exit(0); /* holding the lock */
    }
    close(p[1]);
    char c = 0;
    ssize_t r = read(p[0], &c, 1);
    close(p[0]);
    if (r != 1 || c != 'l') {
        t_note("the owner process could not lock (%s)", r == 1 ? "lock error" : "no word from it");
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        return;
    }
    if (how == OWNER_KILLED)
        kill(pid, SIGKILL);
    if (how != OWNER_EXITS_LATER) {
        int st = t_waitpid(pid, ROBUST_S);
        EXPECT(how == OWNER_KILLED ? WIFSIGNALED(st) : WIFEXITED(st), "the owner process %s", t_status(st));
        after_owner_died(1);
    } else {
        after_owner_died(1); /* blocks until the owner exits */
        t_waitpid(pid, ROBUST_S);
    }
}

static void case_robust_pshared_exit(void) { process_owner_case(OWNER_EXITS); }
static void case_robust_pshared_waiter(void) { process_owner_case(OWNER_EXITS_LATER); }
static void case_robust_pshared_sigkill(void) { process_owner_case(OWNER_KILLED); }

/* PTHREAD_PRIO_INHERIT under contention */
#define PI_THREADS 16
#define PI_N 1000
static pthread_mutex_t pi;
static long pi_total;
static int pi_inside;
static atomic_long pi_bad;
static struct thr_gate pi_gate;

static void *pi_worker(void *arg)
{
    (void)arg;
    thr_gate_wait(&pi_gate, PI_THREADS);
    for (int k = 0; k < PI_N; k++) {
        int e = pthread_mutex_lock(&pi);
        if (e) {
            atomic_fetch_add(&pi_bad, 1);
            continue;
        }
        if (pi_inside++)
            atomic_fetch_add(&pi_bad, 1);
        pi_total++;
        if (k % 64 == 0)
            sched_yield(); /* hold it a while: the others block in FUTEX_LOCK_PI */
        pi_inside--;
        if (pthread_mutex_unlock(&pi))
            atomic_fetch_add(&pi_bad, 1);
    }
    return NULL;
}

static void *pi_trylock(void *arg)
{
    (void)arg;
    return (void *)(intptr_t)pthread_mutex_trylock(&pi);
}

static void case_pi_contention(void)
{
    pthread_mutexattr_t a;
    pthread_mutexattr_init(&a);
    int e = pthread_mutexattr_setprotocol(&a, PTHREAD_PRIO_INHERIT);
    if (!e)
        e = pthread_mutex_init(&pi, &a);
    if (e) {
        t_note("PRIO_INHERIT mutex: %s", strerror(e));
        return;
    }
    /* held by this thread: another's trylock is EBUSY (FUTEX_TRYLOCK_PI or the user-space fast path) */
    pthread_mutex_lock(&pi);
    pthread_t t;
    void *r = NULL;
    if (thr_create(&t, pi_trylock, NULL) && thr_join(t, &r))
        EXPECT((intptr_t)r == EBUSY, "trylock of a held PI mutex: %s, want EBUSY", strerror((int)(intptr_t)r));
    pthread_mutex_unlock(&pi);

    pthread_t w[PI_THREADS];
    int made = 0;
    for (; made < PI_THREADS; made++)
        if (!thr_create(&w[made], pi_worker, NULL))
            break;
    if (made < PI_THREADS)
        atomic_fetch_add(&pi_gate.arrived, PI_THREADS - made);
    for (int i = 0; i < made; i++)
        thr_join(w[i], NULL);
    if (made < PI_THREADS)
        return;
    EXPECT(pi_total == (long)PI_THREADS * PI_N, "total %ld, want %ld", pi_total, (long)PI_THREADS * PI_N);
    EXPECT(atomic_load(&pi_bad) == 0, "%ld lock errors or two threads inside", atomic_load(&pi_bad));
}

int main(void)
{
    thr_case("robust_owner_died", case_robust_owner_died, ROBUST_S);
    thr_case("robust_notrecoverable", case_robust_notrecoverable, ROBUST_S);
    thr_case("robust_waiter_woken", case_robust_waiter_woken, ROBUST_S);
    thr_case("robust_pi_owner_died", case_robust_pi_owner_died, ROBUST_S);
    thr_case("robust_pshared_exit", case_robust_pshared_exit, ROBUST_S);
    thr_case("robust_pshared_waiter", case_robust_pshared_waiter, ROBUST_S);
    thr_case("robust_pshared_sigkill", case_robust_pshared_sigkill, ROBUST_S);
    thr_case("pi_contention", case_pi_contention, THR_CASE_S);
    return 0;
}

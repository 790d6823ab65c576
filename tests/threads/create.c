/* Thread creation and ending: 1,000 create/join cycles, 64 threads alive at
 * once, return values through pthread_join and pthread_exit, detached
 * threads (which leave /proc/self/task when they end), gettid distinct per
 * thread and equal to the tid clone wrote for glibc (CLONE_PARENT_SETTID
 * into struct pthread), a raw clone with CLONE_PARENT_SETTID and
 * CLONE_CHILD_CLEARTID (the tid written before clone returns; cleared and a
 * futex woken at the thread's exit), pthread_exit while other threads run,
 * and the main thread's pthread_exit: the process lives on and ends with the
 * status of a later exit(3) from another thread, or 0 when the last thread
 * returns (glibc's start_thread calls exit(0) for the last thread); exit(4)
 * in a thread ends a main thread blocked in read (exit_group). */
#include "thrtest.h"

#include <linux/futex.h>
#include <linux/sched.h>

#define CYCLES 1000
#define ALIVE 64

static void *ret_arg_plus_one(void *arg) { return (void *)((uintptr_t)arg + 1); }

static void case_create_join_1000(void)
{
    for (uintptr_t i = 0; i < CYCLES && !t_why[0]; i++) {
        pthread_t t;
        void *r = NULL;
        if (!thr_create(&t, ret_arg_plus_one, (void *)i) || !thr_join(t, &r))
            t_note("cycle %lu: %s", (unsigned long)i, t_why);
        else
            EXPECT(r == (void *)(i + 1), "cycle %lu: joined %p, want %p", (unsigned long)i, r, (void *)(i + 1));
    }
}

/* 64 threads that all wait until all 64 run: each records its tid */
static struct thr_gate alive_gate;
static atomic_int alive_count;
static pid_t alive_tid[ALIVE];

static void *alive_thread(void *arg)
{
    int i = (int)(uintptr_t)arg;
    alive_tid[i] = thr_gettid();
    atomic_fetch_add(&alive_count, 1);
    thr_gate_wait(&alive_gate, ALIVE + 1);
    return (void *)(uintptr_t)(1000 + i);
}

static void case_alive_64(void)
{
    pthread_t t[ALIVE];
    int made = 0;
    for (; made < ALIVE; made++)
        if (!thr_create(&t[made], alive_thread, (void *)(uintptr_t)made))
            break;
    if (made == ALIVE) {
        EXPECT(thr_wait_atleast(&alive_count, ALIVE, 20), "only %d of %d threads ran", atomic_load(&alive_count),
               ALIVE);
        pid_t ids[ALIVE + 8];
        int n = thr_task_ids(ids, ALIVE + 8);
        EXPECT(n == ALIVE + 1, "/proc/self/task lists %d threads with %d alive", n, ALIVE + 1);
    }
    if (made < ALIVE) /* let the ones made pass the gate */
        atomic_fetch_add(&alive_gate.arrived, ALIVE - made);
    thr_gate_wait(&alive_gate, ALIVE + 1);
    for (int i = 0; i < made; i++) {
        void *r = NULL;
        if (thr_join(t[i], &r))
            EXPECT(r == (void *)(uintptr_t)(1000 + i), "thread %d returned %p", i, r);
    }
    for (int i = 0; i < made; i++) {
        EXPECT(alive_tid[i] > 0 && alive_tid[i] != getpid(), "thread %d has tid %d (pid %d)", i, alive_tid[i],
               getpid());
        for (int j = 0; j < i; j++)
            EXPECT(alive_tid[i] != alive_tid[j], "threads %d and %d share tid %d", j, i, alive_tid[i]);
    }
}

/* where glibc's struct pthread (nptl/descr.h, private) keeps the tid that
 * clone wrote through CLONE_PARENT_SETTID: after the 24-pointer TCB union
 * and the list_t on arm64 (208, glibc 2.36), after x86-64's larger TCB in a
 * native build (720). The main thread's holds its tid (fork's
 * CLONE_CHILD_SETTID), which checks the layout before any other thread's
 * is believed. */
#ifdef __aarch64__
#define GLIBC_PTHREAD_TID_OFFSET 208
#else
#define GLIBC_PTHREAD_TID_OFFSET 720
#endif
static inline pid_t glibc_pthread_tid(pthread_t t)
{
    return *(volatile pid_t *)((char *)t + GLIBC_PTHREAD_TID_OFFSET);
}

struct tid_rec {
    pid_t tid;
    pid_t seen_in_struct;
};

static atomic_int tid_release;

static void *tid_thread(void *arg)
{
    struct tid_rec *r = arg;
    r->tid = thr_gettid();
    r->seen_in_struct = glibc_pthread_tid(pthread_self());
    /* alive until the creator has read the word: the exit clears it (CLONE_CHILD_CLEARTID) */
    double end = t_now() + 20;
    while (!atomic_load(&tid_release) && t_now() < end)
        t_sleep_ms(1);
    return NULL;
}

static void case_gettid_clone_tid(void)
{
    EXPECT(glibc_pthread_tid(pthread_self()) == getpid(), "main thread: struct pthread tid %d, pid %d",
           glibc_pthread_tid(pthread_self()), getpid());
    if (t_why[0])
        return;
    enum { N = 16 };
    struct tid_rec rec[N];
    pthread_t t[N];
    pid_t from_clone[N];
    int made = 0;
    memset(rec, 0, sizeof rec);
    for (; made < N; made++) {
        if (!thr_create(&t[made], tid_thread, &rec[made]))
            break;
        /* written before clone returned (CLONE_PARENT_SETTID), not by the thread */
        from_clone[made] = glibc_pthread_tid(t[made]);
    }
    atomic_store(&tid_release, 1);
    for (int i = 0; i < made; i++)
        thr_join(t[i], NULL);
    for (int i = 0; i < made; i++) {
        EXPECT(rec[i].tid == from_clone[i], "thread %d: gettid %d, clone's parent tid %d", i, rec[i].tid,
               from_clone[i]);
        EXPECT(rec[i].seen_in_struct == rec[i].tid, "thread %d: struct pthread says %d inside, gettid %d", i,
               rec[i].seen_in_struct, rec[i].tid);
        EXPECT(rec[i].tid != getpid(), "thread %d: gettid is the pid", i);
        for (int j = 0; j < i; j++)
            EXPECT(rec[i].tid != rec[j].tid, "threads %d and %d: same tid %d", j, i, rec[i].tid);
    }
}

#ifdef __aarch64__
/* a thread made by the clone system call itself: the child runs on its own
 * stack, stores gettid, and calls exit (not exit_group); the kernel writes
 * the tid to *ptid before clone returns in the parent and to *ctid in the
 * child, and at the child's exit clears *ctid and FUTEX_WAKEs it */
static pid_t raw_ptid, raw_ctid = -1;
static volatile pid_t raw_child_gettid;

static long raw_clone_thread(void *stack_top)
{
    register long x8 __asm__("x8") = SYS_clone;
    register long x0 __asm__("x0") = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD |
                                     CLONE_SYSVSEM | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID |
                                     CLONE_CHILD_CLEARTID;
    register long x1 __asm__("x1") = (long)stack_top;
    register long x2 __asm__("x2") = (long)&raw_ptid;
    register long x3 __asm__("x3") = 0; /* tls: unchanged (no CLONE_SETTLS) */
    register long x4 __asm__("x4") = (long)&raw_ctid;
    __asm__ volatile("svc #0\n\t"
                     "cbnz x0, 1f\n\t"
                     /* child: no C here (it shares the parent's TLS) */
                     "mov x8, %[gettid]\n\t"
                     "svc #0\n\t"
                     "str w0, [%[out]]\n\t"
                     "mov x0, #0\n\t"
                     "mov x8, %[exit]\n\t"
                     "svc #0\n\t"
                     "brk #0\n"
                     "1:"
                     : "+r"(x0)
                     : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), [gettid] "i"(SYS_gettid),
                       [exit] "i"(SYS_exit), [out] "r"(&raw_child_gettid)
                     : "memory", "cc");
    return x0;
}

static void case_raw_clone_settid(void)
{
    size_t sz = 64 * 1024;
    char *stack = mmap(NULL, sz, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (stack == MAP_FAILED) {
        t_note("mmap: %s", strerror(errno));
        return;
    }
    long tid = raw_clone_thread(stack + sz);
    if (tid < 0) {
        t_note("clone: %s", strerror((int)-tid));
        return;
    }
    EXPECT(raw_ptid == tid, "clone returned %ld, CLONE_PARENT_SETTID wrote %d", tid, raw_ptid);
    /* the exit clears raw_ctid: wait for that as pthread_join does */
    double end = t_now() + 10;
    for (;;) {
        pid_t v = __atomic_load_n(&raw_ctid, __ATOMIC_ACQUIRE);
        if (v == 0)
            break;
        if (t_now() > end) {
            t_note("CLONE_CHILD_CLEARTID: the tid word still %d 10 s on", v);
            return;
        }
        struct timespec ts = { 0, 100000000 };
        syscall(SYS_futex, &raw_ctid, FUTEX_WAIT, v, &ts, NULL, 0);
    }
    EXPECT(raw_child_gettid == tid, "the child's gettid %d, clone returned %ld", raw_child_gettid, tid);
    EXPECT(tid != getpid(), "the thread has the pid");
    munmap(stack, sz);
}
#endif

static atomic_int detached_done;

static void *detached_thread(void *arg)
{
    (void)arg;
    atomic_fetch_add(&detached_done, 1);
    return NULL;
}

static void case_detached(void)
{
    enum { N = 32 };
    int made = 0;
    pthread_attr_t a;
    pthread_attr_init(&a);
    pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
    for (int i = 0; i < N; i++) {
        pthread_t t;
        int e;
        if (i % 2) {
            e = pthread_create(&t, &a, detached_thread, NULL);
        } else {
            e = pthread_create(&t, NULL, detached_thread, NULL);
            if (e == 0)
                e = pthread_detach(t);
        }
        if (e) {
            t_note("thread %d: %s", i, strerror(e));
            break;
        }
        made++;
    }
    pthread_attr_destroy(&a);
    EXPECT(thr_wait_atleast(&detached_done, made, 20), "%d of %d detached threads ran", atomic_load(&detached_done),
           made);
    /* gone from the kernel's list too (a detached thread is reaped at its exit) */
    double end = t_now() + 10;
    int n;
    pid_t ids[N + 8];
    while ((n = thr_task_ids(ids, N + 8)) != 1 && t_now() < end)
        t_sleep_ms(5);
    EXPECT(n == 1, "/proc/self/task still lists %d threads after the detached ones ended", n);
}

/* pthread_exit from a nested call while two others keep counting */
static atomic_int spin_stop;
static atomic_long spin_count[2];

static void *spinner(void *arg)
{
    int i = (int)(uintptr_t)arg;
    while (!atomic_load(&spin_stop))
        atomic_fetch_add(&spin_count[i], 1);
    return NULL;
}

static void deep_exit(int depth);
static void (*volatile deep_next)(int) = deep_exit;
static void __attribute__((noinline)) deep_exit(int depth)
{
    if (depth == 0)
        pthread_exit((void *)0x1234);
    deep_next(depth - 1); /* through a pointer: a real call chain to leave */
}

static void *exiter(void *arg)
{
    (void)arg;
    deep_exit(10);
    return (void *)0x5678;
}

static void case_pthread_exit_others_run(void)
{
    pthread_t s[2], x;
    int made = 0;
    for (; made < 2; made++)
        if (!thr_create(&s[made], spinner, (void *)(uintptr_t)made))
            break;
    if (made == 2) {
        void *r = NULL;
        if (thr_create(&x, exiter, NULL) && thr_join(x, &r))
            EXPECT(r == (void *)0x1234, "pthread_exit's value %p, want 0x1234", r);
        long before[2] = { atomic_load(&spin_count[0]), atomic_load(&spin_count[1]) };
        /* both still count (a loaded machine may not run them for a while) */
        double end = t_now() + 10;
        for (int i = 0; i < 2; i++) {
            while (atomic_load(&spin_count[i]) == before[i] && t_now() < end)
                t_sleep_ms(5);
            EXPECT(atomic_load(&spin_count[i]) > before[i], "spinner %d stopped after the other thread's exit", i);
        }
    }
    atomic_store(&spin_stop, 1);
    for (int i = 0; i < made; i++)
        thr_join(s[i], NULL);
}

/* the main thread leaves with pthread_exit; the process goes on (its other
 * thread checks it) and ends with what that thread does */
static pid_t main_tid_gone;
static int finish_how;

static void *finisher(void *arg)
{
    (void)arg;
    /* the main thread is a zombie thread now, the process alive: the main
     * thread's /proc/self/task entry stays (as the kernel's leader stays
     * until the group ends), so look at its state instead */
    char path[64];
    snprintf(path, sizeof path, "/proc/self/task/%d/status", main_tid_gone);
    double end = t_now() + 10;
    int zombie = 0;
    while (!zombie && t_now() < end) {
        FILE *f = fopen(path, "r");
        char line[128];
        while (f && fgets(line, sizeof line, f))
            if (strncmp(line, "State:", 6) == 0 && strchr(line, 'Z'))
                zombie = 1;
        if (f)
            fclose(f);
        if (!zombie)
            t_sleep_ms(5);
    }
    if (!zombie)
        t_write("FAIL %s: the main thread is not a zombie 10 s after its pthread_exit\n", thr_case_name);
    if (finish_how == 3)
        exit(3);
    return NULL; /* the last thread: glibc ends the process with exit(0) */
}

static int main_exit_child(void)
{
    main_tid_gone = getpid();
    pthread_t t;
    int e = pthread_create(&t, NULL, finisher, NULL);
    if (e) {
        t_write("FAIL %s: pthread_create: %s\n", thr_case_name, strerror(e));
        _exit(40);
    }
    pthread_exit(NULL);
}

static void main_exit_case(int how)
{
    finish_how = how;
    pid_t pid = fork();
    if (pid == 0)
        _exit(main_exit_child());
    int st = t_waitpid(pid, 20);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == how, "the process %s, want exit %d", t_status(st), how);
}

static void case_main_pthread_exit_exit3(void) { main_exit_case(3); }

/* exit from a thread while the main thread is blocked in read: exit_group
 * ends the main thread too, the status is the thread's */
static void *exit4(void *arg)
{
    (void)arg;
    t_sleep_ms(20);
    exit(4);
}

static void case_exit_while_main_blocked(void)
{
    pid_t pid = fork();
    if (pid == 0) {
        int p[2];
        pthread_t t;
        if (pipe(p) || pthread_create(&t, NULL, exit4, NULL))
            _exit(40);
        char c;
        ssize_t r = read(p[0], &c, 1); /* nobody writes */
        (void)r;
        _exit(41);
    }
    int st = t_waitpid(pid, 20);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 4, "the process %s, want exit 4 (40: no thread, 41: read returned)",
           t_status(st));
}
static void case_main_pthread_exit_last_return(void) { main_exit_case(0); }

int main(void)
{
    thr_case("create_join_1000", case_create_join_1000, THR_CASE_S);
    thr_case("alive_64", case_alive_64, THR_CASE_S);
    thr_case("gettid_clone_tid", case_gettid_clone_tid, THR_CASE_S);
#ifdef __aarch64__
    thr_case("raw_clone_settid", case_raw_clone_settid, THR_CASE_S);
#else
    t_write("skip raw_clone_settid: AArch64 only (inline svc)\n");
#endif
    thr_case("detached", case_detached, THR_CASE_S);
    thr_case("pthread_exit_others_run", case_pthread_exit_others_run, THR_CASE_S);
    thr_case("main_pthread_exit_exit3", case_main_pthread_exit_exit3, THR_CASE_S);
    thr_case("main_pthread_exit_last_return", case_main_pthread_exit_last_return, THR_CASE_S);
    thr_case("exit_while_main_blocked", case_exit_while_main_blocked, THR_CASE_S);
    return 0;
}

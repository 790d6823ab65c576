/* /proc and threads. task_list: /proc/self/task lists exactly the live
 * threads (the main thread's tid is the pid), with 6 threads, after 3 are
 * joined and after all are (a joined thread may linger a moment: its tid
 * word is cleared before the kernel reaps it, so the check polls);
 * status_threads: the "Threads:" line of /proc/self/status is that count
 * at the same three points; comm: the names
 * pthread_setname_np gives (to another thread through its
 * /proc/self/task/TID/comm, to itself through prctl) show in
 * /proc/self/task/TID/comm and /proc/thread-self/comm and come back from
 * pthread_getname_np, while the main thread keeps its name; thread_self:
 * in a thread, /proc/thread-self is "PID/task/TID", its status says
 * Pid: TID, Tgid: PID, and /proc/self is still the process (Pid: PID). */
#include "thrtest.h"

#define NTH 5

static pthread_mutex_t mtx = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int release_upto; /* threads with index < this may end */
static pid_t tids[NTH];
static atomic_int started;

static void *parked(void *arg)
{
    int i = (int)(intptr_t)arg;
    tids[i] = thr_gettid();
    atomic_fetch_add(&started, 1);
    pthread_mutex_lock(&mtx);
    while (release_upto <= i)
        pthread_cond_wait(&cond, &mtx);
    pthread_mutex_unlock(&mtx);
    return NULL;
}

static void release(int upto)
{
    pthread_mutex_lock(&mtx);
    release_upto = upto;
    pthread_cond_broadcast(&cond);
    pthread_mutex_unlock(&mtx);
}

/* what a case checks: the list or the count */
static int check_count;

/* whether /proc/self/task is exactly the pid plus tids[from..NTH-1] (or
 * Threads: says as many); waits up to 10 s for lingering entries */
static void expect_tasks(int from, const char *when)
{
    pid_t want[NTH + 1];
    int nw = 0;
    want[nw++] = getpid();
    for (int i = from; i < NTH; i++)
        want[nw++] = tids[i];
    for (int i = 1; i < nw; i++) /* sort */
        for (int j = i; j > 0 && want[j - 1] > want[j]; j--) {
            pid_t x = want[j];
            want[j] = want[j - 1];
            want[j - 1] = x;
        }
    double end = t_now() + 3;
    pid_t got[64];
    int n, same;
    long th;
    for (;;) {
        n = thr_task_ids(got, 64);
        th = thr_proc_field("/proc/self/status", "Threads");
        same = n == nw;
        for (int i = 0; same && i < n; i++)
            same = got[i] == want[i];
        if ((check_count ? th == nw : same) || t_now() > end)
            break;
        t_sleep_ms(5);
    }
    if (check_count) {
        EXPECT(th == nw, "%s: Threads: %ld in /proc/self/status, %d threads live", when, th, nw);
    } else if (!same) {
        char list[300];
        int len = 0;
        for (int i = 0; i < n && i < 64 && len < 250; i++)
            len += snprintf(list + len, sizeof list - (size_t)len, " %d", got[i]);
        t_note("%s: /proc/self/task lists %d threads (%s ), want %d", when, n, list, nw);
    }
}

static void tasks_case(void)
{
    pthread_t t[NTH];
    int made = 0;
    for (; made < NTH; made++)
        if (!thr_create(&t[made], parked, (void *)(intptr_t)made))
            break;
    if (made == NTH && thr_wait_atleast(&started, NTH, 10)) {
        expect_tasks(0, "6 threads");
        release(3);
        for (int i = 0; i < 3; i++)
            thr_join(t[i], NULL);
        expect_tasks(3, "3 joined");
    }
    release(NTH);
    for (int i = (made == NTH ? 3 : 0); i < made; i++)
        thr_join(t[i], NULL);
    if (made == NTH)
        expect_tasks(NTH, "all joined");
}

static void case_task_list(void) { tasks_case(); }
static void case_status_threads(void)
{
    check_count = 1;
    tasks_case();
}

static int read_text(const char *path, char *buf, size_t n)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    size_t r = fread(buf, 1, n - 1, f);
    buf[r] = 0;
    fclose(f);
    if (r && buf[r - 1] == '\n') /* comm ends in one; the messages show the name alone */
        buf[--r] = 0;
    return (int)r;
}

struct named {
    pid_t tid;
    char own_comm[32]; /* /proc/thread-self/comm after naming itself */
    atomic_int phase;  /* 1 started; 2 may name itself; 3 named itself; 4 may end */
};

static void *naming(void *arg)
{
    struct named *n = arg;
    n->tid = thr_gettid();
    atomic_store(&n->phase, 1);
    while (atomic_load(&n->phase) < 2)
        t_sleep_ms(1);
    pthread_setname_np(pthread_self(), "self-named");
    if (read_text("/proc/thread-self/comm", n->own_comm, sizeof n->own_comm) < 0)
        strcpy(n->own_comm, "(unreadable)");
    atomic_store(&n->phase, 3);
    while (atomic_load(&n->phase) < 4)
        t_sleep_ms(1);
    return NULL;
}

static void case_comm(void)
{
    char main_before[32], main_after[32], buf[64], path[64];
    read_text("/proc/self/comm", main_before, sizeof main_before);
    struct named n = { 0 };
    pthread_t t;
    if (!thr_create(&t, naming, &n))
        return;
    double end = t_now() + 10;
    while (atomic_load(&n.phase) < 1 && t_now() < end)
        t_sleep_ms(1);
    /* named from outside: glibc writes /proc/self/task/TID/comm */
    int e = pthread_setname_np(t, "worker-3");
    EXPECT(e == 0, "pthread_setname_np of another thread: %s", strerror(e));
    snprintf(path, sizeof path, "/proc/self/task/%d/comm", n.tid);
    if (read_text(path, buf, sizeof buf) < 0)
        t_note("%s: %s", path, strerror(errno));
    else
        EXPECT(strcmp(buf, "worker-3") == 0, "%s reads \"%s\", want \"worker-3\"", path, buf);
    e = pthread_getname_np(t, buf, sizeof buf);
    EXPECT(e == 0 && strcmp(buf, "worker-3") == 0, "pthread_getname_np: %s \"%s\"", strerror(e), buf);
    /* named from inside (prctl PR_SET_NAME) */
    atomic_store(&n.phase, 2);
    while (atomic_load(&n.phase) < 3 && t_now() < end)
        t_sleep_ms(1);
    EXPECT(strcmp(n.own_comm, "self-named") == 0, "/proc/thread-self/comm in the thread reads \"%s\" after its "
           "pthread_setname_np, want \"self-named\"", n.own_comm);
    if (read_text(path, buf, sizeof buf) >= 0)
        EXPECT(strcmp(buf, "self-named") == 0, "%s reads \"%s\", want \"self-named\"", path, buf);
    read_text("/proc/self/comm", main_after, sizeof main_after);
    EXPECT(strcmp(main_before, main_after) == 0, "the main thread's comm changed from \"%s\" to \"%s\"", main_before,
           main_after);
    EXPECT(strcmp(main_before, "procfs") == 0, "the main thread's comm is \"%s\", want the program's name",
           main_before);
    atomic_store(&n.phase, 4);
    thr_join(t, NULL);
}

struct self_rec {
    char link[64];
    long status_pid, status_tgid, self_pid;
    pid_t tid;
};

static void *look_at_self(void *arg)
{
    struct self_rec *r = arg;
    r->tid = thr_gettid();
    ssize_t n = readlink("/proc/thread-self", r->link, sizeof r->link - 1);
    r->link[n > 0 ? n : 0] = 0;
    r->status_pid = thr_proc_field("/proc/thread-self/status", "Pid");
    r->status_tgid = thr_proc_field("/proc/thread-self/status", "Tgid");
    r->self_pid = thr_proc_field("/proc/self/status", "Pid");
    return NULL;
}

static void case_thread_self(void)
{
    struct self_rec r = { 0 };
    pthread_t t;
    if (!thr_create(&t, look_at_self, &r) || !thr_join(t, NULL))
        return;
    char want[64];
    snprintf(want, sizeof want, "%d/task/%d", getpid(), r.tid);
    EXPECT(strcmp(r.link, want) == 0, "/proc/thread-self in a thread is \"%s\", want \"%s\"", r.link, want);
    EXPECT(r.status_pid == r.tid, "/proc/thread-self/status Pid: %ld, the thread's tid %d", r.status_pid, r.tid);
    EXPECT(r.status_tgid == getpid(), "/proc/thread-self/status Tgid: %ld, pid %d", r.status_tgid, getpid());
    EXPECT(r.self_pid == getpid(), "/proc/self/status in a thread says Pid: %ld, want the process's %d", r.self_pid,
           getpid());
}

int main(void)
{
    thr_case("task_list", case_task_list, THR_CASE_S);
    thr_case("status_threads", case_status_threads, THR_CASE_S);
    thr_case("comm", case_comm, THR_CASE_S);
    thr_case("thread_self", case_thread_self, THR_CASE_S);
    return 0;
}

/* System V semaphores as the arm64 kernel documents them (semget(2),
 * semop(2), semctl(2)): SEM_UNDO undone when a child dies, semtimedop's
 * timeout (EAGAIN) and interruption (EINTR even with SA_RESTART),
 * GETALL/SETALL and every other semctl command, the structures field by
 * field, IPC_NOWAIT, wild pointers, unknown flag bits. */
#include "ipctest.h"

union semun {
    int val;
    struct semid_ds *buf;
    unsigned short *array;
    struct seminfo *__buf;
};

static int sem_new(int n)
{
    return reg_sem(semget(IPC_PRIVATE, n, IPC_CREAT | 0600));
}

static int child_undo_dies(void *arg)
{
    int id = *(int *)arg;
    struct sembuf op = {0, -2, SEM_UNDO};
    if (semop(id, &op, 1) != 0)
        return 3;
    if (semctl(id, 0, GETVAL) != 3)
        return 4;
    kill(getpid(), SIGKILL); /* dies without exiting normally */
    return 5;
}

static void case_undo(void)
{
    int id = sem_new(1);
    EXPECT(id >= 0, "semget: %s", strerror(errno));
    if (id < 0)
        return;
    EXPECT(semctl(id, 0, SETVAL, (union semun){.val = 5}) == 0, "SETVAL: %s", strerror(errno));
    int st = ipc_child(child_undo_dies, &id);
    EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL, "child %s", t_status(st));
    EXPECT(semctl(id, 0, GETVAL) == 5, "value %d after the child died, want 5 (undone)",
           semctl(id, 0, GETVAL));
    /* without SEM_UNDO the change stays */
    struct sembuf op = {0, -1, 0};
    EXPECT(semop(id, &op, 1) == 0 && semctl(id, 0, GETVAL) == 4, "semop without undo");
}

static void *thr_undo(void *arg)
{
    int id = *(int *)arg;
    struct sembuf op = {0, +3, SEM_UNDO};
    return (void *)(intptr_t)semop(id, &op, 1);
}

/* threads share the undo list (CLONE_SYSVSEM): a thread's SEM_UNDO
 * adjustment is undone when the process exits, not when the thread does */
static int child_thread_undo(void *arg)
{
    int id = *(int *)arg;
    pthread_t t;
    void *r;
    if (!thr_create(&t, thr_undo, arg) || !thr_join(t, &r) || r)
        return 3;
    if (semctl(id, 0, GETVAL) != 3)
        return 4; /* undone at the thread's exit: not shared */
    return 0;
}

static void case_undo_threads(void)
{
    int id = sem_new(1);
    if (id < 0) {
        t_note("semget: %s", strerror(errno));
        return;
    }
    int st = ipc_child(child_thread_undo, &id);
    EXPECT(st == 0, "child %s (4: the thread's adjustment was undone at its exit)", t_status(st));
    EXPECT(semctl(id, 0, GETVAL) == 0, "value %d after the process exited, want 0",
           semctl(id, 0, GETVAL));
}

static volatile sig_atomic_t got_usr1;
static void on_usr1(int s) { (void)s; got_usr1 = 1; }

static void case_timedop(void)
{
    int id = sem_new(1);
    if (id < 0) {
        t_note("semget: %s", strerror(errno));
        return;
    }
    struct sembuf op = {0, -1, 0};
    struct timespec ts = {0, 200 * 1000000};
    double t0 = t_now();
    errno = 0;
    EXPECT(semtimedop(id, &op, 1, &ts) == -1 && errno == EAGAIN, "timed out: %s", strerror(errno));
    double dt = t_now() - t0;
    EXPECT(dt >= 0.19 && dt < 5, "waited %.3f s for a 0.2 s timeout", dt);
    op.sem_flg = IPC_NOWAIT;
    errno = 0;
    EXPECT(semop(id, &op, 1) == -1 && errno == EAGAIN, "IPC_NOWAIT: %s", strerror(errno));
    /* a handler with SA_RESTART still ends the wait with EINTR */
    t_handle(SIGUSR1, on_usr1, SA_RESTART);
    pid_t me = getpid();
    pid_t k = fork();
    if (k == 0) {
        t_sleep_ms(200);
        kill(me, SIGUSR1);
        _exit(0);
    }
    op.sem_flg = 0;
    ts.tv_sec = T_WAIT_S;
    ts.tv_nsec = 0;
    errno = 0;
    EXPECT(semtimedop(id, &op, 1, &ts) == -1 && errno == EINTR && got_usr1,
           "interrupted wait: %s (handler ran: %d)", strerror(errno), (int)got_usr1);
    t_waitpid(k, T_WAIT_S);
    /* a wait another process ends */
    k = fork();
    if (k == 0) {
        t_sleep_ms(100);
        struct sembuf up = {0, 1, 0};
        _exit(semop(id, &up, 1) == 0 ? 0 : 1);
    }
    EXPECT(semtimedop(id, &op, 1, &ts) == 0, "woken wait: %s", strerror(errno));
    EXPECT(t_waitpid(k, T_WAIT_S) == 0, "the waking child failed");
    errno = 0;
    EXPECT(semtimedop(id, &op, 1, (struct timespec *)8) == -1 && errno == EFAULT,
           "wild timeout: %s", strerror(errno));
    errno = 0;
    EXPECT(semop(id, (struct sembuf *)8, 1) == -1 && errno == EFAULT, "wild sops: %s",
           strerror(errno));
    errno = 0;
    EXPECT(semop(id, &op, 0) == -1 && errno == EINVAL, "nsops 0: %s", strerror(errno));
    errno = 0;
    EXPECT(semop(id, (struct sembuf *)8, 100000) == -1 && errno == E2BIG, "nsops 100000: %s",
           strerror(errno));
}

static void case_ctl(void)
{
    int id = sem_new(4);
    if (id < 0) {
        t_note("semget: %s", strerror(errno));
        return;
    }
    unsigned short set[4] = {1, 2, 3, 30000}, get[4] = {0};
    EXPECT(semctl(id, 0, SETALL, (union semun){.array = set}) == 0, "SETALL: %s", strerror(errno));
    EXPECT(semctl(id, 0, GETALL, (union semun){.array = get}) == 0, "GETALL: %s", strerror(errno));
    EXPECT(!memcmp(set, get, sizeof set), "GETALL %u %u %u %u", get[0], get[1], get[2], get[3]);
    EXPECT(semctl(id, 3, GETVAL) == 30000, "GETVAL %d", semctl(id, 3, GETVAL));
    EXPECT(semctl(id, 2, SETVAL, (union semun){.val = 7}) == 0 && semctl(id, 2, GETVAL) == 7,
           "SETVAL/GETVAL");
    errno = 0;
    EXPECT(semctl(id, 2, SETVAL, (union semun){.val = -1}) == -1 && errno == ERANGE, "SETVAL -1: %s",
           strerror(errno));
    struct sembuf op = {1, -1, 0};
    EXPECT(semop(id, &op, 1) == 0 && semctl(id, 1, GETPID) == getpid(), "GETPID %d",
           semctl(id, 1, GETPID));
    EXPECT(semctl(id, 0, GETNCNT) == 0 && semctl(id, 0, GETZCNT) == 0, "GETNCNT/GETZCNT");
    struct semid_ds ds;
    memset(&ds, 0x5a, sizeof ds);
    EXPECT(semctl(id, 0, IPC_STAT, (union semun){.buf = &ds}) == 0, "IPC_STAT: %s", strerror(errno));
    EXPECT(ds.sem_nsems == 4, "nsems %lu", (unsigned long)ds.sem_nsems);
    EXPECT(ds.sem_perm.uid == geteuid() && ds.sem_perm.gid == getegid() &&
               ds.sem_perm.cuid == geteuid() && ds.sem_perm.cgid == getegid(),
           "ids %u %u %u %u", ds.sem_perm.uid, ds.sem_perm.gid, ds.sem_perm.cuid, ds.sem_perm.cgid);
    EXPECT((ds.sem_perm.mode & 0777) == 0600, "mode %o", ds.sem_perm.mode);
    EXPECT(ds.sem_otime > 0 && ds.sem_ctime > 0, "otime %ld ctime %ld", (long)ds.sem_otime,
           (long)ds.sem_ctime);
    ds.sem_perm.mode = 0640;
    EXPECT(semctl(id, 0, IPC_SET, (union semun){.buf = &ds}) == 0, "IPC_SET: %s", strerror(errno));
    EXPECT(semctl(id, 0, IPC_STAT, (union semun){.buf = &ds}) == 0 && (ds.sem_perm.mode & 0777) == 0640 &&
               ds.sem_nsems == 4,
           "after IPC_SET: mode %o nsems %lu", ds.sem_perm.mode, (unsigned long)ds.sem_nsems);
    struct seminfo si;
    memset(&si, 0, sizeof si);
    int maxidx = semctl(0, 0, IPC_INFO, (union semun){.__buf = &si});
    EXPECT(maxidx >= 0 && si.semmsl > 0 && si.semopm > 0 && si.semvmx == 32767, "IPC_INFO %d semmsl %d "
           "semvmx %d", maxidx, si.semmsl, si.semvmx);
    EXPECT(semctl(0, 0, SEM_INFO, (union semun){.__buf = &si}) >= 0 && si.semusz >= 1, "SEM_INFO "
           "semusz %d", si.semusz);
    int found = 0;
    for (int i = 0; i <= maxidx && !found; i++) {
        struct semid_ds d2;
        if (semctl(i, 0, SEM_STAT_ANY, (union semun){.buf = &d2}) == id) {
            found = 1;
            EXPECT(d2.sem_nsems == 4, "SEM_STAT_ANY nsems %lu", (unsigned long)d2.sem_nsems);
            EXPECT(semctl(i, 0, SEM_STAT, (union semun){.buf = &d2}) == id, "SEM_STAT");
        }
    }
    EXPECT(found, "SEM_STAT_ANY never gave id %d", id);
    errno = 0;
    EXPECT(semctl(id, 0, GETALL, (union semun){.array = (unsigned short *)8}) == -1 && errno == EFAULT,
           "GETALL to a wild pointer: %s", strerror(errno));
    errno = 0;
    EXPECT(semctl(id, 0, SETALL, (union semun){.array = (unsigned short *)8}) == -1 && errno == EFAULT,
           "SETALL from a wild pointer: %s", strerror(errno));
    errno = 0;
    EXPECT(semctl(id, 0, IPC_STAT | 0x100, (union semun){.buf = &ds}) == -1 && errno == EINVAL,
           "IPC_64|IPC_STAT: %s", strerror(errno));
    errno = 0;
    EXPECT(semctl(id, 0, 99) == -1 && errno == EINVAL, "cmd 99: %s", strerror(errno));
    EXPECT(semctl(id, 0, IPC_RMID) == 0, "IPC_RMID: %s", strerror(errno));
    errno = 0;
    EXPECT(semctl(id, 0, GETVAL) == -1 && (errno == EINVAL || errno == EIDRM), "after IPC_RMID: %s",
           strerror(errno));
}

/* pvm's rule: unknown flag bits are EINVAL (the kernel ignores them) */
static void case_unknown_bits(void)
{
    errno = 0;
    EXPECT(reg_sem(semget(IPC_PRIVATE, 1, IPC_CREAT | 0600 | 0x100000)) == -1 && errno == EINVAL,
           "semget with bit 0x100000: %s", strerror(errno));
    int id = sem_new(1);
    struct sembuf op = {0, 1, 0x4000};
    errno = 0;
    EXPECT(id >= 0 && semop(id, &op, 1) == -1 && errno == EINVAL, "sem_flg 0x4000: %s",
           strerror(errno));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    ipc_reg_init();
    ipc_case("undo", case_undo);
    ipc_case("undo_threads", case_undo_threads);
    ipc_case("timedop", case_timedop);
    ipc_case("ctl", case_ctl);
    ipc_case("unknown_bits", case_unknown_bits);
    return 0;
}

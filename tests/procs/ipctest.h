/* Shared helpers of the IPC programs (tests/procs/ipc_*.c), on the thread
 * suite's (../threads/thrtest.h: one forked child per case, bounded).
 * Invariant: every System V object and POSIX queue a case creates is
 * registered in a page the main process shares with its case children, and
 * the main process removes all of them after each case, however the case
 * ended (a FAIL, a crash, the watchdog, SIGKILL): a run never leaves an IPC
 * object behind. Objects are IPC_PRIVATE, or keys and names made unique by
 * the pid. */
#ifndef IPCTEST_H
#define IPCTEST_H

#include "../threads/thrtest.h"

#include <fcntl.h>
#include <mqueue.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#define IPC_REG_MAX 16

struct ipc_reg {
    atomic_int nshm, nsem, nmsg, nmq;
    int shm[IPC_REG_MAX], sem[IPC_REG_MAX], msg[IPC_REG_MAX];
    char mq[IPC_REG_MAX][64];
};

static struct ipc_reg *ipc_reg;

static inline void ipc_reg_init(void)
{
    void *p = mmap(NULL, sizeof *ipc_reg, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED) {
        t_write("FAIL setup: mmap: %s\n", strerror(errno));
        exit(1);
    }
    ipc_reg = p;
}

/* the id, registered for removal (a failed call's -1 passes through) */
static inline int reg_shm(int id)
{
    int k = atomic_fetch_add(&ipc_reg->nshm, 1);
    if (id >= 0 && k < IPC_REG_MAX)
        ipc_reg->shm[k] = id;
    return id;
}
static inline int reg_sem(int id)
{
    int k = atomic_fetch_add(&ipc_reg->nsem, 1);
    if (id >= 0 && k < IPC_REG_MAX)
        ipc_reg->sem[k] = id;
    return id;
}
static inline int reg_msg(int id)
{
    int k = atomic_fetch_add(&ipc_reg->nmsg, 1);
    if (id >= 0 && k < IPC_REG_MAX)
        ipc_reg->msg[k] = id;
    return id;
}
/* a queue name unique to this run ("/pvm-ipc-PID-TAG"), registered */
static inline const char *reg_mq(const char *tag)
{
    int k = atomic_fetch_add(&ipc_reg->nmq, 1);
    static char spare[64];
    char *b = k < IPC_REG_MAX ? ipc_reg->mq[k] : spare;
    snprintf(b, 64, "/pvm-ipc-%d-%s", (int)getppid(), tag);
    return b;
}

/* removes everything registered (ids that are already gone fail quietly) */
static inline void ipc_reg_cleanup(void)
{
    for (int k = 0; k < atomic_load(&ipc_reg->nshm) && k < IPC_REG_MAX; k++)
        if (ipc_reg->shm[k] >= 0)
            shmctl(ipc_reg->shm[k], IPC_RMID, NULL);
    for (int k = 0; k < atomic_load(&ipc_reg->nsem) && k < IPC_REG_MAX; k++)
        if (ipc_reg->sem[k] >= 0)
            semctl(ipc_reg->sem[k], 0, IPC_RMID);
    for (int k = 0; k < atomic_load(&ipc_reg->nmsg) && k < IPC_REG_MAX; k++)
        if (ipc_reg->msg[k] >= 0)
            msgctl(ipc_reg->msg[k], IPC_RMID, NULL);
    for (int k = 0; k < atomic_load(&ipc_reg->nmq) && k < IPC_REG_MAX; k++)
        if (ipc_reg->mq[k][0])
            mq_unlink(ipc_reg->mq[k]);
    memset(ipc_reg, 0, sizeof *ipc_reg);
    for (int k = 0; k < IPC_REG_MAX; k++)
        ipc_reg->shm[k] = ipc_reg->sem[k] = ipc_reg->msg[k] = -1;
}

/* one case: its child (thr_case), then the removal of what it made */
static inline void ipc_case(const char *name, void (*fn)(void))
{
    ipc_reg_cleanup();
    thr_case(name, fn, THR_CASE_S);
    ipc_reg_cleanup();
}

/* a key no other object uses: a fresh object made with IPC_EXCL under a key
 * derived from the pid, registered by the caller */
static inline key_t ipc_unique_key(int salt)
{
    return (key_t)(0x50000000 | ((unsigned)getpid() & 0xffffff) << 4 | (unsigned)(salt & 15));
}

/* a child that runs fn and exits with its result; its wait status */
static inline int ipc_child(int (*fn)(void *), void *arg)
{
    pid_t pid = fork();
    if (pid < 0)
        return -2;
    if (pid == 0)
        _exit(fn(arg));
    return t_waitpid(pid, T_WAIT_S);
}

#endif

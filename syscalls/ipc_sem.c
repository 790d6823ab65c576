/* System V semaphores: semget, semop, semtimedop, semctl.
 * Sets live in the host kernel and the guest process is the host process,
 * so SEM_UNDO's adjustments are the host's: undone when the process (pvm)
 * exits, however it ends, and shared by its threads as CLONE_SYSVSEM shares
 * them on the kernel (guest threads are host threads made by
 * pthread_create, which passes CLONE_SYSVSEM), while a fork child starts
 * with none. pvm converts: the operations (struct sembuf, each sem_flg
 * checked), semctl's argument by command (the kernel reads the union as a
 * long: SETVAL's int in its low half on little-endian arm64, a pointer for
 * the structure and array commands), and the structures field by field
 * (abi_ipc.h: x86-64's semid64_ds has two more words). Waits go through
 * the safe-syscall stub; an interrupted semop is -EINTR whatever
 * SA_RESTART says (restart.def), a semtimedop timeout -EAGAIN, as the
 * kernel answers. */
#include <errno.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "signals/safe_syscall.h"
#include "syscalls/abi_ipc.h"
#include "syscalls/syscall.h"

/* A host address no process can use (the kernel's half): handed to the
 * host in place of a guest array pvm could not copy, so the host still
 * gives its own earlier answers (EINVAL, E2BIG, EACCES, EIDRM) before the
 * EFAULT the copy would have given. */
#define IPC_HOST_BAD_PTR ((void *)~(uintptr_t)0xfff)

/* at most this many operations are copied (the kernel's SEMOPM is 500 by
 * default); a larger count goes to the host with IPC_HOST_BAD_PTR, which
 * answers E2BIG for it (EFAULT past a raised kernel.sem limit) */
#define SEM_OPS_MAX 4096

int64_t sys_semget(struct cpu *c, const uint64_t a[6])
{
    if (!xlat_ipcget_flags_ok(a[2]))
        return -EINVAL;
    return sys_ret(syscall(SYS_semget, (int)a[0], (int)a[1], (int)a[2]));
}

/* semtimedop(id, sops, nsops, timeout) and semop (no timeout). The
 * kernel's order: the timeout is read (EFAULT), nsops checked (EINVAL,
 * E2BIG), the operations read (EFAULT), the set looked up. */
static int64_t sem_timedop(int id, uint64_t gsops, uint32_t nsops, uint64_t gtmo)
{
    struct timespec ts;
    if (gtmo && !mem_copy_from_guest(&ts, gtmo, sizeof ts))
        return -EFAULT;
    void *htmo = gtmo ? &ts : NULL;
    struct sembuf_a64 gops[64];
    struct sembuf hops_small[64];
    struct sembuf_a64 *g = gops;
    struct sembuf *h = hops_small;
    bool ok = nsops >= 1 && nsops <= SEM_OPS_MAX;
    if (ok && nsops > 64) {
        g = malloc(nsops * sizeof *g);
        h = malloc(nsops * sizeof *h);
        if (!g || !h) {
            free(g);
            free(h);
            return -ENOMEM;
        }
    }
    ok = ok && mem_copy_from_guest(g, gsops, nsops * sizeof *g);
    int64_t r;
    if (!ok) {
        r = sig_hsys(SYS_semtimedop, id, (long)IPC_HOST_BAD_PTR, nsops, (long)htmo, 0, 0);
        goto out;
    }
    for (uint32_t i = 0; i < nsops; i++)
        if (!xlat_sembuf_g2h(&g[i], &h[i])) {
            r = -EINVAL;
            goto out;
        }
    r = sig_hsys(SYS_semtimedop, id, (long)h, nsops, (long)htmo, 0, 0);
out:
    if (g != gops) {
        free(g);
        free(h);
    }
    return r;
}

int64_t sys_semop(struct cpu *c, const uint64_t a[6])
{
    return sem_timedop((int)a[0], a[1], (uint32_t)a[2], 0);
}

int64_t sys_semtimedop(struct cpu *c, const uint64_t a[6])
{
    return sem_timedop((int)a[0], a[1], (uint32_t)a[2], a[3]);
}

/* the number of semaphores in set id, read without the read permission
 * GETALL and SETALL do not share (SETALL needs alter only): SEM_STAT_ANY
 * by the id's index (15 bits, or 24 with ipcmni_extend), checked against
 * the id it returns; IPC_STAT where that does not find it. -errno when the
 * set is not there. */
static long sem_nsems(int id)
{
    struct semid64_ds ds;
    static const int masks[2] = {0x7fff, 0xffffff};
    for (int k = 0; k < 2; k++)
        if (syscall(SYS_semctl, id & masks[k], 0, SEM_STAT_ANY, &ds) == id)
            return (long)ds.sem_nsems;
    if (syscall(SYS_semctl, id, 0, IPC_STAT, &ds) != 0)
        return -errno;
    return (long)ds.sem_nsems;
}

/* GETALL and SETALL through a host copy of the nsems values */
static int64_t sem_all(int id, int cmd, uint64_t garr)
{
    long n = sem_nsems(id);
    if (n < 0)
        return n;
    if (n == 0)
        n = 1;
    uint16_t *v = malloc((size_t)n * sizeof *v);
    if (!v)
        return -ENOMEM;
    int64_t r;
    if (cmd == GETALL) {
        r = sys_ret(syscall(SYS_semctl, id, 0, GETALL, v));
        if (r == 0 && !mem_copy_to_guest(garr, v, (size_t)n * sizeof *v))
            r = -EFAULT;
    } else if (mem_copy_from_guest(v, garr, (size_t)n * sizeof *v)) {
        r = sys_ret(syscall(SYS_semctl, id, 0, SETALL, v));
    } else {
        /* the host's lookup and permission answers come before EFAULT */
        r = sys_ret(syscall(SYS_semctl, id, 0, SETALL, IPC_HOST_BAD_PTR));
    }
    free(v);
    return r;
}

/* semctl(id, semnum, cmd, arg): arg as the kernel reads it for each
 * command (see the top); the structures converted. */
int64_t sys_semctl(struct cpu *c, const uint64_t a[6])
{
    int id = (int)a[0], num = (int)a[1], cmd = (int)a[2];
    uint64_t arg = a[3];
    switch (cmd) {
    case IPC_STAT_A64:
    case SEM_STAT_A64:
    case SEM_STAT_ANY_A64: {
        struct semid64_ds h;
        struct semid64_ds_a64 g;
        long r = syscall(SYS_semctl, id, num, cmd, &h);
        if (r < 0)
            return -errno;
        xlat_semid_h2g(&h, &g);
        return mem_copy_to_guest(arg, &g, sizeof g) ? r : -EFAULT;
    }
    case IPC_SET_A64: {
        struct semid64_ds h;
        struct semid64_ds_a64 g;
        if (!mem_copy_from_guest(&g, arg, sizeof g))
            return -EFAULT;
        xlat_semid_g2h(&g, &h);
        return sys_ret(syscall(SYS_semctl, id, num, cmd, &h));
    }
    case IPC_INFO_A64:
    case SEM_INFO_A64: {
        struct seminfo h;
        struct seminfo_a64 g;
        long r = syscall(SYS_semctl, id, num, cmd, &h);
        if (r < 0)
            return -errno;
        xlat_seminfo_h2g(&h, &g);
        return mem_copy_to_guest(arg, &g, sizeof g) ? r : -EFAULT;
    }
    case GETALL_A64:
    case SETALL_A64:
        return sem_all(id, cmd, arg);
    case SETVAL_A64:
        /* little-endian: the int is the long's low half */
        return sys_ret(syscall(SYS_semctl, id, num, cmd, (unsigned long)(uint32_t)arg));
    case IPC_RMID_A64:
    case GETVAL_A64:
    case GETPID_A64:
    case GETNCNT_A64:
    case GETZCNT_A64:
        return sys_ret(syscall(SYS_semctl, id, num, cmd, 0ul));
    default:
        return -EINVAL;
    }
}

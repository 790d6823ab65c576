/* System V message queues: msgget, msgsnd, msgrcv, msgctl.
 * Queues live in the host kernel; struct msgbuf (a long mtype, then the
 * text) has one layout on arm64 and x86-64 (LP64), so the host reads and
 * writes the guest's buffer in place, at g2h, after a range check: the
 * kernel's own order of errors and its partial effects stay (msgrcv with a
 * buffer it cannot write has already taken the message off the queue, as
 * natively). Flags: unknown bits are EINVAL (the kernel ignores them);
 * MSG_COPY's own rules are the host's. Waits go through the safe-syscall
 * stub; an interrupted one is -ERESTARTNOHAND (restart.def), as the
 * kernel's do_msgsnd/do_msgrcv answer. msgctl converts each structure
 * field by field (abi_ipc.h). */
#include <errno.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "signals/safe_syscall.h"
#include "syscalls/abi_ipc.h"
#include "syscalls/syscall.h"

/* a host address no process can use (see ipc_sem.c) */
#define IPC_HOST_BAD_PTR ((void *)~(uintptr_t)0xfff)

int64_t sys_msgget(struct cpu *c, const uint64_t a[6])
{
    if (!xlat_ipcget_flags_ok(a[1]))
        return -EINVAL;
    return sys_ret(syscall(SYS_msgget, (int)a[0], (int)a[1]));
}

/* The host pointer for a msgbuf of n text bytes at ga: g2h when all of it
 * lies in the region (pages the guest may not touch are the host's EFAULT
 * too), else one the host faults on after its own checks, so the host
 * never reads or writes past the region. A size the host refuses before it
 * copies any text (size_ok false: msgsnd's above msgmax, which is an int,
 * msgrcv's negative) still gets the mtype's address, so the kernel's
 * answer (EFAULT for the mtype, else EINVAL) is kept. */
static void *msg_buf(uint64_t ga, uint64_t n, bool size_ok)
{
    if (!size_ok)
        return mem_range_ok(ga, MSGBUF_MTYPE_SIZE_A64) ? g2h(ga) : IPC_HOST_BAD_PTR;
    return n <= UINT64_MAX - MSGBUF_MTYPE_SIZE_A64 && mem_range_ok(ga, MSGBUF_MTYPE_SIZE_A64 + n)
               ? g2h(ga)
               : IPC_HOST_BAD_PTR;
}

/* msgsnd(id, msgp, msgsz, flags) */
int64_t sys_msgsnd(struct cpu *c, const uint64_t a[6])
{
    if (!xlat_msgsnd_flags_ok(a[3]))
        return -EINVAL;
    return sig_hsys(SYS_msgsnd, (int)a[0], (long)msg_buf(a[1], a[2], a[2] <= INT32_MAX),
                    (long)a[2], (int)a[3], 0, 0);
}

/* msgrcv(id, msgp, msgsz, msgtyp, flags) */
int64_t sys_msgrcv(struct cpu *c, const uint64_t a[6])
{
    if (!xlat_msgrcv_flags_ok(a[4]))
        return -EINVAL;
    return sig_hsys(SYS_msgrcv, (int)a[0], (long)msg_buf(a[1], a[2], (int64_t)a[2] >= 0),
                    (long)a[2], (long)a[3],
                    (int)a[4], 0);
}

/* msgctl(id, cmd, buf): IPC_SET's structure is read before the lookup,
 * the others written after the call, as the kernel does. */
int64_t sys_msgctl(struct cpu *c, const uint64_t a[6])
{
    int id = (int)a[0], cmd = (int)a[1];
    uint64_t buf = a[2];
    switch (cmd) {
    case IPC_STAT_A64:
    case MSG_STAT_A64:
    case MSG_STAT_ANY_A64: {
        struct msqid64_ds h;
        struct msqid64_ds_a64 g;
        long r = syscall(SYS_msgctl, id, cmd, &h);
        if (r < 0)
            return -errno;
        xlat_msqid_h2g(&h, &g);
        return mem_copy_to_guest(buf, &g, sizeof g) ? r : -EFAULT;
    }
    case IPC_SET_A64: {
        struct msqid64_ds h;
        struct msqid64_ds_a64 g;
        if (!mem_copy_from_guest(&g, buf, sizeof g))
            return -EFAULT;
        xlat_msqid_g2h(&g, &h);
        return sys_ret(syscall(SYS_msgctl, id, cmd, &h));
    }
    case IPC_INFO_A64:
    case MSG_INFO_A64: {
        struct msginfo h;
        struct msginfo_a64 g;
        long r = syscall(SYS_msgctl, id, cmd, &h);
        if (r < 0)
            return -errno;
        xlat_msginfo_h2g(&h, &g);
        return mem_copy_to_guest(buf, &g, sizeof g) ? r : -EFAULT;
    }
    case IPC_RMID_A64:
        return sys_ret(syscall(SYS_msgctl, id, cmd, NULL));
    default:
        return -EINVAL;
    }
}

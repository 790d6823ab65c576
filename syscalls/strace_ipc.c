/* --strace decoders of the System V IPC and POSIX message-queue calls
 * (syscalls/ipc.def), in strace(1)'s spelling: keys (IPC_PRIVATE), the
 * *get flags (IPC_CREAT|IPC_EXCL|0600), shmat's flags, the ctl commands by
 * call (IPC_64| shown when set, as strace does), semop's operations,
 * msgsnd/msgrcv's {mtype, "text"}, their flags, struct mq_attr and struct
 * sigevent. Guest memory is read only through the checked copies, so a bad
 * pointer prints as its address (strace_line.h). */
#include <string.h>

#include "core/mem.h"
#include "signals/abi_signal.h"
#include "syscalls/abi_fs.h"
#include "syscalls/abi_ipc.h"
#include "syscalls/abi_misc.h"
#include "syscalls/strace_line.h"

void strace_sym_ipc_key(struct sline *l, uint64_t v)
{
    if ((int32_t)v == IPC_PRIVATE_A64)
        strace_put(l, "IPC_PRIVATE");
    else
        strace_put(l, "%#x", (uint32_t)v);
}

void strace_sym_ipcget_flags(struct sline *l, const char *call, uint64_t v)
{
    static const struct sflag shm[] = {
        {IPC_CREAT_A64, "IPC_CREAT"}, {IPC_EXCL_A64, "IPC_EXCL"},
        {SHM_HUGETLB_A64, "SHM_HUGETLB"}, {SHM_NORESERVE_A64, "SHM_NORESERVE"}};
    uint32_t f = (uint32_t)v;
    uint32_t rest = f & ~(uint32_t)IPC_MODE_A64;
    bool is_shm = call && !strcmp(call, "shmget");
    if (rest) {
        strace_put_flags(l, rest, shm, is_shm ? STRACE_N(shm) : 2);
        strace_put(l, "|");
    }
    strace_put(l, "%#o", f & IPC_MODE_A64);
}

void strace_sym_shmat_flags(struct sline *l, uint64_t v)
{
    static const struct sflag t[] = {{SHM_RDONLY_A64, "SHM_RDONLY"},
                                     {SHM_RND_A64, "SHM_RND"},
                                     {SHM_REMAP_A64, "SHM_REMAP"},
                                     {SHM_EXEC_A64, "SHM_EXEC"}};
    strace_put_flags(l, (uint32_t)v, t, STRACE_N(t));
}

void strace_sym_ipc_cmd(struct sline *l, const char *call, uint64_t v)
{
    static const struct sflag common[] = {{IPC_RMID_A64, "IPC_RMID"},
                                          {IPC_SET_A64, "IPC_SET"},
                                          {IPC_STAT_A64, "IPC_STAT"},
                                          {IPC_INFO_A64, "IPC_INFO"}};
    static const struct sflag shm[] = {{SHM_LOCK_A64, "SHM_LOCK"},
                                       {SHM_UNLOCK_A64, "SHM_UNLOCK"},
                                       {SHM_STAT_A64, "SHM_STAT"},
                                       {SHM_INFO_A64, "SHM_INFO"},
                                       {SHM_STAT_ANY_A64, "SHM_STAT_ANY"}};
    static const struct sflag sem[] = {
        {GETPID_A64, "GETPID"},     {GETVAL_A64, "GETVAL"},     {GETALL_A64, "GETALL"},
        {GETNCNT_A64, "GETNCNT"},   {GETZCNT_A64, "GETZCNT"},   {SETVAL_A64, "SETVAL"},
        {SETALL_A64, "SETALL"},     {SEM_STAT_A64, "SEM_STAT"}, {SEM_INFO_A64, "SEM_INFO"},
        {SEM_STAT_ANY_A64, "SEM_STAT_ANY"}};
    static const struct sflag msg[] = {{MSG_STAT_A64, "MSG_STAT"},
                                       {MSG_INFO_A64, "MSG_INFO"},
                                       {MSG_STAT_ANY_A64, "MSG_STAT_ANY"}};
    uint32_t c = (uint32_t)v;
    if (c & IPC_64_A64) {
        strace_put(l, "IPC_64|");
        c &= ~(uint32_t)IPC_64_A64;
    }
    const struct sflag *t = NULL;
    size_t n = 0;
    if (!strcmp(call, "shmctl")) {
        t = shm;
        n = STRACE_N(shm);
    } else if (!strcmp(call, "semctl")) {
        t = sem;
        n = STRACE_N(sem);
    } else if (!strcmp(call, "msgctl")) {
        t = msg;
        n = STRACE_N(msg);
    }
    for (size_t k = 0; k < STRACE_N(common); k++)
        if (common[k].v == c) {
            strace_put(l, "%s", common[k].name);
            return;
        }
    strace_put_name(l, c, t, n);
}

static void strace_sem_flg(struct sline *l, int16_t f)
{
    static const struct sflag t[] = {{SEM_UNDO_A64, "SEM_UNDO"}, {IPC_NOWAIT_A64, "IPC_NOWAIT"}};
    strace_put_flags(l, (uint16_t)f, t, STRACE_N(t));
}

/* [{sem_num=0, sem_op=-1, sem_flg=SEM_UNDO}, ...]: at most 16 shown */
void strace_sym_sembuf(struct sline *l, uint64_t ga, uint64_t n)
{
    struct sembuf_a64 op;
    if (!n || !mem_copy_from_guest(&op, ga, sizeof op)) {
        strace_put_ptr(l, ga);
        return;
    }
    strace_put(l, "[");
    for (uint64_t k = 0; k < n; k++) {
        if (k == 16) {
            strace_put(l, ", ...");
            break;
        }
        if (!mem_copy_from_guest(&op, ga + k * sizeof op, sizeof op))
            break;
        strace_put(l, "%s{sem_num=%u, sem_op=%d, sem_flg=", k ? ", " : "", op.sem_num, op.sem_op);
        strace_sem_flg(l, op.sem_flg);
        strace_put(l, "}");
    }
    strace_put(l, "]");
}

/* {mtype, "text"}: n text bytes, at most 32 shown */
void strace_sym_msgbuf(struct sline *l, uint64_t ga, int64_t n)
{
    int64_t mtype;
    uint8_t text[32];
    size_t len = n < 0 ? 0 : (size_t)n;
    size_t take = len < sizeof text ? len : sizeof text;
    if (!mem_copy_from_guest(&mtype, ga, sizeof mtype) ||
        !mem_copy_from_guest(text, ga + sizeof mtype, take)) {
        strace_put_ptr(l, ga);
        return;
    }
    strace_put(l, "{%lld, \"", (long long)mtype);
    for (size_t k = 0; k < take; k++) {
        uint8_t ch = text[k];
        if (ch == '"' || ch == '\\')
            strace_put(l, "\\%c", ch);
        else if (ch >= 32 && ch < 127)
            strace_put(l, "%c", ch);
        else
            strace_put(l, "\\%o", ch);
    }
    strace_put(l, "\"%s}", take < len ? "..." : "");
}

void strace_sym_msg_flags(struct sline *l, uint64_t v)
{
    static const struct sflag t[] = {{IPC_NOWAIT_A64, "IPC_NOWAIT"},
                                     {MSG_NOERROR_A64, "MSG_NOERROR"},
                                     {MSG_EXCEPT_A64, "MSG_EXCEPT"},
                                     {MSG_COPY_A64, "MSG_COPY"}};
    strace_put_flags(l, (uint32_t)v, t, STRACE_N(t));
}

/* {mq_flags=O_NONBLOCK, mq_maxmsg=10, mq_msgsize=8192, mq_curmsgs=0} */
void strace_sym_mq_attr(struct sline *l, uint64_t ga)
{
    struct mq_attr_a64 a;
    if (!ga || !mem_copy_from_guest(&a, ga, sizeof a)) {
        strace_put_ptr(l, ga);
        return;
    }
    strace_put(l, "{mq_flags=");
    if (a.mq_flags == O_NONBLOCK_A64)
        strace_put(l, "O_NONBLOCK");
    else
        strace_put(l, "%#llx", (unsigned long long)a.mq_flags);
    strace_put(l, ", mq_maxmsg=%lld, mq_msgsize=%lld, mq_curmsgs=%lld}", (long long)a.mq_maxmsg,
               (long long)a.mq_msgsize, (long long)a.mq_curmsgs);
}

/* {sigev_value={sival_int=..., sival_ptr=...}, sigev_signo=SIGUSR1,
 * sigev_notify=SIGEV_SIGNAL} */
void strace_sym_sigevent(struct sline *l, uint64_t ga)
{
    struct sigevent_a64 e;
    if (!ga || !mem_copy_from_guest(&e, ga, sizeof e)) {
        strace_put_ptr(l, ga);
        return;
    }
    static const struct sflag kinds[] = {{SIGEV_SIGNAL_A64, "SIGEV_SIGNAL"},
                                         {SIGEV_NONE_A64, "SIGEV_NONE"},
                                         {SIGEV_THREAD_A64, "SIGEV_THREAD"},
                                         {SIGEV_THREAD_ID_A64, "SIGEV_THREAD_ID"}};
    strace_put(l, "{sigev_value={sival_int=%d, sival_ptr=%#llx}, sigev_signo=", (int)e.value,
               (unsigned long long)e.value);
    if (e.notify == SIGEV_THREAD_A64)
        strace_put(l, "%d", e.signo); /* the netlink socket */
    else
        strace_sym_signal(l, (uint32_t)e.signo);
    strace_put(l, ", sigev_notify=");
    strace_put_name(l, (uint32_t)e.notify, kinds, STRACE_N(kinds));
    if (e.notify == SIGEV_THREAD_ID_A64)
        strace_put(l, ", sigev_notify_thread_id=%d", e.tid);
    strace_put(l, "}");
}

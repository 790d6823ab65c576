/* System V message queues as the arm64 kernel documents them (msgget(2),
 * msgop(2), msgctl(2)): messages between processes by type, MSG_EXCEPT,
 * MSG_NOERROR and E2BIG, IPC_NOWAIT and ENOMSG, a receiver woken by
 * another process, msgctl's structures field by field, wild pointers,
 * unknown flag bits. */
#include "ipctest.h"

struct msg {
    long mtype;
    char text[64];
};

static int msg_new(void) { return reg_msg(msgget(IPC_PRIVATE, IPC_CREAT | 0600)); }

static int msg_send(int id, long type, const char *s)
{
    struct msg m = {type, ""};
    snprintf(m.text, sizeof m.text, "%s", s);
    return msgsnd(id, &m, strlen(s), 0);
}

static int child_sends(void *arg)
{
    int id = *(int *)arg;
    t_sleep_ms(100); /* the parent is waiting by then */
    return msg_send(id, 3, "three") || msg_send(id, 1, "one") || msg_send(id, 2, "two") ? 1 : 0;
}

static void case_types(void)
{
    int id = msg_new();
    if (id < 0) {
        t_note("msgget: %s", strerror(errno));
        return;
    }
    pid_t pid = fork();
    if (pid == 0)
        _exit(child_sends(&id));
    struct msg m;
    memset(&m, 0, sizeof m);
    ssize_t n = msgrcv(id, &m, sizeof m.text, 2, 0); /* blocks until type 2 is there */
    EXPECT(n == 3 && m.mtype == 2 && !memcmp(m.text, "two", 3), "type 2: %zd %ld '%.*s'", n, m.mtype,
           (int)(n > 0 ? n : 0), m.text);
    EXPECT(t_waitpid(pid, T_WAIT_S) == 0, "sender failed");
    n = msgrcv(id, &m, sizeof m.text, 3, MSG_EXCEPT); /* the first not of type 3 */
    EXPECT(n == 3 && m.mtype == 1, "MSG_EXCEPT 3: %zd type %ld", n, m.mtype);
    n = msgrcv(id, &m, sizeof m.text, -5, 0); /* lowest type <= 5 */
    EXPECT(n == 5 && m.mtype == 3 && !memcmp(m.text, "three", 5), "type -5: %zd %ld", n, m.mtype);
    errno = 0;
    EXPECT(msgrcv(id, &m, sizeof m.text, 0, IPC_NOWAIT) == -1 && errno == ENOMSG, "empty queue: %s",
           strerror(errno));
}

static void case_noerror(void)
{
    int id = msg_new();
    if (id < 0) {
        t_note("msgget: %s", strerror(errno));
        return;
    }
    msg_send(id, 1, "a long message");
    struct msg m;
    errno = 0;
    EXPECT(msgrcv(id, &m, 4, 0, IPC_NOWAIT) == -1 && errno == E2BIG, "too small a buffer: %s",
           strerror(errno));
    ssize_t n = msgrcv(id, &m, 4, 0, IPC_NOWAIT | MSG_NOERROR);
    EXPECT(n == 4 && !memcmp(m.text, "a lo", 4), "MSG_NOERROR: %zd", n);
    errno = 0;
    EXPECT(msgrcv(id, &m, 4, 0, IPC_NOWAIT) == -1 && errno == ENOMSG, "the cut message stayed: %s",
           strerror(errno));
    errno = 0;
    struct msg bad = {0, "x"};
    EXPECT(msgsnd(id, &bad, 1, 0) == -1 && errno == EINVAL, "mtype 0: %s", strerror(errno));
    errno = 0;
    EXPECT(msgsnd(id, (void *)8, 1, 0) == -1 && errno == EFAULT, "wild msgsnd: %s", strerror(errno));
    msg_send(id, 1, "x");
    errno = 0;
    EXPECT(msgrcv(id, (void *)8, 8, 0, IPC_NOWAIT) == -1 && errno == EFAULT, "wild msgrcv: %s",
           strerror(errno));
}

static void case_ctl(void)
{
    int id = msg_new();
    if (id < 0) {
        t_note("msgget: %s", strerror(errno));
        return;
    }
    msg_send(id, 1, "12345");
    msg_send(id, 2, "123");
    struct msqid_ds ds;
    memset(&ds, 0x5a, sizeof ds);
    EXPECT(msgctl(id, IPC_STAT, &ds) == 0, "IPC_STAT: %s", strerror(errno));
    EXPECT(ds.msg_qnum == 2 && ds.__msg_cbytes == 8, "qnum %lu cbytes %lu", (unsigned long)ds.msg_qnum,
           (unsigned long)ds.__msg_cbytes);
    EXPECT(ds.msg_lspid == getpid() && ds.msg_lrpid == 0, "lspid %d lrpid %d", ds.msg_lspid,
           ds.msg_lrpid);
    EXPECT(ds.msg_stime > 0 && ds.msg_rtime == 0 && ds.msg_ctime > 0, "times %ld %ld %ld",
           (long)ds.msg_stime, (long)ds.msg_rtime, (long)ds.msg_ctime);
    EXPECT(ds.msg_perm.uid == geteuid() && ds.msg_perm.cgid == getegid() &&
               (ds.msg_perm.mode & 0777) == 0600,
           "perm uid %u cgid %u mode %o", ds.msg_perm.uid, ds.msg_perm.cgid, ds.msg_perm.mode);
    EXPECT(ds.msg_qbytes > 0, "qbytes %lu", (unsigned long)ds.msg_qbytes);
    ds.msg_qbytes = 1000;
    ds.msg_perm.mode = 0640;
    EXPECT(msgctl(id, IPC_SET, &ds) == 0, "IPC_SET: %s", strerror(errno));
    EXPECT(msgctl(id, IPC_STAT, &ds) == 0 && ds.msg_qbytes == 1000 && (ds.msg_perm.mode & 0777) == 0640,
           "after IPC_SET: qbytes %lu mode %o", (unsigned long)ds.msg_qbytes, ds.msg_perm.mode);
    struct msginfo mi;
    int maxidx = msgctl(0, IPC_INFO, (struct msqid_ds *)&mi);
    EXPECT(maxidx >= 0 && mi.msgmax > 0 && mi.msgmnb > 0, "IPC_INFO %d msgmax %d", maxidx, mi.msgmax);
    EXPECT(msgctl(0, MSG_INFO, (struct msqid_ds *)&mi) >= 0 && mi.msgpool >= 1, "MSG_INFO pool %d",
           mi.msgpool);
    int found = 0;
    for (int i = 0; i <= maxidx && !found; i++)
        if (msgctl(i, MSG_STAT_ANY, &ds) == id)
            found = ds.msg_qnum == 2;
    EXPECT(found, "MSG_STAT_ANY never gave id %d with 2 messages", id);
    errno = 0;
    EXPECT(msgctl(id, IPC_STAT | 0x100, &ds) == -1 && errno == EINVAL, "IPC_64|IPC_STAT: %s",
           strerror(errno));
    errno = 0;
    EXPECT(msgctl(id, IPC_STAT, (struct msqid_ds *)8) == -1 && errno == EFAULT, "wild IPC_STAT: %s",
           strerror(errno));
    EXPECT(msgctl(id, IPC_RMID, NULL) == 0, "IPC_RMID: %s", strerror(errno));
    errno = 0;
    EXPECT(msg_send(id, 1, "x") == -1 && (errno == EINVAL || errno == EIDRM), "send after IPC_RMID: %s",
           strerror(errno));
}

/* a receiver blocked when the queue goes: EIDRM */
static void case_rmid_wakes(void)
{
    int id = msg_new();
    if (id < 0) {
        t_note("msgget: %s", strerror(errno));
        return;
    }
    pid_t pid = fork();
    if (pid == 0) {
        t_sleep_ms(150);
        _exit(msgctl(id, IPC_RMID, NULL) == 0 ? 0 : 1);
    }
    struct msg m;
    errno = 0;
    EXPECT(msgrcv(id, &m, sizeof m.text, 0, 0) == -1 && errno == EIDRM, "blocked receiver: %s",
           strerror(errno));
    t_waitpid(pid, T_WAIT_S);
}

/* pvm's rule: unknown flag bits are EINVAL (the kernel ignores them) */
static void case_unknown_bits(void)
{
    errno = 0;
    EXPECT(reg_msg(msgget(IPC_PRIVATE, IPC_CREAT | 0600 | 0x100000)) == -1 && errno == EINVAL,
           "msgget with bit 0x100000: %s", strerror(errno));
    int id = msg_new();
    struct msg m = {1, "x"};
    errno = 0;
    EXPECT(msgsnd(id, &m, 1, 0x100000) == -1 && errno == EINVAL, "msgsnd bit 0x100000: %s",
           strerror(errno));
    errno = 0;
    EXPECT(msgrcv(id, &m, 1, 0, IPC_NOWAIT | 0x100000) == -1 && errno == EINVAL,
           "msgrcv bit 0x100000: %s", strerror(errno));
}

int main(void)
{
    setvbuf(stdout, NULL, _IOLBF, 0);
    ipc_reg_init();
    ipc_case("types", case_types);
    ipc_case("noerror", case_noerror);
    ipc_case("ctl", case_ctl);
    ipc_case("rmid_wakes", case_rmid_wakes);
    ipc_case("unknown_bits", case_unknown_bits);
    return 0;
}

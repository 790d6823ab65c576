/* arm64 guest ABI of System V IPC (shm, sem, msg) and POSIX message queues:
 * the constants (asm-generic values, which x86-64 shares, asserted below
 * against the host's uapi headers), the guest layouts of every structure
 * the calls read or write, and their conversions to and from the host
 * kernel's own layouts (linux/shm.h, sem.h, msg.h, mqueue.h: what the raw
 * host system calls use), field by field. arm64 and x86-64 agree on
 * ipc64_perm, shmid64_ds, msqid64_ds, the info structures and mq_attr, but
 * not on semid64_ds (x86-64 keeps a padding word after each time), and no
 * struct is passed through in place, so a layout change on either side is a
 * compile error here, not a silent corruption.
 * The arm64 kernel never strips IPC_64 from a ctl command (it has no
 * CONFIG_ARCH_WANT_IPC_PARSE_VERSION: ipc_parse_version is IPC_64 always)
 * and glibc's aarch64 shmctl/semctl/msgctl pass the plain command, so a
 * command with IPC_64 set is unknown (EINVAL), as on the kernel; the
 * structures are always the 64-bit ones. Unknown flag bits, which the
 * kernel ignores, are rejected with EINVAL (pvm's rule). */
#ifndef PVM_SYSCALLS_ABI_IPC_H
#define PVM_SYSCALLS_ABI_IPC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <fcntl.h>

#include <linux/ipc.h>
#include <linux/mqueue.h>
#include <linux/msg.h>
#include <linux/sem.h>
#include <linux/shm.h>

#include "syscalls/abi_fs.h"

/* ---- shared by the three System V families ---- */

#define IPC_PRIVATE_A64 0
#define IPC_CREAT_A64 01000
#define IPC_EXCL_A64 02000
#define IPC_NOWAIT_A64 04000
#define IPC_MODE_A64 0777 /* the permission bits of a *get flag word */
#define IPC_RMID_A64 0
#define IPC_SET_A64 1
#define IPC_STAT_A64 2
#define IPC_INFO_A64 3
#define IPC_64_A64 0x0100 /* never stripped on arm64: see above */

_Static_assert(IPC_CREAT == IPC_CREAT_A64 && IPC_EXCL == IPC_EXCL_A64 &&
                   IPC_NOWAIT == IPC_NOWAIT_A64 && IPC_RMID == IPC_RMID_A64 &&
                   IPC_SET == IPC_SET_A64 && IPC_STAT == IPC_STAT_A64 &&
                   IPC_INFO == IPC_INFO_A64 && IPC_64 == IPC_64_A64,
               "asm-generic IPC constants");

/* struct ipc64_perm (asm-generic/ipcbuf.h): mode is a 32-bit
 * __kernel_mode_t on arm64, so __pad1 is empty */
struct ipc64_perm_a64 {
    int32_t key;
    uint32_t uid, gid, cuid, cgid;
    uint32_t mode;
    uint16_t seq;
    uint16_t pad2;
    uint64_t unused1, unused2;
};
_Static_assert(sizeof(struct ipc64_perm_a64) == 48 &&
                   offsetof(struct ipc64_perm_a64, mode) == 20 &&
                   offsetof(struct ipc64_perm_a64, seq) == 24 &&
                   offsetof(struct ipc64_perm_a64, unused1) == 32,
               "arm64 ipc64_perm");
_Static_assert(sizeof(struct ipc64_perm) == 48, "host ipc64_perm");

static inline void xlat_ipc_perm_h2g(const struct ipc64_perm *h, struct ipc64_perm_a64 *g)
{
    memset(g, 0, sizeof *g);
    g->key = h->key;
    g->uid = h->uid;
    g->gid = h->gid;
    g->cuid = h->cuid;
    g->cgid = h->cgid;
    g->mode = h->mode;
    g->seq = h->seq;
}

/* IPC_SET reads uid, gid and mode (the rest is the kernel's to ignore) */
static inline void xlat_ipc_perm_g2h(const struct ipc64_perm_a64 *g, struct ipc64_perm *h)
{
    memset(h, 0, sizeof *h);
    h->key = g->key;
    h->uid = g->uid;
    h->gid = g->gid;
    h->cuid = g->cuid;
    h->cgid = g->cgid;
    h->mode = g->mode;
    h->seq = g->seq;
}

/* ---- shared memory ---- */

#define SHMLBA_A64 4096ull /* asm-generic: PAGE_SIZE (16 KiB only for AArch32 tasks) */
#define SHM_HUGETLB_A64 04000
#define SHM_NORESERVE_A64 010000
#define SHM_HUGE_SHIFT_A64 26
#define SHM_HUGE_MASK_A64 0x3fu
#define SHM_RDONLY_A64 010000
#define SHM_RND_A64 020000
#define SHM_REMAP_A64 040000
#define SHM_EXEC_A64 0100000
#define SHM_LOCK_A64 11
#define SHM_UNLOCK_A64 12
#define SHM_STAT_A64 13
#define SHM_INFO_A64 14
#define SHM_STAT_ANY_A64 15

_Static_assert(SHM_HUGETLB == SHM_HUGETLB_A64 && SHM_NORESERVE == SHM_NORESERVE_A64 &&
                   SHM_HUGE_SHIFT == SHM_HUGE_SHIFT_A64 && SHM_RDONLY == SHM_RDONLY_A64 &&
                   SHM_RND == SHM_RND_A64 && SHM_REMAP == SHM_REMAP_A64 &&
                   SHM_EXEC == SHM_EXEC_A64 && SHM_LOCK == SHM_LOCK_A64 &&
                   SHM_UNLOCK == SHM_UNLOCK_A64 && SHM_STAT == SHM_STAT_A64 &&
                   SHM_INFO == SHM_INFO_A64 && SHM_STAT_ANY == SHM_STAT_ANY_A64,
               "asm-generic shm constants");

/* shmget's flag word: mode, IPC_CREAT/IPC_EXCL, the hugetlb bits */
static inline bool xlat_shmget_flags_ok(uint64_t f)
{
    uint64_t known = IPC_MODE_A64 | IPC_CREAT_A64 | IPC_EXCL_A64 | SHM_HUGETLB_A64 |
                     SHM_NORESERVE_A64 | ((uint64_t)SHM_HUGE_MASK_A64 << SHM_HUGE_SHIFT_A64);
    return !((uint32_t)f & ~known);
}

/* shmat's flags; SHM_EXEC is applied by pvm's page flags (the host maps
 * guest code read-only, docs/design.md "Guest memory") */
static inline bool xlat_shmat_flags_ok(uint64_t f)
{
    return !((uint32_t)f & ~(uint32_t)(SHM_RDONLY_A64 | SHM_RND_A64 | SHM_REMAP_A64 | SHM_EXEC_A64));
}

struct shmid64_ds_a64 {
    struct ipc64_perm_a64 shm_perm;
    uint64_t shm_segsz;
    int64_t shm_atime, shm_dtime, shm_ctime;
    int32_t shm_cpid, shm_lpid;
    uint64_t shm_nattch;
    uint64_t unused4, unused5;
};
_Static_assert(sizeof(struct shmid64_ds_a64) == 112 &&
                   offsetof(struct shmid64_ds_a64, shm_segsz) == 48 &&
                   offsetof(struct shmid64_ds_a64, shm_cpid) == 80 &&
                   offsetof(struct shmid64_ds_a64, shm_nattch) == 88,
               "arm64 shmid64_ds");
_Static_assert(sizeof(struct shmid64_ds) == 112, "host shmid64_ds");

static inline void xlat_shmid_h2g(const struct shmid64_ds *h, struct shmid64_ds_a64 *g)
{
    memset(g, 0, sizeof *g);
    xlat_ipc_perm_h2g(&h->shm_perm, &g->shm_perm);
    g->shm_segsz = h->shm_segsz;
    g->shm_atime = h->shm_atime;
    g->shm_dtime = h->shm_dtime;
    g->shm_ctime = h->shm_ctime;
    g->shm_cpid = h->shm_cpid;
    g->shm_lpid = h->shm_lpid;
    g->shm_nattch = h->shm_nattch;
}

static inline void xlat_shmid_g2h(const struct shmid64_ds_a64 *g, struct shmid64_ds *h)
{
    memset(h, 0, sizeof *h);
    xlat_ipc_perm_g2h(&g->shm_perm, &h->shm_perm);
    h->shm_segsz = g->shm_segsz;
    h->shm_atime = g->shm_atime;
    h->shm_dtime = g->shm_dtime;
    h->shm_ctime = g->shm_ctime;
    h->shm_cpid = g->shm_cpid;
    h->shm_lpid = g->shm_lpid;
    h->shm_nattch = g->shm_nattch;
}

/* IPC_INFO writes struct shminfo64 */
struct shminfo64_a64 {
    uint64_t shmmax, shmmin, shmmni, shmseg, shmall;
    uint64_t unused[4];
};
_Static_assert(sizeof(struct shminfo64_a64) == 72, "arm64 shminfo64");
_Static_assert(sizeof(struct shminfo64) == 72, "host shminfo64");

static inline void xlat_shminfo_h2g(const struct shminfo64 *h, struct shminfo64_a64 *g)
{
    memset(g, 0, sizeof *g);
    g->shmmax = h->shmmax;
    g->shmmin = h->shmmin;
    g->shmmni = h->shmmni;
    g->shmseg = h->shmseg;
    g->shmall = h->shmall;
}

/* SHM_INFO writes struct shm_info */
struct shm_info_a64 {
    int32_t used_ids;
    uint32_t pad;
    uint64_t shm_tot, shm_rss, shm_swp, swap_attempts, swap_successes;
};
_Static_assert(sizeof(struct shm_info_a64) == 48 && offsetof(struct shm_info_a64, shm_tot) == 8,
               "arm64 shm_info");
_Static_assert(sizeof(struct shm_info) == 48, "host shm_info");

static inline void xlat_shm_info_h2g(const struct shm_info *h, struct shm_info_a64 *g)
{
    memset(g, 0, sizeof *g);
    g->used_ids = h->used_ids;
    g->shm_tot = h->shm_tot;
    g->shm_rss = h->shm_rss;
    g->shm_swp = h->shm_swp;
    g->swap_attempts = h->swap_attempts;
    g->swap_successes = h->swap_successes;
}

/* ---- semaphores ---- */

#define SEM_UNDO_A64 0x1000
#define GETPID_A64 11
#define GETVAL_A64 12
#define GETALL_A64 13
#define GETNCNT_A64 14
#define GETZCNT_A64 15
#define SETVAL_A64 16
#define SETALL_A64 17
#define SEM_STAT_A64 18
#define SEM_INFO_A64 19
#define SEM_STAT_ANY_A64 20

_Static_assert(SEM_UNDO == SEM_UNDO_A64 && GETPID == GETPID_A64 && GETVAL == GETVAL_A64 &&
                   GETALL == GETALL_A64 && GETNCNT == GETNCNT_A64 && GETZCNT == GETZCNT_A64 &&
                   SETVAL == SETVAL_A64 && SETALL == SETALL_A64 && SEM_STAT == SEM_STAT_A64 &&
                   SEM_INFO == SEM_INFO_A64 && SEM_STAT_ANY == SEM_STAT_ANY_A64,
               "asm-generic sem constants");

/* semget's and msgget's flag word */
static inline bool xlat_ipcget_flags_ok(uint64_t f)
{
    return !((uint32_t)f & ~(uint32_t)(IPC_MODE_A64 | IPC_CREAT_A64 | IPC_EXCL_A64));
}

/* struct sembuf: 6 bytes on both */
struct sembuf_a64 {
    uint16_t sem_num;
    int16_t sem_op;
    int16_t sem_flg;
};
_Static_assert(sizeof(struct sembuf_a64) == 6 && sizeof(struct sembuf) == 6, "sembuf");

/* one operation; false for an unknown sem_flg bit */
static inline bool xlat_sembuf_g2h(const struct sembuf_a64 *g, struct sembuf *h)
{
    if ((uint16_t)g->sem_flg & ~(uint16_t)(IPC_NOWAIT_A64 | SEM_UNDO_A64))
        return false;
    h->sem_num = g->sem_num;
    h->sem_op = g->sem_op;
    h->sem_flg = g->sem_flg;
    return true;
}

/* asm-generic semid64_ds (64-bit: no padding words after the times) */
struct semid64_ds_a64 {
    struct ipc64_perm_a64 sem_perm;
    int64_t sem_otime, sem_ctime;
    uint64_t sem_nsems;
    uint64_t unused3, unused4;
};
_Static_assert(sizeof(struct semid64_ds_a64) == 88 &&
                   offsetof(struct semid64_ds_a64, sem_ctime) == 56 &&
                   offsetof(struct semid64_ds_a64, sem_nsems) == 64,
               "arm64 semid64_ds");
/* x86-64's has __unused1 after sem_otime and __unused2 after sem_ctime */
_Static_assert(sizeof(struct semid64_ds) == 104 && offsetof(struct semid64_ds, sem_ctime) == 64,
               "host semid64_ds");

static inline void xlat_semid_h2g(const struct semid64_ds *h, struct semid64_ds_a64 *g)
{
    memset(g, 0, sizeof *g);
    xlat_ipc_perm_h2g(&h->sem_perm, &g->sem_perm);
    g->sem_otime = h->sem_otime;
    g->sem_ctime = h->sem_ctime;
    g->sem_nsems = h->sem_nsems;
}

static inline void xlat_semid_g2h(const struct semid64_ds_a64 *g, struct semid64_ds *h)
{
    memset(h, 0, sizeof *h);
    xlat_ipc_perm_g2h(&g->sem_perm, &h->sem_perm);
    h->sem_otime = g->sem_otime;
    h->sem_ctime = g->sem_ctime;
    h->sem_nsems = g->sem_nsems;
}

/* IPC_INFO and SEM_INFO write struct seminfo */
struct seminfo_a64 {
    int32_t semmap, semmni, semmns, semmnu, semmsl, semopm, semume, semusz, semvmx, semaem;
};
_Static_assert(sizeof(struct seminfo_a64) == 40 && sizeof(struct seminfo) == 40, "seminfo");

static inline void xlat_seminfo_h2g(const struct seminfo *h, struct seminfo_a64 *g)
{
    g->semmap = h->semmap;
    g->semmni = h->semmni;
    g->semmns = h->semmns;
    g->semmnu = h->semmnu;
    g->semmsl = h->semmsl;
    g->semopm = h->semopm;
    g->semume = h->semume;
    g->semusz = h->semusz;
    g->semvmx = h->semvmx;
    g->semaem = h->semaem;
}

/* ---- message queues ---- */

#define MSG_STAT_A64 11
#define MSG_INFO_A64 12
#define MSG_STAT_ANY_A64 13
#define MSG_NOERROR_A64 010000
#define MSG_EXCEPT_A64 020000
#define MSG_COPY_A64 040000

_Static_assert(MSG_STAT == MSG_STAT_A64 && MSG_INFO == MSG_INFO_A64 &&
                   MSG_STAT_ANY == MSG_STAT_ANY_A64 && MSG_NOERROR == MSG_NOERROR_A64 &&
                   MSG_EXCEPT == MSG_EXCEPT_A64 && MSG_COPY == MSG_COPY_A64,
               "asm-generic msg constants");

/* msgsnd: IPC_NOWAIT only; msgrcv: also MSG_NOERROR, MSG_EXCEPT, MSG_COPY
 * (whose own rules, with IPC_NOWAIT and without MSG_EXCEPT, the host checks) */
static inline bool xlat_msgsnd_flags_ok(uint64_t f)
{
    return !((uint32_t)f & ~(uint32_t)IPC_NOWAIT_A64);
}
static inline bool xlat_msgrcv_flags_ok(uint64_t f)
{
    return !((uint32_t)f &
             ~(uint32_t)(IPC_NOWAIT_A64 | MSG_NOERROR_A64 | MSG_EXCEPT_A64 | MSG_COPY_A64));
}

/* struct msgbuf: long mtype, then the text; the same on both (LP64), so
 * msgsnd/msgrcv hand the host the guest's buffer in place */
#define MSGBUF_MTYPE_SIZE_A64 8

struct msqid64_ds_a64 {
    struct ipc64_perm_a64 msg_perm;
    int64_t msg_stime, msg_rtime, msg_ctime;
    uint64_t msg_cbytes, msg_qnum, msg_qbytes;
    int32_t msg_lspid, msg_lrpid;
    uint64_t unused4, unused5;
};
_Static_assert(sizeof(struct msqid64_ds_a64) == 120 &&
                   offsetof(struct msqid64_ds_a64, msg_qbytes) == 88 &&
                   offsetof(struct msqid64_ds_a64, msg_lspid) == 96,
               "arm64 msqid64_ds");
_Static_assert(sizeof(struct msqid64_ds) == 120, "host msqid64_ds");

static inline void xlat_msqid_h2g(const struct msqid64_ds *h, struct msqid64_ds_a64 *g)
{
    memset(g, 0, sizeof *g);
    xlat_ipc_perm_h2g(&h->msg_perm, &g->msg_perm);
    g->msg_stime = h->msg_stime;
    g->msg_rtime = h->msg_rtime;
    g->msg_ctime = h->msg_ctime;
    g->msg_cbytes = h->msg_cbytes;
    g->msg_qnum = h->msg_qnum;
    g->msg_qbytes = h->msg_qbytes;
    g->msg_lspid = h->msg_lspid;
    g->msg_lrpid = h->msg_lrpid;
}

static inline void xlat_msqid_g2h(const struct msqid64_ds_a64 *g, struct msqid64_ds *h)
{
    memset(h, 0, sizeof *h);
    xlat_ipc_perm_g2h(&g->msg_perm, &h->msg_perm);
    h->msg_stime = g->msg_stime;
    h->msg_rtime = g->msg_rtime;
    h->msg_ctime = g->msg_ctime;
    h->msg_cbytes = g->msg_cbytes;
    h->msg_qnum = g->msg_qnum;
    h->msg_qbytes = g->msg_qbytes;
    h->msg_lspid = g->msg_lspid;
    h->msg_lrpid = g->msg_lrpid;
}

/* IPC_INFO and MSG_INFO write struct msginfo */
struct msginfo_a64 {
    int32_t msgpool, msgmap, msgmax, msgmnb, msgmni, msgssz, msgtql;
    uint16_t msgseg;
    uint16_t pad;
};
_Static_assert(sizeof(struct msginfo_a64) == 32 && sizeof(struct msginfo) == 32, "msginfo");

static inline void xlat_msginfo_h2g(const struct msginfo *h, struct msginfo_a64 *g)
{
    memset(g, 0, sizeof *g);
    g->msgpool = h->msgpool;
    g->msgmap = h->msgmap;
    g->msgmax = h->msgmax;
    g->msgmnb = h->msgmnb;
    g->msgmni = h->msgmni;
    g->msgssz = h->msgssz;
    g->msgtql = h->msgtql;
    g->msgseg = h->msgseg;
}

/* ---- POSIX message queues ---- */

#define MQ_NOTIFY_COOKIE_LEN_A64 32 /* SIGEV_THREAD's cookie, read by mq_notify */

struct mq_attr_a64 {
    int64_t mq_flags, mq_maxmsg, mq_msgsize, mq_curmsgs;
    int64_t reserved[4];
};
_Static_assert(sizeof(struct mq_attr_a64) == 64 && sizeof(struct mq_attr) == 64, "mq_attr");

/* mq_flags holds O_NONBLOCK or nothing (mq_getsetattr refuses any other bit
 * before converting; mq_open ignores the field, as the kernel does) */
static inline void xlat_mq_attr_g2h(const struct mq_attr_a64 *g, struct mq_attr *h)
{
    memset(h, 0, sizeof *h);
    h->mq_flags = g->mq_flags & O_NONBLOCK_A64 ? O_NONBLOCK : 0;
    h->mq_maxmsg = g->mq_maxmsg;
    h->mq_msgsize = g->mq_msgsize;
    h->mq_curmsgs = g->mq_curmsgs;
}

static inline void xlat_mq_attr_h2g(const struct mq_attr *h, struct mq_attr_a64 *g)
{
    memset(g, 0, sizeof *g);
    g->mq_flags = h->mq_flags & O_NONBLOCK ? O_NONBLOCK_A64 : 0;
    g->mq_maxmsg = h->mq_maxmsg;
    g->mq_msgsize = h->mq_msgsize;
    g->mq_curmsgs = h->mq_curmsgs;
}

#endif

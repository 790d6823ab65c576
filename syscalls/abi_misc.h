/* arm64 guest ABI constants and layouts for the misc, time and memory calls
 * added in issue 5 (personality, prctl, sched_attr, syslog, timex, POSIX
 * timers, memfd_create, membarrier). All are asm-generic values shared with
 * x86-64; the .c files assert them against the host headers, and every
 * classifier below rejects (or refuses) values it does not know. */
#ifndef PVM_SYSCALLS_ABI_MISC_H
#define PVM_SYSCALLS_ABI_MISC_H

#include <stdbool.h>
#include <stdint.h>

/* ---- personality ---- */

#define PER_LINUX_A64 0x0000
#define PER_MASK_A64 0x00ff /* the personality proper; the rest are flag bits */
#define UNAME26_A64 0x0020000
#define ADDR_NO_RANDOMIZE_A64 0x0040000
#define FDPIC_FUNCPTRS_A64 0x0080000
#define MMAP_PAGE_ZERO_A64 0x0100000
#define ADDR_COMPAT_LAYOUT_A64 0x0200000
#define READ_IMPLIES_EXEC_A64 0x0400000
#define ADDR_LIMIT_32BIT_A64 0x0800000
#define SHORT_INODE_A64 0x1000000
#define WHOLE_SECONDS_A64 0x2000000
#define STICKY_TIMEOUTS_A64 0x4000000
#define ADDR_LIMIT_3GB_A64 0x8000000
#define PER_FLAGS_A64 0x0ffe0000u
/* flag bits the host personality can carry for the guest: they either have
 * the same effect on pvm's behalf (UNAME26 through the host uname, no ASLR
 * of the host mappings) or none; they survive exec with the host's
 * personality, as the guest's would. The others (READ_IMPLIES_EXEC,
 * MMAP_PAGE_ZERO, ADDR_COMPAT_LAYOUT, ADDR_LIMIT_*, FDPIC) would change
 * pvm's own address space (the guest region's placement) and are only
 * recorded: they are lost at exec. */
#define PER_HOST_FLAGS_A64                                                                         \
    (UNAME26_A64 | ADDR_NO_RANDOMIZE_A64 | SHORT_INODE_A64 | WHOLE_SECONDS_A64 |                    \
     STICKY_TIMEOUTS_A64)

/* PER_LINUX with known flag bits; PER_LINUX32 and the other personalities
 * (SVR4, BSD, ...) are refused: there is no AArch32 or foreign-ABI mode */
static inline bool xlat_personality_ok(uint32_t p)
{
    return (p & PER_MASK_A64) == PER_LINUX_A64 && !(p & ~(PER_MASK_A64 | PER_FLAGS_A64));
}

/* ---- prctl options (include/uapi/linux/prctl.h, generic) ---- */

#define PR_SET_PDEATHSIG_A64 1
#define PR_GET_PDEATHSIG_A64 2
#define PR_GET_DUMPABLE_A64 3
#define PR_SET_DUMPABLE_A64 4
#define PR_GET_KEEPCAPS_A64 7
#define PR_SET_KEEPCAPS_A64 8
#define PR_GET_TIMING_A64 13
#define PR_SET_TIMING_A64 14
#define PR_SET_NAME_A64 15
#define PR_GET_NAME_A64 16
#define PR_GET_SECCOMP_A64 21
#define PR_SET_SECCOMP_A64 22
#define PR_CAPBSET_READ_A64 23
#define PR_CAPBSET_DROP_A64 24
#define PR_GET_SECUREBITS_A64 27
#define PR_SET_SECUREBITS_A64 28
#define PR_SET_TIMERSLACK_A64 29
#define PR_GET_TIMERSLACK_A64 30
#define PR_TASK_PERF_EVENTS_DISABLE_A64 31
#define PR_TASK_PERF_EVENTS_ENABLE_A64 32
#define PR_MCE_KILL_A64 33
#define PR_MCE_KILL_GET_A64 34
#define PR_SET_MM_A64 35
#define PR_SET_CHILD_SUBREAPER_A64 36
#define PR_GET_CHILD_SUBREAPER_A64 37
#define PR_SET_NO_NEW_PRIVS_A64 38
#define PR_GET_NO_NEW_PRIVS_A64 39
#define PR_GET_TID_ADDRESS_A64 40
#define PR_SET_THP_DISABLE_A64 41
#define PR_GET_THP_DISABLE_A64 42
#define PR_CAP_AMBIENT_A64 47
#define PR_SVE_SET_VL_A64 50
#define PR_SVE_GET_VL_A64 51
#define PR_GET_SPECULATION_CTRL_A64 52
#define PR_SET_SPECULATION_CTRL_A64 53
#define PR_PAC_RESET_KEYS_A64 54
#define PR_SET_TAGGED_ADDR_CTRL_A64 55
#define PR_GET_TAGGED_ADDR_CTRL_A64 56
#define PR_SET_IO_FLUSHER_A64 57
#define PR_GET_IO_FLUSHER_A64 58
#define PR_SET_MDWE_A64 65
#define PR_GET_MDWE_A64 66
#define PR_SET_PTRACER_A64 0x59616d61
#define PR_TAGGED_ADDR_ENABLE_A64 1

/* ---- scheduling ---- */

/* struct sched_attr: u32 size, u32 policy, u64 flags, s32 nice, u32 prio,
 * u64 runtime, deadline, period, u32 util_min, util_max: the same on both */
#define SCHED_ATTR_SIZE_VER0_A64 48
#define SCHED_ATTR_SIZE_VER1_A64 56

/* ---- syslog actions ---- */

#define SYSLOG_ACTION_READ_A64 2
#define SYSLOG_ACTION_READ_ALL_A64 3
#define SYSLOG_ACTION_READ_CLEAR_A64 4

/* ---- time ---- */

/* struct timex: 208 bytes, all longs/ints at the same offsets on both LP64 ABIs */
#define TIMEX_SIZE_A64 208
#define ADJ_OFFSET_READONLY_A64 0x2000
#define ADJ_ADJTIME_A64 0x8000

/* adjtimex modes that only read the clock state (no CAP_SYS_TIME needed):
 * 0, or an ADJ_ADJTIME request marked read-only (ADJ_OFFSET_SS_READ) */
static inline bool xlat_adjtimex_readonly(uint32_t modes)
{
    return modes == 0 ||
           ((modes & ADJ_ADJTIME_A64) && (modes & ADJ_OFFSET_READONLY_A64));
}

/* a dynamic (fd-based) clock id: ((~fd) << 3) | CLOCKFD */
#define CLOCKFD_A64 3
#define CLOCKFD_MASK_A64 7
static inline bool clockid_is_fd(int32_t id) { return id < 0 && (id & CLOCKFD_MASK_A64) == CLOCKFD_A64; }
static inline int clockid_fd(int32_t id) { return (int)~(uint32_t)(id >> 3); }

/* struct sigevent: sigval (8), signo, notify, then a 48-byte union whose
 * first int is the thread id for SIGEV_THREAD_ID: 64 bytes on both */
#define SIGEVENT_SIZE_A64 64
#define SIGEV_SIGNAL_A64 0
#define SIGEV_NONE_A64 1
#define SIGEV_THREAD_A64 2
#define SIGEV_THREAD_ID_A64 4
struct sigevent_a64 {
    uint64_t value;
    int32_t signo;
    int32_t notify;
    int32_t tid;
    int32_t pad[11];
};
_Static_assert(sizeof(struct sigevent_a64) == SIGEVENT_SIZE_A64, "kernel sigevent");

/* itimerspec (two timespecs) and itimerval (two timevals): 32 bytes on both */
#define ITIMERSPEC_SIZE_A64 32
#define ITIMERVAL_SIZE_A64 32

/* ---- memory ---- */

#define MFD_CLOEXEC_A64 0x0001u
#define MFD_ALLOW_SEALING_A64 0x0002u
#define MFD_HUGETLB_A64 0x0004u
#define MFD_NOEXEC_SEAL_A64 0x0008u
#define MFD_EXEC_A64 0x0010u
#define MFD_HUGE_SHIFT_A64 26
#define MFD_HUGE_MASK_A64 0x3fu
#define MFD_NAME_MAX_A64 249 /* NAME_MAX - strlen("memfd:") */

/* memfd_create flags (an unsigned int): the host values are the same */
static inline bool xlat_memfd_flags_ok(uint32_t f)
{
    uint32_t known = MFD_CLOEXEC_A64 | MFD_ALLOW_SEALING_A64 | MFD_HUGETLB_A64 |
                     MFD_NOEXEC_SEAL_A64 | MFD_EXEC_A64;
    if (f & MFD_HUGETLB_A64)
        known |= MFD_HUGE_MASK_A64 << MFD_HUGE_SHIFT_A64;
    return !(f & ~known) && !((f & MFD_EXEC_A64) && (f & MFD_NOEXEC_SEAL_A64));
}

#define MEMBARRIER_CMD_QUERY_A64 0
#define MEMBARRIER_CMD_GET_REGISTRATIONS_A64 (1 << 9)
#define MEMBARRIER_CMD_FLAG_CPU_A64 1
#define MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ_A64 (1 << 7)

/* membarrier commands: QUERY or exactly one of the ten command bits */
static inline bool xlat_membarrier_cmd_ok(uint64_t cmd, uint64_t flags)
{
    uint32_t c = (uint32_t)cmd;
    if (c != MEMBARRIER_CMD_QUERY_A64 && ((c & (c - 1)) || c > MEMBARRIER_CMD_GET_REGISTRATIONS_A64))
        return false;
    uint32_t f = (uint32_t)flags;
    return f == 0 || (f == MEMBARRIER_CMD_FLAG_CPU_A64 && c == MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ_A64);
}

#endif

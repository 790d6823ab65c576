/* arm64 guest ABI constants and layouts for the memory, process, time and
 * signal system calls, and their explicit translation to the host. Where the
 * arm64 value equals the x86-64 one the translation still goes through a
 * known-bits mask, so an unknown guest bit is rejected (-EINVAL), never
 * passed on. Values are from the arm64 uapi headers (asm-generic). */
#ifndef PVM_SYSCALLS_ABI_PROC_H
#define PVM_SYSCALLS_ABI_PROC_H

#include <errno.h>
#include <fcntl.h>
#include <linux/futex.h>
#include <signal.h>

#include "signals/abi_signal.h"
#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>

/* ---- mmap, mprotect ---- */

/* prot (asm-generic + arm64 PROT_BTI/PROT_MTE, which are not advertised) */
#define PROT_READ_A64 0x1
#define PROT_WRITE_A64 0x2
#define PROT_EXEC_A64 0x4
#define PROT_BTI_A64 0x10
#define PROT_MTE_A64 0x20
#define PROT_GROWSDOWN_A64 0x01000000
#define PROT_GROWSUP_A64 0x02000000
#define PROT_KNOWN_A64 (PROT_READ_A64 | PROT_WRITE_A64 | PROT_EXEC_A64)

/* flags (asm-generic/mman-common.h, mman.h) */
#define MAP_SHARED_A64 0x01
#define MAP_PRIVATE_A64 0x02
#define MAP_SHARED_VALIDATE_A64 0x03
#define MAP_TYPE_A64 0x0f
#define MAP_FIXED_A64 0x10
#define MAP_ANONYMOUS_A64 0x20
#define MAP_GROWSDOWN_A64 0x0100
#define MAP_DENYWRITE_A64 0x0800
#define MAP_EXECUTABLE_A64 0x1000
#define MAP_LOCKED_A64 0x2000
#define MAP_NORESERVE_A64 0x4000
#define MAP_POPULATE_A64 0x8000
#define MAP_NONBLOCK_A64 0x10000
#define MAP_STACK_A64 0x20000
#define MAP_HUGETLB_A64 0x40000
#define MAP_SYNC_A64 0x80000
#define MAP_FIXED_NOREPLACE_A64 0x100000
#define MAP_UNINITIALIZED_A64 0x4000000
#define MAP_HUGE_MASK_A64 (0x3full << 26)

/* Guest prot -> the guest PROT_* value pvm works with (mem_host_prot and
 * mem_prot_flags take it). PROT_BTI/PROT_MTE are refused because HWCAP does
 * not advertise them; PROT_GROWSDOWN/UP only where allow_grows (mprotect),
 * and then ignored: the range given is changed, not the whole stack vma. */
static inline bool xlat_mmap_prot(uint64_t g, bool allow_grows, int *prot)
{
    uint64_t known = PROT_KNOWN_A64;
    if (allow_grows)
        known |= PROT_GROWSDOWN_A64;
    if ((g & ~known) || (g & PROT_GROWSDOWN_A64 && g & PROT_GROWSUP_A64))
        return false;
    *prot = (int)(g & PROT_KNOWN_A64);
    return true;
}

static inline bool xlat_mprotect_ok(uint64_t g, int *prot) { return xlat_mmap_prot(g, true, prot); }

/* Guest mmap flags -> host flags without MAP_FIXED / MAP_FIXED_NOREPLACE
 * (pvm always maps with MAP_FIXED itself, inside the reservation); false for
 * unknown or unsupported bits. */
static inline bool xlat_mmap_flags(uint64_t g, int *host)
{
    const uint64_t known = MAP_TYPE_A64 | MAP_FIXED_A64 | MAP_ANONYMOUS_A64 | MAP_GROWSDOWN_A64 |
                           MAP_DENYWRITE_A64 | MAP_EXECUTABLE_A64 | MAP_LOCKED_A64 |
                           MAP_NORESERVE_A64 | MAP_POPULATE_A64 | MAP_NONBLOCK_A64 | MAP_STACK_A64 |
                           MAP_HUGETLB_A64 | MAP_SYNC_A64 | MAP_FIXED_NOREPLACE_A64 |
                           MAP_UNINITIALIZED_A64;
    if (g & ~known)
        return false;
    int h = 0;
    switch (g & MAP_TYPE_A64) {
    case MAP_SHARED_A64: h |= MAP_SHARED; break;
    case MAP_PRIVATE_A64: h |= MAP_PRIVATE; break;
    case MAP_SHARED_VALIDATE_A64: h |= MAP_SHARED_VALIDATE; break;
    default: return false;
    }
    if (g & MAP_HUGETLB_A64)
        return false; /* huge pages would break the 4 KiB guest page bookkeeping */
    if ((g & MAP_SYNC_A64) && (g & MAP_TYPE_A64) != MAP_SHARED_VALIDATE_A64)
        g &= ~(uint64_t)MAP_SYNC_A64; /* the kernel ignores it without validation */
    if (g & MAP_ANONYMOUS_A64) h |= MAP_ANONYMOUS;
    if (g & MAP_LOCKED_A64) h |= MAP_LOCKED;
    if (g & MAP_NORESERVE_A64) h |= MAP_NORESERVE;
    if (g & MAP_POPULATE_A64) h |= MAP_POPULATE;
    if (g & MAP_NONBLOCK_A64) h |= MAP_NONBLOCK;
    if (g & MAP_SYNC_A64) h |= MAP_SYNC;
    /* GROWSDOWN, DENYWRITE, EXECUTABLE, STACK, UNINITIALIZED: accepted, no
     * host effect (a growsdown host vma could grow out of its guest range) */
    *host = h;
    return true;
}

/* ---- mremap, madvise, msync, mlockall ---- */

#define MREMAP_MAYMOVE_A64 1
#define MREMAP_FIXED_A64 2
#define MREMAP_DONTUNMAP_A64 4

/* MREMAP_DONTUNMAP is not supported (it would leave the old range mapped
 * with no guest pages behind it): -EINVAL as an old kernel reports. */
static inline bool xlat_mremap_flags(uint64_t g)
{
    if (g & ~(uint64_t)(MREMAP_MAYMOVE_A64 | MREMAP_FIXED_A64))
        return false;
    return !((g & MREMAP_FIXED_A64) && !(g & MREMAP_MAYMOVE_A64));
}

#define MADV_NORMAL_A64 0
#define MADV_WILLNEED_A64 3
#define MADV_DONTNEED_A64 4
#define MADV_FREE_A64 8
#define MADV_REMOVE_A64 9
#define MADV_DONTFORK_A64 10
#define MADV_DOFORK_A64 11
#define MADV_WIPEONFORK_A64 18
#define MADV_DONTNEED_LOCKED_A64 24
#define MADV_COLLAPSE_A64 25
#define MADV_HWPOISON_A64 100
#define MADV_SOFT_OFFLINE_A64 101

enum madv_kind {
    MADV_K_PASS,     /* give the host the same advice on the host pages */
    MADV_K_DISCARD,  /* pass, and the contents may change: drop decoded code */
    MADV_K_IGNORE,   /* accept and do nothing */
    MADV_K_EPERM,    /* refused (would damage host pages / pvm's reservation) */
    MADV_K_INVALID,  /* unknown advice */
};

/* Classifies a guest madvise advice. DONTFORK is accepted but ignored: a
 * fork child without those host pages would have a hole in its reservation,
 * where the host could place pvm's own data. */
static inline enum madv_kind xlat_madvise(uint64_t g)
{
    if (g == MADV_DONTNEED_A64 || g == MADV_FREE_A64 || g == MADV_REMOVE_A64 ||
        g == MADV_DONTNEED_LOCKED_A64)
        return MADV_K_DISCARD;
    if (g == MADV_DONTFORK_A64)
        return MADV_K_IGNORE;
    if (g == MADV_HWPOISON_A64 || g == MADV_SOFT_OFFLINE_A64)
        return MADV_K_EPERM;
    if (g <= 3 || (g >= 11 && g <= MADV_COLLAPSE_A64))
        return MADV_K_PASS;
    return MADV_K_INVALID;
}

#define MS_ASYNC_A64 1
#define MS_INVALIDATE_A64 2
#define MS_SYNC_A64 4

static inline bool xlat_msync_flags(uint64_t g, int *host)
{
    if ((g & ~(uint64_t)(MS_ASYNC_A64 | MS_INVALIDATE_A64 | MS_SYNC_A64)) ||
        ((g & MS_ASYNC_A64) && (g & MS_SYNC_A64)))
        return false;
    *host = (g & MS_ASYNC_A64 ? MS_ASYNC : 0) | (g & MS_INVALIDATE_A64 ? MS_INVALIDATE : 0) |
            (g & MS_SYNC_A64 ? MS_SYNC : 0);
    return true;
}

#define MCL_CURRENT_A64 1
#define MCL_FUTURE_A64 2
#define MCL_ONFAULT_A64 4

static inline bool xlat_mlockall_flags(uint64_t g)
{
    return g && !(g & ~(uint64_t)(MCL_CURRENT_A64 | MCL_FUTURE_A64 | MCL_ONFAULT_A64)) &&
           g != MCL_ONFAULT_A64;
}

/* ---- clone, wait ---- */

#define CSIGNAL_A64 0x000000ff
#define CLONE_VM_A64 0x00000100
#define CLONE_FS_A64 0x00000200
#define CLONE_FILES_A64 0x00000400
#define CLONE_SIGHAND_A64 0x00000800
#define CLONE_PIDFD_A64 0x00001000
#define CLONE_PTRACE_A64 0x00002000
#define CLONE_VFORK_A64 0x00004000
#define CLONE_PARENT_A64 0x00008000
#define CLONE_THREAD_A64 0x00010000
#define CLONE_NEWNS_A64 0x00020000
#define CLONE_SYSVSEM_A64 0x00040000
#define CLONE_SETTLS_A64 0x00080000
#define CLONE_PARENT_SETTID_A64 0x00100000
#define CLONE_CHILD_CLEARTID_A64 0x00200000
#define CLONE_DETACHED_A64 0x00400000
#define CLONE_UNTRACED_A64 0x00800000
#define CLONE_CHILD_SETTID_A64 0x01000000
#define CLONE_NEWCGROUP_A64 0x02000000
#define CLONE_NEWUTS_A64 0x04000000
#define CLONE_NEWIPC_A64 0x08000000
#define CLONE_NEWUSER_A64 0x10000000
#define CLONE_NEWPID_A64 0x20000000
#define CLONE_NEWNET_A64 0x40000000
#define CLONE_IO_A64 0x80000000u

/* clone3's struct clone_args (version 0 is the first 64 bytes) */
struct clone_args_a64 {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};
_Static_assert(sizeof(struct clone_args_a64) == 64, "clone_args version 0");

enum clone_kind {
    CLONE_K_FORK,    /* a new process with a copy of the address space */
    CLONE_K_VFORK,   /* CLONE_VM|CLONE_VFORK: shares memory until exec/exit */
    CLONE_K_THREAD,  /* a thread: VM|SIGHAND|THREAD|FS|FILES (the engine starts it) */
    CLONE_K_UNSUPPORTED, /* valid for the kernel, not emulated (-EINVAL): memory
                            shared without CLONE_THREAD, a thread with its own fd
                            table or fs info, namespaces, a thread's pidfd, ptrace */
    CLONE_K_INVALID, /* a combination the kernel refuses (-EINVAL) */
};

/* Classifies clone flags. Namespaces, CLONE_PARENT, ptrace, sharing the
 * fd/fs tables between processes and a pidfd of a thread are not supported
 * (-EINVAL), so a caller falls back or reports it. CLONE_PIDFD goes with a
 * fork or a vfork (the caller finds where the pidfd goes); with
 * CLONE_DETACHED the kernel refuses it. */
static inline enum clone_kind xlat_clone_flags(uint64_t g64)
{
    uint64_t g = (uint32_t)g64; /* clone (not clone3) ignores the upper half */
    if ((g & CSIGNAL_A64) > 64)
        return CLONE_K_INVALID;
    if ((g & CLONE_SIGHAND_A64) && !(g & CLONE_VM_A64))
        return CLONE_K_INVALID;
    if ((g & CLONE_THREAD_A64) && !(g & CLONE_SIGHAND_A64))
        return CLONE_K_INVALID;
    if ((g & CLONE_PIDFD_A64) && (g & CLONE_DETACHED_A64))
        return CLONE_K_INVALID;
    const uint64_t procflags = CSIGNAL_A64 | CLONE_PARENT_SETTID_A64 | CLONE_CHILD_CLEARTID_A64 |
                               CLONE_CHILD_SETTID_A64 | CLONE_DETACHED_A64 | CLONE_UNTRACED_A64;
    /* glibc's and musl's pthread_create; Go's threads (no CLONE_SETTLS) */
    const uint64_t thread_need = CLONE_VM_A64 | CLONE_SIGHAND_A64 | CLONE_THREAD_A64 | CLONE_FS_A64 |
                                 CLONE_FILES_A64;
    const uint64_t thread_may = thread_need | CLONE_SYSVSEM_A64 | CLONE_SETTLS_A64 | procflags;
    if ((g & thread_need) == thread_need && !(g & ~thread_may))
        return CLONE_K_THREAD;
    uint64_t vm = g & (CLONE_VM_A64 | CLONE_VFORK_A64);
    if (vm == CLONE_VM_A64 || (g & (CLONE_THREAD_A64 | CLONE_SETTLS_A64 | CLONE_SIGHAND_A64 |
                                    CLONE_FILES_A64 | CLONE_FS_A64 | CLONE_SYSVSEM_A64)))
        return CLONE_K_UNSUPPORTED;
    if (g & ~(procflags | CLONE_PIDFD_A64 | CLONE_VM_A64 | CLONE_VFORK_A64))
        return CLONE_K_UNSUPPORTED; /* namespaces, ptrace...: not supported */
    return vm == (CLONE_VM_A64 | CLONE_VFORK_A64) ? CLONE_K_VFORK : CLONE_K_FORK;
}

#define WNOHANG_A64 0x00000001
#define WUNTRACED_A64 0x00000002
#define WSTOPPED_A64 WUNTRACED_A64
#define WEXITED_A64 0x00000004
#define WCONTINUED_A64 0x00000008
#define WNOWAIT_A64 0x01000000
#define WNOTHREAD_A64 0x20000000
#define WALL_A64 0x40000000
#define WCLONE_A64 0x80000000u

/* wait4 / waitid options (int arguments: only the low 32 bits count) */
static inline bool xlat_wait4_options(uint64_t g, int *host)
{
    uint32_t o = (uint32_t)g;
    if (o & ~(uint32_t)(WNOHANG_A64 | WUNTRACED_A64 | WCONTINUED_A64 | WNOTHREAD_A64 | WALL_A64 |
                        WCLONE_A64))
        return false;
    *host = (int)o; /* identical values */
    return true;
}
static inline bool xlat_waitid_options(uint64_t g, int *host)
{
    uint32_t o = (uint32_t)g;
    if (o & ~(uint32_t)(WNOHANG_A64 | WSTOPPED_A64 | WEXITED_A64 | WCONTINUED_A64 | WNOWAIT_A64 |
                        WNOTHREAD_A64 | WALL_A64 | WCLONE_A64))
        return false;
    if (!(o & (WEXITED_A64 | WSTOPPED_A64 | WCONTINUED_A64)))
        return false;
    *host = (int)o;
    return true;
}

/* waitid idtype */
#define P_ALL_A64 0
#define P_PID_A64 1
#define P_PGID_A64 2
#define P_PIDFD_A64 3

/* what waitid writes of its siginfo: si_signo, si_errno, si_code, then
 * si_pid, si_uid, si_status of the SIGCHLD member (one int each; the rest
 * of the 128 bytes is left as it was) */
#define WAITID_HEAD_OFF_A64 0
#define WAITID_CHLD_OFF_A64 16
#define WAITID_PART_SIZE_A64 12

/* ---- pidfds ---- */

/* pidfd_open flags: PIDFD_NONBLOCK is O_NONBLOCK, PIDFD_THREAD (Linux 6.9)
 * is O_EXCL, asm-generic values on both */
#define PIDFD_NONBLOCK_A64 00004000
#define PIDFD_THREAD_A64 00000200

static inline bool xlat_pidfd_open_flags(uint64_t g, unsigned *host)
{
    uint32_t f = (uint32_t)g; /* an unsigned int argument */
    if (f & ~(uint32_t)(PIDFD_NONBLOCK_A64 | PIDFD_THREAD_A64))
        return false;
    *host = (f & PIDFD_NONBLOCK_A64 ? O_NONBLOCK : 0u) | (f & PIDFD_THREAD_A64 ? O_EXCL : 0u);
    return true;
}

/* pidfd_send_signal flags (Linux 6.9): the scope, at most one of them */
#define PIDFD_SIGNAL_THREAD_A64 (1u << 0)
#define PIDFD_SIGNAL_THREAD_GROUP_A64 (1u << 1)
#define PIDFD_SIGNAL_PROCESS_GROUP_A64 (1u << 2)

static inline bool xlat_pidfd_signal_flags(uint64_t g, unsigned *host)
{
    uint32_t f = (uint32_t)g;
    if (f & ~(uint32_t)(PIDFD_SIGNAL_THREAD_A64 | PIDFD_SIGNAL_THREAD_GROUP_A64 |
                        PIDFD_SIGNAL_PROCESS_GROUP_A64))
        return false;
    if (f & (f - 1))
        return false; /* more than one scope */
    *host = f; /* the same bits on both */
    return true;
}

/* struct rusage: 2 timevals + 14 longs on both (LP64) */
#define RUSAGE_SIZE_A64 144

/* ---- resource limits ---- */

#define RLIMIT_AS_A64 9
#define RLIMIT_STACK_A64 3
#define RLIMIT_NOFILE_A64 7
#define RLIM_NLIMITS_A64 16

/* asm-generic numbering is x86-64's too; -1 for an unknown resource */
static inline int xlat_rlimit_resource(uint64_t g)
{
    uint32_t r = (uint32_t)g;
    return r < RLIM_NLIMITS_A64 && r < RLIM_NLIMITS ? (int)r : -1;
}

/* ---- futex ---- */

#define FUTEX_WAIT_A64 0
#define FUTEX_WAKE_A64 1
#define FUTEX_FD_A64 2
#define FUTEX_REQUEUE_A64 3
#define FUTEX_CMP_REQUEUE_A64 4
#define FUTEX_WAKE_OP_A64 5
#define FUTEX_LOCK_PI_A64 6
#define FUTEX_UNLOCK_PI_A64 7
#define FUTEX_TRYLOCK_PI_A64 8
#define FUTEX_WAIT_BITSET_A64 9
#define FUTEX_WAKE_BITSET_A64 10
#define FUTEX_WAIT_REQUEUE_PI_A64 11
#define FUTEX_CMP_REQUEUE_PI_A64 12
#define FUTEX_LOCK_PI2_A64 13
#define FUTEX_BITSET_MATCH_ANY_A64 0xffffffffu
#define FUTEX_PRIVATE_FLAG_A64 128
#define FUTEX_CLOCK_REALTIME_A64 256
#define FUTEX_CMD_MASK_A64 (~(FUTEX_PRIVATE_FLAG_A64 | FUTEX_CLOCK_REALTIME_A64))
/* FUTEX_WAKE_OP's encoded operation: op (with this flag: 1 << oparg) in
 * bits 31:28, the comparison in 27:24, oparg 23:12, cmparg 11:0 */
#define FUTEX_OP_OPARG_SHIFT_A64 8

/* futex words: the owner's tid and two state bits (robust and PI futexes) */
#define FUTEX_WAITERS_A64 0x80000000u
#define FUTEX_OWNER_DIED_A64 0x40000000u
#define FUTEX_TID_MASK_A64 0x3fffffffu
/* the kernel's bound on a robust list walk */
#define ROBUST_LIST_LIMIT_A64 2048
/* struct robust_list_head (LP64): the list's first link (bit 0: a PI
 * futex), the word's offset from an entry, the entry being added/removed */
struct robust_list_head_a64 {
    uint64_t next;
    int64_t futex_offset;
    uint64_t list_op_pending;
};
_Static_assert(sizeof(struct robust_list_head_a64) == 24, "robust_list_head layout");

/* futex_waitv(2): its array entries and their flags (the futex2 ones) */
#define FUTEX2_SIZE_U32_A64 0x02
#define FUTEX2_SIZE_MASK_A64 0x03
#define FUTEX2_NUMA_A64 0x04
#define FUTEX2_MPOL_A64 0x08
#define FUTEX2_PRIVATE_A64 FUTEX_PRIVATE_FLAG_A64
#define FUTEX_WAITV_MAX_A64 128
struct futex_waitv_a64 {
    uint64_t val;
    uint64_t uaddr;
    uint32_t flags;
    uint32_t reserved;
};
_Static_assert(sizeof(struct futex_waitv_a64) == 24, "futex_waitv layout");

/* How pvm runs a futex op (see syscalls/futex.c), by its command. */
enum futex_kind {
    FUTEX_K_WAIT,            /* WAIT, WAIT_BITSET: blocks on uaddr */
    FUTEX_K_WAKE,            /* WAKE, WAKE_BITSET */
    FUTEX_K_TWO,             /* REQUEUE, CMP_REQUEUE, WAKE_OP, CMP_REQUEUE_PI:
                                uaddr and uaddr2, argument 3 is the count val2 */
    FUTEX_K_LOCK_PI,         /* LOCK_PI, LOCK_PI2: blocks for the PI lock */
    FUTEX_K_PI,              /* UNLOCK_PI, TRYLOCK_PI: never block */
    FUTEX_K_WAIT_REQUEUE_PI, /* blocks on uaddr, then owns uaddr2 */
    FUTEX_K_UNSUPPORTED,     /* -ENOSYS */
};

/* Classifies a futex op and gives the host op: the numbers are
 * asm-generic on both, each part still mapped by name. The kernel's
 * do_futex answers ENOSYS for an unknown command (bits other than
 * PRIVATE/CLOCK_REALTIME make one, FUTEX_FD is gone) and for
 * FUTEX_CLOCK_REALTIME on a command other than WAIT_BITSET,
 * WAIT_REQUEUE_PI and LOCK_PI2. */
static inline enum futex_kind xlat_futex_op(uint64_t g, int *host)
{
    uint32_t op = (uint32_t)g, cmd = op & (uint32_t)FUTEX_CMD_MASK_A64;
    int h;
    enum futex_kind k;
    switch (cmd) {
    case FUTEX_WAIT_A64: h = FUTEX_WAIT, k = FUTEX_K_WAIT; break;
    case FUTEX_WAIT_BITSET_A64: h = FUTEX_WAIT_BITSET, k = FUTEX_K_WAIT; break;
    case FUTEX_WAKE_A64: h = FUTEX_WAKE, k = FUTEX_K_WAKE; break;
    case FUTEX_WAKE_BITSET_A64: h = FUTEX_WAKE_BITSET, k = FUTEX_K_WAKE; break;
    case FUTEX_REQUEUE_A64: h = FUTEX_REQUEUE, k = FUTEX_K_TWO; break;
    case FUTEX_CMP_REQUEUE_A64: h = FUTEX_CMP_REQUEUE, k = FUTEX_K_TWO; break;
    case FUTEX_WAKE_OP_A64: h = FUTEX_WAKE_OP, k = FUTEX_K_TWO; break;
    case FUTEX_CMP_REQUEUE_PI_A64: h = FUTEX_CMP_REQUEUE_PI, k = FUTEX_K_TWO; break;
    case FUTEX_LOCK_PI_A64: h = FUTEX_LOCK_PI, k = FUTEX_K_LOCK_PI; break;
    case FUTEX_LOCK_PI2_A64: h = FUTEX_LOCK_PI2, k = FUTEX_K_LOCK_PI; break;
    case FUTEX_UNLOCK_PI_A64: h = FUTEX_UNLOCK_PI, k = FUTEX_K_PI; break;
    case FUTEX_TRYLOCK_PI_A64: h = FUTEX_TRYLOCK_PI, k = FUTEX_K_PI; break;
    case FUTEX_WAIT_REQUEUE_PI_A64: h = FUTEX_WAIT_REQUEUE_PI, k = FUTEX_K_WAIT_REQUEUE_PI; break;
    default: return FUTEX_K_UNSUPPORTED;
    }
    if (op & FUTEX_CLOCK_REALTIME_A64) {
        if (cmd != FUTEX_WAIT_BITSET_A64 && cmd != FUTEX_WAIT_REQUEUE_PI_A64 &&
            cmd != FUTEX_LOCK_PI2_A64)
            return FUTEX_K_UNSUPPORTED;
        h |= FUTEX_CLOCK_REALTIME;
    }
    if (op & FUTEX_PRIVATE_FLAG_A64)
        h |= FUTEX_PRIVATE_FLAG;
    *host = h;
    return k;
}

/* futex_waitv entry flags to the host's: a 32-bit word, maybe private, as
 * the kernels that introduced futex_waitv take them (later ones also know
 * FUTEX2_NUMA and FUTEX2_MPOL: pvm refuses them, EINVAL); -1 for anything
 * else */
static inline int xlat_futex2_flags(uint32_t g)
{
    if ((g & ~(uint32_t)(FUTEX2_SIZE_MASK_A64 | FUTEX2_PRIVATE_A64)) ||
        (g & FUTEX2_SIZE_MASK_A64) != FUTEX2_SIZE_U32_A64)
        return -1;
    return FUTEX_32 | (g & FUTEX2_PRIVATE_A64 ? FUTEX_PRIVATE_FLAG : 0);
}

/* ---- time ---- */

#define TIMER_ABSTIME_A64 1

#endif

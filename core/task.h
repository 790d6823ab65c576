/* Per-guest-thread state beside the registers: the thread's signal state
 * (blocked set, the signal the host handler took for it, the alternate
 * stack, the last fault) and the bookkeeping of an interrupted system call.
 * One per struct cpu (embedded in it), never shared between threads;
 * process-wide signal state (dispositions) is in signals/sigstate.h.
 * Invariants: taken is set only by this thread's host signal handler and
 * cleared only by this thread; while it is set, every host signal but
 * SIGSEGV/SIGBUS is blocked in this host thread, so at most one signal is
 * taken at a time and the host kernel keeps the rest queued. */
#ifndef PVM_CORE_TASK_H
#define PVM_CORE_TASK_H

#include <signal.h>
#include <stdint.h>
#include <time.h>

/* how an interrupted call continues through restart_syscall */
struct task_restart {
    int kind;             /* 0 none, else TASK_RESTART_* */
    int clockid;
    struct timespec deadline; /* absolute, on clockid */
    uint64_t rem;         /* guest address for the remaining time, or 0 */
    uint64_t args[6];
};
enum { TASK_RESTART_NONE, TASK_RESTART_NANOSLEEP, TASK_RESTART_FUTEX };

struct task_sig {
    uint64_t blocked;         /* the guest's blocked set, bit n-1 = signal n */
    uint64_t saved;           /* the mask a signal frame records and that comes back
                                 after it (sigsuspend, ppoll, pselect6, epoll_pwait) */
    int saved_active;
    volatile int taken;       /* the host handler stored a signal in taken_info */
    siginfo_t taken_info;
    uint64_t held;            /* SIGSEGV/SIGBUS sent while the guest blocks them */
    siginfo_t held_info[2];   /* [0] SIGSEGV, [1] SIGBUS */
    uint64_t ss_sp, ss_size;  /* sigaltstack */
    int ss_flags;             /* SS_DISABLE_A64 or 0, with SS_AUTODISARM_A64 */
    uint64_t fault_address;   /* the last fault's, as the kernel keeps them per */
    uint64_t fault_esr;       /* thread and shows them in every later frame */
    uint64_t orig_x0;         /* x0 at the system call, for a restart */
    int no_restart;           /* the call was rt_sigreturn: x0 is the guest's */
    struct task_restart restart;
};

/* What a system call asks the engine to do after it returns (the engine
 * starts and ends guest threads; syscalls/ never calls up into it). */
enum task_req {
    TASK_REQ_NONE,
    TASK_REQ_EXIT,       /* exit: this guest thread ends, status in req_status */
    TASK_REQ_EXIT_GROUP, /* exit_group: the process ends, status in req_status */
};

/* per-thread bookkeeping of the process calls (syscalls/proc.c). The
 * fields below req_args are what the kernel keeps per task and copies into
 * a new task at clone: a thread created by copying its parent's struct cpu
 * inherits them as it should (docs/design.md "Threads and pvm's own state"). */
struct task_proc {
    uint64_t clear_child_tid;         /* set_tid_address / CLONE_CHILD_CLEARTID */
    uint64_t robust_head, robust_len; /* set_robust_list (never given to the host) */
    enum task_req req;
    int req_status;
    uint64_t tagged_ctrl;   /* PR_SET_TAGGED_ADDR_CTRL: per thread on arm64 */
    uint32_t persona_local; /* personality bits the host personality cannot carry
                               (personality is per task on the kernel too) */
    int vfork_child;        /* this thread runs a vfork child, which shares pvm's
                               memory with its suspended parent: exec keeps its
                               hands off the process-wide exec count (fdtab.c) */
};

/* -d exec / -d profile counters of one guest thread (engine/stats.h): written
 * only by the thread itself (relaxed atomic stores, so the thread that
 * writes the process's exec-profile line may read them while it runs) and
 * only while one of those areas is on; a new thread, a fork child and a
 * vfork child start from zero. Times in ns of CLOCK_MONOTONIC. */
struct task_prof {
    uint64_t t_start;          /* when this thread (or vfork child) started running guest code */
    uint64_t decode_ns;        /* decoding blocks (interp/block.c, on a cache miss) */
    uint64_t decoded;          /* blocks it decoded */
    uint64_t decoded_bytes;    /* guest code bytes those cover */
    uint64_t sys_ns;           /* inside guest system calls (dispatch to return) */
    uint64_t syscalls;         /* guest system calls */
    uint64_t insns;            /* guest instructions completed */
    uint64_t execs;            /* blocks entered */
    uint64_t jit_insns;        /* of insns, those completed in translated code */
    uint64_t jit_execs;        /* of execs, runs of translations */
    uint64_t translated;       /* translations this thread made (translator/debug.c) */
    uint64_t translate_ns;     /* their time */
    /* the tiers' times (engine/stats.h): TSC ticks of the sampled run-loop
     * iterations that ran a translation or interpreted a block */
    uint64_t jit_ticks, interp_ticks;
    uint64_t jit_samples, interp_samples; /* the iterations those ticks are of */
    uint64_t tier_mark;        /* TSC where the next iteration's timing starts (0: not sampled) */
    uint64_t mark_decode_ns, mark_translate_ns; /* decode_ns, translate_ns at tier_mark */
    uint64_t tier_rng;         /* the sampling's xorshift state (0: not seeded) */
    uint64_t *ops;             /* -d exec: completions per decode form (OP_COUNT), or NULL */
};

static inline uint64_t task_prof_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static inline void task_prof_add(uint64_t *counter, uint64_t v)
{
    __atomic_store_n(counter, *counter + v, __ATOMIC_RELAXED);
}

#endif

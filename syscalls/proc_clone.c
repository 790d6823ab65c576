/* Process creation and reaping: clone (fork and vfork), wait4, waitid.
 * A fork is a host fork: the child is a copy of this pvm with a copy of the
 * guest region. A vfork (CLONE_VM|CLONE_VFORK, posix_spawn's request) is a
 * host vfork-style clone: the child runs the guest on its own host stack
 * with pvm's memory shared and the parent suspended until the child execs
 * or exits, so what the child writes (posix_spawn's error report) reaches the
 * parent as on the kernel. pvm's own per-process guest records (signal
 * dispositions, robust list...) are restored in the parent afterwards.
 * Threads (CLONE_VM without CLONE_VFORK) are a later issue: -ENOSYS.
 * Each child's cpu.tid is its own host tid (gettid and strace's "[pid N]"). */
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/threads.h"
#include "engine/engine.h"
#include "interp/block.h"
#include "signals/safe_syscall.h"
#include "signals/signal.h"
#include "signals/sigstate.h"
#include "syscalls/abi_proc.h"
#include "syscalls/proc_state.h"
#include "syscalls/strace.h"
#include "syscalls/syscall.h"

/* host stack of a vfork child: it runs the whole engine (syscalls included) */
#define VFORK_STACK (8u << 20)

/* The host flags for the tid words: the host kernel writes the guest's tid
 * words itself (single 32-bit stores inside the region, the same effect as on
 * arm64: the child's tid at child_tid, in the child's memory; the parent's
 * copy at parent_tid; a zero and a futex wake at child_tid when a vfork child
 * execs or exits). */
static unsigned long clone_host_tidflags(uint64_t g)
{
    return (g & CLONE_PARENT_SETTID_A64 ? CLONE_PARENT_SETTID : 0) |
           (g & CLONE_CHILD_SETTID_A64 ? CLONE_CHILD_SETTID : 0) |
           (g & CLONE_CHILD_CLEARTID_A64 ? CLONE_CHILD_CLEARTID : 0);
}

static _Noreturn int clone_vfork_child(void *arg)
{
    struct cpu *cc = arg;
    cc->tid = (int)syscall(SYS_gettid);
    engine_run(cc);
}

static int64_t clone_vfork(struct cpu *c, const uint64_t a[6], uint64_t flags, void *ptid, void *ctid)
{
    void *stack = mmap(NULL, VFORK_STACK, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED)
        return -ENOMEM;
    struct cpu *cc = aligned_alloc(64, (sizeof *cc + 63) & ~(size_t)63);
    struct proc_task_state *pt = malloc(sizeof *pt);
    struct sig_process *ss = malloc(sizeof *ss);
    if (!cc || !pt || !ss) {
        free(cc), free(pt), free(ss);
        munmap(stack, VFORK_STACK);
        return -ENOMEM;
    }
    *cc = *c;
    cc->x[0] = 0;
    if (a[1])
        cc->x[REG_SP] = a[1];
    *pt = proc_task;
    *ss = sigproc;
    /* the child's view of its own task, as the kernel sets it up */
    proc_task_after_fork(cc, flags & CLONE_CHILD_CLEARTID_A64 ? a[4] : 0);
    fflush(NULL);
    int hflags = (int)((flags & CSIGNAL_A64) | CLONE_VM | CLONE_VFORK | clone_host_tidflags(flags));
    int pid = clone(clone_vfork_child, (char *)stack + VFORK_STACK, hflags, cc, ptid, NULL, ctid);
    int e = errno;
    /* back in the parent: the child has exec'd or exited */
    proc_task = *pt;
    sigproc = *ss;
    sig_thread_attach(c);
    munmap(stack, VFORK_STACK);
    free(cc), free(pt), free(ss);
    return pid < 0 ? -e : pid;
}

/* clone(flags, newsp, parent_tid, tls, child_tid): the arm64 argument order.
 * Process creation only: a plain fork, glibc's fork flags, vfork. */
int64_t sys_clone(struct cpu *c, const uint64_t a[6])
{
    uint64_t flags = (uint32_t)a[0];
    switch (xlat_clone_flags(flags)) {
    case CLONE_K_INVALID: return -EINVAL;
    case CLONE_K_THREAD: return -ENOSYS;
    case CLONE_K_FORK:
    case CLONE_K_VFORK: break;
    }
    void *ptid = NULL, *ctid = NULL;
    if (flags & CLONE_PARENT_SETTID_A64) {
        if ((a[2] & 3) || !mem_range_ok(a[2], 4))
            return -EFAULT;
        ptid = g2h(a[2]);
    }
    if (flags & (CLONE_CHILD_SETTID_A64 | CLONE_CHILD_CLEARTID_A64)) {
        if ((a[4] & 3) || !mem_range_ok(a[4], 4))
            return -EFAULT;
        ctid = g2h(a[4]);
    }
    if (log_on(DBG_exec))
        log_printf("clone: flags 0x%llx (%s)\n", (unsigned long long)flags,
                   xlat_clone_flags(flags) == CLONE_K_VFORK ? "vfork" : "fork");
    /* both processes (and the pvms they exec) show pids under --strace */
    strace_note_fork();
    if (xlat_clone_flags(flags) == CLONE_K_VFORK)
        return clone_vfork(c, a, flags, ptid, ctid);
    fflush(NULL);
    /* the child's copy of the guest's memory is taken between two mm
     * changes (the kernel's fork holds mmap_lock the same way) */
    mem_mm_lock();
    /* and the block cache's between two updates */
    block_cache_before_fork();
    /* x86-64 raw clone order: flags, newsp, parent_tid, child_tid, tls */
    long pid = syscall(SYS_clone, (unsigned long)(flags & CSIGNAL_A64) | clone_host_tidflags(flags),
                       NULL, ptid, ctid, 0);
    int e = errno;
    if (pid != 0) {
        block_cache_after_fork_parent();
        mem_mm_unlock();
    }
    if (pid < 0)
        return -e;
    if (pid == 0) {
        mem_mm_after_fork();
        block_cache_after_fork();
        threads_after_fork(c);
        proc_task_after_fork(c, flags & CLONE_CHILD_CLEARTID_A64 ? a[4] : 0);
        c->tid = (int)syscall(SYS_gettid);
        if (a[1])
            c->x[REG_SP] = a[1];
        return 0;
    }
    return pid;
}

/* glibc falls back to clone when clone3 is missing */
int64_t sys_clone3(struct cpu *c, const uint64_t a[6]) { return -ENOSYS; }

/* wait4(pid, wstatus, options, rusage): status word and struct rusage are
 * identical on both, so the host kernel writes them in place. */
int64_t sys_wait4(struct cpu *c, const uint64_t a[6])
{
    int opts;
    if (!xlat_wait4_options(a[2], &opts))
        return -EINVAL;
    if ((a[1] && !mem_range_ok(a[1], 4)) || (a[3] && !mem_range_ok(a[3], RUSAGE_SIZE_A64)))
        return -EFAULT;
    return sig_hsys(SYS_wait4, (pid_t)a[0], a[1] ? (long)g2h(a[1]) : 0, opts,
                    a[3] ? (long)g2h(a[3]) : 0, 0, 0);
}

/* waitid(idtype, id, infop, options, rusage): P_* values and the SIGCHLD
 * siginfo layout are the generic ones on both. */
int64_t sys_waitid(struct cpu *c, const uint64_t a[6])
{
    int opts;
    uint32_t idtype = (uint32_t)a[0];
    if (idtype > 3 /* P_PIDFD */ || !xlat_waitid_options(a[3], &opts))
        return -EINVAL;
    if ((a[2] && !mem_range_ok(a[2], SIGINFO_SIZE_A64)) ||
        (a[4] && !mem_range_ok(a[4], RUSAGE_SIZE_A64)))
        return -EFAULT;
    return sig_hsys(SYS_waitid, (int)idtype, (id_t)a[1], a[2] ? (long)g2h(a[2]) : 0, opts,
                    a[4] ? (long)g2h(a[4]) : 0, 0);
}

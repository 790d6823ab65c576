/* Process creation: clone and clone3 (fork and vfork; threads through the
 * engine), CLONE_PIDFD. The wait calls are syscalls/proc_wait.c.
 * A fork is a host fork: the child is a copy of this pvm with a copy of the
 * guest region. A vfork (CLONE_VM|CLONE_VFORK, posix_spawn's request) is a
 * host vfork-style clone: the child runs the guest on its own host stack
 * with pvm's memory shared and the parent suspended until the child execs
 * or exits, so what the child writes (posix_spawn's error report) reaches the
 * parent as on the kernel. pvm's own per-process guest records (signal
 * dispositions, rlimit views, the -L guest paths of directory fds and of
 * the cwd, which the child's chdir, close and dup2 change in the shared
 * memory although its descriptors and cwd are its own) are restored in the
 * parent afterwards.
 * Threads (CLONE_VM without CLONE_VFORK) are a later issue: -ENOSYS.
 * Each child's cpu.tid is its own host tid (gettid and strace's "[pid N]").
 *
 * Fork with several threads: only the calling thread goes on in the child,
 * so every lock another thread held at that moment would stay locked there.
 * A fork whose exit signal is SIGCHLD (fork(), glibc's and every libc's) is
 * glibc's fork(): it runs the pthread_atfork handlers, and holds and resets
 * malloc's arena locks and stdio's locks itself. pvm's handlers
 * (clone_atfork_*) take each of pvm's own locks before the fork (each
 * module's *_atfork hook: core/process.h) and release them on both sides;
 * in the child the thread list becomes the caller alone (threads_after_fork,
 * which makes its lock fresh: another thread may have held it). glibc's fork gives the child's tid words to glibc,
 * so the guest's (CLONE_PARENT_SETTID, CLONE_CHILD_SETTID,
 * CLONE_CHILD_CLEARTID) are emulated: the parent stores the child's pid,
 * the child stores its tid and gives the host the guest's clear-tid word
 * with set_tid_address. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/arena.h"
#include "core/log.h"
#include "translator/jit.h"
#include "core/mem.h"
#include "core/process.h"
#include "core/threads.h"
#include "interp/block.h"
#include "signals/safe_syscall.h"
#include "signals/signal.h"
#include "signals/sigstate.h"
#include "syscalls/abi_proc.h"
#include "syscalls/fdtab.h"
#include "syscalls/proc_state.h"
#include "syscalls/strace.h"
#include "syscalls/syscall.h"

/* host stack of a vfork child: it runs the whole engine (syscalls included) */
#define VFORK_STACK (8u << 20)

/* The host flags for the tid words: the host kernel writes the guest's tid
 * words itself (single 32-bit stores inside the region, the same effect as on
 * arm64: the child's tid at child_tid, in the child's memory; the parent's
 * copy at parent_tid; a zero and a futex wake at child_tid when a vfork child
 * execs or exits). With a pidfd the host's parent_tid argument is the
 * pidfd's place, so parent_tid is then written by hand (clone_pidfd). */
static unsigned long clone_host_tidflags(uint64_t g)
{
    return (g & CLONE_PARENT_SETTID_A64 && !(g & CLONE_PIDFD_A64) ? CLONE_PARENT_SETTID : 0) |
           (g & CLONE_CHILD_SETTID_A64 ? CLONE_CHILD_SETTID : 0) |
           (g & CLONE_CHILD_CLEARTID_A64 ? CLONE_CHILD_CLEARTID : 0);
}

/* ---- CLONE_PIDFD ----
 * The kernel allocates the parent's pidfd and stores it (an int at the
 * guest's address: clone's parent_tid, clone3's pidfd field) before the
 * child runs, and fails the whole clone (no child) when it cannot: EMFILE,
 * EFAULT. pvm gets the pidfd into a host int first (the host's CLONE_PIDFD
 * for its raw clone and vfork; pidfd_open for glibc's fork, which has no
 * room for the flag, while the child waits in pvm: clone_gate) and stores it
 * itself. What the kernel would refuse before a child exists is refused
 * first (an address the guest cannot write; no descriptor free below pvm's
 * range); a race that defeats those checks afterwards (another thread took
 * the last descriptor, unmapped the page) kills and reaps the new child,
 * so the guest still sees a clone that failed. */
struct clone_pidfd {
    bool want;       /* CLONE_PIDFD */
    uint64_t ga;     /* where the guest wants it */
    int hostfd;      /* the pidfd, -1 until there is one */
    uint64_t settid; /* parent_tid to write by hand (CLONE_PARENT_SETTID with a pidfd), or 0 */
};

/* before any child exists: 0, or the kernel's answer for a clone that
 * cannot give the parent a pidfd */
static int64_t clone_pidfd_check(const struct clone_pidfd *pf)
{
    if (!pf->want)
        return 0;
    if (!mem_range_ok(pf->ga, 4) || !mem_is_mapped(pf->ga, 4, PG_W))
        return -EFAULT;
    /* the lowest free descriptor is where the pidfd will go */
    long probe = syscall(SYS_pidfd_open, (pid_t)getpid(), 0u);
    if (probe < 0)
        return -errno;
    close((int)probe);
    return fd_is_pvm(probe) ? -EMFILE : 0;
}

/* A child that must not have been made after all: killed and reaped (it is
 * still this process's child unless another thread's wait took it). */
static void clone_undo_child(long pid)
{
    kill((pid_t)pid, SIGKILL);
    while (waitpid((pid_t)pid, NULL, __WALL) < 0 && errno == EINTR) {
    }
}

/* In the parent once the host clone is done: the pidfd becomes the guest's
 * (stored unless the vfork child stored it already) and parent_tid is
 * written; -errno after undoing the child, else 0. hostfd < 0 is the
 * -errno of a pidfd that could not be opened. */
static int64_t clone_pidfd_finish(struct clone_pidfd *pf, long pid, bool stored)
{
    if (!pf->want)
        return 0;
    long fd = pf->hostfd;
    int64_t err = 0;
    int32_t v = (int32_t)fd;
    if (fd < 0)
        err = fd;
    else if (fdtab_guest_fd(fd) < 0) /* in pvm's range: closed, EMFILE */
        err = -EMFILE;
    else if (!stored && !mem_copy_to_guest(pf->ga, &v, 4))
        err = -EFAULT;
    if (err) {
        if (err == -EFAULT)
            close((int)fd);
        clone_undo_child(pid);
        return err;
    }
    uint32_t upid = (uint32_t)pid;
    if (pf->settid && !stored)
        mem_copy_to_guest(pf->settid, &upid, 4); /* a failed store is ignored, as the kernel's */
    return 0;
}

/* glibc's fork and CLONE_PIDFD: the child waits at this gate, a word of
 * pvm's own shared memory (outside the guest region), until the parent has
 * its pidfd, so the child cannot exit and be reaped by another of the
 * parent's threads before the pidfd exists, and no guest instruction of the
 * child runs before the parent's pidfd is stored, as on the kernel. A child
 * whose parent died meanwhile goes on (its parent is another process then). */
static uint32_t *clone_gate_new(void)
{
    void *p = mmap(NULL, GUEST_PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

static void clone_gate_wait(uint32_t *gate, pid_t parent)
{
    const struct timespec tick = {0, 50 * 1000 * 1000};
    while (!__atomic_load_n(gate, __ATOMIC_ACQUIRE) && getppid() == parent)
        syscall(SYS_futex, gate, FUTEX_WAIT, 0, &tick, NULL, 0);
    munmap(gate, GUEST_PAGE);
}

static void clone_gate_open(uint32_t *gate)
{
    __atomic_store_n(gate, 1, __ATOMIC_RELEASE);
    syscall(SYS_futex, gate, FUTEX_WAKE, 1, NULL, NULL, 0);
    munmap(gate, GUEST_PAGE);
}

/* ---- vfork ---- */

struct clone_vfork_start {
    struct cpu *cc;
    struct clone_pidfd *pf; /* the parent's; shared memory (CLONE_VM) */
};

/* Host signals around a fork or vfork. pvm's handler records a signal in
 * the cpu of the thread it interrupts, found through a thread-local pointer,
 * which a vfork child shares with its parent (same memory, same TLS): the
 * child attaches its own cpu there, so a signal the parent took on its way
 * back from the clone (one that came while it was suspended is delivered
 * right then) would land in the child's freed cpu and be lost, and leave the
 * parent's host mask blocking everything (stress-ng --vfork never saw its
 * SIGALRM and ran forever). And a signal already taken would be copied into
 * the child (a fork copies pvm's memory), which would then handle its
 * parent's signal too. So every host signal but the fault ones is blocked
 * from before the check of the taken flag until each side has its own cpu
 * attached; a signal taken before is delivered first and the call restarted,
 * as the kernel's copy_process answers -ERESTARTNOINTR with a signal
 * pending. Returns false (the mask put back) when one was taken. */
static bool clone_signals_hold(struct cpu *c)
{
    uint64_t all = ~sig_fault_bits();
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, NULL, 8);
    if (c->sig.taken || (c->sig.held & ~c->sig.blocked)) {
        sig_host_mask_sync(c);
        return false;
    }
    return true;
}

/* a new process's signal state: none of its parent's pending ones (pvm's
 * held SIGSEGV/SIGBUS included), then its host mask is the guest's */
static void clone_signals_child(struct cpu *cc)
{
    cc->sig.taken = 0;
    cc->sig.held = 0;
    sig_thread_attach(cc);
    sig_host_mask_sync(cc);
}

static _Noreturn int clone_vfork_child(void *arg)
{
    struct clone_vfork_start *vs = arg;
    struct cpu *cc = vs->cc;
    cc->tid = (int)syscall(SYS_gettid);
    clone_signals_child(cc);
    /* the host stored the pidfd in the parent's int before this child ran;
     * the guest's copy and parent_tid are due before its first instruction */
    struct clone_pidfd *pf = vs->pf;
    if (pf->want) {
        int32_t v = pf->hostfd;
        uint32_t tid = (uint32_t)cc->tid;
        if (!fd_is_pvm(v))
            mem_copy_to_guest(pf->ga, &v, 4);
        if (pf->settid)
            mem_copy_to_guest(pf->settid, &tid, 4);
    }
    proc_child_run(cc);
    _exit(127); /* the run loop never returns */
}

static int64_t clone_vfork(struct cpu *c, const uint64_t a[6], uint64_t flags, void *ptid, void *ctid,
                           struct clone_pidfd *pf)
{
    void *stack = mmap(NULL, VFORK_STACK, PROT_READ | PROT_WRITE,
                       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE | MAP_STACK, -1, 0);
    if (stack == MAP_FAILED)
        return -ENOMEM;
    struct cpu *cc = aligned_alloc(64, (sizeof *cc + 63) & ~(size_t)63);
    struct proc_task_state *pt = malloc(sizeof *pt);
    struct sig_process *ss = malloc(sizeof *ss);
    struct fdtab_saved fs;
    if (!cc || !pt || !ss || fdtab_vfork_save(&fs) < 0) {
        free(cc), free(pt), free(ss);
        munmap(stack, VFORK_STACK);
        return -ENOMEM;
    }
    /* in no thread list: a process, not one of the parent's threads */
    threads_copy_cpu(cc, c);
    cc->x[0] = 0;
    if (a[1])
        cc->x[REG_SP] = a[1];
    proc_task_save(pt);
    sig_actions_lock();
    *ss = sigproc;
    sig_actions_unlock();
    /* the child's view of its own task, as the kernel sets it up */
    proc_task_after_fork(cc, flags & CLONE_CHILD_CLEARTID_A64 ? a[4] : 0);
    cc->proc.vfork_child = 1;
    fflush(NULL);
    int hflags = (int)((flags & CSIGNAL_A64) | CLONE_VM | CLONE_VFORK | clone_host_tidflags(flags) |
                       (pf->want ? CLONE_PIDFD : 0));
    struct clone_vfork_start vs = {cc, pf};
    int pid = clone(clone_vfork_child, (char *)stack + VFORK_STACK, hflags, &vs,
                    pf->want ? (void *)&pf->hostfd : ptid, NULL, ctid);
    int e = errno;
    /* back in the parent: the child has exec'd or exited */
    proc_task_restore(pt);
    fdtab_vfork_restore(&fs);
    sig_actions_lock();
    sigproc = *ss;
    sig_actions_unlock();
    sig_thread_attach(c);
    munmap(stack, VFORK_STACK);
    free(cc), free(pt), free(ss);
    if (pid < 0)
        return -e;
    int64_t r = clone_pidfd_finish(pf, pid, true);
    return r < 0 ? r : pid;
}

int64_t (*proc_thread_create)(struct cpu *c, const uint64_t a[6]);
void (*proc_child_run)(struct cpu *c);

/* ---- fork ---- */

/* every lock of pvm's own, in one order (all leaves: see core/process.h) */
static void clone_atfork_prepare(void)
{
    /* the child's copy of the guest's memory and of the block cache is
     * taken between two updates (the kernel's fork holds mmap_lock the same
     * way); the mm lock comes before the cache's, as everywhere */
    mem_mm_lock();
    block_cache_before_fork();
    jit_before_fork();
    sig_atfork(FORK_PREPARE);
    proc_atfork(FORK_PREPARE);
    fdtab_atfork(FORK_PREPARE);
    arena_atfork(FORK_PREPARE);
}

static void clone_atfork_parent(void)
{
    arena_atfork(FORK_PARENT);
    fdtab_atfork(FORK_PARENT);
    proc_atfork(FORK_PARENT);
    sig_atfork(FORK_PARENT);
    jit_after_fork_parent();
    block_cache_after_fork_parent();
    mem_mm_unlock();
}

static void clone_atfork_child(void)
{
    arena_atfork(FORK_CHILD);
    fdtab_atfork(FORK_CHILD);
    proc_atfork(FORK_CHILD);
    sig_atfork(FORK_CHILD);
    /* the locks the prepare handler took, freed for the one thread there */
    jit_after_fork_child();
    block_cache_after_fork();
    mem_mm_after_fork();
}

static pthread_once_t clone_atfork_once = PTHREAD_ONCE_INIT;

static void clone_atfork_register(void)
{
    if (pthread_atfork(clone_atfork_prepare, clone_atfork_parent, clone_atfork_child) != 0)
        log_fatal("cannot register the fork handlers");
}

/* The host fork. Exit signal SIGCHLD: glibc's fork (see the top); the tid
 * words are the caller's to store. Any other exit signal (a clone only a
 * hand-written caller makes) has no libc call: a raw clone, with pvm's own
 * locks held around it as above and the host kernel storing the tid words
 * (and a pidfd into pf->hostfd). What stays unsafe there with several
 * threads: a lock of glibc's that another thread held at the clone (a
 * malloc arena, stdio's list or a stream, the dynamic loader's) stays
 * locked in the child, which hangs at its first use; and glibc's own record
 * of the thread (its tid) is the parent's. Returns the pid, 0 in the child,
 * or -errno; *by_glibc says which way it went. */
static long clone_host_fork(uint64_t flags, void *ptid, void *ctid, struct clone_pidfd *pf,
                            bool *by_glibc)
{
    fflush(NULL);
    *by_glibc = (flags & CSIGNAL_A64) == SIGCHLD; /* the same number on both */
    if (*by_glibc) {
        pthread_once(&clone_atfork_once, clone_atfork_register);
        pid_t pid = fork();
        return pid < 0 ? -errno : pid;
    }
    clone_atfork_prepare();
    /* x86-64 raw clone order: flags, newsp, parent_tid, child_tid, tls */
    long pid = syscall(SYS_clone,
                       (unsigned long)(flags & CSIGNAL_A64) | clone_host_tidflags(flags) |
                           (pf->want ? CLONE_PIDFD : 0),
                       NULL, pf->want ? (void *)&pf->hostfd : ptid, ctid, 0);
    int e = errno;
    if (pid == 0)
        clone_atfork_child();
    else
        clone_atfork_parent();
    return pid < 0 ? -e : pid;
}

/* A fork or vfork (or a thread, through the engine) with the legacy
 * argument order a = {flags, newsp, parent_tid, tls, child_tid}; pf says
 * whether and where a pidfd goes. */
static int64_t clone_run(struct cpu *c, const uint64_t a[6], struct clone_pidfd *pf)
{
    uint64_t flags = (uint32_t)a[0];
    switch (xlat_clone_flags(flags)) {
    case CLONE_K_INVALID: return -EINVAL;
    case CLONE_K_UNSUPPORTED: return -EINVAL;
    case CLONE_K_THREAD:
        /* the engine starts guest threads (proc_thread_create is its) */
        if (((flags & CLONE_PARENT_SETTID_A64) && ((a[2] & 3) || !mem_range_ok(a[2], 4))) ||
            ((flags & (CLONE_CHILD_SETTID_A64 | CLONE_CHILD_CLEARTID_A64)) &&
             ((a[4] & 3) || !mem_range_ok(a[4], 4))))
            return -EFAULT;
        strace_note_fork(); /* several threads: lines carry [pid TID] */
        return proc_thread_create ? proc_thread_create(c, a) : -ENOSYS;
    case CLONE_K_FORK:
    case CLONE_K_VFORK: break;
    }
    void *ptid = NULL, *ctid = NULL;
    if (flags & CLONE_PARENT_SETTID_A64) {
        if ((a[2] & 3) || !mem_range_ok(a[2], 4))
            return -EFAULT;
        ptid = g2h(a[2]);
        if (pf->want)
            pf->settid = a[2];
    }
    if (flags & (CLONE_CHILD_SETTID_A64 | CLONE_CHILD_CLEARTID_A64)) {
        if ((a[4] & 3) || !mem_range_ok(a[4], 4))
            return -EFAULT;
        ctid = g2h(a[4]);
    }
    int64_t e = clone_pidfd_check(pf);
    if (e)
        return e;
    if (log_on(DBG_exec))
        log_printf("clone: flags 0x%llx (%s)\n", (unsigned long long)flags,
                   xlat_clone_flags(flags) == CLONE_K_VFORK ? "vfork" : "fork");
    /* both processes (and the pvms they exec) show pids under --strace
     * (a thread clone must do the same) */
    strace_note_fork();
    bool vfork = xlat_clone_flags(flags) == CLONE_K_VFORK;
    uint32_t *gate = NULL;
    if (!vfork && pf->want && (flags & CSIGNAL_A64) == SIGCHLD && !(gate = clone_gate_new()))
        return -ENOMEM;
    if (!clone_signals_hold(c)) {
        if (gate)
            munmap(gate, GUEST_PAGE);
        return -ERESTARTNOINTR_K;
    }
    if (vfork) {
        int64_t r = clone_vfork(c, a, flags, ptid, ctid, pf);
        /* this cpu is attached again: what came meanwhile reaches it now */
        sig_host_mask_sync(c);
        return r;
    }
    pid_t parent = getpid();
    bool by_glibc;
    long pid = clone_host_fork(flags, ptid, ctid, pf, &by_glibc);
    if (pid != 0)
        sig_host_mask_sync(c);
    if (pid < 0) {
        if (gate)
            munmap(gate, GUEST_PAGE);
        return pid;
    }
    if (pid == 0) {
        clone_signals_child(c);
        threads_after_fork(c);
        proc_task_after_fork(c, flags & CLONE_CHILD_CLEARTID_A64 ? a[4] : 0);
        c->tid = (int)syscall(SYS_gettid);
        if (a[1])
            c->x[REG_SP] = a[1];
        if (by_glibc) {
            /* as the kernel does before the child's first instruction: a
             * store that faults is skipped, as its put_user failing is */
            uint32_t tid = (uint32_t)c->tid;
            if (flags & CLONE_CHILD_SETTID_A64)
                mem_copy_to_guest(a[4], &tid, 4);
            if (flags & CLONE_CHILD_CLEARTID_A64)
                syscall(SYS_set_tid_address, ctid);
        }
        if (gate)
            clone_gate_wait(gate, parent);
        return 0;
    }
    if (gate) {
        long fd = syscall(SYS_pidfd_open, (pid_t)pid, 0u);
        pf->hostfd = fd < 0 ? -errno : (int)fd;
        pf->settid = 0; /* glibc's fork: written below */
    }
    e = clone_pidfd_finish(pf, pid, false);
    if (e < 0) {
        if (gate)
            clone_gate_open(gate);
        return e;
    }
    /* the kernel stores the pid in the parent's memory after the copy */
    uint32_t upid = (uint32_t)pid;
    if (by_glibc && (flags & CLONE_PARENT_SETTID_A64))
        mem_copy_to_guest(a[2], &upid, 4);
    if (gate)
        clone_gate_open(gate);
    return pid;
}

/* clone(flags, newsp, parent_tid, tls, child_tid): the arm64 argument order.
 * CLONE_PIDFD stores the pidfd at parent_tid, so it cannot come with
 * CLONE_PARENT_SETTID. */
int64_t sys_clone(struct cpu *c, const uint64_t a[6])
{
    uint64_t flags = (uint32_t)a[0];
    struct clone_pidfd pf = {.want = (flags & CLONE_PIDFD_A64) != 0, .ga = a[2], .hostfd = -EBADF};
    if (pf.want && (flags & CLONE_PARENT_SETTID_A64))
        return -EINVAL;
    return clone_run(c, a, &pf);
}

/* clone3(args, size): version 0 of struct clone_args (64 bytes; a larger
 * struct must have zeros past what pvm knows: set_tid and cgroup are not
 * supported), checked as the kernel checks it, then the same work as clone
 * with the legacy argument order (the stack is given by its lowest address
 * and size) and the pidfd where clone_args.pidfd says (not at parent_tid,
 * which may be asked for too, at another address). CLONE_CLEAR_SIGHAND and
 * CLONE_INTO_CGROUP are refused with EINVAL. glibc falls back to clone
 * when clone3 is missing. */
int64_t sys_clone3(struct cpu *c, const uint64_t a[6])
{
    uint64_t size = a[1];
    if (size < sizeof(struct clone_args_a64) || size > 4096)
        return -EINVAL;
    struct clone_args_a64 ca;
    if (!mem_copy_from_guest(&ca, a[0], sizeof ca))
        return -EFAULT;
    for (uint64_t off = sizeof ca; off < size; off += 8) {
        uint64_t v = 0;
        size_t n = size - off < 8 ? (size_t)(size - off) : 8;
        if (!mem_copy_from_guest(&v, a[0] + off, n))
            return -EFAULT;
        if (v)
            return -EINVAL; /* set_tid, cgroup or a later field */
    }
    if ((ca.flags >> 32) || (ca.flags & (CSIGNAL_A64 | CLONE_DETACHED_A64)))
        return -EINVAL;
    if (ca.exit_signal > 64 ||
        ((ca.flags & (CLONE_THREAD_A64 | CLONE_PARENT_A64)) && ca.exit_signal))
        return -EINVAL;
    if (!ca.stack != !ca.stack_size)
        return -EINVAL;
    struct clone_pidfd pf = {.want = (ca.flags & CLONE_PIDFD_A64) != 0, .ga = ca.pidfd, .hostfd = -EBADF};
    if (pf.want && (ca.flags & CLONE_PARENT_SETTID_A64) && ca.pidfd == ca.parent_tid)
        return -EINVAL;
    const uint64_t la[6] = {ca.flags | ca.exit_signal, ca.stack ? ca.stack + ca.stack_size : 0,
                            ca.parent_tid, ca.tls, ca.child_tid, 0};
    return clone_run(c, la, &pf);
}

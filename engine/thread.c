/* Guest threads: one host thread per guest thread, started and ended by the
 * engine (system-call handlers only ask, through c->proc.req).
 *
 * A clone of a thread gets a new struct cpu: the parent's registers with
 * x0 = 0, the new stack and TLS, a clean signal state (the mask inherited,
 * no alternate stack: the kernel drops it for CLONE_VM), and a host thread
 * from pthread_create (so pvm's own thread-local state and malloc work in
 * it) that starts with every host signal blocked until it is attached. The
 * child stores its tid where CLONE_CHILD_SETTID/CLONE_PARENT_SETTID ask
 * before the parent's clone returns, as the kernel does. Guest tids are
 * host tids.
 *
 * A thread's exit walks its robust list, clears and wakes its
 * clear_child_tid word (the kernel's mm_release), leaves the thread list,
 * and ends its host thread; the last thread's exit ends the process with
 * its status, as on the kernel. The first thread (the process's initial
 * host thread) ends with a raw exit so the process lives on. */
#include "engine/engine.h"
#include "engine/stats.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/threads.h"
#include "interp/block.h"
#include "signals/signal.h"
#include "syscalls/abi_proc.h"
#include "syscalls/futex.h"

#define THREAD_HOST_STACK (2u << 20)



/* where a thread started by pthread_create goes to end (NULL: the first) */
static __thread sigjmp_buf *thread_exit_jmp;

struct thread_start {
    struct cpu *c;
    uint64_t flags, ptid, ctid;
    int tid;                /* the child's, for the parent's return: the child's
                               cpu may be freed (it may have exited) by then */
    volatile uint32_t done; /* futex word: the child is registered */
};

static void thread_futex_wake(volatile uint32_t *w)
{
    syscall(SYS_futex, w, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

static void *thread_main(void *arg)
{
    struct thread_start *st = arg;
    struct cpu *c = st->c;
    c->tid = (int)syscall(SYS_gettid);
    sig_thread_host_init(c);
    uint32_t tid = (uint32_t)c->tid;
    /* the kernel ignores a failed store here too */
    if (st->flags & CLONE_CHILD_SETTID_A64)
        mem_copy_to_guest(st->ctid, &tid, 4);
    if (st->flags & CLONE_PARENT_SETTID_A64)
        mem_copy_to_guest(st->ptid, &tid, 4);
    stats_thread_start(c);
    threads_add(c);
    block_thread_register(c);
    st->tid = c->tid;
    __atomic_store_n(&st->done, 1, __ATOMIC_RELEASE);
    thread_futex_wake(&st->done);
    /* st lives on the parent's stack: not touched from here on */
    sigjmp_buf exit_jmp;
    thread_exit_jmp = &exit_jmp;
    if (!sigsetjmp(exit_jmp, 0)) {
        sig_host_mask_sync(c);
        engine_run(c);
    }
    free(c);
    return NULL;
}

int64_t engine_thread_create(struct cpu *c, const uint64_t a[6])
{
    uint64_t flags = a[0], newsp = a[1], ptid = a[2], tls = a[3], ctid = a[4];
    struct cpu *cc = aligned_alloc(64, (sizeof *cc + 63) & ~(size_t)63);
    if (!cc)
        return -ENOMEM;
    threads_copy_cpu(cc, c);
    cc->x[0] = 0;
    if (newsp)
        cc->x[REG_SP] = newsp;
    if (flags & CLONE_SETTLS_A64)
        cc->tpidr_el0 = tls;
    cc->excl_size = 0;
    cc->exit_request = 0;
    cc->in_guest = 0;
    cc->cur = NULL;
    /* signal state: the mask is inherited, nothing pending, no alternate
     * stack, no fault history */
    uint64_t blocked = c->sig.saved_active ? c->sig.saved : c->sig.blocked;
    memset(&cc->sig, 0, sizeof cc->sig);
    cc->sig.blocked = blocked;
    cc->sig.ss_flags = SS_DISABLE_A64;
    /* the thread's name, tagged-address control and personality bits are
     * inherited; its robust list, clear-tid word and requests are its own */
    cc->proc.clear_child_tid = flags & CLONE_CHILD_CLEARTID_A64 ? ctid : 0;
    cc->proc.robust_head = cc->proc.robust_len = 0;
    cc->proc.req = TASK_REQ_NONE;
    cc->proc.vfork_child = 0;
    cc->bthread = NULL;

    struct thread_start st = {.c = cc, .flags = flags, .ptid = ptid, .ctid = ctid};
    pthread_attr_t at;
    pthread_attr_init(&at);
    pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
    pthread_attr_setstacksize(&at, THREAD_HOST_STACK);
    sigset_t all;
    sigfillset(&all);
    pthread_attr_setsigmask_np(&at, &all);
    pthread_t pt;
    int e = pthread_create(&pt, &at, thread_main, &st);
    pthread_attr_destroy(&at);
    if (e) {
        free(cc);
        return e == EAGAIN ? -EAGAIN : -e;
    }
    while (!__atomic_load_n(&st.done, __ATOMIC_ACQUIRE))
        syscall(SYS_futex, &st.done, FUTEX_WAIT_PRIVATE, 0, NULL, NULL, 0);
    if (log_on(DBG_exec))
        log_printf("clone: thread %d\n", st.tid);
    return st.tid;
}

/* mm_release: the clear_child_tid word becomes 0 and one waiter wakes
 * (pthread_join's); a word that is not writable any more is left alone */
static void thread_clear_child_tid(struct cpu *c)
{
    uint64_t a = c->proc.clear_child_tid;
    if (!a || (a & 3))
        return;
    uint32_t zero = 0;
    if (mem_copy_to_guest(a, &zero, 4))
        syscall(SYS_futex, g2h(a), FUTEX_WAKE, 1, NULL, NULL, 0);
}

void engine_thread_exit(struct cpu *c, int status)
{
    /* a vfork child is a process of its own that is in no thread list */
    bool registered = threads_listed(c);
    futex_robust_exit(c);
    thread_clear_child_tid(c);
    /* nothing may reach this thread's handler once its cpu is gone */
    uint64_t all = ~0ull;
    syscall(SYS_rt_sigprocmask, SIG_BLOCK, &all, NULL, 8);
    if (!registered)
        engine_exit(status);
    stats_thread_exit(c);
    block_thread_unregister(c);
    sig_thread_attach(NULL);
    if (threads_remove(c) == 0)
        engine_exit(status);
    if (thread_exit_jmp)
        siglongjmp(*thread_exit_jmp, 1);
    /* the initial thread: end it alone, the process lives on */
    for (;;)
        syscall(SYS_exit, status);
}

static void thread_robust_one(struct cpu *c, void *ctx)
{
    (void)ctx;
    futex_robust_exit(c);
}

void engine_walk_robust_lists(void) { threads_foreach(thread_robust_one, NULL); }

void engine_exit_group(int status)
{
    stats_dump("exit_group");
    engine_walk_robust_lists();
    engine_exit(status);
}

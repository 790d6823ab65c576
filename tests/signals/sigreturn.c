/* rt_sigreturn with a corrupted frame kills by SIGSEGV (arch/arm64/kernel/
 * signal.c sys_rt_sigreturn: "badframe: arm64_notify_segfault(regs->sp)"),
 * seen from a parent: a SIGUSR1 handler that overwrites the fpsimd record's
 * magic in its own frame (parse_user_sigframe rejects an unknown record and
 * a frame without fpsimd), one that zeroes the record's size (a record
 * smaller than struct fpsimd_context is invalid), and one that calls
 * rt_sigreturn itself with sp not 16-byte aligned ("if (regs->sp & 15) goto
 * badframe"). A handler that leaves its frame alone returns normally (the
 * control case).
 * rt_sigreturn's result is the x0 it restores, never an interruption of its
 * own: a call that ended with EINTR, whose handler raised a second signal
 * that the return unblocks, must still give the caller EINTR after the
 * second handler (pvm once took the restored -EINTR for rt_sigreturn being
 * interrupted and turned it into -ERESTARTSYS, which the second frame kept:
 * python's forkserver died of "OSError: [Errno 512]" when two SIGCHLDs
 * came close together). */
#include "sigtest.h"

#include <poll.h>

#define RT_SIGRETURN 139

static void fpsimd_magic(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    struct _aarch64_ctx *c = t_record(ucv, FPSIMD_MAGIC);
    if (!c)
        _exit(3);
    c->magic = 0xdead0001;
}

static void fpsimd_size(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    struct _aarch64_ctx *c = t_record(ucv, FPSIMD_MAGIC);
    if (!c)
        _exit(3);
    c->size = 0;
}

static void misaligned_sp(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    /* the frame starts at the sp the handler was entered with; 8 bytes
     * below it is not a 16-byte-aligned sp (no load or store uses it, so
     * only rt_sigreturn's own check sees it) */
    uintptr_t frame = (uintptr_t)ucv - offsetof(struct { siginfo_t i; ucontext_t u; }, u);
    __asm__ volatile("mov sp, %0\n\t"
                     "mov x8, %1\n\t"
                     "svc #0\n"
                     :
                     : "r"(frame - 8), "i"(RT_SIGRETURN)
                     : "x8", "memory");
    _exit(4);
}

static void untouched(int sig, siginfo_t *si, void *ucv)
{
    (void)sig;
    (void)si;
    (void)ucv;
}

static void (*corrupter)(int, siginfo_t *, void *);

static volatile sig_atomic_t usr1_seen, usr2_seen;

/* SIGUSR2 is in this handler's sa_mask: raised here, it stays pending until
 * rt_sigreturn puts the interrupted code's mask back */
static void raise_second(int sig)
{
    (void)sig;
    usr1_seen++;
    raise(SIGUSR2);
}

static void count_second(int sig)
{
    (void)sig;
    usr2_seen++;
}

static void case_eintr_kept(void)
{
    t_begin();
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = raise_second;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    t_handle(SIGUSR2, count_second, 0);
    sigset_t block, open;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, NULL);
    raise(SIGUSR1);
    /* ppoll opens the mask: the pending SIGUSR1 interrupts it at once
     * (-ERESTARTNOHAND with a handler: EINTR) */
    sigemptyset(&open);
    struct timespec ts = {T_WAIT_S, 0};
    errno = 0;
    int r = ppoll(NULL, 0, &ts, &open);
    int e = errno;
    EXPECT(r == -1 && e == EINTR, "ppoll returned %d, errno %d (%s), want -1 EINTR", r, e, strerror(e));
    EXPECT(usr1_seen == 1 && usr2_seen == 1, "handlers ran %d and %d times, want 1 and 1", (int)usr1_seen,
           (int)usr2_seen);
    t_end("eintr_kept_across_second_signal");
}

static int child(void)
{
    t_handle_info(SIGUSR1, corrupter, 0);
    raise(SIGUSR1);
    return 5; /* returned from the handler */
}

int main(void)
{
    static const struct {
        void (*fn)(int, siginfo_t *, void *);
        const char *name;
    } cases[] = {
        { fpsimd_magic, "bad_fpsimd_magic" },
        { fpsimd_size, "bad_fpsimd_size" },
        { misaligned_sp, "misaligned_sp" },
    };
    t_begin();
    corrupter = untouched;
    int st = t_child(child);
    EXPECT(WIFEXITED(st) && WEXITSTATUS(st) == 5, "child %s, want exit 5", t_status(st));
    t_end("intact_frame_returns");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        t_begin();
        corrupter = cases[i].fn;
        st = t_child(child);
        EXPECT(WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV,
               "child %s, want killed by SIGSEGV (exit 5: the bad frame was accepted)", t_status(st));
        t_end(cases[i].name);
    }
    case_eintr_kept();
    return 0;
}

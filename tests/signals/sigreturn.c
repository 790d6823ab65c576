/* rt_sigreturn with a corrupted frame kills by SIGSEGV (arch/arm64/kernel/
 * signal.c sys_rt_sigreturn: "badframe: arm64_notify_segfault(regs->sp)"),
 * seen from a parent: a SIGUSR1 handler that overwrites the fpsimd record's
 * magic in its own frame (parse_user_sigframe rejects an unknown record and
 * a frame without fpsimd), one that zeroes the record's size (a record
 * smaller than struct fpsimd_context is invalid), and one that calls
 * rt_sigreturn itself with sp not 16-byte aligned ("if (regs->sp & 15) goto
 * badframe"). A handler that leaves its frame alone returns normally (the
 * control case). */
#include "sigtest.h"

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
    return 0;
}

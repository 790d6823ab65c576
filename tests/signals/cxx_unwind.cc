// C++ through the signal frame. The unwinder steps from a handler into the
// interrupted code by recognising the return address as the sigreturn
// trampoline (`mov x8, #139; svc #0`: libgcc's aarch64 linux fallback reads
// the registers from the ucontext beyond it), so:
// - a SIGSEGV handler that throws, for a faulting load built with
//   -fnon-call-exceptions, lands in the catch around the load; the signal
//   stays blocked afterwards (the handler never returned, so rt_sigreturn
//   never restored the mask), and with SA_NODEFER it can happen again;
// - backtrace() inside a SIGUSR1 handler lists the interrupted function
//   (at the exact pc after its `svc`, the signal frame's pc) and its
//   callers beyond the handler.
#include <execinfo.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

struct segv_error {
    uintptr_t addr;
};

static void say(const char *name, const char *why)
{
    char buf[300];
    int n = why ? snprintf(buf, sizeof buf, "FAIL %s: %s\n", name, why) : snprintf(buf, sizeof buf, "ok %s\n", name);
    if (n > 0 && write(1, buf, (size_t)n) < 0)
        _exit(2);
}

static void on_segv(int, siginfo_t *si, void *)
{
    throw segv_error{ (uintptr_t)si->si_addr };
}

extern "C" __attribute__((noinline, noclone)) int faulting_load(volatile int *p)
{
    return *p + 1;
}

static bool segv_blocked()
{
    sigset_t cur;
    sigprocmask(SIG_BLOCK, nullptr, &cur);
    return sigismember(&cur, SIGSEGV) == 1;
}

static void throw_case(const char *name, int flags, uintptr_t bad)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO | flags;
    sigaction(SIGSEGV, &sa, nullptr);
    int caught = 0;
    uintptr_t addr = 0;
    for (int round = 0; round < 2; round++) {
        try {
            faulting_load(reinterpret_cast<volatile int *>(bad));
        } catch (const segv_error &e) {
            caught++;
            addr = e.addr;
        }
        if (!(flags & SA_NODEFER))
            break;
    }
    char why[200];
    if (caught != ((flags & SA_NODEFER) ? 2 : 1))
        snprintf(why, sizeof why, "caught %d times", caught);
    else if (addr != bad)
        snprintf(why, sizeof why, "si_addr %#lx, want %#lx", (unsigned long)addr, (unsigned long)bad);
    else if (segv_blocked() != !(flags & SA_NODEFER))
        snprintf(why, sizeof why, "SIGSEGV %s after the throw", segv_blocked() ? "blocked" : "not blocked");
    else
        why[0] = 0;
    say(name, why[0] ? why : nullptr);
    sigset_t none;
    sigemptyset(&none);
    sigprocmask(SIG_SETMASK, &none, nullptr);
}

// backtrace inside a handler
static void *frames[64];
static int nframes;
extern "C" char raiser_resume[]; // the address after raiser's svc

static void on_usr1(int)
{
    nframes = backtrace(frames, 64);
}

extern "C" __attribute__((noinline, noclone)) void raiser(long pid, long tid)
{
    register long x0 __asm__("x0") = pid;
    register long x1 __asm__("x1") = tid;
    register long x2 __asm__("x2") = SIGUSR1;
    register long x8 __asm__("x8") = SYS_tgkill;
    __asm__ volatile("svc #0\n"
                     ".global raiser_resume\n"
                     "raiser_resume:\n"
                     : "+r"(x0)
                     : "r"(x1), "r"(x2), "r"(x8)
                     : "memory");
}

extern "C" __attribute__((noinline, noclone)) void raiser_caller(long pid, long tid)
{
    raiser(pid, tid);
    __asm__ volatile("" ::: "memory"); // not a tail call
}

int main()
{
    void *p = mmap(nullptr, 4096, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    uintptr_t bad = (uintptr_t)p + 64;
    throw_case("throw_from_segv", 0, bad);
    throw_case("throw_from_segv_nodefer", SA_NODEFER, bad);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_usr1;
    sigaction(SIGUSR1, &sa, nullptr);
    raiser_caller(getpid(), syscall(SYS_gettid));
    int at = -1;
    for (int i = 0; i < nframes; i++)
        if (frames[i] == (void *)raiser_resume)
            at = i;
    char why[300];
    why[0] = 0;
    if (nframes <= 1)
        snprintf(why, sizeof why, "%d frames: nothing beyond the handler", nframes);
    else if (at < 0) {
        int n = snprintf(why, sizeof why, "raiser's pc %p not among %d frames:", (void *)raiser_resume, nframes);
        for (int i = 0; i < nframes && i < 8 && n < (int)sizeof why - 20; i++)
            n += snprintf(why + n, sizeof why - n, " %p", frames[i]);
    } else if (nframes - at < 3)
        snprintf(why, sizeof why, "only %d frames after raiser's (want raiser_caller, main, ...)", nframes - at - 1);
    say("backtrace_in_handler", why[0] ? why : nullptr);
    return 0;
}

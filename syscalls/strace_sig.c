/* --strace lines for signals, as strace(1) prints them: a signal the guest
 * is about to take,
 *     --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10} ---
 * the end of a guest killed by a signal,
 *     +++ killed by SIGSEGV (core dumped) +++
 * and the argument decoders that need a siginfo or signalfd's flags ('X',
 * 'E'). The siginfo body follows strace's printsiginfo: si_code by name
 * (the SI_ codes, then the signal's own list, else hex), si_errno when set,
 * then the fields the code and signal say are meaningful. The siginfo given
 * is the guest's (asm-generic layout, si_addr a guest address). Lines carry
 * "[pid TID] " as the call lines do (strace.c) and are written with one
 * write(2) each; callers check log_on(DBG_strace). */
#include "syscalls/strace.h"

#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "signals/abi_signal.h"
#include "signals/signal.h"
#include "syscalls/abi_events.h"
#include "sysnums.h"

/* ---- si_code names ---- */

#define STRACE_CODE(name, v) {(uint32_t)(v), #name},
static const struct sflag strace_si_codes[] = {SI_CODES_A64(STRACE_CODE)};
static const struct sflag strace_ill_codes[] = {ILL_CODES_A64(STRACE_CODE)};
static const struct sflag strace_fpe_codes[] = {FPE_CODES_A64(STRACE_CODE)};
static const struct sflag strace_segv_codes[] = {SEGV_CODES_A64(STRACE_CODE)};
static const struct sflag strace_bus_codes[] = {BUS_CODES_A64(STRACE_CODE)};
static const struct sflag strace_trap_codes[] = {TRAP_CODES_A64(STRACE_CODE)};
static const struct sflag strace_cld_codes[] = {CLD_CODES_A64(STRACE_CODE)};
static const struct sflag strace_poll_codes[] = {POLL_CODES_A64(STRACE_CODE)};
static const struct sflag strace_sys_codes[] = {SYS_CODES_A64(STRACE_CODE)};
#undef STRACE_CODE

static const char *strace_lookup(const struct sflag *t, size_t n, uint32_t v)
{
    for (size_t k = 0; k < n; k++)
        if (t[k].v == v)
            return t[k].name;
    return NULL;
}

/* the SI_ names first (they hold for every signal), then the signal's own */
static void strace_put_si_code(struct sline *l, int code, int sig)
{
#define STRACE_CODES(t) strace_lookup(t, STRACE_N(t), (uint32_t)code)
    const char *name = STRACE_CODES(strace_si_codes);
    if (!name) {
        switch (sig) {
        case SIGILL_A64: name = STRACE_CODES(strace_ill_codes); break;
        case SIGFPE_A64: name = STRACE_CODES(strace_fpe_codes); break;
        case SIGSEGV_A64: name = STRACE_CODES(strace_segv_codes); break;
        case SIGBUS_A64: name = STRACE_CODES(strace_bus_codes); break;
        case SIGTRAP_A64: name = STRACE_CODES(strace_trap_codes); break;
        case SIGCHLD_A64: name = STRACE_CODES(strace_cld_codes); break;
        case SIGIO_A64: name = STRACE_CODES(strace_poll_codes); break;
        case SIGSYS_A64: name = STRACE_CODES(strace_sys_codes); break;
        }
    }
#undef STRACE_CODES
    if (name)
        strace_put(l, "%s", name);
    else
        strace_put(l, "%#x", (unsigned)code);
}

/* ---- the fields ---- */

/* who sent it */
static void strace_put_source(struct sline *l, const siginfo_t *si)
{
    strace_put(l, ", si_pid=%d, si_uid=", si->si_pid);
    if (si->si_uid == (uid_t)-1)
        strace_put(l, "-1");
    else
        strace_put(l, "%u", (unsigned)si->si_uid);
}

/* the sender's value (sigqueue, a timer's sigev_value) */
static void strace_put_value(struct sline *l, const siginfo_t *si)
{
    strace_put(l, ", si_int=%d, si_ptr=", si->si_int);
    strace_put_ptr(l, (uint64_t)(uintptr_t)si->si_ptr);
}

static void strace_put_addr(struct sline *l, const char *field, const void *p)
{
    strace_put(l, ", %s=", field);
    strace_put_ptr(l, (uint64_t)(uintptr_t)p);
}

/* a clock_t in the guest's ticks (AT_CLKTCK 100), with seconds in a
 * comment when not zero */
static void strace_put_ticks(struct sline *l, const char *field, long v)
{
    enum { TICKS = 100 };
    unsigned long long u = (unsigned long long)v;
    strace_put(l, ", %s=%llu", field, u);
    if (u)
        strace_put(l, " /* %llu.%02llu s */", u / TICKS, u % TICKS);
}

static const char *const strace_sys_names[A64_NR_MAX] = {
#define X(name, a64, x64) [a64] = #name,
    SYSNUMS(X)
#undef X
};

/* a seccomp SIGSYS: the call by its arm64 name when the arch is arm64 */
static void strace_put_sigsys(struct sline *l, const siginfo_t *si)
{
    strace_put_addr(l, "si_call_addr", si->si_call_addr);
    unsigned nr = (unsigned)si->si_syscall;
    if (si->si_arch == AUDIT_ARCH_AARCH64_A64 && nr < A64_NR_MAX && strace_sys_names[nr])
        strace_put(l, ", si_syscall=__NR_%s", strace_sys_names[nr]);
    else
        strace_put(l, ", si_syscall=%u", nr);
    if (si->si_arch == AUDIT_ARCH_AARCH64_A64)
        strace_put(l, ", si_arch=AUDIT_ARCH_AARCH64");
    else
        strace_put(l, ", si_arch=%#x /* AUDIT_ARCH_??? */", (unsigned)si->si_arch);
}

/* the fields of a signal the kernel raised (si_code > 0), by signal */
static void strace_put_kernel_fields(struct sline *l, const siginfo_t *si)
{
    switch (si->si_signo) {
    case SIGCHLD_A64:
        strace_put_source(l, si);
        if (si->si_code == CLD_EXITED_A64) {
            strace_put(l, ", si_status=%d", si->si_status);
        } else {
            strace_put(l, ", si_status=");
            strace_sym_signal(l, (uint32_t)si->si_status);
        }
        strace_put_ticks(l, "si_utime", si->si_utime);
        strace_put_ticks(l, "si_stime", si->si_stime);
        break;
    case SIGILL_A64:
    case SIGFPE_A64:
    case SIGTRAP_A64:
        strace_put_addr(l, "si_addr", si->si_addr);
        break;
    case SIGBUS_A64:
        strace_put_addr(l, "si_addr", si->si_addr);
        if (si->si_code == BUS_MCEERR_AR_A64 || si->si_code == BUS_MCEERR_AO_A64)
            strace_put(l, ", si_addr_lsb=%#x", (unsigned)(uint16_t)si->si_addr_lsb);
        break;
    case SIGSEGV_A64:
        strace_put_addr(l, "si_addr", si->si_addr);
        if (si->si_code == SEGV_BNDERR_A64) {
            strace_put_addr(l, "si_lower", si->si_lower);
            strace_put_addr(l, "si_upper", si->si_upper);
        } else if (si->si_code == SEGV_PKUERR_A64) {
            strace_put(l, ", si_pkey=%u", (unsigned)si->si_pkey);
        }
        break;
    case SIGIO_A64:
        if (si->si_code == POLL_IN_A64 || si->si_code == POLL_OUT_A64 ||
            si->si_code == POLL_MSG_A64)
            strace_put(l, ", si_band=%ld, si_fd=%d", (long)si->si_band, si->si_fd);
        break;
    case SIGSYS_A64:
        strace_put_sigsys(l, si);
        break;
    default:
        if (si->si_pid || si->si_uid)
            strace_put_source(l, si);
        if (si->si_ptr)
            strace_put_value(l, si);
    }
}

void strace_put_siginfo(struct sline *l, const siginfo_t *si)
{
    strace_put(l, "{");
    if (si->si_signo) {
        strace_put(l, "si_signo=");
        strace_sym_signal(l, (uint32_t)si->si_signo);
        strace_put(l, ", si_code=");
        strace_put_si_code(l, si->si_code, si->si_signo);
        if (si->si_errno) {
            const char *en = strerrorname_np(si->si_errno);
            if (en)
                strace_put(l, ", si_errno=%s", en);
            else
                strace_put(l, ", si_errno=%u", (unsigned)si->si_errno);
        }
        if (si->si_code > 0) {
            strace_put_kernel_fields(l, si);
        } else {
            /* sent by a process (SI_FROMUSER) */
            switch (si->si_code) {
            case SI_USER_A64:
            case SI_TKILL_A64:
                strace_put_source(l, si);
                break;
            case SI_TIMER_A64:
                strace_put(l, ", si_timerid=%#x, si_overrun=%d", (unsigned)si->si_timerid,
                           si->si_overrun);
                strace_put_value(l, si);
                break;
            case SI_SIGIO_A64:
                strace_put(l, ", si_band=%ld, si_fd=%d", (long)si->si_band, si->si_fd);
                break;
            default:
                strace_put_source(l, si);
                if (si->si_ptr)
                    strace_put_value(l, si);
            }
        }
    }
    strace_put(l, "}");
}

/* ---- argument decoders ---- */

void strace_sym_siginfo(struct sline *l, uint64_t ga)
{
    siginfo_t si;
    if (ga && mem_copy_from_guest(&si, ga, sizeof si))
        strace_put_siginfo(l, &si);
    else
        strace_put_ptr(l, ga);
}

static const struct sflag strace_sfd_names[] = {
    {SFD_CLOEXEC_A64, "SFD_CLOEXEC"},
    {SFD_NONBLOCK_A64, "SFD_NONBLOCK"},
};

void strace_sym_sfd_flags(struct sline *l, uint64_t v)
{
    strace_put_flags(l, (uint32_t)v, strace_sfd_names, STRACE_N(strace_sfd_names));
}

/* ---- lines ---- */

/* the guest thread running here (the engine attaches it); its tid is the
 * host's, so gettid stands in before any is attached */
static void strace_sig_start(struct sline *l)
{
    l->n = 0;
    l->b[0] = 0;
    if (strace_pid_prefix()) {
        struct cpu *c = sig_thread_cpu();
        strace_put(l, "[pid %d] ", c ? c->tid : (int)syscall(SYS_gettid));
    }
}

static void strace_sig_emit(struct sline *l)
{
    if (l->n >= sizeof l->b - 1)
        l->n = sizeof l->b - 2; /* keep room for the newline */
    l->b[l->n++] = '\n';
    l->b[l->n] = 0;
    log_write(l->b, l->n);
}

void strace_signal(const siginfo_t *si)
{
    struct sline l;
    strace_sig_start(&l);
    strace_put(&l, "--- ");
    strace_sym_signal(&l, (uint32_t)si->si_signo);
    strace_put(&l, " ");
    strace_put_siginfo(&l, si);
    strace_put(&l, " ---");
    strace_sig_emit(&l);
}

void strace_killed(int sig, bool core)
{
    struct sline l;
    strace_sig_start(&l);
    strace_put(&l, "+++ killed by ");
    strace_sym_signal(&l, (uint32_t)sig);
    strace_put(&l, " %s+++", core ? "(core dumped) " : "");
    strace_sig_emit(&l);
}

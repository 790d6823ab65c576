/* --strace / -d strace: the line engine. One line per guest system call,
 * built whole and written with one write(2) (log_write), so processes
 * sharing a log never interleave inside a line:
 *     openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
 * Arguments are decoded by the SYSCALL() row's format (letters in
 * syscall.h; symbolic decoders in strace_sym.c). Input arguments are
 * formatted when the call starts, output arguments (B P K O W Z = > !) after it
 * returns, so an input structure is shown as the kernel saw it.
 * A row whose format starts with '~' may block (or not return): its line is
 * written at entry, up to the first output argument, ending " <unfinished
 * ...>", and a second line "<... name resumed>REST) = result" follows when
 * the call returns, as strace -f prints them; so do a vfork, a futex wait
 * and F_SETLKW, but not read/write/readv/writev on a regular file or block
 * device, which never wait (strace_blocks). exit and exit_group are
 * written at entry with " = ?", followed by "+++ exited with N +++". Once this pvm or an ancestor pvm has forked
 * (strace_note_fork), every line starts "[pid TID] " with the calling
 * cpu's tid; an exec'd child pvm learns it from STRACE_PIDS_ENV, which
 * strace_init strips from the guest's environment. A call a guest signal
 * interrupted shows the kernel's restart code, as strace does:
 * "= ? ERESTARTSYS (To be restarted if SA_RESTART is set)". */
#include "syscalls/strace.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/threads.h"
#include "signals/safe_syscall.h"
#include "sysnums.h"
#include "syscalls/abi_fs.h"
#include "syscalls/abi_proc.h"
#include "syscalls/fdtab.h"

/* set before the first fork/clone/vfork, inherited by both sides; read by
 * every thread's lines (atomic: set once, never cleared but at start-up).
 * Everything else a line needs is the calling thread's: its struct sline
 * lives in the caller's frame (strace_call in the dispatcher's), and each
 * line is one log_write, so threads' lines never mix inside a line. */
static bool strace_pids;

/* ---- a line under construction ---- */

void strace_put(struct sline *l, const char *fmt, ...)
{
    if (l->n >= sizeof l->b - 1)
        return;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(l->b + l->n, sizeof l->b - l->n, fmt, ap);
    va_end(ap);
    if (k > 0)
        l->n += (size_t)k < sizeof l->b - l->n ? (size_t)k : sizeof l->b - 1 - l->n;
}

void strace_put_ptr(struct sline *l, uint64_t v)
{
    if (v)
        strace_put(l, "0x%llx", (unsigned long long)v);
    else
        strace_put(l, "NULL");
}

void strace_put_flags(struct sline *l, uint64_t v, const struct sflag *t, size_t nt)
{
    bool first = true;
    for (size_t k = 0; k < nt; k++) {
        if (t[k].v && (v & t[k].v) == t[k].v) {
            strace_put(l, "%s%s", first ? "" : "|", t[k].name);
            v &= ~t[k].v;
            first = false;
        }
    }
    if (v || first)
        strace_put(l, "%s%#llx", first ? "" : "|", (unsigned long long)v);
}

void strace_put_name(struct sline *l, uint64_t v, const struct sflag *t, size_t nt)
{
    for (size_t k = 0; k < nt; k++)
        if (t[k].v == v) {
            strace_put(l, "%s", t[k].name);
            return;
        }
    strace_put(l, "%#llx", (unsigned long long)v);
}

/* guest bytes as a C string literal, at most max shown */
static void strace_put_bytes(struct sline *l, const uint8_t *p, size_t n, size_t max, bool more)
{
    strace_put(l, "\"");
    size_t shown = n < max ? n : max;
    for (size_t k = 0; k < shown; k++) {
        uint8_t ch = p[k];
        switch (ch) {
        case '\n': strace_put(l, "\\n"); break;
        case '\t': strace_put(l, "\\t"); break;
        case '\r': strace_put(l, "\\r"); break;
        case '"': strace_put(l, "\\\""); break;
        case '\\': strace_put(l, "\\\\"); break;
        default:
            if (ch >= 32 && ch < 127)
                strace_put(l, "%c", ch);
            else
                strace_put(l, "\\%o", ch);
        }
    }
    strace_put(l, "\"%s", shown < n || more ? "..." : "");
}

static void strace_put_str(struct sline *l, uint64_t ga)
{
    char buf[4096];
    long n = ga ? mem_strncpy_from_guest(buf, ga, sizeof buf) : -EFAULT;
    if (n < 0 && n != -ENAMETOOLONG) {
        strace_put_ptr(l, ga);
        return;
    }
    strace_put_bytes(l, (const uint8_t *)buf, n < 0 ? sizeof buf : (size_t)n, 256, n < 0);
}

static void strace_put_buf(struct sline *l, uint64_t ga, int64_t len)
{
    uint8_t buf[32];
    size_t n = len < 0 ? 0 : (size_t)len;
    size_t take = n < sizeof buf ? n : sizeof buf;
    if (!mem_copy_from_guest(buf, ga, take)) {
        strace_put_ptr(l, ga);
        return;
    }
    strace_put_bytes(l, buf, n, take, false);
}

/* a NULL-terminated guest array of strings (execve's argv): ["a", "b"],
 * at most 32 shown, then "..." */
static void strace_put_strv(struct sline *l, uint64_t ga)
{
    uint64_t p;
    if (!ga || !mem_copy_from_guest(&p, ga, 8)) {
        strace_put_ptr(l, ga);
        return;
    }
    strace_put(l, "[");
    for (unsigned k = 0; mem_copy_from_guest(&p, ga + 8ull * k, 8) && p; k++) {
        if (k == 32) {
            strace_put(l, ", ...");
            break;
        }
        if (k)
            strace_put(l, ", ");
        strace_put_str(l, p);
    }
    strace_put(l, "]");
}

/* an environment: its address and how many strings it holds */
static void strace_put_envp(struct sline *l, uint64_t ga)
{
    strace_put_ptr(l, ga);
    if (!ga)
        return;
    uint64_t p;
    unsigned n = 0;
    while (n < 65536 && mem_copy_from_guest(&p, ga + 8ull * n, 8) && p)
        n++;
    strace_put(l, " /* %u var%s */", n, n == 1 ? "" : "s");
}

/* ---- arguments ---- */

/* letters whose argument the call writes: shown after it returns */
static bool strace_is_output(char f) { return f && strchr("BPKOWZ=>!", f) != NULL; }

/* arguments strace leaves out, decided by the call's other arguments */
static bool strace_arg_hidden(const char *fmt, int k, const uint64_t a[6])
{
    switch (fmt[k]) {
    case '-': return true;
    /* open's mode only means something with O_CREAT or O_TMPFILE */
    case 'm': return k > 0 && fmt[k - 1] == 'o' && !(a[k - 1] & (O_CREAT_A64 | O__TMPFILE_A64));
    /* mq_open's attributes, like its mode, only with O_CREAT */
    case '<': return k == 3 && fmt[1] == 'o' && !(a[1] & O_CREAT_A64);
    /* fcntl's third argument, for commands that take one */
    case 'G': return k > 0 && !strace_sym_fcntl_has_arg(a[k - 1]);
    /* mremap's new address, only with MREMAP_FIXED */
    case 'p':
        if (k > 0 && fmt[k - 1] == 'R')
            return !(a[k - 1] & MREMAP_FIXED_A64);
        /* futex's uaddr2 */
        return k == 4 && fmt[1] == 'U' && !strace_sym_futex_shows(a[1], k);
    /* futex's val, timeout/val2 and val3, by the op */
    case 'y': return fmt[1] == 'U' && !strace_sym_futex_shows(a[1], k);
    case 'Q':
    case 'V': return !strace_sym_futex_shows(a[1], k);
    default: return false;
    }
}

static void strace_arg(struct sline *l, const char *name, char f, const uint64_t a[6], int k,
                       int64_t r)
{
    uint64_t v = a[k];
    switch (f) {
    case 'd': strace_put(l, "%d", (int)v); break;
    case 'l': strace_put(l, "%lld", (long long)v); break;
    case 'u': strace_put(l, "%llu", (unsigned long long)v); break;
    case 'f':
        if ((int)v == AT_FDCWD_A64)
            strace_put(l, "AT_FDCWD");
        else
            strace_put(l, "%d", (int)v);
        break;
    case 'p': strace_put_ptr(l, v); break;
    case 's': strace_put_str(l, v); break;
    case 'v': strace_put_strv(l, v); break;
    case 'e': strace_put_envp(l, v); break;
    case 'o': strace_sym_oflags(l, v); break;
    case 'F': strace_sym_oflags_noacc(l, v); break;
    case 'm': strace_put(l, "%#llo", (unsigned long long)v); break;
    case 'a': strace_sym_atflags(l, v); break;
    case 'n': strace_sym_access(l, v); break;
    case 'q': strace_sym_clock(l, v); break;
    case 't': strace_sym_timespec(l, v); break;
    case 'c': strace_sym_fcntl_cmd(l, v); break;
    case 'G': strace_sym_fcntl_arg(l, k > 0 ? a[k - 1] : 0, v); break;
    case 'i': strace_sym_ioctl(l, v); break;
    case 'b': strace_put_buf(l, v, k < 5 ? (int64_t)a[k + 1] : 0); break;
    case 'B':
        if (r >= 0)
            strace_put_buf(l, v, r);
        else
            strace_put_ptr(l, v);
        break;
    case 'P': {
        int32_t fds[2];
        if (r == 0 && mem_copy_from_guest(fds, v, sizeof fds))
            strace_put(l, "[%d, %d]", fds[0], fds[1]);
        else
            strace_put_ptr(l, v);
        break;
    }
    case 'r': strace_sym_prot(l, v); break;
    case 'M': strace_sym_mmap_flags(l, v); break;
    case 'R': strace_sym_mremap_flags(l, v); break;
    case 'S': strace_sym_signal(l, v); break;
    case 'h': strace_sym_sighow(l, v); break;
    case 'k': strace_sym_sigset(l, v); break;
    case 'j':
        strace_put(l, "{mask=");
        strace_sym_sigset(l, v);
        strace_put(l, "}");
        break;
    case 'A': strace_sym_sigaction(l, v); break;
    case 'K':
    case 'O':
    case 'W':
    case 'Z':
    case '!':
        /* written by the call: only meaningful when it succeeded */
        if (r < 0 && r > -4096)
            strace_put_ptr(l, v);
        else if (f == '!')
            strace_sym_siginfo(l, v); /* waitid's: {} when nothing was reported */
        else if (f == 'K')
            strace_sym_sigset(l, v);
        else if (f == 'O')
            strace_sym_sigaction(l, v);
        else if (f == 'Z')
            strace_sym_timespec(l, v);
        else if (r == 0)
            strace_put_ptr(l, v); /* WNOHANG and nothing to report */
        else
            strace_sym_wait_status(l, v);
        break;
    case 'C': strace_sym_clone(l, a); break;
    case 'L': strace_sym_clone3(l, v); break;
    case 'D': strace_sym_domain(l, v); break;
    case 'T': strace_sym_socktype(l, v); break;
    case 'N': strace_sym_sockflags(l, v); break;
    case 'I': strace_sym_protocol(l, k > 0 ? a[0] : 0, v); break;
    case 'w': strace_sym_wait_options(l, v); break;
    case 'Y': strace_sym_idtype(l, v); break;
    case '^': strace_sym_pidfd_flags(l, v); break;
    case '|': strace_sym_pidfd_signal_flags(l, v); break;
    case 'X': strace_sym_siginfo(l, v); break;
    case 'E': strace_sym_sfd_flags(l, v); break;
    case 'U': strace_sym_futex_op(l, v); break;
    case 'y': strace_put(l, "%u", (uint32_t)v); break;
    case 'Q': strace_sym_futex_arg3(l, a[1], v); break;
    case 'V': strace_sym_futex_val3(l, a[1], v); break;
    case 'g': strace_sym_futex_waitv(l, v, k < 5 ? a[k + 1] : 0); break;
    case 'H': strace_sym_ipc_key(l, v); break;
    case 'J': strace_sym_ipcget_flags(l, name, v); break;
    case 'z': strace_sym_shmat_flags(l, v); break;
    case '@': strace_sym_ipc_cmd(l, name, v); break;
    case '&': strace_sym_sembuf(l, v, k < 5 ? (uint32_t)a[k + 1] : 0); break;
    case '+': strace_sym_msgbuf(l, v, k < 5 ? (int64_t)a[k + 1] : 0); break;
    case '=':
        if (r >= 0)
            strace_sym_msgbuf(l, v, r);
        else
            strace_put_ptr(l, v);
        break;
    case '*': strace_sym_msg_flags(l, v); break;
    case '<': strace_sym_mq_attr(l, v); break;
    case '>':
        if (r < 0 && r > -4096)
            strace_put_ptr(l, v);
        else
            strace_sym_mq_attr(l, v);
        break;
    case '$': strace_sym_sigevent(l, v); break;
    default: strace_put(l, "%#llx", (unsigned long long)v); break;
    }
}

/* Formats arguments from sc->next on: up to the first output argument when
 * !done, all the rest when done. */
static void strace_args(struct strace_call *sc, struct sline *l, bool done, int64_t r)
{
    const char *fmt = sc->fmt;
    int k = sc->next;
    for (; k < 6 && fmt[k]; k++) {
        if (!done && strace_is_output(fmt[k]))
            break;
        if (strace_arg_hidden(fmt, k, sc->a))
            continue;
        if (sc->shown)
            strace_put(l, ", ");
        sc->shown = true;
        strace_arg(l, sc->name, fmt[k], sc->a, k, r);
    }
    sc->next = k;
}

/* whether an argument from sc->next on is still to be shown */
static bool strace_args_pending(const struct strace_call *sc)
{
    for (int k = sc->next; k < 6 && sc->fmt[k]; k++)
        if (!strace_arg_hidden(sc->fmt, k, sc->a))
            return true;
    return false;
}

/* ---- results ---- */

/* calls whose result is a guest address */
static bool strace_addr_result(const char *name)
{
    return !strcmp(name, "mmap") || !strcmp(name, "mremap") || !strcmp(name, "brk") ||
           !strcmp(name, "shmat");
}

/* the kernel's internal restart codes, as strace names an interrupted call
 * (signals/safe_syscall.h; delivery decides what the guest sees) */
static const char *strace_restart_text(int64_t r)
{
    switch (r) {
    case -ERESTARTSYS_K: return "ERESTARTSYS (To be restarted if SA_RESTART is set)";
    case -ERESTARTNOINTR_K: return "ERESTARTNOINTR (To be restarted)";
    case -ERESTARTNOHAND_K: return "ERESTARTNOHAND (To be restarted if no handler)";
    case -ERESTART_RESTARTBLOCK_K: return "ERESTART_RESTARTBLOCK (Interrupted by signal)";
    default: return NULL;
    }
}

static void strace_result(struct sline *l, const struct strace_call *sc, int64_t r)
{
    const char *rt = strace_restart_text(r);
    if (rt) {
        strace_put(l, " = ? %s", rt);
        return;
    }
    if (r < 0 && r > -4096) {
        int e = (int)-r;
        const char *en = strerrorname_np(e);
        if (en)
            strace_put(l, " = -1 %s (%s)", en, strerror(e));
        else
            strace_put(l, " = -1 errno %d", e);
        return;
    }
    if (strace_addr_result(sc->name) || (uint64_t)r >= 0x100000000ull) {
        strace_put(l, " = %#llx", (unsigned long long)r);
    } else if (!strcmp(sc->name, "fcntl") &&
               ((uint32_t)sc->a[1] == F_GETFD_A64 || (uint32_t)sc->a[1] == F_GETFL_A64)) {
        strace_put(l, " = %#llx", (unsigned long long)r);
        strace_sym_fcntl_result(l, sc->a[1], r);
    } else {
        strace_put(l, " = %lld", (long long)r);
    }
}

/* ---- lines ---- */

static void strace_line_start(struct sline *l, const struct cpu *c)
{
    l->n = 0;
    l->b[0] = 0;
    if (strace_pid_prefix())
        strace_put(l, "[pid %d] ", c->tid);
}

static void strace_emit(struct sline *l)
{
    if (l->n >= sizeof l->b - 1)
        l->n = sizeof l->b - 2; /* keep room for the newline */
    l->b[l->n++] = '\n';
    l->b[l->n] = 0;
    log_write(l->b, l->n);
}

/* Calls that block for some arguments only (the '~' rows always may): a
 * vfork suspends the parent until the child execs or exits; futex waits;
 * fcntl's F_SETLKW waits for the lock. */
/* a descriptor whose reads and writes never wait: a regular file or a block
 * device (guest fds are host fds; a bad fd lets the call report it) */
static bool strace_fd_never_waits(uint64_t fd)
{
    struct stat st;
    if (fd_is_pvm((long)fd) || fstat((int)fd, &st) != 0)
        return false;
    return S_ISREG(st.st_mode) || S_ISBLK(st.st_mode);
}

/* the read/write family: first argument the fd whose kind decides */
static bool strace_is_rw(const char *name)
{
    return !strcmp(name, "read") || !strcmp(name, "write") || !strcmp(name, "readv") ||
           !strcmp(name, "writev");
}

static bool strace_blocks(const char *name, const char *fmt, const uint64_t a[6])
{
    if (fmt[0] == '~')
        return !(strace_is_rw(name) && strace_fd_never_waits(a[0]));
    if (!strcmp(name, "futex"))
        return strace_sym_futex_waits(a[1]);
    if (!strcmp(name, "fcntl"))
        return (uint32_t)a[1] == F_SETLKW_A64 || (uint32_t)a[1] == F_OFD_SETLKW_A64;
    if (!strcmp(name, "clone"))
        return (a[0] & CLONE_VFORK_A64) != 0;
    struct clone_args_a64 ca;
    return !strcmp(name, "clone3") && mem_copy_from_guest(&ca, a[0], sizeof ca) &&
           (ca.flags & CLONE_VFORK_A64);
}

static bool strace_is_exit(const char *name)
{
    return !strcmp(name, "exit") || !strcmp(name, "exit_group");
}

/* live: the call is about to run (blocking calls print their entry line) */
static void strace_enter(struct cpu *c, struct strace_call *sc, const char *name, const char *fmt,
                         const uint64_t a[6], bool live)
{
    sc->name = name;
    sc->fmt = fmt + (fmt[0] == '~');
    sc->blocking = live && strace_blocks(name, fmt, a);
    memcpy(sc->a, a, sizeof sc->a);
    sc->next = 0;
    sc->shown = false;
    sc->unfinished = false;
    struct sline *l = &sc->line;
    strace_line_start(l, c);
    strace_put(l, "%s(", name);
    strace_args(sc, l, false, 0);
    if (strace_is_exit(name)) {
        strace_put(l, ") = ?");
        strace_emit(l);
        /* this thread ends here (strace -f shows it for each thread) */
        strace_line_start(l, c);
        strace_put(l, "+++ exited with %d +++", (int)(a[0] & 0xff));
        strace_emit(l);
        sc->unfinished = true;
        return;
    }
    if (strace_args_pending(sc) && sc->shown) {
        strace_put(l, ", ");
        sc->shown = false; /* the next argument needs no separator */
    }
    if (sc->blocking) {
        size_t keep = l->n;
        strace_put(l, " <unfinished ...>");
        strace_emit(l);
        l->n = keep;
        sc->unfinished = true;
    }
}

void strace_call_enter(struct cpu *c, struct strace_call *sc, const char *name, const char *fmt,
                       const uint64_t a[6])
{
    strace_enter(c, sc, name, fmt, a, true);
}

void strace_call_exit(struct cpu *c, struct strace_call *sc, int64_t r)
{
    struct sline *l = &sc->line;
    /* exit and exit_group were shown whole at entry (the engine ends the
     * thread or process after the handler returns) */
    if (strace_is_exit(sc->name))
        return;
    /* a fork child's zero return is not shown (strace -f shows the parent's) */
    if (r == 0 && (!strcmp(sc->name, "clone") || !strcmp(sc->name, "clone3")))
        return;
    if (sc->unfinished) {
        strace_line_start(l, c);
        strace_put(l, "<... %s resumed>", sc->name);
    }
    strace_args(sc, l, true, r);
    strace_put(l, ")");
    strace_result(l, sc, r);
    strace_emit(l);
}

void strace_exit(struct cpu *c, const char *name, const char *fmt, const uint64_t a[6], int64_t r)
{
    struct strace_call sc;
    strace_enter(c, &sc, name, fmt, a, false);
    strace_call_exit(c, &sc, r);
}

/* ---- processes ---- */

void strace_note_fork(void) { __atomic_store_n(&strace_pids, true, __ATOMIC_RELAXED); }

/* more than one guest thread shows pids too, as strace -f does, even if
 * the call that made the thread did not say so */
bool strace_pid_prefix(void)
{
    if (__atomic_load_n(&strace_pids, __ATOMIC_RELAXED))
        return true;
    if (threads_count() <= 1)
        return false;
    strace_note_fork();
    return true;
}

void strace_init(char **envp)
{
    bool found = false;
    size_t len = strlen(STRACE_PIDS_ENV);
    char **out = envp;
    for (char **e = envp; e && *e; e++) {
        if (!strncmp(*e, STRACE_PIDS_ENV, len) && (*e)[len] == '=') {
            found = true;
            continue;
        }
        *out++ = *e;
    }
    if (out)
        *out = NULL;
    __atomic_store_n(&strace_pids, found, __ATOMIC_RELAXED);
}

/* ---- unknown numbers ---- */

static const char *const strace_names[A64_NR_MAX] = {
#define X(name, a64, x64) [a64] = #name,
    SYSNUMS(X)
#undef X
};

static uint64_t strace_seen[(A64_NR_MAX + 63) / 64];

void strace_unknown(struct cpu *c, uint64_t nr)
{
    if (nr < A64_NR_MAX) {
        uint64_t bit = 1ull << (nr % 64);
        if (__atomic_fetch_or(&strace_seen[nr / 64], bit, __ATOMIC_RELAXED) & bit)
            return;
    }
    struct sline l;
    strace_line_start(&l, c);
    if (nr < A64_NR_MAX && strace_names[nr])
        strace_put(&l, "%s(...) = -1 ENOSYS (unimplemented system call %llu)", strace_names[nr],
                   (unsigned long long)nr);
    else
        strace_put(&l, "syscall_%llu(...) = -1 ENOSYS (unknown system call)", (unsigned long long)nr);
    strace_emit(&l);
}

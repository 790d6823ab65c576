/* --strace / -d strace: one line per guest system call, built whole and
 * written with one log_printf so threads and processes do not interleave
 * inside a line:   openat(AT_FDCWD, "/etc/passwd", O_RDONLY|O_CLOEXEC) = 3
 * Arguments are decoded by the SYSCALL() row's format (letters in
 * syscall.h), plus these, documented here:
 *   a  *at() flags (AT_SYMLINK_NOFOLLOW|AT_EMPTY_PATH...)
 *   c  fcntl command (F_SETFD...)      i  ioctl request (TCGETS...)
 *   P  int[2] written by the call (pipe2), shown after it
 *   any other letter: hex.
 * An 'm' right after an 'o' (open's mode) is shown only with O_CREAT or
 * O_TMPFILE, as strace does. Guest memory is only read through the checked copies (never faults).
 * Calls that may not return (exit, exit_group, execve, execveat) are shown
 * when they start; if they return, a "<... name resumed>" line follows. */
#include "syscalls/strace.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/log.h"
#include "core/mem.h"
#include "sysnums.h"
#include "syscalls/abi_fs.h"

/* ---- a line under construction ---- */

struct sline {
    char b[1024];
    size_t n;
};

static void sl_put(struct sline *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sl_put(struct sline *l, const char *fmt, ...)
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

/* guest bytes as a C string literal, at most max shown */
static void sl_bytes(struct sline *l, const uint8_t *p, size_t n, size_t max, bool more)
{
    sl_put(l, "\"");
    size_t shown = n < max ? n : max;
    for (size_t k = 0; k < shown; k++) {
        uint8_t ch = p[k];
        switch (ch) {
        case '\n': sl_put(l, "\\n"); break;
        case '\t': sl_put(l, "\\t"); break;
        case '\r': sl_put(l, "\\r"); break;
        case '"': sl_put(l, "\\\""); break;
        case '\\': sl_put(l, "\\\\"); break;
        default:
            if (ch >= 32 && ch < 127)
                sl_put(l, "%c", ch);
            else
                sl_put(l, "\\%o", ch);
        }
    }
    sl_put(l, "\"%s", shown < n || more ? "..." : "");
}

static void sl_ptr(struct sline *l, uint64_t v)
{
    if (v)
        sl_put(l, "0x%llx", (unsigned long long)v);
    else
        sl_put(l, "NULL");
}

static void sl_str(struct sline *l, uint64_t ga)
{
    char buf[4096];
    long n = ga ? mem_strncpy_from_guest(buf, ga, sizeof buf) : -EFAULT;
    if (n < 0 && n != -ENAMETOOLONG) {
        sl_ptr(l, ga);
        return;
    }
    sl_bytes(l, (const uint8_t *)buf, n < 0 ? sizeof buf : (size_t)n, 256, n < 0);
}

static void sl_buf(struct sline *l, uint64_t ga, int64_t len)
{
    uint8_t buf[32];
    size_t n = len < 0 ? 0 : (size_t)len;
    size_t take = n < sizeof buf ? n : sizeof buf;
    if (!mem_copy_from_guest(buf, ga, take)) {
        sl_ptr(l, ga);
        return;
    }
    sl_bytes(l, buf, n, take, false);
}

/* flag names: value, name (a value of 0 names the empty set only when
 * nothing else is set) */
struct sflag {
    uint64_t v;
    const char *name;
};

static void sl_flags(struct sline *l, uint64_t v, const struct sflag *t, size_t nt)
{
    bool first = true;
    for (size_t k = 0; k < nt; k++) {
        if (t[k].v && (v & t[k].v) == t[k].v) {
            sl_put(l, "%s%s", first ? "" : "|", t[k].name);
            v &= ~t[k].v;
            first = false;
        }
    }
    if (v || first)
        sl_put(l, "%s%#llx", first ? "" : "|", (unsigned long long)v);
}

#define NFLAGS(t) (sizeof(t) / sizeof((t)[0]))

static const struct sflag strace_oflags[] = {
    {O_CREAT_A64, "O_CREAT"}, {O_EXCL_A64, "O_EXCL"}, {O_NOCTTY_A64, "O_NOCTTY"},
    {O_TRUNC_A64, "O_TRUNC"}, {O_APPEND_A64, "O_APPEND"}, {O_NONBLOCK_A64, "O_NONBLOCK"},
    {O__SYNC_A64 | O_DSYNC_A64, "O_SYNC"}, {O_DSYNC_A64, "O_DSYNC"}, {FASYNC_A64, "O_ASYNC"},
    {O__TMPFILE_A64 | O_DIRECTORY_A64, "O_TMPFILE"}, {O_DIRECTORY_A64, "O_DIRECTORY"},
    {O_NOFOLLOW_A64, "O_NOFOLLOW"}, {O_DIRECT_A64, "O_DIRECT"}, {O_LARGEFILE_A64, "O_LARGEFILE"},
    {O_NOATIME_A64, "O_NOATIME"}, {O_CLOEXEC_A64, "O_CLOEXEC"}, {O_PATH_A64, "O_PATH"},
};

static void sl_oflags(struct sline *l, uint64_t v)
{
    static const char *const acc[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
    sl_put(l, "%s", acc[v & 3]);
    v &= ~(uint64_t)3;
    if (v) {
        sl_put(l, "|");
        sl_flags(l, v, strace_oflags, NFLAGS(strace_oflags));
    }
}

static const struct sflag strace_atflags[] = {
    {AT_SYMLINK_NOFOLLOW_A64, "AT_SYMLINK_NOFOLLOW"}, {AT_REMOVEDIR_A64, "AT_REMOVEDIR"},
    {AT_SYMLINK_FOLLOW_A64, "AT_SYMLINK_FOLLOW"},     {AT_NO_AUTOMOUNT_A64, "AT_NO_AUTOMOUNT"},
    {AT_EMPTY_PATH_A64, "AT_EMPTY_PATH"},             {AT_RECURSIVE_A64, "AT_RECURSIVE"},
};

struct sname {
    uint64_t v;
    const char *name;
};

static const struct sname strace_fcntl[] = {
    {F_DUPFD_A64, "F_DUPFD"}, {F_GETFD_A64, "F_GETFD"}, {F_SETFD_A64, "F_SETFD"},
    {F_GETFL_A64, "F_GETFL"}, {F_SETFL_A64, "F_SETFL"}, {F_GETLK_A64, "F_GETLK"},
    {F_SETLK_A64, "F_SETLK"}, {F_SETLKW_A64, "F_SETLKW"}, {F_SETOWN_A64, "F_SETOWN"},
    {F_GETOWN_A64, "F_GETOWN"}, {F_SETSIG_A64, "F_SETSIG"}, {F_GETSIG_A64, "F_GETSIG"},
    {F_SETOWN_EX_A64, "F_SETOWN_EX"}, {F_GETOWN_EX_A64, "F_GETOWN_EX"},
    {F_OFD_GETLK_A64, "F_OFD_GETLK"}, {F_OFD_SETLK_A64, "F_OFD_SETLK"},
    {F_OFD_SETLKW_A64, "F_OFD_SETLKW"}, {F_SETLEASE_A64, "F_SETLEASE"},
    {F_GETLEASE_A64, "F_GETLEASE"}, {F_NOTIFY_A64, "F_NOTIFY"},
    {F_DUPFD_CLOEXEC_A64, "F_DUPFD_CLOEXEC"}, {F_SETPIPE_SZ_A64, "F_SETPIPE_SZ"},
    {F_GETPIPE_SZ_A64, "F_GETPIPE_SZ"}, {F_ADD_SEALS_A64, "F_ADD_SEALS"},
    {F_GET_SEALS_A64, "F_GET_SEALS"},
};

static const struct sname strace_ioctl[] = {
    {TCGETS_A64, "TCGETS"}, {TCSETS_A64, "TCSETS"}, {TCSETSW_A64, "TCSETSW"},
    {TCSETSF_A64, "TCSETSF"}, {TIOCGWINSZ_A64, "TIOCGWINSZ"}, {TIOCSWINSZ_A64, "TIOCSWINSZ"},
    {TIOCGPGRP_A64, "TIOCGPGRP"}, {TIOCSPGRP_A64, "TIOCSPGRP"}, {FIONREAD_A64, "FIONREAD"},
    {FIONBIO_A64, "FIONBIO"}, {TIOCSCTTY_A64, "TIOCSCTTY"}, {TIOCNOTTY_A64, "TIOCNOTTY"},
    {TIOCGSID_A64, "TIOCGSID"}, {TCGETS2_A64, "TCGETS2"}, {TCSETS2_A64, "TCSETS2"},
    {TIOCGPTN_A64, "TIOCGPTN"}, {TIOCSPTLCK_A64, "TIOCSPTLCK"}, {FIOCLEX_A64, "FIOCLEX"},
    {FIONCLEX_A64, "FIONCLEX"}, {TCFLSH_A64, "TCFLSH"}, {TCSBRK_A64, "TCSBRK"},
    {TCXONC_A64, "TCXONC"}, {TIOCOUTQ_A64, "TIOCOUTQ"}, {TIOCGPTPEER_A64, "TIOCGPTPEER"},
};

static void sl_name(struct sline *l, uint64_t v, const struct sname *t, size_t nt)
{
    for (size_t k = 0; k < nt; k++)
        if (t[k].v == v) {
            sl_put(l, "%s", t[k].name);
            return;
        }
    sl_put(l, "%#llx", (unsigned long long)v);
}

/* ---- one argument ---- */

static void sl_arg(struct sline *l, char f, const uint64_t a[6], int k, int64_t r, bool done)
{
    uint64_t v = a[k];
    switch (f) {
    case 'd':
        sl_put(l, "%lld", (long long)v);
        break;
    case 'u':
        sl_put(l, "%llu", (unsigned long long)v);
        break;
    case 'f':
        if ((int)v == AT_FDCWD_A64)
            sl_put(l, "AT_FDCWD");
        else
            sl_put(l, "%d", (int)v);
        break;
    case 'p':
        sl_ptr(l, v);
        break;
    case 's':
        sl_str(l, v);
        break;
    case 'o':
        sl_oflags(l, v);
        break;
    case 'm':
        sl_put(l, "%#llo", (unsigned long long)v);
        break;
    case 'a':
        sl_flags(l, v, strace_atflags, NFLAGS(strace_atflags));
        break;
    case 'c':
        sl_name(l, (uint32_t)v, strace_fcntl, NFLAGS(strace_fcntl));
        break;
    case 'i':
        sl_name(l, (uint32_t)v, strace_ioctl, NFLAGS(strace_ioctl));
        break;
    case 'b':
        sl_buf(l, v, k < 5 ? (int64_t)a[k + 1] : 0);
        break;
    case 'B':
        if (done && r >= 0)
            sl_buf(l, v, r);
        else
            sl_ptr(l, v);
        break;
    case 'P': {
        int32_t fds[2];
        if (done && r == 0 && mem_copy_from_guest(fds, v, sizeof fds))
            sl_put(l, "[%d, %d]", fds[0], fds[1]);
        else
            sl_ptr(l, v);
        break;
    }
    default:
        sl_put(l, "%#llx", (unsigned long long)v);
        break;
    }
}

static void sl_call(struct sline *l, const char *name, const char *fmt, const uint64_t a[6],
                    int64_t r, bool done)
{
    sl_put(l, "%s(", name);
    bool first = true;
    for (int k = 0; k < 6 && fmt[k]; k++) {
        if (fmt[k] == '-')
            continue;
        /* open's mode only means something with O_CREAT or O_TMPFILE */
        if (fmt[k] == 'm' && k > 0 && fmt[k - 1] == 'o' &&
            !(a[k - 1] & (O_CREAT_A64 | O__TMPFILE_A64)))
            continue;
        if (!first)
            sl_put(l, ", ");
        first = false;
        sl_arg(l, fmt[k], a, k, r, done);
    }
    sl_put(l, ")");
}

/* calls whose result is a guest address */
static bool strace_addr_result(const char *name)
{
    return !strcmp(name, "mmap") || !strcmp(name, "mremap") || !strcmp(name, "brk") ||
           !strcmp(name, "shmat");
}

static void sl_result(struct sline *l, int64_t r, bool addr)
{
    if (r < 0 && r > -4096) {
        int e = (int)-r;
        const char *en = strerrorname_np(e);
        if (en)
            sl_put(l, " = -1 %s (%s)", en, strerror(e));
        else
            sl_put(l, " = -1 errno %d", e);
    } else if (addr || (uint64_t)r >= 0x100000000ull) {
        sl_put(l, " = %#llx", (unsigned long long)r);
    } else {
        sl_put(l, " = %lld", (long long)r);
    }
}

static bool strace_noreturn(const char *name)
{
    return !strcmp(name, "exit") || !strcmp(name, "exit_group") || !strcmp(name, "execve") ||
           !strcmp(name, "execveat");
}

void strace_enter(struct cpu *c, const char *name, const char *fmt, const uint64_t a[6])
{
    if (!strace_noreturn(name))
        return;
    struct sline l = {.n = 0};
    sl_call(&l, name, fmt, a, 0, false);
    sl_put(&l, !strncmp(name, "exit", 4) ? " = ?" : " ...");
    log_printf("%s\n", l.b);
}

void strace_exit(struct cpu *c, const char *name, const char *fmt, const uint64_t a[6], int64_t r)
{
    struct sline l = {.n = 0};
    if (strace_noreturn(name))
        sl_put(&l, "<... %s resumed>", name);
    else
        sl_call(&l, name, fmt, a, r, true);
    sl_result(&l, r, strace_addr_result(name));
    log_printf("%s\n", l.b);
}

/* ---- unknown numbers ---- */

static const char *const strace_names[A64_NR_MAX] = {
#define X(name, a64, x64) [a64] = #name,
    SYSNUMS(X)
#undef X
};

static uint64_t strace_seen[(A64_NR_MAX + 63) / 64];

void strace_unknown(uint64_t nr)
{
    if (nr < A64_NR_MAX) {
        uint64_t bit = 1ull << (nr % 64);
        if (__atomic_fetch_or(&strace_seen[nr / 64], bit, __ATOMIC_RELAXED) & bit)
            return;
        if (strace_names[nr]) {
            log_printf("%s(...) = -1 ENOSYS (unimplemented system call %llu)\n", strace_names[nr],
                       (unsigned long long)nr);
            return;
        }
    }
    log_printf("syscall_%llu(...) = -1 ENOSYS (unknown system call)\n", (unsigned long long)nr);
}

/* Diagnostics output. Debug output goes to the -D stream (or stderr);
 * "pvm: " lines go to the user's stderr, which is pvm's hidden copy of its
 * original stderr when there is one (the guest may have closed or replaced
 * fd 2), else fd 2, and with -D to the log too. Writes are whole lines so
 * interleaving processes stay readable. Escaping rule (log_escape): printable
 * ASCII but '\\' as is, any other byte \xNN.
 * Threads: no buffer is shared. log_printf formats into its own frame (or
 * a malloc'd block for a long line) and every line leaves with one write(2)
 * on the stream's descriptor, so lines of several threads (and processes)
 * never mix inside a line; stdio's buffer and lock are not used for a real
 * file (nothing writes through the FILE), so a raw-clone child cannot find
 * them held by a thread it does not have. log_str's slots are per thread.
 * There is no lock of the log's own to keep across a fork. */
#include "core/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

unsigned log_mask;
FILE *log_stream;

/* pvm's copy of its original stderr, or -1 (core/log.h) */
static int log_stderr_fd = -1;

void log_set_stderr_copy(int fd) { log_stderr_fd = fd; }

void log_printf(const char *fmt, ...)
{
    char small[1024];
    va_list ap, again;
    va_start(ap, fmt);
    va_copy(again, ap);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) {
        va_end(again);
        return;
    }
    char *line = small;
    if ((size_t)n >= sizeof small) {
        line = malloc((size_t)n + 1);
        if (line)
            vsnprintf(line, (size_t)n + 1, fmt, again);
        else
            line = small, n = sizeof small - 1; /* the start, rather than nothing */
    }
    va_end(again);
    log_write(line, (size_t)n);
    if (line != small)
        free(line);
}

/* all of s[0..n) to fd, retrying after signals; errors are dropped (there
 * is nowhere left to report them) */
static void log_put(int fd, const char *s, size_t n)
{
    int saved = errno;
    while (n) {
        ssize_t k = write(fd, s, n);
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            break;
        s += k;
        n -= (size_t)k;
    }
    errno = saved;
}

void log_write(const char *s, size_t n)
{
    FILE *f = log_stream ? log_stream : stderr;
    int fd = fileno(f);
    if (fd < 0) { /* a memory stream (unit tests): one locked fwrite */
        fwrite(s, 1, n, f);
        return;
    }
    log_put(fd, s, n);
}

/* ---- escaping ---- */

static inline bool log_plain(unsigned char c, bool all)
{
    if (!all)
        return c >= 0x20 && c != 0x7f; /* the safety net: control bytes only */
    return c >= 0x20 && c <= 0x7e && c != '\\';
}

static size_t log_escape_mode(char *out, size_t cap, const char *s, bool all)
{
    static const char hex[] = "0123456789abcdef";
    if (!s)
        s = "(null)";
    const unsigned char *p = (const unsigned char *)s;
    size_t whole = 0;
    for (size_t k = 0; p[k]; k++)
        whole += log_plain(p[k], all) ? 1 : 4;
    /* when it does not fit, whole units only and room for "..." */
    size_t limit = whole < cap ? cap : cap - 3;
    size_t o = 0;
    for (; *p; p++) {
        size_t need = log_plain(*p, all) ? 1 : 4;
        if (o + need >= limit)
            break;
        if (need == 1) {
            out[o++] = (char)*p;
        } else {
            out[o++] = '\\', out[o++] = 'x';
            out[o++] = hex[*p >> 4], out[o++] = hex[*p & 15];
        }
    }
    if (whole >= cap)
        out[o++] = '.', out[o++] = '.', out[o++] = '.';
    out[o] = 0;
    return o;
}

size_t log_escape(char *out, size_t cap, const char *s) { return log_escape_mode(out, cap, s, true); }

const char *log_str(const char *s)
{
    static __thread char slot[LOG_STR_SLOTS][LOG_STR_CAP];
    static __thread unsigned next;
    char *b = slot[next++ % LOG_STR_SLOTS];
    log_escape(b, LOG_STR_CAP, s);
    return b;
}

/* ---- "pvm: " lines ---- */

static bool log_same_file(int a, int b)
{
    struct stat x, y;
    return fstat(a, &x) == 0 && fstat(b, &y) == 0 && x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

/* the line to the user's stderr and the -D log, once per file; flush: not
 * in a signal handler (a memory stream, which takes stdio's lock, is
 * written then only) */
static void log_emit(const char *line, size_t n, bool flush)
{
    int user = log_stderr_fd >= 0 ? log_stderr_fd : 2;
    log_put(user, line, n);
    if (!log_stream)
        return;
    int lfd = fileno(log_stream);
    if (lfd < 0) { /* a memory stream (unit tests) */
        if (flush)
            fwrite(line, 1, n, log_stream);
        return;
    }
    if (lfd != user && !log_same_file(user, lfd))
        log_put(lfd, line, n);
}

void log_error_raw(const char *line, size_t n) { log_emit(line, n, false); }

static void verror(const char *fmt, va_list ap)
{
    char msg[2 * LOG_STR_CAP + 512], line[sizeof msg + 8];
    vsnprintf(msg, sizeof msg, fmt, ap);
    size_t n = 5;
    memcpy(line, "pvm: ", n);
    n += log_escape_mode(line + n, sizeof line - n - 1, msg, false);
    line[n++] = '\n';
    log_emit(line, n, true);
}

void log_error(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap);
    va_end(ap);
}

void log_fatal(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    verror(fmt, ap);
    va_end(ap);
    exit(1);
}

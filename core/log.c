/* Diagnostics output. Error lines always go to stderr; debug output to the
 * -D stream. Writes are whole lines so interleaving processes stay readable. */
#include "core/log.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <unistd.h>

unsigned log_mask;
FILE *log_stream;

void log_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(log_stream ? log_stream : stderr, fmt, ap);
    va_end(ap);
}

void log_write(const char *s, size_t n)
{
    FILE *f = log_stream ? log_stream : stderr;
    int fd = fileno(f);
    if (fd < 0) { /* a memory stream (unit tests) */
        fwrite(s, 1, n, f);
        return;
    }
    int saved = errno;
    fflush(f);
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

static void verror(const char *fmt, va_list ap)
{
    char buf[1024];
    vsnprintf(buf, sizeof buf, fmt, ap);
    fprintf(stderr, "pvm: %s\n", buf);
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

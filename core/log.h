/* Diagnostics: user-facing one-line errors ("pvm: what: why"), the -d debug
 * areas (cheap flag tests when off) and the -D log stream. */
#ifndef PVM_CORE_LOG_H
#define PVM_CORE_LOG_H

#include <stdio.h>

/* -d areas: one list, several views (option parsing, help text). */
#define DEBUG_AREAS(X)                                                \
    X(in_asm, "guest instructions of each block as it is decoded")   \
    X(exec, "each block executed, each exec'd program, counts per instruction at exit") \
    X(strace, "one line per guest system call (same as --strace)")  \
    X(mmap, "guest memory map changes")                             \
    X(unimp, "unimplemented system calls and encodings")

enum {
#define X(name, help) DBG_BIT_##name,
    DEBUG_AREAS(X)
#undef X
};
enum {
#define X(name, help) DBG_##name = 1u << DBG_BIT_##name,
    DEBUG_AREAS(X)
#undef X
};

extern unsigned log_mask;   /* enabled -d areas */
extern FILE *log_stream;    /* -D file or stderr */

static inline int log_on(unsigned area) { return (log_mask & area) != 0; }

void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* n bytes (whole lines) to the debug stream with a single write(2) after
 * flushing what log_printf buffered, so lines from several processes sharing
 * the log (appended, or a pipe, up to PIPE_BUF) never interleave */
void log_write(const char *s, size_t n);
/* "pvm: <message>" on stderr */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "pvm: <message>" then exit(1): pvm's own failures */
_Noreturn void log_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define PVM_ASSERT(cond, ...)                                                       \
    do {                                                                            \
        if (__builtin_expect(!(cond), 0))                                           \
            log_fatal("internal error at %s:%d: " __VA_ARGS__, __FILE__, __LINE__); \
    } while (0)

#endif

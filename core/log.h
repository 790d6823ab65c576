/* Diagnostics: user-facing one-line errors ("pvm: what: why"), the -d debug
 * areas (cheap flag tests when off) and the -D log stream.
 *
 * Invariants:
 * - a "pvm: " message is exactly one line: text the guest (or a file it
 *   names) controls is passed through log_str, which shows every byte that
 *   is not printable ASCII, and the backslash itself, as \xNN; log_error
 *   also shows any control byte a caller let through as \xNN.
 * - where a message goes (docs/usage.md "Messages"): to the hidden copy of
 *   pvm's original stderr when sysinit kept one (a terminal or a regular
 *   file), else to fd 2; and with -D to the log as well; one write(2) per
 *   destination, and never twice to the same file (device and inode). */
#ifndef PVM_CORE_LOG_H
#define PVM_CORE_LOG_H

#include <stddef.h>
#include <stdio.h>

/* -d areas: one list, several views (option parsing, help text). */
#define DEBUG_AREAS(X)                                                \
    X(in_asm, "guest instructions of each block as it is decoded")   \
    X(out_asm, "host code of each translation, beside its guest instructions") \
    X(jit, "translator events: translations, links, flushes, lockstep results") \
    X(exec, "each block executed, each exec'd program and how pvm re-executed itself, counts per instruction at exit, and the profile line below") \
    X(profile, "one exec-profile: line per process at its end: times (start-up, decoding, system calls), counts, block histogram") \
    X(strace, "one line per guest system call (same as --strace)")  \
    X(mmap, "guest memory map changes")                             \
    X(unimp, "unimplemented system calls and encodings")             \
    X(signal, "guest signal deliveries, faults and returns")        \
    X(proc, "what the host shows of the process (ps, /proc/PID/cmdline, exe) where pvm could not make it the guest's")

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
extern FILE *log_stream;    /* -D file, or NULL: debug output to stderr */

static inline int log_on(unsigned area) { return (log_mask & area) != 0; }
/* the areas that keep execution statistics (engine/stats.h): one test */
enum { DBG_STATS = DBG_exec | DBG_profile };

/* one whole line (or lines) to the debug stream: formatted per call, then
 * log_write; safe from any thread */
void log_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* n bytes (whole lines) to the debug stream with a single write(2), so
 * lines from several threads, or processes sharing the log (appended, or a
 * pipe, up to PIPE_BUF), never interleave inside a line */
void log_write(const char *s, size_t n);
/* "pvm: <message>" to the user's stderr (above) and the -D log */
void log_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* "pvm: <message>" then exit(1): pvm's own failures */
_Noreturn void log_fatal(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* A ready-made line ("pvm: ...\n", n bytes) to the same places as log_error,
 * with write(2) and fstat(2) only: safe in a signal handler. */
void log_error_raw(const char *line, size_t n);

/* ---- guest-controlled text in pvm's messages ---- */

/* bytes of one log_str result, NUL included */
#define LOG_STR_CAP 4096
/* log_str results usable at once (one message's arguments) */
#define LOG_STR_SLOTS 4

/* Writes s into out (cap >= 8 bytes) with every byte outside 0x20..0x7e, and
 * '\\', as \xNN (two lowercase hex digits), so the result is one line of
 * printable ASCII and maps back to s unambiguously. When it does not fit,
 * it is cut before a whole escape and ends with "...". s NULL is "(null)".
 * Returns the length written (without the NUL). */
size_t log_escape(char *out, size_t cap, const char *s);
/* log_escape into one of LOG_STR_SLOTS per-thread buffers used in turn, for
 * printf arguments: log_error("%s: ...", log_str(path)) */
const char *log_str(const char *s);

/* ---- pvm's copy of its original stderr ---- */

/* fd: a close-on-exec descriptor in pvm's reserved range duplicating the
 * stderr pvm started with (syscalls/sysinit.c decides), or -1 for none:
 * messages then go to fd 2, whatever the guest made of it */
void log_set_stderr_copy(int fd);

#define PVM_ASSERT(cond, ...)                                                       \
    do {                                                                            \
        if (__builtin_expect(!(cond), 0))                                           \
            log_fatal("internal error at %s:%d: " __VA_ARGS__, __FILE__, __LINE__); \
    } while (0)

#endif

/* --strace: one line per guest system call, "name(args) = result", with the
 * arguments decoded per the SYSCALL() row's format (see syscall.h and
 * strace.c). Calls whose row is marked '~' (may block) get a line when they
 * start and a "<... name resumed>" line when they return; exit and
 * exit_group are printed before they run. Signals taken and a death by a
 * signal get strace's "--- SIG... {...} ---" and "+++ killed by ... +++"
 * lines. After the first fork, or once the process has more than one
 * guest thread, every line carries "[pid TID] " with the calling thread's
 * tid. Lines are built in the caller's own buffers and written whole
 * (log_write), so threads' lines never mix. */
#ifndef PVM_SYSCALLS_STRACE_H
#define PVM_SYSCALLS_STRACE_H
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include "core/cpu.h"
#include "syscalls/strace_line.h"

/* The variable through which a pvm that has forked tells the pvm its guest
 * execs to prefix pids too; never seen by the guest (strace_init). */
#define STRACE_PIDS_ENV "PVM_STRACE_PIDS"

/* one call in progress: the entry part of its line, built at entry */
struct strace_call {
    const char *name, *fmt; /* fmt without the '~' mark */
    uint64_t a[6];
    int next;        /* first argument not yet formatted */
    bool shown;      /* an argument is on the line (the next needs ", ") */
    bool blocking;   /* the row is marked '~', or a vfork */
    bool unfinished; /* the entry line has been written */
    struct sline line;
};

void strace_call_enter(struct cpu *c, struct strace_call *sc, const char *name, const char *fmt,
                       const uint64_t a[6]);
void strace_call_exit(struct cpu *c, struct strace_call *sc, int64_t r);
/* one whole line for a call that has returned (entry and exit together) */
void strace_exit(struct cpu *c, const char *name, const char *fmt, const uint64_t a[6], int64_t r);
/* an unknown syscall: reported once per number */
void strace_unknown(struct cpu *c, uint64_t nr);

/* ---- signals (strace_sig.c); callers check log_on(DBG_strace) ---- */

/* A signal the guest takes, as strace shows it:
 *     --- SIGINT {si_signo=SIGINT, si_code=SI_USER, si_pid=1234, si_uid=1000} ---
 * si is the guest's siginfo (si_addr already a guest address). */
void strace_signal(const siginfo_t *si);
/* The guest was killed by sig: "+++ killed by SIGSEGV +++", with
 * "(core dumped) " before the +++ when core. */
void strace_killed(int sig, bool core);

/* Called before every fork/clone/vfork: from then on (in both processes)
 * lines carry "[pid TID] ". */
void strace_note_fork(void);
/* whether lines carry pids (an exec'd guest pvm is told through
 * STRACE_PIDS_ENV): after a fork, or with more than one live thread */
bool strace_pid_prefix(void);
/* At start-up: takes STRACE_PIDS_ENV out of the guest environment envp (a
 * NULL-terminated list, edited in place); pids are shown iff it was set. */
void strace_init(char **envp);
#endif

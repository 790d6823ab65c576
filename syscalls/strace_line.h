/* Internal to the strace module (syscalls/strace.c, strace_sym.c, strace_sig.c):
 * a line under construction and the symbolic decoders of argument kinds.
 * Invariants: a line never overflows (text past the end is cut, the buffer
 * stays NUL-terminated); decoders read guest memory only through the checked
 * copies of core/mem.h, so a bad guest pointer prints as its address, never
 * faults; each decoder prints exactly one argument (or one result suffix). */
#ifndef PVM_SYSCALLS_STRACE_LINE_H
#define PVM_SYSCALLS_STRACE_LINE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* one log line, pid prefix included: small enough for one atomic write */
struct sline {
    char b[4096];
    size_t n;
};

void strace_put(struct sline *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* a guest pointer: 0x... or NULL */
void strace_put_ptr(struct sline *l, uint64_t v);

/* flag names: each v with its name, matched in table order (multi-bit values
 * first where they overlap); leftover bits in hex, 0 alone as "0" */
struct sflag {
    uint64_t v;
    const char *name;
};
void strace_put_flags(struct sline *l, uint64_t v, const struct sflag *t, size_t nt);
/* one of a set of values by name, else the number in hex */
void strace_put_name(struct sline *l, uint64_t v, const struct sflag *t, size_t nt);

#define STRACE_N(t) (sizeof(t) / sizeof((t)[0]))

/* ---- decoders (strace_sym.c), one per format letter ---- */

void strace_sym_oflags(struct sline *l, uint64_t v);       /* o */
void strace_sym_oflags_noacc(struct sline *l, uint64_t v); /* F */
void strace_sym_atflags(struct sline *l, uint64_t v);      /* a */
void strace_sym_access(struct sline *l, uint64_t v);       /* n */
void strace_sym_clock(struct sline *l, uint64_t v);        /* q */
void strace_sym_timespec(struct sline *l, uint64_t ga);    /* t, Z */
void strace_sym_fcntl_cmd(struct sline *l, uint64_t v);    /* c */
void strace_sym_fcntl_arg(struct sline *l, uint64_t cmd, uint64_t v); /* G */
bool strace_sym_fcntl_has_arg(uint64_t cmd);
/* F_GETFD/F_GETFL results: " (flags ...)" after the number */
void strace_sym_fcntl_result(struct sline *l, uint64_t cmd, int64_t r);
void strace_sym_ioctl(struct sline *l, uint64_t v);        /* i */
void strace_sym_prot(struct sline *l, uint64_t v);         /* r */
void strace_sym_mmap_flags(struct sline *l, uint64_t v);   /* M */
void strace_sym_mremap_flags(struct sline *l, uint64_t v); /* R */
void strace_sym_signal(struct sline *l, uint64_t v);       /* S */
void strace_sym_sigset(struct sline *l, uint64_t ga);      /* k, K */
void strace_sym_sigaction(struct sline *l, uint64_t ga);   /* A, O */
void strace_sym_sighow(struct sline *l, uint64_t v);       /* h */
/* clone(flags, newsp, parent_tid, tls, child_tid) in strace's order */
void strace_sym_clone(struct sline *l, const uint64_t a[6]); /* C */
void strace_sym_clone3(struct sline *l, uint64_t ga);        /* L */
void strace_sym_futex_op(struct sline *l, uint64_t v);     /* U */
bool strace_sym_futex_waits(uint64_t op);
bool strace_sym_futex_shows(uint64_t op, int k);
void strace_sym_futex_arg3(struct sline *l, uint64_t op, uint64_t v); /* Q */
void strace_sym_futex_val3(struct sline *l, uint64_t op, uint64_t v); /* V */
void strace_sym_futex_waitv(struct sline *l, uint64_t ga, uint64_t n); /* g */
void strace_sym_domain(struct sline *l, uint64_t v);       /* D */
void strace_sym_socktype(struct sline *l, uint64_t v);     /* T */
void strace_sym_sockflags(struct sline *l, uint64_t v);    /* N */
void strace_sym_protocol(struct sline *l, uint64_t domain, uint64_t v); /* I */
void strace_sym_wait_options(struct sline *l, uint64_t v); /* w */
void strace_sym_wait_status(struct sline *l, uint64_t ga); /* W */
void strace_sym_idtype(struct sline *l, uint64_t v);       /* Y */
void strace_sym_pidfd_flags(struct sline *l, uint64_t v);  /* ^ */
void strace_sym_pidfd_signal_flags(struct sline *l, uint64_t v); /* | */

/* ---- System V IPC and POSIX message queues (strace_ipc.c) ---- */

void strace_sym_ipc_key(struct sline *l, uint64_t v);                         /* H */
void strace_sym_ipcget_flags(struct sline *l, const char *call, uint64_t v);  /* J */
void strace_sym_shmat_flags(struct sline *l, uint64_t v);                    /* z */
void strace_sym_ipc_cmd(struct sline *l, const char *call, uint64_t v);       /* @ */
void strace_sym_sembuf(struct sline *l, uint64_t ga, uint64_t n);            /* & */
void strace_sym_msgbuf(struct sline *l, uint64_t ga, int64_t n);             /* + = */
void strace_sym_msg_flags(struct sline *l, uint64_t v);                      /* * */
void strace_sym_mq_attr(struct sline *l, uint64_t ga);                       /* < > */
void strace_sym_sigevent(struct sline *l, uint64_t ga);                      /* $ */

/* ---- signal decoders (strace_sig.c) ---- */

/* a siginfo as strace prints it: {si_signo=..., si_code=..., ...} */
void strace_put_siginfo(struct sline *l, const siginfo_t *si);
void strace_sym_siginfo(struct sline *l, uint64_t ga);     /* X, ! */
void strace_sym_sfd_flags(struct sline *l, uint64_t v);    /* E */

#endif

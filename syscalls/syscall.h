/* The guest system-call layer: dispatch by guest (arm64) number through the
 * table built from syscalls/syscalls.def, argument conversion, strace.
 * Handlers take the six raw argument registers and return the guest result:
 * a value, or -errno (arm64 and x86-64 share the asm-generic errno values).
 * Every guest pointer is range-checked with core/mem.h before the host kernel
 * sees it; unknown guest flag bits give -EINVAL, never pass through. */
#ifndef PVM_SYSCALLS_SYSCALL_H
#define PVM_SYSCALLS_SYSCALL_H

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include "core/cpu.h"
#include "core/mem.h"
#include "signals/safe_syscall.h"
#include "signals/signal.h"

typedef int64_t (*sys_handler)(struct cpu *c, const uint64_t a[6]);

/* strace argument kinds, one character per argument in a SYSCALL() row
 * (decoders in syscalls/strace.c and strace_sym.c):
 *   d  int (32 bits)        l  signed long         u  unsigned long       x  hex
 *   p  guest pointer (hex)  s  guest C string      f  fd (AT_FDCWD shown)
 *   o  open flags           F  O_* flags without access mode (pipe2, dup3)
 *   m  mode (octal; after 'o' only with O_CREAT/O_TMPFILE)
 *   a  *at() flags          c  fcntl command       G  fcntl argument (by the command)
 *   i  ioctl request        b  buffer (len = next arg)
 *   r  PROT_*               M  MAP_* (type|flags)  R  MREMAP_* (a 'p' after it: only with MREMAP_FIXED)
 *   S  signal (SIGINT, 0)   h  SIG_BLOCK...        k  sigset read by the call
 *   j  rt_sigreturn's frame mask ({mask=[...]}: the dispatcher passes its address)
 *   A  struct sigaction read by the call           C  clone's five arguments, strace's order
 *   L  clone3 struct clone_args                    Y  waitid idtype (P_PID...)
 *   D  socket domain (AF_*) T  socket type|flags   I  protocol (by the domain in arg 0)
 *   N  SOCK_CLOEXEC|SOCK_NONBLOCK (accept4)       n  access mode (F_OK, R_OK|W_OK)
 *   q  clock id (CLOCK_MONOTONIC...)               t  struct timespec read by the call
 *   w  wait options (WNOHANG|__WALL...)            -  not shown
 *   U  futex op (FUTEX_WAIT_PRIVATE...)  Q  futex timeout/val2  V  futex val3
 *   y  unsigned 32 bits (in futex's row, its val; there y, Q, V and the 'p'
 *      after them are shown per op, as strace shows futex)
 *   g  futex_waitv's array (count = next arg)
 *   v  string array (["a", "b"])                   e  environment (its address, then N vars in a comment)
 *   X  siginfo_t read by the call                  E  SFD_CLOEXEC|SFD_NONBLOCK (signalfd4)
 *   H  IPC key (IPC_PRIVATE)   J  *get flags and mode (IPC_CREAT|0600; by the call)
 *   z  shmat flags (SHM_RDONLY...)                 @  *ctl command (IPC_STAT...; by the call)
 *   &  semop's struct sembuf array (count = next arg)
 *   +  msgsnd's {mtype, "text"} (text length = next arg)
 *   *  msgsnd/msgrcv flags (IPC_NOWAIT|MSG_NOERROR...)
 *   <  struct mq_attr read by the call (mq_open's only with O_CREAT)
 *   $  struct sigevent read by the call (mq_notify)
 *   ^  pidfd_open flags (PIDFD_NONBLOCK...)        |  pidfd_send_signal flags
 * written by the call, shown after it returns (the rest of the line too):
 *   B  buffer (len = result)  P  int[2] (pipe2, socketpair)  K  sigset
 *   O  struct sigaction       W  wait status ([{WIFEXITED(s) && WEXITSTATUS(s) == 0}])
 *   Z  struct timespec        =  msgrcv's {mtype, "text"} (text length = result)
 *   >  struct mq_attr         !  waitid's siginfo ({si_signo=SIGCHLD, ...}, {} for none)
 * A leading '~' marks a call that may block or not return (calls that block
 * only for some arguments, a vfork, a futex wait, F_SETLKW, are recognised
 * in strace.c instead): under --strace
 * it is shown when it starts ("read(0,  <unfinished ...>") and again when it
 * returns ("<... read resumed>"x", 16) = 1"). The result is shown as a
 * number (hex for addresses), or -1 ERRNO (strerror) on failure. */

#define SYSCALL(name, fmt) int64_t sys_##name(struct cpu *c, const uint64_t a[6]);
#include "syscalls/syscalls.def"
#undef SYSCALL

/* Executes the system call in c->x[8] with arguments x0..x5, writing the
 * result to x0 (c->sig.orig_x0 keeps x0 for a restart). Returns only if the
 * guest continues. An interrupted call leaves a kernel restart code
 * (signals/safe_syscall.h) in x0 for signal delivery. */
void syscall_dispatch(struct cpu *c);

/* The restart code of guest call nr (arguments a) interrupted by a guest
 * signal: its class in syscalls/restart.def, -ERESTARTSYS_K by default. */
int64_t syscall_restart_code(uint64_t nr, const uint64_t a[6]);

/* The optional sigmask argument of ppoll, pselect6 and epoll_pwait(2): the
 * guest's 8-byte mask at ga (size must be 8). The call waits with it as the
 * guest's temporary mask (signals/signal.h): sys_sigmask_begin right before
 * the host call, which gets sm->host as its own mask, sys_sigmask_end right
 * after. begin is false when a signal is already taken: the call must not
 * start (-ERESTARTNOINTR_K, as the safe stub would answer), so the mask the
 * signal's frame records is the one the guest had before the call. */
struct sys_sigmask {
    bool given;    /* a mask was passed (else the calls use none) */
    uint64_t guest;
    uint64_t host; /* what the host call installs (pvm's fault signals never blocked) */
};

static inline int64_t sys_guest_sigmask(uint64_t ga, uint64_t size, struct sys_sigmask *sm)
{
    sm->given = false;
    if (!ga)
        return 0;
    if (size != 8)
        return -EINVAL;
    if (!mem_copy_from_guest(&sm->guest, ga, 8))
        return -EFAULT;
    sm->given = true;
    sm->host = xlat_sigset_to_host(sm->guest);
    return 0;
}

static inline bool sys_sigmask_begin(struct cpu *c, const struct sys_sigmask *sm)
{
    if (!sm->given)
        return true;
    if (c->sig.taken)
        return false;
    sig_temp_mask_begin(c, sm->guest);
    return true;
}

static inline void sys_sigmask_end(struct cpu *c, const struct sys_sigmask *sm)
{
    if (sm->given)
        sig_temp_mask_end(c);
}

/* r, a host call's result, is an interruption for a guest signal: the
 * kernel answers a restart code only with a signal pending, and
 * c->sig.taken is pvm's signal_pending() (a host -EINTR without one, such
 * as epoll_wait's after a stop and SIGCONT, is the guest's EINTR too) */
static inline bool sys_interrupted(const struct cpu *c, int64_t r)
{
    return r == -EINTR && c->sig.taken;
}

/* The engine's thread start for clone of a thread (set by the engine: the
 * syscall layer never calls up into it): the new thread's tid or -errno. */
extern int64_t (*proc_thread_create)(struct cpu *c, const uint64_t a[6]);
/* The engine's run loop for a vfork child, which runs the guest on its own
 * host stack until it execs or exits (set by the engine). */
extern void (*proc_child_run)(struct cpu *c);

/* run by execve just before the host call (the engine's -d exec
 * statistics of the image being replaced; set by the engine) */
extern void (*proc_exec_hook)(void);

/* host return value (-1/errno convention) to guest result */
static inline int64_t sys_ret(long r) { return r == -1 ? -(int64_t)errno : r; }

#endif

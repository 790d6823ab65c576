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
#include <stdint.h>
#include "core/cpu.h"
#include "core/mem.h"

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
 *   A  struct sigaction read by the call           C  clone's five arguments, strace's order
 *   L  clone3 struct clone_args                    Y  waitid idtype (P_PID...)
 *   D  socket domain (AF_*) T  socket type|flags   I  protocol (by the domain in arg 0)
 *   N  SOCK_CLOEXEC|SOCK_NONBLOCK (accept4)       n  access mode (F_OK, R_OK|W_OK)
 *   q  clock id (CLOCK_MONOTONIC...)               t  struct timespec read by the call
 *   w  wait options (WNOHANG|__WALL...)            -  not shown
 *   U  futex op (FUTEX_WAIT_PRIVATE...)  Q  futex timeout/val2  V  futex val3 (shown per op)
 *   v  string array (["a", "b"])                   e  environment (its address, then N vars in a comment)
 *   X  siginfo_t read by the call                  E  SFD_CLOEXEC|SFD_NONBLOCK (signalfd4)
 * written by the call, shown after it returns (the rest of the line too):
 *   B  buffer (len = result)  P  int[2] (pipe2, socketpair)  K  sigset
 *   O  struct sigaction       W  wait status ([{WIFEXITED(s) && WEXITSTATUS(s) == 0}])
 *   Z  struct timespec
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
 * result to x0. Returns only if the guest continues. */
void syscall_dispatch(struct cpu *c);

/* The optional sigmask argument of ppoll, pselect6 and epoll_pwait(2): the
 * guest's 8-byte mask at ga (size must be 8) with SIGSEGV and SIGBUS never
 * blocked (pvm's fault signals). *ptr is NULL when ga is 0, else out. */
static inline int64_t sys_guest_sigmask(uint64_t ga, uint64_t size, uint64_t *out, uint64_t **ptr)
{
    *ptr = NULL;
    if (!ga)
        return 0;
    if (size != 8)
        return -EINVAL;
    if (!mem_copy_from_guest(out, ga, 8))
        return -EFAULT;
    *out &= ~((1ull << (SIGSEGV - 1)) | (1ull << (SIGBUS - 1)));
    *ptr = out;
    return 0;
}

/* host return value (-1/errno convention) to guest result */
static inline int64_t sys_ret(long r) { return r == -1 ? -(int64_t)errno : r; }

#endif

/* Shared helpers of the wait, pidfd, prctl and SIGCHLD programs of the
 * process suite: the pidfd calls as raw system calls (the cross libc's
 * headers predate some of them), a one-byte pipe handshake between a parent
 * and a child, and clone/clone3 stubs whose child exits at once in
 * assembly (a child that shares the caller's stack, CLONE_VM|CLONE_VFORK,
 * must not run compiled code on it). Programs build for AArch64 and, to
 * check them on the host kernel, for x86-64. */
#ifndef PIDFDTEST_H
#define PIDFDTEST_H

#include "../threads/thrtest.h"

#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <stdbool.h>
#include <sys/resource.h>

#ifndef P_PIDFD
#define P_PIDFD 3
#endif
#ifndef PIDFD_NONBLOCK
#define PIDFD_NONBLOCK O_NONBLOCK
#endif
#ifndef PIDFD_THREAD
#define PIDFD_THREAD O_EXCL
#endif
#ifndef CLONE_PIDFD
#define CLONE_PIDFD 0x00001000
#endif
#ifndef CLONE_DETACHED
#define CLONE_DETACHED 0x00400000
#endif
#ifndef __NR_pidfd_open
#define __NR_pidfd_open 434
#endif
#ifndef __NR_pidfd_send_signal
#define __NR_pidfd_send_signal 424
#endif
#ifndef __NR_pidfd_getfd
#define __NR_pidfd_getfd 438
#endif
#ifndef __NR_clone3
#define __NR_clone3 435
#endif
#define T_PIDFD_SIGNAL_THREAD 1u
#define T_PIDFD_SIGNAL_THREAD_GROUP 2u
#define T_PIDFD_SIGNAL_PROCESS_GROUP 4u

/* struct clone_args, version 0 (the cross headers may not have it) */
struct t_clone_args {
    uint64_t flags, pidfd, child_tid, parent_tid, exit_signal, stack, stack_size, tls;
};

static inline int t_pidfd_open(pid_t pid, unsigned flags)
{
    return (int)syscall(__NR_pidfd_open, pid, flags);
}

static inline int t_pidfd_send_signal(int pidfd, int sig, siginfo_t *info, unsigned flags)
{
    return (int)syscall(__NR_pidfd_send_signal, pidfd, sig, info, flags);
}

static inline int t_pidfd_getfd(int pidfd, int fd, unsigned flags)
{
    return (int)syscall(__NR_pidfd_getfd, pidfd, fd, flags);
}

/* raw waitid: the kernel's return (0 or -1 with errno), with a rusage */
static inline int t_waitid(int idtype, int id, siginfo_t *si, int options, struct rusage *ru)
{
    return (int)syscall(SYS_waitid, idtype, id, si, options, ru);
}

/* the first number past the guest's descriptors: where pvm's hidden ones
 * start (a number the kernel never hands out below the soft limit) */
static inline int t_nofile(void)
{
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    return rl.rlim_cur > 1 << 20 ? 1 << 20 : (int)rl.rlim_cur;
}

/* ---- a pipe handshake: one side writes a byte, the other waits for it ---- */

struct t_sync {
    int fd[2];
};

static inline int t_sync_init(struct t_sync *s) { return pipe2(s->fd, O_CLOEXEC); }

static inline void t_sync_post(struct t_sync *s, char ch)
{
    ssize_t w = write(s->fd[1], &ch, 1);
    (void)w;
}

/* the byte that came, or 0 after seconds (or at end of file) */
static inline char t_sync_wait(struct t_sync *s, int seconds)
{
    struct pollfd p = {s->fd[0], POLLIN, 0};
    char ch = 0;
    if (poll(&p, 1, seconds * 1000) == 1 && read(s->fd[0], &ch, 1) == 1)
        return ch;
    return 0;
}

static inline void t_sync_close(struct t_sync *s)
{
    close(s->fd[0]);
    close(s->fd[1]);
}

/* ---- clone stubs: the parent gets the raw result (a pid or -errno), the
 * child exits with status code before running any compiled code ---- */

#if defined(__aarch64__)
static inline long t_clone3_exit(struct t_clone_args *ca, size_t size, int code)
{
    register long x0 __asm__("x0") = (long)ca;
    register long x1 __asm__("x1") = (long)size;
    register long x2 __asm__("x2") = code;
    register long x8 __asm__("x8") = __NR_clone3;
    __asm__ volatile("svc #0\n\t"
                     "cbnz x0, 1f\n\t"
                     "mov x0, x2\n\t"
                     "mov x8, #93\n\t" /* exit */
                     "svc #0\n"
                     "1:"
                     : "+r"(x0)
                     : "r"(x1), "r"(x2), "r"(x8)
                     : "memory");
    return x0;
}

/* clone(flags, newsp, parent_tid, tls, child_tid): arm64's order */
static inline long t_clone_exit(unsigned long flags, int *parent_tid, int code)
{
    register long x0 __asm__("x0") = (long)flags;
    register long x1 __asm__("x1") = 0;
    register long x2 __asm__("x2") = (long)parent_tid;
    register long x3 __asm__("x3") = 0;
    register long x4 __asm__("x4") = 0;
    register long x5 __asm__("x5") = code;
    register long x8 __asm__("x8") = SYS_clone;
    __asm__ volatile("svc #0\n\t"
                     "cbnz x0, 1f\n\t"
                     "mov x0, x5\n\t"
                     "mov x8, #93\n\t"
                     "svc #0\n"
                     "1:"
                     : "+r"(x0)
                     : "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5), "r"(x8)
                     : "memory");
    return x0;
}
#elif defined(__x86_64__)
static inline long t_clone3_exit(struct t_clone_args *ca, size_t size, int code)
{
    long ret;
    __asm__ volatile("syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "mov %%edx, %%edi\n\t"
                     "mov $60, %%eax\n\t" /* exit */
                     "syscall\n"
                     "1:"
                     : "=a"(ret)
                     : "0"((long)__NR_clone3), "D"(ca), "S"(size), "d"(code)
                     : "rcx", "r11", "memory");
    return ret;
}

/* clone(flags, newsp, parent_tid, child_tid, tls): x86-64's order */
static inline long t_clone_exit(unsigned long flags, int *parent_tid, int code)
{
    long ret;
    register long r10 __asm__("r10") = 0;
    register long r8 __asm__("r8") = 0;
    register long r9 __asm__("r9") = code;
    __asm__ volatile("syscall\n\t"
                     "test %%rax, %%rax\n\t"
                     "jnz 1f\n\t"
                     "mov %%r9d, %%edi\n\t"
                     "mov $60, %%eax\n\t"
                     "syscall\n"
                     "1:"
                     : "=a"(ret)
                     : "0"((long)SYS_clone), "D"(flags), "S"(0L), "d"(parent_tid), "r"(r10), "r"(r8),
                       "r"(r9)
                     : "rcx", "r11", "memory");
    return ret;
}
#endif

/* a raw result as -1/errno */
static inline long t_raw(long r)
{
    if (r < 0 && r > -4096) {
        errno = (int)-r;
        return -1;
    }
    return r;
}

#endif

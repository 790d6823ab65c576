/* Guest side of the fuzz campaign (tests/fuzz/campaign/): an arm64 static
 * program run under pvm by run.sh. From a seed, a supervising parent forks one
 * child ("guest process") per case and classifies how that child ended:
 *
 *   fuzz sys  SEED NPROCS NCALLS [FIRST]   random system calls, wild pointers
 *   fuzz insn SEED NPROCS NINSNS [FIRST]   random instruction streams
 *   ... FIRST -v                            also one line per case
 *
 * Case k (FIRST <= k < FIRST+NPROCS) draws everything from splitmix64(SEED, k),
 * so `fuzz MODE SEED 1 N k` under the same pvm command line replays case k.
 *
 * Child of a sys case: stdin/stdout are /dev/null, stderr is a pipe to the
 * parent (pvm's one-line reports land there), cwd is a fresh work/ directory.
 * It opens a few descriptors of each kind, then issues NCALLS calls: a random
 * number from the arm64 table (and some beyond it) minus the DENY list, with
 * arguments mixing small integers, the child's descriptors, pointers into a
 * scratch buffer, pointers that end on a page boundary, wild pointers
 * (unmapped, kernel half, beyond pvm's region, tagged) and random flag bits.
 * Invariants the sanitizers below keep, so only pvm can be at fault:
 *   - no call targets another process (pids are rewritten to our own);
 *   - fds 0-2 are never an fd argument and close_range starts at 3, so
 *     nothing but pvm writes to the stderr pipe;
 *   - mm calls (munmap, mprotect, MAP_FIXED, mremap, madvise, ...) never
 *     touch the program, its heap, stack, scratch data or the shared page:
 *     such ranges are moved into the play area;
 *   - clone has no stack, no CLONE_NEW*, CLONE_PARENT or CLONE_THREAD, CLONE_VM
 *     only with CLONE_VFORK, and a clone child exits at once.
 * The child records the call in flight in a MAP_SHARED page, so the parent
 * can tell a guest blocked in a call (killed after BLOCK_MS: a pass) from a
 * pvm hang (no progress for HANG_MS outside a call that may block: a bug).
 *
 * Child of an insn case: fills a code buffer with 2..NINSNS random words
 * (31/32 from a pool of words pvm's decoder accepts, the rest raw or with the
 * op0 bits of an encoding group), never SVC/HVC/SMC/HLT/DCPS, direct
 * branches only forward, ends it with exit(0), loads random X0-X30, SP, NZCV, FPCR and
 * V0-V31 (pointers into the scratch area among them) and branches in. A
 * stream without backward or indirect branches cannot loop, so a timeout is a
 * pvm hang; with them it is a guest loop (a pass).
 *
 * Outcome of a child (the parent prints one summary line and one BUG line per
 * pvm bug): exit with empty stderr; death by a fault signal with pvm's one
 * line (`pvm: guest SIGSEGV|SIGBUS at address ...`, `pvm: unimplemented A64
 * encoding ...`, `... (guest SIGILL)`); death by another signal, or by a
 * fault signal the guest sent itself, with empty stderr; blocked/loop as
 * above. Anything else (a fault signal without its line, `internal error`,
 * any other stderr text, a hang) is a pvm bug, except the outcome of a known
 * pvm bug (K1 below, docs/fuzzing.md), printed as KNOWN. The program refuses
 * to run outside a user namespace: as the host's root its path calls would
 * reach the host's files. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

/* ---- fixed guest layout (pvm runs this with -R 2G; text is linked at
 * TEXT_ADDR by module.mk, far from anything a random value is biased to) */
#define SCRATCH ((uintptr_t)0x10000000)  /* RW data the generator refills */
#define SCR_SIZE (512u << 10)
#define PLAY ((uintptr_t)0x10100000)     /* where mm calls may act */
#define PLAY_SIZE (1u << 20)
#define CODE ((uintptr_t)0x20000000)     /* insn mode: the stream */
#define CODE_MAX 4096                    /* words */
#define HOLE ((uintptr_t)0x18000000)     /* inside the region, never mapped */
#define BLOCK_MS 100                     /* a call that may block: killed after this */
#define HANG_MS 8000                     /* no progress this long: a hang */
#define LOOP_MS 2000                     /* insn mode: a stream running this long */

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* ---- calls never issued: they could harm the machine or the campaign, or
 * only block. The runner's namespaces (run.sh) would contain most of them;
 * this list is the first line. */
#define DENY_LIST(X) \
    X(reboot, "machine") X(kexec_load, "machine") X(kexec_file_load, "machine") \
    X(init_module, "kernel modules") X(finit_module, "kernel modules") \
    X(delete_module, "kernel modules") X(swapon, "machine") X(swapoff, "machine") \
    X(clock_settime, "host clock") X(settimeofday, "host clock") X(adjtimex, "host clock") \
    X(clock_adjtime, "host clock") X(mount, "mounts") X(umount2, "mounts") \
    X(pivot_root, "mounts") X(chroot, "mounts") X(open_tree, "mounts") \
    X(move_mount, "mounts") X(fsopen, "mounts") X(fsconfig, "mounts") \
    X(fsmount, "mounts") X(fspick, "mounts") X(mount_setattr, "mounts") \
    X(setns, "namespaces") X(unshare, "namespaces") X(ptrace, "other processes") \
    X(process_vm_writev, "other processes") X(pidfd_send_signal, "other processes") \
    X(pidfd_getfd, "other processes' fds") X(migrate_pages, "other processes") \
    X(move_pages, "other processes") X(perf_event_open, "kernel") X(bpf, "kernel") \
    X(sethostname, "host name") X(setdomainname, "host name") X(acct, "machine") \
    X(quotactl, "machine") X(quotactl_fd, "machine") X(syslog, "kernel log") \
    X(vhangup, "terminal") X(fanotify_init, "machine") X(fanotify_mark, "machine") \
    X(keyctl, "keyrings") X(add_key, "keyrings") X(request_key, "keyrings") \
    X(io_uring_setup, "io_uring") X(io_uring_enter, "io_uring") \
    X(io_uring_register, "io_uring") X(userfaultfd, "blocks on faults") \
    X(ioprio_set, "I/O priority") X(sched_setattr, "RT scheduling") \
    X(mlockall, "host memory") X(personality, "execution domain") \
    X(seccomp, "a filter would act on pvm's host calls") \
    X(clone3, "struct with stack and namespace flags") \
    X(nfsservctl, "machine") X(lookup_dcookie, "kernel")
/* numbers after the 6.1 headers of the cross libc */
#define NR_MAX 470
#define NR_FUTEX_WAIT 455
#define NR_MSEAL 462
static const int extra_deny[] = {NR_MSEAL, 456 /* futex_requeue */};

/* calls that may legitimately block or take long: a guest in one of them
 * past BLOCK_MS is killed and counted as blocked */
#define BLOCKING_LIST(X) \
    X(read) X(readv) X(pread64) X(preadv) X(preadv2) X(write) X(writev) \
    X(pwrite64) X(pwritev) X(pwritev2) X(recvfrom) X(recvmsg) X(recvmmsg) X(sendto) \
    X(sendmsg) X(sendmmsg) X(accept) X(accept4) X(connect) X(futex) X(futex_waitv) \
    X(nanosleep) X(clock_nanosleep) X(ppoll) X(pselect6) X(epoll_pwait) X(epoll_pwait2) \
    X(wait4) X(waitid) X(rt_sigsuspend) X(rt_sigtimedwait) X(msgrcv) X(msgsnd) \
    X(semop) X(semtimedop) X(mq_timedreceive) X(mq_timedsend) X(mq_open) X(flock) X(fcntl) \
    X(openat) X(openat2) X(open_by_handle_at) X(splice) X(tee) X(vmsplice) X(sendfile) \
    X(copy_file_range) X(io_getevents) X(io_pgetevents) X(clone) X(execve) X(execveat) \
    X(sync) X(syncfs) X(fsync) X(fdatasync) X(sync_file_range) X(msync) X(fallocate) \
    X(ftruncate) X(truncate) X(mmap) X(munmap) X(mremap) X(madvise) X(mlock) X(mlock2) \
    X(mprotect) X(getrandom) X(ioctl) X(close) X(exit) X(exit_group) X(sched_yield) \
    X(mbind) X(readahead) X(shmat) X(process_madvise) X(getdents64)

/* fd arguments (bit i: argument i is a descriptor) */
#define FD_LIST(X) \
    X(read, 1) X(write, 1) X(readv, 1) X(writev, 1) X(pread64, 1) X(pwrite64, 1) \
    X(preadv, 1) X(pwritev, 1) X(preadv2, 1) X(pwritev2, 1) X(close, 1) X(dup, 1) \
    X(dup3, 3) X(fcntl, 1) X(ioctl, 1) X(lseek, 1) X(fsync, 1) X(fdatasync, 1) \
    X(syncfs, 1) X(ftruncate, 1) X(fallocate, 1) X(fchmod, 1) X(fchown, 1) X(fchdir, 1) \
    X(getdents64, 1) X(fstat, 1) X(fstatfs, 1) X(flock, 1) X(fadvise64, 1) \
    X(sync_file_range, 1) X(readahead, 1) X(fsetxattr, 1) X(fgetxattr, 1) \
    X(flistxattr, 1) X(fremovexattr, 1) X(sendfile, 3) X(copy_file_range, 5) \
    X(splice, 5) X(tee, 3) X(vmsplice, 1) X(inotify_add_watch, 1) \
    X(inotify_rm_watch, 1) X(epoll_ctl, 5) X(epoll_pwait, 1) X(epoll_pwait2, 1) \
    X(timerfd_settime, 1) X(timerfd_gettime, 1) X(bind, 1) X(listen, 1) X(accept, 1) \
    X(accept4, 1) X(connect, 1) X(getsockname, 1) X(getpeername, 1) X(sendto, 1) \
    X(recvfrom, 1) X(setsockopt, 1) X(getsockopt, 1) X(shutdown, 1) X(sendmsg, 1) \
    X(recvmsg, 1) X(sendmmsg, 1) X(recvmmsg, 1) X(mmap, 16) X(openat, 1) \
    X(readlinkat, 1) X(faccessat, 1) X(faccessat2, 1) X(mkdirat, 1) X(mknodat, 1) \
    X(unlinkat, 1) X(renameat, 5) X(renameat2, 5) X(symlinkat, 2) X(linkat, 5) \
    X(utimensat, 1) X(fchmodat, 1) X(fchownat, 1) X(newfstatat, 1) X(statx, 1) \
    X(openat2, 1) X(name_to_handle_at, 1) X(open_by_handle_at, 1) X(execveat, 1) \
    X(signalfd4, 1) X(process_madvise, 1) X(mq_timedsend, 1) X(mq_timedreceive, 1) \
    X(mq_notify, 1) X(mq_getsetattr, 1) X(kcmp, 0) X(fsetxattr, 1)

/* ---- shared page: the child's progress, read by the parent */
struct shared {
    volatile uint64_t calls;     /* fuzz calls started */
    volatile int64_t nr;         /* the call in flight, or -1 */
    volatile uint64_t args[6];
    volatile uint64_t selfsig;   /* signals the child may have sent itself */
    volatile uint64_t insns;     /* insn mode: words generated */
    volatile int may_loop;       /* insn mode: backward or indirect branch */
};
static struct shared *sh;

/* ---- random numbers */
static uint64_t rs;
static uint64_t splitmix(uint64_t *s)
{
    uint64_t z = (*s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}
static uint64_t rnd(void) { return splitmix(&rs); }
static uint64_t below(uint64_t n) { return n ? rnd() % n : 0; }

/* ---- raw system calls (the child uses no libc state after setup) */
static inline long sc6(long nr, long a, long b, long c, long d, long e, long f)
{
    register long x8 __asm__("x8") = nr;
    register long x0 __asm__("x0") = a;
    register long x1 __asm__("x1") = b;
    register long x2 __asm__("x2") = c;
    register long x3 __asm__("x3") = d;
    register long x4 __asm__("x4") = e;
    register long x5 __asm__("x5") = f;
    __asm__ volatile("svc #0" : "+r"(x0) : "r"(x8), "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5)
                     : "memory");
    return x0;
}
static _Noreturn void raw_exit(int st)
{
    for (;;)
        sc6(__NR_exit_group, st, 0, 0, 0, 0, 0);
}

/* ---- protected ranges: mm calls must not overlap them */
extern char __executable_start[], _end[];
struct range { uintptr_t lo, hi; };
static struct range prot[8];
static int nprot;
static void protect(uintptr_t lo, uintptr_t hi) { prot[nprot++] = (struct range){lo, hi}; }
static int overlaps(uint64_t a, uint64_t len)
{
    a &= 0x00ffffffffffffffull; /* the kernel (and pvm) ignore the top byte */
    uint64_t end = a + len;
    if (len == 0)
        len = 1, end = a + 1;
    if (end < a) /* wraps: covers everything above a */
        end = UINT64_MAX;
    a &= ~(uint64_t)0xfff;
    for (int i = 0; i < nprot; i++)
        if (a < prot[i].hi && end > prot[i].lo)
            return 1;
    return 0;
}

/* ---- arguments */
static int fds[16];
static int nfds;
static uintptr_t strs[24];
static int nstrs;

static uint64_t wild(void)
{
    switch (below(8)) {
    case 0: return below(0x10000);                          /* low, never mapped */
    case 1: return 0xffff800000000000ull + (below(1u << 20) << 12) + below(4096); /* kernel half */
    case 2: return HOLE + below(1u << 20);                  /* inside the region, unmapped */
    case 3: return 0x7f0000000000ull + below(1u << 24);     /* beyond pvm's region */
    case 4: return (below(256) << 56) | (SCRATCH + below(SCR_SIZE)); /* tagged */
    case 5: return SCRATCH + SCR_SIZE + below(PLAY - SCRATCH - SCR_SIZE); /* guard gap */
    case 6: return UINT64_MAX - below(4096);
    default: return rnd();
    }
}
static uint64_t flags(void)
{
    uint64_t v = 0;
    int n = 1 + (int)below(3);
    while (n--)
        v |= 1ull << below(below(4) ? 32 : 64);
    return below(8) ? v : (uint32_t)rnd();
}
static uint64_t arg(void)
{
    switch (below(12)) {
    case 0: case 1: return below(17);                        /* small ints */
    case 2: return (uint64_t)-(int64_t)below(5);              /* -1..-4 */
    case 3: return fds[below(nfds)];
    case 4: case 5: return SCRATCH + (below(SCR_SIZE) & ~(uint64_t)(below(2) ? 7 : 0));
    case 6: return SCRATCH + SCR_SIZE - below(64);            /* ends on the guard page */
    case 7: return strs[below(nstrs)];
    case 8: return flags();
    case 9: return (uint64_t[]){0, 1, 8, 16, 64, 4096, 65536, 1u << 20}[below(8)] + below(2);
    case 10: return wild();
    default: return below(4) ? below(4096) : rnd();
    }
}

/* fill part of the scratch data: zeros, small ints, pointers into scratch,
 * random bytes, and the path strings at the start */
static const char *const paths[] = {
    "f", "d", "d/g", ".", "..", "", "/dev/null", "/dev/zero", "/dev/urandom", "/proc/self/maps",
    "/proc/self/status", "/proc/self/stat", "/proc/self/exe", "/proc/self/cmdline",
    "/proc/self/auxv", "/proc/cpuinfo", "/proc/self/mem", "/tmp", "n", "/",
    "/proc/self/task", "p", "lnk"};
static void refill(uintptr_t at, size_t len)
{
    uint64_t *p = (uint64_t *)at;
    size_t n = len / 8;
    int kind = (int)below(4);
    for (size_t i = 0; i < n; i++)
        switch (kind) {
        case 0: p[i] = 0; break;
        case 1: p[i] = below(64); break;
        case 2: p[i] = i % 2 ? below(4096) : SCRATCH + below(SCR_SIZE); break;
        default: p[i] = rnd(); break;
        }
}
static void setup_scratch(void)
{
    refill(SCRATCH, SCR_SIZE);
    char *s = (char *)SCRATCH;
    nstrs = 0;
    for (size_t i = 0; i < ARRAY_SIZE(paths); i++) {
        strs[nstrs++] = (uintptr_t)s;
        size_t l = strlen(paths[i]) + 1;
        memcpy(s, paths[i], l);
        s += l;
    }
    /* a long path (PATH_MAX + 1) and one ending on the guard page */
    strs[nstrs] = (uintptr_t)s;
    memset(s, 'a', 4097);
    s[4097] = 0;
    nstrs++;
    char *e = (char *)SCRATCH + SCR_SIZE - 3;
    memcpy(e, "fff", 3);
    strs[nstrs++] = (uintptr_t)e;
}

/* ---- per-call sanitizing (see the header's invariants) */
static int in_list(long nr, const int *l, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (l[i] == nr)
            return 1;
    return 0;
}
#define X_NR(n, ...) __NR_##n,
static const int deny[] = {DENY_LIST(X_NR)};
#define X_NR1(n) __NR_##n,
static const int blocking[] = {BLOCKING_LIST(X_NR1) NR_FUTEX_WAIT};
#define X_FD(n, m) {__NR_##n, m},
static const struct { int nr, mask; } fdargs[] = {FD_LIST(X_FD) {452 /* fchmodat2 */, 1}};
static int allowed(long nr)
{
    return !in_list(nr, deny, ARRAY_SIZE(deny)) &&
           !in_list(nr, extra_deny, ARRAY_SIZE(extra_deny));
}

static uint64_t pid_self;
static uint64_t brk0;
static void play_range(uint64_t *a, uint64_t *len)
{
    *a = PLAY + (below(PLAY_SIZE >> 12) << 12);
    if (*len > PLAY + PLAY_SIZE - *a)
        *len = PLAY + PLAY_SIZE - *a;
}
static void mm_guard(uint64_t *a, uint64_t *len)
{
    if (overlaps(*a, *len))
        play_range(a, len);
}

/* returns 0 to skip the call */
static int sanitize(long nr, uint64_t a[6])
{
    for (size_t i = 0; i < ARRAY_SIZE(fdargs); i++)
        if (fdargs[i].nr == nr)
            for (int k = 0; k < 6; k++)
                if ((fdargs[i].mask >> k & 1) && (uint32_t)a[k] <= 2) /* an int to the kernel */
                    a[k] = fds[below(nfds)];
    uint64_t sig = 0;
    switch (nr) {
    case __NR_kill: a[0] = pid_self; sig = a[1]; break;
    case __NR_tkill: a[0] = pid_self; sig = a[1]; break;
    case __NR_tgkill: a[0] = a[1] = pid_self; sig = a[2]; break;
    case __NR_rt_sigqueueinfo: a[0] = pid_self; sig = a[1]; break;
    case __NR_rt_tgsigqueueinfo: a[0] = a[1] = pid_self; sig = a[2]; break;
    case __NR_pidfd_open: case __NR_prlimit64: case __NR_sched_setaffinity:
    case __NR_sched_setscheduler: case __NR_sched_setparam: case __NR_process_vm_readv:
    case __NR_get_robust_list: case __NR_sched_getattr:
        a[0] = below(2) ? 0 : pid_self;
        break;
    case __NR_setpgid: a[0] = 0; break;
    case __NR_setpriority: a[1] = 0; break;
    case __NR_close_range: if ((uint32_t)a[0] < 3) a[0] = 3; break;
    case __NR_fcntl:
        if (a[1] == F_SETOWN) a[2] = pid_self;
        if (a[1] == F_SETOWN_EX) a[1] = F_GETOWN;
        if (a[1] == F_SETSIG) sig = a[2];
        break;
    case __NR_prctl:
        if (a[0] == PR_SET_PDEATHSIG) sig = a[1];
        if (a[0] == PR_SET_SECCOMP || a[0] == PR_SET_MM) return 0;
        break;
    case __NR_clone:
        sig = a[0] & 0xff;
        a[0] &= 0xff | CLONE_VFORK | CLONE_VM | CLONE_SETTLS | CLONE_PARENT_SETTID |
                CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID | CLONE_FILES | CLONE_FS |
                CLONE_SYSVSEM | CLONE_IO | CLONE_PIDFD | CLONE_UNTRACED;
        if (!(a[0] & CLONE_VFORK))
            a[0] &= ~(uint64_t)CLONE_VM;
        a[1] = 0;
        break;
    case __NR_munmap: case __NR_mprotect: case __NR_madvise: case __NR_msync:
    case __NR_remap_file_pages: case __NR_pkey_mprotect: case __NR_mbind:
    case __NR_mlock: case __NR_munlock: case __NR_mlock2:
        mm_guard(&a[0], &a[1]);
        break;
    case __NR_mmap:
        if (a[3] & (MAP_FIXED | MAP_FIXED_NOREPLACE))
            mm_guard(&a[0], &a[1]);
        if (a[1] > (64u << 20)) /* pvm's -R bounds it; keep the host's memory free */
            a[1] &= (64u << 20) - 1;
        break;
    case __NR_mremap:
        mm_guard(&a[0], &a[1]);
        if (overlaps(a[0], a[2]))
            a[2] = a[1];
        if (a[3] & MREMAP_FIXED) {
            uint64_t n = a[2];
            mm_guard(&a[4], &n);
            a[2] = n;
        }
        break;
    case __NR_brk:
        if (a[0] < brk0)
            a[0] = brk0;
        break;
    case __NR_exit: case __NR_exit_group:
        if (below(16)) /* let most batches run to the end */
            return 0;
        break;
    }
    if (sig > 0 && sig <= 64)
        sh->selfsig |= 1ull << (sig & 63); /* signal 64 is bit 0 */
    return 1;
}

static int opendev(const char *p, int fl) { return (int)sc6(__NR_openat, AT_FDCWD, (long)p, fl, 0644, 0, 0); }

static void run_sys(uint64_t ncalls)
{
    pid_self = (uint64_t)sc6(__NR_getpid, 0, 0, 0, 0, 0, 0);
    brk0 = (uint64_t)sc6(__NR_brk, 0, 0, 0, 0, 0, 0);
    /* descriptors of every kind */
    nfds = 0;
    int p[2];
    fds[nfds++] = opendev("f", O_RDWR | O_CREAT | O_TRUNC);
    sc6(__NR_mkdirat, AT_FDCWD, (long)"d", 0755, 0, 0, 0);
    fds[nfds++] = opendev("d", O_RDONLY | O_DIRECTORY);
    fds[nfds++] = opendev("/dev/null", O_RDWR);
    fds[nfds++] = opendev("/proc/self/maps", O_RDONLY);
    if (sc6(__NR_pipe2, (long)p, O_NONBLOCK, 0, 0, 0, 0) == 0)
        fds[nfds++] = p[0], fds[nfds++] = p[1];
    if (sc6(__NR_socketpair, AF_UNIX, below(2) ? SOCK_STREAM : SOCK_DGRAM, 0, (long)p, 0, 0) == 0)
        fds[nfds++] = p[0], fds[nfds++] = p[1];
    fds[nfds++] = (int)sc6(__NR_eventfd2, 1, 0, 0, 0, 0, 0);
    fds[nfds++] = (int)sc6(__NR_epoll_create1, 0, 0, 0, 0, 0, 0);
    fds[nfds++] = (int)sc6(__NR_timerfd_create, CLOCK_MONOTONIC, 0, 0, 0, 0, 0);
    fds[nfds++] = (int)sc6(__NR_memfd_create, (long)"m", 0, 0, 0, 0, 0);
    fds[nfds++] = AT_FDCWD;
    fds[nfds++] = 3 + (int)below(20);
    for (int i = 0; i < nfds; i++)
        if (fds[i] < 0 && fds[i] != AT_FDCWD)
            fds[i] = 3;
    /* the play area: mapped, part of it with other protections */
    sc6(__NR_mmap, PLAY, PLAY_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    sc6(__NR_mprotect, PLAY + 0x10000, 0x1000, PROT_READ, 0, 0, 0);
    sc6(__NR_mprotect, PLAY + 0x20000, 0x1000, PROT_NONE, 0, 0, 0);

    for (uint64_t i = 0; i < ncalls; i++) {
        if ((i & 15) == 15) {
            size_t off = below(SCR_SIZE / 4096) * 4096;
            if (off >= 16384) /* keep the strings */
                refill(SCRATCH + off, 4096);
        }
        long nr;
        do {
            nr = below(32) ? (long)below(NR_MAX) : (long)(below(2) ? rnd() : below(4096));
        } while (!allowed(nr) || nr == __NR_rt_sigreturn);
        uint64_t a[6];
        for (int k = 0; k < 6; k++)
            a[k] = arg();
        if (!sanitize(nr, a))
            continue;
        for (int k = 0; k < 6; k++)
            sh->args[k] = a[k];
        sh->nr = nr;
        sh->calls++;
        long r = sc6(nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4], (long)a[5]);
        if (r == 0 && nr == __NR_clone)
            raw_exit(0);
        sh->nr = -1;
    }
}

/* ---- insn mode */
struct regs {
    uint64_t x[31];
    uint64_t sp, nzcv, fpcr, target;
    uint64_t v[64];
};
static struct regs R;

/* words pvm's decoder accepts, 32 random fills of each decode row (pool.sh) */
static const uint32_t pool[] = {
#include "pool.h"
};
static uint32_t rand_word(void)
{
    uint32_t w = (uint32_t)rnd();
    uint64_t c = below(64);
    if (c >= 2) { /* mostly a pool word, half the time with a random Rd/Rt */
        uint32_t p = pool[below(ARRAY_SIZE(pool))];
        return below(2) ? p : (p & ~31u) | (w & 31u);
    }
    if (c == 0)
        return w;
    switch (below(5)) {
    case 0: return (w & ~0x1c000000u) | 0x10000000u;                  /* dp immediate */
    case 1: return (w & ~0x1c000000u) | 0x14000000u;                  /* branches, system */
    case 2: return (w & ~0x0a000000u) | 0x08000000u;                  /* loads and stores */
    case 3: return (w & ~0x0e000000u) | 0x0a000000u;                  /* dp register */
    default: return (w & ~0x0e000000u) | 0x0e000000u;                 /* SIMD and FP */
    }
}

/* forward-only direct branches; returns the word to use */
static uint32_t fix_branch(uint32_t w)
{
    if ((w & 0x7c000000u) == 0x14000000u) {                           /* B, BL imm26 */
        uint32_t imm = (w & 0x01ffffffu) % 64 + 1;
        return (w & 0xfc000000u) | imm;
    }
    if ((w & 0xff000010u) == 0x54000000u || (w & 0x7e000000u) == 0x34000000u) { /* B.cond, CB(N)Z imm19 */
        uint32_t imm = ((w >> 5) & 0x3ffffu) % 64 + 1;
        return (w & ~(0x7ffffu << 5)) | imm << 5;
    }
    if ((w & 0x7e000000u) == 0x36000000u) {                           /* TB(N)Z imm14 */
        uint32_t imm = ((w >> 5) & 0x1fffu) % 64 + 1;
        return (w & ~(0x3fffu << 5)) | imm << 5;
    }
    if ((w & 0xfe000000u) == 0xd6000000u)                             /* BR, BLR, RET, ... */
        sh->may_loop = 1;
    return w;
}
static int is_svc_like(uint32_t w)
{
    /* exception generation (SVC, HVC, SMC, BRK, HLT, DCPS): only BRK kept */
    return (w & 0xff000000u) == 0xd4000000u && (w & 0xffe0001fu) != 0xd4200000u;
}
static uint64_t rand_reg(void)
{
    switch (below(8)) {
    case 0: case 1: case 2: return SCRATCH + below(SCR_SIZE);
    case 3: return below(64);
    case 4: return (uint64_t[]){0, 1, UINT64_MAX, 0x8000000000000000ull, 0x7fffffffffffffffull,
                                0xffffffffull, 0x80000000ull}[below(7)];
    case 5: return (uint32_t)rnd();
    default: return rnd();
    }
}

static _Noreturn void run_insn(uint64_t n)
{
    int rwx = (int)below(2);
    uint32_t *code = (uint32_t *)sc6(__NR_mmap, CODE, (CODE_MAX + 16) * 4,
                                     PROT_READ | PROT_WRITE | (rwx ? PROT_EXEC : 0),
                                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    if ((uintptr_t)code != CODE)
        raw_exit(0);
    if (n > CODE_MAX)
        n = CODE_MAX;
    n = 2 + below(n - 1 > 0 ? n - 1 : 1); /* 2..N words: short streams reach their exit */
    for (uint64_t i = 1; i < n; i++) {
        uint32_t w;
        do
            w = fix_branch(rand_word());
        while (is_svc_like(w));
        if ((w & 0x0a000000u) == 0x08000000u && below(4)) /* loads/stores: base x16-x28 or SP */
            w = (w & ~(31u << 5)) | (uint32_t)(below(4) ? 16 + below(13) : 31) << 5;
        code[i] = w;
    }
    /* code[0]: ldr x30, lit; then the stream; then exit(0): movz x8,#93; movz x0,#0; svc #0 */
    uint32_t *end = code + n;
    end[0] = 0xd2800ba8u;
    end[1] = 0xd2800000u;
    end[2] = 0xd4000001u;
    uint64_t *lit = (uint64_t *)(end + 4);
    *lit = rand_reg();
    code[0] = 0x5800001eu | (uint32_t)(((uintptr_t)lit - (uintptr_t)code) / 4) << 5;
    sh->insns = n;
    if (!rwx)
        sc6(__NR_mprotect, CODE, (CODE_MAX + 16) * 4, PROT_READ | PROT_EXEC, 0, 0, 0);
    for (int i = 0; i < 31; i++)
        R.x[i] = i >= 16 && i <= 28 ? SCRATCH + 0x10000 + (below(SCR_SIZE - 0x20000) & ~15u) : rand_reg();
    R.sp = SCRATCH + SCR_SIZE / 2 + (below(1024) & ~15u);
    R.nzcv = below(16) << 28;
    R.target = CODE;
    R.fpcr = (below(4) << 22) | (below(2) << 24) | (below(2) << 25); /* RMode, FZ, DN */
    for (int i = 0; i < 64; i++)
        R.v[i] = below(2) ? rnd() : (uint64_t[]){0, 0x7ff0000000000000ull, 0x7ff8000000000001ull,
                                                 0x0000000000000001ull, 0x8000000000000000ull,
                                                 0x7fc000007f800000ull}[below(6)];
    __asm__ volatile(
        "mov x30, %0\n"
        "ldr x0, [x30, #248]\n mov sp, x0\n"
        "ldr x0, [x30, #256]\n msr nzcv, x0\n"
        "ldr x0, [x30, #264]\n msr fpcr, x0\n"
        "add x0, x30, #280\n"
        "ld1 {v0.2d-v3.2d}, [x0], #64\n ld1 {v4.2d-v7.2d}, [x0], #64\n"
        "ld1 {v8.2d-v11.2d}, [x0], #64\n ld1 {v12.2d-v15.2d}, [x0], #64\n"
        "ld1 {v16.2d-v19.2d}, [x0], #64\n ld1 {v20.2d-v23.2d}, [x0], #64\n"
        "ld1 {v24.2d-v27.2d}, [x0], #64\n ld1 {v28.2d-v31.2d}, [x0], #64\n"
        "ldp x0, x1, [x30, #0]\n ldp x2, x3, [x30, #16]\n ldp x4, x5, [x30, #32]\n"
        "ldp x6, x7, [x30, #48]\n ldp x8, x9, [x30, #64]\n ldp x10, x11, [x30, #80]\n"
        "ldp x12, x13, [x30, #96]\n ldp x14, x15, [x30, #112]\n ldp x16, x17, [x30, #128]\n"
        "ldp x18, x19, [x30, #144]\n ldp x20, x21, [x30, #160]\n ldp x22, x23, [x30, #176]\n"
        "ldp x24, x25, [x30, #192]\n ldp x26, x27, [x30, #208]\n ldp x28, x29, [x30, #224]\n"
        "ldr x30, [x30, #272]\n"
        "br x30\n"
        :
        : "r"(&R)
        : "memory");
    __builtin_unreachable();
}

/* ---- the supervising parent */
static long now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1000 + t.tv_nsec / 1000000;
}

static int blockable(long nr)
{
    return in_list(nr, blocking, ARRAY_SIZE(blocking));
}

/* remove everything under dir (the previous child's files) */
static void wipe(int dfd)
{
    char buf[4096];
    for (;;) {
        long n = syscall(SYS_getdents64, dfd, buf, sizeof buf);
        if (n <= 0)
            break;
        for (long o = 0; o < n;) {
            struct { uint64_t ino; int64_t off; unsigned short reclen; unsigned char type; char name[]; } *d =
                (void *)(buf + o);
            o += d->reclen;
            if (!strcmp(d->name, ".") || !strcmp(d->name, ".."))
                continue;
            if (unlinkat(dfd, d->name, 0) != 0) {
                int sub = openat(dfd, d->name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
                if (sub >= 0) {
                    fchmod(sub, 0755);
                    wipe(sub);
                    close(sub);
                }
                unlinkat(dfd, d->name, AT_REMOVEDIR);
            }
        }
    }
    lseek(dfd, 0, SEEK_SET);
}

static int selfsent(int sig) { return sig > 0 && sig <= 64 && (sh->selfsig >> (sig & 63) & 1); }

static int fault_sig(int s)
{
    return s == SIGSEGV || s == SIGBUS || s == SIGILL || s == SIGFPE || s == SIGTRAP ||
           s == SIGSYS || s == SIGABRT;
}

/* one line of pvm's stderr: is it the report of a guest death by sig? */
static int report_line(const char *l, int sig)
{
    unsigned long long a, b;
    unsigned w;
    int n = 0;
    char s[8];
    if (sscanf(l, "pvm: guest SIG%7[A-Z] at address 0x%llx (pc 0x%llx)%n", s, &a, &b, &n) == 3 &&
        l[n] == 0)
        return (sig == SIGSEGV && !strcmp(s, "SEGV")) || (sig == SIGBUS && !strcmp(s, "BUS")) ||
               (sig == SIGTRAP && !strcmp(s, "TRAP")); /* BRK: SIGTRAP TRAP_BRKPT */
    if (sscanf(l, "pvm: unimplemented A64 encoding 0x%x at pc 0x%llx%n", &w, &a, &n) == 2 && l[n] == 0)
        return sig == SIGILL;
    if (!strncmp(l, "pvm: A64 encoding 0x", 20) && strstr(l, "(guest SIGILL)") &&
        !strcmp(strstr(l, "(guest SIGILL)"), "(guest SIGILL)"))
        return sig == SIGILL;
    return 0;
}

static int verbose; /* -v after FIRST: one line per case (reproducers) */
struct tally { uint64_t procs, calls, exits, faults, sigs, selfsig, blocked, loops, bugs, known, insns, reached; };

/* Known pvm bugs (docs/fuzzing.md), counted apart and not failed:
 * K1: a fault signal the guest sends itself (kill/tkill/tgkill(self,
 * SIGSEGV|SIGBUS), a clone exit signal, F_SETSIG) reaches pvm's host fault
 * handler, which reports "internal error: host fault outside guest memory"
 * (the process then dies of that signal, or of another one it sent itself
 * that was pending). */
static const char k1_line[] = "pvm: internal error: host fault outside guest memory\n";
/* one K1 line or more (a second signal can arrive while the first is handled) */
static int only_k1_lines(const char *e)
{
    size_t n = strlen(k1_line);
    if (!*e)
        return 0;
    for (; *e; e += n)
        if (strncmp(e, k1_line, n))
            return 0;
    return 1;
}

static int last_status; /* the wait status of the case being classified */
static void bug(const char *mode, uint64_t seed, uint64_t k, const char *kind, const char *err)
{
    printf("BUG %s seed=%llu case=%llu: %s, wait status 0x%x, selfsig 0x%llx", mode, (unsigned long long)seed,
           (unsigned long long)k, kind, last_status, (unsigned long long)sh->selfsig);
    if (sh->nr >= 0 && !strcmp(mode, "sys"))
        printf(" (in call %lld args %llx %llx %llx %llx %llx %llx)", (long long)sh->nr,
               (unsigned long long)sh->args[0], (unsigned long long)sh->args[1],
               (unsigned long long)sh->args[2], (unsigned long long)sh->args[3],
               (unsigned long long)sh->args[4], (unsigned long long)sh->args[5]);
    printf(" | stderr:");
    for (const char *p = err; *p; p++)
        putchar(*p == '\n' ? '|' : (*p >= 32 && *p < 127 ? *p : '?'));
    putchar('\n');
    fflush(stdout);
}

static void run_case(int insn, uint64_t seed, uint64_t k, uint64_t n, int work, struct tally *t)
{
    const char *mode = insn ? "insn" : "sys";
    memset((void *)sh, 0, sizeof *sh);
    sh->nr = -1;
    int p[2];
    if (pipe2(p, O_CLOEXEC) != 0) {
        perror("pipe2");
        exit(1);
    }
    fflush(stdout);
    pid_t pid = fork();
    if (pid < 0) {
        perror("fork");
        exit(1);
    }
    if (pid == 0) {
        dup2(p[1], 2);
        int nul = open("/dev/null", O_RDWR);
        dup2(nul, 0);
        dup2(nul, 1);
        if (fchdir(work) != 0)
            raw_exit(125);
        for (int fd = 3; fd < 64; fd++)
            close(fd);
        setsid();
        uint64_t s = seed ^ (k * 0xd1b54a32d192ed03ull);
        rs = splitmix(&s);
        setup_scratch();
        if (insn)
            run_insn(n);
        run_sys(n);
        raw_exit(0);
    }
    close(p[1]);
    char err[4096];
    size_t elen = 0;
    long start = now_ms(), last = start;
    uint64_t seen = 0;
    int killed = 0; /* 1 blocked, 2 loop, 3 hang, 4 stopped */
    for (;;) {
        struct pollfd pf = {.fd = p[0], .events = POLLIN};
        int r = poll(&pf, 1, 20);
        if (r > 0) {
            char tmp[1024];
            ssize_t m = read(p[0], tmp, sizeof tmp);
            if (m <= 0)
                break;
            size_t c = (size_t)m < sizeof err - 1 - elen ? (size_t)m : sizeof err - 1 - elen;
            memcpy(err + elen, tmp, c);
            elen += c;
            continue;
        }
        if (killed)
            continue;
        long tn = now_ms();
        if (sh->calls != seen) {
            seen = sh->calls;
            last = tn;
        }
        int64_t nr = sh->nr;
        int ws;
        if (tn - last > BLOCK_MS && waitpid(pid, &ws, WNOHANG | WUNTRACED) == pid && WIFSTOPPED(ws))
            killed = 4; /* stopped itself (SIGSTOP & co. to itself, or SIGTTIN/SIGTTOU) */
        else if (!insn && nr >= 0 && blockable(nr) && tn - last > BLOCK_MS)
            killed = 1;
        else if (insn && sh->may_loop && tn - start > LOOP_MS)
            killed = 2;
        else if (tn - last > HANG_MS)
            killed = 3;
        if (killed)
            kill(pid, SIGKILL);
    }
    close(p[0]);
    err[elen] = 0;
    int st;
    struct rusage ru;
    while (wait4(pid, &st, 0, &ru) < 0 && errno == EINTR)
        ;
    /* the children of the child, if any outlived it */
    while (waitpid(-1, NULL, WNOHANG) > 0)
        ;
    lseek(work, 0, SEEK_SET);
    wipe(work);

    last_status = st;
    t->procs++;
    t->calls += sh->calls;
    t->insns += sh->insns;
    int isbug = 0;
    if (killed == 3) {
        bug(mode, seed, k, insn ? "hang (stream without loops)" : "hang (no progress, not in a blocking call)", err);
        isbug = 1;
    } else if (killed == 1 || killed == 4) {
        t->blocked++;
    } else if (killed == 2) {
        t->loops++;
    } else if (only_k1_lines(err) && WIFSIGNALED(st) && selfsent(WTERMSIG(st)) &&
               (selfsent(SIGSEGV) || selfsent(SIGBUS))) {
        t->known++;
        printf("KNOWN K1 %s seed=%llu case=%llu\n", mode, (unsigned long long)seed, (unsigned long long)k);
    } else if (strstr(err, "internal error")) {
        bug(mode, seed, k, "internal error", err);
        isbug = 1;
    } else if (WIFEXITED(st)) {
        if (elen) {
            bug(mode, seed, k, "stderr text from a guest that exited", err);
            isbug = 1;
        } else {
            t->exits++;
            if (insn)
                t->reached += sh->insns;
        }
    } else if (WIFSIGNALED(st)) {
        int sig = WTERMSIG(st);
        char *nl = memchr(err, '\n', elen);
        int one = elen && nl == err + elen - 1;
        if (one)
            *nl = 0;
        if (one && (report_line(err, sig) || ((report_line(err, SIGSEGV) || report_line(err, SIGBUS) ||
                                               report_line(err, SIGILL) || report_line(err, SIGTRAP)) &&
                                              selfsent(sig)))) {
            t->faults++;
            unsigned long long pc;
            const char *at = strstr(err, "pc 0x");
            if (insn && at && sscanf(at, "pc 0x%llx", &pc) == 1 && pc >= CODE && pc < CODE + sh->insns * 4)
                t->reached += (pc - CODE) / 4;
        } else if (elen == 0 && !fault_sig(sig)) {
            t->sigs++;
        } else if (elen == 0 && selfsent(sig)) {
            t->selfsig++;
        } else {
            if (one)
                *nl = '\n';
            char kind[64];
            snprintf(kind, sizeof kind, "killed by signal %d %s", sig,
                     elen ? "with unexpected stderr" : "without pvm's line");
            bug(mode, seed, k, kind, err);
            isbug = 1;
        }
    } else {
        bug(mode, seed, k, "unknown wait status", err);
        isbug = 1;
    }
    t->bugs += isbug;
    if (verbose)
        printf("case %llu: status 0x%x, calls %llu, killed %d, stderr: %s", (unsigned long long)k, st,
               (unsigned long long)sh->calls, killed, elen ? err : "(empty)");
    if (verbose)
        printf("%s", elen && err[elen - 1] == '\n' ? "" : "\n");
}

int main(int argc, char **argv)
{
    if (argc < 5 || (strcmp(argv[1], "sys") && strcmp(argv[1], "insn"))) {
        /* stdout: a child that execs /proc/self/exe must not write to stderr */
        printf("usage: fuzz sys|insn SEED NPROCS N [FIRST [-v]]\n");
        return 2;
    }
    int insn = !strcmp(argv[1], "insn");
    /* refuse to run outside a user namespace (run.sh's sandbox): as the
     * host's root, random path calls reach the host's files */
    FILE *um = fopen("/proc/self/uid_map", "r");
    unsigned long long in0, out0, cnt;
    if (!um || fscanf(um, "%llu %llu %llu", &in0, &out0, &cnt) != 3 || cnt == 4294967295ull) {
        fprintf(stderr, "fuzz: runs only inside run.sh's sandbox (a user namespace)\n");
        return 2;
    }
    fclose(um);
    uint64_t seed = strtoull(argv[2], NULL, 0), nprocs = strtoull(argv[3], NULL, 0);
    uint64_t n = strtoull(argv[4], NULL, 0), first = argc > 5 ? strtoull(argv[5], NULL, 0) : 0;
    verbose = argc > 6 && !strcmp(argv[6], "-v");
    sh = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    void *scr = mmap((void *)SCRATCH, SCR_SIZE, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED_NOREPLACE, -1, 0);
    if (sh == MAP_FAILED || scr != (void *)SCRATCH) {
        perror("mmap");
        return 1;
    }
    /* what mm calls must leave alone */
    char here;
    uintptr_t sp = (uintptr_t)&here;
    protect((uintptr_t)__executable_start, ((uintptr_t)sbrk(0) + (1u << 20)));
    protect((sp & ~(uintptr_t)0xfff) - (16u << 20), sp + (16u << 20));
    protect((uintptr_t)sh, (uintptr_t)sh + 4096);
    protect(SCRATCH, SCRATCH + SCR_SIZE);
    protect(CODE, CODE + (CODE_MAX + 16) * 4);
    if (mkdir("work", 0755) != 0 && errno != EEXIST) {
        perror("mkdir work");
        return 1;
    }
    int work = open("work", O_RDONLY | O_DIRECTORY);
    if (work < 0) {
        perror("work");
        return 1;
    }
    struct tally t = {0};
    long start = now_ms();
    for (uint64_t k = first; k < first + nprocs; k++)
        run_case(insn, seed, k, n, work, &t);
    printf("campaign %s seed=%llu first=%llu procs=%llu calls=%llu insns=%llu reached=%llu exits=%llu "
           "faults=%llu signals=%llu selfsig=%llu blocked=%llu loops=%llu bugs=%llu known=%llu ms=%ld\n",
           argv[1], (unsigned long long)seed, (unsigned long long)first, (unsigned long long)t.procs,
           (unsigned long long)t.calls, (unsigned long long)t.insns, (unsigned long long)t.reached,
           (unsigned long long)t.exits, (unsigned long long)t.faults, (unsigned long long)t.sigs,
           (unsigned long long)t.selfsig, (unsigned long long)t.blocked, (unsigned long long)t.loops,
           (unsigned long long)t.bugs, (unsigned long long)t.known, now_ms() - start);
    return 0;
}

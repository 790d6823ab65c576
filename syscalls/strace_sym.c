/* strace's symbolic arguments: the name tables and structure decoders behind
 * the format letters of syscalls/strace.c (open and *at flags, fcntl, ioctl,
 * PROT_/MAP_/MREMAP_, signals, sigsets, struct sigaction, clone flags and
 * clone3's struct, socket domain/type/protocol, wait options and status).
 * Spellings follow strace(1)'s output: flags joined by '|' in the kernel
 * header's bit order, unknown bits in hex, signal masks as [INT TERM] or
 * ~[...] when more than half the bits are set. All values are guest ABI
 * values (the *_A64 constants); guest memory is read only through the
 * checked copies, so a bad pointer prints as its address. */
#include "syscalls/strace_line.h"

#include "core/mem.h"
#include "syscalls/abi_events.h"
#include "syscalls/abi_fs.h"
#include "syscalls/abi_net.h"
#include "syscalls/abi_proc.h"
#include "syscalls/abi_term.h"

/* ---- files ---- */

static const struct sflag strace_oflag_names[] = {
    {O_CREAT_A64, "O_CREAT"}, {O_EXCL_A64, "O_EXCL"}, {O_NOCTTY_A64, "O_NOCTTY"},
    {O_TRUNC_A64, "O_TRUNC"}, {O_APPEND_A64, "O_APPEND"}, {O_NONBLOCK_A64, "O_NONBLOCK"},
    {O__SYNC_A64 | O_DSYNC_A64, "O_SYNC"}, {O_DSYNC_A64, "O_DSYNC"}, {FASYNC_A64, "O_ASYNC"},
    {O__TMPFILE_A64 | O_DIRECTORY_A64, "O_TMPFILE"}, {O_DIRECTORY_A64, "O_DIRECTORY"},
    {O_NOFOLLOW_A64, "O_NOFOLLOW"}, {O_DIRECT_A64, "O_DIRECT"}, {O_LARGEFILE_A64, "O_LARGEFILE"},
    {O_NOATIME_A64, "O_NOATIME"}, {O_CLOEXEC_A64, "O_CLOEXEC"}, {O_PATH_A64, "O_PATH"},
};

void strace_sym_oflags(struct sline *l, uint64_t v)
{
    static const char *const acc[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_ACCMODE"};
    strace_put(l, "%s", acc[v & 3]);
    v &= ~(uint64_t)3;
    if (v) {
        strace_put(l, "|");
        strace_put_flags(l, v, strace_oflag_names, STRACE_N(strace_oflag_names));
    }
}

/* O_* flags of calls without an access mode (pipe2, dup3) */
void strace_sym_oflags_noacc(struct sline *l, uint64_t v)
{
    strace_put_flags(l, v, strace_oflag_names, STRACE_N(strace_oflag_names));
}

static const struct sflag strace_access_names[] = {
    {R_OK_A64, "R_OK"}, {W_OK_A64, "W_OK"}, {X_OK_A64, "X_OK"},
};

/* access modes: F_OK or R_OK|W_OK|X_OK */
void strace_sym_access(struct sline *l, uint64_t v)
{
    if ((uint32_t)v == F_OK_A64)
        strace_put(l, "F_OK");
    else
        strace_put_flags(l, (uint32_t)v, strace_access_names, STRACE_N(strace_access_names));
}

static const struct sflag strace_atflag_names[] = {
    {AT_SYMLINK_NOFOLLOW_A64, "AT_SYMLINK_NOFOLLOW"}, {AT_REMOVEDIR_A64, "AT_REMOVEDIR"},
    {AT_SYMLINK_FOLLOW_A64, "AT_SYMLINK_FOLLOW"},     {AT_NO_AUTOMOUNT_A64, "AT_NO_AUTOMOUNT"},
    {AT_EMPTY_PATH_A64, "AT_EMPTY_PATH"},             {AT_RECURSIVE_A64, "AT_RECURSIVE"},
};

void strace_sym_atflags(struct sline *l, uint64_t v)
{
    strace_put_flags(l, v, strace_atflag_names, STRACE_N(strace_atflag_names));
}

static const struct sflag strace_fcntl_names[] = {
    {F_DUPFD_A64, "F_DUPFD"}, {F_GETFD_A64, "F_GETFD"}, {F_SETFD_A64, "F_SETFD"},
    {F_GETFL_A64, "F_GETFL"}, {F_SETFL_A64, "F_SETFL"}, {F_GETLK_A64, "F_GETLK"},
    {F_SETLK_A64, "F_SETLK"}, {F_SETLKW_A64, "F_SETLKW"}, {F_SETOWN_A64, "F_SETOWN"},
    {F_GETOWN_A64, "F_GETOWN"}, {F_SETSIG_A64, "F_SETSIG"}, {F_GETSIG_A64, "F_GETSIG"},
    {F_SETOWN_EX_A64, "F_SETOWN_EX"}, {F_GETOWN_EX_A64, "F_GETOWN_EX"},
    {F_OFD_GETLK_A64, "F_OFD_GETLK"}, {F_OFD_SETLK_A64, "F_OFD_SETLK"},
    {F_OFD_SETLKW_A64, "F_OFD_SETLKW"}, {F_SETLEASE_A64, "F_SETLEASE"},
    {F_GETLEASE_A64, "F_GETLEASE"}, {F_NOTIFY_A64, "F_NOTIFY"},
    {F_DUPFD_CLOEXEC_A64, "F_DUPFD_CLOEXEC"}, {F_SETPIPE_SZ_A64, "F_SETPIPE_SZ"},
    {F_GETPIPE_SZ_A64, "F_GETPIPE_SZ"}, {F_ADD_SEALS_A64, "F_ADD_SEALS"},
    {F_GET_SEALS_A64, "F_GET_SEALS"},
};

void strace_sym_fcntl_cmd(struct sline *l, uint64_t v)
{
    strace_put_name(l, (uint32_t)v, strace_fcntl_names, STRACE_N(strace_fcntl_names));
}

/* the commands that take no third argument (strace leaves it out) */
bool strace_sym_fcntl_has_arg(uint64_t cmd)
{
    switch ((uint32_t)cmd) {
    case F_GETFD_A64:
    case F_GETFL_A64:
    case F_GETOWN_A64:
    case F_GETSIG_A64:
    case F_GETLEASE_A64:
    case F_GETPIPE_SZ_A64:
    case F_GET_SEALS_A64: return false;
    default: return true;
    }
}

static const struct sflag strace_fd_flag_names[] = {{FD_CLOEXEC_A64, "FD_CLOEXEC"}};

void strace_sym_fcntl_arg(struct sline *l, uint64_t cmd, uint64_t v)
{
    switch ((uint32_t)cmd) {
    case F_SETFD_A64:
        strace_put_flags(l, v, strace_fd_flag_names, STRACE_N(strace_fd_flag_names));
        break;
    case F_SETFL_A64: strace_sym_oflags(l, v); break;
    case F_DUPFD_A64:
    case F_DUPFD_CLOEXEC_A64:
    case F_SETOWN_A64:
    case F_SETPIPE_SZ_A64: strace_put(l, "%d", (int)v); break;
    case F_SETSIG_A64: strace_sym_signal(l, v); break;
    case F_GETLK_A64:
    case F_SETLK_A64:
    case F_SETLKW_A64:
    case F_OFD_GETLK_A64:
    case F_OFD_SETLK_A64:
    case F_OFD_SETLKW_A64:
    case F_GETOWN_EX_A64:
    case F_SETOWN_EX_A64: strace_put_ptr(l, v); break;
    default: strace_put(l, "%#llx", (unsigned long long)v); break;
    }
}

void strace_sym_fcntl_result(struct sline *l, uint64_t cmd, int64_t r)
{
    if (r < 0)
        return;
    if ((uint32_t)cmd == F_GETFD_A64) {
        strace_put(l, " (flags ");
        strace_put_flags(l, (uint64_t)r, strace_fd_flag_names, STRACE_N(strace_fd_flag_names));
        strace_put(l, ")");
    } else if ((uint32_t)cmd == F_GETFL_A64) {
        strace_put(l, " (flags ");
        strace_sym_oflags(l, (uint64_t)r);
        strace_put(l, ")");
    }
}

/* request names: the whitelist (abi_term.h) is the list */
static const struct sflag strace_ioctl_names[] = {
#define STRACE_IOC_NAME(name, arg, size) {name##_A64, #name},
    TERM_IOCS(STRACE_IOC_NAME)
#undef STRACE_IOC_NAME
};

void strace_sym_ioctl(struct sline *l, uint64_t v)
{
    strace_put_name(l, (uint32_t)v, strace_ioctl_names, STRACE_N(strace_ioctl_names));
}

/* ---- memory ---- */

static const struct sflag strace_prot_names[] = {
    {PROT_READ_A64, "PROT_READ"},          {PROT_WRITE_A64, "PROT_WRITE"},
    {PROT_EXEC_A64, "PROT_EXEC"},          {PROT_BTI_A64, "PROT_BTI"},
    {PROT_MTE_A64, "PROT_MTE"},            {PROT_GROWSDOWN_A64, "PROT_GROWSDOWN"},
    {PROT_GROWSUP_A64, "PROT_GROWSUP"},
};

void strace_sym_prot(struct sline *l, uint64_t v)
{
    if (!v)
        strace_put(l, "PROT_NONE");
    else
        strace_put_flags(l, v, strace_prot_names, STRACE_N(strace_prot_names));
}

static const struct sflag strace_map_type_names[] = {
    {MAP_SHARED_A64, "MAP_SHARED"},
    {MAP_PRIVATE_A64, "MAP_PRIVATE"},
    {MAP_SHARED_VALIDATE_A64, "MAP_SHARED_VALIDATE"},
};

static const struct sflag strace_map_names[] = {
    {MAP_FIXED_A64, "MAP_FIXED"},
    {MAP_ANONYMOUS_A64, "MAP_ANONYMOUS"},
    {MAP_GROWSDOWN_A64, "MAP_GROWSDOWN"},
    {MAP_DENYWRITE_A64, "MAP_DENYWRITE"},
    {MAP_EXECUTABLE_A64, "MAP_EXECUTABLE"},
    {MAP_LOCKED_A64, "MAP_LOCKED"},
    {MAP_NORESERVE_A64, "MAP_NORESERVE"},
    {MAP_POPULATE_A64, "MAP_POPULATE"},
    {MAP_NONBLOCK_A64, "MAP_NONBLOCK"},
    {MAP_STACK_A64, "MAP_STACK"},
    {MAP_HUGETLB_A64, "MAP_HUGETLB"},
    {MAP_SYNC_A64, "MAP_SYNC"},
    {MAP_FIXED_NOREPLACE_A64, "MAP_FIXED_NOREPLACE"},
    {MAP_UNINITIALIZED_A64, "MAP_UNINITIALIZED"},
};

/* the mapping type (low four bits) first, then the flags */
void strace_sym_mmap_flags(struct sline *l, uint64_t v)
{
    strace_put_name(l, v & MAP_TYPE_A64, strace_map_type_names, STRACE_N(strace_map_type_names));
    v &= ~(uint64_t)MAP_TYPE_A64;
    if (v & MAP_HUGE_MASK_A64) {
        /* the page size as a shift, as strace shows it */
        strace_put(l, "|%llu<<MAP_HUGE_SHIFT", (unsigned long long)((v & MAP_HUGE_MASK_A64) >> 26));
        v &= ~MAP_HUGE_MASK_A64;
    }
    if (v) {
        strace_put(l, "|");
        strace_put_flags(l, v, strace_map_names, STRACE_N(strace_map_names));
    }
}

static const struct sflag strace_mremap_names[] = {
    {MREMAP_MAYMOVE_A64, "MREMAP_MAYMOVE"},
    {MREMAP_FIXED_A64, "MREMAP_FIXED"},
    {MREMAP_DONTUNMAP_A64, "MREMAP_DONTUNMAP"},
};

void strace_sym_mremap_flags(struct sline *l, uint64_t v)
{
    strace_put_flags(l, v, strace_mremap_names, STRACE_N(strace_mremap_names));
}

/* ---- signals ---- */

static const char *const strace_signal_names[SIGRTMIN_A64] = {
#define STRACE_SIG_NAME(name, v) [v] = #name,
    SIGNALS_A64(STRACE_SIG_NAME)
#undef STRACE_SIG_NAME
};

/* "INT", "RTMIN", "RT_3"; false for 0 or beyond 64 */
static bool strace_signame(struct sline *l, uint64_t sig)
{
    if (sig == 0 || sig > NSIG_A64)
        return false;
    if (sig < SIGRTMIN_A64)
        strace_put(l, "%s", strace_signal_names[sig]);
    else if (sig == SIGRTMIN_A64)
        strace_put(l, "RTMIN");
    else
        strace_put(l, "RT_%u", (unsigned)(sig - SIGRTMIN_A64));
    return true;
}

void strace_sym_signal(struct sline *l, uint64_t v)
{
    uint32_t sig = (uint32_t)v;
    if (sig == 0 || sig > NSIG_A64) {
        strace_put(l, "%d", (int)sig);
        return;
    }
    strace_put(l, "SIG");
    strace_signame(l, sig);
}

/* [INT TERM], or ~[...] listing the clear bits when more than half are set */
static void strace_put_sigmask(struct sline *l, uint64_t m)
{
    if (__builtin_popcountll(m) * 2 > NSIG_A64) {
        strace_put(l, "~");
        m = ~m;
    }
    strace_put(l, "[");
    bool first = true;
    for (unsigned sig = 1; sig <= NSIG_A64; sig++) {
        if (!(m & sig_bit_a64((int)sig)))
            continue;
        if (!first)
            strace_put(l, " ");
        strace_signame(l, sig);
        first = false;
    }
    strace_put(l, "]");
}

void strace_sym_sigset(struct sline *l, uint64_t ga)
{
    uint64_t m;
    if (ga && mem_copy_from_guest(&m, ga, sizeof m))
        strace_put_sigmask(l, m);
    else
        strace_put_ptr(l, ga);
}

/* strace's order: SA_RESTORER first, then by the kernel header's list */
static const struct sflag strace_sa_names[] = {
    {SA_RESTORER_A64, "SA_RESTORER"},     {SA_ONSTACK_A64, "SA_ONSTACK"},
    {SA_RESTART_A64, "SA_RESTART"},       {SA_NODEFER_A64, "SA_NODEFER"},
    {SA_RESETHAND_A64, "SA_RESETHAND"},   {SA_SIGINFO_A64, "SA_SIGINFO"},
    {SA_NOCLDSTOP_A64, "SA_NOCLDSTOP"},   {SA_NOCLDWAIT_A64, "SA_NOCLDWAIT"},
    {SA_UNSUPPORTED_A64, "SA_UNSUPPORTED"}, {SA_EXPOSE_TAGBITS_A64, "SA_EXPOSE_TAGBITS"},
};

void strace_sym_sigaction(struct sline *l, uint64_t ga)
{
    struct sigaction_a64 sa;
    if (!ga || !mem_copy_from_guest(&sa, ga, sizeof sa)) {
        strace_put_ptr(l, ga);
        return;
    }
    strace_put(l, "{sa_handler=");
    if (sa.handler == SIG_DFL_A64)
        strace_put(l, "SIG_DFL");
    else if (sa.handler == SIG_IGN_A64)
        strace_put(l, "SIG_IGN");
    else
        strace_put(l, "%#llx", (unsigned long long)sa.handler);
    strace_put(l, ", sa_mask=");
    strace_put_sigmask(l, sa.mask);
    strace_put(l, ", sa_flags=");
    strace_put_flags(l, sa.flags, strace_sa_names, STRACE_N(strace_sa_names));
    if (sa.flags & SA_RESTORER_A64) {
        strace_put(l, ", sa_restorer=");
        strace_put_ptr(l, sa.restorer);
    }
    strace_put(l, "}");
}

static const struct sflag strace_sighow_names[] = {
    {SIG_BLOCK_A64, "SIG_BLOCK"},
    {SIG_UNBLOCK_A64, "SIG_UNBLOCK"},
    {SIG_SETMASK_A64, "SIG_SETMASK"},
};

void strace_sym_sighow(struct sline *l, uint64_t v)
{
    strace_put_name(l, (uint32_t)v, strace_sighow_names, STRACE_N(strace_sighow_names));
}

/* ---- processes ---- */

static const struct sflag strace_clone_names[] = {
    {CLONE_VM_A64, "CLONE_VM"},
    {CLONE_FS_A64, "CLONE_FS"},
    {CLONE_FILES_A64, "CLONE_FILES"},
    {CLONE_SIGHAND_A64, "CLONE_SIGHAND"},
    {CLONE_PIDFD_A64, "CLONE_PIDFD"},
    {CLONE_PTRACE_A64, "CLONE_PTRACE"},
    {CLONE_VFORK_A64, "CLONE_VFORK"},
    {CLONE_PARENT_A64, "CLONE_PARENT"},
    {CLONE_THREAD_A64, "CLONE_THREAD"},
    {CLONE_NEWNS_A64, "CLONE_NEWNS"},
    {CLONE_SYSVSEM_A64, "CLONE_SYSVSEM"},
    {CLONE_SETTLS_A64, "CLONE_SETTLS"},
    {CLONE_PARENT_SETTID_A64, "CLONE_PARENT_SETTID"},
    {CLONE_CHILD_CLEARTID_A64, "CLONE_CHILD_CLEARTID"},
    {CLONE_DETACHED_A64, "CLONE_DETACHED"},
    {CLONE_UNTRACED_A64, "CLONE_UNTRACED"},
    {CLONE_CHILD_SETTID_A64, "CLONE_CHILD_SETTID"},
    {CLONE_NEWCGROUP_A64, "CLONE_NEWCGROUP"},
    {CLONE_NEWUTS_A64, "CLONE_NEWUTS"},
    {CLONE_NEWIPC_A64, "CLONE_NEWIPC"},
    {CLONE_NEWUSER_A64, "CLONE_NEWUSER"},
    {CLONE_NEWPID_A64, "CLONE_NEWPID"},
    {CLONE_NEWNET_A64, "CLONE_NEWNET"},
    {CLONE_IO_A64, "CLONE_IO"},
};

/* CLONE_* names, then the exit signal (the low byte) by name */
static void strace_put_clone_flags(struct sline *l, uint64_t f, bool with_signal)
{
    uint64_t sig = with_signal ? f & CSIGNAL_A64 : 0;
    f &= with_signal ? ~(uint64_t)CSIGNAL_A64 : ~(uint64_t)0;
    if (f || !sig)
        strace_put_flags(l, f, strace_clone_names, STRACE_N(strace_clone_names));
    if (sig) {
        if (f)
            strace_put(l, "|");
        strace_sym_signal(l, sig);
    }
}

void strace_sym_clone(struct sline *l, const uint64_t a[6])
{
    uint64_t f = a[0];
    strace_put(l, "child_stack=");
    strace_put_ptr(l, a[1]);
    strace_put(l, ", flags=");
    strace_put_clone_flags(l, f, true);
    if (f & (CLONE_PARENT_SETTID_A64 | CLONE_PIDFD_A64)) {
        /* with CLONE_PIDFD the pidfd's place */
        strace_put(l, ", parent_tid=");
        strace_put_ptr(l, a[2]);
    }
    if (f & CLONE_SETTLS_A64) {
        strace_put(l, ", tls=");
        strace_put_ptr(l, a[3]);
    }
    if (f & (CLONE_CHILD_SETTID_A64 | CLONE_CHILD_CLEARTID_A64)) {
        strace_put(l, ", child_tidptr=");
        strace_put_ptr(l, a[4]);
    }
}

void strace_sym_clone3(struct sline *l, uint64_t ga)
{
    struct clone_args_a64 ca;
    if (!ga || !mem_copy_from_guest(&ca, ga, sizeof ca)) {
        strace_put_ptr(l, ga);
        return;
    }
    strace_put(l, "{flags=");
    strace_put_clone_flags(l, ca.flags, false);
    if (ca.flags & CLONE_PIDFD_A64)
        strace_put(l, ", pidfd=%#llx", (unsigned long long)ca.pidfd);
    if (ca.flags & (CLONE_CHILD_SETTID_A64 | CLONE_CHILD_CLEARTID_A64))
        strace_put(l, ", child_tid=%#llx", (unsigned long long)ca.child_tid);
    if (ca.flags & CLONE_PARENT_SETTID_A64)
        strace_put(l, ", parent_tid=%#llx", (unsigned long long)ca.parent_tid);
    strace_put(l, ", exit_signal=");
    strace_sym_signal(l, ca.exit_signal);
    strace_put(l, ", stack=");
    strace_put_ptr(l, ca.stack);
    strace_put(l, ", stack_size=%#llx", (unsigned long long)ca.stack_size);
    if (ca.flags & CLONE_SETTLS_A64)
        strace_put(l, ", tls=%#llx", (unsigned long long)ca.tls);
    strace_put(l, "}");
}

static const struct sflag strace_wait_names[] = {
    {WNOHANG_A64, "WNOHANG"},         {WSTOPPED_A64, "WSTOPPED"},     {WEXITED_A64, "WEXITED"},
    {WCONTINUED_A64, "WCONTINUED"},   {WNOWAIT_A64, "WNOWAIT"},       {WNOTHREAD_A64, "__WNOTHREAD"},
    {WALL_A64, "__WALL"},             {WCLONE_A64, "__WCLONE"},
};

void strace_sym_wait_options(struct sline *l, uint64_t v)
{
    strace_put_flags(l, (uint32_t)v, strace_wait_names, STRACE_N(strace_wait_names));
}

/* the wait status word, as strace spells it with the W* macros */
void strace_sym_wait_status(struct sline *l, uint64_t ga)
{
    int32_t s;
    if (!ga || !mem_copy_from_guest(&s, ga, sizeof s)) {
        strace_put_ptr(l, ga);
        return;
    }
    uint32_t u = (uint32_t)s;
    strace_put(l, "[{");
    if ((u & 0x7f) == 0) {
        strace_put(l, "WIFEXITED(s) && WEXITSTATUS(s) == %u", (u >> 8) & 0xff);
    } else if ((u & 0xff) == 0x7f) {
        strace_put(l, "WIFSTOPPED(s) && WSTOPSIG(s) == ");
        strace_sym_signal(l, (u >> 8) & 0xff);
    } else if (u == 0xffff) {
        strace_put(l, "WIFCONTINUED(s)");
    } else {
        strace_put(l, "WIFSIGNALED(s) && WTERMSIG(s) == ");
        strace_sym_signal(l, u & 0x7f);
        if (u & 0x80)
            strace_put(l, " && WCOREDUMP(s)");
    }
    strace_put(l, "}]");
}

static const struct sflag strace_idtype_names[] = {
    {P_ALL_A64, "P_ALL"}, {P_PID_A64, "P_PID"}, {P_PGID_A64, "P_PGID"}, {P_PIDFD_A64, "P_PIDFD"},
};

void strace_sym_idtype(struct sline *l, uint64_t v)
{
    strace_put_name(l, (uint32_t)v, strace_idtype_names, STRACE_N(strace_idtype_names));
}

static const struct sflag strace_pidfd_names[] = {
    {PIDFD_THREAD_A64, "PIDFD_THREAD"},
    {PIDFD_NONBLOCK_A64, "PIDFD_NONBLOCK"},
};

void strace_sym_pidfd_flags(struct sline *l, uint64_t v)
{
    strace_put_flags(l, (uint32_t)v, strace_pidfd_names, STRACE_N(strace_pidfd_names));
}

static const struct sflag strace_pidfd_signal_names[] = {
    {PIDFD_SIGNAL_THREAD_A64, "PIDFD_SIGNAL_THREAD"},
    {PIDFD_SIGNAL_THREAD_GROUP_A64, "PIDFD_SIGNAL_THREAD_GROUP"},
    {PIDFD_SIGNAL_PROCESS_GROUP_A64, "PIDFD_SIGNAL_PROCESS_GROUP"},
};

void strace_sym_pidfd_signal_flags(struct sline *l, uint64_t v)
{
    strace_put_flags(l, (uint32_t)v, strace_pidfd_signal_names, STRACE_N(strace_pidfd_signal_names));
}

/* ---- time ---- */

static const struct sflag strace_clock_names[] = {
    {CLOCK_REALTIME_A64, "CLOCK_REALTIME"},
    {CLOCK_MONOTONIC_A64, "CLOCK_MONOTONIC"},
    {CLOCK_PROCESS_CPUTIME_ID_A64, "CLOCK_PROCESS_CPUTIME_ID"},
    {CLOCK_THREAD_CPUTIME_ID_A64, "CLOCK_THREAD_CPUTIME_ID"},
    {CLOCK_MONOTONIC_RAW_A64, "CLOCK_MONOTONIC_RAW"},
    {CLOCK_REALTIME_COARSE_A64, "CLOCK_REALTIME_COARSE"},
    {CLOCK_MONOTONIC_COARSE_A64, "CLOCK_MONOTONIC_COARSE"},
    {CLOCK_BOOTTIME_A64, "CLOCK_BOOTTIME"},
    {CLOCK_REALTIME_ALARM_A64, "CLOCK_REALTIME_ALARM"},
    {CLOCK_BOOTTIME_ALARM_A64, "CLOCK_BOOTTIME_ALARM"},
    {CLOCK_TAI_A64, "CLOCK_TAI"},
};

void strace_sym_clock(struct sline *l, uint64_t v)
{
    strace_put_name(l, (uint32_t)v, strace_clock_names, STRACE_N(strace_clock_names));
}

/* {tv_sec=1, tv_nsec=500000000} */
void strace_sym_timespec(struct sline *l, uint64_t ga)
{
    struct timespec_a64 ts;
    if (!ga || !mem_copy_from_guest(&ts, ga, sizeof ts)) {
        strace_put_ptr(l, ga);
        return;
    }
    strace_put(l, "{tv_sec=%lld, tv_nsec=%lld}", (long long)ts.tv_sec, (long long)ts.tv_nsec);
}

/* ---- futex ---- */

/* futex ops as strace 6.1 names them (its xlat/futexops.in): every command,
 * alone and with _PRIVATE, and FUTEX_CLOCK_REALTIME only on the waits it
 * lists; any other value is a number with a "FUTEX_???" comment */
static const struct sflag strace_futex_names[] = {
    {FUTEX_WAIT_A64, "FUTEX_WAIT"},
    {FUTEX_WAKE_A64, "FUTEX_WAKE"},
    {FUTEX_FD_A64, "FUTEX_FD"},
    {FUTEX_REQUEUE_A64, "FUTEX_REQUEUE"},
    {FUTEX_CMP_REQUEUE_A64, "FUTEX_CMP_REQUEUE"},
    {FUTEX_WAKE_OP_A64, "FUTEX_WAKE_OP"},
    {FUTEX_LOCK_PI_A64, "FUTEX_LOCK_PI"},
    {FUTEX_UNLOCK_PI_A64, "FUTEX_UNLOCK_PI"},
    {FUTEX_TRYLOCK_PI_A64, "FUTEX_TRYLOCK_PI"},
    {FUTEX_WAIT_BITSET_A64, "FUTEX_WAIT_BITSET"},
    {FUTEX_WAKE_BITSET_A64, "FUTEX_WAKE_BITSET"},
    {FUTEX_WAIT_REQUEUE_PI_A64, "FUTEX_WAIT_REQUEUE_PI"},
    {FUTEX_CMP_REQUEUE_PI_A64, "FUTEX_CMP_REQUEUE_PI"},
    {FUTEX_LOCK_PI2_A64, "FUTEX_LOCK_PI2"},
};

/* the command strace lays the arguments out by: the low 7 bits, whatever
 * the rest holds */
static uint32_t strace_futex_cmd(uint64_t op) { return (uint32_t)op & 0x7f; }

/* FUTEX_WAIT_PRIVATE, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME... */
void strace_sym_futex_op(struct sline *l, uint64_t v)
{
    uint32_t op = (uint32_t)v, cmd = op & (uint32_t)FUTEX_CMD_MASK_A64;
    bool rt = op & FUTEX_CLOCK_REALTIME_A64, priv = op & FUTEX_PRIVATE_FLAG_A64;
    bool rt_named = cmd == FUTEX_WAIT_A64 || cmd == FUTEX_WAIT_BITSET_A64 ||
                    cmd == FUTEX_WAIT_REQUEUE_PI_A64;
    if (cmd >= STRACE_N(strace_futex_names) || (rt && !rt_named)) {
        strace_put(l, "%#x /* FUTEX_??? */", op);
        return;
    }
    strace_put(l, "%s", strace_futex_names[cmd].name);
    if (priv)
        strace_put(l, cmd == FUTEX_FD_A64 ? "|FUTEX_PRIVATE_FLAG" : "_PRIVATE");
    if (rt)
        strace_put(l, "|FUTEX_CLOCK_REALTIME");
}

bool strace_sym_futex_waits(uint64_t op)
{
    switch (strace_futex_cmd(op)) {
    case FUTEX_WAIT_A64:
    case FUTEX_WAIT_BITSET_A64:
    case FUTEX_LOCK_PI_A64:
    case FUTEX_LOCK_PI2_A64:
    case FUTEX_WAIT_REQUEUE_PI_A64: return true;
    default: return false;
    }
}

/* whether argument k (2: val, 3: timeout or val2, 4: uaddr2, 5: val3)
 * means something for op, as strace shows futex; a command strace does not
 * know shows them all */
bool strace_sym_futex_shows(uint64_t op, int k)
{
    uint32_t cmd = strace_futex_cmd(op);
    if (cmd >= STRACE_N(strace_futex_names))
        return true;
    switch (k) {
    case 2:
        return cmd != FUTEX_LOCK_PI_A64 && cmd != FUTEX_LOCK_PI2_A64 &&
               cmd != FUTEX_UNLOCK_PI_A64 && cmd != FUTEX_TRYLOCK_PI_A64;
    case 3:
        return strace_sym_futex_waits(op) || cmd == FUTEX_REQUEUE_A64 ||
               cmd == FUTEX_CMP_REQUEUE_A64 || cmd == FUTEX_WAKE_OP_A64 ||
               cmd == FUTEX_CMP_REQUEUE_PI_A64;
    case 4:
        return cmd == FUTEX_REQUEUE_A64 || cmd == FUTEX_CMP_REQUEUE_A64 || cmd == FUTEX_WAKE_OP_A64 ||
               cmd == FUTEX_WAIT_REQUEUE_PI_A64 || cmd == FUTEX_CMP_REQUEUE_PI_A64;
    case 5:
        return cmd == FUTEX_CMP_REQUEUE_A64 || cmd == FUTEX_WAKE_OP_A64 ||
               cmd == FUTEX_WAIT_BITSET_A64 || cmd == FUTEX_WAKE_BITSET_A64 ||
               cmd == FUTEX_CMP_REQUEUE_PI_A64;
    default: return true;
    }
}

/* argument 3: a timeout for the waits, the count val2 for the requeues and
 * WAKE_OP, an address for a command strace does not know */
void strace_sym_futex_arg3(struct sline *l, uint64_t op, uint64_t v)
{
    if (strace_sym_futex_waits(op))
        strace_sym_timespec(l, v);
    else if (strace_futex_cmd(op) >= STRACE_N(strace_futex_names))
        strace_put_ptr(l, v);
    else
        strace_put(l, "%u", (uint32_t)v);
}

static const char *const strace_futex_wake_ops[] = {
    "FUTEX_OP_SET", "FUTEX_OP_ADD", "FUTEX_OP_OR", "FUTEX_OP_ANDN", "FUTEX_OP_XOR",
};
static const char *const strace_futex_wake_cmps[] = {
    "FUTEX_OP_CMP_EQ", "FUTEX_OP_CMP_NE", "FUTEX_OP_CMP_LT",
    "FUTEX_OP_CMP_LE", "FUTEX_OP_CMP_GT", "FUTEX_OP_CMP_GE",
};

/* one field of WAKE_OP's encoded op: its name, or the number and a comment */
static void strace_futex_field(struct sline *l, uint32_t v, const char *const *names, uint32_t n,
                               int shift, const char *unknown)
{
    if (v < n)
        strace_put(l, "%s<<%d", names[v], shift);
    else
        strace_put(l, "%#x<<%d /* %s */", v, shift, unknown);
}

/* val3: the bitset of the _BITSET ops, the expected value of the
 * CMP_REQUEUEs, WAKE_OP's encoded operation
 * (FUTEX_OP_SET<<28|0<<12|FUTEX_OP_CMP_GT<<24|0x1) */
void strace_sym_futex_val3(struct sline *l, uint64_t op, uint64_t v)
{
    uint32_t cmd = strace_futex_cmd(op), w = (uint32_t)v;
    switch (cmd) {
    case FUTEX_CMP_REQUEUE_A64:
    case FUTEX_CMP_REQUEUE_PI_A64: strace_put(l, "%u", w); break;
    case FUTEX_WAKE_OP_A64:
        if ((w >> 28) & FUTEX_OP_OPARG_SHIFT_A64)
            strace_put(l, "FUTEX_OP_OPARG_SHIFT<<28|");
        strace_futex_field(l, (w >> 28) & 7, strace_futex_wake_ops, STRACE_N(strace_futex_wake_ops),
                           28, "FUTEX_OP_???");
        strace_put(l, "|%#x<<12|", (w >> 12) & 0xfff);
        strace_futex_field(l, (w >> 24) & 0xf, strace_futex_wake_cmps,
                           STRACE_N(strace_futex_wake_cmps), 24, "FUTEX_OP_CMP_???");
        strace_put(l, "|%#x", w & 0xfff);
        break;
    default:
        if (w == FUTEX_BITSET_MATCH_ANY_A64 && cmd < STRACE_N(strace_futex_names))
            strace_put(l, "FUTEX_BITSET_MATCH_ANY");
        else
            strace_put(l, "%#x", w);
        break;
    }
}

/* a futex_waitv entry's flags: FUTEX_32|FUTEX_PRIVATE_FLAG, leftover bits
 * in hex, a value with no known bit commented */
static void strace_futex2_flags(struct sline *l, uint32_t f)
{
    uint32_t rest = f & ~(uint32_t)(FUTEX2_SIZE_U32_A64 | FUTEX2_PRIVATE_A64);
    if (f && rest == f) {
        strace_put(l, "%#x /* FUTEX_??? */", f);
        return;
    }
    const char *sep = "";
    if (f & FUTEX2_SIZE_U32_A64)
        strace_put(l, "FUTEX_32"), sep = "|";
    if (f & FUTEX2_PRIVATE_A64)
        strace_put(l, "%sFUTEX_PRIVATE_FLAG", sep), sep = "|";
    if (rest || !f)
        strace_put(l, "%s%#x", sep, rest);
}

/* futex_waitv's array of n entries:
 * [{val=0x1, uaddr=0x..., flags=FUTEX_32|FUTEX_PRIVATE_FLAG}, ...], at most
 * 32 shown; unreadable from the start, its address; unreadable later, the
 * address where reading stopped in a comment */
void strace_sym_futex_waitv(struct sline *l, uint64_t ga, uint64_t n)
{
    struct futex_waitv_a64 e;
    uint32_t count = (uint32_t)n;
    if (!ga || (count && !mem_copy_from_guest(&e, ga, sizeof e))) {
        strace_put_ptr(l, ga);
        return;
    }
    strace_put(l, "[");
    for (uint32_t k = 0; k < count; k++) {
        uint64_t at = ga + (uint64_t)k * sizeof e;
        if (k)
            strace_put(l, ", ");
        if (k == 32) {
            strace_put(l, "...");
            break;
        }
        if (!mem_copy_from_guest(&e, at, sizeof e)) {
            strace_put(l, "... /* %#llx */", (unsigned long long)at);
            break;
        }
        strace_put(l, "{val=%#llx, uaddr=", (unsigned long long)e.val);
        strace_put_ptr(l, e.uaddr);
        strace_put(l, ", flags=");
        strace_futex2_flags(l, e.flags);
        if (e.reserved)
            strace_put(l, ", __reserved=%#x", e.reserved);
        strace_put(l, "}");
    }
    strace_put(l, "]");
}

/* ---- sockets ---- */

static const struct sflag strace_domain_names[] = {
    {AF_UNSPEC_A64, "AF_UNSPEC"},   {AF_UNIX_A64, "AF_UNIX"},         {AF_INET_A64, "AF_INET"},
    {AF_INET6_A64, "AF_INET6"},     {AF_NETLINK_A64, "AF_NETLINK"},   {AF_PACKET_A64, "AF_PACKET"},
    {AF_BLUETOOTH_A64, "AF_BLUETOOTH"}, {AF_ALG_A64, "AF_ALG"},     {AF_VSOCK_A64, "AF_VSOCK"},
};

void strace_sym_domain(struct sline *l, uint64_t v)
{
    strace_put_name(l, (uint32_t)v, strace_domain_names, STRACE_N(strace_domain_names));
}

static const struct sflag strace_socktype_names[] = {
    {SOCK_STREAM_A64, "SOCK_STREAM"}, {SOCK_DGRAM_A64, "SOCK_DGRAM"},
    {SOCK_RAW_A64, "SOCK_RAW"},       {SOCK_RDM_A64, "SOCK_RDM"},
    {SOCK_SEQPACKET_A64, "SOCK_SEQPACKET"},
};
static const struct sflag strace_sockflag_names[] = {
    {SOCK_CLOEXEC_A64, "SOCK_CLOEXEC"},
    {SOCK_NONBLOCK_A64, "SOCK_NONBLOCK"},
};

void strace_sym_socktype(struct sline *l, uint64_t v)
{
    uint32_t t = (uint32_t)v;
    strace_put_name(l, t & SOCK_TYPE_MASK_A64, strace_socktype_names, STRACE_N(strace_socktype_names));
    t &= ~(uint32_t)SOCK_TYPE_MASK_A64;
    if (t) {
        strace_put(l, "|");
        strace_put_flags(l, t, strace_sockflag_names, STRACE_N(strace_sockflag_names));
    }
}

/* accept4's flags: SOCK_CLOEXEC|SOCK_NONBLOCK */
void strace_sym_sockflags(struct sline *l, uint64_t v)
{
    strace_put_flags(l, (uint32_t)v, strace_sockflag_names, STRACE_N(strace_sockflag_names));
}

static const struct sflag strace_ipproto_names[] = {
    {IPPROTO_IP_A64, "IPPROTO_IP"},         {IPPROTO_ICMP_A64, "IPPROTO_ICMP"},
    {IPPROTO_TCP_A64, "IPPROTO_TCP"},       {IPPROTO_UDP_A64, "IPPROTO_UDP"},
    {IPPROTO_IPV6_A64, "IPPROTO_IPV6"},     {IPPROTO_ICMPV6_A64, "IPPROTO_ICMPV6"},
    {IPPROTO_SCTP_A64, "IPPROTO_SCTP"},     {IPPROTO_UDPLITE_A64, "IPPROTO_UDPLITE"},
    {IPPROTO_RAW_A64, "IPPROTO_RAW"},
};
static const struct sflag strace_netlink_names[] = {
    {NETLINK_ROUTE_A64, "NETLINK_ROUTE"},
    {NETLINK_SOCK_DIAG_A64, "NETLINK_SOCK_DIAG"},
    {NETLINK_KOBJECT_UEVENT_A64, "NETLINK_KOBJECT_UEVENT"},
};

/* the protocol's meaning depends on the domain */
void strace_sym_protocol(struct sline *l, uint64_t domain, uint64_t v)
{
    switch ((uint32_t)domain) {
    case AF_INET_A64:
    case AF_INET6_A64:
        strace_put_name(l, (uint32_t)v, strace_ipproto_names, STRACE_N(strace_ipproto_names));
        break;
    case AF_NETLINK_A64:
        strace_put_name(l, (uint32_t)v, strace_netlink_names, STRACE_N(strace_netlink_names));
        break;
    default: strace_put(l, "%d", (int)v); break;
    }
}

/* --strace lines (syscalls/strace.c, strace_sym.c, strace_sig.c): symbolic
 * arguments, the <unfinished ...>/<... resumed> pair of calls marked '~',
 * output arguments shown after the call, the [pid N] prefix and the
 * start-up handling of its inherited variable, signal and killed lines. Lines are captured from a memory
 * stream standing for the -D log. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "core/log.h"
#include "core/mem.h"
#include "syscalls/abi_fs.h"
#include "syscalls/abi_net.h"
#include "signals/signal.h"
#include "syscalls/abi_events.h"
#include "syscalls/abi_proc.h"
#include "syscalls/strace.h"

#define S_SCRATCH 0x300000ull /* one RW area for arguments */
static struct cpu scpu;
static char *s_out;
static size_t s_len;
static FILE *s_saved;

static void s_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert_int_eq(mprotect(guest_base + S_SCRATCH, 0x10000, PROT_READ | PROT_WRITE), 0);
    mem_set_flags(S_SCRATCH, 0x10000, mem_prot_flags(3));
    memset(guest_base + S_SCRATCH, 0, 0x10000);
    s_saved = log_stream;
    log_stream = open_memstream(&s_out, &s_len);
    scpu.tid = 4321;
}

/* the captured text; ends the capture */
static char *s_take(void)
{
    fclose(log_stream);
    log_stream = s_saved;
    mem_set_flags(S_SCRATCH, 0x10000, 0);
    mprotect(guest_base + S_SCRATCH, 0x10000, PROT_NONE);
    return s_out;
}

static uint64_t s_put(uint64_t off, const void *p, size_t n)
{
    memcpy(guest_base + S_SCRATCH + off, p, n);
    return S_SCRATCH + off;
}

static uint64_t gstr_s(uint64_t off, const char *str) { return s_put(off, str, strlen(str) + 1); }

START_TEST(test_strace_symbols)
{
    s_setup();
    uint64_t mm[6] = {0, 8192, PROT_READ_A64 | PROT_WRITE_A64, MAP_PRIVATE_A64 | MAP_ANONYMOUS_A64,
                      (uint64_t)-1, 0};
    strace_exit(&scpu, "mmap", "purMfx", mm, 0x5500000000);
    uint64_t mp[6] = {0x5500000000, 4096, 0};
    strace_exit(&scpu, "mprotect", "pur", mp, 0);
    uint64_t mr[6] = {0x5500000000, 4096, 8192, MREMAP_MAYMOVE_A64, 0};
    strace_exit(&scpu, "mremap", "puuRp", mr, 0x5500002000);
    struct sigaction_a64 sa = {0x400123, SA_RESTORER_A64 | SA_SIGINFO_A64, 0x400456,
                               sig_bit_a64(SIGINT_A64) | sig_bit_a64(SIGTERM_A64)};
    struct sigaction_a64 old = {SIG_IGN_A64, 0, 0, 0};
    uint64_t ra[6] = {SIGINT_A64, s_put(0, &sa, sizeof sa), s_put(64, &old, sizeof old), 8};
    strace_exit(&scpu, "rt_sigaction", "SAOu", ra, 0);
    uint64_t full = ~(sig_bit_a64(SIGRTMIN_A64) | sig_bit_a64(SIGRTMIN_A64 + 1));
    uint64_t rp[6] = {SIG_BLOCK_A64, s_put(128, &full, 8), 0, 8};
    strace_exit(&scpu, "rt_sigprocmask", "hkKu", rp, 0);
    uint64_t kl[6] = {77, SIGKILL_A64};
    strace_exit(&scpu, "kill", "dS", kl, 0);
    uint64_t cl[6] = {CLONE_VM_A64 | CLONE_VFORK_A64 | SIGCHLD_A64, 0x7000, 0, 0, 0};
    strace_exit(&scpu, "clone", "C----", cl, 99);
    uint64_t so[6] = {AF_INET_A64, SOCK_STREAM_A64 | SOCK_CLOEXEC_A64, IPPROTO_TCP_A64};
    strace_exit(&scpu, "socket", "DTI", so, 3);
    uint64_t fc[6] = {3, F_GETFL_A64, 0};
    strace_exit(&scpu, "fcntl", "fcG", fc, 2 /* O_RDWR */ | O_NONBLOCK_A64);
    uint64_t io[6] = {1, TIOCGWINSZ_A64, 0x1000};
    strace_exit(&scpu, "ioctl", "fix", io, 0);
    int32_t st = 0x0900; /* exited with 9 */
    uint64_t w4[6] = {(uint32_t)-1, s_put(192, &st, 4), WNOHANG_A64 | WALL_A64, 0};
    strace_exit(&scpu, "wait4", "dWwp", w4, 77);
    uint64_t fw[6] = {0x1000, FUTEX_WAKE_A64 | FUTEX_PRIVATE_FLAG_A64, 1, 0, 0, 0};
    strace_exit(&scpu, "futex", "pUdQpV", fw, 0);
    uint64_t fb[6] = {0x1000, FUTEX_WAIT_BITSET_A64 | FUTEX_CLOCK_REALTIME_A64, 2, 0, 0,
                      FUTEX_BITSET_MATCH_ANY_A64};
    strace_exit(&scpu, "futex", "pUdQpV", fb, -ETIMEDOUT);
    uint64_t ev[6] = {gstr_s(256, "/bin/sh"), 0, 0};
    uint64_t vec[3] = {gstr_s(300, "sh"), gstr_s(310, "-c"), 0};
    ev[1] = s_put(320, vec, sizeof vec);
    ev[2] = s_put(352, &vec[1], 2 * sizeof vec[0]);
    strace_exit(&scpu, "execve", "~sve", ev, -ENOENT);
    char *out = s_take();
    ck_assert_str_eq(out,
        "mmap(NULL, 8192, PROT_READ|PROT_WRITE, MAP_PRIVATE|MAP_ANONYMOUS, -1, 0) = 0x5500000000\n"
        "mprotect(0x5500000000, 4096, PROT_NONE) = 0\n"
        "mremap(0x5500000000, 4096, 8192, MREMAP_MAYMOVE) = 0x5500002000\n"
        "rt_sigaction(SIGINT, {sa_handler=0x400123, sa_mask=[INT TERM], sa_flags=SA_RESTORER|SA_SIGINFO, "
        "sa_restorer=0x400456}, {sa_handler=SIG_IGN, sa_mask=[], sa_flags=0}, 8) = 0\n"
        "rt_sigprocmask(SIG_BLOCK, ~[RTMIN RT_1], NULL, 8) = 0\n"
        "kill(77, SIGKILL) = 0\n"
        "clone(child_stack=0x7000, flags=CLONE_VM|CLONE_VFORK|SIGCHLD) = 99\n"
        "socket(AF_INET, SOCK_STREAM|SOCK_CLOEXEC, IPPROTO_TCP) = 3\n"
        "fcntl(3, F_GETFL) = 0x802 (flags O_RDWR|O_NONBLOCK)\n"
        "ioctl(1, TIOCGWINSZ, 0x1000) = 0\n"
        "wait4(-1, [{WIFEXITED(s) && WEXITSTATUS(s) == 9}], WNOHANG|__WALL, NULL) = 77\n"
        "futex(0x1000, FUTEX_WAKE_PRIVATE, 1) = 0\n"
        "futex(0x1000, FUTEX_WAIT_BITSET|FUTEX_CLOCK_REALTIME, 2, NULL, FUTEX_BITSET_MATCH_ANY) = -1 "
        "ETIMEDOUT (Connection timed out)\n"
        "execve(\"/bin/sh\", [\"sh\", \"-c\"], " "0x300160 /* 1 var */) = -1 ENOENT (No such file or directory)\n");
    free(out);
}
END_TEST

/* '~' rows: a line at entry up to the first output argument, and a resumed
 * line with the rest; [pid N] once a fork has happened */
START_TEST(test_strace_blocking)
{
    char *env[] = {(char *)"A=1", (char *)STRACE_PIDS_ENV "=1", (char *)"B=2", NULL};
    strace_init(env);
    ck_assert(strace_pid_prefix());
    ck_assert_str_eq(env[0], "A=1");
    ck_assert_str_eq(env[1], "B=2");
    ck_assert_ptr_null(env[2]);
    s_setup();
    /* read/write wait only on descriptors that can: a pipe here (a regular
     * file gets one line, test_strace_regular_file) */
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    struct strace_call sc;
    uint64_t rd[6] = {(uint64_t)p[0], s_put(0, "xyz", 3), 16};
    strace_call_enter(&scpu, &sc, "read", "~fBu", rd);
    strace_call_exit(&scpu, &sc, 1);
    uint64_t wr[6] = {(uint64_t)p[1], s_put(16, "hi\n", 3), 3};
    strace_call_enter(&scpu, &sc, "write", "~fbu", wr);
    strace_call_exit(&scpu, &sc, -EPIPE);
    uint64_t ex[6] = {3};
    strace_call_enter(&scpu, &sc, "exit_group", "d", ex);
    char *nothing[] = {NULL};
    strace_init(nothing);
    ck_assert(!strace_pid_prefix());
    strace_call_enter(&scpu, &sc, "pipe2", "PF", (uint64_t[6]){S_SCRATCH + 32, O_CLOEXEC_A64});
    s_put(32, (int32_t[2]){5, 6}, 8);
    strace_call_exit(&scpu, &sc, 0);
    char *out = s_take();
    char want[512];
    snprintf(want, sizeof want,
             "[pid 4321] read(%d,  <unfinished ...>\n"
             "[pid 4321] <... read resumed>\"x\", 16) = 1\n"
             "[pid 4321] write(%d, \"hi\\n\", 3 <unfinished ...>\n"
             "[pid 4321] <... write resumed>) = -1 EPIPE (Broken pipe)\n"
             "[pid 4321] exit_group(3) = ?\n"
             "[pid 4321] +++ exited with 3 +++\n"
             "pipe2([5, 6], O_CLOEXEC) = 0\n",
             p[0], p[1]);
    close(p[0]);
    close(p[1]);
    ck_assert_str_eq(out, want);
    free(out);
}
END_TEST

/* regression: a read or write on a regular file never waits, so it is one
 * line even though its row is marked '~' (a log of every file read would
 * otherwise double) */
START_TEST(test_strace_regular_file)
{
    char *nothing[] = {NULL};
    strace_init(nothing);
    s_setup();
    FILE *f = tmpfile();
    ck_assert_ptr_nonnull(f);
    int fd = fileno(f);
    struct strace_call sc;
    uint64_t wr[6] = {(uint64_t)fd, s_put(0, "ab", 2), 2};
    strace_call_enter(&scpu, &sc, "write", "~fbu", wr);
    strace_call_exit(&scpu, &sc, 2);
    char *out = s_take();
    char want[128];
    snprintf(want, sizeof want, "write(%d, \"ab\", 2) = 2\n", fd);
    fclose(f);
    ck_assert_str_eq(out, want);
    free(out);
}
END_TEST

/* a siginfo with the fields every case sets */
static siginfo_t s_si(int sig, int code)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = sig;
    si.si_code = code;
    return si;
}

/* "--- SIG... {...} ---" lines as strace(1) prints them (strace 6.1 on the
 * host gave the same text for the same siginfo), "+++ killed by ... +++",
 * and the siginfo and SFD_ arguments */
START_TEST(test_strace_signal_lines)
{
    char *pids[] = {(char *)STRACE_PIDS_ENV "=1", NULL};
    strace_init(pids);
    sig_thread_attach(&scpu);
    s_setup();
    siginfo_t si = s_si(SIGINT_A64, SI_USER_A64);
    si.si_pid = 1234;
    si.si_uid = 1000;
    strace_signal(&si);
    si = s_si(SIGSEGV_A64, SEGV_MAPERR_A64);
    si.si_addr = (void *)0x10;
    strace_signal(&si);
    si = s_si(SIGCHLD_A64, CLD_EXITED_A64);
    si.si_pid = 77;
    strace_signal(&si);
    si = s_si(SIGCHLD_A64, CLD_KILLED_A64);
    si.si_pid = 78;
    si.si_uid = (uid_t)-1;
    si.si_status = SIGTERM_A64;
    si.si_utime = 26;
    si.si_stime = 1;
    strace_signal(&si);
    strace_signal(&(siginfo_t){.si_signo = SIGALRM_A64, .si_code = SI_KERNEL_A64});
    si = s_si(SIGRTMIN_A64, SI_QUEUE_A64);
    si.si_pid = 5;
    si.si_uid = 6;
    si.si_int = 5;
    strace_signal(&si);
    si = s_si(SIGALRM_A64, SI_TIMER_A64);
    si.si_timerid = 0x12;
    si.si_overrun = 3;
    si.si_int = 9;
    strace_signal(&si);
    si = s_si(SIGUSR1_A64, SI_TKILL_A64);
    si.si_pid = 9;
    strace_signal(&si);
    si = s_si(SIGRTMIN_A64 + 2, -100);
    si.si_pid = 7;
    strace_signal(&si);
    si = s_si(SIGRTMIN_A64 + 1, SI_QUEUE_A64);
    si.si_errno = ENOENT;
    strace_signal(&si);
    si = s_si(SIGILL_A64, ILL_ILLOPC_A64);
    si.si_addr = (void *)0x400000;
    strace_signal(&si);
    si = s_si(SIGTRAP_A64, TRAP_BRKPT_A64);
    si.si_addr = (void *)0x400004;
    strace_signal(&si);
    si = s_si(SIGBUS_A64, BUS_ADRALN_A64);
    si.si_addr = (void *)0x400001;
    strace_signal(&si);
    si = s_si(SIGFPE_A64, 99); /* no such FPE_ code: hex */
    strace_signal(&si);
    si = s_si(SIGIO_A64, POLL_IN_A64);
    si.si_band = 65;
    si.si_fd = 3;
    strace_signal(&si);
    si = s_si(SIGSYS_A64, SYS_SECCOMP_A64);
    si.si_call_addr = (void *)0x400100;
    si.si_syscall = 172;
    si.si_arch = AUDIT_ARCH_AARCH64_A64;
    strace_signal(&si);
    strace_killed(SIGSEGV_A64, true);
    strace_killed(SIGTERM_A64, false);
    char *nothing[] = {NULL};
    strace_init(nothing);
    strace_killed(SIGRTMIN_A64 + 1, false);
    /* arguments: a siginfo read by the call, signalfd's flags */
    si = s_si(SIGRTMIN_A64 + 1, SI_QUEUE_A64);
    si.si_pid = 1234;
    si.si_uid = 1000;
    si.si_int = 5;
    uint64_t qi[6] = {1234, SIGRTMIN_A64 + 1, s_put(0, &si, sizeof si)};
    strace_exit(&scpu, "rt_sigqueueinfo", "dSX", qi, 0);
    si = s_si(0, SI_QUEUE_A64); /* no signal number: strace shows {} */
    uint64_t tq[6] = {1234, 1235, SIGUSR2_A64, s_put(0, &si, sizeof si)};
    strace_exit(&scpu, "rt_tgsigqueueinfo", "ddSX", tq, -EINVAL);
    uint64_t usr1 = sig_bit_a64(SIGUSR1_A64);
    uint64_t sf[6] = {(uint64_t)-1, s_put(256, &usr1, 8), 8, SFD_CLOEXEC_A64};
    strace_exit(&scpu, "signalfd4", "fkuE", sf, 3);
    uint64_t sf2[6] = {3, s_put(256, &usr1, 8), 8, SFD_CLOEXEC_A64 | SFD_NONBLOCK_A64 | 1};
    strace_exit(&scpu, "signalfd4", "fkuE", sf2, -EINVAL);
    uint64_t sf3[6] = {3, 0x10, 8, 0};
    strace_exit(&scpu, "signalfd4", "fkuE", sf3, -EFAULT);
    sig_thread_attach(NULL);
    char *out = s_take();
    ck_assert_str_eq(out,
        "[pid 4321] --- SIGINT {si_signo=SIGINT, si_code=SI_USER, si_pid=1234, si_uid=1000} ---\n"
        "[pid 4321] --- SIGSEGV {si_signo=SIGSEGV, si_code=SEGV_MAPERR, si_addr=0x10} ---\n"
        "[pid 4321] --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_EXITED, si_pid=77, si_uid=0, "
        "si_status=0, si_utime=0, si_stime=0} ---\n"
        "[pid 4321] --- SIGCHLD {si_signo=SIGCHLD, si_code=CLD_KILLED, si_pid=78, si_uid=-1, "
        "si_status=SIGTERM, si_utime=26 /* 0.26 s */, si_stime=1 /* 0.01 s */} ---\n"
        "[pid 4321] --- SIGALRM {si_signo=SIGALRM, si_code=SI_KERNEL} ---\n"
        "[pid 4321] --- SIGRTMIN {si_signo=SIGRTMIN, si_code=SI_QUEUE, si_pid=5, si_uid=6, "
        "si_int=5, si_ptr=0x5} ---\n"
        "[pid 4321] --- SIGALRM {si_signo=SIGALRM, si_code=SI_TIMER, si_timerid=0x12, "
        "si_overrun=3, si_int=9, si_ptr=0x9} ---\n"
        "[pid 4321] --- SIGUSR1 {si_signo=SIGUSR1, si_code=SI_TKILL, si_pid=9, si_uid=0} ---\n"
        "[pid 4321] --- SIGRT_2 {si_signo=SIGRT_2, si_code=0xffffff9c, si_pid=7, si_uid=0} ---\n"
        "[pid 4321] --- SIGRT_1 {si_signo=SIGRT_1, si_code=SI_QUEUE, si_errno=ENOENT, si_pid=0, "
        "si_uid=0} ---\n"
        "[pid 4321] --- SIGILL {si_signo=SIGILL, si_code=ILL_ILLOPC, si_addr=0x400000} ---\n"
        "[pid 4321] --- SIGTRAP {si_signo=SIGTRAP, si_code=TRAP_BRKPT, si_addr=0x400004} ---\n"
        "[pid 4321] --- SIGBUS {si_signo=SIGBUS, si_code=BUS_ADRALN, si_addr=0x400001} ---\n"
        "[pid 4321] --- SIGFPE {si_signo=SIGFPE, si_code=0x63, si_addr=NULL} ---\n"
        "[pid 4321] --- SIGIO {si_signo=SIGIO, si_code=POLL_IN, si_band=65, si_fd=3} ---\n"
        "[pid 4321] --- SIGSYS {si_signo=SIGSYS, si_code=SYS_SECCOMP, si_call_addr=0x400100, "
        "si_syscall=__NR_getpid, si_arch=AUDIT_ARCH_AARCH64} ---\n"
        "[pid 4321] +++ killed by SIGSEGV (core dumped) +++\n"
        "[pid 4321] +++ killed by SIGTERM +++\n"
        "+++ killed by SIGRT_1 +++\n"
        "rt_sigqueueinfo(1234, SIGRT_1, {si_signo=SIGRT_1, si_code=SI_QUEUE, si_pid=1234, "
        "si_uid=1000, si_int=5, si_ptr=0x5}) = 0\n"
        "rt_tgsigqueueinfo(1234, 1235, SIGUSR2, {}) = -1 EINVAL (Invalid argument)\n"
        "signalfd4(-1, [USR1], 8, SFD_CLOEXEC) = 3\n"
        "signalfd4(3, [USR1], 8, SFD_CLOEXEC|SFD_NONBLOCK|0x1) = -1 EINVAL (Invalid argument)\n"
        "signalfd4(3, 0x10, 8, 0) = -1 EFAULT (Bad address)\n");
    free(out);
}
END_TEST

/* the si_code values named for the guest are the host's too (asm-generic) */
START_TEST(test_strace_si_codes)
{
    ck_assert_int_eq(SI_USER_A64, SI_USER);
    ck_assert_int_eq(SI_KERNEL_A64, SI_KERNEL);
    ck_assert_int_eq(SI_QUEUE_A64, SI_QUEUE);
    ck_assert_int_eq(SI_TIMER_A64, SI_TIMER);
    ck_assert_int_eq(SI_MESGQ_A64, SI_MESGQ);
    ck_assert_int_eq(SI_ASYNCIO_A64, SI_ASYNCIO);
    ck_assert_int_eq(SI_SIGIO_A64, SI_SIGIO);
    ck_assert_int_eq(SI_TKILL_A64, SI_TKILL);
    ck_assert_int_eq(SI_ASYNCNL_A64, SI_ASYNCNL);
    ck_assert_int_eq(ILL_BADIADDR_A64, ILL_BADIADDR);
    ck_assert_int_eq(FPE_CONDTRAP_A64, FPE_CONDTRAP);
    ck_assert_int_eq(SEGV_MTESERR_A64, SEGV_MTESERR);
    ck_assert_int_eq(BUS_MCEERR_AO_A64, BUS_MCEERR_AO);
    ck_assert_int_eq(TRAP_UNK_A64, TRAP_UNK);
    ck_assert_int_eq(CLD_CONTINUED_A64, CLD_CONTINUED);
    ck_assert_int_eq(POLL_HUP_A64, POLL_HUP);
}
END_TEST

Suite *suite_strace(void)
{
    Suite *s = suite_create("strace");
    TCase *t = tcase_create("lines");
    tcase_add_test(t, test_strace_symbols);
    tcase_add_test(t, test_strace_blocking);
    tcase_add_test(t, test_strace_regular_file);
    tcase_add_test(t, test_strace_signal_lines);
    tcase_add_test(t, test_strace_si_codes);
    suite_add_tcase(s, t);
    return s;
}

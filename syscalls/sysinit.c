/* Process set-up for the syscall layer, before the guest starts: chooses
 * fd_pvm_base (syscalls/fdtab.c) and moves pvm's own already-open
 * descriptors (the -D log stream, wherever fopen put it, even on 0-2 when
 * pvm started with those closed) into the reserved range, so the guest can
 * never see, use or close them, and records their files' identities so no
 * other route reopens them (fdtab_protect); keeps a hidden close-on-exec copy
 * of the original stderr for pvm's messages (core/log.h) when that is a
 * terminal or a regular file, never a pipe or socket (a copy would keep its
 * reader waiting after a daemonising guest closed its descriptors; the copy
 * needs no protection: the guest had that file as its fd 2); takes strace's
 * inherited pid-prefix variable out of the guest environment
 * (syscalls/strace.c); then keeps pvm's binary open in the hidden range for
 * re-executing itself (syscalls/selfexe.h). Forked children inherit all
 * three hidden descriptors. */
#include "signals/signal.h"
#include "syscalls/sysinit.h"

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/options.h"
#include "syscalls/fdtab.h"
#include "syscalls/proc_state.h"
#include "syscalls/procfs.h"
#include "syscalls/selfexe.h"
#include "syscalls/strace.h"

/* Re-homes a stdio stream on a descriptor in the reserved range. The FILE
 * keeps its buffering mode; the old descriptor is closed. */
static FILE *sysinit_hide_stream(FILE *f)
{
    int fd = fileno(f);
    if (fd < 0 || fd >= fd_pvm_base)
        return f;
    fflush(f);
    int n = fcntl(fd, F_DUPFD_CLOEXEC, fd_pvm_base);
    if (n < 0) {
        log_error("cannot move the log descriptor out of the guest's range: %m");
        return f;
    }
    /* dup3 onto itself is not possible; swap the FILE instead */
    FILE *nf = fdopen(n, "a");
    if (!nf) {
        close(n);
        return f;
    }
    setvbuf(nf, NULL, _IOLBF, 0);
    fclose(f);
    fdtab_protect(n); /* known by identity too (fdtab.h) */
    return nf;
}

/* the copy of stderr for pvm's messages: only of a terminal or a regular
 * file, taken after the log left fds 0-2 (fd 2 may have been the log) */
static void sysinit_keep_stderr(void)
{
    struct stat st;
    if (fstat(2, &st) != 0 || !(S_ISREG(st.st_mode) || (S_ISCHR(st.st_mode) && isatty(2))))
        return;
    int fd = fcntl(2, F_DUPFD_CLOEXEC, fd_pvm_base);
    if (fd >= 0)
        log_set_stderr_copy(fd);
}

void sysinit_process(void)
{
    fdtab_init();
    exec_take_env(opt.guest_envp);
    strace_init(opt.guest_envp);
    sig_exec_take_env(sig_thread_cpu(), opt.guest_envp);
    if (log_on(DBG_strace)) {
        /* deliveries and deaths by a signal in strace's format */
        sig_trace_hook = strace_signal;
        sig_killed_hook = strace_killed;
    }
    if (log_stream)
        log_stream = sysinit_hide_stream(log_stream);
    sysinit_keep_stderr();
    /* after those two, which keep their places (the log first) */
    selfexe_init(opt.self_fd, opt.pvm_argv0);
    if (log_on(DBG_proc) && !procfs_mounted())
        log_printf("proc: /proc is not procfs here: the guest's /proc paths are what is there "
                   "(ENOENT), no host mapping budget, core files without file names, "
                   "cmdline and environ stay pvm's\n");
}

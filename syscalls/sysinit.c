/* Process set-up for the syscall layer, before the guest starts: chooses
 * fd_pvm_base (syscalls/fdtab.c) and moves pvm's own already-open
 * descriptors (the -D log stream) into the reserved range, so the guest can
 * never see, use or close them, and records their files' identities so no
 * other route reopens them (fdtab_protect); takes strace's inherited pid-prefix variable
 * out of the guest environment (syscalls/strace.c). */
#include "syscalls/sysinit.h"

#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

#include "core/log.h"
#include "core/options.h"
#include "syscalls/fdtab.h"
#include "syscalls/strace.h"

/* Re-homes a stdio stream on a descriptor in the reserved range. The FILE
 * keeps its buffering mode; the old descriptor is closed. */
static FILE *sysinit_hide_stream(FILE *f)
{
    int fd = fileno(f);
    if (fd < 0 || fd >= fd_pvm_base || fd <= 2)
        return f; /* stdin/out/err are the guest's as well */
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

void sysinit_process(void)
{
    fdtab_init();
    strace_init(opt.guest_envp);
    if (log_stream)
        log_stream = sysinit_hide_stream(log_stream);
}

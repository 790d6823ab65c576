/* The view ps sees: what the host kernel shows of a pvm process in
 * /proc/<pid>/comm, stat, cmdline and environ, to host tools (ps, pgrep,
 * pidof, killall, top) and to other pvm processes, is its guest's; another
 * pvm resolves its /proc/<pid>/exe to its guest program. Set up once per
 * pvm process by psview_init, at start-up, so after every exec too (an
 * exec'd guest program starts a new pvm). docs/design.md "The view ps
 * sees". */
#ifndef PVM_SYSCALLS_PSVIEW_H
#define PVM_SYSCALLS_PSVIEW_H

#include <stdbool.h>

/* After the loader built the guest's stack, before any second thread:
 * names the thread after the guest program (comm), points the host's
 * argument and environment areas at the guest's strings (cmdline, environ)
 * and keeps the guest program open for other pvms (psview_exe_fd_of).
 * What the host refuses is logged under -d proc; the guest runs either way. */
void psview_init(void);

/* true when the host's /proc/<pid>/cmdline and environ of this process show
 * the guest's strings (set by psview_init, read-only after it) */
bool psview_host_args(void);

/* The descriptor another pvm process (pid) keeps on its guest program: its
 * highest descriptor, when that is the O_PATH one psview_init made; -1 when
 * there is none or it cannot be seen (the caller may not read that
 * process's descriptors: the kernel's rule for its exe too). */
long psview_exe_fd_of(long pid);

#endif

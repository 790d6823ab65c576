/* Guest core files: when a guest dies of a core-dumping signal with the
 * default action, pvm writes an ELF core of the GUEST (arm64, the guest's
 * registers, mappings and memory at guest addresses), never of itself, so
 * that `gdb-multiarch PROGRAM core` shows the guest's state. pvm's own
 * death then goes through engine_die_by_signal, which sets RLIMIT_CORE to 0
 * so the host kernel adds no core of pvm.
 *
 * Whether and where, as the kernel decides for a native process:
 *   - no core when the soft RLIMIT_CORE is below one page (the kernel's
 *     min_coredump; 0 is the usual "off") or the process is not dumpable
 *     (prctl PR_SET_DUMPABLE 0, which the guest's prctl reaches);
 *   - the name comes from /proc/sys/kernel/core_pattern, relative to the
 *     current directory, with %% %p %P %i %I %u %g %d %s %t %h %e %f %E %c
 *     %C expanded as the kernel does (comm: the guest's, process_get_comm;
 *     the executable: the guest program), any other %x dropped, and ".PID"
 *     appended when core_uses_pid is nonzero and %p is absent;
 *   - a pattern that hands the core to a program ("|/usr/lib/systemd/...",
 *     apport) or a socket ("@...") cannot be fed by pvm as the kernel does
 *     (the helper would read /proc/PID of a pvm, not of an arm64 process);
 *     then the core goes to "core" in the current directory, the kernel's
 *     default pattern (".PID" with core_uses_pid);
 *   - the file is made as the kernel makes it: an existing one unlinked,
 *     then created O_EXCL|O_NOFOLLOW with mode 0600, and given up unless it
 *     is a regular file with one link, owned by the effective uid, mode 0600
 *     after the umask;
 *   - the soft RLIMIT_CORE caps the file: headers, notes and memory are
 *     written in pieces (a page at a time for memory) and the first piece
 *     that would pass the limit ends the file there, as the kernel's
 *     dump_emit does.
 *
 * What is written: ET_CORE, EM_AARCH64, ELF64 little-endian. One PT_NOTE
 * with NT_PRSTATUS (signal, pending and blocked sets, ids, times, x0..x30,
 * sp, pc, pstate), NT_PRPSINFO (state, ids, comm, the first 79 bytes of the
 * arguments), NT_SIGINFO, NT_AUXV (the guest's auxv), NT_FILE (the
 * file-backed guest mappings), NT_FPREGSET (v0..v31, fpsr, fpcr) and
 * NT_ARM_TLS (tpidr_el0), in the kernel's order. Then one PT_LOAD per guest
 * mapping (core/guestmaps.h: the same list as /proc/self/maps) with its
 * guest addresses and permissions; its bytes are in the file when it is
 * readable and writable or anonymous; of a read-only file mapping only the
 * first page, when the mapping starts at offset 0 of an ELF file (the
 * kernel's ELF-header rule, so a debugger finds build ids); nothing of an
 * unreadable one. Pages of anonymous mappings that read as zero are holes.
 * Left out: other threads (pvm runs one guest thread per process), the
 * arm64 notes gdb does not need (hardware breakpoints, SVE, PAC, MTE), and
 * coredump_filter (the rule above stands for its default).
 *
 * Safety: guest memory is read only where the page flags say PG_R, and
 * never touched directly where the host could fault (a file mapping past
 * the end of its file): such bytes go through write(2) or
 * process_vm_readv(2), which fail with EFAULT instead, and a page that
 * cannot be read is a hole. A second call while one is running (a fault
 * inside the writer) returns false. */
#ifndef PVM_SIGNALS_CORE_H
#define PVM_SIGNALS_CORE_H

#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/cpu.h"

/* true for the signals whose default action dumps core */
static inline bool core_dump_sig(int sig)
{
    switch (sig) {
    case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
    case SIGFPE: case SIGSEGV: case SIGSYS: case SIGXCPU: case SIGXFSZ:
        return true;
    default:
        return false;
    }
}

/* Writes the core file of guest thread c, which dies of si->si_signo (si:
 * what the guest would see, si_addr a guest address); c->pc is the pc of
 * the instruction that faulted or would run next. Returns whether a core
 * file was written (perhaps cut short by RLIMIT_CORE). */
bool core_dump_write(const struct cpu *c, const siginfo_t *si);

/* ---- its parts, for the unit tests ---- */

/* The file name core_pattern text `pattern` (without its newline) gives
 * for thread tid dying of sig with core limit `limit`, into out (cap
 * bytes); a pipe or socket pattern gives the default ("core"). false when
 * the name is empty or does not fit. */
bool core_dump_name(char *out, size_t cap, const char *pattern, bool uses_pid, int sig, int tid,
                    uint64_t limit);

/* Writes the whole core of c to fd (an empty regular file), at most limit
 * bytes; false on a write error. */
bool core_dump_to_fd(int fd, const struct cpu *c, const siginfo_t *si, uint64_t limit);

#endif

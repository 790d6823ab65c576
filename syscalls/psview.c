/* The view ps sees (psview.h). pvm is one host process per guest process,
 * so the host's /proc entries of that process are what every tool reads;
 * psview_init makes the ones that name the program the guest's:
 * - comm: the first thread is named after the guest program by the
 *   kernel's rule (core/process.h process_exec_name); threads and forks
 *   inherit the name from the host thread that made them, and the guest's
 *   PR_SET_NAME and comm-file writes rename host threads, so pvm keeps no
 *   copy and /proc's comm (and stat's and status's name) is the host's.
 * - cmdline and environ: PR_SET_MM_MAP sets the kernel's arg_start..arg_end
 *   and env_start..env_end to the guest's own argument and environment
 *   strings on the guest's stack (host addresses inside the guest region),
 *   and every other field to the value it has (read from /proc/self/stat,
 *   brk last), so nothing else changes; without exe_fd the call needs no
 *   capability. The kernel reads cmdline only from anonymous memory
 *   (FOLL_ANON): the guest's stack is a private anonymous mapping. Since
 *   the kernel then reads the guest's live memory, a guest that rewrites
 *   its argument strings (setproctitle) is shown by the kernel's own rules,
 *   as a native process is (qemu-user shows its own command line instead).
 *   The areas stay inside the guest region, so nothing of pvm's can show.
 * - exe: the host's link stays pvm's binary (changing it needs
 *   CAP_CHECKPOINT_RESTORE). The guest program is kept open (O_PATH,
 *   close-on-exec, unprotected: the guest may open its own program) as the
 *   highest descriptor of pvm's hidden range (fdtab_hide_top), so another
 *   pvm finds it as that process's highest descriptor with O_PATH in its
 *   fdinfo (psview_exe_fd_of) and follows /proc/<pid>/fd/<N> instead of
 *   /proc/<pid>/exe: the kernel checks the same permission (ptrace read
 *   access) for both.
 * Nothing here can fail the guest: a refusal (EPERM under a seccomp filter
 * or in some containers, EINVAL without CONFIG_CHECKPOINT_RESTORE) leaves
 * the host's view as it was, says why under -d proc, and /proc/self/cmdline
 * is emulated for the guest instead (procfs.c). */
#include "syscalls/psview.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/process.h"
#include "syscalls/fdtab.h"

/* set once by psview_init, before any second thread; read-only after */
static bool psview_args_ok;

bool psview_host_args(void) { return psview_args_ok; }

/* the kernel's stat fields this needs (1-based numbers) */
#define PSVIEW_NFIELDS 48

/* Reads /proc/self/stat's numeric fields 4..47 into v[] (v[k] is field k);
 * false when the file is unreadable or short. No allocation: the caller
 * reads brk right after, and pvm's malloc may move it. */
static bool psview_stat(uint64_t v[PSVIEW_NFIELDS])
{
    char buf[2048];
    int fd = open("/proc/self/stat", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return false;
    buf[n] = 0;
    /* "pid (comm) state ...": comm may hold spaces and parentheses */
    char *p = strrchr(buf, ')');
    if (!p || p[1] != ' ')
        return false;
    p += 2;
    int k = 3;
    for (; k < PSVIEW_NFIELDS && *p; k++) {
        char *end;
        v[k] = k == 3 ? 0 : strtoull(p, &end, 10);
        p = strchr(p, ' ');
        if (!p)
            break;
        p++;
    }
    return k >= PSVIEW_NFIELDS - 1;
}

/* cmdline and environ: the kernel's argument and environment areas become
 * the guest's strings; false (errno set) when the host refuses */
static bool psview_set_args(void)
{
    uint64_t v[PSVIEW_NFIELDS] = {0};
    if (!gproc.argv_start || !gproc.env_start) {
        errno = ENOENT;
        return false;
    }
    errno = 0;
    if (!psview_stat(v)) {
        if (!errno)
            errno = EIO;
        return false;
    }
    struct prctl_mm_map m = {
        .start_code = v[26],
        .end_code = v[27],
        .start_data = v[45],
        .end_data = v[46],
        .start_brk = v[47],
        .brk = (uint64_t)syscall(SYS_brk, 0), /* last: nothing moves it after */
        .start_stack = v[28],
        .arg_start = (uint64_t)(uintptr_t)g2h(gproc.argv_start),
        .arg_end = (uint64_t)(uintptr_t)g2h(gproc.argv_end),
        .env_start = (uint64_t)(uintptr_t)g2h(gproc.env_start),
        .env_end = (uint64_t)(uintptr_t)g2h(gproc.env_end),
        .auxv = NULL,
        .auxv_size = 0,       /* the host's auxv stays (the guest's is emulated) */
        .exe_fd = (uint32_t)-1, /* unchanged: changing it needs a capability */
    };
    return prctl(PR_SET_MM, PR_SET_MM_MAP, (unsigned long)&m, sizeof m, 0) == 0;
}

/* exe: the guest program as the highest descriptor (see the top) */
static void psview_keep_exe(void)
{
    int fd = gproc.exe_path[0] ? open(gproc.exe_path, O_PATH | O_CLOEXEC) : -1;
    int top = fd >= 0 ? fdtab_hide_top(fd) : -1;
    if (top >= 0)
        return;
    if (log_on(DBG_proc))
        log_printf("proc: cannot keep the guest program open (%s): other pvm processes see "
                   "this one's /proc/%d/exe as pvm's binary\n",
                   strerror(errno), (int)getpid());
    if (fd >= 0)
        close(fd);
}

void psview_init(void)
{
    char name[16];
    process_exec_name(name);
    prctl(PR_SET_NAME, name, 0, 0, 0);
    psview_args_ok = psview_set_args();
    if (!psview_args_ok && log_on(DBG_proc))
        log_printf("proc: PR_SET_MM_MAP: %s: the host's /proc/%d/cmdline and environ stay pvm's "
                   "(the guest's own /proc/self/cmdline is emulated)\n",
                   strerror(errno), (int)getpid());
    psview_keep_exe();
}

long psview_exe_fd_of(long pid)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%ld/fd", pid);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    long top = -1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        char *end;
        long n = strtol(e->d_name, &end, 10);
        if (end != e->d_name && !*end && n > top)
            top = n;
    }
    closedir(d);
    if (top < 0)
        return -1;
    /* "flags:\t<octal>" names O_PATH for the descriptor psview_init made;
     * any other highest descriptor is not one (a pvm that could not keep
     * its program open) */
    snprintf(path, sizeof path, "/proc/%ld/fdinfo/%ld", pid, top);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    char buf[512];
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return -1;
    buf[n] = 0;
    const char *f = strstr(buf, "flags:");
    if (!f)
        return -1;
    unsigned long flags = strtoul(f + 6, NULL, 8);
    return (flags & O_PATH) ? top : -1;
}

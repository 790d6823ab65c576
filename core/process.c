/* The process-wide guest facts (see process.h) and the process's name.
 * Invariants: pvm keeps no copy of any comm: after start-up the host's comm
 * of every thread is the guest's (syscalls/psview.c names the first thread,
 * threads and forks inherit the name from the host thread that made them,
 * PR_SET_NAME and comm-file writes go to the host), so reading the host's
 * is always right and never races with a rename. */
#include "core/process.h"

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

#include "core/mem.h"

struct guest_proc gproc;

/* at most 15 bytes of name, the rest zero (the kernel pads comm so) */
static void process_comm_copy(char out[16], const char *name)
{
    size_t n = strnlen(name, 15);
    memcpy(out, name, n);
    memset(out + n, 0, 16 - n);
}

/* The kernel names a process after the basename of the file it executed
 * (bprm->filename), which is the string AT_EXECFN points to. */
void process_exec_name(char out[16])
{
    char path[4096] = "";
    for (uint64_t a = gproc.auxv; a && a + 16 <= gproc.auxv + gproc.auxv_len; a += 16) {
        uint64_t kv[2];
        if (!mem_copy_from_guest(kv, a, sizeof kv) || kv[0] == 0)
            break;
        if (kv[0] == 31 /* AT_EXECFN */) {
            if (mem_strncpy_from_guest(path, kv[1], sizeof path) < 0)
                path[0] = 0;
            break;
        }
    }
    if (!path[0])
        snprintf(path, sizeof path, "%s", gproc.exe_path);
    const char *slash = strrchr(path, '/');
    process_comm_copy(out, slash ? slash + 1 : path);
}

void process_get_comm(char out[16])
{
    char buf[64];
    int fd = open("/proc/self/comm", O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
    if (fd >= 0)
        close(fd);
    if (n <= 0) {
        /* no /proc: the calling thread's name, the process's when it is
         * the main thread (core dumps run there or name the dumping one) */
        char name[16] = "";
        if (prctl(PR_GET_NAME, name, 0, 0, 0) == 0 && name[0])
            process_comm_copy(out, name);
        else
            process_exec_name(out);
        return;
    }
    buf[n] = 0;
    if (buf[n - 1] == '\n') /* the file ends in one; the name does not */
        buf[n - 1] = 0;
    process_comm_copy(out, buf);
}

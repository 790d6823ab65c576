/* The process-wide guest facts (see process.h). */
#include "core/process.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"

struct guest_proc gproc;

static char process_comm[16];
static bool process_comm_set;

void process_set_comm(const char *name)
{
    snprintf(process_comm, sizeof process_comm, "%s", name);
    process_comm_set = true;
}

/* The kernel names a process after the basename of the file it executed
 * (bprm->filename), which is the string AT_EXECFN points to. */
static void process_comm_init(void)
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
    process_set_comm(slash ? slash + 1 : path);
}

void process_get_comm(char out[16])
{
    if (!process_comm_set)
        process_comm_init();
    memcpy(out, process_comm, 16);
}

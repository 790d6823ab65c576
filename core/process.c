/* The process-wide guest facts (see process.h) and the comms.
 * Invariants: process_comm and every struct task_proc comm are written and
 * read under comm_lock only; the exec name is computed outside it (it reads
 * guest memory) and stored once. */
#include "core/process.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "core/mem.h"

struct guest_proc gproc;

static pthread_mutex_t comm_lock = PTHREAD_MUTEX_INITIALIZER;
static char process_comm[16];   /* the leader's, once set or initialised */
static bool process_comm_set;
static char exec_comm[16];      /* the exec name, once known */
static bool exec_comm_set;

/* at most 15 bytes of name, the rest zero (the kernel pads comm so) */
static void process_comm_copy(char out[16], const char *name)
{
    size_t n = strnlen(name, 15);
    memcpy(out, name, n);
    memset(out + n, 0, 16 - n);
}

void process_set_comm(const char *name)
{
    pthread_mutex_lock(&comm_lock);
    process_comm_copy(process_comm, name);
    process_comm_set = true;
    pthread_mutex_unlock(&comm_lock);
}

/* The kernel names a process after the basename of the file it executed
 * (bprm->filename), which is the string AT_EXECFN points to. */
static void process_exec_name(char out[16])
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

/* makes sure exec_comm is known; called without the lock */
static void process_exec_comm_init(void)
{
    pthread_mutex_lock(&comm_lock);
    bool known = exec_comm_set;
    pthread_mutex_unlock(&comm_lock);
    if (known)
        return;
    char name[16];
    process_exec_name(name);
    pthread_mutex_lock(&comm_lock);
    if (!exec_comm_set) {
        memcpy(exec_comm, name, 16);
        exec_comm_set = true;
    }
    pthread_mutex_unlock(&comm_lock);
}

void process_get_comm(char out[16])
{
    process_exec_comm_init();
    pthread_mutex_lock(&comm_lock);
    memcpy(out, process_comm_set ? process_comm : exec_comm, 16);
    pthread_mutex_unlock(&comm_lock);
}

void process_thread_set_comm(struct task_proc *tp, const char *name, bool leader)
{
    pthread_mutex_lock(&comm_lock);
    process_comm_copy(tp->comm, name);
    tp->comm_set = 1;
    if (leader) {
        memcpy(process_comm, tp->comm, 16);
        process_comm_set = true;
    }
    pthread_mutex_unlock(&comm_lock);
}

void process_thread_get_comm(const struct task_proc *tp, char out[16])
{
    process_exec_comm_init();
    pthread_mutex_lock(&comm_lock);
    memcpy(out, tp->comm_set ? tp->comm : exec_comm, 16);
    pthread_mutex_unlock(&comm_lock);
}

void process_atfork(enum fork_phase ph)
{
    switch (ph) {
    case FORK_PREPARE: pthread_mutex_lock(&comm_lock); break;
    case FORK_PARENT:
    case FORK_CHILD: pthread_mutex_unlock(&comm_lock); break;
    }
}

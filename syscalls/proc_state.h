/* Per-process guest state kept by pvm's process and signal system calls
 * (syscalls/proc.c, signal.c), gathered so a vfork child, which shares pvm's
 * memory with its suspended parent, can leave the parent's view as it was:
 * the parent saves it before the clone and restores it after (what another
 * thread of the parent changes meanwhile is lost then: the kernel would
 * have kept it, as the child's changes are its own; a known departure).
 * proc_task is guarded by a lock in proc.c: outside it, only through
 * proc_task_save/restore. */
#ifndef PVM_SYSCALLS_PROC_STATE_H
#define PVM_SYSCALLS_PROC_STATE_H

#include <stdint.h>
#include <sys/resource.h>

#include "core/cpu.h"
#include "core/process.h"
#include "syscalls/abi_proc.h"

struct proc_task_state {
    struct rlimit nofile_view;       /* RLIMIT_NOFILE as the guest set it */
    struct rlimit as_view;           /* RLIMIT_AS as the guest set it */
    struct rlimit stack_view;        /* RLIMIT_STACK with -s (opt.stack_size_given) */
    int nofile_set, as_set, stack_set; /* the views above are initialised */
};

extern struct proc_task_state proc_task;

/* a consistent copy of proc_task, and putting one back (vfork) */
void proc_task_save(struct proc_task_state *out);
void proc_task_restore(const struct proc_task_state *in);

/* proc_task's lock around a fork (core/process.h) */
void proc_atfork(enum fork_phase ph);

/* fork child (c its one thread): the kernel gives a new task no robust
 * list, and a clear-tid address only with CLONE_CHILD_CLEARTID */
void proc_task_after_fork(struct cpu *c, uint64_t clear_child_tid);

/* execve: the stack size the next image gets with -s, the soft RLIMIT_STACK
 * the guest set since (clamped to what -s accepts); 0 when pvm was given no
 * -s (the host limit is the guest's then and the next pvm reads it) or the
 * limit is infinite */
uint64_t proc_stack_limit_for_exec(void);

/* At start-up: gives the guest back the loader variables (LD_*) that the
 * pvm which exec'd this one hid from the host's loader (proc_exec.c);
 * envp is edited in place. */
void exec_take_env(char **envp);

#endif

/* System-call dispatch by guest number through the table expanded from
 * syscalls.def (numbers from the generated sysnums.h). Unknown numbers give
 * -ENOSYS and are reported once under --strace / -d unimp. */
#include "syscalls/syscall.h"

#include "core/log.h"
#include "sysnums.h"
#include "syscalls/strace.h"

struct sysent {
    const char *name;
    sys_handler fn;
    const char *fmt;
};

static const struct sysent systab[A64_NR_MAX] = {
#define SYSCALL(name, fmt) [A64_NR_##name] = {#name, sys_##name, fmt},
#include "syscalls/syscalls.def"
#undef SYSCALL
};

/* under --strace: the call's line state lives in this frame (a vfork child
 * runs on its own stack, so the parent's entry survives it) */
static __attribute__((noinline)) void syscall_dispatch_traced(struct cpu *c, const struct sysent *e,
                                                              const uint64_t a[6])
{
    struct strace_call sc;
    strace_call_enter(c, &sc, e->name, e->fmt, a);
    int64_t r = e->fn(c, a);
    strace_call_exit(c, &sc, r);
    c->x[0] = (uint64_t)r;
}

void syscall_dispatch(struct cpu *c)
{
    uint64_t nr = c->x[8];
    c->sig.orig_x0 = c->x[0]; /* a restarted call gets its x0 back */
    const uint64_t a[6] = {c->x[0], c->x[1], c->x[2], c->x[3], c->x[4], c->x[5]};
    const struct sysent *e = nr < A64_NR_MAX && systab[nr].fn ? &systab[nr] : NULL;
    if (!e) {
        if (log_on(DBG_strace | DBG_unimp))
            strace_unknown(c, nr);
        c->x[0] = (uint64_t)-ENOSYS;
        return;
    }
    if (log_on(DBG_strace)) {
        syscall_dispatch_traced(c, e, a);
        return;
    }
    c->x[0] = (uint64_t)e->fn(c, a);
}

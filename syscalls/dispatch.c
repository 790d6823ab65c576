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

void syscall_dispatch(struct cpu *c)
{
    uint64_t nr = c->x[8];
    const uint64_t a[6] = {c->x[0], c->x[1], c->x[2], c->x[3], c->x[4], c->x[5]};
    const struct sysent *e = nr < A64_NR_MAX && systab[nr].fn ? &systab[nr] : NULL;
    if (!e) {
        if (log_on(DBG_strace | DBG_unimp))
            strace_unknown(nr);
        c->x[0] = (uint64_t)-ENOSYS;
        return;
    }
    if (log_on(DBG_strace))
        strace_enter(c, e->name, e->fmt, a);
    int64_t r = e->fn(c, a);
    if (log_on(DBG_strace))
        strace_exit(c, e->name, e->fmt, a, r);
    c->x[0] = (uint64_t)r;
}

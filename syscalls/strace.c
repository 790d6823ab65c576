/* placeholder until the strace printer lands */
#include "syscalls/strace.h"
#include "core/log.h"
void strace_enter(struct cpu *c, const char *name, const char *fmt, const uint64_t a[6]) {}
void strace_exit(struct cpu *c, const char *name, const char *fmt, const uint64_t a[6], int64_t r)
{
    log_printf("%s(0x%llx, 0x%llx, 0x%llx) = %lld\n", name, (unsigned long long)a[0],
               (unsigned long long)a[1], (unsigned long long)a[2], (long long)r);
}
void strace_unknown(uint64_t nr) { log_printf("unknown syscall %llu\n", (unsigned long long)nr); }

/* arm64 guest ABI constants for memory, process and signal system calls,
 * and their explicit translation to the host. Where the arm64 value equals
 * the x86-64 one the translation still goes through a known-bits mask, so an
 * unknown guest bit is rejected (-EINVAL), never passed on. */
#ifndef PVM_SYSCALLS_ABI_PROC_H
#define PVM_SYSCALLS_ABI_PROC_H

#include <stdbool.h>
#include <stdint.h>
#include <sys/mman.h>

/* mmap prot (asm-generic + arm64 PROT_BTI/PROT_MTE, which are not advertised) */
#define PROT_READ_A64 0x1
#define PROT_WRITE_A64 0x2
#define PROT_EXEC_A64 0x4
#define PROT_BTI_A64 0x10
#define PROT_MTE_A64 0x20
#define PROT_KNOWN_A64 (PROT_READ_A64 | PROT_WRITE_A64 | PROT_EXEC_A64)

/* mmap flags (asm-generic/mman-common.h, mman.h) */
#define MAP_SHARED_A64 0x01
#define MAP_PRIVATE_A64 0x02
#define MAP_SHARED_VALIDATE_A64 0x03
#define MAP_TYPE_A64 0x0f
#define MAP_FIXED_A64 0x10
#define MAP_ANONYMOUS_A64 0x20
#define MAP_GROWSDOWN_A64 0x0100
#define MAP_DENYWRITE_A64 0x0800
#define MAP_EXECUTABLE_A64 0x1000
#define MAP_LOCKED_A64 0x2000
#define MAP_NORESERVE_A64 0x4000
#define MAP_POPULATE_A64 0x8000
#define MAP_NONBLOCK_A64 0x10000
#define MAP_STACK_A64 0x20000
#define MAP_HUGETLB_A64 0x40000
#define MAP_SYNC_A64 0x80000
#define MAP_FIXED_NOREPLACE_A64 0x100000
#define MAP_UNINITIALIZED_A64 0x4000000

/* mremap */
#define MREMAP_MAYMOVE_A64 1
#define MREMAP_FIXED_A64 2
#define MREMAP_DONTUNMAP_A64 4

/* Guest mmap flags -> host flags (without MAP_FIXED handling, which pvm
 * always adds itself); returns false for unknown or unsupported bits. */
static inline bool xlat_mmap_flags(uint64_t g, int *host)
{
    const uint64_t known = MAP_TYPE_A64 | MAP_FIXED_A64 | MAP_ANONYMOUS_A64 | MAP_GROWSDOWN_A64 |
                           MAP_DENYWRITE_A64 | MAP_EXECUTABLE_A64 | MAP_LOCKED_A64 |
                           MAP_NORESERVE_A64 | MAP_POPULATE_A64 | MAP_NONBLOCK_A64 | MAP_STACK_A64 |
                           MAP_HUGETLB_A64 | MAP_SYNC_A64 | MAP_FIXED_NOREPLACE_A64 |
                           MAP_UNINITIALIZED_A64;
    if (g & ~known || (g & (0x3fu << 26)))
        return false;
    int h = 0;
    switch (g & MAP_TYPE_A64) {
    case MAP_SHARED_A64: h |= MAP_SHARED; break;
    case MAP_PRIVATE_A64: h |= MAP_PRIVATE; break;
    case MAP_SHARED_VALIDATE_A64: h |= MAP_SHARED_VALIDATE; break;
    default: return false;
    }
    if (g & MAP_ANONYMOUS_A64) h |= MAP_ANONYMOUS;
    if (g & MAP_LOCKED_A64) h |= MAP_LOCKED;
    if (g & MAP_NORESERVE_A64) h |= MAP_NORESERVE;
    if (g & MAP_POPULATE_A64) h |= MAP_POPULATE;
    if (g & MAP_NONBLOCK_A64) h |= MAP_NONBLOCK;
    if (g & MAP_SYNC_A64) h |= MAP_SYNC;
    if (g & MAP_HUGETLB_A64)
        return false; /* huge pages would break 4 KiB guest page bookkeeping */
    /* GROWSDOWN, DENYWRITE, EXECUTABLE, STACK, UNINITIALIZED: accepted, no host effect */
    *host = h;
    return true;
}

#endif

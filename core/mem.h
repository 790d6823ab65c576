/* Guest memory: one reserved host region [guest_base, guest_base+guest_size).
 * Guest address g lives at host address guest_base + g. Every guest access
 * goes through this layer: the address is untagged (bits 63:56 cleared, as
 * arm64 Linux's top-byte-ignore does) and bounds-checked against the region;
 * an address outside it faults at that exact address. Pages inside the region
 * that the guest has not mapped are PROT_NONE host pages, so touching them
 * raises a host SIGSEGV that signals/host.c turns into the same guest fault.
 * Invariant: pvm never places its own data inside the region, and no page
 * of the region is ever without a host mapping (syscalls/mm.c). MEM_GUARD
 * bytes on either side of it are reserved PROT_NONE and never mapped: an
 * access a little outside the region faults there (translated code leaves
 * out the bounds check where an earlier one covers the access but for an
 * offset within the guard; translator/emit_ldst.c). */
#ifndef PVM_CORE_MEM_H
#define PVM_CORE_MEM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "core/cpu.h"

extern uint8_t *guest_base;
extern uint64_t guest_size;
#define MEM_GUARD (64ull << 10)

#define GUEST_PAGE 4096ull
#define GUEST_PAGE_MASK (GUEST_PAGE - 1)

static inline uint64_t mem_untag(uint64_t ga) { return ga & 0x00ffffffffffffffull; }

/* Unwinds to the engine with a guest SIGSEGV/SIGBUS at addr (never returns):
 * records the fault in c and jumps to c->fault_jmp, which the engine set. */
_Noreturn void mem_fault(struct cpu *c, uint64_t addr, int sig, int code);

/* memcpy that returns the number of bytes not copied when the host faults
 * (core/safe_copy.S); its pc range is the one place outside guest execution
 * where pvm's fault handler accepts a fault */
size_t mem_safe_copy(void *dst, const void *src, size_t n);
extern const char mem_safe_copy_start[], mem_safe_copy_end[], mem_safe_copy_fault[];

/* Host pointer for a guest access of n bytes at ga, or a guest fault
 * (write: the access stores, for the ESR the signal frame reports). */
static inline uint8_t *mem_h_acc(struct cpu *c, uint64_t ga, uint64_t n, bool write)
{
    uint64_t a = mem_untag(ga);
    if (__builtin_expect(a >= guest_size || guest_size - a < n, 0)) {
        c->fault_write = write;
        mem_fault(c, a, 11 /* SIGSEGV */, 1 /* SEGV_MAPERR */);
    }
    return guest_base + a;
}
static inline uint8_t *mem_h(struct cpu *c, uint64_t ga, uint64_t n) { return mem_h_acc(c, ga, n, false); }
static inline uint8_t *mem_hw(struct cpu *c, uint64_t ga, uint64_t n) { return mem_h_acc(c, ga, n, true); }

/* The guest's own memory accesses, which the interpreter makes on its
 * behalf (these loads and stores, instruction fetch, DC ZVA, the exclusive
 * and atomic helpers of interp/ldst*.h), are not ThreadSanitizer's business:
 * a race between guest threads is the guest's (tests/threads/litmus races on
 * purpose), and TSan is there to judge pvm's own state. In a TSan build
 * (make SANITIZE=thread) such a function is left uninstrumented, and never
 * inlined, since gcc would instrument an inlined copy as its caller's code;
 * in every other build it is a plain static inline function.
 * docs/testing.md "ThreadSanitizer". */
#ifdef __SANITIZE_THREAD__
#define MEM_GUEST_ACCESS static __attribute__((no_sanitize("thread"), noinline, unused))
#else
#define MEM_GUEST_ACCESS static inline
#endif

/* mem_ld<n>/mem_st<n>: a checked guest access; mem_raw_* the bare access at
 * a host pointer into the region (the only part TSan must not see; the
 * __builtin_ form is expanded inline even at -O0, where a memcpy call would
 * reach TSan's interceptor) */
#define MEM_LDST(bitsz, type)                                                 \
    MEM_GUEST_ACCESS type mem_raw_ld##bitsz(const uint8_t *h)                \
    {                                                                         \
        type v;                                                               \
        __builtin_memcpy(&v, h, sizeof v);                                    \
        return v;                                                             \
    }                                                                         \
    MEM_GUEST_ACCESS void mem_raw_st##bitsz(uint8_t *h, type v)              \
    {                                                                         \
        __builtin_memcpy(h, &v, sizeof v);                                    \
    }                                                                         \
    static inline type mem_ld##bitsz(struct cpu *c, uint64_t ga)             \
    {                                                                         \
        return mem_raw_ld##bitsz(mem_h(c, ga, sizeof(type)));                 \
    }                                                                         \
    static inline void mem_st##bitsz(struct cpu *c, uint64_t ga, type v)     \
    {                                                                         \
        mem_raw_st##bitsz(mem_hw(c, ga, sizeof v), v);                        \
    }
MEM_LDST(8, uint8_t)
MEM_LDST(16, uint16_t)
MEM_LDST(32, uint32_t)
MEM_LDST(64, uint64_t)
MEM_LDST(128, unsigned __int128)
#undef MEM_LDST

/* ---- Checks for system calls: (pointer, length) ranges the guest passes ---- */

/* true when [ga, ga+len) lies inside the guest region (after untagging) */
static inline bool mem_range_ok(uint64_t ga, uint64_t len)
{
    uint64_t a = mem_untag(ga);
    return a < guest_size && guest_size - a >= len;
}
/* host pointer for a range already checked with mem_range_ok */
static inline void *g2h(uint64_t ga) { return guest_base + mem_untag(ga); }
static inline uint64_t h2g(const void *h) { return (uint64_t)((const uint8_t *)h - guest_base); }

/* Copies that check the range; return false (-> -EFAULT) on a bad range or an
 * unmapped/protected page, never fault the host. */
bool mem_copy_from_guest(void *dst, uint64_t ga, size_t n);
bool mem_copy_to_guest(uint64_t ga, const void *src, size_t n);
/* Reads a NUL-terminated guest string into buf (cap bytes); returns length,
 * -EFAULT, or -ENAMETOOLONG. Safe against another thread unmapping the
 * pages meanwhile (-EFAULT, as the kernel). */
long mem_strncpy_from_guest(char *buf, uint64_t ga, size_t cap);

/* ---- Page bookkeeping (core/mem.c) ---- */

/* per-page flags */
enum {
    PG_MAPPED = 1 << 0,
    PG_R = 1 << 1,
    PG_W = 1 << 2,
    PG_X = 1 << 3,
    PG_CODE = 1 << 4, /* predecoded blocks exist for this page (kept apart: mem.c) */
};

/* Reserves the region (size bytes, power of two not required). Returns false
 * and sets errno on failure. The page table costs O(1) per 256 MiB for
 * ranges that cover such blocks whole, so the calls below never take time
 * in proportion to a huge range's bytes (see core/mem.c). */
bool mem_init(uint64_t size);

/* The default region under an address-space limit (RLIMIT_AS, `ulimit -v`,
 * which counts the PROT_NONE reservation whole): want bytes or, when the
 * host refuses, the largest of want/2, want/4, ... not below min. A size
 * is taken only when pvm's own allocations (malloc, thread stacks, the
 * temporary mappings of mremap) keep room beside it: mem_headroom() more
 * bytes must still map. Returns the size reserved, or 0 with errno set
 * when not even min fits. */
uint64_t mem_init_fit(uint64_t want, uint64_t min);

/* The room mem_init_fit leaves beside the region: 0 without an
 * address-space limit, else a quarter of the limit, at least 64 MiB and at
 * most 8 GiB. */
uint64_t mem_headroom(void);

/* ---- The mm lock ----
 * One process-wide mutex serialises every change of the guest's mappings:
 * the host mmap/munmap/mprotect/mremap/madvise, the page flags that follow
 * it, the free-range search that picked the range and the host mapping
 * budget (core/hostmaps.h). Taken by syscalls/mm.c around each memory
 * system call, by the loader, and by readers that need the host's list and
 * the flags to agree (core/guestmaps.c). Not recursive. Never taken in a
 * signal handler: the page-flag readers below need no lock (see mem.c). */
void mem_mm_lock(void);
void mem_mm_unlock(void);
/* In a fork child: frees the lock, which the fork's caller (the child's one
 * thread) took before the fork. An unlock, not a fresh lock, so that
 * ThreadSanitizer sees the lock released. */
void mem_mm_after_fork(void);
/* Counts page-flag changes: mem_set_flags adds one after it has written
 * the flags and before its caller invalidates decoded code. A decoder that
 * reads it before decoding and again after marking its block's page
 * (mem_mark_code; both sequentially consistent) knows the block may be
 * stale when it changed: an mm change either saw the mark (and will
 * invalidate the block) or bumped the count before that second read. */
uint64_t mem_map_gen(void);
/* Counts a change of guest pages that set no flags (a discarding madvise,
 * an mremap's twin): called after it, before the caller invalidates. */
void mem_map_changed(void);

/* Page flags, read without a lock (a racing change gives the old or the new
 * flags of each page); PG_CODE is the page's code mark. */
uint8_t mem_page_flags(uint64_t ga);
/* Sets flags for every page in [ga, ga+len) (page-rounded); flags 0 =
 * unmapped; code marks are kept. Called with the mm lock held (or before
 * any second thread exists). */
void mem_set_flags(uint64_t ga, uint64_t len, uint8_t flags);
/* Marks pages as holding predecoded code; no lock needed (atomic). */
void mem_mark_code(uint64_t ga, uint64_t len);
/* true if any page of [ga, ga+len) holds predecoded code (and clears the
 * mark); no lock needed (atomic) */
bool mem_take_code(uint64_t ga, uint64_t len);
/* The queries below ignore code marks. Their answer is stable only while
 * the caller holds the mm lock. */
/* Finds a free range of len bytes, top-down below `below`; returns the guest
 * address or 0 when none. */
uint64_t mem_find_free(uint64_t len, uint64_t below);
/* The end of the run of pages from ga (page-aligned) whose flags & mask
 * equal ga's, at most end: O(1) per whole 256 MiB entry, like the rest */
uint64_t mem_run_end(uint64_t ga, uint64_t end, uint8_t mask);
/* true if every page of [ga, ga+len) is unmapped */
bool mem_is_free(uint64_t ga, uint64_t len);
/* true if every page of [ga, ga+len) is mapped with (at least) the PG_*
 * flags in need; false for a range not inside the region */
bool mem_is_mapped(uint64_t ga, uint64_t len, uint8_t need);
/* An upper bound on how many host mappings an operation on [ga, ga+len)
 * adds (negative: at least that many go): a mapping across either end may
 * split; with replace the range becomes one mapping, and the pages inside
 * were in at least one mapping per run of equal host protection. */
int64_t mem_map_delta_bound(uint64_t ga, uint64_t len, bool replace);

/* Host mmap protections for a guest PROT_* value: guest code is only ever
 * read by pvm (decoded), never executed by the host, so PROT_EXEC becomes
 * PROT_READ on the host. */
static inline int mem_host_prot(int gprot)
{
    return (gprot & 3) | ((gprot & 4) ? 1 : 0);
}
/* Converts PROT_READ/WRITE/EXEC to page flags */
static inline uint8_t mem_prot_flags(int prot)
{
    return (uint8_t)(PG_MAPPED | ((prot & 1) ? PG_R : 0) | ((prot & 2) ? PG_W : 0) |
                     ((prot & 4) ? PG_X : 0));
}

/* Instruction fetch: the 32-bit word at ga, which must be on an executable
 * page (else a guest SIGSEGV at ga). */
uint32_t mem_fetch32(struct cpu *c, uint64_t ga);

/* Guest mmap layout (see docs/design.md): mmap_top is where top-down guest
 * mmap allocation starts (set by the loader before any second thread);
 * brk is managed by syscalls/mm.c. */
extern uint64_t mem_mmap_top;

#endif

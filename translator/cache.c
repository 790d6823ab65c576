/* The code cache: one private read-write-execute mapping holding every
 * translation of the process, and the shared stubs at its start (entry,
 * epilogue, exits), so every translation reaches them with a rel32.
 *
 * Allocation (under the jit lock): 64-byte granules, power-of-two size
 * classes with a free list each, carved from a bump pointer; a full cache is
 * the caller's to flush. A bitmap marks the granule where each live
 * allocation starts, and each allocation starts with a struct jit_hdr, so a
 * host pc inside translated code leads to its translation without a lock
 * (jit_cache_find, from the fault handler): an allocation is marked before
 * its code can run and unmarked only when it is freed, after no thread can
 * be in it.
 *
 * The mapping is private, so a fork child has its own copy of the cache
 * (and of the translator's records, which live in pvm's heap). It is placed
 * near pvm's own code when the host allows, so calls from translated code
 * into the interpreter's routines are direct rel32 calls. */
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>

#include "core/arena.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "translator/internal.h"

#define GRAN 64u
#define STUBS 256u
#define NCLASS 14 /* 64 B .. 512 KiB */

static uint8_t *cache_base;
static uint64_t cache_size;
static uint64_t cache_bump;   /* offset of the first never-used byte */
static uint64_t *cache_bitmap; /* one bit per granule: an allocation starts here */
static void *free_list[NCLASS];

uint8_t *jit_stub_enter, *jit_stub_epilogue, *jit_stub_exit, *jit_stub_to_engine;

static unsigned size_class(uint32_t size)
{
    unsigned k = 0;
    while ((GRAN << k) < size)
        k++;
    return k;
}

static void mark(uint64_t off, bool set)
{
    uint64_t g = off / GRAN;
    uint64_t bit = 1ull << (g % 64);
    if (set)
        __atomic_fetch_or(&cache_bitmap[g / 64], bit, __ATOMIC_RELEASE);
    else
        __atomic_fetch_and(&cache_bitmap[g / 64], ~bit, __ATOMIC_RELEASE);
}

/* the entry stub: struct jit_ret jit_stub_enter(struct cpu *c, void *code)
 * saves the callee-saved registers translated code owns, sets them up,
 * pushes the empty return frame (internal.h jit_ras) and jumps to code;
 * the epilogue drops every frame, undoes the rest and returns rax:rdx */
static void write_stubs(void)
{
    struct x64_buf x;
    x64_init(&x, cache_base, STUBS);
    /* back to the engine for the guest pc in rax (c->pc = rax, X_BRANCH):
     * a jump-cache slot that held another pc or none, a RET that matched
     * the empty frame, a plain exit, an entry that saw exit_request */
    jit_stub_to_engine = x.p;
    x64_store(&x, 8, X64_RAX, jit_cpu(JIT_OFF(pc)));
    x64_mov_ri(&x, X64_RAX, X_BRANCH);
    size_t to_exit = x64_jmp(&x);
    x64_nops(&x, (unsigned)((16 - (x64_off(&x) & 15)) & 15));

    jit_stub_enter = x.p;
    x64_push(&x, X64_RBX);
    x64_push(&x, X64_RBP);
    x64_push(&x, X64_R12);
    x64_push(&x, X64_R13);
    x64_push(&x, X64_R14);
    x64_push(&x, X64_R15);
    x64_alu_ri(&x, X64_SUB, true, X64_RSP, 8); /* 16-byte aligned for calls */
    x64_mov_rr(&x, true, JIT_CPU, X64_RDI);
    /* the empty frame (16 bytes: calls stay aligned), its base, the floor */
    x64_mov_ri(&x, X64_RAX, JIT_RAS_EMPTY);
    x64_push(&x, X64_RAX);
    x64_mov_ri64(&x, X64_RAX, (uint64_t)(uintptr_t)jit_stub_to_engine);
    x64_push(&x, X64_RAX);
    x64_store(&x, 8, X64_RSP, jit_cpu(JIT_OFF(ras_base)));
    x64_lea(&x, true, X64_RAX, x64_m(X64_RSP, -16 * JIT_RAS_DEPTH));
    x64_store(&x, 8, X64_RAX, jit_cpu(JIT_OFF(ras_floor)));
    x64_mov_ri64(&x, JIT_BASE, (uint64_t)(uintptr_t)guest_base);
    x64_mov_ri64(&x, JIT_LIMIT, guest_size - 16);
    jit_regs_reload_pinned(&x);
    x64_jmp_r(&x, X64_RSI);
    x64_nops(&x, (unsigned)((16 - (x64_off(&x) & 15)) & 15));

    jit_stub_epilogue = x.p;
    if (jit_pin)
        x64_store(&x, 8, jit_pool[JIT_PIN_SLOT], jit_xreg(JIT_PIN_GUEST));
    x64_load(&x, 8, false, true, X64_RSP, jit_cpu(JIT_OFF(ras_base)));
    x64_alu_ri(&x, X64_ADD, true, X64_RSP, 16 + 8);
    x64_pop(&x, X64_R15);
    x64_pop(&x, X64_R14);
    x64_pop(&x, X64_R13);
    x64_pop(&x, X64_R12);
    x64_pop(&x, X64_RBP);
    x64_pop(&x, X64_RBX);
    x64_ret(&x);
    x64_nops(&x, (unsigned)((16 - (x64_off(&x) & 15)) & 15));

    jit_stub_exit = x.p;
    x64_patch_abs(&x, to_exit, jit_stub_exit);
    x64_alu_rr(&x, X64_XOR, false, X64_RDX, X64_RDX);
    size_t j = x64_jmp(&x);
    x64_patch_abs(&x, j, jit_stub_epilogue);
    if (x.full)
        log_fatal("translator: stubs do not fit");
}

bool jit_cache_init(uint64_t size)
{
    size = (size + 0xffff) & ~0xffffull;
    int prot = PROT_READ | PROT_WRITE | PROT_EXEC;
    int flags = MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE;
    void *p = MAP_FAILED;
    /* below pvm's text, within rel32 reach of it, where the host has room */
    uintptr_t text = (uintptr_t)&jit_cache_init;
    for (uintptr_t gap = 64ull << 20; gap < (1ull << 30) && p == MAP_FAILED; gap *= 2) {
        if (text < size + gap)
            break;
        uintptr_t hint = (text - size - gap) & ~0xffffull;
        p = mmap((void *)hint, size, prot, flags | MAP_FIXED_NOREPLACE, -1, 0);
        if (p != MAP_FAILED && (uintptr_t)p != hint) {
            munmap(p, size); /* an old kernel taking the flag as a hint */
            p = MAP_FAILED;
        }
    }
    if (p == MAP_FAILED)
        p = mmap(NULL, size, prot, flags, -1, 0);
    if (p == MAP_FAILED) {
        if (log_on(DBG_jit))
            log_printf("jit: cannot map a %llu-byte code cache: %m; interpreter only\n",
                       (unsigned long long)size);
        return false;
    }
    uint64_t words = (size / GRAN + 63) / 64;
    void *bm = mmap(NULL, words * 8, PROT_READ | PROT_WRITE, flags, -1, 0);
    if (bm == MAP_FAILED) {
        munmap(p, size);
        return false;
    }
    /* a program that makes more than 2 MiB of code: fewer faults and iTLB misses */
    arena_hint_huge(p, size);
    cache_base = p;
    cache_size = size;
    cache_bitmap = bm;
    cache_bump = STUBS;
    write_stubs();
    return true;
}

void *jit_cache_alloc(uint32_t *size)
{
    uint32_t want = (*size + GRAN - 1) & ~(GRAN - 1);
    unsigned k = size_class(want);
    if (k >= NCLASS)
        return NULL;
    uint32_t got = GRAN << k;
    void *p = free_list[k];
    if (p) {
        memcpy(&free_list[k], p, sizeof(void *));
    } else {
        if (cache_bump + got > cache_size)
            return NULL;
        p = cache_base + cache_bump;
        cache_bump += got;
    }
    *size = got;
    mark((uint64_t)((uint8_t *)p - cache_base), true);
    return p;
}

void jit_cache_free(void *p, uint32_t size)
{
    mark((uint64_t)((uint8_t *)p - cache_base), false);
    unsigned k = size_class(size);
    memcpy(p, &free_list[k], sizeof(void *));
    free_list[k] = p;
}

struct jit_tb *jit_cache_find(uintptr_t pc)
{
    uintptr_t base = (uintptr_t)cache_base;
    if (pc < base + STUBS || pc >= base + cache_size)
        return NULL;
    uint64_t g = (pc - base) / GRAN;
    /* at most JIT_TB_MAX / GRAN granules back */
    for (uint64_t n = 0; n <= JIT_TB_MAX / GRAN && g >= STUBS / GRAN; n++, g--) {
        uint64_t w = __atomic_load_n(&cache_bitmap[g / 64], __ATOMIC_ACQUIRE);
        if (w >> (g % 64) & 1) {
            const struct jit_hdr *h = (const struct jit_hdr *)(cache_base + g * GRAN);
            return h->tb;
        }
    }
    return NULL;
}

uint64_t jit_cache_used(void) { return cache_bump; }

void jit_cache_reset(void)
{
    memset(free_list, 0, sizeof free_list);
    memset(cache_bitmap, 0, (cache_size / GRAN + 63) / 64 * 8);
    cache_bump = STUBS;
}

/* pvm's own heap for its many small records: predecoded blocks and
 * translation records, tens of MB of them in a program with much code
 * (python3 makes about 40,000 blocks and 8,000 translations).
 *
 * Why not malloc: malloc's heap grows a base page at a time, and the first
 * touch of each page is a fault; on a virtual machine a fault costs several
 * microseconds, and python3's 6,000 faults on pvm's records were about a
 * tenth of its run (perf: _int_malloc storing the next chunk's header into
 * a fresh page). The arena reserves one range at its first use and asks for
 * transparent huge pages past its first ARENA_SMALL bytes, so a big program
 * takes one fault per 2 MiB and a small one keeps base pages (its RSS does
 * not grow); `--jit-off hugepages` leaves it all on base pages. The code
 * cache takes the same hint the same way (arena_hint_huge).
 *
 * Layout and invariants: chunks are whole granules (ARENA_GRAN) and begin
 * with a 16-byte header naming their class (size in granules) or, for a
 * chunk malloc made, ARENA_HEAP. A free chunk goes on its class's list and
 * is only ever reused for that class; the bump pointer only grows. Requests
 * above ARENA_MAX and every request once the reservation is used up (or
 * could not be made) go to malloc, behind the same header. One mutex guards
 * the lists and the bump pointer; it is a leaf lock, taken around a fork
 * (arena_atfork). */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/mman.h>

#include "core/arena.h"
#include "core/options.h"

#define ARENA_RESERVE (1ull << 30)
#define ARENA_ALIGN (2ull << 20) /* a huge page */
#define ARENA_SMALL (2ull << 20) /* on base pages */
#define ARENA_GRAN 64u
#define ARENA_CLASSES 256u /* chunks up to 16 KiB */
#define ARENA_MAX (ARENA_GRAN * (ARENA_CLASSES - 1))
#define ARENA_HEAP UINT32_MAX

struct arena_hdr {
    uint32_t cls; /* granules, or ARENA_HEAP */
    uint32_t pad[3];
};
_Static_assert(sizeof(struct arena_hdr) == 16, "chunks stay 16-byte aligned");

struct arena_free {
    struct arena_free *next;
};

static pthread_mutex_t arena_lock = PTHREAD_MUTEX_INITIALIZER;
static uint8_t *arena_base, *arena_bump, *arena_end;
static bool arena_tried;
static struct arena_free *arena_lists[ARENA_CLASSES];

/* the reservation, 2 MiB aligned so its huge pages line up (under the lock) */
static void arena_reserve(void)
{
    arena_tried = true;
    void *p = mmap(NULL, ARENA_RESERVE + ARENA_ALIGN, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED)
        return;
    uintptr_t start = (uintptr_t)p, base = (start + ARENA_ALIGN - 1) & ~(uintptr_t)(ARENA_ALIGN - 1);
    if (base > start)
        munmap(p, base - start);
    munmap((void *)(base + ARENA_RESERVE), start + ARENA_ALIGN - base);
    arena_base = arena_bump = (uint8_t *)base;
    arena_end = arena_base + ARENA_RESERVE;
    arena_hint_huge(arena_base, ARENA_RESERVE);
}

void arena_hint_huge(void *p, size_t size)
{
    uintptr_t start = (uintptr_t)p, end = start + size;
    uintptr_t huge = (start + ARENA_SMALL + ARENA_ALIGN - 1) & ~(uintptr_t)(ARENA_ALIGN - 1);
    if (!(opt.jit_off & JIT_OFF_hugepages) && huge < end)
        madvise((void *)huge, end - huge, MADV_HUGEPAGE);
}

/* a chunk of cls granules from the class's list or the bump pointer, NULL
 * when the arena has no room */
static struct arena_hdr *arena_take(uint32_t cls)
{
    struct arena_hdr *h = NULL;
    pthread_mutex_lock(&arena_lock);
    if (!arena_tried)
        arena_reserve();
    struct arena_free *f = arena_lists[cls];
    if (f) {
        arena_lists[cls] = f->next;
        h = (struct arena_hdr *)f;
    } else if (arena_base && (size_t)(arena_end - arena_bump) >= (size_t)cls * ARENA_GRAN) {
        h = (struct arena_hdr *)arena_bump;
        arena_bump += (size_t)cls * ARENA_GRAN;
    }
    pthread_mutex_unlock(&arena_lock);
    return h;
}

void *arena_alloc(size_t n)
{
    if (n <= ARENA_MAX - sizeof(struct arena_hdr)) {
        uint32_t cls = (uint32_t)((n + sizeof(struct arena_hdr) + ARENA_GRAN - 1) / ARENA_GRAN);
        struct arena_hdr *h = arena_take(cls);
        if (h) {
            h->cls = cls;
            return h + 1;
        }
    }
    if (n > SIZE_MAX - sizeof(struct arena_hdr))
        return NULL;
    struct arena_hdr *h = malloc(n + sizeof *h);
    if (!h)
        return NULL;
    h->cls = ARENA_HEAP;
    return h + 1;
}

void arena_free(void *p)
{
    if (!p)
        return;
    struct arena_hdr *h = (struct arena_hdr *)p - 1;
    if (h->cls == ARENA_HEAP) {
        free(h);
        return;
    }
    struct arena_free *f = (struct arena_free *)h;
    pthread_mutex_lock(&arena_lock);
    uint32_t cls = h->cls;
    f->next = arena_lists[cls];
    arena_lists[cls] = f;
    pthread_mutex_unlock(&arena_lock);
}

size_t arena_used(void)
{
    pthread_mutex_lock(&arena_lock);
    size_t n = (size_t)(arena_bump - arena_base);
    pthread_mutex_unlock(&arena_lock);
    return n;
}

void arena_atfork(enum fork_phase phase)
{
    if (phase == FORK_PREPARE)
        pthread_mutex_lock(&arena_lock);
    else
        pthread_mutex_unlock(&arena_lock);
}

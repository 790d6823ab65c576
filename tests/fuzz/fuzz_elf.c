/* libFuzzer target: ELF validation (loader/elf.c) and the loader's layout
 * decisions (loader/layout.c) on arbitrary bytes.
 * Input: a whole file image (what elf_check_image sees); its last 2 bytes,
 * when present, also pick the guest region size (-R, 256 MiB..128 TiB) and
 * the stack size (-s, 64 KiB..region/8) for the layout.
 * Invariants asserted (abort = finding):
 *  - a rejection always has a non-empty, NUL-terminated reason;
 *  - an accepted image has 1..ELF_MAX_PHNUM program headers inside the file,
 *    at least one non-empty PT_LOAD, PT_LOADs ascending and disjoint with
 *    filesz <= memsz and file data inside the file, min_vaddr page-aligned
 *    and <= every PT_LOAD, max_vaddr the end of the last one, max_align a
 *    power of two in [4 KiB, 1 GiB], the entry inside an executable PT_LOAD,
 *    a PT_INTERP (if any) of 2..4096 bytes inside the file;
 *  - a layout that fits keeps every biased PT_LOAD inside
 *    [ELF_MIN_ADDR, stack_bottom), puts mmap_top below the stack and the
 *    stack below region - 64 KiB, never moves an ET_EXEC program, and aligns
 *    an ET_DYN one to its max_align.
 * ASan/UBSan catch out-of-bounds reads and overflowing arithmetic. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "loader/elf.h"
#include "loader/layout.h"

#define CHECK(c)                                                                     \
    do {                                                                             \
        if (!(c)) {                                                                  \
            fprintf(stderr, "fuzz_elf: invariant failed: %s (line %d)\n", #c, __LINE__); \
            abort();                                                                 \
        }                                                                            \
    } while (0)

static struct elf_info e; /* large (the phdr array): not on the stack */

static void check_accepted(const uint8_t *d, size_t n)
{
    CHECK(e.phnum >= 1 && e.phnum <= ELF_MAX_PHNUM && e.phnum == e.eh.e_phnum);
    CHECK(e.eh.e_phoff <= n && (uint64_t)e.phnum * sizeof(Elf64_Phdr) <= n - e.eh.e_phoff);
    CHECK(memcmp(e.ph, d + e.eh.e_phoff, e.phnum * sizeof(Elf64_Phdr)) == 0);
    CHECK(e.is_dyn == (e.eh.e_type == ET_DYN));
    CHECK(e.eh.e_machine == EM_AARCH64);
    CHECK(e.nload >= 1);
    CHECK((e.min_vaddr & (ELF_PAGE - 1)) == 0);
    CHECK(e.max_align >= ELF_PAGE && e.max_align <= (1ull << 30) &&
          (e.max_align & (e.max_align - 1)) == 0);
    unsigned nload = 0;
    const Elf64_Phdr *prev = NULL;
    int interp = -1;
    int entry_ok = 0;
    for (unsigned i = 0; i < e.phnum; i++) {
        const Elf64_Phdr *p = &e.ph[i];
        if (p->p_type == PT_INTERP) {
            CHECK(interp < 0);
            interp = (int)i;
            CHECK(p->p_filesz >= 2 && p->p_filesz <= 4096);
            CHECK(p->p_offset <= n && p->p_filesz <= n - p->p_offset);
        }
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        nload++;
        CHECK(p->p_filesz <= p->p_memsz);
        CHECK(p->p_offset <= n && p->p_filesz <= n - p->p_offset);
        CHECK(p->p_vaddr >= e.min_vaddr);
        CHECK(p->p_memsz <= UINT64_MAX - ELF_PAGE - p->p_vaddr);
        CHECK((p->p_offset & (ELF_PAGE - 1)) == (p->p_vaddr & (ELF_PAGE - 1)));
        if (prev)
            CHECK(p->p_vaddr >= prev->p_vaddr + prev->p_memsz);
        else
            CHECK(e.min_vaddr == (p->p_vaddr & ~(ELF_PAGE - 1)));
        if ((p->p_flags & PF_X) && e.eh.e_entry >= p->p_vaddr &&
            e.eh.e_entry - p->p_vaddr < p->p_memsz)
            entry_ok = 1;
        prev = p;
    }
    CHECK(nload == e.nload);
    CHECK(prev && e.max_vaddr == prev->p_vaddr + prev->p_memsz);
    CHECK(e.max_vaddr > e.min_vaddr && elf_span(&e) >= e.max_vaddr - e.min_vaddr);
    CHECK(interp == e.interp);
    CHECK(entry_ok);
}

static void check_layout(uint64_t region, uint64_t stack)
{
    struct loader_layout l;
    struct elf_info saved_ok = e; /* loader_layout may only write e.why */
    const char *why = loader_layout(&e, region, stack, &l);
    CHECK(memcmp(&saved_ok.ph, &e.ph, e.phnum * sizeof(Elf64_Phdr)) == 0);
    CHECK(l.stack_top <= region - 0x10000 && (l.stack_top & (ELF_PAGE - 1)) == 0);
    CHECK(l.stack_size >= stack && (l.stack_size & (ELF_PAGE - 1)) == 0);
    CHECK(l.stack_bottom < l.stack_top && l.stack_top - l.stack_bottom == l.stack_size);
    CHECK(l.mmap_top < l.stack_bottom && (l.mmap_top & (ELF_PAGE - 1)) == 0);
    CHECK(l.bias == l.base - e.min_vaddr);
    if (!e.is_dyn)
        CHECK(l.base == e.min_vaddr && l.bias == 0);
    if (why) {
        CHECK(why == e.why && why[0]);
        return;
    }
    if (e.is_dyn)
        CHECK((l.base & (e.max_align - 1)) == 0);
    for (unsigned i = 0; i < e.phnum; i++) {
        const Elf64_Phdr *p = &e.ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        uint64_t start = p->p_vaddr + l.bias;
        CHECK(start >= l.base);
        CHECK((start & ~(ELF_PAGE - 1)) >= ELF_MIN_ADDR);
        CHECK(start < l.stack_bottom && p->p_memsz <= l.stack_bottom - start);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    const char *why = elf_check_image(&e, d, n);
    if (why) {
        CHECK(why == e.why && why[0] && memchr(e.why, 0, sizeof e.why));
        return 0;
    }
    check_accepted(d, n);

    /* the region and stack sizes pvm's options allow, chosen by the input */
    uint8_t r = n >= 2 ? d[n - 2] : 0, s = n >= 1 ? d[n - 1] : 0;
    uint64_t region = r & 0x80 ? 1ull << 40 : 1ull << (28 + (r % 20)); /* 256M..128T */
    uint64_t stack = 0;
    switch (s & 3) {
    case 0: stack = 0; break;                                          /* the default */
    case 1: stack = 64ull << 10; break;                                /* the minimum */
    case 2: stack = region / 8; break;                                 /* the maximum */
    case 3: stack = (64ull << 10) + ((uint64_t)s << 22) % (region / 8 - (64ull << 10)); break;
    }
    check_layout(region, stack);
    check_layout(1ull << 40, 0); /* pvm's defaults */
    return 0;
}

/* The loader's layout decisions as a pure function (no mapping, no globals),
 * so tests and fuzz targets can exercise them: where the stack, the guest
 * mmap area and the main program go in a guest region of a given size.
 * Invariants on success: ELF_MIN_ADDR <= every biased PT_LOAD < stack_bottom,
 * mmap_top < stack_bottom < stack_top <= region size - 64 KiB, all
 * page-aligned; an ET_EXEC program is not moved (base == min_vaddr). */
#ifndef PVM_LOADER_LAYOUT_H
#define PVM_LOADER_LAYOUT_H

#include <stdint.h>

#include "loader/elf.h"
#include "loader/loader.h" /* LOADER_DYN_BIAS, LOADER_STACK_SIZE */

#define LOADER_STACK_GAP (64ull << 10)    /* unmapped above the stack */
#define LOADER_MMAP_GAP (128ull << 20)    /* between the stack and guest mmap */

struct loader_layout {
    uint64_t stack_top, stack_size, stack_bottom; /* [stack_bottom, stack_top) */
    uint64_t mmap_top;                            /* guest mmap grows down from here */
    uint64_t base;                                /* where e->min_vaddr lands */
    uint64_t bias;                                /* base - min_vaddr (mod 2^64) */
};

/* Computes the layout for program e (validated by elf_check_image or
 * elf_check_ehdr+elf_check_phdrs) in a guest region of region_size bytes
 * (pvm's -R: 256 MiB..128 TiB) with a stack of stack_size bytes (0: the
 * default; -s allows 64 KiB..region/8). Returns NULL, or the reason the
 * program does not fit (elf_check_fit's). */
const char *loader_layout(struct elf_info *e, uint64_t region_size, uint64_t stack_size,
                          struct loader_layout *l);

#endif

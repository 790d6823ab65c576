/* The loader's layout computation (loader/layout.h): stack at the top of the
 * guest region below a 64 KiB gap, guest mmap a gap below the stack, ET_EXEC
 * where it says, ET_DYN at LOADER_DYN_BIAS or, in a region too small for
 * that, at an eighth of the mmap area aligned to its largest p_align. Pure:
 * reads only its arguments. */
#include "loader/layout.h"

static inline uint64_t layout_page_down(uint64_t a) { return a & ~(ELF_PAGE - 1); }
static inline uint64_t layout_page_up(uint64_t a) { return (a + ELF_PAGE - 1) & ~(ELF_PAGE - 1); }

const char *loader_layout(struct elf_info *e, uint64_t region_size, uint64_t stack_size,
                          struct loader_layout *l)
{
    l->stack_top = layout_page_down(region_size - LOADER_STACK_GAP);
    l->stack_size = stack_size ? layout_page_up(stack_size) : LOADER_STACK_SIZE;
    l->stack_bottom = l->stack_top - l->stack_size;
    uint64_t gap = region_size / 16 < LOADER_MMAP_GAP ? layout_page_down(region_size / 16)
                                                      : LOADER_MMAP_GAP;
    l->mmap_top = l->stack_bottom - gap;

    l->base = e->min_vaddr;
    if (e->is_dyn) {
        l->base = LOADER_DYN_BIAS;
        if (elf_span(e) > l->mmap_top / 2 || LOADER_DYN_BIAS > l->mmap_top / 2 - elf_span(e))
            l->base = (l->mmap_top / 8) & ~(e->max_align - 1);
    }
    l->bias = l->base - e->min_vaddr;
    return elf_check_fit(e, l->base, l->stack_bottom);
}

/* ELF64 AArch64 header parsing and validation, without mapping anything, so
 * unit tests can feed crafted headers. Nothing in a file is trusted: every
 * size and address is range-checked with overflow-safe arithmetic before the
 * loader (loader/loader.c) uses it. Each check returns NULL when the file is
 * acceptable, else a one-phrase reason (stored in the struct) that the loader
 * prints as "pvm: PATH: reason". */
#ifndef PVM_LOADER_ELF_H
#define PVM_LOADER_ELF_H

#include <elf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The kernel refuses program-header tables larger than 64 KiB. */
#define ELF_MAX_PHNUM (65536 / sizeof(Elf64_Phdr))
/* Lowest guest address a segment may occupy: pages below 64 KiB stay
 * unmapped so NULL dereferences fault (the kernel's mmap_min_addr). */
#define ELF_MIN_ADDR 0x10000ull
#define ELF_PAGE 4096ull

struct elf_info {
    Elf64_Ehdr eh;
    Elf64_Phdr ph[ELF_MAX_PHNUM];
    unsigned phnum;
    bool is_dyn;          /* ET_DYN: placed at a bias chosen by the loader */
    unsigned nload;       /* PT_LOAD segments with p_memsz != 0 */
    uint64_t min_vaddr;   /* page-aligned start of the lowest PT_LOAD */
    uint64_t max_vaddr;   /* end (vaddr+memsz) of the highest PT_LOAD */
    uint64_t max_align;   /* largest power-of-two PT_LOAD p_align, in [page, 1 GiB] */
    int interp;           /* index of PT_INTERP, or -1 */
    bool stack_exec;      /* PT_GNU_STACK has PF_X */
    bool have_phdr_vaddr; /* phdr_vaddr is known */
    uint64_t phdr_vaddr;  /* unbiased address of the phdr table in memory */
    char why[160];        /* reason of the last failed check */
};

/* Checks the ELF header (the first len bytes of a file of file_size bytes;
 * len may be less than 64 only for a truncated file). On success e->eh is
 * filled and the program-header table is known to lie inside the file. */
const char *elf_check_ehdr(struct elf_info *e, const void *buf, size_t len, uint64_t file_size);

/* Checks the program headers: buf holds eh.e_phnum entries read from
 * eh.e_phoff (len bytes). Requires a successful elf_check_ehdr. */
const char *elf_check_phdrs(struct elf_info *e, const void *buf, size_t len, uint64_t file_size);

/* Both checks on a whole file image in memory (unit tests, small files). */
const char *elf_check_image(struct elf_info *e, const void *buf, size_t len);

/* Checks that every PT_LOAD lies in [ELF_MIN_ADDR, limit) (limit
 * page-aligned) when the image is placed so that min_vaddr lands at base
 * (base = min_vaddr for ET_EXEC; the bias is base - min_vaddr modulo 2^64),
 * with overflow-safe arithmetic. */
const char *elf_check_fit(struct elf_info *e, uint64_t base, uint64_t limit);

/* Page-rounded size of the address range the PT_LOADs span. */
static inline uint64_t elf_span(const struct elf_info *e)
{
    return ((e->max_vaddr + ELF_PAGE - 1) & ~(ELF_PAGE - 1)) - e->min_vaddr;
}

/* Host-independent guest PROT_* bits for a segment's p_flags. */
static inline int elf_prot(uint32_t p_flags)
{
    return ((p_flags & PF_R) ? 1 : 0) | ((p_flags & PF_W) ? 2 : 0) | ((p_flags & PF_X) ? 4 : 0);
}

#endif

/* ELF64 AArch64 validation (no mapping): header identity, program-header
 * table bounds, per-segment consistency (sizes, file ranges, page
 * congruence), PT_LOAD order and disjointness, the entry point, and the fit
 * of the segments in the guest region for a given bias. All arithmetic on
 * file fields is overflow-safe: a sum is formed only after checking it fits. */
#include "loader/elf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const char *elf_fail(struct elf_info *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

static const char *elf_fail(struct elf_info *e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(e->why, sizeof e->why, fmt, ap);
    va_end(ap);
    return e->why;
}

const char *elf_check_ehdr(struct elf_info *e, const void *buf, size_t len, uint64_t file_size)
{
    const unsigned char *id = buf;
    memset(&e->eh, 0, sizeof e->eh);
    e->phnum = 0;
    e->nload = 0;
    e->interp = -1;
    if (len < SELFMAG || memcmp(id, ELFMAG, SELFMAG) != 0)
        return elf_fail(e, "not an ELF file");
    if (len < EI_NIDENT)
        return elf_fail(e, "truncated ELF header");
    if (id[EI_CLASS] == ELFCLASS32)
        return elf_fail(e, "32-bit ELF file (only 64-bit AArch64 programs run under pvm)");
    if (id[EI_CLASS] != ELFCLASS64)
        return elf_fail(e, "bad ELF class %u", id[EI_CLASS]);
    if (id[EI_DATA] == ELFDATA2MSB)
        return elf_fail(e, "big-endian ELF file (only little-endian AArch64 is supported)");
    if (id[EI_DATA] != ELFDATA2LSB)
        return elf_fail(e, "bad ELF data encoding %u", id[EI_DATA]);
    if (id[EI_VERSION] != EV_CURRENT)
        return elf_fail(e, "bad ELF version %u", id[EI_VERSION]);
    if (len < sizeof(Elf64_Ehdr) || file_size < sizeof(Elf64_Ehdr))
        return elf_fail(e, "truncated ELF header");
    Elf64_Ehdr eh;
    memcpy(&eh, buf, sizeof eh);
    if (eh.e_machine != EM_AARCH64)
        return elf_fail(e, "not an AArch64 program (ELF machine %u)", eh.e_machine);
    if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
        return elf_fail(e, "not an executable (ELF type %u)", eh.e_type);
    if (eh.e_version != EV_CURRENT)
        return elf_fail(e, "bad ELF version %u", eh.e_version);
    if (eh.e_phentsize != sizeof(Elf64_Phdr))
        return elf_fail(e, "bad program header size %u", eh.e_phentsize);
    if (eh.e_phnum == 0)
        return elf_fail(e, "no program headers");
    if (eh.e_phnum > ELF_MAX_PHNUM)
        return elf_fail(e, "too many program headers (%u)", eh.e_phnum);
    uint64_t tab = (uint64_t)eh.e_phnum * sizeof(Elf64_Phdr);
    if (eh.e_phoff > file_size || tab > file_size - eh.e_phoff)
        return elf_fail(e, "program headers outside the file");
    e->eh = eh;
    e->is_dyn = eh.e_type == ET_DYN;
    return NULL;
}

/* per-segment checks that do not depend on the other segments */
static const char *elf_check_one(struct elf_info *e, unsigned i, uint64_t file_size)
{
    const Elf64_Phdr *p = &e->ph[i];
    if (p->p_type != PT_LOAD && p->p_type != PT_INTERP)
        return NULL;
    if (p->p_filesz > p->p_memsz && p->p_type == PT_LOAD)
        return elf_fail(e, "segment %u: p_filesz > p_memsz", i);
    if (p->p_offset > file_size || p->p_filesz > file_size - p->p_offset)
        return elf_fail(e, "segment %u: data outside the file", i);
    if (p->p_type == PT_INTERP) {
        if (p->p_filesz < 2 || p->p_filesz > 4096)
            return elf_fail(e, "segment %u: bad PT_INTERP size %llu", i,
                            (unsigned long long)p->p_filesz);
        return NULL;
    }
    if (p->p_vaddr > UINT64_MAX - ELF_PAGE || p->p_memsz > UINT64_MAX - ELF_PAGE - p->p_vaddr)
        return elf_fail(e, "segment %u: address range overflows", i);
    if ((p->p_offset & (ELF_PAGE - 1)) != (p->p_vaddr & (ELF_PAGE - 1)))
        return elf_fail(e, "segment %u: p_offset and p_vaddr differ modulo the page size", i);
    return NULL;
}

const char *elf_check_phdrs(struct elf_info *e, const void *buf, size_t len, uint64_t file_size)
{
    unsigned n = e->eh.e_phnum;
    if (n == 0 || n > ELF_MAX_PHNUM || len < (size_t)n * sizeof(Elf64_Phdr))
        return elf_fail(e, "truncated program headers");
    memcpy(e->ph, buf, (size_t)n * sizeof(Elf64_Phdr));
    e->phnum = n;
    e->nload = 0;
    e->interp = -1;
    e->stack_exec = false;
    e->have_phdr_vaddr = false;
    e->min_vaddr = e->max_vaddr = 0;
    e->max_align = ELF_PAGE;

    const Elf64_Phdr *prev = NULL;
    for (unsigned i = 0; i < n; i++) {
        const Elf64_Phdr *p = &e->ph[i];
        const char *why = elf_check_one(e, i, file_size);
        if (why)
            return why;
        switch (p->p_type) {
        case PT_INTERP:
            if (e->interp >= 0)
                return elf_fail(e, "more than one PT_INTERP");
            e->interp = (int)i;
            break;
        case PT_GNU_STACK:
            e->stack_exec = (p->p_flags & PF_X) != 0;
            break;
        case PT_PHDR:
            e->have_phdr_vaddr = true;
            e->phdr_vaddr = p->p_vaddr;
            break;
        case PT_LOAD:
            if (p->p_memsz == 0)
                break; /* maps nothing, as on Linux */
            if (prev) {
                if (p->p_vaddr < prev->p_vaddr)
                    return elf_fail(e, "PT_LOAD segments not in ascending address order");
                if (p->p_vaddr < prev->p_vaddr + prev->p_memsz)
                    return elf_fail(e, "PT_LOAD segments %u and %u overlap",
                                    (unsigned)(prev - e->ph), i);
            } else {
                e->min_vaddr = p->p_vaddr & ~(ELF_PAGE - 1);
            }
            e->max_vaddr = p->p_vaddr + p->p_memsz;
            /* the kernel honours larger alignments when placing ET_DYN
             * (64 KiB for arm64 binaries); odd values are ignored as there */
            if (p->p_align > e->max_align && p->p_align <= (1ull << 30) &&
                (p->p_align & (p->p_align - 1)) == 0)
                e->max_align = p->p_align;
            e->nload++;
            prev = p;
            break;
        default:
            break;
        }
    }
    if (!e->nload)
        return elf_fail(e, "no loadable segments");

    /* the entry must be inside an executable PT_LOAD */
    uint64_t entry = e->eh.e_entry;
    bool entry_ok = false;
    for (unsigned i = 0; i < n && !entry_ok; i++) {
        const Elf64_Phdr *p = &e->ph[i];
        if (p->p_type == PT_LOAD && (p->p_flags & PF_X) && entry >= p->p_vaddr &&
            entry - p->p_vaddr < p->p_memsz)
            entry_ok = true;
    }
    if (!entry_ok)
        return elf_fail(e, "entry point 0x%llx outside every executable segment",
                        (unsigned long long)entry);

    /* Without PT_PHDR, the table is found through the PT_LOAD whose file
     * range covers it (what AT_PHDR must point at for static glibc to find
     * PT_TLS). */
    if (!e->have_phdr_vaddr) {
        uint64_t off = e->eh.e_phoff, tab = (uint64_t)n * sizeof(Elf64_Phdr);
        for (unsigned i = 0; i < n; i++) {
            const Elf64_Phdr *p = &e->ph[i];
            if (p->p_type == PT_LOAD && off >= p->p_offset && off - p->p_offset <= p->p_filesz &&
                tab <= p->p_filesz - (off - p->p_offset)) {
                e->have_phdr_vaddr = true;
                e->phdr_vaddr = p->p_vaddr + (off - p->p_offset);
                break;
            }
        }
    }
    return NULL;
}

const char *elf_check_image(struct elf_info *e, const void *buf, size_t len)
{
    const char *why = elf_check_ehdr(e, buf, len, len);
    if (why)
        return why;
    return elf_check_phdrs(e, (const uint8_t *)buf + e->eh.e_phoff, len - e->eh.e_phoff, len);
}

const char *elf_check_fit(struct elf_info *e, uint64_t base, uint64_t limit)
{
    for (unsigned i = 0; i < e->phnum; i++) {
        const Elf64_Phdr *p = &e->ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        /* PT_LOADs ascend, so p_vaddr >= min_vaddr; start = base + rel and
         * end = start + memsz are formed only once known not to pass limit */
        uint64_t rel = p->p_vaddr - e->min_vaddr;
        if (base > limit || rel > limit - base || p->p_memsz > limit - (base + rel))
            return elf_fail(e, "segment %u ends beyond the guest address space (limit 0x%llx)", i,
                            (unsigned long long)limit);
        uint64_t start = base + rel;
        if ((start & ~(ELF_PAGE - 1)) < ELF_MIN_ADDR)
            return elf_fail(e, "segment %u at 0x%llx is below the lowest mappable address 0x%llx",
                            i, (unsigned long long)start, ELF_MIN_ADDR);
    }
    return NULL;
}

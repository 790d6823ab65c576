/* The guest vDSO: the committed image (loader/vdso_image.c) is a valid
 * little-endian AArch64 ET_DYN as the loader maps it (one R+X PT_LOAD at
 * offset 0 and address 0, no relocations), exports the four functions under
 * LINUX_2.6.39 with vdso_sigreturn_offset naming "mov x8, #139; svc #0",
 * and carries the signal-frame CFI: an FDE that covers the instruction
 * before the trampoline, in a CIE marked 'S' whose return column is 96.
 * Then the mapping: loader_map_vdso's copy, its page flags and gproc, a
 * loaded program's AT_SYSINFO_EHDR, and /proc/self/maps naming exactly that
 * range [vdso] even when the host merged it with a neighbour. */
#include <check.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/process.h"
#include "loader/elf.h"
#include "loader/loader.h"
#include "loader/vdso.h"
#include "syscalls/procfs.h"

/* asserts that [off, off+n) lies inside the image */
static void tv_in(uint64_t off, uint64_t n)
{
    ck_assert_msg(off <= vdso_image_size && n <= vdso_image_size - off,
                  "%llu bytes at 0x%llx outside the image", (unsigned long long)n,
                  (unsigned long long)off);
}

/* a little-endian value of n <= 8 bytes at an offset of the image */
static uint64_t tv_rd(uint64_t off, unsigned n)
{
    ck_assert_uint_le(n, 8);
    tv_in(off, n);
    uint64_t v = 0;
    for (unsigned i = 0; i < n; i++)
        v |= (uint64_t)vdso_image[off + i] << (8 * i);
    return v;
}

static Elf64_Ehdr tv_eh(void)
{
    Elf64_Ehdr eh;
    ck_assert_uint_ge(vdso_image_size, sizeof eh);
    memcpy(&eh, vdso_image, sizeof eh);
    return eh;
}

static Elf64_Phdr tv_ph(unsigned i)
{
    Elf64_Ehdr eh = tv_eh();
    Elf64_Phdr ph;
    tv_in(eh.e_phoff + (uint64_t)i * sizeof ph, sizeof ph);
    memcpy(&ph, vdso_image + eh.e_phoff + (uint64_t)i * sizeof ph, sizeof ph);
    return ph;
}

/* the first program header of a type; fails the test when there is none */
static Elf64_Phdr tv_find_ph(uint32_t type)
{
    Elf64_Ehdr eh = tv_eh();
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph = tv_ph(i);
        if (ph.p_type == type)
            return ph;
    }
    ck_abort_msg("no program header of type 0x%x", type);
    return (Elf64_Phdr){0};
}

START_TEST(test_vdso_elf)
{
    Elf64_Ehdr eh = tv_eh();
    ck_assert_int_eq(memcmp(eh.e_ident, ELFMAG, SELFMAG), 0);
    ck_assert_uint_eq(eh.e_ident[EI_CLASS], ELFCLASS64);
    ck_assert_uint_eq(eh.e_ident[EI_DATA], ELFDATA2LSB);
    ck_assert_uint_eq(eh.e_ident[EI_VERSION], EV_CURRENT);
    ck_assert_uint_eq(eh.e_machine, EM_AARCH64);
    ck_assert_uint_eq(eh.e_type, ET_DYN);
    ck_assert_uint_eq(eh.e_phentsize, sizeof(Elf64_Phdr));
    /* the loader maps it as it is: one page, as the generator promises */
    ck_assert_uint_le(vdso_image_size, GUEST_PAGE);

    /* the loader's own header checks accept it */
    static struct elf_info e;
    ck_assert_ptr_null(elf_check_image(&e, vdso_image, vdso_image_size));
    ck_assert(e.is_dyn);
    ck_assert_uint_eq(e.nload, 1);
    ck_assert_int_eq(e.interp, -1);

    /* one PT_LOAD, read+execute, file offset 0 = address 0, within the image */
    unsigned loads = 0;
    for (unsigned i = 0; i < eh.e_phnum; i++) {
        Elf64_Phdr ph = tv_ph(i);
        ck_assert_uint_ne(ph.p_type, PT_TLS);
        ck_assert_uint_ne(ph.p_type, PT_INTERP);
        if (ph.p_type != PT_LOAD)
            continue;
        loads++;
        ck_assert_uint_eq(ph.p_offset, 0);
        ck_assert_uint_eq(ph.p_vaddr, 0);
        ck_assert_uint_eq(ph.p_flags, PF_R | PF_X);
        ck_assert_uint_eq(ph.p_filesz, ph.p_memsz);
        ck_assert_uint_le(ph.p_filesz, vdso_image_size);
    }
    ck_assert_uint_eq(loads, 1);
    tv_find_ph(PT_DYNAMIC);
    tv_find_ph(PT_GNU_EH_FRAME);
}
END_TEST

START_TEST(test_vdso_sigreturn_code)
{
    ck_assert_uint_eq(vdso_sigreturn_offset % 4, 0);
    ck_assert_uint_ge(vdso_sigreturn_offset, 4);
    ck_assert_uint_eq(tv_rd(vdso_sigreturn_offset, 4), 0xd2801168);     /* mov x8, #139 */
    ck_assert_uint_eq(tv_rd(vdso_sigreturn_offset + 4, 4), 0xd4000001); /* svc #0 */
    ck_assert_uint_eq(tv_rd(vdso_sigreturn_offset - 4, 4), 0xd503201f); /* the nop in its FDE */
}
END_TEST

/* ---- dynamic symbols and versions ---- */

struct tv_dyn {
    uint64_t symtab, strtab, strsz, hash, versym, verdef, soname;
    bool rel;
};

static struct tv_dyn tv_dynamic(void)
{
    Elf64_Phdr d = tv_find_ph(PT_DYNAMIC);
    struct tv_dyn r = {.soname = UINT64_MAX};
    for (uint64_t o = d.p_offset; o + 16 <= d.p_offset + d.p_filesz; o += 16) {
        uint64_t tag = tv_rd(o, 8), val = tv_rd(o + 8, 8);
        if (tag == DT_NULL)
            break;
        switch (tag) {
        case DT_SYMTAB: r.symtab = val; break;
        case DT_STRTAB: r.strtab = val; break;
        case DT_STRSZ: r.strsz = val; break;
        case DT_HASH: r.hash = val; break;
        case DT_VERSYM: r.versym = val; break;
        case DT_VERDEF: r.verdef = val; break;
        case DT_SONAME: r.soname = val; break;
        case DT_REL: case DT_RELA: case DT_JMPREL: case DT_TEXTREL: r.rel = true; break;
        }
    }
    ck_assert(r.symtab && r.strtab && r.strsz && r.hash && r.versym && r.verdef);
    return r;
}

static const char *tv_str(const struct tv_dyn *d, uint64_t off)
{
    ck_assert_uint_lt(off, d->strsz);
    tv_in(d->strtab, d->strsz);
    ck_assert_uint_eq(vdso_image[d->strtab + d->strsz - 1], 0);
    return (const char *)vdso_image + d->strtab + off;
}

/* the name of version index ndx */
static const char *tv_version(const struct tv_dyn *d, unsigned ndx)
{
    uint64_t v = d->verdef;
    for (int guard = 0; guard < 16; guard++) {
        /* Elf64_Verdef: version, flags, ndx, cnt (u16), hash, aux, next (u32) */
        if (tv_rd(v + 4, 2) == ndx)
            return tv_str(d, tv_rd(v + tv_rd(v + 12, 4), 4)); /* Verdaux.vda_name */
        if (!tv_rd(v + 16, 4))
            break;
        v += tv_rd(v + 16, 4);
    }
    return NULL;
}

/* the value of a defined function name@LINUX_2.6.39, or UINT64_MAX */
static uint64_t tv_sym(const struct tv_dyn *d, const char *name)
{
    uint64_t nsym = tv_rd(d->hash + 4, 4); /* nchain */
    for (uint64_t i = 1; i < nsym; i++) {
        uint64_t s = d->symtab + i * sizeof(Elf64_Sym);
        Elf64_Sym sym;
        tv_in(s, sizeof sym);
        memcpy(&sym, vdso_image + s, sizeof sym);
        if (strcmp(tv_str(d, sym.st_name), name) != 0)
            continue;
        ck_assert_uint_eq(ELF64_ST_TYPE(sym.st_info), STT_FUNC);
        ck_assert_uint_eq(ELF64_ST_BIND(sym.st_info), STB_GLOBAL);
        ck_assert_uint_ne(sym.st_shndx, SHN_UNDEF);
        const char *v = tv_version(d, (unsigned)tv_rd(d->versym + 2 * i, 2) & 0x7fff);
        ck_assert_ptr_nonnull(v);
        ck_assert_str_eq(v, "LINUX_2.6.39");
        return sym.st_value;
    }
    return UINT64_MAX;
}

START_TEST(test_vdso_symbols)
{
    struct tv_dyn d = tv_dynamic();
    ck_assert(!d.rel);
    ck_assert_uint_ne(d.soname, UINT64_MAX);
    ck_assert_str_eq(tv_str(&d, d.soname), "linux-vdso.so.1");
    ck_assert_uint_eq(tv_sym(&d, "__kernel_rt_sigreturn"), vdso_sigreturn_offset);
    static const char *const time_fns[] = {"__kernel_clock_gettime", "__kernel_gettimeofday",
                                           "__kernel_clock_getres"};
    for (int i = 0; i < 3; i++) {
        uint64_t v = tv_sym(&d, time_fns[i]);
        ck_assert_msg(v != UINT64_MAX, "%s not exported", time_fns[i]);
        ck_assert_uint_eq(v % 4, 0);
        /* the system call, then ret */
        ck_assert_uint_eq(tv_rd(v + 4, 4), 0xd4000001);
        ck_assert_uint_eq(tv_rd(v + 8, 4), 0xd65f03c0);
    }
}
END_TEST

/* ---- the signal frame's CFI, found as an unwinder finds it ---- */

/* a DW_EH_PE_pcrel|sdata4 or datarel|sdata4 pointer at off, relative to rel */
static uint64_t tv_sdata4(uint64_t off, uint64_t rel)
{
    return rel + (uint64_t)(int64_t)(int32_t)tv_rd(off, 4);
}

static uint64_t tv_uleb(uint64_t *off)
{
    uint64_t v = 0;
    for (unsigned sh = 0; sh < 64; sh += 7) {
        uint64_t b = tv_rd((*off)++, 1);
        v |= (b & 0x7f) << sh;
        if (!(b & 0x80))
            break;
    }
    return v;
}

START_TEST(test_vdso_signal_cfi)
{
    /* .eh_frame_hdr: version 1, eh_frame_ptr (pcrel sdata4), fde_count
     * (udata4), then a table of (start, fde) pairs (datarel sdata4) */
    Elf64_Phdr h = tv_find_ph(PT_GNU_EH_FRAME);
    uint64_t hdr = h.p_offset;
    ck_assert_uint_eq(tv_rd(hdr, 1), 1);
    ck_assert_uint_eq(tv_rd(hdr + 1, 1), 0x1b);
    ck_assert_uint_eq(tv_rd(hdr + 2, 1), 0x03);
    ck_assert_uint_eq(tv_rd(hdr + 3, 1), 0x3b);
    uint64_t n = tv_rd(hdr + 8, 4);
    /* the unwinder looks the handler's caller up at return address - 1 */
    uint64_t pc = vdso_sigreturn_offset - 1, fde = 0;
    for (uint64_t i = 0; i < n; i++) {
        uint64_t start = tv_sdata4(hdr + 12 + 8 * i, hdr);
        if (start <= pc)
            fde = tv_sdata4(hdr + 16 + 8 * i, hdr);
    }
    ck_assert_uint_ne(fde, 0);
    /* FDE: length, CIE pointer, pc begin (pcrel sdata4), pc range */
    uint64_t begin = tv_sdata4(fde + 8, fde + 8), range = tv_rd(fde + 12, 4);
    ck_assert_uint_le(begin, vdso_sigreturn_offset - 4); /* the nop is inside */
    ck_assert_uint_ge(begin + range, vdso_sigreturn_offset + 8);
    uint64_t cie = fde + 4 - tv_rd(fde + 4, 4);
    /* CIE: length, id 0, version 1, augmentation, code and data alignment,
     * return address column */
    ck_assert_uint_eq(tv_rd(cie + 4, 4), 0);
    ck_assert_uint_eq(tv_rd(cie + 8, 1), 1);
    const char *aug = (const char *)vdso_image + cie + 9;
    ck_assert_ptr_nonnull(strchr(aug, 'S')); /* a signal frame */
    uint64_t p = cie + 9 + strlen(aug) + 1;
    tv_uleb(&p);
    tv_uleb(&p); /* the data alignment factor (SLEB128: the same byte walk) */
    ck_assert_uint_eq(tv_rd(p, 1), 96); /* a byte in CIE version 1 */
}
END_TEST

/* ---- the mapping ---- */

static void tv_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 40));
}

/* gives [ga, ga+len) back to the reservation */
static void tv_unmap(uint64_t ga, uint64_t len)
{
    ck_assert(mmap(g2h(ga), len, PROT_NONE, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_NORESERVE,
                   -1, 0) != MAP_FAILED);
    mem_set_flags(ga, len, 0);
}

START_TEST(test_vdso_map)
{
    struct guest_proc saved = gproc;
    /* the middle of whatever region an earlier suite reserved (the suites
     * share one process and its guest region) */
    const uint64_t below = (guest_size / 2) & ~(uint64_t)(GUEST_PAGE - 1);
    ck_assert_ptr_null(loader_map_vdso(below));
    uint64_t ga = gproc.vdso_base, len = gproc.vdso_size;
    ck_assert_uint_eq(ga % GUEST_PAGE, 0);
    ck_assert_uint_eq(len, GUEST_PAGE);
    ck_assert_uint_eq(ga + len, below); /* the highest free range below */
    ck_assert_int_eq(memcmp(g2h(ga), vdso_image, vdso_image_size), 0);
    ck_assert_uint_eq(mem_page_flags(ga), PG_MAPPED | PG_R | PG_X);

    /* /proc/self/maps: exactly that range is [vdso], also when the host
     * merged it with an anonymous neighbour: here the guest made the vDSO
     * writable, mapped writable memory under it (the host merges those) and
     * made both read+execute again */
    uint64_t nb = ga - 2 * GUEST_PAGE;
    ck_assert_int_eq(mprotect(g2h(ga), len, PROT_READ | PROT_WRITE), 0);
    ck_assert(mmap(g2h(nb), 2 * GUEST_PAGE, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0) != MAP_FAILED);
    ck_assert_int_eq(mprotect(g2h(nb), ga + len - nb, PROT_READ), 0);
    mem_set_flags(nb, 2 * GUEST_PAGE, mem_prot_flags(5));
    char *buf = NULL;
    size_t blen = 0;
    FILE *f = open_memstream(&buf, &blen);
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(procfs_gen_maps(f, false), 0);
    fclose(f);
    char want[64], want_nb[64];
    snprintf(want, sizeof want, "%08llx-%08llx r-xp ", (unsigned long long)ga,
             (unsigned long long)(ga + len));
    snprintf(want_nb, sizeof want_nb, "%08llx-%08llx r-xp ", (unsigned long long)nb,
             (unsigned long long)ga);
    int vdso_lines = 0;
    bool saw_nb = false;
    for (char *l = strtok(buf, "\n"); l; l = strtok(NULL, "\n")) {
        size_t n = strlen(l);
        if (n >= 6 && strcmp(l + n - 6, "[vdso]") == 0) {
            vdso_lines++;
            ck_assert_msg(strncmp(l, want, strlen(want)) == 0, "[vdso] line '%s'", l);
        }
        if (strncmp(l, want_nb, strlen(want_nb)) == 0) {
            saw_nb = true;
            ck_assert_msg(l[n - 1] == ' ' || l[n - 1] == '0', "neighbour named: '%s'", l);
        }
    }
    free(buf);
    ck_assert_int_eq(vdso_lines, 1);
    ck_assert(saw_nb);

    tv_unmap(nb, ga + len - nb);
    gproc = saved;
}
END_TEST

/* A minimal static program (exit(0) at its entry) loads with AT_SYSINFO_EHDR
 * first in auxv (where the arm64 kernel puts it) naming the mapped vDSO. */
START_TEST(test_vdso_auxv)
{
    struct guest_proc saved = gproc;
    uint8_t img[0x200] = {0};
    Elf64_Ehdr eh = {.e_type = ET_EXEC, .e_machine = EM_AARCH64, .e_version = EV_CURRENT,
                     .e_entry = 0x400000 + 0x100, .e_phoff = 64, .e_ehsize = 64,
                     .e_phentsize = sizeof(Elf64_Phdr), .e_phnum = 1};
    memcpy(eh.e_ident, ELFMAG, SELFMAG);
    eh.e_ident[EI_CLASS] = ELFCLASS64;
    eh.e_ident[EI_DATA] = ELFDATA2LSB;
    eh.e_ident[EI_VERSION] = EV_CURRENT;
    Elf64_Phdr ph = {.p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_vaddr = 0x400000,
                     .p_paddr = 0x400000, .p_filesz = sizeof img, .p_memsz = sizeof img,
                     .p_align = 0x1000};
    memcpy(img, &eh, sizeof eh);
    memcpy(img + 64, &ph, sizeof ph);
    static const uint32_t code[] = {0xd2800000 /* mov x0,#0 */, 0xd2800ba8 /* mov x8,#93 */,
                                    0xd4000001 /* svc #0 */};
    memcpy(img + 0x100, code, sizeof code);
    char path[] = "/tmp/pvm-test-vdso-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, img, sizeof img), (ssize_t)sizeof img);
    close(fd);
    ck_assert_int_eq(chmod(path, 0755), 0);
    char *argv[] = {"prog", NULL}, *envp[] = {NULL};
    int rc = loader_load(path, argv, envp);
    unlink(path);
    ck_assert_int_eq(rc, 0);

    uint64_t ga = gproc.vdso_base;
    ck_assert_uint_ne(ga, 0);
    ck_assert_uint_eq(gproc.vdso_size, GUEST_PAGE);
    ck_assert_uint_le(ga + gproc.vdso_size, gproc.stack_top - gproc.stack_size);
    ck_assert_int_eq(memcmp(g2h(ga), vdso_image, vdso_image_size), 0);
    ck_assert_uint_eq(mem_page_flags(ga), PG_MAPPED | PG_R | PG_X);
    uint64_t kv[2];
    memcpy(kv, g2h(gproc.auxv), sizeof kv);
    ck_assert_uint_eq(kv[0], AT_SYSINFO_EHDR);
    ck_assert_uint_eq(kv[1], ga);
    gproc = saved;
}
END_TEST

Suite *suite_vdso(void)
{
    Suite *s = suite_create("vdso");
    TCase *t = tcase_create("image");
    tcase_add_test(t, test_vdso_elf);
    tcase_add_test(t, test_vdso_sigreturn_code);
    tcase_add_test(t, test_vdso_symbols);
    tcase_add_test(t, test_vdso_signal_cfi);
    suite_add_tcase(s, t);
    TCase *m = tcase_create("mapping");
    tcase_add_checked_fixture(m, tv_setup, NULL);
    tcase_add_test(m, test_vdso_map);
    tcase_add_test(m, test_vdso_auxv);
    suite_add_tcase(s, m);
    return s;
}

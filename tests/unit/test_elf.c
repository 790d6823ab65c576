/* The ELF loader: validation of crafted header buffers (every rejection the
 * loader promises), and loading of minimal ELF images crafted in memory and
 * written to a temp dir (segments, bss, brk, stack, auxv, PT_INTERP, the -L
 * rule for the interpreter, error lines and exit statuses, no fd left). */
#include <check.h>
#include <dirent.h>
#include <elf.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/hwcap.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/process.h"
#include "loader/elf.h"
#include "loader/loader.h"
#include "loader/stack.h"

#define T_BASE 0x400000ull
#define T_LEN 0x2000

/* A two-segment program: text (r-x, file 0..0x300) with code at 0x200, data
 * (rw-, file 0x1000..0x1100, memsz 0x2000, so bss) at +0x11000; the file
 * page after the data holds 0xee garbage that must read as zero (bss). */
struct timg {
    uint8_t b[T_LEN];
    size_t len;
};

static Elf64_Ehdr *EH(struct timg *m) { return (Elf64_Ehdr *)m->b; }
static Elf64_Phdr *PH(struct timg *m, int i) { return (Elf64_Phdr *)(m->b + 64) + i; }

static const uint32_t t_code[] = {0xd28000e0 /* mov x0,#7 */, 0xd2800ba8 /* mov x8,#93 */,
                                  0xd4000001 /* svc #0 */};

static void timg_build(struct timg *m, uint16_t type, uint64_t base, const char *interp)
{
    memset(m, 0, sizeof *m);
    m->len = T_LEN;
    Elf64_Ehdr *e = EH(m);
    memcpy(e->e_ident, ELFMAG, SELFMAG);
    e->e_ident[EI_CLASS] = ELFCLASS64;
    e->e_ident[EI_DATA] = ELFDATA2LSB;
    e->e_ident[EI_VERSION] = EV_CURRENT;
    e->e_type = type;
    e->e_machine = EM_AARCH64;
    e->e_version = EV_CURRENT;
    e->e_entry = base + 0x200;
    e->e_phoff = 64;
    e->e_ehsize = 64;
    e->e_phentsize = sizeof(Elf64_Phdr);
    e->e_phnum = interp ? 4 : 3;
    *PH(m, 0) = (Elf64_Phdr){.p_type = PT_LOAD, .p_flags = PF_R | PF_X, .p_offset = 0,
                             .p_vaddr = base, .p_paddr = base, .p_filesz = 0x300,
                             .p_memsz = 0x300, .p_align = 0x10000};
    *PH(m, 1) = (Elf64_Phdr){.p_type = PT_LOAD, .p_flags = PF_R | PF_W, .p_offset = 0x1000,
                             .p_vaddr = base + 0x11000, .p_paddr = base + 0x11000,
                             .p_filesz = 0x100, .p_memsz = 0x2000, .p_align = 0x10000};
    *PH(m, 2) = (Elf64_Phdr){.p_type = PT_GNU_STACK, .p_flags = PF_R | PF_W};
    memcpy(m->b + 0x200, t_code, sizeof t_code);
    for (int i = 0; i < 0x100; i++)
        m->b[0x1000 + i] = (uint8_t)(i + 1);
    memset(m->b + 0x1100, 0xee, T_LEN - 0x1100);
    if (interp) {
        size_t n = strlen(interp) + 1;
        ck_assert_uint_le(n, 0x80);
        memcpy(m->b + 0x280, interp, n);
        *PH(m, 3) = (Elf64_Phdr){.p_type = PT_INTERP, .p_flags = PF_R, .p_offset = 0x280,
                                 .p_vaddr = base + 0x280, .p_filesz = n, .p_memsz = n,
                                 .p_align = 1};
    }
}

static struct elf_info t_elf;

static const char *timg_check(struct timg *m) { return elf_check_image(&t_elf, m->b, m->len); }

/* asserts that the image is rejected with a reason containing `want` */
#define ck_reject(m, want)                                          \
    do {                                                            \
        const char *why_ = timg_check(m);                           \
        ck_assert_msg(why_ != NULL, "accepted, expected: %s", want); \
        ck_assert_msg(strstr(why_, want), "reason '%s', expected '%s'", why_, want); \
    } while (0)

/* ---- validation of buffers ---- */

START_TEST(test_elf_accepts_exec_and_dyn)
{
    struct timg m;
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    ck_assert_ptr_null(timg_check(&m));
    ck_assert(!t_elf.is_dyn);
    ck_assert_uint_eq(t_elf.nload, 2);
    ck_assert_uint_eq(t_elf.min_vaddr, T_BASE);
    ck_assert_uint_eq(t_elf.max_vaddr, T_BASE + 0x13000);
    ck_assert_uint_eq(elf_span(&t_elf), 0x13000);
    ck_assert(t_elf.have_phdr_vaddr);
    ck_assert_uint_eq(t_elf.phdr_vaddr, T_BASE + 64);
    ck_assert_int_eq(t_elf.interp, -1);
    ck_assert(!t_elf.stack_exec);
    ck_assert_ptr_null(elf_check_fit(&t_elf, T_BASE, 1ull << 32));

    timg_build(&m, ET_DYN, 0, "/lib/ld-linux-aarch64.so.1");
    ck_assert_ptr_null(timg_check(&m));
    ck_assert(t_elf.is_dyn);
    ck_assert_int_eq(t_elf.interp, 3);
    ck_assert_uint_eq(t_elf.min_vaddr, 0);
    /* a PT_PHDR wins over the PT_LOAD-derived address */
    PH(&m, 2)->p_type = PT_PHDR;
    PH(&m, 2)->p_vaddr = 0x40;
    ck_assert_ptr_null(timg_check(&m));
    ck_assert_uint_eq(t_elf.phdr_vaddr, 0x40);
    /* executable stack request */
    PH(&m, 2)->p_type = PT_GNU_STACK;
    PH(&m, 2)->p_flags = PF_R | PF_W | PF_X;
    ck_assert_ptr_null(timg_check(&m));
    ck_assert(t_elf.stack_exec);
}
END_TEST

START_TEST(test_elf_rejects_identity)
{
    struct timg m;
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    m.b[1] = 'X';
    ck_reject(&m, "not an ELF file");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    m.b[EI_CLASS] = ELFCLASS32;
    ck_reject(&m, "32-bit");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    m.b[EI_DATA] = ELFDATA2MSB;
    ck_reject(&m, "big-endian");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    EH(&m)->e_machine = EM_X86_64;
    ck_reject(&m, "not an AArch64 program");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    EH(&m)->e_type = ET_REL;
    ck_reject(&m, "not an executable");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    EH(&m)->e_phentsize = 32;
    ck_reject(&m, "program header size");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    EH(&m)->e_phnum = 0;
    ck_reject(&m, "no program headers");

    /* empty and truncated files */
    ck_assert_ptr_nonnull(elf_check_image(&t_elf, m.b, 0));
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    m.len = 40;
    ck_reject(&m, "truncated ELF header");
    m.len = 10;
    ck_reject(&m, "truncated ELF header");
}
END_TEST

START_TEST(test_elf_rejects_phdrs)
{
    struct timg m;
    /* table past the end of the file, including offset + size overflow */
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    EH(&m)->e_phoff = T_LEN - 56;
    ck_reject(&m, "program headers outside the file");
    EH(&m)->e_phoff = UINT64_MAX - 8;
    ck_reject(&m, "program headers outside the file");
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    m.len = 64 + 56; /* file ends after the first header */
    ck_reject(&m, "program headers outside the file");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    PH(&m, 1)->p_filesz = 0x3000;
    ck_reject(&m, "p_filesz > p_memsz");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    PH(&m, 1)->p_filesz = 0x1001; /* 0x1000 + 0x1001 > file size */
    ck_reject(&m, "data outside the file");
    PH(&m, 1)->p_offset = UINT64_MAX - 0x10;
    PH(&m, 1)->p_filesz = 0x100;
    ck_reject(&m, "data outside the file");

    /* descending order */
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    Elf64_Phdr t = *PH(&m, 0);
    *PH(&m, 0) = *PH(&m, 1);
    *PH(&m, 1) = t;
    ck_reject(&m, "ascending");

    /* intersecting ranges: data starts inside text, and bss runs into the next */
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    PH(&m, 1)->p_vaddr = T_BASE + 0x2ff;
    PH(&m, 1)->p_offset = 0x12ff;
    PH(&m, 1)->p_filesz = 0x10;
    ck_reject(&m, "overlap");
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    PH(&m, 0)->p_memsz = 0x11001;
    ck_reject(&m, "overlap");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    PH(&m, 1)->p_vaddr = T_BASE + 0x11008;
    ck_reject(&m, "modulo the page size");

    /* end of segment wraps around 2^64 */
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    PH(&m, 1)->p_vaddr = 0xfffffffffffff000ull;
    PH(&m, 1)->p_memsz = 0x2000;
    ck_reject(&m, "overflows");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    EH(&m)->e_entry = T_BASE + 0x11000; /* in the data segment */
    ck_reject(&m, "entry point");
    EH(&m)->e_entry = T_BASE + 0x300; /* one past the text */
    ck_reject(&m, "entry point");
    EH(&m)->e_entry = 0;
    ck_reject(&m, "entry point");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    PH(&m, 0)->p_type = PT_NOTE;
    PH(&m, 1)->p_type = PT_NOTE;
    ck_reject(&m, "no loadable segments");

    timg_build(&m, ET_DYN, 0, "/x");
    PH(&m, 3)->p_filesz = 1;
    ck_reject(&m, "PT_INTERP");
    timg_build(&m, ET_DYN, 0, "/x");
    PH(&m, 2)->p_type = PT_INTERP;
    PH(&m, 2)->p_offset = 0x280;
    PH(&m, 2)->p_filesz = 3;
    ck_reject(&m, "more than one PT_INTERP");
}
END_TEST

START_TEST(test_elf_fit)
{
    struct timg m;
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    ck_assert_ptr_null(timg_check(&m));
    uint64_t limit = 1ull << 32;
    ck_assert_ptr_null(elf_check_fit(&t_elf, T_BASE, limit));
    /* ends exactly at the limit: fine; one page further: rejected */
    ck_assert_ptr_null(elf_check_fit(&t_elf, limit - 0x13000, limit));
    ck_assert_ptr_nonnull(strstr(elf_check_fit(&t_elf, limit - 0x12000, limit), "beyond"));
    ck_assert_ptr_nonnull(elf_check_fit(&t_elf, limit, limit));
    /* bases near 2^64 must not wrap into the region */
    ck_assert_ptr_nonnull(elf_check_fit(&t_elf, UINT64_MAX - 0x10000, limit));
    ck_assert_ptr_nonnull(elf_check_fit(&t_elf, 0xffffffffffff0000ull, UINT64_MAX & ~0xfffull));
    /* below the 64 KiB guard */
    ck_assert_ptr_nonnull(strstr(elf_check_fit(&t_elf, 0x1000, limit), "lowest"));
    ck_assert_ptr_null(elf_check_fit(&t_elf, ELF_MIN_ADDR, limit));
    /* a huge memsz */
    PH(&m, 1)->p_memsz = 0x7fffffffffff0000ull;
    ck_assert_ptr_null(timg_check(&m));
    ck_assert_ptr_nonnull(elf_check_fit(&t_elf, T_BASE, limit));
}
END_TEST

/* ---- loading files ---- */

static char te_dir[64];

static void te_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 40));
    strcpy(te_dir, "/tmp/pvm-test-elf-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(te_dir));
}

static void te_teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", te_dir);
    ck_assert_int_eq(system(cmd), 0);
}

static const char *te_write(const char *name, const void *buf, size_t len, mode_t mode)
{
    static char paths[8][256];
    static int next;
    char *p = paths[next++ & 7];
    snprintf(p, 256, "%s/%s", te_dir, name);
    int fd = open(p, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
    close(fd);
    ck_assert_int_eq(chmod(p, mode), 0);
    return p;
}

static int te_count_fds(void)
{
    int n = 0;
    DIR *d = opendir("/proc/self/fd");
    ck_assert_ptr_nonnull(d);
    while (readdir(d))
        n++;
    closedir(d);
    return n;
}

static char *te_argv[] = {"prog", "a", "bc", NULL};
static char *te_envp[] = {"A=1", "PATH=/bin", NULL};

/* runs loader_load with stderr captured into msg */
static int te_load(const char *path, char *msg, size_t cap)
{
    fflush(stderr);
    int saved = dup(2);
    FILE *tmp = tmpfile();
    ck_assert_ptr_nonnull(tmp);
    dup2(fileno(tmp), 2);
    int fds = te_count_fds();
    int rc = loader_load(path, te_argv, te_envp);
    ck_assert_int_eq(te_count_fds(), fds); /* nothing left open, even on failure */
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
    rewind(tmp);
    size_t n = fread(msg, 1, cap - 1, tmp);
    msg[n] = 0;
    fclose(tmp);
    return rc;
}

/* asserts exactly one line "pvm: PATH: <contains want>" */
static void te_expect_line(const char *msg, const char *path, const char *want)
{
    char head[300];
    snprintf(head, sizeof head, "pvm: %s: ", path);
    ck_assert_msg(strncmp(msg, head, strlen(head)) == 0, "message '%s'", msg);
    ck_assert_msg(strstr(msg, want) != NULL, "message '%s' lacks '%s'", msg, want);
    char *nl = strchr(msg, '\n');
    ck_assert_ptr_nonnull(nl);
    ck_assert_msg(nl[1] == 0, "more than one line: '%s'", msg);
}

static uint64_t te_auxv(uint64_t key)
{
    for (uint64_t a = gproc.auxv; a < gproc.auxv + gproc.auxv_len; a += 16) {
        uint64_t k, v;
        memcpy(&k, g2h(a), 8);
        memcpy(&v, g2h(a + 8), 8);
        if (k == key)
            return v;
        if (k == AT_NULL)
            break;
    }
    ck_abort_msg("auxv key %llu missing", (unsigned long long)key);
    return 0;
}

static uint64_t te_word(uint64_t ga)
{
    uint64_t v;
    memcpy(&v, g2h(ga), 8);
    return v;
}

static void te_check_static(void)
{
    struct timg m;
    char msg[512];
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    const char *p = te_write("static", m.b, m.len, 0755);
    ck_assert_msg(te_load(p, msg, sizeof msg) == 0, "load failed: %s", msg);
    ck_assert_str_eq(msg, "");

    ck_assert_uint_eq(gproc.entry, T_BASE + 0x200);
    ck_assert_uint_eq(gproc.start_pc, T_BASE + 0x200);
    ck_assert_uint_eq(gproc.load_bias, 0);
    ck_assert_uint_eq(gproc.interp_base, 0);
    ck_assert_uint_eq(gproc.phdr, T_BASE + 64);
    ck_assert_uint_eq(gproc.brk_start, T_BASE + 0x13000);
    ck_assert_uint_eq(gproc.brk_cur, gproc.brk_start);
    ck_assert_str_eq(gproc.exe_path, p); /* mkdtemp paths have no symlinks */

    /* segments: contents, protections, bss zero including the partial page */
    ck_assert_int_eq(memcmp(g2h(T_BASE + 0x200), t_code, sizeof t_code), 0);
    ck_assert_uint_eq(mem_page_flags(T_BASE), PG_MAPPED | PG_R | PG_X);
    ck_assert_uint_eq(mem_page_flags(T_BASE + 0x11000), PG_MAPPED | PG_R | PG_W);
    ck_assert_uint_eq(mem_page_flags(T_BASE + 0x12000), PG_MAPPED | PG_R | PG_W);
    ck_assert_uint_eq(mem_page_flags(T_BASE + 0x13000), 0);
    ck_assert_uint_eq(mem_page_flags(T_BASE + 0x1000), 0);
    const uint8_t *d = g2h(T_BASE + 0x11000);
    for (int i = 0; i < 0x100; i++)
        ck_assert_uint_eq(d[i], (uint8_t)(i + 1));
    for (int i = 0x100; i < 0x2000; i++)
        ck_assert_uint_eq(d[i], 0);

    /* stack: sp aligned, argc/argv/envp/auxv, strings where gproc says */
    uint64_t sp = gproc.sp;
    ck_assert_uint_eq(sp & 15, 0);
    ck_assert_uint_gt(sp, gproc.stack_top - gproc.stack_size);
    ck_assert_uint_lt(sp, gproc.stack_top);
    ck_assert_uint_eq(gproc.stack_size, LOADER_STACK_SIZE);
    ck_assert_uint_eq(mem_page_flags(gproc.stack_top - 8), PG_MAPPED | PG_R | PG_W);
    ck_assert_uint_eq(mem_page_flags(gproc.stack_top), 0);
    ck_assert_uint_eq(mem_page_flags(gproc.stack_top - gproc.stack_size - 1), 0);
    ck_assert_uint_le(mem_mmap_top, gproc.stack_top - gproc.stack_size);
    ck_assert_uint_le(gproc.stack_top, guest_size - 0x10000);

    ck_assert_uint_eq(te_word(sp), 3);
    ck_assert_str_eq(g2h(te_word(sp + 8)), "prog");
    ck_assert_str_eq(g2h(te_word(sp + 16)), "a");
    ck_assert_str_eq(g2h(te_word(sp + 24)), "bc");
    ck_assert_uint_eq(te_word(sp + 32), 0);
    ck_assert_str_eq(g2h(te_word(sp + 40)), "A=1");
    ck_assert_str_eq(g2h(te_word(sp + 48)), "PATH=/bin");
    ck_assert_uint_eq(te_word(sp + 56), 0);
    ck_assert_uint_eq(gproc.auxv, sp + 64);
    ck_assert_uint_eq(gproc.auxv_len % 16, 0);
    ck_assert_uint_eq(te_word(gproc.auxv + gproc.auxv_len - 16), AT_NULL);

    ck_assert_uint_eq(gproc.argv_start, te_word(sp + 8));
    ck_assert_uint_eq(gproc.argv_end - gproc.argv_start, sizeof "prog" + sizeof "a" + sizeof "bc");
    ck_assert_int_eq(memcmp(g2h(gproc.argv_start), "prog\0a\0bc", 10), 0);
    ck_assert_uint_eq(gproc.env_start, te_word(sp + 40));
    ck_assert_uint_eq(gproc.env_end - gproc.env_start, sizeof "A=1" + sizeof "PATH=/bin");

    ck_assert_uint_eq(te_auxv(AT_PHDR), T_BASE + 64);
    ck_assert_uint_eq(te_auxv(AT_PHENT), 56);
    ck_assert_uint_eq(te_auxv(AT_PHNUM), 3);
    ck_assert_uint_eq(te_auxv(AT_PAGESZ), 4096);
    ck_assert_uint_eq(te_auxv(AT_BASE), 0);
    ck_assert_uint_eq(te_auxv(AT_FLAGS), 0);
    ck_assert_uint_eq(te_auxv(AT_ENTRY), T_BASE + 0x200);
    ck_assert_uint_eq(te_auxv(AT_UID), getuid());
    ck_assert_uint_eq(te_auxv(AT_EUID), geteuid());
    ck_assert_uint_eq(te_auxv(AT_GID), getgid());
    ck_assert_uint_eq(te_auxv(AT_EGID), getegid());
    ck_assert_uint_eq(te_auxv(AT_SECURE), 0);
    /* exactly the implemented bits (core/hwcap.h); FP and ASIMD always,
     * never SVE or pointer authentication until they are real */
    ck_assert_uint_eq(te_auxv(AT_HWCAP), hwcap_a64());
    ck_assert_uint_eq(hwcap_a64() & (HWCAP_A64_FP | HWCAP_A64_ASIMD), HWCAP_A64_FP | HWCAP_A64_ASIMD);
    ck_assert_uint_eq(hwcap_a64() & (HWCAP_A64_SVE | HWCAP_A64_PACA | HWCAP_A64_PACG), 0);
    ck_assert_uint_eq(te_auxv(AT_HWCAP2), hwcap2_a64());
    ck_assert_uint_eq(hwcap2_a64() & (HWCAP2_A64_BTI | HWCAP2_A64_MTE | HWCAP2_A64_SVE2 | HWCAP2_A64_SME), 0);
    ck_assert_uint_eq(te_auxv(AT_CLKTCK), 100);
    ck_assert_uint_eq(te_auxv(51 /* AT_MINSIGSTKSZ */), LOADER_MINSIGSTKSZ);
    ck_assert_str_eq(g2h(te_auxv(AT_PLATFORM)), "aarch64");
    ck_assert_str_eq(g2h(te_auxv(AT_EXECFN)), p);
    uint64_t rnd = te_auxv(AT_RANDOM);
    ck_assert_uint_gt(rnd, sp);
    ck_assert_uint_lt(rnd + 16, gproc.argv_start);
    /* the strings sit above the table, the execfn near the top */
    ck_assert_uint_lt(gproc.argv_end, gproc.env_start + 1);
    ck_assert_uint_eq(te_word(gproc.stack_top - 8), 0);
    ck_assert_uint_gt(te_auxv(AT_EXECFN), gproc.env_end - 1);
}

START_TEST(test_load_static_exec)
{
    te_check_static();
}
END_TEST

/* the same through the pread fallback used when a file cannot be mmapped */
START_TEST(test_load_static_copy)
{
    loader_no_file_mmap = true;
    te_check_static();
    loader_no_file_mmap = false;
}
END_TEST

START_TEST(test_load_dyn_bias)
{
    struct timg m;
    char msg[512];
    timg_build(&m, ET_DYN, 0, NULL);
    const char *p = te_write("pie", m.b, m.len, 0755);
    ck_assert_msg(te_load(p, msg, sizeof msg) == 0, "load failed: %s", msg);
    uint64_t bias = gproc.load_bias;
    if (guest_size >= (1ull << 40))
        ck_assert_uint_eq(bias, LOADER_DYN_BIAS);
    ck_assert_uint_ge(bias, ELF_MIN_ADDR);
    ck_assert_uint_eq(gproc.entry, bias + 0x200);
    ck_assert_uint_eq(gproc.start_pc, bias + 0x200);
    ck_assert_uint_eq(gproc.phdr, bias + 64);
    ck_assert_uint_eq(gproc.brk_start, bias + 0x13000);
    ck_assert_uint_eq(te_auxv(AT_ENTRY), bias + 0x200);
    ck_assert_uint_eq(te_auxv(AT_BASE), 0);
    ck_assert_int_eq(memcmp(g2h(bias + 0x200), t_code, sizeof t_code), 0);
    ck_assert_uint_eq(mem_page_flags(bias + 0x11000), PG_MAPPED | PG_R | PG_W);
}
END_TEST

/* segments sharing a page: both contents survive, protections combine */
static void te_check_shared_page(void)
{
    struct timg m;
    char msg[512];
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    Elf64_Phdr *dp = PH(&m, 1);
    dp->p_offset = 0x1800;
    dp->p_vaddr = T_BASE + 0x800;
    dp->p_filesz = 0x100;
    dp->p_memsz = 0x1000; /* runs into the next page */
    memset(m.b + 0x1800, 0x5a, 0x100);
    const char *p = te_write("shared", m.b, m.len, 0755);
    ck_assert_msg(te_load(p, msg, sizeof msg) == 0, "load failed: %s", msg);
    ck_assert_int_eq(memcmp(g2h(T_BASE + 0x200), t_code, sizeof t_code), 0);
    const uint8_t *d = g2h(T_BASE + 0x800);
    for (int i = 0; i < 0x100; i++)
        ck_assert_uint_eq(d[i], 0x5a);
    for (int i = 0x100; i < 0x1000; i++)
        ck_assert_uint_eq(d[i], 0);
    ck_assert_uint_eq(mem_page_flags(T_BASE), PG_MAPPED | PG_R | PG_W | PG_X);
    ck_assert_uint_eq(mem_page_flags(T_BASE + 0x1000), PG_MAPPED | PG_R | PG_W);
    ck_assert_uint_eq(gproc.brk_start, T_BASE + 0x2000);
}

START_TEST(test_load_shared_page)
{
    te_check_shared_page();
    loader_no_file_mmap = true;
    te_check_shared_page();
    loader_no_file_mmap = false;
}
END_TEST

START_TEST(test_load_file_errors)
{
    struct timg m;
    char msg[512], path[300];

    snprintf(path, sizeof path, "%s/missing", te_dir);
    ck_assert_int_eq(te_load(path, msg, sizeof msg), 127);
    te_expect_line(msg, path, "No such file or directory");

    ck_assert_int_eq(te_load(te_dir, msg, sizeof msg), 126);
    te_expect_line(msg, te_dir, "Is a directory");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    const char *p = te_write("noexec", m.b, m.len, 0644);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, p, "Permission denied");

    if (geteuid() != 0) { /* root reads anything */
        p = te_write("noread", m.b, m.len, 0111);
        ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
        te_expect_line(msg, p, "Permission denied");
    }

    p = te_write("text", "#!/bin/sh\necho hi\n", 18, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, p, "not an ELF file");

    p = te_write("empty", "", 0, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, p, "not an ELF file");

    p = te_write("short", m.b, 40, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, p, "truncated ELF header");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    m.b[EI_CLASS] = ELFCLASS32;
    p = te_write("elf32", m.b, m.len, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, p, "32-bit");

    timg_build(&m, ET_EXEC, T_BASE, NULL);
    EH(&m)->e_machine = EM_X86_64;
    p = te_write("x86", m.b, m.len, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, p, "not an AArch64 program");

    /* a file cut inside its program headers */
    timg_build(&m, ET_EXEC, T_BASE, NULL);
    p = te_write("cut", m.b, 100, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, p, "program headers outside the file");

    /* a segment cut by the end of the file */
    p = te_write("cutseg", m.b, 0x1080, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, p, "data outside the file");

    /* ending beyond the guest region, and into the stack area */
    timg_build(&m, ET_EXEC, guest_size - 0x10000, NULL);
    p = te_write("high", m.b, m.len, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, p, "beyond the guest address space");
    timg_build(&m, ET_EXEC, guest_size - 0x100000, NULL);
    p = te_write("stack", m.b, m.len, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, p, "beyond the guest address space");
    timg_build(&m, ET_EXEC, 0x1000, NULL);
    p = te_write("low", m.b, m.len, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, p, "lowest mappable address");
}
END_TEST

START_TEST(test_load_interp)
{
    struct timg m, li;
    char msg[512], ipath[300];
    const char *save = opt.ld_prefix;
    opt.ld_prefix = NULL;

    /* a dynamic linker image (ET_DYN) and a program naming it */
    timg_build(&li, ET_DYN, 0, NULL);
    const char *lp = te_write("ld.so", li.b, li.len, 0755);
    snprintf(ipath, sizeof ipath, "%s", lp);
    timg_build(&m, ET_EXEC, T_BASE, ipath);
    const char *p = te_write("dyn", m.b, m.len, 0755);
    ck_assert_msg(te_load(p, msg, sizeof msg) == 0, "load failed: %s", msg);
    ck_assert_str_eq(msg, "");
    uint64_t base = gproc.interp_base;
    ck_assert_uint_ne(base, 0);
    ck_assert_uint_eq(base & 0xfff, 0);
    ck_assert_uint_lt(base + 0x13000, gproc.stack_top - gproc.stack_size);
    ck_assert_uint_le(base + 0x13000, mem_mmap_top);
    ck_assert_uint_eq(gproc.start_pc, base + 0x200);
    ck_assert_uint_eq(gproc.entry, T_BASE + 0x200);
    ck_assert_uint_eq(te_auxv(AT_BASE), base);
    ck_assert_uint_eq(te_auxv(AT_ENTRY), T_BASE + 0x200);
    ck_assert_uint_eq(te_auxv(AT_PHNUM), 4);
    ck_assert_int_eq(memcmp(g2h(base + 0x200), t_code, sizeof t_code), 0);
    ck_assert_uint_eq(mem_page_flags(base), PG_MAPPED | PG_R | PG_X);
    ck_assert_ptr_null(opt.ld_prefix);

    /* -L: "/ld.so" is found inside the prefix */
    timg_build(&m, ET_EXEC, T_BASE, "/ld.so");
    p = te_write("dyn2", m.b, m.len, 0755);
    opt.ld_prefix = te_dir;
    ck_assert_msg(te_load(p, msg, sizeof msg) == 0, "load failed: %s", msg);
    ck_assert_uint_ne(gproc.interp_base, 0);

    /* missing dynamic linker: 127 and the -L hint */
    timg_build(&m, ET_EXEC, T_BASE, "/nonexistent-pvm/ld-linux-aarch64.so.1");
    p = te_write("dyn3", m.b, m.len, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 127);
    char want[300];
    snprintf(want, sizeof want,
             "pvm: %s: cannot find dynamic linker /nonexistent-pvm/ld-linux-aarch64.so.1 "
             "(use -L SYSROOT)\n", p);
    ck_assert_str_eq(msg, want);
    opt.ld_prefix = NULL;
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 127);
    ck_assert_str_eq(msg, want);
    ck_assert_ptr_null(opt.ld_prefix);

    /* an invalid dynamic linker: 126, the line names it */
    const char *bad = te_write("bad.so", "garbage!", 8, 0755);
    timg_build(&m, ET_EXEC, T_BASE, bad);
    p = te_write("dyn4", m.b, m.len, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, bad, "not an ELF file");
    li.b[EI_DATA] = ELFDATA2MSB;
    te_write("ld.so", li.b, li.len, 0755);
    timg_build(&m, ET_EXEC, T_BASE, ipath);
    p = te_write("dyn5", m.b, m.len, 0755);
    ck_assert_int_eq(te_load(p, msg, sizeof msg), 126);
    te_expect_line(msg, ipath, "big-endian");

    opt.ld_prefix = save;
}
END_TEST

/* Without -L and without the host dynamic linker, Debian's cross sysroot is
 * used and becomes the process's prefix. */
START_TEST(test_load_interp_cross_fallback)
{
    const char *cross = "/usr/aarch64-linux-gnu/lib/ld-linux-aarch64.so.1";
    if (access(cross, F_OK) != 0 || access("/lib/ld-linux-aarch64.so.1", F_OK) == 0)
        return; /* not this host's situation */
    struct timg m;
    char msg[512];
    const char *save = opt.ld_prefix;
    opt.ld_prefix = NULL;
    timg_build(&m, ET_EXEC, T_BASE, "/lib/ld-linux-aarch64.so.1");
    const char *p = te_write("dyncross", m.b, m.len, 0755);
    ck_assert_msg(te_load(p, msg, sizeof msg) == 0, "load failed: %s", msg);
    ck_assert_str_eq(msg, "");
    ck_assert_ptr_nonnull(opt.ld_prefix);
    ck_assert_str_eq(opt.ld_prefix, "/usr/aarch64-linux-gnu");
    ck_assert_uint_ne(gproc.interp_base, 0);
    ck_assert_uint_ne(gproc.start_pc, gproc.entry);
    opt.ld_prefix = save;
}
END_TEST

Suite *suite_elf(void)
{
    Suite *s = suite_create("elf");
    TCase *t = tcase_create("validate");
    tcase_add_test(t, test_elf_accepts_exec_and_dyn);
    tcase_add_test(t, test_elf_rejects_identity);
    tcase_add_test(t, test_elf_rejects_phdrs);
    tcase_add_test(t, test_elf_fit);
    suite_add_tcase(s, t);
    TCase *l = tcase_create("load");
    tcase_add_checked_fixture(l, te_setup, te_teardown);
    tcase_add_test(l, test_load_static_exec);
    tcase_add_test(l, test_load_static_copy);
    tcase_add_test(l, test_load_dyn_bias);
    tcase_add_test(l, test_load_shared_page);
    tcase_add_test(l, test_load_file_errors);
    tcase_add_test(l, test_load_interp);
    tcase_add_test(l, test_load_interp_cross_fallback);
    suite_add_tcase(s, l);
    return s;
}

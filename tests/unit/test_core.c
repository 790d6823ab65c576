/* Guest core files (signals/core.c): the core_pattern expansion, and a core
 * of a fake thread and a few guest mappings written to a temporary file and
 * read back with plain struct parsing (no ELF library): the header, the
 * notes in the kernel's order with their contents, one PT_LOAD per mapping
 * holding exactly the bytes the rule says (anonymous and writable: all,
 * zero pages as holes; a read-only ELF file: its first page; other
 * read-only files and unreadable mappings: none; a file mapping past the
 * end of its file: the pages that exist, the rest a hole, no fault),
 * RLIMIT_CORE's cut at a piece boundary, and the file creation rules of
 * core_dump_write (an old file, symlink or hard link is replaced, never
 * written through; mode 0600). */
#include <check.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "core/mem.h"
#include "core/process.h"
#include "signals/abi_core.h"
#include "signals/core.h"

/* ---- names ---- */

static const char *tc_name(const char *pattern, bool uses_pid)
{
    static char out[PATH_MAX];
    if (!core_dump_name(out, sizeof out, pattern, uses_pid, 11, 4242, 12345))
        return NULL;
    return out;
}

START_TEST(test_name)
{
    char want[PATH_MAX];
    int pid = (int)getpid();
    ck_assert_str_eq(tc_name("core", false), "core");
    snprintf(want, sizeof want, "core.%d", pid);
    ck_assert_str_eq(tc_name("core", true), want);
    /* %p present: no .PID; %P, %i/%I, %u, %g, %s, %c, %d, %% */
    snprintf(want, sizeof want, "c.%d.%d.4242.4242.%u.%u.11.12345.%d.%%", pid, pid,
             (unsigned)getuid(), (unsigned)getgid(), 1);
    ck_assert_str_eq(tc_name("c.%p.%P.%i.%I.%u.%g.%s.%c.%d.%%", true), want);
    /* a helper program or socket: the default name, core_uses_pid applies */
    ck_assert_str_eq(tc_name("|/usr/lib/systemd/systemd-coredump %P %u %g %s %t %c %h", false),
                     "core");
    snprintf(want, sizeof want, "core.%d", pid);
    ck_assert_str_eq(tc_name("|/usr/share/apport/apport -p%p -s%s -c%c", true), want);
    ck_assert_str_eq(tc_name("@/run/systemd/coredump", false), "core");
    /* a % at the end and unknown ones are dropped; directories stay */
    ck_assert_str_eq(tc_name("dir/core%", false), "dir/core");
    ck_assert_str_eq(tc_name("a%zb%Fc", false), "abc");
    /* empty, or too long: no name */
    ck_assert_ptr_null(tc_name("", false));
    snprintf(want, sizeof want, ".%d", pid);
    ck_assert_str_eq(tc_name("", true), want);
    char small[8];
    ck_assert(!core_dump_name(small, sizeof small, "corecorecore", false, 11, 1, 0));
    ck_assert(core_dump_name(small, sizeof small, "core123", false, 11, 1, 0));
    /* %t: the time, %h: the host name */
    time_t t0 = time(NULL);
    const char *t = tc_name("%t", false);
    ck_assert_ptr_nonnull(t);
    long long tv = atoll(t);
    ck_assert(tv >= t0 && tv <= time(NULL));
    struct utsname u;
    ck_assert_int_eq(uname(&u), 0);
    if (!strchr(u.nodename, '/') && u.nodename[0] && strcmp(u.nodename, ".") &&
        strcmp(u.nodename, ".."))
        ck_assert_str_eq(tc_name("%h", false), u.nodename);
}
END_TEST

/* %e is the guest's comm, %E/%f the guest program; each one name component */
START_TEST(test_name_escape)
{
    char comm[16], exe[sizeof gproc.exe_path];
    process_get_comm(comm);
    memcpy(exe, gproc.exe_path, sizeof exe);
    snprintf(gproc.exe_path, sizeof gproc.exe_path, "/usr/bin/my prog");
    prctl(PR_SET_NAME, "a/b", 0, 0, 0);
    ck_assert_str_eq(tc_name("%e|%E|%f", false), "a!b|!usr!bin!my prog|my prog");
    prctl(PR_SET_NAME, ".", 0, 0, 0);
    ck_assert_str_eq(tc_name("x/%e/y", false), "x/!/y");
    prctl(PR_SET_NAME, "..", 0, 0, 0);
    ck_assert_str_eq(tc_name("x/%e/y", false), "x/!./y");
    prctl(PR_SET_NAME, "", 0, 0, 0);
    ck_assert_str_eq(tc_name("x/%e/y", false), "x/!/y");
    gproc.exe_path[0] = 0;
    prctl(PR_SET_NAME, "prog", 0, 0, 0);
    ck_assert_str_eq(tc_name("%E", false), "prog (path unknown)");
    prctl(PR_SET_NAME, comm, 0, 0, 0);
    memcpy(gproc.exe_path, exe, sizeof exe);
}
END_TEST

/* ---- a fake guest ---- */

#define TC_G 0x70000000ull /* guest address of the test mappings */
#define TC_SPAN (0x50000ull)
#define TC_ANON TC_G                 /* 3 pages rw anonymous: marker, zero, auxv+args */
#define TC_ELF (TC_G + 0x10000)      /* 2 pages r-x of an ELF file */
#define TC_DATA (TC_G + 0x20000)     /* 1 page r-- of a non-ELF file */
#define TC_SHORT (TC_G + 0x30000)    /* 2 pages rw- private of a 100-byte file */
#define TC_NONE (TC_G + 0x40000)     /* 1 page --- anonymous */
#define P GUEST_PAGE

static char tc_dir[64];
static char tc_elf[128], tc_data[128], tc_short[128];
static struct guest_proc tc_saved;
static const char tc_marker[] = "pvm core test marker";
static const uint64_t tc_auxv[6] = {6 /* AT_PAGESZ */, 4096, 9 /* AT_ENTRY */, 0x400123, 0, 0};

static void tc_file(char *path, size_t cap, const char *name, const void *buf, size_t len)
{
    snprintf(path, cap, "%s/%s", tc_dir, name);
    int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    ck_assert_int_eq(write(fd, buf, len), (ssize_t)len);
    close(fd);
}

static void tc_map_file(uint64_t ga, uint64_t len, const char *path, int prot, uint8_t flags)
{
    int fd = open(path, O_RDWR);
    ck_assert_int_ge(fd, 0);
    ck_assert_ptr_ne(mmap(g2h(ga), len, prot, MAP_PRIVATE | MAP_FIXED, fd, 0), MAP_FAILED);
    close(fd);
    mem_set_flags(ga, len, flags);
}

static void tc_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert(mem_is_free(TC_G, TC_SPAN));
    strcpy(tc_dir, "/tmp/pvm-test-core-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(tc_dir));
    tc_saved = gproc;

    ck_assert_ptr_ne(mmap(g2h(TC_ANON), 3 * P, PROT_READ | PROT_WRITE,
                          MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0), MAP_FAILED);
    mem_set_flags(TC_ANON, 3 * P, PG_MAPPED | PG_R | PG_W);
    memcpy(g2h(TC_ANON), tc_marker, sizeof tc_marker);
    memcpy(g2h(TC_ANON + 2 * P), tc_auxv, sizeof tc_auxv);
    memcpy(g2h(TC_ANON + 2 * P + 64), "prog\0arg one\0", 13);
    gproc.auxv = TC_ANON + 2 * P;
    gproc.auxv_len = sizeof tc_auxv;
    gproc.argv_start = TC_ANON + 2 * P + 64;
    gproc.argv_end = gproc.argv_start + 13;

    static uint8_t elf[2 * P], data[P];
    memcpy(elf, ELFMAG, SELFMAG);
    memset(elf + P, 0xee, P);
    memset(data, 0xdd, sizeof data);
    tc_file(tc_elf, sizeof tc_elf, "elf", elf, sizeof elf);
    tc_file(tc_data, sizeof tc_data, "data", data, sizeof data);
    tc_file(tc_short, sizeof tc_short, "short", data, 100);
    tc_map_file(TC_ELF, 2 * P, tc_elf, PROT_READ, PG_MAPPED | PG_R | PG_X);
    tc_map_file(TC_DATA, P, tc_data, PROT_READ, PG_MAPPED | PG_R);
    tc_map_file(TC_SHORT, 2 * P, tc_short, PROT_READ | PROT_WRITE, PG_MAPPED | PG_R | PG_W);
    ck_assert_ptr_ne(mmap(g2h(TC_NONE), P, PROT_NONE, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS,
                          -1, 0), MAP_FAILED);
    mem_set_flags(TC_NONE, P, PG_MAPPED);
}

static void tc_teardown(void)
{
    ck_assert_ptr_ne(mmap(g2h(TC_G), TC_SPAN, PROT_NONE,
                          MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
                     MAP_FAILED);
    mem_set_flags(TC_G, TC_SPAN, 0);
    gproc = tc_saved;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tc_dir);
    ck_assert_int_eq(system(cmd), 0);
}

static struct cpu *tc_cpu(void)
{
    static struct cpu c;
    memset(&c, 0, sizeof c);
    for (int i = 0; i < 31; i++)
        c.x[i] = 0x1000 + (uint64_t)i;
    c.x[REG_SP] = 0xfffff000;
    c.pc = 0x400abc;
    c.nzcv = NZCV_N | NZCV_C;
    c.fpsr = 0x8000010;
    c.fpcr = 0x3000000;
    c.v[8].d[0] = 0x1122334455667788ull;
    c.v[8].d[1] = 0x99aabbccddeeff00ull;
    c.tpidr_el0 = 0x5eed;
    c.tid = (int)getpid();
    c.sig.blocked = 1ull << (SIGUSR1 - 1);
    return &c;
}

static siginfo_t tc_si(void)
{
    siginfo_t si;
    memset(&si, 0, sizeof si);
    si.si_signo = SIGSEGV;
    si.si_code = SEGV_MAPERR;
    si.si_addr = (void *)0xdead;
    return si;
}

/* the whole core file, read back */
struct tc_core {
    uint8_t *b;
    size_t n;
    const Elf64_Ehdr *eh;
    const Elf64_Phdr *ph;
};

static struct tc_core tc_write(uint64_t limit)
{
    char path[128];
    snprintf(path, sizeof path, "%s/core", tc_dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(fd, 0);
    siginfo_t si = tc_si();
    ck_assert(core_dump_to_fd(fd, tc_cpu(), &si, limit));
    struct stat st;
    ck_assert_int_eq(fstat(fd, &st), 0);
    struct tc_core k = {.n = (size_t)st.st_size};
    k.b = malloc(k.n + 1);
    ck_assert_ptr_nonnull(k.b);
    ck_assert_int_eq(pread(fd, k.b, k.n, 0), (ssize_t)k.n);
    close(fd);
    k.eh = (const Elf64_Ehdr *)k.b;
    k.ph = (const Elf64_Phdr *)(k.b + (k.n >= sizeof *k.eh ? k.eh->e_phoff : 0));
    return k;
}

static const Elf64_Phdr *tc_load(const struct tc_core *k, uint64_t va)
{
    for (int i = 0; i < k->eh->e_phnum; i++)
        if (k->ph[i].p_type == PT_LOAD && k->ph[i].p_vaddr == va)
            return &k->ph[i];
    return NULL;
}

static bool tc_all(const uint8_t *p, size_t n, uint8_t v)
{
    for (size_t i = 0; i < n; i++)
        if (p[i] != v)
            return false;
    return true;
}

START_TEST(test_write)
{
    struct tc_core k = tc_write(UINT64_MAX);
    const Elf64_Ehdr *eh = k.eh;
    ck_assert(k.n > sizeof *eh && !memcmp(eh->e_ident, ELFMAG, SELFMAG));
    ck_assert_int_eq(eh->e_ident[EI_CLASS], ELFCLASS64);
    ck_assert_int_eq(eh->e_ident[EI_DATA], ELFDATA2LSB);
    ck_assert_int_eq(eh->e_type, ET_CORE);
    ck_assert_int_eq(eh->e_machine, EM_AARCH64);
    ck_assert_int_eq(eh->e_phentsize, sizeof(Elf64_Phdr));
    ck_assert(eh->e_phnum >= 6 && eh->e_phoff + eh->e_phnum * sizeof(Elf64_Phdr) <= k.n);

    /* the notes, in the kernel's order */
    const Elf64_Phdr *note = &k.ph[0];
    ck_assert_int_eq(note->p_type, PT_NOTE);
    ck_assert(note->p_offset + note->p_filesz <= k.n);
    static const uint32_t order[] = {NT_PRSTATUS, NT_PRPSINFO, NT_SIGINFO, NT_AUXV,
                                     NT_FILE,     NT_FPREGSET, NT_ARM_TLS};
    size_t at = note->p_offset, end = at + note->p_filesz;
    int seen = 0;
    while (at + sizeof(Elf64_Nhdr) <= end) {
        const Elf64_Nhdr *nh = (const Elf64_Nhdr *)(k.b + at);
        const char *name = (const char *)(nh + 1);
        const uint8_t *d = (const uint8_t *)name + ((nh->n_namesz + 3) & ~3u);
        at = (size_t)(d - k.b) + ((nh->n_descsz + 3) & ~3u);
        ck_assert(at <= end);
        ck_assert_int_lt(seen, 7);
        ck_assert_uint_eq(nh->n_type, order[seen]);
        ck_assert_str_eq(name, nh->n_type == NT_ARM_TLS ? "LINUX" : "CORE");
        seen++;
        switch (nh->n_type) {
        case NT_PRSTATUS: {
            struct elf_prstatus_a64 p;
            ck_assert_uint_eq(nh->n_descsz, sizeof p);
            memcpy(&p, d, sizeof p);
            ck_assert_int_eq(p.pr_info.si_signo, SIGSEGV);
            ck_assert_int_eq(p.pr_cursig, SIGSEGV);
            ck_assert_int_eq(p.pr_pid, getpid());
            ck_assert_uint_eq(p.pr_sighold, 1ull << (SIGUSR1 - 1));
            ck_assert_uint_eq(p.pr_reg[0], 0x1000);
            ck_assert_uint_eq(p.pr_reg[30], 0x1000 + 30);
            ck_assert_uint_eq(p.pr_reg[31], 0xfffff000); /* sp */
            ck_assert_uint_eq(p.pr_reg[32], 0x400abc);   /* pc */
            ck_assert_uint_eq(p.pr_reg[33], NZCV_N | NZCV_C);
            ck_assert_int_eq(p.pr_fpvalid, 1);
            break;
        }
        case NT_PRPSINFO: {
            struct elf_prpsinfo_a64 p;
            ck_assert_uint_eq(nh->n_descsz, sizeof p);
            memcpy(&p, d, sizeof p);
            char comm[16];
            process_get_comm(comm);
            ck_assert_str_eq(p.pr_fname, comm);
            ck_assert_str_eq(p.pr_psargs, "prog arg one ");
            ck_assert_int_eq(p.pr_sname, 'R');
            ck_assert_int_eq(p.pr_pid, getpid());
            break;
        }
        case NT_SIGINFO: {
            siginfo_t si;
            ck_assert_uint_eq(nh->n_descsz, sizeof si);
            memcpy(&si, d, sizeof si);
            ck_assert_int_eq(si.si_signo, SIGSEGV);
            ck_assert_int_eq(si.si_code, SEGV_MAPERR);
            ck_assert_ptr_eq(si.si_addr, (void *)0xdead);
            break;
        }
        case NT_AUXV:
            ck_assert_uint_eq(nh->n_descsz, sizeof tc_auxv);
            ck_assert(!memcmp(d, tc_auxv, sizeof tc_auxv));
            break;
        case NT_FILE: {
            uint64_t count, page;
            memcpy(&count, d, 8);
            memcpy(&page, d + 8, 8);
            ck_assert_uint_eq(page, 4096);
            ck_assert(count >= 3 && 16 + count * 24 <= nh->n_descsz);
            const char *names = (const char *)d + 16 + count * 24;
            int found = 0;
            for (uint64_t i = 0; i < count; i++, names += strlen(names) + 1) {
                uint64_t t[3];
                memcpy(t, d + 16 + i * 24, sizeof t);
                if (t[0] == TC_ELF) {
                    ck_assert_uint_eq(t[1], TC_ELF + 2 * P);
                    ck_assert_uint_eq(t[2], 0);
                    ck_assert_str_eq(names, tc_elf);
                    found++;
                } else if (t[0] == TC_DATA) {
                    ck_assert_str_eq(names, tc_data);
                    found++;
                } else if (t[0] == TC_SHORT) {
                    ck_assert_str_eq(names, tc_short);
                    found++;
                } else {
                    /* nothing anonymous in the list */
                    ck_assert(t[0] < TC_G || t[0] >= TC_G + TC_SPAN);
                }
            }
            ck_assert_int_eq(found, 3);
            break;
        }
        case NT_FPREGSET: {
            struct user_fpsimd_state_a64 f;
            ck_assert_uint_eq(nh->n_descsz, sizeof f);
            memcpy(&f, d, sizeof f);
            uint64_t lo, hi;
            memcpy(&lo, f.vregs[8], 8);
            memcpy(&hi, f.vregs[8] + 8, 8);
            ck_assert_uint_eq(lo, 0x1122334455667788ull);
            ck_assert_uint_eq(hi, 0x99aabbccddeeff00ull);
            ck_assert_uint_eq(f.fpsr, 0x8000010);
            ck_assert_uint_eq(f.fpcr, 0x3000000);
            break;
        }
        case NT_ARM_TLS: {
            uint64_t tls;
            ck_assert_uint_eq(nh->n_descsz, 8);
            memcpy(&tls, d, 8);
            ck_assert_uint_eq(tls, 0x5eed);
            break;
        }
        }
    }
    ck_assert_int_eq(seen, 7);

    /* the mappings */
    const Elf64_Phdr *a = tc_load(&k, TC_ANON), *e = tc_load(&k, TC_ELF),
                     *dt = tc_load(&k, TC_DATA), *s = tc_load(&k, TC_SHORT),
                     *n = tc_load(&k, TC_NONE);
    ck_assert(a && e && dt && s && n);
    for (int i = 1; i < eh->e_phnum; i++) {
        ck_assert_uint_eq(k.ph[i].p_offset % 4096, 0);
        ck_assert(k.ph[i].p_offset + k.ph[i].p_filesz <= k.n);
    }
    ck_assert_uint_eq(a->p_flags, PF_R | PF_W);
    ck_assert_uint_eq(a->p_memsz, 3 * P);
    ck_assert_uint_eq(a->p_filesz, 3 * P);
    ck_assert(!memcmp(k.b + a->p_offset, tc_marker, sizeof tc_marker));
    ck_assert(tc_all(k.b + a->p_offset + P, P, 0));
    ck_assert(!memcmp(k.b + a->p_offset + 2 * P, tc_auxv, sizeof tc_auxv));
    ck_assert_uint_eq(e->p_flags, PF_R | PF_X);
    ck_assert_uint_eq(e->p_memsz, 2 * P);
    ck_assert_uint_eq(e->p_filesz, P); /* the ELF header page only */
    ck_assert(!memcmp(k.b + e->p_offset, ELFMAG, SELFMAG));
    ck_assert_uint_eq(dt->p_flags, PF_R);
    ck_assert_uint_eq(dt->p_filesz, 0);
    ck_assert_uint_eq(s->p_filesz, 2 * P);
    ck_assert(tc_all(k.b + s->p_offset, 100, 0xdd));
    ck_assert(tc_all(k.b + s->p_offset + 100, P - 100, 0));
    ck_assert(tc_all(k.b + s->p_offset + P, P, 0)); /* past the file's end: a hole */
    ck_assert_uint_eq(n->p_flags, 0);
    ck_assert_uint_eq(n->p_filesz, 0);
    ck_assert_uint_eq(n->p_memsz, P);
    free(k.b);
}
END_TEST

/* RLIMIT_CORE: the file ends before the first piece that would pass it */
START_TEST(test_limit)
{
    struct tc_core k = tc_write(100); /* the ELF header fits, no program header */
    ck_assert_uint_eq(k.n, sizeof(Elf64_Ehdr));
    free(k.b);
    k = tc_write(UINT64_MAX);
    const Elf64_Phdr *a = tc_load(&k, TC_ANON);
    ck_assert_ptr_nonnull(a);
    uint64_t cut = a->p_offset + P + 100; /* inside the anonymous mapping's second page */
    free(k.b);
    k = tc_write(cut);
    ck_assert_uint_eq(k.n, cut - 100); /* its first page, not the second */
    ck_assert(!memcmp(k.b + (cut - 100 - P), tc_marker, sizeof tc_marker));
    free(k.b);
}
END_TEST

/* core_dump_write makes its file as the kernel does */
START_TEST(test_write_file)
{
    char pattern[256] = "core";
    int fd = open("/proc/sys/kernel/core_pattern", O_RDONLY);
    if (fd >= 0) {
        ssize_t r = read(fd, pattern, sizeof pattern - 1);
        pattern[r > 0 ? r : 0] = 0;
        pattern[strcspn(pattern, "\n")] = 0;
        close(fd);
    }
    struct rlimit old, rl;
    ck_assert_int_eq(getrlimit(RLIMIT_CORE, &old), 0);
    if (pattern[0] == '/' || old.rlim_max < 4096) {
        fprintf(stderr, "SKIP core write_file: core_pattern %s, hard RLIMIT_CORE %llu\n",
                pattern, (unsigned long long)old.rlim_max);
        return;
    }
    char name[PATH_MAX], cwd[PATH_MAX], victim[128];
    ck_assert_ptr_nonnull(getcwd(cwd, sizeof cwd));
    ck_assert_int_eq(chdir(tc_dir), 0);
    ck_assert(core_dump_name(name, sizeof name, pattern, false, SIGSEGV, getpid(), old.rlim_max));
    siginfo_t si = tc_si();

    /* RLIMIT_CORE 0: nothing */
    rl = (struct rlimit){0, old.rlim_max};
    ck_assert_int_eq(setrlimit(RLIMIT_CORE, &rl), 0);
    ck_assert(!core_dump_write(tc_cpu(), &si));
    rl.rlim_cur = old.rlim_max;
    ck_assert_int_eq(setrlimit(RLIMIT_CORE, &rl), 0);

    /* a name that is a symlink to another file, and a hard link to one */
    snprintf(victim, sizeof victim, "%s/victim", tc_dir);
    tc_file(victim, sizeof victim, "victim", "keep", 4);
    if (strchr(name, '/') == NULL) {
        ck_assert_int_eq(symlink(victim, name), 0);
        bool ok = core_dump_write(tc_cpu(), &si);
        struct stat st;
        ck_assert_int_eq(lstat(name, &st), 0);
        ck_assert(ok && S_ISREG(st.st_mode) && (st.st_mode & 0777) == 0600);
        ck_assert_int_eq(stat(victim, &st), 0);
        ck_assert_int_eq(st.st_size, 4);
        ck_assert_int_eq(unlink(name), 0);
        ck_assert_int_eq(link(victim, name), 0);
        ck_assert(core_dump_write(tc_cpu(), &si));
        ck_assert_int_eq(stat(victim, &st), 0);
        ck_assert_int_eq(st.st_size, 4);
        ck_assert_int_eq(st.st_nlink, 1);
        ck_assert_int_eq(stat(name, &st), 0);
        ck_assert(st.st_size > 4096 && (st.st_mode & 0777) == 0600);
    }
    ck_assert_int_eq(setrlimit(RLIMIT_CORE, &old), 0);
    ck_assert_int_eq(chdir(cwd), 0);
}
END_TEST

Suite *suite_core(void)
{
    Suite *s = suite_create("core");
    TCase *t = tcase_create("name");
    tcase_add_test(t, test_name);
    tcase_add_test(t, test_name_escape);
    suite_add_tcase(s, t);
    t = tcase_create("write");
    tcase_add_checked_fixture(t, tc_setup, tc_teardown);
    tcase_add_test(t, test_write);
    tcase_add_test(t, test_limit);
    tcase_add_test(t, test_write_file);
    suite_add_tcase(s, t);
    return s;
}

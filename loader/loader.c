/* The ELF loader: opens the program once (headers read with pread, segments
 * mapped from the fd, fd closed), validates it completely (loader/elf.c)
 * before mapping anything, maps PT_LOADs inside the guest region, places the
 * stack, loads the PT_INTERP dynamic linker top-down below the stack, maps
 * the vDSO (loader/vdso.c) the same way, and builds the initial stack
 * (loader/stack.c). Every failure is one line
 * "pvm: PATH: reason" and an exit status (127 missing, 126 otherwise); every
 * path and PT_INTERP string in a message is escaped (log_str).
 * With binfmt_misc's O flag the program comes as a descriptor the kernel
 * opened (loader_load_fd: no path check, no read permission needed; the
 * loader closes it like its own).
 * Layout (docs/design.md): stack top = region top - 64 KiB, the stack size
 * (-s, LOADER_STACK_SIZE by default) below it, all mapped at once so the
 * guest can recurse that deep; guest mmap (mem_mmap_top) starts a gap below
 * the stack. All of it under the mm lock (loader_load). */
#include "loader/loader.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/path.h"
#include "core/process.h"
#include "loader/elf.h"
#include "loader/layout.h"
#include "loader/stack.h"
#include "loader/vdso.h"

/* Debian's cross libc: used as the -L prefix when the dynamic linker is not
 * on the host and no -L was given */
#define LOADER_CROSS_SYSROOT "/usr/aarch64-linux-gnu"

bool loader_no_file_mmap;

struct loader_file {
    const char *path; /* host path, for messages */
    int fd;
    uint64_t size;
    struct elf_info *elf;
    uint64_t base;    /* where min_vaddr lands */
    uint64_t bias;    /* base - min_vaddr (mod 2^64) */
};

static inline uint64_t loader_page_down(uint64_t a) { return a & ~(GUEST_PAGE - 1); }
static inline uint64_t loader_page_up(uint64_t a) { return (a + GUEST_PAGE - 1) & ~(GUEST_PAGE - 1); }

/* pread until n bytes or end of file; returns bytes read or -1 */
static ssize_t loader_pread(int fd, void *buf, size_t n, uint64_t off)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(off + got));
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            return -1;
        if (r == 0)
            break;
        got += (size_t)r;
    }
    return (ssize_t)got;
}

/* Opens a program or dynamic linker for execution with the kernel's checks
 * (regular file, exec permission, readable). Returns 0, or the exit status
 * after printing why; ENOENT is left to the caller when quiet_missing. */
static int loader_open(struct loader_file *f, const char *path, bool quiet_missing)
{
    struct stat st;
    f->path = path;
    f->fd = -1;
    if (stat(path, &st) != 0) {
        if (errno == ENOENT && quiet_missing)
            return 127;
        log_error("%s: %s", log_str(path), strerror(errno));
        return errno == ENOENT ? 127 : 126;
    }
    if (S_ISDIR(st.st_mode)) {
        log_error("%s: Is a directory", log_str(path));
        return 126;
    }
    if (!S_ISREG(st.st_mode)) {
        log_error("%s: not a regular file", log_str(path));
        return 126;
    }
    if (access(path, X_OK) != 0) {
        log_error("%s: %s", log_str(path), strerror(errno));
        return 126;
    }
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        log_error("%s: %s", log_str(path), strerror(errno));
        return errno == ENOENT ? 127 : 126;
    }
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
        log_error("%s: not a regular file", log_str(path));
        close(fd);
        return 126;
    }
    f->fd = fd;
    f->size = (uint64_t)st.st_size;
    return 0;
}

/* Takes a descriptor of the program the kernel opened for binfmt_misc's O
 * flag: the kernel checked execute permission and opened it for reading, so
 * only the file type is checked here. */
static int loader_open_fd(struct loader_file *f, const char *path, int fd)
{
    struct stat st;
    f->path = path;
    f->fd = fd;
    if (fstat(fd, &st) != 0) {
        log_error("%s: %s", log_str(path), strerror(errno));
        return 126;
    }
    if (!S_ISREG(st.st_mode)) {
        log_error("%s: not a regular file", log_str(path));
        return 126;
    }
    f->size = (uint64_t)st.st_size;
    return 0;
}

static void loader_close(struct loader_file *f)
{
    if (f->fd >= 0)
        close(f->fd);
    f->fd = -1;
}

/* reads and validates the ELF and program headers; prints on failure */
static bool loader_read_headers(struct loader_file *f)
{
    unsigned char eh[sizeof(Elf64_Ehdr)];
    ssize_t n = loader_pread(f->fd, eh, sizeof eh, 0);
    if (n < 0) {
        log_error("%s: %s", log_str(f->path), strerror(errno));
        return false;
    }
    const char *why = elf_check_ehdr(f->elf, eh, (size_t)n, f->size);
    if (!why) {
        size_t tab = (size_t)f->elf->eh.e_phnum * sizeof(Elf64_Phdr);
        void *ph = malloc(tab);
        if (!ph)
            log_fatal("out of memory");
        n = loader_pread(f->fd, ph, tab, f->elf->eh.e_phoff);
        if (n < 0) {
            log_error("%s: %s", log_str(f->path), strerror(errno));
            free(ph);
            return false;
        }
        why = elf_check_phdrs(f->elf, ph, (size_t)n, f->size);
        free(ph);
    }
    if (why) {
        log_error("%s: %s", log_str(f->path), why);
        return false;
    }
    return true;
}

/* ---- mapping ---- */

/* fills guest [ga, ga+len) (already RW on the host) from the file */
static bool loader_copy_in(int fd, uint64_t ga, uint64_t len, uint64_t off)
{
    if (len == 0)
        return true;
    ssize_t n = loader_pread(fd, g2h(ga), len, off);
    if (n < 0)
        return false;
    if ((uint64_t)n < len) /* the file shrank after validation */
        memset((uint8_t *)g2h(ga) + n, 0, len - (uint64_t)n);
    return true;
}

/* Maps segment i of f at its biased address. prev_end/prev_prot describe the
 * pages already mapped by the previous segment: a segment may start inside
 * the last page of the previous one (their byte ranges are disjoint, their
 * pages need not be); that page keeps the previous bytes, receives this
 * segment's bytes by copy, and gets the union of both protections. */
static const char *loader_map_segment(struct loader_file *f, unsigned i, uint64_t *prev_end,
                                      int *prev_prot)
{
    const Elf64_Phdr *p = &f->elf->ph[i];
    int prot = elf_prot(p->p_flags);
    uint64_t v = p->p_vaddr + f->bias, fsz = p->p_filesz, msz = p->p_memsz, off = p->p_offset;
    uint64_t first = loader_page_down(v), end = loader_page_up(v + msz);
    uint64_t fend = fsz ? loader_page_up(v + fsz) : first; /* end of the file-backed pages */
    uint64_t start = first;

    if (first < *prev_end) {
        /* shared page: copy this segment's bytes into it */
        int u = prot | *prev_prot;
        uint64_t pg_end = first + GUEST_PAGE;
        uint64_t fcopy_end = v + fsz < pg_end ? v + fsz : pg_end;
        uint64_t zero_end = v + msz < pg_end ? v + msz : pg_end;
        if (mprotect(g2h(first), GUEST_PAGE, PROT_READ | PROT_WRITE) != 0)
            return strerror(errno);
        if (!loader_copy_in(f->fd, v, fcopy_end - v, off))
            return strerror(errno);
        if (zero_end > fcopy_end)
            memset(g2h(fcopy_end), 0, zero_end - fcopy_end);
        if (mprotect(g2h(first), GUEST_PAGE, mem_host_prot(u)) != 0)
            return strerror(errno);
        mem_set_flags(first, GUEST_PAGE, mem_prot_flags(u));
        start = pg_end;
        if (fend < start)
            fend = start;
    }

    if (start < fend) {
        /* file-backed pages; start is either first (<= v) or past v */
        uint64_t foff = start <= v ? off - (v - start) : off + (start - v);
        uint64_t len = fend - start;
        bool zero_tail = msz > fsz && ((v + fsz) & GUEST_PAGE_MASK);
        int hprot = zero_tail ? PROT_READ | PROT_WRITE : mem_host_prot(prot);
        void *h = loader_no_file_mmap ? MAP_FAILED
                                      : mmap(g2h(start), len, hprot, MAP_PRIVATE | MAP_FIXED,
                                             f->fd, (off_t)foff);
        if (h == MAP_FAILED) {
            /* file systems without mmap: anonymous pages filled by pread */
            h = mmap(g2h(start), len, PROT_READ | PROT_WRITE,
                     MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
            if (h == MAP_FAILED)
                return strerror(errno);
            if (!loader_copy_in(f->fd, start, len, foff))
                return strerror(errno);
            hprot = PROT_READ | PROT_WRITE;
            zero_tail = msz > fsz;
        }
        if (zero_tail)
            memset(g2h(v + fsz), 0, fend - (v + fsz));
        if (hprot != mem_host_prot(prot) && mprotect(h, len, mem_host_prot(prot)) != 0)
            return strerror(errno);
    }
    uint64_t astart = fend > start ? fend : start;
    if (astart < end) {
        /* bss beyond the file-backed pages */
        void *h = mmap(g2h(astart), end - astart, mem_host_prot(prot),
                       MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1, 0);
        if (h == MAP_FAILED)
            return strerror(errno);
    }
    if (start < end)
        mem_set_flags(start, end - start, mem_prot_flags(prot));
    if (log_on(DBG_mmap))
        log_printf("mmap: %s segment %u: 0x%llx-0x%llx %c%c%c (file 0x%llx+0x%llx)\n", log_str(f->path), i,
                   (unsigned long long)v, (unsigned long long)(v + msz), (prot & 1) ? 'r' : '-',
                   (prot & 2) ? 'w' : '-', (prot & 4) ? 'x' : '-', (unsigned long long)off,
                   (unsigned long long)fsz);
    *prev_end = end;
    *prev_prot = prot;
    return NULL;
}

static bool loader_map(struct loader_file *f)
{
    uint64_t prev_end = 0;
    int prev_prot = 0;
    for (unsigned i = 0; i < f->elf->phnum; i++) {
        const Elf64_Phdr *p = &f->elf->ph[i];
        if (p->p_type != PT_LOAD || p->p_memsz == 0)
            continue;
        const char *why = loader_map_segment(f, i, &prev_end, &prev_prot);
        if (why) {
            log_error("%s: cannot map segment %u: %s", log_str(f->path), i, why);
            return false;
        }
    }
    return true;
}

static bool loader_map_anon(uint64_t ga, uint64_t len, int prot)
{
    if (mmap(g2h(ga), len, mem_host_prot(prot), MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1,
             0) == MAP_FAILED)
        return false;
    mem_set_flags(ga, len, mem_prot_flags(prot));
    return true;
}

/* ---- the dynamic linker ---- */

/* Reads PT_INTERP of f and finds the host file (the -L rule; without -L,
 * Debian's cross sysroot as a fallback that then becomes the process's -L
 * prefix). Returns 0 and the host path in out, or the exit status. */
static int loader_find_interp(struct loader_file *f, const char *prog, char *guest,
                              char *out, size_t cap)
{
    const Elf64_Phdr *p = &f->elf->ph[f->elf->interp];
    ssize_t n = loader_pread(f->fd, guest, p->p_filesz, p->p_offset);
    if (n != (ssize_t)p->p_filesz || guest[p->p_filesz - 1] != 0 || !guest[0]) {
        log_error("%s: bad PT_INTERP", log_str(prog));
        return 126;
    }
    struct stat st;
    char alt[PATH_MAX];
    const char *host = path_lookup(guest, out, cap);
    if (stat(host, &st) != 0 && (!opt.ld_prefix || !opt.ld_prefix[0])) {
        const char *h2 = path_lookup_in(LOADER_CROSS_SYSROOT, guest, alt, sizeof alt);
        if (h2 != guest && stat(h2, &st) == 0) {
            options_set_ld_prefix(LOADER_CROSS_SYSROOT);
            host = h2;
        }
    }
    if (strlen(host) + 1 > cap) {
        log_error("%s: dynamic linker path too long", log_str(prog));
        return 126;
    }
    memmove(out, host, strlen(host) + 1);
    return 0;
}

/* ---- entry point ---- */

static struct elf_info loader_main_elf, loader_interp_elf;

static int loader_load_locked(const char *path, int fd, const char *execfn, char *const argv[],
                              char *const envp[])
{
    struct loader_file prog = {.elf = &loader_main_elf, .fd = -1};
    struct loader_file interp = {.elf = &loader_interp_elf, .fd = -1};
    static char interp_guest[4097], interp_host[PATH_MAX];
    int st = fd >= 0 ? loader_open_fd(&prog, path, fd) : loader_open(&prog, path, false);
    if (st)
        goto fail_st;
    if (!loader_read_headers(&prog))
        goto fail;
    struct elf_info *e = prog.elf;

    /* layout (loader/layout.c): stack at the top, guest mmap a gap below
     * it, ET_EXEC where it says, ET_DYN at LOADER_DYN_BIAS or lower in a
     * region too small for that */
    struct loader_layout lay;
    const char *why = loader_layout(e, guest_size, opt.stack_size, &lay);
    if (why) {
        log_error("%s: %s", log_str(path), why);
        goto fail;
    }
    uint64_t stack_top = lay.stack_top, stack_size = lay.stack_size;
    uint64_t stack_bottom = lay.stack_bottom, mmap_top = lay.mmap_top;
    prog.base = lay.base;
    prog.bias = lay.bias;

    /* the dynamic linker: found and validated before anything is mapped */
    if (e->interp >= 0) {
        st = loader_find_interp(&prog, path, interp_guest, interp_host, sizeof interp_host);
        if (st)
            goto fail_st;
        st = loader_open(&interp, interp_host, true);
        if (st == 127) {
            log_error("%s: cannot find dynamic linker %s (use -L SYSROOT)", log_str(path),
                      log_str(interp_guest));
            goto fail_st;
        }
        if (st)
            goto fail_st;
        if (!loader_read_headers(&interp))
            goto fail;
    }

    if (!loader_map(&prog))
        goto fail;
    loader_close(&prog);
    /* elf_check_fit kept the program below stack_bottom */
    int sprot = 3 | (e->stack_exec ? 4 : 0);
    if (!loader_map_anon(stack_bottom, stack_size, sprot)) {
        log_error("%s: cannot map the stack: %s", log_str(path), strerror(errno));
        goto fail;
    }
    mem_mmap_top = mmap_top;

    if (e->interp >= 0) {
        struct elf_info *ie = interp.elf;
        if (ie->is_dyn) {
            /* top-down like guest mmap, aligned as the segments ask */
            uint64_t a = ie->max_align;
            uint64_t free = mem_find_free(elf_span(ie) + a - GUEST_PAGE, mem_mmap_top);
            interp.base = free ? (free + a - 1) & ~(a - 1) : 0;
        } else {
            interp.base = ie->min_vaddr;
            if (!mem_is_free(interp.base, elf_span(ie)))
                interp.base = 0;
        }
        why = interp.base ? elf_check_fit(ie, interp.base, stack_bottom)
                          : "no room for the dynamic linker in the guest address space";
        if (why) {
            log_error("%s: %s", log_str(interp.path), why);
            goto fail;
        }
        interp.bias = interp.base - ie->min_vaddr;
        if (!loader_map(&interp))
            goto fail;
        loader_close(&interp);
    }

    /* the vDSO: top-down in the guest mmap area, after the dynamic linker */
    gproc.vdso_base = gproc.vdso_size = 0;
    why = loader_map_vdso(mem_mmap_top);
    if (why) {
        log_error("%s: cannot map the vDSO: %s", log_str(path), why);
        goto fail;
    }

    /* the program's facts, then the initial stack */
    char *real = realpath(path, NULL);
    snprintf(gproc.exe_path, sizeof gproc.exe_path, "%s", real ? real : path);
    free(real);
    gproc.load_bias = prog.bias;
    gproc.entry = e->eh.e_entry + prog.bias;
    gproc.phdr = (e->have_phdr_vaddr ? e->phdr_vaddr : e->min_vaddr + e->eh.e_phoff) + prog.bias;
    gproc.interp_base = e->interp >= 0 ? interp.base : 0;
    gproc.start_pc = e->interp >= 0 ? interp.elf->eh.e_entry + interp.bias : gproc.entry;
    gproc.brk_start = gproc.brk_cur = loader_page_up(e->max_vaddr + prog.bias);

    struct loader_stack_in in = {
        .argv = argv,
        .envp = envp,
        .execfn = execfn ? execfn : path,
        .secure = opt.secure,
        .phdr = gproc.phdr,
        .phnum = e->phnum,
        .base = gproc.interp_base,
        .entry = gproc.entry,
        .vdso = gproc.vdso_base,
    };
    why = loader_stack_build(&in, stack_bottom, stack_top);
    if (why) {
        log_error("%s: %s", log_str(path), why);
        return 126;
    }
    if (log_on(DBG_mmap))
        log_printf("mmap: loader: entry 0x%llx start 0x%llx brk 0x%llx stack 0x%llx-0x%llx sp "
                   "0x%llx mmap_top 0x%llx%s%s\n",
                   (unsigned long long)gproc.entry, (unsigned long long)gproc.start_pc,
                   (unsigned long long)gproc.brk_start, (unsigned long long)stack_bottom,
                   (unsigned long long)stack_top, (unsigned long long)gproc.sp,
                   (unsigned long long)mem_mmap_top, opt.ld_prefix ? " prefix " : "",
                   opt.ld_prefix ? log_str(opt.ld_prefix) : "");
    return 0;

fail:
    st = 126;
fail_st:
    loader_close(&prog);
    loader_close(&interp);
    return st;
}

/* Under the mm lock (core/mem.h), like every change of the guest's
 * mappings: the segments, the stack, the dynamic linker's free-range search
 * and the vDSO. The loader runs before any second guest thread, so the lock
 * is never contended; it keeps the rule without exceptions. */
int loader_load_fd(const char *path, int fd, const char *execfn, char *const argv[],
                   char *const envp[])
{
    mem_mm_lock();
    int st = loader_load_locked(path, fd, execfn, argv, envp);
    mem_mm_unlock();
    return st;
}

int loader_load(const char *path, char *const argv[], char *const envp[])
{
    return loader_load_fd(path, -1, NULL, argv, envp);
}

/* Guest core files (see core.h): the name from core_pattern, the file made
 * as the kernel makes it, then ELF header, program headers, notes and the
 * guest's memory, written in pieces against RLIMIT_CORE.
 * Invariants: no guest byte is read by pvm's own loads unless its page is
 * PG_R and anonymous (such a page cannot fault on the host); every other
 * guest byte reaches the file through write(2) or process_vm_readv(2),
 * which return EFAULT where a load would raise SIGBUS. The file offset of
 * every piece is computed before anything is written, so a piece left out
 * (a hole, or the limit) never shifts what follows. */
#include "signals/core.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/uio.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "core/guestmaps.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/process.h"
#include "signals/abi_core.h"
#include "signals/abi_signal.h"
#include "signals/signal.h"

/* the kernel gives up NT_FILE above this size (MAX_FILE_NOTE_SIZE) */
#define CORE_FILE_NOTE_MAX (4u << 20)
/* memory is written in runs of at most this many bytes */
#define CORE_CHUNK (1u << 20)

/* ---- the file name ---- */

struct core_name {
    char *p;
    size_t n, cap;
    bool over; /* did not fit */
};

static void core_name_put(struct core_name *cn, const char *s, size_t len)
{
    if (cn->over || len >= cn->cap - cn->n) {
        cn->over = true;
        return;
    }
    memcpy(cn->p + cn->n, s, len);
    cn->n += len;
    cn->p[cn->n] = 0;
}

static void __attribute__((format(printf, 2, 3))) core_name_printf(struct core_name *cn,
                                                                   const char *fmt, ...)
{
    char b[64];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(b, sizeof b, fmt, ap);
    va_end(ap);
    if (n > 0)
        core_name_put(cn, b, (size_t)n);
}

/* A substituted string that must stay one name component, as the kernel's
 * cn_esc_printf: '/' becomes '!', "." and ".." get a '!' first character,
 * and an empty one is "!". */
static void core_name_esc(struct core_name *cn, const char *s)
{
    size_t start = cn->n, len = strlen(s);
    core_name_put(cn, s, len);
    if (cn->over)
        return;
    if ((len == 1 && s[0] == '.') || (len == 2 && s[0] == '.' && s[1] == '.'))
        cn->p[start] = '!';
    if (len == 0)
        core_name_put(cn, "!", 1);
    for (size_t i = start; i < cn->n; i++)
        if (cn->p[i] == '/')
            cn->p[i] = '!';
}

bool core_dump_name(char *out, size_t cap, const char *pattern, bool uses_pid, int sig, int tid,
                    uint64_t limit)
{
    if (!cap)
        return false;
    struct core_name cn = {.p = out, .cap = cap};
    out[0] = 0;
    /* a helper program or socket cannot be fed: the kernel's default name */
    if (pattern[0] == '|' || pattern[0] == '@')
        pattern = "core";
    bool pid_seen = false;
    for (const char *p = pattern; *p && !cn.over; p++) {
        if (*p != '%') {
            core_name_put(&cn, p, 1);
            continue;
        }
        char comm[16];
        const char *exe = gproc.exe_path, *slash;
        switch (*++p) {
        case 0:
            p--; /* a single % at the end is dropped */
            break;
        case '%':
            core_name_put(&cn, "%", 1);
            break;
        case 'p':
            pid_seen = true;
            /* fall through */
        case 'P':
            core_name_printf(&cn, "%d", (int)getpid());
            break;
        case 'i':
        case 'I':
            core_name_printf(&cn, "%d", tid);
            break;
        case 'u':
            core_name_printf(&cn, "%u", (unsigned)getuid());
            break;
        case 'g':
            core_name_printf(&cn, "%u", (unsigned)getgid());
            break;
        case 'd':
            core_name_printf(&cn, "%d", prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
            break;
        case 's':
            core_name_printf(&cn, "%d", sig);
            break;
        case 't':
            core_name_printf(&cn, "%lld", (long long)time(NULL));
            break;
        case 'h': {
            struct utsname u;
            core_name_esc(&cn, uname(&u) == 0 ? u.nodename : "");
            break;
        }
        case 'e':
            process_get_comm(comm);
            core_name_esc(&cn, comm);
            break;
        case 'f':
        case 'E':
            if (!exe[0]) {
                char what[64];
                process_get_comm(comm);
                snprintf(what, sizeof what, "%s (path unknown)", comm);
                core_name_esc(&cn, what);
                break;
            }
            slash = strrchr(exe, '/');
            core_name_esc(&cn, *p == 'f' && slash ? slash + 1 : exe);
            break;
        case 'c':
            core_name_printf(&cn, "%llu", (unsigned long long)limit);
            break;
        case 'C':
            core_name_printf(&cn, "%d", sched_getcpu());
            break;
        default: /* %F (a helper's pidfd) and unknown ones are dropped */
            break;
        }
    }
    if (uses_pid && !pid_seen)
        core_name_printf(&cn, ".%d", (int)getpid());
    return !cn.over && cn.n > 0;
}

/* The first line of a /proc/sys file into buf (newline dropped). */
static bool core_read_sys(const char *path, char *buf, size_t cap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    ssize_t n;
    do
        n = read(fd, buf, cap - 1);
    while (n < 0 && errno == EINTR);
    close(fd);
    if (n < 0)
        return false;
    buf[n] = 0;
    buf[strcspn(buf, "\n")] = 0;
    return true;
}

/* Creates the core file as the kernel does: the name replaced, never
 * written through (a symlink, a hard link, another user's file), and the
 * result checked to be what was asked for. */
static int core_open(const char *name)
{
    unlink(name);
    int fd = open(name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0)
        return -1;
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_nlink != 1 ||
        st.st_uid != geteuid() || (st.st_mode & 0677) != 0600) {
        close(fd);
        return -1;
    }
    return fd;
}

/* ---- reading the guest ---- */

/* n guest bytes at ga into dst: only from PG_R pages, through the kernel
 * (a file page past the end of its file is EFAULT, not SIGBUS) */
static bool core_peek(void *dst, uint64_t ga, size_t n)
{
    if (!n)
        return true;
    if (!mem_range_ok(ga, n) || !mem_is_mapped(ga, n, PG_MAPPED | PG_R))
        return false;
    struct iovec l = {dst, n}, r = {g2h(ga), n};
    return process_vm_readv(getpid(), &l, 1, &r, 1, 0) == (ssize_t)n;
}

/* one guest mapping as the core shows it */
struct core_map {
    uint64_t start, end, offset; /* offset: in the file, bytes */
    uint64_t dump;               /* bytes of it in the core, from start */
    uint64_t file_off;           /* where they are in the core */
    uint8_t flags;               /* PG_R/W/X */
    char *name;                  /* file-backed: its guest path; else NULL */
};

struct core_maps {
    struct core_map *v;
    size_t n, cap;
    bool oom;
};

static void core_collect(const struct guestmap *m, void *ctx)
{
    struct core_maps *ms = ctx;
    /* e_phnum holds at most PN_XNUM - 1 headers, one of them the notes */
    if (ms->oom || ms->n >= PN_XNUM - 2)
        return;
    if (ms->n == ms->cap) {
        size_t cap = ms->cap ? ms->cap * 2 : 64;
        struct core_map *v = realloc(ms->v, cap * sizeof *v);
        if (!v) {
            ms->oom = true;
            return;
        }
        ms->v = v;
        ms->cap = cap;
    }
    struct core_map *c = &ms->v[ms->n];
    *c = (struct core_map){.start = m->start, .end = m->end, .offset = m->offset,
                           .flags = m->flags};
    if (m->inode) {
        c->name = strdup(m->name);
        if (!c->name) {
            ms->oom = true;
            return;
        }
    }
    ms->n++;
}

/* How much of mapping m the core holds (see core.h). */
static uint64_t core_dump_size(const struct core_map *m)
{
    if (!(m->flags & PG_R))
        return 0;
    if (!m->name || (m->flags & PG_W))
        return m->end - m->start;
    uint8_t magic[SELFMAG];
    if (m->offset == 0 && core_peek(magic, m->start, SELFMAG) && !memcmp(magic, ELFMAG, SELFMAG))
        return CORE_PAGE_A64;
    return 0;
}

/* ---- building the notes ---- */

struct core_buf {
    uint8_t *p;
    size_t n, cap;
    bool oom;
};

static void core_buf_put(struct core_buf *b, const void *d, size_t n)
{
    if (b->oom)
        return;
    if (n > b->cap - b->n) {
        size_t cap = b->cap ? b->cap : 4096;
        while (n > cap - b->n)
            cap *= 2;
        uint8_t *p = realloc(b->p, cap);
        if (!p) {
            b->oom = true;
            return;
        }
        b->p = p;
        b->cap = cap;
    }
    if (d)
        memcpy(b->p + b->n, d, n);
    else
        memset(b->p + b->n, 0, n);
    b->n += n;
}

static void core_buf_align4(struct core_buf *b) { core_buf_put(b, NULL, (4 - (b->n & 3)) & 3); }

/* the end of each note in the notes buffer: the pieces the limit cuts at */
struct core_notes {
    struct core_buf b;
    size_t end[8];
    int n;
};

static void core_note(struct core_notes *ns, const char *name, uint32_t type, const void *desc,
                      size_t n)
{
    Elf64_Nhdr h = {.n_namesz = (Elf64_Word)strlen(name) + 1, .n_descsz = (Elf64_Word)n,
                    .n_type = type};
    core_buf_put(&ns->b, &h, sizeof h);
    core_buf_put(&ns->b, name, h.n_namesz);
    core_buf_align4(&ns->b);
    core_buf_put(&ns->b, desc, n);
    core_buf_align4(&ns->b);
    if (ns->n < (int)(sizeof ns->end / sizeof ns->end[0]))
        ns->end[ns->n++] = ns->b.n;
}

static struct elf_timeval_a64 core_tv(struct timeval tv)
{
    return (struct elf_timeval_a64){tv.tv_sec, tv.tv_usec};
}

static void core_note_prstatus(struct core_notes *ns, const struct cpu *c, int sig)
{
    struct elf_prstatus_a64 p;
    memset(&p, 0, sizeof p);
    p.pr_info.si_signo = sig; /* si_code and si_errno stay 0, as the kernel leaves them */
    p.pr_cursig = (int16_t)sig;
    p.pr_sigpend = sig_view_pending_thread(c);
    p.pr_sighold = sig_view_blocked(c);
    p.pr_pid = c->tid;
    p.pr_ppid = (int32_t)getppid();
    p.pr_pgrp = (int32_t)getpgrp();
    p.pr_sid = (int32_t)getsid(0);
    /* the process's times for its main thread, else the thread's (the
     * dying thread is the calling one) */
    struct rusage self, kids;
    memset(&self, 0, sizeof self);
    memset(&kids, 0, sizeof kids);
    getrusage(c->tid == (int)getpid() ? RUSAGE_SELF : RUSAGE_THREAD, &self);
    getrusage(RUSAGE_CHILDREN, &kids);
    p.pr_utime = core_tv(self.ru_utime);
    p.pr_stime = core_tv(self.ru_stime);
    p.pr_cutime = core_tv(kids.ru_utime);
    p.pr_cstime = core_tv(kids.ru_stime);
    memcpy(p.pr_reg, c->x, 32 * sizeof c->x[0]); /* x0..x30, sp */
    p.pr_reg[32] = c->pc;
    p.pr_reg[33] = c->nzcv & (NZCV_N | NZCV_Z | NZCV_C | NZCV_V); /* EL0t, DAIF clear */
    p.pr_fpvalid = 1;
    core_note(ns, "CORE", NT_PRSTATUS, &p, sizeof p);
}

static void core_note_prpsinfo(struct core_notes *ns)
{
    struct elf_prpsinfo_a64 p;
    memset(&p, 0, sizeof p);
    p.pr_state = 0; /* running */
    p.pr_sname = 'R';
    errno = 0;
    int nice = getpriority(PRIO_PROCESS, 0);
    p.pr_nice = (char)(errno ? 0 : nice);
    p.pr_flag = PF_DUMPCORE_A64 | PF_SIGNALED_A64;
    p.pr_uid = (uint32_t)getuid();
    p.pr_gid = (uint32_t)getgid();
    p.pr_pid = (int32_t)getpid();
    p.pr_ppid = (int32_t)getppid();
    p.pr_pgrp = (int32_t)getpgrp();
    p.pr_sid = (int32_t)getsid(0);
    char comm[16];
    process_get_comm(comm);
    memcpy(p.pr_fname, comm, sizeof p.pr_fname);
    /* the argument strings, NULs as spaces, cut to ELF_PRARGSZ - 1 bytes */
    uint64_t len = gproc.argv_end > gproc.argv_start ? gproc.argv_end - gproc.argv_start : 0;
    if (len >= ELF_PRARGSZ_A64)
        len = ELF_PRARGSZ_A64 - 1;
    if (!core_peek(p.pr_psargs, gproc.argv_start, len))
        len = 0;
    for (uint64_t i = 0; i < len; i++)
        if (!p.pr_psargs[i])
            p.pr_psargs[i] = ' ';
    p.pr_psargs[len] = 0;
    core_note(ns, "CORE", NT_PRPSINFO, &p, sizeof p);
}

static void core_note_auxv(struct core_notes *ns)
{
    uint64_t n = gproc.auxv_len;
    void *a = n && n <= (1u << 16) ? malloc(n) : NULL;
    if (a && core_peek(a, gproc.auxv, n))
        core_note(ns, "CORE", NT_AUXV, a, n);
    free(a);
}

/* NT_FILE: count, page size, (start, end, offset in pages) per file-backed
 * mapping, then their names, NUL-terminated */
static void core_note_file(struct core_notes *ns, const struct core_maps *ms)
{
    struct core_buf d = {0};
    uint64_t count = 0, page = CORE_PAGE_A64;
    for (size_t i = 0; i < ms->n; i++)
        count += ms->v[i].name != NULL;
    if (!count)
        return;
    core_buf_put(&d, &count, 8);
    core_buf_put(&d, &page, 8);
    for (size_t i = 0; i < ms->n; i++) {
        const struct core_map *m = &ms->v[i];
        if (!m->name)
            continue;
        uint64_t t[3] = {m->start, m->end, m->offset / CORE_PAGE_A64};
        core_buf_put(&d, t, sizeof t);
    }
    for (size_t i = 0; i < ms->n; i++)
        if (ms->v[i].name)
            core_buf_put(&d, ms->v[i].name, strlen(ms->v[i].name) + 1);
    if (!d.oom && d.n <= CORE_FILE_NOTE_MAX)
        core_note(ns, "CORE", NT_FILE, d.p, d.n);
    free(d.p);
}

static void core_note_fp(struct core_notes *ns, const struct cpu *c)
{
    struct user_fpsimd_state_a64 f;
    memset(&f, 0, sizeof f);
    for (int i = 0; i < 32; i++)
        memcpy(f.vregs[i], c->v[i].b, 16);
    f.fpsr = c->fpsr;
    f.fpcr = c->fpcr;
    core_note(ns, "CORE", NT_FPREGSET, &f, sizeof f);
}

/* ---- writing against the limit ---- */

struct core_out {
    int fd;
    uint64_t pos;   /* where the next piece goes */
    uint64_t limit;
    bool stopped;   /* a piece would have passed the limit: the file ends */
    bool failed;    /* a write error */
};

/* true when a piece of n bytes may go at o->pos (else the file ends) */
static bool core_fits(struct core_out *o, uint64_t n)
{
    if (o->stopped || o->failed || n > o->limit || o->pos > o->limit - n) {
        o->stopped = true;
        return false;
    }
    return true;
}

/* Writes n bytes from host address p at o->pos; p may be guest memory:
 * what the kernel cannot read (EFAULT) is left a hole, page by page. */
static void core_put(struct core_out *o, const uint8_t *p, uint64_t n)
{
    while (n && !o->failed) {
        ssize_t w = pwrite(o->fd, p, n, (off_t)o->pos);
        if (w > 0) {
            p += w;
            o->pos += (uint64_t)w;
            n -= (uint64_t)w;
        } else if (w < 0 && errno == EINTR) {
            continue;
        } else if (w < 0 && errno == EFAULT) {
            uint64_t skip = GUEST_PAGE - ((uintptr_t)p & GUEST_PAGE_MASK);
            if (skip > n)
                skip = n;
            p += skip;
            o->pos += skip;
            n -= skip;
        } else {
            o->failed = true;
        }
    }
}

/* one piece of pvm's own bytes, whole or not at all */
static void core_emit(struct core_out *o, const void *p, size_t n)
{
    if (core_fits(o, n))
        core_put(o, p, n);
}

/* count pieces of size bytes each: as many whole ones as fit */
static void core_emit_array(struct core_out *o, const void *p, size_t size, size_t count)
{
    size_t fit = count;
    if (!o->stopped && !o->failed) {
        uint64_t room = o->limit > o->pos ? o->limit - o->pos : 0;
        if (room / size < fit)
            fit = (size_t)(room / size);
        core_put(o, p, fit * size);
    }
    if (fit < count)
        o->stopped = true;
}

static bool core_page_zero(const uint8_t *h)
{
    const uint64_t *w = (const uint64_t *)h;
    for (size_t i = 0; i < GUEST_PAGE / 8; i++)
        if (w[i])
            return false;
    return true;
}

/* The bytes of mapping m, a page per piece: an anonymous page that reads
 * as zero becomes a hole (such a page cannot fault, so pvm reads it). */
static void core_emit_map(struct core_out *o, const struct core_map *m)
{
    const uint8_t *h = g2h(m->start);
    uint64_t done = 0;
    while (done < m->dump && !o->stopped && !o->failed) {
        uint64_t n = m->dump - done;
        if (n > CORE_CHUNK)
            n = CORE_CHUNK;
        uint64_t room = o->limit > o->pos ? (o->limit - o->pos) & ~GUEST_PAGE_MASK : 0;
        if (room < n) {
            n = room;
            o->stopped = true; /* after this run */
            if (!n)
                break;
        }
        if (m->name) {
            core_put(o, h + done, n);
        } else {
            for (uint64_t i = 0; i < n;) {
                bool zero = core_page_zero(h + done + i);
                uint64_t j = i + GUEST_PAGE;
                while (j < n && core_page_zero(h + done + j) == zero)
                    j += GUEST_PAGE;
                if (zero)
                    o->pos += j - i;
                else
                    core_put(o, h + done + i, j - i);
                i = j;
            }
        }
        done += n;
    }
}

static uint64_t core_page_up(uint64_t v) { return (v + CORE_PAGE_A64 - 1) & ~(uint64_t)(CORE_PAGE_A64 - 1); }

bool core_dump_to_fd(int fd, const struct cpu *c, const siginfo_t *si, uint64_t limit)
{
    struct core_maps ms = {0};
    guestmaps_walk(false, core_collect, &ms);
    for (size_t i = 0; i < ms.n; i++)
        ms.v[i].dump = core_dump_size(&ms.v[i]);

    struct core_notes ns = {0};
    core_note_prstatus(&ns, c, si->si_signo);
    core_note_prpsinfo(&ns);
    core_note(&ns, "CORE", NT_SIGINFO, si, SIGINFO_SIZE_A64);
    core_note_auxv(&ns);
    core_note_file(&ns, &ms);
    core_note_fp(&ns, c);
    core_note(&ns, "LINUX", NT_ARM_TLS, &c->tpidr_el0, sizeof c->tpidr_el0);

    size_t nph = 1 + ms.n;
    Elf64_Phdr *ph = calloc(nph, sizeof *ph);
    bool ok = ph && !ns.b.oom;
    if (ok) {
        uint64_t notes_off = sizeof(Elf64_Ehdr) + nph * sizeof *ph;
        ph[0] = (Elf64_Phdr){.p_type = PT_NOTE, .p_offset = notes_off, .p_filesz = ns.b.n,
                             .p_align = 4};
        uint64_t off = core_page_up(notes_off + ns.b.n);
        for (size_t i = 0; i < ms.n; i++) {
            struct core_map *m = &ms.v[i];
            m->file_off = off;
            ph[1 + i] = (Elf64_Phdr){
                .p_type = PT_LOAD, .p_offset = off, .p_vaddr = m->start,
                .p_filesz = m->dump, .p_memsz = m->end - m->start, .p_align = CORE_PAGE_A64,
                .p_flags = ((m->flags & PG_R) ? PF_R : 0) | ((m->flags & PG_W) ? PF_W : 0) |
                           ((m->flags & PG_X) ? PF_X : 0)};
            off += m->dump;
        }
        Elf64_Ehdr eh = {
            .e_ident = {ELFMAG0, ELFMAG1, ELFMAG2, ELFMAG3, ELFCLASS64, ELFDATA2LSB, EV_CURRENT,
                        ELFOSABI_NONE},
            .e_type = ET_CORE, .e_machine = EM_AARCH64, .e_version = EV_CURRENT,
            .e_phoff = sizeof eh, .e_ehsize = sizeof eh, .e_phentsize = sizeof *ph,
            .e_phnum = (Elf64_Half)nph};

        struct core_out o = {.fd = fd, .limit = limit};
        core_emit(&o, &eh, sizeof eh);
        core_emit_array(&o, ph, sizeof *ph, nph);
        size_t at = 0;
        for (int i = 0; i < ns.n; i++) {
            core_emit(&o, ns.b.p + at, ns.end[i] - at);
            at = ns.end[i];
        }
        for (size_t i = 0; i < ms.n; i++) {
            const struct core_map *m = &ms.v[i];
            if (!m->dump)
                continue;
            /* the gap up to the data is one skipped piece */
            if (!core_fits(&o, m->file_off - o.pos))
                break;
            o.pos = m->file_off;
            core_emit_map(&o, m);
        }
        /* a file that ends in a hole still has its full length */
        if (!o.failed && ftruncate(fd, (off_t)o.pos) != 0)
            o.failed = true;
        ok = !o.failed;
    }
    free(ph);
    free(ns.b.p);
    for (size_t i = 0; i < ms.n; i++)
        free(ms.v[i].name);
    free(ms.v);
    return ok;
}

static bool core_dump_write_once(const struct cpu *c, const siginfo_t *si)
{
    /* never with elevated credentials: the kernel writes a set-id
     * process's core (fs.suid_dumpable 2) only as root to an absolute
     * pattern or a pipe, a place pvm cannot honour from here */
    struct rlimit rl;
    if (opt.secure || getrlimit(RLIMIT_CORE, &rl) != 0 || rl.rlim_cur < CORE_PAGE_A64 ||
        prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) == 0)
        return false;
    char pattern[4096], uses_pid[32], name[PATH_MAX];
    if (!core_read_sys("/proc/sys/kernel/core_pattern", pattern, sizeof pattern))
        strcpy(pattern, "core");
    bool pid = core_read_sys("/proc/sys/kernel/core_uses_pid", uses_pid, sizeof uses_pid) &&
               strtol(uses_pid, NULL, 10) != 0;
    if (!core_dump_name(name, sizeof name, pattern, pid, si->si_signo, c->tid, rl.rlim_cur))
        return false;
    int fd = core_open(name);
    if (fd < 0)
        return false;
    /* a core past RLIMIT_FSIZE is cut (EFBIG), it does not end pvm by SIGXFSZ */
    struct sigaction ign = {.sa_handler = SIG_IGN}, old;
    sigemptyset(&ign.sa_mask);
    bool restore = sigaction(SIGXFSZ, &ign, &old) == 0;
    bool ok = core_dump_to_fd(fd, c, si, rl.rlim_cur);
    if (restore)
        sigaction(SIGXFSZ, &old, NULL);
    close(fd);
    return ok;
}

bool core_dump_write(const struct cpu *c, const siginfo_t *si)
{
    /* a fault inside the writer unwinds to the engine, which may call here
     * again: busy stays set and that second dump is refused */
    static int busy;
    if (__atomic_exchange_n(&busy, 1, __ATOMIC_ACQ_REL))
        return false;
    bool ok = core_dump_write_once(c, si);
    __atomic_store_n(&busy, 0, __ATOMIC_RELEASE);
    return ok;
}

/* The vDSO the loader maps (AT_SYSINFO_EHDR): its ELF header, the symbols
 * glibc looks up under LINUX_2.6.39 (found through its own dynamic symbol
 * table, versions checked), the rt_sigreturn trampoline's two instructions,
 * the time functions against the system calls, the dynamic linker listing it
 * (dl_iterate_phdr), /proc/self/maps naming it [vdso], /proc/self/auxv, a
 * forked child using it, and its unwind information: a handler entered the
 * way signal delivery enters one (sp at a struct rt_sigframe, x30 at
 * __kernel_rt_sigreturn) unwinds with _Unwind_Backtrace through the
 * trampoline into the interrupted function with the registers the frame
 * holds, then into its caller. (That pvm's image carries its own CFI for
 * the trampoline, where Linux's leaves it to the unwinder's fallback that
 * recognises the two instructions, is a pvm fact: tests/unit/test_vdso.c
 * checks it.)
 * Every line is "fact: yes|no", no addresses. qemu-aarch64 7.2 has no vDSO
 * for aarch64 (it came in 8.1), so its "no"s are rewritten to the kernel's
 * answers by qemu-fix/vdso.sed. */
#define _GNU_SOURCE /* dl_iterate_phdr */
#include <elf.h>
#include <errno.h>
#include <link.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/time.h>
#include <sys/ucontext.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <unwind.h>

static const char *yesno(int b) { return b ? "yes" : "no"; }

/* ---- the image, read through its own headers ---- */

static uintptr_t vd_base;   /* AT_SYSINFO_EHDR */
static uintptr_t vd_bias;   /* base - the PT_LOAD's p_vaddr */
static const Elf64_Sym *vd_sym;
static const char *vd_str;
static const Elf64_Half *vd_versym;
static const Elf64_Verdef *vd_verdef;
static unsigned vd_nsym;

/* the number of dynamic symbols, from DT_HASH or DT_GNU_HASH */
static unsigned vd_count(const uint32_t *hash, const uint32_t *gnu)
{
    if (hash)
        return hash[1];
    if (!gnu)
        return 0;
    uint32_t nbucket = gnu[0], symoff = gnu[1], bloom = gnu[2];
    const uint32_t *bucket = gnu + 4 + bloom * 2, *chain = bucket + nbucket;
    uint32_t last = 0;
    for (uint32_t i = 0; i < nbucket; i++)
        if (bucket[i] > last)
            last = bucket[i];
    if (last < symoff)
        return symoff;
    while (!(chain[last - symoff] & 1))
        last++;
    return last + 1;
}

static int vd_parse(void)
{
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)vd_base;
    const Elf64_Phdr *ph = (const Elf64_Phdr *)(vd_base + eh->e_phoff);
    const Elf64_Dyn *dyn = NULL;
    int have_load = 0;
    for (int i = 0; i < eh->e_phnum; i++) {
        if (ph[i].p_type == PT_LOAD && !have_load) {
            vd_bias = vd_base - ph[i].p_vaddr;
            have_load = 1;
        }
    }
    for (int i = 0; i < eh->e_phnum; i++)
        if (ph[i].p_type == PT_DYNAMIC)
            dyn = (const Elf64_Dyn *)(vd_bias + ph[i].p_vaddr);
    if (!have_load || !dyn)
        return 0;
    const uint32_t *hash = NULL, *gnu = NULL;
    for (; dyn->d_tag != DT_NULL; dyn++) {
        uintptr_t p = vd_bias + dyn->d_un.d_ptr;
        switch (dyn->d_tag) {
        case DT_SYMTAB: vd_sym = (const Elf64_Sym *)p; break;
        case DT_STRTAB: vd_str = (const char *)p; break;
        case DT_HASH: hash = (const uint32_t *)p; break;
        case DT_GNU_HASH: gnu = (const uint32_t *)p; break;
        case DT_VERSYM: vd_versym = (const Elf64_Half *)p; break;
        case DT_VERDEF: vd_verdef = (const Elf64_Verdef *)p; break;
        }
    }
    vd_nsym = vd_count(hash, gnu);
    return vd_sym && vd_str && vd_nsym;
}

/* the name of version index ndx, or NULL */
static const char *vd_version(unsigned ndx)
{
    const Elf64_Verdef *d = vd_verdef;
    while (d) {
        if (d->vd_ndx == ndx) {
            const Elf64_Verdaux *a = (const Elf64_Verdaux *)((const char *)d + d->vd_aux);
            return vd_str + a->vda_name;
        }
        d = d->vd_next ? (const Elf64_Verdef *)((const char *)d + d->vd_next) : NULL;
    }
    return NULL;
}

/* the address of a defined function NAME@LINUX_2.6.39, or 0 */
static uintptr_t vd_lookup(const char *name)
{
    for (unsigned i = 1; i < vd_nsym; i++) {
        const Elf64_Sym *s = &vd_sym[i];
        if (s->st_shndx == SHN_UNDEF || ELF64_ST_TYPE(s->st_info) != STT_FUNC ||
            strcmp(vd_str + s->st_name, name) != 0)
            continue;
        const char *v = vd_versym ? vd_version(vd_versym[i] & 0x7fff) : NULL;
        if (v && strcmp(v, "LINUX_2.6.39") == 0)
            return vd_bias + s->st_value;
    }
    return 0;
}

/* ---- the time functions ---- */

typedef int (*clock_fn)(clockid_t, struct timespec *);
typedef int (*tod_fn)(struct timeval *, void *);

static long ts_ns(const struct timespec *t) { return t->tv_sec * 1000000000L + t->tv_nsec; }

static void check_time(uintptr_t gettime, uintptr_t tod, uintptr_t getres)
{
    struct timespec a = {0}, v = {0}, b = {0}, r1 = {0}, r2 = {0};
    int ok = 0, rc = -1;
    if (gettime) {
        clock_gettime(CLOCK_MONOTONIC, &a);
        rc = ((clock_fn)gettime)(CLOCK_MONOTONIC, &v);
        clock_gettime(CLOCK_MONOTONIC, &b);
        ok = rc == 0 && ts_ns(&a) <= ts_ns(&v) && ts_ns(&v) <= ts_ns(&b);
    }
    printf("__kernel_clock_gettime(CLOCK_MONOTONIC) between two clock_gettime calls: %s\n",
           yesno(ok));
    ok = 0;
    if (gettime) {
        time_t t0 = time(NULL);
        rc = ((clock_fn)gettime)(CLOCK_REALTIME, &v);
        /* time() reads CLOCK_REALTIME_COARSE, up to a tick behind: a
         * second boundary may fall between the two */
        ok = rc == 0 && v.tv_sec >= t0 && v.tv_sec <= time(NULL) + 1;
    }
    printf("__kernel_clock_gettime(CLOCK_REALTIME) agrees with time(): %s\n", yesno(ok));
    /* the raw system call result, as the kernel's vDSO returns it */
    printf("__kernel_clock_gettime(bad clock) returns -EINVAL: %s\n",
           yesno(gettime && ((clock_fn)gettime)(12345, &v) == -EINVAL));
    ok = 0;
    if (tod) {
        struct timeval tv = {0};
        time_t t0 = time(NULL);
        rc = ((tod_fn)tod)(&tv, NULL);
        ok = rc == 0 && tv.tv_sec >= t0 && tv.tv_sec <= time(NULL) + 1 && tv.tv_usec < 1000000;
    }
    printf("__kernel_gettimeofday agrees with time(): %s\n", yesno(ok));
    ok = 0;
    if (getres) {
        rc = ((clock_fn)getres)(CLOCK_MONOTONIC, &r1);
        ok = rc == 0 && clock_getres(CLOCK_MONOTONIC, &r2) == 0 && r1.tv_sec == r2.tv_sec &&
             r1.tv_nsec == r2.tv_nsec;
    }
    printf("__kernel_clock_getres(CLOCK_MONOTONIC) equals clock_getres: %s\n", yesno(ok));
}

/* ---- what the rest of the process sees ---- */

static int phdr_cb(struct dl_phdr_info *info, size_t size, void *arg)
{
    (void)size;
    return (uintptr_t)info->dlpi_phdr == vd_base + ((const Elf64_Ehdr *)vd_base)->e_phoff &&
           info->dlpi_addr == vd_bias && arg;
}

static int maps_names_vdso(void)
{
    FILE *f = fopen("/proc/self/maps", "r");
    char line[512];
    int found = 0;
    while (f && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8];
        int n = 0;
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &lo, &hi, perms, &n) < 3 || !n)
            continue;
        if (lo <= vd_base && vd_base < hi)
            found = strcmp(perms, "r-xp") == 0 && strncmp(line + n, "[vdso]", 6) == 0;
    }
    if (f)
        fclose(f);
    return found;
}

static int auxv_file_has_vdso(void)
{
    FILE *f = fopen("/proc/self/auxv", "rb");
    uint64_t kv[2];
    int found = 0;
    while (f && fread(kv, sizeof kv, 1, f) == 1 && kv[0] != AT_NULL)
        found |= kv[0] == AT_SYSINFO_EHDR && kv[1] == vd_base;
    if (f)
        fclose(f);
    return found;
}

static int child_uses_vdso(uintptr_t gettime)
{
    fflush(stdout);
    pid_t p = fork();
    if (p == 0) {
        struct timespec t;
        int ok = getauxval(AT_SYSINFO_EHDR) == vd_base && memcmp((void *)vd_base, ELFMAG, 4) == 0 &&
                 ((clock_fn)gettime)(CLOCK_MONOTONIC, &t) == 0;
        _exit(ok ? 0 : 1);
    }
    int st = 0;
    return p > 0 && waitpid(p, &st, 0) == p && WIFEXITED(st) && WEXITSTATUS(st) == 0;
}

/* ---- unwinding through the trampoline ---- */

/* The signal frame as the kernel lays it out: siginfo, then the ucontext
 * (glibc's ucontext_t has the kernel's layout: uc_mcontext at 176, the
 * FPSIMD record first in __reserved). */
struct fake_sigframe {
    unsigned char info[128];
    ucontext_t uc;
};
_Static_assert(offsetof(struct fake_sigframe, uc.uc_mcontext) == 304, "sigcontext at sp+304");

#define MARK(r) (0x5eed000000000000ull + (r))
#define MARK_D8 0xd8d8d8d8d8d8d8d8ull

static jmp_buf uw_back;
static uintptr_t uw_tramp;                 /* __kernel_rt_sigreturn */
static uintptr_t uw_pc, uw_sp, uw_fp;      /* the "interrupted" state */
static uintptr_t uw_ret;                   /* where the interrupted function returns */
static uintptr_t uw_frame_at;              /* the struct rt_sigframe */
static unsigned char uw_stack[65536] __attribute__((aligned(16)));

struct uw_result {
    int n;
    int saw_tramp, tramp_sp;               /* the trampoline frame, its sp = the frame */
    int saw_pc, pc_exact, cfa, regs, sp_reg, d8; /* the interrupted frame */
    int saw_ret;                           /* then the interrupted function's caller */
    int tramp_at;
};
static struct uw_result uw;

static _Unwind_Reason_Code uw_frame(struct _Unwind_Context *ctx, void *arg)
{
    (void)arg;
    int before = 0;
    uintptr_t ip = _Unwind_GetIPInfo(ctx, &before);
    int i = uw.n++;
    if (ip == uw_tramp && !uw.saw_tramp) {
        uw.saw_tramp = 1;
        uw.tramp_at = i;
        /* libgcc's CFA of a context is the callee's: this frame's sp */
        uw.tramp_sp = _Unwind_GetCFA(ctx) == uw_frame_at;
    } else if (uw.saw_tramp && i == uw.tramp_at + 1) {
        uw.saw_pc = ip == uw_pc;
        uw.pc_exact = before == 1; /* a signal frame: pc is not a return address */
        /* the trampoline's CFA: pvm's CFI makes it the interrupted sp;
         * Linux's vDSO has no CFI there, and libgcc's fallback (which
         * knows the instructions) takes the sigcontext */
        uintptr_t cfa = _Unwind_GetCFA(ctx);
        uw.cfa = cfa == uw_sp || cfa == uw_frame_at + offsetof(struct fake_sigframe, uc.uc_mcontext);
        int regs = 1;
        for (int r = 0; r <= 30; r++)
            regs &= _Unwind_GetGR(ctx, r) == (r == 29 ? uw_fp : MARK(r));
        uw.regs = regs;
        uw.sp_reg = _Unwind_GetGR(ctx, 31) == uw_sp;
        uw.d8 = _Unwind_GetGR(ctx, 72) == MARK_D8;
    } else if (uw.saw_tramp && i == uw.tramp_at + 2) {
        uw.saw_ret = ip == uw_ret && before == 0;
    }
    return uw.n < 64 ? _URC_NO_REASON : _URC_END_OF_STACK;
}

/* entered like a signal handler (see uw_run), never returns */
__attribute__((noinline, used)) static void uw_handler(void)
{
    _Unwind_Backtrace(uw_frame, NULL);
    longjmp(uw_back, 1);
}

/* The "interrupted" function: the signal hits at label 1, where sp and x29
 * are what the function's own CFI expects for its body. */
__attribute__((noinline)) static void uw_run(void)
{
    uw_ret = (uintptr_t)__builtin_extract_return_addr(__builtin_return_address(0));
    if (setjmp(uw_back))
        return;
    uintptr_t pc, sp, fp;
    __asm__ volatile("1: adr %0, 1b\n\tmov %1, sp\n\tmov %2, x29" : "=r"(pc), "=r"(sp), "=r"(fp));
    uw_pc = pc;
    uw_sp = sp;
    uw_fp = fp;
    uintptr_t top = ((uintptr_t)uw_stack + sizeof uw_stack - sizeof(struct fake_sigframe)) & ~15ul;
    struct fake_sigframe *f = (struct fake_sigframe *)top;
    uw_frame_at = top;
    memset(f, 0, sizeof *f);
    mcontext_t *mc = &f->uc.uc_mcontext;
    for (int r = 0; r <= 30; r++)
        mc->regs[r] = r == 29 ? fp : MARK(r);
    mc->sp = sp;
    mc->pc = pc;
    uint32_t head[4] = {0x46508001 /* FPSIMD_MAGIC */, 528, 0, 0};
    memcpy(mc->__reserved, head, sizeof head);
    uint64_t d8 = MARK_D8;
    memcpy(mc->__reserved + 16 + 8 * 16, &d8, 8);
    /* sp = the frame, x30 = the trampoline, then the handler */
    __asm__ volatile("mov sp, %0\n\tmov x30, %1\n\tbr %2"
                     :
                     : "r"(top), "r"(uw_tramp), "r"(uw_handler)
                     : "x30", "memory");
    __builtin_unreachable();
}

static void check_unwind(void)
{
    if (uw_tramp)
        uw_run();
    printf("unwinding from a handler reaches __kernel_rt_sigreturn: %s\n", yesno(uw.saw_tramp));
    printf("with sp at the signal frame: %s\n", yesno(uw.tramp_sp));
    printf("then the interrupted pc, as a signal frame's: %s\n", yesno(uw.saw_pc && uw.pc_exact));
    printf("the trampoline's CFA is the interrupted sp or the sigcontext: %s\n", yesno(uw.cfa));
    printf("with x0..x30 from the frame: %s\n", yesno(uw.regs));
    printf("with sp from the frame: %s\n", yesno(uw.sp_reg));
    printf("with d8 from the FPSIMD record: %s\n", yesno(uw.d8));
    printf("then the interrupted function's caller: %s\n", yesno(uw.saw_ret));
}

int main(void)
{
    vd_base = getauxval(AT_SYSINFO_EHDR);
    printf("AT_SYSINFO_EHDR present: %s\n", yesno(vd_base != 0));
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)vd_base;
    int elf = vd_base && memcmp(eh->e_ident, ELFMAG, SELFMAG) == 0 &&
              eh->e_ident[EI_CLASS] == ELFCLASS64 && eh->e_ident[EI_DATA] == ELFDATA2LSB &&
              eh->e_machine == EM_AARCH64 && eh->e_type == ET_DYN;
    printf("ELF64 little-endian AArch64 ET_DYN: %s\n", yesno(elf));
    printf("page-aligned: %s\n", yesno(vd_base && vd_base % 4096 == 0));
    int parsed = elf && vd_parse();
    printf("dynamic symbol table found: %s\n", yesno(parsed));

    uintptr_t sigret = parsed ? vd_lookup("__kernel_rt_sigreturn") : 0;
    uintptr_t gettime = parsed ? vd_lookup("__kernel_clock_gettime") : 0;
    uintptr_t tod = parsed ? vd_lookup("__kernel_gettimeofday") : 0;
    uintptr_t getres = parsed ? vd_lookup("__kernel_clock_getres") : 0;
    printf("__kernel_rt_sigreturn@LINUX_2.6.39: %s\n", yesno(sigret));
    printf("__kernel_clock_gettime@LINUX_2.6.39: %s\n", yesno(gettime));
    printf("__kernel_gettimeofday@LINUX_2.6.39: %s\n", yesno(tod));
    printf("__kernel_clock_getres@LINUX_2.6.39: %s\n", yesno(getres));
    const uint32_t *w = (const uint32_t *)sigret;
    printf("__kernel_rt_sigreturn is mov x8, #139; svc #0: %s\n",
           yesno(w && w[0] == 0xd2801168 && w[1] == 0xd4000001));

    check_time(gettime, tod, getres);
    printf("dl_iterate_phdr lists it: %s\n", yesno(parsed && dl_iterate_phdr(phdr_cb, &vd_base)));
    printf("/proc/self/maps names it [vdso], r-xp: %s\n", yesno(vd_base && maps_names_vdso()));
    printf("/proc/self/auxv has AT_SYSINFO_EHDR: %s\n", yesno(vd_base && auxv_file_has_vdso()));
    printf("a forked child has it and can call it: %s\n", yesno(gettime && child_uses_vdso(gettime)));

    uw_tramp = sigret;
    check_unwind();
    return 0;
}

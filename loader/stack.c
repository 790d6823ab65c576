/* The initial stack, laid out as Linux's exec + create_elf_tables do on
 * arm64, from the top down: an 8-byte zero word, the AT_EXECFN string, the
 * environment strings, the argument strings, (16-byte alignment) the
 * platform string "aarch64", 16 AT_RANDOM bytes, then at a 16-byte aligned
 * sp: argc, argv[], NULL, envp[], NULL, auxv pairs ending with AT_NULL
 * (AT_HWCAP/AT_HWCAP2: the selected CPU model's, core/cpumodel.h).
 * auxv entries come in the kernel's order so /proc/self/auxv matches. */
#include "loader/stack.h"

#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <unistd.h>

#include "core/cpumodel.h"
#include "core/mem.h"
#include "core/process.h"
#include "loader/loader.h"

#ifndef AT_MINSIGSTKSZ
#define AT_MINSIGSTKSZ 51
#endif

static size_t stack_count(char *const *v)
{
    size_t n = 0;
    while (v && v[n])
        n++;
    return n;
}

/* total bytes of the strings including their NULs, or SIZE_MAX past limit */
static size_t stack_strings_size(char *const *v, size_t n, size_t limit)
{
    size_t total = 0;
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(v[i]) + 1;
        if (l > limit - total)
            return SIZE_MAX;
        total += l;
    }
    return total;
}

/* copies the strings ascending from ga; returns the address past the last */
static uint64_t stack_put_strings(uint64_t ga, char *const *v, size_t n, uint64_t *addrs)
{
    for (size_t i = 0; i < n; i++) {
        size_t l = strlen(v[i]) + 1;
        memcpy(g2h(ga), v[i], l);
        addrs[i] = ga;
        ga += l;
    }
    return ga;
}

static void stack_random(uint8_t *out, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = getrandom(out + got, n - got, 0);
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    /* getrandom cannot fail for 16 bytes on a booted system; if it ever
     * did, the bytes are still unpredictable enough to seed a stack guard */
    for (; got < n; got++)
        out[got] = (uint8_t)(((uintptr_t)out >> (got & 7)) ^ (uint64_t)getpid() ^ got * 131);
}

struct stack_aux {
    uint64_t v[2 * LOADER_AUXV_MAX];
    size_t n;
};

static void stack_aux(struct stack_aux *a, uint64_t key, uint64_t val)
{
    a->v[a->n++] = key;
    a->v[a->n++] = val;
}

const char *loader_stack_build(const struct loader_stack_in *in, uint64_t bottom, uint64_t top)
{
    static const char platform[] = "aarch64";
    size_t argc = stack_count(in->argv), envc = stack_count(in->envp);
    size_t limit = (size_t)((top - bottom) / 4);
    size_t exec_len = strlen(in->execfn) + 1;
    size_t asz = stack_strings_size(in->argv, argc, limit);
    size_t esz = asz == SIZE_MAX ? SIZE_MAX : stack_strings_size(in->envp, envc, limit - asz);
    /* pointers: argc + argv + NULL + envp + NULL + auxv */
    size_t words = 1 + argc + 1 + envc + 1 + 2 * LOADER_AUXV_MAX;
    if (esz == SIZE_MAX || exec_len > limit - asz - esz ||
        words > (limit - asz - esz - exec_len) / 8)
        return "argument list too long";

    uint64_t p = top - 8;
    memset(g2h(p), 0, 8);
    p -= exec_len;
    uint64_t execfn = p;
    memcpy(g2h(p), in->execfn, exec_len);

    uint64_t *argp = malloc((argc + envc + 1) * sizeof *argp);
    if (!argp)
        return "out of memory for the argument list";
    uint64_t *envpp = argp + argc;
    p -= esz;
    gproc.env_start = p;
    gproc.env_end = stack_put_strings(p, in->envp, envc, envpp);
    p -= asz;
    gproc.argv_start = p;
    gproc.argv_end = stack_put_strings(p, in->argv, argc, argp);

    p &= ~15ull;
    p -= sizeof platform;
    uint64_t plat = p;
    memcpy(g2h(p), platform, sizeof platform);
    p -= 16;
    uint64_t rnd = p;
    stack_random(g2h(p), 16);

    struct stack_aux a = {.n = 0};
    if (in->vdso)
        stack_aux(&a, AT_SYSINFO_EHDR, in->vdso);
    stack_aux(&a, AT_MINSIGSTKSZ, LOADER_MINSIGSTKSZ);
    stack_aux(&a, AT_HWCAP, cpumodel_hwcap());
    stack_aux(&a, AT_PAGESZ, 4096);
    stack_aux(&a, AT_CLKTCK, 100);
    stack_aux(&a, AT_PHDR, in->phdr);
    stack_aux(&a, AT_PHENT, sizeof(Elf64_Phdr));
    stack_aux(&a, AT_PHNUM, in->phnum);
    stack_aux(&a, AT_BASE, in->base);
    stack_aux(&a, AT_FLAGS, 0);
    stack_aux(&a, AT_ENTRY, in->entry);
    stack_aux(&a, AT_UID, getuid());
    stack_aux(&a, AT_EUID, geteuid());
    stack_aux(&a, AT_GID, getgid());
    stack_aux(&a, AT_EGID, getegid());
    stack_aux(&a, AT_SECURE, in->secure ? 1 : 0);
    stack_aux(&a, AT_RANDOM, rnd);
    stack_aux(&a, AT_HWCAP2, cpumodel_hwcap2());
    stack_aux(&a, AT_EXECFN, execfn);
    stack_aux(&a, AT_PLATFORM, plat);
    stack_aux(&a, AT_NULL, 0);

    size_t na = a.n;
    size_t nwords = 1 + argc + 1 + envc + 1 + na;
    uint64_t sp = (p - nwords * 8) & ~15ull;
    uint64_t *w = g2h(sp);
    size_t k = 0;
    w[k++] = argc;
    for (size_t i = 0; i < argc; i++)
        w[k++] = argp[i];
    w[k++] = 0;
    for (size_t i = 0; i < envc; i++)
        w[k++] = envpp[i];
    w[k++] = 0;
    gproc.auxv = sp + k * 8;
    gproc.auxv_len = na * 8;
    memcpy(&w[k], a.v, na * 8);
    free(argp);

    gproc.sp = sp;
    gproc.stack_top = top;
    gproc.stack_size = top - bottom;
    return NULL;
}

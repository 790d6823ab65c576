/* capstone on demand (interp/capstone.h): the linked functions when the
 * binary has them (weak references: pvm-static, tests, tools), else the
 * shared library loaded with dlopen the first time disassembly is asked
 * for. Loaded once per process (pthread_once); a fork child inherits it. */
#include "interp/capstone.h"

#include <dlfcn.h>
#include <pthread.h>

#pragma GCC diagnostic ignored "-Wpragmas"
#pragma GCC diagnostic ignored "-Wredundant-decls"
extern __typeof__(cs_open) cs_open __attribute__((weak));
extern __typeof__(cs_close) cs_close __attribute__((weak));
extern __typeof__(cs_disasm) cs_disasm __attribute__((weak));
extern __typeof__(cs_disasm_iter) cs_disasm_iter __attribute__((weak));
extern __typeof__(cs_malloc) cs_malloc __attribute__((weak));
extern __typeof__(cs_free) cs_free __attribute__((weak));


static struct pvm_cs cs_table;
static bool cs_ok;
static pthread_once_t cs_once = PTHREAD_ONCE_INIT;

static void cs_load(void)
{
    if (cs_open && cs_close && cs_disasm && cs_disasm_iter && cs_malloc && cs_free) {
        cs_table = (struct pvm_cs){cs_open, cs_close, cs_disasm, cs_disasm_iter, cs_malloc, cs_free};
        cs_ok = true;
        return;
    }
#ifdef PVM_CS_LINKED
    /* pvm-static: capstone is linked in (a static dlopen would need the
     * build's glibc at run time) */
    return;
#else
    static const char *const names[] = {"libcapstone.so.4", "libcapstone.so.5", "libcapstone.so"};
    void *h = NULL;
    for (unsigned k = 0; k < sizeof names / sizeof names[0] && !h; k++)
        h = dlopen(names[k], RTLD_NOW | RTLD_LOCAL);
    if (!h)
        return;
    cs_table.open = (__typeof__(cs_table.open))dlsym(h, "cs_open");
    cs_table.close = (__typeof__(cs_table.close))dlsym(h, "cs_close");
    cs_table.disasm = (__typeof__(cs_table.disasm))dlsym(h, "cs_disasm");
    cs_table.disasm_iter = (__typeof__(cs_table.disasm_iter))dlsym(h, "cs_disasm_iter");
    cs_table.malloc = (__typeof__(cs_table.malloc))dlsym(h, "cs_malloc");
    cs_table.free = (__typeof__(cs_table.free))dlsym(h, "cs_free");
    cs_ok = cs_table.open && cs_table.close && cs_table.disasm && cs_table.disasm_iter &&
            cs_table.malloc && cs_table.free;
#endif
}

const struct pvm_cs *pvm_capstone(void)
{
    pthread_once(&cs_once, cs_load);
    return cs_ok ? &cs_table : NULL;
}

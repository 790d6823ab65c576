/* Maps pvm's guest vDSO (loader/vdso.h) the way the kernel maps [vdso]: a
 * read+execute copy of the image in ordinary guest memory, so fork keeps it
 * and exec (a new pvm, the loader again) makes a new one. The kernel's
 * [vvar] data page before it is not needed: the time functions make the
 * system call. gproc.vdso_base/vdso_size name the range for /proc/self/maps
 * ([vdso]), auxv (AT_SYSINFO_EHDR) and signal delivery. The caller holds
 * the mm lock (loader_load takes it around the whole load). */
#include "loader/vdso.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/process.h"

/* guest PROT_READ | PROT_EXEC, the kernel's [vdso] protection */
#define LOADER_VDSO_PROT (1 | 4)

const char *loader_map_vdso(uint64_t below)
{
    uint64_t len = (vdso_image_size + GUEST_PAGE_MASK) & ~GUEST_PAGE_MASK;
    uint64_t ga = mem_find_free(len, below);
    if (!ga)
        return "no room for the vDSO in the guest address space";
    /* written while writable, then read+execute (host read-only: guest
     * code is decoded, never run by the host) */
    if (mmap(g2h(ga), len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED | MAP_ANONYMOUS, -1,
             0) == MAP_FAILED)
        return strerror(errno);
    memcpy(g2h(ga), vdso_image, vdso_image_size);
    if (mprotect(g2h(ga), len, mem_host_prot(LOADER_VDSO_PROT)) != 0)
        return strerror(errno);
    mem_set_flags(ga, len, mem_prot_flags(LOADER_VDSO_PROT));
    gproc.vdso_base = ga;
    gproc.vdso_size = len;
    if (log_on(DBG_mmap))
        log_printf("mmap: vdso 0x%llx-0x%llx r-x\n", (unsigned long long)ga,
                   (unsigned long long)(ga + len));
    return NULL;
}

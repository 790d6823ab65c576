/* Capstone-backed A64 disassembly. The handle is opened lazily (it costs
 * start-up time and only debug paths need it), and capstone itself is
 * loaded then (interp/capstone.h). */
#include "interp/disas.h"

#include <pthread.h>

#include "interp/capstone.h"
#include <stdio.h>

static csh handle;
static int handle_ok;
static const struct pvm_cs *cs;
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void disas_open(void)
{
    cs = pvm_capstone();
    handle_ok = cs && cs->open(CS_ARCH_ARM64, CS_MODE_LITTLE_ENDIAN, &handle) == CS_ERR_OK;
}

void disas_a64(uint32_t raw, uint64_t pc, char *buf, size_t cap)
{
    pthread_once(&once, disas_open);
    cs_insn *ci = NULL;
    uint8_t bytes[4] = {(uint8_t)raw, (uint8_t)(raw >> 8), (uint8_t)(raw >> 16),
                        (uint8_t)(raw >> 24)};
    size_t n = handle_ok ? cs->disasm(handle, bytes, 4, pc, 1, &ci) : 0;
    if (n == 1)
        snprintf(buf, cap, "%s %s", ci->mnemonic, ci->op_str);
    else
        snprintf(buf, cap, ".inst 0x%08x", raw);
    if (ci)
        cs->free(ci, n);
}

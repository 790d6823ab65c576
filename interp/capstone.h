/* capstone, reached through one table that is filled when disassembly is
 * first needed (-d in_asm, -d out_asm, diagnostics), never at start-up.
 * The dynamic pvm does not link libcapstone: the library's 77,000
 * relocations (1.7 MB of written pages) would cost every guest process
 * start-up time and memory it almost never uses; it is dlopen'ed on first
 * use instead. A binary that links capstone (pvm-static, the tests and
 * tools) uses the linked functions. */
#ifndef PVM_INTERP_CAPSTONE_H
#define PVM_INTERP_CAPSTONE_H

#include <stdbool.h>
#include <capstone/capstone.h>

struct pvm_cs {
    cs_err (*open)(cs_arch arch, cs_mode mode, csh *handle);
    cs_err (*close)(csh *handle);
    size_t (*disasm)(csh handle, const uint8_t *code, size_t size, uint64_t address, size_t count,
                     cs_insn **insn);
    bool (*disasm_iter)(csh handle, const uint8_t **code, size_t *size, uint64_t *address, cs_insn *insn);
    cs_insn *(*malloc)(csh handle);
    void (*free)(cs_insn *insn, size_t count);
};

/* The table, or NULL when capstone is not available (then callers show raw
 * words). Thread-safe; the first call may load the library. */
const struct pvm_cs *pvm_capstone(void);

#endif

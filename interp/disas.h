/* Guest disassembly for -d in_asm and diagnostics (capstone; ".inst 0x..."
 * for words capstone cannot decode). */
#ifndef PVM_INTERP_DISAS_H
#define PVM_INTERP_DISAS_H
#include <stddef.h>
#include <stdint.h>
void disas_a64(uint32_t raw, uint64_t pc, char *buf, size_t cap);
#endif

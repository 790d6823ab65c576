/* Semantics of the cryptographic extensions: AES, SHA1, SHA256, SHA512,
 * SHA3, PMULL (64-bit). */
#ifndef PVM_INTERP_CRYPTO_H
#define PVM_INTERP_CRYPTO_H
#include "core/cpu.h"
#include "interp/insn.h"
#endif

/* Host-accelerated paths of the crypto ops (x86-64 AES-NI, PCLMULQDQ,
 * SHA-NI). Each function gives bit-for-bit the result of its portable
 * counterpart crypto_sw_* in interp/crypto.h; crypto_host_caps says which
 * groups the host can run, decided once at start-up (a constructor in
 * interp/crypto_host.c). On other hosts every flag stays false. */
#ifndef PVM_INTERP_CRYPTO_HOST_H
#define PVM_INTERP_CRYPTO_HOST_H
#include <stdbool.h>
#include <stdint.h>
#include "core/cpu.h"

struct crypto_host_caps {
    bool aes;    /* AES-NI: AESE AESD AESMC AESIMC */
    bool pclmul; /* PCLMULQDQ: PMULL_1Q */
    bool sha;    /* SHA-NI + SSSE3/SSE4.1: SHA1C/P/M, SHA1SU1, SHA256H/H2/SU0/SU1 */
};
extern struct crypto_host_caps crypto_host_caps;

/* SHA1C/P/M round function selector (the Arm ARM's CHOOSE/PARITY/MAJORITY) */
enum crypto_sha1_fn { CRYPTO_SHA1_CHOOSE, CRYPTO_SHA1_PARITY, CRYPTO_SHA1_MAJORITY };

/* Each writes *r with one 16-byte store after reading its operands with
 * 16-byte loads (r may be an operand): the registers in struct cpu are
 * passed by address, since a vreg passed by value travels in general
 * registers and reaches the SSE unit through the stack, where a 16-byte
 * load of two 8-byte stores cannot be forwarded and stalls (a chain of
 * SHA-256 instructions paid that on every step). */
void crypto_host_aese(vreg *r, const vreg *d, const vreg *n);
void crypto_host_aesd(vreg *r, const vreg *d, const vreg *n);
void crypto_host_aesmc(vreg *r, const vreg *n);
void crypto_host_aesimc(vreg *r, const vreg *n);
void crypto_host_pmull64(vreg *r, uint64_t n, uint64_t m);
void crypto_host_sha1_rounds(vreg *r, const vreg *x, uint32_t y, const vreg *w, enum crypto_sha1_fn fn);
void crypto_host_sha1su1(vreg *r, const vreg *d, const vreg *n);
void crypto_host_sha256_hash(vreg *r, const vreg *x, const vreg *y, const vreg *w, bool part1);
void crypto_host_sha256su0(vreg *r, const vreg *d, const vreg *n);
void crypto_host_sha256su1(vreg *r, const vreg *d, const vreg *n, const vreg *m);

#endif

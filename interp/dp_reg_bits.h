/* dp_reg: bit-manipulation helpers for interp/dp_reg.h: bit reversal (RBIT)
 * and the CRC32/CRC32C update the A64 CRC instructions define (reflected
 * polynomials, no pre- or post-inversion, bytes taken little-endian). */
#ifndef PVM_INTERP_DP_REG_BITS_H
#define PVM_INTERP_DP_REG_BITS_H
#include <stdint.h>

#define DPR_CRC32_POLY 0xedb88320u  /* bit-reflected 0x04C11DB7 */
#define DPR_CRC32C_POLY 0x82f63b78u /* bit-reflected 0x1EDC6F41 (Castagnoli) */

static inline uint64_t dpr_bitrev64(uint64_t v)
{
    v = ((v >> 1) & 0x5555555555555555ull) | ((v & 0x5555555555555555ull) << 1);
    v = ((v >> 2) & 0x3333333333333333ull) | ((v & 0x3333333333333333ull) << 2);
    v = ((v >> 4) & 0x0f0f0f0f0f0f0f0full) | ((v & 0x0f0f0f0f0f0f0f0full) << 4);
    return __builtin_bswap64(v);
}

/* one CRC update over the low nbytes of val, least significant byte first */
static inline uint32_t dpr_crc32(uint32_t acc, uint64_t val, unsigned nbytes, uint32_t poly)
{
    for (unsigned k = 0; k < nbytes * 8; k++) {
        acc ^= (uint32_t)(val >> k) & 1;
        acc = (acc >> 1) ^ (poly & (0u - (acc & 1)));
    }
    return acc;
}

#endif

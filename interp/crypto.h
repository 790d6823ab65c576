/* Semantics of the cryptographic extensions: AES, SHA1, SHA256, SHA512,
 * SHA3 (EOR3 BCAX RAX1 XAR), PMULL 64x64->128. crypto_sw_* are the portable
 * definitions, written from the Arm ARM pseudocode; op_* use the host path
 * of interp/crypto_host.c when crypto_host_caps allows, which must match the
 * portable one bit for bit (tests/unit/test_crypto.c). Every op reads all its
 * sources before writing Vd (Rd is also a source of most of them). Vector
 * lanes follow the vreg convention: s[0] is bits 31:0 (little-endian host). */
#ifndef PVM_INTERP_CRYPTO_H
#define PVM_INTERP_CRYPTO_H
#include <stdbool.h>
#include <stdint.h>
#include "core/cpu.h"
#include "interp/crypto_host.h"
#include "interp/insn.h"

/* ---- AES (FIPS-197 state: byte 4*column + row is vector byte 4c+r) ---- */
static const uint8_t crypto_aes_sbox[256] = {
    0x63, 0x7c, 0x77, 0x7b, 0xf2, 0x6b, 0x6f, 0xc5, 0x30, 0x01, 0x67, 0x2b, 0xfe, 0xd7, 0xab, 0x76,
    0xca, 0x82, 0xc9, 0x7d, 0xfa, 0x59, 0x47, 0xf0, 0xad, 0xd4, 0xa2, 0xaf, 0x9c, 0xa4, 0x72, 0xc0,
    0xb7, 0xfd, 0x93, 0x26, 0x36, 0x3f, 0xf7, 0xcc, 0x34, 0xa5, 0xe5, 0xf1, 0x71, 0xd8, 0x31, 0x15,
    0x04, 0xc7, 0x23, 0xc3, 0x18, 0x96, 0x05, 0x9a, 0x07, 0x12, 0x80, 0xe2, 0xeb, 0x27, 0xb2, 0x75,
    0x09, 0x83, 0x2c, 0x1a, 0x1b, 0x6e, 0x5a, 0xa0, 0x52, 0x3b, 0xd6, 0xb3, 0x29, 0xe3, 0x2f, 0x84,
    0x53, 0xd1, 0x00, 0xed, 0x20, 0xfc, 0xb1, 0x5b, 0x6a, 0xcb, 0xbe, 0x39, 0x4a, 0x4c, 0x58, 0xcf,
    0xd0, 0xef, 0xaa, 0xfb, 0x43, 0x4d, 0x33, 0x85, 0x45, 0xf9, 0x02, 0x7f, 0x50, 0x3c, 0x9f, 0xa8,
    0x51, 0xa3, 0x40, 0x8f, 0x92, 0x9d, 0x38, 0xf5, 0xbc, 0xb6, 0xda, 0x21, 0x10, 0xff, 0xf3, 0xd2,
    0xcd, 0x0c, 0x13, 0xec, 0x5f, 0x97, 0x44, 0x17, 0xc4, 0xa7, 0x7e, 0x3d, 0x64, 0x5d, 0x19, 0x73,
    0x60, 0x81, 0x4f, 0xdc, 0x22, 0x2a, 0x90, 0x88, 0x46, 0xee, 0xb8, 0x14, 0xde, 0x5e, 0x0b, 0xdb,
    0xe0, 0x32, 0x3a, 0x0a, 0x49, 0x06, 0x24, 0x5c, 0xc2, 0xd3, 0xac, 0x62, 0x91, 0x95, 0xe4, 0x79,
    0xe7, 0xc8, 0x37, 0x6d, 0x8d, 0xd5, 0x4e, 0xa9, 0x6c, 0x56, 0xf4, 0xea, 0x65, 0x7a, 0xae, 0x08,
    0xba, 0x78, 0x25, 0x2e, 0x1c, 0xa6, 0xb4, 0xc6, 0xe8, 0xdd, 0x74, 0x1f, 0x4b, 0xbd, 0x8b, 0x8a,
    0x70, 0x3e, 0xb5, 0x66, 0x48, 0x03, 0xf6, 0x0e, 0x61, 0x35, 0x57, 0xb9, 0x86, 0xc1, 0x1d, 0x9e,
    0xe1, 0xf8, 0x98, 0x11, 0x69, 0xd9, 0x8e, 0x94, 0x9b, 0x1e, 0x87, 0xe9, 0xce, 0x55, 0x28, 0xdf,
    0x8c, 0xa1, 0x89, 0x0d, 0xbf, 0xe6, 0x42, 0x68, 0x41, 0x99, 0x2d, 0x0f, 0xb0, 0x54, 0xbb, 0x16,
};
static const uint8_t crypto_aes_inv_sbox[256] = {
    0x52, 0x09, 0x6a, 0xd5, 0x30, 0x36, 0xa5, 0x38, 0xbf, 0x40, 0xa3, 0x9e, 0x81, 0xf3, 0xd7, 0xfb,
    0x7c, 0xe3, 0x39, 0x82, 0x9b, 0x2f, 0xff, 0x87, 0x34, 0x8e, 0x43, 0x44, 0xc4, 0xde, 0xe9, 0xcb,
    0x54, 0x7b, 0x94, 0x32, 0xa6, 0xc2, 0x23, 0x3d, 0xee, 0x4c, 0x95, 0x0b, 0x42, 0xfa, 0xc3, 0x4e,
    0x08, 0x2e, 0xa1, 0x66, 0x28, 0xd9, 0x24, 0xb2, 0x76, 0x5b, 0xa2, 0x49, 0x6d, 0x8b, 0xd1, 0x25,
    0x72, 0xf8, 0xf6, 0x64, 0x86, 0x68, 0x98, 0x16, 0xd4, 0xa4, 0x5c, 0xcc, 0x5d, 0x65, 0xb6, 0x92,
    0x6c, 0x70, 0x48, 0x50, 0xfd, 0xed, 0xb9, 0xda, 0x5e, 0x15, 0x46, 0x57, 0xa7, 0x8d, 0x9d, 0x84,
    0x90, 0xd8, 0xab, 0x00, 0x8c, 0xbc, 0xd3, 0x0a, 0xf7, 0xe4, 0x58, 0x05, 0xb8, 0xb3, 0x45, 0x06,
    0xd0, 0x2c, 0x1e, 0x8f, 0xca, 0x3f, 0x0f, 0x02, 0xc1, 0xaf, 0xbd, 0x03, 0x01, 0x13, 0x8a, 0x6b,
    0x3a, 0x91, 0x11, 0x41, 0x4f, 0x67, 0xdc, 0xea, 0x97, 0xf2, 0xcf, 0xce, 0xf0, 0xb4, 0xe6, 0x73,
    0x96, 0xac, 0x74, 0x22, 0xe7, 0xad, 0x35, 0x85, 0xe2, 0xf9, 0x37, 0xe8, 0x1c, 0x75, 0xdf, 0x6e,
    0x47, 0xf1, 0x1a, 0x71, 0x1d, 0x29, 0xc5, 0x89, 0x6f, 0xb7, 0x62, 0x0e, 0xaa, 0x18, 0xbe, 0x1b,
    0xfc, 0x56, 0x3e, 0x4b, 0xc6, 0xd2, 0x79, 0x20, 0x9a, 0xdb, 0xc0, 0xfe, 0x78, 0xcd, 0x5a, 0xf4,
    0x1f, 0xdd, 0xa8, 0x33, 0x88, 0x07, 0xc7, 0x31, 0xb1, 0x12, 0x10, 0x59, 0x27, 0x80, 0xec, 0x5f,
    0x60, 0x51, 0x7f, 0xa9, 0x19, 0xb5, 0x4a, 0x0d, 0x2d, 0xe5, 0x7a, 0x9f, 0x93, 0xc9, 0x9c, 0xef,
    0xa0, 0xe0, 0x3b, 0x4d, 0xae, 0x2a, 0xf5, 0xb0, 0xc8, 0xeb, 0xbb, 0x3c, 0x83, 0x53, 0x99, 0x61,
    0x17, 0x2b, 0x04, 0x7e, 0xba, 0x77, 0xd6, 0x26, 0xe1, 0x69, 0x14, 0x63, 0x55, 0x21, 0x0c, 0x7d,
};

/* ShiftRows moves row r of the state left by r columns; the inverse moves it
 * right. Both are applied before the byte substitution, which commutes. */
static inline vreg crypto_sw_aes_sub_shift(vreg s, bool inverse)
{
    vreg r;
    for (unsigned col = 0; col < 4; col++) {
        for (unsigned row = 0; row < 4; row++) {
            unsigned from = inverse ? (col + 4 - row) % 4 : (col + row) % 4;
            uint8_t b = s.b[4 * from + row];
            r.b[4 * col + row] = inverse ? crypto_aes_inv_sbox[b] : crypto_aes_sbox[b];
        }
    }
    return r;
}
/* multiplication in GF(2^8) modulo x^8 + x^4 + x^3 + x + 1 */
static inline uint8_t crypto_gf8_mul(uint8_t a, uint8_t b)
{
    uint8_t r = 0;
    for (unsigned k = 0; k < 8; k++) {
        if (b & (1u << k))
            r ^= a;
        a = (uint8_t)((a << 1) ^ ((a & 0x80) ? 0x1b : 0));
    }
    return r;
}
/* MixColumns with circulant row (c0 c1 c2 c3): (2 3 1 1) or (14 11 13 9) */
static inline vreg crypto_sw_aes_mix(vreg s, bool inverse)
{
    static const uint8_t fwd[4] = {2, 3, 1, 1}, inv[4] = {14, 11, 13, 9};
    const uint8_t *m = inverse ? inv : fwd;
    vreg r;
    for (unsigned col = 0; col < 4; col++) {
        for (unsigned row = 0; row < 4; row++) {
            uint8_t acc = 0;
            for (unsigned k = 0; k < 4; k++)
                acc ^= crypto_gf8_mul(s.b[4 * col + k], m[(k + 4 - row) % 4]);
            r.b[4 * col + row] = acc;
        }
    }
    return r;
}
static inline vreg crypto_sw_aese(vreg d, vreg n)
{
    d.q ^= n.q;
    return crypto_sw_aes_sub_shift(d, false);
}
static inline vreg crypto_sw_aesd(vreg d, vreg n)
{
    d.q ^= n.q;
    return crypto_sw_aes_sub_shift(d, true);
}
static inline vreg crypto_sw_aesmc(vreg n) { return crypto_sw_aes_mix(n, false); }
static inline vreg crypto_sw_aesimc(vreg n) { return crypto_sw_aes_mix(n, true); }

/* ---- PMULL 1Q: carry-less 64x64 -> 128 ---- */
static inline vreg crypto_sw_pmull64(uint64_t n, uint64_t m)
{
    vreg r;
    r.q = 0;
    for (unsigned k = 0; k < 64; k++) {
        unsigned __int128 sel = -(unsigned __int128)((m >> k) & 1);
        r.q ^= ((unsigned __int128)n << k) & sel;
    }
    return r;
}

/* ---- rotates and the SHA-1/SHA-2 boolean functions ---- */
static inline uint32_t crypto_rol32(uint32_t x, unsigned n) { return (x << n) | (x >> ((32 - n) & 31)); }
static inline uint32_t crypto_ror32(uint32_t x, unsigned n) { return (x >> n) | (x << ((32 - n) & 31)); }
static inline uint64_t crypto_ror64(uint64_t x, unsigned n) { return (x >> n) | (x << ((64 - n) & 63)); }
static inline uint64_t crypto_rol64(uint64_t x, unsigned n) { return (x << n) | (x >> ((64 - n) & 63)); }
static inline uint32_t crypto_choose32(uint32_t x, uint32_t y, uint32_t z) { return ((y ^ z) & x) ^ z; }
static inline uint32_t crypto_parity32(uint32_t x, uint32_t y, uint32_t z) { return x ^ y ^ z; }
static inline uint32_t crypto_major32(uint32_t x, uint32_t y, uint32_t z) { return (x & y) | ((x | y) & z); }

/* ---- SHA1 ---- */
/* Four rounds: x = (a,b,c,d) with a in s[0], y = e, w = W+K per round. The
 * pseudocode's 160-bit rotate of Y:X by 32 shifts the lanes of X up by one,
 * inserting Y at the bottom, and takes the old top lane as the next Y. */
static inline vreg crypto_sw_sha1_rounds(vreg x, uint32_t y, vreg w, enum crypto_sha1_fn fn)
{
    for (unsigned e = 0; e < 4; e++) {
        uint32_t t = fn == CRYPTO_SHA1_CHOOSE   ? crypto_choose32(x.s[1], x.s[2], x.s[3])
                     : fn == CRYPTO_SHA1_PARITY ? crypto_parity32(x.s[1], x.s[2], x.s[3])
                                                : crypto_major32(x.s[1], x.s[2], x.s[3]);
        y += crypto_rol32(x.s[0], 5) + t + w.s[e];
        x.s[1] = crypto_rol32(x.s[1], 30);
        uint32_t top = x.s[3];
        x.s[3] = x.s[2];
        x.s[2] = x.s[1];
        x.s[1] = x.s[0];
        x.s[0] = y;
        y = top;
    }
    return x;
}
static inline vreg crypto_sw_sha1h(vreg n)
{
    vreg r;
    r.q = crypto_rol32(n.s[0], 30);
    return r;
}
static inline vreg crypto_sw_sha1su0(vreg d, vreg n, vreg m)
{
    vreg r;
    r.d[0] = d.d[1];
    r.d[1] = n.d[0];
    r.q ^= d.q ^ m.q;
    return r;
}
static inline vreg crypto_sw_sha1su1(vreg d, vreg n)
{
    vreg t, r;
    t.q = d.q ^ (n.q >> 32);
    for (unsigned e = 0; e < 4; e++)
        r.s[e] = crypto_rol32(t.s[e], 1);
    r.s[3] ^= crypto_rol32(t.s[0], 2);
    return r;
}

/* ---- SHA256 ---- */
static inline uint32_t crypto_sha256_sum0(uint32_t x)
{
    return crypto_ror32(x, 2) ^ crypto_ror32(x, 13) ^ crypto_ror32(x, 22);
}
static inline uint32_t crypto_sha256_sum1(uint32_t x)
{
    return crypto_ror32(x, 6) ^ crypto_ror32(x, 11) ^ crypto_ror32(x, 25);
}
/* Four rounds on x = (a,b,c,d), y = (e,f,g,h), w = W+K; part1 returns the new
 * (a,b,c,d) (SHA256H), otherwise the new (e,f,g,h) (SHA256H2). The 256-bit
 * rotate of Y:X by 32 shifts each up by one lane, crossing the top lanes. */
static inline vreg crypto_sw_sha256_hash(vreg x, vreg y, vreg w, bool part1)
{
    for (unsigned e = 0; e < 4; e++) {
        uint32_t chs = crypto_choose32(y.s[0], y.s[1], y.s[2]);
        uint32_t maj = crypto_major32(x.s[0], x.s[1], x.s[2]);
        uint32_t t = y.s[3] + crypto_sha256_sum1(y.s[0]) + chs + w.s[e];
        x.s[3] += t;
        y.s[3] = t + crypto_sha256_sum0(x.s[0]) + maj;
        uint32_t xt = x.s[3], yt = y.s[3];
        for (unsigned k = 3; k > 0; k--) {
            x.s[k] = x.s[k - 1];
            y.s[k] = y.s[k - 1];
        }
        x.s[0] = yt;
        y.s[0] = xt;
    }
    return part1 ? x : y;
}
static inline uint32_t crypto_sha256_sig0(uint32_t x)
{
    return crypto_ror32(x, 7) ^ crypto_ror32(x, 18) ^ (x >> 3);
}
static inline uint32_t crypto_sha256_sig1(uint32_t x)
{
    return crypto_ror32(x, 17) ^ crypto_ror32(x, 19) ^ (x >> 10);
}
static inline vreg crypto_sw_sha256su0(vreg d, vreg n)
{
    vreg t, r;
    t.q = (d.q >> 32) | ((unsigned __int128)n.s[0] << 96);
    for (unsigned e = 0; e < 4; e++)
        r.s[e] = crypto_sha256_sig0(t.s[e]) + d.s[e];
    return r;
}
static inline vreg crypto_sw_sha256su1(vreg d, vreg n, vreg m)
{
    vreg t0, r;
    t0.q = (n.q >> 32) | ((unsigned __int128)m.s[0] << 96);
    for (unsigned e = 0; e < 4; e++) {
        uint32_t t1 = e < 2 ? m.s[2 + e] : r.s[e - 2];
        r.s[e] = crypto_sha256_sig1(t1) + d.s[e] + t0.s[e];
    }
    return r;
}

/* ---- SHA512: two rounds per SHA512H/SHA512H2 ---- */
static inline uint64_t crypto_sha512_sum0(uint64_t x)
{
    return crypto_ror64(x, 28) ^ crypto_ror64(x, 34) ^ crypto_ror64(x, 39);
}
static inline uint64_t crypto_sha512_sum1(uint64_t x)
{
    return crypto_ror64(x, 14) ^ crypto_ror64(x, 18) ^ crypto_ror64(x, 41);
}
static inline uint64_t crypto_sha512_sig0(uint64_t x)
{
    return crypto_ror64(x, 1) ^ crypto_ror64(x, 8) ^ (x >> 7);
}
static inline uint64_t crypto_sha512_sig1(uint64_t x)
{
    return crypto_ror64(x, 19) ^ crypto_ror64(x, 61) ^ (x >> 6);
}
/* SHA512H Qd, Qn, Vm: w = Vd, x = Vn, y = Vm */
static inline vreg crypto_sw_sha512h(vreg w, vreg x, vreg y)
{
    vreg r;
    uint64_t hi = ((y.d[1] & x.d[0]) ^ (~y.d[1] & x.d[1])) + crypto_sha512_sum1(y.d[1]) + w.d[1];
    uint64_t tmp = hi + y.d[0];
    r.d[1] = hi;
    r.d[0] = ((tmp & y.d[1]) ^ (~tmp & x.d[0])) + crypto_sha512_sum1(tmp) + w.d[0];
    return r;
}
/* SHA512H2 Qd, Qn, Vm: w = Vd, x = Vn, y = Vm */
static inline vreg crypto_sw_sha512h2(vreg w, vreg x, vreg y)
{
    vreg r;
    uint64_t hi = ((x.d[0] & y.d[1]) ^ (x.d[0] & y.d[0]) ^ (y.d[1] & y.d[0])) + crypto_sha512_sum0(y.d[0]) +
                  w.d[1];
    r.d[1] = hi;
    r.d[0] = ((hi & y.d[0]) ^ (hi & y.d[1]) ^ (y.d[1] & y.d[0])) + crypto_sha512_sum0(hi) + w.d[0];
    return r;
}
static inline vreg crypto_sw_sha512su0(vreg w, vreg x)
{
    vreg r;
    r.d[0] = w.d[0] + crypto_sha512_sig0(w.d[1]);
    r.d[1] = w.d[1] + crypto_sha512_sig0(x.d[0]);
    return r;
}
static inline vreg crypto_sw_sha512su1(vreg w, vreg x, vreg y)
{
    vreg r;
    r.d[1] = w.d[1] + crypto_sha512_sig1(x.d[1]) + y.d[1];
    r.d[0] = w.d[0] + crypto_sha512_sig1(x.d[0]) + y.d[0];
    return r;
}

/* ---- SHA3 ---- */
static inline vreg crypto_sw_rax1(vreg n, vreg m)
{
    vreg r;
    for (unsigned e = 0; e < 2; e++)
        r.d[e] = n.d[e] ^ crypto_rol64(m.d[e], 1);
    return r;
}
static inline vreg crypto_sw_xar(vreg n, vreg m, unsigned rot)
{
    vreg r;
    for (unsigned e = 0; e < 2; e++)
        r.d[e] = crypto_ror64(n.d[e] ^ m.d[e], rot);
    return r;
}

/* ---- instructions ---- */
static inline enum xres op_AESE(struct cpu *c, const struct insn *i)
{
    if (crypto_host_caps.aes)
        crypto_host_aese(&c->v[i->rd], &c->v[i->rd], &c->v[i->rn]);
    else
        c->v[i->rd] = crypto_sw_aese(c->v[i->rd], c->v[i->rn]);
    return X_NEXT;
}
static inline enum xres op_AESD(struct cpu *c, const struct insn *i)
{
    if (crypto_host_caps.aes)
        crypto_host_aesd(&c->v[i->rd], &c->v[i->rd], &c->v[i->rn]);
    else
        c->v[i->rd] = crypto_sw_aesd(c->v[i->rd], c->v[i->rn]);
    return X_NEXT;
}
static inline enum xres op_AESMC(struct cpu *c, const struct insn *i)
{
    if (crypto_host_caps.aes)
        crypto_host_aesmc(&c->v[i->rd], &c->v[i->rn]);
    else
        c->v[i->rd] = crypto_sw_aesmc(c->v[i->rn]);
    return X_NEXT;
}
static inline enum xres op_AESIMC(struct cpu *c, const struct insn *i)
{
    if (crypto_host_caps.aes)
        crypto_host_aesimc(&c->v[i->rd], &c->v[i->rn]);
    else
        c->v[i->rd] = crypto_sw_aesimc(c->v[i->rn]);
    return X_NEXT;
}
static inline enum xres op_PMULL_1Q(struct cpu *c, const struct insn *i)
{
    uint64_t n = c->v[i->rn].d[i->x], m = c->v[i->rm].d[i->x];
    if (crypto_host_caps.pclmul)
        crypto_host_pmull64(&c->v[i->rd], n, m);
    else
        c->v[i->rd] = crypto_sw_pmull64(n, m);
    return X_NEXT;
}

static inline enum xres crypto_sha1_op(struct cpu *c, const struct insn *i, enum crypto_sha1_fn fn)
{
    uint32_t y = c->v[i->rn].s[0];
    if (crypto_host_caps.sha)
        crypto_host_sha1_rounds(&c->v[i->rd], &c->v[i->rd], y, &c->v[i->rm], fn);
    else
        c->v[i->rd] = crypto_sw_sha1_rounds(c->v[i->rd], y, c->v[i->rm], fn);
    return X_NEXT;
}
static inline enum xres op_SHA1C(struct cpu *c, const struct insn *i)
{
    return crypto_sha1_op(c, i, CRYPTO_SHA1_CHOOSE);
}
static inline enum xres op_SHA1P(struct cpu *c, const struct insn *i)
{
    return crypto_sha1_op(c, i, CRYPTO_SHA1_PARITY);
}
static inline enum xres op_SHA1M(struct cpu *c, const struct insn *i)
{
    return crypto_sha1_op(c, i, CRYPTO_SHA1_MAJORITY);
}
static inline enum xres op_SHA1H(struct cpu *c, const struct insn *i)
{
    c->v[i->rd] = crypto_sw_sha1h(c->v[i->rn]);
    return X_NEXT;
}
static inline enum xres op_SHA1SU0(struct cpu *c, const struct insn *i)
{
    c->v[i->rd] = crypto_sw_sha1su0(c->v[i->rd], c->v[i->rn], c->v[i->rm]);
    return X_NEXT;
}
static inline enum xres op_SHA1SU1(struct cpu *c, const struct insn *i)
{
    if (crypto_host_caps.sha)
        crypto_host_sha1su1(&c->v[i->rd], &c->v[i->rd], &c->v[i->rn]);
    else
        c->v[i->rd] = crypto_sw_sha1su1(c->v[i->rd], c->v[i->rn]);
    return X_NEXT;
}

/* SHA256H: Vd = hash(Vd, Vn, Vm, TRUE); SHA256H2: Vd = hash(Vn, Vd, Vm, FALSE) */
static inline enum xres crypto_sha256_op(struct cpu *c, unsigned x, unsigned y, unsigned w, unsigned rd,
                                         bool part1)
{
    if (crypto_host_caps.sha)
        crypto_host_sha256_hash(&c->v[rd], &c->v[x], &c->v[y], &c->v[w], part1);
    else
        c->v[rd] = crypto_sw_sha256_hash(c->v[x], c->v[y], c->v[w], part1);
    return X_NEXT;
}
static inline enum xres op_SHA256H(struct cpu *c, const struct insn *i)
{
    return crypto_sha256_op(c, i->rd, i->rn, i->rm, i->rd, true);
}
static inline enum xres op_SHA256H2(struct cpu *c, const struct insn *i)
{
    return crypto_sha256_op(c, i->rn, i->rd, i->rm, i->rd, false);
}
static inline enum xres op_SHA256SU0(struct cpu *c, const struct insn *i)
{
    if (crypto_host_caps.sha)
        crypto_host_sha256su0(&c->v[i->rd], &c->v[i->rd], &c->v[i->rn]);
    else
        c->v[i->rd] = crypto_sw_sha256su0(c->v[i->rd], c->v[i->rn]);
    return X_NEXT;
}
static inline enum xres op_SHA256SU1(struct cpu *c, const struct insn *i)
{
    if (crypto_host_caps.sha)
        crypto_host_sha256su1(&c->v[i->rd], &c->v[i->rd], &c->v[i->rn], &c->v[i->rm]);
    else
        c->v[i->rd] = crypto_sw_sha256su1(c->v[i->rd], c->v[i->rn], c->v[i->rm]);
    return X_NEXT;
}

static inline enum xres op_SHA512H(struct cpu *c, const struct insn *i)
{
    c->v[i->rd] = crypto_sw_sha512h(c->v[i->rd], c->v[i->rn], c->v[i->rm]);
    return X_NEXT;
}
static inline enum xres op_SHA512H2(struct cpu *c, const struct insn *i)
{
    c->v[i->rd] = crypto_sw_sha512h2(c->v[i->rd], c->v[i->rn], c->v[i->rm]);
    return X_NEXT;
}
static inline enum xres op_SHA512SU0(struct cpu *c, const struct insn *i)
{
    c->v[i->rd] = crypto_sw_sha512su0(c->v[i->rd], c->v[i->rn]);
    return X_NEXT;
}
static inline enum xres op_SHA512SU1(struct cpu *c, const struct insn *i)
{
    c->v[i->rd] = crypto_sw_sha512su1(c->v[i->rd], c->v[i->rn], c->v[i->rm]);
    return X_NEXT;
}

static inline enum xres op_EOR3(struct cpu *c, const struct insn *i)
{
    c->v[i->rd].q = c->v[i->rn].q ^ c->v[i->rm].q ^ c->v[i->ra].q;
    return X_NEXT;
}
static inline enum xres op_BCAX(struct cpu *c, const struct insn *i)
{
    c->v[i->rd].q = c->v[i->rn].q ^ (c->v[i->rm].q & ~c->v[i->ra].q);
    return X_NEXT;
}
static inline enum xres op_RAX1(struct cpu *c, const struct insn *i)
{
    c->v[i->rd] = crypto_sw_rax1(c->v[i->rn], c->v[i->rm]);
    return X_NEXT;
}
static inline enum xres op_XAR(struct cpu *c, const struct insn *i)
{
    c->v[i->rd] = crypto_sw_xar(c->v[i->rn], c->v[i->rm], (unsigned)i->imm);
    return X_NEXT;
}

#endif

/* CRC32/CRC32C (arm_acle.h) and the ARMv8.0 crypto intrinsics (AES, SHA1,
 * SHA256, 64-bit PMULL) from arm_neon.h: random sweeps hashed per intrinsic
 * (vecsum.h), plus known answers computed the way real code uses them
 * (CRC of "123456789", FIPS-197 AES-128 encrypt/decrypt with the key
 * schedule built on AESE, SHA-1 and SHA-256 of "abc", a GF(2^128) multiply).
 * Built with -march=armv8-a+crc+crypto; qemu -cpu cortex-a53 has all of it. */
#include <arm_acle.h>
#include <arm_neon.h>

#include "vecsum.h"

#define ITERS 200

union q {
    uint8x16_t u8;
    uint32x4_t u32;
    uint64x2_t u64;
    poly64x2_t p64;
    uint8_t b[16];
};
static union q A, B, C;
static uint64_t R, R2;
static uint8_t buf[256];

static void fill(void)
{
    vs_fill(&A, 16);
    vs_fill(&B, 16);
    vs_fill(&C, 16);
    R = vs_rnd();
    R2 = vs_rnd();
    vs_fill(buf, sizeof buf);
}

static void print_hex(const char *label, const void *p, size_t n)
{
    const uint8_t *b = p;
    printf("%s ", label);
    for (size_t i = 0; i < n; i++)
        printf("%02x", b[i]);
    printf("\n");
}

/* ---- CRC ---- */

/* the usual software shape: bytes up to alignment, then 8 at a time */
static uint32_t crc32_buf(uint32_t crc, const uint8_t *p, size_t n, int castagnoli)
{
    crc = ~crc;
    while (n && ((uintptr_t)p & 7)) {
        crc = castagnoli ? __crc32cb(crc, *p) : __crc32b(crc, *p);
        p++, n--;
    }
    while (n >= 8) {
        uint64_t v;
        memcpy(&v, p, 8);
        crc = castagnoli ? __crc32cd(crc, v) : __crc32d(crc, v);
        p += 8, n -= 8;
    }
    if (n >= 4) {
        uint32_t v;
        memcpy(&v, p, 4);
        crc = castagnoli ? __crc32cw(crc, v) : __crc32w(crc, v);
        p += 4, n -= 4;
    }
    if (n >= 2) {
        uint16_t v;
        memcpy(&v, p, 2);
        crc = castagnoli ? __crc32ch(crc, v) : __crc32h(crc, v);
        p += 2, n -= 2;
    }
    if (n)
        crc = castagnoli ? __crc32cb(crc, *p) : __crc32b(crc, *p);
    return ~crc;
}

static void grp_crc(void)
{
    vs_begin("crc32");
    const uint8_t *check = (const uint8_t *)"123456789";
    printf("  crc32(\"123456789\") = %08" PRIx32 " crc32c = %08" PRIx32 "\n", crc32_buf(0, check, 9, 0),
           crc32_buf(0, check, 9, 1));
    for (int it = 0; it < ITERS; it++) {
        fill();
        T(__crc32b((uint32_t)R, (uint8_t)R2));
        T(__crc32h((uint32_t)R, (uint16_t)R2));
        T(__crc32w((uint32_t)R, (uint32_t)R2));
        T(__crc32d((uint32_t)R, R2));
        T(__crc32cb((uint32_t)R, (uint8_t)R2));
        T(__crc32ch((uint32_t)R, (uint16_t)R2));
        T(__crc32cw((uint32_t)R, (uint32_t)R2));
        T(__crc32cd((uint32_t)R, R2));
        size_t off = R % 16, len = R2 % 200;
        T(crc32_buf((uint32_t)R2, buf + off, len, 0));
        T(crc32_buf((uint32_t)R2, buf + off, len, 1));
    }
    vs_end();
}

/* ---- AES ---- */

static uint32_t aes_subword(uint32_t w)
{
    /* AESE with a zero key is SubBytes(ShiftRows(x)); with four equal
     * columns ShiftRows is the identity on each column */
    uint8x16_t x = vreinterpretq_u8_u32(vdupq_n_u32(w));
    return vgetq_lane_u32(vreinterpretq_u32_u8(vaeseq_u8(x, vdupq_n_u8(0))), 0);
}

static void aes128_expand(const uint8_t key[16], uint8x16_t rk[11])
{
    static const uint8_t rcon[10] = { 1, 2, 4, 8, 0x10, 0x20, 0x40, 0x80, 0x1b, 0x36 };
    uint32_t w[44];
    memcpy(w, key, 16);
    for (int i = 4; i < 44; i++) {
        uint32_t t = w[i - 1];
        if (i % 4 == 0)
            t = aes_subword((t >> 8) | (t << 24)) ^ rcon[i / 4 - 1];
        w[i] = w[i - 4] ^ t;
    }
    for (int r = 0; r < 11; r++)
        rk[r] = vld1q_u8((const uint8_t *)&w[4 * r]);
}

static uint8x16_t aes128_encrypt(const uint8x16_t rk[11], uint8x16_t x)
{
    for (int r = 0; r < 9; r++)
        x = vaesmcq_u8(vaeseq_u8(x, rk[r]));
    return veorq_u8(vaeseq_u8(x, rk[9]), rk[10]);
}

/* the equivalent inverse cipher: middle round keys through InvMixColumns */
static uint8x16_t aes128_decrypt(const uint8x16_t rk[11], uint8x16_t x)
{
    x = vaesimcq_u8(vaesdq_u8(x, rk[10]));
    for (int r = 9; r > 1; r--)
        x = vaesimcq_u8(vaesdq_u8(x, vaesimcq_u8(rk[r])));
    return veorq_u8(vaesdq_u8(x, vaesimcq_u8(rk[1])), rk[0]);
}

static void grp_aes(void)
{
    vs_begin("aes");
    uint8_t key[16], pt[16], ct[16], back[16];
    for (int i = 0; i < 16; i++) {
        key[i] = (uint8_t)i;
        pt[i] = (uint8_t)(i * 0x11);
    }
    uint8x16_t rk[11];
    aes128_expand(key, rk);
    vst1q_u8(ct, aes128_encrypt(rk, vld1q_u8(pt)));
    vst1q_u8(back, aes128_decrypt(rk, vld1q_u8(ct)));
    print_hex("  FIPS-197 C.1 ciphertext", ct, 16);
    print_hex("  decrypted", back, 16);
    uint8_t last[16];
    vst1q_u8(last, rk[10]);
    print_hex("  round key 10", last, 16);
    for (int it = 0; it < ITERS; it++) {
        fill();
        T(vaeseq_u8(A.u8, B.u8));
        T(vaesdq_u8(A.u8, B.u8));
        T(vaesmcq_u8(A.u8));
        T(vaesimcq_u8(A.u8));
        T(vaesimcq_u8(vaesmcq_u8(A.u8)));
        uint8x16_t k[11];
        aes128_expand(B.b, k);
        uint8x16_t c = aes128_encrypt(k, A.u8);
        TBUF("aes128_encrypt", &c, sizeof c);
        T(aes128_decrypt(k, c));
    }
    vs_end();
}

/* ---- SHA ---- */

static const uint8_t *sha_pad_abc(uint8_t blk[64])
{
    memset(blk, 0, 64);
    memcpy(blk, "abc", 3);
    blk[3] = 0x80;
    blk[63] = 24; /* length in bits, big-endian */
    return blk;
}

static void sha1_block(uint32_t st[5], const uint8_t blk[64])
{
    uint32x4_t abcd = vld1q_u32(st), abcd0 = abcd;
    uint32_t e = st[4];
    uint32x4_t w[4];
    for (int i = 0; i < 4; i++)
        w[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(blk + 16 * i)));
    for (int i = 0; i < 20; i++) {
        uint32_t k = i < 5 ? 0x5a827999 : i < 10 ? 0x6ed9eba1 : i < 15 ? 0x8f1bbcdc : 0xca62c1d6;
        uint32x4_t wk = vaddq_u32(w[i % 4], vdupq_n_u32(k));
        uint32_t e_next = vsha1h_u32(vgetq_lane_u32(abcd, 0));
        if (i < 5)
            abcd = vsha1cq_u32(abcd, e, wk);
        else if (i < 10 || i >= 15)
            abcd = vsha1pq_u32(abcd, e, wk);
        else
            abcd = vsha1mq_u32(abcd, e, wk);
        e = e_next;
        if (i < 16)
            w[i % 4] = vsha1su1q_u32(vsha1su0q_u32(w[i % 4], w[(i + 1) % 4], w[(i + 2) % 4]), w[(i + 3) % 4]);
    }
    vst1q_u32(st, vaddq_u32(abcd, abcd0));
    st[4] += e;
}

static const uint32_t sha256_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static void sha256_block(uint32_t st[8], const uint8_t blk[64])
{
    uint32x4_t abcd = vld1q_u32(st), efgh = vld1q_u32(st + 4);
    uint32x4_t abcd0 = abcd, efgh0 = efgh;
    uint32x4_t w[4];
    for (int i = 0; i < 4; i++)
        w[i] = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(blk + 16 * i)));
    for (int i = 0; i < 16; i++) {
        uint32x4_t wk = vaddq_u32(w[i % 4], vld1q_u32(sha256_k + 4 * i));
        uint32x4_t t = abcd;
        abcd = vsha256hq_u32(abcd, efgh, wk);
        efgh = vsha256h2q_u32(efgh, t, wk);
        if (i < 12)
            w[i % 4] = vsha256su1q_u32(vsha256su0q_u32(w[i % 4], w[(i + 1) % 4]), w[(i + 2) % 4], w[(i + 3) % 4]);
    }
    vst1q_u32(st, vaddq_u32(abcd, abcd0));
    vst1q_u32(st + 4, vaddq_u32(efgh, efgh0));
}

static void grp_sha(void)
{
    vs_begin("sha1/sha256");
    uint8_t blk[64];
    uint32_t s1[5] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0 };
    sha1_block(s1, sha_pad_abc(blk));
    printf("  sha1(\"abc\")   =");
    for (int i = 0; i < 5; i++)
        printf(" %08" PRIx32, s1[i]);
    printf("\n");
    uint32_t s2[8] = { 0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19 };
    sha256_block(s2, sha_pad_abc(blk));
    printf("  sha256(\"abc\") =");
    for (int i = 0; i < 8; i++)
        printf(" %08" PRIx32, s2[i]);
    printf("\n");
    for (int it = 0; it < ITERS; it++) {
        fill();
        T(vsha1cq_u32(A.u32, (uint32_t)R, B.u32));
        T(vsha1pq_u32(A.u32, (uint32_t)R, B.u32));
        T(vsha1mq_u32(A.u32, (uint32_t)R, B.u32));
        T(vsha1h_u32((uint32_t)R));
        T(vsha1su0q_u32(A.u32, B.u32, C.u32));
        T(vsha1su1q_u32(A.u32, B.u32));
        T(vsha256hq_u32(A.u32, B.u32, C.u32));
        T(vsha256h2q_u32(A.u32, B.u32, C.u32));
        T(vsha256su0q_u32(A.u32, B.u32));
        T(vsha256su1q_u32(A.u32, B.u32, C.u32));
        uint32_t h1[5], h2[8];
        memcpy(h1, &A, 16);
        h1[4] = (uint32_t)R;
        memcpy(h2, &A, 16);
        memcpy(h2 + 4, &B, 16);
        sha1_block(h1, buf);
        sha256_block(h2, buf + 64);
        TBUF("sha1_block", h1, sizeof h1);
        TBUF("sha256_block", h2, sizeof h2);
    }
    vs_end();
}

/* ---- PMULL 64 ---- */

/* carry-less 128x128 -> 256 with Karatsuba on PMULL, reduced modulo the
 * GHASH polynomial x^128 + x^7 + x^2 + x + 1 (bit-reflection left out:
 * this checks the arithmetic, not GCM conventions) */
static uint64x2_t gf128_mul(uint64x2_t a, uint64x2_t b)
{
    poly64x2_t pa = vreinterpretq_p64_u64(a), pb = vreinterpretq_p64_u64(b);
    uint64x2_t lo = vreinterpretq_u64_p128(vmull_p64(vgetq_lane_p64(pa, 0), vgetq_lane_p64(pb, 0)));
    uint64x2_t hi = vreinterpretq_u64_p128(vmull_high_p64(pa, pb));
    uint64x2_t ta = veorq_u64(a, vextq_u64(a, a, 1)), tb = veorq_u64(b, vextq_u64(b, b, 1));
    uint64x2_t mid = vreinterpretq_u64_p128(vmull_p64(vgetq_lane_u64(ta, 0), vgetq_lane_u64(tb, 0)));
    mid = veorq_u64(mid, veorq_u64(lo, hi));
    /* 256-bit product: hi:lo with mid folded in at bit 64 */
    uint64_t p0 = vgetq_lane_u64(lo, 0), p1 = vgetq_lane_u64(lo, 1) ^ vgetq_lane_u64(mid, 0);
    uint64_t p2 = vgetq_lane_u64(hi, 0) ^ vgetq_lane_u64(mid, 1), p3 = vgetq_lane_u64(hi, 1);
    /* x^128 = x^7 + x^2 + x + 1: fold p3:p2 down twice with PMULL by 0x87 */
    uint64x2_t f = vreinterpretq_u64_p128(vmull_p64(p3, 0x87));
    p1 ^= vgetq_lane_u64(f, 0);
    p2 ^= vgetq_lane_u64(f, 1);
    f = vreinterpretq_u64_p128(vmull_p64(p2, 0x87));
    p0 ^= vgetq_lane_u64(f, 0);
    p1 ^= vgetq_lane_u64(f, 1);
    return vcombine_u64(vcreate_u64(p0), vcreate_u64(p1));
}

static void grp_pmull(void)
{
    vs_begin("pmull64");
    SHOW(vmull_p64(0x8000000000000001ull, 0x3ull));
    SHOW(vmull_p64(0xffffffffffffffffull, 0xffffffffffffffffull));
    SHOW(vmull_p64(0x87ull, 0x87ull));
    uint64x2_t x = vcombine_u64(vcreate_u64(0x0123456789abcdefull), vcreate_u64(0xfedcba9876543210ull));
    uint64x2_t acc = x;
    for (int i = 0; i < 64; i++)
        acc = gf128_mul(acc, x);
    SHOW(acc);
    for (int it = 0; it < ITERS; it++) {
        fill();
        T(vmull_p64((poly64_t)R, (poly64_t)R2));
        T(vmull_high_p64(A.p64, B.p64));
        T(vmull_p64((poly64_t)(R & 0xff), (poly64_t)R2));
        T(gf128_mul(A.u64, B.u64));
    }
    vs_end();
}

int main(void)
{
    grp_crc();
    grp_aes();
    grp_sha();
    grp_pmull();
    return 0;
}

/* Unit tests for the cryptographic extensions: decoding of every form and of
 * neighbouring reserved words; known-answer tests that run the instructions
 * (decoded and executed through exec_table) the way arm64 crypto code uses
 * them: FIPS-197 AES-128 encrypt/decrypt, SHA-1/SHA-256/SHA-512 of "abc",
 * PMULL products; each on the portable path and on the host path; and the
 * host path equal to the portable one on random inputs. */
#include <check.h>
#include <string.h>

#include "interp/crypto.h"
#include "interp/decode.h"
#include "interp/ops.h"

static struct cpu crypto_t_cpu;

static struct insn crypto_t_decode(uint32_t raw)
{
    struct insn i;
    decode_insn(&i, raw, 0x400000);
    return i;
}
/* runs one instruction word on crypto_t_cpu */
static void crypto_t_run(uint32_t raw)
{
    struct insn i = crypto_t_decode(raw);
    ck_assert_msg(i.op != OP_UNDEF, "%08x does not decode", raw);
    crypto_t_cpu.cur = &i;
    ck_assert_int_eq(exec_table[i.op](&crypto_t_cpu, &i), X_NEXT);
}
static uint32_t crypto_t_enc(uint32_t base, unsigned d, unsigned n, unsigned m)
{
    return base | m << 16 | n << 5 | d;
}
static vreg *crypto_t_v(unsigned r) { return &crypto_t_cpu.v[r]; }

/* xorshift64: deterministic random operands */
static uint64_t crypto_t_rng = 0x9e3779b97f4a7c15ull;
static uint64_t crypto_t_rand(void)
{
    crypto_t_rng ^= crypto_t_rng << 13;
    crypto_t_rng ^= crypto_t_rng >> 7;
    crypto_t_rng ^= crypto_t_rng << 17;
    return crypto_t_rng;
}
static vreg crypto_t_rvec(void)
{
    vreg v;
    v.d[0] = crypto_t_rand();
    v.d[1] = crypto_t_rand();
    /* edge lanes now and then: all-zero / all-one 32-bit words */
    unsigned sel = (unsigned)(crypto_t_rand() % 8);
    if (sel < 4)
        v.s[sel] = (crypto_t_rand() & 1) ? 0 : 0xffffffffu;
    return v;
}
static void crypto_t_eq(vreg got, vreg want, const char *what, unsigned k)
{
    ck_assert_msg(got.q == want.q, "%s case %u: got %016llx%016llx want %016llx%016llx", what, k,
                  (unsigned long long)got.d[1], (unsigned long long)got.d[0], (unsigned long long)want.d[1],
                  (unsigned long long)want.d[0]);
}

/* ---- decoding ---- */
static const struct {
    uint32_t raw;
    const char *name;
} crypto_t_forms[] = {
    {0x4e284800, "AESE"},      {0x4e285800, "AESD"},      {0x4e286800, "AESMC"},     {0x4e287800, "AESIMC"},
    {0x5e000000, "SHA1C"},     {0x5e001000, "SHA1P"},     {0x5e002000, "SHA1M"},     {0x5e003000, "SHA1SU0"},
    {0x5e004000, "SHA256H"},   {0x5e005000, "SHA256H2"},  {0x5e006000, "SHA256SU1"}, {0x5e280800, "SHA1H"},
    {0x5e281800, "SHA1SU1"},   {0x5e282800, "SHA256SU0"}, {0xce608000, "SHA512H"},   {0xce608400, "SHA512H2"},
    {0xce608800, "SHA512SU1"}, {0xce608c00, "RAX1"},      {0xcec08000, "SHA512SU0"}, {0xce000000, "EOR3"},
    {0xce200000, "BCAX"},      {0xce800000, "XAR"},       {0x0ee0e000, "PMULL_1Q"},  {0x4ee0e000, "PMULL_1Q"},
    {0x0e20e000, "V_PMULL"}, /* the 8-bit form stays with the SIMD class */
};
/* reserved neighbours: size != 0 in the AES/SHA groups, PMULL .1q with size
 * 01/10, SHA opcode 111, SM3/SM4 (not implemented) */
static const uint32_t crypto_t_reserved[] = {
    0x4e684800, 0x4ea84800, 0x5e400000, 0x5e007000, 0x5e283800, 0x0e60e000, 0x0ea0e000,
    0xcec08400, 0xce400000, 0xce60c000, 0xce40ac00,
};

START_TEST(test_crypto_decode)
{
    for (unsigned k = 0; k < sizeof crypto_t_forms / sizeof *crypto_t_forms; k++) {
        struct insn i = crypto_t_decode(crypto_t_forms[k].raw);
        ck_assert_msg(!strcmp(decode_op_name(i.op), crypto_t_forms[k].name), "%08x: %s want %s",
                      crypto_t_forms[k].raw, decode_op_name(i.op), crypto_t_forms[k].name);
    }
    for (unsigned k = 0; k < sizeof crypto_t_reserved / sizeof *crypto_t_reserved; k++) {
        struct insn i = crypto_t_decode(crypto_t_reserved[k]);
        ck_assert_msg(i.op == OP_UNDEF, "%08x decodes as %s", crypto_t_reserved[k], decode_op_name(i.op));
    }
    struct insn i = crypto_t_decode(0xce1b4ad1); /* eor3 v17.16b, v22.16b, v27.16b, v18.16b */
    ck_assert_str_eq(decode_op_name(i.op), "EOR3");
    ck_assert_uint_eq(i.rd, 17);
    ck_assert_uint_eq(i.rn, 22);
    ck_assert_uint_eq(i.rm, 27);
    ck_assert_uint_eq(i.ra, 18);
    i = crypto_t_decode(0xce9fafbe); /* xar v30.2d, v29.2d, v31.2d, #43 */
    ck_assert_str_eq(decode_op_name(i.op), "XAR");
    ck_assert_uint_eq(i.rd, 30);
    ck_assert_uint_eq(i.rn, 29);
    ck_assert_uint_eq(i.rm, 31);
    ck_assert_int_eq(i.imm, 43);
    i = crypto_t_decode(0x4efee3fd); /* pmull2 v29.1q, v31.2d, v30.2d */
    ck_assert_uint_eq(i.x, 1);
    ck_assert_uint_eq(i.rm, 30);
}
END_TEST

/* ---- AES: FIPS-197 appendix C.1 (AES-128) ---- */
static void crypto_t_aes128_expand(const uint8_t key[16], vreg rk[11])
{
    uint8_t w[176];
    memcpy(w, key, 16);
    uint8_t rcon = 1;
    for (unsigned k = 16; k < 176; k += 4) {
        uint8_t t[4] = {w[k - 4], w[k - 3], w[k - 2], w[k - 1]};
        if (k % 16 == 0) {
            uint8_t t0 = t[0];
            t[0] = (uint8_t)(crypto_aes_sbox[t[1]] ^ rcon);
            t[1] = crypto_aes_sbox[t[2]];
            t[2] = crypto_aes_sbox[t[3]];
            t[3] = crypto_aes_sbox[t0];
            rcon = (uint8_t)((rcon << 1) ^ ((rcon & 0x80) ? 0x1b : 0));
        }
        for (unsigned b = 0; b < 4; b++)
            w[k + b] = w[k - 16 + b] ^ t[b];
    }
    for (unsigned r = 0; r < 11; r++)
        memcpy(rk[r].b, w + 16 * r, 16);
}

static void crypto_t_aes_kat(void)
{
    static const uint8_t key[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                                    0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};
    static const uint8_t pt[16] = {0x00, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77,
                                   0x88, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff};
    static const uint8_t ct[16] = {0x69, 0xc4, 0xe0, 0xd8, 0x6a, 0x7b, 0x04, 0x30,
                                   0xd8, 0xcd, 0xb7, 0x80, 0x70, 0xb4, 0xc5, 0x5a};
    vreg rk[11];
    crypto_t_aes128_expand(key, rk);
    /* round key 1 of FIPS-197 A.1's key schedule for this key starts d6aa74fd */
    ck_assert_uint_eq(rk[1].b[0], 0xd6);
    ck_assert_uint_eq(rk[1].b[3], 0xfd);

    /* encrypt: v0 = state, v1 = round key; aese v0, v1; aesmc v0, v0 */
    memcpy(crypto_t_v(0)->b, pt, 16);
    for (unsigned r = 0; r < 9; r++) {
        *crypto_t_v(1) = rk[r];
        crypto_t_run(crypto_t_enc(0x4e284800, 0, 1, 0));
        crypto_t_run(crypto_t_enc(0x4e286800, 0, 0, 0));
    }
    *crypto_t_v(1) = rk[9];
    crypto_t_run(crypto_t_enc(0x4e284800, 0, 1, 0));
    crypto_t_v(0)->q ^= rk[10].q;
    ck_assert_msg(!memcmp(crypto_t_v(0)->b, ct, 16), "AES-128 encrypt");

    /* decrypt (equivalent inverse cipher): keys 9..1 through aesimc v2, v1;
     * aesd v0, v2; aesimc v0, v0 */
    *crypto_t_v(1) = rk[10];
    crypto_t_run(crypto_t_enc(0x4e285800, 0, 1, 0));
    crypto_t_run(crypto_t_enc(0x4e287800, 0, 0, 0));
    for (unsigned r = 9; r >= 1; r--) {
        *crypto_t_v(1) = rk[r];
        crypto_t_run(crypto_t_enc(0x4e287800, 2, 1, 0));
        crypto_t_run(crypto_t_enc(0x4e285800, 0, 2, 0));
        if (r > 1)
            crypto_t_run(crypto_t_enc(0x4e287800, 0, 0, 0));
    }
    crypto_t_v(0)->q ^= rk[0].q;
    ck_assert_msg(!memcmp(crypto_t_v(0)->b, pt, 16), "AES-128 decrypt");
}

/* ---- SHA-1 / SHA-256 / SHA-512 of "abc": one padded block ---- */
static void crypto_t_block_abc(uint8_t blk[], unsigned size)
{
    memset(blk, 0, size);
    memcpy(blk, "abc", 3);
    blk[3] = 0x80;
    blk[size - 1] = 24; /* message length in bits, big-endian */
}
static uint32_t crypto_t_be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static uint64_t crypto_t_be64(const uint8_t *p)
{
    return (uint64_t)crypto_t_be32(p) << 32 | crypto_t_be32(p + 4);
}

static void crypto_t_sha1_kat(void)
{
    static const uint32_t h0[5] = {0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0};
    static const uint32_t kc[4] = {0x5a827999, 0x6ed9eba1, 0x8f1bbcdc, 0xca62c1d6};
    static const uint32_t want[5] = {0xa9993e36, 0x4706816a, 0xba3e2571, 0x7850c26c, 0x9cd0d89d};
    /* rounds 0-19 SHA1C, 20-39 SHA1P, 40-59 SHA1M, 60-79 SHA1P */
    static const uint32_t rnd[4] = {0x5e000000, 0x5e001000, 0x5e002000, 0x5e001000};
    uint8_t blk[64];
    crypto_t_block_abc(blk, 64);
    /* v0 = abcd, v1 = e, v2 = next e, v4..v7 = W, v16 = W+K */
    for (unsigned k = 0; k < 4; k++)
        crypto_t_v(0)->s[k] = h0[k];
    crypto_t_v(1)->q = h0[4];
    for (unsigned k = 0; k < 16; k++)
        crypto_t_v(4 + k / 4)->s[k % 4] = crypto_t_be32(blk + 4 * k);
    for (unsigned g = 0; g < 20; g++) {
        unsigned m = 4 + g % 4;
        for (unsigned k = 0; k < 4; k++)
            crypto_t_v(16)->s[k] = crypto_t_v(m)->s[k] + kc[g / 5];
        crypto_t_run(crypto_t_enc(0x5e280800, 2, 0, 0));      /* sha1h s2, s0 */
        crypto_t_run(crypto_t_enc(rnd[g / 5], 0, 1, 16));     /* sha1c q0, s1, v16.4s */
        *crypto_t_v(1) = *crypto_t_v(2);
        if (g < 16) {
            crypto_t_run(crypto_t_enc(0x5e003000, m, 4 + (g + 1) % 4, 4 + (g + 2) % 4)); /* sha1su0 */
            crypto_t_run(crypto_t_enc(0x5e281800, m, 4 + (g + 3) % 4, 0));               /* sha1su1 */
        }
    }
    for (unsigned k = 0; k < 4; k++)
        ck_assert_uint_eq(crypto_t_v(0)->s[k] + h0[k], want[k]);
    ck_assert_uint_eq(crypto_t_v(1)->s[0] + h0[4], want[4]);
    ck_assert_uint_eq(crypto_t_v(1)->s[1] | crypto_t_v(1)->d[1], 0); /* SHA1H zero-extends */
}

static const uint32_t crypto_t_k256[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static void crypto_t_sha256_kat(void)
{
    static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    static const uint32_t want[8] = {0xba7816bf, 0x8f01cfea, 0x414140de, 0x5dae2223,
                                     0xb00361a3, 0x96177a9c, 0xb410ff61, 0xf20015ad};
    uint8_t blk[64];
    crypto_t_block_abc(blk, 64);
    /* v0 = abcd, v1 = efgh, v2 = saved abcd, v4..v7 = W, v16 = W+K */
    for (unsigned k = 0; k < 4; k++) {
        crypto_t_v(0)->s[k] = h0[k];
        crypto_t_v(1)->s[k] = h0[4 + k];
    }
    for (unsigned k = 0; k < 16; k++)
        crypto_t_v(4 + k / 4)->s[k % 4] = crypto_t_be32(blk + 4 * k);
    for (unsigned g = 0; g < 16; g++) {
        unsigned m = 4 + g % 4;
        for (unsigned k = 0; k < 4; k++)
            crypto_t_v(16)->s[k] = crypto_t_v(m)->s[k] + crypto_t_k256[4 * g + k];
        *crypto_t_v(2) = *crypto_t_v(0);
        crypto_t_run(crypto_t_enc(0x5e004000, 0, 1, 16)); /* sha256h q0, q1, v16.4s */
        crypto_t_run(crypto_t_enc(0x5e005000, 1, 2, 16)); /* sha256h2 q1, q2, v16.4s */
        if (g < 12) {
            crypto_t_run(crypto_t_enc(0x5e282800, m, 4 + (g + 1) % 4, 0));               /* sha256su0 */
            crypto_t_run(crypto_t_enc(0x5e006000, m, 4 + (g + 2) % 4, 4 + (g + 3) % 4)); /* sha256su1 */
        }
    }
    for (unsigned k = 0; k < 4; k++) {
        ck_assert_uint_eq(crypto_t_v(0)->s[k] + h0[k], want[k]);
        ck_assert_uint_eq(crypto_t_v(1)->s[k] + h0[4 + k], want[4 + k]);
    }
}

static const uint64_t crypto_t_k512[80] = {
    0x428a2f98d728ae22ull, 0x7137449123ef65cdull, 0xb5c0fbcfec4d3b2full, 0xe9b5dba58189dbbcull,
    0x3956c25bf348b538ull, 0x59f111f1b605d019ull, 0x923f82a4af194f9bull, 0xab1c5ed5da6d8118ull,
    0xd807aa98a3030242ull, 0x12835b0145706fbeull, 0x243185be4ee4b28cull, 0x550c7dc3d5ffb4e2ull,
    0x72be5d74f27b896full, 0x80deb1fe3b1696b1ull, 0x9bdc06a725c71235ull, 0xc19bf174cf692694ull,
    0xe49b69c19ef14ad2ull, 0xefbe4786384f25e3ull, 0x0fc19dc68b8cd5b5ull, 0x240ca1cc77ac9c65ull,
    0x2de92c6f592b0275ull, 0x4a7484aa6ea6e483ull, 0x5cb0a9dcbd41fbd4ull, 0x76f988da831153b5ull,
    0x983e5152ee66dfabull, 0xa831c66d2db43210ull, 0xb00327c898fb213full, 0xbf597fc7beef0ee4ull,
    0xc6e00bf33da88fc2ull, 0xd5a79147930aa725ull, 0x06ca6351e003826full, 0x142929670a0e6e70ull,
    0x27b70a8546d22ffcull, 0x2e1b21385c26c926ull, 0x4d2c6dfc5ac42aedull, 0x53380d139d95b3dfull,
    0x650a73548baf63deull, 0x766a0abb3c77b2a8ull, 0x81c2c92e47edaee6ull, 0x92722c851482353bull,
    0xa2bfe8a14cf10364ull, 0xa81a664bbc423001ull, 0xc24b8b70d0f89791ull, 0xc76c51a30654be30ull,
    0xd192e819d6ef5218ull, 0xd69906245565a910ull, 0xf40e35855771202aull, 0x106aa07032bbd1b8ull,
    0x19a4c116b8d2d0c8ull, 0x1e376c085141ab53ull, 0x2748774cdf8eeb99ull, 0x34b0bcb5e19b48a8ull,
    0x391c0cb3c5c95a63ull, 0x4ed8aa4ae3418acbull, 0x5b9cca4f7763e373ull, 0x682e6ff3d6b2b8a3ull,
    0x748f82ee5defb2fcull, 0x78a5636f43172f60ull, 0x84c87814a1f0ab72ull, 0x8cc702081a6439ecull,
    0x90befffa23631e28ull, 0xa4506cebde82bde9ull, 0xbef9a3f7b2c67915ull, 0xc67178f2e372532bull,
    0xca273eceea26619cull, 0xd186b8c721c0c207ull, 0xeada7dd6cde0eb1eull, 0xf57d4f7fee6ed178ull,
    0x06f067aa72176fbaull, 0x0a637dc5a2c898a6ull, 0x113f9804bef90daeull, 0x1b710b35131c471bull,
    0x28db77f523047d84ull, 0x32caab7b40c72493ull, 0x3c9ebe0a15c9bebcull, 0x431d67c49c100d4cull,
    0x4cc5d4becb3e42b6ull, 0x597f299cfc657e2aull, 0x5fcb6fab3ad6faecull, 0x6c44198c4a475817ull,
};

/* v[d] = v[n] lanes (1, 0) of the 256-bit concatenation v[m]:v[n] from
 * byte 8 on: EXT #8 */
static void crypto_t_ext8(unsigned d, unsigned n, unsigned m)
{
    vreg r;
    r.d[0] = crypto_t_v(n)->d[1];
    r.d[1] = crypto_t_v(m)->d[0];
    *crypto_t_v(d) = r;
}

static void crypto_t_sha512_kat(void)
{
    static const uint64_t h0[8] = {0x6a09e667f3bcc908ull, 0xbb67ae8584caa73bull, 0x3c6ef372fe94f82bull,
                                   0xa54ff53a5f1d36f1ull, 0x510e527fade682d1ull, 0x9b05688c2b3e6c1full,
                                   0x1f83d9abfb41bd6bull, 0x5be0cd19137e2179ull};
    static const uint64_t want[8] = {0xddaf35a193617abaull, 0xcc417349ae204131ull, 0x12e6fa4e89a97ea2ull,
                                     0x0a9eeee64b55d39aull, 0x2192992a274fc1a8ull, 0x36ba3c23a3feebbdull,
                                     0x454d4423643ce80eull, 0x2a9ac94fa54ca49full};
    uint8_t blk[128];
    crypto_t_block_abc(blk, 128);
    /* pairs (lane 0, lane 1): ab cd ef gh in v0..v3, v4 spare, W in v8..v15,
     * v20 = W+K swapped, v22 = (f, g), v23 = (d, e), v24 = W[t-7] pair */
    for (unsigned k = 0; k < 8; k++)
        crypto_t_v(k / 2)->d[k % 2] = h0[k];
    for (unsigned k = 0; k < 16; k++)
        crypto_t_v(8 + k / 2)->d[k % 2] = crypto_t_be64(blk + 8 * k);
    unsigned ab = 0, cd = 1, ef = 2, gh = 3, spare = 4;
    for (unsigned g = 0; g < 40; g++) {
        unsigned m = 8 + g % 8;
        crypto_t_v(20)->d[0] = crypto_t_v(m)->d[1] + crypto_t_k512[2 * g + 1];
        crypto_t_v(20)->d[1] = crypto_t_v(m)->d[0] + crypto_t_k512[2 * g];
        crypto_t_ext8(22, ef, gh);
        crypto_t_ext8(23, cd, ef);
        for (unsigned k = 0; k < 2; k++)
            crypto_t_v(gh)->d[k] += crypto_t_v(20)->d[k];
        crypto_t_run(crypto_t_enc(0xce608000, gh, 22, 23)); /* sha512h qgh, q22, v23.2d */
        for (unsigned k = 0; k < 2; k++)
            crypto_t_v(spare)->d[k] = crypto_t_v(cd)->d[k] + crypto_t_v(gh)->d[k];
        crypto_t_run(crypto_t_enc(0xce608400, gh, cd, ab)); /* sha512h2 qgh, qcd, vab.2d */
        if (g < 32) {
            crypto_t_ext8(24, 8 + (g + 4) % 8, 8 + (g + 5) % 8);
            crypto_t_run(crypto_t_enc(0xcec08000, m, 8 + (g + 1) % 8, 0));  /* sha512su0 */
            crypto_t_run(crypto_t_enc(0xce608800, m, 8 + (g + 7) % 8, 24)); /* sha512su1 */
        }
        unsigned old_ab = ab, old_cd = cd, old_ef = ef;
        ab = gh;
        cd = old_ab;
        ef = spare;
        gh = old_ef;
        spare = old_cd;
    }
    unsigned pair[4] = {ab, cd, ef, gh};
    for (unsigned k = 0; k < 8; k++)
        ck_assert_uint_eq(crypto_t_v(pair[k / 2])->d[k % 2] + h0[k], want[k]);
}

/* ---- PMULL 1Q and SHA3 ---- */
static vreg crypto_t_clmul_ref(uint64_t a, uint64_t b)
{
    vreg r;
    r.q = 0;
    for (unsigned k = 0; k < 64; k++)
        if ((b >> k) & 1)
            r.q ^= (unsigned __int128)a << k;
    return r;
}

static void crypto_t_pmull_sha3_kat(void)
{
    /* pmull v0.1q, v1.1d, v2.1d and pmull2 v3.1q, v1.2d, v2.2d */
    crypto_t_v(1)->d[0] = ~0ull;
    crypto_t_v(2)->d[0] = ~0ull;
    crypto_t_v(1)->d[1] = 3;
    crypto_t_v(2)->d[1] = 3;
    crypto_t_run(crypto_t_enc(0x0ee0e000, 0, 1, 2));
    ck_assert(crypto_t_v(0)->d[0] == 0x5555555555555555ull && crypto_t_v(0)->d[1] == 0x5555555555555555ull);
    crypto_t_run(crypto_t_enc(0x4ee0e000, 3, 1, 2));
    ck_assert(crypto_t_v(3)->d[0] == 5 && crypto_t_v(3)->d[1] == 0);
    /* GHASH-style operands: x^63 * x^63 = x^126 */
    crypto_t_v(1)->d[0] = 1ull << 63;
    crypto_t_v(2)->d[0] = 1ull << 63;
    crypto_t_run(crypto_t_enc(0x0ee0e000, 1, 1, 2)); /* Rd aliases Rn */
    ck_assert(crypto_t_v(1)->d[0] == 0 && crypto_t_v(1)->d[1] == 1ull << 62);

    /* eor3 v0, v1, v2, v3; bcax v4, v1, v2, v3; rax1 v5, v1, v2; xar v6, v1, v2, #8 */
    crypto_t_v(1)->d[0] = 0x00ff00ff00ff00ffull, crypto_t_v(1)->d[1] = 0x0123456789abcdefull;
    crypto_t_v(2)->d[0] = 0x0f0f0f0f0f0f0f0full, crypto_t_v(2)->d[1] = 0x8000000000000001ull;
    crypto_t_v(3)->d[0] = 0x3333333333333333ull, crypto_t_v(3)->d[1] = 0xffffffff00000000ull;
    crypto_t_run(0xce000000 | 2 << 16 | 3 << 10 | 1 << 5 | 0);
    ck_assert(crypto_t_v(0)->d[0] == 0x3cc33cc33cc33cc3ull && crypto_t_v(0)->d[1] == 0x7edcba9889abcdeeull);
    crypto_t_run(0xce200000 | 2 << 16 | 3 << 10 | 1 << 5 | 4);
    ck_assert(crypto_t_v(4)->d[0] == 0x0cf30cf30cf30cf3ull && crypto_t_v(4)->d[1] == 0x0123456789abcdeeull);
    crypto_t_run(crypto_t_enc(0xce608c00, 5, 1, 2));
    ck_assert(crypto_t_v(5)->d[0] == 0x1ee11ee11ee11ee1ull && crypto_t_v(5)->d[1] == 0x0123456789abcdecull);
    crypto_t_run(0xce800000 | 2 << 16 | 8 << 10 | 1 << 5 | 6);
    ck_assert(crypto_t_v(6)->d[0] == 0xf00ff00ff00ff00full && crypto_t_v(6)->d[1] == 0xee8123456789abcdull);
}

/* Every KAT on the portable path, then (if the host has them) the host path. */
START_TEST(test_crypto_kat)
{
    struct crypto_host_caps saved = crypto_host_caps;
    for (unsigned pass = 0; pass < 2; pass++) {
        if (pass == 0)
            memset(&crypto_host_caps, 0, sizeof crypto_host_caps);
        else
            crypto_host_caps = saved;
        memset(&crypto_t_cpu, 0, sizeof crypto_t_cpu);
        crypto_t_aes_kat();
        crypto_t_sha1_kat();
        crypto_t_sha256_kat();
        crypto_t_sha512_kat();
        crypto_t_pmull_sha3_kat();
    }
    crypto_host_caps = saved;
}
END_TEST

/* The portable PMULL against a plain bit loop, and the SHA1/SHA256 helpers
 * without a host equivalent against their scalar definitions. */
START_TEST(test_crypto_portable)
{
    for (unsigned k = 0; k < 2000; k++) {
        uint64_t a = crypto_t_rand(), b = crypto_t_rand();
        crypto_t_eq(crypto_sw_pmull64(a, b), crypto_t_clmul_ref(a, b), "pmull", k);
        vreg n = crypto_t_rvec(), m = crypto_t_rvec();
        vreg x = crypto_sw_xar(n, m, k % 64), want;
        for (unsigned e = 0; e < 2; e++) {
            uint64_t v = n.d[e] ^ m.d[e];
            want.d[e] = k % 64 ? v >> (k % 64) | v << (64 - k % 64) : v;
        }
        crypto_t_eq(x, want, "xar", k);
    }
    /* AESMC then AESIMC, and AESE then AESD with the same key, are identities */
    for (unsigned k = 0; k < 2000; k++) {
        vreg s = crypto_t_rvec(), key = crypto_t_rvec();
        crypto_t_eq(crypto_sw_aesimc(crypto_sw_aesmc(s)), s, "aesimc(aesmc)", k);
        vreg e = crypto_sw_aese(s, key), zero;
        zero.q = 0;
        vreg d = crypto_sw_aesd(e, zero);
        d.q ^= key.q;
        /* aesd undoes the substitution and rows, not the key: s ^ key ^ key */
        crypto_t_eq(d, s, "aesd(aese)", k);
    }
}
END_TEST

/* the host paths as values (they write through a pointer) */
static vreg h_aese(vreg d, vreg n)
{
    vreg r;
    crypto_host_aese(&r, &d, &n);
    return r;
}
static vreg h_aesd(vreg d, vreg n)
{
    vreg r;
    crypto_host_aesd(&r, &d, &n);
    return r;
}
static vreg h_aesmc(vreg n)
{
    vreg r;
    crypto_host_aesmc(&r, &n);
    return r;
}
static vreg h_aesimc(vreg n)
{
    vreg r;
    crypto_host_aesimc(&r, &n);
    return r;
}
static vreg h_pmull64(uint64_t n, uint64_t m)
{
    vreg r;
    crypto_host_pmull64(&r, n, m);
    return r;
}
static vreg h_sha1_rounds(vreg x, uint32_t y, vreg w, enum crypto_sha1_fn fn)
{
    vreg r;
    crypto_host_sha1_rounds(&r, &x, y, &w, fn);
    return r;
}
static vreg h_sha1su1(vreg d, vreg n)
{
    vreg r;
    crypto_host_sha1su1(&r, &d, &n);
    return r;
}
static vreg h_sha256_hash(vreg x, vreg y, vreg w, bool part1)
{
    vreg r;
    crypto_host_sha256_hash(&r, &x, &y, &w, part1);
    return r;
}
static vreg h_sha256su0(vreg d, vreg n)
{
    vreg r;
    crypto_host_sha256su0(&r, &d, &n);
    return r;
}
static vreg h_sha256su1(vreg d, vreg n, vreg m)
{
    vreg r;
    crypto_host_sha256su1(&r, &d, &n, &m);
    return r;
}

/* Host path == portable path on random inputs (skipped groups the host lacks);
 * SHA256H then SHA256H2 of the same operands takes the remembered halves,
 * and a result written over its own operand (r == x) reads it first */
START_TEST(test_crypto_host_equal)
{
    const struct crypto_host_caps *h = &crypto_host_caps;
    for (unsigned k = 0; k < 20000; k++) {
        vreg a = crypto_t_rvec(), b = crypto_t_rvec(), c = crypto_t_rvec();
        if (h->aes) {
            crypto_t_eq(h_aese(a, b), crypto_sw_aese(a, b), "aese", k);
            crypto_t_eq(h_aesd(a, b), crypto_sw_aesd(a, b), "aesd", k);
            crypto_t_eq(h_aesmc(a), crypto_sw_aesmc(a), "aesmc", k);
            crypto_t_eq(h_aesimc(a), crypto_sw_aesimc(a), "aesimc", k);
        }
        if (h->pclmul)
            crypto_t_eq(h_pmull64(a.d[0], b.d[1]), crypto_sw_pmull64(a.d[0], b.d[1]), "pmull", k);
        if (h->sha) {
            for (unsigned fn = 0; fn < 3; fn++)
                crypto_t_eq(h_sha1_rounds(a, b.s[k % 4], c, fn), crypto_sw_sha1_rounds(a, b.s[k % 4], c, fn),
                            "sha1 rounds", k);
            crypto_t_eq(h_sha1su1(a, b), crypto_sw_sha1su1(a, b), "sha1su1", k);
            crypto_t_eq(h_sha256_hash(a, b, c, true), crypto_sw_sha256_hash(a, b, c, true), "sha256h", k);
            crypto_t_eq(h_sha256_hash(a, b, c, false), crypto_sw_sha256_hash(a, b, c, false), "sha256h2",
                        k);
            crypto_t_eq(h_sha256su0(a, b), crypto_sw_sha256su0(a, b), "sha256su0", k);
            vreg t = a;
            crypto_host_sha256_hash(&t, &t, &b, &c, k & 1);
            crypto_t_eq(t, crypto_sw_sha256_hash(a, b, c, k & 1), "sha256h in place", k);
            crypto_t_eq(h_sha256su1(a, b, c), crypto_sw_sha256su1(a, b, c), "sha256su1", k);
        }
    }
}
END_TEST

Suite *suite_crypto(void)
{
    Suite *s = suite_create("crypto");
    TCase *t = tcase_create("crypto");
    tcase_add_test(t, test_crypto_decode);
    tcase_add_test(t, test_crypto_kat);
    tcase_add_test(t, test_crypto_portable);
    tcase_add_test(t, test_crypto_host_equal);
    suite_add_tcase(s, t);
    return s;
}

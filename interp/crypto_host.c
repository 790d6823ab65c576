/* Host paths of the crypto ops on x86-64: AES-NI, PCLMULQDQ and SHA-NI
 * instructions that give exactly the Arm result (each equivalence is stated
 * at its function and checked against crypto_sw_* by tests/unit/
 * test_crypto.c). crypto_host_caps is filled once, before main, from cpuid;
 * the functions are only called when their group's flag is set. */
#include "interp/crypto_host.h"

#include <string.h>

struct crypto_host_caps crypto_host_caps;

#if defined(__x86_64__)
#include <cpuid.h>
#include <immintrin.h>

#define CRYPTO_HOST_TARGET __attribute__((target("aes,pclmul,sha,ssse3,sse4.1")))

__attribute__((constructor)) static void crypto_host_init(void)
{
    unsigned a, b, c, d;
    if (!__get_cpuid(1, &a, &b, &c, &d))
        return;
    bool ssse3 = c & bit_SSSE3, sse41 = c & bit_SSE4_1;
    crypto_host_caps.aes = (c & bit_AES) != 0;
    crypto_host_caps.pclmul = (c & bit_PCLMUL) != 0;
    if (__get_cpuid_count(7, 0, &a, &b, &c, &d))
        crypto_host_caps.sha = (b & bit_SHA) && ssse3 && sse41;
#ifdef PVM_CRYPTO_NO_HOST
    /* build knob to exercise the portable path under the whole test suite */
    memset(&crypto_host_caps, 0, sizeof crypto_host_caps);
#endif
}

CRYPTO_HOST_TARGET static inline __m128i crypto_host_ld(const vreg *v) { return _mm_loadu_si128((const __m128i *)v); }
CRYPTO_HOST_TARGET static inline void crypto_host_st(vreg *r, __m128i x) { _mm_storeu_si128((__m128i *)r, x); }

/* AESE = SubBytes(ShiftRows(d ^ n)) = AESENCLAST(d ^ n, 0) */
CRYPTO_HOST_TARGET void crypto_host_aese(vreg *r, const vreg *d, const vreg *n)
{
    __m128i s = _mm_xor_si128(crypto_host_ld(d), crypto_host_ld(n));
    crypto_host_st(r, _mm_aesenclast_si128(s, _mm_setzero_si128()));
}
/* AESD = InvSubBytes(InvShiftRows(d ^ n)) = AESDECLAST(d ^ n, 0) */
CRYPTO_HOST_TARGET void crypto_host_aesd(vreg *r, const vreg *d, const vreg *n)
{
    __m128i s = _mm_xor_si128(crypto_host_ld(d), crypto_host_ld(n));
    crypto_host_st(r, _mm_aesdeclast_si128(s, _mm_setzero_si128()));
}
/* AESMC = MixColumns: AESENC(x, 0) = MixColumns(SubBytes(ShiftRows(x))), so
 * first undo those two with AESDECLAST(., 0) (byte substitution and the row
 * permutation commute, so the inverses cancel in either order). */
CRYPTO_HOST_TARGET void crypto_host_aesmc(vreg *r, const vreg *n)
{
    __m128i z = _mm_setzero_si128();
    crypto_host_st(r, _mm_aesenc_si128(_mm_aesdeclast_si128(crypto_host_ld(n), z), z));
}
/* AESIMC = InvMixColumns, which is exactly what x86 AESIMC computes */
CRYPTO_HOST_TARGET void crypto_host_aesimc(vreg *r, const vreg *n)
{
    crypto_host_st(r, _mm_aesimc_si128(crypto_host_ld(n)));
}
CRYPTO_HOST_TARGET void crypto_host_pmull64(vreg *r, uint64_t n, uint64_t m)
{
    __m128i a = _mm_cvtsi64_si128((long long)n), b = _mm_cvtsi64_si128((long long)m);
    crypto_host_st(r, _mm_clmulepi64_si128(a, b, 0x00));
}

/* SHA1C/P/M: SHA1RNDS4 holds a in the top lane (Arm: lane 0), so both the
 * state and the W vector are lane-reversed; it adds e to W0 through the
 * message operand and adds its own round constant K, which the Arm operand
 * already contains, so K is subtracted first (mod 2^32, exact). */
CRYPTO_HOST_TARGET void crypto_host_sha1_rounds(vreg *r, const vreg *x, uint32_t y, const vreg *w, enum crypto_sha1_fn fn)
{
    __m128i abcd = _mm_shuffle_epi32(crypto_host_ld(x), 0x1b);
    __m128i msg = _mm_shuffle_epi32(crypto_host_ld(w), 0x1b);
    msg = _mm_add_epi32(msg, _mm_set_epi32((int)y, 0, 0, 0));
    switch (fn) {
    case CRYPTO_SHA1_CHOOSE:
        msg = _mm_sub_epi32(msg, _mm_set1_epi32(0x5a827999));
        abcd = _mm_sha1rnds4_epu32(abcd, msg, 0);
        break;
    case CRYPTO_SHA1_PARITY:
        msg = _mm_sub_epi32(msg, _mm_set1_epi32(0x6ed9eba1));
        abcd = _mm_sha1rnds4_epu32(abcd, msg, 1);
        break;
    default:
        msg = _mm_sub_epi32(msg, _mm_set1_epi32((int)0x8f1bbcdcu));
        abcd = _mm_sha1rnds4_epu32(abcd, msg, 2);
        break;
    }
    crypto_host_st(r, _mm_shuffle_epi32(abcd, 0x1b));
}
/* SHA1SU1 is SHA1MSG2 in reversed lane order (W16 = rol1(d0 ^ W13), ...,
 * W19 = rol1(d3 ^ W16)) */
CRYPTO_HOST_TARGET void crypto_host_sha1su1(vreg *r, const vreg *d, const vreg *n)
{
    __m128i a = _mm_shuffle_epi32(crypto_host_ld(d), 0x1b), b = _mm_shuffle_epi32(crypto_host_ld(n), 0x1b);
    crypto_host_st(r, _mm_shuffle_epi32(_mm_sha1msg2_epu32(a, b), 0x1b));
}
/* SHA256H/H2: four rounds as two SHA256RNDS2, whose state is (A,B,E,F) and
 * (C,D,G,H) with A/C in the top lane; x = (a,b,c,d), y = (e,f,g,h) from lane
 * 0 up. The Arm operand w already holds W+K, as RNDS2 expects. */
/* SHA256H and SHA256H2 of one step hash the same (x, y, w) (H2 names the
 * registers the other way round) and keep different halves of the four
 * rounds: each thread remembers its last operands and both halves, so the
 * H2 after its H costs a compare instead of the rounds again */
static __thread struct {
    __m128i x, y, w, part1, part2;
    bool valid;
} crypto_host_sha256_last;

CRYPTO_HOST_TARGET void crypto_host_sha256_hash(vreg *r, const vreg *x, const vreg *y, const vreg *w, bool part1)
{
    __m128i vx = crypto_host_ld(x), vy = crypto_host_ld(y), wk = crypto_host_ld(w);
    __typeof__(crypto_host_sha256_last) *last = &crypto_host_sha256_last;
    __m128i same = _mm_and_si128(_mm_and_si128(_mm_cmpeq_epi32(vx, last->x), _mm_cmpeq_epi32(vy, last->y)),
                                 _mm_cmpeq_epi32(wk, last->w));
    if (last->valid && _mm_movemask_epi8(same) == 0xffff) {
        crypto_host_st(r, part1 ? last->part1 : last->part2);
        return;
    }
    __m128i abef = _mm_shuffle_epi32(_mm_unpacklo_epi64(vy, vx), 0xb1); /* f e b a */
    __m128i cdgh = _mm_shuffle_epi32(_mm_unpackhi_epi64(vy, vx), 0xb1); /* h g d c */
    __m128i abef1 = _mm_sha256rnds2_epu32(cdgh, abef, wk);
    __m128i abef2 = _mm_sha256rnds2_epu32(abef, abef1, _mm_unpackhi_epi64(wk, wk));
    /* after two more rounds the old (A,B,E,F) is the new (C,D,G,H) */
    last->x = vx;
    last->y = vy;
    last->w = wk;
    last->part1 = _mm_shuffle_epi32(_mm_unpackhi_epi64(abef2, abef1), 0xb1); /* b a d c */
    last->part2 = _mm_shuffle_epi32(_mm_unpacklo_epi64(abef2, abef1), 0xb1); /* f e h g */
    last->valid = true;
    crypto_host_st(r, part1 ? last->part1 : last->part2);
}
/* SHA256SU0 is SHA256MSG1: lane e = W[e] + sigma0(W[e+1]) */
CRYPTO_HOST_TARGET void crypto_host_sha256su0(vreg *r, const vreg *d, const vreg *n)
{
    crypto_host_st(r, _mm_sha256msg1_epu32(crypto_host_ld(d), crypto_host_ld(n)));
}
/* SHA256SU1: SHA256MSG2 adds sigma1 of W14/W15 and of its own first two
 * results; the W[t-7] terms (n lanes 1..3, m lane 0) are added beforehand */
CRYPTO_HOST_TARGET void crypto_host_sha256su1(vreg *r, const vreg *d, const vreg *n, const vreg *m)
{
    __m128i vm = crypto_host_ld(m);
    __m128i t0 = _mm_alignr_epi8(vm, crypto_host_ld(n), 4);
    crypto_host_st(r, _mm_sha256msg2_epu32(_mm_add_epi32(crypto_host_ld(d), t0), vm));
}

#else /* no host acceleration: the flags stay false and these are never called */
#include "interp/crypto.h"

void crypto_host_aese(vreg *r, const vreg *d, const vreg *n) { *r = crypto_sw_aese(*d, *n); }
void crypto_host_aesd(vreg *r, const vreg *d, const vreg *n) { *r = crypto_sw_aesd(*d, *n); }
void crypto_host_aesmc(vreg *r, const vreg *n) { *r = crypto_sw_aesmc(*n); }
void crypto_host_aesimc(vreg *r, const vreg *n) { *r = crypto_sw_aesimc(*n); }
void crypto_host_pmull64(vreg *r, uint64_t n, uint64_t m) { *r = crypto_sw_pmull64(n, m); }
void crypto_host_sha1_rounds(vreg *r, const vreg *x, uint32_t y, const vreg *w, enum crypto_sha1_fn fn)
{
    *r = crypto_sw_sha1_rounds(*x, y, *w, fn);
}
void crypto_host_sha1su1(vreg *r, const vreg *d, const vreg *n) { *r = crypto_sw_sha1su1(*d, *n); }
void crypto_host_sha256_hash(vreg *r, const vreg *x, const vreg *y, const vreg *w, bool part1)
{
    *r = crypto_sw_sha256_hash(*x, *y, *w, part1);
}
void crypto_host_sha256su0(vreg *r, const vreg *d, const vreg *n) { *r = crypto_sw_sha256su0(*d, *n); }
void crypto_host_sha256su1(vreg *r, const vreg *d, const vreg *n, const vreg *m)
{
    *r = crypto_sw_sha256su1(*d, *n, *m);
}
#endif

/* Integer edge cases: division (incl. the A64 rules for /0 and INT_MIN/-1,
 * reached through inline asm because C leaves them undefined), shifts by
 * register (A64 masks the amount), overflow builtins, 128-bit multiply and
 * divide, bit operations and the popcount/clz/ctz builtins. Output is a pure
 * function of the inputs: explicit lines for edge values, one checksum line
 * per randomised sweep (a fixed LCG, so both runs see the same numbers). */
#include <inttypes.h>
#include <stdint.h>
#include <stdio.h>

static const uint64_t edge64[] = {
    0, 1, 2, 3, 7, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff,
    0x7fffffff, 0x80000000, 0xffffffff, 0x100000000ull,
    0x7fffffffffffffffull, 0x8000000000000000ull, 0xffffffffffffffffull,
    0xfffffffffffffffeull, 0x123456789abcdef0ull, 0x5555555555555555ull,
    0xaaaaaaaaaaaaaaaaull, 0x0000000100000001ull, 0x8000000000000001ull,
};
#define NEDGE (sizeof edge64 / sizeof edge64[0])

static uint64_t lcg_state = 0x2545f4914f6cdd1dull;
static uint64_t rnd(void)
{
    lcg_state = lcg_state * 6364136223846793005ull + 1442695040888963407ull;
    uint64_t x = lcg_state;
    x ^= x >> 29;
    /* mix in edge values now and then: most bugs live at the edges */
    if ((x & 7) == 0)
        return edge64[(x >> 8) % NEDGE] ^ ((x >> 40) & 1);
    return x;
}

static uint64_t hash = 1469598103934665603ull;
static void mix(uint64_t v)
{
    for (int i = 0; i < 8; i++) {
        hash ^= (v >> (8 * i)) & 0xff;
        hash *= 1099511628211ull;
    }
}
static void hash_print(const char *what)
{
    printf("%-22s %016" PRIx64 "\n", what, hash);
    hash = 1469598103934665603ull;
}

static int64_t a64_sdiv(int64_t a, int64_t b)
{
    int64_t r;
    __asm__("sdiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint64_t a64_udiv(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("udiv %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static int32_t a64_sdiv32(int32_t a, int32_t b)
{
    int32_t r;
    __asm__("sdiv %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint32_t a64_udiv32(uint32_t a, uint32_t b)
{
    uint32_t r;
    __asm__("udiv %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint64_t a64_lslv(uint64_t a, uint64_t s)
{
    uint64_t r;
    __asm__("lsl %0, %1, %2" : "=r"(r) : "r"(a), "r"(s));
    return r;
}
static uint64_t a64_lsrv(uint64_t a, uint64_t s)
{
    uint64_t r;
    __asm__("lsr %0, %1, %2" : "=r"(r) : "r"(a), "r"(s));
    return r;
}
static uint64_t a64_asrv(uint64_t a, uint64_t s)
{
    uint64_t r;
    __asm__("asr %0, %1, %2" : "=r"(r) : "r"(a), "r"(s));
    return r;
}
static uint64_t a64_rorv(uint64_t a, uint64_t s)
{
    uint64_t r;
    __asm__("ror %0, %1, %2" : "=r"(r) : "r"(a), "r"(s));
    return r;
}
static uint32_t a64_lslv32(uint32_t a, uint32_t s)
{
    uint32_t r;
    __asm__("lsl %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(s));
    return r;
}
static uint32_t a64_asrv32(uint32_t a, uint32_t s)
{
    uint32_t r;
    __asm__("asr %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(s));
    return r;
}
static uint32_t a64_rorv32(uint32_t a, uint32_t s)
{
    uint32_t r;
    __asm__("ror %w0, %w1, %w2" : "=r"(r) : "r"(a), "r"(s));
    return r;
}
static uint64_t a64_rbit(uint64_t a)
{
    uint64_t r;
    __asm__("rbit %0, %1" : "=r"(r) : "r"(a));
    return r;
}
static uint64_t a64_cls(uint64_t a)
{
    uint64_t r;
    __asm__("cls %0, %1" : "=r"(r) : "r"(a));
    return r;
}
static uint64_t a64_clz(uint64_t a)
{
    uint64_t r;
    __asm__("clz %0, %1" : "=r"(r) : "r"(a));
    return r;
}
static uint64_t a64_rev16(uint64_t a)
{
    uint64_t r;
    __asm__("rev16 %0, %1" : "=r"(r) : "r"(a));
    return r;
}
static uint64_t a64_rev32(uint64_t a)
{
    uint64_t r;
    __asm__("rev32 %0, %1" : "=r"(r) : "r"(a));
    return r;
}
static uint64_t a64_umulh(uint64_t a, uint64_t b)
{
    uint64_t r;
    __asm__("umulh %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static int64_t a64_smulh(int64_t a, int64_t b)
{
    int64_t r;
    __asm__("smulh %0, %1, %2" : "=r"(r) : "r"(a), "r"(b));
    return r;
}
static uint64_t a64_smaddl(uint64_t acc, uint32_t a, uint32_t b)
{
    uint64_t r;
    __asm__("smaddl %0, %w1, %w2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
    return r;
}
static uint64_t a64_umsubl(uint64_t acc, uint32_t a, uint32_t b)
{
    uint64_t r;
    __asm__("umsubl %0, %w1, %w2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(acc));
    return r;
}

static void division_edges(void)
{
    puts("-- division (A64 semantics)");
    printf("sdiv INT64_MIN/-1 = %" PRIx64 "\n", (uint64_t)a64_sdiv(INT64_MIN, -1));
    printf("sdiv 5/0 = %" PRId64 ", udiv 5/0 = %" PRIu64 "\n", a64_sdiv(5, 0), a64_udiv(5, 0));
    printf("sdiv32 INT32_MIN/-1 = %" PRIx32 "\n", (uint32_t)a64_sdiv32(INT32_MIN, -1));
    printf("sdiv32 -7/0 = %d, udiv32 7/0 = %u\n", a64_sdiv32(-7, 0), a64_udiv32(7, 0));
    static const int64_t n[] = {7, -7, 0, 1, -1, INT64_MAX, INT64_MIN, 100, -100};
    static const int64_t d[] = {2, -2, 3, -3, 1, -1, 7, INT64_MAX, INT64_MIN};
    for (unsigned i = 0; i < sizeof n / sizeof n[0]; i++) {
        for (unsigned j = 0; j < sizeof d / sizeof d[0]; j++) {
            volatile int64_t a = n[i], b = d[j];
            if (a == INT64_MIN && b == -1)
                continue;
            printf("%" PRId64 " / %" PRId64 " = %" PRId64 " rem %" PRId64 "\n",
                   a, b, a / b, a % b);
        }
    }
    volatile uint32_t u = 0xffffffffu, v = 7;
    printf("u32 %u / %u = %u rem %u\n", u, v, u / v, u % v);
    volatile int32_t s = -2147483647 - 1, t = 3;
    printf("s32 %d / %d = %d rem %d\n", s, t, s / t, s % t);

    for (int k = 0; k < 20000; k++) {
        uint64_t a = rnd(), b = rnd() >> (rnd() & 63);
        mix(a64_udiv(a, b));
        mix((uint64_t)a64_sdiv((int64_t)a, (int64_t)b));
        mix(a64_udiv32((uint32_t)a, (uint32_t)b));
        mix((uint64_t)(uint32_t)a64_sdiv32((int32_t)a, (int32_t)b));
        if (b) {
            mix(a % b);
            mix(a / b);
        }
        if ((int64_t)b != 0 && !((int64_t)a == INT64_MIN && (int64_t)b == -1))
            mix((uint64_t)((int64_t)a % (int64_t)b));
    }
    hash_print("division sweep");
}

static void shift_edges(void)
{
    puts("-- shifts by register (amount taken mod width)");
    static const uint64_t amt[] = {0, 1, 31, 32, 33, 63, 64, 65, 127, 128, 255, 0xffffffffffffffc1ull};
    for (unsigned i = 0; i < sizeof amt / sizeof amt[0]; i++) {
        uint64_t x = 0x8123456789abcdefull, s = amt[i];
        printf("s=%-3" PRIu64 " lsl %016" PRIx64 " lsr %016" PRIx64 " asr %016" PRIx64
               " ror %016" PRIx64 " | w: lsl %08x asr %08x ror %08x\n",
               s & 0xff, a64_lslv(x, s), a64_lsrv(x, s), a64_asrv(x, s), a64_rorv(x, s),
               a64_lslv32(0x89abcdefu, (uint32_t)s), a64_asrv32(0x89abcdefu, (uint32_t)s),
               a64_rorv32(0x89abcdefu, (uint32_t)s));
    }
    for (int k = 0; k < 20000; k++) {
        uint64_t a = rnd(), s = rnd();
        volatile unsigned sh = (unsigned)(s & 63);
        mix(a << sh);
        mix(a >> sh);
        mix((uint64_t)((int64_t)a >> sh));
        mix((uint32_t)a << (sh & 31));
        mix((uint64_t)((int32_t)a >> (sh & 31)));
        mix(a64_rorv(a, s));
        mix((a << sh) | (a >> ((64 - sh) & 63)));
    }
    hash_print("shift sweep");
}

static void overflow_edges(void)
{
    puts("-- overflow builtins and wrapping");
    for (unsigned i = 0; i < NEDGE; i++) {
        for (unsigned j = 0; j < NEDGE; j += 3) {
            uint64_t a = edge64[i], b = edge64[j];
            int64_t sr;
            uint64_t ur;
            int32_t s32;
            uint32_t u32;
            int f = 0;
            f |= __builtin_add_overflow((int64_t)a, (int64_t)b, &sr) << 0;
            f |= __builtin_sub_overflow((int64_t)a, (int64_t)b, &sr) << 1;
            f |= __builtin_mul_overflow((int64_t)a, (int64_t)b, &sr) << 2;
            f |= __builtin_add_overflow(a, b, &ur) << 3;
            f |= __builtin_sub_overflow(a, b, &ur) << 4;
            f |= __builtin_mul_overflow(a, b, &ur) << 5;
            f |= __builtin_add_overflow((int32_t)a, (int32_t)b, &s32) << 6;
            f |= __builtin_mul_overflow((int32_t)a, (int32_t)b, &s32) << 7;
            f |= __builtin_mul_overflow((uint32_t)a, (uint32_t)b, &u32) << 8;
            f |= __builtin_sub_overflow((uint32_t)a, (uint32_t)b, &u32) << 9;
            mix((uint64_t)f);
            mix(a * b);
            mix(a + b);
            mix(a - b);
            if (i % 4 == 0 && j % 6 == 0)
                printf("%016" PRIx64 " %016" PRIx64 " ovf=%03x mul=%016" PRIx64 "\n",
                       a, b, f, a * b);
        }
    }
    hash_print("overflow table");
}

static void mul128(void)
{
    puts("-- 128-bit multiply and divide");
    for (unsigned i = 0; i < NEDGE; i += 2) {
        uint64_t a = edge64[i], b = edge64[(i * 7 + 3) % NEDGE];
        unsigned __int128 p = (unsigned __int128)a * b;
        __int128 sp = (__int128)(int64_t)a * (int64_t)b;
        printf("%016" PRIx64 " * %016" PRIx64 " = %016" PRIx64 "%016" PRIx64
               " s=%016" PRIx64 "%016" PRIx64 " umulh=%016" PRIx64 " smulh=%016" PRIx64 "\n",
               a, b, (uint64_t)(p >> 64), (uint64_t)p, (uint64_t)((unsigned __int128)sp >> 64),
               (uint64_t)sp, a64_umulh(a, b), (uint64_t)a64_smulh((int64_t)a, (int64_t)b));
    }
    for (int k = 0; k < 5000; k++) {
        uint64_t a = rnd(), b = rnd(), c = rnd(), d = rnd() >> (rnd() & 63);
        unsigned __int128 x = ((unsigned __int128)a << 64) | b;
        unsigned __int128 y = ((unsigned __int128)c << 64 | d) >> (rnd() & 127);
        mix(a64_umulh(a, b));
        mix((uint64_t)a64_smulh((int64_t)a, (int64_t)c));
        mix(a64_smaddl(a, (uint32_t)b, (uint32_t)c));
        mix(a64_umsubl(a, (uint32_t)b, (uint32_t)c));
        if (y) {
            unsigned __int128 q = x / y, r = x % y;
            mix((uint64_t)q);
            mix((uint64_t)(q >> 64));
            mix((uint64_t)r);
            __int128 sq = (__int128)x / ((__int128)y | 1);
            mix((uint64_t)sq);
        }
    }
    hash_print("mul128 sweep");
}

static void bitops(void)
{
    puts("-- bit operations");
    for (unsigned i = 0; i < NEDGE; i++) {
        uint64_t x = edge64[i];
        printf("%016" PRIx64 " pop=%2d clz=%2" PRIu64 " cls=%2" PRIu64 " ctz=%2d ffs=%2d par=%d"
               " rbit=%016" PRIx64 " bswap=%016" PRIx64 " rev16=%016" PRIx64 " rev32=%016" PRIx64
               " clrsb32=%2d pop32=%2d\n",
               x, __builtin_popcountll(x), a64_clz(x), a64_cls(x),
               x ? __builtin_ctzll(x) : 64, __builtin_ffsll((long long)x),
               __builtin_parityll(x), a64_rbit(x), __builtin_bswap64(x), a64_rev16(x),
               a64_rev32(x), __builtin_clrsb((int)x), __builtin_popcount((unsigned)x));
    }
    for (int k = 0; k < 20000; k++) {
        uint64_t a = rnd(), b = rnd();
        mix((uint64_t)__builtin_popcountll(a));
        mix(a ? (uint64_t)__builtin_clzll(a) : 99);
        mix(a ? (uint64_t)__builtin_ctzll(a) : 99);
        mix((uint32_t)a ? (uint64_t)__builtin_clz((uint32_t)a) : 99);
        mix(__builtin_bswap32((uint32_t)a));
        mix(__builtin_bswap16((uint16_t)a));
        mix(a & ~b);
        mix(a | ~b);
        mix(a ^ ~b);
        mix((a >> 13) & 0x7ff);                     /* ubfx */
        mix((uint64_t)(((int64_t)a << 7) >> 50));  /* sbfx */
        mix((a & ~(0xffull << 20)) | ((b & 0xff) << 20)); /* bfi */
        mix((uint64_t)(int8_t)a + (uint64_t)(int16_t)b + (uint64_t)(int32_t)(a >> 7));
        mix(a64_rbit(a));
        mix(a64_cls(b));
    }
    hash_print("bitops sweep");
}

int main(void)
{
    division_edges();
    shift_edges();
    overflow_edges();
    mul128();
    bitops();
    return 0;
}

/* Plain C loops that GCC auto-vectorises at -O3 (module.mk builds this file
 * with -O3 in every mode, and autovec_fm.c includes it under -ffast-math):
 * saxpy/daxpy, integer and FP dot products and reductions, min/max,
 * conditional selects, widening multiply-accumulate on int8/int16, byte
 * transforms, interleaved structs of 2/3/4 fields (LD2/LD3/LD4), strided
 * access, shifts, abs, clamps and FP<->int conversions. Every kernel runs
 * over several lengths and misalignments (vector bodies and scalar
 * epilogues); results print as integers or as hashes of the exact bits. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>

#include "vecsum.h"

#define N 1040
#define NOINLINE __attribute__((noinline))

static float fa[N], fb[N], fc[N];
static double da[N], db[N], dc[N];
static int32_t ia[N], ib[N];
static uint32_t ua[N];
static int16_t sa[N], sb[N];
static uint16_t wa[N];
static int8_t ba[N], bb[N];
static uint8_t ca[N], cb[N], cc[N];
static int64_t la[N], lb[N];

struct cpx {
    float re, im;
};
struct rgb {
    uint8_t r, g, b;
};
struct rgba {
    uint8_t r, g, b, a;
};
struct xyzw {
    int32_t x, y, z, w;
};
struct pt3 {
    double x, y, z;
};
static struct cpx za[N], zb[N];
static struct rgb px3[N];
static struct rgba px4[N];
static struct xyzw q4[N];
static struct pt3 p3[N];

/* finite floats (the -ffast-math build assumes no NaN/Inf): mostly
 * moderate magnitudes, some zeros, halves and tiny values */
static float rnd_float(void)
{
    uint64_t r = vs_rnd();
    switch (r % 8) {
    case 0:
        return (float)((int)((r >> 8) % 64) - 32) * 0.5f;
    case 1:
        return (r >> 8) & 1 ? 0.0f : -0.0f;
    case 2: {
        uint32_t u = (uint32_t)(r >> 20) & 0x807fffff; /* denormal */
        float f;
        memcpy(&f, &u, 4);
        return f;
    }
    default: {
        uint32_t u = (uint32_t)(r >> 63 << 31) | (uint32_t)(127 - 20 + (r >> 8) % 50) << 23 |
                     (uint32_t)((r >> 24) & 0x7fffff);
        float f;
        memcpy(&f, &u, 4);
        return f;
    }
    }
}

static double rnd_double(void)
{
    uint64_t r = vs_rnd();
    if (r % 8 == 0)
        return (double)((int)((r >> 8) % 64) - 32) * 0.25;
    uint64_t u = r >> 63 << 63 | (uint64_t)(1023 - 30 + (r >> 8) % 80) << 52 | (vs_rnd() >> 12);
    double d;
    memcpy(&d, &u, 8);
    return d;
}

static void fill(void)
{
    for (int i = 0; i < N; i++) {
        fa[i] = rnd_float();
        fb[i] = rnd_float();
        fc[i] = rnd_float();
        da[i] = rnd_double();
        db[i] = rnd_double();
        dc[i] = rnd_double();
        za[i].re = rnd_float();
        za[i].im = rnd_float();
        zb[i].re = rnd_float();
        zb[i].im = rnd_float();
        p3[i].x = rnd_double();
        p3[i].y = rnd_double();
        p3[i].z = rnd_double();
    }
    vs_fill(ia, sizeof ia);
    vs_fill(ib, sizeof ib);
    vs_fill(ua, sizeof ua);
    vs_fill(sa, sizeof sa);
    vs_fill(sb, sizeof sb);
    vs_fill(wa, sizeof wa);
    vs_fill(ba, sizeof ba);
    vs_fill(bb, sizeof bb);
    vs_fill(ca, sizeof ca);
    vs_fill(cb, sizeof cb);
    vs_fill(la, sizeof la);
    vs_fill(lb, sizeof lb);
    vs_fill(px3, sizeof px3);
    vs_fill(px4, sizeof px4);
    vs_fill(q4, sizeof q4);
    /* text-like bytes for the character transforms */
    for (int i = 0; i < N; i++)
        cc[i] = (uint8_t)(32 + vs_rnd() % 96);
}

/* ---- kernels ---- */

NOINLINE static void k_saxpy(int n, float a, const float *x, float *y)
{
    for (int i = 0; i < n; i++)
        y[i] = a * x[i] + y[i];
}

NOINLINE static void k_daxpy(int n, double a, const double *x, double *y)
{
    for (int i = 0; i < n; i++)
        y[i] = a * x[i] + y[i];
}

NOINLINE static void k_fma(int n, const float *a, const float *b, float *c)
{
    for (int i = 0; i < n; i++)
        c[i] = fmaf(a[i], b[i], c[i]);
}

NOINLINE static void k_fdiv_sqrt(int n, const double *a, const double *b, double *c)
{
    for (int i = 0; i < n; i++)
        c[i] = a[i] / b[i] + __builtin_sqrt(__builtin_fabs(a[i]));
}

NOINLINE static int32_t k_dot_i32(int n, const int32_t *a, const int32_t *b)
{
    uint32_t s = 0; /* wraps: unsigned so the C is defined */
    for (int i = 0; i < n; i++)
        s += (uint32_t)a[i] * (uint32_t)b[i];
    return (int32_t)s;
}

NOINLINE static int64_t k_dot_i16(int n, const int16_t *a, const int16_t *b)
{
    int64_t s = 0;
    for (int i = 0; i < n; i++)
        s += (int32_t)a[i] * b[i];
    return s;
}

NOINLINE static int32_t k_dot_i8(int n, const int8_t *a, const int8_t *b)
{
    int32_t s = 0;
    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

NOINLINE static uint32_t k_dot_u8(int n, const uint8_t *a, const uint8_t *b)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += (uint32_t)a[i] * b[i];
    return s;
}

NOINLINE static float k_dot_f32(int n, const float *a, const float *b)
{
    float s = 0;
    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

NOINLINE static double k_dot_f64(int n, const double *a, const double *b)
{
    double s = 0;
    for (int i = 0; i < n; i++)
        s += a[i] * b[i];
    return s;
}

NOINLINE static int64_t k_sum_i64(int n, const int64_t *a, const int64_t *b)
{
    uint64_t s = 0;
    for (int i = 0; i < n; i++)
        s += (uint64_t)a[i] - (uint64_t)(b[i] >> 3);
    return (int64_t)s;
}

NOINLINE static void k_minmax_i32(int n, const int32_t *a, int32_t *mn, int32_t *mx)
{
    int32_t lo = INT32_MAX, hi = INT32_MIN;
    for (int i = 0; i < n; i++) {
        lo = a[i] < lo ? a[i] : lo;
        hi = a[i] > hi ? a[i] : hi;
    }
    *mn = lo;
    *mx = hi;
}

NOINLINE static void k_minmax_u8(int n, const uint8_t *a, uint8_t *mn, uint8_t *mx)
{
    uint8_t lo = 255, hi = 0;
    for (int i = 0; i < n; i++) {
        lo = a[i] < lo ? a[i] : lo;
        hi = a[i] > hi ? a[i] : hi;
    }
    *mn = lo;
    *mx = hi;
}

NOINLINE static void k_minmax_s16(int n, const int16_t *a, int16_t *mn, int16_t *mx)
{
    int16_t lo = INT16_MAX, hi = INT16_MIN;
    for (int i = 0; i < n; i++) {
        lo = a[i] < lo ? a[i] : lo;
        hi = a[i] > hi ? a[i] : hi;
    }
    *mn = lo;
    *mx = hi;
}

NOINLINE static float k_max_f32(int n, const float *a)
{
    float m = -1e30f;
    for (int i = 0; i < n; i++)
        m = a[i] > m ? a[i] : m;
    return m;
}

NOINLINE static double k_min_f64(int n, const double *a)
{
    double m = 1e300;
    for (int i = 0; i < n; i++)
        m = __builtin_fmin(m, a[i]);
    return m;
}

NOINLINE static void k_fminmax(int n, const float *a, const float *b, float *c, float *d)
{
    for (int i = 0; i < n; i++) {
        c[i] = fminf(a[i], b[i]);
        d[i] = fmaxf(a[i], b[i]);
    }
}

NOINLINE static void k_select_i32(int n, const int32_t *a, const int32_t *b, int32_t *c)
{
    for (int i = 0; i < n; i++)
        c[i] = a[i] > b[i] ? a[i] : (int32_t)((uint32_t)b[i] * 2);
}

NOINLINE static void k_select_f32(int n, const float *a, const float *b, float *c)
{
    for (int i = 0; i < n; i++)
        c[i] = a[i] < b[i] ? a[i] * 2.0f : b[i] - a[i];
}

NOINLINE static void k_select_f64(int n, const double *a, double *c)
{
    for (int i = 0; i < n; i++)
        c[i] = a[i] < 0 ? -a[i] : a[i] * 0.5;
}

NOINLINE static int k_count_u16(int n, const uint16_t *a, uint16_t lim)
{
    int k = 0;
    for (int i = 0; i < n; i++)
        k += a[i] > lim;
    return k;
}

NOINLINE static void k_mla_s16(int n, const int16_t *a, const int16_t *b, int32_t *acc)
{
    for (int i = 0; i < n; i++)
        acc[i] += a[i] * b[i];
}

NOINLINE static void k_mla_u8(int n, const uint8_t *a, const uint8_t *b, uint16_t *acc)
{
    for (int i = 0; i < n; i++)
        acc[i] = (uint16_t)(acc[i] + a[i] * b[i]);
}

NOINLINE static void k_mulhi_s16(int n, const int16_t *a, const int16_t *b, int16_t *c)
{
    for (int i = 0; i < n; i++)
        c[i] = (int16_t)((a[i] * b[i]) >> 16);
}

NOINLINE static uint32_t k_sad_u8(int n, const uint8_t *a, const uint8_t *b)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += (uint32_t)abs(a[i] - b[i]);
    return s;
}

NOINLINE static void k_avg_u8(int n, const uint8_t *a, const uint8_t *b, uint8_t *c)
{
    for (int i = 0; i < n; i++)
        c[i] = (uint8_t)((a[i] + b[i] + 1) >> 1);
}

NOINLINE static void k_upper(int n, const uint8_t *a, uint8_t *c)
{
    for (int i = 0; i < n; i++)
        c[i] = (uint8_t)(a[i] >= 'a' && a[i] <= 'z' ? a[i] - 32 : a[i]);
}

NOINLINE static void k_rot13(int n, const uint8_t *a, uint8_t *c)
{
    for (int i = 0; i < n; i++) {
        uint8_t x = a[i], l = x | 32;
        c[i] = (uint8_t)(l >= 'a' && l <= 'z' ? ((l - 'a' + 13) % 26 + 'a') ^ (x & 32 ? 0 : 32) : x);
    }
}

NOINLINE static void k_xorkey(int n, const uint8_t *a, uint8_t *c, uint32_t key)
{
    for (int i = 0; i < n; i++)
        c[i] = a[i] ^ (uint8_t)(key >> (8 * (i & 3)));
}

NOINLINE static void k_popcnt(int n, const uint8_t *a, uint8_t *c)
{
    for (int i = 0; i < n; i++)
        c[i] = (uint8_t)__builtin_popcount(a[i]);
}

NOINLINE static void k_reverse(int n, const int32_t *a, int32_t *c)
{
    for (int i = 0; i < n; i++)
        c[i] = a[n - 1 - i];
}

NOINLINE static void k_shifts(int n, const int32_t *a, const uint32_t *u, const int32_t *b, int32_t *c, int sh)
{
    for (int i = 0; i < n; i++)
        c[i] = (a[i] >> 3) ^ (int32_t)(u[i] >> 5) ^ (int32_t)((uint32_t)a[i] << sh) ^
               (int32_t)(u[i] << (b[i] & 31)) ^ (int32_t)(u[i] >> (b[i] >> 27 & 31));
}

NOINLINE static void k_shifts16(int n, const int16_t *a, int16_t *c)
{
    for (int i = 0; i < n; i++)
        c[i] = (int16_t)((a[i] >> 7) + (int16_t)((uint16_t)a[i] << 3));
}

NOINLINE static void k_abs(int n, const int32_t *a, const int8_t *b, int32_t *c, int8_t *d)
{
    for (int i = 0; i < n; i++) {
        c[i] = a[i] == INT32_MIN ? 0 : abs(a[i]);
        d[i] = (int8_t)(b[i] < 0 ? -b[i] : b[i]);
    }
}

NOINLINE static void k_clamp_s16(int n, const int32_t *a, const int32_t *b, int16_t *c)
{
    for (int i = 0; i < n; i++) {
        int32_t v = (a[i] >> 12) + (b[i] >> 12);
        c[i] = (int16_t)(v > INT16_MAX ? INT16_MAX : v < INT16_MIN ? INT16_MIN : v);
    }
}

NOINLINE static void k_clamp_u8(int n, const int16_t *a, uint8_t *c)
{
    for (int i = 0; i < n; i++) {
        int v = a[i] >> 4;
        c[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
    }
}

NOINLINE static void k_addsat_u8(int n, const uint8_t *a, const uint8_t *b, uint8_t *c)
{
    for (int i = 0; i < n; i++) {
        unsigned v = a[i] + b[i];
        c[i] = (uint8_t)(v > 255 ? 255 : v);
    }
}

NOINLINE static void k_f2i(int n, const float *a, int32_t *c, uint32_t *d)
{
    for (int i = 0; i < n; i++) {
        float v = a[i] * 1024.0f;
        /* keep within range: out-of-range float->int is undefined in C */
        v = v > 2e9f ? 2e9f : v < -2e9f ? -2e9f : v;
        c[i] = (int32_t)v;
        d[i] = (uint32_t)(v < 0 ? -v : v);
    }
}

NOINLINE static void k_d2l(int n, const double *a, int64_t *c)
{
    for (int i = 0; i < n; i++) {
        double v = a[i];
        v = v > 9e18 ? 9e18 : v < -9e18 ? -9e18 : v;
        c[i] = (int64_t)v;
    }
}

NOINLINE static void k_i2f(int n, const int32_t *a, const int16_t *b, const uint32_t *u, float *c, double *d)
{
    for (int i = 0; i < n; i++) {
        c[i] = (float)a[i] + (float)b[i] * 0.5f + (float)u[i];
        d[i] = (double)a[i] * 0.25;
    }
}

NOINLINE static void k_f2d2f(int n, const float *a, const double *b, double *c, float *d)
{
    for (int i = 0; i < n; i++) {
        c[i] = (double)a[i] * 3.0;
        d[i] = (float)b[i];
    }
}

NOINLINE static void k_round(int n, const float *a, float *c)
{
    for (int i = 0; i < n; i++) {
        float v = a[i] * 8.0f;
        c[i] = __builtin_floorf(v) + 2 * __builtin_ceilf(v) + 4 * __builtin_truncf(v) + 8 * __builtin_roundf(v) +
               16 * __builtin_rintf(v);
    }
}

NOINLINE static void k_cmul(int n, const struct cpx *a, const struct cpx *b, struct cpx *c)
{
    for (int i = 0; i < n; i++) {
        c[i].re = a[i].re * b[i].re - a[i].im * b[i].im;
        c[i].im = a[i].re * b[i].im + a[i].im * b[i].re;
    }
}

NOINLINE static void k_gray(int n, const struct rgb *p, uint8_t *g)
{
    for (int i = 0; i < n; i++)
        g[i] = (uint8_t)((77 * p[i].r + 150 * p[i].g + 29 * p[i].b) >> 8);
}

NOINLINE static void k_bgr(int n, const struct rgb *p, struct rgb *q)
{
    for (int i = 0; i < n; i++) {
        q[i].r = p[i].b;
        q[i].g = (uint8_t)(p[i].g + 1);
        q[i].b = p[i].r;
    }
}

NOINLINE static void k_premul(int n, const struct rgba *p, struct rgba *q)
{
    for (int i = 0; i < n; i++) {
        q[i].r = (uint8_t)(p[i].r * p[i].a / 255);
        q[i].g = (uint8_t)(p[i].g * p[i].a / 255);
        q[i].b = (uint8_t)(p[i].b * p[i].a / 255);
        q[i].a = p[i].a;
    }
}

NOINLINE static void k_xyzw(int n, const struct xyzw *p, int32_t *s)
{
    for (int i = 0; i < n; i++)
        s[i] = p[i].x + 2 * p[i].y - p[i].z + (p[i].w >> 2);
}

NOINLINE static void k_norm3(int n, const struct pt3 *p, double *s)
{
    for (int i = 0; i < n; i++)
        s[i] = p[i].x * p[i].x + p[i].y * p[i].y + p[i].z * p[i].z;
}

NOINLINE static int32_t k_stride2(int n, const int32_t *a)
{
    uint32_t s = 0;
    for (int i = 0; i < n; i++)
        s += (uint32_t)a[2 * i] ^ ((uint32_t)a[2 * i + 1] >> 1);
    return (int32_t)s;
}

NOINLINE static void k_stride3(int n, const float *a, float *c)
{
    for (int i = 0; i < n; i++)
        c[i] = a[3 * i] + a[3 * i + 2];
}

NOINLINE static void k_widen_sum(int n, const uint8_t *a, const int16_t *b, uint32_t *c, int64_t *d)
{
    for (int i = 0; i < n; i++) {
        c[i] += a[i];
        d[i] += b[i];
    }
}

NOINLINE static void k_narrow(int n, const int32_t *a, int16_t *c, uint8_t *d)
{
    for (int i = 0; i < n; i++) {
        c[i] = (int16_t)(a[i] >> 8);
        d[i] = (uint8_t)a[i];
    }
}

/* ---- driver ---- */

static const int lens[] = { 1, 3, 7, 8, 15, 16, 17, 31, 33, 64, 100, 257, 1003 };
#define NLENS (int)(sizeof lens / sizeof lens[0])

static float of[N], of2[N];
static double od[N];
static int32_t oi[N];
static uint32_t ou[N];
static int16_t os[N];
static uint16_t ow[N];
static int8_t ob[N];
static uint8_t oc[N];
static int64_t ol[N];
static struct cpx oz[N];
static struct rgb o3[N];
static struct rgba o4[N];

/* run a kernel for every length at two misalignments; h collects the
 * outputs, the scalar result of the longest run is printed as well */
static uint64_t h;
static void mixb(const void *p, size_t n)
{
    h = vs_fnv(h, p, n);
}
static void outclr(void)
{
    memset(of, 0, sizeof of);
    memset(of2, 0, sizeof of2);
    memset(od, 0, sizeof od);
    memset(oi, 0, sizeof oi);
    memset(ou, 0, sizeof ou);
    memset(os, 0, sizeof os);
    memset(ow, 0, sizeof ow);
    memset(ob, 0, sizeof ob);
    memset(oc, 0, sizeof oc);
    memset(ol, 0, sizeof ol);
}
#define EACH_LEN for (int li = 0; li < NLENS * 2; li++)
/* hash the part of an output array a run can write (plus one element) */
#define MIXN(arr) mixb(arr, (size_t)(LEN + 2) * sizeof arr[0])
#define LEN (lens[li / 2])
#define OFF (li & 1)

static void report(const char *name, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void report(const char *name, const char *fmt, ...)
{
    printf("%-12s %016" PRIx64 " ", name, h);
    va_list ap;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
}

static uint32_t fbits(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}

static uint64_t dbits(double d)
{
    uint64_t u;
    memcpy(&u, &d, 8);
    return u;
}

static void run_all(void)
{
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        memcpy(of, fb, sizeof of);
        k_saxpy(LEN, 1.5f + (float)li, fa + OFF, of + OFF);
        MIXN(of);
    }
    report("saxpy", "y[5]=%08" PRIx32, fbits(of[5]));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        memcpy(od, db, sizeof od);
        k_daxpy(LEN, -0.75 + li, da + OFF, od + OFF);
        MIXN(od);
    }
    report("daxpy", "y[9]=%016" PRIx64, dbits(od[9]));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        memcpy(of, fc, sizeof of);
        k_fma(LEN, fa + OFF, fb, of);
        MIXN(of);
    }
    report("fmaf", "c[2]=%08" PRIx32, fbits(of[2]));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_fdiv_sqrt(LEN, da + OFF, db, od);
        MIXN(od);
    }
    report("div+sqrt", "c[1]=%016" PRIx64, dbits(od[1]));

    int64_t r64 = 0;
    float rf = 0;
    double rd = 0;
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        int32_t v = k_dot_i32(LEN, ia + OFF, ib);
        mixb(&v, 4);
        r64 = v;
    }
    report("dot_i32", "%" PRId64, r64);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        r64 = k_dot_i16(LEN, sa + OFF, sb);
        mixb(&r64, 8);
    }
    report("dot_i16", "%" PRId64, r64);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        int32_t v = k_dot_i8(LEN, ba + OFF, bb);
        mixb(&v, 4);
        r64 = v;
    }
    report("dot_i8", "%" PRId64, r64);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        uint32_t v = k_dot_u8(LEN, ca + OFF, cb);
        mixb(&v, 4);
        r64 = v;
    }
    report("dot_u8", "%" PRId64, r64);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        rf = k_dot_f32(LEN, fa + OFF, fb);
        mixb(&rf, 4);
    }
    report("dot_f32", "%08" PRIx32, fbits(rf));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        rd = k_dot_f64(LEN, da + OFF, db);
        mixb(&rd, 8);
    }
    report("dot_f64", "%016" PRIx64, dbits(rd));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        r64 = k_sum_i64(LEN, la + OFF, lb);
        mixb(&r64, 8);
    }
    report("sum_i64", "%" PRId64, r64);

    h = 0xcbf29ce484222325ull;
    int32_t mn = 0, mx = 0;
    EACH_LEN {
        k_minmax_i32(LEN, ia + OFF, &mn, &mx);
        mixb(&mn, 4);
        mixb(&mx, 4);
    }
    report("minmax_i32", "%" PRId32 " %" PRId32, mn, mx);
    h = 0xcbf29ce484222325ull;
    uint8_t mn8 = 0, mx8 = 0;
    EACH_LEN {
        k_minmax_u8(LEN, ca + OFF, &mn8, &mx8);
        mixb(&mn8, 1);
        mixb(&mx8, 1);
    }
    report("minmax_u8", "%u %u", mn8, mx8);
    h = 0xcbf29ce484222325ull;
    int16_t mn16 = 0, mx16 = 0;
    EACH_LEN {
        k_minmax_s16(LEN, sa + OFF, &mn16, &mx16);
        mixb(&mn16, 2);
        mixb(&mx16, 2);
    }
    report("minmax_s16", "%d %d", mn16, mx16);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        rf = k_max_f32(LEN, fa + OFF);
        mixb(&rf, 4);
    }
    report("max_f32", "%08" PRIx32, fbits(rf));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        rd = k_min_f64(LEN, da + OFF);
        mixb(&rd, 8);
    }
    report("fmin_f64", "%016" PRIx64, dbits(rd));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_fminmax(LEN, fa + OFF, fb, of, of2);
        MIXN(of);
        MIXN(of2);
    }
    report("fminf/fmaxf", "%08" PRIx32 " %08" PRIx32, fbits(of[0]), fbits(of2[0]));

    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_select_i32(LEN, ia + OFF, ib, oi);
        MIXN(oi);
    }
    report("select_i32", "%" PRId32, oi[3]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_select_f32(LEN, fa + OFF, fb, of);
        MIXN(of);
    }
    report("select_f32", "%08" PRIx32, fbits(of[3]));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_select_f64(LEN, da + OFF, od);
        MIXN(od);
    }
    report("select_f64", "%016" PRIx64, dbits(od[3]));
    h = 0xcbf29ce484222325ull;
    int cnt = 0;
    EACH_LEN {
        cnt = k_count_u16(LEN, wa + OFF, (uint16_t)(li * 4000));
        mixb(&cnt, sizeof cnt);
    }
    report("count_u16", "%d", cnt);

    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        memcpy(oi, ib, sizeof oi);
        k_mla_s16(LEN, sa + OFF, sb, oi);
        MIXN(oi);
    }
    report("mla_s16", "%" PRId32, oi[7]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        memcpy(ow, wa, sizeof ow);
        k_mla_u8(LEN, ca + OFF, cb, ow);
        MIXN(ow);
    }
    report("mla_u8", "%u", ow[7]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_mulhi_s16(LEN, sa + OFF, sb, os);
        MIXN(os);
    }
    report("mulhi_s16", "%d", os[7]);
    h = 0xcbf29ce484222325ull;
    uint32_t r32 = 0;
    EACH_LEN {
        r32 = k_sad_u8(LEN, ca + OFF, cb);
        mixb(&r32, 4);
    }
    report("sad_u8", "%" PRIu32, r32);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_avg_u8(LEN, ca + OFF, cb, oc);
        MIXN(oc);
    }
    report("avg_u8", "%u", oc[11]);

    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_upper(LEN, cc + OFF, oc);
        MIXN(oc);
    }
    report("upper", "%.32s", (const char *)oc);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_rot13(LEN, cc + OFF, oc);
        MIXN(oc);
    }
    report("rot13", "%.32s", (const char *)oc);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_xorkey(LEN, ca + OFF, oc, 0xa5c3e10fu + (uint32_t)li);
        MIXN(oc);
    }
    report("xorkey", "%u", oc[5]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_popcnt(LEN, ca + OFF, oc);
        MIXN(oc);
    }
    report("popcount", "%u", oc[5]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_reverse(LEN, ia + OFF, oi);
        MIXN(oi);
    }
    report("reverse", "%" PRId32, oi[0]);

    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_shifts(LEN, ia + OFF, ua, ib, oi, li % 32);
        MIXN(oi);
    }
    report("shifts_i32", "%" PRId32, oi[1]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_shifts16(LEN, sa + OFF, os);
        MIXN(os);
    }
    report("shifts_i16", "%d", os[1]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_abs(LEN, ia + OFF, ba, oi, ob);
        MIXN(oi);
        MIXN(ob);
    }
    report("abs", "%" PRId32 " %d", oi[2], ob[2]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_clamp_s16(LEN, ia + OFF, ib, os);
        MIXN(os);
    }
    report("clamp_s16", "%d", os[4]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_clamp_u8(LEN, sa + OFF, oc);
        MIXN(oc);
    }
    report("clamp_u8", "%u", oc[4]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_addsat_u8(LEN, ca + OFF, cb, oc);
        MIXN(oc);
    }
    report("addsat_u8", "%u", oc[4]);

    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_f2i(LEN, fa + OFF, oi, ou);
        MIXN(oi);
        MIXN(ou);
    }
    report("f2i", "%" PRId32 " %" PRIu32, oi[6], ou[6]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_d2l(LEN, da + OFF, ol);
        MIXN(ol);
    }
    report("d2l", "%" PRId64, ol[6]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_i2f(LEN, ia + OFF, sa, ua, of, od);
        MIXN(of);
        MIXN(od);
    }
    report("i2f", "%08" PRIx32 " %016" PRIx64, fbits(of[6]), dbits(od[6]));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_f2d2f(LEN, fa + OFF, db, od, of);
        MIXN(of);
        MIXN(od);
    }
    report("f2d2f", "%08" PRIx32 " %016" PRIx64, fbits(of[6]), dbits(od[6]));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_round(LEN, fa + OFF, of);
        MIXN(of);
    }
    report("round", "%08" PRIx32, fbits(of[6]));

    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        memset(oz, 0, sizeof oz);
        k_cmul(LEN, za + OFF, zb, oz);
        MIXN(oz);
    }
    report("cmul", "%08" PRIx32 " %08" PRIx32, fbits(oz[1].re), fbits(oz[1].im));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_gray(LEN, px3 + OFF, oc);
        MIXN(oc);
    }
    report("gray_rgb", "%u", oc[1]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        memset(o3, 0, sizeof o3);
        k_bgr(LEN, px3 + OFF, o3);
        MIXN(o3);
    }
    report("bgr", "%u %u %u", o3[1].r, o3[1].g, o3[1].b);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        memset(o4, 0, sizeof o4);
        k_premul(LEN, px4 + OFF, o4);
        MIXN(o4);
    }
    report("premul_rgba", "%u %u %u %u", o4[1].r, o4[1].g, o4[1].b, o4[1].a);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_xyzw(LEN, q4 + OFF, oi);
        MIXN(oi);
    }
    report("xyzw", "%" PRId32, oi[1]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_norm3(LEN, p3 + OFF, od);
        MIXN(od);
    }
    report("norm3", "%016" PRIx64, dbits(od[1]));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        int32_t v = k_stride2(LEN / 2, ia + OFF);
        mixb(&v, 4);
        r64 = v;
    }
    report("stride2", "%" PRId64, r64);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_stride3(LEN / 3, fa + OFF, of);
        MIXN(of);
    }
    report("stride3", "%08" PRIx32, fbits(of[1]));
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        memcpy(ou, ua, sizeof ou);
        memcpy(ol, la, sizeof ol);
        k_widen_sum(LEN, ca + OFF, sa, ou, ol);
        MIXN(ou);
        MIXN(ol);
    }
    report("widen_sum", "%" PRIu32 " %" PRId64, ou[2], ol[2]);
    h = 0xcbf29ce484222325ull;
    EACH_LEN {
        outclr();
        k_narrow(LEN, ia + OFF, os, oc);
        MIXN(os);
        MIXN(oc);
    }
    report("narrow", "%d %u", os[2], oc[2]);
}

int main(void)
{
    for (int round = 0; round < 2; round++) {
        printf("== round %d\n", round);
        fill();
        run_all();
    }
    return 0;
}

/* FP rounding modes: for each of the four IEEE modes set with fesetround,
 * arithmetic (add/sub/mul/div/sqrt/fma), narrowing double->float,
 * int->float conversions, rint/nearbyint/lrint/llrint and the exception
 * flags each operation raises. Operands go through volatile so -O2 cannot
 * fold them in the compiler's own rounding mode (built with -frounding-math). */
#include <fenv.h>
#include <inttypes.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>

static const int modes[] = {FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO};
static const char *const mode_names[] = {"nearest", "upward", "downward", "towardzero"};

static const double dv[] = {
    1.0, -1.0, 3.0, -3.0, 0.1, -0.1, 1e308, -1e308, 2.5, -2.5, 0.5, -0.5, 1.5,
    4503599627370497.0, 0x1.fffffffffffffp+1023, 0x1p-1074, 0x1.0000000000001p0,
    0x1.ffffffp+0, -0x1.000001p-126, 1.0 / 3.0, 123456789.987654321,
};
#define NDV (sizeof dv / sizeof dv[0])

static const char *flags_str(void)
{
    static char s[6];
    int f = fetestexcept(FE_ALL_EXCEPT);
    s[0] = f & FE_INVALID ? 'I' : '-';
    s[1] = f & FE_DIVBYZERO ? 'Z' : '-';
    s[2] = f & FE_OVERFLOW ? 'O' : '-';
    s[3] = f & FE_UNDERFLOW ? 'U' : '-';
    s[4] = f & FE_INEXACT ? 'X' : '-';
    s[5] = 0;
    return s;
}

int main(void)
{
    for (unsigned m = 0; m < 4; m++) {
        if (fesetround(modes[m]) != 0) {
            printf("fesetround(%s) failed\n", mode_names[m]);
            continue;
        }
        printf("== mode %s (fegetround ok: %d)\n", mode_names[m], fegetround() == modes[m]);
        for (unsigned i = 0; i < NDV; i++) {
            volatile double a = dv[i], b = dv[(i * 5 + 2) % NDV], c = dv[(i * 3 + 1) % NDV];
            double r;
            feclearexcept(FE_ALL_EXCEPT);
            r = a + b;
            printf("%a + %a = %a %s\n", a, b, r, flags_str());
            feclearexcept(FE_ALL_EXCEPT);
            r = a - c;
            printf("%a - %a = %a %s\n", a, c, r, flags_str());
            feclearexcept(FE_ALL_EXCEPT);
            r = a * b;
            printf("%a * %a = %a %s\n", a, b, r, flags_str());
            feclearexcept(FE_ALL_EXCEPT);
            r = a / c;
            printf("%a / %a = %a %s\n", a, c, r, flags_str());
            feclearexcept(FE_ALL_EXCEPT);
            r = sqrt(fabs(a));
            printf("sqrt %a = %a %s\n", fabs(a), r, flags_str());
            feclearexcept(FE_ALL_EXCEPT);
            r = fma(a, b, c);
            printf("fma %a %a %a = %a %s\n", a, b, c, r, flags_str());
            feclearexcept(FE_ALL_EXCEPT);
            volatile float f = (float)a;
            printf("(float)%a = %a %s\n", a, (double)f, flags_str());
            volatile float fa = (float)a, fb = (float)b;
            feclearexcept(FE_ALL_EXCEPT);
            volatile float fr = fa * fb + fa / (fb == 0 ? 1.0f : fb);
            printf("f %a*%a+.. = %a %s\n", (double)fa, (double)fb, (double)fr, flags_str());
            feclearexcept(FE_ALL_EXCEPT);
            printf("rint %a = %a nearbyint = %a %s\n", a, rint(a), nearbyint(a), flags_str());
            feclearexcept(FE_ALL_EXCEPT);
            if (fabs(a) < 9e18)
                printf("lrint %a = %ld llrint = %lld %s\n", a, lrint(a), llrint(a), flags_str());
            printf("rintf %a = %a\n", (double)fa, (double)rintf(fa));
        }
        static const int64_t iv[] = {
            INT64_MAX, INT64_MIN + 1, 9007199254740993LL, -9007199254740993LL, 16777217,
            -16777217, 0x7ffffffffffffdffLL,
        };
        for (unsigned i = 0; i < sizeof iv / sizeof iv[0]; i++) {
            volatile int64_t x = iv[i];
            volatile uint64_t ux = (uint64_t)iv[i] * 3u;
            feclearexcept(FE_ALL_EXCEPT);
            double d = (double)x;
            float f = (float)x;
            double du = (double)ux;
            float fu = (float)ux;
            volatile int32_t x32 = (int32_t)(x >> 8);
            float f32 = (float)x32;
            printf("cvt %" PRId64 " -> %a %a | %" PRIu64 " -> %a %a | %d -> %a %s\n", x, d,
                   (double)f, ux, du, (double)fu, x32, (double)f32, flags_str());
        }
        /* sum of a series: accumulated rounding differs per mode */
        volatile double s = 0;
        volatile float sf = 0;
        for (int k = 1; k <= 2000; k++) {
            s += 1.0 / k;
            sf += 1.0f / (float)k;
        }
        printf("harmonic %a %a\n", s, (double)sf);
    }
    fesetround(FE_TONEAREST);
    return 0;
}

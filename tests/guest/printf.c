/* printf formats: integers of every size with flags, widths and precisions,
 * %a %e %f %g on edge values (denormals, huge, ties, negative zero, inf,
 * nan), long double (binary128 through libgcc soft-float), snprintf
 * truncation and return values, and strtod/strtol round trips. */
#include <float.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
    printf("[%d] [%5d] [%-5d] [%05d] [%+d] [% d] [%.3d] [%x] [%#x] [%#o] [%X]\n", 42, 42, 42, 42,
           42, 42, 7, 255u, 255u, 8u, 0xabcu);
    printf("[%hhd] [%hhu] [%hd] [%hu] [%ld] [%lu] [%lld] [%llu]\n", (signed char)-128,
           (unsigned char)255, (short)-32768, (unsigned short)65535, LONG_MIN, ULONG_MAX, LLONG_MIN,
           ULLONG_MAX);
    printf("[%zu] [%zd] [%jd] [%td] [%" PRIx64 "] [%" PRIo32 "] [%c] [%5c] [%%]\n", (size_t)-1,
           (ssize_t)-5, (intmax_t)INTMAX_MIN, (ptrdiff_t)-3, UINT64_MAX, UINT32_MAX, 'x', 'y');
    printf("[%s] [%10s] [%-10s] [%.3s] [%*d] [%-*d] [%.*f]\n", "str", "right", "left", "truncate",
           6, 1, 6, 2, 3, 3.14159);

    static const double vals[] = {
        0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, 0.125, 1e-5, 123456.789, 1e21, 1e22, 1e100,
        -1e-100, DBL_MAX, DBL_MIN, DBL_TRUE_MIN, DBL_EPSILON, 0.3, 2.0 / 3.0, 9.5, 10.5, 1e15 + 0.5,
        INFINITY, -INFINITY, NAN, 4.35, 0.045, 5e-324, 1.7976931348623157e308,
    };
    for (unsigned i = 0; i < sizeof vals / sizeof vals[0]; i++) {
        double v = vals[i];
        printf("%a | %.3a | %A | %e | %.0e | %.15e | %f | %.0f | %.1f | %.20f | %g | %.3g | %#g |"
               " %.17g | %G | %10.4f | %-12.3e| %+.2f\n",
               v, v, v, v, v, v, fabs(v) < 1e30 ? v : 0.0, v, v, fabs(v) < 1e30 ? v : 0.0, v, v, v,
               v, v, v, v, v);
    }
    printf("float args: %f %a %g\n", (double)1.1f, (double)1.1f, (double)FLT_MAX);

    long double ld = 1.0L / 3.0L;
    printf("long double: %La %.30Lf %Lg %.20Le\n", ld, ld, ld * 1e300L * 1e300L, ld * 7.0L);
    long double big = 1.0L;
    for (int i = 0; i < 100; i++)
        big *= 12.345L;
    printf("long double big: %La %.25Le\n", big, big);
    printf("long double sqrt(2): %.34Lf\n", sqrtl(2.0L));
    __int128 x = (__int128)1 << 100;
    printf("int128 high/low: %016llx %016llx\n", (unsigned long long)(x >> 64),
           (unsigned long long)x);

    char buf[16];
    volatile size_t bufsz = sizeof buf; /* keeps gcc's truncation warning quiet */
    int n = snprintf(buf, bufsz, "%s-%d-%f", "truncated output", 12345, 2.5);
    printf("snprintf returned %d, buf [%s]\n", n, buf);
    n = snprintf(NULL, 0, "%0100d", 1);
    printf("snprintf(NULL) returned %d\n", n);

    static const char *const nums[] = {
        "0", "-0", "1e-400", "1e400", "0x1.8p3", "  42abc", "inf", "-nan", "3.14159265358979323846",
        "4.9406564584124654e-324", "2.2250738585072011e-308", "1.7976931348623158e308",
        "123456789012345678901234567890", "0.1e1", ".5", "-.5e-1",
    };
    for (unsigned i = 0; i < sizeof nums / sizeof nums[0]; i++) {
        char *end;
        double d = strtod(nums[i], &end);
        float f = strtof(nums[i], NULL);
        long l = strtol(nums[i], NULL, 0);
        unsigned long long ull = strtoull(nums[i], NULL, 10);
        printf("strtod(\"%s\") = %a (%.17g) float %a consumed %d | strtol %ld strtoull %llu\n",
               nums[i], d, d, (double)f, (int)(end - nums[i]), l, ull);
    }
    printf("strtol bases: %ld %ld %ld %ld %lu\n", strtol("777", NULL, 8), strtol("-zz", NULL, 36),
           strtol("0x7fffffffffffffff0", NULL, 16), strtol("11111111", NULL, 2),
           strtoul("-1", NULL, 10));
    return 0;
}

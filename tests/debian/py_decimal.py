# decimal (libmpdec), fractions, exact float formatting and integer arithmetic
import decimal
from decimal import Decimal as D
from fractions import Fraction

ctx = decimal.getcontext()
ctx.prec = 60
print(D(2).sqrt())
print(D(1).exp())
print(D(10).ln())
print(D(1) / D(7))
print(D("1.23456789").quantize(D("0.0001"), rounding=decimal.ROUND_HALF_EVEN))
for r in (decimal.ROUND_UP, decimal.ROUND_DOWN, decimal.ROUND_HALF_UP, decimal.ROUND_CEILING):
    print(r, D("-2.675").quantize(D("0.01"), rounding=r))
ctx.prec = 28
s = sum(D(i) / D(3) for i in range(1, 2000))
print(s, s.as_tuple().exponent)
try:
    D(1) / D(0)
except decimal.DivisionByZero as e:
    print("DivisionByZero", type(e).__name__)
print(Fraction(355, 113) - Fraction(22, 7), Fraction("3.1415926535").limit_denominator(1000))
print(repr(0.1 + 0.2), repr(1e23), "%.17g" % (2 / 3), float.hex(1 / 3), (1 / 3).as_integer_ratio())
print(3 ** 200 % 1000000007, pow(7, -1, 1000000007), (2 ** 521 - 1) % 1000003)
print(format(1234567.891, ",.2f"), format(0.000012345, ".3e"), round(2.675, 2), round(0.5), round(1.5))
print(int("9" * 60) // 12345678901234567, divmod(-17, 5), -17 % 5)

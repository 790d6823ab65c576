# libffi closures (ctypes callbacks): libffi writes a trampoline for each
# closure (a double-mapped or static trampoline page) and the guest calls
# it from C (qsort) many times, so translated code, the code cache and
# invalidation of freed closures all take part.
import ctypes

libc = ctypes.CDLL(None)
CMP = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_int), ctypes.POINTER(ctypes.c_int))
total = 0
for rnd in range(40):
    calls = [0]

    def cmp(a, b, calls=calls, rnd=rnd):
        calls[0] += 1
        x, y = a[0] ^ rnd, b[0] ^ rnd
        return (x > y) - (x < y)

    cb = CMP(cmp)  # a new closure every round; the old one is freed
    n = 300
    arr = (ctypes.c_int * n)(*[(i * 7919 + rnd) % 1009 for i in range(n)])
    libc.qsort(arr, n, ctypes.sizeof(ctypes.c_int), cb)
    keys = [v ^ rnd for v in arr]
    assert keys == sorted(keys), rnd
    total += sum(arr[i] * i for i in range(0, n, 17))
    del cb
ADD = ctypes.CFUNCTYPE(ctypes.c_long, ctypes.c_long, ctypes.c_long)
add = ADD(lambda a, b: a + b)
print("sorted", total, add(2**40, 5))

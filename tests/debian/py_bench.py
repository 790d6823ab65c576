# a small pure-python workload (no C modules): n-queens, a linear
# congruential generator feeding sorts and dicts, string building; prints a
# checksum of everything it computed
def queens(n):
    count = 0
    cols, d1, d2 = [False] * n, [False] * (2 * n), [False] * (2 * n)

    def place(r):
        nonlocal count
        if r == n:
            count += 1
            return
        for c in range(n):
            if not (cols[c] or d1[r + c] or d2[r - c + n]):
                cols[c] = d1[r + c] = d2[r - c + n] = True
                place(r + 1)
                cols[c] = d1[r + c] = d2[r - c + n] = False

    place(0)
    return count


def lcg(seed):
    while True:
        seed = (seed * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        yield seed >> 33


chk = 0
chk = (chk * 31 + queens(7)) & 0xFFFFFFFF
g = lcg(42)
xs = [next(g) for _ in range(20000)]
xs.sort()
chk = (chk * 31 + xs[len(xs) // 2] + sum(xs[::97])) & 0xFFFFFFFF
d = {}
for x in xs:
    d[x % 1009] = d.get(x % 1009, 0) + x
chk = (chk * 31 + sum(k * v for k, v in sorted(d.items()))) & 0xFFFFFFFF
s = "".join(chr(97 + x % 26) for x in xs[:5000])
chk = (chk * 31 + s.count("ab") + len(s.split("e"))) & 0xFFFFFFFF
f = 0.0
for i in range(1, 20000):
    f += 1.0 / (i * i)
chk = (chk * 31 + int(f * 1e12)) & 0xFFFFFFFF
print("checksum", chk, "queens(7)", queens(7), "pi^2/6~", "%.12f" % f)

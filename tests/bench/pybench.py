# make bench: a pure-python workload (no C extension on the hot path):
# n-body steps, dict and string churn, integer arithmetic; prints a checksum.
import sys

def nbody(steps):
    b = [[0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 39.47],
         [4.84, -1.16, -0.10, 0.60, 2.81, -0.02, 0.037],
         [8.34, 4.12, -0.40, -1.01, 1.82, 0.008, 0.011],
         [12.89, -15.11, -0.22, 1.08, 0.86, -0.01, 0.0017],
         [15.37, -25.91, 0.17, 0.97, 0.59, -0.03, 0.002]]
    dt = 0.01
    for _ in range(steps):
        for i in range(5):
            bi = b[i]
            for j in range(i + 1, 5):
                bj = b[j]
                dx, dy, dz = bi[0] - bj[0], bi[1] - bj[1], bi[2] - bj[2]
                d2 = dx * dx + dy * dy + dz * dz
                mag = dt / (d2 * d2 ** 0.5)
                bi[3] -= dx * bj[6] * mag; bi[4] -= dy * bj[6] * mag; bi[5] -= dz * bj[6] * mag
                bj[3] += dx * bi[6] * mag; bj[4] += dy * bi[6] * mag; bj[5] += dz * bi[6] * mag
        for bi in b:
            bi[0] += dt * bi[3]; bi[1] += dt * bi[4]; bi[2] += dt * bi[5]
    return sum(x for bi in b for x in bi[:3])

def churn(n):
    d, s = {}, 0
    for i in range(n):
        k = "k%d" % (i * 7919 % 10007)
        d[k] = d.get(k, 0) + i
        s = (s * 31 + len(k) + (i ^ (i >> 3))) & 0xFFFFFFFF
    return s + sum(d.values())

scale = int(sys.argv[1]) if len(sys.argv) > 1 else 1
print("%.6f %d" % (nbody(20000 * scale), churn(100000 * scale)))

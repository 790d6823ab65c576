# zlib, gzip, bz2, lzma: compressed bytes (same library versions on both
# sides, so bit-exact), checksums, streaming decompression
import bz2
import gzip
import hashlib
import lzma
import zlib

data = b"".join(b"line %d: %s\n" % (i, b"abcdefghij"[: i % 11] * (i % 4)) for i in range(3000))
data += bytes((i * 7 + (i >> 5)) & 0xFF for i in range(16384))
print(len(data), zlib.crc32(data), zlib.adler32(data))


def h(b):
    return "%d %s" % (len(b), hashlib.sha256(b).hexdigest()[:32])


for level in (0, 1, 6, 9):
    c = zlib.compress(data, level)
    assert zlib.decompress(c) == data
    print("zlib", level, h(c))
co = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_FILTERED)
raw = co.compress(data) + co.flush()
print("raw", h(raw))
do = zlib.decompressobj(-15)
out = b"".join(do.decompress(raw[i:i + 1000]) for i in range(0, len(raw), 1000)) + do.flush()
print(out == data)
g = gzip.compress(data, 6, mtime=0)
print("gzip", h(g), gzip.decompress(g) == data)
b = bz2.compress(data, 1)
print("bz2", h(b), bz2.decompress(b) == data)
x = lzma.compress(data, preset=1)
print("xz", h(x), lzma.decompress(x) == data)
x = lzma.compress(data, format=lzma.FORMAT_ALONE)
print("lzma", h(x), lzma.decompress(x) == data)

# struct, base64, datetime in UTC, unicodedata, collections, itertools,
# pickle and textwrap: outputs fixed by the language, not the machine
import base64
import collections
import datetime
import hashlib
import itertools
import pickle
import struct
import textwrap
import unicodedata

print(struct.pack("<hIqd3s?", -2, 0xDEADBEEF, -(2 ** 40), 1.5, b"abc", True).hex())
print(struct.unpack(">IHb", bytes(range(1, 8))), struct.calcsize("@bq"), struct.calcsize("=bq"))
print(base64.b64encode(bytes(range(40))).decode(), base64.b32encode(b"pvm!").decode())
t = datetime.datetime(2024, 2, 29, 13, 45, 7, tzinfo=datetime.timezone.utc)
print(t.isoformat(), t.timestamp(), t + datetime.timedelta(days=400, seconds=-1), t.strftime("%A %j %U"))
print(datetime.datetime.fromtimestamp(1700000000, datetime.timezone.utc).isoformat())
print(unicodedata.normalize("NFD", "\u00e9\u1e9b\u0323").encode("utf-8").hex(), unicodedata.name("\u2603"))
print(collections.Counter("mississippi").most_common(3), collections.OrderedDict.fromkeys("abcab"))
print(list(itertools.islice(itertools.permutations(range(5), 3), 5)), list(itertools.accumulate(range(10))))
print(hashlib.sha256(pickle.dumps({"a": [1, 2.5, None, "x" * 10], "b": (1, 2)}, protocol=5)).hexdigest())
print(textwrap.fill("The quick brown fox jumps over the lazy dog. " * 4, width=33))
print(sorted({"b": 2, "a": 1, "c": 3}.items()), "%08.3f|%-6s|%x" % (3.14159, "ab", 255))

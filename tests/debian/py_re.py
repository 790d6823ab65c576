# re: findall, named groups, sub with a function, split, flags, lookaround,
# backreferences, and counts over a generated text
import re

text = " ".join("w%d-%s" % (i, "abcXYZ"[i % 6] * (i % 5)) for i in range(4000))
print(len(re.findall(r"w\d+-([a-c]+)", text)))
print(re.sub(r"(\d)(\d)", lambda m: m.group(2) + m.group(1), text[:200]))
m = re.search(r"(?P<num>\d{3})-(?P<tail>Z+)", text)
print(m.group("num"), m.group("tail"), m.span())
print(re.split(r"[-\s]+", "a-b  c--d e", maxsplit=3))
print(re.findall(r"(?i)caf\u00e9", "CAF\u00c9 caf\u00e9 Caf\u00c9"))
print(re.findall(r"(?<=w1)\d+(?=-)", text)[:10])
print(re.sub(r"(\w)\1", r"<\1\1>", "aabbcd eeff"))
print(re.fullmatch(r"[\w.+-]+@[\w-]+\.[\w.]+", "some.one+x@example.co.uk") is not None)
words = re.findall(r"\b\w+\b", text)
counts = {}
for w in words:
    k = re.sub(r"\d", "#", w)
    counts[k] = counts.get(k, 0) + 1
for k in sorted(counts)[:12]:
    print(k, counts[k])
print(re.escape("a.b*c?(d)"), re.compile(r"x*").sub("-", "abc"))

#!/usr/bin/env bash
# ISA coverage sweep: random words from the A64 encoding spaces pvm covers,
# decoded by binutils (which knows every extension) and by pvm's decoder.
# Prints, per mnemonic and operand shape, encodings objdump accepts and pvm
# does not ("missing"), and words pvm accepts that objdump calls undefined
# ("extra"). usage: isa-sweep.sh BUILD [N] [SEED]   (N words per space)
set -eu
build=$1 n=${2:-200000} seed=${3:-1}
dir=$build/tests/isa-sweep
mkdir -p "$dir"
python3 - "$n" "$seed" > "$dir/words" <<'PY'
import random, sys
n, seed = int(sys.argv[1]), int(sys.argv[2])
r = random.Random(seed)
# (mask, match) of the spaces: SIMD&FP data processing (x111), loads and
# stores (x1x0), data processing register (x101), branches/system (101x)
spaces = [(0x0e000000, 0x0e000000), (0x0a000000, 0x08000000),
          (0x0e000000, 0x0a000000), (0x1c000000, 0x14000000)]
for mask, match in spaces:
    for _ in range(n):
        print("%08x" % ((r.getrandbits(32) & ~mask) | match))
PY
python3 - "$dir/words" "$dir/words.bin" <<'PY'
import struct, sys
with open(sys.argv[1]) as f, open(sys.argv[2], "wb") as o:
    for l in f:
        o.write(struct.pack("<I", int(l, 16)))
PY
aarch64-linux-gnu-objdump -D -b binary -m aarch64 "$dir/words.bin" |
    awk -F'\t' '/^ *[0-9a-f]+:\t/ { print $2 "\t" $3 "\t" $4 }' > "$dir/objdump"
"$build/tools/isa_sweep" < "$dir/words" > "$dir/pvm"
python3 - "$dir/objdump" "$dir/pvm" <<'PY'
import re, sys, collections
od = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
pv = [l.split() for l in open(sys.argv[2])]
assert len(od) == len(pv), (len(od), len(pv))
missing, extra = collections.Counter(), collections.Counter()
ex = {}
for (w, mn, ops), (w2, op) in zip(od, pv):
    und = mn.startswith(".inst") or "undefined" in ops or mn == "udf"
    shape = re.sub(r"\b([xwvqdshbz]|p)\d+", r"\1", ops.split("//")[0])
    shape = re.sub(r"#-?0x[0-9a-f]+|#-?[0-9.e+-]+", "#i", shape)
    key = mn + " " + shape.strip()
    if not und and op == "-":
        missing[key] += 1; ex.setdefault(key, w)
    elif und and op != "-":
        extra[op] += 1; ex.setdefault("x" + op, w)
print("missing (objdump decodes, pvm does not): %d shapes" % len(missing))
for k, v in sorted(missing.items()):
    print("  %-50s %6d  e.g. %s" % (k, v, ex[k]))
print("extra (pvm accepts, objdump says undefined): %d ops" % len(extra))
for k, v in sorted(extra.items()):
    print("  %-30s %6d  e.g. %s" % (k, v, ex["x" + k]))
PY

#!/usr/bin/env bash
# ISA coverage sweep: random words from the A64 encoding spaces pvm covers,
# decoded by binutils (which knows every extension) and by pvm's decoder
# ($BUILD/tools/isa_sweep). Prints, per mnemonic and operand shape, the
# encodings objdump accepts and pvm does not ("missing"), and pvm ops that
# accept words objdump calls undefined ("extra").
# usage: isa-sweep.sh BUILD [N] [SEED] [ALLOW]   (N words per space)
# With ALLOW (tests/isa/unimplemented.txt) every missing shape and extra op
# must match a line of it: prints "N passed, N failed" (one test per space of
# the sweep: missing, extra) and fails otherwise.
set -eu
build=$1 n=${2:-200000} seed=${3:-1} allow=${4:-}
dir=$build/tests/isa-sweep
mkdir -p "$dir"
python3 - "$n" "$seed" "$dir/words" "$dir/words.bin" <<'PY'
import random, struct, sys
n, seed = int(sys.argv[1]), int(sys.argv[2])
r = random.Random(seed)
# (mask, match) of the spaces: SIMD&FP data processing (x111), loads and
# stores (x1x0), data processing register (x101), branches/system (101x)
spaces = [(0x0e000000, 0x0e000000), (0x0a000000, 0x08000000),
          (0x0e000000, 0x0a000000), (0x1c000000, 0x14000000)]
with open(sys.argv[3], "w") as t, open(sys.argv[4], "wb") as b:
    for mask, match in spaces:
        for _ in range(n):
            w = (r.getrandbits(32) & ~mask) | match
            t.write("%08x\n" % w)
            b.write(struct.pack("<I", w))
PY
aarch64-linux-gnu-objdump -D -b binary -m aarch64 "$dir/words.bin" |
    awk -F'\t' '/^ *[0-9a-f]+:\t/ { print $2 "\t" $3 "\t" $4 }' > "$dir/objdump"
"$build/tools/isa_sweep" < "$dir/words" > "$dir/pvm"
python3 - "$dir/objdump" "$dir/pvm" "$allow" <<'PY'
import re, sys, collections
od = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
pv = [l.split() for l in open(sys.argv[2])]
assert len(od) == len(pv), (len(od), len(pv))
rules, extras = [], []
if sys.argv[3]:
    for l in open(sys.argv[3]):
        if l.startswith("#") or not l.strip():
            continue
        f = l.rstrip("\n").split("\t")
        (extras if f[0] == "extra" else rules).append((f[0], re.compile(f[1])))
missing, extra, ex = collections.Counter(), collections.Counter(), {}
for (w, mn, ops), (w2, op) in zip(od, pv):
    und = mn.startswith(".inst") or "undefined" in ops or mn == "udf"
    shape = re.sub(r"\b([xwvqdshbz]|p)\d+", r"\1", ops.split("//")[0])
    shape = re.sub(r"#-?0x[0-9a-f]+|#-?[0-9.e+-]+|\b0x[0-9a-f]+\b", "#i", shape)
    shape = re.sub(r"\[\d+\]", "[i]", shape).strip()
    key = mn + " " + shape
    if not und and op == "-":
        if any(rx.search(key) for f, rx in rules):
            continue
        missing[key] += 1; ex.setdefault(key, w)
    elif und and op != "-":
        if any(rx.search(op) for f, rx in extras):
            continue
        extra[op] += 1; ex.setdefault("x" + op, w)
print("isa-sweep: %d words, objdump-valid encodings pvm leaves unallocated: %d shapes%s"
      % (len(od), len(missing), " (outside the documented unimplemented features)" if rules else ""))
for k, v in sorted(missing.items()):
    print("  missing %-50s %6d  e.g. %s" % (k, v, ex[k]))
print("isa-sweep: pvm ops accepting words objdump calls undefined: %d" % len(extra))
for k, v in sorted(extra.items()):
    print("  extra %-30s %6d  e.g. %s" % (k, v, ex["x" + k]))
if sys.argv[3]:
    bad = (len(missing) > 0) + (len(extra) > 0)
    print("%d passed, %d failed" % (2 - bad, bad))
    sys.exit(1 if bad else 0)
PY

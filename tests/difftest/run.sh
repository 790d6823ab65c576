#!/usr/bin/env bash
# Differential tester: random instruction sequences per class, run under pvm
# and under qemu-aarch64 (-cpu cortex-a53, or max for classes of later
# extensions: gen CLASS --cpu), compared dump for dump.
# usage: run.sh BUILD PVM NTESTS [CLASSES...]   (env SEED, NINSNS, CHUNK)
# Prints the first mismatch of each class with the test's instructions and
# the differing register (or mem+OFFSET: a byte of class ldst's scratch block,
# dumped after the registers), then "N passed, N failed" (one count per class).
set -u
build=$1 pvm=$2 ntests=$3
shift 3
classes=${*:-int fp ldst}
seed=${SEED:-1}
nins=${NINSNS:-4}
chunk=${CHUNK:-1000}
gen=$build/tools/difftest_gen
dir=$build/tests/difftest
mkdir -p "$dir"
regs=$((31 * 8 + 8 + 8 + 8 + 32 * 16)) # one register dump (gen.c DUMP_SIZE)
scratch=4096                           # class ldst appends its scratch block (gen.c SCRATCH)

field_name() { # byte offset within one dump -> register name
    local o=$1
    if [ "$o" -lt 248 ]; then echo "x$((o / 8))"
    elif [ "$o" -lt 256 ]; then echo nzcv
    elif [ "$o" -lt 264 ]; then echo fpsr
    elif [ "$o" -lt 272 ]; then echo pad
    elif [ "$o" -lt "$regs" ]; then echo "v$(((o - 272) / 16))"
    else printf 'mem+0x%x\n' $(((o - regs) & ~7)); fi
}

hexfield() { # file test offset(aligned) len
    od -An -tx8 -j $(($2 * dump + $3)) -N "$4" "$1" | tr -s ' ' | sed 's/^ //'
}

passed=0 failed=0 total=0
for cls in $classes; do
    start=$(date +%s)
    dump=$regs; case $cls in ldst|atomic) dump=$((regs + scratch)) ;; esac
    cpu=$("$gen" "$cls" --cpu) || { echo "difftest: unknown class $cls"; failed=$((failed + 1)); continue; }
    done_n=0 bad=0 k=0
    while [ $done_n -lt "$ntests" ]; do
        n=$((ntests - done_n)); [ $n -gt "$chunk" ] && n=$chunk
        s=$((seed * 1000 + k))
        base=$dir/$cls-$s
        "$gen" "$cls" "$s" "$n" "$nins" "$base.S" "$base.lst" || exit 1
        if ! aarch64-linux-gnu-gcc -nostdlib -static -o "$base" "$base.S" 2> "$base.as"; then
            head -5 "$base.as"; echo "difftest $cls: generated program does not assemble"; exit 1
        fi
        qemu-aarch64 -cpu "$cpu" "$base" > "$base.qemu" 2>&1
        "$pvm" "$base" > "$base.pvm" 2> "$base.err"
        rc=$?
        if ! cmp -s "$base.qemu" "$base.pvm"; then
            bad=1
            first=$(cmp "$base.qemu" "$base.pvm" 2>&1 | grep -o 'byte [0-9]*' | grep -o '[0-9]*')
            if [ -z "$first" ]; then
                # one output is a prefix of the other (pvm stopped early)
                first=$(($(stat -c %s "$base.pvm") + 1))
            fi
            off=$((first - 1)); t=$((off / dump)); fo=$((off % dump))
            name=$(field_name $fo)
            echo "difftest $cls: MISMATCH seed $s test $t field $name (pvm exit $rc)"
            grep "^T$t:" "$base.lst" | sed 's/^/    /'
            if [ "$name" != "${name#v}" ] && [ "$fo" -lt "$regs" ]; then a=$((fo - (fo - 272) % 16)); len=16; else a=$((fo - fo % 8)); len=8; fi
            echo "    qemu: $(hexfield "$base.qemu" $t $a $len)"
            echo "    pvm:  $(hexfield "$base.pvm" $t $a $len)"
            head -c 300 "$base.err" | sed 's/^/    pvm stderr: /'
            break
        fi
        done_n=$((done_n + n)); k=$((k + 1))
        rm -f "$base.S" "$base.qemu" "$base.pvm" "$base" "$base.err"
    done
    total=$((total + 1))
    if [ $bad -eq 0 ]; then
        passed=$((passed + 1))
        echo "difftest $cls: $ntests tests x $nins insns match qemu ($(($(date +%s) - start))s)"
    else
        failed=$((failed + 1))
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]

#!/usr/bin/env bash
# Differential tester: random instruction sequences per class, run under pvm
# and under qemu-aarch64 (-cpu cortex-a53, or max for classes of later
# extensions: gen CLASS --cpu), compared dump for dump.
# usage: run.sh BUILD PVM NTESTS [CLASSES...]   (env SEED, NINSNS, CHUNK, JOBS,
# JIT_MODE and MODES_SHARED from tests/lib/modes.sh)
# The tests of a class are split in chunks of CHUNK tests (one generated
# program each, seeds SEED*1000+k) run JOBS at a time. Prints the first
# mismatch of each class with the test's instructions and the differing
# register (or mem+OFFSET: a byte of the scratch block of the memory classes,
# dumped after the registers), then "N passed, N failed" (one count per class).
set -u
build=$1 pvm=$2 ntests=$3
shift 3
classes=${*:-int fp ldst}
seed=${SEED:-1}
nins=${NINSNS:-4}
chunk=${CHUNK:-1000}
jobs=${JOBS:-$(nproc)}
gen=$build/tools/difftest_gen
# one directory per execution mode (tests/lib/modes.sh): a failing chunk's files
# are not overwritten by the next mode's run of the same seeds
dir=$build/tests/difftest${JIT_MODE:+/$JIT_MODE}
mkdir -p "$dir"
regs=$((31 * 8 + 8 + 8 + 8 + 32 * 16)) # one register dump (gen.c DUMP_SIZE)
scratch=4096                           # memory classes append their scratch block (gen.c SCRATCH)

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

# run_chunk CLASS CPU K N: one generated program; on a mismatch (or a broken
# run) leaves $base.fail holding the report
run_chunk() {
    local cls=$1 cpu=$2 k=$3 n=$4
    local s=$((seed * 1000 + k))
    local base=$dir/$cls-$s
    rm -f "$base.fail"
    # the program, its listing and qemu's dump do not depend on pvm's
    # execution mode: made once per modes.sh run (nearly all of the time)
    local shared=""
    [ -n "${MODES_SHARED:-}" ] && shared=$MODES_SHARED/difftest-$cls-$s-$n-$nins
    if [ -n "$shared" ] && [ -f "$shared.qemu" ]; then
        local f
        for f in "" .lst .qemu; do ln -f "$shared$f" "$base$f" 2> /dev/null || cp "$shared$f" "$base$f"; done
    else
        if ! "$gen" "$cls" "$s" "$n" "$nins" "$base.S" "$base.lst"; then
            echo "difftest $cls: generator failed (seed $s)" > "$base.fail"; return
        fi
        if ! aarch64-linux-gnu-gcc -nostdlib -static -o "$base" "$base.S" 2> "$base.as"; then
            { head -5 "$base.as"; echo "difftest $cls: generated program does not assemble (seed $s)"; } > "$base.fail"
            return
        fi
        qemu-aarch64 -cpu "$cpu" "$base" > "$base.qemu" 2>&1
        if [ -n "$shared" ]; then
            cp "$base" "$shared" && cp "$base.lst" "$shared.lst" && cp "$base.qemu" "$shared.qemu.tmp" &&
                mv "$shared.qemu.tmp" "$shared.qemu"
        fi
    fi
    "$pvm" "$base" > "$base.pvm" 2> "$base.err"
    local rc=$?
    if ! cmp -s "$base.qemu" "$base.pvm"; then
        local first off t fo name a len
        first=$(cmp "$base.qemu" "$base.pvm" 2>&1 | grep -o 'byte [0-9]*' | grep -o '[0-9]*')
        # one output is a prefix of the other (pvm stopped early)
        [ -z "$first" ] && first=$(($(stat -c %s "$base.pvm") + 1))
        off=$((first - 1)); t=$((off / dump)); fo=$((off % dump))
        name=$(field_name $fo)
        if [ "$name" != "${name#v}" ] && [ "$fo" -lt "$regs" ]; then a=$((fo - (fo - 272) % 16)); len=16; else a=$((fo - fo % 8)); len=8; fi
        {
            echo "difftest $cls: MISMATCH seed $s test $t field $name (pvm exit $rc)"
            grep "^T$t:" "$base.lst" | sed 's/^/    /'
            echo "    qemu: $(hexfield "$base.qemu" "$t" $a $len)"
            echo "    pvm:  $(hexfield "$base.pvm" "$t" $a $len)"
            head -c 300 "$base.err" | sed 's/^/    pvm stderr: /'
        } > "$base.fail"
        return
    fi
    rm -f "$base.S" "$base.qemu" "$base.pvm" "$base" "$base.err" "$base.as" "$base.lst"
}

passed=0 failed=0
for cls in $classes; do
    start=$(date +%s)
    dump=$regs; case $cls in ldst|atomic) dump=$((regs + scratch)) ;; esac
    if ! cpu=$("$gen" "$cls" --cpu); then
        echo "difftest $cls: unknown class"; failed=$((failed + 1)); continue
    fi
    rm -f "$dir/$cls-"*.fail
    nchunks=$(((ntests + chunk - 1) / chunk))
    k=0 running=0
    while [ $k -lt $nchunks ]; do
        n=$chunk; [ $((k * chunk + n)) -gt "$ntests" ] && n=$((ntests - k * chunk))
        run_chunk "$cls" "$cpu" $k $n &
        running=$((running + 1)); k=$((k + 1))
        if [ $running -ge "$jobs" ]; then wait -n; running=$((running - 1)); fi
        # stop starting chunks once one failed
        ls "$dir/$cls-"*.fail > /dev/null 2>&1 && break
    done
    wait
    first_fail=""
    for ((j = 0; j < nchunks; j++)); do
        f=$dir/$cls-$((seed * 1000 + j)).fail
        if [ -f "$f" ]; then first_fail=$f; break; fi
    done
    if [ -z "$first_fail" ]; then
        passed=$((passed + 1))
        echo "difftest $cls: $ntests tests x $nins insns match qemu -cpu $cpu ($(($(date +%s) - start))s)"
    else
        failed=$((failed + 1))
        cat "$first_fail"
        rm -f "$dir/$cls-"*.fail
    fi
done
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]

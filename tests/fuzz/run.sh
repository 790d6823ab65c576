#!/usr/bin/env bash
# Runs the libFuzzer targets and the decoder check (tests/fuzz/module.mk).
# usage: tests/fuzz/run.sh check|fuzz FUZZ_DIR DECODE_ALL TARGET...
#   check  each target for FUZZ_RUNS inputs (default 200000) with -seed=1 from
#          tests/fuzz/corpus/TARGET (new inputs go to a fresh scratch dir, so
#          the run is reproducible and the committed corpus never changes),
#          then the decoder on every 251st word (all 2^32 words when
#          CHECK_ALL=1, and their digest against tests/fuzz/decode.digest);
#          one result per target, then "N passed, N failed"
#   fuzz   each target for FUZZ_TIME seconds (default 60), one job, seed
#          FUZZ_SEED (default: libFuzzer's, from the time), the corpus kept in
#          FUZZ_DIR/corpus/TARGET; prints libFuzzer's last status line
# A failing target leaves libFuzzer's log in FUZZ_DIR/log/TARGET.log and the
# crashing input in FUZZ_DIR/artifacts/.
set -u
mode=$1 dir=$2 decode=$3
shift 3
src=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$dir/log" "$dir/artifacts"
pass=0 failc=0
for t in "$@"; do
    bin=$dir/fuzz_$t log=$dir/log/$t.log
    if [ "$mode" = check ]; then
        work=$dir/check/$t
        rm -rf "$work" && mkdir -p "$work"
        "$bin" -runs="${FUZZ_RUNS:-1000000}" -seed=1 -artifact_prefix="$dir/artifacts/$t-" \
            "$work" "$src/corpus/$t" > "$log" 2>&1
    else
        work=$dir/corpus/$t
        mkdir -p "$work"
        "$bin" -max_total_time="${FUZZ_TIME:-60}" ${FUZZ_SEED:+-seed=$FUZZ_SEED} \
            -artifact_prefix="$dir/artifacts/$t-" -print_final_stats=1 \
            "$work" "$src/corpus/$t" > "$log" 2>&1
    fi
    rc=$?
    stat=$(grep -E '^#[0-9]+' "$log" | tail -1)
    if [ $rc = 0 ]; then
        pass=$((pass + 1))
        echo "ok fuzz_$t: $stat"
    else
        failc=$((failc + 1))
        echo "FAIL fuzz_$t: libFuzzer exit $rc (log: $log)"
        grep -E 'invariant failed|ERROR:|SUMMARY:|Test unit written' "$log" | head -5 | sed 's/^/    /'
    fi
done
if [ "$mode" = check ]; then
    if [ -n "${CHECK_ALL:-}" ]; then
        out=$("$decode" -j "${JOBS:-$(nproc)}" --digest "$src/decode.digest" 2>&1)
    else
        out=$("$decode" -j "${JOBS:-$(nproc)}" -s 251 2>&1)
    fi
    rc=$?
    if [ $rc = 0 ]; then
        pass=$((pass + 1))
        echo "ok decode_all: $(echo "$out" | tail -2 | tr '\n' ' ')"
    else
        failc=$((failc + 1))
        echo "FAIL decode_all:"
        echo "$out" | tail -22 | sed 's/^/    /'
    fi
fi
echo "$pass passed, $failc failed"
[ $failc = 0 ]

#!/usr/bin/env bash
# `make bench`: real workloads run natively (Debian's amd64 busybox, openssl,
# python3.11, lua5.4, sqlite3, xz, bzip2 pinned in tests/debs.lock and run from
# the native tree BUILD/native-root through tests/lib/native-run.sh, never the
# host's own; host-compiled C), under qemu-aarch64 and under pvm (the arm64
# builds of the same packages from BUILD/sysroot, cross-compiled C); prints
# wall times and ratios as a markdown table. Outputs of the three runs must
# agree, or the row says so. Not part of `make check`.
# usage: scripts/bench.sh BUILD   env: BENCH_SCALE (C kernels, default 4),
#        BENCH_TIMEOUT (seconds per run, default 900), QEMU, QEMU_CPU,
#        BENCH_RUNS (runs of each side, the median is shown; default 1),
#        PVM_REF (another pvm binary, e.g. the previous commit's build: a
#        "ref" column and pvm/ref, its runs interleaved with pvm's so load
#        drifts touch both alike)
# shellcheck disable=SC2016,SC2154 # sh -c scripts; t_* are set by printf -v
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=tests/lib/common.sh
. "$root/tests/lib/common.sh"
build=$(realpath "${1:-build}")
work=$build/bench
mkdir -p "$work"
pvm=$build/pvm
bb_arm=$build/sysroot/bin/busybox
nroot=$build/native-root
# the native side of a Debian program: native-run.sh NROOT ... -- /PATH
nat=("$root/tests/lib/native-run.sh" "$nroot" --bind "$work" --bind "$root/tests/bench" --)
bb_nat=/bin/busybox
kn=$build/tests/bench/native/kernels
ka=$build/tests/bench/arm64/kernels
qemu=${QEMU:-qemu-aarch64}
qcpu=${QEMU_CPU:-cortex-a53}
scale=${BENCH_SCALE:-4}
tmo=${BENCH_TIMEOUT:-900}
runs=${BENCH_RUNS:-1}
ref=${PVM_REF:-}
if [ -n "$ref" ] && [ ! -x "$ref" ]; then
    echo "bench: PVM_REF=$ref is not an executable" >&2
    exit 1
fi

for f in "$pvm" "$bb_arm" "$nroot$bb_nat" "$kn" "$ka"; do
    [ -e "$f" ] || { echo "bench: missing $f (run through make bench)" >&2; exit 1; }
done

# a deterministic 16 MiB text file: compressible, but not trivially
data=$work/data-16m.txt
if [ ! -s "$data" ] || [ "$(stat -c %s "$data")" != 16777216 ]; then
    seq 1 3000000 | awk '{ print $1, ($1 * 7919) % 104729, "lorem ipsum dolor", $1 % 13 }' |
        head -c 16777216 > "$data"
fi

# timed RUNNER LABEL CMD...: sets t_<LABEL> (seconds or a failure word) and
# leaves the output in $work/<LABEL>.out
timed() {
    local label=$1
    shift
    local start rc
    start=$(tl_now)
    (cd "$work" && timeout -k 5 "$tmo" env -i PATH=/usr/bin:/bin TZ=UTC LC_ALL=C "$TL_PERL" -e "$TL_NOSIG" "$@" \
        > "$work/$label.out" 2> "$work/$label.err" < /dev/null)
    rc=$?
    if [ $rc = 0 ]; then
        printf -v "t_$label" '%s' "$(tl_elapsed "$start")"
    elif [ $rc = 124 ]; then
        printf -v "t_$label" 'timeout'
    else
        printf -v "t_$label" 'failed(%s)' "$rc"
    fi
}

ratio() { # A B: A/B, or "-" when either is not a number
    case "$1$2" in *[!0-9.]*) echo "-"; return ;; esac
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1fx", a / b; else print "-" }'
}

# median of run times; a failure word wins (a failed run is not averaged away)
median() {
    local v
    for v in "$@"; do
        case $v in *[!0-9.]*) echo "$v"; return ;; esac
    done
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}
ratio3() { # A B: A/B to three decimals (pvm against the reference build)
    case "$1$2" in *[!0-9.]*) echo "-"; return ;; esac
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }'
}

rows=()
runner_opts=() # options for both qemu and pvm (e.g. -L SYSROOT for Debian's dynamic programs)
bench() { # NAME NATIVE-CMD :: ARM64-CMD (the arm64 command without its runner; :: because
    # the native command holds native-run.sh's own --)
    local name=$1
    shift
    local nat=() arm=()
    while [ "$1" != :: ]; do nat+=("$1"); shift; done
    shift
    arm=("$@")
    echo "bench: $name" >&2
    local r all_native=() all_qemu=() all_pvm=() all_ref=()
    for ((r = 0; r < runs; r++)); do
        timed native "${nat[@]}"
        all_native+=("$t_native")
        timed qemu "$qemu" -cpu "$qcpu" "${runner_opts[@]}" "${arm[@]}"
        all_qemu+=("$t_qemu")
        timed pvm "$pvm" "${runner_opts[@]}" "${arm[@]}"
        all_pvm+=("$t_pvm")
        if [ -n "$ref" ]; then
            timed ref "$ref" "${runner_opts[@]}" "${arm[@]}"
            all_ref+=("$t_ref")
        fi
    done
    t_native=$(median "${all_native[@]}")
    t_qemu=$(median "${all_qemu[@]}")
    t_pvm=$(median "${all_pvm[@]}")
    local note=""
    cmp -s "$work/native.out" "$work/qemu.out" || note="qemu output differs"
    if [[ $t_pvm != failed* && $t_pvm != timeout ]] && ! cmp -s "$work/native.out" "$work/pvm.out"; then
        note="${note:+$note; }pvm output differs"
    fi
    [[ $t_pvm == failed* ]] && note="${note:+$note; }$(head -n1 "$work/pvm.err")"
    local refcols=""
    if [ -n "$ref" ]; then
        t_ref=$(median "${all_ref[@]}")
        cmp -s "$work/pvm.out" "$work/ref.out" || note="${note:+$note; }ref output differs"
        refcols=" $t_ref | $(ratio3 "$t_pvm" "$t_ref") |"
    fi
    rows+=("| $name | $t_native | $t_qemu | $t_pvm | $(ratio "$t_qemu" "$t_native") | $(ratio "$t_pvm" "$t_native") | $(ratio "$t_pvm" "$t_qemu") |$refcols $note |")
}

bench "busybox sha256sum 16 MiB" "${nat[@]}" "$bb_nat" sha256sum "$data" :: "$bb_arm" sha256sum "$data"
bench "busybox gzip -6 16 MiB" "${nat[@]}" "$bb_nat" gzip -6 -c "$data" :: "$bb_arm" gzip -6 -c "$data"
bench "busybox sh loop (200k iterations)" \
    "${nat[@]}" "$bb_nat" sh -c 'i=0; s=0; while [ $i -lt 200000 ]; do s=$((s + i % 7)); i=$((i + 1)); done; echo $s' :: \
    "$bb_arm" sh -c 'i=0; s=0; while [ $i -lt 200000 ]; do s=$((s + i % 7)); i=$((i + 1)); done; echo $s'
bench "C kernels (crc32, sort, sieve, matmul; scale $scale)" "$kn" "$scale" :: "$ka" "$scale"
# Debian's dynamic arm64 openssl (tests/debs.lock) against its amd64 build: the
# crypto-extension paths (SHA256H, AESE) on the arm64 side, SHA-NI/AES-NI natively
sysroot=$build/sysroot
if [ -x "$sysroot/usr/bin/openssl" ] && [ -f "$nroot/usr/bin/openssl" ]; then
    runner_opts=(-L "$sysroot")
    bench "openssl dgst -sha256 16 MiB" "${nat[@]}" /usr/bin/openssl dgst -sha256 "$data" :: \
        "$sysroot/usr/bin/openssl" dgst -sha256 "$data"
    bench "openssl enc -aes-128-ctr 16 MiB" "${nat[@]}" /usr/bin/openssl enc -aes-128-ctr -K 000102030405060708090a0b0c0d0e0f \
        -iv 0 -in "$data" :: "$sysroot/usr/bin/openssl" enc -aes-128-ctr -K 000102030405060708090a0b0c0d0e0f -iv 0 -in "$data"
fi
# Debian's python3, lua5.4, sqlite3, xz and bzip2 (tests/debs.lock), both architectures
data4=$work/data-4m.txt
head -c 4194304 "$data" > "$data4"
opt_bench() { # NAME PATH ARGS...: /PATH in the native tree, SYSROOT/PATH under qemu and pvm
    local name=$1 path=$2
    shift 2
    if ! [ -x "$sysroot/$path" ] || ! [ -f "$nroot/$path" ]; then
        rows+=("| $name | - | - | - | - | - | - |${ref:+ - | - |} /$path missing natively or in the sysroot |")
        return 0
    fi
    bench "$name" "${nat[@]}" "/$path" "$@" :: "$sysroot/$path" "$@"
}
runner_opts=(-L "$sysroot")
opt_bench "python3 pure-python (n-body, dicts)" usr/bin/python3.11 "$root/tests/bench/pybench.py" 1
opt_bench "lua5.4 (sieve, tables)" usr/bin/lua5.4 "$root/tests/bench/luabench.lua" 1
opt_bench "sqlite3 :memory: (200k rows, index, join)" usr/bin/sqlite3 :memory: ".read $root/tests/bench/sqlbench.sql"
opt_bench "xz -6 4 MiB" usr/bin/xz -6 -c "$data4"
opt_bench "bzip2 -9 4 MiB" bin/bzip2 -9 -c "$data4"
runner_opts=()

echo
echo "pvm $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') on $(nproc) CPU(s), $(date -u +%Y-%m-%d);" \
    "qemu-aarch64 -cpu $qcpu; times in seconds (wall, median of $runs run(s))${ref:+; ref = $ref}"
echo
if [ -n "$ref" ]; then
    echo "| workload | native | qemu | pvm | qemu/native | pvm/native | pvm/qemu | ref | pvm/ref | notes |"
    echo "|---|---|---|---|---|---|---|---|---|---|"
else
    echo "| workload | native | qemu | pvm | qemu/native | pvm/native | pvm/qemu | notes |"
    echo "|---|---|---|---|---|---|---|---|"
fi
printf '%s\n' "${rows[@]}"

# start-up of a dynamic hello world: mean wall time of 20 runs and peak RSS
hn=$build/tests/bench/native/hello-dyn ha=$build/tests/bench/arm64/hello-dyn
startup() { # LABEL CMD...: "| LABEL | ms | KiB |"
    local label=$1 t0 rss=0 r e
    shift
    t0=$(tl_now)
    for _ in $(seq 20); do "$@" > /dev/null 2>&1; done
    e=$(tl_elapsed "$t0")
    r=$(/usr/bin/time -f %M "$@" 2>&1 > /dev/null | tail -n1)
    [ -n "$r" ] && rss=$r
    echo "| $label | $(awk -v e="$e" 'BEGIN { printf "%.1f", e * 1000 / 20 }') | $rss |"
}
if [ -x "$hn" ] && [ -x "$ha" ]; then
    echo
    echo "| dynamic hello world | start-up (ms, mean of 20) | peak RSS (KiB) |"
    echo "|---|---|---|"
    startup native "$hn"
    startup qemu "$qemu" -cpu "$qcpu" -L /usr/aarch64-linux-gnu "$ha"
    startup pvm "$pvm" "$ha"
    [ -n "$ref" ] && startup ref "$ref" "$ha"
fi

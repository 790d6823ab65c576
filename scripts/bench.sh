#!/usr/bin/env bash
# `make bench`: real workloads run natively (Debian's amd64 busybox, openssl,
# python3.11, lua5.4, sqlite3, gzip, xz, bzip2 and 7zz pinned in
# tests/debs.lock and run from the native tree BUILD/native-root through
# tests/lib/native-run.sh, never the host's own; host-compiled C), under
# qemu-aarch64, under pvm in its default mode and under pvm with PVM_JIT=0
# (interpreter only), the arm64 builds of the same packages from
# BUILD/sysroot and cross-compiled C; prints wall times, ratios and the
# geometric means over the Debian workloads as a markdown table, then the
# start-up time of a static and a dynamic hello world and their peak RSS,
# each beside issue 17's target. The outputs of all runs of a row must agree
# with the native one, or the row says so. Not part of `make check`.
# usage: scripts/bench.sh BUILD   env:
#   BENCH_RUNS     runs of each side, the median is shown (default 3)
#   BENCH_INTERP   0 drops the pvm-interp column (PVM_JIT=0 runs; saves
#                  about a third of the time while pvm has no translator)
#   BENCH_ONLY     an extended regex: only the workloads whose names match
#                  (the start-up tables are always printed)
#   BENCH_SCALE    C kernels' scale (default 4)
#   BENCH_TIMEOUT  seconds per run (default 900)
#   QEMU, QEMU_CPU the qemu-aarch64 binary and its -cpu (cortex-a53)
#   BENCH_OFF      names of --jit-off speed-ups ("regcache flags fp chain
#                  hugepages"): pvm runs again with each one off, right after
#                  each pvm run, and a column per name shows the median of
#                  the rounds' off/pvm ratios (what the speed-up buys)
#   PVM_REF        another pvm binary (e.g. the previous commit's build): a
#                  "ref" column run with PVM_JIT=0 and pvm-interp/ref, of wall
#                  and of CPU time, each of its runs next to one of
#                  pvm-interp's (in alternating order) so load drifts touch
#                  both alike (issue 17: interpreter-only mode within 5 % of
#                  the previous commit); implies the pvm-interp column
# shellcheck disable=SC2016,SC2154 # perl and sh -c scripts; t_* are set by printf -v
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
sysroot=$build/sysroot
# the native side of a Debian program: native-run.sh NROOT ... -- /PATH
nat=("$root/tests/lib/native-run.sh" "$nroot" --bind "$work" --bind "$root/tests/bench" --)
bb_nat=/bin/busybox
kn=$build/tests/bench/native/kernels
ka=$build/tests/bench/arm64/kernels
qemu=${QEMU:-qemu-aarch64}
qcpu=${QEMU_CPU:-cortex-a53}
scale=${BENCH_SCALE:-4}
tmo=${BENCH_TIMEOUT:-900}
runs=${BENCH_RUNS:-3}
interp=${BENCH_INTERP:-1}
only=${BENCH_ONLY:-}
ref=${PVM_REF:-}
read -r -a offs <<< "${BENCH_OFF:-}"
case $runs in '' | *[!0-9]* | 0) echo "bench: BENCH_RUNS=$runs is not a positive number" >&2; exit 1 ;; esac
if [ -n "$ref" ]; then
    if [ ! -x "$ref" ]; then
        echo "bench: PVM_REF=$ref is not an executable" >&2
        exit 1
    fi
    if [ "$interp" = 0 ]; then
        echo "bench: PVM_REF is compared with pvm-interp: BENCH_INTERP=0 ignored" >&2
        interp=1
    fi
fi
[ "$interp" = 0 ] || interp=1

for f in "$pvm" "$bb_arm" "$nroot$bb_nat" "$kn" "$ka"; do
    [ -e "$f" ] || { echo "bench: missing $f (run through make bench)" >&2; exit 1; }
done
bench_start=$(tl_now)

# a deterministic 16 MiB text file: compressible, but not trivially
data=$work/data-16m.txt
if [ ! -s "$data" ] || [ "$(stat -c %s "$data")" != 16777216 ]; then
    seq 1 3000000 | awk '{ print $1, ($1 * 7919) % 104729, "lorem ipsum dolor", $1 % 13 }' |
        head -c 16777216 > "$data"
fi
data4=$work/data-4m.txt
head -c 4194304 "$data" > "$data4"

# split_env ARGS...: leading NAME=VALUE words into e_vars, the rest into e_cmd
split_env() {
    e_vars=()
    while [ $# -gt 0 ] && [[ $1 =~ ^[A-Za-z_][A-Za-z0-9_]*= ]]; do
        e_vars+=("$1")
        shift
    done
    e_cmd=("$@")
}

# the runner of every timed command: TL_NOSIG's exit status, and the CPU
# seconds (user + system) of the command and its waited-for descendants
# written to the file given as the first argument: on a shared machine CPU
# time moves much less with the others' load than wall time does
BENCH_WRAP='my $f = shift; system { $ARGV[0] } @ARGV; my $s = $?;
    my (undef, undef, $cu, $cs) = times; my $o; open($o, ">", $f) and printf $o "%.2f\n", $cu + $cs;
    exit($s == -1 ? 127 : $s & 127 ? 128 + ($s & 127) : $s >> 8)'

# timed LABEL [NAME=VALUE...] CMD...: sets t_<LABEL> (seconds or a failure
# word) and c_<LABEL> (CPU seconds, or "-" when the run failed) and leaves
# the output in $work/<LABEL>.out: the program's stdout, or
# the file $work/$out_file when that is set (removed before the run: 7zz a
# adds to an existing archive). Every side gets the same small environment,
# plus the NAME=VALUE words.
out_file=
timed() {
    local label=$1
    shift
    split_env "$@"
    local start rc stdout=$work/$label.out
    if [ -n "$out_file" ]; then
        rm -f "$work/$out_file"
        stdout=$work/$label.stdout
    fi
    start=$(tl_now)
    (cd "$work" && timeout -k 5 "$tmo" env -i PATH=/usr/bin:/bin TZ=UTC LC_ALL=C "${e_vars[@]}" \
        "$TL_PERL" -e "$BENCH_WRAP" "$work/$label.cpu" "${e_cmd[@]}" > "$stdout" 2> "$work/$label.err" < /dev/null)
    rc=$?
    printf -v "c_$label" -- -
    if [ $rc = 0 ]; then
        printf -v "t_$label" '%s' "$(tl_elapsed "$start")"
        printf -v "c_$label" '%s' "$(cat "$work/$label.cpu" 2> /dev/null || echo -)"
    elif [ $rc = 124 ]; then
        printf -v "t_$label" 'timeout'
    else
        printf -v "t_$label" 'failed(%s)' "$rc"
    fi
    if [ -n "$out_file" ]; then
        mv -f "$work/$out_file" "$work/$label.out" 2> /dev/null || : > "$work/$label.out"
    fi
}

isnum() { case $1 in '' | *[!0-9.]*) return 1 ;; esac; }
ratio() { # A B: A/B, or "-" when either is not a number
    if ! isnum "$1" || ! isnum "$2"; then echo "-"; return; fi
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "-" }'
}
pair() { # A B: A/B unformatted, or "-" (a round's pvm over its qemu)
    if ! isnum "$1" || ! isnum "$2"; then echo "-"; return; fi
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.4f", a / b; else print "-" }'
}
ratio3() { # A B: A/B to three decimals (pvm-interp against the reference build)
    if ! isnum "$1" || ! isnum "$2"; then echo "-"; return; fi
    awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.3f", a / b; else print "-" }'
}

# median of run times; a failure word wins (a failed run is not averaged away)
median() {
    local v
    for v in "$@"; do
        isnum "$v" || { echo "$v"; return; }
    done
    printf '%s\n' "$@" | sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# the columns: native qemu pvm [pvm-interp] | qemu/native pvm/native pvm/qemu
# [pvm-interp/qemu] | [ref pvm-interp/ref cpu:pvm-interp/ref] | notes
ncols=7
[ "$interp" = 1 ] && ncols=$((ncols + 2))
[ -n "$ref" ] && ncols=$((ncols + 3))
ncols=$((ncols + ${#offs[@]}))
dashes() { # N: "| - | - ... |" cells for N columns
    local i s=""
    for ((i = 0; i < $1; i++)); do s+=" - |"; done
    echo "$s"
}

rows=()
geo=()  # "native qemu pvm interp ref" times of the rows the geometric means cover
geo_names=()
in_geo=0 # set while the Debian workload rows run
runner_opts=() # options for both qemu and pvm (e.g. -L SYSROOT for Debian's dynamic programs)
bench() { # NAME NATIVE-CMD :: ARM64-CMD (the arm64 command without its runner; :: because
    # the native command holds native-run.sh's own --)
    local name=$1
    shift
    if [ -n "$only" ] && ! [[ $name =~ $only ]]; then return 0; fi
    local nat=() arm=()
    while [ "$1" != :: ]; do nat+=("$1"); shift; done
    shift
    arm=("$@")
    echo "bench: $name" >&2
    local r all_native=() all_qemu=() all_pvm=() all_interp=() all_ref=() cpu_interp=() cpu_ref=() all_pq=()
    local t_interp=- t_ref=- side n
    local -A off_pairs=()
    for ((r = 0; r < runs; r++)); do
        timed native "${nat[@]}"
        all_native+=("$t_native")
        timed qemu "$qemu" -cpu "$qcpu" "${runner_opts[@]}" "${arm[@]}"
        all_qemu+=("$t_qemu")
        timed pvm "$pvm" "${runner_opts[@]}" "${arm[@]}"
        all_pvm+=("$t_pvm")
        all_pq+=("$(pair "$t_pvm" "$t_qemu")")
        # each speed-up off in turn, right after the pvm run it is compared with
        for n in "${offs[@]}"; do
            timed "off_$n" PVM_JIT_OFF="$n" "$pvm" "${runner_opts[@]}" "${arm[@]}"
            local tn=t_off_$n
            off_pairs[$n]+=" $(pair "${!tn}" "$t_pvm")"
        done
        # pvm-interp and ref next to each other, in alternating order
        local order=(interp ref)
        [ $((r % 2)) = 1 ] && order=(ref interp)
        for side in "${order[@]}"; do
            if [ "$side" = interp ] && [ "$interp" = 1 ]; then
                timed interp PVM_JIT=0 "$pvm" "${runner_opts[@]}" "${arm[@]}"
                all_interp+=("$t_interp")
                cpu_interp+=("$c_interp")
            elif [ "$side" = ref ] && [ -n "$ref" ]; then
                timed ref PVM_JIT=0 "$ref" "${runner_opts[@]}" "${arm[@]}"
                all_ref+=("$t_ref")
                cpu_ref+=("$c_ref")
            fi
        done
    done
    t_native=$(median "${all_native[@]}")
    t_qemu=$(median "${all_qemu[@]}")
    t_pvm=$(median "${all_pvm[@]}")
    # pvm/qemu: the median of each round's ratio (its two runs are next to
    # each other, so a load that drifts between rounds touches both alike)
    local pq
    pq=$(median "${all_pq[@]}")
    local note="" t c_i=- c_r=-
    cmp -s "$work/native.out" "$work/qemu.out" || note="qemu output differs"
    local offsides=()
    for n in "${offs[@]}"; do offsides+=("off_$n"); done
    for side in pvm ${all_interp[0]+interp} ${all_ref[0]+ref} "${offsides[@]}"; do
        t=t_$side
        [ "$side" = interp ] && t_interp=$(median "${all_interp[@]}")
        [ "$side" = ref ] && t_ref=$(median "${all_ref[@]}")
        case ${!t} in
            failed* | timeout) note="${note:+$note; }$side: $(head -n1 "$work/$side.err")" ;;
            *) cmp -s "$work/native.out" "$work/$side.out" || note="${note:+$note; }$side output differs" ;;
        esac
    done
    local row="| $name | $t_native | $t_qemu | $t_pvm |"
    [ "$interp" = 1 ] && row+=" $t_interp |"
    row+=" $(ratio "$t_qemu" "$t_native") | $(ratio "$t_pvm" "$t_native") | $(ratio "$pq" 1) |"
    [ "$interp" = 1 ] && row+=" $(ratio "$t_interp" "$t_qemu") |"
    if [ -n "$ref" ]; then
        c_i=$(median "${cpu_interp[@]}")
        c_r=$(median "${cpu_ref[@]}")
        row+=" $t_ref | $(ratio3 "$t_interp" "$t_ref") | $(ratio3 "$c_i" "$c_r") |"
    fi
    local offgeo=""
    for n in "${offs[@]}"; do
        # shellcheck disable=SC2086 # the pairs are words
        local m
        m=$(median ${off_pairs[$n]})
        row+=" $(ratio "$m" 1) |"
        offgeo+=" $m 1"
    done
    rows+=("$row $note |")
    if [ $in_geo = 1 ]; then
        geo+=("$t_native $t_qemu $t_pvm $t_interp $t_ref $c_i $c_r $pq 1$offgeo")
        geo_names+=("${name%% *}")
    fi
}

bench "busybox sha256sum 16 MiB" "${nat[@]}" "$bb_nat" sha256sum "$data" :: "$bb_arm" sha256sum "$data"
bench "busybox gzip -6 16 MiB" "${nat[@]}" "$bb_nat" gzip -6 -c "$data" :: "$bb_arm" gzip -6 -c "$data"
bench "busybox sh loop (200k iterations)" \
    "${nat[@]}" "$bb_nat" sh -c 'i=0; s=0; while [ $i -lt 200000 ]; do s=$((s + i % 7)); i=$((i + 1)); done; echo $s' :: \
    "$bb_arm" sh -c 'i=0; s=0; while [ $i -lt 200000 ]; do s=$((s + i % 7)); i=$((i + 1)); done; echo $s'
bench "C kernels (crc32, sort, sieve, matmul; scale $scale)" "$kn" "$scale" :: "$ka" "$scale"
# Debian's dynamic arm64 openssl (tests/debs.lock) against its amd64 build: the
# crypto-extension paths (SHA256H, AESE) on the arm64 side, SHA-NI/AES-NI natively
if [ -x "$sysroot/usr/bin/openssl" ] && [ -f "$nroot/usr/bin/openssl" ]; then
    runner_opts=(-L "$sysroot")
    bench "openssl dgst -sha256 16 MiB" "${nat[@]}" /usr/bin/openssl dgst -sha256 "$data" :: \
        "$sysroot/usr/bin/openssl" dgst -sha256 "$data"
    bench "openssl enc -aes-128-ctr 16 MiB" "${nat[@]}" /usr/bin/openssl enc -aes-128-ctr -K 000102030405060708090a0b0c0d0e0f \
        -iv 0 -in "$data" :: "$sysroot/usr/bin/openssl" enc -aes-128-ctr -K 000102030405060708090a0b0c0d0e0f -iv 0 -in "$data"
fi
# issue 17's seven Debian workloads (tests/debs.lock, both architectures): the
# rows the geometric means cover
opt_bench() { # NAME PATH ARGS...: /PATH in the native tree, SYSROOT/PATH under qemu and pvm
    local name=$1 path=$2
    shift 2
    if [ -n "$only" ] && ! [[ $name =~ $only ]]; then return 0; fi
    if ! [ -x "$sysroot/$path" ] || ! [ -f "$nroot/$path" ]; then
        rows+=("| $name |$(dashes $((ncols - 1))) /$path missing natively or in the sysroot |")
        return 0
    fi
    bench "$name" "${nat[@]}" "/$path" "$@" :: "$sysroot/$path" "$@"
}
runner_opts=(-L "$sysroot")
in_geo=1
opt_bench "python3 pure-python (n-body, dicts)" usr/bin/python3.11 "$root/tests/bench/pybench.py" 1
opt_bench "lua5.4 (sieve, tables)" usr/bin/lua5.4 "$root/tests/bench/luabench.lua" 1
opt_bench "sqlite3 :memory: (200k rows, index, join)" usr/bin/sqlite3 :memory: ".read $root/tests/bench/sqlbench.sql"
opt_bench "gzip -9 4 MiB" bin/gzip -9 -n -c "$data4"
opt_bench "bzip2 -9 4 MiB" bin/bzip2 -9 -c "$data4"
opt_bench "xz -6 4 MiB" usr/bin/xz -6 -c "$data4"
# a fixed job, not `7zz b` (whose benchmark scales its work to the speed it
# sees); the archive is the output compared (7zz's stdout names the host)
out_file=bench.7z
opt_bench "7zz a -mx5 -mmt1 4 MiB (LZMA2)" usr/bin/7zz a -bd -mmt1 -mx5 "$work/bench.7z" "$data4"
out_file=
in_geo=0
runner_opts=()

# geometric means of the ratios over the rows in geo (only rows where both
# sides have a time count: a failed side leaves its pair out)
geomean() { # I J: field I over field J of the geo rows
    printf '%s\n' "${geo[@]}" | awk -v i="$1" -v j="$2" '
        $i ~ /^[0-9.]+$/ && $j ~ /^[0-9.]+$/ && $j > 0 && $i > 0 { s += log($i / $j); n++ }
        END { if (n) printf "%.2fx", exp(s / n); else print "-" }'
}
if [ ${#geo[@]} -gt 0 ]; then
    names=$(IFS=,; echo "${geo_names[*]}")
    row="| geometric mean over ${#geo[@]} Debian workload(s): ${names//,/, } | | | |"
    [ "$interp" = 1 ] && row+=" |"
    row+=" $(geomean 2 1) | $(geomean 3 1) | $(geomean 8 9) |"
    [ "$interp" = 1 ] && row+=" $(geomean 4 2) |"
    [ -n "$ref" ] && row+=" | $(geomean 4 5 | sed 's/x$//') | $(geomean 6 7 | sed 's/x$//') |"
    for ((k = 0; k < ${#offs[@]}; k++)); do row+=" $(geomean $((10 + 2 * k)) $((11 + 2 * k))) |"; done
    rows+=("$row |")
fi

echo
sides=""
[ "$interp" = 1 ] && sides+="; pvm-interp = pvm with PVM_JIT=0"
[ -n "$ref" ] && sides+="; ref = $ref with PVM_JIT=0"
echo "pvm $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?') on $(nproc) CPU(s), $(date -u +%Y-%m-%d);" \
    "qemu-aarch64 -cpu $qcpu; times in seconds (wall, median of $runs run(s));" \
    "pvm/qemu is the median of the rounds' ratios (each round runs native, qemu, pvm in turn)$sides"
echo
hdr="| workload | native | qemu | pvm |"
[ "$interp" = 1 ] && hdr+=" pvm-interp |"
hdr+=" qemu/native | pvm/native | pvm/qemu |"
[ "$interp" = 1 ] && hdr+=" pvm-interp/qemu |"
[ -n "$ref" ] && hdr+=" ref | pvm-interp/ref | pvm-interp/ref (CPU) |"
for n in "${offs[@]}"; do hdr+=" off $n/pvm |"; done
echo "$hdr notes |"
echo "|---|$(printf '%.0s---|' $(seq "$ncols"))"
printf '%s\n' "${rows[@]}"

# start-up: a static and a dynamic hello world (tests/bench/startup/hello.c),
# mean wall time of 20 runs after an untimed one, each started by perl's
# fork and exec with the output to /dev/null (the cost of starting a program
# from a shell, minus the shell); peak RSS from /usr/bin/time -f %M
startup_ms() { # [NAME=VALUE...] CMD...: mean milliseconds, or "failed"
    split_env "$@"
    env -i PATH=/usr/bin:/bin TZ=UTC LC_ALL=C "${e_vars[@]}" "$TL_PERL" -MTime::HiRes=time -e '
        open(my $out, ">&", \*STDOUT) or die; open(STDOUT, ">", "/dev/null") or die;
        open(STDERR, ">", "/dev/null") or die;
        my $n = shift;
        for my $i (0 .. $n) {
            $t = time if $i == 1;
            system { $ARGV[0] } @ARGV;
            if ($?) { print $out "failed\n"; exit 0 }
        }
        printf $out "%.2f\n", (time - $t) * 1000 / $n' 20 "${e_cmd[@]}"
}
peak_rss() { # [NAME=VALUE...] CMD...: KiB, or "-"
    split_env "$@"
    local f=$work/rss.txt
    rm -f "$f"
    [ -x /usr/bin/time ] || { echo -; return; }
    if env -i PATH=/usr/bin:/bin TZ=UTC LC_ALL=C "${e_vars[@]}" /usr/bin/time -f %M -o "$f" "${e_cmd[@]}" > /dev/null 2>&1 &&
        [ -s "$f" ]; then
        tail -n1 "$f"
    else
        echo -
    fi
}
hn=$build/tests/bench/native/hello-dyn ha=$build/tests/bench/arm64/hello-dyn
hsn=$build/tests/bench/native/hello-static hsa=$build/tests/bench/arm64/hello-static
qlib=(-L /usr/aarch64-linux-gnu)
if [ -x "$hn" ] && [ -x "$ha" ] && [ -x "$hsn" ] && [ -x "$hsa" ]; then
    echo "bench: start-up" >&2
    declare -A ms kib
    for kind in static dynamic; do
        case $kind in
            static) n=$hsn a=$hsa q=() ;;
            dynamic) n=$hn a=$ha q=("${qlib[@]}") ;;
        esac
        ms[$kind.native]=$(startup_ms "$n")
        ms[$kind.qemu]=$(startup_ms "$qemu" -cpu "$qcpu" "${q[@]}" "$a")
        ms[$kind.pvm]=$(startup_ms "$pvm" "$a")
        [ "$interp" = 1 ] && ms[$kind.interp]=$(startup_ms PVM_JIT=0 "$pvm" "$a")
        [ -n "$ref" ] && ms[$kind.ref]=$(startup_ms PVM_JIT=0 "$ref" "$a")
        kib[$kind.native]=$(peak_rss "$n")
        kib[$kind.qemu]=$(peak_rss "$qemu" -cpu "$qcpu" "${q[@]}" "$a")
        kib[$kind.pvm]=$(peak_rss "$pvm" "$a")
        [ -n "$ref" ] && kib[$kind.ref]=$(peak_rss PVM_JIT=0 "$ref" "$a")
    done
    echo
    hdr="| start-up (ms, mean of 20) | native | qemu | pvm |"
    sep="|---|---|---|---|"
    [ "$interp" = 1 ] && { hdr+=" pvm-interp |"; sep+="---|"; }
    [ -n "$ref" ] && { hdr+=" ref |"; sep+="---|"; }
    echo "$hdr pvm/qemu | target (pvm) |"
    echo "$sep---|---|"
    for kind in static dynamic; do
        row="| $kind hello | ${ms[$kind.native]} | ${ms[$kind.qemu]} | ${ms[$kind.pvm]} |"
        [ "$interp" = 1 ] && row+=" ${ms[$kind.interp]} |"
        [ -n "$ref" ] && row+=" ${ms[$kind.ref]} |"
        target=3
        [ $kind = dynamic ] && target=6
        met=$(isnum "${ms[$kind.pvm]}" && awk -v t="${ms[$kind.pvm]}" -v g=$target 'BEGIN { print (t <= g ? "met" : "missed") }')
        echo "$row $(ratio3 "${ms[$kind.pvm]}" "${ms[$kind.qemu]}") | ≤ $target ms${met:+ ($met)} |"
    done
    echo
    hdr="| peak RSS (KiB) | native | qemu | pvm |"
    sep="|---|---|---|---|"
    [ -n "$ref" ] && { hdr+=" ref |"; sep+="---|"; }
    echo "$hdr pvm/qemu | target (pvm/qemu) |"
    echo "$sep---|---|"
    for kind in static dynamic; do
        row="| $kind hello | ${kib[$kind.native]} | ${kib[$kind.qemu]} | ${kib[$kind.pvm]} |"
        [ -n "$ref" ] && row+=" ${kib[$kind.ref]} |"
        r=$(ratio3 "${kib[$kind.pvm]}" "${kib[$kind.qemu]}")
        met=$(isnum "$r" && awk -v r="$r" 'BEGIN { print (r <= 0.5 ? "met" : "missed") }')
        echo "$row $r | ≤ 0.5${met:+ ($met)} |"
    done
else
    echo "bench: start-up probes missing (run through make bench)" >&2
fi
echo "bench: $(tl_elapsed "$bench_start") s in all" >&2

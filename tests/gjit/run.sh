#!/usr/bin/env bash
# gjit suite (issue 17, guest JITs): Debian's arm64 luajit and nodejs, whose
# own JITs write, patch and discard arm64 code all the time, under pvm in
# each of GJIT_MODES (pvm's translator modes), against Debian's amd64 builds
# of the same versions run once from the native tree NATIVE_ROOT through
# tests/lib/native-run.sh (the comparison side of tests/debian too). A case
# passes when stdout bytes and exit status equal the native run's and the
# lines the case requires are there (luajit -jon: "jit: on" and "traces:
# yes", so a JIT that quietly stayed off fails). Cases (tests/gjit/cases.sh)
# are named CASE.MODE; each runs in a fresh directory holding copies of the
# scripts, with env -i LC_ALL=C TZ=UTC.
# usage: run.sh RUNNER SYSROOT WORKDIR [FILTER...]   (FILTER: case names, globs)
#   RUNNER: pvm, or an emulator taking -L SYSROOT (qemu-aarch64: validates
#   the cases; the modes then change nothing)
# env: NATIVE_ROOT (default SYSROOT/../native-root), GJIT_MODES (default
#      "interp default always"; a mode is a name below or NAME:VAR=VAL[,VAR=VAL]),
#      TIMEOUT (seconds per run, default 240: node takes 20-70 s under pvm's
#      interpreter, depending on the machine's load), JOBS, V=1 (passes and times)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/common.sh
. "$here/../lib/common.sh"

if [ $# -lt 3 ]; then
    echo "usage: $0 RUNNER SYSROOT WORKDIR [FILTER...]" >&2
    exit 2
fi
runner=$1
sysroot=$(realpath -m "$2")
work=$(realpath -m "$3")
shift 3
filters=("$@")
nroot=$(realpath -m "${NATIVE_ROOT:-$sysroot/../native-root}")
nrun=$here/../lib/native-run.sh
tmo=${TIMEOUT:-240}
jobs=$(tl_jobs)
read -r -a modes <<< "${GJIT_MODES:-interp default always}"

# mode_env MODE: the environment words the mode gives pvm (one a line)
mode_env() {
    case $1 in
        interp) echo PVM_JIT=0 ;;         # the interpreter only
        default) ;;                       # translation at pvm's threshold
        always) echo PVM_JIT_THRESHOLD=0 ;; # every block translated before it runs
        *:*) echo "${1#*:}" | tr ',' '\n' ;;
        *) return 1 ;;
    esac
}
mode_name() { echo "${1%%:*}"; }
for m in "${modes[@]}"; do
    if ! mode_env "$m" > /dev/null; then
        echo "gjit: unknown mode '$m' in GJIT_MODES (interp, default, always or NAME:VAR=VAL[,VAR=VAL])" >&2
        exit 2
    fi
done

# -- the cases: gcase NAME --bin PATH [--env V=X]... [--must LINE-REGEX]... -- ARGS
cnames=() cbins=() cargs=() cenvs=() cmusts=()
gcase() {
    local name=$1 bin="" env="" must=""
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        case $1 in
            --bin) bin=$2 ;;
            --env) env="$env$(printf '%q ' "$2")" ;;
            --must) must="$must$(printf '%q ' "$2")" ;;
            *) echo "cases.sh: $name: unknown option $1" >&2; exit 2 ;;
        esac
        shift 2
    done
    if [ $# -eq 0 ] || [ -z "$bin" ]; then
        echo "cases.sh: $name: want --bin PATH ... -- ARGS" >&2
        exit 2
    fi
    shift
    cnames+=("$name") cbins+=("$bin") cenvs+=("$env") cmusts+=("$must")
    cargs+=("$(printf '%q ' "$@")")
}
# shellcheck source=tests/gjit/cases.sh
. "$here/cases.sh"

# (case index, mode) pairs the filters select
todo=()
for i in "${!cnames[@]}"; do
    for m in "${modes[@]}"; do
        tl_selected "${cnames[$i]}.$(mode_name "$m")" && todo+=("$i $m")
    done
done
if [ ${#todo[@]} -eq 0 ]; then
    echo "no gjit cases match: ${filters[*]}"
    tl_summary
    exit 1
fi

# -- what can run: equal pins on both sides, both programs, a usable native tree
lock_version() { # PKG ARCH
    sed -n "s/^$1:\($2\|all\)=\([^ #]*\).*/\2/p" "$root/tests/debs.lock" | head -n1
}
declare -A bin_skip=()
nr_why=""
if [ -f "$nroot/bin/true" ] && ! nr_err=$("$nrun" "$nroot" -- /bin/true 2>&1); then
    nr_why="tests/lib/native-run.sh cannot run the native tree here: $(echo "$nr_err" | head -n1)"
fi
vers=()
for b in $(printf '%s\n' "${cbins[@]}" | sort -u); do
    why=$nr_why
    case $b in
        usr/bin/luajit) pkgs="luajit libluajit-5.1-2" ;;
        usr/bin/node) pkgs="nodejs libnode108" ;;
        *) pkgs="" ;;
    esac
    for p in $pkgs; do
        lv=$(lock_version "$p" arm64) nv=$(lock_version "$p" amd64)
        if [ -z "$lv" ] || [ -z "$nv" ]; then
            why="$p is not pinned for arm64 and amd64 in tests/debs.lock"
        elif [ "${lv%+b[0-9]*}" != "${nv%+b[0-9]*}" ]; then
            why="$p pins differ: arm64 $lv, amd64 $nv (tests/debs.lock)"
        else
            vers+=("$p=$lv")
        fi
        [ -n "$why" ] && break
    done
    if [ -z "$why" ] && [ ! -f "$nroot/$b" ]; then
        why="no native program at $nroot/$b (scripts/fetch-debs.sh amd64 $nroot)"
    elif [ -z "$why" ] && [ ! -f "$sysroot/$b" ]; then
        why="no arm64 program at $sysroot/$b (scripts/fetch-debs.sh arm64 $sysroot)"
    fi
    bin_skip[$b]=$why
done
[ ${#vers[@]} -gt 0 ] && echo "versions (tests/debs.lock, both architectures): ${vers[*]}"
read -r -a runner_cmd <<< "$runner"
# a path (not a command name): absolute, since the runs start in case directories
case ${runner_cmd[0]} in */*) runner_cmd[0]=$(realpath -m "${runner_cmd[0]}") ;; esac
rname=$(basename "${runner_cmd[0]}")
if ! command -v "${runner_cmd[0]}" > /dev/null 2>&1; then
    tl_fail gjit "no runner at ${runner_cmd[0]}"
    tl_summary
    exit 1
fi

rm -rf "$work"
mkdir -p "$work/fixture" "$work/results" "$work/cases"
cp "$here"/*.lua "$here"/*.js "$work/fixture/"

# run_side DIR OUT INDEX MODE: native (MODE empty) or the runner in MODE
run_side() {
    local dir=$1 out=$2 i=$3 mode=$4 envs=() argv=() cmd=() b=${cbins[$3]} TIMEFORMAT='%R %U %S'
    eval "envs=(${cenvs[$i]})"
    eval "argv=(${cargs[$i]})"
    if [ -z "$mode" ]; then
        cmd=("$nrun" "$nroot" --bind "$work" -- "/$b")
    else
        cmd=("${runner_cmd[@]}" -L "$sysroot" "$sysroot/$b")
        mapfile -t -O "${#envs[@]}" envs < <(mode_env "$mode" | grep -v '^$')
    fi
    mkdir -p "$dir"
    cp -al "$work/fixture/." "$dir/"
    # the time keyword's report: wall seconds, then the CPU seconds of the
    # program (user, system), which the machine's load does not inflate
    { time (cd "$dir" && timeout -k 5 "$tmo" env -i LC_ALL=C TZ=UTC HOME="$dir" PATH=/usr/bin:/bin "${envs[@]}" \
        "$TL_PERL" -e "$TL_NOSIG" "${cmd[@]}" "${argv[@]}" > "$out.out" 2> "$out.err" < /dev/null); } 2> "$out.times"
    echo $? > "$out.rc"
}

# check_case INDEX MODE R: the runner's side against the native one
check_case() {
    local i=$1 r=$3 msg="" nat=$work/results/${cnames[$1]}.native musts=() re nrc prc
    eval "musts=(${cmusts[$i]})"
    nrc=$(cat "$nat.rc") prc=$(cat "$r.rc")
    : > "$r.detail"
    if [ "$nrc" != 0 ]; then
        msg="the native reference run failed ($(tl_status_text "$nrc")): $(head -n1 "$nat.err")"
    elif [ "$prc" != "$nrc" ]; then
        msg="$rname $(tl_status_text "$prc"), native $(tl_status_text "$nrc")"
    fi
    if ! cmp -s "$nat.out" "$r.out"; then
        msg="${msg:+$msg; }stdout differs"
        { echo "stdout:"; tl_short_diff "$nat.out" "$r.out"; } >> "$r.detail"
    fi
    for re in "${musts[@]}"; do
        grep -qxE -- "$re" "$r.out" || msg="${msg:+$msg; }no line '$re' in the output"
    done
    if [ -n "$msg" ] && [ -s "$r.err" ]; then
        { echo "stderr:"; head -n 5 "$r.err"; } >> "$r.detail"
    fi
    if [ -z "$msg" ]; then echo pass > "$r.result"; rm -rf "$work/cases/${cnames[$i]}.$(mode_name "$2")"
    else printf 'fail\n%s\n' "$msg" > "$r.result"; fi
}

# the native side once per case (it does not depend on pvm's mode)
declare -A native_done=()
for t in "${todo[@]}"; do
    i=${t%% *}
    [ -n "${native_done[$i]:-}" ] || [ -n "${bin_skip[${cbins[$i]}]}" ] && continue
    run_side "$work/cases/${cnames[$i]}.native" "$work/results/${cnames[$i]}.native" "$i" ""
    native_done[$i]=1
done

# the runner's side, node's cases (the longest) first
order=()
for t in "${todo[@]}"; do [ "${cbins[${t%% *}]}" = usr/bin/node ] && order+=("$t"); done
for t in "${todo[@]}"; do [ "${cbins[${t%% *}]}" != usr/bin/node ] && order+=("$t"); done
for t in "${order[@]}"; do
    i=${t%% *} m=${t#* }
    [ -n "${bin_skip[${cbins[$i]}]}" ] && continue
    n=${cnames[$i]}.$(mode_name "$m")
    tl_wait_slot "$jobs"
    { run_side "$work/cases/$n" "$work/results/$n" "$i" "$m"; check_case "$i" "$m" "$work/results/$n"; } &
done
wait

# wall and CPU seconds of a run (from its .times file)
run_wall() { awk '{ printf "%.1f", $1 }' "$1.times"; }
run_cpu() { awk '{ printf "%.1f", $2 + $3 }' "$1.times"; }
declare -A mode_time=() mode_cpu=()
for t in "${todo[@]}"; do
    i=${t%% *} m=$(mode_name "${t#* }")
    n=${cnames[$i]}.$m
    if [ -n "${bin_skip[${cbins[$i]}]}" ]; then
        tl_skip "$n" "${bin_skip[${cbins[$i]}]}"
        continue
    fi
    r=$work/results/$n
    tl_report "$n" "$r"
    if [ -s "$r.times" ]; then
        nat=$work/results/${cnames[$i]}.native
        [ "$TL_VERBOSE" = 1 ] && echo "     $n: $(run_wall "$r") s, cpu $(run_cpu "$r") s (native $(run_wall "$nat") s, cpu $(run_cpu "$nat") s)"
        mode_time[$m]=$(awk -v a="${mode_time[$m]:-0}" -v b="$(run_wall "$r")" 'BEGIN { printf "%.1f", a + b }')
        mode_cpu[$m]=$(awk -v a="${mode_cpu[$m]:-0}" -v b="$(run_cpu "$r")" 'BEGIN { printf "%.1f", a + b }')
    fi
done
line=""
for m in "${modes[@]}"; do
    m=$(mode_name "$m")
    [ -n "${mode_time[$m]:-}" ] && line="$line, $m ${mode_time[$m]} s (cpu ${mode_cpu[$m]} s)"
done
[ -n "$line" ] && echo "run time per mode (the cases' runs added up):${line#,}"
[ "$tl_failed" -gt 0 ] && echo "(full outputs: $work/results/<case>.{native,MODE}.{out,err,rc,times})"
tl_summary

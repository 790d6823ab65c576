#!/usr/bin/env bash
# busybox suite: Debian's arm64 busybox-static under pvm against the same
# version's amd64 build (pinned in tests/debs.lock as well) run natively from
# the native tree NATIVE_ROOT through tests/lib/native-run.sh, never the
# host's own busybox. Each case (tests/busybox/cases.sh) runs
# in a fresh copy of a fixture with fixed mtimes, TZ=UTC and LC_ALL=C, and
# PATH holding applet symlinks to the side's own busybox; stdout and exit
# status must match. One more case runs a script under `pvm -d exec -D LOG`
# and checks pvm logged one "exec: " line per program the script exec'd.
# usage: run.sh PVM BUSYBOX_ARM64 WORKDIR [FILTER...]   (FILTER: case names, globs)
# env: NATIVE_ROOT (the amd64 tree, default BUSYBOX_ARM64's sysroot's
#      sibling native-root), TIMEOUT (seconds per run, default
#      60), BUDGET (seconds for the suite, default 600; cases not started by
#      then fail as "not run"), JOBS, V=1
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/common.sh
. "$here/../lib/common.sh"

if [ $# -lt 3 ]; then
    echo "usage: $0 PVM BUSYBOX_ARM64 WORKDIR [FILTER...]" >&2
    exit 2
fi
pvm=$(realpath "$1")
bb_arm=$(realpath "$2")
work=$(realpath -m "$3")
shift 3
filters=("$@")
nroot=$(realpath -m "${NATIVE_ROOT:-$(dirname "$bb_arm")/../../native-root}")
nrun=$here/../lib/native-run.sh
# the native busybox: a path inside the native tree
bb_native=/bin/busybox
tmo=${TIMEOUT:-60}
budget=${BUDGET:-600}
suite_start=$(date +%s)
jobs=$(tl_jobs)

# -- the cases
names=() opts=() argvs=()
bb() {
    local name=$1 o=""
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        case $1 in
            --stdin) o="$o stdin=$2"; shift ;;
            --tree | --stderr) o="$o ${1#--}" ;;
            *) echo "cases.sh: $name: unknown option $1" >&2; exit 2 ;;
        esac
        shift
    done
    shift
    names+=("$name")
    opts+=("$o")
    argvs+=("$(printf '%q ' "$@")")
}
# shellcheck source=tests/busybox/cases.sh
. "$here/cases.sh"

# -- versions: the comparison only means something for the same busybox;
# both pins come from tests/debs.lock and must agree modulo a binNMU suffix
lock_ver=$(sed -n 's/^busybox-static:arm64=\([^ #]*\).*/\1/p' "$root/tests/debs.lock")
nat_ver=$(sed -n 's/^busybox-static:amd64=\([^ #]*\).*/\1/p' "$root/tests/debs.lock")
same=0
[ -n "$lock_ver" ] && [ "${lock_ver%+b[0-9]*}" = "${nat_ver%+b[0-9]*}" ] && same=1
skip_all=""
if [ ! -f "$nroot$bb_native" ]; then
    skip_all="no native busybox at $nroot$bb_native (scripts/fetch-debs.sh amd64 $nroot)"
elif [ ! -f "$bb_arm" ]; then
    skip_all="no arm64 busybox at $bb_arm (scripts/fetch-debs.sh)"
elif [ $same = 0 ]; then
    skip_all="pins differ: arm64 ${lock_ver:-none}, amd64 ${nat_ver:-none} (tests/debs.lock; make update-pins)"
elif ! nr_err=$("$nrun" "$nroot" -- "$bb_native" true 2>&1); then
    skip_all="tests/lib/native-run.sh cannot run the native tree here: $(echo "$nr_err" | head -n1)"
fi
echo "busybox versions (tests/debs.lock): arm64 ${lock_ver:-none}, amd64 ${nat_ver:-none}:" \
    "$([ $same = 1 ] && echo "equal (modulo +bN)" || echo DIFFERENT)"
if [ -n "$skip_all" ]; then
    for n in "${names[@]}" exec_log; do
        tl_selected "$n" && tl_skip "$n" "$skip_all"
    done
    tl_summary
    exit $?
fi
if [ ! -x "$pvm" ]; then
    tl_fail "busybox" "no pvm executable at $pvm"
    tl_summary
    exit 1
fi

rm -rf "$work"
mkdir -p "$work/fixture" "$work/bin-native" "$work/bin-arm64" "$work/results"
make_fixture "$work/fixture"
# applet symlinks: each side's sh finds the other applets through PATH
for a in $("$nrun" "$nroot" -- "$bb_native" --list); do
    ln -s "$bb_native" "$work/bin-native/$a"
    ln -s "$bb_arm" "$work/bin-arm64/$a"
done

# run_side SIDE CASEDIR RESULTPREFIX STDIN ARGV...: one side of one case
run_side() {
    local side=$1 dir=$2 out=$3 stdin=$4
    shift 4
    local path bbp cmd
    if [ "$side" = native ]; then
        path=$work/bin-native bbp=$bb_native cmd=("$nrun" "$nroot" --bind "$work" -- "$bb_native")
    else
        path=$work/bin-arm64 bbp=$bb_arm cmd=("$pvm" "$bb_arm")
    fi
    mkdir -p "$dir"
    cp -a "$work/fixture/." "$dir/"
    (cd "$dir" && timeout -k 5 "$tmo" env -i PATH="$path" HOME="$dir" TZ=UTC LC_ALL=C BB="$bbp" "${TL_MODE_ENV[@]}" \
        "$TL_PERL" -e "$TL_NOSIG" "${cmd[@]}" "$@" > "$out.out" 2> "$out.err" < "${stdin:-/dev/null}")
    echo $? > "$out.rc"
    # the directory afterwards: types, names, sizes, modes, file contents
    (cd "$dir" && find . -mindepth 1 \( -type f -printf '%y %p %s %m ' -exec md5sum {} \; \) \
        -o \( ! -type f -printf '%y %p %m\n' \) | sed 's/  \..*$//' | LC_ALL=C sort) > "$out.tree"
}

run_case() { # INDEX
    local i=$1 name=${names[$1]} o=${opts[$1]} argv stdin="" r
    eval "argv=(${argvs[$1]})"
    r=$work/results/$name
    # shellcheck disable=SC2001
    case $o in *stdin=*) stdin=$work/fixture/$(echo "$o" | sed 's/.*stdin=\([^ ]*\).*/\1/') ;; esac
    run_side native "$work/cases/$name/native" "$r.native" "$stdin" "${argv[@]}"
    run_side pvm "$work/cases/$name/pvm" "$r.pvm" "$stdin" "${argv[@]}"
    local msg="" nrc prc
    nrc=$(cat "$r.native.rc") prc=$(cat "$r.pvm.rc")
    : > "$r.detail"
    [ "$nrc" != "$prc" ] && msg="pvm $(tl_status_text "$prc"), native $(tl_status_text "$nrc")"
    # a reference that never ran would make both sides agree on nothing
    if [ "$nrc" = 126 ] || [ "$nrc" = 127 ] || [ "$nrc" = 124 ]; then
        msg="the native reference run failed ($(tl_status_text "$nrc")): $(head -n1 "$r.native.err")"
    fi
    if ! cmp -s "$r.native.out" "$r.pvm.out"; then
        msg="${msg:+$msg; }stdout differs"
        { echo "stdout:"; tl_short_diff "$r.native.out" "$r.pvm.out"; } >> "$r.detail"
    fi
    case $o in *stderr*)
        if ! cmp -s "$r.native.err" "$r.pvm.err"; then
            msg="${msg:+$msg; }stderr differs"
            { echo "stderr:"; tl_short_diff "$r.native.err" "$r.pvm.err"; } >> "$r.detail"
        fi ;;
    esac
    case $o in *tree*)
        if ! cmp -s "$r.native.tree" "$r.pvm.tree"; then
            msg="${msg:+$msg; }directory afterwards differs"
            { echo "tree:"; tl_short_diff "$r.native.tree" "$r.pvm.tree"; } >> "$r.detail"
        fi ;;
    esac
    if [ -n "$msg" ] && [ -s "$r.pvm.err" ] && [[ $o != *stderr* ]]; then
        { echo "pvm stderr:"; head -n 5 "$r.pvm.err"; } >> "$r.detail"
    fi
    if [ -z "$msg" ]; then echo pass > "$r.result"; else printf 'fail\n%s\n' "$msg" > "$r.result"; fi
}

# -d exec: one "exec: " log line for the first program and one per execve.
# The script runs busybox by path, so ash really execs it (no applet shortcut).
run_exec_log() {
    local r=$work/results/exec_log dir=$work/cases/exec_log log
    mkdir -p "$dir"
    log=$dir/exec.log
    : > "$log"
    # shellcheck disable=SC2016
    local script='"$BB" true; "$BB" echo piped | "$BB" cat; v=$("$BB" echo substituted); echo "$v"; exec "$BB" echo last'
    (cd "$dir" && timeout -k 5 "$tmo" env -i PATH="$work/bin-arm64" TZ=UTC LC_ALL=C BB="$bb_arm" "${TL_MODE_ENV[@]}" \
        "$TL_PERL" -e "$TL_NOSIG" "$pvm" -d exec -D "$log" "$bb_arm" sh -c "$script" > "$r.out" 2> "$r.err" < /dev/null)
    echo $? > "$r.rc"
    local want=6 got msg=""
    got=$(grep -c 'exec: ' "$log")
    : > "$r.detail"
    [ "$(cat "$r.rc")" != 0 ] && msg="pvm $(tl_status_text "$(cat "$r.rc")")"
    if [ "$(cat "$r.out")" != "$(printf 'piped\nsubstituted\nlast')" ]; then
        msg="${msg:+$msg; }unexpected output"
    fi
    if [ "$got" != "$want" ]; then
        msg="${msg:+$msg; }$got 'exec: ' lines in the -D log, want $want (sh + 5 exec'd programs)"
    elif [ "$(grep 'exec: ' "$log" | grep -c "busybox")" != "$want" ]; then
        msg="${msg:+$msg; }'exec: ' lines do not all name the busybox binary"
    fi
    if [ -n "$msg" ]; then
        { echo "log:"; head -n 10 "$log"; echo "stdout:"; head -n 5 "$r.out"; echo "stderr:"; head -n 5 "$r.err"; } >> "$r.detail"
        printf 'fail\n%s\n' "$msg" > "$r.result"
    else
        echo pass > "$r.result"
    fi
}

todo=()
for i in "${!names[@]}"; do
    tl_selected "${names[$i]}" && todo+=("$i")
done
for i in "${todo[@]}"; do
    tl_wait_slot "$jobs"
    if [ $(($(date +%s) - suite_start)) -ge "$budget" ]; then
        printf 'fail\nnot run: the suite'"'"'s time budget of %ss was used up\n' "$budget" \
            > "$work/results/${names[$i]}.result"
        continue
    fi
    run_case "$i" &
done
tl_selected exec_log && run_exec_log
wait

all=()
for i in "${todo[@]}"; do all+=("${names[$i]}"); done
tl_selected exec_log && all+=(exec_log)
if [ ${#all[@]} -eq 0 ]; then
    echo "no busybox cases match: ${filters[*]}"
    tl_summary
    exit 1
fi
for n in "${all[@]}"; do
    r=$work/results/$n
    tl_report "$n" "$r"
done
[ "$tl_failed" -gt 0 ] && echo "(full outputs: $work/results/<case>.{native,pvm}.{out,err,rc,tree})"
tl_summary

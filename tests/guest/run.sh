#!/usr/bin/env bash
# Guest program runner: each binary under GUESTDIR/<mode>/ runs under
# qemu-aarch64 -cpu cortex-a53 (the oracle) and under pvm once per option
# set in PVM_MODES; stdout, stderr and exit status must match exactly.
# Directives in a program's source (a comment anywhere in NAME.c):
#   expect-exit: N    the exit status the program must end with (default 0)
#   qemu-cpu: CPU     the oracle's -cpu for this program only (e.g. max, for
#                     programs using extensions cortex-a53 lacks); pvm runs
#                     unchanged
#   child-faults: yes forked children fault on purpose: pvm's one-line fault
#                     reports (which reach pvm's hidden copy of stderr, not
#                     the child's fd 2 that silences qemu's) are dropped from
#                     pvm's stderr before comparing
# usage: run.sh PVM GUESTDIR [FILTER...]   FILTER: name, mode, or mode/name
# env: PVM_MODES (';'-separated option sets, default one empty set), QEMU,
#      JIT_MODE and GUEST_MODE_T (tests/lib/modes.sh; a mode other than
#      default runs only GUEST_MODE_T's filters when none is given; the
#      oracle runs once per modes.sh run, kept in MODES_SHARED),
#      QEMU_CPU, SYSROOT, TIMEOUT (seconds per pvm run: default 100x qemu's
#      time, at least 30), BUDGET (seconds for the whole suite, default 900;
#      programs not started by then fail as "not run"), JOBS, V=1 (list passes)
set -u
here=$(cd "$(dirname "$0")" && pwd)
. "$here/../lib/common.sh"

if [ $# -lt 2 ]; then
    echo "usage: $0 PVM GUESTDIR [FILTER...]" >&2
    exit 2
fi
pvm=$(realpath "$1")
gdir=$(realpath "$2")
shift 2
filters=("$@")
# the modes other than default run only GUEST_MODE_T's build variants when no
# filter is given (docs/testing.md "Execution modes")
if [ ${#filters[@]} -eq 0 ] && [ -n "${GUEST_MODE_T:-}" ] && [ -n "${JIT_MODE:-}" ] && [ "$JIT_MODE" != default ]; then
    read -r -a filters <<< "$GUEST_MODE_T"
    echo "mode $JIT_MODE: the build variants ${filters[*]} (GUEST_MODE_T)"
fi
qemu=${QEMU:-qemu-aarch64}
qemu_cpu=${QEMU_CPU:-cortex-a53}
sysroot=${SYSROOT:-/usr/aarch64-linux-gnu}
qtmo=120
budget=${BUDGET:-900}
suite_start=$(date +%s)
jobs=$(tl_jobs)
IFS=';' read -r -a modes <<< "${PVM_MODES:-}"
[ ${#modes[@]} -eq 0 ] && modes=("")
# one directory of outputs per execution mode (tests/lib/modes.sh)
res=$gdir/results${JIT_MODE:+/$JIT_MODE}
rm -rf "$res"
mkdir -p "$res"
# the arguments and environment every program gets, identical for both runs
args=(first "two words" "")
run_env=(env -i PATH=/usr/bin:/bin HOME=/tmp LC_ALL=C TZ=UTC "PVM_GUEST_TEST_VAR=hello from the runner" "${TL_MODE_ENV[@]}")

selected() { # MODE NAME
    [ ${#filters[@]} -eq 0 ] && return 0
    local f
    for f in "${filters[@]}"; do
        case $f in
            "$1/$2" | "$2" | "$1") return 0 ;;
        esac
    done
    return 1
}

# run_prog TIMEOUT OUTPREFIX CMD...: run in a fresh directory with the fixed
# environment; leaves OUTPREFIX.out, .err, .rc (and .time, in seconds)
run_prog() {
    local tmo=$1 out=$2 t0
    shift 2
    t0=$(tl_now)
    local wd
    wd=$(mktemp -d "${TMPDIR:-/tmp}/pvm-guest-wd.XXXXXX")
    (cd "$wd" && timeout -k 5 "$tmo" "${run_env[@]}" "$TL_PERL" -e "$TL_NOSIG" "$@" "${args[@]}" \
        > "$out.out" 2> "$out.err" < /dev/null)
    echo $? > "$out.rc"
    tl_elapsed "$t0" > "$out.time"
    rm -rf "$wd"
}

# compare one pvm run with the oracle; writes RESULT file: line 1 pass/fail,
# line 2 message, then detail lines
judge() { # ORACLEPREFIX PVMPREFIX RESULTFILE
    local q=$1 p=$2 r=$3 msg="" qrc prc
    qrc=$(cat "$q.rc")
    prc=$(cat "$p.rc")
    : > "$r.detail"
    if [ "$prc" != "$qrc" ]; then
        msg="pvm $(tl_status_text "$prc")"
        [ -f "$p.timeout" ] && msg="$msg after $(cat "$p.timeout")s"
        msg="$msg, qemu $(tl_status_text "$qrc")"
    fi
    if ! cmp -s "$q.out" "$p.out"; then
        msg="${msg:+$msg; }stdout differs"
        { echo "stdout:"; tl_short_diff "$q.out" "$p.out"; } >> "$r.detail"
    fi
    if ! cmp -s "$q.err" "$p.err"; then
        msg="${msg:+$msg; }stderr differs"
        { echo "stderr:"; tl_short_diff "$q.err" "$p.err"; } >> "$r.detail"
    fi
    if [ -z "$msg" ]; then
        echo pass > "$r"
    else
        printf 'fail\n%s\n' "$msg" > "$r"
    fi
}

run_one() { # MODE NAME
    local mode=$1 name=$2 bin=$gdir/$1/$2 base=$res/$1/$2 i
    mkdir -p "$res/$mode"
    local want_cpu
    want_cpu=$(sed -n 's/.*qemu-cpu: \([A-Za-z0-9_.-]*\).*/\1/p' "$here/$name.c" | head -n1)
    local qopts=(-cpu "${want_cpu:-$qemu_cpu}")
    case $mode in dynamic-*) qopts+=(-L "$sysroot") ;; esac
    # the oracle's run does not depend on pvm's execution mode: one per
    # modes.sh run (MODES_SHARED), the later modes copy it
    local shared="" f
    [ -n "${MODES_SHARED:-}" ] && shared=$MODES_SHARED/guest/$mode/$name.qemu
    if [ -n "$shared" ] && [ -f "$shared.time" ]; then
        for f in out err rc time; do cp "$shared.$f" "$base.qemu.$f"; done
    else
        run_prog "$qtmo" "$base.qemu" "$qemu" "${qopts[@]}" "$bin"
        if [ -n "$shared" ]; then
            mkdir -p "${shared%/*}"
            for f in out err rc time; do cp "$base.qemu.$f" "$shared.$f.tmp"; done
            for f in out err rc time; do mv "$shared.$f.tmp" "$shared.$f"; done
        fi
    fi
    if [ "$(cat "$base.qemu.rc")" = 124 ]; then
        for i in "${!modes[@]}"; do
            printf 'skip\nqemu-aarch64 timed out after %ss: no reference output\n' "$qtmo" > "$base.$i.result"
        done
        return
    fi
    # every program exits 0 unless its source says "expect-exit: N"; an oracle
    # run that ends otherwise means a broken program or a qemu problem, and
    # comparing against it would prove nothing
    local want_rc qrc
    want_rc=$(sed -n 's/.*expect-exit: \([0-9]*\).*/\1/p' "$here/$name.c" | head -n1)
    qrc=$(cat "$base.qemu.rc")
    if [ "$qrc" != "${want_rc:-0}" ]; then
        for i in "${!modes[@]}"; do
            printf 'fail\nthe oracle run ended with %s, the program expects status %s\n' \
                "$(tl_status_text "$qrc")" "${want_rc:-0}" > "$base.$i.result"
            { echo "qemu stdout (tail):"; tail -n 5 "$base.qemu.out"; echo "qemu stderr:"; head -n 5 "$base.qemu.err"; } \
                > "$base.$i.result.detail"
        done
        return
    fi
    # an interpreter may be far slower than qemu's JIT, but not unboundedly
    local tmo=${TIMEOUT:-$(awk -v t="$(cat "$base.qemu.time")" 'BEGIN { t = int(t * 100) + 1; print t < 30 ? 30 : t }')}
    # known qemu-vs-kernel differences: rewrite qemu's answer to the kernel's
    if [ -f "$here/qemu-fix/$name.sed" ]; then
        sed -i -f "$here/qemu-fix/$name.sed" "$base.qemu.out"
    fi
    local child_faults=""
    grep -q 'child-faults: yes' "$here/$name.c" && child_faults=1
    for i in "${!modes[@]}"; do
        local popts=()
        read -r -a popts <<< "${modes[$i]}"
        case $mode in dynamic-*) popts+=("${dyn_opts[@]}") ;; esac
        run_prog "$tmo" "$base.pvm$i" "$pvm" "${popts[@]}" "$bin"
        if [ -n "$child_faults" ]; then
            sed -i -E '/^pvm: guest SIG(SEGV|BUS) at address 0x[0-9a-f]+ \(pc 0x[0-9a-f]+\)$/d' "$base.pvm$i.err"
        fi
        [ "$(cat "$base.pvm$i.rc")" = 124 ] && echo "$tmo" > "$base.pvm$i.timeout"
        judge "$base.qemu" "$base.pvm$i" "$base.$i.result"
    done
}

echo "guest programs: oracle $qemu -cpu $qemu_cpu; pvm $pvm; option sets: $(printf '[%s] ' "${modes[@]}")"

if [ ! -x "$pvm" ]; then
    tl_fail "guest programs" "no pvm executable at $pvm"
    tl_summary
    exit 1
fi

if ! command -v "$qemu" > /dev/null; then
    for b in "$gdir"/*/*; do
        [ -x "$b" ] && [ -f "$b" ] || continue
        tl_skip "$(basename "$(dirname "$b")")/$(basename "$b")" "$qemu not installed: no oracle"
    done
    tl_summary
    exit $?
fi

list=()
for dir in "$gdir"/*/; do
    mode=$(basename "$dir")
    [ "$mode" = results ] && continue
    for b in "$dir"*; do
        [ -f "$b" ] && [ -x "$b" ] || continue
        name=$(basename "$b")
        [ -f "$here/$name.c" ] || continue # a stale binary whose source is gone
        selected "$mode" "$name" && list+=("$mode/$name")
    done
done
if [ ${#list[@]} -eq 0 ]; then
    echo "no guest programs match: ${filters[*]:-(none built)}"
    tl_summary
    exit 1
fi

# Dynamic programs: plain `pvm prog` must find the cross sysroot by itself.
# If it cannot, that is one failure, and the dynamic runs then use -L so
# that they still test everything else.
dyn_opts=()
probe=$gdir/dynamic-O0/exit42
if [ -x "$probe" ] && printf '%s\n' "${list[@]}" | grep -q '^dynamic-'; then
    mkdir -p "$res/probe"
    run_prog 60 "$res/probe/plain" "$pvm" "$probe"
    if grep -q "cannot find dynamic linker" "$res/probe/plain.err"; then
        tl_fail "dynamic/sysroot-autodetect" \
            "plain 'pvm prog' did not find $sysroot; dynamic programs run with -L" "$res/probe/plain.err"
        dyn_opts=(-L "$sysroot")
    elif [ "$(cat "$res/probe/plain.rc")" = 42 ]; then
        tl_pass "dynamic/sysroot-autodetect"
    else
        tl_skip "dynamic/sysroot-autodetect" \
            "inconclusive: plain 'pvm dynamic-O0/exit42' ended with $(tl_status_text "$(cat "$res/probe/plain.rc")")"
    fi
fi

for t in "${list[@]}"; do
    mode=${t%/*} name=${t#*/}
    case $mode in
        dynamic-*)
            if [ ! -e "$sysroot/lib/ld-linux-aarch64.so.1" ]; then
                for i in "${!modes[@]}"; do
                    mkdir -p "$res/$mode"
                    printf 'skip\nno AArch64 sysroot at %s\n' "$sysroot" > "$res/$t.$i.result"
                done
                continue
            fi ;;
    esac
    tl_wait_slot "$jobs"
    if [ $(($(date +%s) - suite_start)) -ge "$budget" ]; then
        mkdir -p "$res/$mode"
        for i in "${!modes[@]}"; do
            printf 'fail\nnot run: the suite'"'"'s time budget of %ss was used up\n' "$budget" > "$res/$t.$i.result"
        done
        continue
    fi
    run_one "$mode" "$name" &
done
wait

for t in "${list[@]}"; do
    for i in "${!modes[@]}"; do
        label=$t
        [ ${#modes[@]} -gt 1 ] && label="$t [${modes[$i]:-no options}]"
        r=$res/$t.$i.result
        if [ ! -f "$r" ]; then
            tl_fail "$label" "runner produced no result"
            continue
        fi
        case $(head -n1 "$r") in
            pass) tl_pass "$label" ;;
            skip) tl_skip "$label" "$(sed -n 2p "$r")" ;;
            *) tl_fail "$label" "$(sed -n 2p "$r")" "$r.detail" ;;
        esac
    done
done
[ "$tl_failed" -gt 0 ] && echo "(full outputs: $res/<variant>/<name>.{qemu,pvmN}.{out,err,rc})"
tl_summary

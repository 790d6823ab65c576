#!/usr/bin/env bash
# shellcheck shell=bash
# The runner of the guest program suites whose programs print "ok CASE"
# lines (tests/signals, tests/threads, tests/procs): runs every program of tests/$PS_SUITE
# under an executor (PS_RUNNER: pvm by default, qemu-aarch64 to validate the
# tests, "env" for the host's own build) in each link mode built, and
# compares what it printed and how it ended with tests/$PS_SUITE/NAME.expected.
# Each "ok CASE" line there is one case: it passes when the program printed
# "ok CASE" and no "FAIL CASE" line; a program's status ("status N" or
# "signal NAME" in the expected file) is one more case; any other ok/FAIL
# line the program prints is a failure. A line "pvm-fails CASE REASON" names
# a case pvm cannot pass by design (a skip with the reason under pvm,
# documented in docs/design.md); "qemu-fails CASE REASON" names a case in
# which qemu-aarch64 departs from the arm64 kernel (or cannot do what the
# case needs): under a qemu runner that case is expected to fail and is
# counted as skipped with the reason (if it passes, a note says so);
# "pvm-only CASE REASON" names a case that checks a rule of pvm's own where
# the kernel is deliberately more lenient (unknown flag bits are EINVAL under
# pvm, ignored by the kernel): under any other runner it is skipped with the
# reason, whatever it printed;
# "tsan-fails CASE REASON" names a case a ThreadSanitizer build of pvm cannot
# pass (PS_TSAN=1, make check-tsan): counted as skipped with the reason when
# it fails. Two more program lines: "skip CASE: why" (the case cannot run
# here, e.g. LSE atomics under an ARMv8.0 model) counts the case as skipped
# with the reason, and "info CASE: ..." is shown as it is, prefixed by the
# mode.
# usage: PS_SUITE=NAME tests/lib/progsuite.sh BINDIR [PROGRAM...]
# env: PS_RUNNER (command words; default build/pvm), SYSROOT (for qemu's -L
#      in dynamic mode, default /usr/aarch64-linux-gnu), TIMEOUT (seconds per
#      program, default 400: every case is bounded by 30 s), V=1 (list
#      passes), PS_TSAN=1 (the runner is a ThreadSanitizer build)
set -u
lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$lib/../.." && pwd)
here=$root/tests/$PS_SUITE
# shellcheck source=tests/lib/common.sh
. "$lib/common.sh"

if [ $# -lt 1 ]; then
    echo "usage: $0 BINDIR [PROGRAM...]" >&2
    exit 2
fi
bindir=$(realpath "$1")
shift
filters=("$@")
read -r -a runner <<< "${PS_RUNNER:-build/pvm}"
# a relative executor path is the repository's (the programs run elsewhere)
case ${runner[0]} in
    /*) ;;
    */*) runner[0]=$root/${runner[0]} ;;
esac
sysroot=${SYSROOT:-/usr/aarch64-linux-gnu}
tmo=${TIMEOUT:-400}
is_qemu="" is_pvm=""
case $(basename "${runner[0]}") in qemu*) is_qemu=1 ;; pvm*) is_pvm=1 ;; esac
# one directory of outputs per execution mode (tests/lib/modes.sh)
res=$bindir/results${JIT_MODE:+/$JIT_MODE}
rm -rf "$res"
mkdir -p "$res"
run_env=(env -i PATH=/usr/bin:/bin HOME=/tmp LC_ALL=C TZ=UTC "${TL_MODE_ENV[@]}")

echo "$PS_SUITE programs under: ${runner[*]}"
if ! command -v "${runner[0]}" > /dev/null; then
    tl_fail "runner" "no executable ${runner[0]}"
    tl_summary
    exit 1
fi

# signal number of a name in the expected file (SIGSEGV or SEGV)
signum() { kill -l "${1#SIG}" 2> /dev/null; }

# check_prog MODE NAME: run one program and count its cases
check_prog() {
    local mode=$1 name=$2 exp=$here/$2.expected bin=$bindir/$1/$2 out=$res/$1.$2
    local label=$mode/$name
    if [ ! -x "$bin" ]; then
        if [ -f "$here/$name.cc" ] && ! command -v "${CROSS:-aarch64-linux-gnu-}g++" > /dev/null; then
            tl_skip "$label" "${CROSS:-aarch64-linux-gnu-}g++ is not installed: the C++ program is not built"
        else
            tl_fail "$label" "not built ($bin)"
        fi
        return
    fi
    local extra=()
    [ -n "$is_qemu" ] && [ "$mode" = dynamic ] && extra=(-L "$sysroot")
    local wd
    wd=$(mktemp -d "${TMPDIR:-/tmp}/pvm-$PS_SUITE.XXXXXX")
    # no core files from the programs that die on purpose (qemu writes its
    # own); the soft limit only, so a case may raise it for a core of its
    # own in its own directory (tests/procs/sigchld.c)
    (cd "$wd" && ulimit -S -c 0 && timeout -k 5 "$tmo" "${run_env[@]}" "$TL_PERL" -e "$TL_NOSIG" \
        "${runner[@]}" "${extra[@]}" "$bin" > "$out.out" 2> "$out.err" < /dev/null)
    local rc=$?
    rm -rf "$wd"
    local how
    how="ended with $(tl_status_text "$rc")"
    [ "$rc" = 124 ] && how="timed out after ${tmo}s"

    local want_status=0 cases=() line kw arg reason
    declare -A xfail=() pxfail=() txfail=() ponly=()
    while IFS= read -r line; do
        kw=${line%% *} arg=${line#* }
        case $kw in
            ok) cases+=("$arg") ;;
            status) want_status=$arg ;;
            signal) want_status=$((128 + $(signum "$arg"))) ;;
            qemu-fails)
                reason=${arg#* }
                xfail[${arg%% *}]=$reason ;;
            pvm-fails)
                reason=${arg#* }
                pxfail[${arg%% *}]=$reason ;;
            tsan-fails)
                reason=${arg#* }
                txfail[${arg%% *}]=$reason ;;
            pvm-only)
                reason=${arg#* }
                ponly[${arg%% *}]=$reason ;;
        esac
    done < <(grep -v '^#' "$exp")

    grep '^info ' "$out.out" | sed "s|^info |info $mode/|"
    local c got
    for c in "${cases[@]}"; do
        got=""
        grep -qxF "ok $c" "$out.out" && got=ok
        local failure skipped
        skipped=$(grep -m1 "^skip $c: " "$out.out")
        failure=$(grep -m1 "^FAIL $c: " "$out.out")
        [ -n "$failure" ] && got=fail
        if [ -z "$got" ] && [ -n "$skipped" ]; then
            tl_skip "$label/$c" "${skipped#skip "$c": }"
            continue
        fi
        if [ -z "$is_pvm" ] && [ -n "${ponly[$c]:-}" ]; then
            tl_skip "$label/$c" "checks a rule of pvm's own (${ponly[$c]})"
            continue
        fi
        if [ -n "$is_qemu" ] && [ -n "${xfail[$c]:-}" ]; then
            if [ "$got" = ok ]; then
                tl_pass "$label/$c"
                echo "note $label/$c: passes under qemu-aarch64, though listed as a qemu deviation (${xfail[$c]})"
            else
                tl_skip "$label/$c" "fails under qemu-aarch64 as expected (${xfail[$c]})${failure:+: ${failure#FAIL "$c": }}"
            fi
            continue
        fi
        if [ -n "$is_pvm" ] && [ -n "${pxfail[$c]:-}" ] && [ "$got" != ok ]; then
            tl_skip "$label/$c" "a known limit of pvm (${pxfail[$c]})"
            continue
        fi
        if [ -n "$is_pvm" ] && [ -n "${PS_TSAN:-}" ] && [ -n "${txfail[$c]:-}" ] && [ "$got" != ok ]; then
            tl_skip "$label/$c" "a known departure under ThreadSanitizer (${txfail[$c]})"
            continue
        fi
        case $got in
            ok) tl_pass "$label/$c" ;;
            fail) tl_fail "$label/$c" "${failure#FAIL "$c": }" ;;
            *) tl_fail "$label/$c" "no result: the program $how" ;;
        esac
    done
    # lines the expected file does not know
    local name_re
    while IFS= read -r line; do
        c=${line#ok }
        c=${c#FAIL }
        c=${c#skip }
        c=${c%%:*}
        local known=""
        for name_re in "${cases[@]}"; do [ "$name_re" = "$c" ] && known=1; done
        [ -n "$known" ] || tl_fail "$label/$c" "not in $name.expected: $line"
    done < <(grep -E '^(ok|FAIL|skip) ' "$out.out")

    if [ "$rc" = "$want_status" ]; then
        tl_pass "$label"
    else
        head -n 5 "$out.err" > "$out.detail"
        tl_fail "$label" "the program $how, want $(tl_status_text "$want_status")" "$out.detail"
    fi
}

selected() { # NAME
    [ ${#filters[@]} -eq 0 ] && return 0
    local f
    for f in "${filters[@]}"; do [ "$f" = "$1" ] && return 0; done
    return 1
}

modes=()
for d in "$bindir"/*/; do
    m=$(basename "$d")
    [ "$m" = results ] || modes+=("$m")
done
if [ ${#modes[@]} -eq 0 ]; then
    tl_fail "programs" "nothing built under $bindir"
    tl_summary
    exit 1
fi
for m in "${modes[@]}"; do
    if [ "$m" = dynamic ] && [ "${runner[0]}" != env ] && [ ! -e "$sysroot/lib/ld-linux-aarch64.so.1" ]; then
        tl_skip "dynamic" "no AArch64 sysroot at $sysroot"
        continue
    fi
    for exp in "$here"/*.expected; do
        name=$(basename "$exp" .expected)
        selected "$name" || continue
        check_prog "$m" "$name"
    done
done
[ "$tl_failed" -gt 0 ] && echo "(outputs: $res/<link>.<name>.{out,err})"
tl_summary

#!/usr/bin/env bash
# Interactive job control: Debian's arm64 bash (pinned in tests/debs.lock)
# run as `pvm -L SYSROOT SYSROOT/bin/bash --norc --noprofile -i` on a pty
# by the host-side driver ptydrive (tests/jobctl/ptydrive.c), which plays
# tests/jobctl/bash.script: ^Z on a foreground sleep, jobs, bg, fg, ^C, a
# foreground cat ended by ^C, a two-process pipeline stopped and continued,
# exit. The same script first runs against the host's own /bin/bash, which
# validates the expectations (skipped, saying why, without one). Under pvm
# every foreground job must be a pvm process (-x: /proc/PID/exe), so the
# jobs are the sysroot's arm64 sleep and cat, not the host's.
# usage: run.sh PTYDRIVE PVM SYSROOT WORKDIR
# env: TIMEOUT (seconds per wait, default 20), BUDGET (seconds per shell
#      run, default 50), V=1 (list passes)
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/common.sh
. "$here/../lib/common.sh"

if [ $# -ne 4 ]; then
    echo "usage: $0 PTYDRIVE PVM SYSROOT WORKDIR" >&2
    exit 2
fi
drive=$(realpath -m "$1")
pvm=$(realpath -m "$2")
sysroot=$(realpath -m "$3")
work=$(realpath -m "$4")
mkdir -p "$work"
script=$here/bash.script
tmo=${TIMEOUT:-20}
budget=${BUDGET:-50}

# run LABEL EXE-OR-EMPTY COMMAND...: one shell under the driver; its case
# lines are counted here (passes listed with V=1)
run() {
    local label=$1 exe=$2
    shift 2
    local log=$work/$label.log out=$work/$label.out xopt=()
    [ -n "$exe" ] && xopt=(-x "$exe")
    (cd "$work" && env -i PATH=/bin:/usr/bin TERM=dumb "PS1=@jc@ " HOME=/tmp LC_ALL=C TZ=UTC "${TL_MODE_ENV[@]}" \
        timeout -k 5 $((budget + 20)) "$drive" -t "$tmo" -T "$budget" -l "$label/" -o "$log" "${xopt[@]}" \
        "$script" -- "$@" > "$out" 2>&1)
    local rc=$? line name why n=0
    while IFS= read -r line; do
        case $line in
            "ok "*) tl_pass "${line#ok }"; n=$((n + 1)) ;;
            "FAIL "*)
                name=${line#FAIL }
                why=${name#*: }
                tl_fail "${name%%: *}" "$why"
                n=$((n + 1)) ;;
        esac
    done < "$out"
    if [ "$n" = 0 ] || { [ "$rc" != 0 ] && [ "$rc" != 1 ]; }; then
        tl_fail "$label" "the driver ended with $(tl_status_text "$rc")" "$out"
    fi
}

echo "jobctl: interactive bash on a pty (transcripts: $work/<shell>.log)"
if [ -x /bin/bash ]; then
    run host "" /bin/bash --norc --noprofile -i
else
    tl_skip host "no /bin/bash on the host to validate the script with"
fi
if [ ! -x "$pvm" ]; then
    tl_fail pvm "no executable $pvm"
elif [ ! -x "$sysroot/bin/bash" ]; then
    tl_fail pvm "no $sysroot/bin/bash (pinned in tests/debs.lock; make $sysroot/.debs-stamp)"
else
    run pvm "$pvm" "$pvm" -L "$sysroot" "$sysroot/bin/bash" --norc --noprofile -i
fi
tl_summary

#!/usr/bin/env bash
# Runs one suite's runner once per execution mode of pvm (docs/testing.md
# "Execution modes"): the mode is a set of PVM_* variables (tl_mode_env in
# tests/lib/common.sh), put in the runner's environment with every other
# mode variable removed, so the pvm the runner starts (and, through the
# runners' env -i lists, TL_MODE_ENV, every pvm below it) runs in that mode.
# Output: a header "--- mode NAME (VARIABLES)" per mode, the runner's lines
# with "FAIL " and "SKIP " lines tagged "FAIL [NAME] ...", the runner's
# closing "N passed, N failed[, N skipped]" line as "[NAME] N passed, ...
# (Ts)", then one untagged total line summed over the modes: the suite's
# closing line, the one line per suite a reader of the log adds up. A mode
# whose runner failed without counting a failure (a non-zero status with no
# closing line or with 0 failed) counts one failure, so no mode can pass by
# crashing; a runner that ends with status 0 and no closing line ran nothing
# (tests/debian/psview.sh under a filter for the other Debian cases). Work that does not depend on the mode (an oracle's outputs) may
# be kept by the runner in MODES_SHARED, a directory that lives as long as
# this script, so that later modes reuse it (tests/difftest/run.sh does).
# usage: modes.sh 'MODES' CMD [ARGS...]
#   MODES: mode names (TL_MODES: interp default always lockstep
#   lockstep-always); empty: CMD runs
#   once, untouched (a runner that is not pvm, e.g. qemu-aarch64 validating
#   the tests). The runner sees JIT_MODE=NAME and MODES_SHARED.
set -u
lib=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/lib/common.sh
. "$lib/common.sh"

if [ $# -lt 2 ]; then
    echo "usage: $0 'MODES' CMD [ARGS...]" >&2
    exit 2
fi
read -r -a modes <<< "$1"
shift
[ ${#modes[@]} -eq 0 ] && exec "$@"
for m in "${modes[@]}"; do
    if ! tl_mode_env "$m" > /dev/null; then
        echo "modes.sh: unknown execution mode '$m' (known: $TL_MODES)" >&2
        exit 2
    fi
done

unset_args=()
for v in $TL_MODE_VARS; do unset_args+=(-u "$v"); done
MODES_SHARED=$(mktemp -d "${TMPDIR:-/tmp}/pvm-modes.XXXXXX")
export MODES_SHARED
trap 'rm -rf "$MODES_SHARED"' EXIT
counts=$MODES_SHARED/.counts
tp=0 tf=0 ts=0 rc=0
for m in "${modes[@]}"; do
    read -r -a menv <<< "$(tl_mode_env "$m")"
    echo "--- mode $m (${menv[*]:-no mode variable})"
    t0=$(date +%s)
    : > "$counts"
    # the closing line is held back until the runner's output ends: a
    # summary-shaped line followed by more output is printed as it is
    env "${unset_args[@]}" JIT_MODE="$m" "${menv[@]}" "$@" 2>&1 |
        awk -v m="$m" -v cf="$counts" '
            function flush_held() { if (held != "") { print held; held = "" } }
            /^[0-9]+ passed, [0-9]+ failed(, [0-9]+ skipped)?$/ { flush_held(); held = $0; fflush(); next }
            { flush_held() }
            /^(FAIL|SKIP) / { $0 = substr($0, 1, 5) "[" m "] " substr($0, 6) }
            { print; fflush() }
            END { if (held != "") print held > cf }'
    st=${PIPESTATUS[0]}
    p=0 f=0 s=0
    if [ -s "$counts" ]; then
        held=$(cat "$counts")
        echo "[$m] $held ($(($(date +%s) - t0))s)"
        read -r p f s <<< "$(echo "$held" | tr -d ',' | awk '{ print $1, $3, ($5 == "" ? 0 : $5) }')"
    elif [ "$st" = 0 ]; then
        echo "[$m] nothing run ($(($(date +%s) - t0))s)" # e.g. a filter for another runner's cases
    else
        echo "FAIL [$m] runner: no closing 'N passed, N failed' line (status $st)"
        f=1
    fi
    if [ "$st" != 0 ] && [ "$f" = 0 ]; then
        echo "FAIL [$m] runner: ended with $(tl_status_text "$st") but counted no failure"
        f=1
    fi
    [ "$st" != 0 ] || [ "$f" != 0 ] && rc=1
    tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
done
line="$tp passed, $tf failed"
[ "$ts" -gt 0 ] && line="$line, $ts skipped"
echo "$line"
exit $rc

# shellcheck shell=bash disable=SC2034
# Shared helpers for pvm's integration suites (sourced by bash scripts).
# Result accounting: every test ends in exactly one of tl_pass, tl_fail,
# tl_skip; tl_summary prints the closing "N passed, N failed[, N skipped]"
# line and returns non-zero when anything failed, so a suite can never pass
# with a hidden failure. Failures and skips always print one line each.

tl_passed=0
tl_failed=0
tl_skipped=0
TL_VERBOSE=${V:-0}
TL_DIFF_LINES=${DIFF_LINES:-12}

tl_pass() { # NAME
    tl_passed=$((tl_passed + 1))
    [ "$TL_VERBOSE" = 1 ] && echo "ok   $1"
    return 0
}

tl_fail() { # NAME MESSAGE [DETAIL-FILE]
    tl_failed=$((tl_failed + 1))
    echo "FAIL $1: $2"
    if [ -n "${3:-}" ] && [ -s "$3" ]; then
        sed "s/^/    /" "$3"
    fi
    return 0
}

# tl_report NAME PREFIX: counts a case from the files a background runner
# left: PREFIX.result ("pass", or a first line other than pass and the
# failure message on line 2) and PREFIX.detail (a short diff)
tl_report() {
    if [ ! -f "$2.result" ]; then
        tl_fail "$1" "runner produced no result"
        return 0
    fi
    case $(head -n1 "$2.result") in
        pass) tl_pass "$1" ;;
        *) tl_fail "$1" "$(sed -n 2p "$2.result")" "$2.detail" ;;
    esac
}

# tl_selected NAME: whether NAME matches one of the runner's filters (the
# global array filters: case names or globs; none selects everything)
# shellcheck disable=SC2154 # filters: set by the runner
tl_selected() {
    [ ${#filters[@]} -eq 0 ] && return 0
    local f
    for f in "${filters[@]}"; do
        # shellcheck disable=SC2053
        [[ $1 == $f ]] && return 0
    done
    return 1
}

tl_skip() { # NAME REASON
    tl_skipped=$((tl_skipped + 1))
    echo "SKIP $1: $2"
    return 0
}

tl_summary() {
    local line="$tl_passed passed, $tl_failed failed"
    [ "$tl_skipped" -gt 0 ] && line="$line, $tl_skipped skipped"
    echo "$line"
    [ "$tl_failed" -eq 0 ]
}

# tl_short_diff EXPECTED ACTUAL: the first lines of a unified diff (no header)
tl_short_diff() {
    diff -u --label expected --label actual "$1" "$2" | tail -n +3 | head -n "$TL_DIFF_LINES"
    local n
    n=$(diff "$1" "$2" | grep -c '^[<>]')
    [ "$n" -gt "$TL_DIFF_LINES" ] && echo "... ($n differing lines in all)"
    return 0
}

# tl_status_text RC: how a shell status reads (timeouts and signals spelled out)
tl_status_text() {
    case $1 in
        124) echo "timed out" ;;
        12[6-9] | 1[3-9][0-9] | 2[0-9][0-9])
            if [ "$1" -gt 128 ]; then
                echo "status $1 (signal $(kill -l $(($1 - 128)) 2>/dev/null || echo $(($1 - 128))))"
            else
                echo "status $1"
            fi ;;
        *) echo "status $1" ;;
    esac
}

# tl_jobs: parallelism for a suite (JOBS env, else the number of CPUs)
tl_jobs() {
    if [ -n "${JOBS:-}" ]; then echo "$JOBS"; else nproc 2>/dev/null || echo 2; fi
}

# tl_wait_slot N: block until fewer than N background jobs run
tl_wait_slot() {
    while [ "$(jobs -rp | wc -l)" -ge "$1" ]; do
        wait -n 2>/dev/null || true
    done
}

# tl_now: seconds since the epoch with fractions, for timings
tl_now() { date +%s.%N; }
tl_elapsed() { # START
    awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f\n", e - s }'
}

# Runners start programs as  timeout ... "$TL_PERL" -e "$TL_NOSIG" CMD...  so that a
# program killed by a signal ends with status 128+N without bash (or dash)
# printing "Illegal instruction" or the like into the suite's output or into
# the program's captured stderr; the status is what gets compared.
TL_PERL=$(command -v perl || echo /usr/bin/perl)
TL_NOSIG='system { $ARGV[0] } @ARGV; exit($? == -1 ? 127 : $? & 127 ? 128 + ($? & 127) : $? >> 8)'

# Execution modes of pvm (docs/testing.md "Execution modes"; tests/lib/modes.sh
# runs a suite once per mode): each mode is a set of the variables in
# TL_MODE_VARS, which pvm reads and passes on to every pvm it starts.
TL_MODES="interp default always lockstep lockstep-always"
TL_MODE_VARS="PVM_JIT PVM_JIT_THRESHOLD PVM_CHECK_JIT"
tl_mode_env() { # MODE: its VAR=VALUE words (none for default); fails for an unknown mode
    case $1 in
        interp) echo PVM_JIT=0 ;;
        default) echo ;;
        always) echo PVM_JIT_THRESHOLD=0 ;;
        lockstep) echo PVM_CHECK_JIT=1 ;;
        lockstep-always) echo PVM_CHECK_JIT=1 PVM_JIT_THRESHOLD=0 ;;
        *) return 1 ;;
    esac
}
# TL_MODE_ENV: the mode variables this runner was given, as VAR=VALUE words
# for the runners' `env -i ...` lists, so a scrubbed environment keeps the mode
TL_MODE_ENV=()
for tl_v in $TL_MODE_VARS; do
    [ -n "${!tl_v+x}" ] && TL_MODE_ENV+=("$tl_v=${!tl_v}")
done
unset tl_v

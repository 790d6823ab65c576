#!/usr/bin/env bash
# Host side of the guest fuzz campaign (tests/fuzz/campaign/fuzz.c).
#
# usage: run.sh PVM FUZZ OUTDIR           a campaign; prints `N passed, N failed`
#        run.sh PVM FUZZ OUTDIR --repro MODE SEED N CASE
#                                         replay one case in the same sandbox
# environment: CAMPAIGN_SEED (default 1), CAMPAIGN_PROCS (guest processes of
# the syscall fuzzer, default 2000), CAMPAIGN_CALLS (calls per process, 200),
# CAMPAIGN_INSN_PROCS (instruction-stream processes, default PROCS/4),
# CAMPAIGN_INSNS (words per stream, 1024), CAMPAIGN_CHUNK (cases per pvm
# run, 250), JOBS (pvm runs at a time, default 2).
#
# Sandbox (so a wild call cannot touch the machine): as root the runner first
# drops to uid/gid 65534 (setpriv, no supplementary groups); then `unshare -U
# -r -p -m -n -i --fork --kill-child --mount-proc` gives new user, pid, mount,
# network and IPC namespaces (the guest is root only inside its user
# namespace, uid 65534 on the host's files, so it can write nothing but
# world-writable places), a /proc of the new pid namespace (no other process
# is visible or reachable), and private tmpfs mounts (64 MiB) over every
# world-writable directory (/tmp, /var/tmp, /run/lock, /dev/shm). The cwd of
# every pvm run is a scratch directory in that tmpfs. Core dumps are off and
# the process count is limited. When the runner ends, the pid namespace's init
# ends and the kernel kills whatever is left; the mounts go with the
# namespace: nothing stays mounted or running.
#
# Each pvm run is `pvm -R 2G FUZZ MODE SEED CHUNK N FIRST` (the fuzz program
# supervises its CHUNK guest processes itself and prints one `campaign ...`
# line and a `BUG ...` line per pvm bug); the runner also checks the
# supervising pvm itself: status 0, empty stderr, a summary line, done within
# its time limit. A pass is a guest process with no pvm bug. Logs are kept only
# for bugs: OUTDIR/bugs.log, each with its reproducer (seed, case, command).
# The known pvm bugs (docs/fuzzing.md) are skipped, not failed: cases whose
# outcome is a known bug's, and the reproducers of known.c (found next to
# FUZZ), run once per campaign as expected failures (an unexpected pass is
# reported: the bug is fixed, drop it from the list).
set -u
pvm=$(realpath -m "$1") fuzz=$(realpath -m "$2") out=$3
known=$(dirname "$fuzz")/known
shift 3
seed=${CAMPAIGN_SEED:-1}
procs=${CAMPAIGN_PROCS:-2000}
calls=${CAMPAIGN_CALLS:-200}
iprocs=${CAMPAIGN_INSN_PROCS:-$((procs / 4))}
insns=${CAMPAIGN_INSNS:-1024}
chunk=${CAMPAIGN_CHUNK:-250}
jobs=${JOBS:-2}
rsize=2G  # pvm -R: the guest region, which bounds the memory a guest can touch

# -- inside the sandbox: mounts, then the pvm runs
if [ "${1:-}" = --inside ]; then
    shift
    for d in /tmp /var/tmp /run/lock /dev/shm; do
        [ -d "$d" ] && mount -t tmpfs -o size=64m,mode=1777 none "$d"
    done
    # the programs, from the descriptors the outer runner opened (their
    # paths may be hidden by the tmpfs mounts, or unreadable to uid 65534)
    mkdir -p /tmp/.bin
    cat <&7 > /tmp/.bin/pvm && cat <&8 > /tmp/.bin/fuzz || exit 1
    pvm=/tmp/.bin/pvm fuzz=/tmp/.bin/fuzz known=/tmp/.bin/known
    if [ "$have_known" = 1 ]; then cat <&9 > "$known" || exit 1; fi
    chmod 755 /tmp/.bin/*
    exec 7<&- 8<&- 9<&-
    # read-only: the guest is root in its namespace and owns these copies
    mount --bind /tmp/.bin /tmp/.bin && mount -o remount,bind,ro /tmp/.bin || exit 1
    ulimit -c 0
    ulimit -u 400
    if [ "${1:-}" = --repro ]; then
        mkdir -p /tmp/repro && cd /tmp/repro || exit 1
        echo "+ cd /tmp/repro && $pvm -R $rsize $fuzz $2 $3 1 $4 $5 -v"
        "$pvm" -R "$rsize" "$fuzz" "$2" "$3" 1 "$4" "$5" -v < /dev/null
        echo "pvm status $?"
        exit 0
    fi
    # the known bugs' reproducers (known.c, next to FUZZ), on a copy of pvm in
    # the tmpfs so that K2's chmod can only reach the copy
    if [ -x "$known" ]; then
        mkdir -p /tmp/known && cp "$pvm" /tmp/known/pvm && cd /tmp/known || exit 1
        # (braces: the shell's own "Segmentation fault" note goes nowhere)
        { ./pvm "$known" selfsegv > out 2> err; } 2> /dev/null
        st=$?
        if [ "$st" = 139 ] && grep -q 'internal error' err; then echo "KNOWNCASE K1 xfail"
        elif [ "$st" = 139 ] && [ ! -s err ]; then echo "KNOWNCASE K1 xpass"
        else echo "KNOWNCASE K1 fail: status $st, stderr $(tr '\n' '|' < err)"; fi
        chmod 755 pvm
        ./pvm "$known" exe-chmod > out 2> err
        st=$?
        if [ "$(stat -c %a pvm)" != 755 ]; then echo "KNOWNCASE K2 xfail"
        elif [ "$st" = 0 ] && [ ! -s err ]; then echo "KNOWNCASE K2 xpass"
        else echo "KNOWNCASE K2 fail: status $st, stderr $(tr '\n' '|' < err)"; fi
        cd / && rm -rf /tmp/known
    fi
    # one pvm run: MODE FIRST COUNT N (called by xargs through bash -c)
    # shellcheck disable=SC2317
    one() {
        local mode=$1 first=$2 count=$3 n=$4 dir="/tmp/r$1$2" st
        mkdir -p "$dir" && cd "$dir" || return
        local limit=$((count * 10 + 120))
        # stderr a pipe, not a file: pvm keeps a copy of a file or terminal
        # stderr for its own lines (docs/usage.md "Messages"), and each case's
        # child must find pvm's report on the stderr pipe fuzz.c gave it
        { timeout -s KILL "$limit" "$pvm" -R "$rsize" "$fuzz" "$mode" "$seed" "$count" "$n" "$first" \
            < /dev/null 2>&1 > out | cat > err; }
        st=${PIPESTATUS[0]}
        cat out
        if [ "$st" != 0 ] || [ -s err ] || ! grep -q '^campaign ' out; then
            printf 'PVMBUG %s seed=%s first=%s count=%s: supervising pvm status %s%s | stderr:%s\n' \
                "$mode" "$seed" "$first" "$count" "$st" \
                "$([ "$st" = 137 ] && echo " (killed after ${limit}s)")" "$(head -c 2000 err | tr '\n' '|')"
        fi
        cd / && rm -rf "$dir"
    }
    list() {
        local f
        for ((f = 0; f < procs; f += chunk)); do
            echo "sys $f $((procs - f < chunk ? procs - f : chunk)) $calls"
        done
        for ((f = 0; f < iprocs; f += chunk)); do
            echo "insn $f $((iprocs - f < chunk ? iprocs - f : chunk)) $insns"
        done
    }
    export -f one
    export pvm fuzz seed rsize
    list | xargs -P "$jobs" -L 1 bash -c 'one "$@"' one
    exit 0
fi

# -- outside: drop privileges, enter the namespaces, tally
mkdir -p "$out"
# this script and the programs go into the sandbox as open descriptors
# (opened here, before privileges drop; the script is read through /dev/fd)
exec 6< "$(realpath "$0")" 7< "$pvm" 8< "$fuzz"
have_known=0
if [ -x "$known" ]; then exec 9< "$known"; have_known=1; fi
drop=()
[ "$(id -u)" = 0 ] && drop=(setpriv --reuid=65534 --regid=65534 --clear-groups --)
sandbox=("${drop[@]}" unshare -U -r -p -m -n -i --fork --kill-child --mount-proc --
         env "CAMPAIGN_SEED=$seed" "CAMPAIGN_PROCS=$procs" "CAMPAIGN_CALLS=$calls"
         "CAMPAIGN_INSN_PROCS=$iprocs" "CAMPAIGN_INSNS=$insns" "CAMPAIGN_CHUNK=$chunk" "JOBS=$jobs"
         "have_known=$have_known" bash /dev/fd/6 "$pvm" "$fuzz" /nonexistent --inside)
if [ "${1:-}" = --repro ]; then
    cd / && "${sandbox[@]}" "$@"
    exit $?
fi

start=$(date +%s)
( cd / && "${sandbox[@]}" ) > "$out/raw.log" 2> "$out/runner.err"
secs=$(( $(date +%s) - start ))

# tally the summary lines
awk -v secs="$secs" '
/^campaign / {
    for (i = 2; i <= NF; i++) { split($i, kv, "="); s[$2 "." kv[1]] += kv[2] }
    runs[$2]++
}
END {
    printf "sys:  %d processes, %d system calls, exits %d, guest faults %d, other signals %d, self-sent %d, blocked %d, bugs %d\n",
        s["sys.procs"], s["sys.calls"], s["sys.exits"], s["sys.faults"], s["sys.signals"], s["sys.selfsig"], s["sys.blocked"], s["sys.bugs"]
    printf "insn: %d processes, %d instructions generated, about %d reached, exits %d, guest faults %d, loops %d, bugs %d\n",
        s["insn.procs"], s["insn.insns"], s["insn.reached"], s["insn.exits"], s["insn.faults"], s["insn.loops"], s["insn.bugs"]
    printf "known pvm bugs (docs/fuzzing.md): %d\n", s["sys.known"] + s["insn.known"]
    printf "time: %d s\n", secs
}' "$out/raw.log" | tee "$out/summary.txt"

# bugs: the guest processes' and the supervising pvm runs'
: > "$out/bugs.log"
while read -r kind mode sd cs rest; do
    case $kind in
    BUG)
        k=${cs#case=}; k=${k%:}
        printf '%s %s %s %s %s\n  reproduce: %s %s %s %s --repro %s %s %s %s\n' "$kind" "$mode" "$sd" "$cs" "$rest" \
            "$0" "$pvm" "$fuzz" "$out" "$mode" "${sd#seed=}" \
            "$([ "$mode" = sys ] && echo "$calls" || echo "$insns")" "$k" >> "$out/bugs.log" ;;
    PVMBUG)
        printf '%s %s %s %s %s\n' "$kind" "$mode" "$sd" "$cs" "$rest" >> "$out/bugs.log" ;;
    esac
done < <(grep -E '^(BUG|PVMBUG) ' "$out/raw.log")
if [ -s "$out/runner.err" ]; then
    echo "runner stderr:" >> "$out/bugs.log"
    head -c 4000 "$out/runner.err" >> "$out/bugs.log"
fi

want=$((procs + iprocs))
got=$(awk '/^campaign / { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "procs") n += kv[2] } } END { print n + 0 }' "$out/raw.log")
bugs=$(grep -c '^BUG ' "$out/raw.log")
pvmbugs=$(grep -c '^PVMBUG ' "$out/raw.log")
notrun=$((want - got))
failed=$((bugs + pvmbugs + (notrun > 0 ? notrun : 0)))
# the known bugs' reproducers: xfail is a skip, xpass a pass (the bug is
# fixed: drop it from the list), anything else a failure
kfail=$(grep -c '^KNOWNCASE .* fail:' "$out/raw.log")
kxfail=$(grep -c '^KNOWNCASE .* xfail$' "$out/raw.log")
kxpass=$(grep -c '^KNOWNCASE .* xpass$' "$out/raw.log")
grep '^KNOWNCASE .* \(fail:\|xpass\)' "$out/raw.log" | sed 's/^KNOWNCASE /known case /'
known=$(grep -c '^KNOWN ' "$out/raw.log")
passed=$((got - bugs - known + kxpass))
failed_k=$kfail
if [ "$failed" -gt 0 ]; then
    head -c 3000 "$out/bugs.log" | sed 's/^/FAIL /'
    [ "$notrun" -gt 0 ] && echo "FAIL $notrun guest processes not run (a supervising pvm died)"
    echo "bug log: $out/bugs.log"
fi
failed=$((failed + failed_k))
if [ "$known" -gt 0 ] || [ "$kxfail" -gt 0 ]; then
    grep -E '^KNOWN |^KNOWNCASE .* xfail$' "$out/raw.log" |
        awk '{ n[$2]++ } END { for (k in n) printf "skipped %d: known pvm bug %s (docs/fuzzing.md)\n", n[k], k }'
    echo "$passed passed, $failed failed, $((known + kxfail)) skipped"
else
    echo "$passed passed, $failed failed"
fi
[ "$failed" -eq 0 ]

#!/usr/bin/env bash
# stress suite: Debian's arm64 stress-ng (pinned in tests/debs.lock, unpacked
# into the sysroot by scripts/fetch-debs.sh) runs its signal, thread and process
# stressors under `pvm -L SYSROOT`, one stressor per run, one after the
# other (each runs 2 workers: the machine's two cores), as
#   stress-ng --NAME 2 --verify -t STRESS_TIME s --metrics-brief
# in a fresh directory with env -i. There is no native side: the verdict is
# stress-ng's own --verify checks and its exit status: 0 passes (unless its
# workers printed that they skip the stressor, or it counted no bogo ops);
# 4 (the stressor is not implemented here) is a skip with the line
# stress-ng printed about it; anything else fails (2: a stressor failed, 3: no resources, 5: a
# stressor killed by a signal, 1, 6, 7, a timeout or pvm's own death). Every
# run also has `-d unimp -D LOG`; the system calls pvm answered ENOSYS as
# unimplemented are listed at the end (information, not a failure).
# usage: run.sh PVM SYSROOT WORKDIR [FILTER...]   (FILTER: stressor names, globs)
# env: STRESS_TIME (seconds per stressor, default 10), TIMEOUT (seconds per
#      run on top of STRESS_TIME, default 60), V=1 (also print each run's
#      metrics line)
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/common.sh
. "$here/../lib/common.sh"

if [ $# -lt 3 ]; then
    echo "usage: $0 PVM SYSROOT WORKDIR [FILTER...]" >&2
    exit 2
fi
pvm=$(realpath -m "$1")
sysroot=$(realpath -m "$2")
work=$(realpath -m "$3")
shift 3
filters=("$@")
stime=${STRESS_TIME:-10}
tmo=$((stime + ${TIMEOUT:-60}))
bin=usr/bin/stress-ng

# The signal stressors, then the thread ones (pthread: threads created and
# joined, with condition variables; futex: waits and wakes; clone: clone
# with random flag sets; mutex: pthread mutexes of several priorities;
# atomic: the __atomic builtins from several threads, checked), then the
# process ones (fork and vfork: children created and reaped as fast as
# possible; wait: children stopped and continued with SIGSTOP/SIGCONT and
# reaped with wait, waitpid, wait3, wait4 and waitid; sem: POSIX semaphores
# shared by processes; shm: POSIX shared memory mapped by children). A stressor that fails under pvm for a pvm bug stays
# listed, with the bug in known_bad: it is then a skip naming the bug, and
# runs (and counts) only when a filter names it (make check-stress T=NAME),
# until the bug is fixed and its entry removed.
stressors=(signal sigq sigsuspend sigpending sigchld sigsegv sigabrt itimer timer
    pthread futex clone mutex atomic
    fork vfork wait sem shm
    sem-sysv shm-sysv msg mq)
# (the last four: System V semaphores, shared memory and message queues,
# POSIX message queues)
declare -A known_bad=()

# explicitly named: a filter without glob characters that is this name
named() {
    local f
    for f in "${filters[@]}"; do [ "$f" = "$1" ] && return 0; done
    return 1
}

todo=()
for s in "${stressors[@]}"; do
    tl_selected "$s" && todo+=("$s")
done
if [ ${#todo[@]} -eq 0 ]; then
    echo "no stressors match: ${filters[*]} (the list: ${stressors[*]})"
    tl_summary
    exit 1
fi

ver=$(sed -n 's/^stress-ng:arm64=\([^ #]*\).*/\1/p' "$root/tests/debs.lock")
echo "stress-ng (tests/debs.lock): arm64 ${ver:-none}; ${stime}s per stressor"
skip_all=""
if [ -z "$ver" ]; then
    skip_all="stress-ng has no arm64 pin in tests/debs.lock"
elif [ ! -f "$sysroot/$bin" ]; then
    skip_all="no arm64 stress-ng at $sysroot/$bin (scripts/fetch-debs.sh arm64 $sysroot)"
fi
if [ -n "$skip_all" ]; then
    for s in "${todo[@]}"; do tl_skip "$s" "$skip_all"; done
    tl_summary
    exit $?
fi
if [ ! -x "$pvm" ]; then
    tl_fail stress "no pvm executable at $pvm"
    tl_summary
    exit 1
fi

rm -rf "$work"
mkdir -p "$work/results"
for s in "${todo[@]}"; do
    if [ -n "${known_bad[$s]:-}" ] && ! named "$s"; then
        tl_skip "$s" "known pvm bug: ${known_bad[$s]} (make check-stress T=$s runs it)"
        continue
    fi
    r=$work/results/$s dir=$work/runs/$s
    mkdir -p "$dir"
    t0=$(tl_now)
    (cd "$dir" && timeout -k 5 "$tmo" env -i PATH=/usr/bin:/bin HOME="$dir" LC_ALL=C TZ=UTC "${TL_MODE_ENV[@]}" \
        "$TL_PERL" -e "$TL_NOSIG" "$pvm" -d unimp -D "$r.unimp" -L "$sysroot" "$sysroot/$bin" \
        --"$s" 2 --verify -t "${stime}s" --metrics-brief > "$r.log" 2>&1 < /dev/null)
    rc=$?
    dt=$(tl_elapsed "$t0")
    # the metrics line of the stressor: "stress-ng: metrc: [pid] NAME  OPS ..."
    metrics=$(sed -n "s/^stress-ng: metrc: \[[0-9]*\] \($s .*\)/\1/p" "$r.log" | tr -s ' ' | head -n1)
    # stress-ng exits 0 when its workers skip the stressor ("... not
    # implemented, skipping stressor"): that is no pass
    skipped=$(grep -i -m1 -E 'skipping st(r)?essor' "$r.log" | sed 's/^stress-ng: [a-z]*: *\[[0-9]*\] *//')
    [ "$rc" = 0 ] && [ -n "$skipped" ] && rc=4
    # nor is a run that did nothing (shm-sysv with shmget failing): bogo ops 0
    ops=$(echo "$metrics" | cut -d' ' -f2)
    case $rc in
        0)
            if [ "$ops" = 0 ]; then
                grep -v -e '^stress-ng: metrc:' "$r.log" | head -n 12 > "$r.detail"
                tl_fail "$s" "stress-ng counted no bogo ops in ${dt}s (the stressor did nothing)" "$r.detail"
                continue
            fi
            tl_pass "$s"
            [ "$TL_VERBOSE" = 1 ] && echo "     ${dt}s: ${metrics:-no metrics line}" ;;
        4)
            why=$(grep -i -m1 -E 'not implemented|not supported|skipping' "$r.log" | sed 's/^stress-ng: [a-z]*: *\[[0-9]*\] *//')
            tl_skip "$s" "stress-ng: not implemented here: ${why:-(it printed no reason)}" ;;
        *)
            what="$(tl_status_text "$rc")"
            case $rc in
                1) what="$what (error)" ;;
                2) what="$what (a stressor failed)" ;;
                3) what="$what (no resources)" ;;
                5) what="$what (a stressor was killed by a signal)" ;;
                6) what="$what (a stressor exited unexpectedly)" ;;
                7) what="$what (metrics untrustworthy)" ;;
            esac
            [ "$rc" = 124 ] && what="timed out after ${tmo}s"
            grep -v -e '^stress-ng: metrc:' -e '^stress-ng: info: .*setting to a' -e 'dispatching hogs' \
                "$r.log" | awk '!seen[$0]++' | head -n 12 > "$r.detail"
            tl_fail "$s" "$what after ${dt}s" "$r.detail" ;;
    esac
done

# what pvm reported as unimplemented system calls, over all runs
mapfile -t unimp < <(cat "$work"/results/*.unimp 2> /dev/null | grep -o '[a-z_0-9]*(\.\.\.) = -1 ENOSYS ([^)]*)' | sort -u)
if [ ${#unimp[@]} -gt 0 ]; then
    echo "system calls pvm reported unimplemented (-d unimp):"
    printf '    %s\n' "${unimp[@]}"
fi
[ "$tl_failed" -gt 0 ] && echo "(full outputs: $work/results/<stressor>.{log,unimp})"
tl_summary

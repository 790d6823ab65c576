#!/usr/bin/env bash
# The view ps sees, with Debian's own arm64 process tools (pinned in
# tests/debs.lock, unpacked into the sysroot): a guest process (Debian's
# arm64 sleep, copied under a name no other process has) runs under pvm, and
# ps, pgrep, pidof (killall5), killall (psmisc) and start-stop-daemon (dpkg),
# each run under `pvm -L SYSROOT`, must find it by its guest name and
# arguments, kill it, and start and stop it as a daemon by its program file
# (start-stop-daemon --exec compares /proc/PID/exe by device and inode,
# which another pvm resolves to the guest program: docs/design.md "The view
# ps sees"). There is no native side: each case checks what the tool printed
# and how it ended. Everything started here is killed before the script ends.
#   ps_pid ps_all pgrep_x pgrep_f pidof pkill_signal killall
#   ssd_start ssd_running ssd_status ssd_stop ssd_gone
# usage: psview.sh PVM SYSROOT WORKDIR [FILTER...]   (FILTER: case names, globs)
# env: TIMEOUT (seconds per tool run, default 60), V=1
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
tmo=${TIMEOUT:-60}
cases=(ps_pid ps_all pgrep_x pgrep_f pidof pkill_signal killall ssd_start ssd_running ssd_status ssd_stop
    ssd_gone)
todo=()
for c in "${cases[@]}"; do tl_selected "psview_$c" || tl_selected "$c" && todo+=("$c"); done
if [ ${#todo[@]} -eq 0 ]; then
    exit 0 # a filter for the other Debian cases (tests/debian/run.sh)
fi

# the tools and the packages that bring them
declare -A tool_pkg=([bin/ps]=procps [usr/bin/pgrep]=procps [sbin/killall5]=sysvinit-utils
    [usr/bin/killall]=psmisc [sbin/start-stop-daemon]=dpkg [bin/sleep]=coreutils)
why=""
for t in "${!tool_pkg[@]}"; do
    p=${tool_pkg[$t]}
    if ! grep -q "^$p:arm64=" "$root/tests/debs.lock"; then
        why="$p has no arm64 pin in tests/debs.lock"
    elif [ ! -f "$sysroot/$t" ]; then
        why="no arm64 $t at $sysroot (scripts/fetch-debs.sh arm64 $sysroot)"
    fi
    [ -n "$why" ] && break
done
echo "psview: procps $(sed -n 's/^procps:arm64=//p' "$root/tests/debs.lock"), psmisc" \
    "$(sed -n 's/^psmisc:arm64=//p' "$root/tests/debs.lock"), dpkg $(sed -n 's/^dpkg:arm64=//p' "$root/tests/debs.lock")"
if [ -n "$why" ]; then
    for c in "${todo[@]}"; do tl_skip "psview_$c" "$why"; done
    tl_summary
    exit $?
fi
if [ ! -x "$pvm" ]; then
    tl_fail psview "no pvm executable at $pvm"
    tl_summary
    exit 1
fi

rm -rf "$work"
mkdir -p "$work"
# comm keeps 15 bytes: "psvd" and the shell's pid
name=psvd$$
prog=$work/$name
cp "$sysroot/bin/sleep" "$prog"
started=()
cleanup() {
    local p
    for p in "${started[@]}"; do kill -KILL "$p" 2> /dev/null; done
    # the daemons start-stop-daemon made are no children of this shell: by
    # name, and by the program's path in the command line (a pvm that got
    # the name wrong shows its own command line, which holds the path)
    pkill -KILL -x "$name" 2> /dev/null
    pkill -KILL -f -- "$prog" 2> /dev/null
    wait 2> /dev/null
}
trap cleanup EXIT

# g [PVM-OPTIONS] TOOL ARGS...: an arm64 tool (a path under the sysroot)
# under pvm; output in $work/out, status in $rc
g() {
    local o=()
    while [ "${1#-}" != "$1" ]; do o+=("$1" "$2"); shift 2; done
    local t=$1
    shift
    case $t in /*) ;; *) t=$sysroot/$t ;; esac
    (cd "$work" && timeout -k 5 "$tmo" env -i PATH=/usr/bin:/bin LC_ALL=C "${TL_MODE_ENV[@]}" "$pvm" -L "$sysroot" "${o[@]}" "$t" "$@" \
        > "$work/out" 2> "$work/err" < /dev/null)
    rc=$?
}
# case NAME: whether it runs (selected)
want() { case " ${todo[*]} " in *" $1 "*) return 0 ;; esac; return 1; }
# verdict NAME WHY: pass when WHY is empty
verdict() {
    if [ -z "$2" ]; then tl_pass "psview_$1"; else
        { echo "stdout:"; head -n 5 "$work/out"; echo "stderr:"; head -n 5 "$work/err"; } > "$work/detail"
        tl_fail "psview_$1" "$2" "$work/detail"
    fi
}
# expect_out NAME STATUS REGEX: the last tool's status and a line of its output
expect_out() {
    local w=""
    [ "$rc" = "$2" ] || w="$(tl_status_text "$rc"), want $(tl_status_text "$2")"
    if [ -n "$3" ] && ! grep -Eq -- "$3" "$work/out"; then w="${w:+$w; }output lacks /$3/"; fi
    verdict "$1" "$w"
}
# start_guest: a sleeping guest under pvm (pid in gpid), once the host names it
start_guest() {
    env -i PATH=/usr/bin:/bin "${TL_MODE_ENV[@]}" "$pvm" -L "$sysroot" "$prog" 100 20s > /dev/null 2>&1 < /dev/null &
    gpid=$!
    started+=("$gpid")
    local i
    for i in $(seq 200); do
        [ "$(cat "/proc/$gpid/comm" 2> /dev/null)" = "$name" ] && return 0
        sleep 0.05
    done
    echo "psview: the guest $gpid never showed comm $name"
}
# gone PID: the process ended (no entry, or a zombie nobody reaped yet), within 10 s
gone() {
    local i s
    for i in $(seq 200); do
        s=$(sed -n 's/^State:\t\(.\).*/\1/p' "/proc/$1/status" 2> /dev/null)
        [ -z "$s" ] || [ "$s" = Z ] && return 0
        sleep 0.05
    done
    return 1
}

# -- finding a guest process
start_guest
want ps_pid && { g bin/ps -o pid=,comm=,args= -p "$gpid"
    expect_out ps_pid 0 "^ *$gpid $name +$prog 100 20s\$"; }
want ps_all && { g bin/ps -e -o pid=,comm=
    expect_out ps_all 0 "^ *$gpid $name\$"; }
want pgrep_x && { g usr/bin/pgrep -x "$name"
    expect_out pgrep_x 0 "^$gpid\$"; }
want pgrep_f && { g usr/bin/pgrep -f "$name 100 20"
    expect_out pgrep_f 0 "^$gpid\$"; }
# Debian 12's pidof is killall5 called pidof (bin/pidof is an absolute link
# to /sbin/killall5, which would be the host's)
want pidof && { g -0 pidof "$sysroot/sbin/killall5" "$name"
    expect_out pidof 0 "^$gpid\$"; }
# pkill -0: the signal check only
want pkill_signal && { g usr/bin/pkill -0 -x "$name"
    expect_out pkill_signal 0 ""; }
if want killall; then
    g usr/bin/killall "$name"
    w=""
    [ "$rc" = 0 ] || w="killall $(tl_status_text "$rc")"
    wait "$gpid" 2> /dev/null
    st=$?
    [ "$st" = 143 ] || w="${w:+$w; }the guest ended with $(tl_status_text "$st"), want SIGTERM's 143"
    verdict killall "$w"
fi
kill -KILL "$gpid" 2> /dev/null
wait "$gpid" 2> /dev/null

# -- start-stop-daemon: start, refuse a second start, status, stop by --exec
pidfile=$work/ssd.pid
ssd=(sbin/start-stop-daemon)
dpid=""
if want ssd_start || want ssd_running || want ssd_status || want ssd_stop || want ssd_gone; then
    g "${ssd[@]}" --start --background --make-pidfile --pidfile "$pidfile" --exec "$prog" -- 100 21s
    w=""
    [ "$rc" = 0 ] || w="--start $(tl_status_text "$rc")"
    for i in $(seq 200); do
        dpid=$(cat "$pidfile" 2> /dev/null)
        [ -n "$dpid" ] && [ "$(cat "/proc/$dpid/comm" 2> /dev/null)" = "$name" ] && break
        sleep 0.05
    done
    [ -n "$dpid" ] && [ "$(cat "/proc/$dpid/comm" 2> /dev/null)" = "$name" ] ||
        w="${w:+$w; }no process named $name in the pid file ($pidfile: '${dpid}')"
    want ssd_start && verdict ssd_start "$w"
fi
if want ssd_running; then
    g "${ssd[@]}" --start --background --make-pidfile --pidfile "$pidfile" --exec "$prog" -- 100 21s
    expect_out ssd_running 1 "already running"
fi
if want ssd_status; then
    g "${ssd[@]}" --status --pidfile "$pidfile" --exec "$prog"
    expect_out ssd_status 0 ""
fi
if want ssd_stop || want ssd_gone; then
    # no pid file: it scans /proc, matching each process's exe with --exec
    g "${ssd[@]}" --stop --exec "$prog" --retry 10
    want ssd_stop && expect_out ssd_stop 0 ""
    if want ssd_gone; then
        w=""
        [ -n "$dpid" ] && ! gone "$dpid" && w="the daemon $dpid still runs after --stop"
        g "${ssd[@]}" --status --exec "$prog"
        [ "$rc" = 3 ] || w="${w:+$w; }--status $(tl_status_text "$rc") after --stop, want 3 (not running)"
        verdict ssd_gone "$w"
    fi
fi
tl_summary

# pvm's hidden descriptors and /proc views (issue 10, findings 3 and 5),
# sourced by tests/cli/run.sh (check, passed, failed, $pvm, $probe, $work).
# fdprobe (tests/cli/fdprobe.c) is the guest.
#
# fds_routes: under `pvm -D LOG` every route the guest has to the log is
# refused with the errno the probe names (the /proc fd links through
# /proc/self/root, a /proc dirfd, the cwd, a symlink, openat2; the log's own
# path; truncate, chmod, unlink, rename, link, file handles, readlink,
# execve; pidfd_getfd of pvm's number and of a native process holding the
# log; a forked child's routes to the parent's fds), ordinary opens still
# work, and the log is byte for byte what it was. The file handle of the log
# for open_by_handle_at comes from the host (python ctypes), as root only
# (the call needs CAP_DAC_READ_SEARCH).
#
# fds_devnull_log, fds_pvm_binary, fds_held: what is not protected stays
# usable (a device as the log, pvm's binary by path, a log that is also the
# guest's stderr).
#
# proc_leak: the guest dumps every entry of /proc/self, /proc/self/task/TID
# and of a forked child pvm (/proc/CHILD, /proc/CHILD/task/CHILD), prints
# its pid and the child's and waits on a fifo; the script reads both host
# maps from outside, lets the guest finish, and tests/cli/procleak.py fails
# on any address-like number inside pvm's host mappings outside the guest
# region (and on pvm's binary path in the guest's own entries). The same
# checker run on the host's own /proc/PID/stat must find leaks (a control
# that the method sees them).
fdprobe=$(dirname "$probe")/fdprobe

# -- every route to the -D log is refused; the log is intact
mkdir -p "$work/fds"
printf 'sentinel line 1\nsentinel line 2\n' > "$work/fds.log"
cp "$work/fds.log" "$work/fds.log.orig"
fds_handle=-
fds_py='
import ctypes, sys
libc = ctypes.CDLL(None, use_errno=True)
class FH(ctypes.Structure):
    _fields_ = [("bytes", ctypes.c_uint), ("type", ctypes.c_int), ("f", ctypes.c_ubyte * 128)]
fh, mnt = FH(), ctypes.c_int()
fh.bytes = 128
if libc.name_to_handle_at(-100, sys.argv[1].encode(), ctypes.byref(fh), ctypes.byref(mnt), 0):
    sys.exit(1)
print("%d:%s" % (fh.type, bytes(fh.f[:fh.bytes]).hex()))
'
if [ "$(id -u)" = 0 ] && command -v python3 > /dev/null; then
    fds_handle=$(python3 -c "$fds_py" "$work/fds.log" 2> /dev/null) || fds_handle=-
fi
check fds_routes 0 '^routes: (3[5-9]|[4-9][0-9]) refused, 0 wrong, 0 leaked$' "" -- \
    "$pvm" -D "$work/fds.log" "$fdprobe" routes "$work/fds.log" "$work/fds" "$fds_handle"
if grep -Eq '^(LEAK|WRONG)|FAILED$' "$work/fds_routes.out"; then
    failed=$((failed + 1)); echo "FAIL fds_routes_lines:"; grep -E '^(LEAK|WRONG)|FAILED$' "$work/fds_routes.out" | sed 's/^/    /'
else passed=$((passed + 1)); fi
if [ "$fds_handle" != - ] && ! grep -q '^refused open_by_handle_at wronly|trunc: EACCES$' "$work/fds_routes.out"; then
    failed=$((failed + 1)); echo "FAIL fds_handle: open_by_handle_at of the log not refused"
else passed=$((passed + 1)); fi
if cmp -s "$work/fds.log" "$work/fds.log.orig"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL fds_log_intact: the -D log changed"; fi

# -- not protected: devices, pvm's binary, a log the guest holds already (its stderr)
check fds_devnull_log 0 '^open /dev/null: ok$' "" -- "$pvm" -D /dev/null "$fdprobe" open /dev/null
check fds_pvm_binary 0 "^open $pvm: ok\$" "" -- "$pvm" -D "$work/fds.log" "$fdprobe" open "$pvm" ro
check fds_held 0 "^open $work/fds_held.err: ok\$" "" -- \
    "$pvm" -D "$work/fds_held.err" "$fdprobe" open "$work/fds_held.err"

# -- /proc shows none of pvm's host addresses
proc_leak() {
    local fifo=$work/proc_leak.in out=$work/proc_leak.out maps=$work/proc_leak.maps line pid child i
    rm -f "$fifo" && mkfifo "$fifo" || return 1
    "$pvm" -D "$work/proc_leak.log" "$fdprobe" procdump < "$fifo" > "$out" 2> "$work/proc_leak.err" &
    local job=$!
    exec 7> "$fifo"
    for i in $(seq 300); do
        grep -q '^waiting pid=' "$out" 2> /dev/null && break
        sleep 0.1
    done
    line=$(grep '^waiting pid=' "$out")
    pid=${line#waiting pid=} && pid=${pid%% *} && child=${line##*child=}
    if [ -n "$line" ]; then
        cat "/proc/$pid/maps" "/proc/$child/maps" > "$maps"
        { echo "=== host stat"; cat "/proc/$pid/stat"; } > "$work/proc_leak.control"
    fi
    exec 7>&-
    wait "$job" || { echo "procdump: status $?"; return 1; }
    [ -n "$line" ] || { echo "procdump printed no pid"; return 1; }
    python3 "$here/procleak.py" "$out" "$maps" "$pvm" ||
        return 1
    # the control: the host's view has pvm's addresses, and the checker sees them
    for i in $(seq 60); do echo "=== filler $i"; done >> "$work/proc_leak.control"
    if python3 "$here/procleak.py" "$work/proc_leak.control" "$maps" "$pvm" > /dev/null; then
        echo "procleak.py finds nothing in the host's own stat"; return 1
    fi
}
if ! command -v python3 > /dev/null; then
    echo "SKIP proc_leak: no python3"
elif msg=$(proc_leak 2>&1); then
    passed=$((passed + 1))
else
    failed=$((failed + 1)); echo "FAIL proc_leak:"; printf '%s\n' "$msg" | tail -20 | sed 's/^/    /'
fi

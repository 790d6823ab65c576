# What the host sees of a running guest (docs/usage.md "What the host
# sees"), sourced by tests/cli/run.sh (uses check and $pvm $probe $work; the
# guest is psvprobe, built next to probe from tests/cli/psvprobe.c, copied
# under a name of its own so no other process matches it). The host's ps,
# pgrep and pidof (procps, sysvinit-utils) find the guest by its name and
# arguments; /proc/PID/cmdline is the guest's argv byte for byte, also after
# the guest exec'd another program; a guest thread's PR_SET_NAME shows in
# task/TID/comm; /proc/PID/exe stays pvm's binary on the host. Under a
# seccomp filter that refuses PR_SET_MM (nommap, a host helper) the guest
# runs as before, its own /proc/self/cmdline is still its argv, the host
# shows pvm's command line and -d proc says why. Every guest started here
# is killed and waited for before the file ends.
#  psview_ps, _pgrep_x, _pgrep_f, _pidof, _cmdline, _comm, _exe, _environ
#  psview_exec_*     the same after the guest exec'd (a new pvm)
#  psview_thread     a thread's name from the host (ps -T)
#  psview_nommap_*   PR_SET_MM refused
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh
psv_probe=$(dirname "$probe")/psvprobe
psv_nommap=$(dirname "$probe")/nommap
# a name no other process has (comm keeps 15 bytes), and a second for exec
psv_name=psv$$x
psv_name2=psv$$y
cp "$psv_probe" "$work/$psv_name"
cp "$psv_probe" "$work/$psv_name2"
psv_bin=$work/$psv_name
psv_bin2=$work/$psv_name2
psv_pid=""

# psv_start NAME COMMAND...: starts COMMAND in the background (psv_pid) and
# waits until the host shows comm NAME for it (at most 10 s)
psv_start() {
    local want=$1 i
    shift
    "$@" > /dev/null 2> "$work/psv_start.err" < /dev/null &
    psv_pid=$!
    for i in $(seq 200); do
        [ "$(cat "/proc/$psv_pid/comm" 2> /dev/null)" = "$want" ] && return 0
        [ -e "/proc/$psv_pid" ] || break
        sleep 0.05
    done
    echo "psview: pid $psv_pid never showed comm $want ($(cat "/proc/$psv_pid/comm" 2>&1))"
}
psv_stop() {
    kill -KILL "$psv_pid" 2> /dev/null
    wait "$psv_pid" 2> /dev/null
    psv_pid=""
}
# psv_bytes FILE ARGS...: FILE holds ARGS as cmdline shows them
psv_bytes() {
    local f=$1
    shift
    printf '%s\0' "$@" > "$f"
}

# -- a sleeping guest with an empty argument and one with a space
psv_start "$psv_name" env -i PATH=/usr/bin:/bin "$pvm" -E PSV_MARK=1 -s 1M "$psv_bin" sleep 60 "two words" ""
check psview_ps 0 "^$psv_name +$psv_bin sleep 60 two words ?\$" "" -- ps -o comm=,args= -p "$psv_pid"
check psview_pgrep_x 0 "^$psv_pid\$" "" -- pgrep -x "$psv_name"
check psview_pgrep_f 0 "^$psv_pid\$" "" -- pgrep -f "$psv_name sleep 60 two words"
check psview_pidof 0 "^$psv_pid\$" "" -- pidof "$psv_name"
psv_bytes "$work/psview.want" "$psv_bin" sleep 60 "two words" ""
check psview_cmdline 0 "" "" -- cmp "$work/psview.want" "/proc/$psv_pid/cmdline"
check psview_comm 0 "^$psv_pid \($psv_name\) S " "" -- cat "/proc/$psv_pid/stat"
# the guest's environment: env -i's, then -E's
psv_bytes "$work/psview_env.want" PATH=/usr/bin:/bin PSV_MARK=1
check psview_environ 0 "" "" -- cmp "$work/psview_env.want" "/proc/$psv_pid/environ"
# exe is pvm's binary on the host: changing it needs CAP_CHECKPOINT_RESTORE
check psview_exe 0 "" "" -- test "$(readlink "/proc/$psv_pid/exe")" = "$(realpath "$pvm")"
psv_stop

# -- after an exec: the new pvm shows the new program
psv_start "$psv_name2" "$pvm" "$psv_bin" exec "$psv_bin2" sleep 60 after-exec
check psview_exec_ps 0 "^$psv_name2 +$psv_bin2 sleep 60 after-exec\$" "" -- ps -o comm=,args= -p "$psv_pid"
check psview_exec_pgrep 0 "^$psv_pid\$" "" -- pgrep -x "$psv_name2"
check psview_exec_old_gone 1 "" "" -- pgrep -x "$psv_name"
psv_bytes "$work/psview_exec.want" "$psv_bin2" sleep 60 after-exec
check psview_exec_cmdline 0 "" "" -- cmp "$work/psview_exec.want" "/proc/$psv_pid/cmdline"
psv_stop

# -- a thread's name
psv_start "$psv_name" "$pvm" "$psv_bin" thread psv-worker 60
for i in $(seq 200); do
    grep -qx psv-worker /proc/"$psv_pid"/task/*/comm 2> /dev/null && break
    sleep 0.05
done
check psview_thread 0 "^ *$psv_pid +[0-9]+ psv-worker\$" "" -- ps -T -o pid=,spid=,comm= -p "$psv_pid"
psv_stop

# -- PR_SET_MM refused: the guest is unaffected and sees its own argv
rm -f "$work/psview_nommap.log"
check psview_nommap 0 "^$psv_bin\|cmdline\|x y\|\$" "" -- \
    "$psv_nommap" "$pvm" -d proc -D "$work/psview_nommap.log" "$psv_bin" cmdline "x y"
check psview_nommap_comm 0 "^$psv_name\$" "" -- sed -n 2p "$work/psview_nommap.out"
check psview_nommap_log 0 "^proc: PR_SET_MM_MAP: Operation not permitted: " "" -- cat "$work/psview_nommap.log"
psv_start "$psv_name" "$psv_nommap" "$pvm" "$psv_bin" sleep 60
check psview_nommap_host 0 "^$psv_name +$pvm $psv_bin sleep 60\$" "" -- ps -o comm=,args= -p "$psv_pid"
check psview_nommap_pgrep 0 "^$psv_pid\$" "" -- pgrep -x "$psv_name"
psv_stop

# chroot-test's optional profile of the build step (CHROOT_PROFILE=DIR, a host
# directory; docs/testing.md "The chroot test", docs/performance.md).
# Sourced by run.sh (host side: the perf watcher) and inside.sh (namespace
# side: the step's wrapper); both see DIR at the same path.
#
# The build step then runs with PVM_DEBUG=profile and PVM_LOG_FILE in the
# chroot's environment, so every pvm process of the build appends its
# exec-profile: line to one log (copied to DIR/pvm-profile.log; EMU=qemu
# ignores the variables), and a system-wide `perf record -e cpu-clock -a -g`
# (CHROOT_PROFILE_FREQ samples a second per CPU, default 499)
# on the host covers the step and nothing else: the wrapper creates
# DIR/build.start and waits (up to 60 s) for the watcher's DIR/perf.started,
# runs the step, then creates DIR/build.end and waits (up to 120 s) for
# DIR/perf.stopped. Without perf (or when it cannot start) the watcher still
# answers, so the step never waits for long. The step's own wall time goes to
# DIR/build.time. Nothing is left running: run.sh stops the watcher on every
# exit path (profile_watch_stop).

# shellcheck shell=bash disable=SC2154 # dir: set and exported by inside.sh
# ---- namespace side (inside.sh) ----

# profile_step FUNCTION: FUNCTION with in_chroot's programs under -d profile
profile_step() {
    local d=$CHROOT_PROFILE st t0 t1
    rm -f "$dir/tmp/pvm-profile.log" "$d/pvm-profile.log"
    # in_chroot's commands start under env(1) in the chroot, which puts the
    # variables into the environment of everything the step runs
    eval "profile_orig_$(declare -f in_chroot)"
    # shellcheck disable=SC2317 # called by the step's function
    in_chroot() {
        profile_orig_in_chroot /usr/bin/env PVM_DEBUG=profile PVM_LOG_FILE=/tmp/pvm-profile.log "$@"
    }
    : > "$d/build.start"
    for _ in $(seq 600); do
        [ -e "$d/perf.started" ] && break
        sleep 0.1
    done
    t0=$(date +%s.%N)
    "$@"
    st=$?
    t1=$(date +%s.%N)
    : > "$d/build.end"
    echo "$t0 $t1" | awk '{ printf "build %.2f s\n", $2 - $1 }' > "$d/build.time"
    for _ in $(seq 1200); do
        [ -e "$d/perf.stopped" ] && break
        sleep 0.1
    done
    [ -f "$dir/tmp/pvm-profile.log" ] && cp "$dir/tmp/pvm-profile.log" "$d/pvm-profile.log"
    return $st
}

# ---- host side (run.sh) ----

profile_watch_pid=""

# profile_watch_start: the watcher, in the background
profile_watch_start() {
    local d=$CHROOT_PROFILE
    mkdir -p "$d" || return 1
    rm -f "$d"/build.start "$d"/build.end "$d"/perf.started "$d"/perf.stopped "$d"/perf.pid "$d"/perf.data
    profile_watch "$d" > "$d/perf.log" 2>&1 &
    profile_watch_pid=$!
}

# profile_watch DIR: waits for the step's start, records until its end
profile_watch() {
    local d=$1 perf_pid=""
    while [ ! -e "$d/build.start" ]; do sleep 0.2; done
    if command -v perf > /dev/null; then
        perf record -e cpu-clock -F "${CHROOT_PROFILE_FREQ:-499}" -a -g -o "$d/perf.data" &
        perf_pid=$!
        echo "$perf_pid" > "$d/perf.pid"
        sleep 1 # perf's set-up, so the step's first second is in the record
        kill -0 "$perf_pid" 2> /dev/null || perf_pid=""
    fi
    [ -n "$perf_pid" ] || echo "profile: perf record is not running"
    : > "$d/perf.started"
    while [ ! -e "$d/build.end" ]; do sleep 0.2; done
    if [ -n "$perf_pid" ]; then
        kill -INT "$perf_pid"
        wait "$perf_pid"
    fi
    rm -f "$d/perf.pid"
    : > "$d/perf.stopped"
}

# the watcher and its perf, by their pids, on any exit path of run.sh
profile_watch_stop() {
    [ -n "$profile_watch_pid" ] || return 0
    local p
    p=$(cat "$CHROOT_PROFILE/perf.pid" 2> /dev/null)
    if [ -n "$p" ] && kill -INT "$p" 2> /dev/null; then
        for _ in $(seq 100); do
            kill -0 "$p" 2> /dev/null || break
            sleep 0.1
        done
    fi
    kill "$profile_watch_pid" 2> /dev/null
    wait "$profile_watch_pid" 2> /dev/null
    profile_watch_pid=""
}

#!/usr/bin/env bash
# chroot-test, namespace side (started by tests/debian-chroot/run.sh as pid 1 of new
# user, mount and pid namespaces; root here is host root's ids 0-65535 without
# the host's privileges). Registers the interpreter in this namespace's own
# binfmt_misc instance, then runs the steps, each timed (`step NAME: N s`)
# with its output in LOGS/NAME.log, one `pass|fail|skip NAME SECONDS` line per
# step appended to WORK/results; after a failed step the rest are skipped.
#   debootstrap  first stage on the host side (downloads, unpacks)
#   second-stage chroot DIR /debootstrap/debootstrap --second-stage
#   apt-update   apt-get update with deb and deb-src lines
#   apt-install  gcc libc6-dev make dpkg-dev debhelper
#   compile      a C program compiled with the chroot's gcc prints the
#                expected line
#   apt-source   apt-get source hello (and build-dep, normally a no-op)
#   build        dpkg-buildpackage -b -uc -us of hello
#   run-deb      dpkg -i of the built .deb; /usr/bin/hello greets
#   build-qemu, build-pvm, build-compare  (EMU=pvm) the build again under
#                qemu-aarch64-static, then under pvm; pvm's must be faster
# then the package-build engines' steps (mmdebstrap, sbuild, podman) of
# tests/debian-chroot/builders.sh, sourced here.
# Everything mounted here (binfmt_misc, the chroot's proc and /dev, the apt
# cache) goes away with the namespaces.
# usage: inside.sh GO-FIFO PVM-STATIC EMU INTERPRETER WORK CACHE
set -u
go=$1 pvm=$2 emu=$3 interp=$4 work=$5 cache=$6
# run.sh writes the id maps, then lets us go
read -r _ < "$go"
dir=$work/root
logs=$work/logs
results=$work/results
mirror=$PVM_DEBIAN_MIRROR
tmo=$CHROOT_STEP_TIMEOUT
mkdir -p "$logs" "$cache/debootstrap" "$cache/apt-archives/partial"
rm -f "$logs"/*.log
: > "$results"

if [ -z "${CHROOT_GLOBAL_NAME:-}" ]; then
    if ! mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc 2> "$logs/binfmt.log"; then
        echo "chroot-test: cannot mount binfmt_misc in a user namespace ($(cat "$logs/binfmt.log"))" >&2
        exit 3
    fi
    # pvm's entry (flags POF) for either interpreter
    name=$emu-test-aarch64
    if ! "$pvm" --binfmt-register --name "$name" --path "$interp" >> "$logs/binfmt.log" 2>&1; then
        echo "FAIL binfmt: cannot register $interp: $(cat "$logs/binfmt.log")"
        echo "fail binfmt 0" >> "$results"
        exit 1
    fi
    echo "chroot-test: registered $name in this namespace's binfmt_misc: $(tr '\n' ' ' < "/proc/sys/fs/binfmt_misc/$name")"
fi

# mount_fs: what the chroot needs mounted, each mount only if missing (the
# second stage unmounts what it finds): a proc of this pid namespace; /dev as
# a tmpfs holding the host's device nodes bind-mounted (no mknod here), a
# devpts instance of its own and a tmpfs /dev/shm; once the second stage is
# done, the apt archive cache
mount_fs() {
    mountpoint -q "$dir/proc" || mount -t proc proc "$dir/proc" || return 1
    if ! mountpoint -q "$dir/dev"; then
        mount -t tmpfs -o mode=0755,nosuid devtmp "$dir/dev" || return 1
        local d
        for d in null zero full random urandom tty; do
            touch "$dir/dev/$d" && mount --bind "/dev/$d" "$dir/dev/$d" || return 1
        done
        mkdir -p "$dir/dev/pts" "$dir/dev/shm"
        ln -s pts/ptmx "$dir/dev/ptmx"
        ln -s /proc/self/fd "$dir/dev/fd"
        ln -s /proc/self/fd/0 "$dir/dev/stdin"
        ln -s /proc/self/fd/1 "$dir/dev/stdout"
        ln -s /proc/self/fd/2 "$dir/dev/stderr"
    fi
    mountpoint -q "$dir/dev/pts" ||
        mount -t devpts -o newinstance,ptmxmode=0666,mode=0620,gid=5 devpts "$dir/dev/pts" || return 1
    mountpoint -q "$dir/dev/shm" || mount -t tmpfs -o mode=1777,nosuid,nodev shm "$dir/dev/shm" || return 1
    if [ ! -d "$dir/debootstrap" ] && [ -d "$dir/var/cache/apt/archives" ] &&
        ! mountpoint -q "$dir/var/cache/apt/archives"; then
        mount --bind "$cache/apt-archives" "$dir/var/cache/apt/archives" || return 1
    fi
    return 0
}

# in_chroot COMMAND...: COMMAND in the chroot with a clean environment
in_chroot() {
    env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive container=lxc \
        chroot "$dir" "$@"
}

broken=""
step() { # NAME COMMAND...
    local name=$1 t0 st dt
    shift
    if [ -n "$broken" ]; then
        echo "step $name: skipped (after $broken failed)"
        echo "skip $name 0" >> "$results"
        return 0
    fi
    t0=$(date +%s)
    { [ "$name" = debootstrap ] || mount_fs; } > "$logs/$name.log" 2>&1 &&
        timeout -k 60 "$tmo" bash -c '"$@"' step "$@" >> "$logs/$name.log" 2>&1 < /dev/null
    st=$?
    dt=$(($(date +%s) - t0))
    echo "step $name: $dt s"
    if [ $st = 0 ]; then
        echo "pass $name $dt" >> "$results"
    else
        [ $st = 124 ] && st="$st (timed out after $tmo s)"
        echo "FAIL $name: status $st; the end of $logs/$name.log:"
        tail -n 20 "$logs/$name.log" | sed 's/^/    /'
        echo "fail $name $dt" >> "$results"
        broken=$name
    fi
}

first_stage() {
    # debootstrap probes mknod and creates device nodes unless it is in a
    # container; as lxc it skips the probe, and its failing mknods are
    # harmless (mount_fs provides /dev)
    container=lxc debootstrap --foreign --variant=minbase --arch=arm64 \
        --cache-dir="$cache/debootstrap" bookworm "$dir" "$mirror"
}

second_stage() {
    # debootstrap's own log (dpkg's output) is kept beside the step's
    in_chroot /debootstrap/debootstrap --second-stage || {
        cp "$dir/debootstrap/debootstrap.log" "$logs/second-stage.debootstrap.log"
        echo "(dpkg's output: $logs/second-stage.debootstrap.log)"
        return 1
    }
}

apt_update() {
    printf 'deb %s bookworm main\ndeb-src %s bookworm main\n' "$mirror" "$mirror" > "$dir/etc/apt/sources.list"
    in_chroot apt-get update
}

apt_install() {
    in_chroot apt-get install -y --no-install-recommends gcc libc6-dev make dpkg-dev debhelper
}

compile() {
    cp "$sieve_c" "$dir/root/t.c" || return 1
    in_chroot sh -c 'cd /root && gcc -O2 -Wall -Werror -o t t.c && ./t' > "$work/compile.out" || return 1
    cat "$work/compile.out"
    [ "$(cat "$work/compile.out")" = "primes 9592 sum 454396537" ] || {
        echo "unexpected output"
        return 1
    }
}

apt_source() {
    in_chroot sh -c 'rm -rf /root/src && mkdir /root/src && cd /root/src &&
        apt-get source hello && apt-get build-dep -y --no-install-recommends hello'
}

build() {
    in_chroot sh -c 'cd /root/src/hello-*/ && dpkg-buildpackage -b -uc -us'
}

run_deb() {
    in_chroot sh -c 'dpkg -i /root/src/hello_*_arm64.deb && hello' > "$work/hello.out" || return 1
    cat "$work/hello.out"
    grep -q '^Hello, world!$' "$work/hello.out"
}

# the steps run in a child bash under timeout
# the compile step's program, also root-step.sh's
sieve_c=$(cd "${BASH_SOURCE%/*}" && pwd)/sieve.c
export dir work cache mirror sieve_c
export -f in_chroot first_stage second_stage apt_update apt_install compile apt_source build run_deb
# CHROOT_PROFILE=DIR: the build step profiled (tests/debian-chroot/profile.sh)
profile=""
if [ -n "${CHROOT_PROFILE:-}" ]; then
    # shellcheck source=tests/debian-chroot/profile.sh
    . "$(dirname "$0")/profile.sh" && export -f profile_step && profile=profile_step
fi
rm -rf "$dir"
mkdir -p "$dir"
step debootstrap first_stage
step second-stage second_stage
step apt-update apt_update
step apt-install apt_install
step compile compile
step apt-source apt_source
step build $profile build
step run-deb run_deb

# build-qemu, build-pvm, build-compare (EMU=pvm; issue 18): the hello build
# of `build` twice more in this chroot, first with qemu-aarch64-static as the
# entry's interpreter, then with pvm-static again, so that both run warm (page
# cache, the same tree, apt's archives) one after the other in this run;
# build-compare passes when pvm's build took less time than qemu's. The entry
# is made afresh for each (an F entry holds its interpreter open) and is left
# naming pvm for the steps after. Not with a global registration (a host-wide
# entry is not switched), nor when run.sh had no qemu-aarch64-static.
binfmt_use() { # INTERPRETER: the namespace's entry names it
    local e=/proc/sys/fs/binfmt_misc/$entry
    if [ -e "$e" ]; then echo -1 > "$e" || return 1; fi
    "$pvm" --binfmt-register --name "$entry" --path "$1" &&
        echo "entry $entry: $(tr '\n' ' ' < "$e")"
}
build_under() { # INTERPRETER
    binfmt_use "$1" && build
}
entry=${name:-}
export entry pvm
export -f binfmt_use build_under
why=""
if [ "$emu" != pvm ]; then
    why="EMU=$emu"
elif [ -z "${CHROOT_COMPARE_QEMU:-}" ]; then
    why="no qemu-aarch64-static (CHROOT_COMPARE=0, or run.sh could not fetch it)"
elif [ -n "${CHROOT_GLOBAL_NAME:-}" ]; then
    why="a global registration is not switched between interpreters"
fi
if [ -n "$why" ]; then
    for s in build-qemu build-pvm build-compare; do
        echo "step $s: skipped ($why)"
        echo "skip $s 0" >> "$results"
    done
else
    step build-qemu build_under "$CHROOT_COMPARE_QEMU"
    step build-pvm build_under "$pvm"
    tq=$(awk '$1 == "pass" && $2 == "build-qemu" { print $3 }' "$results")
    tp=$(awk '$1 == "pass" && $2 == "build-pvm" { print $3 }' "$results")
    if [ -n "$tq" ] && [ -n "$tp" ]; then
        cmp="pvm-static $tp s, qemu-aarch64-static $tq s: pvm/qemu $(awk -v p="$tp" -v q="$tq" 'BEGIN { printf "%.2f", p / q }')"
        if [ "$tp" -lt "$tq" ]; then
            echo "step build-compare: $cmp"
            echo "pass build-compare 0" >> "$results"
        else
            echo "FAIL build-compare: pvm not faster than qemu: $cmp"
            echo "fail build-compare 0" >> "$results"
            broken=build-compare
        fi
    else
        step build-compare false
    fi
fi
# shellcheck source=tests/debian-chroot/builders.sh
. "${BASH_SOURCE%/*}/builders.sh"

# pvm --root of the debootstrap root as the build user, rootless, with its
# own namespaces and binfmt_misc instance nested in the test's: apt-get
# update, apt-get install, gcc (tests/debian-chroot/root-step.sh, in a copy
# of the root). EMU=qemu times the same commands through chroot and
# qemu-aarch64-static instead, for docs/performance.md.
root_step_sh=$(cd "${BASH_SOURCE%/*}" && pwd)/root-step.sh
root_step() {
    local e=(ROOT_STEP_WORK="$work/root-step")
    [ "$emu" = qemu ] && e+=(ROOT_STEP_PVM=0 ROOT_STEP_QEMU=1 QEMU_AARCH64_STATIC="$interp")
    env "${e[@]}" bash "$root_step_sh" "$dir" "$pvm" "$b_name"
}
export pvm emu interp root_step_sh
export -f root_step
step root-step root_step
# its own steps' times, for the record
[ -f "$work/root-step/results" ] && sed 's/^/root-step: /' "$work/root-step/results"
rm -rf "$work/root-step/root" "$work/root-step/qroot"
[ -z "$broken" ]

#!/usr/bin/env bash
# chroot-test, host side: a Debian bookworm arm64 chroot built with debootstrap
# and used as on an arm64 machine (apt, gcc, a package build), every arm64
# program in it started by the kernel through binfmt_misc with EMU (pvm-static
# or qemu-aarch64-static) as the interpreter; then the package-build engines
# (mmdebstrap, sbuild, podman: builders.sh). Long (some 40 minutes under qemu
# or pvm on 2 cores); never part of `make check`.
#
# Nothing of the host's global state changes: the registration lives in a
# private binfmt_misc instance of a new user namespace (Linux 6.7+), with its
# own mount and pid namespaces; tests/debian-chroot/inside.sh runs there as pid 1, so
# the registration, every mount (proc, /dev, the apt cache) and every process
# vanish with it on any exit, kill included. uids and gids 0-65535 are mapped
# to the same host ids (Debian's system users must exist for dpkg's chowns),
# and so are the 65536 from 1000000 (the build user's subordinate ids, with
# which mmdebstrap, sbuild and podman map their own user namespaces: see
# tests/debian-chroot/builders.sh), a map only root may write: the test needs
# root. The chroot's root user cannot mknod there; debootstrap is told it is
# in a container (container=lxc: no mknod probe, device nodes skipped) and
# inside.sh mounts a tmpfs /dev with the host's device nodes bind-mounted, as
# debootstrap itself does in lxc.
# The entry is made by `pvm-static --binfmt-register` (flags POF, pvm's magic
# and mask) for either interpreter. A global registration is made only with
# CHROOT_TEST_GLOBAL_BINFMT=1, when the kernel has no per-namespace instance
# (name unique, removed on every exit path; pvm refuses it beside another
# enabled handler of arm64 programs).
#
# usage: run.sh EMU BUILD-DIR        (EMU: pvm or qemu)
# env:   PVM_DEBIAN_MIRROR (default http://deb.debian.org/debian)
#        CHROOT_STEP_TIMEOUT  seconds a step may take (default 14400)
#        CHROOT_TEST_GLOBAL_BINFMT=1  allow a global registration (see above)
#        CHROOT_PROFILE=DIR  profile the build step into DIR (profile.sh)
#        CHROOT_COMPARE=0  EMU=pvm without the build under qemu-aarch64-static
#                          (build-qemu, build-pvm, build-compare: inside.sh)
# The chroot is BUILD-DIR/chroot-test/EMU/root, made afresh on every run and
# kept afterwards for inspection (`make clean` removes it); step logs are in
# BUILD-DIR/chroot-test/EMU/logs. Downloads are cached in cache/chroot-test.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)

if [ $# -ne 2 ]; then
    echo "usage: $0 pvm|qemu BUILD-DIR" >&2
    exit 2
fi
emu=$1
build=$(realpath -m "$2")
cache=$root/cache/chroot-test
work=$build/chroot-test/$emu

if [ "$(id -u)" != 0 ]; then
    echo "chroot-test: needs root: the user namespace maps uids and gids 0-65535 to the host's (dpkg chowns files to Debian's system users), which only root may write" >&2
    exit 1
fi
for t in debootstrap unshare chroot mountpoint flock setpriv mmdebstrap sbuild newuidmap newgidmap; do
    if ! command -v "$t" > /dev/null; then
        echo "chroot-test: $t not found (make chroot-test installs what it needs: scripts/install-deps.sh chroot)" >&2
        exit 1
    fi
done

mkdir -p "$cache" "$work"
# one run at a time shares the download caches
exec 9> "$cache/lock"
if ! flock -n 9; then
    echo "chroot-test: another chroot-test is running (lock $cache/lock)" >&2
    exit 1
fi

# pvm-static makes the entries; the interpreter, by absolute host path
pvm=$build/pvm-static
if [ ! -x "$pvm" ]; then
    echo "chroot-test: $pvm missing (make builds it)" >&2
    exit 1
fi
# qemu_fetch: qemu-aarch64-static, unpacked from Debian's .deb into the cache,
# never installed (the package would register global handlers); its path in
# qemu_static
qemu_fetch() {
    local qdir=$cache/qemu-user-static
    qemu_static=$qdir/usr/bin/qemu-aarch64-static
    [ -x "$qemu_static" ] && return 0
    # shellcheck source=scripts/apt-private.sh
    . "$root/scripts/apt-private.sh"
    apt_private_init "$root"
    apt_private_has_lists || apt_private_update || return 1
    rm -rf "$qdir" "$qdir.dl" && mkdir -p "$qdir.dl"
    if ! (cd "$qdir.dl" && apt-get "${APT_PRIVATE[@]}" download -q qemu-user-static:amd64 > /dev/null); then
        echo "chroot-test: cannot download qemu-user-static" >&2
        return 1
    fi
    dpkg-deb -x "$qdir.dl"/qemu-user-static_*.deb "$qdir" || return 1
    echo "chroot-test: unpacked $(basename "$qdir.dl"/qemu-user-static_*.deb) into $qdir"
    rm -rf "$qdir.dl"
}
# EMU=pvm builds hello twice more, under qemu-aarch64-static and under pvm
# (inside.sh build-qemu, build-pvm, build-compare) unless CHROOT_COMPARE=0
compare_qemu=""
case $emu in
    pvm)
        interp=$pvm
        if [ "${CHROOT_COMPARE:-1}" != 0 ]; then
            if qemu_fetch; then
                compare_qemu=$qemu_static
            else
                echo "chroot-test: no qemu-aarch64-static: the build comparison will be skipped" >&2
            fi
        fi
        ;;
    qemu)
        qemu_fetch || exit 1
        interp=$qemu_static
        ;;
    *)
        echo "chroot-test: EMU must be pvm or qemu, not '$emu'" >&2
        exit 2
        ;;
esac

# a kernel without per-namespace binfmt_misc instances (before 6.7): only a
# global registration would do, and only when asked for
global_name=""
global_cleanup() {
    if [ -n "$global_name" ] && [ -e "/proc/sys/fs/binfmt_misc/$global_name" ]; then
        "$pvm" --binfmt-unregister --name "$global_name" ||
            echo "chroot-test: could not remove the global registration $global_name" >&2
    fi
    if [ -n "${global_mounted:-}" ]; then
        umount /proc/sys/fs/binfmt_misc 2> /dev/null
    fi
}

echo "chroot-test: EMU=$emu interpreter $interp; chroot $work/root; logs $work/logs"
echo "chroot-test: $(uname -sr), commit $(git -C "$root" rev-parse --short HEAD 2> /dev/null || echo '?'), $(date -u '+%Y-%m-%d %H:%M UTC')"

# ns_run GLOBAL-NAME: runs inside.sh in new user, mount and pid namespaces
# and waits for it (its status in rc). --kill-child makes the inside (pid 1
# of its pid namespace) die with this unshare, and everything in it with
# pid 1. GLOBAL-NAME empty: the inside registers in its own binfmt_misc.
upid=""
subids=1000000
ns_run() {
    rm -f "$work/results" "$work/go"
    mkfifo "$work/go"
    unshare --user --mount --pid --fork --kill-child --mount-proc --propagation private \
        -- env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 \
        PVM_DEBIAN_MIRROR="${PVM_DEBIAN_MIRROR:-http://deb.debian.org/debian}" \
        CHROOT_STEP_TIMEOUT="${CHROOT_STEP_TIMEOUT:-14400}" CHROOT_GLOBAL_NAME="$1" \
        ${CHROOT_PROFILE:+CHROOT_PROFILE="$CHROOT_PROFILE"} \
        CHROOT_SUBIDS=$subids CHROOT_BUILD_ID=64222 CHROOT_COMPARE_QEMU="$compare_qemu" \
        bash "$here/inside.sh" "$work/go" "$pvm" "$emu" "$interp" "$work" "$cache" &
    upid=$!
    # wait until unshare is in its user namespace, then give it the id maps
    local selfns ns
    selfns=$(readlink /proc/self/ns/user)
    for _ in $(seq 200); do
        ns=$(readlink "/proc/$upid/ns/user" 2> /dev/null) || break
        [ "$ns" != "$selfns" ] && break
        sleep 0.05
    done
    # (a map of two lines must reach the kernel in one write: cat of a file)
    printf '0 0 65536\n%s %s 65536\n' "$subids" "$subids" > "$work/idmap"
    if ! cat "$work/idmap" > "/proc/$upid/uid_map" || ! cat "$work/idmap" > "/proc/$upid/gid_map"; then
        echo "chroot-test: cannot write the id maps of the user namespace" >&2
        kill "$upid" 2> /dev/null
    else
        echo go > "$work/go"
    fi
    wait "$upid"
    rc=$?
    upid=""
}

# unshare --fork ignores SIGINT and SIGTERM while it waits for its child:
# SIGKILL it, and --kill-child takes the namespace's pid 1, and with it
# everything in the namespace
stop() {
    [ -n "$upid" ] && kill -KILL "$upid" 2> /dev/null && wait "$upid" 2> /dev/null
    global_cleanup
    echo "chroot-test: interrupted"
    exit 130
}
trap stop INT TERM HUP
trap 'global_cleanup; profile_watch_stop' EXIT
# CHROOT_PROFILE=DIR: perf over the build step (tests/debian-chroot/profile.sh)
profile_watch_stop() { :; }
if [ -n "${CHROOT_PROFILE:-}" ]; then
    CHROOT_PROFILE=$(realpath -m "$CHROOT_PROFILE")
    # shellcheck source=tests/debian-chroot/profile.sh
    . "$here/profile.sh" && profile_watch_start
fi

rc=0
ns_run ""
# status 3: the inside could not mount a binfmt_misc instance of its own
if [ $rc = 3 ]; then
    if [ "${CHROOT_TEST_GLOBAL_BINFMT:-}" != 1 ]; then
        echo "chroot-test: this kernel has no binfmt_misc instance per user namespace (Linux 6.7+); CHROOT_TEST_GLOBAL_BINFMT=1 allows a global registration for the run (removed afterwards)" >&2
    else
        if ! mountpoint -q /proc/sys/fs/binfmt_misc; then
            mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc && global_mounted=1
        fi
        global_name=pvm-chroot-test-$$
        if "$pvm" --binfmt-register --name "$global_name" --path "$interp"; then
            echo "chroot-test: registered $global_name globally for this run"
            ns_run "$global_name"
        fi
    fi
fi

# the summary, from the results the inside wrote (one line per step), so a
# killed namespace still ends in a count
passed=0 failed=0 skipped=0
if [ -f "$work/results" ]; then
    passed=$(grep -c '^pass ' "$work/results")
    failed=$(grep -c '^fail ' "$work/results")
    skipped=$(grep -c '^skip ' "$work/results")
fi
if [ $rc != 0 ] && [ "$failed" = 0 ]; then
    echo "FAIL namespace: the inside ended with status $rc"
    failed=$((failed + 1))
fi
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
[ "$failed" = 0 ]

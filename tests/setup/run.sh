#!/usr/bin/env bash
# setup suite: the set-up never changes what the user already has, and the
# comparison side of the suites runs Debian's pinned amd64 packages from the
# native tree, not the host's programs and libraries.
#   install_deps_*  scripts/install-deps.sh --dry-run names no installed
#                   package in any command it prints (with the real dpkg
#                   database, with one where coreutils, perl-base, gzip and
#                   python3.11-minimal are installed at versions other than
#                   the pins, and next to a lock whose pins differ from what
#                   is installed), and it has no --allow-downgrades, no
#                   pkg=version of an installed package, no dpkg
#                   --add-architecture
#   install_deps_chroot_set  only the chroot set (make chroot-test) names
#                   debootstrap
#   no_host_versions the suites compare pins, never dpkg-query the host
#   native_maps_*   python3.11, perl and busybox run through native-run.sh
#                   map only files of the native tree (device and inode of
#                   every file in /proc/self/maps), the loader included
#   native_unmounted nothing stays mounted after native-run.sh
#   stale_pin       a pin the archive no longer has makes fetch-debs fail
#                   with one line naming `make update-pins` (needs the
#                   private package lists of an earlier fetch; no network)
# usage: run.sh NATIVE_ROOT WORKDIR [FILTER...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/common.sh
. "$here/../lib/common.sh"

if [ $# -lt 2 ]; then
    echo "usage: $0 NATIVE_ROOT WORKDIR [FILTER...]" >&2
    exit 2
fi
nroot=$(realpath -m "$1")
work=$(realpath -m "$2")
shift 2
filters=("$@")
nrun=$root/tests/lib/native-run.sh
rm -rf "$work"
mkdir -p "$work"

installed_on_host() { # PKG
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

# check_commands NAME OUTPUT-FILE [PKG...]: every apt/dpkg command line the
# dry run printed names only packages that are not installed (on the host,
# and not among PKG, the ones a fake dpkg database holds), a version only of
# such a package, no --allow-downgrades, no --add-architecture
check_commands() {
    local name=$1 out=$2
    shift 2
    local line w bad="" p
    while IFS= read -r line; do
        case $line in apt-get\ * | apt\ * | dpkg\ *) ;; *) continue ;; esac
        case $line in *--allow-downgrades* | *--add-architecture* | *--reinstall*)
            bad="$bad; prints '$line'" ;;
        esac
        for w in $line; do
            case $w in -* | apt-get | apt | dpkg | install | update) continue ;; esac
            # a version only for a package that is not installed (the
            # installed sibling's version: install-deps.sh's header)
            case $w in *=*)
                if installed_on_host "${w%%=*}"; then bad="$bad; installs a version of an installed package: $w"; fi
                for p in "$@"; do
                    [ "${w%%=*}" = "$p" ] && bad="$bad; installs a version of $p, installed in the fake dpkg database"
                done
                continue ;;
            esac
            installed_on_host "$w" && bad="$bad; names $w, which is installed"
            for p in "$@"; do
                [ "$w" = "$p" ] && bad="$bad; names $w, installed in the fake dpkg database"
            done
        done
    done < "$out"
    if [ -n "$bad" ]; then
        tl_fail "$name" "${bad#; }" "$out"
    else
        tl_pass "$name"
    fi
}

# -- install-deps
ideps=$root/scripts/install-deps.sh
if tl_selected install_deps_source; then
    bad=""
    grep -q -- '--allow-downgrades' "$ideps" && bad="$bad; contains --allow-downgrades"
    grep -q -- '--add-architecture' "$ideps" && bad="$bad; contains --add-architecture"
    grep -q 'debs\.lock' "$ideps" && bad="$bad; reads tests/debs.lock"
    if [ -n "$bad" ]; then tl_fail install_deps_source "scripts/install-deps.sh ${bad#; }"
    else tl_pass install_deps_source; fi
fi

if tl_selected install_deps_host; then
    out=$work/dry-host.out
    if "$ideps" --dry-run check > "$out" 2>&1; then
        check_commands install_deps_host "$out"
    else
        tl_fail install_deps_host "install-deps.sh --dry-run check failed" "$out"
    fi
fi

# a dpkg database where the compared programs are installed at versions other
# than the pins (and make is there too): none may be named
if tl_selected install_deps_fake_versions; then
    adm=$work/admindir
    mkdir -p "$adm/info" "$adm/updates"
    : > "$adm/available"
    fake=(coreutils perl-base gzip python3.11-minimal make)
    for p in "${fake[@]}"; do
        printf 'Package: %s\nStatus: install ok installed\nPriority: optional\nSection: misc\nMaintainer: nobody\nArchitecture: amd64\nVersion: 0.0.1-fake1\nDescription: fake\n\n' "$p"
    done > "$adm/status"
    out=$work/dry-fake.out
    if ! "$ideps" --dry-run --admindir "$adm" check > "$out" 2>&1; then
        tl_fail install_deps_fake_versions "install-deps.sh --dry-run --admindir failed" "$out"
    elif ! grep -q '^apt-get install .*libcapstone-dev' "$out"; then
        tl_fail install_deps_fake_versions "the dry run prints no install of the packages the fake database lacks" "$out"
    else
        # (the packages the fake database lacks may be installed on the host:
        # only the fake database's own ones are checked here)
        bad=""
        for p in "${fake[@]}"; do
            grep -E '^(apt-get|apt|dpkg) ' "$out" | grep -qw -- "$p" && bad="$bad $p"
        done
        if [ -n "$bad" ]; then
            tl_fail install_deps_fake_versions "the dry run names installed packages:$bad" "$out"
        else
            tl_pass install_deps_fake_versions
        fi
    fi
fi

# install-deps next to a lock whose pins differ from the installed versions:
# a copy of the script in a tree of its own, so the lock can be any
if tl_selected install_deps_fake_lock; then
    t=$work/fake-tree
    mkdir -p "$t/scripts" "$t/tests"
    cp "$ideps" "$t/scripts/"
    {
        cat "$root/tests/debs.lock"
        for p in coreutils perl-base gzip python3.11-minimal; do
            for a in amd64 arm64; do echo "$p:$a=99.0-fake1"; done
        done
    } > "$t/tests/debs.lock"
    out=$work/dry-lock.out
    if (cd "$t" && scripts/install-deps.sh --dry-run check) > "$out" 2>&1; then
        check_commands install_deps_fake_lock "$out"
    else
        tl_fail install_deps_fake_lock "install-deps.sh --dry-run check failed" "$out"
    fi
fi

# the chroot set (make chroot-test) is the only one with debootstrap: with an
# empty dpkg database the build and check sets never name it, chroot does
if tl_selected install_deps_chroot_set; then
    adm=$work/admindir-empty
    mkdir -p "$adm/info" "$adm/updates"
    : > "$adm/available"
    : > "$adm/status"
    bad=""
    for set in build check chroot; do
        out=$work/dry-$set.out
        if ! "$ideps" --dry-run --admindir "$adm" $set > "$out" 2>&1; then
            bad="$bad; --dry-run $set failed"
            continue
        fi
        if grep -q '^apt-get install .*debootstrap' "$out"; then
            [ $set = chroot ] || bad="$bad; the $set set names debootstrap"
        else
            [ $set != chroot ] || bad="$bad; the chroot set does not name debootstrap"
        fi
    done
    if [ -n "$bad" ]; then tl_fail install_deps_chroot_set "${bad#; }" "$work/dry-chroot.out"
    else tl_pass install_deps_chroot_set; fi
fi

# -- the suites compare the pins with each other, never the host's packages
if tl_selected no_host_versions; then
    bad=""
    for f in tests/debian/run.sh tests/debian/cases.sh tests/busybox/run.sh tests/busybox/cases.sh scripts/bench.sh; do
        grep -q 'dpkg-query\|dpkg -[sl]' "$root/$f" && bad="$bad $f"
    done
    if [ -n "$bad" ]; then tl_fail no_host_versions "asks dpkg about the host's packages:$bad"
    else tl_pass no_host_versions; fi
fi

# -- the native side maps only the native tree's files
# check_maps NAME MAPS-FILE: every mapped file (dev and inode of
# /proc/self/maps) is the native tree's file of that path, not the host's;
# the dynamic loader, when one is mapped, is the tree's
check_maps() {
    local name=$1 maps=$2 n=0 bad="" dev ino path tdev
    local -A seen=()
    if [ ! -s "$maps" ]; then
        tl_fail "$name" "no /proc/self/maps output"
        return
    fi
    while read -r _ _ _ dev ino path; do
        case $path in /*) ;; *) continue ;; esac
        [ "$ino" = 0 ] || [ -n "${seen[$path]+x}" ] && continue
        seen[$path]=1
        n=$((n + 1))
        # maps shows the device as hex major:minor
        dev=$((16#${dev%%:*})):$((16#${dev##*:}))
        tdev=$(stat -c '%Hd:%Ld %i' "$nroot$path" 2> /dev/null)
        if [ "$tdev" != "$dev $ino" ]; then
            if [ -e "$path" ] && [ "$(stat -L -c '%Hd:%Ld %i' "$path")" = "$dev $ino" ]; then
                bad="$bad; $path is the host's"
            else
                bad="$bad; $path is not the native tree's file"
            fi
        fi
    done < "$maps"
    [ $n = 0 ] && bad="$bad; no mapped files"
    if [ -n "$bad" ]; then
        tl_fail "$name" "${bad#; }" "$maps"
    else
        tl_pass "$name"
    fi
}
native_maps() { # NAME ARGV...: runs ARGV in the native tree, checks its maps
    local name=$1
    shift
    tl_selected "$name" || return 0
    if [ ! -f "$nroot/$1" ]; then
        tl_skip "$name" "no $nroot$1 (scripts/fetch-debs.sh amd64 $nroot)"
        return 0
    fi
    if ! (cd "$work" && env -i PATH=/usr/bin:/bin LC_ALL=C "$nrun" "$nroot" --bind "$work" -- "$@") > "$work/$name.maps" 2> "$work/$name.err"; then
        tl_fail "$name" "the native run failed" "$work/$name.err"
        return 0
    fi
    check_maps "$name" "$work/$name.maps"
    # a dynamic program maps a loader: it must be the tree's
    if [ "$name" != native_maps_busybox ] && ! grep -q '/ld-linux-x86-64\.so\.2$' "$work/$name.maps"; then
        tl_fail "$name-loader" "no ld-linux-x86-64.so.2 among the mapped files" "$work/$name.maps"
    fi
}
native_maps native_maps_python /usr/bin/python3.11 -c 'import json, hashlib, decimal, sqlite3; print(open("/proc/self/maps").read(), end="")'
# shellcheck disable=SC2016
native_maps native_maps_perl /usr/bin/perl -MPOSIX -MDigest::SHA -e 'open my $f, "<", "/proc/self/maps" or die; print <$f>'
native_maps native_maps_busybox /bin/busybox cat /proc/self/maps

if tl_selected native_unmounted; then
    if grep -q " ${nroot}[/ ]" /proc/self/mounts; then
        tl_fail native_unmounted "mounts under $nroot remain: $(grep -c " ${nroot}[/ ]" /proc/self/mounts)"
    else
        tl_pass native_unmounted
    fi
fi

# -- a pin the archive no longer has: one line naming `make update-pins`
if tl_selected stale_pin; then
    if [ ! -f "${PVM_APT_DIR:-$root/cache/apt}/state/.updated" ]; then
        tl_skip stale_pin "no private package lists in cache/apt yet (they come with the first scripts/fetch-debs.sh)"
    else
        lock=$work/stale.lock
        sed 's/^gzip:amd64=.*/gzip:amd64=1.12-0~pvmtest1/' "$root/tests/debs.lock" > "$lock"
        FETCH_DEBS_NO_UPDATE=1 "$root/scripts/fetch-debs.sh" --lock "$lock" amd64 "$work/stale-root" \
            > "$work/stale.out" 2> "$work/stale.err"
        rc=$?
        cat "$work/stale.out" "$work/stale.err" > "$work/stale.all"
        if [ $rc = 0 ]; then
            tl_fail stale_pin "fetch-debs succeeded with a pin that does not exist" "$work/stale.all"
        elif [ "$(wc -l < "$work/stale.all")" != 1 ]; then
            tl_fail stale_pin "fetch-debs printed $(wc -l < "$work/stale.all") lines, want one" "$work/stale.all"
        elif ! grep -q 'make update-pins' "$work/stale.all" || ! grep -q 'gzip:amd64=1.12-0~pvmtest1' "$work/stale.all"; then
            tl_fail stale_pin "the line names neither the pin nor \`make update-pins\`" "$work/stale.all"
        else
            tl_pass stale_pin
        fi
    fi
fi

tl_summary

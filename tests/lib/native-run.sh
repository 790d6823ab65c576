#!/bin/bash
# Runs CMD inside TREE, an unpacked amd64 Debian tree (build/native-root, made
# by scripts/fetch-debs.sh amd64 from the pins in tests/debs.lock): the
# comparison side of the integration suites and of `make bench` runs Debian's
# pinned amd64 programs with their own libraries and loader, never the host's
# /usr. The command runs in a private mount namespace (`unshare -m` as root,
# a user namespace as well otherwise, mapping the caller's uid and gid to
# themselves) where /dev, /proc, /sys, /tmp, the host's user and host
# databases (/etc/passwd, group, nsswitch.conf, hosts, resolv.conf: what
# pvm's guests see too) and every --bind DIR are bind mounted at the same
# paths inside TREE, chrooted into TREE, in the current directory when a
# bound directory holds it (else /). Nothing stays mounted after it exits. The command replaces this script (exec), so its exit status
# and a killing signal are the caller's to see. CMD is a path inside TREE.
# The command gets the caller's environment (PATH included); this script
# itself uses the system's PATH (a caller's PATH may hold applet symlinks).
# usage: tests/lib/native-run.sh TREE [--bind DIR]... -- CMD [ARGS...]
set -eu
NATIVE_RUN_PATH=${PATH-}
export NATIVE_RUN_PATH
PATH=/usr/sbin:/usr/bin:/sbin:/bin

usage() {
    echo "usage: $0 TREE [--bind DIR]... -- CMD [ARGS...]" >&2
    exit 2
}
[ $# -ge 1 ] || usage
tree=$(realpath "$1")
shift
binds=(/dev /proc /sys /tmp)
for f in /etc/passwd /etc/group /etc/nsswitch.conf /etc/hosts /etc/resolv.conf; do
    [ -f "$f" ] && binds+=("$f")
done
while [ $# -gt 0 ] && [ "$1" != -- ]; do
    case $1 in
        --bind) [ $# -ge 2 ] || usage; binds+=("$(realpath "$2")"); shift 2 ;;
        *) usage ;;
    esac
done
[ $# -ge 2 ] || usage
shift
if [ ! -d "$tree/usr" ]; then
    echo "native-run: $tree is no unpacked tree (scripts/fetch-debs.sh amd64 $tree)" >&2
    exit 125
fi

# the working directory inside: the caller's when it is under a bound directory
wd=/
for d in "${binds[@]}"; do
    case $PWD/ in "$d"/*) wd=$PWD; break ;; esac
done

# runs in the new mount namespace: $1 TREE, $2 WD, $3 N, then N bound
# directories, then the command
# shellcheck disable=SC2016
inner='set -e
tree=$1 wd=$2 n=$3
shift 3
while [ "$n" -gt 0 ]; do
    if [ -d "$1" ]; then
        mkdir -p "$tree$1"
    else
        mkdir -p "$(dirname "$tree$1")"
        [ -e "$tree$1" ] || : > "$tree$1"
    fi
    mount --rbind "$1" "$tree$1"
    shift
    n=$((n - 1))
done
unshare=$(command -v unshare)
export PATH=$NATIVE_RUN_PATH
unset NATIVE_RUN_PATH
if [ -z "${NATIVE_RUN_UID:-}" ]; then
    exec "$unshare" --root="$tree" --wd="$wd" -- "$@"
fi
# not root outside: leave the user namespace root for the caller ids again
uid=$NATIVE_RUN_UID gid=$NATIVE_RUN_GID
unset NATIVE_RUN_UID NATIVE_RUN_GID
exec "$unshare" --map-user="$uid" --map-group="$gid" --root="$tree" --wd="$wd" -- "$@"'

if [ "$(id -u)" = 0 ]; then
    exec unshare -m --propagation private -- bash -c "$inner" native-run "$tree" "$wd" "${#binds[@]}" "${binds[@]}" "$@"
fi
NATIVE_RUN_UID=$(id -u) NATIVE_RUN_GID=$(id -g) \
    exec unshare -m -r --propagation private -- bash -c "$inner" native-run "$tree" "$wd" "${#binds[@]}" "${binds[@]}" "$@"

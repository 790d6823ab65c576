#!/usr/bin/env bash
# binfmt_misc suite, host side (make check-binfmt): starts tests/binfmt/inside.sh
# where pvm can be registered without touching the machine's binfmt_misc
# table: in a new user namespace (and mount namespace) whose private
# binfmt_misc instance (Linux 6.7+) vanishes with it.
#   - as root: tests/binfmt/nsmap.c maps uids and gids 0-65535 of the
#     namespace to host ids nobody has (BINFMT_IDBASE, default 2000000000),
#     so the cases can drop to uid 1000 and own a set-user-ID root program
#     that means nothing outside (every file of the namespace is in a tmpfs
#     of its own);
#   - otherwise: unshare --user --map-root-user --mount (only root mapped;
#     the O and C cases are skipped).
# Where the kernel has no per-namespace instance every case is skipped with
# the reason, unless BINFMT_TEST_GLOBAL=1: then, as root, one entry under a
# unique name goes into the machine's table for the cases that need no user
# namespace, and is removed on every exit (inside.sh's trap).
# usage: run.sh BUILD-DIR
set -u
here=$(cd "$(dirname "$0")" && pwd)
build=$(realpath "$1")
work=$build/tests/binfmt/work
rm -rf "$work" && mkdir -p "$work/ns" && chmod 0755 "$work" "$work/ns"

idbase=${BINFMT_IDBASE:-2000000000}
if [ "$(id -u)" = 0 ]; then
    timeout 240 "$build/tests/binfmt/nsmap" "$idbase" 65536 "$here/inside.sh" "$build" "$work" ranged
    rc=$?
elif unshare --user --map-root-user true 2> /dev/null; then
    timeout 240 unshare --user --map-root-user --mount "$here/inside.sh" "$build" "$work" single
    rc=$?
else
    echo "SKIP all: no user namespace can be made here (neither root nor unprivileged user namespaces)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
# 125: nsmap could not make the namespace (it said why)
if [ "$rc" = 125 ]; then
    echo "SKIP all: no user namespace with a range of ids could be made here (nsmap's line above)"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
# 77: the kernel has no binfmt_misc instance per user namespace (said why)
if [ "$rc" = 77 ]; then
    if [ "${BINFMT_TEST_GLOBAL:-0}" = 1 ] && [ "$(id -u)" = 0 ]; then
        echo "BINFMT_TEST_GLOBAL=1: registering in the machine's binfmt_misc table (removed on exit)"
        timeout 240 unshare --mount --propagation private "$here/inside.sh" "$build" "$work" global
        rc=$?
    else
        rc=0
    fi
fi
exit "$rc"

#!/usr/bin/env bash
# fakeroot under pvm (issue 13): Debian's arm64 fakeroot (the fakeroot-sysv
# script; faked-sysv serving libfakeroot-sysv.so, preloaded into every
# program it runs, over System V message queues and a semaphore) runs
# arm64 tar and dpkg-deb --build over a small package tree made here, and
# the archives list their files as root/root (and as 1234/5678 the file
# chown'd inside fakeroot, which only faked's records can say) although the
# run is the invoking user's: as root the tree is first given to 65534, so
# the check means something there too. No native side: the answer is fixed
# by what fakeroot is for. Every program is the sysroot's: PATH is a
# directory of links to the sysroot's programs (the sysroot is not
# merged-/usr, the host usually is, and pvm's -L rule falls back to the
# host's path when the sysroot has no such file: a PATH of /bin:/usr/bin
# would reach the host's dpkg-deb). Also checked: no "ERROR: ld.so"
# (neither the host's loader of an exec'd pvm nor the guest's complain
# about LD_PRELOAD), id -u is 0 inside, and faked's queue and semaphore are
# gone afterwards.
# usage: fakeroot.sh PVM SYSROOT WORKDIR      env: TIMEOUT (seconds per run, default 120)
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/common.sh
. "$here/../lib/common.sh"
pvm=$(realpath -m "$1") sysroot=$(realpath -m "$2") work=$(realpath -m "$3")
tmo=${TIMEOUT:-120}
echo "fakeroot under: $pvm -L $sysroot"
for p in usr/bin/fakeroot-sysv usr/bin/faked-sysv bin/tar usr/bin/dpkg-deb bin/dash usr/bin/getopt bin/sed; do
    if [ ! -e "$sysroot/$p" ]; then
        tl_skip fakeroot "no $p in $sysroot (scripts/fetch-debs.sh arm64 $sysroot)"
        tl_summary
        exit 0
    fi
done
rm -rf "$work"
mkdir -p "$work/bin" "$work/tree/pkg/DEBIAN" "$work/tree/pkg/usr/share/doc/pvm-test"
for p in bin/dash:sh bin/sed bin/tar bin/chown bin/cat bin/ls usr/bin/getopt usr/bin/cut usr/bin/id \
    usr/bin/dpkg-deb usr/bin/fakeroot-sysv:fakeroot; do
    ln -s "$sysroot/${p%%:*}" "$work/bin/$(basename "${p#*:}")"
done
d=$work/tree
printf 'Package: pvm-test\nVersion: 1.0\nArchitecture: all\nMaintainer: pvm <pvm@example.org>\nDescription: fakeroot check\n' \
    > "$d/pkg/DEBIAN/control"
echo hello > "$d/pkg/usr/share/doc/pvm-test/README"
echo data > "$d/pkg/usr/share/doc/pvm-test/data"
touch -d '2026-01-02 03:04:05' "$d/pkg" "$d/pkg/DEBIAN" "$d/pkg/DEBIAN/control" "$d/pkg/usr" \
    "$d/pkg/usr/share" "$d/pkg/usr/share/doc" "$d/pkg/usr/share/doc/pvm-test"/*
[ "$(id -u)" = 0 ] && chown -R 65534:65534 "$d/pkg"

# run NAME ARGS...: ARGS under pvm in the tree, output in $work/NAME.{out,err,rc}
run() {
    local name=$1
    shift
    (cd "$d" && timeout -k 5 "$tmo" env -i PATH="$work/bin" HOME="$d" LC_ALL=C TZ=UTC "${TL_MODE_ENV[@]}" \
        "$pvm" -L "$sysroot" "$sysroot/bin/dash" -c "$*" > "$work/$name.out" 2> "$work/$name.err")
    echo $? > "$work/$name.rc"
}
# owners NAME: the owner column of a tar -tv listing, with the file name
owners() { awk '{print $2, $NF}' "$work/$1.out"; }
check_ok() { # NAME
    local rc
    rc=$(cat "$work/$1.rc")
    if [ "$rc" != 0 ]; then
        tl_fail "$1" "$(tl_status_text "$rc")" "$work/$1.err"
        return 1
    fi
    if grep -q "ERROR: ld.so" "$work/$1.err"; then
        tl_fail "$1" "a loader could not preload libfakeroot" "$work/$1.err"
        return 1
    fi
    return 0
}

# without fakeroot the owners are real: not root/root (the check is not vacuous)
run plain 'tar -cf plain.tar pkg && tar -tvf plain.tar'
if check_ok plain; then
    if owners plain | grep -q '^root/root '; then
        tl_fail plain "tar lists root/root without fakeroot: the check below would prove nothing"
    else
        tl_pass plain
    fi
fi

run tar 'fakeroot -- sh -c "id -u; echo \$FAKEROOTKEY > key; chown 1234:5678 pkg/usr/share/doc/pvm-test/README && tar -cf out.tar pkg" && tar -tvf out.tar'
if check_ok tar; then
    want="0"
    got=$(head -n1 "$work/tar.out")
    bad=$(tail -n +2 "$work/tar.out" | awk '$NF == "pkg/usr/share/doc/pvm-test/README" ? $2 != "1234/5678" : $2 != "root/root"')
    if [ "$got" != "$want" ]; then
        tl_fail tar "id -u inside fakeroot printed '$got', want 0"
    elif [ "$(tail -n +2 "$work/tar.out" | wc -l)" != 9 ] || [ -n "$bad" ]; then
        tail -n +2 "$work/tar.out" > "$work/tar.list"
        tl_fail tar "tar -tvf: want 9 entries, root/root but README 1234/5678" "$work/tar.list"
    else
        tl_pass tar
    fi
fi

run dpkg_deb 'fakeroot -- sh -c "chown 1234:5678 pkg/usr/share/doc/pvm-test/data && dpkg-deb --build pkg out.deb" && dpkg-deb -c out.deb'
if check_ok dpkg_deb; then
    bad=$(grep -v "^dpkg-deb: building" "$work/dpkg_deb.out" | awk '$NF == "./usr/share/doc/pvm-test/data" ? $2 != "1234/5678" : $2 != "root/root"')
    n=$(grep -c '^[-d][-r]' "$work/dpkg_deb.out")
    if [ "$n" != 7 ] || [ -n "$bad" ]; then
        tl_fail dpkg_deb "dpkg-deb -c: want 7 entries, root/root but data 1234/5678" "$work/dpkg_deb.out"
    else
        tl_pass dpkg_deb
    fi
fi

# faked removes its message queue and semaphore when the script ends it
key=$(cat "$d/key" 2> /dev/null)
if [ -z "$key" ]; then
    tl_fail cleanup "no FAKEROOTKEY was seen inside fakeroot"
else
    left=""
    for i in $(seq 50); do
        left=$(awk -v k="$key" 'NR > 1 && $1 == k' /proc/sysvipc/msg /proc/sysvipc/sem)
        [ -z "$left" ] && break
        sleep 0.1
    done
    if [ -n "$left" ]; then
        tl_fail cleanup "faked left IPC objects with key $key: $left"
    else
        tl_pass cleanup
    fi
fi
tl_summary

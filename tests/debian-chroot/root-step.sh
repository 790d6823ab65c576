#!/usr/bin/env bash
# The `pvm --root` step of the chroot test (issue 15; docs/testing.md "The
# chroot test"), host side, run as root: given a Debian bookworm arm64 root
# made by debootstrap (second stage done), the unprivileged USER runs
#   pvm-static --root COPY apt-get update, apt-get install -y bc
#   pvm-static --root COPY: gcc -O2 of a C program, and the program
# with nothing global: no registration, no root privileges (pvm's user and
# mount namespace, private binfmt_misc instance). Each is timed
# (`root-step NAME: N s`, one `pass|fail NAME SECONDS` line per step in
# WORK/results); with ROOT_STEP_QEMU=1 the same commands are timed again as
# the chroot test runs them (root of a user namespace with ids 0-65535 mapped
# to the host's, chroot, qemu-aarch64-static registered in the namespace's
# own binfmt_misc instance), for docs/performance.md.
#
# The root is not changed: the steps run in a copy (WORK/root), whose files
# are given to USER the way a rootless container's are: uid/gid 0 becomes
# USER's, n >= 1 the n-th id of USER's range in /etc/subuid and /etc/subgid
# (pvm --root maps them back, through newuidmap/newgidmap). A user namespace
# lets its root write only files whose owner is mapped in it, so USER could
# not install anything into the root's own root-owned files. USER without a
# range: every file becomes USER's, only USER's ids are mapped inside (pvm
# says so in one line), and apt runs with -o APT::Sandbox::User=root (it
# cannot drop to _apt, an id that does not exist inside); a package whose
# files belong to another user would then not install (bc's do not).
#
# usage: root-step.sh ROOTDIR PVM-STATIC USER
# env:   ROOT_STEP_WORK   where the copies go (default: ROOTDIR's directory/root-step)
#        ROOT_STEP_PVM=0  leave out the pvm --root steps (the chroot test's qemu run)
#        ROOT_STEP_QEMU=1 also time qemu-aarch64-static (QEMU_AARCH64_STATIC names
#                         it, else it is unpacked from Debian's .deb into
#                         cache/root-step, never installed)
#        ROOT_STEP_PACKAGE  the package installed (default bc)
#        ROOT_STEP_TIMEOUT  seconds a step may take (default 3600)
# exit: 0 when every step passed.
set -u
here=$(cd "$(dirname "$0")" && pwd)
tree=$(cd "$here/../.." && pwd)

if [ $# -ne 3 ]; then
    echo "usage: $0 ROOTDIR PVM-STATIC USER" >&2
    exit 2
fi
src=$(realpath -e "$1") || exit 2
pvm=$(realpath -e "$2") || exit 2
user=$3
if [ "$(id -u)" != 0 ]; then
    echo "root-step: needs root (it copies the root and gives the copy to $user)" >&2
    exit 2
fi
if ! uid=$(id -u "$user" 2> /dev/null) || ! gid=$(id -g "$user"); then
    echo "root-step: no user $user" >&2
    exit 2
fi
if [ ! -x "$src/usr/bin/apt-get" ] || [ ! -x "$src/usr/bin/gcc" ] || [ -d "$src/debootstrap" ]; then
    echo "root-step: $src is not a finished debootstrap root with gcc (apt-get, gcc, no /debootstrap)" >&2
    exit 2
fi
work=${ROOT_STEP_WORK:-$(dirname "$src")/root-step}
pkg=${ROOT_STEP_PACKAGE:-bc}
tmo=${ROOT_STEP_TIMEOUT:-3600}
mkdir -p "$work"
work=$(realpath "$work")
results=$work/results
: > "$results"

# the user's first range in FILE (by name or number): "START COUNT", or nothing
subrange() { # FILE NAME ID
    awk -F: -v n="$2" -v i="$3" '($1 == n || $1 == i) && $3 > 0 { print $2, $3; exit }' "$1" 2> /dev/null
}
read -r us uc <<< "$(subrange /etc/subuid "$user" "$uid")"
read -r gs gc <<< "$(subrange /etc/subgid "$user" "$uid")"
apt_opts=()
if [ -n "${us:-}" ] && [ -n "${gs:-}" ] && command -v newuidmap > /dev/null && command -v newgidmap > /dev/null; then
    echo "root-step: $user ($uid:$gid) with subordinate ids $us+$uc, $gs+$gc"
else
    us="" gs=""
    apt_opts=(-o APT::Sandbox::User=root)
    echo "root-step: $user ($uid:$gid) has no subordinate ids (or no newuidmap): only its own ids inside; apt with ${apt_opts[*]}"
fi

# copy ROOT: a copy of the root in WORK/ROOT (hard links would share inodes,
# and so owners, with the original); the file systems mounted in it (the
# chroot test's /proc, /dev, /dev/pts) are not copied, only their mount points
copy() {
    rm -rf "${work:?}/$1"
    cp -a --one-file-system "$src" "$work/$1"
    cp /etc/resolv.conf "$work/$1/etc/resolv.conf" 2> /dev/null || true
}

# the copy given to the user (see the top); python3 walks it without
# following symlinks
shift_owners() { # DIR
    python3 - "$1" "$uid" "$gid" "${us:-}" "${uc:-0}" "${gs:-}" "${gc:-0}" << 'EOF'
import os, sys
top, uid, gid = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
us, uc = (int(sys.argv[4]), int(sys.argv[5])) if sys.argv[4] else (None, 0)
gs, gc = (int(sys.argv[6]), int(sys.argv[7])) if sys.argv[6] else (None, 0)
def new(i, own, start, count):
    if i == 0 or start is None or i > count:
        return own
    return start + i - 1
def fix(p):
    st = os.lstat(p)
    os.lchown(p, new(st.st_uid, uid, us, uc), new(st.st_gid, gid, gs, gc))
    if not os.path.islink(p):
        os.chmod(p, st.st_mode & 0o7777)  # chown drops set-id bits
for d, dirs, files in os.walk(top):
    for n in dirs + files:
        fix(os.path.join(d, n))
fix(top)
EOF
}

broken=""
step() { # NAME COMMAND...   (stdin: the file STEP_STDIN, else /dev/null)
    local name=$1 t0 st dt
    shift
    if [ -n "$broken" ]; then
        echo "root-step $name: skipped (after $broken failed)"
        echo "skip $name 0" >> "$results"
        return 0
    fi
    t0=$(date +%s.%N)
    timeout -k 30 "$tmo" bash -c '"$@"' step "$@" > "$work/$name.log" 2>&1 < "${STEP_STDIN:-/dev/null}"
    st=$?
    dt=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')
    echo "root-step $name: $dt s"
    if [ $st = 0 ]; then
        echo "pass $name $dt" >> "$results"
    else
        echo "FAIL $name: status $st; the end of $work/$name.log:"
        tail -n 15 "$work/$name.log" | sed 's/^/    /'
        echo "fail $name $dt" >> "$results"
        broken=$name
    fi
}

want="primes 9592 sum 454396537"
cp "$here/sieve.c" "$work/t.c" || exit 1
# COMMAND's output must hold the program's line
wants() {
    local o
    o=$("$@") || return
    printf '%s\n' "$o"
    grep -qx "$want" <<< "$o"
}
# the steps run in a child bash under timeout: what they use is exported
export work pvm uid gid want
export -f wants
# the commands of each step, the same for both emulators
# shellcheck disable=SC2016 # expanded inside
apt_update='apt-get '"${apt_opts[*]}"' update'
apt_install='apt-get '"${apt_opts[*]}"' install -y --no-install-recommends '"$pkg"' && '"$pkg"' --version | head -1'
compile='cd /root && cat > t.c && gcc -O2 -Wall -Werror -o t t.c && ./t'

# -- pvm --root, as the user
if [ "${ROOT_STEP_PVM:-1}" = 1 ]; then
    copy root
    shift_owners "$work/root"
    in_pvm() {
        setpriv --reuid="$uid" --regid="$gid" --init-groups -- env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
            HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive "$pvm" --root "$work/root" /bin/sh -c "$1"
    }
    export -f in_pvm
    echo "root-step: pvm: $pvm --root $work/root, as $user"
    t_all=$(date +%s)
    step pvm-apt-update in_pvm "$apt_update"
    step pvm-apt-install in_pvm "$apt_install"
    STEP_STDIN=$work/t.c step pvm-compile wants in_pvm "$compile"
    echo "root-step: pvm: $(($(date +%s) - t_all)) s in all"
fi

# -- the same through chroot + qemu-aarch64-static in a private instance
if [ "${ROOT_STEP_QEMU:-0}" = 1 ]; then
    qemu=${QEMU_AARCH64_STATIC:-$tree/cache/root-step/qemu-user-static/usr/bin/qemu-aarch64-static}
    if [ ! -x "$qemu" ]; then
        qdir=$tree/cache/root-step/qemu-user-static
        # shellcheck source=scripts/apt-private.sh
        . "$tree/scripts/apt-private.sh"
        apt_private_init "$tree"
        apt_private_has_lists || apt_private_update || exit 1
        rm -rf "$qdir" "$qdir.dl" && mkdir -p "$qdir.dl"
        (cd "$qdir.dl" && apt-get "${APT_PRIVATE[@]}" download -q qemu-user-static:amd64 > /dev/null) &&
            dpkg-deb -x "$qdir.dl"/qemu-user-static_*.deb "$qdir" || exit 1
        rm -rf "$qdir.dl"
    fi
    copy qroot
    # root of a user namespace, ids 0-65535 the host's, its own mounts and
    # binfmt_misc (as tests/debian-chroot/run.sh and inside.sh)
    in_qemu() {
        local go=$work/go
        rm -f "$go" && mkfifo "$go"
        # shellcheck disable=SC2016 # expanded by the inner bash
        unshare --user --mount --propagation private -- bash -c '
            read -r _ < "$1"; r=$2
            mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc &&
            "$3" --binfmt-register --name qemu-aarch64 --path "$4" > /dev/null &&
            mount --rbind /proc "$r/proc" && mount --rbind /dev "$r/dev" && mount --rbind /sys "$r/sys" &&
            exec env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
                LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive chroot "$r" /bin/sh -c "$5"' \
            - "$go" "$work/qroot" "$pvm" "$qemu" "$1" <&0 &
        local up=$! selfns ns
        selfns=$(readlink /proc/self/ns/user)
        for _ in $(seq 200); do
            ns=$(readlink "/proc/$up/ns/user" 2> /dev/null) || break
            [ "$ns" != "$selfns" ] && break
            sleep 0.05
        done
        echo '0 0 65536' > "/proc/$up/uid_map" && echo '0 0 65536' > "/proc/$up/gid_map" && echo go > "$go"
        wait "$up"
    }
    export -f in_qemu
    export qemu
    broken=""
    echo "root-step: qemu: chroot $work/qroot with $qemu in a private binfmt_misc instance"
    t_all=$(date +%s)
    apt_update='apt-get update' apt_install='apt-get install -y --no-install-recommends '"$pkg"' && '"$pkg"' --version | head -1'
    step qemu-apt-update in_qemu "$apt_update"
    step qemu-apt-install in_qemu "$apt_install"
    STEP_STDIN=$work/t.c step qemu-compile wants in_qemu "$compile"
    echo "root-step: qemu: $(($(date +%s) - t_all)) s in all"
fi

failed=$(grep -c '^fail ' "$results")
echo "root-step: $(grep -c '^pass ' "$results") passed, $failed failed"
[ "$failed" = 0 ]

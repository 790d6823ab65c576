#!/usr/bin/env bash
# Downloads the Debian packages pinned in tests/debs.lock (package:arch=version
# per line) into cache/debs/ with the private apt configuration of
# scripts/apt-private.sh (cache/apt: the host's dpkg architectures, sources
# and package lists are neither read nor changed), and unpacks with dpkg -x
# the pins of ARCH and of arch "all" into DIR:
#   arm64 -> the sysroot pvm runs Debian's programs from (build/sysroot)
#   amd64 -> the native tree the comparison side runs in (build/native-root,
#            through tests/lib/native-run.sh)
# Idempotent: the network is used only when a pinned .deb is not cached (then
# the private lists are updated once), and nothing is unpacked again when
# DIR's stamp matches the pins. A pin that left the archive (a security update
# replaced it) fails with one line naming `make update-pins`.
# usage: scripts/fetch-debs.sh [--lock FILE] ARCH DIR
#        scripts/fetch-debs.sh [--lock FILE] --download-only
#        scripts/fetch-debs.sh SYSROOT            (the old form: arm64)
# env: DEBS_CACHE (default cache/debs), PVM_DEBIAN_MIRROR,
#      PVM_DEBIAN_SECURITY_MIRROR, FETCH_DEBS_NO_UPDATE=1 (never update lists)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/apt-private.sh
. "$root/scripts/apt-private.sh"
lock=$root/tests/debs.lock
cache=${DEBS_CACHE:-$root/cache/debs}

usage() {
    echo "usage: $0 [--lock FILE] {arm64|amd64} DIR | [--lock FILE] --download-only" >&2
    exit 2
}
arch="" dir="" only=0
while [ $# -gt 0 ]; do
    case $1 in
        --lock) [ $# -ge 2 ] || usage; lock=$(realpath "$2"); shift 2 ;;
        --download-only) only=1; shift ;;
        -*) usage ;;
        *) break ;;
    esac
done
if [ $only = 0 ]; then
    case $# in
        1) arch=arm64 dir=$1 ;;
        2) arch=$1 dir=$2 ;;
        *) usage ;;
    esac
    case $arch in arm64 | amd64) ;; *) usage ;; esac
fi
mkdir -p "$cache"

# the entries: every pin for --download-only, else those of ARCH and all
entries=()
while IFS= read -r line; do
    line=${line%%#*}
    line=$(echo "$line" | tr -d '[:space:]')
    [ -n "$line" ] || continue
    spec=${line%%=*}
    if [ "$spec" = "$line" ] || [ "${spec%%:*}" = "$spec" ]; then
        echo "fetch-debs: $lock: bad entry '$line' (want package:arch=version)" >&2
        exit 1
    fi
    a=${spec#*:}
    [ $only = 1 ] || [ "$a" = "$arch" ] || [ "$a" = all ] || continue
    entries+=("$line")
done < "$lock"

# the file name apt-get download gives a package (the epoch colon is escaped)
deb_name() { # pkg arch version
    echo "${1}_${3//:/%3a}_${2}.deb"
}

missing=()
for e in "${entries[@]}"; do
    spec=${e%%=*} ver=${e#*=}
    pkg=${spec%%:*} a=${spec#*:}
    [ -s "$cache/$(deb_name "$pkg" "$a" "$ver")" ] || missing+=("$e")
done

if [ ${#missing[@]} -gt 0 ]; then
    apt_private_init "$root"
    # one fetch at a time (make -j may build the sysroot and the native tree
    # together; they share the lists and the cache)
    exec 9> "$APT_DIR/fetch.lock"
    flock 9
    updated=0
    if ! apt_private_has_lists; then
        [ "${FETCH_DEBS_NO_UPDATE:-0}" = 1 ] || { echo "fetch-debs: updating the private package lists ($APT_DIR)"; apt_private_update; updated=1; }
    fi
    # what another fetch did not get meanwhile, in one apt-get download
    need=()
    for e in "${missing[@]}"; do
        spec=${e%%=*} ver=${e#*=}
        pkg=${spec%%:*} a=${spec#*:}
        [ -s "$cache/$(deb_name "$pkg" "$a" "$ver")" ] || need+=("$pkg:$a=$ver")
    done
    if [ ${#need[@]} -gt 0 ]; then
        tmp=$(mktemp -d "$cache/.dl.XXXXXX")
        trap 'rm -rf "$tmp"' EXIT
        ok=0
        for attempt in 1 2; do
            if (cd "$tmp" && apt-get "${APT_PRIVATE[@]}" download -q "${need[@]}" > "$tmp/log" 2>&1); then
                ok=1
                break
            fi
            # the lists may predate a pin: update them once, then retry
            if [ $attempt != 1 ] || [ $updated = 1 ] || [ "${FETCH_DEBS_NO_UPDATE:-0}" = 1 ]; then
                break
            fi
            apt_private_update
            updated=1
        done
        if [ $ok = 0 ]; then
            # a pin the archive no longer has: one line, naming the fix
            for e in "${need[@]}"; do
                spec=${e%%=*} ver=${e#*=}
                pol=$(apt-cache "${APT_PRIVATE[@]}" policy "$spec" 2>/dev/null)
                # the version table's lines: "     [*** ]VERSION PRIORITY"
                echo "$pol" | sed -n 's/^ *\(\*\*\* \)\{0,1\}\([^ ]*\) [0-9-]*$/\2/p' | grep -qxF -- "$ver" && continue
                now=$(echo "$pol" | sed -n 's/^ *Candidate: //p')
                echo "fetch-debs: $lock pins $e, which is no longer in the Debian archive (it has ${now:-no $spec}): run \`make update-pins\`" >&2
                exit 1
            done
            cat "$tmp/log" >&2
            echo "fetch-debs: cannot download ${#need[@]} pinned package(s) (network? PVM_DEBIAN_MIRROR sets the mirror)" >&2
            exit 1
        fi
        for e in "${need[@]}"; do
            spec=${e%%=*} ver=${e#*=}
            pkg=${spec%%:*} a=${spec#*:}
            f=$(deb_name "$pkg" "$a" "$ver")
            if [ ! -s "$tmp/$f" ]; then
                echo "fetch-debs: apt-get download produced no $f" >&2
                exit 1
            fi
            mv "$tmp/$f" "$cache/$f"
        done
        rm -rf "$tmp"
        trap - EXIT
        echo "fetch-debs: downloaded ${#need[@]} package(s) into $cache"
    fi
    exec 9>&-
fi
[ $only = 1 ] && exit 0

# unpack when the pins differ from what DIR holds
mkdir -p "$dir"
stamp=$dir/.debs-stamp
want=$(printf '%s\n' "${entries[@]}")
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi
for e in "${entries[@]}"; do
    spec=${e%%=*} ver=${e#*=}
    pkg=${spec%%:*} a=${spec#*:}
    f=$cache/$(deb_name "$pkg" "$a" "$ver")
    # check the file is the package the lockfile names before trusting it
    meta=$(dpkg-deb -f "$f" Package Architecture Version | tr '\n' ' ')
    case $meta in
        "Package: $pkg Architecture: $a Version: $ver ") ;;
        *) echo "fetch-debs: $f is not $pkg:$a=$ver ($meta)" >&2; exit 1 ;;
    esac
    dpkg -x "$f" "$dir"
done
echo "$want" > "$stamp"
echo "fetch-debs: unpacked ${#entries[@]} $arch/all package(s) into $dir"

#!/usr/bin/env bash
# Downloads the Debian packages pinned in tests/debs.lock (package:arch=version
# per line) into cache/debs/ and unpacks them with dpkg -x into SYSROOT
# (default cache/sysroot). Idempotent: nothing touches the network when every
# .deb is cached, and nothing is unpacked again when the sysroot's stamp
# matches the lockfile.
# usage: scripts/fetch-debs.sh [SYSROOT]
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
lock=$root/tests/debs.lock
cache=${DEBS_CACHE:-$root/cache/debs}
sysroot=${1:-$root/cache/sysroot}
mkdir -p "$cache" "$sysroot"

entries=()
while IFS= read -r line; do
    line=${line%%#*}
    line=$(echo "$line" | tr -d '[:space:]')
    [ -n "$line" ] && entries+=("$line")
done < "$lock"

# the file name apt-get download gives a package (the epoch colon is escaped)
deb_name() { # pkg arch version
    echo "${1}_${3//:/%3a}_${2}.deb"
}

updated=0
for e in "${entries[@]}"; do
    spec=${e%%=*} ver=${e#*=}
    pkg=${spec%%:*} arch=${spec#*:}
    if [ "$spec" = "$e" ] || [ "$pkg" = "$spec" ]; then
        echo "fetch-debs: $lock: bad entry '$e' (want package:arch=version)" >&2
        exit 1
    fi
    f=$cache/$(deb_name "$pkg" "$arch" "$ver")
    [ -s "$f" ] && continue
    echo "fetch-debs: downloading $pkg:$arch=$ver"
    opts=()
    # as root, apt's download sandbox user (_apt) cannot write to our cache
    [ "$(id -u)" = 0 ] && opts=(-o APT::Sandbox::User=root)
    tmp=$(mktemp -d "$cache/.dl.XXXXXX")
    if ! (cd "$tmp" && apt-get "${opts[@]}" download -q "$pkg:$arch=$ver" > "$tmp/log" 2>&1); then
        if grep -qiE "unable to locate|can't select|not found|no packages found" "$tmp/log" && [ "$(id -u)" = 0 ]; then
            echo "fetch-debs: package index lacks $pkg:$arch=$ver; running apt-get update once"
            apt-get update -qq
            (cd "$tmp" && apt-get "${opts[@]}" download -q "$pkg:$arch=$ver" > "$tmp/log" 2>&1) || {
                cat "$tmp/log" >&2; rm -rf "$tmp"; echo "fetch-debs: cannot download $pkg:$arch=$ver" >&2; exit 1; }
        else
            cat "$tmp/log" >&2
            rm -rf "$tmp"
            echo "fetch-debs: cannot download $pkg:$arch=$ver (is the arm64 architecture added? see scripts/install-deps.sh)" >&2
            exit 1
        fi
    fi
    got=$(ls "$tmp"/*.deb 2>/dev/null | head -n1)
    if [ -z "$got" ]; then
        rm -rf "$tmp"
        echo "fetch-debs: apt-get download produced no .deb for $pkg:$arch=$ver" >&2
        exit 1
    fi
    mv "$got" "$f"
    rm -rf "$tmp"
    updated=1
done

# unpack when the lockfile's entries differ from what the sysroot holds
stamp=$sysroot/.debs-stamp
want=$(printf '%s\n' "${entries[@]}")
if [ $updated = 0 ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    exit 0
fi
for e in "${entries[@]}"; do
    spec=${e%%=*} ver=${e#*=}
    pkg=${spec%%:*} arch=${spec#*:}
    f=$cache/$(deb_name "$pkg" "$arch" "$ver")
    # check the file is the package the lockfile names before trusting it
    meta=$(dpkg-deb -f "$f" Package Architecture Version | tr '\n' ' ')
    case $meta in
        "Package: $pkg Architecture: $arch Version: $ver ") ;;
        *) echo "fetch-debs: $f is not $pkg:$arch=$ver ($meta)" >&2; exit 1 ;;
    esac
    dpkg -x "$f" "$sysroot"
done
echo "$want" > "$stamp"
echo "fetch-debs: unpacked ${#entries[@]} package(s) into $sysroot"

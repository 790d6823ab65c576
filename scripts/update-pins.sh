#!/usr/bin/env bash
# `make update-pins`: moves every package:arch=version line of tests/debs.lock
# to the version the Debian archive has now (bookworm, bookworm-updates and
# bookworm-security, through the private apt configuration of
# scripts/apt-private.sh, whose lists it updates first), keeping comments and
# the order of the lines. Then reports every package whose arm64 and amd64
# pins no longer agree modulo a binNMU suffix (+bN): the suites skip those
# programs until both architectures carry the same version.
# usage: scripts/update-pins.sh [--lock FILE] [--no-update]
#   --no-update: use the private lists as they are (no network)
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=scripts/apt-private.sh
. "$root/scripts/apt-private.sh"
lock=$root/tests/debs.lock
update=1
while [ $# -gt 0 ]; do
    case $1 in
        --lock) [ $# -ge 2 ] || { echo "usage: $0 [--lock FILE] [--no-update]" >&2; exit 2; }
            lock=$(realpath "$2"); shift 2 ;;
        --no-update) update=0; shift ;;
        *) echo "usage: $0 [--lock FILE] [--no-update]" >&2; exit 2 ;;
    esac
done

apt_private_init "$root"
exec 9> "$APT_DIR/fetch.lock"
flock 9
if [ $update = 1 ]; then
    echo "update-pins: updating the private package lists ($APT_DIR)"
    apt_private_update
elif ! apt_private_has_lists; then
    echo "update-pins: no private package lists yet; run without --no-update" >&2
    exit 1
fi

# the version apt would pick from the archive for every pinned package:arch,
# from one apt-cache call: its blocks start "PKG:" (amd64 or all, the native
# architecture) or "PKG:ARCH:"; packages it does not know print nothing
declare -A pinned=() cand=()
specs=()
while IFS= read -r line; do
    if [[ $line =~ ^[[:space:]]*([^#[:space:]:=]+:[a-z0-9]+)= ]]; then
        specs+=("${BASH_REMATCH[1]}")
        pinned[${BASH_REMATCH[1]}]=1
    fi
done < "$lock"
if [ ${#specs[@]} -gt 0 ]; then
    key=""
    while IFS= read -r line; do
        case $line in
            [!\ ]*:)
                key=${line%:}
                case $key in
                    *:*) ;;
                    *) if [ -n "${pinned[$key:amd64]+x}" ]; then key=$key:amd64; else key=$key:all; fi ;;
                esac ;;
            *"Candidate: "*) [ -n "$key" ] && cand[$key]=${line#*Candidate: } ;;
        esac
    done < <(apt-cache "${APT_PRIVATE[@]}" policy "${specs[@]}" 2>/dev/null)
fi

out=$(mktemp "$lock.XXXXXX")
trap 'rm -f "$out"' EXIT
moved=0 missing=0
declare -A ver=()
while IFS= read -r line || [ -n "$line" ]; do
    # package:arch=version, maybe indented, maybe with a trailing comment
    if [[ $line =~ ^([[:space:]]*)([^#[:space:]:=]+):([a-z0-9]+)=([^#[:space:]]+)(.*)$ ]]; then
        lead=${BASH_REMATCH[1]} pkg=${BASH_REMATCH[2]} arch=${BASH_REMATCH[3]}
        old=${BASH_REMATCH[4]} rest=${BASH_REMATCH[5]}
        new=${cand[$pkg:$arch]:-}
        if [ -z "$new" ] || [ "$new" = "(none)" ]; then
            echo "update-pins: $pkg:$arch is not in the archive any more; kept at $old" >&2
            missing=$((missing + 1))
            new=$old
        elif [ "$new" != "$old" ]; then
            echo "update-pins: $pkg:$arch $old -> $new" >&2
            moved=$((moved + 1))
        fi
        ver[$pkg:$arch]=$new
        line=$lead$pkg:$arch=$new$rest
    fi
    printf '%s\n' "$line"
done < "$lock" > "$out"
cat "$out" > "$lock"
echo "update-pins: $moved pin(s) moved in $lock"
[ $missing = 0 ] || echo "update-pins: $missing pin(s) name packages the archive no longer has: edit $lock" >&2

# arm64 and amd64 pins of one package must agree modulo +bN
bad=0
for k in "${!ver[@]}"; do
    case $k in *:arm64) ;; *) continue ;; esac
    p=${k%:arm64}
    [ -n "${ver[$p:amd64]+x}" ] || continue
    a=${ver[$k]} n=${ver[$p:amd64]}
    if [ "${a%+b[0-9]*}" != "${n%+b[0-9]*}" ]; then
        echo "update-pins: $p: arm64 $a and amd64 $n differ (beyond a +bN suffix): its cases skip until the archive has one version for both ($lock is written)" >&2
        bad=$((bad + 1))
    fi
done
[ $missing = 0 ] && [ $bad = 0 ]

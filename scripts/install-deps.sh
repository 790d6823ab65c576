#!/usr/bin/env bash
# Installs the Debian packages pvm needs that are not installed at all, and
# never changes one the user already has: no upgrade, no downgrade, no
# reinstall, no `pkg=version` of an installed package, no dpkg architecture
# added (Debian's pinned
# packages the tests compare come through scripts/fetch-debs.sh into
# cache/ and build/, not into the system). Two sets:
#   build  what building pvm and `make demo` need (make, gcc, the arm64 cross
#          compiler and libc, capstone, seccomp)
#   check  build plus what `make check` needs (Check and pkg-config for the
#          unit tests, qemu-user as the oracle, python3 for the difftest grid,
#          clang-14 and libclang-rt-14-dev for the fuzz targets: on Debian 12
#          the latter holds libFuzzer's runtime for -fsanitize=fuzzer and
#          clang's ASan/UBSan runtimes; libfuzzer-14-dev is only the
#          standalone libFuzzer.a, not needed; procps for the host's ps and
#          pgrep in tests/cli/cases_psview.sh, which look at a running guest;
#          groff-base to lint the man page docs/pvm.1)
#   chroot build plus what `make chroot-test` needs and nothing else installs:
#          debootstrap and debian-archive-keyring (which debootstrap only
#          recommends; it verifies the archive with it); the package-build
#          engines mmdebstrap, sbuild (with apt-utils, which it needs) and
#          podman with runc; uidmap's newuidmap/newgidmap, with which they and
#          `pvm --root` map a non-root user's subordinate ids
#          (tests/debian-chroot/root-step.sh; the check-root case that needs
#          them is skipped without)
# A missing package built from the same source as an installed one is asked
# for at the installed one's version when the archive still has it: apt-utils
# depends on exactly its own version of apt, so the newest apt-utils would
# upgrade the user's apt. apt's habit of upgrading the installed packages of
# a new package's source (APT::Get::Upgrade-By-Source-Package: uidmap would
# take passwd and login along) is turned off.
# Before installing, apt's simulation must show that nothing installed would
# be upgraded, downgraded or removed by the new packages' dependencies, else
# nothing is installed. Idempotent, and silent when nothing is missing. Never
# installs a binfmt_misc handler (qemu-user-binfmt / qemu-user-static): pvm's
# tests must not be silently routed through qemu.
# usage: scripts/install-deps.sh [--dry-run] [--admindir DIR] [build|check|chroot]
#   (default check) --dry-run: print every apt command it would run, run none
#   --admindir DIR: read the dpkg database in DIR (tests)
set -eu

usage() {
    echo "usage: $0 [--dry-run] [--admindir DIR] [build|check|chroot]" >&2
    exit 2
}
dry=0 set=check admin=()
while [ $# -gt 0 ]; do
    case $1 in
        --dry-run) dry=1; shift ;;
        --admindir) [ $# -ge 2 ] || usage; admin=(--admindir="$2"); shift 2 ;;
        build | check | chroot) set=$1; shift ;;
        *) usage ;;
    esac
done

build_pkgs=(
    build-essential make
    gcc-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu
    libcapstone-dev libseccomp-dev
)
check_pkgs=(check pkg-config qemu-user python3 clang-14 libclang-rt-14-dev procps groff-base)
chroot_pkgs=(debootstrap debian-archive-keyring mmdebstrap sbuild apt-utils uidmap podman runc)
pkgs=("${build_pkgs[@]}")
[ "$set" = check ] && pkgs+=("${check_pkgs[@]}")
[ "$set" = chroot ] && pkgs+=("${chroot_pkgs[@]}")

installed() { # PKG: dpkg has it installed (any version)
    [ "$(dpkg-query "${admin[@]}" -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

missing=()
for p in "${pkgs[@]}"; do
    installed "$p" || missing+=("$p")
done

binfmt_warning() {
    if installed qemu-user-binfmt || installed qemu-user-static; then
        echo "install-deps: warning: a qemu binfmt_misc handler (qemu-user-binfmt/qemu-user-static) is installed; pvm's tests do not rely on it" >&2
    fi
    return 0
}
if [ ${#missing[@]} -eq 0 ]; then
    binfmt_warning
    exit 0
fi

# sibling versions (see above): SOURCE -> the version its installed binaries have
declare -A srcver=()
while read -r src ver st; do
    [ "$st" = installed ] && srcver[$src]=$ver
done < <(dpkg-query "${admin[@]}" -W -f='${source:Package} ${Version} ${db:Status-Status}\n' 2>/dev/null)
want=()
for p in "${missing[@]}"; do
    src=$(apt-cache show --no-all-versions "$p" 2>/dev/null | sed -n 's/^Source: \([^ ]*\).*/\1/p' | head -n 1)
    v=${srcver[${src:-$p}]:-}
    if [ -n "$v" ] && apt-cache madison "$p" 2>/dev/null | awk -F' *[|] *' -v v="$v" '$2 == v { f = 1 } END { exit !f }'; then
        want+=("$p=$v")
    else
        want+=("$p")
    fi
done

opts=(-y -qq --no-install-recommends -oAPT::Get::Upgrade-By-Source-Package=false)
if [ $dry = 1 ]; then
    echo "install-deps: missing ($set): ${missing[*]}; would run:"
    echo "apt-get update -qq"
    echo "apt-get install -s ${opts[*]} ${want[*]}"
    echo "apt-get install ${opts[*]} ${want[*]}"
    exit 0
fi
if [ "$(id -u)" != 0 ]; then
    echo "install-deps: missing packages ($set): ${missing[*]}; as root: apt-get install --no-install-recommends -oAPT::Get::Upgrade-By-Source-Package=false ${want[*]}" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-deps: missing ($set): ${missing[*]}"
apt-get update -qq
# what the install would do: only new packages (Inst without an installed
# version in brackets), no upgrade, downgrade or removal, no qemu binfmt handler
sim=$(LC_ALL=C apt-get install -s "${opts[@]}" "${want[@]}")
changes=$(echo "$sim" | sed -n -e 's/^Inst \([^ ]*\) \[\([^]]*\)\].*/\1 (installed \2)/p' -e 's/^Remv \([^ ]*\).*/\1 (removal)/p' | tr '\n' ' ')
binfmt=$(echo "$sim" | sed -n 's/^Inst \(qemu-user-binfmt\|qemu-user-static\) .*/\1/p' | tr '\n' ' ')
if [ -n "$changes" ] || [ -n "$binfmt" ]; then
    echo "install-deps: installing ${want[*]} would change installed packages: ${changes}${binfmt:+would install $binfmt}; nothing installed (install them yourself)" >&2
    exit 1
fi
echo "install-deps: installing $(echo "$sim" | sed -n 's/^Inst \([^ ]*\) .*/\1/p' | tr '\n' ' ')(new packages only)"
apt-get install "${opts[@]}" "${want[@]}" > /dev/null
binfmt_warning
exit 0

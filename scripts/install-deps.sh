#!/usr/bin/env bash
# Installs what pvm's build and tests need, and nothing that is already there.
# Idempotent and quiet when nothing is missing. Never installs a binfmt_misc
# handler (qemu-user-binfmt / qemu-user-static): pvm's tests must not be
# silently routed through qemu.
set -eu

pkgs=(
  build-essential pkg-config make
  gcc-aarch64-linux-gnu g++-aarch64-linux-gnu libc6-dev-arm64-cross binutils-aarch64-linux-gnu
  libcapstone-dev libseccomp-dev libffi-dev check
  qemu-user debootstrap busybox-static openssl
  python3 perl lua5.4 sqlite3 xz-utils bzip2 gzip coreutils 7zip iproute2
)
# tests/debian compares these amd64 packages with their arm64 builds, so each
# must have the version tests/debs.lock pins for arm64 (pkg:arm64= or pkg:all=)
host_same=(
  python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
  perl perl-base libperl5.36 perl-modules-5.36 lua5.4 sqlite3 libsqlite3-0
  xz-utils liblzma5 bzip2 libbz2-1.0 gzip coreutils 7zip iproute2
)
lock=$(cd "$(dirname "$0")/.." && pwd)/tests/debs.lock
pinned=()

missing=()
for p in "${pkgs[@]}"; do
  st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$st" = "install ok installed" ] || missing+=("$p")
done

for p in "${host_same[@]}"; do
  want=$(sed -n "s/^$p:\(arm64\|all\)=\([^ #]*\).*/\2/p" "$lock" | head -n1)
  [ -n "$want" ] || continue
  have=$(dpkg-query -W -f='${Version}' "$p" 2>/dev/null || true)
  [ "$have" = "$want" ] || pinned+=("$p=$want")
done

need_arch=0
dpkg --print-foreign-architectures | grep -qx arm64 || need_arch=1

[ ${#missing[@]} -eq 0 ] && [ ${#pinned[@]} -eq 0 ] && [ $need_arch -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ] && [ ${#missing[@]} -eq 0 ] && [ $need_arch -eq 0 ]; then
  echo "install-deps: host versions differ from tests/debs.lock: ${pinned[*]} (run as root to align them; tests/debian skips those programs meanwhile)" >&2
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root to install them" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ $need_arch -eq 1 ]; then
  echo "install-deps: adding the arm64 dpkg architecture"
  dpkg --add-architecture arm64
fi
echo "install-deps: installing ${missing[*]:-(none)}${pinned[*]:+; aligning with tests/debs.lock: ${pinned[*]}}"
apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# the pinned versions may have left the archive (a newer security update):
# then tests/debian skips those programs, printing both versions
if [ ${#pinned[@]} -gt 0 ] && ! apt-get install -y -qq --no-install-recommends --allow-downgrades "${pinned[@]}" >/dev/null; then
  echo "install-deps: warning: could not install ${pinned[*]}; move the pins in tests/debs.lock" >&2
fi
# qemu-user must never register a binfmt handler on this machine.
if dpkg-query -W -f='${Status}' qemu-user-binfmt 2>/dev/null | grep -q 'install ok installed'; then
  echo "install-deps: warning: qemu-user-binfmt is installed; pvm tests do not rely on it" >&2
fi
exit 0

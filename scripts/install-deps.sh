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
)

missing=()
for p in "${pkgs[@]}"; do
  st=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [ "$st" = "install ok installed" ] || missing+=("$p")
done

need_arch=0
dpkg --print-foreign-architectures | grep -qx arm64 || need_arch=1

[ ${#missing[@]} -eq 0 ] && [ $need_arch -eq 0 ] && exit 0

if [ "$(id -u)" != 0 ]; then
  echo "install-deps: missing packages: ${missing[*]}; run as root to install them" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ $need_arch -eq 1 ]; then
  echo "install-deps: adding the arm64 dpkg architecture"
  dpkg --add-architecture arm64
fi
echo "install-deps: installing ${missing[*]:-(none)}"
apt-get update -qq
if [ ${#missing[@]} -gt 0 ]; then
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
# qemu-user must never register a binfmt handler on this machine.
if dpkg-query -W -f='${Status}' qemu-user-binfmt 2>/dev/null | grep -q 'install ok installed'; then
  echo "install-deps: warning: qemu-user-binfmt is installed; pvm tests do not rely on it" >&2
fi
exit 0

# chroot-test (issue 14): a Debian bookworm arm64 chroot made with debootstrap
# and used through binfmt_misc, every arm64 program started by the kernel with
# EMU's static interpreter: build/pvm-static (EMU=pvm, the default) or
# qemu-aarch64-static unpacked from Debian's .deb into cache/ (EMU=qemu, for
# comparison; never installed). The registration is in a private binfmt_misc
# instance of a user namespace (Linux 6.7+), never the host's. Then the
# package-build engines on it (issue 15): mmdebstrap, sbuild and podman, as a
# non-root build user (tests/debian-chroot/builders.sh). Needs root and the
# network (deb.debian.org); takes some 40 minutes under qemu or pvm, so it is
# not part of `make check`. Installs debootstrap, mmdebstrap, sbuild, uidmap,
# podman and runc first when missing (scripts/install-deps.sh chroot).
# tests/debian-chroot/run.sh; docs/testing.md "The chroot test".
EMU ?= pvm
.PHONY: chroot-test
chroot-test:
	@./scripts/install-deps.sh chroot
	@$(MAKE) --no-print-directory $(BUILD)/pvm-static
	@start=$$(date +%s); tests/debian-chroot/run.sh $(EMU) $(BUILD); rc=$$?; \
	echo "== chroot-test ($(EMU)): $$(( $$(date +%s) - start ))s"; exit $$rc

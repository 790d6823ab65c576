# Debian's arm64 busybox-static (pinned in tests/debs.lock, fetched and
# unpacked by scripts/fetch-debs.sh) under pvm against Debian's amd64
# busybox-static of the same version, run from the native tree:
#   make check-busybox [T='sed_* sh_loop']
# The sysroot (arm64 and all pins) and the native tree (amd64 and all pins,
# run through tests/lib/native-run.sh) are shared with tests/debian and
# `make bench`.
BB_SYSROOT := $(BUILD)/sysroot
NATIVE_ROOT := $(BUILD)/native-root
BB_ARM64 := $(BB_SYSROOT)/bin/busybox

$(BB_SYSROOT)/.debs-stamp: tests/debs.lock scripts/fetch-debs.sh scripts/apt-private.sh
	@scripts/fetch-debs.sh arm64 $(BB_SYSROOT)
	@touch $@

$(NATIVE_ROOT)/.debs-stamp: tests/debs.lock scripts/fetch-debs.sh scripts/apt-private.sh
	@scripts/fetch-debs.sh amd64 $(NATIVE_ROOT)
	@touch $@

.PHONY: check-busybox
check-busybox: $(BUILD)/pvm $(BB_SYSROOT)/.debs-stamp $(NATIVE_ROOT)/.debs-stamp
	@start=$$(date +%s); NATIVE_ROOT=$(NATIVE_ROOT) $(MODES_SH) '$(REAL_JIT_MODES)' tests/busybox/run.sh $(BUILD)/pvm $(BB_ARM64) $(BUILD)/tests/busybox $(T); rc=$$?; \
	echo "== busybox: $$(( $$(date +%s) - start ))s"; exit $$rc

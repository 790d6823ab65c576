# Debian's arm64 busybox-static (pinned in tests/debs.lock, fetched and
# unpacked by scripts/fetch-debs.sh) under pvm against the host's amd64
# busybox:  make check-busybox [T='sed_* sh_loop']
BB_SYSROOT := $(BUILD)/sysroot
BB_ARM64 := $(BB_SYSROOT)/bin/busybox

$(BB_SYSROOT)/.debs-stamp: tests/debs.lock scripts/fetch-debs.sh
	@scripts/fetch-debs.sh $(BB_SYSROOT)
	@touch $@

.PHONY: check-busybox
check-busybox: $(BUILD)/pvm $(BB_SYSROOT)/.debs-stamp
	@start=$$(date +%s); tests/busybox/run.sh $(BUILD)/pvm $(BB_ARM64) $(BUILD)/tests/busybox $(T); rc=$$?; \
	echo "== busybox: $$(( $$(date +%s) - start ))s"; exit $$rc

# Debian's arm64 programs (pinned in tests/debs.lock, fetched and unpacked by
# scripts/fetch-debs.sh into the sysroot tests/busybox/module.mk makes) under
# pvm -L against Debian's amd64 builds of the same versions, pinned too and
# run from the native tree (tests/lib/native-run.sh):  make check-debian [T='dgst_* hw_*']
# CHECK_ALL=1 (set by make check-all) also runs the long cases (7zz b).
DEBIAN_SYSROOT := $(BUILD)/sysroot

.PHONY: check-debian check-fakeroot
check-debian: $(BUILD)/pvm $(DEBIAN_SYSROOT)/.debs-stamp $(NATIVE_ROOT)/.debs-stamp
	@start=$$(date +%s); NATIVE_ROOT=$(NATIVE_ROOT) CHECK_ALL=$(CHECK_ALL) tests/debian/run.sh $(BUILD)/pvm $(DEBIAN_SYSROOT) $(BUILD)/tests/debian $(T); rc=$$?; \
	tests/debian/fakeroot.sh $(BUILD)/pvm $(DEBIAN_SYSROOT) $(BUILD)/tests/fakeroot || rc=1; \
	echo "== debian: $$(( $$(date +%s) - start ))s"; exit $$rc

# arm64 fakeroot running arm64 tar and dpkg-deb --build (System V IPC, LD_PRELOAD)
check-fakeroot: $(BUILD)/pvm $(DEBIAN_SYSROOT)/.debs-stamp
	@tests/debian/fakeroot.sh $(BUILD)/pvm $(DEBIAN_SYSROOT) $(BUILD)/tests/fakeroot

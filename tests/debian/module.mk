# Debian's arm64 programs (pinned in tests/debs.lock, fetched and unpacked by
# scripts/fetch-debs.sh into the sysroot tests/busybox/module.mk makes) under
# pvm -L against Debian's amd64 builds of the same versions, pinned too and
# run from the native tree (tests/lib/native-run.sh):  make check-debian [T='dgst_* hw_*']
# CHECK_ALL=1 (set by make check-all) also runs the long cases (7zz b).
# Then tests/debian/fakeroot.sh (check-fakeroot) and tests/debian/psview.sh:
# Debian's arm64 ps, pgrep, pidof, killall and
# start-stop-daemon find, kill, start and stop a guest process (arm64 only;
# its cases are psview_*, also alone: make check-debian-ps).
DEBIAN_SYSROOT := $(BUILD)/sysroot

.PHONY: check-debian check-fakeroot check-debian-ps
check-debian: $(BUILD)/pvm $(DEBIAN_SYSROOT)/.debs-stamp $(NATIVE_ROOT)/.debs-stamp
	@start=$$(date +%s); m='$(REAL_JIT_MODES)'; \
	NATIVE_ROOT=$(NATIVE_ROOT) CHECK_ALL=$(CHECK_ALL) $(MODES_SH) "$$m" tests/debian/run.sh $(BUILD)/pvm $(DEBIAN_SYSROOT) $(BUILD)/tests/debian $(T); rc=$$?; \
	$(MODES_SH) "$$m" tests/debian/fakeroot.sh $(BUILD)/pvm $(DEBIAN_SYSROOT) $(BUILD)/tests/fakeroot || rc=1; \
	$(MODES_SH) "$$m" tests/debian/psview.sh $(BUILD)/pvm $(DEBIAN_SYSROOT) $(BUILD)/tests/debian-psview $(T) || rc=1; \
	echo "== debian: $$(( $$(date +%s) - start ))s"; exit $$rc

# arm64 fakeroot running arm64 tar and dpkg-deb --build (System V IPC, LD_PRELOAD)
check-fakeroot: $(BUILD)/pvm $(DEBIAN_SYSROOT)/.debs-stamp
	@$(MODES_SH) '$(REAL_JIT_MODES)' tests/debian/fakeroot.sh $(BUILD)/pvm $(DEBIAN_SYSROOT) $(BUILD)/tests/fakeroot

check-debian-ps: $(BUILD)/pvm $(DEBIAN_SYSROOT)/.debs-stamp
	@start=$$(date +%s); $(MODES_SH) '$(REAL_JIT_MODES)' tests/debian/psview.sh $(BUILD)/pvm $(DEBIAN_SYSROOT) $(BUILD)/tests/debian-psview $(T); rc=$$?; \
	echo "== debian-ps: $$(( $$(date +%s) - start ))s"; exit $$rc

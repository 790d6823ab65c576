# Guest JITs (issue 17): Debian's arm64 luajit (JIT on, and off as the
# control) and nodejs (V8) under pvm in each of GJIT_MODES, against the amd64
# builds of the same versions from the native tree (tests/gjit/run.sh; pins
# in tests/debs.lock, unpacked into the sysroot and native tree that
# tests/busybox/module.mk makes):
#   make check-gjit [T='luajit_* node.default'] [GJIT_MODES='interp always']
#   make check-gjit GJIT_RUNNER=qemu-aarch64     validates the cases (modes ignored)
# A mode is interp (PVM_JIT=0), default (no variable), always
# (PVM_JIT_THRESHOLD=0), or NAME:VAR=VAL[,VAR=VAL]; cases are named CASE.MODE.
GJIT_MODES ?= interp default always
GJIT_RUNNER ?= $(BUILD)/pvm

.PHONY: check-gjit
check-gjit: $(BUILD)/pvm $(DEBIAN_SYSROOT)/.debs-stamp $(NATIVE_ROOT)/.debs-stamp
	@start=$$(date +%s); NATIVE_ROOT=$(NATIVE_ROOT) GJIT_MODES='$(GJIT_MODES)' \
	  tests/gjit/run.sh '$(GJIT_RUNNER)' $(DEBIAN_SYSROOT) $(BUILD)/tests/gjit $(T); rc=$$?; \
	echo "== gjit: $$(( $$(date +%s) - start ))s"; exit $$rc

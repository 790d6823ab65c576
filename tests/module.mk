# Test suites. `make check` runs every suite and prints each one's wall time.
include tests/unit/module.mk
include tests/guest/module.mk
include tests/busybox/module.mk
# after busybox: its rule makes the shared sysroot
include tests/debian/module.mk
include tests/stress/module.mk
# after busybox too: it uses the native tree
include tests/setup/module.mk
include tests/demo/module.mk
include tests/bench/module.mk
include tests/difftest/module.mk
include tests/cli/module.mk
include tests/signals/module.mk
include tests/threads/module.mk
# after busybox and debian: it uses the sysroot and the native tree
include tests/gjit/module.mk
include tests/procs/module.mk
# after busybox: it uses the sysroot
include tests/jobctl/module.mk
include tests/binfmt/module.mk
include tests/chroot/module.mk
include tests/root/module.mk
include tests/isa/module.mk
include tests/fuzz/module.mk
include tests/fuzz/campaign/module.mk
# long, root only, not in check
include tests/debian-chroot/module.mk

# Every suite runs even when an earlier one failed (all failures are shown);
# check fails if any suite failed.
.PHONY: check-all
check: deps-check
	@$(MAKE) --no-print-directory all
	@rm -f $(BUILD)/.check-failed; start=$$(date +%s); \
	$(MAKE) --no-print-directory check-unit || echo check-unit >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-cli || echo check-cli >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-vdso || echo check-vdso >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-setup || echo check-setup >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-isa || echo check-isa >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-guest || echo check-guest >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-signals || echo check-signals >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-threads || echo check-threads >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-gjit || echo check-gjit >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-procs || echo check-procs >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-jobctl || echo check-jobctl >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-binfmt || echo check-binfmt >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-chroot || echo check-chroot >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-root || echo check-root >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-busybox || echo check-busybox >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-debian || echo check-debian >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-diff || echo check-diff >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory difftest-grid || echo difftest-grid >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-fuzz || echo check-fuzz >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-campaign || echo check-campaign >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-san || echo check-san >> $(BUILD)/.check-failed; \
	echo "== check: $$(( $$(date +%s) - start ))s"; \
	if [ -s $(BUILD)/.check-failed ]; then \
	  echo "== check FAILED: $$(tr '\n' ' ' < $(BUILD)/.check-failed)"; exit 1; fi; \
	echo "== check: all suites passed"

# The sanitizer step of check: pvm, the unit tests and the decoder check
# built with SANITIZE=$(CHECK_SAN) into $(SAN_BUILD), then the unit tests, the
# cli suite, the guest and signal programs (the normal build's binaries, through
# symlinks, so nothing is cross-compiled twice; results in $(SAN_BUILD)) and
# the decoder on a slice (every 251st word: UBSan over every format function).
# The guest programs run in SAN_GUEST_T's modes (one static, one dynamic;
# every mode under CHECK_ALL=1): ASan makes the interpreter ~4x slower.
CHECK_SAN ?= address,undefined
SAN_GUEST_T ?= static-O2 dynamic-O0
SAN_BUILD ?= $(BUILD)-san
.PHONY: check-san
check-san: guest-progs signal-progs
	@start=$$(date +%s); rc=0; \
	$(MAKE) --no-print-directory SANITIZE=$(CHECK_SAN) BUILD=$(SAN_BUILD) all $(SAN_BUILD)/tests/unit/run \
	  $(SAN_BUILD)/tests/fuzz/decode_all || exit 1; \
	mkdir -p $(SAN_BUILD)/tests/guest; \
	for m in $(GUEST_MODES); do ln -sfn $(abspath $(BUILD))/tests/guest/$$m $(SAN_BUILD)/tests/guest/$$m; done; \
	mkdir -p $(SAN_BUILD)/tests/signals; \
	for l in $(SIG_LINKS); do ln -sfn $(abspath $(BUILD))/tests/signals/$$l $(SAN_BUILD)/tests/signals/$$l; done; \
	$(MAKE) --no-print-directory SANITIZE=$(CHECK_SAN) BUILD=$(SAN_BUILD) check-unit || rc=1; \
	$(MAKE) --no-print-directory SANITIZE=$(CHECK_SAN) BUILD=$(SAN_BUILD) check-cli || rc=1; \
	$(MAKE) --no-print-directory SANITIZE=$(CHECK_SAN) BUILD=$(SAN_BUILD) check-guest \
	  T="$$([ -n "$$CHECK_ALL" ] || echo '$(SAN_GUEST_T)')" || rc=1; \
	$(MAKE) --no-print-directory SANITIZE=$(CHECK_SAN) BUILD=$(SAN_BUILD) check-signals || rc=1; \
	out=$$($(SAN_BUILD)/tests/fuzz/decode_all -s 251) || rc=1; echo "$$out" | tail -3; \
	echo "== sanitizers ($(CHECK_SAN)): $$(( $$(date +%s) - start ))s"; exit $$rc

# The ThreadSanitizer step (check-all): pvm and the unit tests built with
# SANITIZE=thread into $(TSAN_BUILD), then the unit tests, the thread suite
# and the signal suite under that pvm (the normal build's programs through
# symlinks, as check-san does; THR_TSAN=1: the thread suite's tsan-fails
# lines apply). Any TSan report fails its case (TSan's exit status 66).
# docs/testing.md "ThreadSanitizer".
TSAN_BUILD ?= $(BUILD)-tsan
.PHONY: check-tsan
check-tsan: thread-progs signal-progs
	@start=$$(date +%s); log=$(TSAN_BUILD)/check-tsan.log; \
	$(MAKE) --no-print-directory SANITIZE=thread BUILD=$(TSAN_BUILD) all $(TSAN_BUILD)/tests/unit/run || exit 1; \
	mkdir -p $(TSAN_BUILD)/tests/threads $(TSAN_BUILD)/tests/signals; \
	for l in $(THR_LINKS); do ln -sfn $(abspath $(BUILD))/tests/threads/$$l $(TSAN_BUILD)/tests/threads/$$l; done; \
	for l in $(SIG_LINKS); do ln -sfn $(abspath $(BUILD))/tests/signals/$$l $(TSAN_BUILD)/tests/signals/$$l; done; \
	rm -f $$log $$log.failed; \
	for t in check-unit check-threads check-signals; do \
	  { THR_TSAN=1 $(MAKE) --no-print-directory SANITIZE=thread BUILD=$(TSAN_BUILD) $$t || echo $$t >> $$log.failed; } 2>&1 | tee -a $$log; \
	done; \
	awk '/^[0-9]+%: Checks:/ { gsub(",", ""); p += $$3 - $$5 - $$7; f += $$5 + $$7 } \
	     /^[0-9]+ passed, [0-9]+ failed/ { p += $$1; f += $$3; if ($$5 != "") s += $$5 } \
	     END { printf "== ThreadSanitizer (unit, threads, signals): %d passed, %d failed, %d skipped\n", p, f, s }' $$log; \
	echo "== ThreadSanitizer: $$(( $$(date +%s) - start ))s"; \
	if [ -s $$log.failed ]; then echo "== check-tsan FAILED: $$(tr '\n' ' ' < $$log.failed)"; exit 1; fi

# check plus the long cases: CHECK_ALL=1 reaches the suites' runners (the
# debian suite's 7zz benchmark, the decoder check over all 2^32 words),
# the ThreadSanitizer step and the stress suite (tests/stress), which run
# even when check failed
check-all: export CHECK_ALL := 1
check-all:
	@rc=0; $(MAKE) --no-print-directory check || rc=1; \
	$(MAKE) --no-print-directory check-tsan || rc=1; \
	$(MAKE) --no-print-directory check-stress || rc=1; exit $$rc

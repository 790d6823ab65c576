# Test suites. `make check` runs every suite and prints each one's wall time.
include tests/unit/module.mk
include tests/guest/module.mk
include tests/busybox/module.mk
# after busybox: its rule makes the shared sysroot
include tests/debian/module.mk
# after busybox too: it uses the native tree
include tests/setup/module.mk
include tests/demo/module.mk
include tests/bench/module.mk
include tests/difftest/module.mk
include tests/cli/module.mk
include tests/isa/module.mk
include tests/fuzz/campaign/module.mk

# Every suite runs even when an earlier one failed (all failures are shown);
# check fails if any suite failed.
.PHONY: check-all
check: deps-check
	@$(MAKE) --no-print-directory all
	@rm -f $(BUILD)/.check-failed; start=$$(date +%s); \
	$(MAKE) --no-print-directory check-unit || echo check-unit >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-cli || echo check-cli >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-setup || echo check-setup >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-isa || echo check-isa >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-guest || echo check-guest >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-busybox || echo check-busybox >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-debian || echo check-debian >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-diff || echo check-diff >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory difftest-grid || echo difftest-grid >> $(BUILD)/.check-failed; \
	$(MAKE) --no-print-directory check-campaign || echo check-campaign >> $(BUILD)/.check-failed; \
	echo "== check: $$(( $$(date +%s) - start ))s"; \
	if [ -s $(BUILD)/.check-failed ]; then \
	  echo "== check FAILED: $$(tr '\n' ' ' < $(BUILD)/.check-failed)"; exit 1; fi; \
	echo "== check: all suites passed"

# check plus the long cases: CHECK_ALL=1 reaches the suites' runners (the
# debian suite's 7zz benchmark)
check-all: export CHECK_ALL := 1
check-all: check

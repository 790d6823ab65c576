# Test suites. `make check` runs every suite and prints each one's wall time.
include tests/unit/module.mk

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory check-unit

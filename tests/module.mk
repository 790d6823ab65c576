# Test suites. `make check` runs every suite and prints each one's wall time.
check: deps
	@$(MAKE) --no-print-directory all

# pvm --root suite (issue 15; tests/root/run.sh): a tiny arm64 root made in
# build/tests/root/work from the sysroot's static busybox and rootesc, run
# with `pvm --root` as root and as uid 65534: escape attempts, exec
# followed, options reaching every program, the fallback without
# binfmt_misc, the errors. Skipped where no user namespace can be made.
# Part of `make check`.
#   make check-root
# rootesc is built static for arm64 (run by pvm) and for x86-64 (run
# natively inside the root, as a foreign binary of a root would be).
ROOT_DIR := $(BUILD)/tests/root
ROOT_BINS := $(ROOT_DIR)/rootesc $(ROOT_DIR)/rootesc-x86
ROOT_CFLAGS := -std=gnu17 -O2 -Wall -Wextra -Werror

$(ROOT_DIR)/rootesc: tests/root/rootesc.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(ROOT_CFLAGS) -static -o $@ $<

# a host tool: never built with the sanitizer flags
$(ROOT_DIR)/rootesc-x86: tests/root/rootesc.c
	@mkdir -p $(dir $@)
	$(CC) $(ROOT_CFLAGS) -static -o $@ $<

.PHONY: check-root
check-root: $(BUILD)/pvm $(BUILD)/pvm-static $(ROOT_BINS) $(BB_SYSROOT)/.debs-stamp
	@start=$$(date +%s); $(MODES_SH) '$(REAL_JIT_MODES)' tests/root/run.sh $(BUILD); rc=$$?; \
	echo "== root: $$(( $$(date +%s) - start ))s"; exit $$rc

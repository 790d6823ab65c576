# binfmt_misc suite (issue 14; tests/binfmt/run.sh): pvm-static registered
# with pvm --binfmt-register in a private binfmt_misc instance of a new user
# namespace (Linux 6.7+), arm64 programs run by the kernel through it: argv
# with and without P, O (an execute-only program), C (a set-user-ID root
# program, secure mode), F, --binfmt-status, the refusal when another entry
# handles arm64 programs. Never touches the machine's own binfmt_misc table
# (BINFMT_TEST_GLOBAL=1 allows a global registration where the kernel has no
# per-namespace instance; docs/testing.md). Part of `make check`.
# bfprobe is the guest (static and dynamic), preload.so an arm64 LD_PRELOAD
# library, nsmap a host helper that makes a user namespace with a range of
# ids (tests/binfmt/nsmap.c).
BF_DIR := $(BUILD)/tests/binfmt
BF_BINS := $(BF_DIR)/bfprobe-static $(BF_DIR)/bfprobe-dyn $(BF_DIR)/preload.so $(BF_DIR)/nsmap
BF_CFLAGS := -std=gnu17 -O2 -Wall -Wextra -Werror

$(BF_DIR)/bfprobe-static: tests/binfmt/bfprobe.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(BF_CFLAGS) -static -o $@ $<

$(BF_DIR)/bfprobe-dyn: tests/binfmt/bfprobe.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(BF_CFLAGS) -o $@ $<

$(BF_DIR)/preload.so: tests/binfmt/preload.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(BF_CFLAGS) -shared -fPIC -o $@ $<

$(BF_DIR)/nsmap: tests/binfmt/nsmap.c
	@mkdir -p $(dir $@)
	$(CC) $(BF_CFLAGS) -o $@ $<

.PHONY: check-binfmt
check-binfmt: $(BUILD)/pvm $(BUILD)/pvm-static $(BF_BINS)
	@start=$$(date +%s); $(MODES_SH) '$(REAL_JIT_MODES)' tests/binfmt/run.sh $(BUILD); rc=$$?; \
	echo "== binfmt: $$(( $$(date +%s) - start ))s"; exit $$rc

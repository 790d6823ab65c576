# Guest process suite (issue 13): self-checking AArch64 programs
# (tests/procs/NAME.c, on tests/threads/thrtest.h) for the process surface
# package builds use: wait and pidfd calls, prctl, sessions and job control,
# System V and POSIX IPC, the /proc view ps sees. Each is built static and
# dynamic into $(BUILD)/tests/procs/<link>/NAME; `make check-procs` runs them
# under PROC_RUNNER and compares their "ok CASE" lines and exit status with
# tests/procs/NAME.expected (tests/lib/progsuite.sh's rules).
#   make check-procs PROC_RUNNER='qemu-aarch64 -cpu cortex-a72'   validate the tests
#   make check-procs T='wait ipc'                                   only these programs
#   make check-procs-native    the same programs built for the host, on its kernel
# Part of `make check` (after the thread programs).
PROC_CFLAGS := -std=gnu17 -O2 -Wall -Wextra -Werror -pthread
PROC_RUNNER ?= $(BUILD)/pvm
PROC_NAMES := $(notdir $(basename $(wildcard tests/procs/*.c)))
PROC_BINS := $(foreach l,$(THR_LINKS),$(addprefix $(BUILD)/tests/procs/$(l)/,$(PROC_NAMES)))
PROC_NATIVE_BINS := $(foreach l,$(THR_LINKS),$(addprefix $(BUILD)/tests/procs-native/$(l)/,$(PROC_NAMES)))
PROC_HDRS := tests/threads/thrtest.h tests/signals/sigtest.h $(wildcard tests/procs/*.h)

define proc_rule
$(BUILD)/tests/procs/$(1)/%: tests/procs/%.c $(PROC_HDRS)
	@mkdir -p $$(dir $$@)
	$$(THR_CC) $$(PROC_CFLAGS) $$(THR_LDFLAGS_$(1)) -o $$@ $$< -lrt
$(BUILD)/tests/procs-native/$(1)/%: tests/procs/%.c $(PROC_HDRS)
	@mkdir -p $$(dir $$@)
	$$(THR_NATIVE_CC) $$(PROC_CFLAGS) $$(THR_LDFLAGS_$(1)) -o $$@ $$< -lrt
endef
$(foreach l,$(THR_LINKS),$(eval $(call proc_rule,$(l))))

.PHONY: proc-progs check-procs check-procs-native
proc-progs: $(PROC_BINS)

check-procs: $(BUILD)/pvm $(PROC_BINS)
	@start=$$(date +%s); PS_SUITE=procs PS_RUNNER='$(PROC_RUNNER)' $(MODES_SH) '$(call jit_modes,$(PROC_RUNNER))' \
	  tests/lib/progsuite.sh $(BUILD)/tests/procs $(T); rc=$$?; \
	echo "== procs: $$(( $$(date +%s) - start ))s"; exit $$rc

check-procs-native: $(PROC_NATIVE_BINS)
	@start=$$(date +%s); PS_SUITE=procs PS_RUNNER=env tests/lib/progsuite.sh $(BUILD)/tests/procs-native $(T); rc=$$?; \
	echo "== procs (native): $$(( $$(date +%s) - start ))s"; exit $$rc

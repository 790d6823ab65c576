# Guest thread suite: self-checking AArch64 programs (tests/threads/NAME.c)
# written against the arm64 kernel's and glibc's documented behaviour, each
# built static and dynamic into $(BUILD)/tests/threads/<link>/NAME, and
# `make check-threads`, which runs them under THR_RUNNER and compares their
# "ok CASE" lines and exit status with tests/threads/NAME.expected
# (tests/threads/run.sh, the signal suite's runner's rules plus "skip" and
# "info" lines).
#   make check-threads THR_RUNNER='qemu-aarch64 -cpu cortex-a72'   validate the tests
#   make check-threads T='create litmus'                            only these programs
#   make check-threads-native    the same programs built for the host and run on
#                                its kernel (the AArch64-only cases say skip): checks
#                                a test where qemu cannot (robust mutexes, exec)
# Part of `make check` (after the signal programs).
THR_CC := $(CROSS)gcc
THR_CFLAGS := -std=gnu17 -O2 -Wall -Wextra -Werror -pthread
THR_LINKS := static dynamic
THR_LDFLAGS_static := -static
THR_LDFLAGS_dynamic :=
THR_RUNNER ?= $(BUILD)/pvm
THR_NAMES := $(notdir $(basename $(wildcard tests/threads/*.c)))
THR_BINS := $(foreach l,$(THR_LINKS),$(addprefix $(BUILD)/tests/threads/$(l)/,$(THR_NAMES)))

define thr_rule
$(BUILD)/tests/threads/$(1)/%: tests/threads/%.c tests/threads/thrtest.h tests/signals/sigtest.h
	@mkdir -p $$(dir $$@)
	$$(THR_CC) $$(THR_CFLAGS) $$(THR_LDFLAGS_$(1)) -o $$@ $$<
endef
$(foreach l,$(THR_LINKS),$(eval $(call thr_rule,$(l))))

# the host's own build of the same programs, for check-threads-native
THR_NATIVE_CC ?= cc
THR_NATIVE_BINS := $(foreach l,$(THR_LINKS),$(addprefix $(BUILD)/tests/threads-native/$(l)/,$(THR_NAMES)))
define thr_native_rule
$(BUILD)/tests/threads-native/$(1)/%: tests/threads/%.c tests/threads/thrtest.h tests/signals/sigtest.h
	@mkdir -p $$(dir $$@)
	$$(THR_NATIVE_CC) $$(THR_CFLAGS) $$(THR_LDFLAGS_$(1)) -o $$@ $$<
endef
$(foreach l,$(THR_LINKS),$(eval $(call thr_native_rule,$(l))))

.PHONY: thread-progs check-threads check-threads-native
thread-progs: $(THR_BINS)

check-threads: $(BUILD)/pvm $(THR_BINS)
	@start=$$(date +%s); THR_RUNNER='$(THR_RUNNER)' $(MODES_SH) '$(call jit_modes,$(THR_RUNNER))' \
	  tests/threads/run.sh $(BUILD)/tests/threads $(T); rc=$$?; \
	echo "== threads: $$(( $$(date +%s) - start ))s"; exit $$rc

check-threads-native: $(THR_NATIVE_BINS)
	@start=$$(date +%s); THR_RUNNER=env tests/threads/run.sh $(BUILD)/tests/threads-native $(T); rc=$$?; \
	echo "== threads (native): $$(( $$(date +%s) - start ))s"; exit $$rc

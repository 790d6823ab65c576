# Guest signal suite: self-checking AArch64 programs (tests/signals/NAME.c,
# one C++ one, NAME.cc) written against the arm64 kernel's documented
# behaviour, each built static and dynamic into
# $(BUILD)/tests/signals/<link>/NAME, and `make check-signals`, which runs
# them under SIG_RUNNER and compares their "ok CASE" lines and exit status
# with tests/signals/NAME.expected (tests/signals/run.sh).
#   make check-signals SIG_RUNNER='qemu-aarch64 -cpu cortex-a72'   validate the tests
#   make check-signals T='faults masks'                             only these programs
# Part of `make check` (after the guest programs).
SIG_CC := $(CROSS)gcc
SIG_CXX := $(CROSS)g++
SIG_CFLAGS := -std=gnu17 -O2 -Wall -Wextra -Werror
# the C++ program throws out of a SIGSEGV handler: the faulting load needs
# unwind tables that cover every instruction that can trap
SIG_CXXFLAGS := -std=gnu++17 -O2 -Wall -Wextra -Werror -fnon-call-exceptions -fasynchronous-unwind-tables
SIG_LINKS := static dynamic
SIG_LDFLAGS_static := -static
SIG_LDFLAGS_dynamic :=
SIG_RUNNER ?= $(BUILD)/pvm
SIG_NAMES := $(notdir $(basename $(wildcard tests/signals/*.c)))
# without the C++ cross compiler the C++ program is not built; the runner
# reports it as skipped
SIG_CXX_NAMES := $(if $(shell command -v $(SIG_CXX) 2>/dev/null),$(notdir $(basename $(wildcard tests/signals/*.cc))))
SIG_BINS := $(foreach l,$(SIG_LINKS),$(addprefix $(BUILD)/tests/signals/$(l)/,$(SIG_NAMES) $(SIG_CXX_NAMES)))

define sig_rule
$(BUILD)/tests/signals/$(1)/%: tests/signals/%.c tests/signals/sigtest.h
	@mkdir -p $$(dir $$@)
	$$(SIG_CC) $$(SIG_CFLAGS) $$(SIG_LDFLAGS_$(1)) -o $$@ $$< -lm
$(BUILD)/tests/signals/$(1)/%: tests/signals/%.cc
	@mkdir -p $$(dir $$@)
	$$(SIG_CXX) $$(SIG_CXXFLAGS) $$(SIG_LDFLAGS_$(1)) -o $$@ $$<
endef
$(foreach l,$(SIG_LINKS),$(eval $(call sig_rule,$(l))))

.PHONY: signal-progs check-signals
signal-progs: $(SIG_BINS)

check-signals: $(BUILD)/pvm $(SIG_BINS)
	@start=$$(date +%s); SIG_RUNNER='$(SIG_RUNNER)' $(MODES_SH) '$(call jit_modes,$(SIG_RUNNER))' \
	  tests/signals/run.sh $(BUILD)/tests/signals $(T); rc=$$?; \
	echo "== signals: $$(( $$(date +%s) - start ))s"; exit $$rc

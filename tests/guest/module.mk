# Guest C programs, cross-compiled in every link mode x optimisation level
# into $(BUILD)/tests/guest/<link>-<opt>/<name>, and `make check-guest`, which
# runs each one under qemu-aarch64 (the oracle) and under pvm and compares.
#   make check-guest T='intops static-O2/fpconv'   only these (names, mode/name or modes)
#   PVM_MODES='; -some-option' make check-guest     pvm option sets, ';'-separated
GUEST_CC := $(CROSS)gcc
GUEST_CFLAGS := -std=gnu17 -Wall -Wextra -Werror
GUEST_SRCS := $(wildcard tests/guest/*.c)
GUEST_NAMES := $(notdir $(GUEST_SRCS:.c=))
GUEST_LINKS := static static-pie dynamic
GUEST_OPTS := O0 O2
GUEST_MODES := $(foreach l,$(GUEST_LINKS),$(foreach o,$(GUEST_OPTS),$(l)-$(o)))
GUEST_BINS := $(foreach m,$(GUEST_MODES),$(addprefix $(BUILD)/tests/guest/$(m)/,$(GUEST_NAMES)))

GUEST_LDFLAGS_static := -static
GUEST_LDFLAGS_static-pie := -fPIE -static-pie
GUEST_LDFLAGS_dynamic :=

# per-program flags: FP tests must not be folded in the compiler's rounding
# mode; the string test must reach glibc (no builtins) and keep its naive
# reference loops naive
GUEST_CFLAGS_fprnd := -frounding-math
GUEST_CFLAGS_fpspecial := -frounding-math
GUEST_CFLAGS_fpconv := -frounding-math
GUEST_CFLAGS_strmem := -fno-builtin -fno-tree-loop-distribute-patterns
# SIMD programs: the crypto/extension ones need their -march (neon_ext's
# oracle runs under qemu -cpu max, see its "qemu-cpu:" line); autovec is
# always -O3 with the cost model off so GCC vectorises every loop it can
# (flags after -O0/-O2 win, so every mode is an -O3 build), and autovec_fm
# is the same source with -ffast-math (reassociated reductions, FPCR.FZ)
GUEST_CFLAGS_neon_fp := -frounding-math
GUEST_CFLAGS_acle := -march=armv8-a+crc+crypto
GUEST_CFLAGS_neon_ext := -march=armv8.5-a+crypto+sha3 -frounding-math
GUEST_CFLAGS_autovec := -O3 -fno-vect-cost-model
GUEST_CFLAGS_autovec_fm := -O3 -fno-vect-cost-model -ffast-math

define guest_rule
$(BUILD)/tests/guest/$(1)-$(2)/%: tests/guest/%.c tests/guest/module.mk
	@mkdir -p $$(dir $$@)
	$$(GUEST_CC) $$(GUEST_CFLAGS) -$(2) $$(GUEST_LDFLAGS_$(1)) $$(GUEST_CFLAGS_$$*) -o $$@ $$< -lm
endef
$(foreach l,$(GUEST_LINKS),$(foreach o,$(GUEST_OPTS),$(eval $(call guest_rule,$(l),$(o)))))
# sources that include other files (the pattern rule only knows NAME.c)
$(foreach m,$(GUEST_MODES),$(foreach n,neon_int neon_fp acle neon_ext,$(BUILD)/tests/guest/$(m)/$(n))): \
    tests/guest/vecsum.h
$(foreach m,$(GUEST_MODES),$(BUILD)/tests/guest/$(m)/autovec_fm): tests/guest/autovec.c

.PHONY: guest-progs check-guest
guest-progs: $(GUEST_BINS)

check-guest: $(BUILD)/pvm $(GUEST_BINS)
	@start=$$(date +%s); tests/guest/run.sh $(BUILD)/pvm $(BUILD)/tests/guest $(T); rc=$$?; \
	echo "== guest programs: $$(( $$(date +%s) - start ))s"; exit $$rc

# The lockstep run (issue 17's --check-jit): every guest program under
# --check-jit, in the default mode and translating every block before its
# first run (LOCKSTEP_MODES: the option sets, each must hold --check-jit;
# run.sh gives pvm a fixed environment, so PVM_CHECK_JIT in the caller's
# would not reach it); a translation that differs from the interpreter ends
# pvm with status 70 and its report, which run.sh shows as a failed program.
# T selects programs as for check-guest.
LOCKSTEP_MODES ?= --check-jit; --check-jit --jit-threshold 0
.PHONY: check-jit-lockstep
check-jit-lockstep: $(BUILD)/pvm $(GUEST_BINS)
	@start=$$(date +%s); PVM_MODES='$(LOCKSTEP_MODES)' tests/guest/run.sh $(BUILD)/pvm $(BUILD)/tests/guest $(T); rc=$$?; \
	echo "== guest programs under --check-jit: $$(( $$(date +%s) - start ))s"; exit $$rc

# Guest C programs, cross-compiled in every link mode x optimisation level
# into $(BUILD)/tests/guest/<link>-<opt>/<name>, and `make check-guest`, which
# runs each one under qemu-aarch64 (the oracle) and under pvm and compares.
#   make check-guest T='intops static-O2/fpconv'   only these (names, mode/name or modes)
#   PVM_MODES='; -some-option' make check-guest     pvm option sets, ';'-separated
#   JIT_MODES=always make check-guest               one execution mode (tests/module.mk)
# Every build variant runs in the default mode, GUEST_MODE_T's in the other
# modes (when T is empty): the guest programs are the longest program suite.
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

GUEST_MODE_T ?= static-O2 dynamic-O0
check-guest: $(BUILD)/pvm $(GUEST_BINS)
	@start=$$(date +%s); GUEST_MODE_T='$(GUEST_MODE_T)' $(MODES_SH) '$(JIT_MODES)' \
	  tests/guest/run.sh $(BUILD)/pvm $(BUILD)/tests/guest $(T); rc=$$?; \
	echo "== guest programs: $$(( $$(date +%s) - start ))s"; exit $$rc

# the guest programs, every build variant, in lockstep: each translated block
# run against the interpreter on a copy of the state (check-all only); at the
# default threshold (lockstep), or every block translated and checked
# (lockstep-always)
LOCKSTEP_MODES ?= lockstep lockstep-always
.PHONY: check-lockstep
check-lockstep: $(BUILD)/pvm $(GUEST_BINS)
	@start=$$(date +%s); $(MODES_SH) '$(LOCKSTEP_MODES)' tests/guest/run.sh $(BUILD)/pvm $(BUILD)/tests/guest $(T); rc=$$?; \
	echo "== guest programs in lockstep: $$(( $$(date +%s) - start ))s"; exit $$rc

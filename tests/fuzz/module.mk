# Fuzzing (docs/testing.md "Fuzzing"): libFuzzer targets built with clang and
# ASan+UBSan into $(BUILD)/fuzz (pvm's sources they need are recompiled there,
# so the gcc build is untouched), and the exhaustive decoder check.
#   make check-fuzz         every target for FUZZ_RUNS inputs, fixed seed, from
#                           tests/fuzz/corpus/<target>; the decoder on a slice
#   make fuzz FUZZ_TIME=s   every target for s seconds (default 60), 1 job,
#                           new inputs kept in $(BUILD)/fuzz/corpus/<target>
#   make check-decode       all 2^32 words (DECODE_RANGE='lo hi' for a part),
#                           their digest against tests/fuzz/decode.digest
#   make decode-digest      rewrites tests/fuzz/decode.digest (after an
#                           intended change of the decode tables)
FUZZ_CC ?= clang-14
FUZZ_DIR := $(BUILD)/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS := -std=gnu17 -Wall -Wextra -Werror -Wno-unused-parameter -D_GNU_SOURCE -I. \
	-I$(BUILD)/gen -MMD -MP -O1 -g -fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_TARGETS := elf xlat
# pvm's objects each target links (recompiled for the fuzzer)
FUZZ_LIB_elf := loader/elf.c loader/layout.c
FUZZ_LIB_xlat :=
FUZZ_SRCS := $(foreach t,$(FUZZ_TARGETS),tests/fuzz/fuzz_$(t).c $(FUZZ_LIB_$(t)))
FUZZ_OBJS := $(sort $(FUZZ_SRCS:%.c=$(FUZZ_DIR)/%.o))
FUZZ_BINS := $(FUZZ_TARGETS:%=$(FUZZ_DIR)/fuzz_%)
FUZZ_RUNS ?= 1000000
FUZZ_TIME ?= 60

$(FUZZ_OBJS): $(FUZZ_DIR)/%.o: %.c | $(GEN_HDRS)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c -o $@ $<

define fuzz_rule
$(FUZZ_DIR)/fuzz_$(1): $(FUZZ_DIR)/tests/fuzz/fuzz_$(1).o $(FUZZ_LIB_$(1):%.c=$(FUZZ_DIR)/%.o)
	$$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $$@ $$^
endef
$(foreach t,$(FUZZ_TARGETS),$(eval $(call fuzz_rule,$(t))))

# the exhaustive decoder check: a gcc host program over pvm's decoder
$(BUILD)/tests/fuzz/decode_all: $(BUILD)/tests/fuzz/decode_all.o $(PVM_LIB_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)

.PHONY: fuzz-bins check-fuzz fuzz check-decode
fuzz-bins: $(FUZZ_BINS) $(BUILD)/tests/fuzz/decode_all

# CHECK_ALL=1 (make check-all): the decoder over all 2^32 words
check-fuzz: fuzz-bins
	@start=$$(date +%s); FUZZ_RUNS=$(FUZZ_RUNS) tests/fuzz/run.sh check $(FUZZ_DIR) $(BUILD)/tests/fuzz/decode_all $(FUZZ_TARGETS); rc=$$?; \
	echo "== fuzz: $$(( $$(date +%s) - start ))s"; exit $$rc

fuzz: fuzz-bins
	@FUZZ_TIME=$(FUZZ_TIME) tests/fuzz/run.sh fuzz $(FUZZ_DIR) $(BUILD)/tests/fuzz/decode_all $(FUZZ_TARGETS)

DECODE_RANGE ?= 0 0xffffffff
check-decode: $(BUILD)/tests/fuzz/decode_all
	@start=$$(date +%s); $(BUILD)/tests/fuzz/decode_all -j $(or $(JOBS),$$(nproc)) \
	  $(if $(subst 0 0xffffffff,,$(strip $(DECODE_RANGE))),,--digest tests/fuzz/decode.digest) $(DECODE_RANGE); rc=$$?; \
	echo "== decode: $$(( $$(date +%s) - start ))s"; exit $$rc

.PHONY: decode-digest
decode-digest: $(BUILD)/tests/fuzz/decode_all
	$(BUILD)/tests/fuzz/decode_all -j $(or $(JOBS),$$(nproc)) --digest-write tests/fuzz/decode.digest

-include $(FUZZ_OBJS:.o=.d) $(BUILD)/tests/fuzz/decode_all.d


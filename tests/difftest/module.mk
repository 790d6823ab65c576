# Differential tester (random instructions, pvm vs qemu-aarch64).
# `make check-diff` runs a fixed-seed sample per class; `make difftest N=... [SEED=...]` any number.
DIFFTEST_N ?= 10000
DIFFTEST_CLASSES ?= int fp ldst simd simdfp crypto ext extfp atomic
N ?= 100000

$(BUILD)/tools/difftest_gen: tests/difftest/gen.c $(wildcard tests/difftest/*.h)
	@mkdir -p $(dir $@)
	$(CC) -std=gnu17 -Wall -Wextra -Werror -O1 -I. -o $@ $<

.PHONY: check-diff difftest
check-diff: $(BUILD)/pvm $(BUILD)/tools/difftest_gen
	@start=$$(date +%s); SEED=$${SEED:-1} tests/difftest/run.sh $(BUILD) $(BUILD)/pvm $(DIFFTEST_N) $(DIFFTEST_CLASSES); rc=$$?; \
	echo "== difftest: $$(( $$(date +%s) - start ))s"; exit $$rc

difftest: $(BUILD)/pvm $(BUILD)/tools/difftest_gen
	@SEED=$${SEED:-$$(date +%s)} tests/difftest/run.sh $(BUILD) $(BUILD)/pvm $(N) $(DIFFTEST_CLASSES)

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
	@start=$$(date +%s); SEED=$${SEED:-1} $(MODES_SH) '$(JIT_MODES)' \
	  tests/difftest/run.sh $(BUILD) $(BUILD)/pvm $(DIFFTEST_N) $(DIFFTEST_CLASSES); rc=$$?; \
	echo "== difftest: $$(( $$(date +%s) - start ))s"; exit $$rc

difftest: $(BUILD)/pvm $(BUILD)/tools/difftest_gen
	@SEED=$${SEED:-$$(date +%s)} tests/difftest/run.sh $(BUILD) $(BUILD)/pvm $(N) $(DIFFTEST_CLASSES)

# directed FP grid (part of check: about 10 s): made and run under qemu once,
# run under pvm and compared in each of JIT_MODES
.PHONY: difftest-grid
difftest-grid: $(BUILD)/pvm
	@start=$$(date +%s); mkdir -p $(BUILD)/tests/difftest && d=$(BUILD)/tests/difftest && \
	python3 tests/difftest/grid.py gen $$d/grid.S $$d/grid.json && \
	$(CROSS)gcc -nostdlib -static -o $$d/grid $$d/grid.S && \
	qemu-aarch64 -cpu max $$d/grid > $$d/grid.qemu; \
	$(MODES_SH) '$(JIT_MODES)' sh -c '$(BUILD)/pvm "$$0/grid" > "$$0/grid.pvm.$${JIT_MODE:-plain}"; \
	  python3 tests/difftest/grid.py cmp "$$0/grid.json" "$$0/grid.qemu" "$$0/grid.pvm.$${JIT_MODE:-plain}"' $$d; rc=$$?; \
	echo "== difftest-grid: $$(( $$(date +%s) - start ))s"; exit $$rc

# ISA coverage: random words per encoding space, pvm's decoder against
# binutils'; anything binutils knows that pvm does not must be a documented
# unimplemented feature (tests/isa/unimplemented.txt).
ISA_SWEEP_N ?= 150000

.PHONY: check-isa
check-isa: $(BUILD)/tools/isa_sweep
	@start=$$(date +%s); scripts/isa-sweep.sh $(BUILD) $(ISA_SWEEP_N) $${SEED:-1} tests/isa/unimplemented.txt; rc=$$?; \
	echo "== isa: $$(( $$(date +%s) - start ))s"; exit $$rc

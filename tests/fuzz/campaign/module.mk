# Guest-side fuzz campaign (tests/fuzz/campaign/): fuzz.c is the arm64 guest
# (random system calls with wild pointers, random instruction streams), run.sh
# the host runner (sandbox, tally, bug log with reproducers).
#   make check-campaign   short fixed-seed pass (about 30 s on 2 cores)
#   make campaign         long: CAMPAIGN_PROCS=N CAMPAIGN_SEED=S (see run.sh
#                         for CAMPAIGN_CALLS, CAMPAIGN_INSN_PROCS, JOBS)
# The guest is linked at 0x35a00000 so random register values (biased to
# small numbers, powers of two and the scratch area) do not land in its code;
# pvm runs it with -R 2G.
CAMPAIGN_FUZZ := $(BUILD)/tests/fuzz/campaign/fuzz

# a pool of words pvm's decoder accepts, from random fills of its decode rows
# (their fixed bits, $(BUILD)/gen/decode_rows.txt): most words of the
# instruction streams
$(BUILD)/tests/fuzz/campaign/pool.h: tests/fuzz/campaign/pool.sh $(BUILD)/tools/isa_sweep $(BUILD)/gen/decode_rows.txt
	@mkdir -p $(dir $@)
	tests/fuzz/campaign/pool.sh $(BUILD)/tools/isa_sweep $(BUILD)/gen/decode_rows.txt > $@

$(CAMPAIGN_FUZZ): tests/fuzz/campaign/fuzz.c $(BUILD)/tests/fuzz/campaign/pool.h
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -O2 -Wall -Wextra -Werror -static -no-pie -I$(BUILD)/tests/fuzz/campaign \
		-Wl,-Ttext-segment=0x35a00000 -o $@ $<

# reproducers of the known pvm bugs, run as expected failures by run.sh
$(BUILD)/tests/fuzz/campaign/known: tests/fuzz/campaign/known.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -O2 -Wall -Wextra -Werror -static -o $@ $<

.PHONY: check-campaign campaign
check-campaign: $(BUILD)/pvm $(CAMPAIGN_FUZZ) $(BUILD)/tests/fuzz/campaign/known
	@start=$$(date +%s); CAMPAIGN_SEED=20261205 CAMPAIGN_PROCS=$${CAMPAIGN_PROCS:-1500} \
	CAMPAIGN_CALLS=100 CAMPAIGN_INSN_PROCS=$${CAMPAIGN_INSN_PROCS:-500} JOBS=$${JOBS:-2} \
	tests/fuzz/campaign/run.sh $(BUILD)/pvm $(CAMPAIGN_FUZZ) $(BUILD)/tests/fuzz/campaign/check; rc=$$?; \
	echo "== campaign: $$(( $$(date +%s) - start ))s"; exit $$rc

campaign: $(BUILD)/pvm $(CAMPAIGN_FUZZ) $(BUILD)/tests/fuzz/campaign/known
	@CAMPAIGN_SEED=$${CAMPAIGN_SEED:-$$(date +%s)}; export CAMPAIGN_SEED; \
	echo "campaign seed $$CAMPAIGN_SEED"; \
	tests/fuzz/campaign/run.sh $(BUILD)/pvm $(CAMPAIGN_FUZZ) $(BUILD)/tests/fuzz/campaign/long-$$CAMPAIGN_SEED

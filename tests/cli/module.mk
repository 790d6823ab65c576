# Command-line and confinement suite (tests/cli/run.sh).
$(BUILD)/tests/cli/probe: tests/cli/probe.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -O2 -Wall -Wextra -Werror -static -o $@ $<

# the --strace cases' guest (tests/cli/cases_strace.sh), found next to probe
$(BUILD)/tests/cli/straceprobe: tests/cli/straceprobe.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -O2 -Wall -Wextra -Werror -static -o $@ $<

.PHONY: check-cli
check-cli: $(BUILD)/pvm $(BUILD)/tests/cli/probe $(BUILD)/tests/cli/straceprobe
	@start=$$(date +%s); tests/cli/run.sh $(BUILD)/pvm $(BUILD)/tests/cli/probe $(BUILD)/tests/cli/work; rc=$$?; \
	echo "== cli: $$(( $$(date +%s) - start ))s"; exit $$rc

# Command-line and confinement suite (tests/cli/run.sh). cpuprobe (the
# option cases, tests/cli/cases_options.sh) is built for ARMv8.1 so it can
# hold an LSE instruction.
$(BUILD)/tests/cli/probe: tests/cli/probe.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -O2 -Wall -Wextra -Werror -static -o $@ $<

$(BUILD)/tests/cli/cpuprobe: tests/cli/cpuprobe.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -O2 -march=armv8.1-a -Wall -Wextra -Werror -static -o $@ $<

# the --strace cases' guest (tests/cli/cases_strace.sh), found next to probe
$(BUILD)/tests/cli/straceprobe: tests/cli/straceprobe.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -O2 -Wall -Wextra -Werror -static -o $@ $<

# the hidden-descriptor and /proc cases' guest (tests/cli/cases_fds.sh)
$(BUILD)/tests/cli/fdprobe: tests/cli/fdprobe.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -O2 -Wall -Wextra -Werror -static -o $@ $<

.PHONY: check-cli
check-cli: $(BUILD)/pvm $(BUILD)/tests/cli/probe $(BUILD)/tests/cli/cpuprobe $(BUILD)/tests/cli/straceprobe $(BUILD)/tests/cli/fdprobe
	@start=$$(date +%s); tests/cli/run.sh $(BUILD)/pvm $(BUILD)/tests/cli/probe $(BUILD)/tests/cli/work $(BUILD)/tests/cli/cpuprobe; rc=$$?; \
	echo "== cli: $$(( $$(date +%s) - start ))s"; exit $$rc

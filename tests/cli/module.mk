# Command-line and confinement suite (tests/cli/run.sh, which sources
# tests/cli/cases_*.sh). Each area's guest program is tests/cli/NAME.c, built
# static next to probe, where its cases file finds it. cpuprobe (the option
# cases, tests/cli/cases_options.sh) is built for ARMv8.1 so it can hold an
# LSE instruction. nommap is a host program (tests/cli/cases_psview.sh).
CLI_GUESTS := probe straceprobe msgprobe mmprobe fdprobe sigmiscprobe coreprobe sigexecprobe futexprobe \
    psvprobe selfprobe profprobe
CLI_GUEST_BINS := $(addprefix $(BUILD)/tests/cli/,$(CLI_GUESTS) cpuprobe)
# host helpers (built for the host)
CLI_HOST_BINS := $(BUILD)/tests/cli/nommap

$(addprefix $(BUILD)/tests/cli/,$(CLI_GUESTS)): $(BUILD)/tests/cli/%: tests/cli/%.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -O2 -Wall -Wextra -Werror -static -o $@ $<

$(BUILD)/tests/cli/cpuprobe: tests/cli/cpuprobe.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -O2 -march=armv8.1-a -Wall -Wextra -Werror -static -o $@ $<

# a seccomp filter refusing PR_SET_MM (tests/cli/cases_psview.sh)
$(BUILD)/tests/cli/nommap: tests/cli/nommap.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu17 -O2 -Wall -Wextra -Werror -o $@ $< -lseccomp

# pvm-static for the install cases (cases_install.sh: make install into a
# DESTDIR runs a make of its own, which must find everything built)
CLI_STATIC := $(if $(SANITIZE),,$(BUILD)/pvm-static)
.PHONY: check-cli
check-cli: $(BUILD)/pvm $(CLI_STATIC) $(CLI_GUEST_BINS) $(CLI_HOST_BINS)
	@start=$$(date +%s); tests/cli/run.sh $(BUILD)/pvm $(BUILD)/tests/cli/probe $(BUILD)/tests/cli/work $(BUILD)/tests/cli/cpuprobe; rc=$$?; \
	echo "== cli: $$(( $$(date +%s) - start ))s"; exit $$rc

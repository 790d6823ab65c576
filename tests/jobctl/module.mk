# Interactive job control (issue 13): Debian's arm64 bash (pinned in
# tests/debs.lock, unpacked into the sysroot tests/busybox/module.mk makes)
# on a pty under pvm, driven by the host-side ptydrive (tests/jobctl/):
# ^Z, jobs, bg, fg, ^C, a stopped and continued pipeline; the host's bash
# validates the script first.   make check-jobctl
# Part of `make check` (after check-procs).
JOBCTL_DRIVE := $(BUILD)/tests/jobctl/ptydrive

# a host tool: never built with the sanitizer flags
$(JOBCTL_DRIVE): tests/jobctl/ptydrive.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu17 -O2 -Wall -Wextra -Werror -o $@ $< -lutil

.PHONY: check-jobctl
check-jobctl: $(BUILD)/pvm $(JOBCTL_DRIVE) $(BB_SYSROOT)/.debs-stamp
	@start=$$(date +%s); $(MODES_SH) '$(REAL_JIT_MODES)' tests/jobctl/run.sh $(JOBCTL_DRIVE) $(BUILD)/pvm $(BB_SYSROOT) $(BUILD)/tests/jobctl; rc=$$?; \
	echo "== jobctl: $$(( $$(date +%s) - start ))s"; exit $$rc

# Roots without /proc, /sys or /dev (issue 14): pvm and pvm-static under an
# empty /proc and in a chroot of Debian's arm64 busybox-static, each case in
# a user and mount namespace of its own (tests/chroot/run.sh):
#   make check-chroot
# rootprobe is the guest (static, threads); fdexec a host helper that runs
# a program through a descriptor from outside a chroot.
CHROOT_PROBE := $(BUILD)/tests/chroot/rootprobe
CHROOT_FDEXEC := $(BUILD)/tests/chroot/fdexec

$(CHROOT_PROBE): tests/chroot/rootprobe.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -O2 -Wall -Wextra -Werror -static -pthread -o $@ $<

# a host tool: never built with the sanitizer flags
$(CHROOT_FDEXEC): tests/chroot/fdexec.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu17 -O2 -Wall -Wextra -Werror -o $@ $<

.PHONY: check-chroot
check-chroot: $(BUILD)/pvm $(BUILD)/pvm-static $(CHROOT_PROBE) $(CHROOT_FDEXEC) $(BB_SYSROOT)/.debs-stamp
	@start=$$(date +%s); $(MODES_SH) '$(REAL_JIT_MODES)' tests/chroot/run.sh $(BUILD)/pvm $(BUILD)/pvm-static $(BB_SYSROOT) $(CHROOT_PROBE) \
	  $(CHROOT_FDEXEC) $(BUILD)/tests/chroot/work; rc=$$?; \
	echo "== chroot: $$(( $$(date +%s) - start ))s"; exit $$rc

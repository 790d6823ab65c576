# dist/: files that install pvm as the kernel's binfmt_misc handler of
# AArch64 programs (docs/usage.md "binfmt_misc"): binfmt.d/pvm-aarch64.conf
# for systemd-binfmt (/usr/lib/binfmt.d) and binfmts/pvm-aarch64 for
# Debian's update-binfmts (/usr/share/binfmts). Both are pvm's own output
# (pvm --binfmt-register --print), so their magic and mask are the ones the
# command registers; `make binfmt-files` writes them again, and the cli
# suite (tests/cli/cases_binfmt.sh) fails when they differ from it.
# BINFMT_INTERP: the interpreter they name (where make install puts pvm-static).
BINFMT_INTERP ?= /usr/local/bin/pvm-static
.PHONY: binfmt-files
binfmt-files: $(BUILD)/pvm
	$(BUILD)/pvm --binfmt-register --print conf --path $(BINFMT_INTERP) > dist/binfmt.d/pvm-aarch64.conf
	$(BUILD)/pvm --binfmt-register --print binfmts --path $(BINFMT_INTERP) > dist/binfmts/pvm-aarch64

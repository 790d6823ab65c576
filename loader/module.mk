PVM_SRCS += $(wildcard loader/*.c)

# The guest vDSO (docs/design.md "The vDSO"): loader/vdso_image.c is
# generated from loader/vdso/ by scripts/gen-vdso.sh and committed, so the
# build never needs the cross toolchain. `make vdso-image` regenerates it;
# `make check-vdso` rebuilds it into $(BUILD)/vdso/ and compares (a skip
# with the reason when the toolchain is missing).
.PHONY: vdso-image check-vdso
vdso-image:
	CROSS=$(CROSS) scripts/gen-vdso.sh $(BUILD)/vdso loader/vdso_image.c

check-vdso:
	@start=$$(date +%s); CROSS=$(CROSS) scripts/gen-vdso.sh --check $(BUILD)/vdso; rc=$$?; \
	echo "== vdso: $$(( $$(date +%s) - start ))s"; exit $$rc

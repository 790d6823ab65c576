# The set-up suite (tests/setup/run.sh): scripts/install-deps.sh never
# changes an installed package (checked with --dry-run), the comparison side
# runs the pinned amd64 packages of the native tree and maps nothing of the
# host's, and a stale pin fails with one line naming `make update-pins`.
#   make check-setup [T='native_*']
.PHONY: check-setup
check-setup: $(NATIVE_ROOT)/.debs-stamp
	@start=$$(date +%s); tests/setup/run.sh $(NATIVE_ROOT) $(BUILD)/tests/setup $(T); rc=$$?; \
	echo "== setup: $$(( $$(date +%s) - start ))s"; exit $$rc

# Debian's arm64 stress-ng (pinned in tests/debs.lock, unpacked into the
# sysroot that tests/busybox/module.mk makes) runs its signal, thread and process
# stressors under pvm -L, one per run, judged by its own --verify and exit
# status:  make check-stress [T='sig* pthread'] [STRESS_TIME=3]
# Part of check-all, not of check: STRESS_TIME seconds (default 10) a stressor.
STRESS_TIME ?= 10

.PHONY: check-stress
check-stress: $(BUILD)/pvm $(BB_SYSROOT)/.debs-stamp
	@start=$$(date +%s); STRESS_TIME=$(STRESS_TIME) $(MODES_SH) '$(REAL_JIT_MODES)' tests/stress/run.sh $(BUILD)/pvm $(BB_SYSROOT) $(BUILD)/tests/stress $(T); rc=$$?; \
	echo "== stress: $$(( $$(date +%s) - start ))s"; exit $$rc

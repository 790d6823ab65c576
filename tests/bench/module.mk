# `make bench`: benchmark kernels built for the host and for arm64 from one
# source (tests/bench/*.c), the start-up probes, busybox and Debian's
# workloads; see scripts/bench.sh (env: BENCH_RUNS, BENCH_INTERP, BENCH_ONLY,
# PVM_REF, ...; they reach the script from make's command line too).
BENCH_SRCS := $(wildcard tests/bench/*.c)
BENCH_NAMES := $(notdir $(BENCH_SRCS:.c=))
BENCH_CFLAGS := -std=gnu17 -Wall -Wextra -Werror -O2 -ffp-contract=off

$(BUILD)/tests/bench/native/%: tests/bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

$(BUILD)/tests/bench/arm64/%: tests/bench/%.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(BENCH_CFLAGS) -static -o $@ $<

# the start-up probes (tests/bench/startup/hello.c), dynamic and static,
# both architectures
BENCH_HELLO := $(foreach a,native arm64,$(foreach k,dyn static,$(BUILD)/tests/bench/$(a)/hello-$(k)))

$(BUILD)/tests/bench/native/hello-dyn: tests/bench/startup/hello.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

$(BUILD)/tests/bench/arm64/hello-dyn: tests/bench/startup/hello.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(BENCH_CFLAGS) -o $@ $<

$(BUILD)/tests/bench/native/hello-static: tests/bench/startup/hello.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -static -o $@ $<

$(BUILD)/tests/bench/arm64/hello-static: tests/bench/startup/hello.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(BENCH_CFLAGS) -static -o $@ $<

bench: $(BUILD)/pvm $(BB_SYSROOT)/.debs-stamp $(NATIVE_ROOT)/.debs-stamp \
	$(BENCH_HELLO) \
	$(addprefix $(BUILD)/tests/bench/native/,$(BENCH_NAMES)) \
	$(addprefix $(BUILD)/tests/bench/arm64/,$(BENCH_NAMES))
	@scripts/bench.sh $(BUILD)

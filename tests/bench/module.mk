# `make bench`: benchmark kernels built for the host and for arm64 from one
# source (tests/bench/*.c), plus busybox workloads; see scripts/bench.sh.
BENCH_SRCS := $(wildcard tests/bench/*.c)
BENCH_NAMES := $(notdir $(BENCH_SRCS:.c=))
BENCH_CFLAGS := -std=gnu17 -Wall -Wextra -Werror -O2 -ffp-contract=off

$(BUILD)/tests/bench/native/%: tests/bench/%.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

$(BUILD)/tests/bench/arm64/%: tests/bench/%.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(BENCH_CFLAGS) -static -o $@ $<

# the dynamic start-up probe (tests/bench/startup/hello.c), both architectures
$(BUILD)/tests/bench/native/hello-dyn: tests/bench/startup/hello.c
	@mkdir -p $(dir $@)
	$(CC) $(BENCH_CFLAGS) -o $@ $<

$(BUILD)/tests/bench/arm64/hello-dyn: tests/bench/startup/hello.c
	@mkdir -p $(dir $@)
	$(CROSS)gcc $(BENCH_CFLAGS) -o $@ $<

bench: $(BUILD)/pvm $(BB_SYSROOT)/.debs-stamp $(NATIVE_ROOT)/.debs-stamp \
	$(BUILD)/tests/bench/native/hello-dyn $(BUILD)/tests/bench/arm64/hello-dyn \
	$(addprefix $(BUILD)/tests/bench/native/,$(BENCH_NAMES)) \
	$(addprefix $(BUILD)/tests/bench/arm64/,$(BENCH_NAMES))
	@scripts/bench.sh $(BUILD)

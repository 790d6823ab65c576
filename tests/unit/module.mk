# Check unit tests: one binary, $(BUILD)/tests/unit/run, linking pvm's objects
# (all but main) and every tests/unit/*.c.
UNIT_SRCS := $(wildcard tests/unit/*.c)
UNIT_OBJS := $(UNIT_SRCS:%.c=$(BUILD)/%.o)

$(BUILD)/gen/unit_suites.h: $(UNIT_SRCS)
	@mkdir -p $(dir $@)
	@grep -ho '^Suite \*suite_[a-z0-9_]*(void)' $(UNIT_SRCS) | sed 's/Suite \*suite_\(.*\)(void)/X(\1)/' > $@.tmp
	@cmp -s $@.tmp $@ 2>/dev/null && rm $@.tmp || mv $@.tmp $@

$(BUILD)/tests/unit/main.o: $(BUILD)/gen/unit_suites.h

# the decode-table generator's own tests run it (tests/unit/test_gen_decode.c)
$(BUILD)/tests/unit/test_gen_decode.o: PVM_CFLAGS += -DGEN_DECODE_PATH='"$(abspath $(BUILD))/tools/gen_decode"'

$(BUILD)/tests/unit/run: $(UNIT_OBJS) $(PVM_LIB_OBJS) | $(BUILD)/tools/gen_decode
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS) $(shell pkg-config --libs check)

.PHONY: check-unit
check-unit: $(BUILD)/tests/unit/run
	@start=$$(date +%s); CK_FORK=no $(BUILD)/tests/unit/run; rc=$$?; \
	echo "== unit tests: $$(( $$(date +%s) - start ))s"; exit $$rc
-include $(UNIT_OBJS:.o=.d)

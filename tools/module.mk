# Build-time generators (host programs).
$(BUILD)/tools/gen_sysnums: tools/gen_sysnums.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu17 -Wall -Wextra -Werror -O1 -o $@ $< -lseccomp

$(BUILD)/gen/sysnums.h: $(BUILD)/tools/gen_sysnums
	@mkdir -p $(dir $@)
	$< > $@.tmp && mv $@.tmp $@

# The A64 decoder from the decode tables (tools/gen_decode*.c). The stamp
# runs the generator; it rewrites a header only when its text changes, so a
# table edit recompiles only what the change reaches.
GEN_DECODE_SRCS := tools/gen_decode.c tools/gen_decode_parse.c tools/gen_decode_emit.c
$(BUILD)/tools/gen_decode: $(GEN_DECODE_SRCS) tools/gen_decode.h
	@mkdir -p $(dir $@)
	$(CC) -std=gnu17 -Wall -Wextra -Werror -O2 -I. -o $@ $(GEN_DECODE_SRCS)

$(BUILD)/gen/decode.stamp: $(BUILD)/tools/gen_decode $(DECODE_TABLES)
	@mkdir -p $(dir $@)
	$(BUILD)/tools/gen_decode -o $(BUILD)/gen $(DECODE_TABLES)
	@touch $@

$(DECODE_GEN): $(BUILD)/gen/decode.stamp ;

# ISA coverage sweep (scripts/isa-sweep.sh): pvm's decoder over a list of words
$(BUILD)/tools/isa_sweep: $(BUILD)/tools/isa_sweep.o $(PVM_LIB_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
-include $(BUILD)/tools/isa_sweep.d

# the decoder's speed on real code (tools/decode_bench.c)
$(BUILD)/tools/decode_bench: $(BUILD)/tools/decode_bench.o $(PVM_LIB_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
-include $(BUILD)/tools/decode_bench.d

# Build-time generators (host programs).
$(BUILD)/tools/gen_sysnums: tools/gen_sysnums.c
	@mkdir -p $(dir $@)
	$(CC) -std=gnu17 -Wall -Wextra -Werror -O1 -o $@ $< -lseccomp

$(BUILD)/gen/sysnums.h: $(BUILD)/tools/gen_sysnums
	@mkdir -p $(dir $@)
	$< > $@.tmp && mv $@.tmp $@

# ISA coverage sweep (scripts/isa-sweep.sh): pvm's decoder over a list of words
$(BUILD)/tools/isa_sweep: $(BUILD)/tools/isa_sweep.o $(PVM_LIB_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(LDLIBS)
-include $(BUILD)/tools/isa_sweep.d

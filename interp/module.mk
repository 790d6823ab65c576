PVM_SRCS += $(wildcard interp/*.c)

# The decode tables, in the order their rows are numbered (the op enum): the
# A64 top-level encoding groups. tools/gen_decode turns them into
# $(BUILD)/gen/decode_{ops,fields,table}.h and decode_rows.txt (docs/design.md "One decoder, two
# executors").
DECODE_TABLES := interp/branch.decode interp/dp_imm.decode interp/dp_reg.decode \
	interp/ldst.decode interp/fp.decode interp/simd.decode interp/crypto.decode \
	interp/simdx.decode
DECODE_GEN := $(BUILD)/gen/decode_ops.h $(BUILD)/gen/decode_features.h \
	$(BUILD)/gen/decode_fields.h $(BUILD)/gen/decode_table.h $(BUILD)/gen/decode_rows.txt

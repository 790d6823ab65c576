PVM_SRCS += interp/decode.c interp/dispatch.c interp/exec_table.c interp/block.c interp/disas.c

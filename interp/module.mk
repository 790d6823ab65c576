PVM_SRCS += $(wildcard interp/*.c)

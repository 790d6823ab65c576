PVM_SRCS += $(wildcard core/*.c) $(wildcard core/*.S)

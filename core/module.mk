PVM_SRCS += $(wildcard core/*.c)

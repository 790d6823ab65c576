PVM_SRCS += $(wildcard signals/*.c) $(wildcard signals/*.S)

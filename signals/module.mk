PVM_SRCS += $(wildcard signals/*.c)

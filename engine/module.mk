PVM_SRCS += $(wildcard engine/*.c)

PVM_SRCS += $(wildcard loader/*.c)

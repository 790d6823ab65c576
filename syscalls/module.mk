PVM_SRCS += $(wildcard syscalls/*.c)

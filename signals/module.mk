PVM_SRCS += signals/fault.c

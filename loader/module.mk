PVM_SRCS += loader/loader.c

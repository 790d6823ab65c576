PVM_SRCS += core/log.c core/mem.c core/options.c

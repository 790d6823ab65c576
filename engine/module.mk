PVM_SRCS += engine/engine.c engine/main.c

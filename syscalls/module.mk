PVM_SRCS += syscalls/dispatch.c syscalls/strace.c syscalls/sysinit.c

# The x86-64 translator (translator/jit.h): the emitter (x64.h), the code
# cache (cache.c), block translation (translate.c), chaining and lifetimes
# (link.c) and one emitter per instruction class (emit_<class>.c).
PVM_SRCS += $(wildcard translator/*.c)

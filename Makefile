# pvm top-level Makefile: one module.mk per folder; objects under $(BUILD).
# `make` builds $(BUILD)/pvm and $(BUILD)/pvm-static; `make install` (install.mk)
# puts them under PREFIX. See README.md for demo/check/bench.
# `make SANITIZE=address,undefined ...` builds everything with those
# sanitizers (gcc's -fsanitize=, every finding fatal) into BUILD=build-san by
# default, so the plain build is untouched; docs/testing.md "Sanitizers".
# `make SANITIZE=thread ...` is ThreadSanitizer, into BUILD=build-tsan (it
# cannot be combined with address); docs/testing.md "ThreadSanitizer".

comma := ,
ifneq ($(filter thread,$(subst $(comma), ,$(SANITIZE))),)
BUILD ?= build-tsan
endif
ifneq ($(SANITIZE),)
BUILD ?= build-san
SAN_FLAGS := -fsanitize=$(SANITIZE) -fno-sanitize-recover=all -fno-omit-frame-pointer
endif
BUILD ?= build
CC ?= gcc
CROSS ?= aarch64-linux-gnu-
OPT ?= -O2
CFLAGS ?= $(OPT) -g
CFLAGS += $(SAN_FLAGS)
LDFLAGS += $(SAN_FLAGS)
# a GNU build id in pvm's binary: how pvm recognises its own binary by path
# where there is no /proc (syscalls/selfexe.h)
LDFLAGS += -Wl,--build-id
PVM_CFLAGS := -std=gnu17 -Wall -Wextra -Werror -Wno-unused-parameter \
	-D_GNU_SOURCE -I. -I$(BUILD)/gen -MMD -MP
# capstone (-d in_asm/out_asm disassembly) is linked into the tests, the
# tools and pvm-static; the dynamic pvm loads it on first use
# (interp/capstone.h); libseccomp is only a build-time generator's
# (tools/gen_sysnums)
LDLIBS := -lcapstone -lpthread -lm
PVM_LDLIBS := -lpthread -lm
# a static link pulls archive members for strong references only
CS_FORCE := $(addprefix -Wl$(comma)-u$(comma),cs_open cs_close cs_disasm cs_disasm_iter cs_malloc cs_free)

.DELETE_ON_ERROR:
.DEFAULT_GOAL := all
.PHONY: all deps deps-build deps-check update-pins demo check check-all bench clean difftest

PVM_SRCS :=
include core/module.mk
include interp/module.mk
include engine/module.mk
include loader/module.mk
include syscalls/module.mk
include signals/module.mk
include translator/module.mk

# a sanitizer build compiles the sanitizers' default options into pvm
ifneq ($(SANITIZE),)
PVM_SRCS += tests/fuzz/san_defaults.c
endif

PVM_OBJS := $(patsubst %.S,$(BUILD)/%.o,$(PVM_SRCS:%.c=$(BUILD)/%.o))
# objects of everything but main, for unit tests
PVM_LIB_OBJS := $(filter-out $(BUILD)/engine/main.o,$(PVM_OBJS))

all: $(BUILD)/pvm

$(BUILD)/pvm: $(PVM_OBJS)
	$(CC) $(LDFLAGS) -o $@ $^ $(PVM_LDLIBS)

# pvm-static: the same objects linked into one static PIE (glibc, capstone
# and libgcc included), so it runs where nothing of the host is, as the
# interpreter of an F-flag binfmt_misc registration inside a chroot. Not for
# sanitizer builds (their runtimes are not linked statically).
ifeq ($(SANITIZE),)
all: $(BUILD)/pvm-static
$(BUILD)/pvm-static: $(PVM_OBJS) $(BUILD)/interp/capstone-static.o
	$(CC) $(LDFLAGS) -static-pie -o $@ $(filter-out $(BUILD)/interp/capstone.o,$^) $(CS_FORCE) $(LDLIBS)
endif
# capstone linked in: the loader without dlopen (interp/capstone.c)
$(BUILD)/interp/capstone-static.o: interp/capstone.c
	@mkdir -p $(dir $@)
	$(CC) $(PVM_CFLAGS) $(CFLAGS) -DPVM_CS_LINKED -c -o $@ $<
-include $(BUILD)/interp/capstone-static.d

# generated headers (tools/module.mk) every object may include
GEN_HDRS := $(BUILD)/gen/sysnums.h $(DECODE_GEN)

$(BUILD)/%.o: %.c | $(GEN_HDRS)
	@mkdir -p $(dir $@)
	$(CC) $(PVM_CFLAGS) $(CFLAGS) -c -o $@ $<

# host assembly (signals/safe_syscall.S)
$(BUILD)/%.o: %.S
	@mkdir -p $(dir $@)
	$(CC) $(PVM_CFLAGS) $(CFLAGS) -c -o $@ $<

# the dispatch loop is one large function of inlined handlers
$(BUILD)/interp/dispatch.o: PVM_CFLAGS += -fno-gcse

# install-deps installs only packages that are missing, never changing an
# installed one: the build set for `make demo`, the check set for `make check`
deps: deps-check
deps-build:
	@./scripts/install-deps.sh build
deps-check:
	@./scripts/install-deps.sh check

# move every pin of tests/debs.lock to the Debian archive's current version
update-pins:
	@./scripts/update-pins.sh

include tools/module.mk
include dist/module.mk
include tests/module.mk
# make install / uninstall (PREFIX, DESTDIR)
include install.mk

demo: deps-build
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory $(BUILD)/tests/demo/hello
	@echo "== running an arm64 program under pvm: $(BUILD)/pvm $(BUILD)/tests/demo/hello"
	@$(BUILD)/pvm $(BUILD)/tests/demo/hello "from pvm"

clean:
	rm -rf $(BUILD)

-include $(PVM_OBJS:.o=.d)

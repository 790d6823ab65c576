# The demo program `make demo` runs under pvm: static, so it needs nothing
# but pvm itself.
$(BUILD)/tests/demo/hello: tests/demo/hello.c tests/demo/module.mk
	@mkdir -p $(dir $@)
	$(CROSS)gcc -std=gnu17 -Wall -Wextra -Werror -O2 -static -o $@ $<

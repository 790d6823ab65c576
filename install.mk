# make install / make uninstall (issue 14). PREFIX (default /usr/local) and
# DESTDIR as usual; every file is put in place by `install -m` with its mode:
#   $(BINDIR)/pvm, $(BINDIR)/pvm-static               0755
#   $(MANDIR)/man1/pvm.1                              0644
#   $(BINFMTDDIR)/pvm-aarch64.conf (systemd-binfmt)   0644
#   $(BINFMTSDIR)/pvm-aarch64 (update-binfmts)        0644
# BINFMTDDIR is $(PREFIX)/lib/binfmt.d: systemd-binfmt reads /usr/lib/binfmt.d
# and /usr/local/lib/binfmt.d (and /etc, /run), so the two usual prefixes work
# as they are; any other prefix needs the file copied or linked into
# /etc/binfmt.d. update-binfmts imports from /usr/share/binfmts only by
# default (`update-binfmts --importdir $(PREFIX)/share/binfmts --import
# pvm-aarch64` for another prefix). Installing registers nothing: the
# registration happens at the next boot, or now with `pvm --binfmt-register`,
# `systemctl restart systemd-binfmt` or `update-binfmts --import`
# (docs/usage.md "Installing", "binfmt_misc").
# pvm-static is not built in sanitizer builds, and is then not installed.
PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
BINFMTDDIR ?= $(PREFIX)/lib/binfmt.d
BINFMTSDIR ?= $(PREFIX)/share/binfmts

# The binfmt_misc registration files (dist/, `pvm --binfmt-register --print`
# output: flags POF): SOURCE:DIRECTORY pairs, each installed as
# DIRECTORY/$(notdir SOURCE) with mode 0644 when SOURCE exists in the tree;
# the one list to adjust if they move or more are added.
# The absolute path of pvm-static in them (dist/'s name /usr/local/bin)
# becomes $(BINDIR)/pvm-static (the copy is made in $(BUILD)/install), so the
# entry names the pvm-static installed.
INSTALL_BINFMT := dist/binfmt.d/pvm-aarch64.conf:$(BINFMTDDIR) dist/binfmts/pvm-aarch64:$(BINFMTSDIR)

INSTALL_BINS := $(BUILD)/pvm
ifeq ($(SANITIZE),)
INSTALL_BINS += $(BUILD)/pvm-static
endif

.PHONY: install uninstall
install: all
	install -d -m 0755 $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(INSTALL_BINS) $(DESTDIR)$(BINDIR)/
	install -m 0644 docs/pvm.1 $(DESTDIR)$(MANDIR)/man1/pvm.1
	@set -e; mkdir -p $(BUILD)/install; for e in $(INSTALL_BINFMT); do \
	  src=$${e%%:*} dir=$${e#*:} f=$${e%%:*}; f=$${f##*/}; [ -f "$$src" ] || continue; \
	  sed -e 's|/[^:[:space:]]*/pvm-static|$(BINDIR)/pvm-static|g' "$$src" > $(BUILD)/install/$$f; \
	  echo "install -m 0644 $(BUILD)/install/$$f $(DESTDIR)$$dir/$$f   (from $$src)"; \
	  install -d -m 0755 "$(DESTDIR)$$dir"; install -m 0644 $(BUILD)/install/$$f "$(DESTDIR)$$dir/$$f"; \
	done

# removes exactly what install puts there (empty directories stay)
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/pvm $(DESTDIR)$(BINDIR)/pvm-static $(DESTDIR)$(MANDIR)/man1/pvm.1
	@for e in $(INSTALL_BINFMT); do src=$${e%%:*} dir=$${e#*:}; \
	  echo "rm -f $(DESTDIR)$$dir/$${src##*/}"; rm -f "$(DESTDIR)$$dir/$${src##*/}"; done

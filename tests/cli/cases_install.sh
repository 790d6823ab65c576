# Installation and manual cases of the command-line suite, sourced by
# tests/cli/run.sh (uses its check, $pvm $probe $work, $here):
#   man_options   every option and PVM_* variable `pvm --help` prints is in
#                 the man page docs/pvm.1, so the two cannot drift apart
#   man_lint      groff -ww finds nothing to warn about in docs/pvm.1
#   install_*     `make install DESTDIR=... PREFIX=/usr` puts exactly the
#                 expected files there with their modes (the binfmt_misc
#                 files when the tree has them, equal to what the installed
#                 pvm prints for the installed pvm-static), the installed pvm and
#                 pvm-static run a guest, `make uninstall` removes them all.
#                 Needs the pvm-static beside $pvm (not in sanitizer builds,
#                 where these cases are skipped with a note).
# shellcheck shell=bash disable=SC2154 # pvm, probe, work, here: set by run.sh

src_root=$(cd "$here/../.." && pwd)
manpage=$src_root/docs/pvm.1

# the man page as text for matching: roff's \- is a dash, font escapes go
man_text() {
    sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\(aq/'"'"'/g' "$manpage"
}

# man_missing: prints each --help word the man page lacks (an option: a
# whole word starting with - or --; a PVM_ variable), false if any
man_missing() {
    local text words w miss=0
    text=$(man_text)
    words=$("$pvm" --help | grep -oE '(^|[ (,])--?[A-Za-z0-9][A-Za-z0-9-]*|PVM_[A-Z0-9_]+' |
        sed -E 's/^[ (,]//' | sort -u)
    for w in $words; do
        # a stem such as --binfmt- (of --binfmt-*) need only start a word
        local end='([^-A-Za-z0-9_]|$)'
        [ "${w%-}" != "$w" ] && end=""
        if ! grep -qE -- "(^|[^-A-Za-z0-9_])$w$end" <<< "$text"; then
            echo "docs/pvm.1 lacks $w"
            miss=1
        fi
    done
    [ -n "$words" ] || { echo "no options found in pvm --help"; return 1; }
    return $miss
}
check man_options 0 "" "" -- man_missing

man_lint() {
    if ! command -v groff > /dev/null; then
        echo "groff not found (groff-base: make deps-check)"
        return 1
    fi
    local out
    out=$(groff -ww -z -man "$manpage" 2>&1) || { echo "$out"; return 1; }
    [ -z "$out" ] || { echo "$out"; return 1; }
}
check man_lint 0 "" "" -- man_lint

# -- make install / uninstall into a DESTDIR
bdir=$(cd "$(dirname "$pvm")" && pwd)
if [ ! -x "$bdir/pvm-static" ]; then
    echo "note: install cases skipped: no $bdir/pvm-static (a sanitizer build has none)"
else
    dest=$work/destdir
    rm -rf "$dest"
    # a make of its own: nothing of the calling make's flags or jobserver
    inst_make() {
        env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make --no-print-directory -C "$src_root" \
            BUILD="$bdir" DESTDIR="$dest" PREFIX=/usr "$@"
    }
    check install_run 0 "" "" -- inst_make install
    # the expected list: MODE PATH, sorted; the binfmt_misc files when the
    # tree has them (outside build and cache)
    {
        echo "755 usr/bin/pvm"
        echo "755 usr/bin/pvm-static"
        echo "644 usr/share/man/man1/pvm.1"
        if [ -n "$(find "$src_root" \( -path "$src_root/build*" -o -path "$src_root/cache" -o -path "$src_root/.git" \) -prune \
            -o -type f -name pvm-aarch64.conf -print -quit)" ]; then
            echo "644 usr/lib/binfmt.d/pvm-aarch64.conf"
        fi
        if [ -n "$(find "$src_root" \( -path "$src_root/build*" -o -path "$src_root/cache" -o -path "$src_root/.git" \) -prune \
            -o -type f -name pvm-aarch64 -print -quit)" ]; then
            echo "644 usr/share/binfmts/pvm-aarch64"
        fi
    } | sort -k2 > "$work/install.want"
    (cd "$dest" 2> /dev/null && find . -type f -printf '%m %P\n' | sort -k2) > "$work/install.got"
    check install_files 0 "" "" -- diff -u "$work/install.want" "$work/install.got"
    # an installed binfmt file is what the installed pvm prints for the
    # installed pvm-static (so it names that path, never the DESTDIR)
    install_binfmt_paths() {
        local f fmt bad=0
        for f in "$dest/usr/lib/binfmt.d/pvm-aarch64.conf:conf" "$dest/usr/share/binfmts/pvm-aarch64:binfmts"; do
            fmt=${f##*:} f=${f%:*}
            [ -f "$f" ] || continue
            if ! "$dest/usr/bin/pvm" --binfmt-register --print "$fmt" --path /usr/bin/pvm-static |
                diff -u - "$f"; then
                echo "$f is not pvm --binfmt-register --print $fmt --path /usr/bin/pvm-static"
                bad=1
            fi
        done
        return $bad
    }
    check install_binfmt_paths 0 "" "" -- install_binfmt_paths
    check install_pvm_runs 7 "" "" -- "$dest/usr/bin/pvm" "$probe" exit 7
    check install_pvm_static_runs 0 '^argv0=installed$' "" -- "$dest/usr/bin/pvm-static" -0 installed "$probe" argv0
    check install_man_renders 0 'run AArch64 Linux programs' "" -- env MANWIDTH=80 man -l "$dest/usr/share/man/man1/pvm.1"
    check uninstall_run 0 "" "" -- inst_make uninstall
    check uninstall_empty 0 "" "" -- test -z "$(find "$dest" -type f)"
fi

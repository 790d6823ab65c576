#!/usr/bin/env bash
# Roots without /proc, /sys or /dev: pvm and pvm-static in a private mount
# namespace with an empty tmpfs over /proc, and pvm-static chrooted into a
# small tree (Debian's arm64 busybox-static, rootprobe, pvm-static as
# /bin/pvm; no /proc, /sys, /dev). Each case runs in `unshare -r -m
# --propagation private` (a user and mount namespace of its own), so what
# it mounts vanishes with it and nothing of the host's changes.
# docs/testing.md "Roots without /proc"; docs/design.md "Roots without /proc".
#
# Cases (one line each: "ok NAME" or "FAIL NAME: why", then the tally):
#   noproc_pvm, noproc_pvm_static: tests/chroot/script.sh (busybox sh execing
#     AArch64 programs: command substitution, a nested sh, a pipeline, a sh
#     killing itself, a trap, exec; rootprobe's fork, signal, a child killed
#     by its parent, thread and /proc cases) under pvm / pvm-static with /proc an empty tmpfs;
#     stdout must equal script.expected, and pvm says nothing on stderr.
#   chroot_static: the same script with the tree as root.
#   chroot_self: -d exec,proc in the tree: the first pvm found its binary
#     through AT_EXECFN (no /proc/self/exe), the re-executed one through the
#     descriptor, started as `pvm --self-fd=N`; -d proc says /proc is not
#     procfs.
#   chroot_nobinary: pvm-static started by tests/chroot/fdexec from outside
#     the tree (AT_EXECFN "/dev/fd/N", argv[0] "pvm"): no binary of its own
#     found, said under -d exec; a guest execve of an AArch64 program then
#     goes to the host kernel: ENOEXEC and pvm's one-line note, unless the
#     host has a binfmt_misc registration for AArch64 (then it runs).
#   chroot_outside_binary: the same start with /proc bind-mounted into a
#     copy of the tree: pvm's binary has no path in the root, /proc/self/exe
#     gives the descriptor, and exec works.
#   chroot_core: a guest fault in the tree leaves an arm64 core file in the
#     current directory (core_pattern unreadable: "core"), with its memory
#     (PT_LOAD segments) and NT_PRSTATUS, from the page flags alone.
#   reserve_dynamic: Debian's dynamic arm64 bash under `ulimit -v 600000`
#     (256M guest region) runs and execs.
# usage: run.sh PVM PVM_STATIC SYSROOT ROOTPROBE FDEXEC WORKDIR
set -u
pvm=$(realpath "$1") pvm_static=$(realpath "$2") sysroot=$(realpath "$3")
rootprobe=$(realpath "$4") fdexec=$(realpath "$5") work=$6
here=$(cd "$(dirname "$0")" && pwd)
passed=0 failed=0 skipped=0
pass() { passed=$((passed + 1)); [ -z "${V:-}" ] || echo "ok $1"; }
fail() {
    failed=$((failed + 1)); echo "FAIL $1: $2"
    [ -z "${3:-}" ] || sed 's/^/    /' "$3" | head -20
}

if ! unshare -r -m --propagation private true 2> /dev/null; then
    echo "SKIP chroot: unshare -r -m (user and mount namespaces) is refused here"
    echo "0 passed, 0 failed, 1 skipped"
    exit 0
fi
# ns CMD...: CMD in a user and mount namespace of its own
ns() { timeout 60 unshare -r -m --propagation private "$@"; }
# noproc CMD...: CMD in such a namespace with an empty tmpfs over /proc
noproc() { ns sh -c 'mount -t tmpfs none /proc && exec "$@"' noproc "$@"; }

rm -rf "$work" && mkdir -p "$work/tmp"
tree=$work/root
mkdir -p "$tree/bin" "$tree/tmp"
cp "$sysroot/bin/busybox" "$rootprobe" "$tree/bin/"
cp "$pvm_static" "$tree/bin/pvm"
for a in sh echo cat wc sleep ls; do ln -s busybox "$tree/bin/$a"; done
cp "$here/script.sh" "$tree/script.sh"

# script NAME CMD...: CMD runs script.sh; stdout is compared
script() {
    local name=$1
    shift
    "$@" > "$work/$name.out" 2> "$work/$name.err"
    local st=$?
    if [ $st != 0 ]; then fail "$name" "status $st" "$work/$name.err"
    elif ! diff -u "$here/script.expected" "$work/$name.out" > "$work/$name.diff"; then
        fail "$name" "output differs" "$work/$name.diff"
    elif grep -q '^pvm: ' "$work/$name.err"; then fail "$name" "pvm complained" "$work/$name.err"
    else pass "$name"; fi
}
script noproc_pvm noproc "$pvm" "$tree/bin/busybox" sh "$here/script.sh" "$tree/bin" "$work/tmp" "$tree/bin/rootprobe"
script noproc_pvm_static noproc "$pvm_static" "$tree/bin/busybox" sh "$here/script.sh" "$tree/bin" "$work/tmp" \
    "$tree/bin/rootprobe"
script chroot_static ns chroot "$tree" /bin/pvm /bin/sh /script.sh /bin /tmp /bin/rootprobe

# the log of the guest's pvm processes, without the per-block lines
log_lines() { grep -E '^(exec-|proc: )' "$1"; }

rm -f "$tree/tmp/self.log"
out=$(ns chroot "$tree" /bin/pvm -d exec,proc -D /tmp/self.log /bin/sh -c '/bin/echo hi' 2>&1)
log_lines "$tree/tmp/self.log" > "$work/chroot_self.log" 2> /dev/null
if [ "$out" != hi ]; then fail chroot_self "output '$out'"
elif ! grep -q '^exec-self: AT_EXECFN /bin/pvm (no /proc/self/exe), descriptor [0-9]*$' "$work/chroot_self.log"; then
    fail chroot_self "no exec-self line for AT_EXECFN" "$work/chroot_self.log"
elif ! grep -q '^exec-argv: pvm --self-fd=[0-9]* .* -- /bin/echo hi$' "$work/chroot_self.log"; then
    fail chroot_self "the re-executed pvm's argv" "$work/chroot_self.log"
elif ! grep -q '^exec-self: the descriptor pvm was re-executed through' "$work/chroot_self.log"; then
    fail chroot_self "the re-executed pvm did not take the descriptor" "$work/chroot_self.log"
elif ! grep -q '^proc: /proc is not procfs here' "$work/chroot_self.log"; then
    fail chroot_self "-d proc said nothing of /proc" "$work/chroot_self.log"
else pass chroot_self; fi

# an AArch64 binfmt_misc registration on the host runs what pvm hands over
binfmt=0
for f in /proc/sys/fs/binfmt_misc/*; do
    [ -f "$f" ] && grep -q '^enabled' "$f" 2> /dev/null &&
        grep -q '^magic 7f454c460201010000000000000000000200b700' "$f" && binfmt=1
done
rm -f "$tree/tmp/none.log"
ns "$fdexec" --chroot "$tree" "$pvm_static" pvm -d exec -D /tmp/none.log /bin/rootprobe exec /bin/echo hi \
    > "$work/chroot_nobinary.out" 2> "$work/chroot_nobinary.err"
st=$?
log_lines "$tree/tmp/none.log" > "$work/chroot_nobinary.log" 2> /dev/null
if ! grep -q '^exec-self: none found' "$work/chroot_nobinary.log"; then
    fail chroot_nobinary "pvm found a binary of its own" "$work/chroot_nobinary.log"
elif [ $binfmt = 1 ]; then
    if [ $st = 0 ] && [ "$(cat "$work/chroot_nobinary.out")" = hi ]; then pass chroot_nobinary
    else fail chroot_nobinary "status $st with a binfmt_misc registration" "$work/chroot_nobinary.out"; fi
elif [ $st != 1 ] || [ "$(cat "$work/chroot_nobinary.out")" != "exec /bin/echo: ENOEXEC" ]; then
    fail chroot_nobinary "status $st, want 1 and ENOEXEC" "$work/chroot_nobinary.out"
elif [ "$(grep -c '^pvm: /bin/echo: exec format error: pvm cannot re-execute itself here' "$work/chroot_nobinary.err")" != 1 ]; then
    fail chroot_nobinary "no one-line note" "$work/chroot_nobinary.err"
else pass chroot_nobinary; fi

tree6=$work/root-proc
cp -a "$tree" "$tree6" && rm "$tree6/bin/pvm" && mkdir -p "$tree6/proc"
out=$(ns sh -c 'mount --rbind /proc "$1/proc" && shift && exec "$@"' sh "$tree6" \
    "$fdexec" --chroot "$tree6" "$pvm_static" pvm /bin/sh -c '/bin/echo a; /bin/rootprobe exec /bin/echo b' 2>&1)
if [ "$out" = "a
b" ]; then pass chroot_outside_binary; else
    fail chroot_outside_binary "output '$out'"; fi

rm -f "$tree/tmp/core"
ns chroot "$tree" /bin/pvm /bin/rootprobe fault /tmp > /dev/null 2> "$work/chroot_core.err"
st=$?
loads=$(readelf -lW "$tree/tmp/core" 2> /dev/null | grep -c ' LOAD ')
if [ $st != 139 ]; then fail chroot_core "status $st, want 139" "$work/chroot_core.err"
elif [ "${loads:-0}" -lt 3 ]; then fail chroot_core "core has ${loads:-no} PT_LOAD segments"
elif ! readelf -nW "$tree/tmp/core" | grep -q NT_PRSTATUS; then fail chroot_core "no NT_PRSTATUS"
else pass chroot_core; fi
rm -f "$tree/tmp/core"

out=$(bash -c 'ulimit -v 614400 && exec "$@"' sh timeout 60 "$pvm" -L "$sysroot" "$sysroot/bin/bash" \
    -c 'echo $((6 * 7)); /bin/true && echo exec' 2> "$work/reserve_dynamic.err")
st=$?
if [ $st != 0 ] || [ "$out" != "42
exec" ]; then fail reserve_dynamic "status $st, output '$out'" "$work/reserve_dynamic.err"
elif ! grep -q '^pvm: guest address space reduced to 256M: ' "$work/reserve_dynamic.err" ||
    [ "$(wc -l < "$work/reserve_dynamic.err")" != 1 ]; then
    fail reserve_dynamic "want one line: reduced to 256M" "$work/reserve_dynamic.err"
else pass reserve_dynamic; fi

if [ $skipped -gt 0 ]; then echo "$passed passed, $failed failed, $skipped skipped"
else echo "$passed passed, $failed failed"; fi
[ "$failed" -eq 0 ]

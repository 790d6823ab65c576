# The descriptor pvm keeps on its own binary and re-executes itself through
# (syscalls/selfexe.h, docs/design.md "Processes and exec"), sourced by
# tests/cli/run.sh (check, passed, failed, $pvm, $probe, $work). selfprobe
# (tests/cli/selfprobe.c) is the guest. Roots without /proc: tests/chroot.
#
# self_hidden: no number of pvm's hidden range answers the guest (fcntl,
#   dup, dup3, F_DUPFD, close, /proc/self/fd/N, the /proc/self/fd listing);
#   through /proc/self/root/proc/PID/fd/N nothing reaches pvm's binary, and
#   exactly its open, chmod and execve are refused (EACCES; with -D the
#   log's open too); after close_range(3, ~0) the guest still execs an
#   AArch64 program, which execs another.
# self_argv: the pvm re-executed for a guest execve was started as
#   `pvm --self-fd=N ...` (-d exec's exec-argv line), with no host path of
#   pvm's binary in its argv, and said where its binary came from.
# self_native: a native program the guest execs inherits no descriptor of
#   pvm's binary (its own /proc/self/fd does not name it).
# self_race: 30 times, one thread keeps re-executing pvm (each exec fails
#   with E2BIG in the kernel, after the descriptor's close-on-exec flag was
#   cleared for it) while another execs a native lister: no listing names
#   pvm's binary (the two kinds of exec exclude each other, fdtab.c).
# self_exec_pvm: pvm's binary by its path stays usable: the guest runs it.
# self_fd_by_hand: --self-fd given by hand names no execveat of this
#   process (AT_EXECFN): ignored, pvm finds /proc/self/exe.
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh
selfprobe=$(dirname "$probe")/selfprobe
self_real=$(realpath "$pvm")

check self_hidden 0 '^hidden: visible 0, reached 0, refused 3$' "" -- \
    "$pvm" "$selfprobe" hidden "$pvm" "$selfprobe" exec "$selfprobe" say after close_range
if grep -q '^after close_range$' "$work/self_hidden.out"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL self_hidden_exec: no exec after close_range"; fi
check self_hidden_log 0 '^hidden: visible 0, reached 0, refused 4$' "" -- \
    "$pvm" -D "$work/self_hidden.log" "$selfprobe" hidden "$pvm" "$selfprobe" say done

rm -f "$work/self_argv.log"
check self_argv 0 '^two$' "" -- \
    "$pvm" -d exec -D "$work/self_argv.log" "$selfprobe" exec "$selfprobe" exec "$selfprobe" say two
self_argv() {
    local log=$work/self_argv.log
    [ "$(grep -c '^exec-argv: pvm --self-fd=[0-9][0-9]* ' "$log")" = 2 ] ||
        { echo "want 2 exec-argv lines starting 'pvm --self-fd=N'"; grep '^exec-argv' "$log"; return 1; }
    if grep '^exec-argv' "$log" | grep -qF -e "$self_real" -e "$pvm"; then
        echo "pvm's path in a re-executed pvm's argv:"; grep '^exec-argv' "$log"; return 1
    fi
    grep -q '^exec-self: /proc/self/exe, descriptor [0-9]*$' "$log" ||
        { echo "no exec-self line for /proc/self/exe"; return 1; }
    [ "$(grep -c '^exec-self: the descriptor pvm was re-executed through, descriptor [0-9]*$' "$log")" = 2 ] ||
        { echo "want 2 exec-self lines for the inherited descriptor"; grep '^exec-self' "$log"; return 1; }
}
if msg=$(self_argv); then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL self_argv_log: $msg" | head -5; fi

check self_native 0 '' "" -- "$pvm" "$selfprobe" exec /bin/sh -c 'ls -l /proc/self/fd/ && echo listed'
if grep -q '^listed$' "$work/self_native.out" && ! grep -qF "$self_real" "$work/self_native.out"; then
    passed=$((passed + 1)); else failed=$((failed + 1))
    echo "FAIL self_native_fds: a native program's descriptors name pvm's binary (or no listing)"
    sed 's/^/    /' "$work/self_native.out" | head -20; fi

check self_race 0 '' "" -- "$pvm" "$selfprobe" race 30 "$selfprobe"
if [ "$(grep -c '^listed$' "$work/self_race.out")" = 30 ] && ! grep -qF "$self_real" "$work/self_race.out"; then
    passed=$((passed + 1)); else failed=$((failed + 1))
    echo "FAIL self_race_fds: $(grep -c '^listed$' "$work/self_race.out") of 30 listings, or one names pvm's binary"
    grep -F "$self_real" "$work/self_race.out" | head -3 | sed 's/^/    /'; fi

check self_exec_pvm 0 '^pvm ' "" -- "$pvm" "$selfprobe" exec "$pvm" --version

rm -f "$work/self_by_hand.log"
check self_fd_by_hand 0 '^by hand$' "" -- \
    "$pvm" --self-fd=0 -d exec -D "$work/self_by_hand.log" "$selfprobe" say by hand
if grep -q '^exec-self: /proc/self/exe, descriptor' "$work/self_by_hand.log"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL self_fd_by_hand_log: --self-fd=0 was taken"; fi

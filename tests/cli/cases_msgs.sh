# Message cases of the command-line suite, sourced by tests/cli/run.sh (uses
# its check/one_line and $pvm $probe $work; the guest is msgprobe, built next
# to probe from tests/cli/msgprobe.c). pvm's "pvm: " lines: text a guest or
# its files control is escaped (\xNN), so a crafted PT_INTERP, path or option
# stays one line and cannot drive the terminal; a guest that closed or
# replaced its stderr still gets its fault reported, in the -D log and in
# pvm's hidden copy of a terminal or regular-file stderr; pvm never keeps a
# pipe open for a daemonising guest (docs/usage.md "Messages").
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh
msgprobe=$(dirname "$probe")/msgprobe

# -- escaping: a crafted PT_INTERP (newline, ESC sequences, a forged line)

# unsigned little-endian value of N bytes at OFFSET of FILE (od reads in the
# host's byte order: x86-64, little-endian like the ELF)
msgs_rd() { od -An -t "u$3" -j "$2" -N "$3" "$1" | tr -d ' '; }
# writes VALUE as N little-endian bytes at OFFSET of FILE
msgs_wr() {
    local f=$1 off=$2 n=$3 v=$4 esc="" i
    for ((i = 0; i < n; i++)); do esc+=$(printf '\\x%02x' $(((v >> (8 * i)) & 255))); done
    printf '%b' "$esc" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
}
# msgs_interp SRC DST STRING: DST is a copy of the static SRC whose
# PT_GNU_STACK or PT_NOTE header became a PT_INTERP naming STRING (appended,
# NUL-terminated, at the end of the file)
msgs_interp() {
    local src=$1 dst=$2 s=$3 phoff phent phnum i off type size
    cp "$src" "$dst" && chmod +x "$dst"
    phoff=$(msgs_rd "$dst" 32 8) phent=$(msgs_rd "$dst" 54 2) phnum=$(msgs_rd "$dst" 56 2)
    for ((i = 0; i < phnum; i++)); do
        off=$((phoff + i * phent))
        type=$(msgs_rd "$dst" "$off" 4)
        [ "$type" = 1685382481 ] || [ "$type" = 4 ] && break # PT_GNU_STACK, PT_NOTE
    done
    [ "$i" -lt "$phnum" ] || return 1
    size=$(stat -c %s "$dst")
    printf '%s\0' "$s" >> "$dst"
    msgs_wr "$dst" "$off" 4 3                  # p_type = PT_INTERP
    msgs_wr "$dst" $((off + 8)) 8 "$size"      # p_offset
    msgs_wr "$dst" $((off + 32)) 8 $((${#s} + 1)) # p_filesz
}
msgs_evil=$'/nonexistent/ld\n\033[31mpvm: forged line\033[0m\033]0;title\007'
msgs_shown='/nonexistent/ld\\x0a\\x1b\[31mpvm: forged line\\x1b\[0m\\x1b\]0;title\\x07'
msgs_interp "$probe" "$work/interp_esc" "$msgs_evil"
check interp_escaped 127 "" "^pvm: $work/interp_esc: cannot find dynamic linker $msgs_shown \\(use -L SYSROOT\\)\$" -- \
    "$pvm" "$work/interp_esc"
one_line interp_escaped
# the same string found under -L: the interpreter's own path in the message
mkdir -p "$work/evilroot/nonexistent"
printf 'not an ELF\n' > "$work/evilroot$msgs_evil"; chmod +x "$work/evilroot$msgs_evil"
check interp_escaped_prefix 126 "" "^pvm: $work/evilroot$msgs_shown: " -- "$pvm" -L "$work/evilroot" "$work/interp_esc"
one_line interp_escaped_prefix
# the program path, backslash included (so every \ shown starts an escape)
check path_escaped 127 "" '^pvm: /nonexistent/a\\x0ab\\x1b\[2Jc\\x5cd: No such file or directory$' -- \
    "$pvm" $'/nonexistent/a\nb\033[2Jc\\d'
one_line path_escaped
# -d exec names the program in the -D log: escaped as well
cp "$probe" "$work/odd"$'\n''exec: forged'
rm -f "$work/odd.log"
check exec_log_escaped 0 "" "" -- "$pvm" -d exec -D "$work/odd.log" "$work/odd"$'\n''exec: forged' exit 0
if [ "$(grep -c '^exec: ' "$work/odd.log")" = 1 ] && grep -q '^exec: .*/odd\\x0aexec: forged$' "$work/odd.log"; then
    passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL exec_log_escaped: -D log lacks one escaped exec: line"; fi
check option_escaped 2 "" "^pvm: unknown option '--x\\\\x0apvm: y' \\(see pvm --help\\)\$" -- "$pvm" $'--x\npvm: y' "$probe"
one_line option_escaped
check cpu_env_escaped 2 "" "^pvm: unknown CPU model 'a\\\\x1b\\[31m' " -- env PVM_CPU=$'a\033[31m' "$pvm" "$probe" exit 0
one_line cpu_env_escaped

# -- a guest without its stderr: the report still reaches the user, once
msgs_fault='^pvm: guest SIGSEGV at address 0x7f0000002000 \(pc 0x[0-9a-f]+\)$'
check closed_stderr_fault 139 "" "$msgs_fault" -- "$pvm" "$msgprobe" close-fault
one_line closed_stderr_fault
check null_stderr_fault 139 "" "$msgs_fault" -- "$pvm" "$msgprobe" null-fault
one_line null_stderr_fault
check closed_stderr_undef 132 "" '^pvm: unimplemented A64 encoding 0x00000000 at pc 0x[0-9a-f]+$' -- \
    "$pvm" "$msgprobe" close-undef
one_line closed_stderr_undef
# stderr a terminal (script(1), util-linux's, gives pvm a pty): the copy is of the terminal
check closed_stderr_tty 139 "${msgs_fault%\$}" "" -- \
    script -qec "$(printf '%q ' "$pvm" "$msgprobe" close-fault)" /dev/null
# a forked child inherits the copy
check closed_stderr_child 0 '^child signal 11$' "$msgs_fault" -- "$pvm" "$msgprobe" child-fault
one_line closed_stderr_child
# -D: the report is in the log too
rm -f "$work/closed.log"
check closed_stderr_log 139 "" "$msgs_fault" -- "$pvm" -D "$work/closed.log" "$msgprobe" close-fault
if grep -Eq "$msgs_fault" "$work/closed.log"; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL closed_stderr_log: the -D log lacks the fault report"; fi
# -D and stderr a pipe (no copy kept): the log has it, the pipe ends empty
rm -f "$work/pipe.log"
# shellcheck disable=SC2016 # expanded by the inner bash
check closed_stderr_pipe_log 0 "" "" -- bash -c '"$1" -D "$2" "$3" close-fault 2>&1 | cat' - \
    "$pvm" "$work/pipe.log" "$msgprobe"
if grep -Eq "$msgs_fault" "$work/pipe.log" && [ ! -s "$work/closed_stderr_pipe_log.out" ]; then
    passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL closed_stderr_pipe_log: the -D log lacks the report, or the pipe got output"; fi
# the log and stderr are one file: one line
check log_is_stderr 139 "" "$msgs_fault" -- "$pvm" -D "$work/log_is_stderr.err" "$probe" fault-load
one_line log_is_stderr
# a -D log that fopen put on fd 2 (pvm started without stderr) is hidden too
check log_off_fd2 0 '^fd 2 closed$' "" -- bash -c 'exec "$@" 2>&-' - "$pvm" -D "$work/fd2.log" "$msgprobe" fd2

# -- no copy of a pipe: a daemonising child does not hold `pvm ... 2>&1 | cat`
msgs_t0=$(date +%s%N)
msgs_out=$("$pvm" "$msgprobe" daemon 2>&1 | cat)
msgs_ms=$((($(date +%s%N) - msgs_t0) / 1000000))
if [ "$msgs_out" = "parent done" ] && [ "$msgs_ms" -lt 2000 ]; then passed=$((passed + 1)); else
    failed=$((failed + 1)); echo "FAIL daemon_pipe: '$msgs_out' after ${msgs_ms} ms (want 'parent done' in < 2000 ms)"; fi

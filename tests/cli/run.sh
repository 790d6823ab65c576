#!/usr/bin/env bash
# Command-line and confinement suite: pvm's exit statuses and one-line
# errors for bad input, guest faults and signals, wild guest pointers given
# to system calls, pvm's hidden descriptors, /proc/self/mem, -E/-U/-0,
# --strace and -d in_asm/exec with -D, and that rewritten or remapped code
# is re-decoded. Each case states the exact status
# and the text expected on stdout/stderr.
# usage: run.sh PVM PROBE WORKDIR [CPUPROBE]
set -u
# shellcheck disable=SC2034 # cpuprobe: for tests/cli/cases_options.sh
pvm=$1 probe=$2 work=$3 cpuprobe=${4:-$(dirname "$2")/cpuprobe}
rm -rf "$work" && mkdir -p "$work"
passed=0 failed=0
# guests that die of a fault must not leave cores in the checkout; the core
# cases raise the soft limit themselves (the hard one stays)
ulimit -S -c 0

# check NAME STATUS STDOUT-REGEX STDERR-REGEX -- COMMAND...
check() {
    local name=$1 want=$2 out_re=$3 err_re=$4
    shift 5
    { "$@" > "$work/$name.out" 2> "$work/$name.err" < /dev/null; } 2> /dev/null
    local st=$? why=""
    [ "$st" = "$want" ] || why="status $st, want $want"
    if [ -n "$out_re" ] && ! grep -Eq -- "$out_re" "$work/$name.out"; then why="$why; stdout lacks /$out_re/"; fi
    if [ -n "$err_re" ] && ! grep -Eq -- "$err_re" "$work/$name.err"; then why="$why; stderr lacks /$err_re/"; fi
    if [ -z "$why" ]; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL $name: ${why#; }"
        head -c 400 "$work/$name.out" | sed 's/^/    out: /'
        head -c 400 "$work/$name.err" | sed 's/^/    err: /'
    fi
}
# the error output is exactly one line
one_line() {
    local name=$1
    if [ "$(wc -l < "$work/$name.err")" -eq 1 ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL $name: stderr is not one line"; fi
}

# -- usage and load failures
check usage_none 2 "" '^pvm: no PROGRAM given' -- "$pvm"
check usage_option 2 "" "^pvm: unknown option '--bogus'" -- "$pvm" --bogus "$probe"
check help 0 '^usage: pvm' "" -- "$pvm" --help
check version 0 '^pvm ' "" -- "$pvm" --version
check missing 127 "" "^pvm: $work/nope: " -- "$pvm" "$work/nope"
one_line missing
check directory 126 "" "^pvm: $work: " -- "$pvm" "$work"
printf 'hello\n' > "$work/text"; chmod +x "$work/text"
check not_elf 126 "" "^pvm: $work/text: " -- "$pvm" "$work/text"
one_line not_elf
cp "$probe" "$work/noexec"; chmod -x "$work/noexec"
check no_exec 126 "" "^pvm: $work/noexec: " -- "$pvm" "$work/noexec"
check host_elf 126 "" "^pvm: /bin/true: " -- "$pvm" /bin/true
head -c 100 "$probe" > "$work/truncated"; chmod +x "$work/truncated"
check truncated 126 "" "^pvm: $work/truncated: " -- "$pvm" "$work/truncated"

# -- exit status and signals as natively
check exit_status 42 "" "" -- "$pvm" "$probe" exit 42
check kill_self 143 "" "" -- "$pvm" "$probe" kill-self
# regression: a SIGSEGV/SIGBUS the guest sends itself is no fault (was "internal error")
check kill_self_segv 139 "" "" -- "$pvm" "$probe" kill-self-segv
check kill_self_segv_silent 0 "" "" -- test ! -s "$work/kill_self_segv.err"
check tkill_self_bus 135 "" "" -- "$pvm" "$probe" tkill-self-bus
check tkill_self_bus_silent 0 "" "" -- test ! -s "$work/tkill_self_bus.err"
check clone_exit_segv 139 "" "" -- timeout 10 "$pvm" "$probe" clone-exit-segv
check clone_exit_segv_silent 0 "" "" -- test ! -s "$work/clone_exit_segv.err"
# regression: chmod/utimensat of /proc/self/exe changed pvm's own binary
cp "$probe" "$work/probe-exe"
pvm_mode=$(stat -L -c %a "$pvm") pvm_mtime=$(stat -L -c %Y "$pvm")
check chmod_exe 0 '^mode 751 mtime 1000000000$' "" -- "$pvm" "$work/probe-exe" chmod-exe 0751
check chmod_exe_program 0 "" "" -- test "$(stat -c %a "$work/probe-exe")" = 751
check chmod_exe_not_pvm 0 "" "" -- test "$(stat -L -c %a.%Y "$pvm")" = "$pvm_mode.$pvm_mtime"
check fault_wild 139 "" '^pvm: guest SIGSEGV at address 0x7f0000002000 \(pc 0x[0-9a-f]+\)$' -- "$pvm" "$probe" fault-load
one_line fault_wild
check fault_null 139 "" '^pvm: guest SIGSEGV at address 0x10 \(pc 0x[0-9a-f]+\)$' -- "$pvm" "$probe" fault-null

# -- confinement at the syscall boundary and pvm's own resources
check wild_pointers 0 'read into a wild pointer: -1 EFAULT' "" -- "$pvm" "$probe" wild-read
check wild_pointers_write 0 'write from a wild pointer: -1 EFAULT' "" -- "$pvm" "$probe" wild-read
check wild_pointers_getcwd 0 'getcwd into a wild pointer: -1 EFAULT' "" -- "$pvm" "$probe" wild-read
check jit_invalidate 0 '^rewritten: 1 2 3; remapped: 7$' "" -- "$pvm" "$probe" jit
check proc_mem 0 'open /proc/self/mem: EACCES' "" -- "$pvm" "$probe" proc-mem
check hidden_fds 0 'descriptors visible after close_range\(3, ~0\): 3$' "" -- "$pvm" -D "$work/log" -d exec "$probe" fds
check sigpipe_ignored 0 'closed pipe with SIGPIPE ignored: -1 EPIPE' "" -- "$pvm" "$probe" sigpipe

# -- options and their PVM_* variables
check env_set 0 '^PVM_T=1$' "" -- "$pvm" -E PVM_T=1 "$probe" env PVM_T
check env_set_var 0 '^PVM_T=2$' "" -- env PVM_SET_ENV=PVM_T=2 "$pvm" "$probe" env PVM_T
check env_unset 0 '^HOME unset$' "" -- env HOME=/x "$pvm" -U HOME "$probe" env HOME
check argv0 0 '^argv0=renamed$' "" -- "$pvm" -0 renamed "$probe" argv0
check strace 0 "" '^exit_group\(0\)' -- "$pvm" --strace "$probe" exit 0
check strace_env 0 "" '^exit_group\(0\)' -- env PVM_STRACE=1 "$pvm" "$probe" exit 0
rm -f "$work/d.log"
check debug_log 0 "" "" -- "$pvm" -d in_asm,exec -D "$work/d.log" "$probe" exit 0
if grep -q '^exec: ' "$work/d.log" && grep -q '^IN: 0x' "$work/d.log" && grep -q '^Trace: 0x' "$work/d.log"; then
    passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL debug_log: -D log lacks exec/IN/Trace lines"; fi
# -d exec ends with per-form counts: a total line, then "COUNT NAME" lines (SVC ran at least once)
if grep -Eq '^exec-stats: [0-9]+ instructions, [0-9]+ forms$' "$work/d.log" && grep -Eq '^exec-stats: [1-9][0-9]* SVC$' "$work/d.log"; then
    passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL exec_stats: -D log lacks exec-stats lines"; fi

# more cases, one file per area (they use check/one_line and $pvm $probe $work)
here=$(cd "$(dirname "$0")" && pwd)
for f in "$here"/cases_*.sh; do
    [ -e "$f" ] || continue
    # shellcheck disable=SC1090
    . "$f"
done

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

# --check-jit cases of the command-line suite, sourced by tests/cli/run.sh
# (uses its check, $pvm $probe $work):
#   checkjit_clean     a guest under --check-jit (every block translated before
#                      its first run) ends as it would, with nothing on stderr
#   checkjit_counts    -d jit says how many translated runs were checked
#   checkjit_selftest  PVM_CHECK_JIT_SELFTEST=1 corrupts x0 after one checked
#                      run: the checker reports the difference (a report of
#                      the entry state and both results, then the block's
#                      instructions) and pvm ends with status 70
#   checkjit_env       PVM_CHECK_JIT=1 is --check-jit
#   checkjit_nojit     with the interpreter only there is nothing to check
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh

check checkjit_clean 42 "" "" -- "$pvm" --check-jit --jit-threshold 0 "$probe" exit 42
check checkjit_clean_silent 0 "" "" -- test ! -s "$work/checkjit_clean.err"
check checkjit_counts 42 "" '^jit: check: [1-9][0-9]* translated runs checked against the interpreter' -- \
    "$pvm" --check-jit --jit-threshold 0 -d jit "$probe" exit 42
check checkjit_selftest 70 "" '^pvm: check-jit: block 0x[0-9a-f]+ \([0-9]+ instructions, thread [0-9]+\): the translation and the interpreter differ in x0$' -- \
    env PVM_CHECK_JIT_SELFTEST=1 "$pvm" --check-jit --jit-threshold 0 "$probe" exit 0
check checkjit_selftest_row 0 "" "" -- grep -Eq '^pvm: check-jit: \* x0 +0x[0-9a-f]{16} 0x[0-9a-f]{16} 0x[0-9a-f]{16}$' "$work/checkjit_selftest.err"
check checkjit_selftest_insns 0 "" "" -- grep -Eq '^pvm: check-jit:   0x[0-9a-f]+  [a-z]' "$work/checkjit_selftest.err"
check checkjit_env 70 "" '^pvm: check-jit: block ' -- \
    env PVM_CHECK_JIT=1 PVM_CHECK_JIT_SELFTEST=1 "$pvm" --jit-threshold 0 "$probe" exit 0
check checkjit_nojit 0 "" "" -- env PVM_CHECK_JIT_SELFTEST=1 "$pvm" --check-jit --no-jit "$probe" exit 0

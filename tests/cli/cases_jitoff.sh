# --jit-off cases of the command-line suite, sourced by tests/cli/run.sh
# (uses its check, one_line, $pvm $probe $work):
#   jitoff_help   --jit-off help lists the speed-ups it can turn off
#   jitoff_bad    an unknown name is a one-line usage error, status 2
#   jitoff_NAME   with each speed-up off, a guest translated before its first
#                 run ends as it would, its every block checked against the
#                 interpreter (--check-jit) and nothing on stderr
#   jitoff_env    PVM_JIT_OFF is --jit-off, a list of several
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh

check jitoff_help 0 '^  regcache ' "" -- "$pvm" --jit-off help
check jitoff_bad 2 "" "^pvm: unknown --jit-off name 'bogus'" -- "$pvm" --jit-off bogus "$probe" exit 0
one_line jitoff_bad
for n in regcache flags fp chain superblock loop pin ras confine hugepages; do
    check "jitoff_$n" 42 "" "" -- "$pvm" --jit-off "$n" --check-jit --jit-threshold 0 "$probe" exit 42
    check "jitoff_${n}_silent" 0 "" "" -- test ! -s "$work/jitoff_$n.err"
done
check jitoff_env 42 "" "" -- env PVM_JIT_OFF=regcache,flags,fp,chain "$pvm" --check-jit --jit-threshold 0 "$probe" exit 42

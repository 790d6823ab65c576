# --strace cases, sourced by tests/cli/run.sh (uses check, $pvm $probe $work).
# The guest is straceprobe, built next to probe (tests/cli/module.mk).
#  strace_golden   the log of `straceprobe golden` from its first own call on,
#                  pids, addresses, fds and the caller's uid normalised, lines grouped by process
#                  (pre-fork, parent, child: the order between processes varies),
#                  equals tests/cli/strace.golden; the diff is shown otherwise
#  strace_block    a read that blocks is logged at entry (<unfinished ...>)
#                  before the child's write and before its <... read resumed>
#  strace_exec     a child pvm exec'd after a fork keeps the [pid N] prefix, and
#                  the variable that tells it so never reaches the guest
sprobe=$(dirname "$probe")/straceprobe
sgolden=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/strace.golden

# pass/fail helper for the checks on the log itself
strace_verdict() {
    local name=$1 why=$2
    if [ -z "$why" ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL $name: $why"; fi
}

# -- golden log
# the pids are replaced by name in the log, so a pid that is also a number
# of the golden log (8192, a size) would be replaced there too: run again
for _ in 1 2 3 4 5; do
    rm -f "$work/strace_golden.log"
    "$pvm" --strace -D "$work/strace_golden.log" "$sprobe" golden > "$work/strace_golden.run" 2> "$work/strace_golden.run.err" < /dev/null
    sgrc=$?
    sp=$(sed -n 's/^p pid=0*//p' "$work/strace_golden.run")
    sc=$(sed -n 's/^p child=0*//p' "$work/strace_golden.run")
    grep -Eqw "0*(${sp:-x}|${sc:-x})" "$sgolden" || break
done
check strace_golden_run 0 '^p child=[0-9]+$' "" -- sh -c 'cat "$1"; exit "$2"' sh "$work/strace_golden.run" "$sgrc"
scp=$(sed -n 's/^c pid=0*//p' "$work/strace_golden_run.out")
sct=$(sed -n 's/^c tid=0*//p' "$work/strace_golden_run.out")
why=""
[ -n "$sp" ] && [ -n "$sc" ] && [ "$sc" = "$scp" ] && [ "$sc" = "$sct" ] ||
    why="child pid/tid: parent saw '$sc', child getpid '$scp', gettid '$sct'"
if [ -z "$why" ]; then
    sed -n '/^write(1, "straceprobe golden\\n"/,$p' "$work/strace_golden.log" |
        sed -E "s/\\b0*$sp\\b/PARENT/g; s/\\b0*$sc\\b/CHILD/g; s/0x[0-9a-f]{5,}/ADDR/g; s/si_uid=$(id -u)\\b/si_uid=UID/g" > "$work/strace_golden.norm"
    { grep -v '^\[pid ' "$work/strace_golden.norm"
      grep '^\[pid PARENT\] ' "$work/strace_golden.norm"
      grep '^\[pid CHILD\] ' "$work/strace_golden.norm"; } > "$work/strace_golden.got"
    if ! diff -u "$sgolden" "$work/strace_golden.got" > "$work/strace_golden.diff"; then
        why="log differs from tests/cli/strace.golden (got $work/strace_golden.got)"
        sed 's/^/    /' "$work/strace_golden.diff" | head -60
    elif [ "$(wc -l < "$work/strace_golden.norm")" != "$(wc -l < "$work/strace_golden.got")" ]; then
        why="lines of an unexpected process in the log"
    fi
fi
strace_verdict strace_golden "$why"

# -- a blocking read: entry line, then the child's write, then the resumed line
rm -f "$work/strace_block.log"
check strace_block_run 0 '^parent pid=[0-9]+ child=[0-9]+ read=1$' "" -- "$pvm" --strace -D "$work/strace_block.log" "$sprobe" block
bp=$(sed -n 's/^parent pid=\([0-9]*\) .*/\1/p' "$work/strace_block_run.out")
bc=$(sed -n 's/.* child=\([0-9]*\) .*/\1/p' "$work/strace_block_run.out")
l_read=$(grep -n "^\\[pid $bp\\] read(3,  <unfinished \\.\\.\\.>\$" "$work/strace_block.log" | head -1 | cut -d: -f1)
l_write=$(grep -n "^\\[pid $bc\\] write(4, \"x\", 1 <unfinished \\.\\.\\.>\$" "$work/strace_block.log" | head -1 | cut -d: -f1)
l_resumed=$(grep -n "^\\[pid $bp\\] <\\.\\.\\. read resumed>\"x\", 16) = 1\$" "$work/strace_block.log" | head -1 | cut -d: -f1)
why=""
if [ -z "$l_read" ] || [ -z "$l_write" ] || [ -z "$l_resumed" ]; then
    why="missing line (read $l_read, child write $l_write, resumed $l_resumed)"
elif ! [ "$l_read" -lt "$l_write" ] || ! [ "$l_write" -lt "$l_resumed" ]; then
    why="order: read at $l_read, child write at $l_write, resumed at $l_resumed"
fi
strace_verdict strace_block "$why"

# -- exec after fork: the child's pvm keeps prefixing; the guest never sees why
rm -f "$work/strace_exec.log"
check strace_exec_run 0 'PVM_STRACE_PIDS=\(unset\)$' "" -- "$pvm" --strace -D "$work/strace_exec.log" "$sprobe" exec "$sprobe"
ep=$(sed -n 's/^parent pid=\([0-9]*\) .*/\1/p' "$work/strace_exec_run.out")
ec=$(sed -n 's/^env pid=\([0-9]*\) tid=\([0-9]*\) .*/\1/p' "$work/strace_exec_run.out")
why=""
if ! grep -q "^\\[pid $ec\\] execve(\"$sprobe\", " "$work/strace_exec.log"; then
    why="no [pid $ec] execve line"
elif ! grep -q "^\\[pid $ec\\] getpid() = $ec\$" "$work/strace_exec.log"; then
    why="the exec'd pvm's lines lack [pid $ec]"
elif sed -n '/^clone(/,$p' "$work/strace_exec.log" | sed 1d | grep -Ev "^\\[pid ($ep|$ec)\\] " | grep -q .; then
    why="a line after the fork without the pid prefix"
fi
strace_verdict strace_exec "$why"

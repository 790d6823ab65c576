# Run by Debian's arm64 busybox sh under pvm in a root without /proc
# (tests/chroot/run.sh): every command but the builtins is an AArch64
# program pvm re-executes itself for. Output: tests/chroot/script.expected.
# No background job (`&`): busybox sh gives one /dev/null as its stdin, and
# the chroot has no /dev (rootprobe kills a child instead).
#   sh script.sh BIN TMP PROBE
# BIN: busybox applet links; TMP: a writable directory; PROBE: rootprobe.
B=$1 T=$2 P=$3
echo "script: $("$B/echo" started)"
"$B/echo" "exec: echo"
"$B/sh" -c "\"$B/echo\" 'exec: nested sh'"
echo one two three > "$T/words"
n=$("$B/cat" "$T/words" | "$B/wc" -w)
echo "pipeline: $n"
"$P" all "$B/sleep"
"$B/sh" -c 'kill -TERM $$'
echo "killed itself: $?"
trap 'echo "trap: USR1"' USR1
kill -USR1 $$
"$B/ls" /proc/self/exe 2> "$T/ls.err"
echo "ls /proc/self/exe: $?"
exec "$B/echo" "script: end"

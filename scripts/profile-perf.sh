#!/bin/sh
# profile-perf.sh: a system-wide `perf record -e cpu-clock -a` (as the chroot
# test's CHROOT_PROFILE hook makes, tests/debian-chroot/profile.sh) broken
# down into pvm's areas. A sample is pvm's when it is in PVM-BINARY (its full
# path, as perf records it), or when it is in the kernel or another object
# (the vdso) and the same host pid's latest user-space sample before it was
# in PVM-BINARY (samples come in time order; pids are reused on a busy
# machine, so "the pid ran pvm once" would not do). A process's kernel
# samples before its first user-space one (the fork, the exec) are missed.
# Everything else (other users of the machine, perf) is "elsewhere". pvm's symbols are
# assigned to areas by the object file that defines them in BUILD-DIR (the
# build PVM-BINARY was linked from):
#   decoder          interp/decode*.o (the decode tables)
#   block cache      interp/block.o (lookup, insertion, the decode driver)
#   interpreter      interp/*.o otherwise (dispatch, exec_* routines, FP, SIMD)
#   profiling        engine/stats.o and the block histogram: -d profile's own cost
#   run loop         engine/*.o
#   system calls     syscalls/*.o
#   signals          signals/*.o
#   guest memory     core/mem.o
#   pvm core         core/*.o, loader/*.o otherwise
#   libc, no object  anything else in PVM-BINARY (memcpy, malloc, ... of the static
#                    libc; all of a stripped binary such as qemu-aarch64-static)
#   kernel           [kernel.kallsyms] in those pids
#   other DSO        anything else in those pids (the vdso; given qemu-aarch64
#                    as PVM-BINARY, its generated code: "[JIT] generated code")
# Prints the areas' shares, then the top symbols of pvm and of the kernel.
#
# usage: scripts/profile-perf.sh PERF.DATA PVM-BINARY BUILD-DIR [TOP]
set -eu
if [ $# -lt 3 ]; then
    echo "usage: $0 PERF.DATA PVM-BINARY BUILD-DIR [TOP]" >&2
    exit 2
fi
data=$1 bin=$(realpath "$2") build=$3 top=${4:-25}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# symbol -> area, from the objects
for d in interp engine syscalls signals core loader translator; do
    for o in "$build/$d"/*.o; do
        [ -e "$o" ] || continue
        f=${o##*/}
        case $d/$f in
            interp/decode*) a=decoder ;;
            interp/block.o) a="block cache" ;;
            interp/*) a=interpreter ;;
            engine/stats.o) a=profiling ;;
            engine/*) a="run loop" ;;
            syscalls/*) a="system calls" ;;
            signals/*) a=signals ;;
            core/mem.o) a="guest memory" ;;
            translator/*) a=translator ;;
            *) a="pvm core" ;;
        esac
        nm --defined-only "$o" 2> /dev/null | awk -v a="$a" '$2 ~ /^[tTwW]$/ { s = $3; sub(/\..*/, "", s)
            if (s == "block_cache_histogram" || s == "hist_add" || s == "block_cache_profile_reset") print s "\tprofiling"
            else print s "\t" a }'
    done
done > "$tmp/areas"

perf script -i "$data" -F pid,ip,sym,dso -G 2> /dev/null |
    awk -v bin="($bin)" -v tmp="$tmp" -v top="$top" '
BEGIN {
    FS = "\t"
    while ((getline l < (tmp "/areas")) > 0) { split(l, p, "\t"); area[p[1]] = p[2] }
    FS = " "
}
{
    # PID IP SYM... (DSO): the symbol and the dso ("[JIT] tid N": anonymous
    # executable memory: the generated code of qemu) may hold spaces
    pid = $1
    line = $0
    sub(/^ *[0-9]+ +[0-9a-f]+ */, "", line)
    dso = line; sub(/.*\(/, "(", dso)
    sym = line; sub(/ *\([^(]*$/, "", sym)
    if (sym == "") sym = "[unknown]"
    # anonymous executable memory (the code buffer of qemu): perf names it after
    # the perf map it looked for
    if (dso ~ /^\(\[JIT\] tid / || dso ~ /^\(\/tmp\/perf-[0-9]+\.map\)$/) dso = "([JIT] generated code)"
    total++
    if (dso == "([kernel.kallsyms])") {
        if (last[pid] == bin) { K[sym]++; areas["kernel"]++; mine++ }
        next
    }
    if (dso != "([vdso])" && dso != "([unknown])" && dso != "([JIT] generated code)") last[pid] = dso
    if (dso == bin) {
        ours[pid] = 1
        s = sym; sub(/\..*/, "", s)   # foo.isra.0, foo.part.1, foo.cold
        a = (s in area) ? area[s] : "libc, no object"
        areas[a]++; S[sym]++; mine++
    } else if (last[pid] == bin) {
        areas["other " dso]++; mine++   # the vdso; for qemu its generated code
    }
}
END {
    for (pid in ours) np++
    printf "samples: %d in all, %d of PVM-BINARY (%.1f%%, %d host pids), %d elsewhere (other users of the machine, perf)\n",
        total, mine, total ? 100 * mine / total : 0, np, total - mine
    print mine > (tmp "/mine")
    for (a in areas) printf "%d\t%s\t%s\n", areas[a], a, "" > (tmp "/areas.out")
    for (s in S) { x = s; sub(/\..*/, "", x); printf "%d\t%s\t%s\n", S[s], s, (x in area) ? area[x] : "libc, no object" > (tmp "/syms") }
    for (s in K) printf "%d\t%s\t%s\n", K[s], s, "" > (tmp "/ksyms")
}'

# table FILE: "COUNT<TAB>NAME<TAB>NOTE" rows, largest first, as shares of pvm's samples
table() {
    sort -nr "$1" | head -n "$2" | awk -F '\t' -v m="$(cat "$tmp/mine")" \
        '{ printf "%9d %6.2f%%  %-40s %s\n", $1, m ? 100 * $1 / m : 0, $2, $3 }'
}
echo
echo "areas (share of the samples of PVM-BINARY processes)"
table "$tmp/areas.out" 20
echo
echo "top pvm symbols"
table "$tmp/syms" "$top"
echo
echo "top kernel symbols in pvm processes"
table "$tmp/ksyms" "$top"

# -d profile / -d exec: one exec-profile: line per process image
# (engine/stats.h, docs/design.md "Execution statistics"), sourced by
# tests/cli/run.sh (check, passed, failed, $pvm, $probe, $work). profprobe
# (tests/cli/profprobe.c) is the guest.
#
# profile_lines: `profprobe run` (a hot loop, a thread, a fork child, a vfork
#   child that execs profprobe again) leaves exactly four lines in the -D log,
#   every one in the documented format, one per image: exec/exit_group,
#   fork/exit_group (ppid the first's pid), vfork/execve and reexec/exit_group
#   (one pid, the vfork child's).
# profile_counts: the first image's line has decoded blocks, system calls,
#   a 1000+ class in the histogram, and its classes' instructions add up to
#   its instruction count; the fork child's histogram holds only its own runs
#   (no 1000+ class: the hot loop was its parent's); a vfork child has no
#   histogram ("-").
# profile_quiet: -d profile writes nothing else (no Trace:, no exec-stats:);
#   without -d nothing at all.
# profile_exec: -d exec writes the line too, beside its exec-stats: lines.
# profile_signal: an image killed by a signal pvm delivers (SIGSEGV, always
#   caught) ends with end=signal. (A signal with the host's default action,
#   SIGTERM here, kills pvm without one: docs/design.md.)
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh
profprobe=$(dirname "$probe")/profprobe
prof_re='^exec-profile: pid=[0-9]+ ppid=[0-9]+ start=(exec|reexec|fork|vfork|after-execve) end=(exit|exit_group|signal|execve) t0_us=[0-9]+ wall_us=[0-9]+ startup_us=[0-9]+ decode_us=[0-9]+ decoded=[0-9]+ decoded_bytes=[0-9]+ sys_us=[0-9]+ syscalls=[0-9]+ interp_us=[0-9]+ threads_us=[0-9]+ utime_us=[0-9]+ stime_us=[0-9]+ maxrss_kb=[0-9]+ insns=[0-9]+ execs=[0-9]+ jit_insns=[0-9]+ jit_execs=[0-9]+ jit_run_us=[0-9]+ interp_run_us=[0-9]+ translated=[0-9]+ translate_us=[0-9]+ code_bytes=(-|[0-9]+) links=(-|[0-9]+) flushes=(-|[0-9]+) hist=(-|[0-9]+(,[0-9]+){4}) hist_insns=(-|[0-9]+(,[0-9]+){4}) exe=[^ ]+ argv0=[^ ]+$'

prof_ok() { passed=$((passed + 1)); }
prof_fail() { failed=$((failed + 1)); echo "FAIL $1: $2"; sed 's/^/    log: /' "$3" | head -n 8; }
# prof_field LINE KEY: the value of KEY= in LINE
prof_field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< "$1"; }

rm -f "$work/prof.log"
check profile_run 0 '^done$' "" -- "$pvm" -d profile -D "$work/prof.log" "$profprobe" run "$profprobe"
prof_lines() {
    local log=$work/prof.log n bad main fork vf re
    n=$(grep -c '^exec-profile: ' "$log")
    bad=$(grep '^exec-profile: ' "$log" | grep -Evc "$prof_re")
    [ "$n" = 4 ] || { echo "$n exec-profile lines, want 4"; return 1; }
    [ "$bad" = 0 ] || { echo "$bad lines not in the format"; return 1; }
    main=$(grep ' start=exec end=exit_group ' "$log")
    fork=$(grep ' start=fork end=exit_group ' "$log")
    vf=$(grep ' start=vfork end=execve ' "$log")
    re=$(grep ' start=reexec end=exit_group ' "$log")
    if [ -z "$main" ] || [ -z "$fork" ] || [ -z "$vf" ] || [ -z "$re" ]; then
        echo "missing one of exec, fork, vfork, reexec"
        return 1
    fi
    [ "$(prof_field "$fork" ppid)" = "$(prof_field "$main" pid)" ] ||
        { echo "the fork child's ppid is not the first image's pid"; return 1; }
    [ "$(prof_field "$vf" pid)" = "$(prof_field "$re" pid)" ] ||
        { echo "the vfork child and its exec'd image differ in pid"; return 1; }
    [ "$(prof_field "$re" argv0)" = "$profprobe" ] || { echo "argv0 of the exec'd image"; return 1; }
    return 0
}
if why=$(prof_lines); then prof_ok; else prof_fail profile_lines "$why" "$work/prof.log"; fi

prof_counts() {
    local log=$work/prof.log main h hi sum k
    main=$(grep ' start=exec end=exit_group ' "$log")
    [ "$(prof_field "$main" decoded)" -gt 0 ] || { echo "no decoded blocks"; return 1; }
    [ "$(prof_field "$main" syscalls)" -gt 0 ] || { echo "no system calls"; return 1; }
    h=$(prof_field "$main" hist)
    [ "${h##*,}" -gt 0 ] || { echo "no block ran 1000+ times: hist=$h"; return 1; }
    hi=$(prof_field "$main" hist_insns)
    sum=0
    for k in ${hi//,/ }; do sum=$((sum + k)); done
    [ "$sum" = "$(prof_field "$main" insns)" ] || { echo "hist_insns adds up to $sum, not insns"; return 1; }
    h=$(prof_field "$(grep ' start=fork ' "$log")" hist)
    [ "${h##*,}" = 0 ] || { echo "the fork child counts its parent's hot loop: hist=$h"; return 1; }
    grep -q ' start=vfork .* hist=- hist_insns=- ' "$log" || { echo "a vfork child with a histogram"; return 1; }
    return 0
}
if why=$(prof_counts); then prof_ok; else prof_fail profile_counts "$why" "$work/prof.log"; fi

if [ "$(grep -vc '^exec-profile: ' "$work/prof.log")" = 0 ]; then prof_ok; else
    prof_fail profile_quiet "-d profile wrote other lines" "$work/prof.log"; fi
rm -f "$work/prof_off.log"
check profile_off 0 '^done$' "" -- "$pvm" -D "$work/prof_off.log" "$profprobe" run "$profprobe"
if [ ! -s "$work/prof_off.log" ]; then prof_ok; else
    prof_fail profile_off_quiet "a log without -d" "$work/prof_off.log"; fi

rm -f "$work/prof_exec.log"
check profile_exec 0 '^said$' "" -- "$pvm" -d exec -D "$work/prof_exec.log" "$profprobe" say said
if grep -Eq "$prof_re" "$work/prof_exec.log" && grep -Eq '^exec-stats: [0-9]+ instructions' "$work/prof_exec.log"; then
    prof_ok; else prof_fail profile_exec_line "-d exec: no exec-profile or exec-stats line" "$work/prof_exec.log"; fi

rm -f "$work/prof_sig.log"
check profile_signal 139 "" "" -- "$pvm" -d profile -D "$work/prof_sig.log" "$probe" kill-self-segv
if grep -Eq "$prof_re" "$work/prof_sig.log" && grep -q ' end=signal ' "$work/prof_sig.log"; then
    prof_ok; else prof_fail profile_signal_line "no end=signal line" "$work/prof_sig.log"; fi

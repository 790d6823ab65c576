# The translator's debug and profiling aids (translator/debug.c,
# engine/stats.c; docs/design.md "Debug aids"), sourced by tests/cli/run.sh
# (check, passed, failed, $pvm, $probe, $work). Every case asks for the
# translator on the command line (--jit yes --jit-threshold 0: every block
# translated before its first run), so a PVM_JIT=0 in the environment does
# not turn it off.
#
# jitdbg_out_asm: -d out_asm,jit writes one OUT: header per translation
#   (as many as -d jit's "jit: translated" lines), each followed by guest
#   lines with their host instructions and the exit stubs; the jit-summary:
#   line counts the same translations.
# jitdbg_no_jit: --no-jit translates nothing: no OUT: line, translated=0.
# jitdbg_tiers: profprobe's images under -d profile: translated code ran
#   (jit_insns > 0, at most insns), the translator's counts are there, the
#   vfork child's process-wide ones are "-"; under --no-jit every
#   instruction is interpreted (jit_insns=0).
# jitdbg_perfmap: --perfmap leaves /tmp/perf-PID.map for the first image
#   with one sane line per translation (hex address and size, guest:0xPC),
#   and for the fork child a file starting with its parent's lines; the
#   files of the run's pids are removed afterwards. PVM_PERFMAP=1 does the
#   same.
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh
jd_prof=$(dirname "$probe")/profprobe
jd_jit=(--jit yes --jit-threshold 0)

jd_ok() { passed=$((passed + 1)); }
jd_fail() { failed=$((failed + 1)); echo "FAIL $1: $2"; [ -z "${3:-}" ] || sed 's/^/    log: /' "$3" | head -n 8; }
jd_field() { sed -n "s/.* $2=\([^ ]*\).*/\1/p" <<< "$1"; }

rm -f "$work/jd_asm.log"
check jitdbg_out_asm_run 0 '^said$' "" -- "$pvm" "${jd_jit[@]}" -d out_asm,jit -D "$work/jd_asm.log" "$jd_prof" say said
jd_out_asm() {
    local log=$work/jd_asm.log n t s
    n=$(grep -c '^OUT: ' "$log")
    t=$(grep -c '^jit: translated 0x' "$log")
    [ "$n" -gt 0 ] || { echo "no OUT: line"; return 1; }
    [ "$n" = "$t" ] || { echo "$n OUT: lines, $t translations"; return 1; }
    [ "$(grep -Ec '^OUT: guest 0x[0-9a-f]{16} host 0x[0-9a-f]{16} size [1-9][0-9]* \([1-9][0-9]* insns, [1-9][0-9]* blocks, [0-9]+ exits\)$' "$log")" = "$n" ] ||
        { echo "an OUT: header not in the format"; return 1; }
    [ "$(grep -c '^  exit stubs:$' "$log")" = "$n" ] || { echo "exit stubs missing"; return 1; }
    grep -Eq '^  0x[0-9a-f]{16}:  [0-9a-f]{8}      svc #0$' "$log" || { echo "no guest svc line"; return 1; }
    # a call within rel32 reach of pvm's text, or through rax loaded first
    grep -Eq '^    0x[0-9a-f]{16}:  (call|movabs rax,) 0x[0-9a-f]+  ; the interpreter.s routine$' "$log" ||
        { echo "no host call of an interpreter routine"; return 1; }
    grep -Eq '^    0x[0-9a-f]{16}:  jmp 0x[0-9a-f]+  ; epilogue$' "$log" || { echo "no exit stub"; return 1; }
    s=$(grep '^jit-summary: ' "$log")
    [ "$(grep -c '^jit-summary: ' "$log")" = 1 ] || { echo "not one jit-summary: line"; return 1; }
    [ "$(jd_field "$s" translated)" = "$n" ] || { echo "jit-summary: translated is not $n"; return 1; }
    grep -Eq '^jit-summary: pid=[0-9]+ end=exit_group translated=[0-9]+ failed=[0-9]+ translate_us=[0-9]+ code_bytes=[0-9]+ links=[0-9]+ flushes=[0-9]+$' "$log" ||
        { echo "jit-summary: line not in the format"; return 1; }
    return 0
}
if why=$(jd_out_asm); then jd_ok; else jd_fail jitdbg_out_asm "$why" "$work/jd_asm.log"; fi

rm -f "$work/jd_nojit.log"
check jitdbg_no_jit_run 0 '^said$' "" -- "$pvm" --no-jit -d out_asm,jit -D "$work/jd_nojit.log" "$jd_prof" say said
if ! grep -q '^OUT: ' "$work/jd_nojit.log" && grep -q '^jit-summary: .* translated=0 ' "$work/jd_nojit.log"; then
    jd_ok; else jd_fail jitdbg_no_jit "--no-jit: OUT: lines or translations" "$work/jd_nojit.log"; fi

# one run for the tier counts and the perf maps
rm -f "$work/jd_prof.log"
check jitdbg_perfmap_run 0 '^done$' "" -- "$pvm" "${jd_jit[@]}" --perfmap -d profile -D "$work/jd_prof.log" "$jd_prof" run "$jd_prof"
jd_pids=$(sed -n 's/^exec-profile: pid=\([0-9]*\) .*/\1/p' "$work/jd_prof.log" | sort -u)
jd_tiers() {
    local log=$work/jd_prof.log main vf ji
    main=$(grep ' start=exec end=exit_group ' "$log")
    ji=$(jd_field "$main" jit_insns)
    [ -n "$ji" ] && [ "$ji" -gt 0 ] || { echo "no instruction ran translated"; return 1; }
    [ "$ji" -le "$(jd_field "$main" insns)" ] || { echo "jit_insns > insns"; return 1; }
    [ "$(jd_field "$main" jit_execs)" -le "$(jd_field "$main" execs)" ] || { echo "jit_execs > execs"; return 1; }
    [ "$(jd_field "$main" translated)" -gt 0 ] || { echo "translated=0"; return 1; }
    [ "$(jd_field "$main" code_bytes)" -gt 0 ] || { echo "code_bytes=0"; return 1; }
    vf=$(grep ' start=vfork ' "$log")
    grep -q ' code_bytes=- links=- flushes=- ' <<< "$vf" || { echo "a vfork child with the translator's counts"; return 1; }
    return 0
}
if why=$(jd_tiers); then jd_ok; else jd_fail jitdbg_tiers "$why" "$work/jd_prof.log"; fi

rm -f "$work/jd_interp.log"
check jitdbg_tiers_interp_run 0 '^said$' "" -- "$pvm" --no-jit -d profile -D "$work/jd_interp.log" "$jd_prof" say said
if grep -q ' jit_insns=0 jit_execs=0 jit_run_us=0 .* translated=0 ' "$work/jd_interp.log"; then
    jd_ok; else jd_fail jitdbg_tiers_interp "--no-jit: translated instructions" "$work/jd_interp.log"; fi

jd_perfmap() {
    local log=$work/jd_prof.log main fork mp fp n
    main=$(jd_field " $(grep ' start=exec end=exit_group ' "$log")" pid)
    fork=$(jd_field " $(grep ' start=fork ' "$log")" pid)
    mp=/tmp/perf-$main.map fp=/tmp/perf-$fork.map
    [ -s "$mp" ] || { echo "no $mp"; return 1; }
    n=$(wc -l < "$mp")
    [ "$(grep -Ec '^[0-9a-f]+ [0-9a-f]+ guest:0x[0-9a-f]+$' "$mp")" = "$n" ] || { echo "$mp: a line not in the format"; return 1; }
    [ "$n" = "$(jd_field "$(grep ' start=exec end=exit_group ' "$log")" translated)" ] ||
        { echo "$mp: $n lines, not one per translation"; return 1; }
    [ "$(cut -d' ' -f1 "$mp" | sort -u | wc -l)" = "$n" ] || { echo "$mp: an address twice"; return 1; }
    # the fork child ran translated code of its own (threshold 0): its map
    # starts with its parent's lines up to the fork
    [ -s "$fp" ] || { echo "no $fp"; return 1; }
    [ "$(head -n 1 "$fp")" = "$(head -n 1 "$mp")" ] || { echo "$fp does not start with the parent's lines"; return 1; }
    return 0
}
if why=$(jd_perfmap); then jd_ok; else jd_fail jitdbg_perfmap "$why" "$work/jd_prof.log"; fi
for p in $jd_pids; do rm -f "/tmp/perf-$p.map"; done

rm -f "$work/jd_env.log"
check jitdbg_perfmap_env_run 0 '^said$' "" -- env PVM_PERFMAP=1 "$pvm" "${jd_jit[@]}" -d profile -D "$work/jd_env.log" "$jd_prof" say said
jd_p=$(sed -n 's/^exec-profile: pid=\([0-9]*\) .*/\1/p' "$work/jd_env.log")
if [ -n "$jd_p" ] && grep -Eq '^[0-9a-f]+ [0-9a-f]+ guest:0x[0-9a-f]+$' "/tmp/perf-$jd_p.map"; then
    jd_ok; else jd_fail jitdbg_perfmap_env "PVM_PERFMAP=1: no /tmp/perf-$jd_p.map" "$work/jd_env.log"; fi
[ -z "$jd_p" ] || rm -f "/tmp/perf-$jd_p.map"

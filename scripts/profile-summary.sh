#!/bin/sh
# profile-summary.sh: a summary of the exec-profile: lines that pvm's
# `-d profile` (or `-d exec`) writes to its log, one per process image
# (docs/design.md "Execution statistics" lists the fields). Reads LOG files
# (or stdin), other lines ignored, and prints:
#   - processes: lines, distinct pids, how each started and ended;
#   - lifetimes: how many process images lived how long, their share of the
#     summed wall and CPU time;
#   - the top programs (by exe's file name) by summed CPU time and by count;
#   - the time split: pvm start-up, decoding, translation, guest system
#     calls, the rest (running guest code), summed over the images' threads,
#     beside user and system CPU time from getrusage, and the exec gaps (an
#     image's execve to the next image's main(): the kernel's exec and pvm's
#     own start);
#   - the tiers: instructions and time in translated code and in the
#     interpreter, and what the translator made (translations, code bytes,
#     links, flushes); logs of a pvm before the translator have none of
#     these fields and show zeros;
#   - the block histogram summed over the images: distinct blocks by how often
#     they ran, and the instructions each class executed;
#   - promotion thresholds: for a translator that promotes a block after T
#     runs (T = 2, 10, 100, 1000), the blocks translated, the instructions
#     that would run translated, and how many that is per translation;
#   - repeated decoding: per program, the blocks decoded by all its runs
#     against the most one run decoded (a lower bound of what a code cache
#     shared between processes would still decode), and the decode time that
#     sharing could save at best; the same for the blocks run 100+ times (what
#     a translator with that threshold would translate in each process).
# Times in the log are µs; printed as s or ms. Plain POSIX sh and awk (mawk).
#
# usage: scripts/profile-summary.sh [-n TOP] [LOG...]
set -eu
top=15
if [ "${1:-}" = -n ]; then
    top=$2
    shift 2
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one record per line: the fields as "key value" pairs, tab-separated
# columns in a fixed order for the passes below
grep -h '^exec-profile: ' "$@" | sed 's/^exec-profile: //' > "$tmp/lines" || true
n=$(wc -l < "$tmp/lines")
if [ "$n" = 0 ]; then
    echo "profile-summary: no exec-profile: lines" >&2
    exit 1
fi

# lifetime quantiles
quant=$(sed -n 's/.* wall_us=\([0-9]*\) .*/\1/p' "$tmp/lines" | sort -n | awk '{ v[NR] = $1 } END {
    printf "lifetime quantiles: median %.1f ms, 90%% %.1f ms, 99%% %.1f ms, max %.1f s",
        v[int(NR * 0.5) + 1] / 1e3, v[int(NR * 0.9) + 1] / 1e3, v[int(NR * 0.99) + 1] / 1e3, v[NR] / 1e6 }')

awk -v top="$top" -v tmp="$tmp" -v quant="$quant" '
function num(k) { return (k in f) ? f[k] + 0 : 0 }
function base(p,   q) { q = p; sub(/.*\//, "", q); return q == "" ? "-" : q }
function sec(us) { return sprintf("%.1f s", us / 1e6) }
function ms(us) { return sprintf("%.2f ms", us / 1e3) }
function pct(a, b) { return b > 0 ? sprintf("%5.1f%%", 100 * a / b) : "    -" }
{
    delete f
    for (i = 1; i <= NF; i++) {
        eq = index($i, "=")
        if (eq) f[substr($i, 1, eq - 1)] = substr($i, eq + 1)
    }
    lines++
    pid = f["pid"]
    if (!(pid in seenpid)) { seenpid[pid] = 1; pids++ }
    starts[f["start"]]++
    ends[f["end"]]++
    wall = num("wall_us"); cpu = num("utime_us") + num("stime_us")
    prog = base(f["exe"])
    # the vfork child before its execve runs its parent`s program briefly
    if (f["start"] == "vfork") prog = prog " (vfork)"

    S_wall += wall; S_threads += num("threads_us"); S_startup += num("startup_us")
    S_decode += num("decode_us"); S_sys += num("sys_us"); S_interp += num("interp_us")
    S_translate += num("translate_us"); S_translated += num("translated")
    S_jit_insns += num("jit_insns"); S_jit_execs += num("jit_execs")
    S_jit_run += num("jit_run_us"); S_interp_run += num("interp_run_us")
    S_code += num("code_bytes"); S_links += num("links"); S_flushes += num("flushes")
    S_utime += num("utime_us"); S_stime += num("stime_us")
    S_decoded += num("decoded"); S_bytes += num("decoded_bytes")
    S_syscalls += num("syscalls"); S_insns += num("insns"); S_execs += num("execs")
    if (f["start"] == "exec" || f["start"] == "reexec") { S_execst += num("startup_us"); n_execst++ }

    # lifetimes
    b = wall < 1000 ? 0 : wall < 10000 ? 1 : wall < 100000 ? 2 : wall < 1000000 ? 3 : wall < 10000000 ? 4 : 5
    L_n[b]++; L_wall[b] += wall; L_cpu[b] += cpu

    # programs
    P_n[prog]++; P_wall[prog] += wall; P_cpu[prog] += cpu; P_insns[prog] += num("insns")
    P_decoded[prog] += num("decoded"); P_decode_us[prog] += num("decode_us")
    P_startup[prog] += num("startup_us"); P_sys[prog] += num("sys_us")
    if (num("decoded") > P_maxdec[prog]) P_maxdec[prog] = num("decoded")

    # histogram (not for vfork children: "-")
    if (f["hist"] != "-" && f["hist"] != "") {
        split(f["hist"], hb, ","); split(f["hist_insns"], hi, ",")
        for (k = 1; k <= 5; k++) { H_b[k] += hb[k]; H_i[k] += hi[k] }
        hot = hb[4] + hb[5]
        P_hot[prog] += hot
        if (hot > P_maxhot[prog]) P_maxhot[prog] = hot
    }

    # exec gaps: an image that ended in execve, then the same pid again
    t0 = num("t0_us")
    if (pid in exec_end) {
        gap = t0 - exec_end[pid]
        if (gap >= 0 && gap < 60e6) { G_sum += gap; G_n++ }
        delete exec_end[pid]
    }
    if (f["end"] == "execve") exec_end[pid] = t0 + wall
}
END {
    printf "== processes\n"
    printf "%d process images (exec-profile lines), %d pids\n", lines, pids
    printf "started by:"; for (k in starts) printf " %s %d", k, starts[k]; printf "\n"
    printf "ended by:  "; for (k in ends) printf " %s %d", k, ends[k]; printf "\n"

    printf "\n== lifetimes (wall time of each process image)\n"
    split("< 1 ms,1-10 ms,10-100 ms,0.1-1 s,1-10 s,>= 10 s", LN, ",")
    printf "%-10s %7s %7s %12s %7s %12s %7s\n", "lifetime", "images", "share", "wall", "share", "cpu", "share"
    for (b = 0; b < 6; b++)
        printf "%-10s %7d %7s %12s %7s %12s %7s\n", LN[b + 1], L_n[b], pct(L_n[b], lines), sec(L_wall[b]), pct(L_wall[b], S_wall), sec(L_cpu[b]), pct(L_cpu[b], S_utime + S_stime)
    print quant

    printf "\n== time split (summed over process images and their threads)\n"
    printf "%-34s %12s %7s\n", "", "time", "share"
    T = S_startup + S_threads
    printf "%-34s %12s %7s\n", "pvm alive (start-up + threads)", sec(T), pct(T, T)
    printf "%-34s %12s %7s\n", "  pvm start-up (main to 1st insn)", sec(S_startup), pct(S_startup, T)
    printf "%-34s %12s %7s\n", "  decoding blocks", sec(S_decode), pct(S_decode, T)
    printf "%-34s %12s %7s\n", "  translating blocks", sec(S_translate), pct(S_translate, T)
    printf "%-34s %12s %7s\n", "  guest system calls (incl. waits)", sec(S_sys), pct(S_sys, T)
    printf "%-34s %12s %7s\n", "  running guest code (the rest)", sec(S_interp), pct(S_interp, T)
    printf "%-34s %12s %7s\n", "    in translated code", sec(S_jit_run), pct(S_jit_run, T)
    printf "%-34s %12s %7s\n", "    in the interpreter", sec(S_interp_run), pct(S_interp_run, T)
    printf "%-34s %12s\n", "exec gaps (execve to next main)", sec(G_sum) sprintf(" (%d, mean %s)", G_n, G_n ? ms(G_sum / G_n) : "-")
    printf "%-34s %12s\n", "CPU: user (getrusage)", sec(S_utime)
    printf "%-34s %12s\n", "CPU: system (getrusage)", sec(S_stime)
    # what runs on a CPU in pvm (start-up, decoding, interpretation) against
    # the user CPU the kernel counted: above 1, the images waited for a CPU
    B = S_startup + S_decode + S_translate + S_interp
    printf "busy wall (start-up + decoding + translation + running) %s = %.2f x user CPU\n", sec(B), S_utime ? B / S_utime : 0
    printf "  of which start-up %s, decoding %s, translation %s, running %s\n", pct(S_startup, B), pct(S_decode, B), pct(S_translate, B), pct(S_interp, B)
    printf "start-up per exec'\''d image: mean %s over %d\n", n_execst ? ms(S_execst / n_execst) : "-", n_execst
    printf "decoding: %.0f blocks, %.0f bytes, %s per block\n", S_decoded, S_bytes, S_decoded ? sprintf("%.2f us", S_decode / S_decoded) : "-"
    printf "guest system calls: %.0f (%s each, waits included)\n", S_syscalls, S_syscalls ? sprintf("%.1f us", S_sys / S_syscalls) : "-"
    printf "guest instructions: %.0f in %.0f block runs (%.1f per run); %.1f M/s of running guest code\n", S_insns, S_execs, S_execs ? S_insns / S_execs : 0, S_interp ? S_insns / S_interp : 0

    printf "\n== tiers (interpreted, translated)\n"
    I_insns = S_insns - S_jit_insns; I_execs = S_execs - S_jit_execs
    printf "%-12s %16s %7s %14s %12s %7s %10s\n", "tier", "instructions", "share", "block runs", "time", "share", "M insns/s"
    R = S_jit_run + S_interp_run
    printf "%-12s %16.0f %7s %14.0f %12s %7s %10.1f\n", "translated", S_jit_insns, pct(S_jit_insns, S_insns), S_jit_execs, sec(S_jit_run), pct(S_jit_run, R), S_jit_run ? S_jit_insns / S_jit_run : 0
    printf "%-12s %16.0f %7s %14.0f %12s %7s %10.1f\n", "interpreted", I_insns, pct(I_insns, S_insns), I_execs, sec(S_interp_run), pct(S_interp_run, R), S_interp_run ? I_insns / S_interp_run : 0
    printf "translator: %.0f translations in %s (%s each), %.0f code bytes, %.0f links, %.0f flushes\n", S_translated, sec(S_translate), S_translated ? sprintf("%.1f us", S_translate / S_translated) : "-", S_code, S_links, S_flushes

    printf "\n== block histogram (distinct blocks of each image by executions)\n"
    split("1,2-9,10-99,100-999,1000+", HN, ",")
    for (k = 1; k <= 5; k++) { TB += H_b[k]; TI += H_i[k] }
    printf "%-9s %12s %7s %16s %7s\n", "runs", "blocks", "share", "instructions", "share"
    for (k = 1; k <= 5; k++)
        printf "%-9s %12.0f %7s %16.0f %7s\n", HN[k], H_b[k], pct(H_b[k], TB), H_i[k], pct(H_i[k], TI)

    # a translator promoting blocks after T runs (T at a class boundary):
    # the blocks it translates, the instructions that then run translated
    # (the first T runs of each stay interpreted; L the mean block length),
    # and what each translation must save for: its budget is that many
    # instructions times (interpretation - translated cost per instruction)
    L = S_decoded ? S_bytes / 4 / S_decoded : 0
    printf "mean block length %.2f instructions\n", L
    split("2,10,100,1000", TH, ",")
    printf "%-10s %12s %16s %7s %18s\n", "threshold", "translated", "insns translated", "share", "insns per transl."
    for (t = 1; t <= 4; t++) {
        nb = 0; ni = 0
        for (k = t + 1; k <= 5; k++) { nb += H_b[k]; ni += H_i[k] }
        ni -= TH[t] * L * nb
        if (ni < 0) ni = 0
        printf "%-10s %12.0f %16.0f %7s %18.0f\n", TH[t], nb, ni, pct(ni, TI), nb ? ni / nb : 0
    }

    # per-program rows for sort(1): name, then the columns
    for (p in P_n)
        printf "%s\t%d\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\t%.0f\n", p, P_n[p], P_wall[p], P_cpu[p], P_insns[p], P_decoded[p], P_decode_us[p], P_maxdec[p], P_startup[p], P_sys[p], P_hot[p], P_maxhot[p] > (tmp "/progs")
    printf "%.0f\t%.0f\t%.0f\n", S_utime + S_stime, S_decoded, S_decode > (tmp "/totals")
}' "$tmp/lines"

read -r cpu_all dec_all decus_all < "$tmp/totals"

echo
echo "== top programs by CPU time (user+system), then by count"
printf '%-32s %6s %10s %6s %10s %9s %8s %10s\n' program runs cpu share wall insns/run startup decode
sort -t "$(printf '\t')" -k4,4nr "$tmp/progs" | head -n "$top" |
    awk -F '\t' -v all="$cpu_all" '{
        printf "%-32s %6d %9.1fs %5.1f%% %9.1fs %8.1fM %7.1fms %9.1fs\n", substr($1, 1, 32), $2, $4 / 1e6,
            (all > 0 ? 100 * $4 / all : 0), $3 / 1e6, $5 / $2 / 1e6, $9 / $2 / 1e3, $7 / 1e6 }'
echo
printf '%-32s %6s %10s %10s\n' program runs "mean wall" "mean cpu"
sort -t "$(printf '\t')" -k2,2nr "$tmp/progs" | head -n "$top" |
    awk -F '\t' '{ printf "%-32s %6d %9.1fms %9.1fms\n", substr($1, 1, 32), $2, $3 / $2 / 1e3, $4 / $2 / 1e3 }'

echo
echo "== repeated decoding (per program: all runs' decoded blocks vs. the largest run's)"
printf '%-32s %6s %12s %10s %9s %10s\n' program runs "decoded" "max 1 run" "repeat" "decode"
sort -t "$(printf '\t')" -k6,6nr "$tmp/progs" | head -n "$top" |
    awk -F '\t' '{ r = ($6 > 0) ? 100 * ($6 - $8) / $6 : 0
        printf "%-32s %6d %12.0f %10.0f %8.1f%% %9.2fs\n", substr($1, 1, 32), $2, $6, $8, r, $7 / 1e6 }'
echo
echo "== repeated hot blocks (per program: blocks run 100+ times in a process, all runs vs. the largest run)"
printf '%-32s %6s %12s %10s %9s\n' program runs "hot blocks" "max 1 run" "repeat"
sort -t "$(printf '\t')" -k11,11nr "$tmp/progs" | head -n "$top" |
    awk -F '\t' '{ r = ($11 > 0) ? 100 * ($11 - $12) / $11 : 0
        printf "%-32s %6d %12.0f %10.0f %8.1f%%\n", substr($1, 1, 32), $2, $11, $12, r }'
awk -F '\t' '{ h += $11; m += $12 } END {
    printf "all programs: %.0f translations at a threshold of 100 (one per hot block per process), %.0f if shared between the runs of each program\n", h, m }' "$tmp/progs"
awk -F '\t' -v dec="$dec_all" -v decus="$decus_all" '{ m += $8 } END {
    r = (dec > 0) ? (dec - m) / dec : 0
    printf "all programs: %.0f blocks decoded, %.0f if each program decoded once what its largest run did;\n", dec, m
    printf "a shared code cache would save at best %.1f%% of the decoding, %.1f s of %.1f s\n", 100 * r, r * decus / 1e6, decus / 1e6 }' "$tmp/progs"

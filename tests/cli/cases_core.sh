# Guest core files (signals/core.c), sourced by tests/cli/run.sh (check,
# passed, failed, $pvm, $probe, $work). coreprobe (tests/cli/coreprobe.c)
# raises its RLIMIT_CORE, changes to a directory of ours and writes through
# NULL; pvm must leave an arm64 core of the guest where the kernel would put
# a native process's: the name is computed here from this machine's
# /proc/sys/kernel/core_pattern and core_uses_pid, as signals/core.h
# describes (a "|helper" or "@socket" pattern: "core" in the current
# directory), so the cases hold whatever the machine's setting.
#
# core_file: the file is there, mode 600, and is the only one.
# core_readelf: readelf lists NT_PRSTATUS, NT_PRPSINFO, NT_SIGINFO, NT_AUXV,
#   NT_FILE, NT_FPREGSET and NT_ARM_TLS.
# core_state: tests/cli/corecheck.py reads the notes and the memory: the pc
#   is the one pvm's fault line names, x20, v8 and tpidr_el0 hold what the
#   probe put there, siginfo is SIGSEGV at 0, NT_FILE names the probe, and
#   the heap marker the probe made at run time is at its guest address.
# core_gdb: `gdb-multiarch -batch -ex bt -ex 'info registers pc'` shows the
#   faulting pc and the probe's function (skipped without gdb-multiarch).
# core_limit: RLIMIT_CORE 8192 leaves a file of at most 8192 bytes that
#   still starts with the ELF header; core_off (RLIMIT_CORE 0) and
#   core_undumpable (PR_SET_DUMPABLE 0) leave none.
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh
coreprobe=$(dirname "$probe")/coreprobe
core_here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

core_pass() { passed=$((passed + 1)); }
core_fail() { failed=$((failed + 1)); echo "FAIL $1: $2"; }

# A substituted value as one name component (the kernel's cn_esc_printf).
core_esc() { local v=${1//\//!}; case $v in "" | . ) v="!${v#.}" ;; ..) v="!." ;; esac; printf '%s' "$v"; }

# The path (a glob where the value is not known: %t, %C) of the core a
# coreprobe run with pid $1, RLIMIT_CORE $2 (bytes) and directory $3 makes.
core_expect() {
    local pid=$1 limit=$2 dir=$3 pat usepid name="" c i hasp=0
    pat=$(cat /proc/sys/kernel/core_pattern 2> /dev/null || echo core)
    usepid=$(cat /proc/sys/kernel/core_uses_pid 2> /dev/null || echo 0)
    case $pat in '|'* | '@'*) pat=core ;; esac
    for ((i = 0; i < ${#pat}; i++)); do
        c=${pat:i:1}
        if [ "$c" != % ]; then name+=$c; continue; fi
        i=$((i + 1)); c=${pat:i:1}
        case $c in
        %) name+=% ;;
        p) name+=$pid; hasp=1 ;;
        P | i | I) name+=$pid ;;
        u) name+=$(id -u) ;;
        g) name+=$(id -g) ;;
        d) name+=1 ;;
        s) name+=11 ;;
        t | C) name+='*' ;;
        h) name+=$(core_esc "$(uname -n)") ;;
        e | f) name+=coreprobe ;;
        E) name+=$(core_esc "$(realpath "$coreprobe")") ;;
        c) name+=$limit ;;
        esac
    done
    [ "$usepid" != 0 ] && [ $hasp = 0 ] && name+=.$pid
    case $name in /*) printf '%s' "$name" ;; *) printf '%s/%s' "$dir" "$name" ;; esac
}

# Runs coreprobe in a new directory $work/$1 with RLIMIT_CORE $2; sets
# core_pid, core_heap, core_marker, core_pc and core_path (the core's path,
# or "" when there is none).
core_run() {
    local dir=$work/$1 limit=$2 out bytes
    rm -rf "$dir" && mkdir -p "$dir"
    out=$("$pvm" "$coreprobe" "$dir" "$limit" 2> "$dir.err")
    core_status=$?
    read -r _ core_pid _ core_heap _ core_marker <<< "$out"
    core_pc=$(sed -n 's/.*(pc \(0x[0-9a-f]*\))$/\1/p' "$dir.err")
    case $limit in
    unlimited | undumpable) bytes=$core_hard ;;
    *) bytes=$limit ;;
    esac
    core_path=""
    local f
    for f in $(core_expect "$core_pid" "$bytes" "$dir"); do
        [ -f "$f" ] && core_path=$f
    done
}

core_hard=$(ulimit -H -c)
if [ "$core_hard" = unlimited ]; then core_hard=18446744073709551615; else core_hard=$((core_hard * 1024)); fi
core_target=$(core_expect 1 "$core_hard" "$work")
if [ "$core_hard" -lt 4096 ] 2> /dev/null; then
    echo "SKIP core cases: the hard RLIMIT_CORE ($core_hard bytes) allows no core file"
elif [ ! -w "$(dirname "$core_target")" ]; then
    echo "SKIP core cases: core_pattern puts cores in $(dirname "$core_target"), which this user cannot write"
else
    core_run core unlimited
    if [ "$core_status" = 139 ] && [ -n "$core_pc" ] && [ "$(wc -l < "$work/core.err")" = 1 ]; then core_pass; else
        core_fail core_segv "status $core_status, stderr: $(head -c 300 "$work/core.err")"; fi
    if [ -n "$core_path" ] && [ "$(stat -c %a "$core_path")" = 600 ]; then core_pass; else
        core_fail core_file "no core at $(core_expect "$core_pid" "$core_hard" "$work/core") (found: $(ls "$work/core"))"; fi
    if [ -n "$core_path" ]; then
        readelf=$(command -v readelf || command -v aarch64-linux-gnu-readelf)
        if [ -z "$readelf" ]; then
            echo "SKIP core_readelf: no readelf"
        else
            notes=$("$readelf" -n "$core_path" 2>&1)
            missing=""
            for n in NT_PRSTATUS NT_PRPSINFO NT_SIGINFO NT_AUXV NT_FILE NT_FPREGSET NT_ARM_TLS; do
                grep -q "$n" <<< "$notes" || missing+=" $n"
            done
            if [ -z "$missing" ]; then core_pass; else core_fail core_readelf "readelf -n lacks$missing"; fi
        fi
        if ! command -v python3 > /dev/null; then
            echo "SKIP core_state: no python3"
        else
            facts=$(python3 "$core_here/corecheck.py" "$core_path" "$core_heap" "${#core_marker}" 2>&1)
            why=""
            for want in "^elf 4 183 " \
                "^prstatus signo 11 cursig 11 pid $core_pid x20 0x1122334455667788 sp 0x[0-9a-f]+ pc $core_pc " \
                "^siginfo signo 11 code [12] addr 0x0$" "^auxv [0-9]+ entries, AT_PAGESZ 4096, " \
                "^file 0x400000-0x[0-9a-f]+ 0 .*/coreprobe$" "^fpregset v8 0x1122334455667788 " \
                "^tls 0x5eed$" "^mem $core_marker$"; do
                grep -Eq -- "$want" <<< "$facts" || why+="; no /$want/"
            done
            # the arguments, NULs as spaces, cut to 79 bytes
            args="$coreprobe $work/core unlimited "
            grep -Fxq -- "prpsinfo fname coreprobe psargs ${args:0:79}" <<< "$facts" ||
                why+="; no prpsinfo line with psargs '${args:0:79}'"
            if [ -z "$why" ]; then core_pass; else
                core_fail core_state "${why#; }"; printf '%s\n' "$facts" | head -30 | sed 's/^/    /'; fi
        fi
        if ! command -v gdb-multiarch > /dev/null; then
            echo "SKIP core_gdb: gdb-multiarch is not installed"
        else
            gdb_out=$(timeout 60 gdb-multiarch -nx -batch -ex bt -ex 'info registers pc' "$coreprobe" "$core_path" 2>&1)
            if grep -q "^pc  *$core_pc" <<< "$gdb_out" && grep -q 'fault' <<< "$gdb_out"; then core_pass; else
                core_fail core_gdb "no pc $core_pc / fault() in:"; printf '%s\n' "$gdb_out" | tail -15 | sed 's/^/    /'; fi
        fi
        case $core_path in "$work"/*) ;; *) rm -f "$core_path" ;; esac
    fi

    core_run core_limit 8192
    if [ -n "$core_path" ] && [ "$(stat -c %s "$core_path")" -le 8192 ] &&
        [ "$(head -c 4 "$core_path" | od -An -tx1 | tr -d ' ')" = 7f454c46 ]; then core_pass; else
        core_fail core_limit "no core of at most 8192 bytes (${core_path:-none}: $(stat -c %s "$core_path" 2> /dev/null))"; fi
    case $core_path in "$work"/* | "") ;; *) rm -f "$core_path" ;; esac
    for c in "core_off 0" "core_undumpable undumpable"; do
        read -r cname chow <<< "$c"
        core_run "$cname" "$chow"
        if [ "$core_status" = 139 ] && [ -z "$core_path" ] && [ -z "$(ls "$work/$cname")" ]; then core_pass; else
            core_fail "$cname" "status $core_status, files: ${core_path:-} $(ls "$work/$cname")"; fi
        case $core_path in "$work"/* | "") ;; *) rm -f "$core_path" ;; esac
    done
fi

#!/usr/bin/env bash
# debian suite: real Debian arm64 programs, dynamically linked, run as
# `pvm -L SYSROOT SYSROOT/usr/bin/PROG` against the host's amd64 build of the
# same program. First content: OpenSSL (tests/debian/cases.sh). Each case runs
# both sides in a fresh copy of a fixture with env -i OPENSSL_CONF=/dev/null
# LC_ALL=C; stdout bytes and exit status must match. The hw_* cases also run
# under `pvm -d exec -D LOG` and need the log's `exec-stats: N OPNAME` lines
# to show the crypto instructions executed.
# usage: run.sh PVM SYSROOT WORKDIR [FILTER...]   (FILTER: case names, globs)
# env: NATIVE_OPENSSL (default /usr/bin/openssl), TIMEOUT (seconds per run,
#      default 60), BUDGET (seconds for the suite, default 300; cases not
#      started by then fail as "not run"), JOBS, V=1
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
. "$here/../lib/common.sh"

if [ $# -lt 3 ]; then
    echo "usage: $0 PVM SYSROOT WORKDIR [FILTER...]" >&2
    exit 2
fi
pvm=$(realpath -m "$1")
sysroot=$(realpath -m "$2")
work=$(realpath -m "$3")
shift 3
filters=("$@")
native=${NATIVE_OPENSSL:-/usr/bin/openssl}
guest=$sysroot/usr/bin/openssl
tmo=${TIMEOUT:-60}
budget=${BUDGET:-300}
suite_start=$(date +%s)
jobs=$(tl_jobs)

# -- the cases: kind (ossl, hw, skip), options, argv (printf %q), extra
names=() kinds=() opts=() argvs=() extras=()
ossl() {
    local name=$1 o=""
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        case $1 in
            --stdin | --file | --armcap) o="$o ${1#--}=$2"; shift ;;
            *) echo "cases.sh: $name: unknown option $1" >&2; exit 2 ;;
        esac
        shift
    done
    shift
    names+=("$name") kinds+=(ossl) opts+=("$o") extras+=("")
    argvs+=("$(printf '%q ' "$@")")
}
hw() { # NAME OPNAME -- ARGS...
    local name=$1 op=$2
    shift 3
    names+=("$name") kinds+=(hw) opts+=("") extras+=("$op")
    argvs+=("$(printf '%q ' "$@")")
}
skipcase() { # NAME REASON
    names+=("$1") kinds+=(skip) opts+=("") extras+=("$2") argvs+=("")
}
. "$here/cases.sh"

selected() { # NAME
    [ ${#filters[@]} -eq 0 ] && return 0
    local f
    for f in "${filters[@]}"; do
        # shellcheck disable=SC2053
        [[ $1 == $f ]] && return 0
    done
    return 1
}

todo=()
for i in "${!names[@]}"; do
    selected "${names[$i]}" && todo+=("$i")
done
if [ ${#todo[@]} -eq 0 ]; then
    echo "no debian cases match: ${filters[*]}"
    tl_summary
    exit 1
fi

# -- versions: printed, not required equal. Every output compared is fixed by
# a standard (digests, ciphers, MACs, deterministic signatures, base64), so
# two OpenSSL 3.0.x builds must agree; no case prints a version string.
lock_ver=$(sed -n 's/^openssl:arm64=\([^ #]*\).*/\1/p' "$root/tests/debs.lock")
host_ver=$(dpkg-query -W -f='${Version}' openssl 2>/dev/null || echo "not installed")
echo "openssl versions: arm64 (tests/debs.lock) $lock_ver, amd64 host $host_ver"
skip_all=""
if [ ! -x "$native" ]; then
    skip_all="no native openssl at $native (scripts/install-deps.sh)"
elif [ ! -f "$guest" ]; then
    skip_all="no arm64 openssl at $guest (scripts/fetch-debs.sh $sysroot)"
fi
if [ -n "$skip_all" ]; then
    for i in "${todo[@]}"; do tl_skip "${names[$i]}" "$skip_all"; done
    tl_summary
    exit $?
fi
if [ ! -x "$pvm" ]; then
    tl_fail "debian" "no pvm executable at $pvm"
    tl_summary
    exit 1
fi

rm -rf "$work"
mkdir -p "$work/fixture" "$work/results"
if ! (make_fixture "$work/fixture" "$native") > "$work/fixture.log" 2>&1; then
    tl_fail "debian" "making the fixture with $native failed" "$work/fixture.log"
    tl_summary
    exit 1
fi

# run_side SIDE DIR RESULTPREFIX STDIN ARMCAP ARGV...: one side of one case;
# the pvm side may carry pvm options first, up to a "--" (dropped here).
# ARMCAP (pvm side only; empty: none) sets OPENSSL_armcap, which replaces
# OpenSSL's HWCAP-based choice of code paths.
run_side() {
    local side=$1 dir=$2 out=$3 stdin=$4 armcap=$5
    shift 5
    local cmd popts=() envs=()
    if [ "$side" = native ]; then
        cmd=("$native")
    else
        while [ "$1" != -- ]; do popts+=("$1"); shift; done
        cmd=("$pvm" "${popts[@]}" -L "$sysroot" "$guest")
        [ -n "$armcap" ] && envs=(OPENSSL_armcap="$armcap")
    fi
    [ "$1" = -- ] && shift
    mkdir -p "$dir"
    cp -al "$work/fixture/." "$dir/"
    (cd "$dir" && timeout -k 5 "$tmo" env -i OPENSSL_CONF=/dev/null LC_ALL=C HOME="$dir" PATH=/usr/bin:/bin "${envs[@]}" \
        "$TL_PERL" -e "$TL_NOSIG" "${cmd[@]}" "$@" > "$out.out" 2> "$out.err" < "${stdin:-/dev/null}")
    echo $? > "$out.rc"
}

# is_text FILE: no bytes outside printable ASCII and whitespace
is_text() { [ "$(LC_ALL=C tr -d '\11\12\15\40-\176' < "$1" | head -c 1 | wc -c)" = 0 ]; }

# compare_bytes WHAT EXPECTED ACTUAL DETAIL: text gets a short diff, binary
# data its sizes, SHA-256 sums and first differing byte
compare_bytes() {
    cmp -s "$2" "$3" && return 0
    {
        echo "$1:"
        if is_text "$2" && is_text "$3"; then
            tl_short_diff "$2" "$3"
        else
            echo "  native: $(stat -c %s "$2") bytes, sha256 $(sha256sum < "$2" | cut -c1-64)"
            echo "  pvm:    $(stat -c %s "$3") bytes, sha256 $(sha256sum < "$3" | cut -c1-64)"
            echo "  $(cmp "$2" "$3" 2>&1 | head -n1 | sed "s|$work/||g")"
        fi
    } >> "$4"
    return 1
}

# compare_sides NAME R OUTFILE: native vs pvm results of one case; prints the
# failure message (empty when the sides agree), details go to R.detail
compare_sides() {
    local name=$1 r=$2 outfile=$3 msg="" nrc prc
    nrc=$(cat "$r.native.rc") prc=$(cat "$r.pvm.rc")
    [ "$nrc" != "$prc" ] && msg="pvm $(tl_status_text "$prc"), native $(tl_status_text "$nrc")"
    # a reference that never ran would make both sides agree on nothing
    if [ "$nrc" = 126 ] || [ "$nrc" = 127 ] || [ "$nrc" = 124 ]; then
        msg="the native reference run failed ($(tl_status_text "$nrc")): $(head -n1 "$r.native.err")"
    fi
    compare_bytes stdout "$r.native.out" "$r.pvm.out" "$r.detail" || msg="${msg:+$msg; }stdout differs"
    if [ -n "$outfile" ]; then
        local nf=$work/cases/$name/native/$outfile pf=$work/cases/$name/pvm/$outfile
        if [ ! -f "$nf" ]; then
            msg="${msg:+$msg; }the native run wrote no $outfile"
        elif [ ! -f "$pf" ]; then
            msg="${msg:+$msg; }the pvm run wrote no $outfile"
        else
            compare_bytes "$outfile" "$nf" "$pf" "$r.detail" || msg="${msg:+$msg; }$outfile differs"
        fi
    fi
    if [ -n "$msg" ] && [ -s "$r.pvm.err" ]; then
        { echo "pvm stderr:"; head -n 5 "$r.pvm.err"; } >> "$r.detail"
    fi
    echo "$msg"
}

run_case() { # INDEX
    local i=$1 name=${names[$1]} o=${opts[$1]} argv stdin="" outfile="" armcap="" r msg
    eval "argv=(${argvs[$1]})"
    r=$work/results/$name
    case $o in *stdin=*) stdin=$work/fixture/$(echo "$o" | sed 's/.*stdin=\([^ ]*\).*/\1/') ;; esac
    case $o in *file=*) outfile=$(echo "$o" | sed 's/.*file=\([^ ]*\).*/\1/') ;; esac
    case $o in *armcap=*) armcap=$(echo "$o" | sed 's/.*armcap=\([^ ]*\).*/\1/') ;; esac
    run_side native "$work/cases/$name/native" "$r.native" "$stdin" "" "${argv[@]}"
    run_side pvm "$work/cases/$name/pvm" "$r.pvm" "$stdin" "$armcap" -- "${argv[@]}"
    : > "$r.detail"
    msg=$(compare_sides "$name" "$r" "$outfile")
    if [ -z "$msg" ]; then echo pass > "$r.result"; rm -rf "$work/cases/$name"
    else printf 'fail\n%s\n' "$msg" > "$r.result"; fi
}

# hw case: the same comparison with pvm under -d exec, then the log's
# per-instruction statistics must count OPNAME. The log is a FIFO filtered to
# its exec-stats lines: -d exec also traces every block, tens of MB per run.
run_hw() { # INDEX
    local i=$1 name=${names[$1]} op=${extras[$1]} argv r msg fifo reader
    eval "argv=(${argvs[$1]})"
    r=$work/results/$name
    fifo=$work/results/$name.log-fifo
    rm -f "$fifo"
    mkfifo "$fifo"
    grep '^exec-stats:' < "$fifo" > "$r.stats" &
    reader=$!
    run_side native "$work/cases/$name/native" "$r.native" "" "" "${argv[@]}"
    run_side pvm "$work/cases/$name/pvm" "$r.pvm" "" "" -d exec -D "$fifo" -- "${argv[@]}"
    # if pvm never opened the log, the reader still waits for a writer: an
    # O_RDWR open (which never blocks on Linux) gives it one, then EOF
    (: 1<> "$fifo")
    wait "$reader"
    rm -f "$fifo"
    : > "$r.detail"
    msg=$(compare_sides "$name" "$r" "")
    local n
    n=$(sed -n "s/^exec-stats: \([0-9][0-9]*\) $op\$/\1/p" "$r.stats" | head -n1)
    if [ ! -s "$r.stats" ]; then
        msg="${msg:+$msg; }no 'exec-stats:' lines in the -d exec log"
    elif [ -z "$n" ] || [ "$n" = 0 ]; then
        msg="${msg:+$msg; }no 'exec-stats: N $op' line in the -d exec log: OpenSSL did not run $op (it does only when pvm implements it and advertises its HWCAP bit)"
        { echo "crypto/SIMD-table lines of the statistics:"
          grep -E ' (AES|SHA|PMULL|V_TBL|V_EXT)' "$r.stats" | head -n 8 | sed 's/^/  /'
          echo "  ($(grep -m1 " instructions" "$r.stats" | sed 's/^exec-stats: //'))"
        } >> "$r.detail"
    fi
    if [ -z "$msg" ]; then echo pass > "$r.result"; rm -rf "$work/cases/$name"
    else printf 'fail\n%s\n' "$msg" > "$r.result"; fi
}

for i in "${todo[@]}"; do
    [ "${kinds[$i]}" = skip ] && continue
    tl_wait_slot "$jobs"
    if [ $(($(date +%s) - suite_start)) -ge "$budget" ]; then
        printf 'fail\nnot run: the suite'"'"'s time budget of %ss was used up\n' "$budget" \
            > "$work/results/${names[$i]}.result"
        continue
    fi
    case ${kinds[$i]} in
        ossl) run_case "$i" & ;;
        hw) run_hw "$i" & ;;
    esac
done
wait

for i in "${todo[@]}"; do
    n=${names[$i]}
    r=$work/results/$n
    if [ "${kinds[$i]}" = skip ]; then
        tl_skip "$n" "${extras[$i]}"
        continue
    fi
    tl_report "$n" "$r"
done
[ "$tl_failed" -gt 0 ] && echo "(full outputs: $work/results/<case>.{native,pvm}.{out,err,rc}; fixture: $work/fixture)"
tl_summary

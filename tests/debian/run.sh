#!/usr/bin/env bash
# debian suite: real Debian arm64 programs, dynamically linked, run as
# `pvm -L SYSROOT SYSROOT/usr/bin/PROG` against Debian's amd64 build of the
# same program, pinned in tests/debs.lock too and run from the native tree
# NATIVE_ROOT through tests/lib/native-run.sh (its own libraries, never the
# host's /usr): OpenSSL, python3.11, perl, lua5.4, sqlite3, xz, bzip2, gzip,
# coreutils, 7zz (tests/debian/cases.sh). Each case runs both sides in a fresh
# copy of a fixture with env -i OPENSSL_CONF=/dev/null LC_ALL=C TZ=UTC; stdout
# bytes (after the case's filter, if any) and exit status must match. The
# hw_* cases also run under `pvm -d exec -D LOG` and need the log's
# `exec-stats: N OPNAME` lines to show the crypto instructions executed.
# A case marked --xfail REASON (a pvm feature still missing) that fails prints
# `XFAIL name: REASON` and counts as skipped; one that passes prints `XPASS`
# (counted as passed: drop its marker). --check-all cases run only with
# CHECK_ALL=1 (make check-all) and in the default execution mode
# (JIT_MODE, tests/lib/modes.sh), else they are skips "check-all only".
# usage: run.sh PVM SYSROOT WORKDIR [FILTER...]   (FILTER: case names, globs)
# env: NATIVE_ROOT (the amd64 tree, default SYSROOT/../native-root), TIMEOUT (seconds per run,
#      default 60), BUDGET (seconds for the suite, default 300; cases not
#      started by then fail as "not run"), CHECK_ALL=1, JOBS, V=1
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/common.sh
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
nroot=$(realpath -m "${NATIVE_ROOT:-$sysroot/../native-root}")
nrun=$here/../lib/native-run.sh
tmo=${TIMEOUT:-60}
budget=${BUDGET:-300}
suite_start=$(date +%s)
jobs=$(tl_jobs)

# -- the cases: kind (ossl, hw, prog, skip), options, argv (printf %q),
# extra (hw: OPNAME; skip: reason), bin (path under the sysroot and /), xfail
names=() kinds=() opts=() argvs=() extras=() bins=() xfails=() cenvs=()
# case_opts NAME ARGS...: parses the shared options up to "--"; sets o (the
# option string), cbin, cxfail, cenv, and nopt (the words consumed, incl. --)
case_opts() {
    local name=$1
    shift
    o="" cbin="" cxfail="" cenv="" nopt=0
    while [ $# -gt 0 ] && [ "$1" != -- ]; do
        case $1 in
            --stdin | --file | --armcap | --filter | --timeout) o="$o ${1#--}=$2" ;;
            --bin) cbin=$2 ;;
            --xfail) cxfail=$2 ;;
            --env) cenv="$cenv$(printf '%q ' "$2")" ;;
            --check-all) o="$o check-all=1"; shift; nopt=$((nopt + 1)); continue ;;
            *) echo "cases.sh: $name: unknown option $1" >&2; exit 2 ;;
        esac
        shift 2
        nopt=$((nopt + 2))
    done
    [ $# -gt 0 ] || { echo "cases.sh: $name: no -- before the arguments" >&2; exit 2; }
    nopt=$((nopt + 1))
}
add_case() { # KIND NAME EXTRA ARGS...
    names+=("$2") kinds+=("$1") opts+=("$o") extras+=("$3") bins+=("$cbin")
    xfails+=("$cxfail") cenvs+=("$cenv")
    shift 3
    argvs+=("$(printf '%q ' "$@")")
}
ossl() { # NAME [OPTIONS] -- ARGS...: openssl ARGS
    local name=$1
    shift
    case_opts "$name" "$@"
    shift "$nopt"
    cbin=usr/bin/openssl
    add_case ossl "$name" "" "$@"
}
prog() { # NAME --bin PATH [OPTIONS] -- ARGS...: /PATH ARGS vs pvm SYSROOT/PATH ARGS
    local name=$1
    shift
    case_opts "$name" "$@"
    shift "$nopt"
    [ -n "$cbin" ] || { echo "cases.sh: $name: prog needs --bin" >&2; exit 2; }
    add_case prog "$name" "" "$@"
}
hw() { # NAME OPNAME -- ARGS...
    local name=$1 op=$2
    shift 3
    o="" cbin=usr/bin/openssl cxfail="" cenv=""
    add_case hw "$name" "$op" "$@"
}
skipcase() { # NAME REASON
    o="" cbin="" cxfail="" cenv=""
    add_case skip "$1" "$2"
}
# binpkgs PATH PKG...: the packages whose amd64 version must equal their
# arm64 pin for the cases of /PATH to run (else they skip, saying why)
declare -A bin_pkgs=()
binpkgs() {
    local b=$1
    shift
    bin_pkgs[$b]="$*"
}
# shellcheck source=tests/debian/cases.sh
. "$here/cases.sh"

todo=()
for i in "${!names[@]}"; do
    tl_selected "${names[$i]}" && todo+=("$i")
done
if [ ${#todo[@]} -eq 0 ]; then
    echo "no debian cases match: ${filters[*]}"
    tl_summary
    exit 1
fi

# -- versions, both from tests/debs.lock (the host's own packages play no
# part). OpenSSL's are printed, not required equal: every output compared is
# fixed by a standard (digests, ciphers, MACs, deterministic signatures,
# base64), so two OpenSSL 3.0.x builds must agree; no case prints a version
# string. The other programs' outputs are only fixed by their version, so
# binpkgs (cases.sh) names packages whose arm64 and amd64 pins must be the
# same version modulo a binNMU suffix (+bN: rebuilds differ per architecture).
lock_version() { # PKG ARCH: its ARCH (or arch all) pin in tests/debs.lock
    sed -n "s/^$1:\($2\|all\)=\([^ #]*\).*/\2/p" "$root/tests/debs.lock" | head -n1
}
no_binnmu() { echo "${1%+b[0-9]*}"; }
echo "openssl versions (tests/debs.lock): arm64 $(lock_version openssl arm64), amd64 $(lock_version openssl amd64)"

# bin_skip[PATH]: why the cases of PATH cannot run (empty: they can)
declare -A bin_skip=()
same=()
# the native tree must be enterable at all (a mount namespace, a chroot)
nr_why=""
if [ -f "$nroot/bin/true" ] && ! nr_err=$("$nrun" "$nroot" -- /bin/true 2>&1); then
    nr_why="tests/lib/native-run.sh cannot run the native tree here: $(echo "$nr_err" | head -n1)"
fi
for i in "${todo[@]}"; do
    b=${bins[$i]}
    [ -z "$b" ] || [ -n "${bin_skip[$b]+x}" ] && continue
    why=""
    for p in ${bin_pkgs[$b]:-}; do
        lv=$(lock_version "$p" arm64) nv=$(lock_version "$p" amd64)
        if [ -z "$lv" ]; then
            why="$p has no arm64 pin in tests/debs.lock"
        elif [ -z "$nv" ]; then
            why="$p has no amd64 pin in tests/debs.lock"
        elif [ "$(no_binnmu "$lv")" != "$(no_binnmu "$nv")" ]; then
            why="$p pins differ: arm64 $lv, amd64 $nv (tests/debs.lock; make update-pins)"
        else
            case " ${same[*]} " in *" $p=$lv "*) ;; *) same+=("$p=$lv") ;; esac
        fi
        [ -n "$why" ] && break
    done
    [ -z "$why" ] && why=$nr_why
    if [ -z "$why" ] && [ ! -f "$nroot/$b" ]; then
        why="no native program at $nroot/$b (scripts/fetch-debs.sh amd64 $nroot)"
    elif [ -z "$why" ] && [ ! -f "$sysroot/$b" ]; then
        why="no arm64 program at $sysroot/$b (scripts/fetch-debs.sh $sysroot)"
    fi
    bin_skip[$b]=$why
done
[ ${#same[@]} -gt 0 ] && echo "versions equal on both sides (modulo +bN): ${same[*]}"
if [ ! -x "$pvm" ]; then
    tl_fail "debian" "no pvm executable at $pvm"
    tl_summary
    exit 1
fi

# Debian compiles python's modules at install time (py3compile in the
# postinst), which dpkg -x does not run; without the .pyc files every guest
# start would compile its imports under pvm (seconds each). The native tree's
# python3.11 is the same version (binpkgs), and .pyc files do not depend on
# the machine; -s/-p record the paths the guest sees.
pylib=$sysroot/usr/lib/python3.11
if [ -d "$pylib" ] && [ ! -f "$pylib/.pvm-pyc-stamp" ] && [ -f "$nroot/usr/bin/python3.11" ]; then
    "$nrun" "$nroot" --bind "$sysroot" -- /usr/bin/python3.11 -m compileall -q -j0 -s "$sysroot" -p / "$pylib" > /dev/null 2>&1 &&
        touch "$pylib/.pvm-pyc-stamp"
fi
rm -rf "$work"
mkdir -p "$work/fixture" "$work/results"
# nat PROG ARGS...: the native tree's PROG (a path inside it) for the fixture
nat() { "$nrun" "$nroot" --bind "$work" -- "$@"; }
has_nat() { [ -f "$nroot/$1" ]; } # PATH (inside the tree)
if ! (make_fixture "$work/fixture" "$here") > "$work/fixture.log" 2>&1; then
    tl_fail "debian" "making the fixture failed" "$work/fixture.log"
    tl_summary
    exit 1
fi

# run_side SIDE DIR RESULTPREFIX INDEX ARMCAP ARGV...: one side of case
# INDEX; the pvm side may carry pvm options first, up to a "--" (dropped
# here). ARMCAP (pvm side only; empty: none) sets OPENSSL_armcap, which
# replaces OpenSSL's HWCAP-based choice of code paths.
run_side() {
    local side=$1 dir=$2 out=$3 i=$4 armcap=$5
    shift 5
    local cmd popts=() envs=() b=${bins[$i]} o=${opts[$i]} stdin=/dev/null t=$tmo
    eval "envs=(${cenvs[$i]})"
    case $o in *stdin=*) stdin=$work/fixture/$(opt_val "$o" stdin) ;; esac
    case $o in *timeout=*) t=$(opt_val "$o" timeout) ;; esac
    if [ "$side" = native ]; then
        cmd=("$nrun" "$nroot" --bind "$work" -- "/$b")
    else
        while [ "$1" != -- ]; do popts+=("$1"); shift; done
        cmd=("$pvm" "${popts[@]}" -L "$sysroot" "$sysroot/$b")
        [ -n "$armcap" ] && envs+=(OPENSSL_armcap="$armcap")
    fi
    [ "$1" = -- ] && shift
    mkdir -p "$dir"
    cp -al "$work/fixture/." "$dir/"
    local t0
    t0=$(tl_now)
    (cd "$dir" && timeout -k 5 "$t" env -i OPENSSL_CONF=/dev/null LC_ALL=C TZ=UTC HOME="$dir" PATH=/usr/bin:/bin "${envs[@]}" "${TL_MODE_ENV[@]}" \
        "$TL_PERL" -e "$TL_NOSIG" "${cmd[@]}" "$@" > "$out.out" 2> "$out.err" < "$stdin")
    echo $? > "$out.rc"
    tl_elapsed "$t0" > "$out.time"
    local f
    f=$(opt_val "$o" filter)
    if [ -n "$f" ]; then
        mv "$out.out" "$out.raw"
        "$f" < "$out.raw" > "$out.out"
    fi
}
opt_val() { # OPTSTRING KEY: the value of KEY=... in a case's option string
    # shellcheck disable=SC2001
    case " $1" in *" $2="*) echo "$1" | sed "s/.* $2=\([^ ]*\).*/\1/" ;; esac
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
    local i=$1 name=${names[$1]} o=${opts[$1]} argv armcap r msg
    eval "argv=(${argvs[$1]})"
    r=$work/results/$name
    armcap=$(opt_val "$o" armcap)
    run_side native "$work/cases/$name/native" "$r.native" "$i" "" "${argv[@]}"
    run_side pvm "$work/cases/$name/pvm" "$r.pvm" "$i" "$armcap" -- "${argv[@]}"
    : > "$r.detail"
    msg=$(compare_sides "$name" "$r" "$(opt_val "$o" file)")
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
    run_side native "$work/cases/$name/native" "$r.native" "$i" "" "${argv[@]}"
    run_side pvm "$work/cases/$name/pvm" "$r.pvm" "$i" "" -d exec -D "$fifo" -- "${argv[@]}"
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

# why case INDEX does not run (empty: it runs)
not_run_reason() {
    local i=$1
    if [ "${kinds[$i]}" = skip ]; then echo "${extras[$i]}"; return; fi
    if [ -n "${bins[$i]}" ] && [ -n "${bin_skip[${bins[$i]}]:-}" ]; then echo "${bin_skip[${bins[$i]}]}"; return; fi
    case " ${opts[$i]}" in
        *" check-all=1"*)
            # the long cases are benchmark-sized: one mode is enough
            if [ "${CHECK_ALL:-0}" != 1 ]; then echo "check-all only"
            elif [ "${JIT_MODE:-default}" != default ]; then echo "check-all's default mode only"; fi ;;
    esac
}

# the long cases first, so that the others fill the remaining slots
order=()
for i in "${todo[@]}"; do [ -n "$(opt_val "${opts[$i]}" timeout)" ] && order+=("$i"); done
for i in "${todo[@]}"; do [ -z "$(opt_val "${opts[$i]}" timeout)" ] && order+=("$i"); done
for i in "${order[@]}"; do
    [ -n "$(not_run_reason "$i")" ] && continue
    tl_wait_slot "$jobs"
    if [ $(($(date +%s) - suite_start)) -ge "$budget" ]; then
        printf 'fail\nnot run: the suite'"'"'s time budget of %ss was used up\n' "$budget" \
            > "$work/results/${names[$i]}.result"
        continue
    fi
    case ${kinds[$i]} in
        ossl | prog) run_case "$i" & ;;
        hw) run_hw "$i" & ;;
    esac
done
wait

nxfail=0
for i in "${todo[@]}"; do
    n=${names[$i]}
    r=$work/results/$n
    why=$(not_run_reason "$i")
    if [ -n "$why" ]; then
        tl_skip "$n" "$why"
        continue
    fi
    if [ -n "${xfails[$i]}" ]; then
        # an expected failure is a skip that says why; a pass means the
        # marker is stale and should go (it still counts as a pass)
        if [ "$(head -n1 "$r.result" 2>/dev/null)" = pass ]; then
            echo "XPASS $n: passes now; remove its --xfail marker (${xfails[$i]})"
            tl_pass "$n"
        else
            echo "XFAIL $n: ${xfails[$i]}"
            [ "$TL_VERBOSE" = 1 ] && sed -n 2p "$r.result" 2>/dev/null | sed 's/^/    now: /'
            tl_skipped=$((tl_skipped + 1))
            nxfail=$((nxfail + 1))
        fi
        continue
    fi
    tl_report "$n" "$r"
done
[ "$tl_failed" -gt 0 ] && echo "(full outputs: $work/results/<case>.{native,pvm}.{out,err,rc}; fixture: $work/fixture)"
[ "$nxfail" -gt 0 ] && echo "($nxfail expected failure(s) counted as skipped)"
tl_summary

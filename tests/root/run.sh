#!/usr/bin/env bash
# The --root suite (make check-root; docs/testing.md "pvm --root"): a tiny
# arm64 root is made in BUILD/tests/root/work/root from what the build has
# (Debian's static arm64 busybox from the sysroot, tests/root/rootesc.c built
# static for arm64 and for x86-64), and `pvm --root` runs it as root and as
# an unprivileged user (uid 65534 through setpriv; as a non-root caller only
# that user's cases run, as the caller). Checked: every escape attempt stays
# inside (rootesc esc, by pvm and natively); an exec is followed (uname -m
# says aarch64; a native program's exec of an arm64 one is run by the kernel
# through the private entry); -E, -U, --strace, -cpu, -D reach the first
# program and its children; the forced fallback (--root-binfmt no,
# PVM_ROOT_BINFMT=0) runs them too and says so in one line; the subordinate
# id range through newuidmap (where installed; /etc/subuid and /etc/subgid
# replaced by binds in a mount namespace of the suite's own); the errors.
# Every namespace and mount dies with its process: at the end no process
# has its root in the work directory. Skipped, with the reason, where no
# user namespace can be made.
# usage: run.sh BUILD-DIR
# shellcheck disable=SC2016 # $1 and the like in sh -c scripts are theirs
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tests/lib/common.sh
. "$here/../lib/common.sh"
build=$(realpath "$1")
pvm=$build/pvm
bd=$build/tests/root
work=$bd/work
R=$work/root
out=$work/out

if ! unshare --user true 2> /dev/null; then
    tl_skip all "no user namespace can be made here (unshare --user refused)"
    tl_summary
    exit 0
fi

# -- the root
rm -rf "$work"
mkdir -p "$R/bin" "$R/proc" "$R/dev" "$R/sys" "$R/tmp" "$R/sub/dir" "$out"
chmod 1777 "$R/tmp"
cp "$build/sysroot/bin/busybox" "$bd/rootesc" "$R/bin/"
cp "$bd/rootesc-x86" "$R/bin/rootesc-x86"
for a in sh uname cat echo env grep head id ls pwd touch chown stat wc true; do
    ln -s busybox "$R/bin/$a"
done
printf '#!/bin/sh\necho "script $0 $*"\n' > "$R/bin/script"
chmod 0755 "$R/bin/script"
touch "$R/.root-marker"
echo outside > "$work/outside-marker"
ln -s / "$R/uplink"
ln -s ../../.. "$R/sub/rel"
chmod -R a+rX "$work"

# check NAME STATUS STDOUT-REGEXES STDERR-REGEX -- COMMAND...
# STDOUT-REGEXES: newline-separated, each must match a line; STDERR-REGEX
# EMPTY: no output there; NOTE: the single-map note alone; ONE:REGEX:
# exactly one line besides that note, matching
check() {
    local name=$1 want=$2 out_re=$3 err_re=$4 re why=""
    shift 5
    { timeout 60 "$@" > "$out/$name.out" 2> "$out/$name.err" < /dev/null; } 2> /dev/null
    local st=$?
    [ "$st" = "$want" ] || why="$(tl_status_text "$st"), want $want"
    while IFS= read -r re; do
        [ -z "$re" ] || grep -Eq -- "$re" "$out/$name.out" || why="$why; stdout lacks /$re/"
    done <<< "$out_re"
    if [ "$err_re" = EMPTY ]; then
        [ ! -s "$out/$name.err" ] || why="$why; stderr is not empty"
    elif [ "$err_re" = NOTE ]; then
        [ "$(wc -l < "$out/$name.err")" -eq 1 ] && grep -q '^pvm: --root: only your own uid and gid are mapped' "$out/$name.err" ||
            why="$why; stderr is not the single-map note alone"
    elif [ "${err_re#ONE:}" != "$err_re" ]; then
        # the single-map note of an unprivileged run aside
        grep -v '^pvm: --root: only your own uid and gid are mapped' "$out/$name.err" > "$out/$name.err1"
        [ "$(wc -l < "$out/$name.err1")" -eq 1 ] && grep -Eq -- "${err_re#ONE:}" "$out/$name.err1" ||
            why="$why; stderr is not one line matching /${err_re#ONE:}/"
    elif [ -n "$err_re" ] && ! grep -Eq -- "$err_re" "$out/$name.err"; then
        why="$why; stderr lacks /$err_re/"
    fi
    if [ -z "$why" ]; then
        tl_pass "$name"
    else
        { head -c 800 "$out/$name.out" | sed 's/^/out: /'; head -c 800 "$out/$name.err" | sed 's/^/err: /'; } > "$out/$name.detail"
        tl_fail "$name" "${why#; }" "$out/$name.detail"
    fi
}

# -- who runs: root and uid 65534, or only the caller
ids=()
if [ "$(id -u)" = 0 ]; then
    ids+=(root)
    if setpriv --reuid=65534 --regid=65534 --clear-groups -- test -x "$pvm" -a -r "$R/bin/busybox" 2> /dev/null &&
        setpriv --reuid=65534 --regid=65534 --clear-groups -- unshare --user true 2> /dev/null; then
        ids+=(user)
    else
        tl_skip user "uid 65534 cannot reach $pvm and the root, or make a user namespace"
    fi
else
    ids+=(self)
    tl_skip root "the suite runs as uid $(id -u): the root cases need uid 0"
fi
# as ID: the command line prefix; the stderr every run of ID has (the
# single-map note of an unprivileged user without a subordinate range)
as() {
    case $1 in
        root | self) ;;
        user) echo setpriv --reuid=65534 --regid=65534 --clear-groups -- ;;
    esac
}
note_re() {
    if [ "$1" = root ]; then
        echo EMPTY
    elif [ "$(id -u)" = 0 ] || ! [ "$1" = self ]; then
        echo NOTE
    else
        echo ''
    fi
}

for who in "${ids[@]}"; do
    # shellcheck disable=SC2207 # words of a fixed command prefix
    pre=($(as "$who"))
    note=$(note_re "$who")
    P=("${pre[@]}" "$pvm" --root "$R")
    check "${who}_exec_followed" 0 $'^aarch64$\n^said$\n^uid=0 gid=0' "$note" -- \
        "${P[@]}" /bin/sh -c 'uname -m; /bin/rootesc say said; id'
    check "${who}_escape_pvm" 0 $'^ok dotdot$\n^ok proc_self_root$\n^ok openat2_in_root$\n^ok chroot_escape' "$note" -- \
        "${P[@]}" /bin/rootesc esc
    check "${who}_escape_child" 0 $'^ok dotdot$\n^ok symlinks$' "$note" -- "${P[@]}" /bin/sh -c '/bin/rootesc esc'
    check "${who}_escape_native" 0 $'^ok dotdot$\n^ok proc_self_cwd$\n^ok proc_parent_root\n^ok openat2_beneath$\n^ok chroot_escape' "$note" -- \
        "${P[@]}" /bin/rootesc-x86 esc
    # a native program's exec of an arm64 one: only the kernel can run it
    check "${who}_kernel_exec" 0 $'^aarch64$' "$note" -- "${P[@]}" /bin/rootesc-x86 exec /bin/uname -m
    check "${who}_binfmt_entry" 0 $'^enabled$\n^flags: POF$\n^interpreter .*pvm-static$' "$note" -- \
        "${P[@]}" /bin/cat /proc/sys/fs/binfmt_misc/pvm-aarch64
    check "${who}_cwd_inside" 0 '^/sub/dir$' "$note" -- bash -c 'cd "$1/sub/dir" && shift && exec "$@" /bin/pwd' - "$R" "${P[@]}"
    check "${who}_path_search" 0 '^script /bin/script a b$' "$note" -- "${P[@]}" script a b
    check "${who}_env" 0 $'^bar 1 unset$\n^child bar$' "$note" -- "${P[@]}" -E FOO=bar,BAZ=1 -U HOME \
        /bin/sh -c 'echo "$FOO $BAZ ${HOME-unset}"; sh -c "echo child \$FOO"'
    check "${who}_no_pvm_root_inside" 0 '^unset unset$' "$note" -- \
        env PVM_ROOT="$R" PVM_ROOT_BINFMT=yes "${pre[@]}" "$pvm" /bin/sh -c 'echo "${PVM_ROOT-unset} ${PVM_ROOT_BINFMT-unset}"'
    check "${who}_fallback" 0 $'^aarch64$\n^deep$\n^ok dotdot$\n^ok chroot_escape' \
        'ONE:^pvm: --root: binfmt_misc not used \(--root-binfmt no\); pvm follows exec itself' -- \
        "${P[@]}" --root-binfmt no /bin/sh -c 'uname -m; sh -c "/bin/rootesc say deep"; /bin/rootesc esc; test ! -e /proc/sys/fs/binfmt_misc/pvm-aarch64'
    check "${who}_fallback_env" 0 $'^script /bin/script x$\n^aarch64$' \
        'pvm follows exec itself' -- env PVM_ROOT_BINFMT=0 "${P[@]}" /bin/sh -c 'script x; uname -m'
    check "${who}_fallback_script" 0 '^script /bin/script y$' 'pvm follows exec itself' -- \
        env PVM_ROOT_BINFMT=0 "${P[@]}" /bin/script y
done

# -- options reaching every program (as the first identity)
who=${ids[0]}
# shellcheck disable=SC2207
pre=($(as "$who"))
P=("${pre[@]}" "$pvm" --root "$R")
check strace 0 '^strace-marker$' 'write\(1, "strace-marker\\n", 14\) = 14' -- \
    "${P[@]}" --strace /bin/sh -c '/bin/rootesc say strace-marker'
check strace_kernel_exec 0 '^strace-k$' 'write\(1, "strace-k\\n", 9\) = 9' -- \
    "${P[@]}" --strace /bin/rootesc-x86 exec /bin/rootesc say strace-k
check cpu 0 $'^first CPU part\t: 0xd03$\n^child CPU part\t: 0xd03$\n^native-exec CPU part\t: 0xd03$' "" -- \
    "${P[@]}" -cpu cortex-a53 /bin/sh -c 'echo "first $(grep -m1 "CPU part" /proc/cpuinfo)";
        sh -c "echo \"child \$(grep -m1 \"CPU part\" /proc/cpuinfo)\""
        echo "native-exec $(/bin/rootesc-x86 exec /bin/grep -m1 "CPU part" /proc/cpuinfo)"'
# busybox runs the applet its argv[0] names
check argv0 0 '^argv0-reached$' "" -- "${P[@]}" -0 echo /bin/busybox argv0-reached
check stack_size 0 $'^first 65536$\n^child 65536$' "" -- \
    "${P[@]}" -s 64M /bin/sh -c 'echo "first $(ulimit -s)"; sh -c "echo child \$(ulimit -s)"'
rm -f "$R/tmp/strace.log"
check log_file 0 '^logged$' "" -- bash -c 'cd "$1/tmp" && shift && exec "$@"' - "$R" \
    "${P[@]}" --strace -D strace.log /bin/sh -c '/bin/rootesc say logged; /bin/rootesc-x86 exec /bin/rootesc say native'
check log_file_all 0 $'write\\(1, "logged\\\\n", 7\\) = 7\nwrite\\(1, "native\\\\n", 7\\) = 7' "" -- cat "$R/tmp/strace.log"

# -- the subordinate range through newuidmap, for uid 65534: the machine's
# /etc/subuid and /etc/subgid replaced in a mount namespace of this suite
if [ "$(id -u)" = 0 ] && command -v newuidmap > /dev/null && command -v newgidmap > /dev/null &&
    [ -f /etc/subuid ] && [ -f /etc/subgid ] && [[ " ${ids[*]} " == *" user "* ]]; then
    echo "nobody:3000000000:65536" > "$work/subuid"
    cp "$work/subuid" "$work/subgid"
    check user_subids 0 $'^100 100$\n^root-ids: 0 -> uid 65534 gid 65534; 1-65536 -> uids 3000000000' "" -- \
        unshare --mount --propagation private sh -c 'mount --bind "$1/subuid" /etc/subuid && mount --bind "$1/subgid" /etc/subgid &&
            exec setpriv --reuid=65534 --regid=65534 --clear-groups -- "$2" -d exec --root "$3" /bin/sh -c \
            "rm -f /tmp/owned; touch /tmp/owned && chown 100:100 /tmp/owned && stat -c \"%u %g\" /tmp/owned" 2>&1 | grep -v "^Trace:\|^exec"' \
        - "$work" "$pvm" "$R"
else
    tl_skip user_subids "needs root, newuidmap and newgidmap (package uidmap), /etc/subuid and /etc/subgid"
fi

# -- root of a namespace with only itself mapped: the identity map cannot be
# written, the single map is, and the note says why
check root_map_fallback 0 '^uid=0 gid=0' '^pvm: --root: only your own uid and gid are mapped .*\(writing the identity map: ' -- \
    unshare --user --map-root-user "$pvm" --root "$R" /bin/sh -c id

# -- errors: one line each, a conventional status
check err_missing_dir 2 "" 'ONE:^pvm: --root: .*/nope: No such file or directory$' -- "$pvm" --root "$work/nope" /bin/sh
check err_not_dir 2 "" 'ONE:^pvm: --root: .*/outside-marker: Not a directory$' -- "$pvm" --root "$work/outside-marker" /bin/sh
check err_missing_program 127 "" 'ONE:^pvm: --root: /bin/nope: No such file or directory \(inside ' -- "$pvm" --root "$R" /bin/nope
check err_not_in_path 127 "" "ONE:^pvm: --root: nope: command not found in the root's PATH" -- "$pvm" --root "$R" nope
check err_no_program 2 "" 'ONE:no PROGRAM given' -- "$pvm" --root "$R"
check err_with_L 2 "" 'ONE:^pvm: --root: not with -L' -- "$pvm" --root "$R" -L /tmp /bin/sh
check err_with_binfmt 2 "" 'ONE:^pvm: --root: not with a --binfmt command' -- "$pvm" --root "$R" --binfmt-status
check err_bad_binfmt_value 2 "" "ONE:^pvm: bad --root-binfmt 'maybe'" -- "$pvm" --root "$R" --root-binfmt maybe /bin/sh
# no user namespace to be had: the limit set to 0 in a namespace of the suite's own
check err_no_userns 1 "" 'ONE:^pvm: --root: cannot make a user namespace: ' -- \
    unshare --user --map-root-user sh -c 'echo 0 > /proc/sys/user/max_user_namespaces && exec "$@"' - \
    "$pvm" --root "$R" /bin/true

# -- nothing left: no process has the root as its root directory
rootid=$(stat -c %d:%i "$R")
left=""
for p in /proc/[0-9]*; do
    [ "$(stat -L -c %d:%i "$p/root" 2> /dev/null)" = "$rootid" ] && left="$left ${p#/proc/}"
done
if [ -n "$left" ]; then tl_fail nothing_left "processes inside the root remain:$left"; else tl_pass nothing_left; fi

tl_summary

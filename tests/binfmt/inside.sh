#!/usr/bin/env bash
# The binfmt_misc suite's cases (tests/binfmt/run.sh starts this): pvm
# registers build/pvm-static with pvm --binfmt-register, and arm64 programs
# are exec'd by path, so the kernel starts pvm through the entry.
#
# MODE ranged: root of a user namespace whose uids/gids 0-65535 are host ids
#   nobody has (tests/binfmt/nsmap.c), with its own mount namespace: the
#   binfmt_misc instance and the tmpfs at WORK/ns are the namespace's and
#   vanish with it; every case runs.
# MODE single: the same with only root mapped (unshare --map-root-user, as
#   an unprivileged user can): the cases that drop to uid 1000 (O, C, the
#   refusal without root) are skipped.
# MODE global: no user namespace (BINFMT_TEST_GLOBAL=1, for kernels without
#   a per-namespace instance): one entry under a unique name in the
#   machine's table, removed on every exit; argv, status and refusal cases
#   only.
# usage: inside.sh BUILD WORK MODE
# shellcheck disable=SC2016 # $1 in bash -c scripts is theirs
set -u
build=$1 work=$2 mode=$3
here=$(cd "$(dirname "$0")" && pwd)
tree=$(cd "$here/../.." && pwd)
# shellcheck source=tests/lib/common.sh
. "$here/../lib/common.sh"
pvm=$build/pvm pvms=$build/pvm-static bd=$build/tests/binfmt
BF=/proc/sys/fs/binfmt_misc
T=$work/ns
name="pvm-aarch64"
[ "$mode" = global ] && name=pvm-test-$$-$RANDOM
registered=() # entries this script made, removed on every exit
# no core files of crashing cases (c_crash_silent raises its own limit)
ulimit -S -c 0

cleanup() {
    local n
    for n in "${registered[@]}"; do
        [ -e "$BF/$n" ] && echo -1 > "$BF/$n" 2> /dev/null
    done
    registered=()
}
trap 'cleanup' EXIT
trap 'cleanup; exit 130' INT TERM

is_binfmt_fs() { [ "$(stat -f -c %t "$BF" 2> /dev/null)" = 42494e4d ]; }

# the namespace's own files: a tmpfs (or, global, a directory of WORK)
mkdir -p "$T"
if [ "$mode" != global ] && ! mount -t tmpfs -o mode=0755 pvm-binfmt-test "$T"; then
    tl_skip all "cannot mount a tmpfs in the namespace"
    tl_summary
    exit
fi
mkdir -p "$T/out" "$T/u"
out=$T/out

# check NAME STATUS STDOUT-REGEXES STDERR-REGEX -- COMMAND...
# STDOUT-REGEXES: newline-separated, each must match a line; STDERR-REGEX
# "EMPTY" wants no output at all there
check() {
    local name=$1 want=$2 out_re=$3 err_re=$4 re why=""
    shift 5
    { timeout 30 "$@" > "$out/$name.out" 2> "$out/$name.err" < /dev/null; } 2> /dev/null
    local st=$?
    [ "$st" = "$want" ] || why="$(tl_status_text "$st"), want $want"
    while IFS= read -r re; do
        [ -z "$re" ] || grep -Eq -- "$re" "$out/$name.out" || why="$why; stdout lacks /$re/"
    done <<< "$out_re"
    if [ "$err_re" = EMPTY ]; then
        [ ! -s "$out/$name.err" ] || why="$why; stderr is not empty"
    elif [ -n "$err_re" ] && ! grep -Eq -- "$err_re" "$out/$name.err"; then
        why="$why; stderr lacks /$err_re/"
    fi
    if [ -z "$why" ]; then
        tl_pass "$name"
    else
        { head -c 600 "$out/$name.out" | sed 's/^/out: /'; head -c 600 "$out/$name.err" | sed 's/^/err: /'; } > "$out/$name.detail"
        tl_fail "$name" "${why#; }" "$out/$name.detail"
    fi
}
# a condition as a case
expect() { # NAME MESSAGE -- COMMAND...
    local name=$1 msg=$2
    shift 3
    if "$@"; then tl_pass "$name"; else tl_fail "$name" "$msg"; fi
}
# the error output of a case is exactly one line
one_line() {
    expect "$1-one-line" "stderr is not one line" -- test "$(wc -l < "$out/$1.err")" -eq 1
}
reg() { # [--flags FLAGS]: pvm's entry as a step of a case
    if "$pvm" --binfmt-register --name "$name" --path "$pvms" "$@" > "$out/reg.out" 2>&1; then
        registered+=("$name")
        return 0
    fi
    sed 's/^/    /' "$out/reg.out"
    return 1
}
unreg() { # NAME
    "$pvm" --binfmt-unregister --name "$1" > /dev/null 2>&1
    [ ! -e "$BF/$1" ]
}
as_user=(setpriv --reuid 1000 --regid 1000 --clear-groups --)

# the programs, where the kernel will find them (a tmpfs of the namespace)
cp "$bd/bfprobe-static" "$T/bfs"
cp "$bd/bfprobe-dyn" "$T/bfd"
cp "$bd/preload.so" "$T/preload.so"
chmod 0755 "$T/bfs" "$T/bfd" "$T/preload.so"
printf '#!%s scriptarg\n' "$T/bfs" > "$T/script"
chmod 0755 "$T/script"

# -- the private instance: the kernel must have one per user namespace
premounted=0
if [ "$mode" != global ]; then
    if ! probe_err=$(unshare --mount sh -c "mount -t binfmt_misc binfmt_misc $BF" 2>&1); then
        tl_skip all "no binfmt_misc instance of a user namespace (Linux 6.7 or later; $(uname -r) here): ${probe_err:-mount failed}; BINFMT_TEST_GLOBAL=1 registers in the machine's table instead"
        tl_summary
        exit 77
    fi
    # a binfmt_misc seen here before any mount of ours is the machine's
    # (copied with the mount namespace): ours goes on top
    if is_binfmt_fs; then
        premounted=1
        mount -t binfmt_misc binfmt_misc "$BF" || { tl_fail mount "cannot mount the namespace's binfmt_misc"; tl_summary; exit; }
    fi
else
    if ! is_binfmt_fs; then
        mount -t binfmt_misc binfmt_misc "$BF" || { tl_skip all "cannot mount binfmt_misc"; tl_summary; exit; }
    fi
    other=$("$pvm" --binfmt-status --name "$name" | sed -n 's/^other handler of AArch64 programs: //p' | grep '(enabled' | head -1)
    if [ -n "$other" ]; then
        tl_skip all "the machine's binfmt_misc already runs arm64 programs with $other"
        tl_summary
        exit
    fi
fi

# -- status, register, the kernel's view of the entry
if [ "$mode" != global ] && [ "$premounted" = 0 ]; then
    check status_unmounted 3 $'^state: unknown$\n^binfmt_misc: not mounted at /proc/sys/fs/binfmt_misc$' EMPTY -- "$pvm" --binfmt-status
fi
check register 0 "^registered $name: interpreter $pvms, flags POF \\($BF/$name\\)$" EMPTY -- \
    "$pvm" --binfmt-register --name "$name" --path "$pvms"
[ -e "$BF/$name" ] && registered+=("$name")
if [ "$mode" != global ]; then
    # pvm mounted (or found) the namespace's fresh instance: nothing but ours in it
    expect private_instance "the instance has entries of others" -- \
        test "$(find "$BF" -mindepth 1 -maxdepth 1 ! -name register ! -name status ! -name "$name" | wc -l)" -eq 0
fi
check status 0 $'^state: enabled$\n^interpreter: '"$pvms"$'$\n^flags: POF$\n^magic: pvm.s \\(AArch64 ELF programs, ET_EXEC and ET_DYN\\)$\n^binfmt_misc: enabled at /proc/sys/fs/binfmt_misc$' EMPTY -- \
    "$pvm" --binfmt-status --name "$name"
check register_again 0 "^$name is already registered: interpreter $pvms, flags POF" EMPTY -- \
    "$pvm" --binfmt-register --name "$name" --path "$pvms"
# the kernel holds the magic and mask of dist/'s files (the cli suite checks
# that they are pvm --binfmt-register --print's)
conf_hex() { # FIELD (5: magic, 6: mask) of the dist binfmt.d line, as the kernel shows it
    grep -v '^#' "$tree/dist/binfmt.d/pvm-aarch64.conf" | cut -d: -f"$1" | sed 's/\\x//g'
}
check kernel_entry 0 $'^enabled$\n^flags: POF$\n^offset 0$\n^magic '"$(conf_hex 5)"$'$\n^mask '"$(conf_hex 6)"'$' "" -- cat "$BF/$name"

# -- P: argv[0] preserved (AT_FLAGS_PRESERVE_ARGV0), arguments never pvm's options
check p_argv0 0 $'^argv\\[0\\]=custom0$\n^argv\\[1\\]=one$\n^argv\\[2\\]=-strace$\n^argv\\[3\\]=--help$\n^argc=4$\n^execfn='"$T"$'/bfs$\n^secure=0$\n^flags=0$\n^exe='"$T"'/bfs$' EMPTY -- \
    bash -c 'exec -a custom0 "$1" one -strace --help' - "$T/bfs"
check p_relative 0 $'^argv\\[0\\]=\\./bfs$\n^execfn=\\./bfs$\n^exe='"$T"'/bfs$' EMPTY -- bash -c 'cd "$1" && env ./bfs' - "$T"
check p_dynamic 0 $'^argv\\[0\\]=dyn0$\n^argv\\[1\\]=x$\n^secure=0$' EMPTY -- bash -c 'exec -a dyn0 "$1" x' - "$T/bfd"
# a script whose interpreter is an arm64 program: the kernel's argv, AT_EXECFN the script's
check p_script 0 $'^argv\\[0\\]='"$T"$'/bfs$\n^argv\\[1\\]=scriptarg$\n^argv\\[2\\]='"$T"$'/script$\n^argv\\[3\\]=x$\n^execfn='"$T"$'/script$\n^exe='"$T"'/bfs$' EMPTY -- "$T/script" x
# the guest's own execve of an arm64 program (pvm re-executes itself)
check p_guest_exec 0 $'^argv\\[0\\]=first$\n^argv\\[0\\]=second$\n^argv\\[1\\]=y$' EMPTY -- \
    bash -c 'exec -a first "$1" exec "$1" y' - "$T/bfs"

# -- without P: argv[0] is the file's path, as under qemu; without O or P
# pvm knows the kernel started it by AT_EXECFN = argv[1], an AArch64 ELF
unreg "$name"
if reg --flags F; then
    check nop_argv0 0 $'^argv\\[0\\]='"$T"$'/bfs$\n^argv\\[1\\]=one$\n^argv\\[2\\]=-d$\n^argv\\[3\\]=in_asm$\n^flags=0$' EMPTY -- \
        bash -c 'exec -a custom0 "$1" one -d in_asm' - "$T/bfs"
    cp "$T/bfs" "$T/-strace"
    if command -v python3 > /dev/null; then
        check nop_dash_name 0 $'^argv\\[0\\]=-strace$\n^argv\\[1\\]=q$\n^execfn=-strace$' EMPTY -- \
            python3 -c 'import os, sys; os.chdir(sys.argv[1]); os.execv("-strace", ["ignored", "q"])' "$T"
    else
        tl_skip nop_dash_name "no python3 to exec a relative name starting with -"
    fi
    check nop_status 0 '^flags: F$' EMPTY -- "$pvm" --binfmt-status --name "$name"
    unreg "$name"
else
    tl_fail nop_register "pvm --binfmt-register --flags F failed"
fi

# -- F: the kernel opened the interpreter at registration
if [ "$mode" != global ]; then
    cp "$pvms" "$T/pvm-f"
    if "$pvm" --binfmt-register --name pvm-f --path "$T/pvm-f" --flags PF > "$out/reg.out" 2>&1; then
        registered+=(pvm-f)
        rm -f "$T/pvm-f"
        check f_interp_gone 0 '^argv\[0\]=fixed$' EMPTY -- bash -c 'exec -a fixed "$1"' - "$T/bfs"
        # a chroot with nothing but the program (no pvm, no /proc: as on an
        # arm64 machine, /proc/self/exe does not exist there)
        mkdir -p "$T/root"
        cp "$T/bfs" "$T/root/bfs"
        check f_chroot 0 $'^argv\\[0\\]=/bfs$\n^argv\\[1\\]=inside$\n^exe=$' EMPTY -- chroot "$T/root" /bfs inside
        unreg pvm-f
    else
        tl_fail f_register "$(cat "$out/reg.out")"
    fi
    cp "$pvms" "$T/pvm-nof"
    if "$pvm" --binfmt-register --name pvm-nof --path "$T/pvm-nof" --flags P > "$out/reg.out" 2>&1; then
        registered+=(pvm-nof)
        check nof_interp_there 0 '^argv\[0\]=lazy$' EMPTY -- bash -c 'exec -a lazy "$1"' - "$T/bfs"
        rm -f "$T/pvm-nof"
        check nof_interp_gone 127 "" 'No such file or directory|required file not found' -- bash -c 'exec "$1"' - "$T/bfs"
        unreg pvm-nof
    else
        tl_fail nof_register "$(cat "$out/reg.out")"
    fi
fi

# -- another entry already runs arm64 programs: refused, named, how to disable it
qemu="qemu-aarch64"
[ "$mode" = global ] && qemu=pvm-test-qemu-$$
fake_magic='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
fake_mask='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'
if printf '%s' ":$qemu:M::$fake_magic:$fake_mask:/usr/bin/qemu-aarch64-static:" > "$BF/register"; then
    registered+=("$qemu")
    check refuse_other 1 "" \
        "^pvm: binfmt_misc entry $qemu \\(interpreter /usr/bin/qemu-aarch64-static\\) already runs AArch64 programs; disable it first: echo 0 > $BF/$qemu \\(or update-binfmts --disable $qemu\\)$" -- \
        "$pvm" --binfmt-register --name "$name" --path "$pvms"
    one_line refuse_other
    expect refuse_other_nothing "an entry was made" -- test ! -e "$BF/$name"
    check status_other 3 $'^state: not registered$\n^other handler of AArch64 programs: '"$qemu"' \(enabled, interpreter /usr/bin/qemu-aarch64-static, flags none\)$' EMPTY -- \
        "$pvm" --binfmt-status --name "$name"
    # disabled as the message says, it is no obstacle
    echo 0 > "$BF/$qemu"
    check register_beside_disabled 0 "^registered $name: " EMPTY -- "$pvm" --binfmt-register --name "$name" --path "$pvms"
    [ -e "$BF/$name" ] && registered+=("$name")
    echo -1 > "$BF/$qemu"
else
    tl_fail refuse_other "cannot register the fake $qemu entry"
fi

# -- unregister, and what an unregistered program does then
check unregister 0 "^unregistered $name$" EMPTY -- "$pvm" --binfmt-unregister --name "$name"
check unregister_again 0 "^$name is not registered \\(nothing to remove\\)$" EMPTY -- "$pvm" --binfmt-unregister --name "$name"
check unregistered_exec 126 "" 'Exec format error' -- bash -c 'exec "$1"' - "$T/bfs"

# -- binfmt_misc unavailable (no /proc/sys/fs/binfmt_misc in a mount namespace of its own)
if [ "$mode" != global ]; then
    check unavailable 1 "" "^pvm: binfmt_misc is unavailable: $BF: No such file or directory" -- \
        unshare --mount sh -c 'mount -t tmpfs none /proc/sys/fs && exec "$0" --binfmt-register --path "$1"' "$pvm" "$pvms"
    one_line unavailable
fi

if [ "$mode" = global ]; then
    tl_skip f_flag "would register a second entry in the machine's table"
    tl_skip unavailable "needs a mount namespace of a user namespace"
fi
if [ "$mode" != ranged ]; then
    for c in not_root o_execute_only c_setuid secure_mode; do
        tl_skip "$c" "needs uids besides root in the namespace (run as root: tests/binfmt/nsmap.c maps a range)"
    done
    cleanup
    tl_summary
    exit
fi

# -- as an ordinary user: no registration, status readable
check not_root 1 "" '^pvm: --binfmt-register: permission denied \(EPERM\): registering a binfmt_misc handler needs root$' -- \
    "${as_user[@]}" "$pvm" --binfmt-register --name other --path "$pvms"
one_line not_root
reg || tl_fail setup "cannot register"
check not_root_unregister 1 "" 'removing a binfmt_misc handler needs root$' -- "${as_user[@]}" "$pvm" --binfmt-unregister --name "$name"
check not_root_status 0 '^state: enabled$' EMPTY -- "${as_user[@]}" "$pvm" --binfmt-status --name "$name"

# -- O: an execute-only program runs, pvm reads it through the kernel's descriptor
cp "$T/bfs" "$T/xonly"
chmod 0711 "$T/xonly"
check o_execute_only 0 $'^argv\\[0\\]=xo$\n^uid=1000 euid=1000 gid=1000 egid=1000$\n^secure=0$\n^execfn='"$T"$'/xonly$\n^exe='"$T"'/xonly$' EMPTY -- \
    "${as_user[@]}" bash -c 'exec -a xo "$1"' - "$T/xonly"
# a guest's own execve of it: pvm cannot read it, so the host kernel opens
# it for the next pvm through the entry (binfmt_exec_by_kernel)
check o_guest_exec 0 $'^argv\\[0\\]=second$\n^uid=1000 euid=1000 gid=1000 egid=1000$' EMPTY -- \
    "${as_user[@]}" "$T/bfs" exec "$T/xonly"
check o_direct_unreadable 126 "" "^pvm: $T/xonly: Permission denied$" -- "${as_user[@]}" "$pvm" "$T/xonly"
unreg "$name"
reg --flags PF || tl_fail setup "cannot register PF"
check o_without_O 126 "" "^pvm: $T/xonly: Permission denied$" -- "${as_user[@]}" "$T/xonly"
unreg "$name"

# -- C: a set-user-ID root program gets euid 0, and everything secure mode promises
cp "$T/bfd" "$T/suid-dyn"
cp "$T/bfs" "$T/suid"
cp "$T/bfs" "$T/plain"
chmod 4755 "$T/suid" "$T/suid-dyn"
chown 1000:1000 "$T/u"
mkdir -p "$T/evil"
echo evil > "$T/evil/bf-marker"
reg --flags POCF || tl_fail setup "cannot register POCF"
check c_setuid 0 $'^uid=1000 euid=0 gid=1000 egid=1000$\n^secure=1$\n^argv\\[0\\]=su0$' EMPTY -- \
    "${as_user[@]}" bash -c 'exec -a su0 "$1"' - "$T/suid"
# the privileged guest's own execve keeps the ids, and AT_SECURE with them, as the kernel does
check c_exec_keeps_secure 0 $'^argv\\[0\\]=second$\n^uid=1000 euid=0 gid=1000 egid=1000$' EMPTY -- \
    "${as_user[@]}" "$T/suid" exec "$T/plain"
# an unprivileged guest's execve of a set-user-ID program: the host kernel
# starts it through the entry, with the file's credentials (C)
check c_guest_exec_setuid 0 $'^argv\\[0\\]=second$\n^uid=1000 euid=0 gid=1000 egid=1000$\n^secure=1$' EMPTY -- \
    "${as_user[@]}" "$T/plain" exec "$T/suid"
expect c_exec_keeps_secure_both "the exec'd program lost AT_SECURE" -- \
    test "$(grep -c '^secure=1$' "$out/c_exec_keeps_secure.out")" -eq 2
check c_plain 0 $'^uid=1000 euid=1000 gid=1000 egid=1000$\n^secure=0$' EMPTY -- "${as_user[@]}" "$T/plain"
# the guest's ld.so honours AT_SECURE: LD_PRELOAD ignored
check c_preload_ignored 0 $'^uid=1000 euid=0 \n^secure=1$' EMPTY -- "${as_user[@]}" env LD_PRELOAD="$T/preload.so" "$T/suid-dyn"
expect c_preload_ignored_really "the set-user-ID program loaded LD_PRELOAD" -- \
    bash -c '! grep -q "^preloaded$" "$1"' - "$out/c_preload_ignored.out"
check c_preload_plain 0 $'^preloaded$\n^secure=0$' EMPTY -- "${as_user[@]}" env LD_PRELOAD="$T/preload.so" "$T/bfd"
# PVM_* variables are not read: no -L prefix, no log file, no strace
check c_pvm_vars_ignored 0 $'^uid=1000 euid=0 \n^argv\\[0\\]='"$T"$'/suid$\n^cat: No such file or directory$' EMPTY -- \
    "${as_user[@]}" env PVM_LD_PREFIX="$T/evil" PVM_LOG_FILE="$T/u/log-suid" PVM_STRACE=1 PVM_DEBUG=exec \
    PVM_ARGV0=renamed "$T/suid" cat /bf-marker
expect c_pvm_vars_no_log "the set-user-ID run wrote PVM_LOG_FILE" -- test ! -e "$T/u/log-suid"
check c_pvm_vars_plain 0 $'^argv\\[0\\]=renamed$\n^cat: evil$' "" -- \
    "${as_user[@]}" env PVM_LD_PREFIX="$T/evil" PVM_LOG_FILE="$T/u/log-plain" PVM_STRACE=1 \
    PVM_ARGV0=renamed "$T/plain" cat /bf-marker
expect c_pvm_vars_plain_log "the plain run did not write PVM_LOG_FILE" -- grep -q '^exit_group(0)' "$T/u/log-plain"
# a crash says nothing of the privileged guest and leaves no core file
check c_crash_silent 139 "" EMPTY -- "${as_user[@]}" bash -c 'cd "$1" && ulimit -c unlimited && exec "$2" segv' - "$T/u" "$T/suid"
expect c_crash_no_core "a core file was written" -- test -z "$(find "$T/u" -name 'core*')"
check c_crash_plain 139 "" '^pvm: guest SIGSEGV at address 0x10 ' -- "${as_user[@]}" bash -c 'cd "$1" && exec "$2" segv' - "$T/u" "$T/plain"
unreg "$name"
# without C (pvm's default flags, Debian's for qemu): the program runs with the caller's ids
reg || tl_fail setup "cannot register"
check c_without_C 0 $'^uid=1000 euid=1000 gid=1000 egid=1000$\n^secure=0$' EMPTY -- "${as_user[@]}" "$T/suid"
unreg "$name"

cleanup
tl_summary

# binfmt_misc cases of the command-line suite, sourced by tests/cli/run.sh
# (uses its check/one_line, $pvm $probe $work): the files in dist/ are
# exactly what pvm --binfmt-register --print makes (so their magic and mask
# are the command's), the formats, and the commands' usage errors. No case
# touches the kernel's table: tests/binfmt/ registers, in a user namespace.
# shellcheck shell=bash disable=SC2154,SC2016 # pvm, probe, work: set by run.sh; $1 is bash -c's

bf_tree=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
bf_interp=/usr/local/bin/pvm-static # dist/module.mk's BINFMT_INTERP

# -- dist/'s files are the command's output, byte for byte (make binfmt-files)
check binfmt_dist_conf 0 "" "" -- bash -c 'cmp <("$1" --binfmt-register --print conf --path "$2") "$3"' - \
    "$pvm" "$bf_interp" "$bf_tree/dist/binfmt.d/pvm-aarch64.conf"
check binfmt_dist_binfmts 0 "" "" -- bash -c 'cmp <("$1" --binfmt-register --print binfmts --path "$2") "$3"' - \
    "$pvm" "$bf_interp" "$bf_tree/dist/binfmts/pvm-aarch64"
# and the two files name the same magic and mask
bf_conf_line=$(grep -v '^#' "$bf_tree/dist/binfmt.d/pvm-aarch64.conf")
check binfmt_dist_same_magic 0 "" "" -- test "$(echo "$bf_conf_line" | cut -d: -f5)" = \
    "$(sed -n 's/^magic //p' "$bf_tree/dist/binfmts/pvm-aarch64")"
check binfmt_dist_same_mask 0 "" "" -- test "$(echo "$bf_conf_line" | cut -d: -f6)" = \
    "$(sed -n 's/^mask //p' "$bf_tree/dist/binfmts/pvm-aarch64")"

# -- the formats
bf_magic='\\x7f\\x45\\x4c\\x46\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xb7\\x00'
bf_mask='\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff'
check binfmt_print_register 0 "^:pvm-aarch64:M::$bf_magic:$bf_mask:/opt/pvm-static:POF\$" "" -- \
    "$pvm" --binfmt-register --print register --path /opt/pvm-static
check binfmt_print_flags 0 "^:arm64:M::$bf_magic:$bf_mask:/opt/pvm-static:OCF\$" "" -- \
    "$pvm" --binfmt-register --print register --path /opt/pvm-static --flags FC --name arm64
check binfmt_print_no_flags 0 ':/opt/pvm-static:$' "" -- \
    "$pvm" --binfmt-register --print=register --path=/opt/pvm-static --flags=
check binfmt_print_binfmts_c 0 $'^credentials yes$' "" -- \
    "$pvm" --binfmt-register --print binfmts --path /opt/pvm-static --flags POCF
check binfmt_print_binfmts_pof 0 '^credentials no$' "" -- \
    "$pvm" --binfmt-register --print binfmts --path /opt/pvm-static
# without --path: pvm-static beside this pvm (a static binary runs in any chroot)
bf_static=$(realpath "$(dirname "$pvm")/pvm-static" 2> /dev/null)
if [ -x "$bf_static" ]; then
    check binfmt_default_path 0 ":$bf_static:POF\$" "" -- "$pvm" --binfmt-register --print register
fi
check binfmt_help 0 '^  --binfmt-register ' "" -- "$pvm" --help

# -- refusals: usage errors are status 2, one line; a bad interpreter status 1
check binfmt_bad_flags 2 "" "^pvm: bad --flags 'PX' \\(letters of POCF, each at most once\\)" -- \
    "$pvm" --binfmt-register --flags PX
one_line binfmt_bad_flags
check binfmt_twice_flag 2 "" "^pvm: bad --flags 'PP'" -- "$pvm" --binfmt-register --flags PP
check binfmt_bad_name 2 "" "^pvm: bad --name 'a/b'" -- "$pvm" --binfmt-status --name a/b
check binfmt_name_register 2 "" "^pvm: bad --name 'register'" -- "$pvm" --binfmt-unregister --name register
check binfmt_bad_print 2 "" "^pvm: bad --print 'xml' \\(register, conf or binfmts\\)" -- "$pvm" --binfmt-register --print xml
check binfmt_opts_alone 2 "" '^pvm: --flags, --name, --path and --print need --binfmt-register' -- "$pvm" --name x "$probe"
check binfmt_two_cmds 2 "" '^pvm: --binfmt-status: only one --binfmt command at a time' -- \
    "$pvm" --binfmt-register --binfmt-status
check binfmt_program 2 "" "^pvm: unexpected argument '$probe' after a --binfmt command" -- \
    "$pvm" --binfmt-register "$probe"
check binfmt_status_path 2 "" '^pvm: --flags, --path and --print are for --binfmt-register only' -- \
    "$pvm" --binfmt-status --path /bin/true
check binfmt_path_missing 1 "" "^pvm: $work/nope: No such file or directory\$" -- \
    "$pvm" --binfmt-register --print conf --path "$work/nope"
one_line binfmt_path_missing
check binfmt_path_arm64 1 "" 'an AArch64 program cannot be the interpreter of AArch64 programs$' -- \
    "$pvm" --binfmt-register --print conf --path "$probe"
check binfmt_path_colon 1 "" "^pvm: /opt/a:b: cannot be written in a binfmt_misc entry" -- \
    "$pvm" --binfmt-register --print conf --path /opt/a:b

# Option cases of the command-line suite, sourced by tests/cli/run.sh (uses
# its check/one_line, $pvm $probe $work, and $cpuprobe, tests/cli/cpuprobe.c):
# qemu-user's spellings (-E/-U lists, -strace, -version, -help), -s (stack
# size and RLIMIT_STACK), -cpu models (auxv, /proc/cpuinfo, SIGILL for a
# feature the model lacks, PVM_CPU and its inheritance across execve) and
# qemu options pvm refuses.
# shellcheck shell=bash disable=SC2154 # pvm, probe, cpuprobe: set by run.sh

# -- -E/-U take comma-separated lists, as qemu-aarch64's do
check env_set_list 0 '^PVM_A=1 PVM_B=2$' "" -- "$pvm" -E PVM_A=1,PVM_B=2 "$cpuprobe" envs PVM_A PVM_B
check env_unset_list 0 '^PVM_A unset PVM_B unset PVM_C=3$' "" -- \
    env PVM_A=1 PVM_B=2 PVM_C=3 "$pvm" -U PVM_A,PVM_B "$cpuprobe" envs PVM_A PVM_B PVM_C
check env_set_unset_list 0 '^PVM_A=x PVM_B unset$' "" -- \
    env PVM_B=2 "$pvm" --set-env=PVM_A=x --unset-env PVM_B "$cpuprobe" envs PVM_A PVM_B

# -- qemu's spellings of pvm's options
check strace_qemu 0 "" '^exit_group\(0\)' -- "$pvm" -strace "$probe" exit 0
check version_qemu 0 '^pvm ' "" -- "$pvm" -version
check help_qemu 0 '^usage: pvm' "" -- "$pvm" -help
check help_lists_s 0 '^  -s, --stack-size ' "" -- "$pvm" --help

# -- -s SIZE: the guest's stack and its RLIMIT_STACK soft limit
check stack_rlimit 0 '^RLIMIT_STACK soft 67108864$' "" -- "$pvm" -s 64M "$cpuprobe" rlimit-stack
check stack_rlimit_k 0 '^RLIMIT_STACK soft 1048576$' "" -- "$pvm" --stack-size=1024K "$cpuprobe" rlimit-stack
check stack_rlimit_env 0 '^RLIMIT_STACK soft 16777216$' "" -- env PVM_STACK_SIZE=16M "$pvm" "$cpuprobe" rlimit-stack
check stack_recurse_64m 0 '^recursed 48 MiB$' "" -- "$pvm" -s 64M "$cpuprobe" recurse 48
check stack_recurse_default 139 "" '^pvm: guest SIGSEGV at address ' -- bash -c 'ulimit -s 8192; exec "$@"' - "$pvm" "$cpuprobe" recurse 48
# without -s a larger host RLIMIT_STACK sizes the stack, as under qemu
check stack_host_rlimit 0 '^recursed 48 MiB$' "" -- bash -c 'ulimit -s 65536; exec "$@"' - "$pvm" "$cpuprobe" recurse 48
check stack_host_unlimited 0 '^recursed 6 MiB$' "" -- bash -c 'ulimit -s unlimited; exec "$@"' - "$pvm" "$cpuprobe" recurse 6
# with -s, the soft limit the guest sets before an execve sizes the next image's stack
check stack_setrlimit_exec 0 '^recursed 48 MiB$' "" -- "$pvm" -s 16M "$cpuprobe" stack-exec 64 "$cpuprobe" recurse 48
check stack_setrlimit_exec_reads 0 '^RLIMIT_STACK soft 67108864$' "" -- "$pvm" -s 16M "$cpuprobe" stack-exec 64 "$cpuprobe" rlimit-stack
check stack_bad 2 "" "^pvm: bad size '12Q'" -- "$pvm" -s 12Q "$cpuprobe" rlimit-stack
check stack_inherited 0 '^RLIMIT_STACK soft 33554432$' "" -- \
    "$pvm" -s 32M "$cpuprobe" exec-clean "$cpuprobe" rlimit-stack

# -- -cpu MODEL: AT_HWCAP/AT_HWCAP2, /proc/cpuinfo, SIGILL for what it lacks
check cpu_a53_hwcap 0 '^hwcap=0xfb hwcap2=0x0$' "" -- "$pvm" -cpu cortex-a53 "$cpuprobe" hwcap
check cpu_a72_hwcap 0 '^hwcap=0xfb hwcap2=0x0$' "" -- "$pvm" -cpu cortex-a72 "$cpuprobe" hwcap
check cpu_n1_hwcap 0 '^hwcap=0x1191fb hwcap2=0x0$' "" -- "$pvm" -cpu neoverse-n1 "$cpuprobe" hwcap
check cpu_max_hwcap 0 '^hwcap=0x2c33b1fb hwcap2=0x181$' "" -- "$pvm" -cpu max "$cpuprobe" hwcap
check cpu_default_hwcap 0 '^hwcap=0x2c33b1fb hwcap2=0x181$' "" -- "$pvm" "$cpuprobe" hwcap
check cpu_a53_features 0 '^Features[[:space:]]+: fp asimd aes pmull sha1 sha2 crc32$' "" -- \
    "$pvm" -cpu cortex-a53 "$cpuprobe" cpuinfo
check cpu_a53_part 0 '^CPU part[[:space:]]+: 0xd03$' "" -- "$pvm" -cpu cortex-a53 "$cpuprobe" cpuinfo
check cpu_a53_rev 0 '^CPU revision[[:space:]]+: 4$' "" -- "$pvm" -cpu cortex-a53 "$cpuprobe" cpuinfo
check cpu_a72_part 0 '^CPU part[[:space:]]+: 0xd08$' "" -- "$pvm" -cpu cortex-a72 "$cpuprobe" cpuinfo
check cpu_n1_features 0 '^Features[[:space:]]+: fp asimd aes pmull sha1 sha2 crc32 atomics asimdrdm lrcpc dcpop asimddp$' "" -- \
    "$pvm" -cpu neoverse-n1 "$cpuprobe" cpuinfo
check cpu_n1_part 0 '^CPU part[[:space:]]+: 0xd0c$' "" -- "$pvm" -cpu neoverse-n1 "$cpuprobe" cpuinfo
check cpu_n1_variant 0 '^CPU variant[[:space:]]+: 0x4$' "" -- "$pvm" -cpu neoverse-n1 "$cpuprobe" cpuinfo
check cpu_max_part 0 '^CPU part[[:space:]]+: 0xd47$' "" -- "$pvm" -cpu max "$cpuprobe" cpuinfo
check cpu_max_features 0 '^Features[[:space:]]+: fp asimd aes pmull sha1 sha2 crc32 atomics asimdrdm jscvt lrcpc dcpop sha3 asimddp sha512 ilrcpc flagm sb dcpodp flagm2 frint$' "" -- \
    "$pvm" "$cpuprobe" cpuinfo
check cpu_a53_lse_sigill 132 "" \
    '^pvm: A64 encoding 0x[0-9a-f]{8} at pc 0x[0-9a-f]+ needs feature atomics, which CPU model cortex-a53 lacks \(guest SIGILL\)$' -- \
    "$pvm" -cpu cortex-a53 "$cpuprobe" ldadd
one_line cpu_a53_lse_sigill
check cpu_n1_lse 0 '^ldadd: old 40 new 42$' "" -- "$pvm" -cpu neoverse-n1 "$cpuprobe" ldadd
check cpu_max_lse 0 '^ldadd: old 40 new 42$' "" -- "$pvm" -cpu max "$cpuprobe" ldadd
check cpu_long 0 '^hwcap=0x1191fb ' "" -- "$pvm" --cpu=neoverse-n1 "$cpuprobe" hwcap
check cpu_unknown 2 "" '^pvm: unknown CPU model .cortex-a99. \(known: cortex-a53, cortex-a72, neoverse-n1, max\)$' -- \
    "$pvm" -cpu cortex-a99 "$cpuprobe" hwcap
one_line cpu_unknown
check cpu_help 0 '^  neoverse-n1 +CPU part 0xd0c: fp asimd' "" -- "$pvm" -cpu help
# PVM_CPU, and the model inherited by a guest's execve even with an empty environment
check cpu_env 0 '^hwcap=0xfb hwcap2=0x0$' "" -- env PVM_CPU=cortex-a53 "$pvm" "$cpuprobe" hwcap
check cpu_env_sigill 132 "" 'which CPU model cortex-a72 lacks' -- env PVM_CPU=cortex-a72 "$pvm" "$cpuprobe" ldadd
check cpu_cmdline_wins 0 '^hwcap=0x1191fb ' "" -- env PVM_CPU=cortex-a53 "$pvm" -cpu neoverse-n1 "$cpuprobe" hwcap
check cpu_env_inherited 0 '^hwcap=0xfb hwcap2=0x0$' "" -- \
    env PVM_CPU=cortex-a53 "$pvm" "$cpuprobe" exec-clean "$cpuprobe" hwcap
check cpu_inherited 0 '^hwcap=0x1191fb hwcap2=0x0$' "" -- \
    "$pvm" -cpu neoverse-n1 "$cpuprobe" exec-clean "$cpuprobe" hwcap
check cpu_inherited_sigill 132 "" 'which CPU model cortex-a53 lacks' -- \
    "$pvm" -cpu cortex-a53 "$cpuprobe" exec-clean "$cpuprobe" ldadd

# -- qemu options pvm does not have: one line, status 2, with or without their argument
check unsupported_g 2 "" '^pvm: -g: not supported by pvm$' -- "$pvm" -g 1234 "$probe" exit 0
one_line unsupported_g
check unsupported_one_insn 2 "" '^pvm: -one-insn-per-tb: not supported by pvm$' -- "$pvm" -one-insn-per-tb "$probe" exit 0
one_line unsupported_one_insn
check unsupported_seed 2 "" '^pvm: -seed: not supported by pvm$' -- "$pvm" -seed 7 "$probe" exit 0
check unsupported_B 2 "" '^pvm: -B: not supported by pvm$' -- "$pvm" -B 0x1000 "$probe" exit 0

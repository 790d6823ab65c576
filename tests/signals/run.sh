#!/usr/bin/env bash
# Guest signal suite runner: tests/lib/progsuite.sh's rules for the programs
# of tests/signals (a C++ program is a skip when the cross g++ is missing).
# usage: run.sh BINDIR [PROGRAM...]
# env: SIG_RUNNER (executor, default build/pvm), TIMEOUT (seconds per
# program, default 120), SYSROOT, V=1
PS_SUITE=signals PS_RUNNER=${SIG_RUNNER:-build/pvm} TIMEOUT=${TIMEOUT:-120} \
    exec "$(dirname "$0")/../lib/progsuite.sh" "$@"

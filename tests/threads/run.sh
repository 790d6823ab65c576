#!/usr/bin/env bash
# Guest thread suite runner: tests/lib/progsuite.sh's rules for the programs
# of tests/threads. usage: run.sh BINDIR [PROGRAM...]
# env: THR_RUNNER (executor, default build/pvm), THR_TSAN=1 (a
# ThreadSanitizer build: tsan-fails lines apply), SYSROOT, TIMEOUT, V=1
PS_SUITE=threads PS_RUNNER=${THR_RUNNER:-build/pvm} PS_TSAN=${THR_TSAN:-} \
    exec "$(dirname "$0")/../lib/progsuite.sh" "$@"

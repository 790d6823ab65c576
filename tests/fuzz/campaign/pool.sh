#!/usr/bin/env bash
# Build-time generator for fuzz.c's instruction streams: for every decode row
# of pvm (interp/*.def, INSN(name, mask, match, ...)) draw 32 words with the
# row's free bits at random (bash's RANDOM with a fixed seed, so the pool is
# the same on every build of the same tables), keep those pvm's decoder
# accepts (ISA_SWEEP, tools/isa_sweep.c) and print them as a C initializer
# list.
# usage: pool.sh ISA_SWEEP DEF-FILES... > pool.h
set -eu
sweep=$1
shift
RANDOM=20261205
sed -n 's/^INSN([A-Za-z0-9_]*, *\(0x[0-9a-fA-F]*\), *\(0x[0-9a-fA-F]*\),.*/\1 \2/p' "$@" |
while read -r mask match; do
    for ((i = 0; i < 32; i++)); do
        w=$(( (RANDOM << 17 ^ RANDOM << 2 ^ RANDOM) & 0xffffffff ))
        printf '%08x\n' $(( (match | (w & ~mask)) & 0xffffffff ))
    done
done | "$sweep" | awk '$2 != "-" { printf "0x%s,\n", $1 }'

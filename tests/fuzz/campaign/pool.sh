#!/usr/bin/env bash
# Build-time generator for fuzz.c's instruction streams: for every decode row
# of pvm (its fixed bits as tools/gen_decode lists them: NAME MASK MATCH
# lines of $(BUILD)/gen/decode_rows.txt) draw 32 words with the row's free
# bits at random (bash's RANDOM with a fixed seed, so the pool is
# the same on every build of the same tables), keep those pvm's decoder
# accepts (ISA_SWEEP, tools/isa_sweep.c) and print them as a C initializer
# list.
# usage: pool.sh ISA_SWEEP DECODE_ROWS > pool.h
set -eu
sweep=$1
shift
RANDOM=20261205
while read -r _ mask match; do
    for ((i = 0; i < 32; i++)); do
        w=$(( (RANDOM << 17 ^ RANDOM << 2 ^ RANDOM) & 0xffffffff ))
        printf '%08x\n' $(( (match | (w & ~mask)) & 0xffffffff ))
    done
done < "$1" | "$sweep" | awk '$2 != "-" { printf "0x%s,\n", $1 }'

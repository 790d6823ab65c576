# shellcheck shell=bash
# gjit cases, sourced by tests/gjit/run.sh, which runs each in every mode of
# GJIT_MODES (names CASE.MODE). Each line:
#   gcase NAME --bin PATH [--env VAR=VAL]... [--must LINE-REGEX]... -- ARGS...
# runs /PATH ARGS natively (the amd64 program inside the native tree) and
# SYSROOT/PATH ARGS under the runner; the scripts of tests/gjit (bench.lua,
# v8.js) are in the current directory. Stdout and exit status must be equal,
# and every --must regex must match a whole line of the runner's stdout.

# LuaJIT with its JIT on: hot loops become arm64 traces, side traces get
# patched into their parents' exits, jit.flush() lets new traces overwrite
# old ones (tests/gjit/bench.lua). The lines say the JIT was on and had traces.
gcase luajit_jon --bin usr/bin/luajit --must 'jit: on' --must 'traces: yes' -- -jon bench.lua
# the same with a 4 KiB machine-code area (LuaJIT flushes every trace when
# it fills, unmaps its areas and maps new ones) and traces started after 2
# loop iterations and 1 side exit: code is unmapped and mapped again all the
# time (half the data: 15 flushes on arm64, 6 of them the jit.flush() calls)
gcase luajit_flushes --bin usr/bin/luajit --must 'jit: on' --must 'traces: yes' \
    -- -jon -Ohotloop=2 -Ohotexit=1 -Osizemcode=4 -Omaxmcode=4 bench.lua 0.5
# the control: the same benchmark in LuaJIT's interpreter (no arm64 code
# written), on half the data (SCALE 0.5: interpreted, it takes 3x as long)
gcase luajit_joff --bin usr/bin/luajit --must 'jit: off' -- -joff bench.lua 0.5

# Node.js: V8's baseline compiler, TurboFan (a forced optimization, a
# deoptimization and a second optimization are checked by the script itself),
# irregexp's compiled regexps, code moved or freed by full collections, on
# V8's worker threads too. NODE_EXTRA_CA_CERTS=/dev/null: Debian's node
# otherwise warns on stderr that /etc/ssl/certs/ca-certificates.crt is missing.
gcase node --bin usr/bin/node --env NODE_EXTRA_CA_CERTS=/dev/null \
    --must 'hot: .* true' --must 'deopt: .* true true true' -- --allow-natives-syntax --expose-gc v8.js

# The guest region under an address-space limit (`ulimit -v`; core/mem.h
# mem_init_fit, engine/main.c, docs/design.md "Guest memory"), sourced by
# tests/cli/run.sh (check, one_line, passed, failed, $pvm, $probe, $work).
# Each case runs pvm under `ulimit -v KIB` in a bash of its own.
#
# reserve_8g, _2g, _600m: without -R, 1T halves to the largest size that
#   leaves a quarter of the limit (at least 64M) to pvm: 4G, 1G, 256M; one
#   line says so; the guest execs itself and the re-executed pvm, which
#   halves again by itself, says nothing (its -d exec line names the size).
# reserve_too_small: not even 256M fits: one line, status 1.
# reserve_explicit, _fits: -R is that size or nothing (no halving).
# reserve_stack_floor: -s 128M needs 8 times that: 1G does not fit under
#   1G of limit; -s 32M under the same limit gets 512M.
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh
rsv_probe=$(dirname "$probe")/selfprobe
# ulimited KIB CMD...: CMD under `ulimit -v KIB`
ulimited() { bash -c 'ulimit -v "$1" && shift && exec "$@"' ulimited "$@"; }

reserve_cases() {
    rm -f "$work/reserve_8g.log"
    check reserve_8g 0 '^ok$' \
        '^pvm: guest address space reduced to 4G: 1T does not fit under the address-space limit \(ulimit -v 8388608\) with 2G left for pvm$' -- \
        ulimited 8388608 "$pvm" -d exec -D "$work/reserve_8g.log" "$rsv_probe" exec "$rsv_probe" say ok
    one_line reserve_8g
    if grep -q '^exec-reserve: 4G (ulimit -v 8388608)$' "$work/reserve_8g.log"; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL reserve_8g_child: the re-executed pvm logged no exec-reserve: 4G line"; fi
    check reserve_2g 0 '^ok$' '^pvm: guest address space reduced to 1G: 1T does not fit .*ulimit -v 2097152\) with 512M left for pvm$' -- \
        ulimited 2097152 "$pvm" "$rsv_probe" exec "$rsv_probe" say ok
    one_line reserve_2g
    check reserve_600m 0 '^ok$' '^pvm: guest address space reduced to 256M: .*with 150M left for pvm$' -- \
        ulimited 614400 "$pvm" "$rsv_probe" say ok
    check reserve_too_small 1 '' \
        '^pvm: cannot reserve guest address space: not even 256M fits under the address-space limit \(ulimit -v 204800\) with 64M left for pvm$' -- \
        ulimited 204800 "$pvm" "$rsv_probe" say ok
    one_line reserve_too_small
    check reserve_explicit 1 '' '^pvm: cannot reserve 8G of guest address space \(-R\): Cannot allocate memory \(ulimit -v 4194304\)$' -- \
        ulimited 4194304 "$pvm" -R 8G "$rsv_probe" say ok
    check reserve_explicit_fits 0 '^ok$' '' -- ulimited 4194304 "$pvm" -R 1G "$rsv_probe" say ok
    if [ ! -s "$work/reserve_explicit_fits.err" ]; then passed=$((passed + 1)); else
        failed=$((failed + 1)); echo "FAIL reserve_explicit_fits_quiet: a message for a -R that fits"; fi
    check reserve_stack_floor 1 '' '^pvm: cannot reserve guest address space: not even 1G fits ' -- \
        ulimited 1048576 "$pvm" -s 128M "$rsv_probe" say ok
    check reserve_stack_small 0 '^ok$' '^pvm: guest address space reduced to 512M: ' -- \
        ulimited 1048576 "$pvm" -s 32M "$rsv_probe" say ok
}
# a sanitizer build reserves terabytes of shadow memory at start-up: it
# cannot run under any of these limits
if ulimited 8388608 "$pvm" --version > /dev/null 2>&1; then reserve_cases; else
    echo "SKIP reserve_*: this pvm does not start under ulimit -v 8388608 (a sanitizer build's shadow memory)"; fi

# Guest-memory cases of the command-line suite, sourced by tests/cli/run.sh
# (uses its check, $pvm $probe $work) with tests/cli/mmprobe.c next to
# probe: huge brk, mmap and mremap requests answer at once (the probe prints
# each call's time, which must be under 1 s, and `timeout 5` bounds every
# run), failing with the errno Linux gives or succeeding where Linux does
# (MAP_NORESERVE); running out of host mappings (vm.max_map_count) is ENOMEM
# for the guest, not an internal error of pvm; and an ELF whose PT_TLS asks
# for a 64 GiB alignment ends with glibc's own error (as under qemu-aarch64:
# status 127, "Cannot allocate TLS block").
# shellcheck shell=bash disable=SC2154 # pvm, probe, work: set by run.sh
mmprobe=$(dirname "$probe")/mmprobe

# What the host kernel answers to an accounted (not MAP_NORESERVE) private
# writable mapping of $1 GiB: "-1 ENOMEM" or "ok", from vm.overcommit_memory
# (0: more than RAM + swap fails, 1: never fails, 2: more than CommitLimit).
mm_accounted() {
    local kb
    case $(cat /proc/sys/vm/overcommit_memory 2> /dev/null) in
    1) echo ok; return ;;
    2) kb=$(awk '/^CommitLimit:/ { print $2 }' /proc/meminfo) ;;
    *) kb=$(awk '/^(MemTotal|SwapTotal):/ { s += $2 } END { print s }' /proc/meminfo) ;;
    esac
    if [ $(($1 * 1024 * 1024)) -gt "$kb" ]; then echo "-1 ENOMEM"; else echo ok; fi
}
mm_in='in 0\.[0-9]+ s$' # under a second

# -- brk: the break stays where it is when the host refuses
for g in 64 300; do
    if [ "$(mm_accounted $g)" = ok ]; then r=moved; else r=unchanged; fi
    check "mm_brk_${g}g" 0 "^brk \+${g}G: $r $mm_in" "" -- timeout 5 "$pvm" "$mmprobe" brk $g
done

# -- mmap: accounted mappings fail as on the host, with and without MAP_FIXED
for g in 64 300 1016; do
    r=$(mm_accounted $g)
    check "mm_mmap_${g}g" 0 "^mmap ${g}G: $r $mm_in" "" -- timeout 5 "$pvm" "$mmprobe" mmap $g
    check "mm_mmap_${g}g_fixed" 0 "^mmap ${g}G fixed: $r $mm_in" "" -- \
        timeout 5 "$pvm" "$mmprobe" mmap $g fixed
done
# a failed MAP_FIXED over a guest mapping leaves it whole or gone, never a hole pvm's data could fill
check mm_mmap_300g_fixed_over 0 "^old page: (kept|gone \(ENOMEM\))$" "" -- \
    timeout 5 "$pvm" "$mmprobe" mmap 300 fixed over
# MAP_NORESERVE reservations that fit the region succeed, at once
check mm_mmap_512g_noreserve_none 0 "^mmap 512G noreserve none: ok $mm_in" "" -- \
    timeout 5 "$pvm" "$mmprobe" mmap 512 noreserve none
# regression: /proc/self/maps walked a huge reservation page by page (0.4 s per 512 GiB)
check mm_maps_1016g_noreserve_none 0 '^maps: read in 0\.[0-2][0-9]* s$' "" -- \
    timeout 5 "$pvm" "$mmprobe" mmap 1016 noreserve none readmaps
check mm_mmap_1016g_noreserve 0 "^mmap 1016G noreserve: ok $mm_in" "" -- \
    timeout 5 "$pvm" "$mmprobe" mmap 1016 noreserve
check mm_mmap_1016g_fixed_noreserve 0 "^mmap 1016G fixed noreserve: ok $mm_in" "" -- \
    timeout 5 "$pvm" "$mmprobe" mmap 1016 fixed noreserve
check mm_mmap_300g_fixed_over_noreserve 0 "^mmap 300G fixed noreserve over: ok $mm_in" "" -- \
    timeout 5 "$pvm" "$mmprobe" mmap 300 fixed noreserve over

# -- mremap: growing 1 MiB to 300 GiB, moving and in place; the old mapping stays intact
r=$(mm_accounted 300)
check mm_mremap_300g 0 "^mremap 300G: $r $mm_in" "" -- timeout 5 "$pvm" "$mmprobe" mremap 300
check mm_mremap_300g_inplace 0 "^mremap 300G inplace: $r $mm_in" "" -- \
    timeout 5 "$pvm" "$mmprobe" mremap 300 inplace

# -- vm.max_map_count: mprotect splits until ENOMEM; then a munmap that would
# split is ENOMEM too (as on Linux); undoing the splits frees mappings and
# malloc and stdio work again
check mm_max_map_count 0 '^munmap in the middle: -1 ENOMEM$' '^maxmap: [0-9]+ splits' -- \
    timeout 30 "$pvm" "$mmprobe" maxmap
# (the probe's status 0 says all of that held; the last line shows pvm still works)
check mm_max_map_count_after 0 '^malloc 1 MiB: ok$' "" -- timeout 30 "$pvm" "$mmprobe" maxmap

# -- PT_TLS with a 64 GiB p_align: glibc's start-up asks brk, then mmap, for
# more than 64 GiB and reports it cannot
check mm_tls_make 0 '^PT_TLS p_align 2\^36$' "" -- "$pvm" "$mmprobe" tls-align "$mmprobe" "$work/tlsbig" 36
chmod +x "$work/tlsbig" 2> /dev/null
if [ "$(mm_accounted 65)" = ok ]; then
    check mm_tls_align 0 '^brk \+1G: ' "" -- timeout 5 "$pvm" "$work/tlsbig" brk 1
else
    check mm_tls_align 127 "" 'Cannot allocate TLS block' -- timeout 5 "$pvm" "$work/tlsbig" brk 1
fi

# shellcheck shell=bash disable=SC2016,SC1003
# busybox test cases, sourced by tests/busybox/run.sh. Each line:
#   bb NAME [--stdin FILE] [--tree] [--stderr] -- APPLET ARGS...
# runs `BUSYBOX APPLET ARGS` in a fresh copy of the fixture (made by
# make_fixture below) with TZ=UTC LC_ALL=C, natively (the amd64 /bin/busybox
# of the native tree) and under pvm (arm64 busybox), and compares stdout and exit status;
# --tree also compares the directory afterwards (names, types, sizes,
# contents), --stderr also compares stderr. Inside `sh -c` scripts, applets
# are found through PATH, which holds symlinks to the side's own busybox,
# and "$BB" is the side's busybox path.

# The fixture, built with host tools only (identical for both sides).
make_fixture() { # DIR
    local d=$1
    mkdir -p "$d/d/sub/deeper" "$d/empty-dir"
    cat > "$d/words.txt" << 'EOF'
the quick brown fox
jumps over the lazy dog
banana apple cherry
apple
banana
The Quick Brown Fox
zebra and antelope
  leading spaces  and   runs
tabs	between	words
banana
mango kiwi
apple
dog
cat in the hat
numbers 12 and 7 and 300
last line without much
EOF
    local i
    for i in $(seq 1 200); do echo $(((i * 73) % 211)); done > "$d/nums.txt"
    cat > "$d/data.csv" << 'EOF'
alice,34,paris
bob,27,berlin
carol,41,rome
dave,27,oslo
eve,19,lisbon
frank,55,paris
EOF
    perl -e 'print pack("C*", map { ($_ * $_ + 7 * $_) & 255 } 0 .. 4095)' > "$d/bin.dat"
    seq 1 30000 | awk '{ print $1, $1 * $1, "line of text", $1 % 7 }' > "$d/big.txt"
    LC_ALL=C sort "$d/words.txt" > "$d/sorted.txt"
    printf 'a.txt\nb.log\nsub/c.txt\n' > "$d/list.txt"
    echo "file a" > "$d/d/a.txt"
    echo "log b, a bit longer" > "$d/d/b.log"
    echo "file c" > "$d/d/sub/c.txt"
    printf 'deep\n' > "$d/d/sub/deeper/e.txt"
    ln -s a.txt "$d/d/link"
    printf 'x = 3\nx * 7\nscale = 5\n1 / 3\n2 ^ 70\n' > "$d/calc.bc"
    # fixed mtimes: everything at one time, d/a.txt older, d/b.log newer
    find "$d" -exec touch -h -d '2021-03-04 05:06:07 UTC' {} +
    touch -d '2020-01-01 00:00:00 UTC' "$d/d/a.txt"
    touch -d '2022-06-07 08:09:10 UTC' "$d/d/b.log"
}

# -- echo, printf, basics
bb echo_args -- echo hello "two  spaces" world
bb echo_n -- echo -n no newline
bb echo_e -- echo -e 'a\tb\nc\\d'
bb printf_ints -- printf '%5d|%-4s|%x|%X|%o|%c|%%|%s|%05d|%+d\n' 42 ab 255 255 8 z "x y" 7 -3
bb printf_floats -- printf '%.3f %e %g %10.2f %G\n' 3.14159 12345.678 0.0001 -2.5 1e20
bb printf_reuse -- printf '%s=%d\n' a 1 b 2 c 3
bb true -- true
bb false -- false
bb test_num -- test 5 -gt 3
bb test_file -- test -f words.txt
bb test_missing -- test -d nothere
bb bracket_str -- [ abc = abc ]
bb env_clean -- env -i A=1 B=two env
bb basename -- basename /a/b/c.txt .txt
bb dirname -- dirname /a/b/c.txt
bb expr_mul -- expr 6 '*' 7
bb expr_len -- expr length "hello world"
bb expr_div -- expr -17 / 3 + 100 % 7
bb expr_substr -- expr substr abcdef 2 3
bb expr_false -- expr 5 = 6
bb expr_match -- expr abc123 : '[a-z]*\([0-9]*\)'
bb seq_plain -- seq 5
bb seq_step -- seq 1 3 20
bb seq_w -- seq -w 8 11
bb seq_frac -- seq 1 0.5 3
bb seq_neg -- seq 5 -2 -5
bb factor -- factor 360 9973 1234567890
bb bc_calc --stdin calc.bc -- bc
bb bc_expr -- sh -c 'echo "scale=20; 4*a(1); 2^100; 17%5" | bc -l'
bb dc_calc -- dc -e '2 64 ^ p 10 3 / p'
bb date_fixed -- date -u -d @1700000000
bb date_format -- date -u -d '2024-02-29 12:34:56' '+%Y-%m-%d %H:%M:%S %j %u %a %b %s %%'
bb date_epoch -- date -d @0 '+%Y %A %Z'
bb date_file -- date -r d/a.txt '+%F %T'
bb uname_m -- sh -c 'uname -m | sed "s/x86_64/MACHINE/; s/aarch64/MACHINE/"'

# -- text tools
bb cat_files -- cat words.txt data.csv
bb cat_n -- cat -n words.txt
bb cat_stdin --stdin data.csv -- cat - words.txt
bb head_n -- head -n 5 words.txt
bb head_c -- head -c 37 words.txt
bb tail_n -- tail -n 3 words.txt
bb tail_plus -- tail -n +195 nums.txt
bb tail_c -- tail -c 25 big.txt
bb wc_all -- wc words.txt nums.txt big.txt
bb wc_l --stdin big.txt -- wc -l
bb sort_plain -- sort words.txt
bb sort_n -- sort -n nums.txt
bb sort_ru -- sort -r -u words.txt
bb sort_key -- sort -t, -k2,2n -k1,1r data.csv
bb sort_f -- sort -f words.txt
bb uniq_c --stdin sorted.txt -- uniq -c
bb uniq_d -- uniq -d sorted.txt
bb cut_fields -- cut -d, -f1,3 data.csv
bb cut_chars -- cut -c2-5 words.txt
bb tr_upper --stdin words.txt -- tr a-z A-Z
bb tr_delete --stdin words.txt -- tr -d aeiou
bb tr_squeeze --stdin words.txt -- tr -s ' '
bb tr_class --stdin bin.dat -- sh -c "tr -cd '[:alnum:]' | wc -c"
bb sed_range -- sed -n '2,5p' words.txt
bb sed_swap -- sed 's/\([a-z]*\) \([a-z]*\)/\2 \1/' words.txt
bb sed_multi -- sed -e '/^b/d' -e 's/o/0/g' -e '$a\' -e 'appended' words.txt
bb sed_inplace --tree -- sed -i 's/apple/APPLE/g; 3q' words.txt
bb sed_hold -- sed -n '1!G;h;$p' words.txt
bb awk_sum -- awk -F, '{ s += $2 } END { print s, NR, s / NR }' data.csv
bb awk_fields -- awk '{ print length($0), toupper($1), NF }' words.txt
bb awk_math -- awk 'BEGIN { for (i = 1; i <= 12; i++) printf "%d %.6f %.4e %d %g\n", i, i / 7, i * i * 1.5e10, int(100 / i), -i / 3 }'
bb awk_assoc -- sh -c "awk '{ n[\$1]++ } END { for (k in n) print k, n[k] }' words.txt | sort"
bb awk_str -- awk 'BEGIN { s = "hello world"; print substr(s, 2, 5), index(s, "wor"), split(s, a, "o"), a[2]; gsub(/o/, "0", s); print s; printf "%5.2f|%-6s|%c\n", 3.14159, "ab", 65 }'
bb grep_n -- grep -n an words.txt
bb grep_ci -- grep -c -i THE words.txt
bb grep_vE -- grep -v -E '^[a-m]' words.txt
bb grep_o -- grep -o '[0-9][0-9]*' words.txt
bb grep_r -- sh -c 'grep -r file d | sort'
bb grep_none -- grep zzzz words.txt
bb grep_F_w -- grep -F -w -e apple -e dog words.txt
bb nl -- nl words.txt
bb fold -- fold -w 10 words.txt
bb rev -- rev words.txt
bb paste -- paste -d: data.csv list.txt
bb tac -- tac data.csv
bb strings -- strings -n 3 bin.dat
bb expand -- expand -t 4 words.txt
bb diff_u -- sh -c 'sed s/dog/DOG/ words.txt > w2; diff -u words.txt w2 | tail -n +3'
bb cmp_files -- cmp words.txt sorted.txt
bb xargs_n --stdin nums.txt -- xargs -n 25 echo
bb xargs_I -- sh -c 'printf "a\nb c\n" | xargs -I{} echo "<{}>"'

# -- checksums, encodings, compression
bb md5sum -- md5sum words.txt bin.dat big.txt
bb sha1sum -- sha1sum bin.dat
bb sha256sum -- sha256sum big.txt bin.dat
bb sha512sum -- sha512sum words.txt
bb sha3sum -- sha3sum big.txt
bb crc32 -- crc32 big.txt
bb base64 -- base64 bin.dat
bb base64_d -- sh -c 'base64 bin.dat | base64 -d | md5sum'
bb od_x1 -- od -An -tx1 -N 48 bin.dat
bb od_c -- od -c -N 64 words.txt
bb od_d4 -- od -t d4 -N 32 bin.dat
bb hexdump_C -- hexdump -C -n 96 bin.dat
bb xxd -- xxd -l 64 bin.dat
bb gzip_roundtrip -- sh -c 'gzip -c big.txt > big.gz && md5sum big.gz && gunzip -c big.gz | md5sum && zcat big.gz | tail -n 1'
bb gzip_inputs -- sh -c 'for f in words.txt bin.dat nums.txt big.txt; do gzip -c $f | md5sum; done'
bb gzip_file --tree -- gzip -9 words.txt
bb bzip2_roundtrip -- sh -c 'bzip2 -c big.txt | md5sum; bzip2 -c big.txt | bunzip2 -c | md5sum'
bb lzop_roundtrip -- sh -c 'lzop -c big.txt | lzop -dc | md5sum'

# -- files and directories
bb ls_1 -- ls -1 d
bb ls_a -- ls -1a d/sub
bb ls_R -- ls -1R d
bb ls_l -- ls -l --full-time d
bb ls_missing --stderr -- ls nothere
bb stat_fmt -- stat -c '%n %s %a %F %Y' words.txt d d/link
bb find_name -- sh -c "find d -name '*.txt' | sort"
bb find_type -- sh -c 'find . -type d | sort'
bb find_newer -- sh -c 'find d -newer d/a.txt -type f | sort'
bb find_size -- sh -c 'find . -size +10k | sort'
bb find_exec -- sh -c 'find d -type f -exec wc -c {} + | sort'
bb du_s -- sh -c 'du -s d >/dev/null && echo ok'
bb readlink -- readlink d/link
bb realpath -- sh -c 'realpath d/sub/../link | sed "s|^$PWD|PWD|"'
bb cp_file --tree -- cp words.txt copy.txt
bb cp_r --tree -- cp -r d d2
bb cp_p --tree -- sh -c 'cp -p d/a.txt kept.txt && stat -c %Y kept.txt'
bb mv_file --tree -- mv words.txt moved.txt
bb mv_dir --tree -- mv d/sub newsub
bb rm_r --tree -- rm -r d/sub
bb rm_missing --stderr -- rm nothere
bb mkdir_p --tree -- mkdir -p a/b/c
bb rmdir -- sh -c 'rmdir empty-dir && ls -1'
bb ln_s --tree -- sh -c 'ln -s words.txt wl && readlink wl && cat wl | wc -l'
bb touch_d -- sh -c 'touch -d "2019-05-06 07:08:09" new && stat -c %Y new && date -u -r new'
bb chmod --tree -- sh -c 'chmod 600 words.txt && stat -c %a words.txt'
bb truncate --tree -- truncate -s 100 big.txt
bb dd_count -- sh -c 'dd if=bin.dat bs=100 count=3 skip=2 2>/dev/null | md5sum'
bb dd_swab --tree -- sh -c 'dd if=words.txt of=sw.txt conv=swab 2>/dev/null; md5sum sw.txt'
bb tee --tree --stdin words.txt -- tee out.txt
bb tar_create_list -- sh -c 'tar -cf out.tar d && tar -tvf out.tar'
bb tar_md5 -- sh -c 'tar -cf out.tar d words.txt && md5sum out.tar'
bb tar_extract --tree -- sh -c 'tar -cf out.tar d && mkdir x && tar -xf out.tar -C x && find x | sort'
bb tar_gz --tree -- sh -c 'tar -czf out.tgz d data.csv && tar -tzf out.tgz && mkdir y && cd y && tar -xzf ../out.tgz'
bb cpio -- sh -c 'find d | sort | cpio -o -H newc 2>/dev/null | cpio -t 2>/dev/null'

# -- the shell
bb sh_loop -- sh -c 'i=0; while [ $i -lt 10 ]; do printf "%d " $i; i=$((i + 1)); done; echo; for w in a b "c d"; do echo "<$w>"; done'
bb sh_arith -- sh -c 'echo $((7 * 6)) $((2 ** 40)) $((-7 / 2)) $((-7 % 3)) $((1 << 62)) $((0x7fffffffffffffff + 1)) $((10 > 3 && 2 < 1)) $((~5)) $((017)) $((255 & 15 | 64 ^ 3))'
bb sh_pipeline -- sh -c 'cat words.txt | tr " " "\n" | grep -v "^$" | sort | uniq -c | sort -rn | head -n 5'
bb sh_subst -- sh -c 'n=$(wc -l < words.txt); echo "lines: $n"; echo "nested: $(echo $(echo inner) outer)"; x=`expr 3 + 4`; echo "backquotes: $x"'
bb sh_func -- sh -c 'f() { local a=$1; shift; echo "f:$a:$#:$*"; return 3; }; f one two three; echo "status $?"'
bb sh_case -- sh -c 'for x in apple 42 Zed ""; do case $x in [0-9]*) echo "$x num";; [A-Z]*) echo "$x upper";; "") echo empty;; *) echo "$x other";; esac; done'
bb sh_heredoc -- sh -c 'v=world; cat <<EOF
hello $v
$(echo substituted)
EOF
cat <<"EOF"
literal $v
EOF'
bb sh_read -- sh -c 'while IFS=, read -r name age city; do echo "$city:$name:$age"; done < data.csv'
bb sh_status -- sh -c '(exit 7); echo $?; false || echo "or"; true && echo "and"; ! true; echo $?; sh -c "exit 42"; echo $?'
bb sh_exit --stderr -- sh -c 'echo before; exit 13'
bb sh_set_e -- sh -c 'set -e; echo one; false; echo never'
bb sh_trap -- sh -c 'trap "echo trapped EXIT" EXIT; echo body'
bb sh_params -- sh -c 'echo "$0 $# $1 ${2:-dflt} ${3:+alt} ${#1}"; s=abcdef; echo ${s#ab} ${s%ef} ${s:1:3}' zero first
bb sh_redirect --tree -- sh -c 'echo out > o.txt; echo more >> o.txt; echo err 1>&2 2> e.txt; exec 3> f3.txt; echo three >&3; exec 3>&-; cat o.txt f3.txt'
bb sh_glob -- sh -c 'cd d && echo *.txt */*.txt; echo no*match'
bb sh_background -- sh -c 'sleep 0 & wait $!; echo "waited $?"; (echo sub; exit 4) & wait $!; echo "sub status $?"'

# -- signals in the shell: ash's handlers return through the vDSO's
# sigreturn (glibc and busybox never set SA_RESTORER on arm64), `wait`
# sleeps in a call a signal interrupts, and a job killed by a signal shows
# as 128+N.
bb sh_trap_usr1 -- sh -c 'trap "echo got USR1" USR1; kill -USR1 $$; echo after; kill -USR1 $$; echo again'
bb sh_trap_int -- sh -c 'trap "echo got INT" INT; trap; kill -INT $$; echo after; trap - INT; echo reset; trap; kill -INT $$; echo never'
bb sh_trap_reset -- sh -c 'trap "echo got TERM" TERM; kill -TERM $$; trap - TERM; echo reset; kill -TERM $$; echo never'
bb sh_trap_exit_sig -- sh -c 'trap "echo exit trap \$?" EXIT; trap "echo got TERM; exit 3" TERM; echo body; kill -TERM $$; echo never'
bb sh_trap_ignore -- sh -c 'trap "" USR2; kill -USR2 $$; echo ignored; sh -c "kill -USR2 \$\$; echo child ignores too"'
bb sh_trap_wait -- sh -c 'trap "echo got USR1" USR1; (sleep 0.5; kill -USR1 $$) & wait; echo "wait $?"; wait; echo "done $?"'
bb sh_kill_bg -- sh -c 'sleep 5 & kill $!; wait $!; echo $?'
bb sh_kill_bg_kill -- sh -c 'sleep 5 & kill -9 $!; wait $!; echo $?'
bb sh_kill_subshell -- sh -c '(while :; do :; done) & p=$!; kill -TERM $p; wait $p; echo "subshell $?"; (trap "echo sub got TERM; exit 7" TERM; : > ready; while :; do sleep 0.05; done) & p=$!; while [ ! -e ready ]; do sleep 0.05; done; kill -TERM $p; wait $p; echo "trapping subshell $?"'
bb sh_kill_self -- sh -c 'echo before; kill -TERM $$; echo never'
bb sh_kill_l -- sh -c 'kill -l 15; kill -l 143; (kill -HUP $$); echo unreached'
bb sh_script_file -- sh -c 'printf "echo from file \$1\nexit 5\n" > s.sh && sh s.sh arg; echo "status $?"'
bb sh_applet_chain -- sh -c 'seq 1 50 | awk "{ s += \$1 } END { print s }" | xargs expr 1 + | sed "s/^/total /"'
bb sh_long_loop -- sh -c 'i=0; s=0; while [ $i -lt 2000 ]; do s=$((s + i * i % 7)); i=$((i + 1)); done; echo $s'
bb which -- sh -c 'which sed | sed "s|.*/|DIR/|"'
bb timeout_ok -- timeout 10 true
bb yes_head -- sh -c 'yes abc | head -n 3'

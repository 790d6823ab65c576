# shellcheck shell=bash disable=SC2016
# Debian-program test cases, sourced by tests/debian/run.sh. Each line:
#   ossl NAME [OPTIONS] -- ARGS...
# runs `openssl ARGS` natively (Debian's amd64 /usr/bin/openssl from the native
# tree NATIVE_ROOT, through tests/lib/native-run.sh) and under
# `pvm -L SYSROOT SYSROOT/usr/bin/openssl` (Debian's arm64 build);
#   prog NAME --bin PATH [OPTIONS] -- ARGS...
# runs /PATH ARGS natively (inside the native tree) and SYSROOT/PATH ARGS
# under pvm -L SYSROOT (PATH is where the package puts the program; bookworm's
# /bin is not merged into /usr/bin in the packages). Each side runs in a
# fresh directory holding the fixture (hard links: cases must not write to a
# fixture name), with env -i OPENSSL_CONF=/dev/null LC_ALL=C TZ=UTC, and
# stdout bytes and exit status are compared. OPTIONS:
#   --stdin FILE     a fixture file as standard input
#   --file OUT       also compare the file OUT the run wrote
#   --filter FUNC    pipe both stdouts through the shell function FUNC first
#   --env VAR=VAL    set VAR for both sides (repeatable)
#   --timeout SECS   per-run limit instead of TIMEOUT
#   --armcap BITS    OPENSSL_armcap=BITS for the pvm run (it overrides the
#                    HWCAP-based choice of OpenSSL's arm64 code paths)
#   --xfail REASON   expected to fail until pvm has a missing feature: a
#                    failure prints "XFAIL NAME: REASON" and counts as a skip
#   --check-all      only under CHECK_ALL=1 (make check-all)
# `skipcase NAME REASON` lists a case that cannot run, with why.
# `hw NAME OPNAME -- ARGS...` runs under `pvm -d exec -D LOG` and requires an
# `exec-stats: N OPNAME` line (N > 0) in the log, besides equal outputs.
# `binpkgs PATH PKG...` names the packages whose amd64 and arm64 pins must be
# the same version (modulo +bN) for the cases of PATH to run (else they skip
# with both versions).

# Fixed keys and IVs (hex) for the symmetric cases.
K128=000102030405060708090a0b0c0d0e0f
K256=${K128}101112131415161718191a1b1c1d1e1f
IV=f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
BADK256=ff${K256:2}
FIXK=5a5a5a5a0123456789abcdef5a5a5a5a

# The fixture (identical for both sides): the reference programs are the
# native tree's (run.sh's `nat PATH ARGS...`, `has_nat PATH`); plain data is
# made with the host's shell tools (seq, awk, head, touch). The data
# is a fixed AES-CTR keystream, so it is the same on every run; the key pairs
# are generated per run (both sides use the same ones; the fixture stays in
# WORKDIR/fixture to reproduce a failure), and signatures that are random
# (ECDSA) are made natively here and only verified by the cases.
make_fixture() { # DIR SCRIPTDIR
    local d=$1 o=/usr/bin/openssl
    mkdir -p "$d"
    # without a native openssl its cases skip; the others still need a fixture
    if ! has_nat usr/bin/openssl; then
        make_userland_fixture "$d" "$2"
        return
    fi
    # (a key of its own: the cases encrypting in.bin with K128 must not get zeros)
    head -c 1048576 /dev/zero | nat "$o" enc -aes-128-ctr -K "$FIXK" -iv "$IV" -nosalt > "$d/in.bin"
    head -c 65536 "$d/in.bin" > "$d/small.bin"
    : > "$d/empty.bin"
    local c k
    for c in aes-128-ctr aes-256-ctr aes-128-cbc aes-256-cbc chacha20; do
        case $c in *128*) k=$K128 ;; *) k=$K256 ;; esac
        nat "$o" enc -"$c" -K "$k" -iv "$IV" -nosalt -in "$d/in.bin" -out "$d/ct-$c.bin"
    done
    nat "$o" base64 -in "$d/small.bin" -out "$d/small.b64"
    nat "$o" genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/rsa.pem" 2> /dev/null
    nat "$o" pkey -in "$d/rsa.pem" -pubout -out "$d/rsapub.pem"
    nat "$o" dgst -sha256 -sign "$d/rsa.pem" -out "$d/rsa.sig" "$d/small.bin"
    nat "$o" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/ec.pem"
    nat "$o" pkey -in "$d/ec.pem" -pubout -out "$d/ecpub.pem"
    nat "$o" dgst -sha256 -sign "$d/ec.pem" -out "$d/ec.sig" "$d/small.bin"
    nat "$o" genpkey -algorithm ED25519 -out "$d/ed.pem"
    make_userland_fixture "$d" "$2"
}

# -- digests: 1 MiB and empty input on stdin
for a in sha1 sha224 sha256 sha384 sha512 sha512-256 md5 sha3-256 blake2b512; do
    ossl "dgst_$a" --stdin in.bin -- dgst -"$a"
    ossl "dgst_${a}_empty" --stdin empty.bin -- dgst -"$a"
done
ossl dgst_files -- dgst -sha256 in.bin small.bin empty.bin
ossl dgst_missing_file -- dgst -sha256 no-such-file
ossl hmac_sha256 -- mac -digest SHA256 -macopt hexkey:$K128 -in in.bin HMAC
ossl cmac_aes128 -- mac -cipher AES-128-CBC -macopt hexkey:$K128 -in in.bin CMAC
ossl gmac_aes128 -- mac -cipher AES-128-GCM -macopt hexkey:$K128 -macopt hexiv:$IV -in in.bin GMAC

# -- symmetric ciphers: ciphertext bytes, 1 MiB and empty input
for c in aes-128-ctr aes-256-ctr aes-128-cbc aes-256-cbc chacha20; do
    case $c in *128*) k=$K128 ;; *) k=$K256 ;; esac
    ossl "enc_$c" --stdin in.bin -- enc -"$c" -K "$k" -iv "$IV" -nosalt
    ossl "enc_${c}_empty" --stdin empty.bin -- enc -"$c" -K "$k" -iv "$IV" -nosalt
    # decrypting the native ciphertext must give in.bin back on both sides
    ossl "enc_d_$c" -- enc -d -"$c" -K "$k" -iv "$IV" -nosalt -in "ct-$c.bin"
done
ossl enc_outfile --file out.bin -- enc -aes-256-cbc -K "$K256" -iv "$IV" -nosalt -in in.bin -out out.bin
ossl enc_d_badkey -- enc -d -aes-256-cbc -K "$BADK256" -iv "$IV" -nosalt -in ct-aes-256-cbc.bin
skipcase enc_aes-128-gcm "openssl enc rejects AEAD ciphers (\"enc: AEAD ciphers not supported\"); GCM's GHASH is covered by gmac_aes128"
# the legacy provider is a dlopen'ed module at a compiled-in absolute path
# (/usr/lib/aarch64-linux-gnu/ossl-modules/legacy.so), found through -L
ossl legacy_md4 --stdin in.bin -- dgst -md4 -provider legacy -provider default
ossl legacy_bf-cbc --stdin in.bin -- enc -bf-cbc -K "$K128" -iv "${IV:0:16}" -nosalt -provider legacy -provider default
ossl base64_enc -- base64 -in small.bin
ossl base64_dec -- base64 -d -in small.b64

# -- public keys (bignum and curve code); RSA PKCS#1 v1.5 and Ed25519 are deterministic
ossl rsa_sign --file sig.bin -- dgst -sha256 -sign rsa.pem -out sig.bin small.bin
ossl rsa_verify -- dgst -sha256 -verify rsapub.pem -signature rsa.sig small.bin
ossl ecdsa_p256_verify -- dgst -sha256 -verify ecpub.pem -signature ec.sig small.bin
ossl ecdsa_p256_verify_bad -- dgst -sha256 -verify ecpub.pem -signature ec.sig in.bin
ossl ed25519_sign -- pkeyutl -sign -rawin -inkey ed.pem -in small.bin
ossl prime_yes -- prime 340282366920938463463374607431768211297
ossl prime_no -- prime 340282366920938463463374607431768211299

# -- OpenSSL's NEON-only paths (OPENSSL_armcap=1: ARMV7_NEON, no crypto
# extensions): once pvm advertises HWCAP AES/SHA1/SHA2/PMULL the cases above
# take the crypto-instruction paths, and these keep the others covered
for a in sha1 sha256 sha512; do
    ossl "neon_dgst_$a" --armcap 1 --stdin in.bin -- dgst -"$a"
done
ossl neon_enc_aes-128-ctr --armcap 1 --stdin in.bin -- enc -aes-128-ctr -K "$K128" -iv "$IV" -nosalt
ossl neon_enc_d_aes-256-cbc --armcap 1 -- enc -d -aes-256-cbc -K "$K256" -iv "$IV" -nosalt -in ct-aes-256-cbc.bin
ossl neon_gmac_aes128 --armcap 1 -- mac -cipher AES-128-GCM -macopt hexkey:$K128 -macopt hexiv:$IV -in in.bin GMAC

# -- hardware paths: with HWCAP AES/SHA2 advertised, OpenSSL's armv8 code runs
# the crypto instructions; -d exec's statistics prove pvm executed them
hw hw_aese AESE -- enc -aes-128-ctr -K "$K128" -iv "$IV" -nosalt -in small.bin
hw hw_sha256h SHA256H -- dgst -sha256 small.bin

# ---------------------------------------------------------------------------
# The userland of issue 5: python3.11, perl, lua5.4, sqlite3, xz, bzip2,
# gzip, coreutils, 7zz. Their fixture: the scripts of tests/debian, a text
# file, a mixed text/binary file, their natively compressed forms (so
# decompression is checked against the native compressor: with the
# compression cases, a round trip across the two machines), a small tree, a
# sort input, a CSV, an SQLite database and a 7z archive, all with fixed
# contents and one fixed mtime.
make_userland_fixture() { # DIR SCRIPTDIR
    local d=$1 s=$2
    cp "$s"/*.py "$s"/*.lua "$s"/*.sql "$d/"
    seq 1 8000 | awk '{ printf "%d %s line-%05d %s\n", $1, substr("the quick brown fox jumps over the lazy dog", 1 + $1 % 30), ($1 * 7919) % 100000, ($1 % 3 ? "alpha" : "Beta") }' > "$d/text.txt"
    { head -c 100000 "$d/text.txt"; cat "$d/small.bin" 2> /dev/null || head -c 65536 /dev/zero; } > "$d/mix.bin"
    printf '%s\n' pear Apple apple banana 10 9 100 -5 ' spaced' zebra Zebra 'a b' 'a-b' 'a_b' 1.5 1.10 v1.10 v1.9 apple pear 'émile' 'Ünïcode' > "$d/words.txt"
    awk 'BEGIN { for (i = 1; i <= 500; i++) printf "row%03d,%d,%.2f,%s\n", i, (i * 7919) % 1000 - 500, i / 7, substr("xyzw", 1 + i % 4, 1) }' > "$d/nums.csv"
    mkdir -p "$d/tree/sub dir" "$d/tree/.hidden" "$d/tree/b"
    printf 'x\n' > "$d/tree/a.txt"
    printf 'yy\n' > "$d/tree/B.txt"
    printf 'zzz\n' > "$d/tree/b/c.txt"
    printf '' > "$d/tree/sub dir/empty"
    head -c 5000 "$d/text.txt" > "$d/tree/.hidden/file10"
    head -c 50 "$d/text.txt" > "$d/tree/file9"
    ln -s a.txt "$d/tree/link"
    make_paths "$d/paths.txt"
    make_shtree "$d/shtree"
    make_makefiles "$d"
    seq 1 24 > "$d/xargs.in"
    has_nat usr/bin/xz && { nat /usr/bin/xz -c -6 "$d/text.txt" > "$d/text.txt.xz"; nat /usr/bin/xz -c -6 "$d/mix.bin" > "$d/mix.bin.xz"; }
    # 13 blocks of 32 KiB, which xz -T2 -d decodes on two threads
    has_nat usr/bin/xz && nat /usr/bin/xz -T2 --block-size=32768 -c -6 "$d/text.txt" > "$d/text.txt.mt.xz"
    has_nat bin/bzip2 && { nat /bin/bzip2 -c -9 "$d/text.txt" > "$d/text.txt.bz2"; nat /bin/bzip2 -c -9 "$d/mix.bin" > "$d/mix.bin.bz2"; }
    has_nat bin/gzip && { nat /bin/gzip -n -c -6 "$d/text.txt" > "$d/text.txt.gz"; nat /bin/gzip -n -c -6 "$d/mix.bin" > "$d/mix.bin.gz"; }
    # one mtime for everything, so listings (ls -l, 7z, gzip -l) agree on any day
    find "$d" -exec touch -h -d '2024-02-29 12:34:56 UTC' {} +
    if has_nat usr/bin/sqlite3; then
        nat /usr/bin/sqlite3 "$d/fixture.db" <<'SQL'
create table emp(id integer primary key, name text, dept text, salary int);
with recursive n(i) as (select 1 union all select i + 1 from n where i < 1000)
insert into emp(name, dept, salary) select printf('%s%d', substr('annaboriscarladavidemmafritz', 1 + (i % 6) * 4, 4 + i % 2), i),
  substr('ABCDE', 1 + i % 5, 1), 3000 + (i * 7919) % 7000 from n;
SQL
        touch -d '2024-02-29 12:34:56 UTC' "$d/fixture.db"
    fi
    if has_nat usr/bin/7zz; then
        (cd "$d" && nat /usr/bin/7zz a -bd -mmt1 fix.7z text.txt mix.bin tree > /dev/null)
        touch -d '2024-02-29 12:34:56 UTC' "$d/fix.7z"
    fi
}

# build.mk, sub.mk, fail.mk: a build in miniature for make -j4, generated
# as build systems generate theirs (one explicit rule per part). build.mk's
# default goal: eight independent parts (seq | sed | sort pipelines), a chain
# that needs them all (sort | uniq, gzip, wc and expr), two jobs that finish
# only when they run at the same time (each waits, bounded, for the other's
# flag file), a sub-make sharing the jobserver (sub.mk, which records
# whether its MAKEFLAGS name one), a `make -k` sub-build whose one recipe
# fails (fail.mk: the others still run, the dependent one does not), then a
# report of every result on stdout. Its goal `fail` is a failing recipe
# (status 2). Tools are named by absolute path: under pvm -L a PATH search
# finds the host's merged /usr/bin/mkdir before the sysroot's /bin/mkdir,
# and the host's programs would run natively.
make_makefiles() { # DIR
    local d=$1 n parts=""
    {
        echo '# generated by tests/debian/cases.sh (make_makefiles)'
        echo '.RECIPEPREFIX = >'
        echo 'SHELL = /bin/sh'
        echo 'B = /bin'
        echo 'U = /usr/bin'
        for n in 1 2 3 4 5 6 7 8; do parts="$parts out/p$n.txt"; done
        echo "PARTS =$parts"
        echo '.PHONY: all fail'
        echo 'all: out/report.txt'
        echo '> $(B)/cat out/report.txt'
        echo 'out/.dir:'
        echo '> $(B)/mkdir -p out && $(B)/touch $@'
        for n in 1 2 3 4 5 6 7 8; do
            echo "out/p$n.txt: | out/.dir"
            echo "> \$(U)/seq $n 7 3000 | \$(B)/sed -e 's/^/line /' -e 's/7/seven/g' | \$(U)/sort -r > \$@.tmp"
            echo '> $(B)/mv $@.tmp $@'
        done
        echo 'out/all.txt: $(PARTS)'
        echo '> $(B)/cat $^ | $(U)/sort | $(U)/uniq -c | $(U)/sort -k2 > $@'
        echo 'out/all.txt.gz: out/all.txt'
        echo '> $(B)/gzip -n -9 -c $< > $@'
        echo 'out/count.txt: out/all.txt.gz'
        echo '> n=$$($(B)/gzip -dc $< | $(U)/wc -l); echo "lines $$n, doubled $$($(U)/expr $$n \* 2)" > $@'
        for n in 1 2; do
            echo "out/meet$n.txt: | out/.dir"
            echo "> \$(B)/touch out/flag$n; n=0; while [ ! -e out/flag$((3 - n)) ] && [ \$\$n -lt 300 ]; do \$(B)/sleep 0.1; n=\$\$((n + 1)); done; [ -e out/flag$((3 - n)) ] && echo met > \$@ || echo alone > \$@"
        done
        echo 'out/sub.txt: | out/.dir'
        echo '> $(MAKE) -f sub.mk OUT=out/sub'
        echo '> $(B)/cp out/sub/index.txt $@'
        echo 'out/k.txt: | out/.dir'
        echo '> $(MAKE) -k -f fail.mk OUT=out/k 2> out/k.err; echo "make -k status $$?" > $@; $(B)/ls out/k >> $@'
        echo 'out/report.txt: out/count.txt out/meet1.txt out/meet2.txt out/sub.txt out/k.txt'
        echo '> $(U)/md5sum $(PARTS) out/all.txt out/all.txt.gz > $@'
        echo '> $(B)/cat out/count.txt out/meet1.txt out/meet2.txt out/sub.txt out/k.txt >> $@'
        echo '> $(U)/head -n 3 out/all.txt >> $@'
        echo 'fail: out/p1.txt'
        echo '> $(B)/false'
    } > "$d/build.mk"
    cat > "$d/sub.mk" << 'EOF'
# generated by tests/debian/cases.sh (make_makefiles)
.RECIPEPREFIX = >
SHELL = /bin/sh
ITEMS = a b c d e f
all: $(OUT)/index.txt
$(OUT)/.dir:
> /bin/mkdir -p $(OUT) && /bin/touch $@
$(OUT)/%.txt: | $(OUT)/.dir
> printf '%s\n' $* $* $* | /usr/bin/tr a-f A-F | /bin/cat -n > $@
$(OUT)/index.txt: $(foreach i,$(ITEMS),$(OUT)/$(i).txt)
> /bin/cat $^ | /usr/bin/sort -k2 > $@
> case "$(MAKEFLAGS)" in *jobserver-auth=*) echo "jobserver shared" ;; *) echo "no jobserver" ;; esac >> $@
EOF
    cat > "$d/fail.mk" << 'EOF'
# generated by tests/debian/cases.sh (make_makefiles)
.RECIPEPREFIX = >
SHELL = /bin/sh
all: $(OUT)/good1 $(OUT)/bad $(OUT)/after-bad $(OUT)/good2
$(OUT)/.dir:
> /bin/mkdir -p $(OUT) && /bin/touch $@
$(OUT)/good%: | $(OUT)/.dir
> echo good > $@
$(OUT)/bad: | $(OUT)/.dir
> echo partial > $@; exit 3
$(OUT)/after-bad: $(OUT)/bad
> echo never > $@
EOF
}

# paths.txt: 6000 source-tree-like paths for fzf (dir/dir/name_N.ext)
make_paths() { # FILE
    awk 'BEGIN {
        split("src lib cmd internal pkg test docs vendor", top, " ")
        split("main util server client parse format index cache store http", mid, " ")
        split(".go .c .h .rs .py .md .sh .txt", ext, " ")
        for (i = 1; i <= 6000; i++)
            printf "%s/%s/%s_%d%s\n", top[1 + (i * 7) % 8], mid[1 + (i * 13) % 10],
                mid[1 + (i * 17 + int(i / 10)) % 10], (i * 7919) % 10007, ext[1 + int(i / 3) % 8]
    }' > "$1"
}
# shtree/: 96 badly formatted shell scripts for shfmt in 12 directories
# (d0..d5 and their sub/), a third of them bash (arrays, [[ ]]), the others
# POSIX sh, 30 snippets each; plus one already formatted script and one
# that does not parse (its error goes to stderr, the status is 1)
make_shtree() { # DIR
    awk -v d="$1" 'BEGIN {
        for (f = 0; f < 96; f++) {
            dir = d "/d" (f % 6) (f % 12 < 6 ? "" : "/sub")
            system("mkdir -p \"" dir "\"")
            bash = f % 3 == 2
            fn = dir "/s" sprintf("%03d", f) (bash ? ".bash" : ".sh")
            print (bash ? "#!/bin/bash" : "#!/bin/sh") > fn
            for (i = 0; i < 30; i++) {
                k = (f * 31 + i * 7) % 10
                if (k == 0) printf "f%d_%d ()\n{\n   x=$1;echo   \"$x\"|tr a-z A-Z\n     return $(( x+%d ))\n}\n", f, i, i > fn
                else if (k == 1) printf "if [ -n \"$V%d\" ];then\necho yes;   elif [ -z \"$W\" ]\nthen echo no\nfi\n", i > fn
                else if (k == 2) printf "for v in a b c %d; do  case $v in\na) echo A;;\n  b|c)   echo BC ;;\n*) :\nesac\ndone\n", i > fn
                else if (k == 3) printf "while read -r l ;do echo \"${l%%%%.*}\" ;done <<EOF\nx.%d\n  y.z\nEOF\n", i > fn
                else if (k == 4) printf "ls -1   |  grep -v foo  ||  echo  none   &&true\n" > fn
                else if (k == 5 && bash) printf "x=$(  echo   %d )  ;   y=`date`\n[[ $x == %d && -n $y ]] && echo same\n", i, i > fn
                else if (k == 6) printf "{ echo a;echo b; } >/dev/null 2>&1\n( cd /tmp&&pwd )\n" > fn
                else if (k == 7 && bash) printf "arr=( 1 2   3 %d )\necho ${arr[@]} ${#arr[*]} $(( ${arr[0]}*%d ))\ndeclare -A m=( [k]=v )\n", i, i > fn
                else if (k == 8) printf "until   test $n -gt %d ;do n=$((n+1)) ;done\nexport A=1 B=\"two  words\"\n", i > fn
                else printf "echo \"line %d of file %d\"   # comment\n", i, f > fn
            }
            close(fn)
        }
        fn = d "/broken.sh"; print "if true; then\n  echo unterminated" > fn; close(fn)
        fn = d "/d0/clean.sh"; print "#!/bin/sh\necho clean" > fn; close(fn)
    }'
}

# 7-Zip's banner names its version, build architecture, locale and thread
# count: compared output starts after it
filter_7z() { grep -v -e '^7-Zip ' -e '^ *64-bit .*Threads:'; }
# the benchmark's speeds vary: what must agree is that every row and the
# totals were printed, and no error
filter_7zb() { sed -n -e 's/^\([0-9][0-9]\|Avr\|Tot\):.*/\1:/p' -e '/[Ee]rror/p'; }
# parallel children's lines come in any order
filter_sort() { LC_ALL=C sort; }

# -- python3.11 (scripts in tests/debian/py_*.py)
binpkgs usr/bin/python3.11 python3.11-minimal libpython3.11-minimal libpython3.11-stdlib
PY=(--bin usr/bin/python3.11 --env PYTHONHASHSEED=0 --env PYTHONDONTWRITEBYTECODE=1)
for t in json re zlib hashlib decimal misc bench; do
    prog "py_$t" "${PY[@]}" -- "py_$t.py"
done
prog py_sqlite "${PY[@]}" --file py.db -- py_sqlite.py
prog py_sys "${PY[@]}" -- -c 'import sys; print(sys.version_info[:3], sys.maxsize, sys.byteorder, sys.float_info.dig, sys.getdefaultencoding(), sys.flags.utf8_mode, sys.argv)'
prog py_stdin "${PY[@]}" --stdin in.bin -- -c 'import sys, hashlib; d = sys.stdin.buffer.read(); print(len(d), hashlib.md5(d).hexdigest())'
prog py_files "${PY[@]}" --file out.txt -- -c 'import os
with open("out.txt", "w") as f:
    for n in sorted(os.listdir("tree")): print(n, os.path.isdir("tree/" + n), os.path.islink("tree/" + n), file=f)
print(sorted(os.walk("tree"))[0][1:], os.stat("text.txt").st_size, os.path.getmtime("text.txt"))'
prog py_socket "${PY[@]}" -- py_socket.py
prog py_pty "${PY[@]}" -- py_pty.py
prog py_subprocess "${PY[@]}" -- -c 'import subprocess, sys
r = subprocess.run(["/bin/ls", "-1", "tree"], capture_output=True)
print(r.returncode, r.stdout.decode().split())
print(subprocess.run(["/bin/ls", "nosuch"], capture_output=True).returncode)'
prog py_threads "${PY[@]}" -- py_threads.py
# concurrent.futures' pools, every threading primitive, queue.Queue
prog py_threads2 "${PY[@]}" -- py_threads2.py
prog py_exit "${PY[@]}" -- -c 'raise SystemExit(3)'
prog py_signal "${PY[@]}" -- py_signal.py
prog py_exception "${PY[@]}" -- -c 'print("before", flush=True); 1 / 0'
prog py_ctypes "${PY[@]}" -- py_ctypes.py
# processes (issue 13): os.fork and wait statuses, pipes, subprocess,
# posix_spawn (py_procs.py); multiprocessing and ProcessPoolExecutor under
# each start method (py_mproc.py METHOD; spawn starts an interpreter per
# child, seconds each under pvm: make check runs its Pool and Lock steps,
# check-all all of them)
prog py_procs "${PY[@]}" -- py_procs.py
prog py_mproc_fork "${PY[@]}" -- py_mproc.py fork
prog py_mproc_forkserver "${PY[@]}" -- py_mproc.py forkserver
prog py_mproc_spawn_quick "${PY[@]}" -- py_mproc.py quick spawn
prog py_mproc_spawn "${PY[@]}" --timeout 300 --check-all -- py_mproc.py spawn

# -- GNU make -j4 (issue 13): the generated build.mk (make_makefiles), whose
# recipes are Debian's dash, coreutils, sed and gzip; the report it prints
# and make's status. make_j4_fail: a failing recipe stops the build (2);
# make_k: -k runs what does not depend on the failure, status 2 as well.
binpkgs usr/bin/make make dash coreutils sed gzip
prog make_j4 --bin usr/bin/make -- -j4 -s -f build.mk
prog make_j4_fail --bin usr/bin/make -- -j4 -s -f build.mk fail
prog make_k --bin usr/bin/make --file k/good2 -- -j4 -k -s -f fail.mk OUT=k

# -- findutils' xargs -P4: children in parallel (their lines sorted);
# xargs_P4_meet's four children each wait (bounded) until all four have
# started; exit statuses: 123 (a child failed), 124 (a child exited 255),
# 125 (a child was killed by a signal). Commands by absolute path (-L: see
# make_makefiles).
binpkgs usr/bin/xargs findutils dash coreutils
prog xargs_P4 --bin usr/bin/xargs --stdin xargs.in --filter filter_sort -- -P4 -n3 /bin/sh -c 'for n; do echo "$n $(/usr/bin/seq "$n" | /usr/bin/md5sum | /usr/bin/cut -c1-8)"; done' sh
prog xargs_P4_meet --bin usr/bin/xargs --stdin xargs.in --filter filter_sort -- -P4 -n6 /bin/sh -c '/bin/touch "flag.$1"; n=0; while [ "$(/bin/ls flag.* | /usr/bin/wc -l)" -lt 4 ] && [ $n -lt 300 ]; do /bin/sleep 0.1; n=$((n + 1)); done; echo "$1 saw $(/bin/ls flag.* | /usr/bin/wc -l)"' sh
prog xargs_status --bin usr/bin/xargs --stdin xargs.in -- -P4 -n1 /bin/sh -c 'exit $(($1 % 5 == 0))' sh
# (124 is the runner's own timeout status: dash runs xargs and prints it)
binpkgs bin/dash findutils dash
prog xargs_exit255 --bin bin/dash --stdin xargs.in -- -c '/usr/bin/xargs -P4 -n1 /bin/sh -c '\''[ "$1" != 7 ] || exit 255'\'' sh; echo "xargs status $?"'
prog xargs_signal --bin usr/bin/xargs --stdin xargs.in -- -P4 -n1 /bin/sh -c '[ "$1" != 5 ] || kill -TERM $$' sh

# -- perl (perl-base's /usr/bin/perl, with perl's and perl-modules' libraries)
binpkgs usr/bin/perl perl-base perl libperl5.36 perl-modules-5.36
PL=(--bin usr/bin/perl --env PERL_HASH_SEED=0)
prog pl_basic "${PL[@]}" -- -e 'print join(",", map { $_ ** 2 } 1..12), "\n"; printf("%.10f %e %s %d %s\n", atan2(1, 1) * 4, 1e-5, 10 / 3, -7 / 2, 2 ** 53 + 1); print 0.1 + 0.2, " ", 1e21, " ", 9**20, " ", -17 % 5, "\n"'
prog pl_words "${PL[@]}" -- -lne '$c{$1}++ while /\b(\w)\w*/g; END { print "$_ $c{$_}" for sort keys %c }' text.txt
prog pl_wc "${PL[@]}" -- -lne '$w += split; $c += length; END { print "$. $w $c" }' text.txt
prog pl_grep "${PL[@]}" -- -ne 'print if /^(\d+)7 \w+ line-(\d)\2/' text.txt
prog pl_sort "${PL[@]}" -- -e '@a = map { ($_ * 7919) % 10007 } 1..5000; @s = sort { $a <=> $b } @a; print "@s[0..20]\n"; print join(" ", (sort { lc($a) cmp lc($b) or $a cmp $b } qw(b A a C c B))[0..5]), "\n"'
prog pl_pack "${PL[@]}" -- -e 'print unpack("H*", pack("NnCa4wq<d>", 0xdeadbeef, 513, 7, "ab", 300, -2, 1.5)), "\n"; printf "%s %vd %s %b %o\n", sprintf("%08.3f", 3.14159), "1.22.333", join(",", unpack("(A2)*", "aabbccd")), 10, 64'
prog pl_digest "${PL[@]}" -- -MDigest::MD5=md5_hex -MDigest::SHA=sha256_hex -e 'local $/; open F, "<", "in.bin" or die; binmode F; $d = <F>; print md5_hex($d), " ", sha256_hex($d), "\n"'
prog pl_posix "${PL[@]}" -- -MList::Util=sum,max,min,first -MPOSIX=floor,ceil,fmod,strftime -e 'print sum(1..1000), " ", max(3, 9, 2), " ", first { $_ > 3 } (1..9); print " ", floor(-2.5), " ", ceil(2.1), " ", fmod(10, 3), " ", strftime("%Y-%m-%d %H:%M:%S %A", gmtime(1700000000)), "\n"'
prog pl_json "${PL[@]}" -- -MJSON::PP -e 'my $j = JSON::PP->new->canonical->pretty; my $d = $j->decode(q({"b":[1,2,{"c":null}],"a":"x\u00e9","n":1.5e3,"t":true})); print $j->encode($d)'
prog pl_dumper "${PL[@]}" -- -MData::Dumper -e '$Data::Dumper::Sortkeys = 1; $Data::Dumper::Indent = 1; print Dumper({ a => [1, 2.5, "x"], b => { c => "d" }, e => \"f", u => undef })'
prog pl_storable "${PL[@]}" -- -MStorable=freeze,thaw -e '$x = thaw(freeze({ a => [1..5], h => { k => "v" } })); print join(",", @{ $x->{a} }), " $x->{h}{k}\n"'
prog pl_bigint "${PL[@]}" -- -Mbigint -e 'print 2**200, "\n", 3**100 % 1000000007, "\n"'
prog pl_file "${PL[@]}" --file out.txt -- -e 'open my $o, ">", "out.txt" or die; for (sort glob("tree/*")) { my @s = lstat $_; printf $o "%s %d %o\n", $_, $s[7], $s[2] & 07777 } close $o; opendir D, "tree"; print join(" ", sort readdir D), "\n"'
prog pl_exit "${PL[@]}" -- -e 'print "x\n"; exit 7'
prog pl_die "${PL[@]}" -- -e 'die "dying\n"'
prog pl_fork "${PL[@]}" -- -e '$| = 1; my $p = fork; if ($p == 0) { print "child\n"; exit 3 } waitpid($p, 0); print "parent ", $? >> 8, "\n"'

# -- iproute2: NETLINK_ROUTE dumps of this machine's interfaces (same host, same answer)
binpkgs bin/ip iproute2
prog ip_addr --bin bin/ip -- addr
prog ip_link --bin bin/ip -- -o link
prog ip_addr_json --bin bin/ip -- -j addr show lo

# -- lua5.4 (scripts in tests/debian/lua_*.lua)
binpkgs usr/bin/lua5.4 lua5.4
prog lua_basic --bin usr/bin/lua5.4 -- lua_basic.lua
prog lua_bench --bin usr/bin/lua5.4 -- lua_bench.lua
prog lua_io --bin usr/bin/lua5.4 --file out.txt -- -e 'local f = assert(io.open("text.txt", "rb")); local n, l = 0, 0; for line in f:lines() do n = n + 1; l = l + #line end; print(n, l, f:seek("end")); local o = assert(io.open("out.txt", "w")); o:write("abc\n", 1.5, " ", 10 // 3, "\n"); o:close()'
prog lua_stdin --bin usr/bin/lua5.4 --stdin words.txt -- -e 'local t = {}; for l in io.lines() do t[#t + 1] = l end; table.sort(t); print(#t, table.concat(t, "|"))'
prog lua_error --bin usr/bin/lua5.4 -- -e 'print("before"); error("boom")'

# -- sqlite3
binpkgs usr/bin/sqlite3 sqlite3 libsqlite3-0
prog sq_create --bin usr/bin/sqlite3 --stdin sq_create.sql --file t.db -- t.db
prog sq_query --bin usr/bin/sqlite3 --stdin sq_query.sql -- -readonly fixture.db
prog sq_dump --bin usr/bin/sqlite3 -- -readonly fixture.db .dump
prog sq_memory --bin usr/bin/sqlite3 -- :memory: "select sqlite_version(), 1 + 1, printf('%.3f', 22.0 / 7), typeof(9223372036854775807 + 1), 1e308 * 10, round(2.675, 2), length(randomblob(5)), lower('ÄBC'), unicode('é')"
prog sq_error --bin usr/bin/sqlite3 -- :memory: 'select * from nosuch'

# -- xz, bzip2, gzip: compressed bytes must equal the native compressor's
# (same library versions); decompressing the native .xz/.bz2/.gz must give
# the original back
binpkgs usr/bin/xz xz-utils liblzma5
binpkgs bin/bzip2 bzip2 libbz2-1.0
binpkgs bin/gzip gzip
prog xz_c6_text --bin usr/bin/xz -- -c -6 text.txt
# liblzma's threaded coders: small blocks give both threads work, and the
# output is the same for any thread count; text.txt.mt.xz has 13 blocks
prog xz_T2 --bin usr/bin/xz -- -T2 -c -1 text.txt
prog xz_T2_blocks --bin usr/bin/xz -- -T2 --block-size=32768 -c -3e text.txt
prog xz_T2_mix --bin usr/bin/xz -- -T2 --block-size=16384 -c -6 mix.bin
prog xz_T2_d --bin usr/bin/xz -- -T2 -dc text.txt.mt.xz
prog xz_c0_bin --bin usr/bin/xz -- -c -0 --check=sha256 in.bin
prog xz_c9_mix --bin usr/bin/xz -- -c -9 mix.bin
prog xz_c_stdin --bin usr/bin/xz --stdin text.txt -- -c -2e
prog xz_lzma --bin usr/bin/xz -- -c --format=lzma -5 mix.bin
prog xz_d_text --bin usr/bin/xz -- -dc text.txt.xz
prog xz_d_mix --bin usr/bin/xz -- -dc mix.bin.xz
prog xz_list --bin usr/bin/xz -- -l --robot text.txt.xz mix.bin.xz
prog xz_test_bad --bin usr/bin/xz -- -t text.txt
prog bz_c9_text --bin bin/bzip2 -- -c -9 text.txt
prog bz_c1_mix --bin bin/bzip2 -- -c -1 mix.bin
prog bz_c_stdin --bin bin/bzip2 --stdin in.bin -- -c
prog bz_d_text --bin bin/bzip2 -- -dc text.txt.bz2
prog bz_d_mix --bin bin/bzip2 -- -dc mix.bin.bz2
prog gz_c9_text --bin bin/gzip -- -c -9 text.txt
prog gz_c1_mix --bin bin/gzip -- -c -n -1 mix.bin
prog gz_c_rsyncable --bin bin/gzip -- -c -n --rsyncable in.bin
prog gz_c_stdin --bin bin/gzip --stdin text.txt -- -c
prog gz_d_text --bin bin/gzip -- -dc text.txt.gz
prog gz_d_mix --bin bin/gzip -- -dc mix.bin.gz
prog gz_list --bin bin/gzip -- -l text.txt.gz mix.bin.gz

# -- coreutils (bookworm's packages keep ls and date in /bin)
binpkgs bin/ls coreutils
binpkgs bin/date coreutils
for b in sort sha256sum sha512sum md5sum cksum seq factor od wc cut tail uniq stat head tac; do
    binpkgs "usr/bin/$b" coreutils
done
prog cu_ls --bin bin/ls -- -1 tree
prog cu_ls_a --bin bin/ls -- -1aRF tree
# (no link counts of files: every case directory hard-links the fixture)
prog cu_ls_l --bin bin/ls -- -lnd --time-style=+%F_%T tree tree/b 'tree/sub dir' tree/.hidden
prog cu_ls_s --bin bin/ls -- -1sSF tree
prog cu_ls_v --bin bin/ls -- -1v --group-directories-first tree
prog cu_sort --bin usr/bin/sort -- words.txt
prog cu_sort_n --bin usr/bin/sort -- -t, -k2,2n -k1,1r nums.csv
prog cu_sort_uf --bin usr/bin/sort -- -u -f -r words.txt
prog cu_sort_v --bin usr/bin/sort -- -V words.txt
prog cu_sort_big --bin usr/bin/sort -- -k3,3 -k1,1n text.txt
prog cu_sort_parallel --bin usr/bin/sort -- --parallel=2 -S 64K -r text.txt
prog cu_sha256sum --bin usr/bin/sha256sum -- in.bin text.txt empty.bin
prog cu_sha512sum --bin usr/bin/sha512sum --stdin mix.bin -- -
prog cu_md5sum_check --bin usr/bin/md5sum -- --check --strict nosuch.md5
prog cu_cksum --bin usr/bin/cksum -- -a crc text.txt mix.bin
prog cu_date --bin bin/date -- -d '2024-02-29 13:45:07' '+%s %A %j %U %V %Z %z %c'
prog cu_date_epoch --bin bin/date -- -u -d @1700000000 -R
prog cu_date_rel --bin bin/date -- -d '2024-01-31 12:00 + 1 month - 3 days' +%F_%T
prog cu_date_iso --bin bin/date -- --iso-8601=ns -d '1999-12-31 23:59:59.123456789 UTC'
prog cu_date_bad --bin bin/date -- -d 'not a date'
prog cu_seq --bin usr/bin/seq -- 1 3 100
prog cu_seq_w --bin usr/bin/seq -- -w -s, 0 0.25 3
prog cu_seq_f --bin usr/bin/seq -- -f '%05.1f' 1 0.7 9
prog cu_seq_big --bin usr/bin/seq -- 18446744073709551610 18446744073709551620
prog cu_factor --bin usr/bin/factor -- 1234567890123456789 340282366920938463463374607431768211297 18446744073709551557 600851475143 1 97 1000000007000000063
prog cu_od --bin usr/bin/od -- -A x -t x1z -N 256 small.bin
prog cu_od_f8 --bin usr/bin/od -- -A d -t f8 -t d4 -N 128 in.bin
prog cu_od_c --bin usr/bin/od -- -c -N 100 text.txt
prog cu_wc --bin usr/bin/wc -- text.txt mix.bin words.txt
prog cu_cut --bin usr/bin/cut -- -d, -f1,3 nums.csv
prog cu_tail --bin usr/bin/tail -- -n 7 text.txt
prog cu_uniq --bin usr/bin/uniq -- -c -i words.txt
prog cu_stat --bin usr/bin/stat -- -c '%n %s %F %a %Y %b' text.txt tree tree/link empty.bin
prog cu_head --bin usr/bin/head -- -c 1000 mix.bin
prog cu_stat_f --bin usr/bin/stat -- -f -c '%T %S %l' .
prog cu_tac --bin usr/bin/tac -- words.txt
# timeout(1): a timer's SIGALRM into its handler, which sends SIGTERM (or
# SIGKILL) to the command and then to its own process group; the command's
# sleep must die at once, not when its nanosleep ends. busybox sh runs it
# (by path: coreutils', not busybox's applets) and prints the status, since
# the runner takes a native 124 for its own time limit, and the whole
# seconds it took (1 to 4: not 0, not the sleep's 5).
binpkgs bin/busybox busybox-static coreutils
TMO=(--bin bin/busybox -- sh -c 's=$(date +%s); /usr/bin/timeout "$@" /bin/sleep 5; r=$?; e=$(($(date +%s) - s)); echo "status $r, $([ $e -ge 1 ] && [ $e -le 4 ] && echo "took 1 to 4 s" || echo "took $e s")"' sh)
prog cu_timeout "${TMO[@]}" 1
prog cu_timeout_kill "${TMO[@]}" -s KILL 1
prog cu_timeout_usr1 "${TMO[@]}" --preserve-status -s USR1 1
prog cu_timeout_ok --bin usr/bin/timeout -- 5 sleep 0.1
# directly: timeout's kill(0, SIGKILL) kills timeout itself too (status 137)
prog cu_timeout_kill_direct --bin usr/bin/timeout -- -s KILL 1 sleep 5

# -- 7-Zip: an archive made under pvm must equal the native one byte for
# byte (same mtimes: the case directories hard-link the fixture); testing,
# listing and extracting the natively made fix.7z
binpkgs usr/bin/7zz 7zip
prog 7z_a --bin usr/bin/7zz --filter filter_7z --file t.7z -- a -bd -mmt1 t.7z text.txt mix.bin tree
# two threads: LZMA2 in 256 KiB blocks, a zip's files deflated in
# parallel, bzip2's 100 KB blocks (the output depends on the thread count,
# which -mmt fixes, not on the machine)
prog 7z_a_mt --bin usr/bin/7zz --filter filter_7z --file t.7z -- a -bd -mmt2 t.7z text.txt
prog 7z_a_mt_lzma2 --bin usr/bin/7zz --filter filter_7z --file t.7z -- a -bd -mmt2 -mx7 -m0=lzma2:d1m:c256k t.7z text.txt mix.bin
prog 7z_a_mt_zip --bin usr/bin/7zz --filter filter_7z --file t.zip -- a -bd -mmt2 -mx3 -tzip t.zip text.txt mix.bin tree
prog 7z_a_mt_bzip2 --bin usr/bin/7zz --filter filter_7z --file t.bz2 -- a -bd -mmt2 -mx1 -tbzip2 t.bz2 text.txt
prog 7z_t --bin usr/bin/7zz --filter filter_7z -- t -bd fix.7z
prog 7z_l --bin usr/bin/7zz -- l -ba fix.7z
prog 7z_x --bin usr/bin/7zz -- x -bd -so fix.7z text.txt
prog 7z_t_bad --bin usr/bin/7zz --filter filter_7z -- t -bd text.txt.xz.nosuch
prog 7z_b --bin usr/bin/7zz --filter filter_7zb --timeout 3000 --check-all -- b -mmt1 -md20 1
prog 7z_b_mt --bin usr/bin/7zz --filter filter_7zb --timeout 3000 --check-all -- b -mmt2 -md20 1

# -- Go programs (statically linked shfmt; fzf, built with cgo, loads
# libc): the runtime's threads (sysmon, GC workers, one per GOMAXPROCS),
# goroutines moving between them, futexes, and async preemption, a SIGURG
# one thread sends another with tgkill. fzf --filter matches the input in
# parallel partitions, then sorts by score; shfmt walks shtree/ (its
# garbage collector made busy with GOGC=5 in some cases).
binpkgs usr/bin/fzf fzf
binpkgs usr/bin/shfmt shfmt
FZF=(--bin usr/bin/fzf --stdin)
prog fzf_fuzzy "${FZF[@]}" text.txt -- --filter 'fox 77'
prog fzf_extended "${FZF[@]}" text.txt -- --filter "'brown ^1 !Beta$ | lazy"
prog fzf_exact_tac "${FZF[@]}" text.txt -- -e --no-sort --tac --filter line-7
prog fzf_nth "${FZF[@]}" text.txt -- --delimiter ' ' --nth -2 --filter 00 --tiebreak=end,index
prog fzf_v1 "${FZF[@]}" text.txt -- --algo=v1 --filter qkbrwn
prog fzf_paths "${FZF[@]}" paths.txt -- --filter 'src/main go'
prog fzf_paths_or "${FZF[@]}" paths.txt -- --filter 'clnt .rs$ | .py$'
prog fzf_paths_tiebreak "${FZF[@]}" paths.txt -- --filter srvidx --tiebreak=length,begin
prog fzf_with_nth "${FZF[@]}" paths.txt -- -i --filter 'SRC CACHE' --with-nth 2.. --delimiter /
prog fzf_nomatch "${FZF[@]}" paths.txt -- --filter zzzqqq
prog shfmt_ld --bin usr/bin/shfmt -- -l -d shtree
prog shfmt_l_gc --bin usr/bin/shfmt --env GOGC=5 -- -l shtree
prog shfmt_i2 --bin usr/bin/shfmt --env GOGC=5 -- -i 2 -ci -bn -sr shtree
prog shfmt_mn --bin usr/bin/shfmt -- -s -mn shtree
prog shfmt_json --bin usr/bin/shfmt --stdin shtree/d2/s014.bash -- -tojson

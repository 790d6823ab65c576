# shellcheck shell=bash
# Debian-program test cases, sourced by tests/debian/run.sh. Each line:
#   ossl NAME [--stdin FILE] [--file OUT] [--armcap BITS] -- ARGS...
# runs `openssl ARGS` natively (the host's amd64 /usr/bin/openssl) and under
# `pvm -L SYSROOT SYSROOT/usr/bin/openssl` (Debian's arm64 build), each in a
# fresh directory holding the fixture (hard links: cases must not write to a
# fixture name), with env -i OPENSSL_CONF=/dev/null LC_ALL=C, and compares
# stdout bytes and exit status; --file also compares the file OUT the run
# wrote; --armcap sets OPENSSL_armcap=BITS for the pvm run (it overrides the
# HWCAP-based choice of OpenSSL's arm64 code paths). `skipcase NAME REASON` lists a case that cannot run, with why.
# `hw NAME OPNAME -- ARGS...` runs under `pvm -d exec -D LOG` and requires an
# `exec-stats: N OPNAME` line (N > 0) in the log, besides equal outputs.

# Fixed keys and IVs (hex) for the symmetric cases.
K128=000102030405060708090a0b0c0d0e0f
K256=${K128}101112131415161718191a1b1c1d1e1f
IV=f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff
BADK256=ff${K256:2}
FIXK=5a5a5a5a0123456789abcdef5a5a5a5a

# The fixture, made with host tools only (identical for both sides). The data
# is a fixed AES-CTR keystream, so it is the same on every run; the key pairs
# are generated per run (both sides use the same ones; the fixture stays in
# WORKDIR/fixture to reproduce a failure), and signatures that are random
# (ECDSA) are made natively here and only verified by the cases.
make_fixture() { # DIR OPENSSL
    local d=$1 o=$2
    mkdir -p "$d"
    # (a key of its own: the cases encrypting in.bin with K128 must not get zeros)
    head -c 1048576 /dev/zero | "$o" enc -aes-128-ctr -K "$FIXK" -iv "$IV" -nosalt > "$d/in.bin"
    head -c 65536 "$d/in.bin" > "$d/small.bin"
    : > "$d/empty.bin"
    local c k
    for c in aes-128-ctr aes-256-ctr aes-128-cbc aes-256-cbc chacha20; do
        case $c in *128*) k=$K128 ;; *) k=$K256 ;; esac
        "$o" enc -"$c" -K "$k" -iv "$IV" -nosalt -in "$d/in.bin" -out "$d/ct-$c.bin"
    done
    "$o" base64 -in "$d/small.bin" -out "$d/small.b64"
    "$o" genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$d/rsa.pem" 2> /dev/null
    "$o" pkey -in "$d/rsa.pem" -pubout -out "$d/rsapub.pem"
    "$o" dgst -sha256 -sign "$d/rsa.pem" -out "$d/rsa.sig" "$d/small.bin"
    "$o" genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$d/ec.pem"
    "$o" pkey -in "$d/ec.pem" -pubout -out "$d/ecpub.pem"
    "$o" dgst -sha256 -sign "$d/ec.pem" -out "$d/ec.sig" "$d/small.bin"
    "$o" genpkey -algorithm ED25519 -out "$d/ed.pem"
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

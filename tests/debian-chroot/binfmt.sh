# shellcheck shell=bash
# binfmt_register DIR NAME INTERPRETER: registers INTERPRETER for arm64 ELF
# executables (ET_EXEC and ET_DYN: e_type's low bit is masked) in the
# binfmt_misc instance mounted at DIR, with the F flag (the kernel opens the
# interpreter now, so it need not exist inside a chroot). The magic is the
# first 20 bytes of the ELF header: \x7fELF, 64-bit, little-endian, version
# 1, any OS ABI (masked), ABI version and padding 0, e_type 2 or 3,
# e_machine 183 (EM_AARCH64). The kernel unescapes the \xNN text itself.
# (Sourced by tests/chroot/run.sh and inside.sh.)
BINFMT_A64_MAGIC='\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\xb7\x00'
BINFMT_A64_MASK='\xff\xff\xff\xff\xff\xff\xff\x00\xff\xff\xff\xff\xff\xff\xff\xff\xfe\xff\xff\xff'

binfmt_register() { # DIR NAME INTERPRETER
    printf '%s' ":$2:M::$BINFMT_A64_MAGIC:$BINFMT_A64_MASK:$3:F" > "$1/register"
}

#!/usr/bin/env python3
"""Reads an arm64 ELF core file for tests/cli/cases_core.sh, with no ELF
library: the header, the program headers and the notes, printed as one line
per fact so the shell can match them.

usage: corecheck.py CORE [ADDR LEN]

Lines:
  elf TYPE MACHINE PHNUM          (e_type, e_machine in decimal)
  note NAME TYPE SIZE             (one per note, in file order; TYPE in hex)
  prstatus signo S cursig C pid P x20 0x.. sp 0x.. pc 0x.. pstate 0x..
  prpsinfo fname NAME psargs ARGS
  fpregset v8 0x.. fpsr 0x.. fpcr 0x..
  tls 0x..
  siginfo signo S code C addr 0x..
  auxv N entries, AT_PAGESZ P, AT_ENTRY 0x..
  file N page P                   then "file 0xSTART-0xEND OFF NAME" per entry
  load 0xVADDR 0xMEMSZ FILESZ FLAGS   (one per PT_LOAD; FLAGS like "rw-")
  mem TEXT                        (with ADDR LEN: the bytes at guest ADDR
                                   from the PT_LOADs, printable ASCII kept,
                                   others as '.'; "mem absent" when no
                                   PT_LOAD holds them in the file)
Exit status 1 (and one line on stderr) when the file is not a well-formed
ELF64 little-endian core: bad magic, a header, note or segment past the
end of the file, or a note whose sizes overrun the PT_NOTE.
"""
import struct
import sys


def fail(msg):
    print("corecheck: " + msg, file=sys.stderr)
    sys.exit(1)


def main():
    if len(sys.argv) not in (2, 4):
        fail("usage: corecheck.py CORE [ADDR LEN]")
    data = open(sys.argv[1], "rb").read()
    if len(data) < 64 or data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        fail("not an ELF64 little-endian file")
    (e_type, e_machine, _ver, _entry, e_phoff, _shoff, _flags, _ehsize, e_phentsize,
     e_phnum) = struct.unpack_from("<HHIQQQIHHH", data, 16)
    print("elf %d %d %d" % (e_type, e_machine, e_phnum))
    if e_phentsize != 56 or e_phoff + e_phnum * 56 > len(data):
        fail("program headers past the end of the file")
    loads, notes = [], []
    for i in range(e_phnum):
        p_type, p_flags, p_off, p_vaddr, _pa, p_filesz, p_memsz, _al = struct.unpack_from(
            "<IIQQQQQQ", data, e_phoff + i * 56)
        if p_type == 4:
            if p_off + p_filesz > len(data):
                fail("PT_NOTE past the end of the file")
            notes.append((p_off, p_filesz))
        elif p_type == 1:
            loads.append((p_vaddr, p_memsz, p_off, p_filesz, p_flags))
    for off, size in notes:
        end = off + size
        while off + 12 <= end:
            namesz, descsz, ntype = struct.unpack_from("<III", data, off)
            name_off = off + 12
            desc_off = name_off + ((namesz + 3) & ~3)
            nxt = desc_off + ((descsz + 3) & ~3)
            if nxt > end:
                fail("note overruns PT_NOTE")
            name = data[name_off:name_off + namesz].rstrip(b"\0").decode()
            desc = data[desc_off:desc_off + descsz]
            print("note %s 0x%x %d" % (name, ntype, descsz))
            show_note(name, ntype, desc)
            off = nxt
    for vaddr, memsz, _off, filesz, flags in loads:
        perms = ("r" if flags & 4 else "-") + ("w" if flags & 2 else "-") + ("x" if flags & 1 else "-")
        print("load 0x%x 0x%x %d %s" % (vaddr, memsz, filesz, perms))
    for vaddr, memsz, off, filesz, flags in loads:
        if off + filesz > len(data):
            # a core cut by RLIMIT_CORE ends inside a segment; report, not fail
            print("truncated 0x%x" % vaddr)
    if len(sys.argv) == 4:
        addr, n = int(sys.argv[2], 0), int(sys.argv[3], 0)
        for vaddr, _memsz, off, filesz, _flags in loads:
            if vaddr <= addr and addr + n <= vaddr + filesz and off + (addr - vaddr) + n <= len(data):
                b = data[off + addr - vaddr:off + addr - vaddr + n]
                print("mem " + "".join(chr(c) if 32 <= c < 127 else "." for c in b))
                break
        else:
            print("mem absent")


def show_note(name, ntype, d):
    if name == "CORE" and ntype == 1 and len(d) == 392:
        signo, = struct.unpack_from("<i", d, 0)
        cursig, = struct.unpack_from("<h", d, 12)
        pid, = struct.unpack_from("<i", d, 32)
        regs = struct.unpack_from("<34Q", d, 112)
        print("prstatus signo %d cursig %d pid %d x20 0x%x sp 0x%x pc 0x%x pstate 0x%x" %
              (signo, cursig, pid, regs[20], regs[31], regs[32], regs[33]))
    elif name == "CORE" and ntype == 3 and len(d) == 136:
        fname = d[40:56].split(b"\0")[0].decode(errors="replace")
        psargs = d[56:136].split(b"\0")[0].decode(errors="replace")
        print("prpsinfo fname %s psargs %s" % (fname, psargs))
    elif name == "CORE" and ntype == 2 and len(d) == 528:
        v8, = struct.unpack_from("<Q", d, 8 * 16)
        fpsr, fpcr = struct.unpack_from("<II", d, 512)
        print("fpregset v8 0x%x fpsr 0x%x fpcr 0x%x" % (v8, fpsr, fpcr))
    elif name == "LINUX" and ntype == 0x401 and len(d) >= 8:
        print("tls 0x%x" % struct.unpack_from("<Q", d, 0))
    elif name == "CORE" and ntype == 0x53494749 and len(d) == 128:
        signo, _errno, code = struct.unpack_from("<iii", d, 0)
        addr, = struct.unpack_from("<Q", d, 16)
        print("siginfo signo %d code %d addr 0x%x" % (signo, code, addr))
    elif name == "CORE" and ntype == 6:
        kv = dict(struct.unpack_from("<QQ", d, i) for i in range(0, len(d) - 15, 16))
        print("auxv %d entries, AT_PAGESZ %d, AT_ENTRY 0x%x" %
              (len(d) // 16, kv.get(6, 0), kv.get(9, 0)))
    elif name == "CORE" and ntype == 0x46494c45 and len(d) >= 16:
        count, page = struct.unpack_from("<QQ", d, 0)
        names = d[16 + count * 24:].split(b"\0")
        print("file %d page %d" % (count, page))
        for i in range(count):
            s, e, o = struct.unpack_from("<QQQ", d, 16 + i * 24)
            print("file 0x%x-0x%x %d %s" % (s, e, o, names[i].decode(errors="replace")))


main()

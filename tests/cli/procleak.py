#!/usr/bin/env python3
"""/proc address-leak check for tests/cli/cases_fds.sh.

usage: procleak.py DUMP MAPS PVM-BINARY

DUMP is what `fdprobe procdump` printed under pvm: "=== PATH" lines, each
followed by what the guest read there (file content, link text, directory
names). MAPS is the host's /proc/PID/maps of that pvm and of its forked child,
read from outside while the guest waited. The check fails (status 1, one line
per finding) when any number in DUMP that looks like an address falls inside
one of pvm's host mappings outside the guest region, or when an entry of the
guest's own process shows pvm's binary path.

Robustness:
- the guest region is the largest run of contiguous host mappings (pvm
  reserves it in one piece, default 1 TiB); it must be at least 64 GiB, and
  every other host mapping (pvm's binary, libraries, heap, stack, vdso,
  anonymous areas) counts as pvm's;
- candidates are whole words: hex with or without 0x (5 to 16 digits), and
  decimal (5 to 20 digits, /proc/PID/stat prints addresses in decimal); a
  word of decimal digits is tried both ways; values below 0x10000 are never
  addresses;
- environ is left out of the path check (bash exports `_` as the program it
  ran), and so are other processes' cmdline and exe (the host's view of
  another pvm: a path, not an address; see docs/design.md "/proc entries").
"""
import os
import re
import sys

REGION_MIN = 64 << 30


def parse_maps(path):
    ranges = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts or '-' not in parts[0]:
                continue
            lo, hi = (int(x, 16) for x in parts[0].split('-'))
            name = parts[5] if len(parts) > 5 else ''
            ranges.append((lo, hi, name))
    return sorted(set(ranges))


def guest_region(ranges):
    best, start, end = None, None, None
    for lo, hi, _ in ranges:
        if start is not None and lo == end:
            end = hi
        else:
            start, end = lo, hi
        if best is None or end - start > best[1] - best[0]:
            best = (start, end)
    return best if best and best[1] - best[0] >= REGION_MIN else None


def sections(dump):
    name, lines = None, []
    for line in dump.splitlines():
        if line.startswith('=== '):
            if name is not None:
                yield name, '\n'.join(lines)
            name, lines = line[4:], []
        else:
            lines.append(line)
    if name is not None:
        yield name, '\n'.join(lines)


HEX = re.compile(r'(?<![0-9A-Za-z_])(?:0x)?([0-9a-fA-F]{5,16})(?![0-9A-Za-z_])')
DEC = re.compile(r'(?<![0-9A-Za-z_.])([0-9]{5,20})(?![0-9A-Za-z_])')


def candidates(text):
    for m in HEX.finditer(text):
        yield m.group(0), int(m.group(1), 16)
    for m in DEC.finditer(text):
        yield m.group(0), int(m.group(1))


def main():
    dump_path, maps_path, binary = sys.argv[1:4]
    binary = os.path.realpath(binary)
    ranges = parse_maps(maps_path)
    region = guest_region(ranges)
    if region is None:
        print('procleak: no guest region (>= 64 GiB) in the host maps')
        return 1
    pvm = [(lo, hi, n) for lo, hi, n in ranges if hi <= region[0] or lo >= region[1]]
    if not any(n == binary for _, _, n in pvm):
        print('procleak: the host maps do not show %s' % binary)
        return 1
    with open(dump_path, errors='replace') as f:
        dump = f.read()
    findings, nsec = [], 0
    for name, text in sections(dump):
        nsec += 1
        for word, v in candidates(text):
            if v < 0x10000:
                continue
            for lo, hi, n in pvm:
                if lo <= v < hi:
                    findings.append('%s: %s is inside %x-%x %s' % (name, word, lo, hi, n or '[anon]'))
                    break
        own = name.startswith('/proc/self/')
        last = name.rsplit('/', 1)[-1]
        if own and last != 'environ' and binary in text:
            findings.append('%s: shows %s' % (name, binary))
    if nsec < 50:
        findings.append('only %d entries in the dump' % nsec)
    for line in findings[:40]:
        print('procleak: ' + line)
    print('procleak: %d entries, %d host mappings of pvm, %d findings' % (nsec, len(pvm), len(findings)))
    return 1 if findings else 0


if __name__ == '__main__':
    sys.exit(main())

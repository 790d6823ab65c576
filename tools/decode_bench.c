/* The decoder's speed on real code: decodes every word of an AArch64 ELF
 * file's executable PT_LOAD segments (e.g. build/sysroot/usr/bin/python3.11)
 * REPEAT times through decode_insn (interp/decode.c) and prints the best
 * round's nanoseconds per word. A focused measure of the decoder alone (no
 * block cache, no execution); the interpreter's own speed is `make bench`.
 * usage: decode_bench FILE [REPEAT] */
#include <elf.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "interp/decode.h"

static double decode_bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e9 + (double)ts.tv_nsec;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: %s FILE [REPEAT]\n", argv[0]);
        return 2;
    }
    int repeat = argc > 2 ? atoi(argv[2]) : 10;
    int fd = open(argv[1], O_RDONLY);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        perror(argv[1]);
        return 1;
    }
    const uint8_t *f = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (f == MAP_FAILED || (size_t)st.st_size < sizeof(Elf64_Ehdr) || memcmp(f, ELFMAG, SELFMAG)) {
        fprintf(stderr, "%s: not an ELF file\n", argv[1]);
        return 1;
    }
    const Elf64_Ehdr *eh = (const Elf64_Ehdr *)f;
    /* the words of the executable segments, copied so the loop reads one array */
    size_t n = 0, cap = (size_t)st.st_size / 4;
    uint32_t *words = malloc(cap * sizeof *words);
    for (unsigned k = 0; k < eh->e_phnum; k++) {
        const Elf64_Phdr *ph = (const Elf64_Phdr *)(f + eh->e_phoff + (size_t)k * eh->e_phentsize);
        if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X) || ph->p_offset + ph->p_filesz > (uint64_t)st.st_size)
            continue;
        for (uint64_t o = 0; o + 4 <= ph->p_filesz; o += 4)
            memcpy(&words[n++], f + ph->p_offset + o, 4);
    }
    if (!n) {
        fprintf(stderr, "%s: no executable segment\n", argv[1]);
        return 1;
    }
    double best = 1e300;
    uint64_t sum = 0;
    for (int r = 0; r < repeat; r++) {
        double t0 = decode_bench_now();
        for (size_t k = 0; k < n; k++) {
            struct insn i;
            decode_insn(&i, words[k], 0x400000 + 4 * k);
            sum += i.op + (uint64_t)i.imm + i.rd;
        }
        double t = decode_bench_now() - t0;
        if (t < best)
            best = t;
    }
    printf("%zu words, best of %d rounds: %.2f ns/word (checksum %" PRIx64 ")\n", n, repeat,
           best / (double)n, sum);
    return 0;
}

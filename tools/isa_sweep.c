/* ISA coverage sweep: reads hex instruction words (one per line) on stdin and
 * prints, per word, "1" if pvm's decoder accepts it and "0" if it decodes to
 * OP_UNDEF. scripts/isa-sweep.sh pairs this with objdump's view of the same
 * words to list the encodings the assembler knows and pvm does not. */
#include <stdio.h>
#include <stdlib.h>

#include "interp/decode.h"

int main(void)
{
    char line[64];
    while (fgets(line, sizeof line, stdin)) {
        struct insn i;
        decode_insn(&i, (uint32_t)strtoul(line, NULL, 16), 0x400000);
        printf("%08x %s\n", (unsigned)strtoul(line, NULL, 16), i.op == OP_UNDEF ? "-" : decode_op_name(i.op));
    }
    return 0;
}

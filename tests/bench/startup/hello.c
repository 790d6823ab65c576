/* make bench: start-up cost of a dynamically linked program (ld.so, libc
 * initialisation, one write, exit), built for the host and for arm64. */
#include <stdio.h>

int main(void)
{
    puts("hello");
    return 0;
}

/* make bench: start-up cost of a program, linked dynamically (ld.so, libc
 * initialisation, one write, exit) and statically, built for the host and
 * for arm64. */
#include <stdio.h>

int main(void)
{
    puts("hello");
    return 0;
}

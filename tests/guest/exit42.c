/* Exit status: writes to stdout (buffered, so exit must flush it) and to
 * stderr, then returns 42 from main. expect-exit: 42 (read by run.sh) */
#include <stdio.h>

int main(void)
{
    printf("about to exit with 42\n");
    fprintf(stderr, "this goes to stderr\n");
    return 42;
}

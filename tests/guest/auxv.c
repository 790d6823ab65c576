/* What the loader hands a program: argc/argv (the runner passes an empty
 * argument and one with spaces), one environment variable set by the runner,
 * and the auxiliary vector entries whose values are fixed facts: AT_PAGESZ,
 * AT_PLATFORM, AT_PHENT/AT_PHNUM, AT_CLKTCK, AT_SECURE, ids, AT_EXECFN and
 * AT_RANDOM presence. HWCAP values and addresses are deliberately not
 * printed (qemu's cortex-a53 and pvm advertise different features). */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

extern char **environ;

int main(int argc, char **argv)
{
    printf("argc %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d] = [%s]\n", i, argv[i]);
    printf("argv[argc] is NULL: %d\n", argv[argc] == NULL);
    const char *v = getenv("PVM_GUEST_TEST_VAR");
    printf("PVM_GUEST_TEST_VAR = [%s]\n", v ? v : "(unset)");
    int found = 0;
    for (char **e = environ; *e; e++)
        found += strncmp(*e, "PVM_GUEST_TEST_VAR=", 19) == 0;
    printf("found in environ %d time(s)\n", found);

    printf("AT_PAGESZ %lu (sysconf %ld)\n", getauxval(AT_PAGESZ), sysconf(_SC_PAGESIZE));
    const char *plat = (const char *)getauxval(AT_PLATFORM);
    printf("AT_PLATFORM %s\n", plat ? plat : "(none)");
    printf("AT_PHENT %lu AT_PHNUM %lu\n", getauxval(AT_PHENT), getauxval(AT_PHNUM));
    printf("AT_CLKTCK %lu\n", getauxval(AT_CLKTCK));
    printf("AT_SECURE %lu\n", getauxval(AT_SECURE));
    printf("AT_UID/EUID/GID/EGID match: %d %d %d %d\n", getauxval(AT_UID) == getuid(),
           getauxval(AT_EUID) == geteuid(), getauxval(AT_GID) == getgid(),
           getauxval(AT_EGID) == getegid());
    const char *execfn = (const char *)getauxval(AT_EXECFN);
    printf("AT_EXECFN equals argv[0]: %d\n", execfn && strcmp(execfn, argv[0]) == 0);
    const unsigned char *rnd = (const unsigned char *)getauxval(AT_RANDOM);
    unsigned nz = 0;
    for (int i = 0; rnd && i < 16; i++)
        nz |= rnd[i];
    printf("AT_RANDOM present %d, readable and not all zero %d\n", rnd != NULL, nz != 0);
    printf("AT_ENTRY present %d\n", getauxval(AT_ENTRY) != 0);
    printf("AT_PHDR present %d\n", getauxval(AT_PHDR) != 0);
    printf("getauxval(unknown 999) %lu\n", getauxval(999));
    return 0;
}

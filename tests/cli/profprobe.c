/* Guest probe for -d profile / -d exec's exec-profile: lines
 * (tests/cli/cases_profile.sh, engine/stats.h):
 *   profprobe run SELF  a loop hot enough for the 1000+ class of the block
 *       histogram; a thread that runs a little and ends; a fork child that
 *       exits (status 3, waited for); a vfork child that execs SELF say
 *       vforked (waited for); then prints "done" and exits 0: four process
 *       images, each with one line.
 *   profprobe say WORDS...  prints the words on one line. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile unsigned long sink;

static void *prof_thread(void *arg)
{
    (void)arg;
    for (int i = 0; i < 100; i++)
        sink += (unsigned long)i;
    return NULL;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "say")) {
        for (int k = 2; k < argc; k++)
            printf("%s%s", argv[k], k + 1 < argc ? " " : "\n");
        return 0;
    }
    if (argc < 3 || strcmp(argv[1], "run")) {
        fprintf(stderr, "usage: profprobe run SELF | say WORDS...\n");
        return 2;
    }
    for (int i = 0; i < 5000; i++)
        sink += (unsigned long)i * 3;
    pthread_t t;
    if (pthread_create(&t, NULL, prof_thread, NULL) || pthread_join(t, NULL))
        return 1;
    int st;
    pid_t p = fork();
    if (p == 0)
        _exit(3);
    if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 3)
        return 1;
    fflush(stdout);
    p = vfork();
    if (p == 0) {
        execl(argv[2], argv[2], "say", "vforked", (char *)NULL);
        _exit(127);
    }
    if (p < 0 || waitpid(p, &st, 0) != p || !WIFEXITED(st) || WEXITSTATUS(st) != 0)
        return 1;
    printf("done\n");
    return 0;
}

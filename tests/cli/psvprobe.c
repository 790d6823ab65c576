/* The guest of tests/cli/cases_psview.sh: a program the host looks at with
 * ps, pgrep and pidof while it runs.
 *   psvprobe sleep N [ARGS...]   sleeps N seconds (ARGS only show in cmdline)
 *   psvprobe exec PATH ARGS...   execs PATH with argv PATH ARGS...
 *   psvprobe thread NAME N       a second thread names itself NAME (PR_SET_NAME); both sleep N seconds
 *   psvprobe cmdline             prints its own /proc/self/cmdline (NULs as '|') and comm */
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <time.h>
#include <unistd.h>

static void nap(long s)
{
    struct timespec ts = {s, 0};
    while (nanosleep(&ts, &ts) != 0) {
    }
}

static long thread_secs;

static void *named(void *arg)
{
    prctl(PR_SET_NAME, arg, 0, 0, 0);
    nap(thread_secs);
    return NULL;
}

static void show(const char *path)
{
    char buf[4096];
    int fd = open(path, O_RDONLY);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf) : -1;
    for (ssize_t i = 0; i < n; i++)
        putchar(buf[i] ? buf[i] : '|');
    if (fd >= 0)
        close(fd);
    putchar('\n');
}

int main(int argc, char **argv)
{
    if (argc > 2 && !strcmp(argv[1], "sleep")) {
        nap(atol(argv[2]));
        return 0;
    }
    if (argc > 2 && !strcmp(argv[1], "exec")) {
        execv(argv[2], argv + 2);
        perror("execv");
        return 127;
    }
    if (argc > 3 && !strcmp(argv[1], "thread")) {
        pthread_t t;
        thread_secs = atol(argv[3]);
        if (pthread_create(&t, NULL, named, argv[2]) != 0)
            return 1;
        nap(thread_secs);
        return 0;
    }
    if (argc > 1 && !strcmp(argv[1], "cmdline")) {
        show("/proc/self/cmdline");
        show("/proc/self/comm");
        return 0;
    }
    fprintf(stderr, "usage: psvprobe sleep N ... | exec PATH ... | thread NAME N | cmdline\n");
    return 2;
}

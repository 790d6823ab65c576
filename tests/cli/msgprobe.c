/* Guest program for the message cases (tests/cli/cases_msgs.sh): where
 * pvm's own "pvm: " lines go once the guest has closed or replaced its
 * stderr. Output through write(2) only (no stdio buffers across fork).
 *   close-fault   closes fd 2, then loads from a wild pointer (SIGSEGV)
 *   null-fault    puts /dev/null on fd 2, then the same
 *   close-undef   closes fd 2, then runs UDF #0 (SIGILL)
 *   child-fault   a forked child closes fd 2 and faults; the parent prints
 *                 the signal that ended it
 *   daemon        forks a child that closes every descriptor and sleeps
 *                 3 s; the parent exits 0 at once
 *   fd2           prints whether fd 2 is open */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* outside any guest region pvm reserves, as probe.c's */
#define MSG_WILD ((volatile int *)0x00007f0000002000ull)

static void msg_say(const char *s)
{
    ssize_t r = write(1, s, strlen(s));
    (void)r;
}

static int msg_fault(void) { return *MSG_WILD; }

int main(int argc, char **argv)
{
    const char *what = argc > 1 ? argv[1] : "";
    if (!strcmp(what, "close-fault")) {
        close(2);
        return msg_fault();
    }
    if (!strcmp(what, "null-fault")) {
        int fd = open("/dev/null", O_WRONLY);
        if (fd < 0 || dup2(fd, 2) != 2)
            return 1;
        return msg_fault();
    }
    if (!strcmp(what, "close-undef")) {
        close(2);
        __asm__ volatile(".inst 0x00000000"); /* UDF #0 */
        return 0;
    }
    if (!strcmp(what, "child-fault")) {
        pid_t p = fork();
        if (p < 0)
            return 1;
        if (p == 0) {
            close(2);
            _exit(msg_fault());
        }
        int st;
        if (waitpid(p, &st, 0) != p)
            return 1;
        char b[64];
        snprintf(b, sizeof b, "child signal %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
        msg_say(b);
        return 0;
    }
    if (!strcmp(what, "daemon")) {
        pid_t p = fork();
        if (p < 0)
            return 1;
        if (p == 0) {
            setsid();
            close_range(0, ~0u, 0);
            sleep(3);
            _exit(0);
        }
        msg_say("parent done\n");
        return 0;
    }
    if (!strcmp(what, "fd2")) {
        msg_say(fcntl(2, F_GETFD) >= 0 ? "fd 2 open\n" : "fd 2 closed\n");
        return 0;
    }
    msg_say("usage: msgprobe close-fault|null-fault|close-undef|child-fault|daemon|fd2\n");
    return 2;
}

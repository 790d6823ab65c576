/* Guest helper for cases_sigmisc.sh: an ignored SIGSEGV and a blocked
 * SIGBUS survive execve (pvm's fault signals, which the host cannot hold
 * for the guest), and the variable that carries them never reaches the
 * guest. `sigexecprobe` sets both and execs itself with an argument; the
 * second image prints what it inherited. `sigexecprobe pending` blocks
 * SIGUSR1 and SIGUSR2, sends the first to itself as a thread and the second
 * as a process, and prints SigPnd/ShdPnd of /proc/self/status. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static int pending(void)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    sigaddset(&s, SIGUSR2);
    sigprocmask(SIG_BLOCK, &s, NULL);
    syscall(SYS_tgkill, getpid(), syscall(SYS_gettid), SIGUSR1);
    kill(getpid(), SIGUSR2);
    char b[4096];
    FILE *f = fopen("/proc/self/status", "r");
    while (f && fgets(b, sizeof b, f))
        if (!strncmp(b, "SigPnd:", 7) || !strncmp(b, "ShdPnd:", 7))
            fputs(b, stdout);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "pending"))
        return pending();
    if (argc > 1) {
        struct sigaction sa;
        sigaction(SIGSEGV, NULL, &sa);
        sigset_t m;
        sigprocmask(SIG_BLOCK, NULL, &m);
        printf("segv ignored %d, bus blocked %d, env %s\n", sa.sa_handler == SIG_IGN,
               sigismember(&m, SIGBUS), getenv("PVM_SIGFAULTS") ? "leaked" : "clean");
        return 0;
    }
    signal(SIGSEGV, SIG_IGN);
    sigset_t b;
    sigemptyset(&b);
    sigaddset(&b, SIGBUS);
    sigprocmask(SIG_BLOCK, &b, NULL);
    execl(argv[0], argv[0], "again", (char *)NULL);
    return 1;
}

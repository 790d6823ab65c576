/* Guest helper for cases_sigmisc.sh: an ignored SIGSEGV and a blocked
 * SIGBUS survive execve (pvm's fault signals, which the host cannot hold
 * for the guest), and the variable that carries them never reaches the
 * guest. `sigexecprobe` sets both and execs itself with an argument; the
 * second image prints what it inherited. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
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

/* signalfd: with SIGUSR1 blocked, signalfd4 on it; raise makes the fd
 * readable (poll) and a read returns one struct signalfd_siginfo (128
 * bytes) with ssi_signo 10, ssi_code SI_TKILL, our pid and uid, and takes
 * the signal (no longer pending, the handler never runs); a sigqueue'd
 * SIGUSR2 brings SI_QUEUE and ssi_int; an empty non-blocking signalfd
 * answers EAGAIN. */
#include "sigtest.h"

#include <poll.h>
#include <sys/signalfd.h>

static volatile sig_atomic_t calls;

static void count(int sig)
{
    (void)sig;
    calls++;
}

int main(void)
{
    pid_t me = getpid();
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, SIGUSR1);
    sigaddset(&s, SIGUSR2);
    t_handle(SIGUSR1, count, 0);
    t_handle(SIGUSR2, count, 0);
    sigprocmask(SIG_BLOCK, &s, NULL);

    t_begin();
    int fd = signalfd(-1, &s, SFD_NONBLOCK | SFD_CLOEXEC);
    EXPECT(fd >= 0, "signalfd: %s", strerror(errno));
    struct signalfd_siginfo ssi;
    errno = 0;
    ssize_t r = read(fd, &ssi, sizeof ssi);
    EXPECT(r == -1 && errno == EAGAIN, "empty read returned %zd errno %d, want -1 EAGAIN", r, errno);
    t_end("signalfd_empty");

    t_begin();
    raise(SIGUSR1);
    struct pollfd pfd = { .fd = fd, .events = POLLIN };
    int n = poll(&pfd, 1, T_WAIT_S * 1000);
    EXPECT(n == 1 && (pfd.revents & POLLIN), "poll returned %d revents %#x", n, pfd.revents);
    memset(&ssi, 0, sizeof ssi);
    r = read(fd, &ssi, sizeof ssi);
    EXPECT(r == (ssize_t)sizeof ssi && sizeof ssi == 128, "read returned %zd, want 128", r);
    EXPECT(ssi.ssi_signo == SIGUSR1, "ssi_signo %u", ssi.ssi_signo);
    EXPECT(ssi.ssi_code == SI_TKILL, "ssi_code %d, want SI_TKILL (%d)", ssi.ssi_code, SI_TKILL);
    EXPECT(ssi.ssi_pid == (uint32_t)me, "ssi_pid %u, want %d", ssi.ssi_pid, (int)me);
    EXPECT(ssi.ssi_uid == getuid(), "ssi_uid %u", ssi.ssi_uid);
    sigset_t p;
    sigpending(&p);
    EXPECT(!sigismember(&p, SIGUSR1), "SIGUSR1 still pending after the read");
    EXPECT(calls == 0, "the handler ran");
    t_end("signalfd_read");

    t_begin();
    union sigval v = { .sival_int = 4242 };
    sigqueue(me, SIGUSR2, v);
    memset(&ssi, 0, sizeof ssi);
    r = read(fd, &ssi, sizeof ssi);
    EXPECT(r == (ssize_t)sizeof ssi, "read returned %zd errno %d", r, errno);
    EXPECT(ssi.ssi_signo == SIGUSR2 && ssi.ssi_code == SI_QUEUE && ssi.ssi_int == 4242,
           "signo %u code %d int %d, want %d SI_QUEUE 4242", ssi.ssi_signo, ssi.ssi_code, ssi.ssi_int, SIGUSR2);
    EXPECT(calls == 0, "the handler ran");
    t_end("signalfd_sigqueue");
    close(fd);
    return 0;
}

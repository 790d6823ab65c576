/* A periodic 2 ms POSIX timer (timer_create, SIGEV_SIGNAL with SIGRTMIN,
 * sigev_value = a counter's address) during a ~300 ms CPU-bound loop:
 * every delivery carries SI_TIMER and the value; the handler calls plus
 * their si_overrun counts equal the expirations measured from the clock
 * (within 2), so none is lost or counted twice. The end is exact: the
 * signal is blocked, and a last pending one is taken with sigtimedwait, whose
 * dequeue also counts the overruns up to that moment (the kernel rearms a
 * signal-based periodic timer and counts its overruns when the signal is
 * dequeued, not when it fires, so the count is "expirations up to the last
 * dequeue"). timer_getoverrun in the handler matches si_overrun. */
#include "sigtest.h"

#include <math.h>

#define PERIOD_NS 2000000L
#define LOOP_S 0.3

static volatile int counter;
static volatile sig_atomic_t calls, bad_code, bad_value, getoverrun_mismatch;
static volatile long overruns;
static timer_t tid;

static void on_tick(int sig, siginfo_t *si, void *uc)
{
    (void)sig;
    (void)uc;
    calls++;
    if (si->si_code != SI_TIMER)
        bad_code++;
    if (si->si_value.sival_ptr != (void *)&counter)
        bad_value++;
    else
        (*(volatile int *)si->si_value.sival_ptr)++;
    overruns += si->si_overrun;
    if (timer_getoverrun(tid) != si->si_overrun)
        getoverrun_mismatch++;
}

int main(void)
{
    int sig = SIGRTMIN;
    t_handle_info(sig, on_tick, 0);
    struct sigevent sev;
    memset(&sev, 0, sizeof sev);
    sev.sigev_notify = SIGEV_SIGNAL;
    sev.sigev_signo = sig;
    sev.sigev_value.sival_ptr = (void *)&counter;
    t_begin();
    if (timer_create(CLOCK_MONOTONIC, &sev, &tid) != 0) {
        t_note("timer_create: %s", strerror(errno));
        t_end("periodic_count");
        return 0;
    }
    struct itimerspec its = { { 0, PERIOD_NS }, { 0, PERIOD_NS } };
    double arm0 = t_now();
    timer_settime(tid, 0, &its, NULL);
    double arm1 = t_now();
    volatile unsigned long work = 0;
    while (t_now() - arm1 < LOOP_S)
        for (int i = 0; i < 1000; i++)
            work += (unsigned long)i;
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    sigprocmask(SIG_BLOCK, &s, NULL);
    double ta = t_now();
    struct timespec zero = { 0, 0 };
    siginfo_t si;
    memset(&si, 0, sizeof si);
    long last = 0;
    int waited = sigtimedwait(&s, &si, &zero);
    if (waited == sig) {
        last = 1 + si.si_overrun;
        EXPECT(si.si_code == SI_TIMER, "pending si_code %d", si.si_code);
    }
    double tb = t_now();
    timer_delete(tid);

    long total = (long)calls + overruns + last;
    double p = (double)PERIOD_NS * 1e-9;
    long lo = (long)floor((ta - arm1) / p) - 2, hi = (long)floor((tb - arm0) / p) + 2;
    EXPECT(calls > 0, "the handler never ran");
    EXPECT(total >= lo && total <= hi,
           "%d calls + %ld overruns + %ld pending = %ld expirations, the clock says %ld..%ld (%.1f ms)", (int)calls,
           overruns, last, total, lo + 2, hi - 2, (tb - arm0) * 1e3);
    EXPECT(counter == calls, "counter through sival_ptr %d, calls %d", counter, (int)calls);
    t_end("periodic_count");

    t_begin();
    EXPECT(bad_code == 0, "%d deliveries without SI_TIMER", (int)bad_code);
    EXPECT(bad_value == 0, "%d deliveries with a wrong sival_ptr", (int)bad_value);
    t_end("periodic_siginfo");

    t_begin();
    EXPECT(getoverrun_mismatch == 0, "timer_getoverrun differed from si_overrun %d times of %d",
           (int)getoverrun_mismatch, (int)calls);
    t_end("getoverrun_matches");
    (void)work;
    return 0;
}

# The signal module on a real program: handlers (os.kill, raise_signal,
# alarm, a repeating ITIMER_REAL), handlers that interrupt blocking calls
# (a pipe read retried after the handler, a sleep cut short by an exception
# from the handler), masks (pthread_sigmask, sigpending, sigwait,
# sigwaitinfo, sigtimedwait), set_wakeup_fd, and faulthandler in child
# interpreters that die by SIGSEGV. Prints only facts that do not depend on
# timing, pids or the machine (elapsed times as comparisons with bounds that
# hold with a wide margin), so the arm64 run under pvm and the amd64 run
# natively print the same.
import os
import signal
import subprocess
import sys
import threading
import time

got = []


def record(signum, frame):
    got.append((signum, frame is not None))


# -- a handler for SIGUSR1, by os.kill and by raise_signal
old = signal.signal(signal.SIGUSR1, record)
print("usr1 old handler default:", old == signal.SIG_DFL)
os.kill(os.getpid(), signal.SIGUSR1)
signal.raise_signal(signal.SIGUSR1)
print("usr1 handled:", got)
print("getsignal is record:", signal.getsignal(signal.SIGUSR1) is record)
print("strsignal:", signal.strsignal(signal.SIGUSR1), "|", signal.strsignal(signal.SIGSEGV))
print("valid signals:", len(signal.valid_signals()), signal.SIGRTMIN, signal.SIGRTMAX)

# -- alarm: the previous alarm's seconds, then one that fires into pause()
got.clear()
signal.signal(signal.SIGALRM, record)
print("alarm(0) after alarm(10):", signal.alarm(10), signal.alarm(0))
t0 = time.monotonic()
signal.alarm(1)
signal.pause()
dt = time.monotonic() - t0
print("alarm fired:", got, 0.5 < dt < 4)

# -- ITIMER_REAL repeating every 50 ms: five expirations, each a handler run
ticks = []
signal.signal(signal.SIGALRM, lambda s, f: ticks.append(s))
t0 = time.monotonic()
signal.setitimer(signal.ITIMER_REAL, 0.05, 0.05)
while len(ticks) < 5:
    signal.pause()
left = signal.setitimer(signal.ITIMER_REAL, 0)
dt = time.monotonic() - t0
print("itimer ticks:", ticks[:5], "interval kept:", left[1] == 0.05, 0.2 < dt < 5)
print("itimer disarmed:", signal.getitimer(signal.ITIMER_REAL))

# -- a handler interrupts a blocking read: the read is retried (PEP 475)
# and gets what the handler wrote
r, w = os.pipe()
signal.signal(signal.SIGALRM, lambda s, f: os.write(w, b"from handler"))
signal.setitimer(signal.ITIMER_REAL, 0.2)
print("read through a handler:", os.read(r, 100))
os.close(r)
os.close(w)


# -- an exception from a handler ends a long sleep early
class Timeout(Exception):
    pass


def expire(signum, frame):
    raise Timeout()


signal.signal(signal.SIGALRM, expire)
t0 = time.monotonic()
signal.setitimer(signal.ITIMER_REAL, 0.2)
try:
    time.sleep(20)
    print("sleep: not interrupted")
except Timeout:
    print("sleep interrupted by the handler's exception:", time.monotonic() - t0 < 10)
signal.signal(signal.SIGALRM, signal.SIG_DFL)

# -- masks: a blocked signal stays pending until sigwait takes it
old = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR2})
print("mask before:", sorted(old))
print("pending before:", sorted(signal.sigpending()))
os.kill(os.getpid(), signal.SIGUSR2)
print("pending after kill:", sorted(signal.sigpending()))
print("sigwait:", signal.sigwait({signal.SIGUSR2}))
print("pending after sigwait:", sorted(signal.sigpending()))
signal.pthread_kill(threading.get_ident(), signal.SIGUSR2)
info = signal.sigwaitinfo({signal.SIGUSR2})
print("sigwaitinfo:", info.si_signo, info.si_code, info.si_pid == os.getpid(), info.si_uid == os.getuid())
os.kill(os.getpid(), signal.SIGUSR2)
info = signal.sigtimedwait({signal.SIGUSR2}, 1)
print("sigtimedwait:", info.si_signo, info.si_code, info.si_pid == os.getpid())
t0 = time.monotonic()
print("sigtimedwait timeout:", signal.sigtimedwait({signal.SIGUSR2}, 0.2), time.monotonic() - t0 >= 0.15)
print("mask inside:", sorted(signal.pthread_sigmask(signal.SIG_SETMASK, old)))
print("mask restored:", sorted(signal.pthread_sigmask(signal.SIG_BLOCK, set())))
# a blocked signal with a handler runs it on unblocking
got.clear()
signal.signal(signal.SIGUSR2, record)
signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGUSR2})
os.kill(os.getpid(), signal.SIGUSR2)
print("blocked, handler not run:", got)
signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGUSR2})
print("unblocked, handler ran:", got)

# -- set_wakeup_fd: the C handler writes the signal number to the fd
r, w = os.pipe()
os.set_blocking(w, False)
print("wakeup fd old:", signal.set_wakeup_fd(w))
got.clear()
os.kill(os.getpid(), signal.SIGUSR1)
os.kill(os.getpid(), signal.SIGUSR2)
print("wakeup bytes:", list(os.read(r, 16)), "handlers:", got)
print("wakeup fd reset:", signal.set_wakeup_fd(-1) == w)
os.close(r)
os.close(w)

# -- SIG_IGN: an ignored signal does nothing
signal.signal(signal.SIGUSR1, signal.SIG_IGN)
os.kill(os.getpid(), signal.SIGUSR1)
print("ignored SIGUSR1: still here")

# -- faulthandler: a child interpreter faults (a read at address 0) or is
# sent SIGSEGV; faulthandler's handler prints the fatal error and the
# traceback, then the default action kills the child by SIGSEGV
CHILD = """
import faulthandler, os, signal, sys
faulthandler.enable()
def crash_by_%s():
    if sys.argv[1] == "fault":
        import ctypes
        ctypes.string_at(0)
    else:
        os.kill(os.getpid(), signal.SIGSEGV)
crash_by_%s()
print("survived")
"""
for how in ("fault", "kill"):
    p = subprocess.run([sys.executable, "-c", CHILD % (how, how), how], capture_output=True)
    err = p.stderr.decode(errors="replace")
    print("faulthandler", how + ":", p.returncode, p.stdout,
          "Fatal Python error: Segmentation fault" in err,
          "Current thread" in err, ("in crash_by_" + how) in err)
    if p.returncode != -signal.SIGSEGV or "crash_by_" + how not in err:
        sys.stderr.write(err)

# -- a child killed by a signal, seen by the parent
p = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
time.sleep(0.3)
p.send_signal(signal.SIGTERM)
print("child killed by SIGTERM:", p.wait())
p = subprocess.run([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGABRT)"])
print("child killed by SIGABRT:", p.returncode)
print("done")

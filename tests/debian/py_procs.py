# Processes as build tools use them, at the os and subprocess level: os.fork
# with every wait status (exit codes, signal deaths, stops and continues
# under WUNTRACED/WCONTINUED, WNOHANG, ECHILD, wait3/wait4), data through
# os.pipe between forked processes, subprocess (run with captured output,
# a pipeline of two children, communicate with input, a timeout that kills
# the child, return codes of signal deaths, check=, shell=, cwd=, env=,
# pass_fds, preexec_fn, start_new_session, a missing program), and
# os.posix_spawn/posix_spawnp with file actions. The children are Debian's
# programs (/bin/dash, coreutils, gzip) of the same tree as the python
# that runs them, so the arm64 run under pvm and the amd64 run natively
# print the same: no pids, no times (elapsed times only as comparisons with
# wide bounds).
import errno
import os
import signal
import subprocess
import sys
import time

SH = "/bin/sh"


def status(st):
    """a wait status as the macros read it"""
    if os.WIFEXITED(st):
        return "exited %d" % os.WEXITSTATUS(st)
    if os.WIFSIGNALED(st):
        return "killed by %s%s" % (signal.Signals(os.WTERMSIG(st)).name, " (core)" if os.WCOREDUMP(st) else "")
    if os.WIFSTOPPED(st):
        return "stopped by %s" % signal.Signals(os.WSTOPSIG(st)).name
    if os.WIFCONTINUED(st):
        return "continued"
    return "unknown %#x" % st


def child(fn):
    """fork; the child runs fn and leaves with os._exit (never returning)"""
    pid = os.fork()
    if pid == 0:
        try:
            fn()
        finally:
            os._exit(99)
    return pid


# -- os.fork + os.waitpid: exit codes and signal deaths
for code in (0, 1, 7, 255):
    pid = child(lambda: os._exit(code))
    p, st = os.waitpid(pid, 0)
    print("fork exit", code, p == pid, status(st), os.waitstatus_to_exitcode(st))
for sig in (signal.SIGTERM, signal.SIGKILL, signal.SIGUSR1, signal.SIGABRT):
    def die(sig=sig):
        signal.signal(signal.SIGABRT, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
        time.sleep(30)
    pid = child(die)
    _, st = os.waitpid(pid, 0)
    # SIGABRT dumps core only where RLIMIT_CORE allows: the flag is not printed
    print("fork signal", sig.name, status(st).replace(" (core)", ""), os.waitstatus_to_exitcode(st))

# stopped and continued, seen by WUNTRACED and WCONTINUED; WNOHANG before
r, w = os.pipe()
pid = child(lambda: (os.close(w), os.read(r, 1), os._exit(5)))
print("wnohang running", os.waitpid(pid, os.WNOHANG))
os.kill(pid, signal.SIGSTOP)
_, st = os.waitpid(pid, os.WUNTRACED)
print("wuntraced", status(st))
os.kill(pid, signal.SIGCONT)
_, st = os.waitpid(pid, os.WCONTINUED)
print("wcontinued", status(st))
os.write(w, b"x")
_, st = os.waitpid(pid, 0)
print("after continue", status(st))
os.close(r)
os.close(w)
try:
    os.waitpid(-1, 0)
except ChildProcessError as e:
    print("no children", errno.errorcode[e.errno])

# wait3/wait4 (rusage is returned; its values depend on the machine)
pid = child(lambda: os._exit(3))
p, st, ru = os.wait4(pid, 0)
print("wait4", p == pid, status(st), ru.ru_maxrss >= 0)
pid = child(lambda: os._exit(4))
p, st, ru = os.wait3(0)
print("wait3", p == pid, status(st), ru.ru_utime >= 0)

# several children, reaped in any order by waitpid(-1): the set of statuses
pids = {child(lambda k=k: os._exit(10 + k)): k for k in range(6)}
seen = []
while pids:
    p, st = os.waitpid(-1, 0)
    seen.append((pids.pop(p), os.WEXITSTATUS(st)))
print("waitpid -1", sorted(seen))

# a process group's children reaped by waitpid(0): all are ours
pid = child(lambda: os._exit(0))
print("waitpid 0", os.waitpid(0, 0)[0] == pid)

# -- pipes between forked processes: a child writes 64 KiB (more than a pipe
# buffer's page), the parent reads until EOF; a grandchild's exit status
# through its parent's
r, w = os.pipe()


def writer():
    os.close(r)
    data = bytes(range(256)) * 256
    while data:
        data = data[os.write(w, data):]
    os._exit(0)


pid = child(writer)
os.close(w)
got = b""
while True:
    b = os.read(r, 4096)
    if not b:
        break
    got += b
os.close(r)
os.waitpid(pid, 0)
print("pipe", len(got), got == bytes(range(256)) * 256)


def middle():
    gpid = child(lambda: os._exit(42))
    _, st = os.waitpid(gpid, 0)
    os._exit(os.WEXITSTATUS(st) + 1)


pid = child(middle)
print("grandchild", status(os.waitpid(pid, 0)[1]))

# fork from a process with a live thread: the child has only the caller
import threading

ev = threading.Event()
t = threading.Thread(target=ev.wait)
t.start()
pid = child(lambda: os._exit(threading.active_count()))
print("fork with a thread: child threads", os.WEXITSTATUS(os.waitpid(pid, 0)[1]))
ev.set()
t.join()

# os.popen (a shell through subprocess)
with os.popen("echo popen; exit 3") as f:
    print("popen", f.read().strip())

# -- subprocess
r = subprocess.run(["/bin/echo", "hello", "world"], capture_output=True)
print("run", r.returncode, r.stdout, r.stderr)
r = subprocess.run([SH, "-c", "echo out; echo err >&2; exit 6"], capture_output=True, text=True)
print("run sh", r.returncode, repr(r.stdout), repr(r.stderr))
r = subprocess.run([SH, "-c", "echo a; echo b >&2; echo c"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
print("stderr to stdout", r.stdout.split())
print("check_output", subprocess.check_output(["/usr/bin/seq", "3"]).split())
try:
    subprocess.run(["/bin/false"], check=True)
except subprocess.CalledProcessError as e:
    print("check", type(e).__name__, e.returncode)
r = subprocess.run("echo $((6 * 7)) | /usr/bin/tr 4 x", shell=True, capture_output=True)
print("shell", r.stdout)
r = subprocess.run(["/bin/ls"], cwd="tree", capture_output=True)
print("cwd", r.stdout.split())
r = subprocess.run([SH, "-c", 'echo "$FOO:${PATH-unset}"'], env={"FOO": "bar"}, capture_output=True)
print("env", r.stdout)
r = subprocess.run(["/bin/cat"], stdin=subprocess.DEVNULL, capture_output=True)
print("devnull", r.returncode, r.stdout)
try:
    subprocess.run(["/nonexistent/prog"])
except FileNotFoundError as e:
    print("missing program", type(e).__name__, errno.errorcode[e.errno])
try:
    subprocess.run(["./text.txt"])
except PermissionError as e:
    print("not executable", type(e).__name__, errno.errorcode[e.errno])

# a pipeline of two children: sort | uniq -c over text.txt's fifth column
p1 = subprocess.Popen(["/usr/bin/cut", "-d", " ", "-f", "5", "text.txt"], stdout=subprocess.PIPE)
p2 = subprocess.Popen(["/usr/bin/sort"], stdin=p1.stdout, stdout=subprocess.PIPE)
p3 = subprocess.Popen(["/usr/bin/uniq", "-c"], stdin=p2.stdout, stdout=subprocess.PIPE)
p1.stdout.close()
p2.stdout.close()
out = p3.communicate()[0]
print("pipeline", p1.wait(), p2.wait(), p3.returncode, out.split())

# communicate with input larger than a pipe buffer, both ways at once
data = b"".join(b"%06d\n" % ((i * 7919) % 100003) for i in range(40000))
p = subprocess.Popen(["/usr/bin/sort", "-n"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
out, _ = p.communicate(data)
print("communicate", p.returncode, len(out), out.splitlines()[:3], out.splitlines()[-1])
p = subprocess.Popen(["/bin/gzip", "-c", "-n", "-6"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
gz, _ = p.communicate(data)
p = subprocess.Popen(["/bin/gzip", "-dc"], stdin=subprocess.PIPE, stdout=subprocess.PIPE)
back, _ = p.communicate(gz)
print("gzip round trip", len(gz) > 0, back == data)

# a timeout kills the child (SIGKILL) and raises after reaping it
t0 = time.monotonic()
try:
    subprocess.run(["/bin/sleep", "20"], timeout=1)
except subprocess.TimeoutExpired as e:
    print("timeout", type(e).__name__, time.monotonic() - t0 < 10)
p = subprocess.Popen([SH, "-c", "echo started; exec /bin/sleep 20"], stdout=subprocess.PIPE)
try:
    p.communicate(timeout=1)
except subprocess.TimeoutExpired:
    p.kill()
    out, _ = p.communicate()
    print("communicate timeout", out, p.returncode)

# return codes of signal deaths: negative signal numbers
for sig in ("TERM", "KILL", "INT", "SEGV", "USR2"):
    r = subprocess.run([SH, "-c", "kill -%s $$; sleep 5" % sig])
    print("signal death", sig, r.returncode)
p = subprocess.Popen(["/bin/sleep", "20"])
p.terminate()
print("terminate", p.wait())
p = subprocess.Popen(["/bin/sleep", "20"])
p.send_signal(signal.SIGHUP)
print("send_signal HUP", p.wait())
p = subprocess.Popen(["/bin/sleep", "0.2"])
print("poll while running", p.poll(), "then", p.wait(), p.poll())

# preexec_fn runs in the child between fork and exec
r = subprocess.run([SH, "-c", "umask"], preexec_fn=lambda: os.umask(0o027), capture_output=True)
print("preexec_fn umask", r.stdout)
r = subprocess.run([SH, "-c", "kill -USR1 $$; echo survived"], preexec_fn=lambda: signal.signal(signal.SIGUSR1, signal.SIG_IGN),
                   capture_output=True, restore_signals=False)
print("preexec_fn ignore", r.returncode, r.stdout)
# a disposition python itself set to SIG_IGN is reset for the child (restore_signals)
old = signal.signal(signal.SIGPIPE, signal.SIG_IGN)
r = subprocess.run([SH, "-c", "/usr/bin/yes | /usr/bin/head -c 3; echo; kill -PIPE $$"], capture_output=True)
print("restore_signals", r.returncode, r.stdout)
signal.signal(signal.SIGPIPE, old)

# start_new_session: the child is a session and group leader (setsid)
probe = "import os; print(os.getsid(0) == os.getpid(), os.getpgid(0) == os.getpid())"
r = subprocess.run([sys.executable, "-c", probe], start_new_session=True, capture_output=True)
print("start_new_session", r.stdout)
r = subprocess.run([sys.executable, "-c", probe], capture_output=True)
print("same session", r.stdout)

# pass_fds: a pipe's write end given to the child by number; close_fds
# closes every other one
r0, w0 = os.pipe()
r1, w1 = os.pipe()
# (the count: 0, 1, 2, w0 and ls's own directory descriptor)
p = subprocess.Popen([SH, "-c", 'echo via-fd >&%d; echo "$(/bin/ls /proc/self/fd | /usr/bin/wc -l)"' % w0], pass_fds=(w0,), stdout=subprocess.PIPE)
os.close(w0)
out = p.communicate()[0]
print("pass_fds", os.read(r0, 100), out.strip())
os.close(r0)
p = subprocess.Popen([SH, "-c", "echo x >&%d" % w1], stderr=subprocess.DEVNULL)
print("closed fd", p.wait() != 0)
os.close(r1)
os.close(w1)

# -- os.posix_spawn and posix_spawnp with file actions
fd = os.open("spawn.out", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
pid = os.posix_spawn("/usr/bin/sort", ["sort", "-r", "words.txt"], {"LC_ALL": "C"},
                     file_actions=[(os.POSIX_SPAWN_DUP2, fd, 1), (os.POSIX_SPAWN_CLOSE, fd)])
os.close(fd)
_, st = os.waitpid(pid, 0)
with open("spawn.out", "rb") as f:
    print("posix_spawn", status(st), f.read().split(b"\n")[:4])
pid = os.posix_spawn(SH, ["sh", "-c", "/bin/cat; exit 9"], {},
                     file_actions=[(os.POSIX_SPAWN_OPEN, 0, "nums.csv", os.O_RDONLY, 0),
                                   (os.POSIX_SPAWN_OPEN, 1, "spawn2.out", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)])
_, st = os.waitpid(pid, 0)
print("posix_spawn open", status(st), os.path.getsize("spawn2.out") == os.path.getsize("nums.csv"))
pid = os.posix_spawnp("seq", ["seq", "2"], {"PATH": "/usr/bin:/bin"},
                      file_actions=[(os.POSIX_SPAWN_OPEN, 1, "/dev/null", os.O_WRONLY, 0)])
print("posix_spawnp", status(os.waitpid(pid, 0)[1]))
# setsigmask and setsigdef: the child starts with SIGUSR1 blocked, then default
pid = os.posix_spawn(SH, ["sh", "-c", "kill -USR1 $$; exit 4"], {}, setsigmask={signal.SIGUSR1})
print("posix_spawn setsigmask", status(os.waitpid(pid, 0)[1]))
signal.signal(signal.SIGUSR2, signal.SIG_IGN)
pid = os.posix_spawn(SH, ["sh", "-c", "kill -USR2 $$; exit 4"], {}, setsigdef={signal.SIGUSR2})
print("posix_spawn setsigdef", status(os.waitpid(pid, 0)[1]))
pid = os.posix_spawn(SH, ["sh", "-c", "kill -USR2 $$; exit 4"], {})
print("posix_spawn inherits SIG_IGN", status(os.waitpid(pid, 0)[1]))
signal.signal(signal.SIGUSR2, signal.SIG_DFL)
try:
    os.posix_spawn("/nonexistent/prog", ["x"], {})
except OSError as e:
    print("posix_spawn missing", type(e).__name__, errno.errorcode[e.errno])
for f in ("spawn.out", "spawn2.out"):
    os.unlink(f)
print("done")

/* Sessions and job control as the kernel defines them (credentials(7),
 * setpgid(2), setsid(2), tcsetpgrp(3), ioctl_tty(2), termios(3) "Job
 * control"): setsid/setpgid/getpgid/getsid and their errors, the
 * controlling-terminal ioctls (TIOCSCTTY with and without the steal
 * argument, TIOCNOTTY, TIOCGSID, TIOCGPGRP/TIOCSPGRP), SIGTTOU and SIGTTIN
 * for a background group's terminal access (default: the caller stops and
 * its parent sees WIFSTOPPED with that signal; blocked or ignored: the call
 * proceeds, or a read gets EIO; a handler: EINTR), an orphaned group's EIO,
 * the stop signals' wait statuses, and the VINTR/VSUSP characters typed
 * into the pty master reaching only the foreground group (a two-process
 * "pipeline" stopped and killed together).
 * Invariants: each case is a session of its own (the case's process calls
 * setsid and takes a new pty's slave with TIOCSCTTY), so no terminal is
 * needed and nothing outside the case is signalled; the case's process acts
 * as a shell does (SIGTTOU ignored, it moves groups to the foreground and
 * back); every child is in a group whose parent is in another group of the
 * same session (not orphaned) unless the case wants an orphan; every wait is
 * bounded and every child is killed before the case ends. */
#include "../threads/thrtest.h"

#include <fcntl.h>
#include <limits.h>
#include <linux/capability.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <termios.h>

#define JC_SLOTS 6
#define JC_WHY sizeof t_why

/* what a case's processes share (MAP_SHARED, cleared when a case begins) */
struct jc_shared {
    char why[JC_SLOTS][JC_WHY]; /* a child's failure text */
    atomic_int got[JC_SLOTS][NSIG];
    atomic_int code[JC_SLOTS][NSIG];
    atomic_int from[JC_SLOTS][NSIG]; /* si_pid */
    atomic_int ready, done, stage;
    atomic_int pid[JC_SLOTS];
    atomic_int cap_admin;
};
static struct jc_shared *jc;
static int jc_slot = JC_SLOTS - 1; /* the case's own process uses the last slot */
static int jc_master = -1, jc_slave = -1;
static pid_t jc_kids[16];
static int jc_nkids;

/* every signal a slot's process receives, counted with its si_code */
static void jc_record(int sig, siginfo_t *si, void *uc)
{
    (void)uc;
    atomic_store(&jc->code[jc_slot][sig], si->si_code);
    atomic_store(&jc->from[jc_slot][sig], si->si_pid);
    atomic_fetch_add(&jc->got[jc_slot][sig], 1);
}

enum jc_mode { M_DFL, M_BLOCK, M_IGN, M_HANDLE };
static enum jc_mode jc_mode;

static void jc_dispose(int sig, enum jc_mode m)
{
    sigset_t s;
    sigemptyset(&s);
    sigaddset(&s, sig);
    switch (m) {
    case M_DFL:
        signal(sig, SIG_DFL);
        sigprocmask(SIG_UNBLOCK, &s, NULL);
        break;
    case M_BLOCK:
        signal(sig, SIG_DFL);
        sigprocmask(SIG_BLOCK, &s, NULL);
        break;
    case M_IGN: signal(sig, SIG_IGN); break;
    case M_HANDLE: t_handle_info(sig, jc_record, 0); break; /* no SA_RESTART */
    }
}

static const char *jc_status(int st)
{
    static char buf[80];
    if (st == -1)
        snprintf(buf, sizeof buf, "no change after %d s", T_WAIT_S);
    else if (st == -2)
        snprintf(buf, sizeof buf, "waitpid: %s", strerror(errno));
    else if (WIFSTOPPED(st))
        snprintf(buf, sizeof buf, "stopped by signal %d", WSTOPSIG(st));
    else if (WIFCONTINUED(st))
        snprintf(buf, sizeof buf, "continued");
    else
        return t_status(st);
    return buf;
}

/* the next status change of pid among flags (WUNTRACED, WCONTINUED; an
 * exit always counts): the status, -1 after T_WAIT_S, -2 on an error */
static int jc_wait(pid_t pid, int flags)
{
    double end = t_now() + T_WAIT_S;
    int st;
    for (;;) {
        pid_t r = waitpid(pid, &st, flags | WNOHANG);
        if (r == pid)
            return st;
        if (r < 0 && errno != EINTR)
            return -2;
        if (t_now() > end)
            return -1;
        t_sleep_ms(2);
    }
}

/* whether pid is still running: not ended, not stopped (no waiting) */
static int jc_running(pid_t pid, int *stp)
{
    *stp = -1;
    return waitpid(pid, stp, WNOHANG | WUNTRACED) == 0;
}

/* A child for slot idx running fn, in a process group of its own (own) or
 * the caller's, with the job-control signals at their defaults (a shell
 * resets what it ignores) and its own bound. Its EXPECT failures reach the
 * parent through the shared slot (jc_reaped). */
static pid_t jc_spawn(int idx, void (*fn)(void), int own)
{
    pid_t p = fork();
    if (p < 0) {
        t_note("fork: %s", strerror(errno));
        return -1;
    }
    if (p == 0) {
        jc_slot = idx;
        if (own)
            setpgid(0, 0);
        int dfl[] = {SIGTTOU, SIGTTIN, SIGTSTP, SIGINT, SIGHUP, SIGCONT, SIGALRM};
        for (size_t i = 0; i < sizeof dfl / sizeof dfl[0]; i++)
            jc_dispose(dfl[i], M_DFL);
        alarm(THR_CASE_S);
        t_why[0] = 0;
        fn();
        if (t_why[0]) {
            snprintf(jc->why[idx], JC_WHY, "%s", t_why);
            _exit(1);
        }
        _exit(0);
    }
    /* both sides set the group, as shells do, so neither order races */
    if (own)
        setpgid(p, p);
    atomic_store(&jc->pid[idx], p);
    if (jc_nkids < (int)(sizeof jc_kids / sizeof jc_kids[0]))
        jc_kids[jc_nkids++] = p;
    return p;
}

/* pid (slot idx) must end with status 0 (without stopping again); else
 * its failure is noted and it is killed */
static void jc_reaped(pid_t pid, int idx, const char *what)
{
    if (pid <= 0)
        return;
    int st = jc_wait(pid, WUNTRACED);
    if (st == -1 || (st >= 0 && WIFSTOPPED(st))) {
        kill(pid, SIGKILL);
        waitpid(pid, NULL, 0);
        t_note("%s: %s", what, st == -1 ? "still running" : jc_status(st));
        return;
    }
    if (st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 0)
        return;
    if (st >= 0 && WIFEXITED(st) && WEXITSTATUS(st) == 1 && jc->why[idx][0])
        t_note("%s: %s", what, jc->why[idx]);
    else
        t_note("%s: %s", what, jc_status(st));
}

static void jc_expect_stop(pid_t pid, int sig, const char *what)
{
    int st = jc_wait(pid, WUNTRACED);
    EXPECT(st >= 0 && WIFSTOPPED(st) && WSTOPSIG(st) == sig, "%s: want a stop by signal %d, got %s", what, sig,
           jc_status(st));
}

/* the stopped group of pid to the foreground, then continued */
static void jc_fg_cont(pid_t pid)
{
    EXPECT(tcsetpgrp(jc_slave, pid) == 0, "tcsetpgrp to the stopped child's group: %s", strerror(errno));
    EXPECT(kill(-pid, SIGCONT) == 0, "SIGCONT: %s", strerror(errno));
}

static void jc_fg_self(void)
{
    EXPECT(tcsetpgrp(jc_slave, getpgrp()) == 0, "tcsetpgrp back to the case's group: %s", strerror(errno));
}

/* waits for *v to reach want (bounded); whether it did */
static int jc_until(atomic_int *v, int want) { return thr_wait_atleast(v, want, T_WAIT_S); }

/* reads the master until it has shown text (bounded); whether it did */
static int jc_master_shows(const char *text)
{
    char buf[512];
    size_t n = 0;
    double end = t_now() + T_WAIT_S;
    while (t_now() < end && n < sizeof buf - 1) {
        struct pollfd p = {jc_master, POLLIN, 0};
        if (poll(&p, 1, 50) <= 0)
            continue;
        ssize_t r = read(jc_master, buf + n, sizeof buf - 1 - n);
        if (r <= 0)
            break;
        n += (size_t)r;
        buf[n] = 0;
        if (strstr(buf, text))
            return 1;
    }
    return 0;
}

/* A new pty, its master and slave descriptors (slave not made the
 * controlling terminal: O_NOCTTY). */
static int jc_pty(int *m, int *s)
{
    *m = posix_openpt(O_RDWR | O_NOCTTY);
    if (*m < 0 || grantpt(*m) || unlockpt(*m)) {
        t_note("posix_openpt/grantpt/unlockpt: %s", strerror(errno));
        return 0;
    }
    const char *name = ptsname(*m);
    *s = name ? open(name, O_RDWR | O_NOCTTY) : -1;
    if (*s < 0) {
        t_note("open %s: %s", name ? name : "(no ptsname)", strerror(errno));
        return 0;
    }
    return 1;
}

/* The case's process becomes a session leader whose controlling terminal
 * is a new pty's slave, ignoring SIGTTOU as a shell does. */
static int jc_session(void)
{
    memset(jc, 0, sizeof *jc);
    if (setsid() < 0) {
        t_note("setsid: %s", strerror(errno));
        return 0;
    }
    if (!jc_pty(&jc_master, &jc_slave))
        return 0;
    if (ioctl(jc_slave, TIOCSCTTY, 0) != 0) {
        t_note("TIOCSCTTY: %s", strerror(errno));
        return 0;
    }
    signal(SIGTTOU, SIG_IGN);
    return 1;
}

/* every child still there is killed and reaped */
static void jc_cleanup(void)
{
    for (int i = 0; i < jc_nkids; i++) {
        kill(jc_kids[i], SIGKILL);
        waitpid(jc_kids[i], NULL, 0);
    }
    jc_nkids = 0;
}

/* the errno of a call that must fail, as "0 (none)" when it did not */
#define JC_ERR(call) ((call) == -1 ? errno : 0)

static int jc_cap_sys_admin(void)
{
    struct __user_cap_header_struct h = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct d[2];
    if (syscall(SYS_capget, &h, d) != 0)
        return 0;
    return (d[CAP_SYS_ADMIN / 32].effective >> (CAP_SYS_ADMIN % 32)) & 1;
}

/* ---- setsid, setpgid, getpgid, getsid ---- */

static void child_group_leader_setsid(void)
{
    int e = JC_ERR(setsid());
    EXPECT(e == EPERM, "setsid in a process group leader: %s, want EPERM", strerror(e));
}

static void case_setsid(void)
{
    memset(jc, 0, sizeof *jc);
    pid_t me = getpid();
    EXPECT(getpgrp() != me, "the case's process leads a group already");
    pid_t s = setsid();
    EXPECT(s == me, "setsid: %d (%s), want the pid %d", s, strerror(errno), me);
    EXPECT(getsid(0) == me && getsid(me) == me, "getsid after setsid: %d", getsid(0));
    EXPECT(getpgrp() == me && getpgid(0) == me, "getpgrp after setsid: %d", getpgrp());
    int e = JC_ERR(setsid());
    EXPECT(e == EPERM, "setsid by a session leader: %s, want EPERM", strerror(e));
    e = JC_ERR(open("/dev/tty", O_RDWR));
    EXPECT(e == ENXIO, "open /dev/tty in a new session: %s, want ENXIO (no controlling terminal)", strerror(e));
    pid_t c = jc_spawn(0, child_group_leader_setsid, 1);
    jc_reaped(c, 0, "group leader");
    jc_cleanup();
}

static void child_pause(void)
{
    atomic_fetch_add(&jc->ready, 1);
    for (;;)
        pause();
}

static void child_new_session(void)
{
    EXPECT(setsid() == getpid(), "setsid in the child: %s", strerror(errno));
    atomic_fetch_add(&jc->ready, 1);
    for (;;)
        pause();
}

static void case_setpgid(void)
{
    memset(jc, 0, sizeof *jc);
    pid_t me = setsid();
    EXPECT(me == getpid(), "setsid: %s", strerror(errno));
    int e = JC_ERR(setpgid(0, -1));
    EXPECT(e == EINVAL, "setpgid(0, -1): %s, want EINVAL", strerror(e));
    e = JC_ERR(setpgid(INT_MAX, 0));
    EXPECT(e == ESRCH, "setpgid of no process: %s, want ESRCH", strerror(e));
    e = JC_ERR(setpgid(getppid(), 0));
    EXPECT(e == ESRCH, "setpgid of the parent (neither self nor a child): %s, want ESRCH", strerror(e));
    e = JC_ERR(setpgid(0, 0));
    EXPECT(e == EPERM, "setpgid by a session leader: %s, want EPERM", strerror(e));

    pid_t c = jc_spawn(0, child_pause, 0);
    pid_t d = jc_spawn(1, child_pause, 0);
    pid_t s = jc_spawn(2, child_new_session, 0);
    jc_until(&jc->ready, 3);
    EXPECT(getpgid(c) == me, "a child's group before setpgid: %d", getpgid(c));
    EXPECT(setpgid(c, c) == 0, "setpgid(child, child): %s", strerror(errno));
    EXPECT(getpgid(c) == c, "getpgid(child) %d, want %d", getpgid(c), c);
    EXPECT(setpgid(d, c) == 0, "setpgid into a sibling's group: %s", strerror(errno));
    EXPECT(getpgid(d) == c, "getpgid after joining: %d, want %d", getpgid(d), c);
    EXPECT(setpgid(d, me) == 0, "setpgid back into the leader's group: %s", strerror(errno));
    EXPECT(getpgid(d) == me, "getpgid after moving back: %d", getpgid(d));
    e = JC_ERR(setpgid(d, INT_MAX));
    EXPECT(e == EPERM, "setpgid into a group that does not exist: %s, want EPERM", strerror(e));
    e = JC_ERR(setpgid(d, s));
    EXPECT(e == EPERM, "setpgid into another session's group: %s, want EPERM", strerror(e));
    e = JC_ERR(setpgid(s, s));
    EXPECT(e == EPERM, "setpgid of a child in another session: %s, want EPERM", strerror(e));
    e = JC_ERR(setpgid(s, me));
    EXPECT(e == EPERM, "setpgid of a child session leader: %s, want EPERM", strerror(e));

    EXPECT(getpgid(0) == getpgrp(), "getpgid(0) %d, getpgrp %d", getpgid(0), getpgrp());
    EXPECT(getpgid(s) == s && getsid(s) == s, "the other session's child: pgid %d sid %d", getpgid(s),
           getsid(s));
    EXPECT(getsid(c) == me && getsid(d) == me, "children's session: %d %d, want %d", getsid(c), getsid(d), me);
    e = JC_ERR(getpgid(INT_MAX));
    EXPECT(e == ESRCH, "getpgid of no process: %s, want ESRCH", strerror(e));
    e = JC_ERR(getsid(INT_MAX));
    EXPECT(e == ESRCH, "getsid of no process: %s, want ESRCH", strerror(e));
    jc_cleanup();
}

static int jc_exec_pipe[2];

static void child_exec_sleeper(void)
{
    execl("/proc/self/exe", "jobctl", "jobctl-sleeper", (char *)NULL);
    t_note("execl /proc/self/exe: %s", strerror(errno));
}

/* EACCES: the child has called execve since the fork */
static void case_setpgid_exec(void)
{
    memset(jc, 0, sizeof *jc);
    setsid();
    if (pipe2(jc_exec_pipe, O_CLOEXEC) != 0) {
        t_note("pipe2: %s", strerror(errno));
        return;
    }
    pid_t e = jc_spawn(0, child_exec_sleeper, 1);
    close(jc_exec_pipe[1]);
    /* the write end closes when the child's execve succeeds */
    struct pollfd p = {jc_exec_pipe[0], POLLIN, 0};
    char ch;
    EXPECT(poll(&p, 1, T_WAIT_S * 1000) == 1 && read(jc_exec_pipe[0], &ch, 1) == 0, "the child did not exec");
    t_sleep_ms(20);
    int st;
    EXPECT(jc_running(e, &st), "the exec'd child ended: %s", jc_status(st));
    int err = JC_ERR(setpgid(e, e));
    EXPECT(err == EACCES, "setpgid of a child that has exec'd: %s, want EACCES", strerror(err));
    err = JC_ERR(setpgid(e, getpgrp()));
    EXPECT(err == EACCES, "setpgid of an exec'd child into the parent's group: %s, want EACCES",
           strerror(err));
    EXPECT(getpgid(e) == e, "getpgid of the exec'd child: %d, want %d", getpgid(e), e);
    jc_cleanup();
}

/* ---- the controlling terminal ---- */

static void child_sctty_member(void)
{
    int e = JC_ERR(ioctl(jc_slave, TIOCSCTTY, 0));
    EXPECT(e == EPERM, "TIOCSCTTY by a process that leads no session: %s, want EPERM", strerror(e));
    EXPECT(tcgetpgrp(jc_slave) == getpgrp(), "the member's tcgetpgrp: %d", tcgetpgrp(jc_slave));
    EXPECT(tcgetsid(jc_slave) == getsid(0), "the member's tcgetsid: %d", tcgetsid(jc_slave));
}

static void case_ctty_ioctls(void)
{
    if (!jc_session())
        return;
    pid_t me = getpid();
    pid_t sid = -1;
    EXPECT(ioctl(jc_slave, TIOCGSID, &sid) == 0 && sid == me, "TIOCGSID: %d (%s)", sid, strerror(errno));
    EXPECT(tcgetsid(jc_slave) == me, "tcgetsid %d", tcgetsid(jc_slave));
    pid_t pg = -1;
    EXPECT(ioctl(jc_slave, TIOCGPGRP, &pg) == 0 && pg == me, "TIOCGPGRP: %d (%s)", pg, strerror(errno));
    EXPECT(tcgetpgrp(jc_master) == me, "tcgetpgrp on the master: %d (%s), want the slave's foreground %d",
           tcgetpgrp(jc_master), strerror(errno), me);
    EXPECT(ioctl(jc_slave, TIOCSCTTY, 0) == 0, "TIOCSCTTY on the session's own terminal: %s", strerror(errno));
    int fd = open("/dev/tty", O_RDWR);
    EXPECT(fd >= 0, "open /dev/tty: %s", strerror(errno));
    if (fd >= 0)
        close(fd);

    int m2 = -1, s2 = -1;
    if (jc_pty(&m2, &s2)) {
        int e = JC_ERR(ioctl(s2, TIOCSCTTY, 0));
        EXPECT(e == EPERM, "TIOCSCTTY on a second terminal: %s, want EPERM", strerror(e));
        e = JC_ERR(tcgetpgrp(s2));
        EXPECT(e == ENOTTY, "tcgetpgrp on a terminal that is not ours: %s, want ENOTTY", strerror(e));
        e = JC_ERR(ioctl(s2, TIOCGSID, &sid));
        EXPECT(e == ENOTTY, "TIOCGSID on a terminal that is not ours: %s, want ENOTTY", strerror(e));
        e = JC_ERR(tcsetpgrp(s2, me));
        EXPECT(e == ENOTTY, "tcsetpgrp on a terminal that is not ours: %s, want ENOTTY", strerror(e));
        e = JC_ERR(ioctl(s2, TIOCNOTTY));
        EXPECT(e == ENOTTY, "TIOCNOTTY on a terminal that is not ours: %s, want ENOTTY", strerror(e));
    }
    int p[2];
    if (pipe(p) == 0) {
        int e = JC_ERR(ioctl(p[0], TIOCSCTTY, 0));
        EXPECT(e == ENOTTY, "TIOCSCTTY on a pipe: %s, want ENOTTY", strerror(e));
        e = JC_ERR(tcgetpgrp(p[0]));
        EXPECT(e == ENOTTY, "tcgetpgrp on a pipe: %s, want ENOTTY", strerror(e));
    }

    int e = JC_ERR(tcsetpgrp(jc_slave, -1));
    EXPECT(e == EINVAL, "tcsetpgrp(-1): %s, want EINVAL", strerror(e));
    e = JC_ERR(tcsetpgrp(jc_slave, INT_MAX));
    EXPECT(e == ESRCH, "tcsetpgrp to no process: %s, want ESRCH", strerror(e));
    pid_t c = jc_spawn(0, child_pause, 0);
    pid_t x = jc_spawn(1, child_new_session, 0);
    jc_until(&jc->ready, 2);
    /* the kernel takes a pid that leads no group too (session_of_pgrp falls
     * back to the process with that pid) */
    EXPECT(tcsetpgrp(jc_slave, c) == 0 && tcgetpgrp(jc_slave) == c,
           "tcsetpgrp to a pid of the session that leads no group: %s", strerror(errno));
    jc_fg_self();
    e = JC_ERR(tcsetpgrp(jc_slave, x));
    EXPECT(e == EPERM, "tcsetpgrp to another session's group: %s, want EPERM", strerror(e));
    EXPECT(setpgid(c, c) == 0, "setpgid: %s", strerror(errno));
    EXPECT(tcsetpgrp(jc_slave, c) == 0, "tcsetpgrp to a child's group: %s", strerror(errno));
    EXPECT(tcgetpgrp(jc_slave) == c && tcgetpgrp(jc_master) == c, "tcgetpgrp after tcsetpgrp: %d",
           tcgetpgrp(jc_slave));
    /* back from the background: the shell's SIGTTOU is ignored */
    jc_fg_self();
    EXPECT(tcgetpgrp(jc_slave) == me, "tcgetpgrp back: %d", tcgetpgrp(jc_slave));
    pid_t mem = jc_spawn(2, child_sctty_member, 0);
    jc_reaped(mem, 2, "session member");
    jc_cleanup();
}

static void child_steal(void)
{
    EXPECT(setsid() == getpid(), "setsid: %s", strerror(errno));
    int e = JC_ERR(ioctl(jc_slave, TIOCSCTTY, 0));
    EXPECT(e == EPERM, "TIOCSCTTY on another session's terminal: %s, want EPERM", strerror(e));
    int r = ioctl(jc_slave, TIOCSCTTY, 1);
    e = r ? errno : 0;
    if (jc_cap_sys_admin()) {
        atomic_store(&jc->cap_admin, 1);
        EXPECT(r == 0, "TIOCSCTTY with steal 1 and CAP_SYS_ADMIN: %s", strerror(e));
        EXPECT(tcgetsid(jc_slave) == getpid(), "tcgetsid after stealing: %d", tcgetsid(jc_slave));
        EXPECT(tcgetpgrp(jc_slave) == getpid(), "tcgetpgrp after stealing: %d", tcgetpgrp(jc_slave));
    } else {
        EXPECT(e == EPERM, "TIOCSCTTY with steal 1 without CAP_SYS_ADMIN: %s, want EPERM", strerror(e));
    }
    atomic_store(&jc->done, 1);
    /* stay until the case has looked */
    jc_until(&jc->stage, 1);
}

static void case_sctty_steal(void)
{
    if (!jc_session())
        return;
    pid_t x = jc_spawn(0, child_steal, 0);
    EXPECT(jc_until(&jc->done, 1), "the stealing child did not report");
    if (atomic_load(&jc->cap_admin)) {
        int e = JC_ERR(tcgetpgrp(jc_slave));
        EXPECT(e == ENOTTY, "tcgetpgrp after the terminal was stolen: %s, want ENOTTY", strerror(e));
        e = JC_ERR(open("/dev/tty", O_RDWR));
        EXPECT(e == ENXIO, "open /dev/tty after the terminal was stolen: %s, want ENXIO", strerror(e));
    } else {
        EXPECT(tcgetpgrp(jc_slave) == getpid(), "the terminal moved without CAP_SYS_ADMIN");
    }
    atomic_store(&jc->stage, 1);
    jc_reaped(x, 0, "stealing child");
    jc_cleanup();
}

static void child_notty_member(void)
{
    t_handle_info(SIGHUP, jc_record, 0);
    t_handle_info(SIGCONT, jc_record, 0);
    EXPECT(ioctl(jc_slave, TIOCNOTTY) == 0, "TIOCNOTTY by a member: %s", strerror(errno));
    int e = JC_ERR(open("/dev/tty", O_RDWR));
    EXPECT(e == ENXIO, "open /dev/tty after TIOCNOTTY: %s, want ENXIO", strerror(e));
    e = JC_ERR(tcgetpgrp(jc_slave));
    EXPECT(e == ENOTTY, "tcgetpgrp after TIOCNOTTY: %s, want ENOTTY", strerror(e));
    t_sleep_ms(100);
    EXPECT(!jc->got[jc_slot][SIGHUP] && !jc->got[jc_slot][SIGCONT],
           "a member's TIOCNOTTY sent signals (SIGHUP %d, SIGCONT %d)", jc->got[jc_slot][SIGHUP],
           jc->got[jc_slot][SIGCONT]);
}

static void child_notty_fg(void)
{
    t_handle_info(SIGHUP, jc_record, 0);
    t_handle_info(SIGCONT, jc_record, 0);
    atomic_fetch_add(&jc->ready, 1);
    double end = t_now() + T_WAIT_S;
    while ((!jc->got[jc_slot][SIGHUP] || !jc->got[jc_slot][SIGCONT]) && t_now() < end)
        t_sleep_ms(1);
    EXPECT(jc->got[jc_slot][SIGHUP] == 1 && jc->got[jc_slot][SIGCONT] == 1,
           "the foreground group got SIGHUP %d and SIGCONT %d times, want once each",
           jc->got[jc_slot][SIGHUP], jc->got[jc_slot][SIGCONT]);
    /* sent as by kill(2) from the leader (disassociate_ctty: kill_pgrp
     * without privilege) */
    EXPECT(jc->code[jc_slot][SIGHUP] == SI_USER && jc->from[jc_slot][SIGHUP] == getsid(0),
           "SIGHUP's si_code %d, si_pid %d, want SI_USER from the session leader %d", jc->code[jc_slot][SIGHUP],
           jc->from[jc_slot][SIGHUP], getsid(0));
    int e = JC_ERR(open("/dev/tty", O_RDWR));
    EXPECT(e == ENXIO, "the foreground member's /dev/tty after the leader's TIOCNOTTY: %s, want ENXIO",
           strerror(e));
}

static void case_notty(void)
{
    if (!jc_session())
        return;
    t_handle_info(SIGHUP, jc_record, 0);
    t_handle_info(SIGCONT, jc_record, 0);
    /* a member gives up the terminal: only itself */
    pid_t m = jc_spawn(0, child_notty_member, 0);
    jc_reaped(m, 0, "member");
    EXPECT(tcgetpgrp(jc_slave) == getpgrp(), "the leader lost its terminal to a member's TIOCNOTTY: %s",
           strerror(errno));
    /* the leader gives it up: SIGHUP and SIGCONT to the foreground group */
    pid_t f = jc_spawn(1, child_notty_fg, 1);
    jc_until(&jc->ready, 1);
    EXPECT(tcsetpgrp(jc_slave, f) == 0, "tcsetpgrp: %s", strerror(errno));
    EXPECT(ioctl(jc_slave, TIOCNOTTY) == 0, "TIOCNOTTY by the session leader: %s", strerror(errno));
    int e = JC_ERR(tcgetpgrp(jc_slave));
    EXPECT(e == ENOTTY, "the leader's tcgetpgrp after TIOCNOTTY: %s, want ENOTTY", strerror(e));
    pid_t sid;
    e = JC_ERR(ioctl(jc_slave, TIOCGSID, &sid));
    EXPECT(e == ENOTTY, "the leader's TIOCGSID after TIOCNOTTY: %s, want ENOTTY", strerror(e));
    jc_reaped(f, 1, "foreground group");
    t_sleep_ms(50);
    EXPECT(!jc->got[jc_slot][SIGHUP], "the leader (not in the foreground) got SIGHUP");
    /* the terminal is nobody's now: the leader may take it again */
    EXPECT(ioctl(jc_slave, TIOCSCTTY, 0) == 0, "TIOCSCTTY again after TIOCNOTTY: %s", strerror(errno));
    EXPECT(tcgetpgrp(jc_slave) == getpgrp(), "the foreground after taking it again: %d", tcgetpgrp(jc_slave));
    jc_cleanup();
}

/* ---- background access: SIGTTOU, SIGTTIN ---- */

static void child_bg_tcsetpgrp(void)
{
    jc_dispose(SIGTTOU, jc_mode);
    int r = tcsetpgrp(jc_slave, getpgrp());
    int e = errno;
    if (jc_mode == M_HANDLE) {
        EXPECT(r == -1 && e == EINTR, "tcsetpgrp with a SIGTTOU handler: %d (%s), want EINTR", r, strerror(e));
        EXPECT(jc->got[jc_slot][SIGTTOU] == 1, "the handler ran %d times", jc->got[jc_slot][SIGTTOU]);
        EXPECT(jc->code[jc_slot][SIGTTOU] == SI_KERNEL, "SIGTTOU's si_code %d, want SI_KERNEL",
               jc->code[jc_slot][SIGTTOU]);
        EXPECT(tcgetpgrp(jc_slave) != getpgrp(), "the handled tcsetpgrp moved the foreground");
    } else {
        EXPECT(r == 0, "tcsetpgrp from the background: %s", strerror(e));
        EXPECT(tcgetpgrp(jc_slave) == getpgrp(), "the foreground after tcsetpgrp: %d", tcgetpgrp(jc_slave));
    }
}

static void bg_tcsetpgrp(enum jc_mode m)
{
    if (!jc_session())
        return;
    jc_mode = m;
    pid_t b = jc_spawn(0, child_bg_tcsetpgrp, 1);
    if (m == M_DFL) {
        jc_expect_stop(b, SIGTTOU, "tcsetpgrp from the background, SIGTTOU default");
        EXPECT(tcgetpgrp(jc_slave) == getpgrp(), "the foreground moved though the caller stopped");
        jc_fg_cont(b);
    }
    jc_reaped(b, 0, "background child");
    jc_cleanup();
}
static void case_ttou_tcsetpgrp_default(void) { bg_tcsetpgrp(M_DFL); }
static void case_ttou_tcsetpgrp_blocked(void) { bg_tcsetpgrp(M_BLOCK); }
static void case_ttou_tcsetpgrp_ignored(void) { bg_tcsetpgrp(M_IGN); }
static void case_ttou_tcsetpgrp_handled(void) { bg_tcsetpgrp(M_HANDLE); }

static void child_bg_tcsetattr(void)
{
    struct termios t;
    EXPECT(tcgetattr(jc_slave, &t) == 0, "tcgetattr from the background: %s", strerror(errno));
    EXPECT(tcsetattr(jc_slave, TCSANOW, &t) == 0, "tcsetattr after the continue: %s", strerror(errno));
    atomic_store(&jc->done, 1);
}

static void case_ttou_tcsetattr(void)
{
    if (!jc_session())
        return;
    pid_t b = jc_spawn(0, child_bg_tcsetattr, 1);
    jc_expect_stop(b, SIGTTOU, "tcsetattr from the background");
    EXPECT(!jc->done, "tcsetattr returned before the continue");
    jc_fg_cont(b);
    jc_reaped(b, 0, "background child");
    jc_cleanup();
}

static void child_bg_read(void)
{
    jc_dispose(SIGTTIN, jc_mode);
    char buf[16] = {0};
    ssize_t n = read(jc_slave, buf, sizeof buf - 1);
    int e = errno;
    switch (jc_mode) {
    case M_DFL:
        EXPECT(n == 2 && !strcmp(buf, "x\n"), "read after the continue: %zd (%s)", n, n < 0 ? strerror(e) : buf);
        break;
    case M_BLOCK:
    case M_IGN:
        EXPECT(n == -1 && e == EIO, "read from the background, SIGTTIN %s: %zd (%s), want EIO",
               jc_mode == M_IGN ? "ignored" : "blocked", n, strerror(e));
        break;
    case M_HANDLE:
        EXPECT(n == -1 && e == EINTR, "read with a SIGTTIN handler: %zd (%s), want EINTR", n, strerror(e));
        EXPECT(jc->got[jc_slot][SIGTTIN] == 1, "the handler ran %d times", jc->got[jc_slot][SIGTTIN]);
        EXPECT(jc->code[jc_slot][SIGTTIN] == SI_KERNEL, "SIGTTIN's si_code %d, want SI_KERNEL",
               jc->code[jc_slot][SIGTTIN]);
        break;
    }
}

static void bg_read(enum jc_mode m)
{
    if (!jc_session())
        return;
    jc_mode = m;
    pid_t b = jc_spawn(0, child_bg_read, 1);
    if (m == M_DFL) {
        jc_expect_stop(b, SIGTTIN, "read from the background, SIGTTIN default");
        EXPECT(tcsetpgrp(jc_slave, b) == 0, "tcsetpgrp: %s", strerror(errno));
        EXPECT(write(jc_master, "x\n", 2) == 2, "write to the master: %s", strerror(errno));
        EXPECT(kill(-b, SIGCONT) == 0, "SIGCONT: %s", strerror(errno));
    }
    jc_reaped(b, 0, "background reader");
    jc_cleanup();
}
static void case_ttin_read_default(void) { bg_read(M_DFL); }
static void case_ttin_read_blocked(void) { bg_read(M_BLOCK); }
static void case_ttin_read_ignored(void) { bg_read(M_IGN); }
static void case_ttin_read_handled(void) { bg_read(M_HANDLE); }

static int jc_tostop;

static void child_bg_write(void)
{
    jc_dispose(SIGTTOU, jc_mode);
    ssize_t n = write(jc_slave, "bgw\n", 4);
    int e = errno;
    if (jc_mode == M_HANDLE && jc_tostop) {
        EXPECT(n == -1 && e == EINTR, "TOSTOP write with a SIGTTOU handler: %zd (%s), want EINTR", n,
               strerror(e));
        EXPECT(jc->got[jc_slot][SIGTTOU] == 1, "the handler ran %d times", jc->got[jc_slot][SIGTTOU]);
    } else {
        EXPECT(n == 4, "write from the background: %zd (%s)", n, strerror(e));
    }
}

static void bg_write(int tostop, enum jc_mode m)
{
    if (!jc_session())
        return;
    struct termios t;
    EXPECT(tcgetattr(jc_slave, &t) == 0, "tcgetattr: %s", strerror(errno));
    if (tostop)
        t.c_lflag |= TOSTOP;
    else
        t.c_lflag &= ~(tcflag_t)TOSTOP;
    EXPECT(tcsetattr(jc_slave, TCSANOW, &t) == 0, "tcsetattr: %s", strerror(errno));
    jc_tostop = tostop;
    jc_mode = m;
    pid_t b = jc_spawn(0, child_bg_write, 1);
    if (tostop && m == M_DFL) {
        jc_expect_stop(b, SIGTTOU, "TOSTOP write from the background, SIGTTOU default");
        jc_fg_cont(b);
    }
    jc_reaped(b, 0, "background writer");
    if (!(tostop && m == M_HANDLE))
        EXPECT(jc_master_shows("bgw"), "the master never showed the background write");
    jc_cleanup();
}
static void case_tostop_off(void) { bg_write(0, M_DFL); }
static void case_tostop_default(void) { bg_write(1, M_DFL); }
static void case_tostop_blocked(void) { bg_write(1, M_BLOCK); }
static void case_tostop_ignored(void) { bg_write(1, M_IGN); }
static void case_tostop_handled(void) { bg_write(1, M_HANDLE); }

/* the orphan: its parent exits, so its group has no member whose parent is
 * in another group of the session */
static void child_orphan_parent(void)
{
    pid_t self = getpid();
    pid_t g = fork();
    if (g < 0) {
        t_note("fork: %s", strerror(errno));
        return;
    }
    if (g > 0) {
        atomic_store(&jc->pid[1], g);
        return;
    }
    jc_slot = 1;
    setpgid(0, 0);
    double end = t_now() + T_WAIT_S;
    while (getppid() == self && t_now() < end)
        t_sleep_ms(1);
    EXPECT(getppid() != self, "the orphan was not reparented");
    char c;
    int e = JC_ERR(read(jc_slave, &c, 1));
    EXPECT(e == EIO, "read from an orphaned background group: %s, want EIO", strerror(e));
    /* tiocspgrp turns tty_check_change's EIO into ENOTTY; tcsetattr keeps it */
    e = JC_ERR(tcsetpgrp(jc_slave, getpgrp()));
    EXPECT(e == ENOTTY, "tcsetpgrp from an orphaned background group: %s, want ENOTTY", strerror(e));
    struct termios t;
    EXPECT(tcgetattr(jc_slave, &t) == 0, "tcgetattr in the orphan: %s", strerror(errno));
    e = JC_ERR(tcsetattr(jc_slave, TCSANOW, &t));
    EXPECT(e == EIO, "tcsetattr from an orphaned background group: %s, want EIO", strerror(e));
    e = JC_ERR(write(jc_slave, "orph\n", 5));
    EXPECT(e == EIO, "TOSTOP write from an orphaned background group: %s, want EIO", strerror(e));
    atomic_store(&jc->stage, 1);
    /* the kernel discards a stop signal for an orphaned group */
    raise(SIGTSTP);
    raise(SIGTTIN);
    atomic_store(&jc->stage, 2);
    if (t_why[0])
        snprintf(jc->why[1], JC_WHY, "%s", t_why);
    atomic_store(&jc->done, 1);
    _exit(0);
}

static void case_orphaned(void)
{
    if (!jc_session())
        return;
    struct termios t;
    EXPECT(tcgetattr(jc_slave, &t) == 0, "tcgetattr: %s", strerror(errno));
    t.c_lflag |= TOSTOP;
    EXPECT(tcsetattr(jc_slave, TCSANOW, &t) == 0, "tcsetattr: %s", strerror(errno));
    pid_t b = jc_spawn(0, child_orphan_parent, 1);
    jc_reaped(b, 0, "the orphan's parent");
    if (!jc_until(&jc->done, 1))
        t_note("the orphan did not finish (stage %d: %s)", jc->stage,
               jc->stage == 1 ? "stopped by SIGTSTP or SIGTTIN in an orphaned group" : "blocked");
    else if (jc->why[1][0])
        t_note("orphan: %s", jc->why[1]);
    pid_t g = atomic_load(&jc->pid[1]);
    if (g > 0)
        kill(g, SIGKILL);
    jc_cleanup();
}

/* ---- stop signals and SIGCONT ---- */

static int jc_stop_sig;

static void child_raise_stop(void)
{
    t_handle_info(SIGCONT, jc_record, 0);
    raise(jc_stop_sig);
    EXPECT(jc->got[jc_slot][SIGCONT] == 1, "the SIGCONT handler ran %d times after the continue",
           jc->got[jc_slot][SIGCONT]);
    EXPECT(jc->code[jc_slot][SIGCONT] == SI_USER, "SIGCONT's si_code %d, want SI_USER", jc->code[jc_slot][SIGCONT]);
    /* a zombie's exit status hides its continued report from waitpid, so
     * stay alive until the parent has seen the continue */
    jc_until(&jc->stage, 1);
}

static void child_raise_handled(void)
{
    t_handle_info(jc_stop_sig, jc_record, 0);
    raise(jc_stop_sig);
    EXPECT(jc->got[jc_slot][jc_stop_sig] == 1, "the handler of signal %d ran %d times", jc_stop_sig,
           jc->got[jc_slot][jc_stop_sig]);
}

static void case_stop_signals(void)
{
    memset(jc, 0, sizeof *jc);
    setsid();
    int sigs[] = {SIGTSTP, SIGTTIN, SIGTTOU, SIGSTOP};
    for (int i = 0; i < 4; i++) {
        jc_stop_sig = sigs[i];
        memset(jc->got, 0, sizeof jc->got);
        atomic_store(&jc->stage, 0);
        pid_t b = jc_spawn(0, child_raise_stop, 1);
        jc_expect_stop(b, sigs[i], "a raised stop signal");
        EXPECT(kill(b, SIGCONT) == 0, "SIGCONT: %s", strerror(errno));
        int st = jc_wait(b, WCONTINUED);
        atomic_store(&jc->stage, 1);
        EXPECT(st >= 0 && WIFCONTINUED(st), "after SIGCONT: %s, want continued", jc_status(st));
        jc_reaped(b, 0, "stopped child");
        if (sigs[i] == SIGSTOP)
            continue;
        b = jc_spawn(1, child_raise_handled, 1);
        jc_reaped(b, 1, "a stop signal with a handler");
    }
    jc_cleanup();
}

/* ---- VINTR/VSUSP typed into the master ---- */

static void child_keys_handled(void)
{
    t_handle_info(SIGINT, jc_record, SA_RESTART);
    t_handle_info(SIGTSTP, jc_record, SA_RESTART);
    atomic_fetch_add(&jc->ready, 1);
    for (;;)
        pause();
}

static void jc_keys_termios(void)
{
    struct termios t;
    EXPECT(tcgetattr(jc_slave, &t) == 0, "tcgetattr: %s", strerror(errno));
    t.c_lflag |= ISIG;
    t.c_cc[VINTR] = 3;
    t.c_cc[VSUSP] = 26;
    EXPECT(tcsetattr(jc_slave, TCSANOW, &t) == 0, "tcsetattr: %s", strerror(errno));
}

static void case_keys_handled(void)
{
    if (!jc_session())
        return;
    jc_keys_termios();
    t_handle_info(SIGINT, jc_record, SA_RESTART);
    t_handle_info(SIGTSTP, jc_record, SA_RESTART);
    pid_t f1 = jc_spawn(0, child_keys_handled, 1);
    pid_t f2 = jc_spawn(1, child_keys_handled, 0);
    EXPECT(setpgid(f2, f1) == 0, "setpgid: %s", strerror(errno));
    pid_t b = jc_spawn(2, child_keys_handled, 1);
    jc_until(&jc->ready, 3);
    EXPECT(getpgid(f2) == f1, "the second foreground process is in group %d", getpgid(f2));
    EXPECT(tcsetpgrp(jc_slave, f1) == 0, "tcsetpgrp: %s", strerror(errno));
    EXPECT(write(jc_master, "\003", 1) == 1, "typing ^C: %s", strerror(errno));
    EXPECT(jc_until(&jc->got[0][SIGINT], 1) && jc_until(&jc->got[1][SIGINT], 1),
           "^C: the foreground group's handlers ran %d and %d times", jc->got[0][SIGINT], jc->got[1][SIGINT]);
    EXPECT(write(jc_master, "\032", 1) == 1, "typing ^Z: %s", strerror(errno));
    EXPECT(jc_until(&jc->got[0][SIGTSTP], 1) && jc_until(&jc->got[1][SIGTSTP], 1),
           "^Z: the foreground group's handlers ran %d and %d times", jc->got[0][SIGTSTP], jc->got[1][SIGTSTP]);
    t_sleep_ms(100);
    EXPECT(jc->got[0][SIGINT] == 1 && jc->got[1][SIGINT] == 1 && jc->got[0][SIGTSTP] == 1 &&
               jc->got[1][SIGTSTP] == 1,
           "the foreground group got SIGINT %d/%d, SIGTSTP %d/%d times, want once each", jc->got[0][SIGINT],
           jc->got[1][SIGINT], jc->got[0][SIGTSTP], jc->got[1][SIGTSTP]);
    EXPECT(jc->code[0][SIGINT] == SI_KERNEL, "SIGINT's si_code %d, want SI_KERNEL", jc->code[0][SIGINT]);
    EXPECT(!jc->got[2][SIGINT] && !jc->got[2][SIGTSTP], "the background group got SIGINT %d, SIGTSTP %d times",
           jc->got[2][SIGINT], jc->got[2][SIGTSTP]);
    EXPECT(!jc->got[jc_slot][SIGINT] && !jc->got[jc_slot][SIGTSTP],
           "the session leader's group got SIGINT %d, SIGTSTP %d times", jc->got[jc_slot][SIGINT],
           jc->got[jc_slot][SIGTSTP]);
    int st;
    EXPECT(jc_running(b, &st), "the background child: %s, want still running", jc_status(st));
    jc_cleanup();
}

/* a two-process foreground "pipeline" with the default actions: ^Z stops
 * both, SIGCONT continues both, ^C kills both; the background group and the
 * leader see none of it */
static void case_keys_default(void)
{
    if (!jc_session())
        return;
    jc_keys_termios();
    t_handle_info(SIGINT, jc_record, SA_RESTART);
    t_handle_info(SIGTSTP, jc_record, SA_RESTART);
    pid_t f1 = jc_spawn(0, child_pause, 1);
    pid_t f2 = jc_spawn(1, child_pause, 0);
    EXPECT(setpgid(f2, f1) == 0, "setpgid: %s", strerror(errno));
    pid_t b = jc_spawn(2, child_pause, 1);
    jc_until(&jc->ready, 3);
    EXPECT(tcsetpgrp(jc_slave, f1) == 0, "tcsetpgrp: %s", strerror(errno));
    EXPECT(write(jc_master, "\032", 1) == 1, "typing ^Z: %s", strerror(errno));
    jc_expect_stop(f1, SIGTSTP, "^Z, first process");
    jc_expect_stop(f2, SIGTSTP, "^Z, second process");
    EXPECT(kill(-f1, SIGCONT) == 0, "SIGCONT: %s", strerror(errno));
    int st = jc_wait(f1, WCONTINUED);
    EXPECT(st >= 0 && WIFCONTINUED(st), "first process after SIGCONT: %s", jc_status(st));
    st = jc_wait(f2, WCONTINUED);
    EXPECT(st >= 0 && WIFCONTINUED(st), "second process after SIGCONT: %s", jc_status(st));
    EXPECT(write(jc_master, "\003", 1) == 1, "typing ^C: %s", strerror(errno));
    st = jc_wait(f1, WUNTRACED);
    EXPECT(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGINT, "^C, first process: %s", jc_status(st));
    st = jc_wait(f2, WUNTRACED);
    EXPECT(st >= 0 && WIFSIGNALED(st) && WTERMSIG(st) == SIGINT, "^C, second process: %s", jc_status(st));
    t_sleep_ms(50);
    EXPECT(jc_running(b, &st), "the background child: %s, want still running", jc_status(st));
    EXPECT(!jc->got[jc_slot][SIGINT] && !jc->got[jc_slot][SIGTSTP],
           "the session leader's group got SIGINT %d, SIGTSTP %d times", jc->got[jc_slot][SIGINT],
           jc->got[jc_slot][SIGTSTP]);
    jc_cleanup();
}

int main(int argc, char **argv)
{
    if (argc > 1 && !strcmp(argv[1], "jobctl-sleeper")) {
        sleep(THR_CASE_S);
        return 0;
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
    jc = mmap(NULL, sizeof *jc, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (jc == MAP_FAILED) {
        t_write("FAIL setup: mmap: %s\n", strerror(errno));
        return 1;
    }
    static const struct {
        const char *name;
        void (*fn)(void);
    } cases[] = {
        {"setsid", case_setsid},
        {"setpgid", case_setpgid},
        {"setpgid_exec", case_setpgid_exec},
        {"ctty_ioctls", case_ctty_ioctls},
        {"sctty_steal", case_sctty_steal},
        {"notty", case_notty},
        {"ttou_tcsetpgrp_default", case_ttou_tcsetpgrp_default},
        {"ttou_tcsetpgrp_blocked", case_ttou_tcsetpgrp_blocked},
        {"ttou_tcsetpgrp_ignored", case_ttou_tcsetpgrp_ignored},
        {"ttou_tcsetpgrp_handled", case_ttou_tcsetpgrp_handled},
        {"ttou_tcsetattr", case_ttou_tcsetattr},
        {"ttin_read_default", case_ttin_read_default},
        {"ttin_read_blocked", case_ttin_read_blocked},
        {"ttin_read_ignored", case_ttin_read_ignored},
        {"ttin_read_handled", case_ttin_read_handled},
        {"tostop_off", case_tostop_off},
        {"tostop_default", case_tostop_default},
        {"tostop_blocked", case_tostop_blocked},
        {"tostop_ignored", case_tostop_ignored},
        {"tostop_handled", case_tostop_handled},
        {"orphaned", case_orphaned},
        {"stop_signals", case_stop_signals},
        {"keys_handled", case_keys_handled},
        {"keys_default", case_keys_default},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        thr_case(cases[i].name, cases[i].fn, THR_CASE_S);
    return 0;
}

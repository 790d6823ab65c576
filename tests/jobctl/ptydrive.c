/* ptydrive: runs a command on a new pty (forkpty: the command leads a new
 * session whose controlling terminal is the pty) and plays a script of
 * keystrokes and expectations against it, as a person at a terminal would:
 * the host-side driver of the interactive job-control test (tests/jobctl).
 *
 *   ptydrive [-t SECONDS] [-T SECONDS] [-l LABEL] [-o LOG] [-x EXE] SCRIPT -- COMMAND [ARG...]
 *
 * -t bounds each wait (default 20 s), -T the whole run (default 50 s; after
 * it every check left fails at once), -l prefixes the case names, -o keeps
 * everything the command wrote to the terminal, -x makes every fg-job also
 * wait until each process of the foreground group runs EXE (/proc/PID/exe:
 * under pvm, that the job is a pvm process from its fork on). Script lines
 * (a leading # is a comment; TEXT takes C escapes \n \r \t \\ \xHH \NNN):
 *   case NAME       the checks up to the next case are one case
 *   send TEXT       typed into the master
 *   expect TEXT     TEXT appears in the output after the last match
 *   absent TEXT     the next expect's skipped output must not hold TEXT
 *   fg-job [N]      the terminal's foreground group becomes another than
 *                   the command's own (a job got the terminal) with N
 *                   processes (default 1), none of them ignoring SIGINT or
 *                   SIGTSTP (so a ^C or ^Z typed next reaches them all)
 *   fg-shell        the foreground group is the command's own again
 *   exit N          the command ends with exit status N
 * Prints "ok LABEL/NAME" or "FAIL LABEL/NAME: why (the output's tail)" per
 * case and "N passed, N failed" at the end; exits 1 if anything failed.
 * Invariants: every wait is bounded; the output is read whenever the driver
 * waits, so the command never blocks on a full pty; at the end the command's
 * group and every job group seen in the foreground are killed. */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#define OUT_MAX (1 << 20)

static int master = -1;
static pid_t child = -1;
static int child_status = -1; /* the wait status once it ended */
static char *out;             /* everything read from the master, NUL-terminated */
static size_t out_len, cursor;
static int out_eof;
static FILE *logf;
static double per_wait = 20, total = 50, start;
static const char *label = "";
static const char *job_exe;
static pid_t job_groups[64];
static int njob_groups;

static char case_name[128];
static char case_why[600];
static int in_case, passed, failed;

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* the output's last bytes, escaped, for a failure message */
static const char *tail_text(void)
{
    static char buf[200];
    size_t from = out_len > 60 ? out_len - 60 : 0, n = 0;
    for (size_t i = from; i < out_len && n + 5 < sizeof buf; i++) {
        unsigned char ch = (unsigned char)out[i];
        if (ch == '\n')
            n += (size_t)snprintf(buf + n, sizeof buf - n, "\\n");
        else if (ch == '\r')
            n += (size_t)snprintf(buf + n, sizeof buf - n, "\\r");
        else if (isprint(ch) && ch != '\\')
            buf[n++] = (char)ch;
        else
            n += (size_t)snprintf(buf + n, sizeof buf - n, "\\x%02x", ch);
    }
    buf[n] = 0;
    return buf;
}

static void check_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void check_fail(const char *fmt, ...)
{
    if (case_why[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(case_why, sizeof case_why, fmt, ap);
    va_end(ap);
    size_t l = strlen(case_why);
    snprintf(case_why + l, sizeof case_why - l, " (output ends: \"%s\")", tail_text());
}

static void case_end(void)
{
    if (!in_case)
        return;
    if (case_why[0]) {
        printf("FAIL %s%s: %s\n", label, case_name, case_why);
        failed++;
    } else {
        printf("ok %s%s\n", label, case_name);
        passed++;
    }
    fflush(stdout);
    in_case = 0;
    case_why[0] = 0;
}

/* reads what the master has, waiting at most ms for the first byte */
static void pump(int ms)
{
    if (out_eof) {
        if (ms > 0)
            usleep((useconds_t)ms * 1000);
        return;
    }
    struct pollfd p = {master, POLLIN, 0};
    if (poll(&p, 1, ms) <= 0)
        return;
    for (;;) {
        char buf[4096];
        ssize_t r = read(master, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            /* EIO: every slave descriptor is closed */
            if (r == 0 || errno != EAGAIN)
                out_eof = 1;
            return;
        }
        if (logf)
            fwrite(buf, 1, (size_t)r, logf);
        size_t n = (size_t)r;
        if (out_len + n > OUT_MAX) {
            /* keep the newer half; the cursor moves with it */
            size_t drop = out_len / 2;
            memmove(out, out + drop, out_len - drop);
            out_len -= drop;
            cursor = cursor > drop ? cursor - drop : 0;
        }
        memcpy(out + out_len, buf, n);
        out_len += n;
        out[out_len] = 0;
    }
}

static void reap(void)
{
    if (child_status != -1 || child <= 0)
        return;
    int st;
    if (waitpid(child, &st, WNOHANG) == child)
        child_status = st;
}

/* the deadline of one wait: per_wait from now, never past the total */
static double wait_end(void)
{
    double e = now() + per_wait, t = start + total;
    return e < t ? e : t;
}

static int out_of_time(void)
{
    if (now() < start + total)
        return 0;
    check_fail("not run: the %.0f s for the whole run are used up", total);
    return 1;
}

static char forbidden[256];

static void do_expect(const char *text)
{
    if (out_of_time())
        return;
    double end = wait_end();
    char *hit;
    while (!(hit = memmem(out + cursor, out_len - cursor, text, strlen(text)))) {
        if (now() > end || out_eof) {
            check_fail("\"%s\" %s", text, out_eof ? "never came: the terminal closed" : "never came");
            forbidden[0] = 0;
            return;
        }
        pump(20);
    }
    if (forbidden[0] && memmem(out + cursor, (size_t)(hit - (out + cursor)), forbidden, strlen(forbidden)))
        check_fail("\"%s\" came before \"%s\"", forbidden, text);
    forbidden[0] = 0;
    cursor = (size_t)(hit - out) + strlen(text);
}

static void do_send(const char *text, size_t n)
{
    if (out_of_time())
        return;
    size_t done = 0;
    double end = wait_end();
    while (done < n && now() < end) {
        ssize_t w = write(master, text + done, n - done);
        if (w > 0)
            done += (size_t)w;
        else if (w < 0 && errno != EAGAIN && errno != EINTR)
            break;
        pump(5);
    }
    if (done < n)
        check_fail("typing failed after %zu of %zu bytes: %s", done, n, strerror(errno));
}

/* Whether the processes of group pg are ready for a key: at least n of
 * them, none ignoring SIGINT or SIGTSTP (a shell's child resets what the
 * shell ignores only after the shell may have handed it the terminal, and a
 * ^Z it ignores is lost), each running job_exe when given. Read from the
 * host's /proc: a pvm process's host dispositions are the guest's. why
 * says what is missing. */
static int group_ready(pid_t pg, int n, char *why, size_t cap)
{
    DIR *d = opendir("/proc");
    if (!d) {
        snprintf(why, cap, "cannot read /proc");
        return 0;
    }
    int count = 0, ready = 1;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!isdigit((unsigned char)e->d_name[0]))
            continue;
        char path[300], buf[1024];
        snprintf(path, sizeof path, "/proc/%s/stat", e->d_name);
        FILE *f = fopen(path, "r");
        if (!f)
            continue;
        size_t len = fread(buf, 1, sizeof buf - 1, f);
        fclose(f);
        buf[len] = 0;
        char *rp = strrchr(buf, ')');
        char state;
        int ppid, pgrp;
        if (!rp || sscanf(rp + 1, " %c %d %d", &state, &ppid, &pgrp) != 3 || pgrp != pg || state == 'Z')
            continue;
        count++;
        unsigned long long ign = 0;
        snprintf(path, sizeof path, "/proc/%s/status", e->d_name);
        if ((f = fopen(path, "r")) != NULL) {
            while (fgets(buf, sizeof buf, f))
                if (sscanf(buf, "SigIgn: %llx", &ign) == 1)
                    break;
            fclose(f);
        }
        if (ign & (1ull << (SIGINT - 1) | 1ull << (SIGTSTP - 1))) {
            snprintf(why, cap, "process %d ignores SIGINT or SIGTSTP", atoi(e->d_name));
            ready = 0;
        }
        if (job_exe) {
            char exe[4096];
            snprintf(path, sizeof path, "/proc/%s/exe", e->d_name);
            ssize_t l = readlink(path, exe, sizeof exe - 1);
            exe[l > 0 ? l : 0] = 0;
            if (strcmp(exe, job_exe) != 0) {
                snprintf(why, cap, "process %d runs \"%.200s\", want \"%.200s\"", atoi(e->d_name), exe,
                         job_exe);
                ready = 0;
            }
        }
    }
    closedir(d);
    if (count < n) {
        snprintf(why, cap, "%d of %d processes", count, n);
        return 0;
    }
    return ready;
}

/* waits until the foreground group is the command's own (job=0), or
 * another one with n processes ready for a key (job=1) */
static void do_fg(int job, int n)
{
    if (out_of_time())
        return;
    double end = wait_end();
    char why[600] = "";
    for (;;) {
        pid_t pg = tcgetpgrp(master);
        if (job && pg > 0 && pg != child) {
            int known = 0;
            for (int i = 0; i < njob_groups; i++)
                known |= job_groups[i] == pg;
            if (!known && njob_groups < (int)(sizeof job_groups / sizeof job_groups[0]))
                job_groups[njob_groups++] = pg;
            if (group_ready(pg, n, why, sizeof why))
                return;
        }
        if (!job && pg == child)
            return;
        if (now() > end) {
            if (job && pg > 0 && pg != child)
                check_fail("the foreground job %d is not ready: %s", (int)pg, why);
            else
                check_fail("the foreground group stayed %d (the command is %d), want %s", pg, child,
                           job ? "a job's" : "the command's");
            return;
        }
        pump(10);
    }
}

static void do_exit(int want)
{
    if (out_of_time())
        return;
    double end = wait_end();
    while (child_status == -1 && now() < end) {
        pump(10);
        reap();
    }
    if (child_status == -1)
        check_fail("still running after %.0f s, want exit %d", per_wait, want);
    else if (!WIFEXITED(child_status) || WEXITSTATUS(child_status) != want)
        check_fail("ended with status %#x, want exit %d", child_status, want);
}

/* C escapes of a script argument, in place; the length */
static size_t unescape(char *s)
{
    char *o = s;
    for (char *p = s; *p; p++) {
        if (*p != '\\' || !p[1]) {
            *o++ = *p;
            continue;
        }
        p++;
        switch (*p) {
        case 'n': *o++ = '\n'; break;
        case 'r': *o++ = '\r'; break;
        case 't': *o++ = '\t'; break;
        case 'x': {
            unsigned v = 0;
            int k = 0;
            while (k < 2 && isxdigit((unsigned char)p[1])) {
                char d = *++p;
                v = v * 16 + (unsigned)(isdigit((unsigned char)d) ? d - '0' : (tolower(d) - 'a' + 10));
                k++;
            }
            *o++ = (char)v;
            break;
        }
        default:
            if (*p >= '0' && *p <= '7') {
                unsigned v = (unsigned)(*p - '0');
                for (int k = 0; k < 2 && p[1] >= '0' && p[1] <= '7'; k++)
                    v = v * 8 + (unsigned)(*++p - '0');
                *o++ = (char)v;
            } else {
                *o++ = *p;
            }
        }
    }
    *o = 0;
    return (size_t)(o - s);
}

static void usage(void)
{
    fprintf(stderr, "usage: ptydrive [-t SECONDS] [-T SECONDS] [-l LABEL] [-o LOG] [-x EXE] SCRIPT -- COMMAND "
                    "[ARG...]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    int opt;
    while ((opt = getopt(argc, argv, "+t:T:l:o:x:")) != -1) {
        switch (opt) {
        case 't': per_wait = atof(optarg); break;
        case 'T': total = atof(optarg); break;
        case 'l': label = optarg; break;
        case 'x': job_exe = optarg; break;
        case 'o':
            logf = fopen(optarg, "w");
            if (!logf) {
                perror(optarg);
                return 2;
            }
            break;
        default: usage();
        }
    }
    if (optind + 2 >= argc || strcmp(argv[optind + 1], "--") != 0)
        usage();
    FILE *script = fopen(argv[optind], "r");
    if (!script) {
        perror(argv[optind]);
        return 2;
    }
    char **cmd = argv + optind + 2;
    out = malloc(OUT_MAX + 1);
    if (!out)
        return 2;
    out[0] = 0;
    signal(SIGPIPE, SIG_IGN);

    struct winsize ws = {.ws_row = 50, .ws_col = 200};
    start = now();
    child = forkpty(&master, NULL, NULL, &ws);
    if (child < 0) {
        perror("forkpty");
        return 2;
    }
    if (child == 0) {
        execvp(cmd[0], cmd);
        fprintf(stderr, "ptydrive: %s: %s\n", cmd[0], strerror(errno));
        _exit(127);
    }
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);

    char line[1024];
    int lineno = 0;
    while (fgets(line, sizeof line, script)) {
        lineno++;
        line[strcspn(line, "\n")] = 0;
        if (!line[0] || line[0] == '#')
            continue;
        char *arg = strchr(line, ' ');
        if (arg)
            *arg++ = 0;
        else
            arg = line + strlen(line);
        if (!strcmp(line, "case")) {
            case_end();
            snprintf(case_name, sizeof case_name, "%s", arg);
            in_case = 1;
            continue;
        }
        if (!in_case) {
            snprintf(case_name, sizeof case_name, "line%d", lineno);
            in_case = 1;
        }
        size_t n = unescape(arg);
        if (!strcmp(line, "send"))
            do_send(arg, n);
        else if (!strcmp(line, "expect"))
            do_expect(arg);
        else if (!strcmp(line, "absent"))
            snprintf(forbidden, sizeof forbidden, "%s", arg);
        else if (!strcmp(line, "fg-job"))
            do_fg(1, *arg ? atoi(arg) : 1);
        else if (!strcmp(line, "fg-shell"))
            do_fg(0, 0);
        else if (!strcmp(line, "exit"))
            do_exit(atoi(arg));
        else {
            fprintf(stderr, "ptydrive: %s:%d: unknown directive %s\n", argv[optind], lineno, line);
            return 2;
        }
    }
    case_end();
    fclose(script);

    /* nothing is left behind: the command's group and every job group */
    reap();
    if (child_status == -1)
        kill(-child, SIGKILL);
    for (int i = 0; i < njob_groups; i++)
        kill(-job_groups[i], SIGKILL);
    pump(0);
    close(master);
    if (child_status == -1)
        waitpid(child, NULL, 0);
    if (logf)
        fclose(logf);
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

/* pvm --root DIR PROGRAM [ARGS...] (docs/design.md "pvm --root"): a whole
 * arm64 root run without root privileges and without a global
 * registration. This process enters a new user namespace and mount
 * namespace (every mount private), binds the host's /proc, /dev and /sys
 * into DIR (recursive binds: a user namespace may not bind a mount without
 * the mounts under it), makes DIR the root of the mount namespace
 * (pivot_root, the old root detached, so no path and no chroot() of the
 * guest's leads out: a plain chroot would be left by `chroot sub; cd
 * ../..`, root of a user namespace having CAP_SYS_CHROOT), and registers
 * pvm-static with flags POF in a binfmt_misc instance of the namespace's
 * own (Linux 6.7+), mounted at DIR/proc/sys/fs/binfmt_misc (the entries
 * live as long as that mount). Then it execs PROGRAM: the kernel starts it
 * through the entry, and every later exec is the kernel's or pvm's own
 * re-exec, inside DIR. Where the instance cannot be had (an older kernel,
 * no /proc in DIR, --root-binfmt no), pvm-static, opened before the set-up,
 * is executed through its descriptor to run PROGRAM and follows exec itself
 * (syscalls/selfexe.h), and one line says so.
 *
 * Invariants: everything here happens before any guest exists, in a
 * single-threaded process (unshare(CLONE_NEWUSER) requires it); every
 * descriptor opened is close-on-exec, and the only one that crosses the
 * final exec (pvm-static's, in the fallback) is the one pvm's re-exec
 * protocol names (--self-fd=N). Nothing outlives the process but through
 * its children: the namespaces, mounts and the registration die with the
 * last process inside. Options reach every pvm in the root as the PVM_*
 * variables a binfmt_misc start reads (options_inherited_env), and as
 * inherited options in the fallback. */
#include "engine/root.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/binfmt_entry.h"
#include "core/shebang.h"
#include "core/log.h"
#include "core/options.h"
#include "engine/binfmt.h"

/* the root's binfmt_misc, relative to DIR */
#define ROOT_BINFMT_DIR "/proc/sys/fs/binfmt_misc"
/* the PATH a PROGRAM without '/' is looked up in when the environment has none */
#define ROOT_DEFAULT_PATH "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
/* root's identity map: every id but (uid_t)-1 */
#define ROOT_ALL_IDS 4294967295ul

/* exit statuses (pvm --help): usage 2, pvm's own failure 1, PROGRAM
 * missing 127, not runnable 126 */
enum { ROOT_FAIL = 1, ROOT_USAGE = 2, ROOT_NOEXEC = 126, ROOT_MISSING = 127 };

static _Noreturn void root_die(int status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static _Noreturn void root_die(int status, const char *fmt, ...)
{
    char msg[LOG_STR_CAP * 2];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    log_error("--root: %s", msg);
    exit(status);
}

/* writes all of text to path; 0 or the errno */
static int root_write(const char *path, const char *text)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    ssize_t n = write(fd, text, strlen(text));
    int err = n < 0 ? errno : (size_t)n != strlen(text) ? EIO : 0;
    close(fd);
    return err;
}

static bool root_is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* a directory itself, not a symlink to one: a mount on a symlink of the
 * root's would land where the link points, outside DIR (debootstrap's
 * first stage leaves /proc a symlink to /proc) */
static bool root_is_real_dir(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* ---- pvm-static ---- */

/* whether the running pvm has no ELF interpreter (a static PIE runs in
 * any root; a dynamic pvm would look for its ld.so inside DIR) */
static bool root_self_static(void)
{
    const Elf64_Phdr *ph = (const Elf64_Phdr *)getauxval(AT_PHDR);
    unsigned long n = getauxval(AT_PHNUM);
    for (unsigned long k = 0; ph && k < n; k++)
        if (ph[k].p_type == PT_INTERP)
            return false;
    return ph != NULL;
}

/* pvm-static beside this pvm, else this pvm when it is static: its host
 * path into out (PATH_MAX bytes) and a descriptor open on it */
static int root_open_static(char *out)
{
    char self[PATH_MAX];
    if (!realpath("/proc/self/exe", self))
        root_die(ROOT_FAIL, "cannot find pvm's own binary (/proc/self/exe): %s", strerror(errno));
    char *slash = strrchr(self, '/');
    int n = snprintf(out, PATH_MAX, "%.*s/pvm-static", (int)(slash - self), self);
    int fd = n > 0 && n < PATH_MAX ? open(out, O_RDONLY | O_CLOEXEC) : -1;
    struct stat st;
    if (fd >= 0 && (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || access(out, X_OK) != 0)) {
        close(fd);
        fd = -1;
    }
    if (fd < 0 && root_self_static()) {
        memcpy(out, self, strlen(self) + 1);
        fd = open(out, O_RDONLY | O_CLOEXEC);
    }
    if (fd < 0)
        root_die(ROOT_FAIL, "needs pvm-static (a pvm without host libraries, which runs inside any "
                 "root) beside pvm: %s: not found", log_str(out));
    return fd;
}

/* ---- the id maps ---- */

/* the user's name from the host's /etc/passwd (no NSS: pvm-static), or NULL */
static char *root_user_name(uid_t uid)
{
    FILE *f = fopen("/etc/passwd", "re");
    if (!f)
        return NULL;
    char line[1024], *found = NULL;
    while (!found && fgets(line, sizeof line, f)) {
        char *name = strtok(line, ":"), *pw = strtok(NULL, ":"), *id = strtok(NULL, ":");
        if (name && pw && id && strtoul(id, NULL, 10) == uid)
            found = strdup(name);
    }
    fclose(f);
    return found;
}

/* the first subordinate range of the user (by name or uid: both files
 * are keyed by the user) in file (/etc/subuid, /etc/subgid); false when
 * there is none */
static bool root_subrange(const char *file, const char *name, unsigned long id, unsigned long *start,
                          unsigned long *count)
{
    FILE *f = fopen(file, "re");
    if (!f)
        return false;
    char line[512], num[32];
    bool found = false;
    snprintf(num, sizeof num, "%lu", id);
    while (!found && fgets(line, sizeof line, f)) {
        char *who = strtok(line, ":\n"), *s = strtok(NULL, ":\n"), *c = strtok(NULL, ":\n");
        if (!who || !s || !c || (strcmp(who, num) && (!name || strcmp(who, name))))
            continue;
        char *e1, *e2;
        *start = strtoul(s, &e1, 10);
        *count = strtoul(c, &e2, 10);
        found = !*e1 && !*e2 && *count > 0 && *start + *count <= ROOT_ALL_IDS && *count < ROOT_ALL_IDS;
    }
    fclose(f);
    return found;
}

/* whether name is an executable file in one of PATH's directories */
static bool root_have_tool(const char *name)
{
    const char *path = getenv("PATH");
    char buf[PATH_MAX], dirs[4096];
    snprintf(dirs, sizeof dirs, "%s", path && *path ? path : "/usr/bin:/bin");
    for (char *save, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save))
        if (snprintf(buf, sizeof buf, "%s/%s", d, name) < (int)sizeof buf && access(buf, X_OK) == 0)
            return true;
    return false;
}

enum root_maps { ROOT_MAP_ALL, ROOT_MAP_SUB, ROOT_MAP_SINGLE };

struct root_idplan {
    enum root_maps kind;
    uid_t uid;
    gid_t gid;
    unsigned long us, uc, gs, gc; /* ROOT_MAP_SUB: the subordinate ranges */
    char why[256];                /* ROOT_MAP_SINGLE: why no range */
};

static void root_plan_ids(struct root_idplan *p)
{
    p->uid = getuid();
    p->gid = getgid();
    p->why[0] = 0;
    if (p->uid == 0) {
        p->kind = ROOT_MAP_ALL;
        return;
    }
    p->kind = ROOT_MAP_SINGLE;
    char *name = root_user_name(p->uid);
    if (!root_have_tool("newuidmap") || !root_have_tool("newgidmap"))
        snprintf(p->why, sizeof p->why, "no newuidmap and newgidmap (package uidmap)");
    else if (!root_subrange("/etc/subuid", name, p->uid, &p->us, &p->uc) ||
             !root_subrange("/etc/subgid", name, p->uid, &p->gs, &p->gc))
        snprintf(p->why, sizeof p->why, "no range for %s in /etc/subuid and /etc/subgid",
                 name ? log_str(name) : "this user");
    else
        p->kind = ROOT_MAP_SUB;
    free(name);
}

/* runs a new{u,g}idmap command line; 0, or a status with its first line
 * of error output in err */
static int root_run_idmap(char *const argv[], char *err, size_t cap)
{
    int pfd[2];
    if (pipe2(pfd, O_CLOEXEC) != 0)
        return -1;
    pid_t pid = fork();
    if (pid == 0) {
        dup2(pfd[1], 2);
        dup2(pfd[1], 1);
        execvp(argv[0], argv);
        _exit(127);
    }
    close(pfd[1]);
    ssize_t n = 0, r;
    while ((size_t)n + 1 < cap && (r = read(pfd[0], err + n, cap - 1 - (size_t)n)) > 0)
        n += r;
    err[n] = 0;
    char *nl = strchr(err, '\n');
    if (nl)
        *nl = 0;
    close(pfd[0]);
    int st;
    if (pid < 0 || waitpid(pid, &st, 0) < 0)
        return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* The helper: a child left in the caller's user namespace, which writes
 * the maps of the parent's new one (a map of more than the writer's own
 * id needs CAP_SETUID where the namespace was made: root, or the set-user-ID
 * new{u,g}idmap). Reports one byte (0 done) and a line of why. */
static _Noreturn void root_helper(const struct root_idplan *p, pid_t target, int go, int done)
{
    char c, why[256] = "";
    if (read(go, &c, 1) != 1)
        _exit(0); /* the parent could not unshare: nothing to map */
    int ok = 1;
    if (p->kind == ROOT_MAP_ALL) {
        char path[64], map[64];
        snprintf(map, sizeof map, "0 0 %lu\n", ROOT_ALL_IDS);
        snprintf(path, sizeof path, "/proc/%d/uid_map", (int)target);
        int e = root_write(path, map);
        snprintf(path, sizeof path, "/proc/%d/gid_map", (int)target);
        if (!e)
            e = root_write(path, map);
        if (e)
            snprintf(why, sizeof why, "writing the identity map: %s", strerror(e));
        ok = !e;
    } else {
        char pid[16], a[4][24];
        snprintf(pid, sizeof pid, "%d", (int)target);
        snprintf(a[0], sizeof a[0], "%u", (unsigned)p->uid);
        snprintf(a[1], sizeof a[1], "%lu", p->us);
        snprintf(a[2], sizeof a[2], "%lu", p->uc);
        char *uargv[] = {"newuidmap", pid, "0", a[0], "1", "1", a[1], a[2], NULL};
        char err[200];
        int st = root_run_idmap(uargv, err, sizeof err);
        if (!st) {
            snprintf(a[0], sizeof a[0], "%u", (unsigned)p->gid);
            snprintf(a[1], sizeof a[1], "%lu", p->gs);
            snprintf(a[2], sizeof a[2], "%lu", p->gc);
            char *gargv[] = {"newgidmap", pid, "0", a[0], "1", "1", a[1], a[2], NULL};
            st = root_run_idmap(gargv, err, sizeof err);
            if (st)
                snprintf(why, sizeof why, "newgidmap failed (%d: %s)", st, log_str(err));
        } else {
            snprintf(why, sizeof why, "newuidmap failed (%d: %s)", st, log_str(err));
        }
        ok = !st;
    }
    c = ok ? 0 : 1;
    if (write(done, &c, 1) != 1 || write(done, why, strlen(why)) < 0)
        _exit(1);
    _exit(0);
}

/* the single map an unprivileged process may write for itself */
static int root_map_single(const struct root_idplan *p)
{
    char map[64];
    int e = root_write("/proc/self/setgroups", "deny");
    if (e && e != ENOENT)
        return e;
    snprintf(map, sizeof map, "0 %u 1\n", (unsigned)p->uid);
    if ((e = root_write("/proc/self/uid_map", map)))
        return e;
    snprintf(map, sizeof map, "0 %u 1\n", (unsigned)p->gid);
    return root_write("/proc/self/gid_map", map);
}

/* the new user and mount namespaces, with their id maps */
static void root_namespaces(void)
{
    struct root_idplan plan;
    root_plan_ids(&plan);
    int go[2] = {-1, -1}, done[2] = {-1, -1};
    pid_t helper = -1;
    if (plan.kind != ROOT_MAP_SINGLE) {
        if (pipe2(go, O_CLOEXEC) || pipe2(done, O_CLOEXEC))
            root_die(ROOT_FAIL, "pipe: %s", strerror(errno));
        pid_t me = getpid();
        fflush(NULL);
        helper = fork();
        if (helper < 0)
            root_die(ROOT_FAIL, "fork: %s", strerror(errno));
        if (helper == 0) {
            close(go[1]);
            close(done[0]);
            root_helper(&plan, me, go[0], done[1]);
        }
        close(go[0]);
        close(done[1]);
    }
    if (unshare(CLONE_NEWUSER | CLONE_NEWNS) != 0) {
        int e = errno;
        if (helper > 0) {
            close(go[1]);
            waitpid(helper, NULL, 0);
        }
        root_die(ROOT_FAIL, "cannot make a user namespace: %s (%s)", strerror(e),
                 e == ENOSPC ? "the user.max_user_namespaces limit"
                 : e == EPERM ? "user namespaces disabled here, or pvm itself runs in a chroot"
                              : "user namespaces unavailable");
    }
    if (helper > 0) {
        char c = 1, why[256] = "";
        ssize_t n = -1;
        if (write(go[1], &c, 1) == 1) {
            if (read(done[0], &c, 1) != 1)
                c = 1;
            n = read(done[0], why, sizeof why - 1);
        }
        why[n > 0 ? n : 0] = 0;
        close(go[1]);
        close(done[0]);
        waitpid(helper, NULL, 0);
        if (c) {
            /* nothing was written: the single map is still possible */
            snprintf(plan.why, sizeof plan.why, "%s", why[0] ? why : "the helper failed");
            plan.kind = ROOT_MAP_SINGLE;
        }
    }
    if (plan.kind == ROOT_MAP_SINGLE) {
        int e = root_map_single(&plan);
        if (e)
            root_die(ROOT_FAIL, "cannot write the user namespace's id maps: %s", strerror(e));
        if (plan.why[0])
            log_error("--root: only your own uid and gid are mapped (to 0) in the root, so chown "
                      "to other ids fails (%s)", plan.why);
    }
    if (log_on(DBG_exec)) {
        if (plan.kind == ROOT_MAP_ALL)
            log_printf("root-ids: 0-%lu mapped to themselves\n", ROOT_ALL_IDS - 1);
        else if (plan.kind == ROOT_MAP_SUB)
            log_printf("root-ids: 0 -> uid %u gid %u; 1-%lu -> uids %lu..., 1-%lu -> gids %lu...\n",
                       (unsigned)plan.uid, (unsigned)plan.gid, plan.uc, plan.us, plan.gc, plan.gs);
        else
            log_printf("root-ids: 0 -> uid %u gid %u only\n", (unsigned)plan.uid, (unsigned)plan.gid);
    }
}

/* ---- the mounts ---- */

/* binds the host's /WHAT onto DIR/WHAT; false when the root has no such
 * directory (nothing is made in the root) */
static bool root_bind(const char *dir, const char *what)
{
    char to[PATH_MAX];
    snprintf(to, sizeof to, "%s/%s", dir, what);
    if (!root_is_real_dir(to))
        return false;
    char from[16];
    snprintf(from, sizeof from, "/%s", what);
    if (mount(from, to, NULL, MS_BIND | MS_REC, NULL) != 0)
        root_die(ROOT_FAIL, "cannot bind %s into the root: %s", from, strerror(errno));
    return true;
}

/* The private binfmt_misc instance with pvm-static's entry; 0, or why not
 * into why (the fallback's line). */
static int root_binfmt(const char *dir, bool have_proc, const char *interp, char *why, size_t cap)
{
    char bm[PATH_MAX];
    snprintf(bm, sizeof bm, "%s" ROOT_BINFMT_DIR, dir);
    if (!have_proc) {
        snprintf(why, cap, "the root has no /proc directory to mount binfmt_misc in");
        return -1;
    }
    /* the host's procfs now: its directories are the kernel's */
    if (!root_is_dir(bm)) {
        snprintf(why, cap, "the root has no %s to mount binfmt_misc at", ROOT_BINFMT_DIR);
        return -1;
    }
    if (mount("binfmt_misc", bm, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) != 0) {
        snprintf(why, cap, "no binfmt_misc instance of a user namespace (Linux 6.7 or later): %s",
                 strerror(errno));
        return -1;
    }
    int e = binfmt_register_in(bm, BINFMT_DEFAULT_NAME, interp,
                               BINFMT_FLAG_P | BINFMT_FLAG_O | BINFMT_FLAG_F);
    if (e) {
        snprintf(why, cap, "registering pvm-static in the private binfmt_misc: %s", strerror(e));
        umount2(bm, MNT_DETACH);
        return -1;
    }
    return 0;
}

/* DIR becomes the mount namespace's root; the old root is detached, so
 * nothing outside DIR has a path any more */
static void root_pivot(const char *dir)
{
    if (chdir(dir) != 0)
        root_die(ROOT_FAIL, "%s: %s", log_str(dir), strerror(errno));
    if (syscall(SYS_pivot_root, ".", ".") != 0)
        root_die(ROOT_FAIL, "pivot_root into %s: %s", log_str(dir), strerror(errno));
    if (umount2(".", MNT_DETACH) != 0)
        root_die(ROOT_FAIL, "detaching the old root: %s", strerror(errno));
    if (chdir("/") != 0)
        root_die(ROOT_FAIL, "chdir /: %s", strerror(errno));
}

/* the working directory inside: where the caller was, seen from inside
 * (its path under DIR, or the same path when the root has it), else / */
static void root_cwd_plan(const char *dir, char *out, size_t cap)
{
    char cwd[PATH_MAX];
    snprintf(out, cap, "/");
    if (!getcwd(cwd, sizeof cwd))
        return;
    size_t dl = strlen(dir);
    if (!strncmp(cwd, dir, dl) && (cwd[dl] == '/' || !cwd[dl])) {
        snprintf(out, cap, "%s", cwd[dl] ? cwd + dl : "/");
        return;
    }
    char in[PATH_MAX * 2];
    snprintf(in, sizeof in, "%s%s", dir, cwd);
    if (root_is_dir(in))
        snprintf(out, cap, "%s", cwd);
}

/* ---- the program ---- */

static const char *root_env_get(const char *name)
{
    size_t n = strlen(name);
    for (char **e = opt.guest_envp; *e; e++)
        if (!strncmp(*e, name, n) && (*e)[n] == '=')
            return *e + n + 1;
    return NULL;
}

/* PROGRAM as a path inside the root: with a '/' as given, else the first
 * executable file of that name in the guest's PATH (as chroot(1) finds
 * its command) */
static const char *root_find_program(const char *prog)
{
    struct stat st;
    if (strchr(prog, '/')) {
        if (stat(prog, &st) != 0)
            root_die(errno == ENOENT || errno == ENOTDIR ? ROOT_MISSING : ROOT_NOEXEC, "%s: %s (inside %s)",
                     log_str(prog), strerror(errno), log_str(opt.root));
        return prog;
    }
    const char *path = root_env_get("PATH");
    char dirs[8192];
    static char found[PATH_MAX];
    snprintf(dirs, sizeof dirs, "%s", path && *path ? path : ROOT_DEFAULT_PATH);
    for (char *save, *d = strtok_r(dirs, ":", &save); d; d = strtok_r(NULL, ":", &save))
        if (snprintf(found, sizeof found, "%s/%s", d, prog) < (int)sizeof found &&
            stat(found, &st) == 0 && S_ISREG(st.st_mode) && access(found, X_OK) == 0)
            return found;
    root_die(ROOT_MISSING, "%s: command not found in the root's PATH (inside %s)", log_str(prog),
             log_str(opt.root));
}

static void root_env_put(const char *kv, void *ctx)
{
    (void)ctx;
    options_guest_env_put(kv);
}

/* the kernel starts PROGRAM through the private entry */
static _Noreturn void root_exec_binfmt(const char *path)
{
    if (!options_inherited_env(root_env_put, NULL))
        root_die(ROOT_FAIL, "an inherited option has no PVM_* variable");
    execve(path, opt.guest_argv, opt.guest_envp);
    int e = errno;
    root_die(e == ENOENT ? ROOT_MISSING : ROOT_NOEXEC, "%s: %s", log_str(path), strerror(e));
}

/* pvm-static runs PROGRAM itself and follows exec itself, re-executing
 * through the descriptor it was started by (--self-fd). PROGRAM being a
 * script, its interpreter is what runs (the kernel's rules, 4 levels); a
 * program of another architecture is executed as it is. */
static _Noreturn void root_exec_self(int fd, const char *path)
{
    int argc = opt.guest_argc;
    char **argv = opt.guest_argv, *argv0 = argc > 0 ? argv[0] : (char *)path;
    for (int depth = 0;; depth++) {
        static char heads[5][512];
        char *head = heads[depth];
        int pf = open(path, O_RDONLY | O_CLOEXEC);
        ssize_t got = pf >= 0 ? read(pf, head, sizeof heads[0] - 1) : -1;
        if (pf >= 0)
            close(pf);
        if (got < 0)
            root_die(errno == ENOENT ? ROOT_MISSING : ROOT_NOEXEC, "%s: %s", log_str(path), strerror(errno));
        head[got] = 0;
        char *interp, *arg;
        if (!shebang_parse(head, (size_t)got, &interp, &arg))
            break;
        if (depth == 4)
            root_die(ROOT_NOEXEC, "%s: %s", log_str(path), strerror(ELOOP));
        /* the interpreter's argv: interp [arg] script args... */
        char **nv = calloc((size_t)argc + 4, sizeof *nv);
        if (!nv)
            log_fatal("out of memory");
        int n = 0;
        nv[n++] = interp;
        if (arg)
            nv[n++] = arg;
        nv[n++] = (char *)path;
        for (int k = 1; k < argc; k++)
            nv[n++] = argv[k];
        argv = nv;
        argc = n;
        argv0 = interp;
        path = interp;
    }
    unsigned char ehdr[20];
    int pf = open(path, O_RDONLY | O_CLOEXEC);
    bool a64 = pf >= 0 && pread(pf, ehdr, sizeof ehdr, 0) == (ssize_t)sizeof ehdr &&
               !memcmp(ehdr, ELFMAG, SELFMAG) && ehdr[18] == (EM_AARCH64 & 0xff) && ehdr[19] == 0;
    if (pf >= 0)
        close(pf);
    if (!a64 && pf >= 0 && !memcmp(ehdr, ELFMAG, SELFMAG)) {
        execve(path, argv, opt.guest_envp);
        root_die(errno == ENOENT ? ROOT_MISSING : ROOT_NOEXEC, "%s: %s", log_str(path), strerror(errno));
    }
    int n = 0, cap = opt.inherit_argc + argc + 8;
    char **v = calloc((size_t)cap, sizeof *v), selfopt[32];
    if (!v)
        log_fatal("out of memory");
    snprintf(selfopt, sizeof selfopt, "--self-fd=%d", fd);
    v[n++] = "pvm";
    v[n++] = selfopt;
    for (int k = 0; k < opt.inherit_argc; k++)
        v[n++] = opt.inherit_argv[k];
    v[n++] = "-0";
    v[n++] = argv0;
    v[n++] = "--";
    v[n++] = (char *)path;
    for (int k = 1; k < argc; k++)
        v[n++] = argv[k];
    v[n] = NULL;
    fcntl(fd, F_SETFD, 0);
    syscall(SYS_execveat, fd, "", v, opt.guest_envp, AT_EMPTY_PATH);
    root_die(ROOT_FAIL, "cannot execute pvm-static: %s", strerror(errno));
}

_Noreturn int root_run(void)
{
    char dir[PATH_MAX];
    struct stat st;
    if (stat(opt.root, &st) != 0)
        root_die(ROOT_USAGE, "%s: %s", log_str(opt.root), strerror(errno));
    if (!S_ISDIR(st.st_mode))
        root_die(ROOT_USAGE, "%s: %s", log_str(opt.root), strerror(ENOTDIR));
    if (!realpath(opt.root, dir))
        root_die(ROOT_USAGE, "%s: %s", log_str(opt.root), strerror(errno));
    char interp[PATH_MAX], cwd[PATH_MAX];
    int self = root_open_static(interp);
    root_cwd_plan(dir, cwd, sizeof cwd);

    root_namespaces();
    if (mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL) != 0)
        root_die(ROOT_FAIL, "making the mounts private: %s", strerror(errno));
    if (mount(dir, dir, NULL, MS_BIND | MS_REC, NULL) != 0)
        root_die(ROOT_FAIL, "cannot bind %s onto itself: %s", log_str(dir), strerror(errno));
    bool have_proc = root_bind(dir, "proc");
    root_bind(dir, "dev");
    root_bind(dir, "sys");
    char why[512] = "";
    bool kernel = false;
    if (opt.root_binfmt == 0)
        snprintf(why, sizeof why, "binfmt_misc not used (--root-binfmt no)");
    else
        kernel = root_binfmt(dir, have_proc, interp, why, sizeof why) == 0;
    root_pivot(dir);
    if (chdir(cwd) != 0 && chdir("/") != 0)
        root_die(ROOT_FAIL, "chdir /: %s", strerror(errno));
    /* every pvm in the root opens -D's FILE inside it: one place for all */
    if (opt.log_file && opt.log_file[0] != '/') {
        char here[PATH_MAX], *abs = NULL;
        if (getcwd(here, sizeof here) && asprintf(&abs, "%s%s%s", here, strcmp(here, "/") ? "/" : "",
                                                  opt.log_file) > 0)
            options_set_log_file(abs);
    }
    const char *path = root_find_program(opt.program);
    if (log_on(DBG_exec))
        log_printf("root: %s, %s; program %s\n", log_str(dir),
                   kernel ? "private binfmt_misc instance, entry " BINFMT_DEFAULT_NAME " (flags POF)"
                          : "pvm follows exec itself", log_str(path));
    if (kernel) {
        close(self);
        root_exec_binfmt(path);
    }
    log_error("--root: %s; pvm follows exec itself (programs run by a non-arm64 program in the "
              "root cannot start arm64 ones)", why);
    root_exec_self(self, path);
}

/* execve. It decides by the file's first bytes:
 * an AArch64 ELF re-executes pvm (with the inherited options, see
 * docs/usage.md) through the descriptor pvm keeps on its own binary
 * (selfexe.h: execveat(fd, "", AT_EMPTY_PATH), so no host path of pvm's is
 * needed: chroots, containers, no /proc), or, where pvm found no binary of
 * its own, is handed to the host kernel as it is (a binfmt_misc
 * registration runs it, as under qemu-user); "#!" follows the kernel's
 * rules (interpreter, one optional argument, the script path, the
 * remaining arguments; nesting limit 4);
 * an x86-64 ELF is executed natively; pvm's own files (the -D log, by
 * identity, fdtab.h) are refused. Errors reach the guest as the kernel
 * would report them, and the guest keeps running.
 * Threads: the other guest threads run on while one execs (everything
 * here is the caller's own: strings, the classification, the argument
 * vectors; the limits are read under their locks). A successful host
 * execve ends every other host thread, so every other guest thread, as
 * the kernel's de_thread does, and the new pvm starts with one thread,
 * its tid the pid (the kernel gives the exec'ing thread the leader's id).
 * No lock of pvm's is held across the host execve: a vfork child shares
 * its parent's memory and would leave it locked there. Two threads may
 * exec at once; the first host execve to succeed wins. */
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/shebang.h"
#include "core/log.h"
#include "core/threads.h"
#include "core/options.h"
#include "core/path.h"
#include "interp/block.h"
#include "signals/safe_syscall.h"
#include "syscalls/fdtab.h"
#include "syscalls/futex.h"
#include "syscalls/proc_state.h"
#include "core/binfmt_start.h"
#include "syscalls/procfs.h"
#include "syscalls/selfexe.h"
#include "syscalls/strace.h"
#include "core/process.h"
#include "syscalls/syscall.h"

#define EXEC_MAX_STRINGS 65536
#define EXEC_MAX_BYTES (2u << 20) /* the kernel's default ARG_MAX-like bound */
#define EXEC_MAX_NEST 4

/* ---- execve ---- */

struct strvec {
    char **v;
    int n, cap;
    size_t bytes;
};

static bool strvec_push(struct strvec *s, const char *str)
{
    if (s->n + 2 > s->cap) {
        s->cap = s->cap * 2 + 16;
        char **nv = realloc(s->v, (size_t)s->cap * sizeof *nv);
        if (!nv)
            return false;
        s->v = nv;
    }
    s->v[s->n] = strdup(str);
    if (!s->v[s->n])
        return false;
    s->bytes += strlen(str) + 1 + sizeof(char *);
    s->v[++s->n] = NULL;
    return true;
}

static void strvec_free(struct strvec *s)
{
    for (int k = 0; k < s->n; k++)
        free(s->v[k]);
    free(s->v);
    *s = (struct strvec){0};
}

/* Copies a guest NULL-terminated array of strings. */
static int64_t exec_copy_vec(uint64_t ga, struct strvec *out)
{
    char *buf = malloc(EXEC_MAX_BYTES);
    if (!buf)
        return -ENOMEM;
    int64_t r = 0;
    for (int k = 0; ga; k++) {
        uint64_t p;
        if (k >= EXEC_MAX_STRINGS) { r = -E2BIG; break; }
        if (!mem_copy_from_guest(&p, ga + 8 * (uint64_t)k, 8)) { r = -EFAULT; break; }
        if (!p)
            break;
        long n = mem_strncpy_from_guest(buf, p, EXEC_MAX_BYTES);
        if (n < 0) { r = n == -ENAMETOOLONG ? -E2BIG : n; break; }
        if (!strvec_push(out, buf)) { r = -ENOMEM; break; }
        if (out->bytes > EXEC_MAX_BYTES) { r = -E2BIG; break; }
    }
    free(buf);
    if (!r && !out->v) {
        out->v = calloc(1, sizeof *out->v); /* an empty, NULL-terminated vector */
        if (!out->v)
            r = -ENOMEM;
    }
    return r;
}

/* ---- the guest's loader variables, hidden from the host's loader ----
 * pvm is a dynamically linked host program: the host's ld.so would read a
 * guest's LD_PRELOAD, LD_LIBRARY_PATH, LD_AUDIT... when pvm re-executes
 * itself for the guest's execve (fakeroot preloads its arm64 library into
 * every program it runs), printing "cannot be preloaded" errors or, worse,
 * loading a host library of that name into pvm. So the exec'd pvm gets
 * each guest variable whose name starts with LD_ (and, to stay reversible,
 * one that starts with EXEC_ENV_PREFIX) under EXEC_ENV_PREFIX + its name,
 * with EXEC_ENV_MARK set; exec_take_env, at start-up, gives the guest its
 * environment back as it was. A native program the guest runs gets the
 * guest's variables as they are. */
#define EXEC_ENV_PREFIX "PVM_GUEST_"
#define EXEC_ENV_MARK "PVM_ENV_HIDDEN=1"

static bool exec_env_hidden(const char *s)
{
    return !strncmp(s, "LD_", 3) || !strncmp(s, EXEC_ENV_PREFIX, strlen(EXEC_ENV_PREFIX));
}

/* the renamed copy of envp for an exec'd pvm (false: out of memory) */
static bool exec_env_hide(const struct strvec *envp, struct strvec *out)
{
    bool ok = true;
    char *b = NULL;
    for (int k = 0; ok && k < envp->n; k++) {
        if (!exec_env_hidden(envp->v[k])) {
            ok = strvec_push(out, envp->v[k]);
            continue;
        }
        ok = asprintf(&b, "%s%s", EXEC_ENV_PREFIX, envp->v[k]) >= 0;
        ok = ok && strvec_push(out, b);
        free(b);
        b = NULL;
    }
    return ok && strvec_push(out, EXEC_ENV_MARK);
}

void exec_take_env(char **envp)
{
    bool marked = false;
    for (char **e = envp; e && *e; e++)
        marked |= !strcmp(*e, EXEC_ENV_MARK);
    if (!marked)
        return;
    size_t n = strlen(EXEC_ENV_PREFIX);
    char **out = envp;
    for (char **e = envp; *e; e++) {
        if (!strcmp(*e, EXEC_ENV_MARK))
            continue;
        *out++ = !strncmp(*e, EXEC_ENV_PREFIX, n) ? *e + n : *e;
    }
    *out = NULL;
}

/* EXEC_GUEST_KERNEL: an AArch64 program the host kernel should start
 * through the binfmt_misc entry that started this pvm (set-id under C, or
 * unreadable under O: binfmt_exec_by_kernel) */
enum exec_kind { EXEC_GUEST, EXEC_GUEST_KERNEL, EXEC_SCRIPT, EXEC_HOST };

/* Opens host path and classifies it; returns -errno as the kernel would. */
static int exec_classify(const char *host, char *head, size_t cap, size_t *got, enum exec_kind *kind)
{
    struct stat st;
    if (stat(host, &st) != 0)
        return -errno;
    if (fdtab_is_protected(&st)) /* one of pvm's files (fdtab.h) */
        return -EACCES;
    if (selfexe_guard(&st, AT_FDCWD, host, true)) /* pvm's binary through a /proc link */
        return -EACCES;
    if (S_ISDIR(st.st_mode) || !S_ISREG(st.st_mode))
        return -EACCES;
    if (access(host, X_OK) != 0)
        return -errno;
    int fd = open(host, O_RDONLY | O_CLOEXEC);
    if (fd < 0 && errno == EACCES && binfmt_exec_by_kernel(&st, false)) {
        *kind = EXEC_GUEST_KERNEL; /* execute-only: the kernel opens it for the next pvm (O) */
        return 0;
    }
    if (fd < 0)
        return -errno;
    ssize_t n = pread(fd, head, cap - 1, 0);
    close(fd);
    if (n < 0)
        return -errno;
    head[n] = 0;
    *got = (size_t)n;
    if (n >= 2 && head[0] == '#' && head[1] == '!') {
        *kind = EXEC_SCRIPT;
        return 0;
    }
    if ((size_t)n >= sizeof(Elf64_Ehdr) && !memcmp(head, ELFMAG, SELFMAG)) {
        const Elf64_Ehdr *eh = (const void *)head;
        if (eh->e_ident[EI_CLASS] == ELFCLASS64 && eh->e_machine == EM_AARCH64) {
            *kind = binfmt_exec_by_kernel(&st, true) ? EXEC_GUEST_KERNEL : EXEC_GUEST;
            return 0;
        }
        *kind = EXEC_HOST;
        return 0;
    }
    return -ENOEXEC;
}

void (*proc_exec_hook)(void);

static void exec_robust_one(struct cpu *t, void *ctx)
{
    (void)ctx;
    futex_robust_exit(t);
}

/* pvm re-executes itself through its kept descriptor (syscalls/selfexe.h)
 * for AArch64 program host: the host execve's -errno (it returns only on
 * failure) */
static long exec_reexec(struct cpu *c, int self, const char *host, struct strvec *argv,
                        struct strvec *envp)
{
    long e = -ENOMEM;
    /* argv[0] names no host path; the descriptor's number goes first,
     * so the next pvm finds it before anything else */
    char selfopt[32];
    snprintf(selfopt, sizeof selfopt, SELFEXE_OPTION "%d", self);
    struct strvec pv = {0};
    bool ok = strvec_push(&pv, SELFEXE_REEXEC_ARGV0) && strvec_push(&pv, selfopt);
    for (int k = 0; ok && k < opt.inherit_argc; k++)
        ok = strvec_push(&pv, opt.inherit_argv[k]);
    /* the new image's stack follows the RLIMIT_STACK the guest set since
     * (as the kernel sizes it at exec); a later -s overrides the first */
    char ss[32];
    uint64_t stack = proc_stack_limit_for_exec();
    if (ok && stack) {
        snprintf(ss, sizeof ss, "%llu", (unsigned long long)stack);
        ok = strvec_push(&pv, "-s") && strvec_push(&pv, ss);
    }
    /* a pvm that has forked tells the next one to keep pid prefixes
     * (strace_init takes the variable out of the guest's environment) */
    if (ok && strace_pid_prefix() && log_on(DBG_strace))
        ok = strvec_push(envp, STRACE_PIDS_ENV "=1");
    /* an ignored or blocked SIGSEGV/SIGBUS, which the host cannot hold */
    char sigenv[64];
    if (ok && sig_exec_env(c, sigenv, sizeof sigenv))
        ok = strvec_push(envp, sigenv);
    ok = ok && strvec_push(&pv, "-0") && strvec_push(&pv, argv->n ? argv->v[0] : "") &&
         strvec_push(&pv, "--") && strvec_push(&pv, host);
    for (int k = 1; ok && k < argv->n; k++)
        ok = strvec_push(&pv, argv->v[k]);
    struct strvec pe = {0};
    ok = ok && exec_env_hide(envp, &pe);
    if (ok)
        e = sig_hsys(SYS_execveat, self, (long)"", (long)pv.v, (long)pe.v, AT_EMPTY_PATH, 0);
    strvec_free(&pe);
    strvec_free(&pv);
    return e;
}

static int64_t exec_run(struct cpu *c, const char *guest_path, struct strvec *argv,
                        struct strvec *envp, int depth)
{
    char hostbuf[PATH_MAX];
    const char *host;
    /* /proc/self/exe is the guest program, not pvm (busybox re-executes
     * itself through it) */
    char norm[PATH_MAX];
    snprintf(norm, sizeof norm, "%s", guest_path);
    if (norm[0] == '/')
        procfs_normalize(norm);
    enum procfs_kind pk = norm[0] == '/' ? procfs_classify(norm) : PROCFS_NONE;
    if (pk == PROCFS_PVM_FD) /* /proc/self/fd/N of a pvm fd: not there */
        return -ENOENT;
    if (pk == PROCFS_EXE && procfs_exe_target(norm, hostbuf, sizeof hostbuf))
        host = hostbuf;
    else
        host = path_lookup(guest_path, hostbuf, sizeof hostbuf);
    if (!host)
        return -ENAMETOOLONG;
    char head[512];
    size_t got = 0;
    enum exec_kind kind = EXEC_HOST;
    int r = exec_classify(host, head, sizeof head, &got, &kind);
    if (r)
        return r;
    if (kind == EXEC_SCRIPT) {
        if (depth >= EXEC_MAX_NEST)
            return -ELOOP;
        char *interp, *arg;
        if (!shebang_parse(head, got, &interp, &arg))
            return -ENOEXEC;
        struct strvec nv = {0};
        bool ok = strvec_push(&nv, interp) && (!arg || strvec_push(&nv, arg)) &&
                  strvec_push(&nv, guest_path);
        for (int k = 1; ok && k < argv->n; k++)
            ok = strvec_push(&nv, argv->v[k]);
        int64_t rr = ok ? exec_run(c, interp, &nv, envp, depth + 1) : -ENOMEM;
        strvec_free(&nv);
        return rr;
    }
    if (proc_exec_hook)
        proc_exec_hook(); /* the engine's statistics of the image execve replaces */
    fflush(NULL);
    /* a vfork child's limits are its own, its memory its parent's */
    bool counted = !c->proc.vfork_child;
    int self = selfexe_fd();
    bool reexec = kind == EXEC_GUEST && self >= 0;
    fdtab_exec_prepare(counted, self, reexec);
    /* the kernel walks the robust list of every thread exec ends (and of
     * the exec'ing one): done just before the host call, which seldom
     * fails here (pvm checked the file); a failed execve leaves lists
     * walked, a difference noted in docs/design.md */
    threads_foreach(exec_robust_one, NULL);
    /* the host execve goes through the safe stub: a signal taken just
     * before it would otherwise be lost with this image (-ERESTARTNOINTR:
     * the guest's execve runs again after the signal) */
    long e = -ENOMEM;
    if (kind == EXEC_HOST) {
        e = sig_hsys(SYS_execve, (long)host, (long)argv->v, (long)envp->v, 0, 0, 0);
    } else if (!reexec) {
        /* no binary of pvm's to run: the host kernel gets the program
         * itself with the guest's argv and environment, and a binfmt_misc
         * registration runs it (a pvm started so reads its options from
         * PVM_* variables, and takes the two below out again) */
        bool ok = !(strace_pid_prefix() && log_on(DBG_strace)) ||
                  strvec_push(envp, STRACE_PIDS_ENV "=1");
        char sigenv[64];
        if (ok && sig_exec_env(c, sigenv, sizeof sigenv))
            ok = strvec_push(envp, sigenv);
        if (ok)
            e = sig_hsys(SYS_execve, (long)host, (long)argv->v, (long)envp->v, 0, 0, 0);
        if (e == -ENOEXEC && kind == EXEC_GUEST_KERNEL && self >= 0) {
            /* the entry that started this pvm is gone or disabled: run it
             * as any other AArch64 program */
            fdtab_exec_failed(counted, self, false);
            reexec = true;
            fdtab_exec_prepare(counted, self, true);
            e = exec_reexec(c, self, host, argv, envp);
        } else if (e == -ENOEXEC) {
            selfexe_note_noexec(host);
        }
    } else {
        e = exec_reexec(c, self, host, argv, envp);
    }
    fdtab_exec_failed(counted, self, reexec);
    return e;
}

static int64_t exec_common(struct cpu *c, uint64_t gpath, uint64_t gargv, uint64_t genvp)
{
    char path[PATH_MAX];
    long n = mem_strncpy_from_guest(path, gpath, sizeof path);
    if (n < 0)
        return n;
    if (n == 0)
        return -ENOENT;
    struct strvec argv = {0}, envp = {0};
    int64_t r = exec_copy_vec(gargv, &argv);
    if (!r)
        r = exec_copy_vec(genvp, &envp);
    if (!r)
        r = exec_run(c, path, &argv, &envp, 0);
    strvec_free(&argv);
    strvec_free(&envp);
    return r;
}

int64_t sys_execve(struct cpu *c, const uint64_t a[6]) { return exec_common(c, a[0], a[1], a[2]); }

int64_t sys_execveat(struct cpu *c, const uint64_t a[6])
{
    if ((int)a[0] != AT_FDCWD || a[4])
        return -ENOSYS; /* descriptor-relative exec: later */
    return exec_common(c, a[1], a[2], a[3]);
}

/* The --binfmt-* commands: pvm's entry in the kernel's binfmt_misc table
 * at BINFMT_DIR (its text: core/binfmt_entry.c). register and unregister
 * mount binfmt_misc there first when it is not (nosuid, nodev, noexec, as
 * systemd and binfmt-support do; it stays mounted); status only reads.
 * register refuses, and changes nothing, when another enabled entry already
 * selects AArch64 programs (the kernel would pick whichever it meets first,
 * which is not the admin's choice), naming it and how to disable it; an
 * entry of the same name with the same interpreter, flags and magic is
 * success (so registering twice is harmless), any other is a refusal.
 * Every refusal is one "pvm: " line and status 1 (options.c's usage errors
 * are status 2). Names and paths the kernel shows are escaped (log_str):
 * another entry's interpreter is anybody's text. */
#include "engine/binfmt.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/magic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "core/binfmt_entry.h"
#include "core/binfmt_start.h"
#include "core/log.h"
#include "core/options.h"

/* the kernel's bound on a register line (MAX_REGISTER_LENGTH) */
#define BINFMT_REGISTER_MAX 1920

struct binfmt_item {
    char name[256];
    bool parsed; /* false: the text was not an entry's (shown, never trusted) */
    struct binfmt_entry e;
};

struct binfmt_items {
    struct binfmt_item *v;
    size_t n;
};

static const char *binfmt_cmd_name(void)
{
    switch (opt.binfmt_cmd) {
    case OPT_BINFMT_REGISTER: return "--binfmt-register";
    case OPT_BINFMT_UNREGISTER: return "--binfmt-unregister";
    default: return "--binfmt-status";
    }
}

static const char *binfmt_name(void) { return opt.binfmt_name ? opt.binfmt_name : BINFMT_DEFAULT_NAME; }

/* a whole small file (the kernel's entry texts fit in a page) */
static ssize_t binfmt_read(const char *path, char *buf, size_t cap)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    size_t got = 0;
    while (got + 1 < cap) {
        ssize_t r = read(fd, buf + got, cap - 1 - got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        got += (size_t)r;
    }
    close(fd);
    buf[got] = 0;
    return (ssize_t)got;
}

/* writes s to path in one write(2); returns 0 or the errno */
static int binfmt_write(const char *path, const char *s)
{
    int fd = open(path, O_WRONLY | O_CLOEXEC);
    if (fd < 0)
        return errno;
    ssize_t n = write(fd, s, strlen(s));
    int err = n < 0 ? errno : (size_t)n != strlen(s) ? EIO : 0;
    close(fd);
    return err;
}

/* 1: binfmt_misc is mounted at BINFMT_DIR; 0: the directory is there
 * without it; -1: there is no such directory (errno) */
static int binfmt_mounted(void)
{
    struct statfs sf;
    if (statfs(BINFMT_DIR, &sf) != 0)
        return -1;
    return sf.f_type == BINFMTFS_MAGIC ? 1 : 0;
}

static int binfmt_refuse_perm(const char *what)
{
    log_error("%s: permission denied (EPERM): %s needs root", binfmt_cmd_name(), what);
    return 1;
}

/* mounts binfmt_misc at BINFMT_DIR unless it is there; 0 or the status */
static int binfmt_mount(void)
{
    int m = binfmt_mounted();
    if (m == 1)
        return 0;
    if (m < 0) {
        log_error("binfmt_misc is unavailable: %s: %s (no /proc here, or a kernel without "
                  "binfmt_misc: modprobe binfmt_misc)", BINFMT_DIR, strerror(errno));
        return 1;
    }
    if (mount("binfmt_misc", BINFMT_DIR, "binfmt_misc", MS_NOSUID | MS_NODEV | MS_NOEXEC, NULL) == 0)
        return 0;
    int err = errno;
    if ((err == EPERM || err == EACCES) && geteuid() != 0)
        return binfmt_refuse_perm("mounting binfmt_misc");
    if (err == ENODEV) {
        log_error("binfmt_misc is unavailable: the kernel has no binfmt_misc file system "
                  "(modprobe binfmt_misc)");
        return 1;
    }
    log_error("binfmt_misc is unavailable: cannot mount it at %s: %s%s", BINFMT_DIR, strerror(err),
              err == EPERM ? " (in a user namespace this needs Linux 6.7 or later)" : "");
    return 1;
}

static int binfmt_item_cmp(const void *a, const void *b)
{
    return strcmp(((const struct binfmt_item *)a)->name, ((const struct binfmt_item *)b)->name);
}

/* every entry of the mounted table, sorted by name; false: unreadable */
static bool binfmt_list(struct binfmt_items *out)
{
    out->v = NULL;
    out->n = 0;
    DIR *d = opendir(BINFMT_DIR);
    if (!d) {
        log_error("cannot read %s: %s", BINFMT_DIR, strerror(errno));
        return false;
    }
    size_t cap = 0;
    for (struct dirent *de; (de = readdir(d));) {
        const char *n = de->d_name;
        if (!strcmp(n, ".") || !strcmp(n, "..") || !strcmp(n, "register") || !strcmp(n, "status") ||
            strlen(n) >= sizeof out->v->name)
            continue;
        if (out->n == cap) {
            cap = cap * 2 + 8;
            struct binfmt_item *v = realloc(out->v, cap * sizeof *v);
            if (!v)
                log_fatal("out of memory");
            out->v = v;
        }
        struct binfmt_item *it = &out->v[out->n];
        char path[PATH_MAX], text[8192];
        snprintf(it->name, sizeof it->name, "%s", n);
        snprintf(path, sizeof path, "%s/%s", BINFMT_DIR, n);
        it->parsed = binfmt_read(path, text, sizeof text) > 0 && binfmt_entry_parse(text, &it->e);
        out->n++;
    }
    closedir(d);
    if (out->n)
        qsort(out->v, out->n, sizeof *out->v, binfmt_item_cmp);
    return true;
}

static const struct binfmt_item *binfmt_find(const struct binfmt_items *l, const char *name)
{
    for (size_t k = 0; k < l->n; k++)
        if (!strcmp(l->v[k].name, name))
            return &l->v[k];
    return NULL;
}

/* the enabled entries other than name that select AArch64 programs */
static size_t binfmt_rivals(const struct binfmt_items *l, const char *name,
                            const struct binfmt_item **first)
{
    size_t n = 0;
    *first = NULL;
    for (size_t k = 0; k < l->n; k++) {
        const struct binfmt_item *it = &l->v[k];
        if (strcmp(it->name, name) && it->parsed && it->e.enabled && binfmt_entry_claims_a64(&it->e)) {
            if (!n)
                *first = it;
            n++;
        }
    }
    return n;
}

/* The interpreter to register: --path (made absolute), else pvm-static
 * beside this pvm when there is one (a static binary runs in any chroot or
 * container), else this pvm. out has PATH_MAX bytes. With --print the path
 * need not exist (dist/'s files name where make install puts pvm). */
static bool binfmt_interp(char *out)
{
    const char *given = opt.binfmt_path;
    if (given && opt.binfmt_print >= 0 && given[0] == '/') {
        if (strlen(given) >= PATH_MAX) {
            log_error("%s: %s", log_str(given), strerror(ENAMETOOLONG));
            return false;
        }
        memcpy(out, given, strlen(given) + 1);
        return true;
    }
    if (!given) {
        /* a registration is made on the host, where /proc is */
        if (!realpath("/proc/self/exe", out)) {
            log_error("cannot find pvm's own binary (/proc/self/exe): %s", strerror(errno));
            return false;
        }
        char cand[PATH_MAX];
        int dir = (int)(strrchr(out, '/') - out);
        struct stat st;
        int n = snprintf(cand, sizeof cand, "%.*s/pvm-static", dir, out);
        if (n > 0 && n < (int)sizeof cand && stat(cand, &st) == 0 && S_ISREG(st.st_mode) &&
            access(cand, X_OK) == 0)
            memcpy(out, cand, (size_t)n + 1);
    } else if (!realpath(given, out)) {
        log_error("%s: %s", log_str(given), strerror(errno));
        return false;
    }
    struct stat st;
    if (stat(out, &st) != 0 || !S_ISREG(st.st_mode) || access(out, X_OK) != 0) {
        log_error("%s: not an executable file", log_str(out));
        return false;
    }
    /* an AArch64 interpreter would have the kernel look for one again */
    unsigned char head[64];
    int fd = open(out, O_RDONLY | O_CLOEXEC);
    ssize_t n = fd >= 0 ? pread(fd, head, sizeof head, 0) : -1;
    if (fd >= 0)
        close(fd);
    if (n > 0 && binfmt_start_is_a64(head, (size_t)n)) {
        log_error("%s: an AArch64 program cannot be the interpreter of AArch64 programs", log_str(out));
        return false;
    }
    return true;
}

static void binfmt_describe(FILE *f, const struct binfmt_item *it)
{
    char fl[5];
    binfmt_flags_str(it->e.flags, fl);
    fprintf(f, "%s (%s, interpreter %s, flags %s)", log_str(it->name),
            it->e.enabled ? "enabled" : "disabled", log_str(it->e.interpreter), fl[0] ? fl : "none");
}

static int binfmt_register(void)
{
    const char *name = binfmt_name();
    unsigned flags = (unsigned)(opt.binfmt_flags >= 0 ? opt.binfmt_flags
                                                      : binfmt_flags_parse(BINFMT_DEFAULT_FLAGS));
    char interp[PATH_MAX], text[4096];
    if (!binfmt_interp(interp))
        return 1;
    if (opt.binfmt_print >= 0) {
        int n = binfmt_format((enum binfmt_format)opt.binfmt_print, text, sizeof text, name, interp, flags);
        if (n < 0) {
            log_error("%s: cannot be written in a binfmt_misc entry (a ':' or a control byte)",
                      log_str(interp));
            return 1;
        }
        printf("%s%s", text, opt.binfmt_print == BINFMT_FMT_REGISTER ? "\n" : "");
        return 0;
    }
    int n = binfmt_format(BINFMT_FMT_REGISTER, text, sizeof text, name, interp, flags);
    if (n < 0 || n >= BINFMT_REGISTER_MAX) {
        log_error("%s: cannot be written in a binfmt_misc entry (a ':' or a control byte, or too long)",
                  log_str(interp));
        return 1;
    }
    int st = binfmt_mount();
    if (st)
        return st;
    struct binfmt_items l;
    if (!binfmt_list(&l))
        return 1;
    const struct binfmt_item *rival;
    size_t nr = binfmt_rivals(&l, name, &rival);
    const struct binfmt_item *same = binfmt_find(&l, name);
    char fl[5];
    binfmt_flags_str(flags, fl);
    st = 0;
    if (nr) {
        char more[96] = "";
        if (nr > 1)
            snprintf(more, sizeof more, " (and %zu more: pvm --binfmt-status lists them)", nr - 1);
        log_error("binfmt_misc entry %s (interpreter %s) already runs AArch64 programs%s; disable it "
                  "first: echo 0 > %s/%s (or update-binfmts --disable %s)",
                  log_str(rival->name), log_str(rival->e.interpreter), more, BINFMT_DIR,
                  log_str(rival->name), log_str(rival->name));
        st = 1;
    } else if (same && same->parsed && binfmt_entry_is_pvms(&same->e) && same->e.flags == flags &&
               !strcmp(same->e.interpreter, interp) && same->e.enabled) {
        printf("%s is already registered: interpreter %s, flags %s (%s/%s)\n", name,
               log_str(interp), fl[0] ? fl : "none", BINFMT_DIR, name);
    } else if (same) {
        log_error("binfmt_misc entry %s exists with another interpreter, flags or magic, or "
                  "disabled; remove it first: pvm --binfmt-unregister --name %s", name, name);
        st = 1;
    } else {
        char path[PATH_MAX];
        snprintf(path, sizeof path, "%s/register", BINFMT_DIR);
        int err = binfmt_write(path, text);
        if (err == EACCES || err == EPERM) {
            st = binfmt_refuse_perm("registering a binfmt_misc handler");
        } else if (err) {
            log_error("the kernel refused entry %s: %s%s", name, strerror(err),
                      err == ENOENT ? " (the interpreter is missing)" : "");
            st = 1;
        } else {
            printf("registered %s: interpreter %s, flags %s (%s/%s)\n", name, log_str(interp),
                   fl[0] ? fl : "none", BINFMT_DIR, name);
        }
    }
    if (!st) {
        char stat_text[64];
        if (binfmt_read(BINFMT_DIR "/status", stat_text, sizeof stat_text) > 0 &&
            !strncmp(stat_text, "disabled", 8))
            printf("note: binfmt_misc itself is disabled: echo 1 > %s/status\n", BINFMT_DIR);
    }
    free(l.v);
    return st;
}

static int binfmt_unregister(void)
{
    const char *name = binfmt_name();
    int st = binfmt_mount();
    if (st)
        return st;
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s", BINFMT_DIR, name);
    struct stat sb;
    if (stat(path, &sb) != 0) {
        printf("%s is not registered (nothing to remove)\n", name);
        return 0;
    }
    int err = binfmt_write(path, "-1");
    if (err == EACCES || err == EPERM)
        return binfmt_refuse_perm("removing a binfmt_misc handler");
    if (err) {
        log_error("cannot remove binfmt_misc entry %s: %s", name, strerror(err));
        return 1;
    }
    printf("unregistered %s\n", name);
    return 0;
}

static int binfmt_status(void)
{
    const char *name = binfmt_name();
    printf("entry: %s (%s/%s)\n", name, BINFMT_DIR, name);
    int m = binfmt_mounted();
    if (m != 1) {
        printf("state: unknown\nbinfmt_misc: not mounted at %s\n", BINFMT_DIR);
        return 3;
    }
    struct binfmt_items l;
    if (!binfmt_list(&l))
        return 1;
    int st = 0;
    const struct binfmt_item *it = binfmt_find(&l, name);
    if (!it) {
        printf("state: not registered\n");
        st = 3;
    } else if (!it->parsed) {
        printf("state: unreadable\n");
        st = 1;
    } else {
        char fl[5];
        binfmt_flags_str(it->e.flags, fl);
        printf("state: %s\ninterpreter: %s\nflags: %s\n", it->e.enabled ? "enabled" : "disabled",
               log_str(it->e.interpreter), fl[0] ? fl : "none");
        if (binfmt_entry_is_pvms(&it->e))
            printf("magic: pvm's (AArch64 ELF programs, ET_EXEC and ET_DYN)\n");
        else if (it->e.is_magic)
            printf("magic: not pvm's (offset %d, %zu bytes)%s\n", it->e.offset, it->e.size,
                   binfmt_entry_claims_a64(&it->e) ? ", selects AArch64 programs" : "");
        else
            printf("magic: none (an extension entry)\n");
        if (!it->e.enabled)
            st = 3;
    }
    char stat_text[64];
    bool on = binfmt_read(BINFMT_DIR "/status", stat_text, sizeof stat_text) > 0 &&
              !strncmp(stat_text, "enabled", 7);
    printf("binfmt_misc: %s at %s\n", on ? "enabled" : "disabled", BINFMT_DIR);
    if (!on && !st)
        st = 3;
    for (size_t k = 0; k < l.n; k++) {
        const struct binfmt_item *o = &l.v[k];
        if (!strcmp(o->name, name) || !o->parsed || !binfmt_entry_claims_a64(&o->e))
            continue;
        printf("other handler of AArch64 programs: ");
        binfmt_describe(stdout, o);
        printf("\n");
    }
    free(l.v);
    return st;
}

int binfmt_register_in(const char *dir, const char *name, const char *interp, unsigned flags)
{
    char text[4096], path[PATH_MAX];
    int n = binfmt_format(BINFMT_FMT_REGISTER, text, sizeof text, name, interp, flags);
    if (n < 0 || n >= BINFMT_REGISTER_MAX)
        return EINVAL;
    if (snprintf(path, sizeof path, "%s/register", dir) >= (int)sizeof path)
        return ENAMETOOLONG;
    return binfmt_write(path, text);
}

int binfmt_command(void)
{
    if (opt.secure) {
        log_error("%s: refused: pvm runs with elevated privileges (set-user-ID, or AT_SECURE)",
                  binfmt_cmd_name());
        return 1;
    }
    int st;
    switch (opt.binfmt_cmd) {
    case OPT_BINFMT_REGISTER: st = binfmt_register(); break;
    case OPT_BINFMT_UNREGISTER: st = binfmt_unregister(); break;
    default: st = binfmt_status(); break;
    }
    fflush(stdout);
    return st;
}

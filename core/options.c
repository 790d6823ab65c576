/* Option parsing. The OPTIONS table is the one list: parse, --help, the
 * PVM_* environment variable of each option, and whether a re-executed child
 * pvm inherits it. Command-line options win over PVM_* variables. Spellings
 * follow qemu-user's where pvm has the feature (-strace, -cpu, -s, -version,
 * -help; -E/-U take comma-separated lists); QEMU_UNSUPPORTED lists qemu's
 * options pvm does not have, refused with one line and status 2. Option
 * text in a message is escaped (log_str): it may come from a PVM_* variable
 * a guest set for the pvm it execs. Started by binfmt_misc (core/binfmt_start.h)
 * pvm parses no options: argv is the kernel's. With elevated credentials
 * (opt.secure) no PVM_* variable is read and the options that would open or
 * write files with them, or show what the guest does, are ignored
 * (options_secure_ignores). The --binfmt-* commands and their --flags,
 * --name, --path and --print have no variable and no short form. --root
 * (engine/root.c) and --root-binfmt are taken only by a direct start: never
 * inherited, ignored in a pvm started by binfmt_misc or re-executed by pvm
 * (those run inside the root already), and taken out of the first
 * program's environment, so no pvm inside the root does the set-up again. */
#include "core/options.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/binfmt_entry.h"
#include "core/binfmt_start.h"
#include "core/cpumodel.h"
#include "core/log.h"

#ifndef PVM_VERSION
#define PVM_VERSION "0.1"
#endif

struct options opt;

/*  X(id, short, long, ENV, takes-arg, inherited, help) */
#define OPTIONS(X)                                                                           \
    X(LD_PREFIX, "-L", "--ld-prefix", "PVM_LD_PREFIX", 1, 1, "DIR: look guest absolute paths up under DIR first") \
    X(SET_ENV, "-E", "--set-env", "PVM_SET_ENV", 1, 0, "VAR=VALUE[,VAR=VALUE...]: set guest environment variables") \
    X(UNSET_ENV, "-U", "--unset-env", "PVM_UNSET_ENV", 1, 0, "VAR[,VAR...]: remove guest environment variables")   \
    X(ARGV0, "-0", "--argv0", "PVM_ARGV0", 1, 0, "ARGV0: argv[0] the guest sees")                              \
    X(STRACE, "-strace", "--strace", "PVM_STRACE", 0, 1, "log every guest system call (to -D or stderr)")       \
    X(STACK_SIZE, "-s", "--stack-size", "PVM_STACK_SIZE", 1, 1, "SIZE: guest stack size and RLIMIT_STACK (default 8M; K/M/G)") \
    X(CPU, "-cpu", "--cpu", "PVM_CPU", 1, 1, "MODEL: CPU model whose features the guest gets (-cpu help lists them)") \
    X(DEBUG, "-d", "--debug", "PVM_DEBUG", 1, 1, "AREAS: comma-separated debug areas (-d help lists them)")   \
    X(LOG_FILE, "-D", "--log-file", "PVM_LOG_FILE", 1, 1, "FILE: write debug output to FILE (appended)")          \
    X(RESERVE, "-R", "--reserve", "PVM_RESERVE", 1, 1, "SIZE: guest address space size (default 1T; K/M/G/T)") \
    X(JIT, NULL, "--jit", "PVM_JIT", 1, 1, "yes|no: translate hot guest code to x86-64 code (default yes); no: the interpreter only") \
    X(NO_JIT, NULL, "--no-jit", NULL, 0, 1, "the interpreter only (--jit no)") \
    X(JIT_THRESHOLD, NULL, "--jit-threshold", "PVM_JIT_THRESHOLD", 1, 1, "N: runs of a block before it is translated (default " OPTIONS_JIT_THRESHOLD_STR "; 0: before its first run)") \
    X(CHECK_JIT, NULL, "--check-jit", "PVM_CHECK_JIT", 0, 1, "run each translated block against the interpreter too and stop at the first difference (status 70; a debugging aid, slow)") \
    X(JIT_OFF, NULL, "--jit-off", "PVM_JIT_OFF", 1, 1, "NAME[,NAME...]: turn these translator speed-ups off, to measure them (--jit-off help lists them)") \
    X(CODE_CACHE, NULL, "--code-cache", "PVM_CODE_CACHE", 1, 1, "SIZE: translated code kept at most (default 256M; K/M/G); a full cache is flushed") \
    X(PERFMAP, NULL, "--perfmap", "PVM_PERFMAP", 0, 1, "append a line per translation (host address, size, guest pc) to /tmp/perf-PID.map, so perf report names translated guest code") \
    X(ROOT, NULL, "--root", "PVM_ROOT", 1, 0, "DIR: run PROGRAM inside DIR, an arm64 root, in a user and mount namespace of its own (no root privileges needed; docs/usage.md)") \
    X(ROOT_BINFMT, NULL, "--root-binfmt", "PVM_ROOT_BINFMT", 1, 0, "yes|no: with --root: a private binfmt_misc instance runs arm64 programs (default yes where the kernel has one); no: pvm follows exec itself") \
    X(BINFMT_REGISTER, NULL, "--binfmt-register", NULL, 0, 0, "register pvm as the kernel's binfmt_misc handler of AArch64 ELF programs (root)") \
    X(BINFMT_UNREGISTER, NULL, "--binfmt-unregister", NULL, 0, 0, "remove that binfmt_misc entry (root)") \
    X(BINFMT_STATUS, NULL, "--binfmt-status", NULL, 0, 0, "show the entry and other handlers of AArch64 programs (status 0: registered and enabled; 3: not)") \
    X(BINFMT_FLAGS, NULL, "--flags", NULL, 1, 0, "FLAGS: with --binfmt-register: the entry's flags, letters of POCF (default " BINFMT_DEFAULT_FLAGS ")") \
    X(BINFMT_NAME, NULL, "--name", NULL, 1, 0, "NAME: with a --binfmt command: the entry's name (default " BINFMT_DEFAULT_NAME ")") \
    X(BINFMT_PATH, NULL, "--path", NULL, 1, 0, "PATH: with --binfmt-register: the interpreter (default: pvm-static beside this pvm, else this pvm)") \
    X(BINFMT_PRINT, NULL, "--print", NULL, 1, 0, "FORMAT: with --binfmt-register: print the entry as FORMAT (register, conf, binfmts) instead of registering it")

/* qemu-user options pvm does not have: X(spelling, takes-arg in qemu); the
 * refusal is the same either way (the argument is never looked at). -R, -d,
 * -D, -L, -E, -U, -0, -s, -cpu, -strace, -h, -help, -version are pvm's too. */
#define QEMU_UNSUPPORTED(X)                                                  \
    X("-g", 1) X("-B", 1) X("-r", 1) X("-p", 1) X("-seed", 1) X("-trace", 1) \
    X("-plugin", 1) X("-dfilter", 1) X("-singlestep", 0) X("-one-insn-per-tb", 0)

enum {
#define X(id, s, l, e, a, i, h) OPTIDX_##id,
    OPTIONS(X)
#undef X
    OPT_NOPTS
};
static const struct {
    const char *s, *l, *env;
    int arg, inherit;
    const char *help;
} optdesc[] = {
#define X(id, s, l, e, a, i, h) {s, l, e, a, i, h},
    OPTIONS(X)
#undef X
};

/* fmt has one %s, for arg (escaped: it may come from a guest's PVM_*
 * variable or an exec'd guest's argv) */
static _Noreturn void usage_error(const char *fmt, const char *arg)
{
    char msg[LOG_STR_CAP + 256];
    snprintf(msg, sizeof msg, fmt, log_str(arg));
    log_error("%s (see pvm --help)", msg);
    exit(2);
}

/* What pvm ignores with elevated credentials (opt.secure), even on its
 * command line: -L would let the caller choose the files a privileged guest
 * reads (its libraries too), -D and --perfmap open and write files, -d and
 * --strace show what the privileged guest does (its reads included), and so
 * would --check-jit's report of a difference (the guest's registers and
 * code). */
static bool options_secure_ignores(int k)
{
    return k == OPTIDX_LD_PREFIX || k == OPTIDX_LOG_FILE || k == OPTIDX_DEBUG || k == OPTIDX_STRACE ||
           k == OPTIDX_PERFMAP || k == OPTIDX_CHECK_JIT;
}

static void print_help(void)
{
    printf("usage: pvm [options] PROGRAM [ARGS...]\n"
           "       pvm --root DIR [options] PROGRAM [ARGS...]\n"
           "       pvm --binfmt-register [--flags POCF] [--name NAME] [--path PATH] [--print FORMAT]\n"
           "       pvm --binfmt-unregister [--name NAME]\n"
           "       pvm --binfmt-status [--name NAME]\n"
           "Runs an AArch64 Linux program on this x86-64 host.\n\noptions:\n");
    for (int k = 0; k < OPT_NOPTS; k++) {
        if (k == OPTIDX_BINFMT_REGISTER) {
            printf("  %-24s this help\n  %-24s version\n", "-h, -help, --help", "-V, -version, --version");
            printf("\nbinfmt_misc (the kernel runs AArch64 programs with pvm; docs/usage.md):\n");
        }
        if (!optdesc[k].s && !optdesc[k].env) {
            printf("  %-24s %s\n", optdesc[k].l, optdesc[k].help);
            continue;
        }
        if (!optdesc[k].s) {
            printf("  %-24s %s\n      (environment: %s)\n", optdesc[k].l, optdesc[k].help, optdesc[k].env);
            continue;
        }
        char names[40];
        snprintf(names, sizeof names, "%s, %s", optdesc[k].s, optdesc[k].l);
        printf("  %-24s %s\n      (environment: %s%s%s)\n", names, optdesc[k].help, optdesc[k].env,
               optdesc[k].inherit ? "; inherited by exec'd guests" : "",
               options_secure_ignores(k) ? "; ignored with elevated privileges" : "");
    }
    printf("\nqemu-user options pvm does not have (refused with status 2):\n ");
#define X(sp, arg) printf(" %s%s", sp, (arg) ? " ARG" : "");
    QEMU_UNSUPPORTED(X)
#undef X
    printf("\n\nexit status: the guest's; 127 PROGRAM missing; 126 other load failure;\n"
           "2 usage error; 1 pvm failure; a guest killed by a signal kills pvm likewise.\n"
           "--binfmt-*: 0 done; 1 refused or failed; 2 usage error; 3 (status) not registered.\n");
}

static void print_version(void)
{
    printf("pvm %s (AArch64 Linux user-mode VM for x86-64)\n", PVM_VERSION);
}

/* a byte count with an optional K/M/G/T suffix (powers of 1024), within
 * [lo, hi]; range names the bounds for the message */
static uint64_t parse_size(const char *s, uint64_t lo, uint64_t hi, const char *range)
{
    char *end;
    errno = 0;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno || end == s || *s == '-')
        usage_error("bad size '%s'", s);
    unsigned sh = 0;
    switch (*end) {
    case 'k': case 'K': sh = 10; end++; break;
    case 'm': case 'M': sh = 20; end++; break;
    case 'g': case 'G': sh = 30; end++; break;
    case 't': case 'T': sh = 40; end++; break;
    default: break;
    }
    if (*end || v > (hi >> sh) || (v << sh) < lo) {
        log_error("bad size '%s' (%s) (see pvm --help)", log_str(s), range);
        exit(2);
    }
    return v << sh;
}

static void print_cpu_models(void)
{
    printf("CPU models (-cpu MODEL, PVM_CPU); features as advertised by pvm:\n");
    for (int k = 0; k < CPUMODEL_COUNT; k++) {
        const struct cpumodel *m = &cpumodel_table[k];
        printf("  %-12s CPU part 0x%03x:", m->name, m->part);
        cpumodel_print_features(stdout, m);
        printf("%s\n", k == CPUMODEL_MAX ? " (the default)" : "");
    }
}

static void parse_cpu(const char *s)
{
    if (!strcmp(s, "help")) {
        print_cpu_models();
        exit(0);
    }
    int m = cpumodel_find(s);
    if (m < 0) {
        log_error("unknown CPU model '%s' (known: %s)", log_str(s), cpumodel_names());
        exit(2);
    }
    opt.cpu = cpumodel_table[m].name;
    cpumodel_select(m);
}

/* the names a comma-separated option value takes, each with its bit (views
 * of the X tables DEBUG_AREAS and JIT_OPTS) */
struct opt_name {
    const char *name, *help;
    uint32_t bit;
};
static const struct opt_name debug_names[] = {
#define X(name, help) {#name, help, DBG_##name},
    DEBUG_AREAS(X)
#undef X
};
static const struct opt_name jit_off_names[] = {
#define X(name, help) {#name, help, JIT_OFF_##name},
    JIT_OPTS(X)
#undef X
};

/* the bits of a list like "a,b" of t's n names; "help" prints them under
 * title and exits, an unknown name is the usage error `unknown` (a format
 * taking the name) */
static uint32_t parse_names(const char *s, const struct opt_name *t, size_t n, int width, const char *title,
                            const char *unknown)
{
    if (!strcmp(s, "help")) {
        printf("%s:\n", title);
        for (size_t k = 0; k < n; k++)
            printf("  %-*s %s\n", width, t[k].name, t[k].help);
        exit(0);
    }
    uint32_t bits = 0;
    char buf[256];
    snprintf(buf, sizeof buf, "%s", s);
    for (char *save, *tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
        size_t k = 0;
        while (k < n && strcmp(tok, t[k].name))
            k++;
        if (k == n)
            usage_error(unknown, tok);
        bits |= t[k].bit;
    }
    return bits;
}

static void parse_debug(const char *s)
{
    opt.log_mask |= parse_names(s, debug_names, sizeof debug_names / sizeof debug_names[0], 8, "debug areas",
                                "unknown debug area '%s'");
}

static void parse_jit_off(const char *s)
{
    opt.jit_off |= parse_names(s, jit_off_names, sizeof jit_off_names / sizeof jit_off_names[0], 10,
                               "speed-ups --jit-off turns off", "unknown --jit-off name '%s' (--jit-off help lists them)");
}

/* environment list editing for -E/-U */
static char **env_list;
static int env_n, env_cap;

static void env_unset(const char *name)
{
    size_t nl = strlen(name);
    for (int k = 0; k < env_n; k++)
        if (!strncmp(env_list[k], name, nl) && env_list[k][nl] == '=') {
            memmove(&env_list[k], &env_list[k + 1], (size_t)(env_n - k) * sizeof *env_list);
            env_n--;
            k--;
        }
}

static void env_set(const char *kv)
{
    const char *eq = strchr(kv, '=');
    if (!eq || eq == kv)
        usage_error("-E needs VAR=VALUE, got '%s'", kv);
    char name[256];
    snprintf(name, sizeof name, "%.*s", (int)(eq - kv), kv);
    env_unset(name);
    if (env_n + 2 > env_cap) {
        env_cap = env_cap * 2 + 16;
        env_list = realloc(env_list, (size_t)env_cap * sizeof *env_list);
        if (!env_list)
            log_fatal("out of memory");
    }
    env_list[env_n++] = (char *)kv;
    env_list[env_n] = NULL;
}

static void inherit(const char *flag, const char *val)
{
    opt.inherit_argv = realloc(opt.inherit_argv, (size_t)(opt.inherit_argc + 3) * sizeof(char *));
    if (!opt.inherit_argv)
        log_fatal("out of memory");
    opt.inherit_argv[opt.inherit_argc++] = (char *)flag;
    if (val)
        opt.inherit_argv[opt.inherit_argc++] = (char *)val;
    opt.inherit_argv[opt.inherit_argc] = NULL;
}

/* calls fn on each non-empty comma-separated item of list (qemu's -E/-U and
 * QEMU_SET_ENV/QEMU_UNSET_ENV split the same way); the items are kept, as
 * the guest environment points into them */
static void options_each_item(const char *list, void (*fn)(const char *))
{
    char *copy = strdup(list);
    if (!copy)
        log_fatal("out of memory");
    for (char *save, *t = strtok_r(copy, ",", &save); t; t = strtok_r(NULL, ",", &save))
        fn(t);
}

static void options_binfmt_cmd(enum options_binfmt cmd, const char *spelling)
{
    if (opt.binfmt_cmd && opt.binfmt_cmd != cmd)
        usage_error("%s: only one --binfmt command at a time", spelling);
    opt.binfmt_cmd = cmd;
}

static void apply(int k, const char *val)
{
    if (opt.secure && options_secure_ignores(k))
        return;
    switch (k) {
    case OPTIDX_LD_PREFIX: opt.ld_prefix = val; break;
    case OPTIDX_SET_ENV: options_each_item(val, env_set); break;
    case OPTIDX_UNSET_ENV: options_each_item(val, env_unset); break;
    case OPTIDX_ARGV0: opt.argv0 = val; break;
    case OPTIDX_STRACE: opt.strace = true; opt.log_mask |= DBG_strace; break;
    case OPTIDX_STACK_SIZE:
        opt.stack_size = parse_size(val, OPTIONS_STACK_MIN, 1ull << 40, "64K..1T");
        opt.stack_size_given = true;
        break;
    case OPTIDX_CPU: parse_cpu(val); break;
    case OPTIDX_DEBUG: parse_debug(val); break;
    case OPTIDX_LOG_FILE: opt.log_file = val; break;
    case OPTIDX_RESERVE:
        opt.reserve = parse_size(val, OPTIONS_RESERVE_MIN, 1ull << 47, "256M..128T");
        opt.reserve_given = true;
        break;
    case OPTIDX_JIT:
        if (!strcmp(val, "yes") || !strcmp(val, "1"))
            opt.jit = true;
        else if (!strcmp(val, "no") || !strcmp(val, "0"))
            opt.jit = false;
        else
            usage_error("bad --jit '%s' (yes or no)", val);
        break;
    case OPTIDX_NO_JIT: opt.jit = false; break;
    case OPTIDX_JIT_THRESHOLD: {
        char *end;
        errno = 0;
        unsigned long n = strtoul(val, &end, 10);
        if (!*val || *end || errno || n > OPTIONS_JIT_THRESHOLD_MAX || val[0] == '-')
            usage_error("bad --jit-threshold '%s' (0..1000000)", val);
        opt.jit_threshold = (uint32_t)n;
        break;
    }
    case OPTIDX_CHECK_JIT: opt.check_jit = true; break;
    case OPTIDX_JIT_OFF: parse_jit_off(val); break;
    case OPTIDX_CODE_CACHE: opt.code_cache = parse_size(val, 1ull << 20, 1ull << 31, "1M..2G"); break;
    case OPTIDX_PERFMAP: opt.perfmap = true; break;
    case OPTIDX_ROOT: opt.root = val; break;
    case OPTIDX_ROOT_BINFMT:
        if (!strcmp(val, "yes") || !strcmp(val, "1"))
            opt.root_binfmt = 1;
        else if (!strcmp(val, "no") || !strcmp(val, "0"))
            opt.root_binfmt = 0;
        else
            usage_error("bad --root-binfmt '%s' (yes or no)", val);
        break;
    case OPTIDX_BINFMT_REGISTER: options_binfmt_cmd(OPT_BINFMT_REGISTER, "--binfmt-register"); break;
    case OPTIDX_BINFMT_UNREGISTER: options_binfmt_cmd(OPT_BINFMT_UNREGISTER, "--binfmt-unregister"); break;
    case OPTIDX_BINFMT_STATUS: options_binfmt_cmd(OPT_BINFMT_STATUS, "--binfmt-status"); break;
    case OPTIDX_BINFMT_FLAGS:
        opt.binfmt_flags = binfmt_flags_parse(val);
        if (opt.binfmt_flags < 0)
            usage_error("bad --flags '%s' (letters of POCF, each at most once)", val);
        break;
    case OPTIDX_BINFMT_NAME:
        if (!binfmt_name_ok(val))
            usage_error("bad --name '%s' (1 to 63 of A-Z a-z 0-9 . _ + -; not register or status)", val);
        opt.binfmt_name = val;
        break;
    case OPTIDX_BINFMT_PATH: opt.binfmt_path = val; break;
    case OPTIDX_BINFMT_PRINT:
        opt.binfmt_print = binfmt_format_parse(val);
        if (opt.binfmt_print < 0)
            usage_error("bad --print '%s' (register, conf or binfmts)", val);
        break;
    default: break;
    }
}

/* the command line of a direct start; returns the index of PROGRAM */
static int options_parse_cmdline(int argc, char **argv)
{
    int i = 1;
    for (; i < argc; i++) {
        const char *a = argv[i];
        if (a[0] != '-' || !strcmp(a, "-"))
            break;
        if (!strcmp(a, "--")) {
            i++;
            break;
        }
        /* pvm's own re-exec (syscalls/selfexe.h); checked there against
         * how this process was started, so a value given by hand does no
         * harm */
        if (!strncmp(a, "--self-fd=", 10)) {
            char *end;
            long n = strtol(a + 10, &end, 10);
            if (end == a + 10 || *end || n < 0 || n > INT_MAX)
                usage_error("bad descriptor in '%s'", a);
            opt.self_fd = (int)n;
            continue;
        }
        if (!strcmp(a, "-h") || !strcmp(a, "-help") || !strcmp(a, "--help")) {
            print_help();
            exit(0);
        }
        if (!strcmp(a, "-V") || !strcmp(a, "-version") || !strcmp(a, "--version")) {
            print_version();
            exit(0);
        }
        /* qemu also takes each option with two dashes */
#define X(sp, arg)                                               \
        if (!strcmp(a, sp) || (a[1] == '-' && !strcmp(a + 1, sp))) { \
            log_error("%s: not supported by pvm", log_str(a));       \
            exit(2);                                             \
        }
        QEMU_UNSUPPORTED(X)
#undef X
        int k = 0;
        const char *val = NULL;
        for (; k < OPT_NOPTS; k++) {
            size_t ll = strlen(optdesc[k].l);
            if ((optdesc[k].s && !strcmp(a, optdesc[k].s)) || !strcmp(a, optdesc[k].l))
                break;
            if (optdesc[k].arg && !strncmp(a, optdesc[k].l, ll) && a[ll] == '=') {
                val = a + ll + 1;
                break;
            }
        }
        if (k == OPT_NOPTS)
            usage_error("unknown option '%s'", a);
        if (optdesc[k].arg && !val) {
            if (i + 1 >= argc)
                usage_error("option '%s' needs an argument", a);
            val = argv[++i];
        }
        apply(k, val);
    }
    return i;
}

/* the --binfmt-* commands take no PROGRAM, and their options need them */
static void options_check_binfmt(int i, int argc, char **argv)
{
    if (!opt.binfmt_cmd) {
        if (opt.binfmt_flags >= 0 || opt.binfmt_name || opt.binfmt_path || opt.binfmt_print >= 0)
            usage_error("%s need --binfmt-register, --binfmt-unregister or --binfmt-status",
                        "--flags, --name, --path and --print");
        return;
    }
    if (i < argc)
        usage_error("unexpected argument '%s' after a --binfmt command", argv[i]);
    if (opt.binfmt_cmd != OPT_BINFMT_REGISTER &&
        (opt.binfmt_flags >= 0 || opt.binfmt_path || opt.binfmt_print >= 0))
        usage_error("%s are for --binfmt-register only", "--flags, --path and --print");
}

/* --root's company: what it cannot be given with; and where it is not the
 * user's (a pvm started by binfmt_misc or re-executed by pvm, which run
 * inside a root already and must not set one up again) it is dropped */
static void options_check_root(void)
{
    if (opt.by_binfmt || opt.self_fd >= 0) {
        opt.root = NULL;
        return;
    }
    if (!opt.root)
        return; /* --root-binfmt alone: nothing to say it of */
    if (!opt.root[0])
        usage_error("%s: empty DIR", "--root");
    if (opt.binfmt_cmd)
        usage_error("%s: not with a --binfmt command", "--root");
    if (opt.ld_prefix)
        usage_error("%s: not with -L (the root is where guest paths are looked up)", "--root");
    if (opt.secure)
        usage_error("%s: refused: pvm runs with elevated privileges (set-user-ID, or AT_SECURE)", "--root");
    /* the first program's environment: no pvm inside does the set-up again */
    env_unset("PVM_ROOT");
    env_unset("PVM_ROOT_BINFMT");
}

void options_parse(int argc, char **argv, char **envp)
{
    opt.reserve = OPTIONS_RESERVE;
    opt.jit = true;
    opt.jit_threshold = OPTIONS_JIT_THRESHOLD;
    opt.code_cache = OPTIONS_CODE_CACHE;
    opt.root_binfmt = -1;
    opt.stack_size = OPTIONS_STACK_SIZE;
    opt.binfmt_flags = opt.binfmt_print = -1;
    binfmt_start_detect(argc, argv);
    opt.secure = binfmt_started.secure;
    opt.by_binfmt = binfmt_started.by_binfmt;
    opt.exec_fd = binfmt_started.exec_fd;

    opt.self_fd = -1;
    opt.pvm_argv0 = argc > 0 ? argv[0] : "";

    /* the guest inherits the whole environment, PVM_* included (as QEMU_* are
     * under qemu-user), so a guest's children see the same settings */
    env_cap = 16;
    env_list = calloc((size_t)env_cap, sizeof *env_list);
    if (!env_list)
        log_fatal("out of memory");
    for (char **e = envp; *e; e++)
        if (strchr(*e, '='))
            env_set(*e);
    /* PVM_* variables first, so the command line overrides them; none
     * with elevated credentials: they are the unprivileged caller's */
    for (int k = 0; k < OPT_NOPTS && !opt.secure; k++) {
        const char *v = optdesc[k].env ? getenv(optdesc[k].env) : NULL;
        if (!v)
            continue;
        if (!optdesc[k].arg && (!*v || !strcmp(v, "0")))
            continue;
        apply(k, v);
    }
    int i;
    if (opt.by_binfmt) {
        /* the kernel's argv: [pvm, file, original argv0 (P only), args...];
         * without P the guest's argv[0] is the file, as under qemu */
        i = binfmt_started.preserve_argv0 ? 2 : 1;
        opt.program = argv[1];
        opt.execfn = binfmt_started.execfn;
        options_check_root();
    } else {
        i = options_parse_cmdline(argc, argv);
        options_check_root();
        options_check_binfmt(i, argc, argv);
        if (opt.binfmt_cmd)
            return;
        if (i >= argc)
            usage_error("%s", "no PROGRAM given");
        opt.program = argv[i];
    }
    opt.guest_argc = argc - i;
    opt.guest_argv = &argv[i];
    if (opt.argv0 && opt.guest_argc > 0) {
        char **v = malloc((size_t)(opt.guest_argc + 1) * sizeof *v);
        if (!v)
            log_fatal("out of memory");
        memcpy(v, opt.guest_argv, (size_t)(opt.guest_argc + 1) * sizeof *v);
        v[0] = (char *)opt.argv0;
        opt.guest_argv = v;
    }
    opt.guest_envp = env_list;
    /* without -s, a larger finite host RLIMIT_STACK sizes the stack, as
     * qemu-user does, so the limit the guest reads is a depth it can use
     * (capped where -s would be refused) */
    struct rlimit rl;
    if (!opt.stack_size_given && getrlimit(RLIMIT_STACK, &rl) == 0 &&
        rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur > opt.stack_size)
        opt.stack_size = rl.rlim_cur < opt.reserve / 8 ? rl.rlim_cur : opt.reserve / 8;
    if (opt.stack_size > opt.reserve / 8) {
        log_error("stack size %llu is more than 1/8 of the guest address space (-R)",
                  (unsigned long long)opt.stack_size);
        exit(2);
    }

    /* what an exec'd child pvm inherits, as explicit options */
    if (opt.ld_prefix)
        inherit("-L", opt.ld_prefix);
    if (opt.strace)
        inherit("--strace", NULL);
    if (opt.stack_size_given) {
        static char ss[32];
        snprintf(ss, sizeof ss, "%llu", (unsigned long long)opt.stack_size);
        inherit("-s", ss);
    }
    if (opt.cpu)
        inherit("-cpu", opt.cpu);
    if (opt.log_mask & ~DBG_strace) {
        static char dbg[256];
        dbg[0] = 0;
#define X(name, help)                                                  \
    if (opt.log_mask & DBG_##name & ~DBG_strace)                       \
        snprintf(dbg + strlen(dbg), sizeof dbg - strlen(dbg), "%s%s", dbg[0] ? "," : "", #name);
        DEBUG_AREAS(X)
#undef X
        inherit("-d", dbg);
    }
    if (opt.log_file)
        inherit("-D", opt.log_file);
    if (!opt.jit)
        inherit("--jit", "no");
    if (opt.jit_threshold != OPTIONS_JIT_THRESHOLD) {
        static char th[16];
        snprintf(th, sizeof th, "%u", opt.jit_threshold);
        inherit("--jit-threshold", th);
    }
    if (opt.check_jit)
        inherit("--check-jit", NULL);
    if (opt.jit_off) {
        static char off[128];
        off[0] = 0;
#define X(name, help)                                                  \
    if (opt.jit_off & JIT_OFF_##name)                                  \
        snprintf(off + strlen(off), sizeof off - strlen(off), "%s%s", off[0] ? "," : "", #name);
        JIT_OPTS(X)
#undef X
        inherit("--jit-off", off);
    }
    if (opt.code_cache != OPTIONS_CODE_CACHE) {
        static char cc[32];
        snprintf(cc, sizeof cc, "%llu", (unsigned long long)opt.code_cache);
        inherit("--code-cache", cc);
    }
    if (opt.perfmap)
        inherit("--perfmap", NULL);
    if (opt.reserve_given) {
        static char r[32];
        snprintf(r, sizeof r, "%llu", (unsigned long long)opt.reserve);
        inherit("-R", r);
    }
}

void options_reserve_chosen(uint64_t size)
{
    opt.reserve = size;
    if (opt.stack_size > size / 8)
        opt.stack_size = size / 8;
}

void options_set_ld_prefix(const char *dir)
{
    if (!opt.ld_prefix)
        inherit("-L", dir);
    opt.ld_prefix = dir;
}

void options_set_log_file(const char *path)
{
    for (int k = 0; k + 1 < opt.inherit_argc; k++)
        if (!strcmp(opt.inherit_argv[k], "-D"))
            opt.inherit_argv[k + 1] = (char *)path;
    opt.log_file = path;
}

/* the option optdesc names flag (a short or long spelling) */
static int options_find(const char *flag)
{
    for (int k = 0; k < OPT_NOPTS; k++)
        if ((optdesc[k].s && !strcmp(flag, optdesc[k].s)) || !strcmp(flag, optdesc[k].l))
            return k;
    return -1;
}

bool options_inherited_env(void (*fn)(const char *kv, void *ctx), void *ctx)
{
    for (int k = 0; k < opt.inherit_argc; k++) {
        int d = options_find(opt.inherit_argv[k]);
        if (d < 0 || !optdesc[d].env)
            return false;
        const char *val = "1";
        if (optdesc[d].arg) {
            if (k + 1 >= opt.inherit_argc)
                return false;
            val = opt.inherit_argv[++k];
        }
        size_t n = strlen(optdesc[d].env) + strlen(val) + 2;
        char *kv = malloc(n);
        if (!kv)
            log_fatal("out of memory");
        snprintf(kv, n, "%s=%s", optdesc[d].env, val);
        fn(kv, ctx);
    }
    return true;
}

void options_guest_env_put(const char *kv)
{
    env_set(kv);
    opt.guest_envp = env_list;
}

/* Command-line and PVM_* environment options. One table (OPTIONS below)
 * drives parsing, --help and the PVM_* variables, and records which options
 * a re-executed child pvm inherits (see docs/usage.md). */
#ifndef PVM_CORE_OPTIONS_H
#define PVM_CORE_OPTIONS_H

#include <stdbool.h>
#include <stdint.h>

/* the guest's main stack size without -s (qemu's default too) */
#define OPTIONS_STACK_SIZE (8ull << 20)
/* the smallest -s accepts (the largest is 1/8 of -R) */
#define OPTIONS_STACK_MIN (64ull << 10)
/* the guest region without -R: 1 TiB. A ThreadSanitizer build's is
 * 256 GiB: TSan accepts a mapping only inside its application ranges, and
 * the one mmap(NULL) uses (0x7e8000000000 up to the randomized mmap base,
 * at least 512 GiB of it) often has no free 1 TiB */
#ifdef __SANITIZE_THREAD__
#define OPTIONS_RESERVE (1ull << 38)
#else
#define OPTIONS_RESERVE (1ull << 40)
#endif

/* the translator's defaults: a block is translated on its
 * OPTIONS_JIT_THRESHOLD-th run (16: python3's start-up took 17 % less CPU
 * than at 64, and no throughput workload lost; docs/performance.md); the
 * code cache holds at most OPTIONS_CODE_CACHE bytes */
#define OPTIONS_JIT_THRESHOLD 16
#define OPTIONS_JIT_THRESHOLD_STR "16"
#define OPTIONS_JIT_THRESHOLD_MAX 1000000u

/* The speed-ups --jit-off NAME,... turns off, each alone, so what each buys
 * is measured by turning it off in the same run (docs/performance.md):
 *   X(name, what it is) */
#define JIT_OPTS(X)                                                                               \
    X(regcache, "guest registers kept in host registers within a translation (off: written back after each instruction)") \
    X(flags, "a compare's x86 flags tested by the CSEL or B.cond after it (off: NZCV packed and read back)") \
    X(fp, "scalar FADD/FSUB/FMUL/FDIV as SSE instructions (off: the interpreter's routines)") \
    X(chain, "exits jumping straight to the next translation, the jump cache (off: back to the engine)") \
    X(superblock, "translations going on through the blocks a branch falls into (off: one block each)") \
    X(loop, "a translation's branch back to its start kept inside, registers held across (off: an exit)") \
    X(pin, "SP kept in a host register from one translation to the next (off: stored and loaded at each)") \
    X(ras, "BL pushes a return frame and RET returns through the host's return prediction (off: RET through the jump cache)") \
    X(confine, "a base register's bounds checked once per translation, accesses off it after that unchecked (off: every access checked)") \
    X(hugepages, "huge pages for large anonymous mappings, pvm's own heap and the code cache (off: base pages)")
enum {
#define X(name, help) JIT_OFF_BIT_##name,
    JIT_OPTS(X)
#undef X
};
enum {
#define X(name, help) JIT_OFF_##name = 1u << JIT_OFF_BIT_##name,
    JIT_OPTS(X)
#undef X
};
#define OPTIONS_CODE_CACHE (256ull << 20)

struct options {
    const char *program;   /* path of the guest program as given */
    char **guest_argv;     /* argv for the guest (argv[0] possibly replaced by -0) */
    int guest_argc;
    char **guest_envp;     /* environment for the guest (after -E/-U) */
    const char *argv0;     /* -0 */
    const char *ld_prefix; /* -L */
    const char *log_file;  /* -D */
    unsigned log_mask;     /* -d */
    bool strace;           /* --strace */
    uint64_t stack_size;   /* -s: guest main stack size in bytes */
    bool stack_size_given; /* -s or PVM_STACK_SIZE given: also the guest's RLIMIT_STACK */
    const char *cpu;       /* -cpu: model name (core/cpumodel.h), NULL when not given (max) */
    uint64_t reserve;      /* -R: size of the guest region (after main's fallback: the size reserved) */
    bool reserve_given;    /* -R or PVM_RESERVE given: that size or nothing (no fallback) */
    const char *pvm_argv0; /* pvm's own argv[0] (syscalls/selfexe.h: a source of pvm's binary) */
    /* --self-fd=N: the descriptor a re-executing pvm started this one
     * through (syscalls/selfexe.h; -1 when not given). Internal: given by
     * pvm's own re-exec only, never inherited, no PVM_* variable */
    int self_fd;
    /* how the kernel started pvm (core/binfmt_start.h) */
    bool by_binfmt;        /* by binfmt_misc: argv was the kernel's, no options parsed */
    int exec_fd;           /* binfmt_misc's O: the program's descriptor, else -1 */
    const char *execfn;    /* the guest's AT_EXECFN, NULL for program */
    /* elevated credentials (docs/design.md "binfmt_misc", secure mode): no
     * PVM_* variable is read, -L, -D, -d and --strace are ignored, the guest
     * gets AT_SECURE 1, no core file is written and no guest state is
     * reported in pvm's messages */
    bool secure;
    /* --binfmt-register/-unregister/-status (engine/binfmt.c) */
    enum options_binfmt { OPT_BINFMT_NONE, OPT_BINFMT_REGISTER, OPT_BINFMT_UNREGISTER,
                          OPT_BINFMT_STATUS } binfmt_cmd;
    const char *binfmt_name;  /* --name, NULL for the default */
    const char *binfmt_path;  /* --path, NULL for the default */
    int binfmt_flags;         /* --flags as BINFMT_FLAG_* bits, -1 for the default */
    int binfmt_print;         /* --print FORMAT (enum binfmt_format), -1 for none */
    /* the translator (translator/jit.h) */
    bool jit;               /* --jit / --no-jit / PVM_JIT: false = interpreter only */
    uint32_t jit_threshold; /* --jit-threshold: runs before a block is translated */
    uint64_t code_cache;    /* --code-cache: bytes of translated code at most */
    bool perfmap;           /* --perfmap: /tmp/perf-PID.map names translated code */
    bool check_jit;         /* --check-jit: translations checked against the interpreter */
    uint32_t jit_off;       /* --jit-off: JIT_OFF_* bits of optimisations turned off */
    /* --root DIR (engine/root.c), NULL without; only in a direct start */
    const char *root;
    int root_binfmt;          /* --root-binfmt: 1 yes, 0 no, -1 not given (yes where possible) */
    /* options a child pvm inherits, as argv words (for execve re-exec) */
    char **inherit_argv;
    int inherit_argc;
};

extern struct options opt;

/* Parses argv and PVM_* variables into opt; on a usage error prints one line
 * and exits 2; --help/--version exit 0. */
void options_parse(int argc, char **argv, char **envp);

/* the smallest guest region: -R's lower bound, and where the default's
 * fallback under an address-space limit stops (engine/main.c) */
#define OPTIONS_RESERVE_MIN (256ull << 20)

/* The guest region main could reserve, when smaller than asked for: the
 * stack, sized from the host's RLIMIT_STACK without -s, is cut to 1/8 of
 * it (with -s the caller never goes below 8 times the stack). */
void options_reserve_chosen(uint64_t size);

/* Replaces -D's FILE after parsing, in opt and in what exec'd pvms
 * inherit (--root makes a relative one absolute inside the root). */
void options_set_log_file(const char *path);

/* Calls fn with "PVM_NAME=VALUE" (a new string, kept) for each option an
 * exec'd pvm inherits, the variable a pvm started by binfmt_misc reads
 * instead of the option (--root's first program). False if an inherited
 * option had no variable (none has). */
bool options_inherited_env(void (*fn)(const char *kv, void *ctx), void *ctx);

/* Sets VAR=VALUE (kept, not copied) in the guest environment, replacing
 * VAR; opt.guest_envp follows. */
void options_guest_env_put(const char *kv);

/* Sets the -L prefix after parsing (the loader's cross-libc fallback) and
 * makes exec'd child pvms inherit it like a command-line -L. */
void options_set_ld_prefix(const char *dir);

#endif

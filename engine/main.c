/* pvm's entry: options, the guest region, the loader, the first thread;
 * or one of the --binfmt-* commands (engine/binfmt.c), which run no guest;
 * or --root's set-up (engine/root.c), which execs the first program. */
#include <signal.h>
#include <sys/resource.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cpu.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "translator/jit.h"
#include "core/process.h"
#include "core/threads.h"
#include "engine/binfmt.h"
#include "engine/engine.h"
#include "engine/root.h"
#include "engine/stats.h"
#include "interp/block.h"
#include "loader/loader.h"
#include "signals/signal.h"
#include "syscalls/fdtab.h"
#include "syscalls/psview.h"
#include "syscalls/syscall.h"
#include "syscalls/sysinit.h"

static struct cpu main_cpu;

/* "1T", "4G", "384M": a size the way -R takes it */
static const char *main_size(uint64_t v, char buf[32])
{
    static const char unit[] = "KMGT";
    int k = -1;
    while (k < 3 && v >= 1024 && v % 1024 == 0) {
        v /= 1024;
        k++;
    }
    snprintf(buf, 32, k < 0 ? "%llu" : "%llu%c", (unsigned long long)v, k < 0 ? 0 : unit[k]);
    return buf;
}

/* The guest region. -R's size or nothing; without -R, 1 TiB or, under an
 * address-space limit (`ulimit -v`), the largest half of it that leaves pvm
 * room beside it (core/mem.h mem_init_fit), down to OPTIONS_RESERVE_MIN
 * (256 MiB runs bash, perl and python3 of Debian's arm64 userland), never
 * below 8 times a -s stack. The reduction is said once, by the pvm the user
 * started: a pvm re-executed for a guest execve halves again by itself
 * (the size is not passed on) and says it under -d exec only. */
static bool main_reserve(void)
{
    char a[32], b[32], c[32];
    struct rlimit rl;
    bool limited = getrlimit(RLIMIT_AS, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY;
    if (opt.reserve_given) {
        if (mem_init(opt.reserve))
            return true;
        if (limited)
            log_error("cannot reserve %s of guest address space (-R): %m (ulimit -v %llu)",
                      main_size(opt.reserve, a), (unsigned long long)(rl.rlim_cur >> 10));
        else
            log_error("cannot reserve %s of guest address space (-R): %m", main_size(opt.reserve, a));
        return false;
    }
    uint64_t min = OPTIONS_RESERVE_MIN;
    if (opt.stack_size_given && opt.stack_size * 8 > min)
        min = opt.stack_size * 8;
    uint64_t got = mem_init_fit(opt.reserve, min);
    if (!got) {
        if (limited)
            log_error("cannot reserve guest address space: not even %s fits under the address-space "
                      "limit (ulimit -v %llu) with %s left for pvm",
                      main_size(min, a), (unsigned long long)(rl.rlim_cur >> 10),
                      main_size(mem_headroom(), b));
        else
            log_error("cannot reserve %s of guest address space: %m (see -R)", main_size(opt.reserve, a));
        return false;
    }
    if (got < opt.reserve) {
        if (opt.self_fd < 0 && !limited)
            log_error("guest address space reduced to %s: %s could not be reserved",
                      main_size(got, a), main_size(opt.reserve, b));
        else if (opt.self_fd < 0)
            log_error("guest address space reduced to %s: %s does not fit under the address-space "
                      "limit (ulimit -v %llu) with %s left for pvm",
                      main_size(got, a), main_size(opt.reserve, b),
                      (unsigned long long)(rl.rlim_cur >> 10), main_size(mem_headroom(), c));
        else if (log_on(DBG_exec))
            log_printf("exec-reserve: %s (ulimit -v %llu)\n", main_size(got, a),
                       limited ? (unsigned long long)(rl.rlim_cur >> 10) : 0ull);
        options_reserve_chosen(got);
    }
    return true;
}

int main(int argc, char **argv, char **envp)
{
    uint64_t t_main = task_prof_now();
    options_parse(argc, argv, envp);
    if (opt.binfmt_cmd)
        return binfmt_command();
    log_mask = opt.log_mask;
    /* before -D is opened: inside the root, FILE is the root's */
    if (opt.root)
        root_run();
    if (opt.log_file) {
        log_stream = fopen(opt.log_file, "ae");
        if (!log_stream) {
            log_error("%s: cannot open log file: %m", log_str(opt.log_file));
            return 1;
        }
        setvbuf(log_stream, NULL, _IOLBF, 0);
    }
    stats_process_start(t_main);
    /* how a pvm re-executed for a guest execve was started (no host path
     * of pvm's: syscalls/selfexe.h) */
    if (opt.self_fd >= 0 && log_on(DBG_exec)) {
        char line[LOG_STR_CAP + 64];
        size_t n = (size_t)snprintf(line, sizeof line, "exec-argv:");
        for (int k = 0; k < argc && n < sizeof line; k++)
            n += (size_t)snprintf(line + n, sizeof line - n, " %s", log_str(argv[k]));
        log_printf("%s\n", line);
    }
    if (!main_reserve())
        return 1;
    /* after the region: translated code has guest_base built in */
    jit_init();
    sig_init(&main_cpu);
    sysinit_process();
    int st = loader_load_fd(opt.program, opt.exec_fd, opt.execfn, opt.guest_argv, opt.guest_envp);
    if (st)
        return st;
    /* the host's comm, cmdline, environ of this process become the guest's */
    psview_init();
    if (log_on(DBG_exec))
        log_printf("exec: %s\n", log_str(gproc.exe_path));
    struct cpu *c = &main_cpu;
    c->pc = gproc.start_pc;
    c->x[REG_SP] = gproc.sp;
    c->tid = (int)getpid();
    proc_thread_create = engine_thread_create;
    proc_child_run = engine_run;
    proc_exec_hook = stats_dump_exec;
    jit_debug_hide_fd = fdtab_hide;
    threads_add(c);
    block_thread_register(c);
    stats_first_insn(c);
    engine_run(c);
}

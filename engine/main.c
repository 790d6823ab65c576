/* pvm's entry: options, the guest region, the loader, the first thread;
 * or one of the --binfmt-* commands (engine/binfmt.c), which run no guest. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/cpu.h"
#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/process.h"
#include "core/threads.h"
#include "engine/binfmt.h"
#include "engine/engine.h"
#include "engine/stats.h"
#include "interp/block.h"
#include "loader/loader.h"
#include "signals/signal.h"
#include "syscalls/psview.h"
#include "syscalls/syscall.h"
#include "syscalls/sysinit.h"

static struct cpu main_cpu;

int main(int argc, char **argv, char **envp)
{
    options_parse(argc, argv, envp);
    if (opt.binfmt_cmd)
        return binfmt_command();
    log_mask = opt.log_mask;
    if (opt.log_file) {
        log_stream = fopen(opt.log_file, "ae");
        if (!log_stream) {
            log_error("%s: cannot open log file: %m", log_str(opt.log_file));
            return 1;
        }
        setvbuf(log_stream, NULL, _IOLBF, 0);
    }
    if (!mem_init(opt.reserve)) {
        log_error("cannot reserve %llu bytes of guest address space: %m",
                  (unsigned long long)opt.reserve);
        return 1;
    }
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
    proc_exec_hook = stats_dump;
    threads_add(c);
    block_thread_register(c);
    engine_run(c);
}

/* -d exec / -d profile statistics (see stats.h; the line's fields are listed
 * in docs/design.md "Execution statistics").
 *
 * Invariants:
 * - a guest thread's counters (c->prof) are written only by that thread;
 *   the thread writing the line reads the others' with relaxed loads, and
 *   a thread that ends adds its counters to the process's tally under
 *   stats_lock first, so nothing is counted twice or lost at a thread's end;
 * - a vfork child shares pvm's memory with its parent: it never touches the
 *   process-wide state here (the tally, the process record, the block
 *   histogram, which it cannot tell from its parent's) and its line comes
 *   from its own cpu alone;
 * - the line is one log_printf, so one write(2) (O_APPEND with -D): lines of
 *   concurrent processes sharing the log never interleave. */
#include "engine/stats.h"

#include <inttypes.h>
#include <stdbool.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/log.h"
#include "core/process.h"
#include "core/options.h"
#include "core/threads.h"
#include "interp/decode.h"
#include "signals/signal.h"
#include "syscalls/syscall.h"
#include "translator/jit.h"

/* aarch64 Linux syscall numbers of clone and clone3 (a fork child returns 0
 * from them in the forking thread; a new thread starts elsewhere) */
enum { STATS_NR_CLONE = 220, STATS_NR_CLONE3 = 435 };

/* the process image's record (not a vfork child's) */
static struct {
    uint64_t t0;        /* its start (main's entry, or the fork); 0: no line is due */
    uint64_t t_first;   /* its first guest instruction */
    const char *start;  /* "exec", "reexec", "fork", "after-execve" */
    struct rusage ru0;  /* what getrusage said at t0 (an execve keeps the process's times) */
    uint64_t tsc_cost;  /* ticks one TSC read adds to a timed interval (kept by a fork child) */
} sp;

/* counters of the threads that ended, and their thread time (stats_lock) */
static pthread_mutex_t stats_lock = PTHREAD_MUTEX_INITIALIZER;
static struct task_prof stats_tally;
static uint64_t stats_tally_thread_ns;
static uint64_t stats_tally_ops[OP_COUNT];

static uint64_t stats_rd(const uint64_t *p) { return __atomic_load_n(p, __ATOMIC_RELAXED); }

static void stats_prof_reset(struct cpu *c, uint64_t now)
{
    c->prof = (struct task_prof){.t_start = now};
}

void stats_process_start(uint64_t t_main)
{
    if (!log_on(DBG_STATS))
        return;
    sp.t0 = t_main;
    sp.start = opt.self_fd >= 0 ? "reexec" : "exec";
    getrusage(RUSAGE_SELF, &sp.ru0);
    /* back-to-back reads: the least of a few is what each sample's
     * interval holds of the reads that bound it */
    sp.tsc_cost = UINT64_MAX;
    for (int k = 0; k < 64; k++) {
        uint64_t a = __rdtsc(), b = __rdtsc();
        if (b - a < sp.tsc_cost)
            sp.tsc_cost = b - a;
    }
}

void stats_first_insn(struct cpu *c)
{
    if (!log_on(DBG_STATS))
        return;
    sp.t_first = task_prof_now();
    stats_prof_reset(c, sp.t_first);
}

void stats_thread_start(struct cpu *c)
{
    if (log_on(DBG_STATS))
        stats_prof_reset(c, task_prof_now());
}

void stats_vfork_start(struct cpu *c)
{
    if (log_on(DBG_STATS))
        stats_prof_reset(c, task_prof_now());
}

/* the fork child's fresh record: only the forking thread lives on; the
 * lock may have been held by a thread that is not here */
static void stats_fork_child(struct cpu *c)
{
    uint64_t now = task_prof_now();
    pthread_mutex_init(&stats_lock, NULL);
    stats_tally = (struct task_prof){0};
    stats_tally_thread_ns = 0;
    memset(stats_tally_ops, 0, sizeof stats_tally_ops);
    sp.t0 = sp.t_first = now;
    sp.start = "fork";
    memset(&sp.ru0, 0, sizeof sp.ru0); /* a child's times start at 0 */
    uint64_t *ops = c->prof.ops;
    stats_prof_reset(c, now);
    if (ops) { /* the parent's counts, copied: the child's array from here on */
        memset(ops, 0, OP_COUNT * sizeof *ops);
        c->prof.ops = ops;
    }
    block_cache_profile_reset();
}

/* ---- counting ---- */

void stats_count_ops(struct cpu *c, const struct block *b, const struct insn *last)
{
    if (!c->prof.ops && !(c->prof.ops = calloc(OP_COUNT, sizeof *c->prof.ops)))
        log_fatal("out of memory for -d exec statistics");
    for (const struct insn *i = b->insns; i <= last && i < b->insns + b->n; i++)
        task_prof_add(&c->prof.ops[i->op], 1);
}

void stats_syscall(struct cpu *c)
{
    uint64_t nr = c->x[8];
    uint64_t t0 = task_prof_now();
    syscall_dispatch(c);
    task_prof_add(&c->prof.sys_ns, task_prof_now() - t0);
    task_prof_add(&c->prof.syscalls, 1);
    if ((nr == STATS_NR_CLONE || nr == STATS_NR_CLONE3) && c->x[0] == 0 && !c->proc.vfork_child)
        stats_fork_child(c);
    /* the call's time is in neither tier: a sampled iteration starts now */
    if (c->prof.tier_mark)
        c->prof.tier_mark = __rdtsc();
}

static void stats_fold(struct task_prof *to, const struct task_prof *p)
{
    to->decode_ns += stats_rd(&p->decode_ns);
    to->decoded += stats_rd(&p->decoded);
    to->decoded_bytes += stats_rd(&p->decoded_bytes);
    to->sys_ns += stats_rd(&p->sys_ns);
    to->syscalls += stats_rd(&p->syscalls);
    to->insns += stats_rd(&p->insns);
    to->execs += stats_rd(&p->execs);
    to->jit_insns += stats_rd(&p->jit_insns);
    to->jit_execs += stats_rd(&p->jit_execs);
    to->translated += stats_rd(&p->translated);
    to->translate_ns += stats_rd(&p->translate_ns);
    to->jit_ticks += stats_rd(&p->jit_ticks);
    to->jit_samples += stats_rd(&p->jit_samples);
    to->interp_samples += stats_rd(&p->interp_samples);
    to->interp_ticks += stats_rd(&p->interp_ticks);
}

static void stats_fold_ops(uint64_t *to, const uint64_t *ops)
{
    if (ops)
        for (unsigned k = 0; k < OP_COUNT; k++)
            to[k] += stats_rd(&ops[k]);
}

void stats_thread_exit(struct cpu *c)
{
    if (!log_on(DBG_STATS))
        return;
    uint64_t now = task_prof_now();
    pthread_mutex_lock(&stats_lock);
    stats_fold(&stats_tally, &c->prof);
    stats_tally_thread_ns += now - c->prof.t_start;
    stats_fold_ops(stats_tally_ops, c->prof.ops);
    pthread_mutex_unlock(&stats_lock);
    free(c->prof.ops);
    c->prof = (struct task_prof){0};
}

/* ---- the line ---- */

/* what the line reports, merged over the threads */
struct stats_sum {
    struct task_prof p;
    uint64_t thread_ns;
    uint64_t now;
    uint64_t *ops; /* OP_COUNT, -d exec only */
};

static void stats_sum_thread(struct cpu *c, void *ctx)
{
    struct stats_sum *s = ctx;
    stats_fold(&s->p, &c->prof);
    uint64_t t = stats_rd(&c->prof.t_start);
    if (t && t < s->now)
        s->thread_ns += s->now - t;
    if (s->ops)
        stats_fold_ops(s->ops, c->prof.ops);
}

/* s with every byte outside 0x21..0x7e as \xNN: one token of the line */
static const char *stats_token(const char *s, char *out, size_t cap)
{
    const char *e = log_str(s);
    size_t n = 0;
    for (; *e && n + 5 < cap; e++) {
        if (*e == ' ')
            n += (size_t)snprintf(out + n, cap - n, "\\x20");
        else
            out[n++] = *e;
    }
    out[n] = 0;
    return n ? out : "-";
}

/* interp_us (us) divided between the tiers: in proportion to their sampled
 * TSC ticks, less what the reads themselves added to each sample; by
 * their instruction counts when no iteration was sampled */
static void stats_tier_split(const struct task_prof *p, uint64_t us, uint64_t *jit_us,
                             uint64_t *interp_us)
{
    uint64_t cj = p->jit_samples * sp.tsc_cost, ci = p->interp_samples * sp.tsc_cost;
    double tj = p->jit_ticks > cj ? (double)(p->jit_ticks - cj) : 0;
    double ti = p->interp_ticks > ci ? (double)(p->interp_ticks - ci) : 0;
    if (tj + ti == 0) {
        tj = (double)p->jit_insns;
        ti = (double)(p->insns - p->jit_insns);
    }
    *jit_us = tj + ti > 0 ? (uint64_t)((double)us * tj / (tj + ti)) : 0;
    *interp_us = us - *jit_us;
}

static uint64_t stats_tv_us(const struct timeval *a, const struct timeval *b)
{
    int64_t d = (int64_t)(a->tv_sec - b->tv_sec) * 1000000 + (a->tv_usec - b->tv_usec);
    return d > 0 ? (uint64_t)d : 0;
}

static void stats_line(const char *end, const char *start, uint64_t t0, uint64_t t_first,
                       const struct rusage *ru0, const struct stats_sum *s, bool hist)
{
    struct block_hist h = {0};
    char hb[160], hi[200];
    if (hist) {
        block_cache_histogram(&h);
        /* counts saturate (BLOCK_COUNT_MAX): the hottest class is the rest */
        uint64_t known = 0;
        for (unsigned k = 0; k + 1 < BLOCK_HIST_CLASSES; k++)
            known += h.insns[k];
        h.insns[BLOCK_HIST_CLASSES - 1] = s->p.insns > known ? s->p.insns - known : 0;
        snprintf(hb, sizeof hb, "%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64,
                 h.blocks[0], h.blocks[1], h.blocks[2], h.blocks[3], h.blocks[4]);
        snprintf(hi, sizeof hi, "%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64,
                 h.insns[0], h.insns[1], h.insns[2], h.insns[3], h.insns[4]);
    } else {
        snprintf(hb, sizeof hb, "-");
        snprintf(hi, sizeof hi, "-");
    }
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    uint64_t busy = s->p.decode_ns + s->p.translate_ns + s->p.sys_ns;
    uint64_t interp = s->thread_ns > busy ? s->thread_ns - busy : 0;
    uint64_t jit_run, interp_run;
    stats_tier_split(&s->p, interp / 1000, &jit_run, &interp_run);
    /* the translator's process-wide counts: not a vfork child's (it
     * shares its parent's translator) */
    char jb[160];
    if (hist) {
        struct jit_stats js;
        jit_stats_get(&js);
        snprintf(jb, sizeof jb, "code_bytes=%" PRIu64 " links=%" PRIu64 " flushes=%" PRIu64,
                 js.bytes, js.linked, js.flushes);
    } else {
        snprintf(jb, sizeof jb, "code_bytes=- links=- flushes=-");
    }
    char exe[LOG_STR_CAP], a0[LOG_STR_CAP];
    const char *argv0 = opt.guest_argc > 0 ? opt.guest_argv[0] : "";
    log_printf("exec-profile: pid=%d ppid=%d start=%s end=%s t0_us=%" PRIu64 " wall_us=%" PRIu64
               " startup_us=%" PRIu64 " decode_us=%" PRIu64 " decoded=%" PRIu64
               " decoded_bytes=%" PRIu64 " sys_us=%" PRIu64 " syscalls=%" PRIu64
               " interp_us=%" PRIu64 " threads_us=%" PRIu64 " utime_us=%" PRIu64
               " stime_us=%" PRIu64 " maxrss_kb=%ld insns=%" PRIu64 " execs=%" PRIu64
               " jit_insns=%" PRIu64 " jit_execs=%" PRIu64 " jit_run_us=%" PRIu64
               " interp_run_us=%" PRIu64 " translated=%" PRIu64 " translate_us=%" PRIu64
               " %s hist=%s hist_insns=%s exe=%s argv0=%s\n",
               (int)getpid(), (int)getppid(), start, end, t0 / 1000, (s->now - t0) / 1000,
               t_first > t0 ? (t_first - t0) / 1000 : 0, s->p.decode_ns / 1000, s->p.decoded,
               s->p.decoded_bytes, s->p.sys_ns / 1000, s->p.syscalls, interp / 1000,
               s->thread_ns / 1000, stats_tv_us(&ru.ru_utime, &ru0->ru_utime),
               stats_tv_us(&ru.ru_stime, &ru0->ru_stime), ru.ru_maxrss, s->p.insns, s->p.execs,
               s->p.jit_insns, s->p.jit_execs, jit_run, interp_run, s->p.translated,
               s->p.translate_ns / 1000, jb, hb, hi, stats_token(gproc.exe_path, exe, sizeof exe),
               stats_token(argv0, a0, sizeof a0));
}

/* -d jit: the translator's counts, once per process image (not a vfork
 * child's: it shares its parent's translator) */
static void stats_jit_line(const char *end)
{
    static bool done;
    if (done)
        return;
    /* after "execve" the image lives on only if the execve failed */
    done = strcmp(end, "execve") != 0;
    struct jit_stats js;
    jit_stats_get(&js);
    log_printf("jit-summary: pid=%d end=%s translated=%" PRIu64 " failed=%" PRIu64
               " translate_us=%" PRIu64 " code_bytes=%" PRIu64 " links=%" PRIu64
               " flushes=%" PRIu64 "\n",
               (int)getpid(), end, js.translated, js.failed, js.translate_ns / 1000, js.bytes,
               js.linked, js.flushes);
}

static int stats_cmp_ops(const void *pa, const void *pb, void *ctx)
{
    const uint64_t *ops = ctx;
    uint64_t a = ops[*(const unsigned *)pa], b = ops[*(const unsigned *)pb];
    return a < b ? 1 : a > b ? -1 : (int)(*(const unsigned *)pa) - (int)(*(const unsigned *)pb);
}

/* the exec-stats lines: a total, then "COUNT NAME", most executed first */
static void stats_ops_lines(const uint64_t *ops)
{
    static unsigned order[OP_COUNT];
    unsigned n = 0;
    uint64_t total = 0;
    for (unsigned op = 0; op < OP_COUNT; op++) {
        if (op == OP_END_BLOCK || op == OP_UNDEF || !ops[op])
            continue;
        order[n++] = op;
        total += ops[op];
    }
    qsort_r(order, n, sizeof *order, stats_cmp_ops, (void *)ops);
    log_printf("exec-stats: %" PRIu64 " instructions, %u forms\n", total, n);
    for (unsigned k = 0; k < n; k++)
        log_printf("exec-stats: %" PRIu64 " %s\n", ops[order[k]], decode_op_name(order[k]));
}

/* a vfork child: its own cpu, nothing process-wide (see the top) */
static void stats_dump_vfork(struct cpu *c, const char *end)
{
    if (!c->prof.t_start)
        return;
    static const struct rusage zero;
    struct stats_sum s = {.now = task_prof_now()};
    uint64_t ops[OP_COUNT] = {0};
    s.ops = log_on(DBG_exec) ? ops : NULL;
    stats_sum_thread(c, &s);
    stats_line(end, "vfork", c->prof.t_start, c->prof.t_start, &zero, &s, false);
    if (s.ops)
        stats_ops_lines(ops);
    stats_prof_reset(c, strcmp(end, "execve") ? 0 : task_prof_now());
}

void stats_dump(const char *end)
{
    if (!log_on(DBG_STATS | DBG_jit))
        return;
    struct cpu *c = sig_thread_cpu();
    if (c && c->proc.vfork_child) {
        if (log_on(DBG_STATS))
            stats_dump_vfork(c, end);
        return;
    }
    if (log_on(DBG_jit))
        stats_jit_line(end);
    if (!log_on(DBG_STATS) || !sp.t0)
        return;
    static uint64_t ops[OP_COUNT];
    struct stats_sum s = {.now = task_prof_now(), .ops = log_on(DBG_exec) ? ops : NULL};
    memset(ops, 0, sizeof ops);
    pthread_mutex_lock(&stats_lock);
    s.p = stats_tally;
    s.thread_ns = stats_tally_thread_ns;
    if (s.ops)
        memcpy(ops, stats_tally_ops, sizeof ops);
    pthread_mutex_unlock(&stats_lock);
    threads_foreach(stats_sum_thread, &s);
    stats_line(end, sp.start, sp.t0, sp.t_first, &sp.ru0, &s, true);
    if (s.ops)
        stats_ops_lines(ops);
    sp.t0 = 0;
    if (!strcmp(end, "execve") && c) {
        /* the image lives on only if the execve fails: count afresh (this
         * thread's counts; other threads', rare there, appear in both lines) */
        sp.t0 = sp.t_first = s.now;
        sp.start = "after-execve";
        getrusage(RUSAGE_SELF, &sp.ru0);
        pthread_mutex_lock(&stats_lock);
        stats_tally = (struct task_prof){0};
        stats_tally_thread_ns = 0;
        memset(stats_tally_ops, 0, sizeof stats_tally_ops);
        pthread_mutex_unlock(&stats_lock);
        uint64_t *own = c->prof.ops;
        stats_prof_reset(c, s.now);
        if (own) {
            memset(own, 0, OP_COUNT * sizeof *own);
            c->prof.ops = own;
        }
    }
}

void stats_dump_exec(void) { stats_dump("execve"); }

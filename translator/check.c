/* --check-jit, the lockstep checker: every run of a translation is checked
 * against the interpreter on the same entry state, and the first difference
 * ends pvm (JIT_CHECK_STATUS) with one report of the entry state and both
 * results (docs/design.md "The translator", "Lockstep checking").
 *
 * One run, checked: the architectural state is copied; the translation runs,
 * its native stores journaled by jit_check_store (address, old bytes); its
 * result state and the final bytes at every journaled address are kept; the
 * journal is undone newest first and the entry state put back; the
 * interpreter runs the block; result, registers, flags, FP control, TPIDR,
 * the exclusive monitor and the journaled bytes must agree. The state the
 * run leaves is the interpreter's (equal to the translation's when no
 * report was made).
 *
 * Invariants:
 * - A block is run twice only when doing so is invisible to the guest: no
 *   instruction of it changes anything outside struct cpu except the
 *   journaled native stores (a store through its interpreter routine would
 *   be seen by the second run's loads, since only native stores can be
 *   undone), and none reads something a second run would read differently
 *   or talks to other threads or pvm (the op list in check_op_unsafe), and
 *   none touches memory while other guest threads run.
 *   Every other run is made once, translated, and counted as unchecked.
 * - A fault in the translated run propagates as usual (that run is not
 *   checked); a fault in the interpreter's run, where the translation did
 *   not fault, is a difference and is reported.
 * - v0..v31 are copied, put back and compared only for a block with an
 *   instruction of the FP/SIMD register file (check_block_uncached); for
 *   any other block they are never touched, so no stale copy lands there.
 * - The journal is per host thread and lives only within one
 *   jit_check_run; a run that faulted leaves it to be reset by the next.
 *   The per-thread records (journal, states, verdicts: about 90 KiB) are
 *   made on a thread's first checked run and never freed (a debugging
 *   mode: a thread's exit leaves them behind). */
#include "translator/check.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "core/mem.h"
#include "core/options.h"
#include "core/threads.h"
#include "interp/branch_fmt.h"
#include "interp/disas.h"
#include "interp/interp.h"
#include "translator/internal.h"

bool jit_checking;

bool jit_check_on(void) { return jit_checking; }

/* PVM_CHECK_JIT_SELFTEST, so tests can see the checker report (a checker
 * that never fires proves nothing): 1 corrupts the translated result's x0
 * after the first checked run; mem, the byte of the first journaled store
 * after the first checked run that has one */
enum { SELFTEST_OFF, SELFTEST_REG, SELFTEST_MEM };
static int check_selftest;

void jit_check_init(void)
{
    jit_checking = jit_enabled && opt.check_jit;
    const char *s = jit_checking ? getenv("PVM_CHECK_JIT_SELFTEST") : NULL;
    check_selftest = !s || !*s || !strcmp(s, "0") ? SELFTEST_OFF
                     : !strcmp(s, "mem")          ? SELFTEST_MEM
                                                  : SELFTEST_REG;
}

/* ---- the store journal ---- */

#define JOURNAL_MAX 1024

struct journal_ent {
    uint64_t ga;
    uint8_t bytes;
    uint8_t old[8];
    uint8_t fin[8]; /* the bytes there when the translated run ended */
};

struct journal {
    bool active;   /* a checked translated run is under way */
    bool overflow; /* more stores than JOURNAL_MAX: the run is not checked */
    uint32_t n;
    struct journal_ent e[JOURNAL_MAX];
};

static __thread struct journal *journal;

/* the bare guest access (what TSan must not see, as mem_raw_* in
 * core/mem.h: a race between guest threads is the guest's) */
MEM_GUEST_ACCESS void check_raw_copy(void *d, const void *s, unsigned bytes)
{
    switch (bytes) {
    case 1: __builtin_memcpy(d, s, 1); break;
    case 2: __builtin_memcpy(d, s, 2); break;
    case 4: __builtin_memcpy(d, s, 4); break;
    default: __builtin_memcpy(d, s, 8); break;
    }
}

void jit_check_store(struct cpu *c, uint64_t ga, uint64_t v, unsigned bytes)
{
    /* a fault below is the calling instruction's: its recovery entry from
     * the return address (which lies inside that instruction's code) */
    jit_recover(c, (uintptr_t)__builtin_return_address(0) - 1, NULL);
    struct journal *j = journal;
    uint8_t *h = guest_base + ga;
    if (j && j->active) {
        if (j->n == JOURNAL_MAX) {
            j->overflow = true;
        } else {
            struct journal_ent *e = &j->e[j->n];
            /* an unreadable page: no entry; the store below faults as the
             * store it is */
            if (mem_safe_copy(e->old, h, bytes) == 0) {
                e->ga = ga;
                e->bytes = (uint8_t)bytes;
                j->n++;
            }
        }
    }
    check_raw_copy(h, &v, bytes);
}

/* ---- which blocks can run twice ---- */

/* Instructions whose second run would not repeat the first, or whose first
 * run cannot be undone, natively emitted or not: exclusives, atomics and
 * the ordered accesses and barriers (other threads watch those locations:
 * undoing a store there, or loading twice, is visible), cache maintenance
 * (IC IVAU invalidates code; DC ZVA stores through its routine) and the
 * counter registers (time moves between the runs). SVC and the undefined
 * instructions are checked: their routines only set the pc and the result;
 * the system call or the signal comes after the run, once. */
static bool check_op_unsafe(const struct insn *i)
{
    switch (i->op) {
    case OP_STXR: case OP_LDXR: case OP_STXP: case OP_LDXP:
    case OP_STLR: case OP_LDAR: case OP_LDAPR: case OP_STLUR:
    case OP_LDAPUR: case OP_LDAPURSX: case OP_LDAPURS32:
    case OP_LDADD: case OP_LDCLR: case OP_LDEOR: case OP_LDSET:
    case OP_LDSMAX: case OP_LDSMIN: case OP_LDUMAX: case OP_LDUMIN:
    case OP_SWP: case OP_CAS: case OP_CASP:
    case OP_CLREX: case OP_DSB: case OP_DMB: case OP_ISB: case OP_SB:
    case OP_DC_ZVA: case OP_IC_IVAU: case OP_DC_CVAP: case OP_DC_CVADP: case OP_DC_CLEAN:
        return true;
    case OP_MRS:
        return i->x == SYSREG_CNTVCT_EL0 || i->x == SYSREG_CNTVCTSS_EL0;
    default:
        return false;
    }
}

/* Does the translation call the interpreter's routine of a store? The
 * generic path (jit_emit_call) loads the instruction's address as the
 * routine's argument, so that address appears among the translation's
 * bytes (an 8-byte immediate, or a 4-byte one below 4 GiB: mov_ri's
 * choice); so does a native emitter's slow path that calls the routine,
 * wherever it is placed, which is why the whole translation is read and
 * not only the instruction's stretch of the recovery table. A chance
 * match only makes the answer conservative. */
static bool check_calls_store_routine(const struct jit_tb *t)
{
    for (uint32_t m = 0; m < t->nblk; m++) {
        const struct block *b = t->blk[m];
        for (uint32_t k = 0; k < b->n; k++) {
            if (!(b->insns[k].flags & INSN_STORE))
                continue;
            uint64_t p = (uint64_t)(uintptr_t)&b->insns[k];
            if (memmem(t->code, t->size, &p, 8) || (p <= 0xffffffffu && memmem(t->code, t->size, &p, 4)))
                return true;
        }
    }
    return false;
}

enum skip {
    SKIP_OP,        /* an instruction of check_op_unsafe's list */
    SKIP_STORE,     /* a store through its interpreter routine */
    SKIP_THREADS,   /* a memory access while other guest threads run */
    SKIP_SIGNAL,    /* exit_request was set: the run may have left at entry */
    SKIP_OVERFLOW,  /* the journal overflowed */
    SKIP_COUNT
};
static const char *const skip_name[SKIP_COUNT] = {
    "an unsafe instruction", "a store through its routine", "memory shared with other threads",
    "a pending signal", "journal full"};

static uint64_t n_checked, n_skipped[SKIP_COUNT];

/* Memory and other threads: while the process has more than one thread,
 * a block that touches memory is not run twice. Another thread storing
 * between the two runs would make the loads differ (a report that is no
 * translator bug: contended counters and locks make them by the dozen), and
 * the undone stores would be visible to it. The count cannot grow during
 * the run: with one thread, only this one could add another, by a system
 * call, which comes after the block. */
/* The verdict of check_block per translation, remembered per thread: it
 * depends only on the block's instruction words, the addresses of its
 * instructions and the translation's bytes, so an entry is taken only when
 * the translation, its code, size and block and a hash of the block's
 * words are all the same (a new translation of rewritten code at the same
 * addresses has other words); the thread count is asked each time. */
#define VERDICT_SLOTS 1024
struct verdict {
    const struct jit_tb *t;
    const uint8_t *code;
    const struct block *b;
    uint64_t words;      /* hash of the instruction words and their count */
    uint32_t size;
    int8_t skip;         /* check_block's answer but SKIP_THREADS */
    bool v, mem;
};
static __thread struct verdict *verdicts;

static uint64_t check_words_hash(const struct jit_tb *t)
{
    uint64_t h = t->nblk * 0x9e3779b97f4a7c15ull;
    for (uint32_t m = 0; m < t->nblk; m++) {
        const struct block *b = t->blk[m];
        h = (h ^ b->n ^ (uint64_t)(uintptr_t)b << 16) * 0x100000001b3ull;
        for (uint32_t k = 0; k < b->n; k++)
            h = (h ^ b->insns[k].raw ^ (uint64_t)b->insns[k].op << 32) * 0x100000001b3ull;
    }
    return h;
}

static int check_block_uncached(const struct jit_tb *t, bool *v, bool *mem_out);

static int check_block(const struct jit_tb *t, bool *v)
{
    if (!verdicts)
        verdicts = calloc(VERDICT_SLOTS, sizeof *verdicts);
    const struct block *b = t->b;
    uint64_t h = check_words_hash(t);
    struct verdict *e = verdicts ? &verdicts[((uintptr_t)t >> 6) % VERDICT_SLOTS] : NULL;
    bool mem;
    int skip;
    if (e && e->t == t && e->code == t->code && e->b == b && e->size == t->size && e->words == h) {
        skip = e->skip;
        *v = e->v;
        mem = e->mem;
    } else {
        skip = check_block_uncached(t, v, &mem);
        if (e)
            *e = (struct verdict){t, t->code, b, h, t->size, (int8_t)skip, *v, mem};
    }
    if (skip < 0 && mem && threads_count() > 1)
        return SKIP_THREADS;
    return skip;
}

static int check_block_uncached(const struct jit_tb *t, bool *v, bool *mem_out)
{
    bool stores = false, mem = false;
    *v = false;
    *mem_out = false;
    for (uint32_t m = 0; m < t->nblk; m++) {
        for (uint32_t k = 0; k < t->blk[m]->n; k++) {
            const struct insn *i = &t->blk[m]->insns[k];
            if (check_op_unsafe(i))
                return SKIP_OP;
            stores |= (i->flags & INSN_STORE) != 0;
            mem |= (i->flags & INSN_MEM) != 0;
            /* A64's top-level encoding: bits 27:26 both set are the FP and
             * SIMD data processing (op0 x111) and the loads and stores of FP
             * and SIMD registers (op0 x1x0 with V); nothing else touches them
             * (an undefined word with those bits only costs a copy) */
            *v |= ((i->raw >> 26) & 3) == 3;
        }
    }
    *mem_out = mem;
    return stores && check_calls_store_routine(t) ? SKIP_STORE : -1;
}

/* ---- state ---- */

/* what a run may change in struct cpu (x[33], the write sink, is kept but
 * never compared: what lands there is nobody's business). v comes last: a
 * block without an instruction of the FP/SIMD register file leaves it
 * alone, and its copies and comparison are most of the checker's cost */
struct check_state {
    uint64_t x[34];
    uint64_t pc;
    uint32_t nzcv, fpcr, fpsr, mxcsr;
    uint64_t tpidr;
    uint64_t excl_addr;
    unsigned __int128 excl_val;
    uint32_t excl_size;
    vreg v[32];
};

static void state_save(struct check_state *s, const struct cpu *c, bool v)
{
    memcpy(s->x, c->x, sizeof s->x);
    s->pc = c->pc;
    s->nzcv = c->nzcv;
    s->fpcr = c->fpcr;
    s->fpsr = c->fpsr;
    s->mxcsr = c->mxcsr;
    s->tpidr = c->tpidr_el0;
    s->excl_addr = c->excl_addr;
    s->excl_val = c->excl_val;
    s->excl_size = c->excl_size;
    if (v)
        memcpy(s->v, c->v, sizeof s->v);
}

static void state_load(struct cpu *c, const struct check_state *s, bool v)
{
    memcpy(c->x, s->x, sizeof s->x);
    c->pc = s->pc;
    c->nzcv = s->nzcv;
    c->fpcr = s->fpcr;
    c->fpsr = s->fpsr;
    c->mxcsr = s->mxcsr;
    c->tpidr_el0 = s->tpidr;
    c->excl_addr = s->excl_addr;
    c->excl_val = s->excl_val;
    c->excl_size = s->excl_size;
    if (v)
        memcpy(c->v, s->v, sizeof c->v);
}

/* ---- the report ---- */

static const char *const xres_name[] = {"X_NEXT", "X_BRANCH", "X_SVC", "X_UNDEF", "X_INVALIDATE"};

static const char *rname(uint64_t r) { return r < 5 ? xres_name[r] : "?"; }

/* one line of the report: "pvm: check-jit: ..." */
#define REPORT(...) log_error("check-jit: " __VA_ARGS__)

static void report_row(const char *name, uint64_t in, uint64_t tr, uint64_t ip)
{
    REPORT("%c %-8s 0x%016llx 0x%016llx 0x%016llx", tr != ip ? '*' : ' ', name,
           (unsigned long long)in, (unsigned long long)tr, (unsigned long long)ip);
}

static void report_vrow(unsigned r, const vreg *in, const vreg *tr, const vreg *ip)
{
    REPORT("%c v%-7u %016llx%016llx %016llx%016llx %016llx%016llx", memcmp(tr, ip, 16) ? '*' : ' ',
           r, (unsigned long long)in->d[1], (unsigned long long)in->d[0], (unsigned long long)tr->d[1],
           (unsigned long long)tr->d[0], (unsigned long long)ip->d[1], (unsigned long long)ip->d[0]);
}

static const char *check_first_diff(const struct check_state *a, const struct check_state *b,
                                    bool v, char *buf, size_t cap)
{
    for (unsigned r = 0; r < 33; r++)
        if (a->x[r] != b->x[r]) {
            snprintf(buf, cap, r == 31 ? "sp" : r == 32 ? "the zero register (x[32])" : "x%u", r);
            return buf;
        }
    if (a->pc != b->pc) return "pc";
    if (a->nzcv != b->nzcv) return "nzcv";
    if (a->fpcr != b->fpcr) return "fpcr";
    if (a->fpsr != b->fpsr) return "fpsr";
    if (a->mxcsr != b->mxcsr) return "mxcsr";
    if (a->tpidr != b->tpidr) return "tpidr_el0";
    if (a->excl_addr != b->excl_addr || a->excl_val != b->excl_val || a->excl_size != b->excl_size)
        return "the exclusive monitor";
    for (unsigned r = 0; v && r < 32; r++)
        if (memcmp(&a->v[r], &b->v[r], 16)) {
            snprintf(buf, cap, "v%u", r);
            return buf;
        }
    return NULL;
}

/* The difference is reported once (the first thread to find one; the
 * others wait to be ended with the process), then pvm exits. */
static _Noreturn void check_report(struct cpu *c, const struct jit_tb *t, const char *what,
                                   const struct check_state *in, const struct check_state *tr,
                                   uint64_t rtr, const struct check_state *ip, uint64_t rip,
                                   const struct insn *fault_insn, bool v)
{
    static int reporting;
    if (__atomic_exchange_n(&reporting, 1, __ATOMIC_ACQ_REL))
        for (;;)
            pause();
    const struct block *b = t->b;
    uint32_t real = b->n - (b->n && b->insns[b->n - 1].op == OP_END_BLOCK);
    REPORT("block 0x%llx (%u instructions, thread %d): the translation and the interpreter differ "
           "in %s", (unsigned long long)b->pc, real, c->tid, what);
    REPORT("  results: translated %s, interpreter %s", rname(rtr),
           fault_insn ? "a fault" : rname(rip));
    if (fault_insn)
        REPORT("  the interpreter faulted at pc 0x%llx (address 0x%llx, signal %d) where the "
               "translation did not", (unsigned long long)fault_insn->pc,
               (unsigned long long)c->fault_addr, c->fault_sig);
    REPORT("  %-8s %-18s %-18s %s", "reg", "entry", "translated", "interpreter");
    for (unsigned r = 0; r < 32; r++) {
        char n[8];
        snprintf(n, sizeof n, r == 31 ? "sp" : "x%u", r);
        report_row(n, in->x[r], tr->x[r], ip->x[r]);
    }
    report_row("xzr", in->x[32], tr->x[32], ip->x[32]);
    report_row("pc", in->pc, tr->pc, ip->pc);
    report_row("nzcv", in->nzcv, tr->nzcv, ip->nzcv);
    report_row("fpcr", in->fpcr, tr->fpcr, ip->fpcr);
    report_row("fpsr", in->fpsr, tr->fpsr, ip->fpsr);
    report_row("mxcsr", in->mxcsr, tr->mxcsr, ip->mxcsr);
    report_row("tpidr", in->tpidr, tr->tpidr, ip->tpidr);
    report_row("excladdr", in->excl_addr, tr->excl_addr, ip->excl_addr);
    report_row("exclsize", in->excl_size, tr->excl_size, ip->excl_size);
    /* the vector registers only where one of the three differs */
    for (unsigned r = 0; v && r < 32; r++)
        if (memcmp(&in->v[r], &tr->v[r], 16) || memcmp(&tr->v[r], &ip->v[r], 16))
            report_vrow(r, &in->v[r], &tr->v[r], &ip->v[r]);
    const struct journal *j = journal;
    for (uint32_t k = 0; j && k < j->n; k++) {
        const struct journal_ent *e = &j->e[k];
        uint64_t o = 0, f = 0, now = 0;
        memcpy(&o, e->old, e->bytes);
        memcpy(&f, e->fin, e->bytes);
        if (mem_safe_copy(&now, guest_base + e->ga, e->bytes))
            now = ~0ull;
        REPORT("%c store %u bytes at 0x%llx: before 0x%llx, translated 0x%llx, interpreter 0x%llx",
               f != now ? '*' : ' ', e->bytes, (unsigned long long)e->ga, (unsigned long long)o,
               (unsigned long long)f, (unsigned long long)now);
    }
    for (uint32_t m = 0; m < t->nblk; m++)
        for (uint32_t k = 0; k < t->blk[m]->n; k++) {
            const struct insn *i = &t->blk[m]->insns[k];
            char d[128];
            if (i->op == OP_END_BLOCK)
                snprintf(d, sizeof d, "(end of block)");
            else
                disas_a64(i->raw, i->pc, d, sizeof d);
            REPORT("  0x%llx  %s", (unsigned long long)i->pc, d);
        }
    if (log_on(DBG_jit))
        jit_check_print_counts();
    fflush(NULL);
    _exit(JIT_CHECK_STATUS);
}

/* ---- a checked run ---- */

struct check_ctx {
    struct check_state in, tr, ip;
    sigjmp_buf engine_jmp;
};
static __thread struct check_ctx *check_ctx;

static void count_skip(enum skip why) { __atomic_fetch_add(&n_skipped[why], 1, __ATOMIC_RELAXED); }

struct jit_ret jit_check_run(struct cpu *c, struct jit_tb *t)
{
    if (!journal)
        journal = calloc(1, sizeof *journal);
    if (!check_ctx)
        check_ctx = calloc(1, sizeof *check_ctx);
    struct journal *j = journal;
    struct check_ctx *x = check_ctx;
    if (!j || !x)
        log_fatal("check-jit: out of memory");
    j->active = false;
    bool v;
    int skip = check_block(t, &v);
    if (skip >= 0) {
        count_skip((enum skip)skip);
        struct jit_ret jr = jit_run(c, t);
        return (struct jit_ret){jr.r, NULL};
    }
    const struct block *b = t->b;
    state_save(&x->in, c, v);
    j->n = 0;
    j->overflow = false;
    j->active = true;
    uint64_t rtr = jit_run(c, t).r;
    j->active = false;
    /* exit_request is cleared only by this thread's engine, so when it is
     * clear now it was clear at the translation's entry check; when set, the
     * translation may have left before its first instruction */
    if (c->exit_request || j->overflow) {
        count_skip(c->exit_request ? SKIP_SIGNAL : SKIP_OVERFLOW);
        return (struct jit_ret){rtr, NULL};
    }
    int selftest = __atomic_load_n(&check_selftest, __ATOMIC_RELAXED);
    if (selftest == SELFTEST_REG &&
        __atomic_exchange_n(&check_selftest, SELFTEST_OFF, __ATOMIC_RELAXED) == SELFTEST_REG)
        c->x[0] ^= 1;
    if (selftest == SELFTEST_MEM && j->n &&
        __atomic_exchange_n(&check_selftest, SELFTEST_OFF, __ATOMIC_RELAXED) == SELFTEST_MEM)
        guest_base[j->e[0].ga] ^= 1;
    state_save(&x->tr, c, v);
    const struct insn *tr_cur = c->cur;
    /* the final bytes, then the journal undone newest first, so each
     * location gets back what it held before the run */
    for (uint32_t k = 0; k < j->n; k++)
        check_raw_copy(j->e[k].fin, guest_base + j->e[k].ga, j->e[k].bytes);
    for (uint32_t k = j->n; k-- > 0;)
        check_raw_copy(guest_base + j->e[k].ga, j->e[k].old, j->e[k].bytes);
    state_load(c, &x->in, v);
    /* a fault in the interpreter's run comes back here, not to the engine */
    memcpy(x->engine_jmp, c->fault_jmp, sizeof x->engine_jmp);
    if (sigsetjmp(c->fault_jmp, 0)) {
        memcpy(c->fault_jmp, x->engine_jmp, sizeof c->fault_jmp);
        state_save(&x->ip, c, v);
        check_report(c, t, "whether the block faults", &x->in, &x->tr, rtr, &x->ip, 0, c->cur, v);
    }
    /* the superblock: on into its next block wherever the interpreter's
     * run goes there (a side exit's target is never the next block), and
     * from its head again where the translation loops */
    uint64_t rip = interp_run(c, b);
    for (uint32_t m = 1; rip == X_NEXT || rip == X_BRANCH;) {
        if (m < t->nblk && c->pc == t->blk[m]->pc)
            rip = interp_run(c, t->blk[m++]);
        else if (t->loops && c->pc == t->pc) {
            rip = interp_run(c, b);
            m = 1;
        } else
            break;
    }
    memcpy(c->fault_jmp, x->engine_jmp, sizeof c->fault_jmp);
    state_save(&x->ip, c, v);
    char buf[48];
    const char *what = NULL;
    /* what lands in the write sink is nobody's business; the states'
     * padding is zero (calloc, fields written one by one), so equal
     * states compare equal as a whole */
    x->tr.x[REG_WSINK] = x->ip.x[REG_WSINK];
    if (rtr != rip)
        what = "the result";
    else if (rip == X_UNDEF && tr_cur != c->cur)
        what = "the undefined instruction";
    else if (memcmp(&x->tr, &x->ip, v ? sizeof x->tr : offsetof(struct check_state, v)))
        what = check_first_diff(&x->tr, &x->ip, v, buf, sizeof buf);
    for (uint32_t k = 0; !what && k < j->n; k++) {
        uint8_t now[8];
        check_raw_copy(now, guest_base + j->e[k].ga, j->e[k].bytes);
        if (memcmp(j->e[k].fin, now, j->e[k].bytes)) {
            snprintf(buf, sizeof buf, "the bytes stored at 0x%llx", (unsigned long long)j->e[k].ga);
            what = buf;
        }
    }
    if (what)
        check_report(c, t, what, &x->in, &x->tr, rtr, &x->ip, rip, NULL, v);
    __atomic_fetch_add(&n_checked, 1, __ATOMIC_RELAXED);
    return (struct jit_ret){rip, NULL};
}

void jit_check_counts(uint64_t *checked, uint64_t *unchecked)
{
    *checked = __atomic_load_n(&n_checked, __ATOMIC_RELAXED);
    *unchecked = 0;
    for (int k = 0; k < SKIP_COUNT; k++)
        *unchecked += __atomic_load_n(&n_skipped[k], __ATOMIC_RELAXED);
}

void jit_check_print_counts(void)
{
    if (!jit_checking)
        return;
    uint64_t s = 0;
    for (int k = 0; k < SKIP_COUNT; k++)
        s += __atomic_load_n(&n_skipped[k], __ATOMIC_RELAXED);
    char why[256] = "";
    for (int k = 0; k < SKIP_COUNT; k++) {
        uint64_t n = __atomic_load_n(&n_skipped[k], __ATOMIC_RELAXED);
        if (n)
            snprintf(why + strlen(why), sizeof why - strlen(why), "%s%llu %s", why[0] ? ", " : "",
                     (unsigned long long)n, skip_name[k]);
    }
    log_printf("jit: check: %llu translated runs checked against the interpreter, %llu not "
               "checked%s%s%s\n",
               (unsigned long long)__atomic_load_n(&n_checked, __ATOMIC_RELAXED),
               (unsigned long long)s, why[0] ? " (" : "", why, why[0] ? ")" : "");
}

/* The translator's debug and profiling aids (docs/design.md "Debug aids"):
 * -d out_asm (each translation's host code, disassembled by capstone,
 * beside its guest instructions), -d jit's line per translation, --perfmap
 * (/tmp/perf-PID.map, so perf names translated code), and the per-thread
 * translation count -d profile's tier times need (engine/stats.c).
 *
 * Everything here runs in jit_debug_translated, called by the thread that
 * made a translation right after publishing it.
 *
 * Invariants:
 * - that thread still holds the block (no quiescent point since
 *   block_get), so the translation and its code stay valid while they are
 *   read here, even if another thread retires the block meanwhile;
 * - one translation's -d out_asm text is one log_write (one write(2)), and
 *   one perf map line one write(2) to an O_APPEND file: output of
 *   concurrent threads never interleaves inside either;
 * - a process image's perf map is /tmp/perf-<getpid()>.map, created empty
 *   by the image's first translation (a file of an earlier image of the
 *   same pid, before an execve, described a different program). A fork
 *   child notices the new pid, starts its own file with the lines its
 *   parent had written when it forked (the code cache it inherited), and
 *   closes the parent's descriptor; a vfork child, which shares pvm's
 *   memory with its suspended parent, never touches the shared state: it
 *   appends each line through a descriptor of its own, closed at once;
 * - the map's descriptor is moved among pvm's hidden ones
 *   (jit_debug_hide_fd, set by the engine: the descriptor table is a
 *   higher floor's) and is close-on-exec; a vfork child's is closed before
 *   its guest runs again. */
#include "interp/capstone.h"
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/log.h"
#include "core/options.h"
#include "interp/disas.h"
#include "interp/ops.h"
#include "translator/internal.h"

int (*jit_debug_hide_fd)(int fd);

/* ---- -d out_asm ---- */

static csh x86;
static bool x86_ok;
static const struct pvm_cs *cs;
static pthread_once_t x86_once = PTHREAD_ONCE_INIT;

static void x86_open(void)
{
    cs = pvm_capstone();
    x86_ok = cs && cs->open(CS_ARCH_X86, CS_MODE_64, &x86) == CS_ERR_OK;
}

/* what a direct jump or call goes to, when it is one of the shared stubs
 * or the interpreter's routine of guest instruction i ("": none); a call
 * out of rel32 reach loads its target into rax first (movabs) */
static const char *out_target(const cs_insn *ci, const struct insn *i)
{
    const char *op = ci->op_str;
    if (!strcmp(ci->mnemonic, "movabs") && !strncmp(op, "rax, ", 5))
        op += 5;
    else if (ci->mnemonic[0] != 'j' && strcmp(ci->mnemonic, "call"))
        return "";
    char *end;
    uintptr_t to = (uintptr_t)strtoull(op, &end, 0);
    if (end == op || *end)
        return "";
    if (i && (void *)to == (void *)exec_table[i->op])
        return "  ; the interpreter's routine";
    if (to == (uintptr_t)jit_stub_exit)
        return "  ; exit stub";
    if (to == (uintptr_t)jit_stub_to_engine)
        return "  ; to the engine";
    if (to == (uintptr_t)jit_stub_epilogue)
        return "  ; epilogue";
    return "";
}

/* the host instructions of [from, to) of tb's code, one line each (i: the
 * guest instruction they are of, NULL for the exits' stubs) */
static void out_host(FILE *f, const struct jit_tb *tb, uint32_t from, uint32_t to,
                     const struct insn *i)
{
    const uint8_t *p = tb->code + from;
    size_t left = to > from ? to - from : 0;
    uint64_t addr = (uint64_t)(uintptr_t)p;
    cs_insn *ci = x86_ok ? cs->malloc(x86) : NULL;
    while (left) {
        if (ci && cs->disasm_iter(x86, &p, &left, &addr, ci)) {
            fprintf(f, "    0x%016" PRIx64 ":  %s %s%s\n", ci->address, ci->mnemonic, ci->op_str,
                    out_target(ci, i));
            continue;
        }
        /* a byte capstone cannot decode (or no capstone): shown as data */
        fprintf(f, "    0x%016" PRIx64 ":  .byte 0x%02x\n", addr, *p);
        p++;
        left--;
        addr++;
    }
    if (ci)
        cs->free(ci, 1);
}

static void out_asm(const struct jit_tb *tb)
{
    pthread_once(&x86_once, x86_open);
    const struct block *b = tb->b;
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return;
    uint32_t n = 0;
    for (uint32_t m = 0; m < tb->nblk; m++)
        n += tb->blk[m]->n;
    fprintf(f, "OUT: guest 0x%016" PRIx64 " host 0x%016" PRIxPTR " size %" PRIu32
               " (%" PRIu32 " insns, %" PRIu32 " blocks, %" PRIu32 " exits)\n",
            b->pc, (uintptr_t)tb->code, tb->size, n, tb->nblk, tb->nexit);
    /* each guest instruction's host code runs from the previous one's end
     * (the first's includes the entry's exit-request check) */
    uint32_t from = 0;
    for (uint32_t k = 0; k < tb->nrec; k++) {
        const struct insn *i = &tb->blk[tb->rec[k].blk]->insns[tb->rec[k].insn];
        if (tb->rec[k].kind == JIT_REC_SLOW) {
            fprintf(f, "  slow path of 0x%016" PRIx64 ":\n", i->pc);
        } else if (tb->rec[k].kind == JIT_REC_SIDE) {
            fprintf(f, "  side exit of 0x%016" PRIx64 ":\n", i->pc);
        } else if (i->op == OP_END_BLOCK) {
            fprintf(f, "  0x%016" PRIx64 ":  (end of block: falls through)\n", i->pc);
        } else {
            char g[160];
            disas_a64(i->raw, i->pc, g, sizeof g);
            fprintf(f, "  0x%016" PRIx64 ":  %08x      %s\n", i->pc, i->raw, g);
        }
        out_host(f, tb, from, tb->rec[k].host_end,
                 i->op == OP_END_BLOCK || tb->rec[k].kind == JIT_REC_SIDE ? NULL : i);
        from = tb->rec[k].host_end;
    }
    fprintf(f, "  exit stubs:\n");
    out_host(f, tb, from, tb->size, NULL);
    fprintf(f, "\n");
    if (fclose(f) == 0)
        log_write(text, len);
    free(text);
}

/* ---- --perfmap ---- */

/* (pid << 32) | fd of the current image's map: fd 0xffffffff when it could
 * not be opened (said once); 0 before the first translation */
static uint64_t pm_state;
/* bytes this process appended to its map (what a fork child copies) */
static uint64_t pm_bytes;
/* the pid of the thread opening the map, 0 when none (a pid other than
 * ours is a lock a fork child inherited from its parent's thread: free) */
static int pm_lock;

#define PM_FAILED 0xffffffffu

/* fresh: the image's file, truncated and kept (hidden); else a vfork
 * child's descriptor for one line, closed before the guest runs again
 * (its descriptor table is its own and it is the only thread of its
 * process, so no guest call can see the number meanwhile) */
static int pm_open(int pid, bool fresh)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/perf-%d.map", pid);
    /* not through a symbolic link someone else left in /tmp */
    int flags = O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW | (fresh ? O_TRUNC : 0);
    int fd = open(path, flags, 0644);
    if (fd < 0) {
        if (fresh)
            log_error("--perfmap: cannot open %s: %m", path);
        return -1;
    }
    if (fresh && jit_debug_hide_fd) {
        int h = jit_debug_hide_fd(fd);
        if (h < 0) {
            close(fd);
            return -1;
        }
        fd = h;
    }
    return fd;
}

/* the first n bytes of the parent's map (old) into the child's (fd) */
static uint64_t pm_copy(int old, int fd, uint64_t n)
{
    char buf[16384];
    uint64_t done = 0;
    while (done < n) {
        size_t want = n - done < sizeof buf ? (size_t)(n - done) : sizeof buf;
        ssize_t r = pread(old, buf, want, (off_t)done);
        if (r <= 0 || write(fd, buf, (size_t)r) != r)
            break;
        done += (uint64_t)r;
    }
    return done;
}

/* the map's descriptor for this process image, opened on first use */
static int pm_fd(int pid)
{
    uint64_t st = __atomic_load_n(&pm_state, __ATOMIC_ACQUIRE);
    if (st && (int)(st >> 32) == pid)
        return (uint32_t)st == PM_FAILED ? -1 : (int)(uint32_t)st;
    for (;;) {
        int held = __atomic_load_n(&pm_lock, __ATOMIC_RELAXED);
        if (held == pid) {
            sched_yield();
            continue;
        }
        if (__atomic_compare_exchange_n(&pm_lock, &held, pid, false, __ATOMIC_ACQUIRE,
                                        __ATOMIC_RELAXED))
            break;
    }
    st = __atomic_load_n(&pm_state, __ATOMIC_ACQUIRE);
    if (!st || (int)(st >> 32) != pid) {
        int old = st && (uint32_t)st != PM_FAILED ? (int)(uint32_t)st : -1;
        uint64_t inherited = __atomic_load_n(&pm_bytes, __ATOMIC_RELAXED);
        int fd = pm_open(pid, true);
        uint64_t copied = 0;
        if (old >= 0) {
            /* a fork child: the parent's lines up to the fork */
            if (fd >= 0)
                copied = pm_copy(old, fd, inherited);
            close(old);
        }
        __atomic_store_n(&pm_bytes, copied, __ATOMIC_RELAXED);
        st = ((uint64_t)(uint32_t)pid << 32) | (fd >= 0 ? (uint32_t)fd : PM_FAILED);
        __atomic_store_n(&pm_state, st, __ATOMIC_RELEASE);
    }
    __atomic_store_n(&pm_lock, 0, __ATOMIC_RELEASE);
    return (uint32_t)st == PM_FAILED ? -1 : (int)(uint32_t)st;
}

static void perfmap(struct cpu *c, const struct jit_tb *tb)
{
    /* perf's format: START SIZE NAME, START and SIZE in hex */
    char line[96];
    int n = snprintf(line, sizeof line, "%" PRIxPTR " %" PRIx32 " guest:0x%" PRIx64 "\n",
                     (uintptr_t)tb->code, tb->size, tb->b->pc);
    int pid = (int)getpid();
    if (c->proc.vfork_child) {
        int fd = pm_open(pid, false);
        if (fd >= 0) {
            (void)!write(fd, line, (size_t)n);
            close(fd);
        }
        return;
    }
    int fd = pm_fd(pid);
    if (fd >= 0 && write(fd, line, (size_t)n) == n)
        __atomic_fetch_add(&pm_bytes, (uint64_t)n, __ATOMIC_RELAXED);
}

/* ---- the hook ---- */

void jit_debug_translated(struct cpu *c, const struct jit_tb *tb, uint64_t ns)
{
    if (log_on(DBG_STATS)) {
        task_prof_add(&c->prof.translated, 1);
        task_prof_add(&c->prof.translate_ns, ns);
    }
    if (opt.perfmap)
        perfmap(c, tb);
    if (log_on(DBG_jit)) {
        const struct block *b = tb->b;
        uint32_t n = 0;
        for (uint32_t m = 0; m < tb->nblk; m++) {
            const struct block *bl = tb->blk[m];
            n += bl->n - (bl->n && bl->insns[bl->n - 1].op == OP_END_BLOCK);
        }
        char took[48] = "";
        if (ns) /* measured only under -d profile or -d exec */
            snprintf(took, sizeof took, " in %.1f us", (double)ns / 1000);
        log_printf("jit: translated 0x%016" PRIx64 " (%" PRIu32 " insns, %" PRIu32
                   " blocks): %" PRIu32 " bytes at 0x%016" PRIxPTR "%s\n",
                   b->pc, n, tb->nblk, tb->size, (uintptr_t)tb->code, took);
    }
    if (log_on(DBG_out_asm))
        out_asm(tb);
}

/* What the translator's files share: the translation record, the emitting
 * context, the register convention of translated code and the code cache.
 *
 * Register convention inside translated code (set by the entry stub, kept
 * across every helper call because they are callee-saved in the SysV ABI):
 *   rbx  struct cpu *            r12  guest_base
 *   r13  guest_size - 16: an address a <= r13 has at least 16 bytes of the
 *        region from a, so one unsigned compare confines any access of up to
 *        16 bytes (a tagged or out-of-range address takes the slow path)
 *   rsp  16-byte aligned (helpers may be called directly)
 * rax, rcx, rdx and xmm0-xmm3 are the emitters' scratch; rbp, r14, r15,
 * rsi, rdi, r8-r11 are the register cache's pool (translator/regs.c): guest
 * X registers held while a translation runs, written back to struct cpu at
 * every exit and helper call. (The limit was a rip-relative word in the
 * code cache for a while, freeing r13 for the pool: the memory-operand
 * compare cost more than the register bought, 10 % on sqlite.) */
#ifndef PVM_TRANSLATOR_INTERNAL_H
#define PVM_TRANSLATOR_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "interp/block.h"
#include "interp/insn.h"
#include "translator/jit.h"
#include "translator/x64.h"

#define JIT_CPU X64_RBX
#define JIT_BASE X64_R12
#define JIT_LIMIT X64_R13

/* offsets into struct cpu for memory operands */
#define JIT_XOFF(r) ((int32_t)(offsetof(struct cpu, x) + 8 * (r)))
#define JIT_OFF(field) ((int32_t)offsetof(struct cpu, field))
static inline struct x64_mem jit_xreg(unsigned r) { return x64_m(JIT_CPU, JIT_XOFF(r)); }
static inline struct x64_mem jit_cpu(int32_t off) { return x64_m(JIT_CPU, off); }

/* a direct exit: a patchable jmp to the next translation, or to its stub
 * that returns to the engine with the exit in rdx */
struct jit_exit {
    uint64_t target;          /* guest pc it leaves for */
    uint32_t jmp_at;          /* offset (from tb->code) of the jmp's rel32, 4-byte aligned */
    uint32_t stub_at;         /* offset of its unlinked stub */
    struct jit_tb *from;
    struct jit_tb *to;        /* the linked translation, NULL when unlinked (jit lock) */
    struct jit_exit *in_next, **in_pprev; /* to's incoming list (jit lock) */
};

/* recovery: the guest instruction whose host code ends at host_end, and
 * where its dirty guest registers are at a fault on its fast path */
enum jit_rec_kind { JIT_REC_BODY, JIT_REC_SLOW, JIT_REC_SIDE };
struct jit_rec {
    uint32_t host_end; /* offset from tb->code */
    uint16_t insn;     /* index into blk[blk]->insns */
    uint8_t blk;       /* which of the translation's blocks */
    uint8_t kind : 4;  /* enum jit_rec_kind: body, a slow path, a side exit */
    uint8_t saved : 4; /* flags there, for the recovery: put aside (jit_emit.saved),
                          or live in the x86 flags (kind + 1 | JIT_REC_LIVE) */
    uint64_t regmap;   /* jit_regs_map at the access (0: all in struct cpu) */
};

/* A translation is a superblock: its head block, then the blocks it runs
 * into by falling through a conditional branch (whose taken way is a side
 * exit) or by a direct B, all on the head's guest page, so the
 * invalidation of any of them (page-wide) retires the head and its
 * translation with it (translate.c) */
#define JIT_SB_MAX 8

struct jit_tb {
    uint64_t pc;              /* b->pc: what the jump cache's probe compares */
    struct block *b;          /* the head, blk[0], whose translation this is */
    struct block *blk[JIT_SB_MAX];
    uint32_t nblk;
    bool loops;               /* an exit to its head jumps back inside */
    uint8_t *code;            /* entry point */
    uint32_t size;            /* bytes of host code from code */
    uint32_t alloc_size;      /* bytes taken from the cache (header included) */
    uint32_t nrec, nexit;
    struct jit_rec *rec;
    struct jit_exit *exits;
    struct jit_exit *incoming; /* exits linked to this one (jit lock) */
    bool retired;              /* jit lock */
};

/* the code cache's header of each translation: the allocation starts with
 * it, so the signal handler finds a translation from any pc inside it */
struct jit_hdr {
    struct jit_tb *tb;
    uint64_t pc;              /* tb->pc, for the jump cache's way in */
};
/* A translation's code (tb->code) starts with the jump cache's way in: a
 * compare of rax with the header's pc and a jcc to jit_stub_to_engine;
 * everything else enters at tb->code + JIT_ENTRY (jit_run, linked exits) */
#define JIT_ENTRY 16

/* ---- the jump cache (translator/link.c) ----
 * Indirect branches (BR, BLR, RET) look their target up inline in a
 * direct-mapped table of translations' code (tb->code) indexed by guest pc
 * bits [2, 2+bits): a slot is jumped to with the target in rax, and the
 * code's way in compares it with its own pc (a slot another pc shares goes
 * back to the engine from there), so the probe is one load and no load of
 * the translation's record; an empty slot returns to the engine, which
 * fills the slot of each translation it enters. Slots are single pointers
 * (atomic); a retirement clears its translation's slot under the jit lock,
 * and a thread that read the pointer just before still holds it safely
 * (the translation is freed only after that thread's next quiescent
 * point).
 * 2^16 slots (512 KiB, touched only where used): at 2^12, sqlite's return
 * targets collided often enough that the engine's lookups took 5 % of its
 * time. */
#define JIT_JCACHE_BITS 16
extern uint8_t *jit_jcache[1u << JIT_JCACHE_BITS];
static inline uint32_t jit_jcache_slot(uint64_t pc)
{
    return (uint32_t)(pc >> 2) & ((1u << JIT_JCACHE_BITS) - 1);
}
/* chaining and the jump cache are used (not under -d exec/profile, which
 * count every block, nor while checking translations) */
bool jit_chaining(void);

/* ---- lifetimes (translator/link.c) and installing (translate.c) ---- */

/* pvm's own code is within rel32 reach of the whole cache (jit_init) */
extern bool jit_near;
/* under the jit lock: allocates tb's code in the cache, copies it in
 * (jit_install) and publishes it in b; false when b is retired or already
 * translated, or the cache is full or flushing */
bool jit_publish(struct block *b, struct jit_tb *tb, uint32_t code_bytes);
/* the calling thread's scratch code copied to tb->code, relocations applied */
void jit_install(struct jit_tb *tb);
/* a flush waits for the old translations (relaxed read) */
bool jit_flushing(void);
void jit_count_translation(uint64_t ns, bool ok);

/* ---- the code cache (translator/cache.c) ---- */

/* reserves the cache and writes the shared stubs; false on failure */
bool jit_cache_init(uint64_t size);
/* bytes for a translation of at most `max` bytes of code (header
 * included), or NULL when the cache is full; jit lock held */
void *jit_cache_alloc(uint32_t *size);
/* gives a translation's bytes back; jit lock held */
void jit_cache_free(void *p, uint32_t size);
/* bytes of the cache ever carved (the bump pointer) */
uint64_t jit_cache_used(void);
/* forgets every allocation: only when no translation is left */
void jit_cache_reset(void);
/* the translation whose code contains pc, NULL if pc is not in one
 * (signal-handler safe) */
struct jit_tb *jit_cache_find(uintptr_t pc);
/* the shared stubs at the start of the cache */
extern uint8_t *jit_stub_enter;    /* struct jit_ret (struct cpu *c, void *code) */
extern uint8_t *jit_stub_epilogue; /* returns rax:rdx to jit_stub_enter's caller */
extern uint8_t *jit_stub_exit;     /* eax = result already; rdx = 0; to the epilogue */
extern uint8_t *jit_stub_to_engine; /* c->pc = rax, X_BRANCH: a jump-cache miss, a RET
                                      that popped the empty frame, a plain exit, the
                                      exit-request path */
/* Return frames (--jit-off ras): a BL's chained exit pushes the guest
 * return address and calls the callee's translation, so the host call
 * pushes the host address of the code going on at the return address; a
 * RET whose target equals the top frame's guest address is a host `ret 8`,
 * predicted by the CPU's return stack. The entry stub pushes an empty frame
 * (guest address JIT_RAS_EMPTY, host address jit_stub_to_engine) and sets
 * c->ras_base there and c->ras_floor JIT_RAS_DEPTH frames below; a call at
 * the floor drops every frame first (rsp back to c->ras_base), and the
 * epilogue takes rsp back from c->ras_base, so frames a guest never
 * returns through (longjmp, exceptions) go at the next return to the
 * engine or the next full stack. jit_run is never nested. */
#define JIT_RAS_DEPTH 64
#define JIT_RAS_EMPTY 1u
bool jit_ras(void);
/* the largest translation the allocator hands out */
#define JIT_TB_MAX (256u << 10)

/* ---- the register cache (translator/regs.c) ---- */

#define JIT_NPOOL 9
extern const int8_t jit_pool[JIT_NPOOL]; /* pool index -> host register */
/* SP pinned to r15 (pool index 3) across translations: the entry stub loads
 * it, the epilogue stores it, every C call is preceded by its store and
 * followed by its load, a chained exit keeps it (jit_pin: unless --jit-off
 * pin, fixed when the stubs are written) */
#define JIT_PIN_GUEST 31u
#define JIT_PIN_SLOT 3
extern bool jit_pin;

struct jit_regs {
    int8_t slot[34];           /* guest register -> pool index, -1: in struct cpu only */
    int8_t guest[JIT_NPOOL];   /* pool index -> guest register, -1: free */
    uint64_t dirty;            /* guest registers newer in the pool than in struct cpu */
    uint32_t stamp[JIT_NPOOL]; /* last use, for eviction */
    uint32_t clock;
    uint32_t lock;             /* pool indexes the current instruction holds */
};

/* ---- confined registers (translator/emit_ldst.c) ---- */

/* Guest registers whose value an earlier bounds check on this way through
 * the translation confined: bit g of mask set means x[g] + off[g] was
 * found in [0, guest_size - 16] (64-bit arithmetic) and x[g] has not been
 * written since but by moves that keep the relation (ADD/SUB immediate,
 * MOV, a writeback). An access at x[g] + imm then needs no check while
 * |imm - off[g]| <= JIT_CONF_SLACK: it lands within MEM_GUARD of the
 * region, where the guards make a stray access fault (core/mem.h). Facts
 * flow forward in emission order only (empty at the loop label), a write
 * of the register (jit_reg_def/mod) or a helper call forgets them, and a
 * slow path that rejoins after establishing one checks it again or leaves
 * the translation. */
#define JIT_CONF_SLACK (32 << 10)
struct jit_conf {
    uint32_t mask;
    int32_t off[32];
};

/* ---- emitting (translator/translate.c) ---- */

struct jit_emit {
    struct x64_buf *x;
    struct block *b;
    struct jit_tb *tb;
    const struct insn *const *seq; /* the superblock's instructions in order */
    uint32_t n;               /* how many */
    uint32_t k;               /* index into seq of the instruction being emitted */
    uint64_t next_pc;         /* the current instruction ends a block the
                                 superblock goes on from, at this pc (else 0) */
    bool loop;                /* an exit to the head jumps back inside (translate.c) */
    size_t loop_label;        /* where: the exit-request check after the entry's loads */
    struct jit_regs loop_at;  /* the cache there */
    bool wrap;                /* the loop runs again from seq[0] (a second pass) */
    const uint16_t (*next_use)[34]; /* jit_regs_plan's table */
    struct jit_exit *exits;   /* room for the block's exits */
    uint32_t nexit, exit_cap;
    struct jit_regs regs;     /* the cache at the current emission point */
    uint64_t fault_map;       /* the instruction's recovery regmap */
    uint8_t flags;            /* live x86 flags not yet packed into NZCV: kind + 1 (emit_dp.c) */
    uint8_t saved;            /* or put aside in c->flags_raw: kind + 1 (emit_dp.c) */
    struct jit_conf conf;     /* confined registers here (emit_ldst.c) */
};

void jit_regs_reset(struct jit_regs *r);
/* next[k][g]: how many instructions after seq[k] the translation next
 * names guest register g (counting the next iteration's when e->wrap), or
 * JIT_NO_USE; made once per emission for the cache's eviction choice */
#define JIT_NO_USE 0xffffu
void jit_regs_plan(struct jit_emit *e, uint16_t (*next)[34]);
/* the host register holding guest register g (0..33) for reading (loaded
 * at the first use), for a whole write (no load; dirty) or for both; held
 * until the next instruction. x[32] (XZR as a source) is never dirty. */
int jit_reg(struct jit_emit *e, unsigned g);
int jit_reg_def(struct jit_emit *e, unsigned g);
int jit_reg_mod(struct jit_emit *e, unsigned g);
/* writes every dirty register back (they stay cached, clean): before code
 * that reads struct cpu (a C call) */
void jit_regs_sync(struct jit_emit *e);
/* the same before an exit to another translation: the pinned register
 * stays in its host register (the epilogue stores it if the exit returns
 * to the engine) */
void jit_regs_sync_exit(struct jit_emit *e);
/* after a C call that may have changed struct cpu: the pinned register
 * loaded again */
void jit_regs_reload_pinned(struct x64_buf *x);
/* writes back and forgets every register: before code that may change
 * guest registers in struct cpu (a helper call) */
void jit_regs_drop(struct jit_emit *e);
/* code writing back r's dirty registers / loading all of r's registers
 * (a slow path: from the snapshot at its branch, then to the join state) */
void jit_regs_store(struct x64_buf *x, const struct jit_regs *r);
void jit_regs_load(struct x64_buf *x, const struct jit_regs *r);
/* code turning the cache e->regs into `to` (the registers `to` holds in
 * its pool registers, the others in struct cpu; written back where `to` has
 * them clean); e->regs becomes `to`. Clobbers rax */
void jit_regs_reconcile(struct jit_emit *e, const struct jit_regs *to);
/* r's dirty registers as a recovery regmap: 6 bits per pool index, guest + 1 */
uint64_t jit_regs_map(const struct jit_regs *r);
/* c->x from a regmap and the host registers at a fault (x86 numbering) */
void jit_regs_recover(struct cpu *c, uint64_t map, const uint64_t host[16]);

/* the instruction i through its interpreter routine: the generic path
 * (the register cache written back and emptied first) */
void jit_emit_call(struct jit_emit *e, const struct insn *i);
/* the current instruction's slow path, taken by the fast path's branches
 * jcc (SIZE_MAX: none) with the cache as it was there (at), rejoining here:
 * emitted after the block's body (the cache written back from `at`, the
 * routine, the cache here reloaded, a jump back) */
void jit_emit_slow(struct jit_emit *e, const size_t *jcc, unsigned njcc, const struct jit_regs *at);
/* the same for an access whose fast path leaves guest register g confined
 * by off (jit_conf): the slow path checks x[g] + off after the routine and
 * leaves the translation for the next instruction when it does not hold
 * (a tagged address, the region's last bytes) */
void jit_emit_slow_conf(struct jit_emit *e, const size_t *jcc, unsigned njcc, const struct jit_regs *at,
                        int g, int32_t off);
/* leaves for guest pc `target` through a chainable exit (c->pc stored) */
void jit_emit_exit(struct jit_emit *e, uint64_t target);
/* a BL's: the same with a return frame for guest address ret (jit_ras) */
void jit_emit_call_exit(struct jit_emit *e, uint64_t target, uint64_t ret);
/* a BLR's jump-cache hit (the code in rdx, the cache written back): a
 * return frame for ret and a call of rdx; the code after the call leaves
 * for ret. False (nothing emitted) without room for the exit */
bool jit_emit_call_frame(struct jit_emit *e, uint64_t ret);
/* a side exit: the fast path's jcc (from x64_jcc) leaves for target, the
 * cache and the live flags as they are here written back out of line (the
 * way on keeps both) */
void jit_emit_side_exit(struct jit_emit *e, size_t jcc, uint64_t target);
/* superblocks are made (not under -d exec/profile, which count every
 * block, nor with --jit-off superblock); their loops (an exit to the
 * head) stay inside (nor with --jit-off loop) */
bool jit_superblocks(void);
bool jit_loops(void);
/* whether an exit to target jumps back to the translation's loop label
 * (then a conditional one is a side exit, so the way on keeps the cache) */
static inline bool jit_is_loop(const struct jit_emit *e, uint64_t target)
{
    return e->loop && target == e->tb->pc;
}
/* reg = a host pointer, through a movabs in the relocation list */
void jit_emit_ptr(struct jit_emit *e, int reg, const void *p);
/* a call of a C function (rel32 when it reaches, else through rax) */
void jit_emit_call_fn(struct jit_emit *e, const void *fn);
/* reg = the address of a pvm object (rip-relative when it reaches) */
void jit_emit_addr(struct jit_emit *e, int reg, const void *obj);
/* a jcc (cc >= 0) or jmp (cc < 0) to a shared stub */
void jit_emit_jump_stub(struct jit_emit *e, int cc, const void *stub);

/* class emitters: emit i natively and return true, or return false (and
 * emit nothing) to leave it to the generic path; the mirror of
 * interp/<class>.h */
bool jit_emit_branch(struct jit_emit *e, const struct insn *i);
/* sets x86 flags so that the returned condition code means "cond holds on
 * the stored NZCV"; -1 when cond always holds (nothing emitted). Clobbers
 * rax (translator/emit_branch.c) */
int jit_emit_cond_test(struct jit_emit *e, unsigned cond);
bool jit_emit_dp(struct jit_emit *e, const struct insn *i);
/* deferred NZCV (translator/emit_dp.c): whether flag-setting instructions
 * leave their x86 flags live for the next one; the pack into c->nzcv
 * (clobbers rax and the flags; nothing when none are live); the x86
 * condition code stating cond on the live flags (-1 always, -2 none);
 * whether i consumes live flags itself (else they are packed before it) */
extern bool jit_fuse_flags;
void jit_flags_finish(struct jit_emit *e);
/* Flags put aside: before an instruction that neither reads NZCV nor
 * leaves the translation (a memory access, an ALU operation that is not
 * transparent) live flags are saved raw into c->flags_raw (lahf, seto:
 * three instructions against the pack's seven) and e->saved says so; a
 * later consumer that can test them puts them back into the x86 flags
 * (jit_flags_restore), anything that needs c->nzcv (an exit, a routine, a
 * slow path, a fault's recovery: jit_flags_nzcv) converts them, and a full
 * setter makes them dead. */
void jit_flags_aside(struct jit_emit *e);
void jit_flags_restore(struct jit_emit *e);
/* whether the flags put aside can be tested by i once restored */
bool jit_flags_restorable(const struct jit_emit *e, const struct insn *i);
/* NZCV from flags put aside of kind saved - 1 (struct jit_rec.saved), or
 * with JIT_REC_LIVE from the x86 RFLAGS of a fault's context */
#define JIT_REC_LIVE 8u
uint32_t jit_flags_nzcv(uint64_t raw, unsigned saved);
/* before a memory access's code: live flags stay live where the access
 * leaves the x86 flags alone (keeps: no bounds check; a fault then reads
 * them from its context), else they are put aside or packed as before any
 * other instruction (translate.c) */
void jit_flags_access(struct jit_emit *e, bool keeps);
int jit_flags_cc(const struct jit_emit *e, unsigned cond);
bool jit_flags_fusable(const struct jit_emit *e, const struct insn *i);
/* whether i is emitted without touching the x86 flags when they are live
 * (lea, mov), so they stay live across it */
bool jit_flags_transparent(const struct insn *i);
bool jit_emit_ldst(struct jit_emit *e, const struct insn *i);
/* confined registers: g's fact forgotten / set; what a 64-bit ADD/SUB
 * (immediate) or MOV (register) i carries from its source, read before i
 * is emitted (-1: nothing) and set after it with *off */
static inline void jit_conf_kill(struct jit_emit *e, unsigned g)
{
    if (g < 32)
        e->conf.mask &= ~(1u << g);
}
void jit_conf_set(struct jit_emit *e, unsigned g, int64_t off);
int jit_conf_carry(const struct jit_emit *e, const struct insn *i, int64_t *off);
bool jit_emit_simd(struct jit_emit *e, const struct insn *i);
bool jit_emit_fp(struct jit_emit *e, const struct insn *i);

/* ---- the lockstep checker (translator/check.c) ---- */

/* translations are checked against the interpreter (--check-jit) */
extern bool jit_checking;
/* a natively emitted store while checking: ga is untagged and confined
 * already; v's low `bytes` bytes (1, 2, 4, 8) are stored */
void jit_check_store(struct cpu *c, uint64_t ga, uint64_t v, unsigned bytes);

/* ---- debug and profiling aids (translator/debug.c) ---- */

/* tb was just published by c's thread, which still holds its block; ns:
 * the translation's time when measured (-d profile/exec), else 0. Writes
 * -d out_asm's disassembly, -d jit's line, the --perfmap line, and counts
 * the translation in c->prof for -d profile. */
void jit_debug_translated(struct cpu *c, const struct jit_tb *tb, uint64_t ns);

#endif

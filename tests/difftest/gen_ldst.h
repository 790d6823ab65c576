/* Difftest class ldst: random loads and stores inside the scratch block.
 * Included by gen.c (uses its rnd/rn). */
/* ---- class ldst ----
 * Registers: x0-x17 data (load destinations, store sources); x18 an index
 * in [0, 31]; x19 an index whose low word is in [-32, -1] (used with SXTW
 * only) and whose top word is garbage; x20-x25 bases that may be written
 * back; x26, x27 16-byte aligned bases never written back (exclusives and
 * ordered accesses); x28 the scratch block. Offsets of x20-x27 from x28 are
 * tracked here; after any writeback a base stays in [LD_LO, LD_HI), and
 * every access (at most 64 bytes at most 512 from the base) stays inside. */
#define SCRATCH 4096
#define LD_LO 576
#define LD_HI 3520
static int ld_off[8];     /* x20 + k: offset from x28 */
static uint64_t ld_x18, ld_x19;

static unsigned ld_data(void) { return rn(18); }
/* a data register name of width w ('w' or 'x'); sometimes the zero register */
static void ld_reg(char *b, char w, unsigned r)
{
    if (r == 31)
        sprintf(b, "%czr", w);
    else
        sprintf(b, "%c%u", w, r);
}

/* an offset v = step * k, k in [lo, hi], such that [base + v, +len) is in
 * the block (at is_wb, base + v must also be a valid new base); 0 when none
 * is found quickly (always valid: bases are inside [LD_LO, LD_HI)) */
static int ld_pick(int base, int lo, int hi, int step, int len, int at_wb, int post)
{
    for (int t = 0; t < 64; t++) {
        int v = step * (lo + (int)rn((unsigned)(hi - lo + 1)));
        int a = post ? base : base + v;
        if (a < 0 || a + len > SCRATCH)
            continue;
        if (at_wb && (base + v < LD_LO || base + v >= LD_HI))
            continue;
        return v;
    }
    return 0;
}

/* index register operand for a register-offset access of 2^size bytes;
 * returns the offset it adds */
static int ld_index(char *b, unsigned size)
{
    unsigned s = rn(2) ? size : 0;
    int idx18 = (int)ld_x18, idx19 = (int)(int32_t)(uint32_t)ld_x19;
    switch (rn(5)) {
    case 0: sprintf(b, "x18"); return idx18;
    case 1: sprintf(b, "x18, lsl #%u", size); return idx18 << size;
    case 2: sprintf(b, "w18, uxtw #%u", s); return idx18 << s;
    case 3: sprintf(b, "w19, sxtw #%u", s); return idx19 * (1 << s);
    default: sprintf(b, "x18, sxtx #%u", s); return idx18 << s;
    }
}

/* "ldr"/"str"-style mnemonic with u (unscaled) or t (unprivileged) inserted */
static void ld_mn_ins(char *o, const char *mn, char c) { sprintf(o, "%.2s%c%s", mn, c, mn + 2); }

/* one addressing-mode operand for a single-register access; len bytes */
static void ld_addr(char *o, const char *mn, char *mnout, unsigned size, int unpriv_ok)
{
    unsigned len = 1u << size;
    unsigned b = rn(8), wb = rn(6); /* x20 + b */
    int *off = &ld_off[b];
    int v;
    strcpy(mnout, mn);
    switch (rn(unpriv_ok ? 6 : 5)) {
    case 0: /* unsigned scaled offset */
        v = ld_pick(*off, 0, (int)(512 >> size), (int)len, (int)len, 0, 0);
        sprintf(o, "[x%u, #%d]", 20 + b, v);
        break;
    case 1: /* unscaled */
        v = ld_pick(*off, -256, 255, 1, (int)len, 0, 0);
        ld_mn_ins(mnout, mn, 'u');
        sprintf(o, "[x%u, #%d]", 20 + b, v);
        break;
    case 2: /* pre-index */
        v = ld_pick(ld_off[wb], -256, 255, 1, (int)len, 1, 0);
        ld_off[wb] += v;
        sprintf(o, "[x%u, #%d]!", 20 + wb, v);
        break;
    case 3: /* post-index */
        v = ld_pick(ld_off[wb], -256, 255, 1, (int)len, 1, 1);
        ld_off[wb] += v;
        sprintf(o, "[x%u], #%d", 20 + wb, v);
        break;
    case 4: { /* register offset */
        char ix[32];
        ld_index(ix, size);
        sprintf(o, "[x%u, %s]", 20 + b, ix);
        break;
    }
    default: /* unprivileged (EL0: as unscaled) */
        v = ld_pick(*off, -256, 255, 1, (int)len, 0, 0);
        ld_mn_ins(mnout, mn, 't');
        sprintf(o, "[x%u, #%d]", 20 + b, v);
        break;
    }
}

static void ld_int_single(char *out)
{
    static const struct { const char *mn; char w; unsigned size; } k[] = {
        {"strb", 'w', 0}, {"strh", 'w', 1}, {"str", 'w', 2}, {"str", 'x', 3}, {"ldrb", 'w', 0},
        {"ldrh", 'w', 1}, {"ldr", 'w', 2}, {"ldr", 'x', 3}, {"ldrsb", 'w', 0}, {"ldrsb", 'x', 0},
        {"ldrsh", 'w', 1}, {"ldrsh", 'x', 1}, {"ldrsw", 'x', 2},
    };
    unsigned n = rn(sizeof k / sizeof *k);
    char r[8], a[48], mn[16];
    ld_reg(r, k[n].w, rn(16) ? ld_data() : 31);
    ld_addr(a, k[n].mn, mn, k[n].size, 1);
    sprintf(out, "%s %s, %s", mn, r, a);
}

static const char ld_vch[] = "bhsdq";

static void ld_fp_single(char *out)
{
    unsigned size = rn(5);
    char a[48], mn[16];
    ld_addr(a, rn(2) ? "ldr" : "str", mn, size, 0);
    sprintf(out, "%s %c%u, %s", mn, ld_vch[size], rn(32), a);
}

static void ld_pair(char *out)
{
    static const struct { const char *mn; char r; unsigned size; int load; } k[] = {
        {"stp", 'w', 2, 0}, {"stp", 'x', 3, 0}, {"ldp", 'w', 2, 1}, {"ldp", 'x', 3, 1}, {"ldpsw", 'x', 2, 1},
        {"stp", 's', 2, 0}, {"stp", 'd', 3, 0}, {"stp", 'q', 4, 0}, {"ldp", 's', 2, 1}, {"ldp", 'd', 3, 1},
        {"ldp", 'q', 4, 1},
    };
    unsigned n = rn(sizeof k / sizeof *k);
    int vec = k[n].r != 'w' && k[n].r != 'x';
    unsigned es = 1u << k[n].size, r1, r2;
    char a[48], t1[8], t2[8];
    do {
        r1 = vec ? rn(32) : ld_data();
        r2 = vec ? rn(32) : ld_data();
    } while (k[n].load && r1 == r2);
    if (vec) {
        sprintf(t1, "%c%u", k[n].r, r1);
        sprintf(t2, "%c%u", k[n].r, r2);
    } else {
        ld_reg(t1, k[n].r, !k[n].load && !rn(16) ? 31 : r1);
        ld_reg(t2, k[n].r, r2);
    }
    unsigned b = rn(8), wb = rn(6), mode = rn(4);
    int lim = 256 / (int)es; /* stay within +-256 bytes (or the imm7 range) */
    if (lim > 64)
        lim = 64;
    const char *mn = k[n].mn;
    char mnb[8];
    int v;
    if (mode == 3 && strcmp(mn, "ldpsw")) { /* non-temporal: offset only */
        sprintf(mnb, "%snp", k[n].load ? "ld" : "st");
        mn = mnb;
        mode = 0;
    }
    switch (mode) {
    case 0: case 3:
        v = ld_pick(ld_off[b], -lim, lim - 1, (int)es, 2 * (int)es, 0, 0);
        sprintf(a, "[x%u, #%d]", 20 + b, v);
        break;
    case 1:
        v = ld_pick(ld_off[wb], -lim, lim - 1, (int)es, 2 * (int)es, 1, 0);
        ld_off[wb] += v;
        sprintf(a, "[x%u, #%d]!", 20 + wb, v);
        break;
    default:
        v = ld_pick(ld_off[wb], -lim, lim - 1, (int)es, 2 * (int)es, 1, 1);
        ld_off[wb] += v;
        sprintf(a, "[x%u], #%d", 20 + wb, v);
        break;
    }
    sprintf(out, "%s %s, %s, %s", mn, t1, t2, a);
}

/* exclusives as matched LDXR/STXR pairs on the aligned bases (the monitor
 * is clear between templates: a lone store-exclusive always fails) */
static void ld_excl(char *out)
{
    static const char *const sfx[] = {"b", "h", "", ""};
    unsigned size = rn(4), b = 26 + rn(2), rt, rt2, rs;
    char w = size == 3 ? 'x' : 'w';
    const char *acq = rn(2) ? "a" : "", *rel = rn(2) ? "l" : "";
    do {
        rt = ld_data();
        rt2 = ld_data();
        rs = ld_data();
    } while (rs == rt || rs == rt2 || rt == rt2);
    switch (rn(6)) {
    case 0: case 1:
        sprintf(out, "ld%sxr%s %c%u, [x%u]\n\tst%sxr%s w%u, %c%u, [x%u]", acq, sfx[size], w, rt, b, rel, sfx[size],
                rs, w, rt2, b);
        break;
    case 2: { /* pairs: W (8 bytes) or X (16 bytes), aligned bases */
        char pw = rn(2) ? 'x' : 'w';
        unsigned r3 = ld_data(), r4 = ld_data();
        while (r3 == rs || r4 == rs)
            r3 = ld_data(), r4 = ld_data();
        sprintf(out, "ld%sxp %c%u, %c%u, [x%u]\n\tst%sxp w%u, %c%u, %c%u, [x%u]", acq, pw, rt, pw, rt2, b, rel, rs,
                pw, r3, pw, r4, b);
        break;
    }
    case 3:
        sprintf(out, "ldar%s %c%u, [x%u]", sfx[size], w, rt, b);
        break;
    case 4:
        sprintf(out, "stlr%s %c%u, [x%u]", sfx[size], w, rt, b);
        break;
    default: /* monitor clear: fails, stores nothing */
        sprintf(out, "st%sxr%s w%u, %c%u, [x%u]", rel, sfx[size], rs, w, rt, b);
        break;
    }
}

static const char *const ld_arr[] = {"8b", "16b", "4h", "8h", "2s", "4s", "1d", "2d"};

/* post-index operand for a structure access of total bytes; updates the base */
static void ld_struct_addr(char *a, unsigned total)
{
    unsigned b = rn(6);
    int *off = &ld_off[b];
    int post = rn(3);
    if (post == 1 && *off + (int)total < LD_HI) {
        sprintf(a, "[x%u], #%u", 20 + b, total);
        *off += (int)total;
    } else if (post == 2 && *off + (int)ld_x18 < LD_HI) {
        sprintf(a, "[x%u], x18", 20 + b);
        *off += (int)ld_x18;
    } else {
        sprintf(a, "[x%u]", 20 + b);
    }
}

static void ld_vlist(char *o, unsigned first, unsigned n, const char *t)
{
    o += sprintf(o, "{");
    for (unsigned k = 0; k < n; k++)
        o += sprintf(o, "%sv%u.%s", k ? ", " : "", (first + k) % 32, t);
    sprintf(o, "}");
}

static void ld_struct(char *out)
{
    char l[96], a[32];
    int load = rn(2);
    unsigned first = rn(32);
    switch (rn(3)) {
    case 0: { /* multiple structures */
        unsigned sel = 1 + rn(4), ai = rn(8), nregs = sel;
        if (sel > 1 && ai == 6)
            ai = 7; /* .1d only for LD1/ST1 */
        if (sel == 1)
            nregs = 1 + rn(4);
        unsigned q = ai & 1;
        ld_vlist(l, first, nregs, ld_arr[ai]);
        ld_struct_addr(a, nregs * (q ? 16 : 8));
        sprintf(out, "%s%u %s, %s", load ? "ld" : "st", sel, l, a);
        break;
    }
    case 1: { /* single structure (one lane) */
        unsigned sel = 1 + rn(4), es = rn(4);
        static const char t[4][2] = {"b", "h", "s", "d"};
        ld_vlist(l, first, sel, t[es]);
        ld_struct_addr(a, sel << es);
        sprintf(out, "%s%u %s[%u], %s", load ? "ld" : "st", sel, l, rn(16u >> es), a);
        break;
    }
    default: { /* load and replicate */
        unsigned sel = 1 + rn(4), ai = rn(8);
        ld_vlist(l, first, sel, ld_arr[ai]);
        ld_struct_addr(a, sel << (ai / 2));
        sprintf(out, "ld%ur %s, %s", sel, l, a);
        break;
    }
    }
}

/* literal loads read the test's own preamble code (just before the body) */
static void ld_literal(char *out)
{
    static const char *const k[] = {"ldr x", "ldr w", "ldrsw x", "ldr s", "ldr d", "ldr q", "prfm pldl1keep"};
    unsigned n = rn(sizeof k / sizeof *k);
    unsigned r = n >= 3 ? rn(32) : ld_data(), back = 4 * (4 + rn(24));
    if (n == 6)
        sprintf(out, "%s, .-%u", k[n], back);
    else
        sprintf(out, "%s%u, .-%u", k[n], r, back);
}

static void emit_ldst(FILE *f, FILE *lst)
{
    char out[256];
    switch (rn(16)) {
    case 0: case 1: case 2: case 3: ld_int_single(out); break;
    case 4: case 5: case 6: ld_fp_single(out); break;
    case 7: case 8: case 9: ld_pair(out); break;
    case 10: case 11: ld_excl(out); break;
    case 12: case 13: case 14: ld_struct(out); break;
    default:
        if (rn(4))
            ld_struct(out);
        else
            ld_literal(out);
        break;
    }
    fprintf(f, "\t%s\n", out);
    for (char *p = out; *p; p++) {
        if (*p == '\n')
            *p = ';';
        if (*p == '\t')
            *p = ' ';
    }
    fprintf(lst, " %s;", out);
}

/* Difftest class atomic: LSE atomics (CAS, CASP, SWP, LD<op>, ST<op>) and
 * LRCPC/LRCPC2 loads/stores (LDAPR, LDAPUR*, STLUR*) inside the scratch
 * block. Included after gen_ldst.h, whose base-register bookkeeping it
 * shares: every access here is naturally aligned (Arm ARM: atomic and
 * ordered accesses are alignment-checked; FEAT_LSE2's relaxation needs
 * SCTLR_EL1.nAA, which Linux leaves 0; and qemu 7.2 omits the check for
 * LDAPR, so misaligned forms are covered by tests/unit/test_ldst.c), so a base
 * is either x26/x27 (16-byte aligned), a tracked x20-x25 whose offset
 * happens to be aligned, or a tracked base re-pointed first with
 * "add x2k, x28, #aligned" (kept inside [LD_LO, LD_HI)). Some accesses go
 * through SP (pushed around the access) to cover Rn = 31. A destination
 * may be the base register itself (an x20-x25 base then holds a loaded
 * value: its ld_off becomes -1 and it is re-pointed before any reuse). */

/* a data register: mostly x0-x17, sometimes x29/x30 (neither is a base) */
static unsigned at_data(void)
{
    unsigned r = rn(20);
    return r < 18 ? r : 11 + r; /* 18 -> x29, 19 -> x30 */
}

/* appends one instruction to a '\n\t'-separated sequence */
static void at_cat(char *out, const char *insn)
{
    if (!*insn)
        return;
    if (*out)
        strcat(out, "\n\t");
    strcat(out, insn);
}

/* a base register (20..27) whose address is aligned to n (n <= 16);
 * may append an "add" that re-points a tracked base first. The new offset
 * is often near x26/x27, so accesses of one test alias each other. */
static unsigned at_base(char *out, unsigned n)
{
    unsigned pick = rn(4);
    if (pick == 0)
        return 26 + rn(2);
    if (pick == 1) {
        unsigned k0 = rn(6);
        for (unsigned t = 0; t < 6; t++) {
            unsigned k = (k0 + t) % 6;
            if (ld_off[k] >= 0 && (ld_off[k] & (int)(n - 1)) == 0)
                return 20 + k;
        }
    }
    unsigned k = rn(6);
    int off;
    do {
        if (rn(2))
            off = ld_off[6 + rn(2)] + 16 * ((int)rn(5) - 2) + (int)n * (int)rn(16 / n);
        else
            off = LD_LO + 16 * (int)rn((LD_HI - LD_LO) / 16);
    } while (off < LD_LO || off >= LD_HI);
    ld_off[k] = off;
    char b[48];
    sprintf(b, "add x%u, x28, #%d", 20 + k, off);
    at_cat(out, b);
    return 20 + k;
}

static const char *const at_sfx[] = {"b", "h", "", ""};
static const char *const at_ord[] = {"", "a", "l", "al"};
static const char *const at_ops[] = {"add", "clr", "eor", "set", "smax", "smin", "umax", "umin"};

/* width letter of a size's register */
static char at_w(unsigned size) { return size == 3 ? 'x' : 'w'; }

/* a source register: sometimes the base itself (its address is the value) */
static unsigned at_src(unsigned base)
{
    if (base != 31 && !rn(16))
        return base;
    return rn(12) ? at_data() : 31;
}

/* a destination register: sometimes the base itself, whose tracked offset
 * is then void (x26/x27 are never written) */
static unsigned at_dst(unsigned base)
{
    if (base >= 20 && base < 26 && !rn(16)) {
        ld_off[base - 20] = -1;
        return base;
    }
    return rn(12) ? at_data() : 31;
}

/* "[xN]" or "[sp]"; when sp, wraps the access (already in acc) in a push
 * of two data registers and a pop into two others */
static void at_emit_mem(char *out, const char *pre, const char *acc_fmt, unsigned base, int sp)
{
    char acc[128];
    if (!sp) {
        char a[16];
        sprintf(a, "[x%u]", base);
        at_cat(out, pre);
        sprintf(acc, acc_fmt, a);
        at_cat(out, acc);
        return;
    }
    char b[64];
    unsigned p1 = ld_data(), p2 = ld_data(), q1, q2;
    do {
        q1 = ld_data();
        q2 = ld_data();
    } while (q1 == q2);
    sprintf(b, "stp x%u, x%u, [sp, #-16]!", p1, p2);
    at_cat(out, b);
    at_cat(out, pre);
    sprintf(acc, acc_fmt, "[sp]");
    at_cat(out, acc);
    sprintf(b, "ldp x%u, x%u, [sp], #16", q1, q2);
    at_cat(out, b);
}

/* LD<op>{,A,L,AL}, ST<op>{,L} (LD<op> with Rt = XZR and no acquire), SWP */
static void at_ldop(char *out, int swp)
{
    unsigned size = rn(4), ord = rn(4), sp = !rn(12);
    char w = at_w(size), rs[8], rt[8], mn[16], fmt[64];
    unsigned base = sp ? 31 : at_base(out, 1u << size);
    ld_reg(rs, w, at_src(base));
    if (!swp && !rn(4)) { /* ST<op>: only the plain and release orders */
        sprintf(mn, "st%s%s%s", at_ops[rn(8)], ord & 2 ? "l" : "", at_sfx[size]);
        sprintf(fmt, "%s %s, %%s", mn, rs);
    } else {
        sprintf(mn, "%s%s%s", swp ? "swp" : "ld", swp ? "" : at_ops[rn(8)], "");
        sprintf(mn + strlen(mn), "%s%s", at_ord[ord], at_sfx[size]);
        ld_reg(rt, w, at_dst(base));
        sprintf(fmt, "%s %s, %s, %%s", mn, rs, rt);
    }
    at_emit_mem(out, "", fmt, base, sp);
}

/* CAS: Rs often preloaded from the location so that the compare succeeds
 * (by a wider load sometimes: the bits above the access size must not
 * take part in the compare) */
static void at_cas(char *out)
{
    unsigned size = rn(4), ord = rn(4), sp = !rn(12);
    char w = at_w(size), rs[8], rt[8], fmt[64], pre[64] = "";
    unsigned base = sp ? 31 : at_base(out, 1u << size);
    unsigned rsn = rn(16) ? at_data() : 31, rtn = at_src(base);
    if (base >= 20 && base < 26 && !rn(16)) { /* Rs = Rn: compares the address */
        rsn = base;
        ld_off[base - 20] = -1;
    }
    ld_reg(rs, w, rsn);
    ld_reg(rt, w, rtn);
    if (rsn != 31 && rsn != base && rn(3)) {
        const char *bs = sp ? "sp" : NULL;
        char bb[8];
        if (!bs) {
            sprintf(bb, "x%u", base);
            bs = bb;
        }
        if (rn(3) == 0)
            sprintf(pre, "ldr x%u, [%s]", rsn, bs);
        else
            sprintf(pre, "ldr%s %c%u, [%s]", at_sfx[size], w, rsn, bs);
    }
    sprintf(fmt, "cas%s%s %s, %s, %%s", at_ord[ord], at_sfx[size], rs, rt);
    at_emit_mem(out, pre, fmt, base, sp);
}

/* an even register for a CASP pair: x0-x16, sometimes x30 (pair x30, xzr) */
static unsigned at_even(void) { return rn(10) ? 2 * rn(9) : 30; }

static void at_pair_name(char *b, char w, unsigned r)
{
    char r2[8];
    ld_reg(r2, w, r + 1);
    sprintf(b, "%c%u, %s", w, r, r2);
}

/* CASP W (8 bytes) or X (16 bytes); the compared pair often preloaded */
static void at_casp(char *out)
{
    unsigned x = rn(2), ord = rn(4), sp = !rn(12), rsn = at_even(), rtn = at_even();
    char w = x ? 'x' : 'w', rs[16], rt[16], fmt[80], pre[64] = "";
    unsigned base = sp ? 31 : at_base(out, x ? 16 : 8);
    at_pair_name(rs, w, rsn);
    at_pair_name(rt, w, rtn);
    if (rn(3)) {
        char bb[8];
        if (sp)
            strcpy(bb, "sp");
        else
            sprintf(bb, "x%u", base);
        if (rsn == 30)
            sprintf(pre, "ldr %c30, [%s]", w, bb);
        else if (!x && !rn(3)) /* a wider load: high halves of Xs are garbage */
            sprintf(pre, "ldp x%u, x%u, [%s]", rsn, rsn + 1, bb);
        else
            sprintf(pre, "ldp %c%u, %c%u, [%s]", w, rsn, w, rsn + 1, bb);
    }
    sprintf(fmt, "casp%s %s, %s, %%s", at_ord[ord], rs, rt);
    at_emit_mem(out, pre, fmt, base, sp);
}

/* LDAPR{B,H} W / LDAPR W, X */
static void at_ldapr(char *out)
{
    unsigned size = rn(4), sp = !rn(12);
    char rt[8], fmt[48];
    unsigned base = sp ? 31 : at_base(out, 1u << size);
    ld_reg(rt, at_w(size), at_dst(base));
    sprintf(fmt, "ldapr%s %s, %%s", at_sfx[size], rt);
    at_emit_mem(out, "", fmt, base, sp);
}

/* LRCPC2: LDAPUR*, STLUR* [Xn, #simm9]: any tracked base, with an offset
 * that makes the address aligned (and keeps it inside the block) */
static void at_rcpc2(char *out)
{
    static const struct { const char *mn; char w; unsigned size; } k[] = {
        {"ldapurb", 'w', 0}, {"ldapurh", 'w', 1}, {"ldapur", 'w', 2}, {"ldapur", 'x', 3},
        {"ldapursb", 'w', 0}, {"ldapursb", 'x', 0}, {"ldapursh", 'w', 1}, {"ldapursh", 'x', 1},
        {"ldapursw", 'x', 2}, {"stlurb", 'w', 0}, {"stlurh", 'w', 1}, {"stlur", 'w', 2},
        {"stlur", 'x', 3},
    };
    unsigned n = rn(sizeof k / sizeof *k), len = 1u << k[n].size, b = rn(8);
    int load = k[n].mn[0] == 'l';
    char rt[8], insn[64], fmt[64];
    if (!rn(12)) { /* [sp, #off] inside a pushed 16-byte slot */
        int v = (int)len * (int)rn(16 / len);
        ld_reg(rt, k[n].w, rn(12) ? at_data() : 31);
        sprintf(fmt, "%s %s, [sp, #%d]", k[n].mn, rt, v);
        at_emit_mem(out, "", fmt, 31, 1);
        return;
    }
    if (ld_off[b < 6 ? b : 0] < 0 && b < 6)
        b = 6 + rn(2);
    int v = 0, base = ld_off[b];
    for (int t = 0; t < 256; t++) {
        int c = -256 + (int)rn(512);
        c -= (base + c) & (int)(len - 1); /* align the address, not the offset */
        if (c < -256 || base + c < 0 || base + c + (int)len > SCRATCH)
            continue;
        v = c;
        break;
    }
    if ((base + v) & (int)(len - 1)) { /* no offset found: use an aligned base */
        b = 6 + rn(2);
        v = 0;
    }
    ld_reg(rt, k[n].w, load ? at_dst(20 + b) : at_src(20 + b));
    sprintf(insn, "%s %s, [x%u, #%d]", k[n].mn, rt, 20 + b, v);
    at_cat(out, insn);
}

static void emit_atomic(FILE *f, FILE *lst)
{
    char out[512] = "";
    switch (rn(16)) {
    case 0: case 1: case 2: case 3: case 4: at_ldop(out, 0); break;
    case 5: case 6: at_ldop(out, 1); break;
    case 7: case 8: case 9: at_cas(out); break;
    case 10: case 11: at_casp(out); break;
    case 12: at_ldapr(out); break;
    default: at_rcpc2(out); break;
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

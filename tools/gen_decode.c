/* Generates the A64 decoder from the decode tables (interp/<class>.decode):
 *   decode_ops.h     DECODE_OPS(X), one X(NAME) per row in table order (the
 *                    op enum, the dispatch labels, exec_table and the op
 *                    names expand it);
 *   decode_features.h  DECODE_FEATURES(X), the HWCAP features the rows name:
 *                    core/hwcap.h's implemented set;
 *   decode_fields.h  struct dec_fields: every field name of every row, the
 *                    raw field values a format function may compute from;
 *   decode_table.h   the matcher (a decision tree over the rows' fixed bits,
 *                    ending in short tests of each row's fixed bits and
 *                    constraints), the per-op extraction of the named fields
 *                    into struct insn, and the op flag and feature tables
 *                    (included by interp/decode.c only);
 *   decode_rows.txt  NAME MASK MATCH per row: each row's fixed bits, for
 *                    scripts (tests/fuzz/campaign/pool.sh).
 * The row syntax is described in docs/design.md ("One decoder, two
 * executors") and gen_decode_parse.h. The build fails (exit 1, one
 * "FILE:LINE: error: ..." line per problem) when a row's fixed bits and
 * fields do not cover exactly 32 bits, when a field, constraint or `set` is
 * malformed, when a row can match no word, or when two rows can match the
 * same word and are not in one priority group `{ }` (the earlier row of a
 * group wins; each group carries a comment with the Arm ARM's reason, and
 * each of its rows must overlap another of the group and keep a word of its
 * own). Invariants of the output: one op per row, numbered in table order;
 * a word matches at most one row outside priority groups, so the tree may
 * test rows in any order consistent with the table's.
 * usage: gen_decode [-o OUTDIR] TABLE...   (without -o: check only) */
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/gen_decode.h"

int gd_errors;

void gd_error(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s:%d: error: ", file, line);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
    gd_errors++;
}

/* ---- cubes: a set of words given by fixed bits (m) and their values (v) ---- */

enum tri { T_NO, T_YES, T_MAYBE };

/* whether no, every or some word of cube c lies in cube e; *bit: a bit of
 * e that c leaves free (to split c on) */
static enum tri gd_cube_in(struct gd_cube e, struct gd_cube c, int *bit)
{
    if (e.m & c.m & (e.v ^ c.v))
        return T_NO;
    uint32_t open = e.m & ~c.m;
    if (!open)
        return T_YES;
    *bit = __builtin_ctz(open);
    return T_MAYBE;
}

/* whether no, every or some word of c matches row r (fixed bits and constraints) */
static enum tri gd_row_in(const struct gd_row *r, struct gd_cube c, int *bit)
{
    enum tri res = T_YES;
    int b, split = -1;
    enum tri t = gd_cube_in((struct gd_cube){r->mask, r->match}, c, &b);
    if (t == T_NO)
        return T_NO;
    if (t == T_MAYBE)
        res = T_MAYBE, split = b;
    for (int k = 0; k < r->nc; k++) {
        const struct gd_cons *cn = &r->c[k];
        bool yes = false, maybe = false;
        int mb = -1;
        for (int a = 0; a < cn->n; a++) {
            t = gd_cube_in(cn->alt[a], c, &b);
            if (t == T_YES)
                yes = true;
            else if (t == T_MAYBE && !maybe)
                maybe = true, mb = b;
        }
        if (cn->any ? yes : !yes && !maybe)
            continue; /* satisfied on all of c */
        if (cn->any ? !maybe : yes)
            return T_NO;
        res = T_MAYBE;
        if (split < 0)
            split = mb;
    }
    *bit = split;
    return res;
}

struct gd_lit {
    const struct gd_row *r;
    bool want; /* the word matches r (true) or does not (false) */
};

/* a word of c satisfying every literal: true and *w set, or false */
static bool gd_sat(struct gd_cube c, const struct gd_lit *l, int n, uint32_t *w)
{
    int split = -1, b;
    for (int k = 0; k < n; k++) {
        enum tri t = gd_row_in(l[k].r, c, &b);
        if (t == T_MAYBE) {
            if (split < 0)
                split = b;
            continue;
        }
        if ((t == T_YES) != l[k].want)
            return false;
    }
    if (split < 0) {
        *w = c.v;
        return true;
    }
    uint32_t bit = 1u << split;
    return gd_sat((struct gd_cube){c.m | bit, c.v & ~bit}, l, n, w) ||
           gd_sat((struct gd_cube){c.m | bit, c.v | bit}, l, n, w);
}

/* ---- whole-table checks ---- */

static void gd_check_table(struct gd_table *t)
{
    const struct gd_cube all = {0, 0};
    uint32_t w;
    for (int a = 0; a < t->n; a++) {
        struct gd_row *r = &t->rows[a];
        for (int b = 0; b < a; b++)
            if (!strcmp(t->rows[b].name, r->name))
                gd_error(r->file, r->line, "row %s repeats the name of the row at %s:%d", r->name,
                         t->rows[b].file, t->rows[b].line);
        struct gd_lit self = {r, true};
        if (!gd_sat(all, &self, 1, &w))
            gd_error(r->file, r->line, "row %s matches no word (its constraints exclude every one)",
                     r->name);
    }
    for (int a = 0; a < t->n; a++) {
        const struct gd_row *ra = &t->rows[a];
        bool overlaps_group = false;
        for (int b = 0; b < t->n; b++) {
            const struct gd_row *rb = &t->rows[b];
            if (a == b || (ra->mask & rb->mask & (ra->match ^ rb->match)))
                continue;
            struct gd_lit both[2] = {{ra, true}, {rb, true}};
            if (!gd_sat(all, both, 2, &w))
                continue;
            if (ra->group && ra->group == rb->group)
                overlaps_group = true;
            else if (a < b)
                gd_error(rb->file, rb->line,
                         "rows %s (%s:%d) and %s can both match 0x%08x: make them disjoint with "
                         "a constraint, or put them in one priority group { } with the Arm ARM's "
                         "reason",
                         ra->name, ra->file, ra->line, rb->name, w);
        }
        if (ra->group && !overlaps_group)
            gd_error(ra->file, ra->line,
                     "row %s is in a priority group but overlaps no other row of it", ra->name);
        if (ra->group) {
            /* not wholly shadowed by the rows of its group before it */
            struct gd_lit l[GD_MAXROWS];
            int n = 0;
            l[n++] = (struct gd_lit){ra, true};
            for (int b = 0; b < a; b++)
                if (t->rows[b].group == ra->group)
                    l[n++] = (struct gd_lit){&t->rows[b], false};
            if (!gd_sat(all, l, n, &w))
                gd_error(ra->file, ra->line,
                         "row %s never wins: the rows before it in its priority group match "
                         "every word it matches",
                         ra->name);
        }
    }
}

int main(int argc, char **argv)
{
    const char *outdir = NULL;
    static struct gd_table t;
    int a = 1;
    if (a + 1 < argc && !strcmp(argv[a], "-o")) {
        outdir = argv[a + 1];
        a += 2;
    }
    if (a == argc || argv[a][0] == '-') {
        fprintf(stderr, "usage: gen_decode [-o OUTDIR] TABLE...\n");
        return 2;
    }
    for (; a < argc; a++)
        gd_parse_file(&t, argv[a]);
    if (!gd_errors)
        gd_check_table(&t);
    if (gd_errors) {
        fprintf(stderr, "gen_decode: %d error(s)\n", gd_errors);
        return 1;
    }
    if (outdir && gd_emit(&t, outdir))
        return 1;
    return 0;
}

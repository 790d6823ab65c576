/* Reads the decode tables (interp/<class>.decode) for tools/gen_decode.c.
 * A table is lines of:
 *   NAME  ENCODING...  FEATURE  FLAGS  FORMAT      one row (no leading blank)
 *       where FIELD[:FIELD...] == P | P ...         constraint lines of the
 *       where FIELD[:FIELD...] != P | P ...         row above (leading blank)
 *       set MEMBER = VALUE[, MEMBER = VALUE]        constant or field copies
 *   { COMMENT                                       a priority group opens
 *   }                                               and closes
 * with C comments anywhere. ENCODING, bit 31 first: runs of 0/1 (fixed bits),
 * NAME=BITS (named fixed bits), NAME:W (a field of W bits). A field named
 * Rd Rn Rm Ra Rs Rt Rt2 carries its register-31 role (.sp .zr .zw .raw, or
 * .ign: not extracted) and fills rd rn rm ra rs rd ra; Vd Vn Vm Va Vt Vt2
 * (SIMD&FP registers) fill the same members as they are; a field named like
 * a struct insn member (sf cond opt amt size x y imm imm2) fills it, unless
 * a `set` of the row gives that member; NAME>MEMBER fills MEMBER.
 * Patterns P are 0/1/x with optional blanks, as wide as the fields named.
 * FEATURE is `base` or a core/hwcap.h feature name; FLAGS `-` or a comma list
 * of RD_NZCV WR_NZCV MEM STORE END FP; FORMAT `-` or the NAME of
 * fmt_NAME(struct insn *, const struct dec_fields *), which computes what
 * is not a plain field. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tools/gen_decode.h"

static const char *const gd_members[] = {"rd", "rn", "rm", "ra",   "rs", "sf", "cond", "opt",
                                         "amt", "size", "x", "y", "imm", "imm2", NULL};
#define GD_NREGMEMBERS 5

static const char *const gd_regnames[][2] = {
    {"Rd", "rd"}, {"Rn", "rn"}, {"Rm", "rm"}, {"Ra", "ra"}, {"Rs", "rs"}, {"Rt", "rd"}, {"Rt2", "ra"},
    {"Vd", "rd"}, {"Vn", "rn"}, {"Vm", "rm"}, {"Va", "ra"}, {"Vt", "rd"}, {"Vt2", "ra"}, {NULL, NULL}};

static const char *const gd_flagnames[] = {"RD_NZCV", "WR_NZCV", "MEM", "STORE", "END", "FP", NULL};

/* index of member m, or -1 */
static int gd_member(const char *m)
{
    for (int k = 0; gd_members[k]; k++)
        if (!strcmp(gd_members[k], m))
            return k;
    return -1;
}

/* copies s into d of n bytes, cut to fit (names are checked elsewhere) */
static void gd_copy(char *d, size_t n, const char *s)
{
    size_t l = strlen(s);
    if (l >= n)
        l = n - 1;
    memmove(d, s, l);
    d[l] = 0;
}

static bool gd_ident(const char *s)
{
    if (!isalpha((unsigned char)*s) && *s != '_')
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return false;
    return true;
}

static bool gd_bits(const char *s)
{
    if (!*s)
        return false;
    for (; *s; s++)
        if (*s != '0' && *s != '1')
            return false;
    return true;
}

static char *gd_trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    char *e = s + strlen(s);
    while (e > s && isspace((unsigned char)e[-1]))
        *--e = 0;
    return s;
}

static int gd_find_field(const struct gd_row *r, const char *name)
{
    for (int k = 0; k < r->nf; k++)
        if (!strcmp(r->f[k].name, name))
            return k;
    return -1;
}

/* one ENCODING token of row r; *pos is the next bit (31 first) */
static void gd_parse_token(struct gd_row *r, const char *tok, int *pos)
{
    const char *file = r->file;
    int line = r->line;
    if (gd_bits(tok)) {
        for (const char *p = tok; *p; p++, (*pos)--) {
            if (*pos < 0)
                break;
            r->mask |= 1u << *pos;
            r->match |= (uint32_t)(*p - '0') << *pos;
        }
        return;
    }
    if (r->nf == GD_MAXF) {
        gd_error(file, line, "row %s: too many fields", r->name);
        return;
    }
    struct gd_field *f = &r->f[r->nf];
    memset(f, 0, sizeof *f);
    char buf[128];
    gd_copy(buf, sizeof buf, tok);
    char *eq = strchr(buf, '='), *colon = strchr(buf, ':');
    int width;
    if (eq && !colon) { /* NAME[>MEMBER]=BITS */
        *eq = 0;
        char *gt = strchr(buf, '>');
        if (gt) {
            *gt = 0;
            gd_copy(f->member, sizeof f->member, gt + 1);
        } else if (gd_member(buf) >= 0) {
            gd_copy(f->member, sizeof f->member, buf);
        }
        if (!gd_ident(buf) || !gd_bits(eq + 1) ||
            (f->member[0] && gd_member(f->member) < GD_NREGMEMBERS)) {
            gd_error(file, line, "row %s: bad named fixed bits '%s' (NAME=BITS or NAME>MEMBER=BITS, "
                     "not a register)", r->name, tok);
            return;
        }
        gd_copy(f->name, sizeof f->name, buf);
        f->fixed = true;
        width = (int)strlen(eq + 1);
        f->hi = *pos, f->lo = *pos - width + 1;
        for (const char *p = eq + 1; *p && *pos >= 0; p++, (*pos)--) {
            r->mask |= 1u << *pos;
            r->match |= (uint32_t)(*p - '0') << *pos;
        }
        r->nf++;
        return;
    }
    if (!colon) {
        gd_error(file, line, "row %s: '%s' is neither bits, NAME=BITS nor NAME:WIDTH", r->name, tok);
        return;
    }
    *colon = 0;
    width = atoi(colon + 1);
    if (width < 1 || width > 32 || !isdigit((unsigned char)colon[1])) {
        gd_error(file, line, "row %s: field '%s' has no width 1..32", r->name, tok);
        return;
    }
    char *gt = strchr(buf, '>');
    if (gt) {
        *gt = 0;
        gd_copy(f->member, sizeof f->member, gt + 1);
        if (gd_member(f->member) < 0) {
            gd_error(file, line, "row %s: '%s' is not a struct insn member", r->name, gt + 1);
            return;
        }
    }
    char *dot = strchr(buf, '.');
    if (dot) {
        *dot = 0;
        const char *rl = dot + 1;
        f->role = !strcmp(rl, "sp")    ? GD_ROLE_SP
                  : !strcmp(rl, "zr")  ? GD_ROLE_ZR
                  : !strcmp(rl, "zw")  ? GD_ROLE_ZW
                  : !strcmp(rl, "raw") ? GD_ROLE_RAW
                  : !strcmp(rl, "ign") ? GD_ROLE_IGN
                                       : GD_ROLE_NONE;
        if (f->role == GD_ROLE_NONE) {
            gd_error(file, line, "row %s: register role '.%s' is not .sp .zr .zw .raw or .ign", r->name,
                     rl);
            return;
        }
    }
    if (!gd_ident(buf)) {
        gd_error(file, line, "row %s: field name '%s' is not an identifier", r->name, buf);
        return;
    }
    gd_copy(f->name, sizeof f->name, buf);
    bool vreg = false;
    for (int k = 0; gd_regnames[k][0]; k++)
        if (!strcmp(gd_regnames[k][0], f->name)) {
            if (!f->member[0])
                gd_copy(f->member, sizeof f->member, gd_regnames[k][1]);
            vreg = f->name[0] == 'V';
        }
    if (!f->member[0] && gd_member(f->name) >= 0)
        gd_copy(f->member, sizeof f->member, f->name);
    bool regmember = f->member[0] && gd_member(f->member) < GD_NREGMEMBERS;
    if (f->role == GD_ROLE_IGN && regmember) {
        f->member[0] = 0; /* in the encoding, not in struct insn */
    } else if (vreg) {
        if (f->role != GD_ROLE_NONE)
            gd_error(file, line, "row %s: %s is a SIMD&FP register: it takes no role", r->name, f->name);
        f->role = GD_ROLE_RAW;
    } else if (regmember && f->role == GD_ROLE_NONE) {
        gd_error(file, line,
                 "row %s: register field %s needs its role for 31: .sp (SP), .zr (zero, read), "
                 ".zw (zero, written), .raw or .ign (not extracted)",
                 r->name, f->name);
    } else if (!regmember && f->role != GD_ROLE_NONE) {
        gd_error(file, line, "row %s: field %s is not a general register: it takes no role", r->name,
                 f->name);
    }
    if (gd_find_field(r, f->name) >= 0)
        gd_error(file, line, "row %s: field name %s used twice", r->name, f->name);
    f->hi = *pos, f->lo = *pos - width + 1;
    *pos -= width;
    r->nf++;
}

/* "where FIELDS OP PATTERNS" (text after "where") */
static void gd_parse_where(struct gd_row *r, char *text, int line)
{
    char *op = strstr(text, "==");
    bool any = true;
    if (!op) {
        op = strstr(text, "!=");
        any = false;
    }
    if (!op) {
        gd_error(r->file, line, "row %s: constraint '%s' has no == or !=", r->name, text);
        return;
    }
    if (r->nc == GD_MAXC) {
        gd_error(r->file, line, "row %s: too many constraints", r->name);
        return;
    }
    *op = 0;
    struct gd_cons *c = &r->c[r->nc];
    memset(c, 0, sizeof *c);
    c->any = any;
    /* the fields, in order */
    int idx[GD_MAXF], n = 0, width = 0;
    char *save = NULL;
    for (char *nm = strtok_r(text, ":", &save); nm; nm = strtok_r(NULL, ":", &save)) {
        nm = gd_trim(nm);
        int k = gd_find_field(r, nm);
        if (k < 0 || r->f[k].fixed) {
            gd_error(r->file, line, "row %s: constraint names '%s', which is not a field of the row",
                     r->name, nm);
            return;
        }
        idx[n++] = k;
        width += r->f[k].hi - r->f[k].lo + 1;
    }
    save = NULL;
    for (char *p = strtok_r(op + 2, "|", &save); p; p = strtok_r(NULL, "|", &save)) {
        char pat[64];
        int w = 0;
        for (; *p; p++)
            if (!isspace((unsigned char)*p)) {
                if ((*p != '0' && *p != '1' && *p != 'x') || w == 63) {
                    gd_error(r->file, line, "row %s: pattern character '%c' is not 0, 1 or x",
                             r->name, *p);
                    return;
                }
                pat[w++] = *p;
            }
        if (w != width) {
            gd_error(r->file, line, "row %s: a pattern of %d bits for fields %d bits wide", r->name, w,
                     width);
            return;
        }
        if (c->n == GD_MAXALT) {
            gd_error(r->file, line, "row %s: too many alternatives", r->name);
            return;
        }
        struct gd_cube cb = {0, 0};
        int q = 0;
        for (int k = 0; k < n; k++)
            for (int b = r->f[idx[k]].hi; b >= r->f[idx[k]].lo; b--, q++)
                if (pat[q] != 'x') {
                    cb.m |= 1u << b;
                    cb.v |= (uint32_t)(pat[q] == '1') << b;
                }
        c->alt[c->n++] = cb;
    }
    if (!c->n) {
        gd_error(r->file, line, "row %s: constraint without a pattern", r->name);
        return;
    }
    r->nc++;
}

/* "set MEMBER = VALUE, ..." (text after "set") */
static void gd_parse_set(struct gd_row *r, char *text, int line)
{
    char *save = NULL;
    for (char *as = strtok_r(text, ",", &save); as; as = strtok_r(NULL, ",", &save)) {
        char *eq = strchr(as, '=');
        if (!eq) {
            gd_error(r->file, line, "row %s: '%s' is not MEMBER = VALUE", r->name, gd_trim(as));
            return;
        }
        *eq = 0;
        char *m = gd_trim(as), *v = gd_trim(eq + 1);
        if (gd_member(m) < 0) {
            gd_error(r->file, line, "row %s: set of '%s', which is not a struct insn member", r->name, m);
            return;
        }
        if (r->ns == GD_MAXSET) {
            gd_error(r->file, line, "row %s: too many sets", r->name);
            return;
        }
        struct gd_set *s = &r->s[r->ns];
        memset(s, 0, sizeof *s);
        gd_copy(s->member, sizeof s->member, m);
        if (strchr(v, ':') || gd_find_field(r, v) >= 0) {
            char *sv = NULL;
            for (char *nm = strtok_r(v, ":", &sv); nm; nm = strtok_r(NULL, ":", &sv)) {
                int k = gd_find_field(r, gd_trim(nm));
                if (k < 0 || s->nparts == 6) {
                    gd_error(r->file, line, "row %s: set %s from '%s', not a field of the row",
                             r->name, m, gd_trim(nm));
                    return;
                }
                s->part[s->nparts++] = k;
            }
        } else if (isdigit((unsigned char)*v) || gd_ident(v)) {
            gd_copy(s->konst, sizeof s->konst, v);
        } else {
            gd_error(r->file, line, "row %s: set %s = '%s': not a number, constant or field", r->name,
                     m, v);
            return;
        }
        r->ns++;
    }
}

/* FEATURE FLAGS FORMAT columns */
static void gd_parse_columns(struct gd_row *r, char **tok, int n)
{
    if (n != 3) {
        gd_error(r->file, r->line, "row %s: after the encoding, FEATURE FLAGS FORMAT (%d column%s)",
                 r->name, n, n == 1 ? "" : "s");
        return;
    }
    if (!strcmp(tok[0], "base"))
        r->feat[0] = 0;
    else if (gd_ident(tok[0]))
        gd_copy(r->feat, sizeof r->feat, tok[0]);
    else
        gd_error(r->file, r->line, "row %s: feature '%s'", r->name, tok[0]);
    snprintf(r->flags, sizeof r->flags, "0");
    if (strcmp(tok[1], "-")) {
        char buf[128], *save = NULL;
        gd_copy(buf, sizeof buf, tok[1]);
        r->flags[0] = 0;
        for (char *fl = strtok_r(buf, ",", &save); fl; fl = strtok_r(NULL, ",", &save)) {
            bool ok = false;
            for (int k = 0; gd_flagnames[k]; k++)
                ok |= !strcmp(gd_flagnames[k], fl);
            if (!ok)
                gd_error(r->file, r->line, "row %s: flag '%s' is not one of RD_NZCV WR_NZCV MEM "
                         "STORE END FP", r->name, fl);
            size_t l = strlen(r->flags);
            snprintf(r->flags + l, sizeof r->flags - l, "%sINSN_%s", l ? " | " : "", fl);
        }
    }
    if (strcmp(tok[2], "-")) {
        if (!gd_ident(tok[2]))
            gd_error(r->file, r->line, "row %s: format '%s' is not an identifier", r->name, tok[2]);
        gd_copy(r->fmt, sizeof r->fmt, tok[2]);
    }
}

/* the members a row writes: each once. A field named like a member gives
 * way to a `set` of that member (set size = o1:size). */
static void gd_check_members(struct gd_row *r)
{
    for (int k = 0; k < r->ns; k++)
        for (int j = 0; j < r->nf; j++)
            if (!strcmp(r->f[j].member, r->s[k].member) && !strcmp(r->f[j].name, r->f[j].member))
                r->f[j].member[0] = 0;
    int by[16];
    for (int k = 0; k < 16; k++)
        by[k] = 0;
    for (int k = 0; k < r->nf; k++)
        if (r->f[k].member[0])
            by[gd_member(r->f[k].member)]++;
    for (int k = 0; k < r->ns; k++)
        by[gd_member(r->s[k].member)]++;
    for (int k = 0; gd_members[k]; k++)
        if (by[k] > 1)
            gd_error(r->file, r->line, "row %s: member %s is written %d times", r->name, gd_members[k],
                     by[k]);
}

void gd_parse_file(struct gd_table *t, const char *path)
{
    FILE *fp = fopen(path, "r");
    if (!fp) {
        gd_error(path, 0, "cannot open");
        return;
    }
    char raw[1024];
    int line = 0, group = 0, group_rows = 0, first = t->n;
    bool in_comment = false;
    struct gd_row *cur = NULL;
    while (fgets(raw, sizeof raw, fp)) {
        line++;
        /* the line without comments; whether one was on it */
        char code[1024];
        size_t o = 0;
        bool commented = in_comment;
        for (const char *p = raw; *p && *p != '\n'; p++) {
            if (in_comment) {
                if (p[0] == '*' && p[1] == '/')
                    in_comment = false, p++;
                code[o++] = ' ';
            } else if (p[0] == '/' && p[1] == '*') {
                in_comment = commented = true;
                p++;
                code[o++] = ' ';
            } else {
                code[o++] = *p;
            }
        }
        code[o] = 0;
        char *s = gd_trim(code);
        if (!*s)
            continue;
        bool cont = isspace((unsigned char)code[0]);
        if (!cont && s[0] == '{') {
            if (group)
                gd_error(path, line, "priority groups do not nest");
            if (s[1] || !commented)
                gd_error(path, line, "a priority group opens with '{' and a comment giving the Arm "
                                     "ARM's reason for its order");
            group = ++t->groups;
            group_rows = 0;
            cur = NULL;
            continue;
        }
        if (!cont && s[0] == '}') {
            if (!group)
                gd_error(path, line, "'}' without a priority group");
            else if (group_rows < 2)
                gd_error(path, line, "a priority group of %d row%s", group_rows,
                         group_rows == 1 ? "" : "s");
            group = 0;
            cur = NULL;
            continue;
        }
        if (cont) {
            if (!cur) {
                gd_error(path, line, "an indented line that continues no row");
                continue;
            }
            if (!strncmp(s, "where", 5) && isspace((unsigned char)s[5]))
                gd_parse_where(cur, s + 6, line);
            else if (!strncmp(s, "set", 3) && isspace((unsigned char)s[3]))
                gd_parse_set(cur, s + 4, line);
            else
                gd_error(path, line, "a row continues with 'where' or 'set' lines, not '%s'", s);
            continue;
        }
        /* a row */
        if (t->n == GD_MAXROWS) {
            gd_error(path, line, "too many rows");
            break;
        }
        cur = &t->rows[t->n++];
        memset(cur, 0, sizeof *cur);
        cur->file = path, cur->line = line, cur->group = group;
        group_rows += group != 0;
        char *tok[64];
        int n = 0;
        char *save = NULL;
        for (char *p = strtok_r(s, " \t", &save); p && n < 64; p = strtok_r(NULL, " \t", &save))
            tok[n++] = p;
        if (!gd_ident(tok[0]) || !isupper((unsigned char)tok[0][0])) {
            gd_error(path, line, "a row starts with its NAME (upper case), not '%s'", tok[0]);
            continue;
        }
        gd_copy(cur->name, sizeof cur->name, tok[0]);
        int pos = 31, k = 1;
        for (; k < n && (gd_bits(tok[k]) || strchr(tok[k], ':') || strchr(tok[k], '=')); k++)
            gd_parse_token(cur, tok[k], &pos);
        if (pos != -1)
            gd_error(path, line, "row %s: fixed bits and fields cover %d bits, not 32", cur->name,
                     31 - pos);
        gd_parse_columns(cur, tok + k, n - k);
    }
    for (int k = first; k < t->n; k++)
        gd_check_members(&t->rows[k]);
    if (group)
        gd_error(path, line, "priority group not closed at the end of the file");
    fclose(fp);
}

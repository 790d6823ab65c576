/* The decode-table generator's model of a table (tools/gen_decode.c): rows
 * as parsed by gen_decode_parse.c, emitted by gen_decode_emit.c.
 * Invariants after a parse without errors: a row's fixed bits
 * (mask/match) and fields cover each of the 32 bits exactly once; each
 * constraint alternative is a cube inside the row's field bits; each struct
 * insn member is written by at most one field or `set` of a row. */
#ifndef PVM_TOOLS_GEN_DECODE_H
#define PVM_TOOLS_GEN_DECODE_H

#include <stdbool.h>
#include <stdint.h>

#define GD_MAXROWS 1024
#define GD_MAXF 24
#define GD_MAXC 12
#define GD_MAXALT 24
#define GD_MAXSET 8
#define GD_NAME 40

/* what register number 31 of a register field means (docs/design.md) */
enum gd_role {
    GD_ROLE_NONE, /* not a general-register field */
    GD_ROLE_SP,   /* .sp: 31 is SP (index 31) */
    GD_ROLE_ZR,   /* .zr: 31 is the zero register, read (REG_ZR) */
    GD_ROLE_ZW,   /* .zw: 31 is the zero register, written: a sink (REG_WSINK) */
    GD_ROLE_RAW,  /* .raw / V registers: the number as it is */
    GD_ROLE_IGN,  /* .ign: a register field pvm ignores (not extracted) */
};

struct gd_field {
    char name[GD_NAME];   /* the Arm ARM's name, a C identifier */
    int hi, lo;           /* bit positions */
    bool fixed;           /* name=BITS: named fixed bits */
    enum gd_role role;
    char member[8];       /* the struct insn member it fills, or "" */
};

/* a set of words: the bits m have the values v */
struct gd_cube {
    uint32_t m, v;
};

/* where FIELDS == P | P ...  (any: the word is in one of the cubes)
 * where FIELDS != P | P ...  (!any: the word is in none of them) */
struct gd_cons {
    bool any;
    int n;
    struct gd_cube alt[GD_MAXALT];
};

/* set MEMBER = VALUE: a constant (number or C identifier) or a
 * concatenation of fields (parts) */
struct gd_set {
    char member[8];
    int nparts;
    int part[6];
    char konst[GD_NAME];
};

struct gd_row {
    char name[GD_NAME];
    const char *file;
    int line;
    uint32_t mask, match;  /* fixed bits */
    struct gd_field f[GD_MAXF];
    int nf;
    struct gd_cons c[GD_MAXC];
    int nc;
    struct gd_set s[GD_MAXSET];
    int ns;
    char feat[GD_NAME];    /* HWCAP feature name, "" for the base ISA */
    char flags[128];       /* C expression of INSN_* flags, or "0" */
    char fmt[GD_NAME];     /* format function (fmt_NAME), or "" */
    int group;             /* priority group number, 0 for none */
};

struct gd_table {
    struct gd_row rows[GD_MAXROWS];
    int n;
    int groups;
};

extern int gd_errors;
void gd_error(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* appends the rows of one table file */
void gd_parse_file(struct gd_table *t, const char *path);
/* writes decode_ops.h, decode_features.h, decode_fields.h, decode_table.h
 * and decode_rows.txt into dir (each only when its text changed); nonzero
 * on an I/O error */
int gd_emit(const struct gd_table *t, const char *dir);

#endif

/* pvm's binfmt_misc entry and its texts (see binfmt_entry.h). Every text
 * that names the magic or the mask is made here from binfmt_a64_magic and
 * binfmt_a64_mask, with every byte written as \xNN, which the kernel,
 * systemd-binfmt and update-binfmts all unescape. */
#include "core/binfmt_entry.h"

#include <elf.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const unsigned char binfmt_a64_magic[BINFMT_MAGIC_LEN] = {
    0x7f, 'E', 'L', 'F', ELFCLASS64, ELFDATA2LSB, EV_CURRENT, 0x00, /* EI_OSABI: masked */
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,                 /* ABI version, padding */
    ET_EXEC, 0x00,                                                   /* e_type (ET_DYN too) */
    EM_AARCH64, 0x00,                                                /* e_machine */
};
const unsigned char binfmt_a64_mask[BINFMT_MAGIC_LEN] = {
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xfe, 0xff, /* ET_EXEC (2) and ET_DYN (3) differ in bit 0 only */
    0xff, 0xff,
};

_Static_assert(EM_AARCH64 == 0xb7 && ET_EXEC == 2 && ET_DYN == 3 && (ET_DYN & 0xfe) == ET_EXEC,
               "the mask's e_type byte selects ET_EXEC and ET_DYN");

static const char binfmt_flag_letters[] = "POCF"; /* bit k is letter k */

int binfmt_flags_parse(const char *s)
{
    unsigned f = 0;
    for (; *s; s++) {
        const char *l = strchr(binfmt_flag_letters, *s);
        if (!l)
            return -1;
        unsigned bit = 1u << (l - binfmt_flag_letters);
        if (f & bit)
            return -1;
        f |= bit;
    }
    if (f & BINFMT_FLAG_C)
        f |= BINFMT_FLAG_O;
    return (int)f;
}

void binfmt_flags_str(unsigned flags, char out[5])
{
    size_t n = 0;
    for (unsigned k = 0; k < 4; k++)
        if (flags & (1u << k))
            out[n++] = binfmt_flag_letters[k];
    out[n] = 0;
}

bool binfmt_name_ok(const char *name)
{
    size_t n = strlen(name);
    if (n == 0 || n > BINFMT_NAME_MAX || !strcmp(name, ".") || !strcmp(name, "..") ||
        !strcmp(name, "register") || !strcmp(name, "status"))
        return false;
    return strspn(name, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._+-") == n;
}

int binfmt_format_parse(const char *s)
{
    if (!strcmp(s, "register"))
        return BINFMT_FMT_REGISTER;
    if (!strcmp(s, "conf"))
        return BINFMT_FMT_CONF;
    if (!strcmp(s, "binfmts"))
        return BINFMT_FMT_BINFMTS;
    return -1;
}

/* n bytes as \xNN each */
static void binfmt_escape(char *out, const unsigned char *b, size_t n)
{
    for (size_t k = 0; k < n; k++)
        sprintf(out + 4 * k, "\\x%02x", b[k]);
}

/* appends to out[*len..cap); false once it no longer fits */
static bool binfmt_put(char *out, size_t cap, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static bool binfmt_put(char *out, size_t cap, size_t *len, const char *fmt, ...)
{
    if (*len >= cap)
        return false;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(out + *len, cap - *len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= cap - *len)
        return false;
    *len += (size_t)n;
    return true;
}

int binfmt_format(enum binfmt_format f, char *out, size_t cap, const char *name, const char *interp,
                  unsigned flags)
{
    if (!interp[0])
        return -1;
    for (const char *p = interp; *p; p++)
        if (*p == ':' || (unsigned char)*p < 0x20 || *p == 0x7f)
            return -1;
    char magic[4 * BINFMT_MAGIC_LEN + 1], mask[4 * BINFMT_MAGIC_LEN + 1], fl[5];
    binfmt_escape(magic, binfmt_a64_magic, BINFMT_MAGIC_LEN);
    binfmt_escape(mask, binfmt_a64_mask, BINFMT_MAGIC_LEN);
    binfmt_flags_str(flags, fl);
    size_t len = 0;
    bool ok = true;
    if (cap)
        out[0] = 0;
    switch (f) {
    case BINFMT_FMT_REGISTER:
        ok = binfmt_put(out, cap, &len, ":%s:M::%s:%s:%s:%s", name, magic, mask, interp, fl);
        break;
    case BINFMT_FMT_CONF:
        ok = binfmt_put(out, cap, &len,
                        "# pvm as the kernel's handler of AArch64 (arm64) ELF programs, for\n"
                        "# systemd-binfmt (binfmt.d(5)). Made by pvm --binfmt-register --print conf;\n"
                        "# the magic and mask select ET_EXEC and ET_DYN programs of EM_AARCH64\n"
                        "# (pvm's docs/usage.md, \"binfmt_misc\").\n"
                        ":%s:M::%s:%s:%s:%s\n",
                        name, magic, mask, interp, fl);
        break;
    case BINFMT_FMT_BINFMTS:
        ok = binfmt_put(out, cap, &len,
                        "package pvm\ninterpreter %s\nmagic %s\noffset 0\nmask %s\n"
                        "credentials %s\nfix_binary %s\npreserve %s\n",
                        interp, magic, mask, (flags & BINFMT_FLAG_C) ? "yes" : "no",
                        (flags & BINFMT_FLAG_F) ? "yes" : "no", (flags & BINFMT_FLAG_P) ? "yes" : "no");
        break;
    default:
        return -1;
    }
    return ok ? (int)len : -1;
}

/* ---- reading the kernel's view of an entry ---- */

static int binfmt_hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* decodes n hex digits (an even number, at most 2 * max) into out;
 * returns the byte count or -1 */
static long binfmt_unhex(const char *s, size_t n, unsigned char *out, size_t max)
{
    if (n % 2 || n / 2 > max)
        return -1;
    for (size_t k = 0; k < n / 2; k++) {
        int hi = binfmt_hexval(s[2 * k]), lo = binfmt_hexval(s[2 * k + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[k] = (unsigned char)(hi << 4 | lo);
    }
    return (long)(n / 2);
}

bool binfmt_entry_parse(const char *text, struct binfmt_entry *e)
{
    memset(e, 0, sizeof *e);
    bool state = false, interp = false, kind = false;
    long msize = -1, ksize = -1;
    const char *p = text;
    for (int line = 0; *p; line++) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        if (line == 0) {
            if (n == 7 && !strncmp(p, "enabled", 7))
                e->enabled = true;
            else if (!(n == 8 && !strncmp(p, "disabled", 8)))
                return false;
            state = true;
        } else if (n > 12 && !strncmp(p, "interpreter ", 12)) {
            if (n - 12 >= sizeof e->interpreter)
                return false;
            memcpy(e->interpreter, p + 12, n - 12);
            e->interpreter[n - 12] = 0;
            interp = true;
        } else if (n >= 6 && !strncmp(p, "flags:", 6)) {
            char fl[8];
            size_t k = 6;
            while (k < n && p[k] == ' ')
                k++;
            if (n - k >= sizeof fl)
                return false;
            memcpy(fl, p + k, n - k);
            fl[n - k] = 0;
            int f = binfmt_flags_parse(fl);
            if (f < 0)
                return false;
            e->flags = (unsigned)f;
        } else if (n > 7 && !strncmp(p, "offset ", 7)) {
            char num[16];
            if (n - 7 >= sizeof num)
                return false;
            memcpy(num, p + 7, n - 7);
            num[n - 7] = 0;
            char *q;
            long v = strtol(num, &q, 10);
            if (*q || v < 0 || v >= BINFMT_MAGIC_MAX)
                return false;
            e->offset = (int)v;
        } else if (n > 6 && !strncmp(p, "magic ", 6)) {
            msize = binfmt_unhex(p + 6, n - 6, e->magic, sizeof e->magic);
            if (msize <= 0)
                return false;
            e->is_magic = kind = true;
        } else if (n > 5 && !strncmp(p, "mask ", 5)) {
            ksize = binfmt_unhex(p + 5, n - 5, e->mask, sizeof e->mask);
            if (ksize <= 0)
                return false;
            e->has_mask = true;
        } else if (n > 10 && !strncmp(p, "extension ", 10)) {
            e->is_magic = false;
            kind = true;
        } else if (n) {
            return false;
        }
        p = end ? end + 1 : p + n;
    }
    if (!state || !interp || !kind)
        return false;
    if (e->is_magic) {
        if (e->has_mask && ksize != msize)
            return false;
        e->size = (size_t)msize;
        if ((size_t)e->offset + e->size > BINFMT_MAGIC_MAX)
            return false;
    }
    return true;
}

/* bytes of the header every AArch64 ELF program has the same (but for the
 * alternatives of binfmt_a64_sample) */
#define BINFMT_SAMPLE_LEN 24

static void binfmt_a64_sample(unsigned char out[BINFMT_SAMPLE_LEN], int type, int osabi)
{
    memset(out, 0, BINFMT_SAMPLE_LEN);
    memcpy(out, ELFMAG, SELFMAG);
    out[EI_CLASS] = ELFCLASS64;
    out[EI_DATA] = ELFDATA2LSB;
    out[EI_VERSION] = EV_CURRENT;
    out[EI_OSABI] = (unsigned char)osabi;
    out[16] = (unsigned char)type; /* e_type, little-endian */
    out[18] = EM_AARCH64;          /* e_machine */
    out[20] = EV_CURRENT;          /* e_version */
}

bool binfmt_entry_claims_a64(const struct binfmt_entry *e)
{
    if (!e->is_magic || e->offset >= BINFMT_SAMPLE_LEN)
        return false;
    static const int types[] = {ET_EXEC, ET_DYN}, abis[] = {ELFOSABI_SYSV, ELFOSABI_GNU};
    for (size_t t = 0; t < 2; t++)
        for (size_t a = 0; a < 2; a++) {
            unsigned char s[BINFMT_SAMPLE_LEN];
            binfmt_a64_sample(s, types[t], abis[a]);
            bool match = true;
            for (size_t j = 0; match && j < e->size; j++) {
                size_t pos = (size_t)e->offset + j;
                unsigned char m = e->has_mask ? e->mask[j] : 0xff;
                if (pos < BINFMT_SAMPLE_LEN && ((s[pos] ^ e->magic[j]) & m))
                    match = false;
            }
            if (match)
                return true;
        }
    return false;
}

bool binfmt_entry_is_pvms(const struct binfmt_entry *e)
{
    return e->is_magic && e->offset == 0 && e->size == BINFMT_MAGIC_LEN && e->has_mask &&
           !memcmp(e->magic, binfmt_a64_magic, BINFMT_MAGIC_LEN) &&
           !memcmp(e->mask, binfmt_a64_mask, BINFMT_MAGIC_LEN);
}

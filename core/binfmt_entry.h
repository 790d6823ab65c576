/* pvm's binfmt_misc entry: the one magic and mask that select AArch64 ELF
 * programs, the entry's flags and name, and the texts made from them: the
 * line the kernel's `register` file takes, systemd-binfmt's binfmt.d line
 * and Debian's update-binfmts format file (dist/ holds the last two, made by
 * `pvm --binfmt-register --print`, so nothing else spells the magic). Also
 * the reading of an entry as the kernel shows it
 * (/proc/sys/fs/binfmt_misc/NAME) and whether an entry claims AArch64
 * programs. Text and bytes only: engine/binfmt.c does every file operation.
 *
 * The magic is the first 20 bytes of an AArch64 ELF header, the mask says
 * which bits count (docs/usage.md "binfmt_misc" explains each byte):
 *
 *   7f 45 4c 46   \x7fELF                     mask ff ff ff ff
 *   02            ELFCLASS64                  mask ff
 *   01            ELFDATA2LSB                 mask ff
 *   01            EI_VERSION EV_CURRENT       mask ff
 *   00            EI_OSABI: any (SYSV, GNU)   mask 00
 *   00 x 8        EI_ABIVERSION, padding: 0   mask ff x 8
 *   02 00         e_type ET_EXEC or ET_DYN    mask fe ff (3 & 0xfe == 2)
 *   b7 00         e_machine EM_AARCH64 (183)  mask ff ff
 *
 * which is what qemu's qemu-binfmt-conf.sh and Debian's qemu-user-static
 * register for aarch64, byte for byte. */
#ifndef PVM_CORE_BINFMT_ENTRY_H
#define PVM_CORE_BINFMT_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

#define BINFMT_DIR "/proc/sys/fs/binfmt_misc"
#define BINFMT_DEFAULT_NAME "pvm-aarch64"
/* qemu-user-static's registration in Debian 12 (binfmt.d: OPF): F so that
 * chroots and containers need no copy of pvm, P so that the guest keeps its
 * argv[0], O so that execute-only programs run; not C (docs/usage.md) */
#define BINFMT_DEFAULT_FLAGS "POF"
#define BINFMT_MAGIC_LEN 20
/* the kernel's bound on an entry's magic (BINPRM_BUF_SIZE) */
#define BINFMT_MAGIC_MAX 256
/* names pvm accepts: [A-Za-z0-9._+-], at most this long */
#define BINFMT_NAME_MAX 63

extern const unsigned char binfmt_a64_magic[BINFMT_MAGIC_LEN];
extern const unsigned char binfmt_a64_mask[BINFMT_MAGIC_LEN];

/* the kernel's flag letters, in the order it shows them */
enum { BINFMT_FLAG_P = 1, BINFMT_FLAG_O = 2, BINFMT_FLAG_C = 4, BINFMT_FLAG_F = 8 };

/* Parses flag letters (any order, each at most once) of "POCF"; C brings O
 * with it, as the kernel's registration does. Returns the bits, or -1. */
int binfmt_flags_parse(const char *s);
/* The flags as the kernel shows them ("POCF" order; "" for none). */
void binfmt_flags_str(unsigned flags, char out[5]);
/* A name pvm registers under: 1 to BINFMT_NAME_MAX bytes of
 * [A-Za-z0-9._+-], not ".", "..", "register" or "status". */
bool binfmt_name_ok(const char *name);

enum binfmt_format {
    BINFMT_FMT_REGISTER, /* the line for BINFMT_DIR/register (no newline) */
    BINFMT_FMT_CONF,     /* a binfmt.d file (systemd-binfmt) */
    BINFMT_FMT_BINFMTS,  /* an update-binfmts format file (/usr/share/binfmts) */
};

/* Parses a --print format name: "register", "conf" or "binfmts"; -1 else. */
int binfmt_format_parse(const char *s);

/* The text of format f for pvm's entry NAME with interpreter INTERP and the
 * flags into out (NUL-terminated). update-binfmts has no key for O alone
 * (only C, which brings O), so its file asks for P, F and C as given and
 * leaves O out unless C is there. Returns the length, or -1 when it does
 * not fit in cap or interp cannot be written in the format (empty, or a
 * ':' or a control byte). */
int binfmt_format(enum binfmt_format f, char *out, size_t cap, const char *name, const char *interp,
                  unsigned flags);

/* An entry as the kernel shows it. */
struct binfmt_entry {
    bool enabled;
    bool is_magic;          /* false: an extension entry */
    unsigned flags;         /* BINFMT_FLAG_* */
    int offset;
    size_t size;            /* bytes of magic and mask */
    bool has_mask;
    unsigned char magic[BINFMT_MAGIC_MAX], mask[BINFMT_MAGIC_MAX];
    char interpreter[4096];
};

/* Parses the text of BINFMT_DIR/NAME ("enabled", "interpreter ...",
 * "flags: ...", "offset N", "magic HEX", "mask HEX" or "extension .EXT").
 * Returns false when the text is not in that form. */
bool binfmt_entry_parse(const char *text, struct binfmt_entry *e);

/* Whether the entry, were it enabled, would select AArch64 ELF programs:
 * its magic, under its mask, matches the identity bytes every such program
 * has (bytes 0-23: e_ident with OS ABI SYSV or GNU, e_type ET_EXEC or
 * ET_DYN, e_machine EM_AARCH64, e_version 1); bytes it tests beyond those
 * are taken to match some program. Extension entries never claim. */
bool binfmt_entry_claims_a64(const struct binfmt_entry *e);

/* Whether the entry's selection is exactly pvm's (offset 0, this magic and
 * mask). */
bool binfmt_entry_is_pvms(const struct binfmt_entry *e);

#endif

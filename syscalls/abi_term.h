/* arm64 guest ABI for terminal (and other whitelisted) ioctls: the termios
 * bits, c_cc indices and request numbers, each asserted against the host's
 * kernel headers, the explicit termios/winsize conversions and the ioctl
 * whitelist (request -> how its argument is converted). Includes the host's
 * <asm/termbits.h> (kernel struct termios), so it must not be combined with
 * glibc's <termios.h>. Any request not listed is -ENOTTY, never passed on. */
#ifndef PVM_SYSCALLS_ABI_TERM_H
#define PVM_SYSCALLS_ABI_TERM_H

#include <asm/termbits.h>
#include <stddef.h>
#include <stdint.h>

#include "syscalls/abi_fs.h" /* struct termios_a64, termios2_a64, winsize_a64, TC*_A64 */

/* ---- termios contents: arm64 uses asm-generic termbits ---- */

/* c_cc indices, c_iflag, c_oflag, c_cflag and c_lflag bits of the arm64
 * kernel (asm-generic/termbits*.h). The x86-64 kernel uses the same header;
 * fs_ioctl.c asserts every row against the host's definition, so the
 * field-by-field conversion below needs no bit remapping. */
#define TERM_CC(X)                                                                                 \
    X(VINTR, 0) X(VQUIT, 1) X(VERASE, 2) X(VKILL, 3) X(VEOF, 4) X(VTIME, 5) X(VMIN, 6)             \
    X(VSWTC, 7) X(VSTART, 8) X(VSTOP, 9) X(VSUSP, 10) X(VEOL, 11) X(VREPRINT, 12)                  \
    X(VDISCARD, 13) X(VWERASE, 14) X(VLNEXT, 15) X(VEOL2, 16)
#define TERM_IFLAGS(X)                                                                             \
    X(IGNBRK, 0x001) X(BRKINT, 0x002) X(IGNPAR, 0x004) X(PARMRK, 0x008) X(INPCK, 0x010)           \
    X(ISTRIP, 0x020) X(INLCR, 0x040) X(IGNCR, 0x080) X(ICRNL, 0x100) X(IUCLC, 0x200)              \
    X(IXON, 0x400) X(IXANY, 0x800) X(IXOFF, 0x1000) X(IMAXBEL, 0x2000) X(IUTF8, 0x4000)
#define TERM_OFLAGS(X)                                                                             \
    X(OPOST, 0x01) X(OLCUC, 0x02) X(ONLCR, 0x04) X(OCRNL, 0x08) X(ONOCR, 0x10) X(ONLRET, 0x20)    \
    X(OFILL, 0x40) X(OFDEL, 0x80) X(NLDLY, 0x100) X(CRDLY, 0x600) X(TABDLY, 0x1800)               \
    X(BSDLY, 0x2000) X(VTDLY, 0x4000) X(FFDLY, 0x8000)
#define TERM_CFLAGS(X)                                                                             \
    X(CBAUD, 0x100f) X(B0, 0) X(B9600, 0xd) X(B38400, 0xf) X(B115200, 0x1002) X(CSIZE, 0x30)      \
    X(CS8, 0x30) X(CSTOPB, 0x40) X(CREAD, 0x80) X(PARENB, 0x100) X(PARODD, 0x200)                 \
    X(HUPCL, 0x400) X(CLOCAL, 0x800) X(CBAUDEX, 0x1000) X(BOTHER, 0x1000)                         \
    X(CIBAUD, 0x100f0000) X(CMSPAR, 0x40000000) X(CRTSCTS, 0x80000000u)
#define TERM_LFLAGS(X)                                                                             \
    X(ISIG, 0x1) X(ICANON, 0x2) X(XCASE, 0x4) X(ECHO, 0x8) X(ECHOE, 0x10) X(ECHOK, 0x20)           \
    X(ECHONL, 0x40) X(NOFLSH, 0x80) X(TOSTOP, 0x100) X(ECHOCTL, 0x200) X(ECHOPRT, 0x400)          \
    X(ECHOKE, 0x800) X(FLUSHO, 0x1000) X(PENDIN, 0x4000) X(IEXTEN, 0x8000) X(EXTPROC, 0x10000)

#define TERM_ENUM_A64(name, v) TERM_##name##_A64 = (v),
enum { TERM_CC(TERM_ENUM_A64) };
enum { TERM_IFLAGS(TERM_ENUM_A64) };
enum { TERM_OFLAGS(TERM_ENUM_A64) };
enum { TERM_LFLAGS(TERM_ENUM_A64) };
enum { TERM_CFLAGS(TERM_ENUM_A64) };
#undef TERM_ENUM_A64

_Static_assert(offsetof(struct termios_a64, c_line) == 16 && offsetof(struct termios_a64, c_cc) == 17,
               "arm64 kernel termios: four flag words, c_line, c_cc[19]");
_Static_assert(offsetof(struct termios2_a64, c_ispeed) == 36, "arm64 kernel termios2 speeds");

/* The common part of termios and termios2 (TCGETS has no speed fields: the
 * speed lives in CBAUD/CIBAUD of c_cflag; termios2 adds explicit speeds for
 * BOTHER). */
static inline void xlat_termios_g2h(const struct termios_a64 *g, struct termios *h)
{
    h->c_iflag = g->c_iflag;
    h->c_oflag = g->c_oflag;
    h->c_cflag = g->c_cflag;
    h->c_lflag = g->c_lflag;
    h->c_line = g->c_line;
    for (int k = 0; k < NCCS_A64; k++)
        h->c_cc[k] = g->c_cc[k];
}

static inline void xlat_termios_h2g(const struct termios *h, struct termios_a64 *g)
{
    g->c_iflag = h->c_iflag;
    g->c_oflag = h->c_oflag;
    g->c_cflag = h->c_cflag;
    g->c_lflag = h->c_lflag;
    g->c_line = h->c_line;
    for (int k = 0; k < NCCS_A64; k++)
        g->c_cc[k] = h->c_cc[k];
}

static inline void xlat_termios2_g2h(const struct termios2_a64 *g, struct termios2 *h)
{
    h->c_iflag = g->c_iflag;
    h->c_oflag = g->c_oflag;
    h->c_cflag = g->c_cflag;
    h->c_lflag = g->c_lflag;
    h->c_line = g->c_line;
    for (int k = 0; k < NCCS_A64; k++)
        h->c_cc[k] = g->c_cc[k];
    h->c_ispeed = g->c_ispeed;
    h->c_ospeed = g->c_ospeed;
}

static inline void xlat_termios2_h2g(const struct termios2 *h, struct termios2_a64 *g)
{
    g->c_iflag = h->c_iflag;
    g->c_oflag = h->c_oflag;
    g->c_cflag = h->c_cflag;
    g->c_lflag = h->c_lflag;
    g->c_line = h->c_line;
    for (int k = 0; k < NCCS_A64; k++)
        g->c_cc[k] = h->c_cc[k];
    g->c_ispeed = h->c_ispeed;
    g->c_ospeed = h->c_ospeed;
}

/* struct winsize is four unsigned shorts on both; the host side is a plain
 * array so this header does not need <sys/ioctl.h>'s struct winsize. */
static inline void xlat_winsize_g2h(const struct winsize_a64 *g, uint16_t h[4])
{
    h[0] = g->ws_row;
    h[1] = g->ws_col;
    h[2] = g->ws_xpixel;
    h[3] = g->ws_ypixel;
}

static inline void xlat_winsize_h2g(const uint16_t h[4], struct winsize_a64 *g)
{
    g->ws_row = h[0];
    g->ws_col = h[1];
    g->ws_xpixel = h[2];
    g->ws_ypixel = h[3];
}

/* ---- further request numbers (asm-generic ioctls.h, linux/fs.h, sockios.h) ---- */

#define TIOCSTI_A64 0x5412
#define TIOCMBIS_A64 0x5416
#define TIOCMBIC_A64 0x5417
#define TIOCMSET_A64 0x5418
#define TIOCPKT_A64 0x5420
#define TIOCSBRK_A64 0x5427
#define TIOCCBRK_A64 0x5428
#define TIOCGDEV_A64 0x80045432U   /* _IOR('T', 0x32, unsigned int) */
#define TIOCSIG_A64 0x40045436U    /* _IOW('T', 0x36, int): the signal is the value */
#define TIOCVHANGUP_A64 0x5437
#define TIOCGPKT_A64 0x80045438U
#define TIOCGEXCL_A64 0x80045440U
#define FIOQSIZE_A64 0x5460        /* loff_t * */
#define FIGETBSZ_A64 0x2           /* _IO(0x00, 2): int * */
#define FS_IOC_GETFLAGS_A64 0x80086601U /* declared long, the kernel uses an int */
#define FS_IOC_SETFLAGS_A64 0x40086602U
#define FS_IOC_GETVERSION_A64 0x80087601U
#define FICLONE_A64 0x40049409U    /* _IOW(0x94, 9, int): the argument is an fd */
#define SIOCATMARK_A64 0x8905
#define SIOCGIFNAME_A64 0x8910
#define SIOCGIFFLAGS_A64 0x8913
#define SIOCGIFADDR_A64 0x8915
#define SIOCGIFBRDADDR_A64 0x8919
#define SIOCGIFNETMASK_A64 0x891b
#define SIOCGIFMTU_A64 0x8921
#define SIOCGIFHWADDR_A64 0x8927
#define SIOCGIFINDEX_A64 0x8933
/* struct ifreq: char[16] name + a 24-byte union (sockaddr, int, short,
 * struct ifmap of two longs, a short and 3 chars): 40 bytes on both LP64
 * ABIs; only the requests above, whose union member holds no pointer. */
#define IFREQ_SIZE_A64 40

/* ---- the whitelist ---- */

/* how a request uses its argument */
enum term_ioc_arg {
    IOC_NONE,      /* ignored */
    IOC_VAL,       /* an integer value */
    IOC_PTR,       /* pointer to `size` bytes, read and/or written by the kernel as is */
    IOC_TERMIOS_R, /* struct termios out (converted) */
    IOC_TERMIOS_W, /* struct termios in (converted) */
    IOC_TERMIOS2_R,
    IOC_TERMIOS2_W,
    IOC_WINSZ_R, /* struct winsize out (converted) */
    IOC_WINSZ_W, /* struct winsize in (converted) */
    IOC_FD,      /* a descriptor number (pvm's are refused) */
    IOC_OFLAGS   /* open flags; returns a new descriptor (TIOCGPTPEER) */
};

struct term_ioc {
    uint32_t req;
    enum term_ioc_arg arg;
    uint32_t size;
};

/* The ioctl whitelist: X(request, argument kind, size), one list with two
 * views: term_iocs below and strace's request names (syscalls/strace_sym.c). */
#define TERM_IOCS(X)                                         \
    X(TCGETS, IOC_TERMIOS_R, sizeof(struct termios_a64))     \
    X(TCSETS, IOC_TERMIOS_W, sizeof(struct termios_a64))     \
    X(TCSETSW, IOC_TERMIOS_W, sizeof(struct termios_a64))    \
    X(TCSETSF, IOC_TERMIOS_W, sizeof(struct termios_a64))    \
    X(TCGETS2, IOC_TERMIOS2_R, sizeof(struct termios2_a64))  \
    X(TCSETS2, IOC_TERMIOS2_W, sizeof(struct termios2_a64))  \
    X(TCSETSW2, IOC_TERMIOS2_W, sizeof(struct termios2_a64)) \
    X(TCSETSF2, IOC_TERMIOS2_W, sizeof(struct termios2_a64)) \
    X(TIOCGWINSZ, IOC_WINSZ_R, sizeof(struct winsize_a64))   \
    X(TIOCSWINSZ, IOC_WINSZ_W, sizeof(struct winsize_a64))   \
    X(TIOCGPGRP, IOC_PTR, 4)                                 \
    X(TIOCSPGRP, IOC_PTR, 4)                                 \
    X(TIOCGSID, IOC_PTR, 4)                                  \
    X(FIONREAD, IOC_PTR, 4)                                  \
    X(TIOCOUTQ, IOC_PTR, 4)                                  \
    X(FIONBIO, IOC_PTR, 4)                                   \
    X(FIOASYNC, IOC_PTR, 4)                                  \
    X(TIOCMGET, IOC_PTR, 4)                                  \
    X(TIOCMSET, IOC_PTR, 4)                                  \
    X(TIOCMBIS, IOC_PTR, 4)                                  \
    X(TIOCMBIC, IOC_PTR, 4)                                  \
    X(TIOCGETD, IOC_PTR, 4)                                  \
    X(TIOCSETD, IOC_PTR, 4)                                  \
    X(TIOCGPTN, IOC_PTR, 4)                                  \
    X(TIOCSPTLCK, IOC_PTR, 4)                                \
    X(TIOCGPTLCK, IOC_PTR, 4)                                \
    X(TIOCPKT, IOC_PTR, 4)                                   \
    X(TIOCGPKT, IOC_PTR, 4)                                  \
    X(TIOCGEXCL, IOC_PTR, 4)                                 \
    X(TIOCGDEV, IOC_PTR, 4)                                  \
    X(TIOCSTI, IOC_PTR, 1)                                   \
    X(TIOCSCTTY, IOC_VAL, 0)                                 \
    X(TIOCSIG, IOC_VAL, 0)                                   \
    X(TCSBRK, IOC_VAL, 0)                                    \
    X(TCSBRKP, IOC_VAL, 0)                                   \
    X(TCXONC, IOC_VAL, 0)                                    \
    X(TCFLSH, IOC_VAL, 0)                                    \
    X(TIOCNOTTY, IOC_NONE, 0)                                \
    X(TIOCEXCL, IOC_NONE, 0)                                 \
    X(TIOCNXCL, IOC_NONE, 0)                                 \
    X(TIOCSBRK, IOC_NONE, 0)                                 \
    X(TIOCCBRK, IOC_NONE, 0)                                 \
    X(TIOCVHANGUP, IOC_NONE, 0)                              \
    X(FIOCLEX, IOC_NONE, 0)                                  \
    X(FIONCLEX, IOC_NONE, 0)                                 \
    X(TIOCGPTPEER, IOC_OFLAGS, 0)                            \
    X(FIOQSIZE, IOC_PTR, 8)                                  \
    X(FIGETBSZ, IOC_PTR, 4)                                  \
    X(FS_IOC_GETFLAGS, IOC_PTR, 4)                           \
    X(FS_IOC_SETFLAGS, IOC_PTR, 4)                           \
    X(FS_IOC_GETVERSION, IOC_PTR, 4)                         \
    X(FICLONE, IOC_FD, 0)                                    \
    X(SIOCATMARK, IOC_PTR, 4)                                \
    X(SIOCGIFNAME, IOC_PTR, IFREQ_SIZE_A64)                  \
    X(SIOCGIFFLAGS, IOC_PTR, IFREQ_SIZE_A64)                 \
    X(SIOCGIFADDR, IOC_PTR, IFREQ_SIZE_A64)                  \
    X(SIOCGIFBRDADDR, IOC_PTR, IFREQ_SIZE_A64)               \
    X(SIOCGIFNETMASK, IOC_PTR, IFREQ_SIZE_A64)               \
    X(SIOCGIFMTU, IOC_PTR, IFREQ_SIZE_A64)                   \
    X(SIOCGIFHWADDR, IOC_PTR, IFREQ_SIZE_A64)                \
    X(SIOCGIFINDEX, IOC_PTR, IFREQ_SIZE_A64)

static const struct term_ioc term_iocs[] = {
#define TERM_IOC_ROW(name, arg, size) {name##_A64, arg, size},
    TERM_IOCS(TERM_IOC_ROW)
#undef TERM_IOC_ROW
};

/* The whitelist entry for a request (the kernel's cmd is an unsigned int:
 * the upper half of the guest register is ignored), or NULL: -ENOTTY. */
static inline const struct term_ioc *xlat_ioctl_lookup(uint64_t req)
{
    for (size_t k = 0; k < sizeof term_iocs / sizeof term_iocs[0]; k++)
        if (term_iocs[k].req == (uint32_t)req)
            return &term_iocs[k];
    return NULL;
}

#endif

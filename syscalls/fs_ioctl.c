/* ioctl: a whitelist of terminal, generic file and interface-query requests
 * (syscalls/abi_term.h). arm64 and x86-64 both use the asm-generic ioctl
 * numbers and termbits (every number and bit asserted below against the
 * host's kernel headers); struct termios/termios2/winsize are still copied
 * field by field through host structs. Any other request gives ENOTTY and
 * never reaches the host: its argument layout is unknown. */
#include <asm/ioctls.h>
#include <fcntl.h>
#include <linux/fs.h>
#include <linux/sockios.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "signals/safe_syscall.h"
#include "syscalls/abi_term.h"
#include "syscalls/fs_util.h"

_Static_assert(TCGETS == TCGETS_A64 && TCSETS == TCSETS_A64 && TCSETSW == TCSETSW_A64 &&
                   TCSETSF == TCSETSF_A64 && TIOCGWINSZ == TIOCGWINSZ_A64 &&
                   TIOCSWINSZ == TIOCSWINSZ_A64 && TIOCGPGRP == TIOCGPGRP_A64 &&
                   TIOCSPGRP == TIOCSPGRP_A64 && FIONREAD == FIONREAD_A64 &&
                   FIONBIO == FIONBIO_A64 && TIOCSCTTY == TIOCSCTTY_A64 &&
                   TIOCNOTTY == TIOCNOTTY_A64 && TIOCGSID == TIOCGSID_A64 &&
                   TCGETS2 == TCGETS2_A64 && TCSETS2 == TCSETS2_A64 &&
                   TCSETSW2 == TCSETSW2_A64 && TCSETSF2 == TCSETSF2_A64 &&
                   TIOCGPTN == TIOCGPTN_A64 && TIOCSPTLCK == TIOCSPTLCK_A64 &&
                   TIOCGPTLCK == TIOCGPTLCK_A64 && TIOCGPTPEER == TIOCGPTPEER_A64 &&
                   FIOCLEX == FIOCLEX_A64 && FIONCLEX == FIONCLEX_A64 &&
                   FIOASYNC == FIOASYNC_A64 && TCFLSH == TCFLSH_A64 &&
                   TCSBRK == TCSBRK_A64 && TCSBRKP == TCSBRKP_A64 && TCXONC == TCXONC_A64 &&
                   TIOCOUTQ == TIOCOUTQ_A64 && TIOCMGET == TIOCMGET_A64 &&
                   TIOCGETD == TIOCGETD_A64 && TIOCSETD == TIOCSETD_A64 &&
                   TIOCEXCL == TIOCEXCL_A64 && TIOCNXCL == TIOCNXCL_A64,
               "asm-generic ioctl numbers are the host's");
_Static_assert(TIOCSTI == TIOCSTI_A64 && TIOCMBIS == TIOCMBIS_A64 && TIOCMBIC == TIOCMBIC_A64 &&
                   TIOCMSET == TIOCMSET_A64 && TIOCPKT == TIOCPKT_A64 &&
                   TIOCSBRK == TIOCSBRK_A64 && TIOCCBRK == TIOCCBRK_A64 &&
                   TIOCGDEV == TIOCGDEV_A64 && TIOCSIG == TIOCSIG_A64 &&
                   TIOCVHANGUP == TIOCVHANGUP_A64 && TIOCGPKT == TIOCGPKT_A64 &&
                   TIOCGEXCL == TIOCGEXCL_A64 && FIOQSIZE == FIOQSIZE_A64 &&
                   FIGETBSZ == FIGETBSZ_A64 && FS_IOC_GETFLAGS == FS_IOC_GETFLAGS_A64 &&
                   FS_IOC_SETFLAGS == FS_IOC_SETFLAGS_A64 &&
                   FS_IOC_GETVERSION == FS_IOC_GETVERSION_A64 && FICLONE == FICLONE_A64 &&
                   SIOCATMARK == SIOCATMARK_A64 && SIOCGIFNAME == SIOCGIFNAME_A64 &&
                   SIOCGIFFLAGS == SIOCGIFFLAGS_A64 && SIOCGIFADDR == SIOCGIFADDR_A64 &&
                   SIOCGIFBRDADDR == SIOCGIFBRDADDR_A64 &&
                   SIOCGIFNETMASK == SIOCGIFNETMASK_A64 && SIOCGIFMTU == SIOCGIFMTU_A64 &&
                   SIOCGIFHWADDR == SIOCGIFHWADDR_A64 && SIOCGIFINDEX == SIOCGIFINDEX_A64,
               "further request numbers are the host's");
_Static_assert(sizeof(struct termios) == sizeof(struct termios_a64) && NCCS == NCCS_A64 &&
                   sizeof(struct termios2) == sizeof(struct termios2_a64),
               "kernel termios layouts agree");

/* every termios bit and c_cc index of the guest is the host's */
#define TERM_SAME(name, v) _Static_assert(name == TERM_##name##_A64, #name " differs");
TERM_CC(TERM_SAME)
TERM_IFLAGS(TERM_SAME)
TERM_OFLAGS(TERM_SAME)
TERM_CFLAGS(TERM_SAME)
TERM_LFLAGS(TERM_SAME)
#undef TERM_SAME

/* Every host ioctl goes through the safe-syscall stub: tcdrain (TCSBRK),
 * tcsendbreak and TCSETSW/TCSETSF wait for the terminal's output to drain,
 * which flow control can hold forever. */
static long ioc_hsys(int fd, unsigned req, unsigned long arg)
{
    return sig_hsys(SYS_ioctl, fd, req, (long)arg, 0, 0, 0);
}

static long ioc_host(int fd, unsigned req, void *arg) { return ioc_hsys(fd, req, (unsigned long)arg); }

/* the termios-family requests: converted through host structs */
static int64_t ioc_struct(int fd, const struct term_ioc *e, uint64_t ga)
{
    if (!mem_range_ok(ga, e->size))
        return -EFAULT;
    long r;
    switch (e->arg) {
    case IOC_TERMIOS_R: {
        struct termios h;
        struct termios_a64 g;
        if ((r = ioc_host(fd, e->req, &h)) < 0)
            return r;
        xlat_termios_h2g(&h, &g);
        return mem_copy_to_guest(ga, &g, sizeof g) ? r : -EFAULT;
    }
    case IOC_TERMIOS_W: {
        struct termios h;
        struct termios_a64 g;
        if (!mem_copy_from_guest(&g, ga, sizeof g))
            return -EFAULT;
        xlat_termios_g2h(&g, &h);
        return ioc_host(fd, e->req, &h);
    }
    case IOC_TERMIOS2_R: {
        struct termios2 h;
        struct termios2_a64 g;
        if ((r = ioc_host(fd, e->req, &h)) < 0)
            return r;
        xlat_termios2_h2g(&h, &g);
        return mem_copy_to_guest(ga, &g, sizeof g) ? r : -EFAULT;
    }
    case IOC_TERMIOS2_W: {
        struct termios2 h;
        struct termios2_a64 g;
        if (!mem_copy_from_guest(&g, ga, sizeof g))
            return -EFAULT;
        xlat_termios2_g2h(&g, &h);
        return ioc_host(fd, e->req, &h);
    }
    case IOC_WINSZ_R: {
        uint16_t h[4];
        struct winsize_a64 g;
        if ((r = ioc_host(fd, e->req, h)) < 0)
            return r;
        xlat_winsize_h2g(h, &g);
        return mem_copy_to_guest(ga, &g, sizeof g) ? r : -EFAULT;
    }
    case IOC_WINSZ_W: {
        uint16_t h[4];
        struct winsize_a64 g;
        if (!mem_copy_from_guest(&g, ga, sizeof g))
            return -EFAULT;
        xlat_winsize_g2h(&g, h);
        return ioc_host(fd, e->req, h);
    }
    default:
        return -ENOTTY;
    }
}

int64_t sys_ioctl(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    int fd = fs_fd(a[0]);
    const struct term_ioc *e = xlat_ioctl_lookup(a[1]);
    if (!e)
        return -ENOTTY;
    unsigned req = e->req;
    switch (e->arg) {
    case IOC_NONE:
        return ioc_hsys(fd, req, 0);
    case IOC_VAL:
        return ioc_hsys(fd, req, a[2]);
    case IOC_PTR:
        if (!mem_range_ok(a[2], e->size))
            return -EFAULT;
        return ioc_host(fd, req, g2h(a[2]));
    case IOC_FD:
        if (fd_is_pvm(fs_fd(a[2])))
            return -EBADF;
        return ioc_hsys(fd, req, (unsigned long)fs_fd(a[2]));
    case IOC_OFLAGS: {
        /* the kernel keeps these four and drops any other bit */
        uint64_t g = a[2] & (O_ACCMODE_A64 | O_NOCTTY_A64 | O_NONBLOCK_A64 | O_CLOEXEC_A64);
        int h;
        if (xlat_open_flags_g2h(g, &h))
            return -EINVAL;
        return fdtab_guest_fd(ioc_hsys(fd, req, (unsigned long)h));
    }
    default:
        return ioc_struct(fd, e, a[2]);
    }
}

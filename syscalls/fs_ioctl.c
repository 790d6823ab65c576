/* ioctl: a whitelist of terminal and generic file requests. arm64 and x86-64
 * both use the asm-generic ioctl numbers, struct termios/termios2 and
 * struct winsize (asserted below against the host's kernel headers), so a
 * known request passes with its argument range-checked; any other request
 * gives ENOTTY and never reaches the host (its argument layout is unknown). */
#include <asm/ioctls.h>
#include <asm/termbits.h>
#include <fcntl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "syscalls/abi_fs.h"
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
_Static_assert(sizeof(struct termios) == sizeof(struct termios_a64) && NCCS == NCCS_A64 &&
                   sizeof(struct termios2) == sizeof(struct termios2_a64),
               "kernel termios layouts agree");

#define FICLONE_A64 0x40049409U /* _IOW(0x94, 9, int): the argument is an fd */

/* how a request uses its argument */
enum fs_ioc_arg {
    IOC_NONE,  /* ignored */
    IOC_VAL,   /* an integer value */
    IOC_PTR,   /* pointer to `size` bytes (read and/or written by the kernel) */
    IOC_FD,    /* a descriptor number */
    IOC_OFLAGS /* open flags; returns a new descriptor (TIOCGPTPEER) */
};

struct fs_ioc {
    unsigned req;
    enum fs_ioc_arg arg;
    unsigned size;
};

static const struct fs_ioc fs_iocs[] = {
    {TCGETS_A64, IOC_PTR, sizeof(struct termios_a64)},
    {TCSETS_A64, IOC_PTR, sizeof(struct termios_a64)},
    {TCSETSW_A64, IOC_PTR, sizeof(struct termios_a64)},
    {TCSETSF_A64, IOC_PTR, sizeof(struct termios_a64)},
    {TCGETS2_A64, IOC_PTR, sizeof(struct termios2_a64)},
    {TCSETS2_A64, IOC_PTR, sizeof(struct termios2_a64)},
    {TCSETSW2_A64, IOC_PTR, sizeof(struct termios2_a64)},
    {TCSETSF2_A64, IOC_PTR, sizeof(struct termios2_a64)},
    {TIOCGWINSZ_A64, IOC_PTR, sizeof(struct winsize_a64)},
    {TIOCSWINSZ_A64, IOC_PTR, sizeof(struct winsize_a64)},
    {TIOCGPGRP_A64, IOC_PTR, 4},
    {TIOCSPGRP_A64, IOC_PTR, 4},
    {TIOCGSID_A64, IOC_PTR, 4},
    {FIONREAD_A64, IOC_PTR, 4},
    {TIOCOUTQ_A64, IOC_PTR, 4},
    {FIONBIO_A64, IOC_PTR, 4},
    {FIOASYNC_A64, IOC_PTR, 4},
    {TIOCMGET_A64, IOC_PTR, 4},
    {TIOCGETD_A64, IOC_PTR, 4},
    {TIOCSETD_A64, IOC_PTR, 4},
    {TIOCGPTN_A64, IOC_PTR, 4},
    {TIOCSPTLCK_A64, IOC_PTR, 4},
    {TIOCGPTLCK_A64, IOC_PTR, 4},
    {TIOCSCTTY_A64, IOC_VAL, 0},
    {TCSBRK_A64, IOC_VAL, 0},
    {TCSBRKP_A64, IOC_VAL, 0},
    {TCXONC_A64, IOC_VAL, 0},
    {TCFLSH_A64, IOC_VAL, 0},
    {TIOCNOTTY_A64, IOC_NONE, 0},
    {TIOCEXCL_A64, IOC_NONE, 0},
    {TIOCNXCL_A64, IOC_NONE, 0},
    {FIOCLEX_A64, IOC_NONE, 0},
    {FIONCLEX_A64, IOC_NONE, 0},
    {TIOCGPTPEER_A64, IOC_OFLAGS, 0},
    {FICLONE_A64, IOC_FD, 0},
};

int64_t sys_ioctl(struct cpu *c, const uint64_t a[6])
{
    long r = fs_check_fd(a[0]);
    if (r)
        return r;
    int fd = fs_fd(a[0]);
    unsigned req = (unsigned)a[1];
    const struct fs_ioc *e = NULL;
    for (size_t k = 0; k < sizeof fs_iocs / sizeof fs_iocs[0]; k++)
        if (fs_iocs[k].req == req)
            e = &fs_iocs[k];
    if (!e)
        return -ENOTTY;
    switch (e->arg) {
    case IOC_NONE:
        return sys_ret(syscall(SYS_ioctl, fd, req, 0UL));
    case IOC_VAL:
        return sys_ret(syscall(SYS_ioctl, fd, req, (unsigned long)a[2]));
    case IOC_PTR:
        if (!mem_range_ok(a[2], e->size))
            return -EFAULT;
        return sys_ret(syscall(SYS_ioctl, fd, req, g2h(a[2])));
    case IOC_FD:
        if (fd_is_pvm(fs_fd(a[2])))
            return -EBADF;
        return sys_ret(syscall(SYS_ioctl, fd, req, (unsigned long)fs_fd(a[2])));
    case IOC_OFLAGS: {
        int h;
        if (xlat_open_flags_g2h(a[2], &h))
            return -EINVAL;
        r = fdtab_guest_fd(sys_ret(syscall(SYS_ioctl, fd, req, (unsigned long)h)));
        if (r >= 0)
            fdtab_forget((int)r);
        return r;
    }
    }
    return -ENOTTY;
}

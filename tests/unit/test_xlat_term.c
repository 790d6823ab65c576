/* Terminal ioctl conversions (syscalls/abi_term.h): termios, termios2 and
 * winsize round trips through the host structs, byte-exact layout, the ioctl
 * whitelist (known requests, their argument kinds and sizes, unknown ones
 * refused); plus the misc/time/memory classifiers of syscalls/abi_misc.h
 * (personality, memfd flags, membarrier commands, adjtimex modes, fd clock
 * ids). Includes the kernel's termbits, so not glibc's <termios.h>. */
#include <asm/ioctl.h>
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "syscalls/abi_misc.h"
#include "syscalls/abi_term.h"

static void fill_random(void *p, size_t n, unsigned seed)
{
    srand(seed);
    for (size_t k = 0; k < n; k++)
        ((uint8_t *)p)[k] = (uint8_t)rand();
}

START_TEST(test_termios_round_trip)
{
    for (unsigned seed = 1; seed < 200; seed++) {
        struct termios_a64 g, back;
        struct termios h;
        fill_random(&g, sizeof g, seed);
        memset(&h, 0xee, sizeof h);
        xlat_termios_g2h(&g, &h);
        ck_assert_uint_eq(h.c_iflag, g.c_iflag);
        ck_assert_uint_eq(h.c_oflag, g.c_oflag);
        ck_assert_uint_eq(h.c_cflag, g.c_cflag);
        ck_assert_uint_eq(h.c_lflag, g.c_lflag);
        ck_assert_uint_eq(h.c_line, g.c_line);
        ck_assert_uint_eq(h.c_cc[VMIN], g.c_cc[TERM_VMIN_A64]);
        ck_assert_uint_eq(h.c_cc[VEOL2], g.c_cc[TERM_VEOL2_A64]);
        ck_assert_uint_eq(h.c_cc[NCCS - 1], g.c_cc[NCCS_A64 - 1]);
        /* the kernel layouts are the same, byte for byte */
        ck_assert_int_eq(memcmp(&h, &g, sizeof g), 0);
        memset(&back, 0x11, sizeof back);
        xlat_termios_h2g(&h, &back);
        ck_assert_int_eq(memcmp(&back, &g, sizeof g), 0);
    }
}
END_TEST

START_TEST(test_termios2_round_trip)
{
    for (unsigned seed = 1; seed < 200; seed++) {
        struct termios2_a64 g, back;
        struct termios2 h;
        fill_random(&g, sizeof g, seed * 7);
        memset(&h, 0xee, sizeof h);
        xlat_termios2_g2h(&g, &h);
        ck_assert_uint_eq(h.c_ispeed, g.c_ispeed);
        ck_assert_uint_eq(h.c_ospeed, g.c_ospeed);
        ck_assert_uint_eq(h.c_cflag, g.c_cflag);
        ck_assert_int_eq(memcmp(&h, &g, sizeof g), 0);
        memset(&back, 0x11, sizeof back);
        xlat_termios2_h2g(&h, &back);
        ck_assert_int_eq(memcmp(&back, &g, sizeof g), 0);
    }
}
END_TEST

START_TEST(test_winsize_round_trip)
{
    struct winsize_a64 g = {24, 80, 640, 480}, back;
    uint16_t h[4];
    xlat_winsize_g2h(&g, h);
    ck_assert_uint_eq(h[0], 24);
    ck_assert_uint_eq(h[1], 80);
    ck_assert_uint_eq(h[2], 640);
    ck_assert_uint_eq(h[3], 480);
    xlat_winsize_h2g(h, &back);
    ck_assert_int_eq(memcmp(&back, &g, sizeof g), 0);
}
END_TEST

START_TEST(test_termios_bits)
{
    /* a raw-mode setting, spelled with guest bits, reads back with the host's */
    struct termios_a64 g = {0};
    g.c_cflag = TERM_CS8_A64 | TERM_CREAD_A64 | TERM_B38400_A64;
    g.c_lflag = TERM_ISIG_A64 | TERM_ICANON_A64 | TERM_ECHO_A64;
    g.c_iflag = TERM_ICRNL_A64 | TERM_IUTF8_A64;
    g.c_oflag = TERM_OPOST_A64 | TERM_ONLCR_A64;
    g.c_cc[TERM_VINTR_A64] = 3;
    g.c_cc[TERM_VMIN_A64] = 1;
    struct termios h;
    xlat_termios_g2h(&g, &h);
    ck_assert_uint_eq(h.c_cflag & CSIZE, CS8);
    ck_assert_uint_eq(h.c_cflag & CBAUD, B38400);
    ck_assert(h.c_lflag & ICANON && h.c_lflag & ECHO && h.c_lflag & ISIG);
    ck_assert(h.c_iflag & ICRNL && h.c_iflag & IUTF8);
    ck_assert(h.c_oflag & OPOST && h.c_oflag & ONLCR);
    ck_assert_uint_eq(h.c_cc[VINTR], 3);
    ck_assert_uint_eq(h.c_cc[VMIN], 1);
}
END_TEST

START_TEST(test_ioctl_whitelist)
{
    size_t n = sizeof term_iocs / sizeof term_iocs[0];
    for (size_t k = 0; k < n; k++) {
        for (size_t j = k + 1; j < n; j++)
            ck_assert_uint_ne(term_iocs[k].req, term_iocs[j].req);
        ck_assert_ptr_eq(xlat_ioctl_lookup(term_iocs[k].req), &term_iocs[k]);
        const struct term_ioc *e = &term_iocs[k];
        /* a request encoding its own size (_IOR/_IOW) agrees with the table,
         * except FS_IOC_*FLAGS/GETVERSION: declared long, used as int */
        if (_IOC_DIR(e->req) != _IOC_NONE && e->arg == IOC_PTR && _IOC_TYPE(e->req) != 'f' &&
            _IOC_TYPE(e->req) != 'v')
            ck_assert_uint_eq(_IOC_SIZE(e->req), e->size);
        if (e->arg == IOC_PTR)
            ck_assert_uint_gt(e->size, 0);
    }
    const struct term_ioc *e = xlat_ioctl_lookup(TCGETS_A64);
    ck_assert_ptr_nonnull(e);
    ck_assert_int_eq(e->arg, IOC_TERMIOS_R);
    ck_assert_uint_eq(e->size, 36);
    ck_assert_int_eq(xlat_ioctl_lookup(TCSETSF_A64)->arg, IOC_TERMIOS_W);
    ck_assert_int_eq(xlat_ioctl_lookup(TCGETS2_A64)->arg, IOC_TERMIOS2_R);
    ck_assert_uint_eq(xlat_ioctl_lookup(TCSETS2_A64)->size, 44);
    ck_assert_int_eq(xlat_ioctl_lookup(TIOCGWINSZ_A64)->arg, IOC_WINSZ_R);
    ck_assert_int_eq(xlat_ioctl_lookup(TIOCSWINSZ_A64)->arg, IOC_WINSZ_W);
    ck_assert_uint_eq(xlat_ioctl_lookup(FIONREAD_A64)->size, 4);
    ck_assert_int_eq(xlat_ioctl_lookup(FIONBIO_A64)->arg, IOC_PTR);
    ck_assert_int_eq(xlat_ioctl_lookup(FIOCLEX_A64)->arg, IOC_NONE);
    ck_assert_int_eq(xlat_ioctl_lookup(TIOCSCTTY_A64)->arg, IOC_VAL);
    ck_assert_int_eq(xlat_ioctl_lookup(TCFLSH_A64)->arg, IOC_VAL);
    ck_assert_int_eq(xlat_ioctl_lookup(TIOCGPTPEER_A64)->arg, IOC_OFLAGS);
    ck_assert_int_eq(xlat_ioctl_lookup(FICLONE_A64)->arg, IOC_FD);
    /* the kernel's cmd is 32 bits: the upper half of the register is ignored */
    ck_assert_ptr_eq(xlat_ioctl_lookup(0xffffffff00000000ull | TCGETS_A64), xlat_ioctl_lookup(TCGETS_A64));
    /* unknown or unconvertible requests: ENOTTY */
    static const uint64_t refused[] = {
        0, 0x12345678, 0x5405 /* TCGETA */, 0x541C /* TIOCLINUX */, 1 /* FIBMAP */,
        0x8912 /* SIOCGIFCONF: holds a pointer */, 0x4020940d /* FICLONERANGE: holds an fd */,
        0xc0189436 /* FIDEDUPERANGE */, 0x5401 | (1u << 30) /* TCGETS with a direction */,
    };
    for (size_t k = 0; k < sizeof refused / sizeof refused[0]; k++)
        ck_assert_ptr_null(xlat_ioctl_lookup(refused[k]));
}
END_TEST

START_TEST(test_misc_classifiers)
{
    ck_assert(xlat_personality_ok(PER_LINUX_A64));
    ck_assert(xlat_personality_ok(ADDR_NO_RANDOMIZE_A64));
    ck_assert(xlat_personality_ok(READ_IMPLIES_EXEC_A64 | UNAME26_A64));
    ck_assert(!xlat_personality_ok(0x0008)); /* PER_LINUX32 */
    ck_assert(!xlat_personality_ok(0x0006)); /* PER_BSD */
    ck_assert(!xlat_personality_ok(0x100));  /* unknown flag bit */
    ck_assert(!xlat_personality_ok(0x10000000));
    ck_assert_uint_eq(PER_HOST_FLAGS_A64 & (READ_IMPLIES_EXEC_A64 | ADDR_LIMIT_32BIT_A64 |
                                            ADDR_LIMIT_3GB_A64 | MMAP_PAGE_ZERO_A64),
                      0);

    ck_assert(xlat_memfd_flags_ok(0));
    ck_assert(xlat_memfd_flags_ok(MFD_CLOEXEC_A64 | MFD_ALLOW_SEALING_A64));
    ck_assert(xlat_memfd_flags_ok(MFD_HUGETLB_A64 | (21u << MFD_HUGE_SHIFT_A64)));
    ck_assert(!xlat_memfd_flags_ok(21u << MFD_HUGE_SHIFT_A64)); /* size without HUGETLB */
    ck_assert(!xlat_memfd_flags_ok(MFD_EXEC_A64 | MFD_NOEXEC_SEAL_A64));
    ck_assert(!xlat_memfd_flags_ok(0x100));

    ck_assert(xlat_membarrier_cmd_ok(0, 0));
    for (int b = 0; b <= 9; b++)
        ck_assert(xlat_membarrier_cmd_ok(1u << b, 0));
    ck_assert(!xlat_membarrier_cmd_ok(3, 0));
    ck_assert(!xlat_membarrier_cmd_ok(1u << 10, 0));
    ck_assert(!xlat_membarrier_cmd_ok(8, 1));
    ck_assert(xlat_membarrier_cmd_ok(MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ_A64, MEMBARRIER_CMD_FLAG_CPU_A64));

    ck_assert(xlat_adjtimex_readonly(0));
    ck_assert(xlat_adjtimex_readonly(0xa001)); /* ADJ_OFFSET_SS_READ */
    ck_assert(!xlat_adjtimex_readonly(0x8001)); /* ADJ_OFFSET_SINGLESHOT sets */
    ck_assert(!xlat_adjtimex_readonly(0x0002)); /* ADJ_FREQUENCY */

    int32_t id = (int32_t)((~(uint32_t)5 << 3) | CLOCKFD_A64); /* FD_TO_CLOCKID(5) */
    ck_assert(clockid_is_fd(id));
    ck_assert_int_eq(clockid_fd(id), 5);
    ck_assert(!clockid_is_fd(1));                 /* CLOCK_MONOTONIC */
    ck_assert(!clockid_is_fd((int32_t)(~(uint32_t)42 << 3) | 2)); /* a process CPU clock */
}
END_TEST

Suite *suite_xlat_term(void)
{
    Suite *s = suite_create("xlat_term");
    TCase *t = tcase_create("term");
    tcase_add_test(t, test_termios_round_trip);
    tcase_add_test(t, test_termios2_round_trip);
    tcase_add_test(t, test_winsize_round_trip);
    tcase_add_test(t, test_termios_bits);
    tcase_add_test(t, test_ioctl_whitelist);
    suite_add_tcase(s, t);
    TCase *m = tcase_create("misc");
    tcase_add_test(m, test_misc_classifiers);
    suite_add_tcase(s, m);
    return s;
}

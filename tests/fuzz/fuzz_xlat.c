/* libFuzzer target: the system-call argument conversions of syscalls/abi_*.h
 * (every xlat_* function: flags, structs, ioctl requests) on arbitrary bytes.
 * Input: byte 0 picks the family (modulo the number of families), the rest
 * is the argument (raw guest words or a guest struct, zero-padded).
 * Invariants asserted (abort = finding), per family:
 *  - a guest value with a bit outside the family's known set is rejected;
 *  - an accepted value converts to host bits that carry no host-only bit,
 *    and where the mapping is a bijection g2h then h2g is the identity (open
 *    flags, epoll events, termios, termios2, winsize) and h2g then g2h too;
 *  - classifiers return one of their enum values, consistent with the flags
 *    (a vfork has CLONE_VM|CLONE_VFORK, a fork neither);
 *  - ioctl lookups return NULL or an entry of the table for that request;
 *  - struct conversions copy every field (no uninitialised or out-of-bounds
 *    bytes: ASan/UBSan, and a comparison field by field).
 * The functions are static inline, so this file is the whole target. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "syscalls/abi_events.h"
#include "syscalls/abi_fs.h"
#include "syscalls/abi_misc.h"
#include "syscalls/abi_net.h"
#include "syscalls/abi_proc.h"
#include "syscalls/abi_term.h"

#define CHECK(c)                                                                      \
    do {                                                                              \
        if (!(c)) {                                                                   \
            fprintf(stderr, "fuzz_xlat: invariant failed: %s (line %d)\n", #c, __LINE__); \
            abort();                                                                  \
        }                                                                             \
    } while (0)

/* the argument bytes after the selector, zero-padded */
struct arg {
    union {
        uint64_t w[8];
        uint8_t b[64];
    };
};

/* the host's O_* values pvm translates (the others are the same on both) */
#define O_HOST_KNOWN (O_SAME_A64 | O_DIRECTORY_X64 | O_NOFOLLOW_X64 | O_DIRECT_X64 | O_LARGEFILE_X64)

static void fuzz_open(const struct arg *a)
{
    uint64_t g = a->w[0];
    int h = 0x5a5a5a5a;
    int r = xlat_open_flags_g2h(g, &h);
    CHECK(r == 0 || r == -EINVAL);
    CHECK((r == 0) == !(g & ~(uint64_t)O_KNOWN_A64));
    if (r == 0) {
        CHECK(!((unsigned)h & ~(unsigned)O_HOST_KNOWN));
        CHECK(xlat_open_flags_h2g(h) == g); /* bijection on the known bits */
    }
    /* host -> guest -> host, for every host value the host's open can return */
    int hh = (int)(a->w[1] & (uint64_t)O_HOST_KNOWN);
    uint64_t gg = xlat_open_flags_h2g(hh);
    int back = 0;
    CHECK(xlat_open_flags_g2h(gg, &back) == 0 && back == hh);
    CHECK(xlat_check_bits(g, a->w[1]) == ((g & ~a->w[1]) ? -EINVAL : 0));
}

static void fuzz_open_how(const struct arg *a)
{
    struct open_how_a64 g = {a->w[0], a->w[1] & (a->b[63] & 1 ? 0xffff : ~0ull), a->w[2]};
    if (a->b[62] & 1)
        g.resolve &= RESOLVE_KNOWN_A64;
    if (a->b[61] & 1)
        g.flags &= O_KNOWN_A64;
    struct open_how_x64 h = {1, 2, 3};
    int r = xlat_open_how_g2h(&g, &h);
    CHECK(r == 0 || r == -EINVAL);
    if (r == 0) {
        int hf;
        CHECK(xlat_open_flags_g2h(g.flags, &hf) == 0 && (uint32_t)hf == h.flags);
        CHECK(!(g.resolve & ~(uint64_t)RESOLVE_KNOWN_A64) && h.resolve == g.resolve);
        CHECK(h.mode == g.mode && g.mode <= 07777);
        CHECK(!g.mode || (g.flags & (O_CREAT_A64 | O__TMPFILE_A64)));
    } else {
        CHECK(h.flags == 1 && h.mode == 2 && h.resolve == 3); /* untouched */
    }
}

static void fuzz_stat(const struct arg *a)
{
    struct stat h;
    memcpy(&h, a->b, sizeof h < sizeof a->b ? sizeof h : sizeof a->b);
    struct stat_a64 g;
    memset(&g, 0xa5, sizeof g);
    xlat_stat_h2g(&h, &g);
    CHECK(g.st_dev == h.st_dev && g.st_ino == h.st_ino && g.st_mode == h.st_mode);
    CHECK(g.st_uid == h.st_uid && g.st_gid == h.st_gid && g.st_rdev == h.st_rdev);
    CHECK(g.st_size == h.st_size && g.st_blocks == h.st_blocks);
    CHECK(g.st_nlink == (uint32_t)h.st_nlink && g.st_blksize == (int32_t)h.st_blksize);
    CHECK(g.st_mtime_sec == h.st_mtim.tv_sec && g.st_mtime_nsec == (uint64_t)h.st_mtim.tv_nsec);
    struct statfs hs;
    memset(&hs, 0, sizeof hs);
    memcpy(&hs, a->b, sizeof hs < sizeof a->b ? sizeof hs : sizeof a->b);
    struct statfs_a64 gs;
    xlat_statfs_h2g(&hs, &gs);
    CHECK(gs.f_type == hs.f_type && gs.f_bsize == hs.f_bsize && gs.f_blocks == hs.f_blocks);
    CHECK(gs.f_fsid[0] == hs.f_fsid.__val[0] && gs.f_fsid[1] == hs.f_fsid.__val[1]);
}

static void fuzz_epoll(const struct arg *a)
{
    struct epoll_event_a64 g = {(uint32_t)a->w[0], (uint32_t)(a->w[0] >> 32), a->w[1]};
    struct epoll_event h = {0, {0}};
    int r = xlat_epoll_event_g2h(&g, &h);
    CHECK((r == 0) == !(g.events & ~EPOLL_EVENTS_A64));
    CHECK(r == 0 || r == -EINVAL);
    if (r == 0) {
        struct epoll_event_a64 back = {0, 0, 0};
        xlat_epoll_event_h2g(&h, &back);
        CHECK(back.events == g.events && back.data == g.data);
    }
    CHECK(xlat_timerfd_clock_ok(a->w[2]) == (a->w[2] == 0 || a->w[2] == 1 || a->w[2] == 7 ||
                                             a->w[2] == 8 || a->w[2] == 9));
}

static void fuzz_misc(const struct arg *a)
{
    uint32_t p = (uint32_t)a->w[0];
    if (xlat_personality_ok(p))
        CHECK((p & 0xff) == 0 && !(p & ~(uint32_t)PER_FLAGS_A64));
    (void)xlat_adjtimex_readonly((uint32_t)a->w[1]);
    CHECK(xlat_adjtimex_readonly(0));
    uint32_t m = (uint32_t)a->w[2];
    if (xlat_memfd_flags_ok(m)) {
        CHECK(!((m & MFD_EXEC_A64) && (m & MFD_NOEXEC_SEAL_A64)));
        if (!(m & MFD_HUGETLB_A64))
            CHECK(!(m & ~(uint32_t)(MFD_CLOEXEC_A64 | MFD_ALLOW_SEALING_A64 | MFD_NOEXEC_SEAL_A64 |
                                    MFD_EXEC_A64)));
    }
    uint64_t cmd = a->w[3], fl = a->w[4] & (a->b[63] & 1 ? ~0ull : 1);
    if (xlat_membarrier_cmd_ok(cmd, fl)) {
        uint32_t c = (uint32_t)cmd;
        CHECK(c == 0 || (!(c & (c - 1)) && c <= MEMBARRIER_CMD_GET_REGISTRATIONS_A64));
        CHECK((uint32_t)fl == 0 || (uint32_t)fl == MEMBARRIER_CMD_FLAG_CPU_A64);
    }
}

static void fuzz_net(const struct arg *a)
{
    uint64_t g = a->w[0] & (a->b[63] & 1 ? (uint64_t)MSG_KNOWN_A64 : ~0ull);
    int h = -7;
    long r = xlat_msg_flags_g2h(g, &h);
    CHECK((r == 0) == !(g & ~(uint64_t)MSG_KNOWN_A64));
    if (r == 0)
        CHECK((uint64_t)(unsigned)h == g);
    uint64_t t = a->w[1] & (a->b[62] & 1 ? 0xffffffffull : ~0ull);
    r = xlat_sock_type_g2h(t, &h);
    if (r == 0)
        CHECK(t <= 0xffffffffu && (uint32_t)h == (uint32_t)t &&
              !((uint32_t)t & ~(uint32_t)(SOCK_TYPE_MASK_A64 | SOCK_NONBLOCK_A64 | SOCK_CLOEXEC_A64)));
    else
        CHECK(r == -EINVAL);
}

static void fuzz_mm(const struct arg *a)
{
    uint64_t g = a->w[0] & (a->b[63] & 1 ? 0x3000007ull : ~0ull);
    int prot = -1;
    if (xlat_mmap_prot(g, false, &prot))
        CHECK(!(g & ~(uint64_t)PROT_KNOWN_A64) && prot == (int)g);
    if (xlat_mmap_prot(g, false, &prot))
        CHECK(xlat_mprotect_ok(g, &prot)); /* mprotect accepts more, never less */
    if (xlat_mprotect_ok(g, &prot))
        CHECK(prot >= 0 && prot <= 7 && !(g & PROT_GROWSUP_A64 && g & PROT_GROWSDOWN_A64));

    uint64_t f = a->w[1] & (a->b[62] & 1 ? 0x1fffffull : ~0ull);
    int h = 0;
    if (xlat_mmap_flags(f, &h)) {
        CHECK(!(h & (MAP_FIXED | MAP_FIXED_NOREPLACE | MAP_HUGETLB | MAP_GROWSDOWN)));
        uint64_t type = f & MAP_TYPE_A64;
        CHECK(type >= 1 && type <= 3 && (h & MAP_TYPE) == (int)type); /* same values */
        CHECK(!(f & MAP_HUGETLB_A64) && !(f >> 32));
        CHECK(!!(h & MAP_ANONYMOUS) == !!(f & MAP_ANONYMOUS_A64));
        CHECK(!(h & MAP_SYNC) || type == MAP_SHARED_VALIDATE_A64);
    }
    uint64_t rf = a->w[2] & (a->b[61] & 1 ? 7 : ~0ull);
    if (xlat_mremap_flags(rf))
        CHECK(rf <= 3 && rf != MREMAP_FIXED_A64);
    enum madv_kind mk = xlat_madvise(a->w[3] & (a->b[60] & 1 ? 0x7f : ~0ull));
    CHECK(mk <= MADV_K_INVALID);
    uint64_t ms = a->w[4] & (a->b[59] & 1 ? 7 : ~0ull);
    if (xlat_msync_flags(ms, &h))
        CHECK(ms <= 7 && !((h & MS_ASYNC) && (h & MS_SYNC)) &&
              !!(h & MS_INVALIDATE) == !!(ms & MS_INVALIDATE_A64));
    uint64_t ml = a->w[5] & (a->b[58] & 1 ? 7 : ~0ull);
    if (xlat_mlockall_flags(ml))
        CHECK(ml && ml <= 7 && ml != MCL_ONFAULT_A64);
}

static void fuzz_proc(const struct arg *a)
{
    uint64_t c = a->w[0];
    enum clone_kind k = xlat_clone_flags(c);
    CHECK(k <= CLONE_K_INVALID);
    CHECK(xlat_clone_flags(c & 0xffffffffu) == k); /* the upper half is ignored */
    uint32_t c32 = (uint32_t)c;
    if (k == CLONE_K_VFORK)
        CHECK((c32 & (CLONE_VM_A64 | CLONE_VFORK_A64)) == (CLONE_VM_A64 | CLONE_VFORK_A64));
    if (k == CLONE_K_FORK)
        CHECK(!(c32 & CLONE_VM_A64) && (c32 & CSIGNAL_A64) <= 64);
    int h = -1;
    uint64_t w = a->w[1] & (a->b[63] & 1 ? 0xff000007ull : ~0ull);
    if (xlat_wait4_options(w, &h))
        CHECK((uint32_t)h == (uint32_t)w);
    if (xlat_waitid_options(w, &h))
        CHECK((uint32_t)h == (uint32_t)w && (w & (WEXITED_A64 | WSTOPPED_A64 | WCONTINUED_A64)));
    unsigned pf;
    if (xlat_pidfd_open_flags(w, &pf))
        CHECK(!(pf & ~(unsigned)(O_NONBLOCK | O_EXCL)) &&
              !!(pf & O_NONBLOCK) == !!(w & PIDFD_NONBLOCK_A64));
    if (xlat_pidfd_signal_flags(w, &pf))
        CHECK(pf <= 4 && !(pf & (pf - 1)));
    int res = xlat_rlimit_resource(a->w[2] & (a->b[62] & 1 ? 0x1f : ~0ull));
    CHECK(res >= -1 && res < RLIM_NLIMITS && res < RLIM_NLIMITS_A64);
    uint64_t s = xlat_sigset_to_host(a->w[3]);
    CHECK(!(s & ~a->w[3]));
    CHECK(!(s & (sig_bit_a64(SIGSEGV) | sig_bit_a64(SIGBUS) | sig_bit_a64(SIGKILL) |
                 sig_bit_a64(SIGSTOP))));
    CHECK(!(xlat_sa_flags_nohandler(a->w[4]) & ~(unsigned long)(SA_NOCLDSTOP | SA_NOCLDWAIT)));
    uint64_t fo = a->w[5] & (a->b[61] & 1 ? 0x1ff : ~0ull);
    enum futex_kind fk = xlat_futex_op(fo, &h);
    CHECK(fk <= FUTEX_K_UNSUPPORTED);
    if (fk != FUTEX_K_UNSUPPORTED)
        CHECK((uint32_t)h == (uint32_t)fo && !((uint32_t)fo & ~0x1ffu));
}

static void fuzz_term(const struct arg *a)
{
    struct termios_a64 g, g2;
    memcpy(&g, a->b, sizeof g);
    struct termios h;
    memset(&h, 0, sizeof h);
    xlat_termios_g2h(&g, &h);
    memset(&g2, 0, sizeof g2);
    xlat_termios_h2g(&h, &g2);
    CHECK(memcmp(&g, &g2, sizeof g) == 0);

    struct termios2_a64 t, t2;
    memcpy(&t, a->b, sizeof t);
    struct termios2 th;
    memset(&th, 0, sizeof th);
    xlat_termios2_g2h(&t, &th);
    memset(&t2, 0, sizeof t2);
    xlat_termios2_h2g(&th, &t2);
    CHECK(memcmp(&t, &t2, sizeof t) == 0);

    struct winsize_a64 w, w2;
    memcpy(&w, a->b + 44, sizeof w);
    uint16_t hw[4];
    xlat_winsize_g2h(&w, hw);
    xlat_winsize_h2g(hw, &w2);
    CHECK(memcmp(&w, &w2, sizeof w) == 0);

    uint64_t req = a->w[7];
    const struct term_ioc *e = xlat_ioctl_lookup(req);
    size_t n = sizeof term_iocs / sizeof term_iocs[0];
    if (e) {
        CHECK(e >= term_iocs && e < term_iocs + n && e->req == (uint32_t)req);
    } else {
        for (size_t k = 0; k < n; k++)
            CHECK(term_iocs[k].req != (uint32_t)req);
    }
    /* every table entry is found by its own request, whatever the upper half */
    const struct term_ioc *row = &term_iocs[a->b[0] % n];
    CHECK(xlat_ioctl_lookup(row->req | (req << 32)) == row);
}

static void (*const families[])(const struct arg *) = {
    fuzz_open, fuzz_open_how, fuzz_stat, fuzz_epoll, fuzz_misc,
    fuzz_net,  fuzz_mm,       fuzz_proc, fuzz_term,
};
#define NFAM (sizeof families / sizeof families[0])

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
    if (n == 0)
        return 0;
    struct arg a;
    memset(&a, 0, sizeof a);
    memcpy(a.b, d + 1, n - 1 < sizeof a.b ? n - 1 : sizeof a.b);
    families[d[0] % NFAM](&a);
    return 0;
}

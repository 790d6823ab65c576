/* Guest ABI of the event-descriptor calls (syscalls/abi_events.h) and their
 * handlers driven on a small guest region: struct epoll_event conversion
 * (arm64 16 bytes <-> x86-64 packed 12; the padding word never written),
 * unknown-bit rejection for epoll/eventfd/timerfd/inotify flags, pvm's
 * descriptors refused as closed ones, and new descriptors kept below
 * fd_pvm_base. */
#include <check.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/mem.h"
#include "syscalls/abi_events.h"
#include "syscalls/fdtab.h"
#include "syscalls/syscall.h"

/* ---- pure conversions ---- */

START_TEST(test_epoll_event_layout)
{
    ck_assert_uint_eq(sizeof(struct epoll_event_a64), 16);
    ck_assert_uint_eq(sizeof(struct epoll_event), 12);
    struct epoll_event_a64 g = {.events = EPOLLIN_A64 | EPOLLET_A64 | EPOLLONESHOT_A64,
                                .pad = 0x12345678,
                                .data = 0x8000000000000001ull};
    struct epoll_event h;
    memset(&h, 0xcc, sizeof h);
    ck_assert_int_eq(xlat_epoll_event_g2h(&g, &h), 0);
    ck_assert_uint_eq(h.events, EPOLLIN | EPOLLET | EPOLLONESHOT);
    ck_assert_uint_eq(h.data.u64, 0x8000000000000001ull);
    /* the packed host bytes: events at 0, data at 4 */
    unsigned char raw[12];
    memcpy(raw, &h, 12);
    uint64_t d;
    memcpy(&d, raw + 4, 8);
    ck_assert_uint_eq(d, 0x8000000000000001ull);

    /* back: events and data stored, the guest's padding kept */
    struct epoll_event hh = {.events = EPOLLOUT | EPOLLHUP, .data.u64 = ~0ull};
    struct epoll_event_a64 gg = {.events = 0, .pad = 0xa5a5a5a5, .data = 0};
    xlat_epoll_event_h2g(&hh, &gg);
    ck_assert_uint_eq(gg.events, EPOLLOUT_A64 | EPOLLHUP_A64);
    ck_assert_uint_eq(gg.pad, 0xa5a5a5a5);
    ck_assert_uint_eq(gg.data, ~0ull);

    /* every defined bit passes alone, every other bit is refused */
    for (int b = 0; b < 32; b++) {
        struct epoll_event_a64 one = {.events = 1u << b, .data = (uint64_t)b * 0x0101010101010101ull};
        int r = xlat_epoll_event_g2h(&one, &h);
        if ((1u << b) & EPOLL_EVENTS_A64) {
            ck_assert_int_eq(r, 0);
            ck_assert_uint_eq(h.events, 1u << b);
            ck_assert_uint_eq(h.data.u64, one.data);
        } else {
            ck_assert_int_eq(r, -EINVAL);
        }
    }
    /* EPOLL_URING_WAKE (kernel-internal) and the gaps are not guest bits */
    ck_assert(!(EPOLL_EVENTS_A64 & (1u << 27)));
    ck_assert(!(EPOLL_EVENTS_A64 & 0x1800));
    ck_assert_uint_eq(EPOLL_MAX_EVENTS_A64, 0x7fffffff / 16);
}
END_TEST

START_TEST(test_event_flag_values)
{
    /* the O_* based flags: asm-generic values, the same as x86-64's */
    ck_assert_int_eq(EPOLL_CLOEXEC_A64, 02000000);
    ck_assert_int_eq(EFD_NONBLOCK_A64, 04000);
    ck_assert_int_eq(TFD_CLOEXEC_A64, O_CLOEXEC);
    ck_assert_int_eq(IN_NONBLOCK_A64, O_NONBLOCK);
    ck_assert_int_eq(EFD_FLAGS_A64, EFD_SEMAPHORE | EFD_NONBLOCK | EFD_CLOEXEC);
    ck_assert(xlat_timerfd_clock_ok(CLOCK_MONOTONIC));
    ck_assert(xlat_timerfd_clock_ok(CLOCK_BOOTTIME_ALARM));
    ck_assert(!xlat_timerfd_clock_ok(CLOCK_PROCESS_CPUTIME_ID));
    ck_assert(!xlat_timerfd_clock_ok(CLOCK_MONOTONIC_RAW));
    ck_assert(!xlat_timerfd_clock_ok(0xffffffffu));
    ck_assert_uint_eq(IN_MASK_BITS_A64, 0xf700ffffu & ~0x1000u);
}
END_TEST

/* ---- handlers on a guest region ---- */

#define GE_SCRATCH 0x300000ull
static struct cpu ecpu;

static void ev_setup(void)
{
    if (!guest_base)
        ck_assert(mem_init(1ull << 32));
    ck_assert_int_eq(mprotect(guest_base + GE_SCRATCH, 0x10000, PROT_READ | PROT_WRITE), 0);
    mem_set_flags(GE_SCRATCH, 0x10000, mem_prot_flags(3));
    memset(guest_base + GE_SCRATCH, 0, 0x10000);
}

static void ev_teardown(void)
{
    mem_set_flags(GE_SCRATCH, 0x10000, 0);
    mprotect(guest_base + GE_SCRATCH, 0x10000, PROT_NONE);
}

static int64_t ecall(int64_t (*fn)(struct cpu *, const uint64_t *), uint64_t a0, uint64_t a1,
                     uint64_t a2, uint64_t a3, uint64_t a4, uint64_t a5)
{
    const uint64_t a[6] = {a0, a1, a2, a3, a4, a5};
    return fn(&ecpu, a);
}

static void *gp(uint64_t off) { return guest_base + GE_SCRATCH + off; }

START_TEST(test_sys_epoll)
{
    ev_setup();
    int p[2];
    ck_assert_int_eq(pipe(p), 0);
    int64_t ep = ecall(sys_epoll_create1, EPOLL_CLOEXEC_A64, 0, 0, 0, 0, 0);
    ck_assert_int_ge(ep, 0);
    ck_assert_int_eq(fcntl((int)ep, F_GETFD) & FD_CLOEXEC, FD_CLOEXEC);
    ck_assert_int_eq(ecall(sys_epoll_create1, 1, 0, 0, 0, 0, 0), -EINVAL);

    /* a guest event in the arm64 layout */
    struct epoll_event_a64 g = {.events = EPOLLIN_A64 | EPOLLOUT_A64, .data = 0xfedcba9876543211ull};
    memcpy(gp(0), &g, sizeof g);
    ck_assert_int_eq(ecall(sys_epoll_ctl, (uint64_t)ep, EPOLL_CTL_ADD_A64, (uint64_t)p[1],
                           GE_SCRATCH, 0, 0), 0);
    g.data = 0x0123456789abcdefull;
    g.events = EPOLLIN_A64;
    memcpy(gp(0), &g, sizeof g);
    ck_assert_int_eq(ecall(sys_epoll_ctl, (uint64_t)ep, EPOLL_CTL_ADD_A64, (uint64_t)p[0],
                           GE_SCRATCH, 0, 0), 0);
    /* unknown bits, bad pointer; DEL needs no event */
    g.events = EPOLLIN_A64 | 0x800;
    memcpy(gp(0), &g, sizeof g);
    ck_assert_int_eq(ecall(sys_epoll_ctl, (uint64_t)ep, EPOLL_CTL_MOD_A64, (uint64_t)p[0],
                           GE_SCRATCH, 0, 0), -EINVAL);
    ck_assert_int_eq(ecall(sys_epoll_ctl, (uint64_t)ep, EPOLL_CTL_MOD_A64, (uint64_t)p[0],
                           guest_size - 8, 0, 0), -EFAULT);

    /* results: 16-byte slots, padding untouched */
    ck_assert_int_eq(write(p[1], "x", 1), 1);
    memset(gp(0x100), 0xa5, 4 * 16);
    int64_t n = ecall(sys_epoll_pwait, (uint64_t)ep, GE_SCRATCH + 0x100, 4, 0, 0, 0);
    ck_assert_int_eq(n, 2);
    uint64_t seen = 0;
    for (int k = 0; k < n; k++) {
        struct epoll_event_a64 r;
        memcpy(&r, gp(0x100 + 16 * (uint64_t)k), sizeof r);
        ck_assert_uint_eq(r.pad, 0xa5a5a5a5);
        if (r.data == 0xfedcba9876543211ull) {
            ck_assert_uint_eq(r.events, EPOLLOUT_A64);
            seen |= 1;
        } else if (r.data == 0x0123456789abcdefull) {
            ck_assert_uint_eq(r.events, EPOLLIN_A64);
            seen |= 2;
        }
    }
    ck_assert_uint_eq(seen, 3);
    /* slot 2 was not written */
    ck_assert_uint_eq(*(uint32_t *)gp(0x100 + 32), 0xa5a5a5a5);

    /* maxevents and range checks */
    ck_assert_int_eq(ecall(sys_epoll_pwait, (uint64_t)ep, GE_SCRATCH, 0, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(ecall(sys_epoll_pwait, (uint64_t)ep, GE_SCRATCH, (uint64_t)-1, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(ecall(sys_epoll_pwait, (uint64_t)ep, GE_SCRATCH, EPOLL_MAX_EVENTS_A64 + 1, 0, 0, 0),
                     -EINVAL);
    ck_assert_int_eq(ecall(sys_epoll_pwait, (uint64_t)ep, guest_size - 16, 2, 0, 0, 0), -EFAULT);
    /* sigmask: wrong size, unreadable */
    ck_assert_int_eq(ecall(sys_epoll_pwait, (uint64_t)ep, GE_SCRATCH, 1, 0, GE_SCRATCH + 0x800, 4),
                     -EINVAL);
    ck_assert_int_eq(ecall(sys_epoll_pwait, (uint64_t)ep, GE_SCRATCH, 1, 0, guest_size - 4, 8),
                     -EFAULT);
    ck_assert_int_eq(ecall(sys_epoll_pwait, (uint64_t)ep, GE_SCRATCH, 1, 0, GE_SCRATCH + 0x800, 8), 1);

    /* epoll_pwait2: timespec timeout; an invalid one is the host's EINVAL */
    struct timespec ts = {0, 0};
    memcpy(gp(0x900), &ts, sizeof ts);
    ck_assert_int_eq(ecall(sys_epoll_pwait2, (uint64_t)ep, GE_SCRATCH + 0x100, 4, GE_SCRATCH + 0x900, 0, 0), 2);
    ts.tv_nsec = 1000000000;
    memcpy(gp(0x900), &ts, sizeof ts);
    ck_assert_int_eq(ecall(sys_epoll_pwait2, (uint64_t)ep, GE_SCRATCH + 0x100, 4, GE_SCRATCH + 0x900, 0, 0),
                     -EINVAL);
    ck_assert_int_eq(ecall(sys_epoll_pwait2, (uint64_t)ep, GE_SCRATCH + 0x100, 4, guest_size - 8, 0, 0),
                     -EFAULT);

    /* pvm's descriptors: EBADF as closed ones, in either position */
    int hidden = fcntl(p[0], F_DUPFD_CLOEXEC, 900);
    ck_assert_int_ge(hidden, 900);
    int saved = fd_pvm_base;
    fd_pvm_base = 900;
    g.events = EPOLLIN_A64;
    memcpy(gp(0), &g, sizeof g);
    ck_assert_int_eq(ecall(sys_epoll_ctl, (uint64_t)ep, EPOLL_CTL_ADD_A64, (uint64_t)hidden,
                           GE_SCRATCH, 0, 0), -EBADF);
    int hep = fcntl((int)ep, F_DUPFD_CLOEXEC, 900);
    ck_assert_int_eq(ecall(sys_epoll_ctl, (uint64_t)hep, EPOLL_CTL_DEL_A64, (uint64_t)p[0], 0, 0, 0),
                     -EBADF);
    ck_assert_int_eq(ecall(sys_epoll_pwait, (uint64_t)hep, GE_SCRATCH + 0x100, 4, 0, 0, 0), -EBADF);
    /* a new descriptor landing in pvm's range: EMFILE, as at RLIMIT_NOFILE */
    int lowest = dup(0);
    close(lowest);
    fd_pvm_base = lowest;
    ck_assert_int_eq(ecall(sys_epoll_create1, 0, 0, 0, 0, 0, 0), -EMFILE);
    ck_assert_int_eq(ecall(sys_eventfd2, 0, 0, 0, 0, 0, 0), -EMFILE);
    ck_assert_int_eq(ecall(sys_timerfd_create, CLOCK_MONOTONIC_A64, 0, 0, 0, 0, 0), -EMFILE);
    ck_assert_int_eq(ecall(sys_inotify_init1, 0, 0, 0, 0, 0, 0), -EMFILE);
    ck_assert_int_eq(fcntl(lowest, F_GETFD), -1); /* closed again */
    fd_pvm_base = saved;
    close(hidden);
    close(hep);

    ck_assert_int_eq(ecall(sys_epoll_ctl, (uint64_t)ep, EPOLL_CTL_DEL_A64, (uint64_t)p[0], 0, 0, 0), 0);
    close((int)ep);
    close(p[0]);
    close(p[1]);
    ev_teardown();
}
END_TEST

START_TEST(test_sys_eventfd_timerfd_inotify)
{
    ev_setup();
    /* eventfd2: semaphore mode through the host; unknown flags refused */
    int64_t e = ecall(sys_eventfd2, 3, EFD_SEMAPHORE_A64 | EFD_NONBLOCK_A64, 0, 0, 0, 0);
    ck_assert_int_ge(e, 0);
    uint64_t v = 0;
    ck_assert_int_eq(read((int)e, &v, 8), 8);
    ck_assert_uint_eq(v, 1);
    close((int)e);
    ck_assert_int_eq(ecall(sys_eventfd2, 0, 2, 0, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(ecall(sys_eventfd2, 0, 1ull << 31, 0, 0, 0, 0), -EINVAL);

    /* timerfd: clocks, flags, itimerspec both ways */
    ck_assert_int_eq(ecall(sys_timerfd_create, 99, 0, 0, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(ecall(sys_timerfd_create, CLOCK_MONOTONIC_A64, 1, 0, 0, 0, 0), -EINVAL);
    int64_t t = ecall(sys_timerfd_create, CLOCK_MONOTONIC_A64, TFD_NONBLOCK_A64, 0, 0, 0, 0);
    ck_assert_int_ge(t, 0);
    struct itimerspec_a64 its = {.interval_sec = 3, .interval_nsec = 500, .value_sec = 100};
    memcpy(gp(0), &its, sizeof its);
    ck_assert_int_eq(ecall(sys_timerfd_settime, (uint64_t)t, 0, GE_SCRATCH, 0, 0, 0), 0);
    ck_assert_int_eq(ecall(sys_timerfd_settime, (uint64_t)t, 4, GE_SCRATCH, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(ecall(sys_timerfd_settime, (uint64_t)t, 0, guest_size - 8, 0, 0, 0), -EFAULT);
    ck_assert_int_eq(ecall(sys_timerfd_gettime, (uint64_t)t, GE_SCRATCH + 0x100, 0, 0, 0, 0), 0);
    struct itimerspec_a64 cur;
    memcpy(&cur, gp(0x100), sizeof cur);
    ck_assert_int_eq(cur.interval_sec, 3);
    ck_assert_int_eq(cur.interval_nsec, 500);
    ck_assert(cur.value_sec > 90 && cur.value_sec <= 100);
    ck_assert_int_eq(ecall(sys_timerfd_gettime, (uint64_t)t, guest_size - 8, 0, 0, 0, 0), -EFAULT);
    /* old value out, then disarmed */
    memset(gp(0), 0, sizeof its);
    ck_assert_int_eq(ecall(sys_timerfd_settime, (uint64_t)t, 0, GE_SCRATCH, GE_SCRATCH + 0x200, 0, 0), 0);
    memcpy(&cur, gp(0x200), sizeof cur);
    ck_assert_int_eq(cur.interval_sec, 3);
    int saved = fd_pvm_base;
    int hidden = fcntl((int)t, F_DUPFD_CLOEXEC, 900);
    fd_pvm_base = 900;
    ck_assert_int_eq(ecall(sys_timerfd_settime, (uint64_t)hidden, 0, GE_SCRATCH, 0, 0, 0), -EBADF);
    ck_assert_int_eq(ecall(sys_timerfd_gettime, (uint64_t)hidden, GE_SCRATCH, 0, 0, 0, 0), -EBADF);
    fd_pvm_base = saved;
    close(hidden);
    close((int)t);

    /* inotify: flags, masks, path through the guest's view */
    ck_assert_int_eq(ecall(sys_inotify_init1, 1, 0, 0, 0, 0, 0), -EINVAL);
    int64_t in = ecall(sys_inotify_init1, IN_NONBLOCK_A64 | IN_CLOEXEC_A64, 0, 0, 0, 0, 0);
    ck_assert_int_ge(in, 0);
    strcpy(gp(0x400), "/tmp");
    int64_t wd = ecall(sys_inotify_add_watch, (uint64_t)in, GE_SCRATCH + 0x400, IN_CREATE, 0, 0, 0);
    ck_assert_int_gt(wd, 0);
    ck_assert_int_eq(ecall(sys_inotify_add_watch, (uint64_t)in, GE_SCRATCH + 0x400, IN_CREATE | 0x1000, 0, 0, 0),
                     -EINVAL);
    ck_assert_int_eq(ecall(sys_inotify_add_watch, (uint64_t)in, GE_SCRATCH + 0x400, 0, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(ecall(sys_inotify_add_watch, (uint64_t)in, GE_SCRATCH + 0x400,
                           IN_MODIFY | IN_MASK_ADD_A64 | IN_MASK_CREATE_A64, 0, 0, 0), -EINVAL);
    ck_assert_int_eq(ecall(sys_inotify_add_watch, (uint64_t)in, guest_size - 1, IN_CREATE, 0, 0, 0), -EFAULT);
    hidden = fcntl((int)in, F_DUPFD_CLOEXEC, 900);
    fd_pvm_base = 900;
    ck_assert_int_eq(ecall(sys_inotify_add_watch, (uint64_t)hidden, GE_SCRATCH + 0x400, IN_CREATE, 0, 0, 0),
                     -EBADF);
    ck_assert_int_eq(ecall(sys_inotify_rm_watch, (uint64_t)hidden, (uint64_t)wd, 0, 0, 0, 0), -EBADF);
    fd_pvm_base = saved;
    close(hidden);
    ck_assert_int_eq(ecall(sys_inotify_rm_watch, (uint64_t)in, (uint64_t)wd, 0, 0, 0, 0), 0);
    close((int)in);
    ev_teardown();
}
END_TEST

Suite *suite_xlat_events(void)
{
    Suite *s = suite_create("xlat_events");
    TCase *t = tcase_create("events");
    tcase_add_test(t, test_epoll_event_layout);
    tcase_add_test(t, test_event_flag_values);
    tcase_add_test(t, test_sys_epoll);
    tcase_add_test(t, test_sys_eventfd_timerfd_inotify);
    suite_add_tcase(s, t);
    return s;
}

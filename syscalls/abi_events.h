/* arm64 ABI facts for the event-descriptor calls (epoll, eventfd, timerfd,
 * signalfd, inotify), from /usr/aarch64-linux-gnu/include/{linux,asm-generic}. The one
 * layout that differs is struct epoll_event: x86-64 packs it to 12 bytes,
 * arm64 has {u32 events; 4 bytes pad; u64 data} = 16 bytes. Every flag value
 * is the same on both (asserted below); unknown guest bits give -EINVAL. */
#ifndef PVM_SYSCALLS_ABI_EVENTS_H
#define PVM_SYSCALLS_ABI_EVENTS_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/signalfd.h>
#include <sys/timerfd.h>
#include <time.h>

/* O_NONBLOCK / O_CLOEXEC: asm-generic values, not overridden by arm64 */
#define EV_O_NONBLOCK_A64 04000
#define EV_O_CLOEXEC_A64 02000000

/* ---- epoll ---- */

#define EPOLL_CLOEXEC_A64 EV_O_CLOEXEC_A64
#define EPOLL_CTL_ADD_A64 1
#define EPOLL_CTL_DEL_A64 2
#define EPOLL_CTL_MOD_A64 3

#define EPOLLIN_A64 0x001u
#define EPOLLPRI_A64 0x002u
#define EPOLLOUT_A64 0x004u
#define EPOLLERR_A64 0x008u
#define EPOLLHUP_A64 0x010u
#define EPOLLNVAL_A64 0x020u
#define EPOLLRDNORM_A64 0x040u
#define EPOLLRDBAND_A64 0x080u
#define EPOLLWRNORM_A64 0x100u
#define EPOLLWRBAND_A64 0x200u
#define EPOLLMSG_A64 0x400u
#define EPOLLRDHUP_A64 0x2000u
#define EPOLLEXCLUSIVE_A64 (1u << 28)
#define EPOLLWAKEUP_A64 (1u << 29)
#define EPOLLONESHOT_A64 (1u << 30)
#define EPOLLET_A64 (1u << 31)
/* Bits a guest may ask for in epoll_ctl. The kernel ignores undefined bits
 * (and EPOLL_URING_WAKE, 1 << 27, is kernel-internal); pvm refuses them. */
#define EPOLL_EVENTS_A64                                                                   \
    (EPOLLIN_A64 | EPOLLPRI_A64 | EPOLLOUT_A64 | EPOLLERR_A64 | EPOLLHUP_A64 |             \
     EPOLLNVAL_A64 | EPOLLRDNORM_A64 | EPOLLRDBAND_A64 | EPOLLWRNORM_A64 | EPOLLWRBAND_A64 | \
     EPOLLMSG_A64 | EPOLLRDHUP_A64 | EPOLLEXCLUSIVE_A64 | EPOLLWAKEUP_A64 | EPOLLONESHOT_A64 | \
     EPOLLET_A64)

_Static_assert(EPOLL_CLOEXEC == EPOLL_CLOEXEC_A64 && EPOLL_CTL_ADD == EPOLL_CTL_ADD_A64 &&
                   EPOLL_CTL_DEL == EPOLL_CTL_DEL_A64 && EPOLL_CTL_MOD == EPOLL_CTL_MOD_A64,
               "epoll_create1/epoll_ctl constants are arch-independent");
_Static_assert(EPOLLIN == EPOLLIN_A64 && EPOLLPRI == EPOLLPRI_A64 && EPOLLOUT == EPOLLOUT_A64 &&
                   EPOLLERR == EPOLLERR_A64 && EPOLLHUP == EPOLLHUP_A64 &&
                   EPOLLRDNORM == EPOLLRDNORM_A64 && EPOLLRDBAND == EPOLLRDBAND_A64 &&
                   EPOLLWRNORM == EPOLLWRNORM_A64 && EPOLLWRBAND == EPOLLWRBAND_A64 &&
                   EPOLLMSG == EPOLLMSG_A64 && EPOLLRDHUP == EPOLLRDHUP_A64 &&
                   EPOLLEXCLUSIVE == EPOLLEXCLUSIVE_A64 && EPOLLWAKEUP == EPOLLWAKEUP_A64 &&
                   EPOLLONESHOT == EPOLLONESHOT_A64 && (uint32_t)EPOLLET == EPOLLET_A64,
               "EPOLL* event bits are arch-independent");

/* arm64's struct epoll_event: natural alignment, 4 bytes of padding that
 * the kernel never reads nor writes */
struct epoll_event_a64 {
    uint32_t events;
    uint32_t pad;
    uint64_t data;
};
_Static_assert(sizeof(struct epoll_event_a64) == 16 &&
                   offsetof(struct epoll_event_a64, data) == 8,
               "arm64 struct epoll_event");
/* the host's (x86-64) struct epoll_event is packed */
_Static_assert(sizeof(struct epoll_event) == 12 && offsetof(struct epoll_event, data) == 4,
               "x86-64 struct epoll_event is packed");

#define EPOLL_EVENT_SIZE_A64 16u
/* the kernel's EP_MAX_EVENTS for the guest's event size */
#define EPOLL_MAX_EVENTS_A64 (INT32_MAX / EPOLL_EVENT_SIZE_A64)

/* guest event (epoll_ctl) to host; -EINVAL for a bit no arch defines */
static inline int xlat_epoll_event_g2h(const struct epoll_event_a64 *g, struct epoll_event *h)
{
    if (g->events & ~EPOLL_EVENTS_A64)
        return -EINVAL;
    h->events = g->events;
    h->data.u64 = g->data;
    return 0;
}

/* host event (epoll_pwait result) into a guest slot: only events and data
 * are stored, the padding keeps whatever the guest had there (as the arm64
 * kernel's epoll_put_uevent does) */
static inline void xlat_epoll_event_h2g(const struct epoll_event *h, struct epoll_event_a64 *g)
{
    g->events = h->events;
    g->data = h->data.u64;
}

/* ---- eventfd ---- */

#define EFD_SEMAPHORE_A64 1
#define EFD_NONBLOCK_A64 EV_O_NONBLOCK_A64
#define EFD_CLOEXEC_A64 EV_O_CLOEXEC_A64
#define EFD_FLAGS_A64 (EFD_SEMAPHORE_A64 | EFD_NONBLOCK_A64 | EFD_CLOEXEC_A64)
_Static_assert(EFD_SEMAPHORE == EFD_SEMAPHORE_A64 && EFD_NONBLOCK == EFD_NONBLOCK_A64 &&
                   EFD_CLOEXEC == EFD_CLOEXEC_A64,
               "eventfd flags are arch-independent");

/* ---- timerfd ---- */

#define TFD_NONBLOCK_A64 EV_O_NONBLOCK_A64
#define TFD_CLOEXEC_A64 EV_O_CLOEXEC_A64
#define TFD_CREATE_FLAGS_A64 (TFD_NONBLOCK_A64 | TFD_CLOEXEC_A64)
#define TFD_TIMER_ABSTIME_A64 1
#define TFD_TIMER_CANCEL_ON_SET_A64 2
#define TFD_SETTIME_FLAGS_A64 (TFD_TIMER_ABSTIME_A64 | TFD_TIMER_CANCEL_ON_SET_A64)
_Static_assert(TFD_NONBLOCK == TFD_NONBLOCK_A64 && TFD_CLOEXEC == TFD_CLOEXEC_A64 &&
                   TFD_TIMER_ABSTIME == TFD_TIMER_ABSTIME_A64 &&
                   TFD_TIMER_CANCEL_ON_SET == TFD_TIMER_CANCEL_ON_SET_A64,
               "timerfd flags are arch-independent");

/* the clocks timerfd_create accepts (linux/time.h, arch-independent) */
#define CLOCK_REALTIME_A64 0
#define CLOCK_MONOTONIC_A64 1
#define CLOCK_BOOTTIME_A64 7
#define CLOCK_REALTIME_ALARM_A64 8
#define CLOCK_BOOTTIME_ALARM_A64 9
/* the other clock ids (clock_gettime & co.) */
#define CLOCK_PROCESS_CPUTIME_ID_A64 2
#define CLOCK_THREAD_CPUTIME_ID_A64 3
#define CLOCK_MONOTONIC_RAW_A64 4
#define CLOCK_REALTIME_COARSE_A64 5
#define CLOCK_MONOTONIC_COARSE_A64 6
#define CLOCK_TAI_A64 11

/* struct timespec: {s64 tv_sec; long tv_nsec} on both */
struct timespec_a64 {
    int64_t tv_sec, tv_nsec;
};
_Static_assert(CLOCK_REALTIME == CLOCK_REALTIME_A64 && CLOCK_MONOTONIC == CLOCK_MONOTONIC_A64 &&
                   CLOCK_BOOTTIME == CLOCK_BOOTTIME_A64 &&
                   CLOCK_REALTIME_ALARM == CLOCK_REALTIME_ALARM_A64 &&
                   CLOCK_BOOTTIME_ALARM == CLOCK_BOOTTIME_ALARM_A64,
               "clock ids are arch-independent");

static inline int xlat_timerfd_clock_ok(uint64_t id)
{
    return id == CLOCK_REALTIME_A64 || id == CLOCK_MONOTONIC_A64 || id == CLOCK_BOOTTIME_A64 ||
           id == CLOCK_REALTIME_ALARM_A64 || id == CLOCK_BOOTTIME_ALARM_A64;
}

/* struct itimerspec: two {s64 tv_sec; long tv_nsec} on both */
struct itimerspec_a64 {
    int64_t interval_sec, interval_nsec;
    int64_t value_sec, value_nsec;
};
_Static_assert(sizeof(struct itimerspec) == sizeof(struct itimerspec_a64) &&
                   offsetof(struct itimerspec, it_value) == 16,
               "struct itimerspec has the same layout");

/* ---- signalfd ---- */

#define SFD_NONBLOCK_A64 EV_O_NONBLOCK_A64
#define SFD_CLOEXEC_A64 EV_O_CLOEXEC_A64
#define SFD_FLAGS_A64 (SFD_NONBLOCK_A64 | SFD_CLOEXEC_A64)
_Static_assert(SFD_NONBLOCK == SFD_NONBLOCK_A64 && SFD_CLOEXEC == SFD_CLOEXEC_A64,
               "signalfd flags are arch-independent");
/* struct signalfd_siginfo read() from the descriptor: 128 bytes, the same
 * fields at the same offsets on both */
_Static_assert(sizeof(struct signalfd_siginfo) == 128, "struct signalfd_siginfo");

/* ---- inotify ---- */

#define IN_NONBLOCK_A64 EV_O_NONBLOCK_A64
#define IN_CLOEXEC_A64 EV_O_CLOEXEC_A64
#define IN_INIT_FLAGS_A64 (IN_NONBLOCK_A64 | IN_CLOEXEC_A64)
_Static_assert(IN_NONBLOCK == IN_NONBLOCK_A64 && IN_CLOEXEC == IN_CLOEXEC_A64,
               "inotify_init1 flags are arch-independent");

#define IN_ALL_EVENTS_A64 0x00000fffu
#define IN_UNMOUNT_A64 0x00002000u
#define IN_Q_OVERFLOW_A64 0x00004000u
#define IN_IGNORED_A64 0x00008000u
#define IN_ONLYDIR_A64 0x01000000u
#define IN_DONT_FOLLOW_A64 0x02000000u
#define IN_EXCL_UNLINK_A64 0x04000000u
#define IN_MASK_CREATE_A64 0x10000000u
#define IN_MASK_ADD_A64 0x20000000u
#define IN_ISDIR_A64 0x40000000u
#define IN_ONESHOT_A64 0x80000000u
/* the kernel's ALL_INOTIFY_BITS: it ignores bits outside, pvm refuses them */
#define IN_MASK_BITS_A64                                                                    \
    (IN_ALL_EVENTS_A64 | IN_UNMOUNT_A64 | IN_Q_OVERFLOW_A64 | IN_IGNORED_A64 | IN_ONLYDIR_A64 | \
     IN_DONT_FOLLOW_A64 | IN_EXCL_UNLINK_A64 | IN_MASK_CREATE_A64 | IN_MASK_ADD_A64 |         \
     IN_ISDIR_A64 | IN_ONESHOT_A64)
_Static_assert(IN_ALL_EVENTS == IN_ALL_EVENTS_A64 && IN_UNMOUNT == IN_UNMOUNT_A64 &&
                   IN_Q_OVERFLOW == IN_Q_OVERFLOW_A64 && IN_IGNORED == IN_IGNORED_A64 &&
                   IN_ONLYDIR == IN_ONLYDIR_A64 && IN_DONT_FOLLOW == IN_DONT_FOLLOW_A64 &&
                   IN_EXCL_UNLINK == IN_EXCL_UNLINK_A64 && IN_MASK_CREATE == IN_MASK_CREATE_A64 &&
                   IN_MASK_ADD == IN_MASK_ADD_A64 && IN_ISDIR == IN_ISDIR_A64 &&
                   IN_ONESHOT == IN_ONESHOT_A64,
               "IN_* masks are arch-independent");
/* struct inotify_event {s32 wd; u32 mask, cookie, len; char name[]} read()
 * from the descriptor: the same bytes on both */
_Static_assert(sizeof(struct inotify_event) == 16, "struct inotify_event");

#endif

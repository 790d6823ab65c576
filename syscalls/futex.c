/* futex(2) and futex_waitv(2), and the robust-list walk at a thread's exit
 * (syscalls/futex.h).
 * The host kernel does the work, on each word at its host address
 * (guest_base + address): guest threads are host threads and guest memory
 * is host memory, so threads, and processes sharing pages, meet on the very
 * words the guest uses, private and shared alike; PI words hold tids, and
 * guest tids are host tids, so the PI ops pass through as well. What pvm
 * checks or converts before the host sees it: the op (syscalls/abi_proc.h;
 * what the kernel does not know is ENOSYS); every pointer the op uses (4-byte
 * aligned, else EINVAL; inside the guest region, else EFAULT, which a real
 * arm64 kernel would say only of an address it cannot read: a private wake
 * of a user address beyond the region is 0 there); the timeout, copied and
 * checked (EINVAL); futex_waitv's array, copied into host form. The checks
 * run in the kernel's order (kernel/futex/syscalls.c do_futex and the op's
 * own checks before it takes a futex key), so a call with two faults gets
 * the kernel's errno. Ops that block go through the safe-syscall stub: an
 * interrupted one is -ERESTARTSYS (an untimed wait, futex_waitv), the
 * restart block of a timed wait (syscalls/restart.h: it runs to an
 * absolute deadline), or the host's -ERESTARTNOINTR from the stub (the PI
 * locks, which the kernel always restarts).
 * Robust lists are guest pointers the host kernel never sees (proc.c keeps
 * set_robust_list's head in c->proc): futex_robust_exit walks one as the
 * kernel's exit_robust_list/handle_futex_death do (kernel/futex/core.c),
 * with fault-safe reads only. */
#include "syscalls/futex.h"

#include <errno.h>
#include <linux/futex.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include "core/mem.h"
#include "signals/safe_syscall.h"
#include "syscalls/abi_events.h"
#include "syscalls/abi_proc.h"
#include "syscalls/restart.h"
#include "syscalls/syscall.h"

#define NSEC 1000000000LL

/* a futex word the op uses: get_futex_key's alignment check, then pvm's
 * region check where the kernel asks access_ok */
static int futex_word_check(uint64_t ga)
{
    if (ga & 3)
        return -EINVAL;
    return mem_range_ok(ga, 4) ? 0 : -EFAULT;
}

/* the commands whose fourth argument is a timeout (futex_cmd_has_timeout);
 * the requeues and WAKE_OP take the count val2 there */
static bool futex_cmd_has_timeout(uint32_t cmd)
{
    switch (cmd) {
    case FUTEX_WAIT_A64:
    case FUTEX_LOCK_PI_A64:
    case FUTEX_LOCK_PI2_A64:
    case FUTEX_WAIT_BITSET_A64:
    case FUTEX_WAIT_REQUEUE_PI_A64: return true;
    default: return false;
    }
}

/* the guest's timespec at ga: EFAULT unreadable, EINVAL out of range
 * (timespec64_valid: no negative seconds, nanoseconds below a second) */
static int futex_timeout(uint64_t ga, struct timespec *ts)
{
    struct timespec_a64 g;
    if (!mem_copy_from_guest(&g, ga, sizeof g))
        return -EFAULT;
    if (g.tv_sec < 0 || (uint64_t)g.tv_nsec >= (uint64_t)NSEC)
        return -EINVAL;
    ts->tv_sec = g.tv_sec;
    ts->tv_nsec = g.tv_nsec;
    return 0;
}

/* The waits (host op hop: WAIT or WAIT_BITSET with its flags). Untimed, an
 * interruption is the default -ERESTARTSYS. Timed, the wait runs to an
 * absolute deadline as the kernel's futex_wait does (FUTEX_WAIT's relative
 * timeout measured on CLOCK_MONOTONIC from now: it becomes WAIT_BITSET with
 * the bitset the kernel gives it, every bit), so an interrupted one
 * continues to the same deadline through restart_syscall. */
static int64_t futex_wait(struct cpu *c, uint64_t uaddr, int hop, uint32_t val,
                          const struct timespec *tp, uint32_t bitset)
{
    if (!tp)
        return sig_hsys(SYS_futex, (long)g2h(uaddr), hop, val, 0, 0, bitset);
    struct timespec deadline = *tp;
    if ((hop & FUTEX_CMD_MASK) == FUTEX_WAIT) {
        struct timespec now;
        clock_gettime(CLOCK_MONOTONIC, &now);
        deadline = restart_deadline(&now, tp);
        hop = (hop & ~FUTEX_CMD_MASK) | FUTEX_WAIT_BITSET;
    }
    return restart_futex_until(c, uaddr, hop, val, bitset, &deadline);
}

/* futex(uaddr, op, val, timeout|val2, uaddr2, val3) */
int64_t sys_futex(struct cpu *c, const uint64_t a[6])
{
    uint32_t op = (uint32_t)a[1], cmd = op & (uint32_t)FUTEX_CMD_MASK_A64;
    uint64_t uaddr = a[0], uaddr2 = a[4];
    uint32_t val = (uint32_t)a[2], val2 = (uint32_t)a[3], val3 = (uint32_t)a[5];
    int r;
    /* the timeout is read and checked before the op is looked at */
    struct timespec ts, *tp = NULL;
    if (a[3] && futex_cmd_has_timeout(cmd)) {
        if ((r = futex_timeout(a[3], &ts)) != 0)
            return r;
        tp = &ts;
    }
    int hop;
    switch (xlat_futex_op(op, &hop)) {
    case FUTEX_K_WAIT:
        if (cmd == FUTEX_WAIT_A64)
            val3 = FUTEX_BITSET_MATCH_ANY_A64;
        if (!val3)
            return -EINVAL;
        if ((r = futex_word_check(uaddr)) != 0)
            return r;
        return futex_wait(c, uaddr, hop, val, tp, val3);
    case FUTEX_K_WAKE:
        if (cmd == FUTEX_WAKE_A64)
            val3 = FUTEX_BITSET_MATCH_ANY_A64;
        if (!val3)
            return -EINVAL;
        if ((r = futex_word_check(uaddr)) != 0)
            return r;
        return sys_ret(syscall(SYS_futex, g2h(uaddr), hop, val, NULL, NULL, val3));
    case FUTEX_K_TWO:
        /* futex_requeue's own checks come before its keys; WAKE_OP has
         * none (its counts may be anything, its encoded op is checked
         * only after the keys, by the host, in the same encoding) */
        if (cmd != FUTEX_WAKE_OP_A64) {
            if ((int32_t)val < 0 || (int32_t)val2 < 0)
                return -EINVAL;
            if (cmd == FUTEX_CMP_REQUEUE_PI_A64 && (uaddr == uaddr2 || val != 1))
                return -EINVAL;
        }
        if ((r = futex_word_check(uaddr)) != 0 || (r = futex_word_check(uaddr2)) != 0)
            return r;
        return sys_ret(syscall(SYS_futex, g2h(uaddr), hop, val, (unsigned long)val2, g2h(uaddr2),
                               val3));
    case FUTEX_K_LOCK_PI:
        if ((r = futex_word_check(uaddr)) != 0)
            return r;
        /* LOCK_PI's timeout is absolute on CLOCK_REALTIME, LOCK_PI2's on
         * the op's clock: the host reads it the same way */
        return sig_hsys(SYS_futex, (long)g2h(uaddr), hop, 0, (long)tp, 0, 0);
    case FUTEX_K_PI:
        /* futex_unlock_pi reads the word before it takes the key: a
         * misaligned word is the host's EPERM (not the caller's tid) or
         * EINVAL, so only the region is pvm's to check there */
        if (cmd == FUTEX_UNLOCK_PI_A64) {
            if (!mem_range_ok(uaddr, 4))
                return -EFAULT;
        } else if ((r = futex_word_check(uaddr)) != 0) {
            return r;
        }
        return sys_ret(syscall(SYS_futex, g2h(uaddr), hop, 0, NULL, NULL, 0));
    case FUTEX_K_WAIT_REQUEUE_PI:
        /* futex_wait_requeue_pi: distinct words, then uaddr2's key first */
        if (uaddr == uaddr2)
            return -EINVAL;
        if ((r = futex_word_check(uaddr2)) != 0 || (r = futex_word_check(uaddr)) != 0)
            return r;
        return sig_hsys(SYS_futex, (long)g2h(uaddr), hop, val, (long)tp, (long)g2h(uaddr2),
                        FUTEX_BITSET_MATCH_ANY);
    default:
        return -ENOSYS;
    }
}

/* futex_waitv(waiters, nr_futexes, flags, timeout, clockid): the array is
 * copied and each entry turned into the host's (its word's host address,
 * its flags translated), checked in the kernel's order: the call's
 * arguments, the clock and the timeout, every entry's flags (futex_parse_waitv),
 * then every entry's word (the keys). The timeout is absolute, so an
 * interrupted call simply restarts (-ERESTARTSYS). */
int64_t sys_futex_waitv(struct cpu *c, const uint64_t a[6])
{
    uint64_t gv = a[0];
    uint32_t nr = (uint32_t)a[1], flags = (uint32_t)a[2];
    int clk = (int)a[4], hclk = CLOCK_MONOTONIC;
    if (flags != 0)
        return -EINVAL;
    if (nr == 0 || nr > FUTEX_WAITV_MAX_A64 || !gv)
        return -EINVAL;
    struct timespec ts, *tp = NULL;
    if (a[3]) {
        if (clk == CLOCK_REALTIME_A64)
            hclk = CLOCK_REALTIME;
        else if (clk != CLOCK_MONOTONIC_A64)
            return -EINVAL;
        int r = futex_timeout(a[3], &ts);
        if (r != 0)
            return r;
        tp = &ts;
    }
    struct futex_waitv hv[FUTEX_WAITV_MAX_A64];
    uint64_t words[FUTEX_WAITV_MAX_A64];
    for (uint32_t i = 0; i < nr; i++) {
        struct futex_waitv_a64 g;
        if (!mem_copy_from_guest(&g, gv + (uint64_t)i * sizeof g, sizeof g))
            return -EFAULT;
        int hf = xlat_futex2_flags(g.flags);
        /* a value the word's size cannot hold is refused too
         * (futex_validate_input) */
        if (hf < 0 || g.reserved != 0 || g.val > UINT32_MAX)
            return -EINVAL;
        hv[i] = (struct futex_waitv){.val = g.val, .flags = (uint32_t)hf};
        words[i] = g.uaddr;
    }
    for (uint32_t i = 0; i < nr; i++) {
        int r = futex_word_check(words[i]);
        if (r != 0)
            return r;
        hv[i].uaddr = (uint64_t)(uintptr_t)g2h(words[i]);
    }
    return sig_hsys(SYS_futex_waitv, (long)hv, nr, 0, (long)tp, hclk, 0);
}

/* ---- robust lists ---- */

/* The kernel's handle_futex_death for the word at uaddr: 0 to go on, -1
 * when the walk must stop (the word cannot be read, or cannot be written
 * though it holds tid). The compare-exchange runs on the host word only
 * once pvm's page table says the page is writable; guest memory another
 * thread unmaps between that look and the exchange would fault pvm itself,
 * a race a program that frees memory its dying thread holds locks in
 * deserves no better from. */
static int futex_death(uint64_t uaddr, int tid, bool pi, bool pending)
{
    if (uaddr & 3)
        return -1;
    for (;;) {
        uint32_t uval;
        if (!mem_copy_from_guest(&uval, uaddr, sizeof uval))
            return -1;
        /* an unlock, or a woken waiter, cut short by the death before the
         * wake or the acquisition: the word is free and consistent, a
         * waiter just needs waking (setting OWNER_DIED would be wrong) */
        if (pending && !pi && uval == 0) {
            syscall(SYS_futex, g2h(uaddr), FUTEX_WAKE, 1, NULL, NULL, 0);
            return 0;
        }
        if ((uval & FUTEX_TID_MASK_A64) != (uint32_t)tid)
            return 0;
        uint32_t mval = (uval & FUTEX_WAITERS_A64) | FUTEX_OWNER_DIED_A64;
        if (!mem_is_mapped(mem_untag(uaddr), sizeof uval, PG_W))
            return -1;
        uint32_t expected = uval;
        if (!__atomic_compare_exchange_n((uint32_t *)g2h(uaddr), &expected, mval, false,
                                         __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
            continue; /* changed under us: look again */
        /* the kernel wakes without FUTEX_PRIVATE_FLAG: robust mutexes
         * wait on shared futexes (a PI word's waiters are the host's
         * business: its PI state goes with the host thread) */
        if (!pi && (uval & FUTEX_WAITERS_A64))
            syscall(SYS_futex, g2h(uaddr), FUTEX_WAKE, 1, NULL, NULL, 0);
        return 0;
    }
}

/* a list link: the entry's address, and bit 0 (the entry is a PI futex) */
static bool futex_fetch_link(uint64_t ga, uint64_t *entry, bool *pi)
{
    uint64_t v;
    if (!mem_copy_from_guest(&v, ga, sizeof v))
        return false;
    *entry = v & ~1ull;
    *pi = v & 1;
    return true;
}

void futex_robust_exit(struct cpu *c)
{
    /* taken whole: a thread's own exit and another's exit_group (or exec)
     * may walk its list at once; one of them gets it */
    uint64_t head = __atomic_exchange_n(&c->proc.robust_head, 0, __ATOMIC_ACQ_REL);
    if (!head)
        return;
    uint64_t entry, pending, off;
    bool pi, pip;
    if (!futex_fetch_link(head + offsetof(struct robust_list_head_a64, next), &entry, &pi) ||
        !mem_copy_from_guest(&off, head + offsetof(struct robust_list_head_a64, futex_offset),
                             sizeof off) ||
        !futex_fetch_link(head + offsetof(struct robust_list_head_a64, list_op_pending), &pending,
                          &pip))
        return;
    unsigned limit = ROBUST_LIST_LIMIT_A64;
    /* the list is circular through the head's own link */
    while (entry != head) {
        /* the next link is read before the entry's word is changed: an
         * unreadable one ends the walk after this entry */
        uint64_t next = 0;
        bool next_pi = false;
        bool ok = futex_fetch_link(entry, &next, &next_pi);
        /* the pending entry may be on the list already: handled once, below */
        if (entry != pending && futex_death(entry + off, c->tid, pi, false) != 0)
            return;
        if (!ok)
            return;
        entry = next;
        pi = next_pi;
        if (--limit == 0)
            break;
    }
    if (pending)
        futex_death(pending + off, c->tid, pip, true);
}
